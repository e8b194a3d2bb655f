//! Batch scoring against the scalar API: identical results on random inputs (including
//! values that force the `rust_decimal` fallback), order independence, and error handling.

#![allow(clippy::result_large_err)]

use kinerja_core::batch::*;
use kinerja_core::explain::Labelled;
use kinerja_core::model::{Plan, Predicate, Rating};
use kinerja_core::num::RoundingMode;
use kinerja_core::period::Period;
use kinerja_core::rules::{AdvisoryBand, Ruleset};
use kinerja_core::{Error, regime};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::json;

/// One generated indicator row.
#[derive(Debug, Clone)]
struct Row {
    target: Option<(i128, u32)>,
    range: Option<((i128, u32), (i128, u32))>,
    actual: Option<i128>,
    lower: bool,
    weight: Option<i128>,
    cap: Option<i128>,
}

#[derive(Debug, Clone)]
struct Emp {
    rows: Vec<Row>,
    work: Option<Rating>,
    behaviour: Option<Rating>,
}

const A_SCALE: u32 = 2;
const W_SCALE: u32 = 1;
const C_SCALE: u32 = 0;

fn dec(m: i128, s: u32) -> Decimal {
    Decimal::from_i128_with_scale(m, s)
}

fn rating() -> impl Strategy<Value = Option<Rating>> {
    prop_oneof![
        1 => Just(None),
        3 => prop_oneof![Just(Rating::Below), Just(Rating::Meets), Just(Rating::Above)].prop_map(Some),
    ]
}

fn mantissa() -> impl Strategy<Value = i128> {
    prop_oneof![
        6 => 0i128..200_000,
        1 => Just(0i128),
        // huge (past 64 bits: the fallback) and still within the input limits `evaluate` applies
        1 => (1i128..10).prop_map(|x| x * 10_000_000_000_000_000_000i128),
        1 => 1i128..10,
    ]
}

fn row(weighted: bool, scale: u32) -> impl Strategy<Value = Row> {
    (
        mantissa(),
        prop::bool::weighted(0.15),
        mantissa(),
        prop::bool::weighted(0.03),
        any::<bool>(),
        prop_oneof![19 => 0i128..500, 1 => -50i128..0],
        prop::option::weighted(0.2, 1i128..200),
        mantissa(),
        prop::bool::weighted(0.1),
    )
        .prop_map(move |(t, is_range, a, a_null, lower, w, cap, t2, inverted)| {
            let (target, range) = if is_range {
                // now and then a range written high to low (refused)
                let (lo, hi) = if (t <= t2) != inverted { (t, t2) } else { (t2, t) };
                (None, Some(((lo, scale), (hi, scale))))
            } else {
                (Some((t, scale)), None)
            };
            Row { target, range, actual: (!a_null).then_some(a), lower, weight: weighted.then_some(w), cap }
        })
}

fn emp(scale: u32) -> impl Strategy<Value = Emp> {
    any::<bool>().prop_flat_map(move |weighted| {
        (prop::collection::vec(row(weighted, scale), 0..6), rating(), rating())
            .prop_map(|(rows, work, behaviour)| Emp { rows, work, behaviour })
    })
}

fn policy_strategy() -> impl Strategy<Value = Ruleset> {
    (
        any::<bool>(),
        any::<bool>(),
        0u32..4,
        0u32..4,
        prop_oneof![Just(RoundingMode::HalfUp), Just(RoundingMode::HalfEven), Just(RoundingMode::Truncate)],
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(100), Just(105), Just(0)],
    )
        .prop_map(|(ratio, floor, s1, s2, mode, bands, zero_conv, exclude, rounded_inputs, inside)| {
            let mut r = Ruleset::builtin("permenpanrb-6-2022").unwrap();
            let p = &mut r.policy;
            if ratio {
                p.achievement.lower_formula = kinerja_core::achievement::LowerFormula::Ratio;
                p.achievement.ratio_zero_actual = Some(Decimal::from(150));
            }
            p.achievement.floor_at_zero = floor;
            if zero_conv {
                p.achievement.zero_target = kinerja_core::achievement::ZeroTarget::Convention;
            }
            p.rounding.achievement.scale = s1;
            p.rounding.achievement.mode = mode;
            p.rounding.reported.scale = s2;
            p.rounding.reported.mode = mode;
            if bands {
                p.rating.advisory_bands = vec![
                    AdvisoryBand { min: Decimal::new(11000, 2), rating: Rating::Above },
                    AdvisoryBand { min: Decimal::new(9000, 2), rating: Rating::Meets },
                ];
            }
            if exclude {
                p.rating.missing_realisation = kinerja_core::rules::MissingRealisation::Exclude;
            }
            if rounded_inputs {
                p.rounding.mean_inputs = kinerja_core::rules::MeanInputs::Rounded;
            }
            p.achievement.range_inside = Decimal::from(inside);
            r
        })
}

/// The scalar API's evaluation of one generated employee.
fn scalar(e: &Emp, idx: usize, rules: &Ruleset) -> Result<kinerja_core::Evaluation, Error> {
    let indicators: Vec<_> = e
        .rows
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let target = match (r.target, r.range) {
                (Some((m, s)), _) => json!(dec(m, s).to_string()),
                (None, Some((lo, hi))) => {
                    json!({"low": dec(lo.0, lo.1).to_string(), "high": dec(hi.0, hi.1).to_string()})
                }
                _ => unreachable!(),
            };
            let mut v = json!({
                "id": format!("i{k}"),
                "name": format!("indicator {k}"),
                "unit_of_measure": "%",
                "polarity": if r.lower { "lower_is_better" } else { "higher_is_better" },
                "target": target,
            });
            if let Some(w) = r.weight {
                v["weight"] = json!(dec(w, W_SCALE).to_string());
            }
            if let Some(c) = r.cap {
                v["cap"] = json!(dec(c, C_SCALE).to_string());
            }
            v
        })
        .collect();
    let realisations: Vec<_> = e
        .rows
        .iter()
        .enumerate()
        .filter_map(|(k, r)| {
            r.actual.map(|a| json!({"indicator": format!("i{k}"), "period": "2024", "actual": dec(a, A_SCALE).to_string()}))
        })
        .collect();
    let mut assessment = json!({"period": "2024"});
    if let Some(w) = e.work {
        assessment["work_result"] = json!(w.value());
    }
    if let Some(b) = e.behaviour {
        assessment["behaviour"] = json!({"overall": b.value()});
    }
    let results = if indicators.is_empty() {
        json!([])
    } else {
        json!([{"id": "r1", "description": "result", "kind": "primary", "indicators": indicators}])
    };
    let plan = json!({
        "employee": {"id": format!("e{idx}"), "name": "x", "unit": "u", "post_type": "executor", "position": "p"},
        "year": 2024,
        "results": results,
        "realisations": realisations,
        "assessments": [assessment],
    });
    let plan: Plan = serde_json::from_value(plan).expect("plan json");
    regime::evaluate(&plan, "2024".parse::<Period>().unwrap(), rules)
}

/// Owned columns built from generated employees, in the given row order.
struct Cols {
    employee: Vec<u32>,
    target: Vec<i128>,
    target_valid: Vec<u8>,
    low: Vec<i128>,
    high: Vec<i128>,
    range_valid: Vec<u8>,
    actual: Vec<i128>,
    actual_valid: Vec<u8>,
    polarity: Vec<u8>,
    weight: Vec<i128>,
    weight_valid: Vec<u8>,
    cap: Vec<i128>,
    cap_valid: Vec<u8>,
    work: Vec<u8>,
    behaviour: Vec<u8>,
    /// (employee, index within the employee) of each row.
    origin: Vec<(usize, usize)>,
}

fn bitmap(v: &[bool]) -> Vec<u8> {
    let mut b = vec![0u8; v.len().div_ceil(8)];
    for (i, x) in v.iter().enumerate() {
        if *x {
            b[i / 8] |= 1 << (i % 8);
        }
    }
    b
}

fn build(emps: &[Emp], order: &[(usize, usize)], t_scale: u32) -> Cols {
    let rows: Vec<&Row> = order.iter().map(|(e, k)| &emps[*e].rows[*k]).collect();
    let _ = t_scale;
    Cols {
        employee: order.iter().map(|(e, _)| *e as u32).collect(),
        target: rows.iter().map(|r| r.target.map_or(0, |t| t.0)).collect(),
        target_valid: bitmap(&rows.iter().map(|r| r.target.is_some()).collect::<Vec<_>>()),
        low: rows.iter().map(|r| r.range.map_or(0, |t| t.0.0)).collect(),
        high: rows.iter().map(|r| r.range.map_or(0, |t| t.1.0)).collect(),
        range_valid: bitmap(&rows.iter().map(|r| r.range.is_some()).collect::<Vec<_>>()),
        actual: rows.iter().map(|r| r.actual.unwrap_or(0)).collect(),
        actual_valid: bitmap(&rows.iter().map(|r| r.actual.is_some()).collect::<Vec<_>>()),
        polarity: rows.iter().map(|r| u8::from(r.lower)).collect(),
        weight: rows.iter().map(|r| r.weight.unwrap_or(0)).collect(),
        weight_valid: bitmap(&rows.iter().map(|r| r.weight.is_some()).collect::<Vec<_>>()),
        cap: rows.iter().map(|r| r.cap.unwrap_or(0)).collect(),
        cap_valid: bitmap(&rows.iter().map(|r| r.cap.is_some()).collect::<Vec<_>>()),
        work: emps.iter().map(|e| e.work.map_or(u8::MAX, rating_code)).collect(),
        behaviour: emps.iter().map(|e| e.behaviour.map_or(u8::MAX, rating_code)).collect(),
        origin: order.to_vec(),
    }
}

fn run(c: &Cols, t_scale: u32, rules: &Ruleset, on_error: OnError) -> Result<BatchOutput, Error> {
    scored(c, t_scale, rules, on_error).map(|(out, _)| out)
}

