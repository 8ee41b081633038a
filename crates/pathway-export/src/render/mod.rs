//! The renderers: each writes the same [`Document`] in one file format.
//!
//! A renderer is one file here and one line in [`RENDERERS`]: `pathway export --format` takes
//! its [`name`](Renderer::name), `--help` shows its [`about`](Renderer::about) line, and the
//! [driver](crate::driver) runs it for every audience. A renderer whose documents show the
//! constellation picture does not draw it: it returns [`Rendered::AwaitingPictures`], and the
//! driver finishes it with the [`Pictures`] it drew once for all documents.
//!
//! ```
//! use pathway_export::render::{self, Pictures};
//!
//! let loaded = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo-pathways
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! ").unwrap();
//! let profiles = pathway_export::profile::Profiles::builtin();
//! let document = pathway_export::build_document(&loaded, profiles.get("union").unwrap());
//! let names: Vec<&str> = render::RENDERERS.iter().map(|r| r.name()).collect();
//! assert_eq!(names, ["md", "docx"]);
//! let word = render::by_name("docx").unwrap();
//! let bytes = render::to_bytes(word, &document, &Pictures::new()).unwrap();
//! assert!(bytes.starts_with(b"PK"));
//! ```

pub mod docx;
pub mod markdown;

use std::fmt;
use std::sync::Mutex;

use crate::constellation::{Constellation, DrawError, Picture};
use crate::model::Document;

/// A file format documents can be written in.
pub trait Renderer: Sync {
    /// The value of `--format` that asks for it, which is also the file extension: `md`.
    fn name(&self) -> &'static str;
    /// One line for `--help`: what the file is and how it shows the constellation.
    fn about(&self) -> &'static str;
    /// Whether its documents show the constellation picture, which the driver then starts
    /// drawing before the documents are built.
    fn shows_pictures(&self) -> bool {
        false
    }
    /// Writes a document, or all of it but its pictures.
    fn render(&self, document: &Document) -> Result<Rendered, RenderError>;
}

/// The renderers `pathway export` offers, in the order it writes them.
pub static RENDERERS: &[&dyn Renderer] = &[&markdown::Markdown, &docx::Word];

/// The renderer `--format NAME` asks for.
pub fn by_name(name: &str) -> Option<&'static dyn Renderer> {
    RENDERERS.iter().copied().find(|r| r.name() == name)
}

/// What a renderer gives back.
pub enum Rendered {
    /// The whole file.
    Bytes(Vec<u8>),
    /// The whole file, in pieces that are written one after another.
    Pieces(FileBytes),
    /// The file but for its pictures: the driver calls this once the pictures are drawn, so a
    /// picture being drawn on another thread holds up only this last step.
    AwaitingPictures(Box<FinishWithPictures>),
}

/// The last step of a document that shows pictures: put them in and give the file's bytes.
pub type FinishWithPictures = dyn FnOnce(&Pictures) -> Result<Vec<u8>, RenderError> + Send;

impl Rendered {
    /// The file's bytes, finishing it with `pictures` if it waits for them.
    pub fn finish(self, pictures: &Pictures) -> Result<Vec<u8>, RenderError> {
        Ok(self.finish_file(pictures)?.to_vec())
    }

    /// The file, finishing it with `pictures` if it waits for them, as the renderer gave it:
    /// its pieces are not joined.
    pub fn finish_file(self, pictures: &Pictures) -> Result<FileBytes, RenderError> {
        match self {
            Rendered::Bytes(bytes) => Ok(FileBytes::from_pieces(vec![bytes])),
            Rendered::Pieces(file) => Ok(file),
            Rendered::AwaitingPictures(finish) => {
                Ok(FileBytes::from_pieces(vec![finish(pictures)?]))
            }
        }
    }
}

/// A file's bytes as pieces to be written one after another. A renderer that builds its file
/// from many small pieces (Markdown, a block at a time) hands them over so, rather than join
/// them into a second copy of the whole: a state's Markdown document is 13 MB.
///
/// ```
/// let file = pathway_export::render::FileBytes::from_pieces(vec![b"# Title\n\n".to_vec(), b"Text\n".to_vec()]);
/// assert_eq!(file.len(), 14);
/// let mut written = Vec::new();
/// file.write_to(&mut written).unwrap();
/// assert_eq!(written, file.to_vec());
/// assert_eq!(written, b"# Title\n\nText\n");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileBytes {
    pieces: Vec<Vec<u8>>,
}

