//! Evaluation documents from Python: `Evaluation.to_html` / `to_pdf` and the roster report of
//! `kinerja report` (`_table_report`). The documents are built by `kinerja_core::document`,
//! read from tables by `kinerja_table::report` and printed by `kinerja_pdf`.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use kinerja_core::document::{Document, EmployeeDocument, Person, employee_document, to_html};
use kinerja_core::evaluation::Evaluation;
use kinerja_core::period::Period;
use kinerja_core::rules::{Policy, Ruleset};
use kinerja_table::report::{Progress, ReportOptions, report_with};
use kinerja_table::write::{WriteError, atomic_write};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};

use crate::batch::pool;
use crate::convert::to_lang;
use crate::errors::{PyResultExt, input_error};
use crate::model::PyPlan;
use crate::rules::RulesArg;
use crate::table::{TableArgs, on_error_arg, read_options, run_error};

/// A `format=` argument.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A4 PDF.
    Pdf,
    /// One HTML page.
    Html,
}

fn format_arg(f: &str) -> PyResult<Format> {
    match f {
        "pdf" => Ok(Format::Pdf),
        "html" => Ok(Format::Html),
        other => Err(input_error("format", format!("`{other}` is not accepted; accepted: pdf, html"))),
    }
}

/// The bytes of `docs` in `format`.
pub fn render(docs: &[Document], format: Format) -> PyResult<Vec<u8>> {
    match format {
        Format::Html => Ok(to_html(docs).into_bytes()),
        Format::Pdf => kinerja_pdf::render(docs).map_err(|e| input_error("document", e.to_string())),
    }
}

/// Writes `bytes` to `path` atomically (nothing half-written).
pub fn write_atomic(path: &std::path::Path, bytes: &[u8]) -> PyResult<()> {
    atomic_write(path, |w| w.write_all(bytes).map_err(|e| WriteError::io(path, e))).map_err(|e| match e {
        WriteError::Io { .. } => pyo3::exceptions::PyOSError::new_err(e.to_string()),
        other => input_error("path", other.to_string()),
    })
}

