//! The budget arithmetic behind `budget-shortfall` (PW210): what each money incentive costs in
//! each year of `scope.growth`, and what the funding sources that pay for it provide that year.
//!
//! The rule, kept simple on purpose so that a district can redo it on paper:
//!
//! - **Cost.** An incentive with an `amount` costs `amount.value × recipients` in a year. The
//!   recipients are the year's `recipients` entry for the incentive when there is one; otherwise
//!   they follow the amount's unit: `per-credential` → the year's `credentials` (0 when not
//!   projected), `per-participant` → the year's `participants`, `per-year` → 1, and `one-time`
//!   → 1 in the first (earliest) growth year and 0 after.
//! - **Funding.** A source provides its `amount.value` in each year it lists (`per-year`), or
//!   only in its first (earliest) listed year (`one-time`). A source counted `per-credential` or
//!   `per-participant` provides its value times that year's credentials or participants, in the
//!   years it lists.
//! - **Groups.** A plan says which sources may pay for an incentive, not how a shared source is
//!   split. So incentives that name a common source, directly or through other incentives, form
//!   one [`FundingGroup`], and the group's cost is compared with the sum of its sources. An
//!   incentive paid by its own source is a group of one.
//! - **Left out.** Incentives with no amount, or with no source (that is `unfunded-incentive`,
//!   PW209); groups that name a source the plan does not define (`dangling-reference`, PW201);
//!   groups that mix currencies, since the validator does not convert money. No growth, no budget.
//!
//! ```
//! use pathway_schema::load::load_str;
//! use pathway_validate::budget::{budget, format_money};
//!
//! let loaded = load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! incentives:
//!   offers:
//!     - id: stipends
//!       type: compensation
//!       amount: {value: 300, unit: per-credential}
//!       funded_by: [district-budget]
//! scope:
//!   funding:
//!     - id: district-budget
//!       name: District budget
//!       kind: district-budget
//!       amount: {value: 60000, unit: per-year}
//!       years: [2027]
//!   growth:
//!     - {year: 2027, participants: 150, credentials: 280}
//! ").unwrap();
//! let years = budget(&loaded.plan);
//! assert_eq!(years[0].cost(), 84_000.0);
//! assert_eq!(format_money(years[0].shortfall(), years[0].currency), "$24,000");
//! ```

use pathway_schema::{FundingSource, GrowthYear, Id, Incentive, Money, MoneyUnit, Plan, Year};

/// Incentives that share funding sources, directly or through one another, and those sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingGroup<'a> {
    /// The incentives, by position in `incentives.offers`, in plan order.
    pub incentives: Vec<usize>,
    /// The ids of the sources they name, in the order they are first named.
    pub sources: Vec<&'a Id>,
}

/// Groups the incentives that have an amount and name at least one source by the sources they
/// share; groups come in the order of their first incentive.
pub fn funding_groups(incentives: &[Incentive]) -> Vec<FundingGroup<'_>> {
    let mut groups: Vec<FundingGroup<'_>> = Vec::new();
    for (i, incentive) in incentives.iter().enumerate() {
        if incentive.amount.is_none() || incentive.funded_by.is_empty() {
            continue;
        }
        let mut merged = FundingGroup {
            incentives: vec![i],
            sources: incentive.funded_by.iter().collect(),
        };
        groups.retain(|group| {
            let shares = group.sources.iter().any(|id| merged.sources.contains(id));
            if shares {
                merged.incentives.extend(&group.incentives);
                merged.sources.extend(&group.sources);
            }
            !shares
        });
        groups.push(merged);
    }
    for group in &mut groups {
        group.incentives.sort_unstable();
        // Rebuilt from the members so the order is the plan's, whatever order groups merged in.
        group.sources = Vec::new();
        for incentive in group.incentives.iter().filter_map(|&i| incentives.get(i)) {
            for id in &incentive.funded_by {
                if !group.sources.contains(&id) {
                    group.sources.push(id);
                }
            }
        }
    }
    groups.sort_by_key(|group| group.incentives.first().copied());
    groups
}

/// How many times an incentive is paid in a year, and where that number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// The year's `recipients` entry for the incentive.
    Recipients(u32),
    /// The credentials expected to be earned that year (`per-credential`).
    Credentials(u32),
    /// The participants expected that year (`per-participant`).
    Participants(u32),
    /// Once a year (`per-year`).
    EveryYear,
    /// Once, in the first growth year (`one-time`).
    FirstYear,
    /// Not at all: a `one-time` payment already counted in the first growth year.
    AlreadyPaid,
}

