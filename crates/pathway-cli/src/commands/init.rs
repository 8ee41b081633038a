//! `pathway init`: write a starter plan for a readiness level.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{SystemTime, UNIX_EPOCH};

use anyhow::Context;
use clap::{Args, ValueEnum};
use pathway_schema::Readiness;
use pathway_schema::decision_points::required_at;
use pathway_schema::scaffold::{ScaffoldOptions, scaffold};
use pathway_schema::schema::{LOCAL_SCHEMA_DIR, LOCAL_SCHEMA_LOCATION, SCHEMA_FILE_NAME};
use pathway_validate::config::Config;

use super::schema::{CopyOutcome, Replace, write_copy};
use crate::neutral::print_line;
use crate::output::{Overwrite, print, write_atomically};

/// Write a starter plan that walks you through the decisions of a readiness level.
///
/// Each decision point the level requires appears with its id, its question and a "TODO"
/// placeholder to replace with your answer. The first line tells editors where the schema is,
/// so they complete and check fields as you type: a copy written beside the plan, in
/// .pathway/pathway-plan.v1.schema.json, which works with no network and outside this
/// repository. An existing copy is left as it is; `pathway schema --write .pathway` refreshes it.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// How far along your organization is: the plan asks the questions of this level and the
    /// levels before it.
    #[arg(long, value_enum, default_value_t = Level::Exploring)]
    level: Level,
    /// Your organization's name, such as "Cedar Valley School District".
    #[arg(long, value_name = "NAME")]
    org: Option<String>,
    /// Write the plan to this file instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Replace the output file if it already exists.
    #[arg(long, requires = "output")]
    force: bool,
    /// Point the editor modeline here instead, and write no copy of the schema: a URL, or a
    /// path relative to the plan.
    #[arg(long, value_name = "URL_OR_PATH")]
    schema: Option<String>,
    /// Ask the decision points this configuration file adds (a state's own, under
    /// `extensions`) as well as the toolkit's. Without it, those of the pathway.toml that will
    /// apply to the output file, if any
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
}

/// The readiness levels, as the command line spells them.
#[derive(Debug, Clone, Copy, ValueEnum)]
enum Level {
    /// Deciding whether pathways fit: goals, who is involved, who owns the work.
    Exploring,
    /// Designing the constellation: incentives, learning, decision making, timeline.
    Designing,
    /// Running a pilot: funding, value for each group, quality review, evaluation.
    Piloting,
    /// Growing the program: resources per year and partnerships.
    Scaling,
}

impl From<Level> for Readiness {
    fn from(level: Level) -> Self {
        match level {
            Level::Exploring => Readiness::Exploring,
            Level::Designing => Readiness::Designing,
            Level::Piloting => Readiness::Piloting,
            Level::Scaling => Readiness::Scaling,
        }
    }
}

pub fn run(args: &InitArgs) -> anyhow::Result<ExitCode> {
    let level = Readiness::from(args.level);
    let mut options = ScaffoldOptions::new(level, current_year());
    if let Some(org) = &args.org {
        anyhow::ensure!(
            !org.trim().is_empty(),
            "--org needs a name, such as --org \"Cedar Valley School District\""
        );
        options.organization = org.trim().to_owned();
    }
    if let Some(schema) = &args.schema {
        options.schema_location = schema.clone();
    }
    let config = match (&args.config, &args.output) {
        (Some(file), _) => Some(file.clone()),
        (None, Some(plan)) => pathway_validate::config::discover(plan),
        (None, None) => None,
    };
    if let Some(file) = &config {
        options.state_points = Config::load(file)?.decision_points().to_vec();
    }
    let state_required = options
        .state_points
        .iter()
        .filter(|point| point.level <= level)
        .count();
    let text = scaffold(&options);
    let Some(path) = &args.output else {
        print(&text)?;
        if args.schema.is_none() {
            print_line(&format!(
                "The plan's first line points editors at {LOCAL_SCHEMA_LOCATION}: run `pathway schema --write {LOCAL_SCHEMA_DIR}` in the plan's folder to put the schema there."
            ));
        }
        return Ok(ExitCode::SUCCESS);
    };
    let overwrite = if args.force {
        Overwrite::Allow
    } else {
        Overwrite::Refuse
    };
    write_atomically(path, text.as_bytes(), overwrite)?;
    let copy = match &args.schema {
        Some(_) => None,
        None => {
            // A bare file name has an empty parent, which joins to `.pathway` as it should.
            let folder = path
                .parent()
                .unwrap_or(Path::new(""))
                .join(LOCAL_SCHEMA_DIR);
            let outcome = write_copy(&folder, Replace::Never).with_context(|| {
                format!(
                    "wrote {}, but not the copy of the schema its first line points at",
                    path.display()
                )
            })?;
            Some((folder.join(SCHEMA_FILE_NAME), outcome))
        }
    };
    print_line(&format!(
        "Wrote {}: {} {} plan with {} decision points to answer. Replace each \"TODO\" with your answer.",
        path.display(),
        pathway_schema::wording::a(level.as_str()),
        level.as_str(),
        required_at(level).count() + state_required
    ));
    match copy {
        Some((schema, CopyOutcome::Written)) => print_line(&format!(
            "Wrote {}, which the plan's first line points editors at.",
            schema.display()
        )),
        Some((schema, CopyOutcome::KeptDifferent)) => print_line(&format!(
            "Kept {}, which is not this version's schema: `pathway schema --write {}` replaces it.",
            schema.display(),
            schema
                .parent()
                .unwrap_or(Path::new(LOCAL_SCHEMA_DIR))
                .display()
        )),
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// The current calendar year, from the system clock (UTC). A plan period starts on July 1.
fn current_year() -> u16 {
    let seconds = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| elapsed.as_secs());
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    u16::try_from(civil_year(days)).unwrap_or(2026)
}

/// The Gregorian year of a day counted from 1970-01-01 (Howard Hinnant's days-to-civil).
fn civil_year(days: i64) -> i64 {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    year_of_era + era * 400 + i64::from(month <= 2)
}

#[cfg(test)]
mod tests {
    use super::civil_year;

    #[test]
    fn civil_years() {
        assert_eq!(civil_year(0), 1970);
        assert_eq!(civil_year(365), 1971);
        assert_eq!(civil_year(20_779), 2026); // 2026-11-22
        assert_eq!(civil_year(20_088), 2024); // 2024-12-31
        assert_eq!(civil_year(20_089), 2025); // 2025-01-01
    }
}
