//! Telling a plan from other YAML and JSON files found in a folder (`package.json`, a CI
//! workflow, `docker-compose.yml`) without parsing them: a file is a plan when it has a
//! top-level `schema_version` key, or a top-level `$schema` (or an editor modeline,
//! `# yaml-language-server: $schema=…`) naming the plan schema.
//!
//! The text is scanned byte by byte, keeping nothing but a few dozen bytes of the current key:
//! time is linear in what is scanned, which stops at the first sign of a plan and at the input
//! limit in any case.

/// What names the plan schema, in a `$schema` value or a modeline.
const PLAN_SCHEMA: &[u8] = b"pathway-plan";

/// The longest key or `$schema` value kept for comparison; longer ones are not ours.
const KEPT: usize = 512;

/// Whether `text` (at most `limit` bytes of it) looks like a plan. `json` says the file is named
/// `.json`; a YAML file whose first value is a `{` is scanned as JSON too (YAML's flow mappings
/// are JSON's objects, with optional quotes).
pub fn looks_like_plan(text: &[u8], limit: usize, json: bool) -> bool {
    let mut scanner = Scanner::new(json);
    let text = text.get(..limit).unwrap_or(text);
    text.iter().any(|&byte| scanner.feed(byte)) || scanner.finish()
}

/// Whether the scanner has decided how to read the file yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Before the first value: a `{` means a JSON object (or a YAML flow mapping).
    Undecided,
    Yaml,
    Json,
}

struct Scanner {
    mode: Mode,
    /// Only for a `.json` file: anything but `{` first means it is not a plan.
    json_file: bool,
    yaml: YamlLines,
    flow: Flow,
}

impl Scanner {
    fn new(json_file: bool) -> Scanner {
        Scanner {
            mode: Mode::Undecided,
            json_file,
            yaml: YamlLines::default(),
            flow: Flow::default(),
        }
    }

    /// Takes one more byte; true once the file looks like a plan.
    fn feed(&mut self, byte: u8) -> bool {
        if self.mode == Mode::Undecided {
            // The YAML scanner sees the leading comments (a modeline is one) and blank lines.
            if self.yaml.feed(byte) {
                return true;
            }
            if self.yaml.at_line_start_content(byte) {
                self.mode = if byte == b'{' {
                    Mode::Json
                } else if self.json_file {
                    // Not an object: a `.json` file that is not a plan. Read no further.
                    self.yaml.dead = true;
                    Mode::Yaml
                } else {
                    Mode::Yaml
                };
                if self.mode == Mode::Json {
                    return self.flow.feed(byte);
                }
            }
            return false;
        }
        match self.mode {
            Mode::Json => self.flow.feed(byte),
            _ => !self.yaml.dead && self.yaml.feed(byte),
        }
    }

    fn finish(&mut self) -> bool {
        match self.mode {
            Mode::Json => false,
            _ => !self.yaml.dead && self.yaml.feed(b'\n'),
        }
    }
}

/// YAML read line by line: a key at the start of a line (no indentation) is a top-level key.
#[derive(Default)]
struct YamlLines {
    /// The start of the current line, up to [`KEPT`] bytes.
    line: Vec<u8>,
    /// Bytes of the current line seen so far, kept or not.
    length: usize,
    /// Whether the first value of the document has been seen (past comments and blank lines).
    started: bool,
    /// The indentation of the document's first line of content: that of its top-level keys.
    indent: usize,
    /// Set when the file turned out not to be worth reading further.
    dead: bool,
}

impl YamlLines {
    /// Whether `byte` is the first non-blank byte of the document outside a comment.
    fn at_line_start_content(&mut self, byte: u8) -> bool {
        if self.started || byte.is_ascii_whitespace() {
            return false;
        }
        let in_comment = self.line.contains(&b'#');
        if in_comment || byte == b'#' {
            return false;
        }
        // A byte-order mark is not content.
        if matches!(byte, 0xEF | 0xBB | 0xBF) {
            return false;
        }
        self.started = true;
        self.indent = self.line.iter().take_while(|&&b| b == b' ').count();
        true
    }

