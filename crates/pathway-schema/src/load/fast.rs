//! The fast path of the loader: the document tree built straight from the YAML parser's events.
//!
//! Reading every value through serde-saphyr's `Spanned<T>` (the careful path in
//! [`super::parse`]) costs about three times what the parser itself does: each value and each
//! key is handed over as a small serde map of positions. Plans are plain data (mappings, lists,
//! text, numbers), so most files need none of what makes that path careful: no anchors, aliases
//! or tags, no numbers in unusual spellings, no duplicate keys, nothing near a limit.
//!
//! This module builds the same tree for such files, and gives up (returns `None`) on anything
//! else, so that the careful path reads the file and reports on it as before. Giving up is always
//! allowed; building a tree the careful path would not build is not: the tests compare the two on
//! every example, fixture, hostile file and fuzzing input.

use std::collections::HashSet;
use std::sync::Arc;

use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle, Span};

use super::Limits;
use crate::node::{ByteSpan, Entry, Node, NodeValue, stretch};
use crate::tree_text::TreeText;

/// A collection being read. Its items (or entries) so far are at the end of the parse's one
/// stack of items (or entries), from `base` on, and move into a vector of their exact number
/// when it closes: a vector grown item by item per collection, then shrunk, touched memory
/// twice over.
enum OpenCollection {
    Seq {
        span: ByteSpan,
        base: usize,
    },
    Map {
        span: ByteSpan,
        base: usize,
        /// The key whose value comes next, once read.
        key: Option<(TreeText, ByteSpan)>,
        /// The keys so far, once the mapping is too long to search them one by one.
        seen: Option<HashSet<TreeText>>,
    },
}

/// Keys searched one by one up to this many entries; a set above.
const LINEAR_KEYS: usize = 16;

/// Headroom under serde-saphyr's own budgets: near a limit, the careful path decides.
const MARGIN: usize = 16;

/// serde-saphyr's default cap on the text of all scalars together.
const MAX_TOTAL_SCALAR_BYTES: usize = 64 * 1024 * 1024;

