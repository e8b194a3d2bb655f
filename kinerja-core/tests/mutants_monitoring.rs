//! Tests for `kinerja-core/src/followup/monitoring.rs` (cargo-mutants on the whole file): range
//! targets in monitoring — a level's range target to date is the range itself and its year-end
//! projection holds the current value; a count whose annual target is a range is projected
//! linearly (its trajectory has no point to scale along).
#![allow(clippy::unwrap_used)]

use kinerja_core::explain::Lang;
use kinerja_core::followup::{IndicatorMonitor, TrackStatus, monitor_plan};
use kinerja_core::model::{Aggregation, Indicator, Polarity, Target};
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

mod support;
use support::one_indicator_plan as plan;

fn monitored(ind: Indicator, reals: &[(&str, Decimal)], as_of: &str) -> IndicatorMonitor {
    let m = monitor_plan(&plan(ind, reals), &as_of.parse().unwrap(), &Policy::default()).unwrap();
    m.indicators.into_iter().next().unwrap()
}

/// Waiting time in months, lower is better, the range 7–8 (the special-condition example of
/// docs/periods.md), with the given aggregation and no period targets.
fn waiting(agg: Aggregation) -> Indicator {
    let mut i = Indicator::new("i1", "Waktu tunggu", Target::Range { low: dec!(7), high: dec!(8) });
    i.aggregation = agg;
    i.polarity = Polarity::LowerIsBetter;
    i
}

#[test]
fn a_mean_level_with_a_range_target_keeps_the_range_and_holds_its_value() {
    // January and February 6.5 each: the range 7–8 holds in every reported month, so the
    // target to date is 7–8 itself (the same target in each part, not averaged: averaging two
    // ranges is refused). 6.5 is below the range, so the lower bound is used:
    // (2 − 6.5/7) × 100 = 107.142… → 107.14 %, on track.
    let i =
        monitored(waiting(Aggregation::Mean), &[("2024-01", dec!(6.5)), ("2024-02", dec!(6.5))], "2024-02");
    assert_eq!(i.target_to_date, Target::Range { low: dec!(7), high: dec!(8) });
    assert_eq!(i.actual_to_date, Some(dec!(6.5)));
    assert_eq!((i.progress, i.status), (Some(dec!(107.14)), TrackStatus::OnTrack));
    // A level is projected by holding its current value (not 6.5 × 12/2 = 39, which is the
    // linear projection of a count).
    assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(6.5)), Some(dec!(107.14))));
    let text = i.trace.to_text(Lang::En);
    assert!(text.contains("current value held = 6.5; achievement against 7–8 = 107.14%"), "{text}");
}

#[test]
fn a_last_value_level_with_a_range_target_holds_its_value() {
    // January 9, February 7.5: the last value 7.5 lies inside 7–8 → 100 %; projected 7.5 →
    // 100 % (not 7.5 × 12/2 = 45, (2 − 45/8) × 100 < 0).
    let i = monitored(waiting(Aggregation::Last), &[("2024-01", dec!(9)), ("2024-02", dec!(7.5))], "2024-02");
    assert_eq!(i.target_to_date, Target::Range { low: dec!(7), high: dec!(8) });
    assert_eq!(
        (i.actual_to_date, i.progress, i.status),
        (Some(dec!(7.5)), Some(dec!(100.00)), TrackStatus::OnTrack)
    );
    assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(7.5)), Some(dec!(100.00))));
}

#[test]
fn a_count_with_an_annual_range_is_projected_linearly() {
    // Annual 1000–1200 with quarter targets of 250 each: Q1 reported 270 against its declared
    // 250 → 108.00 %, on track. The projection cannot scale along the trajectory (the annual
    // target is a range), so a count is extrapolated linearly: 270 × 12/3 = 1080, inside
    // 1000–1200 → 100.00 % (holding 270 would give 270 / 1000 = 27.00 %).
    let mut i = Indicator::new("i1", "Jumlah layanan", Target::Range { low: dec!(1000), high: dec!(1200) });
    for q in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] {
        i.period_targets.insert(q.parse().unwrap(), Target::Point(dec!(250)));
    }
    let i = monitored(i, &[("2024-Q1", dec!(270))], "2024-04");
    assert_eq!(i.target_to_date, Target::Point(dec!(250)));
    assert_eq!((i.progress, i.status), (Some(dec!(108.00)), TrackStatus::OnTrack));
    assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(1080)), Some(dec!(100.00))));
    let text = i.trace.to_text(Lang::En);
    assert!(text.contains("linear: 270 × 12/3 = 1080; achievement against 1000–1200 = 100.00%"), "{text}");
}

