//! Instruments: IKM (14/2017 and 2004), Krejcie–Morgan, PKP, legacy PKG. Golden vectors,
//! properties and hostile inputs.
#![allow(clippy::result_large_err)]

use kinerja_core::error::Error;
use kinerja_core::explain::{Authority, Labelled, Lang};
use kinerja_core::instruments::*;
use kinerja_core::num::Rounding;
use kinerja_core::rules::Policy;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::str::FromStr;

mod support;
use support::golden;

fn d(v: &Value) -> Decimal {
    match v {
        Value::String(s) => Decimal::from_str(s).unwrap(),
        other => Decimal::from_str(&other.to_string()).unwrap(),
    }
}

fn s(v: &Value) -> &str {
    v.as_str().unwrap()
}

fn ikm_policy(input: &Value) -> Policy {
    let mut p = Policy::default();
    if let Some(over) = input.get("policy") {
        p.instruments.ikm = serde_json::from_value(over.clone()).unwrap();
    }
    p.validate().unwrap();
    p
}

#[test]
fn golden_ikm() {
    let g = golden("instruments_ikm.json");
    for case in g["cases"].as_array().unwrap() {
        let (id, input, exp) = (s(&case["id"]), &case["input"], &case["expected"]);
        let policy = ikm_policy(input);
        let regime: IkmRegime = s(&input["regime"]).parse().unwrap();
        if s(&input["kind"]) == "grade" {
            let grade = ikm_grade(d(&input["index"]), regime, &policy.instruments.ikm);
            assert_eq!(grade.value(), s(&exp["grade"]), "{id} {}", input["index"]);
            continue;
        }
        let mut strip = input.clone();
        let obj = strip.as_object_mut().unwrap();
        obj.remove("kind");
        obj.remove("policy");
        let r = match s(&input["kind"]) {
            "totals" => satisfaction_from_totals(&serde_json::from_value(strip).unwrap(), &policy),
            "means" => satisfaction_from_means(&serde_json::from_value(strip).unwrap(), &policy),
            "responses" => satisfaction_from_responses(&serde_json::from_value(strip).unwrap(), &policy),
            k => panic!("unknown kind {k}"),
        }
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(r.index.to_string(), s(&exp["index"]), "{id}");
        assert_eq!(r.grade.value(), s(&exp["grade"]), "{id}");
        if let Some(u) = exp.get("unit_value") {
            assert_eq!(r.unit_value.to_string(), s(u), "{id}");
        }
        if let Some(ms) = exp.get("element_means") {
            let got: Vec<String> = r
                .element_means
                .iter()
                .map(|m| Rounding::half_up(4).apply(*m).to_string())
                .collect::<Vec<_>>();
            let want: Vec<&str> = ms.as_array().unwrap().iter().map(s).collect();
            assert_eq!(got, want, "{id}");
        }
        if let Some(u) = exp.get("index_exact") {
            assert_eq!(r.index_exact, d(u), "{id}");
        }
        // The explanation has every step, cited, in both languages.
        assert_eq!(r.trace.steps.len(), 5, "{id}");
        assert!(r.trace.to_text(Lang::Id).contains("Mutu pelayanan"));
        assert!(r.trace.to_text(Lang::En).contains("Service quality grade"));
    }
}

#[test]
fn golden_sample_size() {
    let g = golden("instruments_sample_size.json");
    for case in g["cases"].as_array().unwrap() {
        let (id, input, exp) = (s(&case["id"]), &case["input"], &case["expected"]);
        let mut p = Policy::default();
        p.instruments.ikm.sample_size.method = serde_json::from_value(input["method"].clone()).unwrap();
        if let Some(rule) = input.get("table_rule") {
            p.instruments.ikm.sample_size.table_rule = serde_json::from_value(rule.clone()).unwrap();
        }
        let n = input["population"].as_u64().unwrap();
        let r = sample_size(n, &p).unwrap();
        assert_eq!(r.sample, exp["sample"].as_u64().unwrap(), "{id} N={n}");
        if let Some(e) = exp.get("exact") {
            let exact = r.exact.unwrap().round_dp(2);
            assert_eq!(exact, d(e), "{id} N={n}");
        }
        assert_eq!(r.trace.steps.len(), 1);
    }
}

