//! Bad inputs each get a specific, located error; nothing panics.
#![allow(clippy::result_large_err)]

use kinerja_core::ErrorFamily;
use kinerja_core::prelude::*;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::MAX_POLICY_BYTES;
use serde_json::json;

mod support;
use support::base_plan;

fn run(v: serde_json::Value) -> Result<Evaluation, Error> {
    let plan: Plan = serde_json::from_value(v).map_err(|e| Error::Input {
        at: Location::default(),
        field: "plan".into(),
        reason: e.to_string(),
    })?;
    evaluate(&plan, Period::annual(2024).unwrap(), &Ruleset::builtin("permenpanrb-6-2022").unwrap())
}

fn expect(v: serde_json::Value, fam: ErrorFamily, contains: &[&str]) {
    let e = run(v).expect_err("should fail");
    assert_eq!(e.family(), fam, "{e}");
    let s = e.to_string();
    for c in contains {
        assert!(s.contains(c), "`{s}` lacks `{c}`");
    }
}

#[test]
fn base_is_valid() {
    let ev = run(base_plan()).unwrap();
    assert_eq!(ev.predicate, Predicate::Good);
    assert_eq!(ev.weighted_achievement.unwrap().to_string(), "90.00");
}

#[test]
fn zero_target() {
    let mut v = base_plan();
    v["results"][0]["indicators"][0]["target"] = json!("0");
    expect(v, ErrorFamily::Indicator, &["indicator `a`", "target is 0", "198501012010011001"]);
}

#[test]
fn negative_target() {
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!("-3");
    expect(v, ErrorFamily::Indicator, &["indicator `b`", "negative"]);
}

#[test]
fn inverted_range() {
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!({"low": "9", "high": "5"});
    expect(v, ErrorFamily::Indicator, &["indicator `b`", "low bound 9 exceeds high bound 5"]);
}

#[test]
fn missing_realisation() {
    let mut v = base_plan();
    v["realisations"].as_array_mut().unwrap().pop();
    expect(v, ErrorFamily::Input, &["indicator `b`", "period 2024", "missing realisation"]);
}

#[test]
fn missing_ratings() {
    let mut v = base_plan();
    v["assessments"][0].as_object_mut().unwrap().remove("work_result");
    expect(v, ErrorFamily::Input, &["missing work_result", "period 2024"]);
    let mut v = base_plan();
    v["assessments"][0].as_object_mut().unwrap().remove("behaviour");
    expect(v, ErrorFamily::Input, &["missing behaviour.overall"]);
    let mut v = base_plan();
    v["assessments"] = json!([]);
    expect(v, ErrorFamily::Input, &["missing work_result"]);
}

#[test]
fn unknown_indicator_in_realisation() {
    let mut v = base_plan();
    v["realisations"][0]["indicator"] = json!("zzz");
    expect(v, ErrorFamily::Input, &["unknown indicator `zzz`"]);
}

#[test]
fn duplicate_ids() {
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["id"] = json!("a");
    expect(v, ErrorFamily::Input, &["duplicate indicator `a`"]);
    let mut v = base_plan();
    v["realisations"][1] = v["realisations"][0].clone();
    expect(v, ErrorFamily::Input, &["duplicate realisation"]);
    let mut v = base_plan();
    let r = v["results"][0].clone();
    v["results"].as_array_mut().unwrap().push(r);
    expect(v, ErrorFamily::Input, &["duplicate planned result `r1`"]);
}

