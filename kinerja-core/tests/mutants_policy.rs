//! Tests for `kinerja-core/src/rules/policy.rs` (cargo-mutants on the whole file) written for
//! the mutants that survived the policy tests: consecutive advisory bands may advise the same
//! rating, and a lower band advising a better one is refused naming its `rating`;
//! `rating.behaviour_advice.min_above` takes 1 to 7 (the seven BerAKHLAK core values) and
//! refuses 0 and 8; a policy text of exactly `MAX_POLICY_BYTES` is read and one byte more is
//! refused. Each asserts the exact result, path and reason, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::explain::Lang;
use kinerja_core::model::{Plan, Rating};
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{AdvisoryBand, BehaviourAdvice, MAX_POLICY_BYTES, Policy, Ruleset};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

/// The path and reason of a policy error.
fn policy_error(e: &Error) -> (String, String) {
    match e {
        Error::Policy { path, reason } => (path.clone(), reason.clone()),
        other => panic!("not a policy error: {other}"),
    }
}

/// A band advising `rating` from `min` percent.
fn band(min: Decimal, rating: Rating) -> AdvisoryBand {
    AdvisoryBand { min, rating }
}

/// Bands ≥ 110 `above`, ≥ 90 `second`, ≥ 50 `third`.
fn bands(second: Rating, third: Rating) -> Vec<AdvisoryBand> {
    vec![band(dec!(110), Rating::Above), band(dec!(90), second), band(dec!(50), third)]
}

/// Consecutive bands may advise the same rating (a range marked without a better rating):
/// taken by `validate` and by the TOML reader, and the advice follows them — 95 and 60 are both
/// `meets`, 49.99 (below the last band) `below`; two `above` bands first and two `below` bands
/// last are taken too.
#[test]
fn consecutive_bands_may_advise_the_same_rating() {
    let mut p = Policy::default();
    p.rating.advisory_bands = bands(Rating::Meets, Rating::Meets);
    assert_eq!(p.validate(), Ok(()));
    assert_eq!(p.rating.advise(dec!(110)), Some(Rating::Above));
    assert_eq!(p.rating.advise(dec!(95)), Some(Rating::Meets));
    assert_eq!(p.rating.advise(dec!(60)), Some(Rating::Meets));
    assert_eq!(p.rating.advise(dec!(49.99)), Some(Rating::Below));

    let text = "[rating]\nadvisory_bands = [\n  {min = \"110\", rating = \"above\"},\n  \
                {min = \"90\", rating = \"meets\"},\n  {min = \"50\", rating = \"meets\"},\n]\n";
    let read = Policy::from_toml(text).unwrap();
    assert_eq!(read.rating.advisory_bands, bands(Rating::Meets, Rating::Meets));
    assert_eq!(read.id, "national-default+rating.advisory_bands");

    p.rating.advisory_bands = vec![
        band(dec!(120), Rating::Above),
        band(dec!(110), Rating::Above),
        band(dec!(90), Rating::Meets),
        band(dec!(50), Rating::Below),
        band(dec!(0), Rating::Below),
    ];
    assert_eq!(p.validate(), Ok(()));
    assert_eq!(p.rating.advise(dec!(115)), Some(Rating::Above));
    assert_eq!(p.rating.advise(dec!(90)), Some(Rating::Meets));
    assert_eq!(p.rating.advise(dec!(10)), Some(Rating::Below));
}

/// A lower band may not advise a better rating than the band above it, by one step (`above`
/// after `meets`, `meets` after `below`) or by two (`above` after `below`): refused naming the
/// lower band's `rating`, in both languages.
#[test]
fn a_lower_band_advising_a_better_rating_is_refused() {
    let mut p = Policy::default();
    for (second, third) in
        [(Rating::Meets, Rating::Above), (Rating::Below, Rating::Meets), (Rating::Below, Rating::Above)]
    {
        p.rating.advisory_bands = bands(second, third);
        let e = p.validate().unwrap_err();
        assert_eq!(
            policy_error(&e),
            (
                "rating.advisory_bands[2].rating".to_string(),
                "a lower band may not advise a better rating".to_string()
            ),
            "{second} then {third}"
        );
        assert_eq!(
            e.message(Lang::En),
            "policy rating.advisory_bands[2].rating: a lower band may not advise a better rating"
        );
        assert_eq!(
            e.message(Lang::Id),
            "kebijakan `rating.advisory_bands[2].rating`: rentang nilai yang lebih rendah tidak boleh \
             menyarankan rating yang lebih baik"
        );
    }
    // The same through the reader, on the second band.
    let e = Policy::from_json(
        r#"{"rating": {"advisory_bands": [{"min": "110", "rating": "meets"}, {"min": "90", "rating": "above"}]}}"#,
    )
    .unwrap_err();
    assert_eq!(
        policy_error(&e),
        (
            "rating.advisory_bands[1].rating".to_string(),
            "a lower band may not advise a better rating".to_string()
        )
    );
}

