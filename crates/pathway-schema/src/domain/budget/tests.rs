//! Every expected figure below is worked out by hand in the comment beside it.

use super::*;
use crate::load::load_str;

fn plan(body: &str) -> Plan {
    let text = format!(
        "schema_version: 1\nid: budget-test\nreadiness: exploring\norganization: {{name: Test District, kind: district}}\n{body}"
    );
    load_str("plan.yaml", &text).unwrap().plan
}

fn dollars(value: i128) -> Cents {
    Cents::from_cents(value * 100)
}

/// (year, cost, committed) of every group in every projected year, in dollars.
fn summary(plan: &Plan) -> Vec<(Year, i128, i128)> {
    let index = PlanIndex::new(plan);
    let budget = Budget::new(plan, &index);
    let mut rows = Vec::new();
    for projected in &budget.projected {
        for g in 0..budget.groups.len() {
            let balance = budget.group_balance(g, projected.year);
            rows.push((
                projected.year,
                balance.cost.cents() / 100,
                balance.committed.cents() / 100,
            ));
        }
    }
    rows
}

fn with_budget<T>(plan: &Plan, f: impl FnOnce(&Budget<'_>) -> T) -> T {
    let index = PlanIndex::new(plan);
    let budget = Budget::new(plan, &index);
    f(&budget)
}

const STIPENDS: &str = "\
incentives:
  offers:
    - id: stipends
      type: compensation
      amount: {value: 300, unit: per-credential}
      funded_by: [district-budget]
scope:
  funding:
    - id: district-budget
      name: District budget
      kind: district-budget
      amount: {value: 60000, unit: per-year}
      years: [2027, 2028]
  growth:
    - {year: 2027, participants: 150, credentials: 200}
    - {year: 2028, participants: 200, credentials: 280}
    - {year: 2029, participants: 250, credentials: 300}
";

#[test]
fn per_credential_costs_use_the_credentials_earned_each_year() {
    let plan = plan(STIPENDS);
    // 200 × 300, 280 × 300, 300 × 300; the budget provides 60,000 in 2027 and 2028 only.
    assert_eq!(
        summary(&plan),
        [
            (2027, 60_000, 60_000),
            (2028, 84_000, 60_000),
            (2029, 90_000, 0)
        ]
    );
    with_budget(&plan, |budget| {
        assert_eq!(budget.group_balance(0, 2027).shortfall(), Cents::ZERO);
        assert_eq!(budget.group_balance(0, 2028).shortfall(), dollars(24_000));
        assert_eq!(budget.costs[0].by_year[1].count, Count::Credentials(280));
        let short: Vec<Year> = budget.shortfalls().iter().map(|(_, b)| b.year).collect();
        assert_eq!(short, [2028, 2029]);
    });
}

#[test]
fn no_growth_means_no_projected_cost() {
    let without_growth = STIPENDS.split("  growth:").next().unwrap();
    let plan = plan(without_growth);
    with_budget(&plan, |budget| {
        assert!(budget.projected.is_empty());
        assert!(budget.shortfalls().is_empty());
        // The funding years are still there to show.
        assert_eq!(budget.years, [2027, 2028]);
        assert_eq!(budget.total(2027).committed, dollars(60_000));
    });
}

#[test]
fn each_unit_counts_its_own_recipients() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: cohort, type: compensation, amount: {value: 400, unit: per-participant}, funded_by: [a]}
    - {id: mentor, type: compensation, amount: {value: 750, unit: per-year}, paid_to: program, funded_by: [b]}
    - {id: lane, type: compensation, amount: {value: 2400, unit: per-year}, funded_by: [c]}
    - {id: kit, type: recognition, amount: {value: 5000, unit: one-time}, paid_to: program, funded_by: [d]}
    - {id: badge, type: recognition, amount: {value: 50, unit: per-credential}, funded_by: [e]}
    - {id: seat, type: privilege-influence}
