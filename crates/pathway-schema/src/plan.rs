//! The plan: one organization's answers to the toolkit's decision points, and the constellation of
//! credentials and opportunities those answers describe.
//!
//! The top level holds what identifies the plan, one section for each area of the toolkit, and
//! the constellation (credentials, stacks, opportunities, pathways). Every section is optional so
//! that an early plan can hold only what it has decided; the validator says what is missing for
//! the plan's readiness level.

mod communication;
mod constellation;
mod evaluation;
mod goals;
mod implementation;
mod incentives;
mod learning;
mod scope;
mod stakeholders;

pub use communication::{AudienceMessage, CaseStudy, Channel, ChannelKind, Communication};
pub use constellation::{
    Credential, Credit, CreditKind, ExternalIds, Opportunity, OpportunityKind, Pathway, Stack,
    UnlockRequires,
};
pub use evaluation::{Equity, Evaluation, Frequency, Iteration, Metric};
pub use goals::{Goal, Goals, Priority};
pub use implementation::{
    Approval, ApprovalKind, Approver, Decision, DecisionKind, Implementation, Milestone, Partner,
    PartnerKind, Partnerships, Person, Pilot, PilotStatus,
};
pub use incentives::{
    CompensationForm, Incentive, IncentiveType, Incentives, PaidTo, PaySetBy, PaySetting,
    ValueProposition,
};
pub use learning::{
    Appeal, AssessorCapacity, DayCount, EvidenceInEvaluation, Learning, Participation, Quality,
};
pub use scope::{
    FundingKind, FundingSource, FundingStatus, FundingYear, GrowthYear, PointOfContact,
    ProgramCost, Scope,
};
pub use stakeholders::{Involvement, StakeholderGroup, StakeholderKind, Stakeholders};

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::{Date, Id, SchemaVersion};

