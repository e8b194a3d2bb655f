//! Columnar batch scoring from Arrow (`kinerja.score`): arrays in through the Arrow
//! PyCapsule interface (pyo3-arrow), `kinerja_core::batch` on a dedicated rayon pool with
//! the GIL released, pyarrow arrays out.
//!
//! Accepted column types: decimal128, integers and strings are exact; float64/float32 are
//! converted through their shortest round-trip decimal (the scaled integer is taken
//! directly when the value round-trips at the column's scale); NaN and infinities are
//! errors.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, UInt8Array};
use arrow_buffer::{BooleanBuffer, NullBuffer, ScalarBuffer};
use arrow_schema::DataType;
use kinerja_core::Error;
use kinerja_core::batch::{
    self, BatchStats, Bits, BoolColumn, CodeColumn, DecimalColumn, EmployeeColumns, IndicatorColumns, Labels,
    Mantissas, OnError, Table, UnitColumns,
};
use kinerja_core::error::Location;
use kinerja_table::score::{self, Credit};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3_arrow::PyArray;
use rust_decimal::Decimal;

use crate::errors::{PyResultExt, input_error};
use crate::rules::PyRuleset;

// ---------------------------------------------------------------------------------------
// Thread pool
// ---------------------------------------------------------------------------------------

static NUM_THREADS: AtomicUsize = AtomicUsize::new(0);
static POOL: Mutex<Option<(u32, Arc<rayon::ThreadPool>)>> = Mutex::new(None);

/// Most threads the batch pool starts (`set_num_threads` / `KINERJA_NUM_THREADS` above it is an
/// `InputError`; the CPU count is capped to it).
pub const MAX_THREADS: usize = 256;

/// The threads asked for: `set_num_threads`, else `KINERJA_NUM_THREADS`, else the CPU count
/// (at most [`MAX_THREADS`]). A malformed or too large `KINERJA_NUM_THREADS` is an `InputError`.
fn configured_threads() -> PyResult<usize> {
    if let n @ 1.. = NUM_THREADS.load(Ordering::Relaxed) {
        return Ok(n);
    }
    match std::env::var("KINERJA_NUM_THREADS") {
        Ok(v) if !v.trim().is_empty() => {
            let n = v.trim().parse::<usize>().map_err(|_| {
                input_error(
                    "KINERJA_NUM_THREADS",
                    format!(
                        "`{v}` is not a whole number of threads (1..={MAX_THREADS}, or 0 for the CPU count)"
                    ),
                )
            })?;
            match n {
                0 => Ok(cpu_threads()),
                1..=MAX_THREADS => Ok(n),
                _ => Err(input_error(
                    "KINERJA_NUM_THREADS",
                    format!("{n} threads is above the maximum of {MAX_THREADS}"),
                )),
            }
        }
        _ => Ok(cpu_threads()),
    }
}

fn cpu_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get()).min(MAX_THREADS)
}

/// The batch pool of this process. A pool inherited through `fork` has no threads in the
/// child, so a pool is only reused by the process that built it; the child builds its own
/// (and leaks the inherited one rather than joining threads that do not exist).
pub(crate) fn pool() -> PyResult<Arc<rayon::ThreadPool>> {
    let pid = std::process::id();
    let mut guard = POOL.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((owner, p)) = guard.as_ref() {
        if *owner == pid {
            return Ok(p.clone());
        }
    }
    if let Some((owner, old)) = guard.take() {
        if owner != pid {
            std::mem::forget(old);
        }
    }
    let n = configured_threads()?;
    let p = rayon::ThreadPoolBuilder::new()
        .num_threads(n)
        .thread_name(|i| format!("kinerja-{i}"))
        .build()
        .map_err(|e| {
            input_error(
                "num_threads",
                format!(
                    "cannot start the batch thread pool of {n} threads: {e}; lower kinerja.set_num_threads"
                ),
            )
        })?;
    let p = Arc::new(p);
    *guard = Some((pid, p.clone()));
    Ok(p)
}

/// `set_num_threads(n)`: threads of the batch pool (0: `KINERJA_NUM_THREADS` or the CPU count;
/// at most [`MAX_THREADS`]).
#[pyfunction]
fn set_num_threads(n: &Bound<'_, PyAny>) -> PyResult<()> {
    let n = crate::followup::count_arg(n, "n")?;
    if n > MAX_THREADS {
        return Err(input_error("n", format!("{n} threads is above the maximum of {MAX_THREADS}")));
    }
    NUM_THREADS.store(n, Ordering::Relaxed);
    let mut guard = POOL.lock().unwrap_or_else(|p| p.into_inner());
    if let Some((owner, old)) = guard.take() {
        if owner != std::process::id() {
            std::mem::forget(old);
        }
    }
    Ok(())
}

/// `get_num_threads()`: threads the batch pool uses.
#[pyfunction]
fn get_num_threads() -> PyResult<usize> {
    configured_threads()
}

// ---------------------------------------------------------------------------------------
// Column conversion
// ---------------------------------------------------------------------------------------

/// A decimal column owned or borrowed from Arrow.
enum Dec<'a> {
    Borrowed(ArrayRef, u32),
    /// A float64 column read in place (`DecimalColumn::from_f64`).
    Float(DecimalColumn<'a>),
    I64(Vec<i64>, u32, Option<NullBuffer>),
    I128(Vec<i128>, u32, Option<NullBuffer>),
}

fn bits(n: &NullBuffer) -> Bits<'_> {
    let b = n.inner();
    Bits { bytes: b.values(), offset: b.offset() }
}

impl Dec<'_> {
    fn column(&self) -> DecimalColumn<'_> {
        match self {
            Dec::Float(c) => *c,
            Dec::Borrowed(a, s) => {
                let values = match a.data_type() {
                    DataType::Int64 => Mantissas::I64(a.as_primitive::<Int64Type>().values()),
                    _ => Mantissas::I128(a.as_primitive::<Decimal128Type>().values()),
                };
                DecimalColumn { values, scale: *s, validity: a.nulls().map(bits) }
            }
            Dec::I64(v, s, n) => {
                DecimalColumn { values: Mantissas::I64(v), scale: *s, validity: n.as_ref().map(bits) }
            }
            Dec::I128(v, s, n) => {
                DecimalColumn { values: Mantissas::I128(v), scale: *s, validity: n.as_ref().map(bits) }
            }
        }
    }
}

