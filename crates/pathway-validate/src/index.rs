//! Everything in a plan that has an id, and every place that refers to one: built once per plan
//! and shared by the rules.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use pathway_schema::{Id, Plan};

/// The kinds of things a plan names by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A micro-credential.
    Credential,
    /// A stack of credentials.
    Stack,
    /// An opportunity.
    Opportunity,
    /// A pathway.
    Pathway,
    /// An incentive.
    Incentive,
    /// A funding source.
    FundingSource,
    /// A goal.
    Goal,
    /// An evaluation metric.
    Metric,
    /// A milestone.
    Milestone,
}

impl Kind {
    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// The kind in words, for messages: "credential", "funding source".
    pub fn words(self) -> &'static str {
        match self {
            Kind::Credential => "credential",
            Kind::Stack => "stack",
            Kind::Opportunity => "opportunity",
            Kind::Pathway => "pathway",
            Kind::Incentive => "incentive",
            Kind::FundingSource => "funding source",
            Kind::Goal => "goal",
            Kind::Metric => "metric",
            Kind::Milestone => "milestone",
        }
    }
}

/// A thing with an id, and where it is defined.
#[derive(Debug, Clone)]
pub struct Defined<'a> {
    /// What it is.
    pub kind: Kind,
    /// Its id.
    pub id: &'a Id,
    /// The JSON Pointer of its `id` value.
    pub pointer: String,
}

/// A reference by id from one part of the plan to another.
#[derive(Debug, Clone)]
pub struct Reference<'a> {
    /// The id referred to.
    pub id: &'a Id,
    /// Where the reference is written.
    pub pointer: String,
    /// Whether the pointer names a mapping key (projections' recipients) rather than a value.
    pub is_key: bool,
    /// The kinds of thing it may refer to.
    pub targets: &'static [Kind],
}

/// The ids a plan defines, in document order.
#[derive(Debug)]
pub struct PlanIndex<'a> {
    /// Every definition, duplicates included.
    pub defined: Vec<Defined<'a>>,
    /// Every definition of each id, in document order.
    by_id: HashMap<&'a str, Vec<usize>>,
    /// Suggestions already looked for: the id, the kinds (as bits) and the answer.
    suggested: RefCell<HashMap<(String, u16), Option<&'a str>>>,
    /// What is left of [`SUGGESTION_BUDGET`] for this plan.
    budget: Cell<u64>,
}

/// The work spent on "did you mean…?" suggestions for one plan, in steps of the comparison
/// (about 0.1 s). Suggestions for a few hundred mistyped ids among thousands cost a fraction of
/// it; past it, findings come without a suggestion.
pub const SUGGESTION_BUDGET: u64 = 20_000_000;

impl Default for PlanIndex<'_> {
    fn default() -> Self {
        PlanIndex {
            defined: Vec::new(),
            by_id: HashMap::new(),
            suggested: RefCell::new(HashMap::new()),
            budget: Cell::new(SUGGESTION_BUDGET),
        }
    }
}

impl<'a> PlanIndex<'a> {
    /// Indexes a plan.
    pub fn new(plan: &'a Plan) -> Self {
        let mut index = PlanIndex::default();
        if let Some(goals) = &plan.goals {
            for (i, goal) in goals.priorities.iter().enumerate() {
                index.add(Kind::Goal, &goal.id, format!("/goals/priorities/{i}/id"));
            }
        }
        for (i, credential) in plan.credentials.iter().enumerate() {
            index.add(
                Kind::Credential,
                &credential.id,
                format!("/credentials/{i}/id"),
            );
        }
        for (i, stack) in plan.stacks.iter().enumerate() {
            index.add(Kind::Stack, &stack.id, format!("/stacks/{i}/id"));
        }
        for (i, opportunity) in plan.opportunities.iter().enumerate() {
            index.add(
                Kind::Opportunity,
                &opportunity.id,
                format!("/opportunities/{i}/id"),
            );
        }
        for (i, pathway) in plan.pathways.iter().enumerate() {
            index.add(Kind::Pathway, &pathway.id, format!("/pathways/{i}/id"));
        }
        if let Some(incentives) = &plan.incentives {
            for (i, incentive) in incentives.offers.iter().enumerate() {
                index.add(
                    Kind::Incentive,
                    &incentive.id,
                    format!("/incentives/offers/{i}/id"),
                );
            }
        }
        if let Some(scope) = &plan.scope {
            for (i, source) in scope.funding.iter().enumerate() {
                index.add(
                    Kind::FundingSource,
                    &source.id,
                    format!("/scope/funding/{i}/id"),
                );
            }
        }
        if let Some(evaluation) = &plan.evaluation {
            for (i, metric) in evaluation.metrics.iter().enumerate() {
                index.add(
                    Kind::Metric,
                    &metric.id,
                    format!("/evaluation/metrics/{i}/id"),
                );
            }
        }
        if let Some(implementation) = &plan.implementation {
            for (i, milestone) in implementation.timeline.iter().enumerate() {
                if let Some(id) = &milestone.id {
                    index.add(
                        Kind::Milestone,
                        id,
                        format!("/implementation/timeline/{i}/id"),
                    );
                }
            }
        }
        index
    }

    fn add(&mut self, kind: Kind, id: &'a Id, pointer: String) {
        self.by_id
            .entry(id.as_str())
            .or_default()
            .push(self.defined.len());
        self.defined.push(Defined { kind, id, pointer });
    }

