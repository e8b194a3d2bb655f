//! Follow-ups: golden vectors (TV-03, TV-05, TV-06, TV-07, TV-35, TV-36, TV-37), property
//! tests and hostile inputs for credit points, TPP, training, rewards, talent and monitoring.
#![allow(clippy::result_large_err, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::explain::{Authority, Labelled, Lang};
use kinerja_core::followup::*;
use kinerja_core::model::*;
use kinerja_core::period::Period;
use kinerja_core::rules::Policy;
use proptest::prelude::*;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use serde_json::Value;
use std::collections::BTreeMap;

mod support;
use support::golden;

fn dv(v: &Value) -> Decimal {
    v.as_str().unwrap().parse().unwrap()
}

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

// ---------------------------------------------------------------- credit points

#[test]
fn golden_credit_points() {
    let g = golden("followup_credit_points.json");
    let p = Policy::default();
    let cases = g["cases"].as_array().unwrap();
    assert!(cases.len() >= 45);
    for c in cases {
        let id = c["id"].as_str().unwrap();
        let i = &c["input"];
        let e = &c["expected"];
        match i["kind"].as_str().unwrap() {
            "conversion" => {
                let r = credit_points(
                    parse(&i["predicate"]),
                    parse(&i["grade"]),
                    i["months"].as_u64().unwrap() as u8,
                    &p,
                )
                .unwrap();
                assert_eq!(r.exact, dv(&e["exact"]), "{id} exact");
                assert_eq!(r.value, dv(&e["value"]), "{id} value");
                assert_eq!(r.value.to_string(), e["value"].as_str().unwrap(), "{id} printed");
            }
            "annual_cap" => {
                assert_eq!(annual_cap(parse(&i["grade"]), &p).unwrap(), dv(&e["value"]), "{id}");
            }
            "rank_peak" => {
                let r = rank_peak_credit_points(parse(&i["predicate"]), parse(&i["grade"]), &p).unwrap();
                assert_eq!(r.exact, dv(&e["exact"]), "{id}");
                assert_eq!(r.value, dv(&e["value"]), "{id}");
            }
            "ledger" => {
                let entries: Vec<CreditEntry> = parse(&i["entries"]);
                let l = credit_ledger("e1", dv(&i["starting"]), &entries, &p).unwrap();
                assert_eq!(l.total, dv(&e["total"]), "{id}");
                for (y, v) in e["year_totals"].as_object().unwrap() {
                    assert_eq!(l.year_totals[&y.parse::<u16>().unwrap()], dv(v), "{id} {y}");
                }
                assert_eq!(l.lines.last().unwrap().capped, e["last_line_capped"].as_bool().unwrap(), "{id}");
            }
            k => panic!("unknown kind {k}"),
        }
    }
}

#[test]
fn credit_points_explain_with_citations() {
    let p = Policy::default();
    let r = credit_points(Predicate::VeryGood, FunctionalGrade::Beginner, 12, &p).unwrap();
    let id = r.trace.to_text(Lang::Id);
    assert!(id.contains("5,63 (sebelum pembulatan 5,625)"), "{id}");
    // the rounding rule in the reader's language (was `dibulatkan half_up to 2 places`)
    assert!(id.contains("dibulatkan half_up ke 2 desimal") && !id.contains("places"), "{id}");
    assert!(r.trace.to_text(Lang::En).contains("rounded half_up to 2 places"));
    assert!(r.trace.to_text(Lang::En).contains("5.63 (before rounding 5.625)"));
    assert!(id.contains("PermenPANRB 1/2023"), "{id}");
    assert!(r.trace.to_text(Lang::En).contains("[unconfirmed]"));
    // A changed rounding is cited and applied.
    let mut q = Policy::default();
    q.follow_up.credit_points.rounding =
        kinerja_core::num::Rounding { scale: 2, mode: kinerja_core::num::RoundingMode::HalfEven };
    assert_eq!(
        credit_points(Predicate::VeryGood, FunctionalGrade::Beginner, 12, &q).unwrap().value,
        dec!(5.62)
    );
}

#[test]
fn rank_peak_is_not_routine() {
    let p = Policy::default();
    let routine = credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 12, &p).unwrap();
    assert_eq!(routine.value, dec!(25.00));
    let peak = rank_peak_credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, &p).unwrap();
    assert!(peak.trace.steps.iter().any(|s| s.subject == "rank_peak"));
}

#[test]
fn cap_policy_off_lets_rounding_through() {
    let mut p = Policy::default();
    p.follow_up.credit_points.cap_periodic_sum = false;
    p.follow_up.credit_points.rounding_point = kinerja_core::followup::CreditRoundingPoint::PerLine;
    let entries: Vec<CreditEntry> = (1..=12)
        .map(|m| CreditEntry {
            period: Period::month(2024, m).unwrap(),
            predicate: Predicate::VeryGood,
            grade: FunctionalGrade::Beginner,
            months: None,
        })
        .collect();
    let l = credit_ledger("e", Decimal::ZERO, &entries, &p).unwrap();
    assert_eq!(l.total, dec!(5.64));
}

#[test]
fn readiness_marks_grade_column_unconfirmed() {
    let p = Policy::default();
    let r = promotion_readiness(FunctionalGrade::FirstExpert, dec!(100), Some(Predicate::Good), &p).unwrap();
    assert!(r.rank_ready);
    assert_eq!(r.grade_ready, Some(true));
    assert!(r.grade_requirement_unconfirmed);
    assert!(r.trace.steps.iter().any(|s| s.citation.authority == Authority::Unconfirmed));
    let r = promotion_readiness(FunctionalGrade::FirstExpert, dec!(49.99), None, &p).unwrap();
    assert!(!r.rank_ready);
    assert_eq!(r.rank_shortfall, dec!(0.01));
}

