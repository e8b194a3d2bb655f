//! Writing: CSV (delimiter, exact decimals), Parquet, XLSX read back with calamine, atomic
//! writes and refusing to overwrite inputs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use kinerja_core::explain::Lang;
use kinerja_table::score::{Detail, OnError, ScoreOptions, Tables, score};
use kinerja_table::write::{
    CsvOptions, WriteError, atomic_write, check_paths, write_csv, write_parquet, write_scored_xlsx,
};

fn scored() -> kinerja_table::score::Scored {
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b", "zz"])),
        ("indicator", words(&["i1", "i2", "i1", "i1"])),
        ("target", dec(&[Some("100"), Some("80"), Some("100"), Some("1")], 2)),
        ("actual", dec(&[Some("91.2"), Some("90"), Some("120"), Some("1")], 2)),
    ]);
    let emp = batch(vec![
        ("employee", words(&["a", "b"])),
        ("unit", words(&["u1", "u1"])),
        ("work_result", text(&[None, Some("above")])),
        ("behaviour", words(&["meets", "above"])),
    ]);
    let options =
        ScoreOptions { on_error: OnError::Collect, detail: Detail::Indicator, ..Default::default() };
    score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &options).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn csv_exact_decimals_and_delimiter() {
    let s = scored();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.csv");
    write_csv(&s.employees, &p, &CsvOptions::default()).unwrap();
    let text = std::fs::read_to_string(&p).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some(
            "employee,unit,weighted_achievement,advised_rating,work_result,work_result_source,behaviour,predicate,\
             disagreement,weights_normalised,ok,status"
        )
    );
    // a: (91.20 + 112.50) / 2 = 101.85 → meets (advised) × meets → good
    assert_eq!(lines.next(), Some("a,u1,101.85,meets,meets,advisory,meets,good,false,false,true,ok"));
    assert_eq!(lines.next(), Some("b,u1,120.00,above,above,appraiser,above,very_good,false,false,true,ok"));
    let p2 = dir.path().join("out2.csv");
    write_csv(&s.problems, &p2, &CsvOptions { delimiter: b';' }).unwrap();
    let text = std::fs::read_to_string(&p2).unwrap();
    assert!(text.starts_with(
        "table;row;employee;indicator;column;value;family;message\nindicators;4;zz;;employee;zz;input;"
    ));
    assert_eq!(files_in(dir.path()), vec!["out.csv", "out2.csv"]);
}

#[test]
fn parquet_round_trip() {
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    let s = scored();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("out.parquet");
    write_parquet(&s.employees, &p).unwrap();
    let r =
        ParquetRecordBatchReaderBuilder::try_new(std::fs::File::open(&p).unwrap()).unwrap().build().unwrap();
    let batches: Vec<_> = r.map(|b| b.unwrap()).collect();
    assert_eq!(batches.len(), 1);
    assert_eq!(decimals(&batches[0], "weighted_achievement"), some(&["101.85", "120.00"]));
}

