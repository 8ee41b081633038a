//! The budget by year: what each money incentive is projected to cost in each plan year, what each
//! funding source provides, and the balance.
//!
//! Who is paid how often comes from the validator's budget rules ([`pathway_validate::budget`]),
//! so a document and `pathway validate` agree about every projected year:
//! - An incentive's cost in plan year Y (a year listed in `scope.growth`) is `amount.value ×
//!   recipients`. Recipients are `growth[Y].recipients[incentive-id]` when the plan gives them;
//!   otherwise they follow the unit: `per-credential` → `growth[Y].credentials`, `per-participant`
//!   → `growth[Y].participants`, `per-year` → 1, `one-time` → 1 in the first growth year and 0
//!   after it.
//! - A funding source provides `amount.value` in each of its `years`; a `one-time` source only in
//!   the first year it lists.
//!
//! ```
//! use pathway_export::budget;
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: scaling
//! organization: {name: Demo District, kind: district}
//! incentives:
//!   offers:
//!     - {id: stipend, type: compensation, amount: {value: 300, unit: per-credential}}
//! scope:
//!   funding:
//!     - {id: grant, name: Grant, kind: grant, amount: {value: 20000, unit: per-year}, years: [2027, 2028]}
//!   growth:
//!     - {year: 2027, participants: 40, credentials: 60}
//!     - {year: 2028, participants: 80, credentials: 100}
//! ").unwrap().plan;
//! let years = budget::balance_by_year(&plan);
//! assert_eq!(years[0].cost, 18_000.0);
//! assert_eq!(years[1].cost, 30_000.0);
//! assert_eq!(years[1].shortfall(), 10_000.0);
//! ```

use std::collections::{BTreeMap, BTreeSet};

use pathway_schema::{GrowthYear, Id, Incentive, MoneyUnit, Plan, Year};
use pathway_validate::budget::Count;

/// What one incentive is projected to cost in one plan year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearCost {
    /// The plan year.
    pub year: Year,
    /// How many educators (or credentials) it is paid for; `None` when the plan does not say
    /// enough to know, such as a per-credential stipend in a year with no credential projection.
    pub recipients: Option<u32>,
    /// `amount × recipients`, when the recipients are known.
    pub cost: Option<f64>,
}

/// A money incentive's projected cost in each growth year.
#[derive(Debug, Clone, PartialEq)]
pub struct IncentiveCost {
    /// The incentive.
    pub incentive: Id,
    /// Its cost in each year of `scope.growth`, earliest first.
    pub by_year: Vec<YearCost>,
}

/// What a funding source provides in each year.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceFunding {
    /// The source.
    pub source: Id,
    /// The money it provides, by plan year.
    pub by_year: BTreeMap<Year, f64>,
}

/// Costs and funding in one plan year.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct YearBalance {
    /// The plan year.
    pub year: Year,
    /// The projected cost of every money incentive whose cost is known.
    pub cost: f64,
    /// Whether some incentive's cost that year is unknown, so `cost` is a lower bound.
    pub cost_incomplete: bool,
    /// Whether the year is in `scope.growth`, so costs are projected for it at all.
    pub projected: bool,
    /// The money every funding source provides that year.
    pub funding: f64,
}

impl YearBalance {
    /// How much more the year costs than its funding; 0 when funding covers it.
    pub fn shortfall(&self) -> f64 {
        (self.cost - self.funding).max(0.0)
    }
}

/// How many recipients an incentive is paid for in `year`, following the rules above. `first` is
/// the earliest growth year.
pub fn recipients(incentive: &Incentive, year: &GrowthYear, first: Year) -> Option<u32> {
    // A per-credential amount in a year that projects no credentials has no known cost; the
    // document says so rather than showing zero.
    let per_credential = incentive.amount.as_ref()?.unit == MoneyUnit::PerCredential;
    if per_credential && year.credentials.is_none() && !year.recipients.contains_key(&incentive.id)
    {
        return None;
    }
    pathway_validate::budget::count(incentive, year, first).map(Count::times)
}

