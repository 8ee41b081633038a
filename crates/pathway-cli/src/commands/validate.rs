//! `pathway validate`: check plans for missing decisions and contradictions.

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use pathway_export::profile::Profiles;
use pathway_schema::load::{Limits, from_bytes, read};
use pathway_validate::config::{Config, RuleSettings, discover};
use pathway_validate::render::github::GithubEmitter;
use pathway_validate::render::human::{HumanOptions, render_file, render_notes, render_summary};
use pathway_validate::render::json::JsonEmitter;
use pathway_validate::render::sarif::SarifEmitter;
use pathway_validate::render::{Emitter, RunTotals, Skipped};
use pathway_validate::{FileReport, Options, check_source, check_source_keeping_all};

use crate::walk::{Found, Opened, Walk, open_found, plan_files};

/// Check plans for unanswered decision points and contradictions.
///
/// PATH may be a plan file (.yaml, .yml or .json), a directory, or - for standard input. In a
/// directory, the .yaml, .yml and .json files that are plans (a top-level schema_version, or a
/// $schema naming the plan schema) are checked, as git sees the folder: what .gitignore and
/// .ignore list, hidden files and linked folders are left out; the others are counted as
/// skipped. A file named on the command line is always checked. Exit status: 0 when no plan has an error, 1 when some plan has an error
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
    /// audiences too. Without it, the folder named by `templates = "..."` in each plan's
    /// pathway.toml, if any.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// List information findings (decisions needed at a later readiness level) in full, after
    /// the errors and warnings. Without it, human output sums them up in one line per plan;
    /// they never fail a run, and the JSON, SARIF and GitHub formats always list them.
    #[arg(long)]
    show_info: bool,
    /// When to colour the human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    /// Check a YAML or JSON file named on the command line only when it is a plan, as in a
    /// folder; others are skipped and counted. For hooks that pass every changed file, such as
    /// the pre-commit hook, so that a package.json in a commit is not reported.
    #[arg(long)]
    plans_only: bool,
    /// Print the findings and nothing else: no summary line and no notes (human output; the
    /// other formats are for programs and keep their shape). The exit status still tells.
    #[arg(short, long)]
    quiet: bool,
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
    /// On a terminal, unless NO_COLOR is set or TERM is dumb; CLICOLOR_FORCE asks for colour
    /// elsewhere too.
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
    found: Found,
    settings: RuleSettings,
    /// The configuration file the settings come from, as it will be named in the output.
    config: Option<String>,
    /// The folder of audience profiles in force: `--templates`, else the configuration's.
    templates: Option<PathBuf>,
}

/// What checking one file gave.
enum Outcome {
    /// The report, its text dropped, and in human output the findings already rendered.
    Report(Box<FileReport>, String),
    /// The file could not be read at all (exit status 2).
    Problem(String),
    /// A file found by walking that is not to be checked.
    Skipped(Skipped),
}

