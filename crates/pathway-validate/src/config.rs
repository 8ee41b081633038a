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
//!
//! `[[decision_points]]` tables add a state's own decision points to the toolkit's (see
//! [`decision_points`]), and `extends = "../state/pathway.toml"` starts from another file, such
//! as the rule pack a state agency publishes for its districts: that file's settings, overrides
//! (their globs relative to it), profile folder and decision points apply first, and this file's
//! on top. A chain of files is at most [`MAX_EXTENDS`] long, may not come back to a file it has
//! read, and each file is read within [`MAX_CONFIG_BYTES`].

pub mod decision_points;

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pathway_schema::state_points::StateDecisionPoint;
use serde::Deserialize;

use crate::diagnostic::Severity;
use crate::rules::{self, RULES};

/// The name of the configuration file, looked for in a plan's directory and its parents.
pub const CONFIG_FILE_NAME: &str = "pathway.toml";

/// The largest configuration file read. A real one is a few hundred bytes; the bound keeps
/// `--config /dev/zero` or a sparse file of gigabytes from taking the memory.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// The most files one configuration reads through `extends`, itself included: a district's file
/// extending its region's, extending its state's, is three.
pub const MAX_EXTENDS: usize = 8;

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
    extends: Option<toml::Spanned<String>>,
    #[serde(default)]
    templates: Option<PathBuf>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    overrides: Vec<RawOverride>,
    #[serde(default)]
    decision_points: Vec<decision_points::RawDecisionPoint>,
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
    /// The folder of audience profiles the file names, relative to `root`.
    templates: Option<PathBuf>,
    rules: HashMap<&'static str, Setting>,
    overrides: Vec<Override>,
    /// The state's decision points, of this file and the files it extends.
    decision_points: Arc<[StateDecisionPoint]>,
}

#[derive(Debug, Clone)]
struct Override {
    /// The directory of the file that holds the override, which its globs are relative to.
    root: PathBuf,
    patterns: Vec<glob::Pattern>,
    rules: HashMap<&'static str, Setting>,
}

impl Config {
    /// Reads a configuration file, at most [`MAX_CONFIG_BYTES`] of it, and the files it
    /// extends.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let text = read_bounded(path).map_err(|message| ConfigError {
            file: path.to_owned(),
            position: None,
            message,
        })?;
        Config::parse(path, &text)
    }

    /// Parses configuration text read from `path`; a file it `extends` is read from disk.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let mut chain = vec![normalized(path)];
        let (config, declared) = Config::parse_in_chain(path, text, &mut chain)?;
        Ok(Config {
            decision_points: declared.into_iter().map(|d| d.point).collect(),
            ..config
        })
    }

    /// [`Config::parse`] for one file of an `extends` chain, `chain` holding the files read so
    /// far (this one last); gives back the declarations with their places, for messages.
    fn parse_in_chain(
        path: &Path,
        text: &str,
        chain: &mut Vec<PathBuf>,
    ) -> Result<(Config, Vec<decision_points::Declared>), ConfigError> {
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
                root: PathBuf::new(),
                patterns,
                rules: settings(&raw_override.rules)?,
            });
        }
        let root = normalized(path.parent().unwrap_or(Path::new("")));
        let (mut base, mut declared) = match &raw.extends {
            Some(extends) => {
                let base_path = normalized(&root.join(extends.get_ref()));
                let here = |message: String| error_at(Some(extends.span().start), message);
                if chain.contains(&base_path) {
                    return Err(here(format!(
                        "`extends` names {}, which is already being read: the files extend each other in a loop",
                        base_path.display()
                    )));
                }
                if chain.len() >= MAX_EXTENDS {
                    return Err(here(format!(
                        "`extends` goes more than {MAX_EXTENDS} files deep; extend the state's file directly"
                    )));
                }
                let base_text = read_bounded(&base_path).map_err(|message| {
                    here(format!(
                        "`extends` names {}, which cannot be used: {message}",
                        base_path.display()
                    ))
                })?;
                chain.push(base_path.clone());
                Config::parse_in_chain(&base_path, &base_text, chain)?
            }
            None => (Config::default(), Vec::new()),
        };
        for entry in &mut overrides {
            entry.root.clone_from(&root);
        }
        decision_points::declare(path, text, &raw.decision_points, &mut declared)?;
        base.rules.extend(settings(&raw.rules)?);
        base.overrides.extend(overrides);
        let templates = raw.templates.as_ref().map(|folder| root.join(folder));
        Ok((
            Config {
                templates: templates.or(base.templates),
                rules: base.rules,
                overrides: base.overrides,
                decision_points: Arc::from([]),
            },
            declared,
        ))
    }

    /// The state's decision points: those of this file and of the files it extends, in the
    /// order declared (the most general file's first).
    pub fn decision_points(&self) -> &[StateDecisionPoint] {
        &self.decision_points
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
        let options = glob::MatchOptions {
            require_literal_separator: true,
            ..glob::MatchOptions::new()
        };
        for entry in &self.overrides {
            let relative = plan.strip_prefix(&entry.root).unwrap_or(&plan);
            if entry
                .patterns
                .iter()
                .any(|pattern| pattern.matches_path_with(relative, options))
            {
                settings.extend(entry.rules.iter().map(|(code, setting)| (*code, *setting)));
            }
        }
        RuleSettings {
            settings,
            decision_points: Arc::clone(&self.decision_points),
        }
    }
}

