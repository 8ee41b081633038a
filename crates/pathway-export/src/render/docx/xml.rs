//! The finishing step for the .docx: what docx-rs 0.4.22 has no API for, done on its XML after
//! `build()` and before packing.
//!
//! - Core properties: title, subject, creator, keywords, description, language, status; no dates,
//!   so the file does not change from one run to the next.
//! - Pictures: unique drawing ids, a name and alt text (`wp:docPr descr`); docx-rs gives every
//!   picture id 1 and no description.
//! - Tables: the first row of every table is a header row that repeats on each page
//!   (`w:tblHeader`).
//! - Defaults and settings: document defaults (font, size, spacing, language `w:lang`), the
//!   font table and the settings part are written here in schema order; the settings ask Word
//!   to update fields on opening, so the table of contents gets its page numbers.
//! - Element order: property elements are put in schema order ([`super::order`]), which
//!   Word checks and LibreOffice does not.
//! - Ids: docx-rs draws paragraph and image ids from counters shared by the whole process, so
//!   every id is renumbered in document order. The same document gives the same bytes however
//!   many documents the process built before it.

use docx_rs::XMLDocx;

use super::order::canonical;
use crate::model::{Document, Status};

/// What the finishing step needs to know about a picture it cannot see in the XML.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    /// The picture's name, such as "Figure 1".
    pub name: String,
    /// The description for screen readers.
    pub alt_text: String,
    /// What the picture shows, drawn when the package is assembled.
    pub constellation: crate::constellation::Constellation,
    /// The bytes that stand for the picture in the package until then.
    pub placeholder: Vec<u8>,
}

