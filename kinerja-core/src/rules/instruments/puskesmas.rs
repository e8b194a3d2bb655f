//! The puskesmas-assessment section (`instruments.pkp`): the group thresholds, the coverage
//! cap and basis, the management scale and the rounding.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{policy_err, show};
use crate::error::Result;
use crate::num::{HUNDRED, Rounding};

/// A threshold a value must reach: `≥ value` when `inclusive`, `> value` otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PkpThreshold {
    /// The bound.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub value: Decimal,
    /// Whether the bound itself passes.
    pub inclusive: bool,
}

impl PkpThreshold {
    /// Whether `v` reaches the threshold.
    pub fn passes(&self, v: Decimal) -> bool {
        if self.inclusive { v >= self.value } else { v > self.value }
    }

    /// The threshold as text, e.g. `> 91` or `≥ 8.5`.
    pub(crate) fn describe(&self) -> String {
        format!("{} {}", if self.inclusive { "≥" } else { ">" }, show(self.value))
    }
}

/// Which coverage feeds the sub-variable, variable and programme means.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CoverageBasis {
    /// Coverage against the target population, capped (cakupan vs target). Default.
    #[default]
    AgainstTarget,
    /// Real coverage against the whole population (cakupan riil), uncapped.
    Real,
}

/// PKP choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct PkpPolicy {
    /// Coverage for Kelompok I: default `> 91` (exclusive), so 90–91 % falls to Kelompok II.
    /// Law for the value (printed "> 91 %"); the gap reading is unconfirmed (C-16).
    pub coverage_good: PkpThreshold,
    /// Coverage for at least Kelompok II: default `> 80` (exclusive; "≤ 80 %" is Kelompok
    /// III), so 80–81 % is Kelompok II. Law for the value; gap reading unconfirmed (C-16).
    pub coverage_fair: PkpThreshold,
    /// Management for Kelompok I: default `≥ 8.5` (inclusive); 8.4x falls to Kelompok II.
    /// Law (printed "≥ 8,5"); gap reading unconfirmed (C-16).
    pub management_good: PkpThreshold,
    /// Management for at least Kelompok II: default `≥ 5.5` (inclusive; "< 5,5" is Kelompok
    /// III). Law.
    pub management_fair: PkpThreshold,
    /// Cap on coverage against the target, percent. Default 100. Law (PKP instrument).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub coverage_cap: Decimal,
    /// Scores allowed for a management variable, ascending. Default 0, 4, 7, 10. Law (PKP
    /// management instrument).
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub management_scale: Vec<Decimal>,
    /// Coverage used for the means. Default `against_target`. Unconfirmed.
    pub basis: CoverageBasis,
    /// Rounding of reported coverage and management means; groups are read on these rounded
    /// values. Default half-up to 1 place, the precision the PKP worksheets print (S-PKP2:
    /// 51.6). Published precision; the rounding rule itself is unconfirmed.
    pub rounding: Rounding,
}

impl Default for PkpPolicy {
    fn default() -> Self {
        PkpPolicy {
            coverage_good: PkpThreshold { value: Decimal::from(91), inclusive: false },
            coverage_fair: PkpThreshold { value: Decimal::from(80), inclusive: false },
            management_good: PkpThreshold { value: Decimal::new(85, 1), inclusive: true },
            management_fair: PkpThreshold { value: Decimal::new(55, 1), inclusive: true },
            coverage_cap: HUNDRED,
            management_scale: vec![Decimal::ZERO, Decimal::from(4), Decimal::from(7), Decimal::from(10)],
            basis: CoverageBasis::AgainstTarget,
            rounding: Rounding::half_up(1),
        }
    }
}

impl PkpPolicy {
    /// Checks the values; errors name the field path.
    pub fn validate(&self, path: &str) -> Result<()> {
        for (good, fair, g, f) in [
            (self.coverage_good, self.coverage_fair, "coverage_good", "coverage_fair"),
            (self.management_good, self.management_fair, "management_good", "management_fair"),
        ] {
            if good.value < fair.value || (good.value == fair.value && good.inclusive && !fair.inclusive) {
                return Err(policy_err(
                    format!("{path}.{f}.value"),
                    format!(
                        "thresholds must be descending: {f} ({}) is above {g} ({})",
                        fair.describe(),
                        good.describe()
                    ),
                ));
            }
        }
        if self.coverage_cap <= Decimal::ZERO {
            return Err(policy_err(
                format!("{path}.coverage_cap"),
                format!("{} must be positive", self.coverage_cap),
            ));
        }
        if self.management_scale.is_empty() {
            return Err(policy_err(format!("{path}.management_scale"), "at least one score is needed"));
        }
        for (i, w) in self.management_scale.windows(2).enumerate() {
            if let [a, b] = w {
                if b <= a {
                    return Err(policy_err(
                        format!("{path}.management_scale[{}]", i + 1),
                        format!("scores must be ascending: {b} is not above {a}"),
                    ));
                }
            }
        }
        if let Some(first) = self.management_scale.first() {
            if crate::num::negative(*first) {
                return Err(policy_err(
                    format!("{path}.management_scale[0]"),
                    format!("{first} is negative"),
                ));
            }
        }
        self.rounding.validate(&format!("{path}.rounding"))
    }
}
