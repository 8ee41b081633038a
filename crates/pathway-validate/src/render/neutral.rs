//! Making text from a plan, a file name or a message safe for the stream it goes to.
//!
//! Anything a user wrote (a file name, a key, a value quoted in a message, a line of the plan)
//! is data. Printed raw, it can act on what reads the stream: an escape sequence clears a
//! terminal or writes to its clipboard (OSC 52), a bidirectional override makes text read
//! differently from what it is, a newline followed by `::warning::` or a `##[error]` anywhere in
//! a line becomes a GitHub Actions workflow command. Each function here neutralises one kind of
//! stream; each unsafe character becomes a visible escape such as `\u{1b}`, so nothing is lost.
//!
//! ```
//! use pathway_validate::render::neutral;
//!
//! assert_eq!(neutral::inline("plan\u{1b}]52;c;aGk=\u{7}.yaml"), "plan\\u{1b}]52;c;aGk=\\u{7}.yaml");
//! assert_eq!(neutral::inline("a\n::warning::b"), "a\\u{a}::warning::b");
//! assert_eq!(neutral::block("ok\n::error::x\n"), "ok\n\\u{3a}:error::x\n");
//! ```

use std::borrow::Cow;
use std::fmt::Write as _;

/// Whether a character must not reach a stream raw: C0 and C1 controls, DEL, line and
/// paragraph separators, bidirectional controls and invisible format characters.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}'
        | '\u{7f}'..='\u{9f}'
        | '\u{61c}'
        | '\u{200b}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2060}'..='\u{2069}'
        | '\u{feff}'
        | '\u{fff9}'..='\u{fffb}'
    )
}

/// The legacy GitHub Actions command prefix, which the runner finds anywhere in a line.
const LEGACY_COMMAND: &str = "##[";

/// The workflow command prefix, which the runner finds at the start of a line (after spaces).
const COMMAND: &str = "::";

fn escape(out: &mut String, c: char) {
    let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
}

/// Neutralises text that stays within one line: every unsafe character is escaped, newlines
/// and tabs included, as are a workflow command at its start and a legacy command anywhere.
/// For file names, keys, values and messages inserted into terminal or log text.
pub fn inline(text: &str) -> Cow<'_, str> {
    neutralise(text, false)
}

/// Neutralises text of several lines: as [`inline`], but newlines and tabs stay, and a line that
/// would start with a workflow command has its first `:` escaped. For a whole block of output.
pub fn block(text: &str) -> Cow<'_, str> {
    neutralise(text, true)
}

fn needs_work(text: &str, keep_lines: bool) -> bool {
    text.contains(LEGACY_COMMAND)
        || text
            .chars()
            .any(|c| is_unsafe(c) && !(keep_lines && matches!(c, '\n' | '\t')))
        || text
            .split('\n')
            .any(|line| line.trim_start().starts_with(COMMAND))
}

fn neutralise(text: &str, keep_lines: bool) -> Cow<'_, str> {
    if !needs_work(text, keep_lines) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut line_start = true;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let after = rest.get(c.len_utf8()..).unwrap_or_default();
        if line_start && !c.is_whitespace() {
            line_start = false;
            if rest.starts_with(COMMAND) {
                escape(&mut out, ':');
                rest = after;
                continue;
            }
        }
        if rest.starts_with(LEGACY_COMMAND) {
            out.push('#');
            escape(&mut out, '#');
            out.push('[');
            rest = rest.get(LEGACY_COMMAND.len()..).unwrap_or_default();
            continue;
        }
        if keep_lines && c == '\n' {
            out.push('\n');
            line_start = true;
        } else if keep_lines && c == '\t' {
            out.push('\t');
        } else if is_unsafe(c) {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
        rest = after;
    }
    Cow::Owned(out)
}

/// Neutralises a JSON document (JSON or SARIF output): unsafe characters other than the ones
/// JSON itself escapes become `\uXXXX` escapes, and `##[` is written `#\u0023[`. Both decode to
/// the same strings, so the document means exactly what it did; only its bytes are safe to
/// print into a terminal or a CI log. Sound because outside strings a JSON document holds only
/// ASCII punctuation, digits, letters and whitespace.
pub fn json(text: String) -> String {
    if !text.contains(LEGACY_COMMAND) && !text.chars().any(|c| is_unsafe(c) && !c.is_ascii()) {
        return text;
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if rest.starts_with(LEGACY_COMMAND) {
            out.push_str("#\\u0023[");
            rest = rest.get(LEGACY_COMMAND.len()..).unwrap_or_default();
            continue;
        }
        // Control characters below 0x80 only appear escaped (serde_json does it) or as the
        // document's own whitespace, which must stay.
        if is_unsafe(c) && !c.is_ascii() {
            let _ = write!(out, "\\u{:04x}", u32::from(c));
        } else {
            out.push(c);
        }
        rest = rest.get(c.len_utf8()..).unwrap_or_default();
    }
    out
}

