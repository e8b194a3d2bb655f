//! PP 46/2011 and PermenPANRB 8/2021: golden vectors, plan evaluations, hostile inputs and
//! properties.
#![allow(clippy::result_large_err)]

use kinerja_core::achievement::{AchievementPolicy, achievement};
use kinerja_core::error::{Error, Location};
use kinerja_core::evaluation::Evaluation;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{Plan, Polarity, Predicate, Target};
use kinerja_core::num::Rounding;
use kinerja_core::period::Period;
use kinerja_core::regime::permenpanrb_8_2021::{self as p8, Permenpanrb82021Policy};
use kinerja_core::regime::pp46_2011::{self as pp46, EfficiencyBranch, Pp46Bands};
use kinerja_core::rules::{Policy, RegimeId, Ruleset};
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

mod support;
use support::golden;

fn cases(v: &Value) -> &Vec<Value> {
    v["cases"].as_array().unwrap()
}

fn dec_of(v: &Value) -> Decimal {
    match v {
        Value::String(s) => s.parse().unwrap(),
        Value::Number(n) => n.to_string().parse().unwrap(),
        _ => panic!("not a decimal: {v}"),
    }
}

fn target_of(v: &Value) -> Target {
    serde_json::from_value(v.clone()).unwrap()
}

fn rounding_of(v: &Value) -> Rounding {
    serde_json::from_value(v.clone()).unwrap()
}

fn at() -> Location {
    Location::default()
}

#[test]
fn pp46_formula_golden() {
    let g = golden("pp46_formulas.json");
    let mut n = 0;
    for c in cases(&g) {
        let id = c["id"].as_str().unwrap();
        let i = &c["input"];
        let e = &c["expected"];
        match i["kind"].as_str().unwrap() {
            "activity" => {
                let aspects: Vec<Decimal> = i["aspects"].as_array().unwrap().iter().map(dec_of).collect();
                let v = rounding_of(&i["rounding"]).apply(pp46::activity_value(&aspects, &at()).unwrap());
                assert_eq!(v, dec_of(&e["value"]), "{id}");
            }
            "time" | "cost" => {
                let s =
                    pp46::efficiency_score(dec_of(&i["target"]), dec_of(&i["actual"]), true, &at()).unwrap();
                assert_eq!(rounding_of(&i["rounding"]).apply(s.value), dec_of(&e["value"]), "{id}");
                let br = match s.branch {
                    EfficiencyBranch::AtMost24 => "at_most_24",
                    EfficiencyBranch::Above24 => "above_24",
                };
                assert_eq!(br, e["branch"].as_str().unwrap(), "{id}");
            }
            "quantity" => {
                let v = pp46::quantity(dec_of(&i["target"]), dec_of(&i["actual"]), &at()).unwrap();
                assert_eq!(rounding_of(&i["rounding"]).apply(v), dec_of(&e["value"]), "{id}");
            }
            "quality" => {
                let v = pp46::quality(dec_of(&i["target"]), dec_of(&i["actual"]), &at()).unwrap();
                assert_eq!(rounding_of(&i["rounding"]).apply(v), dec_of(&e["value"]), "{id}");
            }
            "category" => {
                let bands: Pp46Bands = match i.get("bands") {
                    Some(b) => serde_json::from_value(b.clone()).unwrap(),
                    None => Pp46Bands::default(),
                };
                let p = bands.category(dec_of(&i["value"]));
                assert_eq!(p.value(), e["predicate"].as_str().unwrap(), "{id}");
                let label = kinerja_core::evaluation::predicate_label(RegimeId::Pp46_2011, p, Lang::Id);
                assert_eq!(label, e["label"].as_str().unwrap(), "{id}");
            }
            "task_bonus" => {
                let count = usize::try_from(i["count"].as_u64().unwrap()).unwrap();
                assert_eq!(pp46::additional_task_bonus(count), dec_of(&e["value"]), "{id}");
            }
            "work_achievement" => {
                let v = pp46::work_achievement(dec_of(&i["skp"]), dec_of(&i["behaviour"]), &at()).unwrap();
                let v = rounding_of(&i["rounding"]).apply(v);
                assert_eq!(v, dec_of(&e["value"]), "{id}");
                assert_eq!(
                    Pp46Bands::default().category(v).value(),
                    e["predicate"].as_str().unwrap(),
                    "{id}"
                );
            }
            k => panic!("{id}: unknown kind {k}"),
        }
        n += 1;
    }
    assert!(n >= 40, "only {n} cases");
}

