//! Both sides of every band and threshold, with exact decimals: the value just below the
//! bound, the bound itself and the value just above it. Expected grades are read off the
//! published tables (written out below), never computed by the engine.

use kinerja_core::instruments::{
    IkmGrade, IkmPolicy, IkmRegime, IkmScale, PkgLabel, PkpPolicy, ikm_grade, ikm_grade_checked,
    pkg_conversion,
};
use kinerja_core::model::{OrgPredicate, Predicate, Rating};
use kinerja_core::org::OrgPolicy;
use kinerja_core::org::check_counts;
use kinerja_core::org::sakip::{SakipPredicate, sakip_predicate};
use kinerja_core::regime::evaluate;
use kinerja_core::regime::permenpanrb_8_2021::{
    IkiRule, Permenpanrb82021Policy, indicator_value, nk_predicate,
};
use kinerja_core::regime::pp46_2011::{Boundary, Pp46Bands};
use kinerja_core::rules::{Policy, Ruleset};
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

// ------------------------------------------------------------------ PKG (Juknis PKG, Tabel 12)

#[test]
fn pkg_bands_both_sides() {
    let p = Policy::default();
    // (NPKG100, label, percent): Amat Baik 91–100 125 %, Baik 76–90 100 %, Cukup 61–75 75 %,
    // Sedang 51–60 50 %, Kurang ≤ 50 25 %.
    let table = [
        (dec!(100), PkgLabel::VeryGood, dec!(125)),
        (dec!(91.01), PkgLabel::VeryGood, dec!(125)),
        (dec!(91), PkgLabel::VeryGood, dec!(125)),
        (dec!(90.99), PkgLabel::Good, dec!(100)),
        (dec!(76.01), PkgLabel::Good, dec!(100)),
        (dec!(76), PkgLabel::Good, dec!(100)),
        (dec!(75.99), PkgLabel::Sufficient, dec!(75)),
        (dec!(61.01), PkgLabel::Sufficient, dec!(75)),
        (dec!(61), PkgLabel::Sufficient, dec!(75)),
        (dec!(60.99), PkgLabel::Fair, dec!(50)),
        (dec!(51.01), PkgLabel::Fair, dec!(50)),
        (dec!(51), PkgLabel::Fair, dec!(50)),
        (dec!(50.99), PkgLabel::Poor, dec!(25)),
        (dec!(0), PkgLabel::Poor, dec!(25)),
        // the band is read on NPKG100 rounded half-up to 2 places
        (dec!(75.994), PkgLabel::Sufficient, dec!(75)),
        (dec!(75.995), PkgLabel::Good, dec!(100)),
        (dec!(60.995), PkgLabel::Sufficient, dec!(75)),
        (dec!(50.995), PkgLabel::Fair, dec!(50)),
    ];
    for (v, label, percent) in table {
        let c = pkg_conversion(v, &p).unwrap_or_else(|e| panic!("{v}: {e}"));
        assert_eq!((c.label, c.percent), (label, percent), "NPKG100 {v}");
    }
    assert!(pkg_conversion(dec!(100.01), &p).is_err());
    assert!(pkg_conversion(dec!(-0.01), &p).is_err());
}

// ------------------------------------------------------- IKM (PermenPANRB 14/2017, KEP/25/2004)

fn grade(v: Decimal, regime: IkmRegime, p: &IkmPolicy) -> IkmGrade {
    ikm_grade_checked(v, regime, p).unwrap_or_else(|e| panic!("{v}: {e}"))
}

#[test]
fn ikm_2017_nik_bands_both_sides() {
    use IkmGrade::*;
    let p = IkmPolicy::default();
    let r = IkmRegime::Permenpanrb14_2017;
    // A 88.31–100, B 76.61–88.30, C 65.00–76.60, D 25.00–64.99
    for (v, g) in [
        (dec!(88.30), B),
        (dec!(88.31), A),
        (dec!(88.32), A),
        (dec!(76.60), C),
        (dec!(76.61), B),
        (dec!(76.62), B),
        (dec!(64.99), D),
        (dec!(65.00), C),
        (dec!(65.01), C),
        (dec!(25), D),
        (dec!(100), A),
    ] {
        assert_eq!(grade(v, r, &p), g, "NIK {v}");
    }
    assert!(ikm_grade_checked(dec!(24.99), r, &p).is_err());
    assert!(ikm_grade_checked(dec!(100.01), r, &p).is_err());
}

