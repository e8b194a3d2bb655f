//! Edges of the instrument kernels (`instruments/*.rs`) found by mutation testing
//! (cargo-mutants): each test here fails under at least one mutant that the rest of the suite
//! let survive. See TESTING.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::instruments::{PkgInput, PkgLabel, TeacherRole, pkg_assessment};
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
