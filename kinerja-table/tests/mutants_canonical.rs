//! The typed step cell by cell (`kinerja-table/src/canonical/mod.rs`), where mutation testing
//! found no test: Arrow decimals of a negative or a wide scale, years, flags, word codes and
//! periods written as numbers, ids that only look like floats, the spellings kept per column,
//! the order columns are read and written in.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::UInt16Type;
use arrow_array::{
    Array, ArrayRef, Date32Array, Decimal128Array, Float32Array, Float64Array, Int64Array, RecordBatch,
    StringArray,
};
use arrow_schema::{Field, Schema};
use kinerja_core::batch::OnError;
use kinerja_table::read::{FileFormat, ReadOptions, ReadTable, canonicalise, read_bytes};
use kinerja_table::schema::TableKind;
use kinerja_table::words::{WordKind, parse_flag};

fn batch(columns: Vec<(&str, ArrayRef)>) -> RecordBatch {
    let fields: Vec<Field> =
        columns.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), columns.into_iter().map(|(_, a)| a).collect())
        .unwrap()
}

fn collect() -> ReadOptions {
    ReadOptions { on_error: OnError::Collect, ..ReadOptions::default() }
}

/// `columns` read as a table of `kind`, every problem collected.
fn read(columns: Vec<(&str, ArrayRef)>, kind: TableKind) -> ReadTable {
    canonicalise(&batch(columns), &collect(), kind).unwrap()
}

/// Each problem as (row, column, value, message).
fn problems(t: &ReadTable) -> Vec<(u64, String, String, String)> {
    t.problems
        .iter()
        .map(|p| {
            (
                p.row.unwrap(),
                p.column.clone().unwrap_or_default(),
                p.value.clone().unwrap_or_default(),
                p.message.clone(),
            )
        })
        .collect()
}

fn ids(n: usize) -> ArrayRef {
    Arc::new(StringArray::from((0..n).map(|k| format!("e{k}")).collect::<Vec<_>>()))
}

/// An indicator table whose `target` is `target` (one row per value), every `actual` 1.
fn targets(target: ArrayRef) -> ReadTable {
    let n = target.len();
    read(
        vec![("employee", ids(n)), ("target", target), ("actual", Arc::new(Int64Array::from(vec![1; n])))],
        TableKind::Indicators,
    )
}

fn decimals(values: Vec<Option<i128>>, precision: u8, scale: i8) -> ArrayRef {
    Arc::new(Decimal128Array::from(values).with_precision_and_scale(precision, scale).unwrap())
}

fn too_precise(text: &str) -> String {
    format!("`{text}` has more than 18 digits after the decimal separator; round it")
}

fn too_large(text: &str) -> String {
    format!(
        "`{text}` is too large: at most 20 digits before the decimal separator and 28 significant digits in \
         all (maximum 99999999999999999999)"
    )
}

/// A `decimal128` of a negative scale holds whole numbers: 12 at scale −2 is 1200.
#[test]
fn a_negative_scale_multiplies() {
    let t = targets(decimals(vec![Some(12), Some(-3), None], 5, -2));
    assert_eq!(t.decimal("target", 0).unwrap().to_string(), "1200");
    assert_eq!(t.decimal("target", 1).unwrap().to_string(), "-300");
    assert_eq!(t.decimal("target", 2), None);
    assert!(t.problems.is_empty() && t.row_valid == [true, true, true], "{:?}", t.problems);
    // past 128 bits once multiplied: too large, the cell shown with its exponent
    let t = targets(decimals(vec![Some(10i128.pow(30))], 38, -10));
    let want = too_large("1000000000000000000000000000000e10");
    assert_eq!(problems(&t), [(1, "target".into(), "1000000000000000000000000000000e10".into(), want)]);
}

