//! Everything in a plan that has an id, and every place that refers to one: built once per plan
//! and shared by the validator's rules, the budget, the unlock graph and the documents.
//!
//! ```
//! use pathway_schema::domain::ids::{IdKind, PlanIndex};
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! credentials:
//!   - {id: small-group-reading, title: Small-Group Reading}
//! ").unwrap().plan;
//! let index = PlanIndex::new(&plan);
//! assert!(index.defines("small-group-reading", &[IdKind::Credential]));
//! assert_eq!(index.meant("small-group-readng", &[IdKind::Credential]), Some("small-group-reading"));
//! ```

use std::cell::{Cell, RefCell};

// Ids are hashed for every definition and every reference of a plan: SipHash, std's default,
// was a tenth of checking a statewide plan. foldhash is seeded per process like std's, so a
// plan cannot pick its collisions, and no output follows a map's order.
type HashMap<K, V> = IdMap<K, V>;

/// A map keyed by a plan's ids, for the index and the rules that look ids up by the thousand:
/// std's map with foldhash rather than SipHash (see [`id_map`]).
pub type IdMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// An empty [`IdMap`] with room for `capacity` entries: sized once, as growing a map rehashes
/// every entry again.
pub fn id_map<K, V>(capacity: usize) -> IdMap<K, V> {
    IdMap::with_capacity_and_hasher(capacity, foldhash::fast::RandomState::default())
}

use crate::domain::pointer::{Pointer, paths};
use crate::plan::Plan;
use crate::values::Id;

/// The kinds of things a plan names by id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IdKind {
    /// A micro-credential.
    Credential,
    /// A stack of credentials.
    Stack,
    /// An opportunity.
    Opportunity,
    /// A pathway.
    Pathway,
    /// An incentive.
    Incentive,
    /// A funding source.
    FundingSource,
    /// A program cost.
    ProgramCost,
    /// A goal.
    Goal,
    /// An evaluation metric.
    Metric,
    /// A milestone.
    Milestone,
    /// An approval.
    Approval,
    /// A member district of a state's or regional agency's plan.
    MemberDistrict,
}

impl IdKind {
    fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// The kind in words, for messages: "credential", "funding source".
    pub fn words(self) -> &'static str {
        match self {
            IdKind::Credential => "credential",
            IdKind::Stack => "stack",
            IdKind::Opportunity => "opportunity",
            IdKind::Pathway => "pathway",
            IdKind::Incentive => "incentive",
            IdKind::FundingSource => "funding source",
            IdKind::ProgramCost => "program cost",
            IdKind::Goal => "goal",
            IdKind::Metric => "metric",
            IdKind::Milestone => "milestone",
            IdKind::Approval => "approval",
            IdKind::MemberDistrict => "member district",
        }
    }
}

/// A thing with an id, and where it is defined.
#[derive(Debug, Clone)]
pub struct Defined<'a> {
    /// What it is.
    pub kind: IdKind,
    /// Its id.
    pub id: &'a Id,
    /// Its position in the list that holds it (`credentials`, `scope.funding`…).
    pub position: usize,
    /// The JSON Pointer of its `id` value.
    pub pointer: Pointer,
}

/// A reference by id from one part of the plan to another.
#[derive(Debug, Clone)]
pub struct Reference<'a> {
    /// The id referred to.
    pub id: &'a Id,
    /// Where the reference is written, as [`Reference::pointer`] writes it.
    place: Place<'a>,
    /// Whether the pointer names a mapping key (projections' recipients) rather than a value.
    pub is_key: bool,
    /// The kinds of thing it may refer to.
    pub targets: &'static [IdKind],
}

/// Where a reference is written, kept as numbers until a finding needs the pointer: a plan has
/// a reference for almost every id it defines, and almost none of them dangle (building every
/// pointer up front was most of listing them).
#[derive(Debug, Clone, Copy)]
enum Place<'a> {
    /// Entry `j` of a list in item `i` of a list, as `path` writes it.
    Entry {
        path: fn(usize, usize) -> Pointer,
        i: usize,
        j: usize,
    },
    /// An incentive's key in year `year` of the growth projections.
    Recipient { year: usize, key: &'a str },
}

impl Reference<'_> {
    /// Where the reference is written.
    pub fn pointer(&self) -> Pointer {
        match self.place {
            Place::Entry { path, i, j } => path(i, j),
            Place::Recipient { year, key } => paths::growth_year(year).recipient(key),
        }
    }
}

