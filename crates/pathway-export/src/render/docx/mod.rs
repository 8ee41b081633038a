//! The Word renderer: the document model as a .docx file. The body is written straight to its
//! XML by [`body`]; docx-rs builds the small parts (styles, numbering, header and footer), which
//! [`xml`] finishes.
//!
//! What makes it a document a leader can hand out: real Heading 1–3 styles with outline levels
//! (Word's navigation pane and the table of contents see them), a table-of-contents field that
//! Word refreshes on opening (pre-filled, so other programs show the entries too), numbered and
//! bulleted lists from a numbering definition, tables whose header row repeats across pages, the
//! constellation as a picture with alt text and a caption, page numbers in the footer, US Letter
//! pages with one-inch margins.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, Footer, Header, Level, LevelJc, LevelText,
    LineSpacing, NumPages, NumberFormat, Numbering, PageMargin, PageNum, Paragraph,
    ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run, RunFonts, Shading, ShdType,
    SpecialIndentType, Start, Style, StyleType, XMLDocx,
};

mod body;
mod layout;
mod order;
mod package;
mod theme;
mod xml;

use body::{Body, Face, Setting};
use layout::{PAGE, Room};
use package::Package;

use super::{Pictures, RenderError, Rendered, Renderer};
use crate::model::{
    Alignment, Block, Callout, Document, Figure, HeadingLevel, Inline, Table, Tone,
};
use theme::FONT;
use xml::PictureSlot;

/// Why a .docx could not be written.
#[derive(Debug)]
pub enum DocxError {
    /// The package could not be assembled.
    Package(String),
}

impl std::fmt::Display for DocxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocxError::Package(message) => {
                write!(f, "the Word file could not be written: {message}")
            }
        }
    }
}

impl std::error::Error for DocxError {}

const BULLETS: usize = 2;
const NUMBERS: usize = 3;
/// Text width of a Letter page with one-inch margins, in twentieths of a point.
const TEXT_WIDTH: usize = 9360;
const PICTURE_MAX_WIDTH_EMU: u32 = 5_943_600;
const EMU_PER_TWIP: u32 = 635;
/// The smallest a picture is made to fit the space left on a page, in twips: below this its
/// labels get hard to read, and it goes to the next page at full size instead.
const PICTURE_MIN_HEIGHT: u32 = 2880;
/// The most a picture is shrunk to fit the space left on a page, as a share of its full size;
/// smaller still, its labels get too small to read, and text is moved up before it instead.
const PICTURE_MIN_SCALE: f64 = 0.4;

const INK: &str = "1F2937";
const ACCENT: &str = "1F4E79";
const ACCENT_LIGHT: &str = "2E74B5";
const MUTED: &str = "5A6472";
const RULE: &str = "BFC7D1";
const HEADER_FILL: &str = "DCE6F2";
const NOTE_FILL: &str = "EEF4FB";
const WARNING_FILL: &str = "FFF4E0";
const WARNING_RULE: &str = "C77700";

/// Writes a document as a .docx file. The same document always gives the same bytes, in one
/// process or across processes.
pub fn render_docx(document: &Document) -> Result<Vec<u8>, DocxError> {
    prepare_docx(document)?.finish(&Pictures::new())
}

/// Word, with the constellation as a picture.
pub struct Word;

impl Renderer for Word {
    fn name(&self) -> &'static str {
        "docx"
    }

    fn about(&self) -> &'static str {
        "Word, with the constellation as a picture"
    }

    fn shows_pictures(&self) -> bool {
        true
    }

    fn render<'d>(&self, document: &'d Document) -> Result<Rendered<'d>, RenderError> {
        let prepared =
            prepare_docx(document).map_err(|error| RenderError::new(error.to_string()))?;
        Ok(Rendered::AwaitingPictures(Box::new(move |pictures| {
            prepared
                .finish(pictures)
                .map_err(|error| RenderError::new(error.to_string()))
        })))
    }
}

/// A Word document built but for its pictures, which go in when it is packed.
struct PreparedDocx {
    /// The package with its body written (deflated).
    package: Package,
    /// The small parts.
    xml: XMLDocx,
    figures: Vec<PictureSlot>,
}

