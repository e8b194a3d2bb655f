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
