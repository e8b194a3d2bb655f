//! Tests for `kinerja-core/src/rules/organisation.rs` (cargo-mutants on the whole file): the
//! checks of `OrgPolicy::validate` on both sides of each bound — the children's share of a
//! blended roll-up takes 0 and 100 and refuses a value outside, the "at least one" rule's
//! headcount takes 1 and refuses 0, advisory bands must strictly descend, may start at 0 and
//! must advise strictly worse predicates going down — and `OrgPolicy::advise` at each band's
//! own minimum. Each refusal is asserted whole: path, reason and message in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use kinerja_core::model::OrgPredicate;
use kinerja_core::org::{CountRounding, OrgAdvisoryBand};
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use support::policy_refusal as refusal;

/// The expected refusal at `organisation.{field}`.
fn refused(field: &str, en: &str, id: &str) -> (String, String, String, String) {
    support::expected_refusal("organisation", field, en, id)
}

/// The default policy with these advisory bands.
fn with_bands(bands: &[(Decimal, OrgPredicate)]) -> Policy {
    let mut p = Policy::default();
    p.organisation.advisory_bands =
        bands.iter().map(|&(min, predicate)| OrgAdvisoryBand { min, predicate }).collect();
    p
}

/// The children's share of a blended roll-up takes 0 and 100 (both bounds are inside the
/// range); −1, −0.01 and 100.01 are refused on `organisation.children_share`.
#[test]
fn the_children_share_takes_0_to_100() {
    for share in [dec!(0), dec!(100), dec!(100.00), dec!(50)] {
        let mut p = Policy::default();
        p.organisation.children_share = share;
        assert!(p.validate().is_ok(), "{share}");
    }
    for (share, text) in [(dec!(-1), "-1"), (dec!(-0.01), "-0.01"), (dec!(100.01), "100.01")] {
        let mut p = Policy::default();
        p.organisation.children_share = share;
        assert_eq!(
            refusal(&p),
            refused(
                "children_share",
                &format!("{text} is outside 0–100"),
                &format!("{text} di luar rentang 0–100")
            )
        );
    }
}

/// The "at least one" rule applies from a headcount of 1 (the default) or more; 0 is refused.
#[test]
fn the_at_least_one_headcount_is_at_least_1() {
    for n in [1, 2, 1000] {
        let mut p = Policy::default();
        p.organisation.at_least_one_min_headcount = n;
        assert!(p.validate().is_ok(), "{n}");
    }
    let mut p = Policy::default();
    p.organisation.at_least_one_min_headcount = 0;
    assert_eq!(
        refusal(&p),
        refused(
            "at_least_one_min_headcount",
            "must be at least 1 (a unit with no employee has nobody to rate)",
            "harus minimal 1 (unit kerja tanpa pegawai tidak memiliki pegawai untuk dinilai)"
        )
    );
}

/// Advisory bands must strictly descend: a band equal to the one above it, or above it, is
/// refused on its `min`, naming both values.
#[test]
fn advisory_bands_must_strictly_descend() {
    let p = with_bands(&[(dec!(90), OrgPredicate::Outstanding), (dec!(90), OrgPredicate::Good)]);
    assert_eq!(
        refusal(&p),
        refused(
            "advisory_bands[1].min",
            "bands must be descending: 90 is not below 90",
            "rentang nilai harus berurutan menurun: 90 tidak lebih kecil daripada 90"
        )
    );
    let p = with_bands(&[
        (dec!(90), OrgPredicate::Outstanding),
        (dec!(80), OrgPredicate::Good),
        (dec!(85), OrgPredicate::NeedsImprovement),
    ]);
    assert_eq!(
        refusal(&p),
        refused(
            "advisory_bands[2].min",
            "bands must be descending: 85 is not below 80",
            "rentang nilai harus berurutan menurun: 85 tidak lebih kecil daripada 80"
        )
    );
}

