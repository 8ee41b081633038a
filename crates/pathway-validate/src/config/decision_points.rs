//! `[[decision_points]]`: a state's own decision points, declared in `pathway.toml` or a file it
//! extends, checked here so that a bad declaration is an error with its file, line and column
//! rather than a finding that can never be answered.
//!
//! ```toml
//! [[decision_points]]
//! id = "state.assessor-pool"
//! area = "learning"
//! level = "piloting"
//! question = "Which regional assessor pool scores our credentials?"
//! answer_at = "/extensions/high-desert/assessor_pool"
//! ```

use std::path::{Path, PathBuf};

use pathway_schema::Readiness;
use pathway_schema::decision_points::find;
use pathway_schema::state_points::{StateDecisionPoint, answer_tokens, area_key, area_named};
use pathway_schema::suggest::closest;
use serde::Deserialize;
use toml::Spanned;

use super::{ConfigError, position_of};

/// The most decision points a configuration (with every file it extends) declares. A state
/// adds a handful; the bound keeps every plan's check, scaffold and appendix small.
pub const MAX_STATE_POINTS: usize = 100;

/// The longest id, in bytes.
const MAX_ID_BYTES: usize = 64;
/// The longest question, in characters.
const MAX_QUESTION_CHARS: usize = 500;
/// The longest `answer_at` pointer, in bytes, and the most keys in it.
const MAX_POINTER_BYTES: usize = 256;
const MAX_POINTER_DEPTH: usize = 8;

/// One `[[decision_points]]` table as written, each value with its place in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawDecisionPoint {
    id: Spanned<String>,
    area: Spanned<String>,
    level: Spanned<String>,
    question: Spanned<String>,
    answer_at: Spanned<String>,
}

/// A checked declaration and where it was made, for messages about a later one that clashes.
#[derive(Debug, Clone)]
pub(super) struct Declared {
    pub point: StateDecisionPoint,
    pub file: PathBuf,
    pub position: (usize, usize),
}

/// Checks the declarations of one file and adds them to those of the files it extends
/// (`earlier`), which come first.
pub(super) fn declare(
    file: &Path,
    text: &str,
    raw: &[RawDecisionPoint],
    earlier: &mut Vec<Declared>,
) -> Result<(), ConfigError> {
    let error_at = |span: std::ops::Range<usize>, message: String| ConfigError {
        file: file.to_owned(),
        position: Some(position_of(text, span.start)),
        message,
    };
    for table in raw {
        if earlier.len() >= MAX_STATE_POINTS {
            return Err(error_at(
                table.id.span(),
                format!(
                    "more than {MAX_STATE_POINTS} decision points are declared; a state adds a handful to the toolkit's own"
                ),
            ));
        }
        let id = checked_id(table.id.get_ref()).map_err(|m| error_at(table.id.span(), m))?;
        if let Some(other) = earlier.iter().find(|d| d.point.id == id) {
            return Err(error_at(
                table.id.span(),
                format!(
                    "decision point `{id}` is declared twice: it is also declared at {}:{}:{}; give each its own id",
                    other.file.display(),
                    other.position.0,
                    other.position.1
                ),
            ));
        }
        let area = area_named(table.area.get_ref()).ok_or_else(|| {
            let words = pathway_schema::Area::ALL.map(area_key);
            error_at(
                table.area.span(),
                format!(
                    "unknown area `{}`{}. Choose from: {}",
                    table.area.get_ref().escape_debug(),
                    suggestion(table.area.get_ref(), words),
                    words.join(", ")
                ),
            )
        })?;
        let level = Readiness::parse(table.level.get_ref()).ok_or_else(|| {
            let words = Readiness::ALL.map(Readiness::as_str);
            error_at(
                table.level.span(),
                format!(
                    "unknown readiness level `{}`{}. Choose from: {} (the first level at which the point is required)",
                    table.level.get_ref().escape_debug(),
                    suggestion(table.level.get_ref(), words),
                    words.join(", ")
                ),
            )
        })?;
        let question = checked_question(table.question.get_ref())
            .map_err(|m| error_at(table.question.span(), m))?;
        let pointer = table.answer_at.get_ref();
        let tokens = checked_pointer(pointer).map_err(|m| error_at(table.answer_at.span(), m))?;
        for other in earlier.iter() {
            let theirs = answer_tokens(&other.point.pointer).unwrap_or_default();
            let (shorter, longer) = if theirs.len() <= tokens.len() {
                (&theirs, &tokens)
            } else {
                (&tokens, &theirs)
            };
            if longer.starts_with(shorter) {
                return Err(error_at(
                    table.answer_at.span(),
                    format!(
                        "`{pointer}` is where decision point `{}` is answered (declared at {}:{}:{}), or holds it or lies inside it; give each point a place of its own",
                        other.point.id,
                        other.file.display(),
                        other.position.0,
                        other.position.1
                    ),
                ));
            }
        }
        earlier.push(Declared {
            point: StateDecisionPoint {
                id,
                area,
                question,
                level,
                pointer: pointer.clone(),
            },
            file: file.to_owned(),
            position: position_of(text, table.id.span().start),
        });
    }
    Ok(())
}