/// A `decimal128` wider than a `Decimal` holds (more than 28 places, or a mantissa past 96
/// bits) reads as its text would: trailing zeros are no digits (1.5 at 30 places is 1.5, 10
/// at 28 places is 10), and a value the text reader refuses is refused for the same reason —
/// more than 18 significant places is too precise, else too large.
#[test]
fn wide_decimals_read_as_their_text_would() {
    let t = targets(decimals(vec![Some(15 * 10i128.pow(29)), Some(1), Some(10i128.pow(31) + 1)], 38, 30));
    assert_eq!(t.decimal("target", 0).unwrap().to_string(), "1.5");
    assert_eq!(
        problems(&t),
        [
            (2, "target".into(), "1e-30".into(), too_precise("1e-30")),
            (
                3,
                "target".into(),
                "10000000000000000000000000000001e-30".into(),
                too_precise("10000000000000000000000000000001e-30")
            ),
        ]
    );
    let tens = vec![Some(10i128.pow(29)), Some(10i128.pow(28) + 1), Some(10i128.pow(29) + 1)];
    let t = targets(decimals(tens, 38, 28));
    assert_eq!(t.decimal("target", 0).unwrap().to_string(), "10");
    let fine = "1.0000000000000000000000000001";
    let wide = "100000000000000000000000000001e-28";
    assert_eq!(
        problems(&t),
        [
            (2, "target".into(), fine.into(), too_precise(fine)),
            (3, "target".into(), wide.into(), too_precise(wide)),
        ]
    );
    // 27 integer digits: too large, as its text `1000000000000000000000000000.0000000001` is;
    // so are 30 digits at exactly 18 places, and 31 at none (no zero to drop below 0 places)
    let big = "10000000000000000000000000000000000001e-10";
    let t = targets(decimals(vec![Some(10i128.pow(37) + 1)], 38, 10));
    assert_eq!(problems(&t), [(1, "target".into(), big.into(), too_large(big))]);
    let at_18 = "100000000000000000000000000001e-18";
    let t = targets(decimals(vec![Some(10i128.pow(29) + 1)], 38, 18));
    assert_eq!(problems(&t), [(1, "target".into(), at_18.into(), too_large(at_18))]);
    let whole = "1000000000000000000000000000000e0";
    let t = targets(decimals(vec![Some(10i128.pow(30))], 38, 0));
    assert_eq!(problems(&t), [(1, "target".into(), whole.into(), too_large(whole))]);
    let text = "employee,target,actual\na,1000000000000000000000000000.0000000001,1\n\
                b,1.500000000000000000000000000000,1\nc,100000000000.000000000000000001,1\n";
    let t = read_bytes(text.as_bytes(), FileFormat::Csv, &collect(), TableKind::Indicators).unwrap();
    assert_eq!(t.problems.len(), 2, "{:?}", t.problems);
    assert!(t.problems.iter().all(|p| p.message.contains("is too large")), "{:?}", t.problems);
    assert_eq!(t.decimal("target", 1).unwrap().normalize().to_string(), "1.5");
}

fn years(t: &ReadTable) -> Vec<Option<u16>> {
    t.batch.column_by_name("year").unwrap().as_primitive::<UInt16Type>().iter().collect()
}

fn not_a_year(text: &str) -> String {
    format!("`{text}` is not a year: write four digits, 1900 to 2999")
}

/// Years as integers, floats and text: a whole float is a year, a fraction is not; text must
/// be four digits (spaces around them aside).
#[test]
fn years_of_every_cell_kind() {
    let employees =
        |year: ArrayRef| read(vec![("employee", ids(year.len())), ("year", year)], TableKind::Employees);
    let t = employees(Arc::new(Int64Array::from(vec![Some(2024), None, Some(1899), Some(3000)])));
    assert_eq!(years(&t), [Some(2024), None, None, None]);
    assert_eq!(
        problems(&t),
        [
            (3, "year".into(), "1899".into(), not_a_year("1899")),
            (4, "year".into(), "3000".into(), not_a_year("3000")),
        ]
    );
    let t = employees(Arc::new(Float64Array::from(vec![2024.0, 2024.5, f64::NAN, 1e16])));
    assert_eq!(years(&t), [Some(2024), None, None, None]);
    assert_eq!(t.row_valid, [true, false, true, false]);
    assert_eq!(
        problems(&t),
        [
            (2, "year".into(), "2024.5".into(), not_a_year("2024.5")),
            (4, "year".into(), "10000000000000000".into(), not_a_year("10000000000000000")),
        ]
    );
    let text = vec!["2024", " 2025 ", "02024", "+2024", "2024.0", "abcd"];
    let t = employees(Arc::new(StringArray::from(text)));
    assert_eq!(years(&t), [Some(2024), Some(2025), None, None, None, None]);
    let refused: Vec<u64> = problems(&t).iter().map(|p| p.0).collect();
    assert_eq!(refused, [3, 4, 5, 6]);
    assert_eq!(problems(&t)[0].3, not_a_year("02024"));
}

/// Flags as floats: 1 and 0 are the words `1` and `0`; another float is refused with the
/// text it is shown as (a `float32` 0.1 is `0.1`, not its double's digits).
#[test]
fn flags_as_floats() {
    let flags: ArrayRef = Arc::new(Float32Array::from(vec![Some(1.0), Some(0.0), Some(0.1), None]));
    let t = read(vec![("employee", ids(4)), ("unit_head", flags)], TableKind::Employees);
    let read: Vec<Option<bool>> = t.batch.column_by_name("unit_head").unwrap().as_boolean().iter().collect();
    assert_eq!(read, [Some(true), Some(false), None, None]);
    let want = parse_flag("unit_head", "0.1").unwrap_err();
    assert_eq!(problems(&t), [(3, "unit_head".into(), "0.1".into(), want)]);
}

