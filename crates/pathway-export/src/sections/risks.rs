//! Risks to manage: first the risks the plan's own numbers and answers show (a year in
//! shortfall, funding that ends before the plan does, an agreement that expires first, assessor
//! load against the submissions projected, the heaviest time load), then the barriers and
//! pitfalls the plan names, each once.

use pathway_schema::domain::decisions::{pay_approval, pay_set_by};
use pathway_schema::{PaySetBy, Plan};
use pathway_validate::rules::implausible_time_load::MAX_HOURS_PER_MONTH;

use super::{BlockWriter, SectionContext};
use crate::model::Inline;
use crate::prose::{
    answer, format_date, format_hours, format_number, group_thousands, one_line, school_year,
};

pub(super) fn risks(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let mut flags: Vec<Vec<Inline>> = Vec::new();
    for short in super::summary::shortfalls_by_year(ctx) {
        flags.push(flag(
            "Funding gap:",
            format!(
                "projected costs exceed the committed funding that can pay for them by {short}."
            ),
        ));
    }
    funding_that_ends_early(ctx, &mut flags);
    agreements_that_end_early(plan, &mut flags);
    assessor_load(ctx, &mut flags);
    time_load(ctx, &mut flags);
    let budget = &ctx.model.budget;
    if budget.projected.is_empty() && !budget.costs.is_empty() {
        flags.push(flag(
            "Costs not projected:",
            "the plan does not yet say how many educators take part each year, so yearly \
             costs are unknown.",
        ));
    }
    if !plan.opportunities.is_empty() && !plan.opportunities.iter().any(|o| o.stays_in_classroom) {
        flags.push(flag(
            "A ladder:",
            "every opportunity leads out of the classroom.",
        ));
    }
    if plan
        .quality
        .as_ref()
        .and_then(|q| answer(q.appeals.as_ref()))
        .is_none()
        && super::terms::appeal(plan).is_none()
        && !plan.credentials.is_empty()
    {
        flags.push(flag(
            "No appeals:",
            "the plan does not say how an educator can contest a score.",
        ));
    }
    if plan
        .scope
        .as_ref()
        .and_then(|s| s.point_of_contact.as_ref())
        .and_then(|c| c.also_assessor)
        == Some(true)
    {
        flags.push(flag(
            "Two hats:",
            "the point of contact also assesses submissions.",
        ));
    }
    let unapproved = plan
        .incentives
        .iter()
        .flat_map(|i| i.offers.iter())
        .filter(|i| i.compensation.is_some_and(|f| f.changes_salary()))
        .any(|i| !pay_approval(plan, &i.id).is_shown());
    if unapproved {
        flags.push(flag(
            "Not approved:",
            match pay_set_by(plan) {
                PaySetBy::BoardPolicy => {
                    "salary schedule changes the board has not approved or scheduled a vote on."
                }
                _ => "salary schedule changes without the union's agreement.",
            },
        ));
    }
    if flags.is_empty() {
        out.sentence(
            "The plan's numbers show no shortfall year, no funding or agreement that ends \
             before the plan does, and no time load above the validator's limit.",
        );
    }
    out.bullets(flags);
    if let Some(goals) = &plan.goals {
        out.answer("Barriers the plan names.", goals.barriers.as_ref());
    }
    if let Some(stakeholders) = &plan.stakeholders {
        out.answer("Pitfalls the plan names.", stakeholders.pitfalls.as_ref());
    }
}

fn flag(label: &str, text: impl Into<String>) -> Vec<Inline> {
    vec![
        Inline::strong(label),
        Inline::text(format!(" {}", text.into())),
    ]
}

