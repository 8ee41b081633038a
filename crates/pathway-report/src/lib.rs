//! The state roll-up: many plans read into one briefing for state leaders and data files for
//! state data systems (`pathway report`).
//!
//! Each plan is checked as `pathway validate` checks it; [`PlanFacts::of`] keeps a few figures
//! of it, and [`Rollup::add`] counts them at once, so a run holds one plan at a time, a small
//! row per plan (in temporary files, [`PlanRows`]) and the credential network, never every plan. [`Rollup::finish`]
//! orders plans by id and file name, so the report does not depend on the order plans are named.
//!
//! ```
//! use pathway_report::{Output, PlanFacts, Rollup, ReportProfile, render};
//! use pathway_schema::source::Source;
//! use pathway_validate::{Options, check_source_keeping_plan, config::RuleSettings};
//!
//! let text = "schema_version: 1\nid: demo\nreadiness: exploring\n\
//!             organization: {name: Demo District, kind: district}\n";
//! let (report, plan) = check_source_keeping_plan(
//!     Source::new("demo.yaml", text.to_owned()),
//!     None,
//!     &Options::default(),
//!     &RuleSettings::default(),
//! );
//! let mut rollup = Rollup::new();
//! rollup.add(PlanFacts::of(&report, plan.as_ref()));
//! let report = rollup.finish("Roll-up");
//! assert_eq!(report.totals.plans, 1);
//! assert_eq!(report.readiness[0].plans, 1);
//! let files = render(&report, &ReportProfile::builtin(), &[Output::Csv]).unwrap();
//! assert_eq!(files[0].0, "plans.csv");
//! assert!(files[0].1.starts_with(b"path,plan_id,"));
//! ```

#![deny(missing_docs)]

// The modules are the crate's own; what the command, the tests and the benchmark use is
// re-exported here, so that the public surface is this list.
mod briefing;
mod csv;
mod facts;
mod heat;
mod heat_docx;
mod heat_picture;
mod money;
mod network;
mod profile;
mod report;
mod rollup;
mod rows;
mod state;
mod words;

use std::io::{self, Write};

pub use csv::{CREDENTIAL_COLUMNS, DECISION_POINT_COLUMNS, PLANS_COLUMNS};
pub use facts::{Pay, PlanFacts, PlanSummary};
pub use heat_picture::{
    HeatMap, HeatRow, MARKER as HEAT_MAP_MARKER, Picture as HeatMapPicture,
    alt_text as heat_map_alt_text, draw as draw_heat_map, heat_map,
};
pub use money::YearMoney;
pub use network::{CredentialFacts, SharedCredentials};
pub use profile::{ReportProfile, Section, Sections};
pub use report::{
    AreaCount, CredentialNetwork, EquityCount, ErrorPlan, FundingAmount, GroupCount,
    IncentiveSpread, KindCount, LevelCount, MoneyYear, Opportunities, OpportunityKindCount,
    PointCount, REPORT_VERSION, Report, RuleCount, SharedCredential, ShortPlan, Spread, Totals,
    TypeCount,
};
pub use rollup::Rollup;
pub use rows::{Merge, Placed, PlanRow, PlanRows, RUN_ROWS};

/// The files a roll-up can be written as.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Output {
    /// `report.md`.
    Markdown,
    /// `report.docx`.
    Docx,
    /// `plans.csv`, `decision-points.csv` and `credentials.csv`.
    Csv,
    /// `report.json`.
    Json,
}

impl Output {
    /// Every output, in the order files are written.
    pub const ALL: [Output; 4] = [Output::Markdown, Output::Docx, Output::Csv, Output::Json];
}

/// The JSON Schema of `report.json`, as committed in `schemas/pathway-report.v1.schema.json`.
pub fn report_schema() -> serde_json::Value {
    let mut schema = serde_json::to_value(schemars::schema_for!(Report)).unwrap_or_default();
    if let Some(object) = schema.as_object_mut() {
        object.insert(
            "$id".to_owned(),
            serde_json::Value::String(
                "https://pathway-kit.github.io/schemas/pathway-report.v1.schema.json".to_owned(),
            ),
        );
    }
    strip_formats(&mut schema);
    schema
}

