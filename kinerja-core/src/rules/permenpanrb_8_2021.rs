//! The PermenPANRB 8/2021 section of the policy (`permenpanrb_8_2021`): capaian rounding,
//! JPT weights, additional work, predicate bands and the 2021 split year. Data only: the regime
//! reads it.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::num::{HUNDRED, Rounding};
use crate::rules::JptScope;

fn d(v: i64) -> Decimal {
    Decimal::from(v)
}

/// Weights of the two kinds of main performance of a JPT (Lampiran p.363, inferred).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct JptWeights {
    /// PK-based results (perjanjian kinerja plus directives), percent. Default 60.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub pk_based: Decimal,
    /// Rencana aksi / inisiatif strategis results, percent. Default 40.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub action_plan: Decimal,
}

impl Default for JptWeights {
    fn default() -> Self {
        JptWeights { pk_based: d(60), action_plan: d(40) }
    }
}

/// The kinerja tambahan (additional work) contribution (Lampiran p.101; C-8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct AdditionalWork {
    /// Count additional results at all. Default `true`.
    pub enabled: bool,
    /// The level (100, 80, 60, 40 or 20) applied to every additional item; the plan model has
    /// no per-item level. Default 100. Unconfirmed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub level: Decimal,
    /// Bobot lingkup penugasan (percent) for an additional indicator without a `weight`.
    /// Default none: the indicator's `weight` is required. Local choice.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub default_scope_weight: Option<Decimal>,
    /// Cap on the total contribution in points. Default 10. Unconfirmed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub cap: Decimal,
}

impl Default for AdditionalWork {
    fn default() -> Self {
        AdditionalWork { enabled: true, level: d(100), default_scope_weight: None, cap: d(10) }
    }
}

/// Lower bounds (inclusive) of the nilai-kinerja predicates (PP 30/2019 Pasal 41).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct PredicateBands {
    /// Sangat Baik (with an innovation). Default 110. Law.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub very_good: Decimal,
    /// Baik. Default 90. Law.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub good: Decimal,
    /// Cukup / Butuh Perbaikan. Default 70. Law.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub needs_improvement: Decimal,
    /// Kurang; below it is Sangat Kurang. Default 50. Unconfirmed (C-7).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub poor: Decimal,
}

impl Default for PredicateBands {
    fn default() -> Self {
        PredicateBands { very_good: d(110), good: d(90), needs_improvement: d(70), poor: d(50) }
    }
}

/// The 2021 split year (C-20).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SplitYear {
    /// Evaluate the annual 2021 period as PP 46 (2021-S1) integrated with 8/2021 (2021-S2).
    /// Default `true`. Unconfirmed (secondary source).
    pub enabled: bool,
    /// Weight of the PP 46 half in percent. Default 50. Unconfirmed.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub pp46_weight: Decimal,
    /// Factor applied to the PP 46 value (0–100 scale) before integrating it with the 8/2021
    /// value (0–120 scale), so that both halves are on the same scale. Default 1.2 (100 on the
    /// PP 46 scale is 120 on the 8/2021 scale; 85.2 Baik becomes 102.24 Baik); 1 averages the
    /// raw values. Unconfirmed (C-22).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub pp46_scale: Decimal,
}

impl Default for SplitYear {
    fn default() -> Self {
        SplitYear { enabled: true, pp46_weight: d(50), pp46_scale: Decimal::new(12, 1) }
    }
}

/// Policy choices for PermenPANRB 8/2021 with PP 30/2019.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Permenpanrb82021Policy {
    /// Round capaian before banding. Default `true`. Unconfirmed (C-8; p.363 shows 97.89 % as
    /// 98 %). When `false`, unrounded capaian in a gap between bands takes the band whose
    /// lower bound it passes (99.5 → Cukup, 100.4 → Baik).
    pub round_capaian: bool,
    /// How capaian is rounded before banding. Default half-up to 0 places. Unconfirmed (C-8).
    pub capaian_rounding: Rounding,
    /// Rounding of nilai capaian IKI, nilai SKP and nilai kinerja. Default half-up to 2
    /// places. Local choice.
    pub rounding: Rounding,
    /// Who gets the JPT weighting. Default `all_jpt`. Unconfirmed ("JPT / pimpinan unit kerja
    /// mandiri").
    pub jpt_scope: JptScope,
    /// JPT weights. Default 60 PK-based / 40 rencana aksi. Unconfirmed (inferred from p.363).
    pub jpt_weights: JptWeights,
    /// Id prefix marking a planned result (or an indicator) as rencana aksi / inisiatif
    /// strategis (the rest are main performance, PK-based for a JPT). Used by the JPT weights
    /// and by the periodic SKP value of a quarter or month. Default `rencana-aksi:`. Local
    /// choice (the plan model has no such field).
    pub action_plan_prefix: String,
    /// Additional-work contribution. Unconfirmed (C-8).
    pub additional: AdditionalWork,
    /// Cap on nilai SKP. Default 120. Law (PP 30/2019 Pasal 41: the scale is 0–120).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub skp_cap: Decimal,
    /// Predicate bands. Law, except Kurang / Sangat Kurang (C-7).
    pub predicate_bands: PredicateBands,
    /// Sangat Baik needs an innovation (`Assessment.innovation`). Default `true`. Law.
    pub very_good_requires_innovation: bool,
    /// The 2021 split year. Unconfirmed (C-20).
    pub split_year: SplitYear,
}

