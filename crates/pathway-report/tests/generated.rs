//! The roll-up of generated plans (bench/gen-plan's generator), checked against figures read
//! straight from the plans' text, not through the roll-up.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::BTreeSet;

use pathway_report::{Output, PlanFacts, ReportProfile, Rollup, render};
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_source_keeping_plan};

/// More than the briefing shows plan by plan, so the by-level table is drawn.
const PLANS: u64 = 45;

#[test]
fn generated_plans_add_up() {
    let mut rollup = Rollup::new();
    let (mut ctids, mut offered, mut states) = (BTreeSet::new(), 0u64, 0u64);
    for seed in 1..=PLANS {
        let text = pathway_bench::generate_plan(6, seed);
        for line in text.lines() {
            if let Some(ctid) = line.trim_start().strip_prefix("ctid: ") {
                offered += 1;
                ctids.insert(ctid.trim_matches(['"', '\'']).to_ascii_lowercase());
            }
        }
        // The organization's kind is the first `kind:` two spaces in, under `organization:`.
        let organization = text.split("\norganization:\n").nth(1).unwrap();
        if organization.lines().any(|l| l == "  kind: state") {
            states += 1;
        }
        let (report, plan) = check_source_keeping_plan(
            Source::new(format!("plan-{seed}.yaml"), text),
            None,
            &Options::default(),
            &RuleSettings::default(),
        );
        rollup.add(PlanFacts::of(&report, plan.as_ref()));
    }
    let report = rollup.finish("Generated");
    assert_eq!(report.totals.plans, PLANS);
    assert_eq!(report.totals.counted, PLANS);
    // The generator's plans are complete and valid (crates/pathway-bench/tests).
    assert_eq!(report.totals.complete_for_level, PLANS);
    assert_eq!(report.totals.with_errors, 0);
    assert_eq!(report.readiness[3].plans, PLANS);
    let kind = |k: &str| {
        report
            .organization_kinds
            .iter()
            .find(|c| c.kind == k)
            .unwrap()
            .plans
    };
    assert_eq!((kind("district"), kind("state")), (PLANS - states, states));
    assert_eq!(report.credentials.offered, offered);
    assert_eq!(report.credentials.distinct, ctids.len() as u64);
    let files = render(
        &report,
        &ReportProfile::builtin(),
        &[Output::Csv, Output::Markdown],
    )
    .unwrap();
    let markdown =
        String::from_utf8(files.iter().find(|f| f.0 == "report.md").unwrap().1.clone()).unwrap();
    assert!(markdown.contains("### Coverage by readiness level\n"));
    assert!(!markdown.contains("### Plan by plan"));
    let points = &files
        .iter()
        .find(|f| f.0 == "decision-points.csv")
        .unwrap()
        .1;
    assert_eq!(
        String::from_utf8_lossy(points).lines().count() as u64,
        1 + PLANS * 29
    );
    // Too many plans for a row each: the heat map has a row per readiness level and kind of
    // organization, each with its number of plans (all generated plans are at `scaling`).
    let map = pathway_report::heat_map(&report).unwrap();
    assert!(map.grouped);
    let rows: Vec<(&str, u64)> = map
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.plans))
        .collect();
    let mut expected = vec![("scaling · district", PLANS - states)];
    if states > 0 {
        expected.push(("scaling · state", states));
    }
    assert_eq!(rows, expected);
    // Complete plans answer every required point: each cell is all of them.
    for row in &map.rows {
        assert!(
            row.cells
                .iter()
                .all(|&(answered, required)| answered == required)
        );
    }
    let picture = pathway_report::draw_heat_map(&report).unwrap().unwrap();
    let alt = pathway_report::heat_map_alt_text(&report, &picture);
    assert!(alt.starts_with(&format!(
        "Heat map of decision-point coverage: {} rows, one per group of plans",
        expected.len()
    )));
}
