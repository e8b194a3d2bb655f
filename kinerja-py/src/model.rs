//! The domain model classes: `Indicator`, `PlannedResult`, `Employee`, `Realisation`,
//! `Behaviour`, `Assessment` and `Plan`. Each is a frozen value holding an `Arc` of the core
//! object; each is built from keyword arguments, `from_dict` or `from_json`, gives `to_dict` /
//! `to_json` back (the JSON form: exact numbers as strings), compares by value and pickles.

use std::sync::Arc;

use kinerja_core::model as core;
use pyo3::IntoPyObjectExt;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyTuple, PyType};
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

use crate::convert::{
    CoreEnum, Wrap, flag_arg, json_to_py, located_error, py_to_json, serde_error, text_arg, to_decimal,
    to_enum, to_period,
};
use crate::enums::*;
use crate::errors::PyResultExt;
use crate::errors::type_error;
use crate::period::PyPeriod;

fn opt_dec(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Value> {
    match obj {
        None => Ok(Value::Null),
        Some(o) if o.is_none() => Ok(Value::Null),
        Some(o) => Ok(Value::String(to_decimal(o, field, false)?.to_string())),
    }
}

fn target_json(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Value> {
    if let Ok(t) = obj.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>() {
        return Ok(json!({
            "low": to_decimal(&t.0, &format!("{field}.low"), false)?.to_string(),
            "high": to_decimal(&t.1, &format!("{field}.high"), false)?.to_string(),
        }));
    }
    if obj.cast::<PyDict>().is_ok() {
        return py_to_json(obj, field, false);
    }
    Ok(Value::String(to_decimal(obj, field, false)?.to_string()))
}

fn enum_json<E: CoreEnum>(obj: Option<&Bound<'_, PyAny>>, field: &str) -> PyResult<Value> {
    match obj {
        None => Ok(Value::Null),
        Some(o) if o.is_none() => Ok(Value::Null),
        Some(o) => Ok(Value::String(to_enum::<E>(o, field)?.value().to_string())),
    }
}

use kinerja_core::explain::Labelled;

fn opt<'py>(o: Option<&Bound<'py, PyAny>>) -> Option<Bound<'py, PyAny>> {
    o.filter(|x| !x.is_none()).cloned()
}

fn strip_nulls(mut m: Map<String, Value>) -> Value {
    m.retain(|_, v| !v.is_null());
    Value::Object(m)
}

/// Converts a target to Python: a `Decimal` or a `(low, high)` tuple.
pub fn target_to_py<'py>(py: Python<'py>, t: &core::Target) -> PyResult<Bound<'py, PyAny>> {
    match *t {
        core::Target::Point(v) => v.into_bound_py_any(py),
        core::Target::Range { low, high } => (low, high).into_bound_py_any(py),
    }
}

macro_rules! model_common {
    ($py:ident, $core:ty, $name:literal, $what:literal) => {
        impl $py {
            /// Builds from JSON and validates.
            pub fn from_value(v: Value) -> PyResult<Self> {
                let inner: $core =
                    serde_path_to_error::deserialize(v).map_err(|e| located_error($what, &e))?;
                let out = $py(Arc::new(inner));
                out.check()?;
                Ok(out)
            }
            /// The core object.
            pub fn inner(&self) -> &$core {
                &self.0
            }
        }

        #[pymethods]
        impl $py {
            /// Builds from a plain dict (the JSON form; enums as values or labels, numbers as
            /// int, str or Decimal; floats only with `allow_float=True`).
            #[classmethod]
            #[pyo3(signature = (data, *, allow_float = false))]
            fn from_dict(
                _cls: &Bound<'_, PyType>,
                data: &Bound<'_, PyAny>,
                allow_float: bool,
            ) -> PyResult<Self> {
                Self::from_value(py_to_json(data, $what, allow_float)?)
            }
            /// Builds from JSON text.
            #[classmethod]
            fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
                let text: &str = &text.0;
                let v: Value = crate::convert::input_json(text, $what)?;
                Self::from_value(v)
            }
            /// The JSON form as a dict (exact numbers as strings).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                let v = serde_json::to_value(&*self.0).map_err(|e| serde_error($what, &e))?;
                json_to_py(py, &v)
            }
            /// The JSON text.
            #[pyo3(signature = (indent = None))]
            fn to_json(&self, indent: Option<&Bound<'_, PyAny>>) -> PyResult<String> {
                let indent = match indent {
                    Some(i) if !i.is_none() => Some(crate::followup::count_arg(i, "indent")?),
                    _ => None,
                };
                let r = match indent {
                    Some(_) => serde_json::to_string_pretty(&*self.0),
                    None => serde_json::to_string(&*self.0),
                };
                r.map_err(|e| serde_error($what, &e))
            }
            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other.cast::<$py>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
            }
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
                let f = py.get_type::<$py>().getattr("from_json")?;
                let text = serde_json::to_string(&*self.0).map_err(|e| serde_error($what, &e))?;
                Ok((f, PyTuple::new(py, [text])?))
            }
        }
    };
}

