//! Runs the validator over one plan: parse, check the structure against the schema, type the
//! plan, run the rules, apply suppressions and configuration.

use pathway_schema::load::{Limits, SourceTree, Syntax, parse};
use pathway_schema::source::{Location, Source};
use pathway_schema::{Area, Readiness};

use crate::config::{RuleSettings, Setting};
use crate::diagnostic::{Diagnostic, Place, Related, Severity};
use crate::rules::{self, Answers, Check, EngineStage, Finding, RULES, Rule, RuleContext, Target};
use crate::structure;

mod reported;
mod suppressions;

pub use reported::report_unreadable;
use reported::{push_load_error, unsilenceable};
use suppressions::apply_suppressions;

/// The audiences every plan may name: the built-in profiles' ids, read from their files by
/// [`pathway_schema::audiences`].
pub const BUILT_IN_AUDIENCES: &[&str] = pathway_schema::audiences::IDS;

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
    /// Decision-point coverage per area, when the plan could be typed: the toolkit's points
    /// and the state's own from configuration.
    pub coverage: Vec<AreaCoverage>,
    /// Findings left out because the file had more than [`MAX_FINDINGS`], by severity. They
    /// count in [`FileReport::count`], the summary and the exit status all the same.
    pub omitted: Tally,
    /// The configuration file whose settings applied, as the command found or was given it;
    /// every output format names it.
    pub config: Option<String>,
}

/// How many findings there are of each severity.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Information.
    pub infos: usize,
}

impl Tally {
    /// Counts `n` more findings of a severity.
    pub fn add(&mut self, severity: Severity, n: usize) {
        *self.slot(severity) += n;
    }

    /// The count of a severity.
    pub fn get(&self, severity: Severity) -> usize {
        match severity {
            Severity::Error => self.errors,
            Severity::Warning => self.warnings,
            Severity::Info => self.infos,
        }
    }

    /// All findings counted.
    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.infos
    }

    fn slot(&mut self, severity: Severity) -> &mut usize {
        match severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
            Severity::Info => &mut self.infos,
        }
    }
}

pub use crate::rules::{MAX_FINDINGS, MAX_RELATED};

impl FileReport {
    /// Counts findings of a severity: those shown and those left out.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
            + self.omitted.get(severity)
    }
}

/// Validates plan text. `format` is taken from the file name, or sniffed, when `None`.
pub fn check_source(
    source: Source,
    format: Option<Syntax>,
    options: &Options,
    settings: &RuleSettings,
) -> FileReport {
    check_source_keeping_plan(source, format, options, settings).0
}

/// A plan that matched the schema and was typed, as [`check_source_keeping_plan`] hands it on.
#[derive(Debug, Clone)]
pub struct CheckedPlan {
    /// The typed plan.
    pub plan: pathway_schema::Plan,
    /// Whether each decision point holds a real answer, whatever the plan's level requires:
    /// the toolkit's in the order of [`DECISION_POINTS`](pathway_schema::DECISION_POINTS),
    /// then the state's in the order of [`CheckedPlan::state_points`].
    pub answered: Vec<bool>,
    /// The state's own decision points the plan was checked against (from its configuration).
    pub state_points: std::sync::Arc<[pathway_schema::state_points::StateDecisionPoint]>,
}

/// Validates plan text as [`check_source`] does, and hands on the typed plan when it matched
/// the schema, so that a caller that reads the plan too (the state roll-up) parses it once.
pub fn check_source_keeping_plan(
    source: Source,
    format: Option<Syntax>,
    options: &Options,
    settings: &RuleSettings,
) -> (FileReport, Option<CheckedPlan>) {
    let (report, leftovers) = check_source_keeping_all(source, format, options, settings);
    (report, leftovers.and_then(|leftovers| leftovers.plan))
}

/// What a plan's check was made from, handed back by [`check_source_keeping_all`].
#[derive(Debug)]
pub struct Leftovers {
    /// The parsed document.
    pub document: SourceTree,
    /// The typed plan, when it matched the schema.
    pub plan: Option<CheckedPlan>,
}