#[test]
fn hostile_credit_points() {
    let p = Policy::default();
    let e = credit_points(Predicate::Good, FunctionalGrade::Beginner, 0, &p).unwrap_err();
    assert!(matches!(&e, Error::Instrument { field, .. } if field == "months"), "{e}");
    let e = credit_ledger("e9", dec!(-1), &[], &p).unwrap_err();
    assert!(
        matches!(&e, Error::Instrument { field, at, .. } if field == "starting" && at.employee.as_deref() == Some("e9"))
    );
    let overlap = [
        CreditEntry {
            period: "2024".parse().unwrap(),
            predicate: Predicate::Good,
            grade: FunctionalGrade::Skilled,
            months: None,
        },
        CreditEntry {
            period: "2024-Q2".parse().unwrap(),
            predicate: Predicate::Good,
            grade: FunctionalGrade::Skilled,
            months: None,
        },
    ];
    let e = credit_ledger("e9", dec!(0), &overlap, &p).unwrap_err();
    assert!(matches!(&e, Error::Duplicate { at, .. } if at.period.as_deref() == Some("2024-Q2")), "{e}");
    // Unknown grade in a policy file or an input.
    assert!("ahli_super".parse::<FunctionalGrade>().is_err());
    let e =
        serde_json::from_str::<CreditEntry>(r#"{"period":"2024","predicate":"good","grade":"ahli_super"}"#)
            .unwrap_err()
            .to_string();
    assert!(e.contains("ahli_super"), "{e}");
    // A policy missing a grade is rejected with the path.
    let mut bad = Policy::default();
    bad.follow_up.credit_points.coefficients.remove(&FunctionalGrade::Proficient);
    let e = bad.validate().unwrap_err();
    assert!(
        matches!(&e, Error::Policy { path, .. } if path == "follow_up.credit_points.coefficients.proficient"),
        "{e}"
    );
    let e = Policy::from_json(r#"{"follow_up": {"credit_points": {"coefficients": {"ahli_super": "3"}}}}"#)
        .unwrap_err();
    assert!(matches!(e, Error::Policy { .. }), "{e}");
}

proptest! {
    #[test]
    fn credit_points_never_exceed_cap(
        ps in proptest::collection::vec((0usize..5, 0usize..8), 1..13),
        starting in 0u32..500,
    ) {
        let p = Policy::default();
        // Monthly entries of one year, random predicates and grades.
        let entries: Vec<CreditEntry> = ps.iter().enumerate().map(|(i, (pi, gi))| CreditEntry {
            period: Period::month(2024, (i + 1) as u8).unwrap(),
            predicate: Predicate::ALL[*pi],
            grade: FunctionalGrade::ALL[*gi],
            months: None,
        }).collect();
        let l = credit_ledger("e", Decimal::from(starting), &entries, &p).unwrap();
        let cap = entries.iter().map(|e| annual_cap(e.grade, &p).unwrap()).max().unwrap();
        // The year's exact sum is capped, then rounded once (default rounding_point per_year).
        prop_assert!(l.year_totals[&2024] <= p.follow_up.credit_points.rounding.apply(cap));
        for line in &l.lines {
            prop_assert!(line.credited >= Decimal::ZERO && line.credited <= line.earned);
        }
        prop_assert_eq!(l.total, l.lines.last().unwrap().cumulative);
        prop_assert_eq!(l.total, Decimal::from(starting) + l.year_totals[&2024]);
    }

    #[test]
    fn single_conversion_within_cap(pi in 0usize..5, gi in 0usize..8, m in 1u8..=12) {
        let p = Policy::default();
        let g = FunctionalGrade::ALL[gi];
        let r = credit_points(Predicate::ALL[pi], g, m, &p).unwrap();
        prop_assert!(r.exact <= annual_cap(g, &p).unwrap());
        prop_assert!(r.value >= Decimal::ZERO);
    }
}

// ---------------------------------------------------------------- talent

#[test]
fn golden_talent() {
    let g = golden("followup_talent.json");
    let p = Policy::default();
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        if id == "TV-35" {
            let cells = c["input"]["cells"].as_array().unwrap();
            let boxes = c["expected"]["boxes"].as_array().unwrap();
            assert_eq!(cells.len(), boxes.len(), "{id}: cells and boxes");
            for (cell, b) in cells.iter().zip(boxes) {
                let r: Rating = parse(&cell["performance"]);
                let pot: Potential = parse(&cell["potential"]);
                assert_eq!(u64::from(nine_box(r, pot)), b.as_u64().unwrap(), "{id} {cell}");
            }
            let pool: Vec<u8> = parse(&c["expected"]["talent_pool"]);
            assert_eq!(p.follow_up.talent.pool_boxes, pool);
        } else {
            let t =
                talent_placement("e", parse(&c["input"]["predicate"]), parse(&c["input"]["potential"]), &p)
                    .unwrap();
            assert_eq!(t.performance, parse::<Rating>(&c["expected"]["performance"]), "{id}");
            assert_eq!(u64::from(t.box_number), c["expected"]["box"].as_u64().unwrap(), "{id}");
            assert_eq!(t.in_pool, c["expected"]["in_pool"].as_bool().unwrap(), "{id}");
        }
    }
}

#[test]
fn talent_axis_is_policy() {
    let mut p = Policy::default();
    p.follow_up.talent.predicate_axis.insert(Predicate::Good, Rating::Above);
    let mut p = p.with_provenance();
    let t = talent_placement("e", Predicate::Good, Potential::High, &p).unwrap();
    assert_eq!(t.box_number, 9);
    assert!(t.trace.to_text(Lang::En).contains("[local policy]"));
    assert!("tinggi".parse::<Potential>().is_ok());
    // A non-monotone mapping is rejected.
    p.follow_up.talent.predicate_axis.insert(Predicate::VeryGood, Rating::Below);
    let e = p.validate().unwrap_err();
    assert!(
        matches!(&e, Error::Policy { path, .. } if path == "follow_up.talent.predicate_axis.very_good"),
        "{e}"
    );
    let mut q = Policy::default();
    q.follow_up.talent.pool_boxes = vec![7, 10];
    assert!(
        matches!(q.validate(), Err(Error::Policy { path, .. }) if path == "follow_up.talent.pool_boxes[1]")
    );
}

// ---------------------------------------------------------------- TPP

fn tpp_policy(v: &Value) -> Policy {
    let mut p = Policy::default();
    p.follow_up.tpp = Some(parse(v));
    p.validate().unwrap();
    p.with_provenance()
}

#[test]
fn golden_tpp() {
    let g = golden("followup_tpp.json");
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let p = tpp_policy(&c["input"]["policy"]);
        let input: TppInput = parse(&c["input"]["employee"]);
        let r = tpp(&input, &p).unwrap_or_else(|e| panic!("{id}: {e}"));
        for (k, v) in c["expected"].as_object().unwrap() {
            let got = match k.as_str() {
                "deduction_pct" => r.deduction_pct,
                "discipline_amount" => r.discipline_amount,
                "performance_amount" => r.performance_amount,
                "amount" => r.amount,
                "pct_of_basis" => r.pct_of_basis,
                other => panic!("{id}: unknown field {other}"),
            };
            assert_eq!(got, dv(v), "{id} {k}");
        }
        assert!(r.amount >= Decimal::ZERO && r.amount <= r.basis, "{id}");
        let text = r.trace.to_text(Lang::Id);
        assert!(text.contains("[kebijakan lokal]"), "{id}: {text}");
        assert!(text.contains(" ke 0 desimal") && !text.contains("places"), "{id}: {text}");
    }
}

