//! End-to-end through the binary, for what users set up once and rely on every run: their own
//! audience profiles (`--templates`), a configuration file named on the command line
//! (`--config`), per-folder `[[overrides]]`, inline `# pathway-allow` suppressions, the formats
//! `export` writes (`--format`) and colour (`--color`). Each test compares the run with the
//! setting against the run without it, so it fails when the setting stops having its effect.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// An exploring plan, complete for its level, with one warning: the credential `orphan`
/// unlocks nothing (PW204 orphan-credential, on line 15). It names the audience `parents`,
/// which no built-in profile has.
const PLAN: &str = "\
schema_version: 1
id: e2e-demo
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
  - {id: orphan, title: Orphan, hours: 5}
opportunities:
  - {id: lab, title: Lab Classroom, kind: classroom-role, stays_in_classroom: true, unlocked_by: [coach]}
communication:
  audiences:
    - {audience: parents, message: What changes in your child's classroom.}
";

const ORPHAN_LINE: usize = 15;

fn pathway(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(args)
        .current_dir(dir)
        .env_remove("NO_COLOR")
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

/// A fresh folder holding the plan as plan.yaml.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("pathway-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("plan.yaml"), PLAN).unwrap();
    dir
}

/// The codes of the findings in a JSON report, with their line.
fn findings(output: &Output) -> Vec<(String, u64)> {
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|file| file["diagnostics"].as_array().unwrap().clone())
        .filter(|d| d["code"] != "PW101")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A profile for the audience `parents`: the built-in union profile under another id.
fn parents_profile(dir: &Path) -> PathBuf {
    let profiles = dir.join("profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    let union = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/pathway-schema/audiences/union.yaml"),
    )
    .unwrap();
    let parents = union.replacen("id: union", "id: parents", 1).replacen(
        "audience: Union leadership",
        "audience: Parents",
        1,
    );
    assert_ne!(parents, union);
    std::fs::write(profiles.join("parents.yaml"), parents).unwrap();
    profiles
}

