//! One definition of the limits on digits: a plain-notation number the table reader takes is
//! one the scalar parser (`kinerja_core::num::parse_decimal`) takes, with the same value, and
//! the reverse; both refuse with the core's words.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kinerja_core::error::Location;
use kinerja_core::num::parse_decimal;
use kinerja_table::numbers::{NumberFormat, parse_number};
use proptest::prelude::*;

fn both(text: &str) -> (Result<String, String>, Result<String, String>) {
    let cell = parse_number(text, NumberFormat::Plain)
        .map(|d| d.map(|d| d.normalize().to_string()).unwrap_or_default())
        .map_err(|e| e.to_string());
    let scalar = parse_decimal(text, "x", &Location::default())
        .map(|d| d.normalize().to_string())
        .map_err(|e| e.to_string());
    (cell, scalar)
}

#[test]
fn the_edges_agree() {
    for (text, taken) in [
        ("99999999999999999999", true),
        ("-99999999999999999999.999999", true),
        ("100000000000000000000", false),
        ("0.000000000000000001", true),
        ("0.0000000000000000001", false),
        ("12345678901.234567890123456789", false),
        ("12345678901.000000000000000000", true),
        ("1.500000000000000000000000", true),
    ] {
        let (cell, scalar) = both(text);
        assert_eq!((cell.is_ok(), scalar.is_ok()), (taken, taken), "{text}: {cell:?} {scalar:?}");
        if let (Err(c), Err(s)) = (&cell, &scalar) {
            assert!(s.ends_with(c.as_str()), "{text}: `{s}` does not end with `{c}`");
        }
        assert_eq!(cell.ok(), scalar.ok(), "{text}");
    }
}

proptest! {
    #[test]
    fn a_number_one_takes_the_other_takes(
        int in "[1-9][0-9]{0,22}",
        frac in proptest::option::of("[0-9]{1,21}"),
        negative in any::<bool>(),
    ) {
        let text = format!("{}{int}{}", if negative { "-" } else { "" }, frac.map(|f| format!(".{f}")).unwrap_or_default());
        let (cell, scalar) = both(&text);
        prop_assert_eq!(cell.is_ok(), scalar.is_ok(), "{}: {:?} {:?}", text, cell, scalar);
        if cell.is_ok() {
            prop_assert_eq!(cell.ok(), scalar.ok());
        }
    }
}
