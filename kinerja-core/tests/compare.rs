//! What-if comparison of the Kupang roster under two policies.

use kinerja_core::compare::compare;
use kinerja_core::prelude::*;

fn roster() -> Vec<Plan> {
    let v: serde_json::Value =
        serde_json::from_str(include_str!("../../examples/data/kupang_dinas_kesehatan.json")).unwrap();
    serde_json::from_value(v["plans"].clone()).unwrap()
}

#[test]
fn same_ruleset_changes_nothing() {
    let plans = roster();
    let r = Ruleset::builtin("permenpanrb-6-2022")
        .unwrap()
        .with_policy(Policy::from_toml(include_str!("../../policies/kupang-2024.example.toml")).unwrap())
        .unwrap();
    let c = compare(&plans, "2024".parse().unwrap(), &r, &r);
    assert_eq!(c.summary.employees, plans.len());
    assert_eq!(c.summary.changed, 0);
    assert!(c.to_text(Lang::En).contains("No changes."));
}

#[test]
fn stricter_bands_change_advised_employees() {
    let plans = roster();
    let kupang = Policy::from_toml(include_str!("../../policies/kupang-2024.example.toml")).unwrap();
    let mut strict = kupang.clone();
    strict.id = "strict".into();
    strict.rating.advisory_bands[0].min = "140".parse().unwrap();
    strict.rating.advisory_bands[1].min = "100".parse().unwrap();
    let base = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let a = base.with_policy(kupang).unwrap();
    let b = base.with_policy(strict).unwrap();
    let c = compare(&plans, "2024".parse().unwrap(), &a, &b);
    assert!(c.summary.changed > 0);
    assert!(c.summary.worsened > 0);
    assert_eq!(c.summary.improved, 0);
    // Employees whose rating the appraiser gave keep their predicate: only advice changes.
    for row in &c.rows {
        assert_eq!(row.a.error, None);
        if row.changed.contains(&"predicate".to_string()) {
            assert_ne!(row.a.work_result, row.b.work_result);
        }
    }
    let t = c.to_text(Lang::Id);
    assert!(t.contains("Ringkasan"), "{t}");
    // The national default (no advisory bands) cannot rate employees without an appraiser rating.
    let d = compare(&plans, "2024".parse().unwrap(), &a, &Ruleset::builtin("permenpanrb-6-2022").unwrap());
    assert!(d.summary.errors_b > 0);
    assert!(d.rows.iter().any(|r| {
        r.b.error.as_deref().is_some_and(|e| e.contains("work_result") || e.contains("target is 0"))
    }));
}

fn kupang() -> Policy {
    Policy::from_toml(include_str!("../../policies/kupang-2024.example.toml")).unwrap()
}

fn count(m: &std::collections::BTreeMap<String, usize>) -> Vec<(&str, usize)> {
    m.iter().map(|(k, v)| (k.as_str(), *v)).collect()
}

#[test]
fn national_default_against_kupang_advisory_bands() {
    let plans = roster();
    let national = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let kupang = national.with_policy(kupang()).unwrap();
    let c = compare(&plans, "2024".parse().unwrap(), &national, &kupang);
    let s = &c.summary;
    assert_eq!((s.employees, s.changed, s.improved, s.worsened), (14, 4, 0, 0));
    assert_eq!((s.errors_a, s.errors_b), (4, 0));
    assert_eq!(
        count(&s.predicates_a),
        [("good", 6), ("needs_improvement", 1), ("very_good", 2), ("very_poor", 1)]
    );
    assert_eq!(
        count(&s.predicates_b),
        [("good", 9), ("needs_improvement", 1), ("very_good", 3), ("very_poor", 1)]
    );
    // (employee, the national error, Kupang's predicate, advised rating, weighted achievement)
    let expected = [
        ("198105052006042005", "missing work_result", Predicate::Good, Rating::Meets, "104.34"),
        ("199209092019022009", "missing work_result", Predicate::VeryGood, Rating::Above, "130.96"),
        ("199312112020122011", "target is 0", Predicate::Good, Rating::Meets, "101.46"),
        ("199401132022031013", "missing work_result", Predicate::Good, Rating::Above, "110.06"),
    ];
    let changed: Vec<_> = c.rows.iter().filter(|r| !r.changed.is_empty()).collect();
    assert_eq!(changed.len(), expected.len());
    for (row, (id, error, predicate, rating, wa)) in changed.iter().zip(expected) {
        assert_eq!(row.employee, id);
        assert!(
            row.a.error.as_deref().is_some_and(|e| e.contains(error) && e.contains(id)),
            "{:?}",
            row.a.error
        );
        assert_eq!(row.a.predicate, None);
        assert_eq!(row.b.predicate, Some(predicate), "{id}");
        assert_eq!(row.b.work_result, Some(rating), "{id}");
        assert_eq!(row.b.weighted_achievement, Some(wa.parse().unwrap()), "{id}");
        assert_eq!(row.b.error, None);
        assert_eq!(row.changed, ["predicate", "work_result", "weighted_achievement", "error"]);
    }
    let t = c.to_text(Lang::En);
    assert!(t.contains("198105052006042005") || t.contains("Fransiska"), "{t}");
}