#[test]
fn ikm_2004_legacy_bands_both_sides() {
    use IkmGrade::*;
    let p = IkmPolicy::default();
    let r = IkmRegime::Kep25_2004;
    // KEP/25/M.PAN/2/2004: A 81.26–100, B 62.51–81.25, C 43.76–62.50, D 25–43.75
    for (v, g) in [
        (dec!(81.25), B),
        (dec!(81.26), A),
        (dec!(81.27), A),
        (dec!(62.50), C),
        (dec!(62.51), B),
        (dec!(62.52), B),
        (dec!(43.75), D),
        (dec!(43.76), C),
        (dec!(43.77), C),
        (dec!(25), D),
        (dec!(100), A),
        // read on the value rounded half-up to 2 places (policy classify_rounded)
        (dec!(81.254), B),
        (dec!(81.255), A),
    ] {
        assert_eq!(grade(v, r, &p), g, "2004 NIK {v}");
    }
    // unrounded classification: 81.255 stays below 81.26
    let exact = IkmPolicy { classify_rounded: false, ..IkmPolicy::default() };
    assert_eq!(ikm_grade(dec!(81.255), r, &exact), B);
    assert_eq!(ikm_grade(dec!(81.26), r, &exact), A);
}

#[test]
fn ikm_unit_value_bands_both_sides() {
    use IkmGrade::*;
    let p = IkmPolicy { scale: IkmScale::Ni, ..IkmPolicy::default() };
    // 14/2017 NI: A ≥ 3.5324, B ≥ 3.0644, C ≥ 2.60, D ≥ 1.00
    for (v, g) in [
        (dec!(3.5323), B),
        (dec!(3.5324), A),
        (dec!(3.5325), A),
        (dec!(3.0643), C),
        (dec!(3.0644), B),
        (dec!(3.0645), B),
        (dec!(2.5999), D),
        (dec!(2.6000), C),
        (dec!(2.6001), C),
        (dec!(1), D),
        (dec!(4), A),
    ] {
        assert_eq!(grade(v, IkmRegime::Permenpanrb14_2017, &p), g, "NI {v}");
    }
    // 2004 NI: A ≥ 3.26, B ≥ 2.51, C ≥ 1.76, D ≥ 1.00
    for (v, g) in [
        (dec!(3.2599), B),
        (dec!(3.26), A),
        (dec!(3.2601), A),
        (dec!(2.5099), C),
        (dec!(2.51), B),
        (dec!(2.5101), B),
        (dec!(1.7599), D),
        (dec!(1.76), C),
        (dec!(1.7601), C),
    ] {
        assert_eq!(grade(v, IkmRegime::Kep25_2004, &p), g, "2004 NI {v}");
    }
    assert!(ikm_grade_checked(dec!(0.9999), IkmRegime::Permenpanrb14_2017, &p).is_err());
    assert!(ikm_grade_checked(dec!(4.0001), IkmRegime::Permenpanrb14_2017, &p).is_err());
}

// ----------------------------------------------------------------- PKP (puskesmas thresholds)

#[test]
fn pkp_thresholds_both_sides() {
    let p = PkpPolicy::default();
    // coverage: Kelompok I "> 91 %", Kelompok II "> 80 %" (exclusive)
    assert!(!p.coverage_good.passes(dec!(90.99)));
    assert!(!p.coverage_good.passes(dec!(91)));
    assert!(p.coverage_good.passes(dec!(91.01)));
    assert!(!p.coverage_fair.passes(dec!(79.99)));
    assert!(!p.coverage_fair.passes(dec!(80)));
    assert!(p.coverage_fair.passes(dec!(80.01)));
    // management: Kelompok I "≥ 8,5", Kelompok II "≥ 5,5" (inclusive)
    assert!(!p.management_good.passes(dec!(8.49)));
    assert!(p.management_good.passes(dec!(8.5)));
    assert!(p.management_good.passes(dec!(8.51)));
    assert!(!p.management_fair.passes(dec!(5.49)));
    assert!(p.management_fair.passes(dec!(5.5)));
    assert!(p.management_fair.passes(dec!(5.51)));
}

// ------------------------------------------------------------ SAKIP (PermenPANRB 88/2021)

#[test]
fn sakip_thresholds_both_sides() {
    use SakipPredicate::*;
    // intervals open on the left: AA > 90–100, A > 80–90, BB > 70–80, B > 60–70, CC > 50–60,
    // C > 30–50, D 0–30
    for (v, want) in [
        (dec!(100), Aa),
        (dec!(90.01), Aa),
        (dec!(90), A),
        (dec!(89.99), A),
        (dec!(80.01), A),
        (dec!(80), Bb),
        (dec!(79.99), Bb),
        (dec!(70.01), Bb),
        (dec!(70), B),
        (dec!(69.99), B),
        (dec!(60.01), B),
        (dec!(60), Cc),
        (dec!(59.99), Cc),
        (dec!(50.01), Cc),
        (dec!(50), C),
        (dec!(49.99), C),
        (dec!(30.01), C),
        (dec!(30), D),
        (dec!(29.99), D),
        (dec!(0), D),
    ] {
        assert_eq!(sakip_predicate(v).unwrap(), want, "total {v}");
    }
    assert!(sakip_predicate(dec!(100.01)).is_err());
    assert!(sakip_predicate(dec!(-0.01)).is_err());
}

