//! The finishing step for the .docx: what docx-rs 0.4.22 has no API for, done on its XML after
//! `build()` and before packing.
//!
//! - Core properties: title, subject, creator, keywords, description, language, status; no dates,
//!   so the file does not change from one run to the next.
//! - Defaults and settings: document defaults (font, size, spacing, language `w:lang`), the
//!   font table and the settings part are written here in schema order; the settings ask Word
//!   to update fields on opening, so the table of contents gets its page numbers.
//! - Element order: property elements are put in schema order ([`super::order`]), which
//!   Word checks and LibreOffice does not.
//! - Ids: docx-rs draws paragraph ids from counters shared by the whole process, so the
//!   header's and footer's are renumbered after the body's. The same document gives the same
//!   bytes however many documents the process built before it.

use docx_rs::XMLDocx;

use super::order::canonical;
use crate::model::{Document, Status};

/// What the finishing step needs to know about a picture it cannot see in the XML.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PictureSlot {
    /// The picture's name, such as "Figure 1".
    pub name: String,
    /// The description for screen readers.
    pub alt_text: String,
    /// What the picture shows, drawn when the package is assembled.
    pub constellation: crate::constellation::Constellation,
    /// The bytes that stand for the picture in the package until then.
    pub placeholder: Vec<u8>,
}

/// Amends the built package parts in place. The body is written whole by [`super::body`];
/// `body_paragraphs` is how many paragraphs it has, so the header's and footer's ids follow
/// them.
pub(crate) fn finish(xml: &mut XMLDocx, document: &Document, body_paragraphs: u32) {
    let mut paragraphs = body_paragraphs;
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        let text = String::from_utf8_lossy(part).into_owned();
        *part = canonical(&renumber_paragraphs(&text, &mut paragraphs)).into_bytes();
    }
    xml.media.sort_by(|a, b| a.0.cmp(&b.0));
    let language = &document.properties.language;
    let styles = String::from_utf8_lossy(&xml.styles).into_owned();
    let styles = default_styles(&replace_doc_defaults(&styles, language));
    xml.styles = canonical(&styles).into_bytes();
    let numbering = String::from_utf8_lossy(&xml.numberings).into_owned();
    xml.numberings = canonical(&numbering).into_bytes();
    xml.settings = settings(language).into_bytes();
    xml.font_table = super::theme::FONT_TABLE.as_bytes().to_vec();
}

/// The body font, size, spacing and language every style starts from.
fn doc_defaults(language: &str) -> String {
    format!(
        concat!(
            "<w:docDefaults><w:rPrDefault><w:rPr>",
            r#"<w:rFonts w:ascii="Calibri" w:eastAsia="Calibri" w:hAnsi="Calibri" w:cs="Calibri" />"#,
            r#"<w:color w:val="1F2937" /><w:sz w:val="22" /><w:szCs w:val="22" />"#,
            r#"<w:lang w:val="{lang}" w:eastAsia="{lang}" w:bidi="ar-SA" />"#,
            "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr>",
            r#"<w:spacing w:after="140" w:line="264" w:lineRule="auto" />"#,
            "</w:pPr></w:pPrDefault></w:docDefaults>"
        ),
        lang = escape(language)
    )
}

/// Replaces the document defaults docx-rs wrote with [`doc_defaults`].
fn replace_doc_defaults(styles: &str, language: &str) -> String {
    const OPEN: &str = "<w:docDefaults>";
    const CLOSE: &str = "</w:docDefaults>";
    match (styles.find(OPEN), styles.find(CLOSE)) {
        (Some(start), Some(end)) if start < end => format!(
            "{}{}{}",
            styles.get(..start).unwrap_or_default(),
            doc_defaults(language),
            styles.get(end + CLOSE.len()..).unwrap_or_default()
        ),
        _ => styles.to_owned(),
    }
}

/// The styles every Word document has, marked as defaults: Normal for paragraphs, and the
/// default character, table and list styles. Readers such as python-docx find a paragraph's
/// style through them when it names none.
const DEFAULT_STYLES: &str = concat!(
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal" /><w:qFormat /></w:style>"#,
    r#"<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font" /><w:uiPriority w:val="1" /><w:semiHidden /><w:unhideWhenUsed /></w:style>"#,
    r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table" /><w:uiPriority w:val="99" /><w:semiHidden /><w:unhideWhenUsed /><w:tblPr><w:tblInd w:w="0" w:type="dxa" /><w:tblCellMar><w:top w:w="0" w:type="dxa" /><w:left w:w="108" w:type="dxa" /><w:bottom w:w="0" w:type="dxa" /><w:right w:w="108" w:type="dxa" /></w:tblCellMar></w:tblPr></w:style>"#,
    r#"<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List" /><w:uiPriority w:val="99" /><w:semiHidden /><w:unhideWhenUsed /></w:style>"#,
);

/// Replaces the Normal style docx-rs always writes (not marked as the default) with
/// [`DEFAULT_STYLES`].
fn default_styles(styles: &str) -> String {
    const OPEN: &str = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
    const CLOSE: &str = "</w:style>";
    let Some(start) = styles.find(OPEN) else {
        return styles.to_owned();
    };
    let Some(end) = styles.get(start..).and_then(|tail| tail.find(CLOSE)) else {
        return styles.to_owned();
    };
    format!(
        "{}{DEFAULT_STYLES}{}",
        styles.get(..start).unwrap_or_default(),
        styles.get(start + end + CLOSE.len()..).unwrap_or_default()
    )
}

