//! `pathway export`: publish a plan as documents tailored to each audience.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use anyhow::{Context, bail};
use clap::Args;
use clap::builder::PossibleValuesParser;
use pathway_export::PublishedPlan;
use pathway_export::driver::{Export, export};
use pathway_export::profile::Profiles;
use pathway_export::render::{self, Renderer};
use pathway_schema::Id;
use pathway_schema::load::{Limits, LoadError, LoadErrorKind, LoadedPlan, SourceTree, parse, read};
use pathway_schema::source::Source;
use pathway_validate::config::{Config, RuleSettings};
use pathway_validate::render::RunCounts;
use pathway_validate::render::human::{HumanOptions, render_file, render_summary};
use pathway_validate::{
    FileReport, Options, Severity, check_lent_document, check_source, report_unreadable,
};

use crate::neutral::shown;
use crate::output::{Overwrite, write_atomically_with};

/// Publish a plan as Word and Markdown documents, one per audience.
#[derive(Debug, Args)]
#[command(long_about = long_about())]
pub struct ExportArgs {
    /// The plan file (.yaml, .yml or .json); - reads the plan from standard input.
    #[arg(value_name = "PLAN")]
    plan: PathBuf,
    /// An audience to write for; repeat for several.
    #[arg(long = "audience", value_name = "ID", conflicts_with = "all")]
    audiences: Vec<String>,
    /// Write a document for every audience profile.
    #[arg(long)]
    all: bool,
    /// A format to write; repeat (or separate with commas) for several. Without it, every format.
    #[arg(long = "format", value_name = "FORMAT", value_delimiter = ',', value_parser = format_names())]
    formats: Vec<String>,
    /// The folder to write into; created if needed.
    #[arg(short, long = "output", value_name = "DIR", default_value = ".")]
    output: PathBuf,
    /// A folder of audience profiles (*.yaml) that add to the built-in ones or replace them.
    /// Without it, the folder named by `templates = "..."` in the plan's pathway.toml, if any.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
    /// Print nothing but errors: no list of the files written and no progress bar.
    #[arg(short, long)]
    quiet: bool,
}

/// `export --help`'s description, naming the built-in audiences from their files.
fn long_about() -> String {
    format!(
        "Publish a plan as Word and Markdown documents, one per audience.\n\n\
         Each audience ({}, or one of your own profiles) gets a document that leads with what \
         the plan means for it. Files are named <plan-id>-<audience>.<ext> and replace earlier \
         exports. A plan that is not complete for its readiness level still exports, marked as a \
         draft, with the open decisions in an appendix; a plan that does not match the format \
         (an unknown key, a negative number of hours) is refused with the findings `pathway \
         validate` gives, and nothing is written. Exit status: 0 when every document was \
         written, 1 when the plan cannot be loaded or does not match the format, 2 when the \
         command is misused or a file cannot be written.",
        pathway_schema::audiences::IDS.join(", ")
    )
}

/// `--format`'s values: the renderers' names, each with its description for `--help`.
fn format_names() -> PossibleValuesParser {
    PossibleValuesParser::new(
        render::RENDERERS.iter().map(|renderer| {
            clap::builder::PossibleValue::new(renderer.name()).help(renderer.about())
        }),
    )
}

/// The renderers `--format` asks for, in the registry's order, each once.
fn chosen_renderers(names: &[String]) -> Vec<&'static dyn Renderer> {
    render::RENDERERS
        .iter()
        .copied()
        .filter(|renderer| names.is_empty() || names.iter().any(|name| name == renderer.name()))
        .collect()
}

