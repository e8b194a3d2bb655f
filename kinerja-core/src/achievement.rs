//! Achievement (capaian) of an indicator: realisation against target, by polarity, with range
//! targets, floors, caps and explicit zero conventions. This is the one kernel shared by the
//! scalar API, every regime and the batch API.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location};
use crate::model::{Polarity, Target};
use crate::num::HUNDRED;

/// Formula for lower-is-better indicators (open question C-13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LowerFormula {
    /// Reflection `(2 − R/T) × 100` (8/2021 "kondisi khusus"; LKjIP V2). Default.
    #[default]
    Reflection,
    /// Ratio `T / R × 100` (V3).
    Ratio,
}

/// Treatment of a zero target (open question C-13).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum ZeroTarget {
    /// A zero target is an error naming the indicator. Default.
    #[default]
    Error,
    /// Convention: lower-is-better with target 0 → actual 0 gives 100 %, anything else 0 %;
    /// higher-is-better with target 0 → 100 % (any non-negative actual meets it).
    Convention,
}

/// What to do when declared period targets do not add up to the target of the period they
/// make up (e.g. four quarter targets against the annual target).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PeriodTargetMismatch {
    /// A note in the evaluation naming the targets. Default.
    #[default]
    Note,
    /// An error naming the indicator and the targets.
    Error,
}

/// The achievement policy: every choice the law leaves open about capaian.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct AchievementPolicy {
    /// Lower-is-better formula. Default `reflection`. Legal status: unconfirmed (C-13).
    pub lower_formula: LowerFormula,
    /// Floor achievements at 0 % (the reflection formula goes negative for R > 2T).
    /// Default `true`. Legal status: local choice.
    pub floor_at_zero: bool,
    /// Cap on every achievement in percent unless the indicator sets its own. Default none.
    /// Legal status: local choice (no national cap found).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub default_cap: Option<Decimal>,
    /// What a zero target means. Default `error`. Legal status: unconfirmed (C-13).
    pub zero_target: ZeroTarget,
    /// Achievement given to a lower-is-better indicator under the ratio formula when the
    /// actual is 0 (T/0 is undefined). Default none: an error. Legal status: local choice.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub ratio_zero_actual: Option<Decimal>,
    /// Achievement when the actual lies inside a range target. Default 100. Legal status:
    /// unconfirmed (8/2021 text covers only above and below the range, C-8).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub range_inside: Decimal,
    /// Reject negative actual values. Default `true`. Legal status: local choice.
    pub reject_negative_actual: bool,
    /// Pro-rate the target of a cumulative indicator linearly by months (a quarter gets 3/12
    /// of the annual target) when no declared period targets cover the evaluated period.
    /// Never applies to range targets or to a unit `%`. Default `false`: such an evaluation
    /// is an error naming the indicator, the missing periods and the fixes (PermenPANRB
    /// 6/2022 lets each SKP set its periodic targets; a linear trajectory is not law).
    /// Legal status: local choice.
    pub prorate_cumulative: bool,
    /// Declared period targets that do not add up to the target of the period they make up
    /// (cumulative: the sum; last value: the last part's target): `note` or `error`. Default
    /// `note`. Legal status: local choice.
    pub period_target_mismatch: PeriodTargetMismatch,
}

impl Default for AchievementPolicy {
    fn default() -> Self {
        AchievementPolicy {
            lower_formula: LowerFormula::Reflection,
            floor_at_zero: true,
            default_cap: None,
            zero_target: ZeroTarget::Error,
            ratio_zero_actual: None,
            range_inside: HUNDRED,
            reject_negative_actual: true,
            prorate_cumulative: false,
            period_target_mismatch: PeriodTargetMismatch::Note,
        }
    }
}

