//! The YAML mistakes people make, explained in their terms, with the line as it should be.
//!
//! The YAML scanner says where it stopped and why in its terms ("mapping values are not
//! allowed in this context"). Here that is read together with the lines around it, to name the
//! usual slip: a colon inside a sentence, no space after a colon, a tab, a quote never closed,
//! a line indented to no level, a bracket never closed. When the lines do not fit a known slip,
//! [`explain`] says nothing and the scanner's words are used.

use serde_saphyr::granit_parser::ErrorKind as ScanKind;

use crate::source::Position;

/// A slip, explained.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Mistake {
    /// What is wrong, in one clause.
    pub message: String,
    /// What to do, usually with the line as it should be.
    pub help: String,
    /// Where the slip is, when it is not where the scanner stopped.
    pub at: Option<Position>,
}

/// How many lines above the error are read to explain it.
const WINDOW_LINES: usize = 200;

/// A fixed line is shown only up to this many characters; a longer one is described instead.
const SHOWN_LINE_CHARS: usize = 160;

/// Explains the syntax error the scanner reported at `position` (1-based line and column).
pub(super) fn explain(text: &str, kind: Option<&ScanKind>, position: Position) -> Option<Mistake> {
    // Lines ended by a lone carriage return are counted differently by the scanner; guessing
    // at them would point at the wrong line.
    let bytes = text.as_bytes();
    if text
        .match_indices('\r')
        .any(|(at, _)| bytes.get(at + 1) != Some(&b'\n'))
    {
        return None;
    }
    // Only the lines around the error are read, so a huge file costs no more memory here than
    // a small one.
    let first = position.line.saturating_sub(WINDOW_LINES).max(1);
    let lines: Vec<&str> = text
        .split('\n')
        .skip(first - 1)
        .take(position.line + 2 - first)
        .map(|line| line.strip_suffix('\r').unwrap_or(line))
        .collect();
    let here = Lines {
        lines: &lines,
        first,
        line: position.line,
        column: position.column,
    };
    match kind? {
        ScanKind::MappingValueNotAllowed => here.colon_in_text().or_else(|| here.unended_line()),
        ScanKind::SimpleKeyExpected => here.missing_space(here.line).or_else(|| here.no_key()),
        ScanKind::ExpectedBlockMappingKey | ScanKind::ExpectedBlockSequenceEntry => {
            here.indented_to_no_level()
        }
        ScanKind::TabInIndentation
        | ScanKind::TabInBlockIndentation
        | ScanKind::TabNotAllowed
        | ScanKind::TabInPlainScalar
        | ScanKind::TabAtBlockScalarStart => here.tab(),
        ScanKind::InvalidBlockScalarHeader => here.text_after_block_marker(),
        ScanKind::UnclosedQuotedScalar => here.unclosed_quote(),
        ScanKind::InvalidTrailingDoubleQuotedScalar
        | ScanKind::InvalidTrailingSingleQuotedScalar => here.text_after_quote(),
        ScanKind::UnknownQuotedScalarEscape => here.backslash(),
        ScanKind::UnexpectedCharacter { character } => here.reserved_start(*character),
        ScanKind::BlockSequenceEntryNotAllowed => here.dash_after_key(),
        ScanKind::UnclosedFlowCollection { .. }
        | ScanKind::InvalidColonPlacement
        | ScanKind::ExpectedFlowMappingSeparator
        | ScanKind::ExpectedFlowSequenceSeparator => here.unclosed_bracket(),
        _ => None,
    }
}

/// A line that holds `key: value` (or `key:` alone), perhaps as a list item (`- key: value`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct KeyLine<'a> {
    /// Everything before the key: indentation and any `- `.
    lead: &'a str,
    key: &'a str,
    /// The value as written, without the space after the colon; empty for `key:`.
    value: &'a str,
    /// The column (1-based, characters) of the key's colon.
    colon: usize,
}

impl<'a> KeyLine<'a> {
    fn read(line: &'a str) -> Option<Self> {
        let (lead, rest) = split_lead(line);
        let end = rest.find(':')?;
        let key = rest.get(..end)?;
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '$' | '.'));
        let after = rest.get(end + 1..)?;
        if !is_key || !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        Some(KeyLine {
            lead,
            key,
            value: after.trim(),
            colon: line.get(..lead.len() + end)?.chars().count() + 1,
        })
    }

    /// The column where the key starts.
    fn key_column(&self) -> usize {
        self.lead.chars().count()
    }

    /// The line with another value.
    fn with_value(&self, value: &str) -> String {
        format!("{}{}: {value}", self.lead, self.key)
    }
}

