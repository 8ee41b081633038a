//! The roll-up's rows, one per plan, kept out of memory: rows wait in a small buffer, and each
//! time it fills they are sorted and written to a temporary file (a *run*); reading them back
//! merges the runs, so the rows come out in plan order (plan id, then file name) while memory
//! holds one buffer and one row per run, whatever the number of plans.
//!
//! Runs are anonymous temporary files in the system's temporary folder (`tempfile::tempfile`):
//! they have no name on disk once created, so nothing is left behind on an error, a Ctrl-C or
//! a kill. Each row is one line of JSON; a file name or an organization's name with a line
//! break in it is escaped by JSON, so lines never split a row.

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Write};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::state::StateAnswer;

/// Rows held in memory before they are sorted and written out as a run.
pub const RUN_ROWS: usize = 1024;

/// A row as a run stores it: with its reading position, the answered-points mask and the
/// answers to the state's points, which `report.json` does not show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    position: u32,
    answered: Option<u64>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    state: Vec<StateAnswer>,
    row: PlanRow,
}

/// A row and the position it was read in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    /// The order the plan was read in (0 for the first).
    pub position: u32,
    /// The row.
    pub row: PlanRow,
}

/// The order of the report's plans: by id (a plan that could not be read has none, and comes
/// first), then by file name.
fn order(row: &PlanRow) -> (&str, &str) {
    (row.plan.as_deref().unwrap_or(""), row.path.as_str())
}

/// Every plan's row: a buffer in memory and the runs written so far.
#[derive(Debug, Default)]
pub struct PlanRows {
    buffer: Vec<Placed>,
    runs: Vec<File>,
    len: u64,
    /// The first failure to write a run: the rows are incomplete, and every read says so.
    failed: Option<String>,
}

impl PartialEq for PlanRows {
    /// Two sets of rows are equal when they read back the same, in the same order.
    fn eq(&self, other: &PlanRows) -> bool {
        let rows = |r: &PlanRows| {
            r.iter()
                .and_then(|rows| rows.collect::<io::Result<Vec<_>>>())
        };
        match (rows(self), rows(other)) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        }
    }
}

impl PlanRows {
    /// No rows.
    pub fn new() -> PlanRows {
        PlanRows::default()
    }

    /// How many rows were added.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether no row was added.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Rows held in memory now: at most [`RUN_ROWS`].
    pub fn in_memory(&self) -> usize {
        self.buffer.len()
    }

    /// Runs written to temporary files so far.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Adds a row read at `position`; writes the buffer out as a run when it is full.
    pub fn push(&mut self, position: u32, row: PlanRow) {
        self.len += 1;
        if self.failed.is_some() {
            // The rows are incomplete already and every read will say so: keep no more.
            return;
        }
        self.buffer.push(Placed { position, row });
        if self.buffer.len() >= RUN_ROWS
            && let Err(error) = self.write_run()
        {
            self.buffer.clear();
            self.failed = Some(format!(
                "cannot keep the plans' rows in a temporary file: {error}"
            ));
        }
    }

    fn write_run(&mut self) -> io::Result<()> {
        // Stable: two rows for the same file named twice keep their reading order.
        self.buffer
            .sort_by(|a, b| order(&a.row).cmp(&order(&b.row)));
        let mut file = BufWriter::new(tempfile::tempfile()?);
        for mut placed in self.buffer.drain(..) {
            let stored = Stored {
                position: placed.position,
                answered: placed.row.answered,
                state: std::mem::take(&mut placed.row.state),
                row: placed.row,
            };
            serde_json::to_writer(&mut file, &stored)?;
            file.write_all(b"\n")?;
        }
        // No sync: the run is read back by this process and never outlives it.
        let file = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        self.runs.push(file);
        Ok(())
    }

    /// Sorts the rows still in memory, so that reading merges them with the runs.
    pub fn seal(&mut self) {
        self.buffer
            .sort_by(|a, b| order(&a.row).cmp(&order(&b.row)));
    }

    /// `Err` when a run could not be written: the rows are incomplete.
    pub fn check(&self) -> io::Result<()> {
        match &self.failed {
            Some(message) => Err(io::Error::other(message.clone())),
            None => Ok(()),
        }
    }

    /// Every row in plan order. Reading is a merge of the runs with the sealed buffer: call
    /// [`PlanRows::seal`] (as [`crate::Rollup::finish`] does) first.
    pub fn iter(&self) -> io::Result<Merge<'_>> {
        self.check()?;
        let mut sources: Vec<Source<'_>> = self
            .runs
            .iter()
            .map(|file| Source::Run(BufReader::new(RunReader { file, offset: 0 })))
            .collect();
        sources.push(Source::Memory(self.buffer.iter()));
        let mut heads = Vec::with_capacity(sources.len());
        for source in &mut sources {
            heads.push(source.next()?);
        }
        Ok(Merge {
            sources,
            heads,
            line: String::new(),
        })
    }
}

/// Reads a run from the start, with its own offset, so that passes over the rows never move
/// each other (positional reads leave the file's shared offset alone).
struct RunReader<'a> {
    file: &'a File,
    offset: u64,
}

