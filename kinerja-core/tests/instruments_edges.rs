//! Edges of the instrument kernels (`instruments/*.rs`) found by mutation testing
//! (cargo-mutants): each test here fails under at least one mutant that the rest of the suite
//! let survive. See TESTING.md.
#![allow(clippy::result_large_err, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::instruments::{
    CoverageIndicator, PkgCreditInput, PkgInput, PkgLabel, PkpGroup, PkpInput, PkpThreshold, SpmInput,
    SpmService, TeacherRole, pkg_assessment, puskesmas_assessment, spm_achievement,
};
use kinerja_core::model::Polarity;
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

fn pkg_band_percent(i: usize, v: Decimal) -> kinerja_core::Result<()> {
    let mut p = Policy::default();
    p.instruments.pkg.bands[i].percent = v;
    p.validate()
}

fn policy_path(r: kinerja_core::Result<()>) -> String {
    match r {
        Err(Error::Policy { path, .. }) => path,
        other => panic!("expected a policy error, got {other:?}"),
    }
}

/// `lo.percent > hi.percent` → `>=` in `PkgPolicy::validate`: a lower PKG band may give the
/// same credit percent as the band above it (Baik at 125 % like Amat Baik), not more.
#[test]
fn pkg_lower_band_may_equal_not_exceed_the_percent_above() {
    assert!(pkg_band_percent(1, dec!(125)).is_ok());
    assert_eq!(policy_path(pkg_band_percent(1, dec!(125.01))), "instruments.pkg.bands[1].percent");
}

/// `delete !` in `PkgPolicy::validate`: a negative percent in the last PKG band (Kurang) is
/// refused, zero is not.
#[test]
fn pkg_band_percent_may_be_zero_not_negative() {
    assert!(pkg_band_percent(4, dec!(0)).is_ok());
    assert_eq!(policy_path(pkg_band_percent(4, dec!(-0.01))), "instruments.pkg.bands[4].percent");
}

fn pkg(role: TeacherRole, raw: Decimal) -> kinerja_core::Result<kinerja_core::instruments::PkgResult> {
    let input = PkgInput { teacher: Some("g1".into()), role, raw_score: raw, credit: None };
    pkg_assessment(&input, &Policy::default())
}

fn is_raw_score_error<T: std::fmt::Debug>(r: kinerja_core::Result<T>) -> bool {
    matches!(r, Err(Error::Instrument { ref field, .. }) if field == "raw_score")
}

/// `raw < 0 || raw > max` in `pkg_assessment` (`<` → `==` / `<=`, `>` → `>=`): the raw score
/// runs from 0 to the maximum of the role (56 classroom, 68 counsellor), both ends included.
#[test]
fn pkg_raw_score_both_ends_of_its_range() {
    // 0 / 56 × 100 = 0 → Kurang (25 %); 56 / 56 × 100 = 100 → Amat Baik (125 %)
    let zero = pkg(TeacherRole::Classroom, dec!(0)).unwrap();
    assert_eq!(
        (zero.conversion.npkg100, zero.conversion.label, zero.conversion.percent),
        (dec!(0), PkgLabel::Poor, dec!(25))
    );
    let top = pkg(TeacherRole::Classroom, dec!(56)).unwrap();
    assert_eq!(
        (top.conversion.npkg100, top.conversion.label, top.conversion.percent),
        (dec!(100), PkgLabel::VeryGood, dec!(125))
    );
    assert_eq!(pkg(TeacherRole::Counsellor, dec!(68)).unwrap().conversion.npkg100, dec!(100));
    assert!(is_raw_score_error(pkg(TeacherRole::Classroom, dec!(-0.01))));
    assert!(is_raw_score_error(pkg(TeacherRole::Classroom, dec!(56.01))));
    assert!(is_raw_score_error(pkg(TeacherRole::Counsellor, dec!(68.01))));
}

fn pkg_credit(
    akk: Decimal,
    akpkb: Decimal,
    akp: Decimal,
    jm: Decimal,
) -> kinerja_core::Result<Option<Decimal>> {
    let credit = PkgCreditInput { akk, akpkb, akp, teaching_hours: Some(jm), additional_duty: false };
    // raw 52 of 56: NPKG100 92.857… → 92.86 → Amat Baik, 125 %
    let input = PkgInput {
        teacher: Some("g1".into()),
        role: TeacherRole::Classroom,
        raw_score: dec!(52),
        credit: Some(credit),
    };
    pkg_assessment(&input, &Policy::default()).map(|r| r.annual_credit)
}