#[test]
fn bad_weights() {
    let mut v = base_plan();
    v["results"][0]["indicators"][0]["weight"] = json!("-1");
    expect(v, ErrorFamily::Indicator, &["weight", "negative"]);
    let mut v = base_plan();
    v["results"][0]["indicators"][0]["weight"] = json!("0");
    v["results"][0]["indicators"][1]["weight"] = json!("0");
    expect(v, ErrorFamily::Indicator, &["weights add up to zero"]);
    let mut v = base_plan();
    v["results"][0]["indicators"][0].as_object_mut().unwrap().remove("weight");
    expect(v, ErrorFamily::Indicator, &["for all counted indicators or for none"]);
    let rules = Ruleset::builtin("permenpanrb-6-2022")
        .unwrap()
        .with_policy(Policy::from_toml("[rating]\nweights_must_sum_to = \"100\"").unwrap())
        .unwrap();
    let mut v = base_plan();
    v["results"][0]["indicators"][0]["weight"] = json!("30");
    let plan: Plan = serde_json::from_value(v).unwrap();
    let e = evaluate(&plan, Period::annual(2024).unwrap(), &rules).unwrap_err();
    assert!(e.to_string().contains("weights add up to 80 but the policy requires 100"), "{e}");
}

#[test]
fn realisation_outside_year_and_overlaps() {
    let mut v = base_plan();
    v["realisations"][0]["period"] = json!("2023-05");
    expect(v, ErrorFamily::Input, &["outside plan year 2024"]);
    let mut v = base_plan();
    v["realisations"] = json!([
        {"indicator": "a", "period": "2024-S1", "actual": "1"},
        {"indicator": "a", "period": "2024-Q2", "actual": "1"},
        {"indicator": "a", "period": "2024-S2", "actual": "1"},
        {"indicator": "b", "period": "2024", "actual": "9"}
    ]);
    expect(v, ErrorFamily::Input, &["overlap"]);
}

#[test]
fn malformed_periods() {
    for s in ["2024-13", "2024-Q7", "24", "", "2024-S0", "twenty"] {
        let e = s.parse::<Period>().unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Period);
        assert!(e.to_string().contains("accepted forms"), "{e}");
    }
    let mut v = base_plan();
    v["realisations"][0]["period"] = json!("2024-Q9");
    let e = serde_json::from_value::<Plan>(v).unwrap_err().to_string();
    assert!(e.contains("2024-Q9"), "{e}");
}

#[test]
fn period_outside_plan_year() {
    let plan: Plan = serde_json::from_value(base_plan()).unwrap();
    let e = evaluate(&plan, Period::annual(2025).unwrap(), &Ruleset::builtin("permenpanrb-6-2022").unwrap())
        .unwrap_err();
    assert!(e.to_string().contains("outside plan year 2024"), "{e}");
}

#[test]
fn extreme_decimals_do_not_panic() {
    for (t, r) in [
        ("79228162514264337593543950335", "0.0000000000000000000000000001"),
        ("0.0000000000000000000000000001", "79228162514264337593543950335"),
    ] {
        let mut v = base_plan();
        v["results"][0]["indicators"][0]["target"] = json!(t);
        v["realisations"][0]["actual"] = json!(r);
        let _ = run(v);
    }
}

#[test]
fn malformed_policies() {
    let cases: &[(&str, &str)] = &[
        ("unknown_key = 1", "unknown field `unknown_key`"),
        ("schema_version = 99", "schema_version"),
        (
            "[rating]\nadvisory_bands = [{min = \"90\", rating = \"meets\"}, {min = \"110\", rating = \"above\"}]",
            "rating.advisory_bands[1].min: bands must be descending",
        ),
        ("[rating]\nadvisory_bands = [{min = \"90\", rating = \"superb\"}]", "superb"),
        ("[achievement]\nlower_formula = \"mirror\"", "mirror"),
        ("[achievement]\ndefault_cap = \"-5\"", "achievement.default_cap"),
        ("[rounding]\nreported = {scale = 40, mode = \"half_up\"}", "rounding.reported.scale"),
        ("[rounding]\nreported = {scale = 2, mode = \"round_up\"}", "round_up"),
        ("[rating]\nweights_must_sum_to = \"0\"", "rating.weights_must_sum_to"),
        ("[rating]\nbehaviour_advice = {min_above = 9}", "rating.behaviour_advice.min_above"),
        ("id = 5", "invalid type"),
        ("this is not toml", "policy <toml>"),
    ];
    for (text, msg) in cases {
        let e = Policy::from_toml(text).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{text}");
        assert!(e.to_string().contains(msg), "{text}: `{e}` lacks `{msg}`");
    }
    let big = "#".repeat(2 << 20);
    assert!(Policy::from_toml(&big).unwrap_err().to_string().contains("larger than the limit"));
    assert!(Policy::from_json("{\"rating\": {\"advisory_bands\": 3}}").is_err());
    assert!(Ruleset::from_json("{\"regime\": \"dp3\"}").unwrap_err().to_string().contains("dp3"));
}

