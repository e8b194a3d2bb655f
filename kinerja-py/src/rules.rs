//! `Ruleset` (a legal regime plus a policy) and `Policy` (the local choices).

use std::sync::Arc;

use kinerja_core::explain::Labelled;
use kinerja_core::rules::{DatedPolicy, MAX_POLICY_BYTES, Policy, Ruleset};
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::convert::{CoreEnum, json_to_py, py_to_json, to_date, to_period};
use crate::enums::PyRegime;
use crate::errors::{PyResultExt, input_error};

/// When to read a dated document: a date (`at=`), a whole period (`period=`) or neither
/// (the document must then have no dated values).
enum When {
    Undated,
    At(kinerja_core::rules::Date),
    Period(kinerja_core::period::Period),
}

impl When {
    fn of(at: Option<&Bound<'_, PyAny>>, period: Option<&Bound<'_, PyAny>>) -> PyResult<When> {
        match (at, period) {
            (Some(_), Some(_)) => Err(input_error("at", "give `at` or `period`, not both".to_string())),
            (Some(a), None) => Ok(When::At(to_date(a)?)),
            (None, Some(p)) => Ok(When::Period(to_period(p)?)),
            (None, None) => Ok(When::Undated),
        }
    }

    /// The policy of the document: plain when undated, else the one in force.
    fn policy(
        &self,
        plain: impl FnOnce() -> kinerja_core::Result<Policy>,
        dated: impl FnOnce() -> kinerja_core::Result<DatedPolicy>,
    ) -> PyResult<Policy> {
        match self {
            When::Undated => plain().py(),
            When::At(d) => dated().py()?.at(*d).py(),
            When::Period(p) => dated().py()?.for_period(p).py(),
        }
    }

    /// The ruleset of the document: plain when undated, else the one in force.
    fn ruleset(
        &self,
        plain: impl FnOnce() -> kinerja_core::Result<Ruleset>,
        dated: impl FnOnce() -> kinerja_core::Result<DatedPolicy>,
    ) -> PyResult<Ruleset> {
        match self {
            When::Undated => plain().py(),
            When::At(d) => dated().py()?.ruleset_at(*d).py(),
            When::Period(p) => dated().py()?.ruleset_for_period(p).py(),
        }
    }
}

/// Reads `path_or_text`: a `pathlib.Path`, a path string naming an existing file, or the text.
fn read_text(obj: &Bound<'_, PyAny>) -> PyResult<String> {
    let py = obj.py();
    let os = py.import("os")?;
    let fspath = os.getattr("fspath")?;
    let is_pathlike = obj.is_instance(&os.getattr("PathLike")?)?;
    let text: String = if is_pathlike {
        fspath.call1((obj,))?.extract()?
    } else {
        obj.extract().map_err(|_| {
            input_error(
                "policy",
                format!(
                    "expected a path or text, got {}",
                    obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
                ),
            )
        })?
    };
    let looks_like_path =
        is_pathlike || (!text.contains('\n') && !text.contains('=') && !text.trim_start().starts_with('{'));
    if looks_like_path {
        return read_limited(&text);
    }
    Ok(text)
}

/// `text` cut to about 80 characters for an error message.
fn echo(text: &str) -> String {
    const KEEP: usize = 80;
    if text.chars().count() <= KEEP {
        return text.to_string();
    }
    let mut s: String = text.chars().take(KEEP).collect();
    s.push('…');
    s
}

