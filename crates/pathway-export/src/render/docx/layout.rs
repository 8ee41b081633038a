//! Where the blocks before a picture end on the page, estimated, so the picture can be sized to
//! the space left there.
//!
//! The picture is kept on one page with the heading and paragraph that introduce it and with
//! its caption. Left at full size, such a group does not fit below most of a page of text, and
//! moving it to the next page leaves that space blank. A word processor's layout is not
//! available here, so this module estimates it the way the document is set: Calibri's average
//! letter width (a little over 0.4 em), the line heights and spacing of the styles in
//! [`super`], tables row by row with their header repeated on each page. The estimate is
//! rough by a few lines per page; the picture is sized with a margin for that.

use crate::model::{Block, Document, Figure, HeadingLevel, Inline, Table};

/// The text height of a Letter page with one-inch margins, in twentieths of a point.
pub(crate) const PAGE: u32 = 15840 - 2 * 1440;
const WIDTH: u32 = 9360;
/// Calibri's average advance for running English text, in thousandths of an em (measured on
/// Carlito, which has Calibri's metrics, and rounded up for the space lost at line ends).
const LETTER: u32 = 440;
const BOLD_LETTER: u32 = 455;

/// How a paragraph is set: font size in half-points, spacing before and after, line spacing
/// (240 is single), and the width it is set in.
#[derive(Clone, Copy)]
struct Style {
    size: u32,
    before: u32,
    after: u32,
    line: u32,
    width: u32,
    bold: bool,
}

const BODY: Style = Style {
    size: 22,
    before: 0,
    after: 140,
    line: 264,
    width: WIDTH,
    bold: false,
};

impl Style {
    /// One line's height: Calibri's line is 1.22 em.
    fn line_height(self) -> u32 {
        self.size * 10 * 1221 * self.line / 240_000
    }

    fn lines(self, text: &str) -> u32 {
        let letter = if self.bold { BOLD_LETTER } else { LETTER };
        let per_line = (self.width * 1000 / (self.size * 10 * letter / 1000).max(1) / 1000).max(1);
        let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
        chars.div_ceil(per_line).max(1)
    }

    /// The lines of text set word by word, for narrow columns: there a word that does not fit
    /// at a line's end takes its whole length to the next line, a loss the average letter
    /// width (made for the full text width) does not cover.
    fn wrapped_lines(self, text: &str) -> u32 {
        let letter = if self.bold { BOLD_LETTER } else { LETTER };
        let per_line = (self.width * 1000 / (self.size * 10 * letter / 1000).max(1) / 1000).max(1);
        let mut lines: u32 = 1;
        let mut on_line: u32 = 0;
        for word in text.split_whitespace() {
            let length = u32::try_from(word.chars().count()).unwrap_or(u32::MAX);
            if on_line > 0 && on_line.saturating_add(1).saturating_add(length) > per_line {
                lines += 1;
                on_line = 0;
            }
            // A word longer than the line breaks where it must.
            let extra = length.saturating_sub(1) / per_line;
            lines += extra;
            on_line = if on_line == 0 {
                length - extra * per_line
            } else {
                on_line + 1 + length
            };
        }
        lines
    }

    fn height(self, text: &str) -> u32 {
        self.before + self.lines(text) * self.line_height() + self.after
    }
}

fn heading(level: HeadingLevel) -> Style {
    let (size, before) = match level {
        HeadingLevel::Section => (32, 360),
        HeadingLevel::Subsection => (26, 240),
        HeadingLevel::Minor => (23, 200),
    };
    Style {
        size,
        before,
        after: 100,
        bold: true,
        ..BODY
    }
}

const CAPTION: Style = Style {
    size: 18,
    before: 60,
    after: 240,
    ..BODY
};

/// The space a figure has on its page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Room {
    /// What is left of the page where the figure's group (heading, introduction, picture,
    /// caption) starts.
    pub left_on_page: u32,
    /// What the group needs besides the picture.
    pub around_picture: u32,
}

