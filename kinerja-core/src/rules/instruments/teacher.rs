//! The teacher section (`instruments.pkg`): the legacy PKG maxima, conversion table, teaching
//! hours and roundings.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{check_descending, policy_err};
use crate::error::Result;
use crate::labelled_enum;
use crate::num::Rounding;

labelled_enum! {
    /// PKG conversion labels, ordered worst to best.
    pub enum PkgLabel: "pkg_label" {
        /// Kurang (≤ 50).
        Poor = ("poor", "Kurang", "Poor", ["k"]),
        /// Sedang (51–60).
        Fair = ("fair", "Sedang", "Fair", ["s"]),
        /// Cukup (61–75).
        Sufficient = ("sufficient", "Cukup", "Sufficient", ["c"]),
        /// Baik (76–90).
        Good = ("good", "Baik", "Good", ["b"]),
        /// Amat Baik (91–100).
        VeryGood = ("very_good", "Amat Baik", "Very good", ["ab", "sangat baik"]),
    }
}

/// One conversion band: NPKG100 at or above `min` gets `label` and `percent` of the credit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PkgBand {
    /// Lowest NPKG100 of the band, inclusive.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// The label.
    pub label: PkgLabel,
    /// Percent of the annual credit (NPK), e.g. 125.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub percent: Decimal,
}

/// PKG choices.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct PkgPolicy {
    /// Maximum raw score of a classroom teacher. Default 56 (14 × 4). Law (Juknis PKG).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub max_raw_classroom: Decimal,
    /// Maximum raw score of a guidance counsellor. Default 68 (17 × 4). Law (Juknis PKG).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub max_raw_counsellor: Decimal,
    /// Rounding of NPKG100; the band is read on the rounded value. Default half-up to 2
    /// places, so 90.996 → 91.00 (Amat Baik) and 90.5 → Baik. Unconfirmed (integer bands).
    pub score_rounding: Rounding,
    /// Conversion table, best first: 91 Amat Baik 125 %, 76 Baik 100 %, 61 Cukup 75 %,
    /// 51 Sedang 50 %, 0 Kurang 25 %. Law (Juknis PKG, Tabel 12); lower-inclusive reading of
    /// non-integer values unconfirmed.
    pub bands: Vec<PkgBand>,
    /// JWM, required teaching hours per week. Default 24. Law.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub required_hours: Decimal,
    /// Standard years per rank (the divisor 4). Default 4. Law.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub years_per_rank: Decimal,
    /// Cap JM / JWM at 1 (hours above 24 earn nothing extra). Default true. Unconfirmed.
    pub cap_hours_factor: bool,
    /// Rounding of the annual credit. Default half-up to 4 places, the precision the
    /// Juknis PKG worksheets print (S-PKG1: 25.3125 — exact for every JM/JWM in whole hours
    /// up to 24, since the credit is a multiple of 1/(4 × 24 × 4)… rounded only past 4 places).
    /// Published precision; the rounding rule itself is unconfirmed.
    pub credit_rounding: Rounding,
}

impl Default for PkgPolicy {
    fn default() -> Self {
        let b = |min: i64, label, percent: i64| PkgBand {
            min: Decimal::from(min),
            label,
            percent: Decimal::from(percent),
        };
        PkgPolicy {
            max_raw_classroom: Decimal::from(56),
            max_raw_counsellor: Decimal::from(68),
            score_rounding: Rounding::half_up(2),
            bands: vec![
                b(91, PkgLabel::VeryGood, 125),
                b(76, PkgLabel::Good, 100),
                b(61, PkgLabel::Sufficient, 75),
                b(51, PkgLabel::Fair, 50),
                b(0, PkgLabel::Poor, 25),
            ],
            required_hours: Decimal::from(24),
            years_per_rank: Decimal::from(4),
            cap_hours_factor: true,
            credit_rounding: Rounding::half_up(4),
        }
    }
}

impl PkgPolicy {
    /// Checks the values; errors name the field path (e.g. `instruments.pkg.bands[1].min`).
    pub fn validate(&self, path: &str) -> Result<()> {
        for (name, v) in [
            ("max_raw_classroom", self.max_raw_classroom),
            ("max_raw_counsellor", self.max_raw_counsellor),
            ("required_hours", self.required_hours),
            ("years_per_rank", self.years_per_rank),
        ] {
            if v <= Decimal::ZERO {
                return Err(policy_err(format!("{path}.{name}"), format!("{v} must be positive")));
            }
        }
        self.score_rounding.validate(&format!("{path}.score_rounding"))?;
        self.credit_rounding.validate(&format!("{path}.credit_rounding"))?;
        let pairs: Vec<(Decimal, PkgLabel)> = self.bands.iter().map(|b| (b.min, b.label)).collect();
        check_descending(path, "bands", "label", &pairs)?;
        for (i, w) in self.bands.windows(2).enumerate() {
            if let [hi, lo] = w {
                if lo.percent > hi.percent {
                    return Err(policy_err(
                        format!("{path}.bands[{}].percent", i + 1),
                        format!("a lower band may not give more credit ({} > {})", lo.percent, hi.percent),
                    ));
                }
            }
        }
        for (i, b) in self.bands.iter().enumerate() {
            if crate::num::negative(b.percent) {
                return Err(policy_err(
                    format!("{path}.bands[{i}].percent"),
                    format!("{} is negative", b.percent),
                ));
            }
        }
        Ok(())
    }
}
