//! Periods, declared targets and aggregation: the same realisations give the same achievement
//! however they are reported (hand-computed values from the cases in docs/periods.md).

#![allow(clippy::result_large_err)]

use kinerja_core::achievement::{PeriodTargetMismatch, achievement};
use kinerja_core::explain::Lang;
use kinerja_core::followup::{IndicatorMonitor, TrackStatus, Trajectory, monitor_plan};
use kinerja_core::model::{Aggregation, Indicator, Plan, Polarity, Realisation, Target};
use kinerja_core::num::Rounding;
use kinerja_core::period::{Granularity, Period};
use kinerja_core::regime::common::{Measured, measure};
use kinerja_core::rules::Policy;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

mod support;
use support::one_indicator_plan as plan;

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn ind(target: Target, agg: Aggregation, targets: &[(&str, Decimal)]) -> Indicator {
    let mut i = Indicator::new("i1", "Indikator", target);
    i.aggregation = agg;
    for (per, t) in targets {
        i.period_targets.insert(p(per), Target::Point(*t));
    }
    i
}

fn measured(plan: &Plan, period: &str, policy: &Policy) -> kinerja_core::Result<Measured> {
    let i = &plan.results[0].indicators[0];
    Ok(measure(plan, i, p(period), policy)?.expect("measured"))
}

/// The achievement rounded half-up to 2 places.
fn ach(plan: &Plan, period: &str, policy: &Policy) -> Decimal {
    let m = measured(plan, period, policy).unwrap();
    let i = &plan.results[0].indicators[0];
    let a = achievement(m.target, m.actual, i.polarity, &policy.achievement, i.cap).unwrap();
    Rounding::half_up(2).apply(a.value)
}

const QS: [(&str, Decimal); 4] =
    [("2024-Q1", dec!(100)), ("2024-Q2", dec!(200)), ("2024-Q3", dec!(400)), ("2024-Q4", dec!(500))];

#[test]
fn cumulative_semester_from_quarter_targets_whatever_the_reports() {
    let pol = Policy::default();
    let i = ind(Target::Point(dec!(1200)), Aggregation::Cumulative, &QS);
    // S1 target = Q1 100 + Q2 200 = 300; 315 / 300 = 105 %.
    let two = plan(i.clone(), &[("2024-Q1", dec!(105)), ("2024-Q2", dec!(210))]);
    let one = plan(i, &[("2024-S1", dec!(315))]);
    assert_eq!(ach(&two, "2024-S1", &pol), dec!(105.00));
    assert_eq!(ach(&one, "2024-S1", &pol), dec!(105.00));
    let m = measured(&one, "2024-S1", &pol).unwrap();
    assert!(m.target_source.en.contains("sum of the declared period targets"), "{:?}", m.target_source);
    assert!(m.notes.is_empty());
}

#[test]
fn annual_uses_the_annual_target_and_flags_quarters_that_do_not_add_up() {
    let pol = Policy::default();
    let qs: Vec<(&str, Decimal)> =
        ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"].map(|q| (q, dec!(200))).into();
    let i = ind(Target::Point(dec!(1200)), Aggregation::Cumulative, &qs);
    let quarters: Vec<(&str, Decimal)> = qs.iter().map(|(q, _)| (*q, dec!(250))).collect();
    let by_quarter = plan(i.clone(), &quarters);
    let once = plan(i.clone(), &[("2024", dec!(1000))]);
    // 1000 / 1200 = 83.33 % both ways.
    assert_eq!(ach(&by_quarter, "2024", &pol), dec!(83.33));
    assert_eq!(ach(&once, "2024", &pol), dec!(83.33));
    let m = measured(&once, "2024", &pol).unwrap();
    assert_eq!(m.notes.len(), 1);
    assert!(
        m.notes[0].en.contains("the target of 2024 is 1200 but the sum of its parts' targets"),
        "{:?}",
        m.notes
    );
    let mut strict = Policy::default();
    strict.achievement.period_target_mismatch = PeriodTargetMismatch::Error;
    let e = measured(&once, "2024", &strict).unwrap_err().to_string();
    assert!(e.contains("period_target_mismatch") && e.contains("`i1`"), "{e}");
    // Quarter targets that add up: no note.
    let ok = ind(Target::Point(dec!(800)), Aggregation::Cumulative, &qs);
    assert!(measured(&plan(ok, &[("2024", dec!(1000))]), "2024", &pol).unwrap().notes.is_empty());
}

