//! The follow-up section of the policy (`follow_up`): one sub-section per follow-up (credit
//! points, TPP, training, rewards, talent, monitoring). Data only: the follow-ups read it.

pub(crate) mod credit_points;
pub(crate) mod monitoring;
pub(crate) mod rewards;
pub(crate) mod talent;
pub(crate) mod tpp;
pub(crate) mod training;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use credit_points::CreditPointsPolicy;
pub use monitoring::MonitoringPolicy;
pub use rewards::RewardsPolicy;
pub use talent::TalentPolicy;
pub use tpp::TppPolicy;
pub use training::TrainingPolicy;

/// Policy choices for the follow-up area. Each section has defaults; TPP has none because it
/// is set per region and year by a regional-head regulation (Perkada).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct FollowUpPolicy {
    /// Angka kredit (PermenPANRB 1/2023, PerBKN 3/2023, PerBKN 11/2022).
    pub credit_points: CreditPointsPolicy,
    /// The regional allowance (TPP). Default none: TPP exists only under a Perkada, so a
    /// computation without it is an error. Legal status: local choice (per region and year).
    pub tpp: Option<TppPolicy>,
    /// Training-needs mapping. Legal status: local choice.
    pub training: TrainingPolicy,
    /// Reward and sanction eligibility rules.
    pub rewards: RewardsPolicy,
    /// Talent nine-box (PermenPANRB 3/2020).
    pub talent: TalentPolicy,
    /// Monitoring and early warning. Legal status: local choice.
    pub monitoring: MonitoringPolicy,
}

impl FollowUpPolicy {
    /// Checks the values; errors name the field path under `path`.
    pub fn validate(&self, path: &str) -> Result<()> {
        self.credit_points.validate(&format!("{path}.credit_points"))?;
        if let Some(t) = &self.tpp {
            t.validate(&format!("{path}.tpp"))?;
        }
        self.training.validate(&format!("{path}.training"))?;
        self.rewards.validate(&format!("{path}.rewards"))?;
        self.talent.validate(&format!("{path}.talent"))?;
        self.monitoring.validate(&format!("{path}.monitoring"))?;
        Ok(())
    }
}

/// A decimal printed without trailing zeros (`18.750` → `18.75`).
pub(crate) fn show(v: Decimal) -> String {
    v.normalize().to_string()
}

/// A policy error at `path`.
pub(crate) fn pol(path: impl Into<String>, reason: impl Into<String>) -> Error {
    Error::Policy { path: path.into(), reason: reason.into() }
}

/// Checks a percentage lies in `0..=max`.
pub(crate) fn check_pct(v: Decimal, max: Decimal, path: &str) -> Result<()> {
    if crate::num::negative(v) {
        return Err(pol(path, format!("{} is negative", show(v))));
    }
    if v > max {
        return Err(pol(path, format!("{} is above the maximum of {}", show(v), show(max))));
    }
    Ok(())
}
