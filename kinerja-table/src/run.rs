//! One call from inputs to results: each table read from a file, from file contents or from
//! an Arrow batch (the same column resolution and typed conversion for all three), then
//! scored. This is what the Python package, the command line and the HTTP server call.
//!
//! ```
//! use kinerja_table::read::ReadOptions;
//! use kinerja_table::numbers::NumberFormat;
//! use kinerja_table::read::FileFormat;
//! use kinerja_table::run::{run, Inputs, Source};
//! use kinerja_table::score::{OnError, ScoreOptions};
//! use kinerja_core::rules::Ruleset;
//!
//! let csv = "NIP;Indikator;Target;Realisasi;Hasil Kerja;Perilaku\n\
//!            198701012010011001;Pasien dilayani;1.200;1.080;sesuai;sesuai\n";
//! let read = ReadOptions { number_format: NumberFormat::Id, ..ReadOptions::default() };
//! let inputs = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
//! let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
//! let scored = run(&inputs, &read, &rules, &ScoreOptions::default()).unwrap();
//! assert_eq!(scored.employees.num_rows(), 1);
//! ```

#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use kinerja_core::batch;
use kinerja_core::error::ErrorFamily;
use kinerja_core::model::Plan;
use kinerja_core::period::Period;
use kinerja_core::rules::{RegimeId, Ruleset};

use crate::plans::plan_of;
use crate::problem::Problem;
use crate::read::{
    FileFormat, ReadError, ReadOptions, ReadTable, canonicalise, canonicalise_numbered, read_bytes, read_path,
};
use crate::schema::TableKind;
use crate::score::{OnError, Origin, Origins, ScoreError, ScoreOptions, Scored, Tables, score_read};

/// Where a table comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// A file, its format by extension unless [`ReadOptions::format`] says otherwise.
    Path(&'a Path),
    /// File contents of a format.
    Bytes(&'a [u8], FileFormat),
    /// An Arrow batch with any column names (resolved as a file's headers are).
    Batch(&'a RecordBatch),
    /// An Arrow batch whose rows problems name by the given numbers, one per row (a chunk
    /// of a file streamed in batches: its data rows).
    Numbered(&'a RecordBatch, &'a [u64]),
}

/// The tables of one run.
#[derive(Debug, Clone, Copy)]
pub struct Inputs<'a> {
    /// One row per indicator (and period).
    pub indicators: Source<'a>,
    /// One row per employee (optional: employee columns may be on the indicator rows).
    pub employees: Option<Source<'a>>,
    /// One row per unit (optional).
    pub units: Option<Source<'a>>,
}

impl<'a> Inputs<'a> {
    /// Only an indicator table.
    pub fn new(indicators: Source<'a>) -> Self {
        Inputs { indicators, employees: None, units: None }
    }
}

/// Why a run stopped.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RunError {
    /// A table could not be read (for a cell problem in `raise` mode: the first one).
    #[error("{} table: {error}", table.name())]
    Read {
        /// The table.
        table: TableKind,
        /// What went wrong.
        error: ReadError,
    },
    /// Scoring stopped (`raise` mode, or a table that cannot be scored).
    #[error("{0}")]
    Score(ScoreError),
}

impl RunError {
    /// The error family (the Python binding maps it to an exception class).
    pub fn family(&self) -> ErrorFamily {
        match self {
            RunError::Read { .. } => ErrorFamily::Input,
            RunError::Score(e) => e.family,
        }
    }
}

/// The regime batch scoring implements: the batch kernel ([`kinerja_core::batch`]) is that of
/// PermenPANRB 6/2022.
pub const BATCH_REGIME: RegimeId = RegimeId::Permenpanrb6_2022;

