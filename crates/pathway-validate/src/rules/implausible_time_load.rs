//! PW215: a pathway that asks for more hours a month than a teacher has.

use std::collections::HashSet;

use pathway_schema::domain::money::format_number as number;
use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};
use crate::index::id_map;

/// The most hours a month a pathway may ask of a full-time teacher before the plan should say
/// where the time comes from. Ten hours a month is about two and a half hours a week: roughly
/// one weekly collaboration block or planning period, which is the time districts most often
/// set aside for job-embedded learning. More than that comes out of evenings and weekends.
pub const MAX_HOURS_PER_MONTH: f64 = 10.0;

declare_rule! {
    /// ## What it does
    /// Adds up the `hours` of a pathway's credentials and divides by its `duration_months`.
    /// When that comes to more than 10 hours a month (`MAX_HOURS_PER_MONTH`, about two and a
    /// half hours a week, or one weekly collaboration block), it reports the pathway with the
    /// numbers. Credentials without `hours` count as zero; a pathway without `duration_months`
    /// is not checked.
    ///
    /// ## Why it matters
    /// Educators earn credentials on top of a full teaching load. A pathway that asks for 14
    /// hours a month will be finished by the few who can give up their evenings, which is how
    /// an equity problem starts. Either the duration is optimistic or the plan needs to say
    /// where the time comes from (`learning.time`).
    ///
    /// ## Example
    /// ```yaml
    /// pathways:
    ///   - id: classroom-to-mentor
    ///     title: From Classroom Teacher to Rural Mentor
    ///     credentials: [checks-for-understanding, peer-observation, mentoring-new-teachers]
    ///     duration_months: 3
    /// ```
    ///
    /// The three credentials take 42 hours: 14 hours a month over 3 months.
    ///
    /// Use instead:
    /// ```yaml
    /// pathways:
    ///   - id: classroom-to-mentor
    ///     title: From Classroom Teacher to Rural Mentor
    ///     credentials: [checks-for-understanding, peer-observation, mentoring-new-teachers]
    ///     duration_months: 14
    /// ```
    code: "PW215",
    name: "implausible-time-load",
    severity: Warning,
    summary: "A pathway's credentials add up to more hours a month than a teacher can give.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    // The first credential with each id, as a search from the start would find it.
    let mut hours_of = id_map(context.plan.credentials.len());
    for credential in &context.plan.credentials {
        hours_of
            .entry(credential.id.as_str())
            .or_insert(credential.hours);
    }
    for (i, pathway) in context.plan.pathways.iter().enumerate() {
        let Some(months) = pathway.duration_months.filter(|months| *months > 0) else {
            continue;
        };
        let mut counted = HashSet::new();
        let mut hours = 0.0;
        for id in &pathway.credentials {
            if !counted.insert(id.as_str()) {
                continue;
            }
            if let Some(credential_hours) = hours_of.get(id.as_str()).copied().flatten() {
                hours += credential_hours;
            }
        }
        let per_month = hours / f64::from(months);
        if per_month <= MAX_HOURS_PER_MONTH {
            continue;
        }
        let needed = (hours / MAX_HOURS_PER_MONTH).ceil();
        let plural = if months == 1 { "month" } else { "months" };
        findings.push(
            Finding::new(
                paths::pathway(i).duration_months(),
                format!(
                    "the pathway `{}` asks too much time: {} hours over {months} {plural} is {} hours a month, on top of teaching",
                    pathway.id,
                    number(hours),
                    number(per_month)
                ),
            )
            .help(format!(
                "allow at least {} months for these credentials (at most {} hours a month), or say in `learning.time` how release time covers the rest",
                number(needed),
                number(MAX_HOURS_PER_MONTH)
            ))
            .decision_point("learning.time"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::number;
    use crate::rules::testing::{findings, pointers};

    const CREDENTIALS: &str = "\
credentials:
  - {id: a, title: A, hours: 30}
  - {id: b, title: B, hours: 24}
  - {id: c, title: C, hours: 30}
  - {id: d, title: D}
";

    #[test]
    fn more_than_ten_hours_a_month_is_reported_with_the_numbers() {
        let found = findings(
            "PW215",
            &format!(
                "{CREDENTIALS}pathways:
  - {{id: rushed, title: Rushed, credentials: [a, b, c, d, a], duration_months: 6}}
  - {{id: paced, title: Paced, credentials: [a, b, c], duration_months: 9}}
  - {{id: open-ended, title: Open-ended, credentials: [a, b, c]}}
"
            ),
        );
        assert_eq!(pointers(&found), ["/pathways/0/duration_months"]);
        assert_eq!(
            found[0].message,
            "the pathway `rushed` asks too much time: 84 hours over 6 months is 14 hours a month, on top of teaching"
        );
        assert!(
            found[0]
                .help
                .as_deref()
                .unwrap_or_default()
                .starts_with("allow at least 9 months")
        );
    }

    #[test]
    fn numbers_read_naturally() {
        assert_eq!(number(14.0), "14");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(10.333), "10.3");
    }
}
