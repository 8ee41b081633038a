//! From plan and audience profile to a [`Document`]: the contents and the summary first (for
//! profiles that open with the reader's questions, the summary and those answers come before the
//! contents), then the profile's sections in its order, then the open decisions when the plan is
//! a draft.
//!
//! Each section kind is written by a small function in a module named for what it covers
//! (money, credentials, people…). A section with nothing to show is left out.

mod constellation;
mod credentials;
mod leadership;
mod money;
mod open_decisions;
mod people;
mod plan_overview;
mod practice;
mod questions;
mod results;
mod risks;
mod summary;
mod terms;

use std::collections::HashMap;

use pathway_schema::domain::Model;
use pathway_schema::domain::ids::IdKind;
use pathway_schema::domain::money::{Cents, format_money};
use pathway_schema::domain::unlocks::Unlock;
use pathway_schema::load::LoadedPlan;
use pathway_schema::state_points::{PointRef, StateDecisionPoint};
use pathway_schema::{
    Credential, Incentive, Opportunity, PaidTo, Pathway, Plan, Size, Stack, UnlockRequires,
};

use crate::constellation::Constellation;
use crate::model::{
    Block, Callout, Document, HeadingLevel, Inline, Properties, Status, Table, Tone,
};
use crate::profile::{AudienceProfile, SectionKind};
use crate::prose::paragraphs;

/// The plan as every audience's documents show it: a draft's placeholder answers (`TODO: …`)
/// as `TBD`, and the decisions its readiness level still needs. Made once per export from the
/// loaded plan, which it consumes: the documents need neither the plan's source text nor its
/// positioned tree, and at a state's size those are as large as the documents' model.
///
/// ```
/// use pathway_export::{PublishedPlan, build_published, profile::Profiles};
///
/// let loaded = pathway_schema::load::load_str("plan.yaml", "\
/// schema_version: 1
/// id: demo-pathways
/// readiness: exploring
/// organization: {name: Demo District, kind: district}
/// ").unwrap();
/// let published = PublishedPlan::new(loaded, &[]);
/// let profiles = Profiles::builtin();
/// let document = build_published(&published, profiles.get("union").unwrap());
/// // Nothing is decided yet: a draft, listing what is open.
/// assert!(published.open_decisions() > 0);
/// assert!(document.status.is_draft());
/// ```
pub struct PublishedPlan<'s> {
    plan: Plan,
    open: Vec<PointRef<'s>>,
}

