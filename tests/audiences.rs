//! The built-in audiences are the files in `crates/pathway-schema/audiences/`, and nothing else:
//! adding an audience is adding its file. The build script lists that folder (and cargo reruns
//! it when a file is added), so this test reads the folder itself, not the compiled list, and
//! checks that every place that names the audiences names exactly its files: `export --help`,
//! `export --all`, the error listing of `export`, and the validator's audience check. A place
//! that kept its own list fails here as soon as a file is added or removed.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The ids of the profile files in the folder, in id order.
fn folder_ids() -> Vec<String> {
    let mut ids: Vec<String> =
        std::fs::read_dir(repo_root().join("crates/pathway-schema/audiences"))
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
            .map(|path| path.file_stem().unwrap().to_str().unwrap().to_owned())
            .collect();
    ids.sort();
    assert!(ids.len() >= 7, "DOMAIN.md names seven audiences: {ids:?}");
    ids
}

fn pathway(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pathway-audiences-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An exploring plan, complete for its level, whose communication names `audiences`.
fn plan_naming(audiences: &[&str]) -> String {
    let mut plan = String::from(
        "schema_version: 1
id: audiences-demo
readiness: exploring
organization: {name: Demo District, kind: district}
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
opportunities:
  - {id: lab, title: Lab Classroom, kind: classroom-role, stays_in_classroom: true, unlocked_by: [coach]}
communication:
  audiences:
",
    );
    for audience in audiences {
        plan.push_str(&format!(
            "    - {{audience: {audience}, message: What changes for you.}}\n"
        ));
    }
    plan
}

/// The JSON diagnostics of `pathway validate --format json plan.yaml`.
fn diagnostics(dir: &Path) -> Vec<serde_json::Value> {
    let output = pathway(&["validate", "--format", "json", "plan.yaml"], dir);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|file| file["diagnostics"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn export_help_names_every_file_in_the_folder() {
    let ids = folder_ids();
    let help = text(&pathway(&["export", "--help"], repo_root()));
    let listed = format!(
        "Each audience ({}, or one of your own profiles)",
        ids.join(", ")
    );
    assert!(help.contains(&listed), "expected `{listed}` in:\n{help}");
}

#[test]
fn export_all_writes_one_document_per_file_in_the_folder() {
    let ids = folder_ids();
    let out = scratch("all");
    let output = pathway(
        &[
            "export",
            "examples/juniper-ridge-designing.yaml",
            "--all",
            "--format",
            "md",
            "--quiet",
            "-o",
            out.to_str().unwrap(),
        ],
        repo_root(),
    );
    assert_eq!(output.status.code(), Some(0), "{}", text(&output));
    let written: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .collect();
    let expected: BTreeSet<String> = ids
        .iter()
        .map(|id| format!("juniper-ridge-pathways-{id}.md"))
        .collect();
    assert_eq!(written, expected);
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn export_lists_every_file_in_the_folder_when_the_audience_is_unknown_or_missing() {
    let listed = folder_ids().join(", ");
    let plan = "examples/juniper-ridge-designing.yaml";
    let unknown = text(&pathway(
        &["export", plan, "--audience", "parents"],
        repo_root(),
    ));
    assert!(
        unknown.contains(&format!("Choose from: {listed} (")),
        "{unknown}"
    );
    let missing = text(&pathway(&["export", plan], repo_root()));
    assert!(
        missing.contains(&format!("where ID is one of: {listed}\n")),
        "{missing}"
    );
}

#[test]
fn validate_accepts_every_file_in_the_folder_and_lists_them_for_an_unknown_one() {
    let ids = folder_ids();
    let names: Vec<&str> = ids.iter().map(String::as_str).collect();
    let dir = scratch("validate");
    std::fs::write(dir.join("plan.yaml"), plan_naming(&names)).unwrap();
    let found = diagnostics(&dir);
    assert!(
        found.iter().all(|d| d["code"] != "PW201"),
        "every built-in audience resolves: {found:?}"
    );

    std::fs::write(dir.join("plan.yaml"), plan_naming(&["parents"])).unwrap();
    let found = diagnostics(&dir);
    let dangling: Vec<_> = found.iter().filter(|d| d["code"] == "PW201").collect();
    assert_eq!(dangling.len(), 1, "{found:?}");
    let help = dangling[0]["help"].as_str().unwrap_or_default();
    assert!(
        help.contains(&format!("Audiences: {};", ids.join(", "))),
        "{help}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
