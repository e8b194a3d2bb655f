//! `rounding.mean_inputs`: the weighted mean of exact achievements (default) or of rounded ones,
//! on values where the two differ, computed here by hand.
#![allow(clippy::unwrap_used)]

use kinerja_core::model::Plan;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{MeanInputs, Policy, Ruleset};
use rust_decimal_macros::dec;

/// i1: 100.05 of 1000 = 10.005 % (rounded 10.01); i2: 2000.49 of 10000 = 20.0049 % (rounded 20.00).
fn plan() -> Plan {
    Plan::from_json(
        r#"{"employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}, "year": 2024,
            "results": [{"id": "r1", "description": "R", "indicators": [
              {"id": "i1", "name": "I1", "target": "1000"}, {"id": "i2", "name": "I2", "target": "10000"}]}],
            "realisations": [{"indicator": "i1", "period": "2024", "actual": "100.05"},
                             {"indicator": "i2", "period": "2024", "actual": "2000.49"}],
            "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}]}"#,
    )
    .unwrap()
}

fn rules(inputs: MeanInputs) -> Ruleset {
    let mut p = Policy::default();
    p.rounding.mean_inputs = inputs;
    Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(p).unwrap()
}

#[test]
fn unrounded_by_default_rounded_on_request() {
    let period = "2024".parse().unwrap();
    assert_eq!(Policy::default().rounding.mean_inputs, MeanInputs::Unrounded);
    // (10.005 + 20.0049) / 2 = 15.00495 → 15.00
    let ev = evaluate(&plan(), period, &rules(MeanInputs::Unrounded)).unwrap();
    assert_eq!(ev.weighted_achievement, Some(dec!(15.00)));
    // (10.01 + 20.00) / 2 = 15.005 → 15.01
    let ev = evaluate(&plan(), period, &rules(MeanInputs::Rounded)).unwrap();
    assert_eq!(ev.weighted_achievement, Some(dec!(15.01)));
    let text = ev.explain(kinerja_core::explain::Lang::En);
    assert!(text.contains("rounded achievement"), "{text}");
}