/// Reads the file at `path`, at most [`MAX_POLICY_BYTES`] + 1 bytes: a larger file (or an
/// endless one such as `/dev/zero`) is a `PolicyError`, never an unbounded read.
fn read_limited(path: &str) -> PyResult<String> {
    use std::io::Read;
    let shown = echo(path);
    // the file is the policy's place: `policy my-policy.toml: cannot read: …`
    let policy_err = |reason: String| {
        PyErr::from(crate::errors::KjErr(kinerja_core::Error::Policy { path: shown.clone(), reason }))
    };
    let file = std::fs::File::open(path).map_err(|e| policy_err(format!("cannot read: {e}")))?;
    let mut buf = Vec::new();
    let limit = u64::try_from(MAX_POLICY_BYTES).unwrap_or(u64::MAX).saturating_add(1);
    file.take(limit).read_to_end(&mut buf).map_err(|e| policy_err(format!("cannot read: {e}")))?;
    if buf.len() > MAX_POLICY_BYTES {
        return Err(policy_err(format!("larger than the limit of {MAX_POLICY_BYTES} bytes")));
    }
    String::from_utf8(buf).map_err(|e| policy_err(format!("cannot read: not UTF-8 text ({e})")))
}

/// A policy: every choice the law leaves open, with defaults. Load it from TOML or JSON.
#[pyclass(module = "kinerja._kinerja", name = "Policy", frozen)]
#[derive(Clone)]
pub struct PyPolicy(pub Arc<Policy>);

#[pymethods]
impl PyPolicy {
    /// The national default policy; keyword arguments override top-level sections, e.g.
    /// `Policy(id="kupang-2024", achievement={"lower_formula": "ratio"})`.
    #[new]
    #[pyo3(signature = (**overrides))]
    fn py_new(overrides: Option<&Bound<'_, pyo3::types::PyDict>>) -> PyResult<Self> {
        match overrides {
            None => Ok(PyPolicy(Arc::new(Policy::default()))),
            Some(d) => {
                let v = py_to_json(d, "policy", false)?;
                let text =
                    serde_json::to_string(&v).map_err(|e| crate::convert::serde_error("policy", &e))?;
                Ok(PyPolicy(Arc::new(Policy::from_json(&text).py()?)))
            }
        }
    }
    /// The national default policy.
    #[classmethod]
    fn defaults(_cls: &Bound<'_, PyType>) -> Self {
        PyPolicy(Arc::new(Policy::default()))
    }
    /// Reads a policy from a TOML file path or TOML text. A document with dated values
    /// (lists of `{from, value}`) needs `at=` (a date) or `period=` (a whole period).
    #[classmethod]
    #[pyo3(signature = (path_or_text, *, at=None, period=None))]
    fn from_toml(
        _cls: &Bound<'_, PyType>,
        path_or_text: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let when = When::of(at, period)?;
        let text = read_text(path_or_text)?;
        let made = when.policy(|| Policy::from_toml(&text), || DatedPolicy::from_toml(&text))?;
        Ok(PyPolicy(Arc::new(made)))
    }
    /// Reads a policy from a JSON file path or JSON text (`at=` / `period=` as for
    /// `from_toml`).
    #[classmethod]
    #[pyo3(signature = (path_or_text, *, at=None, period=None))]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        path_or_text: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let when = When::of(at, period)?;
        let text = read_text(path_or_text)?;
        let made = when.policy(|| Policy::from_json(&text), || DatedPolicy::from_json(&text))?;
        Ok(PyPolicy(Arc::new(made)))
    }
    /// Reads a policy from a dict (`at=` / `period=` as for `from_toml`).
    #[classmethod]
    #[pyo3(signature = (data, *, at=None, period=None))]
    fn from_dict(
        _cls: &Bound<'_, PyType>,
        data: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let when = When::of(at, period)?;
        let v = py_to_json(data, "policy", false)?;
        let text = serde_json::to_string(&v).map_err(|e| crate::convert::serde_error("policy", &e))?;
        let made = when.policy(|| Policy::from_json(&text), || DatedPolicy::from_value(v))?;
        Ok(PyPolicy(Arc::new(made)))
    }
    /// The policy as JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    /// The policy as TOML.
    fn to_toml(&self) -> PyResult<String> {
        self.0.to_toml().py()
    }
    /// The policy as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let v = serde_json::to_value(&*self.0).map_err(|e| crate::convert::serde_error("policy", &e))?;
        json_to_py(py, &v)
    }
    /// The JSON Schema of policy files.
    #[staticmethod]
    fn json_schema() -> String {
        Policy::json_schema()
    }
    /// Checks the policy again (it is checked when loaded).
    fn validate(&self) -> PyResult<()> {
        self.0.validate().py()
    }
    /// Identifier cited in explanations.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// Version.
    #[getter]
    fn version(&self) -> &str {
        &self.0.version
    }
    /// Description.
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyPolicy>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        format!("Policy(id='{}', version='{}')", self.0.id, self.0.version)
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        Ok((py.get_type::<PyPolicy>().getattr("from_json")?, PyTuple::new(py, [self.0.to_json()])?))
    }
}

