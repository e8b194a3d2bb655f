//! Instruments from Python: the public-satisfaction index (IKM, PermenPANRB 14/2017 and the
//! legacy KEP/25/2004) with the Krejcie–Morgan sample size, the puskesmas assessment (PKP),
//! the legacy teachers' assessment (PKG) and SPM kesehatan achievement.
//!
//! Results follow the follow-up conventions ([`crate::followup`]): frozen classes with
//! `Decimal` attributes, `to_dict()`, `explain(lang, format)`, `_repr_html_`, pickling through
//! JSON; `as_realisation(indicator, period)` turns an index or a coverage into a
//! `Realisation` of a plan's indicator.

use std::sync::Arc;

use kinerja_core::explain::{Labelled, Lang, Trace};
use kinerja_core::instruments::{
    self as ins, ElementMeans, ElementTotals, IkmGrade, IkmRegime, PkgInput, PkgLabel, PkgResult, PkpGroup,
    PkpInput, PkpResult, SampleSizeResult, SatisfactionResult, SpmInput, SpmResult, SpmService,
    SurveyResponses, TeacherRole,
};
use kinerja_core::model::Realisation;
use kinerja_core::rules::Policy;
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde_json::Value;

use crate::convert::{CoreEnum, serde_error, to_decimal, to_enum, to_lang, to_period};
use crate::errors::{PyResultExt, input_error};
use crate::evaluation::{PyTrace, display_lang_value};
use crate::followup::{
    FuResult, data, enum_arg, from_py, fu_class, fu_enum, getters, int_arg, items_of, part, policy_of,
    render, str_arg,
};
use crate::model::PyRealisation;

fu_enum! {
    /// The regulation an IKM survey follows.
    PyIkmRegime = "IkmRegime", IkmRegime { Permenpanrb14_2017 = "PERMENPANRB_14_2017", Kep25_2004 = "KEP_25_2004" }
}
fu_enum! {
    /// Mutu pelayanan (service quality grade), worst to best.
    PyIkmGrade = "IkmGrade", IkmGrade { D = "D", C = "C", B = "B", A = "A" }
}
fu_enum! {
    /// Puskesmas performance group (Kelompok III / II / I), worst to best.
    PyPkpGroup = "PkpGroup", PkpGroup { Poor = "POOR", Fair = "FAIR", Good = "GOOD" }
}
fu_enum! {
    /// PKG conversion label, worst to best.
    PyPkgLabel = "PkgLabel", PkgLabel {
        Poor = "POOR", Fair = "FAIR", Sufficient = "SUFFICIENT", Good = "GOOD", VeryGood = "VERY_GOOD",
    }
}
fu_enum! {
    /// A teacher's role for the PKG maximum score.
    PyTeacherRole = "TeacherRole", TeacherRole { Classroom = "CLASSROOM", Counsellor = "COUNSELLOR" }
}
fu_enum! {
    /// The 12 basic health services of the SPM kesehatan (PMK 4/2019).
    PySpmService = "SpmService", SpmService {
        PregnantWomen = "PREGNANT_WOMEN", Childbirth = "CHILDBIRTH", Newborns = "NEWBORNS",
        UnderFive = "UNDER_FIVE", PrimarySchoolAge = "PRIMARY_SCHOOL_AGE", ProductiveAge = "PRODUCTIVE_AGE",
        Elderly = "ELDERLY", Hypertension = "HYPERTENSION", Diabetes = "DIABETES",
        SevereMentalIllness = "SEVERE_MENTAL_ILLNESS", PresumptiveTb = "PRESUMPTIVE_TB", HivRisk = "HIV_RISK",
    }
}

/// The value of an instrument enum object, if `obj` is one.
pub(crate) fn inst_enum_value(obj: &Bound<'_, PyAny>) -> Option<&'static str> {
    macro_rules! try_enum {
        ($($py:ty),+) => {
            $( if let Ok(p) = obj.cast::<$py>() { return Some(p.get().core().value()); } )+
        };
    }
    try_enum!(PyIkmRegime, PyIkmGrade, PyPkpGroup, PyPkgLabel, PyTeacherRole, PySpmService);
    None
}

fn realisation(
    indicator: &Bound<'_, PyAny>,
    period: &Bound<'_, PyAny>,
    actual: Decimal,
) -> PyResult<PyRealisation> {
    let r = Realisation { indicator: str_arg(indicator, "indicator")?, period: to_period(period)?, actual };
    Ok(PyRealisation(Arc::new(r)))
}

// ---------------------------------------------------------------------------------- IKM

impl FuResult for SatisfactionResult {
    const WHAT: &'static str = "satisfaction index";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "SatisfactionResult(index={}, grade='{}', regime='{}', respondents={})",
            self.index,
            self.grade.value(),
            self.regime.value(),
            self.respondents.map(|n| n.to_string()).unwrap_or_else(|| "None".into())
        )
    }
}

