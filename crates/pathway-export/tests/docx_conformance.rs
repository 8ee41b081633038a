//! Every exported .docx against the OOXML rules Word enforces (see `tests/ooxml/`): the
//! package's content types, parts and relationships, each element's attributes and children in
//! schema order, and fonts, styles and numbering that the parts name. Then the checker itself,
//! on packages broken in each way an OOXML schema checker once found in our files.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;
mod ooxml;

use std::collections::BTreeMap;
use std::io::{Cursor, Read, Write};

use pathway_export::build_document;
use pathway_export::docx::render_docx;
use pathway_export::profile::Profiles;

const EXAMPLES: [&str; 3] = [
    "cedar-valley-scaling.yaml",
    "high-desert-state-piloting.yaml",
    "juniper-ridge-designing.yaml",
];

#[test]
fn every_exported_word_file_follows_the_rules() {
    let profiles = Profiles::builtin();
    let mut plans: Vec<(String, _)> = EXAMPLES
        .iter()
        .map(|name| (name.to_string(), common::example(name)))
        .collect();
    for fixture in ["draft-piloting.yaml", "injection.yaml"] {
        plans.push((fixture.to_owned(), common::fixture(fixture)));
    }
    let mut checked = 0;
    for (name, plan) in &plans {
        for profile in profiles.iter() {
            let docx = render_docx(&build_document(plan, profile)).unwrap();
            let problems = ooxml::problems(&docx);
            assert!(
                problems.is_empty(),
                "{name}, {}: {} problems:\n{}",
                profile.id,
                problems.len(),
                problems.join("\n")
            );
            checked += 1;
        }
    }
    assert_eq!(checked, plans.len() * profiles.iter().count());
}

// The checker must be able to fail: each test below breaks a good file in one way and expects
// the problem to be named.

fn good_docx() -> Vec<u8> {
    let loaded = common::example("juniper-ridge-designing.yaml");
    let profiles = Profiles::builtin();
    render_docx(&build_document(
        &loaded,
        profiles.get("school-board").unwrap(),
    ))
    .unwrap()
}

fn repack(docx: &[u8], change: impl FnOnce(&mut BTreeMap<String, String>)) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut parts = BTreeMap::new();
    let mut media = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).unwrap();
        match String::from_utf8(bytes) {
            Ok(text) => {
                parts.insert(file.name().to_owned(), text);
            }
            Err(error) => {
                media.insert(file.name().to_owned(), error.into_bytes());
            }
        }
    }
    change(&mut parts);
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, text) in &parts {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    for (name, bytes) in &media {
        zip.start_file(name.as_str(), options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn assert_found(docx: &[u8], expected: &str) {
    let problems = ooxml::problems(docx);
    assert!(
        problems.iter().any(|problem| problem.contains(expected)),
        "expected a problem containing {expected:?}, found:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_good_file_has_no_problems() {
    assert_eq!(ooxml::problems(&good_docx()), Vec::<String>::new());
}

// Regression: docx-rs wrote `w:type="dxa"` on every `w:gridCol`, which has only `w:w`.
#[test]
fn an_attribute_the_schema_does_not_allow_is_found() {
    let docx = repack(&good_docx(), |parts| {
        let body = parts.get_mut("word/document.xml").unwrap();
        *body = body.replace("<w:gridCol w:w=", r#"<w:gridCol w:type="dxa" w:w="#);
    });
    assert_found(&docx, "w:gridCol: attribute w:type is not allowed here");
}

// Regression: styles and numbering levels had a `w:rPr` inside their `w:pPr`, which
// CT_PPrGeneral does not allow.
#[test]
fn run_properties_inside_a_styles_paragraph_properties_are_found() {
    let docx = repack(&good_docx(), |parts| {
        let styles = parts.get_mut("word/styles.xml").unwrap();
        assert!(styles.contains("</w:pPr><w:rPr>"));
        *styles = styles.replacen("</w:pPr><w:rPr>", "<w:rPr /></w:pPr><w:rPr>", 1);
    });
    assert_found(&docx, "w:style/w:pPr: child w:rPr is not allowed here");
    let docx = repack(&good_docx(), |parts| {
        let numbering = parts.get_mut("word/numbering.xml").unwrap();
        *numbering = numbering.replacen("</w:pPr>", "<w:rPr /></w:pPr>", 1);
    });
    assert_found(&docx, "w:lvl/w:pPr: child w:rPr is not allowed here");
}

#[test]
fn children_out_of_schema_order_are_found() {
    let docx = repack(&good_docx(), |parts| {
        let body = parts.get_mut("word/document.xml").unwrap();
        *body = body.replacen(
            r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="2" /></w:numPr>"#,
            r#"<w:numPr><w:numId w:val="2" /><w:ilvl w:val="0" /></w:numPr>"#,
            1,
        );
    });
    assert_found(
        &docx,
        "w:numPr: child w:ilvl is not allowed here, or is out of order",
    );
}

// Regression: `comments.xml` had a content type but no relationship reached it.
#[test]
fn a_part_no_relationship_reaches_is_found() {
    let docx = repack(&good_docx(), |parts| {
        parts.insert(
            "word/comments.xml".to_owned(),
            r#"<w:comments xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" />"#
                .to_owned(),
        );
        let types = parts.get_mut("[Content_Types].xml").unwrap();
        *types = types.replace(
            "</Types>",
            r#"<Override PartName="/word/comments.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml" /></Types>"#,
        );
    });
    assert_found(
        &docx,
        "/word/comments.xml is not reached by any relationship",
    );
}

// Regression: `footnotes.xml` had neither a content type of its own nor a relationship.
#[test]
fn a_part_without_content_type_is_found() {
    let docx = repack(&good_docx(), |parts| {
        parts.insert("word/footnotes.bin".to_owned(), "x".to_owned());
    });
    assert_found(&docx, "/word/footnotes.bin has no content type");
    assert_found(
        &docx,
        "/word/footnotes.bin is not reached by any relationship",
    );
}

#[test]
fn a_relationship_to_a_missing_part_is_found() {
    let docx = repack(&good_docx(), |parts| {
        parts.remove("word/numbering.xml");
    });
    assert_found(
        &docx,
        "points at /word/numbering.xml, which the package does not hold",
    );
}

// Regression: the font table listed Times New Roman, Symbol and Arial, but the text is Calibri.
#[test]
fn a_font_missing_from_the_font_table_is_found() {
    let docx = repack(&good_docx(), |parts| {
        let table = parts.get_mut("word/fontTable.xml").unwrap();
        *table = table.replace(r#"w:name="Calibri""#, r#"w:name="Arial""#);
    });
    assert_found(
        &docx,
        "/word/styles.xml: font \"Calibri\" is used but not in the font table",
    );
}

#[test]
fn an_element_without_a_rule_is_found() {
    let docx = repack(&good_docx(), |parts| {
        let settings = parts.get_mut("word/settings.xml").unwrap();
        *settings = settings.replace("<w:zoom ", "<w:view w:val=\"print\" /><w:zoom ");
    });
    assert_found(&docx, "no rule for w:view in w:settings");
}
