//! The document model: what a document says, before it is written as Markdown or Word.
//!
//! Both renderers walk the same [`Document`], so the two formats always carry the same content.
//! Text in the model is plain text: renderers escape it, so a plan's words can never become markup.

use serde::Serialize;

use crate::constellation::Constellation;

/// One document for one audience: a title, some properties, and a sequence of blocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The title printed at the top and stored in the file's properties.
    pub title: String,
    /// A line under the title naming the audience and the organization.
    pub subtitle: String,
    /// Whether the plan is complete for its readiness level.
    pub status: Status,
    /// Properties stored in the file: subject, author, keywords, language.
    pub properties: Properties,
    /// The body, in order.
    pub blocks: Vec<Block>,
}

/// Whether a document is final or a draft with open decisions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// Every decision point required at the plan's readiness level is answered.
    Final,
    /// Some decision points required at the plan's readiness level are still open.
    Draft {
        /// How many decision points are open.
        open_decisions: usize,
    },
}

impl Status {
    /// Whether the document is a draft.
    pub fn is_draft(self) -> bool {
        matches!(self, Status::Draft { .. })
    }
}

/// Properties a word processor shows in its document information panel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Properties {
    /// What the document is about, in one line.
    pub subject: String,
    /// Who wrote it: the organization.
    pub creator: String,
    /// Words to find it by.
    pub keywords: Vec<String>,
    /// A paragraph describing its purpose.
    pub description: String,
    /// The language of the text, as a BCP 47 tag such as `en-US`.
    pub language: String,
}

/// A block of the body.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Block {
    /// A heading: level 1 for sections, 2 and 3 below them. The document title sits above level 1.
    Heading {
        /// 1, 2 or 3.
        level: HeadingLevel,
        /// The heading's text.
        text: String,
    },
    /// A paragraph of text.
    Paragraph(Vec<Inline>),
    /// A list whose order does not matter.
    BulletList(Vec<Vec<Inline>>),
    /// A list whose order matters, numbered from 1.
    NumberedList(Vec<Vec<Inline>>),
    /// A table with a header row.
    Table(Table),
    /// A boxed note that stands out from the text.
    Callout(Callout),
    /// A picture with alt text and a caption. Boxed: a figure is several times the size of any
    /// other block, and a state's document has tens of thousands of blocks and a dozen figures.
    Figure(Box<Figure>),
    /// A table of contents built from the headings (Word only; Markdown viewers show their own).
    Contents,
}

/// How deep a heading sits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingLevel {
    /// A section.
    Section,
    /// A part of a section.
    Subsection,
    /// A part of a part.
    Minor,
}

impl HeadingLevel {
    /// 1 for a section, 2 for a subsection, 3 below that.
    pub fn depth(self) -> usize {
        match self {
            HeadingLevel::Section => 1,
            HeadingLevel::Subsection => 2,
            HeadingLevel::Minor => 3,
        }
    }
}

/// A run of text with one kind of emphasis.
///
/// Text is held as `Box<str>`, links behind a box: a state's document has hundreds of
/// thousands of inlines, and this keeps each to 24 bytes besides its text.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Inline {
    /// Plain text.
    Text(Box<str>),
    /// Emphasized text, usually italic.
    Emphasis(Box<str>),
    /// Strongly emphasized text, usually bold.
    Strong(Box<str>),
    /// A link to a web page. Only `http` and `https` addresses become links; see [`Inline::link`].
    Link(Box<Hyperlink>),
}

/// What a link shows and where it goes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hyperlink {
    /// The text shown.
    pub text: String,
    /// The address.
    pub url: String,
}

impl Inline {
    /// Plain text.
    pub fn text(text: impl Into<String>) -> Inline {
        Inline::Text(text.into().into_boxed_str())
    }

    /// Bold text.
    pub fn strong(text: impl Into<String>) -> Inline {
        Inline::Strong(text.into().into_boxed_str())
    }

    /// Italic text.
    pub fn emphasis(text: impl Into<String>) -> Inline {
        Inline::Emphasis(text.into().into_boxed_str())
    }

    /// A link when `url` is a plain `http`/`https` address, else the address as plain text, so a
    /// plan cannot smuggle in `javascript:` or other schemes.
    pub fn link(text: impl Into<String>, url: &str) -> Inline {
        let text = text.into();
        if is_web_address(url) || email_address(url).is_some() {
            Inline::Link(Box::new(Hyperlink {
                text,
                url: url.to_owned(),
            }))
        } else if text == url {
            Inline::Text(text.into_boxed_str())
        } else {
            Inline::Text(format!("{text} ({url})").into_boxed_str())
        }
    }

