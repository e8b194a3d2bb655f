//! A key on more than one row is one problem naming every row of it (up to ten, then the
//! count), in English and Bahasa Indonesia, renumbered to the file's rows; raised alike.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::*;
use kinerja_core::lang::Lang;
use kinerja_table::read::ReadOptions;
use kinerja_table::run::{Inputs, RunError, Source, run};
use kinerja_table::score::{OnError, ScoreOptions, Tables, score};

fn collect() -> ScoreOptions {
    ScoreOptions { on_error: OnError::Collect, ..Default::default() }
}

/// The problem table's (table, row, message) rows.
fn problems(s: &kinerja_table::score::Scored) -> Vec<(String, Option<u64>, String)> {
    let rows = s.problems.column_by_name("row").unwrap();
    let rows = arrow_array::cast::AsArray::as_primitive::<arrow_array::types::UInt64Type>(rows);
    let tables = strings(&s.problems, "table");
    let messages = strings(&s.problems, "message");
    (0..s.problems.num_rows())
        .map(|i| {
            let row = arrow_array::Array::is_valid(rows, i).then(|| rows.value(i));
            (tables[i].clone().unwrap(), row, messages[i].clone().unwrap())
        })
        .collect()
}

fn indicators(ids: &[&str], indicator: &[&str]) -> arrow_array::RecordBatch {
    let n = ids.len();
    batch(vec![
        ("employee", words(ids)),
        ("indicator", words(indicator)),
        ("target", dec(&vec![Some("100"); n], 0)),
        ("actual", dec(&vec![Some("90"); n], 0)),
        ("work_result", words(&vec!["meets"; n])),
        ("behaviour", words(&vec!["meets"; n])),
    ])
}

#[test]
fn three_employee_rows_are_one_problem_naming_all_three() {
    let ind = indicators(&["a", "b"], &["i1", "i1"]);
    let emp = batch(vec![
        ("employee", words(&["a", "b", "a", "a"])),
        ("work_result", words(&["meets", "meets", "meets", "meets"])),
        ("behaviour", words(&["meets", "meets", "meets", "meets"])),
    ]);
    let s = score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &collect())
        .unwrap();
    assert_eq!(
        problems(&s),
        [(
            "employees".to_string(),
            Some(3),
            "duplicate row: employee `a` appears 3 times (rows 1, 3 and 4); keep one row per employee"
                .to_string()
        )]
    );
    let raised = score(
        &Tables { indicators: &ind, employees: Some(&emp), units: None },
        &rules(),
        &Default::default(),
    )
    .unwrap_err();
    assert!(raised.to_string().contains("(rows 1, 3 and 4)"), "{raised}");
    let id = raised.problem.text(Lang::Id);
    assert!(id.contains("pegawai `a` muncul 3 kali (baris 1, 3 dan 4)"), "{id}");
}

#[test]
fn two_rows_still_name_both() {
    let ind = indicators(&["a", "a", "b"], &["i1", "i1", "i1"]);
    let s = score(&Tables { indicators: &ind, employees: None, units: None }, &rules(), &collect()).unwrap();
    assert_eq!(
        problems(&s),
        [(
            "indicators".to_string(),
            Some(2),
            "duplicate row: employee `a`, indicator `i1` on rows 1 and 2; keep one row per employee, indicator \
             and period"
                .to_string()
        )]
    );
}

#[test]
fn many_indicator_rows_name_the_first_ten_and_the_count() {
    let ind = indicators(&["a"; 12], &["i1"; 12]);
    let s = score(&Tables { indicators: &ind, employees: None, units: None }, &rules(), &collect()).unwrap();
    let got = problems(&s);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0].1, Some(2));
    assert_eq!(
        got[0].2,
        "duplicate row: employee `a`, indicator `i1` on rows 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … 12 rows in all; \
         keep one row per employee, indicator and period"
    );
    let raised =
        score(&Tables { indicators: &ind, employees: None, units: None }, &rules(), &Default::default())
            .unwrap_err();
    let id = raised.problem.text(Lang::Id);
    assert!(id.contains("pada baris 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, … seluruhnya 12 baris;"), "{id}");
    assert!(!id.contains("keterangan dalam bahasa Inggris"), "{id}");
}

/// From a file with blank lines, every row named is the file's data row (the count is not a
/// row), in the problem table and in the raised error.
#[test]
fn rows_of_a_file_are_its_data_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ind.csv");
    let mut text = String::from("employee,indicator,target,actual,work_result,behaviour\n");
    for i in 0..11 {
        text.push_str("a,i1,100,90,meets,meets\n");
        if i % 2 == 0 {
            text.push('\n');
        }
    }
    text.push_str("b,i1,100,90,meets,meets\nb,i2,100,90,meets,meets\n\nb,i2,100,90,meets,meets\n");
    std::fs::write(&path, text).unwrap();
    let inputs = Inputs { indicators: Source::Path(&path), employees: None, units: None };
    let s = run(&inputs, &ReadOptions::default(), &rules(), &collect()).unwrap();
    let got = problems(&s);
    assert_eq!(
        got.iter().map(|(_, r, m)| (*r, m.as_str())).collect::<Vec<_>>(),
        [
            (
                Some(3),
                "duplicate row: employee `a`, indicator `i1` on rows 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, … 11 rows \
                 in all; keep one row per employee, indicator and period"
            ),
            (
                Some(21),
                "duplicate row: employee `b`, indicator `i2` on rows 19 and 21; keep one row per employee, \
                 indicator and period"
            ),
        ]
    );
    let raised = run(&inputs, &ReadOptions::default(), &rules(), &Default::default());
    let Err(RunError::Score(e)) = raised else { unreachable!("not a row's problem: {raised:?}") };
    assert_eq!(e.problem.row, Some(3));
    assert!(e.to_string().contains("on rows 1, 3, 4, 6, 7, 9, 10, 12, 13, 15, … 11 rows in all"), "{e}");
}

/// An employee table given twice over (every row repeated, some ids missing): one problem per
/// employee in row order, among the rows without an id, found in linear time.
#[test]
fn a_table_given_twice_is_one_problem_per_employee_in_row_order() {
    let n = 60_000;
    let ids: Vec<String> = (0..n).map(|i| format!("e{i}")).collect();
    let mut column: Vec<Option<&str>> = ids.iter().map(|s| Some(s.as_str())).collect();
    column.insert(1, None);
    column.extend(ids.iter().map(|s| Some(s.as_str())));
    column.push(None);
    let rows = column.len();
    let emp = batch(vec![
        ("employee", text(&column)),
        ("work_result", words(&vec!["meets"; rows])),
        ("behaviour", words(&vec!["meets"; rows])),
    ]);
    let ind = indicators(&["e0"], &["i1"]);
    let started = std::time::Instant::now();
    let s = score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &collect())
        .unwrap();
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    let got = problems(&s);
    assert_eq!(got.len(), n + 2);
    // the row without an id (row 2) first, then the employees by their second row, then the
    // last row without an id
    assert_eq!(got[0].1, Some(2));
    assert!(got[0].2.starts_with("missing employee id"), "{:?}", got[0]);
    assert_eq!(got[1].1, Some(n as u64 + 2));
    assert_eq!(
        got[1].2,
        format!(
            "duplicate row: employee `e0` appears twice (rows 1 and {}); keep one row per employee",
            n + 2
        )
    );
    assert_eq!(got[n].1, Some(2 * n as u64 + 1));
    assert_eq!(got[n + 1].1, Some(rows as u64));
    assert!(got[n + 1].2.starts_with("missing employee id"), "{:?}", got[n + 1]);
}
