//! Money and value: the budget by year, funding sources, growth, incentives, compensation and the
//! value each group gets.

use pathway_schema::{
    CompensationForm, FundingKind, IncentiveType, Involvement, StakeholderKind, Year,
};

use super::{Context, Out, incentive_name};
use crate::budget;
use crate::model::{HeadingLevel, Inline, Table, Tone};
use crate::text::{answer, format_money, group_thousands, join_words, one_line, school_year};

pub(super) fn budget(ctx: &Context, out: &mut Out) {
    let balance = budget::balance_by_year(ctx.plan);
    let costs = budget::incentive_costs(ctx.plan);
    let projected: Vec<Year> = balance
        .iter()
        .filter(|y| y.projected)
        .map(|y| y.year)
        .collect();
    if costs.is_empty() && budget::money_incentives(ctx.plan).next().is_some() {
        out.sentence(
            "Costs are not yet projected by year: the plan does not yet say how many educators take part each year.",
        );
    }
    if !costs.is_empty() {
        let mut header = vec!["Incentive".to_owned(), "Rate".to_owned()];
        header.extend(projected.iter().map(|y| school_year(*y)));
        let numeric: Vec<usize> = (2..header.len()).collect();
        let mut table = Table::new(header).numeric(&numeric);
        for cost in &costs {
            let Some(incentive) = ctx.incentive(cost.incentive.as_str()) else {
                continue;
            };
            let mut row = vec![
                vec![Inline::text(incentive_name(incentive))],
                vec![Inline::text(
                    incentive
                        .amount
                        .as_ref()
                        .map_or_else(String::new, format_money),
                )],
            ];
            row.extend(cost.by_year.iter().map(|year| {
                vec![Inline::text(match (year.cost, year.recipients) {
                    (Some(value), Some(n)) if n > 1 => {
                        format!(
                            "{} ({} × {})",
                            ctx.money(value),
                            group_thousands(u64::from(n)),
                            rate(ctx, incentive)
                        )
                    }
                    (Some(value), _) => ctx.money(value),
                    (None, _) => "not projected".to_owned(),
                })]
            }));
            table.push_row(row);
        }
        let mut total = vec![vec![Inline::strong("Total")], Vec::new()];
        total.extend(balance.iter().filter(|y| y.projected).map(|year| {
            vec![Inline::strong(format!(
                "{}{}",
                ctx.money(year.cost),
                if year.cost_incomplete { " or more" } else { "" }
            ))]
        }));
        table.push_row(total);
        out.heading(
            HeadingLevel::Subsection,
            "Projected cost of incentives by year",
        );
        out.table(table);
    }
    let funding = budget::funding_by_year(ctx.plan);
    if !funding.is_empty() {
        let years: Vec<Year> = balance.iter().map(|y| y.year).collect();
        let mut header = vec!["Source".to_owned()];
        header.extend(years.iter().map(|y| school_year(*y)));
        let numeric: Vec<usize> = (1..header.len()).collect();
        let mut table = Table::new(header).numeric(&numeric);
        let sources = ctx
            .plan
            .scope
            .as_ref()
            .map(|s| s.funding.as_slice())
            .unwrap_or_default();
        for (source, money) in sources.iter().zip(&funding) {
            let mut row = vec![vec![Inline::text(one_line(&source.name))]];
            row.extend(years.iter().map(|year| {
                vec![Inline::text(
                    money
                        .by_year
                        .get(year)
                        .map_or_else(|| "—".to_owned(), |v| ctx.money(*v)),
                )]
            }));
            table.push_row(row);
        }
        let mut total = vec![vec![Inline::strong("Total")]];
        total.extend(
            balance
                .iter()
                .map(|year| vec![Inline::strong(ctx.money(year.funding))]),
        );
        table.push_row(total);
        out.heading(HeadingLevel::Subsection, "Funding by year and source");
        out.table(table);
    }
    if !projected.is_empty() && !funding.is_empty() {
        let mut table =
            Table::new(["Year", "Projected cost", "Funding", "Balance"]).numeric(&[1, 2, 3]);
        for year in &balance {
            let difference = year.funding - year.cost;
            table.push_row([
                vec![Inline::text(school_year(year.year))],
                vec![Inline::text(if year.projected {
                    ctx.money(year.cost)
                } else {
                    "—".to_owned()
                })],
                vec![Inline::text(ctx.money(year.funding))],
                vec![if difference < 0.0 {
                    Inline::strong(format!("{} short", ctx.money(-difference)))
                } else {
                    Inline::text(ctx.money(difference))
                }],
            ]);
        }
        out.heading(HeadingLevel::Subsection, "Balance by year");
        out.table(table);
        let short: Vec<String> = balance
            .iter()
            .filter(|y| y.shortfall() > 0.0)
            .map(|y| format!("{} in {}", ctx.money(y.shortfall()), school_year(y.year)))
            .collect();
        if !short.is_empty() {
            out.callout(
                Tone::Warning,
                "Funding gap.",
                vec![Inline::text(format!(
                    " Projected incentive costs exceed the funding listed by {}.",
                    join_words(&short)
                ))],
            );
        }
    }
}

