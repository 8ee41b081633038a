//! One structural problem, one sentence: a broken plan read by the loader (as `pathway export`
//! reads it) and checked against the schema (as `pathway validate` checks it) is told the same
//! message and the same advice, at the same place.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use pathway_schema::load::load_str;
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_source};

const HEAD: &str = "schema_version: 1\nid: demo-plan\nreadiness: exploring\norganization:\n  name: Demo District\n  kind: district\n";

fn yaml(rest: &str) -> String {
    format!("{HEAD}{rest}")
}

/// Plans with exactly one structural problem each, of every kind both checkers find.
fn cases() -> Vec<(&'static str, String)> {
    let json_head = r#"{"schema_version": 1, "id": "demo-plan", "readiness": "exploring",
 "organization": {"name": "Demo District", "kind": "district"}"#;
    vec![
        (
            "unknown key at the top",
            yaml("goal:\n  challenges: Retention\n"),
        ),
        (
            "unknown nested key",
            yaml("goals:\n  challenge: Retention\n"),
        ),
        ("unknown key, nothing near", yaml("budget: 100\n")),
        (
            "text where a list of mappings belongs",
            yaml("credentials: one credential\n"),
        ),
        ("number where text belongs", yaml("title: 2027\n")),
        ("text where a mapping belongs", yaml("goals: retention\n")),
        (
            "text where a number belongs",
            yaml("credentials:\n  - id: reading\n    title: Reading\n    hours: many\n"),
        ),
        (
            "missing key in a list item",
            yaml("credentials:\n  - id: reading\n    hours: 10\n"),
        ),
        (
            "missing key at the top",
            "schema_version: 1\nid: demo\nreadiness: exploring\n".to_owned(),
        ),
        (
            "unknown word at the top",
            HEAD.replace("readiness: exploring", "readiness: pilot"),
        ),
        (
            "unknown word with a near match",
            yaml(
                "opportunities:\n  - id: coach\n    title: Coach\n    kind: hybrid_role\n    stays_in_classroom: true\n",
            ),
        ),
        (
            "yes is not true",
            yaml(
                "opportunities:\n  - id: coach\n    title: Coach\n    kind: hybrid-role\n    stays_in_classroom: yes\n",
            ),
        ),
        (
            "bad id",
            yaml("credentials:\n  - id: Small Group Reading\n    title: Reading\n"),
        ),
        (
            "date that does not exist",
            yaml("period:\n  start: \"2027-02-30\"\n  end: \"2029-06-30\"\n"),
        ),
        (
            "unsupported schema version",
            HEAD.replace("schema_version: 1", "schema_version: 2"),
        ),
        ("the plan is a list", "- id: demo\n".to_owned()),
        (
            "a number where money belongs",
            yaml(
                "incentives:\n  offers:\n    - id: stipend\n      type: compensation\n      amount: 400\n",
            ),
        ),
        (
            "one id where a list of ids belongs",
            yaml(
                "incentives:\n  offers:\n    - id: stipend\n      type: compensation\n      funded_by: title-ii\n",
            ),
        ),
        (
            "a negative count",
            yaml("scope:\n  growth:\n    - year: 2027\n      participants: -3\n"),
        ),
        (
            "a number where money belongs, in JSON",
            format!(
                "{json_head},\n \"incentives\": {{\"offers\": [{{\"id\": \"stipend\", \"type\": \"compensation\", \"amount\": 400}}]}}\n}}\n"
            ),
        ),
        (
            "a number where text belongs, in JSON",
            format!("{json_head},\n \"title\": 2027\n}}\n"),
        ),
    ]
}

#[test]
fn the_loader_and_the_schema_stage_say_the_same_thing() {
    for (name, text) in cases() {
        let file = if text.starts_with('{') {
            "plan.json"
        } else {
            "plan.yaml"
        };
        let loaded = match load_str(file, &text) {
            Ok(_) => panic!("{name}: the loader accepted the plan"),
            Err(error) => error,
        };
        let report = check_source(
            Source::new(file, text.as_str()),
            None,
            &Options::default(),
            &RuleSettings::default(),
        );
        let structural: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.code == "PW002")
            .collect();
        assert_eq!(structural.len(), 1, "{name}: {structural:#?}");
        let checked = structural[0];
        assert_eq!(
            (
                loaded.message.as_str(),
                loaded.help.as_deref(),
                loaded.pointer.as_deref().unwrap_or_default(),
            ),
            (
                checked.message.as_str(),
                checked.help.as_deref(),
                checked.place.pointer.as_str(),
            ),
            "{name}"
        );
        assert_eq!(
            loaded.location.map(|l| l.start),
            checked.place.location.map(|l| l.start),
            "{name}: a different place"
        );
    }
}