/// Rows per chunk of [`parsed_column`]'s parallel passes.
const PARSE_CHUNK: usize = 1 << 14;

/// Writes `out[i] = f(i)` for every row in parallel chunks of `chunk` rows (each chunk stops
/// at its first failure); the error is that of the lowest failing row, with the row.
fn par_fill<T: Send, E: Send>(
    out: &mut [T],
    chunk: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Result<(), (usize, E)> {
    use rayon::prelude::*;
    let chunk = chunk.max(1);
    let failed = out
        .par_chunks_mut(chunk)
        .enumerate()
        .filter_map(|(c, part)| {
            for (k, slot) in part.iter_mut().enumerate() {
                match f(c * chunk + k) {
                    Ok(v) => *slot = v,
                    Err(e) => return Some((c * chunk + k, e)),
                }
            }
            None
        })
        .min_by_key(|(i, _)| *i);
    failed.map_or(Ok(()), Err)
}

/// A decimal column of `n` rows read one value at a time: each valid row (by `nulls`)
/// through `parse`, in parallel chunks, then every value at the column's largest scale. The
/// error is the lowest failing row's, naming the row and `field`. Used for text columns, and
/// for float columns that [`DecimalColumn::from_f64`] cannot read in place (each value
/// through its shortest round-trip representation; NaN and infinities are refused before).
fn parsed_column(
    n: usize,
    nulls: Option<NullBuffer>,
    field: &str,
    parse: impl Fn(usize) -> Result<Decimal, Error> + Sync,
) -> Result<Dec<'static>, Error> {
    use rayon::prelude::*;
    let valid = |i: usize| nulls.as_ref().is_none_or(|b| b.is_valid(i));
    let mut decs = vec![Decimal::ZERO; n];
    par_fill(&mut decs, PARSE_CHUNK, |i| if valid(i) { parse(i) } else { Ok(Decimal::ZERO) })
        .map_err(|(_, e)| e)?;
    let max_scale = decs.par_iter().map(Decimal::scale).max().unwrap_or(0);
    let mut out = vec![0i128; n];
    let at_scale = |i: usize| {
        let d = decs.get(i).copied().unwrap_or_default();
        let e = 10i128.checked_pow(max_scale.saturating_sub(d.scale()));
        e.and_then(|e| d.mantissa().checked_mul(e)).ok_or(d)
    };
    if let Err((i, d)) = par_fill(&mut out, PARSE_CHUNK, at_scale) {
        return Err(Error::Input {
            at: Location::row(i as u64),
            field: field.into(),
            reason: format!("{d} cannot share a scale of {max_scale} places with the rest of the column"),
        });
    }
    Ok(Dec::I128(out, max_scale, nulls))
}

/// A float's decimal through its shortest round-trip representation (Ryū, on the stack),
/// held to the input limits on digits, as the table layer holds cells (a value beyond them is
/// an error here, and the caller's table layer then names it in its cell).
fn shortest(x: impl ryu::Float, field: &str, row: usize) -> Result<Decimal, Error> {
    kinerja_core::num::parse_decimal(ryu::Buffer::new().format(x), field, &Location::row(row as u64))
}

/// A text cell's decimal.
fn text_decimal(t: &str, field: &str, row: usize) -> Result<Decimal, Error> {
    kinerja_core::num::parse_decimal(t, field, &Location::row(row as u64))
}

fn decimal_column<'a>(a: &'a ArrayRef, field: &str) -> Result<Dec<'a>, Error> {
    let bad = |what: String| Error::Input { at: Location::default(), field: field.into(), reason: what };
    macro_rules! ints {
        ($t:ty) => {{
            let p = a.as_primitive::<$t>();
            let mut v = Vec::with_capacity(p.len());
            for (i, x) in p.values().iter().enumerate() {
                match i64::try_from(*x) {
                    Ok(x) => v.push(x),
                    Err(_) => {
                        return Err(Error::Input {
                            at: Location::row(i as u64),
                            field: field.into(),
                            reason: format!("{x} is beyond the 64-bit integers the batch kernels read"),
                        });
                    }
                }
            }
            Ok(Dec::I64(v, 0, p.nulls().cloned()))
        }};
    }
    match a.data_type() {
        DataType::Decimal128(_, s) => {
            let s =
                u32::try_from(*s).map_err(|_| bad(format!("negative decimal scale {s} is not supported")))?;
            if !kinerja_table::numbers::decimal128_within_limits(a.as_primitive::<Decimal128Type>(), s) {
                return Err(bad("a value has more digits than a number cell may hold".into()));
            }
            Ok(Dec::Borrowed(a.clone(), s))
        }
        DataType::Int64 => Ok(Dec::Borrowed(a.clone(), 0)),
        DataType::Int32 => ints!(Int32Type),
        DataType::Int16 => ints!(Int16Type),
        DataType::Int8 => ints!(Int8Type),
        DataType::UInt8 => ints!(UInt8Type),
        DataType::UInt16 => ints!(UInt16Type),
        DataType::UInt32 => ints!(UInt32Type),
        DataType::UInt64 => ints!(UInt64Type),
        DataType::Float64 => {
            let p = a.as_primitive::<Float64Type>();
            match DecimalColumn::from_f64(p.values(), p.nulls().map(bits), field)? {
                Some(c) => Ok(Dec::Float(c)),
                None => parsed_column(p.len(), p.nulls().cloned(), field, |i| shortest(p.value(i), field, i)),
            }
        }
        DataType::Float32 => {
            let p = a.as_primitive::<Float32Type>();
            // Each float32 through its own shortest representation.
            parsed_column(p.len(), p.nulls().cloned(), field, |i| shortest(p.value(i), field, i))
        }
        DataType::Utf8 => {
            let s = a.as_string::<i32>();
            parsed_column(s.len(), s.nulls().cloned(), field, |i| text_decimal(s.value(i), field, i))
        }
        DataType::LargeUtf8 => {
            let s = a.as_string::<i64>();
            parsed_column(s.len(), s.nulls().cloned(), field, |i| text_decimal(s.value(i), field, i))
        }
        DataType::Utf8View => {
            let s = a.as_string_view();
            parsed_column(s.len(), s.nulls().cloned(), field, |i| text_decimal(s.value(i), field, i))
        }
        DataType::Null => Ok(Dec::I64(vec![0; a.len()], 0, Some(NullBuffer::new_null(a.len())))),
        other => Err(bad(format!(
            "column type {other} is not accepted (use decimal128, integers, float64 or strings)"
        ))),
    }
}

