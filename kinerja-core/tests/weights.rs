//! Weights that do not add up to 100: normalised with a note by default, refused when the
//! policy's `rating.weights_must_sum_to` says so.
#![allow(clippy::unwrap_used)]

use kinerja_core::explain::Lang;
use kinerja_core::model::Plan;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{Policy, Ruleset};
use rust_decimal_macros::dec;

fn plan(w1: &str, w2: &str) -> Plan {
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}}, "year": 2024,
            "results": [{{"id": "r1", "description": "R", "indicators": [
              {{"id": "i1", "name": "I1", "target": "100", "weight": "{w1}"}},
              {{"id": "i2", "name": "I2", "target": "100", "weight": "{w2}"}}]}}],
            "realisations": [{{"indicator": "i1", "period": "2024", "actual": "90"}},
                             {{"indicator": "i2", "period": "2024", "actual": "120"}}],
            "assessments": [{{"period": "2024", "work_result": "meets", "behaviour": {{"overall": "meets"}}}}]}}"#
    ))
    .unwrap()
}

#[test]
fn weights_off_100_are_normalised_with_a_note_or_refused() {
    let p = "2024".parse().unwrap();
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    // 30 × 90 + 30 × 120 = 6300; / 60 = 105.00 (the same as 50/50)
    let ev = evaluate(&plan("30", "30"), p, &rules).unwrap();
    assert_eq!(ev.weighted_achievement, Some(dec!(105.00)));
    let notes: Vec<String> = ev.notes.iter().map(|n| n.get(Lang::En).to_string()).collect();
    assert!(notes.iter().any(|n| n.contains("add up to 60, not 100")), "{notes:?}");
    // weights of 100: no note
    let ev = evaluate(&plan("40", "60"), p, &rules).unwrap();
    assert!(ev.notes.iter().all(|n| !n.get(Lang::En).contains("add up to")));
    // 40 × 90 + 60 × 120 = 10800; / 100 = 108.00
    assert_eq!(ev.weighted_achievement, Some(dec!(108.00)));
    let mut strict = Policy::default();
    strict.rating.weights_must_sum_to = Some(dec!(100));
    let e = evaluate(&plan("30", "30"), p, &rules.with_policy(strict).unwrap()).unwrap_err();
    assert_eq!(e.field(), Some("weight"));
    assert!(e.to_string().contains("add up to 60"), "{e}");
}

/// `rating.weights_must_sum_to` applies to weights that are given: a plan without weights
/// (equal weights) is evaluated under it, as under the default, and is not normalised.
#[test]
fn a_plan_without_weights_meets_the_required_sum() {
    let p = "2024".parse().unwrap();
    let mut unweighted = plan("1", "1");
    for ind in &mut unweighted.results[0].indicators {
        ind.weight = None;
    }
    let mut strict = Policy::default();
    strict.rating.weights_must_sum_to = Some(dec!(100));
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(strict).unwrap();
    let ev = evaluate(&unweighted, p, &rules).unwrap();
    // (90 + 120) / 2 = 105.00
    assert_eq!(ev.weighted_achievement, Some(dec!(105.00)));
    assert!(!ev.weights_normalised);
}
