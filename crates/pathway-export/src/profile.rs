//! Audience profiles: for one audience, the document's title and purpose, which sections appear in
//! which order, the key facts its summary leads with, and the wording of each section.
//!
//! Profiles are YAML files. The built-in ones are the files [`pathway_schema::audiences`] lists
//! (`crates/pathway-schema/audiences/` in the repository, where users copy them from), one per
//! audience, compiled in; a folder given with `--templates` adds profiles or replaces built-in ones
//! with the same id. YAML because plans are YAML (a leader who can edit a plan can edit a
//! profile), because profiles are mostly prose, which YAML's folded blocks hold well, and because
//! the YAML reader already in the build reports errors with line and column.
//!
//! ```
//! use pathway_export::profile::{Profiles, SectionKind};
//!
//! let profiles = Profiles::builtin();
//! let board = profiles.get("school-board").unwrap();
//! assert!(board.sections.iter().any(|section| section.kind == SectionKind::Budget));
//! assert_eq!(profiles.ids().count(), pathway_schema::audiences::BUILT_IN.len());
//! ```

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use pathway_schema::Id;
use pathway_schema::audiences::BUILT_IN;

/// The largest profile file read, in bytes; a profile is a page of text.
const MAX_PROFILE_BYTES: u64 = 256 * 1024;

/// How one audience's document is put together.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct AudienceProfile {
    /// The audience's id, such as `school-board`; exported files end with it. It must match the
    /// file's name.
    pub id: Id,
    /// Who reads the document, such as "School board members".
    pub audience: String,
    /// The document's title. `{plan}` stands for the plan's title, `{organization}` for the
    /// organization's name.
    pub title: String,
    /// What the document covers, in one line (stored as the file's subject).
    pub subject: String,
    /// Why the reader has this document, in a paragraph; opens the summary.
    pub purpose: String,
    /// Words to find the document by, added to the plan's own.
    #[serde(default)]
    pub keywords: Vec<String>,
    /// The language of the wording, as a BCP 47 tag. Defaults to `en-US`.
    #[serde(default = "default_language")]
    pub language: String,
    /// The summary that opens the document.
    pub summary: Summary,
    /// The sections, in order.
    pub sections: Vec<Section>,
    /// What the draft notice and the open-decisions appendix say to this audience.
    #[serde(default)]
    pub drafts: Option<DraftWording>,
}

fn default_language() -> String {
    "en-US".to_owned()
}

/// The summary that opens a document: "what this means for you".
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// Its heading, such as "What this means for the board".
    pub heading: String,
    /// The key facts it lists, in order.
    pub facts: Vec<Fact>,
}

/// One section of a document.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Section {
    /// What the section shows.
    pub kind: SectionKind,
    /// Its heading; each kind has a default.
    #[serde(default)]
    pub heading: Option<String>,
    /// A paragraph in the audience's words that opens the section.
    #[serde(default)]
    pub intro: Option<String>,
}

/// What the draft notice and the open-decisions appendix say.
#[derive(Debug, Clone, PartialEq, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct DraftWording {
    /// The draft notice under the title.
    #[serde(default)]
    pub notice: Option<String>,
    /// The paragraph that opens the appendix.
    #[serde(default)]
    pub appendix: Option<String>,
}

