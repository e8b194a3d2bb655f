//! Follow-ups from Python: credit points (angka kredit), the regional allowance (TPP),
//! training needs, reward and sanction lists, the talent nine-box and in-year monitoring.
//!
//! Every result is a frozen class wrapping the core result: attribute access for the main
//! fields (numbers as `decimal.Decimal`), `to_dict()` (numbers as `Decimal`), `to_json()`,
//! `explain(lang, format)` from its trace(s), `_repr_html_` for notebooks, equality and
//! pickling through JSON.

use std::sync::Arc;

use kinerja_core::document::Summary;
use kinerja_core::evaluation::Evaluation;
use kinerja_core::explain::{Labelled, Lang, Trace};
use kinerja_core::followup::{
    self as fu, AttendanceEventKind, CreditEntry, CreditLedger, CreditPoints, EmployeeHistory,
    EmployeeStatus, FollowUpKind, FollowUpLists, PlanMonitor, Potential, Readiness, TalentGroup,
    TalentPlacement, TppInput, TppResult, TrackStatus, TrainingInput, TrainingNeeds, TrainingSummary,
    Watchlist,
};
use kinerja_core::model::{Behaviour, FunctionalGrade, Predicate, Rating};
use kinerja_core::rules::Policy;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::convert::{
    CoreEnum, parse_decimal, py_to_json, serde_error, to_decimal, to_enum, to_lang, to_period,
};
use crate::enums::{PyFunctionalGrade, PyPredicate, PyRating};
use crate::errors::{PyResultExt, input_error};
use crate::evaluation::{PyEvaluation, PyTrace, display_lang_value};
use crate::model::{PyBehaviour, to_plan};
use crate::period::PyPeriod;
use crate::rules::{PyPolicy, PyRuleset};

// ------------------------------------------------------------------------------------ enums

// Follow-up enums use the same binding macro as the core enums.
pub(crate) use crate::enums::py_enum as fu_enum;

fu_enum! {
    /// Potential level from competency assessment (potensial), for the nine-box.
    PyPotential = "Potential", Potential { Low = "LOW", Medium = "MEDIUM", High = "HIGH" }
}
fu_enum! {
    /// Grouping of the nine-box boxes.
    PyTalentGroup = "TalentGroup", TalentGroup { Low = "LOW", Middle = "MIDDLE", High = "HIGH" }
}
fu_enum! {
    /// Monitoring status of an indicator or plan, in order of severity.
    PyTrackStatus = "TrackStatus", TrackStatus {
        OnTrack = "ON_TRACK", AtRisk = "AT_RISK", NoData = "NO_DATA", OffTrack = "OFF_TRACK",
    }
}
fu_enum! {
    /// Kind of follow-up list.
    PyFollowUpKind = "FollowUpKind", FollowUpKind {
        Promotion = "PROMOTION", Award = "AWARD", DevelopmentPlan = "DEVELOPMENT_PLAN",
        SanctionReview = "SANCTION_REVIEW",
    }
}
fu_enum! {
    /// Employment status (for TPP shares).
    PyEmployeeStatus = "EmployeeStatus", EmployeeStatus { Pns = "PNS", Cpns = "CPNS", Pppk = "PPPK" }
}
fu_enum! {
    /// An attendance event that may reduce the TPP discipline component.
    PyAttendanceEventKind = "AttendanceEventKind", AttendanceEventKind {
        LateArrival = "LATE_ARRIVAL", EarlyDeparture = "EARLY_DEPARTURE", Absence = "ABSENCE",
        MissedRollCall = "MISSED_ROLL_CALL", NoRecord = "NO_RECORD",
    }
}

