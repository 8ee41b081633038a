//! The briefing (`report.md`, `report.docx`): the roll-up as the exporter's document model, so
//! that the exporter's Markdown and Word renderers write it with the structure every other
//! document has (headings, tables with header rows, escaped text).

use pathway_export::model::{Block, Document, HeadingLevel, Inline, Properties, Status, Table};
use pathway_schema::domain::money::{Cents, format_count, format_money};

use crate::heat::MAX_PLAN_ROWS;
use crate::profile::{ReportProfile, Section};
use crate::report::{Report, Spread};

/// The most rows of a list (shared credentials, plans short, plans with errors) in the
/// briefing; the data files hold them all.
pub const MAX_LIST_ROWS: usize = 25;

/// Builds the briefing. With `heat_map_marker`, a paragraph holding
/// [`MARKER`](crate::heat_picture::MARKER) stands where the Word file's heat map goes.
/// `Err` when the plans' rows could not be read back.
pub fn briefing(
    report: &Report,
    profile: &ReportProfile,
    heat_map_marker: bool,
) -> std::io::Result<Document> {
    let plans = format_count(report.totals.plans);
    let mut blocks = vec![Block::Paragraph(vec![Inline::text(profile.purpose.trim())])];
    let s = &profile.sections;
    readiness(&mut blocks, report, &s.readiness);
    coverage(&mut blocks, report, &s.coverage, heat_map_marker)?;
    credentials(&mut blocks, report, &s.credentials);
    incentives(&mut blocks, report, &s.incentives);
    money(&mut blocks, report, &s.money);
    equity(&mut blocks, report, &s.equity);
    findings(&mut blocks, report, &s.findings);
    Ok(Document {
        title: report.title.clone(),
        subtitle: profile.subtitle.replace("{plans}", &plans),
        status: Status::Final,
        properties: Properties {
            subject: "Where the state's districts stand on educator career pathways".to_owned(),
            creator: "Pathway Kit".to_owned(),
            keywords: vec!["state roll-up".to_owned(), "career pathways".to_owned()],
            description: profile.purpose.trim().to_owned(),
            language: "en-US".to_owned(),
        },
        blocks,
    })
}

fn heading(blocks: &mut Vec<Block>, section: &Section) {
    blocks.push(Block::Heading {
        level: HeadingLevel::Section,
        text: section.heading.clone(),
    });
    if !section.intro.trim().is_empty() {
        blocks.push(Block::Paragraph(vec![Inline::text(section.intro.trim())]));
    }
}

fn subheading(blocks: &mut Vec<Block>, text: &str) {
    blocks.push(Block::Heading {
        level: HeadingLevel::Subsection,
        text: text.to_owned(),
    });
}

fn para(blocks: &mut Vec<Block>, text: String) {
    blocks.push(Block::Paragraph(vec![Inline::text(text)]));
}

fn n(count: u64) -> String {
    format_count(count)
}

fn money_text(cents: i64, currency: &str) -> String {
    format_money(Cents::from_cents(i128::from(cents)), currency)
}

fn percent(part: u64, whole: u64) -> String {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or_else(|| "—".to_owned(), |share| format!("{share}%"))
}

fn readiness(blocks: &mut Vec<Block>, report: &Report, section: &Section) {
    heading(blocks, section);
    let t = &report.totals;
    para(
        blocks,
        format!(
            "{} plans were read: {} are counted, {} could not be read as plans, and {} of the \
             counted plans are complete for their readiness level.",
            n(t.plans),
            n(t.counted),
            n(t.not_counted),
            n(t.complete_for_level)
        ),
    );
    subheading(blocks, "By readiness level");
    let mut table =
        Table::new(["Readiness level", "Plans", "Complete for the level"]).numeric(&[1, 2]);
    for level in &report.readiness {
        table.push_text_row([level.level.clone(), n(level.plans), n(level.complete)]);
    }
    blocks.push(Block::Table(table));
    subheading(blocks, "By kind of organization");
    let mut table = Table::new(["Organization kind", "Plans"]).numeric(&[1]);
    for kind in &report.organization_kinds {
        table.push_text_row([kind.kind.clone(), n(kind.plans)]);
    }
    blocks.push(Block::Table(table));
}

