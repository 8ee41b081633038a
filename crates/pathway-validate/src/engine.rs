//! Runs the validator over one plan: parse, check the structure against the schema, type the
//! plan, run the rules, apply suppressions and configuration.

use std::collections::HashMap;

use pathway_schema::decision_points::{DECISION_POINTS, is_answered};
use pathway_schema::load::{Document, Format, Limits, LoadError, LoadErrorKind, Node, parse};
use pathway_schema::source::{Location, Source};
use pathway_schema::{Area, Readiness};

use crate::config::{RuleSettings, Setting};
use crate::diagnostic::{Diagnostic, Place, Related, Severity};
use crate::rules::{self, Context, Finding, RULES, Rule, Target};
use crate::{structure, suppress};

/// The audience profiles every plan may name.
pub const BUILT_IN_AUDIENCES: [&str; 7] = [
    "state",
    "city",
    "district",
    "school-board",
    "union",
    "school",
    "educators",
];

/// How to validate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Bounds on the input.
    pub limits: Limits,
    /// The audience ids plans may name.
    pub audiences: Vec<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            limits: Limits::DEFAULT,
            audiences: BUILT_IN_AUDIENCES
                .iter()
                .map(|id| (*id).to_owned())
                .collect(),
        }
    }
}

/// How many of an area's required decision points a plan answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AreaCoverage {
    /// The area.
    pub area: Area,
    /// Required points answered.
    pub answered: usize,
    /// Points required at the plan's level.
    pub required: usize,
}

/// Everything found in one plan file.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file's name as given.
    pub path: String,
    /// The findings, in source order.
    pub diagnostics: Vec<Diagnostic>,
    /// The file's text, for quoting the findings: kept when the file could be read and there is
    /// a finding to quote. (A thousand clean plans checked at once keep none of their text.)
    pub source: Option<Source>,
    /// The plan's readiness level, when the plan could be typed.
    pub readiness: Option<Readiness>,
    /// Decision-point coverage per area, when the plan could be typed.
    pub coverage: Vec<AreaCoverage>,
    /// Findings left out because the file had more than [`MAX_FINDINGS`].
    pub omitted: usize,
}

/// The most findings reported for one file; a file with more is reported with the first ones
/// and a count of the rest, so that a broken or hostile file cannot flood the output.
pub const MAX_FINDINGS: usize = 1_000;

/// The most related places listed under one finding; more are summed up in one last note.
pub const MAX_RELATED: usize = 20;

