//! Inline suppressions: `# pathway-allow CODE: reason` silences one finding, on the comment's
//! own line or on the line below it. The reason is required; a rule may be named by its code
//! or its name, as in `pathway.toml`. Only a real comment counts: the engine drops what this
//! finds inside a text value (a block scalar's line is text, not a comment).

use pathway_schema::source::Source;

/// The marker that starts a suppression comment.
pub const MARKER: &str = "pathway-allow";

/// One suppression comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The line the comment is on.
    pub line: usize,
    /// The column of the `#`.
    pub column: usize,
    /// The byte of the `#` within its line.
    pub hash_byte: usize,
    /// The line whose findings it silences.
    pub target_line: usize,
    /// The rule codes it names, as written.
    pub codes: Vec<String>,
    /// Why, as written; empty when missing.
    pub reason: String,
}

/// Finds the suppression comments in a YAML source.
pub fn find(source: &Source) -> Vec<Suppression> {
    // Most plans have none: one substring search instead of a walk over every line.
    if !source.text().contains(MARKER) {
        return Vec::new();
    }
    let lines: Vec<&str> = source.text().lines().collect();
    // For each line, the next line at or after it that holds something other than a comment:
    // computed once from the end, so a file of a million comment lines costs a million steps.
    // Regression: each suppression searched forward on its own, so a million consecutive
    // suppression comments took hours (tests/hostile/many-suppressions.yaml).
    let mut next_content = vec![None; lines.len() + 1];
    for (index, line) in lines.iter().enumerate().rev() {
        let line = line.trim();
        let own = (!line.is_empty() && !line.starts_with('#')).then_some(index);
        let later = next_content.get(index + 1).copied().flatten();
        if let Some(slot) = next_content.get_mut(index) {
            *slot = own.or(later);
        }
    }
    let mut found = Vec::new();
    for (index, line) in lines.iter().enumerate() {
        let Some(hash) = line.find('#') else { continue };
        let comment = line.get(hash + 1..).unwrap_or_default().trim_start();
        let Some(rest) = comment.strip_prefix(MARKER) else {
            continue;
        };
        let (codes, reason) = rest.split_once(':').unwrap_or((rest, ""));
        let codes = codes
            .split([',', ' '])
            .map(str::trim)
            .filter(|code| !code.is_empty())
            .map(str::to_owned)
            .collect();
        let own_line = line.get(..hash).unwrap_or_default().trim().is_empty();
        let target_line = if own_line {
            next_content
                .get(index + 1)
                .copied()
                .flatten()
                .map_or(index + 2, |next_index| next_index + 1)
        } else {
            index + 1
        };
        found.push(Suppression {
            line: index + 1,
            column: line
                .get(..hash)
                .map_or(1, |before| before.chars().count() + 1),
            hash_byte: hash,
            target_line,
            codes,
            reason: reason.trim().to_owned(),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn own_line_and_trailing_comments() {
        let source = Source::new(
            "plan.yaml",
            "a: 1\n# pathway-allow PW206: one role this year\n\n# other comment\nopportunities: []\nb: 2  # pathway-allow PW201, PW202:   typo kept on purpose\nc: 3 # pathway-allow PW100\n",
        );
        let found = find(&source);
        assert_eq!(found.len(), 3);
        assert_eq!((found[0].line, found[0].target_line), (2, 5));
        assert_eq!(found[0].codes, ["PW206"]);
        assert_eq!(found[0].reason, "one role this year");
        assert_eq!(
            (found[1].line, found[1].target_line, found[1].column),
            (6, 6, 7)
        );
        assert_eq!(found[1].codes, ["PW201", "PW202"]);
        assert_eq!(found[2].reason, "");
    }
}
