//! The parsed document as a tree of nodes that remember where they came from.
//!
//! YAML and JSON both parse into this tree. It is what the typed plan is read from, what the
//! JSON value handed to schema validators is made from, and what turns a JSON Pointer back into
//! a line and column.

use std::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::tree_text::TreeText;

/// A JSON Pointer written the way a person reads a path in a plan: `/credentials/0/title`
/// becomes `credentials[0].title`.
pub fn display_path(pointer: &str) -> String {
    let mut path = String::new();
    for token in pointer.split('/').skip(1) {
        let token = token.replace("~1", "/").replace("~0", "~");
        if !token.is_empty() && token.bytes().all(|b| b.is_ascii_digit()) {
            path.push('[');
            path.push_str(&token);
            path.push(']');
        } else {
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(&token);
        }
    }
    path
}

/// Byte offsets of a node in the source text, end exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ByteSpan {
    /// The offset of the node's first byte.
    pub start: usize,
    /// The offset just past the node's last byte.
    pub end: usize,
}

/// One node of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the node stands in the source.
    pub span: ByteSpan,
    /// What the node holds.
    pub value: NodeValue,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeValue {
    /// An empty value: `~`, `null` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number that fits 64 bits, signed.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// A number with a fraction or exponent.
    Float(f64),
    /// Text.
    String(TreeText),
    /// A list.
    Seq(Vec<Node>),
    /// A mapping, in source order.
    Map(Vec<Entry>),
}

/// One key and value of a mapping.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The key.
    pub key: TreeText,
    /// Where the key stands in the source.
    pub key_span: ByteSpan,
    /// The value.
    pub value: Node,
}

impl Node {
    /// The node at a JSON Pointer (RFC 6901) below this one, such as `/credentials/0/title`.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        self.walk(pointer).map(|(node, _)| node)
    }

    /// The node at a JSON Pointer and, when it is the value of a mapping entry, the span of its
    /// key.
    pub fn walk(&self, pointer: &str) -> Option<(&Node, Option<ByteSpan>)> {
        if pointer.is_empty() {
            return Some((self, None));
        }
        let mut node = self;
        let mut key_span = None;
        for token in pointer.strip_prefix('/')?.split('/') {
            let token = unescape_token(token);
            match &node.value {
                NodeValue::Map(entries) => {
                    let entry = entries.iter().find(|entry| entry.key == token)?;
                    key_span = Some(entry.key_span);
                    node = &entry.value;
                }
                NodeValue::Seq(items) => {
                    node = items.get(token.parse::<usize>().ok()?)?;
                    key_span = None;
                }
                _ => return None,
            }
        }
        Some((node, key_span))
    }

    /// The node as a JSON value, for JSON Schema validators and rules that read raw values.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.value {
            NodeValue::Null => Value::Null,
            NodeValue::Bool(b) => Value::Bool(*b),
            NodeValue::Int(i) => Value::from(*i),
            NodeValue::UInt(u) => Value::from(*u),
            // Non-finite numbers are rejected while parsing, so `from_f64` always succeeds.
            NodeValue::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            NodeValue::String(s) => Value::String(s.as_str().to_owned()),
            NodeValue::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeValue::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|entry| (entry.key.as_str().to_owned(), entry.value.to_json()))
                    .collect(),
            ),
        }
    }
}

fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// Escapes a key for use as one token of a JSON Pointer.
pub fn escape_token(key: &str) -> String {
    // Most keys need no escape: one scan, not two replacements.
    if !key.contains(['~', '/']) {
        return key.to_owned();
    }
    key.replace('~', "~0").replace('/', "~1")
}

/// Limits the parser checks as it builds each node. Set per parse by the loader.
#[derive(Clone, Copy)]
pub(crate) struct NodeSeed {
    /// The longest text value or key, in bytes.
    pub max_string_bytes: usize,
    /// The most keys in one mapping.
    pub max_mapping_keys: usize,
}

// The parser hands each node over wrapped in `Spanned`, which carries its position; the
// positions are reduced to byte offsets at once so the tree stays small.
fn byte_span<T>(spanned: &Spanned<T>) -> ByteSpan {
    let span = spanned.referenced.span();
    let start = span.byte_offset().unwrap_or(0);
    let len = span.byte_len().unwrap_or(0);
    ByteSpan {
        start: usize::try_from(start).unwrap_or(usize::MAX),
        end: usize::try_from(start.saturating_add(len)).unwrap_or(usize::MAX),
    }
}

thread_local! {
    // serde's `Deserialize` cannot take arguments, so the per-parse limits travel here.
    static LIMITS: std::cell::Cell<NodeSeed> = const {
        std::cell::Cell::new(NodeSeed { max_string_bytes: usize::MAX, max_mapping_keys: usize::MAX })
    };
    // And what the builder refused travels back here, so the loader reads it as data rather
    // than from the message serde-saphyr passes on.
    static REFUSED: std::cell::RefCell<Option<Refusal>> = const { std::cell::RefCell::new(None) };
}

impl NodeSeed {
    /// Runs a parse with these limits, and returns what it refused, if anything.
    pub(crate) fn parse<T>(self, run: impl FnOnce() -> T) -> (T, Option<Refusal>) {
        let previous = LIMITS.with(|cell| cell.replace(self));
        REFUSED.with(|cell| cell.borrow_mut().take());
        let result = run();
        LIMITS.with(|cell| cell.set(previous));
        (result, REFUSED.with(|cell| cell.borrow_mut().take()))
    }
}

