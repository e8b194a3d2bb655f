//! Indeks Kepuasan Masyarakat (IKM, the public-satisfaction index) under PermenPANRB 14/2017
//! (9 elements) and the legacy KEP/25/M.PAN/2/2004 (14 elements), and the Krejcie–Morgan
//! sample size.
//!
//! ```text
//! NRR_i  = Σ_r score[r][i] / n            (mean per element, 1–4)
//! NI     = Σ_i NRR_i × w,  w = 1/k        (unit value, 1–4; k = 9 or 14)
//! NIK    = NI × 25                        (converted value, 25–100)
//! ```
//!
//! The weight is the exact `1/k` (the regulation prints it as "0,11"); the printed, rounded
//! weight is available as an explicit legacy option ([`IkmWeighting::Rounded`]). The grade
//! (mutu pelayanan A–D) is read from lower-inclusive bands on the NIK rounded half-up to 2
//! places by default (open question C-11, see [`IkmPolicy`]).
//!
//! ```
//! use kinerja_core::instruments::{ElementTotals, IkmGrade, IkmRegime, satisfaction_from_totals};
//! use kinerja_core::rules::Policy;
//! use rust_decimal::Decimal;
//! let input = ElementTotals {
//!     unit: None,
//!     regime: IkmRegime::Permenpanrb14_2017,
//!     respondents: 29,
//!     totals: [105, 101, 100, 116, 102, 105, 106, 105, 115].map(Decimal::from).to_vec(),
//! };
//! let r = satisfaction_from_totals(&input, &Policy::default()).unwrap();
//! assert_eq!(r.index.to_string(), "91.48");
//! assert_eq!(r.unit_value.to_string(), "3.6590");
//! assert_eq!(r.grade, IkmGrade::A);
//! ```

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::{Deserialize, Serialize};

use super::{instrument_err, show};
use crate::error::{Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::model::Realisation;
use crate::num::{self, Rounding};
use crate::period::Period;
use crate::rules::Policy;

const INSTRUMENT: &str = "satisfaction_index";
const LAW_2017: &str = "PermenPANRB 14/2017, Lampiran";
const LAW_2004: &str = "KEP/25/M.PAN/2/2004, Lampiran";

/// The nine elements (unsur) of PermenPANRB 14/2017, Indonesian and English names.
pub const ELEMENTS_2017: [(&str, &str); 9] = [
    ("Persyaratan", "Requirements"),
    ("Sistem, Mekanisme, dan Prosedur", "System, mechanism and procedure"),
    ("Waktu Penyelesaian", "Completion time"),
    ("Biaya/Tarif", "Cost / tariff"),
    ("Produk Spesifikasi Jenis Pelayanan", "Service product specification"),
    ("Kompetensi Pelaksana", "Staff competence"),
    ("Perilaku Pelaksana", "Staff behaviour"),
    ("Sarana dan Prasarana", "Facilities and infrastructure"),
    ("Penanganan Pengaduan, Saran dan Masukan", "Handling of complaints, suggestions and input"),
];

labelled_enum! {
    /// The regulation a survey follows.
    pub enum IkmRegime: "ikm_regime" {
        /// PermenPANRB 14/2017 (9 elements, SKM). The current rule.
        Permenpanrb14_2017 = ("permenpanrb_14_2017", "PermenPANRB 14/2017", "PermenPANRB 14/2017", ["14/2017", "skm"]),
        /// KEP/25/M.PAN/2/2004 (14 elements), replaced by 14/2017; for old surveys.
        Kep25_2004 = ("kep_25_2004", "KEP/25/M.PAN/2/2004", "KEP/25/M.PAN/2/2004", ["25/2004", "legacy"]),
    }
}

impl IkmRegime {
    /// Number of elements (unsur): 9 (2017) or 14 (2004).
    pub fn element_count(self) -> usize {
        match self {
            IkmRegime::Permenpanrb14_2017 => 9,
            IkmRegime::Kep25_2004 => 14,
        }
    }

    /// The element's name for messages: `U4 (Biaya/Tarif)` in 2017, `U4` in 2004.
    pub fn element_name(self, index: usize) -> String {
        match (self, ELEMENTS_2017.get(index)) {
            (IkmRegime::Permenpanrb14_2017, Some((id, _))) => format!("U{} ({id})", index + 1),
            _ => format!("U{}", index + 1),
        }
    }

    fn law(self) -> &'static str {
        match self {
            IkmRegime::Permenpanrb14_2017 => LAW_2017,
            IkmRegime::Kep25_2004 => LAW_2004,
        }
    }
}

fn default_regime() -> IkmRegime {
    IkmRegime::Permenpanrb14_2017
}

