//! The manual pages in `docs/man/`, generated from the commands by clap_mangen: `pathway.1` and
//! one page per subcommand (`pathway-validate.1`, …), as git names its pages. They are
//! committed so that packagers and release archives have them without building; the test
//! fails when they drift, and `UPDATE_GENERATED=1 cargo test` rewrites them.

use std::path::{Path, PathBuf};

use clap::CommandFactory;

/// Every page, by file name, with its text.
fn pages() -> Vec<(String, Vec<u8>)> {
    let mut command = crate::Cli::command().disable_help_subcommand(true);
    // The page's NAME line is the command's short description, which for `pathway` itself is
    // the package's (naming the command in backquotes): use the help's first line instead.
    let summary = command
        .get_long_about()
        .map(|about| about.to_string())
        .and_then(|about| {
            about
                .lines()
                .next()
                .map(|line| line.trim_end_matches('.').to_owned())
        });
    if let Some(summary) = summary {
        command = command.about(summary);
    }
    command.build();
    let mut pages = Vec::new();
    let mut commands = vec![command];
    while let Some(command) = commands.pop() {
        commands.extend(
            command
                .get_subcommands()
                .filter(|sub| !sub.is_hide_set())
                .cloned(),
        );
        // No date: the same commands give the same pages, byte for byte.
        let page = clap_mangen::Man::new(command)
            .manual("Pathway Kit")
            .source(concat!("pathway ", env!("CARGO_PKG_VERSION")));
        let mut text = Vec::new();
        page.render(&mut text).expect("rendering into memory");
        pages.push((page.get_filename(), text));
    }
    pages.sort();
    pages
}

fn man_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/man")
}

#[test]
fn committed_man_pages_match_the_commands() {
    let folder = man_folder();
    let pages = pages();
    let names: Vec<&str> = pages.iter().map(|(name, _)| name.as_str()).collect();
    assert!(names.contains(&"pathway.1"), "{names:?}");
    assert!(names.contains(&"pathway-validate.1"), "{names:?}");
    assert!(names.contains(&"pathway-completions.1"), "{names:?}");
    let committed: Vec<String> = std::fs::read_dir(&folder)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|entry| entry.file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".1"))
                .collect()
        })
        .unwrap_or_default();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::create_dir_all(&folder).expect("create docs/man");
        for stale in committed
            .iter()
            .filter(|name| !names.contains(&name.as_str()))
        {
            std::fs::remove_file(folder.join(stale)).expect("remove a page of a command gone");
        }
        for (name, text) in &pages {
            std::fs::write(folder.join(name), text).expect("write a man page");
        }
        return;
    }
    let mut committed = committed;
    committed.sort();
    assert_eq!(
        committed, names,
        "docs/man/ has other pages than the commands: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
    for (name, text) in &pages {
        let on_disk = std::fs::read(folder.join(name)).unwrap_or_default();
        assert!(
            &on_disk == text,
            "docs/man/{name} is out of date with the commands: run `UPDATE_GENERATED=1 cargo test` and commit the result"
        );
    }
}

#[test]
fn the_main_page_lists_every_command_and_its_options() {
    let pages = pages();
    let main = pages
        .iter()
        .find(|(name, _)| name == "pathway.1")
        .map(|(_, text)| String::from_utf8_lossy(text).into_owned())
        .expect("pathway.1");
    assert!(main.starts_with(".ie \\n(.g .ds Aq \\(aq"), "a roff page");
    for command in crate::Cli::command().get_subcommands() {
        assert!(
            main.contains(&format!("pathway\\-{}(1)", command.get_name())),
            "pathway.1 points at pathway-{}(1)",
            command.get_name()
        );
    }
    let validate = pages
        .iter()
        .find(|(name, _)| name == "pathway-validate.1")
        .map(|(_, text)| String::from_utf8_lossy(text).into_owned())
        .expect("pathway-validate.1");
    assert!(validate.contains("\\-\\-format"), "{validate}");
}