/// As [`run`], with each of the output's faults worded ([`Faults::error`]).
fn scored(
    c: &Cols,
    t_scale: u32,
    rules: &Ruleset,
    on_error: OnError,
) -> Result<(BatchOutput, Vec<BatchError>), Error> {
    let ind = columns_of(c, t_scale);
    let emps = EmployeeColumns {
        len: c.work.len(),
        work_rating: Some(CodeColumn::new(&c.work)),
        behaviour: Some(CodeColumn::new(&c.behaviour)),
        ..Default::default()
    };
    let out = score(&ind, &emps, &UnitColumns::default(), &rules.policy, on_error, &NoLabels)?;
    let worded = (0..out.faults.len()).filter_map(|i| out.faults.error(i, &ind, &NoLabels)).collect();
    Ok((out, worded))
}

/// The indicator columns of `c`.
fn columns_of(c: &Cols, t_scale: u32) -> IndicatorColumns<'_> {
    fn b(bytes: &[u8]) -> Bits<'_> {
        Bits { bytes, offset: 0 }
    }
    let mut ind = IndicatorColumns::new(
        &c.employee,
        DecimalColumn::new(&c.target, t_scale).with_validity(b(&c.target_valid)),
        DecimalColumn::new(&c.actual, A_SCALE).with_validity(b(&c.actual_valid)),
    );
    ind.target_low = Some(DecimalColumn::new(&c.low, t_scale).with_validity(b(&c.range_valid)));
    ind.target_high = Some(DecimalColumn::new(&c.high, t_scale).with_validity(b(&c.range_valid)));
    ind.polarity = Some(CodeColumn::new(&c.polarity));
    ind.weight = Some(DecimalColumn::new(&c.weight, W_SCALE).with_validity(b(&c.weight_valid)));
    ind.cap = Some(DecimalColumn::new(&c.cap, C_SCALE).with_validity(b(&c.cap_valid)));
    ind
}

fn check_against_scalar(
    emps: &[Emp],
    c: &Cols,
    out: &BatchOutput,
    rules: &Ruleset,
) -> Result<(), TestCaseError> {
    for (i, e) in emps.iter().enumerate() {
        let s = scalar(e, i, rules);
        match s {
            Ok(ev) => {
                prop_assert!(
                    out.employees.ok[i],
                    "employee {i} should be ok: {:?} errors {:?}",
                    e,
                    out.errors
                );
                prop_assert_eq!(
                    out.employees.weighted_decimal(i),
                    ev.weighted_achievement,
                    "weighted of {}: {:?}",
                    i,
                    e
                );
                prop_assert_eq!(out.employees.advised[i], ev.advised_rating);
                prop_assert_eq!(out.employees.work[i], ev.work_result);
                prop_assert_eq!(out.employees.work_source[i], ev.work_result_source);
                prop_assert_eq!(out.employees.behaviour[i], ev.behaviour);
                prop_assert_eq!(out.employees.predicate[i], Some(ev.predicate));
                prop_assert_eq!(out.employees.disagreement[i], ev.disagreement);
                let noted = ev
                    .notes
                    .iter()
                    .any(|n| n.get(kinerja_core::explain::Lang::En).contains("weights add up to"));
                prop_assert_eq!(out.employees.weights_normalised[i], noted, "weights of {}: {:?}", i, e);
                prop_assert_eq!(ev.weights_normalised, noted, "scalar flag of {}", i);
                for r in &ev.indicators {
                    let k: usize = r.indicator[1..].parse().unwrap();
                    let row = c.origin.iter().position(|o| *o == (i, k)).unwrap();
                    prop_assert_eq!(
                        out.indicators.achievement_decimal(row),
                        Some(r.achievement),
                        "row {} of employee {}: {:?}",
                        k,
                        i,
                        e.rows[k]
                    );
                }
            }
            Err(err) => {
                prop_assert!(!out.employees.ok[i], "employee {i} should fail with {err}: {:?}", e);
                prop_assert!(
                    out.errors.iter().any(|b| b.employee == Some(i as u64)),
                    "no error row for employee {i}"
                );
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn batch_equals_scalar(
        emps in prop::collection::vec(emp(2), 1..12),
        rules in policy_strategy(),
        t_scale in 0u32..4,
        seed in any::<u64>(),
    ) {
        let emps: Vec<Emp> = emps.into_iter().map(|mut e| {
            for r in &mut e.rows {
                if let Some(t) = &mut r.target { t.1 = t_scale; }
                if let Some((lo, hi)) = &mut r.range { lo.1 = t_scale; hi.1 = t_scale; }
            }
            e
        }).collect();
        let sorted: Vec<(usize, usize)> =
            emps.iter().enumerate().flat_map(|(i, e)| (0..e.rows.len()).map(move |k| (i, k))).collect();
        let c = build(&emps, &sorted, t_scale);
        let out = run(&c, t_scale, &rules, OnError::Collect).unwrap();
        check_against_scalar(&emps, &c, &out, &rules)?;

        // Order independence: a shuffled row order (keeping each employee's rows in order)
        // gives the same results per row and per employee.
        let mut shuffled = sorted.clone();
        let mut x = seed | 1;
        for i in (1..shuffled.len()).rev() {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17;
            shuffled.swap(i, (x % (i as u64 + 1)) as usize);
        }
        // restore within-employee order
        let mut next = vec![0usize; emps.len()];
        for o in &mut shuffled {
            let e = o.0;
            *o = (e, next[e]);
            next[e] += 1;
        }
        let c2 = build(&emps, &shuffled, t_scale);
        let out2 = run(&c2, t_scale, &rules, OnError::Collect).unwrap();
        prop_assert_eq!(&out2.employees, &out.employees);
        for (row2, o) in shuffled.iter().enumerate() {
            let row = sorted.iter().position(|s| s == o).unwrap();
            prop_assert_eq!(out2.indicators.achievement_decimal(row2), out.indicators.achievement_decimal(row));
        }

        // Defer gives the same results and errors, left unworded until asked for.
        let (deferred, worded) = scored(&c, t_scale, &rules, OnError::Defer).unwrap();
        prop_assert!(deferred.errors.is_empty());
        prop_assert_eq!(&deferred.employees, &out.employees);
        prop_assert_eq!(&deferred.indicators, &out.indicators);
        prop_assert_eq!(&worded, &out.errors);
        prop_assert_eq!(deferred.faults.len(), out.errors.len());
        prop_assert_eq!(deferred.faults.is_empty(), out.errors.is_empty());
        let at: Vec<(Table, u64)> = out.errors.iter().map(|b| (b.table, b.row)).collect();
        prop_assert_eq!(deferred.faults.iter().collect::<Vec<_>>(), at);
        prop_assert!(deferred.faults.error(deferred.faults.len(), &columns_of(&c, t_scale), &NoLabels).is_none());
        prop_assert_eq!(&out.faults, &deferred.faults);

        // Raise gives the first error of the collected table, or the same results.
        match run(&c, t_scale, &rules, OnError::Raise) {
            Ok(r) => {
                prop_assert!(out.errors.is_empty());
                prop_assert_eq!(r.employees, out.employees);
            }
            Err(e) => prop_assert_eq!(Some(e), out.errors.first().map(|b| b.error.clone())),
        }
    }
}

fn simple(targets: &[i128], actuals: &[i128], emp_of: &[u32], n_emp: usize) -> (Cols, Vec<Emp>) {
    assert_eq!((targets.len(), actuals.len()), (emp_of.len(), emp_of.len()), "one target and actual per row");
    let emps: Vec<Emp> = (0..n_emp)
        .map(|e| Emp {
            rows: emp_of
                .iter()
                .zip(targets.iter().zip(actuals))
                .filter(|(x, _)| **x as usize == e)
                .map(|(_, (t, a))| Row {
                    target: Some((*t, 2)),
                    range: None,
                    actual: Some(*a),
                    lower: false,
                    weight: None,
                    cap: None,
                })
                .collect(),
            work: Some(Rating::Meets),
            behaviour: Some(Rating::Meets),
        })
        .collect();
    let order: Vec<(usize, usize)> =
        emps.iter().enumerate().flat_map(|(i, e)| (0..e.rows.len()).map(move |k| (i, k))).collect();
    (build(&emps, &order, 2), emps)
}

#[test]
fn raise_names_the_lowest_bad_row() {
    let (c, _) = simple(&[10000, 0, 10000, 0], &[9000, 100, 9000, 100], &[0, 1, 2, 3], 4);
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let err = run(&c, 2, &rules, OnError::Raise).unwrap_err();
    match err {
        Error::Indicator { at, field, .. } => {
            assert_eq!(at.row, Some(1));
            assert_eq!(field, "target");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn collect_keeps_every_row_and_flags_employees() {
    let (c, _) = simple(&[10000, 0, 10000, 8000], &[9000, 100, 9000, 9200], &[0, 1, 1, 2], 3);
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let out = run(&c, 2, &rules, OnError::Collect).unwrap();
    assert_eq!(out.indicators.valid, vec![true, false, true, true]);
    assert_eq!(out.employees.ok, vec![true, false, true]);
    assert_eq!(out.employees.predicate, vec![Some(Predicate::Good), None, Some(Predicate::Good)]);
    assert_eq!(out.employees.weighted_decimal(2), Some(Decimal::new(11500, 2)));
    // one indicator error, one employee error row for the employee it spoils
    assert_eq!(out.errors.len(), 2);
    assert_eq!((out.errors[0].table, out.errors[0].row), (Table::Indicators, 1));
    assert_eq!((out.errors[1].table, out.errors[1].row), (Table::Employees, 1));
}

#[test]
fn labels_name_employee_and_indicator() {
    struct L;
    impl Labels for L {
        fn employee(&self, i: usize) -> Option<String> {
            Some(format!("NIP{i}"))
        }
        fn indicator(&self, i: usize) -> Option<String> {
            Some(format!("IKI{i}"))
        }
    }
    let (c, _) = simple(&[10000, 0], &[9000, 100], &[0, 1], 2);
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let ind = IndicatorColumns::new(
        &c.employee,
        DecimalColumn::new(&c.target, 2),
        DecimalColumn::new(&c.actual, 2),
    );
    let emps = EmployeeColumns {
        len: 2,
        work_rating: Some(CodeColumn::new(&c.work)),
        behaviour: Some(CodeColumn::new(&c.behaviour)),
        ..Default::default()
    };
    let err = score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &L).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("NIP1") && msg.contains("IKI1"), "{msg}");
}

#[test]
fn hostile_inputs() {
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    // employee index out of range
    let ind = IndicatorColumns::new(&[5], DecimalColumn::new(&[100], 0), DecimalColumn::new(&[100], 0));
    let emps = EmployeeColumns { len: 1, ..Default::default() };
    let e =
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels).unwrap_err();
    assert!(matches!(e, Error::Input { ref field, .. } if field == "employee"), "{e:?}");
    // mismatched lengths
    let ind = IndicatorColumns::new(&[0, 0], DecimalColumn::new(&[100], 0), DecimalColumn::new(&[100, 1], 0));
    let e =
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap_err();
    assert!(matches!(e, Error::Input { ref field, .. } if field == "target"), "{e:?}");
    // mantissa beyond 96 bits: an error, not a panic
    let big = [i128::MAX];
    let ind = IndicatorColumns::new(&[0], DecimalColumn::new(&big, 0), DecimalColumn::new(&[1], 0));
    let e =
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels).unwrap_err();
    assert!(matches!(e, Error::Input { ref field, .. } if field == "target"), "{e:?}");
    // missing behaviour
    let ind = IndicatorColumns::new(&[0], DecimalColumn::new(&[100], 0), DecimalColumn::new(&[90], 0));
    let w = [1u8];
    let emps = EmployeeColumns { len: 1, work_rating: Some(CodeColumn::new(&w)), ..Default::default() };
    let e =
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels).unwrap_err();
    assert!(matches!(e, Error::Missing { ref field, .. } if field == "behaviour"), "{e:?}");
    // bad rating code
    let bad = [7u8];
    let emps = EmployeeColumns {
        len: 1,
        work_rating: Some(CodeColumn::new(&bad)),
        behaviour: Some(CodeColumn::new(&w)),
        ..Default::default()
    };
    let e =
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels).unwrap_err();
    assert!(matches!(e, Error::Input { ref field, .. } if field == "work_result"), "{e:?}");
}