pub use crate::rules::instruments::satisfaction::{
    IkmBand, IkmGrade, IkmPolicy, IkmScale, IkmWeighting, SampleSizeMethod, SampleSizePolicy, TableRule,
};

/// The sample-size method's labels, as every labelled enum of the core has them (the enum is
/// a policy value defined with the policy; its serde form is the snake-case value).
impl Labelled for SampleSizeMethod {
    const ALL: &'static [Self] = &[SampleSizeMethod::Formula, SampleSizeMethod::Table];
    fn value(self) -> &'static str {
        match self {
            SampleSizeMethod::Formula => "formula",
            SampleSizeMethod::Table => "table",
        }
    }
    fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (SampleSizeMethod::Formula, Lang::Id) => "rumus",
            (SampleSizeMethod::Formula, Lang::En) => "formula",
            (SampleSizeMethod::Table, Lang::Id) => "tabel",
            (SampleSizeMethod::Table, Lang::En) => "table",
        }
    }
    fn kind() -> &'static str {
        "sample_size_method"
    }
}

/// The bands the grade is read on for `regime` and the policy's scale, with their policy path.
fn bands_for(policy: &IkmPolicy, regime: IkmRegime) -> (&[IkmBand], &'static str) {
    match (regime, policy.scale) {
        (IkmRegime::Permenpanrb14_2017, IkmScale::Nik) => (&policy.bands, "instruments.ikm.bands"),
        (IkmRegime::Permenpanrb14_2017, IkmScale::Ni) => (&policy.ni_bands, "instruments.ikm.ni_bands"),
        (IkmRegime::Kep25_2004, IkmScale::Nik) => (&policy.legacy_bands, "instruments.ikm.legacy_bands"),
        (IkmRegime::Kep25_2004, IkmScale::Ni) => (&policy.legacy_ni_bands, "instruments.ikm.legacy_ni_bands"),
    }
}

/// Grade of a value on the policy's scale (NIK by default). The value is first rounded by
/// `index_rounding` (NIK) or `unit_rounding` (NI) when `classify_rounded` is set; bands are
/// lower-inclusive; a value below the lowest band takes the lowest band's grade. The grade is
/// monotone (never better for a lower value).
///
/// ```
/// use kinerja_core::instruments::{IkmGrade, IkmPolicy, IkmRegime, ikm_grade};
/// use rust_decimal::Decimal;
/// let p = IkmPolicy::default();
/// assert_eq!(ikm_grade(Decimal::new(6499, 2), IkmRegime::Permenpanrb14_2017, &p), IkmGrade::D);
/// assert_eq!(ikm_grade(Decimal::new(6500, 2), IkmRegime::Permenpanrb14_2017, &p), IkmGrade::C);
/// ```
pub fn ikm_grade(value: Decimal, regime: IkmRegime, policy: &IkmPolicy) -> IkmGrade {
    let v = classification_value(value, policy);
    let (bands, _) = bands_for(policy, regime);
    bands.iter().find(|b| v >= b.min).or(bands.last()).map(|b| b.grade).unwrap_or(IkmGrade::D)
}

/// [`ikm_grade`] of a value checked to lie on the policy's scale: 25–100 for the index (NIK),
/// 1–4 for the unit value (NI). A value outside is an error naming the scale, not a grade.
///
/// ```
/// use kinerja_core::instruments::{IkmGrade, IkmPolicy, IkmRegime, ikm_grade_checked};
/// use rust_decimal::Decimal;
/// let p = IkmPolicy::default();
/// assert_eq!(ikm_grade_checked(Decimal::from(90), IkmRegime::Permenpanrb14_2017, &p).unwrap(), IkmGrade::A);
/// assert!(ikm_grade_checked(Decimal::from(150), IkmRegime::Permenpanrb14_2017, &p).is_err());
/// ```
pub fn ikm_grade_checked(value: Decimal, regime: IkmRegime, policy: &IkmPolicy) -> Result<IkmGrade> {
    let (lo, hi, name) = match policy.scale {
        IkmScale::Nik => (Decimal::from(25), Decimal::from(100), "index (NIK, 25–100)"),
        IkmScale::Ni => (Decimal::ONE, Decimal::from(4), "unit value (NI, 1–4)"),
    };
    if value < lo || value > hi {
        return Err(instrument_err(
            INSTRUMENT,
            &Location::default(),
            "value",
            format!("{value} is outside the {name} scale of policy instruments.ikm.scale"),
        ));
    }
    Ok(ikm_grade(value, regime, policy))
}

fn classification_value(value: Decimal, policy: &IkmPolicy) -> Decimal {
    match (policy.classify_rounded, policy.scale) {
        (false, _) => value,
        (true, IkmScale::Nik) => policy.index_rounding.apply(value),
        (true, IkmScale::Ni) => policy.unit_rounding.apply(value),
    }
}

