//! Regional exports read to the same canonical table as the same data in canonical columns:
//! a BKPSDM-style `;` CSV with Indonesian headers and numbers, a Parquet file, an XLSX
//! workbook written here, and Arrow batches as pandas hands them over.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use kinerja_core::batch::OnError;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::read::{
    FileFormat, ReadError, ReadOptions, ReadTable, canonicalise, read_bytes, read_path,
};
use kinerja_table::schema::TableKind;

fn exports(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/exports").join(name)
}

fn id_numbers() -> ReadOptions {
    ReadOptions { number_format: NumberFormat::Id, ..ReadOptions::default() }
}

fn canonical() -> ReadTable {
    read_path(&exports("skp_canonical.csv"), &ReadOptions::default(), TableKind::Indicators).unwrap()
}

#[test]
fn bkpsdm_export_reads_as_the_canonical_file() {
    let want = canonical();
    let got = read_path(&exports("skp_bkpsdm.csv"), &id_numbers(), TableKind::Indicators).unwrap();
    assert_eq!(got.batch, want.batch);
    assert_eq!(got.ignored_columns, vec!["No"]);
    assert_eq!(got.source_rows, (1..=7).collect::<Vec<u64>>());
    assert!(got.problems.is_empty() && got.row_valid.iter().all(|v| *v));
    assert_eq!(got.num_rows(), 7);
    // values checked by hand against the export's cells
    assert_eq!(got.decimal("target", 1).unwrap().to_string(), "1200");
    assert_eq!(got.decimal("actual", 0).unwrap().to_string(), "97.50");
    assert_eq!(got.decimal("actual", 2).unwrap().to_string(), "1425000.50");
    assert_eq!(got.decimal("weight", 6).unwrap().to_string(), "0.5");
    assert_eq!(got.text("period", 3), Some("2024-S2"));
    assert_eq!(got.text("period", 5), Some("2024-Q2"));
    assert_eq!(got.text("period", 6), Some("2024-07"));
    assert_eq!(got.text("post_type", 2), Some("administrator"));
    assert_eq!(got.text("behaviour", 0), Some("above"));
    assert_eq!(got.text("indicator", 6), Some("Persentase kelengkapan data; \"SIMPUS\""));
    assert_eq!(got.text("employee", 4), Some("199203102015032003"));
    let mapped: Vec<(&str, &str)> = got.columns.iter().map(|(h, c)| (h.as_str(), c.as_str())).collect();
    assert!(mapped.contains(&("Realisasi", "actual")) && mapped.contains(&("Unit Kerja", "unit")));
}

#[test]
fn bkpsdm_export_without_number_format_names_the_ambiguous_cell() {
    let e =
        read_path(&exports("skp_bkpsdm.csv"), &ReadOptions::default(), TableKind::Indicators).unwrap_err();
    let ReadError::Problem(p) = e else { panic!("{e:?}") };
    // the first problem in row order: row 1's `97,5` (Indonesian only)
    assert_eq!(p.row, Some(1));
    assert_eq!(p.column.as_deref(), Some("actual"));
    assert_eq!(p.value.as_deref(), Some("97,5"));
    assert_eq!(p.employee.as_deref(), Some("198701012010011001"));
    assert!(p.message.contains("number_format=\"id\""), "{p}");
    let collect = ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() };
    let t = read_path(&exports("skp_bkpsdm.csv"), &collect, TableKind::Indicators).unwrap();
    let ambiguous: Vec<_> = t.problems.iter().filter(|p| p.value.as_deref() == Some("1.200")).collect();
    assert_eq!(ambiguous.len(), 1);
    assert!(
        ambiguous[0].message.contains("1.2 in plain") && ambiguous[0].message.contains("1200 in Indonesian")
    );
    assert_eq!(ambiguous[0].row, Some(2));
    // rows 1-4 and 7 have an Indonesian-only or ambiguous number; rows 5 and 6 read
    assert_eq!(t.row_valid, vec![false, false, false, false, true, true, false]);
    assert_eq!(t.decimal("actual", 4).unwrap().to_string(), "3");
    assert_eq!(t.decimal("actual", 0), None);
}

