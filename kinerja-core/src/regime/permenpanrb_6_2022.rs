//! PermenPANRB 6/2022: categorical ratings and the 3×3 predicate matrix (kuadran kinerja).
//!
//! The regime produces no numeric score. The work-result rating is the appraiser's judgement;
//! the engine computes indicator achievements, and — only when the policy defines advisory
//! bands (local policy, not law) — advises a rating and flags disagreement. JPT unit heads'
//! work result follows the organisational predicate by a policy mapping. The predicate comes
//! from the 3×3 matrix.

use rust_decimal::Decimal;

use crate::achievement::{AchievementRule, achievement};
use crate::error::{Error, Location, Result};
use crate::evaluation::{Evaluation, IndicatorResult, RatingSource};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::{
    Assessment, Behaviour, Indicator, Plan, PlannedResult, PostType, Predicate, Rating, ResultKind,
};
use crate::num::{self, Percent};
use crate::period::{Granularity, Period};
use crate::regime::common::{Measured, measure};
use crate::rules::{AnnualRollup, JptScope, MeanInputs, Policy, RegimeId, Ruleset};

/// The regulations of the predicate matrix; its citation names the part in each language
/// ([`matrix_citation`]).
pub const MATRIX_SOURCE: &str = "PermenPANRB 6/2022, Lampiran; SE BKN 11/2023";

/// The citation of the predicate matrix: the Lampiran's performance quadrant, in each language.
pub fn matrix_citation() -> Citation {
    Citation::law_on(
        MATRIX_SOURCE,
        "kuadran kinerja (predikat kinerja pegawai)",
        "performance quadrant (employee performance predicate)",
    )
}

/// The 3×3 matrix of PermenPANRB 6/2022 (Lampiran, kuadran kinerja; SE BKN 11/2023):
/// rows are the work-result rating, columns the behaviour rating.
///
/// * behaviour below: work result below → Sangat Kurang, else Kurang/Misconduct;
/// * work result below (behaviour meets or above) → Butuh Perbaikan;
/// * both above → Sangat Baik; otherwise Baik.
///
/// ```
/// use kinerja_core::model::{Predicate, Rating};
/// use kinerja_core::predicate;
/// assert_eq!(predicate(Rating::Above, Rating::Below), Predicate::PoorMisconduct);
/// assert_eq!(predicate(Rating::Meets, Rating::Above), Predicate::Good);
/// ```
pub const fn predicate(work_result: Rating, behaviour: Rating) -> Predicate {
    match (work_result, behaviour) {
        (Rating::Below, Rating::Below) => Predicate::VeryPoor,
        (_, Rating::Below) => Predicate::PoorMisconduct,
        (Rating::Below, _) => Predicate::NeedsImprovement,
        (Rating::Above, Rating::Above) => Predicate::VeryGood,
        _ => Predicate::Good,
    }
}

fn rating_text(r: Rating) -> BiText {
    BiText::new(r.label(Lang::Id), r.label(Lang::En))
}

fn pct_text(v: Decimal) -> BiText {
    BiText::same(format!("{v}%"))
}

