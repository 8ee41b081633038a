//! Writing output files so that a failure never leaves half a file or loses the old one, and a
//! planted symbolic link or device never receives what was meant for a plan or a document.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};

use crate::neutral::shown;

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace it, if it is a regular file.
    Allow,
    /// Leave it alone and fail.
    Refuse,
}

/// Writes text to standard output. A reader that went away (`pathway rules | head -1`) ends the
/// output quietly, as it does for other command-line tools; any other failure, such as a full
/// disk (`> /dev/full`), is an error (exit status 2) rather than a panic.
pub fn print(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(error).context("cannot write to standard output")
        }
        _ => Ok(()),
    }
}

/// Standard output for a run written piece by piece (`pathway validate`'s findings, plan by
/// plan): buffered, written through when flushed (after each batch of plans) and when full, and
/// quiet once the reader has gone away, as [`print`] is. Any other failure is an error.
pub struct Stdout(std::io::BufWriter<QuietStdout>);

/// Standard output, with a buffer the size of a pipe's.
pub fn stdout() -> Stdout {
    Stdout(std::io::BufWriter::with_capacity(
        64 * 1024,
        QuietStdout { gone: false },
    ))
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
}

/// Standard output that takes, and drops, whatever comes after its reader went away.
struct QuietStdout {
    gone: bool,
}

impl Write for QuietStdout {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.gone {
            return Ok(buf.len());
        }
        match std::io::stdout().lock().write(buf) {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(buf.len())
            }
            other => other,
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if self.gone {
            return Ok(());
        }
        match std::io::stdout().lock().flush() {
            Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => {
                self.gone = true;
                Ok(())
            }
            other => other,
        }
    }
}

/// Temporary files not yet renamed into place: removed if the process is interrupted
/// (see [`crate::interrupt`]), since an interrupted process runs no destructors.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes every temporary file still pending. Called on Ctrl-C and termination signals.
pub fn remove_pending() {
    remove_pending_where(|_| true);
}

/// Removes the pending temporary files that `chosen` picks.
fn remove_pending_where(chosen: impl Fn(&Path) -> bool) {
    // A poisoned lock still holds the list: a panicking writer must not keep its file.
    let pending = match PENDING.lock() {
        Ok(pending) => pending,
        Err(poisoned) => poisoned.into_inner(),
    };
    for path in pending.iter().filter(|path| chosen(path)) {
        let _ = std::fs::remove_file(path);
    }
}

/// Holds a temporary file's path in [`PENDING`] while it lives.
struct Registered(PathBuf);

impl Registered {
    /// Creates a temporary file with `builder` in `directory` and registers it, both under the
    /// lock [`remove_pending`] takes: a signal that comes between the two would otherwise find
    /// the file created but not yet listed, and leave it behind.
    fn create(
        builder: &tempfile::Builder<'_, '_>,
        directory: &Path,
    ) -> std::io::Result<(tempfile::NamedTempFile, Registered)> {
        let mut pending = match PENDING.lock() {
            Ok(pending) => pending,
            Err(poisoned) => poisoned.into_inner(),
        };
        let temporary = builder.tempfile_in(directory)?;
        let path = temporary.path().to_owned();
        pending.push(path.clone());
        Ok((temporary, Registered(path)))
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        if let Ok(mut pending) = PENDING.lock() {
            pending.retain(|path| path != &self.0);
        }
    }
}

