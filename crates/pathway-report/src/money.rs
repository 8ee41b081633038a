//! A plan's money year by year, read from the shared budget (the figures the validator and the
//! plan's own documents use), never computed again here.

use std::collections::BTreeSet;

use pathway_schema::Year;
use pathway_schema::domain::Model;

use crate::words::FUNDING_KINDS;

/// One year of a plan's budget.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct YearMoney {
    /// The year.
    pub year: Year,
    /// Committed funding by source kind, in the order the schema lists the kinds, in cents.
    pub committed: [i64; 6],
    /// Anticipated funding by source kind, in cents.
    pub anticipated: [i64; 6],
    /// The projected cost, in cents (none for a year the plan does not project).
    pub cost: i64,
    /// The shortfall the validator reports for the year (complete funding groups whose committed
    /// money is less than their cost), in cents.
    pub shortfall: i64,
}

/// Each year the plan projects costs for or counts funding in, earliest first.
pub fn years_of(model: &Model<'_>) -> Vec<YearMoney> {
    let budget = &model.budget;
    let mut years: BTreeSet<_> = budget.years.iter().copied().collect();
    for line in &budget.sources {
        years.extend(line.by_year.keys().copied());
    }
    let shortfalls = budget.shortfalls();
    years
        .into_iter()
        .map(|year| {
            let mut money = YearMoney {
                year,
                ..YearMoney::default()
            };
            for line in &budget.sources {
                let Some(kind) = FUNDING_KINDS.iter().position(|&k| k == line.source.kind) else {
                    continue;
                };
                let provision = line.in_year(year);
                if let Some(slot) = money.committed.get_mut(kind) {
                    *slot += cents_of(provision.committed);
                }
                if let Some(slot) = money.anticipated.get_mut(kind) {
                    *slot += cents_of(provision.anticipated);
                }
            }
            if budget.is_projected(year) {
                money.cost = cents_of(budget.total(year).cost);
            }
            money.shortfall = shortfalls
                .iter()
                .filter(|(_, balance)| balance.year == year)
                .map(|(_, balance)| cents_of(balance.shortfall()))
                .sum();
            money
        })
        .collect()
}

/// Cents as an `i64`, saturating: amounts are capped at a trillion, so this never saturates.
pub fn cents_of(cents: pathway_schema::domain::money::Cents) -> i64 {
    i64::try_from(cents.cents()).unwrap_or(if cents.cents() < 0 {
        i64::MIN
    } else {
        i64::MAX
    })
}
