//! The credit-point section (`follow_up.credit_points`): percentages per predicate,
//! coefficients per grade, rounding, the annual cap and the promotion requirements.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{check_pct, pol, show};
use crate::error::Result;
use crate::explain::Labelled;
use crate::model::{FunctionalGrade, Predicate};
use crate::num::Rounding;

/// Cumulative credit points required at a grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GradeRequirement {
    /// Cumulative AK for a rank promotion (kenaikan pangkat) within the grade. Law
    /// (PermenPANRB 1/2023 Lampiran; equals 4 × koef).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rank: Decimal,
    /// Cumulative AK for a grade promotion (kenaikan jenjang); `None` at the top grade of a
    /// category. Legal status: unconfirmed (secondary source S-AK8 only, open question C-6).
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub grade: Option<Decimal>,
    /// True once the grade-promotion value has been checked against the primary text.
    /// Default false. Legal status: local choice (a record of the reviewer's check).
    #[serde(default)]
    pub grade_confirmed: bool,
}

/// Where a credit-point ledger rounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreditRoundingPoint {
    /// Each line is rounded (monthly lines drift: 12 × 1.04 = 12.48 instead of 12.5).
    PerLine,
    /// The exact sum of each year's lines is rounded once. Default.
    #[default]
    PerYear,
    /// Only the final total is rounded.
    Total,
}

/// Credit-point policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct CreditPointsPolicy {
    /// Percentage per predicate: SB 150, B 100, BP 75, K 50, SK 25. Law (PermenPANRB 1/2023).
    /// Every predicate must be present.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<Predicate, String>"))]
    pub percentages: BTreeMap<Predicate, Decimal>,
    /// Annual coefficient per grade: Pemula 3.75, Terampil 5, Mahir 12.5, Penyelia 25, Ahli
    /// Pertama 12.5, Ahli Muda 25, Ahli Madya 37.5, Ahli Utama 50. Law (BKN slides,
    /// PerBKN 3/2023). Every grade must be present.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<FunctionalGrade, String>"))]
    pub coefficients: BTreeMap<FunctionalGrade, Decimal>,
    /// Rounding of each conversion. Default half-up to 2 places (as stored in public code,
    /// TV-07). Legal status: unconfirmed (C-6).
    pub rounding: Rounding,
    /// Annual cap in percent of the annual coefficient. Default 150. Law (PerBKN 11/2022
    /// Pasal 30).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub annual_cap_pct: Decimal,
    /// Apply the annual cap also to the sum of the periodic conversions of one year (not only
    /// to each conversion). Default true. Legal status: unconfirmed (C-6).
    pub cap_periodic_sum: bool,
    /// Where a ledger rounds: `per_line` (each conversion), `per_year` (the exact sum of a
    /// year's lines, after the cap) or `total` (only the final total). Default `per_year`:
    /// the same months give one total however they are entered (48 monthly Baik lines at
    /// Ahli Pertama = 4 × 12.5 = 50) and a year's total equals the annual conversion the
    /// regulation tabulates. Legal status: unconfirmed (no official rounding rule found).
    pub rounding_point: CreditRoundingPoint,
    /// Multiplier for an appointment at the top rank of a grade (only through
    /// [`rank_peak_credit_points`], never in routine conversion). Default 3. Law (PerBKN 3/2023
    /// example).
    // The link target is documentation only; it stays out of the schema's description.
    #[cfg_attr(doc, doc = "")]
    #[cfg_attr(doc, doc = "[`rank_peak_credit_points`]: crate::followup::rank_peak_credit_points")]
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub rank_peak_multiplier: Decimal,
    /// Cumulative requirements per grade. Default the table of docs/legal/permenpanrb-1-2023.md.
    pub requirements: BTreeMap<FunctionalGrade, GradeRequirement>,
    /// Lowest predicate that allows a rank or grade promotion. Default Baik. Law (PerBKN
    /// 3/2023: "memiliki Predikat Kinerja minimal baik").
    pub min_predicate_for_promotion: Predicate,
}

fn d(units: i64, scale: u32) -> Decimal {
    Decimal::new(units, scale)
}

