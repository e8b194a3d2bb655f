//! Tests for `kinerja-core/src/org/structure.rs` (cargo-mutants on the whole file): what the
//! validated structure hands back (its units, goals and employees as given, a goal by id, a
//! unit's parent, who heads a unit), and the refusals of `OrgStructure::new` — which
//! cargo-mutants leaves unmutated, being a `new` — with their exact messages in both languages:
//! a long cycle, two heads, blank ids, a goal's weight or realisation beyond the input limits.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::Error;
use kinerja_core::explain::Lang;
use kinerja_core::model::{Employee, Polarity, PostType, Target};
use kinerja_core::org::{OrgInput, OrgStructure, OrgUnit, UnitGoal};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

mod support;
use support::org_unit as unit;

fn emp(id: &str, unit: &str, head: bool) -> Employee {
    Employee {
        id: id.into(),
        name: format!("Pegawai {id}"),
        unit: unit.into(),
        post_type: PostType::Executor,
        functional_grade: None,
        unit_head: head,
        position: String::new(),
    }
}

fn goal(id: &str, unit: &str, weight: Option<Decimal>, actual: Option<Decimal>) -> UnitGoal {
    UnitGoal {
        id: id.into(),
        unit: unit.into(),
        name: format!("Sasaran {id}"),
        target: Target::Point(dec!(100)),
        polarity: Polarity::HigherIsBetter,
        weight,
        actual,
    }
}

/// Both messages of an error: English, then Indonesian.
fn messages(e: &Error) -> (String, String) {
    (e.message(Lang::En), e.message(Lang::Id))
}

/// A cycle of `n` units, `u0 → u1 → … → u{n-1} → u0`.
fn cycle(n: usize) -> Vec<OrgUnit> {
    (0..n).map(|i| unit(&format!("u{i}"), Some(&format!("u{}", (i + 1) % n)))).collect()
}

/// The structure hands back its units, goals and employees in input order, unchanged, and
/// `to_input` gives the organisation as it came (so `from_input` of it is the same structure).
#[test]
fn the_structure_gives_back_its_units_goals_and_employees_as_given() {
    let input = OrgInput {
        units: vec![unit("dinkes", None), unit("yankes", Some("dinkes"))],
        goals: vec![
            goal("iku-1", "dinkes", Some(dec!(60)), Some(dec!(92))),
            goal("iku-2", "yankes", None, None),
        ],
        employees: vec![emp("kadis", "dinkes", true), emp("staf", "yankes", false)],
    };
    let s = OrgStructure::from_input(input.clone()).unwrap();
    assert_eq!(s.units(), input.units.as_slice());
    assert_eq!(s.goals(), input.goals.as_slice());
    assert_eq!(s.employees(), input.employees.as_slice());
    assert_eq!(s.to_input(), input);
    assert_eq!(OrgStructure::from_input(s.to_input()).unwrap(), s);

    assert_eq!(s.goal("iku-2"), Some(&input.goals[1]));
    assert_eq!(s.goal("iku-1").map(|g| (g.weight, g.actual)), Some((Some(dec!(60)), Some(dec!(92)))));
    assert_eq!(s.goal("iku-3"), None);
    assert_eq!(s.unit("yankes"), Some(&input.units[1]));
    assert_eq!(s.employee("staf"), Some(&input.employees[1]));
    assert_eq!(s.goals_of("yankes").unwrap(), vec![&input.goals[1]]);
}

/// `parent` names the parent of a unit, `None` for a root, and refuses a unit it does not
/// hold, in both languages.
#[test]
fn parent_names_the_parent_a_root_has_none_and_an_unknown_unit_is_refused() {
    let s = OrgStructure::new(
        vec![unit("bidang", Some("dinas")), unit("dinas", None), unit("seksi", Some("bidang"))],
        vec![],
        vec![],
    )
    .unwrap();
    assert_eq!(s.parent("seksi").unwrap(), Some("bidang"));
    assert_eq!(s.parent("bidang").unwrap(), Some("dinas"));
    assert_eq!(s.parent("dinas").unwrap(), None);
    let e = s.parent("badan").unwrap_err();
    assert!(matches!(e, Error::Unknown { ref kind, ref id, .. } if kind == "unit" && id == "badan"), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            "unit `badan`: unknown unit `badan`".into(),
            "unit `badan`: unit kerja `badan` tidak dikenal".into()
        )
    );
}

