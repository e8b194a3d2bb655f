//! Tests for the follow-up policy sections (cargo-mutants on `kinerja-core/src/rules/follow_up/`
//! `mod.rs`, `credit_points.rs`, `training.rs` and `rewards.rs`): every check of their
//! `validate` on both sides of each bound, reached through `Policy::validate`. Credit-point
//! percentages take 0 to 1000 and print a refused value without trailing zeros; coefficients,
//! requirements, the annual cap and the rank-peak multiplier must be positive and every
//! predicate and grade present; every core value has a training topic and no topic code is
//! blank; the rewards' year counts take 1 to 10. Each refusal is asserted whole: path, reason
//! and message in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use kinerja_core::model::{CoreValue, FunctionalGrade, Predicate};
use kinerja_core::rules::Policy;
use rust_decimal_macros::dec;
use support::policy_refusal as refusal;

/// The expected refusal at `follow_up.{field}`.
fn refused(field: &str, en: &str, id: &str) -> (String, String, String, String) {
    support::expected_refusal("follow_up", field, en, id)
}

/// A credit-point percentage takes 0 and 1000 (both bounds inside); 1000.010 is refused as
/// above the maximum and −5.00 as negative, each printed without trailing zeros.
#[test]
fn credit_point_percentages_take_0_to_1000() {
    for v in [dec!(0), dec!(1000), dec!(1000.00)] {
        let mut p = Policy::default();
        p.follow_up.credit_points.percentages.insert(Predicate::Good, v);
        assert!(p.validate().is_ok(), "{v}");
    }
    let mut p = Policy::default();
    p.follow_up.credit_points.percentages.insert(Predicate::Good, dec!(1000.010));
    assert_eq!(
        refusal(&p),
        refused(
            "credit_points.percentages.good",
            "1000.01 is above the maximum of 1000",
            "1000.01 melebihi batas maksimum 1000"
        )
    );
    p.follow_up.credit_points.percentages.insert(Predicate::Good, dec!(100));
    p.follow_up.credit_points.percentages.insert(Predicate::VeryPoor, dec!(-5.00));
    assert_eq!(
        refusal(&p),
        refused("credit_points.percentages.very_poor", "-5 is negative", "-5 bernilai negatif")
    );
}

/// Every predicate needs a percentage, every grade a coefficient and a requirement: a missing
/// one is refused by name.
#[test]
fn every_predicate_and_grade_must_be_present() {
    let mut p = Policy::default();
    p.follow_up.credit_points.percentages.remove(&Predicate::NeedsImprovement);
    assert_eq!(refusal(&p), refused("credit_points.percentages.needs_improvement", "missing", "belum diisi"));
    let mut p = Policy::default();
    p.follow_up.credit_points.coefficients.remove(&FunctionalGrade::SeniorExpert);
    assert_eq!(refusal(&p), refused("credit_points.coefficients.senior_expert", "missing", "belum diisi"));
    let mut p = Policy::default();
    p.follow_up.credit_points.requirements.remove(&FunctionalGrade::Beginner);
    assert_eq!(refusal(&p), refused("credit_points.requirements.beginner", "missing", "belum diisi"));
}

/// A coefficient must be positive: 0.01 is taken, 0 and −1.50 are refused (printed `-1.5`).
#[test]
fn a_coefficient_must_be_positive() {
    let mut p = Policy::default();
    p.follow_up.credit_points.coefficients.insert(FunctionalGrade::FirstExpert, dec!(0.01));
    assert!(p.validate().is_ok());
    for (v, text) in [(dec!(0), "0"), (dec!(-1.50), "-1.5")] {
        let mut p = Policy::default();
        p.follow_up.credit_points.coefficients.insert(FunctionalGrade::FirstExpert, v);
        assert_eq!(
            refusal(&p),
            refused(
                "credit_points.coefficients.first_expert",
                &format!("{text} must be positive"),
                &format!("{text} harus positif (lebih dari 0)")
            )
        );
    }
}

/// A requirement's rank value must be positive, and its grade value, when there is one: 0 is
/// refused on `rank` / `grade`; no grade value (the top grade of a category) is taken.
#[test]
fn a_requirement_must_be_positive() {
    let mut p = Policy::default();
    p.follow_up.credit_points.requirements.get_mut(&FunctionalGrade::Skilled).unwrap().grade = None;
    assert!(p.validate().is_ok());
    p.follow_up.credit_points.requirements.get_mut(&FunctionalGrade::Skilled).unwrap().grade = Some(dec!(0));
    assert_eq!(
        refusal(&p),
        refused(
            "credit_points.requirements.skilled.grade",
            "0 must be positive",
            "0 harus positif (lebih dari 0)"
        )
    );
    let mut p = Policy::default();
    p.follow_up.credit_points.requirements.get_mut(&FunctionalGrade::Skilled).unwrap().rank = dec!(0.00);
    assert_eq!(
        refusal(&p),
        refused(
            "credit_points.requirements.skilled.rank",
            "0 must be positive",
            "0 harus positif (lebih dari 0)"
        )
    );
}