fn coverage(
    blocks: &mut Vec<Block>,
    report: &Report,
    section: &Section,
    marker: bool,
) -> std::io::Result<()> {
    heading(blocks, section);
    subheading(blocks, "By area");
    let mut table =
        Table::new(["Area", "Plans that must answer", "Answer all", "Share"]).numeric(&[1, 2, 3]);
    for area in &report.areas {
        table.push_text_row([
            area.title.clone(),
            n(area.plans_required),
            n(area.plans_answered),
            percent(area.plans_answered, area.plans_required),
        ]);
    }
    blocks.push(Block::Table(table));
    let counted = crate::heat::few_counted(report)?;
    if !counted.is_empty() {
        subheading(blocks, "Plan by plan");
        para(
            blocks,
            "Each cell is the number of the area's required decision points the plan answers, \
             out of those its level requires; a dash where its level requires none."
                .to_owned(),
        );
        let mut header = vec!["Plan".to_owned()];
        header.extend(report.areas.iter().map(|a| a.area.clone()));
        let columns: Vec<usize> = (1..header.len()).collect();
        let mut table = Table::new(header).numeric(&columns);
        for row in &counted {
            let mut cells = vec![row.plan.clone().unwrap_or_default()];
            for area in &report.areas {
                cells.push(crate::heat::cell_text(row, &area.area));
            }
            table.push_text_row(cells);
        }
        blocks.push(Block::Table(table));
    }
    if report.totals.counted as usize > MAX_PLAN_ROWS {
        by_level(blocks, report);
    }
    if marker && report.totals.counted > 0 {
        blocks.push(Block::Paragraph(vec![Inline::text(
            crate::heat_picture::MARKER,
        )]));
    }
    subheading(blocks, "The points most often left open");
    if report.most_often_open.is_empty() {
        para(
            blocks,
            "Every plan answers every decision point its level requires.".to_owned(),
        );
    } else {
        let mut table =
            Table::new(["Decision point", "Plans that must answer", "Left open"]).numeric(&[1, 2]);
        for id in &report.most_often_open {
            if let Some(point) = report.decision_points.iter().find(|p| &p.id == id) {
                table.push_text_row([
                    point.id.clone(),
                    n(point.plans_required),
                    n(point.plans_open),
                ]);
            }
        }
        blocks.push(Block::Table(table));
    }
    state_points(blocks, report);
    Ok(())
}

/// The state's own decision points, when the plans' configurations declare any: each counted
/// in its area above, and listed here with its question, since no toolkit text explains it.
fn state_points(blocks: &mut Vec<Block>, report: &Report) {
    let points: Vec<_> = report
        .decision_points
        .iter()
        .filter(|p| p.source == "state")
        .collect();
    if points.is_empty() {
        return;
    }
    subheading(blocks, "The state's own decision points");
    para(
        blocks,
        "Declared in the plans' pathway.toml and counted in the areas above. A plan whose \
         configuration does not declare a point is not asked it: it is neither required of \
         that plan nor open."
            .to_owned(),
    );
    let mut table = Table::new([
        "Decision point",
        "Question",
        "Plans asked",
        "Plans that must answer",
        "Left open",
    ])
    .numeric(&[2, 3, 4]);
    for point in points {
        table.push_text_row([
            point.id.clone(),
            point.question.clone(),
            n(report.totals.counted.saturating_sub(point.plans_not_asked)),
            n(point.plans_required),
            n(point.plans_open),
        ]);
    }
    blocks.push(Block::Table(table));
}

