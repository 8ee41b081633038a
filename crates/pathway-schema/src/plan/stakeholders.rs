//! Stakeholder involvement: who shapes and runs the pathways, and how.

use schemars::JsonSchema;
use serde::Deserialize;

/// Stakeholder involvement: how educators and other groups take part in creating and running the
/// pathways.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stakeholders {
    /// How educators take part in creating and running the pathways: surveys, focus groups,
    /// design teams.
    #[serde(default)]
    pub educator_voice: Option<String>,
    /// The groups involved and the role each plays.
    #[serde(default)]
    pub groups: Vec<StakeholderGroup>,
    /// The pitfalls or misconceptions expected when involving educators, and how to avoid them.
    #[serde(default)]
    pub pitfalls: Option<String>,
}

/// One group of people with a stake in the plan.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StakeholderGroup {
    /// Which kind of group this is.
    pub group: StakeholderKind,
    /// The group's own name, such as the union's.
    #[serde(default)]
    #[schemars(example = &"Cedar Valley Education Association")]
    pub name: Option<String>,
    /// How the group takes part.
    #[serde(default)]
    pub involvement: Vec<Involvement>,
    /// What the group does in the plan.
    #[serde(default)]
    pub role: Option<String>,
}

/// A kind of stakeholder group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum StakeholderKind {
    /// Classroom teachers.
    Teachers,
    /// Paraprofessionals and other support staff.
    Paraprofessionals,
    /// Principals and assistant principals.
    Principals,
    /// District leadership.
    DistrictLeaders,
    /// The teachers' union or bargaining unit.
    Union,
    /// The school board.
    SchoolBoard,
    /// The state education agency.
    State,
    /// City leaders.
    City,
    /// Local employers and businesses.
    Employers,
    /// Families and caregivers.
    Families,
    /// Students.
    Students,
    /// Colleges, universities and teacher preparation programs.
    HigherEducation,
    /// Community organizations.
    Community,
}

impl StakeholderKind {
    /// Whether this group is made of educators.
    pub fn is_educators(self) -> bool {
        matches!(
            self,
            StakeholderKind::Teachers | StakeholderKind::Paraprofessionals
        )
    }
}

/// A way a group takes part in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Involvement {
    /// Answers surveys.
    Survey,
    /// Takes part in focus groups.
    FocusGroup,
    /// Sits on the team that designs the pathways.
    DesignTeam,
    /// Sits on an advisory committee.
    AdvisoryCommittee,
    /// Negotiates terms, such as a memorandum of understanding.
    Bargaining,
    /// Approves the plan or its budget.
    Approval,
    /// Assesses or reviews credential submissions.
    Assessment,
    /// Is kept informed.
    Informed,
    /// Receives the opportunities, with no say in their design.
    Recipient,
}

impl Involvement {
    /// Whether this kind of involvement gives the group a voice in design or decisions.
    pub fn gives_voice(self) -> bool {
        !matches!(self, Involvement::Informed | Involvement::Recipient)
    }
}
