//! Errors about one employee's plan placed in the indicator table the plan was built from
//! ([`crate::plans`]), at the row [`run`](crate::run::run) names: the first row of the
//! employee whose indicator is the one the error names, else the employee's first row, as the
//! reader numbers it ([`ReadTable::source_rows`]). The scalar engine's errors name the employee
//! and perhaps an indicator, never a row: without this a roster's explanation or document
//! would be refused without saying where.
#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

use kinerja_core::Error;

use crate::cells::{Text, column};
use crate::plans::{indicator_id, rows_of};
use crate::problem::Problem;
use crate::read::ReadTable;
use crate::run::RunError;
use crate::schema::TableKind;
use crate::score::ScoreError;

/// The engine error `e` about `employee`'s plan, at its row of the indicator table `ind`.
pub(crate) fn engine_error(e: &Error, employee: &str, ind: &ReadTable) -> RunError {
    let row = row_of(ind, employee, e.location().and_then(|at| at.indicator.as_deref()));
    let problem = Problem::from_error_at(TableKind::Indicators, e, row, employee);
    RunError::Score(ScoreError { problem, family: e.family() })
}

/// A refusal of `employee`'s plan ([`crate::plans::plan_of`]: a unit missing, a word not
/// accepted, an engine error) that names no row, at its row of the indicator table `ind`;
/// any other error as it is.
pub(crate) fn plan_error(e: ScoreError, ind: &ReadTable) -> RunError {
    let p = &e.problem;
    let (Some(employee), None, TableKind::Indicators) = (&p.employee, p.row, p.table) else {
        return RunError::Score(e);
    };
    match p.error.as_deref() {
        Some(engine) => engine_error(engine, employee, ind),
        None => {
            let row = row_of(ind, employee, p.indicator.as_deref());
            RunError::Score(ScoreError { problem: Problem { row, ..e.problem }, family: e.family })
        }
    }
}

/// The source row of `employee`'s first row in the indicator table `ind` whose indicator is
/// `indicator` (its id as the plan has it), else of the employee's first row; `None` when the
/// employee has no indicator row.
fn row_of(ind: &ReadTable, employee: &str, indicator: Option<&str>) -> Option<u64> {
    let rows = rows_of(&ind.batch, employee);
    let ids = column(&ind.batch, "indicator").and_then(Text::of);
    let of_indicator =
        |i: &str| rows.iter().enumerate().find(|(n, r)| indicator_id(ids, *n, **r) == i).map(|(_, r)| *r);
    let r = indicator.and_then(of_indicator).or_else(|| rows.first().copied())?;
    ind.source_rows.get(r).copied()
}
