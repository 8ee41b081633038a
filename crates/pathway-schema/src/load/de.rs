//! Reads the typed plan out of the node tree, so that every error knows the node it is about.
//!
//! An error starts without a place; the first node method it passes through pins it to that node,
//! and each mapping or list it then passes through adds its key or index, so the full JSON Pointer
//! is only built when something goes wrong.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess, Unexpected,
    VariantAccess, Visitor,
};

use std::borrow::Cow;

use crate::node::{Entry, Node, NodeValue, escape_token};
use crate::source::Syntax;
use crate::wording::{Bound, Found, Shape, StructuralProblem, explain};

/// Which part of the located node the error is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The value at the pointer.
    Value,
    /// The key of the entry at the pointer.
    Key,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DeError {
    /// What went wrong, in the vocabulary the schema stage uses too, so that the loader and
    /// `pathway validate` word the same problem with the same sentence.
    pub problem: StructuralProblem<'static>,
    /// Pointer tokens from the located node up to the root, innermost first.
    reversed_path: Vec<String>,
    located: bool,
    pub target: Target,
}

impl DeError {
    fn new(problem: StructuralProblem<'static>) -> Self {
        DeError {
            problem,
            reversed_path: Vec::new(),
            located: false,
            target: Target::Value,
        }
    }

    fn locate(mut self) -> Self {
        self.located = true;
        self
    }

    /// Adds the key or index of the value the error came out of. An error that no node method
    /// located yet was raised by the value's own `Deserialize` after reading it (a bad id or
    /// date), so it is about that value.
    fn within(mut self, token: String) -> Self {
        self.located = true;
        self.reversed_path.push(token);
        self
    }

    /// The JSON Pointer of the node the error is about.
    pub fn pointer(&self) -> String {
        let mut pointer = String::new();
        for token in self.reversed_path.iter().rev() {
            pointer.push('/');
            pointer.push_str(&escape_token(token));
        }
        pointer
    }
}

impl fmt::Display for DeError {
    /// The wording module's sentence for the problem, as the loader's error gives it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&explain(&self.problem, &self.pointer(), Syntax::Yaml).message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(StructuralProblem::Invalid {
            reason: msg.to_string(),
        })
    }

    fn invalid_type(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        match found_of(&unexp) {
            Some(found) => DeError::new(StructuralProblem::WrongValue {
                expected: exp.to_string(),
                found,
            }),
            None => DeError::new(StructuralProblem::Invalid {
                reason: format!("expected {exp}, found {unexp}"),
            }),
        }
    }

    fn invalid_value(unexp: Unexpected, exp: &dyn de::Expected) -> Self {
        // serde's unsigned integers name themselves ("u32") as what they expected; that name is
        // the only sign of them. A negative count breaks the schema's `minimum: 0` for the same
        // field, and is worded as the schema stage words it ("a negative count" in
        // pathway-validate/tests/wording.rs fails if serde names them otherwise).
        let expected = exp.to_string();
        if let Unexpected::Signed(n) = unexp
            && n < 0
            && matches!(expected.as_str(), "u8" | "u16" | "u32" | "u64")
        {
            return DeError::new(StructuralProblem::OutOfRange {
                bound: Bound::AtLeast(0.into()),
                found: Found::Number(n.to_string()),
            });
        }
        let found = found_of(&unexp).map_or_else(|| unexp.to_string(), |found| found.words());
        DeError::new(StructuralProblem::Invalid {
            reason: format!("{found} is not allowed here: expected {exp}"),
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(StructuralProblem::UnknownKey {
            key: Cow::Owned(field.to_owned()),
            allowed: expected.to_vec(),
        })
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(StructuralProblem::MissingKey { key: field })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(StructuralProblem::UnknownWord {
            found: Found::Text(Cow::Owned(variant.to_owned())),
            choices: expected.to_vec(),
        })
    }
}

/// What serde says it found, in the wording module's terms; `None` for what plans never hold.
fn found_of(unexp: &Unexpected) -> Option<Found<'static>> {
    let number = |n: serde_json::Number| Found::Number(n.to_string());
    Some(match unexp {
        Unexpected::Bool(b) => Found::Boolean(*b),
        Unexpected::Unsigned(n) => number((*n).into()),
        Unexpected::Signed(n) => number((*n).into()),
        Unexpected::Float(n) => Found::Number(
            serde_json::Number::from_f64(*n).map_or_else(|| n.to_string(), |n| n.to_string()),
        ),
        Unexpected::Str(s) => Found::Text(Cow::Owned((*s).to_owned())),
        Unexpected::Unit => Found::Null,
        Unexpected::Seq => Found::List,
        Unexpected::Map => Found::Mapping,
        _ => return None,
    })
}

fn wrong_type(node: &Node, expected: Shape) -> DeError {
    DeError::new(StructuralProblem::WrongShape {
        expected: vec![expected],
        found: Found::of_node(node).into_owned(),
    })
    .locate()
}

/// Deserializes one node.
pub(crate) struct NodeDeserializer<'a>(pub &'a Node);

impl<'de> NodeDeserializer<'de> {
    fn integer<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            NodeValue::Int(n) => visitor.visit_i64(*n),
            NodeValue::UInt(n) => visitor.visit_u64(*n),
            // JSON Schema counts 3.0 as an integer; so do we.
            NodeValue::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 =>
            {
                #[allow(clippy::cast_possible_truncation)]
                visitor.visit_i64(*f as i64)
            }
            _ => return Err(wrong_type(node, Shape::WholeNumber)),
        };
        result.map_err(DeError::locate)
    }
}