scope:
  funding:
    - {id: a, name: A, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: b, name: B, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: c, name: C, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: d, name: D, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
    - {id: e, name: E, kind: grant, amount: {value: 1, unit: per-year}, years: [2027, 2028]}
  growth:
    - {year: 2028, participants: 30, recipients: {lane: 6, kit: 2}}
    - {year: 2027, participants: 20, credentials: 12}
",
    );
    with_budget(&plan, |budget| {
        let counts =
            |i: usize| -> Vec<Count> { budget.costs[i].by_year.iter().map(|y| y.count).collect() };
        // 2027 comes first although the plan lists 2028 first: a one-time cost falls in 2027.
        assert_eq!(
            counts(0),
            [Count::Participants(20), Count::Participants(30)]
        );
        assert_eq!(counts(1), [Count::EveryYear, Count::EveryYear]);
        // Paid to each educator, and 2027 does not say how many.
        assert_eq!(counts(2), [Count::NotProjected, Count::Recipients(6)]);
        assert_eq!(counts(3), [Count::FirstYear, Count::Recipients(2)]);
        assert_eq!(counts(4), [Count::Credentials(12), Count::NotProjected]);
        let costs: Vec<Vec<i128>> = budget
            .costs
            .iter()
            .map(|line| line.by_year.iter().map(|y| y.cost.cents() / 100).collect())
            .collect();
        // 20 × 400, 30 × 400; 750 a year; nothing known and 6 × 2,400; 5,000 and 2 × 5,000;
        // 12 × 50 and nothing known.
        assert_eq!(
            costs,
            [
                vec![8_000, 12_000],
                vec![750, 750],
                vec![0, 14_400],
                vec![5_000, 10_000],
                vec![600, 0]
            ]
        );
        assert_eq!(budget.total(2027).unprojected, [2]);
        assert_eq!(budget.total(2028).unprojected, [4]);
        assert_eq!(
            budget.costs.len(),
            5,
            "an incentive without an amount costs nothing"
        );
    });
}

#[test]
fn sources_provide_in_their_years_and_one_time_sources_once() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: stipends, type: compensation, amount: {value: 100, unit: per-participant}, funded_by: [grant, state, budget]}
scope:
  funding:
    - {id: grant, name: Grant, kind: grant, amount: {value: 8000, unit: one-time}, years: [2028, 2027]}
    - {id: state, name: State, kind: state, amount: {value: 10, unit: per-participant}, years: [2028]}
    - {id: budget, name: Budget, kind: district-budget, amount: {value: 1000, unit: per-year}, years: [2029]}
  growth:
    - {year: 2027, participants: 100}
    - {year: 2028, participants: 100}
    - {year: 2029, participants: 100}
",
    );
    with_budget(&plan, |budget| {
        let provided: Vec<Vec<i128>> = [2027, 2028, 2029]
            .iter()
            .map(|&year| {
                budget
                    .sources
                    .iter()
                    .map(|line| line.in_year(year).committed.cents() / 100)
                    .collect()
            })
            .collect();
        // The one-time grant counts in its earliest year, 2027, though 2028 is listed first;
        // the state's 10 per participant × 100 participants in 2028.
        assert_eq!(
            provided,
            [vec![8_000, 0, 0], vec![0, 1_000, 0], vec![0, 0, 1_000]]
        );
    });
}

#[test]
fn payments_sharing_a_source_are_one_group() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: one, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [a]}
    - {id: two, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [c]}
    - {id: three, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [b, c]}
    - {id: four, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [a, b]}
    - {id: five, type: compensation, amount: {value: 1, unit: per-year}, funded_by: [d]}
    - {id: six, type: compensation, amount: {value: 1, unit: per-year}}
    - {id: seven, type: recognition, funded_by: [d]}
scope:
  funding:
    - {id: a, name: A, kind: grant, amount: {value: 1, unit: per-year}, years: [2027]}
    - {id: b, name: B, kind: grant, amount: {value: 1, unit: per-year}, years: [2027]}
    - {id: c, name: C, kind: grant, amount: {value: 1, unit: per-year}, years: [2027]}
    - {id: d, name: D, kind: grant, amount: {value: 1, unit: per-year}, years: [2027]}
",
    );
    with_budget(&plan, |budget| {
        let shape: Vec<(Vec<usize>, Vec<usize>)> = budget
            .groups
            .iter()
            .map(|group| (group.costs.clone(), group.sources.clone()))
            .collect();
        // Sources by position: a 0, b 1, c 2, d 3, in the order the payments first name them.
        assert_eq!(
            shape,
            [(vec![0, 1, 2, 3], vec![0, 2, 1]), (vec![4], vec![3])]
        );
        assert_eq!(budget.unfunded, [5]);
    });
}