#[test]
fn permenpanrb_8_2021_formula_golden() {
    let g = golden("permenpanrb_8_2021_formulas.json");
    let pol = Permenpanrb82021Policy::default();
    let two = Rounding::half_up(2);
    for c in cases(&g) {
        let id = c["id"].as_str().unwrap();
        let i = &c["input"];
        let e = &c["expected"];
        match i["kind"].as_str().unwrap() {
            "achievement" => {
                let polarity: Polarity = i["polarity"].as_str().unwrap().parse().unwrap();
                let a = achievement(
                    target_of(&i["target"]),
                    dec_of(&i["actual"]),
                    polarity,
                    &AchievementPolicy::default(),
                    None,
                )
                .unwrap();
                assert_eq!(two.apply(a.value), dec_of(&e["achievement"]), "{id}");
            }
            "iki_from_actual" => {
                let polarity: Polarity = i["polarity"].as_str().unwrap().parse().unwrap();
                let a = achievement(
                    target_of(&i["target"]),
                    dec_of(&i["actual"]),
                    polarity,
                    &AchievementPolicy::default(),
                    None,
                )
                .unwrap();
                assert_eq!(two.apply(a.value), dec_of(&e["achievement"]), "{id}");
                let cu = pol.capaian_rounding.apply(a.value);
                assert_eq!(cu, dec_of(&e["capaian_used"]), "{id}");
                let v = p8::indicator_value(cu, false, &at()).unwrap();
                assert_eq!(two.apply(v.value), dec_of(&e["value"]), "{id}");
                assert_eq!(v.category.value(), e["category"].as_str().unwrap(), "{id}");
            }
            "iki_value" => {
                let c = dec_of(&i["capaian"]);
                let cu =
                    if i["round_capaian"].as_bool().unwrap() { pol.capaian_rounding.apply(c) } else { c };
                if let Some(x) = e.get("capaian_used") {
                    assert_eq!(cu, dec_of(x), "{id}");
                }
                let v = p8::indicator_value(cu, i["target_is_max"].as_bool().unwrap(), &at()).unwrap();
                assert_eq!(two.apply(v.value), dec_of(&e["value"]), "{id}");
                assert_eq!(v.category.value(), e["category"].as_str().unwrap(), "{id}");
            }
            "predicate" => {
                let p = p8::nk_predicate(dec_of(&i["nk"]), i["innovation"].as_bool().unwrap(), &pol);
                assert_eq!(p.value(), e["predicate"].as_str().unwrap(), "{id}");
            }
            "performance_value" => {
                let v = p8::performance_value(
                    dec_of(&i["skp"]),
                    dec_of(&i["behaviour"]),
                    i["behaviour_360"].as_bool().unwrap(),
                    &at(),
                )
                .unwrap();
                assert_eq!(two.apply(v).to_string(), e["value"].as_str().unwrap(), "{id}");
            }
            k => panic!("{id}: unknown kind {k}"),
        }
    }
}

fn run_plan_case(c: &Value, regime: &str) -> Evaluation {
    let i = &c["input"];
    let plan: Plan = serde_json::from_value(i["plan"].clone()).unwrap();
    plan.validate().unwrap();
    let period: Period = i["period"].as_str().unwrap().parse().unwrap();
    let policy = match i.get("policy") {
        Some(p) => Policy::from_json(&p.to_string()).unwrap(),
        None => Policy::default(),
    };
    let rules = Ruleset::builtin(regime).unwrap().with_policy(policy).unwrap();
    kinerja_core::regime::evaluate(&plan, period, &rules).unwrap_or_else(|e| panic!("{}: {e}", c["id"]))
}

fn check_plan_case(c: &Value, ev: &Evaluation) {
    let id = c["id"].as_str().unwrap();
    let e = &c["expected"];
    assert_eq!(ev.score, Some(dec_of(&e["score"])), "{id}\n{}", ev.explain(Lang::En));
    assert_eq!(ev.predicate.value(), e["predicate"].as_str().unwrap(), "{id}");
    assert_eq!(ev.predicate_label(Lang::Id), e["label"].as_str().unwrap(), "{id}");
    assert_eq!(ev.work_result_source, Some(kinerja_core::RatingSource::Computed), "{id}");
    if let Some(m) = e.get("indicator_scores").and_then(Value::as_object) {
        for (ind, v) in m {
            let row =
                ev.indicators.iter().find(|r| &r.indicator == ind).unwrap_or_else(|| panic!("{id}: {ind}"));
            assert_eq!(row.score, Some(dec_of(v)), "{id}: {ind}");
        }
    }
    for (subject, key) in [("skp", "skp"), ("perilaku", "behaviour")] {
        if let Some(v) = e.get(key) {
            let step = ev.trace.steps.iter().rev().find(|s| s.subject == subject).unwrap();
            let shown = step.value.en.split(' ').next().unwrap();
            assert_eq!(shown.parse::<Decimal>().unwrap(), dec_of(v), "{id}: {subject}");
        }
    }
    if let Some(n) = e.get("notes_min") {
        assert!(ev.notes.len() as u64 >= n.as_u64().unwrap(), "{id}: notes {:?}", ev.notes);
    }
    // Every step cites something, in both languages.
    for s in &ev.trace.steps {
        assert!(
            !s.citation.render(Lang::En).is_empty() && !s.citation.render(Lang::Id).is_empty(),
            "{id}: {}",
            s.title.en
        );
        assert!(!s.title.id.is_empty() && !s.title.en.is_empty(), "{id}");
    }
}

