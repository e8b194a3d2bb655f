//! Hostile input by class: junk cells, huge numbers, empty and NaN cells, lone delimiters,
//! byte-order marks, CRLF, other encodings, broken files, endless files and size limits.
//! Every case is a located error or a documented reading, never a guess or a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::batch::OnError;
use kinerja_table::read::{FileFormat, ReadError, ReadOptions, ReadTable, read_bytes, read_path};
use kinerja_table::schema::TableKind;

fn read(csv: &str, options: &ReadOptions) -> Result<ReadTable, ReadError> {
    read_bytes(csv.as_bytes(), FileFormat::Csv, options, TableKind::Indicators)
}

fn collect() -> ReadOptions {
    ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() }
}

/// One indicator row with `actual` set to `cell`; the problem (if any) and the value.
fn actual(cell: &str) -> (Option<String>, Option<String>) {
    let quoted = format!("\"{}\"", cell.replace('"', "\"\""));
    let t = read(&format!("employee,target,actual\n1,100,{quoted}\n"), &collect()).unwrap();
    (t.problems.first().map(|p| p.message.clone()), t.decimal("actual", 0).map(|d| d.to_string()))
}

#[test]
fn junk_cells_are_located_problems() {
    for junk in ["abc", "12abc", "1 2", "0x1F", "--5", "1e3", "Rp", "%", ";", ".", ",", "\u{0}", "😀", "١٢"]
    {
        let (problem, value) = actual(junk);
        assert!(
            problem.is_some_and(|m| m.contains("not a number") || m.contains("scientific notation")),
            "{junk:?}"
        );
        assert_eq!(value, None, "{junk:?}");
    }
    let t = read("employee,target,actual\n1,100,abc\n", &ReadOptions::default());
    let Err(ReadError::Problem(p)) = t else { panic!("{t:?}") };
    assert_eq!((p.row, p.column.as_deref(), p.value.as_deref()), (Some(1), Some("actual"), Some("abc")));
    assert_eq!(p.employee.as_deref(), Some("1"));
    assert!(p.to_string().starts_with("indicators row 1, column `actual`, value \"abc\""), "{p}");
}

#[test]
fn huge_and_tiny_numbers_say_the_limit() {
    let (m, _) = actual("123456789012345678901");
    assert!(m.unwrap().contains("maximum 99999999999999999999"));
    let (m, _) = actual(&"9".repeat(400));
    assert!(m.unwrap().contains("too large"));
    let (m, _) = actual("0.0000000000000000001");
    assert!(m.unwrap().contains("18 digits"));
    assert_eq!(actual("99999999999999999999").1.as_deref(), Some("99999999999999999999"));
    assert_eq!(actual("-0.000000000000000001").1.as_deref(), Some("-0.000000000000000001"));
}

#[test]
fn empty_and_nan_cells() {
    assert_eq!(actual(""), (None, None));
    assert_eq!(actual("   "), (None, None));
    for nan in ["NaN", "nan", "inf", "-inf", "Infinity"] {
        let (m, v) = actual(nan);
        assert!(m.unwrap().contains("leave the cell empty"), "{nan}");
        assert_eq!(v, None);
    }
    // an empty NIP is a problem of its own
    let t = read("employee,target,actual\n,100,90\n", &collect()).unwrap();
    assert!(t.problems[0].message.contains("employee id (NIP) is empty"), "{}", t.problems[0]);
}

#[test]
fn lone_delimiters_and_blank_rows() {
    // a row of delimiters only is a blank row, skipped (source rows keep their numbers)
    let t = read("employee;target;actual\n;;\n1;100;90\n\n;;\n", &ReadOptions::default()).unwrap();
    assert_eq!(t.num_rows(), 1);
    assert_eq!(t.source_rows, vec![2]);
    // a lone delimiter on a row of three columns is a short row: an error naming the line
    let e = read("employee;target;actual\n;\n", &ReadOptions::default()).unwrap_err().to_string();
    assert!(e.contains("line 2") && e.contains("has 2 fields but the header has 3"), "{e}");
    // a delimiter inside quotes is text
    let t = read("employee;target;actual;name\n1;100;90;\"a;b\"\n", &ReadOptions::default()).unwrap();
    assert_eq!(t.text("name", 0), Some("a;b"));
}

