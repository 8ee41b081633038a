//! The JSON reader: the document tree of a JSON plan, read in one pass over its bytes.
//!
//! JSON is a subset of YAML 1.2, and JSON plans used to go through the YAML parser, at about the
//! YAML parser's speed: more than three times what another tool takes to check the same file.
//! This reader builds the same tree as the YAML path would, with the same positions (a test
//! compares the two on every example converted to JSON, every fixture, the hostile files and the
//! fuzzing corpus), under the same limits with the same messages and places when one is
//! exceeded; serde_json is the judge of what is JSON in that test, and its syntax errors say what
//! was expected at the line and column where it was not.

use std::collections::HashSet;
use std::sync::Arc;

use super::Limits;
use super::fast::is_new_key;
use super::{LoadError, LoadErrorKind};
use crate::node::{ByteSpan, Entry, Node, NodeValue, stretch};
use crate::source::{Location, Source};
use crate::tree_text::TreeText;

/// The document tree of JSON text, or the first problem with it.
pub(crate) fn parse(source: &Source, limits: &Limits) -> Result<Node, LoadError> {
    let mut reader = Reader {
        text: source.text(),
        shared: source.shared_text(),
        at: 0,
        limits,
        values: 0,
        items: Vec::new(),
        entries: Vec::new(),
    };
    reader
        .document()
        .map_err(|problem| problem.into_error(source, limits))
}

/// The words for a value that is not one.
const EXPECTED_VALUE: &str =
    "expected value: text in double quotes, a number, true, false, null, a list or a mapping";

const UNCLOSED_MAPPING: &str = "the file ends inside a mapping: a closing `}` is missing";
const UNCLOSED_TEXT: &str = "the file ends inside text: a closing `\"` is missing";
const TRAILING_COMMA: &str = "a comma with nothing after it: remove it";
const LONE_SURROGATE: &str = "a \\u escape of half a character (a lone surrogate)";

/// What stopped the reader, and at which byte.
#[derive(Debug)]
enum Problem {
    /// Not JSON: what was expected or found.
    Syntax(&'static str),
    /// Nested deeper than the limit.
    TooDeep,
    /// More values than the limit.
    TooManyValues,
    /// A text value or key longer than the limit, with its length.
    TooLong(usize),
    /// A mapping with more keys than the limit.
    TooManyKeys,
    /// The key, seen before in the same mapping.
    DuplicateKey(String),
    /// A number too large for a 64-bit float.
    NotFinite,
}

/// A problem and where it is.
struct Failure {
    problem: Problem,
    at: usize,
}

impl Failure {
    fn into_error(self, source: &Source, limits: &Limits) -> LoadError {
        let (kind, message, help) = match self.problem {
            Problem::Syntax(what) => (
                LoadErrorKind::Syntax,
                format!("invalid JSON: {what}"),
                "fix the JSON syntax at this spot".to_owned(),
            ),
            Problem::TooDeep => (
                LoadErrorKind::Limit,
                format!(
                    "the values are nested more than {} levels deep",
                    limits.max_depth
                ),
                "a plan nests a few levels deep; check for runaway brackets or indentation"
                    .to_owned(),
            ),
            Problem::TooManyValues => (
                LoadErrorKind::Limit,
                format!("the file holds more than {} values", limits.max_nodes),
                "split the plan into smaller files".to_owned(),
            ),
            Problem::TooLong(length) => (
                LoadErrorKind::Limit,
                format!(
                    "text longer than the limit of {} bytes ({length} bytes)",
                    limits.max_string_bytes
                ),
                "shorten the text, or keep long documents outside the plan and link to them"
                    .to_owned(),
            ),
            Problem::TooManyKeys => (
                LoadErrorKind::Limit,
                format!(
                    "a mapping with more keys than the limit of {}",
                    limits.max_mapping_keys
                ),
                "a plan keeps long lists as lists (`- item`), not as keys of one mapping"
                    .to_owned(),
            ),
            Problem::DuplicateKey(key) => (
                LoadErrorKind::DuplicateKey,
                format!("the key `{key}` appears twice in the same mapping"),
                "keep one of them; merge their contents if both hold something".to_owned(),
            ),
            Problem::NotFinite => (
                LoadErrorKind::InvalidValue,
                "the number is too large to store, or is .inf or .nan: numbers must be finite"
                    .to_owned(),
                "write an ordinary number".to_owned(),
            ),
        };
        let position = source.position(self.at.min(source.text().len()));
        LoadError::new(kind, source.name(), message)
            .with_help(help)
            .at(Location {
                start: position,
                end: position,
            })
    }
}

struct Reader<'t> {
    text: &'t str,
    /// The same text, shared with the tree's text that is kept in place.
    shared: &'t Arc<String>,
    /// The offset of the next byte to read.
    at: usize,
    limits: &'t Limits,
    /// Values read so far, keys included, as the YAML path counts them.
    values: usize,
    /// The items of the lists being read, innermost last: each list moves its own into a vector
    /// of their exact number when it closes. A vector grown item by item per list, then shrunk,
    /// was a fifth of the memory a statewide plan touched.
    items: Vec<Node>,
    /// The entries of the mappings being read, likewise.
    entries: Vec<Entry>,
}

