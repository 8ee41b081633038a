//! `pathway completions`: the shell completion script for `pathway`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Where each shell looks for completion scripts, for the help.
const INSTALL: &str = "\
Install it where your shell looks for completions, then start a new shell:
  bash        pathway completions bash > ~/.local/share/bash-completion/completions/pathway
  zsh         pathway completions zsh > ~/.zfunc/_pathway
              (with `fpath+=~/.zfunc` before `compinit` in ~/.zshrc)
  fish        pathway completions fish > ~/.config/fish/completions/pathway.fish
  PowerShell  pathway completions powershell >> $PROFILE
  elvish      pathway completions elvish >> ~/.config/elvish/rc.elv";

/// Print the script that completes pathway's commands, options and values in a shell.
///
/// Commands, options and the words options take (such as those of --format and --level)
/// complete as you type.
#[derive(Debug, Args)]
#[command(after_long_help = INSTALL)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    shell: Shell,
}

pub fn run(args: &CompletionsArgs) -> anyhow::Result<ExitCode> {
    let mut command = crate::Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "pathway", &mut script);
    std::io::stdout()
        .lock()
        .write_all(&script)
        .context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
