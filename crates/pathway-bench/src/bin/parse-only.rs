//! `parse-only FILE`: reads a YAML file with the parser `pathway` uses (serde-saphyr) and nothing
//! else: no tree, no schema, no rules. `bench/compare` times it as the floor that validating the
//! same file is measured against.

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
    // The budget `pathway` sets, raised out of the way: this measures parsing, not limits.
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_nodes: usize::MAX,
            max_events: usize::MAX,
            max_reader_input_bytes: None,
        },
    };
    match serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(&text, options) {
        Ok(_) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {path}: {error}");
            ExitCode::from(1)
        }
    }
}
