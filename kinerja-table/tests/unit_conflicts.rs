//! Conflicting statements of a unit's values are located errors, never a guess by row order:
//! two rows of the unit table for one unit with different values, and (without a unit table)
//! employees of one unit stating different organisational predicates. The employees of such a
//! unit get no score (`collect`), or the conflict is raised (`raise`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

mod common;

use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use arrow_array::{Array, RecordBatch};
use common::{batch, dec, strings, text, words};
use kinerja_core::rules::{Policy, Ruleset};
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{Inputs, RunError, Source, run};
use kinerja_table::score::{OnError, ScoreOptions, Scored, Tables, score};

/// The Kupang example policy, as `--rules policies/kupang-2024.example.toml` reads it.
fn kupang() -> Ruleset {
    let policy = Policy::from_toml(include_str!("../../policies/kupang-2024.example.toml")).unwrap();
    Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap()
}

fn collect() -> ScoreOptions {
    ScoreOptions { on_error: OnError::Collect, ..ScoreOptions::default() }
}

fn csv(text: &str) -> Source<'_> {
    Source::Bytes(text.as_bytes(), FileFormat::Csv)
}

/// Runs CSV tables (employee and unit tables optional).
fn run_csv(
    ind: &str,
    emp: Option<&str>,
    units: Option<&str>,
    options: &ScoreOptions,
) -> Result<Scored, RunError> {
    let inputs = Inputs { indicators: csv(ind), employees: emp.map(csv), units: units.map(csv) };
    run(&inputs, &ReadOptions::default(), &kupang(), options)
}

/// (table, row, employee, column, value, message) of each problem.
type Row = (String, Option<u64>, Option<String>, Option<String>, Option<String>, String);

fn problems(s: &Scored) -> Vec<Row> {
    let p = &s.problems;
    let rows = p.column_by_name("row").unwrap().as_primitive::<UInt64Type>();
    let (table, emp, col, value, msg) = (
        strings(p, "table"),
        strings(p, "employee"),
        strings(p, "column"),
        strings(p, "value"),
        strings(p, "message"),
    );
    (0..p.num_rows())
        .map(|i| {
            (
                table[i].clone().unwrap(),
                rows.is_valid(i).then(|| rows.value(i)),
                emp[i].clone(),
                col[i].clone(),
                value[i].clone(),
                msg[i].clone().unwrap(),
            )
        })
        .collect()
}

fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some((*s).to_string())).collect()
}

// ---------------------------------------------------------------------------------------------
// H1: the unit table states one unit twice, differently

const H1_IND: &str = "NIP,Indikator,Target,Realisasi\n1,a,10,9\n";
const H1_EMP: &str = "NIP,Unit Kerja,Jenis Jabatan,Kepala Unit,Perilaku\n1,u1,jpt,ya,atas\n";

/// The JPT head of a unit whose two unit rows disagree is not scored, whichever row comes
/// first (before: `good` from `Baik` first, `very_good` from `Istimewa` first, status ok).
#[test]
fn unit_table_conflict_leaves_the_units_employees_unscored() {
    for units in [
        "Unit Kerja,Predikat Organisasi\nu1,Baik\nu1,Istimewa\n",
        "Unit Kerja,Predikat Organisasi\nu1,Istimewa\nu1,Baik\n",
    ] {
        let s = run_csv(H1_IND, Some(H1_EMP), Some(units), &collect()).unwrap();
        assert_eq!(strings(&s.employees, "status"), some(&["error"]), "{units}");
        assert_eq!(strings(&s.employees, "predicate"), vec![None], "{units}");
        assert_eq!(strings(&s.employees, "work_result"), vec![None], "{units}");
        assert_eq!(
            problems(&s),
            vec![(
                "units".to_string(),
                Some(2),
                None,
                Some("unit".to_string()),
                Some("u1".to_string()),
                "unit `u1` appears on rows 1 and 2 with different values; keep one row per unit".to_string()
            )],
            "{units}"
        );
        // nor does the unit table show either row's predicate as the unit's
        assert_eq!(strings(&s.units, "unit"), some(&["u1"]));
        assert_eq!(strings(&s.units, "org_predicate"), vec![None], "{units}");
    }
}

