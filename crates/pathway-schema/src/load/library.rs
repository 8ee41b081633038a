//! What the parsing libraries report, read into the loader's own terms.
//!
//! serde-saphyr's errors are read through their variants, the YAML scanner's structured
//! `ErrorKind` and the library's default message formatter, which words a message without its
//! position. serde_json gives a category, a line and a column, but says "recursion limit" and
//! its message only as text: this module is the one place that reads that text, and its tests
//! fail when serde_json words them differently.

use serde_saphyr::granit_parser::ErrorKind as ScanKind;
use serde_saphyr::{
    DefaultMessageFormatter, Error as YamlError, ExternalMessageSource, MessageFormatter,
};

use crate::node::Refusal;
use crate::source::Position;

/// Why the careful YAML path stopped.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum YamlProblem {
    /// A mapping has the same key twice.
    DuplicateKey(Option<String>),
    /// Nesting deeper than the depth limit.
    TooDeep,
    /// Aliases or anchors past their limits.
    TooManyAliases,
    /// More values or parser events than the limits allow.
    TooManyValues,
    /// More than one YAML document.
    SeveralDocuments,
    /// A YAML tag, which plans do not use.
    Tag(String),
    /// `.inf`, `.nan` or a number too large for a float.
    NonFiniteNumber,
    /// The loader's own limits or rules, raised while the tree was built.
    Refused(Refusal),
    /// The text is not valid YAML. `kind` is the scanner's, when it was the scanner that
    /// stopped; `message` the library's own words, without the position.
    Syntax {
        kind: Option<ScanKind>,
        message: String,
    },
}

/// Reads a serde-saphyr error. `refusal` is what the tree builder refused, if anything: it
/// reaches serde-saphyr as a message, and is taken from the builder rather than from it.
pub(crate) fn read_yaml_error(
    error: &YamlError,
    refusal: Option<Refusal>,
) -> (YamlProblem, Option<Position>) {
    let mut inner = error;
    while let YamlError::WithSnippet { error, .. } | YamlError::AliasError { error, .. } = inner {
        inner = error;
    }
    let position = inner.location().map(|location| Position {
        line: usize::try_from(location.line()).unwrap_or(1).max(1),
        column: usize::try_from(location.column()).unwrap_or(1).max(1),
    });
    if let Some(refusal) = refusal {
        return (YamlProblem::Refused(refusal), position);
    }
    use serde_saphyr::budget::BudgetBreach as B;
    let problem = match inner {
        YamlError::DuplicateMappingKey { key, .. } => YamlProblem::DuplicateKey(key.clone()),
        YamlError::Budget { breach, .. } => match breach {
            B::Depth { .. } => YamlProblem::TooDeep,
            B::Aliases { .. } | B::Anchors { .. } => YamlProblem::TooManyAliases,
            _ => YamlProblem::TooManyValues,
        },
        YamlError::AliasReplayLimitExceeded { .. }
        | YamlError::AliasExpansionLimitExceeded { .. }
        | YamlError::AliasReplayStackDepthExceeded { .. }
        | YamlError::AliasReplayCounterOverflow { .. } => YamlProblem::TooManyAliases,
        YamlError::MultipleDocuments { .. } => YamlProblem::SeveralDocuments,
        YamlError::UnsupportedTag { tag, .. } => YamlProblem::Tag(tag.clone()),
        YamlError::NonFiniteFloat { .. } => YamlProblem::NonFiniteNumber,
        YamlError::ExternalMessage { source, .. } => match source.as_ref() {
            ExternalMessageSource::Parser(scan)
                if matches!(scan.kind(), ScanKind::RecursionLimitExceeded) =>
            {
                YamlProblem::TooDeep
            }
            ExternalMessageSource::Parser(scan) => YamlProblem::Syntax {
                kind: Some(scan.kind().clone()),
                message: message(inner),
            },
            _ => YamlProblem::Syntax {
                kind: None,
                message: message(inner),
            },
        },
        other => YamlProblem::Syntax {
            kind: None,
            message: message(other),
        },
    };
    (problem, position)
}

