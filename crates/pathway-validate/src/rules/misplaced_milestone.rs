//! PW213: milestones out of order or outside the plan period, and a pilot that does not fit.

use pathway_schema::domain::pointer::{Pointer, paths};
use pathway_schema::{Date, Period, PilotStatus};

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the dates in `implementation`:
    ///
    /// - each milestone of `timeline` falls within the plan `period`;
    /// - the milestones are listed in date order: a milestone dated before one listed above it
    ///   is reported (the one listed later). Milestones outside the period are reported as such
    ///   and left out of the order check, so one wrong year is reported once;
    /// - the `pilot` starts and ends within the period, and ends after it starts. A pilot
    ///   with `status: completed` may lie before the period (a scaling plan's pilot usually
    ///   does): only its order is checked.
    ///
    /// ## Why it matters
    /// The timeline is what the school board and the union read to know when things happen. A
    /// milestone out of order is usually a typo in a year, and one outside the period promises
    /// work the plan does not cover.
    ///
    /// ## Example
    /// ```yaml
    /// period: {start: "2026-07-01", end: "2028-06-30"}
    /// implementation:
    ///   timeline:
    ///     - title: School board approves the stipend line
    ///       date: "2027-06-16"
    ///     - title: Pilot cohort begins
    ///       date: "2026-08-23"
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    ///     - title: Pilot cohort begins
    ///       date: "2027-08-23"
    /// ```
    code: "PW213",
    name: "misplaced-milestone",
    severity: Warning,
    summary: "A milestone is out of date order or outside the plan period, or the pilot does not fit the period.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let plan = context.plan;
    let Some(implementation) = &plan.implementation else {
        return;
    };
    let period = plan.period.as_ref();
    let mut latest: Option<(usize, Date)> = None;
    for (i, milestone) in implementation.timeline.iter().enumerate() {
        let pointer = paths::milestone(i).date();
        let what = format!("the milestone \"{}\"", milestone.title);
        if let Some(finding) =
            period.and_then(|period| outside(period, milestone.date, &pointer, &what))
        {
            findings.push(finding);
            continue;
        }
        match latest {
            Some((j, before)) if milestone.date < before => {
                let above = implementation
                    .timeline
                    .get(j)
                    .map_or("", |milestone| milestone.title.as_str());
                findings.push(
                    Finding::new(
                        pointer,
                        format!("{what} ({}) is listed after \"{above}\" ({before}) but comes before it", milestone.date),
                    )
                    .help("list the milestones in date order, or correct the date if the year or month is wrong")
                    .decision_point("implementation.timeline")
                    .related(paths::milestone(j).date(), format!("\"{above}\" is dated here")),
                );
            }
            _ => latest = Some((i, milestone.date)),
        }
    }
    let Some(pilot) = &implementation.pilot else {
        return;
    };
    let mut fits = true;
    let completed = pilot.status == Some(PilotStatus::Completed);
    for (date, pointer, what) in [
        (pilot.start, paths::pilot().start(), "the pilot's start"),
        (pilot.end, paths::pilot().end(), "the pilot's end"),
    ] {
        let Some((date, period)) = date.zip(period).filter(|_| !completed) else {
            continue;
        };
        if let Some(finding) = outside(period, date, &pointer, what) {
            findings.push(finding);
            fits = false;
        }
    }
    if let (Some(start), Some(end)) = (pilot.start, pilot.end)
        && fits
        && end < start
    {
        findings.push(
            Finding::new(
                paths::pilot().end(),
                format!("the pilot ends ({end}) before it starts ({start})"),
            )
            .help("correct the pilot's start or end date")
            .decision_point("implementation.timeline")
            .related(paths::pilot().start(), "the pilot starts here"),
        );
    }
}

/// A finding when `date` falls outside the plan period.
fn outside(period: &Period, date: Date, pointer: &Pointer, what: &str) -> Option<Finding> {
    let (side, bound, bound_pointer) = if date < period.start {
        (
            "before the plan period starts",
            period.start,
            paths::period().start(),
        )
    } else if date > period.end {
        (
            "after the plan period ends",
            period.end,
            paths::period().end(),
        )
    } else {
        return None;
    };
    Some(
        Finding::new(
            pointer.clone(),
            format!("{what} is dated {date}, {side} ({bound})"),
        )
        .help("correct the date, or extend the plan's `period` if the plan really runs that long")
        .decision_point("implementation.timeline")
        .related(bound_pointer, "the plan period is set here"),
    )
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn milestones_out_of_order_or_outside_the_period() {
        // The test plan ends inside `implementation`, so the timeline continues it.
        let found = findings(
            "PW213",
            "  timeline:
    - {title: Design team formed, date: \"2026-08-26\"}
    - {title: Board approves the plan, date: \"2027-06-16\"}
    - {title: Pilot begins, date: \"2026-08-23\"}
    - {title: Report to the board, date: \"2029-06-14\"}
    - {title: Mid-year review, date: \"2028-01-19\"}
    - {title: Kickoff, date: \"2026-06-01\"}
period: {start: \"2026-07-01\", end: \"2028-06-30\"}
",
        );
        assert_eq!(
            pointers(&found),
            [
                "/implementation/timeline/2/date",
                "/implementation/timeline/3/date",
                "/implementation/timeline/5/date"
            ]
        );
        assert_eq!(
            found[0].message,
            "the milestone \"Pilot begins\" (2026-08-23) is listed after \"Board approves the plan\" (2027-06-16) but comes before it"
        );
        assert_eq!(
            found[1].message,
            "the milestone \"Report to the board\" is dated 2029-06-14, after the plan period ends (2028-06-30)"
        );
        assert!(
            found[2]
                .message
                .ends_with("before the plan period starts (2026-07-01)")
        );
    }

    // Regression (#12): a scaling plan recording the pilot it ran before its period got two
    // PW213 warnings.
    #[test]
    fn a_completed_pilot_may_come_before_the_period() {
        let pilot = "  pilot: {status: completed, start: \"2023-08-21\", end: \"2025-06-13\"}\nperiod: {start: \"2026-07-01\", end: \"2030-06-30\"}\n";
        assert!(findings("PW213", pilot).is_empty());
        let backwards = pilot.replace("2023-08-21", "2025-08-21");
        assert_eq!(
            pointers(&findings("PW213", &backwards)),
            ["/implementation/pilot/end"]
        );
        let running = pilot.replace("completed", "running");
        assert_eq!(findings("PW213", &running).len(), 2);
    }

    #[test]
    fn the_pilot_fits_the_period_and_ends_after_it_starts() {
        let pilot = |start: &str, end: &str| {
            format!(
                "  pilot: {{start: \"{start}\", end: \"{end}\"}}\nperiod: {{start: \"2026-07-01\", end: \"2028-06-30\"}}\n"
            )
        };
        assert!(findings("PW213", &pilot("2027-08-23", "2028-06-14")).is_empty());
        let found = findings("PW213", &pilot("2027-08-23", "2029-06-14"));
        assert_eq!(pointers(&found), ["/implementation/pilot/end"]);
        assert_eq!(
            found[0].message,
            "the pilot's end is dated 2029-06-14, after the plan period ends (2028-06-30)"
        );
        let found = findings("PW213", &pilot("2028-06-14", "2027-08-23"));
        assert_eq!(
            found[0].message,
            "the pilot ends (2027-08-23) before it starts (2028-06-14)"
        );
    }
}
