//! The starter plan `pathway init` writes, at every readiness level.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use pathway_schema::Readiness;
use pathway_schema::decision_points::{DECISION_POINTS, is_answered, required_at};
use pathway_schema::load::load_str;
use pathway_schema::scaffold::{ScaffoldOptions, scaffold};

fn starter(level: Readiness) -> String {
    let mut options = ScaffoldOptions::new(level, 2026);
    options.organization = "Cedar Valley School District".to_owned();
    scaffold(&options)
}

#[test]
fn starter_plans_match_their_snapshots() {
    for level in Readiness::ALL {
        insta::assert_snapshot!(format!("starter_{}", level.as_str()), starter(level));
    }
}

#[test]
fn starter_plans_load_and_leave_every_required_point_open() {
    for level in Readiness::ALL {
        let text = starter(level);
        assert!(
            text.starts_with(
                "# yaml-language-server: $schema=.pathway/pathway-plan.v1.schema.json\n"
            ),
            "modeline first"
        );
        let loaded =
            load_str("plan.yaml", &text).unwrap_or_else(|error| panic!("{level:?}: {error}"));
        assert_eq!(loaded.plan.readiness, level);
        let value = loaded.tree.to_json();
        for point in required_at(level) {
            assert!(
                text.contains(&format!("[{}]", point.id)),
                "{level:?} names {}",
                point.id
            );
            assert!(
                text.contains(point.question),
                "{level:?} asks {}",
                point.question
            );
            assert!(
                !is_answered(value.pointer(point.pointer)),
                "{level:?}: {} must be a placeholder the validator reports",
                point.id
            );
        }
        for point in DECISION_POINTS.iter().filter(|point| point.level > level) {
            assert!(
                value.pointer(point.pointer).is_none(),
                "{level:?} leaves {} for later",
                point.id
            );
        }
    }
}

#[test]
fn starter_plans_pass_the_published_schema() {
    let schema = pathway_schema::schema::plan_schema();
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    for level in Readiness::ALL {
        let loaded = load_str("plan.yaml", &starter(level)).expect("loads");
        let errors: Vec<String> = validator
            .iter_errors(&loaded.tree.to_json())
            .map(|error| format!("{}: {error}", error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{level:?}: {errors:#?}");
    }
}

#[test]
fn organization_names_are_written_as_data() {
    let mut options = ScaffoldOptions::new(Readiness::Exploring, 2026);
    options.organization = "Saint \"Joe's\" #1 District: K-12\\".to_owned();
    let loaded = load_str("plan.yaml", &scaffold(&options)).expect("quoted safely");
    assert_eq!(loaded.plan.organization.name, options.organization);
    assert_eq!(
        loaded.plan.id.as_str(),
        "saint-joe-s-1-district-k-12-pathways"
    );
}