#[test]
fn parquet_reads_as_the_canonical_file() {
    let want = canonical();
    let path = exports("skp.parquet");
    if std::env::var_os("KINERJA_REGENERATE").is_some() {
        write_parquet(&want.batch, &path);
    }
    let got = read_path(&path, &ReadOptions::default(), TableKind::Indicators).unwrap();
    assert_eq!(got.batch, want.batch);
    // and a fresh write of the same batch
    let dir = std::env::temp_dir().join(format!("kinerja-table-pq-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let fresh = dir.join("fresh.parquet");
    write_parquet(&want.batch, &fresh);
    let again = read_path(&fresh, &ReadOptions::default(), TableKind::Indicators).unwrap();
    assert_eq!(again.batch, want.batch);
    std::fs::remove_dir_all(&dir).ok();
}

fn write_parquet(batch: &RecordBatch, path: &std::path::Path) {
    let file = std::fs::File::create(path).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), Some(props)).unwrap();
    w.write(batch).unwrap();
    w.close().unwrap();
}

/// The export written as a workbook: numbers as number cells, NIPs as text cells.
fn workbook(nip_as_number: bool) -> Vec<u8> {
    let csv = std::fs::read_to_string(exports("skp_canonical.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let headers: Vec<String> = reader.headers().unwrap().iter().map(str::to_string).collect();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("SKP 2024").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, record) in reader.records().enumerate() {
        let record = record.unwrap();
        for (c, cell) in record.iter().enumerate() {
            let name = headers[c].as_str();
            let numeric =
                matches!(name, "target" | "actual" | "weight") || (name == "employee" && nip_as_number);
            let (row, col) = (r as u32 + 1, c as u16);
            if numeric {
                sheet.write_number(row, col, cell.parse::<f64>().unwrap()).unwrap();
            } else {
                sheet.write_string(row, col, cell).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn xlsx_round_trip_reads_as_the_canonical_file() {
    let want = canonical();
    let bytes = workbook(false);
    let got = read_bytes(&bytes, FileFormat::Xlsx, &ReadOptions::default(), TableKind::Indicators).unwrap();
    // number cells come back by their shortest text (97.5, 1425000.5, 0.5); the columns'
    // scales (the most decimals in each column) are those of the CSV, so the batches agree
    assert_eq!(got.batch, want.batch);
    for row in 0..7 {
        for col in ["target", "actual", "weight"] {
            assert_eq!(got.decimal(col, row), want.decimal(col, row), "{col} {row}");
        }
    }
    assert_eq!(got.decimal("actual", 2).unwrap().to_string(), "1425000.50");
    // the same sheet by name; an unknown sheet lists the sheets
    let named = ReadOptions { sheet: Some("SKP 2024".into()), ..ReadOptions::default() };
    assert!(read_bytes(&bytes, FileFormat::Xlsx, &named, TableKind::Indicators).is_ok());
    let missing = ReadOptions { sheet: Some("Sheet9".into()), ..ReadOptions::default() };
    let e = read_bytes(&bytes, FileFormat::Xlsx, &missing, TableKind::Indicators).unwrap_err().to_string();
    assert!(e.contains("Sheet9") && e.contains("SKP 2024"), "{e}");
}

#[test]
fn xlsx_nip_as_number_is_refused() {
    let bytes = workbook(true);
    let e = read_bytes(&bytes, FileFormat::Xlsx, &ReadOptions::default(), TableKind::Indicators).unwrap_err();
    assert!(matches!(e, ReadError::Column { ref column, .. } if column == "employee"), "{e:?}");
    assert!(e.to_string().contains("18-digit NIP"), "{e}");
}

#[test]
fn xlsx_mixed_column_reads_number_cells_plain_and_text_cells_by_the_format() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["NIP", "Target", "Realisasi"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "198701012010011001").unwrap();
    sheet.write_number(1, 1, 100).unwrap();
    sheet.write_string(1, 2, "97,5").unwrap();
    sheet.write_string(2, 0, "198701012010011001").unwrap();
    sheet.write_number(2, 1, 1200).unwrap();
    sheet.write_number(2, 2, 1080.5).unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let t = read_bytes(&bytes, FileFormat::Xlsx, &id_numbers(), TableKind::Indicators).unwrap();
    assert_eq!(t.decimal("actual", 0).unwrap().to_string(), "97.5");
    // a number cell 1080.5 is not re-read in Indonesian notation (which would refuse it)
    assert_eq!(t.decimal("actual", 1).unwrap().to_string(), "1080.5");
}

fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    let fields: Vec<Field> =
        columns.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns.into_iter().map(|(_, a)| a).collect())
        .unwrap()
}

#[test]
fn arrow_batches_as_pandas_hands_them_over() {
    let ids: ArrayRef = Arc::new(StringArray::from(vec!["a", "b", "c"]));
    // float64 numbers through their shortest text; nullable Int64 codes; float codes with NaN
    let b = batch(vec![
        ("employee", ids.clone()),
        ("target", Arc::new(Float64Array::from(vec![100.0, 11.8, 0.1]))),
        ("actual", Arc::new(Int64Array::from(vec![Some(91), None, Some(7)]))),
        ("year", Arc::new(Float64Array::from(vec![2024.0, f64::NAN, 2025.0]))),
        ("work_result", Arc::new(Int64Array::from(vec![Some(2), None, Some(0)]))),
        ("unit_head", Arc::new(Float64Array::from(vec![1.0, 0.0, f64::NAN]))),
    ]);
    let t = canonicalise(&b, &ReadOptions::default(), TableKind::Indicators).unwrap();
    assert_eq!(t.decimal("target", 1).unwrap().to_string(), "11.8");
    assert_eq!(t.decimal("target", 2).unwrap().to_string(), "0.1");
    assert_eq!(t.decimal("actual", 1), None);
    assert_eq!(t.text("work_result", 0), Some("above"));
    assert_eq!(t.text("work_result", 2), Some("below"));
    let year = t.batch.column_by_name("year").unwrap();
    assert_eq!(year.data_type(), &DataType::UInt16);
    assert_eq!(year.null_count(), 1);
    let flags = t.batch.column_by_name("unit_head").unwrap();
    assert_eq!(flags.data_type(), &DataType::Boolean);
    assert_eq!(flags.null_count(), 1);
    // a NIP column of float64 (pandas read_excel) is refused with the reason
    let b = batch(vec![
        ("employee", Arc::new(Float64Array::from(vec![1.987_010_120_100_11e17]))),
        ("target", Arc::new(Int64Array::from(vec![1]))),
        ("actual", Arc::new(Int64Array::from(vec![1]))),
    ]);
    let e = canonicalise(&b, &ReadOptions::default(), TableKind::Indicators).unwrap_err().to_string();
    assert!(e.contains("employee") && e.contains("binary float"), "{e}");
    // an int64 NIP is exact and becomes text
    let b = batch(vec![
        ("employee", Arc::new(Int64Array::from(vec![198701012010011001]))),
        ("target", Arc::new(Int64Array::from(vec![1]))),
        ("actual", Arc::new(Int64Array::from(vec![1]))),
    ]);
    let t = canonicalise(&b, &ReadOptions::default(), TableKind::Indicators).unwrap();
    assert_eq!(t.text("employee", 0), Some("198701012010011001"));
    // enum codes out of range are cell problems listing the codes
    let b = batch(vec![
        ("employee", ids),
        ("target", Arc::new(Int64Array::from(vec![1, 1, 1]))),
        ("actual", Arc::new(Int64Array::from(vec![1, 1, 1]))),
        ("behaviour", Arc::new(Int64Array::from(vec![1, 300, -1]))),
    ]);
    let collect = ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() };
    let t = canonicalise(&b, &collect, TableKind::Indicators).unwrap();
    assert_eq!(t.row_valid, vec![true, false, false]);
    assert!(t.problems[0].message.contains("0 = below"), "{}", t.problems[0]);
    assert_eq!(t.problems[0].employee.as_deref(), Some("b"));
}

#[test]
fn integer_ids_read_as_a_whole_column_keep_every_check() {
    // int64 NIPs and float64 numbers are read column by column, not cell by cell: an empty
    // id is still a problem, a problem elsewhere on the row still names the employee, and an
    // integer indicator name still gives the indicator id
    let b = batch(vec![
        ("employee", Arc::new(Int64Array::from(vec![Some(198701012010011001), None, Some(7)]))),
        ("indicator_name", Arc::new(Int64Array::from(vec![11, 12, 13]))),
        ("target", Arc::new(Float64Array::from(vec![100.0, 11.8, 0.25]))),
        ("actual", Arc::new(Float64Array::from(vec![91.5, 1.0, f64::NAN]))),
    ]);
    let collect = ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() };
    let t = canonicalise(&b, &collect, TableKind::Indicators).unwrap();
    assert_eq!(t.text("employee", 0), Some("198701012010011001"));
    assert_eq!(t.text("indicator", 2), Some("13"));
    assert_eq!(t.decimal("target", 1).unwrap().to_string(), "11.80");
    assert_eq!(t.decimal("actual", 0).unwrap().to_string(), "91.5");
    assert_eq!(t.row_valid, vec![true, false, false]);
    let empty = t.problems.iter().find(|p| p.row == Some(2)).unwrap();
    assert!(empty.message.contains("employee id (NIP) is empty"), "{empty}");
    let nan = t.problems.iter().find(|p| p.row == Some(3)).unwrap();
    assert_eq!((nan.column.as_deref(), nan.employee.as_deref()), (Some("actual"), Some("7")));
}

