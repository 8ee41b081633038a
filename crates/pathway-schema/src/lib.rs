//! The Pathway Kit plan format: the types of an educator career-pathway plan, the JSON Schema
//! published from them, the decision points each plan answers, and loading plans from YAML and
//! JSON with the line and column of every value.
//!
//! ```
//! use pathway_schema::{load::load_str, Readiness};
//!
//! let loaded = load_str("plan.yaml", "\
//! schema_version: 1
//! id: cedar-valley-pathways
//! readiness: exploring
//! organization:
//!   name: Cedar Valley School District
//!   kind: district
//! ").unwrap();
//! assert_eq!(loaded.plan.readiness, Readiness::Exploring);
//! let location = loaded.tree.locate("/organization/name").unwrap();
//! assert_eq!((location.start.line, location.start.column), (5, 9));
//! ```

#![deny(missing_docs)]
// A load error carries its file, message, help and location; it is built once per failed file,
// so its size (about 150 bytes) costs nothing worth a box.
#![allow(clippy::result_large_err)]

pub mod audiences;
pub mod decision_points;
pub mod docs;
pub mod domain;
pub mod load;
// The positioned tree YAML and JSON parse into, below both the loader and the wording of its
// problems; its public names are re-exported from `load`.
mod node;
mod tree_text;
// The bound on amounts and the number formats, below the types; re-exported from `domain::money`.
mod numbers;
pub mod placeholder;
pub mod plan;
pub mod scaffold;
pub mod schema;
pub mod source;
pub mod state_points;
pub mod suggest;
pub mod values;
pub mod wording;

pub use decision_points::{Area, DECISION_POINTS, DecisionPoint};
pub use plan::*;
pub use values::{Ctid, Date, Id, Money, MoneyUnit, SCHEMA_VERSION, SchemaVersion, Year};