fn achievement_citation(rule: AchievementRule, policy: &Policy) -> (BiText, Citation) {
    match rule {
        AchievementRule::Normal => (
            BiText::new("capaian = realisasi / target × 100%", "achievement = actual / target × 100%"),
            Citation::law_on(
                "PermenPANRB 8/2021, Lampiran",
                "capaian IKI kondisi normal (dipakai sebagai rumus capaian)",
                "IKI achievement, normal polarity (used as the achievement formula)",
            ),
        ),
        AchievementRule::Reflection => (
            BiText::new(
                "capaian = (1 + (1 − realisasi / target)) × 100% (semakin rendah semakin baik)",
                "achievement = (1 + (1 − actual / target)) × 100% (lower is better)",
            ),
            Citation::law_on(
                "PermenPANRB 8/2021, Lampiran",
                "capaian IKI kondisi khusus",
                "IKI achievement, special polarity",
            ),
        ),
        AchievementRule::Ratio => (
            BiText::new("capaian = target / realisasi × 100%", "achievement = target / actual × 100%"),
            Citation::policy(&policy.id, "achievement.lower_formula = ratio"),
        ),
        AchievementRule::InsideRange => (
            BiText::new(
                "realisasi di dalam rentang target: capaian = nilai kebijakan (100%)",
                "actual inside the target range: achievement = policy value (100%)",
            ),
            Citation::unconfirmed(
                "achievement.range_inside (PermenPANRB 8/2021 covers only actuals above or below the range)",
            ),
        ),
        AchievementRule::ZeroTargetConvention => (
            BiText::new(
                "target 0: konvensi tanpa dasar hukum, C-13 (semakin rendah semakin baik: realisasi 0 → 100%, selain itu 0%)",
                "target 0: convention with no legal source, C-13 (lower is better: actual 0 → 100%, otherwise 0%)",
            ),
            Citation::policy(&policy.id, "achievement.zero_target = convention"),
        ),
        AchievementRule::Pp46Efficiency => (
            BiText::new(
                "efisiensi waktu/biaya PP 46/2011 (rumus 1,76)",
                "PP 46/2011 time/cost efficiency (the 1.76 formula)",
            ),
            Citation::law_on(
                "Perka BKN 1/2013, Lampiran",
                "perhitungan aspek waktu dan biaya",
                "computing the time and cost aspects",
            ),
        ),
        AchievementRule::RatioZeroActual => (
            BiText::new(
                "realisasi 0 dengan rumus rasio: nilai kebijakan",
                "actual 0 with the ratio formula: policy value",
            ),
            Citation::policy(&policy.id, "achievement.ratio_zero_actual"),
        ),
    }
}

/// Indicator achievements, the weighted mean and the advice, shared by the periodic and
/// annual paths.
struct Measures {
    indicators: Vec<IndicatorResult>,
    weighted: Option<Decimal>,
    advised: Option<Rating>,
    weights_normalised: bool,
    notes: Vec<BiText>,
}

/// Every indicator's achievement for the period, the weighted mean and the advice, with
/// their steps.
fn measure_all(plan: &Plan, period: Period, rules: &Ruleset, trace: &mut Trace) -> Result<Measures> {
    let policy = &rules.policy;
    let emp = Location::employee(&plan.employee.id).with_period(period);
    let mut indicators = Vec::new();
    let mut notes = Vec::new();
    let mut counted: Vec<(usize, Option<Decimal>)> = Vec::new();
    for (res, ind) in plan.indicators() {
        let Some(m) = measure(plan, ind, period, policy)? else {
            let (note, step) = excluded(ind, period, policy);
            notes.push(note);
            trace.push(step);
            continue;
        };
        trace.push(super::common::target_step(ind, period, &m));
        notes.extend(m.notes.iter().cloned());
        let row = indicator_row(res, ind, &m, policy, &emp, trace)?;
        if res.kind == ResultKind::Primary || policy.rating.include_additional {
            counted.push((indicators.len(), ind.weight));
        }
        indicators.push(row);
    }
    let weights = Weights::of(&counted, &indicators, policy, &emp)?;
    let weights_normalised = weights.normalised(policy);
    if weights_normalised {
        notes.push(normalised_note(weights.total));
    }
    let weighted = weighted_mean(&counted, &weights, &mut indicators, policy, &emp, trace)?;
    let advised = weighted.and_then(|w| policy.rating.advise(w));
    if let (Some(adv), Some(w)) = (advised, weighted) {
        trace.push(advice_step(adv, w, policy));
    }
    Ok(Measures { indicators, weighted, advised, weights_normalised, notes })
}

/// The note and the step of an indicator without a realisation in the period, excluded by
/// the policy.
fn excluded(ind: &Indicator, period: Period, policy: &Policy) -> (BiText, Step) {
    let note = BiText::new(
        format!("IKI `{}` tidak memiliki realisasi pada {period} dan dikecualikan (kebijakan)", ind.id),
        format!("indicator `{}` has no realisation in {period} and is excluded (policy)", ind.id),
    );
    let step = Step::new(
        &ind.id,
        BiText::new(format!("IKI {} dikecualikan", ind.id), format!("Indicator {} excluded", ind.id)),
        BiText::new("tidak ada realisasi", "no realisation"),
        BiText::new("dikecualikan", "excluded"),
        Citation::policy(&policy.id, "rating.missing_realisation = exclude"),
    );
    (note, step)
}