#[test]
fn pp46_plan_golden() {
    let g = golden("pp46_plans.json");
    for c in cases(&g) {
        let ev = run_plan_case(c, "pp-46-2011");
        assert_eq!(ev.regime, RegimeId::Pp46_2011);
        check_plan_case(c, &ev);
    }
}

#[test]
fn permenpanrb_8_2021_plan_golden() {
    let g = golden("permenpanrb_8_2021_plans.json");
    for c in cases(&g) {
        let ev = run_plan_case(c, "permenpanrb-8-2021");
        assert_eq!(ev.regime, RegimeId::Permenpanrb8_2021);
        check_plan_case(c, &ev);
    }
}

#[test]
fn explanations_cite_the_regulations() {
    let g = golden("pp46_plans.json");
    let ev = run_plan_case(&cases(&g)[2], "pp-46-2011");
    let id = ev.explain(Lang::Id);
    let en = ev.explain(Lang::En);
    assert!(id.contains("Perka BKN 1/2013") && id.contains("efisiensi"), "{id}");
    assert!(en.contains("efficiency 24% ≤ 24%"), "{en}");
    assert!(en.contains("[unconfirmed]"), "{en}");
    assert!(ev.notes.iter().any(|n| n.en.contains("k3")), "{:?}", ev.notes);
    // Weights of counted rows sum to 1; the biaya-less activity weighs its 3 aspects.
    let total: Decimal = ev.indicators.iter().map(|r| r.weight).sum();
    assert!((total - Decimal::ONE).abs() < dec!(0.0000000001), "{total}");
    let g = golden("permenpanrb_8_2021_plans.json");
    let ev = run_plan_case(&cases(&g)[0], "permenpanrb-8-2021");
    let en = ev.explain(Lang::En);
    assert!(en.contains("PP 30/2019 Pasal 41") && en.contains("PermenPANRB 8/2021"), "{en}");
    let total: Decimal = ev.indicators.iter().map(|r| r.weight).sum();
    assert!((total - Decimal::ONE).abs() < dec!(0.0000000001), "{total}");
}

// ---------------------------------------------------------------------------------------------
// Hostile inputs
// ---------------------------------------------------------------------------------------------

fn base_plan(regime: &str) -> Value {
    let file = if regime == "pp-46-2011" { "pp46_plans.json" } else { "permenpanrb_8_2021_plans.json" };
    let idx = if regime == "pp-46-2011" { 2 } else { 1 };
    cases(&golden(file))[idx]["input"]["plan"].clone()
}

fn eval_value(plan: Value, regime: &str, period: &str) -> Result<Evaluation, Error> {
    let plan: Plan = serde_json::from_value(plan).unwrap();
    kinerja_core::regime::evaluate(&plan, period.parse().unwrap(), &Ruleset::builtin(regime).unwrap())
}

fn pp46_err(edit: impl FnOnce(&mut Value)) -> Error {
    let mut p = base_plan("pp-46-2011");
    edit(&mut p);
    eval_value(p, "pp-46-2011", "2019").unwrap_err()
}