/// Only the employees of the conflicting unit lose their score; an exact duplicate row of
/// another unit stays harmless.
#[test]
fn unit_table_conflict_touches_only_its_unit() {
    let ind = "NIP,Indikator,Target,Realisasi\n1,a,10,9\n2,a,10,9\n3,a,10,9\n";
    let emp = "NIP,Unit Kerja,Jenis Jabatan,Kepala Unit,Hasil Kerja,Perilaku\n\
               1,u1,pelaksana,tidak,sesuai,atas\n\
               2,u2,jpt,ya,,atas\n\
               3,u1,pelaksana,tidak,sesuai,atas\n";
    let units = "Unit Kerja,Predikat Organisasi\nu1,Baik\nu2,Istimewa\nu1,Kurang\nu2,Istimewa\n";
    let s = run_csv(ind, Some(emp), Some(units), &collect()).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "ok", "error"]));
    assert_eq!(strings(&s.employees, "predicate"), vec![None, Some("very_good".into()), None]);
    let p = problems(&s);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].0.as_str(), p[0].1), ("units", Some(3)));
    assert!(p[0].5.contains("unit `u1` appears on rows 1 and 3"), "{}", p[0].5);
    assert_eq!(strings(&s.units, "org_predicate"), vec![None, Some("outstanding".into())]);
}

