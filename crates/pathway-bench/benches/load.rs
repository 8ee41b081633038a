//! Loading: the YAML parser alone, then the whole loader (parse, source map, typed plan), on
//! synthetic plans from one district's size to a statewide roll-up.
//!
//! `cargo bench -p pathway-bench --bench load`

// A benchmark whose input does not load has nothing to measure: stop loudly.
#![allow(clippy::panic)]

use pathway_bench::{as_json, generate_plan};
use pathway_schema::load::load_str;

/// Credentials per plan: a district, a large district, a region, a state (about 10 MB).
const SIZES: &[usize] = &[50, 500, 2_500, 10_000];

fn main() {
    divan::main();
}

/// The floor: the YAML event parser reading the text and keeping nothing.
#[divan::bench(args = SIZES, sample_count = 10)]
fn parse_only(bencher: divan::Bencher, credentials: usize) {
    let text = generate_plan(credentials, 1);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| serde_saphyr::granit_parser::Parser::new_from_str(&text).count());
}

/// serde-saphyr reading the text into nothing: what reading through serde costs on top.
#[divan::bench(args = SIZES, sample_count = 10)]
fn serde_saphyr_only(bencher: divan::Bencher, credentials: usize) {
    let text = generate_plan(credentials, 1);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| {
            let options = serde_saphyr::options! {
                budget: serde_saphyr::budget! { max_nodes: usize::MAX, max_events: usize::MAX },
            };
            serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(&text, options).is_ok()
        });
}

/// Everything `pathway` does before the rules: parse with positions and type the plan.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load(bencher: divan::Bencher, credentials: usize) {
    let text = generate_plan(credentials, 1);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| load_str("plan.yaml", &text).is_ok());
}

/// The same, for the same plan written as JSON: the JSON reader instead of the YAML parser.
#[divan::bench(args = SIZES, sample_count = 10)]
fn load_json(bencher: divan::Bencher, credentials: usize) {
    let Ok(text) = as_json(&generate_plan(credentials, 1)) else {
        panic!("the generated plan does not convert to JSON");
    };
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| load_str("plan.json", &text).is_ok());
}
