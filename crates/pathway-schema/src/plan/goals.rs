//! Goals and priorities: what the pathways are for.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::Id;

/// Goals and priorities: the challenges the pathways answer and the outcomes they aim for.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goals {
    /// The challenges or outcomes the organization wants career pathways to address.
    #[serde(default)]
    pub challenges: Option<String>,
    /// How the pathways will improve classrooms and student learning.
    #[serde(default)]
    pub student_impact: Option<String>,
    /// What exceptional professional learning looks like in this organization.
    #[serde(default)]
    pub exceptional_learning: Option<String>,
    /// What keeps exceptional professional learning from happening today.
    #[serde(default)]
    pub barriers: Option<String>,
    /// Whether the career paths educators have today meet their needs and the system's.
    #[serde(default)]
    pub existing_paths: Option<String>,
    /// Why micro-credentials are the right tool for these goals.
    #[serde(default)]
    pub why_micro_credentials: Option<String>,
    /// The goals themselves, each with an id that evaluation metrics refer to.
    #[serde(default)]
    pub priorities: Vec<Goal>,
}

/// One goal of the plan.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    /// The goal's id, which evaluation metrics use to say what they measure.
    #[schemars(example = &"keep-strong-teachers")]
    pub id: Id,
    /// The goal in one sentence.
    #[schemars(
        length(min = 1),
        example = &"Keep our strongest teachers in Cedar Valley classrooms."
    )]
    pub statement: String,
    /// How reaching this goal improves student learning.
    #[serde(default)]
    pub student_learning: Option<String>,
    /// How this goal ranks against the others.
    #[serde(default)]
    pub priority: Option<Priority>,
}

/// How a goal ranks against the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Priority {
    /// Comes first when time or money is short.
    High,
    /// Important, after the high-priority goals.
    Medium,
    /// Pursued when the others are on track.
    Low,
}