impl AchievementPolicy {
    /// Checks the values.
    pub fn validate(&self, path: &str) -> Result<(), Error> {
        let pol = |f: &str, reason: String| Error::Policy { path: format!("{path}.{f}"), reason };
        if let Some(c) = self.default_cap {
            if c <= Decimal::ZERO {
                return Err(pol("default_cap", format!("cap {c} must be positive")));
            }
        }
        if let Some(v) = self.ratio_zero_actual {
            if crate::num::negative(v) {
                return Err(pol("ratio_zero_actual", format!("{v} must not be negative")));
            }
        }
        if crate::num::negative(self.range_inside) {
            return Err(pol("range_inside", "must not be negative".into()));
        }
        Ok(())
    }
}

/// Which rule produced an achievement (for the explanation).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AchievementRule {
    /// `R / T × 100`.
    Normal,
    /// `(2 − R/T) × 100`.
    Reflection,
    /// `T / R × 100`.
    Ratio,
    /// Actual inside a range target.
    InsideRange,
    /// Zero-target convention.
    ZeroTargetConvention,
    /// Ratio formula with actual 0: the policy value.
    RatioZeroActual,
    /// PP 46/2011 time or cost efficiency score (the 1.76 formula with its 24 % branch).
    Pp46Efficiency,
}

/// What happened to the raw value after the formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Achieved {
    /// The achievement in percent, full precision, after floor and cap.
    pub value: Decimal,
    /// The formula value before floor and cap.
    pub raw: Decimal,
    /// The formula used.
    pub rule: AchievementRule,
    /// The target value the formula used (the bound, for a range).
    pub effective_target: Decimal,
    /// The floor at 0 applied.
    pub floored: bool,
    /// The cap applied (its value).
    pub capped: Option<Decimal>,
}

/// A kernel failure, without allocation; [`KernelError::into_error`] adds the location.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KernelError {
    /// The target is zero and the policy treats that as an error.
    ZeroTarget,
    /// The target is negative.
    NegativeTarget,
    /// The range is inverted.
    InvertedRange,
    /// The actual is negative and the policy rejects it.
    NegativeActual,
    /// Ratio formula with actual 0 and no policy value.
    ZeroActualRatio,
    /// A range bound is negative.
    NegativeRangeBound,
    /// The cap is zero or negative.
    NonPositiveCap,
    /// Overflow.
    Overflow,
}

impl KernelError {
    /// The error with its location.
    pub fn into_error(self, at: &Location) -> Error {
        let ind = |field: &str, reason: &str| Error::Indicator {
            at: at.clone(),
            field: field.into(),
            reason: reason.into(),
        };
        match self {
            KernelError::ZeroTarget => ind(
                "target",
                "target is 0, so the achievement is undefined (set policy achievement.zero_target = \"convention\" to use the zero-target convention)",
            ),
            KernelError::NegativeTarget => ind("target", "target is negative"),
            KernelError::InvertedRange => ind("target", "range low bound exceeds high bound"),
            KernelError::NegativeRangeBound => ind("target", "range low bound is negative"),
            KernelError::NonPositiveCap => ind("cap", "cap must be positive"),
            KernelError::NegativeActual => ind("actual", "actual is negative"),
            KernelError::ZeroActualRatio => ind(
                "actual",
                "actual is 0 with the ratio formula T/R for a lower-is-better indicator, so the achievement is undefined (set policy achievement.ratio_zero_actual)",
            ),
            KernelError::Overflow => Error::Arithmetic {
                at: at.clone(),
                operation:
                    "achievement (actual / target × 100 is beyond the engine's 28 significant digits: the \
                            `target` is too small for the `actual`; check both are in the same unit)"
                        .into(),
            },
        }
    }
}

#[inline]
fn pct(a: Decimal, b: Decimal) -> Result<Decimal, KernelError> {
    match a.checked_mul(HUNDRED) {
        Some(a100) => a100.checked_div(b).ok_or(KernelError::Overflow),
        None => a.checked_div(b).and_then(|q| q.checked_mul(HUNDRED)).ok_or(KernelError::Overflow),
    }
}

