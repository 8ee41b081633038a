//! For people at a terminal: each finding with its code, `path:line:column`, the source line
//! and a caret, then what to do; a coverage summary per area at the end of each file.

use std::fmt::Write as _;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use pathway_schema::source::{Location, Source};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::FileReport;
use crate::render::Summary;

/// How to print.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Use colour (only on a terminal, and never when `NO_COLOR` is set).
    pub color: bool,
}

/// Prints one file's findings and its coverage summary.
pub fn render_file(report: &FileReport, options: HumanOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        out.push_str(&render_diagnostic(&renderer, report, diagnostic));
        out.push_str("\n\n");
    }
    if report.omitted > 0 {
        let _ = writeln!(
            out,
            "{}: {} more findings not shown; fix the ones above first\n",
            report.path, report.omitted
        );
    }
    if !report.coverage.is_empty() {
        let level = report.readiness.map_or("", |level| level.as_str());
        let _ = writeln!(
            out,
            "{}: decision points answered at the `{level}` level:",
            report.path
        );
        for area in &report.coverage {
            let mark = if area.answered == area.required {
                "ok"
            } else {
                "  "
            };
            let _ = writeln!(
                out,
                "  {mark} {:<36} {}/{} answered",
                area.area.title(),
                area.answered,
                area.required
            );
        }
        out.push('\n');
    }
    out
}

/// The closing line of a run: `3 plans: 2 errors, 1 warning, 5 infos`.
pub fn render_summary(summary: &Summary) -> String {
    let plural = |n: usize, word: &str| {
        if n == 1 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    format!(
        "{}: {}, {}, {}\n",
        plural(summary.files, "plan"),
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
        plural(summary.infos, "info")
    )
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn render_diagnostic(renderer: &Renderer, report: &FileReport, diagnostic: &Diagnostic) -> String {
    let (line, column) = diagnostic.start();
    let origin = format!("{}:{line}:{column}", report.path);
    let title = level(diagnostic.severity)
        .primary_title(diagnostic.message.as_str())
        .id(diagnostic.code);
    let snippet = report
        .source
        .as_ref()
        .zip(diagnostic.place.location)
        .and_then(|(source, location)| excerpt(source, location))
        .map(|excerpt| {
            Snippet::source(excerpt.text)
                .line_start(excerpt.first_line)
                .path(report.path.as_str())
                .annotation(AnnotationKind::Primary.span(excerpt.span))
        });
    let mut group = match snippet {
        Some(snippet) => title.element(snippet),
        None => title.element(annotate_snippets::Origin::path(origin.as_str())),
    };
    let mut notes: Vec<String> = diagnostic
        .related
        .iter()
        .map(|related| match related.place.location {
            Some(location) => format!(
                "{} ({}:{}:{})",
                related.message, report.path, location.start.line, location.start.column
            ),
            None => related.message.clone(),
        })
        .collect();
    if let Some(point) = diagnostic
        .decision_point
        .filter(|point| !diagnostic.message.contains(&format!("`{point}`")))
    {
        notes.push(format!("decision point: {point}"));
    }
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    if let Some(help) = &diagnostic.help {
        group = group.element(Level::HELP.message(help.as_str()));
    }
    renderer.render(&[group])
}

struct Excerpt<'a> {
    text: &'a str,
    first_line: usize,
    span: std::ops::Range<usize>,
}

/// The lines a location covers (at most three), and the location's byte range within them.
fn excerpt(source: &Source, location: Location) -> Option<Excerpt<'_>> {
    let first_line = location.start.line;
    let last_line = location.end.line.clamp(first_line, first_line + 2);
    let text = source.text();
    let start_of = |line: usize| offset_of_line(source, line);
    let begin = start_of(first_line)?;
    let end = start_of(last_line + 1).map_or(text.len(), |next| next.saturating_sub(1).max(begin));
    let excerpt = text.get(begin..end)?;
    let column_offset = |line: usize, column: usize| -> usize {
        let line_begin = start_of(line).unwrap_or(begin);
        let line_text = text.get(line_begin..).unwrap_or_default();
        let within: usize = line_text
            .chars()
            .take(column.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        line_begin + within - begin
    };
    let span_start = column_offset(first_line, location.start.column).min(excerpt.len());
    let span_end = if location.end.line > last_line {
        excerpt.len()
    } else {
        column_offset(location.end.line.max(first_line), location.end.column).min(excerpt.len())
    };
    let span_end = if span_end <= span_start {
        // An empty span still needs one caret.
        excerpt
            .get(span_start..)
            .and_then(|rest| rest.chars().next())
            .map_or(span_start, |c| span_start + c.len_utf8())
    } else {
        span_end
    };
    Some(Excerpt {
        text: excerpt,
        first_line,
        span: span_start..span_end,
    })
}

fn offset_of_line(source: &Source, line: usize) -> Option<usize> {
    let text = source.text();
    if line == 1 {
        return Some(0);
    }
    text.match_indices('\n')
        .nth(line.checked_sub(2)?)
        .map(|(i, _)| i + 1)
}
