//! Output formats, siblings over the same findings: for people at a terminal, for scripts, for
//! GitHub workflow annotations and for SARIF consumers such as GitHub code scanning.

pub mod github;
pub mod human;
pub mod json;
pub mod neutral;
mod pretty;
pub mod sarif;
mod snippets;

use std::io::{self, Write};

use crate::diagnostic::Severity;
use crate::engine::{FileReport, Tally};

/// A file a folder walk found and did not check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file's path as found.
    pub path: String,
    /// Why it was not checked.
    pub reason: SkipReason,
}

/// Why a file found in a folder was not checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SkipReason {
    /// A YAML or JSON file that does not look like a plan (no top-level `schema_version`, no
    /// `$schema` naming the plan schema). Counted, not listed, in human output.
    NotAPlan,
    /// Not a regular file: a named pipe, a socket, a device or a broken link, which reading
    /// could hang on or never finish. The word says which.
    NotRegular(&'static str),
    /// A symbolic link to a folder: not followed, so a link cannot make the walk loop.
    LinkedFolder,
}

impl SkipReason {
    /// Why, in words, for a note.
    pub fn describe(self) -> String {
        match self {
            SkipReason::NotAPlan => "not a plan (no top-level `schema_version`)".to_owned(),
            SkipReason::NotRegular(kind) => {
                format!("{kind}, not a regular file; name it explicitly to read it")
            }
            SkipReason::LinkedFolder => {
                "a symbolic link to a folder, not followed; name the folder to check it".to_owned()
            }
        }
    }

    /// The reason as a stable word, for JSON and SARIF.
    pub fn code(self) -> &'static str {
        match self {
            SkipReason::NotAPlan => "not-a-plan",
            SkipReason::NotRegular(_) => "not-a-regular-file",
            SkipReason::LinkedFolder => "linked-folder",
        }
    }
}

/// The closing words about skipped files: `skipped 3 files that are not plans`, and the other
/// kinds; empty when nothing was skipped.
pub fn skipped_summary(skipped: &[Skipped]) -> Vec<String> {
    let not_plans = skipped
        .iter()
        .filter(|file| file.reason == SkipReason::NotAPlan)
        .count();
    let others = skipped.len() - not_plans;
    let mut lines = Vec::new();
    if not_plans > 0 {
        lines.push(match not_plans {
            1 => "skipped 1 file that is not a plan".to_owned(),
            n => format!("skipped {n} files that are not plans"),
        });
    }
    if others > 0 {
        lines.push(match others {
            1 => "skipped 1 file that is not a regular file or is a linked folder".to_owned(),
            n => format!("skipped {n} files that are not regular files or are linked folders"),
        });
    }
    lines
}

/// What the close of a run says, gathered plan by plan as each plan's findings are written: the
/// totals by severity (findings left out included) and the configuration files that applied.
/// It holds no finding, so a run over any number of plans keeps only this.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunTotals {
    summary: RunCounts,
    omitted: Tally,
    /// Each configuration file, with the number of plans it applied to, in the order first met.
    configs: Vec<(String, usize)>,
}

impl RunTotals {
    /// The totals of a whole run at once.
    pub fn of(reports: &[FileReport]) -> RunTotals {
        let mut totals = RunTotals::default();
        for report in reports {
            totals.add(report);
        }
        totals
    }

    /// Counts one plan's findings and notes its configuration file.
    pub fn add(&mut self, report: &FileReport) {
        self.summary.files += 1;
        self.summary.errors += report.count(Severity::Error);
        self.summary.warnings += report.count(Severity::Warning);
        self.summary.infos += report.count(Severity::Info);
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            self.omitted.add(severity, report.omitted.get(severity));
        }
        if let Some(config) = report.config.as_deref() {
            match self.configs.iter_mut().find(|(seen, _)| seen == config) {
                Some((_, count)) => *count += 1,
                None => self.configs.push((config.to_owned(), 1)),
            }
        }
    }

    /// The totals so far.
    pub fn summary(&self) -> RunCounts {
        self.summary
    }

    /// The findings left out of the listing (a plan's beyond [`crate::engine::MAX_FINDINGS`]),
    /// by severity; they count in [`RunTotals::summary`] too.
    pub fn omitted(&self) -> Tally {
        self.omitted
    }

    /// The configuration files that applied, each with how many plans it applied to (`1 plan`,
    /// `3 plans`), in the order first met.
    pub fn configs(&self) -> Vec<(&str, String)> {
        self.configs
            .iter()
            .map(|(config, n)| {
                (
                    config.as_str(),
                    if *n == 1 {
                        "1 plan".to_owned()
                    } else {
                        format!("{n} plans")
                    },
                )
            })
            .collect()
    }
}

/// An output format written as the run goes, so that memory stays flat however many plans there
/// are: each plan's findings as soon as the plan is checked, in the order the plans are given;
/// the totals, the notes and whatever else needs the whole run at the end. The JSON, SARIF and
/// GitHub emitters keep no finding once it is written, only [`RunTotals`], the problems and the
/// plans whose findings were cut.
pub trait Emitter {
    /// Something that kept a file from being checked at all (exit status 2). GitHub output
    /// writes it at once; JSON and SARIF keep it for the end, where their documents list them.
    fn problem(&mut self, out: &mut dyn Write, problem: &str) -> io::Result<()>;

    /// Writes one checked plan's findings.
    fn plan(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()>;

    /// Closes the run: the problems (JSON, SARIF), the files a folder walk skipped, the
    /// configuration files used and the totals. Call it once, after the last plan.
    fn finish(&mut self, out: &mut dyn Write, skipped: &[Skipped]) -> io::Result<()>;
}

/// A whole run through an emitter at once, as text: the problems, then the plans, then the close.
pub(crate) fn emit_all(
    emitter: &mut dyn Emitter,
    reports: &[FileReport],
    problems: &[String],
    skipped: &[Skipped],
) -> String {
    let mut out = Vec::new();
    // Writing to memory does not fail.
    let _ = (|| -> io::Result<()> {
        for problem in problems {
            emitter.problem(&mut out, problem)?;
        }
        for report in reports {
            emitter.plan(&mut out, report)?;
        }
        emitter.finish(&mut out, skipped)
    })();
    String::from_utf8(out).unwrap_or_default()
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    /// Plan files checked.
    pub files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Information findings.
    pub infos: usize,
}

impl RunCounts {
    /// Adds up the findings of a run.
    pub fn of(reports: &[FileReport]) -> RunCounts {
        RunTotals::of(reports).summary()
    }
}
