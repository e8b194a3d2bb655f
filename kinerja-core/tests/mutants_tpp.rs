//! Tests for the TPP allowance written for the mutants that survived the follow-up tests
//! (cargo-mutants on `followup/tpp.rs` and on its schedule's checks in
//! `rules/follow_up/tpp.rs`): the bounds of a discipline value, negative minutes and
//! achievements, an exclusive achievement band, the unit in an error's location, the regulation
//! in citations, a note on an event's step, a per-kind cap reached exactly, the status-share
//! step; deduction bands with exclusive lower and inclusive upper bounds, an empty band, an
//! overlap named by its event. Each asserts the exact result or text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use kinerja_core::Error;
use kinerja_core::explain::Lang;
use kinerja_core::followup::{
    AchievementBand, AttendanceEvent, AttendanceEventKind, DeductionBand, EmployeeStatus, PerformanceFactor,
    TppInput, TppPolicy, tpp,
};
use kinerja_core::model::Predicate;
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// A band of late-arrival minutes.
fn late_band(min: Decimal, max: Option<Decimal>, pct: Decimal) -> DeductionBand {
    DeductionBand {
        event: AttendanceEventKind::LateArrival,
        min,
        min_inclusive: true,
        max,
        max_inclusive: max.map(|_| false),
        deduction_pct: pct,
    }
}

/// A schedule for 2024: job class 9 at 1,000,000 (60 % performance, 40 % discipline), late
/// arrival [1, 31) 0.5 % and [31, 61) 1 %, absence 3 % a day, CPNS 80 %.
fn schedule() -> TppPolicy {
    TppPolicy {
        region: "Kota Uji".into(),
        year: 2024,
        regulation: "Perwali Uji No. 7/2024".into(),
        basis: BTreeMap::from([("9".to_string(), dec!(1000000))]),
        deduction_bands: vec![
            late_band(dec!(1), Some(dec!(31)), dec!(0.5)),
            late_band(dec!(31), Some(dec!(61)), dec!(1)),
        ],
        event_deductions: BTreeMap::from([(AttendanceEventKind::Absence, dec!(3))]),
        status_shares: BTreeMap::from([(EmployeeStatus::Cpns, dec!(80))]),
        ..Default::default()
    }
}

/// A regional policy `kota-uji-2024` holding the schedule `t`.
fn policy(t: TppPolicy) -> Policy {
    let mut p = Policy { id: "kota-uji-2024".into(), ..Default::default() };
    p.follow_up.tpp = Some(t);
    p.validate().unwrap();
    p
}

/// Employee e1 of unit u1, May 2024, job class 9, predicate Good, no events.
fn input() -> TppInput {
    TppInput {
        employee: "e1".into(),
        unit: "u1".into(),
        period: "2024-05".parse().unwrap(),
        job_class: "9".into(),
        status: EmployeeStatus::Pns,
        predicate: Some(Predicate::Good),
        achievement: None,
        attendance: vec![],
        discipline_score: None,
        suspended: false,
    }
}

/// Zero with its sign bit set, as `Decimal::set_sign_negative` leaves it (`"-0"` parses as
/// plain 0).
fn negative_zero() -> Decimal {
    let mut z = Decimal::ZERO;
    z.set_sign_negative(true);
    assert!(z.is_sign_negative() && z.is_zero());
    z
}

fn late(minutes: Decimal) -> AttendanceEvent {
    AttendanceEvent {
        kind: AttendanceEventKind::LateArrival,
        minutes: Some(minutes),
        count: 1,
        note: String::new(),
    }
}

/// The field and reason of an instrument error.
fn instrument_error(e: Error) -> (String, String) {
    match e {
        Error::Instrument { instrument, field, reason, .. } => {
            assert_eq!(instrument, "tpp");
            (field, reason)
        }
        other => panic!("not an instrument error: {other}"),
    }
}

