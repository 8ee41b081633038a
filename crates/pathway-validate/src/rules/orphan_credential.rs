//! PW204: a credential that leads nowhere.

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};
use crate::index::IdKind;

declare_rule! {
    /// ## What it does
    /// Finds credentials that unlock no opportunity and belong to no pathway. A credential
    /// leads somewhere when an opportunity's `unlocked_by` names it, or names a stack that holds
    /// it; when a pathway lists it; or when it is a prerequisite of a credential that leads
    /// somewhere (it is the first step toward that one). A reference with a typo counts for the
    /// credential or stack it most likely means, so the typo is reported once, by
    /// `dangling-reference` (PW201).
    ///
    /// ## Why it matters
    /// Educators spend 10 to 20 hours earning a credential. One that opens nothing in the
    /// constellation asks for that time and gives back only the credential itself; usually it
    /// was meant to unlock something and the link was forgotten.
    ///
    /// ## Example
    /// ```yaml
    /// credentials:
    ///   - id: place-based-projects
    ///     title: Place-Based Project Design
    /// opportunities:
    ///   - id: open-classroom-host
    ///     title: Open Classroom Host
    ///     kind: classroom-role
    ///     stays_in_classroom: true
    ///     unlocked_by: [checks-for-understanding]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     unlocked_by: [checks-for-understanding, place-based-projects]
    /// ```
    code: "PW204",
    name: "orphan-credential",
    severity: Warning,
    summary: "A credential unlocks no opportunity and belongs to no pathway.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let plan = context.plan;
    let index = context.index();
    let unlocks = &context.model.unlocks;
    let mut leads = vec![false; plan.credentials.len()];
    let mark = |i: usize, leads: &mut Vec<bool>| match leads.get_mut(i) {
        Some(flag) if !*flag => {
            *flag = true;
            true
        }
        _ => false,
    };
    for pathway in &plan.pathways {
        for id in &pathway.credentials {
            if let Some(i) = index.meant_position(id.as_str(), IdKind::Credential) {
                mark(i, &mut leads);
            }
        }
    }
    // Named by an opportunity, directly or through a stack, under any condition: it counts
    // toward something.
    for i in 0..plan.credentials.len() {
        if unlocks.is_mentioned(i) {
            mark(i, &mut leads);
        }
    }
    // A prerequisite of a credential that leads somewhere is the first step on the way there.
    let mut to_visit: Vec<usize> = (0..leads.len())
        .filter(|&i| leads.get(i).copied().unwrap_or(false))
        .collect();
    while let Some(i) = to_visit.pop() {
        let Some(credential) = plan.credentials.get(i) else {
            continue;
        };
        for prerequisite in &credential.prerequisites {
            if let Some(required) = index.meant_position(prerequisite.as_str(), IdKind::Credential)
                && mark(required, &mut leads)
            {
                to_visit.push(required);
            }
        }
    }
    for (i, credential) in plan.credentials.iter().enumerate() {
        // A second credential with the same id is `duplicate-id`'s business.
        let first = index.position(credential.id.as_str(), IdKind::Credential) == Some(i);
        if !first || leads.get(i).copied().unwrap_or(true) {
            continue;
        }
        findings.push(
            Finding::new(
                paths::credential(i).id(),
                format!(
                    "the credential `{}` unlocks no opportunity, alone or in a stack, and is on no pathway: earning it leads nowhere",
                    credential.id
                ),
            )
            .help("name it in an opportunity's `unlocked_by` (or in a stack that unlocks one), add it to a pathway's `credentials`, or remove it")
            .decision_point("learning.unlocks"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn a_credential_leads_somewhere_directly_through_a_stack_a_pathway_or_as_a_prerequisite() {
        let found = findings(
            "PW204",
            "\
credentials:
  - {id: direct, title: Direct}
  - {id: stacked, title: Stacked}
  - {id: on-pathway, title: On a pathway}
  - {id: first-step, title: First step}
  - {id: second-step, title: Second step, prerequisites: [first-step]}
  - {id: orphan, title: Orphan}
  - {id: stacked-orphan, title: In a stack that unlocks nothing}
stacks:
  - {id: leadership, title: Leadership, credentials: [stacked]}
  - {id: unused, title: Unused, credentials: [stacked-orphan]}
opportunities:
  - {id: lab, title: Lab classroom, kind: classroom-role, stays_in_classroom: true, unlocked_by: [direct, leadership, second-step]}
pathways:
  - {id: path, title: Path, credentials: [on-pathway]}
",
        );
        assert_eq!(pointers(&found), ["/credentials/5/id", "/credentials/6/id"]);
        assert!(
            found[0]
                .message
                .starts_with("the credential `orphan` unlocks no opportunity"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].decision_point.as_deref(), Some("learning.unlocks"));
    }

    // A misspelled stack in `unlocked_by` is a dangling reference (PW201); its credentials are
    // not orphans on top of that.
    #[test]
    fn a_typo_counts_for_what_it_means() {
        let found = findings(
            "PW204",
            "\
credentials:
  - {id: small-group-reading, title: Small-Group Reading}
stacks:
  - {id: literacy-leadership, title: Literacy Leadership, credentials: [small-group-reading]}
opportunities:
  - {id: coach, title: Coach, kind: hybrid-role, stays_in_classroom: true, unlocked_by: [litracy-leadership]}
",
        );
        assert!(found.is_empty(), "{found:?}");
    }
}
