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
        let mut mentioned = vec![false; plan.credentials.len()];
        for entry in opportunities.iter().flat_map(|unlock| &unlock.entries) {
            let named: &[usize] = match entry {
                Unlock::Credential(i) => std::slice::from_ref(i),
                Unlock::Stack(s) => stacks.get(*s).map_or(&[], Vec::as_slice),
            };
            for &i in named {
                if let Some(slot) = mentioned.get_mut(i) {
                    *slot = true;
                }
            }
        }
        UnlockGraph {
            opportunities,
            stacks,
            mentioned,
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
        self.unlocked_when(&|i| i == credential)
    }

    /// The opportunities that completing this stack (all its credentials) unlocks.
    pub fn unlocked_by_stack(&self, stack: usize) -> Vec<usize> {
        let members = self.stack_members(stack);
        if members.is_empty() {
            return Vec::new();
        }
        self.unlocked_when(&|i| members.contains(&i))
    }

    /// The opportunities a credential counts toward without unlocking them alone: those whose
    /// entries name it, directly or through a stack, that it does not unlock by itself.
    pub fn counts_toward(&self, credential: usize) -> Vec<usize> {
        let alone = self.unlocked_by_credential(credential);
        (0..self.opportunities.len())
            .filter(|o| !alone.contains(o) && self.mentions(*o, credential))
            .collect()
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

    fn unlocked_when(&self, earned: &dyn Fn(usize) -> bool) -> Vec<usize> {
        (0..self.opportunities.len())
            .filter(|&o| self.is_unlocked(o, earned))
            .collect()
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
