//! Decisions and approvals: who sets pay and so whose approval a salary change needs, what has
//! been approved, and which milestones put a decision before the school board. Read by the
//! validator (`compensation-without-union`, PW212) and by the board's document alike.
//!
//! ```
//! use pathway_schema::domain::decisions::{pay_approval, pay_set_by};
//! use pathway_schema::{Approver, PaySetBy};
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! incentives:
//!   pay_setting: {set_by: board-policy}
//!   offers:
//!     - {id: lane, type: compensation, compensation: lane-change}
//! implementation:
//!   approvals:
//!     - {title: Compensation plan, kind: policy, by: [school-board], date: '2026-06-10', covers: [lane]}
//! ").unwrap().plan;
//! assert_eq!(pay_set_by(&plan), PaySetBy::BoardPolicy);
//! let approval = pay_approval(&plan, &plan.incentives.as_ref().unwrap().offers[0].id);
//! assert_eq!(approval.needed_from, Some(Approver::SchoolBoard));
//! assert_eq!(approval.approval, Some(0));
//! ```

use crate::plan::{
    Approval, Approver, Involvement, Milestone, PaySetBy, Plan, StakeholderGroup, StakeholderKind,
};
use crate::values::Id;

/// Who sets pay: what `incentives.pay_setting` says, collective bargaining when it says
/// nothing.
pub fn pay_set_by(plan: &Plan) -> PaySetBy {
    plan.incentives
        .as_ref()
        .and_then(|incentives| incentives.pay_setting.as_ref())
        .map_or(PaySetBy::CollectiveBargaining, |setting| setting.set_by)
}

/// Whether a salary change has the approval it needs, and where the plan shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayApproval {
    /// Whose approval it needs: the union under collective bargaining, the school board under
    /// board policy, nobody's under state law.
    pub needed_from: Option<Approver>,
    /// A stakeholder group of that approver that bargains or approves, by position in
    /// `stakeholders.groups`.
    pub group: Option<usize>,
    /// An approval by that approver that covers the change, by position in
    /// `implementation.approvals`.
    pub approval: Option<usize>,
    /// A milestone with a decision by that approver, by position in `implementation.timeline`.
    pub decision: Option<usize>,
}

impl PayApproval {
    /// Whether the plan shows the approval the change needs (or needs none).
    pub fn is_shown(&self) -> bool {
        self.needed_from.is_none()
            || self.group.is_some()
            || self.approval.is_some()
            || self.decision.is_some()
    }
}

/// Whether the salary change `incentive` has the approval it needs.
pub fn pay_approval(plan: &Plan, incentive: &Id) -> PayApproval {
    let needed_from = match pay_set_by(plan) {
        PaySetBy::CollectiveBargaining => Some(Approver::Union),
        PaySetBy::BoardPolicy => Some(Approver::SchoolBoard),
        PaySetBy::StateLaw => None,
    };
    let Some(approver) = needed_from else {
        return PayApproval {
            needed_from,
            group: None,
            approval: None,
            decision: None,
        };
    };
    let groups: &[StakeholderGroup] = plan.stakeholders.as_ref().map_or(&[], |s| &s.groups);
    let group = groups.iter().position(|group| {
        group_is(group, approver)
            && group.involvement.iter().any(|involvement| {
                matches!(involvement, Involvement::Bargaining | Involvement::Approval)
            })
    });
    let approval = approvals(plan)
        .iter()
        .position(|approval| approval.by.contains(&approver) && covers(approval, incentive));
    let decision = timeline(plan).iter().position(|milestone| {
        milestone
            .decision
            .as_ref()
            .is_some_and(|decision| decision.by == approver)
    });
    PayApproval {
        needed_from,
        group,
        approval,
        decision,
    }
}

/// Whether a stakeholder group is the approver.
pub fn group_is(group: &StakeholderGroup, approver: Approver) -> bool {
    matches!(
        (group.group, approver),
        (StakeholderKind::Union, Approver::Union)
            | (StakeholderKind::SchoolBoard, Approver::SchoolBoard)
            | (StakeholderKind::State, Approver::State)
            | (StakeholderKind::DistrictLeaders, Approver::DistrictLeaders)
            | (StakeholderKind::Principals, Approver::Principals)
            | (StakeholderKind::City, Approver::City)
    )
}

/// Whether an approval covers the thing with this id: it names it, or names nothing (and so
/// covers everything its approvers must approve).
pub fn covers(approval: &Approval, id: &Id) -> bool {
    approval.covers.is_empty() || approval.covers.contains(id)
}

