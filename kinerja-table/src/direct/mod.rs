//! The direct path: Arrow arrays already in the kernels' shape — each indicator row's
//! employee row, enum columns as `uint8` codes, number columns of any Arrow number type —
//! scored by the core's batch kernels without the cell-by-cell step of [`crate::score`].
//!
//! `kinerja.score` takes this path for tables that are canonical already (typed numbers,
//! ids the table layer reads as they are, one row per employee); it builds the arrays with
//! [`align_keys`], [`unit_index`], [`dictionary_codes`] and [`encode`], and hands any table
//! this path cannot read whole to the table layer, which locates every problem. The results
//! are the table layer's: the same kernels, the same result columns
//! ([`employee_results`], [`unit_counts`]).
//!
//! ```
//! use std::sync::Arc;
//! use arrow_array::{ArrayRef, Float64Array, UInt32Array, UInt8Array};
//! use kinerja_core::batch::OnError;
//! use kinerja_table::direct::{Arrays, score_arrays};
//! use kinerja_table::run::batch_rules_for;
//!
//! let employee: ArrayRef = Arc::new(UInt32Array::from(vec![0, 0, 1]));
//! let target: ArrayRef = Arc::new(Float64Array::from(vec![100.0, 50.0, 10.0]));
//! let actual: ArrayRef = Arc::new(Float64Array::from(vec![95.0, 50.0, 12.0]));
//! let mut arrays = Arrays::new(employee, target, actual, 2);
//! arrays.work_rating = Some(Arc::new(UInt8Array::from(vec![1, 1])));
//! arrays.behaviour = Some(Arc::new(UInt8Array::from(vec![1, 2])));
//! let rules = batch_rules_for(None, None).unwrap();
//! let scored = score_arrays(&arrays, &rules, OnError::Collect).unwrap();
//! assert_eq!(scored.errors, 0);
//! let names: Vec<&str> = scored.employee_columns.iter().map(|(n, _)| *n).collect();
//! assert!(names.contains(&"predicate"));
//! ```
#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type, UInt8Type, UInt32Type};
use arrow_array::{Array, ArrayRef, BooleanArray, UInt8Array};
use arrow_buffer::ScalarBuffer;
use arrow_schema::DataType;
use kinerja_core::Error;
use kinerja_core::batch::{
    self, BatchStats, Bits, BoolColumn, CodeColumn, EmployeeColumns, IndicatorColumns, Labels, OnError,
    Table, UnitColumns,
};
use kinerja_core::error::Location;
use kinerja_core::rules::Ruleset;

use crate::score::{self, Columns, Credit};

mod align;
mod codes;
mod numbers;
mod problems;
mod tables;

pub use align::{align_keys, ids_as_read, reaches_every, repeated_indicator, unit_index};
pub use codes::{Encoded, dictionary_codes, encode};
pub use numbers::{Numbers, decimals_at, number_column};
pub use problems::{Numbered, Worded, subset_limit, word_problems};
#[doc(no_inline)]
pub use score::{employee_results, unit_counts};
pub use tables::{TableScores, score_tables};

use numbers::bits;