impl Count {
    /// The number of payments.
    pub fn times(self) -> u32 {
        match self {
            Count::Recipients(n) | Count::Credentials(n) | Count::Participants(n) => n,
            Count::EveryYear | Count::FirstYear => 1,
            Count::AlreadyPaid => 0,
        }
    }
}

/// How many times `incentive` is paid in `year`, given the first growth year; `None` when the
/// incentive has no amount.
pub fn count(incentive: &Incentive, year: &GrowthYear, first_year: Year) -> Option<Count> {
    let amount = incentive.amount.as_ref()?;
    if let Some(&recipients) = year.recipients.get(&incentive.id) {
        return Some(Count::Recipients(recipients));
    }
    Some(match amount.unit {
        MoneyUnit::PerCredential => Count::Credentials(year.credentials.unwrap_or(0)),
        MoneyUnit::PerParticipant => Count::Participants(year.participants),
        MoneyUnit::PerYear => Count::EveryYear,
        MoneyUnit::OneTime if year.year == first_year => Count::FirstYear,
        MoneyUnit::OneTime => Count::AlreadyPaid,
    })
}

/// What `source` provides in `year`.
pub fn provided(source: &FundingSource, year: &GrowthYear) -> f64 {
    if !source.years.contains(&year.year) {
        return 0.0;
    }
    let value = source.amount.value;
    match source.amount.unit {
        MoneyUnit::PerYear => value,
        MoneyUnit::OneTime if source.years.iter().min() == Some(&year.year) => value,
        MoneyUnit::OneTime => 0.0,
        MoneyUnit::PerCredential => value * f64::from(year.credentials.unwrap_or(0)),
        MoneyUnit::PerParticipant => value * f64::from(year.participants),
    }
}

/// What one incentive costs in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Cost<'a> {
    /// Its position in `incentives.offers`.
    pub index: usize,
    /// The incentive.
    pub incentive: &'a Incentive,
    /// How many times it is paid, and why.
    pub count: Count,
    /// What it costs that year.
    pub amount: f64,
}

/// What one funding source provides in one year.
#[derive(Debug, Clone, PartialEq)]
pub struct Provision<'a> {
    /// Its position in `scope.funding`.
    pub index: usize,
    /// The source.
    pub source: &'a FundingSource,
    /// What it provides that year.
    pub amount: f64,
}

/// One funding group in one year of growth: what its incentives cost and its sources provide.
#[derive(Debug, Clone, PartialEq)]
pub struct YearBudget<'a> {
    /// The year's position in `scope.growth`.
    pub growth_index: usize,
    /// The plan year.
    pub year: Year,
    /// The currency everything in the group is counted in, such as `USD`.
    pub currency: &'a str,
    /// Each incentive's cost, in plan order.
    pub costs: Vec<Cost<'a>>,
    /// Each source's share, in the order the incentives name them.
    pub funding: Vec<Provision<'a>>,
}

impl YearBudget<'_> {
    /// What the group's incentives cost that year.
    pub fn cost(&self) -> f64 {
        self.costs.iter().map(|cost| cost.amount).sum()
    }

    /// What the group's sources provide that year.
    pub fn available(&self) -> f64 {
        self.funding.iter().map(|provision| provision.amount).sum()
    }

    /// How much more the incentives cost than the sources provide; 0 when they are covered.
    pub fn shortfall(&self) -> f64 {
        (self.cost() - self.available()).max(0.0)
    }
}

