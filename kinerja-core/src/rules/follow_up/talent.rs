//! The talent section (`follow_up.talent`): the predicate-to-performance mapping of the
//! nine-box and the boxes of the talent pool.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::pol;
use crate::error::Result;
use crate::explain::Labelled;
use crate::model::{Predicate, Rating};

/// Talent policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TalentPolicy {
    /// Mapping of the 6/2022 predicate to the performance axis. Default SB → above, Baik →
    /// meets, BP/K/SK → below. Legal status: unconfirmed (C-18).
    pub predicate_axis: BTreeMap<Predicate, Rating>,
    /// Boxes forming the talent pool. Default 7, 8, 9. Law (S-TAL1).
    pub pool_boxes: Vec<u8>,
}

impl Default for TalentPolicy {
    fn default() -> Self {
        TalentPolicy {
            predicate_axis: BTreeMap::from([
                (Predicate::VeryGood, Rating::Above),
                (Predicate::Good, Rating::Meets),
                (Predicate::NeedsImprovement, Rating::Below),
                (Predicate::PoorMisconduct, Rating::Below),
                (Predicate::VeryPoor, Rating::Below),
            ]),
            pool_boxes: vec![7, 8, 9],
        }
    }
}

impl TalentPolicy {
    /// Checks every predicate is mapped, the mapping is monotone and the boxes are 1–9.
    pub fn validate(&self, path: &str) -> Result<()> {
        let mut prev: Option<Rating> = None;
        for p in Predicate::ALL {
            match self.predicate_axis.get(p) {
                None => return Err(pol(format!("{path}.predicate_axis.{}", p.value()), "missing")),
                Some(r) => {
                    if prev.is_some_and(|q| *r < q) {
                        return Err(pol(
                            format!("{path}.predicate_axis.{}", p.value()),
                            "a better predicate may not map to a lower performance axis",
                        ));
                    }
                    prev = Some(*r);
                }
            }
        }
        for (i, b) in self.pool_boxes.iter().enumerate() {
            if !(1..=9).contains(b) {
                return Err(pol(format!("{path}.pool_boxes[{i}]"), format!("box {b} is not 1–9")));
            }
        }
        Ok(())
    }
}