/// One measured indicator's achievement, with its steps (the aggregation over several
/// periods, the formula); its weight is set later.
fn indicator_row(
    res: &PlannedResult,
    ind: &Indicator,
    m: &Measured,
    policy: &Policy,
    emp: &Location,
    trace: &mut Trace,
) -> Result<IndicatorResult> {
    let at = emp.clone().with_indicator(&ind.id);
    let a = achievement(m.target, m.actual, ind.polarity, &policy.achievement, ind.cap)
        .map_err(|e| e.into_error(&at))?;
    let rounded = policy.rounding.achievement.apply(a.value);
    if m.periods.len() > 1 {
        trace.push(aggregation_step(ind, m));
    }
    let (formula, citation) = achievement_citation(a.rule, policy);
    let mut step = Step::new(
        &ind.id,
        BiText::new(
            format!("Capaian {} ({})", ind.id, ind.name),
            format!("Achievement {} ({})", ind.id, ind.name),
        ),
        formula,
        pct_text(rounded),
        citation,
    )
    .input("T", m.target)
    .input("R", m.actual.normalize())
    .input("polarity", ind.polarity.value())
    .unrounded(format!("{}%", num::show(a.value)));
    if a.floored {
        step = step.input("floor", "0% (achievement.floor_at_zero)");
    }
    if let Some(c) = a.capped {
        step = step.input("cap", format!("{}%", c.normalize()));
    }
    trace.push(step);
    Ok(IndicatorResult {
        indicator: ind.id.clone(),
        name: ind.name.clone(),
        result: res.id.clone(),
        kind: res.kind,
        polarity: ind.polarity,
        aggregation: ind.aggregation,
        target: m.target,
        actual: m.actual,
        achievement: rounded,
        achievement_raw: a.value,
        rule: a.rule,
        weight: Decimal::ZERO,
        score: None,
    })
}

/// The step of an indicator realised over several periods: how its actual and target were
/// aggregated.
fn aggregation_step(ind: &Indicator, m: &Measured) -> Step {
    let (f_id, f_en) = match ind.aggregation {
        crate::model::Aggregation::Cumulative => ("ΣR dan ΣT atas periode", "ΣR and ΣT over the periods"),
        crate::model::Aggregation::Last => ("nilai periode terakhir", "the last period's value"),
        crate::model::Aggregation::Mean => ("rata-rata realisasi", "mean of the actuals"),
    };
    let ps: Vec<String> = m.periods.iter().map(|p| p.to_string()).collect();
    Step::new(
        &ind.id,
        BiText::new(format!("Agregasi {}", ind.id), format!("Aggregation of {}", ind.id)),
        BiText::new(f_id, f_en),
        BiText::same(format!("R = {}, T = {}", m.actual.normalize(), m.target)),
        Citation::input("SKP").with_topic(
            format!("agregasi IKI `{}` = {}", ind.id, ind.aggregation.label(Lang::Id).to_lowercase()),
            format!("IKI aggregation `{}` = {}", ind.id, ind.aggregation),
        ),
    )
    .input("periods", ps.join(", "))
}

/// The weights of the counted indicators: all given or none (then equal), their sum checked
/// against the policy.
struct Weights {
    /// Each counted indicator's weight (1 when none is given).
    each: Vec<Decimal>,
    /// Their sum.
    total: Decimal,
    /// How many were given.
    given: usize,
}

impl Weights {
    /// The weights of `counted` (index into `indicators`, weight given), checked.
    fn of(
        counted: &[(usize, Option<Decimal>)],
        indicators: &[IndicatorResult],
        policy: &Policy,
        emp: &Location,
    ) -> Result<Self> {
        let given = counted.iter().filter(|(_, w)| w.is_some()).count();
        if given != 0 && given != counted.len() {
            let (i, _) = counted.iter().find(|(_, w)| w.is_none()).copied().unwrap_or((0, None));
            let id = indicators.get(i).map(|r| r.indicator.clone()).unwrap_or_default();
            return Err(Error::Indicator {
                at: emp.clone().with_indicator(id),
                field: "weight".into(),
                reason: "weights must be given for all counted indicators or for none".into(),
            });
        }
        let each: Vec<Decimal> = counted.iter().map(|(_, w)| w.unwrap_or(Decimal::ONE)).collect();
        let total = num::sum(each.iter().copied(), emp)?;
        if let Some(req) = policy.rating.weights_must_sum_to {
            if given > 0 && total != req {
                return Err(Error::Indicator {
                    at: emp.clone(),
                    field: "weight".into(),
                    reason: format!(
                        "weights add up to {} but the policy requires {}",
                        total.normalize(),
                        req.normalize()
                    ),
                });
            }
        }
        Ok(Weights { each, total, given })
    }

