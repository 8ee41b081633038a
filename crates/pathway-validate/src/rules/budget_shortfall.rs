//! PW210: incentives that cost more in a year than their funding sources provide.

use pathway_schema::Year;

use pathway_schema::wording::count;

use super::{Context, Finding, Findings, declare_rule};
use crate::budget::{Cost, Count, Provision, YearBudget, budget, format_money};

declare_rule! {
    /// ## What it does
    /// For each year of `scope.growth`, multiplies each money incentive's amount by the number
    /// of educators expected to receive it that year and compares the total with what its
    /// funding sources provide that year. It reports each year that comes up short, with the
    /// shortfall in money.
    ///
    /// The arithmetic is the one a budget office would do on paper:
    ///
    /// - recipients are the year's `recipients` entry for the incentive when there is one;
    ///   otherwise `per-credential` amounts use the year's `credentials`, `per-participant`
    ///   amounts its `participants`, `per-year` amounts count once, and `one-time` amounts once,
    ///   in the first growth year;
    /// - a `per-year` source provides its amount in each year it lists, a `one-time` source
    ///   only in its first listed year (a source counted `per-credential` or
    ///   `per-participant` provides its amount times that year's credentials or participants);
    /// - incentives that share a source, directly or through one another, are checked
    ///   together against the sum of their sources, since the plan does not say how a shared
    ///   source is split.
    ///
    /// Without `scope.growth` there is nothing to multiply, and the rule says nothing.
    /// Incentives with no source are `unfunded-incentive` (PW209); sources that do not exist are
    /// `dangling-reference` (PW201); incentives in different currencies are not added up.
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
    summary: "Incentives cost more in a year than their funding sources provide.",
    check: Some(check),
}

/// Less than half a cent short is rounding, not a shortfall.
const TOLERANCE: f64 = 0.005;

fn check(context: &Context<'_>, findings: &mut Findings) {
    let first_year = context
        .plan
        .scope
        .iter()
        .flat_map(|scope| &scope.growth)
        .map(|year| year.year)
        .min();
    for year in budget(context.plan) {
        let shortfall = year.cost() - year.available();
        if shortfall <= TOLERANCE {
            continue;
        }
        let money = |value: f64| format_money(value, year.currency);
        let incentives = list(
            year.costs
                .iter()
                .map(|cost| format!("`{}`", cost.incentive.id)),
        );
        let sources = list(
            year.funding
                .iter()
                .map(|provision| format!("`{}`", provision.source.id)),
        );
        let need = if year.costs.len() == 1 {
            "needs"
        } else {
            "need"
        };
        let provide = if year.funding.len() == 1 {
            "provides"
        } else {
            "provide"
        };
        let available = if year.available() > 0.0 {
            money(year.available())
        } else {
            "nothing".to_owned()
        };
        let mut finding = Finding::new(
            format!("/scope/growth/{}/year", year.growth_index),
            format!(
                "{}: {incentives} {need} {}; {sources} {provide} {available}; short {}",
                year.year,
                money(year.cost()),
                money(shortfall)
            ),
        )
        .help(format!(
            "find {} more for {}: raise what a source provides, name another source in `funded_by`, or plan fewer recipients in `scope.growth`",
            money(shortfall),
            year.year
        ))
        .decision_point("scope.funding");
        for cost in &year.costs {
            finding = finding.related(
                format!("/incentives/offers/{}/amount", cost.index),
                describe_cost(cost, &year, first_year),
            );
        }
        for provision in &year.funding {
            finding = finding.related(
                format!("/scope/funding/{}/amount", provision.index),
                describe_provision(provision, &year),
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

fn describe_cost(cost: &Cost<'_>, year: &YearBudget<'_>, first_year: Option<Year>) -> String {
    let money = |value: f64| format_money(value, year.currency);
    let price = money(
        cost.incentive
            .amount
            .as_ref()
            .map_or(0.0, |amount| amount.value),
    );
    let id = &cost.incentive.id;
    let total = money(cost.amount);
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
        Count::FirstYear => format!("`{id}`: {price}, paid once, in {}", year.year),
        Count::AlreadyPaid => match first_year {
            Some(first) => format!("`{id}`: nothing in {}, paid once, in {first}", year.year),
            None => format!("`{id}`: nothing in {}, paid once", year.year),
        },
    }
}

fn describe_provision(provision: &Provision<'_>, year: &YearBudget<'_>) -> String {
    let source = provision.source;
    if provision.amount > 0.0 {
        return format!(
            "`{}` ({}) provides {} in {}",
            source.id,
            source.name,
            format_money(provision.amount, year.currency),
            year.year
        );
    }
    let years: Vec<String> = source.years.iter().map(u16::to_string).collect();
    format!(
        "`{}` ({}) provides nothing in {}; its years: {}",
        source.id,
        source.name,
        year.year,
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
    - {id: trip, type: privilege-influence, amount: {value: 900, unit: per-year}, funded_by: [foundation]}
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
        assert_eq!(found[0].decision_point, Some("scope.funding"));
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