/// The settings part: zoom, tab stops, fields updated on opening (Word then fills in the table
/// of contents' page numbers, after asking), Word 2013+ layout, and the language of theme
/// fonts, in schema order.
fn settings(language: &str) -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
            r#"<w:zoom w:percent="100" /><w:defaultTabStop w:val="720" />"#,
            r#"<w:characterSpacingControl w:val="doNotCompress" />"#,
            r#"<w:updateFields w:val="true" />"#,
            r#"<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15" /></w:compat>"#,
            r#"<w:themeFontLang w:val="{}" />"#,
            "</w:settings>"
        ),
        escape(language)
    )
}

/// The extended properties part: the application's name only.
pub(crate) const APP_PROPERTIES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Pathway Kit</Application></Properties>"#;

/// The core properties part, from the document's properties and status.
pub(crate) fn core_properties(document: &Document) -> String {
    let properties = &document.properties;
    let status = match document.status {
        Status::Final => "Final",
        Status::Draft { .. } => "Draft",
    };
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            "\n",
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator>",
            "<cp:keywords>{}</cp:keywords><dc:description>{}</dc:description>",
            "<dc:language>{}</dc:language><cp:lastModifiedBy>Pathway Kit</cp:lastModifiedBy>",
            "<cp:revision>1</cp:revision><cp:contentStatus>{}</cp:contentStatus>",
            "</cp:coreProperties>"
        ),
        escape(&document.title),
        escape(&properties.subject),
        escape(&properties.creator),
        escape(&properties.keywords.join("; ")),
        escape(&properties.description),
        escape(&properties.language),
        status,
    )
}

/// Numbers `w14:paraId` values from `next` on, in order.
fn renumber_paragraphs(part: &str, next: &mut u32) -> String {
    const ATTRIBUTE: &str = "w14:paraId=\"";
    let mut out = String::with_capacity(part.len());
    let mut rest = part;
    while let Some(at) = rest.find(ATTRIBUTE) {
        let value_start = at + ATTRIBUTE.len();
        out.push_str(rest.get(..value_start).unwrap_or_default());
        let tail = rest.get(value_start..).unwrap_or_default();
        let Some(end) = tail.find('"') else {
            break;
        };
        *next += 1;
        out.push_str(&format!("{:08X}", *next));
        rest = tail.get(end..).unwrap_or_default();
    }
    out.push_str(rest);
    out
}

/// Text as XML character data or attribute value.
pub(crate) fn escape(text: &str) -> String {
    escape_keeping_quotes(text, false)
}

/// A field instruction as XML character data. Quotes stay as they are: they delimit the
/// field's arguments (a hyperlink's address).
pub(crate) fn escape_instruction(instruction: &str) -> String {
    escape_keeping_quotes(instruction, true)
}

fn escape_keeping_quotes(text: &str, keep_quotes: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' | '\'' if keep_quotes => out.push(c),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if crate::prose::is_dropped(c) => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_text_is_xml_character_data() {
        // Regression: U+FFFE in a plan title made docProps/core.xml invalid XML.
        assert_eq!(
            escape("a<b & \"c\"\u{FFFE}\u{1}\u{202E}"),
            "a&lt;b &amp; &quot;c&quot;"
        );
    }

    #[test]
    fn paragraph_ids_count_up_across_parts() {
        let mut next = 0;
        let first = renumber_paragraphs(
            r#"<w:p w14:paraId="0000000A"><w:p w14:paraId="00000001">"#,
            &mut next,
        );
        let second = renumber_paragraphs(r#"<w:p w14:paraId="00000001">"#, &mut next);
        assert_eq!(
            first,
            r#"<w:p w14:paraId="00000001"><w:p w14:paraId="00000002">"#
        );
        assert_eq!(second, r#"<w:p w14:paraId="00000003">"#);
    }

    #[test]
    fn normal_is_the_default_paragraph_style() {
        let styles = r#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal" /></w:style><w:style w:type="paragraph" w:styleId="Title" /></w:styles>"#;
        let replaced = default_styles(styles);
        assert!(replaced.contains(r#"w:default="1" w:styleId="Normal""#));
        assert_eq!(replaced.matches(r#"w:styleId="Normal""#).count(), 1);
        assert!(
            replaced.ends_with(r#"<w:style w:type="paragraph" w:styleId="Title" /></w:styles>"#)
        );
    }

    #[test]
    fn document_defaults_carry_the_language() {
        let styles = "<w:styles><w:docDefaults><w:rPrDefault><w:rPr /></w:rPrDefault></w:docDefaults><w:style /></w:styles>";
        let replaced = replace_doc_defaults(styles, "en-GB");
        assert!(replaced.contains(r#"<w:lang w:val="en-GB""#), "{replaced}");
        assert!(replaced.ends_with("</w:docDefaults><w:style /></w:styles>"));
        assert!(settings("en-GB").contains(r#"<w:themeFontLang w:val="en-GB" />"#));
        assert!(settings("en-GB").contains(r#"<w:updateFields w:val="true" />"#));
    }
}