impl Reader<'_> {
    fn document(&mut self) -> Result<Node, Failure> {
        let root = self.value(0)?;
        self.skip_space();
        if self.at < self.text.len() {
            return Err(self.fail(Problem::Syntax("trailing characters")));
        }
        Ok(root)
    }

    fn fail(&self, problem: Problem) -> Failure {
        Failure {
            problem,
            at: self.at,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// Counts one more value (or key) against the limit.
    fn count(&mut self) -> Result<(), Failure> {
        self.values += 1;
        if self.values > self.limits.max_nodes {
            return Err(self.fail(Problem::TooManyValues));
        }
        Ok(())
    }

    /// The value starting at the next non-space byte; `depth` is how many lists and mappings
    /// hold it.
    fn value(&mut self, depth: usize) -> Result<Node, Failure> {
        self.skip_space();
        let start = self.at;
        let value = match self.peek() {
            Some(b'{') => return self.mapping(depth + 1),
            Some(b'[') => return self.list(depth + 1),
            Some(b'"') => {
                self.count()?;
                NodeValue::String(self.string()?)
            }
            Some(b'-' | b'0'..=b'9') => {
                self.count()?;
                self.number()?
            }
            Some(b't') => self.literal("true", NodeValue::Bool(true))?,
            Some(b'f') => self.literal("false", NodeValue::Bool(false))?,
            Some(b'n') => self.literal("null", NodeValue::Null)?,
            Some(_) => return Err(self.fail(Problem::Syntax(EXPECTED_VALUE))),
            None => return Err(self.fail(Problem::Syntax("the file ends where a value should be"))),
        };
        Ok(Node {
            span: ByteSpan {
                start,
                end: self.at,
            },
            value,
        })
    }

    fn literal(&mut self, word: &'static str, value: NodeValue) -> Result<NodeValue, Failure> {
        let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
        if !rest.starts_with(word.as_bytes()) {
            return Err(self.fail(Problem::Syntax(EXPECTED_VALUE)));
        }
        self.count()?;
        self.at += word.len();
        Ok(value)
    }

    /// Opens a list or mapping at `depth`, within the limit.
    fn open(&mut self, depth: usize) -> Result<usize, Failure> {
        if depth > self.limits.max_depth {
            return Err(self.fail(Problem::TooDeep));
        }
        self.count()?;
        let start = self.at;
        self.at += 1;
        self.skip_space();
        Ok(start)
    }

    fn list(&mut self, depth: usize) -> Result<Node, Failure> {
        let start = self.open(depth)?;
        let base = self.items.len();
        if self.peek() == Some(b']') {
            self.at += 1;
        } else {
            loop {
                let item = self.value(depth)?;
                self.items.push(item);
                self.skip_space();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b']') => {
                        self.at += 1;
                        break;
                    }
                    Some(_) => return Err(self.fail(Problem::Syntax("expected `,` or `]`"))),
                    None => {
                        return Err(self.fail(Problem::Syntax(
                            "the file ends inside a list: a closing `]` is missing",
                        )));
                    }
                }
                self.skip_space();
                if self.peek() == Some(b']') {
                    return Err(self.fail(Problem::Syntax(TRAILING_COMMA)));
                }
            }
        }
        let value = NodeValue::Seq(self.items.drain(base..).collect());
        Ok(Node {
            span: container_span(start, &value),
            value,
        })
    }

    fn mapping(&mut self, depth: usize) -> Result<Node, Failure> {
        let start = self.open(depth)?;
        let base = self.entries.len();
        let mut seen: Option<HashSet<TreeText>> = None;
        if self.peek() == Some(b'}') {
            self.at += 1;
        } else {
            loop {
                match self.peek() {
                    Some(b'"') => {}
                    Some(b'}') => return Err(self.fail(Problem::Syntax(TRAILING_COMMA))),
                    Some(_) => {
                        return Err(
                            self.fail(Problem::Syntax("a key must be text in double quotes"))
                        );
                    }
                    None => {
                        return Err(self.fail(Problem::Syntax(UNCLOSED_MAPPING)));
                    }
                }
                let key_start = self.at;
                self.count()?;
                let key = self.string()?;
                let key_span = ByteSpan {
                    start: key_start,
                    end: self.at,
                };
                let entries = self.entries.get(base..).unwrap_or_default();
                if entries.len() >= self.limits.max_mapping_keys {
                    return Err(Failure {
                        problem: Problem::TooManyKeys,
                        at: key_start,
                    });
                }
                if !is_new_key(entries, &mut seen, &key) {
                    return Err(Failure {
                        problem: Problem::DuplicateKey(key.into()),
                        at: key_start,
                    });
                }
                self.skip_space();
                match self.peek() {
                    Some(b':') => self.at += 1,
                    Some(_) => return Err(self.fail(Problem::Syntax("expected `:` after the key"))),
                    None => {
                        return Err(self.fail(Problem::Syntax(UNCLOSED_MAPPING)));
                    }
                }
                let value = self.value(depth)?;
                self.entries.push(Entry {
                    key,
                    key_span,
                    value,
                });
                self.skip_space();
                match self.peek() {
                    Some(b',') => self.at += 1,
                    Some(b'}') => {
                        self.at += 1;
                        break;
                    }
                    Some(_) => return Err(self.fail(Problem::Syntax("expected `,` or `}`"))),
                    None => {
                        return Err(self.fail(Problem::Syntax(UNCLOSED_MAPPING)));
                    }
                }
                self.skip_space();
            }
        }
        let value = NodeValue::Map(self.entries.drain(base..).collect());
        Ok(Node {
            span: container_span(start, &value),
            value,
        })
    }

    /// The text of the string whose opening quote is the next byte; leaves `at` past the closing
    /// quote.
    fn string(&mut self) -> Result<TreeText, Failure> {
        let start = self.at;
        self.at += 1;
        let bytes = self.text.as_bytes();
        // Text without escapes, the common case, is one slice of the source.
        let end = plain_run_end(bytes, self.at);
        let plain = self.text.get(self.at..end).unwrap_or_default();
        if bytes.get(end) == Some(&b'"') {
            self.check_length(start, plain.len())?;
            let kept = TreeText::in_source(self.shared, self.at..end);
            self.at = end + 1;
            return Ok(kept);
        }
        let mut text = String::from(plain);
        self.at = end;
        loop {
            match self.peek() {
                Some(b'"') => {
                    self.at += 1;
                    self.check_length(start, text.len())?;
                    return Ok(TreeText::from(text));
                }
                Some(b'\\') => {
                    self.at += 1;
                    self.escape(&mut text)?;
                }
                Some(0..0x20) => {
                    return Err(self.fail(Problem::Syntax(
                        "a control character (a tab or a line break) in text: write it as \\t or \\n",
                    )));
                }
                Some(_) => {
                    let run_end = plain_run_end(bytes, self.at);
                    text.push_str(self.text.get(self.at..run_end).unwrap_or_default());
                    self.at = run_end;
                    if text.len() > self.limits.max_string_bytes {
                        // Stop copying: the text is over the limit whatever follows.
                        return Err(Failure {
                            problem: Problem::TooLong(self.string_length(start)),
                            at: start,
                        });
                    }
                }
                None => return Err(self.fail(Problem::Syntax(UNCLOSED_TEXT))),
            }
        }
    }

    fn check_length(&self, start: usize, length: usize) -> Result<(), Failure> {
        if length > self.limits.max_string_bytes {
            return Err(Failure {
                problem: Problem::TooLong(length),
                at: start,
            });
        }
        Ok(())
    }

    /// The length in bytes of the string at `start` once unescaped, for the message about a
    /// string over the limit; the source bytes when the string does not end well.
    fn string_length(&self, start: usize) -> usize {
        let mut probe = Reader {
            text: self.text,
            shared: self.shared,
            at: start,
            limits: &Limits {
                max_string_bytes: usize::MAX,
                ..*self.limits
            },
            values: 0,
            items: Vec::new(),
            entries: Vec::new(),
        };
        probe
            .string()
            .map_or(self.text.len().saturating_sub(start), |text| text.len())
    }

    /// Appends the character of the escape whose backslash was just read.
    fn escape(&mut self, text: &mut String) -> Result<(), Failure> {
        let Some(letter) = self.peek() else {
            return Err(self.fail(Problem::Syntax(UNCLOSED_TEXT)));
        };
        let single = match letter {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => {
                self.at += 1;
                let unit = self.hex4()?;
                let code = match unit {
                    0xD800..=0xDBFF => {
                        let rest = self.text.as_bytes().get(self.at..).unwrap_or_default();
                        if !rest.starts_with(b"\\u") {
                            return Err(self.fail(Problem::Syntax(LONE_SURROGATE)));
                        }
                        self.at += 2;
                        let low = self.hex4()?;
                        if !(0xDC00..=0xDFFF).contains(&low) {
                            return Err(self.fail(Problem::Syntax(LONE_SURROGATE)));
                        }
                        0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                    }
                    0xDC00..=0xDFFF => {
                        return Err(self.fail(Problem::Syntax(LONE_SURROGATE)));
                    }
                    _ => unit,
                };
                // Every code point outside the surrogates is a character.
                text.push(char::from_u32(code).unwrap_or(char::REPLACEMENT_CHARACTER));
                return Ok(());
            }
            _ => {
                return Err(self.fail(Problem::Syntax(
                    "invalid escape: after \\ write one of \" \\ / b f n r t u",
                )));
            }
        };
        self.at += 1;
        text.push(single);
        Ok(())
    }

    /// Four hex digits of a `\u` escape.
    fn hex4(&mut self) -> Result<u32, Failure> {
        let digits = self.text.get(self.at..self.at + 4).unwrap_or_default();
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(self.fail(Problem::Syntax(
                "a \\u escape needs four hex digits, such as \\u00e9",
            )));
        }
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.fail(Problem::Syntax("invalid escape")))
    }

    /// The number at the next byte, read as the YAML path reads it: whole numbers as 64-bit
    /// integers when they fit, everything else as a finite float.
    fn number(&mut self) -> Result<NodeValue, Failure> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let digits = |mut at: usize| {
            while bytes.get(at).is_some_and(u8::is_ascii_digit) {
                at += 1;
            }
            at
        };
        let mut end = start;
        if bytes.get(end) == Some(&b'-') {
            end += 1;
        }
        let whole = end;
        end = digits(end);
        let invalid = |at| Failure {
            problem: Problem::Syntax(
                "invalid number: write digits with no leading zero, such as 12, -3 or 0.5",
            ),
            at,
        };
        if end == whole || (bytes.get(whole) == Some(&b'0') && end > whole + 1) {
            // No digits, or a leading zero, which JSON does not allow.
            return Err(invalid(start));
        }
        let mut integer = true;
        if bytes.get(end) == Some(&b'.') {
            integer = false;
            let fraction = end + 1;
            end = digits(fraction);
            if end == fraction {
                return Err(invalid(start));
            }
        }
        if let Some(b'e' | b'E') = bytes.get(end) {
            integer = false;
            end += 1;
            if let Some(b'+' | b'-') = bytes.get(end) {
                end += 1;
            }
            let exponent = end;
            end = digits(exponent);
            if end == exponent {
                return Err(invalid(start));
            }
        }
        let text = self.text.get(start..end).unwrap_or_default();
        self.at = end;
        if integer {
            if let Ok(value) = text.parse::<i64>() {
                return Ok(NodeValue::Int(value));
            }
            if let Ok(value) = text.parse::<u64>() {
                return Ok(NodeValue::UInt(value));
            }
        }
        match text.parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(NodeValue::Float(value)),
            _ => Err(Failure {
                problem: Problem::NotFinite,
                at: start,
            }),
        }
    }
}

