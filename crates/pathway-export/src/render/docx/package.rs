//! The .docx package: which parts it holds, their content types, and the relationships that
//! reach them.
//!
//! docx-rs 0.4.22 packs every part it knows of, used or not: an empty `comments.xml` with a
//! content type but no relationship, a `footnotes.xml` with neither, a `commentsExtended.xml`
//! and a `custom.xml` that say nothing, and no theme. Word treats such a package as damaged and
//! offers to repair it. So the package is written here from the parts the document uses, and
//! the content types and relationships are made from that same list, so the three cannot
//! disagree.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const RELATIONSHIP: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const CONTENT_TYPE: &str = "application/vnd.openxmlformats-officedocument";

/// One part of the package, as the main document's relationships name it.
struct Part {
    /// The part's name inside the package, without the leading `/`.
    name: String,
    /// Its content type.
    content_type: String,
    /// The relationship's id and type, from the part that refers to it.
    id: String,
    relationship: String,
    bytes: Vec<u8>,
}

/// The finished package's bytes: the main document, the parts it uses, and the theme.
pub(crate) fn pack(xml: XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
    let word = |name: &str, kind: &str, id: &str, relationship: &str, bytes: Vec<u8>| Part {
        name: format!("word/{name}"),
        content_type: format!("{CONTENT_TYPE}.{kind}"),
        id: id.to_owned(),
        relationship: format!("{RELATIONSHIP}/{relationship}"),
        bytes,
    };
    // The ids the body refers to (`rIdHeader1`, `rIdFooter1`, `rIdImage1`) are docx-rs's and
    // are kept; the others are ours.
    let mut parts = vec![
        word(
            "styles.xml",
            "wordprocessingml.styles+xml",
            "rId1",
            "styles",
            xml.styles,
        ),
        word(
            "settings.xml",
            "wordprocessingml.settings+xml",
            "rId2",
            "settings",
            xml.settings,
        ),
        word(
            "fontTable.xml",
            "wordprocessingml.fontTable+xml",
            "rId3",
            "fontTable",
            xml.font_table,
        ),
        word(
            "numbering.xml",
            "wordprocessingml.numbering+xml",
            "rId4",
            "numbering",
            xml.numberings,
        ),
        word(
            "theme/theme1.xml",
            "theme+xml",
            "rId5",
            "theme",
            super::theme::THEME.as_bytes().to_vec(),
        ),
    ];
    let mut part_rels = Vec::new();
    for (index, bytes) in xml.headers.into_iter().enumerate() {
        let number = index + 1;
        let name = format!("header{number}.xml");
        if let Some(rels) = xml
            .header_rels
            .get(index)
            .filter(|rels| has_relationships(rels))
        {
            part_rels.push((format!("word/_rels/{name}.rels"), rels.clone()));
        }
        parts.push(word(
            &name,
            "wordprocessingml.header+xml",
            &format!("rIdHeader{number}"),
            "header",
            bytes,
        ));
    }
    for (index, bytes) in xml.footers.into_iter().enumerate() {
        let number = index + 1;
        let name = format!("footer{number}.xml");
        if let Some(rels) = xml
            .footer_rels
            .get(index)
            .filter(|rels| has_relationships(rels))
        {
            part_rels.push((format!("word/_rels/{name}.rels"), rels.clone()));
        }
        parts.push(word(
            &name,
            "wordprocessingml.footer+xml",
            &format!("rIdFooter{number}"),
            "footer",
            bytes,
        ));
    }
    for (id, bytes) in xml.media {
        parts.push(Part {
            name: format!("word/media/{id}.png"),
            content_type: "image/png".to_owned(),
            relationship: format!("{RELATIONSHIP}/image"),
            id,
            bytes,
        });
    }

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // No timestamps beyond the format's 1980 default, so the bytes do not change between runs.
    let text = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    let mut add = |name: &str, bytes: &[u8], options: SimpleFileOptions| {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
        Ok::<_, zip::result::ZipError>(())
    };
    add(
        "[Content_Types].xml",
        content_types(&parts).as_bytes(),
        text,
    )?;
    add("_rels/.rels", PACKAGE_RELATIONSHIPS.as_bytes(), text)?;
    add("docProps/core.xml", &xml.doc_props.core, text)?;
    add("docProps/app.xml", &xml.doc_props.app, text)?;
    add("word/document.xml", &xml.document, text)?;
    add(
        "word/_rels/document.xml.rels",
        document_relationships(&parts).as_bytes(),
        text,
    )?;
    for part in &parts {
        // PNG is compressed already.
        let options = if part.content_type.starts_with("image/") {
            stored
        } else {
            text
        };
        add(&part.name, &part.bytes, options)?;
    }
    for (name, bytes) in &part_rels {
        add(name, bytes, text)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The relationships of the package itself: the main document and the two property parts.
const PACKAGE_RELATIONSHIPS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    "\n",
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml" />"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml" />"#,
    r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml" />"#,
    "</Relationships>"
);

fn content_types(parts: &[Part]) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />"#,
        r#"<Default Extension="xml" ContentType="application/xml" />"#,
        r#"<Default Extension="png" ContentType="image/png" />"#,
        r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" />"#,
        r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml" />"#,
        r#"<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml" />"#,
    ));
    for part in parts.iter().filter(|part| part.name.ends_with(".xml")) {
        out.push_str(&format!(
            r#"<Override PartName="/{}" ContentType="{}" />"#,
            part.name, part.content_type
        ));
    }
    out.push_str("</Types>");
    out
}

fn document_relationships(parts: &[Part]) -> String {
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        "\n",
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    ));
    for part in parts {
        out.push_str(&format!(
            r#"<Relationship Id="{}" Type="{}" Target="{}" />"#,
            super::xml::escape(&part.id),
            part.relationship,
            part.name.strip_prefix("word/").unwrap_or(&part.name)
        ));
    }
    out.push_str("</Relationships>");
    out
}

/// Whether a relationships part lists any relationship (docx-rs writes one for every header
/// and footer, most of them empty).
fn has_relationships(rels: &[u8]) -> bool {
    rels.windows(b"<Relationship ".len())
        .any(|window| window == b"<Relationship ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_relationship_parts_are_left_out() {
        assert!(!has_relationships(
            br#"<Relationships xmlns="x"></Relationships>"#
        ));
        assert!(has_relationships(
            br#"<Relationships xmlns="x"><Relationship Id="a" /></Relationships>"#
        ));
    }
}
