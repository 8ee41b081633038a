//! The roll-up of a hand-made set of plans (tests/fixtures/report/, described in its README),
//! checked table by table against figures worked out by hand from the plans, not by the code.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

use pathway_report::{Output, PlanFacts, Report, ReportProfile, Rollup, render};
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_source_keeping_plan};

const FILES: [&str; 5] = [
    "alpha.yaml",
    "beta.yaml",
    "gamma.yaml",
    "syntax-error.yaml",
    "schema-error.yaml",
];

fn roll_up(order: &[&str]) -> Report {
    let folder = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/report"
    ));
    let mut rollup = Rollup::new();
    for name in order {
        let text = std::fs::read_to_string(folder.join(name)).unwrap();
        let (report, plan) = check_source_keeping_plan(
            Source::new(*name, text),
            None,
            &Options::default(),
            &RuleSettings::default(),
        );
        rollup.add(PlanFacts::of(&report, plan.as_ref()));
    }
    rollup.finish("Test roll-up")
}

#[test]
fn totals_levels_and_kinds() {
    let report = roll_up(&FILES);
    let t = report.totals;
    assert_eq!(
        (
            t.plans,
            t.counted,
            t.not_counted,
            t.with_errors,
            t.complete_for_level
        ),
        // alpha and gamma leave required points open (PW100 errors); the two broken files have
        // one error each; only beta is complete.
        (5, 3, 2, 4, 1)
    );
    let levels: Vec<_> = report
        .readiness
        .iter()
        .map(|l| (l.level.as_str(), l.plans, l.complete))
        .collect();
    assert_eq!(
        levels,
        [
            ("exploring", 3, 1),
            ("designing", 0, 0),
            ("piloting", 0, 0),
            ("scaling", 0, 0)
        ]
    );
    let kinds: Vec<_> = report
        .organization_kinds
        .iter()
        .map(|k| (k.kind.as_str(), k.plans))
        .collect();
    assert_eq!(
        kinds,
        [
            ("district", 2),
            ("state", 0),
            ("charter-network", 1),
            ("regional-agency", 0)
        ]
    );
}

#[test]
fn decision_point_coverage() {
    let report = roll_up(&FILES);
    // Exploring requires five points (DOMAIN.md): alpha answers goals.challenges, beta all
    // five, gamma none.
    let expected = [
        ("goals.challenges", 3, 2),
        ("goals.student-impact", 3, 1),
        ("stakeholders.educator-voice", 3, 1),
        ("stakeholders.groups", 3, 1),
        ("implementation.owner", 3, 1),
    ];
    for point in &report.decision_points {
        match expected.iter().find(|(id, _, _)| *id == point.id) {
            Some(&(_, required, answered)) => {
                assert_eq!(
                    (point.plans_required, point.plans_answered, point.plans_open),
                    (required, answered, required - answered),
                    "{}",
                    point.id
                );
            }
            None => assert_eq!(point.plans_required, 0, "{}", point.id),
        }
    }
    assert_eq!(
        report.most_often_open,
        [
            "goals.student-impact",
            "stakeholders.educator-voice",
            "stakeholders.groups",
            "implementation.owner",
            "goals.challenges"
        ]
    );
    let goals = report.areas.iter().find(|a| a.area == "goals").unwrap();
    assert_eq!(
        (
            goals.plans_required,
            goals.plans_answered,
            goals.points_required,
            goals.points_answered
        ),
        (3, 1, 6, 3)
    );
    let partnerships = report
        .areas
        .iter()
        .find(|a| a.area == "partnerships")
        .unwrap();
    assert_eq!(partnerships.plans_required, 0);
    let alpha = report
        .plans
        .iter()
        .unwrap()
        .map(|p| p.unwrap().row)
        .find(|p| p.plan.as_deref() == Some("alpha"))
        .unwrap();
    assert_eq!((alpha.points_required, alpha.points_answered), (5, 1));
    assert_eq!(alpha.complete_for_level, Some(false));
}

