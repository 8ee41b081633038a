//! Lists the built-in audiences for `src/audiences.rs`: one profile file each in `audiences/`,
//! so that adding an audience is adding its file.

use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn Error>> {
    let crate_dir = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR")?);
    let folder = crate_dir.join("audiences");
    // A folder: cargo reruns this when any file in it is added, removed or changed.
    println!("cargo::rerun-if-changed=audiences");
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(&folder)? {
        let path = entry?.path();
        if path.extension().is_some_and(|ext| ext == "yaml") {
            let id = path
                .file_stem()
                .and_then(|stem| stem.to_str())
                .ok_or_else(|| format!("{} is not named in UTF-8", path.display()))?
                .to_owned();
            files.push((id, path));
        }
    }
    // By id, so the order does not depend on the file system's.
    files.sort();
    let mut out = String::new();
    out.push_str(
        "/// The built-in audiences, by id.\npub const BUILT_IN: &[BuiltInAudience] = &[\n",
    );
    for (id, path) in &files {
        writeln!(
            out,
            "    BuiltInAudience {{ id: {id:?}, file: {file:?}, profile: include_str!({path:?}) }},",
            file = format!("{id}.yaml"),
            path = path.display().to_string(),
        )?;
    }
    out.push_str(
        "];\n\n/// The built-in audiences' ids, in the same order.\npub const IDS: &[&str] = &[",
    );
    for (i, (id, _)) in files.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write!(out, "{id:?}")?;
    }
    out.push_str("];\n");
    let out_dir = PathBuf::from(std::env::var("OUT_DIR")?);
    std::fs::write(Path::new(&out_dir).join("audiences.rs"), out)?;
    Ok(())
}