/// A counted source whose last committed year comes before the budget's last year: the money it
/// gave in that year has to be found elsewhere from the next year on, or, where the source
/// anticipates more, still has to be won.
fn funding_that_ends_early(ctx: &SectionContext, flags: &mut Vec<Vec<Inline>>) {
    let budget = &ctx.model.budget;
    let Some(&last) = budget.years.last() else {
        return;
    };
    for line in &budget.sources {
        let Some((&ends, provision)) = line
            .by_year
            .iter()
            .rev()
            .find(|(_, provision)| provision.committed.is_positive())
        else {
            continue;
        };
        if ends >= last {
            continue;
        }
        let later: Vec<String> = line
            .by_year
            .range(ends.saturating_add(1)..)
            .filter(|(_, provision)| provision.anticipated.is_positive())
            .map(|(year, provision)| {
                format!(
                    "{} in {}",
                    ctx.money(provision.anticipated),
                    school_year(*year)
                )
            })
            .collect();
        let text = if later.is_empty() {
            format!(
                "{} pays {} in {}, its last year; the plan runs to {}, so from {} that money \
                 must come from another source or the costs it covers must stop.",
                one_line(&line.source.name),
                ctx.money(provision.committed + provision.anticipated),
                school_year(ends),
                school_year(last),
                school_year(ends.saturating_add(1)),
            )
        } else {
            format!(
                "{} pays {} in {}, its last year of committed money; the plan runs to {}, and \
                 what it may give after that ({}) is anticipated, not yet committed, so the \
                 costs it covers need another source if it does not come.",
                one_line(&line.source.name),
                ctx.money(provision.committed),
                school_year(ends),
                school_year(last),
                crate::prose::join_words(&later),
            )
        };
        flags.push(flag("Funding ends early:", text));
    }
}

/// An approval (an MOU, a resolution) whose end date comes before the plan's.
fn agreements_that_end_early(plan: &Plan, flags: &mut Vec<Vec<Inline>>) {
    let Some(period) = &plan.period else {
        return;
    };
    for approval in plan.implementation.iter().flat_map(|i| i.approvals.iter()) {
        let Some(ends) = &approval.ends else {
            continue;
        };
        if ends >= &period.end {
            continue;
        }
        flags.push(flag(
            "Agreement ends first:",
            format!(
                "{} ends {}, before the plan ends {}; what it covers needs a renewal by then.",
                one_line(&approval.title),
                format_date(ends),
                format_date(&period.end),
            ),
        ));
    }
}

/// Assessor capacity against the credentials expected: from `scope.growth[].assessors` and
/// `quality.assessor_capacity` when the plan gives them; otherwise the load per assessor in the
/// busiest year, with the assessors counted as the recipients of the incentives that come with
/// an assessor role.
fn assessor_load(ctx: &SectionContext, flags: &mut Vec<Vec<Inline>>) {
    let years = super::terms::scoring_years(ctx.plan);
    if let Some(clause) = super::terms::capacity_clause(ctx.plan)
        && !years.is_empty()
    {
        assessor_capacity(&years, &clause, flags);
        return;
    }
    let busiest = if years.is_empty() {
        busiest_by_assessor_incentives(ctx.plan)
    } else {
        years
            .iter()
            .map(|y| (y.year, y.credentials, y.assessors))
            .reduce(|a, b| {
                if f64::from(b.1) / f64::from(b.2) > f64::from(a.1) / f64::from(a.2) {
                    b
                } else {
                    a
                }
            })
    };
    if let Some((year, submissions, assessors)) = busiest {
        flags.push(flag(
            "Assessor load:",
            format!(
                "the busiest year is {}, with {} credentials expected and {} assessors, about \
                 {} submissions for each assessor to score (more where two assessors score \
                 each one); check that against the time assessors are given.",
                school_year(year),
                group_thousands(submissions.into()),
                group_thousands(assessors.into()),
                format_number((f64::from(submissions) / f64::from(assessors)).round()),
            ),
        ));
    }
}

