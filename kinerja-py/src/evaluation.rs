//! `Evaluation`, `IndicatorResult` and `Trace`: results with explanations and notebook display.

use std::sync::Arc;

use kinerja_core::evaluation::{Evaluation, IndicatorResult};
use kinerja_core::explain::{Labelled, Lang, Trace};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple, PyType};
use rust_decimal::Decimal;

use crate::convert::{CoreEnum, json_to_py, serde_error, to_lang};
use crate::enums::*;
use crate::errors::input_error;
use crate::model::target_to_py;
use crate::period::PyPeriod;

static DISPLAY_EN: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// The language of notebook display (`_repr_html_`).
pub fn display_lang_value() -> Lang {
    if DISPLAY_EN.load(std::sync::atomic::Ordering::Relaxed) { Lang::En } else { Lang::Id }
}

/// Sets the language of notebook display (`_repr_html_` of every result): `"id"` (default) or
/// `"en"`.
#[pyfunction]
pub fn set_display_lang(lang: &str) -> PyResult<()> {
    let en = to_lang(lang)? == Lang::En;
    DISPLAY_EN.store(en, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// The language of notebook display: `"id"` or `"en"`.
#[pyfunction]
pub fn display_lang() -> &'static str {
    match display_lang_value() {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn render(trace: &Trace, lang: Lang, format: &str) -> PyResult<String> {
    match format {
        "text" => Ok(trace.to_text(lang)),
        "markdown" | "md" => Ok(trace.to_markdown(lang)),
        "json" => Ok(trace.to_json(lang)),
        other => {
            Err(input_error("format", format!("`{other}` is not a format; accepted: text, markdown, json")))
        }
    }
}

fn trace_html(trace: &Trace, lang: Lang) -> String {
    kinerja_core::document::display_html(&kinerja_core::document::trace_html(trace, lang))
}

/// An explanation: ordered steps with inputs, formula, value and citation.
#[pyclass(module = "kinerja._kinerja", name = "Trace", frozen)]
#[derive(Clone)]
pub struct PyTrace(pub Arc<Trace>);

#[pymethods]
impl PyTrace {
    /// Plain text in `lang` (`"id"` or `"en"`).
    #[pyo3(signature = (lang = "id"))]
    fn to_text(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.to_text(to_lang(lang)?))
    }
    /// Markdown in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_markdown(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.to_markdown(to_lang(lang)?))
    }
    /// JSON in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_json(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.to_json(to_lang(lang)?))
    }
    /// The steps as dicts in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn steps<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        let v: serde_json::Value =
            serde_json::from_str(&self.0.to_json(to_lang(lang)?)).map_err(|e| serde_error("trace", &e))?;
        json_to_py(py, v.get("steps").unwrap_or(&serde_json::Value::Null))
    }
    /// An HTML table in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(trace_html(&self.0, to_lang(lang)?))
    }
    /// Restores a trace from its full (bilingual) JSON form, as written by pickling.
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        let t: Trace = serde_json::from_str(state).map_err(|e| serde_error("trace", &e))?;
        Ok(PyTrace(Arc::new(t)))
    }
    fn _repr_html_(&self) -> String {
        trace_html(&self.0, display_lang_value())
    }
    fn __len__(&self) -> usize {
        self.0.steps.len()
    }
    fn __str__(&self) -> String {
        self.0.to_text(Lang::Id)
    }
    fn __repr__(&self) -> String {
        format!("Trace(heading='{}', steps={})", self.0.heading.id, self.0.steps.len())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyTrace>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = serde_json::to_string(&*self.0).map_err(|e| serde_error("trace", &e))?;
        Ok((py.get_type::<PyTrace>().getattr("_from_state")?, PyTuple::new(py, [state])?))
    }
}

/// The result for one indicator.
#[pyclass(module = "kinerja._kinerja", name = "IndicatorResult", frozen)]
#[derive(Clone)]
pub struct PyIndicatorResult(pub Arc<IndicatorResult>);

fn indicator_dict<'py>(py: Python<'py>, r: &IndicatorResult) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("indicator", &r.indicator)?;
    d.set_item("name", &r.name)?;
    d.set_item("result", &r.result)?;
    d.set_item("kind", r.kind.value())?;
    d.set_item("polarity", r.polarity.value())?;
    d.set_item("aggregation", r.aggregation.value())?;
    d.set_item("target", target_to_py(py, &r.target)?)?;
    d.set_item("actual", r.actual)?;
    d.set_item("achievement", r.achievement)?;
    d.set_item("achievement_raw", r.achievement_raw)?;
    d.set_item("rule", snake(&r.rule))?;
    d.set_item("weight", r.weight)?;
    d.set_item("score", r.score)?;
    Ok(d)
}