/// Indikator Kinerja Individu (IKI): an indicator with its target.
#[pyclass(module = "kinerja._kinerja", name = "Indicator", frozen)]
#[derive(Clone)]
pub struct PyIndicator(pub Arc<core::Indicator>);
model_common!(PyIndicator, core::Indicator, "Indicator", "indicator");

impl PyIndicator {
    fn check(&self) -> PyResult<()> {
        self.0.validate(&Default::default()).py()
    }
}

#[pymethods]
impl PyIndicator {
    /// `Indicator("iki-1", "Pasien dilayani", target=1200, polarity="higher", weight=40)`.
    /// A target is a number or a `(low, high)` range.
    #[new]
    #[pyo3(signature = (id, name, target, *, unit_of_measure = None, aspect = None, polarity = None,
        period_targets = None, weight = None, cap = None, target_is_max = None, aggregation = None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        target: &Bound<'_, PyAny>,
        unit_of_measure: Option<&Bound<'_, PyAny>>,
        aspect: Option<&Bound<'_, PyAny>>,
        polarity: Option<&Bound<'_, PyAny>>,
        period_targets: Option<&Bound<'_, PyAny>>,
        weight: Option<&Bound<'_, PyAny>>,
        cap: Option<&Bound<'_, PyAny>>,
        target_is_max: Option<&Bound<'_, PyAny>>,
        aggregation: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut m = Map::new();
        m.insert("id".into(), text_arg(id, "id")?.into());
        m.insert("name".into(), text_arg(name, "name")?.into());
        let uom = unit_of_measure.map(|u| text_arg(u, "unit_of_measure")).transpose()?;
        m.insert("unit_of_measure".into(), uom.unwrap_or_default().into());
        m.insert("aspect".into(), enum_json::<core::Aspect>(aspect, "aspect")?);
        m.insert("polarity".into(), enum_json::<core::Polarity>(polarity, "polarity")?);
        m.insert("target".into(), target_json(target, "target")?);
        if let Some(pt) = period_targets {
            let pt = pt.cast::<PyDict>().map_err(|_| {
                type_error(
                    "period_targets",
                    format!(
                        "expected a dict of period → target, got {}",
                        pt.get_type().name().map(|n| n.to_string()).unwrap_or_default()
                    ),
                )
            })?;
            let mut o = Map::new();
            for (k, v) in pt.iter() {
                let p = to_period(&k)?;
                o.insert(p.to_string(), target_json(&v, &format!("period_targets[{p}]"))?);
            }
            m.insert("period_targets".into(), Value::Object(o));
        }
        m.insert("weight".into(), opt_dec(weight, "weight")?);
        m.insert("cap".into(), opt_dec(cap, "cap")?);
        let is_max = target_is_max.map(|b| flag_arg(b, "target_is_max")).transpose()?;
        m.insert("target_is_max".into(), is_max.unwrap_or(false).into());
        m.insert("aggregation".into(), enum_json::<core::Aggregation>(aggregation, "aggregation")?);
        Self::from_value(strip_nulls(m))
    }
    /// Identifier.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// Name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Unit of measure.
    #[getter]
    fn unit_of_measure(&self) -> &str {
        &self.0.unit_of_measure
    }
    /// Aspect.
    #[getter]
    fn aspect(&self) -> PyAspect {
        self.0.aspect.to_py()
    }
    /// Polarity.
    #[getter]
    fn polarity(&self) -> PyPolarity {
        self.0.polarity.to_py()
    }
    /// The annual target: a `Decimal` or a `(low, high)` range.
    #[getter]
    fn target<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        target_to_py(py, &self.0.target)
    }
    /// Targets for specific periods.
    #[getter]
    fn period_targets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (p, t) in &self.0.period_targets {
            d.set_item(PyPeriod(*p), target_to_py(py, t)?)?;
        }
        Ok(d)
    }
    /// Weight, if any.
    #[getter]
    fn weight(&self) -> Option<Decimal> {
        self.0.weight
    }
    /// Achievement cap in percent, if any.
    #[getter]
    fn cap(&self) -> Option<Decimal> {
        self.0.cap
    }
    /// The target is the maximum achievable.
    #[getter]
    fn target_is_max(&self) -> bool {
        self.0.target_is_max
    }
    /// Aggregation over periods.
    #[getter]
    fn aggregation(&self) -> PyAggregation {
        self.0.aggregation.to_py()
    }
    fn __repr__(&self) -> String {
        format!(
            "Indicator(id='{}', name='{}', target={}, polarity='{}')",
            self.0.id,
            self.0.name,
            self.0.target,
            self.0.polarity.value()
        )
    }
}

