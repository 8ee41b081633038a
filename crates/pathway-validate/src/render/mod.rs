//! Output formats, siblings over the same findings: for people at a terminal, for scripts, for
//! GitHub workflow annotations and for SARIF consumers such as GitHub code scanning.

pub mod github;
pub mod human;
pub mod json;
pub mod neutral;
pub mod sarif;

use crate::diagnostic::Severity;
use crate::engine::FileReport;

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
