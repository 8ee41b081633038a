//! The summary that opens every document: "what this means for you". The profile's purpose, the
//! plan's own message for this audience, and the key facts this audience needs first.

use pathway_schema::state_points::PointRef;
use pathway_schema::{IncentiveType, Involvement, OpportunityKind, Priority};

use super::{BlockWriter, SectionContext, incentive_name};
use crate::model::{HeadingLevel, Inline, Tone};
use crate::profile::Fact;
use crate::prose::{answer, count, format_date, format_hours, format_number, join_words, one_line};
use pathway_schema::domain::money::Cents;

pub(super) fn write(ctx: &SectionContext, open: &[PointRef<'_>], out: &mut BlockWriter) {
    out.heading(HeadingLevel::Section, &ctx.profile.summary.heading);
    out.text(&super::fill(&ctx.profile.purpose, ctx.plan));
    if let Some(message) = ctx.audience_message() {
        out.callout(
            Tone::Note,
            "The plan’s message to you:",
            vec![Inline::text(format!(" {}", one_line(message)))],
        );
    }
    let mut facts: Vec<Vec<Inline>> = ctx
        .profile
        .summary
        .facts
        .iter()
        .filter_map(|fact| key_fact(*fact, ctx))
        .collect();
    if !open.is_empty() {
        facts.push(labeled(
            "Still open:",
            format!(
                "{} (see the appendix).",
                count(open.len(), "decision", "decisions")
            ),
        ));
    }
    if !facts.is_empty() {
        out.heading(HeadingLevel::Subsection, "At a glance");
    }
    out.bullets(facts);
}

fn labeled(label: &str, text: impl Into<String>) -> Vec<Inline> {
    vec![
        Inline::strong(label),
        Inline::text(format!(" {}", text.into())),
    ]
}

fn key_fact(fact: Fact, ctx: &SectionContext) -> Option<Vec<Inline>> {
    let plan = ctx.plan;
    match fact {
        Fact::Goals => {
            let goals = &plan.goals.as_ref()?.priorities;
            let first = goals
                .iter()
                .find(|goal| goal.priority == Some(Priority::High))
                .or(goals.first())?;
            Some(labeled(
                "Goals:",
                format!(
                    "{}; first among them: {}",
                    count(goals.len(), "goal", "goals"),
                    one_line(&first.statement)
                ),
            ))
        }
        Fact::StudentImpact => {
            let impact = answer(plan.goals.as_ref()?.student_impact.as_ref())?;
            Some(labeled("For students:", one_line(impact)))
        }
        Fact::Cost => cost(ctx),
        Fact::Funding => funding(ctx),
        Fact::Credentials => credentials(ctx),
        Fact::Classroom => {
            let total = plan.opportunities.len();
            if total == 0 {
                return None;
            }
            let staying: Vec<&str> = plan
                .opportunities
                .iter()
                .filter(|o| o.stays_in_classroom)
                .map(|o| o.title.as_str())
                .collect();
            Some(labeled(
                "Staying in the classroom:",
                format!(
                    "{} of {} {} the educator teaching{}",
                    staying.len(),
                    count(total, "opportunity", "opportunities"),
                    if staying.len() == 1 { "keeps" } else { "keep" },
                    if staying.is_empty() {
                        ".".to_owned()
                    } else {
                        format!(": {}.", join_words(&staying))
                    }
                ),
            ))
        }
        Fact::Compensation => compensation(ctx),
        Fact::Time => time(ctx),
        Fact::Assessment => {
            let assessors: Vec<&str> = distinct(
                plan.credentials
                    .iter()
                    .filter_map(|c| answer(c.assessed_by.as_ref())),
            );
            let appeals = plan
                .quality
                .as_ref()
                .and_then(|q| answer(q.appeals.as_ref()))
                .is_some()
                || super::terms::appeal(plan).is_some();
            if assessors.is_empty() && !appeals {
                return None;
            }
            let mut text = if assessors.is_empty() {
                String::new()
            } else {
                format!("{}. ", crate::prose::join_clauses(&assessors))
            };
            text.push_str(if appeals {
                "An educator can appeal a score (see the assessment section)."
            } else {
                "The plan does not yet describe how to appeal a score."
            });
            Some(labeled("Who scores submissions:", text))
        }
        Fact::Voice => {
            let groups = &plan.stakeholders.as_ref()?.groups;
            let mut ways: Vec<&str> = Vec::new();
            for group in groups.iter().filter(|g| g.group.is_educators()) {
                for involvement in &group.involvement {
                    let word = involvement_word(*involvement);
                    if !ways.contains(&word) {
                        ways.push(word);
                    }
                }
            }
            if ways.is_empty() {
                return None;
            }
            Some(labeled(
                "Educator voice:",
                format!("educators take part through {}.", join_words(&ways)),
            ))
        }
        Fact::Timeline => {
            let implementation = plan.implementation.as_ref()?;
            let timeline = &implementation.timeline;
            let first = timeline.iter().min_by_key(|m| m.date)?;
            let last = timeline.iter().max_by_key(|m| m.date)?;
            let mut text = format!(
                "{} from {} ({}) to {} ({}).",
                count(timeline.len(), "milestone", "milestones"),
                format_date(&first.date),
                one_line(&first.title),
                format_date(&last.date),
                one_line(&last.title)
            );
            // Where the pilot stands tells a reader whether the plan rests on results or
            // still waits for them.
            if let Some(pilot) = implementation
                .pilot
                .as_ref()
                .and_then(super::pilot_sentence)
            {
                text.push(' ');
                text.push_str(&pilot);
            }
            Some(labeled("Timeline:", text))
        }
        Fact::Scale => scale(ctx),
        Fact::Partners => {
            let partners = &plan.partnerships.as_ref()?.partners;
            if partners.is_empty() {
                return None;
            }
            let names: Vec<&str> = partners.iter().map(|p| p.name.as_str()).collect();
            Some(labeled(
                "Partners:",
                format!("{}.", crate::prose::join_names(&names)),
            ))
        }
        Fact::Contact => {
            let contact = plan.scope.as_ref()?.point_of_contact.as_ref()?;
            let mut text = contact.name.clone();
            if let Some(role) = answer(contact.role.as_ref()) {
                text.push_str(&format!(", {role}"));
            }
            let mut inlines = labeled("Who to ask:", text);
            if let Some(email) = answer(contact.email.as_ref()) {
                inlines.push(Inline::text(" ("));
                inlines.push(Inline::email(email));
                inlines.push(Inline::text(")"));
            }
            Some(inlines)
        }
        Fact::Targets => {
            let metrics = &plan.evaluation.as_ref()?.metrics;
            let targets: Vec<String> = metrics
                .iter()
                .filter_map(|metric| {
                    let target = answer(metric.target.as_ref())?;
                    Some(format!(
                        "{}: {}",
                        one_line(&metric.indicator),
                        one_line(target)
                    ))
                })
                .collect();
            if targets.is_empty() {
                return None;
            }
            Some(labeled("Targets:", format!("{}.", targets.join("; "))))
        }
        Fact::Equity => {
            let by = &plan.evaluation.as_ref()?.equity.as_ref()?.disaggregate_by;
            if by.is_empty() {
                return None;
            }
            Some(labeled(
                "Equity:",
                format!("results are broken down by {}.", join_words(by)),
            ))
        }
        Fact::Building => {
            let roles: Vec<String> = plan
                .opportunities
                .iter()
                .filter(|o| {
                    matches!(
                        o.kind,
                        OpportunityKind::HybridRole | OpportunityKind::ClassroomRole
                    )
                })
                // Places are counted across the whole organization, not per building.
                .map(|o| match o.positions {
                    Some(n) => format!(
                        "{} ({} in all)",
                        o.title,
                        count(n as usize, "place", "places")
                    ),
                    None => o.title.clone(),
                })
                .collect();
            if roles.is_empty() {
                return None;
            }
            Some(labeled(
                "Roles in school buildings:",
                format!("{}.", join_words(&roles)),
            ))
        }
        Fact::Registry => {
            let listed = plan
                .credentials
                .iter()
                .filter(|c| c.external.is_some())
                .count();
            if plan.credentials.is_empty() {
                return None;
            }
            Some(labeled(
                "Registry listings:",
                format!(
                    "{listed} of {} carry a public registry identifier or page.",
                    count(plan.credentials.len(), "credential", "credentials")
                ),
            ))
        }
    }
}

fn cost(ctx: &SectionContext) -> Option<Vec<Inline>> {
    let budget = &ctx.model.budget;
    if budget.projected.is_empty() {
        budget.costs.first()?;
        return Some(labeled(
            "Projected cost:",
            "not yet projected: the plan does not yet give participants per year.",
        ));
    }
    if budget.costs.is_empty() {
        return None;
    }
    let parts: Vec<String> = budget
        .projected
        .iter()
        .map(|projected| {
            let year = budget.total(projected.year);
            format!(
                "{}{} in {}",
                ctx.money(year.cost),
                if year.unprojected.is_empty() {
                    ""
                } else {
                    " or more"
                },
                crate::prose::school_year(year.year)
            )
        })
        .collect();
    let mut inlines = labeled("Projected cost:", format!("{}.", join_words(&parts)));
    let short = shortfalls_by_year(ctx);
    if !short.is_empty() {
        inlines.push(Inline::text(" "));
        inlines.push(Inline::emphasis(format!(
            "Funding falls short by {}.",
            join_words(&short)
        )));
    }
    Some(inlines)
}

/// "$24,000 in 2027–28" for each year in which some funding group falls short, summed over
/// the groups short that year.
pub(super) fn shortfalls_by_year(ctx: &SectionContext) -> Vec<String> {
    let mut by_year: Vec<(pathway_schema::Year, Cents)> = Vec::new();
    for (_, balance) in ctx.model.budget.shortfalls() {
        match by_year.iter_mut().find(|(year, _)| *year == balance.year) {
            Some((_, total)) => *total += balance.shortfall(),
            None => by_year.push((balance.year, balance.shortfall())),
        }
    }
    by_year
        .into_iter()
        .map(|(year, short)| {
            format!(
                "{} in {}",
                ctx.money(short),
                crate::prose::school_year(year)
            )
        })
        .collect()
}

fn funding(ctx: &SectionContext) -> Option<Vec<Inline>> {
    let sources = &ctx.plan.scope.as_ref()?.funding;
    if sources.is_empty() {
        return None;
    }
    let budget = &ctx.model.budget;
    let years: Vec<String> = budget
        .years
        .iter()
        .map(|&year| budget.total(year))
        .filter(|year| year.committed.is_positive())
        .map(|year| {
            format!(
                "{} in {}",
                ctx.money(year.committed),
                crate::prose::school_year(year.year)
            )
        })
        .collect();
    let names: Vec<&str> = sources.iter().map(|s| s.name.as_str()).collect();
    if years.is_empty() {
        return Some(labeled(
            "Funding:",
            format!(
                "no amounts yet from {}: {}.",
                count(sources.len(), "source", "sources"),
                crate::prose::join_names(&names)
            ),
        ));
    }
    // Money only anticipated is named apart, so the committed figures are the ones the balance
    // and the budget check count.
    let anticipated: Vec<String> = budget
        .years
        .iter()
        .map(|&year| budget.total(year))
        .filter(|year| year.anticipated.is_positive())
        .map(|year| {
            format!(
                "{} in {}",
                ctx.money(year.anticipated),
                crate::prose::school_year(year.year)
            )
        })
        .collect();
    if anticipated.is_empty() {
        return Some(labeled(
            "Funding:",
            format!(
                "{} from {}: {}.",
                join_words(&years),
                count(sources.len(), "source", "sources"),
                crate::prose::join_names(&names)
            ),
        ));
    }
    Some(labeled(
        "Funding:",
        format!(
            "{} committed from {}: {}; more anticipated but not yet committed: {}.",
            join_words(&years),
            count(sources.len(), "source", "sources"),
            crate::prose::join_names(&names),
            join_words(&anticipated)
        ),
    ))
}

fn credentials(ctx: &SectionContext) -> Option<Vec<Inline>> {
    let credentials = &ctx.plan.credentials;
    if credentials.is_empty() {
        return None;
    }
    let hours: Vec<f64> = credentials.iter().filter_map(|c| c.hours).collect();
    let mut text = count(credentials.len(), "micro-credential", "micro-credentials");
    let min = hours.iter().copied().fold(f64::INFINITY, f64::min);
    let max = hours.iter().copied().fold(0.0, f64::max);
    if !hours.is_empty() {
        if (max - min).abs() < f64::EPSILON {
            text.push_str(&format!(", about {} each", format_hours(max)));
        } else {
            text.push_str(&format!(
                ", {} to {} each",
                format_number(min),
                format_hours(max)
            ));
        }
    }
    text.push('.');
    Some(labeled("What you can earn:", text))
}

fn compensation(ctx: &SectionContext) -> Option<Vec<Inline>> {
    // Money paid to a district or a school (a reimbursement, a release-time grant) is not the
    // educator's pay, though it may pay for what the educator receives.
    let to_institution = |incentive: &pathway_schema::Incentive| {
        matches!(
            incentive.paid_to,
            Some(pathway_schema::PaidTo::EachDistrict | pathway_schema::PaidTo::EachSchool)
        )
    };
    let compensation: Vec<&pathway_schema::Incentive> = ctx
        .plan
        .incentives
        .iter()
        .flat_map(|incentives| incentives.offers.iter())
        .filter(|incentive| incentive.kind == IncentiveType::Compensation)
        .collect();
    let money: Vec<String> = compensation
        .iter()
        .filter(|i| !to_institution(i))
        .filter_map(|i| amount_and_name(i))
        .collect();
    let institutions: Vec<String> = compensation
        .iter()
        .filter(|i| to_institution(i))
        .filter_map(|i| amount_and_name(i))
        .collect();
    // Travel, conference weeks and the like are support, not pay.
    let support: Vec<String> = ctx
        .plan
        .incentives
        .iter()
        .flat_map(|incentives| incentives.offers.iter())
        .filter(|incentive| incentive.kind != IncentiveType::Compensation)
        .filter_map(amount_and_name)
        .collect();
    if money.is_empty() && institutions.is_empty() {
        return None;
    }
    let salary: Vec<String> = ctx
        .plan
        .incentives
        .iter()
        .flat_map(|i| i.offers.iter())
        .filter(|i| i.compensation.is_some_and(|form| form.changes_salary()))
        .map(incentive_name)
        .collect();
    let schedule = if salary.is_empty() {
        " None of it changes the salary schedule.".to_owned()
    } else {
        format!(" Changes to the salary schedule: {}.", join_words(&salary))
    };
    let support = if support.is_empty() {
        String::new()
    } else {
        format!(" Other support, not pay: {}.", support.join("; "))
    };
    let institutions = if institutions.is_empty() {
        String::new()
    } else {
        format!(
            " Paid to districts or schools, not to the educator: {}.",
            institutions.join("; ")
        )
    };
    Some(labeled(
        "Pay:",
        format!(
            "{}.{schedule}{institutions}{support}",
            if money.is_empty() {
                "nothing paid to the educator directly".to_owned()
            } else {
                money.join("; ")
            }
        ),
    ))
}

/// "$200 per credential (Stipend for each credential earned)".
fn amount_and_name(incentive: &pathway_schema::Incentive) -> Option<String> {
    Some(format!(
        "{} ({})",
        super::incentive_amount(incentive)?,
        incentive_name(incentive)
    ))
}

fn time(ctx: &SectionContext) -> Option<Vec<Inline>> {
    let plan = ctx.plan;
    let mut parts = Vec::new();
    let total: f64 = plan.credentials.iter().filter_map(|c| c.hours).sum();
    if total > 0.0 {
        parts.push(if plan.credentials.len() == 1 {
            format!("the one credential takes about {}", format_hours(total))
        } else {
            format!(
                "all {} credentials together take about {}",
                plan.credentials.len(),
                format_hours(total)
            )
        });
    }
    for pathway in &plan.pathways {
        let hours = ctx.pathway_hours(pathway);
        if let Some(months) = pathway.duration_months.filter(|_| hours > 0.0) {
            parts.push(format!(
                "the {} pathway asks about {} over {months} months (about {} a month)",
                pathway.title,
                format_hours(hours),
                format_hours(hours / f64::from(months.max(1)))
            ));
        }
    }
    if parts.is_empty() {
        return None;
    }
    Some(labeled(
        "Time:",
        format!("{}.", capitalize_first(&parts.join("; "))),
    ))
}

fn scale(ctx: &SectionContext) -> Option<Vec<Inline>> {
    let plan = ctx.plan;
    let mut parts = Vec::new();
    if let Some(size) = &plan.organization.size {
        let counts = super::size_counts(size);
        if !counts.is_empty() {
            parts.push(format!(
                "{} serves {}",
                plan.organization.name,
                join_words(&counts)
            ));
        }
    }
    // The plan's member list may name only some of the districts it reaches (those a regional
    // agency serves can go unnamed), so the districts are named, not said to be all.
    let members: Vec<&str> = plan
        .organization
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    if !members.is_empty() {
        parts.push(format!(
            "the plan names {}: {}",
            count(members.len(), "member district", "member districts"),
            crate::prose::join_names(&members)
        ));
    }
    if let Some(pilot) = plan.implementation.as_ref().and_then(|i| i.pilot.as_ref())
        && let Some(n) = pilot.participants
    {
        let verb = match pilot.status {
            Some(pathway_schema::PilotStatus::Completed) => "involved",
            Some(pathway_schema::PilotStatus::Planned) => "is to involve",
            _ => "involves",
        };
        parts.push(format!(
            "the pilot {verb} {}",
            count(n as usize, "educator", "educators")
        ));
    }
    if let Some(peak) = plan
        .scope
        .as_ref()
        .and_then(|s| s.growth.iter().max_by_key(|g| (g.participants, g.year)))
    {
        parts.push(format!(
            "participation is projected to reach {} in {}",
            count(peak.participants as usize, "educator", "educators"),
            crate::prose::school_year(peak.year)
        ));
    }
    if parts.is_empty() {
        return None;
    }
    Some(labeled(
        "Scale:",
        format!("{}.", capitalize_first(&parts.join("; "))),
    ))
}

fn involvement_word(involvement: Involvement) -> &'static str {
    match involvement {
        Involvement::Survey => "surveys",
        Involvement::FocusGroup => "focus groups",
        Involvement::DesignTeam => "the design team",
        Involvement::AdvisoryCommittee => "an advisory committee",
        Involvement::Bargaining => "bargaining",
        Involvement::Approval => "approval",
        Involvement::Assessment => "assessing submissions",
        Involvement::Informed => "being kept informed",
        Involvement::Recipient => "receiving the opportunities",
    }
}

pub(super) fn involvement_words(involvement: &[Involvement]) -> String {
    let words: Vec<&str> = involvement.iter().map(|i| involvement_word(*i)).collect();
    join_words(&words)
}

fn distinct<'a>(items: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for item in items {
        if !out.contains(&item) {
            out.push(item);
        }
    }
    out
}

fn capitalize_first(text: &str) -> String {
    crate::prose::capitalize(text)
}
