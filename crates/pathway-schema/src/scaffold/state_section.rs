//! The starter plan's `extensions` section: a state's own decision points required at the
//! plan's level, each with its id and question as a comment and a `TODO` placeholder at the
//! place its declaration names.

use super::{line, one_line, quote};
use crate::state_points::{StateDecisionPoint, answer_tokens};

/// Writes the section, or nothing when no state point is required.
pub(super) fn write(w: &mut String, points: &[&StateDecisionPoint]) {
    // Configuration checks every pointer, so each has its tokens; the first is `extensions`.
    let entries: Vec<(Vec<String>, &StateDecisionPoint)> = points
        .iter()
        .filter_map(|point| {
            let tokens = answer_tokens(&point.pointer).ok()?;
            Some((tokens.into_iter().skip(1).collect(), *point))
        })
        .collect();
    if entries.is_empty() {
        return;
    }
    line(w, "");
    line(
        w,
        "# ---------------------------------------------------------------------------",
    );
    line(
        w,
        "# Your state's own decision points, from the pathway.toml that applies to this plan.",
    );
    line(
        w,
        "# ---------------------------------------------------------------------------",
    );
    line(w, "extensions:");
    let refs: Vec<(&[String], &StateDecisionPoint)> = entries
        .iter()
        .map(|(tokens, point)| (tokens.as_slice(), *point))
        .collect();
    mapping(w, &refs, 1);
}

/// Writes the keys of one mapping at `depth`: each first token once, in the order first met;
/// configuration guarantees a key is either one point's answer or holds others, never both.
fn mapping(w: &mut String, entries: &[(&[String], &StateDecisionPoint)], depth: usize) {
    let indent = "  ".repeat(depth);
    let mut seen: Vec<&str> = Vec::new();
    for (tokens, _) in entries {
        let Some(first) = tokens.first() else {
            continue;
        };
        if seen.contains(&first.as_str()) {
            continue;
        }
        seen.push(first);
        let below: Vec<(&[String], &StateDecisionPoint)> = entries
            .iter()
            .filter(|(t, _)| t.first() == Some(first))
            .map(|(t, point)| (t.get(1..).unwrap_or_default(), *point))
            .collect();
        match below.as_slice() {
            [([], point)] => {
                line(
                    w,
                    &format!(
                        "{indent}# [{}] {}",
                        one_line(&point.id),
                        one_line(&point.question)
                    ),
                );
                line(
                    w,
                    &format!(
                        "{indent}{}: \"TODO: answer the question above\"",
                        key(first)
                    ),
                );
            }
            _ => {
                line(w, &format!("{indent}{}:", key(first)));
                mapping(w, &below, depth + 1);
            }
        }
    }
}

/// A mapping key as YAML writes it: bare when it is plain letters, digits, `_` and `-` (not
/// first), quoted otherwise.
fn key(text: &str) -> String {
    let plain = text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !text.starts_with('-')
        && !text.is_empty();
    if plain { text.to_owned() } else { quote(text) }
}

#[cfg(test)]
mod tests {
    use crate::plan::Readiness;
    use crate::scaffold::{ScaffoldOptions, scaffold};
    use crate::state_points::StateDecisionPoint;
    use crate::{Area, load::load_str};

    fn point(id: &str, level: Readiness, pointer: &str) -> StateDecisionPoint {
        StateDecisionPoint {
            id: id.to_owned(),
            area: Area::Learning,
            question: format!("What about {id}?"),
            level,
            pointer: pointer.to_owned(),
        }
    }

    #[test]
    fn required_points_get_placeholders_where_they_are_answered() {
        let mut options = ScaffoldOptions::new(Readiness::Designing, 2027);
        options.state_points = vec![
            point(
                "state.pool",
                Readiness::Exploring,
                "/extensions/our-state/pool",
            ),
            point(
                "state.odd",
                Readiness::Designing,
                "/extensions/our-state/a b~1c",
            ),
            point("state.later", Readiness::Scaling, "/extensions/later"),
        ];
        let text = scaffold(&options);
        let loaded = load_str("plan.yaml", &text).unwrap();
        let root = loaded.tree.root();
        for pointer in ["/extensions/our-state/pool", "/extensions/our-state/a b~1c"] {
            let node = root
                .pointer(pointer)
                .unwrap_or_else(|| panic!("{pointer}\n{text}"));
            assert_eq!(node.to_json(), "TODO: answer the question above");
        }
        assert!(root.pointer("/extensions/later").is_none());
        assert!(
            text.contains("  # [state.pool] What about state.pool?\n"),
            "{text}"
        );
        assert!(
            text.contains("#   [state.later] (needed before scaling) What about state.later?"),
            "{text}"
        );
        // The toolkit's 18 designing points and the state's 2.
        assert!(
            text.contains("answers the 20 decision points below"),
            "{text}"
        );
    }
}
