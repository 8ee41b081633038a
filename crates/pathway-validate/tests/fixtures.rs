//! Every fixture under `tests/fixtures/invalid/` produces exactly the findings its header
//! promises, at the places it names; every example plan, and every fixture under
//! `tests/fixtures/valid/`, produces no errors and no warnings.
//!
//! A fixture's header lists what it must produce, one finding a line:
//!
//! ```yaml
//! # expect: PW201 /opportunities/0/unlocked_by/0 line 24
//! ```
//!
//! Findings of severity info are only checked when a fixture expects them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::render::human::{HumanOptions, render_file};
use pathway_validate::{FileReport, Options, Severity, check_source};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn yaml_files(directory: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("{}: {error}", directory.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "json")
        })
        .collect();
    files.sort();
    files
}

fn check(path: &Path) -> FileReport {
    let text = std::fs::read_to_string(path).unwrap();
    // Relative names keep snapshots the same on every machine.
    let name = path
        .strip_prefix(repo_root())
        .unwrap_or(path)
        .display()
        .to_string();
    let name = name.trim_start_matches("./").replace('\\', "/");
    check_source(
        Source::new(name, text),
        None,
        &Options::default(),
        &RuleSettings::default(),
    )
}

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Expected {
    code: String,
    pointer: String,
    line: usize,
}

fn expectations(text: &str) -> Vec<Expected> {
    text.lines()
        .filter_map(|line| line.trim().strip_prefix("# expect:"))
        .map(|spec| {
            let words: Vec<&str> = spec.split_whitespace().collect();
            assert!(
                words.len() == 4 && words[2] == "line",
                "malformed expectation: {spec}"
            );
            Expected {
                code: words[0].to_owned(),
                pointer: words[1].to_owned(),
                line: words[3].parse().unwrap(),
            }
        })
        .collect()
}

#[test]
fn invalid_fixtures_produce_exactly_their_findings() {
    check_fixtures("tests/fixtures/invalid", "");
}

/// One fixture for each form of the placeholder contract (docs/format.md, "Answers that are not
/// answers"), and one of real answers that only look like placeholders.
#[test]
fn placeholder_fixtures_produce_exactly_their_findings() {
    check_fixtures("tests/fixtures/placeholders", "placeholders-");
}

/// Checks every fixture of a folder against its `# expect:` lines, and snapshots its report
/// under its name with `prefix`. A fixture that expects nothing says so in a comment.
fn check_fixtures(folder: &str, prefix: &str) {
    let fixtures = yaml_files(&repo_root().join(folder));
    assert!(!fixtures.is_empty());
    for path in fixtures {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut expected = expectations(&text);
        assert!(
            !expected.is_empty() || text.contains("# expect nothing"),
            "{} has no `# expect:` line",
            path.display()
        );
        let expected_codes: Vec<&str> = expected.iter().map(|e| e.code.as_str()).collect();
        let mut report = check(&path);
        // Infos (decisions for later levels) are part of a fixture only when it expects them.
        report
            .diagnostics
            .retain(|d| d.severity != Severity::Info || expected_codes.contains(&d.code));
        let mut actual: Vec<Expected> = report
            .diagnostics
            .iter()
            .map(|d| Expected {
                code: d.code.to_owned(),
                pointer: d.place.pointer.clone(),
                line: d.start().0,
            })
            .collect();
        expected.sort();
        actual.sort();
        assert_eq!(
            actual,
            expected,
            "{}:\n{}",
            path.display(),
            render_file(&report, HumanOptions::default())
        );
        let name = format!("{prefix}{}", path.file_stem().unwrap().to_string_lossy());
        insta::assert_snapshot!(name, render_file(&report, HumanOptions::default()));
    }
}

#[test]
fn examples_have_no_errors_or_warnings() {
    let examples = yaml_files(&repo_root().join("examples"));
    assert!(examples.len() >= 3);
    let valid = yaml_files(&repo_root().join("tests/fixtures/valid"));
    assert!(!valid.is_empty());
    for path in examples.into_iter().chain(valid) {
        let report = check(&path);
        let problems: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.severity > Severity::Info)
            .collect();
        assert!(
            problems.is_empty(),
            "{}:\n{}",
            path.display(),
            render_file(&report, HumanOptions::default())
        );
    }
}