/// The arrays of one call of [`score_arrays`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Arrays {
    /// Each indicator row's employee row (`uint32`, or `int32` ≥ 0; null: none).
    pub employee: ArrayRef,
    /// The period's target of each row (any type [`number_column`] reads).
    pub target: ArrayRef,
    /// The period's realisation of each row (null: none).
    pub actual: ArrayRef,
    /// How many employees (rows of the employee arrays).
    pub n_employees: usize,
    /// A range target's lower end.
    pub target_low: Option<ArrayRef>,
    /// A range target's upper end.
    pub target_high: Option<ArrayRef>,
    /// Polarity codes (`uint8`: 0 higher is better, 1 lower is better).
    pub polarity: Option<ArrayRef>,
    /// Weights.
    pub weight: Option<ArrayRef>,
    /// Caps of the achievement.
    pub cap: Option<ArrayRef>,
    /// Whether a row is an additional result (boolean).
    pub additional: Option<ArrayRef>,
    /// The appraiser's work-result rating per employee (`uint8`: 0 below, 1 meets, 2 above).
    pub work_rating: Option<ArrayRef>,
    /// The behaviour rating per employee (`uint8`, as `work_rating`).
    pub behaviour: Option<ArrayRef>,
    /// Each employee's unit row (`uint32` or `int32`).
    pub unit: Option<ArrayRef>,
    /// Whether an employee holds a JPT post (boolean).
    pub jpt: Option<ArrayRef>,
    /// Whether an employee heads their unit (boolean).
    pub unit_head: Option<ArrayRef>,
    /// How many units (rows of the unit arrays).
    pub n_units: usize,
    /// The organisational predicate per unit (`uint8`, worst to best).
    pub org_predicate: Option<ArrayRef>,
    /// The functional grade per employee (`uint8`; gives the annual credit points).
    pub functional_grade: Option<ArrayRef>,
    /// Employee ids, for locations in problems (text or integers).
    pub employee_ids: Option<ArrayRef>,
    /// Indicator ids, for locations in problems (text or integers).
    pub indicator_ids: Option<ArrayRef>,
}

impl Arrays {
    /// The required arrays; every optional one absent.
    pub fn new(employee: ArrayRef, target: ArrayRef, actual: ArrayRef, n_employees: usize) -> Self {
        Arrays {
            employee,
            target,
            actual,
            n_employees,
            target_low: None,
            target_high: None,
            polarity: None,
            weight: None,
            cap: None,
            additional: None,
            work_rating: None,
            behaviour: None,
            unit: None,
            jpt: None,
            unit_head: None,
            n_units: 0,
            org_predicate: None,
            functional_grade: None,
            employee_ids: None,
            indicator_ids: None,
        }
    }
}

/// What [`score_arrays`] gives.
#[derive(Debug)]
#[non_exhaustive]
pub struct Scored {
    /// Each indicator row's achievement (`decimal128`, null for a row with a problem).
    pub achievement: ArrayRef,
    /// The employee table's result columns, `weighted_achievement` to `status` (and
    /// `credit_points` with functional grades): [`employee_results`].
    pub employee_columns: Columns,
    /// How many problems the kernels found (the table layer words and locates them).
    pub errors: usize,
    /// The employee rows those problems concern, ascending, each once; `None` when one
    /// concerns no employee.
    pub problem_employees: Option<Vec<i64>>,
    /// The unit table's result columns ([`unit_counts`]), when units were given.
    pub unit_columns: Option<Columns>,
    /// Which path of the kernels decided how much.
    pub stats: BatchStats,
    /// The decimal places each given number column was read at, by name.
    pub scales: Vec<(&'static str, u32)>,
}

/// An input error naming `field`.
fn input(field: &str, reason: String) -> Error {
    Error::Input { at: Location::default(), field: field.into(), reason }
}

/// A `uint8` code column.
fn code_column<'a>(a: &'a ArrayRef, field: &str) -> Result<&'a UInt8Array, Error> {
    match a.data_type() {
        DataType::UInt8 => Ok(a.as_primitive::<UInt8Type>()),
        other => Err(input(field, format!("expected uint8 codes, got {other}"))),
    }
}

/// A row-index column (`uint32`, or `int32`; a null or negative index names no row).
fn index_column(a: &ArrayRef, field: &str) -> Result<ScalarBuffer<u32>, Error> {
    let none = |ok: bool, v: u32| if ok { v } else { u32::MAX };
    match a.data_type() {
        DataType::UInt32 if a.null_count() == 0 => Ok(a.as_primitive::<UInt32Type>().values().clone()),
        DataType::UInt32 => {
            let p = a.as_primitive::<UInt32Type>();
            Ok((0..p.len()).map(|i| none(p.is_valid(i), p.value(i))).collect())
        }
        DataType::Int32 => {
            let p = a.as_primitive::<Int32Type>();
            Ok((0..p.len())
                .map(|i| none(p.is_valid(i), u32::try_from(p.value(i)).unwrap_or(u32::MAX)))
                .collect())
        }
        other => Err(input(field, format!("expected int32/uint32 row indices, got {other}"))),
    }
}

