//! PW100: a decision point the plan's readiness level requires is not answered.

use pathway_schema::decision_points::Unanswered;
use pathway_schema::load::display_path;
use pathway_schema::placeholder::Placeholder;
use pathway_schema::wording::a;

use super::{Finding, Findings, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Finds each decision point that the plan's readiness level (or an earlier level) requires
    /// and that the plan leaves unanswered: missing, blank, an empty list, or holding a
    /// placeholder anywhere inside it: a to-do marker (`TODO`, `TBD`, `FIXME`…), `N/A` with no
    /// reason, only punctuation (`-`, `?`, `...`), "to be determined" and such phrases, or a
    /// bracketed blank (`[insert name]`, `<district name>`). An answer that still carries a
    /// capitalised `TODO:`-style note is unanswered too. The finding names the decision point,
    /// says which of these it found (pointing at the placeholder itself) and asks the question.
    /// "Answers that are not answers" in docs/format.md gives the whole contract; text such as
    /// "Todo el personal docente…" is an answer.
    ///
    /// A state's own decision points, declared in `pathway.toml` (see "A state's own decision
    /// points" in the README), are checked the same way, at the place in `extensions` their
    /// declaration names, and suppressed the same way.
    ///
    /// ## Why it matters
    /// The toolkit's decision points are what a leader must settle before moving on. A plan
    /// that claims `piloting` but has not said where its money comes from will stall when the
    /// first stipend is due.
    ///
    /// ## Example
    /// ```yaml
    /// readiness: piloting
    /// scope:
    ///   funding: []
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// readiness: piloting
    /// scope:
    ///   funding:
    ///     - id: title-ii
    ///       name: Title II, Part A
    ///       kind: federal-title
    ///       amount: {value: 45000, unit: per-year}
    ///       years: [2027, 2028]
    /// ```
    code: "PW100",
    name: "unanswered-decision-point",
    severity: Error,
    summary: "A decision point required at the plan's readiness level is unanswered.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let level = context.plan.readiness.as_str();
    for (point, state) in context.answers.iter() {
        let Some(state) = state.filter(|_| point.level <= context.plan.readiness) else {
            continue;
        };
        let place = display_path(point.pointer);
        let reference = if point.is_state {
            "a decision point your pathway.toml adds to the toolkit's"
        } else {
            "docs/format.md lists its fields"
        };
        let answer_here = format!(
            "{} `{level}` plan answers this: write the answer at `{place}` ({reference})",
            a(level)
        );
        let (pointer, missing, what, help) = match state {
            Unanswered::Missing => (
                String::new(),
                true,
                "is not answered".to_owned(),
                answer_here,
            ),
            Unanswered::Blank => (String::new(), true, "is blank".to_owned(), answer_here),
            Unanswered::EmptyList => (
                String::new(),
                true,
                "is an empty list".to_owned(),
                format!(
                    "{} `{level}` plan answers this: add at least one item to `{place}` ({reference})",
                    a(level)
                ),
            ),
            Unanswered::EmptyMapping => (
                String::new(),
                true,
                "holds only empty values".to_owned(),
                answer_here,
            ),
            Unanswered::Placeholder {
                pointer,
                text,
                kind,
            } => {
                let help = match *kind {
                    Placeholder::NotApplicable => format!(
                        "{} `{level}` plan answers this; if it truly does not apply, say why in a sentence, such as \"Not applicable: our state sets salaries by law\"",
                        a(level)
                    ),
                    _ => format!(
                        "replace it with the plan's answer; {} `{level}` plan answers this",
                        a(level)
                    ),
                };
                (
                    pointer.clone(),
                    false,
                    format!(
                        "still holds a placeholder, {} (`{}`)",
                        kind.words(),
                        quoted(text)
                    ),
                    help,
                )
            }
            Unanswered::Note { pointer, note } => (
                pointer.clone(),
                false,
                format!("still carries a to-do note (`{}`)", quoted(note.text)),
                "finish the answer and delete the note; until then the decision is open".to_owned(),
            ),
        };
        let mut finding = Finding::new(
            format!("{}{pointer}", point.pointer),
            format!("decision point `{}` {what}: {}", point.id, point.question),
        )
        .help(help)
        .decision_point(point.id.to_owned());
        if missing {
            finding = finding.maybe_missing();
        }
        findings.push(finding);
    }
}