#[test]
fn duplicate_employees_in_roster() {
    let p: Plan = serde_json::from_value(base_plan()).unwrap();
    let e = kinerja_core::regime::check_roster(&[p.clone(), p]).unwrap_err();
    assert_eq!(e.to_string(), "row 1: duplicate employee `198501012010011001`");
}

#[test]
fn weighted_mean_is_divided_once() {
    // Three indicators at exactly 100 % give exactly 100 under truncation too (1/3 shares
    // rounded to 28 digits would give 99.99).
    let mut v = base_plan();
    v["results"][0]["indicators"] = json!([
        {"id": "a", "name": "A", "target": "10"},
        {"id": "b", "name": "B", "target": "10"},
        {"id": "c", "name": "C", "target": "10"}
    ]);
    v["realisations"] = json!([
        {"indicator": "a", "period": "2024", "actual": "10"},
        {"indicator": "b", "period": "2024", "actual": "10"},
        {"indicator": "c", "period": "2024", "actual": "10"}
    ]);
    let plan: Plan = serde_json::from_value(v).unwrap();
    let policy = Policy::from_toml("[rounding]\nreported = {scale = 2, mode = \"truncate\"}").unwrap();
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap();
    let ev = evaluate(&plan, Period::annual(2024).unwrap(), &rules).unwrap();
    assert_eq!(ev.weighted_achievement.unwrap().to_string(), "100.00");
}

#[test]
fn oversized_rulesets_are_rejected_before_parsing() {
    let pad = " ".repeat(MAX_POLICY_BYTES);
    let toml_text = format!("regime = \"permenpanrb-6-2022\"\n{pad}");
    let json_text = format!("{{\"regime\": \"permenpanrb-6-2022\"}}{pad}");
    for e in [Ruleset::from_toml(&toml_text).unwrap_err(), Ruleset::from_json(&json_text).unwrap_err()] {
        assert_eq!(e.family(), ErrorFamily::Policy);
        assert!(e.to_string().contains("larger than the limit"), "{e}");
    }
    // Just under the limit still parses.
    let ok = format!("regime = \"permenpanrb-6-2022\"\n{}", " ".repeat(MAX_POLICY_BYTES - 40));
    assert!(Ruleset::from_toml(&ok).is_ok());
}

fn policy_path(e: &Error) -> &str {
    match e {
        Error::Policy { path, .. } => path,
        other => panic!("not a policy error: {other}"),
    }
}

fn policy_reason(e: &Error) -> &str {
    match e {
        Error::Policy { reason, .. } => reason,
        other => panic!("not a policy error: {other}"),
    }
}

