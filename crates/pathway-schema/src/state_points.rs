//! Decision points a state adds to the toolkit's own, without a fork.
//!
//! A state agency (or a regional service agency, or any body whose districts share a
//! `pathway.toml`) may require answers the toolkit does not ask for, such as which regional
//! assessor pool scores the credentials. It declares each one in configuration with an id, a
//! question, the readiness level from which it is required, an area and the place of its answer:
//! a JSON Pointer into the plan's `extensions` mapping. From there such a point is checked,
//! scaffolded, counted and listed as open exactly like the toolkit's: [`every_point`] walks
//! both kinds as one list.
//!
//! ```
//! use pathway_schema::state_points::{StateDecisionPoint, every_point};
//! use pathway_schema::{Area, Readiness, DECISION_POINTS};
//!
//! let assessors = StateDecisionPoint {
//!     id: "state.assessor-pool".to_owned(),
//!     area: Area::Learning,
//!     question: "Which regional assessor pool scores our credentials?".to_owned(),
//!     level: Readiness::Piloting,
//!     pointer: "/extensions/high-desert/assessor_pool".to_owned(),
//! };
//! let points: Vec<_> = every_point(std::slice::from_ref(&assessors)).collect();
//! assert_eq!(points.len(), DECISION_POINTS.len() + 1);
//! assert!(points.last().unwrap().is_state);
//! ```

use crate::decision_points::{Area, DECISION_POINTS, DecisionPoint};
use crate::plan::Readiness;

/// A decision point declared in configuration rather than built in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDecisionPoint {
    /// The id, such as `state.assessor-pool`: never one of the toolkit's.
    pub id: String,
    /// The area it is counted in.
    pub area: Area,
    /// The question the plan must answer.
    pub question: String,
    /// The first readiness level at which it is required.
    pub level: Readiness,
    /// Where the answer goes: a JSON Pointer below `/extensions/`.
    pub pointer: String,
}

/// A decision point of either kind, as the checks, the scaffold and the documents read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointRef<'a> {
    /// The stable id.
    pub id: &'a str,
    /// The area it belongs to.
    pub area: Area,
    /// The question the plan must answer.
    pub question: &'a str,
    /// The first readiness level at which it is required.
    pub level: Readiness,
    /// Where the answer goes in a plan, as a JSON Pointer.
    pub pointer: &'a str,
    /// Whether configuration declared it (a state's point) rather than the toolkit.
    pub is_state: bool,
}

impl<'a> From<&'a DecisionPoint> for PointRef<'a> {
    fn from(point: &'a DecisionPoint) -> Self {
        PointRef {
            id: point.id,
            area: point.area,
            question: point.question,
            level: point.level,
            pointer: point.pointer,
            is_state: false,
        }
    }
}

impl<'a> From<&'a StateDecisionPoint> for PointRef<'a> {
    fn from(point: &'a StateDecisionPoint) -> Self {
        PointRef {
            id: &point.id,
            area: point.area,
            question: &point.question,
            level: point.level,
            pointer: &point.pointer,
            is_state: true,
        }
    }
}

/// The toolkit's decision points in their order, then a state's in the order declared.
pub fn every_point(state: &[StateDecisionPoint]) -> impl Iterator<Item = PointRef<'_>> {
    DECISION_POINTS
        .iter()
        .map(PointRef::from)
        .chain(state.iter().map(PointRef::from))
}

/// The points a plan at `level` must answer, of both kinds.
pub fn every_point_required_at(
    state: &[StateDecisionPoint],
    level: Readiness,
) -> impl Iterator<Item = PointRef<'_>> {
    every_point(state).filter(move |point| point.level <= level)
}

/// The word configuration uses for an area: the first part of the toolkit's ids in it
/// (`learning` for Professional learning experiences).
pub fn area_key(area: Area) -> &'static str {
    match area {
        Area::Goals => "goals",
        Area::Stakeholders => "stakeholders",
        Area::Incentives => "incentives",
        Area::Scope => "scope",
        Area::Learning => "learning",
        Area::Evaluation => "evaluation",
        Area::Communication => "communication",
        Area::Implementation => "implementation",
        Area::Partnerships => "partnerships",
    }
}

/// The area a configuration word names; see [`area_key`].
pub fn area_named(key: &str) -> Option<Area> {
    Area::ALL.into_iter().find(|area| area_key(*area) == key)
}

/// The tokens of a JSON Pointer below the plan's top, unescaped, when it names a place a
/// state's answer may go: below `/extensions/`, each token non-empty and each `~` escape
/// valid (`~0` or `~1`). The error says what is wrong, in words for a configuration message.
pub fn answer_tokens(pointer: &str) -> Result<Vec<String>, String> {
    let Some(rest) = pointer.strip_prefix("/extensions/") else {
        return Err(format!(
            "`{pointer}` is not below `/extensions/`: a state's answers go in the plan's `extensions` mapping, such as `/extensions/our-state/assessor_pool`"
        ));
    };
    let mut tokens = vec!["extensions".to_owned()];
    for token in rest.split('/') {
        if token.is_empty() {
            return Err(format!(
                "`{pointer}` has an empty key (two slashes together, or one at the end)"
            ));
        }
        let mut unescaped = String::new();
        let mut chars = token.chars();
        while let Some(c) = chars.next() {
            if c != '~' {
                unescaped.push(c);
                continue;
            }
            match chars.next() {
                Some('0') => unescaped.push('~'),
                Some('1') => unescaped.push('/'),
                _ => {
                    return Err(format!(
                        "`{pointer}` has a `~` that is not `~0` (for ~) or `~1` (for /), as JSON Pointers write them"
                    ));
                }
            }
        }
        tokens.push(unescaped);
    }
    Ok(tokens)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn areas_round_trip_through_their_words() {
        for area in Area::ALL {
            assert_eq!(area_named(area_key(area)), Some(area));
        }
        // Every built-in id starts with its area's word, except quality.review (in learning).
        for point in DECISION_POINTS {
            let word = point.id.split('.').next().unwrap_or_default();
            assert!(
                area_named(word) == Some(point.area) || point.id == "quality.review",
                "{}",
                point.id
            );
        }
        assert_eq!(area_named("quality"), None);
    }

    #[test]
    fn answers_go_below_extensions_with_valid_escapes() {
        assert_eq!(
            answer_tokens("/extensions/high-desert/a~1b~0c").unwrap(),
            ["extensions", "high-desert", "a/b~c"]
        );
        for bad in [
            "/scope/funding",
            "/extensions",
            "/extensions/",
            "extensions/x",
            "/extensions//x",
            "/extensions/x/",
            "/extensions/a~2",
            "/extensions/a~",
        ] {
            assert!(answer_tokens(bad).is_err(), "{bad}");
        }
    }
}
