//! The Markdown renderer: CommonMark with GitHub's tables, and the constellation as a Mermaid
//! diagram, which GitHub and GitLab draw.
//!
//! Every piece of text from the model is escaped, so a plan cannot add headings, HTML, links,
//! table cells or emphasis of its own. The output passes markdownlint with line length relaxed:
//! one `#` heading, no trailing punctuation in headings, blank lines around blocks, compact
//! tables with a delimiter row, fenced code with a language.

use std::io::Write;

use super::{RenderError, Rendered, Renderer};
use crate::model::{Alignment, Block, Callout, Document, Figure, Inline, Table};
use crate::prose::is_dropped;

/// Markdown, with the constellation as a Mermaid diagram.
pub struct Markdown;

impl Renderer for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }

    fn about(&self) -> &'static str {
        "Markdown, with the constellation as a Mermaid diagram"
    }

    fn render<'d>(&self, document: &'d Document) -> Result<Rendered<'d>, RenderError> {
        Ok(Rendered::Written(Box::new(move |out: &mut dyn Write| {
            write_markdown(document, out)
        })))
    }
}

/// Writes a document as Markdown.
///
/// ```
/// use pathway_export::model::{Block, Document, Inline, Properties, Status};
/// use pathway_export::markdown::render_markdown;
///
/// let document = Document {
///     title: "Pathways".into(),
///     subtitle: "Prepared for educators".into(),
///     status: Status::Final,
///     properties: Properties {
///         subject: String::new(),
///         creator: String::new(),
///         keywords: vec![],
///         description: String::new(),
///         language: "en-US".into(),
///     },
///     blocks: vec![Block::Paragraph(vec![Inline::text("# not a heading <b>")])],
/// };
/// assert_eq!(
///     render_markdown(&document),
///     "# Pathways\n\nPrepared for educators\n\n\\# not a heading \\<b\\>\n"
/// );
/// ```
pub fn render_markdown(document: &Document) -> String {
    let mut text = Vec::new();
    // Writing to memory cannot fail, and every piece written is a `str`.
    let _ = write_markdown(document, &mut text);
    String::from_utf8(text).unwrap_or_default()
}

/// Writes the document's Markdown to `out` a block at a time, a blank line between blocks and
/// one line break at the end, so a state's 13 MB document is never held whole.
fn write_markdown(document: &Document, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(format!("# {}", heading_text(&document.title)).as_bytes())?;
    // Each block after the title, after the blank line that separates it from the one before.
    fn block_out(out: &mut dyn Write, chunk: &str) -> std::io::Result<()> {
        out.write_all(b"\n\n")?;
        out.write_all(chunk.as_bytes())
    }
    block_out(out, &line_start_safe(escape(&document.subtitle)))?;
    // A block of several lines, each written as it is made.
    fn write_lines(
        out: &mut dyn Write,
        lines: impl Iterator<Item = String>,
    ) -> std::io::Result<()> {
        out.write_all(b"\n\n")?;
        for (index, line) in lines.enumerate() {
            if index > 0 {
                out.write_all(b"\n")?;
            }
            out.write_all(line.as_bytes())?;
        }
        Ok(())
    }
    let mut figures = 0;
    let mut previous_was_callout = false;
    let mut previous_was_list = false;
    for block in &document.blocks {
        let is_callout = matches!(block, Block::Callout(_));
        let is_list = matches!(block, Block::BulletList(_) | Block::NumberedList(_));
        if is_list && previous_was_list {
            // Two lists in a row would merge into one; a comment ends the first.
            block_out(out, "<!-- end of list -->")?;
        }
        previous_was_list = is_list;
        let chunk = match block {
            Block::Contents => continue,
            Block::Heading { level, text } => {
                format!("{} {}", "#".repeat(level.depth() + 1), heading_text(text))
            }
            Block::Paragraph(inlines) => line_start_safe(inlines_md(inlines)),
            // Lists and tables go out a line at a time: a state's list of credentials is
            // megabytes.
            Block::BulletList(items) => {
                write_lines(
                    out,
                    items.iter().map(|item| format!("- {}", inlines_md(item))),
                )?;
                previous_was_callout = false;
                continue;
            }
            Block::NumberedList(items) => {
                let lines = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| format!("{}. {}", i + 1, inlines_md(item)));
                write_lines(out, lines)?;
                previous_was_callout = false;
                continue;
            }
            Block::Table(table) => {
                write_lines(out, table_lines(table))?;
                previous_was_callout = false;
                continue;
            }
            Block::Callout(callout) => {
                let quote = callout_md(callout);
                // Two quotes in a row become one with two paragraphs: a blank line between
                // separate quotes reads as a mistake to Markdown linters.
                if previous_was_callout {
                    out.write_all(b"\n>\n")?;
                    out.write_all(quote.as_bytes())?;
                    continue;
                }
                quote
            }
            Block::Figure(figure) => {
                figures += 1;
                figure_md(figure, figures)
            }
        };
        previous_was_callout = is_callout;
        block_out(out, &chunk)?;
    }
    out.write_all(b"\n")
}

