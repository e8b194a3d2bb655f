//! `rating.require_indicators`: a plan without indicators is rated by the appraiser's ratings
//! alone by default (the law's reading), and refused with a located error naming the employee
//! and the field when the policy requires indicators.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kinerja_core::model::Plan;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::Ruleset;

fn plan(post: &str, head: bool, assessment: &str) -> Plan {
    serde_json::from_str(&format!(
        r#"{{"employee": {{"id": "E1", "name": "x", "unit": "u", "post_type": "{post}", "unit_head": {head}}},
            "year": 2024, "assessments": [{{"period": "2024", {assessment}}}]}}"#
    ))
    .unwrap()
}

fn strict() -> Ruleset {
    let mut r = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    r.policy.rating.require_indicators = true;
    r
}

#[test]
fn by_default_the_appraisers_ratings_alone_give_the_predicate() {
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let p = plan("executor", false, r#""work_result": "meets", "behaviour": {"overall": "meets"}"#);
    let ev = evaluate(&p, "2024".parse().unwrap(), &rules).unwrap();
    assert_eq!(ev.predicate.to_string(), "good");
    assert_eq!(ev.weighted_achievement, None);
    let jpt = plan("jpt", true, r#""org_predicate": "outstanding", "behaviour": {"overall": "above"}"#);
    assert_eq!(evaluate(&jpt, "2024".parse().unwrap(), &rules).unwrap().predicate.to_string(), "very_good");
}

#[test]
fn under_require_indicators_the_plan_is_refused_naming_employee_and_field() {
    for p in [
        plan("executor", false, r#""work_result": "meets", "behaviour": {"overall": "meets"}"#),
        plan("jpt", true, r#""org_predicate": "good", "behaviour": {"overall": "meets"}"#),
    ] {
        let e = evaluate(&p, "2024".parse().unwrap(), &strict()).unwrap_err();
        assert_eq!(e.field(), Some("indicators"));
        let m = e.to_string();
        assert!(
            m.contains("E1") && m.contains("2024") && m.contains("rating.require_indicators = true"),
            "{m}"
        );
    }
    // a missing rating keeps its own error
    let p = plan("executor", false, r#""behaviour": {"overall": "meets"}"#);
    let e = evaluate(&p, "2024".parse().unwrap(), &strict()).unwrap_err();
    assert_eq!(e.field(), Some("work_result"), "{e}");
}
