//! Paths and messages on their way to a terminal or a CI log: see
//! [`pathway_validate::render::neutral`] for what is unsafe and why.

use std::io::Write;
use std::path::Path;

use pathway_validate::render::neutral;

/// A path as it may be shown: its control characters, newlines among them, escaped.
pub fn shown(path: &Path) -> String {
    neutral::inline(&path.display().to_string()).into_owned()
}

/// Prints an error message on standard error, neutralised whole: a path or a value inside it
/// cannot start a workflow command or send an escape sequence.
pub fn print_error(message: &str) {
    print_line(&format!("error: {message}"));
}

/// Prints a line on standard error, neutralised. A standard error that cannot be written
/// (closed, or a full disk) is not worth a panic: the exit status still tells.
pub fn print_line(message: &str) {
    let _ = writeln!(std::io::stderr().lock(), "{}", neutral::inline(message));
}
