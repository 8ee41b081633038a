//! Adds the heat map to the Word package the exporter wrote: the briefing carries a marker
//! paragraph ([`MARKER`](crate::heat_picture::MARKER)) where the picture goes, and [`insert`]
//! replaces it with the picture, its alt text and its caption.

use std::io::{Cursor, Read, Write};

use crate::heat_picture::{MARKER, Picture};

/// The widest and tallest the picture is shown, in EMUs: the 6.5 by 9 inches of a letter page's
/// text area, less room for the caption.
const MAX_CX: u64 = 5_943_600;
const MAX_CY: u64 = 7_772_400;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The size the picture is shown at, in EMUs: as wide as the text, unless that makes it taller
/// than the page allows; the aspect is kept.
pub fn extent(width: u32, height: u32) -> (u64, u64) {
    let (w, h) = (u64::from(width.max(1)), u64::from(height.max(1)));
    let cy = MAX_CX * h / w;
    if cy <= MAX_CY {
        (MAX_CX, cy)
    } else {
        (MAX_CY * w / h, MAX_CY)
    }
}

/// The Word package with the marker paragraph replaced by the picture and its caption.
pub fn insert(docx: &[u8], picture: &Picture, alt: &str, caption: &str) -> Result<Vec<u8>, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| format!("the Word file: {e}"))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    let (cx, cy) = extent(picture.width, picture.height);
    for i in 0..archive.len() {
        let mut entry = archive
            .by_index(i)
            .map_err(|e| format!("the Word file: {e}"))?;
        let name = entry.name().to_owned();
        let mut bytes = Vec::new();
        entry
            .read_to_end(&mut bytes)
            .map_err(|e| format!("the Word file: {e}"))?;
        let bytes = match name.as_str() {
            "word/document.xml" => {
                let xml = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                let at = xml.find(MARKER).ok_or("no place for the heat map")?;
                let start = xml
                    .get(..at)
                    .and_then(|s| s.rfind("<w:p "))
                    .ok_or("no paragraph")?;
                let end = at
                    + xml
                        .get(at..)
                        .and_then(|s| s.find("</w:p>"))
                        .ok_or("no end")?
                    + 6;
                let picture = format!(
                    "<w:p><w:pPr><w:pStyle w:val=\"Figure\" /><w:keepNext /></w:pPr><w:r><w:drawing>\
                     <wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
                     <wp:extent cx=\"{cx}\" cy=\"{cy}\" /><wp:docPr id=\"9001\" name=\"Heat map\" descr=\"{alt}\" />\
                     <wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\" /></wp:cNvGraphicFramePr>\
                     <a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">\
                     <a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
                     <pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
                     <pic:nvPicPr><pic:cNvPr id=\"9001\" name=\"heat-map.png\" descr=\"{alt}\" /><pic:cNvPicPr /></pic:nvPicPr>\
                     <pic:blipFill><a:blip r:embed=\"rIdHeatMap\" /><a:stretch><a:fillRect /></a:stretch></pic:blipFill>\
                     <pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\" /><a:ext cx=\"{cx}\" cy=\"{cy}\" /></a:xfrm>\
                     <a:prstGeom prst=\"rect\"><a:avLst /></a:prstGeom></pic:spPr></pic:pic>\
                     </a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>\
                     <w:p><w:pPr><w:pStyle w:val=\"Caption\" /></w:pPr><w:r><w:rPr><w:b /></w:rPr>\
                     <w:t xml:space=\"preserve\">Figure 1. </w:t></w:r><w:r><w:t xml:space=\"preserve\">{caption}</w:t></w:r></w:p>",
                    alt = escape(alt),
                    caption = escape(caption),
                );
                let mut xml = xml;
                xml.replace_range(start..end, &picture);
                xml.into_bytes()
            }
            "word/_rels/document.xml.rels" => {
                let xml = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                xml.replace(
                    "</Relationships>",
                    "<Relationship Id=\"rIdHeatMap\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/heat-map.png\" /></Relationships>",
                )
                .into_bytes()
            }
            "[Content_Types].xml" => {
                let xml = String::from_utf8(bytes).map_err(|e| e.to_string())?;
                if xml.contains("Extension=\"png\"") {
                    xml.into_bytes()
                } else {
                    xml.replacen(
                        "<Default ",
                        "<Default Extension=\"png\" ContentType=\"image/png\" /><Default ",
                        1,
                    )
                    .into_bytes()
                }
            }
            _ => bytes,
        };
        out.start_file(name, options).map_err(|e| e.to_string())?;
        out.write_all(&bytes).map_err(|e| e.to_string())?;
    }
    out.start_file("word/media/heat-map.png", options)
        .map_err(|e| e.to_string())?;
    out.write_all(&picture.png).map_err(|e| e.to_string())?;
    let cursor = out.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
