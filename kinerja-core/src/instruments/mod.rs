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

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

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

/// Policy choices for the instruments, one sub-section per instrument.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct InstrumentsPolicy {
    /// Satisfaction index (IKM/SKM) choices.
    pub ikm: IkmPolicy,
    /// Puskesmas assessment (PKP) choices.
    pub pkp: PkpPolicy,
    /// Teachers' legacy PKG choices.
    pub pkg: PkgPolicy,
    /// SPM kesehatan choices.
    pub spm: SpmPolicy,
}

impl InstrumentsPolicy {
    /// Checks the values; errors name the field path under `path`
    /// (e.g. `instruments.ikm.bands[1].min`).
    ///
    /// ```
    /// use kinerja_core::instruments::InstrumentsPolicy;
    /// assert!(InstrumentsPolicy::default().validate("instruments").is_ok());
    /// ```
    pub fn validate(&self, path: &str) -> Result<()> {
        self.ikm.validate(&format!("{path}.ikm"))?;
        self.pkp.validate(&format!("{path}.pkp"))?;
        self.pkg.validate(&format!("{path}.pkg"))?;
        self.spm.validate(&format!("{path}.spm"))?;
        Ok(())
    }
}

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

/// A policy error at `path`.
pub(crate) fn policy_err(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Policy { path: path.into(), reason: reason.into() }
}

/// Checks that band minimums descend strictly and that the labels go from best to worst.
/// `mins` and `ranks` are in band order; `ranks` is any ordering key (better = larger).
pub(crate) fn check_descending<R: PartialOrd + Copy>(
    path: &str,
    field: &str,
    label_field: &str,
    bands: &[(Decimal, R)],
) -> Result<()> {
    if bands.is_empty() {
        return Err(policy_err(format!("{path}.{field}"), "at least one band is needed"));
    }
    for (i, pair) in bands.windows(2).enumerate() {
        if let [(prev_min, prev_rank), (min, rank)] = pair {
            let j = i + 1;
            if min >= prev_min {
                return Err(policy_err(
                    format!("{path}.{field}[{j}].min"),
                    format!("bands must be descending: {min} is not below {prev_min}"),
                ));
            }
            if rank >= prev_rank {
                return Err(policy_err(
                    format!("{path}.{field}[{j}].{label_field}"),
                    "a lower band must carry a worse label than the band above it".to_string(),
                ));
            }
        }
    }
    Ok(())
}

/// Formats a decimal without trailing zeros (for explanations).
pub(crate) fn show(v: Decimal) -> String {
    v.normalize().to_string()
}
