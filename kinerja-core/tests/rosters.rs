//! The bundled Kupang roster, adapted per regime, evaluates under all three regimes with
//! explanations citing each regime's regulation.

use kinerja_core::prelude::*;
use kinerja_core::regime::{check_roster, evaluate_all};

fn load(name: &str) -> (Period, Option<String>, Vec<Plan>) {
    let path = format!("{}/../examples/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let period: Period = v["period"].as_str().unwrap().parse().unwrap();
    let regime = v.get("regime").and_then(|r| r.as_str()).map(String::from);
    (period, regime, serde_json::from_value(v["plans"].clone()).unwrap())
}

fn kupang_policy() -> Policy {
    Policy::from_toml(include_str!("../../policies/kupang-2024.example.toml")).unwrap()
}

#[test]
fn all_three_regimes_evaluate_the_roster() {
    for (file, regime, cite) in [
        ("kupang_dinas_kesehatan.json", "permenpanrb-6-2022", "PermenPANRB 6/2022"),
        ("kupang_dinas_kesehatan_2021s2_permenpanrb_8_2021.json", "permenpanrb-8-2021", "8/2021"),
        ("kupang_dinas_kesehatan_2020_pp46.json", "pp-46-2011", "PP 46/2011"),
    ] {
        let (period, declared, plans) = load(file);
        check_roster(&plans).unwrap();
        if let Some(d) = declared {
            assert_eq!(d, regime);
        }
        let rules = Ruleset::builtin(regime).unwrap().with_policy(kupang_policy()).unwrap();
        assert_eq!(
            kinerja_core::rules::RegimeId::for_period(&period).unwrap(),
            rules.regime,
            "{file}: the regime in force for {period}"
        );
        let results = evaluate_all(&plans, period, &rules);
        assert_eq!((plans.len(), results.len()), (14, 14));
        for (p, r) in plans.iter().zip(results) {
            let ev = r.unwrap_or_else(|e| panic!("{file}: {}: {e}", p.employee.name));
            assert_eq!(ev.regime, rules.regime);
            assert_eq!(ev.policy_id, "kupang-2024-example");
            let text = ev.explain(Lang::Id);
            assert!(text.contains(cite), "{file}: {text}");
            assert!(ev.explain(Lang::En).len() > 100);
            if regime != "permenpanrb-6-2022" {
                assert!(ev.score.is_some(), "{file}: numeric regimes report a score");
            }
        }
    }
}

#[test]
fn the_roster_is_monitored_mid_year() {
    use kinerja_core::followup::{TrackStatus, monitor_plan, watchlist};
    // What tests/test_followup.py::test_monitoring_and_watchlist relies on: every plan of the
    // roster monitors in June under the Kupang policy, and the watchlist has items with a
    // progress figure.
    let (_, _, plans) = load("kupang_dinas_kesehatan.json");
    let p = kupang_policy();
    let monitors: Vec<_> = plans
        .iter()
        .map(|pl| monitor_plan(pl, &"2024-06".parse().unwrap(), &p).unwrap_or_else(|e| panic!("{e}")))
        .collect();
    let w = watchlist(&monitors);
    assert!(!w.items.is_empty());
    assert!(w.items.iter().all(|i| i.status != TrackStatus::OnTrack));
    assert!(w.items.iter().any(|i| i.progress.is_some()));
}
