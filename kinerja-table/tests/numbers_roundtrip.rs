//! Property: any decimal within the limits, formatted in plain or Indonesian notation (with
//! the decorations real exports carry), parses back to itself exactly.
#![allow(clippy::unwrap_used)]

use kinerja_table::numbers::{NumberFormat, format_id, format_plain, parse_number};
use proptest::prelude::*;
use rust_decimal::Decimal;

/// Decimals of up to 20 integer digits and 0–18 decimals (within the documented limits).
fn decimals() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=18, 0i128..=99_999).prop_map(|(m, scale, high)| {
        // mantissa up to ~27 digits: a 64-bit part times up to 10^5
        let mantissa = i128::from(m) * high.max(1);
        let d = Decimal::try_from_i128_with_scale(mantissa, scale).unwrap_or(Decimal::ZERO);
        let int_digits = d.abs().trunc().to_string().trim_start_matches('0').len();
        if int_digits > 20 { Decimal::ZERO } else { d }
    })
}

proptest! {
    #[test]
    fn plain_round_trips(d in decimals()) {
        prop_assert_eq!(parse_number(&format_plain(d), NumberFormat::Plain).unwrap(), Some(d));
    }

    #[test]
    fn id_round_trips(d in decimals(), rp in any::<bool>(), pct in any::<bool>(), nbsp in any::<bool>()) {
        let mut text = format_id(d);
        if nbsp {
            text = text.replace('.', "\u{a0}");
        }
        if rp {
            text = format!("Rp {text}");
        }
        if pct {
            text.push_str(" %");
        }
        prop_assert_eq!(parse_number(&text, NumberFormat::Id).unwrap(), Some(d), "{}", text);
    }

    #[test]
    fn auto_never_guesses(d in decimals()) {
        // auto either reads the plain text as itself, or refuses it; it never reads another value
        let plain = format_plain(d);
        if let Ok(v) = parse_number(&plain, NumberFormat::Auto) {
            prop_assert_eq!(v, Some(d));
        }
        let id = format_id(d);
        if let Ok(v) = parse_number(&id, NumberFormat::Auto) {
            prop_assert_eq!(v, Some(d), "{}", id);
        }
    }

    #[test]
    fn junk_never_panics(s in "\\PC{0,40}") {
        for f in [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto] {
            let _ = parse_number(&s, f);
        }
    }
}
