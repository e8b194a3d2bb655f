//! Edges of the distribution-curve kernel (`org/distribution.rs`) found by mutation testing
//! (cargo-mutants): each test here fails under at least one mutant that the rest of the suite
//! let survive. Bounds are worked out by hand from the curve (SE MenPANRB 3/2023): at most
//! 70 % rounded down, at least 60 % / 10 % rounded up. See TESTING.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::explain::{Authority, Citation, Labelled, Lang};
use kinerja_core::model::{OrgPredicate, Predicate};
use kinerja_core::org::distribution::CalibrationEntry;
use kinerja_core::org::{OrgPolicy, calibrate, check_counts};

fn policy_field(field: &str) -> Option<Citation> {
    Some(Citation {
        authority: Authority::LocalPolicy,
        reference: format!("organisation.{field}"),
        topic: None,
    })
}

/// `describe` and `set_label`: each constraint says its rule in words, with the percentage,
/// headcount, bound and rounding, and cites the rounding policy field; `explain` is the trace.
#[test]
fn constraint_descriptions_and_rounding_citations() {
    let pol = OrgPolicy::default();
    let (sb, b, bp, k) =
        (Predicate::VeryGood, Predicate::Good, Predicate::NeedsImprovement, Predicate::PoorMisconduct);
    let l = |p: Predicate, lang| p.label(lang);

    // Istimewa, 10 employees: Sangat Baik at most 70 % of 10 = 7 (floor).
    let r = check_counts(OrgPredicate::Outstanding, &[0, 0, 0, 2, 8], &pol).unwrap();
    let c = &r.constraints[0];
    assert_eq!(c.description.en, format!("{} at most 70% of 10 = 7 (rounded floor)", l(sb, Lang::En)));
    assert_eq!(
        c.description.id,
        format!("{} paling banyak 70% dari 10 = 7 orang (dibulatkan floor)", l(sb, Lang::Id))
    );
    assert_eq!(c.rounding, policy_field("max_rounding"));

    // Baik, 10 employees: Baik ≤ 7, and at least one Butuh Perbaikan + Kurang.
    let r = check_counts(OrgPredicate::Good, &[0, 0, 0, 8, 2], &pol).unwrap();
    assert_eq!(
        r.constraints[0].description.en,
        format!("{} at most 70% of 10 = 7 (rounded floor)", l(b, Lang::En))
    );
    let c = &r.constraints[1];
    assert_eq!(
        c.description.en,
        format!("at least one employee rated {} + {}", l(bp, Lang::En), l(k, Lang::En))
    );
    assert_eq!(
        c.description.id,
        format!("paling sedikit satu pegawai {} + {}", l(bp, Lang::Id), l(k, Lang::Id))
    );
    assert_eq!(c.rounding, policy_field("at_least_one_min_headcount"));
    // the explanation is the trace, and names each constraint with its set of predicates
    let text = r.explain(Lang::En);
    assert_eq!(text, r.trace.to_text(Lang::En));
    assert!(text.contains(&format!("{} + {}", l(bp, Lang::En), l(k, Lang::En))), "{text}");
    assert!(r.trace.steps.iter().any(|s| s.subject == format!("{} + {}", l(bp, Lang::En), l(k, Lang::En))));
    assert_eq!(r.explain(Lang::Id), r.trace.to_text(Lang::Id));

    // Butuh Perbaikan, 10 employees: Butuh Perbaikan at least 60 % of 10 = 6 (ceil).
    let r = check_counts(OrgPredicate::NeedsImprovement, &[0, 0, 6, 4, 0], &pol).unwrap();
    let c = &r.constraints[1];
    assert_eq!(c.description.en, format!("{} at least 60% of 10 = 6 (rounded ceil)", l(bp, Lang::En)));
    assert_eq!(
        c.description.id,
        format!("{} paling sedikit 60% dari 10 = 6 orang (dibulatkan ceil)", l(bp, Lang::Id))
    );
    assert_eq!(c.rounding, policy_field("min_rounding"));

    // Sangat Kurang: no Sangat Baik at all, a rule without rounding.
    let r = check_counts(OrgPredicate::VeryPoor, &[6, 1, 0, 3, 0], &pol).unwrap();
    let c = &r.constraints[0];
    assert_eq!(c.description.en, format!("no employee may be rated {}", l(sb, Lang::En)));
    assert_eq!(c.description.id, format!("tidak boleh ada {}", l(sb, Lang::Id)));
    assert_eq!(c.rounding, None);
}

/// `gcount >= upper` → `<` in `Calib::group_full`: a category of a minimum group that is
/// already met stays a destination. Baik unit of 10 with 8 Baik, 1 Butuh Perbaikan, 1 Sangat
/// Baik: Baik ≤ ⌊70 % × 10⌋ = 7, so one Baik must leave; "at least one BP or K" is met, so
/// there is no shortfall to fill; Butuh Perbaikan and Sangat Baik are both one step away and
/// the tie goes to the lower one. (`group_full` → `false` is equivalent: see TESTING.md.)
#[test]
fn overfull_group_moves_to_the_nearest_lower_category() {
    let mut roster: Vec<CalibrationEntry> = (1..=8)
        .map(|i| CalibrationEntry {
            employee: format!("e{i:02}"),
            predicate: Predicate::Good,
            achievement: None,
        })
        .collect();
    roster.push(CalibrationEntry {
        employee: "e09".into(),
        predicate: Predicate::NeedsImprovement,
        achievement: None,
    });
    roster.push(CalibrationEntry {
        employee: "e10".into(),
        predicate: Predicate::VeryGood,
        achievement: None,
    });
    let r = calibrate(OrgPredicate::Good, &roster, &OrgPolicy::default()).unwrap();
    assert!(r.needed && r.feasible);
    assert_eq!(r.changes.len(), 1);
    let c = &r.changes[0];
    assert_eq!((c.employee.as_str(), c.from, c.to), ("e01", Predicate::Good, Predicate::NeedsImprovement));
    assert!(r.after.unwrap().passed);
}

/// `(dist, up) < (best.dist, best.up)` → `==` / `>` in the donor choice of `calibrate`: a
/// shortfall is filled from the nearest category first. Butuh Perbaikan unit of 10 with one
/// Sangat Kurang and nine Baik: Butuh Perbaikan ≥ ⌈60 % × 10⌉ = 6, Sangat Baik ≤ ⌊10 % × 10⌋
/// = 1 (met). Baik is one step from Butuh Perbaikan, Sangat Kurang two: six Baik move down
/// (weakest first, here by id) and the Sangat Kurang stays.
#[test]
fn shortfall_is_filled_from_the_nearest_category() {
    let mut roster =
        vec![CalibrationEntry { employee: "e00".into(), predicate: Predicate::VeryPoor, achievement: None }];
    roster.extend((1..=9).map(|i| CalibrationEntry {
        employee: format!("e{i:02}"),
        predicate: Predicate::Good,
        achievement: None,
    }));
    let r = calibrate(OrgPredicate::NeedsImprovement, &roster, &OrgPolicy::default()).unwrap();
    assert!(r.needed && r.feasible);
    let moved: Vec<_> = r.changes.iter().map(|c| (c.employee.as_str(), c.from, c.to)).collect();
    let expected: Vec<_> = ["e01", "e02", "e03", "e04", "e05", "e06"]
        .into_iter()
        .map(|e| (e, Predicate::Good, Predicate::NeedsImprovement))
        .collect();
    assert_eq!(moved, expected);
    assert!(r.after.unwrap().passed);
}
