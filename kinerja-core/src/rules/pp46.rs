//! The PP 46/2011 section of the policy (`pp46`): rounding points, category thresholds,
//! creativity values and the behaviour-aspect rule. Data only: the regime reads it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::labelled_enum;
use crate::model::Predicate;
use crate::num::{HUNDRED, Rounding};

/// A point of the PP 46 computation where rounding may be applied (open question C-10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundPoint {
    /// Each aspect score (kuantitas, kualitas, waktu, biaya).
    Aspect,
    /// Each activity value (nilai kegiatan).
    Activity,
    /// The SKP value (nilai capaian SKP, after bonuses).
    Skp,
    /// The behaviour value (nilai perilaku kerja).
    Behaviour,
    /// The work-achievement value (nilai prestasi kerja).
    Final,
}

/// How a category threshold compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Boundary {
    /// The value must be strictly above the threshold (`> 90`, as most xls templates do). Default.
    #[default]
    Above,
    /// The value must be at least the threshold (`≥ 91`).
    AtLeast,
}

/// Category thresholds for nilai SKP, nilai perilaku and nilai prestasi kerja (Perka BKN 1/2013, C-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Pp46Bands {
    /// Sangat Baik threshold. Default 90 (with `above`: > 90).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub very_good: Decimal,
    /// Baik threshold. Default 75.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub good: Decimal,
    /// Cukup threshold. Default 60.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub fair: Decimal,
    /// Kurang threshold. Default 50; at or below it (with `above`) is Buruk.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub poor: Decimal,
    /// How thresholds compare. Default `above`.
    pub boundary: Boundary,
}

impl Default for Pp46Bands {
    fn default() -> Self {
        Pp46Bands {
            very_good: Decimal::from(90),
            good: Decimal::from(75),
            fair: Decimal::from(60),
            poor: Decimal::from(50),
            boundary: Boundary::Above,
        }
    }
}

impl Pp46Bands {
    /// The category of `value`, as a [`Predicate`] (Sangat Baik → very good, Baik → good,
    /// Cukup → needs improvement, Kurang → poor, Buruk → very poor).
    pub fn category(&self, value: Decimal) -> Predicate {
        let passes = |t: Decimal| match self.boundary {
            Boundary::Above => value > t,
            Boundary::AtLeast => value >= t,
        };
        if passes(self.very_good) {
            Predicate::VeryGood
        } else if passes(self.good) {
            Predicate::Good
        } else if passes(self.fair) {
            Predicate::NeedsImprovement
        } else if passes(self.poor) {
            Predicate::PoorMisconduct
        } else {
            Predicate::VeryPoor
        }
    }

    /// The thresholds as text for explanations, e.g. `SB > 90, B > 75, C > 60, K > 50`.
    pub(crate) fn describe(&self) -> String {
        let op = match self.boundary {
            Boundary::Above => ">",
            Boundary::AtLeast => "≥",
        };
        format!(
            "SB {op} {}, B {op} {}, C {op} {}, K {op} {}",
            self.very_good.normalize(),
            self.good.normalize(),
            self.fair.normalize(),
            self.poor.normalize()
        )
    }

    /// Checks the thresholds descend strictly and are not negative.
    pub fn validate(&self, path: &str) -> Result<()> {
        let list =
            [("very_good", self.very_good), ("good", self.good), ("fair", self.fair), ("poor", self.poor)];
        for (i, (name, v)) in list.iter().enumerate() {
            if crate::num::negative(*v) {
                return Err(Error::Policy {
                    path: format!("{path}.{name}"),
                    reason: format!("threshold {v} must not be negative"),
                });
            }
            if let Some((prev_name, prev)) = i.checked_sub(1).and_then(|j| list.get(j)) {
                if *v >= *prev {
                    return Err(Error::Policy {
                        path: format!("{path}.{name}"),
                        reason: format!("bands must be descending ({v} is not below {prev_name} = {prev})"),
                    });
                }
            }
        }
        Ok(())
    }
}

