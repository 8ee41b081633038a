//! For the rules' unit tests: a plan that answers what an exploring plan must, so that only the
//! rule under test speaks, and the findings of one rule.

use pathway_schema::source::Source;

use crate::config::RuleSettings;
use crate::{Diagnostic, Options, check_source};

/// An exploring-level plan answering its five decision points; tests append the sections they
/// exercise.
pub(crate) const EXPLORING: &str = "\
schema_version: 1
id: rule-test
readiness: exploring
organization: {name: Test District, kind: district}
goals:
  challenges: Strong teachers leave the classroom to advance.
  student_impact: Students keep their best teachers.
stakeholders:
  educator_voice: Teachers sit on the design team.
  groups:
    - {group: teachers, involvement: [design-team], role: Design the pathways.}
implementation:
  owner: {name: Dana Whitfield}
";

/// Checks [`EXPLORING`] followed by `sections` and keeps the findings of the rule `code`.
pub(crate) fn findings(code: &str, sections: &str) -> Vec<Diagnostic> {
    check(code, &format!("{EXPLORING}{sections}"))
}

/// Checks a whole plan and keeps the findings of the rule `code`.
pub(crate) fn check(code: &str, plan: &str) -> Vec<Diagnostic> {
    let report = check_source(
        Source::new("plan.yaml", plan),
        None,
        &Options::default(),
        &RuleSettings::default(),
    );
    report
        .diagnostics
        .into_iter()
        .filter(|diagnostic| diagnostic.code == code)
        .collect()
}

/// The pointers of the findings, in order.
pub(crate) fn pointers(findings: &[Diagnostic]) -> Vec<&str> {
    findings
        .iter()
        .map(|finding| finding.place.pointer.as_str())
        .collect()
}
