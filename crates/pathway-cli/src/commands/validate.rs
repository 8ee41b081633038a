//! `pathway validate`: check plans for missing decisions and contradictions.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use pathway_export::profile::Profiles;
use pathway_schema::load::{Limits, read};
use pathway_validate::config::{Config, RuleSettings, discover};
use pathway_validate::render::human::{HumanOptions, render_file, render_summary};
use pathway_validate::render::{Summary, github, json, sarif};
use pathway_validate::{FileReport, Options, check_source};

/// Check plans for unanswered decision points and contradictions.
///
/// PATH may be a plan file (.yaml, .yml or .json), a directory (every plan file under it), or -
/// for standard input. Exit status: 0 when no plan has an error, 1 when some plan has an error
/// (or a warning, with --deny warnings), 2 when a file cannot be read or the command is misused.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Plan files or directories to check; - reads a plan from standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Also fail (exit 1) when there are warnings.
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Option<Deny>,
    /// Use this configuration file instead of the pathway.toml found next to each plan or above it.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// The largest plan file accepted, in bytes; suffixes K, M and G (powers of 1024) work.
    #[arg(long, value_name = "SIZE", default_value = "32M", value_parser = parse_size)]
    max_input_size: usize,
    /// A folder of audience profiles (*.yaml), as for `pathway export`: plans may name these
    /// audiences too.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OutputFormat {
    /// For people: each finding with its source line, then a summary.
    Human,
    /// One JSON document (see the README for its shape).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands, which annotate pull requests.
    Github,
}

/// What else fails a run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run as errors do.
    Warnings,
}

/// When to use colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Parses `32M`, `1G`, `500K` or a plain number of bytes.
pub fn parse_size(text: &str) -> Result<usize, String> {
    let text = text.trim();
    let (digits, multiplier) = match text.char_indices().last() {
        Some((i, 'K' | 'k')) => (text.get(..i).unwrap_or_default(), 1024),
        Some((i, 'M' | 'm')) => (text.get(..i).unwrap_or_default(), 1024 * 1024),
        Some((i, 'G' | 'g')) => (text.get(..i).unwrap_or_default(), 1024 * 1024 * 1024),
        _ => (text, 1),
    };
    digits
        .trim()
        .parse::<usize>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .filter(|&n| n > 0)
        .ok_or_else(|| format!("`{text}` is not a size: write a number of bytes, or one with K, M or G, such as 64M"))
}

/// A plan to check: where it comes from, and the settings in force for it.
struct Job {
    path: PathBuf,
    settings: RuleSettings,
}

pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let given_config = match &args.config {
        Some(path) => Some(Config::load(path)?),
        None => None,
    };
    let mut problems = Vec::new();
    let mut jobs = Vec::new();
    let mut configs: HashMap<PathBuf, Config> = HashMap::new();
    // Plans in one directory share their configuration file: look for it once per directory.
    let mut discovered: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for path in plan_files(&args.paths, &mut problems) {
        let settings = match (&given_config, path.as_os_str() == "-") {
            (Some(config), _) => config.settings_for(&path),
            (None, true) => RuleSettings::default(),
            (None, false) => match discovered
                .entry(path.parent().map(Path::to_path_buf).unwrap_or_default())
                .or_insert_with(|| discover(&path))
                .clone()
            {
                Some(config_path) => {
                    if !configs.contains_key(&config_path) {
                        let config = Config::load(&config_path)?;
                        configs.insert(config_path.clone(), config);
                    }
                    configs
                        .get(&config_path)
                        .map(|config| config.settings_for(&path))
                        .unwrap_or_default()
                }
                None => RuleSettings::default(),
            },
        };
        jobs.push(Job { path, settings });
    }
    // Plans need only the audiences' ids: the built-in ones are a list (checked against the
    // profiles by a test in pathway-export), so profiles are parsed only for --templates.
    let audiences = match &args.templates {
        Some(folder) => Profiles::with_folder(folder)?
            .ids()
            .map(str::to_owned)
            .collect(),
        None => Options::default().audiences,
    };
    let options = Options {
        limits: Limits {
            max_input_bytes: args.max_input_size,
            ..Limits::DEFAULT
        },
        audiences,
    };
    let results = super::parallel_map(
        &jobs,
        super::cores(),
        |job| check_one(job, &options),
        || Err("a plan was not checked".to_owned()),
    );
    let mut reports = Vec::new();
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(message) => problems.push(message),
        }
    }
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let output = match args.format {
        OutputFormat::Human => {
            let mut text: String = reports
                .iter()
                .map(|report| render_file(report, HumanOptions { color }))
                .collect();
            text.push_str(&render_summary(&Summary::of(&reports)));
            text
        }
        OutputFormat::Json => json::render(&reports, &problems),
        OutputFormat::Sarif => sarif::render(&reports, &problems),
        OutputFormat::Github => github::render(&reports, &problems),
    };
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(output.as_bytes())
        .context("cannot write the findings")?;
    stdout.flush().ok();
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    let summary = Summary::of(&reports);
    let failed = summary.errors > 0 || (args.deny == Some(Deny::Warnings) && summary.warnings > 0);
    Ok(if !problems.is_empty() {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// The plan files named by the arguments, in order: files as given, directories expanded to the
/// plan files under them (sorted; hidden files and directories skipped).
fn plan_files(paths: &[PathBuf], problems: &mut Vec<String>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            collect_dir(path, &mut files, problems);
            if files.len() == before {
                problems.push(format!(
                    "{}: no .yaml, .yml or .json plan files in this directory",
                    path.display()
                ));
            }
        } else {
            files.push(path.clone());
        }
    }
    files
}

fn collect_dir(directory: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<String>) {
    let entries = match std::fs::read_dir(directory) {
        Ok(entries) => entries,
        Err(error) => {
            problems.push(format!(
                "{}: cannot read the directory: {error}",
                directory.display()
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_dir(&path, files, problems);
        } else if path
            .extension()
            .and_then(|ext| ext.to_str())
            .is_some_and(|ext| matches!(ext.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
        {
            files.push(path);
        }
    }
}

fn check_one(job: &Job, options: &Options) -> Result<FileReport, String> {
    match read(&job.path, &options.limits) {
        Ok(source) => Ok(check_source(source, None, options, &job.settings)),
        // A file that cannot be read at all is a usage problem (exit 2); one that can be read but
        // is not a plan (too large, not UTF-8) is a finding in that plan (exit 1).
        Err(error) if error.kind == pathway_schema::load::LoadErrorKind::Io => {
            Err(error.to_string())
        }
        Err(error) => Ok(pathway_validate::engine::report_unreadable(&error)),
    }
}

#[cfg(test)]
mod tests {
    use super::parse_size;

    #[test]
    fn sizes() {
        assert_eq!(parse_size("32M"), Ok(32 * 1024 * 1024));
        assert_eq!(parse_size("500k"), Ok(500 * 1024));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
    }
}