/// Under `raise` the conflict stops the run, naming the unit table's second row.
#[test]
fn unit_table_conflict_is_raised() {
    let units = "Unit Kerja,Predikat Organisasi\nu1,Baik\nu1,Istimewa\n";
    match run_csv(H1_IND, Some(H1_EMP), Some(units), &ScoreOptions::default()) {
        Err(RunError::Score(e)) => {
            assert_eq!((e.problem.table.name(), e.problem.row), ("units", Some(2)));
            assert!(e.problem.message.contains("rows 1 and 2 with different values"), "{e}");
        }
        other => panic!("expected the unit conflict raised, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// H2: without a unit table, employees of one unit state different org predicates

const H2_IND: &str = "NIP,Indikator,Target,Realisasi\n1,a,10,9\n2,a,10,9\n";
const H2_HEAD: &str = "NIP,Unit Kerja,Jenis Jabatan,Kepala Unit,Hasil Kerja,Perilaku,Predikat Organisasi\n";
const STAFF: &str = "1,u1,pelaksana,tidak,sesuai,atas,";
const JPT: &str = "2,u1,jpt,ya,,atas,";

/// The employee table with the staff member's and the head's org predicates, staff first or
/// head first.
fn h2_emp(staff: &str, head: &str, head_first: bool) -> String {
    let (a, b) = (format!("{STAFF}{staff}\n"), format!("{JPT}{head}\n"));
    if head_first { format!("{H2_HEAD}{b}{a}") } else { format!("{H2_HEAD}{a}{b}") }
}

/// The message of the org predicate conflict between `first` (on row 1) and `second` (on
/// row 2).
fn h2_message(first: &str, second: &str) -> String {
    format!(
        "unit `u1` has `org_predicate` {first:?} on row 1 but {second:?} on row 2; give a unit's \
         org_predicate the same on every row of its employees, or once in a unit table"
    )
}

/// Two employees of a unit stating different org predicates: a problem naming both rows,
/// and neither employee scored (before: the head got the first employee's `Baik`, ok).
#[test]
fn different_org_predicates_of_one_unit_are_a_conflict() {
    for head_first in [false, true] {
        let emp = h2_emp("Baik", "Istimewa", head_first);
        let s = run_csv(H2_IND, Some(&emp), None, &collect()).unwrap();
        assert_eq!(strings(&s.employees, "status"), some(&["error", "error"]), "{emp}");
        assert_eq!(strings(&s.employees, "predicate"), vec![None, None], "{emp}");
        // the reader writes canonical words: the message shows them
        let (first, second, second_id) =
            if head_first { ("outstanding", "good", "1") } else { ("good", "outstanding", "2") };
        assert_eq!(
            problems(&s),
            vec![(
                "employees".to_string(),
                Some(2),
                Some(second_id.to_string()),
                Some("org_predicate".to_string()),
                Some(second.to_string()),
                h2_message(first, second),
            )],
            "{emp}"
        );
        assert_eq!(strings(&s.units, "org_predicate"), vec![None], "{emp}");
    }
}

/// Under `raise` the conflict stops the run at the second row.
#[test]
fn different_org_predicates_of_one_unit_are_raised() {
    let emp = h2_emp("Baik", "Istimewa", false);
    match run_csv(H2_IND, Some(&emp), None, &ScoreOptions::default()) {
        Err(RunError::Score(e)) => {
            assert_eq!((e.problem.table.name(), e.problem.row), ("employees", Some(2)));
            assert_eq!(e.problem.message, h2_message("good", "outstanding"));
        }
        Err(other) => panic!("expected the org predicate conflict raised, got {other}"),
        Ok(s) => panic!("expected the org predicate conflict raised, got {:?}", problems(&s)),
    }
}

/// The same org predicate on every employee row of a unit is no conflict: the head's work
/// result follows it, whichever row comes first.
#[test]
fn equal_org_predicates_are_fine() {
    for head_first in [false, true] {
        let emp = h2_emp("Istimewa", "Istimewa", head_first);
        let s = run_csv(H2_IND, Some(&emp), None, &collect()).unwrap();
        assert_eq!(problems(&s), vec![], "{emp}");
        let (status, predicate) = (strings(&s.employees, "status"), strings(&s.employees, "predicate"));
        let head = usize::from(!head_first);
        assert_eq!(status, some(&["ok", "ok"]), "{emp}");
        assert_eq!(predicate[head].as_deref(), Some("very_good"), "{emp}");
        assert_eq!(strings(&s.units, "org_predicate"), some(&["outstanding"]));
    }
}

/// An empty org predicate states nothing: the unit's predicate may be given on its head's row
/// only, whichever row comes first (before, the head's Istimewa was taken when the head came
/// first, and reported "not given" when it came second).
#[test]
fn an_empty_org_predicate_states_nothing() {
    for head_first in [false, true] {
        let emp = h2_emp("", "Istimewa", head_first);
        let s = run_csv(H2_IND, Some(&emp), None, &collect()).unwrap();
        assert_eq!(problems(&s), vec![], "{emp}");
        assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok"]), "{emp}");
        assert_eq!(strings(&s.units, "org_predicate"), some(&["outstanding"]), "{emp}");
    }
    // every row empty: no conflict (the unit has no org predicate)
    let emp = format!("{H2_HEAD}{STAFF}\n3,u1,pelaksana,tidak,sesuai,atas,\n");
    let s = run_csv("NIP,Indikator,Target,Realisasi\n1,a,10,9\n3,a,10,9\n", Some(&emp), None, &collect())
        .unwrap();
    assert_eq!(problems(&s), vec![]);
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok"]));
    assert_eq!(strings(&s.units, "org_predicate"), vec![None]);
}

/// Three values in one unit: one problem per value that differs from the first row's (a
/// repeated differing value is not listed again); other units are scored.
#[test]
fn each_differing_value_is_named_once() {
    let emp = format!(
        "{H2_HEAD}1,u1,pelaksana,tidak,sesuai,atas,Baik\n2,u1,pelaksana,tidak,sesuai,atas,Kurang\n\
         3,u2,pelaksana,tidak,sesuai,atas,Baik\n4,u1,pelaksana,tidak,sesuai,atas,Kurang\n\
         5,u1,pelaksana,tidak,sesuai,atas,Istimewa\n6,u1,pelaksana,tidak,sesuai,atas,Baik\n"
    );
    let ind = "NIP,Indikator,Target,Realisasi\n1,a,10,9\n2,a,10,9\n3,a,10,9\n4,a,10,9\n5,a,10,9\n6,a,10,9\n";
    let s = run_csv(ind, Some(&emp), None, &collect()).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "error", "ok", "error", "error", "error"]));
    let rows: Vec<(Option<u64>, Option<String>)> = problems(&s).into_iter().map(|p| (p.1, p.2)).collect();
    assert_eq!(rows, vec![(Some(2), Some("2".into())), (Some(5), Some("5".into()))]);
    assert_eq!(strings(&s.units, "org_predicate"), vec![None, Some("good".into())]);
}

