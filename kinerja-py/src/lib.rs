//! The native module `kinerja._kinerja`: a pyo3 binding of `kinerja-core`.
//!
//! One file per area, each with a `register(m)` function called from the module init:
//! conversions ([`convert`]), exceptions ([`errors`]), enums, periods, the domain model,
//! rulesets and policies, evaluations, and the functions ([`api`]).
//!
//! Adding an area (e.g. `org.rs`): write its classes as `#[pyclass(module = "kinerja._kinerja",
//! frozen)]` values holding `Arc`s of core objects, with `__reduce__` returning
//! `(Class.from_json, (json,))`; convert arguments with [`convert`] (`to_decimal`, `to_enum`,
//! `to_period`, `py_to_json`) and errors with [`errors::PyResultExt::py`]; give the file a
//! `pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()>`, call it below, and add the names
//! to `python/kinerja/_kinerja.pyi` (stubtest checks it) and `python/kinerja/__init__.py`.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// `kinerja_core::Error` is the core's (large, located) error; results carry it unboxed.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod batch;
pub mod compare;
pub mod convert;
pub mod document;
pub mod enums;
pub mod errors;
pub mod evaluation;
pub mod followup;
pub mod id_set;
pub mod instruments;
pub mod model;
pub mod month_predicate;
pub mod org;
pub mod period;
pub mod regimes;
pub mod rules;
pub mod table;

use pyo3::prelude::*;

/// The package version (Cargo's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Module init: registers every area.
#[pymodule]
fn _kinerja(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.setattr("__name__", "kinerja._kinerja")?;
    m.add("__version__", VERSION)?;
    m.add("MAX_DEPTH", convert::MAX_DEPTH)?;
    m.add("MAX_THREADS", batch::MAX_THREADS)?;
    m.add("MAX_POLICY_BYTES", kinerja_core::rules::MAX_POLICY_BYTES)?;
    m.add("MAX_ROWS", kinerja_table::read::MAX_ROWS)?;
    errors::register(m)?;
    enums::register(m)?;
    m.add_class::<period::PyPeriod>()?;
    model::register(m)?;
    rules::register(m)?;
    evaluation::register(m)?;
    api::register(m)?;
    compare::register(m)?;
    followup::register(m)?;
    month_predicate::register(m)?;
    instruments::register(m)?;
    regimes::register(m)?;
    org::register(m)?;
    batch::register(m)?;
    id_set::register(m)?;
    table::register(m)?;
    document::register(m)?;
    Ok(())
}
