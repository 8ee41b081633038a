//! The published JSON Schema of the plan format, generated from the types.
//!
//! schemars writes the schema; the transforms here make it what third parties need: standard
//! formats only (so strict validators such as ajv load it), `enum`s for closed vocabularies with
//! each word explained, a title and description on every object and property, and each decision
//! point's question on the property that answers it.

use schemars::generate::SchemaSettings;
use schemars::transform::{RestrictFormats, Transform, transform_subschemas};
use serde_json::{Map, Value};

use crate::decision_points::{DECISION_POINTS, DecisionPoint};
use crate::plan::Plan;

/// The schema's stable `$id`.
pub const SCHEMA_ID: &str = "https://pathway-kit.org/schemas/pathway-plan.v1.schema.json";

/// Where the schema is committed in the repository, relative to its root.
pub const SCHEMA_PATH: &str = "schemas/pathway-plan.v1.schema.json";

/// The plan format's JSON Schema (draft 2020-12).
pub fn plan_schema() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RestrictFormats::default())
        .with_transform(EnumsFromConstants)
        .into_generator();
    let mut schema = generator.into_root_schema_for::<Plan>().to_value();
    if let Some(root) = schema.as_object_mut() {
        let mut ordered = Map::new();
        ordered.insert(
            "$schema".into(),
            Value::from("https://json-schema.org/draft/2020-12/schema"),
        );
        ordered.insert("$id".into(), Value::from(SCHEMA_ID));
        for (key, value) in std::mem::take(root) {
            if key != "$schema" {
                ordered.insert(key, value);
            }
        }
        *root = ordered;
    }
    add_titles(&mut schema);
    tidy(&mut schema);
    for point in DECISION_POINTS {
        annotate_decision_point(&mut schema, point);
    }
    schema
}

/// The schema as the committed file holds it: pretty-printed, ending with a newline.
pub fn plan_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&plan_schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// schemars describes a documented enum as `oneOf` a list of `const`s. Strict validators and
/// editors do better with a plain `enum`; the words' meanings move into the description.
#[derive(Clone)]
struct EnumsFromConstants;

impl Transform for EnumsFromConstants {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        let Some(Value::Array(variants)) = object.get("oneOf") else {
            return;
        };
        let mut words = Vec::new();
        let mut meanings = Vec::new();
        for variant in variants {
            let (Some(word), description) = (
                variant.get("const").and_then(Value::as_str),
                variant.get("description").and_then(Value::as_str),
            ) else {
                return;
            };
            words.push(Value::from(word));
            if let Some(description) = description {
                meanings.push(format!("- `{word}`: {description}"));
            }
        }
        object.remove("oneOf");
        object.insert("type".into(), Value::from("string"));
        object.insert("enum".into(), Value::Array(words));
        if !meanings.is_empty() {
            let lead = object
                .get("description")
                .and_then(Value::as_str)
                .map(|text| format!("{text}\n\n"))
                .unwrap_or_default();
            object.insert(
                "description".into(),
                Value::from(format!("{lead}{}", meanings.join("\n"))),
            );
        }
    }
}

/// Unwraps descriptions that doc comments wrapped at 100 columns (keeping paragraphs and list
/// items), and drops `default: null`, which says nothing an optional property does not.
fn tidy(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if object.get("default") == Some(&Value::Null) {
                object.remove("default");
            }
            if let Some(Value::String(description)) = object.get_mut("description") {
                *description = unwrap_lines(description);
            }
            object.values_mut().for_each(tidy);
        }
        Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
    }
}

/// Joins the lines of each paragraph with spaces; list items (`- `) stay on their own lines.
pub(crate) fn unwrap_lines(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            out.push_str("\n\n");
        } else if line.starts_with("- ") {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push('\n');
            }
            out.push_str(line);
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(
                    if out
                        .lines()
                        .last()
                        .is_some_and(|last| last.starts_with("- "))
                    {
                        '\n'
                    } else {
                        ' '
                    },
                );
            }
            out.push_str(line);
        }
    }
    out.trim().to_owned()
}