/// Creativity (kreativitas) bonus values by level (Perka BKN 1/2013; C-9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct CreativityValues {
    /// Benefit to the work unit. Default 3. Unconfirmed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub unit: Decimal,
    /// Benefit to the organisation. Default 6. Unconfirmed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub organisation: Decimal,
    /// Benefit at national level. Default 12. Unconfirmed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub national: Decimal,
}

impl Default for CreativityValues {
    fn default() -> Self {
        CreativityValues {
            unit: Decimal::from(3),
            organisation: Decimal::from(6),
            national: Decimal::from(12),
        }
    }
}

labelled_enum! {
    /// The level of a creativity (kreativitas) item.
    pub enum CreativityLevel: "creativity_level" {
        /// Benefits the work unit.
        Unit = ("unit", "Unit kerja", "Work unit", ["unit_kerja"]),
        /// Benefits the organisation.
        Organisation = ("organisation", "Organisasi", "Organisation", ["organisasi", "instansi", "organization"]),
        /// Benefits the nation.
        National = ("national", "Nasional", "National", ["nasional"]),
    }
}

impl CreativityValues {
    /// The bonus for a level.
    pub fn value(&self, level: CreativityLevel) -> Decimal {
        match level {
            CreativityLevel::Unit => self.unit,
            CreativityLevel::Organisation => self.organisation,
            CreativityLevel::National => self.national,
        }
    }
}

/// Which behaviour aspects are required (C-9: the aspect list is recalled, not read).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum LeadershipRule {
    /// All five aspects; kepemimpinan is required for structural posts and rejected for
    /// others. Default.
    #[default]
    RequiredIffStructural,
    /// All five aspects; kepemimpinan is optional for every post and counted when given.
    Optional,
}

/// Policy choices for PP 46/2011 with Perka BKN 1/2013.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Pp46Policy {
    /// Rounding rule applied at each point of `round_at`. Default half-up to 2 places; the
    /// truncation printed in SKP guru sheets (88,66) is `{scale = 2, mode = "truncate"}`.
    /// Legal status: unconfirmed (C-10).
    pub rounding: Rounding,
    /// The points where `rounding` is applied. Default every point: aspect, activity, skp,
    /// behaviour, final. Legal status: unconfirmed (C-10).
    pub round_at: Vec<RoundPoint>,
    /// Creativity bonus values. Default 3 / 6 / 12. Legal status: unconfirmed (C-9).
    pub creativity: CreativityValues,
    /// Id prefix marking an additional result as a creativity item; the rest of the id names
    /// its level (`unit`, `organisasi`, `nasional`). Default `kreativitas:`. Legal status:
    /// local choice (engine convention; the plan model has no creativity field).
    pub creativity_prefix: String,
    /// Cap on nilai capaian SKP after the bonuses. Default none (not capped). Legal status:
    /// unconfirmed (C-9).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub skp_cap: Option<Decimal>,
    /// Category thresholds. Default `> 90`, `> 75`, `> 60`, `> 50`. Legal status: unconfirmed
    /// for non-integer values (C-9).
    pub bands: Pp46Bands,
    /// Floor waktu and biaya at 0 when very late or over budget (the formula goes negative
    /// beyond 176 % of the target). Default `true`. Legal status: local choice.
    pub floor_at_zero: bool,
    /// Which behaviour aspects are required. Default `required_iff_structural`. Legal status:
    /// unconfirmed (C-9).
    pub leadership: LeadershipRule,
}

impl Default for Pp46Policy {
    fn default() -> Self {
        Pp46Policy {
            rounding: Rounding::half_up(2),
            round_at: vec![
                RoundPoint::Aspect,
                RoundPoint::Activity,
                RoundPoint::Skp,
                RoundPoint::Behaviour,
                RoundPoint::Final,
            ],
            creativity: CreativityValues::default(),
            creativity_prefix: "kreativitas:".into(),
            skp_cap: None,
            bands: Pp46Bands::default(),
            floor_at_zero: true,
            leadership: LeadershipRule::RequiredIffStructural,
        }
    }
}

