//! The direct path's problems, worded by the table layer: one way of reporting problems
//! whatever path scored. [`score_tables`](super::score_tables) counts the problems and names
//! the employees they concern; [`word_problems`] sends those employees' rows (or, when they
//! are many, the whole tables) through [`run_with`], which locates each problem in its table,
//! row and cell, and raises the lowest or collects them all.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::UInt32Type;
use arrow_array::{Array, ArrayRef, RecordBatch, UInt64Array};
use arrow_schema::{Field, Schema};
use kinerja_core::rules::Ruleset;

use super::decimals_at;
use super::tables::TableScores;
use crate::columns::{ColumnType, column_type};
use crate::read::ReadOptions;
use crate::run::{Inputs, RunError, Source, run_with};
use crate::score::ScoreOptions;

/// A table and the numbers problems give its rows (`None`: as the table layer numbers the
/// rows of an Arrow batch, from [`ReadOptions::batch_first_row`]).
#[derive(Debug, Clone, Copy)]
pub struct Numbered<'a> {
    /// The table as given to [`score_tables`](super::score_tables).
    pub table: &'a RecordBatch,
    /// One number per row.
    pub rows: Option<&'a [u64]>,
}

impl<'a> Numbered<'a> {
    /// `table`, its rows numbered as the table layer numbers a batch's.
    pub fn new(table: &'a RecordBatch) -> Self {
        Numbered { table, rows: None }
    }

    fn source(&self) -> Source<'a> {
        match self.rows {
            Some(rows) => Source::Numbered(self.table, rows),
            None => Source::Batch(self.table),
        }
    }
}

/// The problems of the direct path, worded.
#[derive(Debug)]
#[non_exhaustive]
pub struct Worded {
    /// The table layer's problem table (its `problems`).
    pub problems: RecordBatch,
    /// How many indicator rows the table layer read to word them.
    pub rows_read: usize,
}

/// The most indicator rows of `n` whose problems are worded on those rows alone: a quarter.
/// Past it the whole tables are read (the same problems, sooner: at 1 000 000 employees with
/// a problem in every tenth row, half the rows took 1.7 s on their own against 1.55 s for the
/// whole tables).
pub fn subset_limit(n: usize) -> usize {
    n / 4
}

/// The problems `scores` counted on the tables `ind`, `emp`, `units` (as given to
/// [`score_tables`](super::score_tables)), worded by the table layer ([`run_with`] with
/// `read`, `rules` and `options`): on the rows of the employees they concern when those are
/// at most `limit` indicator rows (see [`subset_limit`]), else on the whole tables. The whole
/// tables are also read when a problem concerns no employee, when a float number cannot be
/// shown at its whole column's places, and when units take their organisational predicate
/// from their employees' rows (an employee's unit needs every employee of it). Under
/// [`OnError::Raise`](crate::score::OnError::Raise) the lowest problem is the error.
pub fn word_problems(
    (ind, emp, units): (Numbered<'_>, Option<Numbered<'_>>, Option<Numbered<'_>>),
    scores: &TableScores,
    limit: usize,
    read: &ReadOptions,
    rules: Option<&Ruleset>,
    options: &ScoreOptions,
) -> Result<Worded, RunError> {
    let units_source = units.as_ref().map(Numbered::source);
    if let Some(cut) = cut(&ind, emp.as_ref(), scores, limit) {
        let inputs = Inputs {
            indicators: Source::Numbered(&cut.indicators, &cut.indicator_rows),
            employees: cut.employees.as_ref().map(|(b, rows)| Source::Numbered(b, rows)),
            units: units_source,
        };
        let problems = run_with(&inputs, read, rules, options)?.problems;
        return Ok(Worded { problems, rows_read: cut.indicators.num_rows() });
    }
    let inputs = Inputs {
        indicators: ind.source(),
        employees: emp.as_ref().map(Numbered::source),
        units: units_source,
    };
    let problems = run_with(&inputs, read, rules, options)?.problems;
    Ok(Worded { problems, rows_read: ind.table.num_rows() })
}

/// The rows of the employees with a problem, cut from the tables, with the numbers they have
/// in the whole tables.
struct Cut {
    indicators: RecordBatch,
    indicator_rows: Vec<u64>,
    employees: Option<(RecordBatch, Vec<u64>)>,
}

/// The [`Cut`] of the employees `scores` names, `None` to read the whole tables.
fn cut(ind: &Numbered<'_>, emp: Option<&Numbered<'_>>, scores: &TableScores, limit: usize) -> Option<Cut> {
    if !scores.by_unit {
        return None;
    }
    let bad = scores.problem_employees.as_ref()?;
    let mut of_bad = vec![false; scores.employees.num_rows()];
    for e in bad {
        *of_bad.get_mut(usize::try_from(*e).ok()?)? = true;
    }
    let index = scores.employee_index.as_primitive_opt::<UInt32Type>()?;
    let taken: Vec<u64> = index
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_some_and(|e| of_bad.get(e as usize).copied().unwrap_or(false)))
        .map(|(i, _)| i as u64)
        .collect();
    if taken.len() > limit {
        return None;
    }
    let indicators = at_scales(take(ind.table, &taken)?, &scores.scales)?;
    let employees = match emp {
        Some(e) => {
            let rows: Vec<u64> = bad.iter().map(|r| u64::try_from(*r).ok()).collect::<Option<_>>()?;
            Some((take(e.table, &rows)?, numbers(&rows, e.rows)?))
        }
        None => None,
    };
    Some(Cut { indicators, indicator_rows: numbers(&taken, ind.rows)?, employees })
}

