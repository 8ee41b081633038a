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
}

/// A pilot: a first, smaller run of the program.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pilot {
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
