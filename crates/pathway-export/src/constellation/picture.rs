//! The constellation drawn as a PNG: credentials on the left (framed by stack), opportunities on
//! the right, an arrow from whatever unlocks each opportunity to it.
//!
//! The constellation is a two-layer graph, so a column layout draws it more clearly than a
//! general graph layout would: opportunities are ordered by the average height of what unlocks
//! them, which keeps arrows short and crossings few. Everything is laid out in points at 1× and
//! rendered at 2× for print.

use std::fmt;

use tiny_skia::{
    Color, FillRule, LineCap, Paint, PathBuilder, Pixmap, Rect, Stroke, StrokeDash, Transform,
};

use super::glyphs::{Font, Weight, font};
use super::{Constellation, Unlock};
use crate::prose::{capitalize, format_hours};

/// A drawn constellation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
}

/// Why a constellation could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DrawError {
    /// The bundled font could not be read (a broken build).
    Font,
    /// The picture would be too large to draw: more than about a thousand credentials.
    TooLarge {
        /// How tall it would be, in points.
        height: u32,
    },
    /// The PNG could not be encoded.
    Encoding(String),
}

impl fmt::Display for DrawError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DrawError::Font => f.write_str("the bundled font could not be read"),
            DrawError::TooLarge { height } => write!(
                f,
                "the constellation is too large to draw ({height} points tall); the document lists it as tables instead"
            ),
            DrawError::Encoding(message) => {
                write!(f, "the picture could not be encoded: {message}")
            }
        }
    }
}

impl std::error::Error for DrawError {}

const MARGIN: f32 = 20.0;
const HEADING_SIZE: f32 = 13.0;
const TITLE_SIZE: f32 = 12.5;
const DETAIL_SIZE: f32 = 11.0;
const LINE: f32 = 1.3;
const PAD: f32 = 8.0;
const FRAME_PAD: f32 = 9.0;
const CREDENTIAL_WIDTH: f32 = 240.0;
const OPPORTUNITY_WIDTH: f32 = 260.0;
const GAP: f32 = 150.0;
const LEFT_SPACING: f32 = 10.0;
const RIGHT_SPACING: f32 = 14.0;
const MAX_HEIGHT: f32 = 60_000.0;

const INK: Rgb = Rgb(0x1f, 0x29, 0x37);
const MUTED: Rgb = Rgb(0x55, 0x5f, 0x6d);
const CREDENTIAL_FILL: Rgb = Rgb(0xff, 0xff, 0xff);
const CREDENTIAL_STROKE: Rgb = Rgb(0x4a, 0x6f, 0xa5);
const STACK_FILL: Rgb = Rgb(0xea, 0xf1, 0xfb);
const STACK_INK: Rgb = Rgb(0x2b, 0x4c, 0x7e);
const STAYS_FILL: Rgb = Rgb(0xdc, 0xef, 0xe3);
const STAYS_STROKE: Rgb = Rgb(0x2f, 0x7a, 0x4d);
const LEAVES_FILL: Rgb = Rgb(0xf2, 0xf2, 0xf2);
const LEAVES_STROKE: Rgb = Rgb(0x7a, 0x7a, 0x7a);

#[derive(Debug, Clone, Copy)]
struct Rgb(u8, u8, u8);

impl Rgb {
    fn paint(self) -> Paint<'static> {
        let mut paint = Paint::default();
        paint.set_color(Color::from_rgba8(self.0, self.1, self.2, 255));
        paint.anti_alias = true;
        paint
    }
}

/// A line of text in a box, with its weight and color.
#[derive(Debug, Clone)]
struct TextLine {
    text: String,
    weight: Weight,
    size: f32,
    color: Rgb,
}

/// A box and the lines of text in it, positioned.
#[derive(Debug, Clone)]
struct Placed {
    x: f32,
    y: f32,
    width: f32,
    height: f32,
    lines: Vec<TextLine>,
}

impl Placed {
    fn center_y(&self) -> f32 {
        self.y + self.height / 2.0
    }

    fn right(&self) -> f32 {
        self.x + self.width
    }

    fn bottom(&self) -> f32 {
        self.y + self.height
    }
}