#[test]
fn monthly_targets_with_a_quarterly_report() {
    let months: Vec<String> = (1..=12).map(|m| format!("2024-{m:02}")).collect();
    let ts: Vec<(&str, Decimal)> = months.iter().map(|m| (m.as_str(), dec!(100))).collect();
    let i = ind(Target::Point(dec!(1200)), Aggregation::Cumulative, &ts);
    // Q1 target = 3 × 100; 300 / 300 = 100 %.
    assert_eq!(ach(&plan(i, &[("2024-Q1", dec!(300))]), "2024-Q1", &Policy::default()), dec!(100.00));
}

#[test]
fn no_silent_pro_rating() {
    let pol = Policy::default();
    // A satisfaction index (target 85, realised 86 in Q1) with no declared aggregation.
    let mut idx = ind(Target::Point(dec!(85)), Aggregation::Cumulative, &[]);
    idx.name = "Indeks kepuasan".into();
    let e = measured(&plan(idx.clone(), &[("2024-Q1", dec!(86))]), "2024-Q1", &pol).unwrap_err().to_string();
    for part in ["`i1`", "2024-Q1", "period_targets", "aggregation = \"mean\"", "prorate_cumulative"] {
        assert!(e.contains(part), "{part}: {e}");
    }
    // Declared as a mean (a level), the annual target holds in Q1: 86 / 85 = 101.18 %.
    idx.aggregation = Aggregation::Mean;
    assert_eq!(ach(&plan(idx, &[("2024-Q1", dec!(86))]), "2024-Q1", &pol), dec!(101.18));
    // Pro-rating is an explicit opt-in for counts: 1200 × 3 / 12 = 300; 310 / 300 = 103.33 %.
    let mut opt = Policy::default();
    opt.achievement.prorate_cumulative = true;
    let count = ind(Target::Point(dec!(1200)), Aggregation::Cumulative, &[]);
    assert_eq!(ach(&plan(count.clone(), &[("2024-Q2", dec!(310))]), "2024-Q2", &opt), dec!(103.33));
    // ... and never for a percentage.
    let mut pct = count;
    pct.unit_of_measure = "%".into();
    let e = measured(&plan(pct, &[("2024-Q2", dec!(80))]), "2024-Q2", &opt).unwrap_err().to_string();
    assert!(e.contains("a percentage is never pro-rated"), "{e}");
}

#[test]
fn partial_cover_names_the_missing_periods() {
    let i = ind(Target::Point(dec!(1200)), Aggregation::Cumulative, &[("2024-Q1", dec!(100))]);
    let e = measured(&plan(i, &[("2024-S1", dec!(315))]), "2024-S1", &Policy::default()).unwrap_err();
    assert!(e.to_string().contains("no declared target covers 2024-Q2 of 2024-S1"), "{e}");
}

#[test]
fn range_target_is_a_condition_in_any_period() {
    // 8/2021 special condition: 7–8 months, lower is better.
    let mut pol = Policy::default();
    pol.achievement.prorate_cumulative = true; // even so, a range is never pro-rated
    let mut i = Indicator::new("i1", "Waktu penyelesaian", Target::Range { low: dec!(7), high: dec!(8) });
    i.polarity = Polarity::LowerIsBetter;
    for period in ["2024-S1", "2024-Q3", "2024"] {
        // (2 − 6.5/7) × 100 = 107.142857… ; (2 − 9/8) × 100 = 87.5.
        assert_eq!(ach(&plan(i.clone(), &[(period, dec!(6.5))]), period, &pol), dec!(107.14), "{period}");
        assert_eq!(ach(&plan(i.clone(), &[(period, dec!(9))]), period, &pol), dec!(87.50), "{period}");
    }
}

#[test]
fn mean_is_month_weighted_against_month_weighted_targets() {
    let pol = Policy::default();
    // Quarter targets 80 / 85, actuals 82 / 88: S1 target 82.5, actual 85; 85 / 82.5 = 103.03 %.
    let i = ind(Target::Point(dec!(90)), Aggregation::Mean, &[("2024-Q1", dec!(80)), ("2024-Q2", dec!(85))]);
    assert_eq!(ach(&plan(i, &[("2024-Q1", dec!(82)), ("2024-Q2", dec!(88))]), "2024-S1", &pol), dec!(103.03));
    // Q1 = 60 and April–June = 30 each: (3 × 60 + 3 × 30) / 6 = 45.
    let j = ind(Target::Point(dec!(45)), Aggregation::Mean, &[]);
    let r = [("2024-Q1", dec!(60)), ("2024-04", dec!(30)), ("2024-05", dec!(30)), ("2024-06", dec!(30))];
    let m = measured(&plan(j, &r), "2024-S1", &pol).unwrap();
    assert_eq!(m.actual, dec!(45));
}

