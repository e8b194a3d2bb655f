//! Tests for `kinerja-core/src/model/mod.rs` (cargo-mutants on the whole file): the plan's own
//! input checks, read before any regime runs, with their exact refusals in both languages — a
//! negative point target or range low bound (annual or for one period), a range whose bounds
//! are equal (taken) — and `Target::add`, which adds two ranges bound by bound.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

use kinerja_core::prelude::*;
use serde_json::{Value, json};

mod support;
use support::base_plan;

/// The English and the Indonesian message of `e`.
fn messages(e: &Error) -> (String, String) {
    (e.message(Lang::En), e.message(Lang::Id))
}

/// [`base_plan`] read with `Plan::from_json`, which runs `Plan::validate` and nothing else.
fn read(v: &Value) -> Result<Plan> {
    Plan::from_json(&v.to_string())
}

/// A point target below zero is refused by the plan's own check, naming the employee, the
/// indicator and (for a period's target) the period, before any regime sees it; zero is
/// taken there (a zero target is refused later, by the achievement kernel, when it is read).
#[test]
fn a_negative_point_target_is_refused_by_the_plan_check() {
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!("-3");
    let e = read(&v).unwrap_err();
    assert!(matches!(&e, Error::Indicator { field, .. } if field == "target"), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            "employee `198501012010011001`, indicator `b`: target: target -3 is negative".into(),
            "pegawai `198501012010011001`, indikator `b`: `target`: target -3 negatif".into()
        )
    );

    let mut v = base_plan();
    v["results"][0]["indicators"][0]["period_targets"] = json!({"2024-Q2": "-0.5"});
    let e = read(&v).unwrap_err();
    assert_eq!(
        messages(&e),
        (
            "employee `198501012010011001`, indicator `a`, period 2024-Q2: target: target -0.5 is negative"
                .into(),
            "pegawai `198501012010011001`, indikator `a`, periode 2024-Q2: `target`: target -0.5 negatif"
                .into()
        )
    );

    let t = Target::Point(dec!(-0.01));
    assert_eq!(
        t.validate(&Location::default()).unwrap_err().to_string(),
        "input: target: target -0.01 is negative"
    );
    assert_eq!(Target::Point(dec!(0)).validate(&Location::default()), Ok(()));
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!("0");
    assert_eq!(read(&v).unwrap().results[0].indicators[1].target, Target::Point(dec!(0)));
}

/// A range whose low bound is below zero is refused by the plan's own check (and by
/// `Target::range`), also when both bounds are negative; a low bound of zero is taken.
#[test]
fn a_range_with_a_negative_low_bound_is_refused() {
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!({"low": "-5", "high": "90"});
    let e = read(&v).unwrap_err();
    assert!(matches!(&e, Error::Indicator { field, .. } if field == "target"), "{e:?}");
    assert_eq!(
        messages(&e),
        (
            "employee `198501012010011001`, indicator `b`: target: range low bound -5 is negative".into(),
            "pegawai `198501012010011001`, indikator `b`: `target`: batas bawah target rentang -5 negatif"
                .into()
        )
    );

    let mut v = base_plan();
    v["results"][0]["indicators"][0]["period_targets"] = json!({"2024-S2": {"low": "-9", "high": "-5"}});
    let e = read(&v).unwrap_err();
    assert_eq!(
        messages(&e),
        (
            "employee `198501012010011001`, indicator `a`, period 2024-S2: target: range low bound -9 is negative"
                .into(),
            "pegawai `198501012010011001`, indikator `a`, periode 2024-S2: `target`: batas bawah target rentang -9 negatif"
                .into()
        )
    );

    let e = Target::range(dec!(-1), dec!(1)).unwrap_err();
    assert_eq!(e.to_string(), "input: target: range low bound -1 is negative");
    assert_eq!(Target::range(dec!(0), dec!(9)), Ok(Target::Range { low: dec!(0), high: dec!(9) }));
}

