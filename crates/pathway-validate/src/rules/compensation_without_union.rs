//! PW212: salary changes with no union or bargaining unit at the table.

use pathway_schema::domain::decisions::{group_is, pay_approval, pay_set_by};
use pathway_schema::{Approver, CompensationForm, PaySetBy};

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds incentives that change the salary schedule (`compensation: salary-increase`,
    /// `step` or `lane-change`) without the approval of whoever sets pay:
    ///
    /// - where pay is bargained (the default), the union: a `union` stakeholder group with
    ///   `bargaining` or `approval` among its involvement, an approval in
    ///   `implementation.approvals` by the `union` that covers the incentive (a ratified MOU),
    ///   or a milestone whose `decision` is the union's (a ratification vote);
    /// - where `incentives.pay_setting` says `board-policy`, the school board, shown the same
    ///   three ways;
    /// - where it says `state-law`, nobody's: the plan works within the state's schedule.
    ///
    /// It reports once, at the first such incentive, with the others and any union (or board)
    /// group as related places.
    ///
    /// ## Why it matters
    /// Salaries, steps and lanes are set by the collective bargaining agreement in most
    /// districts. A plan that promises them without the union's agreement promises something it
    /// cannot deliver alone, and may face a grievance instead of a launch.
    ///
    /// ## Example
    /// ```yaml
    /// stakeholders:
    ///   groups:
    ///     - group: union
    ///       involvement: [informed]
    /// incentives:
    ///   offers:
    ///     - id: stack-lane-change
    ///       type: compensation
    ///       compensation: lane-change
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// stakeholders:
    ///   groups:
    ///     - group: union
    ///       involvement: [bargaining, design-team]
    ///       role: Negotiates the pathways memorandum of understanding.
    /// ```
    code: "PW212",
    name: "compensation-without-union",
    severity: Error,
    summary: "An incentive changes salaries, steps or lanes without the approval of whoever sets pay.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let plan = context.plan;
    let Some(incentives) = &plan.incentives else {
        return;
    };
    // The salary changes the plan does not show approved, with their forms.
    let unapproved: Vec<(usize, &pathway_schema::Incentive, CompensationForm)> = incentives
        .offers
        .iter()
        .enumerate()
        .filter_map(|(i, incentive)| {
            let form = incentive
                .compensation
                .filter(|form| form.changes_salary())?;
            (!pay_approval(plan, &incentive.id).is_shown()).then_some((i, incentive, form))
        })
        .collect();
    let Some(&(first, incentive, form)) = unapproved.first() else {
        return;
    };
    let groups = plan
        .stakeholders
        .as_ref()
        .map_or(&[][..], |stakeholders| stakeholders.groups.as_slice());
    let approver = match pay_set_by(plan) {
        PaySetBy::BoardPolicy => Approver::SchoolBoard,
        _ => Approver::Union,
    };
    let present: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, group)| group_is(group, approver))
        .map(|(i, _)| i)
        .collect();
    let (state, help) = match (approver, present.is_empty()) {
        (Approver::SchoolBoard, _) => (
            "pay is set by board policy, but the plan shows no approval or vote of the school board on it",
            "add the school board to `stakeholders.groups` with `approval` in its `involvement`, record the board's approval under `implementation.approvals`, or schedule the vote as a milestone with `decision: {kind: vote, by: school-board}`",
        ),
        (_, true) => (
            "no union or bargaining unit is among the stakeholders",
            "salaries, steps and lanes are usually bargained: add the union to `stakeholders.groups` with `bargaining` or `approval` in its `involvement`, or record the ratified agreement under `implementation.approvals`; where pay is not bargained, say how it is set in `incentives.pay_setting`",
        ),
        (_, false) => (
            "the union neither bargains nor approves it",
            "salaries, steps and lanes are usually bargained: give the union `bargaining` or `approval` in its `involvement`, or record the ratified agreement under `implementation.approvals`; where pay is not bargained, say how it is set in `incentives.pay_setting`",
        ),
    };
    let separator = if approver == Approver::SchoolBoard {
        ";"
    } else {
        ", but"
    };
    let mut finding = Finding::new(
        paths::incentive(first).compensation(),
        format!(
            "`{}` changes the salary schedule ({}){separator} {state}",
            incentive.id,
            describe(form)
        ),
    )
    .help(help)
    .decision_point("stakeholders.groups");
    for &(i, other, form) in unapproved.iter().skip(1) {
        finding = finding.related(
            paths::incentive(i).compensation(),
            format!("`{}` is {} too", other.id, describe(form)),
        );
    }
    let who = if approver == Approver::SchoolBoard {
        "the school board takes part here, without approval"
    } else {
        "the union takes part here, without bargaining or approval"
    };
    for i in present {
        // A group that lists no involvement is pointed at as a whole.
        let listed = groups
            .get(i)
            .is_some_and(|group| !group.involvement.is_empty());
        let group = paths::stakeholder_group(i);
        finding = finding.related(
            if listed {
                group.involvement()
            } else {
                group.at()
            },
            who,
        );
    }
    if approver == Approver::SchoolBoard {
        finding = finding.related(
            paths::incentives().pay_setting(),
            "pay is set by board policy here",
        );
    }
    findings.push(finding);
}