/// `is_head` holds for the head of a unit, whether marked `unit_head` or named by the unit's
/// `head` (or both at once, which is one head, not two), and for no one else: not a member,
/// not an id the structure does not hold.
#[test]
fn is_head_holds_for_a_head_named_either_way_and_for_no_one_else() {
    let mut named = unit("b", Some("a"));
    named.head = Some("kabid".into());
    let mut both = unit("c", Some("a"));
    both.head = Some("kasi".into());
    let s = OrgStructure::new(
        vec![unit("a", None), named, both],
        vec![],
        vec![
            emp("kadis", "a", true),
            emp("staf", "a", false),
            emp("kabid", "b", false),
            emp("kasi", "c", true),
        ],
    )
    .unwrap();
    assert!(s.is_head("kadis"));
    assert!(s.is_head("kabid"));
    assert!(s.is_head("kasi"));
    assert!(!s.is_head("staf"));
    assert!(!s.is_head("tamu"));
    assert_eq!(s.head("a").unwrap(), Some("kadis"));
    assert_eq!(s.head("b").unwrap(), Some("kabid"));
    assert_eq!(s.head("c").unwrap(), Some("kasi"));

    let s = OrgStructure::new(vec![unit("a", None)], vec![], vec![emp("staf", "a", false)]).unwrap();
    assert!(!s.is_head("staf"));
    assert_eq!(s.head("a").unwrap(), None);
}

/// A cycle of twenty units is shown whole, closed by its first unit; a longer one shows its
/// first twenty and an ellipsis for the rest before the first again. (It showed `u19 → u0 → …`,
/// saying that `u19`'s parent is `u0`, when it is `u20`.)
#[test]
fn a_cycle_longer_than_twenty_units_leaves_the_rest_out_before_closing() {
    let first20: Vec<String> = (0..20).map(|i| format!("u{i}")).collect();
    let first20 = first20.join(" → ");

    let e = OrgStructure::new(cycle(20), vec![], vec![]).unwrap_err();
    assert!(matches!(e, Error::Organisation { .. }), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            format!("unit `u0`: cycle in unit parents: {first20} → u0"),
            format!("unit `u0`: terjadi siklus pada rantai unit induk: {first20} → u0")
        )
    );

    let e = OrgStructure::new(cycle(21), vec![], vec![]).unwrap_err();
    assert_eq!(
        messages(&e),
        (
            format!("unit `u0`: cycle in unit parents: {first20} → … → u0"),
            format!("unit `u0`: terjadi siklus pada rantai unit induk: {first20} → … → u0")
        )
    );
}

/// Two heads of one unit are refused, naming both, whichever way each is marked; the unit's
/// `head` must be an employee of that unit.
#[test]
fn two_heads_are_refused_naming_both_in_both_languages() {
    let e = OrgStructure::new(vec![unit("a", None)], vec![], vec![emp("x", "a", true), emp("y", "a", true)])
        .unwrap_err();
    assert!(matches!(e, Error::Organisation { .. }), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            "unit `a`: two heads: employees `x` and `y` are both marked unit_head".into(),
            "unit `a`: dua kepala unit: pegawai `x` dan `y` sama-sama ditandai `unit_head`".into()
        )
    );

    let mut ua = unit("a", None);
    ua.head = Some("y".into());
    let e = OrgStructure::new(vec![ua], vec![], vec![emp("x", "a", true), emp("y", "a", false)]).unwrap_err();
    assert_eq!(
        messages(&e),
        (
            "unit `a`: two heads: the unit names `y` as head but employee `x` is marked unit_head".into(),
            "unit `a`: dua kepala unit: unit kerja menyebut `y` sebagai kepala, tetapi pegawai `x` ditandai `unit_head`"
                .into()
        )
    );

    let mut ua = unit("a", None);
    ua.head = Some("x".into());
    let e =
        OrgStructure::new(vec![ua, unit("b", Some("a"))], vec![], vec![emp("x", "b", false)]).unwrap_err();
    assert_eq!(
        messages(&e),
        (
            "unit `a`: head `x` is an employee of unit `b`, not of this unit".into(),
            "unit `a`: kepala unit `x` adalah pegawai unit kerja `b`, bukan pegawai unit kerja ini".into()
        )
    );
}