impl PreparedDocx {
    /// Puts in the pictures (taking them from `pictures`, which draws those it lacks) and packs
    /// the .docx file.
    fn finish(mut self, pictures: &Pictures) -> Result<Vec<u8>, DocxError> {
        insert_pictures(&mut self.xml, &self.figures, pictures)?;
        self.package
            .finish(self.xml)
            .map_err(|error| DocxError::Package(error.to_string()))
    }
}

/// Builds a document's Word parts without drawing its pictures, so that a picture being drawn
/// on another thread holds up only [`PreparedDocx::finish`]. The body is written straight to
/// its XML ([`body`]), into the package as it goes; docx-rs builds the small parts around it.
fn prepare_docx(document: &Document) -> Result<PreparedDocx, DocxError> {
    let mut figures = Vec::new();
    let mut numbered_lists = 0;
    let mut docx = with_styles(Docx::new())
        .page_size(12240, 15840)
        .page_margin(
            PageMargin::new()
                .top(1440)
                .bottom(1440)
                .left(1440)
                .right(1440)
                .header(720)
                .footer(720),
        )
        .add_abstract_numbering(bullet_definition())
        .add_abstract_numbering(number_definition())
        .add_numbering(Numbering::new(BULLETS, BULLETS))
        .footer(footer(&document.title));
    let draft = document.status.is_draft();
    if draft {
        docx = docx.header(draft_header());
    }
    let package_error = |error: zip::result::ZipError| DocxError::Package(error.to_string());
    // One header (the draft mark) or none, and one footer (the page numbers), as set above.
    let mut package = Package::start(
        xml::core_properties(document).as_bytes(),
        xml::APP_PROPERTIES.as_bytes(),
        usize::from(draft),
        1,
    )
    .map_err(package_error)?;
    let mut body = Body::new(&mut package);
    styled(&mut body, "Title", &document.title);
    styled(&mut body, "Subtitle", &document.subtitle);
    // Each picture's size, and the order the blocks go in around the pictures that do not fit
    // where they start (see `layout::arrange`).
    let mut sizes = std::collections::BTreeMap::new();
    let arrangement = layout::arrange(document, |index, figure, room| {
        let (width_px, height_px) = figure.constellation.picture_size().ok()?;
        let (width, height, fits_here) = fit(width_px, height_px, room);
        sizes.insert(index, (width, height));
        Some(layout::Fitted {
            height: height / EMU_PER_TWIP,
            fits_here,
        })
    });
    let numbers: std::collections::BTreeMap<usize, usize> = arrangement
        .order
        .iter()
        .filter(|&&index| matches!(document.blocks.get(index), Some(Block::Figure(_))))
        .enumerate()
        .map(|(number, &index)| (index, number + 1))
        .collect();
    for (position, &index) in arrangement.order.iter().enumerate() {
        let Some(block) = document.blocks.get(index) else {
            continue;
        };
        let next = arrangement
            .order
            .get(position + 1)
            .and_then(|&next| document.blocks.get(next));
        let introduces_figure = matches!(next, Some(Block::Figure(_)));
        // The introduction of a picture that text was moved up before says where it is.
        let refers_to = arrangement
            .floated
            .iter()
            .find(|&&figure| figure == index + 1)
            .and_then(|figure| numbers.get(figure));
        match block {
            Block::Contents => contents(&mut body, document, &arrangement.order),
            Block::Heading { level, text } => {
                body.paragraph(Setting {
                    style: Some(heading_style(*level)),
                    keep_next: true,
                    ..Setting::default()
                });
                body.run(Face::Plain, text);
                body.end_paragraph();
            }
            Block::Paragraph(inlines) => {
                // A paragraph that introduces a picture stays whole and on the picture's page.
                body.paragraph(Setting {
                    keep_next: introduces_figure,
                    keep_lines: introduces_figure,
                    ..Setting::default()
                });
                runs(&mut body, inlines);
                if let Some(number) = refers_to {
                    body.run(
                        Face::Plain,
                        &format!(" See Figure {number}, on the next page."),
                    );
                }
                body.end_paragraph();
            }
            Block::BulletList(items) => {
                for item in items {
                    list_item(&mut body, BULLETS, item);
                }
            }
            Block::NumberedList(items) => {
                // Each list gets its own numbering instance so it starts again at 1; the
                // instances are written once the body is (`restart_numbering`).
                numbered_lists += 1;
                let id = NUMBERS + numbered_lists;
                for item in items {
                    list_item(&mut body, id, item);
                }
            }
            Block::Table(table) => {
                table_body(&mut body, table);
                body.paragraph(Setting {
                    spacer: true,
                    ..Setting::default()
                });
                body.end_paragraph();
            }
            Block::Callout(callout) => callout_body(&mut body, callout),
            Block::Figure(figure) => {
                let number = figures.len() + 1;
                if let Some(xml) =
                    figure_body(&mut body, figure, number, sizes.get(&index).copied())
                {
                    figures.push(xml);
                }
            }
        }
    }
    let paragraphs = body.paragraphs();
    body.finish(draft)
        .map_err(|error| DocxError::Package(error.to_string()))?;
    let mut xml = docx.build();
    restart_numbering(&mut xml.numberings, numbered_lists)?;
    // The pictures' places in the package, filled when it is packed (see `insert_pictures`).
    xml.media = figures
        .iter()
        .enumerate()
        .map(|(index, figure)| (format!("rIdImage{}", index + 1), figure.placeholder.clone()))
        .collect();
    xml::finish(&mut xml, document, paragraphs);
    Ok(PreparedDocx {
        package,
        xml,
        figures,
    })
}

