//! Python exceptions: `kinerja.exceptions.KinerjaError(ValueError)` and one subclass per
//! [`kinerja_core::ErrorFamily`]. Each raised exception carries the attributes `family`,
//! `field`, `row`, `unit`, `employee`, `indicator` and `period` (None when not named), and
//! pickles (the classes live under their import path `kinerja.exceptions`).

use kinerja_core::lang::Lang;
use kinerja_core::{Error, ErrorFamily};
use pyo3::exceptions::{PyArithmeticError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};
use pyo3::{PyTypeInfo, create_exception};

create_exception!(
    kinerja.exceptions,
    KinerjaError,
    PyValueError,
    "Base class of every error kinerja raises (a ValueError)."
);
create_exception!(kinerja.exceptions, PeriodError, KinerjaError, "A malformed or out-of-range period.");
create_exception!(
    kinerja.exceptions,
    IndicatorError,
    KinerjaError,
    "An indicator definition or realisation that cannot be scored (zero or negative target, inverted range, ...)."
);
create_exception!(
    kinerja.exceptions,
    InputError,
    KinerjaError,
    "A missing, malformed, duplicate or unknown input value (also wrong Python types)."
);
create_exception!(
    kinerja.exceptions,
    RatingError,
    KinerjaError,
    "A rating or predicate that cannot be determined."
);
create_exception!(
    kinerja.exceptions,
    PolicyError,
    KinerjaError,
    "A malformed or inconsistent policy or ruleset file."
);
create_exception!(
    kinerja.exceptions,
    OrganisationError,
    KinerjaError,
    "An organisation-structure problem (cycle, unknown parent, two heads)."
);
create_exception!(
    kinerja.exceptions,
    InstrumentError,
    KinerjaError,
    "An instrument input problem (survey answers, allowances, credit points)."
);

/// A class `name(bases...)` of `kinerja.exceptions`, built once (pyo3's `create_exception!`
/// takes one base; these need two).
fn two_base_class<'py>(
    py: Python<'py>,
    cell: &'static PyOnceLock<Py<PyType>>,
    name: &str,
    bases: (Bound<'py, PyType>, Bound<'py, PyType>),
    doc: &str,
) -> PyResult<Bound<'py, PyType>> {
    let ty = cell.get_or_try_init(py, || -> PyResult<Py<PyType>> {
        let ns = PyDict::new(py);
        ns.set_item("__module__", "kinerja.exceptions")?;
        ns.set_item("__doc__", doc)?;
        let cls = py.import("builtins")?.getattr("type")?.call1((
            name,
            PyTuple::new(py, [bases.0, bases.1])?,
            ns,
        ))?;
        Ok(cls.cast_into::<PyType>()?.unbind())
    })?;
    Ok(ty.bind(py).clone())
}

static ARITHMETIC: PyOnceLock<Py<PyType>> = PyOnceLock::new();
static INPUT_TYPE: PyOnceLock<Py<PyType>> = PyOnceLock::new();

/// `KinerjaArithmeticError(KinerjaError, ArithmeticError)`: overflow or division by zero in
/// exact decimal arithmetic (a subclass of the builtin `ArithmeticError`, not a shadow of it).
pub fn arithmetic_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    two_base_class(
        py,
        &ARITHMETIC,
        "KinerjaArithmeticError",
        (KinerjaError::type_object(py), PyArithmeticError::type_object(py)),
        "Overflow or division by zero in exact decimal arithmetic (also a builtin ArithmeticError).",
    )
}

/// `InputTypeError(InputError, TypeError)`: an argument of the wrong Python type.
pub fn input_type_error(py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    two_base_class(
        py,
        &INPUT_TYPE,
        "InputTypeError",
        (InputError::type_object(py), PyTypeError::type_object(py)),
        "An argument of the wrong Python type (an InputError and a TypeError).",
    )
}

/// The language of exception messages: 0 not chosen yet (read `KINERJA_ERROR_LANG`), 1
/// English, 2 Bahasa Indonesia.
static ERROR_LANG: std::sync::atomic::AtomicU8 = std::sync::atomic::AtomicU8::new(0);

