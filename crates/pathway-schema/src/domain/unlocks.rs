//! The unlock graph: which credentials and stacks unlock which opportunities, under each
//! opportunity's condition (any one of its `unlocked_by` entries, all of them, or at least some
//! number), and the questions an educator asks of it: what does earning this credential alone
//! unlock, what does completing this stack unlock, and what does a credential only count toward.
//!
//! References are followed the way the validator follows them ([`PlanIndex::meant`]): a typo
//! counts for the id it most likely means, and is reported once, as a dangling reference.
//!
//! ```
//! use pathway_schema::domain::{ids::PlanIndex, unlocks::UnlockGraph};
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! credentials:
//!   - {id: phonics, title: Phonics}
//!   - {id: small-groups, title: Small Groups}
//! stacks:
//!   - {id: literacy, title: Literacy, credentials: [phonics, small-groups]}
//! opportunities:
//!   - {id: lab, title: Lab Classroom, kind: classroom-role, stays_in_classroom: true,
//!      unlocked_by: [literacy]}
//! ").unwrap().plan;
//! let index = PlanIndex::new(&plan);
//! let graph = UnlockGraph::new(&plan, &index);
//! // Phonics alone unlocks nothing: only the whole stack unlocks the lab classroom.
//! assert!(graph.unlocked_by_credential(0).is_empty());
//! assert_eq!(graph.counts_toward(0), [0]);
//! assert_eq!(graph.unlocked_by_stack(0), [0]);
//! ```

use crate::domain::ids::{IdKind, PlanIndex};
use crate::plan::{Plan, UnlockRequires};

/// One entry of `unlocked_by`, resolved: a credential or a stack, by position in the plan's
/// `credentials` or `stacks`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unlock {
    /// A credential.
    Credential(usize),
    /// A stack: earned when all its credentials are.
    Stack(usize),
}

/// What unlocks one opportunity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpportunityUnlock {
    /// The entries that resolve, each once, in the plan's order.
    pub entries: Vec<Unlock>,
    /// How many of them are needed.
    pub requirement: UnlockRequires,
}

impl OpportunityUnlock {
    /// How many entries an educator must have: 1 for any, all of them for all, N for at least N.
    pub fn needed(&self) -> usize {
        match self.requirement {
            UnlockRequires::Any => 1,
            UnlockRequires::All => self.entries.len(),
            UnlockRequires::AtLeast(n) => usize::try_from(n).unwrap_or(usize::MAX),
        }
    }

    /// Whether some educator can meet the condition at all: it names something, and asks for no
    /// more entries than it lists.
    pub fn satisfiable(&self) -> bool {
        !self.entries.is_empty() && self.needed() <= self.entries.len()
    }

    /// The requirement as it works out for this list: one entry, or as many as there are, read
    /// as any or all whatever was written.
    pub fn effective(&self) -> UnlockRequires {
        match self.needed() {
            1 => UnlockRequires::Any,
            n if n == self.entries.len() => UnlockRequires::All,
            n => UnlockRequires::AtLeast(u32::try_from(n).unwrap_or(u32::MAX)),
        }
    }
}

/// The unlock graph of a plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnlockGraph {
    /// For each opportunity, in the plan's order, what unlocks it.
    pub opportunities: Vec<OpportunityUnlock>,
    /// For each stack, in the plan's order, its credentials by position, each once.
    pub stacks: Vec<Vec<usize>>,
    /// For each credential, whether some opportunity's entries name it, directly or through a
    /// stack: worked out once, since asking each opportunity for each credential is quadratic
    /// (27% of checking a 10,000-credential plan).
    mentioned: Vec<bool>,
    /// For each credential, the opportunities whose entries name it, in order.
    direct: Vec<Vec<usize>>,
    /// For each stack, the opportunities whose entries name it, in order.
    by_stack: Vec<Vec<usize>>,
    /// For each credential, the stacks it belongs to.
    stacks_of: Vec<Vec<usize>>,
    /// The opportunities whose condition needs none of their entries: open to anyone.
    always: Vec<usize>,
}