fn field_of<T: std::fmt::Debug>(r: kinerja_core::Result<T>) -> String {
    match r {
        Err(Error::Instrument { field, .. }) => field,
        other => panic!("expected an instrument error, got {other:?}"),
    }
}

/// The credit inputs of `pkg_assessment` at zero (`v < 0` → `==` / `<=` at line 347,
/// `base < 0` → `<=` at 352, `jm < 0` → `<=` at 369): AKPKB, AKP, AKK − AKPKB − AKP and JM
/// may each be zero, none may be negative. AK = (AKK − AKPKB − AKP) × JM/24 × 125 % / 4.
#[test]
fn pkg_credit_inputs_zero_but_not_negative() {
    let (z, jm) = (dec!(0), dec!(24));
    // 50 × 24/24 × 125 % / 4 = 15.625
    assert_eq!(pkg_credit(dec!(50), z, z, jm).unwrap(), Some(dec!(15.625)));
    // 8 − 3 − 5 = 0 → 0
    assert_eq!(pkg_credit(dec!(8), dec!(3), dec!(5), jm).unwrap(), Some(dec!(0)));
    // JM 0: 42 × 0/24 × 125 % / 4 = 0
    assert_eq!(pkg_credit(dec!(50), dec!(3), dec!(5), z).unwrap(), Some(dec!(0)));
    assert_eq!(field_of(pkg_credit(dec!(50), dec!(-0.01), z, jm)), "credit.akpkb");
    assert_eq!(field_of(pkg_credit(dec!(50), z, dec!(-0.01), jm)), "credit.akp");
    assert_eq!(field_of(pkg_credit(dec!(8), dec!(3), dec!(5.01), jm)), "credit.akk");
    assert_eq!(field_of(pkg_credit(dec!(50), dec!(3), dec!(5), dec!(-0.01))), "credit.teaching_hours");
}

/// `served < 0` → `<=` in `spm_achievement`: nobody served is a valid 0 % (target not met),
/// a negative number served is refused.
#[test]
fn spm_nobody_served_is_zero_percent() {
    let p = Policy::default();
    let input = |served| SpmInput {
        unit: Some("pkm-alak".into()),
        service: SpmService::PregnantWomen,
        target_population: dec!(40),
        served,
    };
    let r = spm_achievement(&input(dec!(0)), &p).unwrap();
    assert_eq!((r.achievement, r.target_met), (dec!(0), false));
    // 40 of 40 = 100 %: met
    assert!(spm_achievement(&input(dec!(40)), &p).unwrap().target_met);
    assert_eq!(field_of(spm_achievement(&input(dec!(-0.01)), &p)), "served");
}

/// `PkpThreshold::describe` (→ `""` / `"xyzzy"`): a threshold is written `> v` or `≥ v` in the
/// messages, e.g. when a "fair" threshold lies above the "good" one (defaults: coverage good
/// > 91, fair > 80; management good ≥ 8.5, fair ≥ 5.5).
#[test]
fn pkp_thresholds_are_described_in_messages() {
    let reason = |p: Policy| match p.validate() {
        Err(Error::Policy { path, reason }) => (path, reason),
        other => panic!("expected a policy error, got {other:?}"),
    };
    let mut p = Policy::default();
    p.instruments.pkp.coverage_fair = PkpThreshold { value: dec!(92), inclusive: false };
    let (path, why) = reason(p);
    assert_eq!(path, "instruments.pkp.coverage_fair.value");
    assert!(why.contains("coverage_fair (> 92) is above coverage_good (> 91)"), "{why}");
    let mut p = Policy::default();
    p.instruments.pkp.management_fair = PkpThreshold { value: dec!(9), inclusive: true };
    let (path, why) = reason(p);
    assert_eq!(path, "instruments.pkp.management_fair.value");
    assert!(why.contains("management_fair (≥ 9) is above management_good (≥ 8.5)"), "{why}");
}