/// The rows `rows` of `table`.
fn take(table: &RecordBatch, rows: &[u64]) -> Option<RecordBatch> {
    let indices = UInt64Array::from(rows.to_vec());
    arrow_select::take::take_record_batch(table, &indices).ok()
}

/// The numbers of rows `taken` of a table whose rows are numbered `given` (`None`: by their
/// positions, as an Arrow batch's rows are).
fn numbers(taken: &[u64], given: Option<&[u64]>) -> Option<Vec<u64>> {
    match given {
        None => Some(taken.to_vec()),
        Some(g) => taken.iter().map(|i| g.get(usize::try_from(*i).ok()?).copied()).collect(),
    }
}

/// `part` (rows of the indicator table) with its float number columns as decimals at the
/// places their whole columns were read at (`scales`), so that the table layer shows each
/// number as it does in the whole table (a float column is read at the places its values
/// need: `-5` in a column of cents is `-5.00`); `None` when a value cannot be held so.
fn at_scales(part: RecordBatch, scales: &[(&'static str, u32)]) -> Option<RecordBatch> {
    let schema = part.schema();
    let mut fields: Vec<Arc<Field>> = schema.fields().iter().cloned().collect();
    let mut columns: Vec<ArrayRef> = part.columns().to_vec();
    for (field, column) in fields.iter_mut().zip(columns.iter_mut()) {
        let number = column_type(field.name()) == Some(ColumnType::Decimal);
        if !number || !column.data_type().is_floating() {
            continue;
        }
        let scale = scales.iter().find(|(n, _)| n == field.name())?.1;
        let exact = decimals_at(column, scale)?;
        *field = Arc::new(Field::new(field.name(), exact.data_type().clone(), true));
        *column = exact;
    }
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use arrow_array::{Float64Array, Int64Array};

    #[test]
    fn rows_are_numbered_as_in_the_whole_table() {
        assert_eq!(numbers(&[0, 2], None), Some(vec![0, 2]));
        assert_eq!(numbers(&[0, 2], Some(&[7, 8, 9])), Some(vec![7, 9]));
        assert_eq!(numbers(&[3], Some(&[7, 8, 9])), None);
    }

    #[test]
    fn float_numbers_are_read_at_their_whole_columns_places() {
        let part = RecordBatch::try_from_iter([
            ("employee", Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef),
            ("actual", Arc::new(Float64Array::from(vec![Some(-5.0), None])) as ArrayRef),
            ("weight", Arc::new(Int64Array::from(vec![1, 1])) as ArrayRef),
        ])
        .unwrap();
        let got = at_scales(part.clone(), &[("actual", 2), ("weight", 0)]).unwrap();
        let actual = got.column_by_name("actual").unwrap();
        assert_eq!(actual.data_type(), &arrow_schema::DataType::Decimal128(38, 2));
        let d = actual.as_primitive::<arrow_array::types::Decimal128Type>();
        assert_eq!((d.value(0), d.is_null(1)), (-500, true));
        // integer columns stay as they are
        assert_eq!(got.column_by_name("weight").unwrap().data_type(), &arrow_schema::DataType::Int64);
        // a float column whose scale is not known, or a value that needs more places: whole tables
        assert!(at_scales(part.clone(), &[("weight", 0)]).is_none());
        let fine =
            RecordBatch::try_from_iter([("actual", Arc::new(Float64Array::from(vec![0.125])) as ArrayRef)])
                .unwrap();
        assert!(at_scales(fine, &[("actual", 2)]).is_none());
    }
}
