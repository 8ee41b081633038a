//! SARIF 2.1.0, for GitHub code scanning and other static-analysis dashboards. The rule list
//! comes from the registry, so every result's rule is described with its full documentation.
//!
//! What code scanning uses beyond the bare format: `partialFingerprints` to follow a finding
//! across commits (made from the rule, the file, the JSON Pointer and the message, never the
//! line, so an edit elsewhere in the plan does not make it a new alert), `automationDetails` to
//! keep our runs apart from other tools', each rule's `helpUri` into docs/rules.md, and
//! repository-relative paths under the `SRCROOT` base.
//!
//! The log is written as the run goes ([`SarifEmitter`]): each plan's results as soon as the plan
//! is checked, then the run's `invocations` (which say how the run went: the problems, the plans
//! whose findings were cut, what was skipped, the configuration used), its `properties` and its
//! base. So `invocations` follows `results` in the run object, as a streaming SARIF writer must
//! put it; the order of an object's members means nothing in JSON or SARIF.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Place, Severity};
use crate::engine::{FileReport, Tally};
use crate::render::pretty::Pretty;
use crate::render::{Emitter, RunTotals, Skipped};
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

/// The SARIF log written as the run goes. Holds the run's totals, its problems and the plans
/// whose findings were cut (each with how many), never a plan's results.
#[derive(Debug)]
pub struct SarifEmitter {
    pretty: Pretty,
    started: bool,
    /// The folder relative paths are relative to: where `pathway` runs, in CI the repository.
    root: Option<PathBuf>,
    problems: Vec<String>,
    /// The plans with findings left out, and how many of each severity.
    cut: Vec<(String, Tally)>,
    totals: RunTotals,
}

impl SarifEmitter {
    /// An emitter for a new run whose relative paths are relative to `root` (the current
    /// directory, as [`render`] takes it), named in the log as the `SRCROOT` base.
    pub fn new(root: Option<PathBuf>) -> SarifEmitter {
        SarifEmitter {
            pretty: Pretty::default(),
            started: false,
            root,
            problems: Vec::new(),
            cut: Vec::new(),
            totals: RunTotals::default(),
        }
    }

    /// The log's opening, up to the run's `results` array, on first use.
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.started {
            return Ok(());
        }
        self.started = true;
        let pretty = &mut self.pretty;
        pretty.open(out, b'{')?;
        pretty.member(out, "$schema", &SCHEMA)?;
        pretty.member(out, "version", &"2.1.0")?;
        pretty.key(out, "runs")?;
        pretty.open(out, b'[')?;
        pretty.item(out)?;
        pretty.open(out, b'{')?;
        pretty.member(out, "tool", &json!({"driver": driver()}))?;
        pretty.member(
            out,
            "automationDetails",
            &json!({"id": "pathway/validate/"}),
        )?;
        pretty.member(out, "columnKind", &"unicodeCodePoints")?;
        pretty.key(out, "results")?;
        pretty.open(out, b'[')
    }
}

impl Emitter for SarifEmitter {
    fn problem(&mut self, _out: &mut dyn Write, problem: &str) -> io::Result<()> {
        self.problems.push(problem.to_owned());
        Ok(())
    }

    fn plan(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.start(out)?;
        self.totals.add(report);
        if report.omitted.total() > 0 {
            self.cut.push((report.path.clone(), report.omitted));
        }
        for result in results(report, self.root.as_deref()) {
            self.pretty.item(out)?;
            self.pretty.value(out, &result)?;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, skipped: &[Skipped]) -> io::Result<()> {
        self.start(out)?;
        self.pretty.close(out)?;
        let root = self.root.as_deref();
        let invocation = invocation(&self.problems, &self.cut, &self.totals, skipped, root);
        self.pretty.member(out, "invocations", &[invocation])?;
        self.pretty
            .member(out, "properties", &omitted_counts(&self.totals.omitted()))?;
        if let Some(base) = root.and_then(directory_uri) {
            self.pretty
                .member(out, "originalUriBaseIds", &json!({SRCROOT: {"uri": base}}))?;
        }
        self.pretty.close(out)?;
        self.pretty.close(out)?;
        self.pretty.close(out)?;
        out.write_all(b"\n")
    }
}

/// The whole run as a SARIF log, followed by a newline, with paths relative to the current
/// directory.
pub fn render(reports: &[FileReport], problems: &[String], skipped: &[Skipped]) -> String {
    let mut emitter = SarifEmitter::new(std::env::current_dir().ok());
    super::emit_all(&mut emitter, reports, problems, skipped)
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

/// Every finding of a plan, each with a fingerprint that survives unrelated edits.
fn results(report: &FileReport, root: Option<&Path>) -> Vec<Value> {
    let artifact = Artifact::new(&report.path, root);
    // Two findings alike in everything the fingerprint sees are told apart by their order.
    let mut seen: HashMap<u64, usize> = HashMap::new();
    report
        .diagnostics
        .iter()
        .map(|diagnostic| {
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
            value
        })
        .collect()
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
    problems: &[String],
    cut: &[(String, Tally)],
    totals: &RunTotals,
    skipped: &[Skipped],
    root: Option<&Path>,
) -> Value {
    let mut notifications: Vec<Value> = problems
        .iter()
        .map(|problem| json!({"level": "error", "message": {"text": problem}}))
        .collect();
    notifications.extend(
        cut.iter()
            .map(|(path, omitted)| omission(path, omitted, root)),
    );
    notifications.extend(run_notes(totals, skipped, root));
    json!({
        "executionSuccessful": problems.is_empty(),
        "toolExecutionNotifications": notifications,
    })
}

/// A notification for a plan whose findings were cut: how many, by severity. Its level is that
/// of the most serious finding left out.
fn omission(path: &str, omitted: &Tally, root: Option<&Path>) -> Value {
    let worst = [Severity::Error, Severity::Warning, Severity::Info]
        .into_iter()
        .find(|&severity| omitted.get(severity) > 0)
        .unwrap_or(Severity::Info);
    json!({
        "level": level(worst),
        "message": {"text": format!(
            "{}: {} more findings not listed ({} errors, {} warnings, {} infos); \
             they count in the totals",
            path, omitted.total(), omitted.errors, omitted.warnings, omitted.infos
        )},
        "locations": [location(&Artifact::new(path, root), &Place {
            pointer: String::new(),
            location: None,
        })],
        "properties": {
            "omittedResults": omitted.total(),
            "omittedByLevel": by_level(omitted),
        },
    })
}

/// Notes on what a folder walk skipped, and on the configuration files that applied.
fn run_notes<'a>(
    totals: &'a RunTotals,
    skipped: &'a [Skipped],
    root: Option<&'a Path>,
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
    let configs = totals
        .configs()
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
fn omitted_counts(all: &Tally) -> Value {
    json!({"omittedResults": all.total(), "omittedByLevel": by_level(all)})
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
    fn new(path: &str, root: Option<&Path>) -> Artifact {
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
fn directory_uri(root: &Path) -> Option<String> {
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
