//! The plain employee loop (stage 2 on machine words, for rows grouped by employee) against
//! the general one (the same rows in reverse order): every employee it must hand on — a JPT
//! unit head under the JPT rule, a bad or missing code, no advice to fall back on, a null or
//! negative weight, a sum of weights the policy refuses — gets the general loop's result,
//! and the usual ones (appraiser's rating with and without disagreement, the advice standing
//! in) are taken on the plain loop with the same result.

#![allow(clippy::result_large_err)]

use kinerja_core::batch::*;
use kinerja_core::evaluation::RatingSource;
use kinerja_core::model::{OrgPredicate, Predicate, Rating};
use kinerja_core::rules::{AdvisoryBand, Ruleset};
use rust_decimal::Decimal;

/// Employees of the roster, two rows each: target 100.00 and the actuals below (weights 40
/// and 60 at one place, i.e. 4.0 and 6.0), then the appraiser's work code and behaviour code
/// (`u8::MAX`: none).
const ROSTER: [(i128, i128, u8, u8); 10] = [
    (9_000, 9_500, 1, 1),         // 0: meets, advice meets: plain, no disagreement
    (12_000, 11_500, 1, 2),       // 1: meets, advice above: plain, disagreement
    (5_000, 6_000, u8::MAX, 1),   // 2: no rating, advice below stands in: plain
    (10_000, 10_000, 2, 1),       // 3: JPT unit head (the JPT rule): general
    (10_000, 10_000, 7, 1),       // 4: work code 7: general (an error)
    (10_000, 10_000, 1, u8::MAX), // 5: no behaviour: general (an error)
    (10_000, 10_000, 1, 9),       // 6: behaviour code 9: general (an error)
    (10_000, 10_000, 1, 1),       // 7: a null weight on its second row: general (an error)
    (10_000, 10_000, 1, 1),       // 8: a negative weight: general (an error)
    (11_000, 9_000, 0, 0),        // 9: below, below: plain
];

/// Scores the roster with its rows in `order` (indexes of the grouped rows) under `rules`
/// with the row weights `weights` (employee 7's second row without one).
fn score_roster(order: &[usize], rules: &Ruleset, weights: &[i128]) -> BatchOutput {
    let n_emp = ROSTER.len();
    let emp: Vec<u32> = (0..2 * n_emp).map(|r| (r / 2) as u32).collect();
    let target = vec![10_000i128; 2 * n_emp];
    let actual: Vec<i128> = ROSTER.iter().flat_map(|r| [r.0, r.1]).collect();
    let pick = |v: &[i128]| order.iter().map(|i| v[*i]).collect::<Vec<i128>>();
    let emp: Vec<u32> = order.iter().map(|i| emp[*i]).collect();
    let (t, a, w) = (pick(&target), pick(&actual), pick(weights));
    // row 15 (employee 7's second) has no weight
    let valid: Vec<bool> = order.iter().map(|i| *i != 15).collect();
    let mut bytes = vec![0u8; valid.len().div_ceil(8)];
    for (i, v) in valid.iter().enumerate() {
        bytes[i / 8] |= u8::from(*v) << (i % 8);
    }
    let mut ind = IndicatorColumns::new(&emp, DecimalColumn::new(&t, 2), DecimalColumn::new(&a, 2));
    ind.weight = Some(DecimalColumn::new(&w, 1).with_validity(Bits { bytes: &bytes, offset: 0 }));
    let work: Vec<u8> = ROSTER.iter().map(|r| r.2).collect();
    let behaviour: Vec<u8> = ROSTER.iter().map(|r| r.3).collect();
    let unit = vec![0u32; n_emp];
    let (jpt, head) = ([0b1000u8, 0], [0b1000u8, 0]);
    let emps = EmployeeColumns {
        len: n_emp,
        work_rating: Some(CodeColumn::new(&work)),
        behaviour: Some(CodeColumn::new(&behaviour)),
        unit: Some(&unit),
        jpt: Some(BoolColumn { values: Bits { bytes: &jpt, offset: 0 }, validity: None }),
        unit_head: Some(BoolColumn { values: Bits { bytes: &head, offset: 0 }, validity: None }),
    };
    let org = [(0..5u8).find(|c| org_predicate_of(*c) == Some(OrgPredicate::Outstanding)).unwrap()];
    let units = UnitColumns { len: 1, org_predicate: Some(CodeColumn::new(&org)) };
    score(&ind, &emps, &units, &rules.policy, OnError::Collect, &NoLabels).unwrap()
}

