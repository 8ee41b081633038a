//! Source text and positions in it: turning byte offsets into lines and columns, and the syntax
//! (YAML or JSON) the text is written in.

use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The syntax a plan file is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    /// YAML 1.2.
    Yaml,
    /// JSON.
    Json,
}

impl Syntax {
    /// The format a file's extension names: `.yaml` and `.yml` are YAML, `.json` is JSON.
    pub fn from_path(path: &Path) -> Option<Syntax> {
        let extension = path.extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "yaml" | "yml" => Some(Syntax::Yaml),
            "json" => Some(Syntax::Json),
            _ => None,
        }
    }

    /// The format of text whose file name says nothing, such as standard input: JSON when it
    /// starts with `{`, YAML otherwise. A YAML flow mapping (`{id: x}`) starts with `{` too: the
    /// loader reads such text as YAML when it is not JSON.
    ///
    /// ```
    /// use pathway_schema::source::Syntax;
    /// assert_eq!(Syntax::sniff("  {\"id\": \"x\"}"), Syntax::Json);
    /// assert_eq!(Syntax::sniff("id: x\n"), Syntax::Yaml);
    /// ```
    pub fn sniff(text: &str) -> Syntax {
        if text.trim_start().starts_with('{') {
            Syntax::Json
        } else {
            Syntax::Yaml
        }
    }

    /// Whether text that is neither valid JSON nor valid YAML reads as an attempt at JSON: its
    /// first key is in double quotes, or its mapping is empty. Its errors are then worded for
    /// JSON; `{id: x` gets YAML's words.
    ///
    /// ```
    /// use pathway_schema::source::Syntax;
    /// assert!(Syntax::looks_like_json("{\n  \"id\": x"));
    /// assert!(!Syntax::looks_like_json("{id: x"));
    /// ```
    pub fn looks_like_json(text: &str) -> bool {
        text.trim_start()
            .strip_prefix('{')
            .is_some_and(|rest| rest.trim_start().starts_with(['"', '}']) || rest.trim().is_empty())
    }
}

/// A position in a source file: line and column, both counted from 1. Columns count characters,
/// as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Position {
    /// The line, from 1.
    pub line: usize,
    /// The column, in characters, from 1.
    pub column: usize,
}

/// A stretch of a source file, from `start` up to (not including) `end`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// Where it starts.
    pub start: Position,
    /// Where it ends.
    pub end: Position,
}

/// The text of a plan file and where its lines start. Cloning is cheap: the text is shared.
#[derive(Debug, Clone)]
pub struct Source {
    name: Arc<str>,
    text: Arc<String>,
    /// Built the first time a position is asked for: a plan with nothing to report needs none.
    index: Arc<OnceLock<LineIndex>>,
}

/// Where the lines of a text start, and how many characters come before each block.
#[derive(Debug)]
struct LineIndex {
    line_starts: Vec<usize>,
    /// How many characters come before each block of [`BLOCK`] bytes, so that a column costs at
    /// most one block's count even on a line of megabytes (minified JSON is one line).
    chars_before_block: Vec<usize>,
}

/// The bytes per entry of [`LineIndex::chars_before_block`].
const BLOCK: usize = 1024;

impl LineIndex {
    fn of(text: &str) -> LineIndex {
        let line_starts = std::iter::once(0).chain(line_break_ends(text)).collect();
        let chars_before_block = std::iter::once(0)
            .chain(text.as_bytes().chunks(BLOCK).scan(0, |count, block| {
                *count += char_starts(block);
                Some(*count)
            }))
            .collect();
        LineIndex {
            line_starts,
            chars_before_block,
        }
    }
}

