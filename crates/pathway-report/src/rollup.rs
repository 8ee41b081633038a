//! The aggregation: plans are added one at a time, as they are read, and counted at once; the
//! roll-up keeps a small row per plan and the credential network, never a plan itself.

use std::collections::BTreeMap;

use pathway_schema::{Area, DECISION_POINTS, Readiness};
use pathway_validate::Severity;

use crate::facts::{PlanFacts, PlanSummary};
use crate::network::{CredentialList, Network, PlanIds, SharedCredentials, normalize};
use crate::report::*;
use crate::rows::PlanRows;
use crate::state::{StateAnswer, StateTally};
use crate::words::{
    FUNDING_KINDS, INCENTIVE_TYPES, OPPORTUNITY_KINDS, ORGANIZATION_KINDS, area_id, funding_kind,
    incentive_type, opportunity_kind, organization_kind,
};

/// The most distinct equity groups counted; free text, so bounded like the credential network.
pub const MAX_EQUITY_GROUPS: usize = 1_000;

/// A roll-up in progress.
#[derive(Debug, Default)]
pub struct Rollup {
    rows: PlanRows,
    /// Per readiness level and organization kind: plans, and per area the four counts of
    /// [`GroupCoverage::areas`].
    groups: [[(u64, [[u64; 4]; 9]); 4]; 4],
    totals: Totals,
    levels: [(u64, u64); 4],
    kinds: [u64; 4],
    /// Per area: plans required, plans fully answered, points required, points answered.
    areas: [[u64; 4]; 9],
    /// Per point: plans required, answered when required, answered at any level.
    points: Vec<[u64; 3]>,
    network: Network,
    state: StateTally,
    opportunity_kinds: [(u64, u64); 6],
    opportunities: (u64, u64, u64),
    incentive_types: [u64; 5],
    pay: BTreeMap<(bool, String), Vec<i64>>,
    money: BTreeMap<(String, u16), MoneyYear>,
    short: Vec<ShortPlan>,
    equity: (u64, BTreeMap<String, u64>, u64),
    findings: BTreeMap<(&'static str, Severity), (u64, u64)>,
    errors: Vec<ErrorPlan>,
}

impl Rollup {
    /// An empty roll-up.
    pub fn new() -> Rollup {
        Rollup {
            points: vec![[0; 3]; DECISION_POINTS.len()],
            ..Rollup::default()
        }
    }

    /// Counts one plan.
    pub fn add(&mut self, facts: PlanFacts) {
        let position = u32::try_from(self.rows.len()).unwrap_or(u32::MAX);
        self.totals.plans += 1;
        if facts.errors > 0 {
            self.totals.with_errors += 1;
        }
        for &(code, severity, n) in &facts.findings {
            let entry = self.findings.entry((code, severity)).or_default();
            entry.0 += n as u64;
            entry.1 += 1;
        }
        let mut row = PlanRow {
            path: facts.path.clone(),
            plan: None,
            organization: None,
            organization_kind: None,
            readiness: None,
            status: "not-counted".to_owned(),
            errors: facts.errors as u64,
            warnings: facts.warnings as u64,
            infos: facts.infos as u64,
            complete_for_level: None,
            points_required: 0,
            points_answered: 0,
            open_points: Vec::new(),
            credentials: 0,
            opportunities: 0,
            in_classroom: 0,
            incentive_types: Vec::new(),
            disaggregate_by: Vec::new(),
            currency: None,
            cost_cents: 0,
            committed_cents: 0,
            shortfall_cents: 0,
            educators: None,
            schools: None,
            students: None,
            answered: None,
            state: Vec::new(),
        };
        match &facts.plan {
            Some(plan) => self.count_plan(position, plan, &mut row),
            None => self.totals.not_counted += 1,
        }
        if facts.errors > 0 {
            self.errors.push(ErrorPlan {
                path: facts.path,
                plan: row.plan.clone(),
                counted: facts.plan.is_some(),
                errors: facts.errors as u64,
                first_error: facts.first_error.unwrap_or_default(),
            });
        }
        self.rows.push(position, row);
    }

    /// Rows held in memory now (the rest are in temporary files): at most
    /// [`RUN_ROWS`](crate::rows::RUN_ROWS), however many plans were added.
    pub fn rows_in_memory(&self) -> usize {
        self.rows.in_memory()
    }

    /// Bytes of text the roll-up holds for plans' rows, credentials and lists, an upper bound
    /// on what grows as plans are added; for tests that memory stays flat.
    pub fn text_bytes(&self) -> usize {
        self.network.text_bytes()
            + self
                .errors
                .iter()
                .map(|e| {
                    e.path.len() + e.first_error.len() + e.plan.as_ref().map_or(0, String::len)
                })
                .sum::<usize>()
            + self
                .short
                .iter()
                .map(|s| s.plan.len() + s.organization.len() + s.currency.len())
                .sum::<usize>()
    }

