//! Criterion bench of the columnar batch: the 6/2022 pipeline (achievement → weighted mean →
//! advice → work rating → predicate) over 100 000 employees × 5 indicators.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use kinerja_core::batch::*;
use kinerja_core::model::Rating;
use kinerja_core::rules::{AdvisoryBand, Ruleset};
use rust_decimal::Decimal;
use std::hint::black_box;

struct Data {
    employee: Vec<u32>,
    target: Vec<i64>,
    actual: Vec<i64>,
    polarity: Vec<u8>,
    weight: Vec<i64>,
    work: Vec<u8>,
    behaviour: Vec<u8>,
}

fn data(n_emp: usize, per: usize) -> Data {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    let n = n_emp * per;
    let mut d = Data {
        employee: Vec::with_capacity(n),
        target: Vec::with_capacity(n),
        actual: Vec::with_capacity(n),
        polarity: Vec::with_capacity(n),
        weight: Vec::with_capacity(n),
        work: Vec::with_capacity(n_emp),
        behaviour: Vec::with_capacity(n_emp),
    };
    for e in 0..n_emp {
        for _ in 0..per {
            d.employee.push(e as u32);
            let t = 1 + (next() % 1000) as i64;
            d.target.push(t * 100);
            d.actual.push((t * 100 * (70 + (next() % 60) as i64)) / 100 + (next() % 100) as i64);
            d.polarity.push(u8::from(next() % 5 == 0));
            d.weight.push(20);
        }
        d.work.push(if next() % 3 == 0 { u8::MAX } else { (next() % 3) as u8 });
        d.behaviour.push((next() % 3) as u8);
    }
    d
}

fn bench(c: &mut Criterion) {
    let d = data(100_000, 5);
    let mut rules = Ruleset::builtin("permenpanrb-6-2022").unwrap_or_else(|_| std::process::abort());
    rules.policy.rating.advisory_bands = vec![
        AdvisoryBand { min: Decimal::from(110), rating: Rating::Above },
        AdvisoryBand { min: Decimal::from(90), rating: Rating::Meets },
    ];
    let mut ind = IndicatorColumns::new(
        &d.employee,
        DecimalColumn::new_i64(&d.target, 2),
        DecimalColumn::new_i64(&d.actual, 2),
    );
    ind.polarity = Some(CodeColumn::new(&d.polarity));
    ind.weight = Some(DecimalColumn::new_i64(&d.weight, 0));
    let emps = EmployeeColumns {
        len: d.work.len(),
        work_rating: Some(CodeColumn::new(&d.work)),
        behaviour: Some(CodeColumn::new(&d.behaviour)),
        ..Default::default()
    };
    let mut g = c.benchmark_group("batch");
    g.sample_size(20);
    g.throughput(Throughput::Elements(d.employee.len() as u64));
    g.bench_function("6/2022 pipeline, 100k employees x 5", |b| {
        b.iter(|| {
            let out = score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels);
            black_box(out.map(|o| o.stats).ok())
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
