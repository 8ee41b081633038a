//! A constellation too large for one legible picture, shown as several: an overview (stacks and
//! kinds of opportunity, with counts) and one picture per stack, up to a bound.
//!
//! Every picture here is built from an index made in one pass over the arrows, and each holds
//! a bounded number of boxes, so the work does not grow with the plan beyond that pass: a
//! statewide plan of 20,000 credentials gets the same number of pictures, of the same size, as
//! one of 2,000.

use std::collections::HashMap;

use super::{Constellation, CredentialNode, Link, OpportunityNode, StackNode, Unlock, picture};
use crate::prose::{capitalize, count, group_thousands, join_words, one_line};

/// The tallest picture, in points, shown whole. A picture is printed at most the text width
/// (6.5 inches for 708 points of drawing) and, once its caption is placed, about 560 points
/// tall; at this height its smallest text (11 points) prints at about 5.7 points and its titles
/// (12.5 points) at 6.5, a little smaller than the examples' pictures (about 1,000 points tall),
/// which stay whole.
pub const LEGIBLE_HEIGHT: f32 = 1_080.0;

/// The most pictures of stacks (or of credentials in no stack) a document shows besides the
/// overview: about a dozen pages of pictures, each legible, before the tables take over.
pub const MAX_PARTS: usize = 12;

/// The most stacks the overview names; the others are drawn together as one box.
pub const OVERVIEW_STACKS: usize = 12;

/// The most credentials, and opportunities, one stack's picture starts from; fewer when they do
/// not fit [`LEGIBLE_HEIGHT`].
const PART_BOXES: usize = 16;

/// One picture of a split constellation, with what a reader who cannot see it is told.
#[derive(Debug, Clone, PartialEq)]
pub struct View {
    /// What the picture shows, drawn like any constellation.
    pub constellation: Constellation,
    /// What the picture shows, in words.
    pub alt_text: String,
    /// The caption printed under it.
    pub caption: String,
}

/// How a constellation is shown in a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Drawing {
    /// As one picture: it fits a page legibly.
    Whole,
    /// As an overview and pictures of its stacks.
    Split(Box<Split>),
}

/// A constellation shown as an overview and pictures of its stacks.
#[derive(Debug, Clone, PartialEq)]
pub struct Split {
    /// Stacks and kinds of opportunity, with counts.
    pub overview: View,
    /// One picture per stack in the plan's order, then the credentials in no stack, at most
    /// [`MAX_PARTS`] in all.
    pub parts: Vec<View>,
    /// How many stacks have a picture: the first ones in the plan.
    pub stacks_drawn: usize,
    /// How many stacks the plan has.
    pub stacks: usize,
    /// How many credentials in no stack the pictures show.
    pub loose_drawn: usize,
    /// How many credentials are in no stack.
    pub loose: usize,
    /// Pictures that show only some of their stack's credentials or opportunities.
    pub parts_cut: usize,
}

impl Split {
    /// The overview, then the parts.
    pub fn views(&self) -> impl Iterator<Item = &View> {
        std::iter::once(&self.overview).chain(&self.parts)
    }

    /// A sentence saying what is not drawn and where to find it (`tables`: where the document
    /// lists every credential and opportunity), or `None` when every stack has its picture.
    pub fn not_drawn(&self, tables: &str) -> Option<String> {
        let stacks_left = self.stacks - self.stacks_drawn;
        let loose_left = self.loose - self.loose_drawn;
        let mut missing = Vec::new();
        if stacks_left > 0 {
            missing.push(count(stacks_left, "stack", "stacks"));
        }
        if loose_left > 0 {
            missing.push(count(
                loose_left,
                "credential in no stack",
                "credentials in no stack",
            ));
        }
        if missing.is_empty() && self.parts_cut == 0 {
            return None;
        }
        let mut text = String::new();
        if !missing.is_empty() {
            let verb = if stacks_left + loose_left == 1 {
                "has"
            } else {
                "have"
            };
            text.push_str(&format!(
                "So that each picture stays legible, {} {verb} no picture of {}.",
                join_words(&missing),
                if stacks_left + loose_left == 1 {
                    "its own"
                } else {
                    "their own"
                }
            ));
        }
        if self.parts_cut > 0 {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(if self.parts_cut == 1 {
                "One picture shows only part of its stack, to fit a page."
            } else {
                "Some pictures show only part of their stack, to fit a page."
            });
        }
        text.push(' ');
        text.push_str(tables);
        Some(text)
    }
}

