//! `# pathway-allow CODE: reason` silences one finding; without a reason, for an unknown code,
//! or where it silences nothing, it is itself a finding.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, Severity, check_source};

const PLAN: &str = "schema_version: 1
id: suppressions
readiness: exploring
organization: {name: Fixture District, kind: district}
goals:
  challenges: Strong teachers leave the classroom to advance.
  student_impact: Students keep their best teachers.
stakeholders:
  educator_voice: Teachers sit on the design team.
  groups:
    - {group: teachers, involvement: [design-team], role: Design the pathways.}
implementation:
  owner: {name: Dana Whitfield}
credentials:
  - {id: small-group-reading, title: Small-Group Reading}
opportunities:
  - id: coach
    title: Coach
    kind: hybrid-role
    stays_in_classroom: true
    SUPPRESSION
    unlocked_by: [small-group-readin]
";

fn codes(suppression: &str) -> Vec<(&'static str, usize)> {
    let text = PLAN.replace("SUPPRESSION", suppression);
    let report = check_source(
        Source::new("plan.yaml", text),
        None,
        &Options::default(),
        &RuleSettings::default(),
    );
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
        .map(|d| (d.code, d.start().0))
        .collect()
}

#[test]
fn a_reasoned_suppression_silences_the_finding_below_it() {
    assert_eq!(codes("# nothing here"), [("PW201", 22)]);
    assert_eq!(
        codes("# pathway-allow PW201: the credential is added by the state's catalog next year"),
        []
    );
}

#[test]
fn a_suppression_without_a_reason_silences_nothing_and_is_reported() {
    assert_eq!(
        codes("# pathway-allow PW201"),
        [("PW003", 21), ("PW201", 22)]
    );
}

#[test]
fn unknown_codes_and_stale_suppressions_are_reported() {
    assert_eq!(
        codes("# pathway-allow PW999: no such rule"),
        [("PW003", 21), ("PW201", 22)]
    );
    assert_eq!(
        codes("# pathway-allow PW202: nothing duplicated here"),
        [("PW003", 21), ("PW201", 22)]
    );
}
