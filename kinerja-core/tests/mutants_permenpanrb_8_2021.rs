//! Tests for `kinerja-core/src/rules/permenpanrb_8_2021.rs` (cargo-mutants on the whole file):
//! every range check of `Permenpanrb82021Policy::validate` on both sides of each bound. The JPT
//! weights, the additional-work scope weight and the split year's PP 46 weight take 0 and 100
//! and refuse a value outside; the additional-work cap takes 0 and 120; `skp_cap` takes a
//! positive value up to 1000; `split_year.pp46_scale` takes a value above 0 up to 10; a
//! predicate band may be 0 but not negative, and two equal bands are refused. Each refusal is
//! asserted whole: path, reason and message in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;
use support::policy_refusal as refusal;

/// The expected refusal at `permenpanrb_8_2021.{field}`.
fn refused(field: &str, en: &str, id: &str) -> (String, String, String, String) {
    support::expected_refusal("permenpanrb_8_2021", field, en, id)
}

/// The default policy with the JPT weights `pk` / `ap`.
fn jpt(pk: Decimal, ap: Decimal) -> Policy {
    let mut p = Policy::default();
    p.permenpanrb_8_2021.jpt_weights.pk_based = pk;
    p.permenpanrb_8_2021.jpt_weights.action_plan = ap;
    p
}

/// The JPT weights may be 0 / 100 or 100 / 0 (each bound of the 0–100 range is inside it). A
/// weight outside the range is refused on its own field even when the two still sum to 100
/// (−10 + 110, 110 + −10, −0.01 + 100.01), naming the first one out of range.
#[test]
fn jpt_weights_take_0_and_100_and_refuse_a_weight_outside_even_when_they_sum_to_100() {
    for (pk, ap) in [(dec!(0), dec!(100)), (dec!(100), dec!(0)), (dec!(100.00), dec!(0.00))] {
        assert!(jpt(pk, ap).validate().is_ok(), "{pk} + {ap}");
    }
    assert_eq!(
        refusal(&jpt(dec!(-10), dec!(110))),
        refused("jpt_weights.pk_based", "-10 must be between 0 and 100", "-10 harus antara 0 dan 100")
    );
    assert_eq!(
        refusal(&jpt(dec!(110), dec!(-10))),
        refused("jpt_weights.pk_based", "110 must be between 0 and 100", "110 harus antara 0 dan 100")
    );
    assert_eq!(
        refusal(&jpt(dec!(100.01), dec!(-0.01))),
        refused("jpt_weights.pk_based", "100.01 must be between 0 and 100", "100.01 harus antara 0 dan 100")
    );
    assert_eq!(
        refusal(&jpt(dec!(-0.01), dec!(100.01))),
        refused("jpt_weights.pk_based", "-0.01 must be between 0 and 100", "-0.01 harus antara 0 dan 100")
    );
}

/// Weights inside the range that do not sum to 100 are refused on `jpt_weights`, naming both.
#[test]
fn jpt_weights_must_sum_to_100() {
    assert_eq!(
        refusal(&jpt(dec!(60), dec!(50))),
        refused(
            "jpt_weights",
            "weights must sum to 100 (got 60 + 50)",
            "jumlah bobot harus 100 (diterima 60 + 50)"
        )
    );
    assert_eq!(
        refusal(&jpt(dec!(0), dec!(0))),
        refused(
            "jpt_weights",
            "weights must sum to 100 (got 0 + 0)",
            "jumlah bobot harus 100 (diterima 0 + 0)"
        )
    );
}

/// The rencana-aksi prefix may not be blank; any other text is taken.
#[test]
fn the_action_plan_prefix_must_not_be_blank() {
    for blank in ["", " ", "\t "] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.action_plan_prefix = blank.into();
        assert_eq!(
            refusal(&p),
            refused("action_plan_prefix", "must not be empty", "tidak boleh kosong"),
            "{blank:?}"
        );
    }
    let mut p = Policy::default();
    p.permenpanrb_8_2021.action_plan_prefix = "ra-".into();
    assert!(p.validate().is_ok());
}

