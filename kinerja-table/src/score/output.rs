//! The result tables, built directly as Arrow arrays.

use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, RecordBatch, StringArray, UInt8Array, UInt64Array,
};
use arrow_buffer::{BooleanBuffer, NullBuffer, ScalarBuffer};
use arrow_schema::{ArrowError, DataType};
use kinerja_core::Error;
use kinerja_core::batch::{EmployeeScores, IndicatorScores, UnitDistribution};
use kinerja_core::error::Location;
use kinerja_core::evaluation::RatingSource;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::OrgPredicate;

use crate::cells::{Text, column};
use crate::keys::{Keys, NONE};
use crate::problem::Problem;
use crate::words::labels;
use kinerja_core::error::ErrorFamily;

/// The values of the `status` column, in the order of its dictionary (indexed by
/// [`STATUS_ERROR`], [`STATUS_OK`], [`STATUS_NO_INDICATORS`]).
pub const STATUSES: [&str; 3] = ["error", "ok", "no_indicators"];
/// Status key of an employee with a problem.
pub const STATUS_ERROR: u8 = 0;
/// Status key of an employee with a result.
pub const STATUS_OK: u8 = 1;
/// Status key of an employee without indicator rows under the policy's
/// `rating.require_indicators` (without it such an employee is scored on the appraiser's
/// ratings alone).
pub const STATUS_NO_INDICATORS: u8 = 2;

/// The predicate columns of the unit table, worst to best (the kernel's code order).
pub const PREDICATE_COLUMNS: [&str; 5] =
    ["very_poor", "poor_misconduct", "needs_improvement", "good", "very_good"];

fn arrow(e: ArrowError) -> Error {
    Error::Input { at: Location::default(), field: "result table".into(), reason: e.to_string() }
}

/// Sets each employee's status (an index into [`STATUSES`]) and clears the results of every
/// employee that is not `ok` (so no predicate is counted or reported for it). An employee
/// without indicator rows is `ok` on the appraiser's ratings, or `no_indicators` when the
/// policy says `rating.require_indicators` (as the scalar `evaluate` refuses its plan).
pub(crate) fn settle(
    es: &mut EmployeeScores,
    keys: &Keys,
    bad: &[bool],
    require_indicators: bool,
) -> Vec<u8> {
    let mut status = Vec::with_capacity(es.ok.len());
    for e in 0..es.ok.len() {
        let s = if bad.get(e).copied().unwrap_or(false) || !es.ok.get(e).copied().unwrap_or(false) {
            STATUS_ERROR
        } else if require_indicators && keys.indicator_rows.get(e).copied().unwrap_or(0) == 0 {
            STATUS_NO_INDICATORS
        } else {
            STATUS_OK
        };
        if s != STATUS_OK {
            let clear = |v: &mut Vec<bool>| {
                if let Some(x) = v.get_mut(e) {
                    *x = false;
                }
            };
            clear(&mut es.weighted_valid);
            clear(&mut es.disagreement);
            clear(&mut es.weights_normalised);
            clear(&mut es.ok);
            for v in [&mut es.advised, &mut es.work, &mut es.behaviour] {
                if let Some(x) = v.get_mut(e) {
                    *x = None;
                }
            }
            if let Some(x) = es.work_source.get_mut(e) {
                *x = None;
            }
            if let Some(x) = es.predicate.get_mut(e) {
                *x = None;
            }
        }
        status.push(s);
    }
    status
}

/// A decimal128 column of the mantissas `values` (moved, not copied) at `scale`, null where
/// not `valid` (without a validity buffer when every value is).
pub fn decimals(values: Vec<i128>, valid: &[bool], scale: u32) -> Result<ArrayRef, Error> {
    let scale = i8::try_from(scale).map_err(|_| arrow(ArrowError::InvalidArgumentError("scale".into())))?;
    let nulls = valid
        .contains(&false)
        .then(|| NullBuffer::new(BooleanBuffer::collect_bool(valid.len(), |i| valid.get(i) == Some(&true))));
    let a = Decimal128Array::new(ScalarBuffer::from(values), nulls)
        .with_precision_and_scale(38, scale)
        .map_err(arrow)?;
    Ok(Arc::new(a))
}

