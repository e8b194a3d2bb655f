//! # kinerja-core
//!
//! The exact, explainable engine for managing the performance of Indonesia's civil servants
//! (ASN): indicators, targets, weights, periods, organisation units and goals, rulesets of
//! every regime since 2014 (PP 46/2011, PermenPANRB 8/2021, PermenPANRB 6/2022), and results
//! with step-by-step explanations in Bahasa Indonesia and English.
//!
//! All arithmetic is [`rust_decimal::Decimal`] with checked operations and declared rounding
//! ([`num::Rounding`]); every bad input is an [`Error`] naming where it is; nothing panics.
//!
//! ```
//! use kinerja_core::prelude::*;
//! assert_eq!(predicate(Rating::Above, Rating::Above), Predicate::VeryGood);
//! assert_eq!(predicate(Rating::Below, Rating::Meets), Predicate::NeedsImprovement);
//! ```
//!
//! ## Scoring a plan
//!
//! With only `kinerja-core` as a dependency (`Decimal` and [`dec!`] are re-exported): build a
//! plan (SKP), its realisations and the appraiser's assessment, then [`evaluate`] it under a
//! builtin ruleset.
//!
//! ```
//! use kinerja_core::prelude::*;
//!
//! let year: Period = "2024".parse()?;
//! let plan = Plan::new(Employee::new("198701012010011001", "Ani Lestari", "dinkes", PostType::Executor), 2024)
//!     .with_result(
//!         PlannedResult::new("rhk-1", "Meningkatnya pelayanan pasien")
//!             .with_indicator(Indicator::new("iki-1", "Pasien yang dilayani", dec!(1200).into()).with_unit("orang"))
//!             .with_indicator(
//!                 Indicator::new("iki-2", "Waktu tunggu rata-rata", dec!(30).into())
//!                     .with_unit("menit")
//!                     .with_polarity(Polarity::LowerIsBetter),
//!             ),
//!     )
//!     .with_realisation(Realisation::new("iki-1", year, dec!(1140)))
//!     .with_realisation(Realisation::new("iki-2", year, dec!(24)))
//!     .with_assessment(
//!         Assessment::new(year).with_work_result(Rating::Meets).with_behaviour(Behaviour::overall(Rating::Above)),
//!     );
//!
//! let rules = Ruleset::builtin("permenpanrb-6-2022")?;
//! let ev = evaluate(&plan, year, &rules)?;
//! assert_eq!(ev.indicators[0].achievement, dec!(95.00)); // 1140 / 1200 × 100 %
//! assert_eq!(ev.indicators[1].achievement, dec!(120.00)); // 200 % − 24 / 30 × 100 % (lower is better)
//! assert_eq!(ev.work_result, Some(Rating::Meets)); // the appraiser's judgement
//! assert_eq!(ev.predicate, Predicate::Good); // work result meets, behaviour above
//! assert!(ev.explain(Lang::Id).contains("PermenPANRB 6/2022"));
//!
//! // Every bad input is an `Error` naming where it is, with a kind to match on.
//! let e = evaluate(&plan, "2023".parse()?, &rules).unwrap_err();
//! assert_eq!(e.kind(), ErrorKind::Invalid(kinerja_core::error::Field::Period));
//! # Ok::<(), kinerja_core::Error>(())
//! ```
//!
//! ## Cargo features
//!
//! All on by default; a small embedder may turn them off with `default-features = false`:
//!
//! * `parallel` — [`evaluate_all`] and the [`batch`] kernels split work with rayon (without it
//!   they run on the calling thread, with the same results);
//! * `schema` — JSON Schemas of policy files (`Policy::json_schema`, schemars);
//! * `toml` — policies and rulesets read from and written to TOML (`Policy::from_toml`).
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// Errors carry a full `Location` for the message; they are the cold path (the batch hot path
// uses the allocation-free `achievement::KernelError`), so their size is accepted.
#![allow(clippy::result_large_err)]

pub mod achievement;
pub mod batch;
pub mod compare;
pub mod document;
pub mod document_numbers;
pub mod error;
pub mod evaluation;
pub mod explain;
pub mod followup;
pub mod instruments;
pub mod lang;
mod literal;
pub mod model;
pub mod num;
pub mod org;
mod par;
pub mod period;
pub mod regime;
pub mod rules;

pub use error::{Error, ErrorFamily, ErrorKind, Location, Result};
pub use evaluation::{Evaluation, IndicatorResult, RatingSource};
pub use regime::permenpanrb_6_2022::predicate;
pub use regime::{check_roster, evaluate, evaluate_all};
/// The exact decimal type of every number kinerja reads and writes (re-exported from
/// `rust_decimal`, so callers need not pin it themselves).
pub use rust_decimal::Decimal;

#[doc(hidden)]
pub mod __private {
    pub use crate::literal::parse as parse_decimal;
}

/// The names most programs need: `use kinerja_core::prelude::*;` brings the model, the
/// entry points ([`evaluate`], [`evaluate_all`], [`check_roster`], [`achievement`],
/// [`predicate`]), rulesets, periods, errors, [`Decimal`] and [`dec!`].
///
/// [`achievement`]: crate::achievement::achievement
/// [`dec!`]: crate::dec
pub mod prelude {
    pub use crate::Decimal;
    pub use crate::achievement::{AchievementPolicy, achievement};
    pub use crate::dec;
    pub use crate::error::{Error, ErrorFamily, ErrorKind, Location, Result};
    pub use crate::evaluation::{Evaluation, IndicatorResult, RatingSource};
    pub use crate::explain::{Labelled, Lang, Trace};
    pub use crate::model::*;
    pub use crate::num::{Rounding, RoundingMode};
    pub use crate::period::{Granularity, Period};
    pub use crate::regime::permenpanrb_6_2022::predicate;
    pub use crate::regime::{check_roster, evaluate, evaluate_all};
    pub use crate::rules::{Date, Policy, RegimeId, Ruleset};
}
