//! `pathway completions SHELL`: scripts a shell loads, completing what the binary accepts.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::process::Command;

fn completions(shell: &str) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["completions", shell])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// What bash offers after `words` (the last one being completed), with the script loaded.
fn bash_offers(script: &str, words: &[&str]) -> Vec<String> {
    let line = words.join(" ");
    let program = format!(
        "{script}\nCOMP_WORDS=({line}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; \
         _pathway pathway \"${{COMP_WORDS[COMP_CWORD]}}\" \"${{COMP_WORDS[COMP_CWORD-1]}}\"; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        words.len() - 1
    );
    let output = Command::new("bash")
        .args(["--norc", "--noprofile", "-c", &program])
        .output()
        .expect("bash runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect()
}

#[test]
fn bash_completes_commands_options_and_their_words() {
    let script = completions("bash");
    let commands = bash_offers(&script, &["pathway", ""]);
    for command in ["init", "validate", "export", "schema", "completions"] {
        assert!(
            commands.iter().any(|c| c == command),
            "{command}: {commands:?}"
        );
    }
    let options = bash_offers(&script, &["pathway", "validate", "--f"]);
    assert_eq!(options, ["--format"]);
    let formats = bash_offers(&script, &["pathway", "validate", "--format", ""]);
    assert_eq!(formats, ["human", "json", "sarif", "github"]);
    let levels = bash_offers(&script, &["pathway", "init", "--level", "p"]);
    assert_eq!(levels, ["piloting"]);
}

#[test]
fn every_shell_gets_a_script_naming_the_commands() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = completions(shell);
        assert!(
            script.contains("validate") && script.contains("export"),
            "{shell}"
        );
    }
}

#[test]
fn an_unknown_shell_is_a_usage_error_that_lists_the_shells() {
    let output = Command::new(env!("CARGO_BIN_EXE_pathway"))
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(
        message.contains("bash") && message.contains("zsh") && message.contains("fish"),
        "{message}"
    );
}
