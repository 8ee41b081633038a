//! PW101: a decision point the next readiness levels require is not answered yet.

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Lists, as information, the decision points that a later readiness level requires and
    /// that the plan has not answered yet ("needed before piloting"): the toolkit's, and a
    /// state's own from `pathway.toml`.
    ///
    /// ## Why it matters
    /// An early plan should pass CI honestly while still showing what lies ahead, so that the
    /// work of the next level can be planned rather than discovered.
    ///
    /// ## Example
    /// ```yaml
    /// readiness: designing
    /// # scope.funding is first required at piloting
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// readiness: designing
    /// scope:
    ///   funding:
    ///     - id: district-pd-budget
    ///       name: District professional development budget
    ///       kind: district-budget
    ///       amount: {value: 12000, unit: per-year}
    ///       years: [2027, 2028]
    /// ```
    code: "PW101",
    name: "decision-point-for-later",
    severity: Info,
    summary: "A decision point needed at a later readiness level is not answered yet.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let level = context.plan.readiness;
    for (point, answered) in context.answers.answered() {
        if answered || point.level <= level {
            continue;
        }
        findings.push(
            Finding::new(
                point.pointer,
                format!(
                    "decision point `{}` is needed before {}: {}",
                    point.id,
                    point.level.as_str(),
                    point.question
                ),
            )
            .decision_point(point.id.to_owned())
            .maybe_missing(),
        );
    }
}