#[test]
fn last_uses_the_target_of_the_period_evaluated() {
    let pol = Policy::default();
    let i = ind(Target::Point(dec!(95)), Aggregation::Last, &[("2024-Q4", dec!(95)), ("2024-Q1", dec!(90))]);
    // The final figure 95 reported as Q4 or as month 12: the annual target 95, 100 % both ways.
    assert_eq!(
        ach(&plan(i.clone(), &[("2024-Q3", dec!(80)), ("2024-Q4", dec!(95))]), "2024", &pol),
        dec!(100)
    );
    assert_eq!(
        ach(&plan(i.clone(), &[("2024-11", dec!(80)), ("2024-12", dec!(95))]), "2024", &pol),
        dec!(100)
    );
    // S1 has no declared target; Q2 neither; the year's target holds (a level).
    assert_eq!(ach(&plan(i.clone(), &[("2024-S1", dec!(95))]), "2024-S1", &pol), dec!(100));
    // Q1 has its own target 90.
    assert_eq!(ach(&plan(i, &[("2024-03", dec!(90))]), "2024-Q1", &pol), dec!(100));
}

// ---- invariance under random re-partitioning of the same monthly values ----

/// A random tiling of the year into reporting periods (year, semesters, quarters, months).
fn tiling() -> impl Strategy<Value = Vec<Period>> {
    proptest::collection::vec(0u8..4, 7).prop_map(|choice| {
        let mut out = Vec::new();
        let year = Period::annual(2024).unwrap();
        if choice[0] == 0 {
            return vec![year];
        }
        for (si, s) in year.children().into_iter().enumerate() {
            if choice[1 + si] == 0 {
                out.push(s);
                continue;
            }
            for (qi, q) in s.children().into_iter().enumerate() {
                if choice[3 + 2 * si + qi] % 2 == 0 {
                    out.push(q);
                } else {
                    out.extend(q.children());
                }
            }
        }
        out
    })
}

fn aggregate(agg: Aggregation, months: &[Decimal], per: Period) -> Decimal {
    let vs = &months[usize::from(per.first_month() - 1)..usize::from(per.last_month())];
    match agg {
        Aggregation::Cumulative => vs.iter().sum(),
        Aggregation::Mean => vs.iter().sum::<Decimal>() / Decimal::from(vs.len()),
        Aggregation::Last => vs[vs.len() - 1],
        other => unreachable!("no strategy draws {other:?}"),
    }
}

