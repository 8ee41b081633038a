//! The rule catalog: one rule per file, each with a stable code, a name that names the problem,
//! a default severity and documentation in the What it does / Why it matters / Example form.

mod answers;
mod declare;

pub use answers::Answers;

pub(crate) use declare::declare_rule;

use pathway_schema::Plan;
use pathway_schema::domain::Model;
use pathway_schema::load::SourceTree;
use pathway_schema::state_points::StateDecisionPoint;
use std::borrow::Cow;

use crate::diagnostic::Severity;
use crate::index::PlanIndex;

pub mod audience_without_message;
pub mod budget_shortfall;
pub mod compensation_without_union;
pub mod dangling_reference;
pub mod decision_point_for_later;
pub mod duplicate_id;
pub mod educators_without_voice;
pub mod implausible_time_load;
pub mod invalid_structure;
pub mod invalid_suppression;
pub mod ladder_not_constellation;
pub mod metric_without_goal;
pub mod misplaced_milestone;
pub mod orphan_credential;
pub mod prerequisite_cycle;
pub mod unanswered_decision_point;
pub mod unfunded_incentive;
pub mod unmeasured_goal;
pub mod unparsable_plan;
pub mod unprojected_recipients;
pub mod unreachable_opportunity;

#[cfg(test)]
mod testing;

/// How a rule finds its problems.
#[derive(Debug, Clone, Copy)]
pub enum Check {
    /// It looks for the problem in a typed plan.
    Plan(fn(&RuleContext<'_>, &mut Findings)),
    /// The engine reports it, at a stage where no rule runs: the problem keeps the plan from
    /// being checked at all, or is about the suppression comments themselves.
    ByEngine(EngineStage),
}

/// Where the engine meets the problems of a rule it reports itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EngineStage {
    /// Reading the file as YAML or JSON text.
    Parse,
    /// Checking the parsed file against the schema, before the plan is typed.
    Structure,
    /// Applying `# pathway-allow` comments to the findings.
    Suppressions,
}

impl EngineStage {
    /// When the engine reports it, in words for the rule catalog.
    pub fn describe(self) -> &'static str {
        match self {
            EngineStage::Parse => "while reading the file, before any rule runs",
            EngineStage::Structure => {
                "while checking the file against the schema, before the plan is typed and any rule runs"
            }
            EngineStage::Suppressions => {
                "while applying `# pathway-allow` comments, after the rules ran"
            }
        }
    }
}

/// A rule of the catalog.
#[derive(Debug, Clone, Copy)]
pub struct Rule {
    /// The stable code: letters then digits, never reused.
    pub code: &'static str,
    /// A kebab-case name that names the problem.
    pub name: &'static str,
    /// The severity its findings have unless configuration says otherwise.
    pub default_severity: Severity,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// The full documentation, in Markdown: What it does, Why it matters, Example.
    pub doc: &'static str,
    /// How it finds its problems: a check over the typed plan, or reported by the engine.
    pub check: Check,
}

impl Rule {
    /// The documentation as Markdown, without the space each doc-comment line starts with.
    pub fn documentation(&self) -> String {
        let mut text = String::new();
        for line in self.doc.lines() {
            text.push_str(line.strip_prefix(' ').unwrap_or(line));
            text.push('\n');
        }
        text
    }
}

/// What a rule looks at.
pub struct RuleContext<'a> {
    /// The typed plan.
    pub plan: &'a Plan,
    /// The parsed file, for positions.
    pub tree: &'a SourceTree,
    /// The audience ids the plan may name: the built-in profiles and any the user added.
    pub audiences: &'a [String],
    /// The plan's meaning: ids, unlock graph and budget, shared with the documents.
    pub model: &'a Model<'a>,
    /// The state's own decision points from configuration, checked like the toolkit's.
    pub state_points: &'a [StateDecisionPoint],
    /// Every decision point's answer, the toolkit's and the state's, walked once.
    pub answers: &'a Answers<'a>,
}

impl<'a> RuleContext<'a> {
    /// Everything in the plan with an id.
    pub fn index(&self) -> &PlanIndex<'a> {
        &self.model.index
    }
}

/// What a finding's pointer points at, and so where it is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The value at the pointer, which exists.
    Value,
    /// The key holding the value at the pointer, which exists.
    Key,
    /// A value that may be missing, such as an unanswered decision point or a list left out:
    /// the finding is shown at the value's key when it is there, else at the key of the nearest
    /// mapping or list that exists. Only
    /// findings that say so may point at something that is not there; any other finding whose
    /// pointer does not resolve is a bug in its rule, and a test fails on it.
    MaybeMissing,
}