impl UnlockGraph {
    /// The graph of a plan.
    pub fn new(plan: &Plan, index: &PlanIndex<'_>) -> UnlockGraph {
        let stacks: Vec<Vec<usize>> = plan
            .stacks
            .iter()
            .map(|stack| {
                let mut members = Vec::new();
                for id in &stack.credentials {
                    if let Some(i) = index.meant_position(id.as_str(), IdKind::Credential)
                        && !members.contains(&i)
                    {
                        members.push(i);
                    }
                }
                members
            })
            .collect();
        let opportunities: Vec<OpportunityUnlock> = plan
            .opportunities
            .iter()
            .map(|opportunity| {
                let mut entries = Vec::new();
                for id in &opportunity.unlocked_by {
                    let entry = match index.meant(id.as_str(), &[IdKind::Credential, IdKind::Stack])
                    {
                        Some(meant) => index
                            .position(meant, IdKind::Credential)
                            .map(Unlock::Credential)
                            .or_else(|| index.position(meant, IdKind::Stack).map(Unlock::Stack)),
                        None => None,
                    };
                    if let Some(entry) = entry
                        && !entries.contains(&entry)
                    {
                        entries.push(entry);
                    }
                }
                OpportunityUnlock {
                    entries,
                    requirement: opportunity.unlock_requires.unwrap_or(UnlockRequires::Any),
                }
            })
            .collect();
        // Who names what, indexed once, so that asking about one credential or stack looks
        // only at the opportunities that name it: asking every opportunity about every
        // credential made exporting a statewide plan quadratic.
        let mut direct = vec![Vec::new(); plan.credentials.len()];
        let mut by_stack = vec![Vec::new(); stacks.len()];
        let mut always = Vec::new();
        for (o, unlock) in opportunities.iter().enumerate() {
            if unlock.satisfiable() && unlock.needed() == 0 {
                always.push(o);
            }
            for entry in &unlock.entries {
                let list = match *entry {
                    Unlock::Credential(i) => direct.get_mut(i),
                    Unlock::Stack(s) => by_stack.get_mut(s),
                };
                if let Some(list) = list {
                    list.push(o);
                }
            }
        }
        let mut stacks_of = vec![Vec::new(); plan.credentials.len()];
        for (s, members) in stacks.iter().enumerate() {
            for &i in members {
                if let Some(list) = stacks_of.get_mut(i) {
                    list.push(s);
                }
            }
        }
        let mentioned = direct
            .iter()
            .zip(&stacks_of)
            .map(|(named, of)| {
                !named.is_empty()
                    || of
                        .iter()
                        .any(|&s| by_stack.get(s).is_some_and(|list| !list.is_empty()))
            })
            .collect();
        UnlockGraph {
            opportunities,
            stacks,
            mentioned,
            direct,
            by_stack,
            stacks_of,
            always,
        }
    }

    /// The credentials of a stack, by position.
    pub fn stack_members(&self, stack: usize) -> &[usize] {
        self.stacks.get(stack).map_or(&[], Vec::as_slice)
    }

    /// Whether an educator who has earned the credentials for which `earned` is true meets
    /// this entry: holds the credential, or every credential of the stack (an empty stack is
    /// never complete).
    pub fn entry_met(&self, entry: Unlock, earned: &dyn Fn(usize) -> bool) -> bool {
        match entry {
            Unlock::Credential(i) => earned(i),
            Unlock::Stack(s) => {
                let members = self.stack_members(s);
                !members.is_empty() && members.iter().all(|&i| earned(i))
            }
        }
    }