#[test]
fn exact_midpoints_follow_the_scalar_api() {
    // 100, 100, 100.015: exact mean 100.005 sits on a midpoint; the batch must equal the
    // scalar API (which works with 28-digit shares).
    let emps = vec![Emp {
        rows: [10000i128, 10000, 10001]
            .iter()
            .zip([10000i128, 10000, 10001])
            .map(|(t, a)| Row {
                target: Some((*t, 2)),
                range: None,
                actual: Some(a),
                lower: false,
                weight: None,
                cap: None,
            })
            .collect(),
        work: Some(Rating::Meets),
        behaviour: Some(Rating::Meets),
    }];
    let mut rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    for mode in [RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Truncate] {
        rules.policy.rounding.reported.mode = mode;
        let order = vec![(0, 0), (0, 1), (0, 2)];
        let c = build(&emps, &order, 2);
        let out = run(&c, 2, &rules, OnError::Raise).unwrap();
        let ev = scalar(&emps[0], 0, &rules).unwrap();
        assert_eq!(out.employees.weighted_decimal(0), ev.weighted_achievement, "{mode:?}");
    }
}

#[test]
fn unit_distribution_counts_and_checks_the_curve() {
    use kinerja_core::model::OrgPredicate;
    use kinerja_core::org::distribution::ConstraintRule;
    let (c, _) = simple(&[10000, 10000, 10000], &[9000, 9000, 9000], &[0, 1, 2], 3);
    let mut rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let out = run(&c, 2, &rules, OnError::Raise).unwrap();
    // ordinary values go through the fast path
    let s = out.stats;
    assert_eq!((s.fast_rows, s.fallback_rows, s.fallback_employees), (3, 0, 0));
    let unit = [0u32, 1, 1];
    let head = [0b0000_0010u8]; // employee 1 heads unit 1
    let org = [batch_org_code(OrgPredicate::NeedsImprovement), u8::MAX];
    let emps = EmployeeColumns {
        len: 3,
        unit: Some(&unit),
        unit_head: Some(BoolColumn { values: Bits { bytes: &head, offset: 0 }, validity: None }),
        ..Default::default()
    };
    let units = UnitColumns { len: 2, org_predicate: Some(CodeColumn::new(&org)) };
    let d = unit_distribution(&out.employees, &emps, &units, &rules.policy).unwrap();
    assert_eq!(d[0].counts, [0, 0, 0, 1, 0]);
    assert_eq!(d[1].counts, [0, 0, 0, 2, 0]);
    assert_eq!(d[1].heads_excluded, 0);
    // Butuh Perbaikan needs ≥ 60 % Butuh Perbaikan: one Baik of one fails; unit 1 is not checked
    let v = d[0].violations.as_ref().unwrap();
    assert_eq!(v.len(), 1);
    assert_eq!((v[0].rule, v[0].bound, v[0].actual), (ConstraintRule::Min, 1, 0));
    assert!(d[1].violations.is_none());
    rules.policy.organisation.head_counted = false;
    let d = unit_distribution(&out.employees, &emps, &units, &rules.policy).unwrap();
    assert_eq!((d[1].counts, d[1].heads_excluded), ([0, 0, 0, 1, 0], 1));
    // no unit column: nothing to check
    let none = unit_distribution(
        &out.employees,
        &EmployeeColumns { len: 3, ..Default::default() },
        &units,
        &rules.policy,
    );
    assert!(none.unwrap().is_empty());
}

fn batch_org_code(p: kinerja_core::model::OrgPredicate) -> u8 {
    (0..5u8).find(|c| org_predicate_of(*c) == Some(p)).unwrap()
}

#[test]
fn credit_points_per_employee_equal_the_scalar_conversion() {
    use kinerja_core::explain::Labelled;
    use kinerja_core::model::FunctionalGrade;
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let predicates =
        [Some(Predicate::VeryGood), Some(Predicate::NeedsImprovement), None, Some(Predicate::Good)];
    let mut out = EmployeeScores::default();
    out.predicate = predicates.to_vec();
    out.predicate.push(Some(Predicate::Good));
    // Pemula, Ahli Madya, Ahli Utama, not functional, and a code one past the last grade
    // (no grade: not the next predicate's first grade)
    let codes = [0u8, 6, 7, u8::MAX, FunctionalGrade::ALL.len() as u8];
    let (v, valid, scale) = credit_points(&out, &CodeColumn::new(&codes), &rules.policy).unwrap();
    assert_eq!(valid, [true, true, false, false, false]);
    assert_eq!(scale, 2);
    let scalar = |p, g: usize| {
        kinerja_core::followup::credit_points(p, FunctionalGrade::ALL[g], 12, &rules.policy).unwrap().value
    };
    assert_eq!(dec(v[0], scale), scalar(Predicate::VeryGood, 0)); // 5.625 → 5.63 half-up (TV-07)
    assert_eq!(dec(v[0], scale).to_string(), "5.63");
    assert_eq!(dec(v[1], scale), scalar(Predicate::NeedsImprovement, 6)); // 28.125 → 28.13
    assert_eq!(dec(v[1], scale).to_string(), "28.13");
}

#[test]
fn bad_caps_and_negative_ranges_are_row_errors_like_the_kernel() {
    use kinerja_core::achievement::{AchievementPolicy, KernelError, achievement};
    use kinerja_core::model::{Polarity, Target};
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let mk = |target: Option<(i128, u32)>, range: Option<((i128, u32), (i128, u32))>, cap: Option<i128>| {
        Row { target, range, actual: Some(8500), lower: false, weight: None, cap }
    };
    // rows: cap 0, cap −1, range −5..90, range −9..−5, and a good row
    let rows = vec![
        mk(Some((10, 0)), None, Some(0)),
        mk(Some((10, 0)), None, Some(-1)),
        mk(None, Some(((-5, 0), (90, 0))), None),
        mk(None, Some(((-9, 0), (-5, 0))), None),
        mk(Some((100, 0)), None, Some(100)),
    ];
    let emps: Vec<Emp> = rows
        .into_iter()
        .map(|r| Emp { rows: vec![r], work: Some(Rating::Meets), behaviour: Some(Rating::Meets) })
        .collect();
    let order: Vec<(usize, usize)> = (0..emps.len()).map(|e| (e, 0)).collect();
    let c = build(&emps, &order, 0);
    let out = run(&c, 0, &rules, OnError::Collect).unwrap();
    assert_eq!(out.indicators.valid, vec![false, false, false, false, true]);
    let ind_errors: Vec<&BatchError> = out.errors.iter().filter(|e| e.table == Table::Indicators).collect();
    assert_eq!(ind_errors.len(), 4);
    let at = kinerja_core::Location::default();
    let p = AchievementPolicy::default();
    let hb = Polarity::HigherIsBetter;
    let d = |m: i64| Decimal::new(m, 0);
    let kernel = [
        achievement(Target::Point(d(10)), d(85), hb, &p, Some(d(0))).unwrap_err(),
        achievement(Target::Point(d(10)), d(85), hb, &p, Some(d(-1))).unwrap_err(),
        achievement(Target::Range { low: d(-5), high: d(90) }, d(85), hb, &p, None).unwrap_err(),
        achievement(Target::Range { low: d(-9), high: d(-5) }, d(85), hb, &p, None).unwrap_err(),
    ];
    assert_eq!(
        kernel,
        [
            KernelError::NonPositiveCap,
            KernelError::NonPositiveCap,
            KernelError::NegativeRangeBound,
            KernelError::NegativeRangeBound
        ]
    );
    assert_eq!(ind_errors.len(), kernel.len());
    for (be, k) in ind_errors.iter().zip(kernel) {
        let want = k.into_error(&at);
        assert_eq!(be.error.family(), want.family(), "{}", be.error);
        assert_eq!(be.error.field(), want.field(), "{}", be.error);
        match (&be.error, &want) {
            (Error::Indicator { reason: a, .. }, Error::Indicator { reason: b, .. }) => assert_eq!(a, b),
            other => panic!("unexpected {other:?}"),
        }
    }
}