/// Rencana Hasil Kerja (RHK): a planned result with its indicators.
#[pyclass(module = "kinerja._kinerja", name = "PlannedResult", frozen)]
#[derive(Clone)]
pub struct PyPlannedResult(pub Arc<core::PlannedResult>);
model_common!(PyPlannedResult, core::PlannedResult, "PlannedResult", "planned result");

impl PyPlannedResult {
    fn check(&self) -> PyResult<()> {
        for i in &self.0.indicators {
            i.validate(&Default::default()).py()?;
        }
        Ok(())
    }
}

#[pymethods]
impl PyPlannedResult {
    /// `PlannedResult("rhk-1", "Pelayanan kesehatan", indicators=[...], kind="primary")`.
    #[new]
    #[pyo3(signature = (id, description, indicators = None, *, kind = None, parent = None, cascade = None))]
    fn py_new(
        id: &str,
        description: &str,
        indicators: Option<&Bound<'_, PyAny>>,
        kind: Option<&Bound<'_, PyAny>>,
        parent: Option<String>,
        cascade: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut m = Map::new();
        m.insert("id".into(), id.into());
        m.insert("description".into(), description.into());
        m.insert("kind".into(), enum_json::<core::ResultKind>(kind, "kind")?);
        m.insert("parent".into(), parent.map(Value::String).unwrap_or(Value::Null));
        m.insert("cascade".into(), enum_json::<core::CascadeType>(cascade, "cascade")?);
        if let Some(i) = indicators {
            m.insert("indicators".into(), py_to_json(i, "indicators", false)?);
        }
        Self::from_value(strip_nulls(m))
    }
    /// Identifier.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// Description.
    #[getter]
    fn description(&self) -> &str {
        &self.0.description
    }
    /// Primary or additional.
    #[getter]
    fn kind(&self) -> PyResultKind {
        self.0.kind.to_py()
    }
    /// Parent result or goal, if any.
    #[getter]
    fn parent(&self) -> Option<&str> {
        self.0.parent.as_deref()
    }
    /// Cascade type, if any.
    #[getter]
    fn cascade(&self) -> Option<PyCascadeType> {
        self.0.cascade.map(CoreEnum::to_py)
    }
    /// The indicators.
    #[getter]
    fn indicators(&self) -> Vec<PyIndicator> {
        self.0.indicators.iter().map(|i| PyIndicator(Arc::new(i.clone()))).collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "PlannedResult(id='{}', description='{}', indicators={})",
            self.0.id,
            self.0.description,
            self.0.indicators.len()
        )
    }
}

/// An employee (pegawai).
#[pyclass(module = "kinerja._kinerja", name = "Employee", frozen)]
#[derive(Clone)]
pub struct PyEmployee(pub Arc<core::Employee>);
model_common!(PyEmployee, core::Employee, "Employee", "employee");

