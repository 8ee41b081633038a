//! The yearly budget, computed once for the validator and every document: what each money
//! incentive costs in each projected year, what each funding source provides each year, and the
//! balance of each funding group.
//!
//! The rules, kept simple on purpose so that a district can redo them on paper:
//!
//! - **Currency.** The plan counts in one currency: that of its first funding source, else of its
//!   first incentive with an amount, else US dollars. Amounts in any other currency are not
//!   converted and not counted; they are listed in [`Budget::left_out`].
//! - **Cost.** An incentive with an `amount` costs `amount.value × recipients` in each year of
//!   `scope.growth`. The recipients are the year's `recipients` entry for the incentive when
//!   there is one; otherwise they follow the amount's unit: `per-credential` → the year's
//!   `credentials` (not projected when the year does not say), `per-participant` → the year's
//!   `participants`. A `per-year` or `one-time` amount paid to each recipient (the default
//!   `paid_to`) is not projected without a `recipients` entry; one paid to the `program` counts
//!   1 a year (`per-year`), or 1 in the earliest growth year and 0 after (`one-time`). A cost
//!   that is not projected counts as nothing, and its year's cost is a lower bound.
//! - **Funding.** A source provides its `amount.value` in each year it lists (`per-year`), or
//!   only in the earliest year it lists (`one-time`). A source counted `per-credential` or
//!   `per-participant` provides its value times that year's credentials or participants. A
//!   `by_year` entry sets its year's amount or status (and adds the year). Money is committed
//!   unless the source or the year says `anticipated`; balances and shortfalls count committed
//!   money only, and show anticipated money beside it.
//! - **Program costs.** `scope.program_costs` (a coordinator, an evaluation contract) are paid
//!   by the program: `per-year` once a year, `one-time` once in the earliest year they list,
//!   `per-credential` and `per-participant` times the year's projection, in the years they
//!   list (every growth year when they list none). They share funding groups with the
//!   incentives.
//! - **Groups.** A plan says which sources may pay for an incentive, not how a shared source is
//!   split. So incentives that name a common source, directly or through other incentives, form
//!   one [`FundingGroup`], and the group's cost is compared with the sum of its sources. An
//!   incentive paid by its own source is a group of one. A misspelled source counts for the
//!   source it most likely means; a group that names a source the plan does not have at all, or
//!   one in another currency, is [incomplete](FundingGroup::complete).
//!
//! ```
//! use pathway_schema::domain::{budget::Budget, ids::PlanIndex, money::format_money};
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
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
//! ").unwrap().plan;
//! let index = PlanIndex::new(&plan);
//! let budget = Budget::new(&plan, &index);
//! let balance = budget.group_balance(0, 2027);
//! assert_eq!(format_money(balance.cost, budget.currency), "$84,000");
//! assert_eq!(format_money(balance.shortfall(), budget.currency), "$24,000");
//! ```

use std::collections::BTreeMap;

use crate::domain::ids::{IdKind, PlanIndex};
use crate::domain::money::{Cents, DEFAULT_CURRENCY};
use crate::domain::pointer::{Pointer, paths};
use crate::plan::{FundingSource, FundingStatus, GrowthYear, Incentive, PaidTo, Plan, ProgramCost};
use crate::values::{Id, Money, MoneyUnit, Year};

/// Something the budget pays for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Payment<'a> {
    /// An incentive with an amount, by position in `incentives.offers`.
    Incentive {
        /// Its position.
        index: usize,
        /// The incentive.
        incentive: &'a Incentive,
    },
    /// A program cost, by position in `scope.program_costs`.
    ProgramCost {
        /// Its position.
        index: usize,
        /// The cost.
        cost: &'a ProgramCost,
    },
}

impl<'a> Payment<'a> {
    /// Its id.
    pub fn id(&self) -> &'a Id {
        match self {
            Payment::Incentive { incentive, .. } => &incentive.id,
            Payment::ProgramCost { cost, .. } => &cost.id,
        }
    }

    /// Where its amount is written.
    pub fn amount_pointer(&self) -> Pointer {
        match self {
            Payment::Incentive { index, .. } => paths::incentive(*index).amount(),
            Payment::ProgramCost { index, .. } => paths::program_cost(*index).amount(),
        }
    }

    /// Who receives it, when the plan says.
    pub fn paid_to(&self) -> Option<PaidTo> {
        match self {
            Payment::Incentive { incentive, .. } => incentive.paid_to,
            // A program cost is paid by the program, once for what it buys.
            Payment::ProgramCost { .. } => Some(PaidTo::Program),
        }
    }

    /// The ids of the sources the plan says pay for it.
    pub fn funded_by(&self) -> &'a [Id] {
        match self {
            Payment::Incentive { incentive, .. } => &incentive.funded_by,
            Payment::ProgramCost { cost, .. } => &cost.funded_by,
        }
    }
}

