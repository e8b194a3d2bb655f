//! Tests for `kinerja-table/src/cells.rs` (cargo-mutants on the whole file): borrowed text
//! access to a cell, through `score::text_at`, which promises the text of a `Utf8`,
//! `LargeUtf8`, `Utf8View` or `int8`-keyed `Utf8` dictionary column at a row, and `None` when
//! the cell is null, the row is past the column or the column is not text (never a panic).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use arrow_array::types::{Int8Type, Int16Type};
use arrow_array::{
    ArrayRef, DictionaryArray, Int8Array, Int16Array, Int64Array, LargeStringArray, StringArray,
    StringViewArray,
};
use kinerja_table::score::text_at;

/// Every row of `a` and three past its end, as `text_at` reads them.
fn read(a: &ArrayRef) -> Vec<Option<&str>> {
    (0..a.len() + 3).map(|i| text_at(a, i)).collect()
}

/// The cells `baik`, null, `Sangat Baik` (Indonesian) as each text type holds them.
fn columns() -> Vec<ArrayRef> {
    let v = vec![Some("baik"), None, Some("Sangat Baik")];
    vec![
        Arc::new(StringArray::from(v.clone())),
        Arc::new(LargeStringArray::from(v.clone())),
        Arc::new(StringViewArray::from(v.clone())),
        Arc::new(DictionaryArray::<Int8Type>::new(
            Int8Array::from(vec![Some(1), None, Some(0)]),
            Arc::new(StringArray::from(vec!["Sangat Baik", "baik"])),
        )),
    ]
}

/// Each of the four text types gives its text, `None` for the null, and `None` at the row
/// just past the column and beyond (the bound is `<`, not `<=`).
#[test]
fn each_text_type_reads_its_cells_and_none_past_the_end() {
    for a in columns() {
        assert_eq!(
            read(&a),
            vec![Some("baik"), None, Some("Sangat Baik"), None, None, None],
            "{}",
            a.data_type()
        );
    }
}

/// The same for English words and a column without a null buffer: every row read, the row
/// past the end `None` (there is no null buffer to stop the read).
#[test]
fn a_column_without_nulls_is_none_past_the_end() {
    let v = vec!["good", "very good"];
    let cols: Vec<ArrayRef> = vec![
        Arc::new(StringArray::from(v.clone())),
        Arc::new(LargeStringArray::from(v.clone())),
        Arc::new(StringViewArray::from(v.clone())),
        Arc::new(DictionaryArray::<Int8Type>::new(
            Int8Array::from(vec![0, 1]),
            Arc::new(StringArray::from(v.clone())),
        )),
    ];
    for a in &cols {
        assert_eq!(read(a), vec![Some("good"), Some("very good"), None, None, None], "{}", a.data_type());
    }
}

/// Columns that are not text read as `None` at every row: integers, a dictionary with
/// `int16` keys, and an `int8`-keyed dictionary of `LargeUtf8` values (only `int8` keys into
/// `Utf8` are label columns).
#[test]
fn other_columns_are_not_text() {
    let ints: ArrayRef = Arc::new(Int64Array::from(vec![1, 2]));
    let wide: ArrayRef = Arc::new(DictionaryArray::<Int16Type>::new(
        Int16Array::from(vec![0, 1]),
        Arc::new(StringArray::from(vec!["baik", "good"])),
    ));
    let large: ArrayRef = Arc::new(DictionaryArray::<Int8Type>::new(
        Int8Array::from(vec![0, 1]),
        Arc::new(LargeStringArray::from(vec!["baik", "good"])),
    ));
    for a in [&ints, &wide, &large] {
        assert_eq!(read(a), vec![None; 5], "{}", a.data_type());
    }
}

/// A label column whose dictionary holds a null word: a row whose key names that word reads
/// as `None`, like a null row, not as the empty text stored under the null; the rows naming
/// real words read them.
#[test]
fn a_null_word_in_the_dictionary_reads_as_none() {
    let a: ArrayRef = Arc::new(DictionaryArray::<Int8Type>::new(
        Int8Array::from(vec![Some(1), Some(0), None, Some(2)]),
        Arc::new(StringArray::from(vec![Some("baik"), None, Some("good")])),
    ));
    assert_eq!(read(&a), vec![None, Some("baik"), None, Some("good"), None, None, None]);
}
