//! `pathway schema`: print the plan format's JSON Schema.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::output::{Overwrite, print, write_atomically};

/// Print the JSON Schema of the plan format (draft 2020-12).
///
/// The same file is published as schemas/pathway-plan.v1.schema.json. Point editors or other
/// validators at it to check plans without Pathway Kit.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let text = pathway_schema::schema::plan_schema_text();
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes(), Overwrite::Allow)?,
        None => print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}
