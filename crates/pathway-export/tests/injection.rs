//! A plan cannot inject markup: text that looks like Markdown, HTML, links or table cells comes
//! out escaped in Markdown and as literal text in Word.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use pathway_export::build_document;
use pathway_export::docx::render_docx;
use pathway_export::markdown::render_markdown;
use pathway_export::model::Block;
use pathway_export::profile::Profiles;

/// Whether the character at `index` is preceded by an odd number of backslashes.
fn escaped(line: &str, index: usize) -> bool {
    line[..index]
        .chars()
        .rev()
        .take_while(|c| *c == '\\')
        .count()
        % 2
        == 1
}

#[test]
fn markdown_shows_the_plan_text_inert() {
    let loaded = common::fixture("injection.yaml");
    for profile in Profiles::builtin().iter() {
        let document = build_document(&loaded, profile);
        let markdown = render_markdown(&document);
        let text = common::outside_mermaid(&markdown);
        // Only the document's own headings start lines with `#`.
        let headings = document
            .blocks
            .iter()
            .filter(|b| matches!(b, Block::Heading { .. }))
            .count();
        let heading_lines = text.lines().filter(|l| l.starts_with('#')).count();
        assert_eq!(heading_lines, headings + 1, "{}:\n{markdown}", profile.id);
        for line in text.lines() {
            for (index, c) in line.char_indices() {
                match c {
                    // HTML and link syntax never reaches the output unescaped, except the
                    // autolinks the exporter writes itself.
                    '<' => assert!(
                        escaped(line, index) || line[index..].starts_with("<!-- end of list -->"),
                        "{}: unescaped < in {line}",
                        profile.id
                    ),
                    '[' | ']' | '`' | '_' => {
                        assert!(
                            escaped(line, index),
                            "{}: unescaped {c} in {line}",
                            profile.id
                        )
                    }
                    _ => {}
                }
            }
            assert!(!line.starts_with("- not a list"), "{line}");
            assert!(!line.starts_with("> not a quote"), "{line}");
            assert!(!line.starts_with("==="), "{line}");
            // Every row of a table has as many cell separators as its header.
            if line.starts_with('|') {
                let pipes = line
                    .char_indices()
                    .filter(|(i, c)| *c == '|' && !escaped(line, *i))
                    .count();
                assert!(pipes >= 2, "{line}");
            }
        }
        assert!(text.contains("\\<script\\>"), "{}", profile.id);
        assert!(
            text.contains("\\[x\\](javascript:alert(1))"),
            "{}",
            profile.id
        );
    }
}

#[test]
fn table_rows_keep_their_column_count() {
    let loaded = common::fixture("injection.yaml");
    let profiles = Profiles::builtin();
    let markdown = render_markdown(&build_document(
        &loaded,
        profiles.get("school-board").unwrap(),
    ));
    let mut widths = Vec::new();
    for line in markdown.lines() {
        if line.starts_with('|') {
            widths.push(
                line.char_indices()
                    .filter(|(i, c)| *c == '|' && !escaped(line, *i))
                    .count(),
            );
        } else if !widths.is_empty() {
            assert!(
                widths.iter().all(|w| *w == widths[0]),
                "{widths:?}\n{markdown}"
            );
            widths.clear();
        }
    }
    assert!(
        markdown
            .contains("| Goal with \\| pipe \\| and \\*\\*bold\\*\\* \\`\\`\\`fence\\`\\`\\` |")
    );
}

#[test]
fn the_mermaid_labels_cannot_break_the_diagram() {
    let loaded = common::fixture("injection.yaml");
    let profiles = Profiles::builtin();
    let markdown = render_markdown(&build_document(&loaded, profiles.get("educators").unwrap()));
    let start = markdown.find("```mermaid\n").unwrap();
    let end = start + 11 + markdown[start + 11..].find("```").unwrap();
    let diagram = &markdown[start..end];
    assert!(diagram.contains("#quot;quotes#quot;"), "{diagram}");
    assert!(diagram.contains("#lt;angle#gt; #96;tick#96;"), "{diagram}");
    assert!(!diagram.contains("<angle>"), "{diagram}");
}

#[test]
fn word_shows_the_plan_text_literally() {
    let loaded = common::fixture("injection.yaml");
    let profiles = Profiles::builtin();
    for id in ["state", "school-board", "educators"] {
        let docx = render_docx(&build_document(&loaded, profiles.get(id).unwrap())).unwrap();
        let body = common::part(&docx, "word/document.xml");
        assert!(!body.contains("<script"), "{id}");
        assert!(!body.contains("<img"), "{id}");
        assert!(!body.contains("HYPERLINK &quot;javascript"), "{id}");
        assert!(body.contains("&lt;script&gt;"), "{id}");
    }
    let docx = render_docx(&build_document(&loaded, profiles.get("state").unwrap())).unwrap();
    let body = common::part(&docx, "word/document.xml");
    assert!(body.contains("[x](javascript:alert(1))"), "links stay text");
    assert!(
        body.contains("*emphasis* and `code`"),
        "emphasis stays text"
    );
    let core = common::part(&docx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title># Not a heading &lt;script&gt;alert(1)&lt;/script&gt;"),
        "{core}"
    );
}

/// The characters no document keeps: XML cannot hold them, or they reorder what follows.
const DROPPED: [char; 6] = [
    '\u{1}', '\u{B}', '\u{FFFE}', '\u{202E}', '\u{202C}', '\u{2066}',
];

#[test]
fn template_syntax_control_and_bidi_characters_are_inert() {
    let loaded = common::fixture("injection.yaml");
    let long_word = "Pneumonoultramicroscopicsilicovolcanoconiosis".repeat(7);
    let long_word = &long_word[..300];
    let profiles = Profiles::builtin();
    let district = profiles.get("district").unwrap();
    let document = build_document(&loaded, district);
    let markdown = render_markdown(&document);
    // Regression: an unclosed U+202E in plan text reversed the exporter's own words after it.
    for c in DROPPED {
        assert!(!markdown.contains(c), "U+{:04X} in the Markdown", c as u32);
    }
    // Outside the diagram, whose hexagon nodes are written `{{…}}` by the exporter itself.
    let text = common::outside_mermaid(&markdown);
    assert!(!text.contains("{{") && !text.contains("{%"), "{markdown}");
    assert!(
        markdown.contains("Template \\{\\{ plan.secret \\}\\} and \\{\\% raw %\\} stay text"),
        "{markdown}"
    );
    assert!(markdown.contains("reversed bidi, isolate and control characters go"));
    assert!(markdown.contains(long_word), "the long word is cut");

    let docx = render_docx(&document).unwrap();
    for part in ["word/document.xml", "docProps/core.xml"] {
        let xml = common::part(&docx, part);
        for c in DROPPED {
            assert!(!xml.contains(c), "U+{:04X} in {part}", c as u32);
        }
    }
    let body = common::part(&docx, "word/document.xml");
    assert!(body.contains("Template {{ plan.secret }} and {% raw %} stay text"));
    assert!(body.contains(long_word), "the long word is cut");
}