pub fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let given_config = match &args.config {
        Some(path) => Some(Config::load(path)?),
        None => None,
    };
    let Walk {
        files,
        mut skipped,
        mut problems,
    } = plan_files(&args.paths);
    let mut files = files;
    if args.plans_only {
        for found in files
            .iter_mut()
            .filter(|found| found.path.as_os_str() != "-")
        {
            found.walked = true;
        }
    }
    let mut jobs = Vec::new();
    let mut configs: HashMap<PathBuf, Config> = HashMap::new();
    // Plans in one directory share their configuration file: look for it once per directory.
    let mut discovered: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    for found in files {
        let path = &found.path;
        let (settings, config, templates) = match (&given_config, args.config.as_ref()) {
            (Some(config), Some(name)) => (
                config.settings_for(path),
                Some(name.display().to_string()),
                config.templates().map(Path::to_path_buf),
            ),
            _ if path.as_os_str() == "-" => (RuleSettings::default(), None, None),
            _ => match discovered
                .entry(path.parent().map(Path::to_path_buf).unwrap_or_default())
                .or_insert_with(|| discover(path))
                .clone()
            {
                Some(config_path) => {
                    if !configs.contains_key(&config_path) {
                        let config = Config::load(&config_path)?;
                        configs.insert(config_path.clone(), config);
                    }
                    let config = configs.get(&config_path);
                    let settings = config
                        .map(|config| config.settings_for(path))
                        .unwrap_or_default();
                    let templates = config.and_then(Config::templates).map(Path::to_path_buf);
                    (settings, Some(shown_config(&config_path)), templates)
                }
                None => (RuleSettings::default(), None, None),
            },
        };
        jobs.push(Job {
            found,
            settings,
            config,
            templates: args.templates.clone().or(templates),
        });
    }
    // Plans need only the audiences' ids: the built-in ones are listed from their files when
    // pathway-schema is built, so profiles are parsed only for a folder of them, once per
    // folder.
    let limits = Limits {
        max_input_bytes: args.max_input_size,
        ..Limits::DEFAULT
    };
    let mut options: HashMap<Option<PathBuf>, Options> = HashMap::new();
    for job in &jobs {
        if options.contains_key(&job.templates) {
            continue;
        }
        let audiences = match &job.templates {
            Some(folder) => Profiles::with_folder(folder)?
                .ids()
                .map(str::to_owned)
                .collect(),
            None => Options::default().audiences,
        };
        options.insert(job.templates.clone(), Options { limits, audiences });
    }
    let default_options = Options {
        limits,
        ..Options::default()
    };
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => crate::terminal::colors(crate::terminal::Stream::Stdout),
    };
    // Each plan's findings are rendered as soon as it is checked, and its text dropped: a run
    // over 20,000 plans holds what the findings say, not every plan's source.
    let human = (args.format == OutputFormat::Human).then_some(HumanOptions {
        color,
        show_info: args.show_info,
    });
    let mut emitter: Option<Box<dyn Emitter>> = match args.format {
        OutputFormat::Human => None,
        OutputFormat::Json => Some(Box::new(JsonEmitter::new())),
        OutputFormat::Sarif => Some(Box::new(SarifEmitter::new(std::env::current_dir().ok()))),
        OutputFormat::Github => Some(Box::new(GithubEmitter::new())),
    };
    let mut out = crate::output::stdout();
    let written = "cannot write the findings to standard output";
    if let Some(emitter) = emitter.as_mut() {
        for problem in &problems {
            emitter.problem(&mut out, problem).context(written)?;
        }
    }
    // Plans are checked a batch at a time, and each batch's findings written (in every format)
    // as soon as it is done, in the plans' order; only the totals, the problems and the
    // skipped files are kept for the end, so memory stays flat however many plans there are
    // (20,000 starter plans held 735 MB of findings until the end in human output, 790 MB in
    // the others).
    let mut totals = RunTotals::default();
    // A single plan's tree and typed plan are left for the operating system to free when the
    // command exits, which it does once that plan's findings are written (see `check_one`).
    let only_plan = jobs.len() == 1;
    in_batches(
        &jobs,
        |job| {
            let options = options.get(&job.templates).unwrap_or(&default_options);
            check_one(job, options, human, only_plan)
        },
        || Outcome::Problem("a plan was not checked".to_owned()),
        |results| {
            for result in results {
                match result {
                    Outcome::Report(report, text) => {
                        totals.add(&report);
                        match emitter.as_mut() {
                            Some(emitter) => emitter.plan(&mut out, &report),
                            None => out.write_all(text.as_bytes()),
                        }
                        .context(written)?;
                    }
                    Outcome::Problem(message) => {
                        if let Some(emitter) = emitter.as_mut() {
                            emitter.problem(&mut out, &message).context(written)?;
                        }
                        problems.push(message);
                    }
                    Outcome::Skipped(file) => skipped.push(file),
                }
            }
            out.flush().context(written)
        },
    )?;
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    let summary = totals.summary();
    match emitter.as_mut() {
        Some(emitter) => emitter.finish(&mut out, &skipped).context(written)?,
        None => {
            // A file that could not be read is said on its own: a "0 plans" line above it
            // would only confuse.
            let nothing_checked = summary.files == 0 && !problems.is_empty();
            if !args.quiet && !nothing_checked {
                out.write_all(render_summary(&summary).as_bytes())
                    .context(written)?;
                out.write_all(render_notes(&totals, &skipped).as_bytes())
                    .context(written)?;
            }
        }
    }
    out.flush().context(written)?;
    for problem in &problems {
        crate::neutral::print_error(problem);
    }
    let failed = summary.errors > 0 || (args.deny == Some(Deny::Warnings) && summary.warnings > 0);
    Ok(if !problems.is_empty() {
        ExitCode::from(2)
    } else if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// How many plans are checked (on every core) before their findings are written and dropped.
const BATCH: usize = 256;

/// Calls `check` on every job, [`BATCH`] jobs at a time over the cores, and hands each batch's
/// results, in the jobs' order, to `write` before the next batch is started: what a batch found
/// is written and dropped before more is found. `missing` stands in for a result that never
/// came back (a job that panicked).
fn in_batches<J: Sync, R: Send>(
    jobs: &[J],
    check: impl Fn(&J) -> R + Sync,
    missing: impl Fn() -> R,
    mut write: impl FnMut(Vec<R>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    for batch in jobs.chunks(BATCH) {
        // One plan is checked on this thread (the command's, with the workers' stack), not a
        // worker spawned for it: a thread and its stack cost a single small plan's run more
        // than they give. A panic is caught as a worker's would be.
        let results = match batch {
            [job] => vec![
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(job)))
                    .unwrap_or_else(|_| missing()),
            ],
            _ => pathway_validate::parallel::map(
                batch,
                pathway_validate::parallel::cores(),
                &check,
                &missing,
            ),
        };
        write(results)?;
    }
    Ok(())
}

