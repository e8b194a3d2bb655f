//! Tests for the lines that made follow-up and instrument explanations wholly one language
//! (cargo-mutants on `f832a9c..f5c40c5`): each checks what a reader sees, so an explanation
//! part emptied or worded wrong fails here, not only a stop-list of the other language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use kinerja_core::document::{display_html, evaluation_html, explanation_html};
use kinerja_core::explain::{Authority, Labelled, Lang, input_in};
use kinerja_core::followup::{
    Potential, TppInput, TppPolicy, TrainingInput, talent_placement, tpp, training_needs,
};
use kinerja_core::instruments::SampleSizeMethod;
use kinerja_core::model::{Plan, Predicate};
use kinerja_core::num::{Rounding, RoundingMode};
use kinerja_core::rules::{Policy, Ruleset};
use kinerja_core::{Error, evaluate};

/// A training reason built in the core writes its numbers in the reader's language: the
/// achievement and the threshold with a decimal comma in Bahasa Indonesia.
#[test]
fn training_reason_writes_its_numbers_in_each_language() {
    let input: TrainingInput = serde_json::from_value(serde_json::json!({
        "employee": "e", "unit": "u",
        "indicators": [{"indicator": "a", "achievement": "62.5"}]
    }))
    .unwrap();
    let mut policy = Policy::default();
    policy.follow_up.training.low_achievement_below = "80.5".parse().unwrap();
    let needs = training_needs(&input, &policy).unwrap();
    let reasons: Vec<_> = needs.needs.iter().flat_map(|n| &n.reasons).collect();
    assert_eq!(reasons.len(), 1, "{reasons:?}");
    assert_eq!(reasons[0].id, "capaian indikator a 62,5% < 80,5%");
    assert_eq!(reasons[0].en, "indicator a achievement 62.5% < 80.5%");
    // the trace shows the same reason as its formula
    assert!(needs.trace.to_text(Lang::Id).contains("62,5% < 80,5%"));
}

/// Only a whole `describe()` text is a rounding: a scale with a sign is not one (though a
/// number parser would read `+4`), so `input_in` leaves such a value as recorded.
#[test]
fn rounding_description_needs_digits_only() {
    let r = Rounding { scale: 4, mode: RoundingMode::HalfUp };
    assert_eq!(Rounding::from_description("half_up to 4 places"), Some(r));
    assert_eq!(
        Rounding::from_description("truncate to 0 places").map(|r| r.mode),
        Some(RoundingMode::Truncate)
    );
    for not_one in
        ["half_up to +4 places", "half_up to  places", "half_up to 4x places", "half_up to -4 places"]
    {
        assert_eq!(Rounding::from_description(not_one), None, "{not_one}");
        assert_eq!(input_in(not_one, Lang::Id), not_one);
    }
    assert_eq!(input_in("half_up to 4 places", Lang::Id), "half_up ke 4 desimal");
    assert_eq!(r.describe_in(Lang::Id), "half_up ke 4 desimal");
    assert_eq!(r.describe_in(Lang::En), "half_up to 4 places");
}

/// The evaluation of the shared base plan (two indicators at 90 %, both ratings `meets`).
fn evaluation() -> kinerja_core::Evaluation {
    let plan: Plan = serde_json::from_value(support::base_plan()).unwrap();
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    evaluate(&plan, "2024".parse().unwrap(), &rules).unwrap()
}