/// The achievement of `actual` against `target`.
///
/// * higher is better: `R / T × 100`;
/// * lower is better: `(2 − R/T) × 100` (reflection) or `T / R × 100` (ratio), per policy;
/// * a range target uses its upper bound when R is above it, its lower bound when R is below
///   it, and `policy.range_inside` (100 %) inside;
/// * the result is floored at 0 (policy) and capped by `cap` or the policy default.
///
/// The inputs are checked as plan validation checks them: a `cap` must be positive
/// ([`KernelError::NonPositiveCap`]); a range needs `low ≤ high`
/// ([`KernelError::InvertedRange`]) and non-negative bounds ([`KernelError::NegativeRangeBound`];
/// `high ≥ low ≥ 0` so both bounds are covered).
///
/// ```
/// use kinerja_core::achievement::{achievement, AchievementPolicy};
/// use kinerja_core::model::{Polarity, Target};
/// use rust_decimal_macros::dec;
/// let p = AchievementPolicy::default();
/// let a = achievement(Target::Point(dec!(10)), dec!(8), Polarity::LowerIsBetter, &p, None).unwrap();
/// assert_eq!(a.value, dec!(120));
/// let r = achievement(Target::Range { low: dec!(80), high: dec!(90) }, dec!(70), Polarity::HigherIsBetter, &p, None).unwrap();
/// assert_eq!(r.value, dec!(87.5));
/// ```
pub fn achievement(
    target: Target,
    actual: Decimal,
    polarity: Polarity,
    policy: &AchievementPolicy,
    cap: Option<Decimal>,
) -> Result<Achieved, KernelError> {
    if cap.is_some_and(|c| c <= Decimal::ZERO) {
        return Err(KernelError::NonPositiveCap);
    }
    if policy.reject_negative_actual && crate::num::negative(actual) {
        return Err(KernelError::NegativeActual);
    }
    let t = match target {
        Target::Point(t) => t,
        Target::Range { low, high } => {
            if low > high {
                return Err(KernelError::InvertedRange);
            }
            if crate::num::negative(low) {
                return Err(KernelError::NegativeRangeBound);
            }
            if actual > high {
                high
            } else if actual < low {
                low
            } else {
                return Ok(finish(
                    policy.range_inside,
                    AchievementRule::InsideRange,
                    actual.max(low),
                    policy,
                    cap,
                ));
            }
        }
    };
    if crate::num::negative(t) {
        return Err(KernelError::NegativeTarget);
    }
    if t.is_zero() {
        return match policy.zero_target {
            ZeroTarget::Error => Err(KernelError::ZeroTarget),
            ZeroTarget::Convention => {
                let v = match polarity {
                    Polarity::LowerIsBetter if !actual.is_zero() => Decimal::ZERO,
                    _ => HUNDRED,
                };
                Ok(finish(v, AchievementRule::ZeroTargetConvention, t, policy, cap))
            }
        };
    }
    let (raw, rule) = match polarity {
        Polarity::HigherIsBetter => (pct(actual, t)?, AchievementRule::Normal),
        Polarity::LowerIsBetter => match policy.lower_formula {
            LowerFormula::Reflection => {
                let r = pct(actual, t)?;
                (Decimal::from(200).checked_sub(r).ok_or(KernelError::Overflow)?, AchievementRule::Reflection)
            }
            LowerFormula::Ratio => {
                if actual.is_zero() {
                    match policy.ratio_zero_actual {
                        Some(v) => (v, AchievementRule::RatioZeroActual),
                        None => return Err(KernelError::ZeroActualRatio),
                    }
                } else {
                    (pct(t, actual)?, AchievementRule::Ratio)
                }
            }
        },
    };
    Ok(finish(raw, rule, t, policy, cap))
}