/// The language of exception messages: set by `set_error_lang`, else the environment variable
/// `KINERJA_ERROR_LANG` (`id` or `en`), else English.
pub fn error_lang_value() -> Lang {
    use std::sync::atomic::Ordering;
    match ERROR_LANG.load(Ordering::Relaxed) {
        1 => Lang::En,
        2 => Lang::Id,
        _ => {
            let lang = std::env::var("KINERJA_ERROR_LANG")
                .ok()
                .and_then(|v| v.parse::<Lang>().ok())
                .unwrap_or(Lang::En);
            ERROR_LANG.store(if lang == Lang::Id { 2 } else { 1 }, Ordering::Relaxed);
            lang
        }
    }
}

/// Sets the language of the messages of kinerja's exceptions: `"en"` (default) or `"id"`
/// (Bahasa Indonesia). The environment variable `KINERJA_ERROR_LANG` sets it at start-up
/// (also for the `kinerja` command). Every exception also carries both texts as
/// `message_en` and `message_id`.
#[pyfunction]
pub fn set_error_lang(lang: &str) -> PyResult<()> {
    let lang: Lang = lang.parse().py()?;
    ERROR_LANG.store(if lang == Lang::Id { 2 } else { 1 }, std::sync::atomic::Ordering::Relaxed);
    Ok(())
}

/// The language of exception messages: `"en"` or `"id"`.
#[pyfunction]
pub fn error_lang() -> &'static str {
    match error_lang_value() {
        Lang::Id => "id",
        Lang::En => "en",
    }
}

/// `text`, an English message kinerja writes (also in its Python code), in `lang` (default:
/// the language of exception messages), worded from the one message catalogue of the core;
/// a text the catalogue does not hold (e.g. a message already worded) comes back unchanged.
#[pyfunction]
#[pyo3(signature = (text, lang=None))]
pub fn _translate(text: &str, lang: Option<&str>) -> PyResult<String> {
    let lang = match lang {
        Some(l) => l.parse::<Lang>().py()?,
        None => error_lang_value(),
    };
    Ok(kinerja_core::error::lookup(text, lang).unwrap_or_else(|| text.to_string()))
}

/// A core error on its way to Python.
pub struct KjErr(pub Error);

impl From<Error> for KjErr {
    fn from(e: Error) -> Self {
        KjErr(e)
    }
}

fn class_for(family: ErrorFamily, py: Python<'_>) -> PyResult<Bound<'_, PyType>> {
    Ok(match family {
        ErrorFamily::Period => PeriodError::type_object(py),
        ErrorFamily::Indicator => IndicatorError::type_object(py),
        ErrorFamily::Input => InputError::type_object(py),
        ErrorFamily::Rating => RatingError::type_object(py),
        ErrorFamily::Policy => PolicyError::type_object(py),
        ErrorFamily::Organisation => OrganisationError::type_object(py),
        ErrorFamily::Instrument => InstrumentError::type_object(py),
        ErrorFamily::Arithmetic => arithmetic_error(py)?,
        _ => KinerjaError::type_object(py),
    })
}

/// Builds the Python exception for a core error, with its location as attributes.
pub fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    build_err(py, e, None)
}

/// Builds the exception of `e` as class `cls` (default: its family's class).
fn build_err(py: Python<'_>, e: &Error, cls: Option<Bound<'_, PyType>>) -> PyErr {
    let family = e.family();
    let build = || -> PyResult<PyErr> {
        let cls = match cls {
            Some(c) => c,
            None => class_for(family, py)?,
        };
        let exc = cls.call1((e.message(error_lang_value()),))?;
        exc.setattr("message_en", e.message(Lang::En))?;
        exc.setattr("message_id", e.message(Lang::Id))?;
        exc.setattr("family", family.as_str())?;
        exc.setattr("table", None::<&str>)?;
        exc.setattr("field", e.field())?;
        let at = e.location().cloned().unwrap_or_default();
        exc.setattr("row", at.row)?;
        exc.setattr("unit", at.unit)?;
        exc.setattr("employee", at.employee)?;
        exc.setattr("indicator", at.indicator)?;
        let period = match e {
            Error::Period { input, .. } => Some(input.clone()),
            _ => at.period,
        };
        exc.setattr("period", period)?;
        Ok(PyErr::from_value(exc))
    };
    build().unwrap_or_else(|err| err)
}

