//! Organisation layer: structure, cascading alignment, organisational performance (IKU roll-up
//! and SAKIP), the distribution curve of SE MenPANRB 3/2023, calibration suggestions and
//! ranking within a unit.
//!
//! * [`structure`]: units, unit goals (IKU), employees; validated, iterative (no recursion).
//! * [`alignment`]: cascading (intervensi) checks and the contribution tree.
//! * [`rollup`]: IKU achievement per unit, roll-up over the tree, advisory organisational
//!   predicate (local policy).
//! * [`sakip`]: the SAKIP evaluation of PermenPANRB 88/2021.
//! * [`distribution`]: the distribution curve (kurva distribusi) and calibration suggestions.
//! * [`ranking`]: ranking of employees within a unit.
//!
//! ## Open questions and the defaults chosen (all configurable in [`OrgPolicy`])
//! * C-2 rounding of shares in small units: maxima floored, minima ceiled, the Baik row's
//!   "at least one BP or K" kept for every unit size (`at_least_one_min_headcount = 1`);
//! * C-2 unit head in the denominator: counted (`head_counted = true`);
//! * C-2 "allowed" cells of the table: unconstrained;
//! * C-2 Baik unit of one employee: the employee must be BP or K (70 % of 1 floors to 0
//!   Baik); a policy can raise `at_least_one_min_headcount`; Kurang and Sangat Kurang units
//!   of one are infeasible (their minimums need two people) and calibration says so;
//! * C-3 organisational predicate: an input; advisory bands are local policy (none by default);
//! * calibration never changes a predicate silently: it only proposes changes, each with its
//!   reason.

pub mod alignment;
pub mod distribution;
mod graph;
pub mod ranking;
pub mod rollup;
pub mod sakip;
pub mod structure;

pub use alignment::{AlignmentReport, align};
pub use distribution::{
    CalibrationEntry, CalibrationResult, DistributionReport, calibrate, calibrate_unit, check_counts,
    check_distribution, check_unit_distribution, count_violations,
};
pub use ranking::{RankedEmployee, rank_unit};
pub use rollup::{OrgPerformance, unit_performance};
pub use sakip::{SakipInput, SakipResult, sakip_evaluation, sakip_predicate};
pub use structure::{OrgInput, OrgStructure, OrgUnit, UnitGoal};

pub use crate::rules::organisation::{
    CalibrationDirection, CalibrationOrder, CountRounding, OrgAdvisoryBand, OrgPolicy, RollupMode,
};

/// The citation of an organisation-policy field (the policy's id is not known at this level).
pub(crate) fn policy_citation(field: &str) -> crate::explain::Citation {
    crate::explain::Citation {
        authority: crate::explain::Authority::LocalPolicy,
        reference: format!("organisation.{field}"),
        topic: None,
    }
}
