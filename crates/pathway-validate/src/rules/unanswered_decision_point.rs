//! PW100: a decision point the plan's readiness level requires is not answered.

use pathway_schema::decision_points::{is_answered, required_at};
use pathway_schema::load::NodeValue;

use super::{Context, Finding, Findings, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds each decision point that the plan's readiness level (or an earlier level) requires
    /// and that the plan leaves unanswered: missing, empty, or still holding a placeholder such
    /// as `TODO` or `TBD`. The finding names the decision point and asks its question.
    ///
    /// ## Why it matters
    /// The toolkit's decision points are what a leader must settle before moving on. A plan
    /// that claims `piloting` but has not said where its money comes from will stall when the
    /// first stipend is due.
    ///
    /// ## Example
    /// ```yaml
    /// readiness: piloting
    /// scope:
    ///   funding: []
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// readiness: piloting
    /// scope:
    ///   funding:
    ///     - id: title-ii
    ///       name: Title II, Part A
    ///       kind: federal-title
    ///       amount: {value: 45000, unit: per-year}
    ///       years: [2027, 2028]
    /// ```
    code: "PW100",
    name: "unanswered-decision-point",
    severity: Error,
    summary: "A decision point required at the plan's readiness level is unanswered.",
    check: Some(check),
}

fn check(context: &Context<'_>, findings: &mut Findings) {
    let level = context.plan.readiness;
    for point in required_at(level) {
        let value = context.document.root().pointer(point.pointer);
        if is_answered(value) {
            continue;
        }
        let place = pathway_schema::load::display_path(point.pointer);
        let state = if value.is_some_and(|v| !matches!(v.value, NodeValue::Null)) {
            "still a placeholder"
        } else {
            "not answered"
        };
        findings.push(
            Finding::new(
                point.pointer,
                format!(
                    "decision point `{}` is {state}: {}",
                    point.id, point.question
                ),
            )
            .help(format!(
                "a `{}` plan answers this; write the answer at `{place}` (see docs/format.md)",
                level.as_str()
            ))
            .decision_point(point.id)
            .maybe_missing(),
        );
    }
}
