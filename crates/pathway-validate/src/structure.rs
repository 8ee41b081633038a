//! Stage 1: structural validation against the published JSON Schema, the very file third parties
//! use. Every call into the `jsonschema` crate lives in this module.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::json::Json;
use jsonschema::{ValidationError, Validator};
use pathway_schema::Id;
use pathway_schema::load::{Node as TreeNode, display_path};
use pathway_schema::suggest::closest;
use serde_json::Value;

use crate::instance::{Instance, Tree};
use crate::rules::Finding;

/// The committed schema, compiled in so that the binary checks exactly what third parties check.
const SCHEMA_TEXT: &str = include_str!("../../../schemas/pathway-plan.v1.schema.json");

fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(SCHEMA_TEXT).unwrap_or(Value::Bool(true)))
}

fn validator() -> Option<&'static Validator> {
    static VALIDATOR: OnceLock<Option<Validator>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            jsonschema::draft202012::options()
                .should_validate_formats(true)
                .build(schema())
                .ok()
        })
        .as_ref()
}

/// The same schema, compiled to validate the document tree in place.
fn tree_validator() -> Option<&'static Validator<Tree>> {
    static VALIDATOR: OnceLock<Option<Validator<Tree>>> = OnceLock::new();
    VALIDATOR
        .get_or_init(|| {
            jsonschema::options_for::<Tree>()
                .with_draft(jsonschema::Draft::Draft202012)
                .should_validate_formats(true)
                .build(schema())
                .ok()
        })
        .as_ref()
}

/// Checks a plan's JSON against the schema. Findings come in document order of their pointers'
/// discovery; the engine sorts them by position.
pub fn check(instance: &Value) -> Vec<Finding> {
    check_at_most(instance, usize::MAX).0
}

/// Like [`check`], but describes only the first `limit` problems and counts the rest, which
/// are not worth the words: a hostile file can hold a million.
pub fn check_at_most(instance: &Value, limit: usize) -> (Vec<Finding>, usize) {
    check_with(validator(), instance, limit)
}

/// Like [`check_at_most`], for a parsed document, which is checked in place rather than as a
/// JSON copy.
pub fn check_document_at_most(root: &TreeNode, limit: usize) -> (Vec<Finding>, usize) {
    check_with(tree_validator(), Instance::Node(root), limit)
}

fn check_with<'i, F: Json>(
    validator: Option<&'i Validator<F>>,
    instance: F::Node<'i>,
    limit: usize,
) -> (Vec<Finding>, usize) {
    let Some(validator) = validator else {
        let bug = Finding::new(
            "",
            "the built-in plan schema could not be compiled; this is a bug in Pathway Kit",
        );
        return (vec![bug], 0);
    };
    // Most plans are valid: answering yes or no stops at nothing and builds no errors.
    if validator.is_valid(instance.clone()) {
        return (Vec::new(), 0);
    }
    let mut findings = Vec::new();
    let mut errors = validator.iter_errors(instance);
    for error in errors.by_ref() {
        describe(&error, &mut findings);
        if findings.len() >= limit {
            break;
        }
    }
    let more = errors.count();
    (findings, more)
}

