//! The [`dec!`](crate::dec) macro: exact decimal literals checked at compile time, with no
//! dependency on `rust_decimal` or `rust_decimal_macros` in the caller's `Cargo.toml`.

use rust_decimal::Decimal;

/// The largest mantissa a `Decimal` holds (96 bits).
const MAX_MANTISSA: u128 = (1 << 96) - 1;

/// Parses the text of a decimal literal (`12`, `-1.25`, `1_000.5`, `1.5e-3`, `2E2`) exactly.
/// Used by [`dec!`](crate::dec) in a `const` block, so a bad literal fails to compile.
#[doc(hidden)]
pub const fn parse(text: &str) -> Result<Decimal, &'static str> {
    let b = text.as_bytes();
    let mut i = 0;
    let mut negative = false;
    if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
        negative = b[i] == b'-';
        i += 1;
    }
    while i < b.len() && b[i] == b' ' {
        i += 1;
    }
    let mut mantissa: u128 = 0;
    let mut scale: i64 = 0;
    let mut digits = 0;
    let mut dot = false;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_digit() {
            mantissa = match mantissa.checked_mul(10) {
                Some(m) if m + ((c - b'0') as u128) <= MAX_MANTISSA => m + (c - b'0') as u128,
                _ => return Err("dec!: the literal has more digits than a Decimal holds (96 bits)"),
            };
            if dot {
                scale += 1;
            }
            digits += 1;
        } else if c == b'.' && !dot {
            dot = true;
        } else if c != b'_' {
            break;
        }
        i += 1;
    }
    if digits == 0 {
        return Err("dec!: expected a number such as 12, -1.25 or 1.5e-3");
    }
    if i < b.len() && (b[i] == b'e' || b[i] == b'E') {
        i += 1;
        let mut exp_negative = false;
        if i < b.len() && (b[i] == b'-' || b[i] == b'+') {
            exp_negative = b[i] == b'-';
            i += 1;
        }
        let mut exp: i64 = 0;
        let mut exp_digits = 0;
        while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'_') {
            if b[i] != b'_' {
                exp = exp * 10 + (b[i] - b'0') as i64;
                exp_digits += 1;
                if exp > 56 {
                    return Err("dec!: the exponent is out of range");
                }
            }
            i += 1;
        }
        if exp_digits == 0 {
            return Err("dec!: the exponent has no digits");
        }
        scale += if exp_negative { exp } else { -exp };
    }
    if i != b.len() {
        return Err("dec!: not a decimal literal (no suffixes, radixes or expressions)");
    }
    while scale < 0 {
        mantissa = match mantissa.checked_mul(10) {
            Some(m) if m <= MAX_MANTISSA => m,
            _ => return Err("dec!: the literal is larger than a Decimal holds"),
        };
        scale += 1;
    }
    if scale > 28 {
        return Err("dec!: a Decimal holds at most 28 decimal places");
    }
    let lo = mantissa as u32;
    let mid = (mantissa >> 32) as u32;
    let hi = (mantissa >> 64) as u32;
    Ok(Decimal::from_parts(lo, mid, hi, negative, scale as u32))
}

/// An exact [`Decimal`](crate::Decimal) from a literal, checked at compile time.
///
/// The literal keeps its written scale (`dec!(1.50)` has two places), as `rust_decimal_macros`
/// does; only `rust_decimal`'s types are needed, through kinerja-core's re-exports.
///
/// ```
/// use kinerja_core::prelude::*;
/// let target: Decimal = dec!(92.50);
/// assert_eq!(target.to_string(), "92.50");
/// assert_eq!(dec!(-1_000.5), Decimal::new(-10005, 1));
/// assert_eq!(dec!(1.5e-3).to_string(), "0.0015");
/// ```
///
/// A literal a `Decimal` cannot hold does not compile:
///
/// ```compile_fail
/// let _ = kinerja_core::dec!(1.5f64);
/// ```
#[macro_export]
macro_rules! dec {
    ($($literal:tt)+) => {{
        // A constant, so a bad literal is a compile error, never a panic at run time.
        #[allow(clippy::panic)]
        const VALUE: $crate::Decimal = match $crate::__private::parse_decimal(stringify!($($literal)+)) {
            ::core::result::Result::Ok(d) => d,
            ::core::result::Result::Err(message) => ::core::panic!("{}", message),
        };
        VALUE
    }};
}

#[cfg(test)]
mod tests {
    use super::parse;
    use rust_decimal::Decimal;
    use std::str::FromStr;

    #[test]
    fn macro_matches_rust_decimal_macros() {
        assert_eq!(crate::dec!(0), rust_decimal_macros::dec!(0));
        assert_eq!(crate::dec!(92.50), rust_decimal_macros::dec!(92.50));
        assert_eq!(crate::dec!(92.50).scale(), 2);
        assert_eq!(crate::dec!(-1_000.5), rust_decimal_macros::dec!(-1_000.5));
        assert_eq!(crate::dec!(1.5e-3), rust_decimal_macros::dec!(1.5e-3));
        assert_eq!(crate::dec!(2E2), rust_decimal_macros::dec!(2E2));
        assert_eq!(crate::dec!(79228162514264337593543950335), Decimal::MAX);
        assert_eq!(crate::dec!(0.0000000000000000000000000001), Decimal::new(1, 28));
    }

    #[test]
    fn text_forms() {
        let d = |s| Decimal::from_str(s).unwrap();
        assert_eq!(parse("- 7.25"), Ok(d("-7.25")));
        assert_eq!(parse("+3"), Ok(d("3")));
        assert_eq!(parse("1."), Ok(d("1")));
        assert_eq!(parse("12e+1"), Ok(d("120")));
        for bad in ["", "-", "abc", "1.2.3", "1e", "1.5f64", "0x1F", "79228162514264337593543950336", "1e29"]
        {
            assert!(parse(bad).is_err(), "{bad}");
        }
        assert!(parse("0.00000000000000000000000000001").is_err(), "29 places");
    }
}