impl PyEmployee {
    fn check(&self) -> PyResult<()> {
        self.0.validate().py()
    }
}

#[pymethods]
impl PyEmployee {
    /// `Employee("198701012010011001", "dr. A", unit="dinkes", post_type="functional")`.
    #[new]
    #[pyo3(signature = (id, name, unit, post_type, *, functional_grade = None, unit_head = None, position = None))]
    fn py_new(
        id: &Bound<'_, PyAny>,
        name: &Bound<'_, PyAny>,
        unit: &Bound<'_, PyAny>,
        post_type: &Bound<'_, PyAny>,
        functional_grade: Option<&Bound<'_, PyAny>>,
        unit_head: Option<&Bound<'_, PyAny>>,
        position: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut m = Map::new();
        m.insert("id".into(), text_arg(id, "id")?.into());
        m.insert("name".into(), text_arg(name, "name")?.into());
        m.insert("unit".into(), text_arg(unit, "unit")?.into());
        m.insert("post_type".into(), to_enum::<core::PostType>(post_type, "post_type")?.value().into());
        m.insert(
            "functional_grade".into(),
            enum_json::<core::FunctionalGrade>(functional_grade, "functional_grade")?,
        );
        let head = unit_head.map(|b| flag_arg(b, "unit_head")).transpose()?;
        m.insert("unit_head".into(), head.unwrap_or(false).into());
        let position = position.map(|p| text_arg(p, "position")).transpose()?;
        m.insert("position".into(), position.unwrap_or_default().into());
        Self::from_value(strip_nulls(m))
    }
    /// NIP-style identifier.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }
    /// Full name.
    #[getter]
    fn name(&self) -> &str {
        &self.0.name
    }
    /// Organisation unit id.
    #[getter]
    fn unit(&self) -> &str {
        &self.0.unit
    }
    /// Type of post.
    #[getter]
    fn post_type(&self) -> PyPostType {
        self.0.post_type.to_py()
    }
    /// Functional grade, if any.
    #[getter]
    fn functional_grade(&self) -> Option<PyFunctionalGrade> {
        self.0.functional_grade.map(CoreEnum::to_py)
    }
    /// Heads the unit.
    #[getter]
    fn unit_head(&self) -> bool {
        self.0.unit_head
    }
    /// Position title.
    #[getter]
    fn position(&self) -> &str {
        &self.0.position
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut h);
        h.finish()
    }
    fn __repr__(&self) -> String {
        format!(
            "Employee(id='{}', name='{}', unit='{}', post_type='{}')",
            self.0.id,
            self.0.name,
            self.0.unit,
            self.0.post_type.value()
        )
    }
}

/// Realisasi: the actual value of one indicator in one period.
#[pyclass(module = "kinerja._kinerja", name = "Realisation", frozen)]
#[derive(Clone)]
pub struct PyRealisation(pub Arc<core::Realisation>);
model_common!(PyRealisation, core::Realisation, "Realisation", "realisation");

impl PyRealisation {
    fn check(&self) -> PyResult<()> {
        Ok(())
    }
}

#[pymethods]
impl PyRealisation {
    /// `Realisation("iki-1", "2024-Q1", 310)`.
    #[new]
    fn py_new(
        indicator: &str,
        period: Wrap<kinerja_core::period::Period>,
        actual: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let actual = to_decimal(actual, "actual", false)?;
        Ok(PyRealisation(Arc::new(core::Realisation {
            indicator: indicator.into(),
            period: period.0,
            actual,
        })))
    }
    /// Indicator id.
    #[getter]
    fn indicator(&self) -> &str {
        &self.0.indicator
    }
    /// Period.
    #[getter]
    fn period(&self) -> PyPeriod {
        PyPeriod(self.0.period)
    }
    /// Actual value.
    #[getter]
    fn actual(&self) -> Decimal {
        self.0.actual
    }
    fn __repr__(&self) -> String {
        format!(
            "Realisation(indicator='{}', period='{}', actual={})",
            self.0.indicator, self.0.period, self.0.actual
        )
    }
}