fn describe(error: &ValidationError<'_>, findings: &mut Vec<Finding>) {
    let pointer = error.instance_path().as_str().to_owned();
    let path = display_path(&pointer);
    let subject = if pointer.is_empty() {
        "the plan".to_owned()
    } else {
        format!("`{path}`")
    };
    let instance = error.instance();
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed = allowed_keys(error.schema_path().as_str());
            for key in unexpected {
                let key_pointer = format!("{pointer}/{}", pathway_schema::load::escape_token(key));
                let help = match closest(key, allowed.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if allowed.is_empty() => "remove it".to_owned(),
                    None => format!("keys allowed here: {}", allowed.join(", ")),
                };
                findings.push(
                    Finding::new(key_pointer, format!("unknown key `{key}` in {subject}"))
                        .help(help)
                        .at_key(),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            findings.push(
                Finding::new(
                    pointer.clone(),
                    format!("{subject} is missing the key `{key}`"),
                )
                .help(format!("add `{key}:` with a value"))
                .at_key(),
            );
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(json_type) => type_words(&json_type.to_string()),
                TypeKind::Multiple(types) => types
                    .iter()
                    .map(|json_type| type_words(&json_type.to_string()))
                    .filter(|words| words != "nothing")
                    .collect::<Vec<_>>()
                    .join(" or "),
            };
            let mut finding = Finding::new(
                pointer.clone(),
                format!(
                    "{subject} should be {expected}, but is {}",
                    value_words(instance)
                ),
            );
            if expected == "text" && (instance.is_number() || instance.is_boolean()) {
                finding = finding.help("put the value in quotes to use it as text");
            }
            findings.push(finding);
        }
        ValidationErrorKind::Enum { options } => {
            let words: Vec<&str> = options
                .as_array()
                .map(|o| o.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let value = instance
                .as_str()
                .map_or_else(|| instance.to_string(), str::to_owned);
            let near = closest(&value, words.iter().copied())
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            findings.push(
                Finding::new(pointer.clone(), format!("{subject} cannot be `{value}`"))
                    .help(format!("{near}Choose from: {}", words.join(", "))),
            );
        }
        ValidationErrorKind::Constant { expected_value } => {
            findings.push(Finding::new(
                pointer.clone(),
                format!(
                    "{subject} must be {expected_value}, but is {}",
                    value_words(instance)
                ),
            ));
        }
        ValidationErrorKind::Pattern { .. } if is_id_field(error.schema_path().as_str()) => {
            let text = instance.as_str().unwrap_or_default();
            let message = Id::new(text)
                .err()
                .unwrap_or_else(|| format!("`{text}` is not a valid id"));
            findings.push(Finding::new(
                pointer.clone(),
                format!("{subject}: {message}"),
            ));
        }
        ValidationErrorKind::Format { format } => {
            let what = match format.as_str() {
                "date" => "a date written YYYY-MM-DD, such as 2027-08-15",
                "uri" => "a full web address starting with https://",
                "email" => "an email address",
                other => other,
            };
            findings.push(Finding::new(
                pointer.clone(),
                format!(
                    "{subject} should be {what}, but is {}",
                    value_words(instance)
                ),
            ));
        }
        ValidationErrorKind::AnyOf { context } => {
            // `anyOf: [thing, null]` is how optional objects are written; the useful errors are
            // the ones from the branch that is not `null`.
            let mut useful = Vec::new();
            for branch in context {
                for inner in branch {
                    let null_only = matches!(inner.kind(), ValidationErrorKind::Type { kind: TypeKind::Single(t) } if t.to_string() == "null");
                    if !null_only {
                        describe(inner, &mut useful);
                    }
                }
            }
            if useful.is_empty() {
                useful.push(Finding::new(
                    pointer.clone(),
                    format!("{subject} is not valid: {error}"),
                ));
            }
            findings.extend(useful);
        }
        _ => findings.push(Finding::new(
            pointer.clone(),
            format!("{subject}: {}", error.masked()),
        )),
    }
}

/// The keys the object schema at `schema_path` allows (`.../additionalProperties` → its
/// `properties`).
fn allowed_keys(schema_path: &str) -> Vec<String> {
    let parent = schema_path
        .strip_suffix("/additionalProperties")
        .unwrap_or(schema_path);
    schema()
        .pointer(parent)
        .and_then(|object| object.get("properties"))
        .and_then(Value::as_object)
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}

fn is_id_field(schema_path: &str) -> bool {
    schema_path.starts_with("/$defs/Id/")
}

fn type_words(json_type: &str) -> String {
    match json_type {
        "string" => "text",
        "integer" => "a whole number",
        "number" => "a number",
        "array" => "a list",
        "object" => "a mapping of keys to values",
        "boolean" => "`true` or `false`",
        "null" => "nothing",
        other => other,
    }
    .to_owned()
}