impl FileReport {
    /// Counts findings of a severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// Validates plan text. `format` is taken from the file name, or sniffed, when `None`.
pub fn check_source(
    source: Source,
    format: Option<Format>,
    options: &Options,
    settings: &RuleSettings,
) -> FileReport {
    let path = source.name().to_owned();
    let kept = source.clone();
    let mut report = FileReport {
        path,
        diagnostics: Vec::new(),
        source: Some(kept),
        readiness: None,
        coverage: Vec::new(),
        omitted: 0,
    };
    let document = match parse(source, format, &options.limits) {
        Ok(document) => document,
        Err(error) => {
            push_load_error(&mut report, &error, settings);
            return report;
        }
    };
    let mut raw: Vec<(&'static Rule, Finding)> = Vec::new();
    let (structural, undescribed) =
        structure::check_plan_document_at_most(&document, MAX_FINDINGS + 1);
    report.omitted += undescribed;
    if !structural.is_empty() {
        raw.extend(
            structural
                .into_iter()
                .map(|finding| (&rules::invalid_structure::RULE, finding)),
        );
    } else {
        match document.plan() {
            Ok(plan) => {
                let (findings, dropped) =
                    rule_findings(&document, &plan, &options.audiences, settings);
                report.omitted += dropped;
                raw.extend(findings);
                report.readiness = Some(plan.readiness);
                report.coverage = coverage(plan.readiness, document.root());
            }
            // The schema and the types agree, so this only happens if they drift apart.
            Err(error) => push_load_error(&mut report, &error, settings),
        }
    }
    if raw.len() > MAX_FINDINGS {
        report.omitted += raw.len() - MAX_FINDINGS;
        raw.truncate(MAX_FINDINGS);
    }
    for (rule, finding) in raw {
        if let Setting::Severity(severity) = settings.get(rule) {
            report
                .diagnostics
                .push(locate(&document, rule, severity, finding));
        }
    }
    apply_suppressions(&mut report, &document, settings);
    report
        .diagnostics
        .sort_by(|a, b| a.start().cmp(&b.start()).then(a.code.cmp(b.code)));
    if report.diagnostics.is_empty() {
        report.source = None;
    }
    report
}

/// Runs every rule that is not off over a typed plan: the findings kept, in catalog order, and
/// how many more were reported than kept.
pub fn rule_findings(
    document: &Document,
    plan: &pathway_schema::Plan,
    audiences: &[String],
    settings: &RuleSettings,
) -> (Vec<(&'static Rule, Finding)>, usize) {
    let model = pathway_schema::domain::Model::new(plan);
    let context = Context {
        plan,
        document,
        audiences,
        model: &model,
    };
    let mut found = Vec::new();
    let mut omitted = 0;
    for rule in RULES {
        if settings.get(rule) == Setting::Off {
            continue;
        }
        if let Some(check) = rule.check {
            let mut findings = rules::Findings::new();
            check(&context, &mut findings);
            let (kept, dropped) = findings.into_parts();
            omitted += dropped;
            found.extend(kept.into_iter().map(|finding| (rule, finding)));
        }
    }
    (found, omitted)
}

/// Whether a finding's pointer, and each of its related places, names a value the document
/// holds, as it must unless the finding says the value may be missing
/// ([`Target::MaybeMissing`]). Related places always name existing values.
pub fn resolves(document: &Document, finding: &Finding) -> bool {
    let exists = |pointer: &str| document.root().pointer(pointer).is_some();
    (finding.target == Target::MaybeMissing || exists(&finding.pointer))
        && finding.related.iter().all(|(pointer, _)| exists(pointer))
}

/// The report for a file that was read but cannot be a plan (too large, not UTF-8 text).
pub fn report_unreadable(error: &LoadError) -> FileReport {
    let mut report = FileReport {
        path: error.file.clone(),
        diagnostics: Vec::new(),
        source: None,
        readiness: None,
        coverage: Vec::new(),
        omitted: 0,
    };
    push_load_error(&mut report, error, &RuleSettings::default());
    report
}

fn push_load_error(report: &mut FileReport, error: &LoadError, settings: &RuleSettings) {
    let rule = match error.kind {
        LoadErrorKind::UnknownKey
        | LoadErrorKind::MissingKey
        | LoadErrorKind::WrongType
        | LoadErrorKind::InvalidValue => &rules::invalid_structure::RULE,
        _ => &rules::unparsable_plan::RULE,
    };
    // A plan that cannot be read always fails: configuration may lower other rules, not this.
    let severity = match settings.get(rule) {
        Setting::Severity(severity) => severity.max(Severity::Error),
        Setting::Off => Severity::Error,
    };
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

/// Turns a rule's finding into a diagnostic with positions.
fn locate(
    document: &Document,
    rule: &'static Rule,
    severity: Severity,
    finding: Finding,
) -> Diagnostic {
    let location = place_of(document, &finding.pointer, finding.target);
    let more = finding.related.len().saturating_sub(MAX_RELATED);
    let mut related: Vec<Related> = finding
        .related
        .into_iter()
        .take(MAX_RELATED)
        .map(|(pointer, message)| {
            let location = place_of(document, &pointer, Target::Value);
            Related {
                message,
                place: Place { pointer, location },
            }
        })
        .collect();
    if more > 0 {
        // Regression: a plan of 20,000 opportunities that all leave the classroom gave one
        // finding with 20,000 notes.
        related.push(Related {
            message: format!("and {more} more places"),
            place: Place {
                pointer: String::new(),
                location: None,
            },
        });
    }
    Diagnostic {
        code: rule.code,
        severity,
        message: finding.message,
        help: finding.help,
        decision_point: finding.decision_point,
        place: Place {
            pointer: finding.pointer,
            location,
        },
        related,
    }
}

/// Where a pointer stands; for a value that is not there, the key of the nearest mapping that
/// should hold it (which only findings marked [`Target::MaybeMissing`] may rely on; see
/// [`resolves`]).
fn place_of(document: &Document, pointer: &str, target: Target) -> Option<Location> {
    if document.root().pointer(pointer).is_some() {
        return match target {
            Target::Key | Target::MaybeMissing => document.locate_key(pointer),
            Target::Value => document.locate(pointer),
        };
    }
    let mut parent = pointer;
    while let Some(cut) = parent.rfind('/') {
        parent = parent.get(..cut).unwrap_or_default();
        if document.root().pointer(parent).is_some() {
            return document.locate_key(parent);
        }
    }
    document.locate_key("")
}

fn apply_suppressions(report: &mut FileReport, document: &Document, settings: &RuleSettings) {
    if document.format() != Format::Yaml {
        return;
    }
    // Findings by line, so that each suppression looks only at its own line's findings.
    // Regression: every suppression scanned every finding, and complaints about suppressions
    // were not counted against MAX_FINDINGS (tests/hostile/many-suppressions.yaml).
    let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, diagnostic) in report.diagnostics.iter().enumerate() {
        by_line.entry(diagnostic.start().0).or_default().push(i);
    }
    let mut silenced = vec![false; report.diagnostics.len()];
    let mut complaints = Vec::new();
    for suppression in suppress::find(document.source()) {
        let complaint = if suppression.codes.is_empty() {
            Some((
                "`# pathway-allow` names no rule".to_owned(),
                "write `# pathway-allow CODE: reason`",
            ))
        } else if suppression.reason.is_empty() {
            Some((
                format!(
                    "the suppression of {} gives no reason",
                    suppression.codes.join(", ")
                ),
                "write why after a colon: `# pathway-allow CODE: reason`",
            ))
        } else if let Some(unknown) = suppression
            .codes
            .iter()
            .find(|code| rules::find(code).is_none())
        {
            Some((
                format!("`{unknown}` is not a rule code"),
                "`pathway rules` lists the codes",
            ))
        } else {
            let mut matched = false;
            for &i in by_line.get(&suppression.target_line).into_iter().flatten() {
                let (Some(diagnostic), Some(flag)) =
                    (report.diagnostics.get(i), silenced.get_mut(i))
                else {
                    continue;
                };
                if !*flag
                    && diagnostic.code != rules::unparsable_plan::RULE.code
                    && suppression
                        .codes
                        .iter()
                        .any(|code| code.eq_ignore_ascii_case(diagnostic.code))
                {
                    *flag = true;
                    matched = true;
                }
            }
            (!matched).then(|| {
                (
                    format!(
                        "the suppression of {} matches no finding on line {}",
                        suppression.codes.join(", "),
                        suppression.target_line
                    ),
                    "remove it, or move it onto or just above the line of the finding",
                )
            })
        };
        if let Some((message, help)) = complaint {
            complaints.push((suppression.line, suppression.column, message, help));
        }
    }
    let mut silenced = silenced.into_iter();
    report
        .diagnostics
        .retain(|_| !silenced.next().unwrap_or(false));
    let Setting::Severity(severity) = settings.get(&rules::invalid_suppression::RULE) else {
        return;
    };
    for (line, column, message, help) in complaints {
        if report.diagnostics.len() >= MAX_FINDINGS {
            report.omitted += 1;
            continue;
        }
        let position = pathway_schema::source::Position { line, column };
        report.diagnostics.push(Diagnostic {
            code: rules::invalid_suppression::RULE.code,
            severity,
            message,
            help: Some(help.to_owned()),
            decision_point: None,
            place: Place {
                pointer: String::new(),
                location: Some(Location {
                    start: position,
                    end: position,
                }),
            },
            related: Vec::new(),
        });
    }
}

fn coverage(level: Readiness, root: &Node) -> Vec<AreaCoverage> {
    Area::ALL
        .iter()
        .map(|&area| {
            let required: Vec<_> = DECISION_POINTS
                .iter()
                .filter(|p| p.area == area && p.level <= level)
                .collect();
            let answered = required
                .iter()
                .filter(|p| is_answered(root.pointer(p.pointer)))
                .count();
            AreaCoverage {
                area,
                answered,
                required: required.len(),
            }
        })
        .filter(|coverage| coverage.required > 0)
        .collect()
}