fn agg_kind() -> impl Strategy<Value = Aggregation> {
    prop_oneof![Just(Aggregation::Cumulative), Just(Aggregation::Mean), Just(Aggregation::Last)]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn same_months_same_achievement_however_reported(
        months in proptest::collection::vec((0i64..100_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s)), 12),
        targets in proptest::collection::vec((1i64..100_000, 0u32..3).prop_map(|(m, s)| Decimal::new(m, s)), 12),
        agg in agg_kind(),
        a in tiling(),
        b in tiling(),
        quarter_targets in any::<bool>(),
    ) {
        let pol = Policy::default();
        // Declared targets: monthly or quarterly, with a consistent annual target.
        let gran = if quarter_targets { Granularity::Quarter } else { Granularity::Month };
        let declared: Vec<(Period, Decimal)> = Period::all_in_year(2024, gran).unwrap().into_iter()
            .map(|per| (per, aggregate(agg, &targets, per))).collect();
        let year = Period::annual(2024).unwrap();
        let annual = match agg {
            Aggregation::Cumulative => declared.iter().map(|(_, t)| *t).sum(),
            Aggregation::Mean => {
                declared.iter().map(|(per, t)| *t * Decimal::from(per.months())).sum::<Decimal>() / Decimal::from(12)
            }
            Aggregation::Last => declared.last().map(|(_, t)| *t).unwrap(),
            other => unreachable!("no strategy draws {other:?}"),
        };
        let mut i = Indicator::new("i1", "I", Target::Point(annual));
        i.aggregation = agg;
        for (per, t) in &declared {
            i.period_targets.insert(*per, Target::Point(*t));
        }
        let reals = |tiles: &[Period]| -> Plan {
            let mut pl = plan(i.clone(), &[]);
            pl.realisations = tiles.iter().map(|per| Realisation {
                indicator: "i1".into(), period: *per, actual: aggregate(agg, &months, *per),
            }).collect();
            pl
        };
        let monthly: Vec<Period> = year.subdivide(Granularity::Month);
        let (pa, pb, pm) = (reals(&a), reals(&b), reals(&monthly));
        let r10 = Rounding::half_up(10);
        let value = |pl: &Plan, per: Period| -> Option<Decimal> {
            let m = measure(pl, &pl.results[0].indicators[0], per, &pol).ok()??;
            achievement(m.target, m.actual, Polarity::HigherIsBetter, &pol.achievement, None)
                .ok().map(|x| r10.apply(x.value))
        };
        let base = value(&pm, year);
        prop_assert!(base.is_some() || months.iter().all(|m| m.is_zero()) || targets.iter().any(|t| t.is_zero()));
        prop_assert_eq!(value(&pa, year), base);
        prop_assert_eq!(value(&pb, year), base);
        // Every period that is a union of tiles of both partitions gives the same value too.
        for g in [Granularity::Semester, Granularity::Quarter] {
            for per in Period::all_in_year(2024, g).unwrap() {
                let tiled = |t: &[Period]| t.iter().all(|x| per.contains(x) || !per.overlaps(x));
                if tiled(&a) && tiled(&b) {
                    prop_assert_eq!(value(&pa, per), value(&pm, per), "{}", per);
                    prop_assert_eq!(value(&pb, per), value(&pm, per), "{}", per);
                }
            }
        }
    }
}

// ---- the regime in force for the period ----

fn annual_plan(year: u16) -> Plan {
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}},
            "year": {year}, "results": [{{"id": "r1", "description": "R", "indicators": [
              {{"id": "i1", "name": "Pasien", "target": 100}}]}}],
            "realisations": [{{"indicator": "i1", "period": "{year}", "actual": 100}}],
            "assessments": [{{"period": "{year}", "work_result": "meets", "behaviour": {{"overall": "meets"}}}}]}}"#
    ))
    .unwrap()
}

#[test]
fn regime_by_date() {
    use kinerja_core::regime::{evaluate, evaluate_in_force, rules_in_force};
    use kinerja_core::rules::Ruleset;
    // Before 2014 no implemented regime is in force: an error naming the period and DP3.
    let e = evaluate_in_force(&annual_plan(2010), p("2010")).unwrap_err().to_string();
    assert!(e.contains("2010") && e.contains("DP3"), "{e}");
    assert_eq!(rules_in_force(&p("2021-06")).unwrap().id(), "pp-46-2011");
    assert_eq!(rules_in_force(&p("2021-07")).unwrap().id(), "permenpanrb-8-2021");
    assert_eq!(rules_in_force(&p("2022-01")).unwrap().id(), "permenpanrb-6-2022");
    // In force: no note.
    let ev = evaluate_in_force(&annual_plan(2024), p("2024")).unwrap();
    assert!(ev.notes.iter().all(|n| !n.en.contains("what-if")), "{:?}", ev.notes);
    // Explicit rules outside their dates still evaluate, with a note naming the regime in force.
    let r6 = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let ev = evaluate(&annual_plan(2019), p("2019"), &r6).unwrap();
    let note = ev.notes.iter().find(|n| n.en.contains("what-if")).expect("note");
    assert!(note.en.contains("PP 46/2011") && note.en.contains("2022-01-01"), "{}", note.en);
    assert!(note.id.contains("bagaimana-jika"), "{}", note.id);
}

// ---- credit points over any span ----

fn entry(
    per: &str,
    pred: kinerja_core::model::Predicate,
    grade: kinerja_core::model::FunctionalGrade,
    months: Option<(u8, u8)>,
) -> kinerja_core::followup::CreditEntry {
    kinerja_core::followup::CreditEntry { period: p(per), predicate: pred, grade, months }
}

