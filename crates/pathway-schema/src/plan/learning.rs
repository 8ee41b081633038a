//! Professional learning experiences and the quality of credentials.

use schemars::JsonSchema;
use serde::Deserialize;

/// Professional learning experiences: how educators gain and show the skills the credentials
/// assess.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Learning {
    /// How time is built in for this professional learning.
    #[serde(default)]
    pub time: Option<String>,
    /// How educators receive feedback on their proficiencies.
    #[serde(default)]
    pub feedback: Option<String>,
    /// How evidence is used to guide professional learning.
    #[serde(default)]
    pub evidence: Option<String>,
    /// How completing a pathway unlocks an opportunity for something more.
    #[serde(default)]
    pub unlocks: Option<String>,
    /// The supports educators get while earning credentials: coaching, cohorts, release time.
    #[serde(default)]
    pub supports: Option<String>,
    /// Whether educators choose to take part: `voluntary`, `invited` (someone invites them and
    /// they may decline) or `assigned`. Educators' and union documents answer "is it
    /// voluntary?" from this.
    #[serde(default)]
    pub participation: Option<Participation>,
}

/// How educators come to take part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Participation {
    /// Each educator decides whether to take part; no one is required to.
    Voluntary,
    /// Educators take part when invited, by a principal or a coach, and may decline.
    Invited,
    /// Some educators are required to take part.
    Assigned,
}

/// Quality: how credentials are reviewed and assessors calibrated.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quality {
    /// How credentials are reviewed and assessors calibrated so that quality and rigor hold at
    /// scale.
    #[serde(default)]
    pub review: Option<String>,
    /// How an educator can appeal an assessment decision.
    #[serde(default)]
    pub appeals: Option<String>,
    /// Whether credential evidence and scores may be used in educators' performance
    /// evaluations: `kept-out`, `educator-chooses` (only when the educator offers it) or
    /// `may-be-used`.
    #[serde(default)]
    pub evidence_in_evaluation: Option<EvidenceInEvaluation>,
    /// How many times an educator may resubmit a submission that does not yet meet the bar;
    /// 0 when a decision is final.
    #[serde(default)]
    #[schemars(range(max = 20), example = 2)]
    pub resubmissions: Option<u32>,
    /// Who hears an appeal of a score, and how soon it must be filed.
    #[serde(default)]
    pub appeal: Option<Appeal>,
    /// How much scoring the assessors can do. With the assessors each year of `scope.growth`
    /// has, the district's document compares it with the credentials expected.
    #[serde(default)]
    pub assessor_capacity: Option<AssessorCapacity>,
}

/// Whether credential evidence may be used in performance evaluations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum EvidenceInEvaluation {
    /// Never used in performance evaluations.
    KeptOut,
    /// Used only when the educator chooses to offer it.
    EducatorChooses,
    /// May be used in performance evaluations.
    MayBeUsed,
}

/// The rules for appealing a score.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Appeal {
    /// Who hears the appeal.
    #[serde(default)]
    #[schemars(example = &"A panel of two assessors who did not score the submission")]
    pub heard_by: Option<String>,
    /// How many days after the score an appeal may be filed.
    #[serde(default)]
    #[schemars(range(min = 1, max = 365), example = 20)]
    pub within_days: Option<u32>,
    /// Whether `within_days` counts `school` days or `calendar` days (the default).
    #[serde(default)]
    pub days: Option<DayCount>,
}

/// Which days a period counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum DayCount {
    /// School days only.
    School,
    /// Every day of the calendar.
    Calendar,
}

/// How much scoring the assessors can do.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AssessorCapacity {
    /// How many submissions one assessor can score in a school year.
    #[schemars(range(min = 1, max = 100000), example = 40)]
    pub submissions_per_assessor: u32,
    /// How many assessors score each submission; 1 when left out.
    #[serde(default)]
    #[schemars(range(min = 1, max = 10), example = 2)]
    pub assessors_per_submission: Option<u32>,
}
