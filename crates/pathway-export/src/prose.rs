//! Small helpers that turn plan values into words: money, hours, lists, paragraphs.

use pathway_schema::Money;
use pathway_schema::domain::money;

/// A sum of money with its currency: `$6,500`, `$1,250.50`, `CAD 300`, written by the domain
/// layer's one money formatter ([`pathway_schema::domain::money::format_money`]).
///
/// ```
/// use pathway_export::prose::format_amount;
/// assert_eq!(format_amount(6500.0, "USD"), "$6,500");
/// assert_eq!(format_amount(1250.5, "USD"), "$1,250.50");
/// assert_eq!(format_amount(300.0, "CAD"), "CAD 300");
/// ```
pub fn format_amount(value: f64, currency: &str) -> String {
    money::format_money(money::Cents::from_amount(value), currency)
}

/// A money value with its unit in words: `$150 per credential`.
pub fn format_money(amount: &Money) -> String {
    money::describe_amount(amount)
}

/// A whole number with thousands separators: `12,300`.
pub fn group_thousands(number: u64) -> String {
    money::format_count(number)
}

/// Hours in words: `12 hours`, `1 hour`, `7.5 hours`.
pub fn format_hours(hours: f64) -> String {
    let number = format_number(hours);
    if number == "1" {
        "1 hour".to_owned()
    } else {
        format!("{number} hours")
    }
}

/// A number without needless decimals, with thousands separators: `12`, `7.5`, `1,200`.
pub fn format_number(value: f64) -> String {
    money::format_number(value)
}

/// Each item once, in first-seen order: a list that names an item twice reads as a mistake.
fn distinct<S: AsRef<str>>(items: &[S]) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        let item = item.as_ref();
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

/// Items joined the way a sentence lists them, each once: `a`, `a and b`, `a, b and c`.
pub fn join_words<S: AsRef<str>>(items: &[S]) -> String {
    match distinct(items).as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Names joined the way a sentence lists them, each once; when a name holds a comma or an "and"
/// of its own ("Title II, Part A", "Growers Cooperative and Medical Center"), with semicolons so
/// the reader sees where each name ends: `a, b and c`, or `a, b; c; and d`.
pub fn join_names<S: AsRef<str>>(items: &[S]) -> String {
    let names = distinct(items);
    if !names
        .iter()
        .any(|name| name.contains(',') || name.contains(" and "))
    {
        return join_words(&names);
    }
    match names.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [one, two] => format!("{one}; and {two}"),
        [init @ .., last] => format!("{}; and {last}", init.join("; ")),
    }
}

/// Items that may hold commas of their own (free text from the plan), joined with semicolons,
/// each once: `a`, `a; b`, `a; b; c`.
pub fn join_clauses<S: AsRef<str>>(items: &[S]) -> String {
    distinct(items).join("; ")
}

/// A small number in words, as prose writes it: `two`, `nine`; 10 and above in digits.
pub fn number_word(number: u32) -> String {
    const WORDS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    usize::try_from(number)
        .ok()
        .and_then(|n| WORDS.get(n))
        .map_or_else(
            || group_thousands(u64::from(number)),
            |word| (*word).to_owned(),
        )
}

/// How many times, as prose says it: `once`, `twice`, `three times`, `12 times`.
pub fn times(number: u32) -> String {
    match number {
        1 => "once".to_owned(),
        2 => "twice".to_owned(),
        n => format!("{} times", number_word(n)),
    }
}

/// Alternatives joined the way a sentence offers them, each once: `a`, `a or b`, `a, b or c`.
pub fn join_alternatives<S: AsRef<str>>(items: &[S]) -> String {
    match distinct(items).as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// A count and a noun: `1 credential`, `3 credentials`.
pub fn count(number: usize, singular: &str, plural: &str) -> String {
    if number == 1 {
        format!("1 {singular}")
    } else {
        format!("{} {plural}", group_thousands(number as u64))
    }
}

/// Free text from a plan split into paragraphs: blank lines separate paragraphs, other line breaks
/// and runs of spaces become single spaces. The words themselves are kept exactly.
pub fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            continue;
        }
        for word in line.split_whitespace() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Whether a character of plan text is left out of every document: control characters (which
/// XML cannot hold and terminals act on), the noncharacters U+FFFE and U+FFFF (not allowed in
/// XML either), the bidirectional embedding, override and isolate controls, which would
/// reverse the words that follow them, including our own ("Plan gnifeirB"), and the invisible
/// format characters that change nothing a reader sees but what the text is: the zero-width
/// space U+200B, the byte-order mark U+FEFF (a zero-width no-break space inside text), the word
/// joiner U+2060, the Mongolian vowel separator U+180E, the
/// deprecated format controls U+206A–U+206F, the interlinear annotation marks U+FFF9–U+FFFB and
/// the tag characters U+E0000–U+E007F, which can carry a hidden message. A reader sees the same
/// text without them, and a copy from the document cannot smuggle them on.
///
/// Kept: the zero-width joiner and non-joiner (U+200D, U+200C), which emoji sequences and
/// scripts such as Persian and the Indic scripts need, the directional marks (U+200E, U+200F,
/// U+061C), which right-to-left text needs and which reorder nothing after them, the soft
/// hyphen, the variation selectors, and the invisible mathematical operators U+2061–U+2064,
/// which math text needs (and which `pathway report` uses to mark where its heat map goes).
///
/// ```
/// use pathway_export::prose::is_dropped;
/// assert!(is_dropped('\u{1}') && is_dropped('\u{202E}') && is_dropped('\u{FFFF}'));
/// assert!(is_dropped('\u{200B}') && is_dropped('\u{FEFF}') && is_dropped('\u{E0041}'));
/// assert!(!is_dropped('é') && !is_dropped('\u{200D}') && !is_dropped('\u{200C}'));
/// ```
pub fn is_dropped(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{FFFE}'
                | '\u{FFFF}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{200B}'
                | '\u{FEFF}'
                | '\u{2060}'
                | '\u{180E}'
                | '\u{206A}'..='\u{206F}'
                | '\u{FFF9}'..='\u{FFFB}'
                | '\u{E0000}'..='\u{E007F}'
        )
}