/// The annual cap and the rank-peak multiplier must be positive: 0.01 is taken, 0 refused.
#[test]
fn the_annual_cap_and_the_rank_peak_multiplier_must_be_positive() {
    let mut p = Policy::default();
    p.follow_up.credit_points.annual_cap_pct = dec!(0.01);
    p.follow_up.credit_points.rank_peak_multiplier = dec!(0.01);
    assert!(p.validate().is_ok());
    let mut p = Policy::default();
    p.follow_up.credit_points.annual_cap_pct = dec!(0);
    assert_eq!(
        refusal(&p),
        refused("credit_points.annual_cap_pct", "must be positive", "harus positif (lebih dari 0)")
    );
    let mut p = Policy::default();
    p.follow_up.credit_points.rank_peak_multiplier = dec!(0);
    assert_eq!(
        refusal(&p),
        refused("credit_points.rank_peak_multiplier", "must be positive", "harus positif (lebih dari 0)")
    );
}

/// Every core value needs a training topic with a code: a missing one and a blank code are
/// refused by the core value's name; so is a blank code of each of the three other topics.
#[test]
fn training_topics_need_a_code() {
    let mut p = Policy::default();
    p.follow_up.training.core_value_topics.remove(&CoreValue::Loyal);
    assert_eq!(refusal(&p), refused("training.core_value_topics.loyal", "missing", "belum diisi"));
    let mut p = Policy::default();
    p.follow_up.training.core_value_topics.get_mut(&CoreValue::Adaptive).unwrap().code = " ".into();
    assert_eq!(refusal(&p), refused("training.core_value_topics.adaptive.code", "is empty", "kosong"));
    for f in ["behaviour_topic", "work_result_topic", "low_achievement_topic"] {
        let mut p = Policy::default();
        let t = &mut p.follow_up.training;
        match f {
            "behaviour_topic" => t.behaviour_topic.code = String::new(),
            "work_result_topic" => t.work_result_topic.code = "\t".into(),
            _ => t.low_achievement_topic.code = "  ".into(),
        }
        assert_eq!(refusal(&p), refused(&format!("training.{f}.code"), "is empty", "kosong"));
    }
    // A code of one character is enough.
    let mut p = Policy::default();
    p.follow_up.training.core_value_topics.get_mut(&CoreValue::Adaptive).unwrap().code = "A".into();
    assert!(p.validate().is_ok());
}

/// The low-achievement threshold may be 0 (no indicator is low) but not negative.
#[test]
fn the_low_achievement_threshold_may_be_0_but_not_negative() {
    let mut p = Policy::default();
    p.follow_up.training.low_achievement_below = dec!(0);
    assert!(p.validate().is_ok());
    p.follow_up.training.low_achievement_below = dec!(-0.01);
    assert_eq!(
        refusal(&p),
        refused("training.low_achievement_below", "must not be negative", "tidak boleh negatif")
    );
}

/// Each of the rewards' year counts takes 1 and 10 and refuses 0 and 11, on its own field.
#[test]
fn rewards_year_counts_take_1_to_10() {
    type Set = fn(&mut Policy, u8);
    let fields: [(&str, Set); 3] = [
        ("promotion_years", |p, n| p.follow_up.rewards.promotion_years = n),
        ("development_years", |p, n| p.follow_up.rewards.development_years = n),
        ("sanction_years", |p, n| p.follow_up.rewards.sanction_years = n),
    ];
    for (name, set) in fields {
        for n in [1, 2, 10] {
            let mut p = Policy::default();
            set(&mut p, n);
            assert!(p.validate().is_ok(), "{name} = {n}");
        }
        for n in [0, 11, 255] {
            let mut p = Policy::default();
            set(&mut p, n);
            assert_eq!(
                refusal(&p),
                refused(
                    &format!("rewards.{name}"),
                    &format!("{n} must be 1–10"),
                    &format!("{n} harus dalam rentang 1–10")
                ),
                "{name} = {n}"
            );
        }
    }
}

/// The documented defaults of the rewards and training sections, read back exactly.
#[test]
fn the_defaults_are_the_documented_ones() {
    let p = Policy::default().follow_up;
    let r = &p.rewards;
    assert_eq!(
        (r.promotion_min, r.promotion_years, r.award_min, r.development_below, r.development_years),
        (Predicate::Good, 1, Predicate::VeryGood, Predicate::Good, 1)
    );
    assert_eq!(
        (r.sanction_at_or_below, r.sanction_years, r.sanction_consecutive),
        (Predicate::PoorMisconduct, 1, true)
    );
    assert_eq!(p.training.low_achievement_below, dec!(80));
    assert_eq!(p.training.core_value_topics.len(), 7);
    assert_eq!(p.training.core_value_topics[&CoreValue::Adaptive].code, "ADP");
    let c = &p.credit_points;
    assert_eq!((c.annual_cap_pct, c.rank_peak_multiplier), (dec!(150), dec!(3)));
    assert_eq!(c.percentages[&Predicate::VeryPoor], dec!(25));
    assert_eq!(c.coefficients[&FunctionalGrade::Beginner], dec!(3.75));
    assert!(p.tpp.is_none());
}
