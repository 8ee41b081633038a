//! PW003 invalid-suppression, reported by the engine: `# pathway-allow` comments silence the
//! findings on their line, and the comments that silence nothing, give no reason or name no
//! rule become findings themselves.

use std::collections::HashMap;

use pathway_schema::load::{Node, SourceTree, Syntax};
use pathway_schema::source::Location;

use super::{FileReport, MAX_FINDINGS};
use crate::config::{RuleSettings, Setting};
use crate::diagnostic::{Diagnostic, Place};
use crate::rules::{self, EngineStage, Rule};
use crate::suppress;

/// Removes the findings a suppression comment silences, and adds a PW003 finding for each
/// comment that is wrong.
pub(super) fn apply_suppressions(
    report: &mut FileReport,
    document: &SourceTree,
    settings: &RuleSettings,
) {
    if document.format() != Syntax::Yaml {
        return;
    }
    // Findings by line, so that each suppression looks only at its own line's findings.
    // Regression: every suppression scanned every finding, and complaints about suppressions
    // were not counted against MAX_FINDINGS (tests/hostile/many-suppressions.yaml).
    let mut by_line: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, diagnostic) in report.diagnostics.iter().enumerate() {
        by_line.entry(diagnostic.start().0).or_default().push(i);
    }
    let mut silenced = vec![false; report.diagnostics.len()];
    // The lines of each rule's findings, sorted, to say where a misplaced suppression's finding
    // actually is.
    let mut lines_of: HashMap<&'static str, Vec<usize>> = HashMap::new();
    for diagnostic in &report.diagnostics {
        lines_of
            .entry(diagnostic.code)
            .or_default()
            .push(diagnostic.start().0);
    }
    for lines in lines_of.values_mut() {
        lines.sort_unstable();
    }
    let mut complaints: Vec<(usize, usize, String, String)> = Vec::new();
    for suppression in suppress::find(document.source()) {
        // Regression: a `# pathway-allow` line inside a block scalar (text, not a comment)
        // suppressed a finding. Only a real comment may.
        let offset = document
            .source()
            .line_start(suppression.line)
            .map(|start| start + suppression.hash_byte);
        if offset.is_some_and(|offset| inside_text(document.root(), offset)) {
            continue;
        }
        // A suppression names rules by code or by name, as the configuration does.
        let named: Vec<Option<&'static Rule>> = suppression
            .codes
            .iter()
            .map(|code| rules::find(code))
            .collect();
        let complaint = if suppression.codes.is_empty() {
            Some((
                "`# pathway-allow` names no rule".to_owned(),
                "write `# pathway-allow CODE: reason`".to_owned(),
            ))
        } else if suppression.reason.is_empty() {
            Some((
                format!(
                    "the suppression of {} gives no reason",
                    suppression.codes.join(", ")
                ),
                "write why after a colon: `# pathway-allow CODE: reason`".to_owned(),
            ))
        } else if let Some(unknown) = suppression
            .codes
            .iter()
            .zip(&named)
            .find_map(|(code, rule)| rule.is_none().then_some(code))
        {
            Some((
                format!("`{unknown}` is not a rule code or name"),
                "`pathway rules` lists the codes and names".to_owned(),
            ))
        } else {
            let codes: Vec<&str> = named.iter().flatten().map(|rule| rule.code).collect();
            let mut matched = false;
            for &i in by_line.get(&suppression.target_line).into_iter().flatten() {
                let (Some(diagnostic), Some(flag)) =
                    (report.diagnostics.get(i), silenced.get_mut(i))
                else {
                    continue;
                };
                if !*flag
                    && diagnostic.code != rules::reported_at(EngineStage::Parse).code
                    && codes.contains(&diagnostic.code)
                {
                    *flag = true;
                    matched = true;
                }
            }
            (!matched).then(|| {
                let message = format!(
                    "the suppression of {} matches no finding on line {}",
                    suppression.codes.join(", "),
                    suppression.target_line
                );
                // Regression: the complaint did not say where the finding it could have
                // silenced actually is.
                let nearest = codes
                    .iter()
                    .filter_map(|code| {
                        let lines = lines_of.get(code)?;
                        nearest_line(lines, suppression.target_line).map(|line| (line, *code))
                    })
                    .min_by_key(|(line, _)| line.abs_diff(suppression.target_line));
                let help = match nearest {
                    Some((line, code)) => format!(
                        "the nearest {code} finding is on line {line}: move the comment onto that line or just above it, or remove it"
                    ),
                    None => format!(
                        "no {} finding is left in this plan: remove the suppression",
                        codes.join(" or ")
                    ),
                };
                (message, help)
            })
        };
        if let Some((message, help)) = complaint {
            complaints.push((suppression.line, suppression.column, message, help));
        }
    }
    let mut silenced = silenced.into_iter();
    report
        .diagnostics
        .retain(|_| !silenced.next().unwrap_or(false));
    let Setting::Severity(severity) = settings.get(rules::reported_at(EngineStage::Suppressions))
    else {
        return;
    };
    // At most MAX_FINDINGS complaints are kept, all of one severity, so the cut that follows
    // still keeps the most serious findings; the rest are counted.
    let kept = complaints.len().min(MAX_FINDINGS);
    report.omitted.add(severity, complaints.len() - kept);
    for (line, column, message, help) in complaints.into_iter().take(kept) {
        let position = pathway_schema::source::Position { line, column };
        report.diagnostics.push(Diagnostic {
            code: rules::reported_at(EngineStage::Suppressions).code,
            severity,
            message,
            help: Some(help),
            decision_point: None,
            place: Place {
                pointer: String::new(),
                location: Some(Location {
                    start: position,
                    end: position,
                }),
            },
            related: Vec::new(),
        });
    }
}

/// The line in `lines` (sorted) nearest to `target`.
fn nearest_line(lines: &[usize], target: usize) -> Option<usize> {
    let after = lines.partition_point(|&line| line < target);
    let below = after.checked_sub(1).and_then(|i| lines.get(i));
    let above = lines.get(after);
    match (below, above) {
        (Some(&b), Some(&a)) => Some(if target - b <= a - target { b } else { a }),
        (Some(&b), None) => Some(b),
        (None, Some(&a)) => Some(a),
        (None, None) => None,
    }
}

/// Whether a byte offset falls inside a text value or a key, such as a line of a block scalar
/// (`|`), where a `#` is text rather than a comment. Children are in source order, so each
/// level is a binary search: a million suppression comments cost a million short descents.
fn inside_text(node: &Node, offset: usize) -> bool {
    use pathway_schema::load::NodeValue;
    let contains =
        |span: &pathway_schema::load::ByteSpan| span.start <= offset && offset < span.end;
    if !contains(&node.span) {
        return false;
    }
    match &node.value {
        NodeValue::String(_) => true,
        NodeValue::Seq(items) => {
            let at = items.partition_point(|item| item.span.end <= offset);
            items.get(at).is_some_and(|item| inside_text(item, offset))
        }
        NodeValue::Map(entries) => {
            let at = entries
                .partition_point(|entry| entry.key_span.end.max(entry.value.span.end) <= offset);
            entries
                .get(at)
                .is_some_and(|entry| contains(&entry.key_span) || inside_text(&entry.value, offset))
        }
        _ => false,
    }
}