#[test]
fn tpp_policy_round_trips_through_toml() {
    let g = golden("followup_tpp.json");
    let p = tpp_policy(&g["cases"][0]["input"]["policy"]);
    let toml = p.to_toml().unwrap();
    let back = Policy::from_toml(&toml).unwrap();
    assert_eq!(back.follow_up, p.follow_up);
}

fn tuba() -> Policy {
    tpp_policy(&golden("followup_tpp.json")["cases"][0]["input"]["policy"])
}

fn input(events: Vec<AttendanceEvent>) -> TppInput {
    TppInput {
        employee: "e7".into(),
        unit: "u1".into(),
        period: "2024-05".parse().unwrap(),
        job_class: "9".into(),
        status: EmployeeStatus::Pns,
        predicate: Some(Predicate::Good),
        achievement: None,
        attendance: events,
        discipline_score: None,
        suspended: false,
    }
}

fn late(m: Decimal) -> AttendanceEvent {
    AttendanceEvent {
        kind: AttendanceEventKind::LateArrival,
        minutes: Some(m),
        count: 1,
        note: String::new(),
    }
}

#[test]
fn tpp_deduction_cap_and_suspension() {
    let p = tuba();
    // 80 absences × 3 % = 240 % → capped at 100 %: discipline component 0, never negative.
    let r = tpp(
        &input(vec![AttendanceEvent {
            kind: AttendanceEventKind::Absence,
            minutes: None,
            count: 80,
            note: String::new(),
        }]),
        &p,
    )
    .unwrap();
    assert_eq!(r.deduction_pct_raw, dec!(240));
    assert_eq!(r.deduction_pct, dec!(100));
    assert_eq!(r.discipline_amount, dec!(0));
    assert_eq!(r.amount, dec!(1200000));
    let mut i = input(vec![]);
    i.suspended = true;
    assert_eq!(tpp(&i, &p).unwrap().amount, dec!(0));
    // Per-kind cap.
    let mut q = tuba();
    q.follow_up.tpp.as_mut().unwrap().event_caps.insert(AttendanceEventKind::LateArrival, dec!(1));
    let r = tpp(&input(vec![late(dec!(45)), late(dec!(45)), late(dec!(45))]), &q).unwrap();
    assert_eq!(r.deduction_pct_raw, dec!(3));
    assert_eq!(r.deduction_pct, dec!(1));
}

#[test]
fn tpp_achievement_bands() {
    let mut p = tuba();
    let t = p.follow_up.tpp.as_mut().unwrap();
    t.performance_factor = PerformanceFactor::AchievementBands {
        bands: vec![
            AchievementBand { min: dec!(90), min_inclusive: true, factor: dec!(100) },
            AchievementBand { min: dec!(75), min_inclusive: true, factor: dec!(80) },
            AchievementBand { min: dec!(50), min_inclusive: false, factor: dec!(50) },
        ],
    };
    p.validate().unwrap();
    let mut i = input(vec![]);
    i.predicate = None;
    for (a, f) in
        [(dec!(120), dec!(100)), (dec!(90), dec!(100)), (dec!(89.99), dec!(80)), (dec!(50), dec!(0))]
    {
        i.achievement = Some(a);
        assert_eq!(tpp(&i, &p).unwrap().performance_factor, f, "{a}");
    }
}

