//! Tests for `kinerja-table/src/write/xlsx.rs` (cargo-mutants on the whole file): which
//! columns are written as labels (and in which language), how wide each column is made, the
//! row limit of a sheet, and the in-memory workbook a server sends.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::io::{Cursor, Read};
use std::path::Path;
use std::sync::Arc;

use arrow_array::{ArrayRef, Int32Array, RecordBatch, RecordBatchOptions, UInt64Array};
use arrow_schema::Schema;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;
use kinerja_core::explain::Lang;
use kinerja_table::score::{Detail, OnError, ScoreOptions, Tables, score};
use kinerja_table::write::{Sheet, scored_xlsx_bytes, write_scored_xlsx, write_xlsx};

/// Rows a sheet holds below its header (`MAX_ROWS` in `write/xlsx.rs`).
const MAX_ROWS: usize = 1_048_575;

/// Cells `(row, column)` of sheet `name` of the workbook at `p`, as calamine reads them.
fn cells(p: &Path, name: &str) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = open_workbook(p).unwrap();
    wb.worksheet_range(name).unwrap()
}

/// The text of cell `(row, column)`, `None` when the cell is empty.
fn text_at(r: &calamine::Range<Data>, row: usize, col: usize) -> Option<String> {
    match r.get((row, col)) {
        Some(Data::String(s)) => Some(s.clone()),
        None | Some(Data::Empty) => None,
        Some(other) => panic!("({row}, {col}) is not text: {other:?}"),
    }
}

