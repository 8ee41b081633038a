//! The placeholder contract: when a text in a plan is not yet an answer.
//!
//! A decision point is unanswered when its place is empty or holds only a placeholder, or when
//! an answer there still carries a to-do note. This module decides both for one text; the
//! section "Answers that are not answers" of `docs/format.md` is generated from the lists here,
//! so the documentation says exactly what the code does.
//!
//! ```
//! use pathway_schema::placeholder::{Placeholder, note, placeholder};
//!
//! assert_eq!(placeholder("TODO: name the owner"), Some(Placeholder::Marker));
//! assert_eq!(placeholder("N/A"), Some(Placeholder::NotApplicable));
//! assert_eq!(placeholder("[insert district name]"), Some(Placeholder::Bracketed));
//! assert_eq!(placeholder("Todo el personal docente participa."), None);
//! assert_eq!(note("Release time on Fridays. TODO: confirm with the union").unwrap().marker, "TODO");
//! ```

use std::fmt::Write as _;

/// Why a text is a placeholder rather than an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// Nothing but white space.
    Blank,
    /// A to-do marker such as `TODO` or `TBD`, alone or leading an instruction.
    Marker,
    /// A not-applicable form such as `N/A`, with no reason given.
    NotApplicable,
    /// Only punctuation or symbols, with no letter or digit: `-`, `?`, `...`.
    Punctuation,
    /// A phrase saying the answer is still to come, such as "to be determined".
    ToCome,
    /// A blank to fill in, in brackets: `[insert name]`, `<district name>`, `{TBD}`.
    Bracketed,
}

impl Placeholder {
    /// The kind in words, for messages: "a to-do marker".
    pub fn words(self) -> &'static str {
        match self {
            Placeholder::Blank => "blank text",
            Placeholder::Marker => "a to-do marker",
            Placeholder::NotApplicable => "\"not applicable\" with no reason",
            Placeholder::Punctuation => "only punctuation",
            Placeholder::ToCome => "an answer still to come",
            Placeholder::Bracketed => "a blank to fill in",
        }
    }
}

/// To-do markers. A text is a placeholder when it is one of them (in any case, trailing
/// punctuation aside), when it starts with one followed by a colon or a dash (`TBD - ask the
/// board`), or when it starts with one written in capitals (`TODO name the owner`). The last
/// rule needs capitals because `todo` is a word in Spanish and Portuguese: "Todo el personal"
/// is an answer.
pub const MARKERS: &[&str] = &[
    "TODO",
    "TO DO",
    "TO-DO",
    "TBD",
    "TBA",
    "TBC",
    "FIXME",
    "XXX",
    "PLACEHOLDER",
    "FILL IN",
];

/// Not-applicable forms, matched in any case as the whole text (trailing punctuation aside).
/// With a reason after them (`N/A: our state sets salaries by law`) they are an answer.
pub const NOT_APPLICABLE: &[&str] = &["N/A", "NA", "N.A.", "N. A.", "not applicable"];

/// Phrases that promise an answer later, matched in any case at the start of the text:
/// "To be decided by the board in March" is not yet a decision.
pub const TO_COME: &[&str] = &[
    "to be determined",
    "to be decided",
    "to be confirmed",
    "to be announced",
    "to be defined",
    "to be developed",
    "to be discussed",
    "to be written",
    "to be added",
    "to be completed",
    "to be finalized",
    "to be finalised",
    "to be agreed",
    "to be filled in",
    "still to be decided",
    "still to be determined",
    "not yet decided",
    "not yet determined",
    "not yet known",
    "not decided yet",
];

/// Whole texts that say the answer is not known yet, matched in any case.
pub const UNKNOWN: &[&str] = &["unknown", "undecided", "pending", "coming soon"];

/// What a bracketed blank inside an answer starts with: `[insert name]`, `<enter date>`.
pub const BLANK_PROMPTS: &[&str] = &["insert", "enter", "fill in", "add", "your"];

/// Markers that leave a to-do note inside an answer, when written in capitals as a word:
/// "Fridays are release days. TODO: confirm with the union."
pub const NOTE_MARKERS: &[&str] = &["TODO", "TBD", "FIXME"];

/// A to-do note left inside a text that is otherwise an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    /// The marker, as listed in [`NOTE_MARKERS`], or `XXX`, or the bracketed blank itself.
    pub marker: &'a str,
    /// The note from its marker to the end of its sentence or line, at most 80 bytes past
    /// the marker.
    pub text: &'a str,
}