#[test]
fn hostile_tpp() {
    let p = tuba();
    // Negative minutes: located at the event row and employee.
    let e = tpp(&input(vec![late(dec!(-5))]), &p).unwrap_err();
    match &e {
        Error::Instrument { instrument, at, field, .. } => {
            assert_eq!(instrument, "tpp");
            assert_eq!(field, "attendance[0].minutes");
            assert_eq!(at.employee.as_deref(), Some("e7"));
            assert_eq!(at.row, None);
            assert_eq!(at.period.as_deref(), Some("2024-05"));
        }
        other => panic!("{other}"),
    }
    // Unknown job class.
    let mut i = input(vec![]);
    i.job_class = "99".into();
    let e = tpp(&i, &p).unwrap_err();
    assert!(
        matches!(&e, Error::Unknown { id, at, .. } if id == "99" && at.employee.as_deref() == Some("e7")),
        "{e}"
    );
    // No TPP policy at all.
    let e = tpp(&input(vec![]), &Policy::default()).unwrap_err();
    assert!(matches!(&e, Error::Policy { path, .. } if path == "follow_up.tpp"), "{e}");
    // Missing minutes, minutes on a non-minute event, missing predicate, wrong year, both inputs.
    let e = tpp(
        &input(vec![AttendanceEvent {
            kind: AttendanceEventKind::LateArrival,
            minutes: None,
            count: 1,
            note: String::new(),
        }]),
        &p,
    )
    .unwrap_err();
    assert!(matches!(&e, Error::Missing { field, .. } if field == "attendance[0].minutes"), "{e}");
    let e = tpp(
        &input(vec![AttendanceEvent {
            kind: AttendanceEventKind::MissedRollCall,
            minutes: Some(dec!(3)),
            count: 1,
            note: String::new(),
        }]),
        &p,
    )
    .unwrap_err();
    assert!(matches!(&e, Error::Instrument { field, .. } if field == "attendance[0].minutes"), "{e}");
    let mut i = input(vec![]);
    i.predicate = None;
    assert!(matches!(tpp(&i, &p), Err(Error::Missing { field, .. }) if field == "predicate"));
    let mut i = input(vec![]);
    i.period = "2025-01".parse().unwrap();
    assert!(matches!(tpp(&i, &p), Err(Error::Instrument { field, .. }) if field == "period"));
    // TPP is monthly: a year, quarter or semester is refused (and so cannot slip past the
    // duplicate check of tpp_many next to a month of the same year).
    for period in ["2024", "2024-Q1", "2024-S1"] {
        let mut i = input(vec![]);
        i.period = period.parse().unwrap();
        let e = tpp(&i, &p).unwrap_err();
        assert!(
            matches!(&e, Error::Instrument { field, reason, .. } if field == "period" && reason.contains("per month")),
            "{period}: {e}"
        );
    }
    // A zero count records no event: refused, located.
    let mut zero = late(dec!(5));
    zero.count = 0;
    let e = tpp(&input(vec![late(dec!(5)), zero]), &p).unwrap_err();
    assert!(matches!(&e, Error::Instrument { field, .. } if field == "attendance[1].count"), "{e}");
    let mut i = input(vec![late(dec!(5))]);
    i.discipline_score = Some(dec!(90));
    assert!(matches!(tpp(&i, &p), Err(Error::Instrument { field, .. }) if field == "discipline_score"));
    // Unknown fields in inputs are refused.
    assert!(
        serde_json::from_str::<AttendanceEvent>(r#"{"kind":"late_arrival","minutes":5,"minutez":1}"#)
            .is_err()
    );
    // Minutes in a gap of the schedule (no top band) are an error unless the policy frees them.
    let mut q = tuba();
    q.follow_up.tpp.as_mut().unwrap().deduction_bands.retain(|b| b.max.is_some());
    let e = tpp(&input(vec![late(dec!(91))]), &q).unwrap_err();
    assert!(
        matches!(&e, Error::Instrument { field, reason, .. } if field == "attendance[0].minutes" && reason.contains("no deduction band")),
        "{e}"
    );
    q.follow_up.tpp.as_mut().unwrap().uncovered_minutes_free = true;
    assert_eq!(tpp(&input(vec![late(dec!(91))]), &q).unwrap().deduction_pct, dec!(0));
}

#[test]
fn hostile_tpp_policy() {
    let base = golden("followup_tpp.json")["cases"][0]["input"]["policy"].clone();
    let check = |edit: &dyn Fn(&mut Value), want: &str| {
        let mut v = base.clone();
        edit(&mut v);
        let mut p = Policy::default();
        p.follow_up.tpp = Some(parse(&v));
        let e = p.validate().unwrap_err();
        assert!(matches!(&e, Error::Policy { path, .. } if path == want), "want {want}, got {e}");
    };
    // Weights not summing to 100.
    check(&|v| v["weights"]["discipline"] = "30".into(), "follow_up.tpp.weights");
    // Overlapping deduction bands (second band starts inside the first).
    check(&|v| v["deduction_bands"][1]["min"] = "30".into(), "follow_up.tpp.deduction_bands[1].min");
    // Touching bounds both inclusive overlap at one point.
    check(
        &|v| v["deduction_bands"][0]["max_inclusive"] = true.into(),
        "follow_up.tpp.deduction_bands[1].min",
    );
    // Empty band.
    check(&|v| v["deduction_bands"][0]["max"] = "1".into(), "follow_up.tpp.deduction_bands[0].max");
    // Negative and over-100 percentages.
    check(
        &|v| v["deduction_bands"][2]["deduction_pct"] = "-1".into(),
        "follow_up.tpp.deduction_bands[2].deduction_pct",
    );
    check(&|v| v["status_shares"]["cpns"] = "120".into(), "follow_up.tpp.status_shares.cpns");
    check(&|v| v["deduction_bands"][0]["min"] = "-3".into(), "follow_up.tpp.deduction_bands[0].min");
    check(&|v| v["basis"]["9"] = "-1".into(), "follow_up.tpp.basis.9");
    check(&|v| v["basis"]["9"] = "1000.5".into(), "follow_up.tpp.basis.9");
    check(
        &|v| v["deduction_bands"][0]["event"] = "missed_roll_call".into(),
        "follow_up.tpp.deduction_bands[0].event",
    );
    check(&|v| v["region"] = "".into(), "follow_up.tpp.region");
    check(
        &|v| {
            v["performance_factor"]["factors"].as_object_mut().unwrap().remove("good");
        },
        "follow_up.tpp.performance_factor.factors.good",
    );
    // Unknown fields in a policy file are refused.
    let mut v = base.clone();
    v["weigths"] = Value::Null;
    assert!(serde_json::from_value::<TppPolicy>(v).is_err());
}

proptest! {
    #[test]
    fn tpp_never_negative_never_above_basis(
        basis in 0u64..100_000_000,
        wp in 0u32..=100,
        pi in 0usize..5,
        ach in 0u32..300,
        linear in any::<bool>(),
        events in proptest::collection::vec((0usize..5, 0u32..400, 1u32..30), 0..12),
        cpns in any::<bool>(),
        share in 0u32..=100,
    ) {
        let mut p = tuba();
        {
            let t = p.follow_up.tpp.as_mut().unwrap();
            t.basis.insert("9".into(), Decimal::from(basis));
            t.weights = TppWeights { performance: Decimal::from(wp), discipline: Decimal::from(100 - wp) };
            t.status_shares.insert(EmployeeStatus::Cpns, Decimal::from(share));
            if linear {
                t.performance_factor = PerformanceFactor::AchievementLinear;
            }
        }
        p.validate().unwrap();
        let mut i = input(events.iter().map(|(k, m, c)| {
            let kind = AttendanceEventKind::ALL[*k];
            AttendanceEvent {
                kind,
                minutes: kind.uses_minutes().then(|| Decimal::from(*m)),
                count: *c,
                note: String::new(),
            }
        }).collect());
        i.predicate = Some(Predicate::ALL[pi]);
        i.achievement = Some(Decimal::from(ach));
        if cpns { i.status = EmployeeStatus::Cpns; }
        let r = tpp(&i, &p).unwrap();
        prop_assert!(r.amount >= Decimal::ZERO);
        prop_assert!(r.amount <= r.basis);
        prop_assert!(r.exact <= r.basis);
        prop_assert!(r.deduction_pct <= Decimal::ONE_HUNDRED);
        prop_assert_eq!(r.amount.scale(), 0);
    }
}

// ---------------------------------------------------------------- training and rewards

#[test]
fn golden_training() {
    let g = golden("followup_training.json");
    let p = Policy::default();
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let n = training_needs(&parse::<TrainingInput>(&c["input"]), &p).unwrap();
        let codes: Vec<String> = n.needs.iter().map(|x| x.topic.code.clone()).collect();
        assert_eq!(codes, parse::<Vec<String>>(&c["expected"]["topics"]), "{id}");
        let want: BTreeMap<String, Vec<String>> =
            c["expected"].get("indicator_sources").map(parse).unwrap_or_default();
        for (code, ids) in want {
            let need = n.needs.iter().find(|x| x.topic.code == code).unwrap();
            let got: Vec<String> = need
                .sources
                .iter()
                .filter_map(|s| match s {
                    NeedSource::Indicator(i) => Some(i.clone()),
                    _ => None,
                })
                .collect();
            assert_eq!(got, ids, "{id} {code}");
        }
    }
}