/// Refuses `rules` whose regime is not [`BATCH_REGIME`], before any table is read: every batch
/// surface calls it ([`run`], hence `kinerja.score`'s table layer, the command line and
/// `POST /v1/score`; and `kinerja.score`'s direct path). A PP 46/2011 or PermenPANRB 8/2021
/// plan is evaluated one by one by the scalar
/// [`evaluate`](kinerja_core::regime::evaluate) instead.
///
/// The error is a [`ErrorFamily::Policy`] problem (Python: `PolicyError`) holding the engine's
/// [`Error::Policy`](kinerja_core::Error::Policy) at path `regime`.
///
/// ```
/// use kinerja_core::rules::Ruleset;
/// use kinerja_table::run::batch_rules;
/// assert!(batch_rules(&Ruleset::builtin("permenpanrb-6-2022").unwrap()).is_ok());
/// let e = batch_rules(&Ruleset::builtin("pp-46-2011").unwrap()).unwrap_err();
/// assert_eq!(e.family(), kinerja_core::error::ErrorFamily::Policy);
/// assert!(e.to_string().contains("batch scoring implements PermenPANRB 6/2022; for PP 46/2011"));
/// ```
pub fn batch_rules(rules: &Ruleset) -> Result<(), RunError> {
    if rules.regime == BATCH_REGIME {
        return Ok(());
    }
    let regime = rules.regime.citation();
    let e = kinerja_core::Error::Policy {
        path: "regime".into(),
        reason: format!(
            "batch scoring implements PermenPANRB 6/2022; for {regime} evaluate plans one by one (kj.evaluate / `POST /v1/evaluate`)"
        ),
    };
    Err(RunError::Score(ScoreError {
        problem: Problem::from_error(TableKind::Indicators, &e),
        family: ErrorFamily::Policy,
    }))
}

/// Reads `inputs` with `read` and scores them under `rules` (see the module docs). The
/// reader finds every cell problem, whatever `read.on_error` holds; under
/// [`ScoreOptions::on_error`] `Raise` the first problem of all is raised, a cell's or a row's
/// (the lowest row: a zero target on row 1 before a bad number on row 3), as a file scored in
/// batches stops at its first batch with a problem. Only that one is worded: a file with a
/// bad cell on each of its millions of rows holds one message, not millions.
///
/// Only the PermenPANRB 6/2022 rules are scored: other rules are refused first, by
/// [`batch_rules`].
pub fn run(
    inputs: &Inputs,
    read: &ReadOptions,
    rules: &Ruleset,
    options: &ScoreOptions,
) -> Result<Scored, RunError> {
    batch_rules(rules)?;
    let mut read = read.clone();
    read.on_error = match options.on_error {
        OnError::Raise => batch::OnError::Defer,
        OnError::Collect => batch::OnError::Collect,
    };
    read.columns_of_any_table = true;
    let (mut ind, mut emp, mut units) = read_tables(inputs, &read)?;
    // every header of the mapping is in one of the tables
    for (header, _) in &read.columns {
        let read_in = |t: &ReadTable| t.columns.iter().any(|(h, _)| h == header);
        if !(read_in(&ind) || emp.as_ref().is_some_and(read_in) || units.as_ref().is_some_and(read_in)) {
            return Err(RunError::Read {
                table: TableKind::Indicators,
                error: ReadError::Columns(format!(
                    "the column mapping names `{header}`, which is not a header of any table; check its spelling"
                )),
            });
        }
    }
    // moved, not copied (under `collect` a bad file has a problem a row)
    let mut problems = std::mem::take(&mut ind.problems);
    for t in emp.iter_mut().chain(units.iter_mut()) {
        problems.append(&mut t.problems);
    }
    let origins = Origins {
        indicators: origin(&ind),
        employees: emp.as_ref().map(origin).unwrap_or_default(),
        units: units.as_ref().map(origin).unwrap_or_default(),
        problems: &problems,
    };
    let tables = Tables {
        indicators: &ind.batch,
        employees: emp.as_ref().map(|t| &t.batch),
        units: units.as_ref().map(|t| &t.batch),
    };
    let mut scored = score_read(&tables, &origins, rules, options).map_err(RunError::Score)?;
    for t in std::iter::once(&ind).chain(emp.iter()).chain(units.iter()) {
        if !t.ignored_columns.is_empty() {
            scored.ignored_columns.push((t.kind, t.ignored_columns.clone()));
        }
    }
    Ok(scored)
}