/// A boolean column.
fn bool_column<'a>(a: &'a ArrayRef, field: &str) -> Result<&'a BooleanArray, Error> {
    match a.data_type() {
        DataType::Boolean => Ok(a.as_boolean()),
        other => Err(input(field, format!("expected booleans, got {other}"))),
    }
}

fn code(c: &UInt8Array) -> CodeColumn<'_> {
    CodeColumn { codes: c.values(), validity: c.nulls().map(bits) }
}

fn boolc(c: &BooleanArray) -> BoolColumn<'_> {
    let v = c.values();
    BoolColumn { values: Bits { bytes: v.values(), offset: v.offset() }, validity: c.nulls().map(bits) }
}

/// Ids for problem locations, read from Arrow text or integer arrays.
struct ArrowLabels<'a> {
    employee: Option<&'a ArrayRef>,
    indicator: Option<&'a ArrayRef>,
}

fn label_of(a: &ArrayRef, i: usize) -> Option<String> {
    if i >= a.len() || a.is_null(i) {
        return None;
    }
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string::<i32>().value(i).to_string()),
        DataType::LargeUtf8 => Some(a.as_string::<i64>().value(i).to_string()),
        DataType::Utf8View => Some(a.as_string_view().value(i).to_string()),
        DataType::Int64 => Some(a.as_primitive::<Int64Type>().value(i).to_string()),
        DataType::Int32 => Some(a.as_primitive::<Int32Type>().value(i).to_string()),
        // any other integer id by its digits
        t if t.is_integer() => arrow_cast::display::array_value_to_string(a, i).ok(),
        _ => None,
    }
}

impl Labels for ArrowLabels<'_> {
    fn employee(&self, i: usize) -> Option<String> {
        self.employee.and_then(|a| label_of(a, i))
    }
    fn indicator(&self, i: usize) -> Option<String> {
        self.indicator.and_then(|a| label_of(a, i))
    }
}

/// The employee rows (ascending, each once) that the problems `errs` concern: an employee
/// table's row, an indicator row's employee; `None` when a problem names no employee of the
/// `n_employees`.
fn problem_employees(errs: &[batch::BatchError], n_employees: usize) -> Option<Vec<i64>> {
    let mut rows = errs
        .iter()
        .map(|b| match b.table {
            Table::Employees => Some(b.row),
            Table::Indicators => b.employee,
        })
        .map(|e| e.filter(|e| *e < n_employees as u64).and_then(|e| i64::try_from(e).ok()))
        .collect::<Option<Vec<i64>>>()?;
    rows.sort_unstable();
    rows.dedup();
    Some(rows)
}

/// Every optional array checked for its type, in the order of [`Arrays`].
struct Checked<'a> {
    employee: ScalarBuffer<u32>,
    polarity: Option<&'a UInt8Array>,
    additional: Option<&'a BooleanArray>,
    work_rating: Option<&'a UInt8Array>,
    behaviour: Option<&'a UInt8Array>,
    org_predicate: Option<&'a UInt8Array>,
    unit: Option<ScalarBuffer<u32>>,
    jpt: Option<&'a BooleanArray>,
    unit_head: Option<&'a BooleanArray>,
    grade: Option<&'a UInt8Array>,
}

impl<'a> Checked<'a> {
    fn of(a: &'a Arrays) -> Result<Self, Error> {
        let codes = |c: &'a Option<ArrayRef>, f| c.as_ref().map(|c| code_column(c, f)).transpose();
        let flags = |c: &'a Option<ArrayRef>, f| c.as_ref().map(|c| bool_column(c, f)).transpose();
        Ok(Checked {
            employee: index_column(&a.employee, "employee")?,
            polarity: codes(&a.polarity, "polarity")?,
            additional: flags(&a.additional, "additional")?,
            work_rating: codes(&a.work_rating, "work_rating")?,
            behaviour: codes(&a.behaviour, "behaviour")?,
            org_predicate: codes(&a.org_predicate, "org_predicate")?,
            unit: a.unit.as_ref().map(|u| index_column(u, "unit")).transpose()?,
            jpt: flags(&a.jpt, "jpt")?,
            unit_head: flags(&a.unit_head, "unit_head")?,
            grade: codes(&a.functional_grade, "functional_grade")?,
        })
    }
}

