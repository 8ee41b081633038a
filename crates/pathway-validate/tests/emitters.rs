//! Each machine-readable output, snapshotted whole (as ruff snapshots each emitter): the JSON
//! that scripts parse, the SARIF log code scanning reads, the GitHub workflow commands that
//! annotate pull requests. A change to any of them shows up as a snapshot diff to review; users'
//! scripts and CI rely on these shapes.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::render::{SkipReason, Skipped, github, json, sarif};
use pathway_validate::{FileReport, Options, check_source};

/// An exploring plan with findings of each severity close together, a line of text with
/// characters that each format must escape, and a second, clean file.
const PLAN: &str = "\
schema_version: 1
id: emitters-demo
readiness: exploring
organization: {name: \"Demo: District, 100% <ours>\", kind: district}
goals:
  challenges: Teachers leave for administration.
  student_impact: More time with expert teachers.
stakeholders:
  educator_voice: A design team of twelve teachers.
  groups: [{group: teachers, involvement: [design-team], role: designs the pathways}]
implementation:
  owner: {name: Office of Teaching}
credentials:
  - {id: coach, title: Coaching, hours: 20}
  - {id: orphan, title: 'Orphan <b>&amp;</b> 100%', hours: 5}
opportunities:
  - {id: lab, title: Lab Classroom, kind: classroom-role, stays_in_classroom: true, unlocked_by: [coach, missing-one]}
";

fn reports() -> (Vec<FileReport>, Vec<Skipped>) {
    let check = |name: &str, text: &str| {
        check_source(
            Source::new(name.to_owned(), text.to_owned()),
            None,
            &Options::default(),
            &RuleSettings::default(),
        )
    };
    let reports = vec![check("plans/demo.yaml", PLAN)];
    let skipped = vec![Skipped {
        path: "plans/notes.yaml".to_owned(),
        reason: SkipReason::NotAPlan,
    }];
    (reports, skipped)
}

#[test]
fn json_output() {
    let (reports, skipped) = reports();
    insta::assert_snapshot!(json::render(&reports, &[], &skipped));
}

#[test]
fn sarif_output() {
    let (reports, skipped) = reports();
    // SARIF names the folder it ran in as the base of every path; pin it for the snapshot.
    let log = sarif::render(&reports, &[], &skipped);
    let root = std::env::current_dir().unwrap();
    let root = format!("file://{}/", root.display());
    insta::assert_snapshot!(log.replace(&root, "file:///RUN_DIR/"));
}

#[test]
fn github_output() {
    let (reports, skipped) = reports();
    insta::assert_snapshot!(github::render(
        &reports,
        &["cannot read plans/locked.yaml: permission denied".to_owned()],
        &skipped
    ));
}
