//! Conversions between Python values and core values.
//!
//! * Numbers: `int`, `str` and `decimal.Decimal` are accepted; a `float` only where a function
//!   documents it (`allow_float`), converted through its shortest repr (`0.1` → `"0.1"`);
//!   `bool`, NaN and infinities are rejected with an `InputError`.
//! * Enums: the enum object, its value (`"very_good"`) or a label (`"Sangat Baik"`),
//!   case-insensitively; a wrong value lists the accepted ones.
//! * Periods: a `Period`, a string (`"2024-Q1"`) or an `int` year.

use std::str::FromStr;

use kinerja_core::explain::Labelled;
use kinerja_core::period::{MAX_YEAR, MIN_YEAR, Period};
use kinerja_core::rules::Date;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use rust_decimal::Decimal;

use crate::errors::{PyResultExt, input_error, type_error};

/// A newtype carrying a core value across the boundary.
pub struct Wrap<T>(pub T);

/// The text of a Python `str`; a lone surrogate (not encodable as UTF-8) is an `InputError`
/// naming `field`, never a `UnicodeEncodeError`.
pub fn py_str(s: &Bound<'_, PyString>, field: &str) -> PyResult<String> {
    s.to_str().map(str::to_string).map_err(|_| {
        let shown = s.to_string_lossy();
        let shown: String = shown.chars().take(40).collect();
        input_error(field, format!("`{shown}` is not valid Unicode text (it holds a lone surrogate)"))
    })
}

/// A `str` argument: another type is an `InputTypeError` naming `field`.
pub fn text_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<String> {
    match obj.cast::<PyString>() {
        Ok(s) => py_str(s, field),
        Err(_) => Err(type_error(field, format!("expected a str, got {}", obj.get_type().name()?))),
    }
}

/// The JSON text argument of `from_json(text)` (and of unpickling): a non-`str` is an
/// `InputTypeError` naming `text`, never a bare `TypeError`.
pub struct JsonText(pub String);

impl<'a, 'py> FromPyObject<'a, 'py> for JsonText {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        text_arg(&obj.to_owned(), "text").map(JsonText)
    }
}

/// A `bool` argument (only `True` / `False`): anything else is an `InputTypeError` naming `field`.
pub fn flag_arg(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<bool> {
    match obj.cast::<PyBool>() {
        Ok(b) => Ok(b.is_true()),
        Err(_) => Err(type_error(
            field,
            format!("expected True or False, got {} {}", obj.get_type().name()?, obj.repr()?),
        )),
    }
}

/// Converts a Python number to a `Decimal`; `field` names it in errors.
pub fn to_decimal(obj: &Bound<'_, PyAny>, field: &str, allow_float: bool) -> PyResult<Decimal> {
    if obj.is_instance_of::<PyBool>() {
        return Err(type_error(field, "expected a number (int, str or Decimal), got bool"));
    }
    let text: String = if let Ok(s) = obj.cast::<PyString>() {
        py_str(s, field)?
    } else if obj.is_instance_of::<PyInt>() {
        obj.str()?.to_string()
    } else if obj.is_instance_of::<PyFloat>() {
        let f: f64 = obj.extract()?;
        if !f.is_finite() {
            return Err(input_error(field, format!("{f} is not a finite number")));
        }
        if !allow_float {
            return Err(input_error(
                field,
                format!(
                    "float {} is not accepted here (binary floats are inexact); pass a str or decimal.Decimal such as Decimal(\"{}\")",
                    obj.repr()?,
                    obj.repr()?
                ),
            ));
        }
        obj.repr()?.to_string()
    } else if is_decimal(obj)? {
        obj.str()?.to_string()
    } else {
        return Err(type_error(
            field,
            format!("expected a number (int, str or Decimal), got {}", obj.get_type().name()?),
        ));
    };
    parse_decimal(&text, field)
}

/// True when `obj` is a `decimal.Decimal`.
pub fn is_decimal(obj: &Bound<'_, PyAny>) -> PyResult<bool> {
    let cls = obj.py().import("decimal")?.getattr("Decimal")?;
    obj.is_instance(&cls)
}

/// Parses decimal text exactly (plain or scientific notation). The arithmetic helpers
/// (`kj.achievement`, …) take any decimal; input documents go through [`limited`].
pub fn parse_decimal(text: &str, field: &str) -> PyResult<Decimal> {
    let t = text.trim().replace('_', "");
    let lower = t.to_ascii_lowercase();
    if lower.contains("nan") || lower.contains("inf") {
        return Err(input_error(field, format!("`{text}` is not a finite number")));
    }
    kinerja_core::num::read_decimal(&t).map_err(|e| input_error(field, e.reason(text)))
}

/// `d`, a number of an input document (a plan, a policy) read from a Python `Decimal` or
/// float, held to the input limits on digits a table cell is held to
/// ([`kinerja_core::num::check_limits`]): a value one surface takes, the other takes.
fn limited(d: Decimal, obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Decimal> {
    kinerja_core::num::check_limits(d).map_err(|e| input_error(field, e.reason(&obj.to_string())))
}

impl<'a, 'py> FromPyObject<'a, 'py> for Wrap<Decimal> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        to_decimal(&obj.to_owned(), "number", false).map(Wrap)
    }
}