#[pymethods]
impl PyIndicatorResult {
    /// Indicator id.
    #[getter]
    fn indicator(&self) -> &str {
        &self.0.indicator
    }
    /// Indicator name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Planned result id.
    #[getter]
    fn result(&self) -> &str {
        &self.0.result
    }
    /// Primary or additional.
    #[getter]
    fn kind(&self) -> PyResultKind {
        self.0.kind.to_py()
    }
    /// Polarity.
    #[getter]
    fn polarity(&self) -> PyPolarity {
        self.0.polarity.to_py()
    }
    /// Aggregation.
    #[getter]
    fn aggregation(&self) -> PyAggregation {
        self.0.aggregation.to_py()
    }
    /// The target used: a `Decimal` or `(low, high)`.
    #[getter]
    fn target<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        target_to_py(py, &self.0.target)
    }
    /// The actual value used.
    #[getter]
    fn actual(&self) -> Decimal {
        self.0.actual
    }
    /// Achievement in percent, rounded by the policy.
    #[getter]
    fn achievement(&self) -> Decimal {
        self.0.achievement
    }
    /// Achievement in percent, full precision.
    #[getter]
    fn achievement_raw(&self) -> Decimal {
        self.0.achievement_raw
    }
    /// The formula used (`normal`, `reflection`, `ratio`, `inside_range`, ...).
    #[getter]
    fn rule(&self) -> String {
        snake(&self.0.rule)
    }
    /// Normalised weight (share of 1).
    #[getter]
    fn weight(&self) -> Decimal {
        self.0.weight
    }
    /// A regime's numeric value for the indicator, if any.
    #[getter]
    fn score(&self) -> Option<Decimal> {
        self.0.score
    }
    /// As a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        indicator_dict(py, &self.0)
    }
    #[classmethod]
    fn _from_state(_cls: &Bound<'_, PyType>, state: &str) -> PyResult<Self> {
        let t: IndicatorResult =
            serde_json::from_str(state).map_err(|e| serde_error("indicator result", &e))?;
        Ok(PyIndicatorResult(Arc::new(t)))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyIndicatorResult>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        format!(
            "IndicatorResult(indicator='{}', target={}, actual={}, achievement={})",
            self.0.indicator, self.0.target, self.0.actual, self.0.achievement
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = serde_json::to_string(&*self.0).map_err(|e| serde_error("indicator result", &e))?;
        Ok((py.get_type::<PyIndicatorResult>().getattr("_from_state")?, PyTuple::new(py, [state])?))
    }
}

/// The evaluation of one employee for one period.
#[pyclass(module = "kinerja._kinerja", name = "Evaluation", frozen)]
#[derive(Clone)]
pub struct PyEvaluation(pub Arc<Evaluation>);

impl PyEvaluation {
    fn html(&self, lang: Lang) -> String {
        kinerja_core::document::evaluation_html(&self.0, lang)
    }

    /// The evaluation as a flat dict (one row).
    pub fn summary<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let e = &self.0;
        let d = PyDict::new(py);
        d.set_item("employee", &e.employee)?;
        d.set_item("name", &e.name)?;
        d.set_item("unit", &e.unit)?;
        d.set_item("period", e.period.to_string())?;
        d.set_item("regime", e.regime.value())?;
        d.set_item("policy_id", &e.policy_id)?;
        d.set_item("policy_version", &e.policy_version)?;
        d.set_item("weighted_achievement", e.weighted_achievement)?;
        d.set_item("weights_normalised", e.weights_normalised)?;
        d.set_item("advised_rating", e.advised_rating.map(|r| r.value()))?;
        d.set_item("work_result", e.work_result.map(|r| r.value()))?;
        d.set_item("work_result_source", e.work_result_source.map(|s| s.value()))?;
        d.set_item("disagreement", e.disagreement)?;
        d.set_item("behaviour", e.behaviour.map(|r| r.value()))?;
        d.set_item("score", e.score)?;
        d.set_item("predicate", e.predicate.value())?;
        Ok(d)
    }
}

