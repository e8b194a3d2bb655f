//! Tests for `kinerja-core/src/org/rollup.rs` (cargo-mutants on the whole file): the roll-up
//! step of a unit's trace, written only when the policy rolls values up the tree, with its mode,
//! the children's share, the number of children and the policy field it cites, in both
//! languages. Each asserts the exact steps.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use kinerja_core::explain::{Authority, BiText, Citation};
use kinerja_core::model::{Polarity, Target};
use kinerja_core::org::{OrgStructure, RollupMode, UnitGoal, unit_performance};
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

mod support;
use support::org_unit as unit;

/// An unweighted goal of `unit` with target 100 and realisation `actual`.
fn goal(id: &str, unit: &str, actual: Decimal) -> UnitGoal {
    UnitGoal {
        id: id.into(),
        unit: unit.into(),
        name: format!("Goal {id}"),
        target: Target::Point(dec!(100)),
        polarity: Polarity::HigherIsBetter,
        weight: None,
        actual: Some(actual),
    }
}

/// Unit `p` (one goal at 100 %) with sub-units `c1` (80 %) and `c2` (60 %).
fn three_units() -> OrgStructure {
    OrgStructure::new(
        vec![unit("p", None), unit("c1", Some("p")), unit("c2", Some("p"))],
        vec![goal("gp", "p", dec!(100)), goal("g1", "c1", dec!(80)), goal("g2", "c2", dec!(60))],
        vec![],
    )
    .unwrap()
}

/// The subjects of a unit's trace steps, in order.
fn subjects(p: &kinerja_core::org::OrgPerformance, unit: &str) -> Vec<String> {
    p.unit(unit).unwrap().trace.steps.iter().map(|s| s.subject.clone()).collect()
}

/// With the default roll-up (own goals only) a unit's trace holds its goals and their weighted
/// mean and no roll-up step, for a parent with sub-units as for a leaf; the parent's value is
/// its own goal alone (100), not a blend with its children.
#[test]
fn own_goals_writes_no_rollup_step() {
    let p = unit_performance(&three_units(), &BTreeMap::new(), &Policy::default()).unwrap();
    assert_eq!(subjects(&p, "p"), ["gp", "own"]);
    assert_eq!(subjects(&p, "c1"), ["g1", "own"]);
    assert_eq!(p.unit("p").unwrap().value, Some(dec!(100)));
}

/// A blend with 40 % for the children (0.6 × 100 + 0.4 × mean(80, 60) = 88) adds a roll-up
/// step after the weighted mean: the mode and the children's share in both languages, the
/// number of children as input, the value rounded (88.00) and unrounded (88), citing the
/// policy field `organisation.rollup`. A leaf under the blend gets the step too, with 0
/// children and its own value.
#[test]
fn blend_writes_the_rollup_step() {
    let mut pol = Policy::default();
    pol.organisation.rollup = RollupMode::Blend;
    pol.organisation.children_share = dec!(40);
    let p = unit_performance(&three_units(), &BTreeMap::new(), &pol).unwrap();
    assert_eq!(subjects(&p, "p"), ["gp", "own", "rollup"]);
    let parent = p.unit("p").unwrap();
    assert_eq!(parent.value, Some(dec!(88.00)));
    let step = &parent.trace.steps[2];
    assert_eq!(step.title, BiText::new("Nilai unit dengan sub-unit", "Unit value with sub-units"));
    assert_eq!(
        step.formula,
        BiText::new(
            "campuran sasaran sendiri dan sub-unit, porsi sub-unit 40%",
            "a blend of own goals and sub-units, children share 40%"
        )
    );
    assert_eq!(step.inputs, vec![("children".to_string(), "2".to_string())]);
    assert_eq!(step.value, BiText::same("88.00"));
    assert_eq!(step.unrounded.as_deref(), Some("88"));
    assert_eq!(
        step.citation,
        Citation { authority: Authority::LocalPolicy, reference: "organisation.rollup".into(), topic: None }
    );

    assert_eq!(subjects(&p, "c1"), ["g1", "own", "rollup"]);
    let leaf = &p.unit("c1").unwrap().trace.steps[2];
    assert_eq!(leaf.inputs, vec![("children".to_string(), "0".to_string())]);
    assert_eq!(leaf.value, BiText::same("80.00"));
}

/// Own goals, else the children's mean: the parent (with a goal) keeps its own value, and the
/// roll-up step names the mode in words of each language, not by the Rust variant's name,
/// without the children's share (only a blend reads it).
#[test]
fn own_or_children_is_named_in_each_language() {
    let mut pol = Policy::default();
    pol.organisation.rollup = RollupMode::OwnOrChildren;
    let p = unit_performance(&three_units(), &BTreeMap::new(), &pol).unwrap();
    let parent = p.unit("p").unwrap();
    assert_eq!(parent.value, Some(dec!(100.00)));
    let step = parent.trace.steps.iter().find(|s| s.subject == "rollup").unwrap();
    assert_eq!(
        step.formula,
        BiText::new(
            "sasaran sendiri, atau rerata sub-unit bila tidak ada",
            "own goals, else the mean of sub-units"
        )
    );
}
