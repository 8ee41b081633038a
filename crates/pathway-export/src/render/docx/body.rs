//! The main document part (`word/document.xml`), written straight from the document model.
//!
//! docx-rs keeps a tree of every paragraph, run and cell and serializes it at the end; at a
//! state's size (10,000 credentials, a 16 MB body) that tree, its XML and the passes over the
//! XML that docx-rs needed afterwards (ids, alt text, header rows, schema order) cost most of
//! the export's time and memory. So the body is written here in one pass, in its final form:
//! elements in schema order, paragraph ids counted in document order, pictures with their ids,
//! names and alt text, the header row of every table marked. docx-rs still writes the small
//! parts (styles, numbering, header and footer).
//!
//! Text is escaped for XML here and only here ([`text`]); nothing from the plan is written as
//! markup.
//!
//! The XML goes out as it is written, in slices of [`SPILL_BYTES`], to the writer it is given:
//! the package's deflater. A state's educator document has a 65 MB body, which held whole (and
//! copied while it grew) was most of the export's peak memory.

use std::fmt::Write as _;
use std::io;

use super::xml::{escape, escape_instruction};

/// Namespaces and the opening of the body, as docx-rs wrote them.
const HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:w10="urn:schemas-microsoft-com:office:word" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing" xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" mc:Ignorable="w14 wp14">"#,
    "<w:body>"
);

/// How a paragraph is set: the properties the documents use, written in schema order.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Setting<'a> {
    /// The paragraph style's id.
    pub style: Option<&'a str>,
    /// Kept on one page with the next paragraph.
    pub keep_next: bool,
    /// Not split across pages.
    pub keep_lines: bool,
    /// The numbering instance of a list item.
    pub numbering: Option<usize>,
    /// The thin spacer after a table: no spacing, a 6-point line.
    pub spacer: bool,
    /// Set flush right.
    pub right: bool,
}

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    /// The paragraph's own.
    Plain,
    /// Bold.
    Strong,
    /// Italic.
    Emphasis,
    /// The Hyperlink character style.
    Link,
}

/// How much XML is held before it is handed on to the writer.
pub(crate) const SPILL_BYTES: usize = 64 * 1024;

/// The body being written.
pub(crate) struct Body<'w> {
    /// XML not yet handed on: under [`SPILL_BYTES`] after each paragraph, cell, row or table.
    xml: String,
    out: &'w mut dyn io::Write,
    /// The first error the writer gave; the rest of the body is then dropped.
    failed: Option<io::Error>,
    paragraphs: u32,
}

