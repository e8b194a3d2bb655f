//! The satisfaction-index section (`instruments.ikm`): weighting, scale, rounding, the grade
//! bands of both regulations and the Krejcie–Morgan sample size.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{check_descending, policy_err};
use crate::error::Result;
use crate::labelled_enum;
use crate::num::{Rounding, RoundingMode};

labelled_enum! {
    /// Mutu pelayanan (service quality grade), ordered worst to best.
    pub enum IkmGrade: "ikm_grade" {
        /// D, kinerja unit pelayanan tidak baik.
        D = ("d", "D (Tidak Baik)", "D (Not good)", ["tidak baik"]),
        /// C, kurang baik.
        C = ("c", "C (Kurang Baik)", "C (Less good)", ["kurang baik"]),
        /// B, baik.
        B = ("b", "B (Baik)", "B (Good)", ["baik"]),
        /// A, sangat baik.
        A = ("a", "A (Sangat Baik)", "A (Very good)", ["sangat baik"]),
    }
}

/// How the element weight is taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IkmWeighting {
    /// The exact `1/k` (law: the regulation defines the weight as 1/9). Default.
    #[default]
    Exact,
    /// The printed weight `1/k` rounded half-up to `rounded_weight_places` (0.11 for 2 places,
    /// 0.111 for 3). Legacy spreadsheets do this; TV-21 then gives 90.56 instead of 91.48.
    Rounded,
}

/// The scale the grade is read on (open question C-11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum IkmScale {
    /// The converted value NIK (25–100) against `bands` / `legacy_bands`. Default.
    #[default]
    Nik,
    /// The unit value NI (1–4) against `ni_bands` / `legacy_ni_bands`.
    Ni,
}

/// One grade band: a value at or above `min` (inclusive) gets `grade`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IkmBand {
    /// Lowest value of the band, inclusive.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// The grade.
    pub grade: IkmGrade,
}

fn band(min: Decimal, grade: IkmGrade) -> IkmBand {
    IkmBand { min, grade }
}

/// Krejcie–Morgan: formula or printed table (open question C-12).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum SampleSizeMethod {
    /// `s = X² N P(1−P) / (d²(N−1) + X² P(1−P))`, rounded by `formula_rounding`. Default.
    #[default]
    Formula,
    /// The printed Krejcie–Morgan (1970) table, read by `table_rule`.
    Table,
}

/// How the printed table is read for a population between two rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum TableRule {
    /// The row of the next larger population (never a smaller sample than needed). Default.
    #[default]
    NextRowUp,
    /// Linear interpolation between the two rows, rounded up to a whole respondent.
    Interpolate,
}

/// Krejcie–Morgan sample-size choices. Every field is **unconfirmed**: 14/2017 refers to the
/// Krejcie–Morgan table, whose Lampiran copy was not read (docs/legal/permenpanrb-14-2017.md, C-12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SampleSizePolicy {
    /// Formula or printed table. Default `formula`. Unconfirmed (C-12).
    pub method: SampleSizeMethod,
    /// Reading the table between rows. Default `next_row_up`. Unconfirmed (C-12).
    pub table_rule: TableRule,
    /// Rounding of the formula value: half-up to 0 places (the nearest whole respondent,
    /// what the published table appears to do). A result with places left is taken up to
    /// the next whole respondent. Default half-up to 0 places. Unconfirmed.
    pub formula_rounding: Rounding,
    /// Round the formula value up (ceiling) instead of `formula_rounding`. Default false.
    /// Local choice.
    pub round_up: bool,
    /// X², chi-square for 1 degree of freedom at the confidence level. Default 3.841 (95 %).
    /// Unconfirmed (Krejcie & Morgan 1970).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub chi_square: Decimal,
    /// P, the assumed population proportion. Default 0.5. Unconfirmed (Krejcie & Morgan 1970).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub proportion: Decimal,
    /// d, the margin of error as a fraction. Default 0.05. Unconfirmed (Krejcie & Morgan 1970).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub margin: Decimal,
}

impl Default for SampleSizePolicy {
    fn default() -> Self {
        SampleSizePolicy {
            method: SampleSizeMethod::Formula,
            table_rule: TableRule::NextRowUp,
            formula_rounding: Rounding { scale: 0, mode: RoundingMode::HalfUp },
            round_up: false,
            chi_square: Decimal::new(3841, 3),
            proportion: Decimal::new(5, 1),
            margin: Decimal::new(5, 2),
        }
    }
}

impl SampleSizePolicy {
    /// Checks the values; errors name the field path.
    pub fn validate(&self, path: &str) -> Result<()> {
        self.formula_rounding.validate(&format!("{path}.formula_rounding"))?;
        if self.chi_square <= Decimal::ZERO {
            return Err(policy_err(
                format!("{path}.chi_square"),
                format!("{} must be positive", self.chi_square),
            ));
        }
        for (name, v) in [("proportion", self.proportion), ("margin", self.margin)] {
            if v <= Decimal::ZERO || v >= Decimal::ONE {
                return Err(policy_err(
                    format!("{path}.{name}"),
                    format!("{v} must lie strictly between 0 and 1"),
                ));
            }
        }
        Ok(())
    }
}