/// The kinds of sections a profile can list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SectionKind {
    /// The plan's summary and the organization: who, how large, how far along.
    Overview,
    /// The challenges, the student impact and the goals.
    Goals,
    /// Each goal with the measures, baselines and targets that tell whether it is met.
    GoalMetrics,
    /// Why change: exceptional learning, barriers, existing paths, why micro-credentials.
    CaseForChange,
    /// Projected cost by year and source of funding, and the balance.
    Budget,
    /// The funding sources, their amounts, years and restrictions.
    FundingSources,
    /// Participants, credentials and resources expected each year.
    Growth,
    /// Every credential with its hours, evidence and what it unlocks.
    Credentials,
    /// Each credential in detail: competency, evidence, assessor, prerequisites, registry listing.
    CredentialDetails,
    /// The constellation picture: credentials and stacks, and the opportunities they unlock.
    Constellation,
    /// Every opportunity: kind, whether it keeps the educator teaching, what unlocks it, what it
    /// involves.
    Opportunities,
    /// The pathways: credentials in order, where they lead, hours and months.
    Pathways,
    /// Every incentive an educator can receive.
    Incentives,
    /// Money for educators: forms, amounts, whether the salary schedule changes, who pays.
    Compensation,
    /// What each stakeholder group gains, and what it costs them in money and time.
    Value,
    /// Who may take part and on what terms: eligibility, positions, the pilot.
    Participation,
    /// The hours credentials take, pathway loads per month, and the time roles ask.
    TimeDemands,
    /// How credentials are assessed and reviewed, by whom, and how to appeal.
    Assessment,
    /// How educators shape the pathways, and the pitfalls the plan guards against.
    EducatorVoice,
    /// Every stakeholder group and its role.
    Stakeholders,
    /// Professional learning: time, feedback, evidence, unlocks, supports.
    Learning,
    /// What the plan asks of a school building: roles, time, assessors, pilot sites.
    BuildingAsks,
    /// The metrics, research questions and review cycle.
    Evaluation,
    /// How participation and outcomes are disaggregated.
    Equity,
    /// The milestones and the pilot.
    Timeline,
    /// Who decides, who owns and sponsors, who to contact.
    Governance,
    /// What could go wrong: barriers, pitfalls, budget gaps, open decisions.
    Risks,
    /// The decisions the plan asks of the school board.
    BoardDecisions,
    /// Alignment with the state: registry listings, issuers, state funding and partners.
    StateAlignment,
    /// The community: partners, employers and families, retention and equity.
    Community,
    /// Messages, channels, case studies and how feedback is gathered.
    Communication,
    /// How an educator starts: first credentials, supports, contact.
    GetStarted,
    /// The partners and what each contributes.
    Partnerships,
    /// The questions a participant asks first (voluntary? evaluation? resubmission and appeals?
    /// time? job security?), each answered from the plan or marked as not answered yet.
    Questions,
}

impl SectionKind {
    /// The heading a section gets when its profile gives none.
    pub fn default_heading(self) -> &'static str {
        match self {
            SectionKind::Overview => "About the plan",
            SectionKind::Goals => "Goals",
            SectionKind::GoalMetrics => "Goals, measures and targets",
            SectionKind::CaseForChange => "Why change",
            SectionKind::Budget => "Costs and funding by year",
            SectionKind::FundingSources => "Funding sources",
            SectionKind::Growth => "Growth by year",
            SectionKind::Credentials => "Micro-credentials",
            SectionKind::CredentialDetails => "Each credential in detail",
            SectionKind::Constellation => "The career constellation",
            SectionKind::Opportunities => "Opportunities",
            SectionKind::Pathways => "Pathways",
            SectionKind::Incentives => "Incentives",
            SectionKind::Compensation => "Compensation",
            SectionKind::Value => "Value for each group",
            SectionKind::Participation => "Who takes part, and on what terms",
            SectionKind::TimeDemands => "Time demands",
            SectionKind::Assessment => "Assessment, fairness and appeals",
            SectionKind::EducatorVoice => "Educator voice",
            SectionKind::Stakeholders => "Who is involved",
            SectionKind::Learning => "Professional learning",
            SectionKind::BuildingAsks => "What this asks of your building",
            SectionKind::Evaluation => "Evaluation",
            SectionKind::Equity => "Equity",
            SectionKind::Timeline => "Timeline",
            SectionKind::Governance => "Decisions and owners",
            SectionKind::Risks => "Risks",
            SectionKind::BoardDecisions => "Decisions asked of the board",
            SectionKind::StateAlignment => "Alignment with the state",
            SectionKind::Community => "Community and partners",
            SectionKind::Communication => "Communication",
            SectionKind::GetStarted => "How to start",
            SectionKind::Partnerships => "Partnerships",
            SectionKind::Questions => "Your questions answered",
        }
    }
}