    fn feed(&mut self, byte: u8) -> bool {
        if byte == b'\n' {
            let found = top_level_yaml_key(&self.line, self.indent);
            self.line.clear();
            self.length = 0;
            return found;
        }
        if self.length < KEPT {
            self.line.push(byte);
        }
        self.length += 1;
        false
    }
}

/// Whether a YAML line names the plan: `schema_version:` or `$schema: …pathway-plan…` at the
/// top level's indentation (quoted or not), or a modeline naming the plan schema.
fn top_level_yaml_key(line: &[u8], indent: usize) -> bool {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    let line = line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line);
    if let Some(comment) = trim(line).strip_prefix(b"#") {
        let comment = trim(comment);
        return comment.starts_with(b"yaml-language-server:")
            && contains(comment, b"$schema=")
            && contains(comment, PLAN_SCHEMA);
    }
    let spaces = line.iter().take_while(|&&b| b == b' ').count();
    if spaces != indent {
        return false;
    }
    let line = line.get(indent..).unwrap_or_default();
    let (key, rest) = match line.first() {
        Some(&quote @ (b'"' | b'\'')) => {
            let inner = line.get(1..).unwrap_or_default();
            match inner.iter().position(|&b| b == quote) {
                Some(end) => (
                    inner.get(..end).unwrap_or_default(),
                    inner.get(end + 1..).unwrap_or_default(),
                ),
                None => return false,
            }
        }
        _ => {
            let end = line
                .iter()
                .position(|&b| b == b':' || b == b' ')
                .unwrap_or(line.len());
            (
                line.get(..end).unwrap_or_default(),
                line.get(end..).unwrap_or_default(),
            )
        }
    };
    let Some(value) = trim(rest).strip_prefix(b":") else {
        return false;
    };
    match key {
        b"schema_version" => true,
        b"$schema" => contains(value, PLAN_SCHEMA),
        _ => false,
    }
}

/// A JSON object (or a YAML flow mapping) read as tokens, tracking only the nesting depth: at
/// depth 1, a string or bare word followed by `:` is a top-level key.
#[derive(Default)]
struct Flow {
    depth: usize,
    in_string: Option<u8>,
    escaped: bool,
    /// The current string or bare word at depth 1, up to [`KEPT`] bytes.
    token: Vec<u8>,
    in_word: bool,
    /// The last token at depth 1 ended, and only whitespace has followed.
    token_done: bool,
    /// A `$schema` key was just read: its value is the next token.
    schema_value: bool,
}