/// A plan of one indicator realised at its target whose appraiser gave the work result and the
/// seven core values, `above` ones `above` and the rest `meets`, but no overall behaviour.
fn plan_with_values(above: usize) -> Plan {
    let names =
        ["service_oriented", "accountable", "competent", "harmonious", "loyal", "adaptive", "collaborative"];
    let values: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(i, k)| format!(r#""{k}": "{}""#, if i < above { "above" } else { "meets" }))
        .collect();
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}},
            "year": 2024, "results": [{{"id": "r1", "description": "R", "indicators": [
              {{"id": "i1", "name": "I", "target": "10"}}]}}],
            "realisations": [{{"indicator": "i1", "period": "2024", "actual": "10"}}],
            "assessments": [{{"period": "2024", "work_result": "meets",
                              "behaviour": {{"values": {{{}}}}}}}]}}"#,
        values.join(", ")
    ))
    .unwrap()
}

/// `rating.behaviour_advice.min_above` counts core values above expectation, of seven: 1 and 7
/// are taken (7: all seven values above advise `above`, six advise `meets`), 0 and 8 are
/// refused naming the field, with the value and the range in both languages.
#[test]
fn behaviour_advice_takes_one_to_seven_values_above() {
    for n in [1u8, 4, 7] {
        let p = Policy::from_toml(&format!("[rating]\nbehaviour_advice = {{min_above = {n}}}")).unwrap();
        assert_eq!(p.rating.behaviour_advice, Some(BehaviourAdvice { min_above: n }));
        assert_eq!(p.id, "national-default+rating.behaviour_advice");
    }
    let mut p = Policy::default();
    p.rating.behaviour_advice = Some(BehaviourAdvice { min_above: 7 });
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(p).unwrap();
    let year = "2024".parse().unwrap();
    assert_eq!(evaluate(&plan_with_values(7), year, &rules).unwrap().behaviour, Some(Rating::Above));
    assert_eq!(evaluate(&plan_with_values(6), year, &rules).unwrap().behaviour, Some(Rating::Meets));

    for n in [0u8, 8] {
        let mut p = Policy::default();
        p.rating.behaviour_advice = Some(BehaviourAdvice { min_above: n });
        let e = p.validate().unwrap_err();
        assert_eq!(
            policy_error(&e),
            ("rating.behaviour_advice.min_above".to_string(), format!("{n} must be between 1 and 7"))
        );
        assert_eq!(
            e.message(Lang::En),
            format!("policy rating.behaviour_advice.min_above: {n} must be between 1 and 7")
        );
        assert_eq!(
            e.message(Lang::Id),
            format!("kebijakan `rating.behaviour_advice.min_above`: {n} harus antara 1 dan 7")
        );
        let read =
            Policy::from_toml(&format!("[rating]\nbehaviour_advice = {{min_above = {n}}}")).unwrap_err();
        assert_eq!(read, e);
    }
}

/// A policy text is read up to `MAX_POLICY_BYTES` (1 MiB) inclusive: exactly the limit is read,
/// as TOML and as JSON; one byte more is refused before parsing, naming `<file>` and both
/// sizes, in both languages.
#[test]
fn a_policy_of_exactly_the_limit_is_read_and_one_byte_more_is_not() {
    assert_eq!(MAX_POLICY_BYTES, 1_048_576);
    let head = "[rating]\ninclude_additional = true\n";
    let toml = format!("{head}{}", " ".repeat(MAX_POLICY_BYTES - head.len()));
    let open = r#"{"rating": {"include_additional": true}}"#;
    let json = format!("{open}{}", "\n".repeat(MAX_POLICY_BYTES - open.len()));
    assert_eq!((toml.len(), json.len()), (MAX_POLICY_BYTES, MAX_POLICY_BYTES));
    for p in [Policy::from_toml(&toml).unwrap(), Policy::from_json(&json).unwrap()] {
        assert!(p.rating.include_additional);
        assert_eq!(p.id, "national-default+rating.include_additional");
    }

    for e in [
        Policy::from_toml(&format!("{toml} ")).unwrap_err(),
        Policy::from_json(&format!("{json}\n")).unwrap_err(),
    ] {
        assert_eq!(
            policy_error(&e),
            ("<file>".to_string(), "1048577 bytes is larger than the limit of 1048576".to_string())
        );
        assert_eq!(e.message(Lang::En), "policy <file>: 1048577 bytes is larger than the limit of 1048576");
        assert_eq!(e.message(Lang::Id), "kebijakan `<file>`: 1048577 bita melebihi batas 1048576");
    }
}
