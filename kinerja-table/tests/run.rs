//! `run`: files and batches read and scored in one call; problems name the rows of the file
//! (blank rows skipped), reader problems make their employee an error, mappings serve any table.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use arrow_array::cast::AsArray;
use arrow_array::types::UInt64Type;
use kinerja_core::lang::Lang;
use kinerja_core::rules::Ruleset;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{Inputs, RunError, Source, run};
use kinerja_table::score::{OnError, ScoreOptions};

fn rules() -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap()
}

fn collect() -> ScoreOptions {
    ScoreOptions { on_error: OnError::Collect, ..ScoreOptions::default() }
}

fn texts(b: &arrow_array::RecordBatch, c: &str) -> Vec<Option<String>> {
    let a = b.column_by_name(c).unwrap();
    (0..a.len()).map(|i| kinerja_table::score::text_at(a, i).map(str::to_string)).collect()
}

use arrow_array::Array;

const CSV: &str = "employee,indicator,target,actual,work_result,behaviour\n\
                   a,a1,100,90,meets,meets\n\
                   \n\
                   b,b1,100,95,meets,meets\n\
                   b,b2,0,5,meets,meets\n\
                   c,c1,100,abc,meets,meets\n";

#[test]
fn problems_name_the_file_rows_after_a_blank_row() {
    let s = run(
        &Inputs::new(Source::Bytes(CSV.as_bytes(), FileFormat::Csv)),
        &ReadOptions::default(),
        &rules(),
        &collect(),
    )
    .unwrap();
    // data rows: a=1, (blank 2), b1=3, b2=4, c1=5
    let rows = s.problems.column_by_name("row").unwrap().as_primitive::<UInt64Type>();
    let mut got: Vec<(u64, String)> = (0..rows.len())
        .map(|i| (rows.value(i), texts(&s.problems, "employee")[i].clone().unwrap()))
        .collect();
    got.sort();
    assert_eq!(got, vec![(4, "b".to_string()), (5, "c".to_string())]);
    let msgs = texts(&s.problems, "message");
    let b_msg = msgs.iter().flatten().find(|m| m.contains("`b`")).unwrap();
    assert!(b_msg.starts_with("row 4,"), "{b_msg}");
    // the bad cell makes c an error; a is scored
    assert_eq!(
        texts(&s.employees, "status"),
        vec![Some("ok".into()), Some("error".into()), Some("error".into())]
    );
}

#[test]
fn raise_names_the_lowest_file_row_a_rows_or_a_cells() {
    let raise = |csv: &str| {
        run(
            &Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv)),
            &ReadOptions::default(),
            &rules(),
            &ScoreOptions::default(),
        )
        .unwrap_err()
    };
    // row 4's zero target comes before row 5's unreadable `abc`, as it would in a file scored in
    // batches (the first batch with a problem stops it)
    match raise(CSV) {
        RunError::Score(e) => {
            assert_eq!((e.problem.row, e.problem.column.as_deref()), (Some(4), Some("target")))
        }
        other => panic!("expected the zero target of row 4 first, got {other}"),
    }
    // without it, the unreadable cell is the first problem
    match raise(&CSV.replace("b,b2,0,5", "b,b2,10,5")) {
        RunError::Score(e) => {
            assert_eq!((e.problem.row, e.problem.column.as_deref()), (Some(5), Some("actual")));
            assert_eq!(e.family, kinerja_core::ErrorFamily::Input);
        }
        other => panic!("expected the unreadable cell of row 5, got {other}"),
    }
}

#[test]
fn a_mapping_serves_the_table_that_has_the_header_and_must_match_one() {
    let ind = "employee,target,Capaian Riil\na,100,90\n";
    let emp = "employee,work_result,behaviour\na,meets,meets\n";
    let mut read =
        ReadOptions { columns: vec![("Capaian Riil".into(), "actual".into())], ..ReadOptions::default() };
    let inputs = Inputs {
        indicators: Source::Bytes(ind.as_bytes(), FileFormat::Csv),
        employees: Some(Source::Bytes(emp.as_bytes(), FileFormat::Csv)),
        units: None,
    };
    let s = run(&inputs, &read, &rules(), &ScoreOptions::default()).unwrap();
    assert_eq!(texts(&s.employees, "predicate"), vec![Some("good".into())]);
    read.columns.push(("Capaian Riel".into(), "actual".into()));
    let e = run(&inputs, &read, &rules(), &ScoreOptions::default()).unwrap_err();
    assert!(e.to_string().contains("Capaian Riel"), "{e}");
    // the misspelt mapping alone: the error names it, not the column it would have given
    read.columns = vec![("Capaian Rill".into(), "actual".into())];
    let e = run(&inputs, &read, &rules(), &ScoreOptions::default()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "indicators table: the column mapping names `Capaian Rill` for `actual`, which is not a header of the \
         indicators table; check its spelling; headers found: `employee`, `target`, `Capaian Riil`"
    );
    assert!(
        e.text(Lang::Id)
            .contains("pemetaan kolom menyebut `Capaian Rill` untuk `actual`, yang tidak ada di baris judul"),
        "{}",
        e.text(Lang::Id)
    );
}

#[test]
fn the_batch_mean_follows_rounding_mean_inputs_as_evaluate_does() {
    use kinerja_core::rules::{MeanInputs, Policy};
    // 10.005 % (rounded 10.01) and 20.0049 % (rounded 20.00): 15.00 exact, 15.01 from rounded
    let csv = "employee,indicator,target,actual,work_result,behaviour\n\
               e1,i1,1000,100.05,meets,meets\n\
               e1,i2,10000,2000.49,meets,meets\n";
    let mean = |inputs: MeanInputs| {
        let mut p = Policy::default();
        p.rounding.mean_inputs = inputs;
        let r = rules().with_policy(p).unwrap();
        let s = run(
            &Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv)),
            &ReadOptions::default(),
            &r,
            &ScoreOptions::default(),
        )
        .unwrap();
        let c = s.employees.column_by_name("weighted_achievement").unwrap();
        let a = c.as_primitive::<arrow_array::types::Decimal128Type>();
        rust_decimal::Decimal::from_i128_with_scale(a.value(0), a.scale() as u32).to_string()
    };
    assert_eq!(mean(MeanInputs::Unrounded), "15.00");
    assert_eq!(mean(MeanInputs::Rounded), "15.01");
}

/// A cell the reader refuses on a table with a `period` column is one problem: the realisation
/// it left out is not reported again as missing (it was, as "missing realisation").
#[test]
fn a_refused_cell_of_a_period_row_is_one_problem() {
    let csv = "employee,unit,indicator,target,actual,weight,period,work_result,behaviour\n\
               1,U,a,100,abc,100,2024,meets,above\n2,U,a,100,90,100,2024,meets,above\n";
    let s = run(
        &Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv)),
        &ReadOptions::default(),
        &rules(),
        &collect(),
    )
    .unwrap();
    assert_eq!(texts(&s.problems, "column"), vec![Some("actual".to_string())]);
    assert_eq!(texts(&s.employees, "status"), vec![Some("error".to_string()), Some("ok".to_string())]);
}