/// The key facts a summary can lead with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fact {
    /// How many goals, and the first high-priority one.
    Goals,
    /// How the pathways improve student learning.
    StudentImpact,
    /// Projected cost by year.
    Cost,
    /// Funding by year and source.
    Funding,
    /// How many credentials, and their hours.
    Credentials,
    /// How many opportunities keep the educator in the classroom.
    Classroom,
    /// The money educators can receive, and whether the salary schedule changes.
    Compensation,
    /// The time credentials and roles take.
    Time,
    /// Who assesses, and whether there is an appeal.
    Assessment,
    /// How educators take part in design.
    Voice,
    /// The first and last milestones.
    Timeline,
    /// The organization's size and projected participants.
    Scale,
    /// The partners.
    Partners,
    /// Who to contact.
    Contact,
    /// The targets the plan will be judged by.
    Targets,
    /// What results are disaggregated by.
    Equity,
    /// Roles and time in school buildings.
    Building,
    /// Credentials listed in public registries.
    Registry,
}

/// A profile that could not be read, with where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    /// The file, as named to the user (`templates/union.yaml`).
    pub file: String,
    /// The line and column, when the problem has a place.
    pub position: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ProfileError {}

/// Reads one profile from YAML text; `file` names it in errors.
pub fn parse_profile(file: &str, text: &str) -> Result<AudienceProfile, ProfileError> {
    let options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 16,
            max_nodes: 20_000,
        },
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::Error,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
        reject_unsupported_tags: true,
        with_snippet: false,
    };
    let profile: AudienceProfile =
        serde_saphyr::from_str_with_options(text, options).map_err(|error| {
            let position = error.location().map(|location| {
                (
                    usize::try_from(location.line()).unwrap_or(1).max(1),
                    usize::try_from(location.column()).unwrap_or(1).max(1),
                )
            });
            let message = pathway_schema::load::yaml_message(&error);
            ProfileError {
                file: file.to_owned(),
                position: position.or(Some((1, 1))),
                message,
            }
        })?;
    check(file, text, &profile)?;
    Ok(profile)
}

/// Checks what the types cannot: the id matches the file name and the sections are not empty.
fn check(file: &str, text: &str, profile: &AudienceProfile) -> Result<(), ProfileError> {
    let at_key = |key: &str| {
        text.lines()
            .position(|line| line.starts_with(&format!("{key}:")))
            .map(|index| (index + 1, 1))
            .or(Some((1, 1)))
    };
    let stem = Path::new(file)
        .file_stem()
        .and_then(|stem| stem.to_str())
        .unwrap_or_default();
    if stem != profile.id.as_str() {
        return Err(ProfileError {
            file: file.to_owned(),
            position: at_key("id"),
            message: format!(
                "the profile's id `{}` does not match its file name; name the file `{}.yaml` or change the id to `{stem}`",
                profile.id, profile.id
            ),
        });
    }
    if profile.sections.is_empty() {
        return Err(ProfileError {
            file: file.to_owned(),
            position: at_key("sections"),
            message: "a profile needs at least one section".to_owned(),
        });
    }
    // Each kind of section once: a section shows a part of the plan, and the same part twice
    // says nothing new. It also bounds what a profile can make of a plan. Regression: a profile
    // of 5,000 sections took 55 s and 642 MB to export.
    for (index, section) in profile.sections.iter().enumerate() {
        if let Some(first) = profile
            .sections
            .iter()
            .position(|other| other.kind == section.kind)
            .filter(|&first| first < index)
        {
            return Err(ProfileError {
                file: file.to_owned(),
                position: at_key("sections"),
                message: format!(
                    "sections {} and {} are both of the kind headed \"{}\" by default; a profile shows each kind of section once",
                    first + 1,
                    index + 1,
                    section.kind.default_heading()
                ),
            });
        }
    }
    Ok(())
}

