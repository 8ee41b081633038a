//! The coverage heat map as a picture in `report.docx`: one row per plan (up to
//! [`MAX_PLAN_ROWS`](crate::heat::MAX_PLAN_ROWS) counted plans) or, for a larger set, one
//! row per group of plans at one readiness level written by one kind of organization (at most
//! sixteen rows, each with its number of plans); one column per area of the toolkit. Each cell
//! is shaded by the share of the area's required decision points answered and says it in
//! words (`2/3` for a plan, `87%` for a group), so that it reads on a black-and-white print; a
//! legend explains the scale.
//!
//! Laid out in points for a 6.5-inch column and drawn at three pixels a point (216 dots per
//! inch). The exporter's figures are constellation pictures, so the picture is added to the
//! Word package after the exporter writes it ([`crate::heat_docx`]).

use std::io;

use tiny_skia::{Color, FillRule, Paint, PathBuilder, Pixmap, Rect, Transform};

use crate::heat::area_cell;
use crate::report::Report;
use crate::words::organization_kind;
use pathway_export::constellation::glyphs::{Font, Weight, font};

/// The text of the paragraph the picture replaces; no plan's words can produce it, since the
/// briefing's own text is written by this crate.
pub const MARKER: &str = "\u{2063}pathway-report-heat-map\u{2063}";

const SCALE: f32 = 3.0;
const MARGIN: f32 = 6.0;
const LABEL_W: f32 = 150.0;
const COUNT_W: f32 = 36.0;
const COL_W: f32 = 34.0;
const ROW_H: f32 = 14.0;
const GAP: f32 = 1.0;
const LABEL_SIZE: f32 = 7.5;
const HEADER_SIZE: f32 = 7.5;
const CELL_SIZE: f32 = 7.0;
const LEGEND_H: f32 = 40.0;

const INK: [u8; 3] = [0x1f, 0x29, 0x37];
const MUTED: [u8; 3] = [0x55, 0x5f, 0x6d];
const NONE_REQUIRED: [u8; 3] = [225, 225, 225];

/// One row of the map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatRow {
    /// The plan's id, or the group's level and organization kind.
    pub label: String,
    /// Plans in the row: 1 for a plan, the group's size for a group.
    pub plans: u64,
    /// Per area, in the toolkit's order: decision points answered and required (summed over a
    /// group's plans).
    pub cells: Vec<(u64, u64)>,
}

/// The map's rows and what one row stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeatMap {
    /// The rows, in plan order, or in the order of levels and then organization kinds.
    pub rows: Vec<HeatRow>,
    /// Whether each row is a group of plans rather than one plan.
    pub grouped: bool,
    /// The column titles: the areas' titles.
    pub columns: Vec<String>,
}

/// The map of a roll-up. `Err` when the plans' rows could not be read back.
pub fn heat_map(report: &Report) -> io::Result<HeatMap> {
    let columns = report.areas.iter().map(|a| a.title.clone()).collect();
    let grouped = report.totals.counted as usize > crate::heat::MAX_PLAN_ROWS;
    let rows = if grouped {
        report
            .coverage_groups
            .iter()
            .map(|group| HeatRow {
                label: format!(
                    "{} · {}",
                    group.level.as_str(),
                    organization_kind(group.kind)
                ),
                plans: group.plans,
                cells: group.areas.iter().map(|a| (a[3], a[2])).collect(),
            })
            .collect()
    } else {
        crate::heat::few_counted(report)?
            .iter()
            .map(|row| HeatRow {
                label: row.plan.clone().unwrap_or_default(),
                plans: 1,
                cells: report
                    .areas
                    .iter()
                    .map(|area| {
                        let (answered, required) = area_cell(row, &area.area).unwrap_or((0, 0));
                        (u64::from(answered), u64::from(required))
                    })
                    .collect(),
            })
            .collect()
    };
    Ok(HeatMap {
        rows,
        grouped,
        columns,
    })
}

/// A drawn heat map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Picture {
    /// The PNG file's bytes.
    pub png: Vec<u8>,
    /// Its width in pixels.
    pub width: u32,
    /// Its height in pixels.
    pub height: u32,
    /// What it shows.
    pub map: HeatMap,
}

/// The shade of a cell: pale for nothing answered to deep blue for everything; grey where
/// nothing is required.
fn shade(share: Option<f64>) -> [u8; 3] {
    match share {
        None => NONE_REQUIRED,
        Some(share) => {
            let t = share.clamp(0.0, 1.0);
            let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
            [mix(253.0, 8.0), mix(224.0, 81.0), mix(221.0, 156.0)]
        }
    }
}

fn share((answered, required): (u64, u64)) -> Option<f64> {
    (required > 0).then(|| answered as f64 / required as f64)
}