/// Adds to the numbering part docx-rs built the instances `NUMBERS + 1 ..= NUMBERS + lists`,
/// one per numbered list, each starting the numbered list definition again at 1, as docx-rs
/// writes a `Numbering` with a `LevelOverride`. Written as text: docx-rs's instance with its
/// override takes about 600 bytes, megabytes for a state's plan with a list per pathway.
fn restart_numbering(numberings: &mut Vec<u8>, lists: usize) -> Result<(), DocxError> {
    const CLOSE: &[u8] = b"</w:numbering>";
    let end = numberings
        .windows(CLOSE.len())
        .rposition(|window| window == CLOSE)
        .ok_or_else(|| DocxError::Package("the numbering part has no end".to_owned()))?;
    let mut instances = String::new();
    for list in 1..=lists {
        instances.push_str(&format!(
            concat!(
                r#"<w:num w:numId="{id}"><w:abstractNumId w:val="{definition}" />"#,
                r#"<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1" /></w:lvlOverride></w:num>"#
            ),
            id = NUMBERS + list,
            definition = NUMBERS
        ));
    }
    numberings.splice(end..end, instances.into_bytes());
    Ok(())
}

fn with_styles(docx: Docx) -> Docx {
    let heading = |id: &str, name: &str, size: usize, color: &str, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(size)
            .bold()
            .color(color)
            .fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
            .line_spacing(LineSpacing::new().before(before).after(100))
            .outline_lvl(level)
    };
    let mut callout = Style::new("Callout", StyleType::Paragraph)
        .name("Callout")
        .based_on("Normal")
        .line_spacing(LineSpacing::new().before(120).after(200));
    callout.paragraph_property = callout
        .paragraph_property
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .fill(NOTE_FILL)
                .color("auto"),
        )
        .set_borders(ParagraphBorders::with_empty().set(left_rule(ACCENT_LIGHT)));
    let mut warning = Style::new("Warning", StyleType::Paragraph)
        .name("Warning")
        .based_on("Normal")
        .line_spacing(LineSpacing::new().before(120).after(200));
    warning.paragraph_property = warning
        .paragraph_property
        .shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .fill(WARNING_FILL)
                .color("auto"),
        )
        .set_borders(ParagraphBorders::with_empty().set(left_rule(WARNING_RULE)));
    let toc = |level: usize, indent: i32| {
        Style::new(format!("TOC{level}"), StyleType::Paragraph)
            .name(format!("toc {level}"))
            .based_on("Normal")
            .next("Normal")
            .line_spacing(LineSpacing::new().after(60))
            .indent(Some(indent), None, None, None)
    };
    // The document defaults (font, size, spacing, language) are written by the finishing step.
    docx.add_style(
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Subtitle")
            .q_format(true)
            .size(52)
            .bold()
            .color(ACCENT)
            .line_spacing(LineSpacing::new().after(80)),
    )
    .add_style(
        Style::new("Subtitle", StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(26)
            .color(MUTED)
            .line_spacing(LineSpacing::new().after(320)),
    )
    .add_style(heading("Heading1", "heading 1", 32, ACCENT, 0, 360))
    .add_style(heading("Heading2", "heading 2", 26, ACCENT_LIGHT, 1, 240))
    .add_style(heading("Heading3", "heading 3", 23, INK, 2, 200))
    .add_style(
        Style::new("TOCHeading", StyleType::Paragraph)
            .name("TOC Heading")
            .based_on("Normal")
            .next("Normal")
            .size(28)
            .bold()
            .color(ACCENT)
            .line_spacing(LineSpacing::new().before(120).after(120)),
    )
    .add_style(toc(1, 0))
    .add_style(toc(2, 360))
    .add_style(
        Style::new("ListParagraph", StyleType::Paragraph)
            .name("List Paragraph")
            .based_on("Normal")
            .q_format(true)
            .line_spacing(LineSpacing::new().after(60)),
    )
    .add_style(
        Style::new("TableText", StyleType::Paragraph)
            .name("Table Text")
            .based_on("Normal")
            .size(19)
            .line_spacing(LineSpacing::new().before(20).after(20).line(240)),
    )
    .add_style(
        Style::new("Caption", StyleType::Paragraph)
            .name("caption")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(18)
            .italic()
            .color(MUTED)
            .line_spacing(LineSpacing::new().before(60).after(240)),
    )
    .add_style(
        Style::new("Figure", StyleType::Paragraph)
            .name("Figure")
            .based_on("Normal")
            .align(AlignmentType::Center)
            .line_spacing(LineSpacing::new().before(120).after(0)),
    )
    .add_style(callout)
    .add_style(warning)
    .add_style(
        Style::new("Footer", StyleType::Paragraph)
            .name("footer")
            .based_on("Normal")
            .size(17)
            .color(MUTED)
            .align(AlignmentType::Center),
    )
    .add_style(
        Style::new("Hyperlink", StyleType::Character)
            .name("Hyperlink")
            .color("0563C1")
            .underline("single"),
    )
}