#[test]
fn a_shared_source_is_compared_with_the_sum_of_its_payments() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: stipends, type: compensation, amount: {value: 200, unit: per-credential}, funded_by: [title-ii, pd]}
    - {id: assessors, type: compensation, amount: {value: 1500, unit: per-year}, funded_by: [title-ii]}
scope:
  funding:
    - {id: title-ii, name: Title II, kind: federal-title, amount: {value: 50000, unit: per-year}, years: [2027]}
    - {id: pd, name: PD budget, kind: district-budget, amount: {value: 20000, unit: per-year}, years: [2027]}
  growth:
    - {year: 2027, participants: 200, credentials: 300, recipients: {assessors: 10}}
",
    );
    // 300 × 200 + 10 × 1,500 = 75,000 against 50,000 + 20,000.
    assert_eq!(summary(&plan), [(2027, 75_000, 70_000)]);
}

#[test]
fn typos_count_for_what_they_mean_and_other_currencies_are_left_out() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: typo, type: compensation, amount: {value: 100, unit: per-year}, paid_to: program, funded_by: [distrct-budget]}
    - {id: nowhere, type: compensation, amount: {value: 100, unit: per-year}, paid_to: program, funded_by: [grant, zzz]}
    - {id: euros, type: compensation, amount: {value: 100, unit: per-year, currency: EUR}, funded_by: [district-budget]}
scope:
  funding:
    - {id: district-budget, name: Budget, kind: district-budget, amount: {value: 10, unit: per-year}, years: [2027]}
    - {id: grant, name: Grant, kind: grant, amount: {value: 10, unit: per-year, currency: USD}, years: [2027]}
    - {id: pounds, name: Pounds, kind: grant, amount: {value: 10, unit: per-year, currency: GBP}, years: [2027]}
  growth:
    - {year: 2027, participants: 10}
",
    );
    with_budget(&plan, |budget| {
        assert_eq!(budget.currency, "USD");
        let left: Vec<&str> = budget.left_out.iter().map(|l| l.id.as_str()).collect();
        assert_eq!(left, ["pounds", "euros"]);
        assert_eq!(budget.groups.len(), 2);
        assert_eq!(budget.groups[0].sources, [0]);
        assert!(
            budget.groups[0].complete,
            "the typo means `district-budget`"
        );
        assert!(!budget.groups[1].complete, "`zzz` is no source at all");
        // Only the complete group is judged: 100 against 10.
        let short: Vec<(usize, Cents)> = budget
            .shortfalls()
            .iter()
            .map(|(g, b)| (*g, b.shortfall()))
            .collect();
        assert_eq!(short, [(0, dollars(90))]);
    });
}

#[test]
fn the_plans_currency_is_its_first_sources() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: stipend, type: compensation, amount: {value: 100, unit: per-year}}
scope:
  funding:
    - {id: grant, name: Grant, kind: grant, amount: {value: 10, unit: per-year, currency: CAD}, years: [2027]}
",
    );
    with_budget(&plan, |budget| {
        assert_eq!(budget.currency, "CAD");
        assert_eq!(budget.left_out.len(), 1);
    });
}

// Regression (#12): a per-year stipend with no projected recipients was counted once a year,
// quietly under-budgeting a stipend paid to every assessor.
#[test]
fn amounts_paid_to_each_recipient_need_a_count() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: assessor-stipend, type: compensation, amount: {value: 1500, unit: per-year}, funded_by: [a]}
    - {id: bonus, type: compensation, amount: {value: 1000, unit: one-time}, paid_to: each-educator, funded_by: [a]}
    - {id: fund, type: privilege-influence, amount: {value: 900, unit: per-year}, paid_to: program, funded_by: [a]}
scope:
  funding:
    - {id: a, name: A, kind: grant, amount: {value: 10000, unit: per-year}, years: [2027]}
  growth:
    - {year: 2027, participants: 20, recipients: {bonus: 3}}
",
    );
    with_budget(&plan, |budget| {
        let counts: Vec<Count> = budget
            .costs
            .iter()
            .map(|line| line.by_year[0].count)
            .collect();
        assert_eq!(
            counts,
            [Count::NotProjected, Count::Recipients(3), Count::EveryYear]
        );
        let balance = budget.total(2027);
        // 3 × 1,000 + 900, and the assessor stipend not known.
        assert_eq!(balance.cost, dollars(3_900));
        assert_eq!(balance.unprojected, [0]);
    });
}