#[test]
fn bom_crlf_and_encodings() {
    let t =
        read("\u{feff}NIP;Target;Realisasi\r\n1;100;90\r\n2;100;95\r\n", &ReadOptions::default()).unwrap();
    assert_eq!(t.text("employee", 1), Some("2"));
    assert_eq!(t.decimal("actual", 1).unwrap().to_string(), "95");
    let latin = b"NIP;Nama;Target;Realisasi\n1;Jos\xe9;100;90\n";
    let e = read_bytes(latin, FileFormat::Csv, &ReadOptions::default(), TableKind::Indicators).unwrap_err();
    assert!(e.to_string().contains("byte offset 31"), "{e}");
    let opts = ReadOptions { encoding: Some("windows-1252".into()), ..ReadOptions::default() };
    let t = read_bytes(latin, FileFormat::Csv, &opts, TableKind::Indicators).unwrap();
    assert_eq!(t.text("name", 0), Some("José"));
    // a given delimiter wins over detection
    let opts = ReadOptions { delimiter: Some(b'|'), ..ReadOptions::default() };
    let t = read("NIP|Target|Realisasi\n1|100|9,5\n", &opts);
    assert!(matches!(t, Err(ReadError::Problem(_))), "{t:?}");
}

#[test]
fn broken_and_empty_files() {
    let e = read("", &ReadOptions::default()).unwrap_err().to_string();
    assert!(e.contains("no header"), "{e}");
    let t = read("NIP,Target,Realisasi\n", &ReadOptions::default()).unwrap();
    assert_eq!(t.num_rows(), 0);
    for format in [FileFormat::Xlsx, FileFormat::Parquet] {
        let e = read_bytes(b"NIP,Target\n1,2\n", format, &ReadOptions::default(), TableKind::Indicators);
        assert!(matches!(e, Err(ReadError::Format { .. })), "{format:?}: {e:?}");
    }
    let e = read("a;b,c\n1;2,3\n", &ReadOptions::default()).unwrap_err().to_string();
    assert!(e.contains("delimiter"), "{e}");
}

/// A Parquet file whose embedded Arrow schema the `arrow-ipc` decoder panics on (found by the
/// fuzz target `table_parquet`; the file is the fuzzer's input without its first, options
/// byte): a damaged file, reported as such, never a panic of the caller.
#[test]
fn a_file_the_decoder_panics_on_is_a_damaged_file() {
    let path =
        concat!(env!("CARGO_MANIFEST_DIR"), "/../testdata/fuzz/table_parquet/arrow_schema_int_overflow");
    let bytes = std::fs::read(path).unwrap();
    let e = read_bytes(&bytes[1..], FileFormat::Parquet, &ReadOptions::default(), TableKind::Indicators);
    let Err(ReadError::Format { path, reason }) = e else { panic!("{e:?}") };
    assert_eq!(path, "<bytes>");
    assert!(reason.starts_with("the Parquet reader failed on it ("), "{reason}");
    assert!(reason.ends_with("): the file is damaged; export it again"), "{reason}");
}

/// An Arrow batch of null columns may claim any number of rows without a byte of data (an
/// IPC body of 2 KiB claimed 2^59, found by the fuzz target `arrow_stream`): the row limit is
/// checked before anything per row is made, which aborted the process on the allocation.
#[test]
fn a_batch_claiming_more_rows_than_the_limit_is_refused_before_reading() {
    use std::sync::Arc;
    let nulls = || Arc::new(arrow_array::NullArray::new(1 << 40)) as arrow_array::ArrayRef;
    let batch = arrow_array::RecordBatch::try_from_iter([
        ("employee", nulls()),
        ("target", nulls()),
        ("actual", nulls()),
    ])
    .unwrap();
    let e = kinerja_table::read::canonicalise(&batch, &ReadOptions::default(), TableKind::Indicators);
    let Err(ReadError::TooLarge(m)) = e else { panic!("{e:?}") };
    assert_eq!(m, "the indicators table has 1099511627776 rows, more than the limit of 20000000");
}

