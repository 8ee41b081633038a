//! What the roll-up keeps of one plan: a few counts, names and amounts, taken from the plan as
//! soon as it is checked so that the plan itself can be dropped before the next one is read.

use std::collections::BTreeSet;

use pathway_schema::domain::Model;
use pathway_schema::plan::{IncentiveType, OrganizationKind};
use pathway_schema::state_points::StateDecisionPoint;
use pathway_schema::{DECISION_POINTS, MoneyUnit, Plan, Readiness};
use pathway_validate::{CheckedPlan, FileReport, Severity};

use crate::money::YearMoney;
use crate::network::CredentialFacts;
use crate::words::{OPPORTUNITY_KINDS, compensation_form};

/// One plan, as the roll-up counts it.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanFacts {
    /// The file's name as given or found.
    pub path: String,
    /// Errors found in it.
    pub errors: usize,
    /// Warnings found in it.
    pub warnings: usize,
    /// Information findings.
    pub infos: usize,
    /// Findings by rule code: the code, its severity, how many.
    pub findings: Vec<(&'static str, Severity, usize)>,
    /// The first error's message, for the list of plans with errors.
    pub first_error: Option<String>,
    /// What the plan says, when it matched the schema; `None` when it could not be read as a plan.
    pub plan: Option<Box<PlanSummary>>,
}

/// What a plan that matched the schema says, in small figures.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    /// The plan's id.
    pub id: String,
    /// The organization's name.
    pub organization: String,
    /// The organization's kind.
    pub kind: OrganizationKind,
    /// The plan's readiness level.
    pub readiness: Readiness,
    /// Educators, schools and students served, where the plan says.
    pub size: [Option<u32>; 3],
    /// Bit `i` is set when `DECISION_POINTS[i]` is answered.
    pub answered: u64,
    /// The state's own decision points the plan's configuration declares, each with whether
    /// the plan answers it.
    pub state_answers: Vec<(StateDecisionPoint, bool)>,
    /// The credentials, each with the key it is matched across plans by.
    pub credentials: Vec<CredentialFacts>,
    /// Opportunities of each kind, in the order the schema lists the kinds.
    pub opportunity_kinds: [u32; 6],
    /// Opportunities that keep the educator in the classroom.
    pub in_classroom: u32,
    /// Incentive types offered (at least one incentive of the type).
    pub incentive_types: BTreeSet<IncentiveType>,
    /// Money incentives: compensation paid per credential earned or per year.
    pub pay: Vec<Pay>,
    /// The currency the plan's budget counts in.
    pub currency: String,
    /// Money by plan year, from the shared budget.
    pub years: Vec<YearMoney>,
    /// The equity disaggregation groups, as written (trimmed), in the plan's order.
    pub disaggregate_by: Vec<String>,
}

/// A money incentive's amount and how often it is paid.
#[derive(Debug, Clone, PartialEq)]
pub struct Pay {
    /// `per-credential` (a stipend per credential earned) or `per-year` (a yearly differential).
    pub unit: MoneyUnit,
    /// The compensation form, as written, when the plan gives one.
    pub form: Option<&'static str>,
    /// The amount in cents.
    pub cents: i64,
    /// The currency.
    pub currency: String,
}

