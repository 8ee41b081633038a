//! PW205: an opportunity that no credential or stack unlocks.

use std::collections::{HashMap, HashSet};

use pathway_schema::domain::pointer::paths;
use pathway_schema::{Id, UnlockRequires};

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds opportunities whose `unlocked_by` is missing or empty: no credential or stack
    /// unlocks them. It also finds opportunities whose `unlock_requires` asks for more entries
    /// than `unlocked_by` lists (at least 3 of 2), which no educator can meet. An opportunity
    /// that names unlocks which do not exist is left to `dangling-reference` (PW201): the plan
    /// meant something to unlock it, and correcting the names is the fix.
    ///
    /// ## Why it matters
    /// The constellation's promise is that credentials open opportunities. An opportunity that
    /// nothing unlocks is either open to everyone, and then it does not belong among the rewards
    /// for credentials, or it is reached in some way the plan does not tell educators.
    ///
    /// ## Example
    /// ```yaml
    /// opportunities:
    ///   - id: mentor-teacher
    ///     title: Mentor Teacher
    ///     kind: hybrid-role
    ///     stays_in_classroom: true
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// opportunities:
    ///   - id: mentor-teacher
    ///     title: Mentor Teacher
    ///     kind: hybrid-role
    ///     stays_in_classroom: true
    ///     unlocked_by: [rural-mentor]
    /// ```
    code: "PW205",
    name: "unreachable-opportunity",
    severity: Warning,
    summary: "No credential or stack unlocks an opportunity, or its unlock condition cannot be met.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    // The pathways leading to each opportunity, each named once, in order.
    let mut leading: HashMap<&str, Vec<String>> = HashMap::new();
    for pathway in &context.plan.pathways {
        let mut seen = HashSet::new();
        for id in &pathway.leads_to {
            if seen.insert(id.as_str()) {
                leading
                    .entry(id.as_str())
                    .or_default()
                    .push(format!("`{}`", pathway.id));
            }
        }
    }
    for (i, opportunity) in context.plan.opportunities.iter().enumerate() {
        if !opportunity.unlocked_by.is_empty() {
            let listed: HashSet<&str> = opportunity.unlocked_by.iter().map(Id::as_str).collect();
            if let Some(UnlockRequires::AtLeast(needed)) = opportunity.unlock_requires
                && usize::try_from(needed).unwrap_or(usize::MAX) > listed.len()
            {
                findings.push(
                    Finding::new(
                        paths::opportunity(i).unlock_requires(),
                        format!(
                            "the opportunity `{}` asks for at least {needed} of its unlocks, but `unlocked_by` lists {}: no educator can reach it",
                            opportunity.id,
                            listed.len()
                        ),
                    )
                    .help(format!(
                        "ask for at most {} (or `all`), or list more credentials or stacks in `unlocked_by`",
                        listed.len()
                    ))
                    .decision_point("learning.unlocks"),
                );
            }
            continue;
        }
        let pathways = leading
            .get(opportunity.id.as_str())
            .cloned()
            .unwrap_or_default();
        let help = if pathways.is_empty() {
            "list the credentials or stacks that earn it in `unlocked_by`".to_owned()
        } else {
            format!(
                "list the credentials or stacks that earn it in `unlocked_by`; the pathway {} leads to it, so its credentials may be the ones",
                pathways.join(", ")
            )
        };
        findings.push(
            Finding::new(
                paths::opportunity(i).unlocked_by(),
                format!("no credential or stack unlocks the opportunity `{}`: educators cannot tell how to reach it", opportunity.id),
            )
            .help(help)
            .decision_point("learning.unlocks")
            .maybe_missing(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn a_condition_no_one_can_meet_is_reported() {
        let found = findings(
            "PW205",
            "\
credentials:
  - {id: a, title: A}
  - {id: b, title: B}
opportunities:
  - {id: two-of-two, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, b], unlock_requires: 2}
  - {id: three-of-two, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, b, a], unlock_requires: 3}
  - {id: all, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, b], unlock_requires: all}
",
        );
        assert_eq!(pointers(&found), ["/opportunities/1/unlock_requires"]);
        assert_eq!(
            found[0].message,
            "the opportunity `three-of-two` asks for at least 3 of its unlocks, but `unlocked_by` lists 2: no educator can reach it"
        );
    }

    #[test]
    fn missing_or_empty_unlocks_are_reported_and_dangling_ones_left_to_pw201() {
        let found = findings(
            "PW205",
            "\
credentials:
  - {id: coaching, title: Coaching}
opportunities:
  - {id: unlocked, title: Unlocked, kind: committee, stays_in_classroom: true, unlocked_by: [coaching]}
  - {id: missing, title: Missing, kind: committee, stays_in_classroom: true}
  - {id: empty, title: Empty, kind: committee, stays_in_classroom: true, unlocked_by: []}
  - {id: misspelled, title: Misspelled, kind: committee, stays_in_classroom: true, unlocked_by: [coachin]}
pathways:
  - {id: path, title: Path, credentials: [coaching], leads_to: [empty]}
",
        );
        assert_eq!(
            pointers(&found),
            [
                "/opportunities/1/unlocked_by",
                "/opportunities/2/unlocked_by"
            ]
        );
        assert_eq!(
            found[0].start().0,
            18,
            "a missing list is reported at its opportunity"
        );
        assert!(
            found[1]
                .help
                .as_deref()
                .unwrap_or_default()
                .contains("the pathway `path` leads to it")
        );
    }
}