/// Reads `inputs` as [`run`] does and builds the [`Plan`] of `employee` for the evaluated
/// period (`period`, else as [`run`] resolves it; see [`crate::plans`]), so the scalar
/// [`evaluate`](kinerja_core::regime::evaluate) can explain the employee's predicate with its
/// citations. A cell the reader cannot take on a row of `employee` stops the call with that
/// cell's problem (the plan is never built without the bad cell); bad cells of other
/// employees do not, and are not worded: a table is read again with every problem worded
/// only when a row of `employee` was refused.
pub fn explain_inputs(
    inputs: &Inputs,
    read: &ReadOptions,
    employee: &str,
    period: Option<Period>,
) -> Result<(Plan, Period), RunError> {
    let mut read = read.clone();
    read.on_error = batch::OnError::Defer;
    read.columns_of_any_table = true;
    let (ind, emp, units) = read_tables(inputs, &read)?;
    let sources = [Some(inputs.indicators), inputs.employees, inputs.units];
    for (t, source) in [Some(&ind), emp.as_ref(), units.as_ref()].into_iter().zip(sources) {
        let (Some(t), Some(source)) = (t, source) else { continue };
        if refused_a_row_of(t, employee) {
            read.on_error = batch::OnError::Collect;
            let again = read_source(source, &read, t.kind)?;
            if let Some(p) = again.problems.into_iter().find(|p| p.employee.as_deref() == Some(employee)) {
                return Err(RunError::Read { table: p.table, error: ReadError::Problem(Box::new(p)) });
            }
        }
    }
    let tables = Tables {
        indicators: &ind.batch,
        employees: emp.as_ref().map(|t| &t.batch),
        units: units.as_ref().map(|t| &t.batch),
    };
    plan_of(&tables, employee, period).map_err(RunError::Score)
}

/// Whether the reader refused a cell on a row of `employee` in `t` (true when the table's
/// employee ids are not text, so that the caller looks closer).
fn refused_a_row_of(t: &ReadTable, employee: &str) -> bool {
    let Some(ids) = t.batch.column_by_name("employee") else {
        return false;
    };
    let Some(ids) = ids.as_string_opt::<i32>() else {
        return true;
    };
    t.row_valid.iter().enumerate().any(|(i, ok)| !ok && ids.is_valid(i) && ids.value(i) == employee)
}

fn origin(t: &ReadTable) -> Origin<'_> {
    Origin { source_rows: Some(&t.source_rows), row_valid: Some(&t.row_valid) }
}

/// The three tables of `inputs`, each read with `read`.
fn read_tables(
    inputs: &Inputs,
    read: &ReadOptions,
) -> Result<(ReadTable, Option<ReadTable>, Option<ReadTable>), RunError> {
    let ind = read_source(inputs.indicators, read, TableKind::Indicators)?;
    let emp = inputs.employees.map(|s| read_source(s, read, TableKind::Employees)).transpose()?;
    let units = inputs.units.map(|s| read_source(s, read, TableKind::Units)).transpose()?;
    Ok((ind, emp, units))
}

/// Reads one table of `kind` from `source` (a file, file contents or an Arrow batch).
pub fn read_source(source: Source, read: &ReadOptions, kind: TableKind) -> Result<ReadTable, RunError> {
    let table = match source {
        Source::Path(p) => read_path(p, read, kind),
        Source::Bytes(b, format) => read_bytes(b, format, read, kind),
        Source::Batch(b) => canonicalise(b, read, kind),
        Source::Numbered(b, rows) => canonicalise_numbered(b, rows, read, kind),
    };
    table.map_err(|error| RunError::Read { table: kind, error })
}