fu_class! {
    /// The satisfaction index (IKM) of a service unit, with its grade and explanation.
    PySatisfactionResult = "SatisfactionResult", SatisfactionResult
}
getters!(PySatisfactionResult, s {
    /// The reported index (NIK, rounded): the same as `index`.
    value -> Decimal = s.index;
    /// The reported index (NIK, 25–100, rounded by the policy).
    index -> Decimal = s.index;
    /// NIK before rounding.
    index_exact -> Decimal = s.index_exact;
    /// The unit value (NI, 1–4), rounded.
    unit_value -> Decimal = s.unit_value;
    /// NI before rounding.
    unit_value_exact -> Decimal = s.unit_value_exact;
    /// Mean per element (NRR), exact, U1 first.
    element_means -> Vec<Decimal> = s.element_means.clone();
    /// The weight applied per element.
    weight -> Decimal = s.weight;
    /// The value the grade was read from.
    classified_value -> Decimal = s.classified_value;
    /// Mutu pelayanan.
    grade -> PyIkmGrade = s.grade.to_py();
    /// The regulation applied.
    regime -> PyIkmRegime = s.regime.to_py();
    /// The service unit, if named.
    unit -> Option<String> = s.unit.clone();
    /// Number of respondents (None when computed from means).
    respondents -> Option<u64> = s.respondents;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

#[pymethods]
impl PySatisfactionResult {
    /// The reported index as the realisation of an indicator (e.g. "Indeks Kepuasan
    /// Masyarakat") for `period`.
    fn as_realisation(
        &self,
        indicator: &Bound<'_, PyAny>,
        period: &Bound<'_, PyAny>,
    ) -> PyResult<PyRealisation> {
        realisation(indicator, period, self.0.index)
    }
}

/// Rows of a DataFrame / array (`to_numpy().tolist()`), or the object itself.
fn rows_of<'py>(obj: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    if !obj.is_instance_of::<PyList>() && !obj.is_instance_of::<PyTuple>() && obj.hasattr("to_numpy")? {
        return obj.call_method0("to_numpy")?.call_method0("tolist");
    }
    if !obj.is_instance_of::<PyList>() && !obj.is_instance_of::<PyTuple>() && obj.hasattr("tolist")? {
        return obj.call_method0("tolist");
    }
    Ok(obj.clone())
}

fn is_row(obj: &Bound<'_, PyAny>) -> bool {
    obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>()
}

fn numbers(obj: &Bound<'_, PyAny>, field: &str, allow_float: bool) -> PyResult<Vec<Decimal>> {
    if obj.is_instance_of::<PyString>() {
        return Err(input_error(field, "expected a sequence of numbers, got str"));
    }
    let mut out = Vec::new();
    for (i, v) in items_of(&rows_of(obj)?, field)?.iter().enumerate() {
        out.push(to_decimal(v, &format!("{field}[{i}]"), allow_float)?);
    }
    Ok(out)
}

