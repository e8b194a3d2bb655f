//! The organisation section of the policy (`organisation`): rounding of the distribution
//! curve's shares, calibration order and direction, organisational advisory bands and the
//! roll-up of unit values. Data only: the organisation layer reads it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::OrgPredicate;

/// How a percentage of a headcount becomes a count of employees (open question C-2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CountRounding {
    /// Round down (`⌊pct × n⌋`).
    Floor,
    /// Round up (`⌈pct × n⌉`).
    Ceil,
    /// Round half up to the nearest whole person.
    HalfUp,
}

impl CountRounding {
    /// Applies the rule to `pct` percent of `n` people.
    pub fn count(self, pct: Decimal, n: u64) -> Result<u64> {
        let at = crate::error::Location::default();
        let exact = crate::num::div(crate::num::mul(pct, Decimal::from(n), &at)?, crate::num::HUNDRED, &at)?;
        let r = match self {
            CountRounding::Floor => exact.floor(),
            CountRounding::Ceil => exact.ceil(),
            CountRounding::HalfUp => {
                exact.round_dp_with_strategy(0, rust_decimal::RoundingStrategy::MidpointAwayFromZero)
            }
        };
        u64::try_from(r).map_err(|_| Error::Arithmetic { at, operation: "headcount rounding".into() })
    }

    /// The snake-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            CountRounding::Floor => "floor",
            CountRounding::Ceil => "ceil",
            CountRounding::HalfUp => "half_up",
        }
    }
}

/// The order in which calibration picks the employees whose predicate it proposes to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CalibrationOrder {
    /// When lowering a predicate, the lowest achievement first; when raising one, the highest
    /// first; employees without an achievement after those with one; then by employee id.
    /// Default.
    #[default]
    WeakestFirst,
    /// By employee id only (ascending).
    ById,
}

/// Which direction calibration may move a predicate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CalibrationDirection {
    /// Up or down, whichever is nearest (ties: down). Default.
    #[default]
    Any,
    /// Only lower predicates (the curve of a weak unit is met by lowering, never by raising).
    LowerOnly,
}

/// How a unit's value combines its own goals with its children's values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RollupMode {
    /// The weighted mean of the unit's own goals only. Default.
    #[default]
    OwnGoals,
    /// The unit's own goals when it has any; otherwise the mean of its children's values.
    OwnOrChildren,
    /// `(100 − children_share)% × own + children_share% × mean(children)`; whichever exists
    /// when only one does.
    Blend,
}

/// One advisory band: IKU achievement at or above `min` percent advises `predicate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OrgAdvisoryBand {
    /// Lowest achievement (percent, inclusive) of this band.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// The advised organisational predicate.
    pub predicate: OrgPredicate,
}

/// Policy choices for the organisation layer. Each field states its legal status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct OrgPolicy {
    /// How a maximum share ("≤ 70 %") becomes a count. Default `floor`. Legal status:
    /// unconfirmed (SE MenPANRB 3/2023 gives no rounding rule; open question C-2).
    pub max_rounding: CountRounding,
    /// How a minimum share ("≥ 60 %") becomes a count. Default `ceil`. Legal status:
    /// unconfirmed (C-2).
    pub min_rounding: CountRounding,
    /// The Baik row's "at least one employee rated Butuh Perbaikan or Kurang/Misconduct"
    /// applies to units with at least this many counted employees. Default 1 (always kept).
    /// Legal status: unconfirmed (C-2: small units).
    pub at_least_one_min_headcount: u64,
    /// The unit head is counted in the unit's headcount. Default `true` (every rated employee
    /// of the unit counts). Legal status: unconfirmed (C-2).
    pub head_counted: bool,
    /// The order calibration picks employees in. Default `weakest_first`. Legal status: local
    /// choice.
    pub calibration_order: CalibrationOrder,
    /// Which direction calibration may move predicates. Default `any`. Legal status: local
    /// choice.
    pub calibration_direction: CalibrationDirection,
    /// Bands advising an organisational predicate from IKU achievement, highest first.
    /// Default none (the organisational predicate is an input, C-3). Legal status:
    /// local choice.
    pub advisory_bands: Vec<OrgAdvisoryBand>,
    /// How unit values roll up the tree. Default `own_goals`. Legal status: local choice.
    pub rollup: RollupMode,
    /// Share (percent, 0–100) of the children's mean in [`RollupMode::Blend`]. Default 50.
    /// Legal status: local choice.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub children_share: Decimal,
}

impl Default for OrgPolicy {
    fn default() -> Self {
        OrgPolicy {
            max_rounding: CountRounding::Floor,
            min_rounding: CountRounding::Ceil,
            at_least_one_min_headcount: 1,
            head_counted: true,
            calibration_order: CalibrationOrder::WeakestFirst,
            calibration_direction: CalibrationDirection::Any,
            advisory_bands: Vec::new(),
            rollup: RollupMode::OwnGoals,
            children_share: Decimal::from(50),
        }
    }
}

