//! `docs/rules.md`: the rule catalog, generated from the registry so it always says what the
//! validator does.

use std::fmt::Write as _;

use crate::rules::RULES;

/// Where the catalog is committed, relative to the repository root.
pub const RULES_DOC_PATH: &str = "docs/rules.md";

/// The rule catalog as Markdown.
pub fn rules_reference() -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# Rules\n");
    let _ = writeln!(
        w,
        "<!-- Generated from the rule registry by `UPDATE_GENERATED=1 cargo test`. Do not edit by hand. -->\n"
    );
    let _ = writeln!(
        w,
        "`pathway validate` checks a plan in two stages: its structure against the published JSON \
         Schema, then the rules below over the typed plan. Codes are stable and never reused. \
         `pathway explain CODE` prints a rule's documentation; `pathway.toml` changes a rule's \
         severity or turns it off, and `# pathway-allow CODE: reason` silences one finding.\n"
    );
    let _ = writeln!(w, "| Code | Name | Default severity | Finds |");
    let _ = writeln!(w, "| --- | --- | --- | --- |");
    for rule in RULES {
        let _ = writeln!(
            w,
            "| [{code}](#{anchor}) | `{name}` | {severity} | {summary} |",
            code = rule.code,
            anchor = format!("{}-{}", rule.code, rule.name).to_ascii_lowercase(),
            name = rule.name,
            severity = rule.default_severity.as_str(),
            summary = rule.summary
        );
    }
    for rule in RULES {
        let _ = writeln!(w, "\n## {} {}\n", rule.code, rule.name);
        let _ = writeln!(w, "Default severity: {}.\n", rule.default_severity.as_str());
        if let crate::rules::Check::ByEngine(stage) = rule.check {
            let _ = writeln!(w, "Reported by the engine, {}.\n", stage.describe());
        }
        let _ = writeln!(w, "{}", markdown_block(&rule.documentation()));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A rule's documentation as a block of the catalog: its headings become bold lead-ins (the
/// catalog has one heading per rule), with blank lines around them and around code fences.
fn markdown_block(documentation: &str) -> String {
    let mut lines: Vec<String> = Vec::new();
    let mut in_fence = false;
    let blank_before = |lines: &mut Vec<String>| {
        if lines.last().is_some_and(|last| !last.is_empty()) {
            lines.push(String::new());
        }
    };
    for line in documentation.lines() {
        if line.starts_with("```") {
            if in_fence {
                lines.push(line.to_owned());
                lines.push(String::new());
            } else {
                blank_before(&mut lines);
                lines.push(line.to_owned());
            }
            in_fence = !in_fence;
        } else if let Some(heading) = line.strip_prefix("## ").filter(|_| !in_fence) {
            blank_before(&mut lines);
            lines.push(format!("**{heading}:**"));
            lines.push(String::new());
        } else if line.is_empty() && lines.last().is_some_and(String::is_empty) {
            continue;
        } else {
            lines.push(line.to_owned());
        }
    }
    lines.join("\n").trim().to_owned()
}
