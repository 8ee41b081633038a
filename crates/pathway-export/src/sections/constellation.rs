//! The constellation: the picture, and the opportunities with what unlocks them.

use super::{BlockWriter, SectionContext};
use crate::constellation::{Drawing, kind_label};
use crate::model::{Block, Figure, Inline, Table, Tone};
use crate::profile::SectionKind;
use crate::prose::{answer, capitalize, count, join_words, one_line};

/// The picture, and a warning when the constellation is only a ladder.
pub(super) fn constellation(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    if ctx.constellation.is_empty() {
        return;
    }
    match ctx.constellation.drawing() {
        Drawing::Whole => out.blocks.push(Block::Figure(Box::new(Figure {
            constellation: ctx.constellation.clone(),
            alt_text: alt_text(ctx),
            caption: "Credentials (left, framed by stack) and the opportunities they unlock (right). Green: stays in the classroom; grey, dashed: leaves it.".to_owned(),
        }))),
        // Too large for one legible picture: an overview, then pictures of the first stacks.
        Drawing::Split(split) => {
            for view in split.views() {
                out.blocks.push(Block::Figure(Box::new(Figure {
                    constellation: view.constellation.clone(),
                    alt_text: view.alt_text.clone(),
                    caption: view.caption.clone(),
                })));
            }
            if let Some(note) = split.not_drawn(&where_listed(ctx)) {
                out.text(&note);
            }
        }
    }
    if !plan.opportunities.is_empty() && !plan.opportunities.iter().any(|o| o.stays_in_classroom) {
        out.callout(
            Tone::Warning,
            "A ladder, not a constellation.",
            vec![Inline::text(
                " Every opportunity in this plan takes the educator out of the classroom.",
            )],
        );
    }
}

/// Where this document lists every credential and opportunity, for a constellation too large to
/// draw whole.
fn where_listed(ctx: &SectionContext) -> String {
    let heading = |kind: SectionKind| {
        ctx.profile
            .sections
            .iter()
            .find(|section| section.kind == kind)
            .map(|section| {
                section
                    .heading
                    .clone()
                    .unwrap_or_else(|| kind.default_heading().to_owned())
            })
    };
    match (
        heading(SectionKind::Credentials),
        heading(SectionKind::Opportunities),
    ) {
        (Some(credentials), Some(opportunities)) => format!(
            "Every credential is listed under “{}” and every opportunity under “{}”.",
            one_line(&credentials),
            one_line(&opportunities)
        ),
        (Some(credentials), None) => format!(
            "Every credential, and what it unlocks, is listed under “{}”.",
            one_line(&credentials)
        ),
        (None, Some(opportunities)) => format!(
            "Every opportunity, and what unlocks it, is listed under “{}”.",
            one_line(&opportunities)
        ),
        (None, None) => "Every credential and opportunity is listed in the plan itself and in the document for educators.".to_owned(),
    }
}

/// Every opportunity: its kind, whether it keeps the educator teaching, what unlocks it and what
/// it involves.
pub(super) fn opportunities(ctx: &SectionContext, out: &mut BlockWriter) {
    let plan = ctx.plan;
    let mut table = Table::new([
        "Opportunity",
        "Kind",
        "In the classroom",
        "Unlocked by",
        "What the educator does",
    ]);
    for (o, opportunity) in plan.opportunities.iter().enumerate() {
        let unlocked = ctx.unlock_phrase(o).map_or_else(
            || "—".to_owned(),
            |phrase| crate::prose::capitalize(&phrase),
        );
        table.push_row([
            vec![Inline::strong(one_line(&opportunity.title))],
            vec![Inline::text(capitalize(kind_label(opportunity.kind)))],
            vec![Inline::text(if opportunity.stays_in_classroom {
                "Stays"
            } else {
                "Leaves"
            })],
            vec![Inline::text(unlocked)],
            vec![Inline::text(
                answer(opportunity.description.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
        ]);
    }
    out.table(table);
    if let Some(unlocks) = plan
        .learning
        .as_ref()
        .and_then(|l| answer(l.unlocks.as_ref()))
    {
        out.labeled("How credentials open doors.", unlocks);
    }
}

/// A description of the picture for readers who cannot see it.
fn alt_text(ctx: &SectionContext) -> String {
    let plan = ctx.plan;
    let mut text = format!(
        "Diagram of the career constellation: {} {} to {}.",
        count(
            plan.credentials.len(),
            "micro-credential",
            "micro-credentials"
        ),
        if plan.credentials.len() == 1 {
            "leads"
        } else {
            "lead"
        },
        count(plan.opportunities.len(), "opportunity", "opportunities")
    );
    if !plan.stacks.is_empty() {
        let stacks: Vec<String> = plan
            .stacks
            .iter()
            .map(|s| {
                format!(
                    "{} ({})",
                    one_line(&s.title),
                    count(s.credentials.len(), "credential", "credentials")
                )
            })
            .collect();
        text.push_str(&format!(" Stacks: {}.", join_words(&stacks)));
    }
    let staying: Vec<String> = plan
        .opportunities
        .iter()
        .filter(|o| o.stays_in_classroom)
        .map(|o| one_line(&o.title))
        .collect();
    let leaving: Vec<String> = plan
        .opportunities
        .iter()
        .filter(|o| !o.stays_in_classroom)
        .map(|o| one_line(&o.title))
        .collect();
    if !staying.is_empty() {
        text.push_str(&format!(
            " Keep the educator in the classroom: {}.",
            join_words(&staying)
        ));
    }
    if !leaving.is_empty() {
        text.push_str(&format!(
            " Lead out of the classroom: {}.",
            join_words(&leaving)
        ));
    }
    text
}
