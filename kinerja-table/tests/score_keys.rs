//! Key matching and collect/raise: duplicates, unknown employees and units, employees without
//! indicators, employee columns repeated on indicator rows, bad words.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use kinerja_table::score::{OnError, ScoreOptions, Tables, score};

fn collect() -> ScoreOptions {
    ScoreOptions { on_error: OnError::Collect, ..Default::default() }
}

/// a: 100/100 and 90/100 (mean 95.00); b: 120/100 (120.00); c: no indicator rows.
fn base() -> (arrow_array::RecordBatch, arrow_array::RecordBatch) {
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("indicator", words(&["i1", "i2", "i1"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
    ]);
    let emp = batch(vec![
        ("employee", words(&["a", "b", "c"])),
        ("unit", words(&["u1", "u1", "u2"])),
        ("work_result", text(&[None, Some("above"), Some("meets")])),
        ("behaviour", words(&["meets", "above", "meets"])),
    ]);
    (ind, emp)
}

/// An employee without indicator rows is rated on the appraiser's ratings alone (the scalar
/// `evaluate` of a plan without indicators): `ok`, no weighted achievement, counted in its unit.
#[test]
fn no_indicators_is_rated_by_the_appraiser_by_default() {
    let (ind, emp) = base();
    let s = score(
        &Tables { indicators: &ind, employees: Some(&emp), units: None },
        &rules(),
        &Default::default(),
    )
    .unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok", "ok"]));
    assert_eq!(bools(&s.employees, "ok"), vec![Some(true), Some(true), Some(true)]);
    assert_eq!(
        decimals(&s.employees, "weighted_achievement"),
        vec![Some("95.00".into()), Some("120.00".into()), None]
    );
    assert_eq!(strings(&s.employees, "advised_rating")[2], None);
    assert_eq!(strings(&s.employees, "work_result")[2].as_deref(), Some("meets"));
    assert_eq!(strings(&s.employees, "work_result_source")[2].as_deref(), Some("appraiser"));
    assert_eq!(strings(&s.employees, "predicate")[2].as_deref(), Some("good"));
    let col = |n: &str| {
        let a = s.units.column_by_name(n).unwrap();
        let a = a.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
        a.values().to_vec()
    };
    assert_eq!(col("good"), vec![1, 1]);
}

/// Under `rating.require_indicators` an employee without indicator rows is flagged with the
/// status `no_indicators` and no result (the scalar `evaluate` refuses the plan).
#[test]
fn no_indicators_is_a_status_not_a_result_when_the_policy_requires_indicators() {
    let (ind, emp) = base();
    let mut strict = rules();
    strict.policy.rating.require_indicators = true;
    let s =
        score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &strict, &Default::default())
            .unwrap();
    assert_eq!(strings(&s.employees, "employee"), some(&["a", "b", "c"]));
    assert_eq!(
        decimals(&s.employees, "weighted_achievement"),
        vec![Some("95.00".into()), Some("120.00".into()), None]
    );
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok", "no_indicators"]));
    assert_eq!(s.problems.num_rows(), 0);
    // label columns: int8 keys into every value of the enum, in order, whichever occur
    for (name, values) in [
        ("status", &["error", "ok", "no_indicators"][..]),
        ("predicate", &["very_poor", "poor_misconduct", "needs_improvement", "good", "very_good"][..]),
        ("work_result", &["below", "meets", "above"][..]),
        (
            "work_result_source",
            &["appraiser", "advisory", "org_predicate", "behaviour_advice", "rollup", "computed"][..],
        ),
    ] {
        use arrow_array::cast::AsArray;
        let a = s.employees.column_by_name(name).unwrap();
        let d = a.as_dictionary_opt::<arrow_array::types::Int8Type>().expect("an int8 dictionary");
        let dict = d.values().as_string::<i32>();
        assert_eq!(dict.iter().map(Option::unwrap).collect::<Vec<_>>(), values, "{name}");
    }
    assert_eq!(bools(&s.employees, "ok"), vec![Some(true), Some(true), Some(false)]);
    // c has an appraiser rating but no indicators: no predicate under the policy
    assert_eq!(strings(&s.employees, "predicate"), vec![Some("good".into()), Some("very_good".into()), None]);
    assert_eq!(strings(&s.employees, "unit"), some(&["u1", "u1", "u2"]));
    // units: u1 counts a (good) and b (very good); u2 counts nobody
    assert_eq!(strings(&s.units, "unit"), some(&["u1", "u2"]));
    let col = |n: &str| {
        let a = s.units.column_by_name(n).unwrap();
        let a = a.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
        a.values().to_vec()
    };
    assert_eq!(col("good"), vec![1, 0]);
    assert_eq!(col("very_good"), vec![1, 0]);
}