/// One employee computed by hand, so the batch is checked against an independent value and not
/// only against the scalar API: target 100, actual 120, weight 3 → 120 %; lower is better,
/// target 50, actual 45, weight 1 → (2 − 45/50) × 100 = 110 %; weighted mean
/// (3 × 120 + 1 × 110) / 4 = 117.50 → advised "above" (≥ 110); the appraiser's "meets" prevails
/// (a disagreement) and with behaviour "above" the predicate is Baik (good).
#[test]
fn batch_matches_a_hand_computed_employee() {
    let base = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let mut policy = base.policy.clone();
    policy.rating.advisory_bands = vec![
        AdvisoryBand { min: Decimal::from(110), rating: Rating::Above },
        AdvisoryBand { min: Decimal::from(90), rating: Rating::Meets },
    ];
    let rules = base.with_policy(policy).unwrap();
    let row = |t: i128, a: i128, lower: bool, w: i128| Row {
        target: Some((t, 0)),
        range: None,
        actual: Some(a * 100),
        lower,
        weight: Some(w * 10),
        cap: None,
    };
    let emps = vec![Emp {
        rows: vec![row(100, 120, false, 3), row(50, 45, true, 1)],
        work: Some(Rating::Meets),
        behaviour: Some(Rating::Above),
    }];
    let c = build(&emps, &[(0, 0), (0, 1)], 0);
    let out = run(&c, 0, &rules, OnError::Raise).unwrap();
    assert_eq!(out.indicators.achievement_decimal(0), Some(Decimal::new(12000, 2)));
    assert_eq!(out.indicators.achievement_decimal(1), Some(Decimal::new(11000, 2)));
    assert_eq!(out.employees.weighted_decimal(0), Some(Decimal::new(11750, 2)));
    assert_eq!(out.employees.advised[0], Some(Rating::Above));
    assert_eq!(out.employees.work[0], Some(Rating::Meets));
    assert!(out.employees.disagreement[0]);
    assert_eq!(out.employees.predicate[0], Some(Predicate::Good));
}

#[test]
fn weights_off_100_are_flagged_as_the_scalar_evaluation_notes_them() {
    use kinerja_core::explain::Lang;
    use kinerja_core::rules::MeanInputs;
    // weights at W_SCALE = 1: 400 + 600 = 100.0; 300 + 300 = 60.0; 333 + 333 + 334 = 100.0;
    // 333 + 333 + 333 = 99.9; none given
    let sets: [&[Option<i128>]; 5] = [
        &[Some(400), Some(600)],
        &[Some(300), Some(300)],
        &[Some(333), Some(333), Some(334)],
        &[Some(333), Some(333), Some(333)],
        &[None, None],
    ];
    let expected = [false, true, false, true, false];
    let emps: Vec<Emp> = sets
        .iter()
        .map(|ws| Emp {
            rows: ws
                .iter()
                .enumerate()
                .map(|(k, w)| Row {
                    target: Some((10_000, 2)),
                    range: None,
                    actual: Some(9_000 + 1_234 * k as i128),
                    lower: false,
                    weight: *w,
                    cap: None,
                })
                .collect(),
            work: Some(Rating::Meets),
            behaviour: Some(Rating::Meets),
        })
        .collect();
    let order: Vec<(usize, usize)> =
        emps.iter().enumerate().flat_map(|(i, e)| (0..e.rows.len()).map(move |k| (i, k))).collect();
    let c = build(&emps, &order, 2);
    for inputs in [MeanInputs::Unrounded, MeanInputs::Rounded] {
        let base = Ruleset::builtin("permenpanrb-6-2022").unwrap();
        let mut policy = base.policy.clone();
        policy.rounding.mean_inputs = inputs;
        let rules = base.with_policy(policy).unwrap();
        let out = run(&c, 2, &rules, OnError::Raise).unwrap();
        assert_eq!(out.employees.weights_normalised, expected, "{inputs:?}");
        for (i, e) in emps.iter().enumerate() {
            let ev = scalar(e, i, &rules).unwrap();
            let noted = ev.notes.iter().any(|n| n.get(Lang::En).contains("weights add up to"));
            assert_eq!(noted, expected[i], "scalar notes of employee {i}");
            assert_eq!(ev.weights_normalised, expected[i], "scalar flag of employee {i}");
        }
        // refused under rating.weights_must_sum_to instead of flagged
        let mut strict = rules.policy.clone();
        strict.rating.weights_must_sum_to = Some(Decimal::ONE_HUNDRED);
        let out = run(&c, 2, &base.with_policy(strict).unwrap(), OnError::Collect).unwrap();
        assert_eq!(out.employees.ok, vec![true, false, true, false, true], "{inputs:?}");
        assert!(out.employees.weights_normalised.iter().all(|x| !x));
    }
}

/// Thousands of employees (several parallel chunks of each stage), a bad row in some, an
/// employee without rows, rows naming no employee: rows grouped by employee (both stages in
/// one pass per chunk) and the same rows in reverse order (one stage after the other) give
/// the same results, errors and statistics, and the values are the hand-computed ones.
#[test]
fn grouped_and_ungrouped_rows_agree_across_chunks() {
    let n_emp = 10_007usize;
    let (mut emp_of, mut targets, mut actuals) = (Vec::new(), Vec::new(), Vec::new());
    for e in 0..n_emp {
        if e == 5000 {
            continue; // no indicator rows
        }
        for k in 0..3 {
            emp_of.push(e as u32);
            // employee e, row k: actual / target = (80 + (e + k) % 50) %; every 997th row bad
            let bad = (e * 3 + k) % 997 == 0;
            targets.push(if bad { 0 } else { 10_000 });
            actuals.push(((80 + (e + k) % 50) * 100) as i128);
        }
    }
    // two rows naming no employee, at the end of the grouped order
    for _ in 0..2 {
        emp_of.push(n_emp as u32 + 3);
        targets.push(10_000);
        actuals.push(9_000);
    }
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let run_order = |order: &[usize]| {
        let pick = |v: &[i128]| order.iter().map(|i| v[*i]).collect::<Vec<_>>();
        let emp: Vec<u32> = order.iter().map(|i| emp_of[*i]).collect();
        let (t, a) = (pick(&targets), pick(&actuals));
        let ind = IndicatorColumns::new(&emp, DecimalColumn::new(&t, 2), DecimalColumn::new(&a, 2));
        let work = vec![1u8; n_emp];
        let beh = vec![1u8; n_emp];
        let emps = EmployeeColumns {
            len: n_emp,
            work_rating: Some(CodeColumn::new(&work)),
            behaviour: Some(CodeColumn::new(&beh)),
            ..Default::default()
        };
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap()
    };
    let n = emp_of.len();
    let grouped = run_order(&(0..n).collect::<Vec<_>>());
    let reversed: Vec<usize> = (0..n).rev().collect();
    let ungrouped = run_order(&reversed);
    assert_eq!(grouped.employees, ungrouped.employees);
    // the same rows on each path; only rows one after another take the plain mean
    let (g, u) = (grouped.stats, ungrouped.stats);
    assert_eq!((g.fast_rows, g.plain_rows, g.fallback_rows), (u.fast_rows, u.plain_rows, u.fallback_rows));
    assert_eq!(g.fallback_employees, u.fallback_employees);
    assert_eq!((g.plain_employees, u.plain_employees), (9975, 0));
    for (r2, r) in reversed.iter().enumerate() {
        assert_eq!(grouped.indicators.achievement_decimal(*r), ungrouped.indicators.achievement_decimal(r2));
    }
    // errors name the same rows (in each order's numbering) and the same employees
    let rows = |o: &BatchOutput, map: &dyn Fn(u64) -> u64| {
        let mut v: Vec<(Table, u64)> = o
            .errors
            .iter()
            .map(|b| (b.table, if b.table == Table::Indicators { map(b.row) } else { b.row }))
            .collect();
        v.sort();
        v
    };
    assert_eq!(rows(&grouped, &|r| r), rows(&ungrouped, &|r| reversed[r as usize] as u64));
    // independent expectations
    let bad_rows = (0..n - 2).filter(|i| targets[*i] == 0).count();
    assert_eq!(grouped.errors.iter().filter(|b| b.table == Table::Indicators).count(), bad_rows + 2);
    assert_eq!(grouped.stats.fast_rows + grouped.stats.fallback_rows, (n - 2 - bad_rows) as u64);
    let e = 7usize; // rows 21..24: (87 + 88 + 89) / 3 = 88.00
    assert_eq!(grouped.employees.weighted_decimal(e), Some(Decimal::new(8800, 2)));
    // no rows: no mean, the appraiser's ratings alone (meets, meets: Good)
    assert_eq!(grouped.employees.weighted_decimal(5000), None);
    assert_eq!(grouped.employees.predicate[5000], Some(Predicate::Good));
    let spoiled = emp_of[(0..n - 2).find(|i| targets[*i] == 0).unwrap()] as usize;
    assert!(!grouped.employees.ok[spoiled]);
    assert!(grouped.errors.iter().any(|b| b.table == Table::Employees && b.row == spoiled as u64));
}

/// Mantissas of 64-bit columns: ordinary values, zero, tiny ones, values in the thousands
/// to billions (a ratio past 64 bits, on the plain loop's 128-bit product), and ones large
/// enough to leave the plain loop's range (those rows go to the general kernel).
fn mantissa64() -> impl Strategy<Value = i128> {
    prop_oneof![
        6 => 0i128..200_000,
        1 => Just(0i128),
        1 => 1i128..10,
        2 => 200_000i128..1_000_000_000_000,
        1 => (1i128..1000).prop_map(|x| x * 1_000_000_000_000_000i128),
    ]
}

