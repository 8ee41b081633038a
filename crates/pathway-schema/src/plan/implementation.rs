//! Implementation and partnerships: who owns the plan, when things happen, who helps.

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::{Date, Id};

/// Implementation: who owns and sponsors the plan, its milestones and its pilot.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Implementation {
    /// The person who owns the plan and answers for it.
    #[serde(default)]
    pub owner: Option<Person>,
    /// The leader who sponsors it.
    #[serde(default)]
    pub sponsor: Option<Person>,
    /// The milestones, with dates, in order.
    #[serde(default)]
    pub timeline: Vec<Milestone>,
    /// The pilot, when there is one.
    #[serde(default)]
    pub pilot: Option<Pilot>,
    /// What has already been approved, by whom and when: a board resolution, a ratified
    /// memorandum of understanding and its end date, a policy, a state rule.
    #[serde(default)]
    pub approvals: Vec<Approval>,
}

/// A person with a role in the plan.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Person {
    /// The person's name.
    #[schemars(length(min = 1), example = &"Dr. Marisol Ortega")]
    pub name: String,
    /// The person's role.
    #[serde(default)]
    #[schemars(example = &"Assistant Superintendent for Teaching and Learning")]
    pub role: Option<String>,
}

/// A dated milestone.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    /// An id, when other parts of the plan refer to the milestone.
    #[serde(default)]
    pub id: Option<Id>,
    /// What is done by this date.
    #[schemars(length(min = 1), example = &"School board approves the pathway plan")]
    pub title: String,
    /// The date it is due.
    pub date: Date,
    /// Who is responsible for it.
    #[serde(default)]
    pub owner: Option<String>,
    /// When the milestone is a vote or a sign-off, who decides. Documents list every decision
    /// before the school board from these.
    #[serde(default)]
    pub decision: Option<Decision>,
}

/// A decision a milestone asks for.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// A vote or a sign-off.
    pub kind: DecisionKind,
    /// Who decides.
    pub by: Approver,
}

/// How a decision is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DecisionKind {
    /// A vote, such as the board adopting a budget or union members ratifying an agreement.
    Vote,
    /// A sign-off by one person or office, such as the superintendent approving a plan.
    SignOff,
}

/// Who approves or decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Approver {
    /// The school board (or, for a state, the state board).
    SchoolBoard,
    /// The union or bargaining unit, or its members.
    Union,
    /// A state agency or the legislature.
    State,
    /// The superintendent.
    Superintendent,
    /// District leadership other than the superintendent.
    DistrictLeaders,
    /// Principals.
    Principals,
    /// City leaders.
    City,
}

/// Something already approved.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// An id, when other parts of the plan refer to it.
    #[serde(default)]
    #[schemars(example = &"pathways-mou")]
    pub id: Option<Id>,
    /// What was approved.
    #[schemars(length(min = 1), example = &"Pathways memorandum of understanding with the teachers association")]
    pub title: String,
    /// What kind of approval it is.
    pub kind: ApprovalKind,
    /// Who approved it.
    #[schemars(length(min = 1), example = example_union_school_board())]
    pub by: Vec<Approver>,
    /// The day it was approved (for an agreement, the day the last party approved it).
    pub date: Date,
    /// The day it ends, when it does, such as an MOU's sunset.
    #[serde(default)]
    pub ends: Option<Date>,
    /// Its reference, such as a resolution number.
    #[serde(default)]
    #[schemars(example = &"Board Resolution 26-14")]
    pub reference: Option<String>,
    /// The incentives, program costs or opportunities it approves, by id; everything in the
    /// plan that its approvers must approve when left out.
    #[serde(default)]
    #[schemars(example = example_lane_change())]
    pub covers: Vec<Id>,
}

/// Kinds of approvals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum ApprovalKind {
    /// A resolution of the board.
    BoardResolution,
    /// A memorandum of understanding between the district and the union.
    Mou,
    /// The collective bargaining agreement itself.
    CollectiveAgreement,
    /// A board or district policy.
    Policy,
    /// An adopted budget.
    Budget,
    /// A state rule, regulation or law.
    StateRule,
    /// Another kind of approval.
    Other,
}

fn example_union_school_board() -> serde_json::Value {
    serde_json::json!(["union", "school-board"])
}

fn example_lane_change() -> serde_json::Value {
    serde_json::json!(["stack-lane-change", "hybrid-role-differential"])
}

/// A pilot: a first, smaller run of the program.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pilot {
    /// Whether the pilot is `planned`, `running` or `completed`. A completed pilot may have
    /// run before the plan period, as a scaling plan's usually did.
    #[serde(default)]
    pub status: Option<PilotStatus>,
    /// What the pilot tries, and what it should teach.
    #[serde(default)]
    pub description: Option<String>,
    /// The schools or districts taking part.
    #[serde(default)]
    pub sites: Vec<String>,
    /// The day the pilot starts.
    #[serde(default)]
    pub start: Option<Date>,
    /// The day the pilot ends.
    #[serde(default)]
    pub end: Option<Date>,
    /// How many educators take part.
    #[serde(default)]
    pub participants: Option<u32>,
}

/// Where a pilot stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PilotStatus {
    /// Not started yet.
    Planned,
    /// Under way.
    Running,
    /// Finished.
    Completed,
}

/// Partnerships: organizations outside the plan's own that contribute to it.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partnerships {
    /// The partners and what each contributes.
    #[serde(default)]
    pub partners: Vec<Partner>,
}

/// An organization that contributes to the plan.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Partner {
    /// The partner's name.
    #[schemars(length(min = 1), example = &"Willamette State University College of Education")]
    pub name: String,
    /// What kind of organization it is.
    pub kind: PartnerKind,
    /// What it contributes.
    #[serde(default)]
    pub contribution: Option<String>,
}

/// Kinds of partner organizations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PartnerKind {
    /// A teacher preparation program.
    TeacherPreparation,
    /// A college or university.
    HigherEducation,
    /// A nonprofit organization.
    Nonprofit,
    /// An employer or business.
    Employer,
    /// A state agency.
    StateAgency,
    /// A school district, such as a neighbouring district that shares assessors.
    District,
    /// A regional service agency serving several districts.
    RegionalAgency,
    /// An organization that issues micro-credentials.
    CredentialIssuer,
    /// A foundation or other philanthropy.
    Philanthropy,
    /// A community organization.
    Community,
}
