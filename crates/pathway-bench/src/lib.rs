//! Benchmarks for Pathway Kit, and the synthetic plans they run on.
//!
//! [`generate_plan`] writes a complete, coherent plan around a number of credentials: from one
//! district's fifty to a statewide roll-up of ten thousand (about 10 MB). The plans validate with
//! no findings and pass any JSON Schema validator against `schemas/`, so the same file can be
//! timed with `pathway` and with other tools. `bench/gen-plan` prints one; `bench/compare` times
//! them; the benches in `benches/` time loading, validation and export in-process.
//!
//! ```
//! let plan = pathway_bench::generate_plan(50, 1);
//! assert!(plan.starts_with("# A synthetic plan"));
//! assert!(plan.contains("\ncredentials:\n"));
//! ```

#![deny(missing_docs)]

mod generate;
mod words;
mod yaml;

pub use generate::generate_plan;
