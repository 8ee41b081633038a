//! The constellation at a state's size: what is drawn, and that the work is bounded.

use super::picture::{BOXES_LAID_OUT, fits};
use super::{
    Constellation, CredentialNode, Drawing, LEGIBLE_HEIGHT, Link, MAX_PARTS, OVERVIEW_STACKS,
    OpportunityNode, StackNode, Unlock,
};

/// The kinds the synthetic constellation cycles through, with whether each keeps the educator
/// in the classroom.
const KINDS: [(&str, bool); 3] = [
    ("hybrid role", true),
    ("leadership role", false),
    ("committee", true),
];

/// A constellation shaped like `bench/gen-plan`'s: clusters of five credentials, the first
/// three a stack, each cluster one opportunity unlocked by its stack and its other two
/// credentials. Built directly, so the expected figures below follow from the shape alone.
fn clusters(count: usize) -> Constellation {
    let mut constellation = Constellation {
        credentials: Vec::new(),
        stacks: Vec::new(),
        opportunities: Vec::new(),
        links: Vec::new(),
    };
    for cluster in 0..count {
        let first = cluster * 5;
        for i in 0..5 {
            constellation.credentials.push(CredentialNode {
                title: format!("Credential {} of cluster {}", i + 1, cluster + 1),
                hours: Some(15.0),
            });
        }
        constellation.stacks.push(StackNode {
            title: format!("Stack {}", cluster + 1),
            members: vec![first, first + 1, first + 2],
            also: Vec::new(),
        });
        let (kind, stays) = KINDS[cluster % KINDS.len()];
        constellation.opportunities.push(OpportunityNode {
            title: format!("Opportunity {}", cluster + 1),
            kind: kind.to_owned(),
            stays_in_classroom: stays,
            requires: None,
        });
        for from in [
            Unlock::Stack(cluster),
            Unlock::Credential(first + 3),
            Unlock::Credential(first + 4),
        ] {
            constellation.links.push(Link { from, to: cluster });
        }
    }
    constellation
}

fn boxes_laid_out(work: impl FnOnce()) -> usize {
    BOXES_LAID_OUT.with(|boxes| boxes.set(0));
    work();
    BOXES_LAID_OUT.with(std::cell::Cell::get)
}