/// schemars writes formats such as `uint64` that strict validators (ajv) refuse as unknown;
/// the types and ranges already say what they mean.
fn strip_formats(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            if object
                .get("format")
                .and_then(|f| f.as_str())
                .is_some_and(|f| f.starts_with("uint") || f.starts_with("int"))
            {
                object.remove("format");
            }
            object.values_mut().for_each(strip_formats);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_formats),
        _ => {}
    }
}

/// Writes `report.json`.
pub fn write_json(report: &Report, out: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report).map_err(io::Error::other)?;
    out.write_all(b"\n")
}

/// `report.json`'s text.
pub fn to_json(report: &Report) -> io::Result<String> {
    let mut bytes = Vec::new();
    write_json(report, &mut bytes)?;
    String::from_utf8(bytes).map_err(io::Error::other)
}

impl Output {
    /// The files this output is written as, in order.
    pub fn files(self) -> &'static [&'static str] {
        match self {
            Output::Markdown => &["report.md"],
            Output::Docx => &["report.docx"],
            Output::Csv => &["plans.csv", "decision-points.csv", "credentials.csv"],
            Output::Json => &["report.json"],
        }
    }
}

/// Writes one of the files an [`Output`] names ([`Output::files`]) to `out`. The data files are
/// written row by row as the rows are read back; the briefing is built whole (it is short).
/// `Err` says why the file could not be written, such as a Word file that could not be
/// assembled or a temporary file of rows that could not be read.
pub fn write_file(
    report: &Report,
    profile: &ReportProfile,
    name: &str,
    out: &mut dyn Write,
) -> io::Result<()> {
    // The briefing has no constellation; the heat map is added to the Word file below.
    let pictures = pathway_export::render::Pictures::new();
    match name {
        "report.md" => {
            let bytes = pathway_export::render::to_bytes(
                &pathway_export::render::markdown::Markdown,
                &briefing::briefing(report, profile, false)?,
                &pictures,
            )
            .map_err(|e| io::Error::other(e.to_string()))?;
            out.write_all(&bytes)
        }
        "report.docx" => {
            let docx = pathway_export::render::to_bytes(
                &pathway_export::render::docx::Word,
                &briefing::briefing(report, profile, true)?,
                &pictures,
            )
            .map_err(|e| io::Error::other(e.to_string()))?;
            let docx = match heat_picture::draw(report)? {
                Some(picture) => heat_docx::insert(
                    &docx,
                    &picture,
                    &heat_picture::alt_text(report, &picture),
                    &heat_picture::caption(&picture),
                )
                .map_err(io::Error::other)?,
                None => docx,
            };
            out.write_all(&docx)
        }
        "plans.csv" => buffered(out, |w| csv::plans(report, w)),
        "decision-points.csv" => buffered(out, |w| csv::decision_points(report, w)),
        "credentials.csv" => buffered(out, |w| csv::credentials(report, w)),
        "report.json" => buffered(out, |w| write_json(report, w)),
        other => Err(io::Error::other(format!(
            "no such file of the roll-up: {other}; choose from report.md, report.docx, \
             plans.csv, decision-points.csv, credentials.csv, report.json"
        ))),
    }
}

/// Writes through a buffer, and says whether its last bytes could be written too.
fn buffered(
    out: &mut dyn Write,
    write: impl FnOnce(&mut io::BufWriter<&mut dyn Write>) -> io::Result<()>,
) -> io::Result<()> {
    let mut buffer = io::BufWriter::with_capacity(1 << 16, out);
    write(&mut buffer)?;
    buffer.flush()
}

/// The files of a roll-up in the outputs asked for: each file's name and bytes, in a fixed order.
/// `Err` says why a file could not be made. For a large set, [`write_file`] writes each file
/// without holding it in memory.
pub fn render(
    report: &Report,
    profile: &ReportProfile,
    outputs: &[Output],
) -> Result<Vec<(&'static str, Vec<u8>)>, String> {
    let mut outputs = outputs.to_vec();
    outputs.sort();
    outputs.dedup();
    let mut files = Vec::new();
    for output in outputs {
        for &name in output.files() {
            let mut bytes = Vec::new();
            write_file(report, profile, name, &mut bytes).map_err(|e| e.to_string())?;
            files.push((name, bytes));
        }
    }
    Ok(files)
}