#[test]
fn pp46_hostile_inputs() {
    let e =
        pp46_err(|p| p["results"][0]["indicators"][0]["target"] = serde_json::json!({"low": 1, "high": 2}));
    assert!(
        matches!(&e, Error::Indicator { at, field, .. } if field == "target" && at.indicator.as_deref() == Some("k1-o")),
        "{e}"
    );
    let e = pp46_err(|p| p["results"][0]["indicators"][1]["aspect"] = "quantity".into());
    assert!(matches!(&e, Error::Duplicate { at, .. } if at.indicator.as_deref() == Some("k1-k")), "{e}");
    let e = pp46_err(|p| p["results"][1]["indicators"][2]["aspect"] = "cost".into());
    assert!(
        matches!(&e, Error::Missing { field, .. } if field.contains("time") && field.contains("k2")),
        "{e}"
    );
    let e = pp46_err(|p| p["realisations"][1]["actual"] = "-5".into());
    assert!(
        matches!(&e, Error::Indicator { at, field, .. } if field == "actual" && at.indicator.as_deref() == Some("k1-k")),
        "{e}"
    );
    let e = pp46_err(|p| p["results"][1]["indicators"][1]["target"] = "0".into());
    assert!(
        matches!(&e, Error::Indicator { at, field, .. } if field == "target" && at.indicator.as_deref() == Some("k2-k")),
        "{e}"
    );
    let e = pp46_err(|p| p["assessments"][0]["behaviour_aspects"]["loyalitas"] = "80".into());
    assert!(matches!(&e, Error::Unknown { id, .. } if id == "loyalitas"), "{e}");
    let e = pp46_err(|p| {
        p["assessments"][0]["behaviour_aspects"].as_object_mut().unwrap().remove("kepemimpinan");
    });
    assert!(matches!(&e, Error::Missing { field, .. } if field == "behaviour_aspects.kepemimpinan"), "{e}");
    let e = pp46_err(|p| p["employee"]["post_type"] = "executor".into());
    assert!(matches!(&e, Error::Input { field, .. } if field == "behaviour_aspects.kepemimpinan"), "{e}");
    let e = pp46_err(|p| p["assessments"][0]["behaviour_aspects"]["integritas"] = "150".into());
    assert!(matches!(&e, Error::Input { field, .. } if field == "behaviour_aspects.integritas"), "{e}");
    let e = pp46_err(|p| p["assessments"][0]["behaviour_score"] = "80".into());
    assert!(matches!(&e, Error::Input { field, .. } if field == "behaviour_aspects"), "{e}");
    let e = pp46_err(|p| p["assessments"] = serde_json::json!([]));
    assert!(
        matches!(&e, Error::Missing { field, at, .. } if field == "assessment" && at.period.as_deref() == Some("2019")),
        "{e}"
    );
    let e = pp46_err(|p| p["results"][7]["id"] = "kreativitas:galaksi".into());
    assert!(matches!(&e, Error::Input { field, .. } if field.contains("kreativitas:galaksi")), "{e}");
    let e = pp46_err(|p| {
        for r in p["results"].as_array_mut().unwrap() {
            r["kind"] = "additional".into();
        }
    });
    assert!(matches!(&e, Error::Missing { field, .. } if field == "activities"), "{e}");
    // a number past the input limits every surface applies is refused before any arithmetic
    let e = pp46_err(|p| p["realisations"][0]["actual"] = "79228162514264337593543950335".into());
    assert_eq!(e.family(), kinerja_core::ErrorFamily::Input, "{e}");
    assert!(e.to_string().contains("employee `P46-B`") && e.to_string().contains("too large"), "{e}");
}

#[test]
fn permenpanrb_8_2021_hostile_inputs() {
    let err = |edit: &dyn Fn(&mut Value)| {
        let mut p = base_plan("permenpanrb-8-2021");
        edit(&mut p);
        eval_value(p, "permenpanrb-8-2021", "2021-S2").unwrap_err()
    };
    let e = err(&|p| p["results"][0]["indicators"][0]["target"] = "0".into());
    assert!(
        matches!(&e, Error::Indicator { at, field, .. } if field == "target" && at.indicator.as_deref() == Some("waktu-tunggu")),
        "{e}"
    );
    let e = err(&|p| {
        p["results"][1]["indicators"][0].as_object_mut().unwrap().remove("weight");
    });
    assert!(
        matches!(&e, Error::Missing { at, field, .. } if field == "weight" && at.indicator.as_deref() == Some("adhoc")),
        "{e}"
    );
    let e = err(&|p| p["results"][1]["indicators"][0]["weight"] = "150".into());
    assert!(matches!(&e, Error::Indicator { field, .. } if field == "weight"), "{e}");
    let e = err(&|p| p["assessments"][0]["behaviour_score"] = "130".into());
    assert!(matches!(&e, Error::Input { field, .. } if field == "behaviour_score"), "{e}");
    let e = err(&|p| {
        p["assessments"][0].as_object_mut().unwrap().remove("behaviour_score");
    });
    assert!(matches!(&e, Error::Missing { field, .. } if field == "behaviour_score"), "{e}");
    let e = err(&|p| p["results"][0]["kind"] = "additional".into());
    assert!(matches!(&e, Error::Missing { field, .. } if field == "indicators"), "{e}");
    let e = err(&|p| p["realisations"][1]["actual"] = "-1".into());
    assert!(
        matches!(&e, Error::Indicator { at, field, .. } if field == "actual" && at.indicator.as_deref() == Some("pengaduan")),
        "{e}"
    );
    let e = err(&|p| {
        p["results"][0]["indicators"][1]["weight"] = "2".into();
    });
    assert!(matches!(&e, Error::Indicator { field, .. } if field == "weight"), "{e}");
    let e = err(&|p| {
        p["realisations"].as_array_mut().unwrap().remove(0);
    });
    assert!(
        matches!(&e, Error::Missing { at, field, .. } if field == "realisation" && at.indicator.as_deref() == Some("waktu-tunggu")),
        "{e}"
    );
}

