//! Memory stays flat as plans are added: the roll-up keeps each plan's row in temporary files
//! and holds no text per plan, only numbers (a plan's place in each credential's list).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use pathway_report::RUN_ROWS;
use pathway_report::{Output, PlanFacts, ReportProfile, Rollup, render};
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_source_keeping_plan};

/// Four generated plans, checked once, and the credentials each lists (counted from its text).
fn templates() -> Vec<(PlanFacts, u64)> {
    (1..=4)
        .map(|seed| {
            let text = pathway_bench::generate_plan(3, seed);
            let credentials = text
                .lines()
                .filter(|l| l.trim_start().starts_with("ctid: "))
                .count() as u64;
            let (report, plan) = check_source_keeping_plan(
                Source::new(format!("plan-{seed}.yaml"), text),
                None,
                &Options::default(),
                &RuleSettings::default(),
            );
            (PlanFacts::of(&report, plan.as_ref()), credentials)
        })
        .collect()
}

/// Plan `i`: a copy of a template under its own file name and id, offering the template's
/// credentials (the same catalog, as a state's districts share one).
fn plan(templates: &[(PlanFacts, u64)], i: usize) -> (PlanFacts, u64, String, String) {
    let (template, credentials) = &templates[i % templates.len()];
    let mut facts = template.clone();
    let id = format!("district-{:05}", (i * 7919) % 100_000);
    let path = format!("plans/{id}.yaml");
    facts.path.clone_from(&path);
    facts.plan.as_mut().unwrap().id.clone_from(&id);
    (facts, *credentials, id, path)
}

#[test]
fn the_roll_up_holds_no_text_per_plan_and_rows_come_back_in_plan_order() {
    let templates = templates();
    let total = 3 * RUN_ROWS + 17;
    let mut rollup = Rollup::new();
    let mut expected_order = Vec::new();
    let mut text_after_first_run = None;
    let mut offered_since = 0u64;
    for i in 0..total {
        let (facts, credentials, id, path) = plan(&templates, i);
        expected_order.push((id, path));
        rollup.add(facts);
        assert!(rollup.rows_in_memory() <= RUN_ROWS);
        match text_after_first_run {
            None if i + 1 == RUN_ROWS => text_after_first_run = Some(rollup.text_bytes()),
            None => {}
            Some(_) => offered_since += credentials,
        }
    }
    // After the first run every credential of the catalog is known: all that grows is four
    // bytes per credential offered (the plan's place in its list), no text.
    let before = text_after_first_run.unwrap();
    assert_eq!(rollup.text_bytes() - before, 4 * offered_since as usize);
    let report = rollup.finish("Flat");
    assert_eq!(report.plans.runs(), 3);
    assert!(report.plans.in_memory() <= RUN_ROWS);
    expected_order.sort();
    let order: Vec<(String, String)> = report
        .plans
        .iter()
        .unwrap()
        .map(|placed| {
            let row = placed.unwrap().row;
            (row.plan.unwrap(), row.path)
        })
        .collect();
    assert_eq!(order, expected_order);
}

#[test]
fn spilled_rows_give_the_same_files_whatever_the_order_plans_are_added() {
    let templates = templates();
    let total = 2 * RUN_ROWS + 5;
    let outputs = [Output::Csv, Output::Json, Output::Markdown];
    let roll_up = |order: &mut dyn Iterator<Item = usize>| {
        let mut rollup = Rollup::new();
        for i in order {
            rollup.add(plan(&templates, i).0);
        }
        render(&rollup.finish("Order"), &ReportProfile::builtin(), &outputs).unwrap()
    };
    let forward = roll_up(&mut (0..total));
    let backward = roll_up(&mut (0..total).rev());
    assert_eq!(forward, backward);
    let plans = forward.iter().find(|f| f.0 == "plans.csv").unwrap();
    let plans = String::from_utf8(plans.1.clone()).unwrap();
    assert_eq!(plans.lines().count(), 1 + total);
}
