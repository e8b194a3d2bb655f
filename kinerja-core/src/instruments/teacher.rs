//! Teachers (guru). The **legacy** PKG (Penilaian Kinerja Guru, PermenPAN-RB 16/2009 and its
//! Juknis): the score to 100 (NPKG100), the conversion table and the annual credit (angka
//! kredit) formula (docs/legal/permenpanrb-16-2009.md, TV-34).
//!
//! ```text
//! NPKG100 = raw / max_raw × 100              (max_raw 56 classroom, 68 counsellor)
//! AK_year = (AKK − AKPKB − AKP) × (JM / JWM) × NPK / 4
//! ```
//!
//! **Current teachers (2023–)** are managed in PMM / e-Kinerja and receive the same five
//! predicates as every ASN: their predicate flows through the PermenPANRB 6/2022 path
//! ([`crate::predicate`]) and, for credit points, the follow-up module. Nothing in this module
//! applies to them.
//!
//! ```
//! use kinerja_core::instruments::{PkgLabel, pkg_conversion};
//! use kinerja_core::rules::Policy;
//! use rust_decimal::Decimal;
//! let c = pkg_conversion(Decimal::from(91), &Policy::default()).unwrap();
//! assert_eq!((c.label, c.percent), (PkgLabel::VeryGood, Decimal::from(125)));
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{instrument_err, show};
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::num::{self, HUNDRED};
use crate::rules::Policy;

const INSTRUMENT: &str = "teacher_pkg";
const LAW: &str = "PermenPAN-RB 16/2009; Juknis PKG";

labelled_enum! {
    /// The teacher's role, which sets the maximum raw PKG score.
    pub enum TeacherRole: "teacher_role" {
        /// Classroom or subject teacher: 14 competencies × 4 = 56.
        Classroom = ("classroom", "Guru kelas/mata pelajaran", "Classroom/subject teacher", ["guru", "kelas", "mapel"]),
        /// Guidance counsellor (BK/konselor): 17 competencies × 4 = 68.
        Counsellor = ("counsellor", "Guru BK/konselor", "Guidance counsellor", ["bk", "konselor", "counselor"]),
    }
}

pub use crate::rules::instruments::teacher::{PkgBand, PkgLabel, PkgPolicy};

/// The converted PKG value.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkgConversion {
    /// NPKG100 as classified (rounded by `score_rounding`).
    pub npkg100: Decimal,
    /// The label.
    pub label: PkgLabel,
    /// Percent of the annual credit (NPK).
    pub percent: Decimal,
}

/// The credit part of a PKG input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PkgCreditInput {
    /// AKK: cumulative credit required for the next rank.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub akk: Decimal,
    /// AKPKB: credit required from continuing professional development.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub akpkb: Decimal,
    /// AKP: credit required from support activities (unsur penunjang).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub akp: Decimal,
    /// JM: teaching hours per week (needed unless `additional_duty`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub teaching_hours: Option<Decimal>,
    /// Additional duty (tugas tambahan, e.g. school head): computed without JM / JWM.
    #[serde(default)]
    pub additional_duty: bool,
}

/// A teacher's legacy PKG input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PkgInput {
    /// The teacher (NIP), named in errors and explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub teacher: Option<String>,
    /// Role; sets the maximum raw score. Default classroom.
    #[serde(default = "default_role")]
    pub role: TeacherRole,
    /// Raw PKG score (sum of competency scores).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub raw_score: Decimal,
    /// Data for the annual credit, if wanted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credit: Option<PkgCreditInput>,
}

fn default_role() -> TeacherRole {
    TeacherRole::Classroom
}

/// A teacher's PKG result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkgResult {
    /// NPKG100 exact.
    pub npkg100_exact: Decimal,
    /// The conversion (rounded NPKG100, label, percent).
    pub conversion: PkgConversion,
    /// Annual credit exact (when credit data was given).
    pub annual_credit_exact: Option<Decimal>,
    /// Annual credit rounded by `credit_rounding`.
    pub annual_credit: Option<Decimal>,
    /// Step-by-step explanation.
    pub trace: Trace,
}

/// Converts an NPKG100 value (0–100) with the policy's table.
pub fn pkg_conversion(npkg100: Decimal, policy: &Policy) -> Result<PkgConversion> {
    convert(npkg100, policy, &Location::default()).map(|(c, _)| c)
}

