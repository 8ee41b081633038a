//! The validator and the board's document compute one budget: every year PW210 reports short
//! appears in the board document's balance tables with the same cost, the same committed
//! funding and the same shortfall, written the same way, and the document shows no shortfall
//! the validator does not report. Checked on every example, every fixture, generated plans, and
//! broken copies of each with shortfalls injected (funding cut, participation tripled, funding
//! that stops after a year).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

#[path = "../../../tests/support/plan_variants.rs"]
mod plan_variants;

use std::path::{Path, PathBuf};

use pathway_export::build_document;
use pathway_export::model::{Block, Document, plain_text};
use pathway_export::profile::Profiles;
use pathway_export::prose::school_year;
use pathway_schema::load::load_str;
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_source};

/// One year's figures, as printed: year label, cost, committed funding, shortfall.
type Figures = (String, String, String, String);

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn plans_in(directory: &str) -> Vec<(String, String)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo_root().join(directory))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "json")
        })
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read_to_string(&path).unwrap())
        })
        .collect()
}

/// The figures of each PW210 finding, read from its message:
/// "2028: `a` and `b` need $87,000; `c` provides $60,000; short $27,000".
fn validator_shortfalls(name: &str, text: &str) -> Vec<Figures> {
    let report = check_source(
        Source::new(name, text),
        None,
        &Options::default(),
        &RuleSettings::default(),
    );
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == "PW210")
        .map(|d| {
            let message = &d.message;
            let (year, rest) = message.split_once(": ").unwrap();
            let parts: Vec<&str> = rest.split("; ").collect();
            assert_eq!(parts.len(), 3, "{message}");
            let cost = parts[0].rsplit(' ').next().unwrap();
            // The first figure after "provide(s)" is the committed money.
            let after = parts[1].split_once(" provide").unwrap().1;
            let committed = match after.split(' ').nth(1).unwrap() {
                "nothing" => "$0",
                amount => amount,
            };
            let short = parts[2].strip_prefix("short ").unwrap();
            (
                school_year(year.parse().unwrap()),
                cost.to_owned(),
                committed.to_owned(),
                short.to_owned(),
            )
        })
        .collect()
}

/// The rows of the board document's balance tables that stand for a funding group: the tables
/// under "Balance by funding group", or the one "Balance by year" table when the plan has one
/// group that holds everything. Tables of groups whose sources are not all known are left out,
/// as the validator leaves them out.
fn document_shortfalls(document: &Document) -> Vec<Figures> {
    let mut section = String::new();
    let mut skip_next_table = false;
    let mut by_year = Vec::new();
    let mut by_group = Vec::new();
    let mut has_groups = false;
    for block in &document.blocks {
        match block {
            Block::Heading { text, .. } => {
                if text.starts_with("Balance by funding group") {
                    has_groups = true;
                }
                section = text.clone();
                skip_next_table = false;
            }
            Block::Paragraph(inlines)
                if plain_text(inlines).contains("a source the plan does not list") =>
            {
                skip_next_table = true;
            }
            Block::Table(table) if table.header.first().map(String::as_str) == Some("Year") => {
                let rows = if section.starts_with("Balance by year") {
                    &mut by_year
                } else if section.starts_with("Paid from") && !skip_next_table {
                    &mut by_group
                } else {
                    continue;
                };
                let column = |name: &str| table.header.iter().position(|h| h == name).unwrap();
                let (cost, committed, balance) = (
                    column("Projected cost"),
                    column("Committed"),
                    column("Balance"),
                );
                for row in &table.rows {
                    let cells: Vec<String> = row.iter().map(|cell| plain_text(cell)).collect();
                    if let Some(short) = cells[balance].strip_suffix(" short") {
                        rows.push((
                            cells[0].clone(),
                            cells[cost].clone(),
                            cells[committed].clone(),
                            short.to_owned(),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    if has_groups { by_group } else { by_year }
}

fn check_agreement(
    name: &str,
    text: &str,
    board: &pathway_export::profile::AudienceProfile,
) -> usize {
    let Ok(loaded) = load_str(name, text) else {
        return 0;
    };
    let mut validator = validator_shortfalls(name, text);
    let mut document = document_shortfalls(&build_document(&loaded, board));
    validator.sort();
    document.sort();
    assert_eq!(
        validator, document,
        "{name}: PW210 and the board's balance tables disagree"
    );
    validator.len()
}

#[test]
fn the_validator_and_the_board_document_print_the_same_shortfalls() {
    let profiles = Profiles::builtin();
    let board = profiles.get("school-board").unwrap();
    let mut plans = plans_in("examples");
    plans.extend(plans_in("tests/fixtures/invalid"));
    plans.extend(plans_in("tests/fixtures/valid"));
    plans.extend(plans_in("crates/pathway-export/tests/fixtures"));
    for seed in 1..=4 {
        plans.push((
            format!("generated-{seed}.yaml"),
            pathway_bench::generate_plan(30 + 10 * seed as usize, seed),
        ));
    }
    let mut shortfalls = 0;
    let mut checked = 0;
    for (name, text) in &plans {
        shortfalls += check_agreement(name, text, board);
        checked += 1;
        let Ok(loaded) = load_str(name, text) else {
            continue;
        };
        for (variant, json) in plan_variants::variants(&loaded.tree.to_json()) {
            let text = serde_json::to_string_pretty(&json).unwrap();
            let name = format!("{} ({variant}).json", name.trim_end_matches(".yaml"));
            shortfalls += check_agreement(&name, &text, board);
            checked += 1;
        }
    }
    // The injected shortfalls must have made the comparison bite.
    assert!(checked > 100, "only {checked} plans");
    assert!(shortfalls > 50, "only {shortfalls} shortfalls compared");
}
