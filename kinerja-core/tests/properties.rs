//! Property tests of the core kernels and the 6/2022 evaluation.

use kinerja_core::achievement::{AchievementPolicy, LowerFormula, ZeroTarget, achievement};
use kinerja_core::explain::Labelled;
use kinerja_core::prelude::*;
use kinerja_core::regime::evaluate;
use proptest::prelude::*;
use rust_decimal::Decimal;

fn any_decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..12).prop_map(|(m, s)| Decimal::new(m, s)),
        (0i64..1_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s)),
        Just(Decimal::ZERO),
        Just(Decimal::MAX),
        Just(Decimal::MIN),
        Just(Decimal::new(1, 28)),
        Just(Decimal::NEGATIVE_ONE),
    ]
}

fn positive() -> impl Strategy<Value = Decimal> {
    (1i64..10_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn non_negative() -> impl Strategy<Value = Decimal> {
    (0i64..10_000_000, 0u32..4).prop_map(|(m, s)| Decimal::new(m, s))
}

fn policy() -> impl Strategy<Value = AchievementPolicy> {
    (any::<bool>(), any::<bool>(), any::<bool>(), proptest::option::of(positive())).prop_map(
        |(ratio, floor, conv, cap)| AchievementPolicy {
            lower_formula: if ratio { LowerFormula::Ratio } else { LowerFormula::Reflection },
            floor_at_zero: floor,
            zero_target: if conv { ZeroTarget::Convention } else { ZeroTarget::Error },
            ratio_zero_actual: Some(Decimal::from(200)),
            default_cap: cap,
            ..Default::default()
        },
    )
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![
        positive().prop_map(Target::Point),
        (positive(), positive()).prop_map(|(a, b)| Target::Range { low: a.min(b), high: a.max(b) }),
    ]
}

fn rating() -> impl Strategy<Value = Rating> {
    prop_oneof![Just(Rating::Below), Just(Rating::Meets), Just(Rating::Above)]
}

proptest! {
    #[test]
    fn achievement_monotone_in_actual(t in target(), a in non_negative(), b in non_negative(), p in policy()) {
        let (lo, hi) = (a.min(b), a.max(b));
        for pol in [Polarity::HigherIsBetter, Polarity::LowerIsBetter] {
            let x = achievement(t, lo, pol, &p, None);
            let y = achievement(t, hi, pol, &p, None);
            if let (Ok(x), Ok(y)) = (x, y) {
                match pol {
                    Polarity::HigherIsBetter => prop_assert!(x.value <= y.value, "{t} {lo} {hi}: {} > {}", x.value, y.value),
                    Polarity::LowerIsBetter => prop_assert!(x.value >= y.value, "{t} {lo} {hi}: {} < {}", x.value, y.value),
                }
            }
        }
    }

    #[test]
    fn achievement_never_panics(t in any_decimal(), u in any_decimal(), r in any_decimal(), p in policy(), cap in proptest::option::of(any_decimal())) {
        for pol in [Polarity::HigherIsBetter, Polarity::LowerIsBetter] {
            let _ = achievement(Target::Point(t), r, pol, &p, cap);
            let _ = achievement(Target::Range { low: t, high: u }, r, pol, &p, cap);
        }
    }

    #[test]
    fn better_rating_never_worse_predicate(w1 in rating(), w2 in rating(), b1 in rating(), b2 in rating()) {
        if w1 <= w2 && b1 <= b2 {
            prop_assert!(predicate(w1, b1) <= predicate(w2, b2));
        }
    }

    #[test]
    fn evaluation_is_deterministic_and_never_panics(
        targets in proptest::collection::vec(any_decimal(), 1..4),
        actuals in proptest::collection::vec(any_decimal(), 4),
        weights in proptest::collection::vec(proptest::option::of(any_decimal()), 4),
        w in rating(), b in rating(), lower in any::<bool>(), bands in any::<bool>(),
    ) {
        let results = vec![PlannedResult {
            id: "r".into(), description: "d".into(), kind: ResultKind::Primary, parent: None, cascade: None,
            indicators: targets.iter().enumerate().map(|(i, t)| {
                let mut ind = Indicator::new(format!("i{i}"), "x", Target::Point(*t));
                ind.weight = weights[i];
                if lower { ind.polarity = Polarity::LowerIsBetter; }
                ind
            }).collect(),
        }];
        let realisations = (0..targets.len()).map(|i| Realisation {
            indicator: format!("i{i}"), period: Period::annual(2024).unwrap(), actual: actuals[i],
        }).collect();
        let mut a = Assessment::new(Period::annual(2024).unwrap());
        a.work_result = Some(w);
        a.behaviour = Some(Behaviour { values: Default::default(), overall: Some(b) });
        let plan = Plan {
            employee: Employee { id: "1".into(), name: "n".into(), unit: "u".into(), post_type: PostType::Executor,
                functional_grade: None, unit_head: false, position: String::new() },
            year: 2024, results, realisations, assessments: vec![a],
        };
        let mut policy = Policy::default();
        if bands {
            policy = Policy::from_toml("[rating]\nadvisory_bands = [{min = \"110\", rating = \"above\"}, {min = \"90\", rating = \"meets\"}]").unwrap();
        }
        let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap();
        let p = Period::annual(2024).unwrap();
        let x = evaluate(&plan, p, &rules);
        let y = evaluate(&plan, p, &rules);
        prop_assert_eq!(&x, &y);
        if let Ok(ev) = x {
            prop_assert_eq!(ev.predicate, predicate(w, b));
        }
    }

    #[test]
    fn plan_json_round_trip(t in positive(), r in non_negative(), w in proptest::option::of(positive()), q in 1u8..5) {
        let mut ind = Indicator::new("i1", "Pasien", Target::Point(t));
        ind.weight = w;
        ind.period_targets.insert(Period::quarter(2024, q).unwrap(), Target::Range { low: t, high: t + Decimal::ONE });
        let mut a = Assessment::new(Period::quarter(2024, q).unwrap());
        a.work_result = Some(Rating::Meets);
        a.org_predicate = Some(OrgPredicate::Outstanding);
        let plan = Plan {
            employee: Employee { id: "198001".into(), name: "A".into(), unit: "u".into(), post_type: PostType::Functional,
                functional_grade: Some(FunctionalGrade::FirstExpert), unit_head: false, position: "Dokter".into() },
            year: 2024,
            results: vec![PlannedResult { id: "r".into(), description: "d".into(), kind: ResultKind::Primary,
                parent: Some("iku-1".into()), cascade: Some(CascadeType::Direct), indicators: vec![ind] }],
            realisations: vec![Realisation { indicator: "i1".into(), period: Period::month(2024, q).unwrap(), actual: r }],
            assessments: vec![a],
        };
        let json = serde_json::to_string(&plan).unwrap();
        let back: Plan = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(back, plan);
    }
}

#[test]
fn enums_and_policy_round_trip() {
    fn rt<T: Labelled + serde::Serialize + serde::de::DeserializeOwned + PartialEq + std::fmt::Debug>() {
        for v in T::ALL {
            let j = serde_json::to_string(v).unwrap();
            assert_eq!(&serde_json::from_str::<T>(&j).unwrap(), v);
            assert_eq!(T::parse_label(v.label(Lang::Id)).unwrap(), *v);
        }
    }
    rt::<Rating>();
    rt::<Predicate>();
    rt::<OrgPredicate>();
    rt::<Polarity>();
    rt::<Aspect>();
    rt::<PostType>();
    rt::<FunctionalGrade>();
    rt::<ResultKind>();
    rt::<CascadeType>();
    rt::<Aggregation>();
    rt::<CoreValue>();
    rt::<RegimeId>();
    let p = Policy::default();
    assert_eq!(Policy::from_json(&p.to_json()).unwrap(), p);
    assert_eq!(Policy::from_toml(&p.to_toml().unwrap()).unwrap(), p);
}

fn behaviour() -> impl Strategy<Value = Behaviour> {
    let n = CoreValue::ALL.len();
    (proptest::collection::vec(proptest::option::of(rating()), n), proptest::option::of(rating())).prop_map(
        |(vals, overall)| Behaviour {
            values: CoreValue::ALL.iter().zip(vals).filter_map(|(c, r)| r.map(|r| (*c, r))).collect(),
            overall,
        },
    )
}

proptest! {
    #[test]
    fn behaviour_evaluation_and_trace_json_round_trip(
        beh in behaviour(),
        t in positive(),
        r in non_negative(),
        w in proptest::option::of(rating()),
        lower in any::<bool>(),
        bands in any::<bool>(),
    ) {
        // Behaviour with values
        let json = serde_json::to_string(&beh).unwrap();
        let back: Behaviour = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &beh);
        // An evaluation (and its trace) of a plan using that behaviour
        let mut ind = Indicator::new("i1", "Pasien", Target::Point(t));
        if lower { ind.polarity = Polarity::LowerIsBetter; }
        let mut a = Assessment::new(Period::annual(2024).unwrap());
        a.work_result = w;
        a.behaviour = Some(beh);
        let plan = Plan {
            employee: Employee { id: "198001".into(), name: "A".into(), unit: "u".into(), post_type: PostType::Executor,
                functional_grade: None, unit_head: false, position: String::new() },
            year: 2024,
            results: vec![PlannedResult { id: "r".into(), description: "d".into(), kind: ResultKind::Primary,
                parent: None, cascade: None, indicators: vec![ind] }],
            realisations: vec![Realisation { indicator: "i1".into(), period: Period::annual(2024).unwrap(), actual: r }],
            assessments: vec![a],
        };
        let json = serde_json::to_string(&plan).unwrap();
        prop_assert_eq!(serde_json::from_str::<Plan>(&json).unwrap(), plan.clone());
        let mut policy = Policy::default();
        if bands {
            policy = Policy::from_toml("[rating]\nadvisory_bands = [{min = \"110\", rating = \"above\"}, {min = \"90\", rating = \"meets\"}]").unwrap();
        }
        let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap();
        if let Ok(ev) = evaluate(&plan, Period::annual(2024).unwrap(), &rules) {
            let json = serde_json::to_string(&ev).unwrap();
            let back: Evaluation = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &ev);
            let json = serde_json::to_string(&ev.trace).unwrap();
            let back: Trace = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(&back, &ev.trace);
        }
    }
}
