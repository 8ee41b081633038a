//! PW001: the file cannot be read as a plan at all.

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Reports a file that cannot be read as YAML or JSON text: a syntax error, a file that is
    /// not UTF-8, a YAML feature plans do not use (tags, several documents), or input over a
    /// limit (size, nesting depth, alias expansion, text length).
    ///
    /// ## Why it matters
    /// Nothing else can be checked until the file parses. The limits keep a hostile or broken
    /// file from exhausting memory or time in CI.
    ///
    /// ## Example
    /// ```yaml
    /// goals:
    ///   challenges: [Retention, Growth
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// goals:
    ///   challenges: Retention and growth
    /// ```
    code: "PW001",
    name: "unparsable-plan",
    severity: Error,
    summary: "The file cannot be parsed as a YAML or JSON plan.",
    check: super::Check::ByEngine(super::EngineStage::Parse),
}
