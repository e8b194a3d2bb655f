//! Instruments: satisfaction index (IKM), puskesmas assessment (PKP), teachers (PKG).
//!
//! * [`satisfaction`]: Indeks Kepuasan Masyarakat under PermenPANRB 14/2017 (9 elements) and
//!   the legacy KEP/25/M.PAN/2/2004 (14 elements), with the Krejcie–Morgan sample size. The
//!   index can be used directly as an indicator's realisation
//!   ([`SatisfactionResult::as_realisation`]).
//! * [`puskesmas`]: Penilaian Kinerja Puskesmas (coverage, management, Kelompok I/II/III).
//! * [`spm`]: SPM kesehatan achievement per basic service (12 services).
//! * [`teacher`]: the legacy PKG (Penilaian Kinerja Guru) score, conversion and annual credit.
//!   Teachers' *current* predicates (2023–) flow through the PermenPANRB 6/2022 path
//!   ([`crate::predicate`]); nothing specific is needed here for them.
//!
//! All three take the whole [`crate::rules::Policy`] (its `id` is cited in explanations) and
//! read their choices from [`InstrumentsPolicy`].
// Errors carry a full `Location` (the crate-wide convention; main allows this in lib.rs).

pub mod puskesmas;
pub mod satisfaction;
pub mod spm;
pub mod teacher;

use crate::error::{Error, Location};

pub use puskesmas::{
    CoverageBasis, CoverageIndicator, CoverageResult, GroupMean, ManagementScore, PkpGroup, PkpInput,
    PkpPolicy, PkpResult, PkpThreshold, puskesmas_assessment,
};
pub use satisfaction::{
    ElementMeans, ElementTotals, IkmBand, IkmGrade, IkmPolicy, IkmRegime, IkmScale, IkmWeighting,
    SampleSizeMethod, SampleSizePolicy, SampleSizeResult, SatisfactionResult, SurveyResponses, TableRule,
    ikm_grade, ikm_grade_checked, sample_size, satisfaction_from_means, satisfaction_from_responses,
    satisfaction_from_totals,
};
pub use spm::{SpmInput, SpmPolicy, SpmResult, SpmService, spm_achievement};
pub use teacher::{
    PkgBand, PkgConversion, PkgCreditInput, PkgInput, PkgLabel, PkgPolicy, PkgResult, TeacherRole,
    pkg_assessment, pkg_conversion,
};

pub use crate::rules::instruments::InstrumentsPolicy;

pub(crate) use crate::rules::instruments::show;

/// An instrument input error.
pub(crate) fn instrument_err(
    instrument: &str,
    at: &Location,
    field: impl Into<String>,
    reason: impl Into<String>,
) -> Error {
    Error::Instrument {
        instrument: instrument.into(),
        at: at.clone(),
        field: field.into(),
        reason: reason.into(),
    }
}
