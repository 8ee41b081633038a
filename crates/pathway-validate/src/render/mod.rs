//! Output formats, siblings over the same findings: for people at a terminal, for scripts, for
//! GitHub workflow annotations and for SARIF consumers such as GitHub code scanning.

pub mod github;
pub mod human;
pub mod json;
pub mod neutral;
pub mod sarif;
mod snippets;

use crate::diagnostic::Severity;
use crate::engine::FileReport;

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

/// The configuration files that applied in a run, each with how many plans it applied to
/// (`1 plan`, `3 plans`), in the order first met.
pub fn configs_used(reports: &[FileReport]) -> Vec<(&str, String)> {
    let mut used: Vec<(&str, usize)> = Vec::new();
    for config in reports.iter().filter_map(|report| report.config.as_deref()) {
        match used.iter_mut().find(|(seen, _)| *seen == config) {
            Some((_, count)) => *count += 1,
            None => used.push((config, 1)),
        }
    }
    used.into_iter()
        .map(|(config, n)| {
            (
                config,
                if n == 1 {
                    "1 plan".to_owned()
                } else {
                    format!("{n} plans")
                },
            )
        })
        .collect()
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// Plan files checked.
    pub files: usize,
    /// Error findings.
    pub errors: usize,
    /// Warning findings.
    pub warnings: usize,
    /// Information findings.
    pub infos: usize,
}

impl Summary {
    /// Adds up the findings of a run.
    pub fn of(reports: &[FileReport]) -> Summary {
        let mut summary = Summary {
            files: reports.len(),
            ..Summary::default()
        };
        for report in reports {
            summary.errors += report.count(Severity::Error);
            summary.warnings += report.count(Severity::Warning);
            summary.infos += report.count(Severity::Info);
        }
        summary
    }
}
