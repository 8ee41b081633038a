//! Stage 1: structural validation against the published JSON Schema, the very file third parties
//! use. Every call into the `jsonschema` crate lives in this module.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::json::Json;
use jsonschema::types::JsonType;
use jsonschema::{ValidationError, Validator};
use pathway_schema::load::{Document, Format, Node as TreeNode};
use pathway_schema::wording::{Bound, Found, Shape, StructuralProblem, explain};
use pathway_schema::{Date, Id};
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
/// discovery; the engine sorts them by position. Advice is written in YAML.
pub fn check(instance: &Value) -> Vec<Finding> {
    check_at_most(instance, usize::MAX).0
}

/// Like [`check`], but describes only the first `limit` problems and counts the rest, which
/// are not worth the words: a hostile file can hold a million.
pub fn check_at_most(instance: &Value, limit: usize) -> (Vec<Finding>, usize) {
    check_with(validator(), instance, limit, Format::Yaml)
}

/// Like [`check_at_most`], for a parsed document, which is checked in place rather than as a
/// JSON copy. Advice is written in YAML.
pub fn check_document_at_most(root: &TreeNode, limit: usize) -> (Vec<Finding>, usize) {
    check_with(tree_validator(), Instance::Node(root), limit, Format::Yaml)
}

/// Like [`check_document_at_most`], with advice written in the document's own syntax.
pub fn check_plan_document_at_most(document: &Document, limit: usize) -> (Vec<Finding>, usize) {
    check_with(
        tree_validator(),
        Instance::Node(document.root()),
        limit,
        document.format(),
    )
}

fn check_with<'i, F: Json>(
    validator: Option<&'i Validator<F>>,
    instance: F::Node<'i>,
    limit: usize,
    format: Format,
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
        describe(&error, format, &mut findings);
        if findings.len() >= limit {
            break;
        }
    }
    let more = errors.count();
    (findings, more)
}