fn fu_enum_value(obj: &Bound<'_, PyAny>) -> Option<&'static str> {
    macro_rules! try_enum {
        ($($py:ty),+) => {
            $( if let Ok(p) = obj.cast::<$py>() { return Some(p.get().core().value()); } )+
        };
    }
    try_enum!(
        PyPotential,
        PyTalentGroup,
        PyTrackStatus,
        PyFollowUpKind,
        PyEmployeeStatus,
        PyAttendanceEventKind
    );
    None
}

// ------------------------------------------------------------------------------ conversions

/// Python → JSON for the core's serde readers, knowing the follow-up enums.
pub(crate) fn to_json(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Value> {
    to_json_at(obj, field, 0)
}

fn to_json_at(obj: &Bound<'_, PyAny>, field: &str, depth: usize) -> PyResult<Value> {
    if depth > crate::convert::MAX_DEPTH {
        return Err(crate::convert::too_deep(field));
    }
    if let Some(v) = fu_enum_value(obj).or_else(|| crate::instruments::inst_enum_value(obj)) {
        return Ok(Value::String(v.into()));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = match to_json_at(&k, field, depth + 1)? {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let sub = format!("{field}.{key}");
            map.insert(key, to_json_at(&v, &sub, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, v) in obj.try_iter()?.enumerate() {
            out.push(to_json_at(&v?, &format!("{field}[{i}]"), depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    py_to_json(obj, field, false)
}

/// An `int` argument (not `bool`); other types are an `InputError` naming `field`.
pub(crate) fn int_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<i64> {
    if obj.is_instance_of::<pyo3::types::PyBool>() || !obj.is_instance_of::<pyo3::types::PyInt>() {
        return Err(crate::errors::type_error(
            field,
            format!("expected an int, got {}", obj.get_type().name()?),
        ));
    }
    obj.extract::<i64>().map_err(|_| {
        input_error(
            field,
            format!("{} is out of range", obj.str().map(|s| s.to_string()).unwrap_or_default()),
        )
    })
}

/// A count (`n`, `indent`, ...): an `int` of 0 or more; anything else is an `InputError`
/// naming `field` and the accepted range (never an `OverflowError`).
pub(crate) fn count_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<usize> {
    let v = int_arg(obj, field)
        .map_err(|_| input_error(field, format!("expected an int of 0 or more, got {}", short_str(obj))))?;
    usize::try_from(v).map_err(|_| input_error(field, format!("{v} is out of range; accepted: 0 or more")))
}

fn short_str(obj: &Bound<'_, PyAny>) -> String {
    let s = obj.str().map(|s| s.to_string()).unwrap_or_default();
    if s.chars().count() > 40 { format!("{}…", s.chars().take(40).collect::<String>()) } else { s }
}

/// A `str` argument; other types are an `InputTypeError` naming `field`.
pub(crate) fn str_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    crate::convert::text_arg(obj, field)
}

/// The items of a list-like argument (not a str or dict); other types are an `InputError`.
pub(crate) fn items_of<'py>(obj: &Bound<'py, PyAny>, field: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyDict>() {
        return Err(input_error(field, format!("expected a list, got {}", obj.get_type().name()?)));
    }
    let name = obj.get_type().name()?.to_string();
    let it = obj.try_iter().map_err(|_| input_error(field, format!("expected a list, got {name}")))?;
    it.collect()
}

/// Reads a core input (serde) from a dict; `what` names it in errors.
pub(crate) fn from_py<T: DeserializeOwned>(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<T> {
    let v = if let Ok(s) = obj.cast::<PyString>() {
        crate::convert::input_json(s.to_str()?, what)?
    } else {
        to_json(obj, what)?
    };
    serde_json::from_value(v).map_err(|e| serde_error(what, &e))
}

/// Keys whose string values are exact numbers in result JSON.
const DEC_KEYS: &[&str] = &[
    "percentage",
    "coefficient",
    "exact",
    "value",
    "starting",
    "earned",
    "credited",
    "cumulative",
    "total",
    "year_totals",
    "rank_required",
    "rank_shortfall",
    "grade_required",
    "grade_shortfall",
    "basis",
    "performance_max",
    "discipline_max",
    "performance_factor",
    "performance_amount",
    "pct_each",
    "pct",
    "deduction_pct_raw",
    "deduction_pct",
    "discipline_amount",
    "share_pct",
    "amount",
    "pct_of_basis",
    "achievement",
    "actual_to_date",
    "target_to_date",
    "progress",
    "projected_year_end",
    "projected_achievement",
    "index",
    "converted",
    "mean",
    "weighted",
    "score",
    "coverage",
    "low",
    "high",
    "index_exact",
    "unit_value",
    "unit_value_exact",
    "element_means",
    "weight",
    "classified_value",
    "target_population",
    "real",
    "against_target",
    "real_rounded",
    "against_target_rounded",
    "rounded",
    "coverage_exact",
    "management_exact",
    "management",
    "npkg100",
    "npkg100_exact",
    "percent",
    "annual_credit_exact",
    "annual_credit",
    "achievement_exact",
];

/// Result JSON → Python: exact numbers under known keys become `decimal.Decimal`; traces are
/// left out (they are reached through `traces` / `explain`).
pub(crate) fn out_py<'py>(py: Python<'py>, v: &Value, dec: bool) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)?
            } else {
                parse_decimal(&n.to_string(), "number")?.into_bound_py_any(py)?
            }
        }
        Value::String(s) => {
            if dec {
                if let Ok(d) = parse_decimal(s, "number") {
                    return d.into_bound_py_any(py);
                }
            }
            s.into_bound_py_any(py)?
        }
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(out_py(py, x, dec)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                if k == "trace" {
                    continue;
                }
                d.set_item(k, out_py(py, x, dec || DEC_KEYS.contains(&k.as_str()))?)?;
            }
            d.into_any()
        }
    })
}

/// Any serialisable value as Python data (Decimals under known keys).
pub(crate) fn data<'py, T: Serialize>(py: Python<'py>, v: &T, what: &str) -> PyResult<Bound<'py, PyAny>> {
    let j = serde_json::to_value(v).map_err(|e| serde_error(what, &e))?;
    out_py(py, &j, false)
}

/// The policy of `rules`: a `Ruleset`, a `Policy` or `None` (the national defaults).
pub(crate) fn policy_of(rules: Option<&Bound<'_, PyAny>>) -> PyResult<Arc<Policy>> {
    match rules {
        None => Ok(Arc::new(Policy::default())),
        Some(r) if r.is_none() => Ok(Arc::new(Policy::default())),
        Some(r) => {
            if let Ok(rs) = r.cast::<PyRuleset>() {
                return Ok(Arc::new(rs.get().0.policy.clone()));
            }
            if let Ok(p) = r.cast::<PyPolicy>() {
                return Ok(p.get().0.clone());
            }
            Err(input_error(
                "rules",
                format!("expected a Ruleset, a Policy or None, got {}", r.get_type().name()?),
            ))
        }
    }
}

/// Renders traces as text, markdown or JSON.
pub(crate) fn render(traces: &[&Trace], lang: Lang, format: &str) -> PyResult<String> {
    match format {
        "text" => Ok(traces.iter().map(|t| t.to_text(lang)).collect::<Vec<_>>().join("\n")),
        "markdown" | "md" => Ok(traces.iter().map(|t| t.to_markdown(lang)).collect::<Vec<_>>().join("\n\n")),
        "json" => {
            if let [one] = traces {
                return Ok(one.to_json(lang));
            }
            let parts: Vec<String> = traces.iter().map(|t| t.to_json(lang)).collect();
            Ok(format!("[{}]", parts.join(",")))
        }
        other => {
            Err(input_error("format", format!("`{other}` is not a format; accepted: text, markdown, json")))
        }
    }
}

// ---------------------------------------------------------------------------- result classes

