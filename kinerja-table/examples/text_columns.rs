//! Times the table layer on text columns (what the command line hands over from a CSV file):
//! `cargo run --release -p kinerja-table --example text_columns -- EMPLOYEES [read]`, 5
//! indicator rows per employee; `read` stops after the typed step, `run` skips it. Used with `perf record` to
//! find where the text path spends its time (see `benches/README.md`).
#![allow(clippy::unwrap_used)]
use std::sync::Arc;
use std::time::Instant;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use kinerja_core::rules::Ruleset;
use kinerja_table::read::{ReadOptions, canonicalise};
use kinerja_table::run::{Inputs, Source, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::ScoreOptions;

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let rows = n * 5;
    let labels = ["below", "meets", "above"];
    let col = |f: &dyn Fn(usize) -> String| -> ArrayRef {
        Arc::new((0..rows).map(|r| Some(f(r))).collect::<StringArray>())
    };
    let batch = RecordBatch::try_from_iter(vec![
        ("employee", col(&|r| (198000000000000000u64 + (r / 5) as u64).to_string())),
        ("indicator", col(&|r| format!("i{}", r % 5))),
        ("target", col(&|_| "100".to_string())),
        ("actual", col(&|r| format!("{}.{:02}", 80 + (r * 37) % 40, r % 100))),
        ("weight", col(&|_| "20".to_string())),
        ("work_result", col(&|r| labels[(r / 5 * 7) % 3].to_string())),
        ("behaviour", col(&|r| labels[(r / 5 * 11) % 3].to_string())),
    ])
    .unwrap();
    let opts = ReadOptions::default();
    let mode = std::env::args().nth(2).unwrap_or_default();
    if mode != "run" {
        let t = Instant::now();
        let read = canonicalise(&batch, &opts, TableKind::Indicators).unwrap();
        eprintln!("canonicalise {:?} ({} rows)", t.elapsed(), read.num_rows());
    }
    if mode == "read" {
        return;
    }
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let t = Instant::now();
    let scored = run(&Inputs::new(Source::Batch(&batch)), &opts, &rules, &ScoreOptions::default()).unwrap();
    eprintln!("run {:?} ({} employees)", t.elapsed(), scored.employees.num_rows());
}