/// A `uint8` code column (the Python layer encodes enums).
fn code_column(a: &ArrayRef, field: &str) -> PyResult<UInt8Array> {
    match a.data_type() {
        DataType::UInt8 => Ok(a.as_primitive::<UInt8Type>().clone()),
        other => Err(input_error(field, format!("expected uint8 codes, got {other}"))),
    }
}

fn index_column(a: &ArrayRef, field: &str) -> PyResult<ScalarBuffer<u32>> {
    match a.data_type() {
        DataType::UInt32 if a.null_count() == 0 => Ok(a.as_primitive::<UInt32Type>().values().clone()),
        DataType::Int32 if a.null_count() == 0 => {
            let v: Vec<u32> = a
                .as_primitive::<Int32Type>()
                .values()
                .iter()
                .map(|x| u32::try_from(*x).unwrap_or(u32::MAX))
                .collect();
            Ok(ScalarBuffer::from(v))
        }
        DataType::UInt32 | DataType::Int32 => {
            // nulls (unknown ids) become an index that names no row
            let v: Vec<u32> = (0..a.len())
                .map(|i| {
                    if a.is_null(i) {
                        u32::MAX
                    } else if let Some(p) = a.as_primitive_opt::<UInt32Type>() {
                        p.value(i)
                    } else {
                        u32::try_from(a.as_primitive::<Int32Type>().value(i)).unwrap_or(u32::MAX)
                    }
                })
                .collect();
            Ok(ScalarBuffer::from(v))
        }
        other => Err(input_error(field, format!("expected int32/uint32 row indices, got {other}"))),
    }
}

fn bool_column(a: &ArrayRef, field: &str) -> PyResult<BooleanArray> {
    match a.data_type() {
        DataType::Boolean => Ok(a.as_boolean().clone()),
        other => Err(input_error(field, format!("expected booleans, got {other}"))),
    }
}

fn code(c: &UInt8Array) -> CodeColumn<'_> {
    CodeColumn { codes: c.values(), validity: c.nulls().map(bits) }
}

fn boolc(c: &BooleanArray) -> BoolColumn<'_> {
    let v = c.values();
    BoolColumn { values: Bits { bytes: v.values(), offset: v.offset() }, validity: c.nulls().map(bits) }
}

/// Ids for error locations, read from Arrow string or integer arrays.
struct ArrowLabels {
    employee: Option<ArrayRef>,
    indicator: Option<ArrayRef>,
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
        _ => None,
    }
}

impl Labels for ArrowLabels {
    fn employee(&self, i: usize) -> Option<String> {
        self.employee.as_ref().and_then(|a| label_of(a, i))
    }
    fn indicator(&self, i: usize) -> Option<String> {
        self.indicator.as_ref().and_then(|a| label_of(a, i))
    }
}

fn arr(o: Option<PyArray>) -> Option<ArrayRef> {
    o.map(|a| a.into_inner().0)
}

fn dec_opt<'a>(a: &'a Option<ArrayRef>, field: &str) -> Result<Option<Dec<'a>>, Error> {
    a.as_ref().map(|a| decimal_column(a, field)).transpose()
}

// ---------------------------------------------------------------------------------------
// Output
// ---------------------------------------------------------------------------------------

/// The output columns of a batch, built in parallel: the indicators' achievement, and beside
/// it the employee table's result columns (the table layer's, so both paths report alike).
fn out_columns(
    ind: batch::IndicatorScores,
    e: batch::EmployeeScores,
    credit: Option<Credit>,
) -> Result<(ArrayRef, score::Columns), Error> {
    // every employee of the direct path has indicator rows: `ok` or `error`
    let status: Vec<u8> =
        e.ok.iter().map(|ok| if *ok { score::STATUS_OK } else { score::STATUS_ERROR }).collect();
    let (achievement, cols) = rayon::join(
        || score::decimals(ind.achievement, &ind.valid, ind.scale),
        || score::employee_results(e, &status, credit),
    );
    Ok((achievement?, cols?))
}

// ---------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------

