//! Dated policy values: the value in force on a date, never a guess inside a period.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kinerja_core::explain::Lang;
use kinerja_core::model::Plan;
use kinerja_core::period::Period;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{Date, DatedPolicy, Policy, Ruleset};
use proptest::prelude::*;
use rust_decimal_macros::dec;

const DATED: &str = r#"
id = "kota-contoh"
version = "2024.2"

[rating]
advisory_bands = [
  { from = "2024-01-01", value = [{ min = "110", rating = "above" }, { min = "90", rating = "meets" }, { min = "0", rating = "below" }] },
  { from = 2024-07-01, value = [{ min = "120", rating = "above" }, { min = "95", rating = "meets" }, { min = "0", rating = "below" }], source = "Perwali 12/2024" },
]
use_advice_when_missing = true

[follow_up.tpp]
region = "Kota Contoh"
year = 2024
regulation = "Perwali TPP 2024"
[follow_up.tpp.basis]
"5" = [{ from = "2024-01-01", value = "1500000" }, { from = "2025-01-01", value = "1650000" }]
"#;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn plan() -> Plan {
    // 92 %: meets under the first bands (≥ 90), below under the second (≥ 95)
    Plan::from_json(
        r#"{"employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}, "year": 2024,
            "results": [{"id": "r1", "description": "R", "indicators": [
              {"id": "i1", "name": "I1", "target": "100", "aggregation": "last"}]}],
            "realisations": [{"indicator": "i1", "period": "2024-S1", "actual": "92"},
                             {"indicator": "i1", "period": "2024-S2", "actual": "92"}],
            "assessments": [{"period": "2024-S1", "behaviour": {"overall": "meets"}},
                            {"period": "2024-S2", "behaviour": {"overall": "meets"}}]}"#,
    )
    .unwrap()
}

#[test]
fn the_value_in_force_on_a_date_is_chosen_and_named() {
    let dated = DatedPolicy::from_toml(DATED).unwrap();
    assert_eq!(dated.paths(), vec!["follow_up.tpp.basis.5", "rating.advisory_bands"]);
    assert_eq!(dated.change_dates(), vec![d(2024, 1, 1), d(2024, 7, 1), d(2025, 1, 1)]);
    let march = dated.at(d(2024, 3, 31)).unwrap();
    assert_eq!(march.id, "kota-contoh@2024-01-01");
    assert_eq!(march.rating.advisory_bands[1].min, dec!(90));
    let july = dated.at(d(2024, 7, 1)).unwrap();
    assert_eq!(july.id, "kota-contoh@2024-07-01");
    assert_eq!(july.rating.advisory_bands[1].min, dec!(95));
    let tpp = |pol: &Policy| pol.follow_up.tpp.as_ref().unwrap().basis["5"];
    assert_eq!(tpp(&july), dec!(1500000));
    let next = dated.at(d(2025, 2, 1)).unwrap();
    assert_eq!((tpp(&next), next.id.as_str()), (dec!(1650000), "kota-contoh@2025-01-01"));
}

#[test]
fn a_period_takes_its_values_or_refuses_a_change_inside_it() {
    let dated = DatedPolicy::from_toml(DATED).unwrap();
    assert_eq!(dated.for_period(&p("2024-S1")).unwrap().id, "kota-contoh@2024-01-01");
    assert_eq!(dated.for_period(&p("2024-Q3")).unwrap().id, "kota-contoh@2024-07-01");
    assert_eq!(dated.for_period(&p("2024-S2")).unwrap().id, "kota-contoh@2024-07-01");
    let e = dated.for_period(&p("2024")).unwrap_err();
    assert_eq!(e.field(), Some("rating.advisory_bands"));
    assert!(e.to_string().contains("changes on 2024-07-01, inside the period 2024"), "{e}");
    let e = dated.for_period(&p("2023-S2")).unwrap_err().to_string();
    assert!(e.contains("no value is in force on 2023-07-01"), "{e}");
}

#[test]
fn an_evaluation_uses_the_values_of_its_period_and_cites_them() {
    let dated = DatedPolicy::from_toml(DATED).unwrap();
    let base = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let mut advised = Vec::new();
    for s in ["2024-S1", "2024-S2"] {
        let rules = base.with_policy(dated.for_period(&p(s)).unwrap()).unwrap();
        let ev = evaluate(&plan(), p(s), &rules).unwrap();
        let at = if s == "2024-S1" { "kota-contoh@2024-01-01" } else { "kota-contoh@2024-07-01" };
        assert_eq!(ev.policy_id, at);
        let text = ev.explain(Lang::En);
        assert!(text.contains(&format!("local policy {at}")), "{text}");
        advised.push(ev.advised_rating.map(|r| r.to_string()));
    }
    assert_eq!(advised, vec![Some("meets".to_string()), Some("below".to_string())]);
}