impl<'w> Body<'w> {
    /// An empty body, written to `out` as it grows.
    pub fn new(out: &'w mut dyn io::Write) -> Body<'w> {
        let mut xml = String::with_capacity(SPILL_BYTES * 2);
        xml.push_str(HEAD);
        Body {
            xml,
            out,
            failed: None,
            paragraphs: 0,
        }
    }

    /// Hands the XML written so far to the writer once there is enough of it.
    fn spill(&mut self) {
        if self.xml.len() >= SPILL_BYTES {
            self.hand_on();
        }
    }

    fn hand_on(&mut self) {
        if self.failed.is_none()
            && let Err(error) = self.out.write_all(self.xml.as_bytes())
        {
            self.failed = Some(error);
        }
        self.xml.clear();
    }

    /// How many paragraphs were written (the header and footer number theirs after these).
    pub fn paragraphs(&self) -> u32 {
        self.paragraphs
    }

    /// Opens a paragraph with its properties; runs follow, then [`Body::end_paragraph`].
    pub fn paragraph(&mut self, setting: Setting<'_>) {
        self.paragraphs += 1;
        let _ = write!(
            self.xml,
            r#"<w:p w14:paraId="{:08X}"><w:pPr>"#,
            self.paragraphs
        );
        if let Some(style) = setting.style {
            let _ = write!(self.xml, r#"<w:pStyle w:val="{}" />"#, escape(style));
        }
        if setting.keep_next {
            self.xml.push_str("<w:keepNext />");
        }
        if setting.keep_lines {
            self.xml.push_str("<w:keepLines />");
        }
        if let Some(id) = setting.numbering {
            let _ = write!(
                self.xml,
                r#"<w:numPr><w:ilvl w:val="0" /><w:numId w:val="{id}" /></w:numPr>"#
            );
        }
        if setting.spacer {
            self.xml
                .push_str(r#"<w:spacing w:before="0" w:after="0" w:line="120" />"#);
        }
        if setting.right {
            self.xml.push_str(r#"<w:jc w:val="right" />"#);
        }
        self.xml.push_str("<w:rPr /></w:pPr>");
    }

    /// Closes the paragraph.
    pub fn end_paragraph(&mut self) {
        self.xml.push_str("</w:p>");
        self.spill();
    }

    /// A run of text, cleaned and escaped.
    pub fn run(&mut self, face: Face, text: &str) {
        self.xml.push_str(match face {
            Face::Plain => "<w:r><w:rPr />",
            Face::Strong => "<w:r><w:rPr><w:b /><w:bCs /></w:rPr>",
            Face::Emphasis => "<w:r><w:rPr><w:i /><w:iCs /></w:rPr>",
            Face::Link => r#"<w:r><w:rPr><w:rStyle w:val="Hyperlink" /></w:rPr>"#,
        });
        self.xml.push_str(r#"<w:t xml:space="preserve">"#);
        push_text(&mut self.xml, text);
        self.xml.push_str("</w:t></w:r>");
    }

    /// The start of a field (`instruction` such as ` TOC \o "1-2" `), up to its result.
    /// `dirty` asks Word to update it when the file opens.
    pub fn field_start(&mut self, instruction: &str, dirty: bool) {
        let _ = write!(
            self.xml,
            r#"<w:r><w:rPr /><w:fldChar w:fldCharType="begin" w:dirty="{dirty}" /><w:instrText>{}</w:instrText><w:fldChar w:fldCharType="separate" w:dirty="false" /></w:r>"#,
            escape_instruction(instruction)
        );
    }

    /// The end of a field.
    pub fn field_end(&mut self) {
        self.xml
            .push_str(r#"<w:r><w:rPr /><w:fldChar w:fldCharType="end" w:dirty="false" /></w:r>"#);
    }

    /// Opens a table: fixed layout, the text width, light rules, and its column widths.
    pub fn table(&mut self, widths: &[usize], text_width: usize, rule: &str) {
        let _ = write!(
            self.xml,
            r#"<w:tbl><w:tblPr><w:tblW w:w="{text_width}" w:type="dxa" /><w:jc w:val="left" /><w:tblBorders>"#
        );
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            let _ = write!(
                self.xml,
                r#"<w:{side} w:val="single" w:sz="4" w:space="0" w:color="{rule}" />"#
            );
        }
        self.xml.push_str(concat!(
            r#"</w:tblBorders><w:tblLayout w:type="fixed" />"#,
            r#"<w:tblCellMar><w:top w:w="40" w:type="dxa" /><w:left w:w="90" w:type="dxa" /><w:bottom w:w="40" w:type="dxa" /><w:right w:w="90" w:type="dxa" /></w:tblCellMar>"#,
            "</w:tblPr><w:tblGrid>"
        ));
        for width in widths {
            let _ = write!(self.xml, r#"<w:gridCol w:w="{width}" />"#);
        }
        self.xml.push_str("</w:tblGrid>");
    }

    /// Opens a row that does not split across pages; the header row repeats on each page.
    pub fn row(&mut self, header: bool) {
        self.xml.push_str(if header {
            "<w:tr><w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"
        } else {
            "<w:tr><w:trPr><w:cantSplit /></w:trPr>"
        });
    }

    /// Opens a cell of the given width, shaded with `fill` if any; a paragraph follows.
    pub fn cell(&mut self, width: usize, fill: Option<&str>) {
        let _ = write!(
            self.xml,
            r#"<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa" />"#
        );
        if let Some(fill) = fill {
            let _ = write!(
                self.xml,
                r#"<w:shd w:val="clear" w:color="auto" w:fill="{fill}" />"#
            );
        }
        self.xml.push_str("</w:tcPr>");
    }

    /// Closes a cell.
    pub fn end_cell(&mut self) {
        self.xml.push_str("</w:tc>");
        self.spill();
    }

    /// Closes a row.
    pub fn end_row(&mut self) {
        self.xml.push_str("</w:tr>");
        self.spill();
    }

    /// Closes a table.
    pub fn end_table(&mut self) {
        self.xml.push_str("</w:tbl>");
        self.spill();
    }

    /// A picture in a run of its own: the `number`-th of the document, `width` × `height` EMUs,
    /// its bytes in the package as relationship `rIdImage<number>`.
    pub fn picture(&mut self, number: usize, width: u32, height: u32, name: &str, alt: &str) {
        let (name, alt) = (escape(name), escape(alt));
        let _ = write!(
            self.xml,
            concat!(
                r#"<w:r><w:rPr /><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0">"#,
                r#"<wp:extent cx="{w}" cy="{h}" /><wp:effectExtent b="0" l="0" r="0" t="0" />"#,
                r#"<wp:docPr id="{n}" name="{name}" descr="{alt}" />"#,
                r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" noChangeAspect="1" /></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:nvPicPr>"#,
                r#"<pic:cNvPr id="{n}" name="{name}" descr="{alt}" />"#,
                r#"<pic:cNvPicPr><a:picLocks noChangeAspect="1" noChangeArrowheads="1" /></pic:cNvPicPr></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="rIdImage{n}" /><a:srcRect /><a:stretch><a:fillRect /></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr bwMode="auto"><a:xfrm rot="0"><a:off x="0" y="0" /><a:ext cx="{w}" cy="{h}" /></a:xfrm><a:prstGeom prst="rect"><a:avLst /></a:prstGeom></pic:spPr>"#,
                r#"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"#
            ),
            w = width,
            h = height,
            n = number,
            name = name,
            alt = alt,
        );
    }

    /// Closes the body with the section's page setup and hands on the rest; the writer's
    /// first error, if it gave one.
    pub fn finish(mut self, with_header: bool) -> io::Result<()> {
        self.xml.push_str("<w:sectPr>");
        if with_header {
            self.xml
                .push_str(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#);
        }
        self.xml.push_str(concat!(
            r#"<w:footerReference w:type="default" r:id="rIdFooter1" />"#,
            r#"<w:pgSz w:w="12240" w:h="15840" />"#,
            r#"<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="720" w:footer="720" w:gutter="0" />"#,
            r#"<w:cols w:space="425" w:num="1" />"#,
            "</w:sectPr></w:body></w:document>"
        ));
        self.hand_on();
        match self.failed {
            Some(error) => Err(error),
            None => Ok(()),
        }
    }
}

/// Text as XML character data: what XML cannot hold dropped, line breaks and tabs as spaces
/// (a run is one line), markup characters escaped.
fn push_text(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if crate::prose::is_dropped(c) => {}
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The body's XML, written by `write`.
    fn written(with_header: bool, write: impl FnOnce(&mut Body)) -> String {
        let mut out = Vec::new();
        let mut body = Body::new(&mut out);
        write(&mut body);
        body.finish(with_header).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn text_is_character_data_whatever_it_holds() {
        let xml = written(false, |body| {
            body.paragraph(Setting::default());
            body.run(Face::Plain, "<w:p>&'\"\u{1}\u{FFFE}\nx");
            body.end_paragraph();
        });
        assert!(xml.contains(r#"<w:t xml:space="preserve">&lt;w:p&gt;&amp;&apos;&quot; x</w:t>"#));
        assert!(!xml.contains('\u{1}'));
    }

    #[test]
    fn paragraph_ids_count_up_in_document_order() {
        let xml = written(true, |body| {
            for _ in 0..3 {
                body.paragraph(Setting::default());
                body.end_paragraph();
            }
            assert_eq!(body.paragraphs(), 3);
        });
        assert!(xml.contains(r#"w14:paraId="00000003""#));
        assert!(xml.contains(r#"<w:headerReference w:type="default" r:id="rIdHeader1" />"#));
    }

    /// A writer that keeps what it is given and the size of each write.
    #[derive(Default)]
    struct Recorder {
        bytes: Vec<u8>,
        writes: Vec<usize>,
    }

    impl io::Write for Recorder {
        fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
            self.writes.push(bytes.len());
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    // Regression: the educators' Word document of a 10,000-credential plan held its 65 MB body
    // whole before packing it (74 MiB of the export's peak); the body now goes out in slices.
    #[test]
    fn a_long_body_is_handed_on_in_slices() {
        const PARAGRAPH: &str = "a paragraph of a long body, repeated";
        let paragraphs = 3 * SPILL_BYTES / PARAGRAPH.len();
        let mut recorder = Recorder::default();
        let mut body = Body::new(&mut recorder);
        for _ in 0..paragraphs {
            body.paragraph(Setting::default());
            body.run(Face::Plain, PARAGRAPH);
            body.end_paragraph();
        }
        body.finish(false).unwrap();
        let xml = String::from_utf8(recorder.bytes).unwrap();
        assert_eq!(xml.matches(PARAGRAPH).count(), paragraphs);
        assert!(xml.ends_with("</w:body></w:document>"));
        // Each slice is at most the spill size and the paragraph that crossed it.
        let one = xml.len() / paragraphs + 1;
        assert!(recorder.writes.len() > 3, "{:?}", recorder.writes);
        assert!(
            recorder
                .writes
                .iter()
                .all(|&n| n < SPILL_BYTES + HEAD.len() + one),
            "{:?}",
            recorder.writes
        );
    }

    /// A writer that refuses everything.
    struct Full;

    impl io::Write for Full {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::other("disk full"))
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[test]
    fn the_writers_error_is_given_back() {
        let mut full = Full;
        let mut body = Body::new(&mut full);
        body.paragraph(Setting::default());
        body.end_paragraph();
        let error = body.finish(false).unwrap_err();
        assert_eq!(error.to_string(), "disk full");
    }

    #[test]
    fn a_hostile_link_address_stays_inside_its_field() {
        let xml = written(false, |body| {
            body.field_start(" HYPERLINK \"https://x.example/?a=1&b=<c>\" ", false);
        });
        assert!(xml.contains("a=1&amp;b=&lt;c&gt;"));
    }
}
