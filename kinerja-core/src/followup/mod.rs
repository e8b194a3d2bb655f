//! Follow-ups (tindak lanjut) of performance results: functional credit points (angka
//! kredit), the regional allowance (TPP), training needs, reward and sanction lists, the
//! talent nine-box, and in-year monitoring with early warning.
//!
//! Every computation is exact ([`rust_decimal::Decimal`] with checked operations), explains
//! itself with a [`Trace`](crate::explain::Trace) in Bahasa Indonesia and English, and cites
//! the regulation, or labels the step "local policy" / "unconfirmed" where the law is silent.
//! All knobs live in [`FollowUpPolicy`], a section of [`crate::rules::Policy`].

pub mod credit_points;
pub mod monitoring;
pub mod month_predicate;
pub mod rewards;
pub mod talent;
pub mod tpp;
pub mod training;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

pub use credit_points::{
    CreditEntry, CreditLedger, CreditPoints, CreditPointsPolicy, CreditRoundingPoint, GradeRequirement,
    LedgerLine, Readiness, annual_cap, credit_ledger, credit_points, promotion_readiness,
    rank_peak_credit_points,
};
pub use monitoring::{
    IndicatorMonitor, MonitoringPolicy, PlanMonitor, TrackStatus, Trajectory, WatchItem, Watchlist,
    monitor_plan, watchlist,
};
pub use month_predicate::{MonthPredicate, MonthPredicateRule, month_predicate};
pub use rewards::{EmployeeHistory, FollowUpKind, FollowUpLists, Listed, RewardsPolicy, follow_up_lists};
pub use talent::{Potential, TalentGroup, TalentPlacement, TalentPolicy, nine_box, talent_placement};
pub use tpp::{
    AchievementBand, AttendanceEvent, AttendanceEventKind, DeductionBand, DeductionLine, EmployeeStatus,
    PerformanceFactor, TppInput, TppPolicy, TppResult, TppWeights, tpp, tpp_many,
};
pub use training::{
    IndicatorAchievement, NeedSource, TrainingInput, TrainingNeed, TrainingNeeds, TrainingPolicy,
    TrainingSummary, TrainingTopic, summarise_training, training_needs,
};

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

/// An instrument error.
pub(crate) fn inst(instrument: &str, at: &Location, field: &str, reason: impl Into<String>) -> Error {
    Error::Instrument {
        instrument: instrument.into(),
        at: at.clone(),
        field: field.into(),
        reason: reason.into(),
    }
}

/// Checks a percentage lies in `0..=max`.
pub(crate) fn check_pct(v: Decimal, max: Decimal, path: &str) -> Result<()> {
    if v.is_sign_negative() && !v.is_zero() {
        return Err(pol(path, format!("{} is negative", show(v))));
    }
    if v > max {
        return Err(pol(path, format!("{} is above the maximum of {}", show(v), show(max))));
    }
    Ok(())
}
