//! SAKIP evaluation (Evaluasi Akuntabilitas Kinerja Instansi Pemerintah), PermenPANRB 88/2021.
//!
//! Four components weighted 30/30/15/25, each split into existence (keberadaan) 20 %,
//! quality (kualitas) 30 % and use (pemanfaatan) 50 %. Each criterion of the evaluation sheet
//! (LKE) is graded AA…E (100, 90, 80, 70, 60, 50, 30, 0). A sub-component scores
//! `mean(criterion values) / 100 × sub-component weight`; the total is the sum (0–100), rounded
//! once at the end; the predicate uses intervals open on the left (90.00 → A, 90.01 → AA).
//! The mean of criteria is the reading of the public LKE adaptation [G-SEMAR] and is
//! unconfirmed against the official LKE.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::num::{Rounding, add, div, mean, mul};

/// The legal source.
pub const SAKIP_SOURCE: &str = "PermenPANRB 88/2021 (Evaluasi AKIP), Lampiran: komponen, bobot dan predikat";

labelled_enum! {
    /// A SAKIP component (komponen).
    pub enum SakipComponent: "sakip_component" {
        /// Perencanaan Kinerja, weight 30.
        Planning = ("planning", "Perencanaan Kinerja", "Performance planning", ["perencanaan"]),
        /// Pengukuran Kinerja, weight 30.
        Measurement = ("measurement", "Pengukuran Kinerja", "Performance measurement", ["pengukuran"]),
        /// Pelaporan Kinerja, weight 15.
        Reporting = ("reporting", "Pelaporan Kinerja", "Performance reporting", ["pelaporan"]),
        /// Evaluasi Akuntabilitas Kinerja Internal, weight 25.
        InternalEvaluation = ("internal_evaluation", "Evaluasi Akuntabilitas Kinerja Internal", "Internal performance accountability evaluation", ["evaluasi", "evaluasi internal"]),
    }
}

labelled_enum! {
    /// A sub-component (sub-komponen) of every component.
    pub enum SakipSubComponent: "sakip_sub_component" {
        /// Keberadaan, 20 % of the component.
        Existence = ("existence", "Keberadaan", "Existence"),
        /// Kualitas, 30 % of the component.
        Quality = ("quality", "Kualitas", "Quality"),
        /// Pemanfaatan, 50 % of the component.
        Use = ("use", "Pemanfaatan", "Use"),
    }
}

labelled_enum! {
    /// The grade of one LKE criterion.
    pub enum SakipGrade: "sakip_grade" {
        /// AA = 100.
        Aa = ("aa", "AA", "AA"),
        /// A = 90.
        A = ("a", "A", "A"),
        /// BB = 80.
        Bb = ("bb", "BB", "BB"),
        /// B = 70.
        B = ("b", "B", "B"),
        /// CC = 60.
        Cc = ("cc", "CC", "CC"),
        /// C = 50.
        C = ("c", "C", "C"),
        /// D = 30.
        D = ("d", "D", "D"),
        /// E = 0.
        E = ("e", "E", "E"),
    }
}

impl SakipGrade {
    /// The value of the grade (0–100).
    pub fn points(self) -> Decimal {
        Decimal::from(match self {
            SakipGrade::Aa => 100,
            SakipGrade::A => 90,
            SakipGrade::Bb => 80,
            SakipGrade::B => 70,
            SakipGrade::Cc => 60,
            SakipGrade::C => 50,
            SakipGrade::D => 30,
            SakipGrade::E => 0,
        })
    }
}

labelled_enum! {
    /// The SAKIP predicate.
    pub enum SakipPredicate: "sakip_predicate" {
        /// D: 0–30, Sangat Kurang.
        D = ("d", "D (Sangat Kurang)", "D (Very poor)"),
        /// C: > 30–50, Kurang.
        C = ("c", "C (Kurang)", "C (Poor)"),
        /// CC: > 50–60, Cukup (memadai).
        Cc = ("cc", "CC (Cukup)", "CC (Adequate)"),
        /// B: > 60–70, Baik.
        B = ("b", "B (Baik)", "B (Good)"),
        /// BB: > 70–80, Sangat Baik.
        Bb = ("bb", "BB (Sangat Baik)", "BB (Very good)"),
        /// A: > 80–90, Memuaskan.
        A = ("a", "A (Memuaskan)", "A (Satisfactory)"),
        /// AA: > 90–100, Sangat Memuaskan.
        Aa = ("aa", "AA (Sangat Memuaskan)", "AA (Very satisfactory)"),
    }
}