struct Fonts {
    regular: &'static Font,
    bold: &'static Font,
}

impl Fonts {
    fn get(&self, weight: Weight) -> &'static Font {
        match weight {
            Weight::Regular => self.regular,
            Weight::Bold => self.bold,
        }
    }

    fn lines(
        &self,
        text: &str,
        weight: Weight,
        size: f32,
        color: Rgb,
        width: f32,
    ) -> Vec<TextLine> {
        self.get(weight)
            .wrap(text, size, width)
            .into_iter()
            .map(|text| TextLine {
                text,
                weight,
                size,
                color,
            })
            .collect()
    }
}

fn text_height(lines: &[TextLine]) -> f32 {
    lines.iter().map(|line| line.size * LINE).sum()
}

/// The laid-out picture, in points.
struct Layout {
    width: f32,
    height: f32,
    headings: Vec<(f32, f32, TextLine)>,
    credentials: Vec<Option<Placed>>,
    frames: Vec<Placed>,
    /// By position in the plan.
    opportunities: Vec<Option<Placed>>,
    legend_y: f32,
}

/// A constellation laid out, with the size it will be drawn at.
struct ScaledLayout {
    fonts: Fonts,
    layout: Layout,
    scale: f32,
    width: u32,
    height: u32,
}

fn plan(constellation: &Constellation) -> Result<ScaledLayout, DrawError> {
    let fonts = Fonts {
        regular: font(Weight::Regular).ok_or(DrawError::Font)?,
        bold: font(Weight::Bold).ok_or(DrawError::Font)?,
    };
    // Decided before laying out: a constellation of thousands of credentials is refused at the
    // cost of counting them.
    let least = least_height(constellation);
    if least > MAX_HEIGHT {
        return Err(DrawError::TooLarge {
            height: least as u32,
        });
    }
    let layout = lay_out(constellation, &fonts);
    if layout.height > MAX_HEIGHT {
        return Err(DrawError::TooLarge {
            height: layout.height as u32,
        });
    }
    // Very tall pictures are drawn at a lower resolution to bound memory.
    let scale = (12_000.0 / layout.height).clamp(0.5, 2.0);
    let width = (layout.width * scale).ceil() as u32;
    let height = (layout.height * scale).ceil() as u32;
    Ok(ScaledLayout {
        fonts,
        layout,
        scale,
        width,
        height,
    })
}

/// The least height the picture can have, in points, found by counting: each box at least one
/// line of title (and an opportunity's line of kind), with no space between boxes.
pub(super) fn least_height(constellation: &Constellation) -> f32 {
    let credential = TITLE_SIZE * LINE + 2.0 * PAD;
    let opportunity = (TITLE_SIZE + DETAIL_SIZE) * LINE + 2.0 * PAD;
    let left = constellation.credentials.len() as f32 * credential;
    let right = constellation.opportunities.len() as f32 * opportunity;
    MARGIN + HEADING_SIZE * 2.2 + left.max(right) + 22.0 + 18.0 + MARGIN
}

/// Whether the picture is at most `limit` points tall: decided by counting when it is clearly
/// taller, by laying it out otherwise.
pub(super) fn fits(constellation: &Constellation, limit: f32) -> bool {
    if least_height(constellation) > limit {
        return false;
    }
    let (Some(regular), Some(bold)) = (font(Weight::Regular), font(Weight::Bold)) else {
        return false;
    };
    lay_out(constellation, &Fonts { regular, bold }).height <= limit
}

/// The size in pixels [`draw`] gives the picture, found without drawing it.
pub(super) fn size(constellation: &Constellation) -> Result<(u32, u32), DrawError> {
    plan(constellation).map(|plan| (plan.width, plan.height))
}

pub(super) fn draw(constellation: &Constellation) -> Result<Picture, DrawError> {
    let ScaledLayout {
        fonts,
        layout,
        scale,
        width,
        height,
    } = plan(constellation)?;
    let mut pixmap = Pixmap::new(width, height).ok_or(DrawError::TooLarge {
        height: layout.height as u32,
    })?;
    pixmap.fill(Color::WHITE);
    let transform = Transform::from_scale(scale, scale);
    let mut canvas = Canvas {
        pixmap: &mut pixmap,
        transform,
        fonts: &fonts,
    };
    canvas.paint(constellation, &layout);
    let png = encode_png(&pixmap).map_err(|error| DrawError::Encoding(error.to_string()))?;
    Ok(Picture { png, width, height })
}

