//! Scope and scale: who decides, who runs it, what money there is and how it grows.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Deserialize;

use crate::values::{Id, Money, Year};

/// Scope and scale: where decisions are made, who runs the program, the money behind it and how
/// it grows.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// Where decisions about the pathways are made.
    #[serde(default)]
    pub decision_making: Option<String>,
    /// The person educators contact about the pathways.
    #[serde(default)]
    pub point_of_contact: Option<PointOfContact>,
    /// The money available, from which sources, for which years.
    #[serde(default)]
    pub funding: Vec<FundingSource>,
    /// What the program pays for besides incentives: a coordinator, the evaluation contract,
    /// a credential platform, substitutes for release time, assessor training. The yearly
    /// budget counts them with the incentives against the sources that pay for them.
    #[serde(default)]
    pub program_costs: Vec<ProgramCost>,
    /// Participants and resources expected each year. The validator multiplies incentive
    /// amounts by these numbers to check the budget.
    #[serde(default)]
    pub growth: Vec<GrowthYear>,
}

/// The person educators contact about the pathways.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PointOfContact {
    /// The person's name.
    #[schemars(length(min = 1), example = &"Dana Whitfield")]
    pub name: String,
    /// The person's role.
    #[serde(default)]
    #[schemars(example = &"Director of Professional Learning")]
    pub role: Option<String>,
    /// An email address educators can write to.
    #[serde(default)]
    #[schemars(email, example = &"pathways@cedarvalley.k12.example")]
    pub email: Option<String>,
    /// Whether this person also assesses credential submissions. When they do, say in
    /// `quality.review` how conflicts are avoided.
    #[serde(default)]
    pub also_assessor: Option<bool>,
}

/// A source of money for the program.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingSource {
    /// The source's id, which incentives use in `funded_by`.
    #[schemars(example = &"district-pd-budget")]
    pub id: Id,
    /// The source's name.
    #[schemars(length(min = 1), example = &"District professional development budget")]
    pub name: String,
    /// What kind of source it is.
    pub kind: FundingKind,
    /// How much it provides. Use `per-year` for a yearly amount, `one-time` for a single sum.
    pub amount: Money,
    /// The plan years it provides money in. 2027 means the 2026–27 school year.
    #[schemars(inner(range(min = 2000, max = 2100)), example = example_2027_2028_2029())]
    pub years: Vec<Year>,
    /// Whether the money is `committed` (awarded, appropriated or budgeted: the default) or
    /// only `anticipated` (applied for, expected, awaiting a vote). The budget check
    /// (`budget-shortfall`) counts committed money only; documents show both.
    #[serde(default)]
    pub status: Option<FundingStatus>,
    /// Years whose amount or status differ from `amount` and `status`: a grant that steps
    /// down, a renewal not yet awarded. A year listed here provides in it even when `years`
    /// leaves it out.
    #[serde(default)]
    #[schemars(example = by_year_example())]
    pub by_year: Vec<FundingYear>,
    /// Conditions on how the money may be spent.
    #[serde(default)]
    pub restrictions: Option<String>,
}

/// Something the program pays for besides incentives.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProgramCost {
    /// The cost's id.
    #[schemars(example = &"external-evaluation")]
    pub id: Id,
    /// What is paid for, as documents print it.
    #[schemars(length(min = 1), example = &"External evaluation contract")]
    pub title: String,
    /// What it buys, in words.
    #[serde(default)]
    pub description: Option<String>,
    /// How much, per what: `per-year` each year, `one-time` once (in the earliest of its
    /// years), `per-credential` or `per-participant` times the year's projection.
    pub amount: Money,
    /// The plan years it is paid in; every year of `scope.growth` when left out.
    #[serde(default)]
    #[schemars(inner(range(min = 2000, max = 2100)), example = example_2027_2028_2029())]
    pub years: Vec<Year>,
    /// The funding sources that pay for it, by id.
    #[serde(default)]
    #[schemars(example = example_state_appropriation())]
    pub funded_by: Vec<Id>,
}

fn example_state_appropriation() -> serde_json::Value {
    serde_json::json!(["state-appropriation"])
}

/// Whether money is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FundingStatus {
    /// Awarded, appropriated or budgeted.
    Committed,
    /// Expected but not yet secured: applied for, awaiting a vote or a renewal.
    Anticipated,
}

/// One year of a funding source whose amount or status differs from the rest.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingYear {
    /// The plan year. 2027 means the 2026–27 school year.
    #[schemars(range(min = 2000, max = 2100), example = 2029)]
    pub year: Year,
    /// What the source provides that year, in its currency's main unit, from 0 to one
    /// trillion; the source's `amount` when left out.
    #[serde(default, deserialize_with = "deserialize_optional_amount")]
    #[schemars(range(min = 0, max = crate::numbers::MAX_AMOUNT), example = 50000)]
    pub value: Option<f64>,
    /// Whether that year's money is committed or anticipated; the source's `status` when left
    /// out.
    #[serde(default)]
    pub status: Option<FundingStatus>,
}

fn deserialize_optional_amount<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<f64>, D::Error> {
    crate::values::deserialize_amount(deserializer).map(Some)
}

fn by_year_example() -> serde_json::Value {
    serde_json::json!([{"year": 2029, "value": 50000, "status": "anticipated"}])
}

/// Kinds of funding sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum FundingKind {
    /// The organization's own budget.
    DistrictBudget,
    /// State funds.
    State,
    /// Federal Title funds (for example Title II, Part A).
    FederalTitle,
    /// Other federal funds.
    Federal,
    /// A competitive grant.
    Grant,
    /// A foundation or other philanthropy.
    Philanthropy,
}

/// What the program expects in one plan year.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GrowthYear {
    /// The plan year. 2027 means the 2026–27 school year.
    #[schemars(range(min = 2000, max = 2100), example = 2027)]
    pub year: Year,
    /// Educators expected to take part that year.
    #[schemars(example = 40)]
    pub participants: u32,
    /// Micro-credentials expected to be earned that year. Incentives paid `per-credential` are
    /// multiplied by this number.
    #[serde(default)]
    #[schemars(example = 90)]
    pub credentials: Option<u32>,
    /// How many receive each incentive that year, by incentive id: everyone paid that year,
    /// new and continuing. A `per-year` stipend, differential or lane change kept from earlier
    /// years counts every current holder; a `one-time` or `per-credential` payment counts only
    /// those paid that year. Overrides the count implied by the incentive's unit; a `per-year`
    /// or `one-time` incentive paid to each recipient needs an entry every year.
    #[serde(default)]
    #[schemars(example = recipients_example())]
    pub recipients: BTreeMap<Id, u32>,
    /// Trained assessors scoring submissions that year. With `quality.assessor_capacity`, the
    /// district's document compares what they can score with the credentials expected.
    #[serde(default)]
    #[schemars(example = 24)]
    pub assessors: Option<u32>,
    /// What the program needs that year to serve them: assessors, coaching, release time.
    #[serde(default)]
    pub resources: Option<String>,
}

fn recipients_example() -> serde_json::Value {
    serde_json::json!({"lane-change": 6, "hybrid-coach-stipend": 4})
}

fn example_2027_2028_2029() -> serde_json::Value {
    serde_json::json!([2027, 2028, 2029])
}