impl Default for Permenpanrb82021Policy {
    fn default() -> Self {
        Permenpanrb82021Policy {
            round_capaian: true,
            capaian_rounding: Rounding::half_up(0),
            rounding: Rounding::half_up(2),
            jpt_scope: JptScope::AllJpt,
            jpt_weights: JptWeights::default(),
            action_plan_prefix: "rencana-aksi:".into(),
            additional: AdditionalWork::default(),
            skp_cap: d(120),
            predicate_bands: PredicateBands::default(),
            very_good_requires_innovation: true,
            split_year: SplitYear::default(),
        }
    }
}

fn pol_err(path: String, reason: String) -> Error {
    Error::Policy { path, reason }
}

fn percent(path: &str, field: &str, v: Decimal) -> Result<()> {
    if v < Decimal::ZERO || v > HUNDRED {
        return Err(pol_err(format!("{path}.{field}"), format!("{v} must be between 0 and 100")));
    }
    Ok(())
}

impl Permenpanrb82021Policy {
    /// Checks the values; errors name the field path under `path`.
    pub fn validate(&self, path: &str) -> Result<()> {
        self.capaian_rounding.validate(&format!("{path}.capaian_rounding"))?;
        self.rounding.validate(&format!("{path}.rounding"))?;
        let w = &self.jpt_weights;
        percent(path, "jpt_weights.pk_based", w.pk_based)?;
        percent(path, "jpt_weights.action_plan", w.action_plan)?;
        if w.pk_based.checked_add(w.action_plan) != Some(HUNDRED) {
            return Err(pol_err(
                format!("{path}.jpt_weights"),
                format!("weights must sum to 100 (got {} + {})", w.pk_based, w.action_plan),
            ));
        }
        if self.action_plan_prefix.trim().is_empty() {
            return Err(pol_err(format!("{path}.action_plan_prefix"), "must not be empty".into()));
        }
        let a = &self.additional;
        if ![d(100), d(80), d(60), d(40), d(20)].contains(&a.level) {
            return Err(pol_err(
                format!("{path}.additional.level"),
                format!("{} is not one of 100, 80, 60, 40, 20", a.level),
            ));
        }
        if let Some(v) = a.default_scope_weight {
            percent(path, "additional.default_scope_weight", v)?;
        }
        if a.cap < Decimal::ZERO || a.cap > d(120) {
            return Err(pol_err(
                format!("{path}.additional.cap"),
                format!("{} must be between 0 and 120", a.cap),
            ));
        }
        if self.skp_cap <= Decimal::ZERO || self.skp_cap > d(1000) {
            return Err(pol_err(
                format!("{path}.skp_cap"),
                format!("{} must be above 0 and at most 1000", self.skp_cap),
            ));
        }
        let b = &self.predicate_bands;
        let list = [
            ("very_good", b.very_good),
            ("good", b.good),
            ("needs_improvement", b.needs_improvement),
            ("poor", b.poor),
        ];
        for (i, (name, v)) in list.iter().enumerate() {
            if *v < Decimal::ZERO {
                return Err(pol_err(
                    format!("{path}.predicate_bands.{name}"),
                    format!("{v} must not be negative"),
                ));
            }
            if let Some((pn, pv)) = i.checked_sub(1).and_then(|j| list.get(j)) {
                if *v >= *pv {
                    return Err(pol_err(
                        format!("{path}.predicate_bands.{name}"),
                        format!("bands must be descending ({v} is not below {pn} = {pv})"),
                    ));
                }
            }
        }
        percent(path, "split_year.pp46_weight", self.split_year.pp46_weight)?;
        let s = self.split_year.pp46_scale;
        if s <= Decimal::ZERO || s > d(10) {
            return Err(pol_err(
                format!("{path}.split_year.pp46_scale"),
                format!("{s} must be above 0 and at most 10"),
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn policy_validation() {
        let path = "permenpanrb_8_2021";
        assert!(Permenpanrb82021Policy::default().validate(path).is_ok());
        let p = Permenpanrb82021Policy {
            jpt_weights: JptWeights { pk_based: dec!(60), action_plan: dec!(50) },
            ..Default::default()
        };
        assert!(p.validate(path).unwrap_err().to_string().contains("permenpanrb_8_2021.jpt_weights"));
        let p = Permenpanrb82021Policy {
            additional: AdditionalWork { level: dec!(70), ..Default::default() },
            ..Default::default()
        };
        assert!(p.validate(path).unwrap_err().to_string().contains("additional.level"));
        let p = Permenpanrb82021Policy {
            predicate_bands: PredicateBands { good: dec!(120), ..Default::default() },
            ..Default::default()
        };
        assert!(p.validate(path).unwrap_err().to_string().contains("predicate_bands.good"));
    }
}
