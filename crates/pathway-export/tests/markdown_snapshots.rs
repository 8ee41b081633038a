//! Snapshots of what the exporter writes for one example plan: the Markdown for every built-in
//! audience, and the document model for one of them. Review changes with `cargo insta review`.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use pathway_export::build_document;
use pathway_export::markdown::render_markdown;
use pathway_export::profile::Profiles;

#[test]
fn markdown_for_every_audience() {
    let loaded = common::example("cedar-valley-scaling.yaml");
    let profiles = Profiles::builtin();
    assert_eq!(profiles.ids().count(), 7);
    for profile in profiles.iter() {
        let markdown = render_markdown(&build_document(&loaded, profile));
        insta::assert_snapshot!(format!("cedar_valley_{}", profile.id), markdown);
    }
}

#[test]
fn document_model_for_the_board() {
    let loaded = common::example("cedar-valley-scaling.yaml");
    let profiles = Profiles::builtin();
    let document = build_document(&loaded, profiles.get("school-board").unwrap());
    insta::assert_yaml_snapshot!("cedar_valley_school_board_model", document);
}

#[test]
fn a_draft_plan_gets_its_open_decisions_appended() {
    let loaded = common::fixture("draft-piloting.yaml");
    let profiles = Profiles::builtin();
    let document = build_document(&loaded, profiles.get("district").unwrap());
    assert!(document.status.is_draft());
    let markdown = render_markdown(&document);
    insta::assert_snapshot!("draft_piloting_district", markdown);
}

/// The fields added after the format's first release, as each reader's document shows them.
#[test]
fn new_fields_in_the_documents_that_use_them() {
    let loaded = common::fixture("new-fields.yaml");
    let profiles = Profiles::builtin();
    for audience in ["educators", "union", "school-board", "state"] {
        let document = build_document(&loaded, profiles.get(audience).unwrap());
        insta::assert_snapshot!(format!("new_fields_{audience}"), render_markdown(&document));
    }
}
