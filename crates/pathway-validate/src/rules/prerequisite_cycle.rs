//! PW203: credentials whose prerequisites go in a circle.

use std::collections::{HashMap, VecDeque};

use pathway_schema::domain::pointer::paths;

use super::{Finding, Findings, RuleContext, declare_rule};
use crate::index::id_map;

declare_rule! {
    /// ## What it does
    /// Finds credentials whose prerequisites go in a circle: `a` requires `b` and `b` requires
    /// `a`, or a longer chain that comes back to where it started. Each circle is reported once,
    /// at the prerequisite entry of its first credential, with the other entries as related
    /// places; the message lists the circle, such as `a → b → a`.
    ///
    /// ## Why it matters
    /// An educator can only start with a credential whose prerequisites are already earned. In
    /// a circle every credential waits for another, so none of them, and nothing they unlock,
    /// can ever be earned.
    ///
    /// ## Example
    /// ```yaml
    /// credentials:
    ///   - id: peer-observation
    ///     title: Peer Observation and Feedback
    ///     prerequisites: [mentoring-new-teachers]
    ///   - id: mentoring-new-teachers
    ///     title: Mentoring a Beginning Teacher
    ///     prerequisites: [peer-observation]
    /// ```
    ///
    /// Use instead:
    /// ```yaml
    /// credentials:
    ///   - id: peer-observation
    ///     title: Peer Observation and Feedback
    ///   - id: mentoring-new-teachers
    ///     title: Mentoring a Beginning Teacher
    ///     prerequisites: [peer-observation]
    /// ```
    code: "PW203",
    name: "prerequisite-cycle",
    severity: Error,
    summary: "Credentials are each other's prerequisites, in a circle.",
    check: super::Check::Plan(check),
}

fn check(context: &RuleContext<'_>, findings: &mut Findings) {
    let credentials = &context.plan.credentials;
    // The first credential with each id; a second one is `duplicate-id`'s business.
    let mut first = id_map(credentials.len());
    for (i, credential) in credentials.iter().enumerate() {
        first.entry(credential.id.as_str()).or_insert(i);
    }
    // For each credential, the credentials it requires, with the position of each entry.
    let requires: Vec<Vec<(usize, usize)>> = credentials
        .iter()
        .enumerate()
        .map(|(i, credential)| {
            if first.get(credential.id.as_str()) != Some(&i) {
                return Vec::new();
            }
            credential
                .prerequisites
                .iter()
                .enumerate()
                .filter_map(|(j, id)| first.get(id.as_str()).map(|&required| (required, j)))
                .collect()
        })
        .collect();
    let graph: Vec<Vec<usize>> = requires
        .iter()
        .map(|edges| edges.iter().map(|&(required, _)| required).collect())
        .collect();
    let id = |i: usize| {
        credentials
            .get(i)
            .map_or("?", |credential| credential.id.as_str())
    };
    let entry = |from: usize, to: usize| {
        let j = requires
            .get(from)?
            .iter()
            .find(|&&(required, _)| required == to)?
            .1;
        Some(paths::credential(from).prerequisite(j))
    };
    for circle in cycles(&graph) {
        let steps: Vec<(usize, usize)> = circle
            .iter()
            .copied()
            .zip(circle.iter().copied().cycle().skip(1))
            .collect();
        let names: Vec<&str> = circle
            .iter()
            .chain(circle.first())
            .map(|&i| id(i))
            .collect();
        let Some(pointer) = steps.first().and_then(|&(from, to)| entry(from, to)) else {
            continue;
        };
        let mut finding = Finding::new(
            pointer,
            format!(
                "these credentials' prerequisites go in a circle, so no educator can earn any of them: `{}`",
                names.join(" → ")
            ),
        )
        .help("remove the prerequisite that does not belong, so that one credential in the circle can be earned first");
        for &(from, to) in steps.iter().skip(1) {
            if let Some(pointer) = entry(from, to) {
                finding = finding.related(
                    pointer,
                    format!("`{}` requires `{}` here", id(from), id(to)),
                );
            }
        }
        findings.push(finding);
    }
}