fn credentials(blocks: &mut Vec<Block>, report: &Report, section: &Section) {
    heading(blocks, section);
    let c = &report.credentials;
    para(
        blocks,
        format!(
            "The plans offer {} credentials, {} of them distinct; {} are offered by more than one plan.",
            n(c.offered),
            n(c.distinct),
            n(c.shared.len() as u64)
        ),
    );
    if c.untracked > 0 {
        para(
            blocks,
            format!(
                "{} credentials were not matched: the network reached its bound of {} distinct credentials.",
                n(c.untracked),
                n(crate::network::MAX_CREDENTIAL_KEYS as u64)
            ),
        );
    }
    if !c.shared.is_empty() {
        subheading(blocks, "Credentials several plans offer");
        let mut table = Table::new(["Credential", "Issuer", "Matched by", "Plans"]).numeric(&[3]);
        for shared in c.shared.iter().take(MAX_LIST_ROWS) {
            table.push_text_row([
                shared.title.clone(),
                shared.issuer.clone(),
                shared.matched_by.clone(),
                n(shared.plans.len() as u64),
            ]);
        }
        blocks.push(Block::Table(table));
        if c.shared.len() > MAX_LIST_ROWS {
            para(
                blocks,
                format!(
                    "{} more in credentials.csv.",
                    n((c.shared.len() - MAX_LIST_ROWS) as u64)
                ),
            );
        }
    }
    subheading(blocks, "Opportunities");
    let o = &report.opportunities;
    para(
        blocks,
        format!(
            "{} opportunities in all; {} of them keep educators in the classroom, and {} of {} \
             counted plans offer at least one such opportunity.",
            n(o.total),
            n(o.in_classroom),
            n(o.plans_with_classroom_opportunity),
            n(report.totals.counted)
        ),
    );
    let mut table = Table::new(["Kind", "Opportunities", "Plans"]).numeric(&[1, 2]);
    for kind in &o.kinds {
        table.push_text_row([kind.kind.clone(), n(kind.opportunities), n(kind.plans)]);
    }
    blocks.push(Block::Table(table));
}

fn spread_table(blocks: &mut Vec<Block>, spreads: &[Spread], what: &str) {
    if spreads.is_empty() {
        para(blocks, format!("No plan states {what}."));
        return;
    }
    let mut table =
        Table::new(["Currency", "Amounts", "Lowest", "Median", "Highest"]).numeric(&[1, 2, 3, 4]);
    for s in spreads {
        table.push_text_row([
            s.currency.clone(),
            n(s.count),
            money_text(s.lowest_cents, &s.currency),
            money_text(s.median_cents, &s.currency),
            money_text(s.highest_cents, &s.currency),
        ]);
    }
    blocks.push(Block::Table(table));
}

fn incentives(blocks: &mut Vec<Block>, report: &Report, section: &Section) {
    heading(blocks, section);
    let mut table = Table::new(["Incentive type", "Plans"]).numeric(&[1]);
    for kind in &report.incentives.types {
        table.push_text_row([kind.kind.clone(), n(kind.plans)]);
    }
    blocks.push(Block::Table(table));
    subheading(blocks, "Stipends per credential earned");
    spread_table(
        blocks,
        &report.incentives.per_credential,
        "a stipend per credential",
    );
    subheading(blocks, "Yearly differentials");
    spread_table(blocks, &report.incentives.per_year, "a yearly differential");
}

