//! Integration tests of the organisation layer: golden vectors, properties, hostile inputs.

use std::collections::BTreeMap;
use std::str::FromStr;

use kinerja_core::error::Error;
use kinerja_core::explain::Lang;
use kinerja_core::model::*;
use kinerja_core::num::Rounding;
use kinerja_core::org::alignment::ProblemKind;
use kinerja_core::org::distribution::CalibrationEntry;
use kinerja_core::org::ranking::{RankInput, rank_unit};
use kinerja_core::org::rollup::component_total;
use kinerja_core::org::sakip::{SakipInput, SakipPredicate};
use kinerja_core::org::*;
use kinerja_core::rules::Policy;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;

mod support;
use support::{golden, org_employee as emp, org_rhk as rhk, org_unit as unit};

fn goal(id: &str, unit: &str, target: Decimal, actual: Option<Decimal>, weight: Option<Decimal>) -> UnitGoal {
    UnitGoal {
        id: id.into(),
        unit: unit.into(),
        name: format!("Goal {id}"),
        target: Target::Point(target),
        polarity: Polarity::HigherIsBetter,
        weight,
        actual,
    }
}

fn plan(e: &Employee, results: Vec<PlannedResult>) -> Plan {
    Plan { employee: e.clone(), year: 2024, results, realisations: vec![], assessments: vec![] }
}

// ---------------------------------------------------------------- golden

#[test]
fn golden_distribution_tv02_and_small_units() {
    let g = golden("org_distribution.json");
    let pol = OrgPolicy::default();
    let cases = g["cases"].as_array().unwrap();
    assert!(cases.len() >= 50);
    for c in cases {
        let id = c["id"].as_str().unwrap();
        let org = OrgPredicate::from_str(c["input"]["org_predicate"].as_str().unwrap()).unwrap();
        let roster: Vec<(String, Predicate)> = c["input"]["roster"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (r[0].as_str().unwrap().to_string(), Predicate::from_str(r[1].as_str().unwrap()).unwrap())
            })
            .collect();
        let r = check_distribution(org, &roster, &pol).unwrap();
        let exp = &c["expected"];
        assert_eq!(r.headcount, exp["headcount"].as_u64().unwrap(), "{id}");
        let ec = exp["constraints"].as_array().unwrap();
        assert_eq!(r.constraints.len(), ec.len(), "{id}");
        for (k, (got, want)) in r.constraints.iter().zip(ec).enumerate() {
            assert_eq!(serde_json::to_value(got.rule).unwrap(), want["rule"], "{id} #{k}");
            let preds: Vec<Value> = got.predicates.iter().map(|p| serde_json::to_value(p).unwrap()).collect();
            assert_eq!(Value::Array(preds), want["predicates"], "{id} #{k}");
            assert_eq!(got.bound, want["bound"].as_u64().unwrap(), "{id} #{k} bound");
            assert_eq!(got.actual, want["actual"].as_u64().unwrap(), "{id} #{k} actual");
            assert_eq!(got.satisfied, want["satisfied"].as_bool().unwrap(), "{id} #{k} satisfied");
            assert_eq!(
                got.percent.map(|p| p.to_string()),
                want["percent"].as_str().map(String::from),
                "{id} #{k}"
            );
            assert!(got.source.reference.contains("SE MenPANRB 3/2023"));
        }
        assert_eq!(r.passed, exp["passed"].as_bool().unwrap(), "{id}");
        assert_eq!(r.violations().count(), ec.iter().filter(|c| !c["satisfied"].as_bool().unwrap()).count());
        let entries: Vec<CalibrationEntry> = roster
            .iter()
            .map(|(e, p)| CalibrationEntry { employee: e.clone(), predicate: *p, achievement: None })
            .collect();
        let cal = calibrate(org, &entries, &pol).unwrap();
        let ecal = &exp["calibration"];
        assert_eq!(cal.needed, ecal["needed"].as_bool().unwrap(), "{id}");
        assert_eq!(cal.feasible, ecal["feasible"].as_bool().unwrap(), "{id}");
        assert_eq!(cal.changes.len() as u64, ecal["changes"].as_u64().unwrap(), "{id} changes");
        if cal.needed && cal.feasible {
            assert!(cal.after.as_ref().unwrap().passed, "{id}");
        }
        if !cal.feasible {
            assert!(cal.infeasible.is_some());
        }
    }
}

#[test]
fn golden_sakip_tv27_tv28() {
    let g = golden("org_sakip.json");
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let want = SakipPredicate::from_str(c["expected"]["predicate"].as_str().unwrap()).unwrap();
        if let Some(t) = c["input"]["total"].as_str() {
            assert_eq!(sakip_predicate(Decimal::from_str(t).unwrap()).unwrap(), want, "{id} {t}");
        } else {
            let input: SakipInput = serde_json::from_value(c["input"].clone()).unwrap();
            let r = sakip_evaluation(&input, Rounding::half_up(2)).unwrap();
            assert_eq!(r.total.to_string(), c["expected"]["total"].as_str().unwrap(), "{id}");
            assert_eq!(r.predicate, want, "{id}");
            if let Some(comps) = c["expected"]["components"].as_object() {
                for (k, v) in comps {
                    let (_, got) = r.components.iter().find(|(cc, _)| cc.to_string() == *k).unwrap();
                    assert_eq!(got.normalize().to_string(), v.as_str().unwrap(), "{id} {k}");
                }
            }
            assert!(r.trace.to_text(Lang::Id).contains("Predikat SAKIP"));
        }
    }
}

