//! "Did you mean…?": the closest of a set of valid words to a mistyped one.

/// The candidate closest to `word`, when one is close enough to be a likely typo.
///
/// ```
/// use pathway_schema::suggest::closest;
/// assert_eq!(closest("goal", ["goals", "stakeholders"]), Some("goals"));
/// assert_eq!(closest("district_budget", ["district-budget", "grant"]), Some("district-budget"));
/// assert_eq!(closest("zebra", ["goals", "scope"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut unlimited = u64::MAX;
    closest_within(word, candidates, &mut unlimited)
}

/// Like [`closest`], but spends at most `budget` steps (one per cell of the comparison table,
/// the length of one word times the other's) and takes what is left off `budget`. Once the
/// budget runs out the search stops with the best candidate seen so far. A caller that suggests
/// for many words shares one budget, so that ten thousand mistyped ids among ten thousand
/// candidates cost a bounded time, not a hundred million comparisons.
///
/// ```
/// use pathway_schema::suggest::closest_within;
/// let mut budget = 1_000;
/// assert_eq!(closest_within("goal", ["goals"], &mut budget), Some("goals"));
/// assert_eq!(budget, 1_000 - 5 * 6);
/// assert_eq!(closest_within("goal", ["goals"], &mut 0), None);
/// ```
pub fn closest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    budget: &mut u64,
) -> Option<&'a str> {
    let word = normalize(word);
    let length = word.chars().count();
    let limit = (length / 3).max(1);
    let mut best: Option<(usize, &'a str)> = None;
    for candidate in candidates {
        let candidate_length = candidate.chars().count();
        // The distance is at least the difference in length: skip those too far off unseen.
        if candidate_length.abs_diff(length) > limit {
            continue;
        }
        let cost = ((length + 1) * (candidate_length + 1)) as u64;
        if cost > *budget {
            *budget = 0;
            break;
        }
        *budget -= cost;
        let distance = edit_distance(&word, &normalize(candidate));
        if distance <= limit && best.is_none_or(|(shortest, _)| distance < shortest) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

// Case and the choice between `_`, `-` and space are the most common slips.
fn normalize(word: &str) -> String {
    word.chars()
        .map(|c| match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// The optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbouring characters each count one.
#[allow(clippy::indexing_slicing)] // every index is within the (len + 1)² table built above
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut table = vec![0usize; (a.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for i in 0..=a.len() {
        table[at(i, 0)] = i;
    }
    for j in 0..=b.len() {
        table[at(0, j)] = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (table[at(i - 1, j)] + 1)
                .min(table[at(i, j - 1)] + 1)
                .min(table[at(i - 1, j - 1)] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(table[at(i - 2, j - 2)] + 1);
            }
            table[at(i, j)] = best;
        }
    }
    table[at(a.len(), b.len())]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("goal", "goals"), 1);
        assert_eq!(edit_distance("tilte", "title"), 1);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn swapped_letters_and_separators_are_typos() {
        assert_eq!(closest("tilte", ["title", "id"]), Some("title"));
        assert_eq!(
            closest("StudentImpact", ["student_impact"]),
            Some("student_impact")
        );
        assert_eq!(
            closest("student-impact", ["student_impact"]),
            Some("student_impact")
        );
    }
}
