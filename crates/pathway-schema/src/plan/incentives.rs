//! Incentives and value: what educators and other groups get.

use schemars::JsonSchema;
use serde::Deserialize;

use super::StakeholderKind;
use crate::values::{Id, Money};

/// Incentives and value: what educators receive, and what each group gains and gives.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incentives {
    /// What an educator receives: compensation, privilege and influence, recognition, a position
    /// change or hybrid role, job security.
    #[serde(default)]
    pub offers: Vec<Incentive>,
    /// What each stakeholder group gets, at what cost in money and time.
    #[serde(default)]
    pub value_propositions: Vec<ValueProposition>,
    /// How pay is set here: by collective bargaining (assumed when left out), board policy or
    /// state law. Salary, step and lane changes need the approval of whoever sets pay
    /// (`compensation-without-union`, PW212, checks it).
    #[serde(default)]
    pub pay_setting: Option<PaySetting>,
}

/// How pay is set, and so whose approval salary changes need.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaySetting {
    /// Who sets pay.
    pub set_by: PaySetBy,
    /// How it works here, with the policy or law that governs it.
    #[serde(default)]
    #[schemars(
        example = &"Teachers here do not bargain collectively; the board adopts the compensation plan each June under policy DEA(LOCAL)."
    )]
    pub description: Option<String>,
}

/// Who sets educators' pay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PaySetBy {
    /// A collective bargaining agreement with the union: salary changes need the union's
    /// agreement.
    CollectiveBargaining,
    /// The school board, by policy, where there is no bargaining: salary changes need the
    /// board's approval.
    BoardPolicy,
    /// State law or a state salary schedule: the plan works within it.
    StateLaw,
}

/// Something an educator receives for earning credentials.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incentive {
    /// The incentive's id, which opportunities and projections refer to.
    #[schemars(example = &"credential-stipend")]
    pub id: Id,
    /// The incentive's name, as documents print it. Documents make one from the id
    /// (`credential-stipend` → "Credential stipend") when it is left out.
    #[serde(default)]
    #[schemars(length(min = 1), example = &"Stipend for each credential earned")]
    pub title: Option<String>,
    /// The family of incentive.
    #[serde(rename = "type")]
    pub kind: IncentiveType,
    /// For compensation: the form it takes. Salary increases, steps and lane changes usually
    /// need the union's agreement.
    #[serde(default)]
    pub compensation: Option<CompensationForm>,
    /// What the educator receives, in words.
    #[serde(default)]
    #[schemars(example = &"$300 for each micro-credential the district approves.")]
    pub description: Option<String>,
    /// How much money, when money is involved, and per what.
    #[serde(default)]
    pub amount: Option<Money>,
    /// What earns it, in words: a credential earned, a completed stack, a year in a role.
    #[serde(default)]
    #[schemars(example = &"Each completed stack, counted as six units toward the next lane")]
    pub paid_for: Option<String>,
    /// Who receives the money, which also says how the budget counts it. Each educator (the
    /// default), school or district that receives it is paid the amount: a `per-year` or
    /// `one-time` amount is multiplied by the year's `scope.growth[].recipients` entry for the
    /// incentive, and the validator reports a year without one. `program` is paid once (a year,
    /// for `per-year`) however many educators benefit, such as a conference fund.
    #[serde(default)]
    pub paid_to: Option<PaidTo>,
    /// The funding sources that pay for it, by id.
    #[serde(default)]
    #[schemars(example = example_district_pd_budget())]
    pub funded_by: Vec<Id>,
}

/// Who receives an incentive's money.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PaidTo {
    /// Each educator who receives it.
    EachEducator,
    /// Each school that takes part, such as a building's release-time grant.
    EachSchool,
    /// Each district that takes part, such as a reimbursement for released time.
    EachDistrict,
    /// The program as a whole: one payment (a year, for `per-year` amounts), however many
    /// educators benefit.
    Program,
}

impl PaidTo {
    /// Whether the amount is paid to each recipient, and so multiplied by the recipients.
    pub fn per_recipient(self) -> bool {
        self != PaidTo::Program
    }
}

/// The families of incentives an educator can receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum IncentiveType {
    /// Money: stipends, salary, steps and lanes.
    Compensation,
    /// Privilege and influence: conferences, publication, committee seats.
    PrivilegeInfluence,
    /// Recognition: certificates, celebrations, being named a resource for colleagues.
    Recognition,
    /// A change of position, such as a hybrid role.
    PositionChange,
    /// Greater job security.
    JobSecurity,
}

/// The form a compensation incentive takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum CompensationForm {
    /// A payment that does not change base salary.
    Stipend,
    /// A one-time bonus.
    Bonus,
    /// A raise in base salary.
    SalaryIncrease,
    /// A step on the salary schedule.
    Step,
    /// A move to a higher lane of the salary schedule.
    LaneChange,
}

impl CompensationForm {
    /// Whether this form changes the salary schedule, which is usually bargained.
    pub fn changes_salary(self) -> bool {
        matches!(
            self,
            CompensationForm::SalaryIncrease
                | CompensationForm::Step
                | CompensationForm::LaneChange
        )
    }
}

/// What one stakeholder group gets from the program, and what it costs them.
#[derive(Debug, Clone, PartialEq, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueProposition {
    /// The group.
    pub group: StakeholderKind,
    /// What the group gains.
    #[serde(default)]
    pub value: Option<String>,
    /// What it costs the group in money.
    #[serde(default)]
    pub cost: Option<String>,
    /// What it costs the group in time.
    #[serde(default)]
    pub time: Option<String>,
}

fn example_district_pd_budget() -> serde_json::Value {
    serde_json::json!(["district-pd-budget"])
}
