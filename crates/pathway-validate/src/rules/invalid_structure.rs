//! PW002: the plan does not match the published schema.

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Checks the plan against the published JSON Schema
    /// (`schemas/pathway-plan.v1.schema.json`): unknown keys, missing required keys, values of
    /// the wrong type, words outside a closed list, malformed ids, dates and addresses.
    ///
    /// ## Why it matters
    /// A misspelled key is silently ignored by most tools, so the answer it holds is lost. The
    /// schema is the contract every tool shares: a plan that passes here passes any standard
    /// JSON Schema validator, and the other rules can read it.
    ///
    /// ## Example
    /// ```yaml
    /// goal:
    ///   challenges: Too many strong teachers leave the classroom to advance.
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// goals:
    ///   challenges: Too many strong teachers leave the classroom to advance.
    /// ```
    code: "PW002",
    name: "invalid-structure",
    severity: Error,
    summary: "The plan does not match the plan format's JSON Schema.",
    check: super::Check::ByEngine(super::EngineStage::Structure),
}
