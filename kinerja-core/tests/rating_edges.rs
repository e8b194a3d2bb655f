//! PermenPANRB 6/2022 ratings at their edges: which JPT posts follow the organisation, the
//! behaviour advice's need for all seven BerAKHLAK values, the appraiser's own predicate, and
//! the annual roll-up (which assessments it reads, when a year counts as complete, and the rule
//! its trace names). Every expected value is worked by hand from the plan in the test.
#![allow(clippy::unwrap_used, clippy::result_large_err)]

use kinerja_core::evaluation::{Evaluation, RatingSource};
use kinerja_core::model::{Plan, Predicate, Rating};
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{AnnualRollup, BehaviourAdvice, JptScope, Policy, Ruleset};

fn rules(policy: Policy) -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap()
}

/// One indicator realised at its target; `post_type`, `unit_head` and the assessments given.
fn plan(post_type: &str, unit_head: bool, assessments: &[&str]) -> Plan {
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "e1", "name": "A", "unit": "u1", "post_type": "{post_type}", "unit_head": {unit_head}}},
            "year": 2024, "results": [{{"id": "r1", "description": "R", "indicators": [
              {{"id": "i1", "name": "Waktu tunggu", "target": 30, "aggregation": "mean"}}]}}],
            "realisations": [{{"indicator": "i1", "period": "2024-Q1", "actual": 30}},
                             {{"indicator": "i1", "period": "2024-Q2", "actual": 30}},
                             {{"indicator": "i1", "period": "2024-Q3", "actual": 30}},
                             {{"indicator": "i1", "period": "2024-Q4", "actual": 30}}],
            "assessments": [{}]}}"#,
        assessments.join(", ")
    ))
    .unwrap()
}

fn eval(plan: &Plan, period: &str, policy: Policy) -> Evaluation {
    evaluate(plan, period.parse().unwrap(), &rules(policy)).unwrap()
}

fn notes_en(ev: &Evaluation) -> Vec<String> {
    ev.notes.iter().map(|n| n.en.clone()).collect()
}

const ORG_OUTSTANDING_APPRAISER_BELOW: &str = r#"{"period": "2024", "work_result": "below",
    "org_predicate": "outstanding", "behaviour": {"overall": "meets"}}"#;

/// Under `jpt_scope = all_jpt` every JPT's work result follows the organisational predicate
/// (Istimewa → above expectation), unit head or not; any other post keeps the appraiser's.
#[test]
fn all_jpt_scope_covers_every_jpt_and_no_other_post() {
    let mut pol = Policy::default();
    pol.rating.jpt_scope = JptScope::AllJpt;
    let ev = eval(&plan("jpt", false, &[ORG_OUTSTANDING_APPRAISER_BELOW]), "2024", pol.clone());
    assert_eq!(ev.work_result, Some(Rating::Above));
    assert_eq!(ev.work_result_source, Some(RatingSource::OrgPredicate));
    assert!(ev.disagreement);
    let ev = eval(&plan("executor", false, &[ORG_OUTSTANDING_APPRAISER_BELOW]), "2024", pol);
    assert_eq!(ev.work_result, Some(Rating::Below));
    assert_eq!(ev.work_result_source, Some(RatingSource::Appraiser));
    assert!(!ev.disagreement);
    // The default scope (JPT unit heads) leaves a JPT who heads no unit to the appraiser.
    let ev = eval(&plan("jpt", false, &[ORG_OUTSTANDING_APPRAISER_BELOW]), "2024", Policy::default());
    assert_eq!(ev.work_result, Some(Rating::Below));
}