/// The document tree of `text`, or `None` when the careful path must read it.
pub(crate) fn parse(text: &Arc<String>, limits: &Limits) -> Option<Node> {
    // The parser options serde-saphyr sets for the same limits.
    let options = serde_saphyr::granit_parser::options! {
        flow_nesting_limit: limits.max_depth,
        block_nesting_limit: serde_saphyr::granit_parser::Options::default()
            .block_nesting_limit
            .max(limits.max_depth.saturating_add(1)),
        emit_comments: false,
    };
    let mut stack: Vec<OpenCollection> = Vec::new();
    let mut items: Vec<Node> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut root = None;
    let mut documents = 0usize;
    let mut events = 0usize;
    let mut nodes = 0usize;
    let mut scalar_bytes = 0usize;
    let max_events = limits.max_nodes.saturating_mul(2).saturating_sub(MARGIN);
    let max_nodes = limits.max_nodes.saturating_sub(MARGIN);
    let max_depth = limits.max_depth.saturating_sub(1);
    for next in Parser::new_from_str_with_options(text, options) {
        let (event, span) = next.ok()?;
        events += 1;
        if events > max_events {
            return None;
        }
        let node = match event {
            Event::StreamStart | Event::DocumentEnd => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            Event::Scalar(value, style, anchor, tag) => {
                if anchor != 0 || tag.is_some() || value.len() > limits.max_string_bytes {
                    return None;
                }
                nodes += 1;
                scalar_bytes += value.len();
                if nodes > max_nodes || scalar_bytes > MAX_TOTAL_SCALAR_BYTES - MARGIN {
                    return None;
                }
                let span = byte_span(&span)?;
                if let Some(OpenCollection::Map {
                    base, key, seen, ..
                }) = stack.last_mut()
                    && key.is_none()
                {
                    let entries = entries.get(*base..).unwrap_or_default();
                    let kept = || keep(text, &value, span, style);
                    let text = match style {
                        ScalarStyle::Plain => match resolve_plain(&value, kept)? {
                            NodeValue::String(text) => text,
                            _ => return None,
                        },
                        _ => kept(),
                    };
                    if text == "<<" || entries.len() >= limits.max_mapping_keys {
                        return None;
                    }
                    if !is_new_key(entries, seen, &text) {
                        return None;
                    }
                    *key = Some((text, span));
                    continue;
                }
                let kept = || keep(text, &value, span, style);
                let value = match style {
                    ScalarStyle::Plain => resolve_plain(&value, kept)?,
                    _ => NodeValue::String(kept()),
                };
                Node { span, value }
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                if anchor != 0 || tag.is_some() {
                    return None;
                }
                nodes += 1;
                if nodes > max_nodes || stack.len() >= max_depth {
                    return None;
                }
                // A list or mapping as a key is not a plan's.
                if let Some(OpenCollection::Map { key: None, .. }) = stack.last() {
                    return None;
                }
                let span = byte_span(&span)?;
                stack.push(if matches!(event, Event::SequenceStart(..)) {
                    OpenCollection::Seq {
                        span,
                        base: items.len(),
                    }
                } else {
                    OpenCollection::Map {
                        span,
                        base: entries.len(),
                        key: None,
                        seen: None,
                    }
                });
                continue;
            }
            Event::SequenceEnd | Event::MappingEnd => match stack.pop()? {
                OpenCollection::Seq { span, base } => {
                    let value = NodeValue::Seq(items.drain(base..).collect());
                    Node {
                        span: stretch(span, &value),
                        value,
                    }
                }
                OpenCollection::Map {
                    span,
                    base,
                    key: None,
                    ..
                } => {
                    let value = NodeValue::Map(entries.drain(base..).collect());
                    Node {
                        span: stretch(span, &value),
                        value,
                    }
                }
                OpenCollection::Map { key: Some(_), .. } => return None,
            },
            // Anchors, aliases and anything else: the careful path knows what to do.
            _ => return None,
        };
        match stack.last_mut() {
            None if root.is_none() => root = Some(node),
            None => return None,
            Some(OpenCollection::Seq { .. }) => items.push(node),
            Some(OpenCollection::Map { key, .. }) => {
                let (key, key_span) = key.take()?;
                entries.push(Entry {
                    key,
                    key_span,
                    value: node,
                });
            }
        }
    }
    if stack.is_empty() { root } else { None }
}

fn byte_span(span: &Span) -> Option<ByteSpan> {
    Some(ByteSpan {
        start: span.start.byte_offset()?,
        end: span.end.byte_offset()?,
    })
}

/// The text of a scalar for the tree: kept in place when the source holds it as written (a plain
/// scalar on one line, quoted text without escapes), else a copy of what the parser made of it.
fn keep(source: &Arc<String>, value: &str, span: ByteSpan, style: ScalarStyle) -> TreeText {
    let written = match style {
        ScalarStyle::Plain => span.start..span.end,
        ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted => {
            span.start + 1..span.end.saturating_sub(1)
        }
        _ => return TreeText::from(value),
    };
    if source.get(written.clone()) == Some(value) {
        TreeText::in_source(source, written)
    } else {
        TreeText::from(value)
    }
}

/// Whether `key` is not among the keys of `entries` yet; keeps `seen` for long mappings.
pub(super) fn is_new_key(
    entries: &[Entry],
    seen: &mut Option<HashSet<TreeText>>,
    key: &TreeText,
) -> bool {
    if entries.len() < LINEAR_KEYS {
        return entries.iter().all(|entry| entry.key != *key);
    }
    let seen = seen.get_or_insert_with(|| entries.iter().map(|e| e.key.clone()).collect());
    seen.insert(key.clone())
}

