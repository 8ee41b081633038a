//! Stage 1: structural validation against the published JSON Schema, the very file third parties
//! use. Every call into the `jsonschema` crate lives in this module.

use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::json::Json;
use jsonschema::types::JsonType;
use jsonschema::{ValidationError, Validator};
use pathway_schema::load::{Node as TreeNode, SourceTree, Syntax};
use pathway_schema::wording::{Bound, Found, Shape, StructuralProblem, explain};
use pathway_schema::{Date, Id};
use serde_json::Value;

use crate::instance::{Instance, SourceTreeJson};
use crate::rules::Finding;

/// The committed schema, as third parties get it: what the compiled-in check below is held to.
// A copy inside the crate, so the published crate carries it; tests/embedded.rs keeps it equal
// to the schema the types generate (the same file as schemas/ at the repository root).
#[cfg(test)]
const SCHEMA_TEXT: &str = include_str!("../schema/pathway-plan.v1.schema.json");

/// The same schema without its annotations (`title`, `description`, `examples`, `default`),
/// which no check reads, written without spaces: a fifth of the text. Reading the whole schema
/// into a JSON value was a fifth of the instructions of checking an example plan in a process
/// of its own. tests/embedded.rs writes this file from the schema and fails when it drifts;
/// `findings_match_a_validator_built_the_plain_way` below holds its findings to the whole
/// schema's.
const CHECKED_SCHEMA_TEXT: &str = include_str!("../schema/pathway-plan.v1.checked.json");

#[cfg(test)]
fn schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(SCHEMA_TEXT).unwrap_or(Value::Bool(true)))
}

/// The schema the validators are compiled from.
fn checked_schema() -> &'static Value {
    static SCHEMA: OnceLock<Value> = OnceLock::new();
    SCHEMA.get_or_init(|| serde_json::from_str(CHECKED_SCHEMA_TEXT).unwrap_or(Value::Bool(true)))
}

#[cfg(test)]
fn validator() -> Option<&'static Validator> {
    static VALIDATOR: OnceLock<Option<Validator>> = OnceLock::new();
    VALIDATOR.get_or_init(build).as_ref()
}

/// The same schema, compiled to validate the document tree in place.
fn tree_validator() -> Option<&'static Validator<SourceTreeJson>> {
    static VALIDATOR: OnceLock<Option<Validator<SourceTreeJson>>> = OnceLock::new();
    VALIDATOR.get_or_init(build).as_ref()
}

/// Compiles the schema, once per process (the validators above keep it).
///
/// `jsonschema` checks the schema it is given against its metaschema before compiling it, which
/// took half the instructions of checking the example plan in a process of its own. Our schema
/// is fixed at build time and checked against the metaschema by a test
/// (`the_built_in_schema_is_valid_draft_2020_12` below), so it is handed over as a registry
/// resource and compiled through a root that only refers to it: only that root is checked.
fn build<F: Json>() -> Option<Validator<F>> {
    let schema = checked_schema();
    let id = schema.get("$id").and_then(Value::as_str)?;
    let registry = jsonschema::Registry::new()
        .draft(jsonschema::Draft::Draft202012)
        .add(id, schema)
        .ok()?
        .prepare()
        .ok()?;
    // The root is checked against the metaschema of its own draft, and compiling a metaschema
    // is most of that check: draft 4's is one small document, 2020-12's seven. The root only
    // refers to our schema, which declares 2020-12 and is compiled as 2020-12 (the test
    // `findings_match_a_validator_built_the_plain_way` compares the two on thousands of plans).
    let root = serde_json::json!({
        "$schema": "http://json-schema.org/draft-04/schema#",
        "$ref": id,
    });
    jsonschema::options_for::<F>()
        .should_validate_formats(true)
        .with_registry(&registry)
        .build(&root)
        .ok()
}

/// Checks a parsed document against the schema in place, describing only the first `limit`
/// problems and counting the rest, which are not worth the words: a hostile file can hold a
/// million. Findings come in document order of their pointers' discovery; the engine sorts them
/// by position. Advice is written in YAML.
pub fn check_document_at_most(root: &TreeNode, limit: usize) -> (Vec<Finding>, usize) {
    check_with(tree_validator(), Instance::Node(root), limit, Syntax::Yaml)
}

/// Checks a plan's JSON copy against the schema, as third parties' validators do: the tests
/// hold the in-place check to the same findings.
#[cfg(test)]
fn check(instance: &Value) -> Vec<Finding> {
    check_at_most(instance, usize::MAX).0
}