/// A core enum that has a Python enum class in this module.
pub trait CoreEnum: Labelled + FromStr {
    /// The Rust side of the Python enum (converts to the Python member).
    type Py: for<'py> pyo3::IntoPyObject<'py> + Copy + Sync;
    /// Core → Python.
    fn to_py(self) -> Self::Py;
    /// Python → core, when `obj` is a member of a native (pyclass) enum. Members of the
    /// `enum.StrEnum` classes of `kinerja.enums` are `str`s and read as their value.
    fn from_py_object(obj: &Bound<'_, PyAny>) -> Option<Self>;
}

/// Reads an enum from its object, value or label; `field` names it in errors.
pub fn to_enum<E: CoreEnum>(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<E> {
    if let Some(v) = E::from_py_object(obj) {
        return Ok(v);
    }
    if let Ok(s) = obj.cast::<PyString>() {
        // the error names the caller's field (e.g. `entries[1].grade`), not just the enum
        return E::parse_label(&py_str(s, field)?).map_err(|e| match e {
            kinerja_core::Error::Input { reason, .. } => input_error(field, reason),
            other => PyErr::from(crate::errors::KjErr(other)),
        });
    }
    let accepted: Vec<&str> = E::ALL.iter().map(|v| v.value()).collect();
    Err(type_error(
        field,
        format!(
            "expected a {} (enum, value or Indonesian label), got {}; accepted values: {}",
            E::kind(),
            obj.get_type().name()?,
            accepted.join(", ")
        ),
    ))
}

impl<'a, 'py, E: CoreEnum> FromPyObject<'a, 'py> for Wrap<E> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        to_enum::<E>(&obj.to_owned(), E::kind()).map(Wrap)
    }
}

