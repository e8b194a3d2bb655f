//! Monitoring and early warning during the year: the actual of the periods reported so far
//! against the targets of those same periods (from the declared targets, see
//! [`crate::regime::targets`]), a status by policy thresholds, a year-end projection along the
//! declared trajectory, and a unit-level watchlist. See `docs/periods.md`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::show;
use crate::achievement::achievement;
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace, number_in};
use crate::labelled_enum;
use crate::model::{Aggregation, Indicator, Plan, Polarity, Realisation, Target};
use crate::num::{div, mul, sum};
use crate::period::Period;
use crate::rules::Policy;

const PATH: &str = "follow_up.monitoring";

/// Projections are shown to 10 decimal places (so that a third of a quarter's target comes
/// out whole).
const PROJECTION_ROUNDING: crate::num::Rounding = crate::num::Rounding::half_up(10);

labelled_enum! {
    /// Status of an indicator or plan against its trajectory, ordered by severity.
    pub enum TrackStatus: "track_status" {
        /// At or above the on-track threshold.
        OnTrack = ("on_track", "Sesuai jalur", "On track"),
        /// Between the thresholds.
        AtRisk = ("at_risk", "Berisiko", "At risk"),
        /// No realisation reported yet.
        NoData = ("no_data", "Belum ada data", "No data"),
        /// Below the at-risk threshold.
        OffTrack = ("off_track", "Menyimpang", "Off track"),
    }
}

pub use crate::rules::follow_up::monitoring::{MonitoringPolicy, Trajectory};

/// One indicator's position to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorMonitor {
    /// Indicator id.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// Periods of the realisations used (those ending by the as-of month).
    pub periods: Vec<Period>,
    /// Actual to date (sum, last or month-weighted mean by the indicator's aggregation);
    /// `None` without data.
    pub actual_to_date: Option<Decimal>,
    /// Target of the reported periods (sum, last or month-weighted mean); of the elapsed months
    /// when nothing was reported.
    pub target_to_date: Target,
    /// Achievement to date in percent (rounded); `None` without data or when nothing is due
    /// yet (a cumulative target to date of 0).
    pub progress: Option<Decimal>,
    /// Status.
    pub status: TrackStatus,
    /// Projected year-end actual along the trajectory (actual × annual target / target to
    /// date, to 10 places); `None` without data or when nothing is due yet.
    pub projected_year_end: Option<Decimal>,
    /// Projected year-end achievement in percent (rounded).
    pub projected_achievement: Option<Decimal>,
    /// How it was reached.
    pub trace: Trace,
}

/// A plan's position to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanMonitor {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    pub unit: String,
    /// The reference period (its last month is the last elapsed month).
    pub as_of: Period,
    /// Months elapsed.
    pub months_elapsed: u8,
    /// Per indicator.
    pub indicators: Vec<IndicatorMonitor>,
    /// The most severe indicator status (on track when there are no indicators).
    pub status: TrackStatus,
}

/// The first declared period of the indicator's trajectory (earliest start, then earliest end).
fn first_declared(ind: &Indicator) -> Option<(Period, Target)> {
    ind.period_targets.iter().min_by_key(|(p, _)| (p.first_month(), p.last_month())).map(|(p, t)| (*p, *t))
}

/// The target of one reported period on the trajectory, where it came from, and whether
/// anything is due in it.
fn period_target(
    ind: &Indicator,
    p: Period,
    policy: &Policy,
    at: &Location,
) -> Result<(Target, BiText, bool)> {
    if policy.follow_up.monitoring.trajectory == Trajectory::Linear {
        let t = ind.target;
        return Ok(match (ind.aggregation, t) {
            (Aggregation::Cumulative, Target::Point(v)) => {
                // multiply first, then divide: 2400 × 3 / 12 is exactly 600
                let share =
                    Target::Point(div(mul(v, Decimal::from(p.months()), at)?, Decimal::from(12), at)?);
                (share, BiText::same(format!("{p}: {t} × {}/12 = {share}", p.months())), true)
            }
            // a range is a condition that holds in each period, never pro-rated
            (_, Target::Range { .. }) => (
                t,
                BiText::new(
                    format!("{p}: {t} (target tahunan; rentang tidak diprorata)"),
                    format!("{p}: {t} (annual; a range is never pro-rated)"),
                ),
                true,
            ),
            _ => (t, BiText::new(format!("{p}: {t} (target tahunan)"), format!("{p}: {t} (annual)")), true),
        });
    }
    if let Some((first, ft)) = first_declared(ind) {
        if p.last_month() < first.first_month() {
            return Ok(match ind.aggregation {
                Aggregation::Cumulative => (
                    Target::Point(Decimal::ZERO),
                    BiText::new(
                        format!(
                            "{p}: 0 (belum ada yang jatuh tempo sebelum {first}, awal target yang ditetapkan)"
                        ),
                        format!("{p}: 0 (nothing due before {first}, where the declared targets start)"),
                    ),
                    false,
                ),
                _ => (
                    ft,
                    BiText::new(
                        format!("{p}: {ft} (target pertama yang ditetapkan, {first})"),
                        format!("{p}: {ft} (the first declared target, {first})"),
                    ),
                    true,
                ),
            });
        }
    }
    let r = crate::regime::targets::trajectory_target_for(ind, p, policy, at)?;
    Ok((
        r.target,
        BiText::new(
            format!("{p}: {} ({})", r.target, r.source.id),
            format!("{p}: {} ({})", r.target, r.source.en),
        ),
        true,
    ))
}

