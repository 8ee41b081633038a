//! Each decision point's answer, walked once per plan.
//!
//! Finding out whether a place holds a real answer walks the whole value for placeholders and
//! to-do notes. Three readers need it for every point: the rule for unanswered points, the rule
//! for points needed later, and the engine's coverage and answered list (which the state
//! roll-up counts). Walking once and sharing the result keeps them in agreement and saves the
//! two extra walks.

use pathway_schema::decision_points::{Unanswered, unanswered};
use pathway_schema::load::Node;
use pathway_schema::state_points::{PointRef, StateDecisionPoint, every_point};

/// Every decision point, the toolkit's then the state's ([`every_point`]'s order), each with
/// why its place is not an answer, or `None` when it holds one.
#[derive(Debug, Clone)]
pub struct Answers<'a> {
    points: Vec<(PointRef<'a>, Option<Unanswered<'a>>)>,
}

impl<'a> Answers<'a> {
    /// Walks each point's place in the plan's tree once.
    pub fn of(root: &'a Node, state: &'a [StateDecisionPoint]) -> Answers<'a> {
        Answers {
            points: every_point(state)
                .map(|point| (point, unanswered(root.pointer(point.pointer))))
                .collect(),
        }
    }

    /// Each point, in [`every_point`]'s order, with why it is not answered (`None`: answered).
    pub fn iter(&self) -> impl Iterator<Item = (PointRef<'a>, Option<&Unanswered<'a>>)> + '_ {
        self.points
            .iter()
            .map(|(point, state)| (*point, state.as_ref()))
    }

    /// Each point, in [`every_point`]'s order, with whether it holds a real answer.
    pub fn answered(&self) -> impl Iterator<Item = (PointRef<'a>, bool)> + '_ {
        self.points
            .iter()
            .map(|(point, state)| (*point, state.is_none()))
    }
}

#[cfg(test)]
mod tests {
    use pathway_schema::DECISION_POINTS;
    use pathway_schema::decision_points::is_answered;
    use pathway_schema::load::{Limits, parse};
    use pathway_schema::source::Source;

    use super::*;

    // The shared walk must say what a walk of its own would say, for every point.
    #[test]
    fn each_point_is_answered_exactly_when_its_place_holds_an_answer() {
        let text = "schema_version: 1\nid: demo\nreadiness: exploring\n\
                    organization: {name: Demo District, kind: district}\n\
                    goals: {challenges: TBD, student_impact: Students keep their teachers.}\n\
                    extensions: {state: {pool: Regional pool, renewal: TODO}}\n";
        let document = parse(Source::new("demo.yaml", text), None, &Limits::default()).unwrap();
        let state = [
            ("state.pool", "/extensions/state/pool"),
            ("state.renewal", "/extensions/state/renewal"),
        ]
        .map(|(id, pointer)| StateDecisionPoint {
            id: id.to_owned(),
            area: pathway_schema::Area::Learning,
            question: "?".to_owned(),
            level: pathway_schema::Readiness::Exploring,
            pointer: pointer.to_owned(),
        });
        let answers = Answers::of(document.root(), &state);
        let walked: Vec<_> = answers.answered().collect();
        assert_eq!(walked.len(), DECISION_POINTS.len() + 2);
        for (point, answered) in walked {
            assert_eq!(
                answered,
                is_answered(document.root().pointer(point.pointer)),
                "{}",
                point.id
            );
        }
        let answered_ids: Vec<_> = answers
            .answered()
            .filter(|(_, yes)| *yes)
            .map(|(point, _)| point.id)
            .collect();
        assert_eq!(
            answered_ids,
            ["goals.student-impact", "state.pool"],
            "the challenges are a placeholder, the renewal a to-do marker"
        );
    }
}
