//! The copy of the schema that a starter plan's first line points editors at: written by
//! `pathway init` beside the plan, refreshed by `pathway schema --write`, never clobbered.
//! tools/check-editor drives a real editor language server against it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn pathway_in(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(folder)
        .output()
        .unwrap()
}

fn scratch(name: &str) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("pathway-copy-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn published_schema() -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/pathway-plan.v1.schema.json"),
    )
    .unwrap()
}

/// The path the first line of a plan points editors at, resolved from the plan's folder as
/// yaml-language-server resolves it.
fn modeline_target(plan: &Path) -> PathBuf {
    let text = std::fs::read_to_string(plan).unwrap();
    let first = text.lines().next().unwrap();
    let location = first
        .strip_prefix("# yaml-language-server: $schema=")
        .unwrap_or_else(|| panic!("no modeline: {first}"));
    plan.parent().unwrap().join(location)
}

#[test]
fn init_puts_the_schema_where_the_plan_points_editors() {
    let folder = scratch("init");
    std::fs::create_dir(folder.join("plans")).unwrap();
    let output = pathway_in(
        &folder,
        &["init", "--level", "designing", "-o", "plans/district.yaml"],
    );
    assert!(output.status.success(), "{}", stderr(&output));
    let plan = folder.join("plans/district.yaml");
    let target = modeline_target(&plan);
    assert_eq!(
        target,
        folder.join("plans/.pathway/pathway-plan.v1.schema.json")
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        published_schema()
    );
    assert!(stderr(&output).contains("plans/.pathway/pathway-plan.v1.schema.json"));

    // A second plan in the same folder shares the copy, and says nothing of it.
    let second = pathway_in(
        &folder,
        &["init", "--level", "exploring", "-o", "plans/other.yaml"],
    );
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(!stderr(&second).contains(".pathway"), "{}", stderr(&second));
    assert_eq!(modeline_target(&folder.join("plans/other.yaml")), target);
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn init_keeps_a_different_copy_and_schema_write_refreshes_it() {
    let folder = scratch("refresh");
    let copy = folder.join(".pathway/pathway-plan.v1.schema.json");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    let earlier = r#"{"$id": "https://pathway-kit.org/schemas/pathway-plan.v1.schema.json"}"#;
    std::fs::write(&copy, earlier).unwrap();

    let output = pathway_in(&folder, &["init", "-o", "plan.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), earlier, "kept");
    assert!(
        stderr(&output).contains("pathway schema --write .pathway"),
        "{}",
        stderr(&output)
    );

    let refreshed = pathway_in(&folder, &["schema", "--write", ".pathway"]);
    assert!(refreshed.status.success(), "{}", stderr(&refreshed));
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), published_schema());
    let leftovers: Vec<_> = std::fs::read_dir(copy.parent().unwrap())
        .unwrap()
        .map(|entry| entry.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        1,
        "no temporary file is left: {leftovers:?}"
    );
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn schema_write_never_replaces_a_file_that_is_not_a_plan_schema() {
    let folder = scratch("clobber");
    let copy = folder.join("pathway-plan.v1.schema.json");
    std::fs::write(&copy, "my notes").unwrap();
    let output = pathway_in(&folder, &["schema", "--write", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("left alone"),
        "{}",
        stderr(&output)
    );
    assert_eq!(std::fs::read_to_string(&copy).unwrap(), "my notes");
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn a_schema_named_on_the_command_line_gets_no_copy() {
    let folder = scratch("named");
    let url = "https://example.org/pathway-plan.v1.schema.json";
    let output = pathway_in(&folder, &["init", "--schema", url, "-o", "plan.yaml"]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(folder.join("plan.yaml")).unwrap();
    assert!(text.starts_with(&format!("# yaml-language-server: $schema={url}\n")));
    assert!(!folder.join(".pathway").exists());
    std::fs::remove_dir_all(&folder).unwrap();
}

#[test]
fn a_plan_on_standard_output_says_how_to_get_the_schema() {
    let folder = scratch("stdout");
    let output = pathway_in(&folder, &["init"]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(
        String::from_utf8_lossy(&output.stdout)
            .starts_with("# yaml-language-server: $schema=.pathway/pathway-plan.v1.schema.json\n")
    );
    assert!(
        stderr(&output).contains("pathway schema --write .pathway"),
        "{}",
        stderr(&output)
    );
    assert!(!folder.join(".pathway").exists(), "nothing written");
    std::fs::remove_dir_all(&folder).unwrap();
}
