//! The constellation as a graph: credentials (grouped in stacks) pointing at the opportunities
//! they unlock. Drawn as a Mermaid diagram for Markdown and as a PNG picture for Word.
//!
//! ```
//! use pathway_export::constellation::Constellation;
//!
//! let plan = pathway_schema::load::load_str("plan.yaml", "\
//! schema_version: 1
//! id: demo
//! readiness: exploring
//! organization: {name: Demo District, kind: district}
//! credentials:
//!   - {id: small-groups, title: Small-Group Reading, hours: 15}
//! opportunities:
//!   - {id: lab-classroom, title: Lab Classroom, kind: classroom-role,
//!      stays_in_classroom: true, unlocked_by: [small-groups]}
//! ").unwrap().plan;
//! let constellation = Constellation::from_plan(&plan);
//! assert_eq!(constellation.links.len(), 1);
//! assert!(constellation.to_mermaid().contains("credential_1 --> opportunity_1"));
//! ```

pub mod glyphs;
mod mermaid;
mod picture;
mod split;
#[cfg(test)]
mod tests;

use serde::Serialize;

use pathway_schema::domain::{Model, unlocks};
use pathway_schema::{OpportunityKind, Plan, UnlockRequires};

pub use picture::Picture;
pub use split::{Drawing, LEGIBLE_HEIGHT, MAX_PARTS, OVERVIEW_STACKS, Split, View};

/// A credential in the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CredentialNode {
    /// The credential's title.
    pub title: String,
    /// About how many hours it takes, when the plan says.
    pub hours: Option<f64>,
}

/// A stack in the drawing: a frame around the credentials it groups.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StackNode {
    /// The stack's title.
    pub title: String,
    /// The credentials drawn inside its frame, by position in [`Constellation::credentials`].
    /// A credential in several stacks is drawn inside the first one only.
    pub members: Vec<usize>,
    /// Credentials in the stack that are drawn inside another stack's frame.
    pub also: Vec<usize>,
}

/// An opportunity in the drawing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OpportunityNode {
    /// The opportunity's title.
    pub title: String,
    /// Its kind, in words: "hybrid role".
    pub kind: String,
    /// Whether the educator keeps teaching while in it.
    pub stays_in_classroom: bool,
    /// When one arrow is not enough, how many of the arrows into it an educator needs: "needs
    /// both", "needs all 3" or "needs 2 of 3".
    pub requires: Option<String>,
}

/// What unlocks an opportunity: one credential, or a whole stack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Unlock {
    /// A credential, by position.
    Credential(usize),
    /// A stack, by position.
    Stack(usize),
}

/// An arrow from what unlocks an opportunity to the opportunity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Link {
    /// The credential or stack.
    pub from: Unlock,
    /// The opportunity, by position.
    pub to: usize,
}

/// The constellation: what can be earned, and what it unlocks.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Constellation {
    /// The credentials, in the plan's order.
    pub credentials: Vec<CredentialNode>,
    /// The stacks, in the plan's order.
    pub stacks: Vec<StackNode>,
    /// The opportunities, in the plan's order.
    pub opportunities: Vec<OpportunityNode>,
    /// The arrows, in the order of the opportunities and their `unlocked_by` lists.
    pub links: Vec<Link>,
}

impl Constellation {
    /// The constellation a plan describes. References that do not resolve are left out: the
    /// validator reports them.
    pub fn from_plan(plan: &Plan) -> Constellation {
        Constellation::from_model(&Model::new(plan))
    }