/// Validates plan text as [`check_source_keeping_plan`] does, and hands back the document tree
/// with the typed plan rather than freeing them: freeing a statewide plan's (about a million
/// allocations) took a tenth of checking it, which a command about to exit can leave to the
/// operating system.
pub fn check_source_keeping_all(
    source: Source,
    format: Option<Syntax>,
    options: &Options,
    settings: &RuleSettings,
) -> (FileReport, Option<Leftovers>) {
    // The report keeps the text (to quote findings) in one copy, whichever way parsing goes.
    let mut report = empty_report(&source);
    match parse(source, format, &options.limits) {
        Ok(document) => {
            let (report, plan) = check_parsed(&document, report, options, settings);
            (report, Some(Leftovers { document, plan }))
        }
        Err(error) => {
            push_load_error(&mut report, &error, settings);
            (report, None)
        }
    }
}

/// A report with no findings yet, keeping a copy of the plan's text.
fn empty_report(source: &Source) -> FileReport {
    FileReport {
        path: source.name().to_owned(),
        diagnostics: Vec::new(),
        source: Some(source.clone()),
        readiness: None,
        coverage: Vec::new(),
        omitted: Tally::default(),
        config: None,
    }
}

/// Validates a parsed plan as [`check_source_keeping_plan`] does once the text is parsed: for
/// a caller that parsed it itself, such as with its own migrations
/// ([`pathway_schema::load::migrate`]).
pub fn check_document(
    document: SourceTree,
    options: &Options,
    settings: &RuleSettings,
) -> (FileReport, Option<CheckedPlan>) {
    check_lent_document(&document, options, settings)
}

/// [`check_document`] for a caller that keeps the parsed plan afterwards, such as `pathway
/// export`, which reads which decision points are open from it: the text is parsed once.
pub fn check_lent_document(
    document: &SourceTree,
    options: &Options,
    settings: &RuleSettings,
) -> (FileReport, Option<CheckedPlan>) {
    let report = empty_report(document.source());
    check_parsed(document, report, options, settings)
}

