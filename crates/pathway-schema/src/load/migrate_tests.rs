//! A test-only version 2 of the format, in which `incentives` is called `rewards`, proves the
//! seam: a version-2 plan loads, types and keeps the positions of the file as written.

use super::*;
use crate::load::{Limits, parse_as_written};
use crate::source::Source;

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
readiness: designing
organization: {name: Demo District, kind: district}
rewards:
  offers:
    - id: stipend
      type: compensation
      description: A stipend for each credential.
";

fn written(text: &str) -> SourceTree {
    parse_as_written(Source::new("plan.yaml", text), None, &Limits::DEFAULT).unwrap()
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|line| line.contains(needle)).unwrap() + 1
}

#[test]
fn a_version_2_plan_reads_as_version_1_where_the_user_wrote_it() {
    let document = migrate(written(V2_PLAN), V2).unwrap();
    assert_eq!(declared_version(document.root()), Some(1));
    assert!(document.root().pointer("/rewards").is_none());
    let plan = document.plan().unwrap();
    assert_eq!(plan.incentives.map(|i| i.offers.len()), Some(1));
    let key = document.locate_key("/incentives").unwrap();
    assert_eq!(
        (key.start.line, key.start.column),
        (line_of(V2_PLAN, "rewards:"), 1)
    );
    let value = document.locate("/incentives/offers/0/description").unwrap();
    assert_eq!(value.start.line, line_of(V2_PLAN, "description:"));
    // The version's number keeps its place too: a finding about it points at the `2`.
    let version = document.locate("/schema_version").unwrap();
    assert_eq!((version.start.line, version.start.column), (1, 17));
}

#[test]
fn without_its_migration_a_version_2_plan_is_left_for_the_schema_check() {
    let document = migrate(written(V2_PLAN), MIGRATIONS).unwrap();
    assert_eq!(declared_version(document.root()), Some(2));
    assert!(document.root().pointer("/rewards").is_some());
    assert!(document.plan().is_err());
}

#[test]
fn current_unversioned_and_unknown_plans_are_untouched() {
    let v1 = V2_PLAN
        .replace("schema_version: 2", "schema_version: 1")
        .replace("rewards:", "incentives:");
    for text in [
        v1.clone(),
        v1.replace("schema_version: 1\n", ""),
        v1.replace("schema_version: 1", "schema_version: 7"),
        v1.replace("schema_version: 1", "schema_version: two"),
        "- a list\n".to_owned(),
    ] {
        let before = written(&text);
        let after = migrate(before.clone(), V2).unwrap();
        assert_eq!(after.root(), before.root(), "{text}");
    }
}

#[test]
fn a_field_under_both_names_is_an_error_at_the_new_name() {
    let text = format!("{V2_PLAN}incentives: {{offers: []}}\n");
    let error = migrate(written(&text), V2).unwrap_err();
    assert_eq!(error.kind, LoadErrorKind::UnknownKey);
    assert_eq!(error.pointer.as_deref(), Some("/incentives"));
    assert_eq!(
        error.location.map(|l| l.start.line),
        Some(line_of(&text, "incentives:"))
    );
    assert!(error.message.contains("as well as `rewards`"), "{error}");
}

fn nothing(_: &mut Node) -> Result<(), MigrationProblem> {
    Ok(())
}

/// Regression guard: a chain that loops (2 → 3 → 2) would migrate forever.
#[test]
fn a_looping_chain_is_an_error_not_a_hang() {
    const LOOP: &[Migration] = &[
        Migration {
            from: 2,
            to: 3,
            summary: "up",
            apply: nothing,
        },
        Migration {
            from: 3,
            to: 2,
            summary: "down",
            apply: nothing,
        },
    ];
    let error = migrate(written(V2_PLAN), LOOP).unwrap_err();
    assert!(error.message.contains("loop"), "{error}");
}

#[test]
fn the_built_in_chain_starts_each_version_once_and_ends_at_the_current_one() {
    for step in MIGRATIONS {
        assert_ne!(step.from, step.to, "{}", step.summary);
        assert_eq!(
            MIGRATIONS.iter().filter(|s| s.from == step.from).count(),
            1,
            "{}",
            step.summary
        );
        let mut version = step.from;
        for _ in 0..=MIGRATIONS.len() {
            if version == CURRENT {
                break;
            }
            version = MIGRATIONS
                .iter()
                .find(|s| s.from == version)
                .map_or(CURRENT, |s| s.to);
        }
        assert_eq!(version, CURRENT, "{}", step.summary);
    }
}