    /// Whether the mean divides by a sum of given weights that is not 100 (the policy
    /// requires no sum).
    fn normalised(&self, policy: &Policy) -> bool {
        self.given > 0 && policy.rating.weights_must_sum_to.is_none() && self.total != Decimal::ONE_HUNDRED
    }
}

/// The note of weights normalised by their sum: never silently.
fn normalised_note(total: Decimal) -> BiText {
    BiText::new(
        format!(
            "bobot IKI berjumlah {}, bukan 100: rata-rata dibagi jumlah bobot (kebijakan \
             rating.weights_must_sum_to kosong; isi 100 untuk menolak bobot seperti ini)",
            total.normalize()
        ),
        format!(
            "indicator weights add up to {}, not 100: the mean is divided by their sum (policy \
             rating.weights_must_sum_to unset; set it to 100 to refuse such weights)",
            total.normalize()
        ),
    )
}

/// The weighted mean achievement of the counted indicators, rounded, with its step (`None`
/// when none counts); sets each counted indicator's weight to its share.
fn weighted_mean(
    counted: &[(usize, Option<Decimal>)],
    weights: &Weights,
    indicators: &mut [IndicatorResult],
    policy: &Policy,
    emp: &Location,
    trace: &mut Trace,
) -> Result<Option<Decimal>> {
    if counted.is_empty() {
        return Ok(None);
    }
    let total = weights.total;
    if total <= Decimal::ZERO {
        return Err(Error::Indicator {
            at: emp.clone(),
            field: "weight".into(),
            reason: "weights add up to zero".into(),
        });
    }
    // Σ (w × a) / Σ w, divided once: shares rounded to 28 digits would bias the mean
    // (three indicators at 100 % must give exactly 100, also under truncation).
    let mut weighted_sum = Decimal::ZERO;
    for ((i, _), w) in counted.iter().zip(&weights.each) {
        if let Some(r) = indicators.get_mut(*i) {
            r.weight = num::div(*w, total, emp)?;
            let a = policy.rounding.mean_inputs.input(r.achievement_raw, &policy.rounding.achievement);
            weighted_sum = num::add(weighted_sum, num::mul(*w, a, emp)?, emp)?;
        }
    }
    let acc = num::div(weighted_sum, total, emp)?;
    let rounded = policy.rounding.reported.apply(acc);
    trace.push(
        Step::new(
            "weighted_achievement",
            BiText::new("Rata-rata tertimbang capaian", "Weighted mean achievement"),
            match policy.rounding.mean_inputs {
                MeanInputs::Rounded => BiText::new(
                    "Σ (bobot × capaian dibulatkan) / Σ bobot atas IKI utama (bobot sama bila tidak \
                     ditetapkan); hanya untuk saran, PermenPANRB 6/2022 tidak menetapkan pembobotan",
                    "Σ (weight × rounded achievement) / Σ weight over primary indicators (equal weights \
                     when none are set); for advice only, PermenPANRB 6/2022 prescribes no weighting",
                ),
                _ => BiText::new(
                    "Σ (bobot × capaian) / Σ bobot atas IKI utama (bobot sama bila tidak ditetapkan); \
                     hanya untuk saran, PermenPANRB 6/2022 tidak menetapkan pembobotan",
                    "Σ (weight × achievement) / Σ weight over primary indicators (equal weights when none are set); \
                     for advice only, PermenPANRB 6/2022 prescribes no weighting",
                ),
            },
            pct_text(rounded),
            Citation::policy(&policy.id, "rating.advisory_bands"),
        )
        .input("n", counted.len())
        .unrounded(format!("{}%", num::show(acc))),
    );
    Ok(Some(rounded))
}

