//! Every finding points at a value the plan holds (or says it may not: an unanswered decision
//! point, a list left out), so that no finding is silently shown at some parent's line: over the
//! examples, every fixture, generated plans, and broken copies of each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../../tests/support/plan_variants.rs"]
mod plan_variants;

use std::path::{Path, PathBuf};

use pathway_schema::load::{Limits, Syntax, parse};
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{BUILT_IN_AUDIENCES, Options, resolves, rule_findings};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn plans_in(directory: &str) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(directory))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "json")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            (path.display().to_string(), text)
        })
        .collect()
}

/// Checks every finding of every rule over one plan; returns how many there were.
fn check_pointers(name: &str, text: &str, format: Syntax) -> usize {
    let Ok(document) = parse(Source::new(name, text), Some(format), &Limits::DEFAULT) else {
        return 0;
    };
    let Ok(plan) = document.plan() else {
        return 0;
    };
    let audiences: Vec<String> = Options::default().audiences;
    assert_eq!(audiences.len(), BUILT_IN_AUDIENCES.len());
    let (findings, _) = rule_findings(&document, &plan, &audiences, &RuleSettings::default());
    for (rule, _, finding) in &findings {
        assert!(
            resolves(&document, finding),
            "{name}: {} points at `{}` ({:?}), or relates `{:?}`, which the plan does not hold: {}",
            rule.code,
            finding.pointer,
            finding.target,
            finding.related.iter().map(|(p, _)| p).collect::<Vec<_>>(),
            finding.message
        );
    }
    findings.len()
}

fn check_with_variants(name: &str, text: &str) -> usize {
    let mut count = check_pointers(name, text, Syntax::Yaml);
    let Ok(document) = parse(
        Source::new(name, text),
        Some(Syntax::Yaml),
        &Limits::DEFAULT,
    ) else {
        return count;
    };
    for (variant, json) in plan_variants::variants(&document.to_json()) {
        let text = serde_json::to_string_pretty(&json).unwrap();
        count += check_pointers(&format!("{name} ({variant})"), &text, Syntax::Json);
    }
    count
}

#[test]
fn findings_point_at_what_the_plan_holds() {
    let mut plans = plans_in("examples");
    plans.extend(plans_in("tests/fixtures/invalid"));
    plans.extend(plans_in("tests/fixtures/valid"));
    plans.extend(plans_in("crates/pathway-export/tests/fixtures"));
    let mut total = 0;
    for (name, text) in &plans {
        total += check_with_variants(name, text);
    }
    for seed in 1..=3 {
        let text = pathway_bench::generate_plan(40, seed);
        total += check_with_variants(&format!("generated plan {seed}"), &text);
    }
    // The variants break plans in many ways: there must be findings of many rules to check.
    assert!(total > 500, "only {total} findings checked");
}