/// Every funding group's budget in every year of `scope.growth`, year by year in the order of
/// `scope.growth`; empty when the plan projects no growth.
pub fn budget(plan: &Plan) -> Vec<YearBudget<'_>> {
    let Some(scope) = &plan.scope else {
        return Vec::new();
    };
    let Some(first_year) = scope.growth.iter().map(|year| year.year).min() else {
        return Vec::new();
    };
    let offers = plan
        .incentives
        .as_ref()
        .map_or(&[][..], |incentives| incentives.offers.as_slice());
    let mut groups = Vec::new();
    for group in funding_groups(offers) {
        let sources: Option<Vec<(usize, &FundingSource)>> = group
            .sources
            .iter()
            .map(|id| {
                scope
                    .funding
                    .iter()
                    .enumerate()
                    .find(|(_, source)| source.id == **id)
            })
            .collect();
        let incentives: Vec<(usize, &Incentive)> = group
            .incentives
            .iter()
            .filter_map(|&i| offers.get(i).map(|incentive| (i, incentive)))
            .collect();
        let Some(sources) = sources else { continue };
        let Some(currency) = common_currency(
            incentives
                .iter()
                .filter_map(|(_, incentive)| incentive.amount.as_ref())
                .chain(sources.iter().map(|(_, source)| &source.amount)),
        ) else {
            continue;
        };
        groups.push((incentives, sources, currency));
    }
    let mut years = Vec::new();
    for (growth_index, year) in scope.growth.iter().enumerate() {
        for (incentives, sources, currency) in &groups {
            let costs = incentives
                .iter()
                .filter_map(|&(index, incentive)| {
                    let count = count(incentive, year, first_year)?;
                    let value = incentive.amount.as_ref().map_or(0.0, |amount| amount.value);
                    Some(Cost {
                        index,
                        incentive,
                        count,
                        amount: value * f64::from(count.times()),
                    })
                })
                .collect();
            let funding = sources
                .iter()
                .map(|&(index, source)| Provision {
                    index,
                    source,
                    amount: provided(source, year),
                })
                .collect();
            years.push(YearBudget {
                growth_index,
                year: year.year,
                currency,
                costs,
                funding,
            });
        }
    }
    years
}

/// The one currency all these amounts are in, or `None` when they mix currencies.
fn common_currency<'a>(mut amounts: impl Iterator<Item = &'a Money>) -> Option<&'a str> {
    let first = amounts.next()?.currency();
    amounts
        .all(|amount| amount.currency() == first)
        .then_some(first)
}

