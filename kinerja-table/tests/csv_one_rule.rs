//! One CSV rule: a table written whole and the same table written batch by batch (as
//! `kinerja score` streams a file) give the same bytes, for values that need quoting.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use arrow_array::RecordBatch;
use common::*;
use kinerja_table::write::{CsvOptions, CsvWriter, write_csv, write_csv_to};

fn hostile() -> RecordBatch {
    batch(vec![
        (
            "employee",
            text(&[
                Some("1987"),
                Some("Budi, S.Kom"),
                Some("say \"hi\""),
                Some("two\nlines"),
                Some("cr\r"),
                Some(" lead"),
                Some("trail "),
                Some("a;b"),
                Some("Nyoman Ayu Pradnyaswari ÑÜ 雅"),
                None,
                Some(""),
            ]),
        ),
        (
            "score, %",
            dec(
                &[
                    Some("90"),
                    Some("-1.5"),
                    None,
                    Some("0"),
                    Some("1"),
                    Some("2"),
                    Some("3"),
                    Some("4"),
                    Some("5"),
                    Some("6"),
                    Some("7"),
                ],
                2,
            ),
        ),
        (
            "ok",
            flags(&[
                Some(true),
                Some(false),
                None,
                Some(true),
                Some(true),
                Some(true),
                Some(true),
                Some(true),
                Some(true),
                Some(true),
                Some(true),
            ]),
        ),
    ])
}

fn streamed(b: &RecordBatch, cut: usize, options: CsvOptions) -> Vec<u8> {
    let mut w = CsvWriter::new(Vec::new(), options);
    let mut start = 0;
    while start < b.num_rows() {
        let len = cut.min(b.num_rows() - start);
        w.write(&b.slice(start, len)).unwrap();
        start += len;
    }
    w.finish().unwrap()
}

#[test]
fn streamed_and_whole_give_the_same_bytes() {
    let b = hostile();
    for delimiter in [b',', b';', b'\t'] {
        let options = CsvOptions { delimiter };
        let mut whole = Vec::new();
        write_csv_to(&b, &mut whole, &options).unwrap();
        for cut in 1..=b.num_rows() {
            assert_eq!(streamed(&b, cut, options), whole, "cut {cut}, delimiter {delimiter}");
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_csv(&b, &path, &options).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), whole);
    }
}

#[test]
fn the_quoting_rule() {
    let mut out = Vec::new();
    write_csv_to(&hostile(), &mut out, &CsvOptions::default()).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(
        text,
        "employee,\"score, %\",ok\n\
         1987,90.00,true\n\
         \"Budi, S.Kom\",-1.50,false\n\
         \"say \"\"hi\"\"\",,\n\
         \"two\nlines\",0.00,true\n\
         \"cr\r\",1.00,true\n\
         \" lead\",2.00,true\n\
         \"trail \",3.00,true\n\
         a;b,4.00,true\n\
         Nyoman Ayu Pradnyaswari ÑÜ 雅,5.00,true\n\
         ,6.00,true\n\
         ,7.00,true\n"
    );
    let mut semi = Vec::new();
    write_csv_to(&hostile().slice(7, 1), &mut semi, &CsvOptions { delimiter: b';' }).unwrap();
    assert_eq!(String::from_utf8(semi).unwrap(), "employee;score, %;ok\n\"a;b\";4.00;true\n");
}

/// A batch whose columns are not the file's is refused, nothing of it written.
#[test]
fn another_tables_batch_is_refused() {
    let b = hostile();
    let mut w = CsvWriter::new(Vec::new(), CsvOptions::default());
    w.write(&b.slice(0, 1)).unwrap();
    let other = batch(vec![("unit", words(&["u1"]))]);
    let e = w.write(&other).unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidInput);
    assert_eq!(w.finish().unwrap(), b"employee,\"score, %\",ok\n1987,90.00,true\n");
}

/// A delimiter that occurs in numbers or in `true`/`false` (which only the Rust API takes:
/// `delimiter_of` refuses it) quotes the cells it occurs in, numbers included, so that every
/// line still splits into its cells; the streamed writer agrees.
#[test]
fn a_delimiter_inside_numbers_quotes_them() {
    // the third row's number and flag are missing: still empty fields
    let b = hostile().slice(0, 3);
    let cases: [(u8, &str); 3] = [
        (
            b'.',
            "employee.score, %.ok\n1987.\"90.00\".true\n\"Budi, S.Kom\".\"-1.50\".false\n\"say \"\"hi\"\"\"..\n",
        ),
        (b'-', "employee-score, %-ok\n1987-90.00-true\nBudi, S.Kom-\"-1.50\"-false\n\"say \"\"hi\"\"\"--\n"),
        (
            b'e',
            "\"employee\"e\"score, %\"eok\n1987e90.00e\"true\"\nBudi, S.Kome-1.50e\"false\"\n\"say \"\"hi\"\"\"ee\n",
        ),
    ];
    for (delimiter, expected) in cases {
        let options = CsvOptions { delimiter };
        let mut whole = Vec::new();
        write_csv_to(&b, &mut whole, &options).unwrap();
        assert_eq!(String::from_utf8(whole.clone()).unwrap(), expected, "delimiter {}", delimiter as char);
        assert_eq!(streamed(&b, 1, options), whole);
        assert_eq!(kinerja_table::read::delimiter_of(&(delimiter as char).to_string()), None);
    }
}
