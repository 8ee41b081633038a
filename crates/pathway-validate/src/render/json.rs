//! For scripts: one JSON document per run, in a versioned shape documented in the README. It is
//! written as the run goes ([`JsonEmitter`]): each plan's entry in `files` as soon as the plan is
//! checked, `problems`, `skipped` and `summary` at the end.
//!
//! ```json
//! {"version": 1,
//!  "files": [{"path": "plan.yaml", "diagnostics": [{"code": "PW201", "severity": "error",
//!    "message": "…", "help": "…", "decision_point": null, "pointer": "/opportunities/0/unlocked_by/0",
//!    "line": 39, "column": 19, "end_line": 39, "end_column": 37, "related": []}]}],
//!  "problems": [], "skipped": [],
//!  "summary": {"files": 1, "errors": 1, "warnings": 0, "infos": 0, "omitted": 0, "skipped": 0}}
//! ```

use std::io::{self, Write};

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Place, Severity};
use crate::engine::FileReport;
use crate::render::pretty::Pretty;
use crate::render::{Emitter, RunTotals, Skipped};

/// The version of the JSON shape. It changes only when a field is removed or changes meaning.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct SkippedFile<'a> {
    path: &'a str,
    reason: &'static str,
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
    /// The configuration file whose settings applied, or null for the defaults.
    config: Option<&'a str>,
    diagnostics: Vec<Finding<'a>>,
    /// Findings beyond the per-file maximum, left out; only present when some were.
    #[serde(skip_serializing_if = "is_zero")]
    omitted: usize,
    /// The same, by severity; only present when some were. They count in the summary.
    #[serde(skip_serializing_if = "Option::is_none")]
    omitted_by_severity: Option<Counts>,
}

#[derive(Serialize)]
struct Counts {
    errors: usize,
    warnings: usize,
    infos: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct Finding<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    decision_point: Option<&'a str>,
    #[serde(flatten)]
    place: Position<'a>,
    related: Vec<RelatedFinding<'a>>,
}

#[derive(Serialize)]
struct RelatedFinding<'a> {
    message: &'a str,
    #[serde(flatten)]
    place: Position<'a>,
}

#[derive(Serialize)]
struct Position<'a> {
    pointer: &'a str,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

/// The run's true counts: findings left out of `files` count here too.
#[derive(Serialize)]
struct Totals {
    files: usize,
    errors: usize,
    warnings: usize,
    infos: usize,
    /// Findings left out of `files` because a plan had more than the per-file maximum.
    omitted: usize,
    /// Files a folder walk found and did not check (`skipped` lists them).
    skipped: usize,
}

fn position(place: &Place) -> Position<'_> {
    Position {
        pointer: &place.pointer,
        line: place.location.map(|l| l.start.line),
        column: place.location.map(|l| l.start.column),
        end_line: place.location.map(|l| l.end.line),
        end_column: place.location.map(|l| l.end.column),
    }
}

fn finding(diagnostic: &Diagnostic) -> Finding<'_> {
    Finding {
        code: diagnostic.code,
        severity: diagnostic.severity,
        message: &diagnostic.message,
        help: diagnostic.help.as_deref(),
        decision_point: diagnostic.decision_point.as_deref(),
        place: position(&diagnostic.place),
        related: diagnostic
            .related
            .iter()
            .map(|related| RelatedFinding {
                message: &related.message,
                place: position(&related.place),
            })
            .collect(),
    }
}

fn file(report: &FileReport) -> File<'_> {
    File {
        path: &report.path,
        config: report.config.as_deref(),
        diagnostics: report.diagnostics.iter().map(finding).collect(),
        omitted: report.omitted.total(),
        omitted_by_severity: (report.omitted.total() > 0).then_some(Counts {
            errors: report.omitted.errors,
            warnings: report.omitted.warnings,
            infos: report.omitted.infos,
        }),
    }
}

/// The JSON document written as the run goes. Holds the run's totals and its problems (what
/// kept files from being checked, listed after `files`), never a plan's findings.
#[derive(Debug, Default)]
pub struct JsonEmitter {
    pretty: Pretty,
    started: bool,
    problems: Vec<String>,
    totals: RunTotals,
}

impl JsonEmitter {
    /// An emitter for a new run.
    pub fn new() -> JsonEmitter {
        JsonEmitter::default()
    }

    /// The document's opening, up to the `files` array, on first use.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if !self.started {
            self.started = true;
            self.pretty.open(out, b'{')?;
            self.pretty.member(out, "version", &FORMAT_VERSION)?;
            self.pretty.key(out, "files")?;
            self.pretty.open(out, b'[')?;
        }
        Ok(())
    }
}

impl Emitter for JsonEmitter {
    fn problem(&mut self, _out: &mut dyn Write, problem: &str) -> io::Result<()> {
        self.problems.push(problem.to_owned());
        Ok(())
    }

    fn plan(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.start(out)?;
        self.totals.add(report);
        self.pretty.item(out)?;
        self.pretty.value(out, &file(report))
    }

    fn finish(&mut self, out: &mut dyn Write, skipped: &[Skipped]) -> io::Result<()> {
        self.start(out)?;
        self.pretty.close(out)?;
        self.pretty.member(out, "problems", &self.problems)?;
        let skipped_files: Vec<SkippedFile<'_>> = skipped
            .iter()
            .map(|file| SkippedFile {
                path: &file.path,
                reason: file.reason.code(),
            })
            .collect();
        self.pretty.member(out, "skipped", &skipped_files)?;
        let summary = self.totals.summary();
        self.pretty.member(
            out,
            "summary",
            &Totals {
                files: summary.files,
                errors: summary.errors,
                warnings: summary.warnings,
                infos: summary.infos,
                omitted: self.totals.omitted().total(),
                skipped: skipped.len(),
            },
        )?;
        self.pretty.close(out)?;
        out.write_all(b"\n")
    }
}

/// The whole run as one JSON document, followed by a newline. `problems` are what kept files
/// from being checked at all; `skipped`, the files a folder walk left alone.
pub fn render(reports: &[FileReport], problems: &[String], skipped: &[Skipped]) -> String {
    super::emit_all(&mut JsonEmitter::new(), reports, problems, skipped)
}