/// Free text on one line: every run of whitespace becomes a single space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first letter in upper case: `hybrid role` → `Hybrid role`.
pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether free text is a real answer rather than a placeholder such as `TODO`.
pub fn is_answer(text: &str) -> bool {
    !pathway_schema::decision_points::is_placeholder(text)
}

/// The text when it is a real answer.
pub fn answer(text: Option<&String>) -> Option<&str> {
    text.map(String::as_str).filter(|text| is_answer(text))
}

/// A date the way a letter writes it: `August 26, 2026`.
pub fn format_date(date: &pathway_schema::Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS
        .get(usize::from(date.month()).saturating_sub(1))
        .copied()
        .unwrap_or("?");
    format!("{month} {}, {}", date.day(), date.year())
}

/// A plan year as the school year it names: 2027 → `2026–27`.
pub fn school_year(year: pathway_schema::Year) -> String {
    format!("{}–{:02}", year.saturating_sub(1), year % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_group_thousands_and_keep_cents() {
        assert_eq!(format_amount(0.0, "USD"), "$0");
        assert_eq!(format_amount(999.0, "USD"), "$999");
        assert_eq!(format_amount(1000.0, "USD"), "$1,000");
        assert_eq!(format_amount(1_234_567.891, "USD"), "$1,234,567.89");
        assert_eq!(format_amount(-1200.0, "USD"), "-$1,200");
    }

    #[test]
    fn hours_and_numbers_drop_needless_decimals() {
        assert_eq!(format_hours(1.0), "1 hour");
        assert_eq!(format_hours(12.0), "12 hours");
        assert_eq!(format_hours(7.5), "7.5 hours");
    }

    #[test]
    fn dates_and_school_years_read_naturally() {
        let date = pathway_schema::Date::parse("2026-08-26").unwrap();
        assert_eq!(format_date(&date), "August 26, 2026");
        assert_eq!(school_year(2027), "2026–27");
        assert_eq!(school_year(2100), "2099–00");
    }

    #[test]
    fn names_with_commas_are_joined_with_semicolons() {
        assert_eq!(join_names(&["a", "b", "c"]), "a, b and c");
        assert_eq!(
            join_names(&["Title II, Part A", "Foundation", "Title II, Part A"]),
            "Title II, Part A; and Foundation"
        );
        assert_eq!(join_names(&["a", "b, c", "d"]), "a; b, c; and d");
        // Regression: "Growers Cooperative and Medical Center and Education Foundation".
        assert_eq!(
            join_names(&["University", "Growers and Medical Center", "Foundation"]),
            "University; Growers and Medical Center; and Foundation"
        );
    }

    #[test]
    fn counts_of_times_read_as_prose() {
        assert_eq!(times(1), "once");
        assert_eq!(times(2), "twice");
        assert_eq!(times(3), "three times");
        assert_eq!(times(12), "12 times");
    }

    #[test]
    fn words_join_like_a_sentence() {
        assert_eq!(join_words::<&str>(&[]), "");
        assert_eq!(join_words(&["a"]), "a");
        assert_eq!(join_words(&["a", "b"]), "a and b");
        assert_eq!(join_words(&["a", "b", "c"]), "a, b and c");
        assert_eq!(join_alternatives(&["a", "b", "c"]), "a, b or c");
        // Regression: lists pasted into sentences named an item twice.
        assert_eq!(join_words(&["a", "b", "a"]), "a and b");
        assert_eq!(join_alternatives(&["a", "a"]), "a");
        assert_eq!(join_clauses(&["a, one more", "b", "b"]), "a, one more; b");
        assert_eq!(number_word(2), "two");
        assert_eq!(number_word(12), "12");
    }

    #[test]
    fn paragraphs_split_on_blank_lines_only() {
        let text = "First line\nstill first.\n\n  Second   one.\n";
        assert_eq!(paragraphs(text), ["First line still first.", "Second one."]);
        assert!(paragraphs(" \n ").is_empty());
    }
}