impl Constellation {
    /// How this constellation is shown: whole when its picture fits a page legibly (decided by
    /// counting boxes before any layout when it clearly does not), split otherwise.
    pub fn drawing(&self) -> Drawing {
        if picture::fits(self, LEGIBLE_HEIGHT) {
            Drawing::Whole
        } else {
            Drawing::Split(Box::new(split(self)))
        }
    }
}

/// What the split needs to look up, built in one pass over the stacks and one over the arrows.
struct Index {
    /// The stack whose frame holds each credential.
    frames: Vec<Option<usize>>,
    /// The arrows leaving each credential, by position in `links`.
    from_credential: Vec<Vec<usize>>,
    /// The arrows leaving each stack.
    from_stack: Vec<Vec<usize>>,
    /// How many arrows reach each opportunity.
    incoming: Vec<usize>,
}

impl Index {
    fn new(constellation: &Constellation) -> Index {
        let mut from_credential = vec![Vec::new(); constellation.credentials.len()];
        let mut from_stack = vec![Vec::new(); constellation.stacks.len()];
        let mut incoming = vec![0; constellation.opportunities.len()];
        for (index, link) in constellation.links.iter().enumerate() {
            let list = match link.from {
                Unlock::Credential(c) => from_credential.get_mut(c),
                Unlock::Stack(s) => from_stack.get_mut(s),
            };
            if let Some(list) = list {
                list.push(index);
            }
            if let Some(n) = incoming.get_mut(link.to) {
                *n += 1;
            }
        }
        Index {
            frames: constellation.frames(),
            from_credential,
            from_stack,
            incoming,
        }
    }
}

fn split(constellation: &Constellation) -> Split {
    let index = Index::new(constellation);
    let mut parts = Vec::new();
    let mut parts_cut = 0;
    let mut stacks_drawn = 0;
    for (s, stack) in constellation.stacks.iter().enumerate() {
        if parts.len() == MAX_PARTS {
            break;
        }
        let members: Vec<usize> = stack.members.iter().chain(&stack.also).copied().collect();
        let (view, cut) = part(constellation, &index, Some(s), &members);
        parts.push(view);
        parts_cut += usize::from(cut);
        stacks_drawn += 1;
    }
    let loose: Vec<usize> = index
        .frames
        .iter()
        .enumerate()
        .filter(|(_, frame)| frame.is_none())
        .map(|(c, _)| c)
        .collect();
    let mut loose_drawn = 0;
    while parts.len() < MAX_PARTS && loose_drawn < loose.len() {
        let rest = loose.get(loose_drawn..).unwrap_or_default();
        let (view, shown) = loose_part(constellation, &index, rest, loose_drawn, loose.len());
        parts.push(view);
        loose_drawn += shown.max(1);
    }
    Split {
        overview: overview(constellation, &index, loose.len()),
        parts,
        stacks_drawn,
        stacks: constellation.stacks.len(),
        loose_drawn: loose_drawn.min(loose.len()),
        loose: loose.len(),
        parts_cut,
    }
}

