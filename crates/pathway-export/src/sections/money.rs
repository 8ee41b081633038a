//! Money and value: the budget by year, funding sources, growth, incentives, compensation and the
//! value each group gets.

use pathway_schema::domain::decisions::{pay_approval, pay_set_by};
use pathway_schema::{CompensationForm, FundingKind, IncentiveType, PaySetBy};

use pathway_schema::domain::budget::{Balance, CostLine, Count, Payment};

use super::{BlockWriter, SectionContext, incentive_amount, incentive_name};
use crate::model::{HeadingLevel, Inline, Table, Tone};
use crate::prose::{answer, format_money, group_thousands, join_words, one_line, school_year};

pub(super) fn budget(ctx: &SectionContext, out: &mut BlockWriter) {
    let budget = &ctx.model.budget;
    if budget.projected.is_empty() && !budget.costs.is_empty() {
        out.sentence(
            "Costs are not yet projected by year: the plan does not yet say how many educators \
             take part each year. What it pays for, and at what rate:",
        );
        // A board member can still weigh the rates before the numbers come.
        let mut rates = Table::new(["Paid for", "Rate"]);
        for line in &budget.costs {
            rates.push_text_row([payment_name(ctx, line), format_money(line.amount)]);
        }
        out.table(rates);
    }
    cost_table(ctx, out);
    funding_table(ctx, out);
    if !budget.projected.is_empty() && !budget.sources.is_empty() {
        out.heading(HeadingLevel::Subsection, "Balance by year");
        if has_anticipated(ctx) {
            out.sentence(
                "The balance counts committed money only, as the plan's budget check does; \
                 anticipated money (applied for, expected or awaiting a vote) is shown beside \
                 it and does not close a gap.",
            );
        }
        out.table(balance_table(
            ctx,
            budget.years.iter().map(|&year| budget.total(year)),
        ));
        let shown_alone = budget.groups.len() == 1
            && budget.unfunded.is_empty()
            && budget.groups.iter().all(|group| group.complete)
            && budget.sources.len() == budget.groups.iter().map(|g| g.sources.len()).sum::<usize>();
        if !shown_alone {
            group_tables(ctx, out);
        }
        let short: Vec<String> = budget
            .shortfalls()
            .iter()
            .map(|(_, balance)| {
                format!(
                    "{} in {}",
                    ctx.money(balance.shortfall()),
                    school_year(balance.year)
                )
            })
            .collect();
        if !short.is_empty() {
            out.callout(
                Tone::Warning,
                "Funding gap.",
                vec![Inline::text(format!(
                    " Projected costs exceed the committed funding that can pay for them by {}.",
                    join_words(&short)
                ))],
            );
        }
    }
    if !budget.left_out.is_empty() {
        let items: Vec<String> = budget
            .left_out
            .iter()
            .map(|left| {
                format!(
                    "{} ({})",
                    ctx.title_of(left.id.as_str()),
                    format_money(left.amount)
                )
            })
            .collect();
        out.sentence(format!(
            "Not counted, being in another currency than the plan's {}: {}.",
            budget.currency,
            join_words(&items)
        ));
    }
}