/// The satisfaction index (IKM) of a service unit. `data` holds the raw answers (a list of
/// respondent rows, or a pandas / polars DataFrame, of whole scores 1–4, one column per
/// element) or the element means (a flat list of 9 or 14 numbers); alternatively give
/// `totals` (Σ per element) with `respondents`. `regime` is PermenPANRB 14/2017 (default, 9
/// elements) or KEP/25/2004 (14 elements). Floats only with `allow_float=True`.
#[pyfunction]
#[pyo3(signature = (data = None, *, means = None, totals = None, respondents = None, regime = None, unit = None, rules = None, allow_float = false))]
#[allow(clippy::too_many_arguments)]
pub fn satisfaction_index(
    data: Option<&Bound<'_, PyAny>>,
    means: Option<&Bound<'_, PyAny>>,
    totals: Option<&Bound<'_, PyAny>>,
    respondents: Option<&Bound<'_, PyAny>>,
    regime: Option<&Bound<'_, PyAny>>,
    unit: Option<String>,
    rules: Option<&Bound<'_, PyAny>>,
    allow_float: bool,
) -> PyResult<PySatisfactionResult> {
    let regime = match regime {
        Some(r) if !r.is_none() => enum_arg::<IkmRegime>(r, "regime")?,
        _ => IkmRegime::Permenpanrb14_2017,
    };
    let pol = policy_of(rules)?;
    let given = [data.is_some_and(|d| !d.is_none()), means.is_some(), totals.is_some()];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(input_error(
            "data",
            "give exactly one of `data` (answers or means), `means` or `totals`",
        ));
    }
    let r = if let Some(t) = totals {
        let n = match respondents {
            Some(r) if !r.is_none() => int_arg(r, "respondents")?,
            _ => return Err(input_error("respondents", "`totals` needs `respondents`")),
        };
        let n = u64::try_from(n).map_err(|_| input_error("respondents", format!("{n} is negative")))?;
        let input =
            ElementTotals { unit, regime, respondents: n, totals: numbers(t, "totals", allow_float)? };
        ins::satisfaction_from_totals(&input, &pol).py()?
    } else if let Some(m) = means {
        let input = ElementMeans { unit, regime, means: numbers(m, "means", allow_float)? };
        ins::satisfaction_from_means(&input, &pol).py()?
    } else {
        let d = data.ok_or_else(|| input_error("data", "missing"))?;
        if d.is_instance_of::<PyString>() {
            return Err(input_error("data", "expected respondent rows or element means, got str"));
        }
        let rows = rows_of(d)?;
        let items = items_of(&rows, "data")?;
        let two_d = items.first().map(is_row).unwrap_or(true);
        if two_d {
            let mut responses = Vec::with_capacity(items.len());
            for (r, row) in items.iter().enumerate() {
                if !is_row(row) {
                    return Err(input_error(
                        &format!("responses[{r}]"),
                        "every respondent row must be a list of scores",
                    ));
                }
                responses.push(numbers(row, &format!("responses[{r}]"), allow_float)?);
            }
            let input = SurveyResponses { unit, regime, responses };
            ins::satisfaction_from_responses(&input, &pol).py()?
        } else {
            let mut m = Vec::with_capacity(items.len());
            for (i, v) in items.iter().enumerate() {
                m.push(to_decimal(v, &format!("means[{i}]"), allow_float)?);
            }
            ins::satisfaction_from_means(&ElementMeans { unit, regime, means: m }, &pol).py()?
        }
    };
    Ok(PySatisfactionResult(Arc::new(r)))
}

/// The IKM grade (mutu pelayanan) of an index value under the policy's bands.
#[pyfunction]
#[pyo3(signature = (value, regime = None, rules = None))]
pub fn ikm_grade(
    value: &Bound<'_, PyAny>,
    regime: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyIkmGrade> {
    let v = to_decimal(value, "value", false)?;
    let regime = match regime {
        Some(r) if !r.is_none() => enum_arg::<IkmRegime>(r, "regime")?,
        _ => IkmRegime::Permenpanrb14_2017,
    };
    let pol = policy_of(rules)?;
    Ok(ins::ikm_grade_checked(v, regime, &pol.instruments.ikm).py()?.to_py())
}

// -------------------------------------------------------------------------- sample size

impl FuResult for SampleSizeResult {
    const WHAT: &'static str = "sample size";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "SampleSizeResult(population={}, sample={}, method='{}')",
            self.population,
            self.sample,
            self.method.value()
        )
    }
}