/// A picture of some credentials (framed as `stack` when given) and the opportunities they, or
/// the stack, unlock: as many of each, up to [`PART_BOXES`], as fit a page legibly.
fn subset(
    constellation: &Constellation,
    index: &Index,
    stack: Option<usize>,
    credentials: &[usize],
    max_opportunities: usize,
) -> Constellation {
    let mut opportunity_at: HashMap<usize, usize> = HashMap::new();
    let mut opportunities: Vec<usize> = Vec::new();
    let mut links = Vec::new();
    let mut shown_in = Vec::new();
    let mut add = |link_index: usize, from: Unlock| {
        let Some(link) = constellation.links.get(link_index) else {
            return;
        };
        let to = match opportunity_at.get(&link.to) {
            Some(&to) => to,
            None if opportunities.len() < max_opportunities => {
                opportunity_at.insert(link.to, opportunities.len());
                opportunities.push(link.to);
                shown_in.push(0);
                opportunities.len() - 1
            }
            None => return,
        };
        if let Some(n) = shown_in.get_mut(to) {
            *n += 1;
        }
        links.push(Link { from, to });
    };
    if let Some(s) = stack {
        for &l in index.from_stack.get(s).map_or(&[][..], Vec::as_slice) {
            add(l, Unlock::Stack(0));
        }
    }
    for (position, &c) in credentials.iter().enumerate() {
        for &l in index.from_credential.get(c).map_or(&[][..], Vec::as_slice) {
            add(l, Unlock::Credential(position));
        }
    }
    let credential_nodes: Vec<CredentialNode> = credentials
        .iter()
        .filter_map(|&c| constellation.credentials.get(c).cloned())
        .collect();
    let stacks = stack
        .and_then(|s| constellation.stacks.get(s))
        .map(|s| StackNode {
            title: s.title.clone(),
            members: (0..credential_nodes.len()).collect(),
            also: Vec::new(),
        })
        .into_iter()
        .collect();
    let opportunity_nodes = opportunities
        .iter()
        .zip(&shown_in)
        .filter_map(|(&o, &shown)| {
            let node = constellation.opportunities.get(o)?;
            let hidden = index
                .incoming
                .get(o)
                .copied()
                .unwrap_or(0)
                .saturating_sub(shown);
            let requires = match (&node.requires, hidden) {
                (requires, 0) => requires.clone(),
                (Some(requires), hidden) => Some(format!(
                    "{requires} ({} not in this picture)",
                    group_thousands(hidden as u64)
                )),
                (None, hidden) => Some(format!(
                    "also unlocked by {} not in this picture",
                    group_thousands(hidden as u64)
                )),
            };
            Some(OpportunityNode {
                requires,
                ..node.clone()
            })
        })
        .collect();
    Constellation {
        credentials: credential_nodes,
        stacks,
        opportunities: opportunity_nodes,
        links,
    }
}

/// The largest picture of the first of `credentials` that fits: credentials are dropped from the
/// end first, then opportunities. At most `2 × PART_BOXES` layouts of at most `2 × PART_BOXES`
/// boxes. Also how many credentials it shows, and whether it leaves anything out.
fn fitted(
    constellation: &Constellation,
    index: &Index,
    stack: Option<usize>,
    credentials: &[usize],
) -> (Constellation, usize, bool) {
    let mut shown = credentials.len().clamp(1, PART_BOXES);
    let mut max_opportunities = PART_BOXES;
    loop {
        let chosen = credentials.get(..shown).unwrap_or(credentials);
        let part = subset(constellation, index, stack, chosen, max_opportunities);
        if picture::fits(&part, LEGIBLE_HEIGHT) || (shown <= 1 && max_opportunities <= 1) {
            let complete = part.opportunities.len() < max_opportunities
                || subset(constellation, index, stack, chosen, usize::MAX)
                    .opportunities
                    .len()
                    == part.opportunities.len();
            let cut = shown < credentials.len() || !complete;
            return (part, shown.min(credentials.len()), cut);
        }
        if shown > 1 {
            shown -= 1;
        } else {
            max_opportunities -= 1;
        }
    }
}