#[test]
fn golden_pkp() {
    let g = golden("instruments_pkp.json");
    for case in g["cases"].as_array().unwrap() {
        let (id, exp) = (s(&case["id"]), &case["expected"]);
        let input: PkpInput = serde_json::from_value(case["input"].clone()).unwrap();
        let r = puskesmas_assessment(&input, &Policy::default()).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(r.coverage.to_string(), s(&exp["coverage"]), "{id}");
        assert_eq!(r.management.unwrap().to_string(), s(&exp["management"]), "{id}");
        assert_eq!(r.group.value(), s(&exp["group"]), "{id}");
        if let Some(cg) = exp.get("coverage_group") {
            assert_eq!(r.coverage_group.value(), s(cg), "{id}");
        }
        if let Some(mg) = exp.get("management_group") {
            assert_eq!(r.management_group.unwrap().value(), s(mg), "{id}");
        }
        if let Some(inds) = exp.get("indicators") {
            let inds = inds.as_array().unwrap();
            assert_eq!(inds.len(), r.indicators.len(), "{id}: indicator rows");
            for (e, got) in inds.iter().zip(&r.indicators) {
                assert_eq!(got.id, s(&e["id"]));
                assert_eq!(got.real_rounded.to_string(), s(&e["real"]), "{id} {}", got.id);
                assert_eq!(
                    got.against_target_rounded.to_string(),
                    s(&e["against_target"]),
                    "{id} {}",
                    got.id
                );
            }
            for (k, v) in exp["sub_variables"].as_object().unwrap() {
                let m = r
                    .sub_variables
                    .iter()
                    .find(|m| format!("{}/{}", m.variable, m.sub_variable.as_deref().unwrap_or("")) == *k)
                    .unwrap();
                assert_eq!(m.rounded.to_string(), s(v), "{id} {k}");
            }
            for (k, v) in exp["variables"].as_object().unwrap() {
                let m = r.variables.iter().find(|m| m.variable == *k).unwrap();
                assert_eq!(m.rounded.to_string(), s(v), "{id} {k}");
            }
        }
    }
}

#[test]
fn golden_pkg() {
    let g = golden("instruments_pkg.json");
    let p = Policy::default();
    for case in g["cases"].as_array().unwrap() {
        let (id, input, exp) = (s(&case["id"]), &case["input"], &case["expected"]);
        if s(&input["kind"]) == "conversion" {
            let c = pkg_conversion(d(&input["npkg100"]), &p).unwrap();
            assert_eq!(c.label.value(), s(&exp["label"]), "{id}");
            assert_eq!(c.percent, d(&exp["percent"]), "{id}");
            continue;
        }
        let mut strip = input.clone();
        strip.as_object_mut().unwrap().remove("kind");
        let pi: PkgInput = serde_json::from_value(strip).unwrap();
        let r = pkg_assessment(&pi, &p).unwrap_or_else(|e| panic!("{id}: {e}"));
        assert_eq!(r.conversion.npkg100.to_string(), s(&exp["npkg100"]), "{id}");
        assert_eq!(r.conversion.label.value(), s(&exp["label"]), "{id}");
        assert_eq!(r.conversion.percent, d(&exp["percent"]), "{id}");
        assert_eq!(r.annual_credit.unwrap().to_string(), s(&exp["annual_credit"]), "{id}");
        assert_eq!(r.trace.steps.len(), 3, "{id}");
    }
}

// ---------- realisation, explanations, policy files ----------

#[test]
fn index_feeds_an_indicator_realisation() {
    let t = ElementTotals {
        unit: Some("dukcapil".into()),
        regime: IkmRegime::Permenpanrb14_2017,
        respondents: 29,
        totals: [105, 101, 100, 116, 102, 105, 106, 105, 115].map(Decimal::from).to_vec(),
    };
    let r = satisfaction_from_totals(&t, &Policy::default()).unwrap();
    let real = r.as_realisation("iku-ikm", "2024".parse().unwrap());
    assert_eq!(real.indicator, "iku-ikm");
    assert_eq!(real.actual, dec!(91.48));
    assert_eq!(real.period.to_string(), "2024");
    // Exact weight cited as law; the grade choice cited as local policy.
    assert_eq!(r.trace.steps[1].citation.authority, Authority::Law);
    assert_eq!(r.trace.steps[4].citation.authority, Authority::LocalPolicy);
    assert!(r.trace.to_text(Lang::En).contains("exactly 1/9"));
    assert_eq!(r.weight, Decimal::ONE / Decimal::from(9));
}