pub fn run(args: &ExportArgs) -> anyhow::Result<ExitCode> {
    let config = configuration(&args.plan)?;
    let templates = match &args.templates {
        Some(folder) => Some(folder.clone()),
        None => config
            .as_ref()
            .and_then(Config::templates)
            .map(Path::to_path_buf),
    };
    let profiles = match &templates {
        Some(dir) => Profiles::with_folder(dir).map_err(anyhow::Error::msg)?,
        None => Profiles::builtin(),
    };
    let audiences = chosen_audiences(args, &profiles)?;
    let Some(loaded) = checked_plan(&args.plan)? else {
        return Ok(ExitCode::from(1));
    };
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create the folder {}", shown(&args.output)))?;
    let renderers = chosen_renderers(&args.formats);
    let progress = Mutex::new(Progress::new(
        audiences.len() * renderers.len(),
        !args.quiet,
    ));
    // From here on the documents need only the typed plan: its text and positioned tree go.
    let published =
        PublishedPlan::new(loaded, config.as_ref().map_or(&[], Config::decision_points));
    let job = Export {
        published: &published,
        profiles: &profiles,
        audiences: &audiences,
        renderers: &renderers,
    };
    let written = export(&job, |name, file| -> anyhow::Result<PathBuf> {
        let path = args.output.join(name);
        // A Markdown document comes as a piece per block: one write per 64 KiB, not per piece.
        write_atomically_with(&path, Overwrite::Allow, |out| {
            let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
            file.write_to(&mut out)?;
            out.flush()
        })?;
        if let Ok(mut progress) = progress.lock() {
            progress.step(name);
        }
        Ok(path)
    })?;
    if let Ok(progress) = progress.lock() {
        progress.finish();
    }
    let listing: String = written
        .iter()
        .map(|path| format!("{}\n", shown(path)))
        .collect();
    if !args.quiet {
        crate::output::print(&listing)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Reads the plan and checks that it parses and matches the schema before anything is written:
/// a plan with a negative number of hours or an unknown key is refused with the findings
/// `pathway validate` prints for it, on standard error. `None` when it was refused.
// The load error is built once, on the way out.
#[allow(clippy::result_large_err)]
fn checked_plan(path: &Path) -> anyhow::Result<Option<LoadedPlan>> {
    let limits = Limits::DEFAULT;
    let source = match read(path, &limits) {
        Ok(source) => source,
        Err(error) if error.kind == LoadErrorKind::Io => {
            crate::neutral::print_line(&error.to_string());
            return Ok(None);
        }
        Err(error) => return Ok(refuse(&report_unreadable(&error))),
    };
    Ok(checked_source(source, |source| {
        parse(source, None, &limits)
    }))
}

/// Parses the plan's text once, with `parse`, checks the tree and keeps it with the plan the
/// check typed: the documents need both, and parsing a state's plan a second time cost a
/// second tree's worth of work. `None` when the plan was refused.
fn checked_source(
    source: Source,
    parse: impl FnOnce(Source) -> Result<SourceTree, LoadError>,
) -> Option<LoadedPlan> {
    let options = Options::default();
    let settings = RuleSettings::structure_only();
    let document = match parse(source.clone()) {
        Ok(document) => document,
        // The report `pathway validate` gives, quoting the text; the text fails to parse again
        // at once.
        Err(_) => return refuse(&check_source(source, None, &options, &settings)),
    };
    let (report, checked) = check_lent_document(&document, &options, &settings);
    if report.count(Severity::Error) > 0 {
        return refuse(&report);
    }
    let plan = match checked {
        Some(checked) => checked.plan,
        // The check types every plan that matches the schema; should the two drift apart, the
        // typing's own error is the message.
        None => match document.plan() {
            Ok(plan) => plan,
            Err(error) => {
                crate::neutral::print_line(&error.to_string());
                return None;
            }
        },
    };
    Some(LoadedPlan {
        tree: document,
        plan,
    })
}

/// The plan's `pathway.toml`, found as `pathway validate` finds it, so both commands know the
/// same audience profiles (`templates = "..."`) and the same state decision points on every
/// machine.
fn configuration(plan: &Path) -> anyhow::Result<Option<Config>> {
    if plan.as_os_str() == "-" {
        return Ok(None);
    }
    let Some(config) = pathway_validate::config::discover(plan) else {
        return Ok(None);
    };
    Ok(Some(Config::load(&config)?))
}

/// Prints why a plan is refused, as `pathway validate` would, and says nothing was written.
fn refuse(report: &FileReport) -> Option<LoadedPlan> {
    let color = crate::terminal::colors(crate::terminal::Stream::Stderr);
    let mut text = render_file(
        report,
        HumanOptions {
            color,
            show_info: false,
        },
    );
    text.push_str(&render_summary(&RunCounts::of(std::slice::from_ref(
        report,
    ))));
    text.push_str("nothing was exported: fix the errors above, then export again\n");
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
    None
}

/// The audiences asked for, in the order given (or every profile's, for `--all`), each checked
/// to be a kebab-case id with a profile.
fn chosen_audiences(args: &ExportArgs, profiles: &Profiles) -> anyhow::Result<Vec<Id>> {
    let known: Vec<&str> = profiles.ids().collect();
    if !args.all && args.audiences.is_empty() {
        bail!(
            "say who the documents are for: --all for every audience, or --audience ID (repeat it for several), where ID is one of: {}",
            known.join(", ")
        );
    }
    let requested: Vec<String> = if args.all {
        known.iter().map(|id| (*id).to_owned()).collect()
    } else {
        args.audiences.clone()
    };
    let mut audiences: Vec<Id> = Vec::new();
    for name in requested {
        let id = Id::new(&name).map_err(|message| anyhow::anyhow!("--audience: {message}"))?;
        if profiles.get(id.as_str()).is_none() {
            bail!(
                "there is no audience profile `{id}`. Choose from: {}{}",
                known.join(", "),
                if args.templates.is_none() {
                    " (or add your own with --templates DIR)"
                } else {
                    ""
                }
            );
        }
        if !audiences.contains(&id) {
            audiences.push(id);
        }
    }
    Ok(audiences)
}

/// A one-line progress bar on standard error, shown only when it is a terminal and there is
/// more than a couple of files to write.
struct Progress {
    total: usize,
    done: usize,
    shown: bool,
}

impl Progress {
    fn new(total: usize, wanted: bool) -> Progress {
        Progress {
            total,
            done: 0,
            shown: wanted
                && total > 2
                && crate::terminal::draws_progress(crate::terminal::Stream::Stderr),
        }
    }

    fn step(&mut self, name: &str) {
        self.done += 1;
        if !self.shown {
            return;
        }
        const WIDTH: usize = 24;
        let filled = WIDTH * self.done / self.total.max(1);
        let bar: String = "#".repeat(filled) + &"-".repeat(WIDTH - filled);
        let mut stderr = std::io::stderr().lock();
        let _ = write!(
            stderr,
            "\r\x1b[2K[{bar}] {}/{} {}",
            self.done,
            self.total,
            pathway_validate::render::neutral::inline(name)
        );
        let _ = stderr.flush();
    }

    fn finish(&self) {
        if self.shown {
            let mut stderr = std::io::stderr().lock();
            let _ = write!(stderr, "\r\x1b[2K");
            let _ = stderr.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(audiences: &[&str], all: bool) -> ExportArgs {
        ExportArgs {
            plan: PathBuf::from("plan.yaml"),
            audiences: audiences.iter().map(|a| (*a).to_owned()).collect(),
            all,
            formats: Vec::new(),
            output: PathBuf::from("."),
            templates: None,
            quiet: false,
        }
    }

    #[test]
    fn audiences_are_checked_and_deduplicated() {
        let profiles = Profiles::builtin();
        let chosen =
            chosen_audiences(&args(&["union", "educators", "union"], false), &profiles).unwrap();
        assert_eq!(chosen.len(), 2);
        assert_eq!(
            chosen_audiences(&args(&[], true), &profiles).unwrap(),
            profiles
                .ids()
                .map(|id| Id::new(id).unwrap())
                .collect::<Vec<_>>()
        );
        let unknown = chosen_audiences(&args(&["parents"], false), &profiles).unwrap_err();
        assert!(
            unknown.to_string().contains(&format!(
                "Choose from: {}",
                pathway_schema::audiences::IDS.join(", ")
            )),
            "{unknown}"
        );
    }

    #[test]
    fn all_audiences_in_both_formats_are_written_the_same_way_twice() {
        let directory = std::env::temp_dir().join(format!("pathway-export-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&directory);
        let mut export = args(&[], true);
        export.plan = PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/juniper-ridge-designing.yaml"
        ));
        export.output = directory.join("nested/out");
        assert_eq!(run(&export).unwrap(), ExitCode::SUCCESS);
        let read_all = || {
            let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&export.output)
                .unwrap()
                .map(|entry| {
                    let path = entry.unwrap().path();
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    (name, std::fs::read(&path).unwrap())
                })
                .collect();
            files.sort();
            files
        };
        let first = read_all();
        assert_eq!(
            first.len(),
            Profiles::builtin().ids().count() * render::RENDERERS.len(),
            "every audience in every format, no temporary files left"
        );
        assert!(
            first
                .iter()
                .any(|(name, _)| name == "juniper-ridge-pathways-school-board.docx")
        );
        assert_eq!(run(&export).unwrap(), ExitCode::SUCCESS);
        assert!(read_all() == first, "a second export writes the same bytes");
        std::fs::remove_dir_all(&directory).unwrap();
    }

    // Regression: export parsed a plan twice, once to check it and once to type it, so a
    // state's plan cost two trees' worth of parsing; the check's tree and typed plan are kept.
    #[test]
    // The load error is the loader's own type.
    #[allow(clippy::result_large_err)]
    fn a_plan_is_parsed_once() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/cedar-valley-scaling.yaml"
        );
        let limits = Limits::DEFAULT;
        let source = read(Path::new(path), &limits).unwrap();
        let mut parses = 0;
        let loaded = checked_source(source, |source| {
            parses += 1;
            parse(source, None, &limits)
        })
        .expect("the example is exported");
        assert_eq!(parses, 1);
        let expected = pathway_schema::load::load(Path::new(path), &limits).unwrap();
        assert!(loaded.plan == expected.plan, "the plan typed differs");
        assert!(
            loaded.tree.root() == expected.tree.root(),
            "the tree differs"
        );
    }

    #[test]
    fn a_plan_that_does_not_load_exits_1() {
        let mut export = args(&["union"], false);
        export.plan = PathBuf::from("/nonexistent/plan.yaml");
        assert_eq!(run(&export).unwrap(), ExitCode::from(1));
    }

    #[test]
    fn audience_ids_cannot_name_paths() {
        let profiles = Profiles::builtin();
        for bad in ["../union", "union/x", "..", "Union"] {
            let error = chosen_audiences(&args(&[bad], false), &profiles).unwrap_err();
            assert!(
                error.to_string().contains("not a valid id"),
                "{bad}: {error}"
            );
        }
    }
}
