//! The Word renderer: the document model as a .docx file, built with docx-rs and finished by
//! [`super::xml`].
//!
//! What makes it a document a leader can hand out: real Heading 1–3 styles with outline levels
//! (Word's navigation pane and the table of contents see them), a table-of-contents field that
//! Word refreshes on opening (pre-filled, so other programs show the entries too), numbered and
//! bulleted lists from a numbering definition, tables whose header row repeats across pages, the
//! constellation as a picture with alt text and a caption, page numbers in the footer, US Letter
//! pages with one-inch margins.

use docx_rs::{
    AbstractNumbering, AlignmentType, BorderType, Docx, FieldCharType, Footer, Header, IndentLevel,
    InstrText, Level, LevelJc, LevelOverride, LevelText, LineSpacing, NumPages, NumberFormat,
    Numbering, NumberingId, PageMargin, PageNum, Paragraph, ParagraphBorder,
    ParagraphBorderPosition, ParagraphBorders, Pic, Run, RunFonts, Shading, ShdType,
    SpecialIndentType, Start, Style, StyleType, Table as DocxTable, TableBorder,
    TableBorderPosition, TableBorders, TableCell, TableCellMargins, TableLayoutType, TableRow,
    WidthType, XMLDocx,
};

mod layout;
mod order;
mod package;
mod theme;
mod xml;

use layout::{PAGE, Room};

use super::{Pictures, RenderError, Rendered, Renderer};
use crate::model::{
    Alignment, Block, Callout, Document, Figure, HeadingLevel, Inline, Table, Tone,
};
use theme::FONT;
use xml::Figure as FigureXml;

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
    prepare_docx(document).finish(&Pictures::new())
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

    fn render(&self, document: &Document) -> Result<Rendered, RenderError> {
        let prepared = prepare_docx(document);
        Ok(Rendered::AwaitingPictures(Box::new(move |pictures| {
            prepared
                .finish(pictures)
                .map_err(|error| RenderError::new(error.to_string()))
        })))
    }
}

/// A Word document built but for its pictures, which go in when it is packed.
struct PreparedDocx {
    xml: XMLDocx,
    figures: Vec<FigureXml>,
}

impl PreparedDocx {
    /// Puts in the pictures (taking them from `pictures`, which draws those it lacks) and packs
    /// the .docx file.
    fn finish(mut self, pictures: &Pictures) -> Result<Vec<u8>, DocxError> {
        insert_pictures(&mut self.xml, &self.figures, pictures)?;
        package::pack(self.xml).map_err(|error| DocxError::Package(error.to_string()))
    }
}

/// Builds a document's Word parts without drawing its pictures, so that a picture being drawn
/// on another thread holds up only [`PreparedDocx::finish`].
fn prepare_docx(document: &Document) -> PreparedDocx {
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
        .footer(footer(&document.title))
        .add_paragraph(styled("Title", &document.title))
        .add_paragraph(styled("Subtitle", &document.subtitle));
    if document.status.is_draft() {
        docx = docx.header(draft_header());
    }
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
        docx = match block {
            Block::Contents => contents(docx, document),
            Block::Heading { level, text } => {
                docx.add_paragraph(styled(heading_style(*level), text).keep_next(true))
            }
            Block::Paragraph(inlines) if refers_to.is_some() => {
                let mut inlines = inlines.clone();
                if let Some(number) = refers_to {
                    inlines.push(Inline::text(format!(
                        " See Figure {number}, on the next page."
                    )));
                }
                docx.add_paragraph(runs(Paragraph::new(), &inlines))
            }
            // A paragraph that introduces a picture stays whole and on the picture's page.
            Block::Paragraph(inlines) if introduces_figure => docx.add_paragraph(runs(
                Paragraph::new().keep_next(true).keep_lines(true),
                inlines,
            )),
            Block::Paragraph(inlines) => docx.add_paragraph(runs(Paragraph::new(), inlines)),
            Block::BulletList(items) => items.iter().fold(docx, |docx, item| {
                docx.add_paragraph(
                    runs(Paragraph::new().style("ListParagraph"), item)
                        .numbering(NumberingId::new(BULLETS), IndentLevel::new(0)),
                )
            }),
            Block::NumberedList(items) => {
                // Each list gets its own numbering instance so it starts again at 1.
                numbered_lists += 1;
                let id = NUMBERS + numbered_lists;
                let docx = docx.add_numbering(
                    Numbering::new(id, NUMBERS).add_override(LevelOverride::new(0).start(1)),
                );
                items.iter().fold(docx, |docx, item| {
                    docx.add_paragraph(
                        runs(Paragraph::new().style("ListParagraph"), item)
                            .numbering(NumberingId::new(id), IndentLevel::new(0)),
                    )
                })
            }
            Block::Table(table) => docx.add_table(table_docx(table)).add_paragraph(spacer()),
            Block::Callout(callout) => docx.add_paragraph(callout_docx(callout)),
            Block::Figure(figure) => {
                let number = figures.len() + 1;
                match figure_docx(docx, figure, number, sizes.get(&index).copied()) {
                    (docx, Some(xml)) => {
                        figures.push(xml);
                        docx
                    }
                    (docx, None) => docx,
                }
            }
        };
    }
    // docx-rs numbers paragraphs from a per-thread counter that `build` resets; the finishing
    // step renumbers every id anyway, so earlier documents in this process do not matter.
    let mut xml = docx.build();
    xml::finish(&mut xml, document, &figures);
    PreparedDocx { xml, figures }
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