/// A label column of `len` rows: `int8` keys `key(i)` into a dictionary of every one of
/// `names` in order (`None` is null), built without looking at a string.
fn label_column(len: usize, key: impl Fn(usize) -> Option<usize>, names: &[&str]) -> Result<ArrayRef, Error> {
    let codes: Vec<u8> = (0..len).map(|i| key(i).map_or(0, |k| u8::try_from(k).unwrap_or(u8::MAX))).collect();
    let nulls =
        (0..len).any(|i| key(i).is_none()).then(|| BooleanBuffer::collect_bool(len, |i| key(i).is_some()));
    let codes = UInt8Array::new(ScalarBuffer::from(codes), nulls.map(NullBuffer::new));
    let dict = labels(&codes, names).map_err(|reason| Error::Input {
        at: Location::default(),
        field: "result table".into(),
        reason,
    })?;
    Ok(Arc::new(dict))
}

/// A boolean column of `v`, without nulls.
pub fn booleans(v: &[bool]) -> ArrayRef {
    Arc::new(BooleanArray::new(BooleanBuffer::collect_bool(v.len(), |i| v.get(i) == Some(&true)), None))
}

/// The key of `x` in `all` (`usize::MAX`, refused by [`label_column`], if absent).
fn key_in<T: PartialEq>(all: &[T], x: Option<&T>) -> Option<usize> {
    x.map(|x| all.iter().position(|a| a == x).unwrap_or(usize::MAX))
}

/// The label column of `v`: its dictionary is every value of `T` in declaration order.
fn words<T: Labelled + PartialEq>(v: &[Option<T>]) -> Result<ArrayRef, Error> {
    let names: Vec<&str> = T::ALL.iter().map(|x| x.value()).collect();
    label_column(v.len(), |i| key_in(T::ALL, v.get(i).and_then(Option::as_ref)), &names)
}

/// Annual credit points: mantissas, validity, scale.
pub type Credit = (Vec<i128>, Vec<bool>, u32);