fn money(blocks: &mut Vec<Block>, report: &Report, section: &Section) {
    heading(blocks, section);
    if report.money.is_empty() {
        para(
            blocks,
            "No counted plan states costs or funding by year.".to_owned(),
        );
        return;
    }
    let mut table = Table::new([
        "Year",
        "District budget",
        "State",
        "Federal title",
        "Federal other",
        "Grants",
        "Philanthropy",
        "Projected cost",
        "Shortfall",
        "Plans short",
    ])
    .numeric(&[1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for year in &report.money {
        let mut cells = vec![
            if report.money.iter().any(|m| m.currency != year.currency) {
                format!("{} ({})", year.year, year.currency)
            } else {
                year.year.to_string()
            },
        ];
        cells.extend(
            year.funding
                .iter()
                .map(|f| money_text(f.committed_cents, &year.currency)),
        );
        cells.push(money_text(year.cost_cents, &year.currency));
        cells.push(money_text(year.shortfall_cents, &year.currency));
        cells.push(n(year.plans_short));
        table.push_text_row(cells);
    }
    blocks.push(Block::Table(table));
    para(
        blocks,
        "Funding columns are committed funding; anticipated funding is in report.json.".to_owned(),
    );
    subheading(blocks, "Plans that fall short");
    if report.plans_short.is_empty() {
        para(
            blocks,
            "No plan's committed funding falls short of its projected cost.".to_owned(),
        );
    } else {
        let mut table = Table::new(["Plan", "Organization", "Shortfall", "Years"]).numeric(&[2]);
        for short in report.plans_short.iter().take(MAX_LIST_ROWS) {
            table.push_text_row([
                short.plan.clone(),
                short.organization.clone(),
                money_text(short.shortfall_cents, &short.currency),
                short
                    .years
                    .iter()
                    .map(u16::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            ]);
        }
        blocks.push(Block::Table(table));
        if report.plans_short.len() > MAX_LIST_ROWS {
            para(
                blocks,
                format!(
                    "{} more in plans.csv.",
                    n((report.plans_short.len() - MAX_LIST_ROWS) as u64)
                ),
            );
        }
    }
}

fn equity(blocks: &mut Vec<Block>, report: &Report, section: &Section) {
    heading(blocks, section);
    let e = &report.equity;
    para(
        blocks,
        format!(
            "{} of {} counted plans name groups to disaggregate by.",
            n(e.plans_disaggregating),
            n(report.totals.counted)
        ),
    );
    if !e.groups.is_empty() {
        let mut table = Table::new(["Group", "Plans"]).numeric(&[1]);
        for group in e.groups.iter().take(MAX_LIST_ROWS) {
            table.push_text_row([group.group.clone(), n(group.plans)]);
        }
        blocks.push(Block::Table(table));
    }
}

fn findings(blocks: &mut Vec<Block>, report: &Report, section: &Section) {
    heading(blocks, section);
    subheading(blocks, "Plans with errors");
    if report.plans_with_errors.is_empty() {
        para(blocks, "No plan has an error.".to_owned());
    } else {
        let mut table = Table::new(["File", "Plan", "Errors", "First error"]).numeric(&[2]);
        for plan in report.plans_with_errors.iter().take(MAX_LIST_ROWS) {
            table.push_text_row([
                plan.path.clone(),
                plan.plan.clone().unwrap_or_else(|| "(not read)".to_owned()),
                n(plan.errors),
                plan.first_error.clone(),
            ]);
        }
        blocks.push(Block::Table(table));
        if report.plans_with_errors.len() > MAX_LIST_ROWS {
            para(
                blocks,
                format!(
                    "{} more in plans.csv.",
                    n((report.plans_with_errors.len() - MAX_LIST_ROWS) as u64)
                ),
            );
        }
    }
    subheading(blocks, "Most frequent findings");
    if report.findings_by_rule.is_empty() {
        para(blocks, "No findings.".to_owned());
    } else {
        let mut table = Table::new(["Rule", "Severity", "Findings", "Plans"]).numeric(&[2, 3]);
        for rule in report.findings_by_rule.iter().take(MAX_LIST_ROWS) {
            table.push_text_row([
                rule.code.clone(),
                rule.severity.clone(),
                n(rule.findings),
                n(rule.plans),
            ]);
        }
        blocks.push(Block::Table(table));
    }
}

/// The coverage table for a set too large to show plan by plan: for each readiness level, the
/// share of its plans that answer all of an area's required points.
fn by_level(blocks: &mut Vec<Block>, report: &Report) {
    subheading(blocks, "Coverage by readiness level");
    para(
        blocks,
        "Each cell is the share of the level's plans that answer every decision point the level \
         requires in the area; a dash where the level requires none. Every plan's figures are in \
         decision-points.csv."
            .to_owned(),
    );
    let mut header = vec!["Level".to_owned(), "Plans".to_owned()];
    header.extend(report.areas.iter().map(|a| a.area.clone()));
    let columns: Vec<usize> = (1..header.len()).collect();
    let mut table = Table::new(header).numeric(&columns);
    for (level, plans, areas) in crate::heat::by_level(&report.coverage_groups) {
        let mut cells = vec![level.as_str().to_owned(), n(plans)];
        for area in areas {
            let [required, full, _, _] = area;
            cells.push(if required == 0 {
                "—".to_owned()
            } else {
                percent(full, required)
            });
        }
        table.push_text_row(cells);
    }
    blocks.push(Block::Table(table));
}
