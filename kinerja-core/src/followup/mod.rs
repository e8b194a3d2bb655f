//! Follow-ups: credit points, TPP, training needs, rewards, talent, monitoring.

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Policy choices for this area.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct FollowUpPolicy {}

impl FollowUpPolicy {
    /// Checks the values; errors name the field path under `path`.
    pub fn validate(&self, _path: &str) -> Result<()> {
        Ok(())
    }
}