/// The decimal places each number column was read at, by field (`None`: not given).
type Scales = [(&'static str, Option<u32>); 6];

/// Native batch scoring over prepared Arrow arrays (called by `kinerja.batch.score`, which
/// prepares indices and enum codes). Returns a dict: `achievement` (pyarrow), `employee_columns`
/// (name, pyarrow array) pairs from `weighted_achievement` to `status`, `errors` (how many
/// problems: `kinerja.score` has the table layer word them), `problem_employees` (the
/// employee rows they concern, int64; `None` when one concerns no employee), `unit_counts`
/// (with units), `stats` and `scales` (the decimal places each number column was read at).
/// Without `rules`, the ruleset in force for `period` (the 6/2022 one without a period); rules
/// of another regime than PermenPANRB 6/2022 are a `PolicyError`
/// ([`kinerja_table::run::batch_rules_for`], the table layer's check).
#[pyfunction]
#[pyo3(signature = (
    employee, target, actual, n_employees, *, target_low=None, target_high=None, polarity=None,
    weight=None, cap=None, additional=None, work_rating=None, behaviour=None, unit=None, jpt=None,
    unit_head=None, n_units=0, org_predicate=None, functional_grade=None, rules=None,
    on_error="raise", employee_ids=None, indicator_ids=None, period=None
))]
#[allow(clippy::too_many_arguments)]
fn _batch_score(
    py: Python<'_>,
    employee: PyArray,
    target: PyArray,
    actual: PyArray,
    n_employees: usize,
    target_low: Option<PyArray>,
    target_high: Option<PyArray>,
    polarity: Option<PyArray>,
    weight: Option<PyArray>,
    cap: Option<PyArray>,
    additional: Option<PyArray>,
    work_rating: Option<PyArray>,
    behaviour: Option<PyArray>,
    unit: Option<PyArray>,
    jpt: Option<PyArray>,
    unit_head: Option<PyArray>,
    n_units: usize,
    org_predicate: Option<PyArray>,
    functional_grade: Option<PyArray>,
    rules: Option<&PyRuleset>,
    on_error: &str,
    employee_ids: Option<PyArray>,
    indicator_ids: Option<PyArray>,
    period: Option<&str>,
) -> PyResult<Py<PyDict>> {
    // the kernel is 6/2022's: other rules are refused as the table layer refuses them
    let rules = batch_rules(rules, period)?;
    let mode = match on_error {
        "raise" => OnError::Raise,
        "collect" => OnError::Collect,
        other => return Err(input_error("on_error", format!("`{other}` is not one of raise, collect"))),
    };
    let employee = index_column(&employee.into_inner().0, "employee")?;
    let (target, actual) = (target.into_inner().0, actual.into_inner().0);
    let (target_low, target_high, weight, cap) = (arr(target_low), arr(target_high), arr(weight), arr(cap));
    let polarity = arr(polarity).map(|a| code_column(&a, "polarity")).transpose()?;
    let additional = arr(additional).map(|a| bool_column(&a, "additional")).transpose()?;
    let work_rating = arr(work_rating).map(|a| code_column(&a, "work_rating")).transpose()?;
    let behaviour = arr(behaviour).map(|a| code_column(&a, "behaviour")).transpose()?;
    let org_predicate = arr(org_predicate).map(|a| code_column(&a, "org_predicate")).transpose()?;
    let unit = arr(unit).map(|a| index_column(&a, "unit")).transpose()?;
    let jpt = arr(jpt).map(|a| bool_column(&a, "jpt")).transpose()?;
    let unit_head = arr(unit_head).map(|a| bool_column(&a, "unit_head")).transpose()?;
    let grade = arr(functional_grade).map(|a| code_column(&a, "functional_grade")).transpose()?;
    let labels = ArrowLabels { employee: arr(employee_ids), indicator: arr(indicator_ids) };
    let pool = pool()?;

    let result = py.detach(|| {
        pool.install(
            || -> Result<(batch::BatchOutput, Vec<batch::UnitDistribution>, Option<Credit>, Scales), Error> {
                let (t, a) =
                    rayon::join(|| decimal_column(&target, "target"), || decimal_column(&actual, "actual"));
                let (t, a) = (t?, a?);
                let (lo, hi, w, c) = (
                    dec_opt(&target_low, "target_low")?,
                    dec_opt(&target_high, "target_high")?,
                    dec_opt(&weight, "weight")?,
                    dec_opt(&cap, "cap")?,
                );
                let mut ind = IndicatorColumns::new(&employee, t.column(), a.column());
                ind.target_low = lo.as_ref().map(Dec::column);
                ind.target_high = hi.as_ref().map(Dec::column);
                ind.weight = w.as_ref().map(Dec::column);
                ind.cap = c.as_ref().map(Dec::column);
                let scale = |c: &Option<Dec>| c.as_ref().map(|c| c.column().scale);
                let scales = [
                    ("target", Some(t.column().scale)),
                    ("actual", Some(a.column().scale)),
                    ("target_low", scale(&lo)),
                    ("target_high", scale(&hi)),
                    ("weight", scale(&w)),
                    ("cap", scale(&c)),
                ];
                ind.polarity = polarity.as_ref().map(code);
                ind.additional = additional.as_ref().map(boolc);
                let emps = EmployeeColumns {
                    len: n_employees,
                    work_rating: work_rating.as_ref().map(code),
                    behaviour: behaviour.as_ref().map(code),
                    unit: unit.as_deref(),
                    jpt: jpt.as_ref().map(boolc),
                    unit_head: unit_head.as_ref().map(boolc),
                };
                let units = UnitColumns { len: n_units, org_predicate: org_predicate.as_ref().map(code) };
                let out = batch::score(&ind, &emps, &units, &rules.policy, mode, &labels)?;
                let dist = batch::unit_distribution(&out.employees, &emps, &units, &rules.policy)?;
                let credit = grade
                    .as_ref()
                    .map(|g| batch::credit_points(&out.employees, &code(g), &rules.policy))
                    .transpose()?;
                Ok((out, dist, credit, scales))
            },
        )
    });
    let (out, dist, credit, scales) = result.py()?;

    let d = PyDict::new(py);
    let (ind, emp, errs, stats) = (out.indicators, out.employees, out.errors, out.stats);
    let (achievement, cols) = py.detach(|| pool.install(|| out_columns(ind, emp, credit))).py()?;
    d.set_item("achievement", PyArray::from_array_ref(achievement).to_pyarrow(py)?)?;
    let employee_columns = PyList::empty(py);
    for (name, col) in cols {
        employee_columns.append((name, PyArray::from_array_ref(col).to_pyarrow(py)?))?;
    }
    d.set_item("employee_columns", employee_columns)?;
    d.set_item("errors", errs.len())?;
    match problem_employees(&errs, n_employees) {
        Some(rows) => {
            let rows: ArrayRef = Arc::new(arrow_array::Int64Array::from(rows));
            d.set_item("problem_employees", PyArray::from_array_ref(rows).to_pyarrow(py)?)?;
        }
        None => d.set_item("problem_employees", py.None())?,
    }
    if unit.is_some() {
        d.set_item("unit_counts", unit_columns(py, &dist)?)?;
    }
    d.set_item("stats", stats_dict(py, &stats)?)?;
    let read = PyDict::new(py);
    for (name, scale) in scales {
        if let Some(s) = scale {
            read.set_item(name, s)?;
        }
    }
    d.set_item("scales", read)?;
    Ok(d.unbind())
}