fn convert(npkg100: Decimal, policy: &Policy, at: &Location) -> Result<(PkgConversion, Step)> {
    let p = &policy.instruments.pkg;
    if npkg100 < Decimal::ZERO || npkg100 > HUNDRED {
        return Err(instrument_err(INSTRUMENT, at, "npkg100", format!("NPKG100 {npkg100} is outside 0–100")));
    }
    let v = p.score_rounding.apply(npkg100);
    let band =
        p.bands.iter().find(|b| v >= b.min).or(p.bands.last()).ok_or_else(|| Error::Policy {
            path: "instruments.pkg.bands".into(),
            reason: "no bands".into(),
        })?;
    let table = |lang: Lang| {
        let rows: Vec<String> = p
            .bands
            .iter()
            .map(|b| format!("≥ {} {} {}%", show(b.min), b.label.label(lang), show(b.percent)))
            .collect();
        rows.join("; ")
    };
    let step = Step::new(
        "pkg.conversion",
        BiText::new("Konversi NPKG100 ke sebutan dan persentase AK", "NPKG100 to label and credit percent"),
        BiText::new(
            format!("batas bawah inklusif ({}): {}", p.score_rounding.describe_id(), table(Lang::Id)),
            format!("lower-inclusive bounds ({}): {}", p.score_rounding.describe(), table(Lang::En)),
        ),
        BiText::new(
            format!("{} ({}%)", band.label.label(Lang::Id), show(band.percent)),
            format!("{} ({}%)", band.label.label(Lang::En), show(band.percent)),
        ),
        Citation::policy(&policy.id, "instruments.pkg.bands")
            .with_topic(format!("{LAW}, tabel konversi"), format!("{LAW}, conversion table")),
    )
    .input("NPKG100", v)
    .unrounded(npkg100);
    Ok((PkgConversion { npkg100: v, label: band.label, percent: band.percent }, step))
}

