//! Problems found while scoring, with the error family each one belongs to.

use kinerja_core::Error;
use kinerja_core::error::ErrorFamily;

use super::origin::{Origins, Renumbering};
use crate::problem::Problem;
use crate::schema::TableKind;

/// A problem that stops the run (`on_error = raise`, or a table that cannot be scored at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreError {
    /// What went wrong and where.
    pub problem: Problem,
    /// The family of the error (the Python binding maps it to an exception class).
    pub family: ErrorFamily,
}

impl std::fmt::Display for ScoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.problem.fmt(f)
    }
}

impl std::error::Error for ScoreError {}

impl ScoreError {
    /// An input error about a whole table (a missing or mistyped column).
    pub fn table(table: TableKind, message: impl Into<String>) -> Self {
        ScoreError { problem: Problem::new(table, message), family: ErrorFamily::Input }
    }
}

/// The problems of one run, each with its family. A problem made while scoring names a row
/// of the canonical table; it is made to name the source row (and so is each row number of
/// its message) as it arrives. With `first_only` (`on_error = raise`) only the problem
/// [`Found::first`] returns is kept: a table with a problem on each of its million rows then
/// holds one message, not a million.
///
/// The reader's problems are not copied: they are listed first, from where they are.
#[derive(Debug, Default)]
pub(crate) struct Found<'a> {
    /// The reader's problems listed (none under `first_only`, where the first is in `items`).
    read: &'a [Problem],
    pub(crate) items: Vec<ScoreError>,
    rows: Renumbering<'a>,
    first_only: bool,
}

/// The order problems are raised in: the lowest indicator row, then employee row, then unit
/// row (a problem of a whole table, without a row, before its rows).
fn order(table: TableKind, row: Option<u64>) -> (usize, u64) {
    (table.index(), row.unwrap_or(0))
}

impl<'a> Found<'a> {
    /// Problems of tables whose rows came from `origins`, the reader's problems of
    /// `origins` first, keeping only the first with `first_only`.
    pub(crate) fn new(origins: Origins<'a>, first_only: bool) -> Self {
        let mut found = Found { read: &[], items: Vec::new(), rows: Renumbering::new(origins), first_only };
        match first_only {
            true => {
                let first = origins.problems.iter().min_by_key(|p| order(p.table, p.row));
                found
                    .items
                    .extend(first.map(|p| ScoreError { problem: p.clone(), family: ErrorFamily::Input }));
            }
            false => found.read = origins.problems,
        }
        found
    }
    /// Every problem in the order found: the reader's, then the others.
    pub(crate) fn all(&self) -> impl Iterator<Item = (&Problem, ErrorFamily)> + Clone {
        let read = self.read.iter().map(|p| (p, ErrorFamily::Input));
        read.chain(self.items.iter().map(|e| (&e.problem, e.family)))
    }
    pub(crate) fn input(&mut self, p: Problem) {
        self.with_family(p, ErrorFamily::Input);
    }
    pub(crate) fn with_family(&mut self, mut p: Problem, family: ErrorFamily) {
        self.rows.problem(&mut p);
        self.keep(ScoreError { problem: p, family });
    }
    /// Whether a problem at 0-based row `row` of canonical table `table` would be kept (it
    /// would not be under `first_only` after an earlier one): the caller need not word it.
    pub(crate) fn wants(&mut self, table: TableKind, row: Option<usize>) -> bool {
        let shown = row.map(|r| self.rows.row(table, r as u64 + 1));
        self.wants_source(table, shown)
    }
    fn wants_source(&self, table: TableKind, row: Option<u64>) -> bool {
        !self.first_only
            || self.items.first().is_none_or(|f| order(table, row) < order(f.problem.table, f.problem.row))
    }
    fn keep(&mut self, e: ScoreError) {
        if !self.first_only {
            self.items.push(e);
        } else if self.wants_source(e.problem.table, e.problem.row) {
            self.items = vec![e];
        }
    }
    /// A core error located at `table` row `row` (0-based), for `employee` and `indicator`.
    pub(crate) fn core(
        &mut self,
        e: &Error,
        table: TableKind,
        row: Option<usize>,
        employee: Option<&str>,
        indicator: Option<&str>,
        value: Option<String>,
    ) {
        // the message names the same 1-based row as the problem
        let shown = match row {
            Some(r) => e.clone().at_row(r as u64 + 1),
            None => e.clone(),
        };
        let mut p = Problem::from_error(table, &shown);
        if let Some(r) = row {
            p = p.at_row(r as u64 + 1);
        }
        if let Some(id) = employee.or_else(|| e.location().and_then(|l| l.employee.as_deref())) {
            p = p.for_employee(id);
        }
        if let Some(id) = indicator.or_else(|| e.location().and_then(|l| l.indicator.as_deref())) {
            p = p.for_indicator(id);
        }
        if let Some(f) = e.field() {
            p.column = Some(f.to_string());
            p.value = value;
        }
        self.with_family(p, e.family());
    }
    /// The problem to raise: the lowest indicator row, then employee row, then unit row.
    pub(crate) fn first(&self) -> Option<ScoreError> {
        let (p, family) = self.all().min_by_key(|(p, _)| order(p.table, p.row))?;
        Some(ScoreError { problem: p.clone(), family })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::score::Origin;

    /// Problems name source rows as they arrive; `first_only` keeps the one `first` returns
    /// (the lowest table and row, the earliest among equals) and wants only earlier ones.
    #[test]
    fn first_only_keeps_the_problem_first_returns() {
        let rows = [1, 3, 4, 6]; // a file's blank rows 2 and 5 skipped
        let origins = Origins {
            indicators: Origin { source_rows: Some(&rows), row_valid: None },
            ..Origins::default()
        };
        let problems = [
            (TableKind::Employees, 1, "an employee"),
            (TableKind::Indicators, 4, "the last"),
            (TableKind::Indicators, 2, "the first"),
            (TableKind::Indicators, 2, "the first's twin"),
            (TableKind::Units, 1, "a unit"),
        ];
        let (mut all, mut first) = (Found::new(origins, false), Found::new(origins, true));
        for (table, row, what) in problems {
            for found in [&mut all, &mut first] {
                found.input(Problem::new(table, format!("row {row}: {what}")).at_row(row));
            }
        }
        assert_eq!((all.items.len(), first.items.len()), (5, 1));
        assert_eq!(first.first(), all.first());
        assert_eq!(all.all().count(), 5);
        let kept = &first.items[0].problem;
        assert_eq!((kept.row, kept.message.as_str()), (Some(3), "row 3: the first"));
        assert_eq!(all.items[1].problem.row, Some(6));
        // canonical row 1 (0-based) is source row 3: not before the kept one; row 0 is
        assert!(!first.wants(TableKind::Indicators, Some(1)));
        assert!(first.wants(TableKind::Indicators, Some(0)));
        assert!(!first.wants(TableKind::Employees, Some(0)));
        assert!(all.wants(TableKind::Employees, Some(9)));
        // an employee row before a unit row, whatever their numbers
        let mut rows = Found::new(Origins::default(), true);
        rows.input(Problem::new(TableKind::Units, "a unit").at_row(1));
        rows.input(Problem::new(TableKind::Employees, "an employee").at_row(5));
        assert_eq!(rows.first().map(|e| e.problem.table), Some(TableKind::Employees));
    }
}
