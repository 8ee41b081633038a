//! Loading plans from YAML and JSON, with limits, into typed plans that remember positions.
//!
//! Loading has three steps, each usable on its own:
//! [`read`] takes bytes from a file or standard input, bounded by [`Limits::max_input_bytes`], and
//! checks that they are UTF-8 text; [`parse`] turns the text into a [`SourceTree`], a tree of nodes
//! that knows the line and column of every value; [`SourceTree::plan`] reads the typed [`Plan`] out
//! of it. [`load`] does all three.
//!
//! ```
//! use pathway_schema::load::{load_str, LoadErrorKind};
//!
//! let error = load_str("plan.yaml", "schema_version: 1\nid: demo\nreadiness: exploring\n\
//!     organization: {name: Demo, kind: district}\ngoal: {}\n").unwrap_err();
//! assert_eq!(error.kind, LoadErrorKind::UnknownKey);
//! assert_eq!(error.to_string(), "plan.yaml:5:1: unknown key `goal` in the plan; did you mean `goals`?");
//! ```

mod de;
mod error;
mod fast;
mod json;
mod library;
pub mod migrate;
mod mistakes;
mod syntax;
mod tags;

/// serde-saphyr's words for a YAML error, on one line and without its position (the error's
/// `location()` gives that): for other YAML files read with serde-saphyr, such as audience
/// profiles, so that no caller cuts the library's text apart.
pub use library::message as yaml_message;

pub use crate::node::{ByteSpan, Entry, Node, NodeValue, display_path, escape_token};
pub use crate::source::Syntax;
pub use crate::tree_text::TreeText;
pub use error::{LoadError, LoadErrorKind};

use std::io::Read;
use std::path::Path;

use serde::Deserialize;

use crate::node::{NodeSeed, RawNode, into_node};
use crate::plan::Plan;
use crate::source::{Location, Source};
use crate::wording::{StructuralProblem, explain};
use de::{DeError, NodeDeserializer, Target};
use syntax::{check_json_syntax, yaml_error};

/// Bounds on what a plan file may hold, enforced while it is read and parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest input accepted, in bytes.
    pub max_input_bytes: usize,
    /// The deepest nesting of lists and mappings.
    pub max_depth: usize,
    /// The most values (scalars, lists and mappings) in one file, counting alias expansions.
    pub max_nodes: usize,
    /// The most YAML events that aliases (`*name`) may replay in total.
    pub max_alias_events: usize,
    /// The longest single text value or key, in bytes.
    pub max_string_bytes: usize,
    /// The most keys in one mapping. Plans keep long lists in lists, so a mapping with more keys
    /// than this is not a plan.
    pub max_mapping_keys: usize,
}

impl Limits {
    /// The limits `pathway` uses unless told otherwise. A statewide plan with ten thousand
    /// credentials is about 10 MB and half a million values.
    ///
    /// Memory follows the number of values more than the size of the file: each value costs
    /// about 220 bytes once parsed, typed and indexed, so `max_nodes` is what keeps a hostile
    /// file of tiny values to a few hundred MiB (see "Limits" in the README for measurements).
    /// Parsing recurses once per level of nesting: at `max_depth` a debug build needs about
    /// 3 MiB of stack, an optimized one far less; `pathway` gives each thread 32 MiB.
    pub const DEFAULT: Limits = Limits {
        max_input_bytes: 32 * 1024 * 1024,
        max_depth: 64,
        // Regression: 2,000,000 let a 17 MB file of 400,000 small credentials take 1.2 GB.
        max_nodes: 1_000_000,
        max_alias_events: 100_000,
        max_string_bytes: 256 * 1024,
        max_mapping_keys: 10_000,
    };
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A parsed plan file: its text and the tree of values in it, each with its position.
#[derive(Debug, Clone)]
pub struct SourceTree {
    source: Source,
    format: Syntax,
    root: Node,
}

/// A plan read from a file, with the document it came from for positions.
#[derive(Debug, Clone)]
pub struct LoadedPlan {
    /// The parsed file.
    pub tree: SourceTree,
    /// The typed plan.
    pub plan: Plan,
}

/// Reads a plan file (or standard input, for `-`) as text, within `limits`.
pub fn read(path: &Path, limits: &Limits) -> Result<Source, LoadError> {
    if path == Path::new("-") {
        return read_from("<stdin>", std::io::stdin().lock(), limits);
    }
    let name = path.display().to_string();
    let io_error = |error: std::io::Error| {
        let help = match error.kind() {
            std::io::ErrorKind::NotFound => "check the path, or create a plan with `pathway init`",
            std::io::ErrorKind::PermissionDenied => "check the file's permissions",
            _ => "check that the path names a readable file",
        };
        LoadError::new(
            LoadErrorKind::Io,
            &name,
            format!("cannot read the file: {error}"),
        )
        .with_help(help)
    };
    let metadata = std::fs::metadata(path).map_err(io_error)?;
    if metadata.is_dir() {
        return Err(LoadError::new(
            LoadErrorKind::Io,
            &name,
            "this is a directory, not a plan file",
        )
        .with_help("name a .yaml or .json file"));
    }
    if metadata.len() > limits.max_input_bytes as u64 {
        return Err(too_large(&name, metadata.len(), limits));
    }
    let file = std::fs::File::open(path).map_err(io_error)?;
    read_sized(&name, file, limits, metadata.len())
}

/// Reads plan text from any reader, such as standard input, within `limits`. Stops reading as
/// soon as the input is larger than allowed, so an endless stream costs no more than the limit.
pub fn read_from(name: &str, reader: impl Read, limits: &Limits) -> Result<Source, LoadError> {
    read_sized(name, reader, limits, 0)
}

/// [`read_from`], with room made for `expected` bytes (a file's size) before reading.
fn read_sized(
    name: &str,
    reader: impl Read,
    limits: &Limits,
    expected: u64,
) -> Result<Source, LoadError> {
    let room = usize::try_from(expected)
        .unwrap_or(0)
        .min(limits.max_input_bytes);
    // One byte more, so that reading to the end does not have to grow the buffer to find it.
    let mut bytes = Vec::with_capacity(room.saturating_add(1));
    let cap = u64::try_from(limits.max_input_bytes)
        .unwrap_or(u64::MAX)
        .saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes).map_err(|error| {
        LoadError::new(
            LoadErrorKind::Io,
            name,
            format!("cannot read the input: {error}"),
        )
    })?;
    from_bytes(name, bytes, limits)
}

