//! The plan in general: overview, goals, goals with their measures, and the case for change.

use pathway_schema::{Frequency, OrganizationKind, Priority, Readiness};

use super::{BlockWriter, SectionContext};
use crate::model::{Inline, Table};
use crate::prose::{answer, format_date, join_words, one_line};

pub(super) fn overview(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    if let Some(summary) = answer(plan.summary.as_ref()) {
        out.text(summary);
    }
    let organization = &plan.organization;
    let mut facts = Vec::new();
    let mut who = format!(
        "{}, {}",
        organization.name,
        organization_kind(organization.kind)
    );
    if let Some(region) = answer(organization.region.as_ref()) {
        who.push_str(&format!(", {region}"));
    }
    facts.push(vec![
        Inline::strong("Organization:"),
        Inline::text(format!(" {who}.")),
    ]);
    if let Some(size) = &organization.size {
        let counts = super::size_counts(size);
        if !counts.is_empty() {
            facts.push(vec![
                Inline::strong("Size:"),
                Inline::text(format!(" {}.", join_words(&counts))),
            ]);
        }
    }
    facts.push(vec![
        Inline::strong("Stage:"),
        Inline::text(format!(
            " {}",
            crate::prose::capitalize(readiness_meaning(plan.readiness))
        )),
    ]);
    if let Some(period) = &plan.period {
        facts.push(vec![
            Inline::strong("Plan period:"),
            Inline::text(format!(
                " {} to {}.",
                format_date(&period.start),
                format_date(&period.end)
            )),
        ]);
    }
    if let Some(website) = answer(organization.website.as_ref()) {
        facts.push(vec![
            Inline::strong("Website:"),
            Inline::text(" "),
            Inline::link(website, website),
        ]);
    }
    out.bullets(facts);
}

pub(super) fn goals(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(goals) = &ctx.plan.goals else {
        return;
    };
    out.answer("The challenge.", goals.challenges.as_ref());
    out.answer("What changes for students.", goals.student_impact.as_ref());
    let mut table = Table::new(["Goal", "Priority", "How it helps students"]);
    for goal in &goals.priorities {
        table.push_row([
            vec![Inline::text(one_line(&goal.statement))],
            vec![Inline::text(goal.priority.map_or("—", priority_word))],
            vec![Inline::text(
                answer(goal.student_learning.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
        ]);
    }
    out.table(table);
}

pub(super) fn goal_metrics(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let Some(evaluation) = plan.evaluation.as_ref().filter(|e| !e.metrics.is_empty()) else {
        out.sentence(super::not_set_yet(
            plan,
            "Targets",
            "them",
            pathway_schema::Readiness::Piloting,
        ));
        return;
    };
    let goals = plan
        .goals
        .as_ref()
        .map(|g| g.priorities.as_slice())
        .unwrap_or_default();
    let mut table = Table::new(["Goal", "Measure", "Today", "Target", "Checked"]);
    let cell = |text: Option<&String>| {
        vec![Inline::text(
            answer(text).map_or_else(|| "—".to_owned(), one_line),
        )]
    };
    for metric in &evaluation.metrics {
        let measured: Vec<String> = metric
            .goals
            .iter()
            .map(|id| {
                goals
                    .iter()
                    .find(|goal| goal.id == *id)
                    .map_or_else(|| id.to_string(), |goal| one_line(&goal.statement))
            })
            .collect();
        table.push_row([
            vec![Inline::text(if measured.is_empty() {
                "—".to_owned()
            } else {
                measured.join(" / ")
            })],
            vec![Inline::text(one_line(&metric.indicator))],
            cell(metric.baseline.as_ref()),
            vec![Inline::strong(
                answer(metric.target.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
            vec![Inline::text(metric.frequency.map_or("—", frequency_word))],
        ]);
    }
    out.table(table);
    let unmeasured: Vec<String> = goals
        .iter()
        .filter(|goal| {
            !evaluation
                .metrics
                .iter()
                .any(|m| m.goals.contains(&goal.id))
        })
        .map(|goal| one_line(&goal.statement))
        .collect();
    if !unmeasured.is_empty() {
        out.sentence(format!("Not yet measured: {}.", join_words(&unmeasured)));
    }
}

pub(super) fn case_for_change(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(goals) = &ctx.plan.goals else {
        return;
    };
    out.answer(
        "Exceptional learning, here.",
        goals.exceptional_learning.as_ref(),
    );
    // The risks section quotes the barriers; a reader should not meet the paragraph twice.
    if !ctx.shows(crate::profile::SectionKind::Risks) {
        out.answer("What stands in the way.", goals.barriers.as_ref());
    }
    out.answer("Today’s career paths.", goals.existing_paths.as_ref());
    out.answer(
        "Why micro-credentials.",
        goals.why_micro_credentials.as_ref(),
    );
}

pub(super) fn organization_kind(kind: OrganizationKind) -> &'static str {
    match kind {
        OrganizationKind::District => "a school district",
        OrganizationKind::State => "a state education agency",
        OrganizationKind::CharterNetwork => "a charter school network",
        OrganizationKind::RegionalAgency => "a regional service agency",
    }
}

fn readiness_meaning(level: Readiness) -> &'static str {
    match level {
        Readiness::Exploring => "deciding whether career pathways fit.",
        Readiness::Designing => "designing the constellation before a pilot.",
        Readiness::Piloting => "running a pilot with funding, quality review and evaluation.",
        Readiness::Scaling => "growing the program beyond the pilot.",
    }
}

pub(super) fn priority_word(priority: Priority) -> &'static str {
    match priority {
        Priority::High => "High",
        Priority::Medium => "Medium",
        Priority::Low => "Low",
    }
}

pub(super) fn frequency_word(frequency: Frequency) -> &'static str {
    match frequency {
        Frequency::Monthly => "Monthly",
        Frequency::Quarterly => "Quarterly",
        Frequency::Semiannual => "Twice a year",
        Frequency::Annual => "Yearly",
        Frequency::Biennial => "Every two years",
        Frequency::PerCohort => "After each cohort",
    }
}
