//! Tests for `kinerja-core/src/followup/month_predicate.rs` (cargo-mutants on the whole file):
//! each refusal names the month or the repeated period it is about (`Location::period`), with
//! its exact wording in both languages, and the explanation states the rule the caller chose
//! in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::{Error, Location};
use kinerja_core::explain::{Authority, BiText, Lang};
use kinerja_core::followup::{MonthPredicateRule, month_predicate};
use kinerja_core::model::Predicate;
use kinerja_core::period::Period;

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn at_period(s: &str) -> Location {
    Location { period: Some(s.into()), ..Default::default() }
}

/// A quarter given as the month is refused, located at that period, with the example month of
/// its year.
#[test]
fn a_period_that_is_not_a_month_is_refused_at_that_period() {
    let e = month_predicate(p("2024-Q1"), &[(p("2024-S1"), Predicate::Good)], MonthPredicateRule::Covering)
        .unwrap_err();
    assert_eq!(
        e,
        Error::Input {
            at: at_period("2024-Q1"),
            field: "month".into(),
            reason: "`2024-Q1` is not a month; give a month such as `2024-01`".into(),
        }
    );
    assert_eq!(
        e.message(Lang::En),
        "period 2024-Q1: month: `2024-Q1` is not a month; give a month such as `2024-01`"
    );
    assert_eq!(
        e.message(Lang::Id),
        "periode 2024-Q1: `month`: `2024-Q1` bukan bulan; isikan bulan, mis. `2024-01`"
    );
}

/// An appraisal period given twice is refused, located at the repeated period (not the month).
#[test]
fn a_repeated_appraisal_period_is_refused_at_that_period() {
    let twice =
        [(p("2024-S1"), Predicate::Good), (p("2023"), Predicate::Good), (p("2024-S1"), Predicate::VeryGood)];
    let e = month_predicate(p("2024-09"), &twice, MonthPredicateRule::LastCompleted).unwrap_err();
    assert_eq!(
        e,
        Error::Duplicate { at: at_period("2024-S1"), kind: "appraisal period".into(), id: "2024-S1".into() }
    );
    assert_eq!(e.message(Lang::En), "period 2024-S1: duplicate appraisal period `2024-S1`");
    assert_eq!(e.message(Lang::Id), "periode 2024-S1: periode penilaian `2024-S1` tercatat dua kali");
}

/// A month no appraisal pays is refused, located at the month, saying which appraisal is
/// needed under each rule — in Indonesian wholly in Indonesian (the needed appraisal was left in
/// English: "diperlukan an appraisal of a period that ended before 2024-03").
#[test]
fn a_month_without_a_qualifying_appraisal_is_refused_at_the_month() {
    let first_year = [(p("2024-S1"), Predicate::Good)];
    let e = month_predicate(p("2024-03"), &first_year, MonthPredicateRule::LastCompleted).unwrap_err();
    assert_eq!(
        e,
        Error::Missing {
            at: at_period("2024-03"),
            field: "predicate".into(),
            reason:
                "no appraisal pays this month: an appraisal of a period that ended before 2024-03 is needed"
                    .into(),
        }
    );
    assert_eq!(
        e.message(Lang::En),
        "period 2024-03: missing predicate: no appraisal pays this month: an appraisal of a period that ended before 2024-03 is needed"
    );
    assert_eq!(
        e.message(Lang::Id),
        "periode 2024-03: `predicate` belum diisi: tidak ada penilaian yang menjadi dasar pembayaran bulan ini: diperlukan penilaian atas periode yang berakhir sebelum 2024-03"
    );
    let e = month_predicate(p("2024-09"), &first_year, MonthPredicateRule::Covering).unwrap_err();
    assert_eq!(
        e,
        Error::Missing {
            at: at_period("2024-09"),
            field: "predicate".into(),
            reason: "no appraisal pays this month: an appraisal of a period containing 2024-09 is needed"
                .into(),
        }
    );
    assert_eq!(
        e.message(Lang::Id),
        "periode 2024-09: `predicate` belum diisi: tidak ada penilaian yang menjadi dasar pembayaran bulan ini: diperlukan penilaian atas periode yang mencakup 2024-09"
    );
}

/// The explanation's one step states the chosen rule in both languages, cites it as an
/// unconfirmed engine convention chosen by the caller, and names the month and the count of
/// appraisals read.
#[test]
fn the_explanation_states_the_chosen_rule_in_both_languages() {
    let known = [(p("2023"), Predicate::Good), (p("2024-S1"), Predicate::VeryGood)];
    let r = month_predicate(p("2024-03"), &known, MonthPredicateRule::Covering).unwrap();
    assert_eq!((r.month, r.source, r.predicate), (p("2024-03"), p("2024-S1"), Predicate::VeryGood));
    assert_eq!(r.trace.steps.len(), 1);
    let s = &r.trace.steps[0];
    assert_eq!(s.subject, "predicate");
    assert_eq!(
        s.formula,
        BiText::new(
            "predikat periode penilaian terpendek yang mencakup bulan ini",
            "the predicate of the shortest appraisal period containing the month"
        )
    );
    assert_eq!(s.value, BiText::new("Sangat Baik (periode 2024-S1)", "Very good (period 2024-S1)"));
    assert_eq!(s.citation.authority, Authority::Unconfirmed);
    assert_eq!(
        s.inputs,
        vec![("month".to_string(), "2024-03".to_string()), ("appraisals".to_string(), "2".to_string())]
    );

    let r = month_predicate(p("2024-03"), &known, MonthPredicateRule::LastCompleted).unwrap();
    assert_eq!((r.source, r.predicate), (p("2023"), Predicate::Good));
    let s = &r.trace.steps[0];
    assert_eq!(
        s.formula,
        BiText::new(
            "predikat terakhir yang periodenya selesai sebelum bulan ini dimulai (periode terpanjang bila berakhir bersamaan)",
            "the latest predicate whose period ended before the month began (the longest when several end together)"
        )
    );
    assert_eq!(s.value, BiText::new("Baik (periode 2023)", "Good (period 2023)"));
}