/// How a figure was fitted to its [`Room`]: the picture's height in twips, and whether its
/// group fits where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fitted {
    /// The picture's height.
    pub height: u32,
    /// Whether the group fits in what is left of the page it starts on.
    pub fits_here: bool,
}

/// The order the document's blocks are written in, and which figures have text moved up
/// before them.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Arrangement {
    /// Indices into the document's blocks, each once.
    pub order: Vec<usize>,
    /// The figures (by block index) that follow text moved up from after them.
    pub floated: Vec<usize>,
}

/// How much more room a page has, at most, than this estimate finds on it: over the 21
/// documents of the examples, rendered by LibreOffice with Carlito (Calibri's metrics), the
/// estimate put a figure's introduction up to a tenth of a page lower than it is set.
const ESTIMATE_RUNS_LONG: u32 = PAGE / 10;

/// Decides where each figure goes. `fit` sizes a figure's picture for its room (or gives
/// `None` when it has no picture). When a figure's group does not fit in what is left of its
/// page and that is more than a fifth of a page (by this estimate, which runs long), the
/// blocks after the figure that fit in the space (whole blocks, never ending on a heading,
/// nothing of another figure) are written before it, so that page is filled and the picture
/// starts the next one; its heading and introduction stay where they are, and the picture
/// stays with its caption. When nothing after it can move (the figure ends the document, or
/// the next figure's group follows), the group is set instead before the sections ahead of it
/// on that page ([`sections_ahead`]) if it fits there, and those sections after it. Otherwise
/// every block keeps its place.
pub(crate) fn arrange(
    document: &Document,
    mut fit: impl FnMut(usize, &Figure, Room) -> Option<Fitted>,
) -> Arrangement {
    let blocks = &document.blocks;
    let mut arrangement = Arrangement {
        order: Vec::with_capacity(blocks.len()),
        floated: Vec::new(),
    };
    let mut page = Page::default();
    page.place(title_height(document), false);
    // The page as it was before each block written so far, for a figure's group start.
    let mut before: Vec<Page> = Vec::with_capacity(blocks.len());
    let mut index = 0;
    // The blocks from here on are in the order as they are in the document.
    let mut settled = 0;
    while let Some(block) = blocks.get(index) {
        before.push(page);
        let Block::Figure(figure) = block else {
            page.block(block, document);
            arrangement.order.push(index);
            index += 1;
            continue;
        };
        let start = group_start(blocks, index);
        let at_start = before.get(start).copied().unwrap_or(page);
        let introduction: u32 = blocks
            .get(start..index)
            .unwrap_or_default()
            .iter()
            .map(|block| block_height(block, document))
            .sum();
        let caption = 120 + CAPTION.height(&format!("Figure 1. {}", figure.caption));
        let room = Room {
            left_on_page: PAGE - at_start.used,
            around_picture: introduction + caption,
        };
        let Some(fitted) = fit(index, figure, room) else {
            arrangement.order.push(index);
            index += 1;
            settled = index;
            continue;
        };
        let moved = if fitted.fits_here || room.left_on_page < PAGE / 5 {
            0
        } else {
            // Text that spills over starts the picture's page: up to three quarters of what
            // that page has spare beside the picture may.
            let spare = PAGE.saturating_sub(fitted.height + caption);
            let space =
                room.left_on_page.saturating_sub(introduction) + ESTIMATE_RUNS_LONG + spare * 3 / 4;
            movable(blocks, index + 1, space, document)
        };
        if moved == 0 && !fitted.fits_here && room.left_on_page >= PAGE / 5 {
            // Nothing after the figure fits on the page: set its group before the sections
            // ahead of it on that page, if that is where it fits, and those sections after it.
            if let Some((ahead, at_ahead)) =
                sections_ahead(blocks, start, settled, &before, at_start)
            {
                let earlier = Room {
                    left_on_page: PAGE.saturating_sub(at_ahead.used),
                    ..room
                };
                if let Some(there) = fit(index, figure, earlier).filter(|there| there.fits_here) {
                    // The blocks since the last figure are in the order in place, each once.
                    arrangement
                        .order
                        .truncate(arrangement.order.len() - (index - ahead));
                    arrangement.order.extend(start..=index);
                    arrangement.order.extend(ahead..start);
                    page = at_ahead;
                    page.used = (page.used + introduction + there.height + caption).min(PAGE);
                    for block in blocks.get(ahead..start).unwrap_or_default() {
                        page.block(block, document);
                    }
                    index += 1;
                    settled = index;
                    continue;
                }
                // Sized again for where it stays.
                fit(index, figure, room);
            }
        }
        if moved == 0 {
            if fitted.fits_here {
                page.used = (page.used + fitted.height + caption).min(PAGE);
            } else {
                page = at_start;
                page.pages += 1;
                page.used = (introduction + fitted.height + caption).min(PAGE);
            }
            arrangement.order.push(index);
            index += 1;
            settled = index;
            continue;
        }
        arrangement.order.extend(index + 1..=index + moved);
        arrangement.order.push(index);
        arrangement.floated.push(index);
        page.pages += 1;
        page.used = (fitted.height + caption).min(PAGE);
        for _ in 0..moved {
            before.push(page);
        }
        index += moved + 1;
        settled = index;
    }
    arrangement
}

