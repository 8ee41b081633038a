//! Text held by the document tree: keys and text values.
//!
//! Most text in a JSON plan is written without escapes, so the characters a key or value holds
//! are already in the plan's source, byte for byte. Such text is kept as a place in the shared
//! source rather than copied: a statewide plan has about 330,000 keys and values, and their
//! copies were a sixth of the memory checking it touched, and as many allocations. Text that
//! differs from what is written (escapes, YAML's folding, migrated keys) has its own copy.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::{Deref, Range};
use std::sync::Arc;

/// A key or text value of the document tree. It reads as a `&str` (it dereferences to one, and
/// compares with `str`, `&str` and `String`); cloning it never copies the text.
///
/// ```
/// use pathway_schema::load::TreeText;
/// let title = TreeText::from("Mentor Teacher");
/// assert_eq!(title, "Mentor Teacher");
/// assert!(title.starts_with("Mentor"));
/// assert_eq!(title.to_string(), "Mentor Teacher");
/// ```
#[derive(Clone)]
pub struct TreeText(Repr);

#[derive(Clone)]
enum Repr {
    /// `len` bytes of the source from `start`: offsets as 32 bits keep the text as small as a
    /// `String` (plans are far below 4 GiB; longer sources copy).
    InSource {
        source: Arc<String>,
        start: u32,
        len: u32,
    },
    /// Its own copy.
    Owned(Box<str>),
}

impl TreeText {
    /// The bytes `range` of `source`, kept in place; a copy when the range is not text of the
    /// source (out of bounds, or not on character boundaries) or lies beyond 4 GiB.
    pub(crate) fn in_source(source: &Arc<String>, range: Range<usize>) -> TreeText {
        let offsets = u32::try_from(range.start)
            .ok()
            .zip(u32::try_from(range.len()).ok());
        match (offsets, source.get(range)) {
            (Some((start, len)), Some(_)) => TreeText(Repr::InSource {
                source: Arc::clone(source),
                start,
                len,
            }),
            (None, Some(text)) => TreeText::from(text),
            (_, None) => TreeText::from(""),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::InSource { source, start, len } => {
                let start = *start as usize;
                // Checked when made: the range is text of the source.
                source.get(start..start + *len as usize).unwrap_or_default()
            }
            Repr::Owned(text) => text,
        }
    }
}

impl Deref for TreeText {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for TreeText {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for TreeText {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for TreeText {
    fn from(text: &str) -> Self {
        TreeText(Repr::Owned(Box::from(text)))
    }
}

impl From<String> for TreeText {
    fn from(text: String) -> Self {
        TreeText(Repr::Owned(text.into_boxed_str()))
    }
}

impl From<TreeText> for String {
    fn from(text: TreeText) -> Self {
        match text.0 {
            Repr::Owned(text) => text.into_string(),
            Repr::InSource { .. } => text.as_str().to_owned(),
        }
    }
}

impl Default for TreeText {
    fn default() -> Self {
        TreeText::from("")
    }
}

impl fmt::Debug for TreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for TreeText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for TreeText {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for TreeText {}

impl PartialOrd for TreeText {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for TreeText {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for TreeText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl PartialEq<str> for TreeText {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for TreeText {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<String> for TreeText {
    fn eq(&self, other: &String) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<TreeText> for str {
    fn eq(&self, other: &TreeText) -> bool {
        self == other.as_str()
    }
}

impl PartialEq<TreeText> for &str {
    fn eq(&self, other: &TreeText) -> bool {
        *self == other.as_str()
    }
}

impl PartialEq<TreeText> for String {
    fn eq(&self, other: &TreeText) -> bool {
        self == other.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_in_the_source_reads_as_its_bytes_and_is_no_bigger_than_a_string() {
        let source = Arc::new(String::from(r#"{"title": "Mentor Teacher", "é": 1}"#));
        let title = TreeText::in_source(&source, 11..25);
        assert_eq!(title, "Mentor Teacher");
        assert!(matches!(title.0, Repr::InSource { .. }));
        assert_eq!(title, TreeText::from("Mentor Teacher"));
        assert_eq!(String::from(title.clone()), "Mentor Teacher");
        assert_eq!(
            std::mem::size_of::<TreeText>(),
            std::mem::size_of::<String>()
        );
        let e_acute = source.find('é').unwrap();
        assert_eq!(TreeText::in_source(&source, e_acute..e_acute + 2), "é");
        // A range off the characters' boundaries, or past the end, is not text of the source.
        assert_eq!(TreeText::in_source(&source, e_acute + 1..e_acute + 2), "");
        assert_eq!(TreeText::in_source(&source, 30..99), "");
    }

    #[test]
    fn equal_text_is_equal_and_hashes_alike_however_it_is_held() {
        use std::collections::HashSet;
        let source = Arc::new(String::from("\"id\""));
        let kept = TreeText::in_source(&source, 1..3);
        let copied = TreeText::from(String::from("id"));
        assert_eq!(kept, copied);
        let set: HashSet<TreeText> = [kept].into_iter().collect();
        assert!(set.contains(&copied) && set.contains("id"));
        // Held in place or copied, text orders by its characters.
        let ab = Arc::new(String::from("ab"));
        let (a, b) = (TreeText::from("a"), TreeText::in_source(&ab, 1..2));
        assert!(a < b);
        assert_eq!(b.cmp(&a), std::cmp::Ordering::Greater);
    }
}