fn styled(style: &str, text: &str) -> Paragraph {
    Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(clean(text)))
}

fn spacer() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0).line(120))
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

/// A "Contents" heading and a TOC field, pre-filled with the section and subsection headings.
/// Word refreshes the field (with page numbers) when it opens the file; other programs show the
/// entries as they are.
fn contents(docx: Docx, document: &Document) -> Docx {
    let entries: Vec<(usize, &str)> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Heading { level, text } if level.depth() <= 2 => {
                Some((level.depth(), text.as_str()))
            }
            _ => None,
        })
        .collect();
    if entries.is_empty() {
        return docx;
    }
    let mut docx = docx.add_paragraph(styled("TOCHeading", "Contents"));
    let last = entries.len() - 1;
    for (index, (depth, text)) in entries.into_iter().enumerate() {
        let mut paragraph = Paragraph::new().style(&format!("TOC{depth}"));
        if index == 0 {
            paragraph = paragraph.add_run(
                Run::new()
                    .add_field_char(FieldCharType::Begin, true)
                    .add_instr_text(InstrText::Unsupported(
                        " TOC \\o \"1-2\" \\h \\z \\u ".to_owned(),
                    ))
                    .add_field_char(FieldCharType::Separate, false),
            );
        }
        paragraph = paragraph.add_run(Run::new().add_text(clean(text)));
        if index == last {
            paragraph = paragraph.add_run(Run::new().add_field_char(FieldCharType::End, false));
        }
        docx = docx.add_paragraph(paragraph);
    }
    docx
}

/// Adds the inlines to a paragraph as runs.
fn runs(mut paragraph: Paragraph, inlines: &[Inline]) -> Paragraph {
    for inline in inlines {
        paragraph = match inline {
            Inline::Text(text) => paragraph.add_run(Run::new().add_text(clean(text))),
            Inline::Emphasis(text) => paragraph.add_run(Run::new().add_text(clean(text)).italic()),
            Inline::Strong(text) => paragraph.add_run(Run::new().add_text(clean(text)).bold()),
            Inline::Link { text, url } => paragraph
                .add_run(
                    Run::new()
                        .add_field_char(FieldCharType::Begin, false)
                        .add_instr_text(InstrText::Unsupported(format!(" HYPERLINK \"{url}\" ")))
                        .add_field_char(FieldCharType::Separate, false),
                )
                .add_run(Run::new().style("Hyperlink").add_text(clean(text)))
                .add_run(Run::new().add_field_char(FieldCharType::End, false)),
        };
    }
    paragraph
}