/// How many times a cost is paid in a year, and where that number comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Count {
    /// The year's `recipients` entry for the incentive.
    Recipients(u32),
    /// The credentials expected to be earned that year (`per-credential`).
    Credentials(u32),
    /// The participants expected that year (`per-participant`).
    Participants(u32),
    /// Once a year (`per-year`, paid to the program).
    EveryYear,
    /// Once, in the first growth year (`one-time`, paid to the program).
    FirstYear,
    /// Not at all: a `one-time` payment already counted in the first growth year.
    AlreadyPaid,
    /// Not at all: a program cost outside the years it lists.
    NotItsYear,
    /// Unknown: the plan does not project how many are paid that year (a `per-credential`
    /// amount in a year without `credentials`, or a `per-year` or `one-time` amount paid to
    /// each recipient without a `recipients` entry). Counted as nothing, and the year's cost
    /// is marked incomplete.
    NotProjected,
}

impl Count {
    /// The number of payments; 0 when not projected.
    pub fn times(self) -> u32 {
        match self {
            Count::Recipients(n) | Count::Credentials(n) | Count::Participants(n) => n,
            Count::EveryYear | Count::FirstYear => 1,
            Count::AlreadyPaid | Count::NotItsYear | Count::NotProjected => 0,
        }
    }

    /// Whether the plan says how many are paid.
    pub fn is_projected(self) -> bool {
        self != Count::NotProjected
    }
}

/// A projected year: a year of `scope.growth`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Projected {
    /// The plan year.
    pub year: Year,
    /// Its position in `scope.growth`.
    pub growth_index: usize,
}

/// What one payment costs in one projected year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearCost {
    /// The plan year.
    pub year: Year,
    /// How many times it is paid, and why.
    pub count: Count,
    /// What it costs that year.
    pub cost: Cents,
}

/// One payment the budget counts, year by year.
#[derive(Debug, Clone, PartialEq)]
pub struct CostLine<'a> {
    /// What is paid for.
    pub payment: Payment<'a>,
    /// Its amount, as the plan writes it.
    pub amount: &'a Money,
    /// The amount in cents.
    pub rate: Cents,
    /// The funding sources that pay for it, by position in `scope.funding`, in the order the
    /// plan names them, each once; sources in another currency are left out.
    pub sources: Vec<usize>,
    /// Whether it names a source the plan does not have, or one in another currency.
    pub names_uncounted_source: bool,
    /// Its cost in each projected year, earliest first.
    pub by_year: Vec<YearCost>,
}

impl CostLine<'_> {
    /// Its cost in a year: `None` when the year is not projected.
    pub fn in_year(&self, year: Year) -> Option<&YearCost> {
        self.by_year.iter().find(|cost| cost.year == year)
    }
}

/// What a source provides in one year.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Provision {
    /// Money the source has committed.
    pub committed: Cents,
    /// Money expected but not yet committed.
    pub anticipated: Cents,
}

/// One funding source, year by year.
#[derive(Debug, Clone, PartialEq)]
pub struct SourceLine<'a> {
    /// Its position in `scope.funding`.
    pub index: usize,
    /// The source.
    pub source: &'a FundingSource,
    /// What it provides in each year it provides in.
    pub by_year: BTreeMap<Year, Provision>,
}

impl SourceLine<'_> {
    /// What it provides in a year.
    pub fn in_year(&self, year: Year) -> Provision {
        self.by_year.get(&year).copied().unwrap_or_default()
    }
}

/// Payments that share funding sources, directly or through one another, and those sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FundingGroup {
    /// The payments, by position in [`Budget::costs`], in plan order.
    pub costs: Vec<usize>,
    /// The sources, by position in `scope.funding`, in the order the payments first name them.
    pub sources: Vec<usize>,
    /// Whether every source its payments name is counted: none is missing from the plan or in
    /// another currency. Only a complete group's balance says whether the money suffices.
    pub complete: bool,
}