#[test]
fn policy_section_reads_from_toml_with_located_errors() {
    let p = Policy::from_toml(
        r#"
schema_version = 1
id = "kupang-2024"
[instruments.ikm]
weighting = "rounded"
scale = "ni"
[instruments.ikm.sample_size]
method = "table"
table_rule = "interpolate"
[instruments.pkp.coverage_good]
value = "90"
inclusive = true
[instruments.pkg]
cap_hours_factor = false
"#,
    )
    .unwrap();
    assert_eq!(p.instruments.ikm.weighting, IkmWeighting::Rounded);
    assert_eq!(p.instruments.ikm.sample_size.table_rule, TableRule::Interpolate);
    assert!(p.instruments.pkp.coverage_good.passes(dec!(90)));

    let e = Policy::from_toml(
        r#"
schema_version = 1
[[instruments.pkg.bands]]
min = "91"
label = "amat baik"
percent = "125"
[[instruments.pkg.bands]]
min = "95"
label = "baik"
percent = "100"
"#,
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("instruments.pkg.bands[1].min"), "{e}");

    let e = Policy::from_toml("schema_version = 1\n[instruments.ikm]\nweights = \"exact\"\n").unwrap_err();
    assert!(matches!(e, Error::Policy { .. }), "{e}");
    let e = Policy::from_toml(
        "schema_version = 1\n[instruments.pkp.management_fair]\nvalue = \"9\"\ninclusive = true\n",
    )
    .unwrap_err();
    assert_eq!(e.field(), Some("instruments.pkp.management_fair.value"), "{e}");
}

#[test]
fn sample_size_options_and_policy_errors() {
    let mut p = Policy::default();
    assert_eq!(sample_size(500, &p).unwrap().sample, 217);
    p.instruments.ikm.sample_size.round_up = true;
    assert_eq!(sample_size(500, &p).unwrap().sample, 218);
    let e =
        Policy::from_toml("schema_version = 1\n[instruments.ikm.sample_size]\nmargin = \"0\"\n").unwrap_err();
    assert_eq!(e.field(), Some("instruments.ikm.sample_size.margin"), "{e}");
    let e = Policy::from_toml("schema_version = 1\n[instruments.spm]\ncap = \"-5\"\n").unwrap_err();
    assert_eq!(e.field(), Some("instruments.spm.cap"), "{e}");
    let e =
        Policy::from_toml("schema_version = 1\n[instruments.ikm]\nrounded_weight_places = 0\n").unwrap_err();
    assert_eq!(e.field(), Some("instruments.ikm.rounded_weight_places"), "{e}");
}

#[test]
fn spm_achievement_feeds_a_realisation() {
    let i: SpmInput = serde_json::from_str(
        r#"{"unit": "dinkes-kupang", "service": "Pelayanan kesehatan penderita diabetes melitus", "target_population": "400", "served": 398}"#,
    )
    .unwrap();
    let r = spm_achievement(&i, &Policy::default()).unwrap();
    assert_eq!(r.service, SpmService::Diabetes);
    assert_eq!(r.achievement, dec!(99.50));
    assert!(!r.target_met);
    assert_eq!(r.as_realisation("spm-9", "2024-S1".parse().unwrap()).actual, dec!(99.50));
}

// ---------- hostile inputs ----------

fn survey(rows: Vec<Vec<i64>>) -> SurveyResponses {
    SurveyResponses {
        unit: Some("puskesmas-alak".into()),
        regime: IkmRegime::Permenpanrb14_2017,
        responses: rows.into_iter().map(|r| r.into_iter().map(Decimal::from).collect()).collect(),
    }
}

fn instrument_parts(e: &Error) -> (String, Option<u64>, String) {
    match e {
        Error::Instrument { instrument, at, field, .. } => (instrument.clone(), at.row, field.clone()),
        other => panic!("expected an instrument error, got {other:?}"),
    }
}