/// The target of the reported periods together: the sum (cumulative), the month-weighted mean
/// (mean) or the last period's target (last value). Range targets are conditions that hold in
/// each period, never summed or averaged: the same range in every reported period is that
/// range, as for an evaluation; differing ones are refused.
fn combine(ind: &Indicator, parts: &[(Period, Target)], at: &Location) -> Result<Target> {
    let Some((_, last)) = parts.last() else { return Ok(Target::Point(Decimal::ZERO)) };
    let same = parts.iter().all(|(_, t)| t == last);
    let ranges = parts.iter().any(|(_, t)| matches!(t, Target::Range { .. }));
    match ind.aggregation {
        Aggregation::Last => Ok(*last),
        _ if ranges && same => Ok(*last),
        _ if ranges => Err(Error::Indicator {
            at: at.clone(),
            field: "period_targets".into(),
            reason: format!(
                "the targets of the reported periods differ [{}] and a range is never summed or averaged; declare the same range for each period",
                parts.iter().map(|(p, t)| format!("{p}: {t}")).collect::<Vec<_>>().join(", ")
            ),
        }),
        Aggregation::Cumulative => {
            let mut acc = Target::Point(Decimal::ZERO);
            for (_, t) in parts {
                acc = acc.add(t, at)?;
            }
            Ok(acc)
        }
        Aggregation::Mean if same => Ok(*last),
        Aggregation::Mean => {
            let points = parts.iter().filter_map(|(p, t)| match t {
                Target::Point(v) => Some((*p, *v)),
                Target::Range { .. } => None,
            });
            Ok(Target::Point(crate::regime::common::month_weighted_mean(points, at)?))
        }
    }
}

/// The target to date of `periods` (the reported periods, or the elapsed months when nothing
/// was reported), whether anything is due in them, and how it was found.
fn target_to_date(
    ind: &Indicator,
    periods: &[Period],
    policy: &Policy,
    at: &Location,
) -> Result<(Target, bool, BiText)> {
    let mut parts = Vec::with_capacity(periods.len());
    let mut lines_id = Vec::with_capacity(periods.len());
    let mut lines_en = Vec::with_capacity(periods.len());
    let mut due = false;
    for p in periods {
        let (t, line, d) = period_target(ind, *p, policy, at)?;
        due |= d;
        parts.push((*p, t));
        lines_id.push(line.id);
        lines_en.push(line.en);
    }
    let t = combine(ind, &parts, at)?;
    let (how_id, how_en) = match ind.aggregation {
        Aggregation::Cumulative => ("Σ target periode yang dilaporkan", "Σ targets of the reported periods"),
        Aggregation::Mean => (
            "rata-rata tertimbang bulan target periode yang dilaporkan",
            "month-weighted mean of the targets of the reported periods",
        ),
        Aggregation::Last => {
            ("target periode terakhir yang dilaporkan", "target of the last reported period")
        }
    };
    Ok((
        t,
        due,
        BiText::new(
            format!("{how_id} [{}] = {t}", lines_id.join("; ")),
            format!("{how_en} [{}] = {t}", lines_en.join("; ")),
        ),
    ))
}

