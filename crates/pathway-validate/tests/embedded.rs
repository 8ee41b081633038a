//! What the crate embeds with `include_str!` lives inside the crate, so that `cargo package`
//! carries it: the plan schema is a copy, and this test fails when it drifts from the schema the
//! types generate. `UPDATE_GENERATED=1 cargo test` rewrites it, with schemas/ at the root.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use pathway_schema::schema::{SCHEMA_FILE_NAME, plan_schema_text};
use serde_json::{Map, Value};

#[test]
fn the_embedded_schema_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(SCHEMA_FILE_NAME);
    let generated = plan_schema_text();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &generated).expect("write the embedded schema");
        return;
    }
    let embedded = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        embedded == generated,
        "crates/pathway-validate/schema/{SCHEMA_FILE_NAME} is out of date with the plan types: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
}

/// The schema the validator is compiled from is the generated one without its annotations,
/// which no check reads, and without spaces (see `CHECKED_SCHEMA_TEXT` in src/structure.rs).
/// `UPDATE_GENERATED=1 cargo test` rewrites it.
#[test]
fn the_checked_schema_is_the_generated_one_without_annotations() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(CHECKED_FILE_NAME);
    let schema: Value = serde_json::from_str(&plan_schema_text()).expect("the schema is JSON");
    let mut checked = serde_json::to_string(&without_annotations(&schema)).expect("JSON");
    checked.push('\n');
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &checked).expect("write the checked schema");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == checked,
        "crates/pathway-validate/schema/{CHECKED_FILE_NAME} is out of date with the plan types: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
    // What was taken out is annotations only: a property named `title` or `description`
    // keeps its schema.
    assert!(committed.contains(r#""title":{"#) && !committed.contains(r#""title":""#));
    assert!(committed.len() * 3 < plan_schema_text().len());
}

const CHECKED_FILE_NAME: &str = "pathway-plan.v1.checked.json";

/// Keywords that annotate a schema without constraining what it accepts.
const ANNOTATIONS: &[&str] = &[
    "title",
    "description",
    "examples",
    "default",
    "$comment",
    "deprecated",
    "readOnly",
    "writeOnly",
];

/// A schema without its annotations. Only keywords whose values are schemas are walked into,
/// so `enum`, `const` and `required` keep their words, and the keys of `properties` (the
/// plan's own key names, `title` among them) stay.
fn without_annotations(schema: &Value) -> Value {
    let Value::Object(keywords) = schema else {
        return schema.clone();
    };
    let mut kept = Map::new();
    for (keyword, value) in keywords {
        if ANNOTATIONS.contains(&keyword.as_str()) {
            continue;
        }
        let value = match (keyword.as_str(), value) {
            (
                "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas",
                Value::Object(schemas),
            ) => Value::Object(
                schemas
                    .iter()
                    .map(|(name, schema)| (name.clone(), without_annotations(schema)))
                    .collect(),
            ),
            ("allOf" | "anyOf" | "oneOf" | "prefixItems", Value::Array(schemas)) => {
                Value::Array(schemas.iter().map(without_annotations).collect())
            }
            (
                "items"
                | "additionalProperties"
                | "additionalItems"
                | "not"
                | "if"
                | "then"
                | "else"
                | "contains"
                | "propertyNames"
                | "unevaluatedItems"
                | "unevaluatedProperties"
                | "contentSchema",
                schema,
            ) => without_annotations(schema),
            (_, other) => other.clone(),
        };
        kept.insert(keyword.clone(), value);
    }
    Value::Object(kept)
}
