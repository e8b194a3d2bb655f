//! Period targets at their edges: the trace text names the parts, a percentage is never
//! pro-rated (it needs its own period target), range targets of parts agree or follow `last`, and a `last` mismatch is noted.
//! (The survivors of a cargo-mutants run over `regime/targets.rs`.)
#![allow(clippy::unwrap_used)]

use kinerja_core::explain::Lang;
use kinerja_core::model::{Aggregation, Indicator, Target};
use kinerja_core::period::Period;
use kinerja_core::regime::targets::{mismatch_notes, target_for, trajectory_target_for};
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn range(low: Decimal, high: Decimal) -> Target {
    Target::Range { low, high }
}

fn with_quarters(target: Target, quarters: [Target; 2]) -> Indicator {
    let mut ind = Indicator::new("i1", "Indikator", target);
    for (q, t) in ["2024-Q1", "2024-Q2"].into_iter().zip(quarters) {
        ind.period_targets.insert(p(q), t);
    }
    ind
}

#[test]
fn the_source_lists_each_part_with_its_target() {
    let ind = with_quarters(Target::Point(dec!(1200)), [Target::Point(dec!(100)), Target::Point(dec!(200))]);
    let r = target_for(&ind, p("2024-S1"), &Policy::default(), &Default::default()).unwrap();
    assert_eq!(r.target, Target::Point(dec!(300)));
    let en = r.source.get(Lang::En);
    assert!(en.contains("[2024-Q1: 100; 2024-Q2: 200]"), "{en}");
}

#[test]
fn a_percentage_is_never_pro_rated_whatever_its_unit_is_called() {
    let mut policy = Policy::default();
    policy.achievement.prorate_cumulative = true;
    for unit in ["%", "persen", "Percent", " % "] {
        let mut ind = Indicator::new("i1", "Cakupan", Target::Point(dec!(80)));
        ind.unit_of_measure = unit.into();
        let e = target_for(&ind, p("2024-Q1"), &policy, &Default::default()).unwrap_err();
        assert!(e.to_string().contains("a percentage is never pro-rated"), "unit {unit:?}: {e}");
    }
    // a count is pro-rated under the same policy
    let mut ind = Indicator::new("i1", "Pasien", Target::Point(dec!(1200)));
    ind.unit_of_measure = "orang".into();
    let r = target_for(&ind, p("2024-Q1"), &policy, &Default::default()).unwrap();
    assert_eq!(r.target, Target::Point(dec!(300)));
}

#[test]
fn equal_range_parts_hold_for_the_whole_and_different_ones_need_last() {
    let same = with_quarters(range(dec!(7), dec!(8)), [range(dec!(7), dec!(8)), range(dec!(7), dec!(8))]);
    let r = target_for(&same, p("2024-S1"), &Policy::default(), &Default::default()).unwrap();
    assert_eq!(r.target, range(dec!(7), dec!(8)));
    assert!(r.source.get(Lang::En).contains("the same range target for each part"));

    let mut differ =
        with_quarters(range(dec!(7), dec!(8)), [range(dec!(3), dec!(4)), range(dec!(7), dec!(8))]);
    let e = target_for(&differ, p("2024-S1"), &Policy::default(), &Default::default()).unwrap_err();
    assert!(e.to_string().contains("never summed or averaged"), "{e}");
    differ.aggregation = Aggregation::Last;
    let r = target_for(&differ, p("2024-S1"), &Policy::default(), &Default::default()).unwrap();
    assert_eq!(r.target, range(dec!(7), dec!(8)));
}

#[test]
fn the_monitoring_trajectory_names_itself_as_the_reason_for_pro_rating() {
    let ind = Indicator::new("i1", "Imunisasi", Target::Point(dec!(1200)));
    let r = trajectory_target_for(&ind, p("2024-03"), &Policy::default(), &Default::default()).unwrap();
    assert_eq!(r.target, Target::Point(dec!(100)));
    assert!(r.source.get(Lang::En).contains("monitoring trajectory follow_up.monitoring.trajectory"));
    assert!(r.source.get(Lang::Id).contains("lintasan pemantauan"));
}

#[test]
fn a_last_target_that_differs_from_the_whole_is_noted() {
    let mut ind = Indicator::new("i1", "Indeks", Target::Point(dec!(90)));
    for (q, t) in [("2024-Q1", 80), ("2024-Q2", 84), ("2024-Q3", 86), ("2024-Q4", 88)] {
        ind.period_targets.insert(p(q), Target::Point(Decimal::from(t)));
    }
    ind.aggregation = Aggregation::Last;
    let notes = mismatch_notes(&ind, &Policy::default(), &Default::default()).unwrap();
    assert_eq!(notes.len(), 1, "{notes:?}");
    let en = notes[0].get(Lang::En);
    assert!(en.contains("the target of 2024 is 90 but the target of the last part"), "{en}");
    assert!(en.contains("is 88"), "{en}");
    // the last quarter carrying the annual target: no note
    ind.period_targets.insert(p("2024-Q4"), Target::Point(dec!(90)));
    assert!(mismatch_notes(&ind, &Policy::default(), &Default::default()).unwrap().is_empty());
}
