//! Workbook cells whose value is not the number calamine gives: a number shown as a percent
//! (0.975 formatted `0.00%` shows 97.50%) is read as the number it shows, 97.5, as the CSV text
//! `97,50%` is, and scores alike; a formula is read by its stored value, and a formula without
//! one is refused, naming the cell.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};

use kinerja_core::lang::Lang;
use kinerja_core::rules::Ruleset;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::read::{FileFormat, ReadOptions, read_bytes};
use kinerja_table::run::{Inputs, Source, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::ScoreOptions;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet};

const HEADERS: [&str; 7] = ["employee", "indicator", "target", "actual", "work_result", "behaviour", "note"];

/// A workbook of the header and one row for employee `a` (target 100), its `actual` cell
/// (D2) written by `actual`.
fn book(actual: impl FnOnce(&mut Worksheet)) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "a").unwrap();
    sheet.write_string(1, 1, "a1").unwrap();
    sheet.write_number(1, 2, 100.0).unwrap();
    sheet.write_string(1, 4, "meets").unwrap();
    sheet.write_string(1, 5, "meets").unwrap();
    actual(sheet);
    book.save_to_buffer().unwrap()
}

/// Numbers written the Indonesian way (`97,50%`): a workbook's number cells are read plain
/// whatever the format, its percent cells too.
fn id_numbers() -> ReadOptions {
    ReadOptions { number_format: NumberFormat::Id, ..ReadOptions::default() }
}

fn actual(bytes: &[u8], format: FileFormat) -> Result<Vec<Option<Decimal>>, String> {
    let t = read_bytes(bytes, format, &id_numbers(), TableKind::Indicators).map_err(|e| e.to_string())?;
    Ok((0..t.num_rows()).map(|i| t.decimal("actual", i)).collect())
}

fn percent(code: &str, value: f64) -> Vec<u8> {
    book(|s| {
        s.write_number_with_format(1, 3, value, &Format::new().set_num_format(code)).unwrap();
    })
}

/// A number cell formatted as a percent is the number it shows, exactly (its digits moved, no
/// float multiplied); a `%` in quotes or escaped is literal text, and the number is read as
/// stored, as Excel shows it.
#[test]
fn a_percent_cell_is_the_number_it_shows() {
    let d = |s: &str| Some(s.parse::<Decimal>().unwrap());
    let cases = [
        ("0.00%", 0.975, "97.5"),
        ("0%", 0.9, "90"),
        // `0%` shows 98%; the number is 97.5, as a number cell's is whatever its decimals shown
        ("0%", 0.975, "97.5"),
        ("#,##0.0%", 12.345, "1234.5"),
        ("0.00%", 0.123456789, "12.3456789"),
        ("0.00%", -0.0005, "-0.05"),
        ("0.00\"%\"", 97.5, "97.5"),
        ("0.00\\%", 97.5, "97.5"),
        ("0.00", 0.975, "0.975"),
    ];
    for (code, value, want) in cases {
        let got = actual(&percent(code, value), FileFormat::Xlsx);
        assert_eq!(got, Ok(vec![d(want)]), "{code} {value}");
    }
    let shown = actual(&percent("0.00%", 0.975), FileFormat::Xlsx).unwrap()[0].unwrap();
    assert_eq!((shown.to_string(), shown.scale()), ("97.5".to_string(), 1));
    // the built-in format 10 (`0.00%`), written by its id
    let builtin = book(|s| {
        s.write_number_with_format(1, 3, 0.975, &Format::new().set_num_format_index(10)).unwrap();
    });
    assert_eq!(actual(&builtin, FileFormat::Xlsx), Ok(vec![d("97.5")]));
}

/// A column mixing percent cells and plain number cells: each read as it shows.
#[test]
fn a_column_of_percent_and_plain_number_cells() {
    let bytes = book(|s| {
        let pct = Format::new().set_num_format("0.00%");
        s.write_number_with_format(1, 3, 0.975, &pct).unwrap();
        for (r, (e, v, p)) in [("b", 90.0, false), ("c", 0.5, true)].into_iter().enumerate() {
            let r = r as u32 + 2;
            s.write_string(r, 0, e).unwrap();
            s.write_string(r, 1, "x1").unwrap();
            s.write_number(r, 2, 100.0).unwrap();
            if p {
                s.write_number_with_format(r, 3, v, &pct).unwrap();
            } else {
                s.write_number(r, 3, v).unwrap();
            }
            s.write_string(r, 4, "meets").unwrap();
            s.write_string(r, 5, "meets").unwrap();
        }
    });
    let got = actual(&bytes, FileFormat::Xlsx).unwrap();
    let want: Vec<Option<Decimal>> = ["97.5", "90", "50"].iter().map(|s| s.parse().ok()).collect();
    assert_eq!(got, want);
}

