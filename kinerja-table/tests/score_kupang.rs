//! The bundled Kupang roster (monthly realisations, per-period employee rows, a JPT unit head,
//! functional grades, additional results) as canonical tables: scored for the year and each
//! quarter, equal to the scalar `evaluate` of every plan under the example Kupang policy.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod common;

use std::sync::Arc;

use arrow_array::{ArrayRef, Decimal128Array, RecordBatch};
use common::*;
use kinerja_core::explain::Labelled;
use kinerja_core::model::{Plan, Target};
use kinerja_core::period::Period;
use kinerja_core::rules::{Policy, Ruleset};
use kinerja_table::score::{Detail, OnError, ScoreOptions, Tables, score};
use rust_decimal::Decimal;

fn kupang() -> (Vec<Plan>, Ruleset) {
    let roster: serde_json::Value =
        serde_json::from_str(include_str!("../../examples/data/kupang_dinas_kesehatan.json")).unwrap();
    let plans = roster["plans"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| serde_json::from_value::<Plan>(p.clone()).unwrap())
        .collect();
    let policy = Policy::from_toml(include_str!("../../policies/kupang-2024.example.toml")).unwrap();
    (plans, Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap())
}

fn decimals_col(v: &[Option<Decimal>]) -> ArrayRef {
    let scale = v.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
    let m: Vec<Option<i128>> = v
        .iter()
        .map(|d| {
            d.map(|d| {
                let mut d = d;
                d.rescale(scale);
                d.mantissa()
            })
        })
        .collect();
    Arc::new(Decimal128Array::from(m).with_precision_and_scale(38, scale as i8).unwrap())
}

/// The long indicator table and the per-period employee table of `plans`.
fn tables(plans: &[Plan]) -> (RecordBatch, RecordBatch) {
    let (mut emp, mut res, mut kind, mut ind, mut pol, mut agg) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut target, mut low, mut high, mut weight, mut cap, mut period, mut actual) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for p in plans {
        for (r, i) in p.indicators() {
            let reals: Vec<_> = p.realisations.iter().filter(|x| x.indicator == i.id).collect();
            let rows: Vec<(Option<String>, Option<Decimal>)> = if reals.is_empty() {
                vec![(None, None)]
            } else {
                reals.iter().map(|x| (Some(x.period.to_string()), Some(x.actual))).collect()
            };
            for (per, act) in rows {
                emp.push(Some(p.employee.id.clone()));
                res.push(Some(r.id.clone()));
                kind.push(Some(r.kind.value().to_string()));
                ind.push(Some(i.id.clone()));
                pol.push(Some(i.polarity.value().to_string()));
                agg.push(Some(i.aggregation.value().to_string()));
                match i.target {
                    Target::Point(t) => {
                        target.push(Some(t));
                        low.push(None);
                        high.push(None);
                    }
                    Target::Range { low: l, high: h } => {
                        target.push(None);
                        low.push(Some(l));
                        high.push(Some(h));
                    }
                }
                weight.push(i.weight);
                cap.push(i.cap);
                period.push(per);
                actual.push(act);
            }
        }
    }
    let s = |v: Vec<Option<String>>| -> ArrayRef { Arc::new(arrow_array::StringArray::from(v)) };
    let ind = batch(vec![
        ("employee", s(emp)),
        ("result", s(res)),
        ("result_kind", s(kind)),
        ("indicator", s(ind)),
        ("polarity", s(pol)),
        ("aggregation", s(agg)),
        ("target", decimals_col(&target)),
        ("target_low", decimals_col(&low)),
        ("target_high", decimals_col(&high)),
        ("weight", decimals_col(&weight)),
        ("cap", decimals_col(&cap)),
        ("period", s(period)),
        ("actual", decimals_col(&actual)),
    ]);
    let (mut id, mut unit, mut post, mut grade, mut head, mut per, mut work, mut beh, mut org) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for p in plans {
        for a in &p.assessments {
            id.push(Some(p.employee.id.clone()));
            unit.push(Some(p.employee.unit.clone()));
            post.push(Some(p.employee.post_type.value().to_string()));
            grade.push(p.employee.functional_grade.map(|g| g.value().to_string()));
            head.push(Some(p.employee.unit_head));
            per.push(Some(a.period.to_string()));
            work.push(a.work_result.map(|r| r.value().to_string()));
            beh.push(a.behaviour.as_ref().and_then(|b| b.overall).map(|r| r.value().to_string()));
            org.push(a.org_predicate.map(|o| o.value().to_string()));
        }
    }
    let emp = batch(vec![
        ("employee", s(id)),
        ("unit", s(unit)),
        ("post_type", s(post)),
        ("functional_grade", s(grade)),
        ("unit_head", flags(&head)),
        ("period", s(per)),
        ("work_result", s(work)),
        ("behaviour", s(beh)),
        ("org_predicate", s(org)),
    ]);
    (ind, emp)
}