/// What the tree builder refuses to hold, whatever the YAML parser accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Refusal {
    /// A text value or key over the length limit.
    TextTooLong {
        /// The limit, in bytes.
        limit: usize,
        /// The text's length, in bytes.
        bytes: usize,
    },
    /// A mapping with more keys than the limit.
    TooManyKeys {
        /// The limit.
        limit: usize,
    },
    /// A whole number beyond 64 bits, as written.
    NumberTooLarge(String),
    /// A `!!binary` value.
    Binary,
    /// A key with nothing before its colon.
    EmptyKey,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::TextTooLong { limit, bytes } => write!(
                f,
                "text longer than the limit of {limit} bytes ({bytes} bytes)"
            ),
            Refusal::TooManyKeys { limit } => {
                write!(f, "a mapping with more keys than the limit of {limit}")
            }
            Refusal::NumberTooLarge(number) => write!(f, "the number {number} is too large"),
            Refusal::Binary => f.write_str("binary values are not supported: write text instead"),
            Refusal::EmptyKey => {
                f.write_str("a key is empty: write the key's name before the colon")
            }
        }
    }
}

/// Records a refusal and makes the error that carries it through the parser.
fn refuse<E: de::Error>(refusal: Refusal) -> E {
    let error = E::custom(&refusal);
    REFUSED.with(|cell| *cell.borrow_mut() = Some(refusal));
    error
}

/// A node as the parser reads it, before its position is attached.
pub(crate) struct RawNode(pub NodeValue);

impl<'de> Deserialize<'de> for RawNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor).map(RawNode)
    }
}

pub(crate) fn into_node(spanned: Spanned<RawNode>) -> Node {
    let span = byte_span(&spanned);
    let value = spanned.value.0;
    Node {
        span: stretch(span, &value),
        value,
    }
}

/// A node's span from the parser's, stretched over the node's contents: block collections
/// report an empty span at their first entry, and a collection's span should cover what it holds.
pub(crate) fn stretch(mut span: ByteSpan, value: &NodeValue) -> ByteSpan {
    match value {
        NodeValue::Seq(items) => {
            if let (Some(first), Some(last)) = (items.first(), items.last()) {
                span.start = span.start.min(first.span.start);
                span.end = span.end.max(last.span.end);
            }
        }
        NodeValue::Map(entries) => {
            if let (Some(first), Some(last)) = (entries.first(), entries.last()) {
                span.start = span.start.min(first.key_span.start);
                span.end = span.end.max(last.value.span.end);
            }
        }
        _ => {}
    }
    span
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = NodeValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a YAML or JSON value")
    }

    fn visit_unit<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }

    fn visit_none<E>(self) -> Result<NodeValue, E> {
        Ok(NodeValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<NodeValue, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }

    fn visit_bool<E>(self, v: bool) -> Result<NodeValue, E> {
        Ok(NodeValue::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<NodeValue, E> {
        Ok(NodeValue::Int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<NodeValue, E> {
        Ok(i64::try_from(v).map_or(NodeValue::UInt(v), NodeValue::Int))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<NodeValue, E> {
        Err(refuse(Refusal::NumberTooLarge(v.to_string())))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<NodeValue, E> {
        Err(refuse(Refusal::NumberTooLarge(v.to_string())))
    }

    fn visit_f64<E>(self, v: f64) -> Result<NodeValue, E> {
        Ok(NodeValue::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<NodeValue, E> {
        check_length(v)?;
        Ok(NodeValue::String(TreeText::from(v)))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<NodeValue, E> {
        check_length(&v)?;
        Ok(NodeValue::String(TreeText::from(v)))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<NodeValue, E> {
        Err(refuse(Refusal::Binary))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<NodeValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<RawNode>>()? {
            items.push(into_node(item));
        }
        // The tree lives as long as the plan: give back what growing the list left spare.
        items.shrink_to_fit();
        Ok(NodeValue::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<NodeValue, A::Error> {
        let mut entries = Vec::new();
        let max_keys = LIMITS.with(std::cell::Cell::get).max_mapping_keys;
        while let Some(key) = map.next_key::<Spanned<KeyText>>()? {
            if entries.len() >= max_keys {
                return Err(refuse(Refusal::TooManyKeys { limit: max_keys }));
            }
            let key_span = byte_span(&key);
            let value = into_node(map.next_value::<Spanned<RawNode>>()?);
            entries.push(Entry {
                key: TreeText::from(key.value.0),
                key_span,
                value,
            });
        }
        entries.shrink_to_fit();
        Ok(NodeValue::Map(entries))
    }
}

fn check_length<E: de::Error>(text: &str) -> Result<(), E> {
    let limit = LIMITS.with(std::cell::Cell::get).max_string_bytes;
    if text.len() > limit {
        Err(refuse(Refusal::TextTooLong {
            limit,
            bytes: text.len(),
        }))
    } else {
        Ok(())
    }
}

/// A mapping key. Plans use text keys; numbers and booleans as keys are read as their text
/// (`2027:` is the key "2027"), as JSON would have them.
struct KeyText(String);

impl<'de> Deserialize<'de> for KeyText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl Visitor<'_> for KeyVisitor {
            type Value = KeyText;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key written as text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<KeyText, E> {
                check_length(v)?;
                Ok(KeyText(v.to_owned()))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<KeyText, E> {
                check_length(&v)?;
                Ok(KeyText(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<KeyText, E> {
                Ok(KeyText(v.to_string()))
            }
            fn visit_unit<E: de::Error>(self) -> Result<KeyText, E> {
                Err(refuse(Refusal::EmptyKey))
            }
        }
        deserializer.deserialize_any(KeyVisitor)
    }
}