/// Fills in profile wording: `{plan}` becomes the plan's title, `{organization}` the
/// organization's name. In one pass over the wording: the plan's own text is data, never a
/// template, so a title that itself says `{organization}` is printed as it is.
///
/// ```
/// use pathway_export::profile::expand;
///
/// assert_eq!(expand("{plan} for {organization}", "Pathways", "Cedar"), "Pathways for Cedar");
/// assert_eq!(expand("{plan}", "{organization}{plan}", "Cedar"), "{organization}{plan}");
/// ```
pub fn expand(wording: &str, plan: &str, organization: &str) -> String {
    let mut out = String::with_capacity(wording.len());
    let mut rest = wording;
    while let Some(open) = rest.find('{') {
        out.push_str(rest.get(..open).unwrap_or_default());
        let from = rest.get(open..).unwrap_or_default();
        if let Some(after) = from.strip_prefix("{plan}") {
            out.push_str(plan);
            rest = after;
        } else if let Some(after) = from.strip_prefix("{organization}") {
            out.push_str(organization);
            rest = after;
        } else {
            out.push('{');
            rest = from.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

/// The audience profiles available: the built-in ones and any added from a folder.
#[derive(Debug, Clone, PartialEq)]
pub struct Profiles {
    profiles: Vec<AudienceProfile>,
}

impl Profiles {
    /// The built-in profiles, one per file of [`pathway_schema::audiences`], in id order.
    pub fn builtin() -> Profiles {
        // A built-in file that does not parse is left out; a test parses every one.
        let profiles = BUILT_IN
            .iter()
            .filter_map(|audience| {
                parse_profile(&format!("audiences/{}", audience.file), audience.profile).ok()
            })
            .collect();
        Profiles { profiles }
    }

    /// The built-in profiles, with every `*.yaml` or `*.yml` profile in `dir` added, replacing a
    /// built-in profile with the same id. Files are read in name order.
    pub fn with_folder(dir: &Path) -> Result<Profiles, ProfileError> {
        let mut profiles = Profiles::builtin();
        let folder_error = |message: String| ProfileError {
            file: dir.display().to_string(),
            position: None,
            message,
        };
        let entries = std::fs::read_dir(dir)
            .map_err(|error| folder_error(format!("cannot read the templates folder: {error}")))?;
        let mut files = Vec::new();
        for entry in entries {
            let path = entry
                .map_err(|error| {
                    folder_error(format!("cannot read the templates folder: {error}"))
                })?
                .path();
            let is_yaml = path
                .extension()
                .and_then(|ext| ext.to_str())
                .is_some_and(|ext| {
                    ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml")
                });
            if is_yaml && path.is_file() {
                files.push(path);
            }
        }
        files.sort();
        // Which file of the folder gave each id: two files with one id is a mistake to name,
        // not a silent choice of the later one.
        let mut from_folder: Vec<(Id, String)> = Vec::new();
        for path in files {
            let name = path.display().to_string();
            let read_error = |message: String| ProfileError {
                file: name.clone(),
                position: None,
                message,
            };
            let size = std::fs::metadata(&path)
                .map_err(|error| read_error(format!("cannot read the profile: {error}")))?
                .len();
            if size > MAX_PROFILE_BYTES {
                return Err(read_error(format!(
                    "the profile is {size} bytes, over the limit of {MAX_PROFILE_BYTES}"
                )));
            }
            let mut bytes = Vec::new();
            std::fs::File::open(&path)
                .and_then(|file| {
                    std::io::Read::read_to_end(
                        &mut std::io::Read::take(file, MAX_PROFILE_BYTES + 1),
                        &mut bytes,
                    )
                })
                .map_err(|error| read_error(format!("cannot read the profile: {error}")))?;
            if bytes.len() as u64 > MAX_PROFILE_BYTES {
                return Err(read_error(format!(
                    "the profile is over the limit of {MAX_PROFILE_BYTES} bytes"
                )));
            }
            let text = String::from_utf8(bytes)
                .map_err(|_| read_error("the profile is not UTF-8 text".to_owned()))?;
            let profile = parse_profile(&name, &text)?;
            if let Some((_, earlier)) = from_folder.iter().find(|(id, _)| *id == profile.id) {
                return Err(read_error(format!(
                    "{earlier} is also the profile `{}`; keep one of the two files",
                    profile.id
                )));
            }
            from_folder.push((profile.id.clone(), name.clone()));
            profiles.insert(profile);
        }
        Ok(profiles)
    }

    /// Adds a profile, replacing one with the same id.
    pub fn insert(&mut self, profile: AudienceProfile) {
        match self.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(existing) => *existing = profile,
            None => self.profiles.push(profile),
        }
    }

    /// The profile for an audience id.
    pub fn get(&self, id: &str) -> Option<&AudienceProfile> {
        self.profiles
            .iter()
            .find(|profile| profile.id.as_str() == id)
    }

    /// The audience ids, built-in ones first.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.profiles.iter().map(|profile| profile.id.as_str())
    }

    /// Every profile, built-in ones first.
    pub fn iter(&self) -> impl Iterator<Item = &AudienceProfile> {
        self.profiles.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_profiles_are_the_audiences_the_validator_knows() {
        let profiles = Profiles::builtin();
        let ids: Vec<&str> = profiles.ids().collect();
        assert_eq!(ids, pathway_validate::BUILT_IN_AUDIENCES);
    }

    #[test]
    fn every_builtin_profile_parses() {
        for audience in BUILT_IN {
            if let Err(error) = parse_profile(audience.file, audience.profile) {
                panic!("{error}");
            }
        }
        let profiles = Profiles::builtin();
        assert_eq!(profiles.iter().count(), BUILT_IN.len());
        // The audiences DOMAIN.md names are all built in, whatever else is added.
        let ids: Vec<&str> = profiles.ids().collect();
        for id in [
            "state",
            "city",
            "district",
            "school-board",
            "union",
            "school",
            "educators",
        ] {
            assert!(ids.contains(&id), "{id} is not built in: {ids:?}");
        }
        assert!(
            ids.is_sorted(),
            "built-in profiles come in id order: {ids:?}"
        );
    }

    #[test]
    fn a_broken_profile_names_its_file_and_line() {
        let text = "id: union\naudience: Union leadership\ntitle: T\nsubject: S\npurpose: P\nsummary:\n  heading: H\n  facts: [compensation]\nsections:\n  - kind: compensaton\n";
        let error = parse_profile("templates/union.yaml", text).unwrap_err();
        let shown = error.to_string();
        assert!(shown.starts_with("templates/union.yaml:10:"), "{shown}");
        assert!(shown.contains("compensation"), "{shown}");
    }

    #[test]
    fn the_id_must_match_the_file_name() {
        let text = "id: unions\naudience: A\ntitle: T\nsubject: S\npurpose: P\nsummary: {heading: H, facts: []}\nsections: [{kind: goals}]\n";
        let error = parse_profile("my/union.yaml", text).unwrap_err();
        assert_eq!(error.position, Some((1, 1)));
        assert!(
            error.message.contains("does not match its file name"),
            "{error}"
        );
    }

    /// Regression: a plan titled `{organization}` × 18,000 was expanded by the templates (a
    /// 477 KB plan aborted on a 4 GB allocation); plan text is data, never a template.
    #[test]
    fn plan_text_is_never_expanded_again() {
        let title = "{organization}".repeat(18_000);
        let filled = expand("{plan} by {organization}", &title, &"{plan}".repeat(1_000));
        assert_eq!(
            filled.len(),
            title.len() + " by ".len() + "{plan}".len() * 1_000
        );
        assert_eq!(expand("{unknown} {plan", "x", "y"), "{unknown} {plan");
        assert_eq!(expand("café {plan}}", "T", "O"), "café T}");
    }

    /// Regression: a profile with 5,000 sections took 55 s and 642 MB to export.
    #[test]
    fn a_section_kind_appears_once() {
        let union = BUILT_IN
            .iter()
            .find(|audience| audience.id == "union")
            .unwrap()
            .profile;
        let text = union.replacen(
            "\nsections:\n",
            &format!("\nsections:\n{}", "  - kind: overview\n".repeat(5_000)),
            1,
        );
        assert_ne!(text, union);
        let error = parse_profile("union.yaml", &text).unwrap_err();
        assert!(error.message.contains("sections 1 and 2"), "{error}");
    }

    /// Regression: `union.yaml` and `union.yml` in one folder: the second won silently.
    #[test]
    fn two_files_with_one_id_are_an_error() {
        let dir = std::env::temp_dir().join(format!("pathway-profiles-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let union = BUILT_IN
            .iter()
            .find(|audience| audience.id == "union")
            .unwrap()
            .profile;
        std::fs::write(dir.join("union.yaml"), union).unwrap();
        std::fs::write(dir.join("union.yml"), union).unwrap();
        let error = Profiles::with_folder(&dir).unwrap_err();
        assert!(
            error.to_string().contains("is also the profile `union`"),
            "{error}"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn unknown_keys_are_errors() {
        let text = "id: union\naudience: A\ntitle: T\nsubject: S\npurpose: P\nsummary: {heading: H, facts: []}\nsections: [{kind: goals}]\ncolour: red\n";
        let error = parse_profile("union.yaml", text).unwrap_err();
        assert!(error.to_string().starts_with("union.yaml:8:"), "{error}");
    }
}