fn left_rule(color: &str) -> ParagraphBorder {
    ParagraphBorder::new(ParagraphBorderPosition::Left)
        .val(BorderType::Single)
        .size(24)
        .space(8)
        .color(color)
}

fn bullet_definition() -> AbstractNumbering {
    AbstractNumbering::new(BULLETS).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("bullet"),
            LevelText::new("•"),
            LevelJc::new("left"),
        )
        .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
    )
}

fn number_definition() -> AbstractNumbering {
    AbstractNumbering::new(NUMBERS).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new("decimal"),
            LevelText::new("%1."),
            LevelJc::new("left"),
        )
        .indent(Some(720), Some(SpecialIndentType::Hanging(360)), None, None),
    )
}

fn heading_style(level: HeadingLevel) -> &'static str {
    match level {
        HeadingLevel::Section => "Heading1",
        HeadingLevel::Subsection => "Heading2",
        HeadingLevel::Minor => "Heading3",
    }
}

/// A paragraph of one plain run in a style.
fn styled(body: &mut Body, style: &str, text: &str) {
    body.paragraph(Setting {
        style: Some(style),
        ..Setting::default()
    });
    body.run(Face::Plain, text);
    body.end_paragraph();
}

fn list_item(body: &mut Body, numbering: usize, item: &[Inline]) {
    body.paragraph(Setting {
        style: Some("ListParagraph"),
        numbering: Some(numbering),
        ..Setting::default()
    });
    runs(body, item);
    body.end_paragraph();
}

fn footer(title: &str) -> Footer {
    Footer::new().add_paragraph(
        Paragraph::new()
            .style("Footer")
            .add_run(Run::new().add_text(format!("{} · Page ", clean(title))))
            .add_page_num(PageNum::new())
            .add_run(Run::new().add_text(" of "))
            .add_num_pages(NumPages::new()),
    )
}