/// Reads a period from a `Period`, a string or an `int` year.
pub fn to_period(obj: &Bound<'_, PyAny>) -> PyResult<Period> {
    if let Ok(p) = obj.cast::<crate::period::PyPeriod>() {
        return Ok(p.get().0);
    }
    if obj.is_instance_of::<PyBool>() {
        return Err(input_error("period", "expected a Period, str or int year, got bool"));
    }
    if obj.is_instance_of::<PyInt>() {
        let year: u16 = period_int(obj, "year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?;
        return Period::annual(year).py();
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_str()?.parse::<Period>().py();
    }
    Err(input_error("period", format!("expected a Period, str or int year, got {}", obj.get_type().name()?)))
}

/// A period part (`year`, `quarter`, ...) from a Python `int` within `lo..=hi`. A value out
/// of range (however large) is a `PeriodError` naming `field` and the range, never an
/// `OverflowError`; a non-int is an `InputError`.
pub(crate) fn period_int<T: TryFrom<i64>>(
    obj: &Bound<'_, PyAny>,
    field: &str,
    lo: i64,
    hi: i64,
) -> PyResult<T> {
    let v = crate::followup::int_arg(obj, field).ok();
    let shown = obj.str().map(|s| s.to_string()).unwrap_or_default();
    if obj.is_instance_of::<PyBool>() || !obj.is_instance_of::<PyInt>() {
        return Err(input_error(field, format!("expected an int, got {}", obj.get_type().name()?)));
    }
    let shown: String = if shown.chars().count() > 40 {
        format!("{}…", shown.chars().take(40).collect::<String>())
    } else {
        shown
    };
    v.filter(|v| (lo..=hi).contains(v)).and_then(|v| T::try_from(v).ok()).ok_or_else(|| {
        PyErr::from(crate::errors::KjErr(period_err(
            &shown,
            &format!("{field} {shown} is out of range; accepted: {lo}..={hi}"),
        )))
    })
}

fn period_err(input: &str, reason: &str) -> kinerja_core::Error {
    kinerja_core::Error::Period { input: input.into(), reason: reason.into() }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Wrap<Period> {
    type Error = PyErr;
    fn extract(obj: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        to_period(&obj.to_owned()).map(Wrap)
    }
}

/// Reads a date from a `datetime.date` (or `datetime`) or an ISO string `YYYY-MM-DD`.
pub fn to_date(obj: &Bound<'_, PyAny>) -> PyResult<Date> {
    if let Ok(s) = obj.cast::<PyString>() {
        return s.to_str()?.parse::<Date>().py();
    }
    if obj.hasattr("year")? && obj.hasattr("month")? && obj.hasattr("day")? {
        let y: i64 = obj.getattr("year")?.extract()?;
        let m: i64 = obj.getattr("month")?.extract()?;
        let d: i64 = obj.getattr("day")?.extract()?;
        let y = u16::try_from(y).map_err(|_| input_error("date", format!("year {y} out of range")))?;
        let m = u8::try_from(m).map_err(|_| input_error("date", format!("month {m} out of range")))?;
        let d = u8::try_from(d).map_err(|_| input_error("date", format!("day {d} out of range")))?;
        return Date::new(y, m, d).py();
    }
    Err(input_error(
        "date",
        format!("expected a datetime.date or 'YYYY-MM-DD', got {}", obj.get_type().name()?),
    ))
}

/// Deepest nesting of dicts and lists accepted from Python (policies, plans, organisations are
/// a few levels deep). Deeper input — or a dict that contains itself — is an `InputError`
/// naming the path, never a stack overflow.
pub const MAX_DEPTH: usize = 64;

/// The `InputError` for input nested deeper than [`MAX_DEPTH`]; the path is shortened.
pub fn too_deep(field: &str) -> PyErr {
    let shown: String = if field.chars().count() > 120 {
        format!("{}…", field.chars().take(120).collect::<String>())
    } else {
        field.to_string()
    };
    input_error(
        &shown,
        format!("nested more than {MAX_DEPTH} levels deep (or contains itself); the limit is {MAX_DEPTH}"),
    )
}

/// Converts a Python value (dicts, lists, numbers, strings, kinerja objects) to JSON for the
/// core's serde readers. Decimals become strings (exact); floats only with `allow_float`.
/// Nesting is limited to [`MAX_DEPTH`] levels.
pub fn py_to_json(obj: &Bound<'_, PyAny>, field: &str, allow_float: bool) -> PyResult<serde_json::Value> {
    py_to_json_at(obj, field, allow_float, 0)
}

fn py_to_json_at(
    obj: &Bound<'_, PyAny>,
    field: &str,
    allow_float: bool,
    depth: usize,
) -> PyResult<serde_json::Value> {
    use serde_json::Value;
    if depth > MAX_DEPTH {
        return Err(too_deep(field));
    }
    if obj.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = obj.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if obj.is_instance_of::<PyInt>() {
        if let Ok(i) = obj.extract::<i64>() {
            return Ok(Value::from(i));
        }
        return Ok(Value::String(obj.str()?.to_string()));
    }
    if obj.is_instance_of::<PyFloat>() {
        let d = limited(to_decimal(obj, field, allow_float)?, obj, field)?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Value::String(py_str(s, field)?));
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let mut map = serde_json::Map::new();
        for (k, v) in d.iter() {
            let key = match py_to_json_at(&k, field, allow_float, depth + 1)? {
                Value::String(s) => s,
                other => other.to_string(),
            };
            let sub = format!("{field}.{key}");
            map.insert(key, py_to_json_at(&v, &sub, allow_float, depth + 1)?);
        }
        return Ok(Value::Object(map));
    }
    if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        let mut out = Vec::new();
        for (i, v) in obj.try_iter()?.enumerate() {
            out.push(py_to_json_at(&v?, &format!("{field}[{i}]"), allow_float, depth + 1)?);
        }
        return Ok(Value::Array(out));
    }
    if is_decimal(obj)? {
        let d = limited(to_decimal(obj, field, allow_float)?, obj, field)?;
        return Ok(Value::String(d.to_string()));
    }
    if let Ok(p) = obj.cast::<crate::period::PyPeriod>() {
        return Ok(Value::String(p.get().0.to_string()));
    }
    if let Some(v) = crate::model::model_json(obj)? {
        return Ok(v);
    }
    if obj.hasattr("isoformat")? {
        let s: String = obj.call_method0("isoformat")?.extract()?;
        return Ok(Value::String(s));
    }
    Err(type_error(field, format!("cannot use a value of type {} here", obj.get_type().name()?)))
}

