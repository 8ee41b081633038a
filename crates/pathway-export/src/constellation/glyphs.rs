//! Text for the picture: the bundled DejaVu Sans font, measured and turned into outlines.
//!
//! The picture must look the same on a build machine with no fonts installed, so it draws glyph
//! outlines from a font compiled into the binary (DejaVu Sans, from the `dejavu` crate; its
//! license allows embedding and redistribution). Glyphs are placed one after another by their
//! advance widths: no kerning or shaping, which Latin titles do not need.

use std::sync::OnceLock;

use tiny_skia::PathBuilder;
use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// The two weights the picture uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Weight {
    Regular,
    Bold,
}

/// A parsed font face and the glyph drawn for characters it lacks.
pub(super) struct Font {
    face: Face<'static>,
    fallback: GlyphId,
}

/// The font of this weight, parsed once per process.
pub(super) fn font(weight: Weight) -> Option<&'static Font> {
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

    fn glyph(&self, c: char) -> GlyphId {
        self.face.glyph_index(c).unwrap_or(self.fallback)
    }

    /// How wide `text` is at `size` pixels.
    pub(super) fn width(&self, text: &str, size: f32) -> f32 {
        let scale = self.scale(size);
        text.chars()
            .map(|c| f32::from(self.face.glyph_hor_advance(self.glyph(c)).unwrap_or(0)) * scale)
            .sum()
    }

    /// Adds the outlines of `text` to `path`, starting at `x` on the baseline `y`.
    pub(super) fn outline(&self, text: &str, size: f32, x: f32, y: f32, path: &mut PathBuilder) {
        let scale = self.scale(size);
        let mut pen = x;
        for c in text.chars() {
            let glyph = self.glyph(c);
            let mut outline = Outline {
                path,
                x: pen,
                y,
                scale,
            };
            let _ = self.face.outline_glyph(glyph, &mut outline);
            pen += f32::from(self.face.glyph_hor_advance(glyph).unwrap_or(0)) * scale;
        }
    }

    /// Breaks `text` into lines no wider than `width` at `size`, between words where possible.
    pub(super) fn wrap(&self, text: &str, size: f32, width: f32) -> Vec<String> {
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
