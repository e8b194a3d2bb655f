//! Tests for `kinerja-table/src/direct/` (cargo-mutants on `numbers.rs`, `align.rs`,
//! `codes.rs` and `mod.rs`), through the public API `kinerja_table::direct`: key alignment
//! past one chunk of 65 536 rows and over null slots, the dense unit index at the edge of its
//! allowance, byte dictionaries that are no identity, the ids that locate a problem, and an
//! integer column whose null slot holds a value no kernel reads.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use arrow_array::{ArrayRef, UInt64Array};
use arrow_buffer::{NullBuffer, ScalarBuffer};
use kinerja_core::Error;
use kinerja_table::direct::number_column;

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