/// A career pathway plan: how a district or state gives educators a constellation of growth
/// opportunities, reached by earning micro-credentials, without having to leave the classroom.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "Career pathway plan")]
pub struct Plan {
    /// Where the JSON Schema of the plan format is, so that editors and other validators find
    /// it from the file itself: the schema's published address or a path to a copy, relative
    /// to the plan. Pathway Kit reads plans against its own schema whatever this says.
    #[serde(rename = "$schema", default)]
    #[schemars(
        title = "Schema",
        extend("format" = "uri-reference"),
        example = &"https://pathway-kit.org/schemas/pathway-plan.v1.schema.json"
    )]
    pub schema: Option<String>,
    /// The version of the plan format this file is written in. Always `1`.
    pub schema_version: SchemaVersion,
    /// The plan's id. Exported documents are named after it, such as
    /// `cedar-valley-pathways-school-board.docx`.
    #[schemars(example = &"cedar-valley-pathways")]
    pub id: Id,
    /// The plan's title, as printed on exported documents. Defaults to the organization's name
    /// followed by "Educator Career Pathways".
    #[serde(default)]
    #[schemars(example = &"Cedar Valley Educator Career Pathways")]
    pub title: Option<String>,
    /// How far along the organization is. Each level requires the decision points of the levels
    /// before it and some of its own: `exploring`, then `designing`, `piloting` and `scaling`.
    pub readiness: Readiness,
    /// The dates the plan covers.
    #[serde(default)]
    pub period: Option<Period>,
    /// Who the plan belongs to.
    pub organization: Organization,
    /// A paragraph that sums the plan up for someone who reads nothing else.
    #[serde(default)]
    pub summary: Option<String>,
    /// Goals and priorities: what the pathways are for.
    #[serde(default)]
    pub goals: Option<Goals>,
    /// Stakeholder involvement: who shapes and runs the pathways, and how.
    #[serde(default)]
    pub stakeholders: Option<Stakeholders>,
    /// Incentives and value: what educators and other groups get.
    #[serde(default)]
    pub incentives: Option<Incentives>,
    /// Scope and scale: who decides, who runs it, what money there is and how it grows.
    #[serde(default)]
    pub scope: Option<Scope>,
    /// Professional learning experiences: how educators gain the skills the credentials assess.
    #[serde(default)]
    pub learning: Option<Learning>,
    /// Quality: how credentials stay rigorous as the program grows.
    #[serde(default)]
    pub quality: Option<Quality>,
    /// The micro-credentials educators can earn.
    #[serde(default, deserialize_with = "exact_list")]
    pub credentials: Vec<Credential>,
    /// Named groups of credentials earned together, such as "Aspiring to Teach".
    #[serde(default, deserialize_with = "exact_list")]
    pub stacks: Vec<Stack>,
    /// The stars of the constellation: roles, recognition and pay steps that credentials unlock.
    #[serde(default, deserialize_with = "exact_list")]
    pub opportunities: Vec<Opportunity>,
    /// Named routes through the constellation for a role: credentials in order, and the
    /// opportunities they lead to.
    #[serde(default, deserialize_with = "exact_list")]
    pub pathways: Vec<Pathway>,
    /// Evaluation and iteration: how the plan knows it works, and how it changes.
    #[serde(default)]
    pub evaluation: Option<Evaluation>,
    /// Sharing and communicating: what each audience hears, and where.
    #[serde(default)]
    pub communication: Option<Communication>,
    /// Implementation: who owns the plan and when things happen.
    #[serde(default)]
    pub implementation: Option<Implementation>,
    /// Partnerships: who outside the organization contributes what.
    #[serde(default)]
    pub partnerships: Option<Partnerships>,
    /// Answers to decision points that a state (or any body that shares a `pathway.toml`) adds
    /// to the toolkit's own, each under a key the state chooses: text, or a mapping of anything.
    /// The configuration that declares such a decision point says where its answer goes, as a
    /// JSON Pointer such as `/extensions/high-desert/assessor_pool`; Pathway Kit reads nothing
    /// else here.
    #[serde(default)]
    #[schemars(
        title = "Extensions",
        schema_with = "extensions_schema",
        example = &extensions_example()
    )]
    pub extensions: Option<BTreeMap<String, serde_json::Value>>,
}

/// `extensions`: a mapping whose values are text or mappings (free-form inside).
fn extensions_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "type": "object",
        "additionalProperties": {
            "title": "Extension",
            "description": "One state's (or agency's) answers: text, or a mapping of answers of any shape.",
            "oneOf": [
                {"type": "string", "title": "Text", "description": "An answer written as text."},
                {
                    "type": "object",
                    "title": "Section",
                    "description": "A mapping of answers, each of any shape, named as the configuration's JSON Pointers name them."
                }
            ]
        }
    })
}

fn extensions_example() -> serde_json::Value {
    serde_json::json!({
        "high-desert": {
            "assessor_pool": "The Northern Region assessor pool, calibrated each fall by the state."
        }
    })
}

impl Plan {
    /// The title printed on documents: the plan's own, or one made from the organization's name.
    pub fn display_title(&self) -> String {
        match &self.title {
            Some(title) if !title.trim().is_empty() => title.clone(),
            _ => format!("{} Educator Career Pathways", self.organization.name),
        }
    }
}

/// How far along an organization is with career pathways. Each level requires the decision points
/// of the levels before it and some of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Readiness {
    /// Deciding whether pathways fit: goals, who is involved, who owns the work.
    Exploring,
    /// Designing the constellation: incentives, learning, decision making, timeline.
    Designing,
    /// Running a pilot: funding, value for each group, quality review and evaluation.
    Piloting,
    /// Growing the program: resources per year and partnerships.
    Scaling,
}

impl Readiness {
    /// Every level, from the earliest.
    pub const ALL: [Readiness; 4] = [
        Readiness::Exploring,
        Readiness::Designing,
        Readiness::Piloting,
        Readiness::Scaling,
    ];