/// What every wrapped follow-up result provides.
/// Its summaries (HTML, and text for results without traces) are the core's [`Summary`].
pub trait FuResult: Summary + Serialize + DeserializeOwned + PartialEq + Send + Sync + 'static {
    /// What it is, for error messages.
    const WHAT: &'static str;
    /// Its explanations.
    fn traces(&self) -> Vec<&Trace>;
    /// `repr()`.
    fn repr(&self) -> String;
}

macro_rules! fu_class {
    ($(#[$meta:meta])* $py:ident = $name:literal, $core:ty) => {
        $(#[$meta])*
        #[pyclass(module = "kinerja._kinerja", name = $name, frozen)]
        #[derive(Clone)]
        pub struct $py(pub Arc<$core>);

        #[pymethods]
        impl $py {
            /// The result as a dict (numbers as `decimal.Decimal`, enums as values; without the
            /// traces).
            fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                data(py, &*self.0, <$core as FuResult>::WHAT)
            }
            /// The full JSON form (exact numbers as strings, with the traces).
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
                r.map_err(|e| serde_error(<$core as FuResult>::WHAT, &e))
            }
            /// Restores a result from `to_json()`.
            #[classmethod]
            fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
                let text: &str = &text.0;
                let v: $core =
                    serde_json::from_str(text).map_err(|e| serde_error(<$core as FuResult>::WHAT, &e))?;
                Ok($py(Arc::new(v)))
            }
            /// The explanation in `lang` (`"id"` or `"en"`) as `"text"`, `"markdown"` or `"json"`.
            #[pyo3(signature = (lang = "id", format = "text"))]
            fn explain(&self, lang: &str, format: &str) -> PyResult<String> {
                let l = to_lang(lang)?;
                let ts = self.0.traces();
                if ts.is_empty() {
                    if format == "json" {
                        return self.to_json(None);
                    }
                    render(&[], l, format)?;
                    return Ok(kinerja_core::document::Summary::summary_text(&*self.0, l));
                }
                render(&ts, l, format)
            }
            /// The explanations (one `Trace` per computation).
            #[getter]
            fn traces(&self) -> Vec<PyTrace> {
                self.0.traces().into_iter().map(|t| PyTrace(Arc::new(t.clone()))).collect()
            }
            /// An HTML summary with the explanation in `lang`.
            #[pyo3(signature = (lang = "id"))]
            fn to_html(&self, lang: &str) -> PyResult<String> {
                Ok(self.html_in(to_lang(lang)?))
            }
            fn _repr_html_(&self) -> String {
                kinerja_core::document::display_html(&self.html_in(display_lang_value()))
            }
            fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
                other.cast::<$py>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
            }
            fn __repr__(&self) -> String {
                self.0.repr()
            }
            fn __str__(&self) -> String {
                let ts = self.0.traces();
                if ts.is_empty() { kinerja_core::document::Summary::summary_text(&*self.0, Lang::Id) } else { render(&ts, Lang::Id, "text").unwrap_or_default() }
            }
            fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
                let state = self.to_json(None)?;
                Ok((py.get_type::<$py>().getattr("from_json")?, PyTuple::new(py, [state])?))
            }
        }

        impl $py {
            fn html_in(&self, lang: Lang) -> String {
                format!(
                    "<div class=\"kinerja-followup\">{}{}</div>",
                    kinerja_core::document::Summary::summary_html(&*self.0, lang),
                    kinerja_core::document::explanation_html(&self.0.traces(), lang)
                )
            }
        }
    };
}
#[allow(unused_imports)] // used by the instruments binding
pub(crate) use fu_class;

