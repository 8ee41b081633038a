//! The CSV files: UTF-8, a header row, RFC 4180 quoting, CRLF line ends, and no cell a
//! spreadsheet would run as a formula. Columns are listed in [`PLANS_COLUMNS`],
//! [`DECISION_POINT_COLUMNS`] and [`CREDENTIAL_COLUMNS`], documented in docs/report.md (a
//! test checks the two agree). Amounts are in the currency's main unit with two decimals.

use std::io::{self, Write};

use pathway_schema::DECISION_POINTS;

use crate::report::{PlanRow, Report};
use crate::words::area_id;

/// The columns of `plans.csv`.
pub const PLANS_COLUMNS: [&str; 25] = [
    "path",
    "plan_id",
    "organization",
    "organization_kind",
    "readiness",
    "status",
    "errors",
    "warnings",
    "infos",
    "complete_for_level",
    "points_required",
    "points_answered",
    "open_points",
    "credentials",
    "opportunities",
    "in_classroom",
    "incentive_types",
    "disaggregate_by",
    "currency",
    "cost",
    "committed",
    "shortfall",
    "educators",
    "schools",
    "students",
];

/// The columns of `decision-points.csv`: one row per plan and decision point.
pub const DECISION_POINT_COLUMNS: [&str; 10] = [
    "path",
    "plan_id",
    "readiness",
    "decision_point",
    "area",
    "level",
    "required",
    "answered",
    "source",
    "asked",
];

/// The columns of `credentials.csv`: one row per distinct credential.
pub const CREDENTIAL_COLUMNS: [&str; 6] =
    ["key", "matched_by", "title", "issuer", "plans", "plan_ids"];