// ------------------------------------------------------------------------- PP 46/2011 bands

#[test]
fn pp46_bands_both_sides() {
    use Predicate::*;
    // default "above": Sangat Baik > 90, Baik > 75, Cukup > 60, Kurang > 50, else Buruk
    let above = Pp46Bands::default();
    for (v, want) in [
        (dec!(90.01), VeryGood),
        (dec!(90), Good),
        (dec!(89.99), Good),
        (dec!(75.01), Good),
        (dec!(75), NeedsImprovement),
        (dec!(74.99), NeedsImprovement),
        (dec!(60.01), NeedsImprovement),
        (dec!(60), PoorMisconduct),
        (dec!(59.99), PoorMisconduct),
        (dec!(50.01), PoorMisconduct),
        (dec!(50), VeryPoor),
        (dec!(49.99), VeryPoor),
    ] {
        assert_eq!(above.category(v), want, "above {v}");
    }
    // "at least": the bound itself passes
    let at_least = Pp46Bands { boundary: Boundary::AtLeast, ..Pp46Bands::default() };
    for (v, want) in [
        (dec!(90), VeryGood),
        (dec!(89.99), Good),
        (dec!(75), Good),
        (dec!(74.99), NeedsImprovement),
        (dec!(60), NeedsImprovement),
        (dec!(59.99), PoorMisconduct),
        (dec!(50), PoorMisconduct),
        (dec!(49.99), VeryPoor),
    ] {
        assert_eq!(at_least.category(v), want, "at least {v}");
    }
}

// ---------------------------------------------------- PermenPANRB 8/2021 conversion bands

fn close(a: Decimal, b: Decimal) -> bool {
    (a - b).abs() < dec!(0.000000001)
}

#[test]
fn iki_conversion_bands_both_sides() {
    use Predicate::*;
    let at = Default::default();
    let iv = |c: Decimal| indicator_value(c, false, &at).unwrap();
    // (capaian, nilai, category, rule), nilai hand-computed from the Lampiran's lines:
    // > 110 → 120; 101–110 → 110 + 10 (c − 101) / 9; 100–<101 → 109; 80–<100 → 70 + (c − 80);
    // 60–<80 → 50 + (c − 60); < 60 → c × 49 / 59
    let rows = [
        (dec!(110.01), dec!(120), VeryGood, IkiRule::CapAbove110),
        (dec!(110), dec!(120), VeryGood, IkiRule::VeryGood),
        (dec!(101), dec!(110), VeryGood, IkiRule::VeryGood),
        (dec!(100.99), dec!(109), Good, IkiRule::Good),
        (dec!(100), dec!(109), Good, IkiRule::Good),
        (dec!(99.99), dec!(89.99), NeedsImprovement, IkiRule::Fair),
        (dec!(80.01), dec!(70.01), NeedsImprovement, IkiRule::Fair),
        (dec!(80), dec!(70), NeedsImprovement, IkiRule::Fair),
        (dec!(79.99), dec!(69.99), PoorMisconduct, IkiRule::Poor),
        (dec!(60.01), dec!(50.01), PoorMisconduct, IkiRule::Poor),
        (dec!(60), dec!(50), PoorMisconduct, IkiRule::Poor),
        (dec!(0), dec!(0), VeryPoor, IkiRule::VeryPoor),
    ];
    for (c, v, cat, rule) in rows {
        let got = iv(c);
        assert!(close(got.value, v), "capaian {c}: {} != {v}", got.value);
        assert_eq!((got.category, got.rule), (cat, rule), "capaian {c}");
    }
    // 109.99 → 110 + 89.9 / 9 = 119.98888…; 101.01 → 110 + 0.1 / 9 = 110.01111…
    assert!(close(iv(dec!(109.99)).value, dec!(119.988888888888)));
    assert!(close(iv(dec!(101.01)).value, dec!(110.011111111111)));
    // 59.99 → 59.99 × 49 / 59 = 2939.51 / 59 = 49.822203389…
    let low = iv(dec!(59.99));
    assert!(close(low.value, dec!(49.822203389830)), "{}", low.value);
    assert_eq!(low.category, VeryPoor);
    // a maximum target: at 100 % the full 120, just below it the ordinary line
    let max = |c: Decimal| indicator_value(c, true, &at).unwrap();
    assert_eq!((max(dec!(100)).value, max(dec!(100)).rule), (dec!(120), IkiRule::MaxTarget));
    assert_eq!((max(dec!(99.99)).value, max(dec!(99.99)).rule), (dec!(89.99), IkiRule::Fair));
}

