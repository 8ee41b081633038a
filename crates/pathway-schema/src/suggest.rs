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
    if *budget == 0 {
        return None;
    }
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

/// The candidates that hold every word of `word` in the same order, or whose words `word` holds
/// in order: ids that lost or gained a word (`lab-stipend` for `lab-classroom-stipend`), which
/// [`closest`] leaves out as too far apart. Closest in word count first, at most `most` of
/// them. Like [`closest_within`], it spends `budget`, one step per character of a candidate.
///
/// ```
/// use pathway_schema::suggest::sharing_words_within;
/// let ids = ["lab-classroom-stipend", "credential-stipend", "lab-classroom-teacher"];
/// assert_eq!(sharing_words_within("lab-stipend", ids, 3, &mut 1_000), ["lab-classroom-stipend"]);
/// assert_eq!(sharing_words_within("stipend", ids, 3, &mut 1_000), ["credential-stipend", "lab-classroom-stipend"]);
/// assert!(sharing_words_within("coach", ids, 3, &mut 1_000).is_empty());
/// ```
pub fn sharing_words_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    most: usize,
    budget: &mut u64,
) -> Vec<&'a str> {
    let wanted = words(word);
    if wanted.is_empty() || *budget == 0 {
        return Vec::new();
    }
    let mut found: Vec<(usize, usize, &'a str)> = Vec::new();
    for (order, candidate) in candidates.into_iter().enumerate() {
        let cost = candidate.len() as u64 + 1;
        if cost > *budget {
            *budget = 0;
            break;
        }
        *budget -= cost;
        let have = words(candidate);
        if have == wanted {
            continue;
        }
        if in_order(&wanted, &have) || in_order(&have, &wanted) {
            found.push((have.len().abs_diff(wanted.len()), order, candidate));
        }
    }
    found.sort_unstable();
    found.dedup_by(|a, b| a.2 == b.2);
    found
        .into_iter()
        .take(most)
        .map(|(.., candidate)| candidate)
        .collect()
}

/// The words of an id or key, lowercased: `Lab_Classroom-stipend` → lab, classroom, stipend.
fn words(text: &str) -> Vec<String> {
    text.split(['-', '_', ' '])
        .filter(|word| !word.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Whether every word of `part` appears in `whole`, in the same order.
fn in_order(part: &[String], whole: &[String]) -> bool {
    let mut rest = whole.iter();
    !part.is_empty() && part.iter().all(|word| rest.any(|have| have == word))
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