#[test]
fn golden_rewards() {
    let g = golden("followup_rewards.json");
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let i = &c["input"];
        let mut p = Policy::default();
        p.follow_up.rewards = parse(&i["rewards"]);
        p.validate().unwrap();
        let hs: Vec<EmployeeHistory> = parse(&i["histories"]);
        let l = follow_up_lists(&hs, i["year"].as_u64().unwrap() as u16, &p).unwrap();
        let ids = |v: &[Listed]| v.iter().map(|x| x.employee.clone()).collect::<Vec<_>>();
        let e = &c["expected"];
        assert_eq!(ids(&l.promotion), parse::<Vec<String>>(&e["promotion"]), "{id} promotion");
        assert_eq!(ids(&l.award), parse::<Vec<String>>(&e["award"]), "{id} award");
        assert_eq!(
            ids(&l.development_plan),
            parse::<Vec<String>>(&e["development_plan"]),
            "{id} development"
        );
        assert_eq!(ids(&l.sanction_review), parse::<Vec<String>>(&e["sanction_review"]), "{id} sanction");
    }
}

#[test]
fn training_from_evaluation_inputs() {
    let p = Policy::default();
    let b = Behaviour {
        values: BTreeMap::from([
            (CoreValue::Accountable, Rating::Below),
            (CoreValue::Collaborative, Rating::Below),
            (CoreValue::Loyal, Rating::Above),
        ]),
        overall: Some(Rating::Below),
    };
    let i = TrainingInput {
        employee: "e1".into(),
        unit: "puskesmas-a".into(),
        work_result: Some(Rating::Below),
        behaviour: Some(b),
        indicators: vec![
            IndicatorAchievement {
                indicator: "i1".into(),
                name: "Kunjungan".into(),
                achievement: dec!(62.5),
            },
            IndicatorAchievement { indicator: "i2".into(), name: "Imunisasi".into(), achievement: dec!(101) },
        ],
    };
    let n = training_needs(&i, &p).unwrap();
    let codes: Vec<&str> = n.needs.iter().map(|x| x.topic.code.as_str()).collect();
    assert_eq!(codes, ["KIN", "AKT", "KOL", "IKI"]);
    assert!(n.trace.to_text(Lang::En).contains("indicator i1 achievement 62.5% < 80%"));
    let j = TrainingInput { employee: "e2".into(), unit: "puskesmas-b".into(), ..i.clone() };
    let s = summarise_training(&[n, training_needs(&j, &p).unwrap()]).unwrap();
    assert_eq!(s.organisation["AKT"], 2);
    assert_eq!(s.per_unit["puskesmas-a"]["IKI"], 1);
    assert_eq!(s.employees_with_needs, 2);
    let mut bad = i;
    bad.indicators[0].achievement = dec!(-1);
    assert!(
        matches!(training_needs(&bad, &p), Err(Error::Indicator { at, .. }) if at.indicator.as_deref() == Some("i1"))
    );
    let mut q = Policy::default();
    q.follow_up.training.core_value_topics.remove(&CoreValue::Loyal);
    assert!(
        matches!(q.validate(), Err(Error::Policy { path, .. }) if path == "follow_up.training.core_value_topics.loyal")
    );
}

#[test]
fn reward_and_sanction_lists() {
    let mut p = Policy::default();
    p.follow_up.rewards.sanction_years = 2;
    p.follow_up.rewards.promotion_years = 2;
    let h = |id: &str, ps: &[(u16, Predicate)]| EmployeeHistory {
        employee: id.into(),
        unit: "u".into(),
        predicates: ps.iter().copied().collect(),
    };
    let hs = [
        h("sb2", &[(2023, Predicate::VeryGood), (2024, Predicate::VeryGood)]),
        h("b1", &[(2024, Predicate::Good)]),
        h("k2", &[(2023, Predicate::VeryPoor), (2024, Predicate::PoorMisconduct)]),
        h("k-gap", &[(2022, Predicate::VeryPoor), (2024, Predicate::PoorMisconduct)]),
        h("none", &[(2023, Predicate::Good)]),
    ];
    let l = follow_up_lists(&hs, 2024, &p).unwrap();
    let ids = |v: &[Listed]| v.iter().map(|x| x.employee.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&l.promotion), ["sb2"]);
    assert_eq!(ids(&l.award), ["sb2"]);
    assert_eq!(ids(&l.development_plan), ["k2", "k-gap"]);
    assert_eq!(ids(&l.sanction_review), ["k2"]);
    assert!(l.sanction_review[0].reason.en.contains("2 consecutive year(s)"));
    assert_eq!(l.sanction_review[0].citation.authority, Authority::Unconfirmed);
    p.follow_up.rewards.sanction_consecutive = false;
    let l = follow_up_lists(&hs, 2024, &p).unwrap();
    assert_eq!(ids(&l.sanction_review), ["k2", "k-gap"]);
    // Development plan only after repeated low predicates.
    p.follow_up.rewards.development_years = 2;
    let l = follow_up_lists(&hs, 2024, &p).unwrap();
    assert_eq!(ids(&l.development_plan), ["k2"]);
    assert!(l.development_plan[0].reason.en.contains("last 2 year(s)"));
    assert_eq!(l.development_plan[0].citation.authority, Authority::LocalPolicy);
    // Hostile: a year after the reference year, zero years in the policy.
    let e = follow_up_lists(&[h("x", &[(2025, Predicate::Good)])], 2024, &p).unwrap_err();
    assert!(matches!(&e, Error::Input { at, .. } if at.employee.as_deref() == Some("x")), "{e}");
    p.follow_up.rewards.sanction_years = 0;
    assert!(
        matches!(p.validate(), Err(Error::Policy { path, .. }) if path == "follow_up.rewards.sanction_years")
    );
    assert_eq!(FollowUpKind::Award.label(Lang::Id), "Penghargaan");
}