/// Plan text already read into memory (a file read whole to tell whether it is a plan), checked
/// against `limits` and decoded as [`read_from`] does.
pub fn from_bytes(name: &str, bytes: Vec<u8>, limits: &Limits) -> Result<Source, LoadError> {
    if bytes.len() > limits.max_input_bytes {
        return Err(too_large(name, bytes.len() as u64, limits));
    }
    decode(name, bytes).map(|text| Source::new(name, text))
}

fn too_large(name: &str, size: u64, limits: &Limits) -> LoadError {
    let shown = if size > limits.max_input_bytes as u64 {
        format!("more than {}", human_bytes(limits.max_input_bytes as u64))
    } else {
        human_bytes(size)
    };
    LoadError::new(
        LoadErrorKind::Limit,
        name,
        format!(
            "the input is {shown}, over the limit of {} per plan",
            human_bytes(limits.max_input_bytes as u64)
        ),
    )
    .with_help("split the plan, or raise the limit with --max-input-size")
}

fn human_bytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// Checks that bytes are UTF-8 text, dropping a byte-order mark.
fn decode(name: &str, mut bytes: Vec<u8>) -> Result<String, LoadError> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(
            LoadError::new(LoadErrorKind::Encoding, name, "the file is UTF-16 text")
                .with_help("save it as UTF-8 (in most editors: Save As, Encoding, UTF-8)"),
        );
    }
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    let text = String::from_utf8(bytes).map_err(|error| {
        let valid = error.utf8_error().valid_up_to();
        let source = Source::new(
            name,
            String::from_utf8_lossy(error.as_bytes().get(..valid).unwrap_or_default()),
        );
        let position = source.position(valid);
        LoadError::new(LoadErrorKind::Encoding, name, "the file is not UTF-8 text")
            .with_help("save it as UTF-8; if it is not a plan, check the path")
            .at(Location {
                start: position,
                end: position,
            })
    })?;
    if let Some(nul) = text.find('\0') {
        let position = Source::new(name, text.get(..nul).unwrap_or_default()).position(nul);
        return Err(LoadError::new(
            LoadErrorKind::Encoding,
            name,
            "the file holds a NUL byte, so it is not a text file",
        )
        .with_help("check the path; a plan is a YAML or JSON text file")
        .at(Location {
            start: position,
            end: position,
        }));
    }
    Ok(text)
}

/// Parses plan text into a [`SourceTree`]. With no `format`, it is taken from the file name, or
/// sniffed from the text. A plan written for an earlier or later version of the format is
/// brought to the current one by [`migrate::MIGRATIONS`], positions kept.
pub fn parse(
    source: Source,
    format: Option<Syntax>,
    limits: &Limits,
) -> Result<SourceTree, LoadError> {
    migrate::migrate(
        parse_as_written(source, format, limits)?,
        migrate::MIGRATIONS,
    )
}

