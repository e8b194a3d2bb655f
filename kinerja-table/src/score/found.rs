//! Problems found while scoring, with the error family each one belongs to.

use kinerja_core::Error;
use kinerja_core::error::ErrorFamily;

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

/// The problems of one run, each with its family.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub(crate) items: Vec<ScoreError>,
}

impl Found {
    pub(crate) fn input(&mut self, p: Problem) {
        self.items.push(ScoreError { problem: p, family: ErrorFamily::Input });
    }
    pub(crate) fn with_family(&mut self, p: Problem, family: ErrorFamily) {
        self.items.push(ScoreError { problem: p, family });
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
        self.items.push(ScoreError { problem: p, family: e.family() });
    }
    /// The problem to raise: the lowest indicator row, then employee row, then unit row.
    pub(crate) fn first(&self) -> Option<&ScoreError> {
        let order = |t: TableKind| match t {
            TableKind::Indicators => 0,
            TableKind::Employees => 1,
            _ => 2,
        };
        self.items.iter().min_by_key(|e| (order(e.problem.table), e.problem.row.unwrap_or(0)))
    }
}
