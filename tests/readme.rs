//! The README shows each command's `--help`; this test fails when the help and the README
//! disagree. `UPDATE_GENERATED=1 cargo test` rewrites the README's help blocks.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;
use std::process::Command;

fn help(command: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args([command, "--help"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
    lines.join("\n").trim_end().to_owned()
}

/// Replaces the text between `<!-- help: NAME -->` and `<!-- /help -->` with a fenced block of
/// the command's help.
fn with_help_blocks(readme: &str) -> String {
    let mut out = String::new();
    let mut rest = readme;
    while let Some(start) = rest.find("<!-- help: ") {
        let (before, from) = rest.split_at(start);
        out.push_str(before);
        let name_end = from.find(" -->").unwrap();
        let name = &from["<!-- help: ".len()..name_end];
        let end = from.find("<!-- /help -->").unwrap();
        out.push_str(&format!(
            "<!-- help: {name} -->\n\n```text\n$ pathway {name} --help\n{}\n```\n\n",
            help(name)
        ));
        out.push_str("<!-- /help -->");
        rest = &from[end + "<!-- /help -->".len()..];
    }
    out.push_str(rest);
    out
}

#[test]
fn readme_help_matches_the_binary() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let expected = with_help_blocks(&readme);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        readme == expected,
        "README.md's command help is out of date: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
}

#[test]
fn every_command_has_a_help_block_in_the_readme() {
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).unwrap();
    let top = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .arg("--help")
        .output()
        .unwrap();
    let top = String::from_utf8(top.stdout).unwrap();
    let commands = top
        .lines()
        .skip_while(|line| !line.starts_with("Commands:"))
        .skip(1)
        .take_while(|line| line.starts_with("  "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|name| *name != "help");
    for name in commands {
        assert!(
            readme.contains(&format!("<!-- help: {name} -->")),
            "README has no help block for `{name}`"
        );
    }
}

/// Regression: the README's test command stopped at the first failing test file (cargo's
/// default), so one failure hid every later file's results; and the README and CI could drift.
/// Every `cargo test --workspace` the README shows is the one `.ci/run` runs, less `--locked`,
/// and it goes on past a failing file.
#[test]
fn readme_test_command_is_the_one_ci_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf();
    let ci = std::fs::read_to_string(root.join(".ci/run")).unwrap();
    let ci_commands: Vec<&str> = ci
        .lines()
        .map(str::trim)
        .filter(|line| line.starts_with("cargo test"))
        .collect();
    assert_eq!(
        ci_commands.len(),
        1,
        ".ci/run runs one cargo test: {ci_commands:?}"
    );
    let ci_command = ci_commands[0];
    assert!(
        ci_command
            .split_whitespace()
            .any(|word| word == "--no-fail-fast"),
        ".ci/run must not stop at the first failing test file: {ci_command}"
    );
    let expected: Vec<&str> = ci_command
        .split_whitespace()
        .filter(|word| *word != "--locked")
        .collect();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let mut shown = 0;
    for (at, _) in readme.match_indices("cargo test --workspace") {
        // A command ends at the end of its line or of its inline code span.
        let rest = &readme[at..];
        let end = rest.find(['\n', '`']).unwrap_or(rest.len());
        let words: Vec<&str> = rest[..end].split_whitespace().collect();
        assert_eq!(
            words,
            expected,
            "README.md shows `{}`, .ci/run runs `{ci_command}`",
            &rest[..end]
        );
        shown += 1;
    }
    assert!(
        shown >= 2,
        "the README shows the test command in Quick start and Development"
    );
}
