//! The instruments section of the policy (`instruments`): one sub-section per instrument
//! (satisfaction index, puskesmas assessment, teachers, SPM). Data only: the instruments read it.

pub(crate) mod puskesmas;
pub(crate) mod satisfaction;
pub(crate) mod spm;
pub(crate) mod teacher;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use puskesmas::PkpPolicy;
pub use satisfaction::IkmPolicy;
pub use spm::SpmPolicy;
pub use teacher::PkgPolicy;

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

/// Formats a decimal without trailing zeros (for explanations): the follow-ups' one.
pub(crate) use crate::rules::follow_up::show;