/// A discipline value is a percent from 0 to 100, both bounds included: 100 deducts nothing and
/// 0 everything (also a negative zero, which was refused as "0 is outside 0–100"); just past
/// either bound is refused.
#[test]
fn a_discipline_value_is_taken_from_0_to_100_inclusive() {
    let p = policy(schedule());
    for (score, deduction, discipline) in [
        (dec!(100), dec!(0), dec!(400000)),
        (dec!(99.5), dec!(0.5), dec!(398000)),
        (dec!(0), dec!(100), dec!(0)),
        (negative_zero(), dec!(100), dec!(0)),
    ] {
        let mut i = input();
        i.discipline_score = Some(score);
        let r = tpp(&i, &p).unwrap();
        assert_eq!(r.deduction_pct_raw, deduction, "{score}");
        assert_eq!(r.deduction_pct, deduction, "{score}");
        assert_eq!(r.discipline_amount, discipline, "{score}");
        assert_eq!(r.amount, dec!(600000) + discipline, "{score}");
    }
    for score in [dec!(100.01), dec!(101), dec!(-1), dec!(-0.01)] {
        let mut i = input();
        i.discipline_score = Some(score);
        let (field, reason) = instrument_error(tpp(&i, &p).unwrap_err());
        assert_eq!(field, "discipline_score", "{score}");
        assert_eq!(reason, format!("{score} is outside 0–100"));
    }
}

/// Negative minutes are refused as negative even when the schedule lets minutes outside every
/// band deduct nothing; zero minutes, also a negative zero, deduct nothing.
#[test]
fn negative_minutes_are_refused_even_where_uncovered_minutes_are_free() {
    let mut t = schedule();
    t.uncovered_minutes_free = true;
    let p = policy(t);
    let mut i = input();
    i.attendance = vec![late(dec!(5)), late(dec!(-5))];
    let (field, reason) = instrument_error(tpp(&i, &p).unwrap_err());
    assert_eq!(field, "attendance[1].minutes");
    assert_eq!(reason, "-5 minutes is negative");

    let strict = policy(schedule());
    for zero in [dec!(0), negative_zero()] {
        let mut i = input();
        i.attendance = vec![late(zero)];
        let r = tpp(&i, &strict).unwrap_or_else(|e| panic!("{zero:?}: {e}"));
        assert_eq!(r.deductions.len(), 1);
        assert_eq!(r.deductions[0].pct, dec!(0));
        assert_eq!(r.deductions[0].rule, "no band");
        assert_eq!(r.deduction_pct, dec!(0));
        assert_eq!(r.amount, dec!(1000000));
    }
}

/// A negative achievement is refused (every achievement method); zero, also a negative zero,
/// is an achievement of 0.
#[test]
fn a_negative_achievement_is_refused() {
    let mut t = schedule();
    t.performance_factor = PerformanceFactor::AchievementLinear;
    let p = policy(t);
    let mut i = input();
    i.predicate = None;
    i.achievement = Some(dec!(-5));
    let (field, reason) = instrument_error(tpp(&i, &p).unwrap_err());
    assert_eq!(field, "achievement");
    assert_eq!(reason, "-5 is negative");
    for zero in [dec!(0), negative_zero()] {
        i.achievement = Some(zero);
        let r = tpp(&i, &p).unwrap_or_else(|e| panic!("{zero:?}: {e}"));
        assert_eq!(r.performance_factor, dec!(0));
        assert_eq!(r.performance_amount, dec!(0));
        assert_eq!(r.amount, dec!(400000));
    }
}

/// A band whose minimum is exclusive takes achievements above it only: 60 falls in `> 50`,
/// 50 and 10 fall below every band (factor 0).
#[test]
fn an_exclusive_achievement_band_takes_what_lies_above_its_minimum() {
    let mut t = schedule();
    t.performance_factor = PerformanceFactor::AchievementBands {
        bands: vec![
            AchievementBand { min: dec!(90), min_inclusive: true, factor: dec!(100) },
            AchievementBand { min: dec!(50), min_inclusive: false, factor: dec!(50) },
        ],
    };
    let p = policy(t);
    let mut i = input();
    i.predicate = None;
    for (a, factor, performance) in [
        (dec!(95), dec!(100), dec!(600000)),
        (dec!(60), dec!(50), dec!(300000)),
        (dec!(50.01), dec!(50), dec!(300000)),
        (dec!(50), dec!(0), dec!(0)),
        (dec!(10), dec!(0), dec!(0)),
    ] {
        i.achievement = Some(a);
        let r = tpp(&i, &p).unwrap();
        assert_eq!(r.performance_factor, factor, "{a}");
        assert_eq!(r.performance_amount, performance, "{a}");
        assert_eq!(r.amount, performance + dec!(400000), "{a}");
    }
}

