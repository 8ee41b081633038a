//! Helpers shared by the integration tests: loading example plans and reading .docx parts.

#![allow(dead_code)]

use std::io::{Cursor, Read};
use std::path::PathBuf;

use pathway_schema::load::{LoadedPlan, load_str};

/// A file under the repository's `examples/` folder.
pub fn example(name: &str) -> LoadedPlan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    load_str(&path.display().to_string(), &text).unwrap()
}

/// A file under this crate's `tests/fixtures/` folder.
pub fn fixture(name: &str) -> LoadedPlan {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    load_str(name, &text).unwrap()
}

/// The text of one part of a .docx package, such as `word/document.xml`.
pub fn part(docx: &[u8], name: &str) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    let mut file = archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("no part {name}"));
    let mut text = String::new();
    file.read_to_string(&mut text).unwrap();
    text
}

/// The names of every part in a .docx package.
pub fn part_names(docx: &[u8]) -> Vec<String> {
    let archive = zip::ZipArchive::new(Cursor::new(docx)).unwrap();
    archive.file_names().map(str::to_owned).collect()
}

/// The Markdown outside Mermaid code fences, which is where escaping matters.
pub fn outside_mermaid(markdown: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for line in markdown.lines() {
        if line.starts_with("```") {
            inside = !inside;
            continue;
        }
        if !inside {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
