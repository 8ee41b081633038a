//! PW207: a goal that no evaluation metric measures.

use std::collections::HashSet;

use pathway_schema::decision_points;

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};
use crate::index::IdKind;

declare_rule! {
    /// ## What it does
    /// Finds goals (`goals.priorities`) that no metric in `evaluation.metrics` names in its
    /// `goals`. It runs once the plan measures anything, or once its readiness level requires
    /// `evaluation.metrics` (piloting); an exploring or designing plan that has not chosen
    /// metrics yet is not asked to. A misspelled goal in a metric counts for the goal it most
    /// likely means, since `dangling-reference` (PW201) already reports the typo.
    ///
    /// A warning, like its mirror `metric-without-goal`: metrics often arrive goal by goal. A
    /// plan that wants every goal measured before it passes can make it an error in
    /// `pathway.toml` (`PW207 = "error"`).
    ///
    /// ## Why it matters
    /// A goal without a measure cannot be shown to be met. The school board will ask how the
    /// pathways moved each goal, and the plan should say in advance what evidence will answer.
    ///
    /// ## Example
    /// ```yaml
    /// goals:
    ///   priorities:
    ///     - id: keep-new-teachers
    ///       statement: Keep three in four new hires for three years.
    /// evaluation:
    ///   metrics:
    ///     - id: walkthrough-checks
    ///       goals: [checks-in-every-room]
    ///       indicator: Share of walkthroughs showing checks for understanding
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// evaluation:
    ///   metrics:
    ///     - id: new-hire-retention
    ///       goals: [keep-new-teachers]
    ///       indicator: Share of each year's hires still teaching here three years later
    /// ```
    code: "PW207",
    name: "unmeasured-goal",
    severity: Warning,
    summary: "No evaluation metric measures a goal.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let plan = context.plan;
    let Some(goals) = &plan.goals else { return };
    let metrics = plan
        .evaluation
        .as_ref()
        .map_or(&[][..], |evaluation| evaluation.metrics.as_slice());
    let required = decision_points::find("evaluation.metrics")
        .is_some_and(|point| point.level <= plan.readiness);
    if metrics.is_empty() && !required {
        return;
    }
    let measured: HashSet<&str> = metrics
        .iter()
        .flat_map(|metric| &metric.goals)
        .filter_map(|id| context.index().meant(id.as_str(), &[IdKind::Goal]))
        .collect();
    for (i, goal) in goals.priorities.iter().enumerate() {
        if measured.contains(goal.id.as_str()) {
            continue;
        }
        findings.push(
            Finding::new(
                paths::goal(i).id(),
                format!("no metric measures the goal `{}`: the plan cannot show whether it is met", goal.id),
            )
            .help(format!(
                "add a metric under `evaluation.metrics` with `goals: [{}]`, saying what is measured, from which data, how often, and the target",
                goal.id
            ))
            .decision_point("evaluation.metrics"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, findings, pointers};

    const GOALS: &str = "\
goals:
  challenges: Strong teachers leave the classroom to advance.
  student_impact: Students keep their best teachers.
  priorities:
    - {id: retention, statement: Keep strong teachers.}
    - {id: reading, statement: Raise third-grade reading.}
";

    fn plan(readiness: &str, evaluation: &str) -> String {
        let base = crate::rules::testing::EXPLORING
            .replace("readiness: exploring", &format!("readiness: {readiness}"));
        let (before, after) = base.split_once("goals:\n").unwrap();
        let (_, after) = after.split_once("stakeholders:").unwrap();
        format!("{before}{GOALS}stakeholders:{after}{evaluation}")
    }

    #[test]
    fn goals_without_metrics_are_reported_once_the_plan_measures_anything() {
        let found = check(
            "PW207",
            &plan(
                "exploring",
                "evaluation:\n  metrics:\n    - {id: stay-rate, goals: [retention], indicator: Share still teaching}\n",
            ),
        );
        assert_eq!(pointers(&found), ["/goals/priorities/1/id"]);
        assert!(found[0].message.contains("the goal `reading`"));
    }

    #[test]
    fn an_early_plan_without_metrics_is_not_asked_for_them() {
        assert!(check("PW207", &plan("exploring", "")).is_empty());
        assert!(check("PW207", &plan("designing", "")).is_empty());
        assert_eq!(check("PW207", &plan("piloting", "")).len(), 2);
    }

    #[test]
    fn a_misspelled_goal_counts_for_the_goal_it_means() {
        let evaluation = "\
evaluation:
  metrics:
    - {id: stay-rate, goals: [retension], indicator: Share still teaching}
    - {id: reading-rate, goals: [reading], indicator: Share reading on grade level}
";
        assert!(check("PW207", &plan("exploring", evaluation)).is_empty());
        assert!(findings("PW207", "").is_empty());
    }
}
