//! Whether to colour output and draw progress, read from the environment the way other
//! command-line tools read it.
//!
//! `--color always|never` decides alone. With `--color auto` (the default), in this order:
//! `NO_COLOR` set and not empty turns colour off (<https://no-color.org>); `CLICOLOR_FORCE` set
//! and not `0` turns it on even when the output is not a terminal, as CI logs that show colour
//! ask (<https://bixense.com/clicolors/>); `TERM=dumb` turns it off; otherwise colour is used
//! when the stream is a terminal. A progress bar redraws its line with escape sequences, so it
//! is drawn only on a terminal that is not `dumb`, and never asked for by `CLICOLOR_FORCE`.

use std::io::IsTerminal;

/// An output stream.
#[derive(Debug, Clone, Copy)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
}

impl Stream {
    fn is_terminal(self) -> bool {
        match self {
            Stream::Stdout => std::io::stdout().is_terminal(),
            Stream::Stderr => std::io::stderr().is_terminal(),
        }
    }
}

/// Whether `--color auto` colours what goes to `stream`.
pub fn colors(stream: Stream) -> bool {
    colors_with(stream.is_terminal(), |name| std::env::var_os(name))
}

/// Whether a progress bar may be drawn on `stream`.
pub fn draws_progress(stream: Stream) -> bool {
    stream.is_terminal() && !dumb(|name| std::env::var_os(name))
}

fn colors_with(is_terminal: bool, var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    let set = |name: &str| var(name).is_some_and(|value| !value.is_empty());
    if set("NO_COLOR") {
        return false;
    }
    if set("CLICOLOR_FORCE") && var("CLICOLOR_FORCE").is_some_and(|value| value != "0") {
        return true;
    }
    !dumb(&var) && is_terminal
}

fn dumb(var: impl Fn(&str) -> Option<std::ffi::OsString>) -> bool {
    var("TERM").is_some_and(|term| term == "dumb")
}

#[cfg(test)]
mod tests {
    use std::ffi::OsString;

    use super::colors_with;

    fn with(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<OsString> {
        let pairs: Vec<(String, OsString)> = pairs
            .iter()
            .map(|(name, value)| ((*name).to_owned(), OsString::from(value)))
            .collect();
        move |name| {
            pairs
                .iter()
                .find(|(have, _)| have == name)
                .map(|(_, value)| value.clone())
        }
    }

    #[test]
    fn the_environment_decides_as_documented() {
        type Environment<'a> = &'a [(&'a str, &'a str)];
        // (terminal, environment, colour)
        let cases: &[(bool, Environment<'_>, bool)] = &[
            (true, &[], true),
            (false, &[], false),
            (true, &[("NO_COLOR", "1")], false),
            // An empty NO_COLOR is not set.
            (true, &[("NO_COLOR", "")], true),
            (false, &[("CLICOLOR_FORCE", "1")], true),
            (false, &[("CLICOLOR_FORCE", "0")], false),
            (false, &[("CLICOLOR_FORCE", "")], false),
            (false, &[("CLICOLOR_FORCE", "1"), ("TERM", "dumb")], true),
            (false, &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")], false),
            (true, &[("TERM", "dumb")], false),
            (true, &[("TERM", "xterm-256color")], true),
        ];
        for (terminal, environment, expected) in cases {
            assert_eq!(
                colors_with(*terminal, with(environment)),
                *expected,
                "terminal: {terminal}, environment: {environment:?}"
            );
        }
    }
}