fn rules(use_advice: bool) -> Ruleset {
    let mut r = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    r.policy.rating.advisory_bands = vec![
        AdvisoryBand { min: 110.into(), rating: Rating::Above },
        AdvisoryBand { min: 90.into(), rating: Rating::Meets },
    ];
    r.policy.rating.use_advice_when_missing = use_advice;
    r
}

/// The grouped run (plain loop) and the reversed run (general loop) of the same roster.
fn both(rules: &Ruleset, weights: &[i128]) -> (BatchOutput, BatchOutput) {
    let n = 2 * ROSTER.len();
    let grouped = score_roster(&(0..n).collect::<Vec<_>>(), rules, weights);
    let reversed = score_roster(&(0..n).rev().collect::<Vec<_>>(), rules, weights);
    (grouped, reversed)
}

fn weights() -> Vec<i128> {
    let mut w: Vec<i128> = (0..2 * ROSTER.len()).map(|r| if r % 2 == 0 { 40 } else { 60 }).collect();
    w[17] = -60; // employee 8's second row
    w[16] = 160;
    w
}

#[test]
fn the_plain_loop_takes_the_usual_employees_and_hands_on_the_rest() {
    let (plain, general) = both(&rules(true), &weights());
    assert_eq!(plain.employees, general.employees);
    let key = |o: &BatchOutput| o.errors.iter().map(|b| (b.table, b.employee)).collect::<Vec<_>>();
    let (mut p, mut g) = (key(&plain), key(&general));
    p.sort();
    g.sort();
    assert_eq!(p, g);
    // means on machine words: 0, 1, 2, 9 on the plain loop, and 3 and 5, handed on after it,
    // on the general loop's plain mean; none for unordered rows
    assert_eq!((plain.stats.plain_employees, general.stats.plain_employees), (6, 0));
    let e = &plain.employees;
    // 0: (90 × 4 + 95 × 6) / 10 = 93.00, meets; 1: 117.00, above against the appraiser's meets
    assert_eq!(e.weighted_decimal(0), Some(Decimal::new(9300, 2)));
    assert_eq!(
        (e.advised[0], e.work[0], e.disagreement[0]),
        (Some(Rating::Meets), Some(Rating::Meets), false)
    );
    assert_eq!(e.weighted_decimal(1), Some(Decimal::new(11700, 2)));
    assert_eq!(
        (e.advised[1], e.work[1], e.disagreement[1]),
        (Some(Rating::Above), Some(Rating::Meets), true)
    );
    assert_eq!(e.predicate[1], Some(Predicate::Good));
    // 2: 56.00, below, the advice stands in
    assert_eq!((e.work[2], e.work_source[2]), (Some(Rating::Below), Some(RatingSource::Advisory)));
    assert_eq!(e.predicate[2], Some(Predicate::NeedsImprovement));
    // 3: the unit's predicate (outstanding: above) over the appraiser's
    assert_eq!((e.work[3], e.work_source[3]), (Some(Rating::Above), Some(RatingSource::OrgPredicate)));
    // 4–8 fail on the general loop; 9: below, below
    assert_eq!(e.ok, [true, true, true, true, false, false, false, false, false, true]);
    assert_eq!(e.predicate[9], Some(Predicate::VeryPoor));
    // weights 4.0 and 6.0 add up to 10, not 100: normalised
    assert!(e.weights_normalised[0]);
}