impl<'s> PublishedPlan<'s> {
    /// The plan to publish, with the state's own decision points from its configuration
    /// (`state_points`), which a draft lists with the toolkit's when they are still open.
    pub fn new(loaded: LoadedPlan, state_points: &'s [StateDecisionPoint]) -> PublishedPlan<'s> {
        let LoadedPlan { tree, plan } = loaded;
        let open = open_decisions::open(tree.root(), plan.readiness, state_points);
        let plan = if open.is_empty() {
            plan
        } else {
            open_decisions::without_placeholders(tree.to_json()).unwrap_or(plan)
        };
        PublishedPlan { plan, open }
    }

    /// The plan as the documents show it.
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// How many decisions are still open: none for a plan complete at its readiness level.
    pub fn open_decisions(&self) -> usize {
        self.open.len()
    }
}

/// Builds the document for one audience. The loaded plan's document tells which decision points
/// are answered.
pub fn build_document(loaded: &LoadedPlan, profile: &AudienceProfile) -> Document {
    build_document_with(loaded, profile, &[])
}

/// [`build_document`] for a plan whose configuration adds a state's own decision points: a
/// draft lists those still open in its appendix with the toolkit's. For several audiences of
/// one plan, make a [`PublishedPlan`] once and use [`build_published`].
pub fn build_document_with(
    loaded: &LoadedPlan,
    profile: &AudienceProfile,
    state_points: &[StateDecisionPoint],
) -> Document {
    let published = PublishedPlan::new(loaded.clone(), state_points);
    build_published(&published, profile)
}

/// Builds the document for one audience from a plan made ready once for all of them.
pub fn build_published(published: &PublishedPlan<'_>, profile: &AudienceProfile) -> Document {
    let open = &published.open;
    let plan = &published.plan;
    let model = Model::new(plan);
    let constellation = Constellation::from_model(&model);
    let ctx = SectionContext {
        plan,
        profile,
        constellation: &constellation,
        model: &model,
    };
    let status = if open.is_empty() {
        Status::Final
    } else {
        Status::Draft {
            open_decisions: open.len(),
        }
    };
    let mut out = BlockWriter::default();
    if status.is_draft() {
        open_decisions::notice(&ctx, open.len(), &mut out);
    }
    // The answers a reader asks for first (the questions section, how to start) come before
    // the table of contents, so that a long contents list cannot push them off the first
    // pages; every other document opens with its contents.
    let first_answers = profile
        .sections
        .iter()
        .take_while(|s| matches!(s.kind, SectionKind::Questions | SectionKind::GetStarted))
        .count();
    if first_answers == 0 {
        out.blocks.push(Block::Contents);
    }
    summary::write(&ctx, open, &mut out);
    for (position, section) in profile.sections.iter().enumerate() {
        if first_answers > 0 && position == first_answers {
            out.blocks.push(Block::Contents);
        }
        let mut content = BlockWriter::default();
        write_section(section.kind, &ctx, &mut content);
        if content.blocks.is_empty() {
            continue;
        }
        let heading = section
            .heading
            .clone()
            .unwrap_or_else(|| section.kind.default_heading().to_owned());
        out.heading(HeadingLevel::Section, &fill(&heading, plan));
        if let Some(intro) = &section.intro {
            out.text(&fill(intro, plan));
        }
        out.blocks.extend(content.blocks);
    }
    if !open.is_empty() {
        open_decisions::appendix(&ctx, open, &mut out);
    }
    let mut keywords = vec![
        "career pathways".to_owned(),
        "micro-credentials".to_owned(),
        plan.organization.name.clone(),
        profile.audience.clone(),
    ];
    keywords.extend(profile.keywords.iter().cloned());
    let mut blocks = unique_headings(out.blocks);
    // The list grew by doubling; the room it did not fill would stay allocated while the
    // document is rendered (megabytes for a state's plan).
    blocks.shrink_to_fit();
    Document {
        title: fill(&profile.title, plan),
        subtitle: format!(
            "Prepared for {} · {}",
            lowercase_first(&profile.audience),
            plan.organization.name
        ),
        status,
        properties: Properties {
            subject: fill(&profile.subject, plan),
            creator: plan.organization.name.clone(),
            keywords,
            description: fill(&profile.purpose, plan),
            language: profile.language.clone(),
        },
        blocks,
    }
}

fn write_section(kind: SectionKind, ctx: &SectionContext, out: &mut BlockWriter) {
    use SectionKind as K;
    match kind {
        K::Overview => plan_overview::overview(ctx, out),
        K::Goals => plan_overview::goals(ctx, out),
        K::GoalMetrics => plan_overview::goal_metrics(ctx, out),
        K::CaseForChange => plan_overview::case_for_change(ctx, out),
        K::Budget => money::budget(ctx, out),
        K::FundingSources => money::funding_sources(ctx, out),
        K::Growth => money::growth(ctx, out),
        K::Incentives => money::incentives(ctx, out),
        K::Compensation => money::compensation(ctx, out),
        K::Value => money::value(ctx, out),
        K::Credentials => credentials::credentials(ctx, out),
        K::CredentialDetails => credentials::credential_details(ctx, out),
        K::Pathways => credentials::pathways(ctx, out),
        K::GetStarted => credentials::get_started(ctx, out),
        K::Constellation => constellation::constellation(ctx, out),
        K::Opportunities => constellation::opportunities(ctx, out),
        K::Participation => people::participation(ctx, out),
        K::EducatorVoice => people::educator_voice(ctx, out),
        K::Stakeholders => people::stakeholders(ctx, out),
        K::BuildingAsks => people::building_asks(ctx, out),
        K::Community => people::community(ctx, out),
        K::Partnerships => people::partnerships(ctx, out),
        K::Learning => practice::learning(ctx, out),
        K::TimeDemands => practice::time_demands(ctx, out),
        K::Assessment => practice::assessment(ctx, out),
        K::Evaluation => results::evaluation(ctx, out),
        K::Equity => results::equity(ctx, out),
        K::Timeline => leadership::timeline(ctx, out),
        K::Governance => leadership::governance(ctx, out),
        K::Risks => risks::risks(ctx, out),
        K::BoardDecisions => leadership::board_decisions(ctx, out),
        K::StateAlignment => leadership::state_alignment(ctx, out),
        K::Communication => leadership::communication(ctx, out),
        K::Questions => questions::questions(ctx, out),
    }
}

/// Replaces `{plan}` and `{organization}` in profile wording, once (see
/// [`crate::profile::expand`]).
fn fill(wording: &str, plan: &Plan) -> String {
    crate::profile::expand(wording, &plan.display_title(), &plan.organization.name)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        Some(first) => std::iter::once(first).chain(chars).collect(),
        None => String::new(),
    }
}

