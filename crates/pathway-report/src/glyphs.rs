//! Text for the heat map: the bundled DejaVu Sans font (the one the exporter's constellation
//! picture draws with), measured and turned into outlines, so that the picture looks the same
//! on a machine with no fonts installed. Glyphs are placed by their advance widths: labels are
//! ids, level and kind names, and area titles, which need no shaping.

use std::sync::OnceLock;

use tiny_skia::PathBuilder;
use ttf_parser::{Face, GlyphId, OutlineBuilder};

/// A parsed font face and the glyph drawn for characters it lacks.
pub struct Font {
    face: Face<'static>,
    fallback: GlyphId,
}

/// The regular or the bold face, parsed once per process; `None` only for a broken build.
pub fn font(bold: bool) -> Option<&'static Font> {
    static REGULAR: OnceLock<Option<Font>> = OnceLock::new();
    static BOLD: OnceLock<Option<Font>> = OnceLock::new();
    let (cell, data) = if bold {
        (&BOLD, dejavu::sans::bold())
    } else {
        (&REGULAR, dejavu::sans::regular())
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
        // Control characters (a hostile id's line breaks or direction overrides) are drawn as
        // the fallback, never acted on.
        if c.is_control() {
            return self.fallback;
        }
        self.face.glyph_index(c).unwrap_or(self.fallback)
    }

    fn advance(&self, c: char, scale: f32) -> f32 {
        f32::from(self.face.glyph_hor_advance(self.glyph(c)).unwrap_or(0)) * scale
    }

    /// How wide `text` is at `size`.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        let scale = self.scale(size);
        text.chars().map(|c| self.advance(c, scale)).sum()
    }

    /// `text`, or as much of it as fits in `width` followed by an ellipsis.
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
            let glyph = self.glyph(c);
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
}

/// Feeds a glyph's outline, in font units with y up, into a path with y down.
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
    use super::font;

    #[test]
    fn long_labels_are_cut_to_fit_with_an_ellipsis() {
        let regular = font(false).unwrap();
        let long = "district-with-a-very-long-plan-identifier-that-goes-on";
        let fitted = regular.fit(long, 8.0, 60.0);
        assert!(fitted.ends_with('…'), "{fitted}");
        assert!(regular.width(&fitted, 8.0) <= 60.0);
        assert!(long.starts_with(fitted.trim_end_matches('…')));
        assert_eq!(regular.fit("short", 8.0, 60.0), "short");
    }
}
