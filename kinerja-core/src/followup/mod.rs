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

use crate::error::{Error, Location};

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

pub use crate::rules::follow_up::FollowUpPolicy;

pub(crate) use crate::rules::follow_up::{pol, show};

/// A number as [`show`] prints it, written in `lang` (a decimal comma in Bahasa Indonesia), for
/// texts built here (reasons) rather than rendered by a trace.
pub(crate) fn show_in(v: rust_decimal::Decimal, lang: crate::explain::Lang) -> String {
    crate::explain::number_in(&show(v), lang).into_owned()
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