/// Money as a district leader writes it: thousands separators, cents only when there are any,
/// and the currency (`$84,000` for US dollars, `1,250.50 EUR` for others).
///
/// ```
/// use pathway_validate::budget::format_money;
/// assert_eq!(format_money(84000.0, "USD"), "$84,000");
/// assert_eq!(format_money(1250.5, "EUR"), "1,250.50 EUR");
/// ```
pub fn format_money(value: f64, currency: &str) -> String {
    let cents = (value.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let fraction = cents - whole * 100.0;
    let mut number = group_thousands(&format!("{whole:.0}"));
    if fraction > 0.0 {
        number.push_str(&format!(".{fraction:02.0}"));
    }
    let sign = if value < 0.0 && cents > 0.0 { "-" } else { "" };
    if currency == "USD" {
        format!("{sign}${number}")
    } else {
        format!("{sign}{number} {currency}")
    }
}

/// A sum of money and what it is counted per, as in `$300 per credential`.
pub fn describe_amount(amount: &Money) -> String {
    let per = match amount.unit {
        MoneyUnit::OneTime => "once",
        MoneyUnit::PerYear => "a year",
        MoneyUnit::PerCredential => "per credential",
        MoneyUnit::PerParticipant => "per participant",
    };
    format!("{} {per}", format_money(amount.value, amount.currency()))
}

fn group_thousands(digits: &str) -> String {
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use pathway_schema::load::load_str;

    use super::*;

    fn plan(body: &str) -> Plan {
        let text = format!(
            "schema_version: 1\nid: budget-test\nreadiness: exploring\norganization: {{name: Test District, kind: district}}\n{body}"
        );
        load_str("plan.yaml", &text).unwrap().plan
    }

    fn offers(plan: &Plan) -> &[Incentive] {
        &plan.incentives.as_ref().unwrap().offers
    }

    /// (year, cost, available) for every year and group.
    fn summary(plan: &Plan) -> Vec<(Year, f64, f64)> {
        budget(plan)
            .iter()
            .map(|year| (year.year, year.cost(), year.available()))
            .collect()
    }

    const STIPENDS: &str = "\
incentives:
  offers:
    - id: stipends
      type: compensation
      amount: {value: 300, unit: per-credential}
      funded_by: [district-budget]
scope:
  funding:
    - id: district-budget
      name: District budget
      kind: district-budget
      amount: {value: 60000, unit: per-year}
      years: [2027, 2028]
  growth:
    - {year: 2027, participants: 150, credentials: 200}
    - {year: 2028, participants: 200, credentials: 280}
    - {year: 2029, participants: 250, credentials: 300}
";

    #[test]
    fn per_credential_costs_use_the_credentials_earned_each_year() {
        let plan = plan(STIPENDS);
        assert_eq!(
            summary(&plan),
            [
                (2027, 60_000.0, 60_000.0),
                (2028, 84_000.0, 60_000.0),
                (2029, 90_000.0, 0.0)
            ]
        );
        let years = budget(&plan);
        assert_eq!(years[0].shortfall(), 0.0);
        assert_eq!(years[1].shortfall(), 24_000.0);
        assert_eq!(years[1].costs[0].count, Count::Credentials(280));
        assert_eq!(years[1].growth_index, 1);
    }

    #[test]
    fn no_growth_means_no_budget() {
        let without_growth = STIPENDS.split("  growth:").next().unwrap();
        assert!(budget(&plan(without_growth)).is_empty());
        assert!(budget(&plan("")).is_empty());
    }

    #[test]
    fn each_unit_counts_its_own_recipients() {
        let plan = plan(
            "\
incentives:
  offers:
    - {id: cohort, type: compensation, amount: {value: 400, unit: per-participant}, funded_by: [a]}
    - {id: mentor, type: compensation, amount: {value: 750, unit: per-year}, funded_by: [b]}
    - {id: lane, type: compensation, amount: {value: 2400, unit: per-year}, funded_by: [c]}
    - {id: kit, type: recognition, amount: {value: 5000, unit: one-time}, funded_by: [d]}
    - {id: badge, type: recognition, amount: {value: 50, unit: per-credential}, funded_by: [e]}
    - {id: seat, type: privilege-influence}
scope:
  funding:
    - {id: a, name: A, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: b, name: B, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: c, name: C, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: d, name: D, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: e, name: E, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
  growth:
    - {year: 2028, participants: 30, recipients: {lane: 6, kit: 2}}
    - {year: 2027, participants: 20, credentials: 12}
",
        );
        let counts: Vec<Vec<Count>> = budget(&plan)
            .chunks(5)
            .map(|groups| groups.iter().map(|group| group.costs[0].count).collect())
            .collect();
        assert_eq!(
            counts,
            [
                // 2028 is listed first but 2027 is the first year: a one-time cost falls in 2027.
                vec![
                    Count::Participants(30),
                    Count::EveryYear,
                    Count::Recipients(6),
                    Count::Recipients(2),
                    Count::Credentials(0)
                ],
                vec![
                    Count::Participants(20),
                    Count::EveryYear,
                    Count::EveryYear,
                    Count::FirstYear,
                    Count::Credentials(12)
                ],
            ]
        );
        let costs: Vec<f64> = budget(&plan).iter().map(YearBudget::cost).collect();
        assert_eq!(
            costs,
            [
                12_000.0, 750.0, 14_400.0, 10_000.0, 0.0, 8_000.0, 750.0, 2_400.0, 5_000.0, 600.0
            ]
        );
    }

    #[test]
    fn one_time_incentives_are_paid_in_the_first_year_only() {
        let plan = plan(
            "\
incentives:
  offers:
    - {id: kit, type: recognition, amount: {value: 5000, unit: one-time}, funded_by: [d]}
scope:
  funding:
    - {id: d, name: D, kind: grant, amount: {value: 5000, unit: per-year}, years: [2027, 2028]}
  growth:
    - {year: 2027, participants: 20}
    - {year: 2028, participants: 30}
",
        );
        let years = budget(&plan);
        assert_eq!(years[1].costs[0].count, Count::AlreadyPaid);
        assert_eq!(
            summary(&plan),
            [(2027, 5_000.0, 5_000.0), (2028, 0.0, 5_000.0)]
        );
    }

    #[test]
    fn sources_provide_in_their_years_and_one_time_sources_once() {
        let plan = plan(
            "\
incentives:
  offers:
    - {id: stipends, type: compensation, amount: {value: 100, unit: per-participant}, funded_by: [grant, state, budget]}
scope:
  funding:
    - {id: grant, name: Grant, kind: grant, amount: {value: 8000, unit: one-time}, years: [2028, 2027]}
    - {id: state, name: State, kind: state, amount: {value: 10, unit: per-participant}, years: [2028]}
    - {id: budget, name: Budget, kind: district-budget, amount: {value: 1000, unit: per-year}, years: [2029]}
  growth:
    - {year: 2027, participants: 100}
    - {year: 2028, participants: 100}
    - {year: 2029, participants: 100}
",
        );
        let provided: Vec<Vec<f64>> = budget(&plan)
            .iter()
            .map(|year| {
                year.funding
                    .iter()
                    .map(|provision| provision.amount)
                    .collect()
            })
            .collect();
        assert_eq!(
            provided,
            [
                vec![8_000.0, 0.0, 0.0],
                vec![0.0, 1_000.0, 0.0],
                vec![0.0, 0.0, 1_000.0]
            ]
        );
    }

    #[test]
    fn incentives_sharing_a_source_are_one_group() {
        let plan = plan(
            "\
incentives:
  offers:
    - {id: one, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [a]}
    - {id: two, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [c]}
    - {id: three, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [b, c]}
    - {id: four, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [a, b]}
    - {id: five, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [d]}
    - {id: six, type: compensation, amount: {value: 1, unit: per-year}}
    - {id: seven, type: recognition, funded_by: [d]}
",
        );
        let groups = funding_groups(offers(&plan));
        let shape: Vec<(Vec<usize>, Vec<&str>)> = groups
            .iter()
            .map(|group| {
                (
                    group.incentives.clone(),
                    group.sources.iter().map(|id| id.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (vec![0, 1, 2, 3], vec!["a", "c", "b"]),
                (vec![4], vec!["d"])
            ]
        );
    }

    #[test]
    fn a_shared_source_is_compared_with_the_sum_of_its_incentives() {
        let plan = plan(
            "\
incentives:
  offers:
    - {id: stipends, type: compensation, amount: {value: 200, unit: per-credential}, funded_by: [title-ii, pd]}
    - {id: assessors, type: compensation, amount: {value: 1500, unit: per-year}, funded_by: [title-ii]}
scope:
  funding:
    - {id: title-ii, name: Title II, kind: federal-title, amount: {value: 50000, unit: per-year}, years: [2027]}
    - {id: pd, name: PD budget, kind: district-budget, amount: {value: 20000, unit: per-year}, years: [2027]}
  growth:
    - {year: 2027, participants: 200, credentials: 300, recipients: {assessors: 10}}
",
        );
        let years = budget(&plan);
        assert_eq!(years.len(), 1);
        assert_eq!(
            (years[0].cost(), years[0].available(), years[0].shortfall()),
            (75_000.0, 70_000.0, 5_000.0)
        );
    }

    #[test]
    fn groups_with_unknown_sources_or_mixed_currencies_are_left_out() {
        let plan = plan(
            "\
incentives:
  offers:
    - {id: typo, type: compensation, amount: {value: 100, unit: per-year}, funded_by: [distrct-budget]}
    - {id: euros, type: compensation, amount: {value: 100, unit: per-year, currency: EUR}, funded_by: [district-budget]}
    - {id: dollars, type: compensation, amount: {value: 100, unit: per-year}, funded_by: [grant]}
scope:
  funding:
    - {id: district-budget, name: Budget, kind: district-budget, amount: {value: 10, unit: per-year}, years: [2027]}
    - {id: grant, name: Grant, kind: grant, amount: {value: 10, unit: per-year, currency: USD}, years: [2027]}
  growth:
    - {year: 2027, participants: 10}
",
        );
        let years = budget(&plan);
        assert_eq!(years.len(), 1);
        assert_eq!(years[0].costs[0].incentive.id.as_str(), "dollars");
        assert_eq!(years[0].currency, "USD");
    }

    #[test]
    fn money_reads_like_a_budget_line() {
        assert_eq!(format_money(0.0, "USD"), "$0");
        assert_eq!(format_money(999.0, "USD"), "$999");
        assert_eq!(format_money(1000.0, "USD"), "$1,000");
        assert_eq!(format_money(24_000.0, "USD"), "$24,000");
        assert_eq!(format_money(1_970_000.0, "USD"), "$1,970,000");
        assert_eq!(format_money(1234.5, "EUR"), "1,234.50 EUR");
        assert_eq!(format_money(0.004, "USD"), "$0");
        assert_eq!(format_money(19.999, "USD"), "$20");
        assert_eq!(format_money(-24_000.0, "CAD"), "-24,000 CAD");
        let stipend = Money {
            value: 300.0,
            unit: MoneyUnit::PerCredential,
            currency: None,
        };
        assert_eq!(describe_amount(&stipend), "$300 per credential");
    }
}
