//! One sentence, and one piece of advice, for each structural problem a plan can have.

use std::borrow::Cow;

use serde_json::Value;

use super::example::{allowed_keys, example_at, holds_plain_items, line_at, only_number_key};
use super::{Found, Shape};
use crate::node::display_path;
use crate::source::Syntax;
use crate::suggest::closest;

/// A problem with a plan's structure: what the loader or the schema stage found at one place.
#[derive(Debug, Clone, PartialEq)]
pub enum StructuralProblem<'a> {
    /// A key the format does not define; the place is the key's own pointer.
    UnknownKey {
        /// The key as written.
        key: Cow<'a, str>,
        /// The keys allowed in that mapping, when the schema does not know the place.
        allowed: Vec<&'a str>,
    },
    /// A key the format requires is missing from the mapping at the place.
    MissingKey {
        /// The missing key.
        key: &'a str,
    },
    /// A value of the wrong shape: text where a list belongs, a number where a mapping does.
    WrongShape {
        /// What the place may hold (nothing, when also allowed, is left out of the sentence).
        expected: Vec<Shape>,
        /// What it holds.
        found: Found<'a>,
    },
    /// A value of the wrong kind, described in words by the code that expected it.
    WrongValue {
        /// What the place may hold, in words.
        expected: String,
        /// What it holds.
        found: Found<'a>,
    },
    /// A word that is not one of the place's choices.
    UnknownWord {
        /// What it holds.
        found: Found<'a>,
        /// The words allowed.
        choices: Vec<&'a str>,
    },
    /// A value that must be exactly one thing, such as `schema_version: 1`.
    NotExactly {
        /// The only value allowed, as JSON.
        expected: Value,
        /// What it holds.
        found: Found<'a>,
    },
    /// A number, text or list past a bound: below a minimum, above a maximum, too long.
    OutOfRange {
        /// The bound it breaks.
        bound: Bound,
        /// What it holds.
        found: Found<'a>,
    },
    /// A value whose own check failed, with the reason that check gives, such as "`Reading One`
    /// is not a valid id: …" or "`2027-02-30` is not a date: that day does not exist".
    Invalid {
        /// The reason, one clause.
        reason: String,
    },
    /// Text that is not written in the form the place needs (a web address, an email address).
    WrongForm {
        /// The form, in words: "a full web address starting with https://".
        form: String,
        /// What it holds.
        found: Found<'a>,
    },
    /// Anything else, worded by whoever found it.
    Other {
        /// What is wrong.
        message: String,
    },
}

/// A bound on a value.
#[derive(Debug, Clone, PartialEq)]
pub enum Bound {
    /// The smallest number allowed.
    AtLeast(Value),
    /// The largest number allowed.
    AtMost(Value),
    /// A number the value must be above.
    MoreThan(Value),
    /// A number the value must be below.
    LessThan(Value),
    /// The fewest characters a text may have.
    MinCharacters(u64),
    /// The most characters a text may have.
    MaxCharacters(u64),
    /// The fewest items a list may have.
    MinItems(u64),
    /// The most items a list may have.
    MaxItems(u64),
}

impl Bound {
    fn words(&self) -> String {
        let plural =
            |n: &u64, one: &str, many: &str| format!("{n} {}", if *n == 1 { one } else { many });
        match self {
            Bound::AtLeast(n) => format!("at least {}", number_bound(n)),
            Bound::AtMost(n) => format!("at most {}", number_bound(n)),
            Bound::MoreThan(n) => format!("more than {}", number_bound(n)),
            Bound::LessThan(n) => format!("less than {}", number_bound(n)),
            Bound::MinCharacters(n) => {
                format!("at least {} long", plural(n, "character", "characters"))
            }
            Bound::MaxCharacters(n) => {
                format!("at most {} long", plural(n, "character", "characters"))
            }
            Bound::MinItems(n) => format!("a list of at least {}", plural(n, "item", "items")),
            Bound::MaxItems(n) => format!("a list of at most {}", plural(n, "item", "items")),
        }
    }
}

