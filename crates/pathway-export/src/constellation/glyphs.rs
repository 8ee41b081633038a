//! Text for pictures: the bundled DejaVu Sans font, measured and turned into outlines.
//!
//! A picture must look the same on a build machine with no fonts installed, so it draws glyph
//! outlines from a font compiled into the binary (DejaVu Sans, from the `dejavu` crate; its
//! license allows embedding and redistribution). Glyphs are placed one after another by their
//! advance widths: no kerning or shaping, which Latin titles, ids and labels do not need. The
//! constellation and the state roll-up's heat map (`pathway-report`) both draw with it.
//!
//! ```
//! use pathway_export::constellation::glyphs::{Weight, font};
//!
//! let regular = font(Weight::Regular).expect("the font is built in");
//! let label = regular.fit("a-very-long-district-plan-identifier", 8.0, 60.0);
//! assert!(label.ends_with('…') && regular.width(&label, 8.0) <= 60.0);
//! let mut path = tiny_skia::PathBuilder::new();
//! regular.outline(&label, 8.0, 0.0, 10.0, &mut path);
//! assert!(path.finish().is_some());
//! ```

use std::sync::OnceLock;

use tiny_skia::PathBuilder;
use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// The two weights pictures use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// DejaVu Sans.
    Regular,
    /// DejaVu Sans Bold.
    Bold,
}

/// A parsed font face and the glyph drawn for characters it lacks.
pub struct Font {
    face: Face<'static>,
    fallback: GlyphId,
}

/// The font of this weight, parsed once per process; `None` only for a broken build.
pub fn font(weight: Weight) -> Option<&'static Font> {
    static REGULAR: OnceLock<Option<Font>> = OnceLock::new();
    static BOLD: OnceLock<Option<Font>> = OnceLock::new();
    let (cell, data) = match weight {
        Weight::Regular => (&REGULAR, dejavu::sans::regular()),
        Weight::Bold => (&BOLD, dejavu::sans::bold()),
    };
    cell.get_or_init(|| {
        let face = Face::parse(data, 0).ok()?;
        let fallback = face.glyph_index('?').unwrap_or(GlyphId(0));
        Some(Font { face, fallback })
    })
    .as_ref()
}

impl Font {
    fn scale(&self, size: f32) -> f32 {
        size / f32::from(self.face.units_per_em().max(1))
    }

    /// The glyph drawn for `c`, or `None` for a character the documents leave out
    /// ([`crate::prose::is_dropped`]: control characters, direction overrides, zero-width
    /// spaces and other invisible format characters), which takes no room and is never acted
    /// on. A line break or tab is drawn as a space, so the words either side stay apart; glyphs
    /// are placed left to right whatever the text's direction marks say.
    fn glyph(&self, c: char) -> Option<GlyphId> {
        if c.is_whitespace() && c.is_control() {
            return self.face.glyph_index(' ');
        }
        if crate::prose::is_dropped(c) {
            return None;
        }
        Some(self.face.glyph_index(c).unwrap_or(self.fallback))
    }

    fn advance(&self, c: char, scale: f32) -> f32 {
        self.glyph(c)
            .and_then(|glyph| self.face.glyph_hor_advance(glyph))
            .map_or(0.0, |units| f32::from(units) * scale)
    }

    /// How wide `text` is at `size` pixels.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let scale = self.scale(size);
        text.chars().map(|c| self.advance(c, scale)).sum()
    }

    /// `text`, or as much of it as fits in `width` at `size` followed by an ellipsis.
    pub fn fit(&self, text: &str, size: f32, width: f32) -> String {
        if self.width(text, size) <= width {
            return text.to_owned();
        }
        let scale = self.scale(size);
        let mut room = width - self.advance('…', scale);
        let mut out = String::new();
        for c in text.chars() {
            room -= self.advance(c, scale);
            if room < 0.0 {
                break;
            }
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }

    /// Adds the outlines of `text` to `path`, starting at `x` on the baseline `y`.
    pub fn outline(&self, text: &str, size: f32, x: f32, y: f32, path: &mut PathBuilder) {
        let scale = self.scale(size);
        let mut pen = x;
        for c in text.chars() {
            let Some(glyph) = self.glyph(c) else {
                continue;
            };
            let mut outline = Outline {
                path,
                x: pen,
                y,
                scale,
            };
            let _ = self.face.outline_glyph(glyph, &mut outline);
            pen += self.advance(c, scale);
        }
    }

    /// Breaks `text` into lines no wider than `width` at `size`, between words where possible.
    pub fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let mut line = String::new();
        for word in text.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_owned()
            } else {
                format!("{line} {word}")
            };
            if self.width(&candidate, size) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            // A word longer than the line is broken wherever it has to be.
            for c in word.chars() {
                line.push(c);
                if self.width(&line, size) > width && line.chars().count() > 1 {
                    line.pop();
                    lines.push(std::mem::take(&mut line));
                    line.push(c);
                }
            }
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }
}

