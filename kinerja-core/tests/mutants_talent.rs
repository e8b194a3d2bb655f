//! Tests for `kinerja-core/src/followup/talent.rs` (cargo-mutants on the whole file): the
//! grouping of every box, and which rule the performance-axis step cites (an unconfirmed
//! convention while the policy keeps the default mapping, the policy field once it changes it).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::explain::{Authority, BiText, Citation};
use kinerja_core::followup::talent::group;
use kinerja_core::followup::{Potential, TalentGroup, talent_placement};
use kinerja_core::model::{Predicate, Rating};
use kinerja_core::rules::Policy;

/// Boxes 7–9 are the high group, 2, 4 and 5 the middle group and 1, 3 and 6 the low group
/// (docs: the one public grouping {7,8,9}, {2,4,5}, {1,3,6}).
#[test]
fn every_box_has_its_group() {
    let groups: Vec<TalentGroup> = (1..=9).map(group).collect();
    use TalentGroup::*;
    assert_eq!(groups, [Low, Middle, Low, Middle, Middle, Low, High, High, High]);
}

/// A placement in a middle box (Baik × Menengah → box 5) carries the middle group and stays
/// out of the pool; the pool step says so in both languages.
#[test]
fn a_middle_box_placement_is_middle_and_out_of_the_pool() {
    let t = talent_placement("e", Predicate::Good, Potential::Medium, &Policy::default()).unwrap();
    assert_eq!(
        (t.performance, t.box_number, t.group, t.in_pool),
        (Rating::Meets, 5, TalentGroup::Middle, false)
    );
    let pool = t.trace.steps.iter().find(|s| s.subject == "pool").expect("a pool step");
    assert_eq!(pool.formula, BiText::new("kotak 5 ∈ [7, 8, 9]?", "box 5 ∈ [7, 8, 9]?"));
    assert_eq!(pool.value, BiText::new("tidak", "no"));
}

/// With the default predicate mapping the performance-axis step cites the mapping as an
/// unconfirmed convention (C-18) with its topic in both languages; a policy that changes the
/// mapping is cited as that policy's field.
#[test]
fn the_axis_step_cites_the_convention_only_for_the_default_mapping() {
    let axis_citation = |policy: &Policy| {
        let t = talent_placement("e", Predicate::Good, Potential::High, policy).unwrap();
        t.trace.steps.iter().find(|s| s.subject == "performance_axis").expect("an axis step").citation.clone()
    };
    let default = axis_citation(&Policy::default());
    assert_eq!(
        default,
        Citation::unconfirmed("follow_up.talent.predicate_axis").with_topic(
            "pemetaan predikat ke sumbu kinerja belum diatur (C-18)",
            "mapping predicates to the performance axis is not regulated (C-18)",
        )
    );
    assert_eq!(default.authority, Authority::Unconfirmed);

    let mut own = Policy::default();
    own.follow_up.talent.predicate_axis.insert(Predicate::Good, Rating::Above);
    let own = own.with_provenance();
    let cited = axis_citation(&own);
    assert_eq!(cited, Citation::policy(&own.id, "follow_up.talent.predicate_axis"));
    assert_eq!(cited.authority, Authority::LocalPolicy);
}
