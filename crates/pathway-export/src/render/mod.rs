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
use std::io::Write;
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
    fn render<'d>(&self, document: &'d Document) -> Result<Rendered<'d>, RenderError>;
}

/// The renderers `pathway export` offers, in the order it writes them.
pub static RENDERERS: &[&dyn Renderer] = &[&markdown::Markdown, &docx::Word];

/// The renderer `--format NAME` asks for.
pub fn by_name(name: &str) -> Option<&'static dyn Renderer> {
    RENDERERS.iter().copied().find(|r| r.name() == name)
}

/// What a renderer gives back, for a document that lives for `'d`.
pub enum Rendered<'d> {
    /// The whole file.
    Bytes(Vec<u8>),
    /// The file, written out by the renderer when it is written, piece by piece, straight from
    /// the document: a state's Markdown document is 13 MB, never held whole.
    Written(Box<WriteFile<'d>>),
    /// The file but for its pictures: the driver calls this once the pictures are drawn, so a
    /// picture being drawn on another thread holds up only this last step.
    AwaitingPictures(Box<FinishWithPictures>),
}

/// The last step of a document that shows pictures: put them in and give the file's bytes.
pub type FinishWithPictures = dyn FnOnce(&Pictures) -> Result<Vec<u8>, RenderError> + Send;

/// Writes a whole file to a destination, as often as asked, the same bytes each time.
pub type WriteFile<'d> = dyn Fn(&mut dyn Write) -> std::io::Result<()> + Send + Sync + 'd;

impl<'d> Rendered<'d> {
    /// The file's bytes, finishing it with `pictures` if it waits for them.
    pub fn finish(self, pictures: &Pictures) -> Result<Vec<u8>, RenderError> {
        let file = self.finish_file(pictures)?;
        let mut bytes = Vec::new();
        file.write_to(&mut bytes)
            .map_err(|error| RenderError::new(error.to_string()))?;
        Ok(bytes)
    }

    /// The file, finishing it with `pictures` if it waits for them; a file the renderer writes
    /// piece by piece is not written yet.
    pub fn finish_file(self, pictures: &Pictures) -> Result<FileBytes<'d>, RenderError> {
        match self {
            Rendered::Bytes(bytes) => Ok(FileBytes::whole(bytes)),
            Rendered::Written(write) => Ok(FileBytes {
                content: Content::Written(write),
            }),
            Rendered::AwaitingPictures(finish) => Ok(FileBytes::whole(finish(pictures)?)),
        }
    }
}

/// The largest document written. Plan text is never expanded as a template and each section
/// appears once, so a plan within the input limits stays far below this; it is the last bound.
pub const MAX_DOCUMENT_BYTES: usize = 256 * 1024 * 1024;

/// A file to write: its bytes, or the renderer's way of writing them piece by piece (Markdown,
/// a block at a time), so that a large document is never held whole. Either way no file grows
/// past [`MAX_DOCUMENT_BYTES`]: writing stops there with an
/// error.
///
/// ```
/// let file = pathway_export::render::FileBytes::whole(b"# Title\n\nText\n".to_vec());
/// let mut written = Vec::new();
/// file.write_to(&mut written).unwrap();
/// assert_eq!(written, b"# Title\n\nText\n");
/// ```
pub struct FileBytes<'d> {
    content: Content<'d>,
}

enum Content<'d> {
    Whole(Vec<u8>),
    Written(Box<WriteFile<'d>>),
}

impl FileBytes<'_> {
    /// The file made of `bytes`.
    pub fn whole(bytes: Vec<u8>) -> FileBytes<'static> {
        FileBytes {
            content: Content::Whole(bytes),
        }
    }

    /// The file's length in bytes, when it is held whole; `None` for a file the renderer writes
    /// piece by piece, whose length is known once it is written.
    pub fn held_len(&self) -> Option<usize> {
        match &self.content {
            Content::Whole(bytes) => Some(bytes.len()),
            Content::Written(_) => None,
        }
    }

    /// Writes the file to `out`; fails, having written at most
    /// [`MAX_DOCUMENT_BYTES`], if the file is larger.
    pub fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.write_at_most(out, MAX_DOCUMENT_BYTES)
    }

    fn write_at_most(&self, out: &mut dyn Write, room: usize) -> std::io::Result<()> {
        let mut capped = Capped { out, room };
        match &self.content {
            Content::Whole(bytes) => capped.write_all(bytes),
            Content::Written(write) => write(&mut capped),
        }
    }
}

