//! PW209: a money incentive or program cost with no funding source.

use super::{Finding, Findings, RuleContext, declare_rule};
use pathway_schema::domain::money::describe_amount;
use pathway_schema::domain::pointer::paths;

declare_rule! {
    /// ## What it does
    /// Finds incentives that pay money (an `amount` above zero), and program costs
    /// (`scope.program_costs`), that name no funding source in `funded_by`.
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
    summary: "An incentive or program cost pays money but names no funding source.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let plan = context.plan;
    let sources: Vec<String> = plan
        .scope
        .iter()
        .flat_map(|scope| &scope.funding)
        .map(|source| format!("`{}`", source.id))
        .collect();
    let help = if sources.is_empty() {
        "add the source under `scope.funding` and name it in `funded_by`".to_owned()
    } else {
        format!(
            "name the sources that pay for it in `funded_by` (the plan's sources: {})",
            sources.join(", ")
        )
    };
    let mut report = |pointer, message: String| {
        findings.push(
            Finding::new(pointer, message)
                .help(help.clone())
                .decision_point("scope.funding")
                .maybe_missing(),
        );
    };
    let offers = plan
        .incentives
        .iter()
        .flat_map(|incentives| &incentives.offers);
    for (i, incentive) in offers.enumerate() {
        let Some(amount) = incentive
            .amount
            .as_ref()
            .filter(|amount| amount.value > 0.0)
        else {
            continue;
        };
        if incentive.funded_by.is_empty() {
            report(
                paths::incentive(i).funded_by(),
                format!(
                    "the incentive `{}` promises {}, but names no funding source to pay for it",
                    incentive.id,
                    describe_amount(amount)
                ),
            );
        }
    }
    let costs = plan.scope.iter().flat_map(|scope| &scope.program_costs);
    for (i, cost) in costs.enumerate() {
        if cost.amount.value > 0.0 && cost.funded_by.is_empty() {
            report(
                paths::program_cost(i).funded_by(),
                format!(
                    "the program cost `{}` ({}) needs {}, but names no funding source to pay for it",
                    cost.id,
                    cost.title,
                    describe_amount(&cost.amount)
                ),
            );
        }
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
  program_costs:
    - {id: coordinator, title: Pathways coordinator, amount: {value: 40000, unit: per-year}, funded_by: [pd]}
    - {id: platform, title: Credential platform, amount: {value: 8000, unit: per-year}}
",
        );
        assert_eq!(
            pointers(&found),
            [
                "/incentives/offers/1/funded_by",
                "/scope/program_costs/1/funded_by"
            ]
        );
        assert_eq!(
            found[1].message,
            "the program cost `platform` (Credential platform) needs $8,000 a year, but names no funding source to pay for it"
        );
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