/// The notebook display of an evaluation: the display wrapper around who and when, the
/// indicators and ratings, and the explanation folded as `explanation_html` writes it, wholly in
/// the reader's language.
#[test]
fn evaluation_html_folds_the_explanation_in_each_language() {
    let ev = evaluation();
    let wrapper = display_html("");
    let (open, close) = wrapper.split_at(wrapper.len() - "</div>".len());
    for (lang, summary, rating) in [
        (Lang::Id, "<details><summary>Penjelasan</summary>", "Sesuai ekspektasi"),
        (Lang::En, "<details><summary>Explanation</summary>", "Meets expectation"),
    ] {
        let html = evaluation_html(&ev, lang);
        assert!(html.starts_with(open), "{html}");
        assert!(html.ends_with(&format!("</details></div>{close}")), "{html}");
        assert!(html.contains("<div class=\"kinerja-evaluation\"><p><b>Uji</b> (198501012010011001) — 2024"));
        let folded = explanation_html(&[&ev.trace], lang);
        assert!(folded.starts_with(summary), "{folded}");
        assert!(html.contains(&folded), "the explanation is folded whole");
        assert!(html.contains(rating), "{rating} missing in {html}");
        assert!(html.contains("<table class=\"kj-fields\">"), "the ratings as a field table");
    }
}

/// The talent pool is cited as the nine-box law while the policy keeps its boxes 7, 8 and 9,
/// and as the policy field once the policy chooses other boxes.
#[test]
fn talent_pool_cites_the_law_only_for_the_law_s_boxes() {
    let pool_citation = |policy: &Policy| {
        let t = talent_placement("e", Predicate::VeryGood, Potential::High, policy).unwrap();
        t.trace.steps.iter().find(|s| s.subject == "pool").expect("a pool step").citation.clone()
    };
    let law = pool_citation(&Policy::default());
    assert_eq!(law.authority, Authority::Law);
    assert_eq!(law.reference, "PermenPANRB 3/2020");
    let mut own = Policy::default();
    own.follow_up.talent.pool_boxes = vec![8, 9];
    let own = own.with_provenance();
    let cited = pool_citation(&own);
    assert_eq!(cited.authority, Authority::LocalPolicy, "{cited:?}");
    assert!(cited.reference.ends_with("follow_up.talent.pool_boxes"), "{cited:?}");
}

/// A TPP deduction's formula names its band or event deduction by its full policy path, as a
/// citation names a policy field, in both languages.
#[test]
fn tpp_deduction_rules_are_named_by_their_policy_path() {
    let g = support::golden("followup_tpp.json");
    let case = g["cases"].as_array().unwrap().iter().find(|c| c["id"] == "TV-36").expect("case TV-36");
    let mut policy = Policy::default();
    policy.follow_up.tpp =
        Some(serde_json::from_value::<TppPolicy>(case["input"]["policy"].clone()).unwrap());
    let policy = policy.with_provenance();
    let input: TppInput = serde_json::from_value(case["input"]["employee"].clone()).unwrap();
    let trace = tpp(&input, &policy).unwrap().trace;
    let formula = |subject: &str, lang: Lang| {
        trace.steps.iter().find(|s| s.subject == subject).expect(subject).formula.get(lang).to_string()
    };
    assert_eq!(
        formula("attendance[0]", Lang::Id),
        "2 × 1% (follow_up.tpp.deduction_bands[1] [31, 61) menit)"
    );
    assert_eq!(
        formula("attendance[0]", Lang::En),
        "2 × 1% (follow_up.tpp.deduction_bands[1] [31, 61) minutes)"
    );
    assert_eq!(
        formula("attendance[2]", Lang::Id),
        "1 × 2% (follow_up.tpp.event_deductions.missed_roll_call)"
    );
    assert_eq!(
        formula("attendance[2]", Lang::En),
        "1 × 2% (follow_up.tpp.event_deductions.missed_roll_call)"
    );
}

/// The sample-size method is a labelled vocabulary of its own kind: a word that is not one is
/// refused under that name.
#[test]
fn sample_size_method_refusal_names_its_kind() {
    assert_eq!(SampleSizeMethod::kind(), "sample_size_method");
    assert_eq!(SampleSizeMethod::parse_label("rumus").unwrap(), SampleSizeMethod::Formula);
    match SampleSizeMethod::parse_label("guess") {
        Err(Error::Input { field, reason, .. }) => {
            assert_eq!(field, "sample_size_method");
            assert!(reason.contains("`guess` is not accepted"), "{reason}");
        }
        other => panic!("{other:?}"),
    }
}