/// The years whose assessors cannot score the credentials expected, or the closest year when
/// every year has room.
fn assessor_capacity(
    years: &[super::terms::ScoringYear],
    clause: &str,
    flags: &mut Vec<Vec<Inline>>,
) {
    let scored = |y: &super::terms::ScoringYear| y.capacity.unwrap_or(0);
    let short: Vec<String> = years
        .iter()
        .filter(|y| u64::from(y.credentials) > scored(y))
        .map(|y| {
            format!(
                "{} (about {} for {})",
                school_year(y.year),
                group_thousands(scored(y)),
                group_thousands(y.credentials.into())
            )
        })
        .collect();
    if !short.is_empty() {
        flags.push(flag(
            "Assessor capacity short:",
            format!(
                "the assessors the plan projects can score fewer submissions than the \
                 credentials expected in {}, before any resubmission; {clause}.",
                crate::prose::join_words(&short)
            ),
        ));
        return;
    }
    let closest = years.iter().max_by(|a, b| {
        (u64::from(a.credentials) * scored(b).max(1))
            .cmp(&(u64::from(b.credentials) * scored(a).max(1)))
    });
    if let Some(y) = closest {
        flags.push(flag(
            "Assessor capacity:",
            format!(
                "enough every year; the closest is {}, when {} assessors can score about {} \
                 submissions against {} credentials expected, before any resubmission; {clause}.",
                school_year(y.year),
                group_thousands(y.assessors.into()),
                group_thousands(scored(y)),
                group_thousands(y.credentials.into()),
            ),
        ));
    }
}

/// The busiest year by credentials for each assessor, with the assessors counted as the
/// recipients of the incentives of opportunities whose title names assessors: the fallback for
/// plans that do not give `scope.growth[].assessors`.
fn busiest_by_assessor_incentives(plan: &Plan) -> Option<(u16, u32, u32)> {
    let assessor_incentives: Vec<&pathway_schema::values::Id> = plan
        .opportunities
        .iter()
        .filter(|o| o.title.to_lowercase().contains("assessor"))
        .flat_map(|o| o.incentives.iter())
        .collect();
    let mut busiest: Option<(u16, u32, u32)> = None;
    for year in plan.scope.iter().flat_map(|s| s.growth.iter()) {
        let Some(submissions) = year.credentials else {
            continue;
        };
        let assessors: u32 = assessor_incentives
            .iter()
            .filter_map(|id| year.recipients.get(*id))
            .max()
            .copied()
            .unwrap_or(0);
        if assessors == 0 {
            continue;
        }
        let load = f64::from(submissions) / f64::from(assessors);
        let more = busiest.is_none_or(|(_, s, a)| load > f64::from(s) / f64::from(a));
        if more {
            busiest = Some((year.year, submissions, assessors));
        }
    }
    busiest
}

/// The pathway that asks the most hours a month, with the validator's limit for comparison.
fn time_load(ctx: &SectionContext, flags: &mut Vec<Vec<Inline>>) {
    let mut heaviest: Option<(&str, f64, u32)> = None;
    for pathway in &ctx.plan.pathways {
        let Some(months) = pathway.duration_months.filter(|&m| m > 0) else {
            continue;
        };
        let hours: f64 = pathway
            .credentials
            .iter()
            .filter_map(|id| ctx.credential(id.as_str())?.hours)
            .sum();
        let per_month = hours / f64::from(months);
        if heaviest.is_none_or(|(_, h, m)| per_month > h / f64::from(m)) {
            heaviest = Some((pathway.title.as_str(), hours, months));
        }
    }
    if let Some((title, hours, months)) = heaviest.filter(|&(_, h, _)| h > 0.0) {
        let per_month = hours / f64::from(months);
        let verdict = if per_month > MAX_HOURS_PER_MONTH {
            "more than the"
        } else {
            "within the"
        };
        flags.push(flag(
            "Time load:",
            format!(
                "the heaviest route, {}, asks about {} of credential work over {months} \
                 months, about {} a month on top of teaching ({verdict} {} a month the \
                 validator allows).",
                one_line(title),
                format_hours(hours),
                format_hours((per_month * 10.0).round() / 10.0),
                format_hours(MAX_HOURS_PER_MONTH),
            ),
        ));
    }
}
