//! Tests for `kinerja-table/src/score/output.rs` (cargo-mutants on the whole file): the
//! problem table's `message` column in the language asked for (in Indonesian each message is
//! worded once per distinct message through kinerja's catalogue and given to every problem
//! with it, an engine error in its own Indonesian wording; in English each problem's message
//! as it stands), and the indicator table's id columns as `Utf8` whatever the input's text type.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use std::sync::Arc;

use arrow_array::{ArrayRef, LargeStringArray, StringViewArray};
use arrow_schema::DataType;
use common::*;
use kinerja_core::Error;
use kinerja_core::error::Location;
use kinerja_core::explain::Lang;
use kinerja_table::problem::Problem;
use kinerja_table::schema::TableKind;
use kinerja_table::score::{Detail, OnError, Origins, ScoreOptions, Tables, score, score_read};

/// Every problem collected, messages in `lang`.
fn collect(lang: Lang) -> ScoreOptions {
    ScoreOptions { on_error: OnError::Collect, lang, ..Default::default() }
}

/// Indicator rows of `a` (fine) and `b` (target 0: an engine error); an employee table whose
/// rows 2 and 4 have no id (one table-layer message, twice).
fn tables() -> (arrow_array::RecordBatch, arrow_array::RecordBatch) {
    let ind = batch(vec![
        ("employee", words(&["a", "b"])),
        ("indicator", words(&["i1", "i1"])),
        ("target", dec(&[Some("100"), Some("0")], 0)),
        ("actual", dec(&[Some("90"), Some("90")], 0)),
    ]);
    let emp = batch(vec![
        ("employee", text(&[Some("a"), None, Some("b"), None])),
        ("behaviour", words(&["meets", "meets", "above", "above"])),
    ]);
    (ind, emp)
}

/// The problem table's `message` column when scored with messages in `lang`.
fn messages(lang: Lang) -> Vec<Option<String>> {
    let (ind, emp) = tables();
    let s = score(&Tables { indicators: &ind, employees: Some(&emp), units: None }, &rules(), &collect(lang))
        .unwrap();
    assert_eq!(strings(&s.problems, "table"), some(&["employees", "employees", "indicators"]));
    strings(&s.problems, "message")
}

/// Indonesian: the two rows without an id share one message, worded for each of them; the
/// zero target is the engine error's own Indonesian wording. One message per problem, and
/// in English the same problems in the words they were written in.
#[test]
fn indonesian_messages_are_worded_for_every_problem() {
    let missing = "id pegawai belum diisi; setiap baris memerlukan NIP-nya";
    let zero = "baris 2, pegawai `b`, indikator `i1`: `target`: target 0, sehingga capaian tidak terdefinisi \
                (atur kebijakan `achievement.zero_target = \"convention\"` untuk memakai konvensi target nol)";
    assert_eq!(messages(Lang::Id), some(&[missing, missing, zero]));
    let missing = "missing employee id; every row needs its NIP";
    let zero = "row 2, employee `b`, indicator `i1`: target: target is 0, so the achievement is undefined \
                (set policy achievement.zero_target = \"convention\" to use the zero-target convention)";
    assert_eq!(messages(Lang::En), some(&[missing, missing, zero]));
}

/// The indicator table's `employee` and `indicator` columns are `Utf8` holding each row's
/// ids whatever text type the input columns have (`LargeUtf8`, `Utf8View`): the schema of a
/// result table does not depend on the input's.
#[test]
fn indicator_id_columns_are_utf8_whatever_the_input_text_type() {
    let large: ArrayRef = Arc::new(LargeStringArray::from(vec!["a", "b", "a"]));
    let view: ArrayRef = Arc::new(StringViewArray::from(vec!["i1", "i1", "i2"]));
    for (employee, indicator) in
        [(large.clone(), words(&["i1", "i1", "i2"])), (words(&["a", "b", "a"]), view.clone())]
    {
        let ind = batch(vec![
            ("employee", employee),
            ("indicator", indicator),
            ("target", dec(&[Some("100"), Some("100"), Some("100")], 0)),
            ("actual", dec(&[Some("90"), Some("120"), Some("100")], 0)),
            ("behaviour", words(&["meets", "meets", "meets"])),
        ]);
        let options = ScoreOptions { detail: Detail::Indicator, ..Default::default() };
        let s =
            score(&Tables { indicators: &ind, employees: None, units: None }, &rules(), &options).unwrap();
        let out = s.indicators.unwrap();
        for name in ["employee", "indicator"] {
            assert_eq!(out.column_by_name(name).unwrap().data_type(), &DataType::Utf8, "{name}");
        }
        assert_eq!(strings(&out, "employee"), some(&["a", "b", "a"]));
        assert_eq!(strings(&out, "indicator"), some(&["i1", "i1", "i2"]));
        assert_eq!(
            decimals(&out, "achievement"),
            vec![Some("90.00".into()), Some("120.00".into()), Some("100.00".into())]
        );
    }
}

/// In English the `message` column is each problem's own `message` as it stands (the words
/// `Problem`'s display shows), also for a reader's problem whose message its reader worded
/// otherwise than the engine error behind it; in Indonesian that error's own wording.
#[test]
fn english_messages_are_each_problems_own_message() {
    let (ind, emp) = tables();
    let e = Error::Input { at: Location::row(7), field: "actual".into(), reason: "is not a number".into() };
    let mut read = Problem::from_error(TableKind::Indicators, &e).at_row(7);
    read.message = "row 7: `actual` `x` is not a number (as the reader words it)".into();
    let origins = Origins { problems: std::slice::from_ref(&read), ..Origins::default() };
    let t = Tables { indicators: &ind, employees: Some(&emp), units: None };
    let en = score_read(&t, &origins, &rules(), &collect(Lang::En)).unwrap();
    let id = score_read(&t, &origins, &rules(), &collect(Lang::Id)).unwrap();
    let first = |s: &kinerja_table::score::Scored| strings(&s.problems, "message")[0].clone();
    assert_eq!(first(&en).as_deref(), Some("row 7: `actual` `x` is not a number (as the reader words it)"));
    assert_eq!(
        first(&id).as_deref(),
        Some("baris 7: `actual`: (keterangan dalam bahasa Inggris) is not a number")
    );
    assert_eq!((en.problems.num_rows(), id.problems.num_rows()), (4, 4));
}