/// Word codes as floats: a whole float is a code, NaN is empty, a fraction and a float too
/// large to be whole are read as the spellings they are shown as (and refused as such).
#[test]
fn word_codes_as_floats() {
    let codes: ArrayRef = Arc::new(Float64Array::from(vec![2.0, 0.0, f64::NAN, 1.5, 9.0e15, 5.0]));
    let t = read(vec![("employee", ids(6)), ("work_result", codes)], TableKind::Employees);
    let words: Vec<Option<&str>> = (0..6).map(|r| t.text("work_result", r)).collect();
    assert_eq!(words, [Some("above"), Some("below"), None, None, None, None]);
    assert_eq!(t.row_valid, [true, true, true, false, false, false]);
    let rating = |text: &str| WordKind::Rating.parse(text).unwrap_err();
    assert_eq!(
        problems(&t),
        [
            (4, "work_result".into(), "1.5".into(), rating("1.5")),
            (5, "work_result".into(), "9000000000000000".into(), rating("9000000000000000")),
            (6, "work_result".into(), "5".into(), WordKind::Rating.from_code(5).unwrap_err()),
        ]
    );
    assert!(rating("1.5").contains("meets"), "{}", rating("1.5"));
}

/// Periods as floats: a whole float is a year's period, a fraction is no period.
#[test]
fn periods_as_floats() {
    let periods: ArrayRef = Arc::new(Float64Array::from(vec![2024.0, 2024.5, f64::NAN]));
    let t = read(
        vec![
            ("employee", ids(3)),
            ("target", Arc::new(Int64Array::from(vec![1; 3]))),
            ("actual", Arc::new(Int64Array::from(vec![1; 3]))),
            ("period", periods),
        ],
        TableKind::Indicators,
    );
    assert_eq!((t.text("period", 0), t.text("period", 1), t.text("period", 2)), (Some("2024"), None, None));
    assert_eq!(problems(&t), [(2, "period".into(), "2024.5".into(), "`2024.5` is not a period".into())]);
}

/// The spellings of a period column are read once each: a spelling met again after others
/// gets its own value back, not another spelling's.
#[test]
fn spellings_met_again_keep_their_own_value() {
    let spelled =
        vec!["2024-Q1", "Triwulan II 2024", "2024-Q3", "2024-Q1", "Triwulan II 2024", "2024-Q3", "2024-Q1"];
    let n = spelled.len();
    let t = read(
        vec![
            ("employee", ids(n)),
            ("target", Arc::new(Int64Array::from(vec![1; n]))),
            ("actual", Arc::new(Int64Array::from(vec![1; n]))),
            ("period", Arc::new(StringArray::from(spelled))),
        ],
        TableKind::Indicators,
    );
    let got: Vec<Option<&str>> = (0..n).map(|r| t.text("period", r)).collect();
    let q = |k: u8| Some(["2024-Q1", "2024-Q2", "2024-Q3"][usize::from(k)]);
    assert_eq!(got, [q(0), q(1), q(2), q(0), q(1), q(2), q(0)]);
}

/// Ids that hold a dot or an `E` but are not what a float makes of a long id are kept as
/// written; a 16-digit id with a `.0` tail is refused, once (not also as an empty id).
#[test]
fn ids_that_only_look_like_floats() {
    let written = vec!["12.0", "E01", "12E", "1234567890123456.0", "123456789012345.0", "1.5E"];
    let n = written.len();
    let t = read(
        vec![
            ("employee", Arc::new(StringArray::from(written.clone()))),
            ("target", Arc::new(Int64Array::from(vec![1; n]))),
            ("actual", Arc::new(Int64Array::from(vec![1; n]))),
        ],
        TableKind::Indicators,
    );
    for r in [0, 1, 2, 4, 5] {
        assert_eq!(t.text("employee", r), Some(written[r]), "row {r}");
    }
    assert_eq!(t.text("employee", 3), None);
    assert_eq!(t.row_valid, [true, true, true, false, true, true]);
    let p = problems(&t);
    assert_eq!(p.len(), 1, "{p:?}");
    assert_eq!((p[0].0, p[0].1.as_str(), p[0].2.as_str()), (4, "employee", "1234567890123456.0"));
    assert!(p[0].3.starts_with("`1234567890123456.0` is an id written as a float"), "{}", p[0].3);
}

/// Columns are mapped id columns first and written in canonical order, whatever the order of
/// the headers; the id column refused as a whole is the error before any other column's.
#[test]
fn ids_first_and_canonical_order() {
    let csv = "Realisasi,Target,Indikator,NIP\n1,2,i,a\n";
    let t =
        read_bytes(csv.as_bytes(), FileFormat::Csv, &ReadOptions::default(), TableKind::Indicators).unwrap();
    let mapped: Vec<(&str, &str)> = t.columns.iter().map(|(h, c)| (h.as_str(), c.as_str())).collect();
    assert_eq!(
        mapped,
        [("NIP", "employee"), ("Indikator", "indicator"), ("Target", "target"), ("Realisasi", "actual")]
    );
    let schema = t.batch.schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["employee", "indicator", "target", "actual"]);
    // two columns refused as a whole: the NIPs (floats), named first though read last
    let b = batch(vec![
        ("actual", Arc::new(Date32Array::from(vec![19000])) as ArrayRef),
        ("target", Arc::new(Int64Array::from(vec![1]))),
        ("employee", Arc::new(Float64Array::from(vec![1.5]))),
    ]);
    let e = canonicalise(&b, &ReadOptions::default(), TableKind::Indicators).unwrap_err().to_string();
    assert!(e.starts_with("indicators column `employee`: ids are text"), "{e}");
}
