//! Tests for `kinerja-table/src/direct/` (cargo-mutants on `numbers.rs`, `align.rs`,
//! `codes.rs` and `mod.rs`), through the public API `kinerja_table::direct`: key alignment
//! past one chunk of 65 536 rows and over null slots, the dense unit index at the edge of its
//! allowance, byte dictionaries that are no identity, the ids that locate a problem, and an
//! integer column whose null slot holds a value no kernel reads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use arrow_array::{
    Array, ArrayRef, Int8Array, Int32Array, Int64Array, LargeStringArray, StringViewArray, UInt8Array,
    UInt32Array, UInt64Array,
};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use kinerja_core::Error;
use kinerja_core::batch::OnError;
use kinerja_table::direct::{Arrays, align_keys, dictionary_codes, number_column, score_arrays, unit_index};
use kinerja_table::run::batch_rules_for;

/// Rows per chunk of the parallel key walk (the least chunk of `align_rows` in `direct/align.rs`).
const CHUNK: usize = 1 << 16;

/// An `int64` column without nulls.
fn i64s(v: &[i64]) -> ArrayRef {
    Arc::new(Int64Array::from(v.to_vec()))
}

/// Null slots of `int64` keys are no keys, whatever value lies under them: a row whose key is
/// null aligns with nothing (not even an employee whose null slot holds the same 0), and an
/// employee table with a null key still aligns the rows of its other employees.
#[test]
fn int64_null_keys_are_no_keys() {
    let rows: ArrayRef = Arc::new(Int64Array::from(vec![Some(1), None]));
    let emps: ArrayRef = Arc::new(Int64Array::from(vec![Some(1), None]));
    assert_eq!(align_keys(&rows, &emps, 1), None);
    let emps: ArrayRef = Arc::new(Int64Array::from(vec![Some(1), None, Some(2)]));
    assert_eq!(align_keys(&i64s(&[1, 2, 2]), &emps, 1), Some(vec![0, 2, 2]));
}

/// As [`int64_null_keys_are_no_keys`], for `int32` keys.
#[test]
fn int32_null_keys_are_no_keys() {
    let rows: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None]));
    let emps: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None]));
    assert_eq!(align_keys(&rows, &emps, 1), None);
    let rows: ArrayRef = Arc::new(Int32Array::from(vec![1, 1, 2]));
    let emps: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None, Some(2)]));
    assert_eq!(align_keys(&rows, &emps, 1), Some(vec![0, 0, 2]));
}

/// One employee with more rows than one chunk: the second chunk starts at that employee,
/// the first of the table, and every row is hers.
#[test]
fn one_employee_past_one_chunk() {
    let rows = vec![7i64; CHUNK + 4_464];
    let got = align_keys(&i64s(&rows), &i64s(&[7]), 2).unwrap();
    assert_eq!(got, vec![0u32; CHUNK + 4_464]);
}

/// A second chunk that starts back at an employee the first chunk already left (rows of
/// employee 0, one of employee 1 as the first chunk's last, then employee 0 again): each
/// chunk walks well alone, but joined they go backwards, so the rows are not aligned.
#[test]
fn a_chunk_that_goes_back_does_not_join() {
    let mut rows = vec![0i64; CHUNK - 1];
    rows.push(1);
    rows.extend([0; 10]);
    assert_eq!(align_keys(&i64s(&rows), &i64s(&[0, 1]), 2), None);
    // the same rows without the step back: aligned
    rows.truncate(CHUNK);
    rows.extend([1; 10]);
    let got = align_keys(&i64s(&rows), &i64s(&[0, 1]), 2).unwrap();
    assert_eq!((got[CHUNK - 2], got[CHUNK - 1], got[CHUNK], got.len()), (0, 1, 1, CHUNK + 10));
}

/// A key repeated in the employee table: a few rows are walked as one chunk, forward only,
/// so the third row is the third employee's (not the first's, whose key it also is).
#[test]
fn a_repeated_employee_key_is_walked_forward() {
    let keys = i64s(&[1, 2, 1]);
    assert_eq!(align_keys(&keys, &keys, 3), Some(vec![0, 1, 2]));
}

/// The dense unit index at the edge of its allowance (twice the ids and 1 024 more): four
/// ids spanning exactly 2 × 4 + 1 024 values are indexed, one more value is hashed instead.
#[test]
fn unit_index_at_the_edge_of_its_allowance() {
    let (ids, index) = unit_index(&i64s(&[0, 0, 0, 1031])).unwrap();
    assert_eq!(ids.as_ref(), &Int64Array::from(vec![0, 1031]) as &dyn Array);
    assert_eq!(index, vec![0, 0, 0, 1]);
    assert!(unit_index(&i64s(&[0, 0, 0, 1032])).is_none());
}

/// Byte indices through a mapping that swaps its two codes: each row takes its mapped code,
/// not its own index, for `uint8` and `int8` indices alike.
#[test]
fn byte_indices_through_a_swapping_mapping() {
    let mapping = [Some(1), Some(0)];
    let bytes: ArrayRef = Arc::new(UInt8Array::from(vec![Some(0), Some(1), None, Some(1)]));
    assert_eq!(
        dictionary_codes(&bytes, &mapping).unwrap(),
        UInt8Array::from(vec![Some(1), Some(0), None, Some(0)])
    );
    let signed: ArrayRef = Arc::new(Int8Array::from(vec![1, 0, 0]));
    assert_eq!(dictionary_codes(&signed, &mapping).unwrap(), UInt8Array::from(vec![0, 1, 1]));
}

