//! The decision points of the toolkit: the questions a plan answers, the readiness level at which
//! each becomes required, and the place in the plan that holds each answer.
//!
//! Ids and places are public: diagnostics, documents, the scaffold and third parties rely on them.
//!
//! ```
//! use pathway_schema::{decision_points, Readiness};
//!
//! let funding = decision_points::find("scope.funding").unwrap();
//! assert_eq!(funding.pointer, "/scope/funding");
//! assert_eq!(funding.level, Readiness::Piloting);
//! assert!(decision_points::required_at(Readiness::Scaling).count() == decision_points::DECISION_POINTS.len());
//! ```

use serde_json::Value;

use crate::placeholder::{Note, Placeholder, note, placeholder};
use crate::plan::Readiness;

/// The areas of the toolkit that group decision points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Area {
    /// Goals and priorities.
    Goals,
    /// Stakeholder involvement.
    Stakeholders,
    /// Incentives and value.
    Incentives,
    /// Scope and scale.
    Scope,
    /// Professional learning experiences, including the quality of credentials.
    Learning,
    /// Evaluation and iteration.
    Evaluation,
    /// Sharing and communicating.
    Communication,
    /// Implementation.
    Implementation,
    /// Partnerships.
    Partnerships,
}

impl Area {
    /// Every area, in the toolkit's order.
    pub const ALL: [Area; 9] = [
        Area::Goals,
        Area::Stakeholders,
        Area::Incentives,
        Area::Scope,
        Area::Learning,
        Area::Evaluation,
        Area::Communication,
        Area::Implementation,
        Area::Partnerships,
    ];

    /// The area's name as a heading: "Goals and priorities".
    pub fn title(self) -> &'static str {
        match self {
            Area::Goals => "Goals and priorities",
            Area::Stakeholders => "Stakeholder involvement",
            Area::Incentives => "Incentives and value",
            Area::Scope => "Scope and scale",
            Area::Learning => "Professional learning experiences",
            Area::Evaluation => "Evaluation and iteration",
            Area::Communication => "Sharing and communicating",
            Area::Implementation => "Implementation",
            Area::Partnerships => "Partnerships",
        }
    }

    /// The question that sums up the area.
    pub fn question(self) -> &'static str {
        match self {
            Area::Goals => {
                "What challenges or outcomes are we trying to solve for through career pathways?"
            }
            Area::Stakeholders => {
                "How will educators be involved in the creation and implementation of the pathways?"
            }
            Area::Incentives => {
                "What value will educators receive as they progress through the pathways?"
            }
            Area::Scope => "What resources will be necessary to support the program as it grows?",
            Area::Learning => {
                "How will educators gain the skills they need to earn the micro-credentials?"
            }
            Area::Evaluation => {
                "What systems will be put in place to understand the impact of the pathways?"
            }
            Area::Communication => "How will successes and challenges be shared?",
            Area::Implementation => "Who owns the plan, and when does what happen?",
            Area::Partnerships => "Who outside the organization contributes, and what?",
        }
    }
}

/// One decision point: a question the plan must answer by a given readiness level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DecisionPoint {
    /// The stable id, such as `scope.funding`.
    pub id: &'static str,
    /// The area it belongs to.
    pub area: Area,
    /// The question the plan must answer.
    pub question: &'static str,
    /// The first readiness level at which it is required.
    pub level: Readiness,
    /// Where the answer goes in a plan, as a JSON Pointer.
    pub pointer: &'static str,
}

const fn point(
    id: &'static str,
    area: Area,
    level: Readiness,
    pointer: &'static str,
    question: &'static str,
) -> DecisionPoint {
    DecisionPoint {
        id,
        area,
        question,
        level,
        pointer,
    }
}

use Area as A;
use Readiness::{Designing, Exploring, Piloting, Scaling};