fu_class! {
    /// A Krejcie–Morgan sample size with its explanation.
    PySampleSizeResult = "SampleSizeResult", SampleSizeResult
}
getters!(PySampleSizeResult, s {
    /// The population N.
    population -> u64 = s.population;
    /// `"formula"` or `"table"`.
    method -> String = s.method.value().to_string();
    /// The formula value before rounding (formula method only).
    exact -> Option<Decimal> = s.exact;
    /// The sample size (never more than N).
    sample -> u64 = s.sample;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

/// The Krejcie–Morgan sample size for a population of service users. `method` ("formula" or
/// "table") and `table_rule` ("next_row_up" or "interpolate") override the policy's
/// `instruments.ikm.sample_size`.
#[pyfunction]
#[pyo3(signature = (population, rules = None, *, method = None, table_rule = None))]
pub fn sample_size(
    population: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
    method: Option<&str>,
    table_rule: Option<&str>,
) -> PyResult<PySampleSizeResult> {
    let population = int_arg(population, "population")?;
    let n = u64::try_from(population)
        .map_err(|_| input_error("population", format!("{population} is negative")))?;
    let mut pol: Policy = (*policy_of(rules)?).clone();
    let sp = &mut pol.instruments.ikm.sample_size;
    if let Some(m) = method {
        sp.method = serde_json::from_value(Value::String(m.into()))
            .map_err(|_| input_error("method", format!("`{m}` is not a method; accepted: formula, table")))?;
    }
    if let Some(t) = table_rule {
        sp.table_rule = serde_json::from_value(Value::String(t.into())).map_err(|_| {
            input_error(
                "table_rule",
                format!("`{t}` is not a table rule; accepted: next_row_up, interpolate"),
            )
        })?;
    }
    Ok(PySampleSizeResult(Arc::new(ins::sample_size(n, &pol).py()?)))
}

// --------------------------------------------------------------------------------- PKP

impl FuResult for PkpResult {
    const WHAT: &'static str = "puskesmas assessment";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "PkpResult(puskesmas='{}', coverage={}, management={}, group='{}')",
            self.puskesmas,
            self.coverage,
            self.management.map(|m| m.to_string()).unwrap_or_else(|| "None".into()),
            self.group.value()
        )
    }
}