/// [`parse`] without the migrations: the tree of the file as written.
pub fn parse_as_written(
    source: Source,
    format: Option<Syntax>,
    limits: &Limits,
) -> Result<SourceTree, LoadError> {
    let named = format.or_else(|| Syntax::from_path(Path::new(source.name())));
    let format = named.unwrap_or_else(|| Syntax::sniff(source.text()));
    if holds_nothing(source.text(), format) {
        return Err(
            LoadError::new(LoadErrorKind::Syntax, source.name(), "the file is empty")
                .with_help("start a plan with `pathway init`"),
        );
    }
    if format == Syntax::Json {
        // Whatever the reader reads, serde_json reads (a test checks it on every example,
        // fixture, hostile file and the fuzzing corpus), so a plan the reader reads needs no
        // second pass: that pass was a third of loading a JSON plan. serde_json's syntax errors,
        // worded in `syntax`, still come first when the reader refuses the text (its own syntax
        // messages only show if the two ever disagree). Past serde_json's nesting limit, which
        // the reader does not share, serde_json is asked first as before.
        let read =
            (limits.max_depth <= JSON_READER_FIRST_DEPTH).then(|| json::parse(&source, limits));
        if let Some(Ok(root)) = read {
            return Ok(json_tree(root, source, limits));
        }
        if let Err(json_error) = check_json_syntax(&source) {
            if named.is_some() {
                return Err(json_error);
            }
            // Sniffed text that starts like JSON but is not JSON may be YAML written in flow
            // style (`{id: x, ...}`), which is a plan as good as any. When it is neither, the
            // error is worded in the syntax the text looks written in.
            let looks_like_json = Syntax::looks_like_json(source.text());
            return parse_yaml(source, limits).map_err(|yaml_error| {
                if looks_like_json {
                    json_error
                } else {
                    yaml_error
                }
            });
        }
        let root = match read {
            Some(read) => read?,
            None => json::parse(&source, limits)?,
        };
        return Ok(json_tree(root, source, limits));
    }
    parse_yaml(source, limits)
}

/// The deepest nesting allowed under which the JSON reader reads first: serde_json refuses
/// JSON nested 128 levels deep, and the syntax check must keep saying so where the limits allow
/// more.
const JSON_READER_FIRST_DEPTH: usize = 100;

/// A JSON plan's tree, as the reader built it.
#[cfg_attr(not(fuzzing), allow(unused_variables))]
fn json_tree(root: crate::node::Node, source: Source, limits: &Limits) -> SourceTree {
    // Under the fuzzer, every tree the JSON reader builds is checked against the YAML path's,
    // where that path reads the text (see `json`).
    #[cfg(fuzzing)]
    json::check_against_yaml(&source, &root, limits);
    SourceTree {
        root,
        source,
        format: Syntax::Json,
    }
}

/// Parses YAML text: the fast path when it can build the tree, else the careful path.
fn parse_yaml(source: Source, limits: &Limits) -> Result<SourceTree, LoadError> {
    let format = Syntax::Yaml;
    if let Some(root) = fast::parse(source.shared_text(), limits) {
        // Under the fuzzer, every tree the fast path builds is checked against the careful
        // path's: the two must agree on any input (see `fast`).
        #[cfg(fuzzing)]
        if let Ok(careful) = careful(source.clone(), format, limits) {
            assert!(
                careful.root == root,
                "the fast path disagrees with the careful path"
            );
        } else {
            panic!("the fast path read a file the careful path rejects");
        }
        return Ok(SourceTree {
            root,
            source,
            format,
        });
    }
    careful(source, format, limits)
}

/// The careful path of [`parse`]: every value read through serde-saphyr, which enforces the
/// limits, resolves anchors, aliases and tags, and words the errors. [`fast::parse`] leaves to it
/// every file it does not build exactly as this would.
fn careful(source: Source, format: Syntax, limits: &Limits) -> Result<SourceTree, LoadError> {
    if let Some(error) = tags::refused_tag(&source, limits) {
        return Err(error);
    }
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: limits.max_depth,
            flow_nesting_limit: limits.max_depth,
            max_nodes: limits.max_nodes,
            max_events: limits.max_nodes.saturating_mul(2),
            max_reader_input_bytes: Some(limits.max_input_bytes),
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: limits.max_alias_events,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        reject_unsupported_tags: true,
        with_snippet: false,
    };
    let seed = NodeSeed {
        max_string_bytes: limits.max_string_bytes,
        max_mapping_keys: limits.max_mapping_keys,
    };
    let (parsed, refusal) = seed.parse(|| {
        serde_saphyr::from_str_with_options::<serde_saphyr::Spanned<RawNode>>(
            source.text(),
            options,
        )
    });
    match parsed {
        Ok(root) => Ok(SourceTree {
            root: into_node(root),
            source,
            format,
        }),
        Err(error) => Err(yaml_error(&source, &error, refusal, limits)),
    }
}

