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

use std::borrow::Cow;
use std::path::Path;

use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use kinerja_core::batch;
use kinerja_core::error::ErrorFamily;
use kinerja_core::evaluation::Evaluation;
use kinerja_core::lang::Lang;
use kinerja_core::model::Plan;
use kinerja_core::period::Period;
use kinerja_core::rules::{RegimeId, Ruleset};

use crate::locate;
use crate::plans::plan_of;
use crate::problem::Problem;
use crate::read::{
    FileFormat, ReadError, ReadOptions, ReadTable, canonicalise, canonicalise_numbered, read_bytes, read_path,
};
use crate::schema::TableKind;
use crate::score::{OnError, Origin, Origins, ScoreError, ScoreOptions, Scored, Tables, score_read_with};

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

    /// The error in `lang`: English is the `Display`; Indonesian names the table and words the
    /// reason from the message catalogue (a located problem as [`Problem::text`] words it).
    ///
    /// ```
    /// use kinerja_core::lang::Lang;
    /// use kinerja_core::rules::Ruleset;
    /// use kinerja_table::run::batch_rules;
    /// let e = batch_rules(&Ruleset::builtin("pp-46-2011").unwrap()).unwrap_err();
    /// assert_eq!(e.text(Lang::En), e.to_string());
    /// assert!(e.text(Lang::Id).contains("kebijakan `regime`: penilaian tabel sekaligus hanya menerapkan"));
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        match self {
            _ if lang == Lang::En => self.to_string(),
            RunError::Read { error: ReadError::Problem(p), .. } => p.text(lang),
            RunError::Read { table, error } => {
                format!(
                    "{}: {}",
                    table.name_in(lang),
                    kinerja_core::error::translate(&error.to_string(), lang)
                )
            }
            RunError::Score(s) => s.problem.text(lang),
        }
    }
}

/// The regime batch scoring implements: the batch kernel ([`kinerja_core::batch`]) is that of
/// PermenPANRB 6/2022.
pub const BATCH_REGIME: RegimeId = RegimeId::Permenpanrb6_2022;

/// Refuses `rules` whose regime is not [`BATCH_REGIME`], before any table is read: every batch
/// surface is behind it ([`score`](crate::score::score) and [`run`], hence `kinerja.score`'s
/// table layer, the command line and `POST /v1/score`; and `kinerja.score`'s direct path). A
/// PP 46/2011 or PermenPANRB 8/2021 plan is evaluated one by one by the scalar
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
    refuse_other_regimes(rules, None).map_err(RunError::Score)
}

/// The rules batch scoring applies for the evaluated `period`: `given`, else (as the scalar
/// `evaluate` chooses) the builtin ruleset in force for the period, else, when no period is
/// known (rows holding the period's values), the builtin PermenPANRB 6/2022 ruleset. Rules of
/// another regime are refused by the check of [`batch_rules`], naming the period when the
/// rules were chosen for it: a 2019 table is refused (PP 46/2011 is in force), not scored
/// under 6/2022. Given rules outside their dates still score, as `evaluate` scores them (a
/// what-if; `evaluate` notes it, a result table has no place for notes).
///
/// ```
/// use kinerja_table::run::batch_rules_for;
/// assert_eq!(batch_rules_for(None, Some("2024".parse().unwrap())).unwrap().id(), "permenpanrb-6-2022");
/// let e = batch_rules_for(None, Some("2019".parse().unwrap())).unwrap_err().to_string();
/// assert!(e.contains("the regime in force for 2019 is PP 46/2011"), "{e}");
/// ```
pub fn batch_rules_for(
    given: Option<&Ruleset>,
    period: Option<Period>,
) -> Result<Cow<'_, Ruleset>, RunError> {
    rules_for(given, period).map_err(RunError::Score)
}

/// [`batch_rules_for`] with the table layer's error.
pub(crate) fn rules_for(
    given: Option<&Ruleset>,
    period: Option<Period>,
) -> Result<Cow<'_, Ruleset>, ScoreError> {
    let (rules, chosen_for) = match (given, period) {
        (Some(r), _) => (Cow::Borrowed(r), None),
        (None, Some(p)) => {
            let r = kinerja_core::regime::rules_in_force(&p).map_err(|e| ScoreError {
                problem: Problem::from_error(TableKind::Indicators, &e),
                family: e.family(),
            })?;
            (Cow::Owned(r), Some(p))
        }
        (None, None) => (Cow::Owned(Ruleset { regime: BATCH_REGIME, policy: Default::default() }), None),
    };
    refuse_other_regimes(&rules, chosen_for)?;
    Ok(rules)
}

