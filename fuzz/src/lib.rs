//! What each fuzz target runs, and the properties it checks beyond "no panic".
//!
//! The targets in `fuzz_targets/` (libFuzzer, nightly: `cargo +nightly fuzz run <target>`)
//! call these functions. `kinerja-server/tests/fuzz_corpus.rs` includes this file and runs
//! every input saved in `testdata/fuzz/<target>/` through the same functions on stable, so
//! each input a fuzzer once crashed on stays a test in `make test`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

use kinerja_core::model::Plan;
use kinerja_core::num::read_decimal;
use kinerja_core::period::Period;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{Policy, Ruleset};
use kinerja_server::score::input::{Media, Tables};
use kinerja_table::numbers::{NumberFormat, format_plain, parse_number};
use kinerja_table::read::{FileFormat, ReadOptions, read_bytes};
use kinerja_table::run::{Inputs, RunError, Source, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::{Detail, OnError, ScoreOptions, Scored};

/// The options a fuzz input chooses with its first byte: the number notation (bits 0–1)
/// and whether indicator rows are returned (bit 2). The rest is the file.
fn options(data: &[u8]) -> (ReadOptions, Detail, &[u8]) {
    let (first, rest) = data.split_first().map_or((0, data), |(f, r)| (*f, r));
    let number_format = match first & 3 {
        0 => NumberFormat::Auto,
        1 => NumberFormat::Id,
        _ => NumberFormat::Plain,
    };
    let detail = if first & 4 == 0 { Detail::Employee } else { Detail::Indicator };
    // small limits keep each input quick; they are themselves checked paths
    let read = ReadOptions { number_format, max_rows: 10_000, ..ReadOptions::default() };
    (read, detail, rest)
}

/// One file of `format` scored whole, in both error modes (see [`both_modes`]).
pub fn table(data: &[u8], format: FileFormat) {
    let (read, detail, file) = options(data);
    both_modes(&Inputs::new(Source::Bytes(file, format)), &read, detail);
}

/// An Arrow IPC stream (a server body) read by the table layer and, when it reads, scored as
/// an Arrow batch in both error modes (see [`both_modes`]).
pub fn arrow_stream(data: &[u8]) {
    let (read, detail, stream) = options(data);
    match kinerja_table::read::arrow_stream(stream, "<body>") {
        Ok(batch) => both_modes(&Inputs::new(Source::Batch(&batch)), &read, detail),
        Err(e) => assert!(!e.to_string().trim().is_empty(), "an error without a message: {e:?}"),
    }
}

/// A JSON rows body of `POST /v1/score`, decoded as the server decodes it. Besides never
/// panicking: a body refused is a 4xx problem with a message, never a 5xx (a number whose
/// text could not be found again is a server fault); a body decoded is scored in both error
/// modes (see [`both_modes`]).
pub fn json_rows(data: &[u8]) {
    let (read, detail, body) = options(data);
    let body = bytes::Bytes::copy_from_slice(body);
    match Tables::decode(Media::Json, body, 16, read.number_format) {
        Ok(tables) => both_modes(&tables.inputs(), &read, detail),
        Err(p) => {
            assert!((400..500).contains(&p.status), "a JSON body answered {}: {}", p.status, p.detail);
            assert!(!p.detail.trim().is_empty(), "a problem without a message: {p:?}");
        }
    }
}

/// `inputs` scored in `collect` and in `raise` mode. Besides never panicking: the two modes
/// agree. A run that collects no problem also succeeds when raising, with the same employee
/// table; one that collects a problem fails when raising; one that cannot score at all fails
/// in both modes. Every error has a message.
fn both_modes(inputs: &Inputs, read: &ReadOptions, detail: Detail) {
    let rules = Ruleset::builtin("permenpanrb-6-2022").expect("a built-in ruleset");
    let scored =
        |on_error| run(inputs, read, &rules, &ScoreOptions { on_error, detail, ..ScoreOptions::default() });
    let collected = scored(OnError::Collect);
    let raised = scored(OnError::Raise);
    match (&collected, &raised) {
        (Ok(c), Ok(r)) => {
            assert_eq!(c.problems.num_rows(), 0, "raise succeeded where collect found problems");
            assert_eq!(c.employees, r.employees, "the two modes scored differently");
            check_scored(c);
        }
        (Ok(c), Err(e)) => {
            assert!(c.problems.num_rows() > 0, "raise failed ({e}) where collect found no problem");
            check_scored(c);
            if let RunError::Score(e) = e {
                let p = &e.problem;
                let raised = (p.table.name().to_string(), p.row, p.message.clone());
                assert_eq!(Some(raised), first_listed(c), "raise did not raise collect's first problem");
            }
        }
        (Err(c), Ok(_)) => panic!("collect failed ({c}) where raise succeeded"),
        (Err(_), Err(_)) => {}
    }
    for e in [collected.err(), raised.err()].into_iter().flatten() {
        assert!(!e.to_string().trim().is_empty(), "an error without a message: {e:?}");
        let _ = e.family();
    }
}

/// The table, row and message of the problem `raise` raises among those `c` lists: the
/// lowest indicator row, then employee row, then unit row, the first listed among equals.
fn first_listed(c: &Scored) -> Option<(String, Option<u64>, String)> {
    use arrow_array::Array;
    use arrow_array::cast::AsArray;
    let p = &c.problems;
    let text =
        |name: &str, i: usize| kinerja_table::score::text_at(p.column_by_name(name)?, i).map(str::to_string);
    let rows = p.column_by_name("row")?.as_primitive_opt::<arrow_array::types::UInt64Type>()?;
    let order = |t: &str| ["indicators", "employees"].iter().position(|x| *x == t).unwrap_or(2);
    (0..p.num_rows())
        .filter_map(|i| {
            Some((text("table", i)?, rows.is_valid(i).then(|| rows.value(i)), text("message", i)?))
        })
        .min_by_key(|(t, r, _)| (order(t), r.unwrap_or(0)))
}

/// The result tables are consistent: every problem has a message.
fn check_scored(s: &Scored) {
    let message = s.problems.column_by_name("message").expect("a message column");
    assert_eq!(message.null_count(), 0, "a problem without a message");
}

/// A CSV file read block by block, as the command line streams it, with blocks of 1 to 256
/// bytes (bits 3–7 of the first byte): besides never panicking, when both the streamed and
/// the whole reading succeed, they read the same rows, numbered alike, with the same cells.
pub fn csv_stream(data: &[u8]) {
    let (read, _, file) = options(data);
    let read = ReadOptions { on_error: kinerja_core::batch::OnError::Collect, ..read };
    let block = 1 + usize::from(data.first().copied().unwrap_or(0) >> 3) * 8;
    let Ok(dir) = tempfile::tempdir() else { return };
    let path = dir.path().join("skp.csv");
    if std::fs::write(&path, file).is_err() {
        return;
    }
    let Ok(blocks) = kinerja_table::read::csv_blocks(&path, &read, block) else { return };
    let Ok(blocks) = blocks.collect::<Result<Vec<_>, _>>() else { return };
    let Ok(whole) = read_bytes(file, FileFormat::Csv, &read, TableKind::Indicators) else { return };
    let streamed: Vec<u64> = blocks.iter().flat_map(|b| b.source_rows.iter().copied()).collect();
    assert_eq!(streamed, whole.source_rows, "the streamed file numbers its rows differently");
    // each block read as the whole file is: the same text and numbers in every column
    let mut at = 0;
    for b in &blocks {
        let rows = &b.source_rows;
        let part = kinerja_table::read::canonicalise_numbered(&b.batch, rows, &read, TableKind::Indicators);
        if let Ok(part) = part {
            for (_, c) in &part.columns {
                for (r, row) in rows.iter().enumerate() {
                    assert_eq!(part.text(c, r), whole.text(c, at + r), "column {c}, row {row}");
                    assert_eq!(part.decimal(c, r), whole.decimal(c, at + r), "column {c}, row {row}");
                }
            }
        }
        at += rows.len();
    }
}

/// A policy, ruleset or plan document, as JSON and as TOML. Besides never panicking: a plan
/// that reads is evaluated under the built-in 6/2022 rules (its result or a typed error).
pub fn documents(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let _ = Policy::from_json(text);
    let _ = Policy::from_toml(text);
    let _ = Ruleset::from_json(text);
    let _ = Ruleset::from_toml(text);
    if let Ok(plan) = Plan::from_json(text) {
        let rules = Ruleset::builtin("permenpanrb-6-2022").expect("a built-in ruleset");
        if let Ok(period) = Period::annual(plan.year) {
            let _ = evaluate(&plan, period, &rules);
        }
    }
}

/// One cell's text in each notation. Besides never panicking: a number read is written
/// back in plain notation and read again as the same value, and decimal text read exactly
/// is the value written.
pub fn numbers(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for format in [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto] {
        if let Ok(Some(v)) = parse_number(text, format) {
            let plain = format_plain(v);
            assert_eq!(parse_number(&plain, NumberFormat::Plain), Ok(Some(v)), "{text:?} read as {plain}");
        }
    }
    if let Ok(v) = read_decimal(text) {
        assert_eq!(read_decimal(&v.to_string()), Ok(v), "{text:?}");
    }
}