/// The core's batch output, the unit distributions, the credit points and the scale each number
/// column was read at.
type Scoring = (batch::BatchOutput, Vec<batch::UnitDistribution>, Option<Credit>, Vec<(&'static str, u32)>);

/// The core's scores of `arrays` ([`score_arrays`]'s first half): the batch output, the unit
/// distributions, the credit points and the scale each number column was read at.
fn scored(arrays: &Arrays, c: &Checked<'_>, rules: &Ruleset, mode: OnError) -> Result<Scoring, Error> {
    let (t, a) =
        rayon::join(|| number_column(&arrays.target, "target"), || number_column(&arrays.actual, "actual"));
    let (t, a) = (t?, a?);
    fn optional<'a>(a: &'a Option<ArrayRef>, f: &str) -> Result<Option<Numbers<'a>>, Error> {
        a.as_ref().map(|a| number_column(a, f)).transpose()
    }
    let lo = optional(&arrays.target_low, "target_low")?;
    let hi = optional(&arrays.target_high, "target_high")?;
    let w = optional(&arrays.weight, "weight")?;
    let cap = optional(&arrays.cap, "cap")?;
    let mut ind = IndicatorColumns::new(&c.employee, t.column(), a.column());
    ind.target_low = lo.as_ref().map(Numbers::column);
    ind.target_high = hi.as_ref().map(Numbers::column);
    ind.weight = w.as_ref().map(Numbers::column);
    ind.cap = cap.as_ref().map(Numbers::column);
    ind.polarity = c.polarity.map(code);
    ind.additional = c.additional.map(boolc);
    let named = [("target", Some(&t)), ("actual", Some(&a)), ("target_low", lo.as_ref())];
    let named = named.into_iter().chain([
        ("target_high", hi.as_ref()),
        ("weight", w.as_ref()),
        ("cap", cap.as_ref()),
    ]);
    let scales = named.filter_map(|(n, c)| c.map(|c| (n, c.column().scale))).collect();
    let emps = EmployeeColumns {
        len: arrays.n_employees,
        work_rating: c.work_rating.map(code),
        behaviour: c.behaviour.map(code),
        unit: c.unit.as_deref(),
        jpt: c.jpt.map(boolc),
        unit_head: c.unit_head.map(boolc),
    };
    let units = UnitColumns { len: arrays.n_units, org_predicate: c.org_predicate.map(code) };
    let labels =
        ArrowLabels { employee: arrays.employee_ids.as_ref(), indicator: arrays.indicator_ids.as_ref() };
    let out = batch::score(&ind, &emps, &units, &rules.policy, mode, &labels)?;
    let dist = batch::unit_distribution(&out.employees, &emps, &units, &rules.policy)?;
    let credit: Option<Credit> =
        c.grade.map(|g| batch::credit_points(&out.employees, &code(g), &rules.policy)).transpose()?;
    Ok((out, dist, credit, scales))
}