/// Getters `name -> Type = expr` where `$s` is the core result.
macro_rules! getters {
    ($py:ident, $s:ident { $( $(#[doc = $d:literal])* $name:ident -> $ty:ty = $e:expr; )* }) => {
        #[pymethods]
        impl $py {
            $(
                $(#[doc = $d])*
                #[getter]
                fn $name(&self) -> $ty {
                    let $s = &*self.0;
                    $e
                }
            )*
        }
    };
}
#[allow(unused_imports)] // used by the instruments binding
pub(crate) use getters;

/// Python data of a part of a result.
pub(crate) fn part<T: Serialize>(v: &T, what: &str) -> PyResult<Py<PyAny>> {
    Python::attach(|py| data(py, v, what).map(|b| b.unbind()))
}

// --- credit points

impl FuResult for CreditPoints {
    const WHAT: &'static str = "credit points";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "CreditPoints(value={}, exact={}, predicate='{}', grade='{}', months={})",
            self.value,
            self.exact,
            self.predicate.value(),
            self.grade.value(),
            self.months
        )
    }
}

fu_class! {
    /// Credit points (angka kredit) for a period of work at a grade with a predicate.
    PyCreditPoints = "CreditPoints", CreditPoints
}
getters!(PyCreditPoints, s {
    /// The credit points, rounded by the policy.
    value -> Decimal = s.value;
    /// The credit points before rounding.
    exact -> Decimal = s.exact;
    /// The predicate percentage.
    percentage -> Decimal = s.percentage;
    /// The grade coefficient.
    coefficient -> Decimal = s.coefficient;
    /// Months of work (1–12).
    months -> u8 = s.months;
    /// The predicate.
    predicate -> PyPredicate = s.predicate.to_py();
    /// The functional grade.
    grade -> PyFunctionalGrade = s.grade.to_py();
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

impl FuResult for CreditLedger {
    const WHAT: &'static str = "credit ledger";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "CreditLedger(employee='{}', starting={}, total={}, lines={})",
            self.employee,
            self.starting,
            self.total,
            self.lines.len()
        )
    }
}

fu_class! {
    /// Accumulated credit points of several periods from a starting amount, with the cap.
    PyCreditLedger = "CreditLedger", CreditLedger
}
getters!(PyCreditLedger, s {
    /// Employee id.
    employee -> String = s.employee.clone();
    /// The starting amount.
    starting -> Decimal = s.starting;
    /// The cumulative total.
    total -> Decimal = s.total;
    /// Credited points per year.
    year_totals -> std::collections::BTreeMap<u16, Decimal> = s.year_totals.clone();
    /// One dict per period (`period`, `predicate`, `grade`, `earned`, `credited`, `capped`,
    /// `cumulative`).
    lines -> PyResult<Py<PyAny>> = part(&s.lines, "credit ledger");
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

impl FuResult for Readiness {
    const WHAT: &'static str = "readiness";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "Readiness(grade='{}', cumulative={}, rank_ready={}, grade_ready={})",
            self.grade.value(),
            self.cumulative,
            if self.rank_ready { "True" } else { "False" },
            match self.grade_ready {
                Some(true) => "True",
                Some(false) => "False",
                None => "None",
            }
        )
    }
}

fu_class! {
    /// Readiness for rank and grade promotion against the cumulative requirements.
    PyReadiness = "Readiness", Readiness
}
getters!(PyReadiness, s {
    /// The current grade.
    grade -> PyFunctionalGrade = s.grade.to_py();
    /// Cumulative credit points.
    cumulative -> Decimal = s.cumulative;
    /// Requirement for the next rank.
    rank_required -> Decimal = s.rank_required;
    /// Missing points for the next rank (0 when reached).
    rank_shortfall -> Decimal = s.rank_shortfall;
    /// Ready for the next rank.
    rank_ready -> bool = s.rank_ready;
    /// Requirement for the next grade (None at the top grade).
    grade_required -> Option<Decimal> = s.grade_required;
    /// Missing points for the next grade.
    grade_shortfall -> Option<Decimal> = s.grade_shortfall;
    /// Ready for the next grade.
    grade_ready -> Option<bool> = s.grade_ready;
    /// The grade requirement is not confirmed in law.
    grade_requirement_unconfirmed -> bool = s.grade_requirement_unconfirmed;
    /// The latest predicate meets the minimum (None when not given).
    predicate_ok -> Option<bool> = s.predicate_ok;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

// --- TPP

impl FuResult for TppResult {
    const WHAT: &'static str = "TPP result";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "TppResult(employee='{}', period='{}', amount={}, basis={}, pct_of_basis={})",
            self.employee,
            self.period,
            self.amount,
            self.basis,
            self.pct_of_basis.normalize()
        )
    }
}

fu_class! {
    /// The TPP (regional allowance) of one employee for one month.
    PyTppResult = "TppResult", TppResult
}
getters!(PyTppResult, s {
    /// Employee id.
    employee -> String = s.employee.clone();
    /// Unit id.
    unit -> String = s.unit.clone();
    /// The month.
    period -> PyPeriod = PyPeriod(s.period);
    /// Job class.
    job_class -> String = s.job_class.clone();
    /// The basis (besaran TPP).
    basis -> Decimal = s.basis;
    /// Performance component before the factor.
    performance_max -> Decimal = s.performance_max;
    /// Discipline component before deductions.
    discipline_max -> Decimal = s.discipline_max;
    /// Performance factor in percent.
    performance_factor -> Decimal = s.performance_factor;
    /// Performance amount (exact).
    performance_amount -> Decimal = s.performance_amount;
    /// Deduction lines as dicts.
    deductions -> PyResult<Py<PyAny>> = part(&s.deductions, "TPP result");
    /// Total deduction percent before the caps.
    deduction_pct_raw -> Decimal = s.deduction_pct_raw;
    /// Total deduction percent after the caps.
    deduction_pct -> Decimal = s.deduction_pct;
    /// Discipline amount (exact).
    discipline_amount -> Decimal = s.discipline_amount;
    /// Share paid for the employment status, percent.
    share_pct -> Decimal = s.share_pct;
    /// Amount before rounding.
    exact -> Decimal = s.exact;
    /// The amount paid (rounded), between 0 and the basis.
    amount -> Decimal = s.amount;
    /// Amount as percent of the basis.
    pct_of_basis -> Decimal = s.pct_of_basis;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

// --- training

impl FuResult for TrainingNeeds {
    const WHAT: &'static str = "training needs";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        let codes: Vec<&str> = self.needs.iter().map(|n| n.topic.code.as_str()).collect();
        format!("TrainingNeeds(employee='{}', unit='{}', topics={:?})", self.employee, self.unit, codes)
    }
}

fu_class! {
    /// An employee's training needs with the reasons.
    PyTrainingNeeds = "TrainingNeeds", TrainingNeeds
}
getters!(PyTrainingNeeds, s {
    /// Employee id.
    employee -> String = s.employee.clone();
    /// Unit id.
    unit -> String = s.unit.clone();
    /// Topic codes, in order found.
    topics -> Vec<String> = s.needs.iter().map(|n| n.topic.code.clone()).collect();
    /// The needs as dicts (`topic`, `sources`, `reasons`).
    needs -> PyResult<Py<PyAny>> = part(&s.needs, "training needs");
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

impl FuResult for TrainingSummary {
    const WHAT: &'static str = "training summary";
    fn traces(&self) -> Vec<&Trace> {
        Vec::new()
    }
    fn repr(&self) -> String {
        format!(
            "TrainingSummary(employees_with_needs={}, topics={}, units={})",
            self.employees_with_needs,
            self.organisation.len(),
            self.per_unit.len()
        )
    }
}

fu_class! {
    /// Training needs aggregated per unit and for the organisation.
    PyTrainingSummary = "TrainingSummary", TrainingSummary
}
getters!(PyTrainingSummary, s {
    /// Employees per topic code for the organisation.
    organisation -> std::collections::BTreeMap<String, u32> = s.organisation.clone();
    /// Employees per topic code per unit.
    per_unit -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, u32>> = s.per_unit.clone();
    /// Topics by code (dicts `code`, `id`, `en`).
    topics -> PyResult<Py<PyAny>> = part(&s.topics, "training summary");
    /// Employees with at least one need.
    employees_with_needs -> u32 = s.employees_with_needs;
});

// --- rewards

impl FuResult for FollowUpLists {
    const WHAT: &'static str = "follow-up lists";
    fn traces(&self) -> Vec<&Trace> {
        Vec::new()
    }
    fn repr(&self) -> String {
        format!(
            "FollowUpLists(promotion={}, award={}, development_plan={}, sanction_review={})",
            self.promotion.len(),
            self.award.len(),
            self.development_plan.len(),
            self.sanction_review.len()
        )
    }
}

fu_class! {
    /// Reward and sanction eligibility lists, each entry with its reason.
    PyFollowUpLists = "FollowUpLists", FollowUpLists
}
getters!(PyFollowUpLists, s {
    /// Eligible for promotion (dicts `employee`, `unit`, `kind`, `reason`, `citation`).
    promotion -> PyResult<Py<PyAny>> = part(&s.promotion, "follow-up lists");
    /// Eligible for an award.
    award -> PyResult<Py<PyAny>> = part(&s.award, "follow-up lists");
    /// Needing a development plan.
    development_plan -> PyResult<Py<PyAny>> = part(&s.development_plan, "follow-up lists");
    /// For sanction review.
    sanction_review -> PyResult<Py<PyAny>> = part(&s.sanction_review, "follow-up lists");
});

// --- talent

impl FuResult for TalentPlacement {
    const WHAT: &'static str = "talent placement";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "TalentPlacement(employee='{}', box={}, in_pool={})",
            self.employee,
            self.box_number,
            if self.in_pool { "True" } else { "False" }
        )
    }
}

fu_class! {
    /// An employee's place in the talent nine-box.
    PyTalentPlacement = "TalentPlacement", TalentPlacement
}
getters!(PyTalentPlacement, s {
    /// Employee id.
    employee -> String = s.employee.clone();
    /// The predicate used.
    predicate -> PyPredicate = s.predicate.to_py();
    /// The performance axis.
    performance -> PyRating = s.performance.to_py();
    /// The potential.
    potential -> PyPotential = s.potential.to_py();
    /// The box, 1–9.
    box_number -> u8 = s.box_number;
    /// The group.
    group -> PyTalentGroup = s.group.to_py();
    /// In the talent pool.
    in_pool -> bool = s.in_pool;
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

// --- monitoring

impl FuResult for PlanMonitor {
    const WHAT: &'static str = "plan monitor";
    fn traces(&self) -> Vec<&Trace> {
        self.indicators.iter().map(|i| &i.trace).collect()
    }
    fn repr(&self) -> String {
        format!(
            "PlanMonitor(employee='{}', as_of='{}', status='{}', indicators={})",
            self.employee,
            self.as_of,
            self.status.value(),
            self.indicators.len()
        )
    }
}

fu_class! {
    /// A plan's position to date: per indicator progress, status and year-end projection.
    PyPlanMonitor = "PlanMonitor", PlanMonitor
}
getters!(PyPlanMonitor, s {
    /// Employee id.
    employee -> String = s.employee.clone();
    /// Unit id.
    unit -> String = s.unit.clone();
    /// The reference period.
    as_of -> PyPeriod = PyPeriod(s.as_of);
    /// Months elapsed.
    months_elapsed -> u8 = s.months_elapsed;
    /// The most severe indicator status.
    status -> PyTrackStatus = s.status.to_py();
    /// Per indicator as dicts (`indicator`, `name`, `actual_to_date`, `target_to_date`,
    /// `progress`, `status`, `projected_year_end`, `projected_achievement`, `periods`).
    indicators -> PyResult<Py<PyAny>> = part(&s.indicators, "plan monitor");
});

impl FuResult for Watchlist {
    const WHAT: &'static str = "watchlist";
    fn traces(&self) -> Vec<&Trace> {
        Vec::new()
    }
    fn repr(&self) -> String {
        format!("Watchlist(items={}, employees={})", self.items.len(), self.employees.len())
    }
}

fu_class! {
    /// Indicators and employees at risk or off track, per unit.
    PyWatchlist = "Watchlist", Watchlist
}
getters!(PyWatchlist, s {
    /// The items as dicts (`unit`, `employee`, `indicator`, `name`, `status`, `progress`,
    /// `projected_achievement`, `reason`).
    items -> PyResult<Py<PyAny>> = part(&s.items, "watchlist");
    /// Worst status per employee per unit (values).
    employees -> std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>> = s
        .employees
        .iter()
        .map(|(u, m)| (u.clone(), m.iter().map(|(e, st)| (e.clone(), st.value().to_string())).collect()))
        .collect();
});

#[pymethods]
impl PyWatchlist {
    fn __len__(&self) -> usize {
        self.0.items.len()
    }
}

// ---------------------------------------------------------------------------------- functions

pub(crate) fn enum_arg<E: CoreEnum>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<E> {
    to_enum::<E>(obj, field)
}

/// Credit points (angka kredit) for `months` (1–12) of work at `grade` with `predicate`:
/// `m/12 × percentage × coefficient`, rounded by the policy (default half-up, 2 places).
/// Defaults: grade Ahli Pertama, 12 months.
#[pyfunction]
#[pyo3(signature = (predicate, grade = None, months = None, rules = None))]
pub fn credit_points(
    predicate: &Bound<'_, PyAny>,
    grade: Option<&Bound<'_, PyAny>>,
    months: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCreditPoints> {
    let months = match months {
        Some(m) if !m.is_none() => int_arg(m, "months")?,
        _ => 12,
    };
    let p: Predicate = enum_arg(predicate, "predicate")?;
    let g = match grade {
        Some(g) if !g.is_none() => enum_arg::<FunctionalGrade>(g, "grade")?,
        _ => FunctionalGrade::FirstExpert,
    };
    let m = u8::try_from(months)
        .map_err(|_| input_error("months", format!("{months} months is outside 1–12")))?;
    let pol = policy_of(rules)?;
    Ok(PyCreditPoints(Arc::new(fu::credit_points(p, g, m, &pol).py()?)))
}

/// Credit points on appointment at the top rank of a grade (a special case: the annual
/// conversion times the policy multiplier, default 3).
#[pyfunction]
#[pyo3(signature = (predicate, grade, rules = None))]
pub fn rank_peak_credit_points(
    predicate: &Bound<'_, PyAny>,
    grade: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCreditPoints> {
    let p: Predicate = enum_arg(predicate, "predicate")?;
    let g: FunctionalGrade = enum_arg(grade, "grade")?;
    let pol = policy_of(rules)?;
    Ok(PyCreditPoints(Arc::new(fu::rank_peak_credit_points(p, g, &pol).py()?)))
}

/// The annual cap of credit points for `grade` (`annual_cap_pct %` × coefficient).
#[pyfunction]
#[pyo3(signature = (grade, rules = None))]
pub fn annual_cap(grade: &Bound<'_, PyAny>, rules: Option<&Bound<'_, PyAny>>) -> PyResult<Decimal> {
    let g: FunctionalGrade = enum_arg(grade, "grade")?;
    fu::annual_cap(g, &*policy_of(rules)?).py()
}

fn credit_entry(obj: &Bound<'_, PyAny>, grade: Option<FunctionalGrade>, i: usize) -> PyResult<CreditEntry> {
    let field = format!("entries[{i}]");
    if let Ok(ev) = obj.cast::<PyEvaluation>() {
        let g = grade.ok_or_else(|| {
            input_error(&field, "an Evaluation entry needs the `grade` argument (its functional grade)")
        })?;
        return Ok(CreditEntry::from_evaluation(&ev.get().0, g));
    }
    if obj.is_instance_of::<PyTuple>() {
        let t: (Bound<'_, PyAny>, Bound<'_, PyAny>, Option<Bound<'_, PyAny>>) = match obj.len()? {
            3 => {
                let (a, b, c) = obj.extract()?;
                (a, b, Some(c))
            }
            2 => {
                let (a, b) = obj.extract()?;
                (a, b, None)
            }
            n => {
                return Err(input_error(
                    &field,
                    format!("a tuple entry is (period, predicate[, grade]), got {n} items"),
                ));
            }
        };
        let g = match t.2 {
            Some(g) => enum_arg::<FunctionalGrade>(&g, &format!("{field}.grade"))?,
            None => {
                grade.ok_or_else(|| input_error(&field, "no grade in the entry and no `grade` argument"))?
            }
        };
        return Ok(CreditEntry {
            period: to_period(&t.0)?,
            predicate: enum_arg(&t.1, &format!("{field}.predicate"))?,
            grade: g,
            months: None,
        });
    }
    let mut v = to_json(obj, &field)?;
    if let (Value::Object(m), Some(g)) = (&mut v, grade) {
        m.entry("grade").or_insert_with(|| Value::String(g.value().into()));
    }
    serde_json::from_value(v).map_err(|e| serde_error(&field, &e))
}

/// Accumulates the credit points of `entries` from `starting`, applying the annual cap.
/// Entries are dicts `{"period", "predicate", "grade"}`, tuples `(period, predicate[, grade])`
/// or `Evaluation`s; `grade` fills in a missing grade.
#[pyfunction]
#[pyo3(signature = (employee, entries, starting = None, grade = None, rules = None))]
pub fn credit_ledger(
    employee: &Bound<'_, PyAny>,
    entries: &Bound<'_, PyAny>,
    starting: Option<&Bound<'_, PyAny>>,
    grade: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyCreditLedger> {
    let grade = match grade {
        Some(g) if !g.is_none() => Some(enum_arg::<FunctionalGrade>(g, "grade")?),
        _ => None,
    };
    let mut list = Vec::new();
    let employee = str_arg(employee, "employee")?;
    for (i, e) in items_of(entries, "entries")?.iter().enumerate() {
        list.push(credit_entry(e, grade, i)?);
    }
    let start = match starting {
        Some(s) if !s.is_none() => to_decimal(s, "starting", false)?,
        _ => Decimal::ZERO,
    };
    let pol = policy_of(rules)?;
    Ok(PyCreditLedger(Arc::new(fu::credit_ledger(&employee, start, &list, &pol).py()?)))
}

/// Readiness for rank and grade promotion: `cumulative` credit points (a number or a
/// `CreditLedger`) against the requirements of `grade`, and the latest predicate if given.
#[pyfunction]
#[pyo3(signature = (grade, cumulative, latest_predicate = None, rules = None))]
pub fn promotion_readiness(
    grade: &Bound<'_, PyAny>,
    cumulative: &Bound<'_, PyAny>,
    latest_predicate: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyReadiness> {
    let g: FunctionalGrade = enum_arg(grade, "grade")?;
    let c = match cumulative.cast::<PyCreditLedger>() {
        Ok(l) => l.get().0.total,
        Err(_) => to_decimal(cumulative, "cumulative", false)?,
    };
    let lp = match latest_predicate {
        Some(p) if !p.is_none() => Some(enum_arg::<Predicate>(p, "latest_predicate")?),
        _ => None,
    };
    let pol = policy_of(rules)?;
    Ok(PyReadiness(Arc::new(fu::promotion_readiness(g, c, lp, &pol).py()?)))
}

fn tpp_input(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<TppInput> {
    from_py(obj, field)
}

/// The TPP of one employee and month under the policy's `follow_up.tpp` schedule. `input` is a
/// dict: `employee`, `period` ("2024-03"), `job_class`, optional `unit`, `status`,
/// `predicate`, `achievement`, `attendance` (list of `{"kind", "minutes", "count", "note"}`),
/// `discipline_score`, `suspended`.
#[pyfunction]
#[pyo3(signature = (input, rules))]
pub fn tpp(input: &Bound<'_, PyAny>, rules: &Bound<'_, PyAny>) -> PyResult<PyTppResult> {
    let i = tpp_input(input, "tpp input")?;
    let pol = policy_of(Some(rules))?;
    Ok(PyTppResult(Arc::new(fu::tpp(&i, &pol).py()?)))
}

/// The TPP of many employee-months (no employee twice in a month); errors name the row.
#[pyfunction]
#[pyo3(signature = (inputs, rules))]
pub fn tpp_many(inputs: &Bound<'_, PyAny>, rules: &Bound<'_, PyAny>) -> PyResult<Vec<PyTppResult>> {
    let mut list = Vec::new();
    for (i, x) in items_of(inputs, "inputs")?.iter().enumerate() {
        // a malformed input names its row (`.row`) and its position in the field
        let t = tpp_input(x, &format!("inputs[{i}]")).inspect_err(|e| {
            let _ = e.value(inputs.py()).setattr("row", i);
        })?;
        list.push(t);
    }
    let pol = policy_of(Some(rules))?;
    Ok(fu::tpp_many(&list, &pol).py()?.into_iter().map(|r| PyTppResult(Arc::new(r))).collect())
}

fn behaviour_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Behaviour>> {
    match obj {
        Some(b) if !b.is_none() => {
            if let Ok(pb) = b.cast::<PyBehaviour>() {
                return Ok(Some((*pb.get().0).clone()));
            }
            Ok(Some(from_py(b, "behaviour")?))
        }
        _ => Ok(None),
    }
}

/// An employee's training needs from below-expectation work results and BerAKHLAK values and
/// low indicator achievement, mapped to topics by the policy. `input` is an `Evaluation`
/// (with `behaviour` adding the per-value ratings) or a dict `{"employee", "unit",
/// "work_result", "behaviour", "indicators": [{"indicator", "name", "achievement"}]}`.
#[pyfunction]
#[pyo3(signature = (input, behaviour = None, rules = None))]
pub fn training_needs(
    input: &Bound<'_, PyAny>,
    behaviour: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyTrainingNeeds> {
    let ti: TrainingInput = match input.cast::<PyEvaluation>() {
        Ok(ev) => {
            let e: &Evaluation = &ev.get().0;
            TrainingInput::from_evaluation(e, behaviour_of(behaviour)?)
        }
        Err(_) => {
            let mut t: TrainingInput = from_py(input, "training input")?;
            if let Some(b) = behaviour_of(behaviour)? {
                t.behaviour = Some(b);
            }
            t
        }
    };
    let pol = policy_of(rules)?;
    Ok(PyTrainingNeeds(Arc::new(fu::training_needs(&ti, &pol).py()?)))
}

/// Aggregates training needs per unit and for the organisation (a training-needs analysis).
#[pyfunction]
pub fn summarise_training(needs: &Bound<'_, PyAny>) -> PyResult<PyTrainingSummary> {
    let mut list = Vec::new();
    for (i, n) in items_of(needs, "needs")?.iter().enumerate() {
        let t = n.cast::<PyTrainingNeeds>().map_err(|_| {
            input_error(&format!("needs[{i}]"), "expected a TrainingNeeds (from kinerja.training_needs)")
        })?;
        list.push((*t.get().0).clone());
    }
    Ok(PyTrainingSummary(Arc::new(fu::summarise_training(&list).py()?)))
}

/// Reward and sanction lists for `year` by the policy. `histories` holds dicts
/// `{"employee", "unit", "predicates": {2023: "good", 2024: "very_good"}}` or `Evaluation`s
/// (annual ones are grouped per employee).
#[pyfunction]
#[pyo3(signature = (histories, year, rules = None))]
pub fn follow_up_lists(
    histories: &Bound<'_, PyAny>,
    year: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyFollowUpLists> {
    let year = int_arg(year, "year")?;
    let year = u16::try_from(year).map_err(|_| input_error("year", format!("{year} is out of range")))?;
    let mut groups: std::collections::BTreeMap<String, Vec<Evaluation>> = Default::default();
    let mut list: Vec<EmployeeHistory> = Vec::new();
    let mut slots: Vec<Option<String>> = Vec::new();
    for (i, h) in items_of(histories, "histories")?.into_iter().enumerate() {
        if let Ok(ev) = h.cast::<PyEvaluation>() {
            let e = (*ev.get().0).clone();
            if !groups.contains_key(&e.employee) {
                slots.push(Some(e.employee.clone()));
            }
            groups.entry(e.employee.clone()).or_default().push(e);
        } else {
            slots.push(None);
            list.push(from_py(&h, &format!("histories[{i}]"))?);
        }
    }
    let mut all = Vec::new();
    let mut dicts = list.into_iter();
    for s in slots {
        match s {
            Some(emp) => {
                let evs = groups.get(&emp).cloned().unwrap_or_default();
                all.push(EmployeeHistory::from_evaluations(&evs).py()?);
            }
            None => {
                if let Some(d) = dicts.next() {
                    all.push(d);
                }
            }
        }
    }
    let pol = policy_of(rules)?;
    Ok(PyFollowUpLists(Arc::new(fu::follow_up_lists(&all, year, &pol).py()?)))
}

/// The nine-box number (1–9, PermenPANRB 3/2020) for a performance and a potential.
/// `performance` is a `Rating` ("above", "Di Atas Ekspektasi"...) or a `Predicate`, mapped to
/// the performance axis by the policy (`follow_up.talent.predicate_axis`).
#[pyfunction]
#[pyo3(signature = (performance, potential, rules = None))]
pub fn nine_box(
    performance: &Bound<'_, PyAny>,
    potential: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<u8> {
    let pot: Potential = enum_arg(potential, "potential")?;
    let rating = match to_enum::<Rating>(performance, "performance") {
        Ok(r) => r,
        Err(rating_err) => match to_enum::<Predicate>(performance, "performance") {
            Ok(p) => {
                let pol = policy_of(rules)?;
                *pol.follow_up.talent.predicate_axis.get(&p).ok_or_else(|| {
                    PyErr::from(crate::errors::KjErr(kinerja_core::Error::Policy {
                        path: format!("follow_up.talent.predicate_axis.{}", p.value()),
                        reason: "missing".into(),
                    }))
                })?
            }
            Err(_) => return Err(rating_err),
        },
    };
    Ok(fu::nine_box(rating, pot))
}

/// Places an employee in the nine-box from the predicate (mapped to the performance axis by
/// the policy) and the potential; boxes 7–9 (by policy) form the talent pool.
#[pyfunction]
#[pyo3(signature = (employee, predicate, potential, rules = None))]
pub fn talent_placement(
    employee: &Bound<'_, PyAny>,
    predicate: &Bound<'_, PyAny>,
    potential: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyTalentPlacement> {
    let p: Predicate = enum_arg(predicate, "predicate")?;
    let pot: Potential = enum_arg(potential, "potential")?;
    let pol = policy_of(rules)?;
    Ok(PyTalentPlacement(Arc::new(fu::talent_placement(&str_arg(employee, "employee")?, p, pot, &pol).py()?)))
}

/// Monitors a plan in progress as of a period ("2024-06", "2024-Q2"): cumulative achievement
/// to date against the trajectory, status by the policy thresholds, year-end projection.
#[pyfunction]
#[pyo3(signature = (plan, as_of, rules = None))]
pub fn monitor(
    plan: &Bound<'_, PyAny>,
    as_of: &Bound<'_, PyAny>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyPlanMonitor> {
    let p = to_plan(plan)?;
    let at = to_period(as_of)?;
    let pol = policy_of(rules)?;
    Ok(PyPlanMonitor(Arc::new(fu::monitor_plan(&p, &at, &pol).py()?)))
}

/// The unit-level list of indicators and employees at risk or off track. `monitors` holds
/// `PlanMonitor`s, or plans (then `as_of` is required and each plan is monitored).
#[pyfunction]
#[pyo3(signature = (monitors, as_of = None, rules = None))]
pub fn watchlist(
    monitors: &Bound<'_, PyAny>,
    as_of: Option<&Bound<'_, PyAny>>,
    rules: Option<&Bound<'_, PyAny>>,
) -> PyResult<PyWatchlist> {
    let pol = policy_of(rules)?;
    let at = match as_of {
        Some(a) if !a.is_none() => Some(to_period(a)?),
        _ => None,
    };
    let mut list = Vec::new();
    for (i, m) in items_of(monitors, "monitors")?.into_iter().enumerate() {
        if let Ok(pm) = m.cast::<PyPlanMonitor>() {
            list.push((*pm.get().0).clone());
            continue;
        }
        let at = at.ok_or_else(|| {
            input_error(&format!("monitors[{i}]"), "a plan needs `as_of` (or pass PlanMonitor objects)")
        })?;
        let plan = to_plan(&m)?;
        list.push(fu::monitor_plan(&plan, &at, &pol).py()?);
    }
    Ok(PyWatchlist(Arc::new(fu::watchlist(&list))))
}

/// Registers the follow-up classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPotential>()?;
    m.add_class::<PyTalentGroup>()?;
    m.add_class::<PyTrackStatus>()?;
    m.add_class::<PyFollowUpKind>()?;
    m.add_class::<PyEmployeeStatus>()?;
    m.add_class::<PyAttendanceEventKind>()?;
    m.add_class::<PyCreditPoints>()?;
    m.add_class::<PyCreditLedger>()?;
    m.add_class::<PyReadiness>()?;
    m.add_class::<PyTppResult>()?;
    m.add_class::<PyTrainingNeeds>()?;
    m.add_class::<PyTrainingSummary>()?;
    m.add_class::<PyFollowUpLists>()?;
    m.add_class::<PyTalentPlacement>()?;
    m.add_class::<PyPlanMonitor>()?;
    m.add_class::<PyWatchlist>()?;
    m.add_function(wrap_pyfunction!(credit_points, m)?)?;
    m.add_function(wrap_pyfunction!(rank_peak_credit_points, m)?)?;
    m.add_function(wrap_pyfunction!(annual_cap, m)?)?;
    m.add_function(wrap_pyfunction!(credit_ledger, m)?)?;
    m.add_function(wrap_pyfunction!(promotion_readiness, m)?)?;
    m.add_function(wrap_pyfunction!(tpp, m)?)?;
    m.add_function(wrap_pyfunction!(tpp_many, m)?)?;
    m.add_function(wrap_pyfunction!(training_needs, m)?)?;
    m.add_function(wrap_pyfunction!(summarise_training, m)?)?;
    m.add_function(wrap_pyfunction!(follow_up_lists, m)?)?;
    m.add_function(wrap_pyfunction!(nine_box, m)?)?;
    m.add_function(wrap_pyfunction!(talent_placement, m)?)?;
    m.add_function(wrap_pyfunction!(monitor, m)?)?;
    m.add_function(wrap_pyfunction!(watchlist, m)?)?;
    Ok(())
}
