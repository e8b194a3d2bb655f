//! Under `raise`, `run` words only the problem it raises (a file with a bad cell on each of
//! its millions of rows held a message for each). Whatever is wrong with a table, the problem
//! raised is the first of those `collect` lists: the lowest indicator row, then employee row,
//! the first found among problems of one row.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use arrow_array::{Array, RecordBatch};
use kinerja_core::rules::Ruleset;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{Inputs, RunError, Source, run};
use kinerja_table::score::{OnError, ScoreOptions, Scored};
use proptest::prelude::*;

/// One indicator row: employee, indicator, target, actual, work result, behaviour, and
/// whether a blank line comes before it (the problems then name later file rows).
type Row = (&'static str, &'static str, &'static str, &'static str, &'static str, &'static str, bool);

fn rows() -> impl Strategy<Value = Vec<Row>> {
    let row = (
        prop::sample::select(vec!["a", "b", "c", ""]),
        prop::sample::select(vec!["i1", "i2", "i3"]),
        prop::sample::select(vec!["100", "0", "x", "", "1.200", "-5"]),
        prop::sample::select(vec!["90", "abc", "", "5"]),
        prop::sample::select(vec!["meets", "above", "nope", ""]),
        prop::sample::select(vec!["meets", "below", "bad", ""]),
        prop::bool::weighted(0.2),
    );
    prop::collection::vec(row, 1..12)
}

/// The employee table's rows: employee, work result, behaviour.
fn employee_rows() -> impl Strategy<Value = Option<Vec<(&'static str, &'static str, &'static str)>>> {
    let row = (
        prop::sample::select(vec!["a", "b", "c", ""]),
        prop::sample::select(vec!["meets", "nope", ""]),
        prop::sample::select(vec!["meets", "bad", ""]),
    );
    prop::option::of(prop::collection::vec(row, 1..5))
}

fn csv(rows: &[Row], employees: bool) -> String {
    let mut s = String::from(match employees {
        true => "employee,indicator,target,actual\n",
        false => "employee,indicator,target,actual,work_result,behaviour\n",
    });
    for (e, i, t, a, w, b, blank) in rows {
        if *blank {
            s.push('\n');
        }
        match employees {
            true => s.push_str(&format!("{e},{i},{t},{a}\n")),
            false => s.push_str(&format!("{e},{i},{t},{a},{w},{b}\n")),
        }
    }
    s
}

/// Table, row, column, value and message of each problem `collect` listed, in its order.
type Listed = (String, Option<u64>, Option<String>, Option<String>, String);

fn listed(s: &Scored) -> Vec<Listed> {
    let p: &RecordBatch = &s.problems;
    let text = |c: &str, i: usize| {
        kinerja_table::score::text_at(p.column_by_name(c).unwrap(), i).map(str::to_string)
    };
    let rows = p.column_by_name("row").unwrap().as_primitive::<UInt64Type>();
    (0..p.num_rows())
        .map(|i| {
            let row = rows.is_valid(i).then(|| rows.value(i));
            (text("table", i).unwrap(), row, text("column", i), text("value", i), text("message", i).unwrap())
        })
        .collect()
}

/// The problem `raise` must raise: the lowest (table, row), the first listed among equals.
fn first(problems: &[Listed]) -> Option<&Listed> {
    let order = |t: &str| match t {
        "indicators" => 0,
        "employees" => 1,
        _ => 2,
    };
    problems.iter().min_by_key(|p| (order(&p.0), p.1.unwrap_or(0)))
}

fn check(indicators: &str, employees: Option<&str>) -> Result<(), TestCaseError> {
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let mut inputs = Inputs::new(Source::Bytes(indicators.as_bytes(), FileFormat::Csv));
    inputs.employees = employees.map(|e| Source::Bytes(e.as_bytes(), FileFormat::Csv));
    let scored = |on_error| {
        let options = ScoreOptions { on_error, ..ScoreOptions::default() };
        run(&inputs, &ReadOptions::default(), &rules, &options)
    };
    match (scored(OnError::Collect), scored(OnError::Raise)) {
        (Ok(c), Ok(r)) => {
            prop_assert_eq!(c.problems.num_rows(), 0);
            prop_assert_eq!(c.employees, r.employees);
        }
        (Ok(c), Err(RunError::Score(e))) => {
            let problems = listed(&c);
            let want = first(&problems);
            prop_assert!(want.is_some(), "raised {e} where collect listed no problem");
            let p = &e.problem;
            let got =
                (p.table.name().to_string(), p.row, p.column.clone(), p.value.clone(), p.message.clone());
            prop_assert_eq!(Some(&got), want, "raised the wrong problem of {:?}", problems);
        }
        (Err(c), Err(r)) => prop_assert_eq!(c.to_string(), r.to_string()),
        (c, r) => prop_assert!(false, "collect gave {:?}, raise {:?}", c.err(), r.err()),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn raise_raises_the_first_problem_collect_lists(rows in rows(), employees in employee_rows()) {
        let emp = employees.map(|rows| {
            let mut s = String::from("employee,work_result,behaviour\n");
            for (e, w, b) in rows {
                s.push_str(&format!("{e},{w},{b}\n"));
            }
            s
        });
        check(&csv(&rows, emp.is_some()), emp.as_deref())?;
    }
}

/// A table whose every row is bad, in each way the reader, the keys and the kernel find:
/// `raise` raises the first row's problem.
#[test]
fn every_row_bad_raises_the_first() {
    let many = |row: &str| {
        let mut s = String::from("employee,indicator,target,actual,work_result,behaviour\n\n");
        for k in 0..2000 {
            s.push_str(&row.replace("{k}", &k.to_string()));
        }
        s
    };
    for (row, column) in [
        ("e{k},i,x,5,meets,meets\n", "target"),      // reader: not a number
        (",i,10,5,meets,meets\n", "employee"),       // reader: no employee id
        ("e{k},i,,5,meets,meets\n", "target"),       // kernel: no target
        ("e{k},i,10,5,nope,meets\n", "work_result"), // words: not a rating
        ("e{k},i,10,5,,meets\n", "work_result"),     // kernel: no work result
    ] {
        let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
        let text = many(row);
        let inputs = Inputs::new(Source::Bytes(text.as_bytes(), FileFormat::Csv));
        match run(&inputs, &ReadOptions::default(), &rules, &ScoreOptions::default()) {
            Err(RunError::Score(e)) => {
                // the blank line makes the first data row the file's row 2
                assert_eq!(
                    (e.problem.row, e.problem.column.as_deref()),
                    (Some(2), Some(column)),
                    "{row}: {e}"
                );
                assert!(e.to_string().starts_with("indicators row 2,"), "{row}: {e}");
            }
            other => panic!("{row}: expected the first row's problem, got {:?}", other.err()),
        }
        check(&text, None).unwrap();
    }
}