#[test]
fn credit_points_one_total_however_entered() {
    use kinerja_core::followup::{CreditRoundingPoint, credit_ledger, credit_points};
    use kinerja_core::model::{FunctionalGrade as G, Predicate as P};
    let pol = Policy::default();
    // 48 monthly Baik lines at Ahli Pertama: 4 × 12.5 = 50 (not 48 × 1.04 = 49.92).
    let monthly: Vec<_> = (2023..2027)
        .flat_map(|y| (1..=12).map(move |m| entry(&format!("{y}-{m:02}"), P::Good, G::FirstExpert, None)))
        .collect();
    assert_eq!(credit_ledger("e", dec!(0), &monthly, &pol).unwrap().total, dec!(50));
    // 12 monthly Baik lines at Ahli Madya: 37.5, not 12 × 3.13 = 37.56.
    let madya: Vec<_> =
        (1..=12).map(|m| entry(&format!("2024-{m:02}"), P::Good, G::MiddleExpert, None)).collect();
    assert_eq!(credit_ledger("e", dec!(0), &madya, &pol).unwrap().total, dec!(37.5));
    // An annual Pemula Sangat Baik line equals credit_points(12): 5.625 → 5.63.
    let annual = credit_ledger("e", dec!(0), &[entry("2024", P::VeryGood, G::Beginner, None)], &pol).unwrap();
    let single = credit_points(P::VeryGood, G::Beginner, 12, &pol).unwrap();
    assert_eq!((annual.total, single.value), (dec!(5.63), dec!(5.63)));
    // Months 1–3: three monthly lines, one quarter line, one line "2024 [1–3]": 3.125 → 3.13 each way.
    let three: Vec<_> =
        (1..=3).map(|m| entry(&format!("2024-{m:02}"), P::Good, G::FirstExpert, None)).collect();
    let quarter = [entry("2024-Q1", P::Good, G::FirstExpert, None)];
    let span = [entry("2024", P::Good, G::FirstExpert, Some((1, 3)))];
    for e in [&three[..], &quarter[..], &span[..]] {
        assert_eq!(credit_ledger("e", dec!(0), e, &pol).unwrap().total, dec!(3.13));
    }
    // A two-month line: 2/12 × 12.5 = 2.083… → 2.08.
    let two = [entry("2024", P::Good, G::FirstExpert, Some((4, 5)))];
    let l = credit_ledger("e", dec!(0), &two, &pol).unwrap();
    assert_eq!((l.total, l.lines[0].months), (dec!(2.08), (4, 5)));
    // Rounding per line keeps the old drift when a region declares it.
    let mut per_line = Policy::default();
    per_line.follow_up.credit_points.rounding_point = CreditRoundingPoint::PerLine;
    assert_eq!(credit_ledger("e", dec!(0), &monthly, &per_line).unwrap().total, dec!(49.92));
    // Rounding only at the total.
    let mut at_total = Policy::default();
    at_total.follow_up.credit_points.rounding_point = CreditRoundingPoint::Total;
    let l = credit_ledger("e", dec!(1), &two, &at_total).unwrap();
    assert_eq!(l.total, dec!(3.08));
    // Overlapping spans and spans outside the period are errors.
    let clash = [
        entry("2024", P::Good, G::FirstExpert, Some((1, 3))),
        entry("2024-03", P::Good, G::FirstExpert, None),
    ];
    assert!(credit_ledger("e", dec!(0), &clash, &pol).is_err());
    assert!(
        credit_ledger("e", dec!(0), &[entry("2024-Q1", P::Good, G::FirstExpert, Some((3, 4)))], &pol)
            .is_err()
    );
}

#[test]
fn credit_points_before_2023_point_to_starting() {
    use kinerja_core::followup::credit_ledger;
    use kinerja_core::model::{FunctionalGrade as G, Predicate as P};
    let e =
        credit_ledger("e", dec!(0), &[entry("2015", P::VeryGood, G::FirstExpert, None)], &Policy::default())
            .unwrap_err()
            .to_string();
    assert!(e.contains("PermenPANRB 1/2023") && e.contains("`starting`") && e.contains("2015"), "{e}");
    assert!(
        credit_ledger("e", dec!(0), &[entry("2023-01", P::Good, G::FirstExpert, None)], &Policy::default())
            .is_ok()
    );
}

// ---- annual appraisal and roll-up ----

