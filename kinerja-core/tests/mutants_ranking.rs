//! Tests for `kinerja-core/src/org/ranking.rs` (cargo-mutants on the whole file): the 1-based
//! rank of every employee and which of them only the id tie rule separates, with and without
//! achievement as the second key.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::{Error, Location};
use kinerja_core::model::Predicate;
use kinerja_core::org::ranking::{RankInput, RankedEmployee, rank_unit};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn mk(id: &str, predicate: Predicate, achievement: Option<Decimal>) -> RankInput {
    RankInput { employee: id.into(), predicate, achievement }
}

fn unit() -> Vec<RankInput> {
    vec![
        mk("d", Predicate::Good, Some(dec!(90))),
        mk("a", Predicate::Good, Some(dec!(90.0))),
        mk("c", Predicate::VeryGood, None),
        mk("b", Predicate::Good, None),
        mk("e", Predicate::Good, Some(dec!(97.5))),
    ]
}

/// `(rank, employee, tied_with_previous)` of each ranked employee, in rank order.
fn ranks(r: &[RankedEmployee]) -> Vec<(usize, &str, bool)> {
    r.iter().map(|x| (x.rank, x.employee.as_str(), x.tied_with_previous)).collect()
}

/// By predicate then achievement: ranks run 1, 2, 3 … (1-based, distinct), and only "d" after
/// "a" (same predicate, 90 = 90.0) is tied; the missing achievement ranks last in its
/// predicate. Predicate and achievement are carried over unchanged.
#[test]
fn ranks_are_one_based_and_only_id_separated_neighbours_are_tied() {
    let r = rank_unit(&unit(), true).unwrap();
    assert_eq!(
        ranks(&r),
        [(1, "c", false), (2, "e", false), (3, "a", false), (4, "d", true), (5, "b", false)]
    );
    assert_eq!((r[1].predicate, r[1].achievement), (Predicate::Good, Some(dec!(97.5))));
    assert_eq!((r[0].predicate, r[0].achievement), (Predicate::VeryGood, None));
}

/// By predicate only: every Good employee after the first is tied with the one above (the id
/// alone separates them), and the ranks still run 1 to 5.
#[test]
fn without_achievement_every_same_predicate_neighbour_is_tied() {
    let r = rank_unit(&unit(), false).unwrap();
    assert_eq!(ranks(&r), [(1, "c", false), (2, "a", false), (3, "b", true), (4, "d", true), (5, "e", true)]);
}

/// A repeated employee id is refused, naming the employee.
#[test]
fn a_repeated_employee_is_refused_by_id() {
    let mut v = unit();
    v.push(mk("b", Predicate::VeryGood, Some(dec!(100))));
    let e = rank_unit(&v, true).unwrap_err();
    assert_eq!(e, Error::Duplicate { at: Location::employee("b"), kind: "employee".into(), id: "b".into() });
    assert!(rank_unit(&[], true).unwrap().is_empty());
}