/// Employee columns on the indicator rows (no employee table): the same rule, the problem in
/// the indicator table.
#[test]
fn org_predicates_on_indicator_rows_must_agree_across_a_unit() {
    let ind = "NIP,Indikator,Target,Realisasi,Unit Kerja,Jenis Jabatan,Kepala Unit,Hasil Kerja,Perilaku,Predikat Organisasi\n\
               1,a,10,9,u1,pelaksana,tidak,sesuai,atas,Baik\n\
               1,b,10,9,u1,pelaksana,tidak,sesuai,atas,Baik\n\
               2,a,10,9,u1,jpt,ya,,atas,Istimewa\n";
    let s = run_csv(ind, None, None, &collect()).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "error"]));
    let p = problems(&s);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].0.as_str(), p[0].1, p[0].2.as_deref()), ("indicators", Some(3), Some("2")));
    assert!(
        p[0].5.starts_with("unit `u1` has `org_predicate` \"good\" on row 1 but \"outstanding\" on row 3;"),
        "{}",
        p[0].5
    );
}

/// A per-period employee table: only the rows of the evaluated period state the unit's org
/// predicate. An employee without a row for the period (its only row of another year) is
/// neither a conflict nor the source of the unit's predicate, whichever row comes first
/// (before, its 2023 `Kurang` was the unit's when its row came first).
#[test]
fn only_the_evaluated_periods_rows_state_the_org_predicate() {
    let head = "NIP,Periode,Unit Kerja,Jenis Jabatan,Kepala Unit,Hasil Kerja,Perilaku,Predikat Organisasi\n";
    let old = "1,2023,u1,pelaksana,tidak,sesuai,atas,Kurang\n";
    let jpt = "2,2024,u1,jpt,ya,,atas,Istimewa\n2,2023,u1,jpt,ya,,atas,Baik\n";
    let options = ScoreOptions { period: Some("2024".parse().unwrap()), ..collect() };
    for emp in [format!("{head}{old}{jpt}"), format!("{head}{jpt}{old}")] {
        let s = run_csv(H2_IND, Some(&emp), None, &options).unwrap();
        // employee 1 has no assessment for 2024 (a problem of its own), and no conflict
        let p = problems(&s);
        assert!(
            p.iter().all(|p| p.3.as_deref() == Some("behaviour") && p.2.as_deref() == Some("1")),
            "{p:?}"
        );
        let ids = strings(&s.employees, "employee");
        let head_at = ids.iter().position(|i| i.as_deref() == Some("2")).unwrap();
        assert_eq!(strings(&s.employees, "predicate")[head_at].as_deref(), Some("very_good"), "{emp}");
        assert_eq!(strings(&s.units, "org_predicate"), some(&["outstanding"]), "{emp}");
    }
    // two rows of the evaluated period disagreeing are a conflict, other years' rows aside
    let emp = format!("{head}1,2024,u1,pelaksana,tidak,sesuai,atas,Baik\n{jpt}");
    let s = run_csv(H2_IND, Some(&emp), None, &options).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "error"]));
    let p = problems(&s);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!(p[0].5, h2_message("good", "outstanding"));
}

