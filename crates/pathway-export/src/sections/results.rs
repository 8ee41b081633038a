//! Results: how the plan is evaluated, and how it looks for gaps in access.

use pathway_schema::Readiness;

use super::plan_overview::frequency_word;
use super::{BlockWriter, SectionContext};
use crate::model::{HeadingLevel, Inline, Table};
use crate::prose::{answer, join_words, one_line};

pub(super) fn evaluation(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(evaluation) = &ctx.plan.evaluation else {
        out.sentence(super::not_set_yet(
            ctx.plan,
            "Measures and targets",
            "them",
            Readiness::Piloting,
        ));
        return;
    };
    let mut table = Table::new(["Measure", "Data source", "How often", "Today", "Target"]);
    let cell = |text: Option<&String>| answer(text).map_or_else(|| "—".to_owned(), one_line);
    for metric in &evaluation.metrics {
        table.push_row([
            vec![Inline::text(one_line(&metric.indicator))],
            vec![Inline::text(cell(metric.source.as_ref()))],
            vec![Inline::text(metric.frequency.map_or("—", frequency_word))],
            vec![Inline::text(cell(metric.baseline.as_ref()))],
            vec![Inline::strong(cell(metric.target.as_ref()))],
        ]);
    }
    out.table(table);
    if !evaluation.research_questions.is_empty() {
        out.heading(HeadingLevel::Subsection, "Questions the data should answer");
        out.bullets(
            evaluation
                .research_questions
                .iter()
                .map(|q| vec![Inline::text(one_line(q))])
                .collect(),
        );
    }
    if let Some(iteration) = &evaluation.iteration {
        let mut who = Vec::new();
        if let Some(cycle) = iteration.cycle {
            who.push(frequency_word(cycle).to_lowercase());
        }
        if let Some(owner) = answer(iteration.owner.as_ref()) {
            who.push(format!("by {}", one_line(owner)));
        }
        if !who.is_empty() {
            out.paragraph(vec![
                Inline::strong("Review of the plan:"),
                Inline::text(format!(" {}.", who.join(", "))),
            ]);
        }
        if let Some(process) = answer(iteration.process.as_ref()) {
            out.text(process);
        }
    }
}

pub(super) fn equity(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(equity) = ctx.plan.evaluation.as_ref().and_then(|e| e.equity.as_ref()) else {
        out.sentence(super::not_set_yet(
            ctx.plan,
            "The breakdown of participation and results by group",
            "it",
            Readiness::Piloting,
        ));
        return;
    };
    if !equity.disaggregate_by.is_empty() {
        let by: Vec<String> = equity.disaggregate_by.iter().map(|b| one_line(b)).collect();
        out.paragraph(vec![
            Inline::strong("Participation and results are broken down by:"),
            Inline::text(format!(" {}.", join_words(&by))),
        ]);
    }
    if let Some(approach) = answer(equity.approach.as_ref()) {
        out.labeled("Closing the gaps.", approach);
    }
}