/// Patients served (a count, cumulative) whose period targets are ranges.
fn served(quarters: &[(&str, Target)]) -> Indicator {
    let mut i = Indicator::new("i1", "Pasien dilayani", Target::Range { low: dec!(1000), high: dec!(1200) });
    for (q, t) in quarters {
        i.period_targets.insert(q.parse().unwrap(), *t);
    }
    i
}

fn range(low: Decimal, high: Decimal) -> Target {
    Target::Range { low, high }
}

#[test]
fn a_cumulative_count_with_range_targets_is_monitored_against_the_range() {
    // Q1 declared 250–300 (a condition on the quarter, read as the evaluation reads it):
    // 270 lies inside → 100 %. It was refused ("cannot add a point target and a range
    // target": the sum started at the point 0).
    let i =
        monitored(served(&[("2024-Q1", range(dec!(250), dec!(300)))]), &[("2024-Q1", dec!(270))], "2024-04");
    assert_eq!(i.target_to_date, range(dec!(250), dec!(300)));
    assert_eq!((i.progress, i.status), (Some(dec!(100.00)), TrackStatus::OnTrack));
    // the same range in both reported quarters is that range, never summed to 500–600
    let same = served(&[("2024-Q1", range(dec!(250), dec!(300))), ("2024-Q2", range(dec!(250), dec!(300)))]);
    let i = monitored(same, &[("2024-Q1", dec!(270)), ("2024-Q2", dec!(260))], "2024-07");
    assert_eq!(i.target_to_date, range(dec!(250), dec!(300)));
}

#[test]
fn differing_range_targets_of_the_reported_periods_are_refused_at_period_targets() {
    let differ =
        served(&[("2024-Q1", range(dec!(250), dec!(300))), ("2024-Q2", range(dec!(200), dec!(300)))]);
    let plan = plan(differ, &[("2024-Q1", dec!(270)), ("2024-Q2", dec!(260))]);
    let e = monitor_plan(&plan, &"2024-07".parse().unwrap(), &Policy::default()).unwrap_err().to_string();
    assert!(e.contains("period_targets"), "{e}");
    assert!(
        e.contains("the targets of the reported periods differ [2024-Q1: 250–300, 2024-Q2: 200–300] and a range is never summed or averaged"),
        "{e}"
    );
}

#[test]
fn the_linear_trajectory_never_pro_rates_a_range() {
    // Annual 1000–1200 on the linear trajectory: each quarter's target is the range itself
    // (a range is never pro-rated); a point target is still pro-rated (2400 × 3/12 = 600).
    let mut policy = Policy::default();
    policy.follow_up.monitoring.trajectory = kinerja_core::followup::Trajectory::Linear;
    let ranged = plan(served(&[]), &[("2024-Q1", dec!(1100))]);
    let m = monitor_plan(&ranged, &"2024-04".parse().unwrap(), &policy).unwrap();
    let i = &m.indicators[0];
    assert_eq!(i.target_to_date, range(dec!(1000), dec!(1200)));
    assert_eq!(i.progress, Some(dec!(100.00)));
    assert!(i.trace.to_text(Lang::En).contains("2024-Q1: 1000–1200 (annual; a range is never pro-rated)"));
    let mut point = served(&[]);
    point.target = Target::Point(dec!(2400));
    let m =
        monitor_plan(&plan(point, &[("2024-Q1", dec!(600))]), &"2024-04".parse().unwrap(), &policy).unwrap();
    assert_eq!(m.indicators[0].target_to_date, Target::Point(dec!(600)));
    assert!(m.indicators[0].trace.to_text(Lang::En).contains("2024-Q1: 2400 × 3/12 = 600"));
}
