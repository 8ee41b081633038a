//! PW209: a money incentive with no funding source.

use super::{Context, Finding, Findings, declare_rule};
use pathway_schema::domain::money::describe_amount;
use pathway_schema::domain::pointer::paths;

declare_rule! {
    /// ## What it does
    /// Finds incentives that pay money (an `amount` above zero) and name no funding source in
    /// `funded_by`.
    ///
    /// ## Why it matters
    /// A stipend, step or bonus promised to educators with no money behind it is the quickest
    /// way to lose their trust. Naming the source also lets the budget check
    /// (`budget-shortfall`) compare what the incentive costs each year with what is available.
    ///
    /// ## Example
    /// ```yaml
    /// incentives:
    ///   offers:
    ///     - id: credential-stipend
    ///       type: compensation
    ///       compensation: stipend
    ///       amount: {value: 150, unit: per-credential}
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// incentives:
    ///   offers:
    ///     - id: credential-stipend
    ///       type: compensation
    ///       compensation: stipend
    ///       amount: {value: 150, unit: per-credential}
    ///       funded_by: [district-pd-line]
    /// ```
    code: "PW209",
    name: "unfunded-incentive",
    severity: Error,
    summary: "An incentive pays money but names no funding source.",
    check: Some(check),
}

fn check(context: &Context<'_>, findings: &mut Findings) {
    let Some(incentives) = &context.plan.incentives else {
        return;
    };
    let sources: Vec<String> = context
        .plan
        .scope
        .iter()
        .flat_map(|scope| &scope.funding)
        .map(|source| format!("`{}`", source.id))
        .collect();
    for (i, incentive) in incentives.offers.iter().enumerate() {
        let Some(amount) = incentive
            .amount
            .as_ref()
            .filter(|amount| amount.value > 0.0)
        else {
            continue;
        };
        if !incentive.funded_by.is_empty() {
            continue;
        }
        let help = if sources.is_empty() {
            "add the source under `scope.funding` and name it in `funded_by`".to_owned()
        } else {
            format!(
                "name the sources that pay for it in `funded_by` (the plan's sources: {})",
                sources.join(", ")
            )
        };
        findings.push(
            Finding::new(
                paths::incentive(i).funded_by(),
                format!(
                    "the incentive `{}` promises {}, but names no funding source to pay for it",
                    incentive.id,
                    describe_amount(amount)
                ),
            )
            .help(help)
            .decision_point("scope.funding")
            .maybe_missing(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn money_without_a_source_is_reported() {
        let found = findings(
            "PW209",
            "\
incentives:
  offers:
    - {id: funded, type: compensation, amount: {value: 150, unit: per-credential}, funded_by: [pd]}
    - {id: unfunded, type: compensation, amount: {value: 1500, unit: per-year}}
    - {id: free, type: recognition, amount: {value: 0, unit: one-time}}
    - {id: seat, type: privilege-influence}
scope:
  funding:
    - {id: pd, name: PD line, kind: district-budget, amount: {value: 6500, unit: per-year}, years: [2027]}
",
        );
        assert_eq!(pointers(&found), ["/incentives/offers/1/funded_by"]);
        assert_eq!(
            found[0].message,
            "the incentive `unfunded` promises $1,500 a year, but names no funding source to pay for it"
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("`pd`")
        );
    }
}