/// Without the advice standing in, an employee without a rating fails on either loop; with
/// weights required to add up to 10 (the roster's, at one place), none is normalised, and an
/// employee whose weights add up to 20 fails on either loop.
#[test]
fn the_plain_loop_follows_the_policy_it_reads_once() {
    let (plain, general) = both(&rules(false), &weights());
    assert_eq!(plain.employees, general.employees);
    assert!(!plain.employees.ok[2]);
    assert_eq!(plain.stats.plain_employees, 6);
    let mut summed = rules(true);
    summed.policy.rating.weights_must_sum_to = Some(Decimal::TEN);
    let (plain, general) = both(&summed, &weights());
    assert_eq!(plain.employees, general.employees);
    assert!(!plain.employees.weights_normalised[0]);
    // the required sum read at the weights' scale: the usual employees stay on machine words
    assert_eq!(plain.stats.plain_employees, 6);
    // 10.0 is the same sum as 10
    summed.policy.rating.weights_must_sum_to = Some(Decimal::new(100, 1));
    let (plain_10_0, _) = both(&summed, &weights());
    assert_eq!(plain_10_0.employees, plain.employees);
    assert_eq!(plain_10_0.stats.plain_employees, 6);
    summed.policy.rating.weights_must_sum_to = Some(Decimal::TEN);
    // employee 8's weights add up to 160 − 60 = 100 tenths: 10.0, but one is negative
    assert!(!plain.employees.ok[8]);
    let mut w = weights();
    w[0] = 140; // employee 0: 14.0 + 6.0 = 20.0
    let (plain, general) = both(&summed, &w);
    assert_eq!(plain.employees, general.employees);
    assert!(!plain.employees.ok[0]);
    assert!(plain.employees.ok[1]);
    // a required sum that no weights at one place make (10.05): every employee fails alike
    summed.policy.rating.weights_must_sum_to = Some(Decimal::new(1005, 2));
    let (plain, general) = both(&summed, &weights());
    assert_eq!(plain.employees, general.employees);
    assert_eq!(plain.stats.plain_employees, 0);
}

/// Weights at more places than a decimal holds (every employee refused, as the general loop
/// refuses them), and a policy built in Rust without validation whose reported scale is past
/// a decimal's: the plain loop reads neither, and no call panics.
#[test]
fn scales_past_a_decimal_are_not_read_on_machine_words() {
    let n = 2 * ROSTER.len();
    let mut w = weights();
    w[16] = 40;
    w[17] = 60;
    let grouped = |rules: &Ruleset, scale: u32| {
        let emp: Vec<u32> = (0..n).map(|r| (r / 2) as u32).collect();
        let t = vec![10_000i128; n];
        let a: Vec<i128> = ROSTER.iter().flat_map(|r| [r.0, r.1]).collect();
        let mut ind = IndicatorColumns::new(&emp, DecimalColumn::new(&t, 2), DecimalColumn::new(&a, 2));
        ind.weight = Some(DecimalColumn::new(&w, scale));
        let work: Vec<u8> = ROSTER.iter().map(|r| r.2).collect();
        let behaviour: Vec<u8> = ROSTER.iter().map(|r| r.3).collect();
        let emps = EmployeeColumns {
            len: ROSTER.len(),
            work_rating: Some(CodeColumn::new(&work)),
            behaviour: Some(CodeColumn::new(&behaviour)),
            ..Default::default()
        };
        score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Collect, &NoLabels).unwrap()
    };
    let at_one = grouped(&rules(true), 1);
    assert_eq!(at_one.stats.plain_employees, 8);
    for scale in [29, 30, 38, 40] {
        let out = grouped(&rules(true), scale);
        assert_eq!(out.stats.plain_employees, 0, "weights at {scale} places");
        // the general loop refuses every employee (such weights are no decimals), with errors
        assert!(out.employees.ok.iter().all(|ok| !ok), "weights at {scale} places");
        assert!(out.errors.len() >= n, "weights at {scale} places: {} errors", out.errors.len());
    }
    let mut wide = rules(true);
    wide.policy.rounding.reported.scale = 30;
    let out = grouped(&wide, 1);
    assert_eq!(out.employees.predicate.len(), ROSTER.len());
}