impl Default for CreditPointsPolicy {
    fn default() -> Self {
        use FunctionalGrade as G;
        use Predicate as P;
        let percentages = BTreeMap::from([
            (P::VeryGood, d(150, 0)),
            (P::Good, d(100, 0)),
            (P::NeedsImprovement, d(75, 0)),
            (P::PoorMisconduct, d(50, 0)),
            (P::VeryPoor, d(25, 0)),
        ]);
        let coefficients = BTreeMap::from([
            (G::Beginner, d(375, 2)),
            (G::Skilled, d(5, 0)),
            (G::Proficient, d(125, 1)),
            (G::Supervisor, d(25, 0)),
            (G::FirstExpert, d(125, 1)),
            (G::JuniorExpert, d(25, 0)),
            (G::MiddleExpert, d(375, 1)),
            (G::SeniorExpert, d(50, 0)),
        ]);
        let req = |rank: i64, grade: Option<i64>| GradeRequirement {
            rank: d(rank, 0),
            grade: grade.map(|g| d(g, 0)),
            grade_confirmed: false,
        };
        let requirements = BTreeMap::from([
            (G::Beginner, req(15, Some(15))),
            (G::Skilled, req(20, Some(60))),
            (G::Proficient, req(50, Some(100))),
            (G::Supervisor, req(100, None)),
            (G::FirstExpert, req(50, Some(100))),
            (G::JuniorExpert, req(100, Some(200))),
            (G::MiddleExpert, req(150, Some(450))),
            (G::SeniorExpert, req(200, None)),
        ]);
        CreditPointsPolicy {
            percentages,
            coefficients,
            rounding: Rounding::half_up(2),
            annual_cap_pct: d(150, 0),
            cap_periodic_sum: true,
            rounding_point: CreditRoundingPoint::PerYear,
            rank_peak_multiplier: d(3, 0),
            requirements,
            min_predicate_for_promotion: P::Good,
        }
    }
}

impl CreditPointsPolicy {
    /// Checks every predicate and grade is present and values are in range.
    pub fn validate(&self, path: &str) -> Result<()> {
        for p in Predicate::ALL {
            match self.percentages.get(p) {
                None => return Err(pol(format!("{path}.percentages.{}", p.value()), "missing")),
                Some(v) => check_pct(*v, d(1000, 0), &format!("{path}.percentages.{}", p.value()))?,
            }
        }
        for g in FunctionalGrade::ALL {
            match self.coefficients.get(g) {
                None => return Err(pol(format!("{path}.coefficients.{}", g.value()), "missing")),
                Some(v) if *v <= Decimal::ZERO => {
                    return Err(pol(
                        format!("{path}.coefficients.{}", g.value()),
                        format!("{} must be positive", show(*v)),
                    ));
                }
                Some(_) => {}
            }
            match self.requirements.get(g) {
                None => return Err(pol(format!("{path}.requirements.{}", g.value()), "missing")),
                Some(r) => {
                    if r.rank <= Decimal::ZERO {
                        return Err(pol(
                            format!("{path}.requirements.{}.rank", g.value()),
                            format!("{} must be positive", show(r.rank)),
                        ));
                    }
                    if let Some(x) = r.grade {
                        if x <= Decimal::ZERO {
                            return Err(pol(
                                format!("{path}.requirements.{}.grade", g.value()),
                                format!("{} must be positive", show(x)),
                            ));
                        }
                    }
                }
            }
        }
        self.rounding.validate(&format!("{path}.rounding"))?;
        if self.annual_cap_pct <= Decimal::ZERO {
            return Err(pol(format!("{path}.annual_cap_pct"), "must be positive"));
        }
        if self.rank_peak_multiplier <= Decimal::ZERO {
            return Err(pol(format!("{path}.rank_peak_multiplier"), "must be positive"));
        }
        Ok(())
    }

    /// The percentage of a predicate; missing is an error at `path`.
    pub(crate) fn pct(&self, p: Predicate, path: &str) -> Result<Decimal> {
        self.percentages
            .get(&p)
            .copied()
            .ok_or_else(|| pol(format!("{path}.percentages.{}", p.value()), "missing"))
    }

    /// The annual coefficient of a grade; missing is an error at `path`.
    pub(crate) fn koef(&self, g: FunctionalGrade, path: &str) -> Result<Decimal> {
        self.coefficients
            .get(&g)
            .copied()
            .ok_or_else(|| pol(format!("{path}.coefficients.{}", g.value()), "missing"))
    }
}
