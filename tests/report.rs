//! `pathway report` end to end: the six files, the same bytes run after run and whatever the
//! order the plans are named in, and broken plans counted, not dropped.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::Command;

const FILES: [&str; 6] = [
    "report.md",
    "report.docx",
    "plans.csv",
    "decision-points.csv",
    "credentials.csv",
    "report.json",
];

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn report(args: &[&str], out: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .arg("report")
        .args(args)
        .arg("-o")
        .arg(out)
        .current_dir(repo_root())
        .output()
        .unwrap()
}

fn read_all(dir: &Path) -> Vec<Vec<u8>> {
    FILES
        .iter()
        .map(|name| std::fs::read(dir.join(name)).unwrap())
        .collect()
}

#[test]
fn six_files_the_same_bytes_whatever_the_order() {
    let work = tempfile::tempdir().unwrap();
    let (first, second, third) = (
        work.path().join("first"),
        work.path().join("second"),
        work.path().join("third"),
    );
    let output = report(&["examples", "tests/fixtures/report"], &first);
    assert!(output.status.success(), "{output:?}");
    let listed = String::from_utf8(output.stdout).unwrap();
    for name in FILES {
        assert!(listed.contains(name), "{name} not listed: {listed}");
    }
    let output = report(&["examples", "tests/fixtures/report"], &second);
    assert!(output.status.success());
    assert!(read_all(&first) == read_all(&second), "two runs differ");
    // The same plans, named file by file in another order.
    let output = report(
        &[
            "tests/fixtures/report/schema-error.yaml",
            "tests/fixtures/report/gamma.yaml",
            "examples/juniper-ridge-designing.yaml",
            "tests/fixtures/report/alpha.yaml",
            "examples/high-desert-state-piloting.yaml",
            "tests/fixtures/report/syntax-error.yaml",
            "examples/cedar-valley-scaling.yaml",
            "tests/fixtures/report/beta.yaml",
            "examples/state-rule-pack/plan.yaml",
        ],
        &third,
    );
    assert!(output.status.success());
    assert!(
        read_all(&first) == read_all(&third),
        "argument order changed the report"
    );
    let plans = std::fs::read_to_string(first.join("plans.csv")).unwrap();
    // 4 examples (one in examples/state-rule-pack/) + 5 fixtures (the two broken ones listed,
    // not dropped).
    assert_eq!(plans.lines().count(), 1 + 9);
    assert!(plans.contains("tests/fixtures/report/syntax-error.yaml,,,,,not-counted,1,"));
    let json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(first.join("report.json")).unwrap()).unwrap();
    assert_eq!(json["report_version"], 1);
    assert_eq!(json["totals"]["plans"], 9);
    assert_eq!(json["totals"]["not_counted"], 2);
}

#[test]
fn only_the_formats_asked_for_are_written() {
    let work = tempfile::tempdir().unwrap();
    let output = report(&["examples", "--format", "json"], work.path());
    assert!(output.status.success());
    let mut names: Vec<_> = std::fs::read_dir(work.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["report.json"]);
}

#[test]
fn a_folder_without_plans_writes_nothing_and_exits_2() {
    let work = tempfile::tempdir().unwrap();
    let empty = work.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let out = work.path().join("out");
    let output = report(&[empty.to_str().unwrap()], &out);
    assert_eq!(output.status.code(), Some(2));
    assert!(!out.exists());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("no .yaml, .yml or .json plan files"),
        "{stderr}"
    );
}

#[test]
fn a_broken_report_profile_is_named_with_its_file() {
    let work = tempfile::tempdir().unwrap();
    let templates = work.path().join("templates");
    std::fs::create_dir_all(templates.join("report")).unwrap();
    std::fs::write(templates.join("report/state.yaml"), "title: [unclosed\n").unwrap();
    let output = report(
        &["examples", "--templates", templates.to_str().unwrap()],
        &work.path().join("out"),
    );
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("state.yaml"), "{stderr}");
    assert!(stderr.contains("templates/report/state.yaml"), "{stderr}");
}
