//! The briefing's words: a profile in this crate's `templates/state.yaml`
//! (`crates/pathway-report/templates/state.yaml` in the repository), built in, and overridable
//! by a folder's `report/state.yaml` (kept in a subfolder, so that the folder given to
//! `pathway export --templates` can hold both without the exporter reading it as an audience).

use std::path::Path;

use serde::Deserialize;

const BUILT_IN: &str = include_str!("../templates/state.yaml");
/// Where the built-in profile is in the repository: users copy it from there.
const BUILT_IN_NAME: &str = "crates/pathway-report/templates/state.yaml";

/// The largest profile file read.
pub const MAX_PROFILE_BYTES: u64 = 256 * 1024;

/// The briefing's title, introduction and section headings.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportProfile {
    /// The title; `--title` replaces it.
    pub title: String,
    /// The line under the title; `{plans}` is the number of plans read.
    pub subtitle: String,
    /// The opening paragraph.
    pub purpose: String,
    /// Each section's heading and introduction.
    pub sections: Sections,
}

/// The briefing's sections, in order.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sections {
    /// Readiness levels and organization kinds.
    pub readiness: Section,
    /// Decision-point coverage.
    pub coverage: Section,
    /// The credential network and opportunities.
    pub credentials: Section,
    /// Incentives.
    pub incentives: Section,
    /// Money by year.
    pub money: Section,
    /// Equity disaggregation.
    pub equity: Section,
    /// Plans with errors and findings by rule.
    pub findings: Section,
}

/// One section's heading and introduction.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// The paragraph under it.
    pub intro: String,
}

impl ReportProfile {
    /// The built-in profile.
    pub fn builtin() -> ReportProfile {
        // The built-in file is checked by a test; should it ever fail to parse, a plain
        // profile still gives a briefing.
        parse(BUILT_IN_NAME, BUILT_IN).unwrap_or_else(|_| ReportProfile::plain())
    }

    /// `dir/report/state.yaml` when it exists, else the built-in profile.
    pub fn from_folder(dir: &Path) -> Result<ReportProfile, String> {
        let path = dir.join("report").join("state.yaml");
        if !path.is_file() {
            return Ok(ReportProfile::builtin());
        }
        let name = path.display().to_string();
        let mut bytes = Vec::new();
        std::fs::File::open(&path)
            .and_then(|file| {
                std::io::Read::read_to_end(
                    &mut std::io::Read::take(file, MAX_PROFILE_BYTES + 1),
                    &mut bytes,
                )
            })
            .map_err(|error| format!("{name}: cannot read the report profile: {error}"))?;
        if bytes.len() as u64 > MAX_PROFILE_BYTES {
            return Err(format!(
                "{name}: the report profile is over the limit of {MAX_PROFILE_BYTES} bytes"
            ));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| format!("{name}: the report profile is not UTF-8 text"))?;
        parse(&name, &text)
    }

    fn plain() -> ReportProfile {
        let section = |heading: &str| Section {
            heading: heading.to_owned(),
            intro: String::new(),
        };
        ReportProfile {
            title: "State Roll-up".to_owned(),
            subtitle: "{plans} plans".to_owned(),
            purpose: String::new(),
            sections: Sections {
                readiness: section("Readiness"),
                coverage: section("Decision points"),
                credentials: section("Credentials"),
                incentives: section("Incentives"),
                money: section("Money"),
                equity: section("Equity"),
                findings: section("Findings"),
            },
        }
    }
}

/// Reads a profile; the message names the file, line and column and what to fix.
pub fn parse(name: &str, text: &str) -> Result<ReportProfile, String> {
    serde_saphyr::from_str(text).map_err(|error| {
        format!(
            "{name}: not a report profile: {error}. Start from {BUILT_IN_NAME} in the \
             repository; it needs title, subtitle, purpose and a heading and intro for each section"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_profile_parses() {
        let profile = parse(BUILT_IN_NAME, BUILT_IN).unwrap();
        assert!(profile.subtitle.contains("{plans}"));
    }

    #[test]
    fn an_unknown_key_is_named_with_its_file() {
        let error =
            parse("mine.yaml", "title: x\nsubtitle: y\npurpose: z\nextra: 1\n").unwrap_err();
        assert!(error.starts_with("mine.yaml:"), "{error}");
        assert!(error.contains("extra"), "{error}");
    }
}