/// An `appraiser=` argument: a mapping with `id`, `name` and optionally `position`.
fn person(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Person>> {
    let Some(o) = obj else { return Ok(None) };
    let d = o.cast::<PyDict>().map_err(|_| {
        input_error("appraiser", "expected a dict with `id` (NIP), `name` and optionally `position`")
    })?;
    let mut p = Person::default();
    for (k, v) in d.iter() {
        let key: String = k.extract().map_err(|_| input_error("appraiser", "keys must be strings"))?;
        let value: String =
            v.extract().map_err(|_| input_error(&format!("appraiser.{key}"), "expected a string"))?;
        match key.as_str() {
            "id" | "nip" => p.id = value,
            "name" => p.name = value,
            "position" => p.position = value,
            other => {
                return Err(input_error(
                    &format!("appraiser.{other}"),
                    format!("`{other}` is not accepted; accepted: id, name, position"),
                ));
            }
        }
    }
    if p.name.trim().is_empty() {
        return Err(input_error("appraiser.name", "the appraiser needs a name"));
    }
    Ok(Some(p))
}

/// The policy an evaluation was made under: `rules`' policy when given (its id must be the
/// evaluation's), else the national default when that is the evaluation's policy.
fn policy_of(ev: &Evaluation, rules: Option<&Ruleset>) -> PyResult<Policy> {
    let policy = rules.map_or_else(Policy::default, |r| r.policy.clone());
    if policy.id != ev.policy_id {
        return Err(input_error(
            "rules",
            format!(
                "the evaluation was made under policy `{}`, not `{}`; pass the rules it was evaluated with (rules=…) so the follow-ups use the same policy",
                ev.policy_id, policy.id
            ),
        ));
    }
    Ok(policy)
}

/// The document of one evaluation (see `Evaluation.to_html`).
pub fn evaluation_document(
    ev: &Evaluation,
    lang: &str,
    plan: Option<&PyPlan>,
    appraiser: Option<&Bound<'_, PyAny>>,
    goals: Option<BTreeMap<String, String>>,
    rules: Option<RulesArg>,
) -> PyResult<Document> {
    let lang = to_lang(lang)?;
    let policy = policy_of(ev, rules.as_deref().map(|r| &*r.0))?;
    let mut input = EmployeeDocument::new(ev);
    if let Some(p) = plan {
        if p.0.employee.id != ev.employee {
            return Err(input_error(
                "plan",
                format!("the plan is of employee `{}`, the evaluation of `{}`", p.0.employee.id, ev.employee),
            ));
        }
        input = input.with_plan(&p.0);
    }
    if let Some(a) = person(appraiser)? {
        input = input.with_appraiser(a);
    }
    input.goals = goals.unwrap_or_default();
    employee_document(&input, &policy, lang).py()
}

/// `kinerja_table::report` from Python: see `kinerja report`. Returns a dict with `employees`
/// (a list of `(nip, bytes)`, or one `(None, bytes)` of the whole roster when not `split`),
/// `units` (likewise, empty when not split: the unit reports are in the whole document) and
/// `errors` (`(nip, exception)` in collect mode).
#[pyfunction]
#[pyo3(signature = (
    indicators, employees=None, units=None, *, rules=None, period=None, lang="id", format="pdf",
    split=false, only=None, unit_reports=true, on_error="raise",
    number_format=None, delimiter=None, encoding=None, sheet=None, columns=None, progress=None
))]
#[allow(clippy::too_many_arguments)]
fn _table_report<'py>(
    py: Python<'py>,
    indicators: &Bound<'py, PyAny>,
    employees: Option<&Bound<'py, PyAny>>,
    units: Option<&Bound<'py, PyAny>>,
    rules: Option<RulesArg>,
    period: Option<&str>,
    lang: &str,
    format: &str,
    split: bool,
    only: Option<Vec<String>>,
    unit_reports: bool,
    on_error: &str,
    number_format: Option<&str>,
    delimiter: Option<&str>,
    encoding: Option<String>,
    sheet: Option<String>,
    columns: Option<Vec<(String, String)>>,
    progress: Option<Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyDict>> {
    // no rules: the builtin ruleset in force for each employee's period (`report_with`)
    let ruleset = rules.as_deref().map(|r| r.0.clone());
    let format = format_arg(format)?;
    let mut options = ReportOptions::new(to_lang(lang)?);
    options.period = period.map(|p| p.parse::<Period>()).transpose().py()?;
    options.employees = only;
    options.unit_reports = unit_reports;
    options.on_error = on_error_arg(on_error)?;
    let read = read_options(number_format, delimiter, encoding, sheet, columns)?;
    let tables = TableArgs::new(indicators, employees, units)?;
    let pool = pool()?;
    let counters = std::sync::Arc::new(Progress::default());
    options.progress = Some(counters.clone());
    let work = || pool.install(|| report_with(&tables.inputs(), &read, ruleset.as_deref(), &options));
    let made = match &progress {
        None => py.detach(work),
        Some(callback) => with_progress(py, work, &counters, callback)?,
    };
    let made = made.map_err(run_error)?;
    let out = PyDict::new(py);
    let bytes = |docs: &[Document]| -> PyResult<Bound<'py, PyBytes>> {
        let b = py.detach(|| render(docs, format))?;
        Ok(PyBytes::new(py, &b))
    };
    let (emp_list, unit_list) = (PyList::empty(py), PyList::empty(py));
    if split {
        for (nip, d) in &made.employees {
            emp_list.append((nip, bytes(std::slice::from_ref(d))?))?;
        }
        for (unit, d) in &made.units {
            unit_list.append((unit, bytes(std::slice::from_ref(d))?))?;
        }
    } else if !made.employees.is_empty() || !made.units.is_empty() {
        emp_list.append((py.None(), bytes(&made.documents())?))?;
    }
    out.set_item("employees", emp_list)?;
    out.set_item("units", unit_list)?;
    out.set_item("pages", made.employees.len() + made.units.len())?;
    let errors = PyList::empty(py);
    for (nip, e) in made.errors {
        errors.append((nip, run_error(e).value(py)))?;
    }
    out.set_item("errors", errors)?;
    Ok(out)
}

