//! The subcommands. Each module parses nothing and prints little: it calls the libraries.

mod completions;
mod export;
mod init;
mod report;
mod rules;
mod schema;
mod validate;

// The manual pages in docs/man/ are generated from the commands; this checks them.
#[cfg(test)]
mod man_pages;

use std::process::ExitCode;

use clap::Subcommand;

/// What `pathway` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Export(export::ExportArgs),
    Validate(validate::ValidateArgs),
    Report(report::ReportArgs),
    Rules(rules::RulesArgs),
    Explain(rules::ExplainArgs),
    Schema(schema::SchemaArgs),
    Completions(completions::CompletionsArgs),
}

/// Runs a subcommand; `Err` means it could not run (exit status 2).
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain(args) => rules::explain(&args),
        Command::Schema(args) => schema::run(&args),
        Command::Completions(args) => completions::run(&args),
    }
}