/// A target mantissa and an actual one: independent, or within a factor of about two of the
/// target (an achievement near 100 % at any magnitude, so large values reach the bands).
fn target_actual() -> impl Strategy<Value = (i128, i128)> {
    mantissa64().prop_flat_map(|t| {
        let near = (t / 2)..=(t.saturating_mul(2) + 1);
        (Just(t), prop_oneof![1 => mantissa64(), 2 => near])
    })
}

/// An employee whose rows fit the plain row loop: point targets, actuals, no caps, and
/// weights on every row or none (`weighted` is table-wide).
fn plain_emp(weighted: bool, scale: u32) -> impl Strategy<Value = Emp> {
    let row = (target_actual(), any::<bool>(), 0i128..500).prop_map(move |((t, a), lower, w)| Row {
        target: Some((t, scale)),
        range: None,
        actual: Some(a),
        lower,
        weight: weighted.then_some(w),
        cap: None,
    });
    (prop::collection::vec(row, 0..6), rating(), rating()).prop_map(|(rows, work, behaviour)| Emp {
        rows,
        work,
        behaviour,
    })
}

/// The mantissas the plain row loop reads.
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// 64-bit integers.
    Words64,
    /// Float64 values read exactly.
    Floats,
    /// 128-bit mantissas (decimal128 columns without nulls).
    Words128,
}

/// `c` without nulls and without the range and cap columns (the plain row loop's shape), its
/// mantissas of `kind` (`None` for floats without the `float-input` feature or of a scale
/// beyond the scan's).
fn run_plain(c: &Cols, t_scale: u32, weighted: bool, kind: Kind, rules: &Ruleset) -> Option<BatchOutput> {
    let narrow = |v: &[i128]| v.iter().map(|x| i64::try_from(*x).unwrap()).collect::<Vec<i64>>();
    let (t, a, w) = (narrow(&c.target), narrow(&c.actual), narrow(&c.weight));
    let to_f = |v: &[i64], s: u32| v.iter().map(|x| *x as f64 / 10f64.powi(s as i32)).collect::<Vec<f64>>();
    let (tf, af, wf) = (to_f(&t, t_scale), to_f(&a, A_SCALE), to_f(&w, W_SCALE));
    let col = |wide, m, f, s| plain_column(kind, m, wide, f, s, None);
    let mut ind = IndicatorColumns::new(
        &c.employee,
        col(&c.target, &t, &tf, t_scale)?,
        col(&c.actual, &a, &af, A_SCALE)?,
    );
    ind.polarity = Some(CodeColumn::new(&c.polarity));
    if weighted {
        ind.weight = Some(col(&c.weight, &w, &wf, W_SCALE)?);
    }
    let emps = EmployeeColumns {
        len: c.work.len(),
        work_rating: Some(CodeColumn::new(&c.work)),
        behaviour: Some(CodeColumn::new(&c.behaviour)),
        ..Default::default()
    };
    Some(score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// The plain row loop (64-bit, float and 128-bit columns without nulls) gives exactly what the
    /// general columns give, and both what the scalar API gives.
    #[test]
    fn plain_columns_equal_general_columns_and_scalar(
        (weighted, t_scale, emps) in (any::<bool>(), 0u32..4).prop_flat_map(|(w, s)| {
            (Just(w), Just(s), prop::collection::vec(plain_emp(w, s), 1..12))
        }),
        rules in policy_strategy(),
    ) {
        let order: Vec<(usize, usize)> =
            emps.iter().enumerate().flat_map(|(i, e)| (0..e.rows.len()).map(move |k| (i, k))).collect();
        let c = build(&emps, &order, t_scale);
        let general = run(&c, t_scale, &rules, OnError::Collect).unwrap();
        check_against_scalar(&emps, &c, &general, &rules)?;
        for kind in [Kind::Words64, Kind::Floats, Kind::Words128] {
            let Some(plain) = run_plain(&c, t_scale, weighted, kind, &rules) else { continue };
            prop_assert_eq!(&plain.employees, &general.employees, "{:?}", kind);
            prop_assert_eq!(&plain.indicators.achievement, &general.indicators.achievement);
            prop_assert_eq!(&plain.indicators.valid, &general.indicators.valid);
            prop_assert_eq!(&plain.errors, &general.errors);
            check_against_scalar(&emps, &c, &plain, &rules)?;
        }
    }
}

/// 128-bit columns of the plain loop's shape with values past 64 bits: those rows leave the
/// plain loop for the general kernel, and every result equals that of the same columns on
/// the general kernel (a validity mask keeps them off the plain loop).
#[test]
fn wide_mantissas_leave_the_plain_loop() {
    let employee = [0u32, 0, 1, 1, 2, 2];
    let big = 3 * 10i128.pow(25);
    let target = [10_000i128, 1i128 << 70, 5_000, big, 100, 200];
    let actual = [9_000i128, 1i128 << 70, 10i128.pow(24), big + 7, 90, (1i128 << 64) + 1];
    let lower = [0u8, 0, 1, 0, 0, 1];
    let all = [0xffu8];
    let ratings = [1u8, 2, 0];
    let emps = EmployeeColumns {
        len: 3,
        work_rating: Some(CodeColumn::new(&ratings)),
        behaviour: Some(CodeColumn::new(&ratings)),
        ..Default::default()
    };
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let scored = |masked: bool| {
        let col = |v| {
            let c = DecimalColumn::new(v, 2);
            if masked { c.with_validity(Bits { bytes: &all, offset: 0 }) } else { c }
        };
        let mut ind = IndicatorColumns::new(&employee, col(&target), col(&actual));
        ind.polarity = Some(CodeColumn::new(&lower));
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap()
    };
    let (plain, general) = (scored(false), scored(true));
    assert_eq!(plain.indicators.achievement, general.indicators.achievement);
    assert_eq!(plain.indicators.valid, general.indicators.valid);
    assert_eq!(plain.employees, general.employees);
    assert_eq!(plain.errors, general.errors);
    // 90.00 of 100.00; 2^70 of 2^70: 100 %
    assert_eq!(plain.indicators.achievement_decimal(0), Some(Decimal::new(9000, 2)));
    assert_eq!(plain.indicators.achievement_decimal(1), Some(Decimal::new(10000, 2)));
}

/// Owned columns of the plain row loop's shape (no nulls, point targets), for the tests of
/// which rows and employees the plain loop and the plain mean take.
#[derive(Clone)]
struct Plain {
    employee: Vec<u32>,
    n_emp: usize,
    target: Vec<i64>,
    t_scale: u32,
    actual: Vec<i64>,
    a_scale: u32,
    lower: Vec<u8>,
    weight: Option<(Vec<i64>, u32)>,
    cap: Option<Vec<i64>>,
    /// A `target_low` column (scale of the targets) and the rows where it holds a value.
    low: Option<(Vec<i64>, Vec<bool>)>,
    additional: Option<Vec<bool>>,
}

impl Plain {
    fn new(employee: &[u32], n_emp: usize, target: &[i64], actual: &[i64]) -> Self {
        Plain {
            employee: employee.to_vec(),
            n_emp,
            target: target.to_vec(),
            t_scale: 2,
            actual: actual.to_vec(),
            a_scale: 2,
            lower: vec![0; employee.len()],
            weight: None,
            cap: None,
            low: None,
            additional: None,
        }
    }

    /// Scored with the target, actual and weight mantissas of `kinds` (`masked`: each of
    /// them with an all-valid mask, which keeps every row off the plain loop); `None` for
    /// floats without the `float-input` feature.
    fn score(&self, kinds: [Kind; 3], masked: bool, rules: &Ruleset) -> Option<BatchOutput> {
        let wide = |v: &[i64]| v.iter().map(|x| i128::from(*x)).collect::<Vec<i128>>();
        let floats =
            |v: &[i64], s: u32| v.iter().map(|x| *x as f64 / 10f64.powi(s as i32)).collect::<Vec<f64>>();
        let (w, w_s) = self.weight.clone().unwrap_or_default();
        let (tw, aw, ww) = (wide(&self.target), wide(&self.actual), wide(&w));
        let (tf, af, wf) =
            (floats(&self.target, self.t_scale), floats(&self.actual, self.a_scale), floats(&w, w_s));
        let ones = vec![0xffu8; self.employee.len().div_ceil(8)];
        let mask = masked.then_some(&ones[..]);
        let col = |kind, m, wide, f, s| plain_column(kind, m, wide, f, s, mask);
        let mut ind = IndicatorColumns::new(
            &self.employee,
            col(kinds[0], &self.target, &tw, &tf, self.t_scale)?,
            col(kinds[1], &self.actual, &aw, &af, self.a_scale)?,
        );
        ind.polarity = Some(CodeColumn::new(&self.lower));
        if self.weight.is_some() {
            ind.weight = Some(col(kinds[2], &w, &ww, &wf, w_s)?);
        }
        let cap = self.cap.clone().unwrap_or_default();
        if self.cap.is_some() {
            ind.cap = Some(DecimalColumn::new_i64(&cap, 2));
        }
        let (low, low_valid) = self.low.clone().unwrap_or_default();
        let low_bits = bitmap(&low_valid);
        if self.low.is_some() {
            ind.target_low = Some(
                DecimalColumn::new_i64(&low, self.t_scale)
                    .with_validity(Bits { bytes: &low_bits, offset: 0 }),
            );
        }
        let additional = bitmap(&self.additional.clone().unwrap_or_default());
        if self.additional.is_some() {
            ind.additional =
                Some(BoolColumn { values: Bits { bytes: &additional, offset: 0 }, validity: None });
        }
        let ratings = vec![1u8; self.n_emp];
        let emps = EmployeeColumns {
            len: self.n_emp,
            work_rating: Some(CodeColumn::new(&ratings)),
            behaviour: Some(CodeColumn::new(&ratings)),
            ..Default::default()
        };
        Some(score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap())
    }

    /// Scored on the plain loop and off it (masked): the same results and errors.
    fn both(&self, kinds: [Kind; 3], rules: &Ruleset) -> Option<(BatchOutput, BatchOutput)> {
        let (plain, general) = (self.score(kinds, false, rules)?, self.score(kinds, true, rules)?);
        assert_eq!(plain.indicators.achievement, general.indicators.achievement, "{kinds:?}");
        assert_eq!(plain.indicators.valid, general.indicators.valid, "{kinds:?}");
        assert_eq!(plain.employees, general.employees, "{kinds:?}");
        assert_eq!(plain.errors, general.errors, "{kinds:?}");
        assert_eq!(general.stats.plain_rows, 0, "a masked column keeps the rows off the plain loop");
        Some((plain, general))
    }
}

/// A column of `kind` from the same values as mantissas, wide mantissas or floats, with
/// the validity `mask` when given.
fn plain_column<'a>(
    kind: Kind,
    m: &'a [i64],
    wide: &'a [i128],
    f: &'a [f64],
    s: u32,
    mask: Option<&'a [u8]>,
) -> Option<DecimalColumn<'a>> {
    let c = match kind {
        Kind::Words64 => Some(DecimalColumn::new_i64(m, s)),
        Kind::Words128 => Some(DecimalColumn::new(wide, s)),
        #[cfg(feature = "float-input")]
        Kind::Floats => DecimalColumn::from_f64(f, None, "x").unwrap(),
        #[cfg(not(feature = "float-input"))]
        Kind::Floats => {
            let _ = f;
            None
        }
    };
    c.map(|c| match mask {
        Some(bytes) => c.with_validity(Bits { bytes, offset: 0 }),
        None => c,
    })
}