/// Canonical tables scored directly: one predicate under two of its spellings is no conflict
/// (the words are compared by meaning); two predicates are.
#[test]
fn org_predicates_compare_by_meaning() {
    let ind = batch(vec![
        ("employee", words(&["1", "2"])),
        ("indicator", words(&["a", "a"])),
        ("target", dec(&[Some("10"), Some("10")], 0)),
        ("actual", dec(&[Some("9"), Some("9")], 0)),
    ]);
    let emp = |org: [&str; 2]| -> RecordBatch {
        batch(vec![
            ("employee", words(&["1", "2"])),
            ("unit", words(&["u1", "u1"])),
            ("post_type", words(&["executor", "jpt"])),
            ("work_result", text(&[Some("meets"), None])),
            ("behaviour", words(&["above", "above"])),
            ("unit_head", common::flags(&[Some(false), Some(true)])),
            ("org_predicate", words(&org)),
        ])
    };
    let same = emp(["outstanding", "Istimewa"]);
    let s = score(&Tables { indicators: &ind, employees: Some(&same), units: None }, &kupang(), &collect())
        .unwrap();
    assert_eq!(s.problems.num_rows(), 0, "{:?}", strings(&s.problems, "message"));
    assert_eq!(strings(&s.employees, "predicate"), some(&["good", "very_good"]));
    let other = emp(["good", "Istimewa"]);
    let s = score(&Tables { indicators: &ind, employees: Some(&other), units: None }, &kupang(), &collect())
        .unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["error", "error"]));
    assert_eq!(strings(&s.problems, "message"), vec![Some(h2_message("good", "Istimewa"))]);
}

// ---------------------------------------------------------------------------------------------
// A unit table and employee rows that both state the unit's organisational predicate

const BOTH_IND: &str = "NIP,Indikator,Target,Realisasi\n1,a,10,9\n2,a,10,9\n";
const BOTH_UNITS: &str = "Unit Kerja,Predikat Organisasi\nu1,Baik\n";

fn both_emp(head: &str) -> String {
    format!(
        "NIP,Unit Kerja,Jenis Jabatan,Kepala Unit,Hasil Kerja,Perilaku,Predikat Organisasi\n\
         1,u1,pelaksana,tidak,sesuai,atas,\n2,u1,jpt,ya,,atas,{head}\n"
    )
}

/// An employee row stating another predicate than the unit table's is that employee's problem
/// (the employee's value was ignored, while the explanation took it); the same predicate in
/// another spelling, or an empty cell, is fine.
#[test]
fn an_employee_row_stating_another_org_predicate_than_the_unit_table_is_a_problem() {
    let emp = both_emp("Istimewa");
    let s = run_csv(BOTH_IND, Some(&emp), Some(BOTH_UNITS), &collect()).unwrap();
    assert_eq!(strings(&s.employees, "status"), some(&["ok", "error"]));
    let p = problems(&s);
    assert_eq!(p.len(), 1, "{p:?}");
    let (table, row, employee, column, value, message) = &p[0];
    assert_eq!(
        (table.as_str(), *row, employee.as_deref(), column.as_deref(), value.as_deref()),
        ("employees", Some(2), Some("2"), Some("org_predicate"), Some("outstanding"))
    );
    // the words as read (the vocabulary's canonical words)
    assert!(message.contains("the unit table gives unit `u1` \"good\" on its row 1"), "{message}");
    let raised = run_csv(BOTH_IND, Some(&emp), Some(BOTH_UNITS), &ScoreOptions::default()).unwrap_err();
    assert!(raised.to_string().contains("has `org_predicate` \"outstanding\""), "{raised}");
    for agree in ["Baik", "good"] {
        let s = run_csv(BOTH_IND, Some(&both_emp(agree)), Some(BOTH_UNITS), &collect()).unwrap();
        assert_eq!(strings(&s.employees, "status"), some(&["ok", "ok"]), "{agree}");
        assert_eq!(strings(&s.employees, "predicate"), some(&["good", "good"]), "{agree}");
    }
}