fn describe(form: CompensationForm) -> &'static str {
    match form {
        CompensationForm::SalaryIncrease => "a salary increase",
        CompensationForm::Step => "a step",
        CompensationForm::LaneChange => "a lane change",
        CompensationForm::Stipend => "a stipend",
        CompensationForm::Bonus => "a bonus",
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{EXPLORING, check, findings, pointers};

    const OFFERS: &str = "\
incentives:
  offers:
    - {id: stipend, type: compensation, compensation: stipend}
    - {id: lane, type: compensation, compensation: lane-change}
    - {id: differential, type: compensation, compensation: salary-increase}
";

    fn with_union(involvement: &str) -> String {
        let groups = format!("    - {{group: union, involvement: {involvement}}}\nimplementation:");
        format!(
            "{}{OFFERS}",
            EXPLORING.replacen("implementation:", &groups, 1)
        )
    }

    #[test]
    fn salary_changes_need_the_union_to_bargain_or_approve() {
        let found = findings("PW212", OFFERS);
        assert_eq!(pointers(&found), ["/incentives/offers/1/compensation"]);
        assert_eq!(
            found[0].message,
            "`lane` changes the salary schedule (a lane change), but no union or bargaining unit is among the stakeholders"
        );
        assert_eq!(found[0].related.len(), 1);
        // Regression: it read "`differential` is a a salary increase too".
        assert_eq!(
            found[0].related[0].message,
            "`differential` is a salary increase too"
        );

        let found = check("PW212", &with_union("[advisory-committee, informed]"));
        assert!(
            found[0]
                .message
                .ends_with("but the union neither bargains nor approves it"),
            "{}",
            found[0].message
        );
        assert_eq!(
            found[0].related[1].place.pointer,
            "/stakeholders/groups/1/involvement"
        );

        assert!(check("PW212", &with_union("[bargaining]")).is_empty());
        assert!(check("PW212", &with_union("[approval, informed]")).is_empty());
    }

    #[test]
    fn a_ratified_agreement_or_a_scheduled_vote_is_approval_too() {
        // The test plan ends inside `implementation`, so approvals and a timeline continue it.
        let mou = "  approvals:\n    - {title: MOU, kind: mou, by: [union], date: '2026-09-18', covers: [lane]}\n";
        let found = check("PW212", &format!("{EXPLORING}{mou}{OFFERS}"));
        assert_eq!(pointers(&found), ["/incentives/offers/2/compensation"]);
        let whole = mou.replace(", covers: [lane]", "");
        assert!(check("PW212", &format!("{EXPLORING}{whole}{OFFERS}")).is_empty());
        let vote = "  timeline:\n    - {title: Members ratify the MOU, date: '2027-03-01', decision: {kind: vote, by: union}}\n";
        assert!(check("PW212", &format!("{EXPLORING}{vote}{OFFERS}")).is_empty());
    }

    // Regression (#12): a district without collective bargaining needed a suppression.
    #[test]
    fn pay_set_by_policy_needs_the_board_and_by_law_nobody() {
        let policy = format!("{OFFERS}  pay_setting: {{set_by: board-policy}}\n");
        let found = findings("PW212", &policy);
        assert_eq!(
            found[0].message,
            "`lane` changes the salary schedule (a lane change); pay is set by board policy, but the plan shows no approval or vote of the school board on it"
        );
        assert_eq!(
            found[0].related.last().unwrap().place.pointer,
            "/incentives/pay_setting"
        );
        let vote = "  timeline:\n    - {title: Board adopts the compensation plan, date: '2027-06-10', decision: {kind: vote, by: school-board}}\n";
        assert!(check("PW212", &format!("{EXPLORING}{vote}{policy}")).is_empty());
        // The union's vote is not the board's.
        let union_vote = vote.replace("by: school-board", "by: union");
        assert_eq!(
            check("PW212", &format!("{EXPLORING}{union_vote}{policy}")).len(),
            1
        );
        let law = format!("{OFFERS}  pay_setting: {{set_by: state-law}}\n");
        assert!(findings("PW212", &law).is_empty());
    }

    #[test]
    fn stipends_and_bonuses_do_not_need_bargaining() {
        let offers = "incentives:\n  offers:\n    - {id: stipend, type: compensation, compensation: stipend}\n    - {id: bonus, type: compensation, compensation: bonus}\n";
        assert!(findings("PW212", offers).is_empty());
    }
}