/// An error names the input's unit when it has one, and no unit when it has none.
#[test]
fn an_error_names_the_unit_only_when_the_input_has_one() {
    let p = policy(schedule());
    let mut i = input();
    i.job_class = "99".into();
    for (unit, want) in [("u1", Some("u1")), ("", None)] {
        i.unit = unit.into();
        match tpp(&i, &p).unwrap_err() {
            Error::Unknown { at, id, .. } => {
                assert_eq!(id, "99");
                assert_eq!(at.unit.as_deref(), want, "{unit:?}");
                assert_eq!(at.employee.as_deref(), Some("e1"));
                assert_eq!(at.period.as_deref(), Some("2024-05"));
            }
            other => panic!("{other}"),
        }
    }
}

/// Every citation of the schedule names its field, then the regulation and the region; a
/// schedule without a regulation names the region alone.
#[test]
fn citations_name_the_regulation_and_the_region() {
    let p = policy(schedule());
    let r = tpp(&input(), &p).unwrap();
    let basis = &r.trace.steps[0];
    assert_eq!(basis.subject, "basis");
    let field = "local policy kota-uji-2024: follow_up.tpp.basis";
    assert_eq!(basis.citation.reference, format!("{field} (Perwali Uji No. 7/2024, Kota Uji)"));
    let mut t = schedule();
    t.regulation = String::new();
    let p = policy(t);
    let r = tpp(&input(), &p).unwrap();
    assert_eq!(r.trace.steps[0].citation.reference, format!("{field} (Kota Uji)"));
}

/// A note on an event is shown as an input of its step; an event without a note shows none.
#[test]
fn an_event_note_is_an_input_of_its_step() {
    let p = policy(schedule());
    let mut i = input();
    let mut noted = late(dec!(10));
    noted.note = "2024-05-06".into();
    i.attendance = vec![noted, late(dec!(40))];
    let r = tpp(&i, &p).unwrap();
    let step = |s: &str| r.trace.steps.iter().find(|x| x.subject == s).unwrap();
    assert_eq!(
        step("attendance[0]").inputs,
        vec![
            ("menit/minutes".to_string(), "10".to_string()),
            ("catatan/note".to_string(), "2024-05-06".to_string())
        ]
    );
    assert_eq!(step("attendance[1]").inputs, vec![("menit/minutes".to_string(), "40".to_string())]);
    assert_eq!(r.deduction_pct, dec!(1.5));
}

/// A kind whose deductions reach its cap exactly is not capped (the total says so only when
/// the cap took something off).
#[test]
fn a_kind_that_reaches_its_cap_exactly_is_not_called_capped() {
    let mut t = schedule();
    t.event_caps.insert(AttendanceEventKind::LateArrival, dec!(1));
    let p = policy(t);
    let total = |r: &kinerja_core::followup::TppResult| {
        r.trace.steps.iter().find(|x| x.subject == "deduction_total").unwrap().formula.clone()
    };
    let mut i = input();
    i.attendance = vec![late(dec!(10)), late(dec!(20))];
    let r = tpp(&i, &p).unwrap();
    assert_eq!(r.deduction_pct_raw, dec!(1));
    assert_eq!(r.deduction_pct, dec!(1));
    assert_eq!(total(&r).get(Lang::En), "Σ = 1%; total cap 100%");
    assert_eq!(total(&r).get(Lang::Id), "Σ = 1%; batas total 100%");
    i.attendance.push(late(dec!(30)));
    let r = tpp(&i, &p).unwrap();
    assert_eq!(r.deduction_pct_raw, dec!(1.5));
    assert_eq!(r.deduction_pct, dec!(1));
    assert_eq!(total(&r).get(Lang::En), "Σ = 1.5%; capped per kind: late_arrival; total cap 100%");
    assert_eq!(r.discipline_amount, dec!(396000));
}