/// A ruleset: the regime (law, in code) plus the policy (local choices, in data).
#[pyclass(module = "kinerja._kinerja", name = "Ruleset", frozen)]
#[derive(Clone)]
pub struct PyRuleset(pub Arc<Ruleset>);

#[pymethods]
impl PyRuleset {
    /// `Ruleset("permenpanrb-6-2022", policy=None)`; same as `Ruleset.builtin(...)`.
    #[new]
    #[pyo3(signature = (regime = None, policy = None))]
    fn py_new(regime: Option<&Bound<'_, PyAny>>, policy: Option<&Bound<'_, PyAny>>) -> PyResult<Self> {
        let regime = match regime.filter(|r| !r.is_none()) {
            Some(r) => crate::convert::text_arg(r, "regime")?,
            None => "permenpanrb-6-2022".to_string(),
        };
        let r = Ruleset::builtin(&regime).py()?;
        match policy.filter(|p| !p.is_none()) {
            None => Ok(PyRuleset(Arc::new(r))),
            Some(p) => Ok(PyRuleset(Arc::new(r.with_policy((*policy_arg(p)?.0).clone()).py()?))),
        }
    }
    /// The builtin ruleset of a regime (`"permenpanrb-6-2022"`, `"permenpanrb-8-2021"`,
    /// `"pp-46-2011"`) with the national default policy.
    #[classmethod]
    #[pyo3(signature = (regime = "permenpanrb-6-2022"))]
    fn builtin(_cls: &Bound<'_, PyType>, regime: &str) -> PyResult<Self> {
        Ok(PyRuleset(Arc::new(Ruleset::builtin(regime).py()?)))
    }
    /// The builtin ruleset in force on a date (`datetime.date` or `"YYYY-MM-DD"`).
    #[classmethod]
    fn for_date(_cls: &Bound<'_, PyType>, date: &Bound<'_, PyAny>) -> PyResult<Self> {
        Ok(PyRuleset(Arc::new(Ruleset::for_date(to_date(date)?).py()?)))
    }
    /// Reads a ruleset (`regime` plus `[policy]`) from a TOML file path or text; a policy with
    /// dated values needs `at=` (a date) or `period=` (a whole period).
    #[classmethod]
    #[pyo3(signature = (path_or_text, *, at=None, period=None))]
    fn from_toml(
        _cls: &Bound<'_, PyType>,
        path_or_text: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let when = When::of(at, period)?;
        let text = read_text(path_or_text)?;
        let made = when.ruleset(|| Ruleset::from_toml(&text), || DatedPolicy::from_toml(&text))?;
        Ok(PyRuleset(Arc::new(made)))
    }
    /// Reads a ruleset from a JSON file path or text (`at=` / `period=` as for `from_toml`).
    #[classmethod]
    #[pyo3(signature = (path_or_text, *, at=None, period=None))]
    fn from_json(
        _cls: &Bound<'_, PyType>,
        path_or_text: &Bound<'_, PyAny>,
        at: Option<&Bound<'_, PyAny>>,
        period: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let when = When::of(at, period)?;
        let text = read_text(path_or_text)?;
        let made = when.ruleset(|| Ruleset::from_json(&text), || DatedPolicy::from_json(&text))?;
        Ok(PyRuleset(Arc::new(made)))
    }
    /// The ruleset as JSON.
    fn to_json(&self) -> String {
        self.0.to_json()
    }
    /// The same regime with another policy.
    fn with_policy(&self, policy: &Bound<'_, PyAny>) -> PyResult<Self> {
        let policy = policy_arg(policy)?;
        Ok(PyRuleset(Arc::new(self.0.with_policy((*policy.0).clone()).py()?)))
    }
    /// The regime id, e.g. `"permenpanrb-6-2022"`.
    #[getter]
    fn id(&self) -> &'static str {
        self.0.id()
    }
    /// The regime.
    #[getter]
    fn regime(&self) -> PyRegime {
        self.0.regime.to_py()
    }
    /// The policy.
    #[getter]
    fn policy(&self) -> PyPolicy {
        PyPolicy(Arc::new(self.0.policy.clone()))
    }
    /// The regulation cited for the regime.
    #[getter]
    fn citation(&self) -> &'static str {
        self.0.regime.citation()
    }
    /// The performance periods the regime governs: `(first day, last day or None)`.
    #[getter]
    fn effective<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Option<Bound<'py, PyAny>>)> {
        let date = py.import("datetime")?.getattr("date")?;
        let to_py = |d: kinerja_core::rules::Date| date.call1((d.year(), d.month(), d.day()));
        let (from, to) = self.0.regime.effective();
        Ok((to_py(from)?, to.map(to_py).transpose()?))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyRuleset>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        format!("Ruleset('{}', policy='{}')", self.0.regime.value(), self.0.policy.id)
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        Ok((py.get_type::<PyRuleset>().getattr("from_json")?, PyTuple::new(py, [self.0.to_json()])?))
    }
}

