//! Professional practice: how educators learn, the time it takes, and how credentials are
//! assessed fairly.

use super::{BlockWriter, SectionContext};
use crate::model::{HeadingLevel, Inline, Table, Tone};
use crate::prose::{answer, format_hours, format_number, one_line};

pub(super) fn learning(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(learning) = &ctx.plan.learning else {
        return;
    };
    out.answer("Time for learning.", learning.time.as_ref());
    out.answer("Feedback.", learning.feedback.as_ref());
    out.answer("Evidence guides the learning.", learning.evidence.as_ref());
    out.answer(
        "What completing a pathway opens.",
        learning.unlocks.as_ref(),
    );
    out.answer("Supports.", learning.supports.as_ref());
}

pub(super) fn time_demands(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    if let Some(time) = plan.learning.as_ref().and_then(|l| answer(l.time.as_ref())) {
        out.labeled("Where the time comes from.", time);
    }
    // What a credential costs the member and what else it earns them sit beside its hours,
    // when the plan says any of it: the trade a member weighs.
    let terms = plan.credentials.iter().any(|c| {
        c.cost_to_educator.is_some()
            || c.valid_for_years.is_some()
            || super::credentials::also_counts_for(c).is_some()
    });
    let mut headers = vec!["Credential", "Hours"];
    if terms {
        headers.extend(["Cost to the educator", "Also counts for", "Valid for"]);
    }
    let mut credentials = Table::new(headers).numeric(&[1]);
    let mut total = 0.0;
    let dash = || "—".to_owned();
    for credential in &plan.credentials {
        total += credential.hours.unwrap_or(0.0);
        let mut row = vec![
            one_line(&credential.title),
            credential.hours.map_or_else(dash, format_number),
        ];
        if terms {
            row.push(super::credentials::cost_to_educator(credential).unwrap_or_else(dash));
            row.push(super::credentials::also_counts_for(credential).unwrap_or_else(dash));
            row.push(credential.valid_for_years.map_or_else(dash, |years| {
                crate::prose::count(years as usize, "year", "years")
            }));
        }
        credentials.push_text_row(row);
    }
    if total > 0.0 {
        let mut row = vec![
            vec![Inline::strong("All credentials")],
            vec![Inline::strong(format_number(total))],
        ];
        if terms {
            row.extend([Vec::new(), Vec::new(), Vec::new()]);
        }
        credentials.push_row(row);
    }
    out.table(credentials);
    if !plan.pathways.is_empty() {
        out.heading(HeadingLevel::Subsection, "Load along each pathway");
    }
    let mut pathways =
        Table::new(["Pathway", "Credential hours", "Months", "Hours a month"]).numeric(&[1, 2, 3]);
    for pathway in &plan.pathways {
        let hours = ctx.pathway_hours(pathway);
        let months = pathway.duration_months;
        pathways.push_text_row([
            one_line(&pathway.title),
            format_number(hours),
            months.map_or_else(|| "—".to_owned(), |m| m.to_string()),
            months.map_or_else(
                || "—".to_owned(),
                |m| format_number(hours / f64::from(m.max(1))),
            ),
        ]);
    }
    out.table(pathways);
    if total > 0.0 && !plan.pathways.is_empty() {
        out.sentence(format!(
            "For comparison, earning every credential in the plan takes about {}.",
            format_hours(total)
        ));
    }
}

pub(super) fn assessment(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let quality = plan.quality.as_ref();
    out.answer(
        "Review and calibration.",
        quality.and_then(|q| q.review.as_ref()),
    );
    let mut table = Table::new(["Credential", "Issued by", "Assessed by"]);
    for credential in &plan.credentials {
        table.push_text_row([
            one_line(&credential.title),
            answer(credential.issuer.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            answer(credential.assessed_by.as_ref()).map_or_else(|| "—".to_owned(), one_line),
        ]);
    }
    out.table(table);
    if let Some(contact) = plan
        .scope
        .as_ref()
        .and_then(|s| s.point_of_contact.as_ref())
    {
        match contact.also_assessor {
            Some(true) => out.sentence(format!(
                "{}, the point of contact, also assesses submissions; the review process above says how conflicts of interest are avoided.",
                one_line(&contact.name)
            )),
            Some(false) => out.sentence(format!(
                "{}, the point of contact, does not assess submissions.",
                one_line(&contact.name)
            )),
            None => {}
        }
    }
    if let Some(rule) = super::terms::evidence_statement(plan) {
        out.labeled("Evidence and evaluations.", rule);
    }
    if let Some(rule) = super::terms::resubmissions(plan) {
        out.labeled("Resubmission.", &rule);
    }
    let rule = super::terms::appeal(plan);
    if let Some(rule) = &rule {
        out.labeled("Appeal.", rule);
    }
    match quality.and_then(|q| answer(q.appeals.as_ref())) {
        Some(appeals) => out.labeled("Appeals.", appeals),
        None if rule.is_some() => {}
        None => out.callout(
            Tone::Warning,
            "No appeal process yet.",
            vec![Inline::text(
                " The plan does not yet say how an educator can appeal a score.",
            )],
        ),
    }
    out.answer(
        "Feedback on submissions.",
        plan.learning.as_ref().and_then(|l| l.feedback.as_ref()),
    );
}
