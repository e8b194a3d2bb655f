//! PP 46/2011 (Perka BKN 1/2013) at its edges: the efficiency score's floor at exactly 0, the
//! behaviour value's range 0–100 on both sides, the kepemimpinan rule, activities left out
//! (no realisation, a zero quantity or time target) and a negative realisation. Expected values
//! are worked by hand from the Perka BKN 1/2013 formulas.
#![allow(clippy::unwrap_used, clippy::result_large_err)]

use kinerja_core::model::Plan;
use kinerja_core::prelude::*;
use kinerja_core::regime::pp46_2011::{LeadershipRule, efficiency_score};
use kinerja_core::rules::MissingRealisation;
use serde_json::{Value, json};

fn activity(id: &str) -> Value {
    json!({"id": id, "description": "Kegiatan", "indicators": [
        {"id": format!("{id}-o"), "name": "o", "aspect": "quantity", "target": "10"},
        {"id": format!("{id}-k"), "name": "k", "aspect": "quality", "target": "100", "aggregation": "last"},
        {"id": format!("{id}-w"), "name": "w", "aspect": "time", "target": "12", "aggregation": "last"}]})
}

/// Two activities realised at their targets (quantity 100, quality 100, time: efficiency 0 %
/// ≤ 24 %, (1.76 × 12 − 12) / 12 × 100 = 76; each activity (100 + 100 + 76) / 3 = 92), an
/// executor, a behaviour value of 80.
fn base() -> Value {
    let mut reals = Vec::new();
    for id in ["k1", "k2"] {
        reals.push(json!({"indicator": format!("{id}-o"), "period": "2019", "actual": "10"}));
        reals.push(json!({"indicator": format!("{id}-k"), "period": "2019", "actual": "100"}));
        reals.push(json!({"indicator": format!("{id}-w"), "period": "2019", "actual": "12"}));
    }
    json!({
        "employee": {"id": "P46", "name": "Pegawai", "unit": "dinkes", "post_type": "executor"},
        "year": 2019,
        "results": [activity("k1"), activity("k2")],
        "realisations": reals,
        "assessments": [{"period": "2019", "behaviour_score": "80"}]
    })
}

fn run(v: Value, policy: Policy) -> Result<Evaluation, Error> {
    let plan = Plan::from_json(&v.to_string())?;
    let rules = Ruleset::builtin("pp-46-2011").unwrap().with_policy(policy).unwrap();
    evaluate(&plan, "2019".parse().unwrap(), &rules)
}

fn notes(ev: &Evaluation) -> Vec<String> {
    ev.notes.iter().map(|n| n.en.clone()).collect()
}

#[test]
fn efficiency_floor_only_below_zero() {
    let at = Location::default();
    // efficiency 100 − 176 = −76 % ≤ 24 %: (1.76 × 100 − 176) / 100 × 100 = 0 exactly, not floored
    let e = efficiency_score(dec!(100), dec!(176), true, &at).unwrap();
    assert_eq!((e.value, e.floored), (dec!(0), false));
    // R = 200: (176 − 200) / 100 × 100 = −24 → floored to 0
    let e = efficiency_score(dec!(100), dec!(200), true, &at).unwrap();
    assert_eq!((e.value, e.floored), (dec!(0), true));
    // R = 0: efficiency 100 % > 24 %: 76 − (176 − 100) = 0 exactly, not floored
    let e = efficiency_score(dec!(100), dec!(0), true, &at).unwrap();
    assert_eq!((e.value, e.floored), (dec!(0), false));
}

#[test]
fn behaviour_value_is_inside_0_to_100_on_both_sides() {
    let with = |v: &str| {
        let mut p = base();
        p["assessments"][0]["behaviour_score"] = v.into();
        run(p, Policy::default())
    };
    for bad in ["-5", "-0.01", "100.01", "150"] {
        let e = with(bad).unwrap_err();
        assert_eq!(e.field(), Some("behaviour_score"), "{bad}: {e}");
        assert!(e.to_string().contains("is outside 0–100"), "{e}");
    }
    for good in ["0", "100"] {
        assert!(with(good).is_ok(), "{good}");
    }
}

fn aspects(with_leadership: bool, drop: Option<&str>) -> Value {
    let mut a = json!({"orientasi_pelayanan": "80", "integritas": "85", "komitmen": "90",
                       "disiplin": "75", "kerja_sama": "80"});
    if with_leadership {
        a["kepemimpinan"] = "70".into();
    }
    if let Some(k) = drop {
        a.as_object_mut().unwrap().remove(k);
    }
    a
}

