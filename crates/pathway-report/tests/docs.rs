//! docs/report.md and the committed JSON Schema mirror the code; these tests fail when they
//! drift. `UPDATE_GENERATED=1 cargo test -p pathway-report` rewrites the schema.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::Path;

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../.."))
}

/// The backticked first cells of the table under `## heading`.
fn documented_columns(doc: &str, heading: &str) -> Vec<String> {
    let start = doc.find(&format!("## {heading}\n")).expect(heading);
    let section = &doc[start + heading.len() + 4..];
    let section = &section[..section.find("\n## ").unwrap_or(section.len())];
    section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|rest| rest.split('`').next())
        .map(str::to_owned)
        .collect()
}

#[test]
fn docs_list_the_csv_columns_in_order() {
    let doc = std::fs::read_to_string(root().join("docs/report.md")).unwrap();
    let cases: [(&str, &[&str]); 3] = [
        ("plans.csv", &pathway_report::PLANS_COLUMNS),
        (
            "decision-points.csv",
            &pathway_report::DECISION_POINT_COLUMNS,
        ),
        ("credentials.csv", &pathway_report::CREDENTIAL_COLUMNS),
    ];
    for (file, columns) in cases {
        assert_eq!(
            documented_columns(&doc, file),
            columns.to_vec(),
            "docs/report.md's columns for {file} disagree with the code"
        );
    }
}

#[test]
fn the_committed_report_schema_matches_the_code() {
    let path = root().join("schemas/pathway-report.v1.schema.json");
    let mut expected = serde_json::to_string_pretty(&pathway_report::report_schema()).unwrap();
    expected.push('\n');
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == expected,
        "schemas/pathway-report.v1.schema.json is out of date: run `UPDATE_GENERATED=1 cargo test -p pathway-report` and commit it"
    );
}
