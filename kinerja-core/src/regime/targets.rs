//! The target of an indicator for an evaluated period, from the targets the plan declares.
//!
//! The target of a period comes from the most specific declared targets covering it (see
//! `docs/periods.md`):
//!
//! * a target declared for exactly the period;
//! * otherwise declared targets of its parts (semesters, quarters, months, recursively), combined
//!   by the indicator's aggregation: the sum for cumulative indicators, the month-weighted mean
//!   for mean indicators, the target of the part that ends the period for last-value indicators;
//! * otherwise, for mean and last-value indicators, the target of the most specific declared
//!   period containing it (a level, rate or index target holds in each of its periods);
//! * otherwise, for a cumulative indicator, an error naming the missing periods and the fixes,
//!   unless the policy opts in to linear pro-rating (`achievement.prorate_cumulative`).
//!
//! A range target is a condition: it is never summed nor pro-rated.

use rust_decimal::Decimal;

use crate::achievement::PeriodTargetMismatch;
use crate::error::{Error, Location, Result};
use crate::explain::BiText;
use crate::model::{Aggregation, Indicator, Target};
use crate::num;
use crate::period::Period;
use crate::rules::Policy;

/// A resolved target with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedTarget {
    /// The target for the evaluated period.
    pub target: Target,
    /// Where the target came from, for the trace.
    pub source: BiText,
    /// Notes to show with the evaluation (declared targets that do not add up).
    pub notes: Vec<BiText>,
}

/// The target declared for exactly `p`: a period target, or the plan target for the year.
fn declared(ind: &Indicator, p: Period) -> Option<Target> {
    ind.period_targets.get(&p).copied().or_else(|| (p.months() == 12).then_some(ind.target))
}

/// Declared targets of `p` or of its parts (recursively) that tile `p`, in order.
fn cover(ind: &Indicator, p: Period) -> Option<Vec<(Period, Target)>> {
    if let Some(t) = declared(ind, p) {
        return Some(vec![(p, t)]);
    }
    let children = p.children();
    if children.is_empty() {
        return None;
    }
    let mut out = Vec::new();
    for c in children {
        out.extend(cover(ind, c)?);
    }
    Some(out)
}

/// The parts of `p` that no declared target covers, as coarse as possible.
fn missing(ind: &Indicator, p: Period) -> Vec<Period> {
    if declared(ind, p).is_some() {
        return Vec::new();
    }
    if !ind.period_targets.keys().any(|q| p.contains(q)) {
        return vec![p];
    }
    p.children().into_iter().flat_map(|c| missing(ind, c)).collect()
}

/// The most specific declared period containing `p` (the year at least) with its target.
fn enclosing(ind: &Indicator, p: Period) -> (Period, Target) {
    p.ancestors()
        .into_iter()
        .find_map(|a| declared(ind, a).map(|t| (a, t)))
        .unwrap_or((p.year_period(), ind.target))
}

fn list(parts: &[(Period, Target)]) -> String {
    parts.iter().map(|(p, t)| format!("{p}: {t}")).collect::<Vec<_>>().join("; ")
}

/// True when the unit says the indicator is a percentage (never pro-rated).
fn is_percentage(ind: &Indicator) -> bool {
    let u = ind.unit_of_measure.trim().to_lowercase();
    u == "%" || u == "persen" || u == "percent"
}

/// The target of `ind` for `period` (see the module documentation).
///
/// ```
/// use kinerja_core::model::{Indicator, Target};
/// use kinerja_core::regime::targets::target_for;
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// let mut ind = Indicator::new("i1", "Pasien", Target::Point(dec!(1200)));
/// for (q, t) in [("2024-Q1", dec!(100)), ("2024-Q2", dec!(200)), ("2024-Q3", dec!(400)), ("2024-Q4", dec!(500))] {
///     ind.period_targets.insert(q.parse().unwrap(), Target::Point(t));
/// }
/// let p = Policy::default();
/// let s1 = target_for(&ind, "2024-S1".parse().unwrap(), &p, &Default::default()).unwrap();
/// assert_eq!(s1.target, Target::Point(dec!(300)));
/// // No declared target covers March, and pro-rating is not declared: an error.
/// assert!(target_for(&ind, "2024-03".parse().unwrap(), &p, &Default::default()).is_err());
/// ```
pub fn target_for(ind: &Indicator, period: Period, policy: &Policy, at: &Location) -> Result<ResolvedTarget> {
    target_for_texts(ind, period, policy, at, true)
}