// ---------------------------------------------------------------- monitoring

fn plan() -> Plan {
    Plan::from_json(
        r#"{
      "employee": {"id": "e1", "name": "A", "unit": "pkm-1", "post_type": "executor"},
      "year": 2024,
      "results": [{"id": "r1", "description": "Layanan", "indicators": [
        {"id": "visits", "name": "Kunjungan", "target": 1200},
        {"id": "immun", "name": "Imunisasi", "target": 400,
         "period_targets": {"2024-Q1": 50, "2024-Q2": 100, "2024-Q3": 100, "2024-Q4": 150}},
        {"id": "wait", "name": "Waktu tunggu", "target": 30, "polarity": "lower_is_better", "aggregation": "mean"},
        {"id": "nodata", "name": "Belum lapor", "target": 10}
      ]}],
      "realisations": [
        {"indicator": "visits", "period": "2024-01", "actual": 100},
        {"indicator": "visits", "period": "2024-02", "actual": 90},
        {"indicator": "visits", "period": "2024-03", "actual": 80},
        {"indicator": "visits", "period": "2024-04", "actual": 70},
        {"indicator": "immun", "period": "2024-Q1", "actual": 60},
        {"indicator": "immun", "period": "2024-04", "actual": 20},
        {"indicator": "wait", "period": "2024-Q1", "actual": 33},
        {"indicator": "wait", "period": "2024-04", "actual": 36}
      ]
    }"#,
    )
    .unwrap()
}

#[test]
fn monitoring_statuses_and_projection() {
    let p = Policy::default();
    let m = monitor_plan(&plan(), &"2024-04".parse().unwrap(), &p).unwrap();
    assert_eq!(m.months_elapsed, 4);
    let get = |id: &str| m.indicators.iter().find(|i| i.indicator == id).unwrap();
    // visits: no period targets, so each reported month is 1200 × 1/12 = 100 on the trajectory:
    // 340 of 400 = 85 % → at risk; projection 340 × 1200/400 = 1020 → 85 %.
    let v = get("visits");
    assert_eq!(v.target_to_date, Target::Point(dec!(400)));
    assert_eq!(v.progress, Some(dec!(85.00)));
    assert_eq!(v.status, TrackStatus::AtRisk);
    assert_eq!(v.projected_year_end, Some(dec!(1020)));
    assert_eq!(v.projected_achievement, Some(dec!(85.00)));
    // immun: reported Q1 (declared 50) and April (Q2 100 × 1/3 = 33.333…): 83.333…; actual
    // 80 → 96.00 % → on track; projection along the trajectory 80 × 400 / 83.333… = 384 → 96 %.
    let i = get("immun");
    assert_eq!(i.progress, Some(dec!(96.00)));
    assert_eq!(i.status, TrackStatus::OnTrack);
    assert_eq!(i.projected_year_end, Some(dec!(384)));
    assert_eq!(i.projected_achievement, Some(dec!(96.00)));
    // wait (lower is better, mean): month-weighted (3 × 33 + 36) / 4 = 33.75 vs 30 →
    // (2 − 1.125) × 100 = 87.5 % → at risk.
    let w = get("wait");
    assert_eq!(w.actual_to_date, Some(dec!(33.75)));
    assert_eq!(w.progress, Some(dec!(87.50)));
    assert_eq!(w.status, TrackStatus::AtRisk);
    assert_eq!(get("nodata").status, TrackStatus::NoData);
    assert_eq!(m.status, TrackStatus::NoData);
    // Linear trajectory: immun 400 × 4/12 = 133.33…, 80 → 60 % → off track.
    let mut q = Policy::default();
    q.follow_up.monitoring.trajectory = Trajectory::Linear;
    let m2 = monitor_plan(&plan(), &"2024-04".parse().unwrap(), &q).unwrap();
    let i2 = m2.indicators.iter().find(|i| i.indicator == "immun").unwrap();
    assert_eq!(i2.progress, Some(dec!(60.00)));
    assert_eq!(i2.status, TrackStatus::OffTrack);
    assert_eq!(m2.status, TrackStatus::OffTrack);
    // As of July with reports up to April: still measured against January–April (400), the
    // months not reported are named in the trace.
    let m3 = monitor_plan(&plan(), &"2024-07".parse().unwrap(), &p).unwrap();
    let v3 = m3.indicators.iter().find(|i| i.indicator == "visits").unwrap();
    assert_eq!((v3.target_to_date, v3.progress), (Target::Point(dec!(400)), Some(dec!(85.00))));
    assert_eq!(v3.projected_year_end, Some(dec!(1020)));
    let text3 = v3.trace.to_text(Lang::En);
    assert!(text3.contains("not reported yet: 2024-05, 2024-06, 2024-07"), "{text3}");
    let text = v.trace.to_text(Lang::En);
    assert!(text.contains("340 × 1200/400 = 1020"), "{text}");
    // Watchlist for the unit.
    let wl = watchlist(&[m, m2]);
    assert_eq!(wl.items.first().unwrap().status, TrackStatus::OffTrack);
    assert_eq!(wl.employees["pkm-1"]["e1"], TrackStatus::OffTrack);
    assert!(wl.items.iter().any(|x| x.reason.id.contains("belum ada realisasi")));
}