#[test]
fn credential_network_and_opportunities() {
    let report = roll_up(&FILES);
    let c = &report.credentials;
    // alpha 1 + beta 2 + gamma 1 offered; two keys, each shared by two plans.
    assert_eq!((c.offered, c.distinct, c.untracked), (4, 2, 0));
    // The shared credentials are made from the network as they are read.
    let shared: Vec<_> = c
        .shared
        .iter()
        .map(|s| (s.matched_by, s.title, s.plans))
        .collect();
    let owned = |(by, title, plans): (&str, &str, [&str; 2])| {
        (
            by.to_owned(),
            title.to_owned(),
            plans.map(str::to_owned).to_vec(),
        )
    };
    assert_eq!(
        shared,
        [
            owned(("ctid", "Small-Group Reading", ["alpha", "beta"])),
            // "Coaching  cycles!" sorts before "Coaching Cycles" (a space before a letter).
            owned(("title", "Coaching  cycles!", ["beta", "gamma"])),
        ]
    );
    assert_eq!(c.shared.len(), 2);
    // report.json writes the same list from the network, in the same order.
    let json: serde_json::Value =
        serde_json::from_str(&pathway_report::to_json(&report).unwrap()).unwrap();
    let written: Vec<_> = json["credentials"]["shared"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["matched_by"].as_str().unwrap(),
                s["title"].as_str().unwrap(),
                s["plans"].clone(),
            )
        })
        .collect();
    assert_eq!(
        written,
        [
            (
                "ctid",
                "Small-Group Reading",
                serde_json::json!(["alpha", "beta"])
            ),
            (
                "title",
                "Coaching  cycles!",
                serde_json::json!(["beta", "gamma"])
            ),
        ]
    );
    let o = &report.opportunities;
    assert_eq!(
        (o.total, o.in_classroom, o.plans_with_classroom_opportunity),
        (4, 3, 3)
    );
    let kinds: Vec<_> = o
        .kinds
        .iter()
        .filter(|k| k.opportunities > 0)
        .map(|k| (k.kind.as_str(), k.opportunities, k.plans))
        .collect();
    assert_eq!(
        kinds,
        [
            ("classroom-role", 2, 2),
            ("hybrid-role", 1, 1),
            ("committee", 1, 1)
        ]
    );
}

#[test]
fn incentives_money_and_equity() {
    let report = roll_up(&FILES);
    let types: Vec<_> = report
        .incentives
        .types
        .iter()
        .map(|t| (t.kind.as_str(), t.plans))
        .collect();
    assert_eq!(
        types,
        [
            ("compensation", 2),
            ("privilege-influence", 0),
            ("recognition", 1),
            ("position-change", 0),
            ("job-security", 0)
        ]
    );
    let stipends = &report.incentives.per_credential;
    assert_eq!(stipends.len(), 1);
    // $300 and $500: the median is the lower middle amount.
    assert_eq!(
        (
            stipends[0].count,
            stipends[0].lowest_cents,
            stipends[0].median_cents,
            stipends[0].highest_cents
        ),
        (2, 30_000, 30_000, 50_000)
    );
    let yearly = &report.incentives.per_year;
    assert_eq!((yearly[0].count, yearly[0].median_cents), (1, 100_000));

    // gamma: 200 × $300 = $60,000 in 2027, 280 × $300 = $84,000 in 2028, against $60,000 a
    // year; beta's $10,000 of state money counts in 2027 (it projects no costs).
    let years: Vec<_> = report
        .money
        .iter()
        .map(|m| {
            let kind = |k: &str| {
                m.funding
                    .iter()
                    .find(|f| f.kind == k)
                    .unwrap()
                    .committed_cents
            };
            (
                m.currency.as_str(),
                m.year,
                kind("district-budget"),
                kind("state"),
                m.cost_cents,
                m.shortfall_cents,
                m.plans_short,
            )
        })
        .collect();
    assert_eq!(
        years,
        [
            ("USD", 2027, 6_000_000, 1_000_000, 6_000_000, 0, 0),
            ("USD", 2028, 6_000_000, 0, 8_400_000, 2_400_000, 1)
        ]
    );
    assert_eq!(report.plans_short.len(), 1);
    assert_eq!(report.plans_short[0].plan, "gamma");
    assert_eq!(report.plans_short[0].shortfall_cents, 2_400_000);
    assert_eq!(report.plans_short[0].years, [2028]);

    assert_eq!(report.equity.plans_disaggregating, 2);
    let groups: Vec<_> = report
        .equity
        .groups
        .iter()
        .map(|g| (g.group.as_str(), g.plans))
        .collect();
    assert_eq!(groups, [("race and ethnicity", 2), ("gender", 1)]);
}

