//! PW208: an evaluation metric that measures no goal.

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds metrics in `evaluation.metrics` whose `goals` list is missing or empty.
    ///
    /// ## Why it matters
    /// Every measure costs someone time to collect and report. A metric tied to no goal tells
    /// the reader numbers without saying what they are evidence of; either it measures a goal
    /// the plan should name, or the plan has a goal it has not written down.
    ///
    /// ## Example
    /// ```yaml
    /// evaluation:
    ///   metrics:
    ///     - id: teacher-led-sessions
    ///       indicator: Share of in-service sessions led by our own teachers
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// evaluation:
    ///   metrics:
    ///     - id: teacher-led-sessions
    ///       goals: [teachers-lead-learning]
    ///       indicator: Share of in-service sessions led by our own teachers
    /// ```
    code: "PW208",
    name: "metric-without-goal",
    severity: Warning,
    summary: "An evaluation metric measures no goal.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let Some(evaluation) = &context.plan.evaluation else {
        return;
    };
    let goals: Vec<String> = context
        .plan
        .goals
        .iter()
        .flat_map(|goals| &goals.priorities)
        .map(|goal| format!("`{}`", goal.id))
        .collect();
    for (i, metric) in evaluation.metrics.iter().enumerate() {
        if !metric.goals.is_empty() {
            continue;
        }
        let help = if goals.is_empty() {
            "name the goals it measures in `goals`, and write those goals under `goals.priorities`"
                .to_owned()
        } else {
            format!(
                "name the goals it measures in `goals` (the plan's goals: {})",
                goals.join(", ")
            )
        };
        findings.push(
            Finding::new(
                paths::metric(i).goals(),
                format!("the metric `{}` measures no goal: it is not evidence of anything the plan aims for", metric.id),
            )
            .help(help)
            .decision_point("evaluation.metrics")
            .maybe_missing(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn metrics_with_a_missing_or_empty_goal_list_are_reported() {
        let found = findings(
            "PW208",
            "\
evaluation:
  metrics:
    - {id: measured, goals: [anything], indicator: Something}
    - {id: missing, indicator: Something}
    - {id: empty, goals: [], indicator: Something}
",
        );
        assert_eq!(
            pointers(&found),
            ["/evaluation/metrics/1/goals", "/evaluation/metrics/2/goals"]
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("goals.priorities")
        );
    }
}
