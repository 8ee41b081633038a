//! PW216: a money incentive whose recipients the plan does not project, so the budget cannot
//! count its cost.

use pathway_schema::MoneyUnit;
use pathway_schema::domain::budget::Count;
use pathway_schema::domain::money::describe_amount;
use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds money incentives whose cost the budget cannot count in some year of
    /// `scope.growth`, because the plan does not say how many are paid:
    ///
    /// - a `per-year` or `one-time` amount paid to each recipient (the default `paid_to`, or
    ///   `each-educator`, `each-school`, `each-district`) with no entry for it under that
    ///   year's `recipients`;
    /// - a `per-credential` amount in a year without `credentials`.
    ///
    /// It reports each incentive once, naming the years. `recipients` counts everyone paid that
    /// year, new and continuing: a stipend or a lane change kept from earlier years counts
    /// every current holder. An amount paid once for the whole program (`paid_to: program`)
    /// needs no count.
    ///
    /// ## Why it matters
    /// A budget that counts a stipend paid to 40 assessors as one payment a year looks
    /// covered when it is not. Until the plan says how many receive it, neither `pathway
    /// validate` nor the board's budget table can say whether the money is there.
    ///
    /// ## Example
    /// ```yaml
    /// incentives:
    ///   offers:
    ///     - id: assessor-stipend
    ///       type: compensation
    ///       amount: {value: 1500, unit: per-year}
    ///       funded_by: [title-ii-a]
    /// scope:
    ///   growth:
    ///     - {year: 2027, participants: 120, credentials: 200}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// scope:
    ///   growth:
    ///     - year: 2027
    ///       participants: 120
    ///       credentials: 200
    ///       recipients: {assessor-stipend: 24}
    /// ```
    code: "PW216",
    name: "unprojected-recipients",
    severity: Warning,
    summary: "A money incentive's recipients are not projected for a year, so its cost is not counted.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let budget = &context.model.budget;
    for line in &budget.costs {
        let years: Vec<_> = line
            .by_year
            .iter()
            .filter(|cost| cost.count == Count::NotProjected)
            .map(|cost| cost.year)
            .collect();
        if years.is_empty() {
            continue;
        }
        let id = line.payment.id();
        let when: Vec<String> = years.iter().map(u16::to_string).collect();
        let when = list(&when);
        let (message, help) = if line.amount.unit == MoneyUnit::PerCredential {
            (
                format!(
                    "`{id}` pays {}, but `scope.growth` does not project the credentials earned in {when}: its cost there is not counted",
                    describe_amount(line.amount)
                ),
                "give those years' `credentials` in `scope.growth`, or a `recipients` entry for the incentive".to_owned(),
            )
        } else {
            (
                format!(
                    "`{id}` pays {} to each recipient, but `scope.growth` does not say how many receive it in {when}: its cost there is not counted",
                    describe_amount(line.amount)
                ),
                format!(
                    "add `{id}: N` under `recipients` for those years (everyone paid that year, new and continuing), or `paid_to: program` if it is paid once for the whole program"
                ),
            )
        };
        let mut finding = Finding::new(line.payment.amount_pointer(), message)
            .help(help)
            .decision_point("scope.growth");
        for year in &years {
            if let Some(projected) = budget.projected.iter().find(|p| p.year == *year) {
                finding = finding.related(
                    paths::growth_year(projected.growth_index).year(),
                    format!("{year} is projected here"),
                );
            }
        }
        findings.push(finding);
    }
}

/// `a`, `a and b`, `a, b and c`.
fn list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    const PLAN: &str = "\
incentives:
  offers:
    - {id: assessor-stipend, type: compensation, amount: {value: 1500, unit: per-year}, funded_by: [a]}
    - {id: stipend, type: compensation, amount: {value: 200, unit: per-credential}, funded_by: [a]}
    - {id: fund, type: privilege-influence, amount: {value: 900, unit: per-year}, paid_to: program, funded_by: [a]}
    - {id: bonus, type: compensation, amount: {value: 500, unit: one-time}, funded_by: [a]}
scope:
  funding:
    - {id: a, name: A, kind: grant, amount: {value: 100000, unit: per-year}, years: [2027, 2028]}
  growth:
    - {year: 2027, participants: 20, credentials: 30, recipients: {assessor-stipend: 4, bonus: 5}}
    - {year: 2028, participants: 30, recipients: {bonus: 6}}
";

    #[test]
    fn costs_without_a_count_are_reported_once_with_their_years() {
        let found = findings("PW216", PLAN);
        assert_eq!(
            pointers(&found),
            ["/incentives/offers/0/amount", "/incentives/offers/1/amount"]
        );
        assert_eq!(
            found[0].message,
            "`assessor-stipend` pays $1,500 a year to each recipient, but `scope.growth` does not say how many receive it in 2028: its cost there is not counted"
        );
        assert_eq!(
            found[1].message,
            "`stipend` pays $200 per credential, but `scope.growth` does not project the credentials earned in 2028: its cost there is not counted"
        );
        assert_eq!(found[0].related[0].place.pointer, "/scope/growth/1/year");
    }

    #[test]
    fn without_growth_there_is_nothing_to_count() {
        let no_growth = PLAN.split("  growth:").next().unwrap();
        assert!(findings("PW216", no_growth).is_empty());
    }
}