/// Whether text is a placeholder rather than an answer; see [`placeholder`].
///
/// ```
/// use pathway_schema::placeholder::is_placeholder;
/// assert!(is_placeholder("  tbd "));
/// assert!(!is_placeholder("Todos los maestros participan."));
/// ```
pub fn is_placeholder(text: &str) -> bool {
    placeholder(text).is_some()
}

/// The pairs of brackets a blank to fill in may be written in.
const BRACKETS: [(char, char); 4] = [('[', ']'), ('<', '>'), ('{', '}'), ('(', ')')];

/// The bytes a placeholder can start with, in either case: the first characters of the
/// markers, not-applicable forms, unknowns and phrases still to come, and opening brackets.
const MAY_START: [bool; 256] = may_start();

#[expect(
    clippy::indexing_slicing,
    reason = "evaluated at compile time: an index out of range fails the build, not a run"
)]
const fn may_start() -> [bool; 256] {
    let mut table = [false; 256];
    let lists: [&[&str]; 4] = [MARKERS, NOT_APPLICABLE, TO_COME, UNKNOWN];
    let mut l = 0;
    while l < lists.len() {
        let list = lists[l];
        let mut i = 0;
        while i < list.len() {
            let first = list[i].as_bytes()[0];
            table[first.to_ascii_lowercase() as usize] = true;
            table[first.to_ascii_uppercase() as usize] = true;
            i += 1;
        }
        l += 1;
    }
    let mut b = 0;
    while b < BRACKETS.len() {
        table[BRACKETS[b].0 as usize] = true;
        b += 1;
    }
    table
}

/// Why the whole text is a placeholder, if it is one.
pub fn placeholder(text: &str) -> Option<Placeholder> {
    let text = text.trim();
    if text.is_empty() {
        return Some(Placeholder::Blank);
    }
    if !text.chars().any(char::is_alphanumeric) {
        return Some(Placeholder::Punctuation);
    }
    // Every form below is matched at the start of the text: one that starts with no form's
    // first character is none of them (most answers, checked at once).
    let may_start = text
        .as_bytes()
        .first()
        .and_then(|&first| MAY_START.get(usize::from(first)));
    if may_start != Some(&true) {
        return None;
    }
    let bare = text.trim_end_matches(['.', '!', '?', ':', ';', ',']);
    if MARKERS
        .iter()
        .any(|marker| bare.eq_ignore_ascii_case(marker))
        || starts_with_marker(text)
    {
        return Some(Placeholder::Marker);
    }
    if NOT_APPLICABLE
        .iter()
        .any(|form| bare.eq_ignore_ascii_case(form.trim_end_matches('.')))
    {
        return Some(Placeholder::NotApplicable);
    }
    if UNKNOWN.iter().any(|word| bare.eq_ignore_ascii_case(word))
        || TO_COME.iter().any(|phrase| starts_with_words(text, phrase))
    {
        return Some(Placeholder::ToCome);
    }
    if let Some(inner) = bracketed(text) {
        // `(see below)` is an aside, not a blank: parentheses count only around a placeholder.
        if !text.starts_with('(') || is_placeholder(inner) {
            return Some(Placeholder::Bracketed);
        }
    }
    None
}

