//! The SARIF log as GitHub code scanning reads it: fingerprints that follow a finding across
//! edits, repository-relative paths under a base, rule help with links into docs/rules.md.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::render::sarif;
use pathway_validate::{FileReport, Options, check_source};
use serde_json::Value;

fn fixture() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/invalid/dangling-reference.yaml");
    std::fs::read_to_string(path).unwrap()
}

fn check(name: &str, text: &str) -> FileReport {
    check_source(
        Source::new(name.to_owned(), text.to_owned()),
        None,
        &Options::default(),
        &RuleSettings::default(),
    )
}

fn log(reports: &[FileReport]) -> Value {
    serde_json::from_str(&sarif::render(reports, &[], &[])).unwrap()
}

/// (rule, start line, fingerprint) of each result.
fn findings(log: &Value) -> Vec<(String, u64, String)> {
    log["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|result| {
            let fingerprints = result["partialFingerprints"].as_object().unwrap();
            assert_eq!(fingerprints.len(), 1, "{result}");
            (
                result["ruleId"].as_str().unwrap().to_owned(),
                result["locations"][0]["physicalLocation"]["region"]["startLine"]
                    .as_u64()
                    .unwrap(),
                fingerprints
                    .values()
                    .next()
                    .unwrap()
                    .as_str()
                    .unwrap()
                    .to_owned(),
            )
        })
        .collect()
}

#[test]
fn fingerprints_do_not_change_when_a_line_is_added_above() {
    let text = fixture();
    let before = findings(&log(&[check("plans/district.yaml", &text)]));
    assert!(
        before.iter().any(|(rule, _, _)| rule == "PW201"),
        "the fixture has a dangling reference: {before:?}"
    );
    // An unrelated comment at the top moves every finding down a line.
    let edited = format!("# reviewed by the design team\n{text}");
    let after = findings(&log(&[check("plans/district.yaml", &edited)]));
    assert_eq!(before.len(), after.len());
    for ((rule, line, print), (rule_after, line_after, print_after)) in before.iter().zip(&after) {
        assert_eq!(rule, rule_after);
        assert_eq!(*line_after, line + 1, "the finding moved down");
        assert_eq!(print, print_after, "{rule}: the fingerprint followed it");
    }
    // A different finding, or the same one in another file, is another alert.
    let elsewhere = findings(&log(&[check("plans/other.yaml", &text)]));
    assert_ne!(before[0].2, elsewhere[0].2);
    let mut prints: Vec<&String> = before.iter().map(|(_, _, print)| print).collect();
    prints.sort();
    prints.dedup();
    assert_eq!(
        prints.len(),
        before.len(),
        "fingerprints are unique in a file"
    );
}

#[test]
fn paths_are_repository_relative_under_a_base() {
    let log = log(&[check("./plans/district.yaml", &fixture())]);
    let run = &log["runs"][0];
    let location = &run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "plans/district.yaml");
    assert_eq!(location["uriBaseId"], "SRCROOT");
    let base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        base.starts_with("file:///") && base.ends_with('/'),
        "{base}"
    );
    assert_eq!(run["automationDetails"]["id"], "pathway/validate/");
}

#[test]
fn rules_carry_their_full_documentation_and_a_link_to_it() {
    let log = log(&[]);
    let rules = log["runs"][0]["tool"]["driver"]["rules"]
        .as_array()
        .unwrap();
    let docs =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md"))
            .unwrap();
    for rule in rules {
        let code = rule["id"].as_str().unwrap();
        let name = rule["name"].as_str().unwrap();
        // The anchor GitHub makes of the rule's heading in docs/rules.md.
        let heading = format!("## {code} {name}");
        assert!(docs.contains(&heading), "docs/rules.md has {heading:?}");
        let anchor = format!("#{}-{name}", code.to_lowercase());
        let uri = rule["helpUri"].as_str().unwrap();
        assert!(
            uri.starts_with("https://github.com/") && uri.ends_with(&anchor),
            "{uri}"
        );
        let short = rule["shortDescription"]["text"].as_str().unwrap();
        let full = rule["fullDescription"]["text"].as_str().unwrap();
        assert!(
            full.len() > short.len() * 2,
            "{code}: the full doc, not the summary"
        );
        assert!(full.contains("What it does"), "{code}");
        let help = &rule["help"];
        let text = help["text"].as_str().unwrap();
        let markdown = help["markdown"].as_str().unwrap();
        assert!(markdown.contains("## What it does"), "{code}");
        assert!(
            !text.contains("##") && !text.contains("```") && !text.contains('`'),
            "{code}: help.text is plain: {text}"
        );
    }
}