/// Behaviour assessment over the BerAKHLAK values, with the overall rating.
#[pyclass(module = "kinerja._kinerja", name = "Behaviour", frozen)]
#[derive(Clone)]
pub struct PyBehaviour(pub Arc<core::Behaviour>);
model_common!(PyBehaviour, core::Behaviour, "Behaviour", "behaviour");

impl PyBehaviour {
    fn check(&self) -> PyResult<()> {
        Ok(())
    }
}

#[pymethods]
impl PyBehaviour {
    /// `Behaviour(overall="above", values={"loyal": "above"})`.
    #[new]
    #[pyo3(signature = (overall = None, values = None))]
    fn py_new(overall: Option<&Bound<'_, PyAny>>, values: Option<&Bound<'_, PyDict>>) -> PyResult<Self> {
        let mut b = core::Behaviour::default();
        if let Some(o) = overall {
            if !o.is_none() {
                b.overall = Some(to_enum::<core::Rating>(o, "behaviour.overall")?);
            }
        }
        if let Some(v) = values {
            for (k, r) in v.iter() {
                let cv = to_enum::<core::CoreValue>(&k, "behaviour.values")?;
                b.values
                    .insert(cv, to_enum::<core::Rating>(&r, &format!("behaviour.values.{}", cv.value()))?);
            }
        }
        Ok(PyBehaviour(Arc::new(b)))
    }
    /// The overall rating, if given.
    #[getter]
    fn overall(&self) -> Option<PyRating> {
        self.0.overall.map(CoreEnum::to_py)
    }
    /// Ratings per core value.
    #[getter]
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (k, v) in &self.0.values {
            d.set_item(k.to_py(), v.to_py())?;
        }
        Ok(d)
    }
    fn __repr__(&self) -> String {
        let vals: Vec<String> =
            self.0.values.iter().map(|(k, v)| format!("'{}': '{}'", k.value(), v.value())).collect();
        format!(
            "Behaviour(overall={}, values={{{}}})",
            self.0.overall.map(|r| format!("'{}'", r.value())).unwrap_or_else(|| "None".into()),
            vals.join(", ")
        )
    }
}

/// What the appraiser gave for one period.
#[pyclass(module = "kinerja._kinerja", name = "Assessment", frozen)]
#[derive(Clone)]
pub struct PyAssessment(pub Arc<core::Assessment>);
model_common!(PyAssessment, core::Assessment, "Assessment", "assessment");

impl PyAssessment {
    fn check(&self) -> PyResult<()> {
        Ok(())
    }
}