/// The step of the rating advised from the weighted mean `w` by the policy's bands.
fn advice_step(adv: Rating, w: Decimal, policy: &Policy) -> Step {
    let bands_in = |lang: Lang| -> String {
        let v: Vec<String> = policy
            .rating
            .advisory_bands
            .iter()
            .map(|b| format!("≥ {}% → {}", b.min.normalize(), b.rating.label(lang)))
            .collect();
        v.join("; ")
    };
    Step::new(
        "advised_rating",
        BiText::new("Saran rating hasil kerja", "Advised work-result rating"),
        BiText::new(
            format!("pita saran kebijakan lokal (bukan peraturan): {}", bands_in(Lang::Id)),
            format!("local-policy advisory bands (not law): {}", bands_in(Lang::En)),
        ),
        rating_text(adv),
        Citation::policy(&policy.id, "rating.advisory_bands"),
    )
    .input("weighted_achievement", Percent::new(w))
}

fn jpt_rule_applies(plan: &Plan, policy: &Policy) -> bool {
    match policy.rating.jpt_scope {
        JptScope::JptUnitHeads => plan.employee.post_type == PostType::Jpt && plan.employee.unit_head,
        JptScope::AllJpt => plan.employee.post_type == PostType::Jpt,
        JptScope::None => false,
    }
}

fn behaviour_rating(
    b: Option<&Behaviour>,
    policy: &Policy,
    at: &Location,
    trace: &mut Trace,
) -> Result<(Rating, RatingSource)> {
    if let Some(r) = b.and_then(|b| b.overall) {
        let mut step = Step::new(
            "behaviour",
            BiText::new("Rating perilaku kerja (BerAKHLAK)", "Work behaviour rating (BerAKHLAK)"),
            BiText::new(
                "penilaian pejabat penilai atas 7 nilai dasar",
                "the appraiser's judgement over the 7 core values",
            ),
            rating_text(r),
            Citation::input("PermenPANRB 6/2022").with_topic(
                "pejabat penilai kinerja: perilaku kerja BerAKHLAK",
                "appraiser: BerAKHLAK work behaviour",
            ),
        );
        if let Some(b) = b {
            for (v, rv) in &b.values {
                // the core value's machine name: `input_name` words it in each language
                step = step.input(v.value(), rv.value());
            }
        }
        trace.push(step);
        return Ok((r, RatingSource::Appraiser));
    }
    let Some(adv) = &policy.rating.behaviour_advice else {
        return Err(Error::Missing {
            at: at.clone(),
            field: "behaviour.overall".into(),
            reason:
                "the appraiser's overall behaviour rating is required (no behaviour_advice in the policy)"
                    .into(),
        });
    };
    let values = b.map(|b| &b.values);
    let n = values.map_or(0, |v| v.len());
    if n < crate::model::CoreValue::ALL.len() {
        return Err(Error::Missing {
            at: at.clone(),
            field: "behaviour.values".into(),
            reason: format!("behaviour advice needs all 7 BerAKHLAK values, {n} given"),
        });
    }
    let vals: Vec<Rating> = values.map(|v| v.values().copied().collect()).unwrap_or_default();
    let above = vals.iter().filter(|r| **r == Rating::Above).count();
    let r = if vals.contains(&Rating::Below) {
        Rating::Below
    } else if above >= usize::from(adv.min_above) {
        Rating::Above
    } else {
        Rating::Meets
    };
    trace.push(
        Step::new(
            "behaviour",
            BiText::new("Rating perilaku kerja (saran)", "Work behaviour rating (advised)"),
            BiText::new(
                format!(
                    "ada nilai di bawah ekspektasi → di bawah; ≥ {} di atas → di atas; selain itu sesuai",
                    adv.min_above
                ),
                format!("any value below → below; ≥ {} above → above; otherwise meets", adv.min_above),
            ),
            rating_text(r),
            Citation::policy(&policy.id, "rating.behaviour_advice"),
        )
        .input("n_di_atas", above),
    );
    Ok((r, RatingSource::BehaviourAdvice))
}