#[test]
fn indicator_ids_derive_from_names() {
    let csv = "NIP,Nama Indikator,Target,Realisasi\n1,  Jumlah   laporan ,3,3\n";
    let t =
        read_bytes(csv.as_bytes(), FileFormat::Csv, &ReadOptions::default(), TableKind::Indicators).unwrap();
    assert_eq!(t.text("indicator", 0), Some("Jumlah laporan"));
    assert_eq!(t.text("indicator_name", 0), Some("Jumlah   laporan"));
    assert_eq!(t.derived_columns, vec!["indicator"]);
}

#[test]
fn tables_other_than_indicators() {
    let csv = "NIP;Nama;Unit Kerja;Kepala Unit;Jenis Jabatan;Predikat Organisasi\n1;A;U1;ya;JPT;Istimewa\n2;B;U1;tidak;Pelaksana;\n";
    let t =
        read_bytes(csv.as_bytes(), FileFormat::Csv, &ReadOptions::default(), TableKind::Employees).unwrap();
    assert_eq!(t.text("post_type", 0), Some("jpt"));
    assert_eq!(t.text("org_predicate", 0), Some("outstanding"));
    assert_eq!(t.text("org_predicate", 1), None);
    let units = "Unit Kerja,Nama Unit,Induk,Predikat Organisasi,NIP\nU1,Dinas A,,baik,1\n";
    let t = read_bytes(units.as_bytes(), FileFormat::Csv, &ReadOptions::default(), TableKind::Units).unwrap();
    assert_eq!(t.text("name", 0), Some("Dinas A"));
    assert_eq!(t.text("org_predicate", 0), Some("good"));
    assert_eq!(t.ignored_columns, vec!["NIP"]);
}

