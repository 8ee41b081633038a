//! The committed schema and format reference are generated from the types; these tests fail when
//! they drift. Run `UPDATE_GENERATED=1 cargo test` to rewrite them.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use pathway_schema::docs::{FORMAT_DOC_PATH, format_reference};
use pathway_schema::schema::{SCHEMA_ID, SCHEMA_PATH, plan_schema, plan_schema_text};
use serde_json::Value;

fn repo_file(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative)
}

fn check_generated(relative: &str, generated: &str) {
    let path = repo_file(relative);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, generated).expect("write the generated file");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "{relative} is out of date with the plan types: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
}

#[test]
fn committed_schema_matches_the_types() {
    check_generated(SCHEMA_PATH, &plan_schema_text());
}

#[test]
fn committed_format_reference_matches_the_types() {
    check_generated(FORMAT_DOC_PATH, &format_reference());
}

#[test]
fn schema_is_valid_draft_2020_12() {
    let schema = plan_schema();
    assert_eq!(
        schema["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );
    assert_eq!(schema["$id"], SCHEMA_ID);
    let meta_errors: Vec<String> = jsonschema::meta::validate(&schema)
        .err()
        .map(|error| vec![error.to_string()])
        .unwrap_or_default();
    assert!(meta_errors.is_empty(), "{meta_errors:?}");
}

/// Every object schema and every property, with where it is, for coverage checks.
fn described_things(schema: &Value) -> Vec<(String, &Value)> {
    let mut things = Vec::new();
    let mut objects: Vec<(String, &Value)> = vec![("#".to_owned(), schema)];
    if let Some(defs) = schema["$defs"].as_object() {
        objects.extend(
            defs.iter()
                .map(|(name, def)| (format!("#/$defs/{name}"), def)),
        );
    }
    for (path, object) in objects {
        things.push((path.clone(), object));
        if let Some(properties) = object["properties"].as_object() {
            for (key, property) in properties {
                things.push((format!("{path}/properties/{key}"), property));
            }
        }
    }
    things
}

#[test]
fn every_object_and_property_has_a_title_and_description() {
    let schema = plan_schema();
    let missing: Vec<String> = described_things(&schema)
        .into_iter()
        .filter(|(_, thing)| {
            let has = |key: &str| {
                thing[key]
                    .as_str()
                    .is_some_and(|text| !text.trim().is_empty())
            };
            !(has("title") && has("description"))
        })
        .map(|(path, _)| path)
        .collect();
    assert!(
        missing.is_empty(),
        "without a title or description: {missing:#?}"
    );
}

#[test]
fn objects_reject_unknown_keys() {
    let schema = plan_schema();
    for (path, thing) in described_things(&schema) {
        if thing.get("properties").is_some() {
            assert_eq!(thing["additionalProperties"], Value::Bool(false), "{path}");
        }
    }
}

#[test]
fn the_schema_carries_every_decision_point_question() {
    let text = plan_schema_text();
    for point in pathway_schema::DECISION_POINTS {
        let question = serde_json::to_string(point.question).expect("a JSON string");
        let question = question.trim_matches('"');
        assert!(
            text.contains(question),
            "{} is missing its question",
            point.id
        );
        assert!(
            text.contains(&format!(
                "Decision point {} (required from {})",
                point.id,
                point.level.as_str()
            )),
            "{}",
            point.id
        );
    }
}
