//! PW202: two things with the same id.

use std::collections::HashMap;

use pathway_schema::domain::pointer::paths;
use pathway_schema::source::Position;
use pathway_schema::wording::with_a;

use super::{Finding, Findings, RuleContext, declare_rule};
use crate::index::{Defined, id_map};

declare_rule! {
    /// ## What it does
    /// Finds ids used by more than one thing: credentials, stacks, opportunities, pathways,
    /// incentives, funding sources, goals, metrics and milestones share one set of ids. It also
    /// finds an audience given two messages. Every use of an id after its first in the file is
    /// reported, pointing back at the first.
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
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    // "Earlier" means earlier in the file: the index lists things kind by kind, so each id's
    // definitions are put in the order they are written before the first is chosen.
    // Groups in the order the index first meets each id, so the findings kept when a hostile
    // plan has more than can be shown are the same on every run.
    let mut group_of = id_map(context.index().defined.len());
    let mut groups: Vec<Vec<&Defined<'_>>> = Vec::new();
    for defined in &context.index().defined {
        let group = *group_of.entry(defined.id.as_str()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if let Some(members) = groups.get_mut(group) {
            members.push(defined);
        }
    }
    // Only ids defined more than once are placed in the file: finding a position costs a
    // search of the source map, and most plans have no duplicate at all.
    for members in groups.iter().filter(|all| all.len() > 1) {
        let mut definitions: Vec<(Option<Position>, &Defined<'_>)> = members
            .iter()
            .map(|&defined| {
                let position = context
                    .tree
                    .locate(defined.pointer.as_str())
                    .map(|location| location.start);
                (position, defined)
            })
            .collect();
        definitions.sort_by_key(|(position, _)| position.map(|p| (p.line, p.column)));
        let Some(((_, first), later)) = definitions.split_first() else {
            continue;
        };
        for (_, defined) in later {
            let earlier = if defined.kind == first.kind {
                format!("another {}", first.kind.words())
            } else {
                with_a(first.kind.words())
            };
            findings.push(
                Finding::new(
                    defined.pointer.clone(),
                    format!(
                        "this {} has the id `{}`, which {earlier} earlier in the file already has",
                        defined.kind.words(),
                        defined.id,
                    ),
                )
                .help("give each thing its own id, and check which one references mean")
                .related(
                    first.pointer.clone(),
                    format!("`{}` is first used here", defined.id),
                ),
            );
        }
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

#[cfg(test)]
mod tests {
    use crate::rules::testing::findings;

    // Regression: the index lists goals before credentials before opportunities, so an
    // opportunity written above a credential of the same id was called the later one.
    #[test]
    fn earlier_means_earlier_in_the_file() {
        let plan = "\
opportunities:
  - {id: reading-coach, title: Coach, kind: hybrid-role, stays_in_classroom: true, unlocked_by: [reading-coach]}
credentials:
  - {id: reading-coach, title: Reading Coaching, hours: 10}
";
        let found = findings("PW202", plan);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].place.pointer, "/credentials/0/id");
        assert_eq!(
            found[0].message,
            "this credential has the id `reading-coach`, which an opportunity earlier in the file already has"
        );
        assert_eq!(found[0].related[0].place.pointer, "/opportunities/0/id");
    }

    #[test]
    fn the_same_kind_twice_is_another_one() {
        let plan = "\
credentials:
  - {id: reading, title: Reading, hours: 10}
  - {id: reading, title: Math, hours: 10}
";
        let found = findings("PW202", plan);
        assert_eq!(
            found[0].message,
            "this credential has the id `reading`, which another credential earlier in the file already has"
        );
        assert_eq!(found[0].place.pointer, "/credentials/1/id");
    }
}