#[test]
fn unknown_employee_names_the_id_and_row() {
    let (_, emp) = base();
    let ind = batch(vec![
        ("employee", words(&["a", "zz", "b"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
    ]);
    let t = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let err = score(&t, &rules(), &Default::default()).unwrap_err();
    assert_eq!(err.problem.row, Some(2));
    assert_eq!(err.problem.employee.as_deref(), Some("zz"));
    assert!(err.to_string().contains("unknown employee `zz`"), "{err}");
    let s = score(&t, &rules(), &collect()).unwrap();
    assert_eq!(s.problems.num_rows(), 1);
    assert_eq!(strings(&s.problems, "value"), some(&["zz"]));
    assert_eq!(strings(&s.problems, "column"), some(&["employee"]));
    // everybody else is scored: a from one row, b as before
    assert_eq!(
        decimals(&s.employees, "weighted_achievement")[..2],
        [Some("100.00".into()), Some("120.00".into())]
    );
}

#[test]
fn duplicates_name_both_rows() {
    let (_, emp) = base();
    // (a, i1) twice
    let ind = batch(vec![
        ("employee", words(&["a", "b", "a"])),
        ("indicator", words(&["i1", "i1", "i1"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("100")], 0)),
    ]);
    let s = score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &collect())
        .unwrap();
    let msg = strings(&s.problems, "message")[0].clone().unwrap();
    assert!(msg.contains("rows 1 and 3"), "{msg}");
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok", "ok"]));

    // duplicate employee rows, even identical ones
    let (ind, _) = base();
    let emp = batch(vec![
        ("employee", words(&["a", "b", "a"])),
        ("behaviour", words(&["meets", "meets", "meets"])),
    ]);
    let s = score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &collect())
        .unwrap();
    assert_eq!(strings(&s.problems, "table"), some(&["employees"]));
    let msg = strings(&s.problems, "message")[0].clone().unwrap();
    assert!(msg.contains("rows 1 and 3") && msg.contains("`a`"), "{msg}");
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok"]));
    let err = score(
        &Tables { indicators: &ind, employees: Some(&emp), units: None },
        &rules(),
        &Default::default(),
    )
    .unwrap_err();
    assert_eq!(err.problem.row, Some(3));
}

#[test]
fn unit_rows_exact_duplicates_harmless_conflicts_not() {
    let (ind, emp) = base();
    let same = batch(vec![
        ("unit", words(&["u1", "u2", "u1"])),
        ("org_predicate", words(&["good", "good", "good"])),
    ]);
    let s =
        score(&Tables { indicators: &ind, employees: Some(&emp), units: Some(&same) }, &rules(), &collect())
            .unwrap();
    assert_eq!(s.problems.num_rows(), 0);
    assert_eq!(strings(&s.units, "unit"), some(&["u1", "u2"]));
    assert_eq!(strings(&s.units, "org_predicate"), some(&["good", "good"]));
    let conflict = batch(vec![
        ("unit", words(&["u1", "u2", "u1"])),
        ("org_predicate", words(&["good", "good", "poor"])),
    ]);
    let t = Tables { indicators: &ind, employees: Some(&emp), units: Some(&conflict) };
    let err = score(&t, &rules(), &Default::default()).unwrap_err();
    assert_eq!(err.problem.table.name(), "units");
    assert!(err.to_string().contains("rows 1 and 3"), "{err}");
    // an employee whose unit is not in the unit table
    let few = batch(vec![("unit", words(&["u1"]))]);
    let s =
        score(&Tables { indicators: &ind, employees: Some(&emp), units: Some(&few) }, &rules(), &collect())
            .unwrap();
    assert_eq!(strings(&s.problems, "employee"), some(&["c"]));
    assert_eq!(strings(&s.problems, "value"), some(&["u2"]));
}

#[test]
fn repeated_employee_columns_must_agree() {
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
        ("behaviour", words(&["meets", "meets", "above"])),
        ("unit", words(&["u1", "u1", "u1"])),
    ]);
    let t = Tables { indicators: &ind, employees: None, units: None };
    let s = score(&t, &rules(), &Default::default()).unwrap();
    // a: 95.00 → meets × meets → good; b: 120.00 → above × above → very good
    assert_eq!(strings(&s.employees, "predicate"), some(&["good", "very_good"]));
    assert_eq!(strings(&s.employees, "work_result_source"), some(&["advisory", "advisory"]));

    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
        ("behaviour", words(&["meets", "above", "above"])),
    ]);
    let t = Tables { indicators: &ind, employees: None, units: None };
    let err = score(&t, &rules(), &Default::default()).unwrap_err();
    assert_eq!(err.problem.row, Some(2));
    assert_eq!(err.problem.column.as_deref(), Some("behaviour"));
    assert!(err.to_string().contains("row 1") && err.to_string().contains("row 2"), "{err}");
    let s = score(&t, &rules(), &collect()).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok"]));
}

