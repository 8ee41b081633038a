//! `pathway report`: read many plans into one state roll-up.

use std::collections::HashMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;

use anyhow::Context as _;
use clap::{Args, ValueEnum};
use pathway_report::{Output, PlanFacts, ReportProfile, Rollup, write_file};
use pathway_schema::load::{Limits, LoadErrorKind, from_bytes, read};
use pathway_validate::config::{Config, RuleSettings, discover};
use pathway_validate::{Options, check_source_keeping_plan, report_unreadable};

use crate::neutral::shown;
use crate::output::{Overwrite, write_atomically_with};
use crate::walk::{Found, Opened, Walk, open_found, plan_files};

/// Read every district's plan into one state roll-up: a briefing and data files.
///
/// PATH is as for `pathway validate`: plan files, folders (walked as git sees them), or - for
/// standard input. Every plan is checked as `pathway validate` checks it, with every rule at
/// its default severity so that all plans are measured alike, and with the state's own
/// decision points of the pathway.toml that applies to it; a plan that cannot be read or has
/// errors is still counted and listed. Writes report.md and report.docx (a briefing for state
/// leaders), plans.csv, decision-points.csv, credentials.csv and report.json (the same figures
/// as data; see docs/report.md) into DIR, each replaced whole, the same bytes for the same
/// plans whatever their order. Exit status: 0 when the files were written, 2 when a path
/// cannot be walked, a pathway.toml cannot be read or a file cannot be written.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Plan files or directories to read; - reads a plan from standard input.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// The folder to write into; created if needed.
    #[arg(short, long = "output", value_name = "DIR", default_value = ".")]
    output: PathBuf,
    /// Which files to write; repeat for several. All of them when left out.
    #[arg(long, value_enum, value_name = "FORMAT")]
    format: Vec<ReportFormat>,
    /// The briefing's title, instead of the profile's.
    #[arg(long, value_name = "TEXT")]
    title: Option<String>,
    /// A folder whose report/state.yaml replaces the briefing's built-in profile (the same
    /// folder `pathway export --templates` reads audience profiles from).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// The files `--format` chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ReportFormat {
    /// report.md.
    Md,
    /// report.docx.
    Docx,
    /// plans.csv, decision-points.csv and credentials.csv.
    Csv,
    /// report.json.
    Json,
}

/// Plans waiting to be counted: enough to keep the workers busy, few enough that memory stays
/// that of a handful of plans.
const QUEUE: usize = 16;

pub fn run(args: &ReportArgs) -> anyhow::Result<ExitCode> {
    let profile = match &args.templates {
        Some(dir) => ReportProfile::from_folder(dir).map_err(anyhow::Error::msg)?,
        None => ReportProfile::builtin(),
    };
    let outputs: Vec<Output> = if args.format.is_empty() {
        Output::ALL.to_vec()
    } else {
        args.format
            .iter()
            .map(|format| match format {
                ReportFormat::Md => Output::Markdown,
                ReportFormat::Docx => Output::Docx,
                ReportFormat::Csv => Output::Csv,
                ReportFormat::Json => Output::Json,
            })
            .collect()
    };
    let Walk {
        files, problems, ..
    } = plan_files(&args.paths);
    if !problems.is_empty() {
        for problem in &problems {
            crate::neutral::print_error(problem);
        }
        anyhow::bail!("nothing written: every PATH must name a plan or a folder with plans");
    }
    let settings = state_points_of(&files)?;
    let options = Options::default();
    let mut rollup = Rollup::new();
    let mut progress = Progress::new(files.len());
    let next = AtomicUsize::new(0);
    let (sender, receiver) = mpsc::sync_channel::<PlanFacts>(QUEUE);
    std::thread::scope(|scope| {
        for _ in 0..pathway_validate::parallel::cores().min(files.len()).max(1) {
            let sender = sender.clone();
            let (files, next, options, settings) = (&files, &next, &options, &settings);
            let spawned = std::thread::Builder::new()
                .stack_size(pathway_validate::parallel::STACK_BYTES)
                .spawn_scoped(scope, move || {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(found) = files.get(i) else { break };
                        if let Some(facts) = read_one(found, options, settings.get(i))
                            && sender.send(facts).is_err()
                        {
                            break;
                        }
                    }
                });
            if spawned.is_err() {
                break;
            }
        }
        drop(sender);
        for facts in receiver {
            progress.step();
            rollup.add(facts);
        }
    });
    // A file that was never read (no thread could be started) would be missing: read the rest
    // here, in order.
    loop {
        let i = next.fetch_add(1, Ordering::Relaxed);
        let Some(found) = files.get(i) else { break };
        if let Some(facts) = read_one(found, &options, settings.get(i)) {
            rollup.add(facts);
        }
    }
    progress.finish();
    let title = args.title.clone().unwrap_or_else(|| profile.title.clone());
    let report = rollup.finish(&title);
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create the folder {}", shown(&args.output)))?;
    let mut listing = String::new();
    let mut outputs = outputs;
    outputs.sort();
    outputs.dedup();
    // A run file of rows that could not be written leaves the rows incomplete: say so before
    // any file is written.
    report
        .plans
        .check()
        .context("nothing written: the plans' rows could not be kept")?;
    // Each file is written as it is made, straight into its temporary file: for 13,000 plans
    // decision-points.csv alone is tens of megabytes, and the rows are read back from the
    // roll-up's temporary files rather than held in memory.
    for output in outputs {
        for name in output.files() {
            let path = args.output.join(name);
            write_atomically_with(&path, Overwrite::Allow, |file| {
                write_file(&report, &profile, name, file)
            })?;
            listing.push_str(&format!("{}\n", shown(&path)));
        }
    }
    crate::output::print(&listing)?;
    Ok(ExitCode::SUCCESS)
}

