//! Which files `pathway validate` checks: files named on the command line, always; under a
//! folder, the YAML and JSON files that look like plans, as git sees the folder.
//!
//! The walk uses the `ignore` crate (ripgrep's): it skips what `.gitignore`, `.ignore` and
//! `.git/info/exclude` list (in a git repository or not) and hidden files and folders, but not
//! what a user's global git configuration lists, which would make CI and a laptop disagree. It
//! follows no symbolic link to a folder, so a link cannot make it loop or check a plan twice;
//! a named pipe, socket or device is skipped with a note, never opened, since reading one can
//! hang. Whether a file is a plan is decided when it is opened (see [`open_found`]), on the
//! worker threads.

mod detect;

use std::path::{Path, PathBuf};

use pathway_validate::render::{SkipReason, Skipped};

use crate::neutral::shown;

/// A file to check, and how it came to be chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// The path, as named or as found.
    pub path: PathBuf,
    /// Found by walking a folder: checked only if it looks like a plan.
    pub walked: bool,
}

/// What the walk found.
#[derive(Debug, Default)]
pub struct Walk {
    /// The files to open, in order.
    pub files: Vec<Found>,
    /// Files found and left alone at once (not regular, linked folders).
    pub skipped: Vec<Skipped>,
    /// What kept a path from being walked: the run fails with status 2.
    pub problems: Vec<String>,
}

/// The files the arguments name: files (and `-`) as given, folders walked.
pub fn plan_files(paths: &[PathBuf]) -> Walk {
    let mut walk = Walk::default();
    for path in paths {
        if path.as_os_str() != "-" && path.is_dir() {
            let before = (walk.files.len(), walk.skipped.len(), walk.problems.len());
            walk_folder(path, &mut walk);
            if (walk.files.len(), walk.skipped.len(), walk.problems.len()) == before {
                walk.problems.push(format!(
                    "{}: no .yaml, .yml or .json plan files in this directory",
                    shown(path)
                ));
            }
        } else {
            walk.files.push(Found {
                path: path.clone(),
                walked: false,
            });
        }
    }
    walk
}

/// Whether a file name ends in `.yaml`, `.yml` or `.json`, in any case.
fn has_plan_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| matches!(ext.to_ascii_lowercase().as_str(), "yaml" | "yml" | "json"))
}

fn walk_folder(folder: &Path, walk: &mut Walk) {
    let walker = ignore::WalkBuilder::new(folder)
        .follow_links(false)
        .hidden(true)
        .ignore(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                walk.problems.push(format!("cannot walk a folder: {error}"));
                continue;
            }
        };
        if entry.depth() == 0 {
            continue;
        }
        let Some(file_type) = entry.file_type() else {
            continue;
        };
        let path = entry.path();
        if file_type.is_dir() {
            continue;
        }
        if file_type.is_symlink() {
            match std::fs::metadata(path) {
                Ok(target) if target.is_dir() => walk.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: SkipReason::LinkedFolder,
                }),
                _ if !has_plan_extension(path) => {}
                Ok(target) if target.is_file() => walk.files.push(Found {
                    path: path.to_owned(),
                    walked: true,
                }),
                Ok(target) => walk.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: SkipReason::NotRegular(kind_of(target.file_type())),
                }),
                Err(_) => walk.skipped.push(Skipped {
                    path: path.display().to_string(),
                    reason: SkipReason::NotRegular("a broken symbolic link"),
                }),
            }
            continue;
        }
        if !has_plan_extension(path) {
            continue;
        }
        if file_type.is_file() {
            walk.files.push(Found {
                path: path.to_owned(),
                walked: true,
            });
        } else {
            walk.skipped.push(Skipped {
                path: path.display().to_string(),
                reason: SkipReason::NotRegular(kind_of(file_type)),
            });
        }
    }
}

/// A word for a file that is not a regular file.
pub fn kind_of(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_symlink() {
        "a symbolic link"
    } else if file_type.is_dir() {
        "a directory"
    } else {
        "not a regular file"
    }
}

/// What opening a file found by walking gives.
pub enum Opened {
    /// A plan: the file's bytes, read whole (up to one byte past the input limit, so that a
    /// plan too large is still told apart).
    Plan(Vec<u8>),
    /// Not to be checked.
    Skipped(SkipReason),
}

/// Opens a file the walk found, without blocking (a file swapped for a FIFO since the walk
/// cannot hang the run), checks that it is a regular file, reads it (at most `limit` bytes and
/// one more) and gives back its bytes if they look like a plan. The file is read once: deciding
/// and checking read the same bytes (reading it again to check it was a tenth of checking a
/// district plan).
pub fn open_found(path: &Path, limit: usize) -> std::io::Result<Opened> {
    use std::io::Read;
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Ok(Opened::Skipped(SkipReason::NotRegular(kind_of(
            metadata.file_type(),
        ))));
    }
    let json = path
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"));
    let cap = limit.saturating_add(1);
    // Room for the whole file and one byte more, so that reading to its end does not grow the
    // buffer; never more than the limit allows, whatever size the file claims.
    let room = usize::try_from(metadata.len()).map_or(cap, |size| size.min(limit));
    let mut bytes = Vec::with_capacity(room.saturating_add(1));
    file.take(u64::try_from(cap).unwrap_or(u64::MAX))
        .read_to_end(&mut bytes)?;
    if !detect::looks_like_plan(&bytes, limit, json) {
        return Ok(Opened::Skipped(SkipReason::NotAPlan));
    }
    Ok(Opened::Plan(bytes))
}
