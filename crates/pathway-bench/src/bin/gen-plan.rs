//! `gen-plan`: prints a synthetic plan, or writes many. Run it as `bench/gen-plan`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
Usage: bench/gen-plan --credentials N [--seed S] [--json] [--count K --out-dir DIR]

Prints a complete, valid plan in YAML built around N credentials, the same for the same seed
(default 1); with --json, the same plan as JSON. With --count and --out-dir, writes K plans,
seeds S to S+K-1, as DIR/plan-<seed>.yaml (or .json) instead.";

/// Why gen-plan stopped.
enum Failure {
    /// The command line is wrong: say so, with the usage.
    Usage(String),
    /// Something could not be written.
    Io(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Usage(message)
    }
}

impl From<&str> for Failure {
    fn from(message: &str) -> Self {
        Failure::Usage(message.to_owned())
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
        Err(Failure::Io(message)) => {
            eprintln!("error: {message}");
            ExitCode::from(1)
        }
    }
}

fn run() -> Result<(), Failure> {
    let mut credentials = None;
    let mut seed = 1u64;
    let mut count = None;
    let mut out_dir = None;
    let mut json = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--credentials" => credentials = Some(number(&value()?)?),
            "--seed" => seed = number(&value()?)?,
            "--count" => count = Some(number(&value()?)?),
            "--out-dir" => out_dir = Some(PathBuf::from(value()?)),
            "--json" => json = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`").into()),
        }
    }
    let credentials = usize::try_from(credentials.ok_or("--credentials is required")?)
        .map_err(|e| e.to_string())?;
    let plan = |seed: u64| -> Result<String, Failure> {
        let yaml = pathway_bench::generate_plan(credentials, seed);
        if json {
            pathway_bench::as_json(&yaml)
                .map_err(|error| Failure::Io(format!("cannot write the plan as JSON: {error}")))
        } else {
            Ok(yaml)
        }
    };
    let extension = if json { "json" } else { "yaml" };
    match (count, out_dir) {
        (None, None) => {
            let written = std::io::stdout().lock().write_all(plan(seed)?.as_bytes());
            match written {
                // `bench/gen-plan ... | head` closes the pipe early: nothing is wrong.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                Err(error) => Err(Failure::Io(format!("cannot write the plan: {error}"))),
                Ok(()) => Ok(()),
            }
        }
        (Some(count), Some(dir)) => {
            std::fs::create_dir_all(&dir).map_err(|error| {
                Failure::Io(format!("cannot create {}: {error}", dir.display()))
            })?;
            for seed in seed..seed.saturating_add(count) {
                let path = dir.join(format!("plan-{seed}.{extension}"));
                std::fs::write(&path, plan(seed)?).map_err(|error| {
                    Failure::Io(format!("cannot write {}: {error}", path.display()))
                })?;
            }
            Ok(())
        }
        _ => Err("--count and --out-dir go together".into()),
    }
}

fn number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a whole number"))
}
