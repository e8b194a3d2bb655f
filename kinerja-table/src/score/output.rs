//! The result tables, built directly as Arrow arrays.

use std::sync::Arc;

use arrow_array::types::Int8Type;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Decimal128Array, DictionaryArray, Int8Array, RecordBatch, StringArray,
    UInt64Array,
};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use arrow_schema::ArrowError;
use kinerja_core::Error;
use kinerja_core::batch::{EmployeeScores, IndicatorScores, UnitDistribution};
use kinerja_core::error::Location;
use kinerja_core::evaluation::RatingSource;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::OrgPredicate;

use crate::cells::{Text, column};
use crate::keys::{Keys, NONE};
use crate::score::found::ScoreError;

/// Status of an employee with a result.
pub(crate) const OK: &str = "ok";
/// Status of an employee with a problem.
pub(crate) const ERROR: &str = "error";
/// Status of an employee without indicator rows.
pub(crate) const NO_INDICATORS: &str = "no_indicators";
/// The values of the `status` column, in the order of its dictionary.
pub const STATUSES: [&str; 3] = [ERROR, OK, NO_INDICATORS];

/// The predicate columns of the unit table, worst to best (the kernel's code order).
pub const PREDICATE_COLUMNS: [&str; 5] =
    ["very_poor", "poor_misconduct", "needs_improvement", "good", "very_good"];

fn arrow(e: ArrowError) -> Error {
    Error::Input { at: Location::default(), field: "result table".into(), reason: e.to_string() }
}

