//! Negative zero is zero to the policy checks. Text never reads as `-0` (`"-0"` parses to 0),
//! but a policy built in Rust may hold one (`-Decimal::ZERO`, a product by a negative
//! number): such a policy is accepted exactly as with 0, never called negative or outside a
//! range that holds 0.

use kinerja_core::rules::Policy;
use rust_decimal::Decimal;

/// `-0`, whose sign bit is set.
fn negative_zero() -> Decimal {
    let z = -Decimal::ZERO;
    assert!(z.is_sign_negative() && z.is_zero());
    z
}

#[test]
fn ratio_zero_actual_and_range_inside_take_negative_zero() {
    let mut p = Policy::default();
    p.achievement.ratio_zero_actual = Some(negative_zero());
    p.achievement.range_inside = negative_zero();
    assert_eq!(p.validate().map_err(|e| e.to_string()), Ok(()));
}

#[test]
fn the_training_threshold_takes_negative_zero() {
    let mut p = Policy::default();
    p.follow_up.training.low_achievement_below = negative_zero();
    assert_eq!(p.validate().map_err(|e| e.to_string()), Ok(()));
}

#[test]
fn the_childrens_share_takes_negative_zero() {
    let mut p = Policy::default();
    p.organisation.children_share = negative_zero();
    assert_eq!(p.validate().map_err(|e| e.to_string()), Ok(()));
}

/// What is negative is still refused, at its field.
#[test]
fn a_negative_value_is_still_refused_at_its_field() {
    let minus = Decimal::new(-1, 2);
    let mut p = Policy::default();
    p.organisation.children_share = minus;
    assert!(p.validate().unwrap_err().to_string().contains("children_share"));
    let mut p = Policy::default();
    p.follow_up.training.low_achievement_below = minus;
    assert!(p.validate().unwrap_err().to_string().contains("low_achievement_below"));
    let mut p = Policy::default();
    p.achievement.range_inside = minus;
    assert!(p.validate().unwrap_err().to_string().contains("range_inside"));
    let mut p = Policy::default();
    p.achievement.ratio_zero_actual = Some(minus);
    assert!(p.validate().unwrap_err().to_string().contains("ratio_zero_actual"));
}
