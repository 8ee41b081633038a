//! A state's own decision points, from the rule pack in `examples/state-rule-pack/`: checked,
//! counted and suppressed like the toolkit's.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use pathway_schema::source::Source;
use pathway_schema::{Area, DECISION_POINTS, Readiness};
use pathway_validate::config::{Config, RuleSettings};
use pathway_validate::{FileReport, Options, Severity, check_source};

fn pack() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/state-rule-pack")
}

fn plan_text() -> String {
    std::fs::read_to_string(pack().join("plan.yaml")).unwrap()
}

fn settings() -> RuleSettings {
    Config::load(&pack().join("pathway.toml"))
        .unwrap()
        .settings_for(&pack().join("plan.yaml"))
}

fn check(text: &str, settings: &RuleSettings) -> FileReport {
    check_source(
        Source::new("plan.yaml", text),
        None,
        &Options::default(),
        settings,
    )
}

fn line_of(text: &str, needle: &str) -> usize {
    text.lines().position(|line| line.contains(needle)).unwrap() + 1
}

/// The plan without the answer to `high-desert.license-renewal` (its four lines).
fn without_license_renewal() -> String {
    let text = plan_text();
    let start = text.find("    license_renewal:").unwrap();
    let end = text.find("    state_reporting:").unwrap();
    format!("{}{}", &text[..start], &text[end..])
}

#[test]
fn the_example_answers_every_point_and_counts_the_states() {
    let report = check(&plan_text(), &settings());
    let serious: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity > Severity::Info)
        .collect();
    assert!(serious.is_empty(), "{serious:#?}");
    assert_eq!(report.readiness, Some(Readiness::Designing));
    // The toolkit's learning points required at designing, plus the state's two.
    let built_in = DECISION_POINTS
        .iter()
        .filter(|p| p.area == Area::Learning && p.level <= Readiness::Designing)
        .count();
    let learning = report
        .coverage
        .iter()
        .find(|c| c.area == Area::Learning)
        .unwrap();
    assert_eq!(
        (learning.answered, learning.required),
        (built_in + 2, built_in + 2)
    );
}

#[test]
fn an_unanswered_state_point_is_a_pw100_naming_its_id_and_question() {
    let text = without_license_renewal();
    let report = check(&text, &settings());
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "PW100")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let finding = found[0];
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(
        finding.decision_point.as_deref(),
        Some("high-desert.license-renewal")
    );
    assert_eq!(
        finding.message,
        "decision point `high-desert.license-renewal` is not answered: How do earned micro-credentials count toward license renewal under the state's professional learning rules?"
    );
    assert_eq!(
        finding.place.pointer,
        "/extensions/high-desert/license_renewal"
    );
    // Shown at the mapping that should hold the answer.
    assert_eq!(finding.start().0, line_of(&text, "  high-desert:"));
    let help = finding.help.as_deref().unwrap();
    assert!(
        help.contains("`extensions.high-desert.license_renewal`"),
        "{help}"
    );
    let learning = report
        .coverage
        .iter()
        .find(|c| c.area == Area::Learning)
        .unwrap();
    assert_eq!(learning.answered + 1, learning.required);
    // Without the state's configuration the toolkit's points are all there is.
    assert!(
        check(&text, &RuleSettings::default())
            .diagnostics
            .iter()
            .all(|d| d.severity == Severity::Info
                && d.decision_point
                    .as_deref()
                    .is_none_or(|id| !id.starts_with("high-desert.")))
    );
}

#[test]
fn a_placeholder_answer_is_pointed_at_and_can_be_suppressed() {
    let text = plan_text();
    let start = text.find("    license_renewal: >-").unwrap();
    let end = text.find("    state_reporting:").unwrap();
    let todo = format!(
        "{}    license_renewal: \"TODO: ask the licensure office\"\n{}",
        &text[..start],
        &text[end..]
    );
    let report = check(&todo, &settings());
    let finding = report
        .diagnostics
        .iter()
        .find(|d| d.code == "PW100")
        .unwrap();
    assert!(
        finding.message.contains("still holds a placeholder"),
        "{}",
        finding.message
    );
    assert_eq!(finding.start().0, line_of(&todo, "license_renewal:"));
    let allowed = todo.replace(
        "    license_renewal: \"TODO",
        "    # pathway-allow PW100: the licensure office answers in March\n    license_renewal: \"TODO",
    );
    let report = check(&allowed, &settings());
    assert_eq!(
        report.count(Severity::Error),
        0,
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn a_point_for_a_later_level_is_information() {
    let text = plan_text();
    let start = text.find("    state_reporting:").unwrap();
    let before = text[..start].to_owned();
    let report = check(&before, &settings());
    assert_eq!(report.count(Severity::Error), 0);
    let later = report
        .diagnostics
        .iter()
        .find(|d| d.decision_point.as_deref() == Some("high-desert.state-reporting"))
        .unwrap();
    assert_eq!(later.code, "PW101");
    assert!(
        later.message.contains("is needed before piloting"),
        "{}",
        later.message
    );
}