impl PlanFacts {
    /// What a checked plan file gives the roll-up: its findings, and when it was typed, its figures.
    pub fn of(report: &FileReport, checked: Option<&CheckedPlan>) -> PlanFacts {
        let mut findings: Vec<(&'static str, Severity, usize)> = Vec::new();
        for diagnostic in &report.diagnostics {
            match findings.iter_mut().find(|(code, severity, _)| {
                *code == diagnostic.code && *severity == diagnostic.severity
            }) {
                Some(entry) => entry.2 += 1,
                None => findings.push((diagnostic.code, diagnostic.severity, 1)),
            }
        }
        findings.sort();
        let first_error = report
            .diagnostics
            .iter()
            .find(|d| d.severity == Severity::Error)
            .map(|d| d.message.clone());
        PlanFacts {
            path: report.path.clone(),
            errors: report.count(Severity::Error),
            warnings: report.count(Severity::Warning),
            infos: report.count(Severity::Info),
            findings,
            first_error,
            plan: checked.map(|checked| {
                Box::new(PlanSummary::of(
                    &checked.plan,
                    &checked.answered,
                    &checked.state_points,
                ))
            }),
        }
    }

    /// A file that could not be read at all, such as one that vanished while the run walked.
    pub fn unreadable(path: &str, message: &str) -> PlanFacts {
        PlanFacts {
            path: path.to_owned(),
            errors: 1,
            warnings: 0,
            infos: 0,
            findings: Vec::new(),
            first_error: Some(message.to_owned()),
            plan: None,
        }
    }
}

impl PlanSummary {
    /// The figures of a typed plan; `answered` as [`CheckedPlan::answered`] gives it, for the
    /// toolkit's points and then `state_points`.
    pub fn of(plan: &Plan, answered: &[bool], state_points: &[StateDecisionPoint]) -> PlanSummary {
        let model = Model::new(plan);
        let mut mask = 0u64;
        for (i, &yes) in answered
            .iter()
            .enumerate()
            .take(DECISION_POINTS.len().min(64))
        {
            if yes {
                mask |= 1 << i;
            }
        }
        let credentials = plan
            .credentials
            .iter()
            .map(|credential| CredentialFacts {
                key: crate::network::credential_key(credential),
                title: credential.title.clone(),
                issuer: credential.issuer.clone(),
            })
            .collect();
        let mut opportunity_kinds = [0u32; 6];
        let mut in_classroom = 0;
        for opportunity in &plan.opportunities {
            if let Some(slot) = OPPORTUNITY_KINDS
                .iter()
                .position(|&kind| kind == opportunity.kind)
                .and_then(|i| opportunity_kinds.get_mut(i))
            {
                *slot += 1;
            }
            if opportunity.stays_in_classroom {
                in_classroom += 1;
            }
        }
        let offers = plan
            .incentives
            .as_ref()
            .map(|i| i.offers.as_slice())
            .unwrap_or_default();
        let incentive_types = offers.iter().map(|offer| offer.kind).collect();
        let pay = offers
            .iter()
            .filter(|offer| offer.kind == IncentiveType::Compensation)
            .filter_map(|offer| {
                let amount = offer.amount.as_ref()?;
                matches!(amount.unit, MoneyUnit::PerCredential | MoneyUnit::PerYear).then(|| Pay {
                    unit: amount.unit,
                    form: offer.compensation.map(compensation_form),
                    cents: crate::money::cents_of(
                        pathway_schema::domain::money::Cents::from_amount(amount.value),
                    ),
                    currency: amount
                        .currency
                        .clone()
                        .unwrap_or_else(|| model.budget.currency.to_owned()),
                })
            })
            .collect();
        PlanSummary {
            id: plan.id.as_str().to_owned(),
            organization: plan.organization.name.clone(),
            kind: plan.organization.kind,
            readiness: plan.readiness,
            size: plan.organization.size.as_ref().map_or([None; 3], |size| {
                [size.educators, size.schools, size.students]
            }),
            answered: mask,
            state_answers: state_points
                .iter()
                .zip(answered.iter().skip(DECISION_POINTS.len()))
                .map(|(point, &yes)| (point.clone(), yes))
                .collect(),
            credentials,
            opportunity_kinds,
            in_classroom,
            incentive_types,
            pay,
            currency: model.budget.currency.to_owned(),
            years: crate::money::years_of(&model),
            disaggregate_by: plan
                .evaluation
                .as_ref()
                .and_then(|e| e.equity.as_ref())
                .map(|equity| {
                    equity
                        .disaggregate_by
                        .iter()
                        .map(|group| group.trim().to_owned())
                        .filter(|group| !group.is_empty())
                        .collect()
                })
                .unwrap_or_default(),
        }
    }

    /// Whether decision point `i` (in [`DECISION_POINTS`]) is answered.
    pub fn answers(&self, i: usize) -> bool {
        i < 64 && self.answered & (1 << i) != 0
    }

    /// Whether every decision point the plan's level requires is answered, the state's own
    /// included.
    pub fn complete(&self) -> bool {
        DECISION_POINTS
            .iter()
            .enumerate()
            .all(|(i, point)| point.level > self.readiness || self.answers(i))
            && self
                .state_answers
                .iter()
                .all(|(point, yes)| point.level > self.readiness || *yes)
    }
}