    /// Whether an educator who has earned the credentials for which `earned` is true may take
    /// the opportunity at position `opportunity`.
    pub fn is_unlocked(&self, opportunity: usize, earned: &dyn Fn(usize) -> bool) -> bool {
        let Some(unlock) = self.opportunities.get(opportunity) else {
            return false;
        };
        if !unlock.satisfiable() {
            return false;
        }
        let met = unlock
            .entries
            .iter()
            .filter(|&&entry| self.entry_met(entry, earned))
            .count();
        met >= unlock.needed()
    }

    /// The opportunities that earning this one credential, and nothing else, unlocks.
    pub fn unlocked_by_credential(&self, credential: usize) -> Vec<usize> {
        // Only what names the credential, or a stack of it alone, can open to it alone.
        let mut candidates = self.named_directly(credential).to_vec();
        for &s in self.stacks_of(credential) {
            if self.stack_members(s) == [credential] {
                candidates.extend_from_slice(self.named_stack(s));
            }
        }
        self.unlocked_among(candidates, &|i| i == credential)
    }

    /// The opportunities that completing this stack (all its credentials) unlocks.
    pub fn unlocked_by_stack(&self, stack: usize) -> Vec<usize> {
        let members = self.stack_members(stack);
        if members.is_empty() {
            return Vec::new();
        }
        // Only what names a member, or a stack of members only, can open to the stack.
        let mut candidates = Vec::new();
        for &i in members {
            candidates.extend_from_slice(self.named_directly(i));
            for &s in self.stacks_of(i) {
                if self.stack_members(s).iter().all(|j| members.contains(j)) {
                    candidates.extend_from_slice(self.named_stack(s));
                }
            }
        }
        self.unlocked_among(candidates, &|i| members.contains(&i))
    }

    /// The opportunities a credential counts toward without unlocking them alone: those whose
    /// entries name it, directly or through a stack, that it does not unlock by itself.
    pub fn counts_toward(&self, credential: usize) -> Vec<usize> {
        let alone = self.unlocked_by_credential(credential);
        let mut named = self.named_directly(credential).to_vec();
        for &s in self.stacks_of(credential) {
            named.extend_from_slice(self.named_stack(s));
        }
        named.sort_unstable();
        named.dedup();
        named.retain(|o| alone.binary_search(o).is_err());
        named
    }

    /// Whether the opportunity's entries name the credential, directly or through a stack.
    pub fn mentions(&self, opportunity: usize, credential: usize) -> bool {
        self.opportunities.get(opportunity).is_some_and(|unlock| {
            unlock.entries.iter().any(|entry| match *entry {
                Unlock::Credential(i) => i == credential,
                Unlock::Stack(s) => self.stack_members(s).contains(&credential),
            })
        })
    }

    /// Whether any opportunity's entries name the credential, directly or through a stack.
    pub fn is_mentioned(&self, credential: usize) -> bool {
        self.mentioned.get(credential).copied().unwrap_or(false)
    }

