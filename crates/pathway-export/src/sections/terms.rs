//! The terms of taking part, from the plan's structured fields: whether it is voluntary,
//! whether evidence may enter evaluations, how often a submission may be resubmitted, how a
//! score is appealed, and how much scoring the assessors can do. Each answer is a sentence made
//! from the field, so every document that states a term states it the same way; `None` when the
//! plan leaves the field out, and the caller falls back to the plan's own text.

use pathway_schema::{DayCount, EvidenceInEvaluation, Participation, Plan};

use crate::prose::{group_thousands, number_word, one_line, times};

/// "Is it voluntary?" from `learning.participation`, answered yes or no first.
pub(super) fn participation(plan: &Plan) -> Option<String> {
    let answer = match plan.learning.as_ref()?.participation? {
        Participation::Voluntary | Participation::Invited => "Yes.",
        Participation::Assigned => "No.",
    };
    Some(format!("{answer} {}", participation_statement(plan)?))
}

/// How educators come to take part, as a statement.
pub(super) fn participation_statement(plan: &Plan) -> Option<&'static str> {
    Some(match plan.learning.as_ref()?.participation? {
        Participation::Voluntary => {
            "Participation is voluntary: each educator decides whether to take part, and no one \
             is required to."
        }
        Participation::Invited => {
            "Participation is by invitation: educators take part when they are invited, and may \
             decline."
        }
        Participation::Assigned => "Some educators are assigned to take part.",
    })
}

/// "Does my evidence count in my evaluation?" from `quality.evidence_in_evaluation`, answered
/// yes or no first.
pub(super) fn evidence_in_evaluation(plan: &Plan) -> Option<String> {
    let answer = match plan.quality.as_ref()?.evidence_in_evaluation? {
        EvidenceInEvaluation::KeptOut => "No.",
        EvidenceInEvaluation::EducatorChooses => "Only if the educator chooses.",
        EvidenceInEvaluation::MayBeUsed => "Yes, it may.",
    };
    Some(format!("{answer} {}", evidence_statement(plan)?))
}

/// Whether credential evidence may enter performance evaluations, as a statement.
pub(super) fn evidence_statement(plan: &Plan) -> Option<&'static str> {
    Some(match plan.quality.as_ref()?.evidence_in_evaluation? {
        EvidenceInEvaluation::KeptOut => {
            "Credential evidence and scores never enter performance evaluations."
        }
        EvidenceInEvaluation::EducatorChooses => {
            "Credential evidence enters a performance evaluation only when the educator offers \
             it."
        }
        EvidenceInEvaluation::MayBeUsed => {
            "Credential evidence and scores may be used in performance evaluations."
        }
    })
}

/// How often a submission that falls short may be resubmitted, from `quality.resubmissions`.
pub(super) fn resubmissions(plan: &Plan) -> Option<String> {
    Some(match plan.quality.as_ref()?.resubmissions? {
        0 => "A score is final: a submission cannot be resubmitted.".to_owned(),
        n => format!(
            "A submission that does not yet meet the bar can be resubmitted {}.",
            if n <= 2 {
                times(n)
            } else {
                format!("up to {}", times(n))
            }
        ),
    })
}

/// How a score is appealed, from `quality.appeal`.
pub(super) fn appeal(plan: &Plan) -> Option<String> {
    let appeal = plan.quality.as_ref()?.appeal.as_ref()?;
    let heard_by = appeal
        .heard_by
        .as_deref()
        .map(one_line)
        .filter(|h| crate::prose::is_answer(h));
    let within = appeal.within_days.map(|days| {
        let kind = match appeal.days {
            Some(DayCount::School) => "school days",
            _ => "days",
        };
        format!("within {} {kind}", group_thousands(days.into()))
    });
    match (within, heard_by) {
        (None, None) => None,
        (Some(within), None) => Some(format!("An educator may appeal a score {within}.")),
        (None, Some(heard_by)) => Some(format!(
            "An educator may appeal a score. Who hears it: {}.",
            heard_by.trim_end_matches('.')
        )),
        (Some(within), Some(heard_by)) => Some(format!(
            "An educator may appeal a score {within}. Who hears it: {}.",
            heard_by.trim_end_matches('.')
        )),
    }
}

/// The scoring one year's assessors can do against the credentials expected that year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct ScoringYear {
    /// The plan year.
    pub year: u16,
    /// Credentials expected to be earned (each needs at least one scored submission).
    pub credentials: u32,
    /// Assessors scoring that year.
    pub assessors: u32,
    /// Submissions they can score between them, counting each submission once per scorer.
    pub capacity: Option<u64>,
}

/// Each year of `scope.growth` with both credentials and assessors, and what the assessors can
/// score when `quality.assessor_capacity` says how much one can.
pub(super) fn scoring_years(plan: &Plan) -> Vec<ScoringYear> {
    let capacity = plan
        .quality
        .as_ref()
        .and_then(|q| q.assessor_capacity.as_ref());
    plan.scope
        .iter()
        .flat_map(|s| s.growth.iter())
        .filter_map(|year| {
            let credentials = year.credentials?;
            let assessors = year.assessors.filter(|&a| a > 0)?;
            Some(ScoringYear {
                year: year.year,
                credentials,
                assessors,
                capacity: capacity.map(|c| {
                    u64::from(assessors) * u64::from(c.submissions_per_assessor)
                        / u64::from(c.assessors_per_submission.unwrap_or(1).max(1))
                }),
            })
        })
        .collect()
}

/// "Each submission is scored by two assessors" and "an assessor can score about 35 a year",
/// as a clause, when the plan says so.
pub(super) fn capacity_clause(plan: &Plan) -> Option<String> {
    let capacity = plan.quality.as_ref()?.assessor_capacity.as_ref()?;
    let scorers = capacity.assessors_per_submission.unwrap_or(1).max(1);
    Some(format!(
        "each assessor can score about {} submissions a year{}",
        group_thousands(capacity.submissions_per_assessor.into()),
        if scorers == 1 {
            String::new()
        } else {
            format!(" and {} assessors score each one", number_word(scorers))
        }
    ))
}