/// The additional-work level is one of 100, 80, 60, 40 and 20 (written with any scale); 70, 0
/// and 120 are refused.
#[test]
fn the_additional_level_is_one_of_five() {
    for level in [dec!(100), dec!(80), dec!(60), dec!(40), dec!(20), dec!(80.00)] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.additional.level = level;
        assert!(p.validate().is_ok(), "{level}");
    }
    for (level, text) in [(dec!(70), "70"), (dec!(0), "0"), (dec!(120), "120")] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.additional.level = level;
        assert_eq!(
            refusal(&p),
            refused(
                "additional.level",
                &format!("{text} is not one of 100, 80, 60, 40, 20"),
                &format!("{text} bukan salah satu dari 100, 80, 60, 40, 20")
            )
        );
    }
}

/// The additional-work scope weight, when given, is a percentage: 0 and 100 are taken, −0.01
/// and 100.01 refused on `additional.default_scope_weight`.
#[test]
fn the_default_scope_weight_is_a_percentage() {
    for w in [dec!(0), dec!(100), dec!(50)] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.additional.default_scope_weight = Some(w);
        assert!(p.validate().is_ok(), "{w}");
    }
    for (w, text) in [(dec!(-0.01), "-0.01"), (dec!(100.01), "100.01")] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.additional.default_scope_weight = Some(w);
        assert_eq!(
            refusal(&p),
            refused(
                "additional.default_scope_weight",
                &format!("{text} must be between 0 and 100"),
                &format!("{text} harus antara 0 dan 100")
            )
        );
    }
}

/// The additional-work cap takes 0 (nothing added) and 120 (the whole scale); −0.01 and
/// 120.01 are refused.
#[test]
fn the_additional_cap_takes_0_to_120() {
    for cap in [dec!(0), dec!(120), dec!(10)] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.additional.cap = cap;
        assert!(p.validate().is_ok(), "{cap}");
    }
    for (cap, text) in [(dec!(-0.01), "-0.01"), (dec!(120.01), "120.01")] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.additional.cap = cap;
        assert_eq!(
            refusal(&p),
            refused(
                "additional.cap",
                &format!("{text} must be between 0 and 120"),
                &format!("{text} harus antara 0 dan 120")
            )
        );
    }
}

/// The SKP cap takes any positive value up to 1000 (0.01, 120, 1000); 0, −1 and 1000.01 are
/// refused.
#[test]
fn the_skp_cap_is_positive_and_at_most_1000() {
    for cap in [dec!(0.01), dec!(120), dec!(1000)] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.skp_cap = cap;
        assert!(p.validate().is_ok(), "{cap}");
    }
    for (cap, text) in [(dec!(0), "0"), (dec!(-1), "-1"), (dec!(1000.01), "1000.01")] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.skp_cap = cap;
        assert_eq!(
            refusal(&p),
            refused(
                "skp_cap",
                &format!("{text} must be above 0 and at most 1000"),
                &format!("{text} harus lebih dari 0 dan paling besar 1000")
            )
        );
    }
}

/// A predicate band may be 0 (the Kurang band from 0: nobody is Sangat Kurang) but not
/// negative; a negative band is refused as such, before the order is checked.
#[test]
fn a_predicate_band_may_be_0_but_not_negative() {
    let mut p = Policy::default();
    p.permenpanrb_8_2021.predicate_bands.poor = dec!(0);
    assert!(p.validate().is_ok());
    p.permenpanrb_8_2021.predicate_bands.poor = dec!(-1);
    assert_eq!(
        refusal(&p),
        refused("predicate_bands.poor", "-1 must not be negative", "-1 tidak boleh negatif")
    );
    let mut p = Policy::default();
    p.permenpanrb_8_2021.predicate_bands.very_good = dec!(-0.5);
    assert_eq!(
        refusal(&p),
        refused("predicate_bands.very_good", "-0.5 must not be negative", "-0.5 tidak boleh negatif")
    );
}