/// The same sheet as a workbook (0.975 formatted `0.00%`) and as CSV (`97,50%`) scores alike:
/// the same employee table, the same achievement.
#[test]
fn a_percent_workbook_scores_as_its_csv() {
    let xlsx = percent("0.00%", 0.975);
    let csv = "employee;indicator;target;actual;work_result;behaviour;note\na;a1;100;97,50%;meets;meets;\n";
    assert_eq!(actual(csv.as_bytes(), FileFormat::Csv), actual(&xlsx, FileFormat::Xlsx));
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let score = |bytes: &[u8], format| {
        run(&Inputs::new(Source::Bytes(bytes, format)), &id_numbers(), &rules, &ScoreOptions::default())
            .unwrap()
    };
    let (from_csv, from_xlsx) = (score(csv.as_bytes(), FileFormat::Csv), score(&xlsx, FileFormat::Xlsx));
    assert_eq!(from_csv.employees, from_xlsx.employees);
    assert_eq!(from_csv.indicators, from_xlsx.indicators);
    // and not as the fraction the cell holds
    let fraction = book(|s| {
        s.write_number(1, 3, 0.975).unwrap();
    });
    assert_ne!(score(&fraction, FileFormat::Xlsx).employees, from_xlsx.employees);
}

/// `bytes` with its first sheet's XML edited by `f` (as a program that does not calculate
/// formulas writes it: openpyxl stores the formula and no value).
fn edited(bytes: &[u8], f: impl Fn(&str) -> String) -> Vec<u8> {
    edited_part(bytes, "xl/worksheets/sheet1.xml", f)
}