/// Sets each employee's status and clears the results of every employee that is not `ok`
/// (so no predicate is counted or reported for it).
pub(crate) fn settle(es: &mut EmployeeScores, keys: &Keys, bad: &[bool]) -> Vec<&'static str> {
    let mut status = Vec::with_capacity(es.ok.len());
    for e in 0..es.ok.len() {
        let s = if bad.get(e).copied().unwrap_or(false) || !es.ok.get(e).copied().unwrap_or(false) {
            ERROR
        } else if keys.indicator_rows.get(e).copied().unwrap_or(0) == 0 {
            NO_INDICATORS
        } else {
            OK
        };
        if s != OK {
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

fn decimals(values: Vec<i128>, valid: Vec<bool>, scale: u32) -> Result<ArrayRef, Error> {
    let scale = i8::try_from(scale).map_err(|_| arrow(ArrowError::InvalidArgumentError("scale".into())))?;
    let a = Decimal128Array::new(ScalarBuffer::from(values), Some(NullBuffer::from(valid)))
        .with_precision_and_scale(38, scale)
        .map_err(arrow)?;
    Ok(Arc::new(a))
}

/// A label column: `int8` keys into a dictionary of every one of `names` in order, whichever
/// occur (so the column has the same type and categories in every table and every batch).
fn labels(keys: impl Iterator<Item = Option<usize>>, names: &[&str]) -> Result<ArrayRef, Error> {
    let keys: Int8Array = keys.map(|k| k.and_then(|k| i8::try_from(k).ok())).collect();
    let values = StringArray::from_iter_values(names);
    Ok(Arc::new(DictionaryArray::<Int8Type>::try_new(keys, Arc::new(values)).map_err(arrow)?))
}

/// The label column of `v`: its dictionary is every value of `T` in declaration order.
fn words<T: Labelled>(v: &[Option<T>]) -> Result<ArrayRef, Error> {
    let names: Vec<&str> = T::ALL.iter().map(|x| x.value()).collect();
    labels(v.iter().map(|x| x.and_then(|x| names.iter().position(|n| *n == x.value()))), &names)
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
    es: &EmployeeScores,
    status: &[&'static str],
    credit: Option<&(Vec<i128>, Vec<bool>, u32)>,
) -> Result<RecordBatch, Error> {
    let mut cols: Vec<(&str, ArrayRef)> = vec![("employee", Arc::new(keys.employee_ids.clone()))];
    if let Some(u) = unit_of(keys) {
        cols.push(("unit", u));
    }
    cols.push(("weighted_achievement", decimals(es.weighted.clone(), es.weighted_valid.clone(), es.scale)?));
    cols.push(("advised_rating", words(&es.advised)?));
    cols.push(("work_result", words(&es.work)?));
    let sources: Vec<&str> = RatingSource::ALL.iter().map(|s| s.value()).collect();
    let source =
        es.work_source.iter().map(|s| s.and_then(|s| RatingSource::ALL.iter().position(|x| *x == s)));
    cols.push(("work_result_source", labels(source, &sources)?));
    cols.push(("behaviour", words(&es.behaviour)?));
    cols.push(("predicate", words(&es.predicate)?));
    cols.push(("disagreement", Arc::new(BooleanArray::from(es.disagreement.clone()))));
    cols.push(("weights_normalised", Arc::new(BooleanArray::from(es.weights_normalised.clone()))));
    if let Some((v, valid, scale)) = credit {
        cols.push(("credit_points", decimals(v.clone(), valid.clone(), *scale)?));
    }
    cols.push(("ok", Arc::new(BooleanArray::from(es.ok.clone()))));
    let status = status.iter().map(|s| STATUSES.iter().position(|x| x == s));
    cols.push(("status", labels(status, &STATUSES)?));
    nullable(cols)
}

/// The indicator table: `row` (1-based source row; the first row of an aggregated
/// indicator), `employee`, `indicator`, `period` (aggregated tables), `achievement`.
pub(crate) fn indicators(
    ind: &RecordBatch,
    scores: &IndicatorScores,
    kernel_employee: &[u32],
    keys: &Keys,
    source: Option<&[u32]>,
    period: Option<&str>,
) -> Result<RecordBatch, Error> {
    let n = scores.valid.len();
    let src = |k: usize| source.map_or(k, |s| s.get(k).copied().unwrap_or(0) as usize);
    let raw_emp = column(ind, "employee").and_then(Text::of);
    let emp = StringArray::from_iter((0..n).map(|k| {
        let e = kernel_employee.get(k).copied().unwrap_or(NONE) as usize;
        keys.employee_id(e).or_else(|| raw_emp.as_ref().and_then(|c| c.get(src(k))))
    }));
    let mut cols: Vec<(&str, ArrayRef)> = vec![
        ("row", Arc::new(UInt64Array::from_iter_values((0..n).map(|k| src(k) as u64 + 1)))),
        ("employee", Arc::new(emp)),
    ];
    if let Some(c) = column(ind, "indicator").and_then(Text::of) {
        cols.push(("indicator", Arc::new(StringArray::from_iter((0..n).map(|k| c.get(src(k)))))));
    }
    if let (Some(p), Some(_)) = (period, source) {
        cols.push(("period", Arc::new(StringArray::from(vec![p; n]))));
    }
    cols.push(("achievement", decimals(scores.achievement.clone(), scores.valid.clone(), scores.scale)?));
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
        let keys = org.iter().map(|c| Some(usize::from(*c)).filter(|c| *c < names.len()));
        cols.push(("org_predicate", labels(keys, &names)?));
    }
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
    nullable(cols)
}

/// The problem table: `table`, `row`, `employee`, `indicator`, `column`, `value`, `family`,
/// `message`.
pub(crate) fn problems(items: &[ScoreError]) -> Result<RecordBatch, Error> {
    let p = |f: &dyn Fn(&ScoreError) -> Option<&str>| -> ArrayRef {
        Arc::new(StringArray::from_iter(items.iter().map(f)))
    };
    nullable(vec![
        ("table", p(&|e| Some(e.problem.table.name()))),
        ("row", Arc::new(UInt64Array::from_iter(items.iter().map(|e| e.problem.row))) as ArrayRef),
        ("employee", p(&|e| e.problem.employee.as_deref())),
        ("indicator", p(&|e| e.problem.indicator.as_deref())),
        ("column", p(&|e| e.problem.column.as_deref())),
        ("value", p(&|e| e.problem.value.as_deref())),
        ("family", p(&|e| Some(e.family.as_str()))),
        ("message", p(&|e| Some(e.problem.message.as_str()))),
    ])
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
