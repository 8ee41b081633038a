//! A plan's money year by year, read from the shared budget (the figures the validator and the
//! plan's own documents use), never computed again here.

use std::collections::BTreeSet;

use pathway_schema::domain::Model;

use crate::facts::{YearMoney, cents_of};
use crate::words::FUNDING_KINDS;

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
