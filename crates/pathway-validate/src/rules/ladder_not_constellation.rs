//! PW206: every opportunity leads out of the classroom.

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks that at least one opportunity keeps the educator in the classroom
    /// (`stays_in_classroom: true`) when the plan has opportunities at all.
    ///
    /// ## Why it matters
    /// A career constellation exists so that educators can grow without leaving students. When
    /// every opportunity takes them out of the classroom, the plan has rebuilt the ladder it set
    /// out to replace, and its best teachers will climb away from students.
    ///
    /// ## Example
    /// ```yaml
    /// opportunities:
    ///   - id: instructional-coach
    ///     title: Full-time Instructional Coach
    ///     kind: leadership-role
    ///     stays_in_classroom: false
    ///     unlocked_by: [coaching-conversations]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// opportunities:
    ///   - id: instructional-coach
    ///     title: Full-time Instructional Coach
    ///     kind: leadership-role
    ///     stays_in_classroom: false
    ///     unlocked_by: [coaching-conversations]
    ///   - id: hybrid-coach
    ///     title: Hybrid Coach
    ///     kind: hybrid-role
    ///     stays_in_classroom: true
    ///     unlocked_by: [coaching-conversations]
    /// ```
    code: "PW206",
    name: "ladder-not-constellation",
    severity: Error,
    summary: "No opportunity keeps the educator in the classroom: the constellation is a ladder.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let opportunities = &context.plan.opportunities;
    if opportunities.is_empty()
        || opportunities
            .iter()
            .any(|opportunity| opportunity.stays_in_classroom)
    {
        return;
    }
    let count = match opportunities.len() {
        1 => "the plan's only opportunity takes".to_owned(),
        2 => "both of the plan's opportunities take".to_owned(),
        n => format!("all {n} of the plan's opportunities take"),
    };
    let mut finding = Finding::new(
        paths::opportunities(),
        format!("{count} educators out of the classroom: this is a ladder away from students, not a constellation"),
    )
    .help("add opportunities educators hold while they keep teaching, such as a hybrid role, a lab classroom, a committee seat or recognition, with `stays_in_classroom: true`")
    .decision_point("learning.unlocks")
    .at_key();
    for (i, opportunity) in opportunities.iter().enumerate() {
        finding = finding.related(
            paths::opportunity(i).stays_in_classroom(),
            format!("`{}` leaves the classroom", opportunity.id),
        );
    }
    findings.push(finding);
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn one_classroom_opportunity_is_enough() {
        let ladder = "\
opportunities:
  - {id: coach, title: Coach, kind: leadership-role, stays_in_classroom: false}
  - {id: principal, title: Assistant Principal, kind: leadership-role, stays_in_classroom: false}
";
        let found = findings("PW206", ladder);
        assert_eq!(pointers(&found), ["/opportunities"]);
        assert!(
            found[0]
                .message
                .starts_with("both of the plan's opportunities take educators out"),
            "{}",
            found[0].message
        );
        assert_eq!(found[0].related.len(), 2);
        let constellation = format!(
            "{ladder}  - {{id: lab, title: Lab, kind: classroom-role, stays_in_classroom: true}}\n"
        );
        assert!(findings("PW206", &constellation).is_empty());
        assert!(findings("PW206", "").is_empty());
    }
}