impl SakipComponent {
    /// The component weight (of 100).
    pub fn weight(self) -> Decimal {
        Decimal::from(match self {
            SakipComponent::Planning | SakipComponent::Measurement => 30,
            SakipComponent::Reporting => 15,
            SakipComponent::InternalEvaluation => 25,
        })
    }
}

impl SakipSubComponent {
    /// The share of the component (percent).
    pub fn share(self) -> Decimal {
        Decimal::from(match self {
            SakipSubComponent::Existence => 20,
            SakipSubComponent::Quality => 30,
            SakipSubComponent::Use => 50,
        })
    }
}

/// One graded criterion of the evaluation sheet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SakipCriterion {
    /// Criterion id (free, used in messages).
    pub id: String,
    /// Component.
    pub component: SakipComponent,
    /// Sub-component.
    pub sub_component: SakipSubComponent,
    /// Grade.
    pub grade: SakipGrade,
}

/// The graded evaluation sheet: every one of the 12 sub-components needs at least one
/// criterion.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SakipInput {
    /// The criteria.
    pub criteria: Vec<SakipCriterion>,
}

/// The score of one sub-component.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SakipSubScore {
    /// Component.
    pub component: SakipComponent,
    /// Sub-component.
    pub sub_component: SakipSubComponent,
    /// Its weight in the total (e.g. 6 for planning/existence).
    pub weight: Decimal,
    /// Mean of the criterion values.
    pub mean: Decimal,
    /// `mean / 100 × weight`, full precision.
    pub score: Decimal,
}

/// The SAKIP result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SakipResult {
    /// The 12 sub-component scores.
    pub sub_scores: Vec<SakipSubScore>,
    /// Component totals, full precision.
    pub components: Vec<(SakipComponent, Decimal)>,
    /// The total before rounding.
    pub total_raw: Decimal,
    /// The total rounded by the policy (reported rounding).
    pub total: Decimal,
    /// The predicate of the rounded total.
    pub predicate: SakipPredicate,
    /// Explanation.
    pub trace: Trace,
}

/// The predicate for a total on 0–100, intervals open on the left: 90.00 → A, 90.01 → AA,
/// 30.00 → D.
///
/// ```
/// use kinerja_core::org::sakip::{sakip_predicate, SakipPredicate};
/// use rust_decimal_macros::dec;
/// assert_eq!(sakip_predicate(dec!(90.00)).unwrap(), SakipPredicate::A);
/// assert_eq!(sakip_predicate(dec!(90.01)).unwrap(), SakipPredicate::Aa);
/// assert_eq!(sakip_predicate(dec!(30)).unwrap(), SakipPredicate::D);
/// assert!(sakip_predicate(dec!(100.5)).is_err());
/// ```
pub fn sakip_predicate(total: Decimal) -> Result<SakipPredicate> {
    if crate::num::negative(total) || total > Decimal::ONE_HUNDRED {
        return Err(Error::Input {
            at: Location::default(),
            field: "sakip.total".into(),
            reason: format!("{total} is outside 0–100"),
        });
    }
    let d = Decimal::from;
    Ok(if total > d(90) {
        SakipPredicate::Aa
    } else if total > d(80) {
        SakipPredicate::A
    } else if total > d(70) {
        SakipPredicate::Bb
    } else if total > d(60) {
        SakipPredicate::B
    } else if total > d(50) {
        SakipPredicate::Cc
    } else if total > d(30) {
        SakipPredicate::C
    } else {
        SakipPredicate::D
    })
}

