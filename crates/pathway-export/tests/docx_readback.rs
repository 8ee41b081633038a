//! The .docx files, checked by reading their XML back: heading styles, core properties, the
//! picture's alt text, repeating table headers, lists, the footer's page number, the language,
//! the table of contents. Bytes are never snapshotted; they are compared only with themselves.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use pathway_export::build_document;
use pathway_export::docx::render_docx;
use pathway_export::profile::Profiles;

fn board_docx() -> (pathway_export::model::Document, Vec<u8>) {
    let loaded = common::example("cedar-valley-scaling.yaml");
    let profiles = Profiles::builtin();
    let document = build_document(&loaded, profiles.get("school-board").unwrap());
    let docx = render_docx(&document).unwrap();
    (document, docx)
}

#[test]
fn headings_use_real_heading_styles_with_outline_levels() {
    let (_, docx) = board_docx();
    let styles = common::part(&docx, "word/styles.xml");
    for (id, name, level) in [
        ("Heading1", "heading 1", 0),
        ("Heading2", "heading 2", 1),
        ("Heading3", "heading 3", 2),
    ] {
        let start = styles
            .find(&format!(r#"w:styleId="{id}""#))
            .unwrap_or_else(|| panic!("no {id} style"));
        let style = &styles[start..start + styles[start..].find("</w:style>").unwrap()];
        assert!(
            style.contains(&format!(r#"<w:name w:val="{name}" />"#)),
            "{style}"
        );
        assert!(
            style.contains(&format!(r#"<w:outlineLvl w:val="{level}" />"#)),
            "{style}"
        );
    }
    assert!(styles.contains(r#"w:default="1" w:styleId="Normal""#));
    let body = common::part(&docx, "word/document.xml");
    assert!(body.contains(r#"<w:pStyle w:val="Heading1" />"#));
    assert!(body.contains(r#"<w:pStyle w:val="Heading2" />"#));
    assert!(body.contains(r#"<w:pStyle w:val="Title" />"#));
}

#[test]
fn core_properties_name_the_document() {
    let (document, docx) = board_docx();
    let core = common::part(&docx, "docProps/core.xml");
    let title = document.title.replace('&', "&amp;");
    assert!(
        core.contains(&format!("<dc:title>{title}</dc:title>")),
        "{core}"
    );
    assert!(
        core.contains("<dc:subject>Goals and student impact"),
        "{core}"
    );
    assert!(core.contains("<dc:creator>Cedar Valley"), "{core}");
    assert!(
        core.contains("<cp:keywords>career pathways; micro-credentials"),
        "{core}"
    );
    assert!(core.contains("<dc:language>en-US</dc:language>"), "{core}");
    assert!(
        !core.contains("dcterms:created"),
        "no timestamps, so exports are reproducible"
    );
}

#[test]
fn the_constellation_is_an_inline_picture_with_alt_text() {
    let (_, docx) = board_docx();
    let body = common::part(&docx, "word/document.xml");
    assert!(body.contains("<wp:inline"));
    let start = body.find("<wp:docPr ").unwrap();
    let doc_pr = &body[start..start + body[start..].find("/>").unwrap()];
    assert!(doc_pr.contains(r#"id="1""#), "{doc_pr}");
    assert!(
        doc_pr.contains(r#"descr="Diagram of the career constellation: "#),
        "{doc_pr}"
    );
    assert!(body.contains(r#"r:embed="rIdImage1""#));
    let names = common::part_names(&docx);
    assert!(
        names.contains(&"word/media/rIdImage1.png".to_owned()),
        "{names:?}"
    );
    assert!(body.contains("Figure 1. "), "a caption follows the picture");
}

#[test]
fn every_table_repeats_its_header_row() {
    let (_, docx) = board_docx();
    let body = common::part(&docx, "word/document.xml");
    let tables = body.matches("<w:tbl>").count();
    assert!(
        tables >= 3,
        "the board's briefing compares numbers in tables"
    );
    assert_eq!(body.matches("<w:tblHeader />").count(), tables);
    assert!(
        body.contains("<w:tblGrid><w:gridCol"),
        "column widths are set"
    );
}

#[test]
fn lists_use_numbering_definitions() {
    let loaded = common::example("cedar-valley-scaling.yaml");
    let profiles = Profiles::builtin();
    let document = build_document(&loaded, profiles.get("educators").unwrap());
    let docx = render_docx(&document).unwrap();
    let numbering = common::part(&docx, "word/numbering.xml");
    assert!(numbering.contains(r#"<w:numFmt w:val="bullet" />"#));
    assert!(numbering.contains(r#"<w:numFmt w:val="decimal" />"#));
    assert!(
        numbering.contains("<w:startOverride w:val=\"1\" />"),
        "numbered lists restart"
    );
    let body = common::part(&docx, "word/document.xml");
    assert!(body.contains(r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="2" /></w:numPr>"#));
    assert!(body.contains(r#"<w:numId w:val="4" />"#), "a numbered list");
}

#[test]
fn the_footer_numbers_pages_and_the_language_is_set() {
    let (_, docx) = board_docx();
    let footer = common::part(&docx, "word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>"),
        "{footer}"
    );
    assert!(footer.contains("NUMPAGES"), "{footer}");
    let styles = common::part(&docx, "word/styles.xml");
    assert!(styles.contains(r#"<w:lang w:val="en-US""#));
    let settings = common::part(&docx, "word/settings.xml");
    assert!(settings.contains(r#"<w:themeFontLang w:val="en-US" />"#));
    let body = common::part(&docx, "word/document.xml");
    assert!(
        body.contains(r#"<w:instrText> TOC \o "1-2" \h \z \u </w:instrText>"#),
        "a table of contents field"
    );
    assert!(
        body.contains(r#"w:fldCharType="begin" w:dirty="true""#),
        "Word refreshes it"
    );
    assert!(
        settings.contains(r#"<w:updateFields w:val="true" />"#),
        "and updates fields on opening, which fills in the page numbers: {settings}"
    );
}

// Regression: docx-rs packed an empty comments.xml, commentsExtended.xml, footnotes.xml and
// custom.xml into every file, and no theme.
#[test]
fn the_package_holds_the_parts_the_document_uses() {
    let (_, docx) = board_docx();
    let mut names = common::part_names(&docx);
    names.sort();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "docProps/app.xml",
            "docProps/core.xml",
            "word/_rels/document.xml.rels",
            "word/document.xml",
            "word/fontTable.xml",
            "word/footer1.xml",
            "word/media/rIdImage1.png",
            "word/numbering.xml",
            "word/settings.xml",
            "word/styles.xml",
            "word/theme/theme1.xml",
        ]
    );
}

#[test]
fn property_elements_are_in_schema_order() {
    let (_, docx) = board_docx();
    let body = common::part(&docx, "word/document.xml");
    assert!(
        !body.contains("<w:pPr><w:rPr /><w:"),
        "rPr comes last in pPr"
    );
    assert!(
        !body.contains("<w:numPr><w:numId"),
        "ilvl comes before numId"
    );
    let section = &body[body.find("<w:sectPr>").unwrap()..];
    assert!(
        section.starts_with("<w:sectPr><w:footerReference"),
        "{section}"
    );
}

// Regression: docx-rs draws image and paragraph ids from process-wide counters, so a document
// built after another one came out with different bytes.
#[test]
fn the_same_document_gives_the_same_bytes_in_one_process() {
    let loaded = common::example("cedar-valley-scaling.yaml");
    let profiles = Profiles::builtin();
    let board = build_document(&loaded, profiles.get("school-board").unwrap());
    let first = render_docx(&board).unwrap();
    for profile in profiles.iter() {
        render_docx(&build_document(&loaded, profile)).unwrap();
    }
    let again = render_docx(&board).unwrap();
    assert!(
        first == again,
        "the second rendering differs from the first"
    );
    let rebuilt = render_docx(&build_document(
        &loaded,
        profiles.get("school-board").unwrap(),
    ))
    .unwrap();
    assert!(first == rebuilt);
}

#[test]
fn a_draft_exports_with_its_open_decisions() {
    let loaded = common::fixture("draft-piloting.yaml");
    let profiles = Profiles::builtin();
    let document = build_document(&loaded, profiles.get("union").unwrap());
    let docx = render_docx(&document).unwrap();
    let core = common::part(&docx, "docProps/core.xml");
    assert!(core.contains("<cp:contentStatus>Draft</cp:contentStatus>"));
    let body = common::part(&docx, "word/document.xml");
    assert!(body.contains("Appendix: Open decisions"));
    assert!(body.contains("What money is available, from which sources, for how long?"));
    let names = common::part_names(&docx);
    assert!(
        names.iter().any(|name| name.starts_with("word/header")),
        "a DRAFT header"
    );
}

/// The text of each paragraph of `word/document.xml` with the given style prefix (`TOC` or
/// `Heading`), level 1 or 2, in document order, as `(level, text)`.
fn styled_paragraphs(body: &str, prefix: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for paragraph in body.split("</w:p>") {
        let Some(at) = paragraph.find(&format!(r#"<w:pStyle w:val="{prefix}"#)) else {
            continue;
        };
        let rest = &paragraph[at + r#"<w:pStyle w:val=""#.len() + prefix.len()..];
        let level: String = rest.chars().take_while(char::is_ascii_digit).collect();
        if !rest[level.len()..].starts_with('"') || !(level == "1" || level == "2") {
            continue;
        }
        let mut text = String::new();
        let mut rest = paragraph;
        while let Some(start) = rest.find("<w:t") {
            let after = &rest[start..];
            let open_end = after.find('>').unwrap() + 1;
            let close = after.find("</w:t>").unwrap();
            text.push_str(&after[open_end..close]);
            rest = &after[close..];
        }
        found.push((level, text));
    }
    found
}

// Regression: a section moved after a picture that did not fit (layout::arrange) was still
// listed in its old place in the pre-filled table of contents, which LibreOffice and other
// programs that do not refresh fields show as it is.
#[test]
fn the_prefilled_contents_list_the_headings_in_the_order_they_are_written() {
    let profiles = Profiles::builtin();
    for example in [
        "cedar-valley-scaling.yaml",
        "high-desert-state-piloting.yaml",
        "juniper-ridge-designing.yaml",
    ] {
        let loaded = common::example(example);
        for audience in pathway_schema::audiences::IDS {
            let document = build_document(&loaded, profiles.get(audience).unwrap());
            let body = common::part(&render_docx(&document).unwrap(), "word/document.xml");
            let contents = styled_paragraphs(&body, "TOC");
            let headings = styled_paragraphs(&body, "Heading");
            assert!(!headings.is_empty(), "{example} {audience}: no headings");
            assert_eq!(contents, headings, "{example} {audience}");
        }
    }
}
