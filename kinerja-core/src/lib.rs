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
#![deny(missing_docs)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// Errors carry a full `Location` for the message; they are the cold path (the batch hot path
// uses the allocation-free `achievement::KernelError`), so their size is accepted.
#![allow(clippy::result_large_err)]

pub mod achievement;
pub mod compare;
pub mod error;
pub mod evaluation;
pub mod explain;
pub mod followup;
pub mod instruments;
pub mod model;
pub mod num;
pub mod org;
pub mod period;
pub mod regime;
pub mod rules;

pub use error::{Error, ErrorFamily, Location, Result};
pub use evaluation::{Evaluation, IndicatorResult, RatingSource};
pub use regime::permenpanrb_6_2022::predicate;

/// The names most programs need.
pub mod prelude {
    pub use crate::achievement::{AchievementPolicy, achievement};
    pub use crate::error::{Error, Location, Result};
    pub use crate::evaluation::Evaluation;
    pub use crate::explain::{Labelled, Lang, Trace};
    pub use crate::model::*;
    pub use crate::num::{Rounding, RoundingMode};
    pub use crate::period::{Granularity, Period};
    pub use crate::regime::permenpanrb_6_2022::predicate;
    pub use crate::rules::{Policy, RegimeId, Ruleset};
}