#[test]
fn serde_errors_name_the_field_path() {
    // (text, path, reason fragments) for TOML.
    let toml_cases: &[(&str, &str, &[&str])] = &[
        ("[achievement]\nlower_formula = 5", "achievement.lower_formula", &["at byte 30"]),
        (
            "[rating]\nadvisory_bandz = 1",
            "rating.advisory_bandz",
            &["unknown field `advisory_bandz`", "at byte"],
        ),
        (
            "[rating.jpt_org_map]\ngood = \"meets\"\ngreat = \"above\"",
            "rating.jpt_org_map.great",
            &["unknown field `great`"],
        ),
        (
            "[rating]\nadvisory_bands = [{min = \"110\", rating = \"above\"}, {min = \"90\", rating = \"superb\"}]",
            "rating.advisory_bands[1].rating",
            &["superb"],
        ),
        ("this is not toml", "<toml>", &["at byte"]),
    ];
    for (text, path, reasons) in toml_cases {
        let e = Policy::from_toml(text).unwrap_err();
        assert_eq!(policy_path(&e), *path, "{text}: {e}");
        for r in *reasons {
            assert!(policy_reason(&e).contains(r), "{text}: `{e}` lacks `{r}`");
        }
    }
    let json_cases: &[(&str, &str, &[&str])] = &[
        (r#"{"achievement":{"lower_formula":5}}"#, "achievement.lower_formula", &["line 1 column"]),
        (
            r#"{"rating":{"advisory_bandz":1}}"#,
            "rating.advisory_bandz",
            &["unknown field `advisory_bandz`", "line 1"],
        ),
        (
            r#"{"rating":{"jpt_org_map":{"great":"above"}}}"#,
            "rating.jpt_org_map.great",
            &["unknown field `great`"],
        ),
        (
            r#"{"rating":{"behaviour_advice":{"min_above":"x"}}}"#,
            "rating.behaviour_advice.min_above",
            &["invalid type"],
        ),
        ("{", "<json>", &["EOF"]),
        ("{} {}", "<json>", &["trailing characters"]),
    ];
    for (text, path, reasons) in json_cases {
        let e = Policy::from_json(text).unwrap_err();
        assert_eq!(policy_path(&e), *path, "{text}: {e}");
        for r in *reasons {
            assert!(policy_reason(&e).contains(r), "{text}: `{e}` lacks `{r}`");
        }
    }
    // Rulesets locate into their `policy` section too.
    let e = Ruleset::from_toml("regime = \"pp-46-2011\"\n[policy.pp46]\nbandz = 1").unwrap_err();
    assert_eq!(policy_path(&e), "policy.pp46.bandz", "{e}");
    let e = Ruleset::from_json(r#"{"regime":"pp-46-2011","policy":{"rating":{"include_additional":"yes"}}}"#)
        .unwrap_err();
    assert_eq!(policy_path(&e), "policy.rating.include_additional", "{e}");
}

#[test]
fn scalar_kernel_rejects_bad_caps_and_ranges() {
    use kinerja_core::achievement::{AchievementPolicy, KernelError, achievement};
    use rust_decimal_macros::dec;
    let p = AchievementPolicy::default();
    let hb = Polarity::HigherIsBetter;
    for cap in [dec!(0), dec!(-1)] {
        let e = achievement(Target::Point(dec!(10)), dec!(5), hb, &p, Some(cap)).unwrap_err();
        assert_eq!(e, KernelError::NonPositiveCap);
        let err = e.into_error(&Location::default());
        assert_eq!(err.family(), ErrorFamily::Indicator);
        assert_eq!(err.field(), Some("cap"));
    }
    let neg = Target::Range { low: dec!(-5), high: dec!(90) };
    let e = achievement(neg, dec!(85), hb, &p, None).unwrap_err();
    assert_eq!(e, KernelError::NegativeRangeBound);
    assert_eq!(e.into_error(&Location::default()).field(), Some("target"));
    let both = Target::Range { low: dec!(-9), high: dec!(-5) };
    assert_eq!(achievement(both, dec!(1), hb, &p, None), Err(KernelError::NegativeRangeBound));
    let inv = Target::Range { low: dec!(90), high: dec!(80) };
    assert_eq!(achievement(inv, dec!(85), hb, &p, None), Err(KernelError::InvertedRange));
    // a positive cap and a zero low bound are fine
    assert!(achievement(Target::Point(dec!(10)), dec!(5), hb, &p, Some(dec!(0.5))).is_ok());
    assert!(achievement(Target::Range { low: dec!(0), high: dec!(9) }, dec!(5), hb, &p, None).is_ok());
}

fn run_with(v: serde_json::Value, policy: serde_json::Value) -> Result<Evaluation, Error> {
    let plan: Plan = serde_json::from_value(v).unwrap();
    let mut p = serde_json::to_value(Policy::default()).unwrap();
    p["rating"] = policy;
    let policy: Policy = serde_json::from_value(p).unwrap();
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap();
    evaluate(&plan, Period::annual(2024).unwrap(), &rules)
}

#[test]
fn undeterminable_advice_is_a_rating_error() {
    let mut v = base_plan();
    v["realisations"] = json!([]);
    v["assessments"][0].as_object_mut().unwrap().remove("work_result");
    let mut rating = serde_json::to_value(Policy::default()).unwrap()["rating"].clone();
    rating["missing_realisation"] = json!("exclude");
    rating["use_advice_when_missing"] = json!(true);
    rating["advisory_bands"] = json!([{"min": "110", "rating": "above"}, {"min": "90", "rating": "meets"}]);
    let e = run_with(v.clone(), rating.clone()).unwrap_err();
    assert_eq!(e.family(), ErrorFamily::Rating, "{e}");
    assert_eq!(e.field(), Some("work_result"));
    assert!(e.to_string().contains("weighted achievement is undefined"), "{e}");
    // without bands to fall back on it is a missing input, as before
    rating["advisory_bands"] = json!([]);
    let e = run_with(v, rating).unwrap_err();
    assert_eq!(e.family(), ErrorFamily::Input, "{e}");
    assert!(matches!(e, Error::Missing { .. }), "{e:?}");
}

// --- boundary: deep nesting and arbitrary text never kill the process ----------------------

/// Text nested `n` levels deep in JSON (`{"a":{"a":…}}`).
fn deep_json(n: usize) -> String {
    format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n))
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    for n in [200, 100_000] {
        let text = deep_json(n);
        let e = Policy::from_json(&text).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
        let e = Ruleset::from_json(&text).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
        let e = Plan::from_json(&text).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Input, "{e}");
    }
    // the limit relied on: serde_json refuses more than 128 levels, never overflowing the stack
    let e = serde_json::from_str::<serde_json::Value>(&deep_json(100_000)).unwrap_err();
    assert!(e.to_string().contains("recursion limit"), "{e}");
    assert!(serde_json::from_str::<serde_json::Value>(&deep_json(100)).is_ok());
}

