//! The starter plan `pathway init` writes: every decision point required at a readiness level,
//! with its question as a comment and a `TODO` placeholder the validator reports until answered.

mod state_section;

use std::fmt::Write as _;

use crate::decision_points::{Area, DECISION_POINTS, DecisionPoint};
use crate::plan::Readiness;
use crate::schema::LOCAL_SCHEMA_LOCATION;
use crate::state_points::StateDecisionPoint;
use crate::values::{ID_MAX_LENGTH, suggest_kebab_case};

/// What the starter plan is for.
#[derive(Debug, Clone)]
pub struct ScaffoldOptions {
    /// The readiness level whose decision points the plan walks through.
    pub level: Readiness,
    /// The organization's name.
    pub organization: String,
    /// The calendar year the plan period starts in (July 1).
    pub start_year: u16,
    /// What the editor modeline points at: a path to a copy of the schema, relative to the plan,
    /// or a URL.
    pub schema_location: String,
    /// A state's own decision points, from the configuration that will apply to the plan: those
    /// the level requires get a placeholder under `extensions`.
    pub state_points: Vec<StateDecisionPoint>,
}

impl ScaffoldOptions {
    /// Options for `level`, with a placeholder organization and the modeline pointing at the
    /// copy of the schema in `.pathway/` beside the plan.
    pub fn new(level: Readiness, start_year: u16) -> Self {
        ScaffoldOptions {
            level,
            organization: "Our School District".to_owned(),
            start_year,
            schema_location: LOCAL_SCHEMA_LOCATION.to_owned(),
            state_points: Vec::new(),
        }
    }
}

/// Writes the starter plan as YAML text.
pub fn scaffold(options: &ScaffoldOptions) -> String {
    let level = options.level;
    let required: Vec<&DecisionPoint> = DECISION_POINTS
        .iter()
        .filter(|p| p.level <= level)
        .collect();
    let (state_required, state_later): (Vec<&StateDecisionPoint>, Vec<&StateDecisionPoint>) =
        options.state_points.iter().partition(|p| p.level <= level);
    let start = options.start_year;
    let mut out = String::new();
    let w = &mut out;
    line(
        w,
        &format!(
            "# yaml-language-server: $schema={}",
            options.schema_location
        ),
    );
    line(w, "#");
    line(
        w,
        &format!(
            "# Career pathway plan for {} (readiness: {}).",
            one_line(&options.organization),
            level.as_str()
        ),
    );
    line(w, "#");
    line(
        w,
        &format!(
            "# A plan at the `{}` level answers the {} decision points below. Each one shows its id and",
            level.as_str(),
            required.len() + state_required.len()
        ),
    );
    line(
        w,
        "# question. Replace every \"TODO: ...\" with your answer; `pathway validate` lists what is",
    );
    line(
        w,
        "# still open. Every field is described in docs/format.md, and editors that read the",
    );
    line(w, "# modeline above complete and check fields as you type.");
    line(w, "");
    line(w, "schema_version: 1");
    let id = plan_id(&options.organization);
    line(w, &format!("id: {id}"));
    line(
        w,
        &format!(
            "title: {}",
            quote(&format!(
                "{} Educator Career Pathways",
                options.organization
            ))
        ),
    );
    line(
        w,
        &format!(
            "readiness: {}  # exploring, designing, piloting or scaling",
            level.as_str()
        ),
    );
    line(w, "period:");
    line(
        w,
        &format!(
            "  start: \"{start}-07-01\"  # dates are YYYY-MM-DD, in quotes so every YAML tool reads them as text"
        ),
    );
    line(w, &format!("  end: \"{}-06-30\"", start.saturating_add(3)));
    line(w, "organization:");
    line(w, &format!("  name: {}", quote(&options.organization)));
    line(
        w,
        "  kind: district  # district, state, charter-network or regional-agency",
    );
    line(
        w,
        "summary: \"TODO: one paragraph that sums up the plan for someone who reads nothing else\"",
    );

    for area in Area::ALL {
        let points: Vec<&DecisionPoint> = required
            .iter()
            .copied()
            .filter(|p| p.area == area)
            .collect();
        if points.is_empty() {
            continue;
        }
        line(w, "");
        line(
            w,
            "# ---------------------------------------------------------------------------",
        );
        line(w, &format!("# {}", area.title()));
        line(w, &format!("# {}", area.question()));
        line(
            w,
            "# ---------------------------------------------------------------------------",
        );
        let mut section = "";
        for point in points {
            let (point_section, key) = split_pointer(point.pointer);
            if point_section != section {
                section = point_section;
                line(w, &format!("{section}:"));
                if section == "goals" {
                    goal_list(w);
                }
            }
            line(w, &format!("  # [{}] {}", point.id, point.question));
            placeholder(w, point.id, key, start);
        }
        if area == Area::Learning && level >= Readiness::Designing {
            constellation(w);
        }
    }

    state_section::write(w, &state_required);

    let later: Vec<&DecisionPoint> = DECISION_POINTS.iter().filter(|p| p.level > level).collect();
    if !later.is_empty() || !state_later.is_empty() {
        line(w, "");
        line(
            w,
            "# ---------------------------------------------------------------------------",
        );
        line(w, "# Decided later: not required yet at this level.");
        for point in later {
            line(
                w,
                &format!(
                    "#   [{}] (needed before {}) {}",
                    point.id,
                    point.level.as_str(),
                    point.question
                ),
            );
        }
        for point in state_later {
            line(
                w,
                &format!(
                    "#   [{}] (needed before {}) {}",
                    one_line(&point.id),
                    point.level.as_str(),
                    one_line(&point.question)
                ),
            );
        }
    }
    out
}