/// The number column `values` (of any type `_batch_score` reads) as `decimal128(38, scale)`,
/// each value read as `_batch_score` reads it (a float as the decimal it was written as);
/// `None` when a value needs more places than `scale` or cannot be read. For the rows of a
/// column read whole at `scale` (`_batch_score`'s `scales`): the same numbers at the same
/// scale, so the table layer shows them as it shows the whole column's.
#[pyfunction]
#[pyo3(signature = (values, scale))]
fn _decimals_at(py: Python<'_>, values: PyArray, scale: u32) -> PyResult<Py<PyAny>> {
    let values = values.into_inner().0;
    let Ok(dec) = decimal_column(&values, "value") else { return Ok(py.None()) };
    let col = dec.column();
    let Some(up) = scale.checked_sub(col.scale).and_then(|e| 10i128.checked_pow(e)) else {
        return Ok(py.None());
    };
    let scaled: Option<Vec<i128>> =
        (0..col.len()).map(|i| col.raw(i).map_or(Some(0), |m| m.checked_mul(up))).collect();
    let valid: Vec<bool> = (0..col.len()).map(|i| col.raw(i).is_some()).collect();
    match scaled.and_then(|v| score::decimals(v, &valid, scale).ok()) {
        Some(a) => Ok(PyArray::from_array_ref(a).to_pyarrow(py)?.unbind()),
        None => Ok(py.None()),
    }
}

/// The kernel's statistics by name (`BatchResult.stats`): how many rows and employees each
/// path decided (the same results on every path).
pub(crate) fn stats_dict<'py>(py: Python<'py>, s: &BatchStats) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("fast_rows", s.fast_rows)?;
    d.set_item("plain_rows", s.plain_rows)?;
    d.set_item("fallback_rows", s.fallback_rows)?;
    d.set_item("plain_employees", s.plain_employees)?;
    d.set_item("fallback_employees", s.fallback_employees)?;
    Ok(d)
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

/// The per-unit columns: the five predicate counts, then `heads_excluded`,
/// `distribution_passed` (null: no organisational predicate), `violations` and the violated
/// constraints in words (English, then Indonesian; `; `-separated).
fn unit_columns(py: Python<'_>, dist: &[batch::UnitDistribution]) -> PyResult<Py<PyList>> {
    use arrow_array::{StringArray, UInt64Array};
    use kinerja_core::explain::Lang;
    let cols = PyList::empty(py);
    let push = |a: ArrayRef| -> PyResult<()> { cols.append(PyArray::from_array_ref(a).to_pyarrow(py)?) };
    for p in 0..5 {
        push(Arc::new(UInt64Array::from_iter_values(
            dist.iter().map(|d| d.counts.get(p).copied().unwrap_or(0)),
        )))?;
    }
    push(Arc::new(UInt64Array::from_iter_values(dist.iter().map(|d| d.heads_excluded))))?;
    push(Arc::new(BooleanArray::from_iter(dist.iter().map(|d| d.violations.as_ref().map(Vec::is_empty)))))?;
    push(Arc::new(UInt64Array::from_iter(
        dist.iter().map(|d| d.violations.as_ref().map(|v| v.len() as u64)),
    )))?;
    for lang in [Lang::En, Lang::Id] {
        let text = dist.iter().map(|d| {
            d.violations
                .as_ref()
                .map(|v| v.iter().map(|c| c.description.get(lang)).collect::<Vec<_>>().join("; "))
        });
        push(Arc::new(StringArray::from_iter(text)))?;
    }
    Ok(cols.unbind())
}

// ---------------------------------------------------------------------------------------
// Key alignment and enum encoding (fast paths for kinerja.score's preparation)
// ---------------------------------------------------------------------------------------

/// Byte-string access to a string or integer key column, without copying.
enum Keys<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    I64(&'a arrow_array::Int64Array),
    I32(&'a arrow_array::Int32Array),
}

#[derive(PartialEq)]
enum Key<'a> {
    S(&'a [u8]),
    I(i64),
}

impl Keys<'_> {
    fn len(&self) -> usize {
        match self {
            Keys::Utf8(a) => a.len(),
            Keys::Large(a) => a.len(),
            Keys::View(a) => a.len(),
            Keys::I64(a) => a.len(),
            Keys::I32(a) => a.len(),
        }
    }
    #[inline]
    fn get(&self, i: usize) -> Option<Key<'_>> {
        macro_rules! s {
            ($a:expr) => {
                (i < $a.len() && $a.is_valid(i)).then(|| Key::S($a.value(i).as_bytes()))
            };
        }
        match self {
            Keys::Utf8(a) => s!(a),
            Keys::Large(a) => s!(a),
            Keys::View(a) => s!(a),
            Keys::I64(a) => (i < a.len() && a.is_valid(i)).then(|| Key::I(a.value(i))),
            Keys::I32(a) => (i < a.len() && a.is_valid(i)).then(|| Key::I(i64::from(a.value(i)))),
        }
    }
}

fn keys(a: &ArrayRef) -> Option<Keys<'_>> {
    Some(match a.data_type() {
        DataType::Utf8 => Keys::Utf8(a.as_string::<i32>()),
        DataType::LargeUtf8 => Keys::Large(a.as_string::<i64>()),
        DataType::Utf8View => Keys::View(a.as_string_view()),
        DataType::Int64 => Keys::I64(a.as_primitive::<Int64Type>()),
        DataType::Int32 => Keys::I32(a.as_primitive::<Int32Type>()),
        _ => return None,
    })
}