/// A cell as RFC 4180 writes it, neutralised for spreadsheets: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, so it is shown as text
/// rather than run as a formula (OWASP's advice for CSV injection).
pub fn cell(text: &str) -> String {
    let risky = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = if risky {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) || text.starts_with(' ') || text.ends_with(' ') {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn line(out: &mut impl Write, cells: &[String]) -> io::Result<()> {
    for (i, text) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        out.write_all(cell(text).as_bytes())?;
    }
    out.write_all(b"\r\n")
}

fn header(out: &mut impl Write, columns: &[&str]) -> io::Result<()> {
    line(
        out,
        &columns.iter().map(|c| (*c).to_owned()).collect::<Vec<_>>(),
    )
}

/// Cents as `1234.50`; negative amounts keep their sign (and are neutralised as cells).
pub fn amount(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let cents = cents.unsigned_abs();
    format!("{sign}{}.{:02}", cents / 100, cents % 100)
}

fn optional<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Writes `plans.csv`.
pub fn plans(report: &Report, out: &mut impl Write) -> io::Result<()> {
    header(out, &PLANS_COLUMNS)?;
    for placed in report.plans.iter()? {
        line(out, &plan_cells(&placed?.row))?;
    }
    Ok(())
}

fn plan_cells(row: &PlanRow) -> Vec<String> {
    let counted = row.plan.is_some();
    let money = |cents: i64| {
        if counted {
            amount(cents)
        } else {
            String::new()
        }
    };
    vec![
        row.path.clone(),
        optional(row.plan.as_ref()),
        optional(row.organization.as_ref()),
        optional(row.organization_kind.as_ref()),
        optional(row.readiness.as_ref()),
        row.status.clone(),
        row.errors.to_string(),
        row.warnings.to_string(),
        row.infos.to_string(),
        optional(row.complete_for_level),
        if counted {
            row.points_required.to_string()
        } else {
            String::new()
        },
        if counted {
            row.points_answered.to_string()
        } else {
            String::new()
        },
        row.open_points.join(" "),
        if counted {
            row.credentials.to_string()
        } else {
            String::new()
        },
        if counted {
            row.opportunities.to_string()
        } else {
            String::new()
        },
        if counted {
            row.in_classroom.to_string()
        } else {
            String::new()
        },
        row.incentive_types.join(" "),
        row.disaggregate_by.join("; "),
        optional(row.currency.as_ref()),
        money(row.cost_cents),
        money(row.committed_cents),
        money(row.shortfall_cents),
        optional(row.educators),
        optional(row.schools),
        optional(row.students),
    ]
}

/// Writes `decision-points.csv`: every plan × every decision point, the toolkit's and then the
/// state's own (merged by id across the plans' configurations). For a plan that could not be
/// read, `required`, `answered` and `asked` are empty; for a state point the plan's
/// configuration does not declare, `asked` is `false`, `required` is `false` and `answered` is
/// empty: the point is not open, it was never asked.
pub fn decision_points(report: &Report, out: &mut impl Write) -> io::Result<()> {
    header(out, &DECISION_POINT_COLUMNS)?;
    let state_points = report
        .decision_points
        .get(DECISION_POINTS.len()..)
        .unwrap_or_default();
    for placed in report.plans.iter()? {
        let row = placed?.row;
        let level = row
            .readiness
            .as_deref()
            .and_then(pathway_schema::Readiness::parse);
        let counted = level.is_some() && row.answered.is_some();
        let known = |value: bool| {
            if counted {
                value.to_string()
            } else {
                String::new()
            }
        };
        for (i, point) in DECISION_POINTS.iter().enumerate() {
            let (required, answered) = match (level, row.answered) {
                (Some(level), Some(mask)) => (
                    (point.level <= level).to_string(),
                    (i < 64 && mask & (1 << i) != 0).to_string(),
                ),
                _ => (String::new(), String::new()),
            };
            line(
                out,
                &[
                    row.path.clone(),
                    optional(row.plan.as_ref()),
                    optional(row.readiness.as_ref()),
                    point.id.to_owned(),
                    area_id(point.area).to_owned(),
                    point.level.as_str().to_owned(),
                    required,
                    answered,
                    "toolkit".to_owned(),
                    known(true),
                ],
            )?;
        }
        for (place, shown) in state_points.iter().enumerate() {
            // The plan's own declaration of the point, when its configuration has one.
            let asked = row.state.iter().find_map(|answer| {
                report
                    .state_declarations
                    .get(answer.declaration as usize)
                    .filter(|declaration| declaration.merged == place)
                    .map(|declaration| (answer, &declaration.point))
            });
            let (area, point_level, required, answered) = match asked {
                Some((answer, point)) => (
                    area_id(point.area).to_owned(),
                    point.level.as_str().to_owned(),
                    answer.required.to_string(),
                    answer.answered.to_string(),
                ),
                None => (
                    shown.area.clone(),
                    shown.level.clone(),
                    known(false),
                    String::new(),
                ),
            };
            line(
                out,
                &[
                    row.path.clone(),
                    optional(row.plan.as_ref()),
                    optional(row.readiness.as_ref()),
                    shown.id.clone(),
                    area,
                    point_level,
                    required,
                    answered,
                    "state".to_owned(),
                    known(asked.is_some()),
                ],
            )?;
        }
    }
    Ok(())
}

/// Writes `credentials.csv`: every distinct credential the network tracks, most plans first.
pub fn credentials(report: &Report, out: &mut impl Write) -> io::Result<()> {
    header(out, &CREDENTIAL_COLUMNS)?;
    for credential in report.credentials.shared.every_credential().credentials() {
        line(
            out,
            &[
                credential.key.to_owned(),
                crate::network::matched_by(credential.key).to_owned(),
                credential.title.to_owned(),
                credential.issuer.to_owned(),
                credential.plans.len().to_string(),
                credential.plans.join(" "),
            ],
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{amount, cell};

    #[test]
    fn formulas_are_neutralised_and_quotes_doubled() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-1"), "'-1");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("line\nbreak"), "\"line\nbreak\"");
        assert_eq!(cell("plain"), "plain");
    }

    #[test]
    fn amounts_have_two_decimals() {
        assert_eq!(amount(123_450), "1234.50");
        assert_eq!(amount(5), "0.05");
        assert_eq!(amount(-5), "-0.05");
    }
}