/// The ids a plan defines, in document order.
#[derive(Debug)]
pub struct PlanIndex<'a> {
    /// Every definition, duplicates included.
    pub defined: Vec<Defined<'a>>,
    /// Every definition of each id, in document order.
    by_id: HashMap<&'a str, Vec<usize>>,
    /// Suggestions already looked for: the id, the kinds (as bits) and the answer.
    suggested: RefCell<HashMap<(String, u16), Option<&'a str>>>,
    /// What is left of [`SUGGESTION_BUDGET`] for this plan.
    budget: Cell<u64>,
}

/// The work spent on "did you mean…?" suggestions for one plan, in steps of the comparison
/// (about 0.1 s). Suggestions for a few hundred mistyped ids among thousands cost a fraction of
/// it; past it, findings come without a suggestion.
pub const SUGGESTION_BUDGET: u64 = 20_000_000;

impl Default for PlanIndex<'_> {
    fn default() -> Self {
        PlanIndex {
            defined: Vec::new(),
            by_id: HashMap::default(),
            suggested: RefCell::new(HashMap::default()),
            budget: Cell::new(SUGGESTION_BUDGET),
        }
    }
}

impl<'a> PlanIndex<'a> {
    /// Indexes a plan.
    pub fn new(plan: &'a Plan) -> Self {
        let mut index = PlanIndex::default();
        // Sized once: growing the map rehashed every id several times over.
        let listed = plan.credentials.len()
            + plan.stacks.len()
            + plan.opportunities.len()
            + plan.pathways.len();
        index.by_id.reserve(listed);
        index.defined.reserve(listed);
        for (i, member) in plan.organization.members.iter().enumerate() {
            if let Some(id) = &member.id {
                index.add(IdKind::MemberDistrict, id, i, paths::member(i).id());
            }
        }
        if let Some(goals) = &plan.goals {
            for (i, goal) in goals.priorities.iter().enumerate() {
                index.add(IdKind::Goal, &goal.id, i, paths::goal(i).id());
            }
        }
        for (i, credential) in plan.credentials.iter().enumerate() {
            index.add(
                IdKind::Credential,
                &credential.id,
                i,
                paths::credential(i).id(),
            );
        }
        for (i, stack) in plan.stacks.iter().enumerate() {
            index.add(IdKind::Stack, &stack.id, i, paths::stack(i).id());
        }
        for (i, opportunity) in plan.opportunities.iter().enumerate() {
            index.add(
                IdKind::Opportunity,
                &opportunity.id,
                i,
                paths::opportunity(i).id(),
            );
        }
        for (i, pathway) in plan.pathways.iter().enumerate() {
            index.add(IdKind::Pathway, &pathway.id, i, paths::pathway(i).id());
        }
        if let Some(incentives) = &plan.incentives {
            for (i, incentive) in incentives.offers.iter().enumerate() {
                index.add(
                    IdKind::Incentive,
                    &incentive.id,
                    i,
                    paths::incentive(i).id(),
                );
            }
        }
        if let Some(scope) = &plan.scope {
            for (i, source) in scope.funding.iter().enumerate() {
                index.add(
                    IdKind::FundingSource,
                    &source.id,
                    i,
                    paths::funding_source(i).id(),
                );
            }
            for (i, cost) in scope.program_costs.iter().enumerate() {
                index.add(
                    IdKind::ProgramCost,
                    &cost.id,
                    i,
                    paths::program_cost(i).id(),
                );
            }
        }
        if let Some(evaluation) = &plan.evaluation {
            for (i, metric) in evaluation.metrics.iter().enumerate() {
                index.add(IdKind::Metric, &metric.id, i, paths::metric(i).id());
            }
        }
        if let Some(implementation) = &plan.implementation {
            for (i, milestone) in implementation.timeline.iter().enumerate() {
                if let Some(id) = &milestone.id {
                    index.add(IdKind::Milestone, id, i, paths::milestone(i).id());
                }
            }
            for (i, approval) in implementation.approvals.iter().enumerate() {
                if let Some(id) = &approval.id {
                    index.add(IdKind::Approval, id, i, paths::approval(i).id());
                }
            }
        }
        index
    }

    fn add(&mut self, kind: IdKind, id: &'a Id, position: usize, pointer: Pointer) {
        self.by_id
            .entry(id.as_str())
            .or_default()
            .push(self.defined.len());
        self.defined.push(Defined {
            kind,
            id,
            position,
            pointer,
        });
    }

