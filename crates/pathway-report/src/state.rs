//! A state's own decision points across plans. Each plan is checked against the points its own
//! configuration declares (`[[decision_points]]` in `pathway.toml`); plans under different
//! configurations may be asked different points, so the roll-up merges them by id. A plan whose
//! configuration does not declare a point is *not asked* it: neither required nor open.
//!
//! Each distinct declaration (id, area, level and question) is kept once and counted; the report
//! shows one point per id, in id order, so that neither the plans' order nor which
//! configuration was read first changes it.

use std::collections::HashMap;

use pathway_schema::state_points::StateDecisionPoint;
use pathway_schema::{Area, Readiness};
use serde::{Deserialize, Serialize};

/// The most distinct state declarations counted; a state adds a handful, and configurations
/// declare at most 100 each, so only a set with very many different configurations reaches it.
pub const MAX_STATE_DECLARATIONS: usize = 1_000;

/// One plan's answer to one state point, as its row keeps it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateAnswer {
    /// The declaration, by its place in the roll-up's list of declarations.
    pub declaration: u32,
    /// The area it is counted in, by its place in [`Area::ALL`].
    pub area: u8,
    /// Whether the plan's level requires it.
    pub required: bool,
    /// Whether the plan holds a real answer.
    pub answered: bool,
}

/// A state point as declared by one configuration, and the point it is merged into.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateDeclaration {
    /// The declaration.
    pub point: StateDecisionPoint,
    /// Its place among the report's merged state points (id order).
    pub merged: usize,
}

/// The declarations met so far and, for each, plans asked, required, answered when required and
/// answered at any level.
#[derive(Debug, Default)]
pub(crate) struct StateTally {
    declarations: Vec<(StateDecisionPoint, [u64; 4])>,
    by_id: HashMap<String, Vec<u32>>,
    /// Answers to declarations beyond [`MAX_STATE_DECLARATIONS`], not counted.
    pub(crate) untracked: u64,
}

/// A state point merged by id, with its figures summed over its declarations.
pub(crate) struct MergedPoint {
    /// The declaration shown: the least by area, level and question.
    pub shown: StateDecisionPoint,
    /// Plans asked, required, answered when required, answered at any level.
    pub counts: [u64; 4],
}

impl StateTally {
    /// Counts one plan's answers to its configuration's points, and gives them for its row.
    pub(crate) fn add(
        &mut self,
        readiness: Readiness,
        answers: &[(StateDecisionPoint, bool)],
    ) -> Vec<StateAnswer> {
        let mut row = Vec::with_capacity(answers.len());
        for (point, answered) in answers {
            let Some(declaration) = self.declaration(point) else {
                self.untracked += 1;
                continue;
            };
            let required = point.level <= readiness;
            if let Some((_, counts)) = self.declarations.get_mut(declaration as usize) {
                counts[0] += 1;
                counts[1] += u64::from(required);
                counts[2] += u64::from(required && *answered);
                counts[3] += u64::from(*answered);
            }
            row.push(StateAnswer {
                declaration,
                area: area_index(point.area),
                required,
                answered: *answered,
            });
        }
        row
    }

    fn declaration(&mut self, point: &StateDecisionPoint) -> Option<u32> {
        let same_id = self.by_id.get(point.id.as_str());
        if let Some(&found) = same_id.and_then(|ids| {
            ids.iter().find(|&&i| {
                self.declarations
                    .get(i as usize)
                    .is_some_and(|(known, _)| known == point)
            })
        }) {
            return Some(found);
        }
        if self.declarations.len() >= MAX_STATE_DECLARATIONS {
            return None;
        }
        let index = u32::try_from(self.declarations.len()).ok()?;
        self.declarations.push((point.clone(), [0; 4]));
        self.by_id.entry(point.id.clone()).or_default().push(index);
        Some(index)
    }

    /// The points merged by id, in id order, and every declaration with its merged place.
    pub(crate) fn finish(self) -> (Vec<MergedPoint>, Vec<StateDeclaration>) {
        let mut ids: Vec<(&String, &Vec<u32>)> = self.by_id.iter().collect();
        ids.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let mut merged_of = vec![0; self.declarations.len()];
        let mut merged = Vec::with_capacity(ids.len());
        for (place, (_, declarations)) in ids.iter().enumerate() {
            let mut counts = [0u64; 4];
            let mut shown: Option<&StateDecisionPoint> = None;
            for &i in declarations.iter() {
                let Some((point, n)) = self.declarations.get(i as usize) else {
                    continue;
                };
                if let Some(slot) = merged_of.get_mut(i as usize) {
                    *slot = place;
                }
                for (sum, n) in counts.iter_mut().zip(n) {
                    *sum += n;
                }
                if shown.is_none_or(|s| shown_order(point) < shown_order(s)) {
                    shown = Some(point);
                }
            }
            if let Some(shown) = shown {
                merged.push(MergedPoint {
                    shown: shown.clone(),
                    counts,
                });
            }
        }
        let declarations = self
            .declarations
            .into_iter()
            .zip(merged_of)
            .map(|((point, _), merged)| StateDeclaration { point, merged })
            .collect();
        (merged, declarations)
    }
}

/// Which of several declarations of one id is shown: an order that does not depend on which
/// plan was read first.
fn shown_order(point: &StateDecisionPoint) -> (u8, Readiness, &str) {
    (area_index(point.area), point.level, point.question.as_str())
}

/// An area's place in [`Area::ALL`].
pub fn area_index(area: Area) -> u8 {
    Area::ALL
        .iter()
        .position(|&a| a == area)
        .and_then(|i| u8::try_from(i).ok())
        .unwrap_or(0)
}
