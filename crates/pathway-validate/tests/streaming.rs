//! JSON, SARIF and GitHub output are written as the run goes: each plan's findings as soon as
//! the plan is handed to the emitter, the totals and notes at the end. These tests feed plans
//! one at a time and look at what has been written after each; they count findings, never time.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Write as _;

use pathway_schema::source::Source;
use pathway_validate::MAX_FINDINGS;
use pathway_validate::config::RuleSettings;
use pathway_validate::render::github::GithubEmitter;
use pathway_validate::render::json::JsonEmitter;
use pathway_validate::render::sarif::SarifEmitter;
use pathway_validate::render::{Emitter, SkipReason, Skipped, github, json, neutral, sarif};
use pathway_validate::{FileReport, Options, Severity, check_source};
use serde_json::Value;

const HEAD: &str = "\
schema_version: 1
id: streaming
readiness: exploring
organization: {name: Streaming District, kind: district}
";

fn check(name: &str, text: &str, config: Option<&str>) -> FileReport {
    let mut report = check_source(
        Source::new(name.to_owned(), text.to_owned()),
        None,
        &Options::default(),
        &RuleSettings::default(),
    );
    report.config = config.map(str::to_owned);
    report
}

/// Three plans: one with a few findings, one with more credentials than findings are listed
/// (each an orphan: a warning), so its findings are cut, and a third like the first.
fn reports() -> Vec<FileReport> {
    let mut many = format!("{HEAD}credentials:\n");
    for i in 0..MAX_FINDINGS + 20 {
        let _ = writeln!(many, "  - {{id: c{i}, title: Credential {i}, hours: 1}}");
    }
    vec![
        check("plans/a.yaml", HEAD, Some("plans/pathway.toml")),
        check("plans/many.yaml", &many, Some("plans/pathway.toml")),
        check("other/b.yaml", HEAD, None),
    ]
}

fn skipped() -> Vec<Skipped> {
    vec![Skipped {
        path: "plans/notes.yaml".to_owned(),
        reason: SkipReason::NotAPlan,
    }]
}

const PROBLEM: &str = "cannot read plans/locked.yaml: permission denied";

/// Feeds the plans one at a time and gives what had been written after each, and the whole.
fn feed(emitter: &mut dyn Emitter, reports: &[FileReport]) -> (Vec<String>, String) {
    let mut out = Vec::new();
    emitter.problem(&mut out, PROBLEM).unwrap();
    let mut after_each = Vec::new();
    for report in reports {
        emitter.plan(&mut out, report).unwrap();
        after_each.push(String::from_utf8(out.clone()).unwrap());
    }
    emitter.finish(&mut out, &skipped()).unwrap();
    (after_each, String::from_utf8(out).unwrap())
}

/// Each plan's findings listed, cumulatively: what must be out once that plan was fed.
fn listed_so_far(reports: &[FileReport]) -> Vec<usize> {
    reports
        .iter()
        .scan(0, |sum, report| {
            *sum += report.diagnostics.len();
            Some(*sum)
        })
        .collect()
}

/// Regression: JSON, SARIF and GitHub output were rendered as one document once every plan had
/// been checked, holding every finding of the run (20,000 starter plans: 790 MB). Each plan's
/// findings must be written by the time the next plan is handed over, and what is written
/// must never be taken back.
#[test]
fn each_plan_is_written_when_it_is_handed_over() {
    let reports = reports();
    assert!(
        reports[1].omitted.total() > 0,
        "the second plan's findings are cut"
    );
    let expected = listed_so_far(&reports);

    let emitters: [(&str, Box<dyn Emitter>, &str); 3] = [
        ("json", Box::new(JsonEmitter::new()), "\"code\": "),
        ("sarif", Box::new(SarifEmitter::new(None)), "\"ruleId\": "),
        ("github", Box::new(GithubEmitter::new()), "title=PW"),
    ];
    for (format, mut emitter, marker) in emitters {
        let (after_each, whole) = feed(emitter.as_mut(), &reports);
        for (i, written) in after_each.iter().enumerate() {
            assert_eq!(
                written.matches(marker).count(),
                expected[i],
                "{format}: findings written after plan {i}"
            );
            assert!(whole.starts_with(written.as_str()), "{format}: plan {i}");
        }
    }
}

