//! Columnar batch scoring (PermenPANRB 6/2022): columns in, columns out, split with rayon.
//!
//! The batch API scores many employees at once from a struct of arrays (the shape of an Arrow
//! record batch) and gives **exactly** the results of the scalar API: the same
//! [`achievement`] kernel, the same [`Rounding::apply`], the same
//! [`RatingPolicy::advise`](crate::rules::RatingPolicy::advise) and the same 6/2022
//! [`predicate`] matrix.
//!
//! # How it is fast and still exact
//! Decimal inputs arrive as mantissas with one scale per column (Arrow `decimal128`,
//! integers), or as float64 values read in place at the one scale at which every value is
//! exactly its decimal (`DecimalColumn::from_f64`, cargo feature `float-input`). The fast path computes each achievement as a fixed-point integer with
//! [`FIXED_SCALE`] decimal places (checked `i128` arithmetic, floor division) and remembers
//! whether the division left a remainder. A value is rounded on the fast path only when it is
//! exact, or when the whole interval in which the true value lies is far (several units in the
//! last fixed place) from every rounding boundary of the declared [`Rounding`]; then the
//! rounding of the fixed value, of the exact value and of the scalar API's 28-digit
//! `rust_decimal` value all agree. Otherwise — a value near a rounding boundary, a value that
//! would overflow, a zero or negative operand, a value with more than [`FIXED_SCALE`]
//! places — the row (and the employee's weighted mean) falls back to the scalar kernel on
//! `rust_decimal`, so the result is the scalar API's result in every case.
//!
//! # Grouping
//! Indicator rows name their employee by index into the employee table
//! ([`IndicatorColumns::employee`]). Rows may come in any order: the batch groups them by
//! employee (a stable counting sort, keeping row order within an employee, which is the
//! plan order the scalar API would see). Input sorted by employee skips the grouping and is
//! faster: each chunk of employees then scores its rows and its employees in one pass, and
//! the rows' intermediate values never make a column. Output order is always the input order
//! of each table.
//!
//! # Stages
//! The module is split by stage: the input columns (borrowed mantissas, codes, bitmaps),
//! stage 1 over the indicator rows (fixed-point achievements, the scalar kernel as the
//! fallback; for point targets in 64-bit or float64 columns without nulls and no cap column,
//! a plain loop on machine words that hands every row it cannot decide to the general one),
//! stage 2 over the employees (weighted mean, advice, work-result rating,
//! predicate), then the output tables and errors; credit points and the distribution curve
//! per unit work on the output.
//!
//! # Scope
//! One evaluation period: each indicator row carries the target and the realisation already
//! aggregated for the period. The annual roll-up from periodic predicates
//! (`rating.annual_rollup` other than `appraiser_input`), behaviour advice from the seven
//! core values and the appraiser's predicate override are not part of the batch; use the
//! scalar [`crate::regime::permenpanrb_6_2022::evaluate`] for those.
//!
//! ```
//! use kinerja_core::batch::*;
//! use kinerja_core::rules::Ruleset;
//! let emp = [0u32, 0, 1];
//! let target = [10000i128, 8000, 100];   // scale 2: 100.00, 80.00, 1.00
//! let actual = [9120i128, 9000, 1];
//! let ind = IndicatorColumns::new(&emp, DecimalColumn::new(&target, 2), DecimalColumn::new(&actual, 2));
//! let work = [u8::MAX, 2];                // employee 0: no appraiser rating; 1: above
//! let beh = [1u8, 2];                     // meets, above
//! let emps = EmployeeColumns {
//!     len: 2,
//!     work_rating: Some(CodeColumn::new(&work)),
//!     behaviour: Some(CodeColumn::new(&beh)),
//!     ..Default::default()
//! };
//! let mut rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
//! rules.policy.rating.advisory_bands = vec![
//!     kinerja_core::rules::AdvisoryBand { min: 110.into(), rating: kinerja_core::model::Rating::Above },
//!     kinerja_core::rules::AdvisoryBand { min: 90.into(), rating: kinerja_core::model::Rating::Meets },
//! ];
//! let out = score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels).unwrap();
//! assert_eq!(out.indicators.achievement_decimal(0).unwrap().to_string(), "91.20");
//! assert_eq!(out.employees.weighted_decimal(0).unwrap().to_string(), "101.85");
//! assert_eq!(out.employees.predicate[0], Some(kinerja_core::model::Predicate::Good));
//! ```

use crate::par::*;
use rust_decimal::Decimal;

use crate::achievement::{KernelError, achievement};
use crate::error::{Error, Location};
use crate::evaluation::RatingSource;
use crate::model::{OrgPredicate, Polarity, Predicate, Rating, Target};
use crate::num::{Rounding, RoundingMode};
use crate::regime::permenpanrb_6_2022::predicate;
use crate::rules::{JptScope, MeanInputs, MissingRealisation, Policy};

// The stages, in the order data flows: columns in → rows (stage 1) → employees (stage 2)
// → output, driven by `driver`; `units` works on the output afterwards.
mod columns;
mod driver;
mod employees;
mod errors;
mod fixed;
#[cfg(feature = "float-input")]
mod floats;
mod output;
mod plain;
mod plain_employees;
mod rows;
#[cfg(test)]
mod tests;
mod units;

pub use columns::*;
use driver::{EmpSlots, EmpTally, RowSlots, RowTally};
pub use driver::{Groups, group, score};
use employees::*;
use errors::*;
pub use fixed::FIXED_SCALE;
use fixed::*;
#[cfg(feature = "float-input")]
pub use floats::Floats;
pub use output::*;
use plain::*;
use plain_employees::*;
use rows::*;
pub use units::*;