/// IKM choices. Bands are lower-inclusive and listed best first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct IkmPolicy {
    /// Exact `1/k` or the printed rounded weight. Default `exact`. Law (14/2017 defines 1/9).
    pub weighting: IkmWeighting,
    /// Places of the rounded weight when `weighting = rounded` (2 → 0.11, 3 → 0.111).
    /// Default 2. Local choice (legacy spreadsheets).
    pub rounded_weight_places: u32,
    /// The conversion factor from NI (1–4) to NIK (25–100). Default 25. Law.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub conversion_factor: Decimal,
    /// Scale the grade is read on. Default `nik`. Unconfirmed (C-11; recommended reading).
    pub scale: IkmScale,
    /// Classify on the value rounded by `index_rounding` (NIK) or `unit_rounding` (NI) rather
    /// than the exact value. Default true, which closes the printed gaps (64.99|65.00 …).
    /// Unconfirmed (C-11).
    pub classify_rounded: bool,
    /// Rounding of the reported unit value NI. Default half-up to 4 places (3.6590).
    /// Unconfirmed (the regulation prints 4 places).
    pub unit_rounding: Rounding,
    /// Rounding of the reported NIK. Default half-up to 2 places (91.48). Unconfirmed.
    pub index_rounding: Rounding,
    /// 14/2017 bands on NIK: A ≥ 88.31, B ≥ 76.61, C ≥ 65.00, D ≥ 25.00. Law (the printed
    /// intervals), lower-inclusive reading unconfirmed (C-11).
    pub bands: Vec<IkmBand>,
    /// 14/2017 bands on NI: A ≥ 3.5324, B ≥ 3.0644, C ≥ 2.60, D ≥ 1.00. Law; a value in the
    /// printed gaps (e.g. 3.0642) falls to the lower grade. Unconfirmed (C-11).
    pub ni_bands: Vec<IkmBand>,
    /// 2004 bands on NIK: A ≥ 81.26, B ≥ 62.51, C ≥ 43.76, D ≥ 25.00. Law (KEP/25/2004).
    pub legacy_bands: Vec<IkmBand>,
    /// 2004 bands on NI: A ≥ 3.26, B ≥ 2.51, C ≥ 1.76, D ≥ 1.00. Unconfirmed (recalled).
    pub legacy_ni_bands: Vec<IkmBand>,
    /// Sample size (Krejcie–Morgan).
    pub sample_size: SampleSizePolicy,
}

impl Default for IkmPolicy {
    fn default() -> Self {
        use IkmGrade::*;
        IkmPolicy {
            weighting: IkmWeighting::Exact,
            rounded_weight_places: 2,
            conversion_factor: Decimal::from(25),
            scale: IkmScale::Nik,
            classify_rounded: true,
            unit_rounding: Rounding::half_up(4),
            index_rounding: Rounding::half_up(2),
            bands: vec![
                band(Decimal::new(8831, 2), A),
                band(Decimal::new(7661, 2), B),
                band(Decimal::new(6500, 2), C),
                band(Decimal::new(2500, 2), D),
            ],
            ni_bands: vec![
                band(Decimal::new(35324, 4), A),
                band(Decimal::new(30644, 4), B),
                band(Decimal::new(260, 2), C),
                band(Decimal::new(100, 2), D),
            ],
            legacy_bands: vec![
                band(Decimal::new(8126, 2), A),
                band(Decimal::new(6251, 2), B),
                band(Decimal::new(4376, 2), C),
                band(Decimal::new(2500, 2), D),
            ],
            legacy_ni_bands: vec![
                band(Decimal::new(326, 2), A),
                band(Decimal::new(251, 2), B),
                band(Decimal::new(176, 2), C),
                band(Decimal::new(100, 2), D),
            ],
            sample_size: SampleSizePolicy::default(),
        }
    }
}

impl IkmPolicy {
    /// Checks the values; errors name the field path (e.g. `instruments.ikm.bands[2].min`).
    pub fn validate(&self, path: &str) -> Result<()> {
        if self.rounded_weight_places == 0 || self.rounded_weight_places > 10 {
            return Err(policy_err(
                format!("{path}.rounded_weight_places"),
                format!("{} must be between 1 and 10", self.rounded_weight_places),
            ));
        }
        if self.conversion_factor <= Decimal::ZERO {
            return Err(policy_err(
                format!("{path}.conversion_factor"),
                format!("{} must be positive", self.conversion_factor),
            ));
        }
        self.unit_rounding.validate(&format!("{path}.unit_rounding"))?;
        self.index_rounding.validate(&format!("{path}.index_rounding"))?;
        for (name, bands) in [
            ("bands", &self.bands),
            ("ni_bands", &self.ni_bands),
            ("legacy_bands", &self.legacy_bands),
            ("legacy_ni_bands", &self.legacy_ni_bands),
        ] {
            let pairs: Vec<(Decimal, IkmGrade)> = bands.iter().map(|b| (b.min, b.grade)).collect();
            check_descending(path, name, "grade", &pairs)?;
        }
        self.sample_size.validate(&format!("{path}.sample_size"))
    }
}