/// A bound as people read it: `1,000,000,000,000`, not `1000000000000.0`.
fn number_bound(bound: &Value) -> String {
    let json = bound.to_string();
    super::number(&json).unwrap_or(json)
}

/// What to tell the plan's author: what is wrong, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something to say.
    pub help: Option<String>,
}

/// Words a structural problem at a JSON Pointer into a plan written in `format`. Advice shows
/// lines written in the plan's own syntax.
pub fn explain(problem: &StructuralProblem<'_>, pointer: &str, format: Syntax) -> Explanation {
    let subject = subject(pointer);
    let (message, help) = match problem {
        StructuralProblem::UnknownKey { key, allowed } => {
            let parent = parent(pointer);
            let allowed = allowed_keys(parent).unwrap_or_else(|| allowed.clone());
            let help = match closest(key.as_ref(), allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None if allowed.is_empty() => "remove it".to_owned(),
                None => format!("keys allowed here: {}", allowed.join(", ")),
            };
            (
                format!("unknown key `{key}` in {}", self::subject(parent)),
                Some(help),
            )
        }
        StructuralProblem::MissingKey { key } => {
            let place = format!("{pointer}/{}", crate::node::escape_token(key));
            let help = match example_at(&place) {
                Some(example) => format!(
                    "add `{key}` with a value, such as `{}`",
                    line_at(&place, &example, format)
                ),
                None => format!("add `{key}` with a value"),
            };
            (format!("{subject} is missing the key `{key}`"), Some(help))
        }
        StructuralProblem::WrongShape { expected, found } => {
            let wanted: Vec<&str> = expected
                .iter()
                .filter(|shape| **shape != Shape::Null || expected.len() == 1)
                .map(|shape| shape.words())
                .collect();
            (
                format!(
                    "{subject} should be {}, but is {}",
                    wanted.join(" or "),
                    found.words()
                ),
                shape_help(pointer, expected, found, format),
            )
        }
        StructuralProblem::WrongValue { expected, found } => (
            format!("{subject} should be {expected}, but is {}", found.words()),
            None,
        ),
        StructuralProblem::UnknownWord { found, choices } => {
            let value = match found {
                Found::Text(text) => text.to_string(),
                other => other.scalar().map(|v| v.to_string()).unwrap_or_default(),
            };
            let near = closest(&value, choices.iter().copied())
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            (
                format!("{subject} cannot be `{value}`"),
                Some(format!("{near}Choose from: {}", choices.join(", "))),
            )
        }
        StructuralProblem::NotExactly { expected, found } => {
            let line = line_at(pointer, expected, format);
            let help = if pointer == "/schema_version" {
                format!(
                    "this version of Pathway Kit reads plans written in schema_version {expected}: write `{line}`, or use the Pathway Kit the plan was written for"
                )
            } else {
                format!("write `{line}`")
            };
            (
                format!("{subject} must be {expected}, but is {}", found.words()),
                Some(help),
            )
        }
        StructuralProblem::OutOfRange {
            bound: Bound::MinCharacters(1),
            found: Found::Text(text),
        } if text.is_empty() => (
            format!("{subject} cannot be empty"),
            example_at(pointer).map(|example| {
                format!("write it, such as `{}`", line_at(pointer, &example, format))
            }),
        ),
        StructuralProblem::OutOfRange { bound, found } => {
            let found = match (bound, found) {
                (Bound::MinCharacters(_) | Bound::MaxCharacters(_), Found::Text(text)) => {
                    let count = text.chars().count();
                    format!(
                        "{count} {}",
                        if count == 1 {
                            "character"
                        } else {
                            "characters"
                        }
                    )
                }
                (_, found) => found.words(),
            };
            (
                format!("{subject} should be {}, but is {found}", bound.words()),
                None,
            )
        }
        StructuralProblem::Invalid { reason } => (
            if pointer.is_empty() {
                reason.clone()
            } else {
                format!("{subject}: {reason}")
            },
            None,
        ),
        StructuralProblem::WrongForm { form, found } => (
            format!("{subject} should be {form}, but is {}", found.words()),
            None,
        ),
        StructuralProblem::Other { message } => (
            if pointer.is_empty() {
                message.clone()
            } else {
                format!("{subject}: {message}")
            },
            None,
        ),
    };
    Explanation { message, help }
}