/// Reads a configuration file's text, at most [`MAX_CONFIG_BYTES`] of it (a pipe or
/// `/dev/zero` has no size to check first); the error says what is wrong, without the file.
fn read_bounded(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot read the configuration: {e}"))?;
    let mut bytes = Vec::new();
    file.take(MAX_CONFIG_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the configuration: {e}"))?;
    if bytes.len() as u64 > MAX_CONFIG_BYTES {
        return Err(format!(
            "the configuration is larger than {} KiB; a pathway.toml holds a few rule settings",
            MAX_CONFIG_BYTES / 1024
        ));
    }
    String::from_utf8(bytes).map_err(|_| "the configuration is not UTF-8 text".to_owned())
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
#[derive(Debug, Clone)]
pub struct RuleSettings {
    settings: HashMap<&'static str, Setting>,
    /// The state's decision points, checked and counted with the toolkit's.
    decision_points: Arc<[StateDecisionPoint]>,
}

impl Default for RuleSettings {
    fn default() -> Self {
        RuleSettings {
            settings: HashMap::new(),
            decision_points: Arc::from([]),
        }
    }
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
        RuleSettings {
            settings,
            ..RuleSettings::default()
        }
    }

    /// The state's decision points in force for the plan, after the toolkit's own.
    pub fn decision_points(&self) -> &[StateDecisionPoint] {
        &self.decision_points
    }

    /// The same points, shared rather than copied, for a checked plan to carry on.
    pub(crate) fn shared_decision_points(&self) -> Arc<[StateDecisionPoint]> {
        Arc::clone(&self.decision_points)
    }

    /// Every rule at its default severity, with `config`'s decision points: how the state
    /// roll-up measures every plan alike while still asking the state's own questions.
    pub fn defaults_with_points_of(config: &Config) -> RuleSettings {
        RuleSettings {
            decision_points: Arc::clone(&config.decision_points),
            ..RuleSettings::default()
        }
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
    const POINT: &str = "[[decision_points]]\nid = \"state.assessor-pool\"\narea = \"learning\"\nlevel = \"piloting\"\nquestion = \"Which regional assessor pool scores our credentials?\"\nanswer_at = \"/extensions/state/assessor_pool\"\n";

    fn point_error(replace: &str, with: &str) -> ConfigError {
        Config::parse(Path::new("pathway.toml"), &POINT.replace(replace, with)).unwrap_err()
    }

    #[test]
    fn a_state_decision_point_is_read_and_reaches_the_settings() {
        let config = Config::parse(Path::new("/state/pathway.toml"), POINT).unwrap();
        let expected = StateDecisionPoint {
            id: "state.assessor-pool".to_owned(),
            area: pathway_schema::Area::Learning,
            question: "Which regional assessor pool scores our credentials?".to_owned(),
            level: pathway_schema::Readiness::Piloting,
            pointer: "/extensions/state/assessor_pool".to_owned(),
        };
        assert_eq!(config.decision_points(), std::slice::from_ref(&expected));
        let settings = config.settings_for(Path::new("/state/plan.yaml"));
        assert_eq!(settings.decision_points(), std::slice::from_ref(&expected));
        assert!(RuleSettings::structure_only().decision_points().is_empty());
    }

    #[test]
    fn bad_declarations_are_errors_at_their_value() {
        // Each error is on line 3, 4, 2 or 6: the line of the value at fault, column 13 or so.
        let level = point_error("\"piloting\"", "\"pilot\"");
        assert_eq!(level.position, Some((4, 9)), "{level}");
        assert!(
            level.message.contains(
                "unknown readiness level `pilot` (did you mean `piloting`?). Choose from"
            ),
            "{level}"
        );
        assert!(
            level
                .message
                .contains("exploring, designing, piloting, scaling"),
            "{level}"
        );
        let area = point_error("\"learning\"", "\"quality\"");
        assert_eq!(area.position, Some((3, 8)), "{area}");
        assert!(
            area.message.contains("Choose from: goals, stakeholders"),
            "{area}"
        );
        let pointer = point_error("/extensions/state/assessor_pool", "/scope/assessors");
        assert_eq!(pointer.position, Some((6, 13)), "{pointer}");
        assert!(
            pointer.message.contains("not below `/extensions/`"),
            "{pointer}"
        );
        let escape = point_error("assessor_pool", "assessor~2pool");
        assert!(escape.message.contains("`~0`"), "{escape}");
        let built_in = point_error("state.assessor-pool", "scope.funding");
        assert_eq!(built_in.position, Some((2, 6)), "{built_in}");
        assert!(
            built_in.message.contains("one of the toolkit's own"),
            "{built_in}"
        );
        let malformed = point_error("state.assessor-pool", "State Assessors");
        assert!(
            malformed.message.contains("is not a decision point id"),
            "{malformed}"
        );
        let hostile = point_error("Which regional", "\\u001b[2JWhich regional");
        assert!(
            hostile.message.contains("cannot be shown as text"),
            "{hostile}"
        );
        assert!(!hostile.to_string().contains('\u{1b}'), "{hostile}");
        let missing = point_error("answer_at = \"/extensions/state/assessor_pool\"\n", "");
        assert!(missing.message.contains("answer_at"), "{missing}");
        assert_eq!(missing.position.map(|p| p.0), Some(1), "{missing}");
    }

    #[test]
    fn two_points_cannot_share_an_id_or_a_place() {
        let twice = format!("{POINT}{POINT}");
        let error = Config::parse(Path::new("pathway.toml"), &twice).unwrap_err();
        assert_eq!(error.position, Some((8, 6)), "{error}");
        assert!(
            error
                .message
                .contains("declared twice: it is also declared at pathway.toml:2:6"),
            "{error}"
        );
        let inside = format!(
            "{POINT}{}",
            POINT
                .replace("state.assessor-pool", "state.assessor-calibration")
                .replace("assessor_pool\"", "assessor_pool/calibration\"")
        );
        let error = Config::parse(Path::new("pathway.toml"), &inside).unwrap_err();
        assert_eq!(error.position.map(|p| p.0), Some(12), "{error}");
        assert!(error.message.contains("`state.assessor-pool`"), "{error}");
    }

    /// A fresh folder under the system's temporary folder, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let path = std::env::temp_dir().join(format!("pathway-{name}-{}", std::process::id()));
            let _ = std::fs::remove_dir_all(&path);
            std::fs::create_dir_all(&path).unwrap();
            Scratch(path)
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn extends_starts_from_the_state_file_and_this_file_wins() {
        let scratch = Scratch::new("extends");
        let state = scratch.0.join("state");
        let district = scratch.0.join("district");
        std::fs::create_dir_all(&state).unwrap();
        std::fs::create_dir_all(&district).unwrap();
        std::fs::write(
            state.join("pathway.toml"),
            format!(
                "templates = \"profiles\"\n[rules]\nPW201 = \"warning\"\nPW206 = \"off\"\n{POINT}"
            ),
        )
        .unwrap();
        let text = format!(
            "extends = \"../state/pathway.toml\"\n[rules]\nPW201 = \"info\"\n{}",
            POINT
                .replace("state.assessor-pool", "district.mentors")
                .replace("assessor_pool", "mentors")
        );
        std::fs::write(district.join("pathway.toml"), &text).unwrap();
        let config = Config::load(&district.join("pathway.toml")).unwrap();
        let ids: Vec<&str> = config
            .decision_points()
            .iter()
            .map(|p| p.id.as_str())
            .collect();
        assert_eq!(ids, ["state.assessor-pool", "district.mentors"]);
        assert_eq!(config.templates(), Some(state.join("profiles").as_path()));
        let settings = config.settings_for(&district.join("plan.yaml"));
        assert_eq!(
            settings.get(rules::find("PW201").unwrap()),
            Setting::Severity(Severity::Info)
        );
        assert_eq!(settings.get(rules::find("PW206").unwrap()), Setting::Off);
        // The district's file declares the state's point again: an error in the district's file.
        std::fs::write(
            district.join("pathway.toml"),
            format!("extends = \"../state/pathway.toml\"\n{POINT}"),
        )
        .unwrap();
        let error = Config::load(&district.join("pathway.toml")).unwrap_err();
        assert_eq!(error.file, district.join("pathway.toml"));
        assert_eq!(error.position, Some((3, 6)), "{error}");
        assert!(
            error
                .message
                .contains(&format!("{}:6:6", state.join("pathway.toml").display())),
            "{error}"
        );
    }

    /// Regression guard: files that extend each other, or a chain of them, must end.
    #[test]
    fn extends_cannot_loop_or_read_without_bound() {
        let scratch = Scratch::new("extends-loop");
        std::fs::write(scratch.0.join("a.toml"), "extends = \"b.toml\"\n").unwrap();
        std::fs::write(scratch.0.join("b.toml"), "\n\nextends = \"./a.toml\"\n").unwrap();
        let error = Config::load(&scratch.0.join("a.toml")).unwrap_err();
        assert_eq!(error.file, scratch.0.join("b.toml"));
        assert_eq!(error.position, Some((3, 11)), "{error}");
        assert!(error.message.contains("in a loop"), "{error}");
        for i in 0..MAX_EXTENDS + 2 {
            std::fs::write(
                scratch.0.join(format!("{i}.toml")),
                format!("extends = \"{}.toml\"\n", i + 1),
            )
            .unwrap();
        }
        let error = Config::load(&scratch.0.join("0.toml")).unwrap_err();
        assert!(error.message.contains("more than 8 files deep"), "{error}");
        std::fs::write(scratch.0.join("zero.toml"), "extends = \"/dev/zero\"\n").unwrap();
        let error = Config::load(&scratch.0.join("zero.toml")).unwrap_err();
        assert_eq!(error.position, Some((1, 11)), "{error}");
        assert!(error.message.contains("larger than"), "{error}");
        std::fs::write(scratch.0.join("gone.toml"), "extends = \"missing.toml\"\n").unwrap();
        let error = Config::load(&scratch.0.join("gone.toml")).unwrap_err();
        assert!(
            error.message.contains("cannot read the configuration"),
            "{error}"
        );
    }
}