/// Raw answers: one row per respondent, one score (1–4) per element in element order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SurveyResponses {
    /// The service unit surveyed (named in errors and explanations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The regulation (9 or 14 elements). Default PermenPANRB 14/2017.
    #[serde(default = "default_regime")]
    pub regime: IkmRegime,
    /// `responses[r][i]`: respondent row `r`, element `i` (U1 first). Whole numbers 1–4.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<Vec<String>>"))]
    pub responses: Vec<Vec<Decimal>>,
}

/// Element score totals over `respondents` respondents (as printed in survey reports).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElementTotals {
    /// The service unit surveyed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The regulation (9 or 14 elements). Default PermenPANRB 14/2017.
    #[serde(default = "default_regime")]
    pub regime: IkmRegime,
    /// Number of respondents (each answered every element).
    pub respondents: u64,
    /// Σ of scores per element, U1 first.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub totals: Vec<Decimal>,
}

/// Element means (NRR, 1–4) when the raw answers are not available.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ElementMeans {
    /// The service unit surveyed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The regulation (9 or 14 elements). Default PermenPANRB 14/2017.
    #[serde(default = "default_regime")]
    pub regime: IkmRegime,
    /// Mean score per element (1–4), U1 first.
    #[cfg_attr(feature = "schema", schemars(with = "Vec<String>"))]
    pub means: Vec<Decimal>,
}

/// The satisfaction index of one service unit, with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SatisfactionResult {
    /// The regulation applied.
    pub regime: IkmRegime,
    /// The service unit, if named.
    pub unit: Option<String>,
    /// Number of respondents (absent when computed from means).
    pub respondents: Option<u64>,
    /// Mean per element (NRR), exact.
    pub element_means: Vec<Decimal>,
    /// The weight applied per element (exact 1/k to 28 digits, or the rounded weight).
    pub weight: Decimal,
    /// NI (1–4), exact.
    pub unit_value_exact: Decimal,
    /// NI rounded by `unit_rounding`.
    pub unit_value: Decimal,
    /// NIK (25–100), exact.
    pub index_exact: Decimal,
    /// NIK rounded by `index_rounding`: the reported index.
    pub index: Decimal,
    /// The value the grade was read from (scale and rounding per policy).
    pub classified_value: Decimal,
    /// Mutu pelayanan.
    pub grade: IkmGrade,
    /// Step-by-step explanation.
    pub trace: Trace,
}

impl SatisfactionResult {
    /// The reported index (NIK, rounded) as the realisation of an indicator such as
    /// "Indeks Kepuasan Masyarakat" for `period`.
    ///
    /// ```
    /// use kinerja_core::instruments::{ElementMeans, IkmRegime, satisfaction_from_means};
    /// use kinerja_core::rules::Policy;
    /// use rust_decimal::Decimal;
    /// let m = ElementMeans { unit: None, regime: IkmRegime::Permenpanrb14_2017, means: vec![Decimal::from(4); 9] };
    /// let r = satisfaction_from_means(&m, &Policy::default()).unwrap();
    /// let real = r.as_realisation("iku-ikm", "2024".parse().unwrap());
    /// assert_eq!(real.actual, Decimal::from(100));
    /// ```
    pub fn as_realisation(&self, indicator_id: impl Into<String>, period: Period) -> Realisation {
        Realisation { indicator: indicator_id.into(), period, actual: self.index }
    }
}

fn unit_location(unit: &Option<String>) -> Location {
    match unit {
        Some(u) => Location::unit(u.clone()),
        None => Location::default(),
    }
}

fn check_count(regime: IkmRegime, got: usize, at: &Location, field: &str, what: &str) -> Result<()> {
    let k = regime.element_count();
    if got != k {
        return Err(instrument_err(
            INSTRUMENT,
            at,
            field,
            format!("{what} has {got} element values; {} has {k} elements (U1–U{k})", regime.label(Lang::En)),
        ));
    }
    Ok(())
}

