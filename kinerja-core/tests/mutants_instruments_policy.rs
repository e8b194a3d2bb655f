//! Tests for the instruments' policy sections, `kinerja-core/src/rules/instruments/`
//! (`satisfaction.rs`, `puskesmas.rs`, `teacher.rs`, `mod.rs`; cargo-mutants on each whole
//! file): the exact bounds each check allows, and the path and wording (both languages) of
//! each refusal.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::Error;
use kinerja_core::explain::Lang;
use kinerja_core::rules::Policy;

fn with_places(places: u32) -> Policy {
    let mut p = Policy::default();
    p.instruments.ikm.rounded_weight_places = places;
    p
}

/// `rounded_weight_places` allows 1 to 10 inclusive: 10 is accepted, 11 is refused at its path
/// with the bounds named in both languages.
#[test]
fn rounded_weight_places_allows_ten_and_refuses_eleven() {
    assert_eq!(with_places(10).validate(), Ok(()));
    assert_eq!(with_places(1).validate(), Ok(()));
    let e = with_places(11).validate().unwrap_err();
    assert_eq!(
        e,
        Error::Policy {
            path: "instruments.ikm.rounded_weight_places".into(),
            reason: "11 must be between 1 and 10".into()
        }
    );
    assert_eq!(
        e.message(Lang::En),
        "policy instruments.ikm.rounded_weight_places: 11 must be between 1 and 10"
    );
    assert_eq!(
        e.message(Lang::Id),
        "kebijakan `instruments.ikm.rounded_weight_places`: 11 harus antara 1 dan 10"
    );
}