#[inline]
fn finish(
    raw: Decimal,
    rule: AchievementRule,
    t: Decimal,
    policy: &AchievementPolicy,
    cap: Option<Decimal>,
) -> Achieved {
    let mut value = raw;
    let mut floored = false;
    if policy.floor_at_zero && crate::num::negative(value) {
        value = Decimal::ZERO;
        floored = true;
    }
    let mut capped = None;
    if let Some(c) = cap.or(policy.default_cap) {
        if value > c {
            value = c;
            capped = Some(c);
        }
    }
    Achieved { value, raw, rule, effective_target: t, floored, capped }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn a(t: Decimal, r: Decimal, pol: Polarity, p: &AchievementPolicy) -> Result<Decimal, KernelError> {
        achievement(Target::Point(t), r, pol, p, None).map(|x| x.value)
    }

    #[test]
    fn polarity_table_tv29() {
        let refl = AchievementPolicy::default();
        let ratio = AchievementPolicy { lower_formula: LowerFormula::Ratio, ..Default::default() };
        let lb = Polarity::LowerIsBetter;
        assert_eq!(a(dec!(10), dec!(8), lb, &refl), Ok(dec!(120)));
        assert_eq!(a(dec!(10), dec!(8), lb, &ratio), Ok(dec!(125)));
        assert_eq!(a(dec!(10), dec!(25), lb, &refl), Ok(dec!(0)));
        let nofloor = AchievementPolicy { floor_at_zero: false, ..Default::default() };
        assert_eq!(a(dec!(10), dec!(25), lb, &nofloor), Ok(dec!(-50)));
        assert_eq!(a(dec!(10), dec!(25), lb, &ratio), Ok(dec!(40)));
        assert_eq!(a(dec!(10), dec!(0), lb, &refl), Ok(dec!(200)));
        assert_eq!(a(dec!(10), dec!(0), lb, &ratio), Err(KernelError::ZeroActualRatio));
    }

    #[test]
    fn zero_targets() {
        let p = AchievementPolicy::default();
        assert_eq!(a(dec!(0), dec!(0), Polarity::LowerIsBetter, &p), Err(KernelError::ZeroTarget));
        let c = AchievementPolicy { zero_target: ZeroTarget::Convention, ..Default::default() };
        assert_eq!(a(dec!(0), dec!(0), Polarity::LowerIsBetter, &c), Ok(dec!(100)));
        assert_eq!(a(dec!(0), dec!(1), Polarity::LowerIsBetter, &c), Ok(dec!(0)));
        assert_eq!(a(dec!(0), dec!(3), Polarity::HigherIsBetter, &c), Ok(dec!(100)));
        assert_eq!(a(dec!(-1), dec!(3), Polarity::HigherIsBetter, &p), Err(KernelError::NegativeTarget));
        assert_eq!(a(dec!(1), dec!(-3), Polarity::HigherIsBetter, &p), Err(KernelError::NegativeActual));
    }

    #[test]
    fn ranges_and_caps() {
        let p = AchievementPolicy::default();
        let rg = Target::Range { low: dec!(80), high: dec!(90) };
        let v = achievement(rg, dec!(92), Polarity::HigherIsBetter, &p, None).unwrap().value;
        assert_eq!(crate::num::Rounding::half_up(2).apply(v), dec!(102.22));
        assert_eq!(achievement(rg, dec!(85), Polarity::HigherIsBetter, &p, None).unwrap().value, dec!(100));
        assert_eq!(
            achievement(rg, dec!(95), Polarity::HigherIsBetter, &p, Some(dec!(100))).unwrap().value,
            dec!(100)
        );
        let inv = Target::Range { low: dec!(9), high: dec!(1) };
        assert_eq!(
            achievement(inv, dec!(5), Polarity::HigherIsBetter, &p, None),
            Err(KernelError::InvertedRange)
        );
        let neg = Target::Range { low: dec!(-5), high: dec!(90) };
        assert_eq!(
            achievement(neg, dec!(85), Polarity::HigherIsBetter, &p, None),
            Err(KernelError::NegativeRangeBound)
        );
        for c in [dec!(0), dec!(-1)] {
            assert_eq!(
                achievement(Target::Point(dec!(10)), dec!(5), Polarity::HigherIsBetter, &p, Some(c)),
                Err(KernelError::NonPositiveCap)
            );
        }
        assert!(
            achievement(
                Target::Point(dec!(0.0000000000000000000000000001)),
                Decimal::MAX,
                Polarity::HigherIsBetter,
                &p,
                None
            )
            .is_err()
        );
    }
}