/// What a plain scalar means, as serde-saphyr reads it with the loader's options (YAML 1.2 core
/// schema, `true`/`false` only, decimal numbers with a leading zero kept as text), or `None` for
/// spellings whose meaning is left to serde-saphyr: other numbers (`0x1F`, `1_000`, `+5`, `.5`,
/// `.inf`, integers past 64 bits) and anything that might be one. Text is made by `kept`.
fn resolve_plain(text: &str, kept: impl FnOnce() -> TreeText) -> Option<NodeValue> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(NodeValue::Null),
        "true" | "True" | "TRUE" => return Some(NodeValue::Bool(true)),
        "false" | "False" | "FALSE" => return Some(NodeValue::Bool(false)),
        _ => {}
    }
    let first = text.as_bytes().first().copied().unwrap_or(b' ');
    if !(first.is_ascii_digit() || matches!(first, b'-' | b'+' | b'.')) {
        // Not a number in any spelling serde-saphyr reads.
        return Some(NodeValue::String(kept()));
    }
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let bytes = digits.as_bytes();
    if !bytes.is_empty() && bytes.iter().all(u8::is_ascii_digit) {
        if bytes.len() > 1 && bytes.first() == Some(&b'0') {
            // `0755` stays text (leading_zero_numbers_as_strings).
            return Some(NodeValue::String(kept()));
        }
        return if negative {
            text.parse::<i64>().ok().map(NodeValue::Int)
        } else {
            let value = text.parse::<u64>().ok()?;
            Some(i64::try_from(value).map_or(NodeValue::UInt(value), NodeValue::Int))
        };
    }
    if is_simple_float(digits) {
        let value = text.parse::<f64>().ok()?;
        return value.is_finite().then_some(NodeValue::Float(value));
    }
    if might_be_number(text) {
        return None;
    }
    Some(NodeValue::String(kept()))
}

/// `12.5`, `1e3`, `2.5E-3`: digits, then a fraction of at least one digit and an exponent, one
/// of them or both.
fn is_simple_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (text, None),
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let exponent_ok = exponent.is_none_or(|e| all_digits(e.strip_prefix(['+', '-']).unwrap_or(e)));
    all_digits(whole)
        && fraction.is_none_or(all_digits)
        && (fraction.is_some() || exponent.is_some())
        && exponent_ok
}

