//! The state rule pack in `examples/state-rule-pack/`, through the binary: the plan validates
//! clean; without one answer it fails naming the state's id and question; `init` and `export`
//! carry the state's points too.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const ID: &str = "high-desert.license-renewal";
const QUESTION: &str = "How do earned micro-credentials count toward license renewal under the state's professional learning rules?";

fn pathway(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap()
}

fn pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/state-rule-pack")
}

/// A copy of the pack in a scratch folder (with a `.git` so that no pathway.toml above it
/// applies), its plan without the answer to `high-desert.license-renewal`.
fn without_an_answer() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::copy(pack().join("pathway.toml"), dir.path().join("pathway.toml")).unwrap();
    let text = std::fs::read_to_string(pack().join("plan.yaml")).unwrap();
    let start = text.find("    license_renewal:").unwrap();
    let end = text.find("    state_reporting:").unwrap();
    let cut = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(dir.path().join("plan.yaml"), cut).unwrap();
    dir
}

#[test]
fn the_pack_validates_clean() {
    let output = pathway(
        &["validate", "--color", "never", "examples/state-rule-pack/"],
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    assert!(output.status.success(), "{output:?}");
}

#[test]
fn a_missing_answer_fails_naming_the_states_id_and_question() {
    let dir = without_an_answer();
    let output = pathway(&["validate", "--color", "never", "plan.yaml"], dir.path());
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "error[PW100]: decision point `{ID}` is not answered: {QUESTION}"
        )),
        "{text}"
    );
    let json = pathway(&["validate", "--format", "json", "plan.yaml"], dir.path());
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let finding = json["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "PW100")
        .unwrap()
        .clone();
    assert_eq!(finding["decision_point"], ID);
    assert_eq!(
        finding["pointer"],
        "/extensions/high-desert/license_renewal"
    );
}

#[test]
fn init_and_export_carry_the_states_points() {
    let dir = without_an_answer();
    let output = pathway(
        &["init", "--level", "designing", "-o", "new.yaml"],
        dir.path(),
    );
    assert!(output.status.success(), "{output:?}");
    let starter = std::fs::read_to_string(dir.path().join("new.yaml")).unwrap();
    assert!(
        starter.contains(&format!("# [{ID}] {QUESTION}")),
        "{starter}"
    );
    assert!(
        starter.contains("    license_renewal: \"TODO: answer the question above\""),
        "{starter}"
    );
    let output = pathway(
        &[
            "export",
            "plan.yaml",
            "--audience",
            "district",
            "--format",
            "md",
            "-o",
            "out",
            "-q",
        ],
        dir.path(),
    );
    assert!(output.status.success(), "{output:?}");
    let document =
        std::fs::read_to_string(dir.path().join("out/sage-creek-pathways-district.md")).unwrap();
    let appendix = &document[document.find("Appendix: Open decisions").unwrap()..];
    assert!(appendix.contains(ID), "{appendix}");
    assert!(appendix.contains(QUESTION), "{appendix}");
}
