//! SPM kesehatan (Standar Pelayanan Minimal, kabupaten/kota): achievement per basic service
//! (docs/legal/pmk-4-2019.md). Legal basis PP 2/2018, Permendagri 100/2018 and PMK 4/2019 (a 2024
//! revision is unconfirmed, C-17). The per-service formula is common practice, **unconfirmed**
//! in the primary text:
//!
//! ```text
//! capaian = served according to standard / target population (sasaran) × 100,  target 100 %
//! ```
//!
//! The composite SPM index of Permendagri 59/2021 (weights unconfirmed) is not computed.
//!
//! ```
//! use kinerja_core::instruments::{SpmInput, SpmService, spm_achievement};
//! use kinerja_core::rules::Policy;
//! use rust_decimal::Decimal;
//! let i = SpmInput { unit: Some("dinkes-kupang".into()), service: SpmService::Hypertension,
//!     target_population: Decimal::from(1200), served: Decimal::from(1050) };
//! let r = spm_achievement(&i, &Policy::default()).unwrap();
//! assert_eq!(r.achievement.to_string(), "87.50");
//! let real = r.as_realisation("spm-8", "2024".parse().unwrap());
//! assert_eq!(real.actual.to_string(), "87.50");
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{instrument_err, show};
use crate::error::{Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::model::Realisation;
use crate::num::{self, HUNDRED};
use crate::period::Period;
use crate::rules::Policy;

const INSTRUMENT: &str = "spm_health";

labelled_enum! {
    /// The 12 basic health services of the kabupaten/kota SPM (PMK 4/2019).
    pub enum SpmService: "spm_service" {
        /// 1. Pelayanan kesehatan ibu hamil.
        PregnantWomen = ("pregnant_women", "Pelayanan kesehatan ibu hamil", "Health service for pregnant women", ["ibu hamil", "1"]),
        /// 2. Pelayanan kesehatan ibu bersalin.
        Childbirth = ("childbirth", "Pelayanan kesehatan ibu bersalin", "Health service for women giving birth", ["ibu bersalin", "2"]),
        /// 3. Pelayanan kesehatan bayi baru lahir.
        Newborns = ("newborns", "Pelayanan kesehatan bayi baru lahir", "Health service for newborns", ["bayi baru lahir", "3"]),
        /// 4. Pelayanan kesehatan balita.
        UnderFive = ("under_five", "Pelayanan kesehatan balita", "Health service for children under 5", ["balita", "4"]),
        /// 5. Pelayanan kesehatan pada usia pendidikan dasar.
        PrimarySchoolAge = ("primary_school_age", "Pelayanan kesehatan pada usia pendidikan dasar", "Health service for primary-school-age children", ["usia pendidikan dasar", "5"]),
        /// 6. Pelayanan kesehatan pada usia produktif.
        ProductiveAge = ("productive_age", "Pelayanan kesehatan pada usia produktif", "Health service for adults 15–59", ["usia produktif", "6"]),
        /// 7. Pelayanan kesehatan pada usia lanjut.
        Elderly = ("elderly", "Pelayanan kesehatan pada usia lanjut", "Health service for the elderly (≥ 60)", ["usia lanjut", "lansia", "7"]),
        /// 8. Pelayanan kesehatan penderita hipertensi.
        Hypertension = ("hypertension", "Pelayanan kesehatan penderita hipertensi", "Health service for people with hypertension", ["hipertensi", "8"]),
        /// 9. Pelayanan kesehatan penderita diabetes melitus.
        Diabetes = ("diabetes", "Pelayanan kesehatan penderita diabetes melitus", "Health service for people with diabetes", ["diabetes melitus", "dm", "9"]),
        /// 10. Pelayanan kesehatan orang dengan gangguan jiwa berat.
        SevereMentalIllness = ("severe_mental_illness", "Pelayanan kesehatan orang dengan gangguan jiwa berat", "Health service for people with severe mental illness", ["odgj berat", "odgj", "10"]),
        /// 11. Pelayanan kesehatan orang terduga tuberkulosis.
        PresumptiveTb = ("presumptive_tb", "Pelayanan kesehatan orang terduga tuberkulosis", "Health service for presumptive TB", ["terduga tb", "tb", "11"]),
        /// 12. Pelayanan kesehatan orang dengan risiko terinfeksi HIV.
        HivRisk = ("hiv_risk", "Pelayanan kesehatan orang dengan risiko terinfeksi HIV", "Health service for people at risk of HIV", ["hiv", "12"]),
    }
}

pub use crate::rules::instruments::spm::SpmPolicy;

/// One SPM service's figures for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SpmInput {
    /// The reporting unit (dinas, puskesmas), named in errors and explanations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The service.
    pub service: SpmService,
    /// Target population (sasaran), > 0.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub target_population: Decimal,
    /// Number served according to the standard, ≥ 0.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub served: Decimal,
}