/// Monitors a plan in progress as of `as_of` (realisations of periods ending by its last month,
/// measured against the targets of those periods).
///
/// ```
/// use kinerja_core::followup::{monitor_plan, TrackStatus};
/// use kinerja_core::model::Plan;
/// use kinerja_core::rules::Policy;
/// let plan = Plan::from_json(r#"{
///   "employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"},
///   "year": 2024,
///   "results": [{"id": "r1", "description": "Layanan", "indicators": [
///       {"id": "i1", "name": "Pasien dilayani", "target": 1200}]}],
///   "realisations": [{"indicator": "i1", "period": "2024-Q1", "actual": 240}]
/// }"#).unwrap();
/// let m = monitor_plan(&plan, &"2024-03".parse().unwrap(), &Policy::default()).unwrap();
/// let i = &m.indicators[0];
/// assert_eq!(i.progress.unwrap().to_string(), "80.00"); // 240 of 300 expected
/// assert_eq!(i.status, TrackStatus::AtRisk);
/// assert_eq!(i.projected_year_end.unwrap().to_string(), "960");
/// ```
pub fn monitor_plan(plan: &Plan, as_of: &Period, policy: &Policy) -> Result<PlanMonitor> {
    plan.validate()?;
    let mp = &policy.follow_up.monitoring;
    let base = Location::employee(&plan.employee.id).with_unit(&plan.employee.unit).with_period(as_of);
    if as_of.year() != plan.year {
        return Err(Error::Input {
            at: base,
            field: "as_of".into(),
            reason: format!("outside plan year {}", plan.year),
        });
    }
    let elapsed = as_of.last_month();
    let round = policy.rounding.achievement;
    let mut out = Vec::new();
    for (_, ind) in plan.indicators() {
        let at = base.clone().with_indicator(&ind.id);
        let mut rs: Vec<&Realisation> = plan
            .realisations
            .iter()
            .filter(|r| r.indicator == ind.id && r.period.last_month() <= elapsed)
            .collect();
        rs.sort_by_key(|r| r.period);
        for w in rs.windows(2) {
            if let [a, b] = w {
                if a.period.overlaps(&b.period) {
                    return Err(Error::Duplicate {
                        at: at.clone().with_period(b.period),
                        kind: "realisation (overlapping periods)".into(),
                        id: format!("{} / {}", a.period, b.period),
                    });
                }
            }
        }
        let periods: Vec<Period> = rs.iter().map(|r| r.period).collect();
        // Measured against the targets of the periods reported; with nothing reported, the
        // target of the elapsed months is shown.
        let span: Vec<Period> = if periods.is_empty() {
            (1..=elapsed).filter_map(|m| Period::month(plan.year, m).ok()).collect()
        } else {
            periods.clone()
        };
        let (target, due, target_how) = target_to_date(ind, &span, policy, &at)?;
        let mut trace = Trace::new(BiText::new(
            format!("Pemantauan indikator {} s.d. {as_of}", ind.id),
            format!("Monitoring of indicator {} up to {as_of}", ind.id),
        ));
        let traj_cite = Citation::policy(&policy.id, &format!("{PATH}.trajectory"));
        trace.push(Step::new(
            "target_to_date",
            BiText::new("Target s.d. saat ini", "Target to date"),
            target_how,
            BiText::same(target.to_string()),
            traj_cite.clone(),
        ));
        if rs.is_empty() {
            let (why, status) = if due {
                (
                    BiText::new("belum ada realisasi yang dilaporkan", "no realisation reported yet"),
                    TrackStatus::NoData,
                )
            } else {
                (
                    BiText::new(
                        "belum ada realisasi dan belum ada target yang jatuh tempo",
                        "no realisation reported and nothing is due yet",
                    ),
                    TrackStatus::OnTrack,
                )
            };
            trace.push(Step::new(
                "status",
                BiText::new("Status", "Status"),
                why,
                BiText::new(status.label(Lang::Id), status.label(Lang::En)),
                Citation::policy(&policy.id, PATH),
            ));
            out.push(IndicatorMonitor {
                indicator: ind.id.clone(),
                name: ind.name.clone(),
                periods,
                actual_to_date: None,
                target_to_date: target,
                progress: None,
                status,
                projected_year_end: None,
                projected_achievement: None,
                trace,
            });
            continue;
        }
        let actuals: Vec<Decimal> = rs.iter().map(|r| r.actual).collect();
        let (actual, how_id, how_en) = match ind.aggregation {
            Aggregation::Cumulative => (sum(actuals.iter().copied(), &at)?, "Σ", "Σ"),
            Aggregation::Last => (actuals.last().copied().unwrap_or_default(), "realisasi terakhir", "last"),
            Aggregation::Mean => (
                crate::regime::common::month_weighted_mean(rs.iter().map(|r| (r.period, r.actual)), &at)?,
                "rata-rata tertimbang bulan",
                "month-weighted mean",
            ),
        };
        let list: Vec<String> = rs.iter().map(|r| format!("{}: {}", r.period, show(r.actual))).collect();
        let unreported: Vec<String> = (1..=elapsed)
            .filter(|m| !periods.iter().any(|p| (p.first_month()..=p.last_month()).contains(m)))
            .map(|m| format!("{}-{m:02}", plan.year))
            .collect();
        let (gap_id, gap_en) = if unreported.is_empty() {
            (String::new(), String::new())
        } else {
            (
                format!("; belum dilaporkan: {}", unreported.join(", ")),
                format!("; not reported yet: {}", unreported.join(", ")),
            )
        };
        trace.push(Step::new(
            "actual_to_date",
            BiText::new("Realisasi s.d. saat ini", "Actual to date"),
            BiText::new(
                format!("{how_id} [{}]{gap_id}", list.join("; ")),
                format!("{how_en} [{}]{gap_en}", list.join("; ")),
            ),
            BiText::same(show(actual)),
            Citation::input("SKP").with_topic("realisasi", "realisations"),
        ));
        let ach = |t: Target, a: Decimal| -> Result<Decimal> {
            let x = achievement(t, a, ind.polarity, &policy.achievement, ind.cap)
                .map_err(|e| e.into_error(&at))?;
            Ok(x.value)
        };
        let nothing_due = !due
            || (ind.aggregation == Aggregation::Cumulative
                && ind.polarity == Polarity::HigherIsBetter
                && target == Target::Point(Decimal::ZERO));
        let (progress, status) = if nothing_due {
            trace.push(Step::new(
                "status",
                BiText::new("Status", "Status"),
                BiText::new(
                    "target s.d. saat ini 0: belum ada yang jatuh tempo",
                    "target to date is 0: nothing is due yet",
                ),
                BiText::new(TrackStatus::OnTrack.label(Lang::Id), TrackStatus::OnTrack.label(Lang::En)),
                traj_cite.clone(),
            ));
            (None, TrackStatus::OnTrack)
        } else {
            let raw = ach(target, actual)?;
            let progress = round.apply(raw);
            let status = if progress >= mp.on_track_min {
                TrackStatus::OnTrack
            } else if progress >= mp.at_risk_min {
                TrackStatus::AtRisk
            } else {
                TrackStatus::OffTrack
            };
            trace.push(
                Step::new(
                    "progress",
                    BiText::new("Capaian s.d. saat ini", "Achievement to date"),
                    BiText::new(
                        format!("capaian({}, {target}, {})", show(actual), ind.polarity.label(Lang::Id)),
                        format!("achievement({}, {target}, {})", show(actual), ind.polarity.label(Lang::En)),
                    ),
                    BiText::same(format!("{progress}%")),
                    Citation::policy(&policy.id, "achievement"),
                )
                .unrounded(show(raw)),
            );
            trace.push(Step::new(
                "status",
                BiText::new("Status", "Status"),
                BiText::new(
                    format!(
                        "sesuai jalur ≥ {}%, berisiko ≥ {}%",
                        show(mp.on_track_min),
                        show(mp.at_risk_min)
                    ),
                    format!("on track ≥ {}%, at risk ≥ {}%", show(mp.on_track_min), show(mp.at_risk_min)),
                ),
                BiText::new(status.label(Lang::Id), status.label(Lang::En)),
                Citation::policy(&policy.id, &format!("{PATH}.on_track_min / at_risk_min")),
            ));
            (Some(progress), status)
        };
        // Projection along the declared trajectory: the achievement to date held to the end of
        // the year (actual × annual target / target to date), which is the linear projection
        // under a linear trajectory and respects back-loaded targets and either polarity.
        let months_reported: u8 = periods.iter().map(|p| p.months()).sum();
        let proj = if nothing_due {
            None
        } else {
            Some(match (target, ind.target) {
                (Target::Point(t), Target::Point(annual)) if !t.is_zero() => {
                    let v = PROJECTION_ROUNDING.apply(div(mul(actual, annual, &at)?, t, &at)?).normalize();
                    let f = format!("{} × {}/{}", show(actual), show(annual), show(t));
                    (
                        v,
                        BiText::new(
                            format!("menurut lintasan target: {f}"),
                            format!("on the target trajectory: {f}"),
                        ),
                    )
                }
                _ if ind.aggregation == Aggregation::Cumulative => {
                    let v = PROJECTION_ROUNDING
                        .apply(div(
                            mul(actual, Decimal::from(12), &at)?,
                            Decimal::from(months_reported),
                            &at,
                        )?)
                        .normalize();
                    let f = format!("{} × 12/{months_reported}", show(actual));
                    (v, BiText::new(format!("linear: {f}"), format!("linear: {f}")))
                }
                _ => (actual, BiText::new("nilai saat ini dipertahankan", "current value held")),
            })
        };
        let (projected, projected_achievement) = match proj {
            None => {
                trace.push(Step::new(
                    "projection",
                    BiText::new("Proyeksi akhir tahun", "Year-end projection"),
                    BiText::new(
                        "belum ada target yang jatuh tempo: tidak diproyeksikan",
                        "nothing is due yet: no projection",
                    ),
                    BiText::same("—"),
                    traj_cite.clone(),
                ));
                (None, None)
            }
            Some((projected, how)) => {
                let pa = round.apply(ach(ind.target, projected)?);
                trace.push(Step::new(
                    "projection",
                    BiText::new("Proyeksi akhir tahun", "Year-end projection"),
                    BiText::new(
                        format!("{} = {}; capaian terhadap {} = {pa}%", how.id, show(projected), ind.target),
                        format!(
                            "{} = {}; achievement against {} = {pa}%",
                            how.en,
                            show(projected),
                            ind.target
                        ),
                    ),
                    BiText::same(show(projected)),
                    Citation::unconfirmed("engine convention").with_topic(
                        "proyeksi menurut lintasan target",
                        "projection along the target trajectory",
                    ),
                ));
                (Some(projected), Some(pa))
            }
        };
        out.push(IndicatorMonitor {
            indicator: ind.id.clone(),
            name: ind.name.clone(),
            periods,
            actual_to_date: Some(actual),
            target_to_date: target,
            progress,
            status,
            projected_year_end: projected,
            projected_achievement,
            trace,
        });
    }
    let status = out.iter().map(|i| i.status).max().unwrap_or(TrackStatus::OnTrack);
    Ok(PlanMonitor {
        employee: plan.employee.id.clone(),
        unit: plan.employee.unit.clone(),
        as_of: *as_of,
        months_elapsed: elapsed,
        indicators: out,
        status,
    })
}

