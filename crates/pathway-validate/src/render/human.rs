//! For people at a terminal: each finding with its code, `path:line:column`, the source line
//! and a caret, then what to do; a coverage summary per area at the end of each file.

use std::fmt::Write as _;

use annotate_snippets::renderer::DecorStyle;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use pathway_schema::source::{Location, Source};

use crate::diagnostic::{Diagnostic, Severity};
use crate::engine::{FileReport, Tally};
use crate::render::{RunCounts, RunTotals, SkipReason, Skipped, neutral, snippets};

/// How to print.
#[derive(Debug, Clone, Copy, Default)]
pub struct HumanOptions {
    /// Use colour (only on a terminal, and never when `NO_COLOR` is set).
    pub color: bool,
    /// Print information findings in full (after the errors and warnings), rather than one
    /// line that sums them up.
    pub show_info: bool,
}

/// Prints one file's findings and its coverage summary.
pub fn render_file(report: &FileReport, options: HumanOptions) -> String {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    }
    .decor_style(DecorStyle::Ascii);
    let path = neutral::inline(&report.path);
    let mut out = String::new();
    // Errors and warnings first, in source order; information after them, which is what a
    // district leader reads last: decisions for a later level, never a failure.
    let (infos, serious): (Vec<&Diagnostic>, Vec<&Diagnostic>) = report
        .diagnostics
        .iter()
        .partition(|diagnostic| diagnostic.severity == Severity::Info);
    let shown = if options.show_info {
        serious.iter().chain(infos.iter()).copied().collect()
    } else {
        serious
    };
    for diagnostic in shown {
        out.push_str(&render_diagnostic(&renderer, &path, report, diagnostic));
        out.push_str("\n\n");
    }
    if !options.show_info && !infos.is_empty() {
        let _ = writeln!(
            out,
            "{path}: {}; add --show-info to list them\n",
            info_summary(&infos)
        );
    }
    if report.omitted.total() > 0 {
        let _ = writeln!(
            out,
            "{path}: {} more findings not shown ({}); fix the ones above first\n",
            report.omitted.total(),
            tally(&report.omitted)
        );
    }
    if !report.coverage.is_empty() {
        let level = report.readiness.map_or("", |level| level.as_str());
        let _ = writeln!(
            out,
            "{path}: decision points answered at the `{level}` level:"
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
    if options.color {
        // Every piece of user text is neutralised on its way in; the colour codes are ours.
        out
    } else {
        // And a second time, whole, where no escape sequence of ours can be caught up in it.
        neutral::block(&out).into_owned()
    }
}

/// `6 infos (PW101 decision-point-for-later: 6)`: how many, by rule.
fn info_summary(infos: &[&Diagnostic]) -> String {
    let mut by_rule: Vec<(&str, usize)> = Vec::new();
    for diagnostic in infos {
        match by_rule
            .iter_mut()
            .find(|(code, _)| *code == diagnostic.code)
        {
            Some((_, n)) => *n += 1,
            None => by_rule.push((diagnostic.code, 1)),
        }
    }
    by_rule.sort();
    let rules: Vec<String> = by_rule
        .iter()
        .map(|(code, n)| {
            let name = crate::rules::find(code).map_or("", |rule| rule.name);
            format!("{code} {name}: {n}")
        })
        .collect();
    format!("{} ({})", plural(infos.len(), "info"), rules.join(", "))
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `3 errors, 1 warning, 0 infos`.
fn tally(tally: &Tally) -> String {
    format!(
        "{}, {}, {}",
        plural(tally.errors, "error"),
        plural(tally.warnings, "warning"),
        plural(tally.infos, "info")
    )
}

/// What follows the closing line: the files a folder walk skipped (counted, with a note for
/// each that is not a regular file) and the configuration files that applied, from the run's
/// totals (see [`RunTotals`]: the findings are printed plan by plan, and not kept).
pub fn render_notes(totals: &RunTotals, skipped: &[Skipped]) -> String {
    let mut out = String::new();
    for file in skipped
        .iter()
        .filter(|file| file.reason != SkipReason::NotAPlan)
    {
        let _ = writeln!(
            out,
            "note: {}: {}",
            neutral::inline(&file.path),
            file.reason.describe()
        );
    }
    for line in super::skipped_summary(skipped) {
        let _ = writeln!(out, "{line}");
    }
    for (config, plans) in totals.configs() {
        let _ = writeln!(
            out,
            "rule settings from {} ({plans})",
            neutral::inline(config)
        );
    }
    out
}

/// The closing line of a run: `3 plans: 2 errors, 1 warning, 5 infos`.
pub fn render_summary(summary: &RunCounts) -> String {
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

fn render_diagnostic(
    renderer: &Renderer,
    path: &str,
    report: &FileReport,
    diagnostic: &Diagnostic,
) -> String {
    let (line, column) = diagnostic.start();
    let origin = format!("{path}:{line}:{column}");
    let message = neutral::inline(&diagnostic.message);
    let title = level(diagnostic.severity)
        .primary_title(message.as_ref())
        .id(diagnostic.code);
    let excerpt = report
        .source
        .as_ref()
        .zip(diagnostic.place.location)
        .and_then(|(source, location)| excerpt(source, location))
        .map(|excerpt| {
            let (text, span) = neutral::quoted_source(&excerpt.text, excerpt.span.clone());
            Excerpt {
                text: std::borrow::Cow::Owned(text.into_owned()),
                span,
                ..excerpt
            }
        });
    // A window cut out of a long line cannot count the line's columns, so the origin line
    // with the real column goes in a group of its own, followed by the window.
    let mut lead = None;
    let mut group = match excerpt {
        Some(excerpt) if excerpt.windowed => {
            let column = diagnostic.place.location.map_or(1, |l| l.start.column);
            lead = Some(
                title.element(
                    annotate_snippets::Origin::path(path)
                        .line(excerpt.first_line)
                        .char_column(column),
                ),
            );
            Group::with_level(level(diagnostic.severity)).element(
                Snippet::source(excerpt.text)
                    .line_start(excerpt.first_line)
                    .annotation(AnnotationKind::Primary.span(excerpt.span)),
            )
        }
        Some(excerpt) => title.element(
            Snippet::source(excerpt.text)
                .line_start(excerpt.first_line)
                .path(path)
                .annotation(AnnotationKind::Primary.span(excerpt.span)),
        ),
        None => title.element(annotate_snippets::Origin::path(origin.as_str())),
    };
    let mut notes: Vec<String> = diagnostic
        .related
        .iter()
        .map(|related| match related.place.location {
            Some(location) => format!(
                "{} ({path}:{}:{})",
                neutral::inline(&related.message),
                location.start.line,
                location.start.column
            ),
            None => neutral::inline(&related.message).into_owned(),
        })
        .collect();
    if let Some(point) = diagnostic
        .decision_point
        .as_deref()
        .filter(|point| !diagnostic.message.contains(&format!("`{point}`")))
    {
        notes.push(format!("decision point: {point}"));
    }
    for note in &notes {
        group = group.element(Level::NOTE.message(note.as_str()));
    }
    let help = diagnostic.help.as_deref().map(neutral::inline);
    if let Some(help) = &help {
        group = group.element(Level::HELP.message(help.as_ref()));
    }
    snippets::render(renderer, lead, group)
}

struct Excerpt<'a> {
    text: std::borrow::Cow<'a, str>,
    first_line: usize,
    span: std::ops::Range<usize>,
    /// Whether `text` is a window cut out of one long line rather than whole lines.
    windowed: bool,
}

/// The longest line shown whole; a longer one is shown as a window around the finding.
const LONGEST_LINE: usize = 400;

/// Characters of a long line shown before the finding's start, and at most after it.
const WINDOW_BEFORE: usize = 100;
const WINDOW_AFTER: usize = 200;

/// The lines a location covers (at most three), and the location's byte range within them.
fn excerpt(source: &Source, location: Location) -> Option<Excerpt<'_>> {
    let first_line = location.start.line;
    let last_line = location.end.line.clamp(first_line, first_line + 2);
    let text = source.text();
    let begin = source.line_start(first_line)?;
    let end = source
        .line_start(last_line + 1)
        .map_or(text.len(), |next| next.saturating_sub(1).max(begin));
    let excerpt = text.get(begin..end)?;
    // Regression: a finding on a 1 MB line printed (and measured) the whole line, and a
    // thousand findings on a one-line JSON plan took minutes.
    if excerpt.len() > LONGEST_LINE * 4 || excerpt.lines().any(|l| l.len() > LONGEST_LINE) {
        let long = source
            .line(first_line)
            .is_some_and(|line| line.chars().nth(LONGEST_LINE).is_some());
        if long {
            return window(source, location);
        }
    }
    let column_offset = |line: usize, column: usize| -> usize {
        let line_begin = source.line_start(line).unwrap_or(begin);
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
    Some(Excerpt {
        text: std::borrow::Cow::Borrowed(excerpt),
        first_line,
        span: non_empty(excerpt, span_start, span_end),
        windowed: false,
    })
}

/// A short window of one long line around a location, cut at characters and marked with `…`
/// where it was cut; the span ends at the window's end when the location runs past it. Works
/// from byte offsets, so it costs the same at the start of a 30 MB line as at its end.
fn window(source: &Source, location: Location) -> Option<Excerpt<'_>> {
    let line_start = source.line_start(location.start.line)?;
    let line_end = source
        .line_start(location.start.line + 1)
        .map_or(source.text().len(), |next| next.saturating_sub(1));
    let line = source.text().get(line_start..line_end)?;
    let line = line.strip_suffix('\r').unwrap_or(line);
    let start = source.offset(location.start)?.saturating_sub(line_start);
    let end = if location.end.line == location.start.line {
        source
            .offset(location.end)
            .map_or(start, |end| end.saturating_sub(line_start).max(start))
    } else {
        line.len()
    };
    let before = line.get(..start)?;
    let from = before
        .char_indices()
        .rev()
        .nth(WINDOW_BEFORE - 1)
        .map_or(0, |(i, _)| i);
    let after = line.get(start..)?;
    let to = start
        + after
            .char_indices()
            .nth(WINDOW_AFTER)
            .map_or(after.len(), |(i, _)| i);
    let mut text = String::new();
    if from > 0 {
        text.push('…');
    }
    let shift = text.len();
    text.push_str(line.get(from..to)?);
    if to < line.len() {
        text.push('…');
    }
    let span_start = shift + (start - from);
    let span_end = shift + (end.min(to) - from);
    let span = non_empty(&text, span_start, span_end);
    Some(Excerpt {
        text: std::borrow::Cow::Owned(text),
        first_line: location.start.line,
        span,
        windowed: true,
    })
}

/// `start..end`, or the one character at `start` when that is empty: a span needs a caret.
fn non_empty(text: &str, start: usize, end: usize) -> std::ops::Range<usize> {
    if end > start {
        return start..end;
    }
    let end = text
        .get(start..)
        .and_then(|rest| rest.chars().next())
        .map_or(start, |c| start + c.len_utf8());
    start..end
}
