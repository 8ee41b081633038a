//! Writing output files so that a failure never leaves half a file or loses the old one.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};

/// Whether an existing file may be replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overwrite {
    /// Replace it.
    Allow,
    /// Leave it alone and fail.
    Refuse,
}

/// Writes `bytes` to `path` through a temporary file in the same directory, renamed into place
/// once complete: readers see the old file or the new one, never a part.
pub fn write_atomically(path: &Path, bytes: &[u8], overwrite: Overwrite) -> anyhow::Result<()> {
    if path.is_dir() {
        bail!("{} is a directory; name a file to write", path.display());
    }
    if overwrite == Overwrite::Refuse && path.exists() {
        bail!(
            "{} already exists; use --force to replace it",
            path.display()
        );
    }
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let file_name = path
        .file_name()
        .with_context(|| format!("{} does not name a file", path.display()))?;
    let temporary = directory.join(format!(
        ".{}.{}.tmp",
        file_name.to_string_lossy(),
        std::process::id()
    ));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if let Err(error) = result {
        let _ = std::fs::remove_file(&temporary);
        return Err(error).with_context(|| format!("cannot write {}", path.display()));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_to_replace_without_permission() {
        let directory = std::env::temp_dir().join(format!("pathway-output-{}", std::process::id()));
        std::fs::create_dir_all(&directory).unwrap();
        let path = directory.join("plan.yaml");
        std::fs::write(&path, "original").unwrap();
        let error = write_atomically(&path, b"new", Overwrite::Refuse).unwrap_err();
        assert!(error.to_string().contains("already exists"), "{error}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "original");
        write_atomically(&path, b"new", Overwrite::Allow).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        let leftovers = std::fs::read_dir(&directory).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
        std::fs::remove_dir_all(&directory).unwrap();
    }
}