#[test]
fn golden_aggregate_tv30() {
    let g = golden("org_aggregate.json");
    for c in g["cases"].as_array().unwrap() {
        let parts: Vec<(String, Decimal)> = c["input"]["parts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().into(), Decimal::from_str(p[1].as_str().unwrap()).unwrap()))
            .collect();
        let t = component_total(&parts, Rounding::half_up(2)).unwrap();
        assert_eq!(t.total.to_string(), c["expected"]["total"].as_str().unwrap());
        assert_eq!(t.displayed_sum.to_string(), c["expected"]["displayed_sum"].as_str().unwrap());
    }
}

// ---------------------------------------------------------------- distribution & calibration

fn pred_strategy() -> impl Strategy<Value = Predicate> {
    prop_oneof![
        Just(Predicate::VeryPoor),
        Just(Predicate::PoorMisconduct),
        Just(Predicate::NeedsImprovement),
        Just(Predicate::Good),
        Just(Predicate::VeryGood),
    ]
}

fn org_strategy() -> impl Strategy<Value = OrgPredicate> {
    prop_oneof![
        Just(OrgPredicate::VeryPoor),
        Just(OrgPredicate::Poor),
        Just(OrgPredicate::NeedsImprovement),
        Just(OrgPredicate::Good),
        Just(OrgPredicate::Outstanding),
    ]
}

fn roster_strategy(max: usize) -> impl Strategy<Value = Vec<CalibrationEntry>> {
    prop::collection::vec((pred_strategy(), prop::option::of(0u32..200)), 0..max).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (p, a))| CalibrationEntry {
                employee: format!("e{:03}", (i * 7919) % 1000),
                predicate: p,
                achievement: a.map(Decimal::from),
            })
            .collect()
    })
}

fn policy_strategy() -> impl Strategy<Value = OrgPolicy> {
    (any::<bool>(), any::<bool>()).prop_map(|(by_id, lower)| OrgPolicy {
        calibration_order: if by_id { CalibrationOrder::ById } else { CalibrationOrder::WeakestFirst },
        calibration_direction: if lower {
            CalibrationDirection::LowerOnly
        } else {
            CalibrationDirection::Any
        },
        ..Default::default()
    })
}

fn apply(roster: &[CalibrationEntry], r: &CalibrationResult) -> Vec<(String, Predicate)> {
    let ch: BTreeMap<&str, Predicate> = r.changes.iter().map(|c| (c.employee.as_str(), c.to)).collect();
    roster
        .iter()
        .map(|e| (e.employee.clone(), *ch.get(e.employee.as_str()).unwrap_or(&e.predicate)))
        .collect()
}

fn passes(org: OrgPredicate, preds: &[Predicate], pol: &OrgPolicy) -> bool {
    let roster: Vec<(String, Predicate)> =
        preds.iter().enumerate().map(|(i, p)| (i.to_string(), *p)).collect();
    check_distribution(org, &roster, pol).unwrap().passed
}

/// Brute force over every final assignment: the fewest changes, or None when infeasible.
fn brute_force(org: OrgPredicate, roster: &[CalibrationEntry], pol: &OrgPolicy) -> Option<usize> {
    let n = roster.len();
    let all = ALL_ORDERED;
    let mut best: Option<usize> = None;
    let total = 5usize.pow(n as u32);
    for code in 0..total {
        let mut c = code;
        let mut preds = Vec::with_capacity(n);
        let mut ok = true;
        let mut changes = 0;
        for e in roster {
            let p = all[c % 5];
            c /= 5;
            if p != e.predicate {
                changes += 1;
                if pol.calibration_direction == CalibrationDirection::LowerOnly && p > e.predicate {
                    ok = false;
                    break;
                }
            }
            preds.push(p);
        }
        if ok && best.is_none_or(|b| changes < b) && passes(org, &preds, pol) {
            best = Some(changes);
        }
    }
    best
}

