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