/// IKM from raw answers. Every row must hold one whole score 1–4 per element; errors name
/// the respondent row (0-based) and the element.
///
/// ```
/// use kinerja_core::instruments::{IkmRegime, SurveyResponses, satisfaction_from_responses};
/// use kinerja_core::rules::Policy;
/// use rust_decimal::Decimal;
/// let s = SurveyResponses { unit: Some("puskesmas-oepoi".into()), regime: IkmRegime::Permenpanrb14_2017,
///     responses: vec![vec![Decimal::from(4); 9], vec![Decimal::from(3); 9]] };
/// let r = satisfaction_from_responses(&s, &Policy::default()).unwrap();
/// assert_eq!(r.index.to_string(), "87.50");
/// let mut bad = s.clone();
/// bad.responses[1][3] = Decimal::from(5);
/// let e = satisfaction_from_responses(&bad, &Policy::default()).unwrap_err().to_string();
/// assert!(e.contains("row 1") && e.contains("U4 (Biaya/Tarif)"), "{e}");
/// ```
pub fn satisfaction_from_responses(survey: &SurveyResponses, policy: &Policy) -> Result<SatisfactionResult> {
    let regime = survey.regime;
    let base = unit_location(&survey.unit);
    if survey.responses.is_empty() {
        return Err(instrument_err(INSTRUMENT, &base, "responses", "the survey has no respondents"));
    }
    let k = regime.element_count();
    let mut totals = vec![Decimal::ZERO; k];
    for (r, row) in survey.responses.iter().enumerate() {
        let at = base.clone().with_row(r as u64);
        check_count(regime, row.len(), &at, &format!("responses[{r}]"), &format!("respondent row {r}"))?;
        for (i, (score, total)) in row.iter().zip(totals.iter_mut()).enumerate() {
            if !score.fract().is_zero() || *score < Decimal::ONE || *score > Decimal::from(4) {
                return Err(instrument_err(
                    INSTRUMENT,
                    &at,
                    format!("responses[{r}][{i}]"),
                    format!(
                        "respondent row {r}, element {}: score {score} is not a whole number from 1 to 4",
                        regime.element_name(i)
                    ),
                ));
            }
            *total = num::add(*total, *score, &at)?;
        }
    }
    let n = survey.responses.len() as u64;
    compute(regime, &survey.unit, Source::Totals { n, totals: &totals }, policy)
}

/// IKM from element totals and the number of respondents (each total must lie in `n ..= 4n`).
pub fn satisfaction_from_totals(input: &ElementTotals, policy: &Policy) -> Result<SatisfactionResult> {
    let at = unit_location(&input.unit);
    if input.respondents == 0 {
        return Err(instrument_err(INSTRUMENT, &at, "respondents", "the survey has no respondents"));
    }
    check_count(input.regime, input.totals.len(), &at, "totals", "the totals list")?;
    let n = Decimal::from(input.respondents);
    let max = num::mul(n, Decimal::from(4), &at)?;
    for (i, t) in input.totals.iter().enumerate() {
        if !t.fract().is_zero() || *t < n || *t > max {
            return Err(instrument_err(
                INSTRUMENT,
                &at,
                format!("totals[{i}]"),
                format!(
                    "element {}: total {t} must be a whole number from {n} to {max} for {n} respondents",
                    input.regime.element_name(i)
                ),
            ));
        }
    }
    compute(input.regime, &input.unit, Source::Totals { n: input.respondents, totals: &input.totals }, policy)
}

/// IKM from element means (each 1–4).
pub fn satisfaction_from_means(input: &ElementMeans, policy: &Policy) -> Result<SatisfactionResult> {
    let at = unit_location(&input.unit);
    check_count(input.regime, input.means.len(), &at, "means", "the means list")?;
    for (i, m) in input.means.iter().enumerate() {
        if *m < Decimal::ONE || *m > Decimal::from(4) {
            return Err(instrument_err(
                INSTRUMENT,
                &at,
                format!("means[{i}]"),
                format!("element {}: mean {m} is outside 1–4", input.regime.element_name(i)),
            ));
        }
    }
    compute(input.regime, &input.unit, Source::Means(&input.means), policy)
}

