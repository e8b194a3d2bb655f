//! Tests for `kinerja-core/src/literal.rs` (cargo-mutants on the whole file): the text reader
//! behind `dec!` at the edges its own unit tests leave out: digit separators (`_`) inside an
//! exponent, text after an exponent, and the exponent's bound of 56 (a 56 is taken when the
//! places written make up for it, 57 is refused whatever it is applied to).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::__private::parse_decimal as parse;
use kinerja_core::{Decimal, dec};

/// `_` separates digits inside an exponent as it does inside the number: `1e1_0` is 10¹⁰,
/// `2e+0_2` is 200 and `25e-0_1` is 2.5, each the same as the literal written without it.
#[test]
fn an_exponent_may_hold_digit_separators() {
    assert_eq!(parse("1e1_0"), Ok(Decimal::new(10_000_000_000, 0)));
    assert_eq!(parse("1e1_0"), Ok(dec!(1e10)));
    assert_eq!(parse("1_0e1_0"), Ok(Decimal::new(100_000_000_000, 0)));
    assert_eq!(parse("2e+0_2"), Ok(Decimal::new(200, 0)));
    assert_eq!(parse("25e-0_1"), Ok(Decimal::new(25, 1)));
    assert_eq!(parse("1e2_"), Ok(Decimal::new(100, 0)));
}

/// Text after an exponent's digits is no part of the literal: `1e2x`, `1e2 ` and `1e2.5` are
/// refused as not a decimal literal, never read as a larger exponent.
#[test]
fn text_after_an_exponent_is_refused_as_not_a_literal() {
    let not_a_literal = Err("dec!: not a decimal literal (no suffixes, radixes or expressions)");
    for text in ["1e2x", "1e2 ", "1e2.5", "1e2e2", "1e2-1", "1e2f64"] {
        assert_eq!(parse(text), not_a_literal, "{text}");
    }
}

/// The exponent is read up to 56, the 28 places a `Decimal` holds twice over: `1e56` with 56
/// places written (`0.0…01e56`) is 1 and with 57 places is 0.1; 57 or more is refused as out
/// of range, even on zero (`0e57`), where the result would fit.
#[test]
fn the_exponent_is_read_up_to_56() {
    let places = |n: usize| format!("0.{}1", "0".repeat(n - 1));
    assert_eq!(parse(&format!("{}e56", places(56))), Ok(Decimal::new(1, 0)));
    assert_eq!(parse(&format!("{}e56", places(57))), Ok(Decimal::new(1, 1)));
    assert_eq!(parse(&format!("{}e+56", places(80))), Ok(Decimal::new(1, 24)));
    assert_eq!(parse("0e56"), Ok(Decimal::ZERO));
    assert_eq!(parse("0e-56"), Err("dec!: a Decimal holds at most 28 decimal places"));
    let out_of_range = Err("dec!: the exponent is out of range");
    for text in ["0e57", "0e-57", "1e57", &format!("{}e57", places(57)), "0e560", "1e99999999999999999999"] {
        assert_eq!(parse(text), out_of_range, "{text}");
    }
}