    /// The first definition of an id.
    pub fn get(&self, id: &str) -> Option<&Defined<'a>> {
        self.by_id
            .get(id)
            .and_then(|all| all.first())
            .and_then(|&i| self.defined.get(i))
    }

    /// The first definition of an id among things of one of the `kinds`.
    pub fn get_of(&self, id: &str, kinds: &[IdKind]) -> Option<&Defined<'a>> {
        self.by_id.get(id).and_then(|all| {
            all.iter()
                .filter_map(|&i| self.defined.get(i))
                .find(|defined| kinds.contains(&defined.kind))
        })
    }

    /// The position of the first thing of `kind` with this id in the list that holds it.
    pub fn position(&self, id: &str, kind: IdKind) -> Option<usize> {
        self.get_of(id, &[kind]).map(|defined| defined.position)
    }

    /// Whether something of one of the `kinds` has this id.
    pub fn defines(&self, id: &str, kinds: &[IdKind]) -> bool {
        self.get_of(id, kinds).is_some()
    }

    /// The id of one of the `kinds` closest to a mistyped one, for "did you mean…?". Answers
    /// are remembered, and all suggestions for a plan share [`SUGGESTION_BUDGET`].
    // Regression: every reference compared itself with every id, so a plan with 20,000
    // mistyped references among 20,000 credentials ran for hours.
    pub fn suggest(&self, id: &str, kinds: &[IdKind]) -> Option<&'a str> {
        let bits = kinds.iter().fold(0u16, |bits, kind| bits | kind.bit());
        let key = (id.to_owned(), bits);
        if let Some(answer) = self.suggested.borrow().get(&key) {
            return *answer;
        }
        let mut budget = self.budget.get();
        let candidates = self
            .defined
            .iter()
            .filter(|defined| kinds.contains(&defined.kind))
            .map(|defined| defined.id.as_str());
        let answer = crate::suggest::closest_within(id, candidates, &mut budget);
        self.budget.set(budget);
        self.suggested.borrow_mut().insert(key, answer);
        answer
    }

    /// The ids of one kind.
    pub fn ids_of(&self, kind: IdKind) -> impl Iterator<Item = &'a Id> + '_ {
        self.defined
            .iter()
            .filter(move |d| d.kind == kind)
            .map(|d| d.id)
    }

    /// The id a reference most likely means: its own when something of one of the `targets`
    /// kinds has it, else the closest such id, the one `dangling-reference` (PW201) suggests.
    /// Whatever follows references uses it, so that a typo is reported once, by PW201, and not
    /// again as everything it breaks.
    pub fn meant(&self, id: &str, targets: &[IdKind]) -> Option<&'a str> {
        self.get_of(id, targets)
            .map(|defined| defined.id.as_str())
            .or_else(|| self.suggest(id, targets))
    }

    /// Like [`meant`](Self::meant) for one kind, giving the meant thing's position in its list.
    pub fn meant_position(&self, id: &str, kind: IdKind) -> Option<usize> {
        let meant = self.meant(id, &[kind])?;
        self.position(meant, kind)
    }
}

/// Every reference by id in a plan, in document order (audience references excluded: audiences
/// are profiles, not things the plan defines).
pub fn references(plan: &Plan) -> Vec<Reference<'_>> {
    let mut refs = Vec::new();
    each_reference(plan, |reference| refs.push(reference));
    refs
}

