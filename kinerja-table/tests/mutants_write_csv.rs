//! Tests for `kinerja-table/src/write/csv.rs` (cargo-mutants on the whole file; its two
//! surviving mutants are equivalent): a decimal column of negative scale (Arrow allows it,
//! and the readers take it) is written as its value, not as its bare mantissa.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use arrow_array::{ArrayRef, Decimal128Array, RecordBatch};
use kinerja_table::write::{CsvOptions, CsvWriter, write_csv, write_csv_to};

/// A `decimal128(38, -2)` column: mantissas in hundreds (`5` is 500).
fn hundreds() -> RecordBatch {
    let d: ArrayRef = Arc::new(
        Decimal128Array::from(vec![Some(5), Some(-7), Some(0), None, Some(12_345)])
            .with_precision_and_scale(38, -2)
            .unwrap(),
    );
    RecordBatch::try_from_iter([("target", d)]).unwrap()
}

/// A negative scale is that many zeros after the mantissa's digits (`5` at -2 is `500`; zero
/// is `0`, a missing value an empty field), whether the column is written whole, streamed,
/// to a file, or with a delimiter that occurs in numbers (the cells are then quoted text).
#[test]
fn a_negative_scale_is_written_as_the_value() {
    let expected = "target\n500\n-700\n0\n\n1234500\n";
    let mut whole = Vec::new();
    write_csv_to(&hundreds(), &mut whole, &CsvOptions::default()).unwrap();
    assert_eq!(String::from_utf8(whole).unwrap(), expected);
    let mut w = CsvWriter::new(Vec::new(), CsvOptions { delimiter: b';' });
    w.write(&hundreds().slice(0, 2)).unwrap();
    w.write(&hundreds().slice(2, 3)).unwrap();
    assert_eq!(String::from_utf8(w.finish().unwrap()).unwrap(), expected);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    write_csv(&hundreds(), &path, &CsvOptions::default()).unwrap();
    assert_eq!(std::fs::read_to_string(&path).unwrap(), expected);
    let mut dashed = Vec::new();
    write_csv_to(&hundreds(), &mut dashed, &CsvOptions { delimiter: b'-' }).unwrap();
    assert_eq!(String::from_utf8(dashed).unwrap(), "target\n500\n\"-700\"\n0\n\n1234500\n");
}
