//! PW211: educators are not among the stakeholders, or have no say.

use pathway_schema::{Involvement, StakeholderGroup, StakeholderKind};

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks `stakeholders.groups` for a group of teachers or paraprofessionals with a voice:
    /// any involvement other than `recipient` or `informed` (a survey, focus group, design team,
    /// advisory committee, bargaining, approval or assessment). A group that lists no
    /// involvement has no voice the plan can show. An empty list of groups is left to
    /// `unanswered-decision-point` (PW100).
    ///
    /// ## Why it matters
    /// Pathways designed for educators rather than with them read as one more compliance
    /// exercise, and educators stay away. The toolkit puts educator voice first among the
    /// stakeholder decisions for that reason.
    ///
    /// ## Example
    /// ```yaml
    /// stakeholders:
    ///   groups:
    ///     - group: teachers
    ///       involvement: [recipient]
    ///     - group: principals
    ///       involvement: [design-team]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// stakeholders:
    ///   groups:
    ///     - group: teachers
    ///       involvement: [design-team, survey]
    ///     - group: principals
    ///       involvement: [design-team]
    /// ```
    code: "PW211",
    name: "educators-without-voice",
    severity: Error,
    summary: "Educators are not among the stakeholders, or take part only as recipients.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let Some(stakeholders) = &context.plan.stakeholders else {
        return;
    };
    if stakeholders.groups.is_empty() {
        return;
    }
    let educators: Vec<(usize, &StakeholderGroup)> = stakeholders
        .groups
        .iter()
        .enumerate()
        .filter(|(_, group)| group.group.is_educators())
        .collect();
    let help = "give teachers a say, such as `design-team`, `focus-group`, `survey` or `advisory-committee` in their `involvement`, and describe it in `stakeholders.educator_voice`";
    let Some(&(first, first_group)) = educators.first() else {
        findings.push(
            Finding::new(
                paths::stakeholder_groups(),
                "no group of teachers or paraprofessionals is among the stakeholders: educators have no voice in designing their own pathways",
            )
            .help(format!("add a `teachers` group to `stakeholders.groups`; {help}"))
            .decision_point("stakeholders.educator-voice")
            .at_key(),
        );
        return;
    };
    if educators.iter().any(|(_, group)| {
        group
            .involvement
            .iter()
            .any(|involvement| involvement.gives_voice())
    }) {
        return;
    }
    let how: Vec<String> = educators.iter().map(|(_, group)| describe(group)).collect();
    let mut finding = Finding::new(
        paths::stakeholder_group(first).involvement(),
        format!(
            "educators have no voice in designing the pathways: {}",
            how.join("; ")
        ),
    )
    .help(help)
    .decision_point("stakeholders.educator-voice");
    if first_group.involvement.is_empty() {
        finding = finding.maybe_missing();
    }
    findings.push(finding);
}

/// "teachers are only recipients", "paraprofessionals have no stated involvement".
fn describe(group: &StakeholderGroup) -> String {
    let who = match group.group {
        StakeholderKind::Paraprofessionals => "paraprofessionals",
        _ => "teachers",
    };
    let mut roles: Vec<&str> = Vec::new();
    for involvement in &group.involvement {
        // Only `informed` and `recipient` give no voice, and only voiceless groups get here.
        let role = match involvement {
            Involvement::Informed => "kept informed",
            _ => "recipients",
        };
        if !roles.contains(&role) {
            roles.push(role);
        }
    }
    if roles.is_empty() {
        format!("{who} have no stated involvement")
    } else {
        format!("{who} are only {}", roles.join(" and "))
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{EXPLORING, check, pointers};

    fn with_groups(groups: &str) -> String {
        let (before, rest) = EXPLORING.split_once("  groups:\n").unwrap();
        let (_, after) = rest.split_once("implementation:").unwrap();
        format!("{before}  groups:\n{groups}implementation:{after}")
    }

    #[test]
    fn educators_need_a_group_with_a_say() {
        let found = check(
            "PW211",
            &with_groups("    - {group: principals, involvement: [design-team]}\n"),
        );
        assert_eq!(pointers(&found), ["/stakeholders/groups"]);
        assert!(
            found[0]
                .message
                .starts_with("no group of teachers or paraprofessionals")
        );

        let found = check(
            "PW211",
            &with_groups(
                "    - {group: teachers, involvement: [recipient, informed]}\n    - {group: paraprofessionals}\n",
            ),
        );
        assert_eq!(pointers(&found), ["/stakeholders/groups/0/involvement"]);
        assert_eq!(
            found[0].message,
            "educators have no voice in designing the pathways: teachers are only recipients and kept informed; paraprofessionals have no stated involvement"
        );
        assert_eq!(
            found[0].decision_point.as_deref(),
            Some("stakeholders.educator-voice")
        );
    }

    #[test]
    fn one_educator_group_with_a_say_is_enough() {
        let groups = "    - {group: teachers, involvement: [survey]}\n    - {group: paraprofessionals, involvement: [recipient]}\n";
        assert!(check("PW211", &with_groups(groups)).is_empty());
        assert!(check("PW211", EXPLORING).is_empty());
        // An empty list is PW100's to report.
        assert!(check("PW211", &with_groups("    []\n")).is_empty());
    }
}