/// Walks rows `lo..lo + out.len()` (read by `row`), grouped by employee in the order of the
/// employee table (`ne` keys read by `emp`), writing each row's employee index from `j` on;
/// `false` as soon as a row breaks that order.
fn align_walk<K: PartialEq>(
    row: &impl Fn(usize) -> Option<K>,
    emp: &impl Fn(usize) -> Option<K>,
    ne: usize,
    lo: usize,
    mut j: usize,
    out: &mut [u32],
) -> bool {
    for (k, slot) in out.iter_mut().enumerate() {
        let Some(r) = row(lo + k) else { return false };
        loop {
            if j >= ne {
                return false;
            }
            if emp(j).as_ref() == Some(&r) {
                break;
            }
            j += 1;
        }
        let Ok(v) = u32::try_from(j) else { return false };
        *slot = v;
    }
    true
}

/// [`align_walk`] over all `n` rows, in `parts` chunks walked in parallel. A chunk after the
/// first starts at the first employee whose key equals its first row's key (found by a scan);
/// the chunks are then joined only if each one ends at or before the next one's start, which
/// is exactly when the sequential walk would give the same indices. The keys are read through
/// `row` and `emp` (`None` for a null), so plain integer slices are read without dispatch.
fn align_rows<K: PartialEq>(
    n: usize,
    row: impl Fn(usize) -> Option<K> + Sync,
    ne: usize,
    emp: impl Fn(usize) -> Option<K> + Sync,
    parts: usize,
) -> Option<Vec<u32>> {
    use rayon::prelude::*;
    let mut out = vec![0u32; n];
    if n == 0 {
        return Some(out);
    }
    let len = n.div_ceil(parts.max(1)).max(1 << 16);
    let ok = out.par_chunks_mut(len).enumerate().all(|(c, chunk)| {
        let lo = c * len;
        let j0 = if c == 0 {
            Some(0)
        } else {
            let first = row(lo);
            (0..ne).find(|j| first.is_some() && emp(*j) == first)
        };
        j0.is_some_and(|j0| align_walk(&row, &emp, ne, lo, j0, chunk))
    });
    if !ok {
        return None;
    }
    let ordered = (len..n).step_by(len).all(|b| out.get(b - 1) <= out.get(b));
    ordered.then_some(out)
}

/// [`align_rows`] of two key columns: integer columns of one type without nulls as slices,
/// anything else through [`Keys`].
fn align_keys(rows: &ArrayRef, emps: &ArrayRef, parts: usize) -> Option<Vec<u32>> {
    fn plain<T: arrow_array::ArrowPrimitiveType>(a: &ArrayRef) -> Option<&[T::Native]> {
        let p = a.as_primitive_opt::<T>()?;
        (p.null_count() == 0).then(|| &p.values()[..])
    }
    if let (Some(r), Some(e)) = (plain::<Int64Type>(rows), plain::<Int64Type>(emps)) {
        return align_rows(r.len(), |i| r.get(i), e.len(), |j| e.get(j), parts);
    }
    if let (Some(r), Some(e)) = (plain::<Int32Type>(rows), plain::<Int32Type>(emps)) {
        return align_rows(r.len(), |i| r.get(i), e.len(), |j| e.get(j), parts);
    }
    let (r, e) = (keys(rows)?, keys(emps)?);
    align_rows(r.len(), |i| r.get(i), e.len(), |j| e.get(j), parts)
}

/// Whether the aligned indices reach every employee row `0..n_emp` (they never decrease, so
/// every row is reached when they start at 0, end at the last and never skip one).
fn reaches_every(idx: &[u32], n_emp: usize) -> bool {
    use rayon::prelude::*;
    match (idx.first(), idx.last()) {
        (Some(first), Some(last)) => {
            *first == 0
                && *last as usize + 1 == n_emp
                && idx.par_windows(2).all(|w| matches!(w, [a, b] if *b <= *a + 1))
        }
        _ => n_emp == 0,
    }
}

/// `_align_keys(row_keys, employee_keys)`: the employee row of each indicator row when the
/// indicator rows are grouped by employee in the employee table's order (the usual layout
/// of a national roster sorted by NIP), and whether every employee row is reached; `None`
/// otherwise (the caller then hash-joins).
#[pyfunction]
fn _align_keys(py: Python<'_>, rows: PyArray, employees: PyArray) -> PyResult<Option<(Py<PyAny>, bool)>> {
    let (rows, emps) = (rows.into_inner().0, employees.into_inner().0);
    let pool = pool()?;
    let n_emp = emps.len();
    let idx = py.detach(|| {
        pool.install(|| {
            align_keys(&rows, &emps, rayon::current_num_threads()).map(|v| {
                let every = reaches_every(&v, n_emp);
                (v, every)
            })
        })
    });
    match idx {
        Some((v, every)) => {
            let a = arrow_array::UInt32Array::from(v);
            Ok(Some((PyArray::from_array_ref(Arc::new(a)).to_pyarrow(py)?.unbind(), every)))
        }
        None => Ok(None),
    }
}

/// The distinct values of `v` in order of first appearance and each value's position among
/// them, when the values lie in a range at most about twice their number (unit ids): one pass
/// through a table indexed by value, no hashing. `None` for a wider range.
fn dense_index<T: Copy + Ord + Send + Sync + Into<i64>>(v: &[T]) -> Option<(Vec<T>, Vec<u32>)> {
    use rayon::prelude::*;
    let (Some(min), Some(max)) = (v.par_iter().copied().min(), v.par_iter().copied().max()) else {
        return Some((Vec::new(), Vec::new()));
    };
    let min: i64 = min.into();
    let span = usize::try_from(i128::from(max.into()) - i128::from(min) + 1).ok()?;
    if span > 2 * v.len() + 1024 {
        return None;
    }
    let mut slot = vec![u32::MAX; span];
    let (mut distinct, mut index) = (Vec::new(), Vec::with_capacity(v.len()));
    for x in v {
        let s = slot.get_mut(usize::try_from(i128::from((*x).into()) - i128::from(min)).ok()?)?;
        if *s == u32::MAX {
            *s = u32::try_from(distinct.len()).ok()?;
            distinct.push(*x);
        }
        index.push(*s);
    }
    Some((distinct, index))
}

