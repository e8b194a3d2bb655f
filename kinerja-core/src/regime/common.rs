//! What every regime shares: measuring an indicator over a period from the plan's realisations.

use rust_decimal::Decimal;
use std::collections::BTreeSet;

use crate::error::{Error, Location, Result};
use crate::model::{Aggregation, Indicator, Plan, Target};
use crate::num;
use crate::period::{Granularity, Period};
use crate::rules::{MissingRealisation, Policy};

/// One realisation of an indicator (period and actual).
struct Real {
    period: Period,
    actual: Decimal,
}

/// An indicator's target and actual for a period, aggregated from its realisations.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The target for the period (ΣT for cumulative indicators).
    pub target: Target,
    /// The actual for the period (ΣR, the last value, or the mean).
    pub actual: Decimal,
    /// The realisation periods used, in order.
    pub periods: Vec<Period>,
}

/// The target of `indicator` for `period`: an explicit period target; else the plan-year target
/// for an annual period; else, for a cumulative indicator with pro-rating on, the annual target ×
/// months/12; else the plan-year target (rates and indexes keep their target in every period).
pub fn target_for(indicator: &Indicator, period: Period, policy: &Policy, at: &Location) -> Result<Target> {
    if let Some(t) = indicator.period_targets.get(&period) {
        return Ok(*t);
    }
    if period.granularity() == Granularity::Annual
        || indicator.aggregation != Aggregation::Cumulative
        || !policy.achievement.prorate_cumulative
    {
        return Ok(indicator.target);
    }
    // Multiply first, then divide: 2400 × 1 / 12 is exactly 200.
    let months = Decimal::from(period.months());
    let twelve = Decimal::from(12);
    Ok(match indicator.target {
        Target::Point(t) => Target::Point(num::div(num::mul(t, months, at)?, twelve, at)?),
        Target::Range { low, high } => Target::Range {
            low: num::div(num::mul(low, months, at)?, twelve, at)?,
            high: num::div(num::mul(high, months, at)?, twelve, at)?,
        },
    })
}

/// Measures `indicator` of `plan` over `period`.
///
/// * A realisation for exactly `period` is used as it is.
/// * Otherwise the realisations inside `period` are combined by the indicator's aggregation:
///   cumulative ΣR / ΣT and mean need realisations covering every month of `period`; last needs
///   the latest realisation to end with `period`. Overlapping realisations are an error.
/// * No realisation: an error naming employee, indicator and period, or `Ok(None)` when the
///   policy says `rating.missing_realisation = "exclude"`.
pub fn measure(
    plan: &Plan,
    indicator: &Indicator,
    period: Period,
    policy: &Policy,
) -> Result<Option<Measured>> {
    let at = Location::employee(&plan.employee.id).with_indicator(&indicator.id).with_period(period);
    let realisations: Vec<(Period, Decimal)> = plan
        .realisations
        .iter()
        .filter(|r| r.indicator == indicator.id)
        .map(|r| (r.period, r.actual))
        .collect();
    measure_over(indicator, &realisations, period, policy, &at)
}

/// [`measure`] from the indicator's own realisations given as `(period, actual)` pairs (any
/// order; those outside `period` are ignored): the one aggregation used by the scalar API and
/// by the table layer. `at` locates errors.
///
/// ```
/// use kinerja_core::model::{Indicator, Target};
/// use kinerja_core::regime::common::measure_over;
/// use kinerja_core::rules::Ruleset;
/// let ind = Indicator::new("iki-1", "Pasien", Target::Point(200.into()));
/// let q = |s: &str| s.parse().unwrap();
/// let rs = [(q("2024-Q1"), 95.into()), (q("2024-Q2"), 90.into())];
/// let policy = Ruleset::builtin("permenpanrb-6-2022").unwrap().policy;
/// let m = measure_over(&ind, &rs, q("2024-S1"), &policy, &Default::default()).unwrap().unwrap();
/// assert_eq!(m.actual, 185.into());
/// ```
pub fn measure_over(
    indicator: &Indicator,
    realisations: &[(Period, Decimal)],
    period: Period,
    policy: &Policy,
    at: &Location,
) -> Result<Option<Measured>> {
    let at = at.clone();
    let mut rs: Vec<Real> = realisations
        .iter()
        .filter(|r| period.contains(&r.0))
        .map(|r| Real { period: r.0, actual: r.1 })
        .collect();
    rs.sort_by_key(|r| r.period);
    if let Some(exact) = rs.iter().find(|r| r.period == period) {
        return Ok(Some(Measured {
            target: target_for(indicator, period, policy, &at)?,
            actual: exact.actual,
            periods: vec![period],
        }));
    }
    let missing = |reason: String| -> Result<Option<Measured>> {
        match policy.rating.missing_realisation {
            MissingRealisation::Error => {
                Err(Error::Missing { at: at.clone(), field: "realisation".into(), reason })
            }
            MissingRealisation::Exclude => Ok(None),
        }
    };
    if rs.is_empty() {
        return missing("no realisation inside the period".into());
    }
    for w in rs.windows(2) {
        if let [a, b] = w {
            if a.period.overlaps(&b.period) {
                return Err(Error::Input {
                    at: at.clone(),
                    field: "realisation.period".into(),
                    reason: format!("realisations for {} and {} overlap", a.period, b.period),
                });
            }
        }
    }
    let periods: Vec<Period> = rs.iter().map(|r| r.period).collect();
    match indicator.aggregation {
        Aggregation::Last => {
            let last = rs.iter().max_by_key(|r| r.period.last_month());
            match last {
                Some(r) if r.period.last_month() == period.last_month() => Ok(Some(Measured {
                    target: target_for(indicator, r.period, policy, &at)?,
                    actual: r.actual,
                    periods,
                })),
                Some(r) => missing(format!(
                    "the latest realisation ({}) does not reach the end of the period (last value aggregation)",
                    r.period
                )),
                None => missing("no realisation inside the period".into()),
            }
        }
        Aggregation::Cumulative | Aggregation::Mean => {
            let covered: BTreeSet<u8> =
                rs.iter().flat_map(|r| r.period.first_month()..=r.period.last_month()).collect();
            let uncovered: Vec<String> = (period.first_month()..=period.last_month())
                .filter(|m| !covered.contains(m))
                .map(|m| format!("{}-{m:02}", period.year()))
                .collect();
            if !uncovered.is_empty() {
                return missing(format!("no realisation covers {}", uncovered.join(", ")));
            }
            let actuals: Vec<Decimal> = rs.iter().map(|r| r.actual).collect();
            if indicator.aggregation == Aggregation::Cumulative {
                let actual = num::sum(actuals, &at)?;
                if rs.iter().all(|r| !indicator.period_targets.contains_key(&r.period)) {
                    // Full coverage without explicit period targets: ΣT is the period's own
                    // target, computed once (no accumulation of pro-rating remainders).
                    let target = target_for(indicator, period, policy, &at)?;
                    return Ok(Some(Measured { target, actual, periods }));
                }
                let mut target: Option<Target> = None;
                for r in &rs {
                    let t = target_for(indicator, r.period, policy, &at)?;
                    target = Some(match target {
                        None => t,
                        Some(acc) => acc.add(&t, &at)?,
                    });
                }
                let target = target.unwrap_or(indicator.target);
                Ok(Some(Measured { target, actual, periods }))
            } else {
                Ok(Some(Measured {
                    target: target_for(indicator, period, policy, &at)?,
                    actual: num::mean(&actuals, &at)?,
                    periods,
                }))
            }
        }
    }
}