#[test]
fn xlsx_sheets_numbers_and_labels() {
    let s = scored();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("hasil.xlsx");
    write_scored_xlsx(&s, &p, Lang::Id).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&p).unwrap();
    assert_eq!(wb.sheet_names(), vec!["employees", "indicators", "units", "problems"]);
    let emp = wb.worksheet_range("employees").unwrap();
    assert_eq!(emp.get((0, 0)), Some(&Data::String("employee".into())));
    assert_eq!(emp.get((0, 2)), Some(&Data::String("weighted_achievement".into())));
    assert_eq!(emp.get((1, 2)), Some(&Data::Float(101.85)));
    assert_eq!(emp.get((2, 2)), Some(&Data::Float(120.0)));
    // predicate and ratings as Indonesian labels
    assert_eq!(emp.get((1, 7)), Some(&Data::String("Baik".into())));
    assert_eq!(emp.get((2, 7)), Some(&Data::String("Sangat Baik".into())));
    assert_eq!(emp.get((1, 3)), Some(&Data::String("Sesuai ekspektasi".into())));
    assert_eq!(emp.get((1, 8)), Some(&Data::Bool(false)));
    let ind = wb.worksheet_range("indicators").unwrap();
    assert_eq!(ind.get((1, 3)), Some(&Data::Float(91.2)));
    let prob = wb.worksheet_range("problems").unwrap();
    assert_eq!(prob.get((1, 2)), Some(&Data::String("zz".into())));
    assert_eq!(prob.get((1, 1)), Some(&Data::Float(4.0)));
    let units = wb.worksheet_range("units").unwrap();
    assert_eq!(units.get((1, 0)), Some(&Data::String("u1".into())));
    // English
    let p_en = dir.path().join("result.xlsx");
    write_scored_xlsx(&s, &p_en, Lang::En).unwrap();
    let mut wb: Xlsx<_> = open_workbook(&p_en).unwrap();
    let emp = wb.worksheet_range("employees").unwrap();
    assert_eq!(emp.get((1, 7)), Some(&Data::String("Good".into())));
    // the header is bold and frozen, the score column shows two decimals
    let xml = sheet_xml(&p, "xl/styles.xml");
    assert!(xml.contains("<b/>"), "{xml}");
    assert!(xml.contains("formatCode=\"0.00\""), "{xml}");
    let sheet = sheet_xml(&p, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("state=\"frozen\"") && sheet.contains("ySplit=\"1\""), "{sheet}");
}

/// One part of the workbook (a zip archive).
fn sheet_xml(p: &Path, part: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(p).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(part).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn refuses_inputs_as_outputs_by_path_symlink_and_hard_link() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.csv");
    std::fs::write(&input, "employee\n1\n").unwrap();
    let out = dir.path().join("out.csv");
    assert!(check_paths(&[&input], &[&out]).is_ok());
    assert!(matches!(check_paths(&[&input], &[&input]), Err(WriteError::SameAsInput { .. })));
    // another spelling of the same path
    let dotted = dir.path().join(".").join("in.csv");
    assert!(matches!(check_paths(&[&input], &[&dotted]), Err(WriteError::SameAsInput { .. })));
    #[cfg(unix)]
    {
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&input, &link).unwrap();
        assert!(matches!(check_paths(&[&input], &[&link]), Err(WriteError::SameAsInput { .. })));
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&input, &hard).unwrap();
        assert!(matches!(check_paths(&[&input], &[&hard]), Err(WriteError::SameAsInput { .. })));
    }
    // two outputs on one path, even when it does not exist yet
    let err = check_paths(&[&input], &[&out, &dir.path().join("./out.csv")]).unwrap_err();
    assert!(matches!(err, WriteError::SameOutput { .. }));
    assert!(err.to_string().contains("same file"), "{err}");
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "employee\n1\n");
}

#[test]
fn failed_write_leaves_the_old_file_and_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.csv");
    std::fs::write(&out, "old\n").unwrap();
    let r = atomic_write(&out, |w| {
        use std::io::Write;
        w.write_all(b"half of the new").unwrap();
        Err(WriteError::io(&out, std::io::Error::other("disk full")))
    });
    assert!(r.is_err());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "old\n");
    assert_eq!(files_in(dir.path()), vec!["out.csv"]);
    // a successful write replaces it whole
    write_csv(&scored().units, &out, &CsvOptions::default()).unwrap();
    assert!(std::fs::read_to_string(&out).unwrap().starts_with("unit,very_poor,"));
    assert_eq!(files_in(dir.path()), vec!["out.csv"]);
    // an output folder is refused
    assert!(write_csv(&scored().units, dir.path(), &CsvOptions::default()).is_err());
}

#[cfg(unix)]
#[test]
fn symlinked_output_is_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("target.csv");
    std::fs::write(&target, "old\n").unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    write_csv(&scored().units, &link, &CsvOptions::default()).unwrap();
    assert!(std::fs::symlink_metadata(&link).unwrap().file_type().is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().starts_with("unit,"));
}