/// Scores a teacher under the legacy PKG: NPKG100, conversion and (optionally) annual credit.
///
/// ```
/// use kinerja_core::instruments::{PkgCreditInput, PkgInput, TeacherRole, pkg_assessment};
/// use kinerja_core::rules::Policy;
/// use rust_decimal::Decimal;
/// let input = PkgInput { teacher: None, role: TeacherRole::Classroom, raw_score: Decimal::from(52),
///     credit: Some(PkgCreditInput { akk: Decimal::from(50), akpkb: Decimal::from(3), akp: Decimal::from(5),
///         teaching_hours: Some(Decimal::from(24)), additional_duty: false }) };
/// let r = pkg_assessment(&input, &Policy::default()).unwrap();
/// assert_eq!(r.conversion.npkg100.to_string(), "92.86");
/// assert_eq!(r.annual_credit.unwrap().to_string(), "13.1250");
/// ```
pub fn pkg_assessment(input: &PkgInput, policy: &Policy) -> Result<PkgResult> {
    let p = &policy.instruments.pkg;
    let at = match &input.teacher {
        Some(t) => Location::employee(t.clone()),
        None => Location::default(),
    };
    let (max_raw, max_field) = match input.role {
        TeacherRole::Classroom => (p.max_raw_classroom, "max_raw_classroom"),
        TeacherRole::Counsellor => (p.max_raw_counsellor, "max_raw_counsellor"),
    };
    if input.raw_score < Decimal::ZERO || input.raw_score > max_raw {
        return Err(instrument_err(
            INSTRUMENT,
            &at,
            "raw_score",
            format!(
                "raw score {} is outside 0–{} for a {}",
                input.raw_score,
                show(max_raw),
                input.role.label(Lang::En).to_lowercase()
            ),
        ));
    }
    let who = input.teacher.clone().unwrap_or_else(|| crate::explain::NONE.into());
    let mut trace = Trace::new(BiText::new(
        format!("Penilaian Kinerja Guru (PKG, lama), guru {who}"),
        format!("Teacher performance appraisal (legacy PKG), teacher {who}"),
    ));
    let npkg = num::ratio_pct(input.raw_score, max_raw, &at)?;
    trace.push(
        Step::new(
            "pkg.npkg100",
            BiText::new("Nilai PKG skala 100 (NPKG100)", "PKG score on a 100 scale (NPKG100)"),
            BiText::new("NPKG100 = nilai PKG / nilai maksimum × 100", "NPKG100 = raw score / maximum × 100"),
            BiText::same(p.score_rounding.apply(npkg).to_string()),
            Citation::law(format!("{LAW}: NPKG100 (instruments.pkg.{max_field})")),
        )
        .input("raw", show(input.raw_score))
        .input("max", show(max_raw))
        .unrounded(npkg),
    );
    let (conversion, step) = convert(npkg, policy, &at)?;
    trace.push(step);

    let mut annual_credit_exact = None;
    let mut annual_credit = None;
    if let Some(c) = &input.credit {
        for (name, v) in [("credit.akk", c.akk), ("credit.akpkb", c.akpkb), ("credit.akp", c.akp)] {
            if v < Decimal::ZERO {
                return Err(instrument_err(INSTRUMENT, &at, name, format!("{v} is negative")));
            }
        }
        let base = num::sub(num::sub(c.akk, c.akpkb, &at)?, c.akp, &at)?;
        if base < Decimal::ZERO {
            return Err(instrument_err(
                INSTRUMENT,
                &at,
                "credit.akk",
                format!("AKK {} is less than AKPKB {} + AKP {}", c.akk, c.akpkb, c.akp),
            ));
        }
        let per_year = num::mul(HUNDRED, p.years_per_rank, &at)?;
        let (num_, den, hours_text) = if c.additional_duty {
            (num::mul(base, conversion.percent, &at)?, per_year, None)
        } else {
            let jm = c.teaching_hours.ok_or_else(|| Error::Missing {
                at: at.clone(),
                field: "credit.teaching_hours".into(),
                reason: "JM (teaching hours per week) is needed for the JM/JWM factor".into(),
            })?;
            if jm < Decimal::ZERO {
                return Err(instrument_err(
                    INSTRUMENT,
                    &at,
                    "credit.teaching_hours",
                    format!("{jm} is negative"),
                ));
            }
            let jm_used = if p.cap_hours_factor { jm.min(p.required_hours) } else { jm };
            (
                num::mul(num::mul(base, jm_used, &at)?, conversion.percent, &at)?,
                num::mul(per_year, p.required_hours, &at)?,
                Some(format!("JM/JWM = {}/{}", show(jm_used), show(p.required_hours))),
            )
        };
        let ak = num::div(num_, den, &at)?;
        let akr = p.credit_rounding.apply(ak);
        let (formula_id, formula_en, cite) = if c.additional_duty {
            (
                "AK = (AKK − AKPKB − AKP) × NPK / 4 (tugas tambahan)",
                "AK = (AKK − AKPKB − AKP) × NPK / 4 (additional duty)",
                Citation::law_on(LAW, "angka kredit tugas tambahan", "credit points of an additional duty"),
            )
        } else {
            (
                "AK = (AKK − AKPKB − AKP) × JM/JWM × NPK / 4",
                "AK = (AKK − AKPKB − AKP) × JM/JWM × NPK / 4",
                Citation::law_on(LAW, "angka kredit per tahun", "annual credit points"),
            )
        };
        let mut step = Step::new(
            "pkg.annual_credit",
            BiText::new("Angka kredit per tahun", "Annual credit points"),
            BiText::new(formula_id, formula_en),
            BiText::same(akr.to_string()),
            cite,
        )
        .input("AKK − AKPKB − AKP", show(base));
        // an additional duty has no hours factor (its formula says so)
        if let Some(hours) = hours_text {
            step = step.input("faktor jam", hours);
        }
        trace.push(
            step.input("NPK", format!("{}%", show(conversion.percent)))
                .input("years", show(p.years_per_rank))
                .input("rounding", p.credit_rounding.describe())
                .unrounded(ak),
        );
        annual_credit_exact = Some(ak);
        annual_credit = Some(akr);
    }
    Ok(PkgResult { npkg100_exact: npkg, conversion, annual_credit_exact, annual_credit, trace })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn tv34() {
        let p = Policy::default();
        for (v, l, pct) in [
            (dec!(91), PkgLabel::VeryGood, dec!(125)),
            (dec!(90), PkgLabel::Good, dec!(100)),
            (dec!(75), PkgLabel::Sufficient, dec!(75)),
            (dec!(60), PkgLabel::Fair, dec!(50)),
            (dec!(50), PkgLabel::Poor, dec!(25)),
        ] {
            let c = pkg_conversion(v, &p).unwrap();
            assert_eq!((c.label, c.percent), (l, pct), "{v}");
        }
        assert_eq!(pkg_conversion(dec!(90.5), &p).unwrap().label, PkgLabel::Good);
        assert_eq!(pkg_conversion(dec!(90.996), &p).unwrap().label, PkgLabel::VeryGood);
    }

    #[test]
    fn policy_validation_is_located() {
        let mut p = PkgPolicy::default();
        p.bands[3].min = dec!(80);
        assert_eq!(p.validate("instruments.pkg").unwrap_err().field(), Some("instruments.pkg.bands[3].min"));
        let mut p = PkgPolicy::default();
        p.bands[2].percent = dec!(110);
        assert_eq!(p.validate("x").unwrap_err().field(), Some("x.bands[2].percent"));
        let p = PkgPolicy { required_hours: dec!(0), ..Default::default() };
        assert_eq!(p.validate("x").unwrap_err().field(), Some("x.required_hours"));
    }
}