#[test]
fn arrow_types_of_polars_pyarrow_and_duckdb() {
    use arrow_array::types::Int32Type;
    use arrow_array::{Decimal128Array, Decimal256Array, DictionaryArray, LargeStringArray, StringViewArray};
    use arrow_buffer::i256;
    let polarity: DictionaryArray<Int32Type> = vec![Some("naik"), Some("turun"), None].into_iter().collect();
    let b = batch(vec![
        ("employee", Arc::new(LargeStringArray::from(vec!["a", "b", "c"]))),
        ("period", Arc::new(StringViewArray::from(vec!["TW I 2024", "2024-Q2", "Mei 2024"]))),
        ("polarity", Arc::new(polarity)),
        (
            "target",
            Arc::new(
                Decimal128Array::from(vec![1_000_000, 925_000, 1]).with_precision_and_scale(18, 4).unwrap(),
            ),
        ),
        (
            "actual",
            Arc::new(
                Decimal256Array::from(vec![i256::from_i128(9_125), i256::from_i128(1), i256::MAX])
                    .with_precision_and_scale(76, 2)
                    .unwrap(),
            ),
        ),
    ]);
    let collect = ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() };
    let t = canonicalise(&b, &collect, TableKind::Indicators).unwrap();
    assert_eq!(t.text("employee", 1), Some("b"));
    assert_eq!(t.text("period", 0), Some("2024-Q1"));
    assert_eq!(t.text("period", 2), Some("2024-05"));
    assert_eq!(t.text("polarity", 0), Some("higher_is_better"));
    assert_eq!(t.text("polarity", 1), Some("lower_is_better"));
    assert_eq!(t.text("polarity", 2), None);
    assert_eq!(t.decimal("target", 1).unwrap().to_string(), "92.5000");
    assert_eq!(t.decimal("actual", 0).unwrap().to_string(), "91.25");
    // a decimal256 beyond 128 bits is a located problem, not an Arrow error
    assert_eq!(t.row_valid, vec![true, true, false]);
    assert!(t.problems[0].message.contains("too large"), "{}", t.problems[0]);
    // a date column is refused with its type
    let dates = batch(vec![
        ("employee", Arc::new(StringArray::from(vec!["a"]))),
        ("target", Arc::new(Int64Array::from(vec![1]))),
        ("actual", Arc::new(arrow_array::Date32Array::from(vec![19000]))),
    ]);
    let e = canonicalise(&dates, &ReadOptions::default(), TableKind::Indicators).unwrap_err().to_string();
    assert!(e.contains("actual") && e.contains("Date32"), "{e}");
}