    /// Of `candidates` and the opportunities open to anyone, those `earned` unlocks, in order.
    fn unlocked_among(
        &self,
        mut candidates: Vec<usize>,
        earned: &dyn Fn(usize) -> bool,
    ) -> Vec<usize> {
        candidates.extend_from_slice(&self.always);
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&o| self.is_unlocked(o, earned));
        candidates
    }

    fn named_directly(&self, credential: usize) -> &[usize] {
        self.direct.get(credential).map_or(&[], Vec::as_slice)
    }

    fn named_stack(&self, stack: usize) -> &[usize] {
        self.by_stack.get(stack).map_or(&[], Vec::as_slice)
    }

    fn stacks_of(&self, credential: usize) -> &[usize] {
        self.stacks_of.get(credential).map_or(&[], Vec::as_slice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_str;

    fn graph(body: &str) -> UnlockGraph {
        let text = format!(
            "schema_version: 1\nid: demo\nreadiness: exploring\norganization: {{name: Demo, kind: district}}\n{body}"
        );
        let plan = load_str("plan.yaml", &text).unwrap().plan;
        let index = PlanIndex::new(&plan);
        UnlockGraph::new(&plan, &index)
    }

    const PLAN: &str = "\
credentials:
  - {id: a, title: A}
  - {id: b, title: B}
  - {id: c, title: C}
stacks:
  - {id: ab, title: AB, credentials: [a, b]}
  - {id: solo, title: Solo, credentials: [c]}
opportunities:
  - {id: by-stack, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [ab]}
  - {id: by-either, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, c, a]}
  - {id: by-solo-stack, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [solo]}
  - {id: by-typo, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [bb]}
";

    #[test]
    fn a_credential_alone_unlocks_only_what_needs_nothing_more() {
        let graph = graph(PLAN);
        assert_eq!(
            graph.opportunities[1].entries.len(),
            2,
            "duplicates count once"
        );
        assert_eq!(graph.unlocked_by_credential(0), [1]);
        assert_eq!(graph.counts_toward(0), [0]);
        // A stack of one credential is complete once that credential is earned.
        assert_eq!(graph.unlocked_by_credential(2), [1, 2]);
        // A typo counts for the id it most likely means.
        assert_eq!(graph.unlocked_by_credential(1), [3]);
        assert_eq!(graph.unlocked_by_stack(0), [0, 1, 3]);
        assert!(graph.is_mentioned(1));
    }

    // Regression: every credential's and stack's unlocks were found by asking every opportunity
    // (quadratic in a statewide export). The indexed answers must be those of asking.
    #[test]
    fn indexed_answers_are_those_of_asking_every_opportunity() {
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            usize::try_from(seed >> 33).unwrap_or(0) % n
        };
        for _ in 0..40 {
            let credentials = 1 + next(12);
            let mut body = String::from("credentials:\n");
            for c in 0..credentials {
                body.push_str(&format!("  - {{id: c{c}, title: C}}\n"));
            }
            let stacks = next(5);
            if stacks > 0 {
                body.push_str("stacks:\n");
            }
            for s in 0..stacks {
                let members: Vec<String> = (0..1 + next(3))
                    .map(|_| format!("c{}", next(credentials)))
                    .collect();
                body.push_str(&format!(
                    "  - {{id: s{s}, title: S, credentials: [{}]}}\n",
                    members.join(", ")
                ));
            }
            body.push_str("opportunities:\n");
            for o in 0..1 + next(10) {
                let entries: Vec<String> = (0..1 + next(4))
                    .map(|_| {
                        if stacks > 0 && next(3) == 0 {
                            format!("s{}", next(stacks))
                        } else {
                            format!("c{}", next(credentials))
                        }
                    })
                    .collect();
                let requires = ["any", "all", "1", "2", "3"][next(5)];
                body.push_str(&format!(
                    "  - {{id: o{o}, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [{}], unlock_requires: {requires}}}\n",
                    entries.join(", ")
                ));
            }
            let graph = graph(&body);
            let every = |earned: &dyn Fn(usize) -> bool| -> Vec<usize> {
                (0..graph.opportunities.len())
                    .filter(|&o| graph.is_unlocked(o, earned))
                    .collect()
            };
            for c in 0..credentials {
                let alone = every(&|i| i == c);
                assert_eq!(graph.unlocked_by_credential(c), alone, "{body}");
                let toward: Vec<usize> = (0..graph.opportunities.len())
                    .filter(|o| !alone.contains(o) && graph.mentions(*o, c))
                    .collect();
                assert_eq!(graph.counts_toward(c), toward, "{body}");
            }
            for s in 0..stacks {
                let members = graph.stack_members(s).to_vec();
                assert_eq!(
                    graph.unlocked_by_stack(s),
                    every(&|i| members.contains(&i)),
                    "{body}"
                );
            }
        }
    }

    // Regression: `is_mentioned` asked every opportunity about every credential (quadratic);
    // the answer worked out once must be the same as asking.
    #[test]
    fn mentioned_is_what_some_opportunity_names() {
        let plan = PLAN.replace(
            "stacks:",
            "  - {id: unnamed, title: U}\n  - {id: in-unnamed-stack, title: I}\nstacks:\n  - {id: lonely, title: L, credentials: [in-unnamed-stack]}",
        );
        let graph = graph(&plan);
        let mentioned: Vec<bool> = (0..5).map(|c| graph.is_mentioned(c)).collect();
        let asked: Vec<bool> = (0..5)
            .map(|c| (0..graph.opportunities.len()).any(|o| graph.mentions(o, c)))
            .collect();
        assert_eq!(mentioned, asked);
        assert_eq!(mentioned, [true, true, true, false, false]);
        assert!(!graph.is_mentioned(99));
    }

    #[test]
    fn all_and_at_least_ask_for_more_than_one() {
        let graph = graph(
            "\
credentials:
  - {id: a, title: A}
  - {id: b, title: B}
  - {id: c, title: C}
stacks:
  - {id: bc, title: BC, credentials: [b, c]}
opportunities:
  - {id: both, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, b], unlock_requires: all}
  - {id: two, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, b, c], unlock_requires: 2}
  - {id: any, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, bc], unlock_requires: any}
  - {id: too-many, title: T, kind: committee, stays_in_classroom: true, unlocked_by: [a, b], unlock_requires: 3}
