//! Benchmarks for Pathway Kit, and the synthetic plans they run on.
//!
//! [`generate_plan`] writes a complete, coherent plan around a number of credentials: from one
//! district's fifty to a statewide roll-up of ten thousand (about 10 MB). The plans validate with
//! no findings and pass any JSON Schema validator against `schemas/`, so the same file can be
//! timed with `pathway` and with other tools. `bench/gen-plan` prints one; `bench/compare` times
//! them; the benches in `benches/` time loading, validation and export in-process.
//!
//! [`as_json`] writes the same plan as JSON, for tools that read only JSON and for timing
//! `pathway`'s JSON reader.
//!
//! ```
//! let plan = pathway_bench::generate_plan(50, 1);
//! assert!(plan.starts_with("# A synthetic plan"));
//! assert!(plan.contains("\ncredentials:\n"));
//! let json = pathway_bench::as_json(&plan).unwrap();
//! assert!(json.starts_with("{\n  \"schema_version\": 1,"));
//! ```

#![deny(missing_docs)]

mod generate;
mod words;
mod yaml;

pub use generate::generate_plan;

use pathway_schema::load::{Limits, Syntax, parse};
use pathway_schema::source::Source;

/// A YAML plan written as JSON (two-space indentation, keys in the plan's order), as a person
/// converting a plan with a common tool would have it.
pub fn as_json(yaml: &str) -> Result<String, String> {
    // Generated plans can be larger than `pathway` accepts by default; the conversion is not
    // where limits matter.
    let limits = Limits {
        max_input_bytes: usize::MAX,
        max_nodes: usize::MAX,
        ..Limits::DEFAULT
    };
    let document = parse(Source::new("plan.yaml", yaml), Some(Syntax::Yaml), &limits)
        .map_err(|error| error.to_string())?;
    let mut json =
        serde_json::to_string_pretty(&document.to_json()).map_err(|error| error.to_string())?;
    json.push('\n');
    Ok(json)
}