fn check_parsed(
    document: &SourceTree,
    mut report: FileReport,
    options: &Options,
    settings: &RuleSettings,
) -> (FileReport, Option<CheckedPlan>) {
    let mut checked = None;
    let mut raw: Vec<(&'static Rule, Severity, Finding)> = Vec::new();
    let (structural, undescribed) =
        structure::check_plan_document_at_most(document, MAX_FINDINGS + 1);
    if !structural.is_empty() {
        let rule = rules::reported_at(EngineStage::Structure);
        let severity = unsilenceable(rule, settings);
        report.omitted.add(severity, undescribed);
        raw.extend(
            structural
                .into_iter()
                .map(|finding| (rule, severity, finding)),
        );
    } else {
        match document.plan() {
            Ok(plan) => {
                let answers = Answers::of(document.root(), settings.decision_points());
                let (findings, dropped) =
                    findings_with(document, &plan, &options.audiences, settings, &answers);
                for severity in [Severity::Error, Severity::Warning, Severity::Info] {
                    report.omitted.add(severity, dropped.get(severity));
                }
                raw.extend(findings);
                report.readiness = Some(plan.readiness);
                report.coverage = coverage(plan.readiness, &answers);
                let answered = answers.answered().map(|(_, answered)| answered).collect();
                checked = Some(CheckedPlan {
                    plan,
                    answered,
                    state_points: settings.shared_decision_points(),
                });
            }
            // The schema and the types agree, so this only happens if they drift apart.
            Err(error) => push_load_error(&mut report, &error, settings),
        }
    }
    // Every finding kept by its rule is placed, so that suppressions see them all before any
    // is cut: a cut made first would let a silenced finding count, or an error go unseen.
    for (rule, severity, finding) in raw {
        report
            .diagnostics
            .push(locate(document, rule, severity, finding));
    }
    apply_suppressions(&mut report, document, settings);
    keep_most_serious(&mut report);
    if report.diagnostics.is_empty() {
        report.source = None;
    }
    (report, checked)
}

/// Runs every rule that is not off over a typed plan: the findings kept, in catalog order, each
/// with the severity configuration gives its rule, and how many more were reported than kept,
/// by severity.
pub fn rule_findings(
    document: &SourceTree,
    plan: &pathway_schema::Plan,
    audiences: &[String],
    settings: &RuleSettings,
) -> (Vec<(&'static Rule, Severity, Finding)>, Tally) {
    let answers = Answers::of(document.root(), settings.decision_points());
    findings_with(document, plan, audiences, settings, &answers)
}

/// [`rule_findings`] with the decision points' answers already walked.
fn findings_with(
    document: &SourceTree,
    plan: &pathway_schema::Plan,
    audiences: &[String],
    settings: &RuleSettings,
    answers: &Answers<'_>,
) -> (Vec<(&'static Rule, Severity, Finding)>, Tally) {
    let model = pathway_schema::domain::Model::new(plan);
    let context = RuleContext {
        plan,
        tree: document,
        audiences,
        model: &model,
        state_points: settings.decision_points(),
        answers,
    };
    let mut found = Vec::new();
    let mut omitted = Tally::default();
    for rule in RULES {
        let Setting::Severity(severity) = settings.get(rule) else {
            continue;
        };
        if let Check::Plan(check) = rule.check {
            let mut findings = rules::Findings::new();
            check(&context, &mut findings);
            let (kept, dropped) = findings.into_parts();
            omitted.add(severity, dropped);
            found.extend(kept.into_iter().map(|finding| (rule, severity, finding)));
        }
    }
    (found, omitted)
}

/// Whether a finding's pointer, and each of its related places, names a value the document
/// holds, as it must unless the finding says the value may be missing
/// ([`Target::MaybeMissing`]). Related places always name existing values.
pub fn resolves(document: &SourceTree, finding: &Finding) -> bool {
    let exists = |pointer: &str| document.root().pointer(pointer).is_some();
    (finding.target == Target::MaybeMissing || exists(&finding.pointer))
        && finding.related.iter().all(|(pointer, _)| exists(pointer))
}

/// Cuts a report to [`MAX_FINDINGS`], errors kept before warnings before information (in
/// source order within each), counting what is cut; then puts the findings in source order.
fn keep_most_serious(report: &mut FileReport) {
    if report.diagnostics.len() > MAX_FINDINGS {
        // Stable: within a severity, the order the findings were made in.
        report
            .diagnostics
            .sort_by(|a, b| b.severity.cmp(&a.severity).then(a.start().cmp(&b.start())));
        for cut in report.diagnostics.drain(MAX_FINDINGS..) {
            report.omitted.add(cut.severity, 1);
        }
    }
    report
        .diagnostics
        .sort_by(|a, b| a.start().cmp(&b.start()).then(a.code.cmp(b.code)));
}

/// Turns a rule's finding into a diagnostic with positions.
fn locate(
    document: &SourceTree,
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
fn place_of(document: &SourceTree, pointer: &str, target: Target) -> Option<Location> {
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

fn coverage(level: Readiness, answers: &Answers<'_>) -> Vec<AreaCoverage> {
    Area::ALL
        .iter()
        .map(|&area| {
            let required = answers
                .answered()
                .filter(|(p, _)| p.area == area && p.level <= level);
            let (answered, required) = required.fold((0, 0), |(answered, required), (_, yes)| {
                (answered + usize::from(yes), required + 1)
            });
            AreaCoverage {
                area,
                answered,
                required,
            }
        })
        .filter(|coverage| coverage.required > 0)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;
    use crate::config::Config;

    const PLAN: &str = "schema_version: 1\nid: demo\nreadiness: exploring\n\
        organization: {name: Demo District, kind: district}\n";

    fn check(text: &str, config: &str) -> FileReport {
        let settings = Config::parse(Path::new("/plans/pathway.toml"), config)
            .unwrap()
            .settings_for(Path::new("/plans/plan.yaml"));
        check_source(
            Source::new("plan.yaml", text),
            None,
            &Options::default(),
            &settings,
        )
    }

    /// Regression: configuration could turn off or lower the structure check, and a plan that
    /// could not be typed (so no rule ran) then passed with no error.
    #[test]
    fn structure_errors_cannot_be_turned_off() {
        let text = format!("{PLAN}goal: {{}}\n");
        for config in ["[rules]\nPW002 = \"off\"\n", "[rules]\nPW002 = \"info\"\n"] {
            let report = check(&text, config);
            assert_eq!(report.count(Severity::Error), 1, "{config}");
            assert_eq!(report.diagnostics[0].code, "PW002");
        }
    }

    const COHERENCE_ONLY: &str = "[rules]\nPW100 = \"off\"\nPW101 = \"off\"\nPW204 = \"off\"\n";

    fn codes(report: &FileReport) -> Vec<&'static str> {
        report.diagnostics.iter().map(|d| d.code).collect()
    }

    /// Regression: a `# pathway-allow` line inside a YAML block scalar suppressed a finding.
    #[test]
    fn only_real_comments_suppress() {
        let in_text = format!(
            "{PLAN}credentials:\n  - id: a\n    title: A\n    competency: |\n      # pathway-allow PW201: text, not a comment\n    prerequisites: [missing]\n"
        );
        assert_eq!(codes(&check(&in_text, COHERENCE_ONLY)), ["PW201"]);
        let quoted = format!(
            "{PLAN}credentials:\n  - id: a\n    title: \"# pathway-allow PW201: quoted\"\n    prerequisites: [missing]\n"
        );
        assert_eq!(codes(&check(&quoted, COHERENCE_ONLY)), ["PW201"]);
        let comment = format!(
            "{PLAN}credentials:\n  - id: a\n    title: A\n    # pathway-allow PW201: kept on purpose\n    prerequisites: [missing]\n"
        );
        assert!(codes(&check(&comment, COHERENCE_ONLY)).is_empty());
    }

    /// Regression: a suppression could name a rule only by its code, unlike the configuration.
    #[test]
    fn suppressions_name_rules_by_code_or_name() {
        let by_name = format!(
            "{PLAN}credentials:\n  - id: a\n    title: A\n    prerequisites: [missing]  # pathway-allow dangling-reference: on purpose\n"
        );
        assert!(codes(&check(&by_name, COHERENCE_ONLY)).is_empty());
    }

    /// Regression: PW003 did not say where the finding it could have silenced is.
    #[test]
    fn a_misplaced_suppression_says_where_its_finding_is() {
        let misplaced = format!(
            "{PLAN}# pathway-allow PW201: meant for the prerequisite\ncredentials:\n  - id: a\n    title: A\n    prerequisites: [missing]\n"
        );
        let report = check(&misplaced, COHERENCE_ONLY);
        let complaint = report
            .diagnostics
            .iter()
            .find(|d| d.code == "PW003")
            .unwrap();
        let line = misplaced
            .lines()
            .position(|l| l.contains("[missing]"))
            .unwrap()
            + 1;
        let help = complaint.help.as_deref().unwrap();
        assert!(
            help.contains(&format!("the nearest PW201 finding is on line {line}")),
            "{help}"
        );
    }

    /// Regression: the cut to MAX_FINDINGS was made before suppressions and in rule order.
    #[test]
    fn the_cut_keeps_errors_and_counts_the_rest_by_severity() {
        let mut text = format!("{PLAN}credentials:\n");
        let orphans = MAX_FINDINGS + 5;
        for i in 0..orphans {
            text.push_str(&format!("  - {{id: credential-{i}, title: C}}\n"));
        }
        text.push_str("  - {id: last, title: L, prerequisites: [missing]}\n");
        let report = check(&text, "[rules]\nPW100 = \"off\"\nPW101 = \"off\"\n");
        assert_eq!(report.diagnostics.len(), MAX_FINDINGS);
        assert_eq!(report.count(Severity::Error), 1);
        assert_eq!(report.count(Severity::Warning), orphans + 1);
        assert_eq!(report.omitted.warnings, orphans + 2 - MAX_FINDINGS);
        assert_eq!(report.omitted.errors, 0);
        assert!(report.diagnostics.iter().any(|d| d.code == "PW201"));
        // Source order once cut.
        assert!(
            report
                .diagnostics
                .windows(2)
                .all(|pair| pair[0].start() <= pair[1].start())
        );
    }
}
