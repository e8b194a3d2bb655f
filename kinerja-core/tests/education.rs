//! The education sector end to end: the bundled synthetic Dinas Pendidikan dan Kebudayaan Kota
//! Kupang roster (schools as units, teachers and school heads) evaluates for both semesters and
//! the year, teachers' monthly TPP predicates come from their semester appraisals, and the
//! legacy PKG inputs of 2019 convert. Expected values are computed by hand in the comments.

use kinerja_core::followup::{MonthPredicateRule, month_predicate};
use kinerja_core::instruments::{PkgInput, pkg_assessment};
use kinerja_core::model::{Plan, Predicate};
use kinerja_core::period::Period;
use kinerja_core::regime::{evaluate, evaluate_all};
use kinerja_core::rules::{Policy, Ruleset};
use rust_decimal_macros::dec;

#[derive(serde::Deserialize)]
struct Roster {
    sector: String,
    periods: Vec<Period>,
    plans: Vec<Plan>,
    pkg_2019: Vec<PkgInput>,
}

fn root() -> &'static str {
    concat!(env!("CARGO_MANIFEST_DIR"), "/..")
}

fn roster() -> Roster {
    let text =
        std::fs::read_to_string(format!("{}/examples/data/kupang_dinas_pendidikan.json", root())).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn rules() -> Ruleset {
    let policy = Policy::from_toml(
        &std::fs::read_to_string(format!("{}/policies/kupang-2024.example.toml", root())).unwrap(),
    )
    .unwrap();
    Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap()
}

fn plan<'a>(r: &'a Roster, nip: &str) -> &'a Plan {
    r.plans.iter().find(|p| p.employee.id == nip).unwrap()
}

#[test]
fn every_plan_evaluates_in_every_period() {
    let r = roster();
    assert_eq!(r.sector, "education");
    assert_eq!(r.plans.len(), 12);
    assert_eq!(r.periods.len(), 3);
    let rules = rules();
    for period in &r.periods {
        for (plan, res) in r.plans.iter().zip(evaluate_all(&r.plans, *period, &rules)) {
            let ev = res.unwrap_or_else(|e| panic!("{} {period}: {e}", plan.employee.id));
            assert!(!ev.indicators.is_empty());
        }
    }
}

#[test]
fn a_classroom_teacher_hand_computed() {
    let r = roster();
    let rules = rules();
    let maria = plan(&r, "199005062015032006");
    // Year: last 84.80 / 80 = 106.00 %; mean (92.55 + 95.55) / 2 = 94.05 / 95 = 99.00 %;
    // cumulative (6 + 6) / 12 = 100.00 %; weights 33.33 / 33.33 / 33.34:
    // (106 × 33.33 + 99 × 33.33 + 100 × 33.34) / 100 = 101.6665 → 101.67; above / above → Sangat Baik.
    let year = evaluate(maria, "2024".parse().unwrap(), &rules).unwrap();
    let got: Vec<_> = year.indicators.iter().map(|i| i.achievement).collect();
    assert_eq!(got, vec![dec!(106.00), dec!(99.00), dec!(100.00)]);
    assert_eq!(year.weighted_achievement, Some(dec!(101.67)));
    assert_eq!(year.predicate, Predicate::VeryGood);
    // Semester 1 against the declared semester targets (80, 95, 6): 106.00 %,
    // 92.55 / 95 = 97.42 %, 100.00 %; weighted 101.140236… → 101.14.
    let s1 = evaluate(maria, "2024-S1".parse().unwrap(), &rules).unwrap();
    let got: Vec<_> = s1.indicators.iter().map(|i| i.achievement).collect();
    assert_eq!(got, vec![dec!(106.00), dec!(97.42), dec!(100.00)]);
    assert_eq!(s1.weighted_achievement, Some(dec!(101.14)));
}

#[test]
fn a_weak_teacher_is_rated_below() {
    let r = roster();
    // 62.40 / 80 = 78.00 %; (86.67 + 90.03) / 2 = 88.35 / 95 = 93.00 %; (78 + 93) / 2 = 85.50;
    // the appraiser rates below / below → Sangat Kurang.
    let ev = evaluate(plan(&r, "199411182020122008"), "2024".parse().unwrap(), &rules()).unwrap();
    assert_eq!(ev.weighted_achievement, Some(dec!(85.50)));
    assert_eq!(ev.predicate, Predicate::VeryPoor);
}

#[test]
fn monthly_tpp_predicates_come_from_the_semesters() {
    let r = roster();
    let rules = rules();
    let maria = plan(&r, "199005062015032006");
    let s1 = evaluate(maria, "2024-S1".parse().unwrap(), &rules).unwrap().predicate;
    // The previous year's annual predicate is outside the plan (the roster carries it).
    let known = [("2023".parse().unwrap(), Predicate::Good), ("2024-S1".parse().unwrap(), s1)];
    let feb = month_predicate("2024-02".parse().unwrap(), &known, MonthPredicateRule::LastCompleted).unwrap();
    assert_eq!(feb.predicate, Predicate::Good);
    let sep = month_predicate("2024-09".parse().unwrap(), &known, MonthPredicateRule::LastCompleted).unwrap();
    assert_eq!((sep.source.to_string(), sep.predicate), ("2024-S1".to_string(), s1));
}

#[test]
fn legacy_pkg_2019_converts() {
    let r = roster();
    let policy = Policy::default();
    assert_eq!(r.pkg_2019.len(), 7);
    // Maria, classroom teacher: 52 / 56 × 100 = 92.857… → 92.86, Amat Baik, 125 %.
    let maria = r.pkg_2019.iter().find(|i| i.teacher.as_deref() == Some("199005062015032006")).unwrap();
    let res = pkg_assessment(maria, &policy).unwrap();
    assert_eq!(res.conversion.percent, dec!(125));
    // Kornelis: 41 / 56 × 100 = 73.21, Cukup, 75 %.
    let kornelis = r.pkg_2019.iter().find(|i| i.teacher.as_deref() == Some("199207252019031010")).unwrap();
    assert_eq!(pkg_assessment(kornelis, &policy).unwrap().conversion.percent, dec!(75));
    for input in &r.pkg_2019 {
        pkg_assessment(input, &policy).unwrap();
    }
}