fu_class! {
    /// A puskesmas assessment (PKP): coverage, management and the groups.
    PyPkpResult = "PkpResult", PkpResult
}
getters!(PyPkpResult, s {
    /// The puskesmas.
    puskesmas -> String = s.puskesmas.clone();
    /// Programme coverage (rounded, percent).
    coverage -> Decimal = s.coverage;
    /// Coverage before rounding.
    coverage_exact -> Decimal = s.coverage_exact;
    /// Management score (rounded, 0–10), if scored.
    management -> Option<Decimal> = s.management;
    /// Management before rounding.
    management_exact -> Option<Decimal> = s.management_exact;
    /// Coverage group.
    coverage_group -> PyPkpGroup = s.coverage_group.to_py();
    /// Management group.
    management_group -> Option<PyPkpGroup> = s.management_group.map(|g| g.to_py());
    /// The overall group.
    group -> PyPkpGroup = s.group.to_py();
    /// Coverage per indicator as dicts.
    indicators -> PyResult<Py<PyAny>> = part(&s.indicators, "puskesmas assessment");
    /// Sub-variable means as dicts.
    sub_variables -> PyResult<Py<PyAny>> = part(&s.sub_variables, "puskesmas assessment");
    /// Variable means as dicts.
    variables -> PyResult<Py<PyAny>> = part(&s.variables, "puskesmas assessment");
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

#[pymethods]
impl PyPkpResult {
    /// The programme coverage as the realisation of an indicator for `period`.
    fn as_realisation(
        &self,
        indicator: &Bound<'_, PyAny>,
        period: &Bound<'_, PyAny>,
    ) -> PyResult<PyRealisation> {
        realisation(indicator, period, self.0.coverage)
    }
}

/// Assesses a puskesmas (PKP). `input` is a dict `{"puskesmas", "indicators": [{"id",
/// "name", "variable", "sub_variable", "population", "target_pct", "achieved"}],
/// "management": [{"id", "score"}]}`.
#[pyfunction]
#[pyo3(signature = (input, rules = None))]
pub fn puskesmas_assessment(
    input: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyPkpResult> {
    let i: PkpInput = from_py(input, "puskesmas input")?;
    let pol = policy_of(rules)?;
    Ok(PyPkpResult(Arc::new(ins::puskesmas_assessment(&i, &pol).py()?)))
}

// --------------------------------------------------------------------------------- PKG

impl FuResult for PkgResult {
    const WHAT: &'static str = "PKG result";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "PkgResult(npkg100={}, label='{}', percent={}, annual_credit={})",
            self.conversion.npkg100,
            self.conversion.label.value(),
            self.conversion.percent,
            self.annual_credit.map(|a| a.to_string()).unwrap_or_else(|| "None".into())
        )
    }
}

fu_class! {
    /// A teacher's legacy PKG result: NPKG100, conversion and annual credit.
    PyPkgResult = "PkgResult", PkgResult
}
getters!(PyPkgResult, s {
    /// NPKG100 as classified (rounded).
    npkg100 -> Decimal = s.conversion.npkg100;
    /// NPKG100 before rounding.
    npkg100_exact -> Decimal = s.npkg100_exact;
    /// The label.
    label -> PyPkgLabel = s.conversion.label.to_py();
    /// Percent of the annual credit.
    percent -> Decimal = s.conversion.percent;
    /// Annual credit (rounded), when credit data was given.
    annual_credit -> Option<Decimal> = s.annual_credit;
    /// Annual credit before rounding.
    annual_credit_exact -> Option<Decimal> = s.annual_credit_exact;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

/// Scores a teacher under the legacy PKG. `input` is a dict `{"teacher", "role", "raw_score",
/// "credit": {"akk", "akpkb", "akp", "teaching_hours", "additional_duty"}}`.
#[pyfunction]
#[pyo3(signature = (input, rules = None))]
pub fn pkg_assessment(input: &Bound<'_, PyAny>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<PyPkgResult> {
    let i: PkgInput = from_py(input, "PKG input")?;
    let pol = policy_of(rules)?;
    Ok(PyPkgResult(Arc::new(ins::pkg_assessment(&i, &pol).py()?)))
}

/// Converts an NPKG100 value (0–100) with the policy's table: a plain lookup, a dict
/// `{"npkg100", "label", "percent"}` (label a `PkgLabel`, numbers `Decimal`). The explained
/// result (trace, HTML) is `pkg_assessment`.
#[pyfunction]
#[pyo3(signature = (npkg100, rules = None))]
pub fn pkg_conversion<'py>(
    py: Python<'py>,
    npkg100: &Bound<'py, PyAny>,
    rules: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyAny>> {
    let v = to_decimal(npkg100, "npkg100", false)?;
    let pol = policy_of(rules)?;
    let c = ins::pkg_conversion(v, &pol).py()?;
    let d = pyo3::types::PyDict::new(py);
    d.set_item("npkg100", c.npkg100)?;
    d.set_item("label", c.label.to_py())?;
    d.set_item("percent", c.percent)?;
    Ok(d.into_any())
}

// --------------------------------------------------------------------------------- SPM

impl FuResult for SpmResult {
    const WHAT: &'static str = "SPM result";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!("SpmResult(service='{}', achievement={})", self.service.value(), self.achievement)
    }
}

fu_class! {
    /// An SPM kesehatan service achievement.
    PySpmResult = "SpmResult", SpmResult
}
getters!(PySpmResult, s {
    /// The service.
    service -> PySpmService = s.service.to_py();
    /// Achievement in percent (rounded).
    achievement -> Decimal = s.achievement;
    /// Achievement before rounding.
    achievement_exact -> Decimal = s.achievement_exact;
    /// The 100 % target is met.
    target_met -> bool = s.target_met;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

#[pymethods]
impl PySpmResult {
    /// The achievement as the realisation of an indicator for `period`.
    fn as_realisation(
        &self,
        indicator: &Bound<'_, PyAny>,
        period: &Bound<'_, PyAny>,
    ) -> PyResult<PyRealisation> {
        realisation(indicator, period, self.0.achievement)
    }
}

/// SPM kesehatan achievement of one service: `{"unit", "service", "target_population",
/// "served"}`.
#[pyfunction]
#[pyo3(signature = (input, rules = None))]
pub fn spm_achievement(input: &Bound<'_, PyAny>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<PySpmResult> {
    let i: SpmInput = from_py(input, "SPM input")?;
    let pol = policy_of(rules)?;
    Ok(PySpmResult(Arc::new(ins::spm_achievement(&i, &pol).py()?)))
}

/// Registers the instrument classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyIkmRegime>()?;
    m.add_class::<PyIkmGrade>()?;
    m.add_class::<PyPkpGroup>()?;
    m.add_class::<PyPkgLabel>()?;
    m.add_class::<PyTeacherRole>()?;
    m.add_class::<PySpmService>()?;
    m.add_class::<PySatisfactionResult>()?;
    m.add_class::<PySampleSizeResult>()?;
    m.add_class::<PyPkpResult>()?;
    m.add_class::<PyPkgResult>()?;
    m.add_class::<PySpmResult>()?;
    m.add_function(wrap_pyfunction!(satisfaction_index, m)?)?;
    m.add_function(wrap_pyfunction!(ikm_grade, m)?)?;
    m.add_function(wrap_pyfunction!(sample_size, m)?)?;
    m.add_function(wrap_pyfunction!(puskesmas_assessment, m)?)?;
    m.add_function(wrap_pyfunction!(pkg_assessment, m)?)?;
    m.add_function(wrap_pyfunction!(pkg_conversion, m)?)?;
    m.add_function(wrap_pyfunction!(spm_achievement, m)?)?;
    Ok(())
}
