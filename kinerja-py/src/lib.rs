//! The native module `kinerja._kinerja`: a pyo3 binding of `kinerja-core`.
//!
//! One file per area, each with a `register(m)` function called from the module init:
//! conversions ([`convert`]), exceptions ([`errors`]), enums, periods, the domain model,
//! rulesets and policies, evaluations, and the functions ([`api`]).
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// `kinerja_core::Error` is the core's (large, located) error; results carry it unboxed.
#![allow(clippy::result_large_err)]

pub mod api;
pub mod compare;
pub mod convert;
pub mod enums;
pub mod errors;
pub mod evaluation;
pub mod model;
pub mod org;
pub mod period;
pub mod rules;

use pyo3::prelude::*;

/// The package version (Cargo's).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Module init: registers every area.
#[pymodule]
fn _kinerja(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.setattr("__name__", "kinerja._kinerja")?;
    m.add("__version__", VERSION)?;
    errors::register(m)?;
    enums::register(m)?;
    m.add_class::<period::PyPeriod>()?;
    model::register(m)?;
    rules::register(m)?;
    evaluation::register(m)?;
    api::register(m)?;
    compare::register(m)?;
    org::register(m)?;
    Ok(())
}