    /// The constellation of a plan's model: its arrows are the unlock graph's entries.
    pub fn from_model(model: &Model<'_>) -> Constellation {
        let plan = model.plan;
        let credentials = plan
            .credentials
            .iter()
            .map(|credential| CredentialNode {
                title: credential.title.clone(),
                hours: credential.hours,
            })
            .collect();
        let mut placed = vec![false; plan.credentials.len()];
        let stacks = plan
            .stacks
            .iter()
            .enumerate()
            .map(|(s, stack)| {
                let mut members = Vec::new();
                let mut also = Vec::new();
                for &index in model.unlocks.stack_members(s) {
                    match placed.get_mut(index) {
                        Some(seen) if !*seen => {
                            *seen = true;
                            members.push(index);
                        }
                        _ => also.push(index),
                    }
                }
                StackNode {
                    title: stack.title.clone(),
                    members,
                    also,
                }
            })
            .collect();
        let opportunities = plan
            .opportunities
            .iter()
            .enumerate()
            .map(|(o, opportunity)| OpportunityNode {
                title: opportunity.title.clone(),
                kind: kind_label(opportunity.kind).to_owned(),
                stays_in_classroom: opportunity.stays_in_classroom,
                requires: model.unlocks.opportunities.get(o).and_then(requires_label),
            })
            .collect();
        let mut links = Vec::new();
        for (to, unlock) in model.unlocks.opportunities.iter().enumerate() {
            for entry in &unlock.entries {
                let from = match *entry {
                    unlocks::Unlock::Credential(index) => Unlock::Credential(index),
                    unlocks::Unlock::Stack(index) => Unlock::Stack(index),
                };
                links.push(Link { from, to });
            }
        }
        Constellation {
            credentials,
            stacks,
            opportunities,
            links,
        }
    }

    /// Whether there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        self.credentials.is_empty() && self.opportunities.is_empty()
    }

    /// The constellation as a Mermaid flowchart, for Markdown viewers that draw Mermaid
    /// (GitHub, GitLab). Every label is escaped, so titles cannot break the diagram.
    pub fn to_mermaid(&self) -> String {
        mermaid::flowchart(self)
    }

    /// The constellation drawn as a PNG picture, with the bundled font: no installed fonts are
    /// needed, and the same constellation always gives the same bytes.
    pub fn to_png(&self) -> Result<Picture, picture::DrawError> {
        picture::draw(self)
    }

    /// The constellations the documents draw for this one, so their pictures can be drawn
    /// ahead: itself when it fits one page, else the overview and the pictures of its stacks.
    pub fn pictured(&self) -> Vec<Constellation> {
        match self.drawing() {
            Drawing::Whole => vec![self.clone()],
            Drawing::Split(split) => split
                .views()
                .map(|view| view.constellation.clone())
                .collect(),
        }
    }

    /// The size in pixels of the picture [`Constellation::to_png`] draws, found without drawing
    /// it (the layout alone takes well under a millisecond).
    pub fn picture_size(&self) -> Result<(u32, u32), picture::DrawError> {
        picture::size(self)
    }

    /// For each credential, the stack whose frame holds it, if any: one pass over the stacks,
    /// so drawing looks a credential's frame up instead of searching every stack for it.
    pub(crate) fn frames(&self) -> Vec<Option<usize>> {
        let mut frames = vec![None; self.credentials.len()];
        for (index, stack) in self.stacks.iter().enumerate() {
            for &member in &stack.members {
                if let Some(slot) = frames.get_mut(member)
                    && slot.is_none()
                {
                    *slot = Some(index);
                }
            }
        }
        frames
    }

    /// The stacks in the order their frames are drawn: by the first of their members in the
    /// plan. Stacks with no member drawn in their frame are left out.
    pub(crate) fn frame_order(&self) -> Vec<usize> {
        let mut placed = vec![false; self.stacks.len()];
        let mut order = Vec::new();
        for stack in self.frames().into_iter().flatten() {
            if let Some(seen) = placed.get_mut(stack)
                && !*seen
            {
                *seen = true;
                order.push(stack);
            }
        }
        order
    }
}

/// "needs both", "needs all 3", "needs 2 of 3"; nothing when any one arrow unlocks the opportunity.
fn requires_label(unlock: &unlocks::OpportunityUnlock) -> Option<String> {
    let total = unlock.entries.len();
    match unlock.effective() {
        _ if total < 2 => None,
        UnlockRequires::Any => None,
        UnlockRequires::All if total == 2 => Some("needs both".to_owned()),
        UnlockRequires::All => Some(format!("needs all {total}")),
        UnlockRequires::AtLeast(n) => Some(format!("needs {n} of {total}")),
    }
}

/// An opportunity kind in words, lowercase: "hybrid role".
pub fn kind_label(kind: OpportunityKind) -> &'static str {
    match kind {
        OpportunityKind::ClassroomRole => "classroom role",
        OpportunityKind::HybridRole => "hybrid role",
        OpportunityKind::LeadershipRole => "leadership role",
        OpportunityKind::Committee => "committee",
        OpportunityKind::Recognition => "recognition",
        OpportunityKind::CompensationStep => "compensation step",
    }
}

pub use picture::DrawError;