const ALL_ORDERED: [Predicate; 5] = [
    Predicate::VeryPoor,
    Predicate::PoorMisconduct,
    Predicate::NeedsImprovement,
    Predicate::Good,
    Predicate::VeryGood,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn counts_check_equals_roster_check(
        org in org_strategy(), counts in proptest::array::uniform5(0u64..9), pol in policy_strategy()
    ) {
        use kinerja_core::org::{check_counts, count_violations};
        let mut roster = Vec::new();
        for (i, n) in counts.iter().enumerate() {
            for k in 0..*n {
                roster.push((format!("e{i}-{k}"), ALL_ORDERED[i]));
            }
        }
        let full = check_distribution(org, &roster, &pol).unwrap();
        let by_counts = check_counts(org, &counts, &pol).unwrap();
        prop_assert_eq!(&by_counts, &full);
        let brief = count_violations(org, &counts, &pol).unwrap();
        prop_assert_eq!(brief, full.violations().cloned().collect::<Vec<_>>());
    }

    #[test]
    fn calibration_is_correct_minimal_and_order_independent(
        org in org_strategy(), roster in roster_strategy(7), pol in policy_strategy(), rot in 0usize..7
    ) {
        let mut roster = roster;
        roster.sort_by(|a, b| a.employee.cmp(&b.employee));
        roster.dedup_by(|a, b| a.employee == b.employee);
        let r = calibrate(org, &roster, &pol).unwrap();
        let before = check_distribution(org, &roster.iter().map(|e| (e.employee.clone(), e.predicate)).collect::<Vec<_>>(), &pol).unwrap();
        prop_assert_eq!(r.needed, !before.passed);
        if before.passed {
            prop_assert!(r.changes.is_empty());
        }
        let bf = brute_force(org, &roster, &pol);
        prop_assert_eq!(r.feasible, bf.is_some(), "feasibility differs from brute force");
        if r.feasible {
            let after = apply(&roster, &r);
            prop_assert!(check_distribution(org, &after, &pol).unwrap().passed);
            prop_assert_eq!(Some(r.changes.len()), bf, "not minimal");
            for ch in &r.changes {
                let orig = roster.iter().find(|e| e.employee == ch.employee).unwrap();
                prop_assert_eq!(orig.predicate, ch.from);
                prop_assert_ne!(ch.from, ch.to);
                if pol.calibration_direction == CalibrationDirection::LowerOnly {
                    prop_assert!(ch.to < ch.from);
                }
            }
        } else {
            prop_assert!(r.changes.is_empty());
        }
        // Order independence.
        let mut shuffled = roster.clone();
        shuffled.reverse();
        if !shuffled.is_empty() {
            let k = rot % shuffled.len();
            shuffled.rotate_left(k);
        }
        let r2 = calibrate(org, &shuffled, &pol).unwrap();
        prop_assert_eq!(&r.changes, &r2.changes);
        prop_assert_eq!(r.feasible, r2.feasible);
    }

    #[test]
    fn calibration_larger_units(org in org_strategy(), roster in roster_strategy(400), pol in policy_strategy()) {
        let mut roster = roster;
        roster.sort_by(|a, b| a.employee.cmp(&b.employee));
        roster.dedup_by(|a, b| a.employee == b.employee);
        let r = calibrate(org, &roster, &pol).unwrap();
        if r.feasible {
            prop_assert!(check_distribution(org, &apply(&roster, &r), &pol).unwrap().passed);
        }
        let mut rev = roster.clone();
        rev.reverse();
        prop_assert_eq!(&calibrate(org, &rev, &pol).unwrap().changes, &r.changes);
    }
}

#[test]
fn calibration_picks_weakest_first_and_explains() {
    let roster: Vec<CalibrationEntry> = (0..10)
        .map(|i| CalibrationEntry {
            employee: format!("e{i}"),
            predicate: Predicate::VeryGood,
            achievement: Some(Decimal::from(100 + i)),
        })
        .collect();
    let r = calibrate(OrgPredicate::Outstanding, &roster, &OrgPolicy::default()).unwrap();
    let moved: Vec<&str> = r.changes.iter().map(|c| c.employee.as_str()).collect();
    assert_eq!(moved, ["e0", "e1", "e2"]);
    assert!(r.changes.iter().all(|c| c.to == Predicate::Good));
    let text = r.trace.to_text(Lang::En);
    assert!(text.contains("Very good count (10) exceeds the limit 7"), "{text}");
    assert!(r.trace.to_text(Lang::Id).contains("melebihi batas 7"));
    let by_id = OrgPolicy { calibration_order: CalibrationOrder::ById, ..Default::default() };
    let mut rev = roster.clone();
    rev.reverse();
    let r = calibrate(OrgPredicate::Outstanding, &rev, &by_id).unwrap();
    assert_eq!(r.changes.iter().map(|c| c.employee.as_str()).collect::<Vec<_>>(), ["e0", "e1", "e2"]);
}

#[test]
fn baik_unit_of_one() {
    let one = vec![CalibrationEntry { employee: "x".into(), predicate: Predicate::Good, achievement: None }];
    let r = calibrate(OrgPredicate::Good, &one, &OrgPolicy::default()).unwrap();
    assert!(r.feasible);
    assert_eq!(r.changes[0].to, Predicate::NeedsImprovement);
    // A policy that drops the "at least one" rule below 4 people: max Baik = floor(0.7) = 0 still applies.
    let pol = OrgPolicy { at_least_one_min_headcount: 4, ..Default::default() };
    let rep = check_distribution(OrgPredicate::Good, &[("x".into(), Predicate::VeryGood)], &pol).unwrap();
    assert!(rep.passed);
    assert_eq!(rep.constraints.len(), 1);
    // Very poor unit of one: infeasible.
    let r = calibrate(OrgPredicate::VeryPoor, &one, &OrgPolicy::default()).unwrap();
    assert!(!r.feasible && r.changes.is_empty());
    assert!(r.infeasible.unwrap().id.contains("C-2"));
}

#[test]
fn hundred_thousand_employee_unit() {
    let n = 100_000usize;
    let units = vec![unit("big", None)];
    let employees: Vec<Employee> = (0..n).map(|i| emp(&format!("e{i:06}"), "big", i == 0)).collect();
    let s = OrgStructure::new(units, vec![], employees).unwrap();
    let preds: Vec<(String, Predicate)> = (0..n).map(|i| (format!("e{i:06}"), Predicate::Good)).collect();
    let start = std::time::Instant::now();
    let rep = check_unit_distribution(&s, "big", OrgPredicate::Good, &preds, &OrgPolicy::default()).unwrap();
    assert_eq!(rep.headcount, 100_000);
    assert!(!rep.passed);
    let not_head = OrgPolicy { head_counted: false, ..Default::default() };
    let rep2 = check_unit_distribution(&s, "big", OrgPredicate::Good, &preds, &not_head).unwrap();
    assert_eq!(rep2.headcount, 99_999);
    assert_eq!(rep2.excluded.len(), 1);
    let roster: Vec<CalibrationEntry> = (0..n)
        .map(|i| CalibrationEntry {
            employee: format!("e{i:06}"),
            predicate: if i % 3 == 0 { Predicate::VeryGood } else { Predicate::Good },
            achievement: Some(Decimal::from((i * 37) % 1000)),
        })
        .collect();
    let r = calibrate(OrgPredicate::NeedsImprovement, &roster, &OrgPolicy::default()).unwrap();
    assert!(r.feasible);
    assert!(r.after.as_ref().unwrap().passed);
    assert_eq!(r.changes.len(), 60_000);
    assert!(start.elapsed().as_secs() < 30, "too slow: {:?}", start.elapsed());
}