enum Source<'a> {
    Totals { n: u64, totals: &'a [Decimal] },
    Means(&'a [Decimal]),
}

fn compute(
    regime: IkmRegime,
    unit: &Option<String>,
    src: Source<'_>,
    policy: &Policy,
) -> Result<SatisfactionResult> {
    let p = &policy.instruments.ikm;
    let at = unit_location(unit);
    let k = Decimal::from(regime.element_count());
    let law = regime.law();
    let who = unit.clone().unwrap_or_else(|| crate::explain::NONE.into());
    let mut trace = Trace::new(BiText::new(
        format!("Indeks Kepuasan Masyarakat, unit {who} ({})", regime.label(Lang::Id)),
        format!("Public satisfaction index, unit {who} ({})", regime.label(Lang::En)),
    ));

    // Step 1: element means, and the sum of means as an exact fraction num / den.
    let (means, sum_num, den, respondents) = match &src {
        Source::Totals { n, totals } => {
            let nd = Decimal::from(*n);
            let means = totals.iter().map(|t| num::div(*t, nd, &at)).collect::<Result<Vec<_>>>()?;
            (means, num::sum(totals.iter().copied(), &at)?, nd, Some(*n))
        }
        Source::Means(m) => (m.to_vec(), num::sum(m.iter().copied(), &at)?, Decimal::ONE, None),
    };
    let shown: Vec<String> = means
        .iter()
        .enumerate()
        .map(|(i, m)| format!("U{}={}", i + 1, Rounding::half_up(4).apply(*m)))
        .collect();
    let mut step = Step::new(
        "ikm.element_means",
        BiText::new("Nilai rata-rata per unsur (NRR)", "Mean per element (NRR)"),
        BiText::new(
            "NRR_i = Σ nilai unsur i / jumlah responden",
            "NRR_i = Σ scores of element i / number of respondents",
        ),
        BiText::same(shown.join(", ")),
        Citation::law_on(law, "nilai rata-rata per unsur", "mean value per element"),
    );
    if let Some(n) = respondents {
        step = step.input("n", n);
    }
    trace.push(step);

    // Step 2: weight.
    let exact_w = num::div(Decimal::ONE, k, &at)?;
    let (weight, unit_exact, wstep) = match p.weighting {
        IkmWeighting::Exact => {
            let unit_exact = num::div(sum_num, num::mul(den, k, &at)?, &at)?;
            let s = Step::new(
                "ikm.weight",
                BiText::new("Bobot per unsur", "Weight per element"),
                BiText::new(
                    format!("w = 1/{k} tepat (tidak dibulatkan)"),
                    format!("w = exactly 1/{k} (not rounded)"),
                ),
                BiText::same(format!("1/{k}")),
                Citation::law_on(
                    law,
                    "bobot nilai rata-rata tertimbang = 1/jumlah unsur",
                    "weight of the weighted mean = 1/number of elements",
                ),
            );
            (exact_w, unit_exact, s)
        }
        IkmWeighting::Rounded => {
            let w = Rounding::half_up(p.rounded_weight_places).apply(exact_w);
            let unit_exact = num::div(num::mul(sum_num, w, &at)?, den, &at)?;
            let s = Step::new(
                "ikm.weight",
                BiText::new("Bobot per unsur (dibulatkan)", "Weight per element (rounded)"),
                BiText::new(
                    format!("w = 1/{k} dibulatkan ke {} desimal", p.rounded_weight_places),
                    format!("w = 1/{k} rounded to {} places", p.rounded_weight_places),
                ),
                BiText::same(show(w)),
                Citation::policy(&policy.id, "instruments.ikm.weighting"),
            )
            .unrounded(exact_w);
            (w, unit_exact, s)
        }
    };
    trace.push(wstep);

    // Step 3: unit value NI.
    let unit_value = p.unit_rounding.apply(unit_exact);
    trace.push(
        Step::new(
            "ikm.unit_value",
            BiText::new("IKM unit pelayanan (NI, 1–4)", "Unit value (NI, 1–4)"),
            BiText::new("NI = Σ_i NRR_i × w", "NI = Σ_i NRR_i × w"),
            BiText::same(unit_value.to_string()),
            Citation::law_on(law, "nilai indeks", "index value"),
        )
        .input("Σ NRR_i", Rounding::half_up(6).apply(num::div(sum_num, den, &at)?))
        .input(
            "w",
            match p.weighting {
                IkmWeighting::Exact => format!("1/{k}"),
                IkmWeighting::Rounded => show(weight),
            },
        )
        .input("rounding", p.unit_rounding.describe())
        .unrounded(unit_exact),
    );

    // Step 4: conversion NIK.
    // One division from the exact sum, so NIK carries no rounding from NI: Σ·w·25 / den.
    let index_exact = match p.weighting {
        IkmWeighting::Exact => {
            num::div(num::mul(sum_num, p.conversion_factor, &at)?, num::mul(den, k, &at)?, &at)?
        }
        IkmWeighting::Rounded => {
            num::div(num::mul(num::mul(sum_num, weight, &at)?, p.conversion_factor, &at)?, den, &at)?
        }
    };
    let index = p.index_rounding.apply(index_exact);
    trace.push(
        Step::new(
            "ikm.index",
            BiText::new("Nilai konversi IKM (NIK, 25–100)", "Converted index (NIK, 25–100)"),
            BiText::new(
                format!("NIK = NI × {}", show(p.conversion_factor)),
                format!("NIK = NI × {}", show(p.conversion_factor)),
            ),
            BiText::same(index.to_string()),
            Citation::law_on(law, "nilai konversi (× 25)", "converted value (× 25)"),
        )
        .input("NI", unit_exact)
        .input("rounding", p.index_rounding.describe())
        .unrounded(index_exact),
    );

    // Step 5: grade.
    let raw = match p.scale {
        IkmScale::Nik => index_exact,
        IkmScale::Ni => unit_exact,
    };
    let classified_value = classification_value(raw, p);
    let grade = ikm_grade(raw, regime, p);
    let (bands, band_field) = bands_for(p, regime);
    let band_text: Vec<String> =
        bands.iter().map(|b| format!("{} ≥ {}", b.grade.value().to_uppercase(), b.min)).collect();
    let scale_name = match p.scale {
        IkmScale::Nik => "NIK",
        IkmScale::Ni => "NI",
    };
    let how = |lang: Lang| match (p.classify_rounded, p.scale, lang) {
        (true, IkmScale::Nik, _) => p.index_rounding.describe_in(lang),
        (true, IkmScale::Ni, _) => p.unit_rounding.describe_in(lang),
        (false, _, Lang::Id) => "tepat".to_string(),
        (false, _, Lang::En) => "exact".to_string(),
    };
    trace.push(
        Step::new(
            "ikm.grade",
            BiText::new("Mutu pelayanan", "Service quality grade"),
            BiText::new(
                format!(
                    "{scale_name} ({}) dibandingkan dengan batas bawah inklusif: {}",
                    how(Lang::Id),
                    band_text.join("; ")
                ),
                format!(
                    "{scale_name} ({}) against lower-inclusive bounds: {}",
                    how(Lang::En),
                    band_text.join("; ")
                ),
            ),
            BiText::new(grade.label(Lang::Id), grade.label(Lang::En)),
            Citation::policy(
                &policy.id,
                &format!("{band_field}, instruments.ikm.scale, instruments.ikm.classify_rounded"),
            )
            .with_topic(
                format!("{law}: interval mutu pelayanan"),
                format!("{law}: service quality intervals"),
            ),
        )
        .input(scale_name, classified_value),
    );

    Ok(SatisfactionResult {
        regime,
        unit: unit.clone(),
        respondents,
        element_means: means,
        weight,
        unit_value_exact: unit_exact,
        unit_value,
        index_exact,
        index,
        classified_value,
        grade,
        trace,
    })
}

/// The Krejcie–Morgan (1970) table as widely reproduced: (population N, sample s).
/// Transcribed from memory of the published table; **unconfirmed** against 14/2017's Lampiran
/// (docs/legal/permenpanrb-14-2017.md). Each row agrees with the formula rounded to the nearest whole
/// respondent within one respondent (checked by a test).
pub const KREJCIE_MORGAN_TABLE: [(u64, u64); 85] = [
    (10, 10),
    (15, 14),
    (20, 19),
    (25, 24),
    (30, 28),
    (35, 32),
    (40, 36),
    (45, 40),
    (50, 44),
    (55, 48),
    (60, 52),
    (65, 56),
    (70, 59),
    (75, 63),
    (80, 66),
    (85, 70),
    (90, 73),
    (95, 76),
    (100, 80),
    (110, 86),
    (120, 92),
    (130, 97),
    (140, 103),
    (150, 108),
    (160, 113),
    (170, 118),
    (180, 123),
    (190, 127),
    (200, 132),
    (210, 136),
    (220, 140),
    (230, 144),
    (240, 148),
    (250, 152),
    (260, 155),
    (270, 159),
    (280, 162),
    (290, 165),
    (300, 169),
    (320, 175),
    (340, 181),
    (360, 186),
    (380, 191),
    (400, 196),
    (420, 201),
    (440, 205),
    (460, 210),
    (480, 214),
    (500, 217),
    (550, 226),
    (600, 234),
    (650, 242),
    (700, 248),
    (750, 254),
    (800, 260),
    (850, 265),
    (900, 269),
    (950, 274),
    (1000, 278),
    (1100, 285),
    (1200, 291),
    (1300, 297),
    (1400, 302),
    (1500, 306),
    (1600, 310),
    (1700, 313),
    (1800, 317),
    (1900, 320),
    (2000, 322),
    (2200, 327),
    (2400, 331),
    (2600, 335),
    (2800, 338),
    (3000, 341),
    (3500, 346),
    (4000, 351),
    (4500, 354),
    (5000, 357),
    (6000, 361),
    (7000, 364),
    (8000, 367),
    (9000, 368),
    (10000, 370),
    (15000, 375),
    (20000, 377),
];

/// Rows of the printed table beyond 20,000 (kept apart for readability).
pub const KREJCIE_MORGAN_TABLE_LARGE: [(u64, u64); 5] =
    [(30000, 379), (40000, 380), (50000, 381), (75000, 382), (1_000_000, 384)];

/// A sample size with its explanation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SampleSizeResult {
    /// The population N.
    pub population: u64,
    /// Formula or table.
    pub method: SampleSizeMethod,
    /// The formula value before rounding (formula method only).
    pub exact: Option<Decimal>,
    /// The sample size (never more than N).
    pub sample: u64,
    /// Step-by-step explanation.
    pub trace: Trace,
}