#[test]
fn kupang_frames_score_as_evaluate_does() {
    let (plans, rules) = kupang();
    let (ind, emp) = tables(&plans);
    let t = Tables { indicators: &ind, employees: Some(&emp), units: None };
    // no period given: the only year of the realisations
    let s = score(&t, &rules, &ScoreOptions::default()).unwrap();
    assert_eq!(s.period, Some("2024".parse().unwrap()));
    assert_eq!(s.employees.num_rows(), plans.len());
    assert!(s.employees.column_by_name("credit_points").is_some());
    for p in ["2024", "2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] {
        let period: Period = p.parse().unwrap();
        let options = ScoreOptions {
            period: Some(period),
            on_error: OnError::Collect,
            detail: Detail::Indicator,
            ..ScoreOptions::default()
        };
        let s = score(&t, &rules, &options).unwrap();
        let ind_out = s.indicators.as_ref().unwrap();
        let (ids, emps, ach) =
            (strings(ind_out, "indicator"), strings(ind_out, "employee"), decimals(ind_out, "achievement"));
        for (e, plan) in plans.iter().enumerate() {
            let word = |c: &str| strings(&s.employees, c)[e].clone();
            let ev = match kinerja_core::regime::evaluate(plan, period, &rules) {
                Ok(ev) => ev,
                Err(err) => {
                    assert_eq!(word("status").as_deref(), Some("error"), "{p} {}: {err}", plan.employee.id);
                    continue;
                }
            };
            let who = format!("{p} {}", plan.employee.id);
            assert_eq!(word("status").as_deref(), Some("ok"), "{who}: {:?}", strings(&s.problems, "message"));
            let w = decimals(&s.employees, "weighted_achievement")[e]
                .as_ref()
                .map(|x| x.parse::<Decimal>().unwrap());
            assert_eq!(w, ev.weighted_achievement, "{who}");
            assert_eq!(word("advised_rating").as_deref(), ev.advised_rating.map(|r| r.value()), "{who}");
            assert_eq!(word("work_result").as_deref(), ev.work_result.map(|r| r.value()), "{who}");
            assert_eq!(word("behaviour").as_deref(), ev.behaviour.map(|r| r.value()), "{who}");
            assert_eq!(word("predicate").as_deref(), Some(ev.predicate.value()), "{who}");
            assert_eq!(bools(&s.employees, "disagreement")[e], Some(ev.disagreement), "{who}");
            let rows: Vec<usize> =
                (0..emps.len()).filter(|k| emps[*k].as_deref() == Some(&plan.employee.id)).collect();
            assert_eq!(rows.len(), ev.indicators.len(), "{who}");
            for (k, r) in rows.iter().zip(&ev.indicators) {
                assert_eq!(ids[*k].as_deref(), Some(r.indicator.as_str()), "{who}");
                let a = ach[*k].as_ref().map(|x| x.parse::<Decimal>().unwrap());
                assert_eq!(a, Some(r.achievement), "{who} {}", r.indicator);
            }
        }
        assert_eq!(s.problems.num_rows(), 0, "{p}: {:?}", strings(&s.problems, "message"));
    }
}