/// Each payment's projected cost in each projected year, with the total.
fn cost_table(ctx: &SectionContext, out: &mut BlockWriter) {
    let budget = &ctx.model.budget;
    if budget.costs.is_empty() || budget.projected.is_empty() {
        return;
    }
    let mut header = vec!["Paid for".to_owned(), "Rate".to_owned()];
    header.extend(budget.projected.iter().map(|p| school_year(p.year)));
    let numeric: Vec<usize> = (2..header.len()).collect();
    let mut table = Table::new(header).numeric(&numeric);
    for line in &budget.costs {
        let mut row = vec![
            vec![Inline::text(payment_name(ctx, line))],
            vec![Inline::text(format_money(line.amount))],
        ];
        row.extend(line.by_year.iter().map(|year| {
            vec![Inline::text(match year.count {
                Count::NotProjected => "not projected".to_owned(),
                Count::NotItsYear => "—".to_owned(),
                count if count.times() > 1 => format!(
                    "{} ({} × {})",
                    ctx.money(year.cost),
                    group_thousands(u64::from(count.times())),
                    ctx.money(line.rate)
                ),
                _ => ctx.money(year.cost),
            })]
        }));
        table.push_row(row);
    }
    let mut total = vec![vec![Inline::strong("Total")], Vec::new()];
    total.extend(budget.projected.iter().map(|p| {
        let year = budget.total(p.year);
        vec![Inline::strong(format!(
            "{}{}",
            ctx.money(year.cost),
            if year.unprojected.is_empty() {
                ""
            } else {
                " or more"
            }
        ))]
    }));
    table.push_row(total);
    out.heading(HeadingLevel::Subsection, "Projected cost by year");
    out.table(table);
}

/// What each source provides in each year, with the total.
fn funding_table(ctx: &SectionContext, out: &mut BlockWriter) {
    let budget = &ctx.model.budget;
    if budget.sources.is_empty() {
        return;
    }
    let mut header = vec!["Source".to_owned()];
    header.extend(budget.years.iter().map(|y| school_year(*y)));
    let numeric: Vec<usize> = (1..header.len()).collect();
    let mut table = Table::new(header).numeric(&numeric);
    for line in &budget.sources {
        let mut row = vec![vec![Inline::text(one_line(&line.source.name))]];
        row.extend(budget.years.iter().map(|year| {
            vec![Inline::text(match line.by_year.get(year) {
                Some(p) if p.anticipated.is_positive() && p.committed.is_positive() => format!(
                    "{} + {} anticipated",
                    ctx.money(p.committed),
                    ctx.money(p.anticipated)
                ),
                Some(p) if p.anticipated.is_positive() => {
                    format!("{} anticipated", ctx.money(p.anticipated))
                }
                Some(p) => ctx.money(p.committed),
                None => "—".to_owned(),
            })]
        }));
        table.push_row(row);
    }
    let anticipated = has_anticipated(ctx);
    let mut total = vec![vec![Inline::strong(if anticipated {
        "Committed"
    } else {
        "Total"
    })]];
    total.extend(
        budget
            .years
            .iter()
            .map(|&year| vec![Inline::strong(ctx.money(budget.total(year).committed))]),
    );
    table.push_row(total);
    if anticipated {
        let mut row = vec![vec![Inline::strong("Anticipated, not yet committed")]];
        row.extend(
            budget
                .years
                .iter()
                .map(|&year| vec![Inline::strong(ctx.money(budget.total(year).anticipated))]),
        );
        table.push_row(row);
    }
    out.heading(HeadingLevel::Subsection, "Funding by year and source");
    out.table(table);
}

/// One table per funding group: what its payments cost against what its sources provide.
fn group_tables(ctx: &SectionContext, out: &mut BlockWriter) {
    let budget = &ctx.model.budget;
    out.heading(HeadingLevel::Subsection, "Balance by funding group");
    out.sentence(
        "Each source may pay only for what the plan names it for, so each group of payments is \
         compared with the sources that can pay for it.",
    );
    for (g, group) in budget.groups.iter().enumerate() {
        let names: Vec<String> = group
            .sources
            .iter()
            .filter_map(|&i| budget.source(i))
            .map(|line| one_line(&line.source.name))
            .collect();
        let paid: Vec<String> = group
            .costs
            .iter()
            .filter_map(|&i| budget.costs.get(i))
            .map(|line| payment_name(ctx, line))
            .collect();
        out.heading(
            HeadingLevel::Minor,
            &format!("Paid from {}", crate::prose::join_names(&names)),
        );
        out.paragraph(vec![
            Inline::strong("Pays for:"),
            Inline::text(format!(" {}.", crate::prose::join_names(&paid))),
        ]);
        if !group.complete {
            out.sentence(
                "Some of these payments name a source the plan does not list, so the balance \
                 below leaves that source out.",
            );
        }
        out.table(balance_table(
            ctx,
            budget
                .projected
                .iter()
                .map(|p| budget.group_balance(g, p.year)),
        ));
    }
    if !budget.unfunded.is_empty() {
        let paid: Vec<String> = budget
            .unfunded
            .iter()
            .filter_map(|&i| budget.costs.get(i))
            .map(|line| payment_name(ctx, line))
            .collect();
        out.paragraph(vec![
            Inline::strong("No funding source named:"),
            Inline::text(format!(" {}.", crate::prose::join_names(&paid))),
        ]);
    }
}

