//! What every regime shares: measuring an indicator over a period from the plan's realisations.

use rust_decimal::Decimal;

use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Step};
use crate::model::{Aggregation, Indicator, Plan, Target};
use crate::num;
use crate::period::Period;
use crate::rules::{MissingRealisation, Policy};

/// One realisation of an indicator (period and actual).
struct Real {
    period: Period,
    actual: Decimal,
}

/// An indicator's target and actual for a period, aggregated from its realisations.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// The target for the period, from the declared targets (see [`super::targets`]).
    pub target: Target,
    /// Where the target came from.
    pub target_source: BiText,
    /// The actual for the period (ΣR, the last value, or the month-weighted mean).
    pub actual: Decimal,
    /// The realisation periods used, in order.
    pub periods: Vec<Period>,
    /// Notes about the declared targets (period targets that do not add up).
    pub notes: Vec<BiText>,
}

/// Measures `indicator` of `plan` over `period`.
///
/// * The target is the evaluated period's own target, from the declared targets
///   ([`super::targets::target_for`]), whatever the granularity of the realisations.
/// * The realisations inside `period` are combined by the indicator's aggregation: cumulative
///   ΣR and the month-weighted mean need realisations covering every month of `period`; last
///   needs a realisation ending with `period`. Overlapping realisations are an error. So the
///   same monthly values give the same achievement however they are grouped into reports.
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
/// let q = |s: &str| s.parse().unwrap();
/// let mut ind = Indicator::new("iki-1", "Pasien", Target::Point(400.into()));
/// // a cumulative count: the half-year target is declared (never pro-rated silently)
/// ind.period_targets.insert(q("2024-S1"), Target::Point(200.into()));
/// let rs = [(q("2024-Q1"), 95.into()), (q("2024-Q2"), 90.into())];
/// let policy = Ruleset::builtin("permenpanrb-6-2022").unwrap().policy;
/// let m = measure_over(&ind, &rs, q("2024-S1"), &policy, &Default::default()).unwrap().unwrap();
/// assert_eq!((m.actual, m.target), (185.into(), Target::Point(200.into())));
/// ```
pub fn measure_over(
    indicator: &Indicator,
    realisations: &[(Period, Decimal)],
    period: Period,
    policy: &Policy,
    at: &Location,
) -> Result<Option<Measured>> {
    measure_with(indicator, realisations, period, policy, at, true)
}

/// The target and the actual of [`measure_over`], the same checks and errors, without the
/// trace (the target's source text and the list of periods are not made): for a batch that
/// aggregates millions of indicators and reads the values alone.
///
/// ```
/// use kinerja_core::model::{Aggregation, Indicator, Target};
/// use kinerja_core::regime::common::measured_values;
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// let mut ind = Indicator::new("i1", "Pasien dilayani", Target::Point(dec!(400)));
/// ind.aggregation = Aggregation::Mean;
/// let q = [("2024-S1".parse().unwrap(), dec!(380)), ("2024-S2".parse().unwrap(), dec!(420))];
/// let v = measured_values(&ind, &q, "2024".parse().unwrap(), &Policy::default(), &Default::default());
/// assert_eq!(v.unwrap(), Some((Target::Point(dec!(400)), dec!(400))));
/// ```
pub fn measured_values(
    indicator: &Indicator,
    realisations: &[(Period, Decimal)],
    period: Period,
    policy: &Policy,
    at: &Location,
) -> Result<Option<(Target, Decimal)>> {
    Ok(measure_with(indicator, realisations, period, policy, at, false)?.map(|m| (m.target, m.actual)))
}

/// [`measure_over`], its trace made only with `texts`.
fn measure_with(
    indicator: &Indicator,
    realisations: &[(Period, Decimal)],
    period: Period,
    policy: &Policy,
    at: &Location,
    texts: bool,
) -> Result<Option<Measured>> {
    let mut rs: Vec<Real> = realisations
        .iter()
        .filter(|r| period.contains(&r.0))
        .map(|r| Real { period: r.0, actual: r.1 })
        .collect();
    rs.sort_by_key(|r| r.period);
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
    let periods: Vec<Period> = if texts { rs.iter().map(|r| r.period).collect() } else { Vec::new() };
    let actual = match indicator.aggregation {
        Aggregation::Last => match rs.iter().max_by_key(|r| r.period.last_month()) {
            Some(r) if r.period.last_month() == period.last_month() => r.actual,
            Some(r) => {
                return missing(format!(
                    "the latest realisation ({}) does not reach the end of the period (last value aggregation)",
                    r.period
                ));
            }
            None => return missing("no realisation inside the period".into()),
        },
        Aggregation::Cumulative | Aggregation::Mean => {
            // the months covered, bit m − 1 for month m (1–12), without a set per indicator
            let months = |p: &Period| (1u32 << p.last_month()) - (1u32 << (p.first_month() - 1));
            let covered = rs.iter().fold(0u32, |m, r| m | months(&r.period));
            if covered & months(&period) != months(&period) {
                let uncovered: Vec<String> = (period.first_month()..=period.last_month())
                    .filter(|m| covered & (1u32 << (m - 1)) == 0)
                    .map(|m| format!("{}-{m:02}", period.year()))
                    .collect();
                return missing(format!("no realisation covers {}", uncovered.join(", ")));
            }
            if indicator.aggregation == Aggregation::Cumulative {
                num::sum(rs.iter().map(|r| r.actual), at)?
            } else {
                month_weighted_mean(rs.iter().map(|r| (r.period, r.actual)), at)?
            }
        }
    };
    let resolved = super::targets::target_for_texts(indicator, period, policy, at, texts)?;
    Ok(Some(Measured {
        target: resolved.target,
        target_source: resolved.source,
        actual,
        periods,
        notes: resolved.notes,
    }))
}

