//! PW210: incentives that cost more in a year than their funding sources provide.

use pathway_schema::Year;
use pathway_schema::domain::budget::{CostLine, Count, SourceLine, YearCost};
use pathway_schema::domain::money::{Cents, format_money};
use pathway_schema::domain::pointer::paths;

use pathway_schema::wording::count;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// For each year of `scope.growth`, multiplies each money incentive's amount by the number
    /// of educators expected to receive it that year and compares the total with the
    /// **committed** money its funding sources provide that year. It reports each year that
    /// comes up short, with the shortfall in money. Anticipated money (a source or a
    /// `by_year` entry with `status: anticipated`) is named in the message but not counted:
    /// a budget that balances only if a grant is renewed is short until it is.
    ///
    /// The arithmetic is the one a budget office would do on paper:
    ///
    /// - recipients are the year's `recipients` entry for the incentive when there is one;
    ///   otherwise `per-credential` amounts use the year's `credentials` and `per-participant`
    ///   amounts its `participants`; a `per-year` or `one-time` amount paid to the `program`
    ///   counts once a year, or once in the first growth year (paid to each recipient, it needs
    ///   a `recipients` entry: `unprojected-recipients`, PW216);
    /// - a `per-year` source provides its amount in each year it lists, a `one-time` source
    ///   only in its earliest listed year (a source counted `per-credential` or
    ///   `per-participant` provides its amount times that year's credentials or
    ///   participants), and a `by_year` entry sets its year's amount or status;
    /// - incentives that share a source, directly or through one another, are checked
    ///   together against the sum of their sources, since the plan does not say how a shared
    ///   source is split.
    ///
    /// Without `scope.growth` there is nothing to multiply, and the rule says nothing.
    /// Incentives with no source are `unfunded-incentive` (PW209); sources that do not exist are
    /// `dangling-reference` (PW201); amounts in another currency than the plan's (that of its
    /// first funding source) are not counted.
    ///
    /// ## Why it matters
    /// Stipends are paid per credential and per educator, so a program that fits its budget
    /// in the pilot year can outgrow it as participation grows. Finding the gap in the plan is
    /// cheaper than finding it when the stipends are due.
    ///
    /// ## Example
    /// ```yaml
    /// incentives:
    ///   offers:
    ///     - id: credential-stipend
    ///       type: compensation
    ///       amount: {value: 300, unit: per-credential}
    ///       funded_by: [district-budget]
    /// scope:
    ///   funding:
    ///     - id: district-budget
    ///       name: District professional development budget
    ///       kind: district-budget
    ///       amount: {value: 60000, unit: per-year}
    ///       years: [2027, 2028]
    ///   growth:
    ///     - {year: 2027, participants: 120, credentials: 200}
    ///     - {year: 2028, participants: 160, credentials: 280}
    /// ```
    ///
    /// In 2028, 280 credentials at $300 cost $84,000, and the budget provides $60,000.
    ///
    /// Use instead:
    /// ```yaml
    /// incentives:
    ///   offers:
    ///     - id: credential-stipend
    ///       type: compensation
    ///       amount: {value: 300, unit: per-credential}
    ///       funded_by: [district-budget, title-ii-a]
    /// scope:
    ///   funding:
    ///     - id: district-budget
    ///       name: District professional development budget
    ///       kind: district-budget
    ///       amount: {value: 60000, unit: per-year}
    ///       years: [2027, 2028]
    ///     - id: title-ii-a
    ///       name: Title II, Part A
    ///       kind: federal-title
    ///       amount: {value: 30000, unit: per-year}
    ///       years: [2028]
    ///   growth:
    ///     - {year: 2027, participants: 120, credentials: 200}
    ///     - {year: 2028, participants: 160, credentials: 280}
    /// ```
    code: "PW210",
    name: "budget-shortfall",
    severity: Error,
    summary: "Incentives cost more in a year than the committed money of their funding sources.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let budget = &context.model.budget;
    let first_year = budget.projected.first().map(|p| p.year);
    for (g, balance) in budget.shortfalls() {
        let (Some(group), Some(projected)) = (
            budget.groups.get(g),
            budget.projected.iter().find(|p| p.year == balance.year),
        ) else {
            continue;
        };
        let money = |value: Cents| format_money(value, budget.currency);
        let lines: Vec<&CostLine<'_>> = group
            .costs
            .iter()
            .filter_map(|&i| budget.costs.get(i))
            .collect();
        let payments = list(lines.iter().map(|line| format!("`{}`", line.payment.id())));
        let sources: Vec<&SourceLine<'_>> = group
            .sources
            .iter()
            .filter_map(|&i| budget.source(i))
            .collect();
        let source_ids = list(sources.iter().map(|line| format!("`{}`", line.source.id)));
        let need = match (lines.len(), balance.unprojected.is_empty()) {
            (1, true) => "needs",
            (_, true) => "need",
            (1, false) => "needs at least",
            (_, false) => "need at least",
        };
        let provide = if sources.len() == 1 {
            "provides"
        } else {
            "provide"
        };
        let mut available = if balance.committed.is_positive() {
            money(balance.committed)
        } else {
            "nothing".to_owned()
        };
        if balance.anticipated.is_positive() {
            available.push_str(&format!(
                " committed and {} anticipated, which is not counted until it is committed",
                money(balance.anticipated)
            ));
        }
        let mut finding = Finding::new(
            paths::growth_year(projected.growth_index).year(),
            format!(
                "{}: {payments} {need} {}; {source_ids} {provide} {available}; short {}",
                balance.year,
                money(balance.cost),
                money(balance.shortfall())
            ),
        )
        .help(format!(
            "find {} more for {}: raise what a source provides, name another source in `funded_by`, or plan fewer recipients in `scope.growth`",
            money(balance.shortfall()),
            balance.year
        ))
        .decision_point("scope.funding");
        for line in &lines {
            if let Some(cost) = line.in_year(balance.year) {
                finding = finding.related(
                    line.payment.amount_pointer(),
                    describe_cost(line, cost, budget.currency, first_year),
                );
            }
        }
        for line in &sources {
            finding = finding.related(
                paths::funding_source(line.index).amount(),
                describe_provision(line, balance.year, budget.currency),
            );
        }
        findings.push(finding);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

fn describe_cost(
    line: &CostLine<'_>,
    cost: &YearCost,
    currency: &str,
    first_year: Option<Year>,
) -> String {
    let money = |value: Cents| format_money(value, currency);
    let price = money(line.rate);
    let id = line.payment.id();
    let total = money(cost.cost);
    let year = cost.year;
    match cost.count {
        Count::Recipients(n) => format!(
            "`{id}`: {} × {price} = {total}",
            count(n, "recipient", "recipients")
        ),
        Count::Credentials(n) => format!(
            "`{id}`: {} earned × {price} = {total}",
            count(n, "credential", "credentials")
        ),
        Count::Participants(n) => format!(
            "`{id}`: {} × {price} = {total}",
            count(n, "participant", "participants")
        ),
        Count::EveryYear => format!("`{id}`: {price} a year"),
        Count::FirstYear => format!("`{id}`: {price}, paid once, in {year}"),
        Count::AlreadyPaid => match first_year {
            Some(first) => format!("`{id}`: nothing in {year}, paid once, in {first}"),
            None => format!("`{id}`: nothing in {year}, paid once"),
        },
        Count::NotItsYear => format!("`{id}`: nothing in {year}, outside the years it lists"),
        Count::NotProjected => format!(
            "`{id}`: {price} each, not counted: `scope.growth` does not project how many in {year}"
        ),
    }
}

fn describe_provision(line: &SourceLine<'_>, year: Year, currency: &str) -> String {
    let source = line.source;
    let provision = line.in_year(year);
    let money = |value: Cents| format_money(value, currency);
    match (
        provision.committed.is_positive(),
        provision.anticipated.is_positive(),
    ) {
        (true, false) => {
            return format!(
                "`{}` ({}) provides {} in {year}",
                source.id,
                source.name,
                money(provision.committed)
            );
        }
        (true, true) => {
            return format!(
                "`{}` ({}) provides {} committed and {} anticipated in {year}",
                source.id,
                source.name,
                money(provision.committed),
                money(provision.anticipated)
            );
        }
        (false, true) => {
            return format!(
                "`{}` ({}) is only anticipated in {year}: {}, not counted",
                source.id,
                source.name,
                money(provision.anticipated)
            );
        }
        (false, false) => {}
    }
    let years: Vec<String> = line.by_year.keys().map(u16::to_string).collect();
    format!(
        "`{}` ({}) provides nothing in {year}; its years: {}",
        source.id,
        source.name,
        years.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    const PLAN: &str = "\
incentives:
  offers:
    - {id: credential-stipend, type: compensation, amount: {value: 300, unit: per-credential}, funded_by: [district-budget]}
    - {id: mentor-stipend, type: compensation, amount: {value: 750, unit: per-year}, funded_by: [district-budget, grant]}
    - {id: trip, type: privilege-influence, amount: {value: 900, unit: per-year}, paid_to: program, funded_by: [foundation]}
scope:
  funding:
    - {id: district-budget, name: District budget, kind: district-budget, amount: {value: 60000, unit: per-year}, years: [2027, 2028]}
    - {id: grant, name: Rural Teacher Fund, kind: grant, amount: {value: 8000, unit: one-time}, years: [2027]}
    - {id: foundation, name: Foundation, kind: philanthropy, amount: {value: 900, unit: per-year}, years: [2027]}
  growth:
    - {year: 2027, participants: 150, credentials: 200, recipients: {mentor-stipend: 4}}
    - {year: 2028, participants: 200, credentials: 280, recipients: {mentor-stipend: 4}}
";

    #[test]
    fn each_short_year_is_reported_with_the_shortfall() {
        let found = findings("PW210", PLAN);
        assert_eq!(
            pointers(&found),
            ["/scope/growth/1/year", "/scope/growth/1/year"]
        );
        assert_eq!(
            found[0].message,
            "2028: `credential-stipend` and `mentor-stipend` need $87,000; `district-budget` and `grant` provide $60,000; short $27,000"
        );
        assert_eq!(
            found[1].message,
            "2028: `trip` needs $900; `foundation` provides nothing; short $900"
        );
        let related: Vec<&str> = found[0]
            .related
            .iter()
            .map(|related| related.message.as_str())
            .collect();
        assert_eq!(
            related,
            [
                "`credential-stipend`: 280 credentials earned × $300 = $84,000",
                "`mentor-stipend`: 4 recipients × $750 = $3,000",
                "`district-budget` (District budget) provides $60,000 in 2028",
                "`grant` (Rural Teacher Fund) provides nothing in 2028; its years: 2027",
            ]
        );
        assert_eq!(found[0].decision_point.as_deref(), Some("scope.funding"));
    }

    #[test]
    fn anticipated_money_is_named_but_not_counted() {
        let plan = PLAN.replace(
            "years: [2027, 2028]}\n    - {id: grant",
            "years: [2027, 2028], by_year: [{year: 2028, value: 90000, status: anticipated}]}\n    - {id: grant",
        );
        let found = findings("PW210", &plan);
        assert_eq!(
            found[0].message,
            "2028: `credential-stipend` and `mentor-stipend` need $87,000; `district-budget` and `grant` provide nothing committed and $90,000 anticipated, which is not counted until it is committed; short $87,000"
        );
        assert_eq!(
            found[0].related[2].message,
            "`district-budget` (District budget) is only anticipated in 2028: $90,000, not counted"
        );
    }

    #[test]
    fn a_covered_budget_or_no_growth_is_quiet() {
        let covered = PLAN
            .replace("value: 60000", "value: 90000")
            .replace("years: [2027]}\n  growth", "years: [2027, 2028]}\n  growth");
        assert!(
            findings("PW210", &covered).is_empty(),
            "{:?}",
            findings("PW210", &covered)
        );
        let no_growth = PLAN.split("  growth:").next().unwrap();
        assert!(findings("PW210", no_growth).is_empty());
    }
}