fn draft_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new().align(AlignmentType::Right).add_run(
            Run::new()
                .add_text("DRAFT: open decisions remain")
                .bold()
                .size(18)
                .color(WARNING_RULE),
        ),
    )
}

/// A "Contents" heading and a TOC field, pre-filled with the section and subsection headings
/// in `order`, the order the blocks are written in (a section may follow a picture that was
/// moved up before it). Word refreshes the field (with page numbers) when it opens the file;
/// other programs show the entries as they are.
fn contents(body: &mut Body, document: &Document, order: &[usize]) {
    let entries: Vec<(usize, &str)> = order
        .iter()
        .filter_map(|&index| document.blocks.get(index))
        .filter_map(|block| match block {
            Block::Heading { level, text } if level.depth() <= 2 => {
                Some((level.depth(), text.as_str()))
            }
            _ => None,
        })
        .collect();
    if entries.is_empty() {
        return;
    }
    styled(body, "TOCHeading", "Contents");
    let last = entries.len() - 1;
    for (index, (depth, text)) in entries.into_iter().enumerate() {
        let style = format!("TOC{depth}");
        body.paragraph(Setting {
            style: Some(&style),
            ..Setting::default()
        });
        if index == 0 {
            body.field_start(" TOC \\o \"1-2\" \\h \\z \\u ", true);
        }
        body.run(Face::Plain, text);
        if index == last {
            body.field_end();
        }
        body.end_paragraph();
    }
}

/// Writes the inlines as runs.
fn runs(body: &mut Body, inlines: &[Inline]) {
    for inline in inlines {
        match inline {
            Inline::Text(text) => body.run(Face::Plain, text),
            Inline::Emphasis(text) => body.run(Face::Emphasis, text),
            Inline::Strong(text) => body.run(Face::Strong, text),
            Inline::Link(link) => {
                body.field_start(&format!(" HYPERLINK \"{}\" ", link.url), false);
                body.run(Face::Link, &link.text);
                body.field_end();
            }
        }
    }
}

/// A table with a shaded header row that repeats on each page; rows do not split.
fn table_body(body: &mut Body, table: &Table) {
    let widths = column_widths(table);
    body.table(&widths, TEXT_WIDTH, RULE);
    let header: Vec<Vec<Inline>> = table.header.iter().map(|h| vec![Inline::text(h)]).collect();
    let mut row = |cells: &[Vec<Inline>], header: bool| {
        body.row(header);
        for ((inlines, width), alignment) in cells.iter().zip(&widths).zip(&table.alignment) {
            body.cell(*width, header.then_some(HEADER_FILL));
            body.paragraph(Setting {
                style: Some("TableText"),
                keep_next: header,
                right: *alignment == Alignment::Right,
                ..Setting::default()
            });
            if header {
                let text: String = inlines.iter().map(Inline::plain).collect();
                body.run(Face::Strong, &text);
            } else {
                runs(body, inlines);
            }
            body.end_paragraph();
            body.end_cell();
        }
        body.end_row();
    };
    row(&header, true);
    for cells in &table.rows {
        row(cells, false);
    }
    body.end_table();
}

/// Column widths: every column is at least wide enough for its longest word (so "Priority" or
/// "$14,500" never breaks mid-word), and the rest of the text width is shared in proportion to
/// how much each column holds.
pub(crate) fn column_widths(table: &Table) -> Vec<usize> {
    // About the width of one character of 9.5-point bold text, and the cell's side margins.
    const CHAR: usize = 115;
    const PADDING: usize = 240;
    let columns = table.header.len().max(1);
    let cells = |column: usize| {
        let header = table.header.get(column).cloned().unwrap_or_default();
        std::iter::once(header).chain(
            table
                .rows
                .iter()
                .filter_map(move |row| row.get(column))
                .map(|cell| cell.iter().map(Inline::plain).collect::<String>()),
        )
    };
    let minimums: Vec<usize> = (0..columns)
        .map(|column| {
            let longest_word = cells(column)
                .flat_map(|text| {
                    text.split_whitespace()
                        .map(|word| word.chars().count())
                        .collect::<Vec<_>>()
                })
                .max()
                .unwrap_or(1);
            (longest_word.min(24) * CHAR + PADDING).min(TEXT_WIDTH / columns)
        })
        .collect();
    let weights: Vec<usize> = (0..columns)
        .map(|column| {
            cells(column)
                .map(|text| text.chars().count())
                .max()
                .unwrap_or(0)
                .clamp(4, 120)
        })
        .collect();
    let spare = TEXT_WIDTH.saturating_sub(minimums.iter().sum());
    let total: usize = weights.iter().sum::<usize>().max(1);
    let mut widths: Vec<usize> = minimums
        .iter()
        .zip(&weights)
        .map(|(minimum, weight)| minimum + spare * weight / total)
        .collect();
    // Rounding leaves a few twips over; give them to the first column.
    let used: usize = widths.iter().sum();
    if let Some(first) = widths.first_mut() {
        *first += TEXT_WIDTH.saturating_sub(used);
    }
    widths
}