/// The pixmap as an RGB PNG. The picture is drawn on opaque white, so every pixel is opaque and
/// the alpha channel can go: a quarter less to filter and compress. Rows are converted and fed
/// to the encoder one at a time, so no second copy of the picture is made. Deflate level 3 takes
/// about half the time of the default level for a file 2% larger (measured on the examples'
/// constellations: 1416 × 1996 pixels, 0.45 MB).
fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    use std::io::Write as _;
    let width = pixmap.width() as usize;
    let mut png = Vec::new();
    let mut encoder = png::Encoder::new(&mut png, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_deflate_compression(png::DeflateCompression::Level(3));
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = Vec::with_capacity(width * 3);
    for pixels in pixmap.pixels().chunks(width.max(1)) {
        row.clear();
        // Opaque, so premultiplied and straight colour are the same.
        row.extend(pixels.iter().flat_map(|pixel| {
            let color = pixel.demultiply();
            [color.red(), color.green(), color.blue()]
        }));
        stream.write_all(&row)?;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(png)
}

#[cfg(test)]
thread_local! {
    /// Boxes laid out on this thread, so tests can bound the drawing work without timing it.
    pub(super) static BOXES_LAID_OUT: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn lay_out(constellation: &Constellation, fonts: &Fonts) -> Layout {
    #[cfg(test)]
    BOXES_LAID_OUT.with(|boxes| {
        boxes
            .set(boxes.get() + constellation.credentials.len() + constellation.opportunities.len());
    });
    let left_x = MARGIN;
    let right_x = MARGIN + CREDENTIAL_WIDTH + 2.0 * FRAME_PAD + GAP;
    let heading_color = INK;
    let headings = vec![
        (
            left_x,
            MARGIN + HEADING_SIZE,
            TextLine {
                text: "Micro-credentials and stacks".to_owned(),
                weight: Weight::Bold,
                size: HEADING_SIZE,
                color: heading_color,
            },
        ),
        (
            right_x,
            MARGIN + HEADING_SIZE,
            TextLine {
                text: "Opportunities they unlock".to_owned(),
                weight: Weight::Bold,
                size: HEADING_SIZE,
                color: heading_color,
            },
        ),
    ];
    let top = MARGIN + HEADING_SIZE * 2.2;

    // Left column: stacks as frames around their credentials, loose credentials between them, in
    // the order each first appears in the plan.
    let inner_width = CREDENTIAL_WIDTH - 2.0 * PAD;
    let credential_box = |index: usize, x: f32, y: f32| -> Option<Placed> {
        let credential = constellation.credentials.get(index)?;
        let mut lines = fonts.lines(
            &credential.title,
            Weight::Bold,
            TITLE_SIZE,
            INK,
            inner_width,
        );
        if let Some(hours) = credential.hours {
            lines.push(TextLine {
                text: format_hours(hours),
                weight: Weight::Regular,
                size: DETAIL_SIZE,
                color: MUTED,
            });
        }
        Some(Placed {
            x,
            y,
            width: CREDENTIAL_WIDTH,
            height: text_height(&lines) + 2.0 * PAD,
            lines,
        })
    };
    let mut credentials: Vec<Option<Placed>> = vec![None; constellation.credentials.len()];
    let mut frames = Vec::new();
    let mut frame_done = vec![false; constellation.stacks.len()];
    // Where each stack's frame is in `frames`, which are pushed in the order they are placed.
    let mut frame_at: Vec<Option<usize>> = vec![None; constellation.stacks.len()];
    let mut y = top;
    for (index, frame) in constellation.frames().into_iter().enumerate() {
        match frame {
            None => {
                if let Some(placed) = credential_box(index, left_x + FRAME_PAD, y) {
                    y = placed.bottom() + LEFT_SPACING;
                    if let Some(slot) = credentials.get_mut(index) {
                        *slot = Some(placed);
                    }
                }
            }
            Some(stack_index) => {
                if frame_done.get(stack_index).copied().unwrap_or(true) {
                    continue;
                }
                if let Some(done) = frame_done.get_mut(stack_index) {
                    *done = true;
                }
                let Some(stack) = constellation.stacks.get(stack_index) else {
                    continue;
                };
                let frame_width = CREDENTIAL_WIDTH + 2.0 * FRAME_PAD;
                let label_width = frame_width - 2.0 * FRAME_PAD;
                let lines = fonts.lines(
                    &format!("Stack: {}", stack.title),
                    Weight::Bold,
                    TITLE_SIZE,
                    STACK_INK,
                    label_width,
                );
                let frame_top = y;
                let mut inner_y =
                    frame_top + FRAME_PAD * 0.6 + text_height(&lines) + FRAME_PAD * 0.4;
                for member in &stack.members {
                    if let Some(placed) = credential_box(*member, left_x + FRAME_PAD, inner_y) {
                        inner_y = placed.bottom() + LEFT_SPACING * 0.8;
                        if let Some(slot) = credentials.get_mut(*member) {
                            *slot = Some(placed);
                        }
                    }
                }
                let mut footer = Vec::new();
                if !stack.also.is_empty() {
                    let names: Vec<&str> = stack
                        .also
                        .iter()
                        .filter_map(|i| constellation.credentials.get(*i))
                        .map(|credential| credential.title.as_str())
                        .collect();
                    footer = fonts.lines(
                        &format!("Also includes: {}", names.join(", ")),
                        Weight::Regular,
                        DETAIL_SIZE,
                        STACK_INK,
                        label_width,
                    );
                }
                let bottom = inner_y - LEFT_SPACING * 0.8 + FRAME_PAD + text_height(&footer);
                if let Some(slot) = frame_at.get_mut(stack_index) {
                    *slot = Some(frames.len());
                }
                frames.push(Placed {
                    x: left_x,
                    y: frame_top,
                    width: frame_width,
                    height: bottom - frame_top,
                    lines: lines.into_iter().chain(footer).collect(),
                });
                y = bottom + LEFT_SPACING;
            }
        }
    }
    let left_bottom = y - LEFT_SPACING;

    // Right column: each opportunity wants to sit level with the average of what unlocks it.
    let source_y = |from: Unlock| -> Option<f32> {
        match from {
            Unlock::Credential(index) => credentials.get(index)?.as_ref().map(Placed::center_y),
            Unlock::Stack(index) => frames.get((*frame_at.get(index)?)?).map(Placed::center_y),
        }
    };
    // The sum and count of the heights of what unlocks each opportunity, in one pass over the
    // arrows.
    let mut sources = vec![(0.0_f32, 0_usize); constellation.opportunities.len()];
    for link in &constellation.links {
        if let (Some(slot), Some(y)) = (sources.get_mut(link.to), source_y(link.from)) {
            slot.0 += y;
            slot.1 += 1;
        }
    }
    let mut wanted: Vec<(usize, f32)> = sources
        .iter()
        .enumerate()
        .map(|(index, &(sum, count))| {
            let center = if count == 0 {
                f32::MAX
            } else {
                sum / count as f32
            };
            (index, center)
        })
        .collect();
    wanted.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
    let mut opportunities: Vec<Option<Placed>> = vec![None; constellation.opportunities.len()];
    let opportunity_inner = OPPORTUNITY_WIDTH - 2.0 * PAD - 6.0;
    let mut y = top;
    for (index, center) in wanted {
        let Some(opportunity) = constellation.opportunities.get(index) else {
            continue;
        };
        let mut lines = fonts.lines(
            &opportunity.title,
            Weight::Bold,
            TITLE_SIZE,
            INK,
            opportunity_inner,
        );
        let place = if opportunity.stays_in_classroom {
            "stays in the classroom"
        } else {
            "leaves the classroom"
        };
        let color = if opportunity.stays_in_classroom {
            STAYS_STROKE
        } else {
            MUTED
        };
        lines.extend(fonts.lines(
            &format!("{} · {place}", capitalize(&opportunity.kind)),
            Weight::Regular,
            DETAIL_SIZE,
            color,
            opportunity_inner,
        ));
        if let Some(requires) = &opportunity.requires {
            lines.extend(fonts.lines(
                &capitalize(requires),
                Weight::Regular,
                DETAIL_SIZE,
                color,
                opportunity_inner,
            ));
        }
        let height = text_height(&lines) + 2.0 * PAD;
        let desired = if center == f32::MAX {
            y
        } else {
            center - height / 2.0
        };
        let placed = Placed {
            x: right_x,
            y: desired.max(y),
            width: OPPORTUNITY_WIDTH,
            height,
            lines,
        };
        y = placed.bottom() + RIGHT_SPACING;
        if let Some(slot) = opportunities.get_mut(index) {
            *slot = Some(placed);
        }
    }
    let right_bottom = y - RIGHT_SPACING;
    // When the right column runs past the left one, pull it up into any room left at its top.
    let first_top = opportunities
        .iter()
        .flatten()
        .map(|placed| placed.y)
        .fold(f32::MAX, f32::min);
    if right_bottom > left_bottom && first_top > top {
        let shift = (right_bottom - left_bottom).min(first_top - top);
        for placed in opportunities.iter_mut().flatten() {
            placed.y -= shift;
        }
    }
    let right_bottom = opportunities
        .iter()
        .flatten()
        .map(Placed::bottom)
        .fold(top, f32::max);
    let legend_y = left_bottom.max(right_bottom) + 22.0;
    Layout {
        width: right_x + OPPORTUNITY_WIDTH + MARGIN,
        height: legend_y + 18.0 + MARGIN,
        headings,
        credentials,
        frames,
        opportunities,
        legend_y,
    }
}

struct Canvas<'a> {
    pixmap: &'a mut Pixmap,
    transform: Transform,
    fonts: &'a Fonts,
}

impl Canvas<'_> {
    fn paint(&mut self, constellation: &Constellation, layout: &Layout) {
        for (x, y, line) in &layout.headings {
            self.text(line, *x, *y);
        }
        let order = constellation.frame_order();
        for frame in &layout.frames {
            self.rounded(frame, 8.0, STACK_FILL, STACK_INK, 1.0, false);
            self.lines(frame, FRAME_PAD, FRAME_PAD * 0.6);
        }
        let opportunity_at =
            |index: usize| -> Option<&Placed> { layout.opportunities.get(index)?.as_ref() };
        self.links(constellation, layout, &order, &opportunity_at);
        for placed in layout.credentials.iter().flatten() {
            self.rounded(placed, 5.0, CREDENTIAL_FILL, CREDENTIAL_STROKE, 1.2, false);
            self.lines(placed, PAD, PAD);
        }
        for (index, opportunity) in constellation.opportunities.iter().enumerate() {
            let Some(placed) = opportunity_at(index) else {
                continue;
            };
            if opportunity.stays_in_classroom {
                self.rounded(placed, 12.0, STAYS_FILL, STAYS_STROKE, 2.0, false);
            } else {
                self.rounded(placed, 3.0, LEAVES_FILL, LEAVES_STROKE, 1.2, true);
            }
            self.lines(placed, PAD + 4.0, PAD);
        }
        self.legend(layout);
    }

    fn links<'l>(
        &mut self,
        constellation: &Constellation,
        layout: &'l Layout,
        order: &[usize],
        opportunity_at: &dyn Fn(usize) -> Option<&'l Placed>,
    ) {
        // A stack's frame, by stack: `order` lists the stacks in the order of `layout.frames`.
        let mut frame_of_stack: Vec<Option<&Placed>> = vec![None; constellation.stacks.len()];
        for (stack, frame) in order.iter().zip(&layout.frames) {
            if let Some(slot) = frame_of_stack.get_mut(*stack) {
                *slot = Some(frame);
            }
        }
        let source = |from: Unlock| -> Option<&Placed> {
            match from {
                Unlock::Credential(index) => layout.credentials.get(index)?.as_ref(),
                Unlock::Stack(index) => *frame_of_stack.get(index)?,
            }
        };
        let ends_of: Vec<(Option<&Placed>, Option<&Placed>)> = constellation
            .links
            .iter()
            .map(|link| (source(link.from), opportunity_at(link.to)))
            .collect();
        // Spread the ends of several arrows along a box's side instead of meeting in one point:
        // each arrow's place on a side is its rank among that side's arrows, top to bottom. The
        // arrows are grouped by box once, and each group sorted once.
        let credentials = constellation.credentials.len();
        let source_key = |link: &super::Link| match link.from {
            Unlock::Credential(index) => index,
            Unlock::Stack(index) => credentials + index,
        };
        let start_ranks = ranks(
            constellation.links.len(),
            credentials + constellation.stacks.len(),
            |j| constellation.links.get(j).map(source_key),
            |j| ends_of.get(j).and_then(|(_, to)| to.map(Placed::center_y)),
        );
        let end_ranks = ranks(
            constellation.links.len(),
            constellation.opportunities.len(),
            |j| constellation.links.get(j).map(|link| link.to),
            |j| {
                ends_of
                    .get(j)
                    .and_then(|(from, _)| from.map(Placed::center_y))
            },
        );
        let mut ends: Vec<(f32, f32, f32, f32, bool)> = Vec::new();
        for (i, (link, (from, to))) in constellation.links.iter().zip(&ends_of).enumerate() {
            let (Some(from), Some(to)) = (from, to) else {
                continue;
            };
            let stays = constellation
                .opportunities
                .get(link.to)
                .is_some_and(|o| o.stays_in_classroom);
            let (start_rank, outgoing) = start_ranks.get(i).copied().unwrap_or((0, 1));
            let (end_rank, incoming) = end_ranks.get(i).copied().unwrap_or((0, 1));
            let y1 = match link.from {
                // A stack's arrows leave from its label, so they cannot be mistaken for a
                // member credential's.
                Unlock::Stack(_) => {
                    let band = Placed {
                        height: from.lines.first().map_or(TITLE_SIZE, |l| l.size * LINE)
                            + FRAME_PAD,
                        ..Placed::clone(from)
                    };
                    spread(&band, start_rank, outgoing)
                }
                Unlock::Credential(_) => spread(from, start_rank, outgoing),
            };
            let y2 = spread(to, end_rank, incoming);
            ends.push((from.right(), y1, to.x, y2, stays));
        }
        for (x1, y1, x2, y2, stays) in ends {
            let color = if stays { STAYS_STROKE } else { LEAVES_STROKE };
            let tip = x2 - 1.0;
            let base = tip - 8.0;
            let mut path = PathBuilder::new();
            path.move_to(x1, y1);
            let bend = (base - x1) * 0.5;
            path.cubic_to(x1 + bend, y1, base - bend, y2, base, y2);
            if let Some(path) = path.finish() {
                let stroke = Stroke {
                    width: 1.4,
                    line_cap: LineCap::Round,
                    ..Stroke::default()
                };
                let mut paint = color.paint();
                paint.set_color(Color::from_rgba8(color.0, color.1, color.2, 200));
                self.pixmap
                    .stroke_path(&path, &paint, &stroke, self.transform, None);
            }
            let mut head = PathBuilder::new();
            head.move_to(tip, y2);
            head.line_to(base, y2 - 4.0);
            head.line_to(base, y2 + 4.0);
            head.close();
            if let Some(head) = head.finish() {
                self.pixmap.fill_path(
                    &head,
                    &color.paint(),
                    FillRule::Winding,
                    self.transform,
                    None,
                );
            }
        }
    }

    fn legend(&mut self, layout: &Layout) {
        let y = layout.legend_y;
        let items = [
            (
                STAYS_FILL,
                STAYS_STROKE,
                false,
                12.0_f32,
                "Keeps the educator in the classroom",
            ),
            (
                LEAVES_FILL,
                LEAVES_STROKE,
                true,
                3.0,
                "Leaves the classroom",
            ),
            (
                STACK_FILL,
                STACK_INK,
                false,
                8.0,
                "Stack: credentials earned together",
            ),
        ];
        let mut x = MARGIN;
        for (fill, stroke, dashed, radius, label) in items {
            let swatch = Placed {
                x,
                y: y - 11.0,
                width: 26.0,
                height: 14.0,
                lines: Vec::new(),
            };
            self.rounded(&swatch, radius.min(7.0), fill, stroke, 1.5, dashed);
            let line = TextLine {
                text: label.to_owned(),
                weight: Weight::Regular,
                size: DETAIL_SIZE,
                color: INK,
            };
            self.text(&line, x + 32.0, y);
            x += 32.0 + self.fonts.get(Weight::Regular).width(label, DETAIL_SIZE) + 24.0;
        }
    }

    fn rounded(
        &mut self,
        placed: &Placed,
        radius: f32,
        fill: Rgb,
        stroke: Rgb,
        width: f32,
        dashed: bool,
    ) {
        let Some(path) = rounded_rect(placed.x, placed.y, placed.width, placed.height, radius)
        else {
            return;
        };
        self.pixmap.fill_path(
            &path,
            &fill.paint(),
            FillRule::Winding,
            self.transform,
            None,
        );
        let stroke_style = Stroke {
            width,
            dash: if dashed {
                StrokeDash::new(vec![5.0, 3.0], 0.0)
            } else {
                None
            },
            ..Stroke::default()
        };
        self.pixmap
            .stroke_path(&path, &stroke.paint(), &stroke_style, self.transform, None);
    }

    fn lines(&mut self, placed: &Placed, left: f32, top: f32) {
        let mut y = placed.y + top;
        for line in &placed.lines {
            // The baseline sits about four fifths down the line box.
            let baseline = y + line.size * 0.98;
            self.text(line, placed.x + left, baseline);
            y += line.size * LINE;
        }
    }

    fn text(&mut self, line: &TextLine, x: f32, baseline: f32) {
        let mut path = PathBuilder::new();
        self.fonts
            .get(line.weight)
            .outline(&line.text, line.size, x, baseline, &mut path);
        if let Some(path) = path.finish() {
            self.pixmap.fill_path(
                &path,
                &line.color.paint(),
                FillRule::Winding,
                self.transform,
                None,
            );
        }
    }
}