impl Source {
    /// Wraps `text`, read from the file called `name` (`-` or `<stdin>` for standard input).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source {
            name: Arc::from(name.into()),
            text: Arc::new(text.into()),
            index: Arc::new(OnceLock::new()),
        }
    }

    fn index(&self) -> &LineIndex {
        self.index.get_or_init(|| LineIndex::of(&self.text))
    }

    /// The name of the file, as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The whole text, shared: for tree text kept in place ([`crate::load::TreeText`]).
    pub(crate) fn shared_text(&self) -> &Arc<String> {
        &self.text
    }

    /// The line and column of a byte offset. An offset past the end is the end of the text.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_index = self
            .index()
            .line_starts
            .partition_point(|&start| start <= offset)
            .saturating_sub(1);
        let line_start = self
            .index()
            .line_starts
            .get(line_index)
            .copied()
            .unwrap_or(0);
        let column = self
            .chars_before(offset)
            .saturating_sub(self.chars_before(line_start));
        Position {
            line: line_index + 1,
            column: column + 1,
        }
    }

    /// The number of characters before a byte offset (an offset inside a character counts
    /// that character).
    fn chars_before(&self, offset: usize) -> usize {
        let block = offset / BLOCK;
        let counted = self
            .index()
            .chars_before_block
            .get(block)
            .copied()
            .unwrap_or(0);
        let rest = self
            .text
            .as_bytes()
            .get(block * BLOCK..offset)
            .map_or(0, char_starts);
        counted + rest
    }

    /// The byte offset of a position, the inverse of [`Source::position`]; a column past the end
    /// of its line is the end of the line. Costs at most one block's scan, however long the line.
    pub fn offset(&self, position: Position) -> Option<usize> {
        let line_start = self.line_start(position.line)?;
        let line_end = self
            .line_start(position.line + 1)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        let target = self.chars_before(line_start) + position.column.saturating_sub(1);
        let block = self
            .index()
            .chars_before_block
            .partition_point(|&count| count <= target)
            .saturating_sub(1);
        let from = (block * BLOCK).max(line_start).min(line_end);
        let mut count = self.chars_before(from);
        for (i, &byte) in self.text.as_bytes().get(from..line_end)?.iter().enumerate() {
            if (byte & 0xC0) != 0x80 {
                if count == target {
                    return Some(from + i);
                }
                count += 1;
            }
        }
        Some(line_end)
    }

    /// The byte offset where a line, counted from 1, starts.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.index().line_starts.get(line.checked_sub(1)?).copied()
    }

    /// The location of the bytes `start..end`.
    pub fn location(&self, start: usize, end: usize) -> Location {
        Location {
            start: self.position(start),
            end: self.position(end.max(start)),
        }
    }

    /// The text of a line, counted from 1, without its line break.
    pub fn line(&self, line: usize) -> Option<&str> {
        let start = *self.index().line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .index()
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        self.text
            .get(start..end.max(start))
            .map(|text| text.strip_suffix('\r').unwrap_or(text))
    }
}

/// The number of characters that start in `bytes`: every byte but UTF-8 continuation bytes.
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

/// The offsets just past each line break.
fn line_break_ends(text: &str) -> impl Iterator<Item = usize> + '_ {
    text.bytes()
        .enumerate()
        .filter(|(_, b)| *b == b'\n')
        .map(|(i, _)| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let source = Source::new("plan.yaml", "a: 1\nname: \"Café\"\nz: 2");
        assert_eq!(source.position(0), Position { line: 1, column: 1 });
        assert_eq!(source.position(5), Position { line: 2, column: 1 });
        // "z" follows a line holding a two-byte character.
        let z = source.text().find('z').unwrap();
        assert_eq!(source.position(z), Position { line: 3, column: 1 });
        let quote = source.text().rfind('"').unwrap();
        assert_eq!(
            source.position(quote),
            Position {
                line: 2,
                column: 12
            }
        );
        assert_eq!(source.position(10_000), Position { line: 3, column: 5 });
    }

    #[test]
    fn columns_on_a_long_line_count_characters() {
        // Regression: every position on a long line counted the line's characters from its
        // start, so a one-line 6 MB JSON plan with a thousand findings took minutes.
        let line = "é".repeat(3000) + "x" + &"y".repeat(5000);
        let source = Source::new("plan.json", format!("{{\n{line}\n}}"));
        let x = source.text().find('x').unwrap();
        assert_eq!(
            source.position(x),
            Position {
                line: 2,
                column: 3001
            }
        );
        let end = source.text().len();
        assert_eq!(source.position(end), Position { line: 3, column: 2 });
        assert_eq!(
            source.position(end - 2),
            Position {
                line: 2,
                column: 8002
            }
        );
        for offset in [0, 1, 2, 4, 5998, x, x + 1, end - 2, end - 1, end] {
            assert_eq!(source.offset(source.position(offset)), Some(offset));
        }
        let past = Position { line: 1, column: 9 };
        assert_eq!(source.offset(past), Some(1));
        assert_eq!(source.offset(Position { line: 9, column: 1 }), None);
    }

    #[test]
    fn lines_are_returned_without_breaks() {
        let source = Source::new("plan.yaml", "one\r\ntwo\n");
        assert_eq!(source.line(1), Some("one"));
        assert_eq!(source.line(2), Some("two"));
        assert_eq!(source.line(3), Some(""));
        assert_eq!(source.line(4), None);
    }
}