/// Krejcie–Morgan sample size for a population of `population` service users.
///
/// ```
/// use kinerja_core::instruments::sample_size;
/// use kinerja_core::rules::Policy;
/// assert_eq!(sample_size(1000, &Policy::default()).unwrap().sample, 278);
/// ```
pub fn sample_size(population: u64, policy: &Policy) -> Result<SampleSizeResult> {
    let sp = &policy.instruments.ikm.sample_size;
    let at = Location::default();
    if population == 0 {
        return Err(instrument_err("sample_size", &at, "population", "the population must be at least 1"));
    }
    let cite = Citation::policy(&policy.id, "instruments.ikm.sample_size");
    let mut trace = Trace::new(BiText::new(
        format!("Ukuran sampel Krejcie–Morgan, populasi {population}"),
        format!("Krejcie–Morgan sample size, population {population}"),
    ));
    let (exact, sample) = match sp.method {
        SampleSizeMethod::Formula => {
            let n = Decimal::from(population);
            let pq = num::mul(sp.proportion, num::sub(Decimal::ONE, sp.proportion, &at)?, &at)?;
            let x2pq = num::mul(sp.chi_square, pq, &at)?;
            let top = num::mul(x2pq, n, &at)?;
            let d2 = num::mul(sp.margin, sp.margin, &at)?;
            let bottom = num::add(num::mul(d2, num::sub(n, Decimal::ONE, &at)?, &at)?, x2pq, &at)?;
            let s = num::div(top, bottom, &at)?;
            let rounded = if sp.round_up { s.ceil() } else { sp.formula_rounding.apply(s).ceil() };
            let whole = rounded.to_u64().unwrap_or(population).min(population);
            let step = Step::new(
                "sample_size.formula",
                BiText::new("Rumus Krejcie–Morgan", "Krejcie–Morgan formula"),
                BiText::new(
                    format!(
                        "s = X²·N·P(1−P) / (d²(N−1) + X²·P(1−P)), dibulatkan{}, paling banyak N",
                        if sp.round_up { " ke atas" } else { "" }
                    ),
                    format!(
                        "s = X²·N·P(1−P) / (d²(N−1) + X²·P(1−P)), rounded{}, at most N",
                        if sp.round_up { " up" } else { "" }
                    ),
                ),
                BiText::same(whole.to_string()),
                cite,
            )
            .input("N", population)
            .input("X²", show(sp.chi_square))
            .input("P", show(sp.proportion))
            .input("d", show(sp.margin));
            // rounded up: said in the formula; otherwise the policy's rounding is an input
            let step =
                if sp.round_up { step } else { step.input("rounding", sp.formula_rounding.describe()) };
            trace.push(step.unrounded(Rounding::half_up(4).apply(s)));
            (Some(s), whole)
        }
        SampleSizeMethod::Table => {
            let rows: Vec<(u64, u64)> =
                KREJCIE_MORGAN_TABLE.iter().chain(KREJCIE_MORGAN_TABLE_LARGE.iter()).copied().collect();
            let (sample, how_id, how_en) = table_lookup(&rows, population, sp.table_rule, &at)?;
            trace.push(
                Step::new(
                    "sample_size.table",
                    BiText::new("Tabel Krejcie–Morgan", "Krejcie–Morgan table"),
                    BiText::new(how_id, how_en),
                    BiText::same(sample.to_string()),
                    cite,
                )
                .input("N", population),
            );
            (None, sample)
        }
    };
    Ok(SampleSizeResult { population, method: sp.method, exact, sample, trace })
}