#[test]
fn streamed_output_is_what_the_whole_run_renders() {
    let reports = reports();
    let problems = [PROBLEM.to_owned()];
    let (_, streamed) = feed(&mut JsonEmitter::new(), &reports);
    assert_eq!(streamed, json::render(&reports, &problems, &skipped()));
    let (_, streamed) = feed(&mut GithubEmitter::new(), &reports);
    assert_eq!(streamed, github::render(&reports, &problems, &skipped()));
    let root = std::env::current_dir().ok();
    let (_, streamed) = feed(&mut SarifEmitter::new(root), &reports);
    assert_eq!(streamed, sarif::render(&reports, &problems, &skipped()));
}

/// The pieces make exactly what serde_json's pretty printer makes of the whole document, so
/// scripts and diff tools see the shape they saw when the document was built in one go.
#[test]
fn json_and_sarif_are_pretty_printed_as_one_document() {
    let reports = reports();
    for (format, mut emitter) in [
        ("json", Box::new(JsonEmitter::new()) as Box<dyn Emitter>),
        ("sarif", Box::new(SarifEmitter::new(None))),
    ] {
        let (_, whole) = feed(emitter.as_mut(), &reports);
        let value: Value = serde_json::from_str(&whole).unwrap();
        let reprinted = neutral::json(serde_json::to_string_pretty(&value).unwrap()) + "\n";
        assert_eq!(whole, reprinted, "{format}");
    }
}

/// The close of the run counts every finding, those cut from the listing too, and says which
/// plans were cut and by how much (the true counts also decide the exit status).
#[test]
fn the_close_has_the_true_counts() {
    let reports = reports();
    let count = |severity| {
        reports
            .iter()
            .map(|report| report.count(severity))
            .sum::<usize>()
    };
    let cut = reports[1].omitted;
    let (_, whole) = feed(&mut JsonEmitter::new(), &reports);
    let log: Value = serde_json::from_str(&whole).unwrap();
    let summary = &log["summary"];
    assert_eq!(summary["files"], 3);
    assert_eq!(summary["errors"], count(Severity::Error));
    assert_eq!(summary["warnings"], count(Severity::Warning));
    assert_eq!(summary["infos"], count(Severity::Info));
    assert_eq!(summary["omitted"], cut.total());
    assert_eq!(summary["skipped"], 1);
    assert_eq!(log["problems"][0], PROBLEM);
    assert_eq!(log["files"][1]["omitted"], cut.total());
    assert_eq!(
        log["files"][1]["diagnostics"].as_array().unwrap().len(),
        MAX_FINDINGS
    );
    assert!(log["files"][0].get("omitted").is_none());

    let (_, whole) = feed(&mut SarifEmitter::new(None), &reports);
    let log: Value = serde_json::from_str(&whole).unwrap();
    let run = &log["runs"][0];
    assert_eq!(run["properties"]["omittedResults"], cut.total());
    assert_eq!(run["invocations"][0]["executionSuccessful"], false);
    let notes: Vec<&str> = run["invocations"][0]["toolExecutionNotifications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| note["message"]["text"].as_str().unwrap())
        .collect();
    assert_eq!(notes[0], PROBLEM);
    assert!(
        notes[1].starts_with(&format!("plans/many.yaml: {} more findings", cut.total())),
        "{notes:?}"
    );
    assert!(
        notes.contains(&"rule settings from plans/pathway.toml (2 plans)"),
        "{notes:?}"
    );

    let (_, whole) = feed(&mut GithubEmitter::new(), &reports);
    assert!(whole.contains(&format!(
        "::warning file=plans/many.yaml,title=pathway::{} more findings not shown",
        cut.total()
    )));
    assert!(
        whole
            .ends_with("::notice title=pathway::rule settings from plans/pathway.toml (2 plans)\n")
    );
}
