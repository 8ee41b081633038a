//! Evaluation and iteration: how the plan knows it works, and how it changes.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::Id;

/// Evaluation and iteration: measures for every goal, equity, and how the plan is revised.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Evaluation {
    /// The measures that tell whether each goal is met.
    #[serde(default)]
    pub metrics: Vec<Metric>,
    /// How participation and outcomes are broken down to find and close access gaps.
    #[serde(default)]
    pub equity: Option<Equity>,
    /// How often the plan is reviewed and revised, and by whom.
    #[serde(default)]
    pub iteration: Option<Iteration>,
    /// Questions the organization wants its data to answer.
    #[serde(default)]
    #[schemars(example = example_how_do_micro_credentials_support_and_cha())]
    pub research_questions: Vec<String>,
}

/// A measure of progress toward one or more goals.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    /// The metric's id.
    #[schemars(example = &"teacher-retention")]
    pub id: Id,
    /// The goals it measures, by id.
    #[serde(default)]
    #[schemars(example = example_keep_strong_teachers())]
    pub goals: Vec<Id>,
    /// What is measured.
    #[schemars(length(min = 1), example = &"Share of credential earners still teaching in the district a year later")]
    pub indicator: String,
    /// Where the data comes from.
    #[serde(default)]
    #[schemars(example = &"HR staffing records")]
    pub source: Option<String>,
    /// How often it is measured.
    #[serde(default)]
    pub frequency: Option<Frequency>,
    /// Where it stands today.
    #[serde(default)]
    #[schemars(example = &"84% (2025–26)")]
    pub baseline: Option<String>,
    /// The value that means the goal is met, and by when.
    #[serde(default)]
    #[schemars(example = &"92% by 2029")]
    pub target: Option<String>,
}

/// How often something happens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Frequency {
    /// Every month.
    Monthly,
    /// Every three months.
    Quarterly,
    /// Twice a year.
    Semiannual,
    /// Once a year.
    Annual,
    /// Every two years.
    Biennial,
    /// After each cohort of participants.
    PerCohort,
}

/// How participation and outcomes are disaggregated.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Equity {
    /// The groups data is broken down by.
    #[serde(default)]
    #[schemars(example = example_school_race_and_ethnicity_years_of_exper())]
    pub disaggregate_by: Vec<String>,
    /// How gaps are found, who acts on them, and how.
    #[serde(default)]
    pub approach: Option<String>,
}

/// How the plan is reviewed and revised.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Iteration {
    /// How often the plan is reviewed.
    #[serde(default)]
    pub cycle: Option<Frequency>,
    /// Who reviews it.
    #[serde(default)]
    #[schemars(example = &"The Pathways Design Team")]
    pub owner: Option<String>,
    /// How the review works and what it can change.
    #[serde(default)]
    pub process: Option<String>,
}

fn example_how_do_micro_credentials_support_and_cha() -> serde_json::Value {
    serde_json::json!(["How do micro-credentials support and change teacher effectiveness?"])
}

fn example_keep_strong_teachers() -> serde_json::Value {
    serde_json::json!(["keep-strong-teachers"])
}

fn example_school_race_and_ethnicity_years_of_exper() -> serde_json::Value {
    serde_json::json!(["school", "race and ethnicity", "years of experience"])
}