    /// The text this inline shows.
    pub fn plain(&self) -> &str {
        match self {
            Inline::Text(text) | Inline::Emphasis(text) | Inline::Strong(text) => text,
            Inline::Link(link) => &link.text,
        }
    }

    /// A `mailto:` link showing the address, when `address` looks like one; else plain text.
    pub fn email(address: &str) -> Inline {
        let address = address.trim();
        if email_address(&format!("mailto:{address}")).is_some() {
            Inline::Link(Box::new(Hyperlink {
                text: address.to_owned(),
                url: format!("mailto:{address}"),
            }))
        } else {
            Inline::Text(address.into())
        }
    }
}

/// The address of a `mailto:` link made of the characters addresses usually hold.
pub(crate) fn email_address(url: &str) -> Option<&str> {
    let address = url.strip_prefix("mailto:")?;
    let (user, domain) = address.split_once('@')?;
    let allowed = |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-');
    (!user.is_empty()
        && domain.contains('.')
        && user.chars().all(allowed)
        && domain.chars().all(allowed))
    .then_some(address)
}

/// Whether `url` is an `http` or `https` address with nothing in it that would break a link.
fn is_web_address(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && url.len() > "https://".len()
        && url.chars().all(|c| {
            c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\' | '`' | '{' | '}' | '|')
        })
}

/// The text of a sequence of inlines, without formatting.
pub fn plain_text(inlines: &[Inline]) -> String {
    inlines.iter().map(Inline::plain).collect()
}

/// A table: a header row and body rows of the same width.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Table {
    /// The column headings.
    pub header: Vec<String>,
    /// How each column is aligned; numbers line up on the right.
    pub alignment: Vec<Alignment>,
    /// The body rows; each cell is a sequence of inlines.
    pub rows: Vec<Vec<Vec<Inline>>>,
}

impl Table {
    /// A table with these column headings, every column left-aligned, and no rows yet.
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Table {
        let header: Vec<String> = header.into_iter().map(Into::into).collect();
        Table {
            alignment: vec![Alignment::Left; header.len()],
            header,
            rows: Vec::new(),
        }
    }

    /// Aligns the columns at these positions to the right, for numbers.
    pub fn numeric(mut self, columns: &[usize]) -> Table {
        for column in columns {
            if let Some(alignment) = self.alignment.get_mut(*column) {
                *alignment = Alignment::Right;
            }
        }
        self
    }

    /// Adds a row of plain-text cells, padded or cut to the table's width.
    pub fn push_text_row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.push_row(cells.into_iter().map(|cell| vec![Inline::text(cell)]));
    }

    /// Adds a row, padded with empty cells or cut to the table's width.
    pub fn push_row(&mut self, cells: impl IntoIterator<Item = Vec<Inline>>) {
        let width = self.header.len();
        let mut row: Vec<Vec<Inline>> = cells.into_iter().take(width).collect();
        row.resize_with(width, Vec::new);
        self.rows.push(row);
    }
}

/// How a table column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Alignment {
    /// Text.
    Left,
    /// Numbers.
    Right,
}

/// A boxed note.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Callout {
    /// What kind of note it is.
    pub tone: Tone,
    /// A few words in bold at its start.
    pub label: String,
    /// The note itself.
    pub body: Vec<Inline>,
}

/// What kind of note a callout is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Tone {
    /// Information worth noticing.
    Note,
    /// Something the reader must act on or know before relying on the document.
    Warning,
}

/// A picture: the constellation, with alt text for screen readers and a caption.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// What the picture shows.
    pub constellation: Constellation,
    /// A description for readers who cannot see the picture.
    pub alt_text: String,
    /// The caption printed under it.
    pub caption: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    // Regression: a state's educator document (10,000 credentials: about 62,000 blocks and
    // 300,000 inlines) took 44 MB as a model when a block was 144 bytes (a figure held inline)
    // and an inline 48 (a link's two strings held inline); the export's peak is this model.
    #[test]
    fn blocks_and_inlines_stay_small() {
        assert!(size_of::<Block>() <= 72, "{}", size_of::<Block>());
        assert!(size_of::<Inline>() <= 24, "{}", size_of::<Inline>());
    }

    #[test]
    fn links_keep_their_shape_in_the_model_snapshot() {
        let link = Inline::link("Site", "https://example.org");
        assert_eq!(
            serde_json::to_value(&link).unwrap(),
            serde_json::json!({"link": {"text": "Site", "url": "https://example.org"}})
        );
        assert_eq!(link.plain(), "Site");
        assert_eq!(
            serde_json::to_value(Inline::strong("Time:")).unwrap(),
            serde_json::json!({"strong": "Time:"})
        );
    }
}
