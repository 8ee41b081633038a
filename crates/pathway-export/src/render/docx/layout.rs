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

use crate::model::{Block, Document, HeadingLevel, Inline, Table};

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

/// The room for the figure at `index` in the document's blocks, with `caption` under it.
pub(crate) fn room_for_figure(document: &Document, index: usize, caption: &str) -> Room {
    let blocks = document.blocks.get(..index).unwrap_or_default();
    // The group starts at the introducing paragraph, and at the heading before it if any.
    let mut start = index;
    if let Some(Block::Paragraph(_)) = start.checked_sub(1).and_then(|i| blocks.get(i)) {
        start -= 1;
    }
    if let Some(Block::Heading { .. }) = start.checked_sub(1).and_then(|i| blocks.get(i)) {
        start -= 1;
    }
    let mut page = Page::default();
    page.place(title_height(document), false);
    for block in blocks.get(..start).unwrap_or_default() {
        page.block(block, document);
    }
    let group: u32 = blocks
        .get(start..)
        .unwrap_or_default()
        .iter()
        .map(|block| block_height(block, document))
        .sum();
    Room {
        left_on_page: PAGE - page.used,
        around_picture: group + 120 + CAPTION.height(&format!("Figure 1. {caption}")),
    }
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

#[derive(Default)]
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

    fn block(&mut self, block: &Block, document: &Document) {
        match block {
            Block::Heading { level, text } => {
                let style = heading(*level);
                // Kept with the next paragraph's first lines.
                let needed = style.height(text) + 2 * BODY.line_height();
                if self.used + needed > PAGE {
                    self.pages += 1;
                    self.used = 0;
                }
                self.place(style.height(text), false);
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
                    cell.lines(text)
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
