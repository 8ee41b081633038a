//! `pathway`: write, check and publish educator career-pathway plans.

mod commands;
mod output;

use std::process::ExitCode;

use clap::Parser;

use commands::Command;

/// Write, check and publish educator career-pathway plans.
///
/// A plan is a YAML or JSON file that says how a district or state gives educators a
/// constellation of growth opportunities, reached by earning micro-credentials.
#[derive(Debug, Parser)]
#[command(name = "pathway", version, about, long_about, max_term_width = 100)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli.command) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(2)
        }
    }
}
