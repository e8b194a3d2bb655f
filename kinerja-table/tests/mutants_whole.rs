//! Tests for `kinerja-table/src/canonical/whole.rs` (cargo-mutants on the whole file): typed
//! Arrow columns read as a whole must give exactly what the cell-by-cell step gives. The
//! whole-column reader works in parallel chunks of 65 536 rows, so each kind of column is read
//! here past its first chunk, with rows of the second chunk that differ from those at the same
//! place in the first; and a null slot holds 0 whatever the producer left under it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{Array, ArrayRef, Decimal128Array, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_buffer::NullBuffer;
use kinerja_core::batch::OnError;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::read::{ReadOptions, ReadTable, canonicalise};
use kinerja_table::schema::TableKind;

/// Rows per chunk of the whole-column reader (`CHUNK` in `canonical/whole.rs`).
const CHUNK: usize = 1 << 16;

/// Three rows more than one chunk.
const N: usize = CHUNK + 3;

/// `batch` read as an indicator table in plain notation, every problem collected.
fn read(batch: &RecordBatch) -> ReadTable {
    let options = ReadOptions {
        number_format: NumberFormat::Plain,
        on_error: OnError::Collect,
        ..ReadOptions::default()
    };
    canonicalise(batch, &options, TableKind::Indicators).unwrap()
}

/// An indicator table of `N` rows whose every column is read whole: integer ids, text
/// numbers, float numbers, integer word codes (three nulls at the top) and text words (the
/// second chunk's spelled otherwise than the first's).
fn past_one_chunk() -> ReadTable {
    let employee: ArrayRef = Arc::new(Int64Array::from_iter_values((0..N).map(|i| 1_000_000 + i as i64)));
    let actual: ArrayRef = Arc::new(StringArray::from_iter_values((0..N).map(|i| i.to_string())));
    let target: ArrayRef = Arc::new(Float64Array::from_iter_values((0..N).map(|i| i as f64 / 2.0)));
    let codes = (0..N).map(|i| (i >= 3).then_some((i % 3) as i64));
    let work_result: ArrayRef = Arc::new(Int64Array::from_iter(codes));
    let behaviour: ArrayRef = Arc::new(StringArray::from_iter_values(
        (0..N).map(|i| if i < CHUNK { "Sesuai Ekspektasi" } else { "Di Atas Ekspektasi" }),
    ));
    let b = RecordBatch::try_from_iter([
        ("employee", employee),
        ("target", target),
        ("actual", actual),
        ("work_result", work_result),
        ("behaviour", behaviour),
    ])
    .unwrap();
    let t = read(&b);
    assert_eq!(t.num_rows(), N);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    assert!(t.row_valid.iter().all(|v| *v));
    t
}

/// Integer ids past the first chunk: each row its own digits (the text column's rows are
/// counted per chunk; a wrong count made the column longer than the table).
#[test]
fn integer_ids_past_one_chunk_are_each_rows_digits() {
    let t = past_one_chunk();
    let ids: Vec<_> = [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, CHUNK + 2].map(|i| t.text("employee", i)).into();
    assert_eq!(
        ids,
        [
            Some("1000000"),
            Some("1000001"),
            Some("1065535"),
            Some("1065536"),
            Some("1065537"),
            Some("1065538")
        ]
    );
    assert_eq!(t.batch.column_by_name("employee").unwrap().len(), N);
}

/// Text numbers past the first chunk: row `i` reads `i`, not the first chunk's row.
#[test]
fn text_numbers_past_one_chunk_are_each_rows_number() {
    let t = past_one_chunk();
    let at = |i: usize| t.decimal("actual", i).unwrap().to_string();
    assert_eq!([0, 2, CHUNK - 1, CHUNK, CHUNK + 2].map(at), ["0", "2", "65535", "65536", "65538"]);
}

/// Float numbers past the first chunk: row `i` reads `i / 2` exactly, at the column's scale 1.
#[test]
fn float_numbers_past_one_chunk_are_each_rows_number() {
    let t = past_one_chunk();
    let at = |i: usize| t.decimal("target", i).unwrap().to_string();
    assert_eq!([0, 1, CHUNK - 1, CHUNK, CHUNK + 1].map(at), ["0.0", "0.5", "32767.5", "32768.0", "32768.5"]);
}

/// Integer word codes past the first chunk: a row of the second chunk is not taken for null
/// because the row at its place in the first chunk is (rows 0–2 null; 65 536 and 65 537 hold
/// codes 1 and 2, `meets` and `above`, not 0, `below`).
#[test]
fn integer_word_codes_past_one_chunk_keep_their_words() {
    let t = past_one_chunk();
    let at = |i: usize| t.text("work_result", i);
    assert_eq!([0, 2, 3, 4, 5].map(at), [None, None, Some("below"), Some("meets"), Some("above")]);
    assert_eq!([CHUNK, CHUNK + 1, CHUNK + 2].map(at), [Some("meets"), Some("above"), Some("below")]);
}

/// Text words past the first chunk: each row's own spelling read (`Sesuai Ekspektasi` in
/// the first chunk is `meets`, `Di Atas Ekspektasi` in the second `above`).
#[test]
fn text_words_past_one_chunk_are_each_rows_word() {
    let t = past_one_chunk();
    let at = |i: usize| t.text("behaviour", i);
    assert_eq!([0, 1, CHUNK - 1].map(at), [Some("meets"); 3]);
    assert_eq!([CHUNK, CHUNK + 1, CHUNK + 2].map(at), [Some("above"); 3]);
}

/// The values under the nulls of a number column, as stored: the canonical column's raw
/// mantissas and its null rows.
fn stored(actual: ArrayRef) -> (Vec<i128>, Vec<bool>) {
    let n = actual.len();
    let b = RecordBatch::try_from_iter([
        ("employee", Arc::new(StringArray::from(vec!["a"; n])) as ArrayRef),
        ("target", Arc::new(Int64Array::from(vec![100; n])) as ArrayRef),
        ("actual", actual),
    ])
    .unwrap();
    let t = read(&b);
    assert!(t.problems.is_empty(), "{:?}", t.problems);
    let a = t.batch.column_by_name("actual").unwrap().as_primitive::<Decimal128Type>().clone();
    (a.values().to_vec(), (0..n).map(|i| a.is_null(i)).collect())
}

/// A producer may leave any value under a null (Arrow does not define it): an integer or a
/// `decimal128` column read whole stores 0 there, as the cell step does, so the canonical
/// column's buffers are the same whichever step read it.
#[test]
fn null_slots_of_integer_and_decimal_columns_hold_zero() {
    let nulls = || Some(NullBuffer::from(vec![true, false, true, false]));
    let ints: ArrayRef = Arc::new(Int64Array::new(vec![5, 7, -9, 11].into(), nulls()));
    assert_eq!(stored(ints), (vec![5, 0, -9, 0], vec![false, true, false, true]));
    let decimals = Decimal128Array::new(vec![1250, 777, -5, 3].into(), nulls());
    let decimals: ArrayRef = Arc::new(decimals.with_precision_and_scale(10, 2).unwrap());
    assert_eq!(stored(decimals), (vec![1250, 0, -5, 0], vec![false, true, false, true]));
    // without nulls every value is kept
    let ints: ArrayRef = Arc::new(Int64Array::from(vec![5, 7]));
    assert_eq!(stored(ints), (vec![5, 7], vec![false, false]));
}