/// What stands at a path that is about to be written.
fn existing(path: &Path) -> anyhow::Result<Option<std::fs::Metadata>> {
    match std::fs::symlink_metadata(path) {
        Ok(metadata) => Ok(Some(metadata)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(error).with_context(|| format!("cannot write {}", shown(path))),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into place
/// once complete: readers see the old file or the new one, never a part.
///
/// The temporary file is created exclusively under an unpredictable name (`tempfile`), so a
/// symbolic link planted where it will be cannot redirect the write; it is removed on failure
/// and on Ctrl-C. Only a regular file is replaced, keeping its permissions: a symbolic link,
/// a named pipe or a device at `path` is refused, never written through.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: Overwrite) -> anyhow::Result<()> {
    write_atomically_with(path, overwrite, |file| file.write_all(bytes))
}

/// As [`write_atomically`], for a file written piece by piece by `write` (a file too large to
/// hold in memory first): the file appears whole once `write` succeeds, or not at all.
pub fn write_atomically_with(
    path: &Path,
    overwrite: Overwrite,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    let before = existing(path)?;
    if let Some(metadata) = &before {
        if metadata.is_dir() {
            bail!("{} is a directory; name a file to write", shown(path));
        }
        if overwrite == Overwrite::Refuse {
            bail!("{} already exists; use --force to replace it", shown(path));
        }
        if !metadata.is_file() {
            bail!(
                "{} is {}; pathway replaces only regular files: remove it, or write somewhere else",
                shown(path),
                crate::walk::kind_of(metadata.file_type())
            );
        }
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .with_context(|| format!("{} does not name a file", shown(path)))?;
    let prefix = format!(".{}.", file_name.to_string_lossy());
    let mut builder = tempfile::Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    // tempfile creates files readable by their owner only; a new plan or document gets the
    // permissions any new file gets (0666 less the umask), an old one keeps its own.
    #[cfg(unix)]
    let new_permissions = {
        use std::os::unix::fs::PermissionsExt;
        std::fs::Permissions::from_mode(0o666)
    };
    #[cfg(unix)]
    builder.permissions(new_permissions);
    let (mut temporary, registered) = Registered::create(&builder, directory)
        .with_context(|| format!("cannot write {}", shown(path)))?;
    let result = (|| -> std::io::Result<()> {
        if let Some(metadata) = &before {
            temporary
                .as_file()
                .set_permissions(metadata.permissions())?;
        }
        write(&mut temporary)?;
        temporary.as_file().sync_all()?;
        Ok(())
    })();
    if let Err(error) = result {
        // Dropping `temporary` removes it.
        return Err(error).with_context(|| format!("cannot write {}", shown(path)));
    }
    temporary
        .persist(path)
        .map_err(|error| error.error)
        .with_context(|| format!("cannot write {}", shown(path)))?;
    drop(registered);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scratch(name: &str) -> PathBuf {
        let directory =
            std::env::temp_dir().join(format!("pathway-output-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        std::fs::create_dir_all(&directory).unwrap();
        directory
    }

    #[test]
    fn interrupted_writes_remove_their_temporary_files() {
        let directory = scratch("pending");
        let mut builder = tempfile::Builder::new();
        builder.prefix(".plan.yaml.").suffix(".tmp");
        let (mut file, registered) = Registered::create(&builder, &directory).unwrap();
        file.write_all(b"half").unwrap();
        let temporary = file.path().to_owned();
        // The path is listed by the time the file can be written to, so a signal at any
        // moment after creation finds it.
        assert!(PENDING.lock().unwrap().contains(&temporary));
        // Only this test's file: other tests of this process write at the same time.
        remove_pending_where(|path| path.starts_with(&directory));
        assert!(!temporary.exists());
        drop(registered);
        assert!(!PENDING.lock().unwrap().contains(&temporary));
        std::fs::remove_dir_all(&directory).unwrap();
    }

    #[test]
    fn refuses_to_replace_without_permission() {
        let directory = scratch("refuse");
        let path = directory.join("plan.yaml");
        std::fs::write(&path, "original").unwrap();
        let error = write_atomically(&path, b"new", Overwrite::Refuse).unwrap_err();
        assert!(error.to_string().contains("already exists"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        write_atomically(&path, b"new", Overwrite::Allow).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let leftovers = std::fs::read_dir(&directory).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        assert!(
            !PENDING
                .lock()
                .unwrap()
                .iter()
                .any(|pending| pending.starts_with(&directory)),
            "nothing left pending"
        );
        std::fs::remove_dir_all(&directory).unwrap();
    }

    /// Regression: the temporary file had a predictable name (`.NAME.PID.tmp`) and was opened
    /// with truncation, so a symbolic link planted there sent the write to any file.
    #[cfg(unix)]
    #[test]
    fn a_link_planted_at_the_old_temporary_name_is_not_followed() {
        let directory = scratch("planted");
        let victim = directory.join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let path = directory.join("plan.yaml");
        let old_name = directory.join(format!(".plan.yaml.{}.tmp", std::process::id()));
        std::os::unix::fs::symlink(&victim, &old_name).unwrap();
        write_atomically(&path, b"new plan", Overwrite::Allow).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new plan");
        std::fs::remove_dir_all(&directory).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_replaced_and_they_keep_their_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let directory = scratch("regular");
        let victim = directory.join("victim.txt");
        std::fs::write(&victim, "precious").unwrap();
        let link = directory.join("plan.yaml");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let error = write_atomically(&link, b"new", Overwrite::Allow).unwrap_err();
        assert!(error.to_string().contains("a symbolic link"), "{error}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
        assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());

        let private = directory.join("private.yaml");
        std::fs::write(&private, "old").unwrap();
        std::fs::set_permissions(&private, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&private, b"new", Overwrite::Allow).unwrap();
        let mode = std::fs::metadata(&private).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "the file keeps its permissions");

        // A new file gets what any new file gets here (0666 less the umask), not tempfile's 0600.
        let fresh = directory.join("fresh.yaml");
        write_atomically(&fresh, b"new", Overwrite::Allow).unwrap();
        let usual = directory.join("usual.yaml");
        std::fs::write(&usual, b"new").unwrap();
        let mode_of = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode_of(&fresh), mode_of(&usual));
        assert_eq!(std::fs::read_dir(&directory).unwrap().count(), 5);
        std::fs::remove_dir_all(&directory).unwrap();
    }
}
