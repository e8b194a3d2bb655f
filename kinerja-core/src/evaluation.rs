//! The result of evaluating one employee for one period, common to every regime.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::achievement::AchievementRule;
use crate::explain::{BiText, Labelled, Lang, Trace};
use crate::model::{Aggregation, Polarity, Predicate, Rating, ResultKind, Target};
use crate::period::Period;
use crate::rules::RegimeId;

/// Where a work-result rating came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RatingSource {
    /// Given by the appraiser.
    Appraiser,
    /// Advised from achievement by the policy's advisory bands (local policy).
    Advisory,
    /// Follows the organisational predicate (JPT rule).
    OrgPredicate,
    /// Derived from the BerAKHLAK values by the policy's behaviour advice.
    BehaviourAdvice,
    /// Derived from periodic predicates by the policy's annual roll-up.
    Rollup,
    /// Computed by a numeric regime (PP 46, 8/2021).
    Computed,
}

impl RatingSource {
    /// Every source, in declaration order.
    pub const ALL: [RatingSource; 6] = [
        RatingSource::Appraiser,
        RatingSource::Advisory,
        RatingSource::OrgPredicate,
        RatingSource::BehaviourAdvice,
        RatingSource::Rollup,
        RatingSource::Computed,
    ];

    /// The snake_case word of the source, as serialised (`appraiser`, `org_predicate`, …).
    ///
    /// ```
    /// use kinerja_core::RatingSource;
    /// assert_eq!(RatingSource::BehaviourAdvice.value(), "behaviour_advice");
    /// ```
    pub fn value(self) -> &'static str {
        match self {
            RatingSource::Appraiser => "appraiser",
            RatingSource::Advisory => "advisory",
            RatingSource::OrgPredicate => "org_predicate",
            RatingSource::BehaviourAdvice => "behaviour_advice",
            RatingSource::Rollup => "rollup",
            RatingSource::Computed => "computed",
        }
    }
}

/// The result for one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorResult {
    /// Indicator id.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// Planned result (RHK) id.
    pub result: String,
    /// Primary or additional.
    pub kind: ResultKind,
    /// Polarity.
    pub polarity: Polarity,
    /// Aggregation over periods.
    pub aggregation: Aggregation,
    /// The target used for the period.
    pub target: Target,
    /// The actual value used for the period (aggregated).
    pub actual: Decimal,
    /// Achievement in percent, rounded by the policy.
    pub achievement: Decimal,
    /// Achievement in percent, full precision.
    pub achievement_raw: Decimal,
    /// The formula used.
    pub rule: AchievementRule,
    /// The normalised weight (share of 1) in the weighted mean; 0 when not counted.
    pub weight: Decimal,
    /// A regime's numeric value for the indicator (8/2021 nilai capaian IKI, PP 46 activity
    /// value), rounded; `None` under 6/2022.
    pub score: Option<Decimal>,
}

/// The evaluation of one employee for one period under one ruleset.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evaluation {
    /// Employee id.
    pub employee: String,
    /// Employee name.
    pub name: String,
    /// Unit id.
    pub unit: String,
    /// The period evaluated.
    pub period: Period,
    /// The regime that produced it.
    pub regime: RegimeId,
    /// The policy id.
    pub policy_id: String,
    /// The policy version.
    pub policy_version: String,
    /// Per-indicator results.
    pub indicators: Vec<IndicatorResult>,
    /// Weighted mean achievement of the counted indicators, rounded.
    pub weighted_achievement: Option<Decimal>,
    /// The given indicator weights did not add up to 100 and the weighted mean was divided by
    /// their sum (the notes say so too; `rating.weights_must_sum_to` refuses such weights).
    #[serde(default)]
    pub weights_normalised: bool,
    /// The rating advised by the policy's bands, if any.
    pub advised_rating: Option<Rating>,
    /// The work-result rating used.
    pub work_result: Option<Rating>,
    /// Where the work-result rating came from.
    pub work_result_source: Option<RatingSource>,
    /// The appraiser's rating and the advice differ.
    pub disagreement: bool,
    /// The behaviour rating used.
    pub behaviour: Option<Rating>,
    /// The numeric performance value (PP 46 nilai prestasi kerja, 8/2021 nilai kinerja).
    pub score: Option<Decimal>,
    /// The predicate.
    pub predicate: Predicate,
    /// Notes (excluded indicators, disagreements), in both languages.
    pub notes: Vec<BiText>,
    /// How it was reached.
    pub trace: Trace,
}

impl Evaluation {
    /// The predicate's label as the regime names it (PP 46 says "Cukup" and "Buruk", in English
    /// "Fair" and "Bad"; PP 30/2019 says "Cukup").
    pub fn predicate_label(&self, lang: Lang) -> &'static str {
        predicate_label(self.regime, self.predicate, lang)
    }

    /// The explanation as text.
    pub fn explain(&self, lang: Lang) -> String {
        self.trace.to_text(lang)
    }
}

/// A predicate's label under a regime.
pub fn predicate_label(regime: RegimeId, p: Predicate, lang: Lang) -> &'static str {
    match (regime, p, lang) {
        (RegimeId::Pp46_2011, Predicate::NeedsImprovement, Lang::Id) => "Cukup",
        (RegimeId::Pp46_2011, Predicate::NeedsImprovement, Lang::En) => "Fair",
        (RegimeId::Pp46_2011, Predicate::PoorMisconduct, Lang::Id) => "Kurang",
        (RegimeId::Pp46_2011, Predicate::PoorMisconduct, Lang::En) => "Poor",
        (RegimeId::Pp46_2011, Predicate::VeryPoor, Lang::Id) => "Buruk",
        (RegimeId::Pp46_2011, Predicate::VeryPoor, Lang::En) => "Bad",
        (RegimeId::Permenpanrb8_2021, Predicate::NeedsImprovement, Lang::Id) => "Cukup/Butuh Perbaikan",
        (RegimeId::Permenpanrb8_2021, Predicate::PoorMisconduct, Lang::Id) => "Kurang",
        (RegimeId::Permenpanrb8_2021, Predicate::PoorMisconduct, Lang::En) => "Poor",
        _ => p.label(lang),
    }
}

#[cfg(test)]
mod rating_source_tests {
    use super::RatingSource;

    #[test]
    fn value_is_the_serialised_word() {
        for s in RatingSource::ALL {
            assert_eq!(serde_json::to_value(s).ok(), Some(serde_json::Value::from(s.value())));
        }
    }
}
