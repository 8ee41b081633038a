//! The published JSON Schema of the plan format, generated from the types.
//!
//! schemars writes the schema; the transforms here make it what third parties need: standard
//! formats only (so strict validators such as ajv load it), closed vocabularies as `oneOf` a
//! list of words (`const`), each with its own description (what editors show beside each word
//! they offer), a title and description on every object and property, and each decision
//! point's question on the property that answers it.
//!
//! Descriptions are written once, in the types' doc comments, in Markdown. The published schema
//! carries them as plain text: JSON Schema's `description` is plain text, and editors show it
//! as such (with Markdown's backquotes escaped, so they appear as written). Editors' own
//! `markdownDescription` keyword is left out because ajv's strict mode, the default, refuses to
//! load a schema with keywords it does not know. [`plan_schema_markdown`] keeps the Markdown for
//! `docs/format.md`.

use schemars::generate::SchemaSettings;
use schemars::transform::{RestrictFormats, Transform, transform_subschemas};
use serde_json::{Map, Value};

use crate::decision_points::{DECISION_POINTS, DecisionPoint};
use crate::plan::Plan;

/// The schema's stable `$id`. It names the schema; nothing is served at that address, so
/// editors are pointed at a copy on disk instead (see [`LOCAL_SCHEMA_LOCATION`]).
pub const SCHEMA_ID: &str = "https://pathway-kit.org/schemas/pathway-plan.v1.schema.json";

/// The schema's file name, in the repository and in the copies `pathway init` writes.
pub const SCHEMA_FILE_NAME: &str = "pathway-plan.v1.schema.json";

/// Where the schema is committed in the repository, relative to its root.
pub const SCHEMA_PATH: &str = "schemas/pathway-plan.v1.schema.json";

/// The folder, beside a plan, that holds the copy of the schema its editor modeline points at.
pub const LOCAL_SCHEMA_DIR: &str = ".pathway";

/// Where a starter plan's editor modeline points: the copy in [`LOCAL_SCHEMA_DIR`], relative to
/// the plan, so that editors find it with no network and outside this repository.
pub const LOCAL_SCHEMA_LOCATION: &str = ".pathway/pathway-plan.v1.schema.json";

/// The plan format's JSON Schema (draft 2020-12), as published: descriptions in plain text.
pub fn plan_schema() -> Value {
    let mut schema = plan_schema_markdown();
    to_plain_text(&mut schema);
    schema
}