macro_rules! integer_methods {
    ($($method:ident)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            self.integer(visitor)
        }
    )*};
}

impl<'de> Deserializer<'de> for NodeDeserializer<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let node = self.0;
        let result = match &node.value {
            NodeValue::Null => visitor.visit_unit(),
            NodeValue::Bool(b) => visitor.visit_bool(*b),
            NodeValue::Int(n) => visitor.visit_i64(*n),
            NodeValue::UInt(n) => visitor.visit_u64(*n),
            NodeValue::Float(f) => visitor.visit_f64(*f),
            NodeValue::String(s) => visitor.visit_borrowed_str(s),
            NodeValue::Seq(items) => visitor.visit_seq(ListAccess::new(items)),
            NodeValue::Map(entries) => visitor.visit_map(EntryAccess::new(entries)),
        };
        result.map_err(DeError::locate)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            NodeValue::Bool(b) => visitor.visit_bool(*b).map_err(DeError::locate),
            _ => Err(wrong_type(self.0, Shape::Boolean)),
        }
    }

    integer_methods!(deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64);

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.0.value {
            NodeValue::Int(n) => visitor.visit_i64(*n),
            NodeValue::UInt(n) => visitor.visit_u64(*n),
            NodeValue::Float(f) => visitor.visit_f64(*f),
            _ => return Err(wrong_type(self.0, Shape::Number)),
        };
        result.map_err(DeError::locate)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            NodeValue::String(s) => visitor.visit_borrowed_str(s).map_err(DeError::locate),
            _ => Err(wrong_type(self.0, Shape::Text)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            NodeValue::Null => visitor.visit_none().map_err(DeError::locate),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            NodeValue::Seq(items) => visitor
                .visit_seq(ListAccess::new(items))
                .map_err(DeError::locate),
            _ => Err(wrong_type(self.0, Shape::List)),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.value {
            NodeValue::Map(entries) => visitor
                .visit_map(EntryAccess::new(entries))
                .map_err(DeError::locate),
            _ => Err(wrong_type(self.0, Shape::Mapping)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.value {
            NodeValue::String(s) => visitor.visit_enum(UnitVariant(s)).map_err(DeError::locate),
            _ => Err(wrong_type(self.0, Shape::Text)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    serde::forward_to_deserialize_any! {
        i128 u128 char bytes byte_buf unit unit_struct tuple tuple_struct ignored_any
    }
}

struct UnitVariant<'a>(&'a str);

impl<'de> EnumAccess<'de> for UnitVariant<'de> {
    type Error = DeError;
    type Variant = Self;

    fn variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<(T::Value, Self), DeError> {
        let name = de::value::BorrowedStrDeserializer::<DeError>::new(self.0);
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> VariantAccess<'de> for UnitVariant<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        Ok(())
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, DeError> {
        Err(de::Error::custom("expected a mapping for this value"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, DeError> {
        Err(de::Error::custom("expected a list for this value"))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, DeError> {
        Err(de::Error::custom("expected a mapping for this value"))
    }
}

struct ListAccess<'a> {
    items: std::iter::Enumerate<std::slice::Iter<'a, Node>>,
    len: usize,
}

impl<'a> ListAccess<'a> {
    fn new(items: &'a [Node]) -> Self {
        ListAccess {
            items: items.iter().enumerate(),
            len: items.len(),
        }
    }
}

impl<'de> SeqAccess<'de> for ListAccess<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            Some((index, item)) => seed
                .deserialize(NodeDeserializer(item))
                .map(Some)
                .map_err(|error| error.within(index.to_string())),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}

struct EntryAccess<'a> {
    entries: std::slice::Iter<'a, Entry>,
    current: Option<&'a Entry>,
    len: usize,
}

impl<'a> EntryAccess<'a> {
    fn new(entries: &'a [Entry]) -> Self {
        EntryAccess {
            entries: entries.iter(),
            current: None,
            len: entries.len(),
        }
    }
}

impl<'de> MapAccess<'de> for EntryAccess<'de> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.current = Some(entry);
        let key: de::value::BorrowedStrDeserializer<'de, DeError> =
            de::value::BorrowedStrDeserializer::new(entry.key.as_str());
        seed.deserialize(key).map(Some).map_err(|mut error| {
            error.target = Target::Key;
            error.locate().within(entry.key.as_str().to_owned())
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let entry = self
            .current
            .take()
            .ok_or_else(|| <DeError as de::Error>::custom("a value was read before its key"))?;
        seed.deserialize(NodeDeserializer(&entry.value))
            .map_err(|error| error.within(entry.key.as_str().to_owned()))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.len)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Regression: the loader's serde error had its own short words ("missing key `id`") beside
    /// the wording module's; it now says the sentence a loaded plan's error and the schema stage
    /// say.
    #[test]
    fn the_serde_error_says_the_wording_modules_sentence() {
        let unknown = <DeError as de::Error>::unknown_field("goal", &["goals", "id"]);
        assert_eq!(unknown.to_string(), "unknown key `goal` in the plan");
        let missing = <DeError as de::Error>::missing_field("id");
        assert_eq!(missing.to_string(), "the plan is missing the key `id`");
    }
}