/// A range needs `low ≤ high`: equal bounds are a range of one value, taken by the plan check
/// and by `Target::range`, and shown `80–80`; a low bound a hundredth above the high bound is
/// refused.
#[test]
fn a_range_whose_bounds_are_equal_is_taken() {
    let t = Target::range(dec!(80), dec!(80)).unwrap();
    assert_eq!(t, Target::Range { low: dec!(80), high: dec!(80) });
    assert_eq!(t.to_string(), "80–80");

    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!({"low": "80", "high": "80"});
    v["results"][0]["indicators"][0]["period_targets"] = json!({"2024-Q1": {"low": "0", "high": "0"}});
    let plan = read(&v).unwrap();
    assert_eq!(plan.results[0].indicators[1].target, t);
    let q1: Period = "2024-Q1".parse().unwrap();
    assert_eq!(
        plan.results[0].indicators[0].period_targets[&q1],
        Target::Range { low: dec!(0), high: dec!(0) }
    );

    let e = Target::range(dec!(80.01), dec!(80)).unwrap_err();
    assert_eq!(e.to_string(), "input: target: range low bound 80.01 exceeds high bound 80");
    let mut v = base_plan();
    v["results"][0]["indicators"][1]["target"] = json!({"low": "80.01", "high": "80"});
    assert_eq!(
        messages(&read(&v).unwrap_err()),
        (
            "employee `198501012010011001`, indicator `b`: target: range low bound 80.01 exceeds high bound 80"
                .into(),
            "pegawai `198501012010011001`, indikator `b`: `target`: batas bawah target rentang 80.01 melebihi batas atasnya 80"
                .into()
        )
    );
}

/// `Target::add` adds two points, or two ranges bound by bound (80–90 plus 5–10 is 85–100);
/// a point and a range are refused either way round, at the location given.
#[test]
fn targets_of_the_same_shape_add_up() {
    let at = Location::employee("e1").with_indicator("a");
    let r = |low, high| Target::Range { low, high };
    assert_eq!(r(dec!(80), dec!(90)).add(&r(dec!(5), dec!(10)), &at), Ok(r(dec!(85), dec!(100))));
    assert_eq!(r(dec!(0), dec!(0.5)).add(&r(dec!(1.25), dec!(2)), &at), Ok(r(dec!(1.25), dec!(2.5))));
    assert_eq!(Target::Point(dec!(300)).add(&Target::Point(dec!(12.5)), &at), Ok(Target::Point(dec!(312.5))));
    for (a, b) in
        [(Target::Point(dec!(1)), r(dec!(1), dec!(2))), (r(dec!(1), dec!(2)), Target::Point(dec!(1)))]
    {
        let e = a.add(&b, &at).unwrap_err();
        assert!(matches!(&e, Error::Indicator { field, .. } if field == "target"), "{e:?}");
        assert_eq!(
            messages(&e),
            (
                "employee `e1`, indicator `a`: target: cannot add a point target and a range target".into(),
                "pegawai `e1`, indikator `a`: `target`: target tunggal dan target rentang tidak dapat dijumlahkan"
                    .into()
            )
        );
    }
}

/// An indicator's cap on the achievement must be above zero: 0 and -1 are refused by the
/// plan's own check, naming the indicator; 120 and 0.5 are taken.
#[test]
fn a_cap_must_be_positive() {
    for (cap, en, id) in [
        ("0", "cap 0 must be positive", "batas atas 0 harus positif (lebih dari 0)"),
        ("-1", "cap -1 must be positive", "batas atas -1 harus positif (lebih dari 0)"),
    ] {
        let mut v = base_plan();
        v["results"][0]["indicators"][0]["cap"] = json!(cap);
        let e = read(&v).unwrap_err();
        assert!(matches!(&e, Error::Indicator { field, .. } if field == "cap"), "{e:?}");
        assert_eq!(
            messages(&e),
            (
                format!("employee `198501012010011001`, indicator `a`: cap: {en}"),
                format!("pegawai `198501012010011001`, indikator `a`: `cap`: {id}")
            )
        );
    }
    for cap in [dec!(120), dec!(0.5)] {
        let mut v = base_plan();
        v["results"][0]["indicators"][0]["cap"] = json!(cap.to_string());
        assert_eq!(read(&v).unwrap().results[0].indicators[0].cap, Some(cap));
    }
}

