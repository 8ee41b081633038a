//! The subcommands. Each module parses nothing and prints little: it calls the libraries.

mod init;
mod schema;

use std::process::ExitCode;

use clap::Subcommand;

/// What `pathway` can do.
#[derive(Debug, Subcommand)]
pub enum Command {
    Init(init::InitArgs),
    Schema(schema::SchemaArgs),
}

/// Runs a subcommand; `Err` means it could not run (exit status 2).
pub fn run(command: Command) -> anyhow::Result<ExitCode> {
    match command {
        Command::Init(args) => init::run(&args),
        Command::Schema(args) => schema::run(&args),
    }
}