/// Reads, parses and types a plan file (or standard input, for `-`).
pub fn load(path: &Path, limits: &Limits) -> Result<LoadedPlan, LoadError> {
    let source = read(path, limits)?;
    let document = parse(source, None, limits)?;
    let plan = document.plan()?;
    Ok(LoadedPlan {
        tree: document,
        plan,
    })
}

/// Parses and types plan text held in memory; `name` is used in messages and picks the format
/// by its extension.
pub fn load_str(name: &str, text: &str) -> Result<LoadedPlan, LoadError> {
    let limits = Limits::DEFAULT;
    if text.len() > limits.max_input_bytes {
        return Err(too_large(name, text.len() as u64, &limits));
    }
    let source = Source::new(name, decode(name, text.as_bytes().to_vec())?);
    let document = parse(source, None, &limits)?;
    let plan = document.plan()?;
    Ok(LoadedPlan {
        tree: document,
        plan,
    })
}

impl SourceTree {
    /// The file's text.
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// The syntax the file is written in.
    pub fn format(&self) -> Syntax {
        self.format
    }

    /// The root of the tree of values.
    pub fn root(&self) -> &Node {
        &self.root
    }

    /// The whole document as a JSON value, as a JSON Schema validator sees it.
    pub fn to_json(&self) -> serde_json::Value {
        self.root.to_json()
    }

    /// Where the value at a JSON Pointer stands in the file.
    pub fn locate(&self, pointer: &str) -> Option<Location> {
        let (node, _) = self.root.walk(pointer)?;
        Some(self.source.location(node.span.start, node.span.end))
    }

    /// Where to point for a problem with the key of the value at a JSON Pointer: the key itself
    /// when the value belongs to a mapping, else the value. Missing keys are reported here, at
    /// the key of the mapping that should hold them.
    pub fn locate_key(&self, pointer: &str) -> Option<Location> {
        let (node, key_span) = self.root.walk(pointer)?;
        let span = key_span.unwrap_or(ByteSpan {
            start: node.span.start,
            end: node.span.start,
        });
        Some(self.source.location(span.start, span.end))
    }

    /// Reads the typed plan out of the document.
    pub fn plan(&self) -> Result<Plan, LoadError> {
        Plan::deserialize(NodeDeserializer(&self.root)).map_err(|error| self.typing_error(&error))
    }

    fn typing_error(&self, error: &DeError) -> LoadError {
        let pointer = error.pointer();
        let kind = match &error.problem {
            StructuralProblem::UnknownKey { .. } => LoadErrorKind::UnknownKey,
            StructuralProblem::MissingKey { .. } => LoadErrorKind::MissingKey,
            StructuralProblem::WrongShape { .. } | StructuralProblem::WrongValue { .. } => {
                LoadErrorKind::WrongType
            }
            StructuralProblem::UnknownWord { .. }
            | StructuralProblem::NotExactly { .. }
            | StructuralProblem::OutOfRange { .. }
            | StructuralProblem::Invalid { .. }
            | StructuralProblem::WrongForm { .. }
            | StructuralProblem::Other { .. } => LoadErrorKind::InvalidValue,
        };
        // The schema says `schema_version` is the constant 1; its type says so in its own words.
        let problem = match (&error.problem, self.root.pointer(&pointer)) {
            (StructuralProblem::Invalid { .. }, Some(node)) if pointer == "/schema_version" => {
                StructuralProblem::NotExactly {
                    expected: serde_json::Value::from(crate::SCHEMA_VERSION),
                    found: crate::wording::Found::of_node(node),
                }
            }
            (problem, _) => problem.clone(),
        };
        let explained = explain(&problem, &pointer, self.format);
        let location = match (kind, error.target) {
            (LoadErrorKind::MissingKey, _) | (_, Target::Key) => self.locate_key(&pointer),
            _ => self.locate(&pointer),
        };
        LoadError {
            kind,
            file: self.source.name().to_owned(),
            message: explained.message,
            help: explained.help,
            location,
            pointer: Some(pointer),
        }
    }
}

/// Whether a plan's text has no content: only white space, or in YAML only comments and
/// document markers, which a YAML parser reads as an empty (null) document.
fn holds_nothing(text: &str, format: Syntax) -> bool {
    match format {
        Syntax::Json => text.trim().is_empty(),
        Syntax::Yaml => text.lines().all(|line| {
            let line = line.trim();
            line.is_empty() || line.starts_with('#') || line == "---" || line == "..."
        }),
    }
}