/// The milestones that put a decision before `approver`, by position in
/// `implementation.timeline`, in date order (plan order among the same date).
pub fn decisions_by(plan: &Plan, approver: Approver) -> Vec<usize> {
    let timeline = timeline(plan);
    let mut positions: Vec<usize> = (0..timeline.len())
        .filter(|&i| {
            timeline
                .get(i)
                .and_then(|m| m.decision.as_ref())
                .is_some_and(|d| d.by == approver)
        })
        .collect();
    positions.sort_by_key(|&i| timeline.get(i).map(|m| m.date));
    positions
}

/// The approvals `approver` took part in, by position in `implementation.approvals`, in date
/// order.
pub fn approved_by(plan: &Plan, approver: Approver) -> Vec<usize> {
    let approvals = approvals(plan);
    let mut positions: Vec<usize> = (0..approvals.len())
        .filter(|&i| approvals.get(i).is_some_and(|a| a.by.contains(&approver)))
        .collect();
    positions.sort_by_key(|&i| approvals.get(i).map(|a| a.date));
    positions
}

fn approvals(plan: &Plan) -> &[Approval] {
    plan.implementation
        .as_ref()
        .map_or(&[], |implementation| &implementation.approvals)
}

fn timeline(plan: &Plan) -> &[Milestone] {
    plan.implementation
        .as_ref()
        .map_or(&[], |implementation| &implementation.timeline)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    fn plan(body: &str) -> Plan {
        let text = format!(
            "schema_version: 1\nid: demo\nreadiness: exploring\norganization: {{name: Demo, kind: district}}\n{body}"
        );
        load_str("plan.yaml", &text).unwrap().plan
    }

    const OFFERS: &str = "incentives:\n  offers:\n    - {id: lane, type: compensation, compensation: lane-change}\n    - {id: step, type: compensation, compensation: step}\n";

    #[test]
    fn bargained_pay_needs_the_union() {
        let id = |plan: &Plan, i: usize| plan.incentives.as_ref().unwrap().offers[i].id.clone();
        let bare = plan(OFFERS);
        let approval = pay_approval(&bare, &id(&bare, 0));
        assert_eq!(approval.needed_from, Some(Approver::Union));
        assert!(!approval.is_shown());
        let mou = plan(&format!(
            "{OFFERS}implementation:\n  approvals:\n    - {{title: MOU, kind: mou, by: [union, school-board], date: '2026-09-18', covers: [lane]}}\n"
        ));
        assert!(pay_approval(&mou, &id(&mou, 0)).is_shown());
        assert!(
            !pay_approval(&mou, &id(&mou, 1)).is_shown(),
            "the MOU covers the lane only"
        );
        let vote = plan(&format!(
            "{OFFERS}implementation:\n  timeline:\n    - {{title: Members ratify, date: '2027-03-01', decision: {{kind: vote, by: union}}}}\n"
        ));
        assert_eq!(pay_approval(&vote, &id(&vote, 1)).decision, Some(0));
    }

    #[test]
    fn state_law_needs_no_approval_and_board_policy_the_board() {
        let law = plan(&format!(
            "{}  pay_setting: {{set_by: state-law, description: The state salary schedule.}}\n",
            OFFERS
        ));
        let id = &law.incentives.as_ref().unwrap().offers[0].id;
        assert!(pay_approval(&law, id).is_shown());
        let policy = plan(&format!(
            "stakeholders:\n  groups:\n    - {{group: school-board, involvement: [approval]}}\n{OFFERS}  pay_setting: {{set_by: board-policy}}\n"
        ));
        let id = &policy.incentives.as_ref().unwrap().offers[0].id;
        assert_eq!(pay_approval(&policy, id).group, Some(0));
    }

    #[test]
    fn the_boards_decisions_come_in_date_order() {
        let plan = plan(
            "implementation:\n  timeline:\n    - {title: Budget vote, date: '2028-06-10', decision: {kind: vote, by: school-board}}\n    - {title: Study session, date: '2027-02-10'}\n    - {title: MOU vote, date: '2027-01-12', decision: {kind: vote, by: school-board}}\n    - {title: Superintendent signs, date: '2026-12-01', decision: {kind: sign-off, by: superintendent}}\n",
        );
        assert_eq!(decisions_by(&plan, Approver::SchoolBoard), [2, 0]);
        assert_eq!(decisions_by(&plan, Approver::Superintendent), [3]);
    }
}
