//! `gen-plan`: prints a synthetic plan, or writes many. Run it as `bench/gen-plan`.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
Usage: bench/gen-plan --credentials N [--seed S] [--count K --out-dir DIR]

Prints a complete, valid plan in YAML built around N credentials, the same for the same seed
(default 1). With --count and --out-dir, writes K plans, seeds S to S+K-1, as
DIR/plan-<seed>.yaml instead.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut credentials = None;
    let mut seed = 1u64;
    let mut count = None;
    let mut out_dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{arg} needs a value"));
        match arg.as_str() {
            "--credentials" => credentials = Some(number(&value()?)?),
            "--seed" => seed = number(&value()?)?,
            "--count" => count = Some(number(&value()?)?),
            "--out-dir" => out_dir = Some(PathBuf::from(value()?)),
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument `{other}`")),
        }
    }
    let credentials = usize::try_from(credentials.ok_or("--credentials is required")?)
        .map_err(|e| e.to_string())?;
    match (count, out_dir) {
        (None, None) => std::io::stdout()
            .lock()
            .write_all(pathway_bench::generate_plan(credentials, seed).as_bytes())
            .map_err(|error| format!("cannot write the plan: {error}")),
        (Some(count), Some(dir)) => {
            std::fs::create_dir_all(&dir)
                .map_err(|error| format!("cannot create {}: {error}", dir.display()))?;
            for seed in seed..seed.saturating_add(count) {
                let path = dir.join(format!("plan-{seed}.yaml"));
                std::fs::write(&path, pathway_bench::generate_plan(credentials, seed))
                    .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
            }
            Ok(())
        }
        _ => Err("--count and --out-dir go together".to_owned()),
    }
}

fn number(text: &str) -> Result<u64, String> {
    text.parse()
        .map_err(|_| format!("`{text}` is not a whole number"))
}
