//! Tests for `kinerja-table/src/ids.rs` (cargo-mutants on the whole file): the index from an
//! employee id to its number compares the ids themselves, not only their 64-bit hashes. Two
//! ids with one hash are two employees, whichever way the employees are found: the employee
//! table without periods, the employee table with a `period` column, or the indicator table
//! alone. An employee id may be any text that is not a number in disguise (see
//! `docs/tables.md`), so two such ids can come from any file.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::hash::BuildHasher;

use common::*;
use kinerja_table::score::{Detail, ScoreOptions, Tables, score};

/// Two employee ids with one 64-bit hash under the index's hasher (`FxBuildHasher`): the hash
/// of a 16-byte text is symmetric in its two 8-byte halves, and these halves are each other's
/// swapped.
const A: &str = "ÚA1aBkbÚA1aBkb";
/// The other id of the pair (see [`A`]).
const B: &str = "TᒷǢMUTᒷǢMU";

/// Indicator rows of `A` (100/100 and 90/100: 95.00) and `B` (120/100: 120.00), `B` first so
/// that its rows are matched by looking its id up, not by walking the employee order.
fn indicators(period: bool) -> arrow_array::RecordBatch {
    let mut c = vec![
        ("employee", words(&[B, A, A])),
        ("indicator", words(&["i1", "i1", "i2"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("120"), Some("100"), Some("90")], 0)),
    ];
    if period {
        c.push(("period", words(&["2024", "2024", "2024"])));
    }
    batch(c)
}

/// The employee table of `A` (meets) and `B` (above), each in one unit, with `period` when
/// asked.
fn employees(period: bool) -> arrow_array::RecordBatch {
    let mut c = vec![
        ("employee", words(&[A, B])),
        ("unit", words(&["u1", "u2"])),
        ("work_result", words(&["meets", "above"])),
        ("behaviour", words(&["meets", "above"])),
    ];
    if period {
        c.push(("period", words(&["2024", "2024"])));
    }
    batch(c)
}

/// Scores `ind` with `emp` (if any) under the Kupang bands, over 2024 when `period`.
fn scored(
    ind: &arrow_array::RecordBatch,
    emp: Option<&arrow_array::RecordBatch>,
    period: bool,
) -> kinerja_table::score::Scored {
    let options = ScoreOptions {
        period: period.then(|| "2024".parse().unwrap()),
        detail: Detail::Employee,
        ..Default::default()
    };
    score(&Tables { indicators: ind, employees: emp, units: None }, &rules(), &options).unwrap()
}

/// The two ids do share one hash (else the tests below would not test the comparison).
#[test]
fn the_two_ids_share_one_hash() {
    assert_ne!(A, B);
    assert_eq!(rustc_hash::FxBuildHasher.hash_one(A), rustc_hash::FxBuildHasher.hash_one(B));
}

/// With an employee table (no periods): each id keeps its own row and its own indicators,
/// `A` 95.00 (meets: good), `B` 120.00 (above: very good); no problem.
#[test]
fn one_hash_two_employees_in_the_employee_table() {
    let s = scored(&indicators(false), Some(&employees(false)), false);
    assert_eq!(strings(&s.employees, "employee"), some(&[A, B]));
    assert_eq!(decimals(&s.employees, "weighted_achievement"), some(&["95.00", "120.00"]));
    assert_eq!(strings(&s.employees, "predicate"), some(&["good", "very_good"]));
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok"]));
    assert_eq!(s.problems.num_rows(), 0);
}

/// With an employee table that has a `period` column (employees indexed one row at a time):
/// the same two results.
#[test]
fn one_hash_two_employees_in_an_employee_table_with_periods() {
    let s = scored(&indicators(true), Some(&employees(true)), true);
    assert_eq!(strings(&s.employees, "employee"), some(&[A, B]));
    assert_eq!(decimals(&s.employees, "weighted_achievement"), some(&["95.00", "120.00"]));
    assert_eq!(strings(&s.employees, "predicate"), some(&["good", "very_good"]));
    assert_eq!(s.problems.num_rows(), 0);
}

/// Without an employee table (the employees are the indicator table's, in order of first
/// appearance): `B` first with 120.00, then `A` with 95.00.
#[test]
fn one_hash_two_employees_in_the_indicator_table() {
    let ind = batch(vec![
        ("employee", words(&[B, A, A])),
        ("indicator", words(&["i1", "i1", "i2"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("120"), Some("100"), Some("90")], 0)),
        ("work_result", words(&["above", "meets", "meets"])),
        ("behaviour", words(&["above", "meets", "meets"])),
    ]);
    let s = scored(&ind, None, false);
    assert_eq!(strings(&s.employees, "employee"), some(&[B, A]));
    assert_eq!(decimals(&s.employees, "weighted_achievement"), some(&["120.00", "95.00"]));
    assert_eq!(strings(&s.employees, "predicate"), some(&["very_good", "good"]));
    assert_eq!(s.problems.num_rows(), 0);
}