/// The offset of the first byte at or after `from` that ends a run of plain text in a JSON
/// string (a quote, a backslash or a control character), or the end of `bytes`.
///
/// Text is most of a plan's bytes, so they are tested eight at a time: a byte of a word is zero
/// after XOR with a repeated byte exactly where the word holds that byte, and the classic
/// `(x - 0x01…) & !x & 0x80…` test finds the lowest zero byte (bits above it may be wrong, the
/// lowest is not).
fn plain_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let special = zero_bytes(word ^ (ONES * u64::from(b'"')))
            | zero_bytes(word ^ (ONES * u64::from(b'\\')))
            // Bytes below 0x20: subtracting 0x20 from each borrows into its high bit.
            | (word.wrapping_sub(ONES * 0x20) & !word & HIGHS);
        if special != 0 {
            return at + (special.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&byte) = bytes.get(at) {
        if byte == b'"' || byte == b'\\' || byte < 0x20 {
            return at;
        }
        at += 1;
    }
    at
}

/// A list's or mapping's span as the YAML path gives it: from its opening bracket to the end of
/// what it holds, the closing bracket left out (the YAML parser places the collection at its
/// opening bracket, and the tree stretches that over the contents).
fn container_span(start: usize, value: &NodeValue) -> ByteSpan {
    stretch(
        ByteSpan {
            start,
            end: start + 1,
        },
        value,
    )
}