fn callout_md(callout: &Callout) -> String {
    let mut text = format!("**{}**", escape(callout.label.trim()));
    let body = inlines_md(&callout.body);
    if !body.starts_with(' ') {
        text.push(' ');
    }
    text.push_str(&body);
    format!("> {}", text.trim_end())
}

fn figure_md(figure: &Figure, number: usize) -> String {
    let mut mermaid = figure.constellation.to_mermaid();
    // Mermaid's own accessibility fields carry the alt text to screen readers.
    if let Some(rest) = mermaid.strip_prefix("flowchart LR\n") {
        mermaid = format!(
            "flowchart LR\n  accTitle: {}\n  accDescr: {}\n{rest}",
            accessible(&format!("Figure {number}")),
            accessible(&figure.alt_text)
        );
    }
    format!(
        "```mermaid\n{}```\n\n**Figure {number}.** {}",
        mermaid,
        line_start_safe(escape(&figure.caption))
    )
}

/// Text for a Mermaid accessibility line: one line, nothing Mermaid reads as syntax.
fn accessible(text: &str) -> String {
    let kept: String = text
        .chars()
        .filter(|&c| {
            !matches!(c, '`' | '#' | ';' | '"' | '<' | '>' | '{' | '}' | '\\') && !is_dropped(c)
        })
        .collect();
    collapse_spaces(&kept)
}

/// A table's lines: the header, the delimiter row, then a line per row.
fn table_lines(table: &Table) -> impl Iterator<Item = String> + '_ {
    let row = |cells: Vec<String>| format!("| {} |", cells.join(" | "));
    let header = row(table.header.iter().map(|h| escape(h)).collect());
    let delimiter = row(table
        .alignment
        .iter()
        .map(|a| match a {
            Alignment::Left => "---".to_owned(),
            Alignment::Right => "---:".to_owned(),
        })
        .collect());
    let rows = table.rows.iter().map(move |cells| {
        row(cells
            .iter()
            .map(|cell| {
                let text = inlines_md(cell);
                if text.is_empty() {
                    "—".to_owned()
                } else {
                    text
                }
            })
            .collect())
    });
    [header, delimiter].into_iter().chain(rows)
}

fn inlines_md(inlines: &[Inline]) -> String {
    let mut out = String::new();
    for inline in inlines {
        match inline {
            Inline::Text(text) => out.push_str(&escape(text)),
            Inline::Emphasis(text) => wrap(&mut out, text, "*"),
            Inline::Strong(text) => wrap(&mut out, text, "**"),
            Inline::Link(link) => {
                let (text, url) = (&link.text, &link.url);
                if text == url || url.strip_prefix("mailto:") == Some(text.as_str()) {
                    out.push_str(&format!("<{text}>"));
                } else {
                    out.push_str(&format!("[{}](<{url}>)", escape(text.trim())));
                }
            }
        }
    }
    collapse_spaces(&out)
}

/// Emphasis markers around trimmed text, with the trimmed spaces kept outside, so that the
/// markers always open and close.
fn wrap(out: &mut String, text: &str, marker: &str) {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        out.push_str(&escape(text));
        return;
    }
    if text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push_str(marker);
    out.push_str(&escape(trimmed));
    out.push_str(marker);
    if text.ends_with(char::is_whitespace) {
        out.push(' ');
    }
}