#[test]
fn paths_limits_and_endless_files() {
    let dir = std::env::temp_dir();
    let e =
        read_path(&dir.join("x.csv").with_extension("xls"), &ReadOptions::default(), TableKind::Indicators);
    assert!(e.unwrap_err().to_string().contains(".xlsx"));
    let e = read_path(
        &dir,
        &ReadOptions { format: Some(FileFormat::Csv), ..ReadOptions::default() },
        TableKind::Indicators,
    );
    assert!(e.unwrap_err().to_string().contains("directory"));
    let e = read_path(&dir.join("no-such-kinerja.csv"), &ReadOptions::default(), TableKind::Indicators);
    assert!(matches!(e, Err(ReadError::Io { .. })));
    let small = ReadOptions { max_bytes: 1000, format: Some(FileFormat::Csv), ..ReadOptions::default() };
    let e = read_path(std::path::Path::new("/dev/zero"), &small, TableKind::Indicators).unwrap_err();
    assert!(e.to_string().contains("limit of 1000 bytes"), "{e}");
    let few = ReadOptions { max_rows: 2, ..ReadOptions::default() };
    let e = read("NIP,Target,Realisasi\n1,1,1\n2,2,2\n3,3,3\n", &few).unwrap_err().to_string();
    assert!(e.contains("more than 2 data rows"), "{e}");
}

#[test]
fn words_periods_and_flags_list_what_is_accepted() {
    let csv = "NIP,Target,Realisasi,Polaritas,Periode,Kepala Unit,Jenis RHK\n\
               1,1,1,menurun,Semester I 2024,ya,tambahan\n\
               2,1,1,sideways,Kuartal 1 2024,kepala,addtional\n";
    let t = read(csv, &collect()).unwrap();
    assert_eq!(t.text("polarity", 0), Some("lower_is_better"));
    assert_eq!(t.text("period", 0), Some("2024-S1"));
    assert_eq!(t.text("result_kind", 0), Some("additional"));
    assert_eq!(t.row_valid, vec![true, false]);
    let by_col =
        |c: &str| t.problems.iter().find(|p| p.column.as_deref() == Some(c)).unwrap().message.clone();
    assert!(by_col("polarity").contains("turun"), "{}", by_col("polarity"));
    assert!(by_col("period").contains("Triwulan II 2024"), "{}", by_col("period"));
    assert!(by_col("unit_head").contains("ya, yes, benar"), "{}", by_col("unit_head"));
    assert!(by_col("result_kind").contains("additional (Tambahan)"), "{}", by_col("result_kind"));
    assert_eq!(t.problems.len(), 4);
}

#[test]
fn ids_rounded_by_a_float_are_refused() {
    for bad in ["1.98701E+17", "1,98701E+17", "198701012010011008.0"] {
        let t = read(&format!("employee;target;actual\n{bad};1;1\n"), &collect()).unwrap();
        assert!(t.problems[0].message.contains("id written as a float"), "{bad}: {}", t.problems[0]);
    }
    let t = read("employee;unit;target;actual\nE-1.0;U.1;1;1\n", &ReadOptions::default()).unwrap();
    assert_eq!((t.text("employee", 0), t.text("unit", 0)), (Some("E-1.0"), Some("U.1")));
}

#[test]
fn types_are_declared_not_inferred_and_text_numbers_stay_exact() {
    // 5000 integral rows, then a decimal one: nothing was inferred from the first block
    let mut csv = String::from("employee,target,actual\n");
    for i in 0..5000 {
        csv.push_str(&format!("{i},100,90\n"));
    }
    csv.push_str("x,100,92.5\n");
    csv.push_str("y,100,100.000000000000000001\n");
    let t = read(&csv, &ReadOptions::default()).unwrap();
    assert_eq!(t.decimal("actual", 5000).unwrap().normalize().to_string(), "92.5");
    // 21 significant digits, exact (a float64 would give 100)
    assert_eq!(t.decimal("actual", 5001).unwrap().to_string(), "100.000000000000000001");
    assert_eq!(t.text("employee", 0), Some("0"));
}
