//! End-to-end: the `pathway` binary as a user runs it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use pathway_schema::Readiness;
use pathway_schema::decision_points::required_at;

fn pathway(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .unwrap()
}

fn pathway_with_stdin(args: &[&str], input: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(repo_root())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn scratch(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("pathway-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).unwrap();
    directory
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).unwrap()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

#[test]
fn schema_prints_the_committed_file() {
    let output = pathway(&["schema"]);
    assert!(output.status.success());
    let committed =
        std::fs::read_to_string(repo_root().join("schemas/pathway-plan.v1.schema.json")).unwrap();
    assert_eq!(stdout(&output), committed);
}

#[test]
fn init_writes_a_piloting_plan_and_never_overwrites_without_force() {
    let directory = scratch("init");
    let plan = directory.join("plan.yaml");
    let plan_arg = plan.to_str().unwrap();
    let output = pathway(&[
        "init",
        "--level",
        "piloting",
        "--org",
        "Cedar Valley",
        "-o",
        plan_arg,
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(
        text.starts_with("# yaml-language-server: $schema="),
        "modeline on the first line"
    );
    for point in required_at(Readiness::Piloting) {
        assert!(text.contains(point.id), "names {}", point.id);
    }

    std::fs::write(&plan, "my own answers").unwrap();
    let again = pathway(&["init", "--level", "piloting", "-o", plan_arg]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("already exists; use --force"),
        "{}",
        stderr(&again)
    );
    assert_eq!(
        std::fs::read_to_string(&plan).unwrap(),
        "my own answers",
        "the file is left alone"
    );

    let forced = pathway(&["init", "--level", "piloting", "-o", plan_arg, "--force"]);
    assert!(forced.status.success());
    assert_ne!(std::fs::read_to_string(&plan).unwrap(), "my own answers");
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn examples_validate_with_no_errors() {
    let output = pathway(&["validate", "examples"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    // Every plan under examples/, the state rule pack's in its own folder too.
    fn plans(dir: &Path) -> usize {
        std::fs::read_dir(dir)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .map(|path| match path.extension() {
                _ if path.is_dir() => plans(&path),
                Some(ext) if ext == "yaml" => 1,
                _ => 0,
            })
            .sum()
    }
    let count = plans(&repo_root().join("examples"));
    assert!(count >= 4);
    assert!(
        stdout(&output).contains(&format!("{count} plans: 0 errors, 0 warnings")),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_starter_plan_fails_and_names_every_required_decision_point() {
    let starter = stdout(&pathway(&["init", "--level", "piloting"]));
    let output = pathway_with_stdin(&["validate", "--format", "json", "-"], &starter);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    let named: Vec<&str> = report["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "PW100")
        .filter_map(|d| d["decision_point"].as_str())
        .collect();
    for point in required_at(Readiness::Piloting) {
        assert!(named.contains(&point.id), "{} is not reported", point.id);
    }
    assert_eq!(report["version"], 1);
    assert_eq!(report["summary"]["files"], 1);
}

#[test]
fn syntax_errors_fail_with_a_position_in_every_format() {
    let directory = scratch("syntax");
    let plan = directory.join("broken.yaml");
    std::fs::write(
        &plan,
        "schema_version: 1\nid: [unclosed\nreadiness: exploring\n",
    )
    .unwrap();
    let plan_arg = plan.to_str().unwrap();
    // The parser stops on line 3; the finding points at the `[` on line 2 that is never closed.
    for format in ["human", "json", "sarif", "github"] {
        let output = pathway(&["validate", "--format", format, plan_arg]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        let text = stdout(&output);
        let has_position = match format {
            "human" => text.contains("broken.yaml:2:5"),
            "json" => text.contains("\"line\": 2"),
            "sarif" => text.contains("\"startLine\": 2"),
            _ => text.contains("line=2,col=5"),
        };
        assert!(has_position, "{format}: {text}");
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn missing_files_and_bad_flags_exit_2() {
    let missing = pathway(&["validate", "no/such/plan.yaml"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(
        stderr(&missing).contains("no/such/plan.yaml"),
        "{}",
        stderr(&missing)
    );
    let bad_flag = pathway(&["validate", "--format", "xml", "examples"]);
    assert_eq!(bad_flag.status.code(), Some(2));
}

/// A file that cannot be read shows in machine-readable output too, not only on standard error:
/// a CI job reading the JSON or SARIF must not see a clean run.
#[test]
fn missing_files_show_in_json_sarif_and_github_output() {
    let args = |format| {
        [
            "validate",
            "--format",
            format,
            "examples/juniper-ridge-designing.yaml",
            "no/such/plan.yaml",
        ]
    };
    let json = pathway(&args("json"));
    assert_eq!(json.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let problems = report["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{report}");
    assert!(problems[0].as_str().unwrap().contains("no/such/plan.yaml"));
    assert_eq!(report["summary"]["files"], 1);

    let sarif = pathway(&args("sarif"));
    assert_eq!(sarif.status.code(), Some(2));
    let log: serde_json::Value = serde_json::from_str(&stdout(&sarif)).unwrap();
    let invocation = &log["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notification = &invocation["toolExecutionNotifications"][0];
    assert_eq!(notification["level"], "error");
    assert!(
        notification["message"]["text"]
            .as_str()
            .unwrap()
            .contains("no/such/plan.yaml")
    );

    let github = pathway(&args("github"));
    assert_eq!(github.status.code(), Some(2));
    assert!(
        stdout(&github).contains("::error title=pathway::no/such/plan.yaml: cannot read the file"),
        "{}",
        stdout(&github)
    );

    // A run that reads every file says so.
    let clean = |format| -> serde_json::Value {
        let output = pathway(&[
            "validate",
            "--format",
            format,
            "examples/juniper-ridge-designing.yaml",
        ]);
        serde_json::from_str(&stdout(&output)).unwrap()
    };
    assert_eq!(
        clean("sarif")["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    assert_eq!(clean("json")["problems"], serde_json::json!([]));
}

#[test]
fn deny_warnings_turns_warnings_into_failure() {
    let directory = scratch("deny");
    std::fs::write(
        directory.join("pathway.toml"),
        "[rules]\nPW101 = \"warning\"\n",
    )
    .unwrap();
    let plan = directory.join("plan.yaml");
    std::fs::copy(
        repo_root().join("examples/juniper-ridge-designing.yaml"),
        &plan,
    )
    .unwrap();
    let plan_arg = plan.to_str().unwrap();
    assert_eq!(pathway(&["validate", plan_arg]).status.code(), Some(0));
    assert_eq!(
        pathway(&["validate", "--deny", "warnings", plan_arg])
            .status
            .code(),
        Some(1)
    );
    std::fs::write(directory.join("pathway.toml"), "[rules]\nPW999 = \"off\"\n").unwrap();
    let bad_config = pathway(&["validate", plan_arg]);
    assert_eq!(bad_config.status.code(), Some(2));
    assert!(
        stderr(&bad_config).contains("unknown rule `PW999`"),
        "{}",
        stderr(&bad_config)
    );
    std::fs::remove_dir_all(&directory).unwrap();
}

#[test]
fn rules_and_explain() {
    let list = stdout(&pathway(&["rules"]));
    for code in ["PW100", "PW201", "PW202"] {
        assert!(list.contains(code), "{list}");
    }
    let explained = pathway(&["explain", "PW201"]);
    assert!(explained.status.success());
    let text = stdout(&explained);
    assert!(
        text.contains("## What it does") && text.contains("Use instead:"),
        "{text}"
    );
    let unknown = pathway(&["explain", "PW2O1"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        stderr(&unknown).contains("did you mean `PW201`?"),
        "{}",
        stderr(&unknown)
    );
}

/// Regression: plans with schema errors (a negative number of hours, an unknown key) exported
/// all 14 documents. Export now refuses them with validate's findings, exit 1, nothing written.
#[test]
fn export_refuses_a_plan_with_schema_errors_and_writes_nothing() {
    let directory = scratch("export-structure");
    let example =
        std::fs::read_to_string(repo_root().join("examples/juniper-ridge-designing.yaml")).unwrap();
    for (name, broken) in [
        (
            "unknown-key.yaml",
            format!("{example}\nbudget_notes: extra\n"),
        ),
        (
            "negative-hours.yaml",
            format!("{example}\n").replacen("hours: ", "hours: -", 1),
        ),
    ] {
        assert_ne!(broken, example, "{name} is broken");
        let plan = directory.join(name);
        std::fs::write(&plan, &broken).unwrap();
        let out = directory.join("out");
        let export = pathway(&[
            "export",
            plan.to_str().unwrap(),
            "--all",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(export.status.code(), Some(1), "{name}: {}", stderr(&export));
        assert!(
            !out.exists(),
            "{name}: nothing is written, not even the folder"
        );
        let validate = pathway(&["validate", "--color", "never", plan.to_str().unwrap()]);
        assert_eq!(validate.status.code(), Some(1));
        // The same findings, rendered the same way.
        let findings = |text: &str| -> Vec<String> {
            text.split("\n\n")
                .filter(|block| block.contains("error[PW002]"))
                .map(str::to_owned)
                .collect()
        };
        let shown = findings(&stderr(&export));
        assert!(!shown.is_empty(), "{name}: {}", stderr(&export));
        assert_eq!(shown, findings(&stdout(&validate)), "{name}");
    }
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Issue #12 item 5: information findings (decisions for a later level) came interleaved with
/// the errors and warnings. They are summed up after them, or listed after them with
/// --show-info.
#[test]
fn infos_come_after_errors_and_warnings_summed_up_unless_asked_for() {
    let directory = scratch("infos");
    let example =
        std::fs::read_to_string(repo_root().join("examples/juniper-ridge-designing.yaml")).unwrap();
    // A dangling prerequisite near the end (an error), below the PW101 infos' lines.
    let plan = directory.join("plan.yaml");
    std::fs::write(
        &plan,
        example.replacen("hours: ", "prerequisites: [nowhere]\n    hours: ", 1),
    )
    .unwrap();
    let plan_arg = plan.to_str().unwrap();
    let plain = stdout(&pathway(&["validate", "--color", "never", plan_arg]));
    assert!(plain.contains("error[PW201]"), "{plain}");
    assert!(!plain.contains("info[PW101]"), "{plain}");
    assert!(
        plain.contains("6 infos (PW101 decision-point-for-later: 6); add --show-info to list them"),
        "{plain}"
    );
    assert!(plain.find("error[PW201]") < plain.find("6 infos"));
    let full = stdout(&pathway(&[
        "validate",
        "--color",
        "never",
        "--show-info",
        plan_arg,
    ]));
    let first_info = full.find("info[PW101]").unwrap();
    let last_error = full.rfind("error[").unwrap();
    assert!(last_error < first_info, "{full}");
    assert_eq!(full.matches("info[PW101]").count(), 6);
    std::fs::remove_dir_all(&directory).unwrap();
}

/// Runs `pathway` with the colour variables set as given and every other one of them unset, so
/// that the caller's environment (a CI that sets NO_COLOR) cannot change the answer.
fn pathway_in(args: &[&str], environment: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pathway"));
    command.args(args).current_dir(repo_root());
    for name in ["NO_COLOR", "CLICOLOR_FORCE", "CLICOLOR", "TERM"] {
        command.env_remove(name);
    }
    command.envs(environment.iter().copied());
    command.output().unwrap()
}

const BROKEN: &str = "tests/fixtures/invalid/dangling-reference.yaml";

// Regression: colour was decided by NO_COLOR and the terminal alone, so a CI log that asks for
// colour with CLICOLOR_FORCE got none, and TERM=dumb was ignored.
#[test]
fn colour_follows_no_color_clicolor_force_and_dumb_terminals() {
    let coloured = |environment: &[(&str, &str)]| {
        let output = pathway_in(&["validate", BROKEN], environment);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        stdout(&output).contains('\x1b')
    };
    // Not a terminal here: no colour unless forced.
    assert!(!coloured(&[]));
    assert!(coloured(&[("CLICOLOR_FORCE", "1")]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "0")]));
    assert!(!coloured(&[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]));
    let dumb = pathway_in(
        &["validate", "--color", "always", BROKEN],
        &[("TERM", "dumb")],
    );
    assert!(stdout(&dumb).contains('\x1b'), "--color always is always");
}

#[test]
fn quiet_prints_the_findings_and_nothing_else() {
    let loud = pathway_in(&["validate", BROKEN], &[]);
    let quiet = pathway_in(&["validate", "--quiet", BROKEN], &[]);
    assert_eq!(quiet.status.code(), Some(1), "the exit status still tells");
    let (loud, quiet) = (stdout(&loud), stdout(&quiet));
    assert!(loud.contains("1 plan: "), "{loud}");
    assert!(!quiet.contains("1 plan: "), "{quiet}");
    assert!(quiet.contains("error[PW201]"), "{quiet}");
    assert!(
        loud.starts_with(&quiet),
        "quiet is the findings of the full output"
    );

    let out = scratch("quiet-export");
    let export = pathway_in(
        &[
            "export",
            "examples/juniper-ridge-designing.yaml",
            "--all",
            "--quiet",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    assert_eq!(stdout(&export), "");
    assert_eq!(stderr(&export), "");
    let written = std::fs::read_dir(&out).unwrap().count();
    let audiences = std::fs::read_dir(repo_root().join("crates/pathway-schema/audiences"))
        .unwrap()
        .filter(|entry| {
            entry
                .as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count();
    assert_eq!(written, audiences * 2, "every audience, .md and .docx");
    std::fs::remove_dir_all(&out).unwrap();
}

// Regression: a missing file printed "0 plans: 0 errors, 0 warnings, 0 infos" above the error.
#[test]
fn a_missing_file_gets_its_error_alone() {
    let output = pathway_in(&["validate", "no-such-plan.yaml"], &[]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("no-such-plan.yaml"),
        "{}",
        stderr(&output)
    );
}

// Regression: clap's "the following required arguments were not provided: --audience <ID>"
// never mentioned --all.
#[test]
fn export_without_an_audience_suggests_all_and_names_the_audiences() {
    let output = pathway_in(&["export", "examples/juniper-ridge-designing.yaml"], &[]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("--all"), "{message}");
    assert!(message.contains("--audience ID"), "{message}");
    assert!(message.contains("school-board"), "{message}");
}

// Regression: `templates = "..."` in pathway.toml was read but neither command used it, so a
// plan that writes for its own audience validated only with --templates on every machine.
#[test]
fn the_templates_folder_named_in_pathway_toml_is_used_by_validate_and_export() {
    let folder = scratch("configured-templates");
    std::fs::create_dir_all(folder.join("profiles")).unwrap();
    let union =
        std::fs::read_to_string(repo_root().join("crates/pathway-schema/audiences/union.yaml"))
            .unwrap();
    std::fs::write(
        folder.join("profiles/parents.yaml"),
        union.replacen("id: union", "id: parents", 1),
    )
    .unwrap();
    let plan = std::fs::read_to_string(repo_root().join("examples/juniper-ridge-designing.yaml"))
        .unwrap()
        .replacen("    - audience: district", "    - audience: parents", 1);
    std::fs::write(folder.join("plan.yaml"), plan).unwrap();
    let path = folder.join("plan.yaml");
    let path = path.to_str().unwrap();

    // Without the configuration, `parents` is an audience no profile has.
    let unknown = pathway_in(&["validate", path], &[]);
    assert_eq!(unknown.status.code(), Some(1), "{}", stdout(&unknown));
    assert!(stdout(&unknown).contains("parents"), "{}", stdout(&unknown));

    std::fs::write(folder.join("pathway.toml"), "templates = \"profiles\"\n").unwrap();
    let known = pathway_in(&["validate", path], &[]);
    assert_eq!(known.status.code(), Some(0), "{}", stdout(&known));

    let out = folder.join("out");
    let export = pathway_in(
        &[
            "export",
            path,
            "--audience",
            "parents",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        &[],
    );
    assert_eq!(export.status.code(), Some(0), "{}", stderr(&export));
    assert!(out.join("juniper-ridge-pathways-parents.md").is_file());
    std::fs::remove_dir_all(&folder).unwrap();
}

// Regression: pre-commit names every staged YAML and JSON file, and a named file is always
// checked, so the hook reported a commit's package.json as a broken plan.
#[test]
fn plans_only_skips_named_files_that_are_not_plans() {
    let folder = scratch("plans-only");
    std::fs::write(folder.join("package.json"), "{\"name\": \"x\"}\n").unwrap();
    let package = folder.join("package.json");
    let plan = "examples/juniper-ridge-designing.yaml";
    let named = pathway_in(&["validate", plan, package.to_str().unwrap()], &[]);
    assert_eq!(named.status.code(), Some(1), "a named file is checked");
    let only = pathway_in(
        &["validate", "--plans-only", plan, package.to_str().unwrap()],
        &[],
    );
    assert_eq!(only.status.code(), Some(0), "{}", stdout(&only));
    let text = stdout(&only);
    assert!(text.contains("1 plan: 0 errors"), "{text}");
    assert!(text.contains("skipped 1 file that is not a plan"), "{text}");
    std::fs::remove_dir_all(&folder).unwrap();
}

/// Regression: once findings were written plan by plan, a write that fails part way (a full
/// disk) must still end the run with status 2 and say why, in every format.
#[cfg(target_os = "linux")]
#[test]
fn a_full_standard_output_is_an_error_in_every_format() {
    for format in ["human", "json", "sarif", "github"] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let output = Command::new(env!("CARGO_BIN_EXE_pathway"))
            .args(["validate", "--format", format, "examples"])
            .current_dir(repo_root())
            .stdout(Stdio::from(full))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(2), "{format}");
        assert!(
            stderr(&output).contains("cannot write the findings to standard output"),
            "{format}: {}",
            stderr(&output)
        );
    }
}