impl Read for RunReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        #[cfg(unix)]
        let n = std::os::unix::fs::FileExt::read_at(self.file, buf, self.offset)?;
        #[cfg(windows)]
        let n = std::os::windows::fs::FileExt::seek_read(self.file, buf, self.offset)?;
        self.offset += n as u64;
        Ok(n)
    }
}

enum Source<'a> {
    Run(BufReader<RunReader<'a>>),
    Memory(std::slice::Iter<'a, Placed>),
}

impl Source<'_> {
    fn next(&mut self) -> io::Result<Option<Placed>> {
        let mut line = String::new();
        self.next_with(&mut line)
    }

    fn next_with(&mut self, line: &mut String) -> io::Result<Option<Placed>> {
        match self {
            Source::Memory(rows) => Ok(rows.next().cloned()),
            Source::Run(reader) => {
                line.clear();
                if reader.read_line(line)? == 0 {
                    return Ok(None);
                }
                let stored: Stored = serde_json::from_str(line).map_err(io::Error::other)?;
                let mut row = stored.row;
                row.answered = stored.answered;
                row.state = stored.state;
                Ok(Some(Placed {
                    position: stored.position,
                    row,
                }))
            }
        }
    }
}

/// The rows in plan order, merged from the runs.
pub struct Merge<'a> {
    sources: Vec<Source<'a>>,
    heads: Vec<Option<Placed>>,
    line: String,
}

impl Iterator for Merge<'_> {
    type Item = io::Result<Placed>;

    fn next(&mut self) -> Option<io::Result<Placed>> {
        // Runs are few (one per RUN_ROWS plans): a scan for the least head is enough. Ties go
        // to the earlier run, which holds the earlier-read rows.
        let mut least: Option<usize> = None;
        for (i, head) in self.heads.iter().enumerate() {
            let Some(head) = head else { continue };
            let better = match least
                .and_then(|l| self.heads.get(l))
                .and_then(Option::as_ref)
            {
                Some(best) => order(&head.row) < order(&best.row),
                None => true,
            };
            if better {
                least = Some(i);
            }
        }
        let i = least?;
        let next = match self.sources.get_mut(i) {
            Some(source) => source.next_with(&mut self.line),
            None => Ok(None),
        };
        let slot = self.heads.get_mut(i)?;
        match next {
            Ok(next) => std::mem::replace(slot, next).map(Ok),
            Err(error) => {
                *slot = None;
                Some(Err(error))
            }
        }
    }
}

/// Serializes the rows as a JSON array, read back in plan order (for `report.json`).
pub fn serialize<S: serde::Serializer>(rows: &PlanRows, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::{Error, SerializeSeq};
    let merged = rows.iter().map_err(S::Error::custom)?;
    let mut seq = serializer.serialize_seq(Some(usize::try_from(rows.len()).unwrap_or(0)))?;
    for placed in merged {
        seq.serialize_element(&placed.map_err(S::Error::custom)?.row)?;
    }
    seq.end()
}

/// One plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanRow {
    /// The file, as named or found.
    pub path: String,
    /// The plan's id, when it could be read.
    pub plan: Option<String>,
    /// The organization's name.
    pub organization: Option<String>,
    /// The organization's kind.
    pub organization_kind: Option<String>,
    /// The readiness level.
    pub readiness: Option<String>,
    /// `counted`, or `not-counted` when the file could not be read as a plan.
    pub status: String,
    /// Errors.
    pub errors: u64,
    /// Warnings.
    pub warnings: u64,
    /// Information findings.
    pub infos: u64,
    /// Whether every decision point the level requires is answered.
    pub complete_for_level: Option<bool>,
    /// Decision points the level requires.
    pub points_required: u64,
    /// Of those, the points answered.
    pub points_answered: u64,
    /// The required points left open.
    pub open_points: Vec<String>,
    /// Credentials.
    pub credentials: u64,
    /// Opportunities.
    pub opportunities: u64,
    /// Opportunities that keep the educator in the classroom.
    pub in_classroom: u64,
    /// The incentive types offered.
    pub incentive_types: Vec<String>,
    /// The equity groups named, as written.
    pub disaggregate_by: Vec<String>,
    /// The budget's currency.
    pub currency: Option<String>,
    /// Projected cost over all years.
    pub cost_cents: i64,
    /// Committed funding over all years.
    pub committed_cents: i64,
    /// Shortfall over all years.
    pub shortfall_cents: i64,
    /// Educators served.
    pub educators: Option<u32>,
    /// Schools.
    pub schools: Option<u32>,
    /// Students.
    pub students: Option<u32>,
    /// Bit `i` set when decision point `i` is answered (for `decision-points.csv`).
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) answered: Option<u64>,
    /// The plan's answers to the state's own points its configuration declares (for
    /// `decision-points.csv` and the coverage cells).
    #[serde(skip)]
    #[schemars(skip)]
    pub(crate) state: Vec<StateAnswer>,
}
