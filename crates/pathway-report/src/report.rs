//! The finished roll-up: every figure the briefing and the data files show, in one value that
//! serializes as `report.json` (its JSON Schema is `schemas/pathway-report.v1.schema.json`).
//!
//! Amounts of money are whole cents (`…_cents`), so that a state's data system adds them up
//! exactly; each is in the currency named beside it.

use schemars::JsonSchema;
use serde::Serialize;

pub use crate::network::SharedCredential;
pub use crate::rows::PlanRow;
use crate::rows::PlanRows;

/// The version of the shape of `report.json`; a change that is not an addition raises it.
pub const REPORT_VERSION: u32 = 1;

/// Everything the roll-up found.
#[derive(Debug, PartialEq, Serialize, JsonSchema)]
#[schemars(title = "Pathway Kit state roll-up")]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The version of this shape: 1.
    pub report_version: u32,
    /// The report's title.
    pub title: String,
    /// How many plans were read and how they fared.
    pub totals: Totals,
    /// Plans by readiness level, earliest level first.
    pub readiness: Vec<LevelCount>,
    /// Plans by the kind of organization that wrote them.
    pub organization_kinds: Vec<KindCount>,
    /// Decision-point coverage by area, in the toolkit's order.
    pub areas: Vec<AreaCount>,
    /// Coverage of each decision point: the toolkit's in its order, then the state's own
    /// (declared in the plans' `pathway.toml`), merged by id across configurations, in id order.
    pub decision_points: Vec<PointCount>,
    /// Answers to state points not counted because the roll-up reached its bound of distinct
    /// declarations (1,000).
    pub state_points_untracked: u64,
    /// The decision points most often left open by the plans that must answer them, most first
    /// (at most ten; ties in the order of `decision_points`).
    pub most_often_open: Vec<String>,
    /// Credentials across plans.
    pub credentials: CredentialNetwork,
    /// Opportunities across plans.
    pub opportunities: Opportunities,
    /// Incentives across plans.
    pub incentives: IncentiveSpread,
    /// Funding, cost and shortfall by currency and year.
    pub money: Vec<MoneyYear>,
    /// The plans whose committed funding falls short in some year, largest shortfall first.
    pub plans_short: Vec<ShortPlan>,
    /// Who disaggregates participation and outcomes, and by what.
    pub equity: EquityCount,
    /// The plans with errors (including those that could not be read), in plan order.
    pub plans_with_errors: Vec<ErrorPlan>,
    /// Findings by rule, most frequent first.
    pub findings_by_rule: Vec<RuleCount>,
    /// One row per plan, ordered by plan id, then file name.
    // Kept in temporary files, and read back in order as they are written out.
    #[serde(serialize_with = "crate::rows::serialize")]
    #[schemars(with = "Vec<PlanRow>")]
    pub plans: PlanRows,
    /// Coverage of each group of counted plans (readiness level and organization kind), for
    /// the heat map and coverage tables of a large set (not in `report.json`).
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) coverage_groups: Vec<GroupCoverage>,
    /// Every state point declaration met, in the order rows refer to them
    /// ([`StateAnswer::declaration`](crate::state::StateAnswer)), each with its place among the
    /// state points of [`Report::decision_points`] (not in `report.json`).
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) state_declarations: Vec<crate::state::StateDeclaration>,
}

/// How many plans there are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// Plan files read.
    pub plans: u64,
    /// Plans that matched the schema, whose figures are counted.
    pub counted: u64,
    /// Plans with at least one error (counted or not).
    pub with_errors: u64,
    /// Plans that could not be read as plans: a syntax or schema error, or an unreadable file.
    pub not_counted: u64,
    /// Counted plans that answer every decision point their level requires.
    pub complete_for_level: u64,
}

/// Plans at one readiness level.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LevelCount {
    /// The level, as plans write it.
    pub level: String,
    /// Plans at the level.
    pub plans: u64,
    /// Of those, the plans complete for it.
    pub complete: u64,
}

/// Plans of one organization kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindCount {
    /// The kind, as plans write it.
    pub kind: String,
    /// Plans by organizations of that kind.
    pub plans: u64,
}

/// Coverage of one area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AreaCount {
    /// The area's id, the prefix of its decision points.
    pub area: String,
    /// The area's title.
    pub title: String,
    /// Counted plans whose level requires at least one of the area's points.
    pub plans_required: u64,
    /// Of those, the plans that answer all of the area's required points.
    pub plans_answered: u64,
    /// Required points summed over plans.
    pub points_required: u64,
    /// Of those, the points answered.
    pub points_answered: u64,
}

/// Coverage of one decision point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PointCount {
    /// The decision point's id.
    pub id: String,
    /// `toolkit` for the toolkit's own points, `state` for a point a state's configuration
    /// declares.
    pub source: String,
    /// The question it asks (for a state point declared differently by several configurations,
    /// the declaration shown is the least by area, level and question).
    pub question: String,
    /// Its area's id.
    pub area: String,
    /// The first level that requires it.
    pub level: String,
    /// Counted plans whose level requires it.
    pub plans_required: u64,
    /// Of those, the plans that answer it.
    pub plans_answered: u64,
    /// Of those, the plans that leave it open.
    pub plans_open: u64,
    /// Counted plans that answer it, required or not.
    pub plans_answering_any_level: u64,
    /// Counted plans whose configuration does not declare it (always 0 for the toolkit's
    /// points): they are not asked it, so it is neither required of them nor open.
    pub plans_not_asked: u64,
}