/// The tree the YAML path builds for `source`, read as YAML: what JSON plans went through before
/// this reader, and what it is checked against.
#[cfg(any(test, fuzzing))]
fn yaml_reading(source: &Source, limits: &Limits) -> Result<Node, LoadError> {
    match super::fast::parse(source.shared_text(), limits) {
        Some(root) => Ok(root),
        None => super::careful(source.clone(), super::Syntax::Json, limits).map(|d| d.root),
    }
}

/// Under the fuzzer: the YAML path, where it reads the text too, must build the same tree.
#[cfg(fuzzing)]
pub(crate) fn check_against_yaml(source: &Source, root: &Node, limits: &Limits) {
    if let Ok(yaml) = yaml_reading(source, limits) {
        assert!(
            yaml == *root,
            "the JSON reader disagrees with the YAML path"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::Syntax;

    /// The first place two trees differ, as a pointer and what each side has there.
    fn first_difference(a: &Node, b: &Node, at: &str) -> Option<String> {
        let shape = |n: &Node| match &n.value {
            NodeValue::Seq(items) => format!("a list of {} at {:?}", items.len(), n.span),
            NodeValue::Map(entries) => format!("a mapping of {} at {:?}", entries.len(), n.span),
            value => format!("{value:?} at {:?}", n.span),
        };
        match (&a.value, &b.value) {
            (NodeValue::Seq(x), NodeValue::Seq(y)) if x.len() == y.len() && a.span == b.span => x
                .iter()
                .zip(y)
                .enumerate()
                .find_map(|(i, (x, y))| first_difference(x, y, &format!("{at}/{i}"))),
            (NodeValue::Map(x), NodeValue::Map(y)) if x.len() == y.len() && a.span == b.span => {
                x.iter().zip(y).find_map(|(x, y)| {
                    let here = format!("{at}/{}", x.key);
                    if x.key != y.key || x.key_span != y.key_span {
                        Some(format!(
                            "{here}: key {:?} at {:?} / {:?} at {:?}",
                            x.key, x.key_span, y.key, y.key_span
                        ))
                    } else {
                        first_difference(&x.value, &y.value, &here)
                    }
                })
            }
            _ if a == b => None,
            _ => Some(format!("{at}: {} / {}", shape(a), shape(b))),
        }
    }

    /// The plans of a folder, read as YAML and written as JSON, pretty and compact.
    fn as_json(folder: &std::path::Path, inputs: &mut Vec<(String, String, Limits)>) {
        let Ok(entries) = std::fs::read_dir(folder) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let source = Source::new(path.display().to_string(), text);
            let Ok(document) = super::super::parse(source, Some(Syntax::Yaml), &Limits::DEFAULT)
            else {
                continue;
            };
            let json = document.to_json();
            let name = path.display();
            if let (Ok(pretty), Ok(compact)) = (
                serde_json::to_string_pretty(&json),
                serde_json::to_string(&json),
            ) {
                inputs.push((format!("{name} as pretty JSON"), pretty, Limits::DEFAULT));
                inputs.push((format!("{name} as compact JSON"), compact, Limits::DEFAULT));
            }
        }
    }

    #[test]
    fn plain_runs_end_at_the_first_quote_backslash_or_control_character() {
        let naive = |bytes: &[u8], from: usize| {
            (from..bytes.len())
                .find(|&i| {
                    bytes
                        .get(i)
                        .is_some_and(|&b| b == b'"' || b == b'\\' || b < 0x20)
                })
                .unwrap_or(bytes.len())
        };
        // Every special byte at every place in texts around a word's length, after plain ASCII,
        // after multi-byte characters (bytes at and above 0x80) and after the bytes just above
        // the control characters, from every starting point.
        for filler in ["a", "é", " ", "!", "\u{7f}", "\u{ff}"] {
            for special in ["\"", "\\", "\n", "\u{0}", "\u{1f}", ""] {
                for before in 0..20 {
                    let text = format!("{}{special}{}", filler.repeat(before), filler.repeat(9));
                    let bytes = text.as_bytes();
                    for from in 0..bytes.len() {
                        assert_eq!(
                            plain_run_end(bytes, from),
                            naive(bytes, from),
                            "{text:?} from {from}"
                        );
                    }
                }
            }
        }
    }

    /// Every JSON file the reader reads, the YAML path reads into the same tree; where the
    /// reader stops at a limit, a duplicate key or a number out of range, the YAML path stops
    /// with the same message at the same place; and the reader rejects as syntax exactly what
    /// serde_json rejects (serde_json is the independent judge of what JSON is). Inputs: every
    /// example and fixture converted to JSON, the hostile files, snippets written to probe the
    /// edges, inputs at each limit, and the fuzzing corpus when there is one (`fuzz/corpus/load`,
    /// not committed).
    #[test]
    fn the_json_reader_agrees_with_the_yaml_path() {
        // The careful YAML path recurses once per level; the inputs nest to the limit.
        let checked = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(compare_readers)
            .map(std::thread::JoinHandle::join);
        assert!(matches!(checked, Ok(Ok(()))), "the comparison failed");
    }

    fn compare_readers() {
        let inputs = inputs();
        let mut trees = 0;
        for (name, text, limits) in &inputs {
            // `parse` turns these away before either reader sees them.
            if text.trim().is_empty() || text.contains('\0') {
                continue;
            }
            compare_one(name, text, limits, &mut trees);
        }
        // The examples and fixtures, twice each, at least.
        assert!(trees >= 36, "only {trees} of {} inputs read", inputs.len());
    }

    /// Every input the readers are compared on: snippets, inputs at the limits, every example
    /// and fixture as JSON, the hostile files and the fuzzing corpus.
    fn inputs() -> Vec<(String, String, Limits)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut inputs: Vec<(String, String, Limits)> = SNIPPETS
            .iter()
            .enumerate()
            .map(|(i, text)| (format!("snippet {i}"), (*text).to_owned(), Limits::DEFAULT))
            .collect();
        inputs.extend(at_the_limits());
        for folder in ["examples", "tests/fixtures/invalid", "tests/hostile"] {
            as_json(&root.join(folder), &mut inputs);
        }
        for folder in ["tests/hostile", "fuzz/corpus/load"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                let json_file = path.extension().is_some_and(|e| e == "json");
                if (json_file || folder.starts_with("fuzz"))
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    inputs.push((path.display().to_string(), text, Limits::DEFAULT));
                }
            }
        }
        // Regression: a fuzzing input, a number too large for a float with a letter in it,
        // which the JSON reader refuses as a number and the YAML path reads as text.
        let digits = "9".repeat(320);
        for text in [
            format!("{{\"schema_version\": {digits}A{digits}}}"),
            format!("{{\"schema_version\": {digits}role{digits}}}\n"),
            "{\"schema_version\": 1A}".to_owned(),
        ] {
            inputs.push((
                "a number with a letter in it".to_owned(),
                text,
                Limits::DEFAULT,
            ));
        }
        inputs
    }

    /// Regression: the loader read JSON twice, serde_json's syntax check and then the reader;
    /// it now asks serde_json only when the reader refuses the text. On every input the readers
    /// are compared on, and on nesting past serde_json's limit under limits that allow it, the
    /// loader gives what it gave with serde_json first: the same tree or the same error.
    #[test]
    fn the_loader_answers_as_with_serde_json_first() {
        let checked = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(|| {
                let mut inputs = inputs();
                let deep = Limits {
                    max_depth: 200,
                    ..Limits::DEFAULT
                };
                for depth in [100, 127, 128, 150] {
                    let text = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
                    inputs.push((format!("nested {depth} deep"), text, deep));
                }
                let mut compared = 0;
                for (name, text, limits) in &inputs {
                    if text.trim().is_empty() || text.contains('\0') {
                        continue;
                    }
                    let source = || Source::new(name.as_str(), text.as_str());
                    let now = super::super::parse_as_written(source(), Some(Syntax::Json), limits);
                    // The old order: serde_json's check, then the reader.
                    let before = crate::load::syntax::check_json_syntax(&source())
                        .and_then(|()| parse(&source(), limits));
                    match (&now, &before) {
                        (Ok(now), Ok(before)) => assert!(now.root() == before, "{name}"),
                        (Err(now), Err(before)) => assert_eq!(
                            (now.kind, &now.message, &now.help, &now.location),
                            (before.kind, &before.message, &before.help, &before.location),
                            "{name}"
                        ),
                        _ => panic!("{name}: now {now:?}, before {before:?}"),
                    }
                    compared += 1;
                }
                assert!(compared > 100, "only {compared} inputs");
            })
            .map(std::thread::JoinHandle::join);
        assert!(matches!(checked, Ok(Ok(()))), "the comparison failed");
    }

    /// Compares the readers on one input (see `the_json_reader_agrees_with_the_yaml_path`).
    fn compare_one(name: &str, text: &str, limits: &Limits, trees: &mut usize) {
        let source = Source::new(name, text);
        let json = parse(&source, limits);
        let is_json = serde_json::from_str::<serde_json::Value>(text).is_ok();
        // JSON's grammar alone, judged by serde_json without converting numbers or decoding
        // strings: `1e999` is JSON (just no finite number), `9…9A9` is not JSON at all.
        let in_json_grammar = serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok();
        match &json {
            Ok(tree) => {
                assert!(is_json, "{name}: read as JSON, but serde_json rejects it");
                *trees += 1;
                match yaml_reading(&source, limits) {
                    Ok(yaml) => {
                        if let Some(difference) = first_difference(tree, &yaml, "") {
                            panic!("{name}: the trees differ (JSON / YAML) at {difference}");
                        }
                    }
                    Err(error) => panic!("{name}: read as JSON, but not as YAML: {error}"),
                }
            }
            Err(error) if error.kind == LoadErrorKind::Syntax => {
                eprintln!("{error}");
                assert!(
                    !is_json,
                    "{name}: serde_json reads it, the reader says {error}"
                );
            }
            // JSON is a subset of YAML only as far as it is valid JSON: off JSON's grammar,
            // the YAML path may read what the JSON reader refuses (`{"n": 9…9A9}` is a
            // plain string to YAML, and its digits may make the reader refuse a number
            // before it sees the letter). Agreement then means the loader refuses the text
            // as JSON, and says so as serde_json does: a syntax error, or nesting past
            // serde_json's limit.
            Err(_) if !in_json_grammar => {
                let loaded =
                    super::super::parse_as_written(source.clone(), Some(Syntax::Json), limits);
                let kind = loaded.as_ref().err().map(|error| error.kind);
                assert!(
                    matches!(kind, Some(LoadErrorKind::Syntax | LoadErrorKind::Limit)),
                    "{name}: not JSON, but the loader says {loaded:?}"
                );
            }
            Err(error) => {
                let Err(yaml) = yaml_reading(&source, limits) else {
                    panic!("{name}: the YAML path reads what the reader rejects: {error}");
                };
                let said = |e: &LoadError| (e.kind, e.message.clone(), e.help.clone());
                assert_eq!(said(error), said(&yaml), "{name}");
                // Where the YAML path knows no place it says line 1, column 1; the reader
                // may do better (the key over the limit of a mapping's keys).
                let start = crate::source::Position { line: 1, column: 1 };
                if yaml.location.is_some_and(|l| l.start != start) {
                    assert_eq!(error.location, yaml.location, "{name}");
                }
            }
        }
        if !is_json {
            assert!(json.is_err(), "{name}: serde_json rejects it");
        }
        if name.ends_with("past the limit") {
            let kind = json.as_ref().err().map(|error| error.kind);
            assert_eq!(kind, Some(LoadErrorKind::Limit), "{name}");
        } else if name.ends_with("at the limit") {
            assert!(json.is_ok(), "{name}: {json:?}");
        }
    }

    /// Inputs just inside and just past each limit, with limits small enough to reach quickly
    /// (both readers take the limits as given).
    fn at_the_limits() -> Vec<(String, String, Limits)> {
        let limits = Limits {
            max_depth: 8,
            max_nodes: 100,
            max_string_bytes: 40,
            max_mapping_keys: 20,
            ..Limits::DEFAULT
        };
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let text = |length: usize| format!("{{\"a\": \"{}\"}}", "x".repeat(length));
        let keys = |count: usize| {
            let keys: Vec<String> = (0..count).map(|i| format!("\"k{i}\": {i}")).collect();
            format!("{{{}}}", keys.join(", "))
        };
        let values = |count: usize| format!("[{}]", vec!["0"; count].join(","));
        vec![
            ("nested to the limit".into(), nested(limits.max_depth)),
            ("nested past the limit".into(), nested(limits.max_depth + 1)),
            ("text at the limit".into(), text(limits.max_string_bytes)),
            (
                "text past the limit".into(),
                text(limits.max_string_bytes + 1),
            ),
            ("keys at the limit".into(), keys(limits.max_mapping_keys)),
            (
                "keys past the limit".into(),
                keys(limits.max_mapping_keys + 1),
            ),
            // The list itself is a value too.
            ("values at the limit".into(), values(limits.max_nodes - 1)),
            ("values past the limit".into(), values(limits.max_nodes)),
            (
                "text with escapes past the limit".into(),
                format!("[\"{}\"]", "\\n".repeat(41)),
            ),
            (
                "escaped text at the limit".into(),
                format!("[\"{}\"]", "\\u00e9".repeat(20)),
            ),
            (
                "escaped text past the limit".into(),
                format!("[\"{}\"]", "\\u00e9".repeat(21)),
            ),
        ]
        .into_iter()
        .map(|(name, text)| (name, text, limits))
        .collect()
    }

    const SNIPPETS: &[&str] = &[
        r#"{"a": 1, "b": [true, null, 2.5, "x"], "c": {"d": -3}, "e": {}, "f": []}"#,
        "{\n  \"a\": \"x\\ny\",\n  \"b\": [\n    1\n  ]\n}\n",
        "\t{\r\n\t\"a\"\t:\t[ 1 , 2 ]\r\n}\r\n",
        r#"{"a":[{"b":1},{}],"c":"","d":[[],[[]]]}"#,
        r#"{"n": [0, -0, 1, -1, 12.5, 0.5, -0.25, 1e3, 1E3, 2.5e-3, 2.5E+3, 1e0]}"#,
        r#"{"n": [9223372036854775807, 9223372036854775808, -9223372036854775808]}"#,
        r#"{"n": [18446744073709551615, 18446744073709551616, 123456789012345678901234567890]}"#,
        r#"{"n": -9223372036854775809}"#,
        r#"{"n": 1e999}"#,
        r#"{"n": -1e999}"#,
        r#"{"n": 1e-999}"#,
        r#"{"s": ["\"", "\\", "\/", "\b\f\n\r\t", "\u00e9", "\u20AC", "caf\u00e9 au lait"]}"#,
        r#"{"s": "\ud83c\udf89 party"}"#,
        r#"{"s": "\u0000 and \u001f"}"#,
        r#"{"é": "ü", "名前": "値", "emoji": "🎉", "": "empty key"}"#,
        r##"{"<<": 1, "? a": 2, "- b": 3, "# c": 4, "&d": 5, "*e": 6, "!f": 7}"##,
        r#"{"s": ["~", "null", "true", "0755", "1e3", "yes", ".inf", "0x1F", "a: b", "- c"]}"#,
        r#"{"s": " padded ", "t": "  ", "u": "line\nbreak"}"#,
        "[1, 2, 3]",
        "\"a plan\"",
        "42",
        "null",
        "true",
        r#"{"a": 1, "a": 2}"#,
        r#"{"a": {"b": 1, "c": 2, "b": 3}}"#,
        // Syntax errors, one of each kind.
        r#"{"a": 1,}"#,
        r#"[1, 2,]"#,
        r#"{"a" 1}"#,
        r#"{a: 1}"#,
        r#"{'a': 1}"#,
        r#"{"a": 01}"#,
        r#"{"a": 1.}"#,
        r#"{"a": .5}"#,
        r#"{"a": +1}"#,
        r#"{"a": -}"#,
        r#"{"a": 1e}"#,
        r#"{"a": tru}"#,
        r#"{"a": True}"#,
        r#"{"a": NaN}"#,
        r#"{"a": "\x"}"#,
        r#"{"a": "\u12"}"#,
        r#"{"a": "\ud83c"}"#,
        r#"{"a": "\udf89"}"#,
        r#"{"a": "\ud83c\u0041"}"#,
        "{\"a\": \"tab\tinside\"}",
        "{\"a\": \"line\nbreak\"}",
        r#"{"a": "unclosed"#,
        r#"{"a": 1"#,
        r#"{"a":"#,
        r#"{"a""#,
        r#"[1, 2"#,
        r#"{"a": 1} {"b": 2}"#,
        r#"{"a": 1} trailing"#,
        r#"{"a": [1 2]}"#,
        r#"{"a": 1 "b": 2}"#,
        r#"{"a": 1, // comment
        "b": 2}"#,
    ];
}