/// An all-null dictionary column (a pandas categorical of only NaN has no categories): every
/// cell is missing, read as such — a located problem where a value is required, never a
/// panic on the empty dictionary.
#[test]
fn an_all_null_dictionary_column_is_read_as_missing_cells() {
    use arrow_array::DictionaryArray;
    use arrow_array::types::Int8Type;
    let empty: DictionaryArray<Int8Type> = vec![None::<&str>, None].into_iter().collect();
    assert_eq!(empty.values().len(), 0);
    let b = batch(vec![
        ("employee", Arc::new(StringArray::from(vec!["a", "b"]))),
        ("work_result", Arc::new(empty.clone())),
        ("behaviour", Arc::new(empty)),
    ]);
    let t = canonicalise(&b, &ReadOptions::default(), TableKind::Employees).unwrap();
    assert_eq!((t.text("work_result", 0), t.text("behaviour", 1)), (None, None));
    assert_eq!(t.text("employee", 1), Some("b"));
}

/// Word and period columns are read once per spelling: past the number of spellings kept,
/// in a repeated run and around a refused cell, every cell still gets its own value or its
/// own located problem.
#[test]
fn many_spellings_of_a_word_each_read_or_refused() {
    let n = 5000;
    let mut words: Vec<String> = (0..n).map(|k| format!("m{}eets", " ".repeat(k))).collect();
    words[4500] = "meetz".into();
    words[4501] = "above".into();
    words[4502] = "above".into();
    words[10] = "meetz".into();
    let ids: Vec<String> = (0..n).map(|k| format!("e{k}")).collect();
    let b = batch(vec![
        ("employee", Arc::new(StringArray::from(ids)) as ArrayRef),
        ("target", Arc::new(Int64Array::from(vec![1; n]))),
        ("actual", Arc::new(Int64Array::from(vec![1; n]))),
        ("work_result", Arc::new(StringArray::from(words))),
        ("period", Arc::new(StringArray::from(vec!["Triwulan I 2024"; n]))),
    ]);
    let options = ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() };
    let t = canonicalise(&b, &options, TableKind::Indicators).unwrap();
    let refused: Vec<u64> = t.problems.iter().map(|p| p.row.unwrap()).collect();
    assert_eq!(refused, vec![11, 4501], "{:?}", t.problems);
    assert!(t.problems.iter().all(|p| p.column.as_deref() == Some("work_result")));
    for k in (0..n).filter(|k| ![10, 4500, 4501, 4502].contains(k)) {
        assert_eq!(t.text("work_result", k), Some("meets"), "row {k}");
    }
    assert_eq!(t.text("work_result", 4501), Some("above"));
    assert_eq!(t.text("work_result", 4502), Some("above"));
    assert_eq!(t.text("work_result", 4500), None);
    assert_eq!(t.text("period", n - 1), Some("2024-Q1"));
}

#[test]
fn word_columns_are_dictionaries_of_their_vocabulary_and_can_be_had_as_text() {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    use arrow_schema::DataType;
    let t = canonical();
    let dict = DataType::Dictionary(Box::new(DataType::Int8), Box::new(DataType::Utf8));
    for c in ["post_type", "work_result", "behaviour"] {
        assert_eq!(t.batch.column_by_name(c).unwrap().data_type(), &dict, "{c}");
    }
    let text = t.with_text_words().unwrap();
    let behaviour = text.column_by_name("behaviour").unwrap().as_string::<i32>();
    assert_eq!(behaviour.value(0), "above");
    assert_eq!(text.schema().field_with_name("behaviour").unwrap().data_type(), &DataType::Utf8);
    for (i, c) in text.columns().iter().enumerate() {
        assert!(!matches!(c.data_type(), DataType::Dictionary(..)), "{}", text.schema().field(i).name());
        assert_eq!(c.len(), t.num_rows());
    }
    // the same words either way, row by row
    for r in 0..t.num_rows() {
        assert_eq!(t.text("behaviour", r), behaviour.is_valid(r).then(|| behaviour.value(r)));
    }
}