    fn count_plan(&mut self, position: u32, plan: &PlanSummary, row: &mut PlanRow) {
        self.totals.counted += 1;
        let complete = plan.complete();
        if complete {
            self.totals.complete_for_level += 1;
        }
        let level = Readiness::ALL
            .iter()
            .position(|&l| l == plan.readiness)
            .unwrap_or(0);
        if let Some(slot) = self.levels.get_mut(level) {
            slot.0 += 1;
            slot.1 += u64::from(complete);
        }
        let kind = ORGANIZATION_KINDS
            .iter()
            .position(|&k| k == plan.kind)
            .unwrap_or(0);
        if let Some(slot) = self.kinds.get_mut(kind) {
            *slot += 1;
        }
        let mut group = self
            .groups
            .get_mut(level)
            .and_then(|kinds| kinds.get_mut(kind));
        if let Some(group) = group.as_mut() {
            group.0 += 1;
        }
        let state: Vec<StateAnswer> = self.state.add(plan.readiness, &plan.state_answers);
        for (a, &area) in Area::ALL.iter().enumerate() {
            let (mut required, mut answered) = (0u64, 0u64);
            for (i, point) in DECISION_POINTS.iter().enumerate() {
                if point.area == area && point.level <= plan.readiness {
                    required += 1;
                    answered += u64::from(plan.answers(i));
                }
            }
            // A state's point counts in the area its declaration names, as `pathway validate`'s
            // coverage counts it.
            for answer in state.iter().filter(|s| usize::from(s.area) == a) {
                if answer.required {
                    required += 1;
                    answered += u64::from(answer.answered);
                }
            }
            let counts = [1, u64::from(answered == required), required, answered];
            if required > 0 {
                for slot in [
                    self.areas.get_mut(a),
                    group.as_mut().and_then(|g| g.1.get_mut(a)),
                ]
                .into_iter()
                .flatten()
                {
                    for (s, n) in slot.iter_mut().zip(counts) {
                        *s += n;
                    }
                }
            }
        }
        for (i, point) in DECISION_POINTS.iter().enumerate() {
            let Some(slot) = self.points.get_mut(i) else {
                continue;
            };
            let required = point.level <= plan.readiness;
            if required {
                slot[0] += 1;
                row.points_required += 1;
                if plan.answers(i) {
                    slot[1] += 1;
                    row.points_answered += 1;
                } else {
                    row.open_points.push(point.id.to_owned());
                }
            }
            slot[2] += u64::from(plan.answers(i));
        }
        for ((point, _), answer) in plan.state_answers.iter().zip(&state) {
            if answer.required {
                row.points_required += 1;
                if answer.answered {
                    row.points_answered += 1;
                } else {
                    row.open_points.push(point.id.clone());
                }
            }
        }
        self.network.add(position, &plan.credentials);
        let mut opportunities = 0u64;
        for (i, &n) in plan.opportunity_kinds.iter().enumerate() {
            if let Some(slot) = self.opportunity_kinds.get_mut(i) {
                slot.0 += u64::from(n);
                slot.1 += u64::from(n > 0);
            }
            opportunities += u64::from(n);
        }
        self.opportunities.0 += opportunities;
        self.opportunities.1 += u64::from(plan.in_classroom);
        self.opportunities.2 += u64::from(plan.in_classroom > 0);
        for kind in &plan.incentive_types {
            if let Some(slot) = INCENTIVE_TYPES
                .iter()
                .position(|k| k == kind)
                .and_then(|i| self.incentive_types.get_mut(i))
            {
                *slot += 1;
            }
        }
        for pay in &plan.pay {
            let per_credential = pay.unit == pathway_schema::MoneyUnit::PerCredential;
            self.pay
                .entry((per_credential, pay.currency.clone()))
                .or_default()
                .push(pay.cents);
        }
        let mut short_years = Vec::new();
        for year in &plan.years {
            let money = self
                .money
                .entry((plan.currency.clone(), year.year))
                .or_insert_with(|| MoneyYear {
                    currency: plan.currency.clone(),
                    year: year.year,
                    funding: FUNDING_KINDS
                        .iter()
                        .map(|&kind| FundingAmount {
                            kind: funding_kind(kind).to_owned(),
                            committed_cents: 0,
                            anticipated_cents: 0,
                        })
                        .collect(),
                    cost_cents: 0,
                    shortfall_cents: 0,
                    plans_short: 0,
                });
            for (i, funding) in money.funding.iter_mut().enumerate() {
                funding.committed_cents += year.committed.get(i).copied().unwrap_or(0);
                funding.anticipated_cents += year.anticipated.get(i).copied().unwrap_or(0);
            }
            money.cost_cents += year.cost;
            money.shortfall_cents += year.shortfall;
            row.cost_cents += year.cost;
            row.committed_cents += year.committed.iter().sum::<i64>();
            row.shortfall_cents += year.shortfall;
            if year.shortfall > 0 {
                money.plans_short += 1;
                short_years.push(year.year);
            }
        }
        if !short_years.is_empty() {
            self.short.push(ShortPlan {
                plan: plan.id.clone(),
                organization: plan.organization.clone(),
                currency: plan.currency.clone(),
                shortfall_cents: row.shortfall_cents,
                years: short_years,
            });
        }
        if !plan.disaggregate_by.is_empty() {
            self.equity.0 += 1;
        }
        let mut groups: Vec<String> = plan
            .disaggregate_by
            .iter()
            .map(|g| normalize(g))
            .filter(|g| !g.is_empty())
            .collect();
        groups.sort();
        groups.dedup();
        for group in groups {
            if let Some(n) = self.equity.1.get_mut(&group) {
                *n += 1;
            } else if self.equity.1.len() < MAX_EQUITY_GROUPS {
                self.equity.1.insert(group, 1);
            } else {
                self.equity.2 += 1;
            }
        }
        row.plan = Some(plan.id.clone());
        row.organization = Some(plan.organization.clone());
        row.organization_kind = Some(organization_kind(plan.kind).to_owned());
        row.readiness = Some(plan.readiness.as_str().to_owned());
        row.status = "counted".to_owned();
        row.complete_for_level = Some(complete);
        row.credentials = plan.credentials.len() as u64;
        row.opportunities = opportunities;
        row.in_classroom = u64::from(plan.in_classroom);
        row.incentive_types = INCENTIVE_TYPES
            .iter()
            .filter(|k| plan.incentive_types.contains(k))
            .map(|&k| incentive_type(k).to_owned())
            .collect();
        row.disaggregate_by.clone_from(&plan.disaggregate_by);
        row.currency = Some(plan.currency.clone());
        [row.educators, row.schools, row.students] = plan.size;
        row.answered = Some(plan.answered);
        row.state = state;
    }