/// A line's indentation and list markers (`  - `), and the rest.
fn split_lead(line: &str) -> (&str, &str) {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches(' ');
        match trimmed.strip_prefix("- ") {
            Some(after) => rest = after,
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    let lead = line.get(..line.len() - rest.len()).unwrap_or_default();
    (lead, rest)
}

/// The text in double quotes (or single quotes, when it holds double quotes but no single
/// ones), as YAML reads it back unchanged.
fn quoted(text: &str) -> String {
    if text.contains('"') && !text.contains('\'') {
        format!("'{text}'")
    } else {
        format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
    }
}

/// A line shown in advice, in backticks, or `None` when it is too long to show.
fn shown(line: &str) -> Option<String> {
    (line.chars().count() <= SHOWN_LINE_CHARS && !line.chars().any(char::is_control))
        .then(|| format!("`{line}`"))
}

fn spaces(count: usize) -> String {
    " ".repeat(count)
}

fn indent_of(line: &str) -> usize {
    line.chars().take_while(|c| *c == ' ').count()
}

/// The lines around an error: `lines[0]` is line `first` of the file.
struct Lines<'a> {
    lines: &'a [&'a str],
    first: usize,
    line: usize,
    column: usize,
}

impl<'a> Lines<'a> {
    fn get(&self, line: usize) -> Option<&'a str> {
        self.lines.get(line.checked_sub(self.first)?).copied()
    }

    fn at(line: usize, column: usize) -> Option<Position> {
        Some(Position { line, column })
    }

    /// The nearest line above `line` that holds something other than a comment.
    fn above(&self, line: usize) -> Option<(usize, &'a str)> {
        (self.first..line).rev().find_map(|n| {
            let text = self.get(n)?;
            let trimmed = text.trim();
            (!trimmed.is_empty() && !trimmed.starts_with('#')).then_some((n, text))
        })
    }

    /// `title: Director: Curriculum`: the colon the scanner stopped at is inside a value.
    fn colon_in_text(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let key_line = KeyLine::read(line)?;
        if self.column <= key_line.colon || key_line.value.is_empty() {
            return None;
        }
        let fixed = key_line.with_value(&quoted(key_line.value));
        let help = match shown(&fixed) {
            Some(fixed) => format!("put the text in quotes: {fixed}"),
            None => "put the text in quotes (\"…\")".to_owned(),
        };
        Some(Mistake {
            message: format!(
                "the text of `{}` holds a colon followed by a space, which YAML reads as the start of another key",
                key_line.key
            ),
            help,
            at: None,
        })
    }

    /// A well-formed `key:` that the scanner could not take as a key, because the line above it
    /// did not end where it seems to: no space after its colon, or this line indented as if it
    /// continued that line's text.
    fn unended_line(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let here = KeyLine::read(line)?;
        if here.colon != self.column {
            return None;
        }
        let (above_number, above) = self.above(self.line)?;
        if let Some(mistake) = self.missing_space(above_number) {
            return Some(mistake);
        }
        let parent = KeyLine::read(above)?;
        if parent.value.is_empty() || here.key_column() <= parent.key_column() {
            return None;
        }
        let fixed = format!("{}{}", spaces(parent.key_column()), line.trim_start());
        Some(Mistake {
            message: format!(
                "`{}:` is indented more than `{}:` on the line above, so YAML reads it as more of that line's text",
                here.key, parent.key
            ),
            help: match shown(&fixed) {
                Some(fixed) => format!("line it up with `{}:`: {fixed}", parent.key),
                None => format!("line it up with `{}:`", parent.key),
            },
            at: Self::at(self.line, indent_of(line) + 1),
        })
    }

    /// `challenges:Retention`: a colon with no space after it, on line `number`.
    fn missing_space(&self, number: usize) -> Option<Mistake> {
        let line = self.get(number)?;
        let (lead, rest) = split_lead(line);
        let end = rest.find(':')?;
        let key = rest.get(..end)?;
        let after = rest.get(end + 1..)?;
        let is_key = !key.is_empty()
            && key
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-'));
        // A web address (`https://…`) is not a missing space.
        if !is_key || after.is_empty() || after.starts_with([' ', '\t', '/']) {
            return None;
        }
        let fixed = format!("{lead}{key}: {after}");
        let colon = line.get(..lead.len() + end)?.chars().count() + 1;
        Some(Mistake {
            message: format!(
                "there is no space after the colon of `{key}:` on line {number}, so YAML does not read `{key}` as a key"
            ),
            help: match shown(&fixed) {
                Some(fixed) => format!("put a space after the colon: {fixed}"),
                None => "put a space after the colon".to_owned(),
            },
            at: Self::at(number, colon),
        })
    }

    /// A line of text with no `key:` where YAML expects one.
    fn no_key(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        if line.trim().is_empty() || line.contains(": ") {
            return None;
        }
        let (above_number, above) = self.above(self.line)?;
        let parent = KeyLine::read(above)?;
        if matches!(parent.value.chars().next(), Some('|' | '>')) {
            let fixed = format!("{}{}", spaces(parent.key_column() + 2), line.trim_start());
            return Some(Mistake {
                message: format!(
                    "the text of `{}:` (line {above_number}) must be indented below its key",
                    parent.key
                ),
                help: match shown(&fixed) {
                    Some(fixed) => format!("indent each of its lines: {fixed}"),
                    None => "indent each of its lines further than its key".to_owned(),
                },
                at: None,
            });
        }
        Some(Mistake {
            message: "this line holds text but no `key:`, where YAML expects a key".to_owned(),
            help: format!(
                "if it continues the text of `{}:` above, join it to that line or indent it further; if it is a key, end it with a colon",
                parent.key
            ),
            at: None,
        })
    }

    /// A line indented to a level no key above it has.
    fn indented_to_no_level(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let indent = indent_of(line);
        let is_item = line.trim_start().starts_with("- ");
        // The levels open above: each line less indented than all lines between it and here.
        let mut levels: Vec<(usize, usize, String)> = Vec::new();
        let mut lowest = usize::MAX;
        let mut number = self.line;
        while let Some((above_number, above)) = self.above(number) {
            number = above_number;
            let above_indent = indent_of(above);
            let item = above.trim_start().starts_with("- ");
            if let Some(key_line) = KeyLine::read(above) {
                let column = key_line.key_column();
                if column < lowest && !is_item {
                    levels.push((column, above_number, format!("`{}:`", key_line.key)));
                }
            }
            if item && above_indent < lowest && is_item {
                levels.push((above_indent, above_number, "the `- ` item".to_owned()));
            }
            lowest = lowest.min(above_indent);
            if lowest == 0 {
                break;
            }
        }
        let (column, level_line, what) = levels
            .into_iter()
            .filter(|(column, ..)| *column != indent)
            .min_by_key(|(column, ..)| (column.abs_diff(indent), usize::MAX - column))?;
        let fixed = format!("{}{}", spaces(column), line.trim_start());
        let plural = |n: usize| if n == 1 { "space" } else { "spaces" };
        Some(Mistake {
            message: format!(
                "this line is indented {indent} {}, which lines it up with no key above it",
                plural(indent)
            ),
            help: match shown(&fixed) {
                Some(fixed) => format!(
                    "indent it like {what} on line {level_line} ({column} {}): {fixed}",
                    plural(column)
                ),
                None => format!("indent it like {what} on line {level_line}"),
            },
            at: Self::at(self.line, indent + 1),
        })
    }

    /// A tab in the indentation of this line or the next.
    fn tab(&self) -> Option<Mistake> {
        let (number, line) = [self.line, self.line + 1]
            .into_iter()
            .filter_map(|n| Some((n, self.get(n)?)))
            .find(|(_, line)| {
                line.chars()
                    .take_while(|c| c.is_whitespace())
                    .any(|c| c == '\t')
            })?;
        let content = line.trim_start();
        let indent = match self.above(number) {
            Some((_, above)) if above.trim_end().ends_with(':') => indent_of(above) + 2,
            Some((_, above)) => KeyLine::read(above).map_or(indent_of(above), |k| k.key_column()),
            None => 0,
        };
        let fixed = format!("{}{content}", spaces(indent));
        let tab_column = line.chars().take_while(|c| *c != '\t').count() + 1;
        Some(Mistake {
            message: format!("line {number} is indented with a tab; YAML indents with spaces only"),
            help: match shown(&fixed) {
                Some(fixed) => format!("replace the tab with spaces: {fixed}"),
                None => "replace the tab with spaces".to_owned(),
            },
            at: Self::at(number, tab_column),
        })
    }

    /// `title: "never closed`.
    fn unclosed_quote(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let quote = line.chars().nth(self.column.checked_sub(1)?)?;
        if !matches!(quote, '"' | '\'') {
            return None;
        }
        let fixed = format!("{}{quote}", line.trim_end());
        Some(Mistake {
            message: format!("the text that starts with `{quote}` here is never closed"),
            help: match shown(&fixed) {
                Some(fixed) => format!("end the text with a matching `{quote}`: {fixed}"),
                None => format!("end the text with a matching `{quote}`"),
            },
            at: None,
        })
    }

    /// `challenges: "Retention" is key`.
    fn text_after_quote(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        // When the scanner stops right after the quote that opens this value, that quote
        // closed a text opened on a line above.
        let Some(key_line) = KeyLine::read(line)
            .filter(|k| k.value.starts_with(['"', '\'']) && self.column > k.colon + 3)
        else {
            return self.stray_quote();
        };
        let value = key_line.value;
        let whole = match value.chars().next()? {
            '"' if !value.contains('\'') => format!("'{value}'"),
            '"' => format!("'{}'", value.replace('\'', "''")),
            _ => format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\"")),
        };
        let fixed = key_line.with_value(&whole);
        Some(Mistake {
            message: format!(
                "the text of `{}` starts in quotes and goes on after the closing quote",
                key_line.key
            ),
            help: match shown(&fixed) {
                Some(fixed) => format!("put the whole text in quotes: {fixed}"),
                None => "put the whole text in quotes".to_owned(),
            },
            at: None,
        })
    }

    /// A text that closes on this line but opened on a line above, at a quote left alone there.
    fn stray_quote(&self) -> Option<Mistake> {
        let (number, column) = (self.first..self.line).rev().find_map(|n| {
            let text = self.get(n)?;
            if text.trim_start().starts_with('#') {
                return None;
            }
            let quotes: Vec<usize> = text
                .char_indices()
                .filter(|&(at, c)| c == '"' && !text.get(..at).is_some_and(|b| b.ends_with('\\')))
                .map(|(at, _)| text.get(..at).map_or(0, |b| b.chars().count()) + 1)
                .collect();
            (quotes.len() % 2 == 1).then(|| (n, quotes.last().copied().unwrap_or(1)))
        })?;
        Some(Mistake {
            message: format!(
                "the `\"` on line {number} opens a text that runs on until line {}",
                self.line
            ),
            help: format!(
                "close the text on line {number} with a matching `\"`, or remove the stray quote there"
            ),
            at: Self::at(number, column),
        })
    }

    /// `path: "C:\new"`: an escape double quotes do not know.
    fn backslash(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let key_line = KeyLine::read(line)?;
        let fixed = key_line
            .value
            .strip_prefix('"')
            .and_then(|value| value.strip_suffix('"'))
            .filter(|inner| !inner.contains(['\'', '"']))
            .and_then(|inner| shown(&key_line.with_value(&format!("'{inner}'"))));
        Some(Mistake {
            message: "inside double quotes a backslash starts an escape such as `\\n`, and this one is not an escape".to_owned(),
            help: match fixed {
                Some(fixed) => format!("use single quotes, where a backslash is an ordinary character: {fixed}"),
                None => "use single quotes, where a backslash is an ordinary character".to_owned(),
            },
            at: None,
        })
    }

    /// `summary: > Our plan…`: text on the line of a block marker.
    fn text_after_block_marker(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let key_line = KeyLine::read(line)?;
        let marker = key_line
            .value
            .chars()
            .next()
            .filter(|c| matches!(c, '>' | '|'))?;
        let text = key_line
            .value
            .get(1..)?
            .trim_start_matches(['-', '+'])
            .trim();
        if text.is_empty() || text.starts_with('#') {
            return None;
        }
        let inline = key_line.with_value(&quoted(text));
        Some(Mistake {
            message: format!(
                "text cannot follow `{marker}` on its line: the text of a `{marker}` block starts on the next line"
            ),
            help: match shown(&inline) {
                Some(inline) => format!(
                    "move the text to the next line, indented below `{}:`, or write it on this line without the `{marker}`: {inline}",
                    key_line.key
                ),
                None => format!(
                    "move the text to the next line, indented below `{}:`",
                    key_line.key
                ),
            },
            at: None,
        })
    }

    /// `title: @home` or `` title: `retention` ``: text starting with a character YAML keeps.
    fn reserved_start(&self, character: char) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let key_line = KeyLine::read(line)?;
        if !key_line.value.starts_with(character) {
            return None;
        }
        let fixed = key_line.with_value(&quoted(key_line.value));
        Some(Mistake {
            message: format!(
                "in YAML a text cannot start with `{character}` unless it is in quotes"
            ),
            help: match shown(&fixed) {
                Some(fixed) => format!("put the text in quotes: {fixed}"),
                None => "put the text in quotes".to_owned(),
            },
            at: None,
        })
    }

    /// `challenges: - retention`.
    fn dash_after_key(&self) -> Option<Mistake> {
        let line = self.get(self.line)?;
        let key_line = KeyLine::read(line)?;
        let item = key_line.value.strip_prefix('-')?.trim();
        let item_line = format!("{}- {item}", spaces(key_line.key_column() + 2));
        let as_text = key_line.with_value(&quoted(key_line.value));
        let help = match (shown(&item_line), shown(&as_text)) {
            (Some(item_line), Some(as_text)) => format!(
                "put each item on its own line below `{}:`, indented: {item_line}; or, if the dash belongs to the text, quote it: {as_text}",
                key_line.key
            ),
            _ => format!(
                "put each item on its own line below `{}:`, indented",
                key_line.key
            ),
        };
        Some(Mistake {
            message: "a list item (`- `) cannot start on the same line as its key".to_owned(),
            help,
            at: None,
        })
    }

    /// A `[` or `{` that is never closed, on this line or one above it.
    fn unclosed_bracket(&self) -> Option<Mistake> {
        let first = self.line.saturating_sub(20).max(1);
        for number in (first..=self.line).rev() {
            let line = self.get(number)?;
            if let Some((column, open)) = unclosed_in(line) {
                let close = if open == '[' { ']' } else { '}' };
                let what = if open == '[' { "list" } else { "mapping" };
                let fixed = format!("{}{close}", line.trim_end());
                return Some(Mistake {
                    message: format!("the `{open}` on line {number} is never closed"),
                    help: match shown(&fixed) {
                        Some(fixed) => {
                            format!("end the {what} with `{close}` on the same line: {fixed}")
                        }
                        None => format!("end the {what} with `{close}` on the same line"),
                    },
                    at: Self::at(number, column),
                });
            }
        }
        None
    }
}

