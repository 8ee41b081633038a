//! SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards. The rule list
//! comes from the registry, so every result's rule is described with its full documentation.
//!
//! What code scanning uses beyond the bare format: `partialFingerprints` to follow a finding
//! across commits (made from the rule, the file, the JSON Pointer and the message, never the
//! line, so an edit elsewhere in the plan does not make it a new alert), `automationDetails` to
//! keep our runs apart from other tools', each rule's `helpUri` into docs/rules.md, and
//! repository-relative paths under the `SRCROOT` base.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Place, Severity};
use crate::engine::{FileReport, Tally};
use crate::render::Skipped;
use crate::rules::{RULES, Rule};

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

/// The base that relative artifact paths are resolved against: the directory `pathway` ran
/// in, which in CI is the repository's root.
const SRCROOT: &str = "SRCROOT";

/// Which partial fingerprint we compute; a new way of computing it gets a new name.
const FINGERPRINT: &str = "pathwayFinding/v1";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// The whole run as a SARIF log, followed by a newline.
pub fn render(reports: &[FileReport], problems: &[String], skipped: &[Skipped]) -> String {
    let root = std::env::current_dir().ok();
    let mut run = json!({
        "tool": {"driver": driver()},
        "automationDetails": {"id": "pathway/validate/"},
        "columnKind": "unicodeCodePoints",
        "invocations": [invocation(reports, problems, skipped, root.as_deref())],
        "results": results(reports, root.as_deref()),
        "properties": omitted_counts(reports),
    });
    if let (Some(base), Some(object)) =
        (root.as_deref().and_then(directory_uri), run.as_object_mut())
    {
        object.insert("originalUriBaseIds".into(), json!({SRCROOT: {"uri": base}}));
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    let mut text = super::neutral::json(serde_json::to_string_pretty(&log).unwrap_or_default());
    text.push('\n');
    text
}

/// The tool and its rules, from the registry.
fn driver() -> Value {
    let rules: Vec<Value> = RULES.iter().map(rule_descriptor).collect();
    json!({
        "name": "pathway",
        "fullName": "Pathway Kit validator",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "informationUri": env!("CARGO_PKG_REPOSITORY"),
        "rules": rules,
    })
}

fn rule_descriptor(rule: &Rule) -> Value {
    let markdown = rule.documentation();
    let text = plain_text(&markdown);
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": text, "markdown": markdown},
        "help": {"text": text, "markdown": markdown},
        "helpUri": help_uri(rule),
        "defaultConfiguration": {"level": level(rule.default_severity)},
        "properties": {"tags": ["pathway-plan"]},
    })
}

/// The rule's section of docs/rules.md, whose headings are `## PW201 dangling-reference`.
fn help_uri(rule: &Rule) -> String {
    format!(
        "{}/blob/main/docs/rules.md#{}-{}",
        env!("CARGO_PKG_REPOSITORY"),
        rule.code.to_ascii_lowercase(),
        rule.name
    )
}

/// Markdown as plain text, for viewers that show `text` as it is: no emphasis or code marks,
/// no heading marks, code blocks indented instead of fenced.
fn plain_text(markdown: &str) -> String {
    let mut out = String::new();
    let mut in_code = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
            continue;
        }
        if in_code {
            out.push_str("    ");
            out.push_str(line);
        } else {
            let line = line.trim_start_matches('#').trim_start();
            out.extend(line.chars().filter(|c| !matches!(c, '*' | '`')));
        }
        out.push('\n');
    }
    out.trim_end().to_owned()
}

/// Every finding of every file, each with a fingerprint that survives unrelated edits.
fn results(reports: &[FileReport], root: Option<&std::path::Path>) -> Vec<Value> {
    let mut results = Vec::new();
    for report in reports {
        let artifact = Artifact::new(&report.path, root);
        // Two findings alike in everything the fingerprint sees are told apart by their order.
        let mut seen: HashMap<u64, usize> = HashMap::new();
        for diagnostic in &report.diagnostics {
            let hash = fingerprint(&artifact.uri, diagnostic);
            let occurrence = seen.entry(hash).or_insert(0);
            *occurrence += 1;
            let mut value = result(&artifact, diagnostic);
            if let Some(object) = value.as_object_mut() {
                object.insert(
                    "partialFingerprints".into(),
                    json!({FINGERPRINT: format!("{hash:016x}:{occurrence}")}),
                );
            }
            results.push(value);
        }
    }
    results
}

/// FNV-1a over the rule, the file, the JSON Pointer and the message: stable from run to run
/// and release to release (unlike `std`'s hasher), and blind to line numbers.
fn fingerprint(uri: &str, diagnostic: &Diagnostic) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for field in [
        diagnostic.code,
        uri,
        diagnostic.place.pointer.as_str(),
        diagnostic.message.as_str(),
    ] {
        for byte in field.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    hash
}