#[pymethods]
impl PyAssessment {
    /// `Assessment("2024", work_result="above", behaviour="meets", org_predicate="good")`.
    /// `behaviour` is a rating or a `Behaviour`.
    #[new]
    #[pyo3(signature = (period, *, work_result = None, behaviour = None, org_predicate = None, predicate = None,
        innovation = false, behaviour_360 = false, behaviour_score = None, behaviour_aspects = None))]
    #[allow(clippy::too_many_arguments)]
    fn py_new(
        period: Wrap<kinerja_core::period::Period>,
        work_result: Option<&Bound<'_, PyAny>>,
        behaviour: Option<&Bound<'_, PyAny>>,
        org_predicate: Option<&Bound<'_, PyAny>>,
        predicate: Option<&Bound<'_, PyAny>>,
        innovation: bool,
        behaviour_360: bool,
        behaviour_score: Option<&Bound<'_, PyAny>>,
        behaviour_aspects: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<Self> {
        let mut a = core::Assessment::new(period.0);
        if let Some(w) = opt(work_result) {
            a.work_result = Some(to_enum::<core::Rating>(&w, "work_result")?);
        }
        if let Some(b) = opt(behaviour) {
            a.behaviour = Some(match b.cast::<PyBehaviour>() {
                Ok(pb) => (*pb.get().0).clone(),
                Err(_) => core::Behaviour {
                    values: Default::default(),
                    overall: Some(to_enum::<core::Rating>(&b, "behaviour")?),
                },
            });
        }
        if let Some(o) = opt(org_predicate) {
            a.org_predicate = Some(to_enum::<core::OrgPredicate>(&o, "org_predicate")?);
        }
        if let Some(p) = opt(predicate) {
            a.predicate = Some(to_enum::<core::Predicate>(&p, "predicate")?);
        }
        a.innovation = innovation;
        a.behaviour_360 = behaviour_360;
        if let Some(s) = opt(behaviour_score) {
            a.behaviour_score = Some(to_decimal(&s, "behaviour_score", false)?);
        }
        if let Some(asp) = behaviour_aspects {
            for (k, v) in asp.iter() {
                let name: String = k.extract()?;
                let d = to_decimal(&v, &format!("behaviour_aspects.{name}"), false)?;
                a.behaviour_aspects.insert(name, d);
            }
        }
        Ok(PyAssessment(Arc::new(a)))
    }
    /// Period assessed.
    #[getter]
    fn period(&self) -> PyPeriod {
        PyPeriod(self.0.period)
    }
    /// Work-result rating, if given.
    #[getter]
    fn work_result(&self) -> Option<PyRating> {
        self.0.work_result.map(CoreEnum::to_py)
    }
    /// Behaviour assessment, if given.
    #[getter]
    fn behaviour(&self) -> Option<PyBehaviour> {
        self.0.behaviour.clone().map(|b| PyBehaviour(Arc::new(b)))
    }
    /// Organisational predicate, if given.
    #[getter]
    fn org_predicate(&self) -> Option<PyOrgPredicate> {
        self.0.org_predicate.map(CoreEnum::to_py)
    }
    /// Predicate set directly by the appraiser, if any.
    #[getter]
    fn predicate(&self) -> Option<PyPredicate> {
        self.0.predicate.map(CoreEnum::to_py)
    }
    /// Innovation flag.
    #[getter]
    fn innovation(&self) -> bool {
        self.0.innovation
    }
    /// 360° behaviour flag.
    #[getter]
    fn behaviour_360(&self) -> bool {
        self.0.behaviour_360
    }
    /// Numeric behaviour value, if any.
    #[getter]
    fn behaviour_score(&self) -> Option<Decimal> {
        self.0.behaviour_score
    }
    fn __repr__(&self) -> String {
        let r = |o: Option<&'static str>| o.map(|v| format!("'{v}'")).unwrap_or_else(|| "None".into());
        format!(
            "Assessment(period='{}', work_result={}, behaviour={}, org_predicate={})",
            self.0.period,
            r(self.0.work_result.map(|x| x.value())),
            r(self.0.behaviour.as_ref().and_then(|b| b.overall).map(|x| x.value())),
            r(self.0.org_predicate.map(|x| x.value()))
        )
    }
}

/// Sasaran Kinerja Pegawai (SKP): an employee's plan for a year with realisations and
/// assessments.
#[pyclass(module = "kinerja._kinerja", name = "Plan", frozen)]
#[derive(Clone)]
pub struct PyPlan(pub Arc<core::Plan>);
model_common!(PyPlan, core::Plan, "Plan", "plan");

impl PyPlan {
    fn check(&self) -> PyResult<()> {
        self.0.validate().py()
    }
}

