//! The generated plans are what the benchmarks claim to time: complete plans that pass every
//! check, the same in YAML and in JSON.

use pathway_bench::{as_json, generate_plan};
use pathway_schema::load::{Limits, parse};
use pathway_schema::source::Source;
use pathway_validate::config::RuleSettings;
use pathway_validate::{Options, check_source};

#[test]
fn generated_plans_pass_every_check_in_yaml_and_json() {
    for (credentials, seed) in [(5, 1), (50, 1), (50, 2), (400, 3)] {
        let yaml = generate_plan(credentials, seed);
        let json = match as_json(&yaml) {
            Ok(json) => json,
            Err(error) => panic!("{credentials} credentials, seed {seed}: {error}"),
        };
        for (name, text) in [("plan.yaml", &yaml), ("plan.json", &json)] {
            let report = check_source(
                Source::new(name, text.as_str()),
                None,
                &Options::default(),
                &RuleSettings::default(),
            );
            let found: Vec<String> = report
                .diagnostics
                .iter()
                .map(|d| format!("{} {}", d.code, d.message))
                .collect();
            assert!(found.is_empty(), "{credentials}/{seed} {name}: {found:?}");
        }
        let tree = |name: &str, text: &str| {
            parse(Source::new(name, text), None, &Limits::DEFAULT)
                .map(|d| d.to_json())
                .map_err(|e| e.to_string())
        };
        assert_eq!(tree("plan.yaml", &yaml), tree("plan.json", &json));
    }
}