impl Flow {
    fn feed(&mut self, byte: u8) -> bool {
        if let Some(quote) = self.in_string {
            if self.escaped {
                self.escaped = false;
            } else if byte == b'\\' && quote == b'"' {
                self.escaped = true;
            } else if byte == quote {
                self.in_string = None;
                return self.end_token();
            }
            if self.depth == 1 && self.token.len() < KEPT {
                self.token.push(byte);
            }
            return false;
        }
        let word_byte = byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'$' | b'-' | b'.');
        if self.in_word && !word_byte {
            self.in_word = false;
            if self.end_token() {
                return true;
            }
        }
        match byte {
            b'"' | b'\'' => {
                self.in_string = Some(byte);
                self.token.clear();
                self.token_done = false;
            }
            b'{' | b'[' => {
                self.depth += 1;
                self.token_done = false;
                self.schema_value = false;
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                self.token_done = false;
            }
            b':' if self.token_done && self.depth == 1 => {
                self.token_done = false;
                match self.token.as_slice() {
                    b"schema_version" => return true,
                    b"$schema" => self.schema_value = true,
                    _ => self.schema_value = false,
                }
            }
            _ if byte.is_ascii_whitespace() => {}
            _ if word_byte => {
                if !self.in_word {
                    self.in_word = true;
                    self.token.clear();
                    self.token_done = false;
                }
                if self.depth == 1 && self.token.len() < KEPT {
                    self.token.push(byte);
                }
            }
            _ => {
                self.token_done = false;
                self.schema_value = false;
            }
        }
        false
    }

    /// A string or word has ended: it may be a key (a `:` follows) or the `$schema` value.
    fn end_token(&mut self) -> bool {
        if self.depth != 1 {
            return false;
        }
        if self.schema_value {
            self.schema_value = false;
            if contains(&self.token, PLAN_SCHEMA) {
                return true;
            }
            return false;
        }
        self.token_done = true;
        false
    }
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |i| i + 1);
    bytes.get(start..end).unwrap_or_default()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack
        .windows(needle.len())
        .any(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(text: &str, json: bool) -> bool {
        looks_like_plan(text.as_bytes(), usize::MAX, json)
    }

    #[test]
    fn plans_in_yaml() {
        assert!(plan("schema_version: 1\nid: x\n", false));
        assert!(plan("# a comment\n\nid: x\nschema_version: 1", false));
        assert!(plan("\u{feff}\"schema_version\": 1\n", false));
        assert!(plan("'schema_version' : 1\r\n", false));
        assert!(plan(
            "$schema: https://pathway-kit.org/schemas/pathway-plan.v1.schema.json\nid: x\n",
            false
        ));
        assert!(plan(
            "# yaml-language-server: $schema=../schemas/pathway-plan.v1.schema.json\nid: x\n",
            false
        ));
        assert!(plan("{schema_version: 1, id: x}\n", false));
        assert!(
            plan("  id: x\n  schema_version: 1\n", false),
            "an indented root"
        );
    }

    #[test]
    fn other_yaml_is_not_a_plan() {
        assert!(!plan("name: CI\non: [push]\njobs: {}\n", false));
        // Not at the top level.
        assert!(!plan("settings:\n  schema_version: 1\n", false));
        assert!(!plan("text: |\n  schema_version: 1\n", false));
        assert!(!plan("  id: x\n  text: |\n    schema_version: 1\n", false));
        assert!(!plan(
            "$schema: https://json.schemastore.org/github-workflow\n",
            false
        ));
        assert!(!plan("schema_versions: 1\n", false));
        assert!(!plan("", false));
    }

    #[test]
    fn plans_in_json() {
        assert!(plan(r#"{"id": "x", "schema_version": 1}"#, true));
        assert!(plan(
            "{\n  \"$schema\": \"../schemas/pathway-plan.v1.schema.json\",\n  \"id\": \"x\"\n}",
            true
        ));
        // Keys sorted, with a large nested value first.
        let nested = format!(
            r#"{{"a": {{"schema_version": [{}]}}, "schema_version": 1}}"#,
            "1,".repeat(10_000) + "1"
        );
        assert!(plan(&nested, true));
    }

    #[test]
    fn other_json_is_not_a_plan() {
        assert!(!plan(
            r#"{"name": "app", "version": "1.0.0", "scripts": {"schema_version": 1}}"#,
            true
        ));
        assert!(!plan(
            r#"{"x": "schema_version: 1", "y": ["schema_version"]}"#,
            true
        ));
        assert!(!plan(
            r#"{"$schema": "https://json.schemastore.org/package"}"#,
            true
        ));
        assert!(!plan(r#"["schema_version", 1]"#, true));
        assert!(
            !plan("schema_version: 1\n", true),
            "a .json file that is not JSON"
        );
        assert!(!plan(r#"{"key\"schema_version": 1}"#, true));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let text = format!("{}\nschema_version: 1\n", "# pad\n".repeat(1000));
        assert!(!looks_like_plan(text.as_bytes(), 100, false));
        assert!(looks_like_plan(text.as_bytes(), text.len(), false));
    }
}