/// Two employees with one indicator row each; the second row's target is 0, its problem.
fn second_row_fails(employee_ids: ArrayRef, indicator_ids: ArrayRef) -> Arrays {
    let mut a = Arrays::new(Arc::new(UInt32Array::from(vec![0, 1])), i64s(&[100, 0]), i64s(&[90, 5]), 2);
    a.work_rating = Some(Arc::new(UInt8Array::from(vec![1, 1])));
    a.behaviour = Some(Arc::new(UInt8Array::from(vec![1, 1])));
    a.employee_ids = Some(employee_ids);
    a.indicator_ids = Some(indicator_ids);
    a
}

/// The problem raised names its row by the ids given as `large_utf8`, `utf8_view` or
/// `int32`: the second employee's id and the second indicator row's id.
#[test]
fn problems_are_located_by_every_id_type() {
    let rules = batch_rules_for(None, None).unwrap();
    let cases: Vec<(ArrayRef, ArrayRef, &str, &str)> = vec![
        (
            Arc::new(LargeStringArray::from(vec!["199001012020121001", "199002022020122002"])),
            Arc::new(StringViewArray::from(vec!["IKU-1", "IKU-2"])),
            "199002022020122002",
            "IKU-2",
        ),
        (
            Arc::new(StringViewArray::from(vec!["A", "B"])),
            Arc::new(LargeStringArray::from(vec!["K-1", "K-2"])),
            "B",
            "K-2",
        ),
        (Arc::new(Int32Array::from(vec![11, 12])), Arc::new(Int32Array::from(vec![21, 22])), "12", "22"),
    ];
    for (employee_ids, indicator_ids, employee, indicator) in cases {
        let a = second_row_fails(employee_ids, indicator_ids);
        let e = score_arrays(&a, &rules, OnError::Raise).unwrap_err();
        let at = e.location().unwrap();
        assert_eq!(
            (at.row, at.employee.as_deref(), at.indicator.as_deref()),
            (Some(1), Some(employee), Some(indicator)),
            "{e:?}"
        );
    }
}

/// A row naming the employee just past the employee table (index 2 of 2 employees) concerns
/// no employee of it: the problems are counted, and no list of employees is given.
#[test]
fn a_row_past_the_employee_table_names_no_problem_employee() {
    let rules = batch_rules_for(None, None).unwrap();
    let mut a = Arrays::new(Arc::new(UInt32Array::from(vec![0, 2])), i64s(&[100, 100]), i64s(&[90, 90]), 2);
    a.work_rating = Some(Arc::new(UInt8Array::from(vec![1, 1])));
    a.behaviour = Some(Arc::new(UInt8Array::from(vec![1, 1])));
    let s = score_arrays(&a, &rules, OnError::Collect).unwrap();
    assert!(s.errors >= 1, "{}", s.errors);
    assert_eq!(s.problem_employees, None);
    let e = score_arrays(&a, &rules, OnError::Raise).unwrap_err();
    match e {
        Error::Input { at, field, .. } => assert_eq!((at.row, field.as_str()), (Some(1), "employee")),
        other => panic!("{other:?}"),
    }
}

/// A `uint64` column reads a null as null whatever its slot holds: a value past the 64-bit
/// integers under a null is no value (it was refused as one), while the same value in a valid
/// row is still refused, naming its row.
#[test]
fn a_uint64_null_slot_is_no_value() {
    let values = ScalarBuffer::from(vec![1u64, u64::MAX, 3]);
    let a: ArrayRef =
        Arc::new(UInt64Array::new(values.clone(), Some(NullBuffer::from(vec![true, false, true]))));
    let n = number_column(&a, "weight").unwrap();
    let c = n.column();
    assert_eq!(((0..3).map(|i| c.raw(i)).collect::<Vec<_>>(), c.scale), (vec![Some(1), None, Some(3)], 0));
    let valid: ArrayRef = Arc::new(UInt64Array::new(values, None));
    match number_column(&valid, "weight") {
        Err(Error::Input { at, field, reason }) => {
            assert_eq!((at.row, field.as_str()), (Some(1), "weight"));
            assert_eq!(reason, "18446744073709551615 is beyond the 64-bit integers the batch kernels read");
        }
        other => panic!("{other:?}"),
    }
}

/// Byte indices none of which is a code of an identity mapping (every index past it, or
/// mapped to `None`): each row is still read through the mapping, the first index outside it
/// an error naming its row, a `None` a null, never the index itself taken as its code.
#[test]
fn byte_indices_none_of_them_a_code() {
    let past: ArrayRef = Arc::new(UInt8Array::from(vec![2, 3]));
    match dictionary_codes(&past, &[Some(0), Some(1)]) {
        Err(Error::Input { field, reason, .. }) => {
            assert_eq!(
                (field.as_str(), reason.as_str()),
                ("codes", "row 0: a dictionary index outside its 2 values")
            );
        }
        other => panic!("{other:?}"),
    }
    let unmapped: ArrayRef = Arc::new(UInt8Array::from(vec![1, 1]));
    let codes = dictionary_codes(&unmapped, &[Some(0), None]).unwrap();
    assert_eq!(codes, UInt8Array::from(vec![None, None]));
}
