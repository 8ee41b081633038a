//! PW001 unparsable-plan and PW002 invalid-structure, reported by the engine: problems met
//! before any rule can run, because the file does not parse or its structure keeps it from being
//! typed.

use pathway_schema::load::{LoadError, LoadErrorKind};

use super::{FileReport, Tally};
use crate::config::{RuleSettings, Setting};
use crate::diagnostic::{Diagnostic, Place, Severity};
use crate::rules::{self, EngineStage, Rule};

/// The severity of a rule whose findings mean the plan could not be checked at all (it does not
/// parse, or its structure keeps it from being typed, so no other rule ran): configuration may
/// raise it, never lower it below an error or turn it off, or a broken plan would pass.
pub(super) fn unsilenceable(rule: &Rule, settings: &RuleSettings) -> Severity {
    match settings.get(rule) {
        Setting::Severity(severity) => severity.max(Severity::Error),
        Setting::Off => Severity::Error,
    }
}

/// The report for a file that was read but cannot be a plan (too large, not UTF-8 text).
pub fn report_unreadable(error: &LoadError) -> FileReport {
    let mut report = FileReport {
        path: error.file.clone(),
        diagnostics: Vec::new(),
        source: None,
        readiness: None,
        coverage: Vec::new(),
        omitted: Tally::default(),
        config: None,
    };
    push_load_error(&mut report, error, &RuleSettings::default());
    report
}

/// Reports a load error under the rule it belongs to.
pub(super) fn push_load_error(report: &mut FileReport, error: &LoadError, settings: &RuleSettings) {
    let rule = match error.kind {
        LoadErrorKind::UnknownKey
        | LoadErrorKind::MissingKey
        | LoadErrorKind::WrongType
        | LoadErrorKind::InvalidValue => rules::reported_at(EngineStage::Structure),
        _ => rules::reported_at(EngineStage::Parse),
    };
    // A plan that cannot be read always fails: configuration may lower other rules, not this.
    let severity = unsilenceable(rule, settings);
    report.diagnostics.push(Diagnostic {
        code: rule.code,
        severity,
        message: error.message.clone(),
        help: error.help.clone(),
        decision_point: None,
        place: Place {
            pointer: error.pointer.clone().unwrap_or_default(),
            location: error.location,
        },
        related: Vec::new(),
    });
}