#[test]
fn another_regime_on_the_same_inputs_reports_each_missing_input() {
    // The 2021-S2 roster carries 8/2021 inputs (numeric behaviour, no overall behaviour rating,
    // no organisational predicate): under 6/2022 each employee gets an error naming the input.
    let v: serde_json::Value = serde_json::from_str(include_str!(
        "../../examples/data/kupang_dinas_kesehatan_2021s2_permenpanrb_8_2021.json"
    ))
    .unwrap();
    let plans: Vec<Plan> = serde_json::from_value(v["plans"].clone()).unwrap();
    let a = Ruleset::builtin("permenpanrb-8-2021").unwrap().with_policy(kupang()).unwrap();
    let b = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(kupang()).unwrap();
    let c = compare(&plans, "2021-S2".parse().unwrap(), &a, &b);
    let s = &c.summary;
    assert_eq!((s.employees, s.changed, s.errors_a, s.errors_b), (14, 14, 0, 14));
    assert_eq!((s.improved, s.worsened), (0, 0));
    assert_eq!(
        count(&s.predicates_a),
        [("good", 10), ("needs_improvement", 2), ("poor_misconduct", 1), ("very_good", 1)]
    );
    assert!(s.predicates_b.is_empty());
    assert!(c.ruleset_a.starts_with("permenpanrb-8-2021") && c.ruleset_b.starts_with("permenpanrb-6-2022"));
    for row in &c.rows {
        assert!(row.a.score.is_some() && row.a.error.is_none(), "{}", row.employee);
        let e = row.b.error.as_deref().unwrap();
        assert!(e.contains(&row.employee) && e.contains("2021-S2"), "{e}");
        assert!(e.contains("missing org_predicate") || e.contains("missing behaviour.overall"), "{e}");
    }
    // The JPT unit head needs the organisational predicate under 6/2022.
    assert!(c.rows[0].b.error.as_deref().unwrap().contains("missing org_predicate"));
    // And under PP 46/2011 the same plans lack the activity's quantity/quality/time indicators.
    let pp46 = Ruleset::builtin("pp-46-2011").unwrap().with_policy(kupang()).unwrap();
    let d = compare(&plans, "2021-S2".parse().unwrap(), &a, &pp46);
    assert_eq!((d.summary.changed, d.summary.errors_b), (14, 14));
    assert!(d.rows.iter().all(|r| r.b.error.as_deref().unwrap().contains("PP 46 activity needs")));
}

/// One row checked against values computed by hand from the roster's raw realisations, so the
/// comparison is not only the engine against itself: the Sekretaris (197502022000032002) has
/// iki-sek-lap (mean of twelve months summing to 1200.00, target 100) at 100 % and
/// iki-sek-serap (last value 92.15, target 95) at 97 %, weighted 50/50 → 98.50; her appraiser's
/// "meets" with behaviour "meets" gives Baik under either policy, so nothing changes.
#[test]
fn a_row_against_hand_computed_values() {
    let plans = roster();
    let national = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let kupang = national.with_policy(kupang()).unwrap();
    let c = compare(&plans, "2024".parse().unwrap(), &national, &kupang);
    let row = c.rows.iter().find(|r| r.employee == "197502022000032002").unwrap();
    for side in [&row.a, &row.b] {
        assert_eq!(side.weighted_achievement, Some("98.50".parse().unwrap()));
        assert_eq!(side.work_result, Some(Rating::Meets));
        assert_eq!(side.predicate, Some(Predicate::Good));
        assert_eq!(side.error, None);
    }
    assert!(row.changed.is_empty(), "{:?}", row.changed);
}
