//! `pathway.toml`: turning rules off or changing their severity, for all plans or for plans
//! matching path globs.
//!
//! ```toml
//! [rules]
//! PW206 = "warning"                      # by code…
//! decision-point-for-later = "off"       # …or by name
//!
//! [[overrides]]
//! paths = ["archive/**"]
//! rules = { PW210 = "off" }
//! ```
//!
//! A top-level `templates = "profiles"` names the folder of the plans' own audience profiles,
//! relative to the file, so that `validate` and `export` read the same profiles on every
//! machine.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{self, RULES};

/// The name of the configuration file, looked for in a plan's directory and its parents.
pub const CONFIG_FILE_NAME: &str = "pathway.toml";

/// The largest configuration file read. A real one is a few hundred bytes; the bound keeps
/// `--config /dev/zero` or a sparse file of gigabytes from taking the memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// What configuration says about one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// The rule does not run.
    Off,
    /// The rule's findings have this severity.
    Severity(Severity),
}

/// A configuration file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file.
    pub file: PathBuf,
    /// Line and column, when known.
    pub position: Option<(usize, usize)>,
    /// What is wrong and what to do.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    #[serde(default)]
    templates: Option<PathBuf>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOverride {
    paths: Vec<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// A loaded configuration file.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// The directory globs are relative to.
    root: PathBuf,
    /// The folder of audience profiles the file names, relative to `root`.
    templates: Option<PathBuf>,
    rules: HashMap<&'static str, Setting>,
    overrides: Vec<Override>,
}

#[derive(Debug, Clone)]
struct Override {
    patterns: Vec<glob::Pattern>,
    rules: HashMap<&'static str, Setting>,
}

impl Config {
    /// Reads a configuration file, at most [`MAX_CONFIG_BYTES`] of it.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        use std::io::Read;
        let error = |message: String| ConfigError {
            file: path.to_owned(),
            position: None,
            message,
        };
        let file = std::fs::File::open(path)
            .map_err(|e| error(format!("cannot read the configuration: {e}")))?;
        let mut bytes = Vec::new();
        file.take(MAX_CONFIG_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| error(format!("cannot read the configuration: {e}")))?;
        if bytes.len() as u64 > MAX_CONFIG_BYTES {
            return Err(error(format!(
                "the configuration is larger than {} KiB; a pathway.toml holds a few rule settings",
                MAX_CONFIG_BYTES / 1024
            )));
        }
        let text = String::from_utf8(bytes)
            .map_err(|_| error("the configuration is not UTF-8 text".to_owned()))?;
        Config::parse(path, &text)
    }

    /// Parses configuration text read from `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let error_at = |offset: Option<usize>, message: String| ConfigError {
            file: path.to_owned(),
            position: offset.map(|offset| position_of(text, offset)),
            message,
        };
        let raw: RawConfig = toml::from_str(text).map_err(|error| {
            error_at(
                error.span().map(|span| span.start),
                error.message().trim().to_owned(),
            )
        })?;
        let locate = |needle: &str| text.find(needle);
        let settings = |table: &BTreeMap<String, String>| -> Result<HashMap<&'static str, Setting>, ConfigError> {
            let mut settings = HashMap::new();
            for (key, value) in table {
                let rule = rules::find(key).ok_or_else(|| {
                    let names = RULES.iter().flat_map(|rule| [rule.code, rule.name]);
                    let near = pathway_schema::suggest::closest(key, names)
                        .map(|near| format!(" Did you mean `{near}`?"))
                        .unwrap_or_default();
                    error_at(locate(key), format!("unknown rule `{key}`.{near} `pathway rules` lists them all"))
                })?;
                let setting = if value == "off" {
                    Setting::Off
                } else {
                    Setting::Severity(Severity::parse(value).ok_or_else(|| {
                        error_at(locate(value), format!("`{key} = \"{value}\"`: choose from \"error\", \"warning\", \"info\", \"off\""))
                    })?)
                };
                settings.insert(rule.code, setting);
            }
            Ok(settings)
        };
        let mut overrides = Vec::new();
        for raw_override in &raw.overrides {
            let mut patterns = Vec::new();
            for pattern in &raw_override.paths {
                patterns.push(glob::Pattern::new(pattern).map_err(|error| {
                    error_at(
                        locate(pattern),
                        format!("`{pattern}` is not a valid path glob: {error}"),
                    )
                })?);
            }
            overrides.push(Override {
                patterns,
                rules: settings(&raw_override.rules)?,
            });
        }
        let root = normalized(path.parent().unwrap_or(Path::new("")));
        Ok(Config {
            templates: raw.templates.as_ref().map(|folder| root.join(folder)),
            root,
            rules: settings(&raw.rules)?,
            overrides,
        })
    }

    /// The folder of audience profiles the file names (`templates = "..."`), resolved against
    /// the file's directory.
    pub fn templates(&self) -> Option<&Path> {
        self.templates.as_deref()
    }

    /// The settings that apply to one plan file: the file's `[rules]`, then every override whose
    /// globs match the plan's path relative to the configuration's directory.
    ///
    /// Both paths are made absolute and `.` and `..` resolved first, so a glob matches the same
    /// plans however the plan's path is typed (`plans/a.yaml`, `./plans/a.yaml`, an absolute
    /// path) and wherever the command runs.
    pub fn settings_for(&self, plan: &Path) -> RuleSettings {
        let mut settings = self.rules.clone();
        let plan = normalized(plan);
        let relative = plan.strip_prefix(&self.root).unwrap_or(&plan);
        let options = glob::MatchOptions {
            require_literal_separator: true,
            ..glob::MatchOptions::new()
        };
        for entry in &self.overrides {
            if entry
                .patterns
                .iter()
                .any(|pattern| pattern.matches_path_with(relative, options))
            {
                settings.extend(entry.rules.iter().map(|(code, setting)| (*code, *setting)));
            }
        }
        RuleSettings { settings }
    }
}