/// One finding as a rule reports it; the engine adds the code, severity and positions.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// The JSON Pointer of the offending value.
    pub pointer: String,
    /// Whether to point at the value, its key, or the nearest existing parent of a value that
    /// may be missing.
    pub target: Target,
    /// What is wrong.
    pub message: String,
    /// What to do.
    pub help: Option<String>,
    /// The decision point concerned: one of the toolkit's ids, or a state's own.
    pub decision_point: Option<Cow<'static, str>>,
    /// Other places that explain it: pointer and what it is.
    pub related: Vec<(String, String)>,
}

impl Finding {
    /// A finding about the value at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            pointer: pointer.into(),
            target: Target::Value,
            message: message.into(),
            help: None,
            decision_point: None,
            related: Vec::new(),
        }
    }

    /// Adds what to do.
    #[must_use]
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Names the decision point concerned.
    #[must_use]
    pub fn decision_point(mut self, id: impl Into<Cow<'static, str>>) -> Self {
        self.decision_point = Some(id.into());
        self
    }

    /// Adds a related place.
    #[must_use]
    pub fn related(mut self, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        self.related.push((pointer.into(), message.into()));
        self
    }

    /// Points at the key holding the value rather than the value.
    #[must_use]
    pub fn at_key(mut self) -> Self {
        self.target = Target::Key;
        self
    }

    /// Says the value may be missing (an unanswered decision point, a list left out): the
    /// finding is shown at the value's key, or at the key of its nearest existing parent when
    /// the value is not there.
    #[must_use]
    pub fn maybe_missing(mut self) -> Self {
        self.target = Target::MaybeMissing;
        self
    }
}

/// The most findings reported for one file; a file with more is reported with the most serious
/// ones (errors before warnings before information) and a count of the rest, so that a broken
/// or hostile file cannot flood the output and still cannot hide an error.
pub const MAX_FINDINGS: usize = 1_000;

/// The most related places listed under one finding; more are summed up in one last note.
pub const MAX_RELATED: usize = 20;

/// The findings a rule reports. Keeps the first [`MAX_FINDINGS`]
/// and counts the rest: no more are ever shown, and a rule over a plan of 300,000 credentials
/// would otherwise hold a finding for each.
#[derive(Debug, Default)]
pub struct Findings {
    kept: Vec<Finding>,
    dropped: usize,
}

impl Findings {
    /// No findings yet.
    pub fn new() -> Self {
        Findings::default()
    }

    /// Reports a finding.
    pub fn push(&mut self, finding: Finding) {
        if self.kept.len() < MAX_FINDINGS {
            self.kept.push(finding);
        } else {
            self.dropped += 1;
        }
    }

    /// How many findings were reported, kept or not.
    pub fn len(&self) -> usize {
        self.kept.len() + self.dropped
    }

    /// Whether nothing was reported.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The findings kept, and how many more were reported.
    pub fn into_parts(self) -> (Vec<Finding>, usize) {
        (self.kept, self.dropped)
    }
}

/// Every rule, in catalog order: structure first, then completeness, then coherence.
pub static RULES: &[Rule] = &[
    unparsable_plan::RULE,
    invalid_structure::RULE,
    invalid_suppression::RULE,
    unanswered_decision_point::RULE,
    decision_point_for_later::RULE,
    dangling_reference::RULE,
    duplicate_id::RULE,
    prerequisite_cycle::RULE,
    orphan_credential::RULE,
    unreachable_opportunity::RULE,
    ladder_not_constellation::RULE,
    unmeasured_goal::RULE,
    metric_without_goal::RULE,
    unfunded_incentive::RULE,
    budget_shortfall::RULE,
    unprojected_recipients::RULE,
    educators_without_voice::RULE,
    compensation_without_union::RULE,
    misplaced_milestone::RULE,
    audience_without_message::RULE,
    implausible_time_load::RULE,
];

/// The rule the engine reports at a stage.
pub fn reported_at(stage: EngineStage) -> &'static Rule {
    match stage {
        EngineStage::Parse => &unparsable_plan::RULE,
        EngineStage::Structure => &invalid_structure::RULE,
        EngineStage::Suppressions => &invalid_suppression::RULE,
    }
}

/// The rule with this code (`PW201`) or name (`dangling-reference`).
pub fn find(code_or_name: &str) -> Option<&'static Rule> {
    RULES
        .iter()
        .find(|rule| rule.code.eq_ignore_ascii_case(code_or_name) || rule.name == code_or_name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_stage_reports_the_one_rule_that_declares_it() {
        let stages = [
            EngineStage::Parse,
            EngineStage::Structure,
            EngineStage::Suppressions,
        ];
        for stage in stages {
            let declaring: Vec<&str> = RULES
                .iter()
                .filter(|rule| matches!(rule.check, Check::ByEngine(s) if s == stage))
                .map(|rule| rule.code)
                .collect();
            assert_eq!(declaring, [reported_at(stage).code], "{stage:?}");
        }
        let by_engine = RULES
            .iter()
            .filter(|rule| matches!(rule.check, Check::ByEngine(_)))
            .count();
        assert_eq!(by_engine, stages.len(), "a rule reported at no stage");
    }
}
