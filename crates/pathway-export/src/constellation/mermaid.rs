//! The constellation as a Mermaid flowchart.
//!
//! Node names are generated (`credential_1`, `stack_1`, `opportunity_1`), never taken from the plan: a plan id such as
//! `end` is a Mermaid keyword. Labels go through [`label`], which turns every character Mermaid or
//! the surrounding Markdown fence could read as syntax into a Mermaid entity code.

use std::fmt::Write;

use super::{Constellation, Unlock};
use crate::prose::format_hours;

const STAYS_STYLE: &str = "fill:#dcefe3,stroke:#2f7a4d";
const LEAVES_STYLE: &str = "fill:#f2f2f2,stroke:#7a7a7a,stroke-dasharray:5 3";

/// Writes the flowchart, without the Markdown fence around it.
pub(super) fn flowchart(constellation: &Constellation) -> String {
    let mut out = String::from("flowchart LR\n");
    for (index, stack) in constellation.stacks.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph stack_{}[\"{}\"]",
            index + 1,
            label(&format!("Stack: {}", stack.title))
        );
        out.push_str("    direction TB\n");
        for member in &stack.members {
            write_credential(&mut out, constellation, *member, "    ");
        }
        out.push_str("  end\n");
    }
    for (index, frame) in constellation.frames().into_iter().enumerate() {
        if frame.is_none() {
            write_credential(&mut out, constellation, index, "  ");
        }
    }
    for (index, opportunity) in constellation.opportunities.iter().enumerate() {
        let place = if opportunity.stays_in_classroom {
            "stays in the classroom"
        } else {
            "leaves the classroom"
        };
        let mut text = format!(
            "{}<br/>{} · {place}",
            label(&opportunity.title),
            label(&opportunity.kind)
        );
        if let Some(requires) = &opportunity.requires {
            text.push_str(&format!("<br/>{}", label(requires)));
        }
        let (open, close) = if opportunity.stays_in_classroom {
            ("([", "])")
        } else {
            ("[", "]")
        };
        let _ = writeln!(out, "  opportunity_{}{open}\"{text}\"{close}", index + 1);
    }
    for (index, stack) in constellation.stacks.iter().enumerate() {
        for also in &stack.also {
            let _ = writeln!(
                out,
                "  credential_{} -. also in .-> stack_{}",
                also + 1,
                index + 1
            );
        }
    }
    for link in &constellation.links {
        let from = match link.from {
            Unlock::Credential(index) => format!("credential_{}", index + 1),
            Unlock::Stack(index) => format!("stack_{}", index + 1),
        };
        let _ = writeln!(out, "  {from} --> opportunity_{}", link.to + 1);
    }
    let _ = writeln!(out, "  classDef stays {STAYS_STYLE}");
    let _ = writeln!(out, "  classDef leaves {LEAVES_STYLE}");
    for (class, stays) in [("stays", true), ("leaves", false)] {
        let nodes: Vec<String> = constellation
            .opportunities
            .iter()
            .enumerate()
            .filter(|(_, opportunity)| opportunity.stays_in_classroom == stays)
            .map(|(index, _)| format!("opportunity_{}", index + 1))
            .collect();
        if !nodes.is_empty() {
            let _ = writeln!(out, "  class {} {class}", nodes.join(","));
        }
    }
    out
}

fn write_credential(out: &mut String, constellation: &Constellation, index: usize, indent: &str) {
    let Some(credential) = constellation.credentials.get(index) else {
        return;
    };
    let text = match credential.hours {
        Some(hours) => format!(
            "{}<br/>{}",
            label(&credential.title),
            label(&format_hours(hours))
        ),
        None => label(&credential.title),
    };
    let _ = writeln!(out, "{indent}credential_{}[\"{text}\"]", index + 1);
}

/// Text made safe for a quoted Mermaid label inside a Markdown code fence: whitespace collapsed,
/// and quotes, angle brackets, ampersands, hashes, backticks, semicolons and pipes written as
/// Mermaid entity codes.
pub(super) fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars() {
            match c {
                '"' => out.push_str("#quot;"),
                '#' => out.push_str("#35;"),
                '<' => out.push_str("#lt;"),
                '>' => out.push_str("#gt;"),
                '&' => out.push_str("#amp;"),
                '`' => out.push_str("#96;"),
                ';' => out.push_str("#59;"),
                '|' => out.push_str("#124;"),
                '\\' => out.push_str("#92;"),
                '{' => out.push_str("#123;"),
                '}' => out.push_str("#125;"),
                c if crate::prose::is_dropped(c) => {}
                c => out.push(c),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_cannot_break_out() {
        let escaped = label("a \"quote\" <script> ```end``` ; | # & \\");
        assert!(!escaped.contains('"'));
        assert!(!escaped.contains('<'));
        assert!(!escaped.contains('`'));
        assert!(!escaped.contains(" ; "));
        assert_eq!(label("  two\n lines "), "two lines");
    }
}