/// Costs against funding for one year, for a group or for the whole plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Balance {
    /// The plan year.
    pub year: Year,
    /// Whether costs are projected for the year (it is in `scope.growth`).
    pub projected: bool,
    /// What the payments cost that year; a lower bound when `unprojected` is not empty.
    pub cost: Cents,
    /// Payments, by position in [`Budget::costs`], whose count the plan does not project.
    pub unprojected: Vec<usize>,
    /// Committed funding that year.
    pub committed: Cents,
    /// Anticipated funding that year, not counted against the cost.
    pub anticipated: Cents,
}

impl Balance {
    /// Committed funding less cost: negative when the year falls short.
    pub fn balance(&self) -> Cents {
        self.committed - self.cost
    }

    /// How much more the year costs than its committed funding; zero when it is covered.
    pub fn shortfall(&self) -> Cents {
        (self.cost - self.committed).at_least_zero()
    }
}

/// Something with an amount the budget does not count.
#[derive(Debug, Clone, PartialEq)]
pub struct LeftOut<'a> {
    /// Its id.
    pub id: &'a Id,
    /// Its amount.
    pub amount: &'a Money,
}

/// The plan's budget.
#[derive(Debug, Clone, PartialEq)]
pub struct Budget<'a> {
    /// The currency everything is counted in, such as `USD`.
    pub currency: &'a str,
    /// The years of `scope.growth`, earliest first, each once.
    pub projected: Vec<Projected>,
    /// Every year with projected costs or funding, earliest first.
    pub years: Vec<Year>,
    /// Every payment with an amount in the plan's currency, in plan order.
    pub costs: Vec<CostLine<'a>>,
    /// Every funding source in the plan's currency, in plan order.
    pub sources: Vec<SourceLine<'a>>,
    /// The funding groups, in the order of their first payment.
    pub groups: Vec<FundingGroup>,
    /// Payments that name no source the budget counts, by position in `costs`.
    pub unfunded: Vec<usize>,
    /// Amounts in another currency, not counted.
    pub left_out: Vec<LeftOut<'a>>,
}

impl<'a> Budget<'a> {
    /// The budget of a plan.
    pub fn new(plan: &'a Plan, index: &PlanIndex<'a>) -> Budget<'a> {
        let funding: &[FundingSource] = plan.scope.as_ref().map_or(&[], |s| &s.funding);
        let growth: &[GrowthYear] = plan.scope.as_ref().map_or(&[], |s| &s.growth);
        let offers: &[Incentive] = plan.incentives.as_ref().map_or(&[], |i| &i.offers);
        let program_costs: &[ProgramCost] = plan.scope.as_ref().map_or(&[], |s| &s.program_costs);
        let currency = funding
            .first()
            .map(|source| &source.amount)
            .or_else(|| {
                offers
                    .iter()
                    .find_map(|incentive| incentive.amount.as_ref())
            })
            .or_else(|| program_costs.first().map(|cost| &cost.amount))
            .map_or(DEFAULT_CURRENCY, Money::currency);

        let mut projected: Vec<Projected> = Vec::new();
        for (growth_index, year) in growth.iter().enumerate() {
            if !projected.iter().any(|p| p.year == year.year) {
                projected.push(Projected {
                    year: year.year,
                    growth_index,
                });
            }
        }
        projected.sort_by_key(|p| p.year);
        let growth_of = |year: Year| {
            projected
                .iter()
                .find(|p| p.year == year)
                .and_then(|p| growth.get(p.growth_index))
        };

        let mut left_out = Vec::new();
        let mut sources = Vec::new();
        for (i, source) in funding.iter().enumerate() {
            if source.amount.currency() != currency {
                left_out.push(LeftOut {
                    id: &source.id,
                    amount: &source.amount,
                });
                continue;
            }
            sources.push(SourceLine {
                index: i,
                source,
                by_year: provisions(source, &growth_of),
            });
        }
        let counted = |position: usize| sources.iter().any(|line| line.index == position);