/// The check of [`batch_rules`]; `chosen_for`: the period the rules were chosen for.
fn refuse_other_regimes(rules: &Ruleset, chosen_for: Option<Period>) -> Result<(), ScoreError> {
    if rules.regime == BATCH_REGIME {
        return Ok(());
    }
    let regime = rules.regime.citation();
    let path = "regime".to_string();
    let e = match chosen_for {
        None => kinerja_core::Error::Policy {
            path,
            reason: format!(
                "batch scoring implements PermenPANRB 6/2022; for {regime} evaluate plans one by one (kj.evaluate / `POST /v1/evaluate`)"
            ),
        },
        Some(period) => kinerja_core::Error::Policy {
            path,
            reason: format!(
                "batch scoring implements PermenPANRB 6/2022; the regime in force for {period} is {regime}: evaluate plans one by one (kj.evaluate / `POST /v1/evaluate`)"
            ),
        },
    };
    Err(ScoreError { problem: Problem::from_error(TableKind::Indicators, &e), family: ErrorFamily::Policy })
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
    run_with(inputs, read, Some(rules), options)
}

/// [`run`] under `rules`, or without them under the builtin ruleset in force for the
/// evaluated period, given or inferred from the tables ([`batch_rules_for`]): what a surface
/// calls when its caller names no rules, so that a 2019 table is refused as `evaluate` would
/// evaluate its plans under PP 46/2011.
pub fn run_with(
    inputs: &Inputs,
    read: &ReadOptions,
    rules: Option<&Ruleset>,
    options: &ScoreOptions,
) -> Result<Scored, RunError> {
    // refused before any table is read when the rules or the period decide it already
    batch_rules_for(rules, options.period)?;
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
    let mut scored =
        score_read_with(&tables(&ind, &emp, &units), &origins, rules, options).map_err(RunError::Score)?;
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
///
/// A refusal of the plan names the employee, not a row; [`explain`] names the row too.
pub fn explain_inputs(
    inputs: &Inputs,
    read: &ReadOptions,
    employee: &str,
    period: Option<Period>,
) -> Result<(Plan, Period), RunError> {
    let (ind, emp, units) = explain_read(inputs, read, employee)?;
    plan_of(&tables(&ind, &emp, &units), employee, period).map_err(RunError::Score)
}

/// The evaluation of `employee` by the scalar [`evaluate`](kinerja_core::regime::evaluate),
/// with its cited explanation: the plan of [`explain_inputs`], validated, evaluated under
/// `rules`, or without them under the rules batch scoring applies for the evaluated period
/// ([`batch_rules_for`], so that the predicate is the one [`run_with`] gives). What
/// `POST /v1/score/explain` answers with.
///
/// Every error about the employee's plan is located as [`run`] locates it: the engine's
/// (a zero target, weights that do not add up, a missing rating) at the first indicator row of
/// the employee whose indicator the error names, else at the employee's first indicator row,
/// by its source row.
///
/// ```
/// use kinerja_table::read::{FileFormat, ReadOptions};
/// use kinerja_table::run::{Inputs, Source, explain};
/// let csv = "employee,unit,indicator,target,actual,period,work_result,behaviour\n\
///            a,U,a1,100,90,2024,meets,meets\nb,U,b1,100,90,2024,meets,meets\nb,U,b2,0,5,2024,meets,meets\n";
/// let inputs = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
/// let ev = explain(&inputs, &ReadOptions::default(), "a", None, None).unwrap();
/// assert_eq!(ev.employee, "a");
/// let e = explain(&inputs, &ReadOptions::default(), "b", None, None).unwrap_err();
/// assert!(e.to_string().starts_with("indicators row 3, employee `b`, indicator `b2`"), "{e}");
/// ```
pub fn explain(
    inputs: &Inputs,
    read: &ReadOptions,
    employee: &str,
    period: Option<Period>,
    rules: Option<&Ruleset>,
) -> Result<Evaluation, RunError> {
    let (ind, emp, units) = explain_read(inputs, read, employee)?;
    let (plan, period) =
        plan_of(&tables(&ind, &emp, &units), employee, period).map_err(|e| locate::plan_error(e, &ind))?;
    let located = |e: kinerja_core::Error| locate::engine_error(&e, employee, &ind);
    plan.validate().map_err(located)?;
    let rules = batch_rules_for(rules, Some(period))?;
    kinerja_core::regime::evaluate(&plan, period, &rules).map_err(located)
}

/// The tables of `inputs` read for [`explain_inputs`]: a cell the reader cannot take on a row
/// of `employee` is the error.
fn explain_read(
    inputs: &Inputs,
    read: &ReadOptions,
    employee: &str,
) -> Result<(ReadTable, Option<ReadTable>, Option<ReadTable>), RunError> {
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
    Ok((ind, emp, units))
}

/// The canonical tables of the tables read.
pub(crate) fn tables<'a>(
    ind: &'a ReadTable,
    emp: &'a Option<ReadTable>,
    units: &'a Option<ReadTable>,
) -> Tables<'a> {
    Tables {
        indicators: &ind.batch,
        employees: emp.as_ref().map(|t| &t.batch),
        units: units.as_ref().map(|t| &t.batch),
    }
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
