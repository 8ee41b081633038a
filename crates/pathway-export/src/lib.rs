//! Publish a Pathway Kit plan as documents tailored to each audience, in Markdown and Word.
//!
//! A plan and an [audience profile](profile) make one [`Document`](model::Document): a summary
//! of what the plan means for that audience, then the sections the profile lists, with tables
//! where numbers are compared and the constellation drawn as a picture. Two renderers write the
//! same document: [`markdown`] (GitHub-flavored, with a Mermaid diagram) and [`docx`] (Word,
//! with a PNG picture). A plan that is not complete for its readiness level still exports,
//! marked as a draft, with an appendix of the decisions still open.
//!
//! ```
//! use pathway_export::{Format, build_document, profile::Profiles, render};
//!
//! let loaded = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo-pathways
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! goals:
//!   challenges: 'Teachers leave for administration: *the only way up*.'
//! ").unwrap();
//! let profiles = Profiles::builtin();
//! let board = profiles.get("school-board").unwrap();
//! let document = build_document(&loaded, board);
//! assert!(document.status.is_draft());
//!
//! let markdown = String::from_utf8(render(&document, Format::Markdown).unwrap()).unwrap();
//! assert!(markdown.starts_with("# "));
//! assert!(markdown.contains("\\*the only way up\\*"));
//! let docx = render(&document, Format::Docx).unwrap();
//! assert!(docx.starts_with(b"PK"));
//! assert_eq!(
//!     pathway_export::file_name(&loaded.plan.id, &board.id, Format::Docx),
//!     "demo-pathways-school-board.docx"
//! );
//! ```

#![deny(missing_docs)]

pub mod constellation;
pub mod docx;
mod docx_layout;
mod docx_order;
mod docx_package;
mod docx_theme;
mod docx_xml;
pub mod markdown;
pub mod model;
pub mod profile;
mod sections;
pub mod text;

use std::fmt;

use pathway_schema::Id;

pub use sections::build_document;

/// The file formats a document can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// Markdown, for GitHub, GitLab and other Markdown viewers.
    Markdown,
    /// A Word document.
    Docx,
}

impl Format {
    /// Both formats, Markdown first.
    pub const ALL: [Format; 2] = [Format::Markdown, Format::Docx];

    /// The file extension, without the dot: `md` or `docx`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Docx => "docx",
        }
    }
}

/// Why a document could not be written.
#[derive(Debug)]
pub enum ExportError {
    /// The Word file could not be assembled.
    Docx(docx::DocxError),
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExportError::Docx(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ExportError {}

/// Writes a document in a format.
pub fn render(document: &model::Document, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Markdown => Ok(markdown::render_markdown(document).into_bytes()),
        Format::Docx => docx::render_docx(document).map_err(ExportError::Docx),
    }
}

/// Draws the plan's constellation picture ahead of the Word documents that show it, so that
/// documents rendered on other threads meanwhile find it ready (it is drawn once per process and
/// is most of a Word export's time). A picture that cannot be drawn is left for the document to
/// report.
pub fn draw_constellation(plan: &pathway_schema::Plan) {
    let _ = constellation::Constellation::from_plan(plan).to_png();
}

/// The name of an exported file: `<plan-id>-<audience>.<ext>`. Both ids are kebab-case
/// [`Id`]s, so the name can hold no path separator and no `..`.
pub fn file_name(plan: &Id, audience: &Id, format: Format) -> String {
    format!("{plan}-{audience}.{}", format.extension())
}
