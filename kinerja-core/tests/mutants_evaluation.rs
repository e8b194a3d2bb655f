//! Tests for `kinerja-core/src/evaluation.rs` (cargo-mutants on the whole file): the label of
//! every predicate under every regime in both languages (PP 46 names its own five categories,
//! 8/2021 writes "Cukup/Butuh Perbaikan" and "Kurang"), the same label on an evaluation, and
//! the explanation as text.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::evaluation::predicate_label;
use kinerja_core::prelude::*;
use kinerja_core::rules::RegimeId;

const ORDER: [Predicate; 5] = [
    Predicate::VeryGood,
    Predicate::Good,
    Predicate::NeedsImprovement,
    Predicate::PoorMisconduct,
    Predicate::VeryPoor,
];

/// The labels of [`ORDER`] under `regime` in `lang`.
fn labels(regime: RegimeId, lang: Lang) -> Vec<&'static str> {
    ORDER.iter().map(|p| predicate_label(regime, *p, lang)).collect()
}

/// PP 46/2011 names its five categories Sangat Baik, Baik, Cukup, Kurang and Buruk
/// (`docs/legal/pp-46-2011.md`); in English Very good, Good, Fair, Poor and Bad, so an English
/// text never carries the Indonesian "Cukup".
#[test]
fn pp46_names_its_own_categories_in_each_language() {
    assert_eq!(labels(RegimeId::Pp46_2011, Lang::Id), ["Sangat Baik", "Baik", "Cukup", "Kurang", "Buruk"]);
    assert_eq!(labels(RegimeId::Pp46_2011, Lang::En), ["Very good", "Good", "Fair", "Poor", "Bad"]);
}

/// PermenPANRB 8/2021 (PP 30/2019) writes "Cukup/Butuh Perbaikan" and "Kurang" in Indonesian,
/// "Poor" in English; its other labels are the predicates' own.
#[test]
fn permenpanrb_8_2021_writes_cukup_and_kurang() {
    assert_eq!(
        labels(RegimeId::Permenpanrb8_2021, Lang::Id),
        ["Sangat Baik", "Baik", "Cukup/Butuh Perbaikan", "Kurang", "Sangat Kurang"]
    );
    assert_eq!(
        labels(RegimeId::Permenpanrb8_2021, Lang::En),
        ["Very good", "Good", "Needs improvement", "Poor", "Very poor"]
    );
}

/// PermenPANRB 6/2022 uses the predicates' own labels.
#[test]
fn permenpanrb_6_2022_uses_the_predicates_own_labels() {
    assert_eq!(
        labels(RegimeId::Permenpanrb6_2022, Lang::Id),
        ["Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang/Misconduct", "Sangat Kurang"]
    );
    assert_eq!(
        labels(RegimeId::Permenpanrb6_2022, Lang::En),
        ["Very good", "Good", "Needs improvement", "Poor/misconduct", "Very poor"]
    );
}

/// An evaluation names its predicate as its regime does, and its explanation as text is its
/// trace's, headed by the employee, the period and the regime, ending with the predicate, in
/// each language.
#[test]
fn an_evaluation_names_its_predicate_and_explains_itself() {
    let year: Period = "2024".parse().unwrap();
    let plan = Plan::new(Employee::new("e1", "Ani", "u1", PostType::Executor), 2024)
        .with_result(PlannedResult::new("rhk-1", "Layanan").with_indicator(Indicator::new(
            "iki-1",
            "Berkas",
            dec!(100).into(),
        )))
        .with_realisation(Realisation::new("iki-1", year, dec!(95)))
        .with_assessment(
            Assessment::new(year)
                .with_work_result(Rating::Meets)
                .with_behaviour(Behaviour::overall(Rating::Below)),
        );
    let ev = evaluate(&plan, year, &Ruleset::builtin("permenpanrb-6-2022").unwrap()).unwrap();
    assert_eq!(ev.predicate, Predicate::PoorMisconduct);
    assert_eq!(
        (ev.predicate_label(Lang::Id), ev.predicate_label(Lang::En)),
        ("Kurang/Misconduct", "Poor/misconduct")
    );
    let (id, en) = (ev.explain(Lang::Id), ev.explain(Lang::En));
    assert_eq!(id, ev.trace.to_text(Lang::Id));
    assert_eq!(en, ev.trace.to_text(Lang::En));
    assert_eq!(
        id.lines().next(),
        Some("Ani (e1), u1, periode 2024 — PermenPANRB 6/2022 (kebijakan national-default v1)")
    );
    assert_eq!(
        en.lines().next(),
        Some("Ani (e1), u1, period 2024 — PermenPANRB 6/2022 (policy national-default v1)")
    );
    assert!(id.contains("\n 6. Predikat kinerja pegawai: Kurang/Misconduct\n"), "{id}");
    assert!(en.contains("\n 6. Employee performance predicate: Poor/misconduct\n"), "{en}");
}
