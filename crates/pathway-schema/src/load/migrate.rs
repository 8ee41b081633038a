//! Migrations: a plan written for another version of the format is brought to the shape this
//! build's types read, on the positioned tree, before the schema check and typing.
//!
//! A plan says which version of the format it is written in with its top-level
//! `schema_version`. That number picks a chain of [`Migration`]s, each a function on the
//! [`Node`] tree from one version to the next. A migration moves, renames or rewrites nodes and
//! keeps their spans, so the schema check, typing and every rule run unchanged on the migrated
//! tree, and their findings still point at the line and column of the file the user wrote.
//!
//! # Adding a schema version
//! Say version 2 calls `incentives` `rewards`. The types stay as they are (they describe the
//! shape every rule reads), and one migration from 2 to 1 goes into [`MIGRATIONS`]:
//!
//! ```
//! use pathway_schema::load::migrate::{Migration, MigrationProblem, migrate, rename_key};
//! use pathway_schema::load::{Limits, Node, parse_as_written};
//! use pathway_schema::source::Source;
//!
//! fn rewards_to_incentives(root: &mut Node) -> Result<(), MigrationProblem> {
//!     rename_key(root, "", "rewards", "incentives")
//! }
//! const V2: &[Migration] = &[Migration {
//!     from: 2,
//!     to: 1,
//!     summary: "`rewards` is called `incentives` again",
//!     apply: rewards_to_incentives,
//! }];
//!
//! let text = "schema_version: 2\nid: demo\nreadiness: exploring\n\
//!             organization: {name: Demo, kind: district}\nrewards: {offers: []}\n";
//! let document = parse_as_written(Source::new("plan.yaml", text), None, &Limits::DEFAULT).unwrap();
//! let document = migrate(document, V2).unwrap();
//! assert!(document.root().pointer("/incentives/offers").is_some());
//! // Still where the user wrote it: line 5, where `rewards:` is.
//! assert_eq!(document.locate_key("/incentives").unwrap().start.line, 5);
//! assert!(document.plan().is_ok());
//! ```
//!
//! [`parse`](super::parse) applies [`MIGRATIONS`] to every plan, so `validate`, `export` and
//! `report` all read a version-2 plan once its migration is listed there. What a migration does
//! not change: messages name fields by the current version's names (a finding about
//! `incentives` points at the line of `rewards:`), and the published schema describes the
//! current version only; a real version 2 would publish its own schema beside it.

use super::{LoadError, LoadErrorKind, SourceTree};
use crate::node::{Node, NodeValue};
use crate::tree_text::TreeText;

/// One step between two versions of the format.
#[derive(Debug, Clone, Copy)]
pub struct Migration {
    /// The `schema_version` it reads.
    pub from: u32,
    /// The `schema_version` of what it leaves; the chain goes on from there.
    pub to: u32,
    /// What changed between the two versions, in one line, for docs and messages.
    pub summary: &'static str,
    /// The change itself, on the tree: it keeps the spans of what it moves, so positions stay
    /// those of the file the user wrote.
    pub apply: fn(&mut Node) -> Result<(), MigrationProblem>,
}

/// Why a plan cannot be migrated, such as a field written under both its old and new names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MigrationProblem {
    /// What kind of load error it becomes.
    pub kind: LoadErrorKind,
    /// The JSON Pointer of the value concerned, in the tree as the migration found it.
    pub pointer: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
}

/// The migrations this build knows. Version 1 is the only version of the format so far, so
/// there are none; see the module docs for adding one.
pub const MIGRATIONS: &[Migration] = &[];

/// The version of the format the types read, which every chain ends at.
pub const CURRENT: u32 = crate::SCHEMA_VERSION;

/// The `schema_version` a plan declares, when it is a whole number.
pub fn declared_version(root: &Node) -> Option<u32> {
    match root.pointer("/schema_version")?.value {
        NodeValue::Int(version) => u32::try_from(version).ok(),
        _ => None,
    }
}