/// Evaluates `plan` for `period` under PermenPANRB 6/2022.
///
/// Errors name the employee, period and field of any missing input (work-result rating,
/// behaviour rating, organisational predicate for JPT unit heads, realisations).
pub fn evaluate(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    plan.validate()?;
    let policy = &rules.policy;
    let at = Location::employee(&plan.employee.id).with_period(period);
    let mut trace = Trace::new(BiText::new(
        format!(
            "{} ({}), {}, periode {} — {} (kebijakan {} v{})",
            plan.employee.name,
            plan.employee.id,
            plan.employee.unit,
            period,
            RegimeId::Permenpanrb6_2022.label(Lang::Id),
            policy.id,
            policy.version
        ),
        format!(
            "{} ({}), {}, period {} — {} (policy {} v{})",
            plan.employee.name,
            plan.employee.id,
            plan.employee.unit,
            period,
            RegimeId::Permenpanrb6_2022.label(Lang::En),
            policy.id,
            policy.version
        ),
    ));
    let mut m = measure_all(plan, period, rules, &mut trace)?;
    let assessment = plan.assessment(&period);
    let mut notes = std::mem::take(&mut m.notes);

    // The annual evaluation is the appraiser's judgement (PermenPANRB 6/2022): an annual
    // appraisal, when given, takes precedence over any roll-up of periodic predicates.
    let annual_given = assessment.is_some_and(|a| a.work_result.is_some() || a.predicate.is_some());
    let wants_rollup = period.granularity() == Granularity::Annual
        && policy.rating.annual_rollup != AnnualRollup::AppraiserInput;
    let rollup = wants_rollup && !annual_given;
    if wants_rollup && annual_given {
        notes.push(BiText::new(
            format!("Penilaian tahunan pejabat penilai untuk {period} didahulukan atas rekapitulasi predikat periodik"),
            format!("The appraiser's annual appraisal for {period} takes precedence over the roll-up of periodic predicates"),
        ));
    }
    if rollup {
        let covered: std::collections::BTreeSet<u8> = plan
            .assessments
            .iter()
            .filter(|a| a.period != period && period.contains(&a.period))
            .flat_map(|a| a.period.first_month()..=a.period.last_month())
            .collect();
        if covered.len() < 12 {
            notes.push(BiText::new(
                format!(
                    "Tahun {period} belum lengkap: penilaian periodik hanya mencakup {} dari 12 bulan",
                    covered.len()
                ),
                format!(
                    "The year {period} is incomplete: periodic assessments cover only {} of 12 months",
                    covered.len()
                ),
            ));
        }
    }
    let (work_result, source, behaviour, predicate_value, disagreement) = if rollup {
        rollup_annual(plan, period, rules, &mut trace, &at)?
    } else {
        periodic(plan, assessment, &m, rules, &mut trace, &mut notes, &at)?
    };
    // after the ratings, as batch scoring checks it: a rating's own error says more
    if policy.rating.require_indicators && plan.indicators().next().is_none() {
        return Err(Error::Missing {
            at,
            field: "indicators".into(),
            reason:
                "the plan has no indicator and the policy requires one (rating.require_indicators = true); \
                     add the employee's indicators, or set rating.require_indicators = false to take the \
                     appraiser's rating alone"
                    .into(),
        });
    }
    Ok(Evaluation {
        employee: plan.employee.id.clone(),
        name: plan.employee.name.clone(),
        unit: plan.employee.unit.clone(),
        period,
        regime: RegimeId::Permenpanrb6_2022,
        policy_id: policy.id.clone(),
        policy_version: policy.version.clone(),
        indicators: m.indicators,
        weighted_achievement: m.weighted,
        weights_normalised: m.weights_normalised,
        advised_rating: m.advised,
        work_result,
        work_result_source: source,
        disagreement,
        behaviour,
        score: None,
        predicate: predicate_value,
        notes,
        trace,
    })
}

type Outcome = (Option<Rating>, Option<RatingSource>, Option<Rating>, Predicate, bool);

