//! What the crate embeds with `include_str!` lives inside the crate, so that `cargo package`
//! carries it: the plan schema is a copy, and this test fails when it drifts from the schema the
//! types generate. `UPDATE_GENERATED=1 cargo test` rewrites it, with schemas/ at the root.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use pathway_schema::schema::{SCHEMA_FILE_NAME, plan_schema_text};

#[test]
fn the_embedded_schema_is_the_generated_one() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("schema")
        .join(SCHEMA_FILE_NAME);
    let generated = plan_schema_text();
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, &generated).expect("write the embedded schema");
        return;
    }
    let embedded = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        embedded == generated,
        "crates/pathway-validate/schema/{SCHEMA_FILE_NAME} is out of date with the plan types: run `UPDATE_GENERATED=1 cargo test` and commit the result"
    );
}
