//! The SPM section (`instruments.spm`): the achievement cap and rounding.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::policy_err;
use crate::error::Result;
use crate::num::Rounding;

/// SPM choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SpmPolicy {
    /// Cap on the achievement, percent; none by default (over-achievement is shown as such).
    /// Local choice (the formula itself is unconfirmed, C-17).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub cap: Option<Decimal>,
    /// Rounding of the reported achievement. Default half-up to 2 places. Unconfirmed.
    pub rounding: Rounding,
}

impl Default for SpmPolicy {
    fn default() -> Self {
        SpmPolicy { cap: None, rounding: Rounding::half_up(2) }
    }
}

impl SpmPolicy {
    /// Checks the values; errors name the field path.
    pub fn validate(&self, path: &str) -> Result<()> {
        if let Some(c) = self.cap {
            if c <= Decimal::ZERO {
                return Err(policy_err(format!("{path}.cap"), format!("{c} must be positive")));
            }
        }
        self.rounding.validate(&format!("{path}.rounding"))
    }
}
