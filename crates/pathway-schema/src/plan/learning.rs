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
}
