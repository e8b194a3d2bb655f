//! An engine error about one employee's plan (a zero target, a weight problem, a missing
//! rating) names its row from the table layer itself, for an explanation (`run::explain`) and
//! for documents (`report`, under `raise` and under `collect`): the row `run` names, i.e. the
//! employee's first indicator row of the indicator the error names, else the employee's first
//! indicator row, as the reader numbers it. The employee is named once in each language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::explain::Lang;
use kinerja_core::rules::Ruleset;
use kinerja_table::problem::Problem;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::report::{ReportOptions, report};
use kinerja_table::run::{Inputs, RunError, Source, explain, explain_inputs, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::{OnError, ScoreOptions};

const HEAD: &str = "employee,unit,indicator,target,actual,weight,period,work_result,behaviour\n";

/// Employee `a` first, a blank line (the reader skips it: canonical row 1 is source row 3),
/// then `b`, whose rows `b1` and `b2` end in `b2` (with `b1_weight` and `b2`'s cells).
fn roster(b1_weight: &str, b2: &str) -> String {
    format!(
        "{HEAD}a,U,a1,100,90,100,2024,meets,meets\n\nb,U,b1,100,90,{b1_weight},2024,meets,meets\nb,U,b2,{b2}\n"
    )
}

fn inputs(csv: &str) -> Inputs<'_> {
    Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv))
}

fn rules() -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap()
}

fn problem(e: &RunError) -> &Problem {
    match e {
        RunError::Score(s) => &s.problem,
        RunError::Read { .. } => panic!("a read error: {e}"),
        other => panic!("{other}"),
    }
}

/// The place of a problem: table, row, employee, indicator, column.
type Place = (TableKind, Option<u64>, Option<String>, Option<String>, Option<String>);

fn place(p: &Problem) -> Place {
    (p.table, p.row, p.employee.clone(), p.indicator.clone(), p.column.clone())
}

fn at(row: u64, employee: &str, indicator: Option<&str>, column: &str) -> Place {
    (
        TableKind::Indicators,
        Some(row),
        Some(employee.into()),
        indicator.map(String::from),
        Some(column.into()),
    )
}

/// The error of employee `b` from `explain`, `report` under raise and under collect (in
/// `lang`), with the rules `rules`.
fn errors_of_b(csv: &str, rules: &Ruleset, lang: Lang) -> [RunError; 3] {
    let read = ReadOptions::default();
    let explained = explain(&inputs(csv), &read, "b", None, Some(rules)).unwrap_err();
    let mut only_b = ReportOptions::new(lang);
    only_b.employees = Some(vec!["b".into()]);
    let raised = report(&inputs(csv), &read, rules, &only_b).unwrap_err();
    let mut o = ReportOptions::new(lang);
    o.on_error = OnError::Collect;
    let r = report(&inputs(csv), &read, rules, &o).unwrap();
    assert_eq!(r.employees.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["a"]);
    let [(nip, collected)] = <[_; 1]>::try_from(r.errors).unwrap();
    assert_eq!(nip, "b");
    [explained, raised, collected]
}

/// Each error of `b` names `want`, the place `run` names for the same file when `run` refuses
/// it too.
fn each_names(csv: &str, rules: &Ruleset, want: &Place) {
    for e in errors_of_b(csv, rules, Lang::En) {
        assert_eq!(&place(problem(&e)), want, "{e}");
        let shown = e.to_string();
        let row = want.1.unwrap();
        assert!(shown.starts_with(&format!("indicators row {row}, employee `b`")), "{shown}");
    }
}

#[test]
fn a_zero_target_names_the_row_of_its_indicator_as_run_does() {
    let csv = roster("50", "0,90,50,2024,meets,meets");
    let want = at(4, "b", Some("b2"), "target");
    each_names(&csv, &rules(), &want);
    let scored = run(&inputs(&csv), &ReadOptions::default(), &rules(), &ScoreOptions::default()).unwrap_err();
    assert_eq!(place(problem(&scored)), want);
}

/// Weights given for `b1` only: the engine names `b2`, the second indicator, and its row.
#[test]
fn a_missing_weight_names_the_second_indicators_row() {
    let csv = roster("50", "100,90,,2024,meets,meets");
    each_names(&csv, &rules(), &at(4, "b", Some("b2"), "weight"));
}