/// Runs `work` on a scoped thread and, while it runs, calls `callback(done, total)` about five
/// times a second (and once at the end) with the GIL held; the GIL is released between calls.
fn with_progress<T: Send>(
    py: Python<'_>,
    work: impl FnOnce() -> T + Send,
    counters: &Progress,
    callback: &Bound<'_, PyAny>,
) -> PyResult<T> {
    use std::sync::atomic::Ordering::Relaxed;
    std::thread::scope(|s| {
        let handle = s.spawn(work);
        loop {
            let finished = handle.is_finished();
            callback.call1((counters.done.load(Relaxed), counters.total.load(Relaxed)))?;
            if finished {
                break;
            }
            py.detach(|| std::thread::sleep(std::time::Duration::from_millis(200)));
        }
        handle.join().map_err(|_| pyo3::exceptions::PyRuntimeError::new_err("the report thread panicked"))
    })
}

/// Writes `data` to `path` atomically (the binding's one file writer for documents).
#[pyfunction]
fn _write_bytes(py: Python<'_>, data: Vec<u8>, path: PathBuf) -> PyResult<()> {
    py.detach(|| write_atomic(&path, &data))
}

/// Registers `_table_report`, `_write_bytes` and `unit_report`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(_table_report, m)?)?;
    m.add_function(wrap_pyfunction!(_write_bytes, m)?)?;
    m.add_function(wrap_pyfunction!(unit_report, m)?)?;
    Ok(())
}

/// The report of one unit (`pdf` bytes or `html` text): predicate counts against the
/// distribution curve (checked when `org_predicate` is given), the roster, the unit's goal
/// achievement (`performance`, an `OrgPerformance` holding the unit), the monitoring watch
/// list (`watchlist`) and development needs. `evaluations` are the unit's employees' (one
/// period); `head` is a dict with `id`, `name` and optionally `position`; `rules` is the
/// ruleset they were evaluated with. With `path` also written there, atomically.
#[pyfunction]
#[pyo3(signature = (
    evaluations, unit, *, name=None, head=None, org_predicate=None, performance=None,
    watchlist=None, rules=None, lang="id", format="pdf", path=None
))]
#[allow(clippy::too_many_arguments)]
fn unit_report<'py>(
    py: Python<'py>,
    evaluations: Vec<PyRef<'py, crate::evaluation::PyEvaluation>>,
    unit: String,
    name: Option<String>,
    head: Option<&Bound<'py, PyAny>>,
    org_predicate: Option<&str>,
    performance: Option<PyRef<'py, crate::org::PyOrgPerformance>>,
    watchlist: Option<PyRef<'py, crate::followup::PyWatchlist>>,
    rules: Option<RulesArg>,
    lang: &str,
    format: &str,
    path: Option<PathBuf>,
) -> PyResult<Bound<'py, PyAny>> {
    use kinerja_core::explain::Labelled;
    let format = format_arg(format)?;
    let lang = to_lang(lang)?;
    let evs: Vec<Evaluation> = evaluations.iter().map(|e| (*e.0).clone()).collect();
    let policy = match evs.first() {
        Some(ev) => policy_of(ev, rules.as_deref().map(|r| &*r.0))?,
        None => rules.as_deref().map_or_else(Policy::default, |r| r.0.policy.clone()),
    };
    let mut input = kinerja_core::document::UnitReport::new(unit.clone(), &evs);
    input.name = name;
    input.head = person(head)?;
    input.org_predicate = org_predicate
        .map(kinerja_core::model::OrgPredicate::parse_label)
        .transpose()
        .map_err(|e| input_error("org_predicate", e.to_string()))?;
    let perf = performance.as_ref().map(|p| p.0.unit(&unit).cloned());
    let perf = match perf {
        Some(None) => {
            return Err(input_error(
                "performance",
                format!("the organisation performance has no unit `{unit}`"),
            ));
        }
        Some(Some(p)) => Some(p),
        None => None,
    };
    input.performance = perf.as_ref();
    input.watchlist = watchlist.as_ref().map(|w| &*w.0);
    let doc = kinerja_core::document::unit_report(&input, &policy, lang).py()?;
    let bytes = render(&[doc], format)?;
    if let Some(p) = &path {
        write_atomic(p, &bytes)?;
    }
    Ok(match format {
        Format::Pdf => PyBytes::new(py, &bytes).into_any(),
        Format::Html => pyo3::types::PyString::new(py, &String::from_utf8_lossy(&bytes)).into_any(),
    })
}