/// [`target_for`], its `source` text made only with `texts` (empty otherwise: for a batch that
/// reads the target alone).
pub(crate) fn target_for_texts(
    ind: &Indicator,
    period: Period,
    policy: &Policy,
    at: &Location,
    texts: bool,
) -> Result<ResolvedTarget> {
    let how = if policy.achievement.prorate_cumulative { Interpolation::Policy } else { Interpolation::None };
    resolve(ind, period, policy, at, how, texts)
}

/// The target of `ind` for `period` on the monitoring trajectory
/// (`follow_up.monitoring.trajectory = "period_targets"`): as [`target_for`], except that a
/// cumulative indicator's period that no declared target covers takes the target of the most
/// specific declared period containing it pro-rated by months (a partly elapsed quarter counts
/// pro rata), whatever `achievement.prorate_cumulative` says. A percentage or a range is still
/// never pro-rated.
///
/// ```
/// use kinerja_core::model::{Indicator, Target};
/// use kinerja_core::regime::targets::trajectory_target_for;
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// let mut ind = Indicator::new("i1", "Imunisasi", Target::Point(dec!(400)));
/// ind.period_targets.insert("2024-Q2".parse().unwrap(), Target::Point(dec!(90)));
/// let p = Policy::default();
/// let april = trajectory_target_for(&ind, "2024-04".parse().unwrap(), &p, &Default::default()).unwrap();
/// assert_eq!(april.target, Target::Point(dec!(30))); // 90 × 1/3
/// ```
pub fn trajectory_target_for(
    ind: &Indicator,
    period: Period,
    policy: &Policy,
    at: &Location,
) -> Result<ResolvedTarget> {
    resolve(ind, period, policy, at, Interpolation::Trajectory, true)
}

/// Whether (and why) a cumulative target may be pro-rated by months.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Interpolation {
    /// Never: an error names the missing targets.
    None,
    /// The policy opts in (`achievement.prorate_cumulative`).
    Policy,
    /// The monitoring trajectory.
    Trajectory,
}