/// The run's invocation: whether every file could be checked, and what kept the others from it;
/// and, for each plan with more findings than are listed, how many were left out.
fn invocation(
    reports: &[FileReport],
    problems: &[String],
    skipped: &[Skipped],
    root: Option<&std::path::Path>,
) -> Value {
    let mut notifications: Vec<Value> = problems
        .iter()
        .map(|problem| json!({"level": "error", "message": {"text": problem}}))
        .collect();
    notifications.extend(omissions(reports, root));
    notifications.extend(run_notes(reports, skipped, root));
    json!({
        "executionSuccessful": problems.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// A notification for each plan whose findings were cut: how many, by severity. Its level is
/// that of the most serious finding left out.
fn omissions<'a>(
    reports: &'a [FileReport],
    root: Option<&'a std::path::Path>,
) -> impl Iterator<Item = Value> + 'a {
    reports
        .iter()
        .filter(|report| report.omitted.total() > 0)
        .map(move |report| {
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
                "locations": [location(&Artifact::new(&report.path, root), &Place {
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
    root: Option<&'a std::path::Path>,
) -> impl Iterator<Item = Value> + 'a {
    let summary = super::skipped_summary(skipped)
        .into_iter()
        .map(|text| json!({"level": "note", "message": {"text": text}}));
    let each = skipped
        .iter()
        .filter(|file| file.reason != super::SkipReason::NotAPlan)
        .map(move |file| {
            json!({
                "level": "note",
                "message": {"text": format!("{}: {}", file.path, file.reason.describe())},
                "locations": [location(&Artifact::new(&file.path, root), &Place { pointer: String::new(), location: None })],
            })
        });
    let configs = super::configs_used(reports)
        .into_iter()
        .map(move |(config, plans)| {
            json!({
                "level": "note",
                "message": {"text": format!("rule settings from {config} ({plans})")},
                "locations": [location(&Artifact::new(config, root), &Place { pointer: String::new(), location: None })],
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

fn result(artifact: &Artifact, diagnostic: &Diagnostic) -> Value {
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
            let mut location = location(artifact, &related.place);
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
        "locations": [location(artifact, &diagnostic.place)],
    });
    if let Some(object) = value.as_object_mut() {
        if !related.is_empty() {
            object.insert("relatedLocations".into(), Value::Array(related));
        }
        if let Some(point) = diagnostic.decision_point.as_deref() {
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

/// Where a plan file is, as SARIF names it: relative to `SRCROOT` when it is inside the
/// directory `pathway` ran in (with `/` separators and no `./`), else an absolute `file://` URI.
struct Artifact {
    uri: String,
    relative: bool,
}

impl Artifact {
    fn new(path: &str, root: Option<&std::path::Path>) -> Artifact {
        if path == "<stdin>" {
            return Artifact {
                uri: "stdin".to_owned(),
                relative: false,
            };
        }
        let inside_root = root
            .and_then(|root| std::path::Path::new(path).strip_prefix(root).ok())
            .and_then(|relative| relative.to_str());
        let path = inside_root.unwrap_or(path).replace('\\', "/");
        if is_absolute(&path) {
            return Artifact {
                uri: file_uri(&path),
                relative: false,
            };
        }
        let segments: Vec<&str> = path
            .split('/')
            .filter(|segment| !segment.is_empty() && *segment != ".")
            .collect();
        Artifact {
            uri: percent_encode(&segments.join("/")),
            relative: true,
        }
    }
}

fn is_absolute(path: &str) -> bool {
    path.starts_with('/') || (path.len() > 1 && path.as_bytes().get(1) == Some(&b':'))
}

/// An absolute path (`/tmp/plan.yaml`, `C:/plans/plan.yaml`) as a `file://` URI.
fn file_uri(path: &str) -> String {
    let prefix = if path.starts_with('/') {
        "file://"
    } else {
        "file:///"
    };
    format!("{prefix}{}", percent_encode(path))
}

/// The directory `pathway` ran in, as the `file://` URI of `SRCROOT` (ending in `/`, as SARIF
/// requires of a base).
fn directory_uri(root: &std::path::Path) -> Option<String> {
    let path = root.to_str()?.replace('\\', "/");
    if !is_absolute(&path) {
        return None;
    }
    let mut uri = file_uri(&path);
    if !uri.ends_with('/') {
        uri.push('/');
    }
    Some(uri)
}

/// Characters outside the URI set, percent-encoded.
fn percent_encode(path: &str) -> String {
    let mut uri = String::new();
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn location(artifact: &Artifact, place: &Place) -> Value {
    let mut artifact_location = json!({"uri": artifact.uri});
    if artifact.relative
        && let Some(object) = artifact_location.as_object_mut()
    {
        object.insert("uriBaseId".into(), json!(SRCROOT));
    }
    let mut physical = json!({"artifactLocation": artifact_location});
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
    use std::path::Path;

    use super::*;

    #[test]
    fn paths_are_relative_to_the_source_root() {
        let root = Some(Path::new("/work/repo"));
        let uri = |path: &str| {
            let artifact = Artifact::new(path, root);
            (artifact.uri, artifact.relative)
        };
        assert_eq!(
            uri("plans/district plan.yaml"),
            ("plans/district%20plan.yaml".to_owned(), true)
        );
        assert_eq!(uri("./plans//a.yaml"), ("plans/a.yaml".to_owned(), true));
        assert_eq!(
            uri("/work/repo/plans/a.yaml"),
            ("plans/a.yaml".to_owned(), true)
        );
        assert_eq!(
            uri("/tmp/plan.yaml"),
            ("file:///tmp/plan.yaml".to_owned(), false)
        );
        assert_eq!(uri("<stdin>"), ("stdin".to_owned(), false));
        assert_eq!(
            directory_uri(Path::new("/work/my repo")).as_deref(),
            Some("file:///work/my%20repo/")
        );
    }

    #[test]
    fn help_links_point_at_the_rules_section() {
        let rule = RULES.iter().find(|rule| rule.code == "PW201").unwrap();
        assert_eq!(
            help_uri(rule),
            format!(
                "{}/blob/main/docs/rules.md#pw201-dangling-reference",
                env!("CARGO_PKG_REPOSITORY")
            )
        );
    }

    #[test]
    fn help_text_is_plain() {
        let text = plain_text("**What it does:**\n\nChecks `ids`.\n\n```yaml\nid: x\n```\n");
        assert_eq!(text, "What it does:\n\nChecks ids.\n\n    id: x");
    }
}