#[test]
fn plans_with_errors_and_findings_by_rule() {
    let report = roll_up(&FILES);
    let errors: Vec<_> = report
        .plans_with_errors
        .iter()
        .map(|e| (e.path.as_str(), e.counted, e.errors))
        .collect();
    assert_eq!(
        errors,
        [
            ("schema-error.yaml", false, 1),
            ("syntax-error.yaml", false, 1),
            ("alpha.yaml", true, 4),
            ("gamma.yaml", true, 6),
        ]
    );
    let rules: Vec<_> = report
        .findings_by_rule
        .iter()
        .map(|r| (r.code.as_str(), r.severity.as_str(), r.findings, r.plans))
        .collect();
    // PW101: the 24 points not required at exploring, less those answered anyway (alpha:
    // evaluation.equity; beta: incentives.offer, scope.funding, evaluation.equity; gamma:
    // incentives.offer, scope.funding, scope.growth) = 23 + 21 + 21.
    assert_eq!(
        rules,
        [
            ("PW101", "info", 65, 3),
            ("PW100", "error", 9, 2),
            ("PW001", "error", 1, 1),
            ("PW002", "error", 1, 1),
            ("PW210", "error", 1, 1),
        ]
    );
    let order: Vec<_> = report
        .plans
        .iter()
        .unwrap()
        .map(|p| p.unwrap().row.path)
        .collect();
    assert_eq!(
        order,
        [
            "schema-error.yaml",
            "syntax-error.yaml",
            "alpha.yaml",
            "beta.yaml",
            "gamma.yaml"
        ]
    );
}

#[test]
fn the_order_plans_are_read_in_changes_no_byte() {
    let outputs = [Output::Csv, Output::Json, Output::Markdown];
    let profile = ReportProfile::builtin();
    let first = render(&roll_up(&FILES), &profile, &outputs).unwrap();
    let mut reversed = FILES;
    reversed.reverse();
    let second = render(&roll_up(&reversed), &profile, &outputs).unwrap();
    let rotated = [FILES[2], FILES[4], FILES[0], FILES[3], FILES[1]];
    let third = render(&roll_up(&rotated), &profile, &outputs).unwrap();
    assert_eq!(first, second);
    assert_eq!(first, third);
}

#[test]
fn csv_rows_match_the_plans() {
    let report = roll_up(&FILES);
    let files = render(&report, &ReportProfile::builtin(), &[Output::Csv]).unwrap();
    let text = |name: &str| {
        String::from_utf8(files.iter().find(|(n, _)| *n == name).unwrap().1.clone()).unwrap()
    };
    let plans = text("plans.csv");
    assert_eq!(plans.lines().count(), 1 + 5);
    assert!(
        plans.contains(
            "gamma.yaml,gamma,Gamma District,district,exploring,counted,6,0,21,false,5,0,"
        )
    );
    let points = text("decision-points.csv");
    assert_eq!(points.lines().count(), 1 + 5 * 29);
    assert!(points.contains(
        "alpha.yaml,alpha,exploring,goals.challenges,goals,exploring,true,true,toolkit,true\r\n"
    ));
    assert!(points.contains("syntax-error.yaml,,,goals.challenges,goals,exploring,,,toolkit,\r\n"));
    let credentials = text("credentials.csv");
    assert_eq!(credentials.lines().count(), 1 + 2);
}

#[test]
fn the_word_file_holds_the_heat_map_with_alt_text() {
    use std::io::Read;
    let report = roll_up(&FILES);
    let files = render(&report, &ReportProfile::builtin(), &[Output::Docx]).unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(files[0].1.clone())).unwrap();
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(!xml.contains(pathway_report::HEAT_MAP_MARKER));
    // One row per counted plan: alpha, beta, gamma.
    assert!(xml.contains("descr=\"Heat map of decision-point coverage: 3 rows, one per plan"));
    assert!(xml.contains("r:embed=\"rIdHeatMap\""));
    let mut png = Vec::new();
    archive
        .by_name("word/media/heat-map.png")
        .unwrap()
        .read_to_end(&mut png)
        .unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}
