//! The coverage heat map's cells: for one plan and one area, how many of the area's required
//! decision points the plan answers, the state's own (counted in the area they name) included.

use pathway_schema::{Area, DECISION_POINTS, Readiness};

use crate::report::{GroupCoverage, PlanRow};
use crate::words::area_id;

/// The most plans shown one per row in the coverage table and the heat map; a larger set is
/// shown by readiness level and organization kind, with every plan in `plans.csv`.
pub const MAX_PLAN_ROWS: usize = 40;

/// Answered and required points of `area` (its id) for a counted plan; `None` for a plan that
/// could not be read.
pub fn area_cell(row: &PlanRow, area: &str) -> Option<(u32, u32)> {
    let level = row.readiness.as_deref().and_then(Readiness::parse)?;
    let mask = row.answered?;
    let (mut answered, mut required) = (0, 0);
    for (i, point) in DECISION_POINTS.iter().enumerate() {
        if area_id(point.area) == area && point.level <= level {
            required += 1;
            if i < 64 && mask & (1 << i) != 0 {
                answered += 1;
            }
        }
    }
    for answer in row.state.iter().filter(|s| s.required) {
        if Area::ALL
            .get(usize::from(answer.area))
            .is_some_and(|&a| area_id(a) == area)
        {
            required += 1;
            answered += u32::from(answer.answered);
        }
    }
    Some((answered, required))
}

/// The cell as the coverage table shows it: `2/3`, or a dash where nothing is required.
pub fn cell_text(row: &PlanRow, area: &str) -> String {
    match area_cell(row, area) {
        Some((_, 0)) | None => "—".to_owned(),
        Some((answered, required)) => format!("{answered}/{required}"),
    }
}

/// The coverage of every group with plans, in the order of readiness levels, then of
/// organization kinds.
pub fn by_level(groups: &[GroupCoverage]) -> Vec<(Readiness, u64, [[u64; 4]; 9])> {
    let mut levels: Vec<(Readiness, u64, [[u64; 4]; 9])> = Vec::new();
    for group in groups {
        let at = match levels
            .iter()
            .position(|(level, _, _)| *level == group.level)
        {
            Some(at) => at,
            None => {
                levels.push((group.level, 0, [[0; 4]; 9]));
                levels.len() - 1
            }
        };
        if let Some((_, plans, areas)) = levels.get_mut(at) {
            *plans += group.plans;
            for (sum, area) in areas.iter_mut().zip(&group.areas) {
                for (s, a) in sum.iter_mut().zip(area) {
                    *s += a;
                }
            }
        }
    }
    levels
}

/// The counted plans' rows, in plan order, when there are few enough to show one by one
/// ([`MAX_PLAN_ROWS`]); none for a larger set, which is shown by group.
pub fn few_counted(report: &crate::report::Report) -> std::io::Result<Vec<crate::report::PlanRow>> {
    if report.totals.counted as usize > MAX_PLAN_ROWS {
        return Ok(Vec::new());
    }
    let mut rows = Vec::new();
    for placed in report.plans.iter()? {
        let row = placed?.row;
        if row.answered.is_some() {
            rows.push(row);
        }
    }
    Ok(rows)
}