#[test]
fn nk_predicate_bands_both_sides() {
    use Predicate::*;
    let p = Permenpanrb82021Policy::default();
    // PP 30/2019 Pasal 41: SB ≥ 110 (with an innovation), B ≥ 90, C ≥ 70, K ≥ 50, SK < 50
    for (nk, innovation, want) in [
        (dec!(110.01), true, VeryGood),
        (dec!(110), true, VeryGood),
        (dec!(109.99), true, Good),
        (dec!(110), false, Good),
        (dec!(90.01), false, Good),
        (dec!(90), false, Good),
        (dec!(89.99), true, NeedsImprovement),
        (dec!(70.01), false, NeedsImprovement),
        (dec!(70), false, NeedsImprovement),
        (dec!(69.99), false, PoorMisconduct),
        (dec!(50.01), false, PoorMisconduct),
        (dec!(50), false, PoorMisconduct),
        (dec!(49.99), false, VeryPoor),
    ] {
        assert_eq!(nk_predicate(nk, innovation, &p), want, "nk {nk} innovation {innovation}");
    }
}

// ------------------------------------------------ PermenPANRB 6/2022 advisory bands (policy)

const ADVISORY: &str = r#"
[rating]
advisory_bands = [
  { min = "110", rating = "above" },
  { min = "90", rating = "meets" },
  { min = "0", rating = "below" },
]
"#;

#[test]
fn advisory_bands_both_sides_at_110_and_90() {
    let p = Policy::from_toml(ADVISORY).unwrap();
    for (v, want) in [
        (dec!(110.01), Rating::Above),
        (dec!(110), Rating::Above),
        (dec!(109.99), Rating::Meets),
        (dec!(90.01), Rating::Meets),
        (dec!(90), Rating::Meets),
        (dec!(89.99), Rating::Below),
        (dec!(0), Rating::Below),
    ] {
        assert_eq!(p.rating.advise(v), Some(want), "achievement {v}");
    }
    assert_eq!(Policy::default().rating.advise(dec!(110)), None, "no bands, no advice");
}

#[test]
fn advisory_bands_at_the_edges_through_a_whole_evaluation() {
    // One indicator, target 100: the achievement equals the actual, so the weighted achievement
    // sits exactly on the band edge.
    let rules =
        Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(Policy::from_toml(ADVISORY).unwrap());
    let rules = rules.unwrap();
    for (actual, want) in
        [("110", Rating::Above), ("109.99", Rating::Meets), ("90", Rating::Meets), ("89.99", Rating::Below)]
    {
        let plan = serde_json::json!({
            "employee": {"id": "1", "name": "A", "unit": "u", "post_type": "executor"},
            "year": 2024,
            "results": [{"id": "r", "description": "R",
                         "indicators": [{"id": "a", "name": "A", "target": "100"}]}],
            "realisations": [{"indicator": "a", "period": "2024", "actual": actual}],
            "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}],
        });
        let plan = serde_json::from_value(plan).unwrap();
        let ev = evaluate(&plan, "2024".parse().unwrap(), &rules).unwrap();
        assert_eq!(ev.weighted_achievement, Some(actual.parse::<Decimal>().unwrap()), "{actual}");
        assert_eq!(ev.advised_rating, Some(want), "{actual}");
        assert_eq!(ev.disagreement, want != Rating::Meets, "{actual}");
    }
}

// ------------------------------------------------- distribution curve (SE MenPANRB 3/2023)

/// The verdict of the constraint whose rule and predicates match, for counts in the order
/// very poor, poor, needs improvement, good, very good.
fn verdict(org: OrgPredicate, counts: [u64; 5], rule: &str, preds: &[Predicate]) -> (u64, bool) {
    let r = check_counts(org, &counts, &OrgPolicy::default()).unwrap();
    let c = r
        .constraints
        .iter()
        .find(|c| serde_json::to_value(c.rule).unwrap() == rule && c.predicates == preds)
        .unwrap_or_else(|| panic!("{org:?}: no {rule} constraint on {preds:?}"));
    (c.bound, c.satisfied)
}

