//! Drafts: the notice under the title and the appendix of open decisions.
//!
//! A plan is a draft when a decision point its readiness level requires has no real answer yet.
//! The export still works; it says so up front and lists what is open, with each question.

use pathway_schema::decision_points::{is_answered, is_placeholder};
use pathway_schema::load::Node;
use pathway_schema::state_points::{PointRef, StateDecisionPoint, every_point_required_at};
use pathway_schema::{Plan, Readiness};
use serde_json::Value;

use super::{BlockWriter, SectionContext};
use crate::model::{HeadingLevel, Inline, Table, Tone};
use crate::prose::count;

/// The decision points required at `level` that the plan (its tree) does not answer, in the
/// toolkit's order, then the state's own (from the plan's `pathway.toml`) in theirs.
pub(super) fn open<'a>(
    plan: &Node,
    level: Readiness,
    state: &'a [StateDecisionPoint],
) -> Vec<PointRef<'a>> {
    every_point_required_at(state, level)
        .filter(|point| !is_answered(plan.pointer(point.pointer)))
        .collect()
}

/// The plan with every placeholder answer (`TODO: …`) replaced by `TBD`, so a draft shows that a
/// decision is pending instead of the scaffold's instructions. `TBD` is itself a placeholder, so
/// optional answers stay hidden. `None` if the scrubbed plan no longer reads as a plan.
pub(super) fn without_placeholders(mut plan: Value) -> Option<Plan> {
    fn scrub(value: &mut Value) {
        match value {
            Value::String(text) if !text.trim().is_empty() && is_placeholder(text) => {
                *text = "TBD".to_owned();
            }
            Value::Array(items) => items.iter_mut().for_each(scrub),
            Value::Object(members) => members.values_mut().for_each(scrub),
            _ => {}
        }
    }
    scrub(&mut plan);
    serde_json::from_value(plan).ok()
}

pub(super) fn notice(ctx: &SectionContext, open: usize, out: &mut BlockWriter) {
    let level = ctx.plan.readiness.as_str();
    let mut body = vec![Inline::text(format!(
        "This plan is still being written: {} it needs at the {level} stage {} open. They are listed, with their questions, in the appendix “Open decisions”.",
        count(open, "decision", "decisions"),
        if open == 1 { "is" } else { "are" },
    ))];
    if let Some(note) = ctx
        .profile
        .drafts
        .as_ref()
        .and_then(|d| d.notice.as_deref())
    {
        body.push(Inline::text(format!(" {}", crate::prose::one_line(note))));
    }
    out.callout(Tone::Warning, "Draft.", body);
}

pub(super) fn appendix(ctx: &SectionContext, open: &[PointRef<'_>], out: &mut BlockWriter) {
    out.heading(HeadingLevel::Section, "Appendix: Open decisions");
    match ctx.profile.drafts.as_ref().and_then(|d| d.appendix.as_deref()) {
        Some(text) => out.text(text),
        None => out.sentence(format!(
            "These questions must be answered before the plan is complete for the {} stage. Each is listed with its decision point id, the name the plan file and the checker use for it.",
            ctx.plan.readiness.as_str()
        )),
    }
    let mut table = Table::new(["Decision point", "Area", "Question"]);
    for point in open {
        table.push_row([
            vec![Inline::strong(point.id)],
            vec![Inline::text(point.area.title())],
            vec![Inline::text(point.question)],
        ]);
    }
    out.table(table);
}
