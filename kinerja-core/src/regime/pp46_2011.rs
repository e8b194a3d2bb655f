//! PP 46/2011 with Perka BKN 1/2013 (legacy prestasi kerja).

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Policy choices for this area.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Pp46Policy {}

impl Pp46Policy {
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
