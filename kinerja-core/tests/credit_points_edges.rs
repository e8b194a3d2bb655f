//! Edges of the credit-point kernel (`followup/credit_points.rs`) found by mutation testing
//! (cargo-mutants): each test here fails under at least one mutant that the rest of the suite
//! let survive. Expected values are worked out by hand from the rule
//! `AK = m/12 × pct/100 × koef`, cap `150 % × koef`. See TESTING.md.
#![allow(clippy::result_large_err, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::explain::{Authority, Citation, Labelled, Lang};
use kinerja_core::followup::*;
use kinerja_core::model::{FunctionalGrade, Predicate};
use kinerja_core::rules::Policy;
use rust_decimal_macros::dec;

fn citation(r: &CreditPoints, subject: &str) -> Citation {
    r.trace.steps.iter().find(|s| s.subject == subject).expect(subject).citation.clone()
}

fn local(id: &str) -> Policy {
    Policy { id: id.into(), ..Policy::default() }
}

/// `*v <= 0` guard → `false`: a zero or negative grade coefficient is refused, the smallest
/// positive one is not.
#[test]
fn coefficient_must_be_positive() {
    let with = |v| {
        let mut p = Policy::default();
        p.follow_up.credit_points.coefficients.insert(FunctionalGrade::Proficient, v);
        p.validate()
    };
    for bad in [dec!(0), dec!(-0.01)] {
        let e = with(bad).unwrap_err();
        assert!(
            matches!(&e, Error::Policy { path, reason } if path == "follow_up.credit_points.coefficients.proficient" && reason.contains("must be positive")),
            "{bad}: {e}"
        );
    }
    assert!(with(dec!(0.01)).is_ok());
}

/// `def.percentages == cp.percentages` and `def.coefficients == cp.coefficients` → `!=`: the
/// national tables are cited as law, a changed table as the policy field that changed it.
#[test]
fn percentage_and_coefficient_citations() {
    let p = Policy::default();
    let r = credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 12, &p).unwrap();
    assert_eq!(r.value, dec!(25)); // 12/12 × 100 % × 25
    assert_eq!(citation(&r, "percentage").authority, Authority::Law);
    assert_eq!(citation(&r, "coefficient").authority, Authority::Law);

    // Baik at 90 %: 12/12 × 90 % × 25 = 22.5; only the percentage is cited to the policy.
    let mut q = local("tuba-2025");
    q.follow_up.credit_points.percentages.insert(Predicate::Good, dec!(90));
    let r = credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 12, &q).unwrap();
    assert_eq!(r.value, dec!(22.5));
    let c = citation(&r, "percentage");
    assert_eq!(c.authority, Authority::LocalPolicy);
    assert!(c.reference.ends_with("follow_up.credit_points.percentages"), "{}", c.reference);
    assert_eq!(citation(&r, "coefficient").authority, Authority::Law);

    // Ahli Muda at 20: 12/12 × 100 % × 20 = 20; only the coefficient is cited to the policy.
    let mut q = local("tuba-2025");
    q.follow_up.credit_points.coefficients.insert(FunctionalGrade::JuniorExpert, dec!(20));
    let r = credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 12, &q).unwrap();
    assert_eq!(r.value, dec!(20));
    assert_eq!(citation(&r, "percentage").authority, Authority::Law);
    let c = citation(&r, "coefficient");
    assert_eq!(c.authority, Authority::LocalPolicy);
    assert!(c.reference.ends_with("follow_up.credit_points.coefficients"), "{}", c.reference);
}