#[test]
fn templates_add_audiences_to_validate_and_export() {
    let dir = folder("templates");
    let without = pathway(&["validate", "--format", "json", "plan.yaml"], &dir);
    assert!(
        findings(&without).iter().any(|(code, _)| code == "PW201"),
        "`parents` should not resolve without the profile: {}",
        text(&without)
    );
    let profiles = parents_profile(&dir);
    let with = pathway(
        &[
            "validate",
            "--format",
            "json",
            "--templates",
            profiles.to_str().unwrap(),
            "plan.yaml",
        ],
        &dir,
    );
    assert_eq!(
        findings(&with),
        [("PW204".to_owned(), ORPHAN_LINE as u64)],
        "{}",
        text(&with)
    );
    let out = dir.join("out");
    let export = pathway(
        &[
            "export",
            "plan.yaml",
            "--templates",
            profiles.to_str().unwrap(),
            "--audience",
            "parents",
            "--format",
            "md",
            "-o",
            out.to_str().unwrap(),
        ],
        &dir,
    );
    assert_eq!(export.status.code(), Some(0), "{}", text(&export));
    let written = std::fs::read_to_string(out.join("e2e-demo-parents.md")).unwrap();
    assert!(written.starts_with("# "), "{written}");
    let unknown = pathway(&["export", "plan.yaml", "--audience", "parents"], &dir);
    assert_eq!(unknown.status.code(), Some(2), "{}", text(&unknown));
    assert!(text(&unknown).contains("there is no audience profile `parents`"));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_config_file_named_on_the_command_line_applies_and_is_named() {
    let dir = folder("config");
    let profiles = parents_profile(&dir);
    std::fs::write(
        dir.join("strict.toml"),
        format!(
            "templates = \"{}\"\n[rules]\norphan-credential = \"error\"\n",
            profiles.display()
        ),
    )
    .unwrap();
    let plain = pathway(&["validate", "plan.yaml", "--templates", "profiles"], &dir);
    assert_eq!(plain.status.code(), Some(0), "{}", text(&plain));
    let strict = pathway(&["validate", "--config", "strict.toml", "plan.yaml"], &dir);
    assert_eq!(strict.status.code(), Some(1), "{}", text(&strict));
    let said = text(&strict);
    assert!(said.contains("error[PW204]"), "{said}");
    assert!(
        said.contains("strict.toml"),
        "the file that applied is named: {said}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn overrides_apply_to_the_paths_they_name_only() {
    let dir = folder("overrides");
    std::fs::create_dir_all(dir.join("archive")).unwrap();
    std::fs::write(dir.join("archive/plan.yaml"), PLAN).unwrap();
    std::fs::write(
        dir.join("pathway.toml"),
        "[rules]\ndangling-reference = \"off\"\n\n[[overrides]]\npaths = [\"archive/**\"]\nrules = { PW204 = \"off\" }\n",
    )
    .unwrap();
    let run = pathway(
        &[
            "validate",
            "--format",
            "json",
            "plan.yaml",
            "archive/plan.yaml",
        ],
        &dir,
    );
    let report: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let codes = |index: usize| -> Vec<String> {
        report["files"][index]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .filter(|code| code != "PW101")
            .collect()
    };
    assert_eq!(report["files"][0]["path"], "plan.yaml");
    assert_eq!(codes(0), ["PW204"], "{}", text(&run));
    assert_eq!(report["files"][1]["path"], "archive/plan.yaml");
    assert!(codes(1).is_empty(), "{}", text(&run));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn inline_suppressions_silence_their_line_and_need_a_reason() {
    let dir = folder("suppress");
    std::fs::write(
        dir.join("pathway.toml"),
        "[rules]\ndangling-reference = \"off\"\n",
    )
    .unwrap();
    let with_comment = |comment: &str| {
        PLAN.replacen(
            "  - {id: orphan, title: Orphan, hours: 5}",
            &format!("  - {{id: orphan, title: Orphan, hours: 5}}  {comment}"),
            1,
        )
    };
    let check = |plan: String| {
        std::fs::write(dir.join("plan.yaml"), plan).unwrap();
        findings(&pathway(
            &["validate", "--format", "json", "plan.yaml"],
            &dir,
        ))
    };
    let line = ORPHAN_LINE as u64;
    assert_eq!(check(PLAN.to_owned()), [("PW204".to_owned(), line)]);
    assert!(check(with_comment("# pathway-allow PW204: kept for next year")).is_empty());
    assert!(
        check(with_comment(
            "# pathway-allow orphan-credential: kept for next year"
        ))
        .is_empty()
    );
    assert_eq!(
        check(with_comment("# pathway-allow PW204")),
        [("PW204".to_owned(), line), ("PW003".to_owned(), line)],
        "a suppression without a reason silences nothing and is reported"
    );
    assert_eq!(
        check(with_comment("# pathway-allow PW202: wrong rule")),
        [("PW204".to_owned(), line), ("PW003".to_owned(), line)]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn export_writes_the_formats_asked_for() {
    let dir = folder("formats");
    let profiles = parents_profile(&dir);
    let export = |formats: &[&str]| -> Vec<String> {
        let out = dir.join(format!("out-{}", formats.join("-")));
        let mut args = vec![
            "export",
            "plan.yaml",
            "--templates",
            profiles.to_str().unwrap(),
            "--audience",
            "union",
            "-o",
            out.to_str().unwrap(),
        ];
        for format in formats {
            args.extend(["--format", format]);
        }
        let run = pathway(&args, &dir);
        assert_eq!(run.status.code(), Some(0), "{}", text(&run));
        let mut names: Vec<String> = std::fs::read_dir(&out)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(export(&["md"]), ["e2e-demo-union.md"]);
    assert_eq!(export(&["docx"]), ["e2e-demo-union.docx"]);
    let both = ["e2e-demo-union.docx", "e2e-demo-union.md"];
    assert_eq!(export(&["docx", "md"]), both);
    assert_eq!(export(&["md,docx"]), both);
    assert_eq!(export(&[]), both, "without --format, every format");
    let bad = pathway(&["export", "plan.yaml", "--all", "--format", "pdf"], &dir);
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad).contains("[possible values: md, docx]"),
        "{}",
        text(&bad)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn color_is_what_the_flag_says() {
    let dir = folder("color");
    let run = |args: &[&str]| {
        let mut all = vec!["validate", "plan.yaml"];
        all.extend(args);
        text(&pathway(&all, &dir))
    };
    let always = run(&["--color", "always"]);
    assert!(always.contains("\u{1b}["), "{always}");
    let never = run(&["--color", "never"]);
    assert!(!never.contains('\u{1b}'), "{never}");
    // Output to a pipe, as here, is plain unless asked for.
    let auto = run(&[]);
    assert!(!auto.contains('\u{1b}'), "{auto}");
    // The words are the same either way.
    let stripped: String = {
        let mut out = String::new();
        let mut chars = always.chars();
        while let Some(c) = chars.next() {
            if c == '\u{1b}' {
                for c in chars.by_ref() {
                    if c.is_ascii_alphabetic() {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    };
    assert_eq!(stripped, never);
    std::fs::remove_dir_all(&dir).unwrap();
}
