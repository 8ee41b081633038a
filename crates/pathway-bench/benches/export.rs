//! Export: building each audience's document and rendering it as Markdown and as Word, for a
//! case study and for synthetic plans.
//!
//! `cargo bench -p pathway-bench --bench export`

// A benchmark whose input does not load has nothing to measure: stop loudly.
#![allow(clippy::panic)]

use pathway_bench::generate_plan;
use pathway_export::build_document;
use pathway_export::constellation::{Constellation, Drawing};
use pathway_export::profile::Profiles;
use pathway_export::render::{self, Pictures, Renderer};
use pathway_schema::load::{LoadedPlan, load_str};

/// Credentials per synthetic plan.
const SIZES: &[usize] = &[50, 500];

/// Credentials per statewide plan, for the constellation's pictures: the time should stay flat
/// as the plan grows, since a plan too large for one picture gets a bounded number of them.
const STATEWIDE: &[usize] = &[2_500, 5_000, 10_000, 20_000];

const EXAMPLE: &str = include_str!("../../../examples/cedar-valley-scaling.yaml");

fn main() {
    divan::main();
}

fn loaded(text: &str) -> LoadedPlan {
    match load_str("plan.yaml", text) {
        Ok(loaded) => loaded,
        Err(error) => panic!("the plan does not load: {error}"),
    }
}

/// All seven audiences in both formats for the suburban case study: what
/// `pathway export examples/cedar-valley-scaling.yaml --all` does after loading.
#[divan::bench(sample_count = 20)]
fn example_all_audiences_both_formats(bencher: divan::Bencher) {
    let plan = loaded(EXAMPLE);
    let profiles = Profiles::builtin();
    bencher.bench(|| {
        // One export draws the picture once for all documents, as `pathway export` does.
        let pictures = Pictures::new();
        let mut bytes = 0;
        for profile in profiles.iter() {
            let document = build_document(&plan, profile);
            for renderer in render::RENDERERS {
                bytes +=
                    render::to_bytes(*renderer, &document, &pictures).map_or(0, |out| out.len());
            }
        }
        bytes
    });
}

/// Building a statewide plan's constellation and deciding how it is drawn: the overview and
/// the pictures of its first stacks, each laid out to fit a page, and their Mermaid diagrams.
/// (Rasterizing is left out: pictures are drawn once per process and cached, so a repeated
/// benchmark would time the cache.) The time should stay flat past the bound as the plan grows,
/// but for building the constellation itself, which is linear.
#[divan::bench(args = STATEWIDE, sample_count = 5)]
fn constellation_drawing(bencher: divan::Bencher, credentials: usize) {
    let plan = loaded(&generate_plan(credentials, 1));
    bencher.bench(|| {
        let constellation = Constellation::from_plan(&plan.plan);
        match constellation.drawing() {
            Drawing::Whole => constellation.to_mermaid().len(),
            Drawing::Split(split) => split
                .views()
                .map(|view| view.constellation.to_mermaid().len())
                .sum(),
        }
    });
}

/// The district document as Markdown.
#[divan::bench(args = SIZES, sample_count = 10)]
fn markdown(bencher: divan::Bencher, credentials: usize) {
    one_format(bencher, credentials, &render::markdown::Markdown);
}

/// The district document as Word, picture included.
#[divan::bench(args = SIZES, sample_count = 10)]
fn docx(bencher: divan::Bencher, credentials: usize) {
    one_format(bencher, credentials, &render::docx::Word);
}

fn one_format(bencher: divan::Bencher, credentials: usize, renderer: &dyn Renderer) {
    let plan = loaded(&generate_plan(credentials, 1));
    let profiles = Profiles::builtin();
    let Some(profile) = profiles.get("district") else {
        panic!("no district profile");
    };
    bencher.bench(|| {
        let document = build_document(&plan, profile);
        render::to_bytes(renderer, &document, &Pictures::new()).map_or(0, |out| out.len())
    });
}
