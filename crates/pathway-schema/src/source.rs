//! Source text and positions in it: turning byte offsets into lines and columns.

use std::sync::Arc;

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
    text: Arc<str>,
    line_starts: Arc<[usize]>,
}

impl Source {
    /// Wraps `text`, read from the file called `name` (`-` or `<stdin>` for standard input).
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        let text: String = text.into();
        let line_starts = std::iter::once(0).chain(line_break_ends(&text)).collect();
        Source {
            name: Arc::from(name.into()),
            text: Arc::from(text),
            line_starts,
        }
    }

    /// The name of the file, as given.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The whole text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The line and column of a byte offset. An offset past the end is the end of the text.
    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        let line_index = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let line_start = self.line_starts.get(line_index).copied().unwrap_or(0);
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count());
        Position {
            line: line_index + 1,
            column: column + 1,
        }
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
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |next| next.saturating_sub(1));
        self.text
            .get(start..end.max(start))
            .map(|text| text.strip_suffix('\r').unwrap_or(text))
    }
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
    fn lines_are_returned_without_breaks() {
        let source = Source::new("plan.yaml", "one\r\ntwo\n");
        assert_eq!(source.line(1), Some("one"));
        assert_eq!(source.line(2), Some("two"));
        assert_eq!(source.line(3), Some(""));
        assert_eq!(source.line(4), None);
    }
}