/// What to write instead of a value of the wrong shape: the author's own value in quotes when
/// text was meant, in a list when a list of such values was, or put into the schema's example.
fn shape_help(
    pointer: &str,
    expected: &[Shape],
    found: &Found<'_>,
    format: Syntax,
) -> Option<String> {
    let own = found.scalar();
    if expected.contains(&Shape::Text)
        && let Some(own) = own
            .as_ref()
            .filter(|own| own.is_number() || own.is_boolean())
    {
        let quoted = Value::String(own.to_string());
        return Some(format!(
            "put it in quotes to use it as text: `{}`",
            line_at(pointer, &quoted, format)
        ));
    }
    if expected.contains(&Shape::Boolean)
        && let Found::Text(text) = found
    {
        // YAML 1.1 read these as true and false; plans are read as YAML 1.2, where they are text.
        let meant = match text.to_ascii_lowercase().as_str() {
            "yes" | "y" | "on" | "true" => Some(true),
            "no" | "n" | "off" | "false" => Some(false),
            _ => None,
        };
        if let Some(meant) = meant {
            return Some(format!(
                "write `{}`: plans say yes and no as `true` and `false`",
                line_at(pointer, &Value::Bool(meant), format)
            ));
        }
    }
    // `goals:\n  challenges:Retention` is the text `challenges:Retention`: a missing space.
    if expected.contains(&Shape::Mapping)
        && format == Syntax::Yaml
        && let Found::Text(text) = found
        && let Some((key, value)) = text.split_once(':')
        && !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'))
        && value.starts_with(|c: char| !c.is_whitespace() && c != '/')
    {
        return Some(format!(
            "YAML read `{key}:{value}` as text because there is no space after the colon: write `{key}: {value}`"
        ));
    }
    if pointer.is_empty() {
        return Some(match format {
            Syntax::Yaml => "a plan is a mapping: keys such as `schema_version:`, `id:` and `readiness:`, each at the start of a line; `pathway init` writes one to start from",
            Syntax::Json => "a plan is one JSON object, `{\"schema_version\": 1, \"id\": …}`",
        }.to_owned());
    }
    if expected.contains(&Shape::List)
        && let Some(own) = own.as_ref().filter(|own| !own.is_null())
        && holds_plain_items(pointer)
    {
        let listed = Value::Array(vec![own.clone()]);
        return Some(format!(
            "write it as a list: `{}`",
            line_at(pointer, &listed, format)
        ));
    }
    let Some(mut example) = example_at(pointer) else {
        return mapping_help(pointer, expected, format);
    };
    let fits = |shape: &Shape| match shape {
        Shape::Null => example.is_null(),
        Shape::Boolean => example.is_boolean(),
        Shape::WholeNumber => example.is_i64() || example.is_u64(),
        Shape::Number => example.is_number(),
        Shape::Text => example.is_string(),
        Shape::List => example.is_array(),
        Shape::Mapping => example.is_object(),
    };
    if !expected.iter().any(fits) {
        return None;
    }
    if let Some(own) = own.filter(Value::is_number)
        && let Some(key) = only_number_key(pointer, &example)
        && let Some(slot) = example.get_mut(&key)
    {
        *slot = own;
    }
    Some(format!(
        "write it like this: `{}`",
        line_at(pointer, &example, format)
    ))
}

