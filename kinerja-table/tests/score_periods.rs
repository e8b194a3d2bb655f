//! Scoring a long table with a `period` column: realisations aggregated over the evaluated
//! period exactly as the scalar `evaluate` does, hand-computed golden values and equality with
//! `kinerja_core::regime::evaluate` per plan for an annual, a semester and a quarter period.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use kinerja_core::explain::Labelled;
use kinerja_core::model::Plan;
use kinerja_core::period::Period;
use kinerja_table::score::{Detail, OnError, ScoreOptions, Tables, score};
use rust_decimal::Decimal;

/// e1: i1 cumulative, annual target 400 declared as 100 per quarter (`period_target`), weight 60,
///     quarters 95 / 90 / 100 / 115;
///     i2 mean, target 80, weight 40, quarters 80 / 76 / 84 / 80.
/// e2: i1 last value, target 100, no weights, quarters 120 / 110 / 105 / 112.
fn indicators() -> arrow_array::RecordBatch {
    let q = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];
    let mut emp = vec![];
    let mut ind = vec![];
    let mut agg = vec![];
    let mut target = vec![];
    let mut weight = vec![];
    let mut period = vec![];
    let mut period_target = vec![];
    let mut actual = vec![];
    let mut add = |e: &'static str,
                   i: &'static str,
                   a: &'static str,
                   t: &'static str,
                   w: Option<&'static str>,
                   vals: [&'static str; 4]| {
        for (p, v) in q.iter().zip(vals) {
            emp.push(e);
            ind.push(i);
            agg.push(a);
            target.push(Some(t));
            weight.push(w);
            period.push(*p);
            period_target.push((a == "cumulative").then_some("100"));
            actual.push(Some(v));
        }
    };
    add("e1", "i1", "cumulative", "400", Some("60"), ["95", "90", "100", "115"]);
    add("e1", "i2", "mean", "80", Some("40"), ["80", "76", "84", "80"]);
    add("e2", "i1", "last", "100", None, ["120", "110", "105", "112"]);
    batch(vec![
        ("employee", words(&emp)),
        ("indicator", words(&ind)),
        ("aggregation", words(&agg)),
        ("target", dec(&target, 2)),
        ("weight", dec(&weight, 0)),
        ("period", words(&period)),
        ("period_target", dec(&period_target, 0)),
        ("actual", dec(&actual, 2)),
    ])
}

/// Per-period employee rows, as in the bundled Kupang frames.
fn employees() -> arrow_array::RecordBatch {
    batch(vec![
        ("employee", words(&["e1", "e1", "e1", "e1", "e2", "e2", "e2", "e2"])),
        ("unit", words(&["u1"; 8])),
        ("post_type", words(&["executor"; 8])),
        (
            "period",
            words(&["2024", "2024-S1", "2024-Q2", "2024-S2", "2024", "2024-S1", "2024-Q2", "2024-S2"]),
        ),
        ("work_result", text(&[None, None, None, None, Some("above"), Some("meets"), None, Some("below")])),
        ("behaviour", words(&["meets", "above", "meets", "meets", "meets", "meets", "below", "above"])),
    ])
}

fn plan(e: &str, indicators: &str, realisations: &str, assessments: &str) -> Plan {
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "{e}", "name": "{e}", "unit": "u1", "post_type": "executor"}}, "year": 2024,
            "results": [{{"id": "r1", "description": "r1", "indicators": [{indicators}]}}],
            "realisations": [{realisations}], "assessments": [{assessments}]}}"#
    ))
    .unwrap()
}