/// `Defer` marks every refused row as `Collect` does and reads the same table, but words
/// only the table's first problem (the one `Raise` raises): a file with a bad cell on each
/// of its rows holds one message, not one a row.
#[test]
fn defer_marks_every_bad_row_and_words_only_the_first() {
    let mut csv = String::from("NIP,Indikator,Target,Realisasi,Perilaku\n1,a,10,5,meets\n");
    for k in 2..=400 {
        // a bad target on every other row, an empty NIP on every third, a bad word on each
        // fifth; row 1 is good
        let target = if k % 2 == 0 { "x" } else { "10" };
        let nip = if k % 3 == 0 { String::new() } else { k.to_string() };
        let word = if k % 5 == 0 { "hebat" } else { "meets" };
        csv.push_str(&format!("{nip},a,{target},5,{word}\n"));
    }
    let read = |on_error| {
        let options = ReadOptions { on_error, ..ReadOptions::default() };
        read_bytes(csv.as_bytes(), FileFormat::Csv, &options, TableKind::Indicators)
    };
    let collected = read(OnError::Collect).unwrap();
    let deferred = read(OnError::Defer).unwrap();
    assert_eq!(deferred.row_valid, collected.row_valid);
    assert_eq!(deferred.batch, collected.batch);
    let bad = (2..=400).filter(|k| k % 2 == 0 || k % 3 == 0 || k % 5 == 0).count();
    assert_eq!(collected.row_valid.iter().filter(|v| !**v).count(), bad);
    assert!(collected.problems.len() > bad, "{} problems", collected.problems.len());
    assert_eq!(deferred.problems, collected.problems[..1]);
    // a row with an empty NIP and an unreadable target has both problems
    let row6: Vec<_> =
        collected.problems.iter().filter(|p| p.row == Some(6)).map(|p| p.column.as_deref()).collect();
    assert_eq!(row6, [Some("employee"), Some("target")]);
    // and so has every row with an empty NIP, whatever else is wrong with it
    let empty_ids = collected.problems.iter().filter(|p| p.column.as_deref() == Some("employee")).count();
    assert_eq!(empty_ids, 133);
    assert_eq!((deferred.problems[0].row, deferred.problems[0].column.as_deref()), (Some(2), Some("target")));
    let Err(ReadError::Problem(raised)) = read(OnError::Raise) else { panic!("row 2 is bad") };
    assert_eq!(*raised, collected.problems[0]);
    // the first problem of the column read first (the ids) is not always the first: row 3's
    // empty NIP comes after row 2's target
    let ids_only = csv.replace(",x,", ",10,").replace("hebat", "meets");
    let options = ReadOptions { on_error: OnError::Defer, ..ReadOptions::default() };
    let t = read_bytes(ids_only.as_bytes(), FileFormat::Csv, &options, TableKind::Indicators).unwrap();
    assert_eq!(t.problems.len(), 1);
    assert_eq!((t.problems[0].row, t.problems[0].column.as_deref()), (Some(3), Some("employee")));
    assert_eq!(t.row_valid.iter().filter(|v| !**v).count(), 133);
}

/// A unit row's own id is the unit: an empty one is a problem of its row, in each mode.
#[test]
fn an_empty_unit_id_is_a_problem_of_its_row() {
    let csv = b"unit,org_predicate\n,good\nu1,good\n,good\n";
    for on_error in [OnError::Collect, OnError::Defer] {
        let options = ReadOptions { on_error, ..ReadOptions::default() };
        let t = read_bytes(csv, FileFormat::Csv, &options, TableKind::Units).unwrap();
        assert_eq!(t.row_valid, [false, true, false]);
        assert!(t.problems[0].message.contains("the unit id (Unit Kerja) is empty"), "{}", t.problems[0]);
        assert_eq!(t.problems.len(), if on_error == OnError::Collect { 2 } else { 1 });
    }
}