/// Where the sections ahead of a figure's group start when they can go after it, and the
/// page there: the latest heading before the group, after `settled`, that starts on the
/// group's page and has the level of the group's heading, with no higher heading between (so
/// each section moved keeps its parent) and no contents among them. `None` when the group has
/// no heading.
fn sections_ahead(
    blocks: &[Block],
    start: usize,
    settled: usize,
    before: &[Page],
    at_start: Page,
) -> Option<(usize, Page)> {
    let Some(Block::Heading { level, .. }) = blocks.get(start) else {
        return None;
    };
    let depth = level.depth();
    for ahead in (settled..start).rev() {
        match blocks.get(ahead) {
            Some(Block::Heading { level, text }) if level.depth() == depth => {
                let mut page = *before.get(ahead)?;
                page.keep_heading(heading(*level).height(text));
                return (page.pages == at_start.pages).then_some((ahead, page));
            }
            Some(Block::Heading { level, .. }) if level.depth() < depth => return None,
            Some(Block::Contents | Block::Figure(_)) | None => return None,
            Some(_) => {}
        }
    }
    None
}

/// Where a figure's group starts: at the paragraph that introduces it, and at the heading
/// before that if any.
fn group_start(blocks: &[Block], figure: usize) -> usize {
    let mut start = figure;
    if let Some(Block::Paragraph(_)) = start.checked_sub(1).and_then(|i| blocks.get(i)) {
        start -= 1;
    }
    if let Some(Block::Heading { .. }) = start.checked_sub(1).and_then(|i| blocks.get(i)) {
        start -= 1;
    }
    start
}

/// How many blocks from `from` on fit, whole, in `space`: no figure or contents among them,
/// nothing of the next figure's group (its heading and introduction), and not ending on a
/// heading (which is kept with what follows it, here the picture).
fn movable(blocks: &[Block], from: usize, space: u32, document: &Document) -> usize {
    let tail = blocks.get(from..).unwrap_or_default();
    let end = match tail
        .iter()
        .position(|block| matches!(block, Block::Figure(_) | Block::Contents))
    {
        Some(at) if matches!(tail.get(at), Some(Block::Figure(_))) => {
            group_start(blocks, from + at) - from
        }
        Some(at) => at,
        None => tail.len(),
    };
    let mut used = 0;
    let mut fitting = 0;
    for (count, block) in tail.get(..end).unwrap_or_default().iter().enumerate() {
        used += block_height(block, document);
        if used > space {
            break;
        }
        if !matches!(block, Block::Heading { .. }) {
            fitting = count + 1;
        }
    }
    fitting
}

fn title_height(document: &Document) -> u32 {
    let title = Style {
        size: 52,
        after: 80,
        bold: true,
        ..BODY
    };
    let subtitle = Style {
        size: 26,
        after: 320,
        ..BODY
    };
    title.height(&document.title) + subtitle.height(&document.subtitle)
}

