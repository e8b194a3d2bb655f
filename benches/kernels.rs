//! Criterion benches of the scalar kernels: achievement per indicator row, the 6/2022
//! predicate matrix, and a whole 6/2022 evaluation. See benches/README.md for numbers.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kinerja_core::achievement::{AchievementPolicy, achievement};
use kinerja_core::prelude::*;
use rust_decimal::Decimal;
use std::hint::black_box;

fn rows(n: usize) -> Vec<(Target, Decimal, Polarity)> {
    (0..n)
        .map(|i| {
            let t = Decimal::new(1000 + (i as i64 % 997), 1);
            let r = Decimal::new(900 + (i as i64 * 7919 % 400), 1);
            let pol = if i % 5 == 0 { Polarity::LowerIsBetter } else { Polarity::HigherIsBetter };
            let target =
                if i % 11 == 0 { Target::Range { low: t, high: t + Decimal::TEN } } else { Target::Point(t) };
            (target, r, pol)
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let data = rows(10_000);
    let policy = AchievementPolicy::default();
    let round = Rounding::half_up(2);
    let mut g = c.benchmark_group("kernels");
    g.throughput(Throughput::Elements(data.len() as u64));
    g.bench_function("achievement+round per row", |b| {
        b.iter(|| {
            let mut acc = Decimal::ZERO;
            for (t, r, p) in &data {
                if let Ok(a) = achievement(*t, *r, *p, &policy, None) {
                    acc = round.apply(a.value);
                }
            }
            black_box(acc)
        })
    });
    let ratings: Vec<(Rating, Rating)> =
        (0..10_000).map(|i| (Rating::ALL[i % 3], Rating::ALL[(i / 3) % 3])).collect();
    g.bench_function("predicate matrix per row", |b| {
        b.iter(|| {
            let mut n = 0u32;
            for (w, bh) in &ratings {
                n += predicate(black_box(*w), black_box(*bh)) as u32;
            }
            black_box(n)
        })
    });
    g.finish();

    let roster: serde_json::Value =
        serde_json::from_str(include_str!("../examples/data/kupang_dinas_kesehatan.json")).unwrap();
    let plans: Vec<Plan> = serde_json::from_value(roster["plans"].clone()).unwrap();
    let policy = Policy::from_toml(include_str!("../policies/kupang-2024.example.toml")).unwrap();
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap();
    let period = Period::annual(2024).unwrap();
    let mut g = c.benchmark_group("evaluation");
    g.throughput(Throughput::Elements(plans.len() as u64));
    g.bench_function(
        "6/2022 annual evaluation with trace, per employee (12 monthly realisations per indicator)",
        |b| {
            b.iter(|| {
                for p in &plans {
                    let _ = black_box(kinerja_core::regime::evaluate(p, period, &rules));
                }
            })
        },
    );
    g.finish();
}

use kinerja_core::explain::Labelled;
criterion_group!(benches, bench);
criterion_main!(benches);
