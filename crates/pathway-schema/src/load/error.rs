//! Why a plan could not be loaded, and where.

use std::fmt;

use crate::source::{Location, Position};

/// What kind of problem stopped a plan from loading.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LoadErrorKind {
    /// The file could not be read: it does not exist, or is a directory, or permission is denied.
    Io,
    /// The text is not UTF-8, or holds bytes that a text file never does.
    Encoding,
    /// The text is not valid YAML or JSON.
    Syntax,
    /// A limit was exceeded: input size, nesting depth, alias expansion, string length, nodes.
    Limit,
    /// The text uses a YAML feature plans do not allow: tags, several documents.
    Unsupported,
    /// A mapping has the same key twice.
    DuplicateKey,
    /// A key the format does not define.
    UnknownKey,
    /// A key the format requires is missing.
    MissingKey,
    /// A value of the wrong type, such as text where a list belongs.
    WrongType,
    /// A value of the right type that is not allowed, such as an unknown word or a bad date.
    InvalidValue,
}

impl LoadErrorKind {
    /// A short, stable name for the kind, such as `unknown-key`.
    pub fn as_str(self) -> &'static str {
        match self {
            LoadErrorKind::Io => "io",
            LoadErrorKind::Encoding => "encoding",
            LoadErrorKind::Syntax => "syntax",
            LoadErrorKind::Limit => "limit",
            LoadErrorKind::Unsupported => "unsupported",
            LoadErrorKind::DuplicateKey => "duplicate-key",
            LoadErrorKind::UnknownKey => "unknown-key",
            LoadErrorKind::MissingKey => "missing-key",
            LoadErrorKind::WrongType => "wrong-type",
            LoadErrorKind::InvalidValue => "invalid-value",
        }
    }
}

/// A plan that could not be loaded: what went wrong, where, and what to do about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// What kind of problem it is.
    pub kind: LoadErrorKind,
    /// The file's name as given (`<stdin>` for standard input).
    pub file: String,
    /// What went wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something to say.
    pub help: Option<String>,
    /// Where in the file, when known.
    pub location: Option<Location>,
    /// The JSON Pointer of the value concerned, when known.
    pub pointer: Option<String>,
}

impl LoadError {
    /// An error about the file as a whole is placed at its start, line 1, column 1, so every
    /// message about a file's content has a position; only a file that cannot be read has none.
    pub(crate) fn new(kind: LoadErrorKind, file: &str, message: impl Into<String>) -> Self {
        let start = Position { line: 1, column: 1 };
        LoadError {
            kind,
            file: file.to_owned(),
            message: message.into(),
            help: None,
            location: (kind != LoadErrorKind::Io).then_some(Location { start, end: start }),
            pointer: None,
        }
    }

    pub(crate) fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub(crate) fn at(mut self, location: Location) -> Self {
        self.location = Some(location);
        self
    }
}

impl fmt::Display for LoadError {
    /// One line: `file:line:column: message`, then `; help` when there is help.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(location) = &self.location {
            write!(f, ":{}:{}", location.start.line, location.start.column)?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, "; {help}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}
