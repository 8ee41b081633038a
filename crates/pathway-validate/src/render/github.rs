//! For GitHub Actions: workflow commands that annotate the pull request's files.
//!
//! `::error file=plan.yaml,line=39,col=19,endLine=39,endColumn=37,title=PW201 dangling-reference::message`

use std::io::{self, Write};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileReport;
use crate::render::{Emitter, RunTotals, Skipped};
use crate::rules;

use super::neutral;

/// Workflow commands written as the run goes: each problem and each plan's findings at once, the
/// notes on skipped files and configuration at the end. Holds only the configuration files met.
#[derive(Debug, Default)]
pub struct GithubEmitter {
    totals: RunTotals,
}

impl GithubEmitter {
    /// An emitter for a new run.
    pub fn new() -> GithubEmitter {
        GithubEmitter::default()
    }
}

impl Emitter for GithubEmitter {
    /// What kept a file from being checked: an error annotation of the run, on no file.
    fn problem(&mut self, out: &mut dyn Write, problem: &str) -> io::Result<()> {
        writeln!(out, "::error title=pathway::{}", escape_data(problem))
    }

    fn plan(&mut self, out: &mut dyn Write, report: &FileReport) -> io::Result<()> {
        self.totals.add(report);
        for diagnostic in &report.diagnostics {
            writeln!(out, "{}", command(&report.path, diagnostic))?;
        }
        let omitted = &report.omitted;
        if omitted.total() > 0 {
            // On the file, at the level of the most serious finding left out.
            let kind = if omitted.errors > 0 {
                "error"
            } else if omitted.warnings > 0 {
                "warning"
            } else {
                "notice"
            };
            writeln!(
                out,
                "::{kind} file={},title=pathway::{}",
                escape_property(&report.path),
                escape_data(&format!(
                    "{} more findings not shown ({} errors, {} warnings, {} infos); \
                     they count in the totals and the exit status",
                    omitted.total(),
                    omitted.errors,
                    omitted.warnings,
                    omitted.infos
                ))
            )?;
        }
        Ok(())
    }

    /// What the walk skipped and which configuration applied: notices of the run.
    fn finish(&mut self, out: &mut dyn Write, skipped: &[Skipped]) -> io::Result<()> {
        for line in super::skipped_summary(skipped) {
            writeln!(out, "::notice title=pathway::{}", escape_data(&line))?;
        }
        for file in skipped
            .iter()
            .filter(|file| file.reason != super::SkipReason::NotAPlan)
        {
            writeln!(
                out,
                "::notice file={},title=pathway::{}",
                escape_property(&file.path),
                escape_data(&file.reason.describe())
            )?;
        }
        for (config, plans) in self.totals.configs() {
            writeln!(
                out,
                "::notice title=pathway::{}",
                escape_data(&format!("rule settings from {config} ({plans})"))
            )?;
        }
        Ok(())
    }
}

/// One workflow command per finding: the problems first, then each plan's findings.
pub fn render(reports: &[FileReport], problems: &[String], skipped: &[Skipped]) -> String {
    super::emit_all(&mut GithubEmitter::new(), reports, problems, skipped)
}

fn command(path: &str, diagnostic: &Diagnostic) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    };
    let name = rules::find(diagnostic.code).map_or("", |rule| rule.name);
    let mut properties = vec![format!("file={}", escape_property(path))];
    if let Some(location) = diagnostic.place.location {
        properties.push(format!("line={}", location.start.line));
        properties.push(format!("col={}", location.start.column));
        properties.push(format!("endLine={}", location.end.line));
        properties.push(format!("endColumn={}", location.end.column));
    }
    properties.push(format!(
        "title={}",
        escape_property(&format!("{} {name}", diagnostic.code))
    ));
    // The message and help are one line each (user text in them is neutralised whole, a
    // newline included); the newline between them is the command's own.
    let mut message = neutral::inline(&diagnostic.message).into_owned();
    if let Some(help) = &diagnostic.help {
        message.push_str("\nhelp: ");
        message.push_str(&neutral::inline(help));
    }
    format!(
        "::{kind} {}::{}",
        properties.join(","),
        escape_data(&message)
    )
}

/// Escapes a command's message: `%`, carriage returns and newlines, which the runner decodes,
/// and every other control character, which it would print raw (see [`neutral`]).
fn escape_data(text: &str) -> String {
    percent_lines(
        &text
            .split('\n')
            .map(neutral::inline)
            .collect::<Vec<_>>()
            .join("\n"),
    )
}

fn percent_lines(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value: every control character, then `%`, `:` and `,`. A
/// newline in a file name stays a newline once decoded; it cannot end the command.
fn escape_property(text: &str) -> String {
    percent_lines(&neutral::inline(text))
        .replace(':', "%3A")
        .replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50% done\nnext"), "50%25 done%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
        // Regression: a file name with a newline and `::warning::` ended the command and
        // started another; escape sequences went raw into the log.
        assert_eq!(
            escape_property("x.yaml\n::warning::owned"),
            "x.yaml\\u{a}%3A%3Awarning%3A%3Aowned"
        );
        assert_eq!(escape_data("a\u{1b}[2Jb"), "a\\u{1b}[2Jb");
    }
}
