//! Organisation layer: structure, alignment, organisational performance, distribution curve.

use serde::{Deserialize, Serialize};

use crate::error::Result;

/// Policy choices for this area.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct OrgPolicy {}

impl OrgPolicy {
    /// Checks the values; errors name the field path under `path`.
    pub fn validate(&self, _path: &str) -> Result<()> {
        Ok(())
    }
}
