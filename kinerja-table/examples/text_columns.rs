//! Times the table layer on text columns (what the command line hands over from a CSV file):
//! `cargo run --release -p kinerja-table --example text_columns -- EMPLOYEES [read|run|split]`,
//! 5 indicator rows per employee; `read` stops after the typed step, `run` skips it, `split`
//! runs with the employee columns in an employee table of their own (one row per employee,
//! in another order than the indicator rows). Used with `perf record` to find where the text
//! path spends its time (see `benches/README.md`).
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
    if mode != "run" && mode != "split" {
        let t = Instant::now();
        let read = canonicalise(&batch, &opts, TableKind::Indicators).unwrap();
        eprintln!("canonicalise {:?} ({} rows)", t.elapsed(), read.num_rows());
    }
    if mode == "read" {
        return;
    }
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let employees = (mode == "split").then(|| {
        // every employee once, odd rows first then even ones
        let order = |k: usize| if k < n / 2 { 2 * k + 1 } else { 2 * (k - n / 2) };
        let col = |f: &dyn Fn(usize) -> String| -> ArrayRef {
            Arc::new((0..n).map(|k| Some(f(order(k)))).collect::<StringArray>())
        };
        RecordBatch::try_from_iter(vec![
            ("employee", col(&|e| (198000000000000000u64 + e as u64).to_string())),
            ("work_result", col(&|e| labels[(e * 7) % 3].to_string())),
            ("behaviour", col(&|e| labels[(e * 11) % 3].to_string())),
        ])
        .unwrap()
    });
    let indicators = match &employees {
        Some(_) => batch.project(&[0, 1, 2, 3, 4]).unwrap(),
        None => batch,
    };
    let mut inputs = Inputs::new(Source::Batch(&indicators));
    inputs.employees = employees.as_ref().map(Source::Batch);
    let t = Instant::now();
    let scored = run(&inputs, &opts, &rules, &ScoreOptions::default()).unwrap();
    eprintln!("run {:?} ({} employees)", t.elapsed(), scored.employees.num_rows());
}