fn table_docx(table: &Table) -> DocxTable {
    let widths = column_widths(table);
    let border = |position| {
        TableBorder::new(position)
            .border_type(BorderType::Single)
            .size(4)
            .color(RULE)
    };
    let borders = TableBorders::new()
        .set(border(TableBorderPosition::Top))
        .set(border(TableBorderPosition::Bottom))
        .set(border(TableBorderPosition::Left))
        .set(border(TableBorderPosition::Right))
        .set(border(TableBorderPosition::InsideH))
        .set(border(TableBorderPosition::InsideV));
    let cell = |inlines: &[Inline], width: usize, alignment: Alignment, header: bool| {
        let mut paragraph = Paragraph::new().style("TableText").keep_next(header);
        if alignment == Alignment::Right {
            paragraph = paragraph.align(AlignmentType::Right);
        }
        let paragraph = if header {
            let text: String = inlines.iter().map(Inline::plain).collect();
            paragraph.add_run(Run::new().add_text(clean(&text)).bold())
        } else {
            runs(paragraph, inlines)
        };
        let mut cell = TableCell::new()
            .width(width, WidthType::Dxa)
            .add_paragraph(paragraph);
        if header {
            cell = cell.shading(
                Shading::new()
                    .shd_type(ShdType::Clear)
                    .fill(HEADER_FILL)
                    .color("auto"),
            );
        }
        cell
    };
    let header_cells: Vec<Vec<Inline>> =
        table.header.iter().map(|h| vec![Inline::text(h)]).collect();
    let row = |cells: &[Vec<Inline>], header: bool| {
        TableRow::new(
            cells
                .iter()
                .zip(&widths)
                .zip(&table.alignment)
                .map(|((inlines, width), alignment)| cell(inlines, *width, *alignment, header))
                .collect(),
        )
        .cant_split()
    };
    let mut rows = vec![row(&header_cells, true)];
    rows.extend(table.rows.iter().map(|cells| row(cells, false)));
    DocxTable::new(rows)
        .set_grid(widths.clone())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .set_borders(borders)
        .margins(TableCellMargins::new().margin(40, 90, 40, 90))
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

fn callout_docx(callout: &Callout) -> Paragraph {
    let style = match callout.tone {
        Tone::Note => "Callout",
        Tone::Warning => "Warning",
    };
    let paragraph = Paragraph::new()
        .style(style)
        .add_run(Run::new().add_text(clean(callout.label.trim())).bold());
    let mut body = callout.body.clone();
    if let Some(Inline::Text(first)) = body.first_mut()
        && !first.starts_with(' ')
    {
        first.insert(0, ' ');
    }
    runs(paragraph, &body)
}

/// The picture paragraph and its caption; the figure's XML details for the finishing step.
fn figure_docx(
    docx: Docx,
    figure: &Figure,
    number: usize,
    size: Option<(u32, u32)>,
) -> (Docx, Option<FigureXml>) {
    let caption = Paragraph::new()
        .style("Caption")
        .add_run(Run::new().add_text(format!("Figure {number}. ")).bold())
        .add_run(Run::new().add_text(clean(&figure.caption)));
    // The document is built around the picture's size; its bytes go in when the package is
    // assembled (see `insert_pictures`), so a picture still being drawn on another thread holds
    // up only that last step.
    let (width_px, height_px) = match figure.constellation.picture_size() {
        Ok(size) => size,
        Err(error) => {
            let note = Paragraph::new()
                .style("Caption")
                .add_run(Run::new().add_text(format!("The diagram could not be drawn: {error}.")));
            return (docx.add_paragraph(note).add_paragraph(caption), None);
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
    let pic =
        Pic::new_with_dimensions(placeholder(number), width_px, height_px).size(width, height);
    let docx = docx
        .add_paragraph(
            Paragraph::new()
                .style("Figure")
                .keep_next(true)
                .add_run(Run::new().add_image(pic)),
        )
        .add_paragraph(caption);
    (
        docx,
        Some(FigureXml {
            name: format!("Figure {number}"),
            alt_text: clean(&figure.alt_text),
            constellation: figure.constellation.clone(),
            placeholder: placeholder(number),
        }),
    )
}

/// The bytes that stand for a figure's picture in the package until it is drawn.
fn placeholder(number: usize) -> Vec<u8> {
    format!("pathway-kit figure {number}").into_bytes()
}

/// Puts each figure's picture in the place its placeholder holds in the package.
fn insert_pictures(
    xml: &mut XMLDocx,
    figures: &[FigureXml],
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
            c if crate::text::is_dropped(c) => None,
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