#[test]
fn unit_distribution_rejects_foreign_and_duplicate_employees() {
    let s = OrgStructure::new(
        vec![unit("a", None), unit("b", Some("a"))],
        vec![],
        vec![emp("x", "a", true), emp("y", "b", false)],
    )
    .unwrap();
    let pol = OrgPolicy::default();
    let e = check_unit_distribution(&s, "a", OrgPredicate::Good, &[("y".into(), Predicate::Good)], &pol)
        .unwrap_err();
    assert!(matches!(e, Error::Organisation { .. }), "{e}");
    assert!(e.to_string().contains("employee `y`"), "{e}");
    let e = check_unit_distribution(&s, "a", OrgPredicate::Good, &[("z".into(), Predicate::Good)], &pol)
        .unwrap_err();
    assert!(matches!(e, Error::Unknown { .. }));
    let e = check_unit_distribution(&s, "nope", OrgPredicate::Good, &[], &pol).unwrap_err();
    assert!(matches!(e, Error::Unknown { .. }));
    let dup = [("x".to_string(), Predicate::Good), ("x".to_string(), Predicate::Good)];
    let e = check_unit_distribution(&s, "a", OrgPredicate::Good, &dup, &pol).unwrap_err();
    assert!(matches!(e, Error::Duplicate { .. }));
}

// ---------------------------------------------------------------- structure

#[test]
fn ten_thousand_deep_chain() {
    let depth = 10_000usize;
    let mut units = Vec::with_capacity(depth);
    let mut employees = Vec::with_capacity(depth);
    let mut plans = Vec::with_capacity(depth);
    for i in 0..depth {
        let parent = if i == 0 { None } else { Some(format!("u{}", i - 1)) };
        units.push(OrgUnit { id: format!("u{i}"), name: format!("U{i}"), parent, head: None });
        let e = emp(&format!("h{i}"), &format!("u{i}"), true);
        let p = if i == 0 { "g0".to_string() } else { format!("h{}/r", i - 1) };
        plans.push(plan(&e, vec![rhk("r", ResultKind::Primary, Some(&p))]));
        employees.push(e);
    }
    let goals = vec![goal("g0", "u0", dec!(100), Some(dec!(90)), None)];
    // Reverse the input order so that parents come after children.
    units.reverse();
    let s = OrgStructure::new(units, goals, employees).unwrap();
    assert_eq!(s.depth("u9999").unwrap(), 9999);
    assert_eq!(s.ancestors("u9999").unwrap().len(), 9999);
    assert_eq!(s.descendants("u0").unwrap().len(), 9999);
    assert!(s.is_ancestor_or_self("u0", "u9999").unwrap());
    let r = align(&s, &plans, None, &Policy::default()).unwrap();
    // Only the deepest head's RHK lacks support (a head without subordinates is not flagged).
    assert!(r.problems.is_empty(), "{:?}", r.problems.first());
    assert_eq!(r.organisation.rhk_coverage, Some(dec!(100.00)));
    let text = r.contribution_text(Lang::En);
    assert!(text.contains("[9999] └ RHK h9998/r"), "deep nodes show their depth");
    assert!(text.len() < 2_000_000);
    let _json = serde_json::to_string(&r).unwrap();
    let mut pol = Policy::default();
    pol.organisation.rollup = RollupMode::OwnOrChildren;
    let perf = unit_performance(&s, &BTreeMap::new(), &pol).unwrap();
    assert_eq!(perf.unit("u0").unwrap().value, Some(dec!(90.00)));
    assert_eq!(perf.unit("u5000").unwrap().value, None);
}

#[test]
fn deep_cycle_is_located_error() {
    let n = 10_000usize;
    let units: Vec<OrgUnit> = (0..n)
        .map(|i| OrgUnit {
            id: format!("u{i}"),
            name: String::new(),
            parent: Some(format!("u{}", (i + 1) % n)),
            head: None,
        })
        .collect();
    let e = OrgStructure::new(units, vec![], vec![]).unwrap_err();
    assert!(matches!(e, Error::Organisation { .. }));
    assert!(e.to_string().contains("cycle in unit parents"), "{e}");
    assert!(e.to_string().len() < 1000);
}

