//! The subcommands. Each module parses nothing and prints little: it calls the libraries.

mod export;
mod init;
mod rules;
mod schema;
mod validate;

use std::process::ExitCode;

use clap::Subcommand;

/// The stack of each thread that loads or checks plans: ten times what a debug build needs for
/// a plan nested to the loader's depth limit (the limit, not the stack, is what stops a deeply
/// nested file).
pub const STACK_BYTES: usize = 32 * 1024 * 1024;

/// What `pathway` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Export(export::ExportArgs),
    Validate(validate::ValidateArgs),
    Rules(rules::RulesArgs),
    Explain(rules::ExplainArgs),
    Schema(schema::SchemaArgs),
}

/// Runs a subcommand; `Err` means it could not run (exit status 2).
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(&args),
        Command::Export(args) => export::run(&args),
        Command::Validate(args) => validate::run(&args),
        Command::Rules(args) => rules::list(&args),
        Command::Explain(args) => rules::explain(&args),
        Command::Schema(args) => schema::run(&args),
    }
}
