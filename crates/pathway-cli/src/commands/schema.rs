//! `pathway schema`: print the plan format's JSON Schema, or put a copy where editors find it.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::Args;
use pathway_schema::schema::{SCHEMA_FILE_NAME, SCHEMA_ID, plan_schema_text};

use crate::neutral::print_line;
use crate::output::{Overwrite, print, write_atomically};

/// Print the JSON Schema of the plan format (draft 2020-12).
///
/// The same file is published as schemas/pathway-plan.v1.schema.json. Point editors or other
/// validators at it to check plans without Pathway Kit. `pathway init` puts a copy in a
/// .pathway folder beside the plan, where the plan's first line points editors; --write
/// refreshes that copy after an upgrade.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Write the schema to this file instead of standard output.
    #[arg(short, long, value_name = "FILE", conflicts_with = "write")]
    output: Option<PathBuf>,
    /// Write the schema into this folder as pathway-plan.v1.schema.json (creating the folder),
    /// replacing an earlier copy, such as .pathway beside your plans.
    #[arg(long, value_name = "DIR")]
    write: Option<PathBuf>,
}

pub fn run(args: &SchemaArgs) -> anyhow::Result<ExitCode> {
    let text = plan_schema_text();
    if let Some(folder) = &args.write {
        let path = folder.join(SCHEMA_FILE_NAME);
        match write_copy(folder, Replace::EarlierCopy)? {
            CopyOutcome::Written => print_line(&format!("Wrote {}.", path.display())),
            CopyOutcome::Replaced => print_line(&format!(
                "Replaced {} with this version's schema.",
                path.display()
            )),
            CopyOutcome::AlreadyCurrent => {
                print_line(&format!(
                    "{} is already this version's schema.",
                    path.display()
                ));
            }
            CopyOutcome::KeptDifferent => {
                print_line(&format!("Left {} as it was.", path.display()))
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    match &args.output {
        Some(path) => write_atomically(path, text.as_bytes(), Overwrite::Allow)?,
        None => print(&text)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// What may happen to a copy of the schema that is already there and differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Replace {
    /// Leave it: plans beside it may have been written against it.
    Never,
    /// Replace it when it is a Pathway Kit plan schema (of any version); anything else is
    /// someone's file, and is never replaced.
    EarlierCopy,
}

/// What [`write_copy`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyOutcome {
    /// There was none; now there is.
    Written,
    /// An earlier copy was replaced.
    Replaced,
    /// The copy there is this version's schema already.
    AlreadyCurrent,
    /// A different copy is there and was left alone.
    KeptDifferent,
}

/// The largest file read to tell whether it is an earlier copy of the schema: ten times the
/// schema's size today. A larger file is not one, and is never read whole.
const LARGEST_COPY: u64 = 4 * 1024 * 1024;

/// Puts this version's schema in `folder` (created if needed) as [`SCHEMA_FILE_NAME`], written
/// atomically.
pub fn write_copy(folder: &Path, replace: Replace) -> anyhow::Result<CopyOutcome> {
    let text = plan_schema_text();
    let path = folder.join(SCHEMA_FILE_NAME);
    std::fs::create_dir_all(folder)
        .with_context(|| format!("cannot create the folder {}", folder.display()))?;
    let existing = match std::fs::symlink_metadata(&path) {
        Ok(metadata) => Some(metadata),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => {
            return Err(error).with_context(|| format!("cannot read {}", path.display()));
        }
    };
    let Some(metadata) = existing else {
        write_atomically(&path, text.as_bytes(), Overwrite::Refuse)?;
        return Ok(CopyOutcome::Written);
    };
    // Only a plain file is read: a named pipe could block forever, and a link is someone's.
    let current = if metadata.is_file() && metadata.len() <= LARGEST_COPY {
        read_bounded(&path)?
    } else {
        None
    };
    if current.as_deref() == Some(text.as_str()) {
        return Ok(CopyOutcome::AlreadyCurrent);
    }
    if replace == Replace::Never {
        return Ok(CopyOutcome::KeptDifferent);
    }
    if metadata.file_type().is_symlink() {
        bail!(
            "{} is a symbolic link, so it is left alone; replace the file it links to with `pathway schema --output FILE`",
            path.display()
        );
    }
    if !current.as_deref().is_some_and(is_plan_schema) {
        bail!(
            "{} is there and is not a Pathway Kit plan schema, so it is left alone; move it away, or write the schema into another folder",
            path.display()
        );
    }
    write_atomically(&path, text.as_bytes(), Overwrite::Allow)?;
    Ok(CopyOutcome::Replaced)
}

/// The file's text, or `None` when it is not UTF-8 or grew past [`LARGEST_COPY`].
fn read_bounded(path: &Path) -> anyhow::Result<Option<String>> {
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(LARGEST_COPY + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    if bytes.len() as u64 > LARGEST_COPY {
        return Ok(None);
    }
    Ok(String::from_utf8(bytes).ok())
}

/// Whether the text is a Pathway Kit plan schema: JSON whose `$id` is this format's, of this
/// version or another.
fn is_plan_schema(text: &str) -> bool {
    let family = SCHEMA_ID
        .rsplit_once('/')
        .map_or(SCHEMA_ID, |(folder, _)| folder);
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .and_then(|schema| schema.get("$id")?.as_str().map(str::to_owned))
        .is_some_and(|id| {
            id.strip_prefix(family)
                .is_some_and(|name| name.starts_with("/pathway-plan."))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let folder =
            std::env::temp_dir().join(format!("pathway-schema-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&folder);
        folder
    }

    #[test]
    fn copies_are_written_refreshed_and_never_clobbered() {
        let folder = scratch("copies");
        let path = folder.join(SCHEMA_FILE_NAME);
        assert_eq!(
            write_copy(&folder, Replace::Never).unwrap(),
            CopyOutcome::Written
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), plan_schema_text());
        assert_eq!(
            write_copy(&folder, Replace::Never).unwrap(),
            CopyOutcome::AlreadyCurrent
        );

        let earlier = r#"{"$id": "https://pathway-kit.org/schemas/pathway-plan.v0.schema.json"}"#;
        std::fs::write(&path, earlier).unwrap();
        assert_eq!(
            write_copy(&folder, Replace::Never).unwrap(),
            CopyOutcome::KeptDifferent
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), earlier);
        assert_eq!(
            write_copy(&folder, Replace::EarlierCopy).unwrap(),
            CopyOutcome::Replaced
        );
        assert_eq!(std::fs::read_to_string(&path).unwrap(), plan_schema_text());

        let someone_elses = r#"{"$id": "https://example.org/pathway-plan.v1.schema.json"}"#;
        std::fs::write(&path, someone_elses).unwrap();
        let error = write_copy(&folder, Replace::EarlierCopy).unwrap_err();
        assert!(error.to_string().contains("left alone"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), someone_elses);
        std::fs::remove_dir_all(&folder).unwrap();
    }

    #[test]
    fn only_this_formats_ids_count_as_copies() {
        assert!(is_plan_schema(&plan_schema_text()));
        assert!(is_plan_schema(
            r#"{"$id": "https://pathway-kit.org/schemas/pathway-plan.v2.schema.json"}"#
        ));
        assert!(!is_plan_schema(
            r#"{"$id": "https://pathway-kit.org/schemas/other.json"}"#
        ));
        assert!(!is_plan_schema("not json"));
        assert!(!is_plan_schema(r#"{"title": "no id"}"#));
    }
}