    /// The finished report. Plans are ordered by id, then file name, so the report does not
    /// depend on the order the plans were named or read in.
    pub fn finish(self, title: &str) -> Report {
        let Rollup {
            mut rows,
            groups: coverage,
            totals,
            levels,
            kinds,
            areas,
            points,
            network,
            state,
            opportunity_kinds,
            opportunities,
            incentive_types,
            pay,
            money,
            mut short,
            equity,
            findings,
            mut errors,
        } = self;
        rows.seal();
        // Reading order → plan id, for the credential network's plan lists: one pass over the
        // rows, keeping the ids alone (one text of them all, and an offset per plan).
        let mut ids = PlanIds::default();
        if let Ok(merged) = rows.iter() {
            for placed in merged.flatten() {
                ids.push(placed.position, placed.row.plan.as_deref().unwrap_or(""));
            }
        }
        ids.seal();
        errors.sort_by(|a, b| {
            (a.plan.as_deref().unwrap_or(""), &a.path)
                .cmp(&(b.plan.as_deref().unwrap_or(""), &b.path))
        });
        short.sort_by(|a, b| {
            (&a.currency, std::cmp::Reverse(a.shortfall_cents), &a.plan).cmp(&(
                &b.currency,
                std::cmp::Reverse(b.shortfall_cents),
                &b.plan,
            ))
        });
        let state_points_untracked = state.untracked;
        let (merged, state_declarations) = state.finish();
        let mut decision_points: Vec<PointCount> = DECISION_POINTS
            .iter()
            .zip(&points)
            .map(|(point, n)| PointCount {
                id: point.id.to_owned(),
                source: "toolkit".to_owned(),
                question: point.question.to_owned(),
                area: area_id(point.area).to_owned(),
                level: point.level.as_str().to_owned(),
                plans_required: n[0],
                plans_answered: n[1],
                plans_open: n[0] - n[1],
                plans_answering_any_level: n[2],
                plans_not_asked: 0,
            })
            .collect();
        decision_points.extend(merged.into_iter().map(|point| {
            let [asked, required, answered, any] = point.counts;
            PointCount {
                id: point.shown.id,
                source: "state".to_owned(),
                question: point.shown.question,
                area: area_id(point.shown.area).to_owned(),
                level: point.shown.level.as_str().to_owned(),
                plans_required: required,
                plans_answered: answered,
                plans_open: required - answered,
                plans_answering_any_level: any,
                plans_not_asked: totals.counted.saturating_sub(asked),
            }
        }));
        let mut open: Vec<&PointCount> = decision_points
            .iter()
            .filter(|p| p.plans_open > 0)
            .collect();
        open.sort_by_key(|p| std::cmp::Reverse(p.plans_open));
        let most_often_open = open.iter().take(10).map(|p| p.id.clone()).collect();
        let credential_list = CredentialList::new(network, ids);
        let mut kinds_out: Vec<OpportunityKindCount> = OPPORTUNITY_KINDS
            .iter()
            .zip(opportunity_kinds)
            .map(|(&kind, (n, plans))| OpportunityKindCount {
                kind: opportunity_kind(kind).to_owned(),
                opportunities: n,
                plans,
            })
            .collect();
        kinds_out.sort_by_key(|k| std::cmp::Reverse(k.opportunities));
        let spreads = |per_credential: bool| -> Vec<Spread> {
            pay.iter()
                .filter(|((p, _), _)| *p == per_credential)
                .filter_map(|((_, currency), amounts)| spread(currency, amounts))
                .collect()
        };
        let mut groups: Vec<GroupCount> = equity
            .1
            .into_iter()
            .map(|(group, plans)| GroupCount { group, plans })
            .collect();
        groups.sort_by_key(|g| std::cmp::Reverse(g.plans));
        let mut findings_by_rule: Vec<RuleCount> = findings
            .into_iter()
            .map(|((code, severity), (n, plans))| RuleCount {
                code: code.to_owned(),
                severity: severity.as_str().to_owned(),
                findings: n,
                plans,
            })
            .collect();
        findings_by_rule.sort_by_key(|r| std::cmp::Reverse(r.findings));
        Report {
            report_version: REPORT_VERSION,
            title: title.to_owned(),
            totals,
            readiness: Readiness::ALL
                .iter()
                .zip(levels)
                .map(|(level, (plans, complete))| LevelCount {
                    level: level.as_str().to_owned(),
                    plans,
                    complete,
                })
                .collect(),
            organization_kinds: ORGANIZATION_KINDS
                .iter()
                .zip(kinds)
                .map(|(&kind, plans)| KindCount {
                    kind: organization_kind(kind).to_owned(),
                    plans,
                })
                .collect(),
            areas: Area::ALL
                .iter()
                .zip(areas)
                .map(|(&area, n)| AreaCount {
                    area: area_id(area).to_owned(),
                    title: area.title().to_owned(),
                    plans_required: n[0],
                    plans_answered: n[1],
                    points_required: n[2],
                    points_answered: n[3],
                })
                .collect(),
            decision_points,
            state_points_untracked,
            most_often_open,
            credentials: CredentialNetwork {
                offered: credential_list.network().offered,
                distinct: credential_list.network().entries.len() as u64,
                untracked: credential_list.network().untracked,
                shared: SharedCredentials::new(credential_list),
            },
            opportunities: Opportunities {
                total: opportunities.0,
                in_classroom: opportunities.1,
                plans_with_classroom_opportunity: opportunities.2,
                kinds: kinds_out,
            },
            incentives: IncentiveSpread {
                types: INCENTIVE_TYPES
                    .iter()
                    .zip(incentive_types)
                    .map(|(&kind, plans)| TypeCount {
                        kind: incentive_type(kind).to_owned(),
                        plans,
                    })
                    .collect(),
                per_credential: spreads(true),
                per_year: spreads(false),
            },
            money: money.into_values().collect(),
            plans_short: short,
            equity: EquityCount {
                plans_disaggregating: equity.0,
                groups,
                untracked: equity.2,
            },
            plans_with_errors: errors,
            findings_by_rule,
            plans: rows,
            coverage_groups: Readiness::ALL
                .iter()
                .zip(coverage)
                .flat_map(|(&level, kinds)| {
                    ORGANIZATION_KINDS
                        .iter()
                        .zip(kinds)
                        .filter(|(_, g)| g.0 > 0)
                        .map(move |(&kind, (plans, areas))| GroupCoverage {
                            level,
                            kind,
                            plans,
                            areas,
                        })
                })
                .collect(),
            state_declarations,
        }
    }
}

/// Lowest, median (the lower middle) and highest of some amounts.
fn spread(currency: &str, amounts: &[i64]) -> Option<Spread> {
    let mut sorted = amounts.to_vec();
    sorted.sort_unstable();
    Some(Spread {
        currency: currency.to_owned(),
        count: sorted.len() as u64,
        lowest_cents: *sorted.first()?,
        median_cents: *sorted.get((sorted.len() - 1) / 2)?,
        highest_cents: *sorted.last()?,
    })
}
