//! PermenPANRB 8/2021 with PP 30/2019 (July–December 2021).

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Policy choices for this area.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Permenpanrb82021Policy {}

impl Permenpanrb82021Policy {
    /// Checks the values; errors name the field path under `path`.
    pub fn validate(&self, _path: &str) -> Result<()> {
        Ok(())
    }
}

/// Evaluates a plan under this regime.
pub fn evaluate(
    plan: &crate::model::Plan,
    period: crate::period::Period,
    rules: &crate::rules::Ruleset,
) -> Result<crate::evaluation::Evaluation> {
    let _ = (plan, period, rules);
    Err(crate::error::Error::Policy {
        path: "regime".into(),
        reason: "this regime is being implemented".into(),
    })
}
