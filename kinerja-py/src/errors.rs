//! Python exceptions: `kinerja.exceptions.KinerjaError(ValueError)` and one subclass per
//! [`kinerja_core::ErrorFamily`]. Each raised exception carries the attributes `family`,
//! `field`, `row`, `unit`, `employee`, `indicator` and `period` (None when not named), and
//! pickles (the classes live under their import path `kinerja.exceptions`).

use kinerja_core::{Error, ErrorFamily};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
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
create_exception!(
    kinerja.exceptions,
    ArithmeticError,
    KinerjaError,
    "Overflow or division by zero in exact decimal arithmetic."
);

/// A core error on its way to Python.
pub struct KjErr(pub Error);

impl From<Error> for KjErr {
    fn from(e: Error) -> Self {
        KjErr(e)
    }
}

fn class_for(family: ErrorFamily, py: Python<'_>) -> Bound<'_, pyo3::types::PyType> {
    match family {
        ErrorFamily::Period => PeriodError::type_object(py),
        ErrorFamily::Indicator => IndicatorError::type_object(py),
        ErrorFamily::Input => InputError::type_object(py),
        ErrorFamily::Rating => RatingError::type_object(py),
        ErrorFamily::Policy => PolicyError::type_object(py),
        ErrorFamily::Organisation => OrganisationError::type_object(py),
        ErrorFamily::Instrument => InstrumentError::type_object(py),
        ErrorFamily::Arithmetic => ArithmeticError::type_object(py),
        _ => KinerjaError::type_object(py),
    }
}

/// Builds the Python exception for a core error, with its location as attributes.
pub fn to_pyerr(py: Python<'_>, e: &Error) -> PyErr {
    let family = e.family();
    let cls = class_for(family, py);
    let build = || -> PyResult<PyErr> {
        let exc = cls.call1((e.to_string(),))?;
        exc.setattr("family", family.as_str())?;
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

/// Registers the exception classes on the native module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("KinerjaError", KinerjaError::type_object(py))?;
    m.add("PeriodError", PeriodError::type_object(py))?;
    m.add("IndicatorError", IndicatorError::type_object(py))?;
    m.add("InputError", InputError::type_object(py))?;
    m.add("RatingError", RatingError::type_object(py))?;
    m.add("PolicyError", PolicyError::type_object(py))?;
    m.add("OrganisationError", OrganisationError::type_object(py))?;
    m.add("InstrumentError", InstrumentError::type_object(py))?;
    m.add("ArithmeticError", ArithmeticError::type_object(py))?;
    Ok(())
}