/// Scores a graded SAKIP evaluation sheet; `rounding` is the policy's reported rounding,
/// applied once to the total.
///
/// ```
/// use kinerja_core::org::sakip::*;
/// use kinerja_core::num::Rounding;
/// let mut input = SakipInput::default();
/// for c in [SakipComponent::Planning, SakipComponent::Measurement, SakipComponent::Reporting, SakipComponent::InternalEvaluation] {
///     for s in [SakipSubComponent::Existence, SakipSubComponent::Quality, SakipSubComponent::Use] {
///         input.criteria.push(SakipCriterion { id: format!("{c}-{s}"), component: c, sub_component: s, grade: SakipGrade::A });
///     }
/// }
/// let r = sakip_evaluation(&input, Rounding::half_up(2)).unwrap();
/// assert_eq!(r.total.to_string(), "90.00");
/// assert_eq!(r.predicate, SakipPredicate::A);
/// ```
pub fn sakip_evaluation(input: &SakipInput, rounding: Rounding) -> Result<SakipResult> {
    let mut trace = Trace::new(BiText::new("Evaluasi SAKIP", "SAKIP evaluation"));
    let mut sub_scores = Vec::new();
    let mut components = Vec::new();
    let mut total = Decimal::ZERO;
    let at = Location::default();
    for &comp in SakipComponent::ALL {
        let mut comp_total = Decimal::ZERO;
        for &sub in SakipSubComponent::ALL {
            let vals: Vec<Decimal> = input
                .criteria
                .iter()
                .filter(|c| c.component == comp && c.sub_component == sub)
                .map(|c| c.grade.points())
                .collect();
            if vals.is_empty() {
                return Err(Error::Missing {
                    at: at.clone(),
                    field: format!("sakip.criteria[{comp}/{sub}]"),
                    reason: "every sub-component needs at least one graded criterion".into(),
                });
            }
            let weight = div(mul(comp.weight(), sub.share(), &at)?, Decimal::ONE_HUNDRED, &at)?;
            let m = mean(&vals, &at)?;
            let score = mul(div(m, Decimal::ONE_HUNDRED, &at)?, weight, &at)?;
            trace.push(
                Step::new(
                    format!("{comp}/{sub}"),
                    BiText::new(
                        format!("{} – {}", comp.label(Lang::Id), sub.label(Lang::Id)),
                        format!("{} – {}", comp.label(Lang::En), sub.label(Lang::En)),
                    ),
                    BiText::new(
                        "rata-rata nilai kriteria / 100 × bobot",
                        "mean of criterion values / 100 × weight",
                    ),
                    BiText::same(score.normalize().to_string()),
                    Citation::unconfirmed(format!("{SAKIP_SOURCE}; rata-rata kriteria per G-SEMAR")),
                )
                .input("criteria", vals.len())
                .input("mean", m.normalize())
                .input("weight", weight.normalize()),
            );
            comp_total = add(comp_total, score, &at)?;
            sub_scores.push(SakipSubScore { component: comp, sub_component: sub, weight, mean: m, score });
        }
        components.push((comp, comp_total));
        total = add(total, comp_total, &at)?;
    }
    let rounded = rounding.apply(total);
    let predicate = sakip_predicate(rounded)?;
    trace.push(
        Step::new(
            "total",
            BiText::new("Nilai SAKIP", "SAKIP score"),
            BiText::new(
                "jumlah skor sub-komponen, dibulatkan sekali",
                "sum of sub-component scores, rounded once",
            ),
            BiText::same(rounded.to_string()),
            Citation::law(SAKIP_SOURCE),
        )
        .unrounded(total.normalize()),
    );
    trace.push(Step::new(
        "predicate",
        BiText::new("Predikat SAKIP", "SAKIP predicate"),
        BiText::new(
            "AA > 90–100; A > 80–90; BB > 70–80; B > 60–70; CC > 50–60; C > 30–50; D 0–30",
            "AA > 90–100; A > 80–90; BB > 70–80; B > 60–70; CC > 50–60; C > 30–50; D 0–30",
        ),
        BiText::new(predicate.label(Lang::Id), predicate.label(Lang::En)),
        Citation::law(SAKIP_SOURCE),
    ));
    Ok(SakipResult { sub_scores, components, total_raw: total, total: rounded, predicate, trace })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn tv27() {
        for (v, p) in [
            (dec!(90.00), SakipPredicate::A),
            (dec!(90.01), SakipPredicate::Aa),
            (dec!(80.00), SakipPredicate::Bb),
            (dec!(70.00), SakipPredicate::B),
            (dec!(60.00), SakipPredicate::Cc),
            (dec!(50.00), SakipPredicate::C),
            (dec!(30.00), SakipPredicate::D),
            (dec!(30.01), SakipPredicate::C),
            (dec!(0), SakipPredicate::D),
            (dec!(100), SakipPredicate::Aa),
        ] {
            assert_eq!(sakip_predicate(v).unwrap(), p, "{v}");
        }
        assert!(sakip_predicate(dec!(-1)).is_err());
        assert_eq!("AA".parse::<SakipGrade>().unwrap(), SakipGrade::Aa);
        assert_eq!("a".parse::<SakipGrade>().unwrap(), SakipGrade::A);
    }

    #[test]
    fn missing_sub_component() {
        let e = sakip_evaluation(&SakipInput::default(), Rounding::half_up(2)).unwrap_err();
        assert!(e.to_string().contains("sakip.criteria[planning/existence]"), "{e}");
    }
}