fn rate(ctx: &Context, incentive: &pathway_schema::Incentive) -> String {
    incentive
        .amount
        .as_ref()
        .map_or_else(String::new, |a| ctx.money(a.value))
}

pub(super) fn funding_sources(ctx: &Context, out: &mut Out) {
    let Some(scope) = &ctx.plan.scope else {
        return;
    };
    let mut table = Table::new(["Source", "Kind", "Amount", "Years", "Conditions"]);
    for source in &scope.funding {
        let years: Vec<String> = source.years.iter().map(|y| school_year(*y)).collect();
        table.push_row([
            vec![Inline::strong(one_line(&source.name))],
            vec![Inline::text(funding_kind(source.kind))],
            vec![Inline::text(format_money(&source.amount))],
            vec![Inline::text(join_words(&years))],
            vec![Inline::text(
                answer(source.restrictions.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
        ]);
    }
    out.table(table);
}

pub(super) fn growth(ctx: &Context, out: &mut Out) {
    let Some(scope) = &ctx.plan.scope else {
        return;
    };
    let mut years: Vec<_> = scope.growth.iter().collect();
    years.sort_by_key(|g| g.year);
    let mut table = Table::new([
        "Year",
        "Participants",
        "Credentials earned",
        "Resources needed",
    ])
    .numeric(&[1, 2]);
    for year in years {
        table.push_text_row([
            school_year(year.year),
            group_thousands(u64::from(year.participants)),
            year.credentials
                .map_or_else(|| "—".to_owned(), |n| group_thousands(u64::from(n))),
            answer(year.resources.as_ref()).map_or_else(|| "—".to_owned(), one_line),
        ]);
    }
    out.table(table);
}

pub(super) fn incentives(ctx: &Context, out: &mut Out) {
    let Some(incentives) = &ctx.plan.incentives else {
        return;
    };
    let mut table = Table::new([
        "Incentive",
        "Kind",
        "What the educator receives",
        "Comes with",
    ]);
    for incentive in &incentives.offers {
        let with: Vec<&str> = ctx
            .plan
            .opportunities
            .iter()
            .filter(|o| o.incentives.contains(&incentive.id))
            .map(|o| o.title.as_str())
            .collect();
        let mut receives =
            answer(incentive.description.as_ref()).map_or_else(String::new, one_line);
        if receives.is_empty()
            && let Some(amount) = &incentive.amount
        {
            receives = format_money(amount);
        }
        table.push_row([
            vec![Inline::strong(incentive_name(incentive))],
            vec![Inline::text(incentive_type(incentive.kind))],
            vec![Inline::text(receives)],
            vec![Inline::text(if with.is_empty() {
                "—".to_owned()
            } else {
                join_words(&with)
            })],
        ]);
    }
    out.table(table);
}

pub(super) fn compensation(ctx: &Context, out: &mut Out) {
    let Some(incentives) = &ctx.plan.incentives else {
        return;
    };
    let paid: Vec<_> = incentives
        .offers
        .iter()
        .filter(|i| i.kind == IncentiveType::Compensation || i.amount.is_some())
        .collect();
    if paid.is_empty() {
        return;
    }
    let sources = ctx
        .plan
        .scope
        .as_ref()
        .map(|s| s.funding.as_slice())
        .unwrap_or_default();
    let mut table = Table::new(["Payment", "Form", "Amount", "Salary schedule", "Paid from"]);
    for incentive in &paid {
        let from: Vec<&str> = incentive
            .funded_by
            .iter()
            .map(|id| {
                sources
                    .iter()
                    .find(|s| s.id == *id)
                    .map_or(id.as_str(), |s| s.name.as_str())
            })
            .collect();
        let changes = incentive
            .compensation
            .is_some_and(CompensationForm::changes_salary);
        table.push_row([
            vec![Inline::strong(incentive_name(incentive))],
            vec![Inline::text(incentive.compensation.map_or_else(
                || incentive_type(incentive.kind).to_owned(),
                |form| compensation_form(form).to_owned(),
            ))],
            vec![Inline::text(
                incentive
                    .amount
                    .as_ref()
                    .map_or_else(|| "—".to_owned(), format_money),
            )],
            vec![if changes {
                Inline::strong("Changes it")
            } else {
                Inline::text("No change")
            }],
            vec![Inline::text(if from.is_empty() {
                "Not named".to_owned()
            } else {
                join_words(&from)
            })],
        ]);
    }
    out.table(table);
    let salary: Vec<String> = paid
        .iter()
        .filter(|i| i.compensation.is_some_and(CompensationForm::changes_salary))
        .map(|i| incentive_name(i))
        .collect();
    let bargains = ctx.plan.stakeholders.as_ref().is_some_and(|s| {
        s.groups.iter().any(|g| {
            g.group == StakeholderKind::Union && g.involvement.contains(&Involvement::Bargaining)
        })
    });
    if salary.is_empty() {
        out.sentence(
            "Nothing in the plan changes the salary schedule: every payment is outside base pay.",
        );
    } else if bargains {
        out.sentence(format!(
            "Salary schedule changes ({}) are listed for bargaining with the union.",
            join_words(&salary)
        ));
    } else {
        out.callout(
            Tone::Warning,
            "Not yet bargained.",
            vec![Inline::text(format!(
                " The plan changes the salary schedule ({}) but does not list the union in bargaining.",
                join_words(&salary)
            ))],
        );
    }
}

pub(super) fn value(ctx: &Context, out: &mut Out) {
    let Some(incentives) = &ctx.plan.incentives else {
        return;
    };
    let mut table = Table::new(["Group", "What they gain", "Cost in money", "Cost in time"]);
    let cell = |text: Option<&String>| {
        vec![Inline::text(
            answer(text).map_or_else(|| "—".to_owned(), one_line),
        )]
    };
    for proposition in &incentives.value_propositions {
        table.push_row([
            vec![Inline::strong(crate::sections::people::group_name(
                proposition.group,
            ))],
            cell(proposition.value.as_ref()),
            cell(proposition.cost.as_ref()),
            cell(proposition.time.as_ref()),
        ]);
    }
    out.table(table);
}

pub(super) fn incentive_type(kind: IncentiveType) -> &'static str {
    match kind {
        IncentiveType::Compensation => "Compensation",
        IncentiveType::PrivilegeInfluence => "Privilege and influence",
        IncentiveType::Recognition => "Recognition",
        IncentiveType::PositionChange => "Position change",
        IncentiveType::JobSecurity => "Job security",
    }
}

fn compensation_form(form: CompensationForm) -> &'static str {
    match form {
        CompensationForm::Stipend => "Stipend",
        CompensationForm::Bonus => "Bonus",
        CompensationForm::SalaryIncrease => "Salary increase",
        CompensationForm::Step => "Salary step",
        CompensationForm::LaneChange => "Lane change",
    }
}

fn funding_kind(kind: FundingKind) -> &'static str {
    match kind {
        FundingKind::DistrictBudget => "Own budget",
        FundingKind::State => "State",
        FundingKind::FederalTitle => "Federal Title funds",
        FundingKind::Federal => "Federal",
        FundingKind::Grant => "Grant",
        FundingKind::Philanthropy => "Philanthropy",
    }
}
