//! Professional practice: how educators learn, the time it takes, and how credentials are
//! assessed fairly.

use super::{Context, Out};
use crate::model::{HeadingLevel, Inline, Table, Tone};
use crate::text::{answer, format_hours, format_number, one_line};

pub(super) fn learning(ctx: &Context, out: &mut Out) {
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

pub(super) fn time_demands(ctx: &Context, out: &mut Out) {
    let plan = ctx.plan;
    if let Some(time) = plan.learning.as_ref().and_then(|l| answer(l.time.as_ref())) {
        out.labeled("Where the time comes from.", time);
    }
    let mut credentials = Table::new(["Credential", "Hours"]).numeric(&[1]);
    let mut total = 0.0;
    for credential in &plan.credentials {
        total += credential.hours.unwrap_or(0.0);
        credentials.push_text_row([
            one_line(&credential.title),
            credential
                .hours
                .map_or_else(|| "—".to_owned(), format_number),
        ]);
    }
    if total > 0.0 {
        credentials.push_row([
            vec![Inline::strong("All credentials")],
            vec![Inline::strong(format_number(total))],
        ]);
    }
    out.table(credentials);
    if !plan.pathways.is_empty() {
        out.heading(HeadingLevel::Subsection, "Load along each pathway");
    }
    let mut pathways =
        Table::new(["Pathway", "Credential hours", "Months", "Hours a month"]).numeric(&[1, 2, 3]);
    for pathway in &plan.pathways {
        let hours: f64 = pathway
            .credentials
            .iter()
            .filter_map(|id| ctx.credential(id.as_str())?.hours)
            .sum();
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

pub(super) fn assessment(ctx: &Context, out: &mut Out) {
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
    match quality.and_then(|q| answer(q.appeals.as_ref())) {
        Some(appeals) => out.labeled("Appeals.", appeals),
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