fn value_words(value: &Value) -> String {
    match value {
        Value::Null => "nothing (null)".to_owned(),
        Value::Bool(b) => format!("`{b}`"),
        Value::Number(n) => format!("the number {n}"),
        Value::String(s) if s.chars().count() <= 40 => format!("the text `{s}`"),
        Value::String(_) => "text".to_owned(),
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "a mapping".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn plan(extra: Value) -> Value {
        let mut plan = json!({
            "schema_version": 1, "id": "demo", "readiness": "exploring",
            "organization": {"name": "Demo", "kind": "district"}
        });
        if let (Some(target), Some(extra)) = (plan.as_object_mut(), extra.as_object()) {
            target.extend(extra.clone());
        }
        plan
    }

    #[test]
    fn a_minimal_plan_passes() {
        assert!(check(&plan(json!({}))).is_empty());
    }

    #[test]
    fn unknown_keys_suggest_the_near_one() {
        let findings = check(&plan(json!({"goals": {"challenge": "x"}})));
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(findings[0].pointer, "/goals/challenge");
        assert_eq!(findings[0].message, "unknown key `challenge` in `goals`");
        assert_eq!(
            findings[0].help.as_deref(),
            Some("did you mean `challenges`?")
        );
    }

    #[test]
    fn optional_objects_report_the_real_problem() {
        let findings = check(&plan(json!({"goals": "retention"})));
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert_eq!(
            findings[0].message,
            "`goals` should be a mapping of keys to values, but is the text `retention`"
        );
    }

    #[test]
    fn enums_and_ids_and_dates_explain_themselves() {
        let findings = check(&plan(json!({
            "readiness": "pilot",
            "credentials": [{"id": "Reading One", "title": "Reading"}],
            "period": {"start": "2027-02-30", "end": "2028-06-30"}
        })));
        let messages: Vec<&str> = findings.iter().map(|f| f.message.as_str()).collect();
        assert!(
            messages.contains(&"`readiness` cannot be `pilot`"),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("`credentials[0].id`: `Reading One` is not a valid id")),
            "{messages:?}"
        );
        assert!(
            messages
                .iter()
                .any(|m| m.starts_with("`period.start` should be a date")),
            "{messages:?}"
        );
    }

    /// The document tree and its JSON copy give the same findings, on valid plans and on plans
    /// with every kind of problem the tests above show, and more.
    #[test]
    fn the_tree_and_its_json_give_the_same_findings() {
        let cases = [
            json!({}),
            json!({"goals": {"challenge": "x"}}),
            json!({"goals": "retention"}),
            json!({
                "readiness": "pilot",
                "credentials": [{"id": "Reading One", "title": "Reading"}],
                "period": {"start": "2027-02-30", "end": "2028-06-30"}
            }),
            json!({"credentials": [{"title": "No id"}, {"id": "x", "title": 5, "hours": -1}]}),
            json!({"credentials": [{"id": "x", "title": "X", "hours": 2.5}], "stacks": [7]}),
            json!({"schema_version": 2, "organization": {"name": "", "kind": "planet"}}),
            json!({"credentials": {"id": "not-a-list"}, "extra": [1, 2]}),
            json!({"period": {"start": "2027-08-01"}, "summary": ["a", "b"]}),
        ];
        for extra in cases {
            let value = plan(extra);
            let text = value.to_string();
            let source = pathway_schema::source::Source::new("plan.json", text.as_str());
            let Ok(document) =
                pathway_schema::load::parse(source, None, &pathway_schema::load::Limits::DEFAULT)
            else {
                panic!("{text} does not parse");
            };
            assert_eq!(
                check_document_at_most(document.root(), usize::MAX),
                check_at_most(&value, usize::MAX),
                "{text}"
            );
        }
    }
}