impl OrgPolicy {
    /// Checks the values; errors name the field path under `path`.
    ///
    /// ```
    /// use kinerja_core::org::{OrgPolicy, OrgAdvisoryBand};
    /// use kinerja_core::model::OrgPredicate;
    /// use rust_decimal_macros::dec;
    /// let mut p = OrgPolicy::default();
    /// assert!(p.validate("organisation").is_ok());
    /// p.advisory_bands = vec![
    ///     OrgAdvisoryBand { min: dec!(80), predicate: OrgPredicate::Good },
    ///     OrgAdvisoryBand { min: dec!(90), predicate: OrgPredicate::Outstanding },
    /// ];
    /// let e = p.validate("organisation").unwrap_err().to_string();
    /// assert!(e.contains("organisation.advisory_bands[1].min"), "{e}");
    /// ```
    pub fn validate(&self, path: &str) -> Result<()> {
        let pol = |f: String, reason: String| Error::Policy { path: format!("{path}.{f}"), reason };
        if self.at_least_one_min_headcount == 0 {
            return Err(pol(
                "at_least_one_min_headcount".into(),
                "must be at least 1 (a unit with no employee has nobody to rate)".into(),
            ));
        }
        let share = self.children_share;
        if crate::num::negative(share) || share > crate::num::HUNDRED {
            return Err(pol("children_share".into(), format!("{} is outside 0–100", self.children_share)));
        }
        let mut prev: Option<&OrgAdvisoryBand> = None;
        for (i, b) in self.advisory_bands.iter().enumerate() {
            if crate::num::negative(b.min) {
                return Err(pol(format!("advisory_bands[{i}].min"), format!("{} is negative", b.min)));
            }
            if let Some(p) = prev {
                if b.min >= p.min {
                    return Err(pol(
                        format!("advisory_bands[{i}].min"),
                        format!("bands must be descending: {} is not below {}", b.min, p.min),
                    ));
                }
                if b.predicate >= p.predicate {
                    return Err(pol(
                        format!("advisory_bands[{i}].predicate"),
                        format!(
                            "a lower band must advise a worse predicate: {} is not worse than {}",
                            b.predicate, p.predicate
                        ),
                    ));
                }
            }
            prev = Some(b);
        }
        Ok(())
    }

    /// The predicate advised for `achievement` by the bands, if any band applies.
    pub fn advise(&self, achievement: Decimal) -> Option<OrgPredicate> {
        self.advisory_bands.iter().find(|b| achievement >= b.min).map(|b| b.predicate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn count_rounding() {
        assert_eq!(CountRounding::Floor.count(dec!(70), 4).unwrap(), 2);
        assert_eq!(CountRounding::Ceil.count(dec!(70), 4).unwrap(), 3);
        assert_eq!(CountRounding::HalfUp.count(dec!(70), 5).unwrap(), 4);
        assert_eq!(CountRounding::Ceil.count(dec!(60), 10).unwrap(), 6);
    }

    #[test]
    fn policy_validation() {
        let p = OrgPolicy { children_share: dec!(101), ..Default::default() };
        assert!(p.validate("organisation").unwrap_err().to_string().contains("organisation.children_share"));
        let p = OrgPolicy { at_least_one_min_headcount: 0, ..Default::default() };
        assert!(p.validate("o").unwrap_err().to_string().contains("o.at_least_one_min_headcount"));
        let p = OrgPolicy {
            advisory_bands: vec![
                OrgAdvisoryBand { min: dec!(90), predicate: OrgPredicate::Good },
                OrgAdvisoryBand { min: dec!(80), predicate: OrgPredicate::Good },
            ],
            ..Default::default()
        };
        assert!(p.validate("o").unwrap_err().to_string().contains("o.advisory_bands[1].predicate"));
        let p = OrgPolicy {
            advisory_bands: vec![
                OrgAdvisoryBand { min: dec!(90), predicate: OrgPredicate::Outstanding },
                OrgAdvisoryBand { min: dec!(75), predicate: OrgPredicate::Good },
            ],
            ..Default::default()
        };
        assert!(p.validate("o").is_ok());
        assert_eq!(p.advise(dec!(90)), Some(OrgPredicate::Outstanding));
        assert_eq!(p.advise(dec!(89.99)), Some(OrgPredicate::Good));
        assert_eq!(p.advise(dec!(10)), None);
        let j = serde_json::to_string(&OrgPolicy::default()).unwrap();
        let back: OrgPolicy = serde_json::from_str(&j).unwrap();
        assert_eq!(back, OrgPolicy::default());
    }
}