/// A discovered configuration file as the output names it: relative to the current directory
/// when it is under it, as people read paths, else as found.
fn shown_config(path: &Path) -> String {
    let here = std::env::current_dir().ok();
    here.as_deref()
        .and_then(|here| path.strip_prefix(here).ok())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Checks one plan. With `exits_after`, the command exits once this plan's findings are
/// written: the plan's document tree and typed plan are then not freed (on a statewide plan,
/// about a million allocations and a tenth of the run), as they would be at once by the
/// operating system. Only for the last plan of a run, never in a batch, where memory must stay
/// flat.
fn check_one(
    job: &Job,
    options: &Options,
    human: Option<HumanOptions>,
    exits_after: bool,
) -> Outcome {
    let path = &job.found.path;
    let source = if job.found.walked {
        match open_found(path, options.limits.max_input_bytes) {
            Ok(Opened::Plan(bytes)) => {
                from_bytes(&path.display().to_string(), bytes, &options.limits)
            }
            Ok(Opened::Skipped(reason)) => {
                return Outcome::Skipped(Skipped {
                    path: path.display().to_string(),
                    reason,
                });
            }
            Err(error) => {
                return Outcome::Problem(format!(
                    "{}: cannot read the file: {error}",
                    path.display()
                ));
            }
        }
    } else {
        read(path, &options.limits)
    };
    let mut report = match source {
        Ok(source) if exits_after => {
            let (report, leftovers) =
                check_source_keeping_all(source, None, options, &job.settings);
            std::mem::forget(leftovers);
            report
        }
        Ok(source) => check_source(source, None, options, &job.settings),
        // A file that cannot be read at all is a usage problem (exit 2); one that can be read but
        // is not a plan (too large, not UTF-8) is a finding in that plan (exit 1).
        Err(error) if error.kind == pathway_schema::load::LoadErrorKind::Io => {
            return Outcome::Problem(error.to_string());
        }
        Err(error) => pathway_validate::report_unreadable(&error),
    };
    report.config.clone_from(&job.config);
    let text = human.map_or_else(String::new, |options| render_file(&report, options));
    report.source = None;
    Outcome::Report(Box::new(report), text)
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::{BATCH, in_batches, parse_size};

    /// Regression: JSON, SARIF and GitHub output kept every plan's findings until the last plan
    /// was checked (20,000 starter plans: 790 MB). Each batch's results must reach the writer
    /// before any plan of the next batch is checked, in the plans' order.
    #[test]
    fn each_batch_is_written_before_the_next_is_checked() {
        let plans: Vec<usize> = (0..2 * BATCH + 1).collect();
        let checked = AtomicUsize::new(0);
        let mut written: Vec<usize> = Vec::new();
        let mut checked_when_written = Vec::new();
        in_batches(
            &plans,
            |plan| {
                checked.fetch_add(1, Ordering::SeqCst);
                *plan
            },
            || usize::MAX,
            |results| {
                checked_when_written.push(checked.load(Ordering::SeqCst));
                written.extend(results);
                Ok(())
            },
        )
        .unwrap();
        assert_eq!(checked_when_written, [BATCH, 2 * BATCH, 2 * BATCH + 1]);
        assert_eq!(written, plans, "every plan, once, in order");
    }

    #[test]
    fn sizes() {
        assert_eq!(parse_size("32M"), Ok(32 * 1024 * 1024));
        assert_eq!(parse_size("500k"), Ok(500 * 1024));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
    }
}