/// The words in a cell: `2/3` for a plan, a rounded percentage for a group, a dash where
/// nothing is required.
fn cell_words(cell: (u64, u64), grouped: bool) -> String {
    match cell {
        (_, 0) => "—".to_owned(),
        (answered, required) if grouped => {
            format!("{}%", (answered * 100 + required / 2) / required)
        }
        (answered, required) => format!("{answered}/{required}"),
    }
}

fn paint(rgb: [u8; 3]) -> Paint<'static> {
    let mut paint = Paint::default();
    paint.set_color(Color::from_rgba8(rgb[0], rgb[1], rgb[2], 255));
    paint.anti_alias = true;
    paint
}

/// Draws on a pixmap in points.
struct Canvas {
    pixmap: Pixmap,
    regular: &'static Font,
    bold: &'static Font,
}

impl Canvas {
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, rgb: [u8; 3]) {
        if let Some(rect) = Rect::from_xywh(x, y, w, h) {
            self.pixmap
                .fill_rect(rect, &paint(rgb), Transform::from_scale(SCALE, SCALE), None);
        }
    }

    /// Text on the baseline `y`, starting at `x`, turned by `turn` (a quarter turn
    /// anticlockwise when true) about its start.
    // Each argument is one property of a run of text; a struct for them would be read once.
    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        text: &str,
        size: f32,
        x: f32,
        y: f32,
        bold: bool,
        rgb: [u8; 3],
        turn: bool,
    ) {
        let font = if bold { self.bold } else { self.regular };
        let mut path = PathBuilder::new();
        font.outline(text, size, 0.0, 0.0, &mut path);
        let Some(path) = path.finish() else { return };
        let place = if turn {
            Transform::from_rotate(-90.0)
        } else {
            Transform::identity()
        };
        let transform = place.post_translate(x, y).post_scale(SCALE, SCALE);
        self.pixmap
            .fill_path(&path, &paint(rgb), FillRule::Winding, transform, None);
    }

    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        if bold { self.bold } else { self.regular }.width(text, size)
    }
}

/// The picture as PNG; `None` when no plan was counted. `Err` when the plans' rows could not be
/// read back, or the picture could not be drawn.
pub fn draw(report: &Report) -> io::Result<Option<Picture>> {
    let map = heat_map(report)?;
    if map.rows.is_empty() {
        return Ok(None);
    }
    let (Some(regular), Some(bold)) = (font(Weight::Regular), font(Weight::Bold)) else {
        return Err(io::Error::other("the bundled font could not be read"));
    };
    let header_h = map
        .columns
        .iter()
        .map(|title| bold.width(title, HEADER_SIZE))
        .fold(0.0f32, f32::max)
        .max(30.0)
        + 8.0;
    let table_x = MARGIN + LABEL_W + if map.grouped { COUNT_W } else { 0.0 };
    let width_pt = table_x + map.columns.len() as f32 * COL_W + MARGIN;
    let rows_y = MARGIN + header_h;
    let legend_y = rows_y + map.rows.len() as f32 * ROW_H + 10.0;
    let height_pt = legend_y + LEGEND_H + MARGIN;
    let (width, height) = (
        (width_pt * SCALE).ceil() as u32,
        (height_pt * SCALE).ceil() as u32,
    );
    let mut pixmap = Pixmap::new(width, height)
        .ok_or_else(|| io::Error::other("the heat map is too large to draw"))?;
    pixmap.fill(Color::WHITE);
    let mut canvas = Canvas {
        pixmap,
        regular,
        bold,
    };
    // Column titles, turned to read upwards, above their columns.
    for (c, title) in map.columns.iter().enumerate() {
        let x = table_x + c as f32 * COL_W + COL_W / 2.0 + HEADER_SIZE * 0.36;
        canvas.text(title, HEADER_SIZE, x, rows_y - 4.0, true, INK, true);
    }
    let (what, count) = if map.grouped {
        ("Readiness level · organization", "Plans")
    } else {
        ("Plan", "")
    };
    canvas.text(what, HEADER_SIZE, MARGIN, rows_y - 4.0, true, INK, false);
    if !count.is_empty() {
        let w = canvas.width(count, HEADER_SIZE, true);
        canvas.text(
            count,
            HEADER_SIZE,
            table_x - 4.0 - w,
            rows_y - 4.0,
            true,
            INK,
            false,
        );
    }
    for (r, row) in map.rows.iter().enumerate() {
        let y = rows_y + r as f32 * ROW_H;
        let baseline = y + ROW_H / 2.0 + LABEL_SIZE * 0.36;
        if r % 2 == 1 {
            // Banding guides the eye from a label to its cells.
            canvas.rect(MARGIN, y, table_x - MARGIN, ROW_H, [0xf3, 0xf4, 0xf6]);
        }
        let label = regular.fit(&row.label, LABEL_SIZE, LABEL_W - 6.0);
        canvas.text(
            &label,
            LABEL_SIZE,
            MARGIN + 2.0,
            baseline,
            false,
            INK,
            false,
        );
        if map.grouped {
            let plans = pathway_schema::domain::money::format_count(row.plans);
            let w = canvas.width(&plans, LABEL_SIZE, false);
            canvas.text(
                &plans,
                LABEL_SIZE,
                table_x - 4.0 - w,
                baseline,
                false,
                INK,
                false,
            );
        }
        for (c, &cell) in row.cells.iter().enumerate() {
            let x = table_x + c as f32 * COL_W;
            let share = share(cell);
            canvas.rect(
                x + GAP,
                y + GAP,
                COL_W - 2.0 * GAP,
                ROW_H - 2.0 * GAP,
                shade(share),
            );
            let words = cell_words(cell, map.grouped);
            let w = canvas.width(&words, CELL_SIZE, false);
            let ink = match share {
                Some(s) if s > 0.55 => [255, 255, 255],
                Some(_) => INK,
                None => MUTED,
            };
            let baseline = y + ROW_H / 2.0 + CELL_SIZE * 0.36;
            canvas.text(
                &words,
                CELL_SIZE,
                x + (COL_W - w) / 2.0,
                baseline,
                false,
                ink,
                false,
            );
        }
    }
    legend(&mut canvas, legend_y);
    let pixels: Vec<u8> = canvas
        .pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| p.iter().take(3).copied())
        .collect();
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, width, height);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().map_err(io::Error::other)?;
        writer.write_image_data(&pixels).map_err(io::Error::other)?;
        writer.finish().map_err(io::Error::other)?;
    }
    Ok(Some(Picture {
        png,
        width,
        height,
        map,
    }))
}