fn part(
    constellation: &Constellation,
    index: &Index,
    stack: Option<usize>,
    members: &[usize],
) -> (View, bool) {
    let (part, shown, cut) = fitted(constellation, index, stack, members);
    let title = stack
        .and_then(|s| constellation.stacks.get(s))
        .map_or_else(String::new, |s| one_line(&s.title));
    let what = if shown < members.len() {
        format!(
            "the first {} of its {}",
            group_thousands(shown as u64),
            count(members.len(), "credential", "credentials")
        )
    } else {
        format!("its {}", count(members.len(), "credential", "credentials"))
    };
    let leads = if cut && shown == members.len() {
        "some of the opportunities they unlock"
    } else {
        "the opportunities they unlock"
    };
    let caption = format!("The stack {title}: {what} and {leads}.");
    let alt_text = describe(&format!("Diagram of the stack {title}"), &part);
    (
        View {
            constellation: part,
            alt_text,
            caption,
        },
        cut,
    )
}

/// A picture of credentials in no stack, from `rest` (the first of them is number `before + 1`
/// of `total`); also how many it shows.
fn loose_part(
    constellation: &Constellation,
    index: &Index,
    rest: &[usize],
    before: usize,
    total: usize,
) -> (View, usize) {
    let (part, shown, _) = fitted(constellation, index, None, rest);
    let range = if total == 1 {
        "the one credential".to_owned()
    } else {
        format!(
            "{} to {} of {}",
            group_thousands(before as u64 + 1),
            group_thousands((before + shown) as u64),
            count(total, "credential", "credentials")
        )
    };
    let caption = format!("Credentials in no stack, {range}, and the opportunities they unlock.");
    let alt_text = describe(
        &format!("Diagram of credentials in no stack, {range}"),
        &part,
    );
    (
        View {
            constellation: part,
            alt_text,
            caption,
        },
        shown,
    )
}

/// "Diagram of …: A, B and C lead to X (hybrid role, stays in the classroom) and Y (…)."
fn describe(what: &str, part: &Constellation) -> String {
    let credentials: Vec<String> = part
        .credentials
        .iter()
        .map(|c| one_line(&c.title))
        .collect();
    let opportunities: Vec<String> = part
        .opportunities
        .iter()
        .map(|o| {
            format!(
                "{} ({}, {})",
                one_line(&o.title),
                o.kind,
                if o.stays_in_classroom {
                    "stays in the classroom"
                } else {
                    "leaves the classroom"
                }
            )
        })
        .collect();
    if opportunities.is_empty() {
        format!(
            "{what}: {}. They unlock no opportunity.",
            join_words(&credentials)
        )
    } else {
        format!(
            "{what}: {} {} to {}.",
            join_words(&credentials),
            if credentials.len() == 1 {
                "leads"
            } else {
                "lead"
            },
            join_words(&opportunities)
        )
    }
}