fn with_aspects(post: &str, a: Value, policy: Policy) -> Result<Evaluation, Error> {
    let mut p = base();
    p["employee"]["post_type"] = post.into();
    p["assessments"][0] = json!({"period": "2019", "behaviour_aspects": a});
    run(p, policy)
}

fn behaviour_step(ev: &Evaluation) -> String {
    let s = ev.trace.steps.iter().find(|s| s.subject == "perilaku").unwrap();
    s.value.en.clone()
}

/// `leadership = optional`: kepemimpinan is counted when given, for any post, and not needed.
#[test]
fn optional_leadership_is_counted_when_given() {
    let mut pol = Policy::default();
    pol.pp46.leadership = LeadershipRule::Optional;
    // (80 + 85 + 90 + 75 + 80) / 5 = 82
    let ev = with_aspects("executor", aspects(false, None), pol.clone()).unwrap();
    assert!(behaviour_step(&ev).starts_with("82"), "{}", behaviour_step(&ev));
    // (410 + 70) / 6 = 80
    let ev = with_aspects("executor", aspects(true, None), pol).unwrap();
    assert!(behaviour_step(&ev).starts_with("80"), "{}", behaviour_step(&ev));
}

/// A missing aspect names itself and says why: kepemimpinan for a structural post, any other
/// for every post.
#[test]
fn a_missing_aspect_says_why_it_is_needed() {
    let e = with_aspects("supervisor", aspects(false, None), Policy::default()).unwrap_err();
    assert_eq!(e.field(), Some("behaviour_aspects.kepemimpinan"));
    assert!(e.to_string().ends_with("kepemimpinan is required for a structural post"), "{e}");
    let e = with_aspects("executor", aspects(false, Some("integritas")), Policy::default()).unwrap_err();
    assert_eq!(e.field(), Some("behaviour_aspects.integritas"));
    assert!(e.to_string().ends_with("every PP 46 behaviour aspect needs a score"), "{e}");
}

/// An activity with no realisation in the period: an error under the default policy; left out
/// with a note under `rating.missing_realisation = exclude`, the other activity scored alone.
#[test]
fn an_activity_without_realisations_is_an_error_or_left_out() {
    let mut p = base();
    p["realisations"].as_array_mut().unwrap().retain(|r| !r["indicator"].as_str().unwrap().starts_with("k2"));
    let e = run(p.clone(), Policy::default()).unwrap_err();
    assert!(matches!(e, Error::Missing { .. }), "{e}");
    let mut pol = Policy::default();
    pol.rating.missing_realisation = MissingRealisation::Exclude;
    let ev = run(p, pol.clone()).unwrap();
    assert!(
        notes(&ev).iter().any(|n| n == "Activity `k2` not scored: no realisation in period 2019"),
        "{:?}",
        ev.notes
    );
    assert_eq!(ev.indicators.iter().filter(|i| i.indicator.starts_with("k2")).count(), 0);
    // both activities realised: neither is left out
    let ev = run(base(), pol).unwrap();
    assert!(notes(&ev).iter().all(|n| !n.contains("not scored")), "{:?}", ev.notes);
}

/// A negative realisation is refused where it is read (the reason names only the value); a
/// negative zero is zero.
#[test]
fn a_negative_realisation_is_refused_and_negative_zero_is_zero() {
    let mut p = base();
    p["realisations"][0]["actual"] = "-5".into();
    match run(p, Policy::default()).unwrap_err() {
        Error::Indicator { field, reason, at } => {
            assert_eq!((field.as_str(), reason.as_str()), ("actual", "realisation -5 is negative"));
            assert_eq!(at.indicator.as_deref(), Some("k1-o"));
        }
        e => panic!("{e}"),
    }
    let mut p = base();
    p["realisations"][0]["actual"] = "-0".into();
    let ev = run(p, Policy::default()).unwrap();
    let q = ev.indicators.iter().find(|i| i.indicator == "k1-o").unwrap();
    assert_eq!(q.achievement, dec!(0));
}

/// A zero quantity or time target leaves the activity out, and the note names which.
#[test]
fn a_zero_target_note_names_the_aspect() {
    for (i, aspect) in [(0, "quantity"), (2, "time")] {
        let mut p = base();
        p["results"][1]["indicators"][i]["target"] = "0".into();
        let ev = run(p, Policy::default()).unwrap();
        let id = if aspect == "quantity" { "k2-o" } else { "k2-w" };
        let want = format!("Activity `k2` not scored: its {aspect} target (`{id}`) is 0");
        assert!(notes(&ev).contains(&want), "{want} not in {:?}", ev.notes);
    }
}