/// The scale: a bar from none answered to all answered, with ticks, and the grey of areas the
/// level does not require.
fn legend(canvas: &mut Canvas, y: f32) {
    let x = MARGIN;
    canvas.text(
        "Share of the area's required decision points answered",
        LABEL_SIZE,
        x,
        y + 7.0,
        true,
        INK,
        false,
    );
    let (bar_x, bar_y, bar_w, bar_h) = (x, y + 12.0, 160.0, 9.0);
    let steps = 80;
    for i in 0..steps {
        let t = f64::from(i) / f64::from(steps - 1);
        let step = bar_w / steps as f32;
        canvas.rect(
            bar_x + i as f32 * step,
            bar_y,
            step + 0.2,
            bar_h,
            shade(Some(t)),
        );
    }
    for (t, tick) in [(0.0, "0%"), (0.5, "50%"), (1.0, "100%")] {
        let w = canvas.width(tick, CELL_SIZE, false);
        let at = (bar_x + bar_w * t - w / 2.0).clamp(x, bar_x + bar_w - w);
        canvas.rect(bar_x + bar_w * t - 0.4, bar_y + bar_h, 0.8, 2.5, INK);
        canvas.text(tick, CELL_SIZE, at, bar_y + bar_h + 10.0, false, INK, false);
    }
    let swatch_x = bar_x + bar_w + 24.0;
    canvas.rect(swatch_x, bar_y, 18.0, bar_h, NONE_REQUIRED);
    canvas.text(
        "—",
        CELL_SIZE,
        swatch_x + 5.0,
        bar_y + 7.0,
        false,
        MUTED,
        false,
    );
    canvas.text(
        "none required at the plan's level",
        CELL_SIZE,
        swatch_x + 23.0,
        bar_y + 7.0,
        false,
        INK,
        false,
    );
}

/// What the picture shows, for readers who cannot see it.
pub fn alt_text(report: &Report, picture: &Picture) -> String {
    let map = &picture.map;
    let per = if map.grouped {
        "group of plans at one readiness level from one kind of organization, with its number \
         of plans"
    } else {
        "plan"
    };
    let weakest = report
        .areas
        .iter()
        .filter(|a| a.points_required > 0)
        .min_by(|a, b| {
            (a.points_answered * b.points_required).cmp(&(b.points_answered * a.points_required))
        });
    let mut text = format!(
        "Heat map of decision-point coverage: {} rows, one per {per}, and {} columns, one per \
         area of the toolkit ({}). Each cell gives the share of the area's required decision \
         points answered, in words and by shade, from pale (none) to deep blue (all); grey \
         cells require none.",
        map.rows.len(),
        map.columns.len(),
        map.columns.join(", ")
    );
    if let Some(area) = weakest {
        text.push_str(&format!(
            " The least answered area is {}: {} of {} required points answered.",
            area.title, area.points_answered, area.points_required
        ));
    }
    text.push_str(" The tables beside it give the same figures.");
    text
}

/// The caption under the picture.
pub fn caption(picture: &Picture) -> String {
    if picture.map.grouped {
        "Decision-point coverage by area: each row the plans at one readiness level from one \
         kind of organization (their number beside it), each column an area of the toolkit; \
         each cell the share of the area's required decision points those plans answer."
            .to_owned()
    } else {
        "Decision-point coverage by area: each row a plan, each column an area of the toolkit; \
         each cell the area's required decision points the plan answers, out of those its \
         level requires."
            .to_owned()
    }
}
