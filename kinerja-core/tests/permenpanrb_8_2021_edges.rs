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

fn notes(ev: &Evaluation) -> Vec<String> {
    ev.notes.iter().map(|n| n.en.clone()).collect()
}

const ONE_KIND: &str = "Only one kind of JPT main performance was scored; it weighs 100%";

/// A JPT with PK-based work only: its mean weighs 100 %, with a note; with both kinds, no note.
#[test]
fn a_jpt_with_one_kind_of_main_performance_is_noted() {
    let ev = run(plan("jpt", true), Policy::default());
    assert!(!notes(&ev).iter().any(|n| n == ONE_KIND), "{:?}", ev.notes);
    let mut v = plan("jpt", true);
    v["results"].as_array_mut().unwrap().pop();
    v["realisations"].as_array_mut().unwrap().pop();
    let ev = run(v, Policy::default());
    assert!(notes(&ev).iter().any(|n| n == ONE_KIND), "{:?}", ev.notes);
    assert_eq!(skp(&ev), dec!(100.00));
}

fn with_additional(weight: &str) -> Result<Evaluation, Error> {
    let mut v = plan("executor", false);
    v["results"].as_array_mut().unwrap().push(json!({"id": "tambahan-1", "description": "Tim", "kind": "additional",
        "indicators": [{"id": "adhoc", "name": "adhoc", "target": "10", "weight": weight, "aggregation": "last"}]}));
    v["realisations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"indicator": "adhoc", "period": "2022", "actual": "10"}));
    let plan = Plan::from_json(&v.to_string()).unwrap();
    evaluate(&plan, "2022".parse().unwrap(), &Ruleset::builtin("permenpanrb-8-2021").unwrap())
}

/// The bobot lingkup penugasan of additional work is at most 100.
#[test]
fn an_additional_weight_of_100_is_accepted_and_above_refused() {
    assert!(with_additional("100").is_ok());
    let e = with_additional("100.01").unwrap_err();
    assert_eq!(e.field(), Some("weight"));
    assert!(e.to_string().contains("bobot lingkup penugasan 100.01 is above 100"), "{e}");
}

/// The SKP value is capped at `skp_cap` (120): realised at 115 % (IKI value 120) alone it is
/// exactly 120 and not noted; with additional work on top it is capped with a note.
#[test]
fn the_skp_cap_notes_only_a_value_above_it() {
    let mut v = plan("executor", false);
    v["results"].as_array_mut().unwrap().pop();
    v["realisations"] = json!([{"indicator": "pk-1", "period": "2022", "actual": "115"}]);
    let ev = run(v.clone(), Policy::default());
    let step = ev.trace.steps.iter().find(|s| s.subject == "skp").unwrap();
    assert_eq!(step.value.en, "120");
    assert!(!notes(&ev).iter().any(|n| n.contains("capped at")), "{:?}", ev.notes);
    v["results"].as_array_mut().unwrap().push(json!({"id": "tambahan-1", "description": "Tim", "kind": "additional",
        "indicators": [{"id": "adhoc", "name": "adhoc", "target": "10", "weight": "10", "aggregation": "last"}]}));
    v["realisations"]
        .as_array_mut()
        .unwrap()
        .push(json!({"indicator": "adhoc", "period": "2022", "actual": "10"}));
    let ev = run(v, Policy::default());
    assert!(notes(&ev).iter().any(|n| n.contains("capped at 120")), "{:?}", ev.notes);
}

/// The behaviour value is inside 0–120 on both sides.
#[test]
fn the_behaviour_value_is_inside_0_to_120() {
    let with = |b: &str| {
        let mut v = plan("executor", false);
        v["assessments"][0]["behaviour_score"] = b.into();
        let plan = Plan::from_json(&v.to_string()).unwrap();
        evaluate(&plan, "2022".parse().unwrap(), &Ruleset::builtin("permenpanrb-8-2021").unwrap())
    };
    for bad in ["-5", "-0.01", "120.01"] {
        let e = with(bad).unwrap_err();
        assert_eq!(e.field(), Some("behaviour_score"), "{bad}");
        assert!(e.to_string().contains("is outside 0–120"), "{e}");
    }
    for good in ["0", "120"] {
        assert!(with(good).is_ok(), "{good}");
    }
}