#[test]
fn hostile_monitoring() {
    let p = Policy::default();
    let e = monitor_plan(&plan(), &"2025-01".parse().unwrap(), &p).unwrap_err();
    assert!(matches!(&e, Error::Input { field, .. } if field == "as_of"), "{e}");
    let mut pl = plan();
    pl.realisations.push(Realisation {
        indicator: "visits".into(),
        period: "2024-Q1".parse().unwrap(),
        actual: dec!(1),
    });
    let e = monitor_plan(&pl, &"2024-06".parse().unwrap(), &p).unwrap_err();
    assert!(matches!(&e, Error::Duplicate { at, .. } if at.indicator.as_deref() == Some("visits")), "{e}");
    // Quarter targets that do not add up to the annual target, with the policy making that an
    // error: 60 + 100 + 100 + 150 = 410 ≠ 400.
    let mut pl = plan();
    pl.results[0].indicators[1].period_targets.insert("2024-Q1".parse().unwrap(), Target::Point(dec!(60)));
    let mut strict = Policy::default();
    strict.achievement.period_target_mismatch = kinerja_core::achievement::PeriodTargetMismatch::Error;
    let e = monitor_plan(&pl, &"2024-06".parse().unwrap(), &strict).unwrap_err();
    assert!(matches!(&e, Error::Indicator { field, .. } if field == "period_targets"), "{e}");
    // Nested declared targets resolve to the most specific one (no ambiguity).
    let mut pl = plan();
    pl.results[0].indicators[1].period_targets.insert("2024-04".parse().unwrap(), Target::Point(dec!(40)));
    let m = monitor_plan(&pl, &"2024-04".parse().unwrap(), &p).unwrap();
    let i = m.indicators.iter().find(|i| i.indicator == "immun").unwrap();
    // Q1 50 + April 40 = 90; actual 80 → 88.89 %.
    assert_eq!((i.target_to_date, i.progress), (Target::Point(dec!(90)), Some(dec!(88.89))));
    let mut q = Policy::default();
    q.follow_up.monitoring.at_risk_min = dec!(99);
    assert!(
        matches!(q.validate(), Err(Error::Policy { path, .. }) if path == "follow_up.monitoring.at_risk_min")
    );
}

#[test]
fn default_policy_validates_and_round_trips() {
    let p = Policy::default();
    p.validate().unwrap();
    let back = Policy::from_json(&p.to_json()).unwrap();
    assert_eq!(back.follow_up, p.follow_up);
    let back = Policy::from_toml(&p.to_toml().unwrap()).unwrap();
    assert_eq!(back.follow_up, p.follow_up);
}

// ---------------------------------------------------------------- more

#[test]
fn tpp_batch_names_the_row() {
    let p = tuba();
    let ok = input(vec![late(dec!(10))]);
    let mut bad = input(vec![late(dec!(-1))]);
    bad.employee = "e8".into();
    let e = tpp_many(&[ok.clone(), bad], &p).unwrap_err();
    assert_eq!(e.location().unwrap().row, Some(1));
    assert_eq!(e.location().unwrap().employee.as_deref(), Some("e8"));
    let e = tpp_many(&[ok.clone(), ok.clone()], &p).unwrap_err();
    assert!(matches!(&e, Error::Duplicate { at, .. } if at.row == Some(1)), "{e}");
    assert_eq!(tpp_many(&[ok], &p).unwrap().len(), 1);
}

#[test]
fn tpp_band_bounds_must_be_explicit() {
    let mut v = golden("followup_tpp.json")["cases"][0]["input"]["policy"].clone();
    v["deduction_bands"][2].as_object_mut().unwrap().remove("max_inclusive");
    let mut p = Policy::default();
    p.follow_up.tpp = Some(parse(&v));
    let e = p.validate().unwrap_err();
    assert!(
        matches!(&e, Error::Policy { path, .. } if path == "follow_up.tpp.deduction_bands[2].max_inclusive"),
        "{e}"
    );
    // A band without an upper bound needs no flag.
    let mut v = golden("followup_tpp.json")["cases"][0]["input"]["policy"].clone();
    v["deduction_bands"][3].as_object_mut().unwrap().remove("max_inclusive");
    p.follow_up.tpp = Some(parse(&v));
    p.validate().unwrap();
}

#[test]
fn training_input_from_an_evaluation() {
    use kinerja_core::achievement::AchievementRule;
    use kinerja_core::explain::{BiText, Trace};
    use kinerja_core::rules::RegimeId;
    use kinerja_core::{Evaluation, IndicatorResult};
    let ind = |id: &str, a: Decimal| IndicatorResult {
        indicator: id.into(),
        name: id.into(),
        result: "r1".into(),
        kind: ResultKind::Primary,
        polarity: Polarity::HigherIsBetter,
        aggregation: Aggregation::Cumulative,
        target: Target::Point(dec!(100)),
        actual: a,
        achievement: a,
        achievement_raw: a,
        rule: AchievementRule::Normal,
        weight: dec!(0.5),
        score: None,
    };
    let ev = Evaluation {
        employee: "e1".into(),
        name: "A".into(),
        unit: "u1".into(),
        period: "2024".parse().unwrap(),
        regime: RegimeId::Permenpanrb6_2022,
        policy_id: "national-default".into(),
        policy_version: "1".into(),
        indicators: vec![ind("i1", dec!(70)), ind("i2", dec!(95))],
        weighted_achievement: Some(dec!(82.5)),
        weights_normalised: false,
        advised_rating: None,
        work_result: Some(Rating::Meets),
        work_result_source: None,
        disagreement: false,
        behaviour: Some(Rating::Below),
        score: None,
        predicate: Predicate::PoorMisconduct,
        notes: vec![],
        trace: Trace::new(BiText::same("")),
    };
    let p = Policy::default();
    // The same evaluation feeds credit points and the reward lists.
    let e = CreditEntry::from_evaluation(&ev, FunctionalGrade::FirstExpert);
    assert_eq!(credit_ledger("e1", dec!(0), &[e], &p).unwrap().total, dec!(6.25));
    let mut ev23 = ev.clone();
    ev23.period = "2023".parse().unwrap();
    ev23.predicate = Predicate::VeryPoor;
    let mut q1 = ev.clone();
    q1.period = "2024-Q1".parse().unwrap();
    let h = EmployeeHistory::from_evaluations(&[ev23.clone(), q1, ev.clone()]).unwrap();
    assert_eq!(h.predicates.len(), 2);
    let mut p2 = Policy::default();
    p2.follow_up.rewards.sanction_years = 2;
    assert_eq!(follow_up_lists(&[h], 2024, &p2).unwrap().sanction_review.len(), 1);
    let mut other = ev.clone();
    other.employee = "e2".into();
    assert!(matches!(EmployeeHistory::from_evaluations(&[ev.clone(), other]), Err(Error::Input { .. })));
    assert!(matches!(
        EmployeeHistory::from_evaluations(&[ev.clone(), ev.clone()]),
        Err(Error::Duplicate { .. })
    ));
    let n = training_needs(&TrainingInput::from_evaluation(&ev, None), &p).unwrap();
    let codes: Vec<&str> = n.needs.iter().map(|x| x.topic.code.as_str()).collect();
    assert_eq!(codes, ["BER", "IKI"]);
    let b = Behaviour { values: BTreeMap::from([(CoreValue::Adaptive, Rating::Below)]), overall: None };
    let n = training_needs(&TrainingInput::from_evaluation(&ev, Some(b)), &p).unwrap();
    let codes: Vec<&str> = n.needs.iter().map(|x| x.topic.code.as_str()).collect();
    assert_eq!(codes, ["ADP", "IKI"]);
}