fn rollup_plan(annual: Option<&str>) -> Plan {
    let mut assessments = vec![
        r#"{"period": "2024-Q1", "work_result": "above", "behaviour": {"overall": "above"}}"#.to_string(),
        r#"{"period": "2024-Q2", "work_result": "above", "behaviour": {"overall": "above"}}"#.to_string(),
    ];
    if let Some(r) = annual {
        assessments.push(format!(
            r#"{{"period": "2024", "work_result": "{r}", "behaviour": {{"overall": "{r}"}}}}"#
        ));
    }
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}},
            "year": 2024, "results": [{{"id": "r1", "description": "R", "indicators": [
              {{"id": "i1", "name": "Waktu tunggu", "target": 30, "aggregation": "mean"}}]}}],
            "realisations": [{{"indicator": "i1", "period": "2024-Q1", "actual": 30}},
                             {{"indicator": "i1", "period": "2024-Q2", "actual": 30}},
                             {{"indicator": "i1", "period": "2024-S2", "actual": 30}}],
            "assessments": [{}]}}"#,
        assessments.join(", ")
    ))
    .unwrap()
}

#[test]
fn annual_appraisal_takes_precedence_over_the_rollup() {
    use kinerja_core::model::Predicate;
    use kinerja_core::regime::evaluate;
    use kinerja_core::rules::{AnnualRollup, Ruleset};
    let mut pol = Policy::default();
    pol.rating.annual_rollup = AnnualRollup::LastPeriod;
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(pol).unwrap();
    // Q1, Q2 above/above; annual below/below → the annual appraisal: Sangat Kurang.
    let ev = evaluate(&rollup_plan(Some("below")), p("2024"), &rules).unwrap();
    assert_eq!(ev.predicate, Predicate::VeryPoor);
    assert!(ev.notes.iter().any(|n| n.en.contains("takes precedence")), "{:?}", ev.notes);
    // No annual appraisal: the roll-up (last period, Q2 above/above → Sangat Baik), noted as
    // an incomplete year (6 of 12 months assessed).
    let ev = evaluate(&rollup_plan(None), p("2024"), &rules).unwrap();
    assert_eq!(ev.predicate, Predicate::VeryGood);
    assert!(ev.notes.iter().any(|n| n.en.contains("only 6 of 12 months")), "{:?}", ev.notes);
}

// ---- monitoring against the targets of the periods reported ----

fn monitored(ind: Indicator, reals: &[(&str, Decimal)], as_of: &str, policy: &Policy) -> IndicatorMonitor {
    let m = monitor_plan(&plan(ind, reals), &p(as_of), policy).unwrap();
    m.indicators.into_iter().next().unwrap()
}

/// Back-loaded quarter targets 100 / 200 / 400 / 500 (annual 1200).
fn backloaded() -> Indicator {
    ind(Target::Point(dec!(1200)), Aggregation::Cumulative, &QS)
}

#[test]
fn monitoring_q1_on_plan_checked_in_may_is_on_track() {
    let pol = Policy::default();
    // Q1 reported at exactly its target 100; in May Q2 is not reported yet: measured against Q1
    // only, 100 / 100 = 100 % (not 100 / (100 + 200 × 2/3) = 42.86 %).
    let i = monitored(backloaded(), &[("2024-Q1", dec!(100))], "2024-05", &pol);
    assert_eq!(i.target_to_date, Target::Point(dec!(100)));
    assert_eq!((i.progress, i.status), (Some(dec!(100.00)), TrackStatus::OnTrack));
    // Projection along the declared trajectory: 100 × 1200 / 100 = 1200 → 100 % (a linear
    // projection would say 100 × 12/5 = 240, 20 %).
    assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(1200)), Some(dec!(100.00))));
    let text = i.trace.to_text(Lang::En);
    assert!(text.contains("not reported yet: 2024-04, 2024-05"), "{text}");
    // The linear trajectory is still available: 1200 × 3/12 = 300, 100 / 300 = 33.33 % → off
    // track; projection 100 × 1200 / 300 = 400 → 33.33 %.
    let mut linear = Policy::default();
    linear.follow_up.monitoring.trajectory = Trajectory::Linear;
    let i = monitored(backloaded(), &[("2024-Q1", dec!(100))], "2024-05", &linear);
    assert_eq!((i.progress, i.status), (Some(dec!(33.33)), TrackStatus::OffTrack));
    assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(400)), Some(dec!(33.33))));
}