fn rules_6_2022() -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap()
}

/// The usual rows, for every pairing of mantissa kinds the plain loop reads, with and
/// without weights, both polarities and an exact midpoint (12.345 %): every row on the plain
/// loop and every mean on the plain mean, with the general kernel's results.
#[test]
fn the_plain_loop_and_the_plain_mean_take_the_usual_rows() {
    use Kind::*;
    let mut t = Plain::new(
        &[0, 0, 1, 1, 2, 2],
        3,
        &[10_000, 20_000, 5_000, 100_000, 100_000, 800],
        &[9_000, 21_000, 5_000, 95_000, 12_345, 780],
    );
    t.lower = vec![0, 1, 0, 1, 0, 0];
    let kinds = [
        [Words64, Words64, Words64],
        [Words128, Words128, Words128],
        [Floats, Floats, Floats],
        [Floats, Words64, Words64],
        [Words64, Floats, Words64],
        [Words64, Words64, Words128],
        [Words64, Words64, Floats],
    ];
    let mut ratio = rules_6_2022();
    ratio.policy.achievement.lower_formula = kinerja_core::achievement::LowerFormula::Ratio;
    let mut runs = 0;
    for rules in [rules_6_2022(), ratio] {
        for weight in [None, Some((vec![40, 60, 50, 50, 30, 70], 0))] {
            t.weight = weight;
            for k in kinds {
                let Some((plain, _)) = t.both(k, &rules) else { continue };
                runs += 1;
                let s = plain.stats;
                assert_eq!((s.plain_rows, s.fast_rows, s.fallback_rows), (6, 6, 0), "{k:?}");
                assert_eq!((s.plain_employees, s.fallback_employees), (3, 0), "{k:?}");
                // 12.345 % exactly, half up
                assert_eq!(plain.indicators.achievement_decimal(4), Some(Decimal::new(1235, 2)));
            }
        }
    }
    // floats only with the `float-input` feature
    assert_eq!(runs, if cfg!(feature = "float-input") { 28 } else { 14 });
}

/// Rows the plain loop must not take: a cap column, a `target_low` beside a point target, a
/// polarity code past 1, an employee index past the table, a negative weight. Each is scored
/// (or refused) as the general kernel does.
#[test]
fn plain_shaped_columns_keep_caps_ranges_bad_codes_and_indexes() {
    let kinds = [Kind::Words64; 3];
    let rules = rules_6_2022();
    let base =
        Plain::new(&[0, 0, 1, 1], 2, &[10_000, 10_000, 10_000, 10_000], &[9_000, 15_000, 10_000, 20_000]);
    // a cap of 110.00 on every row: 150 % and 200 % are capped
    let mut capped = base.clone();
    capped.cap = Some(vec![11_000; 4]);
    let (plain, _) = capped.both(kinds, &rules).unwrap();
    assert_eq!(plain.indicators.achievement_decimal(1), Some(Decimal::new(11_000, 2)));
    assert_eq!(plain.stats.plain_rows, 0);
    // a target_low on row 1 beside its point target: the row is refused
    let mut low = base.clone();
    low.low = Some((vec![0, 8_000, 0, 0], vec![false, true, false, false]));
    let (plain, _) = low.both(kinds, &rules).unwrap();
    let both = plain.errors.iter().find(|e| e.row == 1).expect("row 1 is refused");
    assert!(both.error.to_string().contains("both a point target and a range bound"), "{}", both.error);
    assert!(!plain.indicators.valid[1]);
    // a polarity code of 7, an employee index of 2 (= the number of employees) and of 9
    for bad in
        [|t: &mut Plain| t.lower[2] = 7, |t: &mut Plain| t.employee[3] = 2, |t: &mut Plain| t.employee[3] = 9]
    {
        let mut t = base.clone();
        bad(&mut t);
        let (plain, _) = t.both(kinds, &rules).unwrap();
        assert!(!plain.errors.is_empty());
        assert_eq!(plain.stats.plain_rows, 3);
    }
    // a negative weight
    let mut negative = base.clone();
    negative.weight = Some((vec![50, 50, -10, 110], 0));
    let (plain, _) = negative.both(kinds, &rules).unwrap();
    assert_eq!(plain.stats.plain_rows, 3);
}

/// The plain mean under the policies it leaves to the general mean: means of rounded
/// achievements, and additional results left out.
#[test]
fn the_plain_mean_keeps_rounded_inputs_and_leaves_out_additional_results() {
    let kinds = [Kind::Words64; 3];
    // 100.006 % and 100 %: unrounded mean 100.003 → 100.00; rounded inputs 100.01 and
    // 100.00 → 100.005 → 100.01
    let t = Plain::new(&[0, 0], 1, &[100_000, 100_000], &[100_006, 100_000]);
    let mut rounded = rules_6_2022();
    rounded.policy.rounding.mean_inputs = kinerja_core::rules::MeanInputs::Rounded;
    let (plain, _) = t.both(kinds, &rules_6_2022()).unwrap();
    assert_eq!(plain.employees.weighted_decimal(0), Some(Decimal::new(10_000, 2)));
    let (plain, _) = t.both(kinds, &rounded).unwrap();
    assert_eq!(plain.employees.weighted_decimal(0), Some(Decimal::new(10_001, 2)));
    assert_eq!(plain.stats.plain_employees, 0);
    // an additional result at 200 % is left out by default, counted when asked
    let mut t = Plain::new(&[0, 0], 1, &[10_000, 10_000], &[10_000, 20_000]);
    t.additional = Some(vec![false, true]);
    let (plain, _) = t.both(kinds, &rules_6_2022()).unwrap();
    assert_eq!(plain.employees.weighted_decimal(0), Some(Decimal::new(10_000, 2)));
    let mut included = rules_6_2022();
    included.policy.rating.include_additional = true;
    let (plain, _) = t.both(kinds, &included).unwrap();
    assert_eq!(plain.employees.weighted_decimal(0), Some(Decimal::new(15_000, 2)));
}

/// Values a few units of the twelfth place from a rounding midpoint: each is decided on
/// machine words exactly when its uncertainty and the safety margin allow (else the next
/// path decides it), with the scalar API's result either way. The 12-place values are
/// written out; targets and actuals have no places.
#[test]
fn values_beside_a_midpoint_are_decided_where_their_uncertainty_allows() {
    let kinds = [Kind::Words64; 3];
    let rules = rules_6_2022();
    let scored = |t: &Plain| {
        let mut t = t.clone();
        (t.t_scale, t.a_scale) = (0, 0);
        let (plain, _) = t.both(kinds, &rules).unwrap();
        plain
    };
    let e14 = 100_000_000_000_000i64;
    // 100.004999999994 exactly: the row decided at once, the mean (width 1) on the plain mean
    let exact = scored(&Plain::new(&[0], 1, &[e14], &[100_004_999_999_994]));
    assert_eq!((exact.stats.plain_rows, exact.stats.plain_employees), (1, 1));
    assert_eq!(exact.employees.weighted_decimal(0), Some(Decimal::new(10_000, 2)));
    // 100.004999999994|…, not exact: the row decided (width 1), its mean (width 2) is not,
    // and the rust_decimal mean decides it
    let inexact = scored(&Plain::new(&[0], 1, &[e14 + 7], &[100_005_000_000_002]));
    assert_eq!((inexact.stats.plain_rows, inexact.stats.plain_employees), (1, 0));
    assert_eq!(inexact.stats.fallback_employees, 1);
    assert_eq!(inexact.employees.weighted_decimal(0), Some(Decimal::new(10_000, 2)));
    // two exact rows whose mean is 100.0049999999945: inexact (width 2), not decided on words
    let halves = scored(&Plain::new(&[0, 0], 1, &[e14, e14], &[100_004_999_999_994, 100_004_999_999_995]));
    assert_eq!((halves.stats.plain_rows, halves.stats.plain_employees), (2, 0));
    assert_eq!(halves.stats.fallback_employees, 1);
    // lower is better, reflected: 200 − 95.005000000005|… = 104.994999999994|…, decided on
    // the plain loop as 104.99
    let mut lower = Plain::new(&[0], 1, &[e14 + 1], &[95_005_000_000_006]);
    lower.lower = vec![1];
    let lower = {
        (lower.t_scale, lower.a_scale) = (0, 0);
        let (plain, general) = lower.both(kinds, &rules).unwrap();
        // the general kernel decides it on its fixed-point path too
        assert_eq!((general.stats.fast_rows, general.stats.fallback_rows), (1, 0));
        plain
    };
    assert_eq!(lower.stats.plain_rows, 1);
    assert_eq!(lower.indicators.achievement_decimal(0), Some(Decimal::new(10_499, 2)));
    // weights of 100.0000 (a product past 64 bits: the general mean), exactly 100.004999999994
    let mut wide = Plain::new(&[0], 1, &[e14], &[100_004_999_999_994]);
    wide.weight = Some((vec![1_000_000], 4));
    let wide = scored(&wide);
    assert_eq!((wide.stats.plain_employees, wide.stats.fallback_employees), (0, 0));
    assert_eq!(wide.employees.weighted_decimal(0), Some(Decimal::new(10_000, 2)));
}

