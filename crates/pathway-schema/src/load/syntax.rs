//! Load errors for text that is not a plan's YAML or JSON at all: syntax, limits, and YAML
//! features plans do not use, each with what to do.

use super::Limits;
use super::error::{LoadError, LoadErrorKind};
use super::library::{JsonProblem, YamlProblem, read_json_error, read_yaml_error};
use super::mistakes;
use crate::node::Refusal;
use crate::source::{Location, Position, Source};

fn at(position: Position) -> Location {
    Location {
        start: position,
        end: position,
    }
}

/// The load error for a file the careful YAML path (serde-saphyr) could not read.
pub(super) fn yaml_error(
    source: &Source,
    error: &serde_saphyr::Error,
    refusal: Option<Refusal>,
    limits: &Limits,
) -> LoadError {
    let (problem, position) = read_yaml_error(error, refusal);
    let too_deep = || {
        (
            LoadErrorKind::Limit,
            format!(
                "the values are nested more than {} levels deep",
                limits.max_depth
            ),
            "a plan nests a few levels deep; check for runaway brackets or indentation".to_owned(),
        )
    };
    let (kind, message, help) = match problem {
        YamlProblem::DuplicateKey(key) => (
            LoadErrorKind::DuplicateKey,
            match key {
                Some(key) => format!("the key `{key}` appears twice in the same mapping"),
                None => "a key appears twice in the same mapping".to_owned(),
            },
            "keep one of them; merge their contents if both hold something".to_owned(),
        ),
        YamlProblem::TooDeep => too_deep(),
        YamlProblem::TooManyAliases => (
            LoadErrorKind::Limit,
            format!(
                "aliases expand to more than {} values",
                limits.max_alias_events
            ),
            "write the values out instead of using `*aliases`".to_owned(),
        ),
        YamlProblem::TooManyValues => (
            LoadErrorKind::Limit,
            format!("the file holds more than {} values", limits.max_nodes),
            "split the plan into smaller files".to_owned(),
        ),
        YamlProblem::SeveralDocuments => (
            LoadErrorKind::Unsupported,
            "the file holds more than one YAML document (`---`)".to_owned(),
            "put one plan in each file".to_owned(),
        ),
        YamlProblem::Tag(tag) => (
            LoadErrorKind::Unsupported,
            format!("unsupported tag `{tag}`"),
            "plans do not use YAML tags (`!something`): remove the tag".to_owned(),
        ),
        YamlProblem::NonFiniteNumber => (
            LoadErrorKind::InvalidValue,
            "the number is too large to store, or is .inf or .nan: numbers must be finite"
                .to_owned(),
            "write an ordinary number".to_owned(),
        ),
        YamlProblem::Refused(refusal) => {
            let help = match &refusal {
                Refusal::TextTooLong { .. } => {
                    "shorten the text, or keep long documents outside the plan and link to them"
                }
                Refusal::TooManyKeys { .. } => {
                    "a plan keeps long lists as lists (`- item`), not as keys of one mapping"
                }
                Refusal::NumberTooLarge(_) => "write a smaller number",
                Refusal::Binary => "write the value as text",
                Refusal::EmptyKey => "write the key's name before the colon",
            };
            let kind = match refusal {
                Refusal::TextTooLong { .. } | Refusal::TooManyKeys { .. } => LoadErrorKind::Limit,
                Refusal::NumberTooLarge(_) | Refusal::Binary => LoadErrorKind::InvalidValue,
                Refusal::EmptyKey => LoadErrorKind::Syntax,
            };
            (kind, refusal.to_string(), help.to_owned())
        }
        YamlProblem::Syntax { kind, message } => {
            let mistake = position
                .and_then(|position| mistakes::explain(source.text(), kind.as_ref(), position));
            let (message, help, place) = match mistake {
                Some(mistake) => (mistake.message, mistake.help, mistake.at.or(position)),
                None => (
                    message,
                    "check indentation, colons and quotes around this spot".to_owned(),
                    position,
                ),
            };
            let error = LoadError::new(
                LoadErrorKind::Syntax,
                source.name(),
                format!("invalid YAML: {message}"),
            )
            .with_help(help);
            return match place {
                Some(position) => error.at(at(position)),
                None => error,
            };
        }
    };
    let error = LoadError::new(kind, source.name(), message).with_help(help);
    match position {
        Some(position) => error.at(at(position)),
        None => error,
    }
}

/// The load error for JSON text, when there is one. JSON is checked strictly before it is read
/// as YAML (its superset), so that JSON plans get JSON's rules and messages.
pub(super) fn check_json_syntax(source: &Source) -> Result<(), LoadError> {
    let Err(error) = serde_json::from_str::<serde::de::IgnoredAny>(source.text()) else {
        return Ok(());
    };
    let (problem, position) = read_json_error(&error);
    let (kind, message, help) = match problem {
        JsonProblem::TooDeep => (
            LoadErrorKind::Limit,
            "the JSON is nested too deeply".to_owned(),
            "a plan nests a few levels deep; check the file".to_owned(),
        ),
        JsonProblem::Syntax(message) => (
            LoadErrorKind::Syntax,
            format!("invalid JSON: {message}"),
            "fix the JSON syntax at this spot".to_owned(),
        ),
    };
    Err(LoadError::new(kind, source.name(), message)
        .with_help(help)
        .at(at(position)))
}