/// Weights the policy refuses as a whole name no indicator: the employee's first row.
#[test]
fn weights_against_the_policy_name_the_employees_first_row() {
    let mut rules = rules();
    rules.policy.rating.weights_must_sum_to = Some(rust_decimal::Decimal::ONE_HUNDRED);
    let csv = roster("50", "100,90,60,2024,meets,meets");
    each_names(&csv, &rules, &at(3, "b", None, "weight"));
}

/// A missing rating is about the employee, not an indicator: the employee's first row.
#[test]
fn a_missing_rating_names_the_employees_first_row() {
    let csv = roster("50", "100,90,50,2024,,");
    let csv = csv.replace("b,U,b1,100,90,50,2024,meets,meets", "b,U,b1,100,90,50,2024,,");
    let errors = errors_of_b(&csv, &rules(), Lang::En);
    for e in &errors {
        let p = problem(e);
        assert_eq!(
            (p.table, p.row, p.employee.as_deref()),
            (TableKind::Indicators, Some(3), Some("b")),
            "{e}"
        );
        assert!(p.column.is_some(), "{e}");
    }
}

/// A refusal of the plan that is not the engine's (no unit) names the employee's first row
/// too (`explain_inputs` names the employee only, as it did).
#[test]
fn a_plan_without_unit_names_the_employees_first_row() {
    let csv = roster("50", "100,90,50,2024,meets,meets").replacen("b,U,", "b,,", 2);
    for e in errors_of_b(&csv, &rules(), Lang::En) {
        assert_eq!((problem(&e).row, problem(&e).employee.as_deref()), (Some(3), Some("b")), "{e}");
        assert!(e.to_string().starts_with("indicators row 3, employee b: the employee has no unit"), "{e}");
    }
    let e = explain_inputs(&inputs(&csv), &ReadOptions::default(), "b", None).unwrap_err();
    assert_eq!((problem(&e).row, problem(&e).employee.as_deref()), (None, Some("b")), "{e}");
}

/// An employee without indicator rows has no row to name: the error names the employee once,
/// in English and in Bahasa Indonesia (it read "employee c: employee `c`: …").
#[test]
fn without_a_row_the_employee_is_named_once_in_each_language() {
    let ind = "employee,unit,indicator,target,actual,period\na,U,a1,100,90,2024\n";
    let emp = "employee,unit,period,work_result,behaviour\na,U,2024,meets,meets\nc,U,2024,,meets\n";
    let inputs = Inputs {
        indicators: Source::Bytes(ind.as_bytes(), FileFormat::Csv),
        employees: Some(Source::Bytes(emp.as_bytes(), FileFormat::Csv)),
        units: None,
    };
    let mut o = ReportOptions::new(Lang::Id);
    o.employees = Some(vec!["c".into()]);
    let e = report(&inputs, &ReadOptions::default(), &rules(), &o).unwrap_err();
    let p = problem(&e);
    assert_eq!((p.row, p.employee.as_deref()), (None, Some("c")), "{e}");
    let (en, id) = (p.to_string(), p.text(kinerja_core::lang::Lang::Id));
    assert_eq!(en.matches("employee").count(), 1, "{en}");
    assert_eq!(id.matches("pegawai").count(), 1, "{id}");
}

/// With a row, the employee and the indicator are named once in each language, by each call.
#[test]
fn with_a_row_each_part_is_named_once_in_each_language() {
    let csv = roster("50", "0,90,50,2024,meets,meets");
    for lang in [Lang::Id, Lang::En] {
        for e in errors_of_b(&csv, &rules(), lang) {
            let p = problem(&e);
            let (en, id) = (p.to_string(), p.text(kinerja_core::lang::Lang::Id));
            assert!(id.starts_with("tabel indikator baris 4, pegawai `b`, indikator `b2`"), "{id}");
            for text in [&en, &id] {
                assert_eq!(text.matches("`b`").count(), 1, "{text}");
                assert_eq!(text.matches("`b2`").count(), 1, "{text}");
            }
        }
    }
}
