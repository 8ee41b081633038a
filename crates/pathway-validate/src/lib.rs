//! Pathway Kit's validator: finds the decision points a plan leaves open and the places where it
//! contradicts itself.
//!
//! Stage 1 checks the plan's structure against the published JSON Schema (the very file third
//! parties use). Stage 2 runs a catalog of rules, each with a stable code, over the typed plan.
//! Findings are data ([`Diagnostic`]); renderers in [`render`] print them for people, for
//! scripts, for GitHub and for SARIF consumers.
//!
//! ```
//! use pathway_schema::source::Source;
//! use pathway_validate::{check_source, config::RuleSettings, Options, Severity};
//!
//! let plan = "schema_version: 1\nid: demo\nreadiness: exploring\n\
//!             organization: {name: Demo District, kind: district}\n";
//! let report = check_source(Source::new("plan.yaml", plan), None, &Options::default(), &RuleSettings::default());
//! // An exploring plan must say what its goals are, among other things.
//! assert!(report.diagnostics.iter().any(|d| d.code == "PW100" && d.decision_point.as_deref() == Some("goals.challenges")));
//! assert!(report.count(Severity::Error) > 0);
//! ```

#![deny(missing_docs)]
// Findings and load errors carry their messages and positions by value; they are built once per
// finding, so their size costs nothing worth a box.
#![allow(clippy::result_large_err)]

// What other crates build on is public: the configuration (`pathway.toml`), the renderers, the
// rule catalog and the worker pool the commands share. The stages behind `check_source` are
// private; what callers need of them is re-exported below.
pub mod config;
pub mod parallel;
pub mod render;
pub mod rules;

mod diagnostic;
mod docs;
mod engine;
mod index;
mod instance;
mod structure;
mod suppress;

pub use diagnostic::{Diagnostic, Place, Related, Severity};
pub use docs::{RULES_DOC_PATH, rules_reference};
pub use engine::{
    AreaCoverage, BUILT_IN_AUDIENCES, CheckedPlan, FileReport, Leftovers, MAX_FINDINGS,
    MAX_RELATED, Options, Tally, check_document, check_lent_document, check_source,
    check_source_keeping_all, check_source_keeping_plan, report_unreadable, resolves,
    rule_findings,
};
pub use structure::check_document_at_most;
