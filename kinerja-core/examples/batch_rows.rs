//! Times the batch kernels on a national-scale roster shaped like `benches/minimal.py`'s:
//! five indicator rows per employee, float64 targets and actuals with two decimals (read in
//! place), integer weights, a lower-is-better flag on a fifth of the rows, appraiser ratings
//! for nine employees in ten. A profiling aid (`perf record`), not a test.
//!
//! ```text
//! cargo run --release -p kinerja-core --example batch_rows -- [employees] [rounds]
//! ```

use std::time::Instant;

use kinerja_core::batch::{
    CodeColumn, DecimalColumn, EmployeeColumns, IndicatorColumns, NoLabels, OnError, UnitColumns, score,
};
use kinerja_core::model::Rating;
use kinerja_core::rules::{AdvisoryBand, Ruleset};

/// A small deterministic generator (xorshift), so runs are comparable.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn main() -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    let mut args = std::env::args().skip(1);
    let n_emp: usize = args.next().map_or(Ok(1_000_000), |a| a.parse())?;
    let rounds: usize = args.next().map_or(Ok(5), |a| a.parse())?;
    let k = 5;
    let mut rng = Rng(42);
    let employee: Vec<u32> = (0..n_emp as u32).flat_map(|e| std::iter::repeat_n(e, k)).collect();
    let target: Vec<f64> = (0..n_emp * k).map(|_| (1_000 + rng.next() % 99_000) as f64 / 100.0).collect();
    let actual: Vec<f64> = target
        .iter()
        .map(|t| ((t * 100.0 * (0.6 + (rng.next() % 700) as f64 / 1000.0)).round()) / 100.0)
        .collect();
    let lower: Vec<u8> = (0..n_emp * k).map(|_| u8::from(rng.next() % 5 == 0)).collect();
    let weight: Vec<i64> = vec![20; n_emp * k];
    let work: Vec<u8> =
        (0..n_emp).map(|_| if rng.next() % 10 == 0 { u8::MAX } else { (rng.next() % 3) as u8 }).collect();
    let behaviour: Vec<u8> = (0..n_emp).map(|_| (rng.next() % 3) as u8).collect();
    let mut rules = Ruleset::builtin("permenpanrb-6-2022")?;
    rules.policy.rating.advisory_bands = vec![
        AdvisoryBand { min: 110.into(), rating: Rating::Above },
        AdvisoryBand { min: 90.into(), rating: Rating::Meets },
        AdvisoryBand { min: 0.into(), rating: Rating::Below },
    ];
    rules.policy.rating.use_advice_when_missing = true;
    let pool = rayon::ThreadPoolBuilder::new().build()?;
    for _ in 0..rounds {
        let t0 = Instant::now();
        let out = pool.install(|| -> Result<_, Box<dyn std::error::Error + Send + Sync>> {
            let t = DecimalColumn::from_f64(&target, None, "target")?.ok_or("target not exact")?;
            let a = DecimalColumn::from_f64(&actual, None, "actual")?.ok_or("actual not exact")?;
            let mut ind = IndicatorColumns::new(&employee, t, a);
            ind.weight = Some(DecimalColumn::new_i64(&weight, 0));
            ind.polarity = Some(CodeColumn::new(&lower));
            let emps = EmployeeColumns {
                len: n_emp,
                work_rating: Some(CodeColumn::new(&work)),
                behaviour: Some(CodeColumn::new(&behaviour)),
                ..Default::default()
            };
            Ok(score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels)?)
        })?;
        println!(
            "{} employees, {} rows: {:.3} s (fast rows {}, fallback rows {})",
            n_emp,
            n_emp * k,
            t0.elapsed().as_secs_f64(),
            out.stats.fast_rows,
            out.stats.fallback_rows
        );
    }
    Ok(())
}
