//! The schema-version seam, proven by use: a test-only version 2 of the format, which calls
//! `incentives` `rewards`, is validated by the unchanged schema check and rules once migrated,
//! with findings at the lines of the version-2 file.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use pathway_schema::load::migrate::{Migration, MigrationProblem, migrate, rename_key};
use pathway_schema::load::{Limits, Node, parse_as_written};
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_document, check_source};

fn rewards_to_incentives(root: &mut Node) -> Result<(), MigrationProblem> {
    rename_key(root, "", "rewards", "incentives")
}

const V2: &[Migration] = &[Migration {
    from: 2,
    to: 1,
    summary: "`rewards` is called `incentives` again",
    apply: rewards_to_incentives,
}];

const V2_PLAN: &str = "\
schema_version: 2
id: demo
readiness: exploring
organization: {name: Demo District, kind: district}
rewards:
  offers:
    - id: stipend
      type: recognition
      description: A certificate for each credential.
    - id: stipend
      type: recognition
      description: A second certificate.
      hours: 3
";

fn line_of(needle: &str, nth: usize) -> usize {
    V2_PLAN
        .lines()
        .enumerate()
        .filter(|(_, line)| line.contains(needle))
        .nth(nth)
        .unwrap()
        .0
        + 1
}

fn findings(text: &str) -> Vec<(String, String, usize)> {
    let document =
        parse_as_written(Source::new("plan.yaml", text), None, &Limits::DEFAULT).unwrap();
    let document = migrate(document, V2).unwrap();
    let (report, _) = check_document(document, &Options::default(), &RuleSettings::default());
    report
        .diagnostics
        .iter()
        .filter(|d| d.code != "PW100" && d.code != "PW101")
        .map(|d| (d.code.to_owned(), d.place.pointer.clone(), d.start().0))
        .collect()
}

#[test]
fn a_version_2_plan_is_checked_by_the_version_1_rules_at_its_own_lines() {
    // The unknown key is found by the schema check, which runs before the rules.
    assert_eq!(
        findings(V2_PLAN),
        [(
            "PW002".to_owned(),
            "/incentives/offers/1/hours".to_owned(),
            line_of("hours:", 0)
        )]
    );
    let without_hours = V2_PLAN.replace("      hours: 3\n", "");
    let found = findings(&without_hours);
    assert_eq!(
        found,
        [(
            "PW202".to_owned(),
            "/incentives/offers/1/id".to_owned(),
            line_of("- id: stipend", 1)
        )],
        "the duplicate id is reported by the unchanged rule, at the second `id:` of the v2 file"
    );
}

#[test]
fn without_the_migration_a_version_2_plan_is_refused_as_unsupported() {
    let report = check_source(
        Source::new("plan.yaml", V2_PLAN),
        None,
        &Options::default(),
        &RuleSettings::default(),
    );
    let version = report
        .diagnostics
        .iter()
        .find(|d| d.place.pointer == "/schema_version")
        .unwrap();
    assert_eq!(version.code, "PW002");
    assert_eq!(version.start(), (1, 17));
}