/// The first to-do note in a text that is otherwise an answer: a capitalised `TODO`, `TBD` or
/// `FIXME` as a word, `XXX:`, or a bracketed blank such as `[insert name]` or `[TBD]`.
///
/// ```
/// use pathway_schema::placeholder::note;
/// let found = note("Dana Whitfield, [insert title], owns the plan.").unwrap();
/// assert_eq!(found.text, "[insert title]");
/// assert_eq!(note("We write N/A when a teacher declines."), None);
/// ```
pub fn note<'a>(text: &'a str) -> Option<Note<'a>> {
    let mut found: Option<(usize, Note<'a>)> = None;
    let mut keep = |at: usize, note: Note<'a>| {
        if found.is_none_or(|(first, _)| at < first) {
            found = Some((at, note));
        }
    };
    // One pass over the text finds every marker's first occurrence as a word: each starts with
    // a capital (`T`, `F` or `X`), so only those bytes are tried. (A search per marker, set up
    // for every text of every plan, was a tenth of checking a district plan.) Occurrences of a
    // marker that overlap an earlier one are never words, as all markers are letters, so trying
    // every position finds what searching on past each occurrence would.
    // The same pass notes which opening brackets occur (in the order of `BRACKETS`), so that the
    // search for bracketed blanks below looks only for those (most texts have none). Stopping
    // early at a marker leaves them all to be searched.
    let mut openers = [true; 4];
    let mut stopped = false;
    let mut seen = [false; 4];
    for (at, byte) in text.bytes().enumerate() {
        match byte {
            b'T' | b'F' | b'X' => {}
            b'[' => seen[0] = true,
            b'<' => seen[1] = true,
            b'{' => seen[2] = true,
            b'(' => seen[3] = true,
            _ => continue,
        }
        if !matches!(byte, b'T' | b'F' | b'X') {
            continue;
        }
        let Some(rest) = text.get(at..) else {
            continue;
        };
        let Some(marker) = NOTE_MARKERS
            .iter()
            .chain(&["XXX"])
            .find(|marker| rest.starts_with(**marker))
        else {
            continue;
        };
        let end = at + marker.len();
        let before = text.get(..at).and_then(|head| head.chars().next_back());
        let after = text.get(end..).and_then(|tail| tail.chars().next());
        let is_word =
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric);
        // `XXX` alone may be a roman numeral or a room number; only `XXX:` is a note.
        if is_word && (*marker != "XXX" || after == Some(':')) {
            let note = text.get(at..sentence_end(text, end)).unwrap_or(marker);
            keep(at, Note { marker, text: note });
            stopped = true;
            break;
        }
    }
    if !stopped {
        openers = seen;
    }
    for (&(open, close), _) in BRACKETS.iter().zip(openers).filter(|(_, occurs)| *occurs) {
        let mut from = 0;
        while let Some(offset) = text.get(from..).and_then(|rest| rest.find(open)) {
            let at = from + offset;
            from = at + open.len_utf8();
            let Some(length) = text.get(at..).and_then(|rest| rest.find(close)) else {
                break;
            };
            let group = text
                .get(at..at + length + close.len_utf8())
                .unwrap_or_default();
            let inner = group
                .get(open.len_utf8()..group.len() - close.len_utf8())
                .unwrap_or_default();
            let prompt = open != '('
                && BLANK_PROMPTS
                    .iter()
                    .any(|prompt| starts_with_words(inner.trim(), prompt));
            let marker = MARKERS
                .iter()
                .any(|marker| inner.trim().eq_ignore_ascii_case(marker));
            if prompt || marker {
                keep(
                    at,
                    Note {
                        marker: group,
                        text: group,
                    },
                );
                break;
            }
        }
    }
    found.map(|(_, note)| note)
}

/// A marker at the start, followed by a colon or a dash, or written in capitals and followed
/// by a space.
fn starts_with_marker(text: &str) -> bool {
    MARKERS.iter().any(|marker| {
        let Some(head) = text.get(..marker.len()) else {
            return false;
        };
        if !head.eq_ignore_ascii_case(marker) {
            return false;
        }
        let rest = text.get(marker.len()..).unwrap_or_default();
        let separated = rest.trim_start().starts_with([':', '-', '–', '—']);
        let capitals = head == *marker && rest.starts_with(char::is_whitespace);
        separated || capitals
    })
}

/// Whether text starts with these words (any case), followed by the end or a non-letter.
fn starts_with_words(text: &str, words: &str) -> bool {
    text.get(..words.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(words))
        && !text
            .get(words.len()..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(char::is_alphanumeric)
}

/// The inside of a text wrapped whole in one pair of brackets, `[…]`, `<…>`, `{…}` or `(…)`,
/// with nested pairs of the same kind (`{{name}}`) unwrapped too. A web address in angle
/// brackets is not a blank.
fn bracketed(text: &str) -> Option<&str> {
    let mut inner = text;
    let mut layers = 0;
    while let Some((open, close)) = BRACKETS
        .into_iter()
        .find(|(open, close)| inner.starts_with(*open) && inner.ends_with(*close))
    {
        let candidate = inner.get(1..inner.len() - 1)?;
        if !balanced(candidate, open, close) {
            break;
        }
        inner = candidate.trim();
        layers += 1;
    }
    (layers > 0 && !inner.contains("://") && !inner.contains('@')).then_some(inner)
}

/// Whether brackets of one kind pair up inside a text, so that its first and last characters
/// enclose all of it: `[a] and [b]` is two groups, not one.
fn balanced(inner: &str, open: char, close: char) -> bool {
    let mut depth = 0usize;
    for c in inner.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            match depth.checked_sub(1) {
                Some(less) => depth = less,
                None => return false,
            }
        }
    }
    depth == 0
}

