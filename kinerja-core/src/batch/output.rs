//! Options and results of a batch: what to do with errors, ids for locations, the output
//! tables and statistics.

use super::*;

/// What to do with bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum OnError {
    /// Stop with the first error: the one of the lowest indicator row, else of the lowest
    /// employee row.
    #[default]
    Raise,
    /// Score what is valid and list every error; an employee with any error gets no score.
    Collect,
    /// As `Collect`, but find every error without wording it: [`BatchOutput::faults`] says
    /// where each one is (a few bytes each) and [`Faults::error`] words the ones the caller
    /// reports. For a caller that reports only some of them, e.g. the first of several steps'
    /// problems: a table with an error on each of its million rows then holds no million
    /// messages. (The table reader's `Defer` likewise keeps only each table's first problem.)
    Defer,
}

/// Gives ids for error locations (only called when an error is reported).
pub trait Labels: Sync {
    /// The id (NIP) of employee row `i`.
    fn employee(&self, _i: usize) -> Option<String> {
        None
    }
    /// The id of the indicator on indicator row `i`.
    fn indicator(&self, _i: usize) -> Option<String> {
        None
    }
}

/// No ids: locations name rows only.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLabels;
impl Labels for NoLabels {}

/// The table an error row points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// The indicator table.
    Indicators,
    /// The employee table.
    Employees,
}

/// The errors of a batch, unworded: where each one is and what kind it is, without
/// allocation (see [`OnError::Defer`]). Indicator rows come first (by row), then employees
/// (by row), as in [`BatchOutput::errors`].
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Faults {
    pub(super) rows: Vec<(usize, RowFault)>,
    pub(super) employees: Vec<(usize, Option<EmpFault>)>,
}

impl Faults {
    /// How many errors.
    pub fn len(&self) -> usize {
        self.rows.len() + self.employees.len()
    }

    /// Whether there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table and 0-based row of each error, in order.
    pub fn iter(&self) -> impl Iterator<Item = (Table, u64)> + '_ {
        let rows = self.rows.iter().map(|(r, _)| (Table::Indicators, *r as u64));
        rows.chain(self.employees.iter().map(|(e, _)| (Table::Employees, *e as u64)))
    }

    /// Error `i` worded, located with `labels` (`ind`: the indicator columns the batch was
    /// scored with); `None` past the end.
    pub fn error(&self, i: usize, ind: &IndicatorColumns, labels: &dyn Labels) -> Option<BatchError> {
        match i.checked_sub(self.rows.len()) {
            None => self.rows.get(i).map(|(r, f)| row_error(ind, *r, *f, labels)),
            Some(k) => self.employees.get(k).map(|(e, f)| match f {
                Some(f) => emp_error(ind, *e, *f, labels),
                None => indicator_error_for_employee(*e, labels),
            }),
        }
    }
}

/// One error of a batch.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchError {
    /// The table of the row.
    pub table: Table,
    /// The row (0-based) in that table.
    pub row: u64,
    /// The employee row, when known.
    pub employee: Option<u64>,
    /// The error, its location naming the row, employee and indicator.
    pub error: Error,
}

/// Per-indicator results, in input order.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct IndicatorScores {
    /// Rounded achievement mantissa (percent) at `scale`; meaningful where `valid`.
    pub achievement: Vec<i128>,
    /// False for rows with an error or excluded for a missing realisation.
    pub valid: Vec<bool>,
    /// Decimal places of `achievement` (the policy's `rounding.achievement.scale`).
    pub scale: u32,
}

impl IndicatorScores {
    /// The achievement of row `i` as a decimal.
    pub fn achievement_decimal(&self, i: usize) -> Option<Decimal> {
        if !*self.valid.get(i)? {
            return None;
        }
        decimal_of(*self.achievement.get(i)?, self.scale)
    }
}

/// Per-employee results, in input order; `None` where not defined or the employee has an
/// error.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct EmployeeScores {
    /// Rounded weighted mean achievement mantissa at `scale`; meaningful where `weighted_valid`.
    pub weighted: Vec<i128>,
    /// Whether `weighted` is defined.
    pub weighted_valid: Vec<bool>,
    /// Decimal places of `weighted` (the policy's `rounding.reported.scale`).
    pub scale: u32,
    /// The advised work-result rating (policy bands).
    pub advised: Vec<Option<Rating>>,
    /// The work-result rating used.
    pub work: Vec<Option<Rating>>,
    /// Where the work-result rating came from.
    pub work_source: Vec<Option<RatingSource>>,
    /// The behaviour rating.
    pub behaviour: Vec<Option<Rating>>,
    /// The 6/2022 predicate.
    pub predicate: Vec<Option<Predicate>>,
    /// The advice (or JPT rule) differs from the appraiser's rating.
    pub disagreement: Vec<bool>,
    /// The given weights did not add up to 100 and the mean was divided by their sum (allowed
    /// while the policy's `rating.weights_must_sum_to` is unset; the scalar evaluation notes it).
    pub weights_normalised: Vec<bool>,
    /// False for employees with an error.
    pub ok: Vec<bool>,
}

impl EmployeeScores {
    /// The weighted mean of employee `i` as a decimal.
    pub fn weighted_decimal(&self, i: usize) -> Option<Decimal> {
        if !*self.weighted_valid.get(i)? {
            return None;
        }
        decimal_of(*self.weighted.get(i)?, self.scale)
    }
}

/// How much went through the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct BatchStats {
    /// Indicator rows scored on the fast path.
    pub fast_rows: u64,
    /// Of `fast_rows`, those the plain row loop decided: point targets, no cap column,
    /// target, actual and weight without nulls and within 64 bits, and a value not too
    /// close to a rounding boundary (the other rows take the general fixed-point path or the
    /// scalar kernel, with the same results).
    pub plain_rows: u64,
    /// Indicator rows scored by the scalar kernel (`rust_decimal`).
    pub fallback_rows: u64,
    /// Employees whose weighted mean came from the `rust_decimal` path.
    pub fallback_employees: u64,
    /// Employees whose weighted mean the plain mean took: rows one after another, every
    /// row counted and on the fixed-point path, weights on every row or none, sums within
    /// 64 bits (the others take the general fixed-point mean or the `rust_decimal` path, with
    /// the same results).
    pub plain_employees: u64,
}

/// The result of [`score`].
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct BatchOutput {
    /// Per indicator row.
    pub indicators: IndicatorScores,
    /// Per employee.
    pub employees: EmployeeScores,
    /// Errors (empty under [`OnError::Raise`] and [`OnError::Defer`]), sorted by table then
    /// row.
    pub errors: Vec<BatchError>,
    /// Where the errors are, unworded, in the order of `errors` (empty under
    /// [`OnError::Raise`]).
    pub faults: Faults,
    /// Fast-path statistics.
    pub stats: BatchStats,
}
