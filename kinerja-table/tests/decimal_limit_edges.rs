//! A `decimal128` column (pandas, polars, pyarrow, DuckDB) is held to the input limits at
//! their edges, at every scale: the largest value is taken, one past it is refused as too
//! large even where the column could be taken whole, and a value finer than the fraction
//! limit is refused as too precise, each with its own words.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
use kinerja_core::batch::OnError;
use kinerja_table::read::{ReadOptions, canonicalise};
use kinerja_table::schema::TableKind;

/// Reads an indicator table whose `actual` holds `mantissas` at `scale`: each row's value as
/// text, or `too large` / `too precise` when the row was refused for it.
fn read(mantissas: &[i128], scale: i8) -> Vec<String> {
    let n = mantissas.len();
    let column = |m: Vec<i128>, s: i8| -> ArrayRef {
        Arc::new(Decimal128Array::from(m).with_precision_and_scale(38, s).unwrap())
    };
    let b = RecordBatch::try_from_iter([
        ("employee", Arc::new(StringArray::from(vec!["a"; n])) as ArrayRef),
        ("target", column(vec![100; n], 0)),
        ("actual", column(mantissas.to_vec(), scale)),
    ])
    .unwrap();
    let options = ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() };
    let t = canonicalise(&b, &options, TableKind::Indicators).unwrap();
    (0..n)
        .map(|i| {
            if t.row_valid[i] {
                return t.decimal("actual", i).unwrap().to_string();
            }
            let p = t.problems.iter().find(|p| p.row == Some(i as u64 + 1)).unwrap();
            let m = &p.message;
            if m.contains("is too large: at most 20 digits before the decimal separator") {
                "too large".into()
            } else if m.contains("has more than 18 digits after the decimal separator") {
                "too precise".into()
            } else {
                m.clone()
            }
        })
        .collect()
}

#[test]
fn a_decimal_column_is_held_to_twenty_integer_digits_at_every_scale() {
    let p = |k: u32| 10i128.pow(k);
    // scale 0: 20 digits are taken, 10^20 (21 digits) is not, nor its negative
    assert_eq!(
        read(&[p(20) - 1, p(20), -p(20), 7], 0),
        ["99999999999999999999", "too large", "too large", "7"]
    );
    // scale 2: 99999999999999999999.99 is taken, 100000000000000000000.00 is not
    assert_eq!(read(&[p(22) - 1, p(22), 12_345], 2), ["99999999999999999999.99", "too large", "123.45"]);
    // scale 8: 28 significant digits in all are taken, 10^20 is not
    assert_eq!(read(&[p(28) - 1, p(28), 1], 8), ["99999999999999999999.99999999", "too large", "0.00000001"]);
}

#[test]
fn a_decimal_column_finer_than_eighteen_places_is_too_precise() {
    // scale 19: 10^-19 is refused as too precise; 10 × 10^-19 is 10^-18, taken
    assert_eq!(read(&[1, 10, -3], 19), ["too precise", "0.000000000000000001", "too precise"]);
    // scale 20: trailing zeros past the limit are not digits
    assert_eq!(read(&[100, 150], 20), ["0.000000000000000001", "too precise"]);
}
