//! How Pathway Kit words what it tells a plan's author: the article before a word, a value
//! described in words, and one sentence for each structural problem, whichever checker found
//! it. The loader (reading a plan into its types) and the validator's schema stage (checking
//! the plan against the published JSON Schema) both explain a problem through
//! [`explain`], so `pathway validate`, `pathway export` and anything built later say the
//! same thing about the same mistake.
//!
//! ```
//! use pathway_schema::wording::{a, Found, Shape, StructuralProblem, explain};
//! use pathway_schema::load::Syntax;
//!
//! assert_eq!(format!("{} `exploring` plan", a("exploring")), "an `exploring` plan");
//! let problem = StructuralProblem::WrongShape {
//!     expected: vec![Shape::Mapping],
//!     found: Found::Number("400".to_owned()),
//! };
//! let explained = explain(&problem, "/incentives/offers/0/amount", Syntax::Yaml);
//! assert_eq!(explained.message, "`incentives.offers[0].amount` should be a mapping of keys to values, but is the number 400");
//! assert_eq!(explained.help.as_deref(), Some("write it like this: `amount: {value: 400, unit: per-credential}`"));
//! ```

mod example;
mod structure;

pub use example::{example_at, flow_text};
pub use structure::{Bound, Explanation, StructuralProblem, explain};

use std::borrow::Cow;

use serde_json::Value;

use crate::node::{Node, NodeValue};

/// The indefinite article for a word or phrase: "an" before a vowel sound, else "a". Looks at
/// the first word, ignoring backticks and quotes: `a("exploring")` is "an", `a("union")` "a".
pub fn a(phrase: &str) -> &'static str {
    let word: String = phrase
        .trim_start_matches(['`', '"', '\'', '(', ' '])
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    // Words whose spelling and sound disagree: a union, a one-time sum, an hour.
    const SAID_WITH_Y_OR_W: &[&str] = &["uni", "use", "usu", "uti", "eu", "one", "once"];
    const SILENT_H: &[&str] = &["hour", "honest", "honor", "honour"];
    if SILENT_H.iter().any(|start| word.starts_with(start)) {
        return "an";
    }
    if SAID_WITH_Y_OR_W.iter().any(|start| word.starts_with(start)) {
        return "a";
    }
    match word.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// The phrase with its indefinite article: "an incentive", "a funding source".
pub fn with_a(phrase: &str) -> String {
    format!("{} {phrase}", a(phrase))
}

/// A count with its noun, the number written with thousands separators: "1 recipient",
/// "3 recipients", "1,200 credentials".
pub fn count(n: impl std::fmt::Display + PartialEq<u32>, one: &str, many: &str) -> String {
    let noun = if n == 1 { one } else { many };
    let written = n.to_string();
    let number = written
        .parse::<u64>()
        .map_or(written, crate::domain::money::format_count);
    format!("{number} {noun}")
}

/// Items joined as a sentence lists them: `a`, `a and b`, `a, b and c`; `or` for choices.
pub fn list(items: &[String], conjunction: &str) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{} {conjunction} {last}", rest.join(", "))
        }
        Some((last, _)) => last.clone(),
        None => String::new(),
    }
}

/// The kinds of value a plan holds, as a message names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Nothing (null).
    Null,
    /// `true` or `false`.
    Boolean,
    /// A whole number.
    WholeNumber,
    /// Any number.
    Number,
    /// Text.
    Text,
    /// A list.
    List,
    /// A mapping of keys to values.
    Mapping,
}

impl Shape {
    /// The shape named by a JSON Schema `type`: `string` is [`Shape::Text`].
    pub fn from_json_type(json_type: &str) -> Option<Shape> {
        Some(match json_type {
            "null" => Shape::Null,
            "boolean" => Shape::Boolean,
            "integer" => Shape::WholeNumber,
            "number" => Shape::Number,
            "string" => Shape::Text,
            "array" => Shape::List,
            "object" => Shape::Mapping,
            _ => return None,
        })
    }

    /// What is expected, in words: "a whole number", "`true` or `false`".
    pub fn words(self) -> &'static str {
        match self {
            Shape::Null => "nothing",
            Shape::Boolean => "`true` or `false`",
            Shape::WholeNumber => "a whole number",
            Shape::Number => "a number",
            Shape::Text => "text",
            Shape::List => "a list",
            Shape::Mapping => "a mapping of keys to values",
        }
    }
}

/// A value as a message describes what was found: short text and numbers are quoted.
#[derive(Debug, Clone, PartialEq)]
pub enum Found<'a> {
    /// Nothing (null).
    Null,
    /// `true` or `false`.
    Boolean(bool),
    /// A number, as JSON writes it.
    Number(String),
    /// Text.
    Text(Cow<'a, str>),
    /// A list.
    List,
    /// A mapping.
    Mapping,
}

/// Text longer than this is described as "text" rather than quoted.
const QUOTED_TEXT_CHARS: usize = 40;

impl<'a> Found<'a> {
    /// Describes a JSON value.
    pub fn of_json(value: &'a Value) -> Self {
        match value {
            Value::Null => Found::Null,
            Value::Bool(b) => Found::Boolean(*b),
            Value::Number(n) => Found::Number(n.to_string()),
            Value::String(s) => Found::Text(Cow::Borrowed(s)),
            Value::Array(_) => Found::List,
            Value::Object(_) => Found::Mapping,
        }
    }