/// Finds the configuration that applies to a plan: `pathway.toml` in its directory or the
/// nearest parent, up to the root of the repository the plan is in (the folder holding
/// `.git`): a `pathway.toml` above a repository belongs to something else, and must not change
/// what CI sees there. Outside a repository, the search goes up to the file system's root.
pub fn discover(plan: &Path) -> Option<PathBuf> {
    let absolute = normalized(plan);
    for directory in absolute.ancestors().skip(1) {
        let candidate = directory.join(CONFIG_FILE_NAME);
        if candidate.is_file() {
            return Some(candidate);
        }
        // `.git` is a folder in a clone, a file in a worktree or a submodule.
        if directory.join(".git").exists() {
            return None;
        }
    }
    None
}

/// A path made absolute (from the current directory) with `.` and `..` resolved by their
/// names, as a user reads them; symbolic links are left alone.
pub fn normalized(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = PathBuf::new();
    for component in absolute.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn position_of(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before
        .rsplit('\n')
        .next()
        .map_or(0, |last| last.chars().count())
        + 1;
    (line, column)
}

/// The rule settings in force for one plan.
#[derive(Debug, Clone, Default)]
pub struct RuleSettings {
    settings: HashMap<&'static str, Setting>,
}

impl RuleSettings {
    /// Settings that run nothing but the checks that must pass before a plan can be used at
    /// all: that it parses (PW001) and matches the schema (PW002). `pathway export` checks
    /// these first.
    pub fn structure_only() -> RuleSettings {
        let settings = RULES
            .iter()
            .filter(|rule| {
                rule.code != rules::unparsable_plan::RULE.code
                    && rule.code != rules::invalid_structure::RULE.code
            })
            .map(|rule| (rule.code, Setting::Off))
            .collect();
        RuleSettings { settings }
    }

    /// What applies to a rule: its configured setting, or its default severity.
    pub fn get(&self, rule: &rules::Rule) -> Setting {
        self.settings
            .get(rule.code)
            .copied()
            .unwrap_or(Setting::Severity(rule.default_severity))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_by_code_or_name_with_path_overrides() {
        let config = Config::parse(
            Path::new("/plans/pathway.toml"),
            "[rules]\nPW101 = \"off\"\ndangling-reference = \"warning\"\n\n[[overrides]]\npaths = [\"archive/**\"]\nrules = { PW201 = \"off\" }\n",
        )
        .unwrap();
        let dangling = rules::find("PW201").unwrap();
        let later = rules::find("PW101").unwrap();
        let current = config.settings_for(Path::new("/plans/district.yaml"));
        assert_eq!(current.get(dangling), Setting::Severity(Severity::Warning));
        assert_eq!(current.get(later), Setting::Off);
        let archived = config.settings_for(Path::new("/plans/archive/2024/old.yaml"));
        assert_eq!(archived.get(dangling), Setting::Off);
    }

    /// Regression: `[[overrides]]` globs matched or not depending on the current directory
    /// and on a leading `./`.
    #[test]
    fn globs_match_however_the_plan_path_is_typed() {
        let here = std::env::current_dir().unwrap();
        let config = Config::parse(
            &here.join("plans/pathway.toml"),
            "[[overrides]]\npaths = [\"archive/**\"]\nrules = { PW201 = \"off\" }\n",
        )
        .unwrap();
        let relative_config = Config::parse(
            Path::new("./plans/../plans/pathway.toml"),
            "[[overrides]]\npaths = [\"archive/**\"]\nrules = { PW201 = \"off\" }\n",
        )
        .unwrap();
        let dangling = rules::find("PW201").unwrap();
        for config in [&config, &relative_config] {
            for typed in [
                "plans/archive/old.yaml".into(),
                "./plans/archive/old.yaml".into(),
                "plans/./archive/../archive/old.yaml".into(),
                here.join("plans/archive/old.yaml"),
            ] {
                let typed: PathBuf = typed;
                assert_eq!(
                    config.settings_for(&typed).get(dangling),
                    Setting::Off,
                    "{}",
                    typed.display()
                );
            }
            assert_ne!(
                config
                    .settings_for(Path::new("plans/current.yaml"))
                    .get(dangling),
                Setting::Off
            );
        }
    }

    /// Regression: a pathway.toml several folders above the repository applied silently, and
    /// `--config /dev/zero` read without end.
    #[test]
    fn the_search_stops_at_the_repository_and_reading_is_bounded() {
        let top = std::env::temp_dir().join(format!("pathway-config-{}", std::process::id()));
        let repo = top.join("repo");
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::create_dir_all(repo.join("plans")).unwrap();
        std::fs::write(top.join(CONFIG_FILE_NAME), "[rules]\nPW201 = \"off\"\n").unwrap();
        assert_eq!(discover(&repo.join("plans/plan.yaml")), None);
        std::fs::write(repo.join(CONFIG_FILE_NAME), "").unwrap();
        assert_eq!(
            discover(&repo.join("plans/plan.yaml")),
            Some(repo.join(CONFIG_FILE_NAME))
        );
        std::fs::remove_dir_all(&top).unwrap();
        let error = Config::load(Path::new("/dev/zero")).unwrap_err();
        assert!(error.message.contains("larger than"), "{error}");
    }

    #[test]
    fn the_profile_folder_is_relative_to_the_file() {
        let config = Config::parse(
            Path::new("/plans/pathway.toml"),
            "templates = \"profiles\"\n[rules]\nPW101 = \"off\"\n",
        )
        .unwrap();
        assert_eq!(config.templates(), Some(Path::new("/plans/profiles")));
        let none = Config::parse(Path::new("/plans/pathway.toml"), "").unwrap();
        assert_eq!(none.templates(), None);
    }

    #[test]
    fn unknown_codes_are_errors_with_a_position() {
        let error =
            Config::parse(Path::new("pathway.toml"), "[rules]\nPW2O1 = \"off\"\n").unwrap_err();
        assert_eq!(error.position, Some((2, 1)));
        assert!(
            error
                .to_string()
                .starts_with("pathway.toml:2:1: unknown rule `PW2O1`. Did you mean `PW201`?"),
            "{error}"
        );
    }

    #[test]
    fn bad_severities_and_keys_are_errors() {
        let error =
            Config::parse(Path::new("pathway.toml"), "[rules]\nPW201 = \"fatal\"\n").unwrap_err();
        assert!(error.message.contains("choose from"), "{error}");
        // The position is the misspelled table name itself, inside the brackets.
        let error =
            Config::parse(Path::new("pathway.toml"), "[rule]\nPW201 = \"off\"\n").unwrap_err();
        assert_eq!(error.position, Some((1, 2)), "{error}");
    }
}