fn resolve(
    ind: &Indicator,
    period: Period,
    policy: &Policy,
    at: &Location,
    how: Interpolation,
    texts: bool,
) -> Result<ResolvedTarget> {
    let notes = mismatch_notes(ind, policy, at)?;
    // the trace's text is made only when asked (`texts`): batch paths read the target alone
    let done = |target: Target, source: &dyn Fn() -> BiText| {
        let source = if texts { source() } else { BiText::default() };
        Ok(ResolvedTarget { target, source, notes: notes.clone() })
    };
    if let Some(t) = declared(ind, period) {
        let what = || {
            if ind.period_targets.contains_key(&period) {
                BiText::new(
                    format!("target periode {period} yang ditetapkan"),
                    format!("declared target of {period}"),
                )
            } else {
                BiText::new(format!("target tahunan {period}"), format!("annual target of {period}"))
            }
        };
        return done(t, &what);
    }
    let parts = cover(ind, period);
    let points = |ps: &Vec<(Period, Target)>| ps.iter().all(|(_, t)| matches!(t, Target::Point(_)));
    if let Some(parts) = parts.as_ref().filter(|ps| points(ps)) {
        return match ind.aggregation {
            Aggregation::Cumulative => {
                let mut sum = Target::Point(Decimal::ZERO);
                for (_, t) in parts {
                    sum = sum.add(t, at)?;
                }
                done(sum, &|| {
                    BiText::new(
                        format!("jumlah target periode yang ditetapkan [{}]", list(parts)),
                        format!("sum of the declared period targets [{}]", list(parts)),
                    )
                })
            }
            Aggregation::Mean => done(weighted_mean(parts, period, at)?, &|| {
                BiText::new(
                    format!("rata-rata target periode tertimbang bulan [{}]", list(parts)),
                    format!("month-weighted mean of the declared period targets [{}]", list(parts)),
                )
            }),
            Aggregation::Last => last_part(parts, period, &done),
        };
    }
    if let Some(parts) = parts.as_ref() {
        // Range targets: a condition that holds in each part; parts must agree.
        if let Some((_, first)) = parts.first() {
            if parts.iter().all(|(_, t)| t == first) {
                return done(*first, &|| {
                    BiText::new(
                        format!("target rentang yang sama untuk setiap bagian [{}]", list(parts)),
                        format!("the same range target for each part [{}]", list(parts)),
                    )
                });
            }
            if ind.aggregation == Aggregation::Last {
                return last_part(parts, period, &done);
            }
        }
        return Err(Error::Indicator {
            at: at.clone(),
            field: "period_targets".into(),
            reason: format!(
                "the range targets of the parts of {period} differ [{}] and a range is never summed or averaged; declare a target for {period}",
                list(parts)
            ),
        });
    }
    let (outer, t) = enclosing(ind, period);
    let prorate = ind.aggregation == Aggregation::Cumulative
        && matches!(t, Target::Point(_))
        && how != Interpolation::None;
    if ind.aggregation != Aggregation::Cumulative || matches!(t, Target::Range { .. }) {
        return done(t, &|| {
            BiText::new(
                format!(
                    "target {outer} berlaku pada setiap periodenya (target tingkat, rasio, indeks atau rentang; tidak diprorata)"
                ),
                format!(
                    "the target of {outer} holds in each of its periods (a level, rate, index or range target; never pro-rated)"
                ),
            )
        });
    }
    if prorate && !is_percentage(ind) {
        let Target::Point(v) = t else { return Err(missing_error(ind, period, at)) };
        // Multiply first, then divide: 2400 × 3 / 12 is exactly 600.
        let v =
            num::div(num::mul(v, Decimal::from(period.months()), at)?, Decimal::from(outer.months()), at)?;
        let (why_id, why_en) = match how {
            Interpolation::Trajectory => (
                "lintasan pemantauan follow_up.monitoring.trajectory",
                "monitoring trajectory follow_up.monitoring.trajectory",
            ),
            _ => ("kebijakan achievement.prorate_cumulative", "policy achievement.prorate_cumulative"),
        };
        return done(Target::Point(v), &|| {
            BiText::new(
                format!(
                    "target {outer} {t} diprorata {}/{} bulan ({why_id})",
                    period.months(),
                    outer.months()
                ),
                format!(
                    "target of {outer} {t} pro-rated {}/{} months ({why_en})",
                    period.months(),
                    outer.months()
                ),
            )
        });
    }
    Err(missing_error(ind, period, at))
}

fn missing_error(ind: &Indicator, period: Period, at: &Location) -> Error {
    let gaps: Vec<String> = missing(ind, period).iter().map(|p| p.to_string()).collect();
    let gaps = gaps.join(", ");
    let what = if gaps == period.to_string() {
        format!("no target is declared for {period}")
    } else {
        format!("no declared target covers {gaps} of {period}")
    };
    let pct = if is_percentage(ind) { " (a percentage is never pro-rated)" } else { "" };
    Error::Indicator {
        at: at.clone(),
        field: "period_targets".into(),
        reason: format!(
            "indicator `{}` is cumulative and {what}{pct}; fix one of: declare period_targets for {gaps} (or for their parts); declare aggregation = \"mean\" or \"last\" if it is a rate, index or percentage (its annual target then holds in every period); or, for a count, set policy achievement.prorate_cumulative = true to pro-rate the annual target by months",
            ind.id,
        ),
    }
}

