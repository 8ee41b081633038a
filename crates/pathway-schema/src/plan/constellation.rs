//! The constellation: credentials, stacks, opportunities and the pathways through them.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer};

use crate::values::{Ctid, Id, Money};

/// A micro-credential: one specific, research-backed skill, assessed on evidence from practice.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    /// The credential's id, which stacks, pathways, opportunities and prerequisites refer to.
    #[schemars(example = &"small-group-reading")]
    pub id: Id,
    /// The credential's title.
    #[schemars(length(min = 1), example = &"Small-Group Reading Instruction")]
    pub title: String,
    /// The skill the credential certifies.
    #[serde(default)]
    #[schemars(
        example = &"Plans and leads small-group reading lessons matched to students' needs."
    )]
    pub competency: Option<String>,
    /// Who issues the credential.
    #[serde(default)]
    #[schemars(example = &"Digital Promise")]
    pub issuer: Option<String>,
    /// The evidence an educator submits.
    #[serde(default)]
    #[schemars(example = example_a_lesson_plan_a_10_minute_classroom_vide())]
    pub evidence: Vec<String>,
    /// Who assesses submissions.
    #[serde(default)]
    #[schemars(example = &"Two trained district assessors")]
    pub assessed_by: Option<String>,
    /// About how many hours an educator spends earning it.
    #[serde(default)]
    #[schemars(range(min = 0), example = 15)]
    pub hours: Option<f64>,
    /// Credentials to earn first, by id.
    #[serde(default)]
    pub prerequisites: Vec<Id>,
    /// License-renewal (professional development) hours the credential counts for.
    #[serde(default)]
    #[schemars(range(min = 0, max = 10000), example = 15)]
    pub renewal_hours: Option<f64>,
    /// College or continuing-education credit an educator can also get for it.
    #[serde(default)]
    pub credits: Vec<Credit>,
    /// What it costs the educator (fees, materials); 0 when it is free to them.
    #[serde(default)]
    #[schemars(example = cost_example())]
    pub cost_to_educator: Option<Money>,
    /// How many years it stays valid before it must be renewed; left out when it does not
    /// expire.
    #[serde(default)]
    #[schemars(range(min = 1, max = 50), example = 5)]
    pub valid_for_years: Option<u32>,
    /// Where the credential is listed in public registries.
    #[serde(default)]
    pub external: Option<ExternalIds>,
}

/// College or continuing-education credit offered for a credential.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Credit {
    /// What kind of credit.
    pub kind: CreditKind,
    /// How many units (semester credits, or continuing-education units).
    #[schemars(range(min = 0, max = 100), example = 1)]
    pub units: f64,
    /// Who grants it.
    #[serde(default)]
    #[schemars(example = &"Valley State University")]
    pub granted_by: Option<String>,
}

/// Kinds of credit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CreditKind {
    /// Graduate credit from a college or university, in semester credits.
    Graduate,
    /// Continuing-education units.
    ContinuingEducation,
}

fn cost_example() -> serde_json::Value {
    serde_json::json!({"value": 0, "unit": "one-time"})
}

/// Where a credential is listed in public registries.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExternalIds {
    /// The credential's CTID in the Credential Registry.
    #[serde(default)]
    pub ctid: Option<Ctid>,
    /// The URL of the credential's Open Badges 3.0 achievement.
    #[serde(default)]
    #[schemars(url, example = &"https://badges.example.org/achievements/small-group-reading")]
    pub open_badges: Option<String>,
    /// A page describing the credential.
    #[serde(default)]
    #[schemars(url)]
    pub url: Option<String>,
}

/// A named group of credentials earned together.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stack {
    /// The stack's id, which opportunities refer to in `unlocked_by`.
    #[schemars(example = &"literacy-leadership")]
    pub id: Id,
    /// The stack's title.
    #[schemars(length(min = 1), example = &"Literacy Leadership")]
    pub title: String,
    /// What completing the stack shows.
    #[serde(default)]
    pub description: Option<String>,
    /// The credentials in the stack, by id.
    #[serde(default)]
    pub credentials: Vec<Id>,
}

