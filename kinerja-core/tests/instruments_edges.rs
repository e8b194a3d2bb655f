//! Edges of the instrument kernels (`instruments/*.rs`) found by mutation testing
//! (cargo-mutants): each test here fails under at least one mutant that the rest of the suite
//! let survive. See TESTING.md.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
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