/// Headings must differ so that readers (and Markdown anchors) can tell them apart: a repeated
/// heading gets its count added, as in "Credentials (2)".
fn unique_headings(blocks: Vec<Block>) -> Vec<Block> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Heading { level, text } => {
                let count = seen.entry(text.to_lowercase()).or_insert(0);
                *count += 1;
                let text = if *count > 1 {
                    format!("{text} ({count})")
                } else {
                    text
                };
                Block::Heading { level, text }
            }
            other => other,
        })
        .collect()
}

/// What every section needs: the plan, its model (ids, unlock graph, budget), the profile and
/// the constellation.
pub(crate) struct SectionContext<'a> {
    pub plan: &'a Plan,
    pub profile: &'a AudienceProfile,
    pub constellation: &'a Constellation,
    pub model: &'a Model<'a>,
}

impl<'a> SectionContext<'a> {
    /// Whether this audience's document has a section of this kind.
    pub fn shows(&self, kind: SectionKind) -> bool {
        self.profile
            .sections
            .iter()
            .any(|section| section.kind == kind)
    }

    pub fn credential(&self, id: &str) -> Option<&'a Credential> {
        let i = self.model.index.position(id, IdKind::Credential)?;
        self.plan.credentials.get(i)
    }

    /// The hours a pathway's credentials take together; a credential without hours adds none.
    pub fn pathway_hours(&self, pathway: &Pathway) -> f64 {
        pathway
            .credentials
            .iter()
            .filter_map(|id| self.credential(id.as_str())?.hours)
            .sum()
    }

    pub fn stack(&self, id: &str) -> Option<&'a Stack> {
        let i = self.model.index.position(id, IdKind::Stack)?;
        self.plan.stacks.get(i)
    }

    pub fn opportunity(&self, id: &str) -> Option<&'a Opportunity> {
        let i = self.model.index.position(id, IdKind::Opportunity)?;
        self.plan.opportunities.get(i)
    }

    pub fn incentive(&self, id: &str) -> Option<&'a Incentive> {
        let i = self.model.index.position(id, IdKind::Incentive)?;
        self.plan.incentives.as_ref()?.offers.get(i)
    }

    /// The title of whatever an id names: a credential, a stack, an opportunity or an incentive;
    /// the id itself when nothing matches.
    pub fn title_of(&self, id: &str) -> String {
        if let Some(credential) = self.credential(id) {
            return credential.title.clone();
        }
        if let Some(stack) = self.stack(id) {
            return format!("the {} stack", stack.title);
        }
        if let Some(opportunity) = self.opportunity(id) {
            return opportunity.title.clone();
        }
        if let Some(incentive) = self.incentive(id) {
            return incentive_name(incentive);
        }
        if let Some(cost) = self
            .model
            .index
            .position(id, IdKind::ProgramCost)
            .and_then(|i| self.plan.scope.as_ref()?.program_costs.get(i))
        {
            return crate::prose::one_line(&cost.title);
        }
        id.to_owned()
    }

    /// What an educator needs for an opportunity, in words that keep the plan's meaning:
    /// "Small-Group Reading", "either the Literacy Leadership stack or the Multilingual Learner
    /// Champion stack", "both A and B", "all of A, B and C", "any two of A, B and C".
    pub fn unlock_phrase(&self, opportunity: usize) -> Option<String> {
        let unlock = self.model.unlocks.opportunities.get(opportunity)?;
        let names: Vec<String> = unlock
            .entries
            .iter()
            .map(|entry| match *entry {
                Unlock::Credential(i) => self
                    .plan
                    .credentials
                    .get(i)
                    .map(|c| crate::prose::one_line(&c.title)),
                Unlock::Stack(i) => self
                    .plan
                    .stacks
                    .get(i)
                    .map(|s| format!("the {} stack", crate::prose::one_line(&s.title))),
            })
            .collect::<Option<_>>()?;
        let list = crate::prose::join_words(&names);
        Some(match (unlock.effective(), names.as_slice()) {
            (_, []) => return None,
            (_, [one]) => one.clone(),
            (UnlockRequires::Any, [a, b]) => format!("either {a} or {b}"),
            (UnlockRequires::Any, _) => {
                format!("any one of {}", crate::prose::join_alternatives(&names))
            }
            (UnlockRequires::All, [a, b]) => format!("both {a} and {b}"),
            (UnlockRequires::All, _) => format!("all of {list}"),
            (UnlockRequires::AtLeast(n), _) => {
                format!("any {} of {list}", crate::prose::number_word(n))
            }
        })
    }

    /// The opportunities earning this credential alone unlocks.
    pub fn unlocked_by_credential(&self, id: &str) -> Vec<&'a Opportunity> {
        let Some(i) = self.model.index.position(id, IdKind::Credential) else {
            return Vec::new();
        };
        self.opportunities_at(&self.model.unlocks.unlocked_by_credential(i))
    }

    /// The opportunities a credential counts toward without unlocking them alone.
    pub fn counted_toward_by_credential(&self, id: &str) -> Vec<&'a Opportunity> {
        let Some(i) = self.model.index.position(id, IdKind::Credential) else {
            return Vec::new();
        };
        self.opportunities_at(&self.model.unlocks.counts_toward(i))
    }

    fn opportunities_at(&self, positions: &[usize]) -> Vec<&'a Opportunity> {
        positions
            .iter()
            .filter_map(|&o| self.plan.opportunities.get(o))
            .collect()
    }

    /// The plan's message for this audience, when it has one.
    pub fn audience_message(&self) -> Option<&'a str> {
        self.plan
            .communication
            .as_ref()?
            .audiences
            .iter()
            .find(|message| message.audience == self.profile.id)
            .and_then(|message| crate::prose::answer(message.message.as_ref()))
    }

    /// Money in the plan's currency, written the one way the validator writes it too.
    pub fn money(&self, value: Cents) -> String {
        format_money(value, self.model.budget.currency)
    }
}