/// The projected cost of every money incentive (one with an amount) in each growth year, in the
/// plan's order.
pub fn incentive_costs(plan: &Plan) -> Vec<IncentiveCost> {
    let growth = growth_years(plan);
    let Some(first) = growth.first().map(|year| year.year) else {
        return Vec::new();
    };
    money_incentives(plan)
        .map(|incentive| IncentiveCost {
            incentive: incentive.id.clone(),
            by_year: growth
                .iter()
                .map(|year| {
                    let recipients = recipients(incentive, year, first);
                    YearCost {
                        year: year.year,
                        recipients,
                        cost: recipients
                            .zip(incentive.amount.as_ref())
                            .map(|(count, amount)| amount.value * f64::from(count)),
                    }
                })
                .collect(),
        })
        .collect()
}

/// What each funding source provides in each of its years, in the plan's order.
pub fn funding_by_year(plan: &Plan) -> Vec<SourceFunding> {
    let Some(scope) = &plan.scope else {
        return Vec::new();
    };
    scope
        .funding
        .iter()
        .map(|source| {
            let mut by_year = BTreeMap::new();
            let years: Vec<Year> = match source.amount.unit {
                MoneyUnit::OneTime => source.years.first().copied().into_iter().collect(),
                _ => source.years.clone(),
            };
            for year in years {
                *by_year.entry(year).or_insert(0.0) += source.amount.value;
            }
            SourceFunding {
                source: source.id.clone(),
                by_year,
            }
        })
        .collect()
}

/// Costs against funding for every year that has either, earliest first.
pub fn balance_by_year(plan: &Plan) -> Vec<YearBalance> {
    let costs = incentive_costs(plan);
    let funding = funding_by_year(plan);
    let projected: BTreeSet<Year> = growth_years(plan).iter().map(|year| year.year).collect();
    let years: BTreeSet<Year> = projected
        .iter()
        .copied()
        .chain(
            funding
                .iter()
                .flat_map(|source| source.by_year.keys().copied()),
        )
        .collect();
    years
        .into_iter()
        .map(|year| {
            let year_costs = costs
                .iter()
                .flat_map(|incentive| incentive.by_year.iter())
                .filter(|cost| cost.year == year);
            let mut cost = 0.0;
            let mut cost_incomplete = false;
            for entry in year_costs {
                match entry.cost {
                    Some(value) => cost += value,
                    None => cost_incomplete = true,
                }
            }
            YearBalance {
                year,
                cost,
                cost_incomplete,
                projected: projected.contains(&year),
                funding: funding
                    .iter()
                    .filter_map(|source| source.by_year.get(&year))
                    .sum(),
            }
        })
        .collect()
}

/// The incentives that involve money: those with an amount.
pub fn money_incentives(plan: &Plan) -> impl Iterator<Item = &Incentive> {
    plan.incentives
        .iter()
        .flat_map(|incentives| incentives.offers.iter())
        .filter(|incentive| incentive.amount.is_some())
}

/// The currency the plan counts in: the first one named on any amount, else US dollars.
pub fn currency(plan: &Plan) -> &str {
    let incentive_currencies = money_incentives(plan)
        .filter_map(|incentive| incentive.amount.as_ref()?.currency.as_deref());
    let funding_currencies = plan
        .scope
        .iter()
        .flat_map(|scope| scope.funding.iter())
        .filter_map(|source| source.amount.currency.as_deref());
    incentive_currencies
        .chain(funding_currencies)
        .next()
        .unwrap_or("USD")
}

/// The growth years, earliest first.
fn growth_years(plan: &Plan) -> Vec<&GrowthYear> {
    let mut years: Vec<&GrowthYear> = plan
        .scope
        .iter()
        .flat_map(|scope| scope.growth.iter())
        .collect();
    years.sort_by_key(|year| year.year);
    years
}

#[cfg(test)]
mod tests {
    use super::*;
    use pathway_schema::load::load_str;