fn reals(i: &str, vals: [&str; 4]) -> String {
    let q = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];
    q.iter()
        .zip(vals)
        .map(|(p, v)| format!(r#"{{"indicator": "{i}", "period": "{p}", "actual": "{v}"}}"#))
        .collect::<Vec<_>>()
        .join(",")
}

fn plans() -> Vec<Plan> {
    let e1 = plan(
        "e1",
        r#"{"id": "i1", "name": "i1", "target": "400", "aggregation": "cumulative", "weight": "60",
            "period_targets": {"2024-Q1": "100", "2024-Q2": "100", "2024-Q3": "100", "2024-Q4": "100"}},
           {"id": "i2", "name": "i2", "target": "80", "aggregation": "mean", "weight": "40"}"#,
        &format!("{},{}", reals("i1", ["95", "90", "100", "115"]), reals("i2", ["80", "76", "84", "80"])),
        r#"{"period": "2024", "behaviour": {"overall": "meets"}},
           {"period": "2024-S1", "behaviour": {"overall": "above"}},
           {"period": "2024-Q2", "behaviour": {"overall": "meets"}},
           {"period": "2024-S2", "behaviour": {"overall": "meets"}}"#,
    );
    let e2 = plan(
        "e2",
        r#"{"id": "i1", "name": "i1", "target": "100", "aggregation": "last"}"#,
        &reals("i1", ["120", "110", "105", "112"]),
        r#"{"period": "2024", "work_result": "above", "behaviour": {"overall": "meets"}},
           {"period": "2024-S1", "work_result": "meets", "behaviour": {"overall": "meets"}},
           {"period": "2024-Q2", "behaviour": {"overall": "below"}},
           {"period": "2024-S2", "work_result": "below", "behaviour": {"overall": "above"}}"#,
    );
    vec![e1, e2]
}

fn run(period: &str) -> kinerja_table::score::Scored {
    let (ind, emp) = (indicators(), employees());
    let tables = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let options = ScoreOptions {
        period: Some(period.parse().unwrap()),
        on_error: OnError::Raise,
        detail: Detail::Indicator,
        ..ScoreOptions::default()
    };
    score(&tables, &rules(), &options).unwrap()
}

fn as_dec(v: &Option<String>) -> Option<Decimal> {
    v.as_ref().map(|s| s.parse().unwrap())
}

#[test]
fn golden_annual_semester_quarter() {
    // (period, e1 i1, e1 i2, e1 weighted, e2 i1)
    let golden = [
        // annual: ΣR 400 / ΣT 400; mean 80 / 80; last (Q4) 112 / 100
        ("2024", "100.00", "100.00", "100.00", "112.00"),
        // semester 1: ΣR 185 / (400 × 6/12 = 200) = 92.50; mean 78 / 80 = 97.50;
        // 0.6 × 92.5 + 0.4 × 97.5 = 94.50; last (Q2) 110
        ("2024-S1", "92.50", "97.50", "94.50", "110.00"),
        // quarter 2: 90 / (400 × 3/12 = 100) = 90.00; 76 / 80 = 95.00; 0.6 × 90 + 0.4 × 95 = 92.00
        ("2024-Q2", "90.00", "95.00", "92.00", "110.00"),
    ];
    for (p, i1, i2, w1, e2) in golden {
        let s = run(p);
        let ind = s.indicators.as_ref().unwrap();
        assert_eq!(strings(ind, "employee"), some(&["e1", "e1", "e2"]), "{p}");
        assert_eq!(strings(ind, "indicator"), some(&["i1", "i2", "i1"]), "{p}");
        assert_eq!(decimals(ind, "achievement"), some(&[i1, i2, e2]), "{p}");
        assert_eq!(decimals(&s.employees, "weighted_achievement"), some(&[w1, e2]), "{p}");
        assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok"]), "{p}");
        assert_eq!(s.problems.num_rows(), 0, "{p}");
    }
    // the two quarterly rows 95 and 90 are one indicator over the semester, not two indicators
    let s = run("2024-S1");
    assert_eq!(s.indicators.as_ref().unwrap().num_rows(), 3);
    // e1 S1: advised meets (94.50 ≥ 90) × behaviour above → good; e2 S1: appraiser meets × meets → good
    assert_eq!(strings(&s.employees, "advised_rating"), some(&["meets", "above"]));
    assert_eq!(strings(&s.employees, "work_result"), some(&["meets", "meets"]));
    assert_eq!(strings(&s.employees, "work_result_source"), some(&["advisory", "appraiser"]));
    assert_eq!(strings(&s.employees, "behaviour"), some(&["above", "meets"]));
    assert_eq!(strings(&s.employees, "predicate"), some(&["good", "good"]));
    assert_eq!(bools(&s.employees, "disagreement"), vec![Some(false), Some(true)]);
    // annual: e2 appraiser above × meets → good; e1 advised meets × meets → good
    let s = run("2024");
    assert_eq!(strings(&s.employees, "predicate"), some(&["good", "good"]));
    // per-unit counts
    let good = s.units.column_by_name("good").unwrap();
    let good = good.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
    assert_eq!(good.value(0), 2);
}

