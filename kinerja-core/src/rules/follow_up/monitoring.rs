//! The monitoring section (`follow_up.monitoring`): the trajectory and the on-track and
//! at-risk thresholds.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{pol, show};
use crate::error::Result;

/// How the target to date is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Trajectory {
    /// The annual target × reported months / 12 for counts; the annual target for levels.
    Linear,
    /// The targets of the reported periods from the declared targets
    /// ([`crate::regime::targets::trajectory_target_for`]): a reported period inside a declared
    /// one counts pro rata, an undeclared count is pro-rated from the year; before the first
    /// declared period nothing is due (counts) or its target holds (levels). Default.
    #[default]
    PeriodTargets,
}

/// Monitoring policy. Legal status of every field: local choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct MonitoringPolicy {
    /// Trajectory. Default `period_targets`.
    pub trajectory: Trajectory,
    /// Progress (achievement to date, percent, rounded by `rounding.achievement`) at or above
    /// this is on track. Default 95.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub on_track_min: Decimal,
    /// Progress at or above this (and below `on_track_min`) is at risk; below is off track.
    /// Default 80.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub at_risk_min: Decimal,
}

impl Default for MonitoringPolicy {
    fn default() -> Self {
        MonitoringPolicy {
            trajectory: Trajectory::PeriodTargets,
            on_track_min: Decimal::from(95),
            at_risk_min: Decimal::from(80),
        }
    }
}

impl MonitoringPolicy {
    /// Checks `0 ≤ at_risk_min ≤ on_track_min`.
    pub fn validate(&self, path: &str) -> Result<()> {
        if crate::num::negative(self.at_risk_min) {
            return Err(pol(format!("{path}.at_risk_min"), "must not be negative"));
        }
        if self.at_risk_min > self.on_track_min {
            return Err(pol(
                format!("{path}.at_risk_min"),
                format!("{} is above on_track_min {}", show(self.at_risk_min), show(self.on_track_min)),
            ));
        }
        Ok(())
    }
}