/// The status-share step appears when the status is paid a share below 100 % (CPNS 80 %) and
/// not for a status paid in full.
#[test]
fn the_status_share_step_appears_only_for_a_reduced_share() {
    let p = policy(schedule());
    let has_share = |r: &kinerja_core::followup::TppResult| {
        r.trace.steps.iter().filter(|s| s.subject == "status_share").count()
    };
    let r = tpp(&input(), &p).unwrap();
    assert_eq!((r.share_pct, r.amount, has_share(&r)), (dec!(100), dec!(1000000), 0));
    let mut i = input();
    i.status = EmployeeStatus::Cpns;
    let r = tpp(&i, &p).unwrap();
    assert_eq!((r.share_pct, r.amount, has_share(&r)), (dec!(80), dec!(800000), 1));
    let step = r.trace.steps.iter().find(|s| s.subject == "status_share").unwrap();
    assert_eq!(step.formula.get(Lang::En), "1000000 × 80%");
    assert_eq!(step.value.get(Lang::En), "800000");
}

// ------------------------------------------------ the schedule's checks (rules/follow_up/tpp.rs)

/// A late-arrival band with both bounds stated.
fn band(
    min: Decimal,
    min_inclusive: bool,
    max: Option<Decimal>,
    max_inclusive: bool,
    pct: Decimal,
) -> DeductionBand {
    DeductionBand {
        event: AttendanceEventKind::LateArrival,
        min,
        min_inclusive,
        max,
        max_inclusive: max.map(|_| max_inclusive),
        deduction_pct: pct,
    }
}

/// Bands with an exclusive lower and an inclusive upper bound, listed out of order: (1, 30]
/// 0.5 %, the single minute [1, 1] 0.25 %, (30, ∞) 1 %. The schedule is valid (the point band
/// ends before the band that starts just after it) and each minute count finds its band.
#[test]
fn exclusive_lower_and_inclusive_upper_bounds_of_deduction_bands() {
    let mut t = schedule();
    t.deduction_bands = vec![
        band(dec!(1), false, Some(dec!(30)), true, dec!(0.5)),
        band(dec!(1), true, Some(dec!(1)), true, dec!(0.25)),
        band(dec!(30), false, None, false, dec!(1)),
    ];
    let p = policy(t);
    for (m, pct, rule) in [
        (dec!(1), dec!(0.25), "deduction_bands[1] [1, 1] minutes"),
        (dec!(1.5), dec!(0.5), "deduction_bands[0] (1, 30] minutes"),
        (dec!(30), dec!(0.5), "deduction_bands[0] (1, 30] minutes"),
        (dec!(30.5), dec!(1), "deduction_bands[2] (30, ∞) minutes"),
        (dec!(0), dec!(0), "no band"),
    ] {
        let mut i = input();
        i.attendance = vec![late(m)];
        let r = tpp(&i, &p).unwrap_or_else(|e| panic!("{m}: {e}"));
        assert_eq!(r.deductions[0].pct, pct, "{m}");
        assert_eq!(r.deductions[0].rule, rule, "{m}");
        assert_eq!(r.deduction_pct, pct, "{m}");
    }
    let mut i = input();
    i.attendance = vec![late(dec!(0.5))];
    let (field, reason) = instrument_error(tpp(&i, &p).unwrap_err());
    assert_eq!(field, "attendance[0].minutes");
    assert_eq!(
        reason,
        "0.5 minutes of late_arrival fall in no deduction band of follow_up.tpp.deduction_bands"
    );
}

/// The policy error of a schedule: its path and reason.
fn policy_error(t: &TppPolicy) -> (String, String) {
    match t.validate("follow_up.tpp").unwrap_err() {
        Error::Policy { path, reason } => (path, reason),
        other => panic!("not a policy error: {other}"),
    }
}

/// A band whose upper bound lies below its lower bound is empty, and refused.
#[test]
fn a_band_whose_upper_bound_lies_below_its_lower_bound_is_refused() {
    let mut t = schedule();
    t.deduction_bands = vec![band(dec!(10), true, Some(dec!(5)), true, dec!(1))];
    assert_eq!(
        policy_error(&t),
        ("follow_up.tpp.deduction_bands[0].max".to_string(), "5 leaves the band empty (min 10)".to_string())
    );
}