    /// The first definition of an id.
    pub fn get(&self, id: &str) -> Option<&Defined<'a>> {
        self.by_id
            .get(id)
            .and_then(|all| all.first())
            .and_then(|&i| self.defined.get(i))
    }

    /// Whether something of one of the `kinds` has this id.
    pub fn defines(&self, id: &str, kinds: &[Kind]) -> bool {
        self.by_id.get(id).is_some_and(|all| {
            all.iter()
                .filter_map(|&i| self.defined.get(i))
                .any(|defined| kinds.contains(&defined.kind))
        })
    }

    /// The id of one of the `kinds` closest to a mistyped one, for "did you mean…?". Answers
    /// are remembered, and all suggestions for a plan share [`SUGGESTION_BUDGET`].
    // Regression: every reference compared itself with every id, so a plan with 20,000
    // mistyped references among 20,000 credentials ran for hours.
    pub fn suggest(&self, id: &str, kinds: &[Kind]) -> Option<&'a str> {
        let bits = kinds.iter().fold(0u16, |bits, kind| bits | kind.bit());
        let key = (id.to_owned(), bits);
        if let Some(answer) = self.suggested.borrow().get(&key) {
            return *answer;
        }
        let mut budget = self.budget.get();
        let candidates = self
            .defined
            .iter()
            .filter(|defined| kinds.contains(&defined.kind))
            .map(|defined| defined.id.as_str());
        let answer = pathway_schema::suggest::closest_within(id, candidates, &mut budget);
        self.budget.set(budget);
        self.suggested.borrow_mut().insert(key, answer);
        answer
    }

    /// The ids of one kind.
    pub fn ids_of(&self, kind: Kind) -> impl Iterator<Item = &'a Id> + '_ {
        self.defined
            .iter()
            .filter(move |d| d.kind == kind)
            .map(|d| d.id)
    }

    /// The id a reference most likely means: its own when something of one of the `targets`
    /// kinds has it, else the closest such id, the one `dangling-reference` (PW201) suggests.
    /// Rules that follow references use it so that a typo is reported once, by PW201, and not
    /// again as everything it breaks.
    pub fn meant(&self, id: &str, targets: &[Kind]) -> Option<&'a str> {
        let exact = self.by_id.get_key_value(id).and_then(|(&known, all)| {
            all.iter()
                .filter_map(|&i| self.defined.get(i))
                .any(|defined| targets.contains(&defined.kind))
                .then_some(known)
        });
        exact.or_else(|| self.suggest(id, targets))
    }
}

/// Every reference by id in a plan, in document order (audience references excluded: audiences
/// are profiles, not things the plan defines).
pub fn references(plan: &Plan) -> Vec<Reference<'_>> {
    use Kind::*;
    let mut refs = Vec::new();
    let mut push = |id, pointer: String, targets: &'static [Kind]| {
        refs.push(Reference {
            id,
            pointer,
            is_key: false,
            targets,
        });
    };
    for (i, credential) in plan.credentials.iter().enumerate() {
        for (j, id) in credential.prerequisites.iter().enumerate() {
            push(
                id,
                format!("/credentials/{i}/prerequisites/{j}"),
                &[Credential],
            );
        }
    }
    for (i, stack) in plan.stacks.iter().enumerate() {
        for (j, id) in stack.credentials.iter().enumerate() {
            push(id, format!("/stacks/{i}/credentials/{j}"), &[Credential]);
        }
    }
    for (i, opportunity) in plan.opportunities.iter().enumerate() {
        for (j, id) in opportunity.unlocked_by.iter().enumerate() {
            push(
                id,
                format!("/opportunities/{i}/unlocked_by/{j}"),
                &[Credential, Stack],
            );
        }
        for (j, id) in opportunity.incentives.iter().enumerate() {
            push(
                id,
                format!("/opportunities/{i}/incentives/{j}"),
                &[Incentive],
            );
        }
    }
    for (i, pathway) in plan.pathways.iter().enumerate() {
        for (j, id) in pathway.credentials.iter().enumerate() {
            push(id, format!("/pathways/{i}/credentials/{j}"), &[Credential]);
        }
        for (j, id) in pathway.leads_to.iter().enumerate() {
            push(id, format!("/pathways/{i}/leads_to/{j}"), &[Opportunity]);
        }
    }
    if let Some(incentives) = &plan.incentives {
        for (i, incentive) in incentives.offers.iter().enumerate() {
            for (j, id) in incentive.funded_by.iter().enumerate() {
                push(
                    id,
                    format!("/incentives/offers/{i}/funded_by/{j}"),
                    &[FundingSource],
                );
            }
        }
    }
    if let Some(evaluation) = &plan.evaluation {
        for (i, metric) in evaluation.metrics.iter().enumerate() {
            for (j, id) in metric.goals.iter().enumerate() {
                push(id, format!("/evaluation/metrics/{i}/goals/{j}"), &[Goal]);
            }
        }
    }
    if let Some(scope) = &plan.scope {
        for (i, year) in scope.growth.iter().enumerate() {
            for id in year.recipients.keys() {
                refs.push(Reference {
                    id,
                    pointer: format!(
                        "/scope/growth/{i}/recipients/{}",
                        pathway_schema::load::escape_token(id.as_str())
                    ),
                    is_key: true,
                    targets: &[Incentive],
                });
            }
        }
    }
    refs
}

/// Every place a plan names an audience: messages and channels.
pub fn audience_references(plan: &Plan) -> Vec<(&Id, String)> {
    let mut refs = Vec::new();
    if let Some(communication) = &plan.communication {
        for (i, message) in communication.audiences.iter().enumerate() {
            refs.push((
                &message.audience,
                format!("/communication/audiences/{i}/audience"),
            ));
        }
        for (i, channel) in communication.channels.iter().enumerate() {
            for (j, audience) in channel.audiences.iter().enumerate() {
                refs.push((
                    audience,
                    format!("/communication/channels/{i}/audiences/{j}"),
                ));
            }
        }
    }
    refs
}