fn callout_body(body: &mut Body, callout: &Callout) {
    let style = match callout.tone {
        Tone::Note => "Callout",
        Tone::Warning => "Warning",
    };
    body.paragraph(Setting {
        style: Some(style),
        ..Setting::default()
    });
    body.run(Face::Strong, callout.label.trim());
    let mut inlines = callout.body.clone();
    if let Some(Inline::Text(first)) = inlines.first_mut()
        && !first.starts_with(' ')
    {
        *first = format!(" {first}").into_boxed_str();
    }
    runs(body, &inlines);
    body.end_paragraph();
}

/// The picture paragraph and its caption; what packing needs to know of the picture. The
/// picture is `size` (EMUs) if the layout gave it one.
fn figure_body(
    body: &mut Body,
    figure: &Figure,
    number: usize,
    size: Option<(u32, u32)>,
) -> Option<PictureSlot> {
    let caption = |body: &mut Body| {
        body.paragraph(Setting {
            style: Some("Caption"),
            ..Setting::default()
        });
        body.run(Face::Strong, &format!("Figure {number}. "));
        body.run(Face::Plain, &figure.caption);
        body.end_paragraph();
    };
    // The document is built around the picture's size; its bytes go in when the package is
    // assembled (see `insert_pictures`), so a picture still being drawn on another thread holds
    // up only that last step.
    let (width_px, height_px) = match figure.constellation.picture_size() {
        Ok(size) => size,
        Err(error) => {
            body.paragraph(Setting {
                style: Some("Caption"),
                ..Setting::default()
            });
            body.run(
                Face::Plain,
                &format!("The diagram could not be drawn: {error}."),
            );
            body.end_paragraph();
            caption(body);
            return None;
        }
    };
    let (width, height) = size.unwrap_or_else(|| {
        let (width, height, _) = fit(
            width_px,
            height_px,
            Room {
                left_on_page: PAGE,
                around_picture: 0,
            },
        );
        (width, height)
    });
    let name = format!("Figure {number}");
    body.paragraph(Setting {
        style: Some("Figure"),
        keep_next: true,
        ..Setting::default()
    });
    body.picture(number, width, height, &name, &figure.alt_text);
    body.end_paragraph();
    caption(body);
    Some(PictureSlot {
        name,
        alt_text: clean(&figure.alt_text),
        constellation: figure.constellation.clone(),
        placeholder: placeholder(number),
    })
}

/// The bytes that stand for a figure's picture in the package until it is drawn.
fn placeholder(number: usize) -> Vec<u8> {
    format!("pathway-kit figure {number}").into_bytes()
}

/// Puts each figure's picture in the place its placeholder holds in the package.
fn insert_pictures(
    xml: &mut XMLDocx,
    figures: &[PictureSlot],
    pictures: &Pictures,
) -> Result<(), DocxError> {
    for figure in figures {
        let picture = pictures
            .get(&figure.constellation)
            .map_err(|error| DocxError::Package(error.to_string()))?;
        if let Some((_, bytes)) = xml
            .media
            .iter_mut()
            .find(|(_, bytes)| *bytes == figure.placeholder)
        {
            *bytes = picture.png;
        }
    }
    Ok(())
}

