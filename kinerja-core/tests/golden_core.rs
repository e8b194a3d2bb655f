//! Golden vectors shared with pytest: testdata/golden/core_*.json.

use kinerja_core::ErrorFamily;
use kinerja_core::achievement::achievement;
use kinerja_core::prelude::*;
use kinerja_core::regime::evaluate;
use rust_decimal::Decimal;
use serde_json::Value;

mod support;

fn golden(name: &str) -> Vec<Value> {
    support::golden(name)["cases"].as_array().unwrap().clone()
}

/// Every golden file, the integration-test file and the test that runs its cases. The test
/// below checks the list against the folder and that each named test reads its file.
const GOLDEN_REGISTRY: &[(&str, &str, &str)] = &[
    ("core_achievement.json", "golden_core.rs", "achievement_polarity_tv29_tv08"),
    ("core_evaluation_6_2022.json", "golden_core.rs", "evaluation_6_2022"),
    ("core_periods.json", "golden_core.rs", "periods"),
    ("core_predicate_matrix.json", "golden_core.rs", "predicate_matrix_tv01"),
    ("followup_credit_points.json", "followup.rs", "golden_credit_points"),
    ("followup_monitoring.json", "followup.rs", "golden_monitoring"),
    ("followup_rewards.json", "followup.rs", "golden_rewards"),
    ("followup_talent.json", "followup.rs", "golden_talent"),
    ("followup_tpp.json", "followup.rs", "golden_tpp"),
    ("followup_training.json", "followup.rs", "golden_training"),
    ("instruments_ikm.json", "instruments.rs", "golden_ikm"),
    ("instruments_pkg.json", "instruments.rs", "golden_pkg"),
    ("instruments_pkp.json", "instruments.rs", "golden_pkp"),
    ("instruments_sample_size.json", "instruments.rs", "golden_sample_size"),
    ("org_aggregate.json", "org.rs", "golden_aggregate_tv30"),
    ("org_alignment.json", "org.rs", "golden_alignment"),
    ("org_distribution.json", "org.rs", "golden_distribution_tv02_and_small_units"),
    ("org_rollup.json", "org.rs", "golden_rollup"),
    ("org_sakip.json", "org.rs", "golden_sakip_tv27_tv28"),
    ("permenpanrb_8_2021_formulas.json", "regimes.rs", "permenpanrb_8_2021_formula_golden"),
    ("permenpanrb_8_2021_plans.json", "regimes.rs", "permenpanrb_8_2021_plan_golden"),
    ("pp46_formulas.json", "regimes.rs", "pp46_formula_golden"),
    ("pp46_plans.json", "regimes.rs", "pp46_plan_golden"),
];

