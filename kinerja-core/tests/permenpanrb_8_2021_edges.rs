//! PermenPANRB 8/2021 at its edges: the additional-work cap at exactly the cap, which JPT
//! posts get the 60/40 weighting of PK-based work and action plans, the reflection formula for
//! lower-is-better indicators whatever the national achievement policy says, and the predicate
//! labels of the trace. Expected values are worked by hand from the Lampiran formulas.
#![allow(clippy::unwrap_used, clippy::result_large_err)]

use kinerja_core::model::Plan;
use kinerja_core::prelude::*;
use kinerja_core::regime::permenpanrb_8_2021::{AdditionalItem, additional_contribution};
use kinerja_core::rules::JptScope;
use serde_json::{Value, json};

/// `Σ level/100 × bobot/100 × nilai`: 100 % × 10 % × 100 = 10, exactly the cap of 10: not capped.
#[test]
fn additional_work_is_capped_only_above_the_cap() {
    let at = Location::default();
    let item = |value| AdditionalItem { level: dec!(100), scope_weight: dec!(10), value };
    assert_eq!(additional_contribution(&[item(dec!(100))], dec!(10), &at).unwrap(), (dec!(10), false));
    assert_eq!(additional_contribution(&[item(dec!(101))], dec!(10), &at).unwrap(), (dec!(10), true));
    assert_eq!(additional_contribution(&[item(dec!(99))], dec!(10), &at).unwrap(), (dec!(9.9), false));
}

/// A plan of 2022 with one PK-based indicator realised at 100 % (IKI value 109) and one action
/// plan at 80 % (IKI value 70).
fn plan(post_type: &str, unit_head: bool) -> Value {
    json!({
        "employee": {"id": "P8", "name": "Pegawai", "unit": "dinkes", "post_type": post_type, "unit_head": unit_head},
        "year": 2022,
        "results": [
            {"id": "pk", "description": "Kinerja utama", "indicators": [
                {"id": "pk-1", "name": "pk", "target": "100", "aggregation": "last"}]},
            {"id": "rencana-aksi:1", "description": "Rencana aksi", "indicators": [
                {"id": "ra-1", "name": "ra", "target": "100", "aggregation": "last"}]}],
        "realisations": [
            {"indicator": "pk-1", "period": "2022", "actual": "100"},
            {"indicator": "ra-1", "period": "2022", "actual": "80"}],
        "assessments": [{"period": "2022", "behaviour_score": "100"}]
    })
}

fn run(v: Value, policy: Policy) -> Evaluation {
    let plan = Plan::from_json(&v.to_string()).unwrap();
    let rules = Ruleset::builtin("permenpanrb-8-2021").unwrap().with_policy(policy).unwrap();
    evaluate(&plan, "2022".parse().unwrap(), &rules).unwrap()
}

/// The weighted achievement: 0.6 × 100 + 0.4 × 80 = 92 under the JPT rule (60 % PK-based, 40 %
/// action plans), (100 + 80) / 2 = 90 without.
fn skp(ev: &Evaluation) -> Decimal {
    ev.weighted_achievement.unwrap()
}

#[test]
fn the_jpt_weighting_follows_the_policy_scope() {
    let all = Policy::default();
    assert_eq!(skp(&run(plan("jpt", false), all.clone())), dec!(92.00));
    assert_eq!(skp(&run(plan("executor", false), all)), dec!(90.00));
    let mut heads = Policy::default();
    heads.permenpanrb_8_2021.jpt_scope = JptScope::JptUnitHeads;
    assert_eq!(skp(&run(plan("jpt", true), heads.clone())), dec!(92.00));
    assert_eq!(skp(&run(plan("jpt", false), heads.clone())), dec!(90.00));
    assert_eq!(skp(&run(plan("supervisor", true), heads)), dec!(90.00));
}

/// 8/2021 scores a lower-is-better indicator by reflection, `(2 − R/T) × 100`, even when the
/// national achievement policy says `ratio`: target 10, realised 8 → 120 % (ratio would be 125 %).
#[test]
fn lower_is_better_is_always_reflection_under_8_2021() {
    let mut v = plan("executor", false);
    v["results"][0]["indicators"][0] = json!({"id": "pk-1", "name": "pk", "target": "10", "polarity": "lower_is_better", "aggregation": "last"});
    v["realisations"][0]["actual"] = "8".into();
    let mut pol = Policy::default();
    pol.achievement.lower_formula = kinerja_core::achievement::LowerFormula::Ratio;
    let ev = run(v, pol);
    let i = ev.indicators.iter().find(|i| i.indicator == "pk-1").unwrap();
    assert_eq!(i.achievement_raw, dec!(120), "{}", ev.explain(Lang::En));
    assert!(
        formula(&ev, "pk-1").starts_with("(1 + (1 − R/T)) × 100% (special polarity)"),
        "{}",
        formula(&ev, "pk-1")
    );
    assert!(formula(&ev, "ra-1").starts_with("R / T × 100% (normal polarity)"), "{}", formula(&ev, "ra-1"));
}

fn formula(ev: &Evaluation, indicator: &str) -> String {
    let s =
        ev.trace.steps.iter().find(|s| s.subject == indicator && s.title.en == "IKI achievement").unwrap();
    s.formula.en.clone()
}

/// A realisation inside a range target is 100 %, and the trace says why.
#[test]
fn a_realisation_inside_a_range_target_is_named_so() {
    let mut v = plan("executor", false);
    v["results"][0]["indicators"][0] =
        json!({"id": "pk-1", "name": "pk", "target": {"low": "80", "high": "90"}, "aggregation": "last"});
    v["realisations"][0]["actual"] = "85".into();
    let ev = run(v, Policy::default());
    let i = ev.indicators.iter().find(|i| i.indicator == "pk-1").unwrap();
    assert_eq!(i.achievement_raw, dec!(100));
    assert!(formula(&ev, "pk-1").starts_with("R inside the target range"), "{}", formula(&ev, "pk-1"));
}

/// The predicate step and each IKI value name their category in words, in both languages.
#[test]
fn the_trace_names_predicates_in_words() {
    let ev = run(plan("executor", false), Policy::default());
    let step = ev.trace.steps.iter().rev().find(|s| s.subject == "predicate").unwrap();
    assert_eq!(
        (step.value.id.as_str(), step.value.en.as_str()),
        (ev.predicate_label(Lang::Id), ev.predicate_label(Lang::En))
    );
    assert!(!step.value.id.is_empty());
    let iki = ev.trace.steps.iter().find(|s| s.subject == "pk-1" && s.title.en == "IKI value").unwrap();
    assert_eq!(iki.value.en, "109 (Good)");
    assert_eq!(iki.value.id, "109 (Baik)");
}