/// An indicator needing attention.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WatchItem {
    /// Unit id.
    pub unit: String,
    /// Employee id.
    pub employee: String,
    /// Indicator id.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// Status (at risk, no data or off track).
    pub status: TrackStatus,
    /// Achievement to date.
    pub progress: Option<Decimal>,
    /// Projected year-end achievement.
    pub projected_achievement: Option<Decimal>,
    /// Why it is listed.
    pub reason: BiText,
}

/// The unit-level early-warning list.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Watchlist {
    /// Indicators not on track, by unit, then severity (worst first), then employee.
    pub items: Vec<WatchItem>,
    /// Employees with at least one indicator not on track, with their worst status, per unit.
    pub employees: BTreeMap<String, BTreeMap<String, TrackStatus>>,
}

/// Lists every indicator that is not on track across `monitors`.
pub fn watchlist(monitors: &[PlanMonitor]) -> Watchlist {
    let mut w = Watchlist::default();
    for m in monitors {
        for i in &m.indicators {
            if i.status == TrackStatus::OnTrack {
                continue;
            }
            let reason = match (i.progress, i.projected_achievement) {
                (Some(p), Some(pa)) => BiText::new(
                    format!(
                        "capaian s.d. {} {}% terhadap target {}; proyeksi akhir tahun {}%",
                        m.as_of,
                        number_in(&p.to_string(), Lang::Id),
                        number_in(&i.target_to_date.to_string(), Lang::Id),
                        number_in(&pa.to_string(), Lang::Id)
                    ),
                    format!(
                        "achievement to {} {p}% against target {}; year-end projection {pa}%",
                        m.as_of, i.target_to_date
                    ),
                ),
                _ => BiText::new(
                    format!("belum ada realisasi s.d. {}", m.as_of),
                    format!("no realisation reported up to {}", m.as_of),
                ),
            };
            w.items.push(WatchItem {
                unit: m.unit.clone(),
                employee: m.employee.clone(),
                indicator: i.indicator.clone(),
                name: i.name.clone(),
                status: i.status,
                progress: i.progress,
                projected_achievement: i.projected_achievement,
                reason,
            });
            let slot =
                w.employees.entry(m.unit.clone()).or_default().entry(m.employee.clone()).or_insert(i.status);
            if i.status > *slot {
                *slot = i.status;
            }
        }
    }
    w.items.sort_by(|a, b| {
        (a.unit.as_str(), std::cmp::Reverse(a.status), a.employee.as_str(), a.indicator.as_str()).cmp(&(
            b.unit.as_str(),
            std::cmp::Reverse(b.status),
            b.employee.as_str(),
            b.indicator.as_str(),
        ))
    });
    w
}
