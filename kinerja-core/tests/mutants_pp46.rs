//! Tests for `kinerja-core/src/rules/pp46.rs` (cargo-mutants on the whole file): the
//! thresholds as the category step prints them, the creativity values' upper bound of 100 (100
//! taken, above it refused) and the name of a rounding point listed twice, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

use kinerja_core::model::Plan;
use kinerja_core::prelude::*;
use kinerja_core::regime::pp46_2011::{Boundary, Pp46Bands, RoundPoint};
use serde_json::{Value, json};

/// One activity, an executor, a behaviour value of 80: quantity 10 of 10 (100), quality 100 of
/// 100 (100), time 9.12 of 12 months (efficiency 24 % ≤ 24 %: (1.76 × 12 − 9.12) / 12 × 100 =
/// 100); SKP 100, 0.6 × 100 + 0.4 × 80 = 92.
fn plan() -> Value {
    json!({
        "employee": {"id": "P46", "name": "Pegawai", "unit": "dinkes", "post_type": "executor"},
        "year": 2019,
        "results": [{"id": "k1", "description": "Kegiatan", "indicators": [
            {"id": "k1-o", "name": "o", "aspect": "quantity", "target": "10"},
            {"id": "k1-k", "name": "k", "aspect": "quality", "target": "100", "aggregation": "last"},
            {"id": "k1-w", "name": "w", "aspect": "time", "target": "12", "aggregation": "last"}]}],
        "realisations": [
            {"indicator": "k1-o", "period": "2019", "actual": "10"},
            {"indicator": "k1-k", "period": "2019", "actual": "100"},
            {"indicator": "k1-w", "period": "2019", "actual": "9.12"}],
        "assessments": [{"period": "2019", "behaviour_score": "80"}]
    })
}

/// The evaluation of [`plan`] for 2019 under PP 46/2011 with `policy`.
fn run(policy: Policy) -> Evaluation {
    let plan = Plan::from_json(&plan().to_string()).unwrap();
    let rules = Ruleset::builtin("pp-46-2011").unwrap().with_policy(policy).unwrap();
    evaluate(&plan, "2019".parse().unwrap(), &rules).unwrap()
}

/// The path, the reason and the Indonesian message of a policy's first error.
fn policy_error(p: &Policy) -> (String, String, String) {
    let e = p.validate().unwrap_err();
    let id = e.message(Lang::Id);
    match e {
        Error::Policy { path, reason } => (path, reason, id),
        other => panic!("not a policy error: {other}"),
    }
}

/// The category step prints the thresholds and their comparison as the policy sets them, the
/// same text in both languages: `>` by default, `≥` under `boundary = at_least`, each
/// threshold without trailing zeros (92.50 → 92.5). The value 92 is Sangat Baik above 90 and
/// Baik below 92.5.
#[test]
fn the_category_step_prints_the_thresholds_of_the_policy() {
    let step = |pol: Policy| {
        let ev = run(pol);
        let s = ev.trace.steps.iter().find(|s| s.subject == "predicate").unwrap().clone();
        (s.formula.id, s.formula.en, (s.value.id, s.value.en), ev.score)
    };
    let default = "SB > 90, B > 75, C > 60, K > 50".to_string();
    assert_eq!(
        step(Policy::default()),
        (default.clone(), default, ("Sangat Baik".into(), "Very good".into()), Some(dec!(92.00)))
    );

    let mut pol = Policy::default();
    pol.pp46.bands = Pp46Bands {
        very_good: dec!(92.50),
        good: dec!(76.00),
        fair: dec!(61),
        poor: dec!(50.5),
        boundary: Boundary::AtLeast,
    };
    let at_least = "SB ≥ 92.5, B ≥ 76, C ≥ 61, K ≥ 50.5".to_string();
    assert_eq!(step(pol), (at_least.clone(), at_least, ("Baik".into(), "Good".into()), Some(dec!(92.00))));
}

/// A creativity value may be anything from 0 to 100 inclusive, at each level; 100.01 and 101
/// are refused as larger than 100, naming the level, in both languages.
#[test]
fn a_creativity_value_may_be_100_but_not_more() {
    type Set = fn(&mut Policy, Decimal);
    let levels: [(&str, Set); 3] = [
        ("unit", |p, v| p.pp46.creativity.unit = v),
        ("organisation", |p, v| p.pp46.creativity.organisation = v),
        ("national", |p, v| p.pp46.creativity.national = v),
    ];
    for (name, set) in levels {
        for ok in [dec!(0), dec!(99.99), dec!(100), dec!(100.00)] {
            let mut p = Policy::default();
            set(&mut p, ok);
            assert!(p.validate().is_ok(), "{name} = {ok}: {:?}", p.validate());
        }
        for (bad, id) in [(dec!(100.01), "100.01 melebihi 100"), (dec!(101), "101 melebihi 100")] {
            let mut p = Policy::default();
            set(&mut p, bad);
            assert_eq!(
                policy_error(&p),
                (
                    format!("pp46.creativity.{name}"),
                    format!("{bad} is larger than 100"),
                    format!("kebijakan `pp46.creativity.{name}`: {id}")
                ),
                "{name} = {bad}"
            );
        }
    }
}

/// A rounding point listed twice is refused at its second place, by its name in the policy
/// file (the same word as its serde name), in both languages.
#[test]
fn a_rounding_point_listed_twice_is_named() {
    let points = [
        (RoundPoint::Aspect, "aspect"),
        (RoundPoint::Activity, "activity"),
        (RoundPoint::Skp, "skp"),
        (RoundPoint::Behaviour, "behaviour"),
        (RoundPoint::Final, "final"),
    ];
    for (point, name) in points {
        assert_eq!(serde_json::to_value(point).unwrap(), json!(name));
        let other = if point == RoundPoint::Skp { RoundPoint::Final } else { RoundPoint::Skp };
        let mut p = Policy::default();
        p.pp46.round_at = vec![point, other, point];
        assert_eq!(
            policy_error(&p),
            (
                "pp46.round_at[2]".to_string(),
                format!("rounding point `{name}` is listed twice"),
                format!("kebijakan `pp46.round_at[2]`: titik pembulatan `{name}` tercantum dua kali")
            ),
            "{name}"
        );
    }
}