/// " (did you mean `piloting`?)" for a word near one of the choices, or that begins one
/// (`pilot`).
fn suggestion<'a>(word: &str, choices: impl IntoIterator<Item = &'a str> + Clone) -> String {
    closest(word, choices.clone())
        .or_else(|| {
            let mut begun = choices
                .into_iter()
                .filter(|choice| word.len() >= 3 && choice.starts_with(word));
            begun.next().filter(|_| begun.next().is_none())
        })
        .map(|near| format!(" (did you mean `{near}`?)"))
        .unwrap_or_default()
}

/// An id like the toolkit's: words of lowercase letters and digits joined by hyphens, in parts
/// joined by dots (`state.assessor-pool`), and not one of the toolkit's own.
fn checked_id(id: &str) -> Result<String, String> {
    let well_formed = !id.is_empty()
        && id.len() <= MAX_ID_BYTES
        && id.split('.').all(|part| {
            !part.is_empty()
                && part.split('-').all(|word| {
                    !word.is_empty()
                        && word
                            .bytes()
                            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
                })
        });
    if !well_formed {
        return Err(format!(
            "`{}` is not a decision point id: write lowercase words joined by hyphens, in parts joined by dots, at most {MAX_ID_BYTES} characters, such as `state.assessor-pool`",
            id.escape_debug()
        ));
    }
    if find(id).is_some() {
        return Err(format!(
            "`{id}` is one of the toolkit's own decision points; a state's point needs an id of its own, such as `state.{}`",
            id.replace('.', "-")
        ));
    }
    Ok(id.to_owned())
}

/// A question on one line, printable, of a readable length: it is printed at terminals, in CI
/// annotations and in documents.
fn checked_question(question: &str) -> Result<String, String> {
    let trimmed = question.trim();
    if trimmed.is_empty() {
        return Err("the question is empty: write the question the plan must answer".to_owned());
    }
    if trimmed.chars().count() > MAX_QUESTION_CHARS {
        return Err(format!(
            "the question is longer than {MAX_QUESTION_CHARS} characters; ask it in a sentence or two"
        ));
    }
    if let Some(bad) = trimmed.chars().find(|c| unprintable(*c)) {
        return Err(format!(
            "the question holds the character {:?}, which cannot be shown as text; write it on one line of plain text",
            bad
        ));
    }
    Ok(trimmed.to_owned())
}

/// Control characters and the marks that reorder text on screen: never in an id, question or
/// place that is printed at a terminal or in an annotation.
fn unprintable(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200E}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn checked_pointer(pointer: &str) -> Result<Vec<String>, String> {
    if pointer.len() > MAX_POINTER_BYTES {
        return Err(format!(
            "`answer_at` is longer than {MAX_POINTER_BYTES} bytes; a few keys below `/extensions/` are enough"
        ));
    }
    if let Some(bad) = pointer.chars().find(|c| unprintable(*c)) {
        return Err(format!(
            "`answer_at` holds the character {bad:?}, which cannot be shown as text"
        ));
    }
    let tokens = answer_tokens(pointer)?;
    if tokens.len() > MAX_POINTER_DEPTH {
        return Err(format!(
            "`{pointer}` is {} keys deep; at most {MAX_POINTER_DEPTH} are allowed",
            tokens.len()
        ));
    }
    Ok(tokens)
}
