//! The rewards section (`follow_up.rewards`): the predicates and year counts of the promotion,
//! award, development-plan and sanction-review lists.

use serde::{Deserialize, Serialize};

use super::pol;
use crate::error::Result;
use crate::model::Predicate;

/// Reward and sanction policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct RewardsPolicy {
    /// Lowest latest annual predicate for promotion. Default Baik. Law (PerBKN 3/2023 for JF;
    /// PermenPANRB 6/2022 follow-ups).
    pub promotion_min: Predicate,
    /// Number of latest consecutive years that must each reach `promotion_min`. Default 1.
    /// Legal status: local choice.
    pub promotion_years: u8,
    /// Lowest latest annual predicate for an award. Default Sangat Baik. Legal status: local
    /// choice.
    pub award_min: Predicate,
    /// Predicates strictly below this need a development plan. Default Baik. Legal status:
    /// law in spirit (PermenPANRB 6/2022: a development plan is expected); no formula.
    pub development_below: Predicate,
    /// Number of latest consecutive years that must each be below `development_below` for a
    /// development plan (e.g. 2 for "repeated Kurang"). Default 1. Legal status: local choice.
    pub development_years: u8,
    /// Predicates at or below this count towards a sanction review. Default Kurang.
    /// Legal status: unconfirmed (PP 30/2019 Pasal 56; exact triggers unknown).
    pub sanction_at_or_below: Predicate,
    /// Number of such years needed for a sanction review. Default 1 (not meeting the target
    /// in a year). Legal status: unconfirmed.
    pub sanction_years: u8,
    /// The years counted for a sanction review must be consecutive (ending with the latest
    /// year). Default true. Legal status: unconfirmed.
    pub sanction_consecutive: bool,
}

impl Default for RewardsPolicy {
    fn default() -> Self {
        RewardsPolicy {
            promotion_min: Predicate::Good,
            promotion_years: 1,
            award_min: Predicate::VeryGood,
            development_below: Predicate::Good,
            development_years: 1,
            sanction_at_or_below: Predicate::PoorMisconduct,
            sanction_years: 1,
            sanction_consecutive: true,
        }
    }
}

impl RewardsPolicy {
    /// Checks the year counts.
    pub fn validate(&self, path: &str) -> Result<()> {
        if self.promotion_years == 0 || self.promotion_years > 10 {
            return Err(pol(
                format!("{path}.promotion_years"),
                format!("{} must be 1–10", self.promotion_years),
            ));
        }
        if self.development_years == 0 || self.development_years > 10 {
            return Err(pol(
                format!("{path}.development_years"),
                format!("{} must be 1–10", self.development_years),
            ));
        }
        if self.sanction_years == 0 || self.sanction_years > 10 {
            return Err(pol(
                format!("{path}.sanction_years"),
                format!("{} must be 1–10", self.sanction_years),
            ));
        }
        Ok(())
    }
}
