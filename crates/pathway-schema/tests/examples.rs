//! Every case study in `examples/` loads into the types and passes the committed JSON Schema,
//! with no placeholder left in any decision point its readiness level requires.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::path::{Path, PathBuf};

use pathway_schema::decision_points::{is_answered, required_at};
use pathway_schema::load::{Limits, load};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn example_plans() -> Vec<PathBuf> {
    let mut plans: Vec<PathBuf> = std::fs::read_dir(repo_root().join("examples"))
        .expect("examples/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "yaml" || ext == "json")
        })
        .collect();
    plans.sort();
    plans
}

#[test]
fn there_are_at_least_three_case_studies() {
    assert!(example_plans().len() >= 3, "{:?}", example_plans());
}

#[test]
fn every_example_loads_and_passes_the_published_schema() {
    let schema_text =
        std::fs::read_to_string(repo_root().join(pathway_schema::schema::SCHEMA_PATH))
            .expect("the committed schema");
    let schema: serde_json::Value = serde_json::from_str(&schema_text).expect("schema is JSON");
    let validator = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("the schema compiles");
    for path in example_plans() {
        let loaded = load(&path, &Limits::DEFAULT).unwrap_or_else(|error| panic!("{error}"));
        let instance = loaded.tree.to_json();
        let errors: Vec<String> = validator
            .iter_errors(&instance)
            .map(|error| format!("{}: {error}", error.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        for point in required_at(loaded.plan.readiness) {
            assert!(
                is_answered(instance.pointer(point.pointer)),
                "{}: decision point {} is not answered at {}",
                path.display(),
                point.id,
                point.pointer
            );
        }
    }
}