/// The circles in a graph where `requires[a]` lists what `a` requires: for each node on a circle
/// that no earlier circle passes through, in node order, the shortest circle through it, listed
/// from that node (`[a, b]` for `a → b → a`). Every node on a circle is on at least one of
/// them, and no circle comes twice.
pub(crate) fn cycles(requires: &[Vec<usize>]) -> Vec<Vec<usize>> {
    // Only a node in a strongly connected component with a circle in it can start one, and
    // every such node does, so each search below finds a circle.
    // Regression: a search from every credential made a chain of 20,000 prerequisites
    // quadratic (seconds); now a chain costs one pass.
    let component = components(requires);
    let mut size = vec![0usize; requires.len()];
    for &c in &component {
        if let Some(count) = size.get_mut(c) {
            *count += 1;
        }
    }
    let on_circle = |node: usize| {
        let c = component.get(node).copied().unwrap_or(usize::MAX);
        size.get(c).is_some_and(|&n| n > 1)
            || requires.get(node).is_some_and(|next| next.contains(&node))
    };
    let mut covered = vec![false; requires.len()];
    let mut circles = Vec::new();
    for start in 0..requires.len() {
        if covered.get(start).copied().unwrap_or(true) || !on_circle(start) {
            continue;
        }
        if circles.len() >= crate::rules::MAX_FINDINGS {
            break;
        }
        if let Some(circle) = shortest_cycle(requires, start, &component) {
            for &node in &circle {
                if let Some(flag) = covered.get_mut(node) {
                    *flag = true;
                }
            }
            circles.push(circle);
        }
    }
    circles
}

/// The shortest circle from `start` back to itself, found breadth first, listed from `start`.
/// The search stays inside `start`'s component, where every circle through `start` lies.
fn shortest_cycle(
    requires: &[Vec<usize>],
    start: usize,
    component: &[usize],
) -> Option<Vec<usize>> {
    let home = component.get(start).copied();
    let mut reached_from: HashMap<usize, usize> = HashMap::new();
    let mut queue = VecDeque::from([start]);
    while let Some(node) = queue.pop_front() {
        for &next in requires.get(node).into_iter().flatten() {
            if component.get(next).copied() != home {
                continue;
            }
            if next == start {
                // Walking back ends at `start`, the one node not reached from another.
                let mut circle = vec![node];
                let mut at = node;
                while let Some(&previous) = reached_from.get(&at) {
                    circle.push(previous);
                    at = previous;
                }
                circle.reverse();
                return Some(circle);
            }
            if next != start && !reached_from.contains_key(&next) {
                reached_from.insert(next, node);
                queue.push_back(next);
            }
        }
    }
    None
}

