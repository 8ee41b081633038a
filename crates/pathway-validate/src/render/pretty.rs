//! A pretty-printed JSON document written piece by piece: objects and arrays opened and closed
//! as the run goes, each value serialized when it is ready. The bytes are exactly those
//! `serde_json::to_string_pretty` gives for the whole document (two-space indent, `[]` and `{}`
//! for empty ones), so JSON and SARIF output stream without changing shape; a test holds them
//! to that.

use std::io::{self, Write};

use serde::Serialize;

/// Where the writing is in the document: for each object or array open, whether it has a
/// member or item yet.
#[derive(Debug, Default)]
pub(crate) struct Pretty {
    open: Vec<(u8, bool)>,
}

impl Pretty {
    /// Opens an object (`b'{'`) or an array (`b'['`) as the current value.
    pub(crate) fn open(&mut self, out: &mut dyn Write, bracket: u8) -> io::Result<()> {
        out.write_all(&[bracket])?;
        self.open.push((bracket, false));
        Ok(())
    }

    /// Starts a member of the open object: what is written next is its value.
    pub(crate) fn key(&mut self, out: &mut dyn Write, key: &str) -> io::Result<()> {
        self.next(out)?;
        let key = serde_json::to_string(key).map_err(io::Error::other)?;
        write!(out, "{key}: ")
    }

    /// Starts an item of the open array: what is written next is the item.
    pub(crate) fn item(&mut self, out: &mut dyn Write) -> io::Result<()> {
        self.next(out)
    }

    /// Writes a whole value where a member's value or an item goes, neutralised for the
    /// stream (see [`super::neutral::json`]).
    pub(crate) fn value(&mut self, out: &mut dyn Write, value: &impl Serialize) -> io::Result<()> {
        let text = serde_json::to_string_pretty(value).map_err(io::Error::other)?;
        let text = super::neutral::json(text);
        // A JSON string holds no raw newline, so every newline is the printer's own.
        let indent = format!("\n{}", "  ".repeat(self.open.len()));
        out.write_all(text.replace('\n', &indent).as_bytes())
    }

    /// A member with its whole value.
    pub(crate) fn member(
        &mut self,
        out: &mut dyn Write,
        key: &str,
        value: &impl Serialize,
    ) -> io::Result<()> {
        self.key(out, key)?;
        self.value(out, value)
    }

    /// Closes the innermost open object or array.
    pub(crate) fn close(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let Some((bracket, any)) = self.open.pop() else {
            return Ok(());
        };
        let closing = if bracket == b'{' { b'}' } else { b']' };
        if any {
            out.write_all(b"\n")?;
            self.indent(out)?;
        }
        out.write_all(&[closing])
    }

    fn next(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if let Some((_, any)) = self.open.last_mut() {
            out.write_all(if *any { b",\n" } else { b"\n" })?;
            *any = true;
        }
        self.indent(out)
    }

    fn indent(&self, out: &mut dyn Write) -> io::Result<()> {
        for _ in 0..self.open.len() {
            out.write_all(b"  ")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn pieces_make_what_the_pretty_printer_makes_of_the_whole() {
        let inner = json!({"a": [1, {"b": []}], "c": {}, "d": "line\nbreak \u{85}"});
        let whole =
            json!({"version": 1, "files": [inner, inner], "empty": [], "tail": {"x": null}});
        let expected = super::super::neutral::json(serde_json::to_string_pretty(&whole).unwrap());

        let mut out = Vec::new();
        let mut pretty = Pretty::default();
        pretty.open(&mut out, b'{').unwrap();
        pretty.member(&mut out, "version", &1).unwrap();
        pretty.key(&mut out, "files").unwrap();
        pretty.open(&mut out, b'[').unwrap();
        for _ in 0..2 {
            pretty.item(&mut out).unwrap();
            pretty.value(&mut out, &inner).unwrap();
        }
        pretty.close(&mut out).unwrap();
        pretty.key(&mut out, "empty").unwrap();
        pretty.open(&mut out, b'[').unwrap();
        pretty.close(&mut out).unwrap();
        pretty
            .member(&mut out, "tail", &json!({"x": null}))
            .unwrap();
        pretty.close(&mut out).unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), expected);
    }
}