/// A functional grade (jenjang) belongs to a functional post: given for any other post it is
/// refused, naming the post; a functional post with or without a grade is taken.
#[test]
fn a_functional_grade_needs_a_functional_post() {
    let functional = Employee::new("jf1", "Ani", "u", PostType::Functional);
    assert_eq!(functional.validate(), Ok(()));
    assert_eq!(functional.clone().with_functional_grade(FunctionalGrade::JuniorExpert).validate(), Ok(()));
    for (post, value) in [
        (PostType::Executor, "executor"),
        (PostType::Supervisor, "supervisor"),
        (PostType::Administrator, "administrator"),
        (PostType::Jpt, "jpt"),
    ] {
        let e = Employee::new("e1", "Ani", "u", post).with_functional_grade(FunctionalGrade::Skilled);
        let e = e.validate().unwrap_err();
        assert!(matches!(&e, Error::Input { field, .. } if field == "functional_grade"), "{e:?}");
        assert_eq!(
            messages(&e),
            (
                format!(
                    "employee `e1`: functional_grade: a functional grade is given, but the post type is {value}"
                ),
                format!(
                    "pegawai `e1`: `functional_grade`: jenjang jabatan fungsional diisi padahal jenis jabatannya {value}"
                )
            )
        );
    }
    let mut v = base_plan();
    v["employee"]["functional_grade"] = json!("first_expert");
    let e = read(&v).unwrap_err();
    assert_eq!(
        e.to_string(),
        "employee `198501012010011001`: functional_grade: a functional grade is given, but the post type is executor"
    );
    v["employee"]["post_type"] = json!("functional");
    assert_eq!(read(&v).unwrap().employee.functional_grade, Some(FunctionalGrade::FirstExpert));
}

/// `Plan::indicators` lists every indicator with its planned result, in order;
/// `Plan::indicator` finds one by id (with its own result, not the first), an unknown id
/// `None`; `Plan::assessment` finds the assessment of exactly the period asked, no other.
#[test]
fn a_plan_finds_its_indicators_and_assessments_by_id_and_period() {
    let q = |s: &str| s.parse::<Period>().unwrap();
    let plan = Plan::new(Employee::new("e1", "Ani", "u", PostType::Executor), 2024)
        .with_result(
            PlannedResult::new("r1", "R1")
                .with_indicator(Indicator::new("a", "A", dec!(10).into()))
                .with_indicator(Indicator::new("b", "B", dec!(20).into())),
        )
        .with_result(PlannedResult::new("r2", "R2").with_indicator(Indicator::new("c", "C", dec!(30).into())))
        .with_assessment(Assessment::new(q("2024-Q1")).with_work_result(Rating::Below))
        .with_assessment(Assessment::new(q("2024-Q2")).with_work_result(Rating::Above));
    plan.validate().unwrap();
    let ids: Vec<(&str, &str)> = plan.indicators().map(|(r, i)| (r.id.as_str(), i.id.as_str())).collect();
    assert_eq!(ids, [("r1", "a"), ("r1", "b"), ("r2", "c")]);
    let found = |id: &str| plan.indicator(id).map(|(r, i)| (r.id.clone(), i.id.clone(), i.target));
    assert_eq!(found("a"), Some(("r1".into(), "a".into(), Target::Point(dec!(10)))));
    assert_eq!(found("b"), Some(("r1".into(), "b".into(), Target::Point(dec!(20)))));
    assert_eq!(found("c"), Some(("r2".into(), "c".into(), Target::Point(dec!(30)))));
    assert_eq!(found("d"), None);
    assert_eq!(found(""), None);

    assert_eq!(plan.assessment(&q("2024-Q1")).and_then(|a| a.work_result), Some(Rating::Below));
    assert_eq!(plan.assessment(&q("2024-Q2")).and_then(|a| a.work_result), Some(Rating::Above));
    assert_eq!(plan.assessment(&q("2024-Q2")).map(|a| a.period), Some(q("2024-Q2")));
    assert!(plan.assessment(&q("2024-Q3")).is_none());
    assert!(plan.assessment(&q("2024")).is_none());
}