#[test]
fn funding_changes_by_year_and_only_committed_money_counts() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: stipend, type: compensation, amount: {value: 100, unit: per-participant}, funded_by: [grant, later]}
scope:
  funding:
    - id: grant
      name: Grant
      kind: grant
      amount: {value: 10000, unit: per-year}
      years: [2027, 2028]
      by_year:
        - {year: 2028, value: 5000}
        - {year: 2029, status: anticipated}
    - id: later
      name: Levy
      kind: district-budget
      amount: {value: 2000, unit: per-year}
      years: [2029]
      status: anticipated
  growth:
    - {year: 2027, participants: 80}
    - {year: 2028, participants: 80}
    - {year: 2029, participants: 80}
",
    );
    with_budget(&plan, |budget| {
        // 80 × 100 = 8,000 a year. The grant steps down to 5,000 in 2028; in 2029 its renewal
        // (10,000) and the levy (2,000) are only anticipated.
        let rows: Vec<(i128, i128, i128)> = [2027, 2028, 2029]
            .iter()
            .map(|&year| {
                let b = budget.group_balance(0, year);
                (
                    b.cost.cents() / 100,
                    b.committed.cents() / 100,
                    b.anticipated.cents() / 100,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [(8_000, 10_000, 0), (8_000, 5_000, 0), (8_000, 0, 12_000)]
        );
        let short: Vec<(Year, Cents)> = budget
            .shortfalls()
            .iter()
            .map(|(_, b)| (b.year, b.shortfall()))
            .collect();
        assert_eq!(short, [(2028, dollars(3_000)), (2029, dollars(8_000))]);
        assert_eq!(budget.years, [2027, 2028, 2029]);
    });
}

#[test]
fn program_costs_count_in_their_years_and_share_groups_with_incentives() {
    let plan = plan(
        "\
incentives:
  offers:
    - {id: stipend, type: compensation, amount: {value: 100, unit: per-credential}, funded_by: [grant]}
scope:
  funding:
    - {id: grant, name: Grant, kind: grant, amount: {value: 50000, unit: per-year}, years: [2027, 2028, 2029]}
  program_costs:
    - {id: coordinator, title: Coordinator, amount: {value: 30000, unit: per-year}, funded_by: [grant]}
    - {id: evaluation, title: Evaluation, amount: {value: 12000, unit: per-year}, years: [2028], funded_by: [grant]}
    - {id: platform, title: Platform setup, amount: {value: 9000, unit: one-time}, years: [2029, 2028], funded_by: [grant]}
    - {id: unfunded, title: Substitutes, amount: {value: 180, unit: per-participant}}
  growth:
    - {year: 2027, participants: 50, credentials: 100}
    - {year: 2028, participants: 60, credentials: 120}
    - {year: 2029, participants: 70, credentials: 140}
",
    );
    with_budget(&plan, |budget| {
        let counts =
            |i: usize| -> Vec<Count> { budget.costs[i].by_year.iter().map(|y| y.count).collect() };
        assert_eq!(counts(1), [Count::EveryYear; 3]);
        assert_eq!(
            counts(2),
            [Count::NotItsYear, Count::EveryYear, Count::NotItsYear]
        );
        // One-time, in the earliest year it lists (2028), though 2029 comes first.
        assert_eq!(
            counts(3),
            [Count::NotItsYear, Count::FirstYear, Count::AlreadyPaid]
        );
        assert_eq!(budget.groups.len(), 1);
        assert_eq!(budget.groups[0].costs, [0, 1, 2, 3]);
        assert_eq!(budget.unfunded, [4]);
        // 2027: 100 × 100 + 30,000; 2028: 12,000 + 30,000 + 12,000 + 9,000; 2029: 14,000 + 30,000.
        let costs: Vec<i128> = [2027, 2028, 2029]
            .iter()
            .map(|&y| budget.group_balance(0, y).cost.cents() / 100)
            .collect();
        assert_eq!(costs, [40_000, 63_000, 44_000]);
        // Substitutes: 180 × participants, in every growth year.
        assert_eq!(budget.total(2029).cost, dollars(44_000 + 180 * 70));
        let short: Vec<Year> = budget.shortfalls().iter().map(|(_, b)| b.year).collect();
        assert_eq!(short, [2028]);
    });
}
