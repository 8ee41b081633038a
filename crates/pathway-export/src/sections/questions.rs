//! The questions a hesitant teacher or a union president asks before anything else — is it
//! voluntary, does my evidence touch my evaluation, what if my submission is not accepted, how
//! much time does it take, is my job safe — each answered in the plan's own words or marked as
//! not answered yet.
//!
//! The answers come from the plan's structured fields (`learning.participation`,
//! `quality.evidence_in_evaluation`, `quality.resubmissions`, `quality.appeal`; see [`terms`]).
//! A plan that leaves a field out may still say it in free text (pitfalls, messages, roles), so
//! then the answer is the plan's own sentences that speak to the question, quoted word for word
//! and each once.
//!
//! [`terms`]: super::terms

use pathway_schema::IncentiveType;

use super::{BlockWriter, SectionContext, incentive_name};
use crate::model::Inline;
use crate::prose::{answer, format_hours, join_words, one_line};

/// One question a reader asks, and how the plan answers it.
struct Question {
    label: &'static str,
    answer: Option<String>,
    /// What the reader reads when the plan is silent.
    silent: &'static str,
}

pub(super) fn questions(ctx: &SectionContext, out: &mut BlockWriter) {
    let union = ctx.profile.id.as_str() == "union";
    let mut questions = vec![
        Question {
            label: "Is it voluntary?",
            answer: super::terms::participation(ctx.plan).or_else(|| {
                quoted(&sentences_about(
                    ctx,
                    &["voluntary", "optional", "not assign"],
                ))
            }),
            silent: "the plan does not say yet whether taking part is voluntary; ask before you \
                     rely on it.",
        },
        Question {
            label: if union {
                "Does evidence enter evaluations?"
            } else {
                "Does my evidence count in my evaluation?"
            },
            answer: super::terms::evidence_in_evaluation(ctx.plan).or_else(|| {
                quoted(
                    &sentences_about(ctx, &["evaluation"])
                        .into_iter()
                        .filter(|s| {
                            let s = s.to_lowercase();
                            s.contains("evidence") || s.contains("score")
                        })
                        .collect::<Vec<_>>(),
                )
            }),
            silent: "the plan does not say yet whether credential evidence is kept out of \
                     performance evaluations.",
        },
        Question {
            label: if union {
                "Resubmission and appeals:"
            } else {
                "What if my submission is not accepted?"
            },
            answer: resubmission_and_appeals(ctx),
            silent: "the plan does not say yet how a submission that falls short can be \
                     resubmitted or a score appealed.",
        },
        Question {
            label: if union {
                "Time and release time:"
            } else {
                "How much time does it take?"
            },
            answer: time(ctx),
            silent: "the plan does not say yet how much time credentials take or whether \
                     release time is given.",
        },
    ];
    if union {
        questions.push(Question {
            label: "Job security:",
            answer: job_security(ctx),
            silent: "the plan offers nothing on job security and does not say whether roles \
                     keep return rights.",
        });
    }
    let items = questions
        .into_iter()
        .map(|question| {
            let text = question
                .answer
                .unwrap_or_else(|| format!("Not answered yet: {}", question.silent));
            vec![
                Inline::strong(question.label),
                Inline::text(format!(" {text}")),
            ]
        })
        .collect();
    out.bullets(items);
}

/// The plan's free text that a reader's question may be answered in, most specific first.
fn texts<'a>(ctx: &SectionContext<'a>) -> Vec<&'a str> {
    let plan = ctx.plan;
    let mut texts: Vec<&str> = Vec::new();
    if let Some(message) = ctx.audience_message() {
        texts.push(message);
    }
    for message in plan.communication.iter().flat_map(|c| c.audiences.iter()) {
        if matches!(message.audience.as_str(), "educators" | "union")
            && let Some(text) = answer(message.message.as_ref())
        {
            texts.push(text);
        }
    }
    if let Some(stakeholders) = &plan.stakeholders {
        texts.extend(answer(stakeholders.pitfalls.as_ref()));
        texts.extend(answer(stakeholders.educator_voice.as_ref()));
    }
    if let Some(learning) = &plan.learning {
        texts.extend(answer(learning.time.as_ref()));
        texts.extend(answer(learning.feedback.as_ref()));
    }
    for opportunity in &plan.opportunities {
        texts.extend(answer(opportunity.eligibility.as_ref()));
    }
    texts
}

/// The plan's sentences that mention any of the words, each once, in the order of [`texts`].
fn sentences_about(ctx: &SectionContext, words: &[&str]) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for text in texts(ctx) {
        for sentence in sentences(text) {
            for point in points(&sentence) {
                let lower = point.to_lowercase();
                if words.iter().any(|word| lower.contains(word)) && !found.contains(&point) {
                    found.push(point);
                }
            }
        }
    }
    found
}

/// A sentence that lists many points ("Participation is voluntary; evidence never enters
/// evaluation; …") answers several questions, so it is quoted one point at a time, each as a
/// sentence of its own; a shorter sentence stays whole, its clauses belong together.
fn points(sentence: &str) -> Vec<String> {
    let mut clauses: Vec<&str> = sentence.split("; ").collect();
    if clauses.len() == 1 {
        // Without semicolons, commas separate the points only when the sentence opens with a
        // statement ("Participation is voluntary, evidence never enters evaluation, …") rather
        // than a list of nouns.
        let parts: Vec<&str> = sentence.split(", ").collect();
        let first = parts.first().copied().unwrap_or_default();
        if first.contains(" is ") || first.contains(" are ") {
            clauses = parts;
        }
    }
    if clauses.len() < 4 {
        return vec![sentence.to_owned()];
    }
    clauses
        .into_iter()
        .map(|clause| {
            let clause = clause
                .trim()
                .trim_end_matches('.')
                .trim_start_matches("and ");
            format!("{}.", crate::prose::capitalize(clause))
        })
        .collect()
}