/// Like [`check`], describing only the first `limit` problems.
#[cfg(test)]
fn check_at_most(instance: &Value, limit: usize) -> (Vec<Finding>, usize) {
    check_with(validator(), instance, limit, Syntax::Yaml)
}

/// Like [`check_document_at_most`], with advice written in the document's own syntax.
pub fn check_plan_document_at_most(document: &SourceTree, limit: usize) -> (Vec<Finding>, usize) {
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
    format: Syntax,
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
fn describe(error: &ValidationError<'_>, format: Syntax, findings: &mut Vec<Finding>) {
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
                    key: key.into(),
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

    /// The validators are built without checking the schema against the draft 2020-12
    /// metaschema (see `build`): this is that check, on the very text compiled into the binary.
    #[test]
    fn the_built_in_schema_is_valid_draft_2020_12() {
        assert_eq!(
            schema().get("$schema").and_then(Value::as_str),
            Some("https://json-schema.org/draft/2020-12/schema")
        );
        for schema in [schema(), checked_schema()] {
            if let Err(error) = jsonschema::meta::validate(schema) {
                panic!("the built-in schema is not a valid JSON Schema: {error}");
            }
        }
        assert_eq!(schema().get("$id"), checked_schema().get("$id"));
        assert!(validator().is_some() && tree_validator().is_some());
    }

    /// The validator compiled from the schema without annotations through a root that refers
    /// to it (see `build`) finds what one compiled from the whole schema itself finds, with the
    /// same paths and kinds: on every
    /// example and fixture, and on each example with a value at each place of the plan in turn
    /// replaced by a value of each type, which trips every kind of keyword the schema uses.
    #[test]
    fn findings_match_a_validator_built_the_plain_way() {
        let Ok(plain) = jsonschema::draft202012::options()
            .should_validate_formats(true)
            .build(schema())
        else {
            panic!("the schema does not compile");
        };
        let Some(built) = validator() else {
            panic!("`build` gave no validator");
        };
        let describe = |validator: &Validator, plan: &Value| -> Vec<String> {
            validator
                .iter_errors(plan)
                .map(|e| {
                    format!(
                        "{} {} {:?}",
                        e.instance_path().as_str(),
                        e.schema_path().as_str(),
                        e.kind()
                    )
                })
                .collect()
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut plans = Vec::new();
        let mut examples = Vec::new();
        for folder in ["examples", "tests/fixtures/invalid"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                panic!("no {folder}");
            };
            for entry in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(entry.path()) else {
                    continue;
                };
                let source =
                    pathway_schema::source::Source::new(entry.path().display().to_string(), text);
                if let Ok(document) = pathway_schema::load::parse(
                    source,
                    None,
                    &pathway_schema::load::Limits::DEFAULT,
                ) {
                    if folder == "examples" {
                        examples.push(document.to_json());
                    }
                    plans.push(document.to_json());
                }
            }
        }
        assert!(!examples.is_empty());
        for example in &examples {
            let mut pointers = Vec::new();
            every_pointer(example, String::new(), &mut pointers);
            // One place of each shape: `/credentials/3/hours` is checked as `/credentials/0/hours`
            // is.
            let mut shapes = std::collections::HashSet::new();
            pointers.retain(|pointer| {
                let shape: Vec<&str> = pointer
                    .split('/')
                    .map(|token| {
                        if token.parse::<usize>().is_ok() {
                            "#"
                        } else {
                            token
                        }
                    })
                    .collect();
                shapes.insert(shape.join("/"))
            });
            for pointer in pointers {
                for replacement in [
                    json!(7),
                    json!(-1.5),
                    json!("x"),
                    json!(true),
                    json!(null),
                    json!([]),
                    json!({"k": 1}),
                ] {
                    let mut plan = example.clone();
                    if let Some(slot) = plan.pointer_mut(&pointer) {
                        *slot = replacement;
                        plans.push(plan);
                    }
                }
            }
        }
        let mut invalid = 0;
        for plan in &plans {
            let expected = describe(&plain, plan);
            assert_eq!(built.is_valid(plan), expected.is_empty());
            invalid += usize::from(!expected.is_empty());
            assert_eq!(describe(built, plan), expected, "{plan}");
        }
        assert!(
            invalid > plans.len() / 2,
            "only {invalid} of {} plans are invalid",
            plans.len()
        );
    }

    fn every_pointer(value: &Value, at: String, out: &mut Vec<String>) {
        match value {
            Value::Object(map) => {
                for (key, child) in map {
                    every_pointer(
                        child,
                        format!("{at}/{}", pathway_schema::load::escape_token(key)),
                        out,
                    );
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    every_pointer(child, format!("{at}/{i}"), out);
                }
            }
            _ => {}
        }
        out.push(at);
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