/// Neutralises one or more lines of a plan quoted in a snippet, keeping a byte range of it
/// (the span a caret points at) on the same characters. Only what the snippet renderer leaves
/// alone is escaped here: it already replaces C0 controls and bidirectional overrides.
pub fn quoted_source(
    text: &str,
    span: std::ops::Range<usize>,
) -> (Cow<'_, str>, std::ops::Range<usize>) {
    let unsafe_here = |c: char| is_unsafe(c) && !c.is_ascii();
    if !text.contains(LEGACY_COMMAND) && !text.chars().any(unsafe_here) {
        return (Cow::Borrowed(text), span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (None, None);
    let mut at = 0;
    while let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) {
        if at >= span.start && start.is_none() {
            start = Some(out.len());
        }
        if at >= span.end && end.is_none() {
            end = Some(out.len());
        }
        let rest = text.get(at..).unwrap_or_default();
        if rest.starts_with(LEGACY_COMMAND) {
            out.push('#');
            escape(&mut out, '#');
            out.push('[');
            // The span, if it starts or ends inside the three bytes, moves to their start.
            for inside in at + 1..at + LEGACY_COMMAND.len() {
                if inside == span.start && start.is_none() {
                    start = Some(out.len());
                }
                if inside == span.end && end.is_none() {
                    end = Some(out.len());
                }
            }
            at += LEGACY_COMMAND.len();
            continue;
        }
        if unsafe_here(c) {
            escape(&mut out, c);
        } else {
            out.push(c);
        }
        at += c.len_utf8();
    }
    let start = start.unwrap_or(out.len());
    let end = end.unwrap_or(out.len()).max(start);
    (Cow::Owned(out), start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_text_is_borrowed() {
        assert!(matches!(inline("plans/district.yaml"), Cow::Borrowed(_)));
        assert!(matches!(block("a\n\tb: c\n"), Cow::Borrowed(_)));
        assert!(matches!(inline("Café – ünïcode 日本"), Cow::Borrowed(_)));
    }

    #[test]
    fn escape_sequences_and_controls_become_visible() {
        // OSC 52 (write the clipboard), a screen clear, an 8-bit CSI, a bidi override.
        assert_eq!(
            inline("\u{1b}]52;c;ZXZpbA==\u{7}x"),
            "\\u{1b}]52;c;ZXZpbA==\\u{7}x"
        );
        assert_eq!(inline("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(inline("a\u{9b}31mb"), "a\\u{9b}31mb");
        assert_eq!(inline("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(inline("tab\there"), "tab\\u{9}here");
        assert_eq!(block("tab\there\n"), "tab\there\n");
        assert_eq!(block("one\rtwo\n"), "one\\u{d}two\n");
    }

    #[test]
    fn workflow_commands_are_defused() {
        assert_eq!(inline("::error::x"), "\\u{3a}:error::x");
        assert_eq!(inline("  ::error::x"), "  \\u{3a}:error::x");
        assert_eq!(inline("a::b"), "a::b", "only at a line's start");
        assert_eq!(
            block("a\n  ::set-output name=x::y"),
            "a\n  \\u{3a}:set-output name=x::y"
        );
        assert_eq!(inline("see ##[error]boom"), "see #\\u{23}[error]boom");
        assert_eq!(inline("x\n::warning::y"), "x\\u{a}::warning::y");
    }

    #[test]
    fn json_keeps_its_meaning() {
        let value = serde_json::json!({"m": "a\u{85}b\u{2028}c ##[error]d \u{1b}"});
        let text = json(serde_json::to_string(&value).unwrap());
        assert!(!text.chars().any(is_unsafe), "{text}");
        assert!(!text.contains("##["), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn quoted_source_keeps_the_span_on_its_characters() {
        let text = "name: \"a\u{9b}b ##[x] c\"";
        let span = text.find('c').unwrap()..text.find('c').unwrap() + 1;
        let (shown, moved) = quoted_source(text, span);
        assert_eq!(&shown[moved], "c");
        assert!(
            !shown.contains('\u{9b}') && !shown.contains("##["),
            "{shown}"
        );
        let (same, kept) = quoted_source("plain: text", 0..5);
        assert!(matches!(same, Cow::Borrowed(_)));
        assert_eq!(kept, 0..5);
    }
}