#[pymethods]
impl PyPlan {
    /// The JSON Schema (2020-12) of a plan in its JSON form (as `Plan.from_json` reads it).
    #[staticmethod]
    fn json_schema() -> String {
        core::Plan::json_schema()
    }
    /// `Plan(employee, 2024, results=[...], realisations=[...], assessments=[...])`.
    /// Items may be kinerja objects or dicts; a realisation may also be a tuple
    /// `(indicator, period, actual)`.
    #[new]
    #[pyo3(signature = (employee, year, results = None, realisations = None, assessments = None))]
    fn py_new(
        employee: &Bound<'_, PyAny>,
        year: &Bound<'_, PyAny>,
        results: Option<&Bound<'_, PyAny>>,
        realisations: Option<&Bound<'_, PyAny>>,
        assessments: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let mut m = Map::new();
        m.insert("employee".into(), py_to_json(employee, "employee", false)?);
        m.insert("year".into(), py_to_json(year, "year", false)?);
        if let Some(r) = results {
            m.insert("results".into(), py_to_json(r, "results", false)?);
        }
        if let Some(rs) = realisations {
            let mut out = Vec::new();
            for (i, item) in rs.try_iter()?.enumerate() {
                let item = item?;
                if let Ok(t) = item.cast::<PyTuple>() {
                    let (ind, per, act): (String, Bound<'_, PyAny>, Bound<'_, PyAny>) =
                        t.extract().map_err(|_| {
                            crate::errors::input_error(
                                &format!("realisations[{i}]"),
                                "a realisation tuple is (indicator, period, actual)",
                            )
                        })?;
                    out.push(json!({
                        "indicator": ind,
                        "period": to_period(&per)?.to_string(),
                        "actual": to_decimal(&act, &format!("realisations[{i}].actual"), false)?.to_string(),
                    }));
                } else {
                    out.push(py_to_json(&item, &format!("realisations[{i}]"), false)?);
                }
            }
            m.insert("realisations".into(), Value::Array(out));
        }
        if let Some(a) = assessments {
            m.insert("assessments".into(), py_to_json(a, "assessments", false)?);
        }
        Self::from_value(Value::Object(m))
    }
    /// The employee.
    #[getter]
    fn employee(&self) -> PyEmployee {
        PyEmployee(Arc::new(self.0.employee.clone()))
    }
    /// Performance year.
    #[getter]
    fn year(&self) -> u16 {
        self.0.year
    }
    /// Planned results.
    #[getter]
    fn results(&self) -> Vec<PyPlannedResult> {
        self.0.results.iter().map(|r| PyPlannedResult(Arc::new(r.clone()))).collect()
    }
    /// Every indicator of every planned result.
    #[getter]
    fn indicators(&self) -> Vec<PyIndicator> {
        self.0.indicators().map(|(_, i)| PyIndicator(Arc::new(i.clone()))).collect()
    }
    /// Realisations.
    #[getter]
    fn realisations(&self) -> Vec<PyRealisation> {
        self.0.realisations.iter().map(|r| PyRealisation(Arc::new(r.clone()))).collect()
    }
    /// Assessments.
    #[getter]
    fn assessments(&self) -> Vec<PyAssessment> {
        self.0.assessments.iter().map(|a| PyAssessment(Arc::new(a.clone()))).collect()
    }
    fn __repr__(&self) -> String {
        format!(
            "Plan(employee='{}', name='{}', year={}, results={}, indicators={}, realisations={}, assessments={})",
            self.0.employee.id,
            self.0.employee.name,
            self.0.year,
            self.0.results.len(),
            self.0.indicators().count(),
            self.0.realisations.len(),
            self.0.assessments.len()
        )
    }
}

/// The JSON form of a model object, if `obj` is one.
pub fn model_json(obj: &Bound<'_, PyAny>) -> PyResult<Option<Value>> {
    macro_rules! try_model {
        ($($py:ty),+) => {
            $( if let Ok(p) = obj.cast::<$py>() {
                return serde_json::to_value(&*p.get().0).map(Some).map_err(|e| serde_error("value", &e));
            } )+
        };
    }
    try_model!(PyIndicator, PyPlannedResult, PyEmployee, PyRealisation, PyBehaviour, PyAssessment, PyPlan);
    Ok(None)
}

/// Reads a plan from a `Plan`, a dict or JSON text.
pub fn to_plan(obj: &Bound<'_, PyAny>) -> PyResult<Arc<core::Plan>> {
    if let Ok(p) = obj.cast::<PyPlan>() {
        return Ok(p.get().0.clone());
    }
    if let Ok(s) = obj.cast::<pyo3::types::PyString>() {
        let v: Value = crate::convert::input_json(s.to_str()?, "plan")?;
        return Ok(PyPlan::from_value(v)?.0);
    }
    Ok(PyPlan::from_value(py_to_json(obj, "plan", false)?)?.0)
}

/// Registers the model classes.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyIndicator>()?;
    m.add_class::<PyPlannedResult>()?;
    m.add_class::<PyEmployee>()?;
    m.add_class::<PyRealisation>()?;
    m.add_class::<PyBehaviour>()?;
    m.add_class::<PyAssessment>()?;
    m.add_class::<PyPlan>()?;
    Ok(())
}