/// The ruleset to use: the given one or the builtin 6/2022 default.
pub fn rules_or_default(rules: Option<&PyRuleset>) -> PyResult<Arc<Ruleset>> {
    match rules {
        Some(r) => Ok(r.0.clone()),
        None => Ok(Arc::new(Ruleset::builtin("permenpanrb-6-2022").py()?)),
    }
}

/// A `policy` argument: a `Policy`; any other type is an `InputError` naming `policy`.
fn policy_arg(policy: &Bound<'_, PyAny>) -> PyResult<PyPolicy> {
    match policy.cast::<PyPolicy>() {
        Ok(p) => Ok(PyPolicy(p.get().0.clone())),
        Err(_) => Err(input_error(
            "policy",
            format!(
                "expected a Policy, got {}",
                policy.get_type().name().map(|n| n.to_string()).unwrap_or_default()
            ),
        )),
    }
}

/// A `rules=` argument: a `Ruleset` or a builtin ruleset's id (`"permenpanrb-6-2022"`); any
/// other type is an `InputError` naming `rules`, an unknown id a `PolicyError`.
pub struct RulesArg(pub PyRuleset);

impl std::ops::Deref for RulesArg {
    type Target = PyRuleset;
    fn deref(&self) -> &PyRuleset {
        &self.0
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for RulesArg {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        ruleset_arg(&obj, "rules")
    }
}

/// A ruleset argument named `field`: a `Ruleset` or a builtin ruleset's id; any other type is
/// an `InputError`.
pub fn ruleset_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<RulesArg> {
    if let Ok(r) = obj.cast::<PyRuleset>() {
        return Ok(RulesArg(PyRuleset(r.get().0.clone())));
    }
    // a builtin ruleset's id, as the command line's `--rules` and the server's `"rules"` take it
    if let Ok(id) = obj.extract::<String>() {
        return Ok(RulesArg(PyRuleset(Arc::new(Ruleset::builtin(&id).py()?))));
    }
    Err(input_error(
        field,
        format!(
            "expected a Ruleset or a builtin ruleset's id, got {}",
            obj.get_type().name().map(|n| n.to_string()).unwrap_or_default()
        ),
    ))
}

/// Registers the classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyRuleset>()?;
    Ok(())
}