fn line(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn split_pointer(pointer: &'static str) -> (&'static str, &'static str) {
    let trimmed = pointer.trim_start_matches('/');
    trimmed.split_once('/').unwrap_or((trimmed, ""))
}

/// The plan id made from the organization's name: `Cedar Valley` → `cedar-valley-pathways`.
fn plan_id(organization: &str) -> String {
    let mut id = suggest_kebab_case(organization);
    let suffix = "-pathways";
    while id.len() + suffix.len() > ID_MAX_LENGTH {
        match id.rfind('-') {
            Some(cut) => id.truncate(cut),
            None => id.truncate(ID_MAX_LENGTH - suffix.len()),
        }
    }
    id + suffix
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// A YAML double-quoted string holding `text` exactly.
fn quote(text: &str) -> String {
    let mut quoted = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(quoted, "\\u{:04X}", u32::from(c));
            }
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

fn goal_list(w: &mut String) {
    line(
        w,
        "  # Your goals, each with an id that evaluation metrics refer to.",
    );
    line(w, "  priorities:");
    line(w, "    - id: first-goal");
    line(w, "      statement: \"TODO: the goal in one sentence\"");
    line(
        w,
        "      student_learning: \"TODO: how reaching it improves student learning\"",
    );
    line(w, "      priority: high  # high, medium or low");
}

fn constellation(w: &mut String) {
    line(w, "");
    line(
        w,
        "# The constellation: the micro-credentials educators earn and the opportunities they unlock.",
    );
    line(
        w,
        "# Add one entry for each; opportunities that keep educators in the classroom are what make",
    );
    line(w, "# it a constellation rather than a ladder.");
    line(w, "credentials:");
    line(w, "  - id: first-credential");
    line(w, "    title: \"TODO: the credential's title\"");
    line(w, "    competency: \"TODO: the skill it certifies\"");
    line(w, "    hours: 15");
    line(w, "opportunities:");
    line(w, "  - id: first-opportunity");
    line(w, "    title: \"TODO: the opportunity's title\"");
    line(
        w,
        "    kind: hybrid-role  # classroom-role, hybrid-role, leadership-role, committee, recognition, compensation-step",
    );
    line(w, "    stays_in_classroom: true");
    line(w, "    unlocked_by: [first-credential]");
    line(
        w,
        "    unlock_requires: any  # any one of unlocked_by, all of them, or a number: at least that many",
    );
    line(w, "pathways:");
    line(w, "  - id: first-pathway");
    line(w, "    title: \"TODO: the pathway's title\"");
    line(w, "    credentials: [first-credential]");
    line(w, "    leads_to: [first-opportunity]");
    line(w, "    duration_months: 12");
}

fn placeholder(w: &mut String, id: &str, key: &str, start: u16) {
    let todo = |w: &mut String, hint: &str| line(w, &format!("  {key}: \"TODO: {hint}\""));
    match (id, key) {
        (_, "groups") => {
            line(w, "  groups:");
            line(
                w,
                "    - group: teachers  # teachers, principals, union, school-board, state, city, employers, families...",
            );
            line(
                w,
                "      involvement: [design-team, survey]  # survey, focus-group, design-team, advisory-committee, bargaining, approval...",
            );
            line(
                w,
                "      role: \"TODO: what this group does in designing and running the pathways\"",
            );
        }
        (_, "offers") => {
            line(
                w,
                "  # Where pay is not bargained, say how it is set: pay_setting: {set_by: board-policy} or state-law.",
            );
            line(w, "  offers:");
            line(w, "    - id: first-incentive");
            line(
                w,
                "      title: \"TODO: the incentive's name, as documents print it\"",
            );
            line(
                w,
                "      type: recognition  # compensation, privilege-influence, recognition, position-change, job-security",
            );
            line(w, "      description: \"TODO: what an educator receives\"");
        }
        (_, "value_propositions") => {
            line(w, "  value_propositions:");
            line(w, "    - group: teachers");
            line(w, "      value: \"TODO: what this group gains\"");
            line(w, "      cost: \"TODO: what it costs them in money\"");
            line(w, "      time: \"TODO: what it costs them in time\"");
        }
        (_, "point_of_contact") => {
            line(w, "  point_of_contact:");
            line(w, "    name: \"TODO: the person educators contact\"");
            line(w, "    role: \"TODO: their role\"");
            line(
                w,
                "    also_assessor: false  # true if this person also assesses submissions",
            );
        }
        (_, "funding") => {
            line(w, "  funding:");
            line(w, "    - id: first-funding-source");
            line(w, "      name: \"TODO: the source's name\"");
            line(
                w,
                "      kind: district-budget  # district-budget, state, federal-title, federal, grant, philanthropy",
            );
            line(w, "      amount: {value: 0, unit: per-year}");
            line(
                w,
                &format!("      years: [{}, {}, {}]", start + 1, start + 2, start + 3),
            );
            line(
                w,
                "      status: committed  # or anticipated: applied for, expected, awaiting a vote",
            );
            line(
                w,
                "  # What the money pays for besides incentives: a coordinator, an evaluation, substitutes.",
            );
            line(w, "  program_costs:");
            line(w, "    - id: first-program-cost");
            line(w, "      title: \"TODO: what it pays for\"");
            line(w, "      amount: {value: 0, unit: per-year}");
            line(w, "      funded_by: [first-funding-source]");
        }
        (_, "growth") => {
            line(w, "  growth:");
            line(w, &format!("    - year: {}", start + 1));
            line(w, "      participants: 0");
            line(w, "      credentials: 0");
            line(
                w,
                "      # recipients: {first-incentive: 0}  # who is paid each incentive that year, new and continuing",
            );
            line(
                w,
                "      # assessors: 0  # trained assessors scoring submissions that year",
            );
            line(
                w,
                "      resources: \"TODO: assessors, coaching and release time needed that year\"",
            );
        }
        (_, "metrics") => {
            line(w, "  metrics:");
            line(w, "    - id: first-metric");
            line(w, "      goals: [first-goal]");
            line(w, "      indicator: \"TODO: what is measured\"");
            line(w, "      source: \"TODO: where the data comes from\"");
            line(w, "      frequency: annual");
            line(
                w,
                "      target: \"TODO: the value that means the goal is met, and by when\"",
            );
        }
        (_, "equity") => {
            line(w, "  equity:");
            line(
                w,
                "    disaggregate_by: [\"TODO: for example school, race and ethnicity, years of experience\"]",
            );
            line(
                w,
                "    approach: \"TODO: how gaps are found and closed, and by whom\"",
            );
        }
        (_, "iteration") => {
            line(w, "  iteration:");
            line(w, "    cycle: annual");
            line(w, "    owner: \"TODO: who reviews the plan\"");
            line(
                w,
                "    process: \"TODO: how the review works and what it can change\"",
            );
        }
        (_, "audiences") => {
            line(w, "  audiences:");
            line(
                w,
                &format!(
                    "    - audience: educators  # {}",
                    crate::audiences::IDS.join(", ")
                ),
            );
            line(
                w,
                "      message: \"TODO: what this audience needs to hear\"",
            );
        }
        (_, "channels") => {
            line(w, "  channels:");
            line(
                w,
                "    - name: \"TODO: where stakeholders find the plan and its results\"",
            );
            line(w, "      kind: website");
            line(w, "      audiences: [educators]");
        }
        (_, "owner") => {
            line(w, "  owner:");
            line(w, "    name: \"TODO: who owns the plan\"");
            line(w, "    role: \"TODO: their role\"");
        }
        (_, "timeline") => {
            line(w, "  timeline:");
            line(w, "    - title: \"TODO: the first milestone\"");
            line(w, &format!("      date: \"{start}-09-01\""));
            line(
                w,
                "      # decision: {kind: vote, by: school-board}  # when the milestone is a vote or a sign-off",
            );
        }
        (_, "partners") => {
            line(w, "  partners:");
            line(w, "    - name: \"TODO: the partner's name\"");
            line(
                w,
                "      kind: higher-education  # teacher-preparation, higher-education, nonprofit, employer, state-agency...",
            );
            line(w, "      contribution: \"TODO: what it contributes\"");
        }
        (_, "challenges") => todo(w, "the challenges or outcomes pathways should address"),
        (_, "student_impact") => todo(
            w,
            "how the pathways improve classrooms and student learning",
        ),
        (_, "exceptional_learning") => {
            todo(w, "what exceptional professional learning looks like here")
        }
        (_, "barriers") => todo(w, "what keeps that from happening today"),
        (_, "existing_paths") => todo(
            w,
            "whether today's career paths meet educators' and the system's needs",
        ),
        (_, "why_micro_credentials") => todo(w, "why micro-credentials fit these goals"),
        (_, "educator_voice") => todo(w, "how educators shape and run the pathways"),
        (_, "pitfalls") => todo(w, "pitfalls of involving educators, and how you avoid them"),
        (_, "decision_making") => todo(w, "where decisions about the pathways are made"),
        (_, "review") => {
            todo(w, "how credentials are reviewed and assessors calibrated");
            line(
                w,
                "  # evidence_in_evaluation: kept-out  # kept-out, educator-chooses or may-be-used",
            );
            line(
                w,
                "  # resubmissions: 2  # times a submission that falls short may be resubmitted",
            );
            line(
                w,
                "  # appeal: {heard_by: \"who hears an appeal of a score\", within_days: 20, days: school}",
            );
            line(
                w,
                "  # assessor_capacity: {submissions_per_assessor: 40, assessors_per_submission: 2}",
            );
        }
        ("learning.feedback", _) => todo(w, "how educators hear how they are doing"),
        ("communication.feedback", _) => todo(w, "how stakeholders' feedback is gathered and used"),
        (_, "time") => {
            todo(w, "how time is built in for this learning");
            line(
                w,
                "  # participation: voluntary  # voluntary, invited (they may decline) or assigned",
            );
        }
        (_, "evidence") => todo(w, "how evidence guides professional learning"),
        (_, "unlocks") => todo(w, "how completing a pathway unlocks something more"),
        _ => todo(w, "your answer"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_ids_are_short_kebab_case() {
        assert_eq!(
            plan_id("Cedar Valley School District"),
            "cedar-valley-school-district-pathways"
        );
        let long = plan_id(&"Very Long Name ".repeat(10));
        assert!(long.len() <= ID_MAX_LENGTH, "{long}");
        assert!(crate::Id::new(&long).is_ok());
    }

    #[test]
    fn quoting_escapes_what_yaml_would_read() {
        assert_eq!(quote("A \"B\" \\ C\n"), "\"A \\\"B\\\" \\\\ C\\n\"");
    }
}