/// The credentials of all plans.
#[derive(Debug, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CredentialNetwork {
    /// Credentials offered, summed over plans (a credential a plan lists twice counts once),
    /// untracked ones included.
    pub offered: u64,
    /// Distinct credentials, matched by CTID, Open Badges URL, or title and issuer.
    pub distinct: u64,
    /// Credentials left unmatched because the network reached its bound of distinct credentials.
    pub untracked: u64,
    /// The credentials more than one plan offers, by how many plans offer them (most first),
    /// then by key.
    // Read from the credential network as it is written (so no plan id is held as text per
    // plan and shared credential); it also gives `credentials.csv` every distinct credential.
    #[schemars(with = "Vec<SharedCredential>")]
    pub shared: crate::network::SharedCredentials,
}

/// Opportunities across plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Opportunities {
    /// Opportunities in all.
    pub total: u64,
    /// Opportunities that keep the educator in the classroom.
    pub in_classroom: u64,
    /// Counted plans with at least one opportunity that keeps educators in the classroom.
    pub plans_with_classroom_opportunity: u64,
    /// By kind, most opportunities first (ties in the schema's order).
    pub kinds: Vec<OpportunityKindCount>,
}

/// Opportunities of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OpportunityKindCount {
    /// The kind, as plans write it.
    pub kind: String,
    /// Opportunities of the kind.
    pub opportunities: u64,
    /// Plans with at least one.
    pub plans: u64,
}

/// Incentives across plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncentiveSpread {
    /// Plans offering each incentive type, in the schema's order.
    pub types: Vec<TypeCount>,
    /// Compensation paid per credential earned (stipends), by currency.
    pub per_credential: Vec<Spread>,
    /// Compensation paid per year (differentials), by currency.
    pub per_year: Vec<Spread>,
}

/// Plans offering one incentive type.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TypeCount {
    /// The type, as plans write it.
    pub kind: String,
    /// Plans offering at least one incentive of the type.
    pub plans: u64,
}

/// The spread of some amounts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spread {
    /// The currency.
    pub currency: String,
    /// How many amounts.
    pub count: u64,
    /// The lowest.
    pub lowest_cents: i64,
    /// The median: the middle amount, or the lower of the two middle ones.
    pub median_cents: i64,
    /// The highest.
    pub highest_cents: i64,
}

/// One year's money across plans, in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MoneyYear {
    /// The currency.
    pub currency: String,
    /// The plan year.
    pub year: u16,
    /// Funding by source kind, in the schema's order.
    pub funding: Vec<FundingAmount>,
    /// Projected cost, summed over the plans that project the year.
    pub cost_cents: i64,
    /// Shortfall: committed funding below cost, summed over plans.
    pub shortfall_cents: i64,
    /// Plans short that year.
    pub plans_short: u64,
}

/// Funding of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FundingAmount {
    /// The kind of source, as plans write it.
    pub kind: String,
    /// Committed funding.
    pub committed_cents: i64,
    /// Anticipated funding, not counted against cost.
    pub anticipated_cents: i64,
}

/// A plan whose committed funding falls short.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ShortPlan {
    /// The plan's id.
    pub plan: String,
    /// The organization.
    pub organization: String,
    /// The currency.
    pub currency: String,
    /// The shortfall over all years.
    pub shortfall_cents: i64,
    /// The years that fall short.
    pub years: Vec<u16>,
}

/// Equity disaggregation across plans.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EquityCount {
    /// Counted plans that name at least one group.
    pub plans_disaggregating: u64,
    /// Each group (normalized: lower case, spacing and punctuation ignored), by how many plans
    /// name it, most first.
    pub groups: Vec<GroupCount>,
    /// Group names not counted because the list reached its bound.
    pub untracked: u64,
}

/// Plans naming one group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GroupCount {
    /// The group.
    pub group: String,
    /// Plans naming it.
    pub plans: u64,
}

/// A plan with errors.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorPlan {
    /// The file.
    pub path: String,
    /// The plan's id, when it could be read.
    pub plan: Option<String>,
    /// Whether its figures are counted (it matched the schema).
    pub counted: bool,
    /// How many errors.
    pub errors: u64,
    /// The first error's message.
    pub first_error: String,
}

/// The findings of one rule at one severity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleCount {
    /// The rule's code, such as `PW101`.
    pub code: String,
    /// `error`, `warning` or `info`.
    pub severity: String,
    /// Findings in all.
    pub findings: u64,
    /// Plans with at least one.
    pub plans: u64,
}

/// The coverage of one group of counted plans: those at one readiness level written by one kind
/// of organization. A set too large to show plan by plan is shown by group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupCoverage {
    /// The readiness level.
    pub level: pathway_schema::Readiness,
    /// The organization kind.
    pub kind: pathway_schema::plan::OrganizationKind,
    /// Counted plans in the group.
    pub plans: u64,
    /// Per area, in the toolkit's order: plans whose level requires some of the area's points,
    /// of those the plans answering all of them, points required summed over plans, and of
    /// those the points answered.
    pub areas: [[u64; 4]; 9],
}