        let first_year = projected.first().map(|p| p.year);
        let payments = offers
            .iter()
            .enumerate()
            .filter_map(|(index, incentive)| {
                let amount = incentive.amount.as_ref()?;
                Some((Payment::Incentive { index, incentive }, amount))
            })
            .chain(
                program_costs
                    .iter()
                    .enumerate()
                    .map(|(index, cost)| (Payment::ProgramCost { index, cost }, &cost.amount)),
            );
        let mut costs = Vec::new();
        for (payment, amount) in payments {
            if amount.currency() != currency {
                left_out.push(LeftOut {
                    id: payment.id(),
                    amount,
                });
                continue;
            }
            let mut line_sources = Vec::new();
            let mut names_uncounted_source = false;
            for id in payment.funded_by() {
                match index.meant_position(id.as_str(), IdKind::FundingSource) {
                    Some(position) if counted(position) => {
                        if !line_sources.contains(&position) {
                            line_sources.push(position);
                        }
                    }
                    _ => names_uncounted_source = true,
                }
            }
            let rate = Cents::from_amount(amount.value);
            let by_year = projected
                .iter()
                .filter_map(|p| {
                    let year = growth.get(p.growth_index)?;
                    let count = match payment {
                        Payment::ProgramCost { cost, .. } => {
                            program_cost_count(cost, year, first_year)
                        }
                        Payment::Incentive { .. } => count(payment, amount.unit, year, first_year),
                    };
                    Some(YearCost {
                        year: p.year,
                        count,
                        cost: rate.times(count.times()),
                    })
                })
                .collect();
            costs.push(CostLine {
                payment,
                amount,
                rate,
                sources: line_sources,
                names_uncounted_source,
                by_year,
            });
        }

        let (groups, unfunded) = funding_groups(&costs);
        let mut years: Vec<Year> = projected
            .iter()
            .map(|p| p.year)
            .chain(sources.iter().flat_map(|line| line.by_year.keys().copied()))
            .collect();
        years.sort_unstable();
        years.dedup();
        Budget {
            currency,
            projected,
            years,
            costs,
            sources,
            groups,
            unfunded,
            left_out,
        }
    }

    /// Whether the plan projects costs for a year.
    pub fn is_projected(&self, year: Year) -> bool {
        self.projected.iter().any(|p| p.year == year)
    }

    /// The source line of the source at this position in `scope.funding`, when it is counted.
    pub fn source(&self, position: usize) -> Option<&SourceLine<'a>> {
        self.sources.iter().find(|line| line.index == position)
    }

    /// The balance of some payments (by position in `costs`) against some sources (by position
    /// in `scope.funding`) in a year.
    pub fn balance(
        &self,
        costs: impl IntoIterator<Item = usize>,
        sources: impl IntoIterator<Item = usize>,
        year: Year,
    ) -> Balance {
        let mut balance = Balance {
            year,
            projected: self.is_projected(year),
            cost: Cents::ZERO,
            unprojected: Vec::new(),
            committed: Cents::ZERO,
            anticipated: Cents::ZERO,
        };
        for position in costs {
            let Some(cost) = self.costs.get(position).and_then(|line| line.in_year(year)) else {
                continue;
            };
            balance.cost += cost.cost;
            if !cost.count.is_projected() {
                balance.unprojected.push(position);
            }
        }
        for position in sources {
            if let Some(line) = self.source(position) {
                let provision = line.in_year(year);
                balance.committed += provision.committed;
                balance.anticipated += provision.anticipated;
            }
        }
        balance
    }

    /// The balance of one funding group in a year.
    pub fn group_balance(&self, group: usize, year: Year) -> Balance {
        match self.groups.get(group) {
            Some(group) => self.balance(
                group.costs.iter().copied(),
                group.sources.iter().copied(),
                year,
            ),
            None => self.balance([], [], year),
        }
    }

    /// Every counted payment against every counted source in a year.
    pub fn total(&self, year: Year) -> Balance {
        self.balance(
            0..self.costs.len(),
            self.sources.iter().map(|line| line.index),
            year,
        )
    }

    /// Every projected year in which a complete funding group's committed money falls short:
    /// the group's position and its balance, year by year, then group by group.
    pub fn shortfalls(&self) -> Vec<(usize, Balance)> {
        let mut short = Vec::new();
        for projected in &self.projected {
            for (g, group) in self.groups.iter().enumerate() {
                if !group.complete {
                    continue;
                }
                let balance = self.group_balance(g, projected.year);
                if balance.shortfall().is_positive() {
                    short.push((g, balance));
                }
            }
        }
        short
    }
}

/// How many times a payment is paid in a growth year.
fn count(payment: Payment<'_>, unit: MoneyUnit, year: &GrowthYear, first: Option<Year>) -> Count {
    if let Some(&recipients) = year.recipients.get(payment.id()) {
        return Count::Recipients(recipients);
    }
    let per_recipient = payment.paid_to().is_none_or(PaidTo::per_recipient);
    match unit {
        MoneyUnit::PerCredential => year
            .credentials
            .map_or(Count::NotProjected, Count::Credentials),
        MoneyUnit::PerParticipant => Count::Participants(year.participants),
        // Paid to each recipient, but how many the plan does not say.
        MoneyUnit::PerYear | MoneyUnit::OneTime if per_recipient => Count::NotProjected,
        MoneyUnit::PerYear => Count::EveryYear,
        MoneyUnit::OneTime if Some(year.year) == first => Count::FirstYear,
        MoneyUnit::OneTime => Count::AlreadyPaid,
    }
}