/// Stacks (the first [`OVERVIEW_STACKS`] by name, the others together, then the credentials in
/// no stack) on the left; kinds of opportunity, each split by whether it keeps the educator in
/// the classroom, on the right; an arrow wherever something on the left unlocks something of
/// that kind. Every box carries its count.
fn overview(constellation: &Constellation, index: &Index, loose: usize) -> View {
    let named = constellation.stacks.len().min(OVERVIEW_STACKS);
    let others = constellation.stacks.len() - named;
    let mut left: Vec<CredentialNode> = Vec::new();
    for stack in constellation.stacks.iter().take(named) {
        let size = stack.members.len() + stack.also.len();
        left.push(CredentialNode {
            title: format!(
                "Stack: {} ({})",
                stack.title,
                count(size, "credential", "credentials")
            ),
            hours: None,
        });
    }
    let others_at = left.len();
    if others > 0 {
        let framed: usize = constellation
            .stacks
            .iter()
            .skip(named)
            .map(|s| s.members.len())
            .sum();
        left.push(CredentialNode {
            title: format!(
                "{} more {} ({})",
                group_thousands(others as u64),
                if others == 1 { "stack" } else { "stacks" },
                count(framed, "credential", "credentials")
            ),
            hours: None,
        });
    }
    let loose_at = left.len();
    if loose > 0 {
        left.push(CredentialNode {
            title: format!("{} in no stack", count(loose, "credential", "credentials")),
            hours: None,
        });
    }
    // The kinds of opportunity, split by classroom, in the order they first appear.
    let mut groups: Vec<(String, bool, usize)> = Vec::new();
    let mut group_of = Vec::with_capacity(constellation.opportunities.len());
    for opportunity in &constellation.opportunities {
        let position = groups
            .iter()
            .position(|(kind, stays, _)| {
                *kind == opportunity.kind && *stays == opportunity.stays_in_classroom
            })
            .unwrap_or_else(|| {
                groups.push((opportunity.kind.clone(), opportunity.stays_in_classroom, 0));
                groups.len() - 1
            });
        if let Some(group) = groups.get_mut(position) {
            group.2 += 1;
        }
        group_of.push(position);
    }
    let left_of = |from: Unlock| -> Option<usize> {
        let stack = match from {
            Unlock::Stack(s) => Some(s),
            Unlock::Credential(c) => *index.frames.get(c)?,
        };
        Some(match stack {
            Some(s) if s < named => s,
            Some(_) => others_at,
            None => loose_at,
        })
    };
    let mut linked = vec![false; left.len() * groups.len()];
    for link in &constellation.links {
        if let (Some(l), Some(&g)) = (left_of(link.from), group_of.get(link.to))
            && let Some(slot) = linked.get_mut(l * groups.len() + g)
        {
            *slot = true;
        }
    }
    let links = linked
        .iter()
        .enumerate()
        .filter(|(_, linked)| **linked)
        .map(|(i, _)| Link {
            from: Unlock::Credential(i / groups.len()),
            to: i % groups.len(),
        })
        .collect();
    let opportunities: Vec<OpportunityNode> = groups
        .iter()
        .map(|(kind, stays, n)| OpportunityNode {
            title: capitalize(&plural(kind, *n)),
            kind: count(*n, "opportunity", "opportunities"),
            stays_in_classroom: *stays,
            requires: None,
        })
        .collect();
    let kinds: Vec<String> = groups
        .iter()
        .map(|(kind, stays, n)| {
            format!(
                "{} {} that {} the classroom",
                group_thousands(*n as u64),
                plural(kind, *n),
                if *stays { "stay in" } else { "leave" }
            )
        })
        .collect();
    let stacked = constellation.credentials.len() - loose;
    let alt_text = format!(
        "Overview of the career constellation: {} ({} in {}, {} in no stack) lead to {}: {}. {}",
        count(
            constellation.credentials.len(),
            "micro-credential",
            "micro-credentials"
        ),
        group_thousands(stacked as u64),
        count(constellation.stacks.len(), "stack", "stacks"),
        group_thousands(loose as u64),
        count(
            constellation.opportunities.len(),
            "opportunity",
            "opportunities"
        ),
        join_words(&kinds),
        if others > 0 {
            format!(
                "The first {named} stacks are shown by name, the other {} together. An arrow shows that something on the left unlocks at least one opportunity of that kind.",
                group_thousands(others as u64)
            )
        } else {
            "An arrow shows that something on the left unlocks at least one opportunity of that kind.".to_owned()
        }
    );
    let caption = if others > 0 {
        format!(
            "Overview: stacks (left; the first {named} by name, the other {} together) and the kinds of opportunity they unlock (right), with counts. Green: stays in the classroom; grey, dashed: leaves it.",
            group_thousands(others as u64)
        )
    } else {
        "Overview: stacks (left) and the kinds of opportunity they unlock (right), with counts. Green: stays in the classroom; grey, dashed: leaves it.".to_owned()
    };
    View {
        constellation: Constellation {
            credentials: left,
            stacks: Vec::new(),
            opportunities,
            links,
        },
        alt_text,
        caption,
    }
}

/// "hybrid roles", "1 committee" → "committee": a kind of opportunity, in the plural when `n`
/// is not one.
fn plural(kind: &str, n: usize) -> String {
    if n == 1 {
        kind.to_owned()
    } else {
        format!("{kind}s")
    }
}
