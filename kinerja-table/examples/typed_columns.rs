//! Times the table layer on typed columns (what pandas, polars or a Parquet file hand over:
//! int64 ids, float64 numbers with two decimals, uint8 codes), the tables of
//! `benches/minimal.py`: `cargo run --release -p kinerja-table --example typed_columns --
//! EMPLOYEES [ROUNDS] [period]`, 5 indicator rows per employee and an employee table with units.
//! With `period`, the indicator table also has an `indicator` id and a `period` column (`2024`
//! on every row, as an annual export has), so each row is aggregated over the year first.
//! Prints the time of reading both tables (the typed step) and of the whole run, best of the
//! rounds.
//! Used with `perf record` to find where the typed path spends its time (see
//! `benches/README.md`).
#![allow(clippy::unwrap_used)]
use std::sync::Arc;
use std::time::{Duration, Instant};

use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray, UInt8Array};
use kinerja_core::rules::{Policy, Ruleset};
use kinerja_table::read::{ReadOptions, canonicalise};
use kinerja_table::run::{Inputs, Source, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::ScoreOptions;

/// A small deterministic generator (splitmix64), so the example needs no random crate.
struct Mix(u64);

impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

fn main() {
    let n: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(1_000_000);
    let rounds: usize = std::env::args().nth(2).and_then(|s| s.parse().ok()).unwrap_or(5);
    let period = std::env::args().nth(3).is_some_and(|a| a == "period");
    let rows = n * 5;
    let mut mix = Mix(42);
    // targets 10.00–999.99, actuals 60–130 % of them at two places, a fifth lower-is-better
    let target: Vec<f64> = (0..rows).map(|_| (1_000 + mix.below(99_000)) as f64 / 100.0).collect();
    let actual: Vec<f64> =
        target.iter().map(|t| ((t * (60 + mix.below(70)) as f64).round()) / 100.0).collect();
    let lower: Vec<u8> = (0..rows).map(|_| u8::from(mix.below(5) == 0)).collect();
    let col = |a: ArrayRef| a;
    let mut columns = vec![
        ("employee", col(Arc::new(Int64Array::from_iter_values((0..rows).map(|r| (r / 5) as i64))))),
        ("target", col(Arc::new(Float64Array::from(target)))),
        ("actual", col(Arc::new(Float64Array::from(actual)))),
        ("polarity", col(Arc::new(UInt8Array::from(lower)))),
        ("weight", col(Arc::new(Int64Array::from_iter_values((0..rows).map(|_| 20))))),
    ];
    if period {
        let ids = ["a", "b", "c", "d", "e"];
        columns.push(("indicator", Arc::new(StringArray::from_iter_values((0..rows).map(|r| ids[r % 5])))));
        columns.push(("period", Arc::new(StringArray::from_iter_values((0..rows).map(|_| "2024")))));
    }
    let ind = RecordBatch::try_from_iter(columns).unwrap();
    let units = (n / 40).max(1) as u64;
    let work: Vec<Option<u8>> = (0..n).map(|_| (mix.below(10) != 0).then(|| mix.below(3) as u8)).collect();
    let emp = RecordBatch::try_from_iter(vec![
        ("employee", col(Arc::new(Int64Array::from_iter_values((0..n).map(|e| e as i64))))),
        ("unit", col(Arc::new(Int64Array::from_iter_values((0..n).map(|_| mix.below(units) as i64))))),
        ("work_result", col(Arc::new(UInt8Array::from(work)))),
        ("behaviour", col(Arc::new(UInt8Array::from_iter_values((0..n).map(|_| mix.below(3) as u8))))),
    ])
    .unwrap();
    let opts = ReadOptions::default();
    // advice from the score where the appraiser left no rating (as in `benches/minimal.py`)
    let bands = r#"{"rating": {"use_advice_when_missing": true, "advisory_bands": [
        {"min": "110", "rating": "above"}, {"min": "90", "rating": "meets"}, {"min": "0", "rating": "below"}]}}"#;
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let rules = rules.with_policy(Policy::from_json(bands).unwrap()).unwrap();
    let (mut read, mut whole) = (Duration::MAX, Duration::MAX);
    for _ in 0..rounds {
        let t = Instant::now();
        let a = canonicalise(&ind, &opts, TableKind::Indicators).unwrap();
        let b = canonicalise(&emp, &opts, TableKind::Employees).unwrap();
        read = read.min(t.elapsed());
        drop((a, b));
        let t = Instant::now();
        let inputs =
            Inputs { indicators: Source::Batch(&ind), employees: Some(Source::Batch(&emp)), units: None };
        let options =
            ScoreOptions { period: period.then(|| "2024".parse().unwrap()), ..ScoreOptions::default() };
        let scored = run(&inputs, &opts, &rules, &options).unwrap();
        whole = whole.min(t.elapsed());
        assert_eq!(scored.employees.num_rows(), n);
    }
    eprintln!("{n} employees, {rows} rows: read {read:?}, run {whole:?} (best of {rounds})");
}