/// Named result columns, in table order.
pub type Columns = Vec<(&'static str, ArrayRef)>;

/// A result column still to be built.
type Build<'a> = Box<dyn FnOnce() -> Result<ArrayRef, Error> + Send + 'a>;

/// The result columns of the employee table, `weighted_achievement` to `status` (as
/// [`score`](super::score) and `kinerja.score` report them), built in parallel from `es`
/// (moved, so its decimals are not copied); `status[e]` indexes [`STATUSES`].
pub fn employee_results(es: EmployeeScores, status: &[u8], credit: Option<Credit>) -> Result<Columns, Error> {
    use rayon::prelude::*;
    let EmployeeScores {
        weighted,
        weighted_valid,
        scale,
        advised,
        work,
        work_source,
        behaviour,
        predicate,
        ..
    } = es;
    let sources: Vec<&str> = RatingSource::ALL.iter().map(|s| s.value()).collect();
    let mut cols: Vec<(&'static str, Build)> = vec![
        ("weighted_achievement", Box::new(move || decimals(weighted, &weighted_valid, scale))),
        ("advised_rating", Box::new(move || words(&advised))),
        ("work_result", Box::new(move || words(&work))),
        (
            "work_result_source",
            Box::new(move || {
                let key = |i: usize| key_in(&RatingSource::ALL, work_source.get(i).and_then(Option::as_ref));
                label_column(work_source.len(), key, &sources)
            }),
        ),
        ("behaviour", Box::new(move || words(&behaviour))),
        ("predicate", Box::new(move || words(&predicate))),
        ("disagreement", Box::new(|| Ok(booleans(&es.disagreement)))),
        ("weights_normalised", Box::new(|| Ok(booleans(&es.weights_normalised)))),
    ];
    if let Some((v, valid, scale)) = credit {
        cols.push(("credit_points", Box::new(move || decimals(v, &valid, scale))));
    }
    cols.push(("ok", Box::new(|| Ok(booleans(&es.ok)))));
    let status_key = |i: usize| status.get(i).map(|s| usize::from(*s));
    cols.push(("status", Box::new(move || label_column(status.len(), status_key, &STATUSES))));
    cols.into_par_iter().map(|(name, build)| Ok((name, build()?))).collect()
}

fn unit_of(keys: &Keys) -> Option<ArrayRef> {
    let (ids, per) = (keys.unit_ids.as_ref()?, keys.employee_unit.as_ref()?);
    let col = StringArray::from_iter(
        per.iter().map(|u| (*u != NONE && (*u as usize) < ids.len()).then(|| ids.value(*u as usize))),
    );
    Some(Arc::new(col))
}

/// The employee table: `employee`, `unit`, `weighted_achievement`, `advised_rating`,
/// `work_result`, `work_result_source`, `behaviour`, `predicate`, `disagreement`,
/// `weights_normalised`, `credit_points` (with a `functional_grade` column), `ok`, `status`.
pub(crate) fn employees(
    keys: &Keys,
    es: EmployeeScores,
    status: &[u8],
    credit: Option<Credit>,
) -> Result<RecordBatch, Error> {
    let mut cols: Vec<(&str, ArrayRef)> = vec![("employee", Arc::new(keys.employee_ids.clone()))];
    if let Some(u) = unit_of(keys) {
        cols.push(("unit", u));
    }
    cols.extend(employee_results(es, status, credit)?);
    nullable(cols)
}

/// The indicator table: `row` (1-based source row; the first row of an aggregated
/// indicator), `employee`, `indicator`, `period` (aggregated tables), `achievement`.
pub(crate) fn indicators(
    ind: &RecordBatch,
    scores: IndicatorScores,
    kernel_employee: &[u32],
    keys: &Keys,
    source: Option<&[u32]>,
    period: Option<&str>,
) -> Result<RecordBatch, Error> {
    let n = scores.valid.len();
    let src = |k: usize| source.map_or(k, |s| s.get(k).copied().unwrap_or(0) as usize);
    // one kernel row per indicator row: the id columns as they are (a row's employee is
    // the one whose id equals the row's)
    let same_rows = |c: &ArrayRef| {
        (source.is_none() && c.len() == n && *c.data_type() == DataType::Utf8).then(|| c.clone())
    };
    let raw_emp = column(ind, "employee");
    let emp = raw_emp.and_then(same_rows).unwrap_or_else(|| {
        let raw_emp = raw_emp.and_then(Text::of);
        Arc::new(StringArray::from_iter((0..n).map(|k| {
            let e = kernel_employee.get(k).copied().unwrap_or(NONE) as usize;
            keys.employee_id(e).or_else(|| raw_emp.as_ref().and_then(|c| c.get(src(k))))
        })))
    });
    let mut cols: Vec<(&str, ArrayRef)> = vec![
        ("row", Arc::new(UInt64Array::from_iter_values((0..n).map(|k| src(k) as u64 + 1)))),
        ("employee", emp),
    ];
    if let Some((a, text)) = column(ind, "indicator").and_then(|a| Some((a, Text::of(a)?))) {
        let gathered = || -> ArrayRef { Arc::new(StringArray::from_iter((0..n).map(|k| text.get(src(k))))) };
        cols.push(("indicator", same_rows(a).unwrap_or_else(gathered)));
    }
    if let (Some(p), Some(_)) = (period, source) {
        cols.push(("period", Arc::new(StringArray::from(vec![p; n]))));
    }
    cols.push(("achievement", decimals(scores.achievement, &scores.valid, scores.scale)?));
    nullable(cols)
}

/// The unit table: `unit`, `org_predicate`, the five predicate counts, `heads_excluded`,
/// `distribution_passed`, `violations`, `violated` (English), `violated_id` (Indonesian).
pub(crate) fn units(
    keys: &Keys,
    _batch: Option<&RecordBatch>,
    org: Option<&[u8]>,
    dist: &[UnitDistribution],
) -> Result<RecordBatch, Error> {
    let Some(ids) = &keys.unit_ids else {
        return nullable(vec![("unit", Arc::new(StringArray::from(Vec::<&str>::new())) as ArrayRef)]);
    };
    let mut cols: Vec<(&str, ArrayRef)> = vec![("unit", Arc::new(ids.clone()))];
    if let Some(org) = org {
        let names: Vec<&str> = OrgPredicate::ALL.iter().map(|p| p.value()).collect();
        let key = |i: usize| org.get(i).map(|c| usize::from(*c)).filter(|c| *c < names.len());
        cols.push(("org_predicate", label_column(org.len(), key, &names)?));
    }
    cols.extend(unit_counts(dist));
    nullable(cols)
}

/// The unit table's result columns: the five predicate counts ([`PREDICATE_COLUMNS`]),
/// `heads_excluded`, `distribution_passed` (null: no organisational predicate), `violations`
/// and the violated constraints in words, `violated` (English) and `violated_id`
/// (Indonesian), `; `-separated.
pub fn unit_counts(dist: &[UnitDistribution]) -> Columns {
    let mut cols: Columns = Vec::with_capacity(PREDICATE_COLUMNS.len() + 5);
    for (p, name) in PREDICATE_COLUMNS.iter().enumerate() {
        let v = dist.iter().map(|d| d.counts.get(p).copied().unwrap_or(0));
        cols.push((name, Arc::new(UInt64Array::from_iter_values(v))));
    }
    cols.push((
        "heads_excluded",
        Arc::new(UInt64Array::from_iter_values(dist.iter().map(|d| d.heads_excluded))),
    ));
    cols.push((
        "distribution_passed",
        Arc::new(BooleanArray::from_iter(dist.iter().map(|d| d.violations.as_ref().map(Vec::is_empty)))),
    ));
    cols.push((
        "violations",
        Arc::new(UInt64Array::from_iter(dist.iter().map(|d| d.violations.as_ref().map(|v| v.len() as u64)))),
    ));
    for (name, lang) in [("violated", Lang::En), ("violated_id", Lang::Id)] {
        let text = dist.iter().map(|d| {
            d.violations
                .as_ref()
                .map(|v| v.iter().map(|c| c.description.get(lang)).collect::<Vec<_>>().join("; "))
        });
        cols.push((name, Arc::new(StringArray::from_iter(text))));
    }
    cols
}

/// The problem table: `table`, `row`, `employee`, `indicator`, `column`, `value`, `family`,
/// `message` (in `lang`).
pub(crate) fn problems<'p>(
    items: impl Iterator<Item = (&'p Problem, ErrorFamily)> + Clone,
    lang: Lang,
) -> Result<RecordBatch, Error> {
    let p = |f: &dyn Fn(&'p Problem) -> Option<&'p str>| -> ArrayRef {
        Arc::new(StringArray::from_iter(items.clone().map(|(p, _)| f(p))))
    };
    let message: ArrayRef = match lang {
        Lang::En => p(&|p| Some(p.message.as_str())),
        _ => {
            let problems: Vec<&Problem> = items.clone().map(|(p, _)| p).collect();
            Arc::new(StringArray::from_iter_values(messages_in(&problems, lang)))
        }
    };
    nullable(vec![
        ("table", p(&|p| Some(p.table.name()))),
        ("row", Arc::new(UInt64Array::from_iter(items.clone().map(|(p, _)| p.row))) as ArrayRef),
        ("employee", p(&|p| p.employee.as_deref())),
        ("indicator", p(&|p| p.indicator.as_deref())),
        ("column", p(&|p| p.column.as_deref())),
        ("value", p(&|p| p.value.as_deref())),
        (
            "family",
            Arc::new(StringArray::from_iter(items.clone().map(|(_, f)| Some(f.as_str())))) as ArrayRef,
        ),
        ("message", message),
    ])
}

/// The message of each problem in `lang`: the engine error's own wording (which names its
/// place, as the other columns do), or the problem's message through kinerja's catalogue,
/// looked up once per distinct message (the problems of many rows often share one).
fn messages_in(problems: &[&Problem], lang: Lang) -> Vec<String> {
    use rayon::prelude::*;
    let mut distinct: Vec<&str> =
        problems.iter().filter(|p| p.error.is_none()).map(|p| p.message.as_str()).collect();
    distinct.sort_unstable();
    distinct.dedup();
    let worded: std::collections::HashMap<&str, String> =
        distinct.into_par_iter().map(|m| (m, kinerja_core::error::translate(m, lang))).collect();
    problems
        .par_iter()
        .map(|p| match &p.error {
            Some(e) => e.message(lang),
            None => worded.get(p.message.as_str()).cloned().unwrap_or_else(|| p.message.clone()),
        })
        .collect()
}

/// `batch` with its `row` column (1-based rows) mapped by `map`.
pub(crate) fn map_rows(batch: RecordBatch, map: impl Fn(u64) -> u64) -> Result<RecordBatch, Error> {
    let Some(i) = batch.schema().index_of("row").ok() else {
        return Ok(batch);
    };
    let Some(rows) = batch.column(i).as_any().downcast_ref::<UInt64Array>() else {
        return Ok(batch);
    };
    let mapped: UInt64Array = rows.iter().map(|r| r.map(&map)).collect();
    let mut columns = batch.columns().to_vec();
    columns[i] = Arc::new(mapped);
    RecordBatch::try_new(batch.schema(), columns).map_err(arrow)
}

/// A batch whose every column is nullable: the schema of a result table is the same whatever
/// the data (a run without nulls and one with them can be written to one file).
fn nullable(cols: Vec<(&str, ArrayRef)>) -> Result<RecordBatch, Error> {
    RecordBatch::try_from_iter_with_nullable(cols.into_iter().map(|(n, a)| (n, a, true))).map_err(arrow)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int8Type;
    use kinerja_core::model::Rating;

    /// Labels: every name in the dictionary in order, `None` null, a key without a name an
    /// error (never a wrong label).
    #[test]
    fn label_columns_name_every_value_and_refuse_a_key_without_a_name() -> Result<(), Error> {
        let col = words(&[Some(Rating::Above), None, Some(Rating::Below)])?;
        let dict = col.as_dictionary::<Int8Type>();
        assert_eq!(dict.keys().iter().collect::<Vec<_>>(), [Some(2), None, Some(0)]);
        let names: Vec<&str> = dict.values().as_string::<i32>().iter().flatten().collect();
        assert_eq!(names, ["below", "meets", "above"]);
        let all = words(&[Some(Rating::Meets)])?;
        assert_eq!(all.null_count(), 0);
        assert!(all.nulls().is_none());
        assert!(label_column(1, |_| Some(3), &["a", "b", "c"]).is_err());
        Ok(())
    }

    /// Decimals: moved as they are; a validity buffer only when some value is not valid.
    #[test]
    fn decimals_are_null_only_where_not_valid() -> Result<(), Error> {
        let all = decimals(vec![10_050, 9_000], &[true, true], 2)?;
        assert!(all.nulls().is_none());
        let some = decimals(vec![10_050, 0], &[true, false], 2)?;
        let a = some.as_primitive::<arrow_array::types::Decimal128Type>();
        assert_eq!((a.value(0), a.is_null(1), a.scale()), (10_050, true, 2));
        Ok(())
    }
}