/// `good.value < fair.value` → `<=` in `PkpPolicy::validate`: "fair" may share the value of
/// "good" (> 91 and ≥ 91: exactly 91 is fair), unless good is inclusive and fair is not (≥ 91 and
/// > 91: fair would be empty below good), and may not lie above it.
#[test]
fn pkp_fair_threshold_may_equal_the_good_one() {
    let with = |good: PkpThreshold, fair: PkpThreshold| {
        let mut p = Policy::default();
        p.instruments.pkp.coverage_good = good;
        p.instruments.pkp.coverage_fair = fair;
        p.validate()
    };
    let t = |value, inclusive| PkpThreshold { value, inclusive };
    assert!(with(t(dec!(91), false), t(dec!(91), true)).is_ok());
    assert!(with(t(dec!(91), false), t(dec!(91), false)).is_ok());
    assert!(with(t(dec!(91), true), t(dec!(91), true)).is_ok());
    assert_eq!(
        policy_path(with(t(dec!(91), true), t(dec!(91), false))),
        "instruments.pkp.coverage_fair.value"
    );
    assert_eq!(
        policy_path(with(t(dec!(91), false), t(dec!(91.01), true))),
        "instruments.pkp.coverage_fair.value"
    );
}

/// `first.is_sign_negative() && !first.is_zero()` in `PkpPolicy::validate` (`&&` → `||`,
/// `delete !`): the management scale may start at zero or above, not below zero.
#[test]
fn pkp_management_scale_may_start_at_zero_or_above() {
    let with = |scale: Vec<Decimal>| {
        let mut p = Policy::default();
        p.instruments.pkp.management_scale = scale;
        p.validate()
    };
    assert!(with(vec![dec!(0), dec!(4), dec!(7), dec!(10)]).is_ok());
    assert!(with(vec![dec!(1), dec!(4), dec!(7), dec!(10)]).is_ok());
    assert_eq!(
        policy_path(with(vec![dec!(-1), dec!(4), dec!(7), dec!(10)])),
        "instruments.pkp.management_scale[0]"
    );
}

/// `is_higher` → `true` (the `skip_serializing_if` of `CoverageIndicator::polarity`): a
/// lower-is-better indicator keeps its polarity when written out; the default is left out.
#[test]
fn pkp_indicator_polarity_is_written_unless_default() {
    let ind = |polarity| CoverageIndicator {
        id: "i1".into(),
        name: String::new(),
        variable: "kia".into(),
        sub_variable: None,
        population: dec!(100),
        target_pct: dec!(90),
        achieved: dec!(80),
        polarity,
    };
    let lower = serde_json::to_value(ind(Polarity::LowerIsBetter)).unwrap();
    assert_eq!(lower["polarity"], "lower_is_better");
    let back: CoverageIndicator = serde_json::from_value(lower).unwrap();
    assert_eq!(back.polarity, Polarity::LowerIsBetter);
    let higher = serde_json::to_value(ind(Polarity::HigherIsBetter)).unwrap();
    assert!(higher.get("polarity").is_none(), "{higher}");
}

/// `v < 0` → `v <= 0` in `check_positive` (`allow_zero`, used for `achieved`): a PKP indicator
/// with nobody served scores 0 % coverage (Kelompok III: 0 is not above 80); a negative number
/// served is refused.
#[test]
fn pkp_nothing_achieved_is_zero_coverage() {
    let input = |achieved| PkpInput {
        puskesmas: "pkm-alak".into(),
        indicators: vec![CoverageIndicator {
            id: "i1".into(),
            name: String::new(),
            variable: "kia".into(),
            sub_variable: None,
            population: dec!(100),
            target_pct: dec!(90),
            achieved,
            polarity: Polarity::HigherIsBetter,
        }],
        management: Vec::new(),
    };
    let r = puskesmas_assessment(&input(dec!(0)), &Policy::default()).unwrap();
    assert_eq!((r.indicators[0].real, r.indicators[0].against_target), (dec!(0), dec!(0)));
    assert_eq!((r.coverage, r.coverage_group), (dec!(0), PkpGroup::Poor));
    assert_eq!(field_of(puskesmas_assessment(&input(dec!(-0.01)), &Policy::default())), "achieved");
}

