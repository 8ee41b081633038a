//! Export: any bytes that load as a plan, rendered for every built-in audience as Markdown and
//! as Word.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_export::profile::Profiles;
use pathway_export::{Format, build_document, file_name, render};
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
    let loaded = LoadedPlan { document, plan };
    let profiles = Profiles::builtin();
    for profile in profiles.iter() {
        let built = build_document(&loaded, profile);
        for format in Format::ALL {
            let name = file_name(&loaded.plan.id, &profile.id, format);
            assert!(!name.contains('/') && !name.contains(".."), "{name}");
            let _ = render(&built, format);
        }
    }
});