/// Gives every definition and property a title: the definition's name or the property's key,
/// in words.
fn add_titles(schema: &mut Value) {
    if let Some(defs) = schema.get_mut("$defs").and_then(Value::as_object_mut) {
        for (name, def) in defs.iter_mut() {
            set_title_if_missing(def, &words_from_camel_case(name));
            add_property_titles(def);
        }
    }
    add_property_titles(schema);
}

fn add_property_titles(schema: &mut Value) {
    if let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) {
        for (key, property) in properties.iter_mut() {
            set_title_if_missing(property, &words_from_snake_case(key));
        }
    }
}

fn set_title_if_missing(schema: &mut Value, title: &str) {
    if let Some(object) = schema.as_object_mut() {
        object.entry("title").or_insert_with(|| Value::from(title));
    }
}

fn words_from_snake_case(key: &str) -> String {
    let words = key.replace('_', " ");
    capitalize(&words)
}

fn words_from_camel_case(name: &str) -> String {
    let mut words = String::new();
    for (i, c) in name.chars().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            words.push(' ');
            words.push(c.to_ascii_lowercase());
        } else {
            words.push(c);
        }
    }
    words
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Puts a decision point's id, level and question at the front of the description of the
/// property that answers it.
fn annotate_decision_point(schema: &mut Value, point: &DecisionPoint) {
    let Some(property) = property_at(schema, point.pointer) else {
        return;
    };
    let Some(object) = property.as_object_mut() else {
        return;
    };
    let existing = object
        .get("description")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let text = format!(
        "Decision point `{}` (required from `{}`): {}\n\n{existing}",
        point.id,
        point.level.as_str(),
        point.question
    );
    object.insert("description".into(), Value::from(text.trim_end()));
}

/// The property schema for a data path such as `/scope/funding`, following `$ref`s through
/// `$defs`.
pub fn property_at<'a>(schema: &'a mut Value, pointer: &str) -> Option<&'a mut Value> {
    let tokens: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut path = String::new();
    for (i, token) in tokens.iter().enumerate() {
        let current = schema.pointer(&path)?;
        let owner = definition_holding_properties(schema, current, &path)?;
        path = format!("{owner}/properties/{token}");
        if i + 1 == tokens.len() {
            return schema.pointer_mut(&path);
        }
    }
    None
}

/// The schema path of the object schema that holds the properties of the schema at `path`:
/// itself, or the definition a `$ref` (possibly inside `anyOf` with null) points at.
fn definition_holding_properties(root: &Value, schema: &Value, path: &str) -> Option<String> {
    if schema.get("properties").is_some() {
        return Some(path.to_owned());
    }
    let reference = schema.get("$ref").and_then(Value::as_str).or_else(|| {
        schema
            .get("anyOf")?
            .as_array()?
            .iter()
            .find_map(|branch| branch.get("$ref").and_then(Value::as_str))
    })?;
    let target = reference.strip_prefix('#')?.to_owned();
    root.pointer(&target)?;
    Some(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_decision_point_lands_on_a_property() {
        let mut schema = plan_schema();
        for point in DECISION_POINTS {
            let property = property_at(&mut schema, point.pointer)
                .unwrap_or_else(|| panic!("{} has no property at {}", point.id, point.pointer));
            let description = property["description"].as_str().unwrap_or_default();
            assert!(
                description.contains(point.question),
                "{}: {description}",
                point.id
            );
        }
    }

    #[test]
    fn closed_vocabularies_are_enums() {
        let schema = plan_schema();
        let readiness = &schema["$defs"]["Readiness"];
        assert_eq!(
            readiness["enum"],
            serde_json::json!(["exploring", "designing", "piloting", "scaling"])
        );
        assert!(readiness.get("oneOf").is_none());
    }

    #[test]
    fn only_standard_formats_remain() {
        let text = plan_schema_text();
        for format in [
            "uint", "int32", "int64", "double", "float", "uint16", "uint32",
        ] {
            assert!(
                !text.contains(&format!("\"format\": \"{format}\"")),
                "{format}"
            );
        }
    }
}
