//! PW003: a suppression comment that is malformed, names no rule, or suppresses nothing.

use super::declare_rule;

declare_rule! {
    /// ## What it does
    /// Checks `# pathway-allow CODE: reason` comments. A suppression must name a rule code and
    /// give a reason, and it must silence a finding on its own line or the line below it.
    ///
    /// ## Why it matters
    /// A suppression is a decision the plan's readers should be able to see and question. One
    /// without a reason hides the decision; one that suppresses nothing is stale and misleads.
    ///
    /// ## Example
    /// ```yaml
    /// # pathway-allow PW206
    /// opportunities:
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// # pathway-allow PW206: our only opportunity this year is a leadership role; classroom roles come in 2028
    /// opportunities:
    /// ```
    code: "PW003",
    name: "invalid-suppression",
    severity: Error,
    summary: "A suppression comment lacks a reason, names an unknown rule, or suppresses nothing.",
    check: super::Check::ByEngine(super::EngineStage::Suppressions),
}