#[test]
fn survey_score_out_of_range_names_row_and_element() {
    let p = Policy::default();
    let mut rows = vec![vec![4; 9]; 3];
    rows[2][3] = 5;
    let e = satisfaction_from_responses(&survey(rows), &p).unwrap_err();
    assert_eq!(instrument_parts(&e), ("satisfaction_index".into(), Some(2), "responses[2][3]".into()));
    let msg = e.to_string();
    assert!(
        msg.contains("U4 (Biaya/Tarif)") && msg.contains("puskesmas-alak") && msg.contains("score 5"),
        "{msg}"
    );

    let mut rows = vec![vec![3; 9]; 2];
    rows[0][8] = 0;
    let e = satisfaction_from_responses(&survey(rows), &p).unwrap_err();
    assert_eq!(instrument_parts(&e).2, "responses[0][8]");

    let mut sv = survey(vec![vec![3; 9]]);
    sv.responses[0][0] = dec!(2.5);
    let e = satisfaction_from_responses(&sv, &p).unwrap_err();
    assert!(e.to_string().contains("not a whole number"), "{e}");
    sv.responses[0][0] = dec!(-1);
    assert_eq!(instrument_parts(&satisfaction_from_responses(&sv, &p).unwrap_err()).2, "responses[0][0]");
}

#[test]
fn ragged_and_empty_surveys_are_refused() {
    let p = Policy::default();
    let e = satisfaction_from_responses(&survey(vec![vec![4; 9], vec![4; 8]]), &p).unwrap_err();
    assert_eq!(instrument_parts(&e), ("satisfaction_index".into(), Some(1), "responses[1]".into()));
    assert!(e.to_string().contains("8 element values"), "{e}");
    let e = satisfaction_from_responses(&survey(vec![vec![4; 9], vec![]]), &p).unwrap_err();
    assert_eq!(instrument_parts(&e).1, Some(1));
    let e = satisfaction_from_responses(&survey(vec![]), &p).unwrap_err();
    assert_eq!(instrument_parts(&e).2, "responses");
    // A 9-element row under the 14-element 2004 regime.
    let mut sv = survey(vec![vec![4; 9]]);
    sv.regime = IkmRegime::Kep25_2004;
    let e = satisfaction_from_responses(&sv, &p).unwrap_err();
    assert!(e.to_string().contains("14 elements"), "{e}");
}

#[test]
fn bad_totals_and_means_are_refused() {
    let p = Policy::default();
    let mut t = ElementTotals {
        unit: None,
        regime: IkmRegime::Permenpanrb14_2017,
        respondents: 0,
        totals: vec![dec!(10); 9],
    };
    assert_eq!(instrument_parts(&satisfaction_from_totals(&t, &p).unwrap_err()).2, "respondents");
    t.respondents = 10;
    t.totals[4] = dec!(41);
    assert_eq!(instrument_parts(&satisfaction_from_totals(&t, &p).unwrap_err()).2, "totals[4]");
    t.totals[4] = dec!(9);
    assert_eq!(instrument_parts(&satisfaction_from_totals(&t, &p).unwrap_err()).2, "totals[4]");
    t.totals.pop();
    assert_eq!(instrument_parts(&satisfaction_from_totals(&t, &p).unwrap_err()).2, "totals");

    let mut m = ElementMeans { unit: None, regime: IkmRegime::Permenpanrb14_2017, means: vec![dec!(3); 9] };
    m.means[6] = dec!(4.01);
    assert_eq!(instrument_parts(&satisfaction_from_means(&m, &p).unwrap_err()).2, "means[6]");
    m.means[6] = dec!(0.99);
    assert_eq!(instrument_parts(&satisfaction_from_means(&m, &p).unwrap_err()).2, "means[6]");
}