#[test]
fn deeply_nested_toml_is_an_error_not_a_crash() {
    // inline arrays and inline tables recurse in the parser: the toml crate's own depth limit
    let arrays = format!("x = {}1{}", "[".repeat(50_000), "]".repeat(50_000));
    let tables = format!("x = {}1{}", "{a = ".repeat(50_000), "}".repeat(50_000));
    // dotted keys and table headers build the nesting without recursing in the parser
    let dotted = format!("{} = 1", vec!["a"; 100_000].join("."));
    let header = format!("[{}]\nb = 1", vec!["a"; 100_000].join("."));
    for text in [arrays, tables, dotted, header] {
        assert!(text.len() < MAX_POLICY_BYTES);
        let e = Policy::from_toml(&text).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
        let e = Ruleset::from_toml(&text).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    /// Arbitrary JSON values a few levels deep, with the policy's and plan's own keys mixed in.
    fn json_value() -> impl Strategy<Value = serde_json::Value> {
        let key = prop_oneof![
            Just("id".to_string()),
            Just("weight".to_string()),
            Just("target".to_string()),
            Just("rating".to_string()),
            Just("achievement".to_string()),
            Just("advisory_bands".to_string()),
            Just("employee".to_string()),
            Just("results".to_string()),
            Just("year".to_string()),
            "[a-z_]{1,12}",
        ];
        let leaf = prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<i64>().prop_map(serde_json::Value::from),
            any::<f64>().prop_map(|f| serde_json::Number::from_f64(f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number)),
            "\\PC{0,12}".prop_map(serde_json::Value::from),
            "-?[0-9]{1,40}(\\.[0-9]{1,30})?".prop_map(serde_json::Value::from),
        ];
        leaf.prop_recursive(4, 48, 6, move |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(serde_json::Value::Array),
                proptest::collection::btree_map(key.clone(), inner, 0..6)
                    .prop_map(|m| serde_json::Value::Object(m.into_iter().collect())),
            ]
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        /// Arbitrary text: every reader returns (a typed error or a value), never panics.
        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,200}") {
            let _ = Policy::from_json(&text);
            let _ = Policy::from_toml(&text);
            let _ = Ruleset::from_json(&text);
            let _ = Ruleset::from_toml(&text);
            let _ = Plan::from_json(&text);
        }

        /// Arbitrary JSON documents (also as TOML where they convert) through the policy, ruleset
        /// and plan readers, and a valid plan with one field replaced by junk: errors are typed.
        #[test]
        fn arbitrary_documents_never_panic(v in json_value(), junk in json_value()) {
            let text = v.to_string();
            if let Err(e) = Policy::from_json(&text) {
                prop_assert_eq!(e.family(), ErrorFamily::Policy);
            }
            let _ = Ruleset::from_json(&text);
            if let Err(e) = Plan::from_json(&text) {
                prop_assert!(!e.to_string().is_empty());
            }
            if let Ok(t) = toml::to_string(&v) {
                if let Err(e) = Policy::from_toml(&t) {
                    prop_assert_eq!(e.family(), ErrorFamily::Policy);
                }
                let _ = Ruleset::from_toml(&t);
            }
            let mut plan = base_plan();
            plan["results"][0]["indicators"][0]["target"] = junk.clone();
            plan["year"] = junk;
            let _ = Plan::from_json(&plan.to_string()).and_then(|p| {
                evaluate(&p, Period::annual(2024)?, &Ruleset::builtin("permenpanrb-6-2022")?)
            });
        }
    }
}

