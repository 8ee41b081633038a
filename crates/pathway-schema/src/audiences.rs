//! The built-in audiences: the people a plan's documents are written for, each defined by one
//! profile file in this crate's `audiences/` folder (`crates/pathway-schema/audiences/` in the
//! repository). The files are the list: the validator's audience check, the exporter's
//! documents, `pathway export --help` and its error messages all read it from here, so adding an
//! audience is adding its file. Plans name audiences by id; users add their own profiles with
//! `--templates DIR`.
//!
//! The files hold what the exporter reads (title, sections, wording); this crate only lists
//! them, so that every layer, from the validator up, knows the same ids without parsing them.
//!
//! ```
//! use pathway_schema::audiences::{BUILT_IN, IDS};
//!
//! assert!(IDS.contains(&"school-board"));
//! let board = BUILT_IN.iter().find(|audience| audience.id == "school-board").unwrap();
//! assert_eq!(board.file, "school-board.yaml");
//! assert!(board.profile.contains("\nid: school-board\n"));
//! ```

/// One built-in audience: its id and its profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuiltInAudience {
    /// The id plans name it by, such as `school-board`: the file's name without `.yaml`.
    pub id: &'static str,
    /// The profile's file name, such as `school-board.yaml`.
    pub file: &'static str,
    /// The profile's YAML text, for the exporter to read.
    pub profile: &'static str,
}

// BUILT_IN and IDS, written by build.rs from the files in audiences/, in id order.
include!(concat!(env!("OUT_DIR"), "/audiences.rs"));

#[cfg(test)]
mod tests {
    use super::*;

    /// The list is the folder: every file in it, each once, and nothing else.
    #[test]
    fn the_list_is_the_folder() {
        let folder = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("audiences");
        let mut files: Vec<String> = std::fs::read_dir(folder)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().into_string().unwrap())
            .filter(|name| name.ends_with(".yaml"))
            .collect();
        files.sort();
        let mut listed: Vec<String> = BUILT_IN.iter().map(|a| a.file.to_owned()).collect();
        listed.sort();
        assert_eq!(listed, files);
        assert!(!files.is_empty());
        let ids: Vec<&str> = BUILT_IN.iter().map(|a| a.id).collect();
        assert_eq!(ids, IDS);
        for audience in BUILT_IN {
            assert_eq!(format!("{}.yaml", audience.id), audience.file);
            assert!(
                audience
                    .profile
                    .contains(&format!("\nid: {}\n", audience.id)),
                "{} does not declare its id",
                audience.file
            );
        }
    }
}