/// Where the sentence or line that starts at `from` ends.
fn sentence_end(text: &str, from: usize) -> usize {
    let rest = text.get(from..).unwrap_or_default();
    let mut end = rest.len();
    if let Some(newline) = rest.find('\n') {
        end = end.min(newline);
    }
    // A full stop ends the note when a space or the end follows it: "e.g." stays whole.
    let mut search = 0;
    while let Some(offset) = rest
        .get(search..end)
        .and_then(|part| part.find(['.', '!', '?']))
    {
        let at = search + offset;
        if rest
            .get(at + 1..)
            .is_none_or(|after| after.is_empty() || after.starts_with(char::is_whitespace))
        {
            end = at + 1;
            break;
        }
        search = at + 1;
    }
    let end = (from + end).min(text.len());
    // Long notes are cut at a character boundary, so a message quoting one stays short.
    let mut cut = end.min(from + 80);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    cut
}

/// The section of `docs/format.md` that states the contract, built from the lists above.
pub fn reference() -> String {
    let code = |items: &[&str]| {
        items
            .iter()
            .map(|item| format!("`{item}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let quoted = |items: &[&str]| {
        items
            .iter()
            .map(|item| format!("\"{item}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "## Answers that are not answers\n");
    let _ = writeln!(
        w,
        "A decision point is answered when its place holds something other than nothing, and no \
         text anywhere inside it is a placeholder or carries a to-do note. Empty text, an empty \
         list and a mapping of empty values are not answers either; `pathway validate` says \
         which of these it found (PW100). Numbers, `true` and `false` are always answers. \
         Exported documents leave out any text that is only a placeholder.\n"
    );
    let _ = writeln!(
        w,
        "A text is a placeholder, and leaves its decision point open, when, after trimming white \
         space, it is:\n"
    );
    let _ = writeln!(
        w,
        "- **a to-do marker**: {} in any case, alone or with trailing punctuation (`TBD.`); or \
         one of them followed by a colon or a dash (`TODO: name the owner`, `tbd - ask the \
         board`); or one of them written in capitals and followed by a space (`TODO name the \
         owner`). Only capitals count in that last form, because *todo* is a word in Spanish and \
         Portuguese: \"Todo el personal docente participa\" is an answer.",
        code(MARKERS)
    );
    let _ = writeln!(
        w,
        "- **not applicable with no reason**: {} in any case, as the whole text. A point the plan \
         really does not need is answered by saying why (`N/A: our state sets salaries by \
         law`), and `N/A` inside a sentence is ordinary text.",
        code(NOT_APPLICABLE)
    );
    let _ = writeln!(
        w,
        "- **only punctuation or symbols**, with no letter or digit: `-`, `--`, `—`, `?`, \
         `???`, `...`, `…`, `-?-` and any other combination."
    );
    let _ = writeln!(
        w,
        "- **an answer still to come**: text starting with {} (\"To be decided by the board in \
         March\" is not yet a decision), or the whole text {}, in any case.",
        quoted(TO_COME),
        quoted(UNKNOWN)
    );
    let _ = writeln!(
        w,
        "- **a blank to fill in**: the whole text in square, angle or curly brackets \
         (`[insert name]`, `<district name>`, `{{TBD}}`, `{{{{district}}}}`), or in parentheses \
         around a placeholder (`(TBD)`). A web address or email address in angle brackets is \
         an answer.\n"
    );
    let _ = writeln!(
        w,
        "A text that is otherwise an answer leaves its decision point open while it carries a \
         **to-do note**: one of {} written in capitals as a word anywhere in it (`Release time on \
         Fridays. TODO: confirm with the union`), or `XXX:`, or a bracketed blank inside it: \
         square, angle or curly brackets starting with {} (`Dana Whitfield, [insert title]`), \
         or any brackets around a to-do marker (`[TBD]`, `(TODO)`). The finding quotes the \
         note; finish the answer and delete the note. Lowercase `todo`, `tbd` inside a \
         sentence, and `XXX` without a colon are ordinary text.\n",
        code(NOTE_MARKERS),
        quoted(BLANK_PROMPTS)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_alone_or_leading_an_instruction() {
        for text in [
            "TODO",
            "todo",
            "To do",
            "TO-DO",
            "TBD",
            "tbd.",
            "TBA",
            "tbc",
            "FIXME",
            "xxx",
            "Placeholder",
            "fill in",
            "TODO: name the owner",
            "todo: name the owner",
            "TBD - ask the board",
            "TBD – ask the board",
            "TODO name the owner",
            "  TBD\n",
        ] {
            assert_eq!(placeholder(text), Some(Placeholder::Marker), "{text:?}");
        }
    }

    #[test]
    fn words_that_start_like_markers_are_answers() {
        for text in [
            "Todo el personal docente participa en el diseño.",
            "Todos los maestros participan.",
            "To do this well, teachers need release time.",
            "Todd Alvarez, assistant superintendent",
            "TBDx is the name of our platform",
            "Fixmer Elementary hosts the pilot.",
            "Nadia Rahman owns the plan.",
        ] {
            assert_eq!(placeholder(text), None, "{text:?}");
        }
    }

    #[test]
    fn not_applicable_only_without_a_reason() {
        for text in [
            "N/A",
            "n/a",
            "NA",
            "na.",
            "N.A.",
            "n.a",
            "N. A.",
            "Not applicable.",
        ] {
            assert_eq!(
                placeholder(text),
                Some(Placeholder::NotApplicable),
                "{text:?}"
            );
        }
        for text in [
            "N/A: our state sets salaries by law",
            "We write N/A on the form when a teacher declines.",
            "Not applicable to charter schools, which set their own pay.",
        ] {
            assert_eq!(placeholder(text), None, "{text:?}");
            assert_eq!(note(text), None, "{text:?}");
        }
    }

    #[test]
    fn punctuation_alone() {
        for text in [
            "-", "--", "—", "–", "?", "???", "...", "…", "-?-", "*", "_", "?!", "()", "[ ]",
        ] {
            assert_eq!(
                placeholder(text),
                Some(Placeholder::Punctuation),
                "{text:?}"
            );
        }
        assert_eq!(placeholder("-1"), None);
        assert_eq!(placeholder("$300"), None);
    }

    #[test]
    fn answers_still_to_come() {
        for text in [
            "To be determined",
            "to be decided by the board in March",
            "To be confirmed.",
            "Still to be decided",
            "Not yet known",
            "Unknown",
            "pending",
        ] {
            assert_eq!(placeholder(text), Some(Placeholder::ToCome), "{text:?}");
        }
        for text in [
            "To be a teacher leader here means mentoring two colleagues.",
            "Pending board approval, the stipend is $300 a credential.",
            "Unknown to most teachers today, the district already pays for coursework.",
        ] {
            assert_eq!(placeholder(text), None, "{text:?}");
        }
    }

    #[test]
    fn bracketed_blanks() {
        for text in [
            "[insert name]",
            "<district name>",
            "{TBD}",
            "{{district}}",
            "(TBD)",
            "[[owner]]",
        ] {
            assert_eq!(placeholder(text), Some(Placeholder::Bracketed), "{text:?}");
        }
        for text in [
            "(see the attached board memo)",
            "[Grow Your Own] and [Teacher Leader] programs",
            "<https://www.cedarvalley.k12.example/pathways>",
            "<3 teachers per building",
        ] {
            assert_eq!(placeholder(text), None, "{text:?}");
        }
    }

    #[test]
    fn notes_inside_answers() {
        // The text, the marker found and the note quoted.
        let cases = [
            (
                "Release time on Fridays. TODO: confirm with the union. Subs are budgeted.",
                "TODO",
                "TODO: confirm with the union.",
            ),
            (
                "Stipends of $300, amount TBD by the board",
                "TBD",
                "TBD by the board",
            ),
            ("Coaches give feedback (FIXME)", "(FIXME)", "(FIXME)"),
            ("Coaches give feedback. FIXME", "FIXME", "FIXME"),
            ("The survey goes out in May XXX: check", "XXX", "XXX: check"),
            (
                "Dana Whitfield, [insert title], owns the plan.",
                "[insert title]",
                "[insert title]",
            ),
            ("Owner: <enter name>", "<enter name>", "<enter name>"),
            ("Reviewed yearly [tbd].", "[tbd]", "[tbd]"),
        ];
        for (text, marker, quoted) in cases {
            let found = note(text).unwrap_or_else(|| panic!("no note in {text:?}"));
            assert_eq!((found.marker, found.text), (marker, quoted), "{text:?}");
            assert_eq!(placeholder(text), None, "{text:?} is an answer with a note");
        }
        for text in [
            "Todo el personal docente participa; todo el año.",
            "Title XXX funds do not apply here.",
            "We publish a todo list for new coaches.",
            "The [Grow Your Own] program pays tuition.",
        ] {
            assert_eq!(note(text), None, "{text:?}");
        }
    }

    /// The first note as a search per marker finds it: each marker's first occurrence as a
    /// word, the earliest of them. `note` finds it in one pass.
    fn first_marker_by_search(text: &str) -> Option<(usize, &'static str)> {
        NOTE_MARKERS
            .iter()
            .chain(&["XXX"])
            .filter_map(|marker| {
                text.match_indices(marker).find_map(|(at, _)| {
                    let end = at + marker.len();
                    let before = text[..at].chars().next_back();
                    let after = text[end..].chars().next();
                    let word = !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric);
                    (word && (*marker != "XXX" || after == Some(':'))).then_some((at, *marker))
                })
            })
            .min()
    }

    // Regression: the one-pass marker scan must find the note a search per marker found.
    #[test]
    fn one_pass_finds_the_marker_a_search_per_marker_finds() {
        let pieces = [
            "TODO", "TBD", "FIXME", "XXX", "XXX:", "XXXX:", "TODOS", "TBDs", "FIXMEE", "aTODO",
            "TTBD", "FFIXME", ":", " ", ". ", "é", "Tax", "Fund", "X", "ok", "\n", "[",
        ];
        let mut checked = 0;
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let text = format!("{a}{b} {c}");
                    // Brackets aside, the note's marker is the first marker found by search.
                    let found = note(&text)
                        .filter(|found| !found.marker.starts_with('['))
                        .map(|found| {
                            (
                                found.text.as_ptr() as usize - text.as_ptr() as usize,
                                found.marker,
                            )
                        });
                    assert_eq!(found, first_marker_by_search(&text), "{text:?}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, pieces.len().pow(3));
    }

    // The quick refusals (a first character no form starts with; no opening bracket in a note's
    // text) must not lose a placeholder or a bracketed note.
    #[test]
    fn every_listed_form_is_found_whatever_its_case() {
        for form in MARKERS
            .iter()
            .chain(NOT_APPLICABLE)
            .chain(TO_COME)
            .chain(UNKNOWN)
        {
            for text in [
                (*form).to_owned(),
                form.to_uppercase(),
                form.to_lowercase(),
                format!("  {form}."),
            ] {
                assert!(placeholder(&text).is_some(), "{text:?}");
            }
        }
        for (open, close) in BRACKETS {
            let blank = format!("{open}insert name{close}");
            let expected = (open != '(').then_some(blank.as_str());
            assert_eq!(placeholder(&blank).is_some(), open != '(', "{blank:?}");
            let text = format!("Led by {blank} each spring");
            assert_eq!(note(&text).map(|found| found.marker), expected, "{text:?}");
            // A marker later in the text stops the scan before the bracket is passed again;
            // the earlier bracketed blank is still the note.
            let text = format!("Led by {blank}. TODO: confirm");
            let found = note(&text).map(|found| found.marker);
            assert_eq!(found, expected.or(Some("TODO")), "{text:?}");
            let text = format!("TODO: confirm {blank}");
            assert_eq!(
                note(&text).map(|found| found.marker),
                Some("TODO"),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_long_note_is_cut_at_a_character_boundary() {
        let text = format!("Answer. TODO: {}", "é".repeat(100));
        let found = note(&text).unwrap();
        assert!(
            found.text.len() <= "TODO".len() + 80,
            "{}",
            found.text.len()
        );
        assert!(found.text.starts_with("TODO: é"));
    }

    #[test]
    fn the_reference_names_every_listed_form() {
        let reference = reference();
        for item in MARKERS
            .iter()
            .chain(NOT_APPLICABLE)
            .chain(TO_COME)
            .chain(UNKNOWN)
            .chain(BLANK_PROMPTS)
            .chain(NOTE_MARKERS)
        {
            assert!(reference.contains(item), "{item} is not documented");
        }
    }
}