#[pymethods]
impl PyEvaluation {
    /// Employee id.
    #[getter]
    fn employee(&self) -> &str {
        &self.0.employee
    }
    /// Employee name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Unit id.
    #[getter]
    fn unit(&self) -> &str {
        &self.0.unit
    }
    /// The period evaluated.
    #[getter]
    fn period(&self) -> PyPeriod {
        PyPeriod(self.0.period)
    }
    /// The regime.
    #[getter]
    fn regime(&self) -> PyRegime {
        self.0.regime.to_py()
    }
    /// The policy id.
    #[getter]
    fn policy_id(&self) -> &str {
        &self.0.policy_id
    }
    /// The policy version.
    #[getter]
    fn policy_version(&self) -> &str {
        &self.0.policy_version
    }
    /// Per-indicator results.
    #[getter]
    fn indicators(&self) -> Vec<PyIndicatorResult> {
        self.0.indicators.iter().map(|i| PyIndicatorResult(Arc::new(i.clone()))).collect()
    }
    /// Achievement per indicator id (rounded percent).
    #[getter]
    fn achievements<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for i in &self.0.indicators {
            d.set_item(&i.indicator, i.achievement)?;
        }
        Ok(d)
    }
    /// Weighted mean achievement, if any.
    #[getter]
    fn weighted_achievement(&self) -> Option<Decimal> {
        self.0.weighted_achievement
    }
    /// True when the given indicator weights did not add up to 100 and the weighted mean was
    /// divided by their sum (the notes say so too).
    #[getter]
    fn weights_normalised(&self) -> bool {
        self.0.weights_normalised
    }
    /// The rating advised by the policy's bands, if any.
    #[getter]
    fn advised_rating(&self) -> Option<PyRating> {
        self.0.advised_rating.map(CoreEnum::to_py)
    }
    /// The work-result rating used.
    #[getter]
    fn work_result(&self) -> Option<PyRating> {
        self.0.work_result.map(CoreEnum::to_py)
    }
    /// Where the work-result rating came from (`appraiser`, `advisory`, `org_predicate`, ...).
    #[getter]
    fn work_result_source(&self) -> Option<String> {
        self.0.work_result_source.map(|s| s.value().to_string())
    }
    /// The appraiser's rating and the advice differ.
    #[getter]
    fn disagreement(&self) -> bool {
        self.0.disagreement
    }
    /// The behaviour rating used.
    #[getter]
    fn behaviour(&self) -> Option<PyRating> {
        self.0.behaviour.map(CoreEnum::to_py)
    }
    /// The numeric performance value (PP 46, 8/2021), if any.
    #[getter]
    fn score(&self) -> Option<Decimal> {
        self.0.score
    }
    /// The predicate.
    #[getter]
    fn predicate(&self) -> PyPredicate {
        self.0.predicate.to_py()
    }
    /// The predicate's label as the regime names it.
    #[pyo3(signature = (lang = "id"))]
    fn predicate_label(&self, lang: &str) -> PyResult<&'static str> {
        Ok(self.0.predicate_label(to_lang(lang)?))
    }
    /// Notes (excluded indicators, disagreements) in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn notes(&self, lang: &str) -> PyResult<Vec<String>> {
        let l = to_lang(lang)?;
        Ok(self.0.notes.iter().map(|n| n.get(l).to_string()).collect())
    }
    /// How it was reached.
    #[getter]
    fn trace(&self) -> PyTrace {
        PyTrace(Arc::new(self.0.trace.clone()))
    }
    /// The explanation in `lang` (`"id"`, `"en"`) and `format` (`"text"`, `"markdown"`, `"json"`).
    #[pyo3(signature = (lang = "id", format = "text"))]
    fn explain(&self, lang: &str, format: &str) -> PyResult<String> {
        render(&self.0.trace, to_lang(lang)?, format)
    }
    /// A dict: the summary fields plus `indicators` (list of dicts) and `notes`; numbers are
    /// `Decimal`, enums their values.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = self.summary(py)?;
        let inds = PyList::empty(py);
        for i in &self.0.indicators {
            inds.append(indicator_dict(py, i)?)?;
        }
        d.set_item("indicators", inds)?;
        let notes: Vec<&str> = self.0.notes.iter().map(|n| n.en.as_str()).collect();
        d.set_item("notes", notes)?;
        Ok(d)
    }
    /// One dict per indicator, each with the evaluation's summary fields (for a DataFrame).
    fn to_records<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let out = PyList::empty(py);
        for i in &self.0.indicators {
            let d = self.summary(py)?;
            let id = indicator_dict(py, i)?;
            for (k, v) in id.iter() {
                let key: String = k.extract()?;
                let key = match key.as_str() {
                    "name" => "indicator_name".to_string(),
                    "score" => "indicator_score".to_string(),
                    _ => key,
                };
                d.set_item(key, v)?;
            }
            out.append(d)?;
        }
        Ok(out)
    }
    /// The full evaluation as JSON (both languages).
    fn to_json(&self) -> PyResult<String> {
        serde_json::to_string(&*self.0).map_err(|e| serde_error("evaluation", &e))
    }
    /// Restores an evaluation from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        let e: Evaluation = serde_json::from_str(text).map_err(|e| serde_error("evaluation", &e))?;
        Ok(PyEvaluation(Arc::new(e)))
    }
    /// The evaluation document in `lang` as a complete HTML page (works offline; prints on
    /// A4): identity, planned results and indicators, ratings, how the predicate was reached
    /// with its articles, follow-ups and signature lines. `plan` adds the position, grade,
    /// result texts and units of measure; `appraiser` is a dict with `id`, `name` and
    /// optionally `position`; `goals` maps a planned result's `parent` id to the goal's text;
    /// `rules` is the ruleset the evaluation was made with (needed when its policy is not the
    /// national default). With `path` the page is also written there, atomically.
    #[pyo3(signature = (lang = "id", *, plan = None, appraiser = None, goals = None, rules = None, path = None))]
    #[allow(clippy::too_many_arguments)] // keyword arguments of the Python method
    fn to_html(
        &self,
        py: Python<'_>,
        lang: &str,
        plan: Option<PyRef<'_, crate::model::PyPlan>>,
        appraiser: Option<&Bound<'_, PyAny>>,
        goals: Option<std::collections::BTreeMap<String, String>>,
        rules: Option<crate::rules::RulesArg>,
        path: Option<std::path::PathBuf>,
    ) -> PyResult<String> {
        let doc =
            crate::document::evaluation_document(&self.0, lang, plan.as_deref(), appraiser, goals, rules)?;
        let html = kinerja_core::document::to_html(&[doc]);
        if let Some(p) = path {
            py.detach(|| crate::document::write_atomic(&p, html.as_bytes()))?;
        }
        Ok(html)
    }
    /// The evaluation document in `lang` as PDF (A4, fonts embedded): the same content as
    /// `to_html`. Returns the bytes; with `path` also writes them there, atomically.
    #[pyo3(signature = (lang = "id", *, plan = None, appraiser = None, goals = None, rules = None, path = None))]
    #[allow(clippy::too_many_arguments)] // keyword arguments of the Python method
    fn to_pdf<'py>(
        &self,
        py: Python<'py>,
        lang: &str,
        plan: Option<PyRef<'_, crate::model::PyPlan>>,
        appraiser: Option<&Bound<'_, PyAny>>,
        goals: Option<std::collections::BTreeMap<String, String>>,
        rules: Option<crate::rules::RulesArg>,
        path: Option<std::path::PathBuf>,
    ) -> PyResult<Bound<'py, pyo3::types::PyBytes>> {
        let doc =
            crate::document::evaluation_document(&self.0, lang, plan.as_deref(), appraiser, goals, rules)?;
        let bytes = py.detach(|| crate::document::render(&[doc], crate::document::Format::Pdf))?;
        if let Some(p) = path {
            py.detach(|| crate::document::write_atomic(&p, &bytes))?;
        }
        Ok(pyo3::types::PyBytes::new(py, &bytes))
    }
    fn _repr_html_(&self) -> String {
        self.html(display_lang_value())
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyEvaluation>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let e = &self.0;
        format!(
            "Evaluation(employee='{}', name='{}', period='{}', regime='{}', weighted_achievement={}, work_result={}, behaviour={}, predicate='{}')",
            e.employee,
            e.name,
            e.period,
            e.regime.value(),
            e.weighted_achievement.map(|v| format!("Decimal('{v}')")).unwrap_or_else(|| "None".into()),
            e.work_result.map(|v| format!("'{}'", v.value())).unwrap_or_else(|| "None".into()),
            e.behaviour.map(|v| format!("'{}'", v.value())).unwrap_or_else(|| "None".into()),
            e.predicate.value()
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = serde_json::to_string(&*self.0).map_err(|e| serde_error("evaluation", &e))?;
        Ok((py.get_type::<PyEvaluation>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// Registers the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyTrace>()?;
    m.add_class::<PyIndicatorResult>()?;
    m.add_class::<PyEvaluation>()?;
    m.add_function(wrap_pyfunction!(set_display_lang, m)?)?;
    m.add_function(wrap_pyfunction!(display_lang, m)?)?;
    Ok(())
}