/// The same schema with its descriptions in Markdown (keys and words as code), as
/// `docs/format.md` shows them.
pub fn plan_schema_markdown() -> Value {
    let generator = SchemaSettings::draft2020_12()
        .with_transform(RestrictFormats::default())
        .with_transform(WordsWithMeanings)
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

/// The words of a closed vocabulary, each with its meaning, when `schema` is one (`oneOf` a
/// list of `const` strings); `None` for any other schema.
pub fn vocabulary(schema: &Value) -> Option<Vec<(&str, &str)>> {
    let branches = schema.get("oneOf")?.as_array()?;
    branches
        .iter()
        .map(|branch| {
            let word = branch.get("const")?.as_str()?;
            let meaning = branch
                .get("description")
                .and_then(Value::as_str)
                .unwrap_or_default();
            Some((word, meaning))
        })
        .collect()
}

/// schemars describes a documented enum as `oneOf` a list of `{type: string, const, description}`.
/// This keeps that shape (the one JSON Schema has for words with meanings, which editors show
/// word by word) with the type said once, on the vocabulary, rather than on every word.
#[derive(Clone)]
struct WordsWithMeanings;

impl Transform for WordsWithMeanings {
    fn transform(&mut self, schema: &mut schemars::Schema) {
        transform_subschemas(self, schema);
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        let Some(Value::Array(variants)) = object.get_mut("oneOf") else {
            return;
        };
        let all_words = variants
            .iter()
            .all(|variant| variant.get("const").is_some_and(Value::is_string));
        if !all_words {
            return;
        }
        for variant in variants.iter_mut() {
            if let Some(variant) = variant.as_object_mut() {
                // The word first, then what it means.
                let mut word = Map::new();
                word.extend(
                    variant
                        .remove("const")
                        .map(|value| ("const".to_owned(), value)),
                );
                variant.remove("type");
                word.extend(std::mem::take(variant));
                *variant = word;
            }
        }
        let mut ordered = Map::new();
        ordered.insert("type".into(), Value::from("string"));
        ordered.extend(std::mem::take(object));
        *object = ordered;
    }
}

/// Turns every description's Markdown into the plain text it reads as: code spans lose their
/// backquotes. The doc comments use no other Markdown; a test keeps it that way.
fn to_plain_text(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if let Some(Value::String(description)) = object.get_mut("description") {
                *description = description.replace('`', "");
            }
            object.values_mut().for_each(to_plain_text);
        }
        Value::Array(items) => items.iter_mut().for_each(to_plain_text),
        _ => {}
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

    /// Every description in a schema, with where it is.
    fn descriptions(schema: &Value, at: String, found: &mut Vec<(String, String)>) {
        match schema {
            Value::Object(object) => {
                if let Some(Value::String(text)) = object.get("description") {
                    found.push((at.clone(), text.clone()));
                }
                for (key, value) in object {
                    descriptions(value, format!("{at}/{key}"), found);
                }
            }
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    descriptions(item, format!("{at}/{i}"), found);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn closed_vocabularies_list_each_word_with_its_meaning() {
        let schema = plan_schema();
        let readiness = &schema["$defs"]["Readiness"];
        assert_eq!(readiness["type"], "string");
        let words = vocabulary(readiness).expect("Readiness is a vocabulary");
        let expected: Vec<&str> = crate::Readiness::ALL.iter().map(|l| l.as_str()).collect();
        assert_eq!(
            words.iter().map(|(word, _)| *word).collect::<Vec<_>>(),
            expected
        );
        assert_eq!(
            words[1].1,
            "Designing the constellation: incentives, learning, decision making, timeline."
        );
        // Every vocabulary, wherever it is: each word explained on its own, none as a bare `enum`
        // (which gives editors nowhere to put a word's meaning).
        let text = plan_schema_text();
        assert!(
            !text.contains("\"enum\""),
            "an enum with no meanings is left"
        );
        let defs = schema["$defs"].as_object().expect("definitions");
        let vocabularies: Vec<(&String, Vec<(&str, &str)>)> = defs
            .iter()
            .filter_map(|(name, def)| vocabulary(def).map(|words| (name, words)))
            .collect();
        assert!(vocabularies.len() >= 10, "{}", vocabularies.len());
        for (name, words) in vocabularies {
            assert_eq!(defs[name]["type"], "string", "{name}");
            for (word, meaning) in words {
                assert!(
                    !meaning.trim().is_empty(),
                    "{name}: `{word}` has no meaning"
                );
            }
        }
    }

    #[test]
    fn published_descriptions_are_plain_text() {
        let mut found = Vec::new();
        descriptions(&plan_schema(), "#".to_owned(), &mut found);
        assert!(found.len() > 100, "{}", found.len());
        for (at, text) in &found {
            for markup in ["`", "**", "](", "<", "\\"] {
                assert!(!text.contains(markup), "{at}: `{markup}` in {text:?}");
            }
        }
        // The Markdown is still there for docs/format.md.
        let markdown = plan_schema_markdown();
        assert_eq!(
            markdown["properties"]["schema_version"]["description"],
            "The version of the plan format this file is written in. Always `1`."
        );
        assert_eq!(
            plan_schema()["properties"]["schema_version"]["description"],
            "The version of the plan format this file is written in. Always 1."
        );
    }

    #[test]
    fn the_local_copy_is_the_published_file() {
        assert!(SCHEMA_PATH.ends_with(&format!("/{SCHEMA_FILE_NAME}")));
        assert_eq!(
            LOCAL_SCHEMA_LOCATION,
            format!("{LOCAL_SCHEMA_DIR}/{SCHEMA_FILE_NAME}")
        );
        assert!(SCHEMA_ID.ends_with(&format!("/{SCHEMA_FILE_NAME}")));
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