/// Turns one schema error into findings, worded by [`pathway_schema::wording`] exactly as the
/// loader words the same problem.
fn describe(error: &ValidationError<'_>, format: Format, findings: &mut Vec<Finding>) {
    let pointer = error.instance_path().as_str().to_owned();
    let instance: &Value = error.instance();
    let found = || Found::of_json(instance);
    let mut push = |pointer: String, problem: StructuralProblem<'_>, at_key: bool| {
        let explained = explain(&problem, &pointer, format);
        let mut finding = Finding::new(pointer, explained.message);
        if let Some(help) = explained.help {
            finding = finding.help(help);
        }
        findings.push(if at_key { finding.at_key() } else { finding });
    };
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            for key in unexpected {
                let key_pointer = format!("{pointer}/{}", pathway_schema::load::escape_token(key));
                let problem = StructuralProblem::UnknownKey {
                    key,
                    allowed: Vec::new(),
                };
                push(key_pointer, problem, true);
            }
        }
        ValidationErrorKind::Required { property } => {
            let key = property.as_str().unwrap_or_default();
            push(pointer, StructuralProblem::MissingKey { key }, true);
        }
        ValidationErrorKind::Type { kind } => {
            let expected = match kind {
                TypeKind::Single(json_type) => vec![shape(*json_type)],
                TypeKind::Multiple(types) => types.iter().map(shape).collect(),
            };
            let problem = StructuralProblem::WrongShape {
                expected,
                found: found(),
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::Enum { options } => {
            let choices = options
                .as_array()
                .map(|o| o.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let problem = StructuralProblem::UnknownWord {
                found: found(),
                choices,
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::Constant { expected_value } => {
            let problem = StructuralProblem::NotExactly {
                expected: Value::clone(expected_value),
                found: found(),
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::Pattern { .. } if is_id_field(error.schema_path().as_str()) => {
            let text = instance.as_str().unwrap_or_default();
            let reason = Id::new(text)
                .err()
                .unwrap_or_else(|| format!("`{text}` is not a valid id"));
            push(pointer, StructuralProblem::Invalid { reason }, false);
        }
        ValidationErrorKind::Format { format: form } => {
            let text = instance.as_str().unwrap_or_default();
            // The loader reads dates with `Date::parse`; its reason is the one to give.
            let problem = match (form.as_str(), Date::parse(text)) {
                ("date", Err(reason)) => StructuralProblem::Invalid { reason },
                (form, _) => StructuralProblem::WrongForm {
                    form: match form {
                        "date" => "a date written YYYY-MM-DD, such as 2027-08-15",
                        "uri" => "a full web address starting with https://",
                        "email" => "an email address",
                        other => other,
                    }
                    .to_owned(),
                    found: found(),
                },
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::Minimum { limit }
        | ValidationErrorKind::Maximum { limit }
        | ValidationErrorKind::ExclusiveMinimum { limit }
        | ValidationErrorKind::ExclusiveMaximum { limit } => {
            let limit = limit.clone();
            let bound = match error.kind() {
                ValidationErrorKind::Minimum { .. } => Bound::AtLeast(limit),
                ValidationErrorKind::Maximum { .. } => Bound::AtMost(limit),
                ValidationErrorKind::ExclusiveMinimum { .. } => Bound::MoreThan(limit),
                _ => Bound::LessThan(limit),
            };
            let problem = StructuralProblem::OutOfRange {
                bound,
                found: found(),
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::MinLength { limit } | ValidationErrorKind::MaxLength { limit } => {
            let bound = if matches!(error.kind(), ValidationErrorKind::MinLength { .. }) {
                Bound::MinCharacters(*limit)
            } else {
                Bound::MaxCharacters(*limit)
            };
            let problem = StructuralProblem::OutOfRange {
                bound,
                found: found(),
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::MinItems { limit } | ValidationErrorKind::MaxItems { limit } => {
            let bound = if matches!(error.kind(), ValidationErrorKind::MinItems { .. }) {
                Bound::MinItems(*limit)
            } else {
                Bound::MaxItems(*limit)
            };
            let problem = StructuralProblem::OutOfRange {
                bound,
                found: found(),
            };
            push(pointer, problem, false);
        }
        // A closed vocabulary is `oneOf` its words (so that each word carries its meaning): a
        // value that is none of them is an unknown word, as for an `enum`.
        ValidationErrorKind::OneOfNotValid { context } if expected_words(context).is_some() => {
            let choices = expected_words(context).unwrap_or_default();
            let problem = StructuralProblem::UnknownWord {
                found: found(),
                choices,
            };
            push(pointer, problem, false);
        }
        ValidationErrorKind::AnyOf { context } => {
            // `anyOf: [thing, null]` is how optional objects are written; the useful errors are
            // the ones from the branch that is not `null`.
            let mut useful = Vec::new();
            for branch in context {
                for inner in branch {
                    let null_only = matches!(
                        inner.kind(),
                        ValidationErrorKind::Type {
                            kind: TypeKind::Single(JsonType::Null)
                        }
                    );
                    if !null_only {
                        describe(inner, format, &mut useful);
                    }
                }
            }
            if useful.is_empty() {
                let message = format!("not valid: {}", error.masked());
                push(pointer, StructuralProblem::Other { message }, false);
            }
            findings.extend(useful);
        }
        _ => {
            let message = error.masked().to_string();
            push(pointer, StructuralProblem::Other { message }, false);
        }
    }
}

/// The words a `oneOf` of constants expected, when every branch failed only because the value
/// was not its word.
fn expected_words<'a>(context: &'a [Vec<ValidationError<'_>>]) -> Option<Vec<&'a str>> {
    context
        .iter()
        .map(|branch| match branch.as_slice() {
            [only] => match only.kind() {
                ValidationErrorKind::Constant { expected_value } => expected_value.as_str(),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

fn shape(json_type: JsonType) -> Shape {
    match json_type {
        JsonType::Null => Shape::Null,
        JsonType::Boolean => Shape::Boolean,
        JsonType::Integer => Shape::WholeNumber,
        JsonType::Number => Shape::Number,
        JsonType::String => Shape::Text,
        JsonType::Array => Shape::List,
        JsonType::Object => Shape::Mapping,
    }
}

fn is_id_field(schema_path: &str) -> bool {
    schema_path.starts_with("/$defs/Id/")
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
                .contains(&"`period.start`: `2027-02-30` is not a date: that day does not exist"),
            "{messages:?}"
        );
    }

    // Regression: closed vocabularies became `oneOf` their words (so editors show each word's
    // meaning); a wrong word, required or optional, must still read as an unknown word with
    // the choices, not as "not valid under any of the given schemas".
    #[test]
    fn a_wrong_word_names_the_choices() {
        let findings = check(&plan(json!({
            "organization": {"name": "Demo", "kind": "distrct"},
            "goals": {"priorities": [{"id": "g", "statement": "S", "priority": "urgent"}]}
        })));
        let described: Vec<(&str, &str, Option<&str>)> = findings
            .iter()
            .map(|f| (f.pointer.as_str(), f.message.as_str(), f.help.as_deref()))
            .collect();
        assert_eq!(
            described,
            [
                (
                    "/organization/kind",
                    "`organization.kind` cannot be `distrct`",
                    Some(
                        "did you mean `district`? Choose from: district, state, charter-network, regional-agency"
                    )
                ),
                (
                    "/goals/priorities/0/priority",
                    "`goals.priorities[0].priority` cannot be `urgent`",
                    Some("Choose from: high, medium, low")
                ),
            ]
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
