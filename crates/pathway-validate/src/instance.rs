//! The parsed document as an instance the `jsonschema` crate validates in place.
//!
//! The validator reads JSON through a small set of traits; implementing them for the document
//! tree spares stage 1 a serde_json copy of the plan, which took more memory than the tree itself
//! and about a tenth of the time of checking a plan. A value is only converted to JSON when a
//! validation error quotes it.

use std::borrow::Cow;

use jsonschema::json::{Array, Json, JsonNumber, Node, NodeIdentity, Object};
use jsonschema::types::JsonType;
use pathway_schema::load::{Entry, Node as TreeNode, NodeValue};
use serde_json::Value;

/// The document tree as a JSON representation.
pub struct SourceTreeJson;

/// A value of the tree, or a mapping key being validated as a value (`propertyNames`).
#[derive(Clone, Copy)]
pub enum Instance<'a> {
    /// A node of the document.
    Node(&'a TreeNode),
    /// A key, as text.
    Key(&'a str),
}

impl<'a> From<&'a TreeNode> for Instance<'a> {
    fn from(node: &'a TreeNode) -> Self {
        Instance::Node(node)
    }
}

impl Json for SourceTreeJson {
    type Node<'a> = Instance<'a>;
    type PreparedKey = String;
    type StringBuffer = ();

    // Lookups scan a mapping's entries in order, so one pass over them costs less than a few
    // lookups; the crate multiplies this by the number of lookups a pass replaces.
    const KEYS_PER_LOOKUP: usize = 64;
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> String {
        key.to_owned()
    }

    fn with_string_node<T>((): &mut (), string: &str, f: impl FnOnce(Instance<'_>) -> T) -> T {
        f(Instance::Key(string))
    }
}

/// A mapping's entries.
pub struct Members<'a>(&'a [Entry]);

/// A list's items.
pub struct Items<'a>(&'a [TreeNode]);

/// A number, as the loader read it.
#[derive(Clone, Copy)]
pub enum Number {
    /// A whole number that fits 64 bits, signed.
    Int(i64),
    /// A whole number above `i64::MAX`.
    UInt(u64),
    /// A number with a fraction or an exponent.
    Float(f64),
}

impl JsonNumber for Number {
    fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::Int(i) => u64::try_from(i).ok(),
            Number::UInt(u) => Some(u),
            Number::Float(_) => None,
        }
    }

    fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::Int(i) => Some(i),
            Number::UInt(_) | Number::Float(_) => None,
        }
    }

    fn as_f64(&self) -> Option<f64> {
        Some(match *self {
            Number::Int(i) => i as f64,
            Number::UInt(u) => u as f64,
            Number::Float(f) => f,
        })
    }

    fn as_str(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_number().to_string())
    }

    fn to_number(&self) -> Cow<'_, serde_json::Number> {
        Cow::Owned(match *self {
            Number::Int(i) => serde_json::Number::from(i),
            Number::UInt(u) => serde_json::Number::from(u),
            // The loader rejects numbers that are not finite.
            Number::Float(f) => {
                serde_json::Number::from_f64(f).unwrap_or_else(|| serde_json::Number::from(0))
            }
        })
    }

    fn is_written_as_integer(&self) -> bool {
        !matches!(self, Number::Float(_))
    }
}

impl<'a> Node<'a, SourceTreeJson> for Instance<'a> {
    type Object = Members<'a>;
    type Array = Items<'a>;
    type Number = Number;

    fn as_object(&self) -> Option<Members<'a>> {
        match self {
            Instance::Node(TreeNode {
                value: NodeValue::Map(entries),
                ..
            }) => Some(Members(entries)),
            _ => None,
        }
    }

    fn as_array(&self) -> Option<Items<'a>> {
        match self {
            Instance::Node(TreeNode {
                value: NodeValue::Seq(items),
                ..
            }) => Some(Items(items)),
            _ => None,
        }
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        match self {
            Instance::Node(TreeNode {
                value: NodeValue::String(text),
                ..
            }) => Some(Cow::Borrowed(text)),
            Instance::Key(text) => Some(Cow::Borrowed(text)),
            Instance::Node(_) => None,
        }
    }

    fn as_number(&self) -> Option<Number> {
        match self {
            Instance::Node(node) => match node.value {
                NodeValue::Int(i) => Some(Number::Int(i)),
                NodeValue::UInt(u) => Some(Number::UInt(u)),
                NodeValue::Float(f) => Some(Number::Float(f)),
                _ => None,
            },
            Instance::Key(_) => None,
        }
    }

    fn as_boolean(&self) -> Option<bool> {
        match self {
            Instance::Node(TreeNode {
                value: NodeValue::Bool(b),
                ..
            }) => Some(*b),
            _ => None,
        }
    }

    fn is_null(&self) -> bool {
        matches!(
            self,
            Instance::Node(TreeNode {
                value: NodeValue::Null,
                ..
            })
        )
    }

    fn json_type(&self) -> JsonType {
        match self {
            Instance::Key(_) => JsonType::String,
            Instance::Node(node) => match node.value {
                NodeValue::Null => JsonType::Null,
                NodeValue::Bool(_) => JsonType::Boolean,
                NodeValue::Int(_) | NodeValue::UInt(_) | NodeValue::Float(_) => JsonType::Number,
                NodeValue::String(_) => JsonType::String,
                NodeValue::Seq(_) => JsonType::Array,
                NodeValue::Map(_) => JsonType::Object,
            },
        }
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(match self {
            Instance::Node(node) => node.to_json(),
            Instance::Key(text) => Value::String((*text).to_owned()),
        })
    }

    fn identity(&self) -> Option<NodeIdentity> {
        match self {
            Instance::Node(node) => Some(NodeIdentity::new(std::ptr::from_ref(*node) as usize)),
            // A key lives only while it is checked; it needs no identity.
            Instance::Key(_) => None,
        }
    }
}

impl<'a> Object<'a, SourceTreeJson> for Members<'a> {
    type Node = Instance<'a>;
    type MemberName = &'a str;
    type MembersIter =
        std::iter::Map<std::slice::Iter<'a, Entry>, fn(&'a Entry) -> (&'a str, Instance<'a>)>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn get(&self, key: &String) -> Option<Instance<'a>> {
        self.0
            .iter()
            .find(|entry| entry.key == *key)
            .map(|entry| Instance::Node(&entry.value))
    }

    fn members(&self) -> Self::MembersIter {
        fn member(entry: &Entry) -> (&str, Instance<'_>) {
            (entry.key.as_str(), Instance::Node(&entry.value))
        }
        self.0
            .iter()
            .map(member as fn(&'a Entry) -> (&'a str, Instance<'a>))
    }
}

impl<'a> Array<'a, SourceTreeJson> for Items<'a> {
    type Node = Instance<'a>;
    type ElementsIter =
        std::iter::Map<std::slice::Iter<'a, TreeNode>, fn(&'a TreeNode) -> Instance<'a>>;

    fn len(&self) -> usize {
        self.0.len()
    }

    fn elements(&self) -> Self::ElementsIter {
        self.0
            .iter()
            .map(Instance::Node as fn(&'a TreeNode) -> Instance<'a>)
    }
}