fn ikm_means(
    regime: kinerja_core::instruments::IkmRegime,
    v: Decimal,
) -> kinerja_core::instruments::ElementMeans {
    kinerja_core::instruments::ElementMeans { unit: None, regime, means: vec![v; regime.element_count()] }
}

/// Element means are 1–4 inclusive: exactly 1 and exactly 4 are valid (IKM 25 and 100).
#[test]
fn ikm_means_of_exactly_one_and_four_are_valid() {
    use kinerja_core::instruments::{IkmRegime, satisfaction_from_means};
    let p = Policy::default();
    let r = IkmRegime::Permenpanrb14_2017;
    assert_eq!(satisfaction_from_means(&ikm_means(r, dec!(1)), &p).unwrap().index, dec!(25));
    assert_eq!(satisfaction_from_means(&ikm_means(r, dec!(4)), &p).unwrap().index, dec!(100));
    for bad in [dec!(0.99), dec!(4.01)] {
        let e = satisfaction_from_means(&ikm_means(r, bad), &p).unwrap_err().to_string();
        assert!(e.contains("outside 1–4"), "{e}");
    }
}

/// Every step of the index cites the regulation the survey follows.
#[test]
fn ikm_steps_cite_the_survey_regulation() {
    use kinerja_core::instruments::{IkmRegime, satisfaction_from_means};
    let p = Policy::default();
    for (regime, law) in [
        (IkmRegime::Permenpanrb14_2017, "PermenPANRB 14/2017, Lampiran"),
        (IkmRegime::Kep25_2004, "KEP/25/M.PAN/2/2004, Lampiran"),
    ] {
        let r = satisfaction_from_means(&ikm_means(regime, dec!(3)), &p).unwrap();
        let means = r.trace.steps.iter().find(|s| s.subject == "ikm.element_means").unwrap();
        assert_eq!(means.citation.reference, law, "{regime:?}");
    }
}

/// The printed Krejcie–Morgan table: a population below its first row (N = 10) is a census, the
/// first row itself is read from the table; both say so in the trace.
#[test]
fn sample_table_census_below_the_first_row_only() {
    use kinerja_core::instruments::{SampleSizeMethod, TableRule, sample_size};
    for rule in [TableRule::NextRowUp, TableRule::Interpolate] {
        let mut p = Policy::default();
        p.instruments.ikm.sample_size.method = SampleSizeMethod::Table;
        p.instruments.ikm.sample_size.table_rule = rule;
        let how = |n: u64| {
            let r = sample_size(n, &p).unwrap();
            (r.sample, r.trace.steps.iter().map(|s| s.formula.en.clone()).collect::<Vec<_>>().join(" | "))
        };
        let (s, text) = how(9);
        assert_eq!(s, 9);
        assert!(text.contains("N < 10: census"), "{rule:?}: {text}");
        let (s, text) = how(10);
        assert_eq!(s, 10);
        assert!(text.contains("row N = 10: s = 10") && !text.contains("census"), "{rule:?}: {text}");
    }
}

/// A PKP indicator's population and target must be more than zero and its achieved count zero
/// or more; each refusal is worded wholly in Bahasa Indonesia too (the required range was left
/// in English inside the Indonesian message).
#[test]
fn pkp_counts_are_refused_wholly_in_each_language() {
    use kinerja_core::explain::Lang;
    use kinerja_core::instruments::{PkpInput, puskesmas_assessment};
    for (field, value, en, id) in [
        ("population", "0", "0 must be more than zero", "0 harus lebih dari nol"),
        ("target_pct", "-5", "-5 must be more than zero", "-5 harus lebih dari nol"),
        ("achieved", "-1", "-1 must be zero or more", "-1 harus nol atau lebih"),
    ] {
        let mut ind = serde_json::json!({"id": "i1", "variable": "v", "population": "100", "target_pct": "100", "achieved": "92"});
        ind[field] = serde_json::json!(value);
        let input: PkpInput =
            serde_json::from_value(serde_json::json!({"puskesmas": "pkm", "indicators": [ind]})).unwrap();
        let e = puskesmas_assessment(&input, &kinerja_core::rules::Policy::default()).unwrap_err();
        assert!(e.to_string().ends_with(en), "{field}: {e}");
        assert!(e.message(Lang::Id).ends_with(id), "{field}: {}", e.message(Lang::Id));
    }
}