#[test]
fn a_statewide_constellation_is_an_overview_and_a_picture_per_stack() {
    let clusters_count = 4_000;
    let constellation = clusters(clusters_count);
    assert_eq!(constellation.credentials.len(), 20_000);
    let Drawing::Split(split) = constellation.drawing() else {
        panic!("20,000 credentials cannot be one legible picture");
    };
    // Every stack comes first in the plan, so the pictures are of the first stacks.
    assert_eq!(split.parts.len(), MAX_PARTS);
    assert_eq!(split.stacks_drawn, MAX_PARTS);
    assert_eq!(split.stacks, clusters_count);
    assert_eq!(split.loose, 2 * clusters_count);
    assert_eq!(split.loose_drawn, 0);
    assert_eq!(split.parts_cut, 0);
    for (n, part) in split.parts.iter().enumerate() {
        let c = &part.constellation;
        assert_eq!(c.stacks.len(), 1);
        assert_eq!(c.stacks[0].title, format!("Stack {}", n + 1));
        assert_eq!(c.credentials.len(), 3, "the stack's three credentials");
        assert_eq!(c.opportunities.len(), 1);
        // The two credentials outside the stack also unlock it: the picture says so.
        assert_eq!(
            c.opportunities[0].requires.as_deref(),
            Some("also unlocked by 2 not in this picture")
        );
        assert_eq!(
            c.links,
            vec![Link {
                from: Unlock::Stack(0),
                to: 0
            }]
        );
        assert!(part.alt_text.contains(&format!("Opportunity {}", n + 1)));
    }

    // The overview: the first stacks by name, the others together, the credentials in no stack;
    // one box per kind of opportunity, with its count.
    let overview = &split.overview.constellation;
    assert_eq!(overview.credentials.len(), OVERVIEW_STACKS + 2);
    assert_eq!(
        overview.credentials[OVERVIEW_STACKS].title,
        format!("3,988 more stacks (11,964 credentials)")
    );
    assert_eq!(
        overview.credentials[OVERVIEW_STACKS + 1].title,
        "8,000 credentials in no stack"
    );
    let per_kind = clusters_count / KINDS.len();
    let expected: Vec<(String, String, bool)> = KINDS
        .iter()
        .enumerate()
        .map(|(k, (kind, stays))| {
            let n = per_kind + usize::from(k < clusters_count % KINDS.len());
            let plural = format!("{kind}s");
            let title = format!("{}{}", plural[..1].to_uppercase(), &plural[1..]);
            (title, format!("{} opportunities", group(n)), *stays)
        })
        .collect();
    let got: Vec<(String, String, bool)> = overview
        .opportunities
        .iter()
        .map(|o| (o.title.clone(), o.kind.clone(), o.stays_in_classroom))
        .collect();
    assert_eq!(got, expected);
    // Each named stack unlocks one kind; the others together, and the credentials in no stack,
    // unlock all three.
    assert_eq!(overview.links.len(), OVERVIEW_STACKS + 2 * KINDS.len());
    assert!(split.not_drawn("See the tables.").is_some_and(|note| {
        note.contains("3,988 stacks and 8,000 credentials in no stack have no picture")
    }));

    // Each picture fits a page legibly, and each Mermaid diagram stays within what GitHub draws.
    for view in split.views() {
        assert!(
            fits(&view.constellation, LEGIBLE_HEIGHT),
            "{}",
            view.caption
        );
        let mermaid = view.constellation.to_mermaid();
        assert!(mermaid.matches("-->").count() < 500);
        assert!(mermaid.len() < 50_000);
    }
}

#[test]
fn the_drawing_work_does_not_grow_with_the_plan() {
    // Regression: the picture of a 2,500-credential plan was laid out in full (cubic time) only
    // to be refused as too tall to draw.
    let small = clusters(400);
    let large = clusters(4_000);
    let small_boxes = boxes_laid_out(|| {
        let _ = small.drawing();
    });
    let large_boxes = boxes_laid_out(|| {
        let _ = large.drawing();
    });
    assert!(small_boxes > 0);
    assert_eq!(
        small_boxes, large_boxes,
        "the same pictures at ten times the size"
    );
    // Deciding that the whole does not fit lays out nothing: counting its boxes is enough. What
    // is laid out is each stack's picture, a stack of three and one opportunity, once, to see
    // that it fits.
    assert_eq!(large_boxes, MAX_PARTS * (3 + 1));
}

#[test]
fn a_small_constellation_stays_one_picture() {
    assert_eq!(clusters(3).drawing(), Drawing::Whole);
}

#[test]
fn a_stack_too_tall_for_a_page_is_cut_and_the_cut_is_said() {
    let mut constellation = clusters(1);
    // One stack of 60 credentials, each unlocking the one opportunity.
    constellation.stacks[0].members = (0..60).collect();
    constellation.credentials = (0..60)
        .map(|i| CredentialNode {
            title: format!("Credential {}", i + 1),
            hours: None,
        })
        .collect();
    constellation.links = (0..60)
        .map(|i| Link {
            from: Unlock::Credential(i),
            to: 0,
        })
        .collect();
    let Drawing::Split(split) = constellation.drawing() else {
        panic!("60 credentials do not fit a page");
    };
    assert_eq!(split.parts.len(), 1);
    assert_eq!(split.parts_cut, 1);
    let part = &split.parts[0];
    let shown = part.constellation.credentials.len();
    assert!(shown < 60 && shown > 1, "{shown}");
    assert!(fits(&part.constellation, LEGIBLE_HEIGHT));
    assert!(
        part.caption
            .contains(&format!("the first {shown} of its 60 credentials"))
    );
    assert_eq!(
        part.constellation.opportunities[0].requires.as_deref(),
        Some(format!("also unlocked by {} not in this picture", 60 - shown).as_str())
    );
    assert!(
        split
            .not_drawn("T.")
            .is_some_and(|n| n.contains("only part of its stack"))
    );
}

fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A plan of `clusters` clusters shaped like [`clusters`]'s, as YAML.
fn plan_yaml(clusters: usize) -> String {
    let mut yaml = String::from(
        "schema_version: 1\nid: statewide\nreadiness: exploring\norganization: {name: A State, kind: state}\ncredentials:\n",
    );
    for c in 0..clusters {
        for i in 0..5 {
            yaml.push_str(&format!(
                "  - {{id: c{c}-{i}, title: Credential {i} of cluster {c}, hours: 15}}\n"
            ));
        }
    }
    yaml.push_str("stacks:\n");
    for c in 0..clusters {
        yaml.push_str(&format!(
            "  - {{id: s{c}, title: Stack {c}, credentials: [c{c}-0, c{c}-1, c{c}-2]}}\n"
        ));
    }
    yaml.push_str("opportunities:\n");
    for c in 0..clusters {
        yaml.push_str(&format!(
            "  - {{id: o{c}, title: Opportunity {c}, kind: hybrid-role, stays_in_classroom: true, unlocked_by: [s{c}, c{c}-3, c{c}-4]}}\n"
        ));
    }
    yaml
}

#[test]
fn a_statewide_document_has_the_overview_the_stacks_and_says_what_is_not_drawn() {
    use crate::model::{Block, Inline};
    let clusters_count = 300;
    let loaded = match pathway_schema::load::load_str("plan.yaml", &plan_yaml(clusters_count)) {
        Ok(loaded) => loaded,
        Err(error) => panic!("the plan does not load: {error}"),
    };
    let profiles = crate::profile::Profiles::builtin();
    let Some(educators) = profiles.get("educators") else {
        panic!("no educators profile");
    };
    let document = crate::build_document(&loaded, educators);
    let figures: Vec<&crate::model::Figure> = document
        .blocks
        .iter()
        .filter_map(|block| match block {
            Block::Figure(figure) => Some(&**figure),
            _ => None,
        })
        .collect();
    assert_eq!(
        figures.len(),
        1 + MAX_PARTS,
        "the overview and the first stacks"
    );
    assert!(figures[0].alt_text.starts_with(
        "Overview of the career constellation: 1,500 micro-credentials (900 in 300 stacks, 600 in no stack) lead to 300 opportunities"
    ));
    assert!(
        figures[1]
            .caption
            .starts_with("The stack Stack 0: its 3 credentials")
    );
    let note = document.blocks.iter().find_map(|block| match block {
        Block::Paragraph(inlines) => inlines.iter().find_map(|inline| match inline {
            Inline::Text(text) if text.contains("have no picture") => Some(text.clone()),
            _ => None,
        }),
        _ => None,
    });
    let note = note.unwrap_or_default();
    assert!(
        note.contains(&format!(
            "{} stacks and 600 credentials in no stack have no picture",
            clusters_count - MAX_PARTS
        )),
        "{note}"
    );
    // The educators' document has both tables, and the note names them.
    assert!(note.contains("Every credential is listed under"), "{note}");

    // Every format, twice, each with its own pictures (drawn afresh): the same bytes.
    for renderer in crate::render::RENDERERS {
        let render = |document: &crate::model::Document| {
            crate::render::to_bytes(*renderer, document, &crate::render::Pictures::new())
                .unwrap_or_default()
        };
        let first = render(&document);
        let second = render(&crate::build_document(&loaded, educators));
        assert!(!first.is_empty());
        assert!(
            first == second,
            "{} differs between two renderings",
            renderer.name()
        );
    }
}