/// The fast-path statistics add up across chunks of employees: 10 000 employees with a row
/// each, every thousandth a hair above a rounding midpoint (95.00500000000005 %: the
/// `rust_decimal` kernel decides it and the employee's mean), the others on the plain loop.
#[test]
fn statistics_add_up_across_chunks_of_employees() {
    let n = 10_000;
    let e14 = 100_000_000_000_000i64;
    let near = |i: usize| i % 1000 == 999;
    let target: Vec<i64> = (0..n).map(|i| if near(i) { e14 + 1 } else { 100 }).collect();
    let actual: Vec<i64> = (0..n).map(|i| if near(i) { 95_005_000_000_001 } else { 90 }).collect();
    let employee: Vec<u32> = (0..n as u32).collect();
    let mut t = Plain::new(&employee, n, &target, &actual);
    (t.t_scale, t.a_scale) = (0, 0);
    let (out, _) = t.both([Kind::Words64; 3], &rules_6_2022()).unwrap();
    let s = out.stats;
    assert_eq!((s.fast_rows, s.plain_rows, s.fallback_rows), (9_990, 9_990, 10));
    assert_eq!((s.plain_employees, s.fallback_employees), (9_990, 10));
    assert_eq!(out.indicators.achievement_decimal(999), Some(Decimal::new(9_501, 2)));
    assert_eq!(out.employees.weighted_decimal(999), Some(Decimal::new(9_501, 2)));
}

/// The general mean (rows not one after another) takes zero achievements and zero weights
/// on its fixed-point path, without the `rust_decimal` mean.
#[test]
fn the_general_mean_takes_zeros_on_its_fixed_point_path() {
    let rules = rules_6_2022();
    // employee 0: two rows of 0 %; employee 1: 90 % weighing 0 and 100 % weighing 100
    let mut t = Plain::new(&[0, 1, 0, 1], 2, &[100, 100, 100, 100], &[0, 90, 0, 100]);
    t.weight = Some((vec![50, 0, 50, 100], 0));
    let (out, _) = t.both([Kind::Words64; 3], &rules).unwrap();
    assert_eq!(out.employees.weighted_decimal(0), Some(Decimal::new(0, 2)));
    assert_eq!(out.employees.weighted_decimal(1), Some(Decimal::new(10_000, 2)));
    let s = out.stats;
    assert_eq!((s.plain_rows, s.plain_employees, s.fallback_employees), (4, 0, 0));
}

/// A row without a realisation is checked as a realised one is (the scalar API validates the
/// plan first): its negative weight, inverted or negative range, negative target or cap of 0
/// is refused, whether unrealised rows are excluded or an error. Found by the property test
/// once its weights could be negative and its ranges inverted.
#[test]
fn an_unrealised_row_is_checked_as_the_scalar_api_checks_it() {
    let unrealised = |range: Option<((i128, u32), (i128, u32))>, weight, cap| Row {
        target: range.is_none().then_some((10_000, 2)),
        range,
        actual: None,
        lower: false,
        weight,
        cap,
    };
    let bad = [
        (unrealised(None, Some(-2), None), "weight"),
        (unrealised(Some(((-5, 2), (100, 2))), Some(5), None), "range low bound"),
        (unrealised(None, Some(5), Some(0)), "cap"),
        (unrealised(Some(((100, 2), (50, 2))), Some(5), None), "exceeds high bound"),
        (Row { target: Some((-5, 2)), ..unrealised(None, Some(5), None) }, "target"),
    ];
    let mut exclude = rules_6_2022();
    exclude.policy.rating.missing_realisation = kinerja_core::rules::MissingRealisation::Exclude;
    for (row, what) in bad {
        let realised = Row {
            target: Some((10_000, 2)),
            range: None,
            actual: Some(9_000),
            lower: false,
            weight: Some(5),
            cap: None,
        };
        let emps = vec![Emp {
            rows: vec![realised, row],
            work: Some(Rating::Meets),
            behaviour: Some(Rating::Meets),
        }];
        let c = build(&emps, &[(0, 0), (0, 1)], 2);
        for rules in [rules_6_2022(), exclude.clone()] {
            let out = run(&c, 2, &rules, OnError::Collect).unwrap();
            check_against_scalar(&emps, &c, &out, &rules).unwrap();
            let e = out.errors.iter().find(|e| e.row == 1).expect("the unrealised row is refused");
            assert!(e.error.to_string().contains(what), "{what}: {}", e.error);
        }
    }
}

/// The `rust_decimal` mean recomputes an inexact row rather than take its truncated
/// twelve-place value: two rows a hair either side of 100.005 % (rounded to four places each,
/// so that each row is decided on machine words) whose exact mean is above 100.005 and whose
/// truncated mean is below it.
#[test]
fn the_decimal_mean_recomputes_inexact_rows() {
    let row = |t: i128, a: i128| Row {
        target: Some((t, 2)),
        range: None,
        actual: Some(a),
        lower: false,
        weight: None,
        cap: None,
    };
    // 100.005 − 0.0000167 units of the twelfth place, and 100.005 + 0.6 units
    let emps = vec![Emp {
        rows: vec![
            row(300_000_000_000_001, 300_015_000_000_001),
            row(300_000_000_004_000, 300_015_000_004_002),
        ],
        work: Some(Rating::Meets),
        behaviour: Some(Rating::Meets),
    }];
    let c = build(&emps, &[(0, 0), (0, 1)], 2);
    let mut rules = rules_6_2022();
    rules.policy.rounding.achievement.scale = 4;
    let out = run(&c, 2, &rules, OnError::Collect).unwrap();
    check_against_scalar(&emps, &c, &out, &rules).unwrap();
    assert_eq!(out.employees.weighted_decimal(0), Some(Decimal::new(10_001, 2)));
    assert_eq!((out.stats.fast_rows, out.stats.fallback_rows, out.stats.fallback_employees), (2, 0, 1));
}

/// The JPT rule (PermenPANRB 6/2022: a JPT heading a unit takes the unit's predicate as
/// work result): only for JPT unit heads under the default scope, with the disagreement
/// flagged where the appraiser gave another rating, and a unit index past the unit table
/// refused.
#[test]
fn the_jpt_rule_takes_the_units_predicate_for_jpt_unit_heads_only() {
    use kinerja_core::evaluation::RatingSource;
    use kinerja_core::model::OrgPredicate;
    let n = 5;
    let employee: Vec<u32> = (0..n as u32).collect();
    let (target, actual) = (vec![10_000i128; n], vec![10_000i128; n]);
    let mut ind =
        IndicatorColumns::new(&employee, DecimalColumn::new(&target, 2), DecimalColumn::new(&actual, 2));
    ind.polarity = None;
    // 0: JPT head, rated below; 1: JPT, not a head; 2: head, not JPT; 3: JPT head of unit 2
    // (no such unit: the unit table has 2); 4: JPT head, rated above
    let unit = [1u32, 1, 1, 2, 1];
    let jpt = [0b1_1011u8];
    let head = [0b1_1101u8];
    let given = [0u8, 1, 1, 1, 2];
    let behaviour = [1u8; 5];
    let emps = EmployeeColumns {
        len: n,
        work_rating: Some(CodeColumn::new(&given)),
        behaviour: Some(CodeColumn::new(&behaviour)),
        unit: Some(&unit),
        jpt: Some(BoolColumn { values: Bits { bytes: &jpt, offset: 0 }, validity: None }),
        unit_head: Some(BoolColumn { values: Bits { bytes: &head, offset: 0 }, validity: None }),
    };
    let org = [batch_org_code(OrgPredicate::Good), batch_org_code(OrgPredicate::Outstanding)];
    let units = UnitColumns { len: 2, org_predicate: Some(CodeColumn::new(&org)) };
    let out = score(&ind, &emps, &units, &rules_6_2022().policy, OnError::Collect, &NoLabels).unwrap();
    let e = &out.employees;
    let (above, meets) = (Some(Rating::Above), Some(Rating::Meets));
    assert_eq!(
        (e.work[0], e.work_source[0], e.disagreement[0]),
        (above, Some(RatingSource::OrgPredicate), true)
    );
    assert_eq!(
        (e.work[1], e.work_source[1], e.disagreement[1]),
        (meets, Some(RatingSource::Appraiser), false)
    );
    assert_eq!(
        (e.work[2], e.work_source[2], e.disagreement[2]),
        (meets, Some(RatingSource::Appraiser), false)
    );
    assert!(!e.ok[3]);
    let unit_error = out.errors.iter().find(|b| b.table == Table::Employees && b.row == 3).unwrap();
    assert!(unit_error.error.to_string().contains("names no unit of the unit table"), "{}", unit_error.error);
    assert_eq!(
        (e.work[4], e.work_source[4], e.disagreement[4]),
        (above, Some(RatingSource::OrgPredicate), false)
    );
    assert!(e.ok[4]);
}