#[test]
fn hostile_structures() {
    let goals = vec![goal("g", "a", dec!(10), None, None), goal("g", "a", dec!(10), None, None)];
    let e = OrgStructure::new(vec![unit("a", None)], goals, vec![]).unwrap_err();
    assert!(matches!(e, Error::Duplicate { ref kind, .. } if kind == "unit goal"), "{e}");
    let e = OrgStructure::new(vec![unit("a", None)], vec![goal("g", "zz", dec!(1), None, None)], vec![])
        .unwrap_err();
    assert!(matches!(e, Error::Unknown { ref id, .. } if id == "zz"), "{e}");
    let mut bad = goal("g", "a", dec!(1), None, None);
    bad.target = Target::Range { low: dec!(5), high: dec!(1) };
    let e = OrgStructure::new(vec![unit("a", None)], vec![bad], vec![]).unwrap_err();
    assert!(matches!(e, Error::Indicator { .. }), "{e}");
    let e =
        OrgStructure::new(vec![unit("a", None)], vec![], vec![emp("x", "a", false), emp("x", "a", false)])
            .unwrap_err();
    assert!(matches!(e, Error::Duplicate { ref kind, .. } if kind == "employee"), "{e}");
    let mut ua = unit("a", None);
    ua.head = Some("ghost".into());
    let e = OrgStructure::new(vec![ua], vec![], vec![]).unwrap_err();
    assert!(matches!(e, Error::Unknown { ref id, .. } if id == "ghost"), "{e}");
    let mut ua = unit("a", None);
    ua.head = Some("x".into());
    let e =
        OrgStructure::new(vec![ua, unit("b", Some("a"))], vec![], vec![emp("x", "b", false)]).unwrap_err();
    assert!(e.to_string().contains("head `x` is an employee of unit `b`"), "{e}");
    let e = OrgStructure::new(vec![unit("", None)], vec![], vec![]).unwrap_err();
    assert!(matches!(e, Error::Input { .. }));
    let e = OrgStructure::new(
        vec![unit("a", Some("b")), unit("b", Some("c")), unit("c", Some("a"))],
        vec![],
        vec![],
    )
    .unwrap_err();
    assert!(e.to_string().contains("→"), "{e}");
}

// ---------------------------------------------------------------- alignment

fn sample_org() -> (OrgStructure, Vec<Plan>) {
    let units = vec![unit("dinkes", None), unit("yankes", Some("dinkes")), unit("p2p", Some("dinkes"))];
    let goals = vec![
        goal("iku-1", "dinkes", dec!(90), Some(dec!(92)), Some(dec!(60))),
        goal("iku-2", "dinkes", dec!(100), Some(dec!(80)), Some(dec!(40))),
        goal("iku-3", "yankes", dec!(100), None, None),
    ];
    let kadis = emp("kadis", "dinkes", true);
    let kabid = emp("kabid", "yankes", true);
    let staf1 = emp("staf1", "yankes", false);
    let staf2 = emp("staf2", "p2p", false);
    let employees = vec![kadis.clone(), kabid.clone(), staf1.clone(), staf2.clone()];
    let s = OrgStructure::new(units, goals, employees).unwrap();
    let plans = vec![
        plan(
            &kadis,
            vec![
                rhk("r1", ResultKind::Primary, Some("iku-1")),
                rhk("r2", ResultKind::Primary, Some("iku-2")),
            ],
        ),
        plan(
            &kabid,
            vec![
                rhk("r1", ResultKind::Primary, Some("kadis/r1")),
                rhk("r2", ResultKind::Primary, Some("r2")), // ambiguous? bare r2 of others: kadis only → ok
                rhk("x", ResultKind::Additional, None),
            ],
        ),
        plan(
            &staf1,
            vec![
                rhk("r1", ResultKind::Primary, Some("kabid/r1")),
                rhk("r9", ResultKind::Primary, Some("r1")), // ambiguous: kadis/r1 and kabid/r1
                rhk("r8", ResultKind::Primary, None),       // orphan
                rhk("r7", ResultKind::Primary, Some("nothing")),
            ],
        ),
        plan(
            &staf2,
            vec![
                rhk("s1", ResultKind::Primary, Some("kabid/r2")),
                rhk("c1", ResultKind::Primary, Some("staf2/c2")),
                rhk("c2", ResultKind::Primary, Some("staf2/c1")),
            ],
        ),
    ];
    (s, plans)
}

#[test]
fn alignment_problems_and_coverage() {
    let (s, plans) = sample_org();
    let r = align(&s, &plans, None, &Policy::default()).unwrap();
    let kinds: Vec<(ProblemKind, &str)> = r.problems.iter().map(|p| (p.kind, p.item.as_str())).collect();
    assert!(kinds.contains(&(ProblemKind::AmbiguousTarget, "staf1/r9")), "{kinds:?}");
    assert!(kinds.contains(&(ProblemKind::OrphanPrimary, "staf1/r8")));
    assert!(kinds.contains(&(ProblemKind::UnknownTarget, "staf1/r7")));
    assert!(kinds.contains(&(ProblemKind::CrossUnit, "staf2/s1")));
    assert!(kinds.iter().any(|(k, i)| *k == ProblemKind::Cycle && i.starts_with("staf2/c")));
    assert!(kinds.contains(&(ProblemKind::UnsupportedGoal, "iku-3")));
    // kabid/r2 is supported only by a cross-unit link → unsupported.
    assert!(kinds.contains(&(ProblemKind::UnsupportedRhk, "kabid/r2")));
    assert!(!kinds.iter().any(|(_, i)| *i == "kadis/r1"));
    let yankes = r.units.iter().find(|u| u.unit == "yankes").unwrap();
    // kabid r1, r2 aligned; staf1 r1 aligned; r9, r8, r7 not: 3/6.
    assert_eq!((yankes.aligned_rhk, yankes.primary_rhk), (3, 6));
    assert_eq!(yankes.rhk_coverage, Some(dec!(50.00)));
    assert_eq!(yankes.goal_coverage, Some(dec!(0.00)));
    let dinkes = r.units.iter().find(|u| u.unit == "dinkes").unwrap();
    assert_eq!(dinkes.goal_coverage, Some(dec!(100.00)));
    assert_eq!((r.organisation.aligned_rhk, r.organisation.primary_rhk), (5, 11));
    let en = r.contribution_text(Lang::En);
    assert!(en.contains("● Goal iku-1"), "{en}");
    assert!(en.contains("    └ RHK staf1/r1 [Direct]"), "{en}");
    assert!(en.contains("ambiguous"), "{en}");
    let id = r.contribution_text(Lang::Id);
    assert!(id.contains("Sasaran unit didukung"), "{id}");
    assert!(id.contains("[Langsung]"), "{id}");
}

