//! PW202: two things with the same id.

use std::collections::HashMap;

use pathway_schema::domain::pointer::paths;

use super::{Context, Finding, Findings, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds ids used by more than one thing: credentials, stacks, opportunities, pathways,
    /// incentives, funding sources, goals, metrics and milestones share one set of ids. It also
    /// finds an audience given two messages.
    ///
    /// ## Why it matters
    /// References name things by id; with two things of the same id, a reference means one of
    /// them by accident, and documents show the wrong one.
    ///
    /// ## Example
    /// ```yaml
    /// credentials:
    ///   - id: small-group-reading
    ///     title: Small-Group Reading Instruction
    ///   - id: small-group-reading
    ///     title: Small-Group Math Instruction
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// credentials:
    ///   - id: small-group-reading
    ///     title: Small-Group Reading Instruction
    ///   - id: small-group-math
    ///     title: Small-Group Math Instruction
    /// ```
    code: "PW202",
    name: "duplicate-id",
    severity: Error,
    summary: "Two things in the plan have the same id.",
    check: Some(check),
}

fn check(context: &Context<'_>, findings: &mut Findings) {
    for defined in &context.index().defined {
        let Some(first) = context.index().get(defined.id.as_str()) else {
            continue;
        };
        if first.pointer == defined.pointer {
            continue;
        }
        findings.push(
            Finding::new(
                defined.pointer.clone(),
                format!(
                    "this {} has the id `{}`, which an earlier {} already has",
                    defined.kind.words(),
                    defined.id,
                    first.kind.words()
                ),
            )
            .help("give each thing its own id, and check which one references mean")
            .related(
                first.pointer.clone(),
                format!("`{}` is first used here", defined.id),
            ),
        );
    }
    if let Some(communication) = &context.plan.communication {
        let mut first_message: HashMap<&str, usize> = HashMap::new();
        for (i, message) in communication.audiences.iter().enumerate() {
            let first = *first_message.entry(message.audience.as_str()).or_insert(i);
            if first < i {
                findings.push(
                    Finding::new(
                        paths::audience_message(i).audience(),
                        format!("the audience `{}` has two messages", message.audience),
                    )
                    .help("merge them into one message for this audience")
                    .decision_point("communication.audiences")
                    .related(
                        paths::audience_message(first).audience(),
                        "the first message is here",
                    ),
                );
            }
        }
    }
}