/// The settings each plan is checked with, in the order of `files`: every rule at its default
/// severity, so that all plans are measured alike, and the state's own decision points of the
/// `pathway.toml` that applies to the plan (found as `pathway validate` finds it), so that a
/// state's points count in the roll-up as they do in `validate`. A configuration that cannot
/// be read stops the run before anything is written, with its file, line and column.
fn state_points_of(files: &[Found]) -> anyhow::Result<Vec<RuleSettings>> {
    let mut configs: HashMap<PathBuf, RuleSettings> = HashMap::new();
    // Plans in one directory share their configuration file: look for it once per directory.
    let mut discovered: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut settings = Vec::with_capacity(files.len());
    for found in files {
        let path = &found.path;
        if path.as_os_str() == "-" {
            settings.push(RuleSettings::default());
            continue;
        }
        let config_path = discovered
            .entry(path.parent().map(Path::to_path_buf).unwrap_or_default())
            .or_insert_with(|| discover(path))
            .clone();
        settings.push(match config_path {
            Some(config_path) => match configs.get(&config_path) {
                Some(known) => known.clone(),
                None => {
                    let config = Config::load(&config_path)?;
                    let known = RuleSettings::defaults_with_points_of(&config);
                    configs.insert(config_path, known.clone());
                    known
                }
            },
            None => RuleSettings::default(),
        });
    }
    Ok(settings)
}

/// Checks one file; `None` for a walked file that is not a plan (a folder's other YAML).
fn read_one(
    found: &Found,
    options: &Options,
    settings: Option<&RuleSettings>,
) -> Option<PlanFacts> {
    let path = &found.path;
    let name = path.display().to_string();
    let limits: &Limits = &options.limits;
    let source = if found.walked {
        match open_found(path, limits.max_input_bytes) {
            Ok(Opened::Plan(bytes)) => from_bytes(&name, bytes, limits),
            Ok(Opened::Skipped(_)) => return None,
            Err(error) => {
                return Some(PlanFacts::unreadable(
                    &name,
                    &format!("cannot read the file: {error}"),
                ));
            }
        }
    } else {
        read(path, limits)
    };
    Some(match source {
        Ok(source) => {
            let default = RuleSettings::default();
            let settings = settings.unwrap_or(&default);
            let (report, plan) = check_source_keeping_plan(source, None, options, settings);
            PlanFacts::of(&report, plan.as_ref())
        }
        Err(error) if error.kind == LoadErrorKind::Io => {
            PlanFacts::unreadable(&name, &error.to_string())
        }
        Err(error) => PlanFacts::of(&report_unreadable(&error), None),
    })
}

/// A count of plans read, on standard error when it is a terminal.
struct Progress {
    total: usize,
    done: usize,
    shown: bool,
}

impl Progress {
    fn new(total: usize) -> Progress {
        Progress {
            total,
            done: 0,
            shown: total > 1 && std::io::stderr().is_terminal(),
        }
    }

    fn step(&mut self) {
        self.done += 1;
        // Every 64th plan is enough for the eye, and keeps a 13,000-plan run from writing to
        // the terminal 13,000 times.
        if self.shown && (self.done.is_multiple_of(64) || self.done == self.total) {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2Kread {}/{} plans", self.done, self.total);
            let _ = stderr.flush();
        }
    }

    fn finish(&self) {
        if self.shown {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}