/// Whether any source provides anticipated money in any year.
fn has_anticipated(ctx: &SectionContext) -> bool {
    ctx.model.budget.sources.iter().any(|line| {
        line.by_year
            .values()
            .any(|provision| provision.anticipated.is_positive())
    })
}

/// Year, projected cost, committed funding (and anticipated funding, when the plan has any) and
/// the balance of committed money, one row per balance.
fn balance_table(ctx: &SectionContext, balances: impl Iterator<Item = Balance>) -> Table {
    let anticipated = has_anticipated(ctx);
    let mut header = vec!["Year", "Projected cost", "Committed"];
    if anticipated {
        header.push("Anticipated");
    }
    header.push("Balance");
    let numeric: Vec<usize> = (1..header.len()).collect();
    let mut table = Table::new(header).numeric(&numeric);
    for balance in balances {
        let cost = if !balance.projected {
            "—".to_owned()
        } else if balance.unprojected.is_empty() {
            ctx.money(balance.cost)
        } else {
            format!("{} or more", ctx.money(balance.cost))
        };
        let difference = balance.balance();
        let mut row = vec![
            vec![Inline::text(school_year(balance.year))],
            vec![Inline::text(cost)],
            vec![Inline::text(ctx.money(balance.committed))],
        ];
        if anticipated {
            row.push(vec![Inline::text(ctx.money(balance.anticipated))]);
        }
        row.push(vec![if !balance.projected {
            Inline::text("—")
        } else if difference.cents() < 0 {
            Inline::strong(format!("{} short", ctx.money(balance.shortfall())))
        } else {
            Inline::text(ctx.money(difference))
        }]);
        table.push_row(row);
    }
    table
}

/// What a payment is called in a document.
pub(super) fn payment_name(_ctx: &SectionContext, line: &CostLine<'_>) -> String {
    match line.payment {
        Payment::Incentive { incentive, .. } => incentive_name(incentive),
        Payment::ProgramCost { cost, .. } => one_line(&cost.title),
    }
}

pub(super) fn funding_sources(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(scope) = &ctx.plan.scope else {
        return;
    };
    // "By year" comes from the budget, so a year that steps down or is only anticipated reads
    // as the balance counts it.
    let mut table = Table::new(["Source", "Kind", "Amount", "By year", "Conditions"]);
    for (position, source) in scope.funding.iter().enumerate() {
        table.push_row([
            vec![Inline::strong(one_line(&source.name))],
            vec![Inline::text(funding_kind(source.kind))],
            vec![Inline::text(format_money(&source.amount))],
            vec![Inline::text(super::leadership::source_by_year(
                ctx, position, source,
            ))],
            vec![Inline::text(
                answer(source.restrictions.as_ref()).map_or_else(|| "—".to_owned(), one_line),
            )],
        ]);
    }
    out.table(table);
}

