//! Tests for `kinerja-core/src/followup/rewards.rs` (cargo-mutants on the whole file): the
//! exact reasons of each list in both languages (the predicates of the years looked back on,
//! newest first) and which rule each list entry cites: the regulation for the national
//! one-year rules, the policy field once a local policy changes them.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::explain::{Authority, BiText, Citation};
use kinerja_core::followup::{EmployeeHistory, FollowUpKind, follow_up_lists};
use kinerja_core::model::Predicate;
use kinerja_core::rules::Policy;

fn h(ps: &[(u16, Predicate)]) -> EmployeeHistory {
    EmployeeHistory { employee: "e1".into(), unit: "u1".into(), predicates: ps.iter().copied().collect() }
}

#[test]
fn national_one_year_rules_cite_the_regulations() {
    let p = Policy::default();
    let l = follow_up_lists(&[h(&[(2024, Predicate::Good)])], 2024, &p).unwrap();
    assert_eq!(l.promotion.len(), 1);
    let e = &l.promotion[0];
    assert_eq!((e.employee.as_str(), e.unit.as_str(), e.kind), ("e1", "u1", FollowUpKind::Promotion));
    assert_eq!(
        e.reason,
        BiText::new(
            "predikat 1 tahun terakhir (Baik) minimal Baik",
            "predicate of the last 1 year(s) (Good) at least Good"
        )
    );
    assert_eq!(e.citation, Citation::law("PerBKN 3/2023"));
    assert_eq!(e.citation.authority, Authority::Law);

    let l = follow_up_lists(&[h(&[(2024, Predicate::NeedsImprovement)])], 2024, &p).unwrap();
    assert!(l.promotion.is_empty());
    assert_eq!(l.development_plan.len(), 1);
    let e = &l.development_plan[0];
    assert_eq!(e.kind, FollowUpKind::DevelopmentPlan);
    assert_eq!(
        e.reason,
        BiText::new(
            "predikat 1 tahun terakhir (Butuh Perbaikan) di bawah Baik",
            "predicate of the last 1 year(s) (Needs improvement) below Good"
        )
    );
    assert_eq!(e.citation, Citation::law("PermenPANRB 6/2022"));
}

#[test]
fn a_changed_promotion_rule_cites_the_policy_field() {
    // A higher minimum over one year: the policy, not PerBKN 3/2023.
    let mut p = Policy::default();
    p.follow_up.rewards.promotion_min = Predicate::VeryGood;
    let l = follow_up_lists(&[h(&[(2024, Predicate::VeryGood)])], 2024, &p).unwrap();
    assert_eq!(l.promotion.len(), 1);
    assert_eq!(l.promotion[0].citation, Citation::policy(&p.id, "follow_up.rewards.promotion_min"));
    assert_eq!(l.promotion[0].citation.authority, Authority::LocalPolicy);
    assert_eq!(
        l.promotion[0].reason,
        BiText::new(
            "predikat 1 tahun terakhir (Sangat Baik) minimal Sangat Baik",
            "predicate of the last 1 year(s) (Very good) at least Very good"
        )
    );

    // The national minimum over two years: the policy too; the years listed newest first.
    let mut p = Policy::default();
    p.follow_up.rewards.promotion_years = 2;
    let l = follow_up_lists(&[h(&[(2023, Predicate::VeryGood), (2024, Predicate::Good)])], 2024, &p).unwrap();
    assert_eq!(l.promotion.len(), 1);
    assert_eq!(l.promotion[0].citation, Citation::policy(&p.id, "follow_up.rewards.promotion_min"));
    assert_eq!(l.promotion[0].citation.authority, Authority::LocalPolicy);
    assert_eq!(
        l.promotion[0].reason,
        BiText::new(
            "predikat 2 tahun terakhir (Baik, Sangat Baik) minimal Baik",
            "predicate of the last 2 year(s) (Good, Very good) at least Good"
        )
    );
}

#[test]
fn a_longer_development_rule_cites_the_policy_field() {
    let mut p = Policy::default();
    p.follow_up.rewards.development_years = 2;
    let l =
        follow_up_lists(&[h(&[(2023, Predicate::VeryPoor), (2024, Predicate::NeedsImprovement)])], 2024, &p)
            .unwrap();
    assert_eq!(l.development_plan.len(), 1);
    let e = &l.development_plan[0];
    assert_eq!(e.citation, Citation::policy(&p.id, "follow_up.rewards.development_years"));
    assert_eq!(
        e.reason,
        BiText::new(
            "predikat 2 tahun terakhir (Butuh Perbaikan, Sangat Kurang) di bawah Baik",
            "predicate of the last 2 year(s) (Needs improvement, Very poor) below Good"
        )
    );
}
