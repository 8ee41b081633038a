//! Validation: any bytes through the whole validator and every output format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pathway_schema::load::{Limits, read_from};
use pathway_validate::config::RuleSettings;
use pathway_validate::render::human::{HumanOptions, render_file, render_summary};
use pathway_validate::render::{RunCounts, github, json, sarif};
use pathway_validate::{Options, check_source};

fuzz_target!(|data: &[u8]| {
    let options = Options::default();
    let report = match read_from("plan.yaml", data, &Limits::DEFAULT) {
        Ok(source) => check_source(source, None, &options, &RuleSettings::default()),
        Err(error) => pathway_validate::report_unreadable(&error),
    };
    let reports = [report];
    for color in [false, true] {
        for show_info in [false, true] {
            for report in &reports {
                let _ = render_file(report, HumanOptions { color, show_info });
            }
        }
    }
    let _ = render_summary(&RunCounts::of(&reports));
    let _ = json::render(&reports, &[], &[]);
    let _ = sarif::render(&reports, &[], &[]);
    let _ = github::render(&reports, &[], &[]);
});