/// The mean of period values weighted by the months each covers: a quarter of 60 and three
/// months of 30 give (3 × 60 + 3 × 30) / 6 = 45.
///
/// ```
/// use kinerja_core::regime::common::month_weighted_mean;
/// use rust_decimal_macros::dec;
/// let v = [("2024-Q1".parse().unwrap(), dec!(60)), ("2024-04".parse().unwrap(), dec!(30)),
///          ("2024-05".parse().unwrap(), dec!(30)), ("2024-06".parse().unwrap(), dec!(30))];
/// assert_eq!(month_weighted_mean(v, &Default::default()).unwrap(), dec!(45));
/// ```
pub fn month_weighted_mean<I: IntoIterator<Item = (Period, Decimal)>>(
    values: I,
    at: &Location,
) -> Result<Decimal> {
    let mut sum = Decimal::ZERO;
    let mut months = Decimal::ZERO;
    for (p, v) in values {
        let m = Decimal::from(p.months());
        sum = num::add(sum, num::mul(v, m, at)?, at)?;
        months = num::add(months, m, at)?;
    }
    num::div(sum, months, at)
}

/// The trace step saying where an indicator's target for the period came from.
pub fn target_step(indicator: &Indicator, period: Period, m: &Measured) -> Step {
    Step::new(
        &indicator.id,
        BiText::new(
            format!("Target {} untuk {period}", indicator.id),
            format!("Target of {} for {period}", indicator.id),
        ),
        m.target_source.clone(),
        BiText::same(m.target.to_string()),
        Citation::input("SKP")
            .with_topic(format!("target IKI `{}`", indicator.id), format!("IKI target `{}`", indicator.id)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn over(aggregation: Aggregation, parts: &[&str], period: &str) -> Result<Option<Measured>> {
        let mut ind = Indicator::new("i1", "i1", Target::Point(dec!(100)));
        ind.aggregation = aggregation;
        ind.period_targets.insert("2024-S1".parse().unwrap(), Target::Point(dec!(50)));
        let reals: Vec<(Period, Decimal)> = parts.iter().map(|p| (p.parse().unwrap(), dec!(10))).collect();
        measure_over(&ind, &reals, period.parse().unwrap(), &Policy::default(), &Location::default())
    }

    /// The values without the trace are the values of the trace, and so are the errors.
    #[test]
    fn measured_values_are_measure_overs_values() {
        let mut ind = Indicator::new("i1", "i1", Target::Point(dec!(400)));
        ind.period_targets.insert("2024-Q2".parse().unwrap(), Target::Point(dec!(90)));
        let p = |s: &str| s.parse::<Period>().unwrap();
        let reals = [(p("2024-Q1"), dec!(95)), (p("2024-Q2"), dec!(90)), (p("2024-S2"), dec!(230))];
        let mut prorate = Policy::default();
        prorate.achievement.prorate_cumulative = true;
        for aggregation in [Aggregation::Cumulative, Aggregation::Mean, Aggregation::Last] {
            ind.aggregation = aggregation;
            for period in ["2024", "2024-S1", "2024-Q2", "2024-Q3", "2024-S2", "2024-05"] {
                for policy in [&Policy::default(), &prorate] {
                    let at = Location::default();
                    let traced = measure_over(&ind, &reals, p(period), policy, &at);
                    let values = measured_values(&ind, &reals, p(period), policy, &at);
                    match (traced, values) {
                        (Ok(t), Ok(v)) => {
                            assert_eq!(
                                t.as_ref().map(|m| (m.target, m.actual)),
                                v,
                                "{aggregation:?} {period}"
                            );
                            assert!(t.is_none_or(|m| !m.target_source.en.is_empty()));
                        }
                        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
                        (t, v) => panic!("{aggregation:?} {period}: {t:?} / {v:?}"),
                    }
                }
            }
        }
    }

    /// Cumulative and mean indicators need every month of the period covered; the message
    /// lists the months no realisation covers, in order.
    #[test]
    fn every_month_of_the_period_is_covered_or_named() {
        let m = over(Aggregation::Cumulative, &["2024-Q1", "2024-Q2", "2024-S2"], "2024").unwrap().unwrap();
        assert_eq!(m.actual, dec!(30));
        let m = over(Aggregation::Mean, &["2024-01", "2024-02", "2024-03", "2024-Q2"], "2024-S1")
            .unwrap()
            .unwrap();
        assert_eq!((m.actual, m.target), (dec!(10), Target::Point(dec!(50))));
        // months 1 and 12 (the mask's ends) and a gap between parts
        for (parts, period, gaps) in [
            (&["2024-Q1", "2024-05", "2024-S2"][..], "2024", "2024-04, 2024-06"),
            (&["2024-02", "2024-03", "2024-Q2", "2024-S2"][..], "2024", "2024-01"),
            (&["2024-S1", "2024-Q3", "2024-10", "2024-11"][..], "2024", "2024-12"),
            (&["2024-Q2"][..], "2024-S1", "2024-01, 2024-02, 2024-03"),
        ] {
            let err = over(Aggregation::Cumulative, parts, period).unwrap_err().to_string();
            assert!(err.contains(&format!("no realisation covers {gaps}")), "{err}");
            assert!(!err.contains(&format!("{gaps}, ")), "only the uncovered months: {err}");
        }
    }
}