impl Pp46Policy {
    /// Checks the values; errors name the field path under `path`.
    pub fn validate(&self, path: &str) -> Result<()> {
        self.rounding.validate(&format!("{path}.rounding"))?;
        for (i, p) in self.round_at.iter().enumerate() {
            if self.round_at.iter().take(i).any(|q| q == p) {
                return Err(Error::Policy {
                    path: format!("{path}.round_at[{i}]"),
                    reason: format!("rounding point `{}` is listed twice", round_point_name(*p)),
                });
            }
        }
        for (name, v) in [
            ("unit", self.creativity.unit),
            ("organisation", self.creativity.organisation),
            ("national", self.creativity.national),
        ] {
            if crate::num::negative(v) {
                return Err(Error::Policy {
                    path: format!("{path}.creativity.{name}"),
                    reason: format!("{v} must not be negative"),
                });
            }
            if v > HUNDRED {
                return Err(Error::Policy {
                    path: format!("{path}.creativity.{name}"),
                    reason: format!("{v} is larger than 100"),
                });
            }
        }
        if self.creativity_prefix.trim().is_empty() {
            return Err(Error::Policy {
                path: format!("{path}.creativity_prefix"),
                reason: "must not be empty".into(),
            });
        }
        if let Some(c) = self.skp_cap {
            if c <= Decimal::ZERO {
                return Err(Error::Policy {
                    path: format!("{path}.skp_cap"),
                    reason: format!("{c} must be positive"),
                });
            }
        }
        self.bands.validate(&format!("{path}.bands"))
    }

    /// Rounds `v` when `point` is listed in `round_at`.
    pub fn round(&self, point: RoundPoint, v: Decimal) -> Decimal {
        if self.round_at.contains(&point) { self.rounding.apply(v) } else { v }
    }
}

fn round_point_name(p: RoundPoint) -> &'static str {
    match p {
        RoundPoint::Aspect => "aspect",
        RoundPoint::Activity => "activity",
        RoundPoint::Skp => "skp",
        RoundPoint::Behaviour => "behaviour",
        RoundPoint::Final => "final",
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn bands() {
        let b = Pp46Bands::default();
        assert_eq!(b.category(dec!(90.5)), Predicate::VeryGood);
        assert_eq!(b.category(dec!(90)), Predicate::Good);
        let inc = Pp46Bands {
            very_good: dec!(91),
            good: dec!(76),
            fair: dec!(61),
            poor: dec!(51),
            boundary: Boundary::AtLeast,
        };
        assert_eq!(inc.category(dec!(90.5)), Predicate::Good);
        assert_eq!(inc.category(dec!(91)), Predicate::VeryGood);
        let bad = Pp46Bands { good: dec!(95), ..Default::default() };
        let e = bad.validate("pp46.bands").unwrap_err().to_string();
        assert!(e.contains("pp46.bands.good"), "{e}");
    }

    #[test]
    fn policy_validation() {
        assert!(Pp46Policy::default().validate("pp46").is_ok());
        let p = Pp46Policy { round_at: vec![RoundPoint::Final, RoundPoint::Final], ..Default::default() };
        assert!(p.validate("pp46").unwrap_err().to_string().contains("pp46.round_at[1]"));
        let p = Pp46Policy { skp_cap: Some(dec!(0)), ..Default::default() };
        assert!(p.validate("pp46").unwrap_err().to_string().contains("pp46.skp_cap"));
        let p = Pp46Policy {
            creativity: CreativityValues { national: dec!(-1), ..Default::default() },
            ..Default::default()
        };
        assert!(p.validate("pp46").unwrap_err().to_string().contains("pp46.creativity.national"));
    }
}
