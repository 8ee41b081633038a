//! `parse-only FILE`: reads a YAML file with the parser `pathway` uses and nothing else: the
//! event parser (granit-parser, through serde-saphyr, which `pathway`'s loader drives directly for
//! plain plans), each event read and dropped. No tree, no schema, no rules. `bench/compare` times
//! it as the floor that validating the same file is measured against.

use std::process::ExitCode;

fn main() -> ExitCode {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: parse-only FILE.yaml");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) => {
            eprintln!("error: cannot read {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let options = serde_saphyr::granit_parser::options! { emit_comments: false };
    let mut events = 0usize;
    for event in serde_saphyr::granit_parser::Parser::new_from_str_with_options(&text, options) {
        if let Err(error) = event {
            eprintln!("error: {path}: {error}");
            return ExitCode::from(1);
        }
        events += 1;
    }
    if events == 0 {
        eprintln!("error: {path}: no YAML events");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
