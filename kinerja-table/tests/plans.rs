//! `plan_of` / `explain_inputs`: one employee of an export as a core plan, whose scalar
//! evaluation gives the predicate the table scorer gives, with its cited explanation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

use arrow_array::Array;
use arrow_array::cast::AsArray;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::regime;
use kinerja_core::rules::Ruleset;
use kinerja_table::plans::plan_of;
use kinerja_table::read::{FileFormat, ReadError, ReadOptions};
use kinerja_table::run::{Inputs, RunError, Source, explain_inputs, read_source, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::{OnError, ScoreOptions, Tables};
use proptest::prelude::*;

const NIP: &str = "198701012010011001";

fn export(name: &str) -> Vec<u8> {
    let path = format!("{}/../testdata/exports/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rules() -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap()
}

/// The table scorer's (weighted achievement, predicate) of `nip`.
fn scored(bytes: &[u8], nip: &str) -> (String, String) {
    let opts = ScoreOptions { on_error: OnError::Collect, ..ScoreOptions::default() };
    let s =
        run(&Inputs::new(Source::Bytes(bytes, FileFormat::Csv)), &ReadOptions::default(), &rules(), &opts)
            .unwrap();
    let e = &s.employees;
    let ids = e.column_by_name("employee").unwrap().as_string::<i32>();
    let r = (0..e.num_rows()).find(|r| ids.value(*r) == nip).unwrap();
    let text = |c: &str| {
        let a = e.column_by_name(c).unwrap();
        match a.data_type() {
            arrow_schema::DataType::Dictionary(..) => {
                kinerja_table::score::text_at(a, r).unwrap().to_string()
            }
            arrow_schema::DataType::Decimal128(_, scale) => {
                let m = a.as_primitive::<arrow_array::types::Decimal128Type>().value(r);
                rust_decimal::Decimal::from_i128_with_scale(m, *scale as u32).to_string()
            }
            other => panic!("{c}: {other}"),
        }
    };
    (text("weighted_achievement"), text("predicate"))
}

#[test]
fn canonical_export_explains_what_the_scorer_gives() {
    let bytes = export("skp_canonical.csv");
    let inputs = Inputs::new(Source::Bytes(&bytes, FileFormat::Csv));
    let (plan, period) = explain_inputs(&inputs, &ReadOptions::default(), NIP, None).unwrap();
    assert_eq!(period.to_string(), "2024");
    assert_eq!(plan.employee.name, "Maria Lende");
    assert_eq!(plan.results.len(), 2, "{plan:?}");
    plan.validate().unwrap();
    let ev = regime::evaluate(&plan, period, &rules()).unwrap();
    assert_eq!(ev.weighted_achievement.map(|d| d.to_string()).as_deref(), Some("93.00"));
    assert_eq!(ev.predicate.value(), "good");
    assert_eq!(scored(&bytes, NIP), ("93.00".to_string(), "good".to_string()));
    let text = ev.explain(Lang::Id);
    assert!(text.contains("PermenPANRB 6/2022"), "{text}");
}

#[test]
fn every_employee_of_the_export_agrees_with_the_scorer() {
    let bytes = export("skp_canonical.csv");
    let inputs = Inputs::new(Source::Bytes(&bytes, FileFormat::Csv));
    for nip in [NIP, "197905152005012002"] {
        let (plan, period) = explain_inputs(&inputs, &ReadOptions::default(), nip, None).unwrap();
        let ev = regime::evaluate(&plan, period, &rules()).unwrap();
        let (wa, pred) = scored(&bytes, nip);
        assert_eq!(ev.weighted_achievement.map(|d| d.to_string()).unwrap_or_default(), wa, "{nip}");
        assert_eq!(ev.predicate.value(), pred, "{nip}");
    }
}

#[test]
fn an_unknown_employee_is_named() {
    let bytes = export("skp_canonical.csv");
    let inputs = Inputs::new(Source::Bytes(&bytes, FileFormat::Csv));
    let e = explain_inputs(&inputs, &ReadOptions::default(), "999", None).unwrap_err();
    let RunError::Score(s) = e else { panic!("{e:?}") };
    assert_eq!(s.problem.employee.as_deref(), Some("999"));
    assert!(s.problem.message.contains("999"), "{}", s.problem.message);
}

/// `explain_inputs` as it was before it read with `Defer`: every table read with every
/// problem worded, the first problem on a row of the employee raised.
fn explained_after_wording_all(inputs: &Inputs, nip: &str) -> Result<String, String> {
    let read = ReadOptions {
        on_error: kinerja_core::batch::OnError::Collect,
        columns_of_any_table: true,
        ..ReadOptions::default()
    };
    let kinds = [TableKind::Indicators, TableKind::Employees, TableKind::Units];
    let sources = [Some(inputs.indicators), inputs.employees, inputs.units];
    let mut tables = Vec::new();
    for (source, kind) in sources.into_iter().zip(kinds) {
        let Some(source) = source else {
            tables.push(None);
            continue;
        };
        tables.push(Some(read_source(source, &read, kind).map_err(|e| e.to_string())?));
    }
    for t in tables.iter().flatten() {
        if let Some(p) = t.problems.iter().find(|p| p.employee.as_deref() == Some(nip)) {
            let e = RunError::Read { table: p.table, error: ReadError::Problem(Box::new(p.clone())) };
            return Err(e.to_string());
        }
    }
    let batch = |i: usize| tables.get(i).and_then(Option::as_ref).map(|t| &t.batch);
    let tables = Tables { indicators: batch(0).unwrap(), employees: batch(1), units: batch(2) };
    plan_of(&tables, nip, None).map(|(plan, period)| format!("{period} {plan:?}")).map_err(|e| e.to_string())
}

fn explained(inputs: &Inputs, nip: &str) -> Result<String, String> {
    explain_inputs(inputs, &ReadOptions::default(), nip, None)
        .map(|(plan, period)| format!("{period} {plan:?}"))
        .map_err(|e| e.to_string())
}

#[test]
fn a_bad_cell_of_the_employee_stops_the_call_and_others_do_not() {
    // the target column's first refusal is on employee a's row; b's comes later in it
    let csv = "employee,unit,indicator,target,actual,period,work_result,behaviour\n\
               a,U,i1,x,90,2024,meets,meets\n\
               c,U,i1,100,95,2024,meets,meets\n\
               b,U,i1,100,90,2024,meets,meets\n\
               b,U,i2,y,90,2024,meets,meets\n";
    let inputs = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
    let e = explain_inputs(&inputs, &ReadOptions::default(), "b", None).unwrap_err();
    let RunError::Read { error: ReadError::Problem(p), .. } = &e else { panic!("{e:?}") };
    assert_eq!((p.row, p.column.as_deref(), p.employee.as_deref()), (Some(4), Some("target"), Some("b")));
    let (plan, period) = explain_inputs(&inputs, &ReadOptions::default(), "c", None).unwrap();
    assert_eq!(plan.results.len(), 1);
    let ev = regime::evaluate(&plan, period, &rules()).unwrap();
    assert_eq!(ev.weighted_achievement.map(|d| d.to_string()).as_deref(), Some("95.00"));
    assert_eq!(explained(&inputs, "b"), explained_after_wording_all(&inputs, "b"));
}

/// An indicator row: employee, target, actual, work result, behaviour.
type Row = (&'static str, &'static str, &'static str, &'static str, &'static str);

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Reading with each column's first problem worded explains (or refuses) every employee
    /// exactly as reading with every problem worded did.
    #[test]
    fn explaining_is_as_when_every_problem_was_worded(
        rows in prop::collection::vec((
            prop::sample::select(vec!["a", "b", "c", ""]),
            prop::sample::select(vec!["100", "x", "", "0"]),
            prop::sample::select(vec!["90", "abc", ""]),
            prop::sample::select(vec!["meets", "nope", ""]),
            prop::sample::select(vec!["meets", "bad"]),
        ), 1..10),
        employees in prop::option::of(prop::collection::vec((
            prop::sample::select(vec!["a", "b", ""]),
            prop::sample::select(vec!["meets", "nope"]),
            prop::sample::select(vec!["meets", "bad", ""]),
        ), 1..4)),
    ) {
        let rows: &[Row] = &rows;
        let mut ind = String::from(match employees {
            Some(_) => "employee,indicator,target,actual,period\n",
            None => "employee,indicator,target,actual,period,work_result,behaviour\n",
        });
        for (k, (e, t, a, w, b)) in rows.iter().enumerate() {
            match employees {
                Some(_) => ind.push_str(&format!("{e},i{k},{t},{a},2024\n")),
                None => ind.push_str(&format!("{e},i{k},{t},{a},2024,{w},{b}\n")),
            }
        }
        let emp = employees.map(|rows| {
            let mut s = String::from("employee,work_result,behaviour\n");
            for (e, w, b) in rows {
                s.push_str(&format!("{e},{w},{b}\n"));
            }
            s
        });
        let mut inputs = Inputs::new(Source::Bytes(ind.as_bytes(), FileFormat::Csv));
        inputs.employees = emp.as_ref().map(|e| Source::Bytes(e.as_bytes(), FileFormat::Csv));
        for nip in ["a", "b", "c"] {
            prop_assert_eq!(explained(&inputs, nip), explained_after_wording_all(&inputs, nip), "{}", nip);
        }
    }
}