/// Converts JSON to plain Python values (dicts, lists, str, int, bool, None).
pub fn json_to_py<'py>(py: Python<'py>, v: &serde_json::Value) -> PyResult<Bound<'py, PyAny>> {
    use pyo3::IntoPyObjectExt;
    use serde_json::Value;
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => b.into_bound_py_any(py)?,
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                i.into_bound_py_any(py)?
            } else if let Some(u) = n.as_u64() {
                u.into_bound_py_any(py)?
            } else {
                let d = parse_decimal(&n.to_string(), "number")?;
                d.into_bound_py_any(py)?
            }
        }
        Value::String(s) => s.into_bound_py_any(py)?,
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(json_to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(o) => {
            let d = PyDict::new(py);
            for (k, x) in o {
                d.set_item(k, json_to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

/// A deserialisation error with its path (`plan.year`, `plan.results[0].indicators[1].target`)
/// as an `InputError` naming that field.
pub fn located_error(what: &str, e: &serde_path_to_error::Error<serde_json::Error>) -> PyErr {
    let path = e.path().to_string();
    let field = if path == "." || path.is_empty() { what.to_string() } else { format!("{what}.{path}") };
    input_error(&field, format!("malformed {what} at `{field}`: {}", e.inner()))
}

/// A `serde_json` error as an `InputError` naming `what`.
pub fn serde_error(what: &str, e: &serde_json::Error) -> PyErr {
    input_error(what, format!("malformed {what}: {e}"))
}

/// Parses JSON text that carries inputs, every number read exactly or refused (see
/// [`kinerja_core::document_numbers`]); `what` names it in errors.
pub fn input_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    kinerja_core::document_numbers::json(text).map_err(|e| input_error(what, e.reason()))?;
    serde_json::from_str(text).map_err(|e| serde_error(what, &e))
}

/// Reads a language argument (`"id"` or `"en"`).
pub fn to_lang(lang: &str) -> PyResult<kinerja_core::explain::Lang> {
    lang.parse().py()
}