/// An opportunity: a star of the constellation that credentials unlock.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunity {
    /// The opportunity's id, which pathways refer to in `leads_to`.
    #[schemars(example = &"hybrid-literacy-coach")]
    pub id: Id,
    /// The opportunity's title.
    #[schemars(length(min = 1), example = &"Hybrid Literacy Coach")]
    pub title: String,
    /// What kind of opportunity it is.
    pub kind: OpportunityKind,
    /// Whether the educator keeps teaching students while in it. A constellation needs
    /// opportunities that do; a ladder's rungs all lead out of the classroom.
    pub stays_in_classroom: bool,
    /// What the educator does in it.
    #[serde(default)]
    pub description: Option<String>,
    /// Who may apply, beyond the credentials it requires.
    #[serde(default)]
    #[schemars(example = &"Teachers with three or more years in the district")]
    pub eligibility: Option<String>,
    /// The credentials or stacks that unlock it, by id. How many of them an educator needs is
    /// `unlock_requires`: any one of them unless it says otherwise.
    #[serde(default)]
    #[schemars(example = example_literacy_leadership())]
    pub unlocked_by: Vec<Id>,
    /// How many of `unlocked_by` an educator must have earned: `any` one of them (when left
    /// out), `all` of them, or a number, at least that many (as CTDL's `requiredNumber`). A
    /// stack counts once all its credentials are earned.
    #[serde(default)]
    pub unlock_requires: Option<UnlockRequires>,
    /// The incentives that come with it, by id.
    #[serde(default)]
    pub incentives: Vec<Id>,
    /// The time it asks of the educator.
    #[serde(default)]
    #[schemars(example = &"Two periods a day; one afternoon a month of assessor calibration")]
    pub time_commitment: Option<String>,
    /// How many educators can hold it at once.
    #[serde(default)]
    #[schemars(example = 4)]
    pub positions: Option<u32>,
}

/// How many of an opportunity's `unlocked_by` entries an educator needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnlockRequires {
    /// Any one of them.
    Any,
    /// All of them.
    All,
    /// At least this many of them (1 or more).
    AtLeast(u32),
}

impl<'de> Deserialize<'de> for UnlockRequires {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(UnlockRequiresVisitor)
    }
}

struct UnlockRequiresVisitor;

const UNLOCK_REQUIRES_HELP: &str = "write `any` (any one of `unlocked_by`), `all` (every one), or a whole number such as 2 (at least that many)";

impl Visitor<'_> for UnlockRequiresVisitor {
    type Value = UnlockRequires;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`any`, `all` or a whole number from 1")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<UnlockRequires, E> {
        match text {
            "any" => Ok(UnlockRequires::Any),
            "all" => Ok(UnlockRequires::All),
            _ => Err(E::custom(format_args!(
                "`{text}` is not an unlock condition: {UNLOCK_REQUIRES_HELP}"
            ))),
        }
    }

    fn visit_u64<E: de::Error>(self, number: u64) -> Result<UnlockRequires, E> {
        match u32::try_from(number) {
            Ok(n) if n >= 1 => Ok(UnlockRequires::AtLeast(n)),
            _ => Err(E::custom(format_args!(
                "{number} is not an unlock condition: {UNLOCK_REQUIRES_HELP}"
            ))),
        }
    }

    fn visit_i64<E: de::Error>(self, number: i64) -> Result<UnlockRequires, E> {
        match u64::try_from(number) {
            Ok(n) => self.visit_u64(n),
            Err(_) => Err(E::custom(format_args!(
                "{number} is not an unlock condition: {UNLOCK_REQUIRES_HELP}"
            ))),
        }
    }
}

impl JsonSchema for UnlockRequires {
    fn schema_name() -> Cow<'static, str> {
        "UnlockRequires".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Unlock requires",
            "description": "How many of an opportunity's `unlocked_by` entries an educator needs: `any` one of them, `all` of them, or a whole number, at least that many.",
            "anyOf": [
                { "const": "any", "description": "Any one of them." },
                { "const": "all", "description": "Every one of them." },
                {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": u32::MAX,
                    "description": "At least this many of them."
                }
            ],
            "examples": ["all", 2],
        })
    }
}

/// Kinds of opportunities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum OpportunityKind {
    /// A role within the classroom, such as a model or lab classroom.
    ClassroomRole,
    /// A role that splits time between teaching and other work.
    HybridRole,
    /// A leadership role.
    LeadershipRole,
    /// A seat on a committee.
    Committee,
    /// Public recognition.
    Recognition,
    /// A step or lane on the salary schedule.
    CompensationStep,
}

/// A named route through the constellation for one role.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pathway {
    /// The pathway's id.
    #[schemars(example = &"literacy-leader")]
    pub id: Id,
    /// The pathway's title.
    #[schemars(length(min = 1), example = &"From Classroom Teacher to Literacy Leader")]
    pub title: String,
    /// The role the pathway is for.
    #[serde(default)]
    #[schemars(example = &"Elementary classroom teachers")]
    pub role: Option<String>,
    /// What the pathway offers, in a sentence or two.
    #[serde(default)]
    pub description: Option<String>,
    /// The credentials along the way, in the order educators usually earn them, by id.
    #[serde(default)]
    pub credentials: Vec<Id>,
    /// The opportunities the pathway leads to, by id.
    #[serde(default)]
    pub leads_to: Vec<Id>,
    /// How many months a typical educator takes to complete it.
    #[serde(default)]
    #[schemars(range(min = 1), example = 18)]
    pub duration_months: Option<u32>,
}

fn example_a_lesson_plan_a_10_minute_classroom_vide() -> serde_json::Value {
    serde_json::json!([
        "a lesson plan",
        "a 10-minute classroom video",
        "student work samples"
    ])
}

fn example_literacy_leadership() -> serde_json::Value {
    serde_json::json!(["literacy-leadership"])
}