    /// The level as written in a plan, such as `piloting`.
    pub fn as_str(self) -> &'static str {
        match self {
            Readiness::Exploring => "exploring",
            Readiness::Designing => "designing",
            Readiness::Piloting => "piloting",
            Readiness::Scaling => "scaling",
        }
    }

    /// Parses a level as written in a plan.
    pub fn parse(text: &str) -> Option<Readiness> {
        Readiness::ALL
            .into_iter()
            .find(|level| level.as_str() == text)
    }
}

/// The dates a plan covers, first day to last day.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Period {
    /// The first day the plan covers.
    #[schemars(example = &"2026-07-01")]
    pub start: Date,
    /// The last day the plan covers.
    #[schemars(example = &"2029-06-30")]
    pub end: Date,
}

/// The district, state agency or network the plan belongs to.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    /// The organization's full name.
    #[schemars(length(min = 1), example = &"Cedar Valley School District")]
    pub name: String,
    /// What kind of organization it is.
    pub kind: OrganizationKind,
    /// The state or region it serves.
    #[serde(default)]
    #[schemars(example = &"Oregon")]
    pub region: Option<String>,
    /// How many educators, schools and students it serves.
    #[serde(default)]
    pub size: Option<Size>,
    /// The organization's website.
    #[serde(default)]
    #[schemars(url, example = &"https://www.cedarvalley.k12.example/")]
    pub website: Option<String>,
    /// For a state or a regional service agency: the districts the plan covers.
    #[serde(default)]
    pub members: Vec<MemberDistrict>,
}

/// A district that a state's or regional agency's plan covers.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MemberDistrict {
    /// The district's name.
    #[schemars(length(min = 1), example = &"Alkali Flats School District")]
    pub name: String,
    /// An id for the district, when the plan or a state roll-up refers to it.
    #[serde(default)]
    #[schemars(example = &"alkali-flats")]
    pub id: Option<Id>,
    /// How many educators, schools and students it has.
    #[serde(default)]
    pub size: Option<Size>,
}

/// What kind of organization writes the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OrganizationKind {
    /// A school district.
    District,
    /// A state education agency.
    State,
    /// A network of charter schools.
    CharterNetwork,
    /// A regional service agency serving several districts.
    RegionalAgency,
}

/// How many people and schools an organization serves.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Size {
    /// Educators employed: teachers, specialists and school leaders.
    #[serde(default)]
    #[schemars(example = 140)]
    pub educators: Option<u32>,
    /// Schools.
    #[serde(default)]
    #[schemars(example = 5)]
    pub schools: Option<u32>,
    /// Students enrolled.
    #[serde(default)]
    #[schemars(example = 2100)]
    pub students: Option<u32>,
}

/// The most items [`exact_list`] makes room for before reading them: as many values as the
/// loader's default node limit lets a plan hold.
const MAX_ROOM: usize = 1_000_000;

/// A plan's long lists (credentials, stacks, opportunities, pathways) read into a vector of
/// their exact length. serde's own `Vec` reads at most 1 MiB's worth of items into the first
/// vector it makes, then doubles it, copying, until all fit: on a statewide plan that was an
/// eighth of the memory its checking touched. The length comes from the deserializer, which for
/// a plan is its document tree, whose lists are already in memory; an unknown length starts
/// empty, and no length is trusted past [`MAX_ROOM`] items.
fn exact_list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    struct Items<T>(std::marker::PhantomData<T>);
    impl<'de, T: Deserialize<'de>> serde::de::Visitor<'de> for Items<T> {
        type Value = Vec<T>;

        fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            // serde's own words for a `Vec`, so that messages stay as they were.
            formatter.write_str("a sequence")
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let room = seq.size_hint().unwrap_or(0).min(MAX_ROOM);
            let mut items = Vec::with_capacity(room);
            while let Some(item) = seq.next_element()? {
                items.push(item);
            }
            Ok(items)
        }
    }
    deserializer.deserialize_seq(Items(std::marker::PhantomData))
}