#[test]
fn survey_json_rejects_unknown_fields_and_bad_regimes() {
    let bad: Result<SurveyResponses, _> =
        serde_json::from_str(r#"{"responses": [[4,4,4,4,4,4,4,4,4]], "weights": 1}"#);
    assert!(bad.is_err());
    let bad: Result<SurveyResponses, _> = serde_json::from_str(r#"{"regime": "2030", "responses": []}"#);
    assert!(bad.unwrap_err().to_string().contains("permenpanrb_14_2017"));
    let ok: SurveyResponses = serde_json::from_str(
        r#"{"regime": "KEP/25/M.PAN/2/2004", "responses": [[1,2,3,4,1,2,3,4,1,2,3,4,1,2]]}"#,
    )
    .unwrap();
    let r = satisfaction_from_responses(&ok, &Policy::default()).unwrap();
    // (1+2+3+4)×3 + 1 + 2 = 33 over 14 elements → NI 33/14, NIK 58.928… → C under 2004 bands.
    assert_eq!(r.index, dec!(58.93));
    assert_eq!(r.grade, IkmGrade::C);
}

#[test]
fn sample_size_of_nothing_is_refused() {
    let e = sample_size(0, &Policy::default()).unwrap_err();
    assert_eq!(instrument_parts(&e).2, "population");
    // Huge populations do not overflow and stay at the plateau.
    assert_eq!(sample_size(u64::MAX, &Policy::default()).unwrap().sample, 384);
    let mut p = Policy::default();
    p.instruments.ikm.sample_size.method = SampleSizeMethod::Table;
    assert_eq!(sample_size(u64::MAX, &p).unwrap().sample, 384);
    assert_eq!(sample_size(1, &p).unwrap().sample, 1);
}

fn pkp_input() -> PkpInput {
    PkpInput {
        puskesmas: "sikumana".into(),
        indicators: vec![CoverageIndicator {
            id: "k4".into(),
            name: String::new(),
            variable: "kia".into(),
            sub_variable: None,
            population: dec!(100),
            target_pct: dec!(90),
            achieved: dec!(80),
            polarity: kinerja_core::model::Polarity::HigherIsBetter,
        }],
        management: vec![ManagementScore { id: "m1".into(), score: dec!(7) }],
    }
}

#[test]
fn hostile_puskesmas_inputs() {
    let p = Policy::default();
    let loc = |e: &Error| e.location().cloned().unwrap_or_default();

    let mut i = pkp_input();
    i.indicators[0].population = dec!(0);
    let e = puskesmas_assessment(&i, &p).unwrap_err();
    assert_eq!(e.field(), Some("population"));
    assert_eq!(loc(&e).indicator.as_deref(), Some("k4"));
    assert_eq!(loc(&e).unit.as_deref(), Some("sikumana"));

    // "nilai ring" scoring of lower-is-better indicators is unconfirmed (C-16): refused, located.
    let mut i = pkp_input();
    i.indicators[0].polarity = kinerja_core::model::Polarity::LowerIsBetter;
    let e = puskesmas_assessment(&i, &p).unwrap_err();
    assert_eq!(e.field(), Some("polarity"));
    assert_eq!(loc(&e).indicator.as_deref(), Some("k4"));
    assert!(e.to_string().contains("C-16"), "{e}");

    let mut i = pkp_input();
    i.indicators[0].target_pct = dec!(120);
    assert_eq!(puskesmas_assessment(&i, &p).unwrap_err().field(), Some("target_pct"));
    i.indicators[0].target_pct = dec!(0);
    assert_eq!(puskesmas_assessment(&i, &p).unwrap_err().field(), Some("target_pct"));

    let mut i = pkp_input();
    i.indicators[0].achieved = dec!(-1);
    assert_eq!(puskesmas_assessment(&i, &p).unwrap_err().field(), Some("achieved"));

    let mut i = pkp_input();
    i.indicators.push(i.indicators[0].clone());
    let e = puskesmas_assessment(&i, &p).unwrap_err();
    assert!(matches!(&e, Error::Duplicate { id, at, .. } if id == "k4" && at.row == Some(1)), "{e:?}");

    let mut i = pkp_input();
    i.management.push(ManagementScore { id: "m2".into(), score: dec!(5) });
    let e = puskesmas_assessment(&i, &p).unwrap_err();
    assert_eq!(instrument_parts(&e), ("puskesmas_assessment".into(), Some(1), "management[1].score".into()));
    assert!(e.to_string().contains("0 / 4 / 7 / 10"), "{e}");

    let mut i = pkp_input();
    i.indicators.clear();
    assert_eq!(puskesmas_assessment(&i, &p).unwrap_err().field(), Some("indicators"));

    let mut i = pkp_input();
    i.indicators[0].variable = " ".into();
    assert_eq!(puskesmas_assessment(&i, &p).unwrap_err().field(), Some("variable"));

    // Without management, the group is the coverage group; over-achievement is capped at 100.
    let mut i = pkp_input();
    i.management.clear();
    i.indicators[0].achieved = dec!(99);
    let r = puskesmas_assessment(&i, &p).unwrap();
    assert_eq!(r.coverage, dec!(100.00));
    assert_eq!(r.indicators[0].real_rounded, dec!(99.00));
    assert_eq!((r.management_group, r.group), (None, PkpGroup::Good));
}

#[test]
fn hostile_teacher_inputs() {
    let p = Policy::default();
    let base = PkgInput {
        teacher: Some("198001012005011001".into()),
        role: TeacherRole::Classroom,
        raw_score: dec!(57),
        credit: None,
    };
    let e = pkg_assessment(&base, &p).unwrap_err();
    assert_eq!(e.field(), Some("raw_score"));
    assert!(e.to_string().contains("198001012005011001") && e.to_string().contains("0–56"), "{e}");
    // 57 is fine for a counsellor (max 68).
    let mut c = base.clone();
    c.role = TeacherRole::Counsellor;
    assert!(pkg_assessment(&c, &p).is_ok());

    let mut m = base.clone();
    m.raw_score = dec!(40);
    m.credit = Some(PkgCreditInput {
        akk: dec!(50),
        akpkb: dec!(3),
        akp: dec!(5),
        teaching_hours: None,
        additional_duty: false,
    });
    let e = pkg_assessment(&m, &p).unwrap_err();
    assert!(matches!(&e, Error::Missing { field, .. } if field == "credit.teaching_hours"), "{e:?}");

    if let Some(cr) = m.credit.as_mut() {
        cr.teaching_hours = Some(dec!(24));
        cr.akpkb = dec!(48);
    }
    assert_eq!(pkg_assessment(&m, &p).unwrap_err().field(), Some("credit.akk"));
    if let Some(cr) = m.credit.as_mut() {
        cr.akpkb = dec!(3);
        cr.teaching_hours = Some(dec!(-2));
    }
    assert_eq!(pkg_assessment(&m, &p).unwrap_err().field(), Some("credit.teaching_hours"));
    // Hours above JWM are capped by default; not when the policy says so.
    if let Some(cr) = m.credit.as_mut() {
        cr.teaching_hours = Some(dec!(30));
    }
    // 40/56 = 71.43 → Cukup 75 %: 42 × 75 % / 4 = 7.875; uncapped 30/24: 9.84375 → 9.8438 (4 places).
    assert_eq!(pkg_assessment(&m, &p).unwrap().annual_credit, Some(dec!(7.875)));
    let mut q = Policy::default();
    q.instruments.pkg.cap_hours_factor = false;
    assert_eq!(pkg_assessment(&m, &q).unwrap().annual_credit, Some(dec!(9.8438)));

    assert_eq!(pkg_conversion(dec!(100.01), &p).unwrap_err().field(), Some("npkg100"));
    assert_eq!(pkg_conversion(dec!(-0.01), &p).unwrap_err().field(), Some("npkg100"));
}

// ---------- properties ----------

fn dec_2dp(lo: i64, hi: i64) -> impl Strategy<Value = Decimal> {
    (lo * 100..=hi * 100).prop_map(|c| Decimal::new(c, 2))
}

proptest! {
    #[test]
    fn ikm_grade_is_monotone(a in dec_2dp(0, 110), b in dec_2dp(0, 110), legacy in any::<bool>(), exact in any::<bool>()) {
        let p = IkmPolicy { classify_rounded: !exact, ..Default::default() };
        let regime = if legacy { IkmRegime::Kep25_2004 } else { IkmRegime::Permenpanrb14_2017 };
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        prop_assert!(ikm_grade(lo, regime, &p) <= ikm_grade(hi, regime, &p));
    }

    #[test]
    fn ikm_grade_is_monotone_on_ni(a in 10_000i64..=40_000, b in 10_000i64..=40_000) {
        let p = IkmPolicy { scale: IkmScale::Ni, ..Default::default() };
        let (lo, hi) = (Decimal::new(a.min(b), 4), Decimal::new(a.max(b), 4));
        prop_assert!(ikm_grade(lo, IkmRegime::Permenpanrb14_2017, &p) <= ikm_grade(hi, IkmRegime::Permenpanrb14_2017, &p));
    }

    #[test]
    fn ikm_from_responses_is_exact(legacy in any::<bool>(), seed in proptest::collection::vec(proptest::collection::vec(1i64..=4, 14), 1..40)) {
        let (regime, k) = if legacy { (IkmRegime::Kep25_2004, 14) } else { (IkmRegime::Permenpanrb14_2017, 9) };
        let rows: Vec<Vec<i64>> = seed.into_iter().map(|r| r.into_iter().take(k).collect()).collect();
        let total: i64 = rows.iter().flatten().sum();
        let n = rows.len() as i64;
        let mut sv = survey(rows);
        sv.regime = regime;
        let r = satisfaction_from_responses(&sv, &Policy::default()).unwrap();
        // NIK = 25 × Σ / (k·n), exactly.
        let expected = Decimal::from(total * 25) / Decimal::from(k as i64 * n);
        prop_assert_eq!(r.index_exact, expected);
        prop_assert!(r.index >= dec!(25) && r.index <= dec!(100));
        prop_assert_eq!(r.grade, ikm_grade(r.index_exact, regime, &IkmPolicy::default()));
    }

    #[test]
    fn sample_size_never_exceeds_population_and_grows(n in 1u64..2_000_000, table in any::<bool>(), interp in any::<bool>()) {
        let mut p = Policy::default();
        if table {
            p.instruments.ikm.sample_size.method = SampleSizeMethod::Table;
        }
        if interp {
            p.instruments.ikm.sample_size.table_rule = TableRule::Interpolate;
        }
        let a = sample_size(n, &p).unwrap().sample;
        let b = sample_size(n + 1, &p).unwrap().sample;
        prop_assert!(a <= n && a >= 1);
        prop_assert!(a <= b);
    }

    #[test]
    fn pkg_label_is_monotone(a in dec_2dp(0, 100), b in dec_2dp(0, 100)) {
        let p = Policy::default();
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let (x, y) = (pkg_conversion(lo, &p).unwrap(), pkg_conversion(hi, &p).unwrap());
        prop_assert!(x.label <= y.label && x.percent <= y.percent);
    }

    #[test]
    fn pkp_coverage_is_capped_and_group_monotone(pop in 1i64..10_000, pct in 1i64..=100, a1 in 0i64..20_000, a2 in 0i64..20_000) {
        let p = Policy::default();
        let run = |ach: i64| {
            let mut i = pkp_input();
            i.indicators[0].population = Decimal::from(pop);
            i.indicators[0].target_pct = Decimal::from(pct);
            i.indicators[0].achieved = Decimal::from(ach);
            puskesmas_assessment(&i, &p).unwrap()
        };
        let (x, y) = (run(a1.min(a2)), run(a1.max(a2)));
        prop_assert!(x.coverage <= dec!(100) && y.coverage <= dec!(100));
        prop_assert!(x.coverage <= y.coverage);
        prop_assert!(x.coverage_group <= y.coverage_group);
    }
}

#[test]
fn labels_parse_in_both_languages() {
    assert_eq!("Sangat Baik".parse::<IkmGrade>().unwrap(), IkmGrade::A);
    assert_eq!("A".parse::<IkmGrade>().unwrap(), IkmGrade::A);
    assert_eq!("Kelompok II".parse::<PkpGroup>().unwrap(), PkpGroup::Fair);
    assert_eq!("Amat Baik".parse::<PkgLabel>().unwrap(), PkgLabel::VeryGood);
    assert_eq!(PkpGroup::Good.label(Lang::En), "Group I (good)");
    assert_eq!("konselor".parse::<TeacherRole>().unwrap(), TeacherRole::Counsellor);
}