/// `bytes` with part `name` rewritten by `f`.
fn edited_part(bytes: &[u8], name: &str, f: impl Fn(&str) -> String) -> Vec<u8> {
    let mut src = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..src.len() {
        let mut entry = src.by_index(i).unwrap();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if entry.name() == name {
            data = f(std::str::from_utf8(&data).unwrap()).into_bytes();
        }
        out.start_file(entry.name(), zip::write::SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// A formula with a stored value is read as that value.
#[test]
fn a_formula_with_its_value_is_read_as_the_value() {
    let bytes = book(|s| {
        s.write_formula(1, 3, "=1000+80").unwrap().set_formula_result(1, 3, "1080");
    });
    assert_eq!(actual(&bytes, FileFormat::Xlsx), Ok(vec![Some(Decimal::from(1080))]));
}

const UNVALUED_EN: &str = "`<bytes>` is not a readable table: sheet `Sheet1`, row 1 (sheet row 2), column \
    `actual`: cell D2 holds the formula `=1000+80` without a computed value (the program that wrote the \
    workbook did not calculate it); open the workbook in Excel or LibreOffice and save it, so that the value \
    is stored";

const UNVALUED_ID: &str = "`<bytes>` bukan tabel yang dapat dibaca: lembar kerja `Sheet1`, baris 1 (baris \
    lembar kerja 2), kolom `actual`: sel D2 berisi rumus `=1000+80` tanpa nilai hasil hitungan (program yang \
    menulis buku kerja tidak menghitungnya); buka buku kerja di Excel atau LibreOffice lalu simpan, agar \
    nilainya tersimpan";

/// A formula without a stored value (calamine reads it as empty) in a column that is read is
/// refused, naming the sheet, the row, the column, the cell and the formula, in English and in
/// Indonesian; the same formula in a column that is not read does not matter.
#[test]
fn a_formula_without_its_value_is_refused_where_it_is_read() {
    let written = book(|s| {
        s.write_formula(1, 3, "=1000+80").unwrap();
        s.write_formula(1, 6, "=1+1").unwrap();
    });
    let unvalued = edited(&written, |x| x.replace("</f><v>0</v>", "</f>"));
    let e = read_bytes(&unvalued, FileFormat::Xlsx, &id_numbers(), TableKind::Indicators).unwrap_err();
    assert_eq!(e.to_string(), UNVALUED_EN);
    assert_eq!(kinerja_core::error::translate(&e.to_string(), Lang::Id), UNVALUED_ID);
    // the same under collect: a workbook to save again, not a row's problem
    let collect = ReadOptions { on_error: kinerja_core::batch::OnError::Collect, ..id_numbers() };
    let e = read_bytes(&unvalued, FileFormat::Xlsx, &collect, TableKind::Indicators).unwrap_err();
    assert_eq!(e.to_string(), UNVALUED_EN);
    // only the `note` column's formula has no value: `note` is not read (the `actual`
    // formula's value is one Excel stored: the workbook is not to be calculated on opening)
    let note_only = edited(&written, |x| x.replace("<f>1+1</f><v>0</v>", "<f>1+1</f>"));
    let note_only = edited_part(&note_only, "xl/workbook.xml", |x| x.replace(r#" fullCalcOnLoad="1""#, ""));
    assert_eq!(actual(&note_only, FileFormat::Xlsx), Ok(vec![Some(Decimal::ZERO)]));
    // a shared formula written in another cell, in a row of only formulas
    let shared = edited(&written, |x| {
        x.replace("</f><v>0</v>", "</f>")
            .replace("</sheetData>", r#"<row r="5"><c r="D5"><f t="shared" si="0"/></c></row></sheetData>"#)
            .replace("<f>1000+80</f>", "<v>1080</v>")
    });
    let e =
        read_bytes(&shared, FileFormat::Xlsx, &id_numbers(), TableKind::Indicators).unwrap_err().to_string();
    assert!(
        e.contains("row 4 (sheet row 5), column `actual`: cell D5 holds a shared formula without"),
        "{e}"
    );
}

/// A first sheet that is empty (a cover sheet) before the table's sheet: the error names the
/// workbook's sheets and how to choose one; with the sheet named it reads.
#[test]
fn an_empty_first_sheet_names_the_sheets() {
    let mut book = Workbook::new();
    book.add_worksheet().set_name("Cover").unwrap();
    let sheet = book.add_worksheet().set_name("SKP").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "a").unwrap();
    sheet.write_string(1, 1, "a1").unwrap();
    sheet.write_number(1, 2, 100.0).unwrap();
    sheet.write_number(1, 3, 90.0).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let e = read_bytes(&bytes, FileFormat::Xlsx, &ReadOptions::default(), TableKind::Indicators).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "sheet `Cover` is empty; the workbook's sheets: Cover, SKP; name the one to read (CLI `--sheet`, \
             Python `sheet=`)"
        ),
        "{e}"
    );
    let skp = ReadOptions { sheet: Some("SKP".into()), ..ReadOptions::default() };
    let t = read_bytes(&bytes, FileFormat::Xlsx, &skp, TableKind::Indicators).unwrap();
    assert_eq!(t.num_rows(), 1);
}

/// A workbook written to be calculated when opened (rust_xlsxwriter, XlsxWriter, openpyxl set
/// `fullCalcOnLoad`) stores 0 as the value of a formula it was given no result for: in a
/// column that is read such a 0 is refused as a formula without a computed value, not read as
/// 0. A number 0 (no formula) reads as 0, and a formula's stored value other than 0 as itself.
#[test]
fn a_formulas_placeholder_zero_is_refused() {
    let placeholder = book(|s| {
        s.write_formula(1, 3, "=1000+80").unwrap();
    });
    let workbook = |b: &[u8]| {
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(b)).unwrap();
        let mut text = String::new();
        z.by_name("xl/workbook.xml").unwrap().read_to_string(&mut text).unwrap();
        text
    };
    assert!(workbook(&placeholder).contains(r#"fullCalcOnLoad="1""#));
    let e = read_bytes(&placeholder, FileFormat::Xlsx, &id_numbers(), TableKind::Indicators).unwrap_err();
    assert_eq!(e.to_string(), UNVALUED_EN);
    let zero = book(|s| {
        s.write_number(1, 3, 0.0).unwrap();
    });
    assert_eq!(actual(&zero, FileFormat::Xlsx), Ok(vec![Some(Decimal::ZERO)]));
    let valued = book(|s| {
        s.write_formula(1, 3, "=1000+80").unwrap().set_formula_result(1, 3, "1080");
    });
    assert_eq!(actual(&valued, FileFormat::Xlsx), Ok(vec![Some(Decimal::from(1080))]));
}

/// A title above the table (a report's name in the first filled row, as many exports have)
/// is read as the header: the error says so and how to fix it, in a workbook and in CSV.
#[test]
fn a_title_row_above_the_header_is_named() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "LAPORAN SKP 2024").unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let xlsx = book.save_to_buffer().unwrap();
    let csv = format!("LAPORAN SKP 2024,,,,,,\n{}\n", HEADERS.join(","));
    for (bytes, format) in [(xlsx, FileFormat::Xlsx), (csv.into_bytes(), FileFormat::Csv)] {
        let e = read_bytes(&bytes, format, &ReadOptions::default(), TableKind::Indicators)
            .unwrap_err()
            .to_string();
        assert!(
            e.contains(
                "its header row is mostly empty (headers found: `LAPORAN SKP 2024` (ignored), `` (ignored)"
            ) && e.ends_with("so delete any rows above the table's header (a title)"),
            "{e}"
        );
        let id = kinerja_core::error::translate(&e, Lang::Id);
        assert!(id.contains("hapus baris di atas baris judul tabel (mis. nama laporan)"), "{id}");
    }
}