#[test]
fn every_golden_file_is_run_by_a_named_test() {
    let dir = format!("{}/../testdata/golden", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = GOLDEN_REGISTRY.iter().map(|(f, _, _)| (*f).to_string()).collect();
    assert_eq!(on_disk, listed, "testdata/golden and GOLDEN_REGISTRY differ");
    for (file, source, test) in GOLDEN_REGISTRY {
        let path = format!("{}/tests/{source}", env!("CARGO_MANIFEST_DIR"));
        let text = std::fs::read_to_string(&path).unwrap();
        let head = format!("#[test]\nfn {test}() {{\n");
        let start = text.find(&head).unwrap_or_else(|| panic!("{source} has no #[test] fn {test}()"));
        let body = &text[start..];
        let body = &body[..body.find("\n}\n").unwrap_or(body.len())];
        assert!(body.contains(&format!("golden(\"{file}\")")), "{source}::{test} does not load {file}");
        // every case is loaded through support::golden, which checks case_count
        support::golden(file);
    }
}

fn dec(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

/// The default policy with the case's overrides merged in.
fn policy_from(v: &Value) -> Policy {
    let mut p = serde_json::to_value(Policy::default()).unwrap();
    merge(&mut p, v);
    serde_json::from_value(p).unwrap()
}

fn merge(a: &mut Value, b: &Value) {
    if let (Some(a), Some(b)) = (a.as_object_mut(), b.as_object()) {
        for (k, v) in b {
            match a.get_mut(k) {
                Some(x) if x.is_object() && v.is_object() => merge(x, v),
                _ => {
                    a.insert(k.clone(), v.clone());
                }
            }
        }
    }
}

#[test]
fn predicate_matrix_tv01() {
    let cases = golden("core_predicate_matrix.json");
    assert_eq!(cases.len(), 9);
    for c in cases {
        let w: Rating = c["input"]["work_result"].as_str().unwrap().parse().unwrap();
        let b: Rating = c["input"]["behaviour"].as_str().unwrap().parse().unwrap();
        let p: Predicate = c["expected"]["predicate"].as_str().unwrap().parse().unwrap();
        assert_eq!(predicate(w, b), p, "{}", c["id"]);
    }
}

#[test]
fn achievement_polarity_tv29_tv08() {
    for c in golden("core_achievement.json") {
        let i = &c["input"];
        let target: Target = serde_json::from_value(i["target"].clone()).unwrap();
        let actual = dec(&i["actual"]);
        let pol: Polarity = i["polarity"].as_str().unwrap().parse().unwrap();
        let policy = policy_from(&serde_json::json!({"achievement": i["policy"]}));
        let r = achievement(target, actual, pol, &policy.achievement, None);
        let id = c["id"].as_str().unwrap();
        match c["expected"].get("error") {
            Some(fam) => {
                let e = r.expect_err(id).into_error(&Location::indicator(id));
                assert_eq!(e.family().as_str(), fam.as_str().unwrap(), "{id}");
                assert!(e.to_string().contains(id), "{id}: {e}");
            }
            None => {
                let v = Rounding::half_up(2).apply(r.expect(id).value);
                assert_eq!(v, dec(&c["expected"]["achievement"]), "{id}");
            }
        }
    }
}

#[test]
fn periods() {
    for c in golden("core_periods.json") {
        let s = c["input"].as_str().unwrap();
        match c["expected"].get("error") {
            Some(_) => {
                let e = s.parse::<Period>().unwrap_err();
                assert_eq!(e.family(), ErrorFamily::Period);
                assert!(e.to_string().contains("accepted forms"));
            }
            None => {
                let p: Period = s.parse().unwrap();
                assert_eq!(p.to_string(), c["expected"]["display"].as_str().unwrap());
                assert_eq!(u64::from(p.months()), c["expected"]["months"].as_u64().unwrap());
                assert_eq!(u64::from(p.first_month()), c["expected"]["first_month"].as_u64().unwrap());
            }
        }
    }
}

#[test]
fn evaluation_6_2022() {
    for c in golden("core_evaluation_6_2022.json") {
        let id = c["id"].as_str().unwrap();
        let i = &c["input"];
        let plan: Plan = serde_json::from_value(i["plan"].clone()).unwrap();
        let period: Period = i["period"].as_str().unwrap().parse().unwrap();
        let rules =
            Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy_from(&i["policy"])).unwrap();
        let e = &c["expected"];
        let r = evaluate(&plan, period, &rules);
        if let Some(fam) = e.get("error") {
            let err = r.expect_err(id);
            assert_eq!(err.family().as_str(), fam.as_str().unwrap(), "{id}: {err}");
            for m in e["message_contains"].as_array().unwrap() {
                assert!(err.to_string().contains(m.as_str().unwrap()), "{id}: {err}");
            }
            continue;
        }
        let ev = r.unwrap_or_else(|err| panic!("{id}: {err}"));
        let s = |v: Option<Rating>| v.map(|r| r.value().to_string());
        if let Some(x) = e.get("predicate") {
            assert_eq!(ev.predicate.value(), x.as_str().unwrap(), "{id}");
        }
        if let Some(x) = e.get("work_result") {
            assert_eq!(s(ev.work_result).as_deref(), x.as_str(), "{id}");
        }
        if let Some(x) = e.get("behaviour") {
            assert_eq!(s(ev.behaviour).as_deref(), x.as_str(), "{id}");
        }
        if let Some(x) = e.get("advised_rating") {
            assert_eq!(s(ev.advised_rating).as_deref(), x.as_str(), "{id}");
        }
        if let Some(x) = e.get("disagreement") {
            assert_eq!(ev.disagreement, x.as_bool().unwrap(), "{id}");
        }
        if let Some(x) = e.get("work_result_source") {
            assert_eq!(serde_json::to_value(ev.work_result_source).unwrap(), *x, "{id}");
        }
        if let Some(x) = e.get("weighted_achievement") {
            assert_eq!(ev.weighted_achievement, Some(dec(x)), "{id}");
        }
        if let Some(x) = e.get("achievements") {
            for (k, v) in x.as_object().unwrap() {
                let r = ev.indicators.iter().find(|r| &r.indicator == k).unwrap();
                assert_eq!(r.achievement, dec(v), "{id} {k}");
            }
        }
        assert!(!ev.trace.steps.is_empty());
        assert!(ev.explain(Lang::Id).contains("PermenPANRB 6/2022"), "{id}");
    }
}

/// English words that must not appear in an Indonesian rendering.
const ENGLISH_MARKERS: &[&str] = &[
    "local policy",
    "above",
    "below",
    "meets",
    "higher_is_better",
    "lower_is_better",
    "unconfirmed",
    "engine convention",
    "weighted mean",
];

fn assert_indonesian(what: &str, text: &str) {
    let lower = text.to_lowercase();
    for m in ENGLISH_MARKERS {
        assert!(!lower.contains(m), "{what}: Indonesian text contains `{m}`:\n{text}");
    }
}

fn evaluate_golden(file: &str, regime: &str) -> Vec<Evaluation> {
    let mut out = Vec::new();
    for c in golden(file) {
        let i = &c["input"];
        if c["expected"].get("error").is_some() {
            continue;
        }
        let plan: Plan = serde_json::from_value(i["plan"].clone()).unwrap();
        let period: Period = i["period"].as_str().unwrap().parse().unwrap();
        let policy = match i.get("policy") {
            Some(p) if p.is_object() => policy_from(p),
            _ => Policy::default(),
        };
        let rules = Ruleset::builtin(regime).unwrap().with_policy(policy).unwrap();
        if let Ok(ev) = evaluate(&plan, period, &rules) {
            out.push(ev);
        }
    }
    out
}

#[test]
fn indonesian_traces_contain_no_english() {
    for (file, regime) in [
        ("core_evaluation_6_2022.json", "permenpanrb-6-2022"),
        ("pp46_plans.json", "pp-46-2011"),
        ("permenpanrb_8_2021_plans.json", "permenpanrb-8-2021"),
    ] {
        let evs = evaluate_golden(file, regime);
        assert!(!evs.is_empty(), "{file}");
        for ev in evs {
            let id = ev.trace.to_text(Lang::Id);
            assert_indonesian(file, &id);
            assert_indonesian(file, &ev.trace.to_markdown(Lang::Id));
            // The JSON form keeps the machine values and the stored reference.
            let j: Value = serde_json::from_str(&ev.trace.to_json(Lang::Id)).unwrap();
            assert!(j["steps"].as_array().is_some_and(|s| !s.is_empty()), "{file}");
        }
    }
    // A distribution report.
    use kinerja_core::org::OrgPolicy;
    use kinerja_core::org::distribution::check_distribution;
    let roster: Vec<(String, Predicate)> = (0..10)
        .map(|i| (format!("e{i}"), if i < 8 { Predicate::VeryGood } else { Predicate::Good }))
        .collect();
    let r = check_distribution(OrgPredicate::Outstanding, &roster, &OrgPolicy::default()).unwrap();
    assert_indonesian("distribution", &r.explain(Lang::Id));
}

#[test]
fn advisory_bands_and_enum_inputs_read_in_indonesian() {
    let c =
        golden("core_evaluation_6_2022.json").into_iter().find(|c| c["id"] == "advice-disagrees").unwrap();
    let i = &c["input"];
    let plan: Plan = serde_json::from_value(i["plan"].clone()).unwrap();
    let period: Period = i["period"].as_str().unwrap().parse().unwrap();
    let rules =
        Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy_from(&i["policy"])).unwrap();
    let ev = evaluate(&plan, period, &rules).unwrap();
    let id = ev.trace.to_text(Lang::Id);
    assert!(id.contains("% → Di atas ekspektasi"), "{id}");
    assert!(id.contains("polaritas = Semakin tinggi semakin baik"), "{id}");
    assert!(ev.trace.to_text(Lang::En).contains("polarity = Higher is better"));
    assert!(id.contains("kebijakan lokal"), "{id}");
    let en = ev.trace.to_text(Lang::En);
    assert!(en.contains("% → Above expectation"), "{en}");
    // JSON keeps machine values
    let j = ev.trace.to_json(Lang::Id);
    assert!(j.contains("higher_is_better") && j.contains("local policy"), "{j}");
}