/// Brings a parsed plan to [`CURRENT`] through `chain`, starting at the version it declares.
///
/// A plan that declares the current version, declares none, or declares one no migration starts
/// from is handed back as it is: the schema check then says what is wrong with its
/// `schema_version`. After each step the tree's `schema_version` says the version reached (its
/// span still that of the number the user wrote). A chain that comes back to a version it left
/// is a bug in the chain, reported as an error rather than followed forever.
pub fn migrate(mut document: SourceTree, chain: &[Migration]) -> Result<SourceTree, LoadError> {
    let Some(mut version) = declared_version(&document.root) else {
        return Ok(document);
    };
    let mut steps = 0;
    while version != CURRENT {
        let Some(step) = chain.iter().find(|step| step.from == version) else {
            return Ok(document);
        };
        steps += 1;
        if steps > chain.len() {
            return Err(problem_error(
                &document,
                MigrationProblem {
                    kind: LoadErrorKind::InvalidValue,
                    pointer: "/schema_version".to_owned(),
                    message: format!(
                        "the migrations from schema_version {version} go round in a loop"
                    ),
                    help: Some("this is a bug in Pathway Kit: please report it".to_owned()),
                },
            ));
        }
        (step.apply)(&mut document.root).map_err(|problem| problem_error(&document, problem))?;
        set_version(&mut document.root, step.to);
        version = step.to;
    }
    Ok(document)
}

fn set_version(root: &mut Node, version: u32) {
    if let NodeValue::Map(entries) = &mut root.value
        && let Some(entry) = entries.iter_mut().find(|e| e.key == "schema_version")
    {
        entry.value.value = NodeValue::Int(i64::from(version));
    }
}

fn problem_error(document: &SourceTree, problem: MigrationProblem) -> LoadError {
    LoadError {
        kind: problem.kind,
        file: document.source.name().to_owned(),
        location: document
            .locate_key(&problem.pointer)
            .or_else(|| document.locate_key("")),
        message: problem.message,
        help: problem.help,
        pointer: Some(problem.pointer),
    }
}

/// Renames the key `from` of the mapping at `parent` (a JSON Pointer, `""` for the top) to
/// `to`, keeping the key's and the value's spans: the building block of most migrations. A
/// mapping that has no `from` is left alone; one that has both is an error at `to`, since the
/// plan names the same field twice.
pub fn rename_key(
    root: &mut Node,
    parent: &str,
    from: &str,
    to: &str,
) -> Result<(), MigrationProblem> {
    let Some(NodeValue::Map(entries)) = pointer_mut(root, parent).map(|node| &mut node.value)
    else {
        return Ok(());
    };
    if !entries.iter().any(|entry| entry.key == from) {
        return Ok(());
    }
    if entries.iter().any(|entry| entry.key == to) {
        return Err(MigrationProblem {
            kind: LoadErrorKind::UnknownKey,
            pointer: format!("{parent}/{}", super::escape_token(to)),
            message: format!(
                "`{to}` is written here as well as `{from}`, its name in this plan's schema_version"
            ),
            help: Some(format!("keep one of them, named `{from}`")),
        });
    }
    if let Some(entry) = entries.iter_mut().find(|entry| entry.key == from) {
        entry.key = TreeText::from(to);
    }
    Ok(())
}

fn pointer_mut<'a>(node: &'a mut Node, pointer: &str) -> Option<&'a mut Node> {
    if pointer.is_empty() {
        return Some(node);
    }
    let mut node = node;
    for token in pointer.strip_prefix('/')?.split('/') {
        let token = token.replace("~1", "/").replace("~0", "~");
        node = match &mut node.value {
            NodeValue::Map(entries) => {
                &mut entries.iter_mut().find(|entry| entry.key == token)?.value
            }
            NodeValue::Seq(items) => items.get_mut(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(node)
}

#[cfg(test)]
#[path = "migrate_tests.rs"]
mod tests;