#[allow(clippy::too_many_arguments)]
fn periodic(
    plan: &Plan,
    assessment: Option<&Assessment>,
    m: &Measures,
    rules: &Ruleset,
    trace: &mut Trace,
    notes: &mut Vec<BiText>,
    at: &Location,
) -> Result<Outcome> {
    let policy = &rules.policy;
    let mut disagreement = false;
    let (work, source) = if jpt_rule_applies(plan, policy) {
        let Some(org) = assessment.and_then(|a| a.org_predicate) else {
            return Err(Error::Missing {
                at: at.clone(),
                field: "org_predicate".into(),
                reason:
                    "a JPT unit head's work result follows the organisational predicate, which is not given"
                        .into(),
            });
        };
        let r = policy.rating.jpt_org_map.get(org);
        trace.push(
            Step::new(
                "work_result",
                BiText::new("Rating hasil kerja (JPT)", "Work-result rating (JPT)"),
                BiText::new(
                    "hasil kerja JPT mengikuti predikat kinerja organisasi (pemetaan kebijakan)",
                    "a JPT's work result follows the organisational predicate (policy mapping)",
                ),
                rating_text(r),
                Citation::unconfirmed("PermenPANRB 6/2022 model SKP JPT; rating.jpt_org_map"),
            )
            .input("org_predicate", org.value()),
        );
        if let Some(given) = assessment.and_then(|a| a.work_result) {
            if given != r {
                disagreement = true;
                notes.push(BiText::new(
                    format!("rating pejabat penilai ({}) diabaikan: hasil kerja JPT mengikuti organisasi", given.label(Lang::Id)),
                    format!("the appraiser's rating ({}) is set aside: a JPT's work result follows the organisation", given.label(Lang::En)),
                ));
            }
        }
        (r, RatingSource::OrgPredicate)
    } else if let Some(r) = assessment.and_then(|a| a.work_result) {
        trace.push(Step::new(
            "work_result",
            BiText::new("Rating hasil kerja", "Work-result rating"),
            BiText::new("penilaian pejabat penilai kinerja", "the appraiser's judgement"),
            rating_text(r),
            Citation::input("PermenPANRB 6/2022")
                .with_topic("pejabat penilai kinerja: rating hasil kerja", "appraiser: work-result rating"),
        ));
        if let Some(adv) = m.advised {
            if adv != r {
                disagreement = true;
                notes.push(BiText::new(
                    format!(
                        "saran kebijakan ({}) berbeda dengan rating pejabat penilai ({})",
                        adv.label(Lang::Id),
                        r.label(Lang::Id)
                    ),
                    format!(
                        "the policy advice ({}) differs from the appraiser's rating ({})",
                        adv.label(Lang::En),
                        r.label(Lang::En)
                    ),
                ));
            }
        }
        (r, RatingSource::Appraiser)
    } else if let (Some(adv), true) = (m.advised, policy.rating.use_advice_when_missing) {
        notes.push(BiText::new(
            "rating hasil kerja diambil dari saran kebijakan lokal karena pejabat penilai belum menilai",
            "work-result rating taken from the local-policy advice because the appraiser has not rated",
        ));
        trace.push(Step::new(
            "work_result",
            BiText::new("Rating hasil kerja (dari saran)", "Work-result rating (from advice)"),
            BiText::new(
                "saran dipakai karena rating pejabat penilai tidak ada",
                "advice used because no appraiser rating is given",
            ),
            rating_text(adv),
            Citation::policy(&policy.id, "rating.use_advice_when_missing"),
        ));
        (adv, RatingSource::Advisory)
    } else if policy.rating.use_advice_when_missing && !policy.rating.advisory_bands.is_empty() {
        // The advice would stand in for the missing rating, but it cannot be determined.
        let why = match m.weighted {
            None => "the weighted achievement is undefined (no indicator is counted)".to_string(),
            Some(w) => format!("no advisory band applies to the weighted achievement {w}%"),
        };
        return Err(Error::Rating {
            at: at.clone(),
            field: "work_result".into(),
            reason: format!(
                "the appraiser's work-result rating is missing and the advised rating cannot be determined: {why}"
            ),
        });
    } else {
        return Err(Error::Missing {
            at: at.clone(),
            field: "work_result".into(),
            reason: "the appraiser's work-result rating is required (the policy has no advisory bands to fall back on)".into(),
        });
    };
    let (behaviour, _) = behaviour_rating(assessment.and_then(|a| a.behaviour.as_ref()), policy, at, trace)?;
    let p = predicate(work, behaviour);
    trace.push(
        Step::new(
            "predicate",
            BiText::new("Predikat kinerja pegawai", "Employee performance predicate"),
            BiText::new(
                "kuadran kinerja 3×3: hasil kerja × perilaku kerja",
                "3×3 matrix: work result × behaviour",
            ),
            BiText::new(p.label(Lang::Id), p.label(Lang::En)),
            matrix_citation(),
        )
        .input("work_result", work.value())
        .input("behaviour", behaviour.value()),
    );
    let mut final_p = p;
    if let Some(given) = assessment.and_then(|a| a.predicate) {
        if given != p {
            final_p = given;
            notes.push(BiText::new(
                format!(
                    "predikat ditetapkan pejabat penilai ({}) berbeda dari kuadran ({})",
                    given.label(Lang::Id),
                    p.label(Lang::Id)
                ),
                format!(
                    "the appraiser set the predicate ({}), which differs from the matrix ({})",
                    given.label(Lang::En),
                    p.label(Lang::En)
                ),
            ));
            trace.push(Step::new(
                "predicate",
                BiText::new("Predikat setelah kalibrasi", "Predicate after calibration"),
                BiText::new("predikat yang ditetapkan pejabat penilai", "the predicate set by the appraiser"),
                BiText::new(given.label(Lang::Id), given.label(Lang::En)),
                Citation::input("SE MenPANRB 3/2023").with_topic(
                    "pejabat penilai kinerja: kalibrasi kurva distribusi",
                    "appraiser: distribution-curve calibration",
                ),
            ));
        }
    }
    Ok((Some(work), Some(source), Some(behaviour), final_p, disagreement))
}