/// Bands overlap only within one event: late arrival and early departure may share minutes,
/// and an overlap is reported for the event whose bands overlap.
#[test]
fn overlapping_bands_are_reported_for_their_event() {
    let early = |min, max| DeductionBand {
        event: AttendanceEventKind::EarlyDeparture,
        min,
        min_inclusive: true,
        max: Some(max),
        max_inclusive: Some(false),
        deduction_pct: dec!(1),
    };
    let mut t = schedule();
    t.deduction_bands = vec![band(dec!(1), true, Some(dec!(31)), false, dec!(0.5)), early(dec!(1), dec!(31))];
    assert!(t.validate("follow_up.tpp").is_ok());
    t.deduction_bands.push(early(dec!(20), dec!(60)));
    assert_eq!(
        policy_error(&t),
        (
            "follow_up.tpp.deduction_bands[2].min".to_string(),
            "band [20, 60) overlaps deduction_bands[1] [1, 31) for early_departure".to_string()
        )
    );
}

/// Achievement bands run from the highest threshold down and the first band that holds the
/// achievement gives the factor. For one `min`, `> 50` is the higher threshold: `> 50` then
/// `≥ 50` gives exactly 50 its own factor; `≥ 50` then `> 50` would leave the second band
/// unreachable, and is refused, as are two bands alike and ascending bands.
#[test]
fn achievement_bands_descend_and_a_shared_minimum_puts_the_exclusive_band_first() {
    let bands = |list: &[(Decimal, bool, Decimal)]| {
        let mut t = schedule();
        t.performance_factor = PerformanceFactor::AchievementBands {
            bands: list
                .iter()
                .map(|&(min, min_inclusive, factor)| AchievementBand { min, min_inclusive, factor })
                .collect(),
        };
        t
    };
    let p = policy(bands(&[(dec!(50), false, dec!(80)), (dec!(50), true, dec!(60))]));
    let mut i = input();
    i.predicate = None;
    for (a, factor) in [(dec!(50.5), dec!(80)), (dec!(50), dec!(60)), (dec!(49.99), dec!(0))] {
        i.achievement = Some(a);
        let r = tpp(&i, &p).unwrap();
        assert_eq!(r.performance_factor, factor, "{a}");
        assert_eq!(r.performance_amount, dec!(6000) * factor, "{a}");
    }
    let path = "follow_up.tpp.performance_factor.bands[1].min".to_string();
    let order = "two bands start at 50: the one above it (> 50, `min_inclusive = false`) comes first, \
                 then the one from it (≥ 50), else one is never reached"
        .to_string();
    for (first, second) in [(true, false), (true, true), (false, false)] {
        let t = bands(&[(dec!(50), first, dec!(80)), (dec!(50), second, dec!(60))]);
        assert_eq!(policy_error(&t), (path.clone(), order.clone()), "{first} {second}");
    }
    let t = bands(&[(dec!(50), true, dec!(60)), (dec!(90), true, dec!(100))]);
    assert_eq!(policy_error(&t), (path, "bands must be in descending order (90 after 50)".to_string()));
}

/// The discipline amount cites the component's share (`weights`), whichever source the
/// deduction has; the deduction's own step cites that source (the value given, the bands).
#[test]
fn the_discipline_amount_cites_the_component_not_the_bands() {
    let p = policy(schedule());
    let cited = |i: &TppInput, id: &str| {
        let r = tpp(i, &p).unwrap();
        r.trace.steps.iter().find(|s| s.subject == id).map(|s| s.citation.reference.clone()).unwrap()
    };
    let mut scored = input();
    scored.discipline_score = Some(dec!(95));
    let mut late_once = input();
    late_once.attendance = vec![late(dec!(10))];
    for i in [&scored, &late_once] {
        assert_eq!(
            cited(i, "discipline"),
            "local policy kota-uji-2024: follow_up.tpp.weights (Perwali Uji No. 7/2024, Kota Uji)"
        );
    }
    assert_eq!(cited(&scored, "discipline_score"), "TPP");
    assert!(cited(&late_once, "attendance[0]").contains("follow_up.tpp.deduction_bands"));
}