/// Calls `visit` with every reference by id in a plan, in the order of [`references`], without
/// collecting them: a statewide plan has tens of thousands.
pub fn each_reference<'a>(plan: &'a Plan, mut visit: impl FnMut(Reference<'a>)) {
    use IdKind::*;
    let mut push = |id, i, j, path: fn(usize, usize) -> Pointer, targets: &'static [IdKind]| {
        visit(Reference {
            id,
            place: Place::Entry { path, i, j },
            is_key: false,
            targets,
        });
    };
    for (i, credential) in plan.credentials.iter().enumerate() {
        for (j, id) in credential.prerequisites.iter().enumerate() {
            push(
                id,
                i,
                j,
                |i, j| paths::credential(i).prerequisite(j),
                &[Credential],
            );
        }
    }
    for (i, stack) in plan.stacks.iter().enumerate() {
        for (j, id) in stack.credentials.iter().enumerate() {
            push(
                id,
                i,
                j,
                |i, j| paths::stack(i).credential(j),
                &[Credential],
            );
        }
    }
    for (i, opportunity) in plan.opportunities.iter().enumerate() {
        for (j, id) in opportunity.unlocked_by.iter().enumerate() {
            push(
                id,
                i,
                j,
                |i, j| paths::opportunity(i).unlocked_by_entry(j),
                &[Credential, Stack],
            );
        }
        for (j, id) in opportunity.incentives.iter().enumerate() {
            push(
                id,
                i,
                j,
                |i, j| paths::opportunity(i).incentive(j),
                &[Incentive],
            );
        }
    }
    for (i, pathway) in plan.pathways.iter().enumerate() {
        for (j, id) in pathway.credentials.iter().enumerate() {
            push(
                id,
                i,
                j,
                |i, j| paths::pathway(i).credential(j),
                &[Credential],
            );
        }
        for (j, id) in pathway.leads_to.iter().enumerate() {
            push(
                id,
                i,
                j,
                |i, j| paths::pathway(i).leads_to_entry(j),
                &[Opportunity],
            );
        }
    }
    if let Some(incentives) = &plan.incentives {
        for (i, incentive) in incentives.offers.iter().enumerate() {
            for (j, id) in incentive.funded_by.iter().enumerate() {
                push(
                    id,
                    i,
                    j,
                    |i, j| paths::incentive(i).funded_by_entry(j),
                    &[FundingSource],
                );
            }
        }
    }
    if let Some(evaluation) = &plan.evaluation {
        for (i, metric) in evaluation.metrics.iter().enumerate() {
            for (j, id) in metric.goals.iter().enumerate() {
                push(id, i, j, |i, j| paths::metric(i).goal(j), &[Goal]);
            }
        }
    }
    if let Some(implementation) = &plan.implementation {
        for (i, approval) in implementation.approvals.iter().enumerate() {
            for (j, id) in approval.covers.iter().enumerate() {
                push(
                    id,
                    i,
                    j,
                    |i, j| paths::approval(i).covers_entry(j),
                    &[Incentive, ProgramCost, Opportunity],
                );
            }
        }
    }
    if let Some(scope) = &plan.scope {
        for (i, cost) in scope.program_costs.iter().enumerate() {
            for (j, id) in cost.funded_by.iter().enumerate() {
                push(
                    id,
                    i,
                    j,
                    |i, j| paths::program_cost(i).funded_by_entry(j),
                    &[FundingSource],
                );
            }
        }
        for (i, year) in scope.growth.iter().enumerate() {
            for id in year.recipients.keys() {
                visit(Reference {
                    id,
                    place: Place::Recipient {
                        year: i,
                        key: id.as_str(),
                    },
                    is_key: true,
                    targets: &[Incentive],
                });
            }
        }
    }
}

/// Every place a plan names an audience: messages and channels.
pub fn audience_references(plan: &Plan) -> Vec<(&Id, Pointer)> {
    let mut refs = Vec::new();
    if let Some(communication) = &plan.communication {
        for (i, message) in communication.audiences.iter().enumerate() {
            refs.push((&message.audience, paths::audience_message(i).audience()));
        }
        for (i, channel) in communication.channels.iter().enumerate() {
            for (j, audience) in channel.audiences.iter().enumerate() {
                refs.push((audience, paths::channel(i).audience(j)));
            }
        }
    }
    refs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::node::NodeValue;

    /// Regression guard for pointers built on demand: every reference of the examples points
    /// at the text of its id in the document (a key, for projections' recipients), and every
    /// kind of reference is among them.
    #[test]
    fn each_reference_points_at_its_id() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples");
        let mut kinds = std::collections::BTreeSet::new();
        let mut checked = 0;
        for entry in std::fs::read_dir(root).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "yaml") {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(&path) else {
                continue;
            };
            let Ok(loaded) = crate::load::load_str(&path.display().to_string(), &text) else {
                panic!("{} does not load", path.display());
            };
            for reference in references(&loaded.plan) {
                let pointer = reference.pointer();
                let Some((node, key_span)) = loaded.tree.root().walk(pointer.as_str()) else {
                    panic!("{pointer} names nothing in {}", path.display());
                };
                if reference.is_key {
                    let span = key_span.unwrap_or_default();
                    let key = text.get(span.start..span.end).unwrap_or_default();
                    assert_eq!(key.trim_matches('"'), reference.id.as_str(), "{pointer}");
                } else {
                    let NodeValue::String(value) = &node.value else {
                        panic!("{pointer} is not text");
                    };
                    assert_eq!(value, reference.id.as_str(), "{pointer}");
                }
                let shape: Vec<&str> = pointer
                    .as_str()
                    .split('/')
                    .filter(|token| token.parse::<usize>().is_err())
                    .collect();
                kinds.insert(shape.join("/"));
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} references");
        assert!(kinds.len() >= 8, "only {kinds:?}");
    }
}
