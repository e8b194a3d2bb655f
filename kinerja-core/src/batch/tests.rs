//! Unit tests of the fixed-point helpers and bitmaps.

use super::*;

#[test]
fn round_fixed_modes() {
    let step = POW10[10];
    // 5.625 exact at scale 12 → 5.63 / 5.62 / 5.62
    let v = 5_625_000_000_000i128;
    assert_eq!(round_fixed(v, 0, step, RoundingMode::HalfUp), Some(563));
    assert_eq!(round_fixed(v, 0, step, RoundingMode::HalfEven), Some(562));
    assert_eq!(round_fixed(v, 0, step, RoundingMode::Truncate), Some(562));
    // inexact just below a midpoint → undecided
    assert_eq!(round_fixed(v - 1, 1, step, RoundingMode::HalfUp), None);
    // inexact well away → decided
    assert_eq!(round_fixed(v - 1000, 1, step, RoundingMode::HalfUp), Some(562));
    assert_eq!(round_fixed(5_000_000_000_100, 1, step, RoundingMode::Truncate), Some(500));
    assert_eq!(round_fixed(5_000_000_000_000, 1, step, RoundingMode::Truncate), None);
}

#[test]
fn values_too_large_for_the_declared_scale_keep_their_value() {
    // 7.93e25 cannot be held by rust_decimal at 3 places: Rounding keeps 2 (or fewer)
    let big = Decimal::from_i128_with_scale(7_930_000_000_000_000_000_000_000_000, 2);
    let r = Rounding { scale: 3, mode: RoundingMode::HalfUp }.apply(big);
    assert!(r.scale() < 3);
    let m = mantissa_at(r, 3).unwrap();
    assert_eq!(m, 79_300_000_000_000_000_000_000_000_000);
    assert_eq!(decimal_of(m, 3), Some(big));
    assert_eq!(mantissa_at(Decimal::new(1234, 2), 4), Some(123_400));
    assert_eq!(mantissa_at(Decimal::new(1230, 3), 2), Some(123));
    assert_eq!(mantissa_at(Decimal::new(1234, 3), 2), None);
    assert_eq!(mantissa_at(Decimal::new(123_000, 5), 2), Some(123));
    assert_eq!(mantissa_at(Decimal::new(123_000, 5), 0), None);
    // past rust_decimal's 96 bits with a last digit that is not 0: no decimal holds it
    assert_eq!(decimal_of(10i128.pow(30) + 1, 3), None);
    assert_eq!(decimal_of(10i128.pow(30), 3), Some(Decimal::from_i128_with_scale(10i128.pow(27), 0)));
    assert_eq!(decimal_of(i128::MAX, 0), None);
}

#[test]
fn bits() {
    let b = Bits { bytes: &[0b1010_0000, 0b1], offset: 5 };
    assert!(b.get(0));
    assert!(!b.get(1));
    assert!(b.get(2));
    assert!(b.get(3));
    assert!(!b.get(40));
}

proptest::proptest! {
    /// The wide multiplication is the checked one.
    #[test]
    fn wide_multiplication_is_checked_multiplication(a in proptest::num::i128::ANY, b in proptest::num::i128::ANY, x in 0u64.., y in 0u64..) {
        proptest::prop_assert_eq!(mul_wide(a, b), a.checked_mul(b));
        let (x, y) = (i128::from(x), i128::from(y));
        proptest::prop_assert_eq!(mul_wide(x, y), x.checked_mul(y));
    }
}

/// The advisory bands as integer thresholds on rounded means: a mean reaches a band at the
/// band's minimum rounded up to the reported places.
#[test]
fn band_thresholds_round_each_minimum_up() {
    let mut policy = crate::rules::Ruleset::builtin("permenpanrb-6-2022").unwrap().policy;
    policy.rating.advisory_bands = vec![
        crate::rules::AdvisoryBand { min: Decimal::new(110, 0), rating: Rating::Above },
        crate::rules::AdvisoryBand { min: Decimal::new(89_995, 3), rating: Rating::Meets },
    ];
    assert_eq!(band_thresholds(&policy, 2), Some(vec![(11_000, Rating::Above), (9_000, Rating::Meets)]));
    assert_eq!(band_thresholds(&policy, 3), Some(vec![(110_000, Rating::Above), (89_995, Rating::Meets)]));
}