/// Each builder sets its own field and keeps the others (`model/build.rs`): a behaviour with
/// the overall rating alone, or with core values added one by one; a plan written with every
/// builder equals the same plan written field by field.
#[test]
fn the_builders_set_each_field() {
    use std::collections::BTreeMap;
    assert_eq!(
        Behaviour::overall(Rating::Above),
        Behaviour { values: BTreeMap::new(), overall: Some(Rating::Above) }
    );
    let b = Behaviour::overall(Rating::Meets)
        .with_value(CoreValue::Adaptive, Rating::Below)
        .with_value(CoreValue::Loyal, Rating::Above)
        .with_value(CoreValue::Adaptive, Rating::Meets);
    let values = BTreeMap::from([(CoreValue::Loyal, Rating::Above), (CoreValue::Adaptive, Rating::Meets)]);
    assert_eq!(b, Behaviour { values: values.clone(), overall: Some(Rating::Meets) });

    let q2: Period = "2024-Q2".parse().unwrap();
    let built = Plan::new(
        Employee::new("jf1", "Ani", "u", PostType::Functional)
            .with_functional_grade(FunctionalGrade::FirstExpert)
            .with_unit_head(true)
            .with_position("Dokter Ahli Pertama"),
        2024,
    )
    .with_result(
        PlannedResult::new("r1", "R")
            .with_kind(ResultKind::Additional)
            .with_parent("kepala/r9", CascadeType::Indirect)
            .with_indicator(
                Indicator::new("a", "A", Target::range(dec!(80), dec!(90)).unwrap())
                    .with_unit("%")
                    .with_aspect(Aspect::Time)
                    .with_polarity(Polarity::LowerIsBetter)
                    .with_weight(dec!(40))
                    .with_cap(dec!(110))
                    .with_period_target(q2, Target::point(dec!(85)))
                    .with_aggregation(Aggregation::Mean)
                    .with_target_is_max(true),
            ),
    )
    .with_realisation(Realisation::new("a", q2, dec!(84)))
    .with_assessment(
        Assessment::new(q2)
            .with_work_result(Rating::Above)
            .with_behaviour(b.clone())
            .with_org_predicate(OrgPredicate::Good)
            .with_predicate(Predicate::VeryGood),
    );
    let written = Plan {
        employee: Employee {
            id: "jf1".into(),
            name: "Ani".into(),
            unit: "u".into(),
            post_type: PostType::Functional,
            functional_grade: Some(FunctionalGrade::FirstExpert),
            unit_head: true,
            position: "Dokter Ahli Pertama".into(),
        },
        year: 2024,
        results: vec![PlannedResult {
            id: "r1".into(),
            description: "R".into(),
            kind: ResultKind::Additional,
            parent: Some("kepala/r9".into()),
            cascade: Some(CascadeType::Indirect),
            indicators: vec![Indicator {
                id: "a".into(),
                name: "A".into(),
                unit_of_measure: "%".into(),
                aspect: Aspect::Time,
                polarity: Polarity::LowerIsBetter,
                target: Target::Range { low: dec!(80), high: dec!(90) },
                period_targets: BTreeMap::from([(q2, Target::Point(dec!(85)))]),
                weight: Some(dec!(40)),
                cap: Some(dec!(110)),
                target_is_max: true,
                aggregation: Aggregation::Mean,
            }],
        }],
        realisations: vec![Realisation { indicator: "a".into(), period: q2, actual: dec!(84) }],
        assessments: vec![Assessment {
            period: q2,
            work_result: Some(Rating::Above),
            behaviour: Some(Behaviour { values, overall: Some(Rating::Meets) }),
            org_predicate: Some(OrgPredicate::Good),
            predicate: Some(Predicate::VeryGood),
            innovation: false,
            behaviour_360: false,
            behaviour_score: None,
            behaviour_aspects: BTreeMap::new(),
        }],
    };
    assert_eq!(built, written);
    assert_eq!(built.validate(), Ok(()));
    assert_eq!(Target::from(dec!(7)), Target::Point(dec!(7)));
}

/// JPT, administrator and supervisor posts are structural (they lead people); executor and
/// functional posts are not.
#[test]
fn structural_posts_are_the_three_that_lead() {
    let structural = [PostType::Jpt, PostType::Administrator, PostType::Supervisor];
    for p in structural {
        assert!(p.is_structural(), "{p}");
    }
    for p in [PostType::Executor, PostType::Functional] {
        assert!(!p.is_structural(), "{p}");
    }
}