#[test]
fn distribution_limits_both_sides() {
    use OrgPredicate as O;
    use Predicate::*;
    // Ten counted employees: 70 % = 7, 60 % = 6, 10 % = 1.
    // Istimewa: Sangat Baik ≤ 70 %
    assert_eq!(verdict(O::Outstanding, [0, 0, 0, 3, 7], "max", &[VeryGood]), (7, true));
    assert_eq!(verdict(O::Outstanding, [0, 0, 0, 2, 8], "max", &[VeryGood]), (7, false));
    // Baik: Baik ≤ 70 %; at least one Butuh Perbaikan or Kurang/Misconduct
    assert_eq!(verdict(O::Good, [0, 0, 1, 7, 2], "max", &[Good]), (7, true));
    assert_eq!(verdict(O::Good, [0, 0, 1, 8, 1], "max", &[Good]), (7, false));
    let one = [NeedsImprovement, PoorMisconduct];
    assert_eq!(verdict(O::Good, [0, 0, 1, 7, 2], "at_least_one", &one), (1, true));
    assert_eq!(verdict(O::Good, [0, 1, 0, 7, 2], "at_least_one", &one), (1, true));
    assert_eq!(verdict(O::Good, [1, 0, 0, 7, 2], "at_least_one", &one), (1, false));
    // Butuh Perbaikan: Sangat Baik ≤ 10 %; Butuh Perbaikan ≥ 60 %
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 6, 3, 1], "max", &[VeryGood]), (1, true));
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 6, 2, 2], "max", &[VeryGood]), (1, false));
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 6, 4, 0], "min", &[NeedsImprovement]), (6, true));
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 5, 5, 0], "min", &[NeedsImprovement]), (6, false));
    // Kurang: Sangat Baik ≤ 10 %; Butuh Perbaikan ≥ 10 %; Kurang/Misconduct ≥ 60 %
    assert_eq!(verdict(O::Poor, [0, 6, 1, 2, 1], "min", &[NeedsImprovement]), (1, true));
    assert_eq!(verdict(O::Poor, [0, 6, 0, 3, 1], "min", &[NeedsImprovement]), (1, false));
    assert_eq!(verdict(O::Poor, [0, 6, 1, 3, 0], "min", &[PoorMisconduct]), (6, true));
    assert_eq!(verdict(O::Poor, [0, 5, 1, 4, 0], "min", &[PoorMisconduct]), (6, false));
    // Sangat Kurang: no Sangat Baik; Butuh Perbaikan + Kurang ≥ 10 %; Sangat Kurang ≥ 60 %
    assert_eq!(verdict(O::VeryPoor, [6, 1, 0, 3, 0], "none_allowed", &[VeryGood]), (0, true));
    assert_eq!(verdict(O::VeryPoor, [6, 1, 0, 2, 1], "none_allowed", &[VeryGood]), (0, false));
    assert_eq!(verdict(O::VeryPoor, [6, 0, 1, 3, 0], "min", &[NeedsImprovement, PoorMisconduct]), (1, true));
    assert_eq!(verdict(O::VeryPoor, [6, 0, 0, 4, 0], "min", &[NeedsImprovement, PoorMisconduct]), (1, false));
    assert_eq!(verdict(O::VeryPoor, [6, 1, 0, 3, 0], "min", &[VeryPoor]), (6, true));
    assert_eq!(verdict(O::VeryPoor, [5, 1, 0, 4, 0], "min", &[VeryPoor]), (6, false));
}

#[test]
fn distribution_share_rounding_both_sides() {
    use OrgPredicate as O;
    use Predicate::*;
    // Eleven employees: 70 % of 11 = 7.7 → at most 7 (floor); 60 % of 11 = 6.6 → at least 7 (ceil).
    assert_eq!(verdict(O::Outstanding, [0, 0, 0, 4, 7], "max", &[VeryGood]), (7, true));
    assert_eq!(verdict(O::Outstanding, [0, 0, 0, 3, 8], "max", &[VeryGood]), (7, false));
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 7, 4, 0], "min", &[NeedsImprovement]), (7, true));
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 6, 5, 0], "min", &[NeedsImprovement]), (7, false));
    // 10 % of 11 = 1.1 → at most 1 Sangat Baik, at least 2 Butuh Perbaikan in a Kurang unit
    assert_eq!(verdict(O::NeedsImprovement, [0, 0, 7, 3, 1], "max", &[VeryGood]), (1, true));
    assert_eq!(verdict(O::Poor, [0, 7, 2, 2, 0], "min", &[NeedsImprovement]), (2, true));
    assert_eq!(verdict(O::Poor, [0, 7, 1, 3, 0], "min", &[NeedsImprovement]), (2, false));
}