/// The general kernel decides the usual rows on its fixed-point path, without the
/// `rust_decimal` fallback: inexact ratios rounding down and up, a zero actual, the
/// reflection, a cap landing on a midpoint (110.005 → 110.01), a range with the actual inside,
/// on either bound, above and below (`range_inside` 105 %).
#[test]
fn the_general_kernel_decides_the_usual_rows_on_its_fixed_point_path() {
    let n = 11;
    let employee: Vec<u32> = (0..n as u32).collect();
    let target = [300i128, 300, 100, 300, 300, 0, 0, 0, 0, 0, 100];
    let target_valid = bitmap(&[true, true, true, true, true, false, false, false, false, false, true]);
    let (low, high) = (
        [0i128, 0, 0, 0, 0, 8_000, 8_000, 8_000, 8_000, 8_000, 0],
        [0i128, 0, 0, 0, 0, 10_000, 10_000, 10_000, 10_000, 10_000, 0],
    );
    let range_valid = bitmap(&[false, false, false, false, false, true, true, true, true, true, false]);
    let actual = [100i128, 200, 0, 200, 700, 9_000, 10_000, 8_000, 12_000, 4_000, 0];
    let lower = [0u8, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1];
    let cap = [0i128, 0, 0, 0, 110_005, 0, 0, 0, 0, 0, 0];
    let cap_valid = bitmap(&[false, false, false, false, true, false, false, false, false, false, false]);
    let mut ind = IndicatorColumns::new(
        &employee,
        DecimalColumn::new(&target, 2).with_validity(Bits { bytes: &target_valid, offset: 0 }),
        DecimalColumn::new(&actual, 2),
    );
    ind.target_low = Some(DecimalColumn::new(&low, 2).with_validity(Bits { bytes: &range_valid, offset: 0 }));
    ind.target_high =
        Some(DecimalColumn::new(&high, 2).with_validity(Bits { bytes: &range_valid, offset: 0 }));
    ind.polarity = Some(CodeColumn::new(&lower));
    ind.cap = Some(DecimalColumn::new(&cap, 3).with_validity(Bits { bytes: &cap_valid, offset: 0 }));
    let ratings = vec![1u8; n];
    let emps = EmployeeColumns {
        len: n,
        work_rating: Some(CodeColumn::new(&ratings)),
        behaviour: Some(CodeColumn::new(&ratings)),
        ..Default::default()
    };
    for floor in [true, false] {
        let mut rules = rules_6_2022();
        rules.policy.achievement.range_inside = Decimal::from(105);
        rules.policy.achievement.floor_at_zero = floor;
        let out =
            score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap();
        assert!(out.errors.is_empty(), "{:?}", out.errors);
        let got: Vec<String> =
            (0..n).map(|i| out.indicators.achievement_decimal(i).unwrap().to_string()).collect();
        let want = [
            "33.33", "66.67", "0.00", "133.33", "110.01", "105.00", "105.00", "105.00", "120.00", "50.00",
            "200.00",
        ];
        assert_eq!(got, want);
        let s = out.stats;
        assert_eq!((s.fast_rows, s.fallback_rows, s.plain_rows), (11, 0, 0), "floor {floor}");
    }
}

/// The edges of a value column: a mantissa of 2⁹⁶ is past what a decimal holds (refused),
/// 2⁹⁶ − 1 is not; a cap finer than the kernel's twelve places still caps (on the
/// `rust_decimal` kernel).
#[test]
fn a_mantissa_past_96_bits_is_refused_and_a_fine_cap_still_caps() {
    let employee = [0u32, 1, 2];
    let big = 1i128 << 96;
    let target = [big, big - 1, 10_000];
    let actual = [10_000i128, 10_000, 20_000];
    // 110.0000000000001 % on row 2 (13 places)
    let cap = [0i128, 0, 1_100_000_000_000_001];
    let cap_valid = bitmap(&[false, false, true]);
    let mut ind =
        IndicatorColumns::new(&employee, DecimalColumn::new(&target, 2), DecimalColumn::new(&actual, 2));
    ind.cap = Some(DecimalColumn::new(&cap, 13).with_validity(Bits { bytes: &cap_valid, offset: 0 }));
    let ratings = [1u8; 3];
    let emps = EmployeeColumns {
        len: 3,
        work_rating: Some(CodeColumn::new(&ratings)),
        behaviour: Some(CodeColumn::new(&ratings)),
        ..Default::default()
    };
    let out =
        score(&ind, &emps, &UnitColumns::default(), &rules_6_2022().policy, OnError::Collect, &NoLabels)
            .unwrap();
    let past = out.errors.iter().find(|e| e.row == 0).expect("2^96 is refused");
    assert!(past.error.to_string().contains("outside the range of a 96-bit decimal"), "{}", past.error);
    assert!(out.indicators.valid[1], "{:?}", out.errors);
    assert_eq!(out.indicators.achievement_decimal(1), Some(Decimal::ZERO));
    assert_eq!(out.indicators.achievement_decimal(2), Some(Decimal::new(11_000, 2)));
    assert_eq!(out.stats.fallback_rows, 1);
}

/// The column helpers: emptiness, codes behind a validity bitmap, organisational predicate
/// codes in declaration order.
#[test]
fn column_helpers_answer_as_documented() {
    let none: [i128; 0] = [];
    assert!(DecimalColumn::new(&none, 2).is_empty());
    assert!(!DecimalColumn::new(&[1], 2).is_empty());
    assert_eq!(DecimalColumn::new_i64(&[1, 2, 3], 0).len(), 3);
    let employees: [u32; 0] = [];
    let empty = IndicatorColumns::new(&employees, DecimalColumn::new(&none, 0), DecimalColumn::new(&none, 0));
    assert!(empty.is_empty());
    let one = IndicatorColumns::new(&[0], DecimalColumn::new(&[1], 0), DecimalColumn::new(&[1], 0));
    assert!(!one.is_empty());
    // rows 0 and 2 valid, row 1 null (its code 1 is not read), row 3 the null code
    let bits = [0b0000_1101u8];
    let codes = CodeColumn { codes: &[0, 1, 2, u8::MAX], validity: Some(Bits { bytes: &bits, offset: 0 }) };
    assert_eq!((0..5).map(|i| codes.get(i)).collect::<Vec<_>>(), [Some(0), None, Some(2), None, None]);
    use kinerja_core::model::OrgPredicate;
    let order = [
        OrgPredicate::VeryPoor,
        OrgPredicate::Poor,
        OrgPredicate::NeedsImprovement,
        OrgPredicate::Good,
        OrgPredicate::Outstanding,
    ];
    for (c, p) in order.iter().enumerate() {
        assert_eq!(org_predicate_of(c as u8), Some(*p));
    }
    assert_eq!(org_predicate_of(5), None);
}

/// Without labels, an error names rows only; with labels, their ids.
#[test]
fn errors_name_ids_only_when_labels_give_them() {
    struct Ids;
    impl Labels for Ids {
        fn employee(&self, i: usize) -> Option<String> {
            Some(format!("nip-{i}"))
        }
        fn indicator(&self, i: usize) -> Option<String> {
            Some(format!("iki-{i}"))
        }
    }
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    // row 1: a negative weight (an indicator error); employee 1: weights on some rows only
    let (t, a, w) = ([100i64, 100, 100, 100], [90i64, 90, 90, 90], [50i64, -1, 50, 0]);
    let mut ind =
        IndicatorColumns::new(&[0, 0, 1, 1], DecimalColumn::new_i64(&t, 0), DecimalColumn::new_i64(&a, 0));
    let valid = [0b0000_0111u8];
    ind.weight = Some(DecimalColumn::new_i64(&w, 0).with_validity(Bits { bytes: &valid, offset: 0 }));
    let emps = EmployeeColumns { len: 2, ..Default::default() };
    let run = |labels: &dyn Labels| {
        let out =
            score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, labels).unwrap();
        out.errors.iter().map(|e| e.error.location().cloned().unwrap()).collect::<Vec<_>>()
    };
    let bare = run(&NoLabels);
    assert_eq!(bare.len(), 3, "{bare:?}");
    assert!(bare.iter().all(|l| l.employee.is_none() && l.indicator.is_none()), "{bare:?}");
    // the row, its employee (left unscored by it) and employee 1's partial weights (row 3)
    let named: Vec<_> = run(&Ids).into_iter().map(|l| (l.employee, l.indicator)).collect();
    let id = |s: &str| Some(s.to_string());
    assert_eq!(named, [(id("nip-0"), id("iki-1")), (id("nip-0"), None), (id("nip-1"), id("iki-3"))]);
}

/// The float scan's edges: a value of exactly 2^51 at its scale is not held uniquely (the
/// limit is strict); a null slot past the first block of 64 is skipped whatever it holds;
/// a null slot before a value that raises the scale is skipped in the rescan too.
#[cfg(feature = "float-input")]
#[test]
fn the_float_scan_keeps_its_limit_and_skips_null_slots() {
    let limit = 2_251_799_813_685_248.0; // 2^51
    assert!(DecimalColumn::from_f64(&[limit], None, "actual").unwrap().is_none());
    let below = [limit - 1.0];
    let c = DecimalColumn::from_f64(&below, None, "actual").unwrap().unwrap();
    assert_eq!((c.raw(0), c.scale), (Some(2_251_799_813_685_247), 0));
    let mut v = vec![1.0; 200];
    v[130] = f64::NAN;
    let mut bits = vec![0xFFu8; 25];
    bits[130 / 8] &= !(1 << (130 % 8));
    let c = DecimalColumn::from_f64(&v, Some(Bits { bytes: &bits, offset: 0 }), "actual").unwrap().unwrap();
    assert_eq!((c.raw(129), c.raw(130), c.scale), (Some(1), None, 0));
    let v = [1.5, 1e17, 1.25];
    let bits = [0b0000_0101u8];
    let c = DecimalColumn::from_f64(&v, Some(Bits { bytes: &bits, offset: 0 }), "actual").unwrap().unwrap();
    assert_eq!((c.raw(0), c.raw(1), c.raw(2), c.scale), (Some(150), None, Some(125), 2));
}