/// The library's message for an error, without "at line …".
pub fn message(error: &YamlError) -> String {
    let text = DefaultMessageFormatter.format_message(error);
    // The formatter leaves control characters to the renderer; a message is one line.
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Why serde_json stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JsonProblem {
    /// Nesting past serde_json's recursion limit.
    TooDeep,
    /// Not valid JSON: serde_json's words, without the position.
    Syntax(String),
}

/// The suffix serde_json's `Display` adds to every message that has a position.
const JSON_POSITION_SUFFIX: &str = " at line ";

/// serde_json's message when nesting exceeds its recursion limit.
const JSON_RECURSION_LIMIT: &str = "recursion limit exceeded";

/// Reads a serde_json error: what went wrong and where.
pub(crate) fn read_json_error(error: &serde_json::Error) -> (JsonProblem, Position) {
    let position = Position {
        line: error.line().max(1),
        column: error.column().max(1),
    };
    let text = error.to_string();
    let message = match text.rfind(JSON_POSITION_SUFFIX) {
        Some(cut) if error.line() > 0 => text.get(..cut).unwrap_or(&text),
        _ => text.as_str(),
    };
    let problem = if message == JSON_RECURSION_LIMIT {
        JsonProblem::TooDeep
    } else {
        JsonProblem::Syntax(message.to_owned())
    };
    (problem, position)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json_error(text: &str) -> serde_json::Error {
        match serde_json::from_str::<serde::de::IgnoredAny>(text) {
            Err(error) => error,
            Ok(_) => panic!("{text} is valid JSON"),
        }
    }

    // These fail when serde_json words its errors differently: then the constants above, and
    // the loader's messages, need a look.
    #[test]
    fn serde_json_words_its_recursion_limit_as_this_module_expects() {
        // Skipping values (as the syntax check does) does not count depth; building them does.
        let deep = format!("{}{}", "[".repeat(1_000), "]".repeat(1_000));
        let Err(error) = serde_json::from_str::<serde_json::Value>(&deep) else {
            panic!("serde_json read 1,000 levels of nesting");
        };
        let (problem, position) = read_json_error(&error);
        assert_eq!(problem, JsonProblem::TooDeep);
        assert_eq!(position.line, 1);
    }

    #[test]
    fn serde_json_positions_are_cut_from_its_messages() {
        let (problem, position) = read_json_error(&json_error("{\"a\": 1,\n \"b\": }"));
        assert_eq!(problem, JsonProblem::Syntax("expected value".to_owned()));
        assert_eq!((position.line, position.column), (2, 7));
        let (problem, _) = read_json_error(&json_error("{\"a\": 1} x"));
        assert_eq!(
            problem,
            JsonProblem::Syntax("trailing characters".to_owned())
        );
    }

    fn yaml_error(text: &str) -> YamlError {
        match serde_saphyr::from_str::<serde::de::IgnoredAny>(text) {
            Err(error) => error,
            Ok(_) => panic!("{text} is valid YAML"),
        }
    }

    #[test]
    fn scanner_errors_keep_their_kind_and_lose_their_position() {
        let (problem, position) = read_yaml_error(&yaml_error("a: b: c\n"), None);
        let YamlProblem::Syntax { kind, message } = problem else {
            panic!("{problem:?}");
        };
        assert!(
            matches!(kind, Some(ScanKind::MappingValueNotAllowed)),
            "{kind:?}"
        );
        assert!(!message.contains("line"), "{message}");
        assert_eq!(position.map(|p| (p.line, p.column)), Some((1, 5)));
    }

    #[test]
    fn tags_and_duplicate_keys_are_read_from_their_variants() {
        let options = serde_saphyr::options! {
            duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
            reject_unsupported_tags: true,
        };
        let read = |text: &str| {
            let error =
                serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(text, options.clone())
                    .err()
                    .unwrap_or_else(|| panic!("{text} was accepted"));
            read_yaml_error(&error, None).0
        };
        assert_eq!(
            read("a: 1\na: 2\n"),
            YamlProblem::DuplicateKey(Some("a".to_owned()))
        );
        assert!(
            matches!(read("a: !include x.yaml\n"), YamlProblem::Tag(tag) if tag.contains("include"))
        );
    }
}