/// Stunting prevalence (lower is better): Q1 26, Q2 24, Q3 22, Q4 20, year 20.
fn stunting(agg: Aggregation, quarters: &[(&str, Decimal)]) -> Indicator {
    let mut i = ind(Target::Point(dec!(20)), agg, quarters);
    i.polarity = Polarity::LowerIsBetter;
    i
}

#[test]
fn monitoring_levels_before_the_first_period_target_ends() {
    let pol = Policy::default();
    let qs = [("2024-Q1", dec!(26)), ("2024-Q2", dec!(24)), ("2024-Q3", dec!(22)), ("2024-Q4", dec!(20))];
    // 26 in February against the Q1 target 26: (2 − 26/26) × 100 = 100 % → on track (not
    // (2 − 26/20) × 100 = 70 % against the year-end 20). Projection on the trajectory:
    // 26 × 20 / 26 = 20 → 100 %.
    for agg in [Aggregation::Last, Aggregation::Mean] {
        let i = monitored(stunting(agg, &qs), &[("2024-02", dec!(26))], "2024-02", &pol);
        assert_eq!(i.target_to_date, Target::Point(dec!(26)), "{agg:?}");
        assert_eq!((i.progress, i.status), (Some(dec!(100.00)), TrackStatus::OnTrack), "{agg:?}");
        assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(20)), Some(dec!(100.00))));
    }
    // Mean over reported months January 27, February 25: target (26 + 26) / 2 = 26, actual 26.
    let i = monitored(
        stunting(Aggregation::Mean, &qs),
        &[("2024-01", dec!(27)), ("2024-02", dec!(25))],
        "2024-02",
        &pol,
    );
    assert_eq!((i.actual_to_date, i.progress), (Some(dec!(26)), Some(dec!(100.00))));
    // Targets declared from Q2 only: in January the first declared target (Q2: 24) holds, not
    // the year's 20: 24 → (2 − 24/24) × 100 = 100 %.
    let late = [("2024-Q2", dec!(24)), ("2024-Q3", dec!(22)), ("2024-Q4", dec!(20))];
    let i = monitored(stunting(Aggregation::Mean, &late), &[("2024-01", dec!(24))], "2024-01", &pol);
    assert_eq!((i.target_to_date, i.progress), (Target::Point(dec!(24)), Some(dec!(100.00))));
}

#[test]
fn monitoring_a_plan_whose_targets_start_in_q2() {
    let pol = Policy::default();
    // Counts declared Q2 200, Q3 300, Q4 400 (annual 900): nothing is due in January.
    let q = [("2024-Q2", dec!(200)), ("2024-Q3", dec!(300)), ("2024-Q4", dec!(400))];
    let i0 = || ind(Target::Point(dec!(900)), Aggregation::Cumulative, &q);
    // No report in January: on track, nothing due (not "no data", not off track).
    let i = monitored(i0(), &[], "2024-01", &pol);
    assert_eq!(
        (i.status, i.progress, i.target_to_date),
        (TrackStatus::OnTrack, None, Target::Point(dec!(0)))
    );
    assert!(i.trace.to_text(Lang::En).contains("nothing is due yet"));
    // A report of 0 in January: still on track, no projection.
    let i = monitored(i0(), &[("2024-01", dec!(0))], "2024-01", &pol);
    assert_eq!((i.status, i.progress, i.projected_year_end), (TrackStatus::OnTrack, None, None));
    // April: January–March 0 each (nothing due) + April (Q2 200 × 1/3 = 66.67): 70 / 66.67 =
    // 105 % → on track; projection 70 × 900 / 66.67 = 945 → 105 %.
    let reals = [("2024-01", dec!(0)), ("2024-02", dec!(0)), ("2024-03", dec!(0)), ("2024-04", dec!(70))];
    let i = monitored(i0(), &reals, "2024-04", &pol);
    assert_eq!((i.progress, i.status), (Some(dec!(105.00)), TrackStatus::OnTrack));
    assert_eq!((i.projected_year_end, i.projected_achievement), (Some(dec!(945)), Some(dec!(105.00))));
}

// ---- PP 46: quality and time are levels ----