#[test]
fn alignment_rejects_unknown_and_duplicate_plans() {
    let (s, plans) = sample_org();
    let stranger = plan(&emp("nobody", "dinkes", false), vec![]);
    let e = align(&s, &[stranger], None, &Policy::default()).unwrap_err();
    assert!(matches!(e, Error::Unknown { ref id, .. } if id == "nobody"));
    let twice = vec![plans[0].clone(), plans[0].clone()];
    let e = align(&s, &twice, None, &Policy::default()).unwrap_err();
    assert!(matches!(e, Error::Duplicate { ref kind, .. } if kind == "plan"));
}

// ---------------------------------------------------------------- roll-up

#[test]
fn rollup_weighted_and_blend_with_advice() {
    let (s, _) = sample_org();
    let mut given = BTreeMap::new();
    given.insert("yankes".to_string(), OrgPredicate::Good);
    let mut pol = Policy::default();
    let p = unit_performance(&s, &given, &pol).unwrap();
    // iku-1: 92/90 = 102.222…%, weight 0.6; iku-2: 80 %, weight 0.4 → 93.333…
    let d = p.unit("dinkes").unwrap();
    assert_eq!(d.value, Some(dec!(93.33)));
    assert_eq!(d.goals[0].achievement, dec!(102.22));
    assert!(d.predicate.is_none());
    let y = p.unit("yankes").unwrap();
    assert_eq!(y.excluded_goals, vec!["iku-3".to_string()]);
    assert_eq!(y.value, None);
    assert_eq!(y.predicate, Some(OrgPredicate::Good));
    pol.organisation.advisory_bands = vec![
        OrgAdvisoryBand { min: dec!(100), predicate: OrgPredicate::Outstanding },
        OrgAdvisoryBand { min: dec!(90), predicate: OrgPredicate::Good },
    ];
    pol.organisation.rollup = RollupMode::Blend;
    pol.organisation.children_share = dec!(25);
    pol.validate().unwrap();
    let pol = pol.with_provenance();
    let p = unit_performance(&s, &given, &pol).unwrap();
    // Children have no values, so the blend falls back to the own value.
    let d = p.unit("dinkes").unwrap();
    assert_eq!(d.value, Some(dec!(93.33)));
    assert_eq!(d.advised_predicate, Some(OrgPredicate::Good));
    assert!(d.trace.to_text(Lang::En).contains("[local policy] organisation.advisory_bands"));
}

#[test]
fn rollup_errors_are_located() {
    let goals = vec![
        goal("a1", "a", dec!(10), Some(dec!(5)), Some(dec!(1))),
        goal("a2", "a", dec!(10), Some(dec!(5)), None),
    ];
    let s = OrgStructure::new(vec![unit("a", None)], goals, vec![]).unwrap();
    let e = unit_performance(&s, &BTreeMap::new(), &Policy::default()).unwrap_err();
    assert!(e.to_string().contains("unit `a`, indicator `a2`"), "{e}");
    let s =
        OrgStructure::new(vec![unit("a", None)], vec![goal("z", "a", dec!(0), Some(dec!(5)), None)], vec![])
            .unwrap();
    let e = unit_performance(&s, &BTreeMap::new(), &Policy::default()).unwrap_err();
    assert!(e.to_string().contains("indicator `z`"), "{e}");
    let s = OrgStructure::new(vec![unit("a", None)], vec![], vec![]).unwrap();
    let mut given = BTreeMap::new();
    given.insert("q".to_string(), OrgPredicate::Good);
    assert!(matches!(unit_performance(&s, &given, &Policy::default()).unwrap_err(), Error::Unknown { .. }));
}

#[test]
fn blend_with_children() {
    let units = vec![unit("p", None), unit("c1", Some("p")), unit("c2", Some("p"))];
    let goals = vec![
        goal("gp", "p", dec!(100), Some(dec!(100)), None),
        goal("g1", "c1", dec!(100), Some(dec!(80)), None),
        goal("g2", "c2", dec!(100), Some(dec!(60)), None),
    ];
    let s = OrgStructure::new(units, goals, vec![]).unwrap();
    let mut pol = Policy::default();
    pol.organisation.rollup = RollupMode::Blend;
    pol.organisation.children_share = dec!(40);
    let p = unit_performance(&s, &BTreeMap::new(), &pol).unwrap();
    // 0.6 × 100 + 0.4 × 70 = 88
    assert_eq!(p.unit("p").unwrap().value, Some(dec!(88.00)));
}

// ---------------------------------------------------------------- ranking & policy