impl From<KjErr> for PyErr {
    fn from(e: KjErr) -> PyErr {
        Python::attach(|py| to_pyerr(py, &e.0))
    }
}

/// `.py()` turns a core `Result` into a `PyResult`.
pub trait PyResultExt<T> {
    /// Maps the core error to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> PyResultExt<T> for Result<T, Error> {
    fn py(self) -> PyResult<T> {
        self.map_err(|e| PyErr::from(KjErr(e)))
    }
}

/// An `InputError` naming `field` (for conversion failures in the binding itself).
pub fn input_error(field: &str, reason: impl Into<String>) -> PyErr {
    PyErr::from(KjErr(Error::Input { at: Default::default(), field: field.into(), reason: reason.into() }))
}

/// An `InputTypeError` (an `InputError` and a `TypeError`) naming `field`: an argument of the
/// wrong Python type.
pub fn type_error(field: &str, reason: impl Into<String>) -> PyErr {
    let e = Error::Input { at: Default::default(), field: field.into(), reason: reason.into() };
    Python::attach(|py| match input_type_error(py) {
        Ok(cls) => build_err(py, &e, Some(cls)),
        Err(err) => err,
    })
}

/// Where a table problem is: the attributes of the raised exception.
#[derive(Debug, Default)]
pub struct Place {
    /// The table of a table problem (`indicators`, `employees`, `units`).
    pub table: Option<&'static str>,
    /// The column (canonical name) or table.
    pub field: Option<String>,
    /// The 1-based source row.
    pub row: Option<u64>,
    /// The employee id.
    pub employee: Option<String>,
    /// The indicator id.
    pub indicator: Option<String>,
}

/// The exception of `family` with `message` (English) and `message_id` (Bahasa Indonesia),
/// located at `place` (a table problem, which has no core error behind it).
pub fn located(family: ErrorFamily, message: &str, message_id: &str, place: Place) -> PyErr {
    Python::attach(|py| {
        let build = || -> PyResult<PyErr> {
            let shown = if error_lang_value() == Lang::Id { message_id } else { message };
            let exc = class_for(family, py)?.call1((shown,))?;
            exc.setattr("message_en", message)?;
            exc.setattr("message_id", message_id)?;
            exc.setattr("family", family.as_str())?;
            exc.setattr("table", place.table)?;
            exc.setattr("field", place.field)?;
            exc.setattr("row", place.row)?;
            exc.setattr("unit", None::<String>)?;
            exc.setattr("employee", place.employee)?;
            exc.setattr("indicator", place.indicator)?;
            exc.setattr("period", None::<String>)?;
            Ok(PyErr::from_value(exc))
        };
        build().unwrap_or_else(|err| err)
    })
}

/// Registers the exception classes on the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    // every exception has a `table` (set for table problems), also one raised from Python
    KinerjaError::type_object(py).setattr("table", py.None())?;
    m.add("KinerjaError", KinerjaError::type_object(py))?;
    m.add("PeriodError", PeriodError::type_object(py))?;
    m.add("IndicatorError", IndicatorError::type_object(py))?;
    m.add("InputError", InputError::type_object(py))?;
    m.add("RatingError", RatingError::type_object(py))?;
    m.add("PolicyError", PolicyError::type_object(py))?;
    m.add("OrganisationError", OrganisationError::type_object(py))?;
    m.add("InstrumentError", InstrumentError::type_object(py))?;
    m.add("KinerjaArithmeticError", arithmetic_error(py)?)?;
    m.add("InputTypeError", input_type_error(py)?)?;
    m.add_function(wrap_pyfunction!(set_error_lang, m)?)?;
    m.add_function(wrap_pyfunction!(error_lang, m)?)?;
    m.add_function(wrap_pyfunction!(_translate, m)?)?;
    Ok(())
}
