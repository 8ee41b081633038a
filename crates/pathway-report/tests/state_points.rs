//! A state's own decision points from several configurations: merged by id, each plan counted
//! by its own configuration's declaration, and the same bytes whatever order plans come in.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use pathway_report::{Output, PlanFacts, Report, ReportProfile, Rollup, render};
use pathway_schema::source::Source;
use pathway_validate::config::{Config, RuleSettings};
use pathway_validate::{Options, check_source_keeping_plan};

const POOL_A: &str = "[[decision_points]]\nid = \"st.pool\"\narea = \"goals\"\nlevel = \"exploring\"\n\
                      question = \"Which pool? (A)\"\nanswer_at = \"/extensions/st/pool\"\n";
const POOL_B: &str = "[[decision_points]]\nid = \"st.pool\"\narea = \"evaluation\"\n\
                      level = \"designing\"\nquestion = \"Which pool? (B)\"\n\
                      answer_at = \"/extensions/st/pool\"\n\n\
                      [[decision_points]]\nid = \"st.extra\"\narea = \"scope\"\n\
                      level = \"exploring\"\nquestion = \"Anything else?\"\n\
                      answer_at = \"/extensions/st/extra\"\n";

fn plan(id: &str, level: &str, extensions: &str) -> String {
    format!(
        "schema_version: 1\nid: {id}\nreadiness: {level}\n\
         organization: {{name: {id}, kind: district}}\n{extensions}"
    )
}

/// (file, plan text, configuration text) for three plans under two configurations.
fn plans() -> Vec<(&'static str, String, &'static str)> {
    vec![
        // Under A: st.pool is required at exploring, and answered.
        (
            "a/one.yaml",
            plan(
                "one",
                "exploring",
                "extensions:\n  st:\n    pool: The northern pool.\n",
            ),
            POOL_A,
        ),
        // Under B: st.pool is required only from designing; st.extra is required, and open.
        ("b/two.yaml", plan("two", "exploring", ""), POOL_B),
        // Under B at designing: both required, st.pool open, st.extra answered.
        (
            "b/three.yaml",
            plan(
                "three",
                "designing",
                "extensions:\n  st:\n    extra: Our regional partners.\n",
            ),
            POOL_B,
        ),
    ]
}

fn roll_up(order: &[usize]) -> Report {
    let all = plans();
    let mut rollup = Rollup::new();
    for &i in order {
        let (file, text, config) = &all[i];
        let config = Config::parse(Path::new("pathway.toml"), config).unwrap();
        let (report, checked) = check_source_keeping_plan(
            Source::new(*file, text.clone()),
            None,
            &Options::default(),
            &RuleSettings::defaults_with_points_of(&config),
        );
        rollup.add(PlanFacts::of(&report, checked.as_ref()));
    }
    rollup.finish("State points")
}

#[test]
fn points_of_several_configurations_merge_by_id() {
    let report = roll_up(&[0, 1, 2]);
    let point = |id: &str| {
        report
            .decision_points
            .iter()
            .find(|p| p.id == id)
            .unwrap()
            .clone()
    };
    let pool = point("st.pool");
    // Shown: A's declaration, the least by area (goals comes before evaluation).
    assert_eq!(
        (
            pool.area.as_str(),
            pool.level.as_str(),
            pool.question.as_str()
        ),
        ("goals", "exploring", "Which pool? (A)")
    );
    // Required of one (A, exploring) and three (B, designing), not of two (B, exploring);
    // answered by one only.
    assert_eq!(
        (
            pool.plans_required,
            pool.plans_answered,
            pool.plans_open,
            pool.plans_answering_any_level,
            pool.plans_not_asked
        ),
        (2, 1, 1, 1, 0)
    );
    let extra = point("st.extra");
    // Asked of two and three only; open in two, answered in three.
    assert_eq!(
        (
            extra.plans_required,
            extra.plans_answered,
            extra.plans_open,
            extra.plans_not_asked
        ),
        (2, 1, 1, 1)
    );
    // The state's points follow the toolkit's, in id order.
    let ids: Vec<&str> = report
        .decision_points
        .iter()
        .filter(|p| p.source == "state")
        .map(|p| p.id.as_str())
        .collect();
    assert_eq!(ids, ["st.extra", "st.pool"]);
    // In decision-points.csv, each plan's row of st.pool has its own declaration's area and
    // level, and one, not asked st.extra, has `false` in `asked`.
    let files = render(&report, &ReportProfile::builtin(), &[Output::Csv]).unwrap();
    let csv = String::from_utf8(files[1].1.clone()).unwrap();
    for expected in [
        "a/one.yaml,one,exploring,st.pool,goals,exploring,true,true,state,true\r\n",
        "b/two.yaml,two,exploring,st.pool,evaluation,designing,false,false,state,true\r\n",
        "b/three.yaml,three,designing,st.pool,evaluation,designing,true,false,state,true\r\n",
        "a/one.yaml,one,exploring,st.extra,scope,exploring,false,,state,false\r\n",
        "b/two.yaml,two,exploring,st.extra,scope,exploring,true,false,state,true\r\n",
    ] {
        assert!(csv.contains(expected), "{expected}\n{csv}");
    }
}

#[test]
fn the_order_plans_are_read_in_changes_no_byte() {
    let outputs = [Output::Csv, Output::Json, Output::Markdown];
    let profile = ReportProfile::builtin();
    let first = render(&roll_up(&[0, 1, 2]), &profile, &outputs).unwrap();
    for order in [[2, 1, 0], [1, 2, 0], [1, 0, 2]] {
        assert_eq!(first, render(&roll_up(&order), &profile, &outputs).unwrap());
    }
}