/// One part of a workbook's zip archive.
fn part(bytes: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// The `<cols>…</cols>` element of the first sheet: the column widths.
fn cols_xml(bytes: &[u8]) -> String {
    let sheet = part(bytes, "xl/worksheets/sheet1.xml");
    let start = sheet.find("<cols>").unwrap();
    let end = sheet.find("</cols>").unwrap() + "</cols>".len();
    sheet[start..end].to_string()
}

/// The column widths rust_xlsxwriter writes for columns `chars` characters wide plus the
/// two of margin kinerja adds.
fn expected_cols(chars: &[usize]) -> String {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (j, c) in chars.iter().enumerate() {
        ws.set_column_width(j as u16, (*c + 2) as f64).unwrap();
    }
    cols_xml(&wb.save_to_buffer().unwrap())
}

/// Each labelled column is written as labels of its own kind, in the chosen language:
/// `predicate` as employee predicates (`poor` is no employee predicate, so it stays as it
/// is), `advised_rating`, `work_result` and `behaviour` as ratings (`good` is no rating),
/// `org_predicate` as organisation predicates (`poor` is "Kurang" / "Poor"); any other column
/// keeps its words, and a missing value stays an empty cell.
#[test]
fn labels_by_column_in_both_languages() {
    let b = batch(vec![
        ("predicate", words(&["poor_misconduct", "poor"])),
        ("advised_rating", words(&["below", "above"])),
        ("work_result", words(&["meets", "good"])),
        ("behaviour", text(&[Some("above"), None])),
        ("org_predicate", words(&["poor", "outstanding"])),
        ("note", words(&["good", "meets"])),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let cases: [(Lang, [[Option<&str>; 6]; 2]); 2] = [
        (
            Lang::Id,
            [
                [
                    Some("Kurang/Misconduct"),
                    Some("Di bawah ekspektasi"),
                    Some("Sesuai ekspektasi"),
                    Some("Di atas ekspektasi"),
                    Some("Kurang"),
                    Some("good"),
                ],
                [
                    Some("poor"),
                    Some("Di atas ekspektasi"),
                    Some("good"),
                    None,
                    Some("Istimewa"),
                    Some("meets"),
                ],
            ],
        ),
        (
            Lang::En,
            [
                [
                    Some("Poor/misconduct"),
                    Some("Below expectation"),
                    Some("Meets expectation"),
                    Some("Above expectation"),
                    Some("Poor"),
                    Some("good"),
                ],
                [
                    Some("poor"),
                    Some("Above expectation"),
                    Some("good"),
                    None,
                    Some("Outstanding"),
                    Some("meets"),
                ],
            ],
        ),
    ];
    for (lang, rows) in cases {
        let p = dir.path().join(format!("{lang:?}.xlsx"));
        write_xlsx(&[Sheet { name: "hasil", batch: &b }], &p, lang).unwrap();
        let r = cells(&p, "hasil");
        let header: Vec<_> = (0..6).map(|c| text_at(&r, 0, c)).collect();
        assert_eq!(
            header,
            ["predicate", "advised_rating", "work_result", "behaviour", "org_predicate", "note"]
                .map(|s| Some(s.to_string()))
        );
        for (i, row) in rows.iter().enumerate() {
            let got: Vec<_> = (0..6).map(|c| text_at(&r, i + 1, c)).collect();
            let want: Vec<_> = row.iter().map(|s| s.map(str::to_string)).collect();
            assert_eq!(got, want, "{lang:?} row {}", i + 1);
        }
    }
}

/// Each column is as wide as its widest cell as shown, or its header, capped at 60
/// characters, plus two: characters (not bytes) of text, a label (not the word under it,
/// `Sangat Baik` / `Very good` for `very_good`), five for `true`/`false`, the digits of a
/// count, a decimal's exact text, any other number's text; a missing cell counts nothing.
#[test]
fn column_widths_follow_the_widest_cell() {
    let long = "x".repeat(70);
    let b = batch(vec![
        ("employee", words(&["a", "Nyoman Ayu Pradnyaswari ÑÜ 雅"])),
        ("ok", flags(&[Some(true), None])),
        ("row", Arc::new(UInt64Array::from(vec![7, 1_234_567])) as ArrayRef),
        ("score", dec(&[Some("-12345.67"), None], 2)),
        ("predicate", words(&["very_good", "good"])),
        ("note", text(&[Some(long.as_str()), None])),
        ("n", Arc::new(Int32Array::from(vec![-42, 5])) as ArrayRef),
        ("weighted_achievement", dec(&[Some("9"), Some("100")], 2)),
    ]);
    let dir = tempfile::tempdir().unwrap();
    for (lang, predicate) in [(Lang::Id, 11), (Lang::En, 9)] {
        let p = dir.path().join(format!("{lang:?}.xlsx"));
        write_xlsx(&[Sheet { name: "hasil", batch: &b }], &p, lang).unwrap();
        let got = cols_xml(&std::fs::read(&p).unwrap());
        assert_eq!(got, expected_cols(&[28, 5, 7, 9, predicate, 60, 3, 20]), "{lang:?}");
        // the cells themselves are unchanged by the widths
        let r = cells(&p, "hasil");
        assert_eq!(r.get((2, 1)), Some(&Data::Empty));
        assert_eq!(r.get((2, 2)), Some(&Data::Float(1_234_567.0)));
        assert_eq!(r.get((1, 3)), Some(&Data::Float(-12345.67)));
        assert_eq!(r.get((1, 6)), Some(&Data::String("-42".into())));
    }
}

/// A table of exactly as many rows as a sheet holds is written; one more row is refused,
/// naming the sheet, its rows and the limit, and nothing is written. (Tables without columns,
/// so that a million rows cost nothing to build.)
#[test]
fn a_sheet_holds_at_most_1_048_575_rows() {
    let rows = |n: usize| {
        RecordBatch::try_new_with_options(
            Arc::new(Schema::empty()),
            vec![],
            &RecordBatchOptions::new().with_row_count(Some(n)),
        )
        .unwrap()
    };
    let dir = tempfile::tempdir().unwrap();
    let full = rows(MAX_ROWS);
    let p = dir.path().join("full.xlsx");
    write_xlsx(&[Sheet { name: "penuh", batch: &full }], &p, Lang::Id).unwrap();
    let wb: Xlsx<_> = open_workbook(&p).unwrap();
    assert_eq!(wb.sheet_names(), vec!["penuh"]);
    let over = rows(MAX_ROWS + 1);
    let q = dir.path().join("over.xlsx");
    let e = write_xlsx(
        &[Sheet { name: "penuh", batch: &full }, Sheet { name: "lebih", batch: &over }],
        &q,
        Lang::Id,
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "cannot write `{}` as xlsx: sheet `lebih` has 1048576 rows but a sheet holds at most 1048575; \
             write CSV or Parquet instead",
            q.display()
        )
    );
    assert!(!q.exists());
}

/// The workbook a server sends (`scored_xlsx_bytes`) is the one `write_scored_xlsx` writes:
/// the same sheets, the same cells, here in Bahasa Indonesia.
#[test]
fn scored_bytes_are_the_scored_workbook() {
    let ind = batch(vec![
        ("employee", words(&["a", "a", "b"])),
        ("indicator", words(&["i1", "i2", "i1"])),
        ("target", dec(&[Some("100"), Some("80"), Some("100")], 2)),
        ("actual", dec(&[Some("91.2"), Some("90"), Some("120")], 2)),
    ]);
    let emp = batch(vec![
        ("employee", words(&["a", "b"])),
        ("unit", words(&["u1", "u1"])),
        ("behaviour", words(&["meets", "above"])),
    ]);
    let options =
        ScoreOptions { on_error: OnError::Collect, detail: Detail::Indicator, ..Default::default() };
    let s =
        score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &options).unwrap();
    let bytes = scored_xlsx_bytes(&s, Lang::Id).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("hasil.xlsx");
    write_scored_xlsx(&s, &p, Lang::Id).unwrap();
    let mut from_bytes = Xlsx::new(Cursor::new(bytes)).unwrap();
    let mut from_file: Xlsx<_> = open_workbook(&p).unwrap();
    let names = ["employees", "indicators", "units", "problems"];
    assert_eq!(from_bytes.sheet_names(), names);
    for name in names {
        assert_eq!(
            from_bytes.worksheet_range(name).unwrap(),
            from_file.worksheet_range(name).unwrap(),
            "{name}"
        );
    }
    let emp = from_bytes.worksheet_range("employees").unwrap();
    assert_eq!(emp.get((1, 0)), Some(&Data::String("a".into())));
    assert_eq!(emp.get((1, 2)), Some(&Data::Float(101.85)));
    assert_eq!(emp.get((1, 7)), Some(&Data::String("Baik".into())));
    assert_eq!(emp.get((2, 7)), Some(&Data::String("Sangat Baik".into())));
}

/// A decimal column of negative scale (Arrow allows it, and the readers take it) is written
/// as its value: `5` at scale -2 is the number 500, shown without decimals.
#[test]
fn a_negative_scale_is_written_as_the_value() {
    let d: ArrayRef = Arc::new(
        arrow_array::Decimal128Array::from(vec![Some(5), Some(-7), None])
            .with_precision_and_scale(38, -2)
            .unwrap(),
    );
    let b = batch(vec![("target", d)]);
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("hasil.xlsx");
    write_xlsx(&[Sheet { name: "hasil", batch: &b }], &p, Lang::Id).unwrap();
    let r = cells(&p, "hasil");
    assert_eq!(r.get((1, 0)), Some(&Data::Float(500.0)));
    assert_eq!(r.get((2, 0)), Some(&Data::Float(-700.0)));
    assert_eq!(r.get((3, 0)), None);
}
