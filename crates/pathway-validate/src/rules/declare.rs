//! `declare_rule!`: one place for a rule's code, name, severity and documentation, so the doc
//! comment that rustdoc shows is the same text `pathway explain` prints.

/// Declares a rule: its doc comment becomes [`Rule::doc`](super::Rule::doc) and its first
/// paragraph after "What it does" the summary.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])+
        code: $code:literal,
        name: $name:literal,
        severity: $severity:ident,
        summary: $summary:literal,
        check: $check:expr $(,)?
    ) => {
        $(#[doc = $doc])+
        pub const RULE: $crate::rules::Rule = $crate::rules::Rule {
            code: $code,
            name: $name,
            default_severity: $crate::diagnostic::Severity::$severity,
            summary: $summary,
            doc: concat!($($doc, "\n"),+),
            check: $check,
        };
    };
}

pub(crate) use declare_rule;