/// The strongly connected component of each node (Tarjan's algorithm, without recursion so
/// that a long chain cannot overflow the stack): two nodes share a component when each can
/// reach the other.
fn components(requires: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = requires.len();
    let mut order = vec![UNSEEN; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut component = vec![UNSEEN; n];
    let mut stack = Vec::new();
    let mut next_order = 0;
    let mut next_component = 0;
    for root in 0..n {
        if order.get(root) != Some(&UNSEEN) {
            continue;
        }
        // Each frame: a node and how many of its edges have been followed.
        let mut frames = vec![(root, 0usize)];
        while let Some(&mut (node, ref mut edge)) = frames.last_mut() {
            if *edge == 0 && order.get(node) == Some(&UNSEEN) {
                set(&mut order, node, next_order);
                set(&mut low, node, next_order);
                next_order += 1;
                stack.push(node);
                set(&mut on_stack, node, true);
            }
            let next = requires
                .get(node)
                .and_then(|edges| edges.get(*edge))
                .copied();
            *edge += 1;
            match next {
                Some(next) if order.get(next) == Some(&UNSEEN) => frames.push((next, 0)),
                Some(next) => {
                    if on_stack.get(next) == Some(&true) {
                        let lowest = get(&low, node).min(get(&order, next));
                        set(&mut low, node, lowest);
                    }
                }
                None => {
                    frames.pop();
                    if let Some(&(parent, _)) = frames.last() {
                        let lowest = get(&low, parent).min(get(&low, node));
                        set(&mut low, parent, lowest);
                    }
                    if get(&low, node) == get(&order, node) {
                        while let Some(member) = stack.pop() {
                            set(&mut on_stack, member, false);
                            set(&mut component, member, next_component);
                            if member == node {
                                break;
                            }
                        }
                        next_component += 1;
                    }
                }
            }
        }
    }
    component
}

fn get<T: Copy + Default>(values: &[T], i: usize) -> T {
    values.get(i).copied().unwrap_or_default()
}

fn set<T>(values: &mut [T], i: usize, value: T) {
    if let Some(slot) = values.get_mut(i) {
        *slot = value;
    }
}

#[cfg(test)]
mod tests {
    use super::cycles;
    use crate::rules::testing::{findings, pointers};

    #[test]
    fn finds_each_circle_once_from_its_first_node() {
        assert_eq!(cycles(&[vec![1], vec![0]]), [vec![0, 1]]);
        assert_eq!(cycles(&[vec![0]]), [vec![0]]);
        assert_eq!(cycles(&[vec![1], vec![2], vec![0]]), [vec![0, 1, 2]]);
        assert_eq!(
            cycles(&[vec![1], vec![2], vec![]]),
            Vec::<Vec<usize>>::new()
        );
        assert_eq!(cycles(&[]), Vec::<Vec<usize>>::new());
    }

    #[test]
    fn takes_the_shortest_way_round() {
        // 0 → 1 → 2 → 0 and the shortcut 0 → 2 → 0.
        assert_eq!(
            cycles(&[vec![1, 2], vec![2], vec![0]]),
            [vec![0, 2], vec![1, 2, 0]]
        );
    }

    #[test]
    fn separate_and_touching_circles_are_each_reported() {
        // 0 ⇄ 1, 1 ⇄ 2 share node 1; 3 ⇄ 4 stand apart; 5 only leads into a circle.
        let graph = [vec![1], vec![0, 2], vec![1], vec![4], vec![3], vec![0]];
        assert_eq!(cycles(&graph), [vec![0, 1], vec![2, 1], vec![3, 4]]);
    }

    #[test]
    fn the_finding_names_the_circle_and_points_at_one_entry() {
        let found = findings(
            "PW203",
            "\
credentials:
  - {id: a, title: A, prerequisites: [c]}
  - {id: b, title: B, prerequisites: [a]}
  - {id: c, title: C, prerequisites: [b, missing]}
  - {id: d, title: D, prerequisites: [d]}
  - {id: e, title: E, prerequisites: [a]}
",
        );
        assert_eq!(
            pointers(&found),
            [
                "/credentials/0/prerequisites/0",
                "/credentials/3/prerequisites/0"
            ]
        );
        assert!(
            found[0].message.contains("`a → c → b → a`"),
            "{}",
            found[0].message
        );
        let related: Vec<&str> = found[0]
            .related
            .iter()
            .map(|related| related.place.pointer.as_str())
            .collect();
        assert_eq!(
            related,
            [
                "/credentials/2/prerequisites/0",
                "/credentials/1/prerequisites/0"
            ]
        );
        assert_eq!(found[0].related[0].message, "`c` requires `b` here");
        assert!(found[1].message.contains("`d → d`"), "{}", found[1].message);
    }

    #[test]
    fn a_long_chain_costs_one_pass() {
        // Regression: 20,000 credentials each requiring the one before took seconds.
        let chain: Vec<Vec<usize>> = (0..20_000)
            .map(|i| if i == 0 { vec![] } else { vec![i - 1] })
            .collect();
        // Its time is a benchmark's business; here, the answers.
        assert!(cycles(&chain).is_empty());
        let mut ring = chain.clone();
        ring[0] = vec![19_999];
        assert_eq!(cycles(&ring).len(), 1);
        assert_eq!(cycles(&ring)[0].len(), 20_000);
    }

    #[test]
    fn a_chain_without_a_circle_is_fine() {
        let found = findings(
            "PW203",
            "\
credentials:
  - {id: a, title: A}
  - {id: b, title: B, prerequisites: [a]}
  - {id: c, title: C, prerequisites: [a, b]}
",
        );
        assert!(found.is_empty());
    }
}
