//! A small YAML writer for generated plans, in the style people write plans by hand: plain
//! scalars where they are safe, quotes where any YAML reader (1.1 or 1.2) could read something
//! else, folded blocks for paragraphs, quoted dates.

/// The widest a folded line gets, indentation included.
const WIDTH: usize = 96;

/// Builds YAML text line by line.
#[derive(Default)]
pub struct Writer {
    out: String,
}

impl Writer {
    /// The text written.
    pub fn finish(self) -> String {
        self.out
    }

    fn start(&mut self, indent: usize, key: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str(key);
        self.out.push(':');
    }

    /// `# text`
    pub fn comment(&mut self, text: &str) {
        self.out.push_str("# ");
        self.out.push_str(text);
        self.out.push('\n');
    }

    /// `key:`, opening a mapping or list.
    pub fn key(&mut self, indent: usize, key: &str) {
        self.start(indent, key);
        self.out.push('\n');
    }

    /// `key: value`, the value written as given (a number, a word, a flow list).
    pub fn field(&mut self, indent: usize, key: &str, value: &str) {
        self.start(indent, key);
        self.out.push(' ');
        self.out.push_str(value);
        self.out.push('\n');
    }

    /// `key: text`, quoted when it has to be.
    pub fn text(&mut self, indent: usize, key: &str, text: &str) {
        self.start(indent, key);
        self.out.push(' ');
        self.scalar(text);
        self.out.push('\n');
    }

    /// `key: "YYYY-MM-DD"`: dates are quoted so that YAML 1.1 readers see text, not a timestamp.
    pub fn date(&mut self, indent: usize, key: &str, date: &str) {
        self.start(indent, key);
        self.out.push_str(" \"");
        self.out.push_str(date);
        self.out.push_str("\"\n");
    }

    /// `- key: text`, the first entry of a mapping in a list; the dash stands at `indent`.
    pub fn item_text(&mut self, indent: usize, key: &str, text: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str("- ");
        self.text(0, key, text);
    }

    /// `- key: value`, the value written as given.
    pub fn item_field(&mut self, indent: usize, key: &str, value: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str("- ");
        self.field(0, key, value);
    }

    /// `- text`, an item of a list of text.
    pub fn list_text(&mut self, indent: usize, text: &str) {
        self.out.extend(std::iter::repeat_n(' ', indent));
        self.out.push_str("- ");
        self.scalar(text);
        self.out.push('\n');
    }

    /// `key: >-` and the text folded into lines, as paragraphs are written in the examples.
    pub fn folded(&mut self, indent: usize, key: &str, text: &str) {
        self.start(indent, key);
        self.out.push_str(" >-\n");
        let mut line = 0;
        for word in text.split_whitespace() {
            if line > 0 && line + 1 + word.len() > WIDTH {
                self.out.push('\n');
                line = 0;
            }
            if line == 0 {
                self.out.extend(std::iter::repeat_n(' ', indent + 2));
                line = indent + 2;
            } else {
                self.out.push(' ');
                line += 1;
            }
            self.out.push_str(word);
            line += word.len();
        }
        self.out.push('\n');
    }

    fn scalar(&mut self, text: &str) {
        if is_plain(text) {
            self.out.push_str(text);
        } else {
            self.out.push('"');
            for c in text.chars() {
                match c {
                    '"' => self.out.push_str("\\\""),
                    '\\' => self.out.push_str("\\\\"),
                    '\n' => self.out.push_str("\\n"),
                    c => self.out.push(c),
                }
            }
            self.out.push('"');
        }
    }
}

/// Whether text can be written as a plain scalar and read back as the same text by YAML 1.1
/// and 1.2 readers alike.
fn is_plain(text: &str) -> bool {
    let Some(first) = text.chars().next() else {
        return false;
    };
    let lower = text.to_ascii_lowercase();
    let special = matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~"
    );
    // Numbers, times and dates in any YAML version: `12`, `1.5`, `1:20`, `2027-08-15`.
    let numeric = first.is_ascii_digit()
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ':' | '-' | '+' | '_' | 'e' | 'E'));
    (first.is_ascii_alphanumeric() || first == '$')
        && !special
        && !numeric
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.ends_with(' ')
        && !text.contains(['\n', '\t', '"', '\\'])
}

#[cfg(test)]
mod tests {
    use super::is_plain;

    #[test]
    fn plain_only_when_every_reader_sees_text() {
        assert!(is_plain("Small-Group Reading Instruction"));
        assert!(is_plain("84% (2025-26)"));
        assert!(is_plain("https://www.example.org/a"));
        assert!(!is_plain("yes"));
        assert!(!is_plain("2027-08-15"));
        assert!(!is_plain("1:20"));
        assert!(!is_plain("Math: talks"));
        assert!(!is_plain("'quoted'"));
        assert!(!is_plain(""));
    }
}
