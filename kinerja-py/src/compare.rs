//! `compare`: a roster under two rulesets (what-if), as a `Comparison`.

use std::sync::Arc;

use kinerja_core::compare::{Comparison, Outcome, compare as core_compare};
use kinerja_core::explain::Labelled;
use kinerja_core::model::Plan;
use kinerja_core::period::Period;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};

use crate::convert::{json_to_py, serde_error, to_lang, to_period};
use crate::errors::{PyResultExt, input_error};
use crate::model::to_plan;
use crate::period::PyPeriod;

/// The comparison of a roster under two rulesets: one row per employee and a summary.
#[pyclass(module = "kinerja._kinerja", name = "Comparison", frozen)]
#[derive(Clone)]
pub struct PyComparison(pub Arc<Comparison>);

fn outcome_into(d: &Bound<'_, PyDict>, prefix: &str, o: &Outcome) -> PyResult<()> {
    d.set_item(format!("{prefix}_predicate"), o.predicate.map(|p| p.value()))?;
    d.set_item(format!("{prefix}_work_result"), o.work_result.map(|p| p.value()))?;
    d.set_item(format!("{prefix}_weighted_achievement"), o.weighted_achievement)?;
    d.set_item(format!("{prefix}_score"), o.score)?;
    d.set_item(format!("{prefix}_error"), o.error.as_deref())?;
    Ok(())
}

#[pymethods]
impl PyComparison {
    /// The period compared.
    #[getter]
    fn period(&self) -> PyPeriod {
        PyPeriod(self.0.period)
    }
    /// Description of ruleset A.
    #[getter]
    fn ruleset_a(&self) -> &str {
        &self.0.ruleset_a
    }
    /// Description of ruleset B.
    #[getter]
    fn ruleset_b(&self) -> &str {
        &self.0.ruleset_b
    }
    /// The summary counts as a dict.
    #[getter]
    fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&self.0.summary).map_err(|e| serde_error("comparison", &e))?;
        json_to_py(py, &v)
    }
    /// One flat dict per employee (`a_predicate`, `b_predicate`, ..., `changed`), numbers as
    /// `Decimal`.
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for r in &self.0.rows {
            let d = PyDict::new(py);
            d.set_item("employee", &r.employee)?;
            d.set_item("name", &r.name)?;
            d.set_item("unit", &r.unit)?;
            outcome_into(&d, "a", &r.a)?;
            outcome_into(&d, "b", &r.b)?;
            d.set_item("changed", r.changed.clone())?;
            out.append(d)?;
        }
        Ok(out)
    }
    /// The JSON form as a dict (exact numbers as strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&*self.0).map_err(|e| serde_error("comparison", &e))?;
        json_to_py(py, &v)
    }
    /// JSON text.
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&*self.0).map_err(|e| serde_error("comparison", &e))
    }
    /// Restores a comparison from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        let c: Comparison = serde_json::from_str(text).map_err(|e| serde_error("comparison", &e))?;
        Ok(PyComparison(Arc::new(c)))
    }
    /// A readable report in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_text(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.to_text(to_lang(lang)?))
    }
    fn __len__(&self) -> usize {
        self.0.rows.len()
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyComparison>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let s = &self.0.summary;
        format!(
            "Comparison(period='{}', a='{}', b='{}', employees={}, changed={}, improved={}, worsened={})",
            self.0.period, self.0.ruleset_a, self.0.ruleset_b, s.employees, s.changed, s.improved, s.worsened
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyComparison>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// Evaluates `plans` under ruleset `a` and ruleset `b` for `period` (default: the first
/// plan's year) and reports what changes per employee.
#[pyfunction]
#[pyo3(signature = (plans, a, b, period = None))]
pub fn compare(
    py: Python<'_>,
    plans: &Bound<'_, PyAny>,
    a: &Bound<'_, PyAny>,
    b: &Bound<'_, PyAny>,
    period: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyComparison> {
    let a = crate::rules::ruleset_arg(a, "a")?;
    let b = crate::rules::ruleset_arg(b, "b")?;
    let mut list: Vec<Plan> = Vec::new();
    for p in plans.try_iter()? {
        list.push((*to_plan(&p?)?).clone());
    }
    let period = match period {
        Some(p) if !p.is_none() => to_period(p)?,
        _ => match list.first() {
            Some(p) => Period::annual(p.year).py()?,
            None => return Err(input_error("period", "no plans and no period given")),
        },
    };
    kinerja_core::regime::check_roster(&list).py()?;
    let (ra, rb) = (a.0.0.clone(), b.0.0.clone());
    let c = py.detach(|| core_compare(&list, period, &ra, &rb));
    Ok(PyComparison(Arc::new(c)))
}

/// Registers the class and the function.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyComparison>()?;
    m.add_function(wrap_pyfunction!(compare, m)?)?;
    Ok(())
}