/// A program cost's count in a growth year: nothing outside the years it lists; `per-year`
/// once; `one-time` once, in the earliest of its years (or of the growth years, when it lists
/// none); `per-credential` and `per-participant` times the year's projection.
fn program_cost_count(cost: &ProgramCost, year: &GrowthYear, first: Option<Year>) -> Count {
    if !cost.years.is_empty() && !cost.years.contains(&year.year) {
        return Count::NotItsYear;
    }
    let earliest = cost.years.iter().min().copied().or(first);
    match cost.amount.unit {
        MoneyUnit::PerYear => Count::EveryYear,
        MoneyUnit::OneTime if Some(year.year) == earliest => Count::FirstYear,
        MoneyUnit::OneTime => Count::AlreadyPaid,
        MoneyUnit::PerCredential => year
            .credentials
            .map_or(Count::NotProjected, Count::Credentials),
        MoneyUnit::PerParticipant => Count::Participants(year.participants),
    }
}

/// What a source provides in each of its years: `amount` in each year of `years` (a one-time
/// amount in the earliest only), overridden year by year by `by_year`, committed or
/// anticipated as the source (or that year) says.
fn provisions<'g>(
    source: &FundingSource,
    growth_of: &dyn Fn(Year) -> Option<&'g GrowthYear>,
) -> BTreeMap<Year, Provision> {
    let value = Cents::from_amount(source.amount.value);
    let earliest = source.years.iter().min().copied();
    let from_amount = |year: Year| match source.amount.unit {
        MoneyUnit::PerYear => value,
        MoneyUnit::OneTime if Some(year) == earliest => value,
        MoneyUnit::OneTime => Cents::ZERO,
        MoneyUnit::PerCredential => {
            value.times(growth_of(year).and_then(|g| g.credentials).unwrap_or(0))
        }
        MoneyUnit::PerParticipant => value.times(growth_of(year).map_or(0, |g| g.participants)),
    };
    let status = source.status.unwrap_or(FundingStatus::Committed);
    let mut years: Vec<Year> = source
        .years
        .iter()
        .copied()
        .chain(source.by_year.iter().map(|entry| entry.year))
        .collect();
    years.sort_unstable();
    years.dedup();
    let mut by_year = BTreeMap::new();
    for year in years {
        // The first entry for a year is the one that counts.
        let entry = source.by_year.iter().find(|entry| entry.year == year);
        let amount = entry
            .and_then(|entry| entry.value)
            .map_or_else(|| from_amount(year), Cents::from_amount);
        let provision = match entry.and_then(|entry| entry.status).unwrap_or(status) {
            FundingStatus::Committed => Provision {
                committed: amount,
                anticipated: Cents::ZERO,
            },
            FundingStatus::Anticipated => Provision {
                committed: Cents::ZERO,
                anticipated: amount,
            },
        };
        by_year.insert(year, provision);
    }
    by_year
}

/// Groups the payments that name at least one counted source by the sources they share; groups
/// come in the order of their first payment. Also returns the payments that name none.
fn funding_groups(costs: &[CostLine<'_>]) -> (Vec<FundingGroup>, Vec<usize>) {
    let mut groups: Vec<FundingGroup> = Vec::new();
    let mut unfunded = Vec::new();
    for (i, line) in costs.iter().enumerate() {
        if line.sources.is_empty() {
            unfunded.push(i);
            continue;
        }
        let mut merged = FundingGroup {
            costs: vec![i],
            sources: line.sources.clone(),
            complete: !line.names_uncounted_source,
        };
        groups.retain(|group| {
            let shares = group.sources.iter().any(|s| merged.sources.contains(s));
            if shares {
                merged.costs.extend(&group.costs);
                merged.sources.extend(&group.sources);
                merged.complete &= group.complete;
            }
            !shares
        });
        groups.push(merged);
    }
    for group in &mut groups {
        group.costs.sort_unstable();
        // Rebuilt from the members so the order is the plan's, whatever order groups merged in.
        group.sources.clear();
        for line in group.costs.iter().filter_map(|&i| costs.get(i)) {
            for &source in &line.sources {
                if !group.sources.contains(&source) {
                    group.sources.push(source);
                }
            }
        }
    }
    groups.sort_by_key(|group| group.costs.first().copied());
    (groups, unfunded)
}

#[cfg(test)]
mod tests;