/// A writer that refuses to write more than `room` bytes in all.
struct Capped<'a> {
    out: &'a mut dyn Write,
    room: usize,
}

impl Write for Capped<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if bytes.len() > self.room {
            const MIB: usize = 1024 * 1024;
            return Err(std::io::Error::other(format!(
                "the document would be over the limit of {} MiB for one document; split the plan",
                MAX_DOCUMENT_BYTES / MIB
            )));
        }
        let written = self.out.write(bytes)?;
        self.room -= written;
        Ok(written)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
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
    /// How many pictures were drawn, so tests can check that none is drawn twice.
    #[cfg(test)]
    pub(crate) draws: std::sync::atomic::AtomicUsize,
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
        #[cfg(test)]
        self.draws.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
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

        fn render<'d>(&self, document: &'d Document) -> Result<Rendered<'d>, RenderError> {
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
            let mut bytes = Vec::new();
            file.write_to(&mut bytes).unwrap();
            Ok::<_, crate::ExportError>((name.to_owned(), bytes))
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

    /// Records how a file was written: the bytes, and the largest single write.
    #[derive(Default)]
    struct Recorder {
        bytes: Vec<u8>,
        largest_write: usize,
        writes: usize,
    }

    impl Write for Recorder {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.largest_write = self.largest_write.max(bytes.len());
            self.writes += 1;
            self.bytes.extend_from_slice(bytes);
            Ok(bytes.len())
        }

        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    // Regression: a state's Markdown document (13 MB for the educators) was held whole as its
    // blocks' text until it was written, 28 MB at the export's peak; it is written a block at
    // a time.
    #[test]
    fn markdown_is_written_a_block_at_a_time() {
        let plan = pathway_bench::generate_plan(300, 1);
        let loaded = pathway_schema::load::load_str("plan.yaml", &plan).unwrap();
        let profiles = Profiles::builtin();
        let document = crate::build_document(&loaded, profiles.get("educators").unwrap());
        let file = Markdown
            .render(&document)
            .unwrap()
            .finish_file(&Pictures::new())
            .unwrap();
        assert_eq!(file.held_len(), None, "held whole");
        let mut recorder = Recorder::default();
        file.write_to(&mut recorder).unwrap();
        assert_eq!(
            recorder.bytes,
            markdown::render_markdown(&document).into_bytes()
        );
        // At least one write per credential's heading; none near the size of the whole.
        assert!(
            recorder.writes > document.blocks.len(),
            "{}",
            recorder.writes
        );
        assert!(
            recorder.largest_write * 20 < recorder.bytes.len(),
            "{} of {} bytes in one write",
            recorder.largest_write,
            recorder.bytes.len()
        );
        // Written twice, the same bytes.
        let mut again = Recorder::default();
        file.write_to(&mut again).unwrap();
        assert!(again.bytes == recorder.bytes);
    }

    #[test]
    fn a_file_stops_at_the_size_limit() {
        let whole = FileBytes::whole(vec![b'x'; 100]);
        let mut out = Vec::new();
        assert!(whole.write_at_most(&mut out, 100).is_ok());
        assert_eq!(out.len(), 100);
        let mut out = Vec::new();
        let error = whole.write_at_most(&mut out, 99).unwrap_err();
        assert!(error.to_string().contains("over the limit"), "{error}");
        assert!(out.len() <= 99);
        // A file written piece by piece stops at the piece that would pass the limit.
        let pieces = FileBytes {
            content: Content::Written(Box::new(|out: &mut dyn Write| {
                (0..10).try_for_each(|_| out.write_all(&[b'y'; 10]))
            })),
        };
        let mut out = Vec::new();
        assert!(pieces.write_at_most(&mut out, 45).is_err());
        assert_eq!(
            out.len(),
            40,
            "the pieces within the limit, no part of the next"
        );
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
