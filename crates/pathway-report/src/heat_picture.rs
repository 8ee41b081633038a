//! The coverage heat map as a picture in `report.docx`: one row per plan (up to
//! [`MAX_PLAN_ROWS`](crate::heat::MAX_PLAN_ROWS)) or per readiness level beyond, one column
//! per area, each cell shaded by the share of the area's required decision points answered.
//!
//! The exporter's figures are constellation pictures, so the heat map is added to the Word
//! package after the exporter writes it: the briefing carries a marker paragraph where the
//! picture goes, and [`insert`] replaces it with the picture and its caption.

use std::io::{Cursor, Read, Write};

use pathway_schema::Readiness;

use crate::heat::area_cell;
use crate::report::Report;

/// The text of the paragraph the picture replaces; no plan's words can produce it, since the
/// briefing's own text is written by this crate.
pub const MARKER: &str = "\u{2063}pathway-report-heat-map\u{2063}";

const CELL_W: u32 = 72;
const CELL_H: u32 = 18;
const GAP: u32 = 2;

/// The rows of the map: a label and, per area, the answered share (`None`: nothing required).
pub fn rows(report: &Report) -> Vec<(String, Vec<Option<f64>>)> {
    let counted: Vec<_> = report
        .plans
        .iter()
        .filter(|p| p.answered.is_some())
        .collect();
    if counted.len() <= crate::heat::MAX_PLAN_ROWS {
        return counted
            .iter()
            .map(|row| {
                let cells = report
                    .areas
                    .iter()
                    .map(|area| match area_cell(row, &area.area) {
                        Some((_, 0)) | None => None,
                        Some((answered, required)) => {
                            Some(f64::from(answered) / f64::from(required))
                        }
                    })
                    .collect();
                (row.plan.clone().unwrap_or_default(), cells)
            })
            .collect();
    }
    Readiness::ALL
        .iter()
        .filter_map(|level| {
            let plans: Vec<_> = counted
                .iter()
                .filter(|p| p.readiness.as_deref() == Some(level.as_str()))
                .collect();
            if plans.is_empty() {
                return None;
            }
            let cells = report
                .areas
                .iter()
                .map(|area| {
                    let (mut answered, mut required) = (0u64, 0u64);
                    for row in &plans {
                        if let Some((a, r)) = area_cell(row, &area.area) {
                            answered += u64::from(a);
                            required += u64::from(r);
                        }
                    }
                    (required > 0).then(|| answered as f64 / required as f64)
                })
                .collect();
            Some((format!("{} ({} plans)", level.as_str(), plans.len()), cells))
        })
        .collect()
}

/// The shade of a cell: pale for nothing answered to deep blue for everything; grey where
/// nothing is required.
fn shade(share: Option<f64>) -> [u8; 3] {
    match share {
        None => [225, 225, 225],
        Some(share) => {
            let t = share.clamp(0.0, 1.0);
            let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
            [mix(253.0, 8.0), mix(224.0, 81.0), mix(221.0, 156.0)]
        }
    }
}

/// The picture as PNG bytes, with its size in pixels; `None` when no plan was counted.
pub fn draw(report: &Report) -> Option<(Vec<u8>, u32, u32)> {
    let rows = rows(report);
    if rows.is_empty() {
        return None;
    }
    let columns = report.areas.len() as u32;
    let width = columns * (CELL_W + GAP) + GAP;
    let height = rows.len() as u32 * (CELL_H + GAP) + GAP;
    let mut pixels = vec![255u8; (width * height * 3) as usize];
    for (r, (_, cells)) in rows.iter().enumerate() {
        for (c, share) in cells.iter().enumerate() {
            let color = shade(*share);
            let (x0, y0) = (
                GAP + c as u32 * (CELL_W + GAP),
                GAP + r as u32 * (CELL_H + GAP),
            );
            for y in y0..y0 + CELL_H {
                for x in x0..x0 + CELL_W {
                    let at = ((y * width + x) * 3) as usize;
                    if let Some(pixel) = pixels.get_mut(at..at + 3) {
                        pixel.copy_from_slice(&color);
                    }
                }
            }
        }
    }
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().ok()?;
        writer.write_image_data(&pixels).ok()?;
        writer.finish().ok()?;
    }
    Some((png, width, height))
}

/// What the picture shows, for readers who cannot see it.
pub fn alt_text(report: &Report) -> String {
    let rows = rows(report);
    let per = if rows.len() < report.totals.counted as usize {
        "readiness level"
    } else {
        "plan"
    };
    let weakest = report
        .areas
        .iter()
        .filter(|a| a.points_required > 0)
        .min_by(|a, b| {
            (a.points_answered * b.points_required).cmp(&(b.points_answered * a.points_required))
        });
    let mut text = format!(
        "Heat map of decision-point coverage: {} rows, one per {per}, and {} columns, one per \
         area of the toolkit ({}). Deeper blue cells answer more of the area's required \
         decision points; grey cells require none.",
        rows.len(),
        report.areas.len(),
        report
            .areas
            .iter()
            .map(|a| a.title.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    );
    if let Some(area) = weakest {
        text.push_str(&format!(
            " The least answered area is {}: {} of {} required points answered.",
            area.title, area.points_answered, area.points_required
        ));
    }
    text.push_str(" The table above gives the same figures.");
    text
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The Word package with the marker paragraph replaced by the picture and its caption.
pub fn insert(
    docx: &[u8],
    png: &[u8],
    (width, height): (u32, u32),
    alt: &str,
    caption: &str,
) -> Result<Vec<u8>, String> {
    let mut archive =
        zip::ZipArchive::new(Cursor::new(docx)).map_err(|e| format!("the Word file: {e}"))?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default());
    // 6.5 inches wide at most, in EMUs; the height keeps the aspect.
    let cx: u64 = 5_943_600;
    let cy = cx * u64::from(height) / u64::from(width.max(1));
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
    out.write_all(png).map_err(|e| e.to_string())?;
    let cursor = out.finish().map_err(|e| e.to_string())?;
    Ok(cursor.into_inner())
}