/// Scores `arrays` under `rules` (PermenPANRB 6/2022 rules: see
/// [`batch_rules_for`](crate::run::batch_rules_for)) on the current rayon pool: the core's
/// [`batch::score`], unit distributions and credit points, and the result columns built in
/// parallel. A wrongly typed array or a number it cannot read is an [`Error::Input`] naming
/// it; problems of rows and employees are counted in [`Scored::errors`] under
/// [`OnError::Collect`], the first one returned under [`OnError::Raise`].
pub fn score_arrays(arrays: &Arrays, rules: &Ruleset, mode: OnError) -> Result<Scored, Error> {
    let c = Checked::of(arrays)?;
    // The scoring in a function of its own, so that the numbers it read (as large as the
    // input) are freed before the result columns are made: those then reuse their memory
    // instead of faulting in fresh pages.
    let (out, dist, credit, scales) = scored(arrays, &c, rules, mode)?;
    let (ind, emp, errs, stats) = (out.indicators, out.employees, out.errors, out.stats);
    // every employee of the direct path has indicator rows: `ok` or `error`
    let status: Vec<u8> =
        emp.ok.iter().map(|ok| if *ok { score::STATUS_OK } else { score::STATUS_ERROR }).collect();
    let (achievement, employee_columns) = rayon::join(
        || score::decimals(ind.achievement, &ind.valid, ind.scale),
        || employee_results(emp, &status, credit),
    );
    Ok(Scored {
        achievement: achievement?,
        employee_columns: employee_columns?,
        errors: errs.len(),
        problem_employees: problem_employees(&errs, arrays.n_employees),
        unit_columns: arrays.unit.is_some().then(|| unit_counts(&dist)),
        stats,
        scales,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use crate::run::batch_rules_for;
    use arrow_array::{Int32Array, Int64Array, StringArray, UInt32Array};
    use std::sync::Arc;

    fn arrays() -> Arrays {
        let mut a = Arrays::new(
            Arc::new(UInt32Array::from(vec![0, 0, 1])),
            Arc::new(Int64Array::from(vec![100, 100, 10])),
            Arc::new(Int64Array::from(vec![Some(95), Some(120), None])),
            2,
        );
        a.behaviour = Some(Arc::new(UInt8Array::from(vec![1, 1])));
        a.work_rating = Some(Arc::new(UInt8Array::from(vec![1, 2])));
        a
    }

    fn column<'a>(s: &'a Scored, name: &str) -> &'a ArrayRef {
        &s.employee_columns.iter().find(|(n, _)| *n == name).unwrap().1
    }

    #[test]
    fn scores_and_counts_problems_by_employee() {
        let rules = batch_rules_for(None, None).unwrap();
        let mut a = arrays();
        a.employee_ids = Some(Arc::new(StringArray::from(vec!["A", "B"])));
        let s = score_arrays(&a, &rules, OnError::Collect).unwrap();
        let ach = s.achievement.as_primitive::<arrow_array::types::Decimal128Type>();
        // 95 / 100 and 120 / 100 at two places; the third row has no realisation
        assert_eq!((ach.value(0), ach.value(1)), (9500, 12000));
        assert!(s.unit_columns.is_none());
        assert_eq!(s.scales, vec![("target", 0), ("actual", 0)]);
        // no realisation on the third row: a problem of the row and of its employee (the
        // default `rating.missing_realisation`)
        assert_eq!((s.errors, s.problem_employees.clone()), (2, Some(vec![1])));
        assert!(ach.is_null(2));
        assert_eq!(column(&s, "status").len(), 2);
        // the two rows with a realisation were decided by the kernels
        assert_eq!(s.stats.fast_rows + s.stats.fallback_rows, 2);
    }

    #[test]
    fn units_give_their_counts() {
        let rules = batch_rules_for(None, None).unwrap();
        let mut a = arrays();
        a.actual = Arc::new(Int64Array::from(vec![95, 120, 10]));
        a.unit = Some(Arc::new(Int32Array::from(vec![0, 0])));
        a.n_units = 1;
        let s = score_arrays(&a, &rules, OnError::Raise).unwrap();
        let units = s.unit_columns.unwrap();
        let names: Vec<&str> = units.iter().map(|(n, _)| *n).collect();
        assert_eq!(names[..5], crate::score::PREDICATE_COLUMNS);
        assert_eq!(
            names[5..],
            ["heads_excluded", "distribution_passed", "violations", "violated", "violated_id"]
        );
        let total: u64 =
            units[..5].iter().map(|(_, c)| c.as_primitive::<arrow_array::types::UInt64Type>().value(0)).sum();
        assert_eq!(total, 2);
    }

    #[test]
    fn wrong_types_name_their_array() {
        let rules = batch_rules_for(None, None).unwrap();
        type Set = Box<dyn Fn(&mut Arrays)>;
        let cases: Vec<(&str, Set)> = vec![
            ("employee", Box::new(|a| a.employee = Arc::new(Int64Array::from(vec![0, 0, 1])))),
            ("polarity", Box::new(|a| a.polarity = Some(Arc::new(Int32Array::from(vec![0, 0, 0]))))),
            ("additional", Box::new(|a| a.additional = Some(Arc::new(UInt8Array::from(vec![0, 0, 0]))))),
            ("work_rating", Box::new(|a| a.work_rating = Some(Arc::new(Int32Array::from(vec![0, 0]))))),
            ("unit", Box::new(|a| a.unit = Some(Arc::new(Int64Array::from(vec![0, 0]))))),
            ("unit_head", Box::new(|a| a.unit_head = Some(Arc::new(Int32Array::from(vec![0, 0]))))),
            (
                "functional_grade",
                Box::new(|a| a.functional_grade = Some(Arc::new(Int32Array::from(vec![0, 0])))),
            ),
            (
                "weight",
                Box::new(|a| a.weight = Some(Arc::new(arrow_array::BooleanArray::from(vec![true; 3])))),
            ),
            ("target", Box::new(|a| a.target = Arc::new(StringArray::from(vec!["1", "x", "2"])))),
        ];
        for (field, set) in cases {
            let mut a = arrays();
            set(&mut a);
            match score_arrays(&a, &rules, OnError::Collect) {
                Err(Error::Input { field: f, .. }) => assert_eq!(f, field),
                other => panic!("{field}: {other:?}"),
            }
        }
    }

    #[test]
    fn null_and_negative_indices_name_no_row() {
        let some = Arc::new(UInt32Array::from(vec![Some(0), None])) as ArrayRef;
        assert_eq!(index_column(&some, "e").unwrap().to_vec(), vec![0, u32::MAX]);
        let signed = Arc::new(Int32Array::from(vec![Some(1), Some(-1), None])) as ArrayRef;
        assert_eq!(index_column(&signed, "e").unwrap().to_vec(), vec![1, u32::MAX, u32::MAX]);
    }

    #[test]
    fn problem_employees_from_either_table() {
        let rules = batch_rules_for(None, None).unwrap();
        // employee 2: a target of 0 on its row; employee 0: no behaviour rating
        let mut a = Arrays::new(
            Arc::new(UInt32Array::from(vec![0, 1, 2])),
            Arc::new(Int64Array::from(vec![100, 100, 0])),
            Arc::new(Int64Array::from(vec![90, 90, 5])),
            3,
        );
        a.behaviour = Some(Arc::new(UInt8Array::from(vec![None, Some(1), Some(1)])));
        a.work_rating = Some(Arc::new(UInt8Array::from(vec![1, 1, 1])));
        let s = score_arrays(&a, &rules, OnError::Collect).unwrap();
        // the row's problem, its employee's, and employee 0's
        assert_eq!((s.errors, s.problem_employees), (3, Some(vec![0, 2])));
        // the first problem raised: the indicator row's
        let e = score_arrays(&a, &rules, OnError::Raise).unwrap_err();
        assert_eq!(e.location().and_then(|l| l.row), Some(2), "{e:?}");
    }

    #[test]
    fn labels_read_text_and_integer_ids() {
        let text: ArrayRef = Arc::new(StringArray::from(vec![Some("a"), None]));
        let ints: ArrayRef = Arc::new(Int64Array::from(vec![5]));
        let l = ArrowLabels { employee: Some(&text), indicator: Some(&ints) };
        assert_eq!((l.employee(0), l.employee(1), l.employee(9)), (Some("a".into()), None, None));
        assert_eq!(l.indicator(0), Some("5".into()));
        let floats: ArrayRef = Arc::new(arrow_array::Float64Array::from(vec![1.0]));
        assert_eq!(label_of(&floats, 0), None);
        let wide: ArrayRef = Arc::new(arrow_array::UInt64Array::from(vec![u64::MAX]));
        assert_eq!(label_of(&wide, 0), Some(u64::MAX.to_string()));
        let small: ArrayRef = Arc::new(arrow_array::Int16Array::from(vec![Some(-3), None]));
        assert_eq!((label_of(&small, 0), label_of(&small, 1)), (Some("-3".into()), None));
    }
}
