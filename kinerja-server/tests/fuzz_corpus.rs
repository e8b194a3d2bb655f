//! Every input saved in `testdata/fuzz/<target>/` run through its fuzz target's function on
//! stable: the seeds, and each input a fuzzer once crashed on (see `fuzz/README.md`). It lives
//! here, in the crate that depends on every reader the targets cover (the table layer's files
//! and streams, the core's documents and this server's JSON rows).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

#[path = "../../fuzz/src/lib.rs"]
mod fuzz;

use std::path::PathBuf;

use kinerja_table::read::FileFormat;

/// The saved inputs of `target`, sorted by name (at least one: a missing folder fails).
fn inputs(target: &str) -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/fuzz").join(target);
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|f| f.unwrap().path())
        .filter(|p| p.is_file())
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no saved inputs in {}", dir.display());
    files
}

/// Runs `f` on each saved input of `target`, naming the input that fails.
fn run_all(target: &str, f: impl Fn(&[u8])) {
    for (name, data) in inputs(target) {
        let caught = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(&data)));
        assert!(caught.is_ok(), "testdata/fuzz/{target}/{name} failed (see the message above)");
    }
}

#[test]
fn table_csv() {
    run_all("table_csv", |d| fuzz::table(d, FileFormat::Csv));
}

#[test]
fn csv_stream() {
    run_all("csv_stream", fuzz::csv_stream);
}

#[test]
fn table_xlsx() {
    run_all("table_xlsx", |d| fuzz::table(d, FileFormat::Xlsx));
}

#[test]
fn table_parquet() {
    run_all("table_parquet", |d| fuzz::table(d, FileFormat::Parquet));
}

#[test]
fn arrow_stream() {
    run_all("arrow_stream", fuzz::arrow_stream);
}

#[test]
fn json_rows() {
    run_all("json_rows", fuzz::json_rows);
}

#[test]
fn documents() {
    run_all("documents", fuzz::documents);
}

#[test]
fn numbers() {
    run_all("numbers", fuzz::numbers);
}