#[test]
fn bad_words_are_collected_and_the_rest_scored() {
    let (_, emp) = base();
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
        ("polarity", words(&["higher_is_better", "sideways", "lower_is_better"])),
        ("result_kind", words(&["primary", "primary", "tambahan"])),
    ]);
    let t = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let s = score(&t, &rules(), &collect()).unwrap();
    assert_eq!(strings(&s.problems, "column"), some(&["polarity"]));
    assert_eq!(strings(&s.problems, "value"), some(&["sideways"]));
    assert_eq!(s.problems.column_by_name("row").map(|a| a.len()), Some(1));
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok", "ok"]));
    // b's only indicator is additional (Indonesian `tambahan`), so b has no weighted mean
    assert_eq!(decimals(&s.employees, "weighted_achievement")[1], None);
    let err = score(&t, &rules(), &Default::default()).unwrap_err();
    assert!(err.to_string().contains("sideways") && err.to_string().contains("higher_is_better"), "{err}");
    // a flag's word, as a polarity's: listed, and raised as the first problem
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
        ("result_kind", words(&["primary", "primary", "kadang"])),
    ]);
    let t = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let s = score(&t, &rules(), &collect()).unwrap();
    assert_eq!(strings(&s.problems, "value"), some(&["kadang"]));
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "error", "ok"]));
    let err = score(&t, &rules(), &Default::default()).unwrap_err();
    assert_eq!((err.problem.row, err.problem.column.as_deref()), (Some(3), Some("result_kind")));
}

#[test]
fn kernel_errors_are_located() {
    let (_, emp) = base();
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("target", dec(&[Some("100"), None, Some("100")], 0)),
        ("actual", dec(&[Some("100"), Some("90"), Some("120")], 0)),
    ]);
    let t = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let s = score(&t, &rules(), &collect()).unwrap();
    assert_eq!(s.problems.num_rows(), 1);
    assert_eq!(strings(&s.problems, "employee"), some(&["a"]));
    let row = s.problems.column_by_name("row").unwrap();
    let row = row.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
    assert_eq!(row.value(0), 2);
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok", "ok"]));
    let err = score(&t, &rules(), &Default::default()).unwrap_err();
    assert_eq!(err.problem.row, Some(2));
}

/// Indicator rows matched to employees over many parallel chunks: sorted runs, rows out of
/// order, unknown and missing ids in several chunks; each row gets the employee its id
/// names, and the problems come one per bad row, in row order.
#[test]
fn rows_match_their_employees_across_chunks() {
    use kinerja_table::keys::{KeyInput, NONE, match_keys};
    let n_emp = 3_000usize;
    let emp_ids: Vec<String> = (0..n_emp).map(|e| format!("19{e:06}")).collect();
    let mut rows: Vec<Option<String>> = Vec::new();
    for r in 0..300_000usize {
        let id = match r {
            _ if r % 49_999 == 7 => None,
            _ if r % 70_001 == 3 => Some("unknown".to_string()),
            // the first third in employee order, the rest jumping about
            _ if r < 100_000 => Some(emp_ids[r * n_emp / 100_000].clone()),
            _ => Some(emp_ids[(r * 7_919) % n_emp].clone()),
        };
        rows.push(id);
    }
    let row_refs: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
    let emp_refs: Vec<&str> = emp_ids.iter().map(String::as_str).collect();
    let ind = batch(vec![("employee", text(&row_refs))]);
    let emp = batch(vec![("employee", words(&emp_refs))]);
    let keys = match_keys(&KeyInput { indicators: &ind, employees: Some(&emp), units: None, period: None })
        .expect("tables read");
    let mut bad = Vec::new();
    for (r, id) in rows.iter().enumerate() {
        let want = id.as_deref().and_then(|id| emp_refs.iter().position(|e| *e == id));
        match want {
            Some(e) => assert_eq!(keys.row_employee[r], e as u32, "row {r}"),
            None => {
                assert_eq!(keys.row_employee[r], NONE, "row {r}");
                bad.push(r as u64 + 1);
            }
        }
    }
    let named: Vec<u64> = keys.problems.iter().filter_map(|p| p.row).collect();
    assert_eq!(named, bad);
    assert!(bad.len() > 8, "bad rows in several chunks: {bad:?}");
}