/// The height of a block set whole, as if it did not cross a page.
fn block_height(block: &Block, document: &Document) -> u32 {
    let mut page = Page::default();
    page.block(block, document);
    page.used + page.pages * PAGE
}

#[derive(Default, Clone, Copy)]
struct Page {
    used: u32,
    /// Pages filled before this one.
    pages: u32,
}

impl Page {
    /// Adds a height; one that can split (lines of a paragraph) carries onto the next page,
    /// one that cannot starts it.
    fn place(&mut self, height: u32, splits: bool) {
        if self.used + height <= PAGE {
            self.used += height;
        } else if splits {
            let mut rest = self.used + height - PAGE;
            self.pages += 1;
            while rest > PAGE {
                rest -= PAGE;
                self.pages += 1;
            }
            self.used = rest;
        } else {
            self.pages += 1;
            self.used = height.min(PAGE);
        }
    }

    /// Starts the next page when a heading would not fit with the next paragraph's first two
    /// lines, which it is kept with.
    fn keep_heading(&mut self, height: u32) {
        if self.used + height + 2 * BODY.line_height() > PAGE {
            self.pages += 1;
            self.used = 0;
        }
    }

    fn block(&mut self, block: &Block, document: &Document) {
        match block {
            Block::Heading { level, text } => {
                let height = heading(*level).height(text);
                self.keep_heading(height);
                self.place(height, false);
            }
            Block::Paragraph(inlines) => self.place(BODY.height(&plain(inlines)), true),
            Block::BulletList(items) | Block::NumberedList(items) => {
                let item = Style {
                    after: 60,
                    width: WIDTH - 720,
                    ..BODY
                };
                for inlines in items {
                    self.place(item.height(&plain(inlines)), true);
                }
            }
            Block::Table(table) => self.table(table),
            Block::Callout(callout) => {
                let style = Style {
                    before: 120,
                    after: 200,
                    ..BODY
                };
                let text = format!("{} {}", callout.label, plain(&callout.body));
                self.place(style.height(&text), true);
            }
            Block::Contents => {
                let entries = document
                    .blocks
                    .iter()
                    .filter(
                        |block| matches!(block, Block::Heading { level, .. } if level.depth() <= 2),
                    )
                    .count();
                if entries > 0 {
                    let heading = Style {
                        size: 28,
                        before: 120,
                        after: 120,
                        bold: true,
                        ..BODY
                    };
                    let entry = Style { after: 60, ..BODY };
                    self.place(heading.height("Contents"), false);
                    for _ in 0..entries {
                        self.place(entry.height("x"), false);
                    }
                }
            }
            Block::Figure(_) => {}
        }
    }

    /// Rows do not split; the header row repeats at the top of each page.
    fn table(&mut self, table: &Table) {
        let widths = super::column_widths(table);
        let row_height = |cells: Vec<String>, bold: bool| -> u32 {
            let lines = cells
                .iter()
                .zip(&widths)
                .map(|(text, width)| {
                    let cell = Style {
                        size: 19,
                        before: 20,
                        after: 20,
                        line: 240,
                        width: u32::try_from(*width).unwrap_or(WIDTH).saturating_sub(180),
                        bold,
                    };
                    cell.wrapped_lines(text)
                })
                .max()
                .unwrap_or(1);
            let line = Style {
                size: 19,
                line: 240,
                ..BODY
            }
            .line_height();
            lines * line + 40 + 80
        };
        let header = row_height(table.header.clone(), true);
        // The header is kept with the first row.
        let first = table.rows.first().map_or(0, |row| {
            row_height(row.iter().map(|c| plain(c)).collect(), false)
        });
        self.place(header + first, false);
        for row in table.rows.iter().skip(1) {
            let height = row_height(row.iter().map(|c| plain(c)).collect(), false);
            if self.used + height > PAGE {
                self.pages += 1;
                self.used = header;
            }
            self.used += height;
        }
        // The spacer paragraph after every table: half a line.
        self.place(BODY.line_height() / 2, false);
    }
}