#[test]
fn hostile_policies_are_located() {
    let bad = [
        (r#"{"pp46": {"bands": {"very_good": "70"}}}"#, "pp46.bands.good"),
        (r#"{"pp46": {"round_at": ["aspect", "aspect"]}}"#, "pp46.round_at[1]"),
        (r#"{"pp46": {"rounding": {"scale": 99, "mode": "half_up"}}}"#, "pp46.rounding.scale"),
        (r#"{"pp46": {"creativity_prefix": " "}}"#, "pp46.creativity_prefix"),
        (r#"{"permenpanrb_8_2021": {"jpt_weights": {"pk_based": "70"}}}"#, "permenpanrb_8_2021.jpt_weights"),
        (r#"{"permenpanrb_8_2021": {"additional": {"level": "50"}}}"#, "permenpanrb_8_2021.additional.level"),
        (
            r#"{"permenpanrb_8_2021": {"split_year": {"pp46_weight": "150"}}}"#,
            "permenpanrb_8_2021.split_year.pp46_weight",
        ),
        (
            r#"{"permenpanrb_8_2021": {"split_year": {"pp46_scale": "0"}}}"#,
            "permenpanrb_8_2021.split_year.pp46_scale",
        ),
        (
            r#"{"permenpanrb_8_2021": {"predicate_bands": {"poor": "80"}}}"#,
            "permenpanrb_8_2021.predicate_bands.poor",
        ),
        (
            r#"{"permenpanrb_8_2021": {"capaian_rounding": {"scale": 11, "mode": "truncate"}}}"#,
            "capaian_rounding.scale",
        ),
    ];
    for (text, path) in bad {
        let e = Policy::from_json(text).unwrap_err();
        assert!(matches!(&e, Error::Policy { path: p, .. } if p.contains(path)), "{text}: {e}");
    }
    for text in [r#"{"pp46": {"bogus": 1}}"#, r#"{"permenpanrb_8_2021": {"jpt_weights": {"pk": 1}}}"#] {
        let e = Policy::from_json(text).unwrap_err();
        assert!(e.to_string().contains("unknown field"), "{e}");
    }
    let toml = "[pp46]\nround_at = [\"final\"]\n[pp46.rounding]\nscale = 2\nmode = \"truncate\"\n[permenpanrb_8_2021]\nround_capaian = false\n";
    let p = Policy::from_toml(toml).unwrap();
    assert_eq!(p.pp46.round_at.len(), 1);
    assert!(!p.permenpanrb_8_2021.round_capaian);
}

#[test]
fn policy_roundtrip_and_defaults() {
    let p = Policy::default();
    let back = Policy::from_json(&p.to_json()).unwrap();
    assert_eq!(back, p);
    let back = Policy::from_toml(&p.to_toml().unwrap()).unwrap();
    assert_eq!(back, p);
    assert_eq!(p.pp46.creativity.national, dec!(12));
    assert_eq!(p.permenpanrb_8_2021.jpt_weights.pk_based, dec!(60));
    assert_eq!(p.permenpanrb_8_2021.additional.cap, dec!(10));
}

#[test]
fn pp46_rounding_points_are_policy() {
    // Only the final value rounded: the activity keeps 88.666…, so 0.6 × 88.666… + 32 = 85.2.
    let g = golden("pp46_plans.json");
    let mut c = cases(&g)[0].clone();
    c["input"]["policy"] = serde_json::json!({"pp46": {"round_at": ["final"]}});
    let ev = run_plan_case(&c, "pp-46-2011");
    assert_eq!(ev.score, Some(dec!(85.20)));
    assert_eq!(ev.indicators[0].score.map(|v| v.round_dp(4)), Some(dec!(88.6667)));
}

#[test]
fn split_year_can_be_turned_off() {
    let g = golden("permenpanrb_8_2021_plans.json");
    let mut c = cases(&g)[2].clone();
    c["input"]["policy"]["permenpanrb_8_2021"] = serde_json::json!({"split_year": {"enabled": false}});
    c["input"]["plan"]["assessments"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"period": "2021", "behaviour_score": "90"}));
    let i = &c["input"];
    let plan: Plan = serde_json::from_value(i["plan"].clone()).unwrap();
    let rules = Ruleset::builtin("permenpanrb-8-2021")
        .unwrap()
        .with_policy(Policy::from_json(&i["policy"].to_string()).unwrap())
        .unwrap();
    // Without the split the annual 2021 period is scored under 8/2021 alone: i1 realised in S2
    // only, the PP 46 indicators k1-* in S1 only (last-value aggregation needs the year end).
    let ev = kinerja_core::regime::evaluate(&plan, "2021".parse().unwrap(), &rules).unwrap();
    assert!(ev.trace.steps.iter().all(|s| s.subject != "split_year"));
    assert_eq!(ev.indicators.len(), 1);
    assert_eq!(ev.score, Some(dec!(88.60))); // 0.7 × 88 + 0.3 × 90
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

fn any_decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Decimal::new(m, s))
}

fn any_wide_decimal() -> impl Strategy<Value = Decimal> {
    (any::<u32>(), any::<u32>(), any::<u32>(), any::<bool>(), 0u32..=28)
        .prop_map(|(lo, mid, hi, neg, s)| Decimal::from_parts(lo, mid, hi, neg, s))
}

proptest! {
    #[test]
    fn no_decimal_input_panics(t in any_wide_decimal(), r in any_decimal(), b in any::<bool>()) {
        let _ = pp46::efficiency_score(t, r, b, &at());
        let _ = pp46::quantity(t, r, &at());
        let _ = pp46::quality(r, t, &at());
        let _ = pp46::activity_value(&[t, r, t], &at());
        let _ = pp46::work_achievement(t, r, &at());
        let _ = Pp46Bands::default().category(t);
        let _ = p8::indicator_value(t, b, &at());
        let _ = p8::performance_value(t, r, b, &at());
        let _ = p8::nk_predicate(t, b, &Permenpanrb82021Policy::default());
        let _ = p8::integrate_split_year(t, r, &Default::default(), &at());
        let items = [p8::AdditionalItem { level: dec!(100), scope_weight: t, value: r }];
        let _ = p8::additional_contribution(&items, dec!(10), &at());
    }

    /// waktu/biaya follow the two closed forms: `176 − 100R/T` while `R ≥ 0.76T` (efficiency
    /// ≤ 24 %), and `100R/T` below; never above 100, and 100 exactly at `R = 0.76T`.
    #[test]
    fn efficiency_branches_are_the_closed_forms(t in 1i64..1_000_000, r_milli in 0i64..2_000_000) {
        let t = Decimal::from(t);
        let r = Decimal::new(r_milli, 3) * t / dec!(1000);
        let s = pp46::efficiency_score(t, r, false, &at()).unwrap();
        let ratio = r * dec!(100) / t;
        let expected = if r >= dec!(0.76) * t { dec!(176) - ratio } else { ratio };
        prop_assert!((s.value - expected).abs() < dec!(0.000000000001), "{} vs {}", s.value, expected);
        prop_assert!(s.value <= dec!(100) + dec!(0.000000000001));
        let at_boundary = pp46::efficiency_score(t, dec!(0.76) * t, false, &at()).unwrap();
        prop_assert_eq!(at_boundary.value, dec!(100));
    }

    /// Within each branch the score is continuous: a small change of R moves it by at most
    /// 100 × ΔR / T.
    #[test]
    fn efficiency_is_lipschitz_within_a_branch(t in 1i64..10_000, r in 0i64..30_000, dr in 1i64..100) {
        let t = Decimal::from(t);
        let r1 = Decimal::new(r, 2);
        let r2 = r1 + Decimal::new(dr, 4);
        let a = pp46::efficiency_score(t, r1, false, &at()).unwrap();
        let b = pp46::efficiency_score(t, r2, false, &at()).unwrap();
        if a.branch == b.branch {
            let bound = (r2 - r1) * dec!(100) / t + dec!(0.0000000001);
            prop_assert!((a.value - b.value).abs() <= bound);
        }
    }

    /// nilai capaian IKI never decreases as capaian grows (within and across bands), and
    /// stays within 0–120.
    #[test]
    fn iki_value_is_monotone(a in 0i64..20_000, b in 0i64..20_000, max in any::<bool>()) {
        let (lo, hi) = (Decimal::new(a.min(b), 2), Decimal::new(a.max(b), 2));
        let v1 = p8::indicator_value(lo, max, &at()).unwrap().value;
        let v2 = p8::indicator_value(hi, max, &at()).unwrap().value;
        prop_assert!(v1 <= v2, "{lo} → {v1}, {hi} → {v2}");
        prop_assert!(v2 <= dec!(120) && v1 >= Decimal::ZERO);
        let c1 = p8::indicator_value(lo, max, &at()).unwrap().category;
        let c2 = p8::indicator_value(hi, max, &at()).unwrap().category;
        prop_assert!(c1 <= c2);
    }

    /// The predicate never gets worse as nilai kinerja grows.
    #[test]
    fn nk_predicate_is_monotone(a in 0i64..13_000, b in 0i64..13_000, inn in any::<bool>()) {
        let p = Permenpanrb82021Policy::default();
        let (lo, hi) = (Decimal::new(a.min(b), 2), Decimal::new(a.max(b), 2));
        prop_assert!(p8::nk_predicate(lo, inn, &p) <= p8::nk_predicate(hi, inn, &p));
        prop_assert!(p8::nk_predicate(hi, inn, &p) <= Predicate::VeryGood);
    }
}

#[test]
fn example_plans_evaluate() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/plans");
    let load = |f: &str| Plan::from_json(&std::fs::read_to_string(format!("{dir}/{f}")).unwrap()).unwrap();
    let r46 = Ruleset::builtin("pp-46-2011").unwrap();
    let r8 = Ruleset::builtin("permenpanrb-8-2021").unwrap();
    let ev = kinerja_core::regime::evaluate(&load("pp46_2011_example.json"), "2019".parse().unwrap(), &r46);
    assert_eq!(ev.unwrap().score, Some(dec!(96.17)));
    let p = load("permenpanrb_8_2021_jpt_example.json");
    assert_eq!(
        kinerja_core::regime::evaluate(&p, "2021-S2".parse().unwrap(), &r8).unwrap().score,
        Some(dec!(101.96))
    );
    let p = load("permenpanrb_8_2021_example.json");
    assert_eq!(
        kinerja_core::regime::evaluate(&p, "2021-S2".parse().unwrap(), &r8).unwrap().score,
        Some(dec!(116.00))
    );
    let mut pol = Policy::default();
    pol.rating.missing_realisation = kinerja_core::rules::MissingRealisation::Exclude;
    let r8x = r8.with_policy(pol).unwrap();
    let p = load("split_year_2021_example.json");
    let ev = kinerja_core::regime::evaluate(&p, "2021".parse().unwrap(), &r8x).unwrap();
    // PP 46 half 85.20 × 1.2 = 102.24 (C-22), 8/2021 half 91.60: (102.24 + 91.60) / 2 = 96.92.
    assert_eq!(ev.score, Some(dec!(96.92)));
    assert_eq!(ev.predicate, Predicate::Good);
    // With the raw values (pp46_scale 1, the old default): (85.20 + 91.60) / 2 = 88.40, Butuh
    // Perbaikan although both halves are Baik.
    let mut raw = r8x.policy.clone();
    raw.permenpanrb_8_2021.split_year.pp46_scale = Decimal::ONE;
    let ev =
        kinerja_core::regime::evaluate(&p, "2021".parse().unwrap(), &r8x.clone().with_policy(raw).unwrap())
            .unwrap();
    assert_eq!((ev.score, ev.predicate), (Some(dec!(88.40)), Predicate::NeedsImprovement));
    // Without excluding missing realisations the split year names what is missing and where.
    let e = kinerja_core::regime::evaluate(&p, "2021".parse().unwrap(), &r8).unwrap_err();
    assert!(matches!(&e, Error::Missing { field, .. } if field == "realisation"), "{e}");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Whole evaluations never panic, whatever the realisations and behaviour values are.
    #[test]
    fn evaluations_never_panic(actuals in proptest::collection::vec(any_wide_decimal(), 10), beh in any_decimal()) {
        for regime in ["pp-46-2011", "permenpanrb-8-2021"] {
            let mut p = base_plan(regime);
            let period = if regime == "pp-46-2011" { "2019" } else { "2021-S2" };
            prop_assert!(p["realisations"].as_array().unwrap().len() <= actuals.len());
            for (r, a) in p["realisations"].as_array_mut().unwrap().iter_mut().zip(&actuals) {
                r["actual"] = Value::String(a.to_string());
            }
            if regime == "permenpanrb-8-2021" {
                p["assessments"][0]["behaviour_score"] = Value::String(beh.to_string());
            }
            let _ = eval_value(p, regime, period);
        }
    }
}

#[test]
fn periodic_skp_value_of_8_2021() {
    // The golden "periodic SKP 2021-Q3" plan: main-performance mean 109, rencana-aksi mean
    // (79 + 61) / 2 = 70.
    let g = golden("permenpanrb_8_2021_plans.json");
    let c = cases(&g).iter().find(|c| c["id"] == "periodic SKP 2021-Q3").unwrap().clone();
    let skp = |c: &Value| -> Decimal {
        let ev = run_plan_case(c, "permenpanrb-8-2021");
        let step = ev.trace.steps.iter().rev().find(|s| s.subject == "skp").unwrap();
        step.value.en.parse().unwrap()
    };
    // Quarter: (109 + 70) / 2 = 89.5, for a JPT and for an executor alike.
    assert_eq!(skp(&c), dec!(89.5));
    let mut exec = c.clone();
    exec["input"]["plan"]["employee"]["post_type"] = "executor".into();
    assert_eq!(skp(&exec), dec!(89.5));
    // The same realisations for the whole 8/2021 span (2021-S2) are not periodic: the JPT
    // weights 0.6 × 109 + 0.4 × 70 = 93.4.
    let mut half = c.clone();
    for r in half["input"]["plan"]["realisations"].as_array_mut().unwrap() {
        r["period"] = "2021-S2".into();
    }
    half["input"]["plan"]["assessments"][0]["period"] = "2021-S2".into();
    half["input"]["period"] = "2021-S2".into();
    assert_eq!(skp(&half), dec!(93.4));
    // Only action plans scored in the quarter: their mean 70 is the SKP value, with a note.
    let mut ra_only = c.clone();
    ra_only["input"]["plan"]["results"].as_array_mut().unwrap().drain(0..2);
    ra_only["input"]["plan"]["realisations"].as_array_mut().unwrap().drain(0..2);
    let ev = run_plan_case(&ra_only, "permenpanrb-8-2021");
    assert!(ev.notes.iter().any(|n| n.en.contains("only action plans")), "{:?}", ev.notes);
    assert_eq!(skp(&ra_only), dec!(70));
}

/// The 2021 split-year evaluation is of the whole year and carries both halves: the indicators,
/// notes and trace of the PP 46 half and of the 8/2021 half, the integration step and its note,
/// and no weighted achievement (each half has its own scale).
#[test]
fn split_year_evaluation_carries_both_halves() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/plans");
    let text = std::fs::read_to_string(format!("{dir}/split_year_2021_example.json")).unwrap();
    let plan = Plan::from_json(&text).unwrap();
    let mut policy = Policy::default();
    policy.rating.missing_realisation = kinerja_core::rules::MissingRealisation::Exclude;
    let r8 = Ruleset::builtin("permenpanrb-8-2021").unwrap().with_policy(policy.clone()).unwrap();
    let r46 = Ruleset::builtin("pp-46-2011").unwrap().with_policy(policy).unwrap();
    let year: Period = "2021".parse().unwrap();
    let ev = kinerja_core::regime::evaluate(&plan, year, &r8).unwrap();
    let first = kinerja_core::regime::evaluate(&plan, "2021-S1".parse().unwrap(), &r46).unwrap();
    let second = kinerja_core::regime::evaluate(&plan, "2021-S2".parse().unwrap(), &r8).unwrap();
    assert_eq!(ev.period, year);
    assert_eq!(ev.regime, RegimeId::Permenpanrb8_2021);
    assert_eq!(ev.weighted_achievement, None);
    assert!(second.weighted_achievement.is_some());
    let ids = |e: &Evaluation| e.indicators.iter().map(|i| i.indicator.clone()).collect::<Vec<_>>();
    assert!(!first.indicators.is_empty() && !second.indicators.is_empty());
    assert_eq!(ids(&ev), [ids(&first), ids(&second)].concat());
    assert!(ev.notes.iter().any(|n| n.en.contains("integrated") && n.en.contains("C-20")), "{:?}", ev.notes);
    for n in &first.notes {
        assert!(ev.notes.contains(n), "the PP 46 half's note {:?} is kept", n.en);
    }
    let subjects: Vec<&str> = ev.trace.steps.iter().map(|s| s.subject.as_str()).collect();
    assert!(subjects.contains(&"split_year"), "{subjects:?}");
    let pp46_step = &first.trace.steps[0].subject;
    assert!(subjects.contains(&pp46_step.as_str()), "{pp46_step} of the PP 46 half in {subjects:?}");
}