#[test]
fn equals_scalar_evaluate_for_each_plan_and_period() {
    let rules = rules();
    for p in ["2024", "2024-S1", "2024-Q2", "2024-S2"] {
        let period: Period = p.parse().unwrap();
        let s = run(p);
        let ind = s.indicators.as_ref().unwrap();
        let ach = decimals(ind, "achievement");
        let ids = strings(ind, "indicator");
        for (e, plan) in plans().iter().enumerate() {
            let ev = kinerja_core::regime::evaluate(plan, period, &rules).unwrap();
            assert_eq!(
                as_dec(&decimals(&s.employees, "weighted_achievement")[e]),
                ev.weighted_achievement,
                "{p}"
            );
            let word = |c: &str| strings(&s.employees, c)[e].clone();
            assert_eq!(word("advised_rating").as_deref(), ev.advised_rating.map(|r| r.value()), "{p}");
            assert_eq!(word("work_result").as_deref(), ev.work_result.map(|r| r.value()), "{p}");
            assert_eq!(word("behaviour").as_deref(), ev.behaviour.map(|r| r.value()), "{p}");
            assert_eq!(word("predicate").as_deref(), Some(ev.predicate.value()), "{p}");
            assert_eq!(bools(&s.employees, "disagreement")[e], Some(ev.disagreement), "{p}");
            let emp_rows: Vec<usize> = strings(ind, "employee")
                .iter()
                .enumerate()
                .filter(|(_, x)| x.as_deref() == Some(&plan.employee.id))
                .map(|(k, _)| k)
                .collect();
            assert_eq!(emp_rows.len(), ev.indicators.len(), "{p}");
            for (k, r) in emp_rows.iter().zip(&ev.indicators) {
                assert_eq!(ids[*k].as_deref(), Some(r.indicator.as_str()));
                assert_eq!(as_dec(&ach[*k]), Some(r.achievement), "{p} {}", r.indicator);
            }
        }
    }
}

#[test]
fn a_period_without_assessment_fails_as_evaluate_does() {
    // no employee row for 2024-Q4: the behaviour rating is missing, as for the scalar API
    let period: Period = "2024-Q4".parse().unwrap();
    assert!(kinerja_core::regime::evaluate(&plans()[0], period, &rules()).is_err());
    let (ind, emp) = (indicators(), employees());
    let tables = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let options = ScoreOptions { period: Some(period), on_error: OnError::Collect, ..Default::default() };
    let s = score(&tables, &rules(), &options).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "error"]));
    assert_eq!(strings(&s.problems, "column"), some(&["behaviour", "behaviour"]));
    // the first row of each employee is named, not a value from another period's row
    assert_eq!(strings(&s.problems, "value"), vec![None, None]);
    let msg = strings(&s.problems, "message")[0].clone().unwrap();
    assert!(msg.starts_with("row 1, employee `e1`"), "{msg}");
}

#[test]
fn default_period_is_the_year_of_the_realisations() {
    let (ind, emp) = (indicators(), employees());
    let tables = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let s = score(&tables, &rules(), &ScoreOptions::default()).unwrap();
    assert_eq!(s.period, Some("2024".parse().unwrap()));
    assert_eq!(decimals(&s.employees, "weighted_achievement"), some(&["100.00", "112.00"]));
}