/// What a reader reads where the plan is silent, in the reader's words: "Targets: not set yet —
/// the plan adds them before piloting." A plan already at that stage is told it owes the answer.
pub(crate) fn not_set_yet(
    plan: &Plan,
    what: &str,
    them: &str,
    needed_at: pathway_schema::Readiness,
) -> String {
    use pathway_schema::Readiness;
    let stage = match needed_at {
        Readiness::Exploring => "exploring",
        Readiness::Designing => "designing",
        Readiness::Piloting => "piloting",
        Readiness::Scaling => "scaling",
    };
    if plan.readiness < needed_at {
        format!("{what}: not set yet — the plan adds {them} before {stage}.")
    } else {
        format!(
            "{what}: not set yet, although a plan at this stage should have {them}; ask the \
             plan's owner when."
        )
    }
}

/// An incentive's name: its title, or its id in words when it has none
/// (`credential-stipend` → "Credential stipend").
pub(crate) fn incentive_name(incentive: &Incentive) -> String {
    match crate::prose::answer(incentive.title.as_ref()) {
        Some(title) => crate::prose::one_line(title),
        None => crate::prose::capitalize(&incentive.id.as_str().replace('-', " ")),
    }
}

/// "The pilot:", or with its status: "The pilot (completed):".
pub(crate) fn pilot_label(pilot: &pathway_schema::Pilot) -> &'static str {
    match pilot.status {
        None => "The pilot:",
        Some(pathway_schema::PilotStatus::Planned) => "The pilot (planned):",
        Some(pathway_schema::PilotStatus::Running) => "The pilot (under way):",
        Some(pathway_schema::PilotStatus::Completed) => "The pilot (completed):",
    }
}

/// The pilot's status and dates in one sentence: "The pilot is completed: it ran from August
/// 21, 2023 to June 13, 2025, with 800 educators." `None` when the plan gives none of them.
pub(crate) fn pilot_sentence(pilot: &pathway_schema::Pilot) -> Option<String> {
    use pathway_schema::PilotStatus;
    let (status, verb) = match pilot.status {
        Some(PilotStatus::Completed) => (Some("completed"), "ran"),
        Some(PilotStatus::Running) => (Some("under way"), "runs"),
        Some(PilotStatus::Planned) => (Some("planned, not started yet"), "is to run"),
        None => (None, "runs"),
    };
    let mut facts = String::new();
    if let (Some(start), Some(end)) = (&pilot.start, &pilot.end) {
        facts.push_str(&format!(
            " from {} to {}",
            crate::prose::format_date(start),
            crate::prose::format_date(end)
        ));
    }
    if let Some(n) = pilot.participants {
        let with = if facts.is_empty() { " with" } else { ", with" };
        facts.push_str(&format!(
            "{with} {}",
            crate::prose::count(n as usize, "educator", "educators")
        ));
    }
    match (status, facts.is_empty()) {
        (None, true) => None,
        (Some(status), true) => Some(format!("The pilot is {status}.")),
        (None, false) => Some(format!("The pilot {verb}{facts}.")),
        (Some(status), false) => Some(format!("The pilot is {status}: it {verb}{facts}.")),
    }
}