#[test]
fn policy_schema_covers_follow_up() {
    let s = Policy::json_schema();
    for k in [
        "deduction_bands",
        "max_inclusive",
        "predicate_axis",
        "cap_periodic_sum",
        "core_value_topics",
        "on_track_min",
    ] {
        assert!(s.contains(k), "{k}");
    }
}

#[test]
fn monitoring_nothing_due_yet() {
    let mut pl = plan();
    pl.results[0].indicators[1].period_targets.insert("2024-Q1".parse().unwrap(), Target::Point(dec!(0)));
    let m = monitor_plan(&pl, &"2024-03".parse().unwrap(), &Policy::default()).unwrap();
    let i = m.indicators.iter().find(|i| i.indicator == "immun").unwrap();
    assert_eq!(i.progress, None);
    assert_eq!(i.status, TrackStatus::OnTrack);
    // No point of the trajectory is due yet, so there is nothing to project along (a linear
    // 60 × 12/3 = 240 would ignore the declared targets).
    assert_eq!((i.projected_year_end, i.projected_achievement), (None, None));
    assert!(i.trace.to_text(Lang::En).contains("nothing is due yet: no projection"));
}

#[test]
fn golden_monitoring() {
    let g = golden("followup_monitoring.json");
    for c in g["cases"].as_array().unwrap() {
        let id = c["id"].as_str().unwrap();
        let plan = Plan::from_json(&c["input"]["plan"].to_string()).unwrap();
        let mut p = Policy::default();
        p.follow_up.monitoring.trajectory = parse(&c["input"]["trajectory"]);
        let m = monitor_plan(&plan, &parse(&c["input"]["as_of"]), &p).unwrap();
        assert_eq!(m.status, parse::<TrackStatus>(&c["expected"]["status"]), "{id}");
        for (ind, exp) in c["expected"]["indicators"].as_object().unwrap() {
            let got = m.indicators.iter().find(|i| &i.indicator == ind).unwrap();
            for (k, v) in exp.as_object().unwrap() {
                let printed = match k.as_str() {
                    "status" => got.status.value().to_string(),
                    "target_to_date" => got.target_to_date.to_string(),
                    "actual_to_date" => got.actual_to_date.unwrap().normalize().to_string(),
                    "progress" => got.progress.unwrap().to_string(),
                    "projected_year_end" => got.projected_year_end.unwrap().normalize().to_string(),
                    "projected_achievement" => got.projected_achievement.unwrap().to_string(),
                    other => panic!("{id}: unknown field {other}"),
                };
                assert_eq!(printed, v.as_str().unwrap(), "{id} {ind} {k}");
            }
        }
    }
}

#[test]
fn tpp_minutes_schedule_both_sides_of_31_and_61() {
    // The Tulang Bawang schedule: 1–30 min 0.5 %, 31–60 min 1 %, 61–90 min 1.25 %, ≥ 91 min
    // 1.5 % per occurrence, lower bound inclusive, upper exclusive.
    let p = tuba();
    for (minutes, pct) in [
        (dec!(1), dec!(0.5)),
        (dec!(30), dec!(0.5)),
        (dec!(30.99), dec!(0.5)),
        (dec!(31), dec!(1)),
        (dec!(31.01), dec!(1)),
        (dec!(60), dec!(1)),
        (dec!(60.99), dec!(1)),
        (dec!(61), dec!(1.25)),
        (dec!(61.01), dec!(1.25)),
        (dec!(90.99), dec!(1.25)),
        (dec!(91), dec!(1.5)),
        (dec!(240), dec!(1.5)),
    ] {
        for kind in [AttendanceEventKind::LateArrival, AttendanceEventKind::EarlyDeparture] {
            let ev = AttendanceEvent { kind, minutes: Some(minutes), count: 1, note: String::new() };
            let r = tpp(&input(vec![ev]), &p).unwrap_or_else(|e| panic!("{kind:?} {minutes}: {e}"));
            assert_eq!(r.deduction_pct, pct, "{kind:?} {minutes} min");
            assert_eq!(r.deductions.len(), 1, "{kind:?} {minutes} min");
            assert_eq!(r.deductions[0].pct_each, pct, "{kind:?} {minutes} min");
        }
    }
    // Below the first band (under a minute late) no band applies: an error, not a silent zero.
    assert!(tpp(&input(vec![late(dec!(0.99))]), &p).is_err());
}

/// A late arrival's band is worded in the explanation's language (`menit` / `minutes`; it was
/// `menit/minutes` in both), and the result's line names it in English.
#[test]
fn a_deduction_band_is_worded_in_one_language() {
    let r = tpp(&input(vec![late(dec!(45))]), &tuba()).unwrap();
    let (id, en) = (r.trace.to_text(Lang::Id), r.trace.to_text(Lang::En));
    let line = r.deductions.first().expect("one deduction line");
    assert!(line.rule.starts_with("deduction_bands[") && line.rule.ends_with(" minutes"), "{}", line.rule);
    assert!(id.contains(" menit)") && !id.contains("minutes"), "{id}");
    assert!(en.contains(" minutes)") && !en.contains("menit/"), "{en}");
}