fn table_lookup(
    rows: &[(u64, u64)],
    n: u64,
    rule: TableRule,
    at: &Location,
) -> Result<(u64, String, String)> {
    let first = rows.first().copied().unwrap_or((0, 0));
    let last = rows.last().copied().unwrap_or((0, 0));
    if n < first.0 {
        return Ok((
            n,
            format!("N < {}: sensus (s = N)", first.0),
            format!("N < {}: census (s = N)", first.0),
        ));
    }
    if n >= last.0 {
        return Ok((
            last.1,
            format!("N ≥ {}: baris terakhir tabel (s = {})", last.0, last.1),
            format!("N ≥ {}: last row of the table (s = {})", last.0, last.1),
        ));
    }
    let pos = rows.iter().position(|(rn, _)| *rn >= n).unwrap_or(rows.len().saturating_sub(1));
    let (hn, hs) = rows.get(pos).copied().unwrap_or(last);
    if hn == n {
        return Ok((hs, format!("baris N = {hn}: s = {hs}"), format!("row N = {hn}: s = {hs}")));
    }
    let (ln, ls) = rows.get(pos.saturating_sub(1)).copied().unwrap_or(first);
    match rule {
        TableRule::NextRowUp => Ok((
            hs.min(n),
            format!("N di antara baris {ln} dan {hn}: dipakai baris berikutnya ke atas (N = {hn}, s = {hs})"),
            format!("N between rows {ln} and {hn}: the next row up is used (N = {hn}, s = {hs})"),
        )),
        TableRule::Interpolate => {
            // s = ls + (hs − ls)(n − ln)/(hn − ln), rounded up.
            let d = num::mul(Decimal::from(hs.saturating_sub(ls)), Decimal::from(n.saturating_sub(ln)), at)?;
            let frac = num::div(d, Decimal::from(hn.saturating_sub(ln)), at)?;
            let s = num::add(Decimal::from(ls), frac, at)?.ceil();
            let s = s.to_u64().unwrap_or(hs).min(n);
            Ok((
                s,
                format!(
                    "interpolasi linear antara baris ({ln}, {ls}) dan ({hn}, {hs}), dibulatkan ke atas: {}",
                    Rounding::half_up(4).apply(num::add(Decimal::from(ls), frac, at)?)
                ),
                format!(
                    "linear interpolation between rows ({ln}, {ls}) and ({hn}, {hs}), rounded up: {}",
                    Rounding::half_up(4).apply(num::add(Decimal::from(ls), frac, at)?)
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn totals(v: &[i64], n: u64) -> ElementTotals {
        ElementTotals {
            unit: Some("u".into()),
            regime: IkmRegime::Permenpanrb14_2017,
            respondents: n,
            totals: v.iter().map(|x| Decimal::from(*x)).collect(),
        }
    }

    #[test]
    fn tv21_exact_and_legacy_weights() {
        let t = totals(&[105, 101, 100, 116, 102, 105, 106, 105, 115], 29);
        let r = satisfaction_from_totals(&t, &Policy::default()).unwrap();
        assert_eq!(r.unit_value, dec!(3.6590));
        assert_eq!(r.index, dec!(91.48));
        assert_eq!(r.grade, IkmGrade::A);
        let mut p = Policy::default();
        p.instruments.ikm.weighting = IkmWeighting::Rounded;
        let r = satisfaction_from_totals(&t, &p).unwrap();
        assert_eq!(r.index, dec!(90.56));
        assert_eq!(r.weight, dec!(0.11));
        p.instruments.ikm.rounded_weight_places = 3;
        assert_eq!(satisfaction_from_totals(&t, &p).unwrap().index, dec!(91.38));
    }

    #[test]
    fn gaps_are_closed_by_rounding() {
        let p = IkmPolicy::default();
        let g = |v| ikm_grade(v, IkmRegime::Permenpanrb14_2017, &p);
        assert_eq!(g(dec!(64.994)), IkmGrade::D);
        assert_eq!(g(dec!(64.995)), IkmGrade::C);
        assert_eq!(g(dec!(76.605)), IkmGrade::B);
        let mut exact = p.clone();
        exact.classify_rounded = false;
        assert_eq!(ikm_grade(dec!(76.605), IkmRegime::Permenpanrb14_2017, &exact), IkmGrade::C);
        let mut ni = p.clone();
        ni.scale = IkmScale::Ni;
        assert_eq!(ikm_grade(dec!(3.0642), IkmRegime::Permenpanrb14_2017, &ni), IkmGrade::C);
        assert_eq!(ikm_grade(dec!(3.0644), IkmRegime::Permenpanrb14_2017, &ni), IkmGrade::B);
    }

    #[test]
    fn table_rows_match_formula_within_one() {
        let p = Policy::default();
        for (n, s) in KREJCIE_MORGAN_TABLE.iter().chain(KREJCIE_MORGAN_TABLE_LARGE.iter()) {
            let f = sample_size(*n, &p).unwrap().sample;
            assert!(f.abs_diff(*s) <= 1, "N={n}: table {s}, formula {f}");
        }
        let all: Vec<_> = KREJCIE_MORGAN_TABLE.iter().chain(KREJCIE_MORGAN_TABLE_LARGE.iter()).collect();
        assert!(all.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 <= w[1].1));
    }

    #[test]
    fn policy_validation_is_located() {
        let mut p = IkmPolicy::default();
        p.bands[2].min = dec!(80);
        let e = p.validate("instruments.ikm").unwrap_err();
        assert_eq!(e.field(), Some("instruments.ikm.bands[2].min"));
        let mut p = IkmPolicy::default();
        p.legacy_bands[1].grade = IkmGrade::A;
        assert_eq!(p.validate("x").unwrap_err().field(), Some("x.legacy_bands[1].grade"));
        let mut p = IkmPolicy::default();
        p.sample_size.proportion = dec!(1);
        assert_eq!(p.validate("x").unwrap_err().field(), Some("x.sample_size.proportion"));
    }
}