fn values(n: usize, rating: &str) -> String {
    let names =
        ["service_oriented", "accountable", "competent", "harmonious", "loyal", "adaptive", "collaborative"];
    let v: Vec<String> = names.iter().take(n).map(|k| format!(r#""{k}": "{rating}""#)).collect();
    format!(
        r#"{{"period": "2024", "work_result": "meets", "behaviour": {{"values": {{{}}}}}}}"#,
        v.join(", ")
    )
}

/// Behaviour advice (no overall rating given) needs all seven core values: six are refused
/// naming `behaviour.values`, seven are advised (four above, `min_above = 4` → above).
#[test]
fn behaviour_advice_needs_all_seven_values() {
    let mut pol = Policy::default();
    pol.rating.behaviour_advice = Some(BehaviourAdvice { min_above: 4 });
    for n in 0..7 {
        let e = evaluate(
            &plan("executor", false, &[&values(n, "above")]),
            "2024".parse().unwrap(),
            &rules(pol.clone()),
        )
        .unwrap_err();
        assert_eq!(e.field(), Some("behaviour.values"), "{n} values: {e}");
        assert!(e.to_string().contains(&format!("{n} given")), "{e}");
    }
    let ev = eval(&plan("executor", false, &[&values(7, "above")]), "2024", pol.clone());
    assert_eq!(ev.behaviour, Some(Rating::Above));
    assert_eq!(ev.predicate, Predicate::Good); // meets × above
    let ev = eval(&plan("executor", false, &[&values(7, "meets")]), "2024", pol);
    assert_eq!(ev.behaviour, Some(Rating::Meets));
}

/// A predicate the appraiser sets (after calibration) replaces the matrix's, with a note; the
/// same predicate as the matrix's gives no note.
#[test]
fn the_appraisers_predicate_replaces_the_matrix_only_when_it_differs() {
    let given = |p: &str| {
        format!(
            r#"{{"period": "2024", "work_result": "above", "behaviour": {{"overall": "above"}}, "predicate": "{p}"}}"#
        )
    };
    // above × above → Sangat Baik; the appraiser set Baik.
    let ev = eval(&plan("executor", false, &[&given("good")]), "2024", Policy::default());
    assert_eq!(ev.predicate, Predicate::Good);
    assert!(
        notes_en(&ev).iter().any(|n| n.contains("differs from the matrix (Very good)")),
        "{:?}",
        ev.notes
    );
    let ev = eval(&plan("executor", false, &[&given("very_good")]), "2024", Policy::default());
    assert_eq!(ev.predicate, Predicate::VeryGood);
    assert!(notes_en(&ev).iter().all(|n| !n.contains("differs from the matrix")), "{:?}", ev.notes);
}

const Q: [&str; 4] = [
    r#"{"period": "2024-Q1", "work_result": "below", "behaviour": {"overall": "below"}}"#,
    r#"{"period": "2024-Q2", "work_result": "meets", "behaviour": {"overall": "meets"}}"#,
    r#"{"period": "2024-Q3", "work_result": "meets", "behaviour": {"overall": "meets"}}"#,
    r#"{"period": "2024-Q4", "work_result": "above", "behaviour": {"overall": "above"}}"#,
];

fn rollup_policy(rule: AnnualRollup) -> Policy {
    let mut pol = Policy::default();
    pol.rating.annual_rollup = rule;
    pol
}

/// Four quarters cover the year: no "incomplete year" note. Three quarters: noted (9 of 12).
#[test]
fn a_year_of_four_quarters_is_complete() {
    let ev = eval(&plan("executor", false, &Q), "2024", rollup_policy(AnnualRollup::LastPeriod));
    assert_eq!(ev.predicate, Predicate::VeryGood); // Q4: above × above
    assert_eq!(ev.work_result_source, Some(RatingSource::Rollup));
    assert!(notes_en(&ev).iter().all(|n| !n.contains("of 12 months")), "{:?}", ev.notes);
    let ev = eval(&plan("executor", false, &Q[..3]), "2024", rollup_policy(AnnualRollup::LastPeriod));
    assert_eq!(ev.predicate, Predicate::Good); // Q3: meets × meets
    assert!(notes_en(&ev).iter().any(|n| n.contains("only 9 of 12 months")), "{:?}", ev.notes);
}

/// An annual assessment that carries only the behaviour rating is not an annual appraisal: the
/// roll-up runs over the periodic assessments alone — the annual one neither counts as covering
/// the year nor is taken as a period.
#[test]
fn the_rollup_reads_only_the_periods_inside_the_year() {
    let annual = r#"{"period": "2024", "behaviour": {"overall": "above"}}"#;
    let ev = eval(
        &plan("executor", false, &[Q[0], Q[1], annual]),
        "2024",
        rollup_policy(AnnualRollup::LastPeriod),
    );
    assert_eq!(ev.predicate, Predicate::Good); // Q2: meets × meets
    assert!(notes_en(&ev).iter().any(|n| n.contains("only 6 of 12 months")), "{:?}", ev.notes);
}

/// `worst_period` takes the worst periodic predicate (Q1: below × below → Sangat Kurang) and
/// its trace names that rule and the policy field; `last_period` takes Q4's.
#[test]
fn worst_period_rollup_takes_and_names_the_worst_predicate() {
    let ev = eval(&plan("executor", false, &Q), "2024", rollup_policy(AnnualRollup::WorstPeriod));
    assert_eq!(ev.predicate, Predicate::VeryPoor);
    assert_eq!(ev.work_result, Some(Rating::Below));
    let step = ev.trace.steps.iter().rev().find(|s| s.subject == "predicate").unwrap();
    assert_eq!(step.formula.en, "worst periodic predicate");
    assert!(
        step.citation.reference.contains("rating.annual_rollup = worst_period"),
        "{}",
        step.citation.reference
    );
    assert!(step.inputs.iter().any(|(k, v)| k == "chosen" && v == "2024-Q1"), "{:?}", step.inputs);
    let ev = eval(&plan("executor", false, &Q), "2024", rollup_policy(AnnualRollup::LastPeriod));
    let step = ev.trace.steps.iter().rev().find(|s| s.subject == "predicate").unwrap();
    assert_eq!(step.formula.en, "last period's predicate");
    assert!(
        step.citation.reference.contains("rating.annual_rollup = last_period"),
        "{}",
        step.citation.reference
    );
}
