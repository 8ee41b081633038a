//! Loading: any bytes, read through the bounded reader, parsed as YAML, as JSON and as sniffed,
//! then typed. Must return a plan or a `LoadError`, never panic, hang or exhaust memory.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_schema::load::{Limits, Syntax, parse, read_from};

fuzz_target!(|data: &[u8]| {
    let limits = Limits::DEFAULT;
    let Ok(source) = read_from("fuzz", data, &limits) else {
        return;
    };
    for format in [None, Some(Syntax::Yaml), Some(Syntax::Json)] {
        if let Ok(document) = parse(source.clone(), format, &limits) {
            let _ = document.to_json();
            if let Ok(plan) = document.plan() {
                // A plan that loads must locate its own values.
                let _ = document.locate(&format!("/id/{}", plan.id));
            }
        }
    }
});