/// The picture's size in EMUs, and whether its group fits where it starts. At most the text
/// width, and short enough that its group (introduction, picture, caption) fits on a page.
/// When the group does not fit in what is left of the page it starts on and that is more than
/// a third of a page, the picture is made small enough to fit there (with a margin for the
/// estimate), but by no more than [`PICTURE_MIN_SCALE`]: smaller, its labels get hard to read,
/// and it stays at full size for the next page (where `layout::arrange` moves text up before
/// it, so the page it leaves is not left blank).
fn fit(width_px: u32, height_px: u32, room: Room) -> (u32, u32, bool) {
    let aspect = f64::from(height_px.max(1)) / f64::from(width_px.max(1));
    let twips = |emu: f64| emu / f64::from(EMU_PER_TWIP);
    let full_page = f64::from(PAGE.saturating_sub(room.around_picture + 300));
    let natural = twips(f64::from(PICTURE_MAX_WIDTH_EMU) * aspect).min(full_page);
    let left = f64::from(room.left_on_page);
    let around = f64::from(room.around_picture);
    let (height, fits_here) = if around + natural <= left - 150.0 {
        (natural, true)
    } else {
        let available = (left - around) * 0.9 - 150.0;
        let smallest = f64::from(PICTURE_MIN_HEIGHT).max(natural * PICTURE_MIN_SCALE);
        if left >= f64::from(PAGE) / 3.0 && available >= smallest {
            (available, true)
        } else {
            (natural, false)
        }
    };
    let height_emu = height * f64::from(EMU_PER_TWIP);
    (
        (height_emu / aspect).round() as u32,
        height_emu.round() as u32,
        fits_here,
    )
}

/// Text XML can hold: control characters dropped, line breaks and tabs as spaces.
fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if crate::prose::is_dropped(c) => None,
            c => Some(c),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pictures_fit_the_text_width_and_the_space_left() {
        let empty_page = Room {
            left_on_page: PAGE,
            around_picture: 1500,
        };
        // A wide picture takes the text width.
        let (w, h, here) = fit(1000, 500, empty_page);
        assert_eq!(
            (w, h, here),
            (PICTURE_MAX_WIDTH_EMU, PICTURE_MAX_WIDTH_EMU / 2, true)
        );
        // A tall one is as tall as a page allows beside its introduction and caption.
        let (w, h, here) = fit(500, 5000, empty_page);
        let full = PAGE - 1500 - 300;
        assert_eq!((h, here), (full * EMU_PER_TWIP, true));
        assert!(w < PICTURE_MAX_WIDTH_EMU);
        // Two thirds of a page left: the tall picture shrinks into it rather than leave it
        // blank.
        let two_thirds = Room {
            left_on_page: PAGE * 2 / 3,
            ..empty_page
        };
        let (_, h, here) = fit(500, 5000, two_thirds);
        assert!(here);
        assert!(h / EMU_PER_TWIP + 1500 <= PAGE * 2 / 3, "{h}");
        assert!(f64::from(h / EMU_PER_TWIP) >= f64::from(full) * PICTURE_MIN_SCALE);
        // Not quite half a page left: shrinking it into that would make its labels too small;
        // it keeps its full size and does not fit here (text is moved up before it instead).
        let less_than_half = Room {
            left_on_page: PAGE * 45 / 100,
            ..empty_page
        };
        let (_, h, here) = fit(500, 5000, less_than_half);
        assert_eq!((h, here), (full * EMU_PER_TWIP, false));
        // A quarter of a page left: it goes to the next page whole.
        let quarter = Room {
            left_on_page: PAGE / 4,
            ..empty_page
        };
        let (w, h, _) = fit(500, 5000, empty_page);
        assert_eq!(fit(500, 5000, quarter), (w, h, false));
    }

    #[test]
    fn text_loses_what_xml_cannot_hold() {
        assert_eq!(clean("a\u{1}b\tc\nd"), "ab c d");
        assert_eq!(clean("x\u{202E}y\u{2066}z\u{FFFF}"), "xyz");
    }

    #[test]
    fn columns_fill_the_text_width() {
        let mut table = Table::new(["A", "Longer heading"]);
        table.push_text_row(["x", "some longer text in the second column"]);
        let widths = column_widths(&table);
        assert_eq!(widths.iter().sum::<usize>(), TEXT_WIDTH);
        assert!(widths[1] > widths[0]);
    }
}