/// Whether serde-saphyr might read `text` as a number: Rust's float syntax (which also takes
/// `inf` and `nan`), digits with underscores, a radix prefix, or a leading dot (`.5`, `.inf`).
fn might_be_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    text.parse::<f64>().is_ok()
        || unsigned.starts_with('.')
        || unsigned.bytes().all(|b| b.is_ascii_digit() || b == b'_')
        || ["0x", "0X", "0o", "0O", "0b", "0B"]
            .iter()
            .any(|prefix| unsigned.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str) -> Option<NodeValue> {
        resolve_plain(text, || TreeText::from(text))
    }

    #[test]
    fn plain_scalars_resolve_as_serde_saphyr_does_or_not_at_all() {
        let string = |s: &str| Some(NodeValue::String(TreeText::from(s)));
        assert_eq!(resolve(""), Some(NodeValue::Null));
        assert_eq!(resolve("NULL"), Some(NodeValue::Null));
        assert_eq!(resolve("True"), Some(NodeValue::Bool(true)));
        assert_eq!(resolve("no"), string("no"));
        assert_eq!(resolve("0755"), string("0755"));
        assert_eq!(resolve("-0755"), string("-0755"));
        assert_eq!(resolve("0"), Some(NodeValue::Int(0)));
        assert_eq!(resolve("-12"), Some(NodeValue::Int(-12)));
        assert_eq!(
            resolve("18446744073709551615"),
            Some(NodeValue::UInt(u64::MAX))
        );
        assert_eq!(resolve("18446744073709551616"), None);
        assert_eq!(resolve("12.5"), Some(NodeValue::Float(12.5)));
        assert_eq!(resolve("1e3"), Some(NodeValue::Float(1000.0)));
        assert_eq!(resolve("1e999"), None);
        assert_eq!(resolve("2027-28"), string("2027-28"));
        assert_eq!(resolve("3 years"), string("3 years"));
        assert_eq!(resolve("inf"), string("inf"));
        for unsure in [
            "0x1F", "1_000", "+5", ".5", ".inf", "-.inf", "-nan", "5.", "-",
        ] {
            assert_eq!(resolve(unsure), None, "{unsure}");
        }
    }

    /// Every file the fast path builds a tree for, the careful path builds the same tree for:
    /// the examples, the fixtures, the hostile files, snippets written to probe the edges, and
    /// the fuzzing corpus when there is one (`fuzz/corpus/load`, not committed).
    #[test]
    fn the_fast_path_agrees_with_the_careful_path() {
        // The careful path recurses once per level; the hostile files nest to the limit.
        let checked = std::thread::Builder::new()
            .stack_size(64 * 1024 * 1024)
            .spawn(compare_paths)
            .map(std::thread::JoinHandle::join);
        assert!(matches!(checked, Ok(Ok(()))), "the comparison failed");
    }

    fn compare_paths() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut inputs: Vec<(String, String)> = SNIPPETS
            .iter()
            .enumerate()
            .map(|(i, text)| (format!("snippet {i}.yaml"), (*text).to_owned()))
            .collect();
        for folder in [
            "examples",
            "tests/fixtures/invalid",
            "tests/hostile",
            "fuzz/corpus/load",
        ] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if let Ok(text) = std::fs::read_to_string(&path) {
                    inputs.push((path.display().to_string(), text));
                }
            }
        }
        let limits = Limits::DEFAULT;
        let mut fast = 0;
        for (name, text) in &inputs {
            let Some(tree) = parse(&Arc::new(text.clone()), &limits) else {
                continue;
            };
            fast += 1;
            let format = super::super::Syntax::from_path(std::path::Path::new(name))
                .unwrap_or(super::super::Syntax::Yaml);
            let source = crate::source::Source::new(name.as_str(), text.as_str());
            match super::super::careful(source, format, &limits) {
                Ok(document) => assert_eq!(&tree, document.root(), "{name}"),
                Err(error) => {
                    panic!("{name}: the fast path read a file the careful path rejects: {error}")
                }
            }
        }
        // The examples and the fixtures at least take the fast path.
        assert!(
            fast >= 18,
            "only {fast} of {} files took the fast path",
            inputs.len()
        );
    }

    const SNIPPETS: &[&str] = &[
        "a: 1\nb: -2\nc: 3.25\nd: 1e3\ne: 2.5E-3\nf: 0\ng: -0\nh: 9223372036854775808\n",
        "a: true\nb: False\nc: NULL\nd: ~\ne:\nf: yes\ng: no\nh: on\n",
        "a: 0755\nb: -0755\nc: 00\nd: 2027-28\ne: 3 years\nf: 10th grade\ng: 1.5 hours\n",
        "a: 'quoted'\nb: \"double \\u00e9 \\n\"\nc: '1'\nd: \"true\"\ne: ''\n",
        "a: |\n  literal\n  text\nb: >\n  folded\n  text\nc: |-\n  stripped\nd: >+\n  kept\n\ne: x\n",
        "a: {b: 1, c: [1, 2, {d: e}], f: {}}\ng: []\nh: [a, 'b', \"c\"]\n",
        "- a\n- - b\n  - c\n- d: e\n  f: g\n-\n- ~\n",
        "'quoted key': 1\n\"double key\": 2\nplain key: 3\n",
        "# comment\na: 1 # trailing\n# between\nb:\n  # inside\n  c: 2\n",
        "---\na: 1\n...\n",
        "a: multi\n  line\n  plain\nb: \"multi\n  line quoted\"\n",
        "é: ü\n名前: 値\nemoji: \"🎉\"\n",
        "{\"a\": 1, \"b\": [true, null, 2.5, \"x\"], \"c\": {\"d\": -3}}",
        "a:\n- 1\n- 2\nb:\n  - x\n",
        "a: \"\"\nb: ' '\nc: \"  padded  \"\n",
        "a: -\nb: +5\nc: .5\nd: 1_000\ne: 0x1F\nf: .inf\ng: -.nan\n",
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "<<: {a: 1}\n",
        "a: 1\na: 2\n",
        "? complex\n: key\n",
        "a: 1\n---\nb: 2\n",
        "[1, 2, 3]",
        "plain text",
        "a:\n  b:\n    c:\n      d: deep\n",
    ];
}