fn plain(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::plain).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure() -> Block {
        Block::Figure(Box::new(Figure {
            constellation: crate::constellation::Constellation {
                credentials: Vec::new(),
                stacks: Vec::new(),
                opportunities: Vec::new(),
                links: Vec::new(),
            },
            alt_text: "alt".into(),
            caption: "caption".into(),
        }))
    }

    fn document(blocks: Vec<Block>) -> Document {
        Document {
            title: "T".into(),
            subtitle: "S".into(),
            status: crate::model::Status::Final,
            properties: crate::model::Properties {
                subject: String::new(),
                creator: String::new(),
                keywords: Vec::new(),
                description: String::new(),
                language: "en-US".into(),
            },
            blocks,
        }
    }

    fn paragraph(chars: usize) -> Block {
        Block::Paragraph(vec![Inline::text("x".repeat(chars))])
    }

    fn heading(text: &str) -> Block {
        Block::Heading {
            level: HeadingLevel::Section,
            text: text.into(),
        }
    }

    /// Fills about half a page (each 950-letter paragraph is ten lines), then a figure group,
    /// then what follows it.
    fn half_page_then_figure(after: Vec<Block>) -> Document {
        let mut blocks = vec![
            paragraph(950),
            paragraph(950),
            heading("Figure here"),
            paragraph(100),
        ];
        blocks.push(figure());
        blocks.extend(after);
        document(blocks)
    }

    #[test]
    fn a_figure_that_fits_keeps_its_place() {
        let document = half_page_then_figure(vec![paragraph(100), paragraph(100)]);
        let arrangement = arrange(&document, |_, _, _| {
            Some(Fitted {
                height: 2000,
                fits_here: true,
            })
        });
        assert_eq!(arrangement.order, [0, 1, 2, 3, 4, 5, 6]);
        assert!(arrangement.floated.is_empty());
    }

    #[test]
    fn text_after_a_figure_that_does_not_fit_moves_up_before_it() {
        // Half a page is left where the group starts; the picture needs most of a page.
        let after = vec![
            paragraph(300),
            heading("Next"),
            paragraph(300),
            paragraph(9000),
        ];
        let document = half_page_then_figure(after);
        let mut rooms = Vec::new();
        let arrangement = arrange(&document, |_, _, room| {
            rooms.push(room);
            Some(Fitted {
                height: 10_000,
                fits_here: false,
            })
        });
        let left = rooms[0].left_on_page;
        assert!(left > PAGE / 3 && left < PAGE * 2 / 3, "{left}");
        // The three short blocks move up (the heading with the paragraph after it); the
        // paragraph of a hundred lines does not, nor does the figure's own group.
        assert_eq!(arrangement.order, [0, 1, 2, 3, 5, 6, 7, 4, 8]);
        assert_eq!(arrangement.floated, [4]);
    }

    #[test]
    fn moved_text_never_ends_on_a_heading_nor_takes_the_next_figures_group() {
        let after = vec![paragraph(100), heading("Alone"), paragraph(9000)];
        let document = half_page_then_figure(after);
        let fit = |_: usize, _: &Figure, _: Room| {
            Some(Fitted {
                height: 10_000,
                fits_here: false,
            })
        };
        // The heading would be kept with the picture; it stays after it.
        assert_eq!(arrange(&document, fit).order, [0, 1, 2, 3, 5, 4, 6, 7]);

        let after = vec![heading("Second"), paragraph(100), figure()];
        let document = half_page_then_figure(after);
        let arrangement = arrange(&document, fit);
        // The second figure's heading and introduction stay with it: nothing can move.
        assert_eq!(arrangement.order, [0, 1, 2, 3, 4, 5, 6, 7]);
        assert!(arrangement.floated.is_empty());
    }

    #[test]
    fn with_little_left_on_the_page_the_figure_goes_to_the_next_one() {
        // About nine tenths of a page of text before the group.
        let mut blocks: Vec<Block> = (0..3).map(|_| paragraph(950)).collect();
        blocks.push(paragraph(250));
        blocks.extend([
            heading("Figure here"),
            paragraph(100),
            figure(),
            paragraph(100),
        ]);
        let document = document(blocks);
        let mut left = 0;
        let arrangement = arrange(&document, |_, _, room| {
            left = room.left_on_page;
            Some(Fitted {
                height: 10_000,
                fits_here: false,
            })
        });
        assert!(left < PAGE / 5, "{left}");
        assert_eq!(arrangement.order, [0, 1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn with_nothing_to_move_up_the_group_goes_before_the_section_ahead_of_it() {
        // Regression: a figure that ends the document, after a section that starts its page
        // and fills half of it, left that half blank (Juniper Ridge's guide for principals).
        // The first page full, then on the next a section of about half a page.
        let mut blocks: Vec<Block> = (0..4).map(|_| paragraph(950)).collect();
        blocks.extend([
            heading("Ahead"),
            paragraph(950),
            paragraph(950),
            heading("Figure here"),
            paragraph(100),
            figure(),
        ]);
        let document = document(blocks);
        let mut rooms = Vec::new();
        // The picture fits with its group on an empty page, not in the half page left.
        let arrangement = arrange(&document, |_, _, room| {
            rooms.push(room);
            Some(Fitted {
                height: 8000,
                fits_here: room.left_on_page >= room.around_picture + 8000,
            })
        });
        assert_eq!(arrangement.order, [0, 1, 2, 3, 7, 8, 9, 4, 5, 6]);
        assert!(arrangement.floated.is_empty());
        // Tried where the group starts, then where "Ahead" starts, half a page higher.
        assert_eq!(rooms.len(), 2);
        assert!(rooms[0].left_on_page < PAGE / 2, "{:?}", rooms[0]);
        assert!(rooms[1].left_on_page > PAGE * 9 / 10, "{:?}", rooms[1]);
    }

    #[test]
    fn a_subsection_ahead_is_not_moved_under_the_figures_section() {
        let subsection = Block::Heading {
            level: HeadingLevel::Subsection,
            text: "Ahead".into(),
        };
        let mut blocks: Vec<Block> = (0..4).map(|_| paragraph(950)).collect();
        blocks.extend([
            subsection,
            paragraph(950),
            paragraph(950),
            heading("Figure here"),
            paragraph(100),
            figure(),
        ]);
        let document = document(blocks);
        let arrangement = arrange(&document, |_, _, room| {
            Some(Fitted {
                height: 8000,
                fits_here: room.left_on_page >= room.around_picture + 8000,
            })
        });
        assert_eq!(arrangement.order, (0..10).collect::<Vec<_>>());
    }

    #[test]
    fn narrow_table_cells_lose_the_words_that_do_not_fit_at_line_ends() {
        // Regression: rows of a table with narrow columns were estimated a line or two short,
        // so a figure was sized for room that the table had taken (Cedar Valley's guide).
        let cell = Style {
            size: 20,
            width: 1760,
            ..BODY
        };
        // 20 letters fit on a line of 880 twips at 10 points; twelve-letter words go one to
        // a line although two would fit by letter count.
        let words = ["Instruction,"; 6].join(" ");
        assert_eq!(cell.lines(&words), 4);
        assert_eq!(cell.wrapped_lines(&words), 6);
        // A word longer than the line breaks in it.
        assert_eq!(cell.wrapped_lines(&"x".repeat(45)), 3);
        assert_eq!(cell.wrapped_lines(""), 1);
    }

    #[test]
    fn a_body_line_is_the_styles_line_height() {
        // 11 pt × 1.221 (Calibri's line) × 1.1 (the document's spacing), in twips.
        assert_eq!(BODY.line_height(), 295);
        // About 95 letters fit in 6.5 inches of 11-point Calibri.
        assert_eq!(BODY.lines(&"x".repeat(95)), 1);
        assert_eq!(BODY.lines(&"x".repeat(200)), 3);
    }

    #[test]
    fn text_that_does_not_fit_carries_onto_the_next_page() {
        let mut page = Page::default();
        page.place(PAGE - 100, true);
        page.place(300, true);
        assert_eq!((page.pages, page.used), (1, 200));
        page.place(PAGE, false);
        assert_eq!((page.pages, page.used), (2, PAGE));
    }
}