/// Every decision point, grouped by area in the toolkit's order.
pub static DECISION_POINTS: &[DecisionPoint] = &[
    point(
        "goals.challenges",
        A::Goals,
        Exploring,
        "/goals/challenges",
        "What challenges or outcomes are we trying to solve through career pathways?",
    ),
    point(
        "goals.student-impact",
        A::Goals,
        Exploring,
        "/goals/student_impact",
        "How will the pathways improve classrooms and student learning?",
    ),
    point(
        "goals.exceptional-learning",
        A::Goals,
        Designing,
        "/goals/exceptional_learning",
        "What does exceptional professional learning look like here?",
    ),
    point(
        "goals.barriers",
        A::Goals,
        Designing,
        "/goals/barriers",
        "What barriers keep that from happening today?",
    ),
    point(
        "goals.existing-paths",
        A::Goals,
        Designing,
        "/goals/existing_paths",
        "Do existing career paths meet the needs of educators and the system?",
    ),
    point(
        "goals.why-micro-credentials",
        A::Goals,
        Designing,
        "/goals/why_micro_credentials",
        "Why are micro-credentials the right tool for these goals?",
    ),
    point(
        "stakeholders.educator-voice",
        A::Stakeholders,
        Exploring,
        "/stakeholders/educator_voice",
        "How are educators involved in creating and running the pathways (surveys, focus groups, design teams)?",
    ),
    point(
        "stakeholders.groups",
        A::Stakeholders,
        Exploring,
        "/stakeholders/groups",
        "Which groups are involved (teachers, principals, union, school board, state, city, employers, families), in what role?",
    ),
    point(
        "stakeholders.pitfalls",
        A::Stakeholders,
        Designing,
        "/stakeholders/pitfalls",
        "Which pitfalls or misconceptions of involving educators do we expect, and how do we avoid them?",
    ),
    point(
        "incentives.offer",
        A::Incentives,
        Designing,
        "/incentives/offers",
        "What does an educator receive: compensation (stipends, salary, steps and lanes), privilege and influence (conferences, publication, committees), recognition (certificates, celebrations, being a named resource), position change or hybrid roles, job security?",
    ),
    point(
        "incentives.value-propositions",
        A::Incentives,
        Piloting,
        "/incentives/value_propositions",
        "What value, at what cost in money and time, does each stakeholder group get?",
    ),
    point(
        "scope.decision-making",
        A::Scope,
        Designing,
        "/scope/decision_making",
        "Where does decision making occur?",
    ),
    point(
        "scope.point-of-contact",
        A::Scope,
        Designing,
        "/scope/point_of_contact",
        "Who is the point of contact, and is that person also the assessor?",
    ),
    point(
        "scope.funding",
        A::Scope,
        Piloting,
        "/scope/funding",
        "What money is available, from which sources, for how long?",
    ),
    point(
        "scope.growth",
        A::Scope,
        Scaling,
        "/scope/growth",
        "What resources does the program need as it grows (participants per year)?",
    ),
    point(
        "learning.time",
        A::Learning,
        Designing,
        "/learning/time",
        "How is time built in for this professional learning?",
    ),
    point(
        "learning.feedback",
        A::Learning,
        Designing,
        "/learning/feedback",
        "How do educators receive feedback on their proficiencies?",
    ),
    point(
        "learning.evidence",
        A::Learning,
        Piloting,
        "/learning/evidence",
        "How is evidence used to guide professional learning?",
    ),
    point(
        "learning.unlocks",
        A::Learning,
        Designing,
        "/learning/unlocks",
        "How does completing a pathway unlock an opportunity for something more?",
    ),
    point(
        "quality.review",
        A::Learning,
        Piloting,
        "/quality/review",
        "How are credentials reviewed and assessors calibrated so quality and rigor hold at scale?",
    ),
    point(
        "evaluation.metrics",
        A::Evaluation,
        Piloting,
        "/evaluation/metrics",
        "Which measures tell us each goal is met (indicator, data source, frequency, target)?",
    ),
    point(
        "evaluation.equity",
        A::Evaluation,
        Piloting,
        "/evaluation/equity",
        "How are participation and outcomes disaggregated to find and close access gaps?",
    ),
    point(
        "evaluation.iteration",
        A::Evaluation,
        Piloting,
        "/evaluation/iteration",
        "How often is the plan reviewed and revised, by whom?",
    ),
    point(
        "communication.audiences",
        A::Communication,
        Designing,
        "/communication/audiences",
        "What does each audience need to hear?",
    ),
    point(
        "communication.channels",
        A::Communication,
        Piloting,
        "/communication/channels",
        "Where do stakeholders find the plan and its results (online presence, network, case studies)?",
    ),
    point(
        "communication.feedback",
        A::Communication,
        Piloting,
        "/communication/feedback",
        "How do we gather feedback from stakeholders and iterate?",
    ),
    point(
        "implementation.owner",
        A::Implementation,
        Exploring,
        "/implementation/owner",
        "Who owns and sponsors the plan?",
    ),
    point(
        "implementation.timeline",
        A::Implementation,
        Designing,
        "/implementation/timeline",
        "What are the milestones, with dates?",
    ),
    point(
        "partnerships.partners",
        A::Partnerships,
        Scaling,
        "/partnerships/partners",
        "Which partners (teacher preparation programs, higher education, nonprofits, employers, state agencies) contribute what?",
    ),
];