#[test]
fn a_number_too_large_for_the_engine_names_the_maximum() {
    let json =
        r#"{"rating": {"advisory_bands": [{"min": "79228162514264337593543950336", "rating": "above"}]}}"#;
    let toml = "[rating]\nadvisory_bands = [{min = \"1e40\", rating = \"above\"}]\n";
    for e in [Policy::from_json(json).unwrap_err(), Policy::from_toml(toml).unwrap_err()] {
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
        assert!(e.to_string().contains("rating.advisory_bands[0].min"), "{e}");
        assert!(e.to_string().contains("largest 79228162514264337593543950335"), "{e}");
    }
}

/// Every number of a plan is held to the input limits a table applies, whatever regime reads
/// it: the plan is refused as a whole (`validate`, `check_roster`), naming the field, so a
/// comparison or a roster never takes a number a table would refuse.
/// A field of a plan and how to set it.
type Setter = (&'static str, fn(&mut serde_json::Value));

#[test]
fn every_number_of_a_plan_is_within_the_input_limits() {
    let cases: [Setter; 6] = [
        ("target", |v| v["results"][0]["indicators"][0]["target"] = json!("123456789012345678901")),
        ("weight", |v| v["results"][0]["indicators"][0]["weight"] = json!("0.0000000000000000001")),
        ("cap", |v| v["results"][0]["indicators"][0]["cap"] = json!("100000000000000000000")),
        ("actual", |v| v["realisations"][0]["actual"] = json!("-100000000000000000000")),
        ("behaviour_score", |v| v["assessments"][0]["behaviour_score"] = json!("-1e21")),
        ("behaviour_aspects.integritas", |v| {
            v["assessments"][0]["behaviour_aspects"] = json!({"integritas": "1e-19"})
        }),
    ];
    for (field, set) in cases {
        let mut v = base_plan();
        set(&mut v);
        let p: Plan = serde_json::from_value(v).unwrap();
        let e = kinerja_core::regime::check_roster(std::slice::from_ref(&p)).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Input, "{field}: {e}");
        assert_eq!(e.field(), Some(field), "{e}");
        assert!(
            e.to_string().contains("too large") || e.to_string().contains("after the decimal separator"),
            "{e}"
        );
    }
    // 20 digits before the separator and 18 after it are within them
    let mut v = base_plan();
    v["realisations"][0]["actual"] = json!("99999999999999999999");
    v["assessments"][0]["behaviour_score"] = json!("0.000000000000000001");
    let p: Plan = serde_json::from_value(v).unwrap();
    kinerja_core::regime::check_roster(&[p]).unwrap();
}