/// The bands must strictly descend: a band equal to the one above it is refused on the lower
/// band, naming the one above; a band just below it is taken.
#[test]
fn equal_predicate_bands_are_refused() {
    let mut p = Policy::default();
    p.permenpanrb_8_2021.predicate_bands.good = dec!(110);
    assert_eq!(
        refusal(&p),
        refused(
            "predicate_bands.good",
            "bands must be descending (110 is not below very_good = 110)",
            "rentang nilai harus berurutan menurun (110 tidak lebih kecil daripada very_good = 110)"
        )
    );
    let mut p = Policy::default();
    p.permenpanrb_8_2021.predicate_bands.poor = dec!(70);
    assert_eq!(
        refusal(&p),
        refused(
            "predicate_bands.poor",
            "bands must be descending (70 is not below needs_improvement = 70)",
            "rentang nilai harus berurutan menurun (70 tidak lebih kecil daripada needs_improvement = 70)"
        )
    );
    p.permenpanrb_8_2021.predicate_bands.poor = dec!(69.99);
    assert!(p.validate().is_ok());
}

/// The split year's PP 46 weight is a percentage: 0 and 100 are taken, −1 and 100.5 refused.
#[test]
fn the_pp46_weight_is_a_percentage() {
    for w in [dec!(0), dec!(100)] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.split_year.pp46_weight = w;
        assert!(p.validate().is_ok(), "{w}");
    }
    for (w, text) in [(dec!(-1), "-1"), (dec!(100.5), "100.5")] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.split_year.pp46_weight = w;
        assert_eq!(
            refusal(&p),
            refused(
                "split_year.pp46_weight",
                &format!("{text} must be between 0 and 100"),
                &format!("{text} harus antara 0 dan 100")
            )
        );
    }
}

/// The split year's PP 46 scale takes a value above 0 up to 10 (0.01, 1, 10); 0, −1 and
/// 10.01 are refused.
#[test]
fn the_pp46_scale_is_above_0_and_at_most_10() {
    for s in [dec!(0.01), dec!(1), dec!(10)] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.split_year.pp46_scale = s;
        assert!(p.validate().is_ok(), "{s}");
    }
    for (s, text) in [(dec!(0), "0"), (dec!(-1), "-1"), (dec!(10.01), "10.01")] {
        let mut p = Policy::default();
        p.permenpanrb_8_2021.split_year.pp46_scale = s;
        assert_eq!(
            refusal(&p),
            refused(
                "split_year.pp46_scale",
                &format!("{text} must be above 0 and at most 10"),
                &format!("{text} harus lebih dari 0 dan paling besar 10")
            )
        );
    }
}

/// The documented defaults of the section, read back exactly.
#[test]
fn the_defaults_are_the_documented_ones() {
    let p = Policy::default().permenpanrb_8_2021;
    assert_eq!((p.jpt_weights.pk_based, p.jpt_weights.action_plan), (dec!(60), dec!(40)));
    assert!(p.additional.enabled);
    assert_eq!(
        (p.additional.level, p.additional.default_scope_weight, p.additional.cap),
        (dec!(100), None, dec!(10))
    );
    assert_eq!(p.skp_cap, dec!(120));
    let b = &p.predicate_bands;
    assert_eq!((b.very_good, b.good, b.needs_improvement, b.poor), (dec!(110), dec!(90), dec!(70), dec!(50)));
    assert!(p.split_year.enabled);
    assert_eq!((p.split_year.pp46_weight, p.split_year.pp46_scale), (dec!(50), dec!(1.2)));
    assert_eq!(p.action_plan_prefix, "rencana-aksi:");
    assert!(p.round_capaian && p.very_good_requires_innovation);
}
