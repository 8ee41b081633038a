//! `pathway rules` and `pathway explain`: the rule catalog.

use std::process::ExitCode;

use anyhow::bail;
use clap::Args;
use pathway_validate::render::neutral;
use pathway_validate::rules::{self, RULES};

use crate::output::print;

/// List every rule the validator checks: code, name, default severity and what it finds.
#[derive(Debug, Args)]
pub struct RulesArgs {}

/// Print the full documentation of one rule: what it does, why it matters, and an example.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's code (PW201) or name (dangling-reference).
    #[arg(value_name = "CODE")]
    code: String,
}

pub fn list(_: &RulesArgs) -> anyhow::Result<ExitCode> {
    let width = RULES.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    let mut text = String::new();
    for rule in RULES {
        text.push_str(&format!(
            "{}  {:<width$}  {:<7}  {}\n",
            rule.code,
            rule.name,
            rule.default_severity.as_str(),
            rule.summary
        ));
    }
    print(&text)?;
    Ok(ExitCode::SUCCESS)
}

pub fn explain(args: &ExplainArgs) -> anyhow::Result<ExitCode> {
    let Some(rule) = rules::find(&args.code) else {
        let names = RULES.iter().flat_map(|rule| [rule.code, rule.name]);
        match pathway_schema::suggest::closest(&args.code, names) {
            Some(near) => bail!(
                "no rule is called `{}`; did you mean `{near}`? `pathway rules` lists them all",
                neutral::inline(&args.code)
            ),
            None => bail!(
                "no rule is called `{}`; `pathway rules` lists them all",
                neutral::inline(&args.code)
            ),
        }
    };
    print(&format!(
        "# {} {}\n\nDefault severity: {}.\n\n{}",
        rule.code,
        rule.name,
        rule.default_severity.as_str(),
        rule.documentation()
    ))?;
    Ok(ExitCode::SUCCESS)
}