#[test]
fn pp46_quality_and_time_are_never_summed_or_pro_rated_for_a_semester() {
    use kinerja_core::regime::evaluate;
    use kinerja_core::rules::Ruleset;
    // Quality and time left at the default (cumulative) aggregation, reported per quarter.
    // Quantity: S1 declared 6, realised 3 + 3 = 6 → 100. Quality: 90 in Q1 and Q2 → the level
    // 90 (month-weighted mean), against the year's 100 → 90 (summed it would be 180 / 100).
    // Time: 6 months realised in S1 against the 6-month target, held as a level (pro-rated to
    // 3 months it would be 176 − 100 × 6/3 < 0): R/T = 1 → 176 − 100 = 76. Activity
    // (100 + 90 + 76) / 3 = 88.666… → 88.67; final 0.6 × 88.67 + 0.4 × 80 = 53.202 + 32 = 85.20.
    let plan = Plan::from_json(
        r#"{"employee": {"id": "P46", "name": "A", "unit": "u1", "post_type": "executor"},
            "year": 2019, "results": [{"id": "k1", "description": "Laporan", "indicators": [
              {"id": "o", "name": "o", "aspect": "quantity", "target": 12, "period_targets": {"2019-S1": 6}},
              {"id": "k", "name": "k", "aspect": "quality", "target": 100},
              {"id": "w", "name": "w", "aspect": "time", "target": 6}]}],
            "realisations": [
              {"indicator": "o", "period": "2019-Q1", "actual": 3}, {"indicator": "o", "period": "2019-Q2", "actual": 3},
              {"indicator": "k", "period": "2019-Q1", "actual": 90}, {"indicator": "k", "period": "2019-Q2", "actual": 90},
              {"indicator": "w", "period": "2019-S1", "actual": 6}],
            "assessments": [{"period": "2019-S1", "behaviour_score": 80}]}"#,
    )
    .unwrap();
    for prorate in [false, true] {
        let mut pol = Policy::default();
        pol.achievement.prorate_cumulative = prorate;
        let rules = Ruleset::builtin("pp-46-2011").unwrap().with_policy(pol).unwrap();
        let ev = evaluate(&plan, p("2019-S1"), &rules).unwrap();
        let row = |id: &str| ev.indicators.iter().find(|r| r.indicator == id).unwrap();
        assert_eq!((row("k").target, row("k").actual), (Target::Point(dec!(100)), dec!(90)), "{prorate}");
        assert_eq!((row("w").target, row("w").actual), (Target::Point(dec!(6)), dec!(6)), "{prorate}");
        assert_eq!(ev.score, Some(dec!(85.20)), "{prorate}\n{}", ev.explain(Lang::En));
    }
}

/// The trace shows how realisations were aggregated exactly when there were several periods.
#[test]
fn the_trace_shows_the_aggregation_only_over_several_periods() {
    use kinerja_core::regime::evaluate;
    use kinerja_core::rules::Ruleset;
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let with = |reals: &[(&str, u32)]| {
        let reals: Vec<String> = reals
            .iter()
            .map(|(per, a)| format!(r#"{{"indicator": "i1", "period": "{per}", "actual": {a}}}"#))
            .collect();
        Plan::from_json(&format!(
            r#"{{"employee": {{"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"}},
                "year": 2024, "results": [{{"id": "r1", "description": "R", "indicators": [
                  {{"id": "i1", "name": "Pasien", "target": 1200}}]}}],
                "realisations": [{}],
                "assessments": [{{"period": "2024", "work_result": "meets", "behaviour": {{"overall": "meets"}}}}]}}"#,
            reals.join(", ")
        ))
        .unwrap()
    };
    let aggregation_steps = |plan: &Plan| {
        let ev = evaluate(plan, p("2024"), &rules).unwrap();
        ev.trace.steps.into_iter().filter(|s| s.title.en.starts_with("Aggregation of")).collect::<Vec<_>>()
    };
    let quarters = with(&[("2024-Q1", 300), ("2024-Q2", 300), ("2024-Q3", 300), ("2024-Q4", 300)]);
    let steps = aggregation_steps(&quarters);
    assert_eq!(steps.len(), 1, "{steps:?}");
    assert!(steps[0].inputs.contains(&("periods".into(), "2024-Q1, 2024-Q2, 2024-Q3, 2024-Q4".into())));
    assert_eq!(steps[0].value.en, "R = 1200, T = 1200");
    assert!(aggregation_steps(&with(&[("2024", 1200)])).is_empty());
}