/// The decision point with this id.
pub fn find(id: &str) -> Option<&'static DecisionPoint> {
    DECISION_POINTS.iter().find(|point| point.id == id)
}

/// The decision point whose answer lives exactly at this JSON Pointer.
pub fn at_pointer(pointer: &str) -> Option<&'static DecisionPoint> {
    DECISION_POINTS
        .iter()
        .find(|point| point.pointer == pointer)
}

/// The decision points a plan at `level` must answer: its own and every earlier level's.
pub fn required_at(level: Readiness) -> impl Iterator<Item = &'static DecisionPoint> {
    DECISION_POINTS
        .iter()
        .filter(move |point| point.level <= level)
}

pub use crate::placeholder::is_placeholder;

/// What telling an answer from a blank needs to know of a value. Implemented for JSON values
/// and for the nodes of a parsed plan, so a plan can be checked without converting it to JSON.
pub trait Answer: Sized {
    /// The keys and values of a mapping, in order.
    type Members<'a>: Iterator<Item = (&'a str, &'a Self)>
    where
        Self: 'a;

    /// The value's shape, with its items or members for a list or mapping.
    fn shape(&self) -> AnswerShape<'_, Self>;
}

/// The shape of a value, as [`Answer`] sees it. Lists and mappings lend their items in place:
/// the walk over every answer of every plan makes no copy of them.
pub enum AnswerShape<'a, T: Answer + 'a> {
    /// Nothing (null).
    Null,
    /// Text.
    Text(&'a str),
    /// A number or true/false.
    Scalar,
    /// The items of a list.
    List(&'a [T]),
    /// The keys and values of a mapping, in order.
    Mapping(T::Members<'a>),
}

type ValueMembers<'a> =
    std::iter::Map<serde_json::map::Iter<'a>, fn((&'a String, &'a Value)) -> (&'a str, &'a Value)>;

fn value_member<'a>((key, value): (&'a String, &'a Value)) -> (&'a str, &'a Value) {
    (key, value)
}

impl Answer for Value {
    type Members<'a> = ValueMembers<'a>;

    fn shape(&self) -> AnswerShape<'_, Self> {
        match self {
            Value::Null => AnswerShape::Null,
            Value::String(text) => AnswerShape::Text(text),
            Value::Bool(_) | Value::Number(_) => AnswerShape::Scalar,
            Value::Array(items) => AnswerShape::List(items),
            Value::Object(members) => {
                AnswerShape::Mapping(members.iter().map(value_member as fn(_) -> _))
            }
        }
    }
}

type NodeMembers<'a> = std::iter::Map<
    std::slice::Iter<'a, crate::node::Entry>,
    fn(&'a crate::node::Entry) -> (&'a str, &'a crate::node::Node),
>;

fn node_member(entry: &crate::node::Entry) -> (&str, &crate::node::Node) {
    (&entry.key, &entry.value)
}

impl Answer for crate::node::Node {
    type Members<'a> = NodeMembers<'a>;

    fn shape(&self) -> AnswerShape<'_, Self> {
        use crate::node::NodeValue;
        match &self.value {
            NodeValue::Null => AnswerShape::Null,
            NodeValue::String(text) => AnswerShape::Text(text),
            NodeValue::Bool(_) | NodeValue::Int(_) | NodeValue::UInt(_) | NodeValue::Float(_) => {
                AnswerShape::Scalar
            }
            NodeValue::Seq(items) => AnswerShape::List(items),
            NodeValue::Map(entries) => {
                AnswerShape::Mapping(entries.iter().map(node_member as fn(_) -> _))
            }
        }
    }
}

/// Why the value at a decision point's place is not an answer (see [`crate::placeholder`] for
/// the contract).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswered<'a> {
    /// Nothing is there: the key is missing, or its value is null.
    Missing,
    /// Blank text.
    Blank,
    /// An empty list, or a list of nothing but blanks.
    EmptyList,
    /// An empty mapping, or one whose values are all blank.
    EmptyMapping,
    /// A text that is a placeholder, somewhere in the value.
    Placeholder {
        /// Where the text is, as a JSON Pointer relative to the value (empty for the value).
        pointer: String,
        /// The text, trimmed.
        text: &'a str,
        /// Why it is a placeholder.
        kind: Placeholder,
    },
    /// A text that is an answer but still carries a to-do note.
    Note {
        /// Where the text is, as a JSON Pointer relative to the value.
        pointer: String,
        /// The note.
        note: Note<'a>,
    },
}

