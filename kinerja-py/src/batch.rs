//! Columnar batch scoring from Arrow (`kinerja.score`'s direct path): arrays in through the
//! Arrow PyCapsule interface (pyo3-arrow), [`kinerja_table::direct`] on a dedicated rayon pool
//! with the GIL released, pyarrow arrays out. The work is the table layer's; this module
//! converts and owns the thread pool.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use arrow_array::ArrayRef;
use kinerja_core::batch::BatchStats;
use kinerja_table::direct::{self, Encoded};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use pyo3_arrow::PyArray;

use crate::errors::{PyResultExt, input_error};
use crate::rules::{PyRuleset, RulesArg};
use crate::table::RowNumbers;

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
// Entry point
// ---------------------------------------------------------------------------------------

/// Table `table`, its rows numbered `rows` (`None`: as a batch's).
fn given<'a>(table: &'a arrow_array::RecordBatch, rows: &'a Option<Vec<u64>>) -> direct::Numbered<'a> {
    direct::Numbered { table, rows: rows.as_deref() }
}

/// A pyarrow array of `a`.
fn py_array(py: Python<'_>, a: ArrayRef) -> PyResult<Py<PyAny>> {
    Ok(PyArray::from_array_ref(a).to_pyarrow(py)?.unbind())
}

/// `_direct_score(indicators, employees, units, *, rules, period, on_error, indicator_rows,
/// employee_rows, unit_rows)`: canonical pyarrow tables scored on the direct path
/// ([`kinerja_table::direct::score_tables`]); `None` when a table is not canonical or the
/// rules are not batch rules (the caller then scores through the table layer, which gives the
/// same results). Problems are worded by the table layer ([`direct::word_problems`], rows
/// numbered as `_table_score` numbers them); under `on_error="raise"` the lowest is raised.
/// Returns a dict: `indicators`, `employees`, `units` (pyarrow tables), `errors` (how many
/// problems), `problems` (the table layer's problem table, `None` without problems),
/// `rows_read` (the indicator rows read to word them), `problem_employees` (int64 employee
/// rows, or `None` when a problem names no employee), `employee_index` (each indicator row's
/// employee row), `by_unit`, `scales` and `stats`. `_subset_rows` (for tests) replaces
/// [`direct::subset_limit`].
#[pyfunction]
#[pyo3(signature = (
    indicators, employees=None, units=None, *, rules=None, period=None, on_error="collect",
    indicator_rows=None, employee_rows=None, unit_rows=None, _subset_rows=None
))]
#[allow(clippy::too_many_arguments)]
fn _direct_score<'py>(
    py: Python<'py>,
    indicators: &Bound<'py, PyAny>,
    employees: Option<&Bound<'py, PyAny>>,
    units: Option<&Bound<'py, PyAny>>,
    rules: Option<RulesArg>,
    period: Option<&str>,
    on_error: &str,
    indicator_rows: Option<RowNumbers>,
    employee_rows: Option<RowNumbers>,
    unit_rows: Option<RowNumbers>,
    _subset_rows: Option<usize>,
) -> PyResult<Option<Py<PyDict>>> {
    let on_error = crate::table::on_error_arg(on_error)?;
    let Ok(batch_rules) = batch_rules(rules.as_deref(), period) else { return Ok(None) };
    let ind = crate::table::arrow_table(indicators, "indicators")?;
    let emp = employees.map(|e| crate::table::arrow_table(e, "employees")).transpose()?;
    let units = units.map(|u| crate::table::arrow_table(u, "units")).transpose()?;
    let numbers = |r: Option<RowNumbers>, n: Option<usize>, field: &str| -> PyResult<Option<Vec<u64>>> {
        match (r, n) {
            (Some(r), Some(n)) => r.rows(n, field).map(Some),
            (Some(_), None) => {
                Err(input_error(field, "row numbers are given for a table that was not given"))
            }
            (None, _) => Ok(None),
        }
    };
    let ind_rows = numbers(indicator_rows, Some(ind.num_rows()), "indicator_rows")?;
    let emp_rows = numbers(employee_rows, emp.as_ref().map(|e| e.num_rows()), "employee_rows")?;
    let unit_rows = numbers(unit_rows, units.as_ref().map(|u| u.num_rows()), "unit_rows")?;
    let read = crate::table::read_options(None, None, None, None, None)?;
    let period_value = period.map(|p| p.parse::<kinerja_core::period::Period>()).transpose().py()?;
    let options = kinerja_table::score::ScoreOptions {
        period: period_value,
        on_error,
        detail: kinerja_table::score::Detail::Indicator,
        lang: crate::errors::error_lang_value(),
    };
    let pool = pool()?;
    let scored = py.detach(|| {
        pool.install(|| {
            let out = direct::score_tables(&ind, emp.as_ref(), units.as_ref(), &batch_rules)?;
            if out.errors == 0 {
                return Some(Ok((out, None)));
            }
            let tables = (
                given(&ind, &ind_rows),
                emp.as_ref().map(|e| given(e, &emp_rows)),
                units.as_ref().map(|u| given(u, &unit_rows)),
            );
            let limit = _subset_rows.unwrap_or_else(|| direct::subset_limit(ind.num_rows()));
            let rules = rules.as_deref().map(|r| &*r.0);
            Some(direct::word_problems(tables, &out, limit, &read, rules, &options).map(|w| (out, Some(w))))
        })
    });
    let Some(scored) = scored else { return Ok(None) };
    let (out, worded) = scored.map_err(crate::table::run_error)?;
    let d = PyDict::new(py);
    d.set_item("indicators", crate::table::to_pyarrow(py, out.indicators)?)?;
    d.set_item("employees", crate::table::to_pyarrow(py, out.employees)?)?;
    d.set_item("units", crate::table::to_pyarrow(py, out.units)?)?;
    d.set_item("errors", out.errors)?;
    match worded {
        Some(w) => {
            d.set_item("problems", crate::table::to_pyarrow(py, w.problems)?)?;
            d.set_item("rows_read", w.rows_read)?;
        }
        None => {
            d.set_item("problems", py.None())?;
            d.set_item("rows_read", 0)?;
        }
    }
    match out.problem_employees {
        Some(rows) => {
            d.set_item("problem_employees", py_array(py, Arc::new(arrow_array::Int64Array::from(rows)))?)?
        }
        None => d.set_item("problem_employees", py.None())?,
    }
    d.set_item("employee_index", py_array(py, out.employee_index)?)?;
    d.set_item("by_unit", out.by_unit)?;
    let read = PyDict::new(py);
    for (name, scale) in out.scales {
        read.set_item(name, scale)?;
    }
    d.set_item("scales", read)?;
    d.set_item("stats", stats_dict(py, &out.stats)?)?;
    Ok(Some(d.unbind()))
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

// ---------------------------------------------------------------------------------------
// Steps of the direct path (kinerja_table::direct), for the property tests that hold them
// to pyarrow's own kernels (tests/test_batch.py); `_labels` also for the command line
// ---------------------------------------------------------------------------------------

/// `_align_keys(row_keys, employee_keys)`: the employee row of each indicator row when the
/// indicator rows are grouped by employee in the employee table's order, and whether every
/// employee row is reached ([`direct::align_keys`], [`direct::reaches_every`]); `None`
/// otherwise (the caller then hash-joins).
#[pyfunction]
fn _align_keys(py: Python<'_>, rows: PyArray, employees: PyArray) -> PyResult<Option<(Py<PyAny>, bool)>> {
    let (rows, emps) = (rows.into_inner().0, employees.into_inner().0);
    let pool = pool()?;
    let n_emp = emps.len();
    let idx = py.detach(|| {
        pool.install(|| {
            direct::align_keys(&rows, &emps, rayon::current_num_threads()).map(|v| {
                let every = direct::reaches_every(&v, n_emp);
                (v, every)
            })
        })
    });
    match idx {
        Some((v, every)) => Ok(Some((py_array(py, Arc::new(arrow_array::UInt32Array::from(v)))?, every))),
        None => Ok(None),
    }
}

/// `_unit_index(units)`: [`direct::unit_index`] (`None`: the caller hashes with pyarrow, with
/// the same result).
#[pyfunction]
fn _unit_index(py: Python<'_>, units: PyArray) -> PyResult<Option<(Py<PyAny>, Py<PyAny>)>> {
    let a = units.into_inner().0;
    let pool = pool()?;
    let Some((distinct, index)) = py.detach(|| pool.install(|| direct::unit_index(&a))) else {
        return Ok(None);
    };
    Ok(Some((py_array(py, distinct)?, py_array(py, Arc::new(arrow_array::UInt32Array::from(index)))?)))
}

/// `_dictionary_codes(indices, mapping)`: [`direct::dictionary_codes`].
#[pyfunction]
fn _dictionary_codes(py: Python<'_>, indices: PyArray, mapping: Vec<Option<u8>>) -> PyResult<Py<PyAny>> {
    let a = indices.into_inner().0;
    let pool = pool()?;
    let codes = py.detach(|| pool.install(|| direct::dictionary_codes(&a, &mapping))).py()?;
    py_array(py, Arc::new(codes))
}

/// `_labels(codes, names)`: the labels of uint8 codes as a pyarrow dictionary array
/// (`int8` keys into `names`, every name in the dictionary in its order; null stays null).
#[pyfunction]
fn _labels(py: Python<'_>, codes: PyArray, names: Vec<String>) -> PyResult<Py<PyAny>> {
    use arrow_array::cast::AsArray;
    let a = codes.into_inner().0;
    let Some(codes) = a.as_primitive_opt::<arrow_array::types::UInt8Type>() else {
        return Err(input_error("codes", format!("expected uint8 codes, got {}", a.data_type())));
    };
    let pool = pool()?;
    let dict = py.detach(|| pool.install(|| kinerja_table::score::labels(codes, &names)));
    let dict = dict.map_err(|e| input_error("codes", e))?;
    py_array(py, Arc::new(dict))
}

/// `_encode(values, labels, codes)`: a uint8 code per string (null stays null) from the
/// given label → code table ([`direct::encode`]); returns `(codes, None)`, `(None, first
/// unknown value)` or `(None, None)` for a column that is not text.
#[pyfunction]
fn _encode(
    py: Python<'_>,
    values: PyArray,
    labels: Vec<String>,
    codes: Vec<u8>,
) -> PyResult<(Option<Py<PyAny>>, Option<String>)> {
    let a = values.into_inner().0;
    let table: Vec<(&str, u8)> = labels.iter().map(String::as_str).zip(codes.iter().copied()).collect();
    let pool = pool()?;
    match py.detach(|| pool.install(|| direct::encode(&a, &table))) {
        Encoded::Codes(c) => Ok((Some(py_array(py, Arc::new(c))?), None)),
        Encoded::Unknown(s) => Ok((None, Some(s))),
        _ => Ok((None, None)),
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
    m.add_function(wrap_pyfunction!(_direct_score, m)?)?;
    m.add_function(wrap_pyfunction!(_align_keys, m)?)?;
    m.add_function(wrap_pyfunction!(_encode, m)?)?;
    m.add_function(wrap_pyfunction!(_labels, m)?)?;
    m.add_function(wrap_pyfunction!(_dictionary_codes, m)?)?;
    m.add_function(wrap_pyfunction!(_unit_index, m)?)?;
    m.add_function(wrap_pyfunction!(set_num_threads, m)?)?;
    m.add_function(wrap_pyfunction!(get_num_threads, m)?)?;
    Ok(())
}
