//! SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards. The rule list
//! comes from the registry, so every result's rule is described with its full documentation.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Place, Severity};
use crate::engine::{FileReport, Tally};
use crate::render::Skipped;
use crate::rules::RULES;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The whole run as a SARIF log, followed by a newline.
pub fn render(reports: &[FileReport], problems: &[String], skipped: &[Skipped]) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": {"text": rule.summary},
                "fullDescription": {"text": rule.summary},
                "help": {"text": rule.documentation(), "markdown": rule.documentation()},
                "defaultConfiguration": {"level": level(rule.default_severity)},
                "properties": {"tags": ["pathway-plan"]},
            })
        })
        .collect();
    let mut results = Vec::new();
    for report in reports {
        for diagnostic in &report.diagnostics {
            results.push(result(&report.path, diagnostic));
        }
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "pathway",
                "fullName": "Pathway Kit validator",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://pathway-kit.org/",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation(reports, problems, skipped)],
            "results": results,
            "properties": omitted_counts(reports),
        }],
    });
    let mut text = super::neutral::json(serde_json::to_string_pretty(&log).unwrap_or_default());
    text.push('\n');
    text
}

/// The run's invocation: whether every file could be checked, and what kept the others from it;
/// and, for each plan with more findings than are listed, how many were left out.
fn invocation(reports: &[FileReport], problems: &[String], skipped: &[Skipped]) -> Value {
    let mut notifications: Vec<Value> = problems
        .iter()
        .map(|problem| json!({"level": "error", "message": {"text": problem}}))
        .collect();
    notifications.extend(omissions(reports));
    notifications.extend(run_notes(reports, skipped));
    json!({
        "executionSuccessful": problems.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// A notification for each plan whose findings were cut: how many, by severity. Its level is
/// that of the most serious finding left out.
fn omissions(reports: &[FileReport]) -> impl Iterator<Item = Value> + '_ {
    reports
        .iter()
        .filter(|report| report.omitted.total() > 0)
        .map(|report| {
            let omitted = &report.omitted;
            let worst = [Severity::Error, Severity::Warning, Severity::Info]
                .into_iter()
                .find(|&severity| omitted.get(severity) > 0)
                .unwrap_or(Severity::Info);
            json!({
                "level": level(worst),
                "message": {"text": format!(
                    "{}: {} more findings not listed ({} errors, {} warnings, {} infos); \
                     they count in the totals",
                    report.path, omitted.total(), omitted.errors, omitted.warnings, omitted.infos
                )},
                "locations": [location(&report.path, &Place {
                    pointer: String::new(),
                    location: None,
                })],
                "properties": {
                    "omittedResults": omitted.total(),
                    "omittedByLevel": by_level(omitted),
                },
            })
        })
}

/// Notes on what a folder walk skipped, and on the configuration files that applied.
fn run_notes<'a>(
    reports: &'a [FileReport],
    skipped: &'a [Skipped],
) -> impl Iterator<Item = Value> + 'a {
    let summary = super::skipped_summary(skipped)
        .into_iter()
        .map(|text| json!({"level": "note", "message": {"text": text}}));
    let each = skipped
        .iter()
        .filter(|file| file.reason != super::SkipReason::NotAPlan)
        .map(|file| {
            json!({
                "level": "note",
                "message": {"text": format!("{}: {}", file.path, file.reason.describe())},
                "locations": [location(&file.path, &Place { pointer: String::new(), location: None })],
            })
        });
    let configs = super::configs_used(reports)
        .into_iter()
        .map(|(config, plans)| {
            json!({
                "level": "note",
                "message": {"text": format!("rule settings from {config} ({plans})")},
                "locations": [location(config, &Place { pointer: String::new(), location: None })],
            })
        });
    summary.chain(each).chain(configs)
}

/// The run's properties: findings left out of `results`, in all and by level.
fn omitted_counts(reports: &[FileReport]) -> Value {
    let mut all = Tally::default();
    for report in reports {
        for severity in [Severity::Error, Severity::Warning, Severity::Info] {
            all.add(severity, report.omitted.get(severity));
        }
    }
    json!({"omittedResults": all.total(), "omittedByLevel": by_level(&all)})
}

fn by_level(tally: &Tally) -> Value {
    json!({"error": tally.errors, "warning": tally.warnings, "note": tally.infos})
}

fn result(path: &str, diagnostic: &Diagnostic) -> Value {
    let rule_index = RULES
        .iter()
        .position(|rule| rule.code == diagnostic.code)
        .unwrap_or(0);
    let mut text = diagnostic.message.clone();
    if let Some(help) = &diagnostic.help {
        text.push_str("\nhelp: ");
        text.push_str(help);
    }
    let related: Vec<Value> = diagnostic
        .related
        .iter()
        .enumerate()
        .map(|(id, related)| {
            let mut location = location(path, &related.place);
            if let Some(object) = location.as_object_mut() {
                object.insert("id".into(), json!(id));
                object.insert("message".into(), json!({"text": related.message}));
            }
            location
        })
        .collect();
    let mut value = json!({
        "ruleId": diagnostic.code,
        "ruleIndex": rule_index,
        "level": level(diagnostic.severity),
        "message": {"text": text},
        "locations": [location(path, &diagnostic.place)],
    });
    if let Some(object) = value.as_object_mut() {
        if !related.is_empty() {
            object.insert("relatedLocations".into(), Value::Array(related));
        }
        if let Some(point) = diagnostic.decision_point {
            object.insert(
                "properties".into(),
                json!({"decisionPoint": point, "pointer": diagnostic.place.pointer}),
            );
        } else {
            object.insert(
                "properties".into(),
                json!({"pointer": diagnostic.place.pointer}),
            );
        }
    }
    value
}

/// A file's URI as SARIF wants it: relative paths stay relative (with `/` separators), absolute
/// ones become `file://` URIs; characters outside the URI set are percent-encoded.
fn artifact_uri(path: &str) -> String {
    if path == "<stdin>" {
        return "stdin".to_owned();
    }
    let path = path.replace('\\', "/");
    let mut uri = String::new();
    if path.starts_with('/') {
        uri.push_str("file://");
    } else if path.len() > 1 && path.as_bytes().get(1) == Some(&b':') {
        uri.push_str("file:///");
    }
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn location(path: &str, place: &Place) -> Value {
    let uri = artifact_uri(path);
    let mut physical = json!({"artifactLocation": {"uri": uri}});
    if let (Some(location), Some(object)) = (place.location, physical.as_object_mut()) {
        // An empty span is reported as one character, which SARIF viewers can highlight.
        let (end_line, end_column) = if location.end > location.start {
            (location.end.line, location.end.column)
        } else {
            (location.start.line, location.start.column + 1)
        };
        object.insert(
            "region".into(),
            json!({
                "startLine": location.start.line,
                "startColumn": location.start.column,
                "endLine": end_line,
                "endColumn": end_column,
            }),
        );
    }
    json!({"physicalLocation": physical})
}

#[cfg(test)]
mod tests {
    use super::artifact_uri;

    #[test]
    fn uris() {
        assert_eq!(
            artifact_uri("plans/district plan.yaml"),
            "plans/district%20plan.yaml"
        );
        assert_eq!(artifact_uri("/tmp/plan.yaml"), "file:///tmp/plan.yaml");
        assert_eq!(artifact_uri("<stdin>"), "stdin");
    }
}