/// A unit, goal or employee id of white space alone is empty: refused with its row (a unit,
/// an employee) or its unit (a goal).
#[test]
fn blank_ids_are_refused_where_they_stand() {
    let e = OrgStructure::new(vec![unit("a", None), unit("  ", None)], vec![], vec![]).unwrap_err();
    assert_eq!(messages(&e), ("row 1: unit.id: is empty".into(), "baris 1: `unit.id`: kosong".into()));

    let e = OrgStructure::new(vec![unit("a", None)], vec![goal(" ", "a", None, None)], vec![]).unwrap_err();
    assert_eq!(
        messages(&e),
        (
            "unit `a`, indicator ` `: goal.id: is empty".into(),
            "unit `a`, indikator ` `: `goal.id`: kosong".into()
        )
    );

    let e =
        OrgStructure::new(vec![unit("a", None)], vec![], vec![emp("x", "a", false), emp(" ", "a", false)])
            .unwrap_err();
    assert_eq!(
        messages(&e),
        (
            "row 1, employee ` `: employee.id: is empty".into(),
            "baris 1, pegawai ` `: `employee.id`: kosong".into()
        )
    );
}

/// A goal's weight may be 0 but not negative; its weight and its realisation are held to the
/// input limits, as its target is: 21 digits before the point, or 19 after it, are refused.
/// (Both were taken: a realisation of 123456789012345678901 gave the unit that value.)
#[test]
fn a_goal_weight_or_realisation_beyond_the_input_limits_is_refused() {
    let taken = |g: UnitGoal| OrgStructure::new(vec![unit("a", None)], vec![g], vec![]).unwrap();
    let refused = |g: UnitGoal| OrgStructure::new(vec![unit("a", None)], vec![g], vec![]).unwrap_err();
    assert_eq!(taken(goal("g", "a", Some(dec!(0)), Some(dec!(0)))).goals()[0].weight, Some(dec!(0)));
    let g = goal("g", "a", Some(dec!(99999999999999999999)), Some(dec!(0.000000000000000001)));
    assert_eq!(taken(g.clone()).goals(), [g]);

    let e = refused(goal("g", "a", Some(dec!(-1)), None));
    assert!(matches!(e, Error::Indicator { ref field, .. } if field == "weight"), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            "unit `a`, indicator `g`: weight: weight -1 is negative".into(),
            "unit `a`, indikator `g`: `weight`: bobot -1 negatif".into()
        )
    );

    let too_large = "is too large: at most 20 digits before the decimal separator and 28 significant digits in all (maximum 99999999999999999999)";
    let terlalu_besar = "terlalu besar: paling banyak 20 angka sebelum pemisah desimal dan 28 digit bermakna seluruhnya (maksimum 99999999999999999999)";
    let e = refused(goal("g", "a", Some(dec!(123456789012345678901)), Some(dec!(90))));
    assert!(matches!(e, Error::Input { ref field, .. } if field == "weight"), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            format!("unit `a`, indicator `g`: weight: `123456789012345678901` {too_large}"),
            format!("unit `a`, indikator `g`: `weight`: `123456789012345678901` {terlalu_besar}")
        )
    );
    let e = refused(goal("g", "a", Some(dec!(1)), Some(dec!(123456789012345678901))));
    assert_eq!(
        messages(&e),
        (
            format!("unit `a`, indicator `g`: actual: `123456789012345678901` {too_large}"),
            format!("unit `a`, indikator `g`: `actual`: `123456789012345678901` {terlalu_besar}")
        )
    );
    let e = refused(goal("g", "a", None, Some(dec!(0.0000000000000000001))));
    assert!(matches!(e, Error::Input { ref field, .. } if field == "actual"), "{e:?}");
    assert!(
        e.message(Lang::En).starts_with("unit `a`, indicator `g`: actual: `0.0000000000000000001`"),
        "{e}"
    );
}