/// A lower band must advise a strictly worse predicate: the same predicate or a better one is
/// refused on its `predicate`; a band one step worse, or several, is taken.
#[test]
fn a_lower_band_must_advise_a_worse_predicate() {
    for (upper, lower) in [
        (OrgPredicate::Good, OrgPredicate::Good),
        (OrgPredicate::Good, OrgPredicate::Outstanding),
        (OrgPredicate::VeryPoor, OrgPredicate::Poor),
    ] {
        let p = with_bands(&[(dec!(90), upper), (dec!(80), lower)]);
        let (path, reason, en, _) = refusal(&p);
        assert_eq!(path, "organisation.advisory_bands[1].predicate", "{upper} then {lower}");
        assert_eq!(
            reason,
            format!("a lower band must advise a worse predicate: {lower} is not worse than {upper}")
        );
        assert_eq!(en, format!("policy {path}: {reason}"));
    }
    let p = with_bands(&[(dec!(90), OrgPredicate::Good), (dec!(80), OrgPredicate::Good)]);
    assert_eq!(
        refusal(&p).3,
        "kebijakan `organisation.advisory_bands[1].predicate`: rentang nilai yang lebih rendah harus \
         menyarankan predikat yang lebih buruk: good tidak lebih buruk daripada good"
    );
    let p = with_bands(&[(dec!(90), OrgPredicate::Outstanding), (dec!(60), OrgPredicate::VeryPoor)]);
    assert!(p.validate().is_ok());
}

/// A band may start at 0 (every achievement gets advice) but not below: −0.01 is refused on
/// its `min`.
#[test]
fn an_advisory_band_may_start_at_0_but_not_below() {
    let p = with_bands(&[(dec!(90), OrgPredicate::Outstanding), (dec!(0), OrgPredicate::Good)]);
    assert!(p.validate().is_ok());
    assert_eq!(p.organisation.advise(dec!(0)), Some(OrgPredicate::Good));
    assert_eq!(p.organisation.advise(dec!(-1)), None);
    let p = with_bands(&[(dec!(90), OrgPredicate::Outstanding), (dec!(-0.01), OrgPredicate::Good)]);
    assert_eq!(refusal(&p), refused("advisory_bands[1].min", "-0.01 is negative", "-0.01 bernilai negatif"));
}

/// The advice is the first band whose minimum the achievement reaches: each band's own minimum
/// gets that band, a hair below it the next, below the last none; with no band, no advice.
#[test]
fn the_advice_takes_each_band_from_its_own_minimum() {
    let p = with_bands(&[
        (dec!(100), OrgPredicate::Outstanding),
        (dec!(80), OrgPredicate::Good),
        (dec!(60), OrgPredicate::NeedsImprovement),
    ]);
    let o = &p.organisation;
    assert_eq!(o.advise(dec!(120)), Some(OrgPredicate::Outstanding));
    assert_eq!(o.advise(dec!(100)), Some(OrgPredicate::Outstanding));
    assert_eq!(o.advise(dec!(99.99)), Some(OrgPredicate::Good));
    assert_eq!(o.advise(dec!(80)), Some(OrgPredicate::Good));
    assert_eq!(o.advise(dec!(60)), Some(OrgPredicate::NeedsImprovement));
    assert_eq!(o.advise(dec!(59.99)), None);
    assert_eq!(Policy::default().organisation.advise(dec!(100)), None);
}

/// Each way of rounding a headcount, on a share that is not a whole person (70 % of 5 = 3.5,
/// 70 % of 4 = 2.8, 60 % of 7 = 4.2) and on one that is (50 % of 4 = 2), with its name.
#[test]
fn count_rounding_each_way_with_its_name() {
    let cases = [
        (CountRounding::Floor, "floor", [3, 2, 4, 2]),
        (CountRounding::Ceil, "ceil", [4, 3, 5, 2]),
        (CountRounding::HalfUp, "half_up", [4, 3, 4, 2]),
    ];
    for (r, name, want) in cases {
        assert_eq!(r.as_str(), name);
        let got = [
            r.count(dec!(70), 5).unwrap(),
            r.count(dec!(70), 4).unwrap(),
            r.count(dec!(60), 7).unwrap(),
            r.count(dec!(50), 4).unwrap(),
        ];
        assert_eq!(got, want, "{name}");
        assert_eq!(r.count(dec!(0), 9).unwrap(), 0, "{name}");
        assert_eq!(r.count(dec!(100), 9).unwrap(), 9, "{name}");
    }
}