/// Each arrow's rank among the arrows that share its box (`group`), ordered by the height of
/// their other ends (`other_y`, then by position), and the size of that group. Arrows whose other
/// end is not drawn take no rank.
fn ranks(
    arrows: usize,
    groups: usize,
    group: impl Fn(usize) -> Option<usize>,
    other_y: impl Fn(usize) -> Option<f32>,
) -> Vec<(usize, usize)> {
    let mut members: Vec<Vec<(f32, usize)>> = vec![Vec::new(); groups];
    for j in 0..arrows {
        if let (Some(g), Some(y)) = (group(j), other_y(j))
            && let Some(peers) = members.get_mut(g)
        {
            peers.push((y, j));
        }
    }
    let mut ranks = vec![(0, 1); arrows];
    for mut peers in members {
        peers.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let count = peers.len();
        for (position, (_, j)) in peers.into_iter().enumerate() {
            if let Some(slot) = ranks.get_mut(j) {
                *slot = (position, count);
            }
        }
    }
    ranks
}

/// Where the `rank`-th of `count` arrow ends meets a box's side.
fn spread(placed: &Placed, rank: usize, count: usize) -> f32 {
    if count <= 1 {
        return placed.center_y();
    }
    let inset = (placed.height * 0.2).min(10.0);
    let span = placed.height - 2.0 * inset;
    placed.y + inset + span * rank as f32 / (count - 1) as f32
}

fn rounded_rect(x: f32, y: f32, width: f32, height: f32, radius: f32) -> Option<tiny_skia::Path> {
    if radius <= 0.0 {
        return Some(PathBuilder::from_rect(Rect::from_xywh(
            x, y, width, height,
        )?));
    }
    let r = radius.min(width / 2.0).min(height / 2.0);
    let mut path = PathBuilder::new();
    path.move_to(x + r, y);
    path.line_to(x + width - r, y);
    path.quad_to(x + width, y, x + width, y + r);
    path.line_to(x + width, y + height - r);
    path.quad_to(x + width, y + height, x + width - r, y + height);
    path.line_to(x + r, y + height);
    path.quad_to(x, y + height, x, y + height - r);
    path.line_to(x, y + r);
    path.quad_to(x, y, x + r, y);
    path.close();
    path.finish()
}