    /// Describes a node of a parsed plan, numbers written as its JSON copy writes them, so the
    /// loader and the schema stage quote a value alike.
    pub fn of_node(node: &'a Node) -> Self {
        match &node.value {
            NodeValue::Null => Found::Null,
            NodeValue::Bool(b) => Found::Boolean(*b),
            NodeValue::Int(_) | NodeValue::UInt(_) | NodeValue::Float(_) => {
                Found::Number(node.to_json().to_string())
            }
            NodeValue::String(s) => Found::Text(Cow::Borrowed(s)),
            NodeValue::Seq(_) => Found::List,
            NodeValue::Map(_) => Found::Mapping,
        }
    }

    /// What was found, in words: "the text `many`", "the number 400", "a list".
    pub fn words(&self) -> String {
        match self {
            Found::Null => "nothing (null)".to_owned(),
            Found::Boolean(b) => format!("`{b}`"),
            Found::Number(n) => match number(n) {
                Some(written) => format!("the number {written}"),
                None => format!("a number far beyond any plan's figures (`{n}`)"),
            },
            Found::Text(s) if s.chars().count() <= QUOTED_TEXT_CHARS => {
                format!("the text `{s}`")
            }
            Found::Text(_) => "text".to_owned(),
            Found::List => "a list".to_owned(),
            Found::Mapping => "a mapping".to_owned(),
        }
    }

    /// The same description, owning its text, for errors that outlive the value.
    pub fn into_owned(self) -> Found<'static> {
        match self {
            Found::Null => Found::Null,
            Found::Boolean(b) => Found::Boolean(b),
            Found::Number(n) => Found::Number(n),
            Found::Text(s) => Found::Text(Cow::Owned(s.into_owned())),
            Found::List => Found::List,
            Found::Mapping => Found::Mapping,
        }
    }

    /// The value as JSON, for examples built from it; `None` for lists and mappings.
    pub(super) fn scalar(&self) -> Option<Value> {
        match self {
            Found::Null => Some(Value::Null),
            Found::Boolean(b) => Some(Value::Bool(*b)),
            Found::Number(n) => serde_json::from_str(n).ok(),
            Found::Text(s) => Some(Value::String(s.to_string())),
            Found::List | Found::Mapping => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn articles_follow_the_sound() {
        let cases = [
            ("exploring", "an"),
            ("`exploring`", "an"),
            ("incentive", "an"),
            ("opportunity", "an"),
            ("evaluation metric", "an"),
            ("credential", "a"),
            ("funding source", "a"),
            ("piloting", "a"),
            ("union", "a"),
            ("one-time sum", "a"),
            ("hour", "an"),
            ("`unknown`", "an"),
            ("", "a"),
        ];
        for (word, article) in cases {
            assert_eq!(a(word), article, "{word}");
        }
        assert_eq!(with_a("incentive"), "an incentive");
    }

    #[test]
    fn counts_and_lists_read_as_sentences() {
        assert_eq!(count(1u32, "recipient", "recipients"), "1 recipient");
        assert_eq!(count(0u32, "recipient", "recipients"), "0 recipients");
        let items = |n: usize| (1..=n).map(|i| format!("`{i}`")).collect::<Vec<_>>();
        assert_eq!(list(&items(1), "or"), "`1`");
        assert_eq!(list(&items(2), "or"), "`1` or `2`");
        assert_eq!(list(&items(3), "and"), "`1`, `2` and `3`");
    }

    #[test]
    fn found_values_read_the_same_from_json_and_from_the_tree() {
        for yaml in [
            "a: 3.0",
            "a: 2.5",
            "a: -1",
            "a: 18446744073709551615",
            "a: x",
            "a: [1]",
        ] {
            let source = crate::source::Source::new("case.yaml", yaml);
            let document = crate::load::parse(source, None, &crate::load::Limits::DEFAULT).unwrap();
            let json = document.to_json();
            let (Some(node), Some(value)) = (document.root().pointer("/a"), json.pointer("/a"))
            else {
                panic!("{yaml}");
            };
            assert_eq!(Found::of_node(node), Found::of_json(value), "{yaml}");
        }
    }
}

/// A number as JSON writes it (`1000000000000.0`, `1e+30`), written as people read it:
/// `1,000,000,000,000`; `None` when it is too large to write out. Four-digit numbers keep no
/// separator, since a value quoted back may well be a year (`2027`).
pub fn number(json: &str) -> Option<String> {
    let value: f64 = json.parse().ok()?;
    // Beyond 10^15 an f64 no longer holds every whole number; no plan's figure is that large.
    if !value.is_finite() || value.abs() >= 1e15 {
        return None;
    }
    let sign = if value < 0.0 { "-" } else { "" };
    let digits = json.trim_start_matches('-');
    let fraction = match digits.split_once('.') {
        Some((_, fraction)) if !digits.contains(['e', 'E']) => fraction.trim_end_matches('0'),
        _ => "",
    };
    // Exact: the value is below 10^15.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let whole = value.abs().trunc() as u64;
    let whole = if whole < 10_000 {
        whole.to_string()
    } else {
        crate::domain::money::format_count(whole)
    };
    Some(if fraction.is_empty() {
        format!("{sign}{whole}")
    } else {
        format!("{sign}{whole}.{fraction}")
    })
}

#[cfg(test)]
mod number_tests {
    use super::number;

    #[test]
    fn numbers_are_written_as_people_read_them() {
        assert_eq!(
            number("1000000000000.0").as_deref(),
            Some("1,000,000,000,000")
        );
        assert_eq!(number("400").as_deref(), Some("400"));
        assert_eq!(number("-25000").as_deref(), Some("-25,000"));
        assert_eq!(number("2027").as_deref(), Some("2027"));
        assert_eq!(number("12.50").as_deref(), Some("12.5"));
        assert_eq!(number("0.25").as_deref(), Some("0.25"));
        assert_eq!(number("1e+30"), None);
    }
}