pub(super) fn growth(ctx: &SectionContext, out: &mut BlockWriter) {
    let Some(scope) = &ctx.plan.scope else {
        return;
    };
    let mut years: Vec<_> = scope.growth.iter().collect();
    years.sort_by_key(|g| g.year);
    let with_assessors = years.iter().any(|y| y.assessors.is_some());
    let mut headers = vec!["Year", "Participants", "Credentials earned"];
    if with_assessors {
        headers.push("Assessors");
    }
    headers.push("Resources needed");
    let mut table = Table::new(headers).numeric(if with_assessors { &[1, 2, 3] } else { &[1, 2] });
    let count = |n: Option<u32>| n.map_or_else(|| "—".to_owned(), |n| group_thousands(n.into()));
    for year in years {
        let mut row = vec![
            school_year(year.year),
            group_thousands(u64::from(year.participants)),
            count(year.credentials),
        ];
        if with_assessors {
            row.push(count(year.assessors));
        }
        row.push(answer(year.resources.as_ref()).map_or_else(|| "—".to_owned(), one_line));
        table.push_text_row(row);
    }
    out.table(table);
}

pub(super) fn incentives(ctx: &SectionContext, out: &mut BlockWriter) {
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
            && let Some(amount) = incentive_amount(incentive)
        {
            receives = amount;
        }
        if let Some(paid_for) = answer(incentive.paid_for.as_ref()) {
            receives = if receives.is_empty() {
                format!("Paid for: {}", one_line(paid_for))
            } else {
                // A sentence of its own: "(paid for: Each year…)" read as a pasted field.
                let end = if receives.ends_with(['.', '!', '?']) {
                    ""
                } else {
                    "."
                };
                format!(
                    "{receives}{end} Paid for: {}.",
                    one_line(paid_for).trim_end_matches('.')
                )
            };
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

pub(super) fn compensation(ctx: &SectionContext, out: &mut BlockWriter) {
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
    let mut table = Table::new([
        "Payment",
        "Form",
        "Amount",
        "Paid for",
        "Salary schedule",
        "Paid from",
    ]);
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
                incentive_amount(incentive).unwrap_or_else(|| "—".to_owned()),
            )],
            vec![Inline::text(
                answer(incentive.paid_for.as_ref()).map_or_else(|| "—".to_owned(), one_line),
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
    let salary: Vec<&&pathway_schema::Incentive> = paid
        .iter()
        .filter(|i| i.compensation.is_some_and(CompensationForm::changes_salary))
        .collect();
    let names: Vec<String> = salary.iter().map(|i| incentive_name(i)).collect();
    let unapproved: Vec<String> = salary
        .iter()
        .filter(|i| !pay_approval(ctx.plan, &i.id).is_shown())
        .map(|i| incentive_name(i))
        .collect();
    let setting = ctx
        .plan
        .incentives
        .as_ref()
        .and_then(|i| i.pay_setting.as_ref())
        .and_then(|s| answer(s.description.as_ref()));
    if salary.is_empty() {
        out.sentence(
            "Nothing in the plan changes the salary schedule: every payment is outside base pay.",
        );
    } else if !unapproved.is_empty() {
        let whose = match pay_set_by(ctx.plan) {
            PaySetBy::BoardPolicy => "the school board",
            _ => "the union",
        };
        out.callout(
            Tone::Warning,
            "Not yet approved.",
            vec![Inline::text(format!(
                " The plan changes the salary schedule ({}) but shows no agreement or vote of {whose} on it.",
                join_words(&unapproved)
            ))],
        );
    } else {
        out.sentence(match pay_set_by(ctx.plan) {
            PaySetBy::CollectiveBargaining => format!(
                "Salary schedule changes ({}) are bargained with the union.",
                join_words(&names)
            ),
            PaySetBy::BoardPolicy => format!(
                "Pay here is set by board policy, and the board approves the salary schedule changes ({}).",
                join_words(&names)
            ),
            PaySetBy::StateLaw => format!(
                "Pay here follows state law; the salary schedule changes ({}) work within it.",
                join_words(&names)
            ),
        });
    }
    if let Some(setting) = setting {
        out.labeled("How pay is set.", setting);
    }
}

pub(super) fn value(ctx: &SectionContext, out: &mut BlockWriter) {
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