",
        );
        assert!(graph.unlocked_by_credential(0).contains(&2));
        assert!(
            !graph.unlocked_by_credential(0).contains(&0),
            "`all` needs b too"
        );
        assert_eq!(graph.counts_toward(0), [0, 1, 3]);
        // Completing the stack (b and c) meets two of `two`'s three entries, and `any`.
        assert_eq!(graph.unlocked_by_stack(0), [1, 2]);
        assert!(graph.is_unlocked(0, &|i| i < 2));
        assert!(!graph.opportunities[3].satisfiable());
        assert!(!graph.is_unlocked(3, &|_| true));
    }

    #[test]
    fn unlock_conditions_are_any_all_or_a_number() {
        let read = |value: &str| {
            load_str(
                "plan.yaml",
                &format!(
                    "schema_version: 1\nid: demo\nreadiness: exploring\norganization: {{name: Demo, kind: district}}\nopportunities:\n  - {{id: o, title: T, kind: committee, stays_in_classroom: true, unlock_requires: {value}}}\n"
                ),
            )
            .map(|loaded| loaded.plan.opportunities[0].unlock_requires)
        };
        assert_eq!(read("all").unwrap(), Some(UnlockRequires::All));
        assert_eq!(read("2").unwrap(), Some(UnlockRequires::AtLeast(2)));
        for bad in ["0", "-1", "both", "2.5"] {
            let error = read(bad).unwrap_err();
            assert_eq!(
                error.pointer.as_deref(),
                Some("/opportunities/0/unlock_requires"),
                "{bad}"
            );
        }
        assert!(read("both").unwrap_err().message.contains("write `any`"));
    }

    #[test]
    fn conditions_count_what_they_need() {
        let unlock = |entries: usize, requirement| OpportunityUnlock {
            entries: (0..entries).map(Unlock::Credential).collect(),
            requirement,
        };
        assert_eq!(unlock(3, UnlockRequires::All).needed(), 3);
        assert_eq!(
            unlock(3, UnlockRequires::AtLeast(2)).effective(),
            UnlockRequires::AtLeast(2)
        );
        assert_eq!(
            unlock(2, UnlockRequires::AtLeast(2)).effective(),
            UnlockRequires::All
        );
        assert_eq!(
            unlock(3, UnlockRequires::AtLeast(1)).effective(),
            UnlockRequires::Any
        );
        assert!(!unlock(2, UnlockRequires::AtLeast(3)).satisfiable());
        assert!(!unlock(0, UnlockRequires::Any).satisfiable());
    }
}