fn step_value(ev: &Evaluation, subject: &str) -> String {
    ev.trace.steps.iter().find(|s| s.subject == subject).map(|s| s.value.en.clone()).unwrap_or_default()
}

/// A cost (biaya) aspect with a target is scored as a fourth aspect; with a cost target of 0 the
/// activity is scored on 3 aspects. Cost target 100, realised 100: efficiency 0 % ≤ 24 %,
/// (1.76 × 100 − 100) / 100 × 100 = 76; k1 (100 + 100 + 76 + 76) / 4 = 88, k2 92; SKP
/// (88 + 92) / 2 = 90; 0.6 × 90 + 0.4 × 80 = 86. Without the cost: SKP 92, 0.6 × 92 + 32 = 87.2.
#[test]
fn a_cost_aspect_is_scored_unless_its_target_is_zero() {
    let with_cost = |target: &str| {
        let mut p = base();
        p["results"][0]["indicators"]
            .as_array_mut()
            .unwrap()
            .push(json!({"id": "k1-b", "name": "b", "aspect": "cost", "target": target}));
        p["realisations"]
            .as_array_mut()
            .unwrap()
            .push(json!({"indicator": "k1-b", "period": "2019", "actual": "100"}));
        run(p, Policy::default()).unwrap()
    };
    let ev = with_cost("100");
    assert_eq!(ev.score, Some(dec!(86.00)), "{}", ev.explain(Lang::En));
    let ev = with_cost("0");
    assert_eq!(ev.score, Some(dec!(87.20)), "{}", ev.explain(Lang::En));
    assert!(ev.trace.steps.iter().any(|s| s.title.en == "Cost not scored"));
}

/// The creativity bonus is the value of the highest level among the items, in any order
/// (unit 3, organisation 6, national 12).
#[test]
fn creativity_takes_the_highest_level_in_any_order() {
    for order in [["unit", "nasional"], ["nasional", "unit"]] {
        let mut p = base();
        for level in order {
            p["results"].as_array_mut().unwrap().push(json!({
                "id": format!("kreativitas:{level}"), "description": "Kreativitas", "kind": "additional"}));
        }
        let ev = run(p, Policy::default()).unwrap();
        assert!(
            step_value(&ev, "kreativitas").starts_with("12"),
            "{order:?}: {}",
            step_value(&ev, "kreativitas")
        );
    }
}

/// Two levels of equal value under a policy: the first item of the plan is the one cited.
#[test]
fn creativity_ties_cite_the_first_item() {
    let mut pol = Policy::default();
    pol.pp46.creativity.unit = dec!(6);
    let mut p = base();
    for level in ["organisasi", "unit"] {
        p["results"].as_array_mut().unwrap().push(json!({
            "id": format!("kreativitas:{level}"), "description": "Kreativitas", "kind": "additional"}));
    }
    let ev = run(p, pol).unwrap();
    let step = ev.trace.steps.iter().find(|s| s.subject == "kreativitas").unwrap();
    assert!(
        step.inputs.iter().any(|(k, v)| k == "item" && v == "kreativitas:organisasi"),
        "{:?}",
        step.inputs
    );
}

/// `pp46.skp_cap`: a value above the cap is capped with a note; a value exactly at the cap is
/// not noted. SKP of the base plan: (92 + 92) / 2 = 92.
#[test]
fn the_skp_cap_notes_only_a_value_above_it() {
    for (cap, noted) in [(dec!(91.99), true), (dec!(92), false)] {
        let mut pol = Policy::default();
        pol.pp46.skp_cap = Some(cap);
        let ev = run(base(), pol).unwrap();
        assert_eq!(notes(&ev).iter().any(|n| n.contains("capped at")), noted, "{cap}: {:?}", ev.notes);
    }
}

/// Time and cost indicators are reported with the efficiency rule, the others with the ratio.
#[test]
fn indicator_results_name_the_pp46_rule() {
    use kinerja_core::achievement::AchievementRule;
    let ev = run(base(), Policy::default()).unwrap();
    let rule = |id: &str| ev.indicators.iter().find(|i| i.indicator == id).unwrap().rule;
    assert_eq!(rule("k1-w"), AchievementRule::Pp46Efficiency);
    assert_eq!(rule("k1-o"), AchievementRule::Normal);
    assert_eq!(rule("k1-k"), AchievementRule::Normal);
}