/// Employees taken from the indicator rows themselves (no employee table), over enough rows
/// that their index is built in several partitions: numbered in order of first appearance,
/// each row with the employee its id names, missing ids named in row order.
#[test]
fn employees_from_rows_are_numbered_in_order_of_first_appearance() {
    use kinerja_table::keys::{KeyInput, NONE, match_keys};
    let n_emp = 40_000usize;
    let mut rows: Vec<Option<String>> = Vec::new();
    for r in 0..300_000usize {
        rows.push(match r {
            _ if r % 49_999 == 7 => None,
            // runs of five in a scrambled employee order, then every employee again, jumping
            _ if r < 200_000 => Some(format!("19{:08}", (r / 5 * 7_919) % n_emp)),
            _ => Some(format!("19{:08}", (r * 104_729) % (n_emp + 500))),
        });
    }
    let row_refs: Vec<Option<&str>> = rows.iter().map(|r| r.as_deref()).collect();
    let ind = batch(vec![("employee", text(&row_refs))]);
    let keys = match_keys(&KeyInput { indicators: &ind, employees: None, units: None, period: None })
        .expect("tables read");
    let (mut order, mut first_rows) = (Vec::new(), Vec::new());
    let mut seen = std::collections::HashMap::new();
    for (r, id) in row_refs.iter().enumerate() {
        match id {
            Some(id) => {
                let e = *seen.entry(*id).or_insert_with(|| {
                    order.push(*id);
                    first_rows.push(r as u32);
                    order.len() - 1
                });
                assert_eq!(keys.row_employee[r], e as u32, "row {r}");
            }
            None => assert_eq!(keys.row_employee[r], NONE, "row {r}"),
        }
    }
    assert_eq!(keys.len(), order.len());
    assert!(order.len() > n_emp, "ids first seen late are employees too");
    assert!((0..keys.len()).all(|e| keys.employee_id(e) == Some(order[e])));
    assert_eq!(keys.employee_row, first_rows);
    let named: Vec<u64> = keys.problems.iter().filter_map(|p| p.row).collect();
    let missing: Vec<u64> = (0..rows.len()).filter(|r| rows[*r].is_none()).map(|r| r as u64 + 1).collect();
    assert_eq!(named, missing);
}

/// An employee row without an id is a problem at its row, whether the other ids are all
/// distinct (the table read in parallel) or one repeats (read row by row); problems come in
/// row order and everybody else is scored.
#[test]
fn employee_rows_without_an_id_are_named() {
    let (ind, _) = base();
    let emp = |ids: &[Option<&str>]| {
        batch(vec![("employee", text(ids)), ("behaviour", words(&["meets", "meets", "above", "above"]))])
    };
    let distinct = emp(&[Some("a"), None, Some("b"), None]);
    let s =
        score(&Tables { indicators: &ind, employees: Some(&distinct), units: None }, &rules(), &collect())
            .unwrap();
    assert_eq!(strings(&s.problems, "table"), some(&["employees", "employees"]));
    let rows = s.problems.column_by_name("row").unwrap();
    let rows = rows.as_any().downcast_ref::<arrow_array::UInt64Array>().unwrap();
    assert_eq!(rows.values().to_vec(), vec![2, 4]);
    assert!(strings(&s.problems, "message")[0].clone().unwrap().contains("missing employee id"));
    assert_eq!(strings(&s.employees, "employee"), some(&["a", "b"]));
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok"]));

    let repeated = emp(&[Some("a"), None, Some("b"), Some("a")]);
    let s =
        score(&Tables { indicators: &ind, employees: Some(&repeated), units: None }, &rules(), &collect())
            .unwrap();
    let msgs = strings(&s.problems, "message");
    assert_eq!(msgs.len(), 2);
    assert!(msgs[0].clone().unwrap().contains("missing employee id"), "{msgs:?}");
    assert!(msgs[1].clone().unwrap().contains("rows 1 and 4"), "{msgs:?}");
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok"]));
}
