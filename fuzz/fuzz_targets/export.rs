//! Export: any bytes that load as a plan, rendered for every built-in audience as Markdown and
//! as Word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_export::profile::Profiles;
use pathway_export::render::{self, Pictures};
use pathway_export::{build_document, file_name};
use pathway_schema::load::{Limits, parse, read_from};
use pathway_schema::load::LoadedPlan;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::DEFAULT;
    let Ok(source) = read_from("plan.yaml", data, &limits) else {
        return;
    };
    let Ok(document) = parse(source, None, &limits) else {
        return;
    };
    let Ok(plan) = document.plan() else {
        return;
    };
    let loaded = LoadedPlan { tree: document, plan };
    let profiles = Profiles::builtin();
    let pictures = Pictures::new();
    for profile in profiles.iter() {
        let built = build_document(&loaded, profile);
        for renderer in render::RENDERERS {
            let name = file_name(&loaded.plan.id, &profile.id, *renderer);
            assert!(!name.contains('/') && !name.contains(".."), "{name}");
            let _ = render::to_bytes(*renderer, &built, &pictures);
        }
    }
});
