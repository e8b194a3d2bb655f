//! Monitoring and early warning during the year: cumulative achievement to date against a
//! pro-rated trajectory (linear, or the indicator's own period targets), a status by policy
//! thresholds, an exact linear year-end projection, and a unit-level watchlist.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{pol, show};
use crate::achievement::achievement;
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::model::{Aggregation, Indicator, Plan, Polarity, Realisation, Target};
use crate::num::{div, mean, mul, sum};
use crate::period::Period;
use crate::rules::Policy;

const PATH: &str = "follow_up.monitoring";

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

/// How the target to date is found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Trajectory {
    /// The annual target × elapsed months / 12, always.
    Linear,
    /// The indicator's period targets when it has any (a period partly elapsed counts
    /// pro rata), otherwise linear. Default.
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
        if self.at_risk_min.is_sign_negative() && !self.at_risk_min.is_zero() {
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

/// One indicator's position to date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndicatorMonitor {
    /// Indicator id.
    pub indicator: String,
    /// Indicator name.
    pub name: String,
    /// Periods of the realisations used.
    pub periods: Vec<Period>,
    /// Actual to date (sum, last or mean by the indicator's aggregation); `None` without data.
    pub actual_to_date: Option<Decimal>,
    /// Target to date.
    pub target_to_date: Target,
    /// Achievement to date in percent (rounded); `None` without data or when nothing is due
    /// yet (a cumulative target to date of 0).
    pub progress: Option<Decimal>,
    /// Status.
    pub status: TrackStatus,
    /// Projected year-end actual (exact); `None` without data.
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

fn prorate(t: Target, num: Decimal, den: Decimal, at: &Location) -> Result<Target> {
    let f = |v: Decimal| -> Result<Decimal> { div(mul(v, num, at)?, den, at) };
    Ok(match t {
        Target::Point(v) => Target::Point(f(v)?),
        Target::Range { low, high } => Target::Range { low: f(low)?, high: f(high)? },
    })
}

fn target_to_date(
    ind: &Indicator,
    elapsed: u8,
    trajectory: Trajectory,
    at: &Location,
) -> Result<(Target, BiText)> {
    let twelve = Decimal::from(12);
    let linear = || -> Result<(Target, BiText)> {
        let t = prorate(ind.target, Decimal::from(elapsed), twelve, at)?;
        Ok((
            t,
            BiText::new(
                format!("target tahunan {} × {elapsed}/12 = {t}", ind.target),
                format!("annual target {} × {elapsed}/12 = {t}", ind.target),
            ),
        ))
    };
    if ind.aggregation != Aggregation::Cumulative {
        if trajectory == Trajectory::PeriodTargets {
            // The period target of the last elapsed period that has one, else the annual target.
            if let Some((p, t)) = ind.period_targets.iter().rev().find(|(p, _)| p.last_month() <= elapsed) {
                return Ok((
                    *t,
                    BiText::new(format!("target periode {p} = {t}"), format!("target of period {p} = {t}")),
                ));
            }
        }
        return Ok((
            ind.target,
            BiText::new(
                format!("target tahunan {} (agregasi {})", ind.target, ind.aggregation.label(Lang::Id)),
                format!("annual target {} (aggregation {})", ind.target, ind.aggregation.label(Lang::En)),
            ),
        ));
    }
    if trajectory == Trajectory::Linear || ind.period_targets.is_empty() {
        return linear();
    }
    let mut ps: Vec<&Period> = ind.period_targets.keys().collect();
    ps.sort();
    for w in ps.windows(2) {
        if let [a, b] = w {
            if a.overlaps(b) {
                return Err(Error::Indicator {
                    at: at.clone().with_period(b),
                    field: "period_targets".into(),
                    reason: format!("period targets {a} and {b} overlap, so the trajectory is ambiguous"),
                });
            }
        }
    }
    let mut total: Option<Target> = None;
    let mut parts = Vec::new();
    for (p, t) in &ind.period_targets {
        let first = p.first_month();
        let last = p.last_month();
        let part = if last <= elapsed {
            parts.push(format!("{p}: {t}"));
            *t
        } else if first <= elapsed {
            let done = elapsed - first + 1;
            let x = prorate(*t, Decimal::from(done), Decimal::from(p.months()), at)?;
            parts.push(format!("{p}: {t} × {done}/{} = {x}", p.months()));
            x
        } else {
            continue;
        };
        total = Some(match total {
            None => part,
            Some(acc) => acc.add(&part, at)?,
        });
    }
    match total {
        Some(t) => Ok((
            t,
            BiText::new(
                format!("Σ target periode [{}] = {t}", parts.join("; ")),
                format!("Σ period targets [{}] = {t}", parts.join("; ")),
            ),
        )),
        None => linear(),
    }
}

/// Monitors a plan in progress as of `as_of` (realisations of periods ending by its last month).
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
        let (target, target_how) = target_to_date(ind, elapsed, mp.trajectory, &at)?;
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
        let actuals: Vec<Decimal> = rs.iter().map(|r| r.actual).collect();
        let periods: Vec<Period> = rs.iter().map(|r| r.period).collect();
        if actuals.is_empty() {
            trace.push(Step::new(
                "status",
                BiText::new("Status", "Status"),
                BiText::new("belum ada realisasi yang dilaporkan", "no realisation reported yet"),
                BiText::new(TrackStatus::NoData.label(Lang::Id), TrackStatus::NoData.label(Lang::En)),
                Citation::policy(&policy.id, PATH),
            ));
            out.push(IndicatorMonitor {
                indicator: ind.id.clone(),
                name: ind.name.clone(),
                periods,
                actual_to_date: None,
                target_to_date: target,
                progress: None,
                status: TrackStatus::NoData,
                projected_year_end: None,
                projected_achievement: None,
                trace,
            });
            continue;
        }
        let (actual, how) = match ind.aggregation {
            Aggregation::Cumulative => (sum(actuals.iter().copied(), &at)?, "Σ"),
            Aggregation::Last => (actuals.last().copied().unwrap_or_default(), "last"),
            Aggregation::Mean => (mean(&actuals, &at)?, "mean"),
        };
        let list: Vec<String> = rs.iter().map(|r| format!("{}: {}", r.period, show(r.actual))).collect();
        trace.push(Step::new(
            "actual_to_date",
            BiText::new("Realisasi s.d. saat ini", "Actual to date"),
            BiText::new(format!("{how} [{}]", list.join("; ")), format!("{how} [{}]", list.join("; "))),
            BiText::same(show(actual)),
            Citation::input("realisasi / realisations"),
        ));
        let ach = |t: Target, a: Decimal| -> Result<Decimal> {
            let x = achievement(t, a, ind.polarity, &policy.achievement, ind.cap)
                .map_err(|e| e.into_error(&at))?;
            Ok(x.value)
        };
        let nothing_due = ind.aggregation == Aggregation::Cumulative
            && ind.polarity == Polarity::HigherIsBetter
            && target == Target::Point(Decimal::ZERO);
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
        let projected = match ind.aggregation {
            Aggregation::Cumulative => {
                div(mul(actual, Decimal::from(12), &at)?, Decimal::from(elapsed), &at)?.normalize()
            }
            _ => actual,
        };
        let proj_raw = ach(ind.target, projected)?;
        let projected_achievement = round.apply(proj_raw);
        trace.push(Step::new(
            "projection",
            BiText::new("Proyeksi akhir tahun", "Year-end projection"),
            match ind.aggregation {
                Aggregation::Cumulative => BiText::new(
                    format!(
                        "{} × 12/{elapsed} = {}; capaian terhadap {} = {projected_achievement}%",
                        show(actual),
                        show(projected),
                        ind.target
                    ),
                    format!(
                        "{} × 12/{elapsed} = {}; achievement against {} = {projected_achievement}%",
                        show(actual),
                        show(projected),
                        ind.target
                    ),
                ),
                _ => BiText::new(
                    format!(
                        "nilai saat ini dipertahankan: {}; capaian terhadap {} = {projected_achievement}%",
                        show(projected),
                        ind.target
                    ),
                    format!(
                        "current value held: {}; achievement against {} = {projected_achievement}%",
                        show(projected),
                        ind.target
                    ),
                ),
            },
            BiText::same(show(projected)),
            Citation::unconfirmed(
                "ekstrapolasi linear (konvensi mesin) / linear extrapolation (engine convention)",
            ),
        ));
        out.push(IndicatorMonitor {
            indicator: ind.id.clone(),
            name: ind.name.clone(),
            periods,
            actual_to_date: Some(actual),
            target_to_date: target,
            progress,
            status,
            projected_year_end: Some(projected),
            projected_achievement: Some(projected_achievement),
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
                        "capaian s.d. {} {p}% terhadap target {}; proyeksi akhir tahun {pa}%",
                        m.as_of, i.target_to_date
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