/// An incentive's amount with who receives it: "$28,000 a year to each district".
pub(crate) fn incentive_amount(incentive: &Incentive) -> Option<String> {
    let amount = crate::prose::format_money(incentive.amount.as_ref()?);
    let to = match incentive.paid_to {
        None | Some(PaidTo::EachEducator) => "",
        Some(PaidTo::EachSchool) => " to each school",
        Some(PaidTo::EachDistrict) => " to each district",
        Some(PaidTo::Program) => " for the whole program",
    };
    Some(format!("{amount}{to}"))
}

/// The blocks a section writes, with helpers for the common shapes.
#[derive(Debug, Default)]
pub(crate) struct BlockWriter {
    pub blocks: Vec<Block>,
}

impl BlockWriter {
    pub fn heading(&mut self, level: HeadingLevel, text: &str) {
        self.blocks.push(Block::Heading {
            level,
            text: crate::prose::one_line(text),
        });
    }

    /// Free text from the plan or a profile, split into paragraphs, carried over word for word.
    pub fn text(&mut self, text: &str) {
        for paragraph in paragraphs(text) {
            self.blocks
                .push(Block::Paragraph(vec![Inline::text(paragraph)]));
        }
    }

    /// A paragraph that starts with a bold label: "**Time.** Teachers get…". Plan text that
    /// runs to several paragraphs keeps the label on the first.
    pub fn labeled(&mut self, label: &str, text: &str) {
        for (index, paragraph) in paragraphs(text).into_iter().enumerate() {
            let mut inlines = Vec::new();
            if index == 0 {
                inlines.push(Inline::strong(label));
                inlines.push(Inline::text(" "));
            }
            inlines.push(Inline::text(paragraph));
            self.blocks.push(Block::Paragraph(inlines));
        }
    }

    /// `labeled` for an optional answer that may still be a placeholder.
    pub fn answer(&mut self, label: &str, text: Option<&String>) {
        if let Some(text) = crate::prose::answer(text) {
            self.labeled(label, text);
        }
    }

    pub fn paragraph(&mut self, inlines: Vec<Inline>) {
        if !inlines.is_empty() {
            self.blocks.push(Block::Paragraph(inlines));
        }
    }

    pub fn sentence(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Paragraph(vec![Inline::text(text)]));
    }

    /// A bulleted list; lists built item by item are shrunk to fit, as they stay in the
    /// document until it is written.
    pub fn bullets(&mut self, mut items: Vec<Vec<Inline>>) {
        if !items.is_empty() {
            items.shrink_to_fit();
            self.blocks.push(Block::BulletList(items));
        }
    }

    pub fn numbered(&mut self, mut items: Vec<Vec<Inline>>) {
        if !items.is_empty() {
            items.shrink_to_fit();
            self.blocks.push(Block::NumberedList(items));
        }
    }

    pub fn table(&mut self, table: Table) {
        if !table.rows.is_empty() {
            self.blocks.push(Block::Table(table));
        }
    }

    pub fn callout(&mut self, tone: Tone, label: &str, body: Vec<Inline>) {
        self.blocks.push(Block::Callout(Callout {
            tone,
            label: label.to_owned(),
            body,
        }));
    }
}

/// An organization's size as counted phrases: "1,200 educators", "14 schools", "9,800 students",
/// leaving out what the plan does not give.
pub(super) fn size_counts(size: &Size) -> Vec<String> {
    let mut counts = Vec::new();
    if let Some(n) = size.educators {
        counts.push(crate::prose::count(n as usize, "educator", "educators"));
    }
    if let Some(n) = size.schools {
        counts.push(crate::prose::count(n as usize, "school", "schools"));
    }
    if let Some(n) = size.students {
        counts.push(crate::prose::count(n as usize, "student", "students"));
    }
    counts
}