/// An SPM service achievement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpmResult {
    /// The service.
    pub service: SpmService,
    /// Achievement in percent, exact (capped when the policy says so).
    pub achievement_exact: Decimal,
    /// Achievement rounded by the policy.
    pub achievement: Decimal,
    /// Whether the target of 100 % is met.
    pub target_met: bool,
    /// Step-by-step explanation.
    pub trace: Trace,
}

impl SpmResult {
    /// The reported achievement as the realisation of an indicator for `period`.
    pub fn as_realisation(&self, indicator_id: impl Into<String>, period: Period) -> Realisation {
        Realisation { indicator: indicator_id.into(), period, actual: self.achievement }
    }
}

/// Achievement of one SPM service: served / target population × 100.
pub fn spm_achievement(input: &SpmInput, policy: &Policy) -> Result<SpmResult> {
    let p = &policy.instruments.spm;
    let at = match &input.unit {
        Some(u) => Location::unit(u.clone()),
        None => Location::default(),
    };
    let svc = input.service;
    if input.target_population <= Decimal::ZERO {
        return Err(instrument_err(
            INSTRUMENT,
            &at,
            "target_population",
            format!("{}: target population {} must be more than zero", svc.value(), input.target_population),
        ));
    }
    if input.served < Decimal::ZERO {
        return Err(instrument_err(
            INSTRUMENT,
            &at,
            "served",
            format!("{}: number served {} is negative", svc.value(), input.served),
        ));
    }
    let raw = num::ratio_pct(input.served, input.target_population, &at)?;
    let exact = match p.cap {
        Some(c) => raw.min(c),
        None => raw,
    };
    let achievement = p.rounding.apply(exact);
    let mut trace = Trace::new(BiText::new(
        format!("Capaian SPM kesehatan: {}", svc.label(Lang::Id)),
        format!("Health SPM achievement: {}", svc.label(Lang::En)),
    ));
    let cap_text = p.cap.map(|c| format!(", min({}, …)", show(c))).unwrap_or_default();
    trace.push(
        Step::new(
            svc.value(),
            BiText::new("Capaian layanan dasar", "Basic service achievement"),
            BiText::new(
                format!("capaian = dilayani sesuai standar / sasaran × 100{cap_text}; target 100%"),
                format!("achievement = served to standard / target population × 100{cap_text}; target 100%"),
            ),
            BiText::same(format!("{achievement}%")),
            Citation::unconfirmed("PMK 4/2019").with_topic(
                "capaian SPM kesehatan per layanan (praktik umum)",
                "health SPM achievement per service (common practice)",
            ),
        )
        .input("sasaran", show(input.target_population))
        .input("dilayani", show(input.served))
        .unrounded(exact),
    );
    Ok(SpmResult { service: svc, achievement_exact: exact, achievement, target_met: exact >= HUNDRED, trace })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn input(target: Decimal, served: Decimal) -> SpmInput {
        SpmInput {
            unit: Some("pkm-alak".into()),
            service: SpmService::PregnantWomen,
            target_population: target,
            served,
        }
    }

    #[test]
    fn achievement_and_cap() {
        let mut p = Policy::default();
        let r = spm_achievement(&input(dec!(300), dec!(310)), &p).unwrap();
        assert_eq!(r.achievement, dec!(103.33));
        assert!(r.target_met);
        p.instruments.spm.cap = Some(dec!(100));
        assert_eq!(spm_achievement(&input(dec!(300), dec!(310)), &p).unwrap().achievement, dec!(100.00));
        assert!(!spm_achievement(&input(dec!(3), dec!(2)), &p).unwrap().target_met);
    }

    #[test]
    fn hostile() {
        let p = Policy::default();
        let e = spm_achievement(&input(dec!(0), dec!(1)), &p).unwrap_err();
        assert_eq!(e.field(), Some("target_population"));
        assert!(e.to_string().contains("pkm-alak"), "{e}");
        assert_eq!(spm_achievement(&input(dec!(5), dec!(-1)), &p).unwrap_err().field(), Some("served"));
        assert_eq!("hipertensi".parse::<SpmService>().unwrap(), SpmService::Hypertension);
        let bad = SpmPolicy { cap: Some(dec!(0)), ..Default::default() };
        assert_eq!(bad.validate("instruments.spm").unwrap_err().field(), Some("instruments.spm.cap"));
    }
}