/// `_unit_index(units)`: the distinct unit ids in order of first appearance (of the input's
/// integer type) and each employee's position among them, for integer ids without nulls in a
/// dense range; `None` otherwise (the caller hashes with pyarrow, with the same result).
#[pyfunction]
fn _unit_index(py: Python<'_>, units: PyArray) -> PyResult<Option<(Py<PyAny>, Py<PyAny>)>> {
    let a = units.into_inner().0;
    if a.null_count() > 0 {
        return Ok(None);
    }
    let pool = pool()?;
    let found: Option<(ArrayRef, Vec<u32>)> = py.detach(|| {
        pool.install(|| match a.data_type() {
            DataType::Int64 => dense_index(a.as_primitive::<Int64Type>().values())
                .map(|(d, i)| (Arc::new(arrow_array::Int64Array::from(d)) as ArrayRef, i)),
            DataType::Int32 => dense_index(a.as_primitive::<Int32Type>().values())
                .map(|(d, i)| (Arc::new(arrow_array::Int32Array::from(d)) as ArrayRef, i)),
            _ => None,
        })
    });
    let Some((distinct, index)) = found else { return Ok(None) };
    let index: ArrayRef = Arc::new(arrow_array::UInt32Array::from(index));
    Ok(Some((
        PyArray::from_array_ref(distinct).to_pyarrow(py)?.unbind(),
        PyArray::from_array_ref(index).to_pyarrow(py)?.unbind(),
    )))
}

/// `_dictionary_codes(indices, mapping)`: the uint8 code of each row of a dictionary-encoded
/// enum column, `mapping[index]` (null for a null index or a `None` in `mapping`), in parallel
/// chunks; an index outside `mapping` is an error naming the row.
#[pyfunction]
fn _dictionary_codes(py: Python<'_>, indices: PyArray, mapping: Vec<Option<u8>>) -> PyResult<Py<PyAny>> {
    let a = indices.into_inner().0;
    let pool = pool()?;
    let codes = py.detach(|| {
        pool.install(|| match a.data_type() {
            DataType::Int8 | DataType::UInt8 => match remap_bytes(&a, &mapping) {
                Some(codes) => Ok(codes),
                None if *a.data_type() == DataType::Int8 => remap(a.as_primitive::<Int8Type>(), &mapping),
                None => remap(a.as_primitive::<UInt8Type>(), &mapping),
            },
            DataType::Int16 => remap(a.as_primitive::<Int16Type>(), &mapping),
            DataType::Int32 => remap(a.as_primitive::<Int32Type>(), &mapping),
            DataType::Int64 => remap(a.as_primitive::<Int64Type>(), &mapping),
            DataType::UInt16 => remap(a.as_primitive::<UInt16Type>(), &mapping),
            DataType::UInt32 => remap(a.as_primitive::<UInt32Type>(), &mapping),
            DataType::UInt64 => remap(a.as_primitive::<UInt64Type>(), &mapping),
            other => Err(format!("dictionary indices of type {other} are not integers")),
        })
    });
    let codes = codes.map_err(|e| input_error("codes", e))?;
    Ok(PyArray::from_array_ref(Arc::new(codes)).to_pyarrow(py)?.unbind())
}

/// [`_dictionary_codes`] for `Int8` or `UInt8` indices on their bytes, without a branch per row: the
/// indices themselves (no copy) when they are the codes, else one 256-entry table. `None`
/// when some byte is no code of `mapping` (a `None` in it, an index past it, a negative
/// index): [`remap`] then nulls or names the row.
fn remap_bytes(a: &ArrayRef, mapping: &[Option<u8>]) -> Option<UInt8Array> {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 16;
    let data = a.to_data();
    let buffer = data.buffers().first()?;
    let bytes = buffer.as_slice().get(data.offset()..data.offset().checked_add(data.len())?)?;
    // a byte past 127 is a negative int8 index: never a code
    let width = if *a.data_type() == DataType::Int8 { 128 } else { 256 };
    let mut table = [u8::MAX; 256];
    for (t, m) in table.iter_mut().zip(mapping).take(width) {
        *t = m.unwrap_or(u8::MAX);
    }
    let known = |chunk: &[u8]| chunk.iter().fold(true, |ok, b| ok & (table[usize::from(*b)] != u8::MAX));
    let identity = table.iter().enumerate().all(|(j, t)| *t == u8::MAX || usize::from(*t) == j);
    let nulls = a.logical_nulls();
    if identity {
        // every byte (under a null too) its own code: the indices are the codes
        if !bytes.par_chunks(CHUNK).all(known) {
            return None;
        }
        let values = ScalarBuffer::new(buffer.clone(), data.offset(), data.len());
        return Some(UInt8Array::new(values, nulls));
    }
    let mut out = vec![0u8; bytes.len()];
    out.par_chunks_mut(CHUNK).zip(bytes.par_chunks(CHUNK)).for_each(|(o, b)| {
        for (o, b) in o.iter_mut().zip(b) {
            *o = table[usize::from(*b)];
        }
    });
    if out.par_chunks(CHUNK).any(|c| c.contains(&u8::MAX)) {
        return None;
    }
    Some(UInt8Array::new(out.into(), nulls))
}