/// Amends the built package parts in place.
pub(crate) fn finish(xml: &mut XMLDocx, document: &Document, figures: &[Figure]) {
    xml.doc_props.core = core_properties(document).into_bytes();
    xml.doc_props.app = APP_PROPERTIES.as_bytes().to_vec();
    let mut body = String::from_utf8_lossy(&xml.document).into_owned();
    body = describe_pictures(&body, figures);
    body = mark_header_rows(&body);
    let (body, images) = renumber_images(&body);
    let mut paragraphs = 0;
    xml.document = canonical(&renumber_paragraphs(&body, &mut paragraphs)).into_bytes();
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        let text = String::from_utf8_lossy(part).into_owned();
        *part = canonical(&renumber_paragraphs(&text, &mut paragraphs)).into_bytes();
    }
    let mut rels = String::from_utf8_lossy(&xml.document_rels).into_owned();
    for (old, new) in &images {
        rels = replace_token(&rels, old, new);
    }
    xml.document_rels = rels.into_bytes();
    for (name, _) in xml.media.iter_mut() {
        if let Some((_, new)) = images.iter().find(|(old, _)| old == name) {
            name.clone_from(new);
        }
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

const APP_PROPERTIES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Pathway Kit</Application></Properties>"#;

fn core_properties(document: &Document) -> String {
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

/// Gives the n-th picture id n, its name and its alt text, in both places a picture has them.
fn describe_pictures(body: &str, figures: &[Figure]) -> String {
    let mut out = String::with_capacity(body.len() + 512);
    let mut rest = body;
    let mut index = 0;
    while let Some(start) = rest.find("<wp:docPr ") {
        let Some(end) = rest.get(start..).and_then(|tail| tail.find("/>")) else {
            break;
        };
        out.push_str(rest.get(..start).unwrap_or_default());
        index += 1;
        let (name, alt) = figures
            .get(index - 1)
            .map_or((format!("Picture {index}"), String::new()), |f| {
                (f.name.clone(), f.alt_text.clone())
            });
        out.push_str(&format!(
            r#"<wp:docPr id="{index}" name="{}" descr="{}" />"#,
            escape(&name),
            escape(&alt)
        ));
        rest = rest.get(start + end + 2..).unwrap_or_default();
        // The picture's own non-visual properties follow; describe them the same way.
        if let Some(pic) = rest.find("<pic:cNvPr ")
            && let Some(pic_end) = rest.get(pic..).and_then(|tail| tail.find("/>"))
        {
            out.push_str(rest.get(..pic).unwrap_or_default());
            out.push_str(&format!(
                r#"<pic:cNvPr id="{index}" name="{}" descr="{}" />"#,
                escape(&name),
                escape(&alt)
            ));
            rest = rest.get(pic + pic_end + 2..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// Marks the first row of every table as a header row that repeats on each page.
fn mark_header_rows(body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 256);
    let mut rest = body;
    while let Some(table) = rest.find("<w:tbl>") {
        let head = table + "<w:tbl>".len();
        out.push_str(rest.get(..head).unwrap_or_default());
        rest = rest.get(head..).unwrap_or_default();
        let Some(row) = rest.find("<w:trPr") else {
            continue;
        };
        out.push_str(rest.get(..row).unwrap_or_default());
        rest = rest.get(row..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix("<w:trPr />") {
            out.push_str("<w:trPr><w:tblHeader /></w:trPr>");
            rest = after;
        } else if let Some(after) = rest.strip_prefix("<w:trPr>") {
            out.push_str("<w:trPr><w:tblHeader />");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Renames image relationships `rIdImage<counter>` to `rIdImage1`, `rIdImage2`… in the order
/// the body uses them. Returns the new body and the (old, new) names.
fn renumber_images(body: &str) -> (String, Vec<(String, String)>) {
    const PREFIX: &str = "rIdImage";
    let mut names: Vec<(String, String)> = Vec::new();
    let mut rest = body;
    while let Some(at) = rest.find(PREFIX) {
        let tail = rest.get(at + PREFIX.len()..).unwrap_or_default();
        let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
        let old = format!("{PREFIX}{digits}");
        if !digits.is_empty() && !names.iter().any(|(o, _)| *o == old) {
            let new = format!("{PREFIX}{}", names.len() + 1);
            names.push((old, new));
        }
        rest = tail;
    }
    // Go through a placeholder so that renaming 2 → 1 and 1 → 2 cannot collide.
    let mut out = body.to_owned();
    for (index, (old, _)) in names.iter().enumerate() {
        out = replace_token(&out, old, &format!("\u{0}{index}\u{0}"));
    }
    for (index, (_, new)) in names.iter().enumerate() {
        out = out.replace(&format!("\u{0}{index}\u{0}"), new);
    }
    (out, names)
}

/// Replaces `token` where it is not followed by another digit (so `rIdImage1` does not match
/// inside `rIdImage12`).
fn replace_token(text: &str, token: &str, with: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(token) {
        let after = rest.get(at + token.len()..).unwrap_or_default();
        out.push_str(rest.get(..at).unwrap_or_default());
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            out.push_str(token);
        } else {
            out.push_str(with);
        }
        rest = after;
    }
    out.push_str(rest);
    out
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
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if crate::text::is_dropped(c) => {}
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
    fn header_rows_are_marked_once_per_table() {
        let body = "<w:tbl><w:tr><w:trPr /></w:tr><w:tr><w:trPr /></w:tr></w:tbl><w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr></w:tbl>";
        let marked = mark_header_rows(body);
        assert_eq!(marked.matches("<w:tblHeader />").count(), 2);
        assert!(marked.contains("<w:trPr><w:tblHeader /><w:cantSplit /></w:trPr>"));
        assert!(marked.contains("</w:tr><w:tr><w:trPr /></w:tr>"));
    }

    #[test]
    fn pictures_get_unique_ids_and_descriptions() {
        let body = r#"<wp:docPr id="1" name="Figure" /><pic:cNvPr id="0" name="" /><wp:docPr id="1" name="Figure" /><pic:cNvPr id="0" name="" />"#;
        let figure = |name: &str, alt_text: &str| Figure {
            name: name.into(),
            alt_text: alt_text.into(),
            constellation: crate::constellation::Constellation {
                credentials: Vec::new(),
                stacks: Vec::new(),
                opportunities: Vec::new(),
                links: Vec::new(),
            },
            placeholder: Vec::new(),
        };
        let figures = [
            figure("Figure 1", "A \"map\" & more"),
            figure("Figure 2", "B"),
        ];
        let described = describe_pictures(body, &figures);
        assert!(described.contains(
            r#"<wp:docPr id="1" name="Figure 1" descr="A &quot;map&quot; &amp; more" />"#
        ));
        assert!(described.contains(r#"<wp:docPr id="2" name="Figure 2" descr="B" />"#));
        assert!(described.contains(r#"<pic:cNvPr id="2" name="Figure 2" descr="B" />"#));
    }

    #[test]
    fn image_ids_are_renumbered_without_collisions() {
        let body = r#"r:embed="rIdImage12" r:embed="rIdImage3" r:embed="rIdImage12""#;
        let (out, names) = renumber_images(body);
        assert_eq!(
            out,
            r#"r:embed="rIdImage1" r:embed="rIdImage2" r:embed="rIdImage1""#
        );
        assert_eq!(names.len(), 2);
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
