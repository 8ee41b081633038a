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

/// The package's parts other than the main document, from docx-rs's build: `headers` and
/// `footers` are each part's bytes, `media` the pictures' relationship ids and bytes.
fn parts(
    xml: PartsXml,
    headers: Vec<Vec<u8>>,
    footers: Vec<Vec<u8>>,
    media: Vec<(String, Vec<u8>)>,
) -> Vec<Part> {
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
    for (index, bytes) in headers.into_iter().enumerate() {
        let number = index + 1;
        parts.push(word(
            &format!("header{number}.xml"),
            "wordprocessingml.header+xml",
            &format!("rIdHeader{number}"),
            "header",
            bytes,
        ));
    }
    for (index, bytes) in footers.into_iter().enumerate() {
        let number = index + 1;
        parts.push(word(
            &format!("footer{number}.xml"),
            "wordprocessingml.footer+xml",
            &format!("rIdFooter{number}"),
            "footer",
            bytes,
        ));
    }
    for (id, bytes) in media {
        parts.push(Part {
            name: format!("word/media/{id}.png"),
            content_type: "image/png".to_owned(),
            relationship: format!("{RELATIONSHIP}/image"),
            id,
            bytes,
        });
    }
    parts
}

/// The small parts docx-rs builds.
#[derive(Default)]
struct PartsXml {
    styles: Vec<u8>,
    settings: Vec<u8>,
    font_table: Vec<u8>,
    numberings: Vec<u8>,
}

/// A package being written. [`Package::start`] writes the parts that come before the main
/// document and opens it; the body is then written into the package (it is a writer), deflated
/// as it comes; [`Package::finish`] adds the parts docx-rs built once the body was done.
pub(crate) struct Package {
    zip: ZipWriter<Cursor<Vec<u8>>>,
    /// Body XML not yet handed to the deflater (see [`HOLD_BYTES`]).
    held: Vec<u8>,
    /// The parts `[Content_Types].xml` listed, so `finish` can check it adds the same.
    listed: Vec<String>,
}

/// How much of the body is held before the deflater is given it. The deflater (zlib-rs, by way
/// of flate2) decides its blocks a little differently when its input runs out in the middle of
/// a stream, so a body handed over in small slices deflates to other bytes than the same body
/// handed over whole. Given at least this much at a time, each call stops when its 32 KiB of
/// output is full (about 0.5 MB of a document's XML) long before its input runs out, as it did
/// when the whole body was written at once: the file is the same, byte for byte.
const HOLD_BYTES: usize = 4 << 20;

/// Entries that are text, deflated; no timestamps beyond the format's 1980 default, so the
/// bytes do not change between runs.
fn text_entry() -> SimpleFileOptions {
    SimpleFileOptions::default().compression_method(CompressionMethod::Deflated)
}

impl Package {
    /// Writes the content types, the package's relationships and the two property parts
    /// (`core` and `app`), and opens `word/document.xml`. The package will have `headers`
    /// headers and `footers` footers, which the content types name.
    pub(crate) fn start(
        core: &[u8],
        app: &[u8],
        headers: usize,
        footers: usize,
    ) -> zip::result::ZipResult<Package> {
        let listed = parts(
            PartsXml::default(),
            vec![Vec::new(); headers],
            vec![Vec::new(); footers],
            Vec::new(),
        );
        let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
        let mut add = |name: &str, bytes: &[u8]| {
            zip.start_file(name, text_entry())?;
            zip.write_all(bytes)?;
            Ok::<_, zip::result::ZipError>(())
        };
        add("[Content_Types].xml", content_types(&listed).as_bytes())?;
        add("_rels/.rels", PACKAGE_RELATIONSHIPS.as_bytes())?;
        add("docProps/core.xml", core)?;
        add("docProps/app.xml", app)?;
        zip.start_file("word/document.xml", text_entry())?;
        Ok(Package {
            zip,
            held: Vec::with_capacity(HOLD_BYTES + HOLD_BYTES / 4),
            listed: listed.into_iter().map(|part| part.name).collect(),
        })
    }

    /// Closes the main document and adds the parts docx-rs built (its `document` is not
    /// used: the body was written into the package) and the pictures; the package's bytes.
    pub(crate) fn finish(mut self, xml: XMLDocx) -> zip::result::ZipResult<Vec<u8>> {
        self.zip.write_all(&self.held)?;
        self.held = Vec::new();
        let mut part_rels = Vec::new();
        for (kind, rels, count) in [
            ("header", &xml.header_rels, xml.headers.len()),
            ("footer", &xml.footer_rels, xml.footers.len()),
        ] {
            for (index, rels) in rels.iter().enumerate().take(count) {
                if has_relationships(rels) {
                    part_rels.push((
                        format!("word/_rels/{kind}{}.xml.rels", index + 1),
                        rels.clone(),
                    ));
                }
            }
        }
        let parts = parts(
            PartsXml {
                styles: xml.styles,
                settings: xml.settings,
                font_table: xml.font_table,
                numberings: xml.numberings,
            },
            xml.headers,
            xml.footers,
            xml.media,
        );
        // The content types were written before the body, from the parts expected then.
        let added: Vec<&str> = parts
            .iter()
            .map(|part| part.name.as_str())
            .filter(|name| !name.starts_with("word/media/"))
            .collect();
        if added != self.listed {
            return Err(std::io::Error::other(format!(
                "the package's parts ({}) are not those its content types list ({})",
                added.join(", "),
                self.listed.join(", ")
            ))
            .into());
        }
        let text = text_entry();
        let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
        let mut add = |name: &str, bytes: &[u8], options: SimpleFileOptions| {
            self.zip.start_file(name, options)?;
            self.zip.write_all(bytes)?;
            Ok::<_, zip::result::ZipError>(())
        };
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
        Ok(self.zip.finish()?.into_inner())
    }
}

impl Write for Package {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.held.extend_from_slice(bytes);
        while self.held.len() >= HOLD_BYTES {
            match self.zip.write(&self.held)? {
                0 => return Err(std::io::ErrorKind::WriteZero.into()),
                taken => {
                    self.held.drain(..taken);
                }
            }
        }
        Ok(bytes.len())
    }

    /// Does nothing: what is held goes to the deflater when there is enough of it or when the
    /// package is finished, so that flushing cannot change the file's bytes.
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
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