/// For a mapping with no example in the schema: the keys it holds.
fn mapping_help(pointer: &str, expected: &[Shape], format: Syntax) -> Option<String> {
    if !expected.contains(&Shape::Mapping) {
        return None;
    }
    let keys = allowed_keys(pointer)?;
    let mut named: Vec<String> = keys.iter().take(3).map(|key| format!("`{key}`")).collect();
    if keys.len() > named.len() {
        named.push("…".to_owned());
    }
    let layout = match format {
        Syntax::Yaml => ", each on its own line below it, indented",
        Syntax::Json => "",
    };
    Some(format!(
        "write it as a mapping of its keys ({}){layout}",
        named.join(", ")
    ))
}

/// The place in words: "the plan", or its path in backticks.
fn subject(pointer: &str) -> String {
    if pointer.is_empty() {
        "the plan".to_owned()
    } else {
        format!("`{}`", display_path(pointer))
    }
}

fn parent(pointer: &str) -> &str {
    pointer
        .rfind('/')
        .and_then(|cut| pointer.get(..cut))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(problem: StructuralProblem<'_>, pointer: &str) -> (String, Option<String>) {
        let explained = explain(&problem, pointer, Syntax::Yaml);
        (explained.message, explained.help)
    }

    #[test]
    fn a_number_where_money_belongs_is_put_into_the_example() {
        let problem = StructuralProblem::WrongShape {
            expected: vec![Shape::Mapping, Shape::Null],
            found: Found::Number("400".to_owned()),
        };
        let explained = explain(&problem, "/incentives/offers/0/amount", Syntax::Json);
        assert_eq!(
            explained.help.as_deref(),
            Some(r#"write it like this: `"amount": {"value": 400, "unit": "per-credential"}`"#)
        );
    }

    #[test]
    fn text_where_a_list_of_ids_belongs_is_put_in_a_list() {
        let (message, help) = yaml(
            StructuralProblem::WrongShape {
                expected: vec![Shape::List],
                found: Found::Text("title-ii".into()),
            },
            "/incentives/offers/0/funded_by",
        );
        assert_eq!(
            message,
            "`incentives.offers[0].funded_by` should be a list, but is the text `title-ii`"
        );
        assert_eq!(
            help.as_deref(),
            Some("write it as a list: `funded_by: [title-ii]`")
        );
    }

    #[test]
    fn text_where_a_list_of_mappings_belongs_gets_the_example() {
        let (_, help) = yaml(
            StructuralProblem::WrongShape {
                expected: vec![Shape::List],
                found: Found::Text("one credential".into()),
            },
            "/credentials",
        );
        let help = help.unwrap();
        assert!(
            help.starts_with("write it like this: `credentials: [{id: "),
            "{help}"
        );
    }

    #[test]
    fn numbers_meant_as_text_are_quoted() {
        let (message, help) = yaml(
            StructuralProblem::WrongShape {
                expected: vec![Shape::Text, Shape::Null],
                found: Found::Number("2027".to_owned()),
            },
            "/title",
        );
        assert_eq!(message, "`title` should be text, but is the number 2027");
        assert_eq!(
            help.as_deref(),
            Some(r#"put it in quotes to use it as text: `title: "2027"`"#)
        );
    }

    #[test]
    fn unknown_keys_name_their_mapping_and_the_near_key() {
        let (message, help) = yaml(
            StructuralProblem::UnknownKey {
                key: "challenge".into(),
                allowed: Vec::new(),
            },
            "/goals/challenge",
        );
        assert_eq!(message, "unknown key `challenge` in `goals`");
        assert_eq!(help.as_deref(), Some("did you mean `challenges`?"));
        let (message, _) = yaml(
            StructuralProblem::UnknownKey {
                key: "goal".into(),
                allowed: Vec::new(),
            },
            "/goal",
        );
        assert_eq!(message, "unknown key `goal` in the plan");
    }

    #[test]
    fn missing_keys_come_with_an_example() {
        let (message, help) = yaml(
            StructuralProblem::MissingKey { key: "title" },
            "/credentials/0",
        );
        assert_eq!(message, "`credentials[0]` is missing the key `title`");
        let help = help.unwrap();
        assert!(
            help.starts_with("add `title` with a value, such as `title: "),
            "{help}"
        );
    }
}