#[test]
fn ranking_is_order_independent() {
    let mk = |id: &str, p: Predicate, a: Option<Decimal>| RankInput {
        employee: id.into(),
        predicate: p,
        achievement: a,
    };
    let v = vec![
        mk("d", Predicate::Good, Some(dec!(90))),
        mk("a", Predicate::Good, Some(dec!(90))),
        mk("c", Predicate::VeryGood, None),
        mk("b", Predicate::Good, None),
    ];
    let r = rank_unit(&v, true).unwrap();
    let ids: Vec<&str> = r.iter().map(|x| x.employee.as_str()).collect();
    assert_eq!(ids, ["c", "a", "d", "b"]);
    assert!(r[2].tied_with_previous);
    let mut rev = v.clone();
    rev.reverse();
    assert_eq!(rank_unit(&rev, true).unwrap(), r);
    let r = rank_unit(&v, false).unwrap();
    assert_eq!(r.iter().map(|x| x.employee.as_str()).collect::<Vec<_>>(), ["c", "a", "b", "d"]);
    let dup = vec![mk("a", Predicate::Good, None), mk("a", Predicate::Good, None)];
    assert!(matches!(rank_unit(&dup, true).unwrap_err(), Error::Duplicate { .. }));
}

#[test]
fn policy_file_round_trip_and_errors() {
    let p = Policy::from_toml(
        "[organisation]\nmax_rounding = \"ceil\"\nhead_counted = false\ncalibration_order = \"by_id\"\n",
    )
    .unwrap();
    assert_eq!(p.organisation.max_rounding, CountRounding::Ceil);
    assert!(!p.organisation.head_counted);
    let e = Policy::from_toml(
        "[organisation]\nadvisory_bands = [{min = \"80\", predicate = \"good\"}, {min = \"85\", predicate = \"poor\"}]\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("organisation.advisory_bands[1].min"), "{e}");
    let e = Policy::from_toml("[organisation]\nbogus = 1\n").unwrap_err();
    assert!(e.to_string().contains("bogus"), "{e}");
    assert!(Policy::json_schema().contains("at_least_one_min_headcount"));
}

// ---------------------------------------------------------------- more

#[test]
fn raising_takes_strongest_first() {
    let roster: Vec<CalibrationEntry> = (0..10)
        .map(|i| CalibrationEntry {
            employee: format!("e{i}"),
            predicate: Predicate::VeryPoor,
            achievement: if i == 9 { None } else { Some(Decimal::from(50 + i)) },
        })
        .collect();
    let r = calibrate(OrgPredicate::NeedsImprovement, &roster, &OrgPolicy::default()).unwrap();
    let moved: Vec<&str> = r.changes.iter().map(|c| c.employee.as_str()).collect();
    // 6 must become BP; the highest achievements first, the one without achievement last.
    assert_eq!(moved, ["e3", "e4", "e5", "e6", "e7", "e8"]);
    assert!(r.changes.iter().all(|c| c.to == Predicate::NeedsImprovement));
}

#[test]
fn calibrate_unit_leaves_head_out() {
    let employees: Vec<Employee> = (0..4).map(|i| emp(&format!("e{i}"), "u", i == 0)).collect();
    let s = OrgStructure::new(vec![unit("u", None)], vec![], employees).unwrap();
    let roster: Vec<CalibrationEntry> = (0..4)
        .map(|i| CalibrationEntry {
            employee: format!("e{i}"),
            predicate: Predicate::Good,
            achievement: None,
        })
        .collect();
    let counted = calibrate_unit(&s, "u", OrgPredicate::Good, &roster, &OrgPolicy::default()).unwrap();
    assert_eq!(counted.before.headcount, 4);
    assert_eq!(counted.changes.len(), 2);
    let pol = OrgPolicy { head_counted: false, ..Default::default() };
    let r = calibrate_unit(&s, "u", OrgPredicate::Good, &roster, &pol).unwrap();
    assert_eq!(r.before.headcount, 3);
    assert_eq!(r.before.excluded[0].0, "e0");
    // 3 counted: Baik ≤ 2, ≥ 1 BP/K → one change, never the head.
    assert_eq!(r.changes.len(), 1);
    assert_ne!(r.changes[0].employee, "e0");
    assert_eq!(r.after.unwrap().excluded.len(), 1);
}

#[test]
fn contribution_tree_with_evaluations() {
    use kinerja_core::achievement::AchievementRule;
    use kinerja_core::explain::{BiText, Trace};
    use kinerja_core::rules::RegimeId;
    use kinerja_core::{Evaluation, IndicatorResult};
    let (s, plans) = sample_org();
    let ind = |result: &str, a: Decimal| IndicatorResult {
        indicator: format!("i-{result}-{a}"),
        name: String::new(),
        result: result.into(),
        kind: ResultKind::Primary,
        polarity: Polarity::HigherIsBetter,
        aggregation: Aggregation::Cumulative,
        target: Target::Point(dec!(100)),
        actual: a,
        achievement: a,
        achievement_raw: a,
        rule: AchievementRule::Normal,
        weight: Decimal::ZERO,
        score: None,
    };
    let ev = Evaluation {
        employee: "staf1".into(),
        name: "staf1".into(),
        unit: "yankes".into(),
        period: "2024".parse().unwrap(),
        regime: RegimeId::Permenpanrb6_2022,
        policy_id: "national-default".into(),
        policy_version: "1".into(),
        indicators: vec![ind("r1", dec!(90)), ind("r1", dec!(95))],
        weighted_achievement: Some(dec!(92.5)),
        weights_normalised: false,
        advised_rating: None,
        work_result: Some(Rating::Meets),
        work_result_source: None,
        disagreement: false,
        behaviour: Some(Rating::Meets),
        score: None,
        predicate: Predicate::Good,
        notes: vec![BiText::same("")],
        trace: Trace::default(),
    };
    let entry = CalibrationEntry::from_evaluation(&ev);
    assert_eq!(entry.achievement, Some(dec!(92.5)));
    let mut evs = BTreeMap::new();
    evs.insert("staf1".to_string(), ev);
    let r = align(&s, &plans, Some(&evs), &Policy::default()).unwrap();
    let node = r.nodes.iter().find(|n| n.id == "staf1/r1").unwrap();
    assert_eq!(node.achievement, Some(dec!(92.50)));
    assert_eq!(node.predicate, Some(Predicate::Good));
    let text = r.contribution_text(Lang::Id);
    assert!(text.contains("staf1/r1 [Langsung]: RHK r1; capaian 92,50%; predikat Baik"), "{text}");
}

#[test]
fn long_rhk_cycle_is_reported_not_overflowing() {
    let n = 10_000usize;
    let employees: Vec<Employee> = (0..n).map(|i| emp(&format!("e{i}"), "u", false)).collect();
    let s = OrgStructure::new(vec![unit("u", None)], vec![], employees.clone()).unwrap();
    let plans: Vec<Plan> = employees
        .iter()
        .enumerate()
        .map(|(i, e)| plan(e, vec![rhk("r", ResultKind::Primary, Some(&format!("e{}/r", (i + 1) % n)))]))
        .collect();
    let r = align(&s, &plans, None, &Policy::default()).unwrap();
    let cycles: Vec<_> = r.problems.iter().filter(|p| p.kind == ProblemKind::Cycle).collect();
    assert_eq!(cycles.len(), 1);
    assert!(cycles[0].message.en.contains("→ …"));
    assert_eq!(r.organisation.aligned_rhk, 0);
    assert_eq!(r.roots.len(), n);
}

#[test]
fn golden_alignment() {
    let g = golden("org_alignment.json");
    for c in g["cases"].as_array().unwrap() {
        let s = OrgStructure::from_json(&c["input"]["organisation"].to_string()).unwrap();
        let plans: Vec<Plan> = serde_json::from_value(c["input"]["plans"].clone()).unwrap();
        let r = align(&s, &plans, None, &Policy::default()).unwrap();
        let got: Vec<Value> = r
            .problems
            .iter()
            .map(|p| serde_json::json!([p.unit, serde_json::to_value(p.kind).unwrap(), p.item]))
            .collect();
        assert_eq!(Value::Array(got), c["expected"]["problems"]);
        assert_eq!(serde_json::to_value(&r.units).unwrap(), c["expected"]["units"]);
        assert_eq!(serde_json::to_value(&r.organisation).unwrap(), c["expected"]["organisation"]);
    }
}

#[test]
fn golden_rollup() {
    let g = golden("org_rollup.json");
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let s = OrgStructure::from_json(&c["input"]["organisation"].to_string()).unwrap();
        let pol = Policy::from_json(&c["input"]["policy"].to_string()).unwrap();
        let given: BTreeMap<String, OrgPredicate> =
            serde_json::from_value(c["input"]["given"].clone()).unwrap();
        let p = unit_performance(&s, &given, &pol).unwrap();
        for (u, want) in c["expected"]["units"].as_object().unwrap() {
            let got = p.unit(u).unwrap();
            assert_eq!(
                got.value.map(|v| v.to_string()),
                want["value"].as_str().map(String::from),
                "{id} {u}"
            );
            let pv =
                |x: Option<OrgPredicate>| x.map(|p| serde_json::to_value(p).unwrap()).unwrap_or(Value::Null);
            assert_eq!(pv(got.advised_predicate), want["advised"], "{id} {u}");
            assert_eq!(pv(got.predicate), want["predicate"], "{id} {u}");
        }
    }
}