    fn plan(extra: &str) -> Plan {
        let text = format!(
            "schema_version: 1\nid: demo\nreadiness: scaling\norganization: {{name: Demo, kind: district}}\n{extra}"
        );
        load_str("plan.yaml", &text).unwrap().plan
    }

    const INCENTIVES: &str = "\
incentives:
  offers:
    - {id: per-credential, type: compensation, amount: {value: 100, unit: per-credential}}
    - {id: per-participant, type: compensation, amount: {value: 10, unit: per-participant}}
    - {id: per-year, type: privilege-influence, amount: {value: 900, unit: per-year}}
    - {id: one-time, type: recognition, amount: {value: 500, unit: one-time}}
    - {id: no-money, type: recognition}
    - {id: coach, type: compensation, amount: {value: 2000, unit: per-year}}
";

    #[test]
    fn each_unit_counts_its_own_recipients() {
        let plan = plan(&format!(
            "{INCENTIVES}scope:\n  growth:\n    - {{year: 2028, participants: 50}}\n    - {{year: 2027, participants: 20, credentials: 30, recipients: {{coach: 3}}}}\n"
        ));
        let costs = incentive_costs(&plan);
        let ids: Vec<&str> = costs.iter().map(|c| c.incentive.as_str()).collect();
        assert_eq!(
            ids,
            [
                "per-credential",
                "per-participant",
                "per-year",
                "one-time",
                "coach"
            ]
        );
        let by = |id: &str| -> Vec<Option<f64>> {
            costs
                .iter()
                .find(|c| c.incentive.as_str() == id)
                .unwrap()
                .by_year
                .iter()
                .map(|y| y.cost)
                .collect()
        };
        // Years come out earliest first even though the plan lists 2028 first.
        assert_eq!(costs[0].by_year[0].year, 2027);
        assert_eq!(by("per-credential"), [Some(3000.0), None]);
        assert_eq!(by("per-participant"), [Some(200.0), Some(500.0)]);
        assert_eq!(by("per-year"), [Some(900.0), Some(900.0)]);
        assert_eq!(by("one-time"), [Some(500.0), Some(0.0)]);
        assert_eq!(by("coach"), [Some(6000.0), Some(2000.0)]);
    }

    #[test]
    fn one_time_funding_counts_in_its_first_listed_year_only() {
        let plan = plan(
            "scope:\n  funding:\n    - {id: a, name: A, kind: grant, amount: {value: 8000, unit: one-time}, years: [2029, 2028]}\n    - {id: b, name: B, kind: district-budget, amount: {value: 100, unit: per-year}, years: [2028, 2029]}\n",
        );
        let funding = funding_by_year(&plan);
        assert_eq!(funding[0].by_year, BTreeMap::from([(2029, 8000.0)]));
        assert_eq!(
            funding[1].by_year,
            BTreeMap::from([(2028, 100.0), (2029, 100.0)])
        );
    }

    #[test]
    fn balance_marks_unknown_costs_and_shortfalls() {
        let plan = plan(&format!(
            "{INCENTIVES}scope:\n  funding:\n    - {{id: a, name: A, kind: grant, amount: {{value: 5000, unit: per-year}}, years: [2027, 2028, 2029]}}\n  growth:\n    - {{year: 2027, participants: 20, credentials: 30}}\n    - {{year: 2028, participants: 50}}\n"
        ));
        let years = balance_by_year(&plan);
        assert_eq!(years.len(), 3);
        assert_eq!(years[0].cost, 3000.0 + 200.0 + 900.0 + 500.0 + 2000.0);
        assert!(!years[0].cost_incomplete);
        assert_eq!(years[0].shortfall(), 1600.0);
        assert!(years[1].cost_incomplete);
        assert!(!years[2].projected);
        assert_eq!(years[2].cost, 0.0);
        assert_eq!(years[2].funding, 5000.0);
    }

    #[test]
    fn a_plan_without_growth_has_no_projected_costs() {
        let plan = plan(INCENTIVES);
        assert!(incentive_costs(&plan).is_empty());
        assert!(balance_by_year(&plan).is_empty());
        assert_eq!(currency(&plan), "USD");
    }
}