#[test]
fn missing_quarter_is_named_in_collect_and_raised_in_raise() {
    // drop e1 i1 Q3: the annual ΣR needs every month covered
    let ind = indicators();
    let keep: Vec<u32> = (0..ind.num_rows() as u32).filter(|r| *r != 2).collect();
    let idx = arrow_array::UInt32Array::from(keep);
    let cols: Vec<_> = ind.columns().iter().map(|c| take(c, &idx)).collect();
    let ind = arrow_array::RecordBatch::try_new(ind.schema(), cols).unwrap();
    let emp = employees();
    let tables = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let collect = ScoreOptions {
        period: Some("2024".parse().unwrap()),
        on_error: OnError::Collect,
        ..Default::default()
    };
    let s = score(&tables, &rules(), &collect).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok"]));
    assert_eq!(strings(&s.employees, "predicate")[0], None);
    assert_eq!(strings(&s.employees, "predicate")[1].as_deref(), Some("good"));
    assert_eq!(strings(&s.problems, "employee"), some(&["e1"]));
    assert_eq!(strings(&s.problems, "indicator"), some(&["i1"]));
    let msg = strings(&s.problems, "message")[0].clone().unwrap();
    assert!(msg.contains("2024-07") && msg.contains("2024-09"), "{msg}");
    // the same half year is complete
    let s1 = ScoreOptions { period: Some("2024-S1".parse().unwrap()), ..Default::default() };
    assert!(score(&tables, &rules(), &s1).is_ok());
    let raise = ScoreOptions { period: Some("2024".parse().unwrap()), ..Default::default() };
    let err = score(&tables, &rules(), &raise).unwrap_err();
    assert_eq!(err.problem.employee.as_deref(), Some("e1"));
    assert_eq!(err.problem.row, Some(1));
}

fn take(c: &arrow_array::ArrayRef, idx: &arrow_array::UInt32Array) -> arrow_array::ArrayRef {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    let rows: Vec<usize> = idx.values().iter().map(|r| *r as usize).collect();
    match c.data_type() {
        arrow_schema::DataType::Utf8 => {
            let s = c.as_string::<i32>();
            std::sync::Arc::new(arrow_array::StringArray::from_iter(
                rows.iter().map(|r| s.is_valid(*r).then(|| s.value(*r))),
            ))
        }
        _ => {
            let d = c.as_primitive::<arrow_array::types::Decimal128Type>();
            let (p, s) = match c.data_type() {
                arrow_schema::DataType::Decimal128(p, s) => (*p, *s),
                _ => unreachable!(),
            };
            std::sync::Arc::new(
                arrow_array::Decimal128Array::from_iter(
                    rows.iter().map(|r| d.is_valid(*r).then(|| d.value(*r))),
                )
                .with_precision_and_scale(p, s)
                .unwrap(),
            )
        }
    }
}

