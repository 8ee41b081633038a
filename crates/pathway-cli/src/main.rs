//! `pathway`: write, check and publish educator career-pathway plans.

mod commands;
mod interrupt;
mod neutral;
mod output;
mod terminal;
mod walk;

use std::process::ExitCode;

use clap::Parser;

use commands::Command;

/// mimalloc, not the system's allocator: a plan becomes a tree of many small strings and lists,
/// typed into many more, indexed, and (in a batch) freed; with glibc's malloc, allocating and
/// freeing were over a quarter of the instructions of checking a statewide plan. Built without
/// transparent huge pages (feature `no_thp`): with them, a statewide plan's peak memory rose by
/// a third, past ten times its size.
#[cfg(unix)]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
    let (watcher, done) = interrupt::Watcher::new();
    // Parsing and checking recurse once per level of a plan's nesting. The nesting limit keeps
    // that bounded, but a debug build needs about 3 MiB of stack at the limit, more than a
    // spawned thread's default 2 MiB and close to what `ulimit -s` may leave the main thread.
    let work = std::thread::Builder::new()
        .name("pathway".to_owned())
        .stack_size(pathway_validate::parallel::STACK_BYTES)
        .spawn(move || {
            let _done = done;
            commands::run(cli.command)
        });
    if work.is_ok() {
        watcher.wait();
    }
    let result = match work {
        Ok(handle) => match handle.join() {
            Ok(result) => result,
            // The panic message is already printed; exit as an unhandled panic would.
            Err(_) => return ExitCode::from(101),
        },
        Err(error) => Err(anyhow::Error::new(error).context("cannot start a thread")),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            neutral::print_error(&format!("{error:#}"));
            ExitCode::from(2)
        }
    }
}