/// `months_id` / `months_en` (and their `m == 12` test): the heading names an annual
/// conversion "tahunan" / "annual" and a shorter one by its months.
#[test]
fn heading_names_the_months() {
    let p = Policy::default();
    let g = FunctionalGrade::JuniorExpert;
    let pr = Predicate::Good;
    let heading = |m| credit_points(pr, g, m, &p).unwrap().trace.heading;
    let annual = heading(12);
    assert_eq!(
        annual.id,
        format!("Angka kredit {} tahunan, predikat {}", g.label(Lang::Id), pr.label(Lang::Id))
    );
    assert_eq!(
        annual.en,
        format!("Credit points {} annual, predicate {}", g.label(Lang::En), pr.label(Lang::En))
    );
    let three = heading(3);
    assert_eq!(
        three.id,
        format!("Angka kredit {} 3 bulan, predikat {}", g.label(Lang::Id), pr.label(Lang::Id))
    );
    assert_eq!(
        three.en,
        format!("Credit points {} 3 months, predicate {}", g.label(Lang::En), pr.label(Lang::En))
    );
}

/// `mult == 3` → `!=` in `rank_peak_credit_points`: the multiplier 3 is cited as law
/// (PerBKN 3/2023), another multiplier as the policy field.
#[test]
fn rank_peak_multiplier_citation() {
    let p = Policy::default();
    let r = rank_peak_credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, &p).unwrap();
    assert_eq!(r.value, dec!(75)); // 25 × 3 (TV-06)
    assert_eq!(citation(&r, "rank_peak").authority, Authority::Law);
    let mut q = local("tuba-2025");
    q.follow_up.credit_points.rank_peak_multiplier = dec!(2);
    let r = rank_peak_credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, &q).unwrap();
    assert_eq!(r.value, dec!(50)); // 25 × 2
    let c = citation(&r, "rank_peak");
    assert_eq!(c.authority, Authority::LocalPolicy);
    assert!(c.reference.ends_with("follow_up.credit_points.rank_peak_multiplier"), "{}", c.reference);
}

fn entry(period: &str, months: Option<(u8, u8)>) -> CreditEntry {
    CreditEntry {
        period: period.parse().unwrap(),
        predicate: Predicate::Good,
        grade: FunctionalGrade::FirstExpert,
        months,
    }
}

/// `CreditEntry::span`: months whose first comes after their last are refused (the `||` → `&&`
/// mutants at columns 19 and 28 drop `a > b`), so are months starting before their period (the
/// one at column 38 keeps only `b > 12 && a < first`); a one-month span is not.
#[test]
fn span_first_after_last_is_refused() {
    let p = Policy::default();
    let e = credit_ledger("e", dec!(0), &[entry("2024", Some((3, 2)))], &p).unwrap_err();
    assert!(matches!(&e, Error::Instrument { field, .. } if field == "months"), "{e}");
    // months starting before their period (Q2 is 4–6), the only condition broken: refused
    // (kills `b > 12 || a < first` → `b > 12 && a < first`)
    let e = credit_ledger("e", dec!(0), &[entry("2024-Q2", Some((2, 5)))], &p).unwrap_err();
    assert!(matches!(&e, Error::Instrument { field, .. } if field == "months"), "{e}");
    // 5–6 of Q2: 2/12 × 100 % × 12.5 = 2.083… → 2.08
    assert_eq!(credit_ledger("e", dec!(0), &[entry("2024-Q2", Some((5, 6)))], &p).unwrap().total, dec!(2.08));
    // one month, 3 to 3: 1/12 × 100 % × 12.5 = 1.041666… → 1.04 (rounded once for the year)
    let l = credit_ledger("e", dec!(0), &[entry("2024", Some((3, 3)))], &p).unwrap();
    assert_eq!((l.lines[0].months, l.total), ((3, 3), dec!(1.04)));
}

/// `c > *slot` → `==` / `<` in `credit_ledger`: the cap of a year with two grades is the larger
/// of their caps (150 % × 25 = 37.5 for Ahli Muda, not 150 % × 12.5 = 18.75 for Ahli
/// Pertama), whichever grade comes first. (`>` → `>=` is equivalent: it only rewrites an
/// equal cap.)
#[test]
fn year_with_two_grades_takes_the_larger_cap() {
    let p = Policy::default();
    let line = |months, grade| CreditEntry {
        period: "2024".parse().unwrap(),
        predicate: Predicate::VeryGood,
        grade,
        months: Some(months),
    };
    let (first, muda) = (FunctionalGrade::FirstExpert, FunctionalGrade::JuniorExpert);
    // 6/12 × 150 % × 12.5 = 9.375 and 6/12 × 150 % × 25 = 18.75: Σ 28.125 ≤ 37.5, rounded 28.13
    for entries in [[line((1, 6), first), line((7, 12), muda)], [line((1, 6), muda), line((7, 12), first)]] {
        let l = credit_ledger("e", dec!(0), &entries, &p).unwrap();
        assert!(l.lines.iter().all(|x| !x.capped && x.credited == x.earned), "{:?}", l.lines);
        assert_eq!((l.year_totals[&2024], l.total), (dec!(28.13), dec!(28.13)));
    }
}

