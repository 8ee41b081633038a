//! Validation: stage 1 (the JSON Schema) alone, and the whole check (load, schema, rules,
//! suppressions) on synthetic plans of several sizes.
//!
//! `cargo bench -p pathway-bench --bench validate`

// A benchmark whose input does not load has nothing to measure: stop loudly.
#![allow(clippy::panic)]

use pathway_bench::generate_plan;
use pathway_schema::load::load_str;
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_document_at_most, check_source};

/// Credentials per plan: a district, a large district, a region, a state (about 10 MB).
const SIZES: &[usize] = &[50, 500, 2_500, 10_000];

fn main() {
    divan::main();
}

/// Stage 1: the published schema against the parsed document, in place.
#[divan::bench(args = SIZES, sample_count = 10)]
fn schema_stage(bencher: divan::Bencher, credentials: usize) {
    let text = generate_plan(credentials, 1);
    let Ok(loaded) = load_str("plan.yaml", &text) else {
        panic!("the synthetic plan does not load");
    };
    let root = loaded.tree.root();
    bencher.bench(|| check_document_at_most(root, usize::MAX).0.len());
}

/// Both stages from text, as `pathway validate` runs them on one file.
#[divan::bench(args = SIZES, sample_count = 10)]
fn check_plan(bencher: divan::Bencher, credentials: usize) {
    let text = generate_plan(credentials, 1);
    let options = Options::default();
    let settings = RuleSettings::default();
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| {
            let source = Source::new("plan.yaml", text.as_str());
            let report = check_source(source, None, &options, &settings);
            assert!(
                report.diagnostics.is_empty(),
                "the synthetic plan has findings"
            );
        });
}