fn weighted_mean(parts: &[(Period, Target)], period: Period, at: &Location) -> Result<Target> {
    let mut acc = Decimal::ZERO;
    for (p, t) in parts {
        let Target::Point(v) = t else {
            return Err(Error::Indicator {
                at: at.clone(),
                field: "period_targets".into(),
                reason: format!("cannot average a range target ({p}: {t})"),
            });
        };
        acc = num::add(acc, num::mul(*v, Decimal::from(p.months()), at)?, at)?;
    }
    Ok(Target::Point(num::div(acc, Decimal::from(period.months()), at)?))
}

/// Resolves a target with the text of its source, made only when the trace is asked for.
type Done<'a> = dyn Fn(Target, &dyn Fn() -> BiText) -> Result<ResolvedTarget> + 'a;

fn last_part(parts: &[(Period, Target)], period: Period, done: &Done) -> Result<ResolvedTarget> {
    match parts.last() {
        Some((p, t)) => done(*t, &|| {
            BiText::new(
                format!("target periode {p} yang ditetapkan, akhir {period} (nilai terakhir)"),
                format!("declared target of {p}, which ends {period} (last value)"),
            )
        }),
        None => Err(Error::Indicator {
            at: Location::default().with_period(period),
            field: "period_targets".into(),
            reason: format!("no declared target ends {period}"),
        }),
    }
}

/// Checks that the declared period targets of a cumulative indicator add up to the target of
/// every declared period they tile (the year included); a last-value indicator's period
/// ending in December must carry the annual target. A mismatch is a note or an error
/// (`achievement.period_target_mismatch`).
pub fn mismatch_notes(ind: &Indicator, policy: &Policy, at: &Location) -> Result<Vec<BiText>> {
    if ind.period_targets.is_empty() {
        return Ok(Vec::new());
    }
    let Some(any) = ind.period_targets.keys().next() else { return Ok(Vec::new()) };
    let year = any.year_period();
    let mut wholes: Vec<Period> = ind.period_targets.keys().copied().collect();
    if !wholes.contains(&year) {
        wholes.push(year);
    }
    let mut found = Vec::new();
    for whole in wholes {
        let Some(t) = declared(ind, whole) else { continue };
        let Target::Point(tv) = t else { continue };
        let mut parts = Vec::new();
        for c in whole.children() {
            match cover(ind, c) {
                Some(p) => parts.extend(p),
                None => {
                    parts.clear();
                    break;
                }
            }
        }
        if parts.is_empty() {
            continue;
        }
        let got = match ind.aggregation {
            Aggregation::Cumulative => {
                let mut s = Decimal::ZERO;
                let mut ok = true;
                for (_, pt) in &parts {
                    match pt {
                        Target::Point(v) => s = num::add(s, *v, at)?,
                        Target::Range { .. } => ok = false,
                    }
                }
                if !ok {
                    continue;
                }
                s
            }
            Aggregation::Last => match parts.last() {
                Some((_, Target::Point(v))) => *v,
                _ => continue,
            },
            Aggregation::Mean => continue,
        };
        if got != tv {
            let (how_id, how_en) = match ind.aggregation {
                Aggregation::Last => ("target bagian terakhir", "the target of the last part"),
                _ => ("jumlah target bagiannya", "the sum of its parts' targets"),
            };
            found.push(BiText::new(
                format!(
                    "IKI `{}`: target {whole} = {t}, tetapi {how_id} [{}] = {}",
                    ind.id,
                    list(&parts),
                    got.normalize()
                ),
                format!(
                    "indicator `{}`: the target of {whole} is {t} but {how_en} [{}] is {}",
                    ind.id,
                    list(&parts),
                    got.normalize()
                ),
            ));
        }
    }
    if let (Some(first), PeriodTargetMismatch::Error) =
        (found.first(), policy.achievement.period_target_mismatch)
    {
        return Err(Error::Indicator {
            at: at.clone(),
            field: "period_targets".into(),
            reason: format!(
                "{} (policy achievement.period_target_mismatch = \"error\"; correct the targets or set it to \"note\")",
                first.en
            ),
        });
    }
    Ok(found)
}