impl FileBytes {
    /// The file made of `pieces`, in order.
    pub fn from_pieces(pieces: Vec<Vec<u8>>) -> FileBytes {
        FileBytes { pieces }
    }

    /// The file's length in bytes.
    pub fn len(&self) -> usize {
        self.pieces.iter().map(Vec::len).sum()
    }

    /// Whether the file is empty.
    pub fn is_empty(&self) -> bool {
        self.pieces.iter().all(Vec::is_empty)
    }

    /// Writes the file to `out`, piece by piece.
    pub fn write_to(&self, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        self.pieces
            .iter()
            .try_for_each(|piece| out.write_all(piece))
    }

    /// The file's bytes in one buffer.
    pub fn to_vec(&self) -> Vec<u8> {
        self.pieces.concat()
    }
}

/// Renders a document and finishes it with `pictures` at once.
pub fn to_bytes(
    renderer: &dyn Renderer,
    document: &Document,
    pictures: &Pictures,
) -> Result<Vec<u8>, RenderError> {
    renderer.render(document)?.finish(pictures)
}

/// Why a renderer could not write a document.
#[derive(Debug)]
pub struct RenderError(String);

impl RenderError {
    /// A renderer's reason, in words.
    pub fn new(message: impl Into<String>) -> RenderError {
        RenderError(message.into())
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RenderError {}

/// The constellation pictures of one export, each drawn once however many documents show it.
///
/// The driver makes one and starts drawing the plan's picture on its own thread while the
/// documents are built; a document that asks for a picture still being drawn waits for it.
/// It belongs to one export: nothing is kept between exports.
#[derive(Default)]
pub struct Pictures {
    drawn: Mutex<Vec<(Constellation, Result<Picture, DrawError>)>>,
}

impl Pictures {
    /// No picture drawn yet.
    pub fn new() -> Pictures {
        Pictures::default()
    }

    /// The picture of a constellation: drawn now if no document asked for it before.
    pub fn get(&self, constellation: &Constellation) -> Result<Picture, DrawError> {
        // The lock is held while drawing, so a second document waits for this picture instead
        // of drawing it again.
        let Ok(mut drawn) = self.drawn.lock() else {
            return constellation.to_png();
        };
        if let Some((_, picture)) = drawn.iter().find(|(c, _)| c == constellation) {
            return picture.clone();
        }
        let picture = constellation.to_png();
        drawn.push((constellation.clone(), picture.clone()));
        picture
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::driver::{Export, export};
    use crate::model::{Block, plain_text};
    use crate::profile::Profiles;
    use crate::render::docx::Word;
    use crate::render::markdown::Markdown;

    /// A test-only HTML renderer, to show what adding a format takes. It needed:
    /// - this one type implementing [`Renderer`] (a name that is also the extension, a line for
    ///   `--help`, and `render` over the [`Document`] every renderer shares);
    /// - one line in a registry ([`RENDERERS`] for `pathway export`; the test's own list here).
    ///
    /// Nothing else: no change to the driver, the document model, the picture drawing or the
    /// CLI, whose `--format` values, help and file names come from the registry.
    struct Html;

    impl Renderer for Html {
        fn name(&self) -> &'static str {
            "html"
        }

        fn about(&self) -> &'static str {
            "HTML, one page"
        }

        fn shows_pictures(&self) -> bool {
            true
        }

        fn render(&self, document: &Document) -> Result<Rendered, RenderError> {
            let escape = |text: &str| {
                text.replace('&', "&amp;")
                    .replace('<', "&lt;")
                    .replace('>', "&gt;")
            };
            let mut page = format!("<h1>{}</h1>\n", escape(&document.title));
            let mut figures = Vec::new();
            for block in &document.blocks {
                match block {
                    Block::Heading { text, .. } => page += &format!("<h2>{}</h2>\n", escape(text)),
                    Block::Paragraph(inlines) => {
                        page += &format!("<p>{}</p>\n", escape(&plain_text(inlines)));
                    }
                    Block::Figure(figure) => figures.push(figure.constellation.clone()),
                    _ => {}
                }
            }
            Ok(Rendered::AwaitingPictures(Box::new(move |pictures| {
                for constellation in &figures {
                    let picture = pictures
                        .get(constellation)
                        .map_err(|error| RenderError::new(error.to_string()))?;
                    page += &format!(
                        "<img width=\"{}\" height=\"{}\">\n",
                        picture.width, picture.height
                    );
                }
                Ok(page.into_bytes())
            })))
        }
    }

    /// A plan inside this crate, so the crate builds and tests from its package alone.
    fn example() -> pathway_schema::load::LoadedPlan {
        let text = include_str!("../../tests/fixtures/tricky-eligibility.yaml");
        pathway_schema::load::load_str("tricky-eligibility.yaml", text).unwrap()
    }

    #[test]
    fn a_renderer_is_one_type_and_one_registry_line() {
        let loaded = example();
        let profiles = Profiles::builtin();
        let audiences: Vec<pathway_schema::Id> = ["union", "educators"]
            .iter()
            .map(|id| pathway_schema::Id::new(id).unwrap())
            .collect();
        let registry: &[&dyn Renderer] = &[&Markdown, &Word, &Html];
        let published = crate::PublishedPlan::new(loaded.clone(), &[]);
        let job = Export {
            published: &published,
            profiles: &profiles,
            audiences: &audiences,
            renderers: registry,
        };
        let written = export(&job, |name, file| {
            Ok::<_, crate::ExportError>((name.to_owned(), file.to_vec()))
        })
        .unwrap();
        let names: Vec<&str> = written.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "tricky-eligibility-union.md",
                "tricky-eligibility-union.docx",
                "tricky-eligibility-union.html",
                "tricky-eligibility-educators.md",
                "tricky-eligibility-educators.docx",
                "tricky-eligibility-educators.html",
            ]
        );
        // Each file is what its renderer alone writes for that audience's document.
        let pictures = Pictures::new();
        for (name, bytes) in &written {
            let (audience, renderer) = if name.contains("-union.") {
                ("union", name.rsplit('.').next().unwrap())
            } else {
                ("educators", name.rsplit('.').next().unwrap())
            };
            let document = crate::build_document(&loaded, profiles.get(audience).unwrap());
            let renderer = registry.iter().find(|r| r.name() == renderer).unwrap();
            let alone = to_bytes(*renderer, &document, &pictures).unwrap();
            assert!(
                &alone == bytes,
                "{name} differs from its renderer's own output"
            );
        }
        let html = String::from_utf8(written[2].1.clone()).unwrap();
        assert!(html.starts_with("<h1>"), "{html}");
        // The picture the driver drew reached the HTML page.
        let drawn = crate::constellation::Constellation::from_plan(&loaded.plan)
            .to_png()
            .unwrap();
        assert!(
            html.contains(&format!(
                "<img width=\"{}\" height=\"{}\">",
                drawn.width, drawn.height
            )),
            "{html}"
        );
    }

    #[test]
    fn the_registry_names_are_distinct_file_extensions() {
        let names: Vec<&str> = RENDERERS.iter().map(|r| r.name()).collect();
        for (i, name) in names.iter().enumerate() {
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase()),
                "{name}"
            );
            assert!(!names[..i].contains(name), "{name} twice");
            assert_eq!(by_name(name).map(|r| r.name()), Some(*name));
        }
        assert!(by_name("html").is_none());
    }

    #[test]
    fn a_picture_is_drawn_once_per_export() {
        let constellation = crate::constellation::Constellation::from_plan(&example().plan);
        let pictures = Pictures::new();
        let first = pictures.get(&constellation).unwrap();
        assert_eq!(pictures.drawn.lock().unwrap().len(), 1);
        assert_eq!(pictures.get(&constellation).unwrap(), first);
        assert_eq!(pictures.drawn.lock().unwrap().len(), 1, "drawn again");
    }
}