/// The first `[` or `{` on a line that the line does not close, outside quotes and comments,
/// with its column.
fn unclosed_in(line: &str) -> Option<(usize, char)> {
    let mut open: Vec<(usize, char)> = Vec::new();
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (index, c) in line.chars().enumerate() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '"' | '\'' if matches!(previous, ' ' | '[' | '{' | ',' | ':') => quote = Some(c),
                '#' if previous == ' ' => break,
                '[' | '{' => open.push((index + 1, c)),
                ']' | '}' => {
                    open.pop();
                }
                _ => {}
            },
        }
        previous = c;
    }
    open.first().copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_read_with_their_lead() {
        let line = KeyLine::read("  - group: teachers").unwrap();
        assert_eq!(
            (line.lead, line.key, line.value, line.colon),
            ("  - ", "group", "teachers", 10)
        );
        assert_eq!(KeyLine::read("  challenges:").map(|l| l.value), Some(""));
        assert_eq!(KeyLine::read("  We want: this"), None);
        assert_eq!(KeyLine::read("  url:https://x"), None);
    }

    #[test]
    fn quoting_keeps_the_text() {
        assert_eq!(quoted("Retention: teachers"), "\"Retention: teachers\"");
        assert_eq!(quoted("say \"hi\""), "'say \"hi\"'");
        assert_eq!(quoted("it's \"x\" C:\\"), "\"it's \\\"x\\\" C:\\\\\"");
    }

    #[test]
    fn brackets_closed_on_their_line_are_not_unclosed() {
        assert_eq!(unclosed_in("  challenges: [a, b]"), None);
        assert_eq!(unclosed_in("  challenges: [a, \"[b\""), Some((15, '[')));
        assert_eq!(unclosed_in("  a: {b: [c]"), Some((6, '{')));
        assert_eq!(unclosed_in("  a: b # [not yaml"), None);
    }
}
