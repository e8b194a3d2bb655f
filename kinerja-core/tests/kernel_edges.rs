//! Edges of the achievement kernel found by mutation testing (cargo-mutants): each test here
//! fails under one mutant that the rest of the suite let survive. See TESTING.md.

use kinerja_core::achievement::{AchievementPolicy, AchievementRule, KernelError, achievement};
use kinerja_core::model::{Polarity, Target};
use rust_decimal_macros::dec;

const HIGHER: Polarity = Polarity::HigherIsBetter;

/// `low > high` → `low >= high`: a range whose bounds are equal is a valid (point-like) range.
#[test]
fn range_with_equal_bounds_is_valid() {
    let p = AchievementPolicy::default();
    let t = Target::Range { low: dec!(80), high: dec!(80) };
    let inside = achievement(t, dec!(80), HIGHER, &p, None).unwrap();
    assert_eq!((inside.value, inside.rule), (dec!(100), AchievementRule::InsideRange));
    // below and above the one-point range: 60 / 80 = 75 %, 100 / 80 = 125 %
    assert_eq!(achievement(t, dec!(60), HIGHER, &p, None).unwrap().value, dec!(75));
    assert_eq!(achievement(t, dec!(100), HIGHER, &p, None).unwrap().value, dec!(125));
    // and a range one hundredth inverted is still rejected
    let inverted = Target::Range { low: dec!(80.01), high: dec!(80) };
    assert_eq!(achievement(inverted, dec!(80), HIGHER, &p, None), Err(KernelError::InvertedRange));
}

/// `value > c` → `value >= c`: an achievement exactly at the cap is not "capped".
#[test]
fn capped_flag_both_sides_of_the_cap() {
    let p = AchievementPolicy::default();
    let t = Target::Point(dec!(100));
    let below = achievement(t, dec!(119.99), HIGHER, &p, Some(dec!(120))).unwrap();
    assert_eq!((below.value, below.capped), (dec!(119.99), None));
    let at = achievement(t, dec!(120), HIGHER, &p, Some(dec!(120))).unwrap();
    assert_eq!((at.value, at.capped), (dec!(120), None));
    let above = achievement(t, dec!(120.01), HIGHER, &p, Some(dec!(120))).unwrap();
    assert_eq!((above.value, above.raw, above.capped), (dec!(120), dec!(120.01), Some(dec!(120))));
    // the policy's default cap behaves the same
    let pc = AchievementPolicy { default_cap: Some(dec!(120)), ..Default::default() };
    assert_eq!(achievement(t, dec!(120), HIGHER, &pc, None).unwrap().capped, None);
    assert_eq!(achievement(t, dec!(120.01), HIGHER, &pc, None).unwrap().capped, Some(dec!(120)));
}

/// Range edges: at each bound the actual is inside; one hundredth outside it uses that bound.
#[test]
fn range_bounds_both_sides() {
    let p = AchievementPolicy::default();
    let t = Target::Range { low: dec!(80), high: dec!(90) };
    let a = |r| achievement(t, r, HIGHER, &p, None).unwrap();
    assert_eq!(a(dec!(79.99)).effective_target, dec!(80));
    assert_eq!(a(dec!(79.99)).value, dec!(99.9875)); // 79.99 / 80 × 100
    assert_eq!(a(dec!(80)).rule, AchievementRule::InsideRange);
    assert_eq!(a(dec!(90)).rule, AchievementRule::InsideRange);
    assert_eq!(a(dec!(90.09)).effective_target, dec!(90));
    assert_eq!(a(dec!(90.09)).value, dec!(100.1)); // 90.09 / 90 × 100
    // a zero lower bound is allowed, a negative one is not
    let zero = Target::Range { low: dec!(0), high: dec!(5) };
    assert_eq!(achievement(zero, dec!(0), HIGHER, &p, None).unwrap().value, dec!(100));
    let neg = Target::Range { low: dec!(-0.01), high: dec!(5) };
    assert_eq!(achievement(neg, dec!(1), HIGHER, &p, None), Err(KernelError::NegativeRangeBound));
}

/// The floor at zero: the reflection formula reaches exactly 0 at R = 2T and is floored beyond.
#[test]
fn floor_both_sides_of_zero() {
    let p = AchievementPolicy::default();
    let t = Target::Point(dec!(10));
    let lower = Polarity::LowerIsBetter;
    let at = achievement(t, dec!(20), lower, &p, None).unwrap();
    assert_eq!((at.value, at.floored), (dec!(0), false));
    let beyond = achievement(t, dec!(20.01), lower, &p, None).unwrap();
    assert_eq!((beyond.value, beyond.raw, beyond.floored), (dec!(0), dec!(-0.1), true));
    let inside = achievement(t, dec!(19.99), lower, &p, None).unwrap();
    assert_eq!((inside.value, inside.floored), (dec!(0.1), false));
}