/// Why a value is not a real answer, or `None` when it is one: something other than nothing,
/// with no placeholder and no to-do note anywhere in it. A list with one `TODO` item is not
/// yet an answer; a mapping with one blank value among others is.
///
/// ```
/// use pathway_schema::decision_points::{Unanswered, unanswered};
/// use serde_json::json;
///
/// assert_eq!(unanswered(Some(&json!([]))), Some(Unanswered::EmptyList));
/// let groups = json!([{"group": "teachers", "role": "TBD"}]);
/// let Some(Unanswered::Placeholder { pointer, text, .. }) = unanswered(Some(&groups)) else {
///     panic!("a placeholder")
/// };
/// assert_eq!((pointer.as_str(), text), ("/0/role", "TBD"));
/// ```
pub fn unanswered<'a, A: Answer>(value: Option<&'a A>) -> Option<Unanswered<'a>> {
    let Some(value) = value else {
        return Some(Unanswered::Missing);
    };
    let mut walk = Walk {
        content: false,
        path: Vec::new(),
    };
    if let Some(found) = walk.first_unfinished(value) {
        let pointer = pointer_of(&walk.path);
        return Some(match found {
            Found::Placeholder(text, kind) => Unanswered::Placeholder {
                pointer,
                text,
                kind,
            },
            Found::Note(note) => Unanswered::Note { pointer, note },
        });
    }
    if walk.content {
        return None;
    }
    Some(match value.shape() {
        AnswerShape::Null | AnswerShape::Scalar => Unanswered::Missing,
        AnswerShape::Text(_) => Unanswered::Blank,
        AnswerShape::List(_) => Unanswered::EmptyList,
        AnswerShape::Mapping(_) => Unanswered::EmptyMapping,
    })
}

/// Whether a value holds a real answer; see [`unanswered`].
pub fn is_answered<A: Answer>(value: Option<&A>) -> bool {
    unanswered(value).is_none()
}

/// What the walk found in a text.
enum Found<'a> {
    Placeholder(&'a str, Placeholder),
    Note(Note<'a>),
}

/// One step from a value to one of its items or members.
enum Step<'a> {
    Index(usize),
    Key(&'a str),
}

/// One walk over a value, in document order, that finds both whether it has content (text that
/// is not blank, a number, true or false) and its first placeholder or note. Blank text beside
/// other content is an unfilled optional field, not a placeholder. The place of what is found
/// is kept as steps and written as a pointer only then: most answers have nothing to find.
struct Walk<'a> {
    content: bool,
    /// The steps to what was found, innermost first.
    path: Vec<Step<'a>>,
}

impl<'a> Walk<'a> {
    fn first_unfinished<A: Answer>(&mut self, value: &'a A) -> Option<Found<'a>> {
        match value.shape() {
            AnswerShape::Text(text) if !text.trim().is_empty() => {
                self.content = true;
                if let Some(kind) = placeholder(text) {
                    Some(Found::Placeholder(text.trim(), kind))
                } else {
                    note(text).map(Found::Note)
                }
            }
            AnswerShape::List(items) => items.iter().enumerate().find_map(|(i, item)| {
                let found = self.first_unfinished(item)?;
                self.path.push(Step::Index(i));
                Some(found)
            }),
            AnswerShape::Mapping(mut members) => members.find_map(|(key, value)| {
                let found = self.first_unfinished(value)?;
                self.path.push(Step::Key(key));
                Some(found)
            }),
            AnswerShape::Scalar => {
                self.content = true;
                None
            }
            AnswerShape::Text(_) | AnswerShape::Null => None,
        }
    }
}

/// The JSON Pointer of the steps, given innermost first.
fn pointer_of(path: &[Step<'_>]) -> String {
    let mut pointer = String::new();
    for step in path.iter().rev() {
        pointer.push('/');
        match step {
            Step::Index(i) => pointer.push_str(&i.to_string()),
            Step::Key(key) => {
                for c in key.chars() {
                    match c {
                        '~' => pointer.push_str("~0"),
                        '/' => pointer.push_str("~1"),
                        c => pointer.push(c),
                    }
                }
            }
        }
    }
    pointer
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_are_unique_and_match_their_area() {
        let mut ids: Vec<_> = DECISION_POINTS.iter().map(|point| point.id).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), DECISION_POINTS.len());
        assert_eq!(DECISION_POINTS.len(), 29);
    }