/// Plan text quoted in a message: one line, at most 40 characters.
fn quoted(text: &str) -> String {
    let line = text.lines().next().unwrap_or_default();
    let mut short: String = line.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{EXPLORING, check};

    fn with_challenges(answer: &str) -> Vec<String> {
        let plan = EXPLORING.replace(
            "challenges: Strong teachers leave the classroom to advance.",
            &format!("challenges: {answer}"),
        );
        check("PW100", &plan)
            .into_iter()
            .map(|finding| format!("{} | {}", finding.place.pointer, finding.message))
            .collect()
    }

    #[test]
    fn each_way_of_not_answering_is_named() {
        let question =
            "What challenges or outcomes are we trying to solve through career pathways?";
        let cases = [
            (
                "~",
                "/goals/challenges | decision point `goals.challenges` is not answered",
            ),
            (
                "''",
                "/goals/challenges | decision point `goals.challenges` is blank",
            ),
            (
                "TBD",
                "/goals/challenges | decision point `goals.challenges` still holds a placeholder, a to-do marker (`TBD`)",
            ),
            (
                "N/A",
                "/goals/challenges | decision point `goals.challenges` still holds a placeholder, \"not applicable\" with no reason (`N/A`)",
            ),
            (
                "'[insert the challenges]'",
                "/goals/challenges | decision point `goals.challenges` still holds a placeholder, a blank to fill in (`[insert the challenges]`)",
            ),
            (
                "'—'",
                "/goals/challenges | decision point `goals.challenges` still holds a placeholder, only punctuation (`—`)",
            ),
            (
                "To be determined by the design team",
                "/goals/challenges | decision point `goals.challenges` still holds a placeholder, an answer still to come (`To be determined by the design team`)",
            ),
            (
                "'Retention. TODO: add the survey results'",
                "/goals/challenges | decision point `goals.challenges` still carries a to-do note (`TODO: add the survey results`)",
            ),
        ];
        for (answer, expected) in cases {
            assert_eq!(
                with_challenges(answer),
                [format!("{expected}: {question}")],
                "{answer}"
            );
        }
        assert!(with_challenges("Todo el personal docente deja el aula para ascender.").is_empty());
    }

    #[test]
    fn lists_are_empty_or_hold_a_placeholder_where_it_is() {
        let groups =
            "    - {group: teachers, involvement: [design-team], role: Design the pathways.}\n";
        let question = "Which groups are involved (teachers, principals, union, school board, state, city, employers, families), in what role?";
        let empty = check(
            "PW100",
            &EXPLORING.replace(&format!("  groups:\n{groups}"), "  groups: []\n"),
        );
        assert_eq!(empty.len(), 1);
        assert_eq!(
            (empty[0].place.pointer.as_str(), empty[0].message.clone()),
            (
                "/stakeholders/groups",
                format!("decision point `stakeholders.groups` is an empty list: {question}")
            )
        );
        let placeholder = check(
            "PW100",
            &EXPLORING.replace("role: Design the pathways.", "role: '???'"),
        );
        assert_eq!(placeholder.len(), 1);
        assert_eq!(placeholder[0].place.pointer, "/stakeholders/groups/0/role");
        assert_eq!(
            placeholder[0].place.location.map(|l| l.start.line),
            Some(11)
        );
    }

    #[test]
    fn the_help_uses_the_right_article() {
        let findings = check(
            "PW100",
            &EXPLORING.replace(
                "  challenges: Strong teachers leave the classroom to advance.\n",
                "",
            ),
        );
        let help = findings[0].help.as_deref().unwrap_or_default();
        assert!(
            help.starts_with("an `exploring` plan answers this"),
            "{help}"
        );
    }
}
