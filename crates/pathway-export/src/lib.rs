//! Publish a Pathway Kit plan as documents tailored to each audience, in Markdown and Word.
//!
//! A plan and an [audience profile](profile) make one [`Document`](model::Document): a summary
//! of what the plan means for that audience, then the sections the profile lists, with tables
//! where numbers are compared and the constellation drawn as a picture. Two renderers write the
//! same document: [`markdown`] (GitHub-flavored, with a Mermaid diagram) and [`docx`] (Word,
//! with a PNG picture), siblings under [`render`]; the [`driver`] runs them for every audience.
//! A plan that is not complete for its readiness level still exports, marked as a draft, with an
//! appendix of the decisions still open.
//!
//! ```
//! use pathway_export::render::{self, Pictures};
//! use pathway_export::{build_document, profile::Profiles};
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
//! let pictures = Pictures::new();
//! let markdown = render::to_bytes(&render::markdown::Markdown, &document, &pictures).unwrap();
//! let markdown = String::from_utf8(markdown).unwrap();
//! assert!(markdown.starts_with("# "));
//! assert!(markdown.contains("\\*the only way up\\*"));
//! let docx = render::to_bytes(&render::docx::Word, &document, &pictures).unwrap();
//! assert!(docx.starts_with(b"PK"));
//! assert_eq!(
//!     pathway_export::file_name(&loaded.plan.id, &board.id, &render::docx::Word),
//!     "demo-pathways-school-board.docx"
//! );
//! ```

#![deny(missing_docs)]

pub mod constellation;
pub mod driver;
pub mod model;
pub mod profile;
pub mod prose;
pub mod render;
mod sections;

use std::fmt;

use pathway_schema::Id;

pub use render::{docx, markdown};
pub use sections::{PublishedPlan, build_document, build_document_with, build_published};

/// Why an export stopped.
#[derive(Debug)]
pub enum ExportError {
    /// A renderer could not write a document.
    Render {
        /// The file it was writing.
        name: String,
        /// Why.
        source: render::RenderError,
    },
    /// A document came out larger than [`driver::MAX_DOCUMENT_BYTES`].
    TooLarge {
        /// The file.
        name: String,
        /// How large it would have been.
        bytes: usize,
    },
    /// A document job stopped without a result (it panicked).
    Lost,
}

impl fmt::Display for ExportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MIB: usize = 1024 * 1024;
        match self {
            ExportError::Render { name, .. } => write!(f, "cannot write {name}"),
            ExportError::TooLarge { name, bytes } => write!(
                f,
                "cannot write {name}: it would be {} MiB, over the limit of {} MiB for one document; split the plan",
                bytes / MIB,
                driver::MAX_DOCUMENT_BYTES / MIB
            ),
            ExportError::Lost => f.write_str("a document was not written"),
        }
    }
}

impl std::error::Error for ExportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ExportError::Render { source, .. } => Some(source),
            _ => None,
        }
    }
}

/// The name of an exported file: `<plan-id>-<audience>.<ext>`. Both ids are kebab-case
/// [`Id`]s and renderer names are fixed words, so the name can hold no path separator and no
/// `..`.
pub fn file_name(plan: &Id, audience: &Id, renderer: &dyn render::Renderer) -> String {
    format!("{plan}-{audience}.{}", renderer.name())
}