#[test]
fn rulesets_and_plain_documents() {
    let policy =
        DATED.replace("[rating]", "[policy.rating]").replace("[follow_up.tpp", "[policy.follow_up.tpp");
    let ruleset = format!("regime = \"permenpanrb-6-2022\"\n[policy]\n{policy}");
    let dated = DatedPolicy::from_toml(&ruleset).unwrap();
    let r = dated.ruleset_at(d(2024, 8, 1)).unwrap();
    assert_eq!(r.policy.id, "kota-contoh@2024-07-01");
    // a document without dated values is the plain policy, its id unchanged
    let plain = "id = \"kota-contoh\"\n[rating]\nuse_advice_when_missing = false\n";
    let dp = DatedPolicy::from_toml(plain).unwrap();
    assert!(!dp.is_dated());
    assert_eq!(dp.at(d(2020, 1, 1)).unwrap(), Policy::from_toml(plain).unwrap());
}

#[test]
fn a_dated_document_read_as_a_plain_policy_says_how_to_choose_the_date() {
    for e in [Policy::from_toml(DATED).unwrap_err(), Ruleset::from_json("{\"regime\": \"permenpanrb-6-2022\", \"policy\": {\"rating\": {\"weights_must_sum_to\": [{\"from\": \"2024-01-01\", \"value\": \"100\"}]}}}").unwrap_err()] {
        let s = e.to_string();
        assert!(s.contains("dated values") && s.contains("for_period"), "{s}");
    }
}

#[test]
fn malformed_dated_lists_are_located() {
    let cases = [
        (
            r#"{"rating": {"weights_must_sum_to": [{"from": "2024-07-01", "value": "100"}, {"from": "2024-01-01", "value": null}]}}"#,
            "rating.weights_must_sum_to[1].from",
            "does not come after",
        ),
        (
            r#"{"rating": {"weights_must_sum_to": [{"from": "2024-02-30", "value": "100"}]}}"#,
            "rating.weights_must_sum_to[0].from",
            "not a calendar date",
        ),
        (
            r#"{"rating": {"weights_must_sum_to": [{"from": "1 Juli 2024", "value": "100"}]}}"#,
            "rating.weights_must_sum_to[0].from",
            "YYYY-MM-DD",
        ),
        (
            r#"{"rating": {"weights_must_sum_to": [{"from": 20240701, "value": "100"}]}}"#,
            "rating.weights_must_sum_to[0].from",
            "YYYY-MM-DD",
        ),
        (
            r#"{"rating": {"weights_must_sum_to": [{"from": "2024-01-01", "value": [{"from": "2024-01-01", "value": "1"}]}]}}"#,
            "rating.weights_must_sum_to[0].value",
            "itself",
        ),
    ];
    for (doc, path, reason) in cases {
        let e = DatedPolicy::from_json(doc).unwrap_err();
        assert_eq!(e.field(), Some(path), "{e}");
        assert!(e.to_string().contains(reason), "{e}");
    }
    // a value that does not fit its field is located after choosing the date
    let doc = r#"{"rating": {"weights_must_sum_to": [{"from": "2024-01-01", "value": "hundred"}]}}"#;
    let e = DatedPolicy::from_json(doc).unwrap().at(d(2024, 1, 1)).unwrap_err();
    assert!(e.to_string().contains("rating.weights_must_sum_to"), "{e}");
}

proptest! {
    /// For any change date and any period: the period's policy is the one of its first day
    /// when no change falls after that day inside it, and an error otherwise.
    #[test]
    fn for_period_is_at_its_first_day_or_refuses(month in 1u8..=12, day in 1u8..=28, period in 0usize..19) {
        let doc = format!(r#"{{"rating": {{"weights_must_sum_to": [{{"from": "2024-01-01", "value": null}}, {{"from": "2024-{month:02}-{day:02}", "value": "100"}}]}}}}"#);
        let dated = DatedPolicy::from_json(&doc);
        let periods: Vec<String> = std::iter::once("2024".to_string())
            .chain((1..=2).map(|s| format!("2024-S{s}")))
            .chain((1..=4).map(|q| format!("2024-Q{q}")))
            .chain((1..=12).map(|m| format!("2024-{m:02}")))
            .collect();
        let per = p(&periods[period]);
        if (month, day) == (1, 1) {
            prop_assert!(dated.is_err());
            return Ok(());
        }
        let dated = dated.unwrap();
        let change = d(2024, month, day);
        let first = d(2024, per.first_month(), 1);
        let inside = change > first && change.month() <= per.last_month();
        match dated.for_period(&per) {
            Ok(pol) => {
                prop_assert!(!inside);
                prop_assert_eq!(pol, dated.at(first).unwrap());
            }
            Err(_) => prop_assert!(inside),
        }
    }
}
