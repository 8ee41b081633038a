//! Findings: what the validator found, where, and what to do about it.

use std::fmt;

use pathway_schema::source::Location;
use serde::Serialize;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Something to know, such as a decision needed at a later level. Never fails a run.
    Info,
    /// Likely a mistake; fails a run only with `--deny warnings`.
    Warning,
    /// The plan is incomplete or contradicts itself; fails the run.
    Error,
}

impl Severity {
    /// The severity as written in configuration and output: `error`, `warning` or `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    /// Parses `error`, `warning` or `info`.
    pub fn parse(text: &str) -> Option<Severity> {
        match text {
            "error" => Some(Severity::Error),
            "warning" => Some(Severity::Warning),
            "info" => Some(Severity::Info),
            _ => None,
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A place in a plan that a finding points at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// The JSON Pointer of the value.
    pub pointer: String,
    /// Where it stands in the file, when the file has it.
    #[serde(skip)]
    pub location: Option<Location>,
}

/// Another place that explains a finding, such as the first of two things with the same id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    /// What this place is.
    pub message: String,
    /// Where it is.
    pub place: Place,
}

/// One finding about one plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's stable code, such as `PW201`.
    pub code: &'static str,
    /// How serious it is, after configuration.
    pub severity: Severity,
    /// What is wrong, in one sentence a district leader understands.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// The decision point concerned, when there is one: one of the toolkit's ids, or a state's
    /// own from configuration.
    pub decision_point: Option<std::borrow::Cow<'static, str>>,
    /// Where it is.
    pub place: Place,
    /// Other places that explain it.
    pub related: Vec<Related>,
}

impl Diagnostic {
    /// The line and column the finding is reported at; line 1, column 1 when the plan could
    /// not say.
    pub fn start(&self) -> (usize, usize) {
        self.place.location.map_or((1, 1), |location| {
            (location.start.line, location.start.column)
        })
    }
}
