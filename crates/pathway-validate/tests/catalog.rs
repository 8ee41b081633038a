//! The rule catalog: documented in full, codes unique, and `docs/rules.md` generated from it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use pathway_validate::rules::RULES;
use pathway_validate::{RULES_DOC_PATH, rules_reference};

#[test]
fn every_rule_is_documented_in_the_house_form() {
    for rule in RULES {
        let doc = rule.documentation();
        for heading in [
            "## What it does",
            "## Why it matters",
            "## Example",
            "Use instead:",
            "```yaml",
        ] {
            assert!(
                doc.contains(heading),
                "{} {} lacks `{heading}`",
                rule.code,
                rule.name
            );
        }
        assert!(
            rule.summary.ends_with('.'),
            "{}: summary is a sentence",
            rule.code
        );
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in RULES {
        assert!(seen.insert(rule.code), "{} twice", rule.code);
        assert!(seen.insert(rule.name), "{} twice", rule.name);
        let (letters, digits) = rule.code.split_at(2);
        assert_eq!(letters, "PW");
        assert!(
            digits.len() == 3 && digits.bytes().all(|b| b.is_ascii_digit()),
            "{}",
            rule.code
        );
        assert!(
            pathway_schema::Id::new(rule.name).is_ok(),
            "{} is kebab-case",
            rule.name
        );
    }
}

#[test]
fn committed_rule_catalog_matches_the_registry() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(RULES_DOC_PATH);
    let generated = rules_reference();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &generated).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{RULES_DOC_PATH} is out of date with the rule registry: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
}