#[test]
fn alignment_cites_the_cascading_rule_everywhere() {
    use kinerja_core::explain::Authority;
    use kinerja_core::org::alignment::AlignmentReport;
    let (s, plans) = sample_org();
    let r = align(&s, &plans, None, &Policy::default()).unwrap();
    assert!(!r.problems.is_empty() && !r.nodes.is_empty());
    for p in &r.problems {
        assert!(p.citation.reference.contains("PermenPANRB 6/2022"), "{p:?}");
        assert_eq!(p.citation, p.kind.citation());
    }
    for n in &r.nodes {
        assert!(n.citation.reference.contains("PermenPANRB 6/2022"), "{n:?}");
    }
    // law for the link itself, a documented convention where the engine chooses
    let of = |k: ProblemKind| r.problems.iter().find(|p| p.kind == k).unwrap().citation.authority;
    assert_eq!(of(ProblemKind::OrphanPrimary), Authority::Law);
    assert_eq!(of(ProblemKind::CrossUnit), Authority::Unconfirmed);
    for lang in [Lang::Id, Lang::En] {
        let t = r.contribution_text(lang);
        assert!(t.contains("PermenPANRB 6/2022, Lampiran: intervensi kinerja"), "{t}");
        let problem_lines = t.lines().filter(|l| l.starts_with("- [")).count();
        assert_eq!(problem_lines, r.problems.len());
        assert!(t.lines().filter(|l| l.starts_with("- [")).all(|l| l.contains("PermenPANRB 6/2022")), "{t}");
    }
    assert!(r.contribution_text(Lang::Id).contains("[belum terkonfirmasi]"));
    assert!(r.contribution_text(Lang::En).contains("[unconfirmed]"));
    // the data carries the citations and reads back
    let j = serde_json::to_value(&r).unwrap();
    assert!(j["problems"][0]["citation"]["reference"].as_str().unwrap().contains("PermenPANRB 6/2022"));
    assert!(j["nodes"][0]["citation"]["reference"].as_str().unwrap().contains("PermenPANRB 6/2022"));
    let back: AlignmentReport = serde_json::from_value(j).unwrap();
    assert_eq!(back, r);
}