/// [`_dictionary_codes`] for one index type.
fn remap<T: arrow_array::ArrowPrimitiveType>(
    idx: &arrow_array::PrimitiveArray<T>,
    mapping: &[Option<u8>],
) -> Result<UInt8Array, String> {
    use arrow_buffer::ArrowNativeType;
    const CHUNK: usize = 1 << 15;
    let code = |i: usize| -> Option<Option<u8>> {
        if idx.is_null(i) {
            return Some(None);
        }
        let j = idx.values().get(i).and_then(|v| v.to_usize());
        j.and_then(|j| mapping.get(j).copied())
    };
    let mut out = vec![0u8; idx.len()];
    if let Err((row, ())) = par_fill(&mut out, CHUNK, |i| code(i).map(|v| v.unwrap_or(0)).ok_or(())) {
        return Err(format!("row {row}: a dictionary index outside its {} values", mapping.len()));
    }
    let nulls = if mapping.iter().all(Option::is_some) {
        idx.nulls().cloned()
    } else {
        Some(NullBuffer::from(BooleanBuffer::collect_bool(idx.len(), |i| matches!(code(i), Some(Some(_))))))
    };
    Ok(UInt8Array::new(out.into(), nulls))
}

/// `_labels(codes, names)`: the labels of uint8 codes as a pyarrow dictionary array
/// (`int8` keys into `names`, every name in the dictionary in its order; null stays null).
#[pyfunction]
fn _labels(py: Python<'_>, codes: PyArray, names: Vec<String>) -> PyResult<Py<PyAny>> {
    let a = codes.into_inner().0;
    let codes = code_column(&a, "codes")?;
    let pool = pool()?;
    let dict = py.detach(|| pool.install(|| score::labels(&codes, &names)));
    let dict = dict.map_err(|e| input_error("codes", e))?;
    Ok(PyArray::from_array_ref(Arc::new(dict)).to_pyarrow(py)?.unbind())
}

/// `_encode(values, labels, codes)`: a uint8 code per string (null stays null) from the
/// given label → code table; returns `(codes, None)` or `(None, first unknown value)`.
#[pyfunction]
fn _encode(
    py: Python<'_>,
    values: PyArray,
    labels: Vec<String>,
    codes: Vec<u8>,
) -> PyResult<(Option<Py<PyAny>>, Option<String>)> {
    let a = values.into_inner().0;
    let table: Vec<(&[u8], u8)> = labels.iter().map(|l| l.as_bytes()).zip(codes.iter().copied()).collect();
    let pool = pool()?;
    let res = py.detach(|| -> Result<UInt8Array, String> {
        let k = match keys(&a) {
            Some(k @ (Keys::Utf8(_) | Keys::Large(_) | Keys::View(_))) => k,
            _ => return Err(String::new()),
        };
        // One code per row written in place (null rows get u8::MAX and keep the input's
        // validity); the lowest row with an unknown spelling is remembered.
        const CHUNK: usize = 1 << 15;
        let mut out = vec![u8::MAX; k.len()];
        let code = |i: usize| match k.get(i) {
            Some(Key::S(b)) => table.iter().find(|(l, _)| *l == b).map(|(_, code)| *code).ok_or(()),
            _ => Ok(u8::MAX),
        };
        if let Err((i, ())) = pool.install(|| par_fill(&mut out, CHUNK, code)) {
            return Err(match k.get(i) {
                Some(Key::S(b)) => String::from_utf8_lossy(b).into_owned(),
                _ => String::new(),
            });
        }
        Ok(UInt8Array::new(ScalarBuffer::from(out), a.logical_nulls()))
    });
    match res {
        Ok(arr) => Ok((Some(PyArray::from_array_ref(Arc::new(arr)).to_pyarrow(py)?.unbind()), None)),
        Err(unknown) => Ok((None, Some(unknown))),
    }
}

/// The rules batch scoring applies for `period` ([`kinerja_table::run::batch_rules_for`]).
fn batch_rules(
    rules: Option<&PyRuleset>,
    period: Option<&str>,
) -> PyResult<Arc<kinerja_core::rules::Ruleset>> {
    let period = period.map(|p| p.parse::<kinerja_core::period::Period>()).transpose().py()?;
    match rules {
        Some(r) => {
            kinerja_table::run::batch_rules_for(Some(&r.0), period).map_err(crate::table::run_error)?;
            Ok(r.0.clone())
        }
        None => {
            let chosen =
                kinerja_table::run::batch_rules_for(None, period).map_err(crate::table::run_error)?;
            Ok(Arc::new(chosen.into_owned()))
        }
    }
}

/// Registers the batch functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_batch_score, m)?)?;
    m.add_function(wrap_pyfunction!(_decimals_at, m)?)?;
    m.add_function(wrap_pyfunction!(_align_keys, m)?)?;
    m.add_function(wrap_pyfunction!(_encode, m)?)?;
    m.add_function(wrap_pyfunction!(_labels, m)?)?;
    m.add_function(wrap_pyfunction!(_dictionary_codes, m)?)?;
    m.add_function(wrap_pyfunction!(_unit_index, m)?)?;
    m.add_function(wrap_pyfunction!(_repeated_indicator, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    Ok(())
}

/// `_repeated_indicator(employee_index, indicator)`: whether two rows of one employee have
/// the same indicator id (then the table layer reads the tables and names both rows).
#[pyfunction]
fn _repeated_indicator(py: Python<'_>, employee_index: PyArray, indicator: PyArray) -> PyResult<bool> {
    let e = employee_index.into_inner().0;
    let ids = indicator.into_inner().0;
    fn rows<T: arrow_array::ArrowPrimitiveType>(a: &ArrayRef) -> Vec<u32>
    where
        T::Native: TryInto<u32>,
    {
        let none = kinerja_table::keys::NONE;
        a.as_primitive::<T>().iter().map(|x| x.and_then(|v| v.try_into().ok()).unwrap_or(none)).collect()
    }
    let employee = match e.data_type() {
        DataType::Int32 => rows::<Int32Type>(&e),
        DataType::UInt32 => rows::<UInt32Type>(&e),
        DataType::Int64 => rows::<Int64Type>(&e),
        DataType::UInt64 => rows::<UInt64Type>(&e),
        other => {
            return Err(input_error("employee_index", format!("an integer array is expected, got {other}")));
        }
    };
    let pool = pool()?;
    Ok(py.detach(|| pool.install(|| kinerja_table::keys::repeated_indicator(&employee, &ids))))
}