/// `ledger_step`: the months `m = last − first + 1` in the formula (the four arithmetic
/// mutants of line 655) and the subject, the period itself for a whole period and
/// `year [first–last]` for named months (`==` → `!=` of line 656).
#[test]
fn ledger_step_names_months_and_span() {
    let p = Policy::default();
    let whole = entry("2024-Q2", None);
    let l = credit_ledger("e", dec!(0), &[whole, entry("2024", Some((8, 12)))], &p).unwrap();
    let steps: Vec<_> = l.trace.steps.iter().filter(|s| s.subject.starts_with("2024")).collect();
    // Q2: 3/12 × 100 % × 12.5 = 3.125; months 8–12: 5/12 × 12.5 = 5.208333…
    assert_eq!(steps[0].subject, "2024-Q2");
    assert!(
        steps[0].formula.en.starts_with("3/12 × 100% × 12.5 = 3.125 → 3.125;"),
        "{}",
        steps[0].formula.en
    );
    assert!(
        steps[0].formula.id.starts_with("3/12 × 100% × 12.5 = 3.125 → 3.125;"),
        "{}",
        steps[0].formula.id
    );
    assert_eq!(steps[1].subject, "2024 [08–12]");
    assert!(steps[1].formula.en.starts_with("5/12 × 100% × 12.5 = 5.208"), "{}", steps[1].formula.en);
    // Σ 3.125 + 5.2083… = 8.3333… → 8.33
    assert_eq!(l.total, dec!(8.33));
}

/// `delete !` in `promotion_readiness`: a negative cumulative amount is refused, zero is not.
#[test]
fn readiness_refuses_negative_cumulative() {
    let p = Policy::default();
    let e = promotion_readiness(FunctionalGrade::FirstExpert, dec!(-0.01), None, &p).unwrap_err();
    assert!(matches!(&e, Error::Instrument { field, .. } if field == "cumulative"), "{e}");
    let r = promotion_readiness(FunctionalGrade::FirstExpert, dec!(0), None, &p).unwrap();
    // Ahli Pertama: rank 50, grade 100
    assert_eq!((r.rank_shortfall, r.grade_shortfall), (dec!(50), Some(dec!(100))));
}

/// `req.grade.is_some() && !req.grade_confirmed` → `||`: a top grade has no grade-promotion
/// requirement, so nothing is unconfirmed there; a confirmed requirement is not flagged either.
#[test]
fn unconfirmed_flag_only_for_an_unconfirmed_grade_requirement() {
    let p = Policy::default();
    for top in [FunctionalGrade::SeniorExpert, FunctionalGrade::Supervisor] {
        let r = promotion_readiness(top, dec!(250), Some(Predicate::Good), &p).unwrap();
        assert_eq!((r.grade_required, r.grade_ready), (None, None));
        assert!(!r.grade_requirement_unconfirmed, "{top:?}");
    }
    let mut q = Policy::default();
    q.follow_up.credit_points.requirements.get_mut(&FunctionalGrade::FirstExpert).unwrap().grade_confirmed =
        true;
    let r = promotion_readiness(FunctionalGrade::FirstExpert, dec!(100), None, &q).unwrap();
    assert_eq!(r.grade_ready, Some(true));
    assert!(!r.grade_requirement_unconfirmed);
    let r = promotion_readiness(FunctionalGrade::FirstExpert, dec!(100), None, &p).unwrap();
    assert!(r.grade_requirement_unconfirmed);
}