#[test]
fn bad_period_and_actual_without_period_are_row_problems() {
    let ind = batch(vec![
        ("employee", words(&["e1", "e1", "e2"])),
        ("indicator", words(&["i1", "i1", "i1"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("period", text(&[Some("2024-Q5"), Some("2024-Q1"), None])),
        ("actual", dec(&[Some("10"), Some("20"), Some("30")], 0)),
    ]);
    let emp = batch(vec![
        ("employee", words(&["e1", "e2", "e3"])),
        ("behaviour", words(&["meets", "meets", "meets"])),
        ("work_result", words(&["meets", "meets", "meets"])),
    ]);
    let tables = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let options = ScoreOptions {
        period: Some("2024-Q1".parse().unwrap()),
        on_error: OnError::Collect,
        ..Default::default()
    };
    let s = score(&tables, &rules(), &options).unwrap();
    assert_eq!(strings(&s.problems, "family"), some(&["period", "input"]));
    assert_eq!(strings(&s.problems, "column"), some(&["period", "period"]));
    assert_eq!(strings(&s.problems, "value"), vec![Some("2024-Q5".into()), Some(String::new())]);
    assert_eq!(strings(&s.problems, "employee"), some(&["e1", "e2"]));
    // e3 has no indicator row: rated by the appraiser alone (`rating.require_indicators` off)
    assert_eq!(strings(&s.employees, "status"), some(&["error", "error", "ok"]));
    let err = score(&tables, &rules(), &ScoreOptions { on_error: OnError::Raise, ..options }).unwrap_err();
    assert_eq!(err.problem.row, Some(1));
    assert_eq!(err.family.as_str(), "period");
}

/// `ind` with the employee table `emp`, scored over `period` (the year inferred when `None`),
/// employee detail.
#[allow(clippy::result_large_err)] // the library's own error, as `score` returns it
fn score_over(
    ind: &arrow_array::RecordBatch,
    emp: &arrow_array::RecordBatch,
    period: Option<&str>,
    on_error: OnError,
) -> Result<kinerja_table::score::Scored, kinerja_table::score::ScoreError> {
    let tables = Tables { indicators: ind, employees: Some(emp), units: None };
    let options = ScoreOptions {
        period: period.map(|p| p.parse().unwrap()),
        on_error,
        detail: Detail::Employee,
        ..Default::default()
    };
    score(&tables, &rules(), &options)
}

/// Rows aggregated over the period are columns without a null when every cell is there, so
/// they take the kernel's plain row loop and plain mean (they once carried a validity bitmap
/// of their own and never did): same results, counted in the statistics.
#[test]
fn aggregated_rows_without_nulls_take_the_plain_loop() {
    let q = ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"];
    let ind = batch(vec![
        ("employee", words(&["e1"; 8])),
        ("indicator", words(&["i1", "i1", "i1", "i1", "i2", "i2", "i2", "i2"])),
        ("aggregation", words(&["cumulative"; 4].into_iter().chain(["mean"; 4]).collect::<Vec<_>>())),
        ("target", dec(&[Some("400"); 4].into_iter().chain([Some("80"); 4]).collect::<Vec<_>>(), 2)),
        ("weight", dec(&[Some("60"); 4].into_iter().chain([Some("40"); 4]).collect::<Vec<_>>(), 0)),
        ("period", words(&q.into_iter().chain(q).collect::<Vec<_>>())),
        ("period_target", dec(&[Some("100"); 4].into_iter().chain([None; 4]).collect::<Vec<_>>(), 0)),
        ("actual", dec(&["95", "90", "100", "115", "80", "76", "84", "80"].map(Some), 2)),
    ]);
    let emp = employees();
    let stats = |p: &str, ind: &arrow_array::RecordBatch| {
        let s = score_over(ind, &emp, Some(p), OnError::Raise).unwrap();
        (decimals(&s.employees, "weighted_achievement")[0].clone(), s.stats)
    };
    // annual: 400 / 400 and 80 / 80; semester 1: 92.50 × 0.6 + 97.50 × 0.4
    for (p, w) in [("2024", "100.00"), ("2024-S1", "94.50")] {
        let (got, s) = stats(p, &ind);
        assert_eq!(got.as_deref(), Some(w), "{p}");
        assert_eq!((s.fast_rows, s.plain_rows, s.plain_employees, s.fallback_rows), (2, 2, 1, 0), "{p}");
    }
    // one weight missing: a column with a null, off the plain loop, and refused all the same
    // (weights on some rows only); the plain loop is not what decides
    let (_, s) = stats("2024", &indicators());
    assert_eq!(s.plain_rows, 0, "{s:?}");
}

/// The kernel's message about a cumulative indicator without a target for the period names
/// the indicator by its id (it once said ``indicator `` is cumulative``).
#[test]
fn a_missing_period_target_names_its_indicator() {
    let q = ["2024-Q1", "2024-Q2"];
    let ind = batch(vec![
        ("employee", words(&["e1"; 2])),
        ("indicator", words(&["pasien"; 2])),
        ("target", dec(&[Some("400"); 2], 0)),
        ("period", words(&q)),
        ("actual", dec(&[Some("95"), Some("90")], 0)),
    ]);
    let emp = employees();
    let err = score_over(&ind, &emp, Some("2024-S1"), OnError::Raise).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("indicator `pasien` is cumulative and no target is declared for 2024-S1"), "{msg}");
}

/// Groups are aggregated in parallel chunks (4 096 groups each); the problems of a long table
/// come out in group order, each marking its own employee only, as a pass group after group
/// gives them: an unreadable period (a table-layer problem) in the first, second and third
/// chunk, and a realisation that leaves months uncovered (a core error) between them.
#[test]
fn problems_of_groups_in_several_chunks_keep_their_order_and_employees() {
    let n = 10_000;
    let ids: Vec<String> = (0..n).map(|e| format!("e{e:05}")).collect();
    let mut period = vec!["2024"; n];
    let bad = [10, 5_000, 9_999];
    for r in bad {
        period[r] = "2024-13";
    }
    period[7_000] = "2024-Q1";
    let emp_ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let ind = batch(vec![
        ("employee", words(&emp_ids)),
        ("indicator", words(&vec!["i1"; n])),
        ("target", dec(&vec![Some("100"); n], 0)),
        ("period", words(&period)),
        ("actual", dec(&vec![Some("95"); n], 0)),
    ]);
    let emp = batch(vec![
        ("employee", words(&emp_ids)),
        ("work_result", words(&vec!["meets"; n])),
        ("behaviour", words(&vec!["meets"; n])),
    ]);
    let s = score_over(&ind, &emp, Some("2024"), OnError::Collect).unwrap();
    let employees = strings(&s.problems, "employee");
    let want = ["e00010", "e05000", "e07000", "e09999"];
    let messages = strings(&s.problems, "message");
    assert_eq!(employees, some(&want), "{messages:?}");
    assert!(messages[2].as_deref().unwrap().contains("no realisation covers 2024-04"), "{messages:?}");
    let rows = s.problems.column_by_name("row").unwrap();
    let rows = rows.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
    assert_eq!(rows.values().to_vec(), [11, 5_001, 7_001, 10_000]);
    let families = strings(&s.problems, "family");
    assert_eq!(
        families,
        some(&["period", "period", "input", "period"]),
        "{:?}",
        strings(&s.problems, "message")
    );
    let status = strings(&s.employees, "status");
    for (e, st) in status.iter().enumerate() {
        let expected = if want.contains(&ids[e].as_str()) { "error" } else { "ok" };
        assert_eq!(st.as_deref(), Some(expected), "{}", ids[e]);
    }
}

/// Aggregated values of very different sizes in one column: a mean of 1/12 (28 places)
/// beside a count of 1.5 × 10^18 cannot share a scale within a decimal, so the count's row
/// moves its decimal point (target and actual together: the same achievement); a row whose
/// own target and actual differ by more digits than a decimal holds is a located problem.
#[test]
fn aggregated_values_of_every_size_share_a_column_or_are_located() {
    let months: Vec<String> = (1..=12).map(|m| format!("2024-{m:02}")).collect();
    let mut employee = vec!["e1"; 12];
    let mut period: Vec<&str> = months.iter().map(String::as_str).collect();
    let mut aggregation = vec!["mean"; 12];
    let mut target = vec![Some("1"); 12];
    let mut actual = vec![Some("0"); 12];
    actual[0] = Some("1");
    employee.push("e2");
    period.push("2024");
    aggregation.push("cumulative");
    target.push(Some("1500000000000000000"));
    actual.push(Some("1500000000000000000"));
    let table = |employee: &[&str], period: &[&str], aggregation: &[&str], target, actual| {
        batch(vec![
            ("employee", words(employee)),
            ("indicator", words(&vec!["i1"; employee.len()])),
            ("aggregation", words(aggregation)),
            ("target", target),
            ("period", words(period)),
            ("actual", actual),
        ])
    };
    let ind = table(&employee, &period, &aggregation, dec(&target, 0), dec(&actual, 0));
    let emp = batch(vec![
        ("employee", words(&["e1", "e2", "e3"])),
        ("work_result", words(&["meets"; 3])),
        ("behaviour", words(&["meets"; 3])),
    ]);
    let run = |ind: &arrow_array::RecordBatch| score_over(ind, &emp, Some("2024"), OnError::Collect).unwrap();
    let s = run(&ind);
    assert_eq!(s.problems.num_rows(), 0, "{:?}", strings(&s.problems, "message"));
    // e1: 1/12 of its target; e2: all of it
    assert_eq!(decimals(&s.employees, "weighted_achievement")[..2], some(&["8.33", "100.00"]));
    // e3 (rows 14–25): a mean of 1/12 against a target of 10^27, no scale holds both within
    // a decimal's digits
    for (m, month) in months.iter().enumerate() {
        employee.push("e3");
        period.push(month);
        aggregation.push("mean");
        target.push(Some("1000000000000000000000000000"));
        actual.push(Some(if m == 0 { "1" } else { "0" }));
    }
    let ind = table(&employee, &period, &aggregation, dec(&target, 0), dec(&actual, 0));
    let s = run(&ind);
    assert_eq!(strings(&s.problems, "employee"), some(&["e3"]), "{:?}", strings(&s.problems, "message"));
    let rows = s.problems.column_by_name("row").unwrap();
    let rows = rows.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
    assert_eq!(rows.value(0), 14);
    let message = strings(&s.problems, "message")[0].clone().unwrap();
    assert!(message.contains("differ by more digits than the engine holds"), "{message}");
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok", "error"]));
    assert_eq!(decimals(&s.employees, "weighted_achievement")[..2], some(&["8.33", "100.00"]));
}

/// An indicator's definition (here its weight) must be the same on each of its period rows:
/// the row that differs is the problem, named with the first row's value.
#[test]
fn a_definition_that_changes_between_period_rows_is_located() {
    let ind = batch(vec![
        ("employee", words(&["e1", "e1", "e1"])),
        ("indicator", words(&["i1", "i1", "i1"])),
        ("aggregation", words(&["mean"; 3])),
        ("target", dec(&[Some("80"); 3], 0)),
        ("weight", dec(&[Some("60"), Some("60"), Some("40")], 0)),
        ("period", words(&["2024-Q1", "2024-Q2", "2024-S2"])),
        ("actual", dec(&[Some("80"); 3], 0)),
    ]);
    let emp = employees();
    let s = score_over(&ind, &emp, Some("2024"), OnError::Collect).unwrap();
    assert_eq!(strings(&s.problems, "employee"), some(&["e1"]));
    assert_eq!(strings(&s.problems, "column"), some(&["weight"]));
    assert_eq!(strings(&s.problems, "value"), some(&["40"]));
    let rows = s.problems.column_by_name("row").unwrap();
    assert_eq!(rows.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap().value(0), 3);
    let message = strings(&s.problems, "message")[0].clone().unwrap();
    assert!(message.contains(r#"`weight` is "60" on row 1 but "40" on row 3"#), "{message}");
    assert_eq!(strings(&s.employees, "status")[0].as_deref(), Some("error"));
}

/// A row without a period: fine when it only declares the indicator (no actual, no period
/// target); a located problem when it has an actual or a period target, since neither can be
/// placed in time.
#[test]
fn a_row_without_a_period_may_declare_but_not_realise() {
    let run = |actual: [Option<&str>; 3], period_target: [Option<&str>; 3]| {
        let ind = batch(vec![
            ("employee", words(&["e1"; 3])),
            ("indicator", words(&["i1"; 3])),
            ("aggregation", words(&["mean"; 3])),
            ("target", dec(&[Some("80"); 3], 0)),
            ("period", text(&[None, Some("2024-S1"), Some("2024-S2")])),
            ("period_target", dec(&period_target, 0)),
            ("actual", dec(&actual, 0)),
        ]);
        let emp = employees();
        score_over(&ind, &emp, Some("2024"), OnError::Collect).unwrap()
    };
    let s = run([None, Some("76"), Some("84")], [None; 3]);
    assert_eq!(s.problems.num_rows(), 0, "{:?}", strings(&s.problems, "message"));
    assert_eq!(decimals(&s.employees, "weighted_achievement")[0].as_deref(), Some("100.00"));
    let s = run([Some("80"), Some("76"), Some("84")], [None; 3]);
    let message = strings(&s.problems, "message");
    assert_eq!(message.len(), 1);
    assert!(message[0].as_deref().unwrap().contains("an actual without a period"), "{message:?}");
    let s = run([None, Some("76"), Some("84")], [Some("80"), None, None]);
    let message = strings(&s.problems, "message");
    assert_eq!(message.len(), 1);
    assert!(message[0].as_deref().unwrap().contains("a period target without a period"), "{message:?}");
    assert_eq!(strings(&s.problems, "value"), some(&["80"]));
}

/// A range target aggregated over the period: the quarters' mean measured against the range,
/// as the same value on one annual row without a `period` column is (inside, below, above).
#[test]
fn a_range_target_over_the_period_scores_as_its_aggregate() {
    let emp = employees();
    let score_of = |ind: &arrow_array::RecordBatch, period: Option<&str>| {
        let s = score_over(ind, &emp, period, OnError::Raise).unwrap();
        decimals(&s.employees, "weighted_achievement")[0].clone()
    };
    for (quarters, mean) in [
        (["80", "85", "75", "80"], "80"),
        (["60", "64", "56", "60"], "60"),
        (["99", "95", "97", "101"], "98"),
    ] {
        let by_quarter = batch(vec![
            ("employee", words(&["e1"; 4])),
            ("indicator", words(&["i1"; 4])),
            ("aggregation", words(&["mean"; 4])),
            ("target_low", dec(&[Some("70"); 4], 0)),
            ("target_high", dec(&[Some("90"); 4], 0)),
            ("period", words(&["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"])),
            ("actual", dec(&quarters.map(Some), 0)),
        ]);
        let annual = batch(vec![
            ("employee", words(&["e1"])),
            ("indicator", words(&["i1"])),
            ("target_low", dec(&[Some("70")], 0)),
            ("target_high", dec(&[Some("90")], 0)),
            ("actual", dec(&[Some(mean)], 0)),
        ]);
        let got = score_of(&by_quarter, Some("2024"));
        assert!(got.is_some(), "{quarters:?}");
        assert_eq!(got, score_of(&annual, None), "{quarters:?}");
    }
}

/// An actual with more digits than a decimal holds (a `decimal128` of 10^30) cannot be
/// aggregated: a located problem at its own row, the other rows of the group aside.
#[test]
fn an_actual_beyond_a_decimal_is_located_at_its_row() {
    let actual: arrow_array::ArrayRef = std::sync::Arc::new(
        arrow_array::Decimal128Array::from(vec![80, 10i128.pow(30)]).with_precision_and_scale(38, 0).unwrap(),
    );
    let ind = batch(vec![
        ("employee", words(&["e1"; 2])),
        ("indicator", words(&["i1"; 2])),
        ("aggregation", words(&["mean"; 2])),
        ("target", dec(&[Some("80"); 2], 0)),
        ("period", words(&["2024-S1", "2024-S2"])),
        ("actual", actual),
    ]);
    let emp = employees();
    let s = score_over(&ind, &emp, Some("2024"), OnError::Collect).unwrap();
    let message = strings(&s.problems, "message");
    assert_eq!(message.len(), 1, "{message:?}");
    assert!(message[0].as_deref().unwrap().contains("more decimal places or digits than the engine holds"));
    assert_eq!(strings(&s.problems, "column"), some(&["actual"]));
    let rows = s.problems.column_by_name("row").unwrap();
    assert_eq!(rows.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap().value(0), 2);
}

/// Range targets in later chunks of groups (the aggregation keeps a range's bounds per chunk
/// and makes them columns afterwards): each employee scores as the same rows without a
/// `period` column, the range groups and the point groups around them alike.
#[test]
fn range_targets_in_later_chunks_of_groups_score_as_without_a_period() {
    let n = 10_000;
    let ids: Vec<String> = (0..n).map(|e| format!("e{e:05}")).collect();
    let emp_ids: Vec<&str> = ids.iter().map(String::as_str).collect();
    let ranged = [4_096, 6_000, 9_999];
    let is_range = |g: usize| ranged.contains(&g);
    let target: Vec<Option<&str>> = (0..n).map(|g| (!is_range(g)).then_some("100")).collect();
    let low: Vec<Option<&str>> = (0..n).map(|g| is_range(g).then_some("70")).collect();
    let high: Vec<Option<&str>> = (0..n).map(|g| is_range(g).then_some("90")).collect();
    let actual: Vec<Option<&str>> = (0..n).map(|g| Some(if g % 2 == 0 { "95" } else { "60" })).collect();
    let columns = |period: bool| {
        let mut c = vec![
            ("employee", words(&emp_ids)),
            ("indicator", words(&vec!["i1"; n])),
            ("target", dec(&target, 0)),
            ("target_low", dec(&low, 0)),
            ("target_high", dec(&high, 0)),
            ("actual", dec(&actual, 0)),
        ];
        if period {
            c.push(("period", words(&vec!["2024"; n])));
        }
        batch(c)
    };
    let emp = batch(vec![
        ("employee", words(&emp_ids)),
        ("work_result", words(&vec!["meets"; n])),
        ("behaviour", words(&vec!["meets"; n])),
    ]);
    let over = score_over(&columns(true), &emp, Some("2024"), OnError::Raise).unwrap();
    let plain = score_over(&columns(false), &emp, None, OnError::Raise).unwrap();
    let (got, want) = (
        decimals(&over.employees, "weighted_achievement"),
        decimals(&plain.employees, "weighted_achievement"),
    );
    assert_eq!(got, want);
    // the range rows are scored against their range, not as missing targets
    for g in ranged {
        assert!(got[g].is_some(), "employee {g}");
        assert_ne!(got[g], got[g - 2], "employee {g} scored as a point target");
    }
}