    #[test]
    fn levels_accumulate() {
        let counts: Vec<usize> = Readiness::ALL
            .iter()
            .map(|level| required_at(*level).count())
            .collect();
        assert_eq!(counts, [5, 18, 27, 29]);
    }

    #[test]
    fn answers_must_be_real() {
        assert!(!is_answered::<Value>(None));
        assert!(!is_answered(Some(&json!(null))));
        assert!(!is_answered(Some(&json!(""))));
        assert!(!is_answered(Some(&json!("TODO: describe"))));
        assert!(!is_answered(Some(&json!([]))));
        assert!(!is_answered(Some(
            &json!([{"group": "teachers", "role": "TBD"}])
        )));
        assert!(is_answered(Some(
            &json!([{"group": "teachers", "role": "Design team"}])
        )));
        assert!(is_answered(Some(&json!({"name": "Dana", "role": null}))));
        assert!(is_answered(Some(&json!(
            "Our teachers leave for administration."
        ))));
    }

    #[test]
    fn what_is_missing_is_said_by_its_shape() {
        assert_eq!(unanswered::<Value>(None), Some(Unanswered::Missing));
        assert_eq!(unanswered(Some(&json!(null))), Some(Unanswered::Missing));
        assert_eq!(unanswered(Some(&json!("  "))), Some(Unanswered::Blank));
        assert_eq!(unanswered(Some(&json!([]))), Some(Unanswered::EmptyList));
        assert_eq!(
            unanswered(Some(&json!(["", null]))),
            Some(Unanswered::EmptyList)
        );
        assert_eq!(unanswered(Some(&json!({}))), Some(Unanswered::EmptyMapping));
        assert_eq!(
            unanswered(Some(&json!({"name": "", "role": null}))),
            Some(Unanswered::EmptyMapping)
        );
        assert_eq!(
            unanswered(Some(&json!(" N/A "))),
            Some(Unanswered::Placeholder {
                pointer: String::new(),
                text: "N/A",
                kind: Placeholder::NotApplicable
            })
        );
    }

    #[test]
    fn the_first_placeholder_or_note_is_found_where_it_is() {
        let value = json!({
            "name": "Dana Whitfield",
            "contacts": [
                {"role": "Director", "notes": "Weekly. TODO: confirm the day"},
                {"role": "[insert role]"}
            ]
        });
        let Some(Unanswered::Note { pointer, note }) = unanswered(Some(&value)) else {
            panic!("{:?}", unanswered(Some(&value)));
        };
        assert_eq!(pointer, "/contacts/0/notes");
        assert_eq!(note.text, "TODO: confirm the day");
        let keyed = json!({"a/b": ["fine", "?"]});
        let Some(Unanswered::Placeholder { pointer, .. }) = unanswered(Some(&keyed)) else {
            panic!();
        };
        assert_eq!(pointer, "/a~1b/1");
    }

    #[test]
    fn a_document_node_and_its_json_agree() {
        let cases = [
            "a: ~",
            "a: ''",
            "a: 0",
            "a: false",
            "a: []",
            "a: {}",
            "a: [TODO]",
            "a: [' ', tbd]",
            "a: {name: Dana, role: null}",
            "a: [{group: teachers, role: TBD}]",
            "a: [{group: teachers, role: Design team}]",
            "a: 'TODO: describe'",
            "a: Todos los maestros",
            "a: Todo el personal docente participa",
            "a: {owner: 'N/A', since: 2027}",
            "a: ['Release time. TODO: confirm', x]",
            "a: '[insert name]'",
            "a: '---'",
        ];
        for yaml in cases {
            let source = crate::source::Source::new("case.yaml", yaml);
            let Ok(document) = crate::load::parse(source, None, &crate::load::Limits::DEFAULT)
            else {
                panic!("{yaml} does not parse");
            };
            let json = document.to_json();
            assert_eq!(
                unanswered(document.root().pointer("/a")),
                unanswered(json.pointer("/a")),
                "{yaml}"
            );
        }
    }
}