/// Runs of whitespace as single spaces, and no space at either end.
fn collapse_spaces(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Escapes text so Markdown shows it as written: every character that can start inline syntax
/// is backslash-escaped, `&` when it could start an entity, and whitespace becomes spaces.
/// Addresses in running text (`https://…`, `www.…`, `name@host`) are escaped too, so viewers do
/// not turn them into links the plan did not ask for.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut chars = text.chars().peekable();
    let mut previous = ' ';
    while let Some(c) = chars.next() {
        let rest = chars.clone();
        match c {
            // `{` and `}` keep template engines (Jekyll's Liquid, Hugo) from reading `{{ }}`
            // and `{% %}` in plan text when the Markdown is published through them.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' | '@' | '{'
            | '}' => {
                out.push('\\');
                out.push(c);
            }
            ':' if rest.clone().take(2).eq(['/', '/']) => out.push_str("\\:"),
            // Liquid reads `{%` even after a backslash: break the pair itself.
            '%' if previous == '{' => out.push_str("\\%"),
            'w' | 'W'
                if !previous.is_alphanumeric()
                    && rest
                        .clone()
                        .take(3)
                        .map(|c| c.to_ascii_lowercase())
                        .eq(['w', 'w', '.']) =>
            {
                out.push(c);
                out.push(chars.next().unwrap_or('w'));
                out.push(chars.next().unwrap_or('w'));
                out.push_str("\\.");
                chars.next();
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c if c.is_whitespace() => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
        previous = c;
    }
    out
}

/// Escapes what would start a block at the beginning of a line: a list marker (`-`, `+`, `1.`),
/// a setext underline (`=`).
fn line_start_safe(line: String) -> String {
    let trimmed = line.trim_start();
    let mut chars = trimmed.char_indices();
    match chars.next() {
        Some((_, '-' | '+' | '=')) => format!("\\{trimmed}"),
        Some((_, c)) if c.is_ascii_digit() => {
            let digits = trimmed
                .char_indices()
                .find(|(_, c)| !c.is_ascii_digit())
                .map(|(i, _)| i);
            match digits.and_then(|i| trimmed.get(i..).map(|rest| (i, rest))) {
                Some((i, rest)) if rest.starts_with('.') || rest.starts_with(')') => {
                    format!("{}\\{}", trimmed.get(..i).unwrap_or_default(), rest)
                }
                _ => trimmed.to_owned(),
            }
        }
        _ => trimmed.to_owned(),
    }
}

/// Heading text: escaped, on one line, without the trailing punctuation linters reject.
fn heading_text(text: &str) -> String {
    let trimmed = text
        .trim()
        .trim_end_matches(['.', ',', ';', ':', '!', '。', '，', '；', '：', '！']);
    let escaped = line_start_safe(collapse_spaces(&escape(trimmed)));
    if escaped.is_empty() {
        "Untitled".to_owned()
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(escape("*a* _b_ `c`"), "\\*a\\* \\_b\\_ \\`c\\`");
        assert_eq!(
            escape("[x](javascript:alert(1))"),
            "\\[x\\](javascript:alert(1))"
        );
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("R&D & Q&amp;A"), "R\\&D & Q\\&amp;A");
        assert_eq!(escape("$150 and $750"), "\\$150 and \\$750");
        assert_eq!(escape("tab\there\nnew"), "tab here new");
        // Regression: an unclosed right-to-left override reversed the words after it.
        assert_eq!(escape("evil\u{202E} title\u{1}\u{FFFE}"), "evil title");
        assert_eq!(
            escape("{{ x }} {% raw %}"),
            "\\{\\{ x \\}\\} \\{\\% raw %\\}"
        );
        assert_eq!(
            escape("see https://x.example or www.y.example, ask a@b.example"),
            "see https\\://x.example or www\\.y.example, ask a\\@b.example"
        );
    }

    #[test]
    fn lines_cannot_start_blocks() {
        assert_eq!(line_start_safe("- item".into()), "\\- item");
        assert_eq!(line_start_safe("2027. A year".into()), "2027\\. A year");
        assert_eq!(line_start_safe("3) three".into()), "3\\) three");
        assert_eq!(line_start_safe("42 teachers".into()), "42 teachers");
        assert_eq!(line_start_safe("=== ".into()), "\\=== ");
    }

    #[test]
    fn headings_lose_trailing_punctuation() {
        assert_eq!(heading_text("Goals:"), "Goals");
        assert_eq!(heading_text("Why?"), "Why?");
        assert_eq!(heading_text("# Hi."), "\\# Hi");
        assert_eq!(heading_text("..."), "Untitled");
    }

    #[test]
    fn emphasis_markers_hug_their_text() {
        let mut out = String::new();
        wrap(&mut out, " (12 hours) ", "*");
        assert_eq!(out, " *(12 hours)* ");
    }
}