/// Sentences of free text, on one line each: a sentence ends at `.`, `?` or `!` followed by a
/// space and a capital letter, or at the end of the text.
pub(crate) fn sentences(text: &str) -> Vec<String> {
    let text = one_line(text);
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let ends = matches!(c, '.' | '?' | '!')
            && chars.get(k + 1).is_some_and(|&(_, next)| next == ' ')
            && chars
                .get(k + 2)
                .is_some_and(|&(_, next)| next.is_uppercase());
        if ends {
            out.push(text[start..=i].trim().to_owned());
            start = i + c.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest.to_owned());
    }
    out
}

/// Sentences joined into one answer, with a closing full stop.
fn quoted(sentences: &[String]) -> Option<String> {
    if sentences.is_empty() {
        return None;
    }
    let mut text = sentences.join(" ");
    if !text.ends_with(['.', '?', '!']) {
        text.push('.');
    }
    Some(text)
}

/// Resubmission from `quality.resubmissions`, else the feedback's sentences about it; the
/// appeal from `quality.appeal`, else the plan's `quality.appeals` text.
fn resubmission_and_appeals(ctx: &SectionContext) -> Option<String> {
    let mut parts: Vec<String> = match super::terms::resubmissions(ctx.plan) {
        Some(rule) => vec![rule],
        None => ctx
            .plan
            .learning
            .iter()
            .filter_map(|l| answer(l.feedback.as_ref()))
            .flat_map(sentences)
            .filter(|s| {
                let s = s.to_lowercase();
                s.contains("resubmit") || s.contains("next steps")
            })
            .collect(),
    };
    let appeals = ctx
        .plan
        .quality
        .as_ref()
        .and_then(|q| answer(q.appeals.as_ref()));
    match (super::terms::appeal(ctx.plan), appeals) {
        (Some(rule), _) => parts.push(rule),
        (None, Some(appeals)) => parts.push(one_line(appeals)),
        (None, None) => {}
    }
    quoted(&parts)
}

fn time(ctx: &SectionContext) -> Option<String> {
    let hours: Vec<f64> = ctx
        .plan
        .credentials
        .iter()
        .filter_map(|c| c.hours)
        .collect();
    let range = match (
        hours.iter().copied().reduce(f64::min),
        hours.iter().copied().reduce(f64::max),
    ) {
        (Some(low), Some(high)) if low < high => Some(format!(
            "Each credential takes {} to {}.",
            crate::prose::format_number(low),
            format_hours(high)
        )),
        (Some(one), Some(_)) => Some(format!(
            "Each credential takes about {}.",
            format_hours(one)
        )),
        _ => None,
    };
    let time = ctx
        .plan
        .learning
        .as_ref()
        .and_then(|l| answer(l.time.as_ref()))
        .map(one_line);
    match (range, time) {
        (None, None) => None,
        (Some(range), None) => Some(format!(
            "{range} The plan does not say yet whether release time is given."
        )),
        (None, Some(time)) => Some(time),
        (Some(range), Some(time)) => Some(format!("{range} {time}")),
    }
}

fn job_security(ctx: &SectionContext) -> Option<String> {
    let offers: Vec<String> = ctx
        .plan
        .incentives
        .iter()
        .flat_map(|i| i.offers.iter())
        .filter(|i| i.kind == IncentiveType::JobSecurity)
        .map(|i| match answer(i.description.as_ref()) {
            Some(description) => format!("{}: {}", incentive_name(i), one_line(description)),
            None => incentive_name(i),
        })
        .collect();
    let mut parts = Vec::new();
    if !offers.is_empty() {
        parts.push(format!("{}.", join_words(&offers).trim_end_matches('.')));
    }
    for sentence in sentences_about(
        ctx,
        &["return right", "job security", "layoff", "seniority"],
    ) {
        if !parts.iter().any(|p| p.contains(sentence.as_str())) {
            parts.push(sentence);
        }
    }
    quoted(&parts)
}

#[cfg(test)]
mod tests {
    use super::sentences;

    #[test]
    fn sentences_end_at_a_stop_before_a_capital() {
        assert_eq!(
            sentences("It is voluntary. Evidence stays out, e.g. of reviews.\nAsk us!"),
            [
                "It is voluntary.",
                "Evidence stays out, e.g. of reviews.",
                "Ask us!"
            ]
        );
        assert_eq!(sentences("  "), Vec::<String>::new());
    }

    #[test]
    fn a_sentence_that_lists_points_is_quoted_point_by_point() {
        assert_eq!(
            super::points("It is voluntary; scores stay private; you may appeal; and we listen."),
            [
                "It is voluntary.",
                "Scores stay private.",
                "You may appeal.",
                "We listen."
            ]
        );
        assert_eq!(
            super::points("A worry; the answer."),
            ["A worry; the answer."]
        );
    }
}