/// Feeds a glyph's outline, in font units with y up, into a path in pixels with y down.
struct Outline<'a> {
    path: &'a mut PathBuilder,
    x: f32,
    y: f32,
    scale: f32,
}

impl Outline<'_> {
    fn point(&self, x: f32, y: f32) -> (f32, f32) {
        (self.x + x * self.scale, self.y - y * self.scale)
    }
}

impl OutlineBuilder for Outline<'_> {
    fn move_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.move_to(x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let (x, y) = self.point(x, y);
        self.path.line_to(x, y);
    }

    fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x, y) = self.point(x, y);
        self.path.quad_to(x1, y1, x, y);
    }

    fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
        let (x1, y1) = self.point(x1, y1);
        let (x2, y2) = self.point(x2, y2);
        let (x, y) = self.point(x, y);
        self.path.cubic_to(x1, y1, x2, y2, x, y);
    }

    fn close(&mut self) {
        self.path.close();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_fonts_load_and_measure() {
        let regular = font(Weight::Regular).unwrap();
        let bold = font(Weight::Bold).unwrap();
        assert!(regular.width("Mentor", 13.0) > 30.0);
        assert!(bold.width("Mentor", 13.0) > regular.width("Mentor", 13.0));
        assert_eq!(regular.width("", 13.0), 0.0);
    }

    #[test]
    fn long_labels_are_cut_to_fit_with_an_ellipsis() {
        let regular = font(Weight::Regular).unwrap();
        let long = "district-with-a-very-long-plan-identifier-that-goes-on";
        let fitted = regular.fit(long, 8.0, 60.0);
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(regular.width(&fitted, 8.0) <= 60.0);
        assert!(long.starts_with(fitted.trim_end_matches('…')));
        assert_eq!(regular.fit("short", 8.0, 60.0), "short");
    }

    #[test]
    fn what_the_documents_leave_out_is_not_drawn() {
        let regular = font(Weight::Regular).unwrap();
        let ab = regular.width("ab", 13.0);
        for hidden in [
            "\u{1b}",
            "\u{200B}",
            "\u{FEFF}",
            "\u{202E}",
            "\u{2060}",
            "\u{E0041}",
        ] {
            let text = format!("a{hidden}b");
            assert_eq!(regular.width(&text, 13.0), ab, "{text:?}");
            let mut path = PathBuilder::new();
            regular.outline(hidden, 13.0, 0.0, 10.0, &mut path);
            assert!(path.finish().is_none(), "{hidden:?} drew something");
        }
        // A line break or tab keeps the words apart, as a space does.
        assert_eq!(regular.width("a\nb", 13.0), regular.width("a b", 13.0));
        assert_eq!(regular.width("a\tb", 13.0), regular.width("a b", 13.0));
        // A character the font lacks is still drawn, as the fallback.
        assert_eq!(
            regular.width("a\u{10FFFD}b", 13.0),
            regular.width("a?b", 13.0)
        );
    }

    #[test]
    fn wrapping_keeps_every_word_and_respects_the_width() {
        let regular = font(Weight::Regular).unwrap();
        let text =
            "Small-Group Instruction Across Grade Levels with Supercalifragilisticexpialidocious";
        let lines = regular.wrap(text, 13.0, 120.0);
        assert!(lines.len() > 2);
        for line in &lines {
            assert!(regular.width(line, 13.0) <= 120.0, "{line}");
        }
        assert_eq!(lines.concat().replace(' ', ""), text.replace(' ', ""));
    }
}
