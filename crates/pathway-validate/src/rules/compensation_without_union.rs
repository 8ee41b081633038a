//! PW212: salary changes with no union or bargaining unit at the table.

use pathway_schema::{CompensationForm, Involvement, StakeholderKind};

use super::{Context, Finding, Findings, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds incentives that change the salary schedule (`compensation: salary-increase`,
    /// `step` or `lane-change`) in a plan where no `union` stakeholder group has `bargaining` or
    /// `approval` among its involvement. It reports once, at the first such incentive, with the
    /// others and any union group as related places.
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
    summary: "An incentive changes salaries, steps or lanes with no union bargaining or approval.",
    check: Some(check),
}

fn check(context: &Context<'_>, findings: &mut Findings) {
    let plan = context.plan;
    let Some(incentives) = &plan.incentives else {
        return;
    };
    let salary_changes: Vec<(usize, &pathway_schema::Incentive, CompensationForm)> = incentives
        .offers
        .iter()
        .enumerate()
        .filter_map(|(i, incentive)| {
            incentive
                .compensation
                .filter(|form| form.changes_salary())
                .map(|form| (i, incentive, form))
        })
        .collect();
    let Some(&(first, incentive, form)) = salary_changes.first() else {
        return;
    };
    let groups = plan
        .stakeholders
        .as_ref()
        .map_or(&[][..], |stakeholders| stakeholders.groups.as_slice());
    let unions: Vec<usize> = groups
        .iter()
        .enumerate()
        .filter(|(_, group)| group.group == StakeholderKind::Union)
        .map(|(i, _)| i)
        .collect();
    let agrees = |i: &usize| {
        groups.get(*i).is_some_and(|group| {
            group.involvement.iter().any(|involvement| {
                matches!(involvement, Involvement::Bargaining | Involvement::Approval)
            })
        })
    };
    if unions.iter().any(agrees) {
        return;
    }
    let union_state = if unions.is_empty() {
        "no union or bargaining unit is among the stakeholders"
    } else {
        "the union neither bargains nor approves it"
    };
    let mut finding = Finding::new(
        format!("/incentives/offers/{first}/compensation"),
        format!("`{}` changes the salary schedule ({}), but {union_state}", incentive.id, describe(form)),
    )
    .help("salaries, steps and lanes are usually bargained: add the union to `stakeholders.groups` with `bargaining` or `approval` in its `involvement`, and say in its `role` what it agrees to")
    .decision_point("stakeholders.groups");
    for &(i, other, form) in salary_changes.iter().skip(1) {
        finding = finding.related(
            format!("/incentives/offers/{i}/compensation"),
            format!("`{}` is {} too", other.id, describe(form)),
        );
    }
    for i in unions {
        finding = finding.related(
            format!("/stakeholders/groups/{i}/involvement"),
            "the union takes part here, without bargaining or approval",
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
    fn stipends_and_bonuses_do_not_need_bargaining() {
        let offers = "incentives:\n  offers:\n    - {id: stipend, type: compensation, compensation: stipend}\n    - {id: bonus, type: compensation, compensation: bonus}\n";
        assert!(findings("PW212", offers).is_empty());
    }
}