fn rollup_annual(
    plan: &Plan,
    period: Period,
    rules: &Ruleset,
    trace: &mut Trace,
    at: &Location,
) -> Result<Outcome> {
    let policy = &rules.policy;
    let mut periodic: Vec<&Assessment> =
        plan.assessments.iter().filter(|a| a.period != period && period.contains(&a.period)).collect();
    periodic.sort_by_key(|a| a.period);
    if periodic.is_empty() {
        return Err(Error::Missing {
            at: at.clone(),
            field: "assessments".into(),
            reason: "the annual roll-up needs periodic assessments inside the year".into(),
        });
    }
    let mut results: Vec<(Period, Rating, Rating, Predicate)> = Vec::new();
    for a in &periodic {
        let ev = evaluate_periodic_only(plan, a.period, rules)?;
        if let (Some(w), Some(b)) = (ev.work_result, ev.behaviour) {
            results.push((a.period, w, b, ev.predicate));
        }
    }
    let chosen = match policy.rating.annual_rollup {
        AnnualRollup::WorstPeriod => results.iter().min_by_key(|r| (r.3, std::cmp::Reverse(r.0))).copied(),
        _ => results.last().copied(),
    };
    let Some((p_at, w, b, p)) = chosen else {
        return Err(Error::Rating {
            at: at.clone(),
            field: "predicate".into(),
            reason: "the annual roll-up cannot be determined: no periodic assessment yields a predicate"
                .into(),
        });
    };
    let (rule_id, rule_en, field) = match policy.rating.annual_rollup {
        AnnualRollup::WorstPeriod => {
            ("predikat periodik terburuk", "worst periodic predicate", "rating.annual_rollup = worst_period")
        }
        _ => ("predikat periode terakhir", "last period's predicate", "rating.annual_rollup = last_period"),
    };
    // one input a period, its predicate by machine value (`input_in` words it in each language)
    let mut step = Step::new(
        "predicate",
        BiText::new("Predikat tahunan dari predikat periodik", "Annual predicate from periodic predicates"),
        BiText::new(rule_id, rule_en),
        BiText::new(p.label(Lang::Id), p.label(Lang::En)),
        Citation::policy(&policy.id, field),
    );
    for r in &results {
        step = step.input(r.0.to_string(), r.3.value());
    }
    trace.push(step.input("chosen", p_at));
    Ok((Some(w), Some(RatingSource::Rollup), Some(b), p, false))
}

fn evaluate_periodic_only(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    let mut r = rules.clone();
    r.policy.rating.annual_rollup = AnnualRollup::AppraiserInput;
    evaluate(plan, period, &r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_nine_cells() {
        use Predicate::*;
        use Rating::*;
        let cases = [
            (Above, Above, VeryGood),
            (Above, Meets, Good),
            (Above, Below, PoorMisconduct),
            (Meets, Above, Good),
            (Meets, Meets, Good),
            (Meets, Below, PoorMisconduct),
            (Below, Above, NeedsImprovement),
            (Below, Meets, NeedsImprovement),
            (Below, Below, VeryPoor),
        ];
        for (w, b, p) in cases {
            assert_eq!(predicate(w, b), p, "{w:?} {b:?}");
        }
    }
}
