//! The one place that reads annotate-snippets' output as text.
//!
//! A finding on a window cut out of a long line is drawn as two groups (the origin with the real
//! column, then the window), and annotate-snippets draws an empty gutter line (`  |`) at the end
//! of the first and at the start of the second: one is dropped here. The library has no option
//! for it, so this reads its text; the tests below pin the text it is read from and fail loudly
//! when an upgrade changes it.

use annotate_snippets::{Group, Renderer};

/// Renders a finding's groups: the lead group, when there is one, and the finding's own.
pub(super) fn render(renderer: &Renderer, lead: Option<Group<'_>>, group: Group<'_>) -> String {
    match lead {
        Some(lead) => without_doubled_gutter(&renderer.render(&[lead, group])),
        None => renderer.render(&[group]),
    }
}

/// Two groups rendered together each draw an empty gutter line (`  |`) where they meet: keep one.
pub(super) fn without_doubled_gutter(rendered: &str) -> String {
    let mut out = String::with_capacity(rendered.len());
    let mut previous: Option<&str> = None;
    for line in rendered.split('\n') {
        let gutter = |text: &str| {
            // Colour codes (`ESC [ … m`) aside, nothing but spaces and the bar.
            let mut in_code = false;
            text.contains('|')
                && text.chars().all(|c| {
                    let plain = !in_code && c != '\u{1b}';
                    in_code = (in_code || c == '\u{1b}') && c != 'm';
                    !plain || c == ' ' || c == '|'
                })
        };
        if previous.is_some_and(|p| p == line && gutter(line)) {
            continue;
        }
        if previous.is_some() {
            out.push('\n');
        }
        out.push_str(line);
        previous = Some(line);
    }
    out
}

#[cfg(test)]
mod tests {
    use annotate_snippets::renderer::DecorStyle;
    use annotate_snippets::{AnnotationKind, Level, Origin, Snippet};

    use super::*;

    fn groups() -> (Group<'static>, Group<'static>) {
        let lead = Group::with_title(Level::ERROR.primary_title("a finding").id("PW201"))
            .element(Origin::path("plan.yaml").line(3).char_column(90));
        let group = Group::with_level(Level::ERROR).element(
            Snippet::source("…unlocked_by: [nowhere]…")
                .line_start(3)
                .annotation(AnnotationKind::Primary.span(16..23)),
        );
        (lead, group)
    }

    fn strip_colour(text: &str) -> String {
        let mut out = String::new();
        let mut in_code = false;
        for c in text.chars() {
            if c == '\u{1b}' {
                in_code = true;
            } else if in_code {
                in_code = c != 'm';
            } else {
                out.push(c);
            }
        }
        out
    }

    /// If this fails, annotate-snippets changed how it draws two groups: check whether it
    /// still doubles the gutter line, and change or remove `without_doubled_gutter`.
    #[test]
    fn the_library_still_draws_the_doubled_gutter_this_removes() {
        for renderer in [Renderer::plain(), Renderer::styled()] {
            let renderer = renderer.decor_style(DecorStyle::Ascii);
            let (lead, group) = groups();
            let raw = strip_colour(&renderer.render(&[lead, group]));
            assert!(
                raw.contains("  |\n  |\n"),
                "annotate-snippets' output changed; revisit snippets.rs:\n{raw}"
            );
            let (lead, group) = groups();
            let kept = render(&renderer, Some(lead), group);
            let plain = strip_colour(&kept);
            assert!(!plain.contains("  |\n  |\n"), "{plain}");
            assert_eq!(
                plain,
                raw.replacen("  |\n  |\n", "  |\n", 1),
                "only the doubled line goes"
            );
        }
    }
}
