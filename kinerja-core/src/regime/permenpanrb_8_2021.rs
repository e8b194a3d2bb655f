//! PermenPANRB 8/2021 with PP 30/2019 (July–December 2021).
//!
//! * capaian IKI by the shared kernel ([`crate::achievement::achievement`]) with the
//!   reflection formula `(2 − R/T) × 100` for special polarity ("kondisi khusus") and range
//!   targets; rounded before banding (policy, default half-up to a whole percent, C-8);
//! * nilai capaian IKI by the bands and caps of the Lampiran ([`indicator_value`]);
//! * nilai SKP: JPT posts weigh PK-based results and rencana-aksi results (default 60/40);
//!   a planned result is a rencana-aksi result when its id starts with the policy's
//!   `action_plan_prefix` (default `rencana-aksi:`); other posts take the (weighted) mean of
//!   their primary indicators; plus the kinerja tambahan contribution (cap 10);
//! * a periodic evaluation (a quarter or a month) with rencana-aksi results takes the periodic
//!   SKP value of the Lampiran (p.75): (mean of rencana-aksi values + mean of main-performance
//!   values) / 2, for every post;
//! * nilai kinerja = 70 % SKP + 30 % perilaku, or 60/40 with peer and subordinate input
//!   (PP 30/2019 Pasal 41), and its predicate with the innovation condition;
//! * the annual 2021 value integrates the PP 46 half (January–June) and the 8/2021 half
//!   (July–December) 50/50 when the split-year policy is on (C-20, unconfirmed), the PP 46
//!   value first scaled by 1.2 to the 0–120 scale (C-22, unconfirmed): [`integrate_split_year`]
//!   here, the two halves evaluated and combined by the dispatcher [`crate::regime::evaluate`].

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::achievement::{Achieved, AchievementPolicy, AchievementRule, LowerFormula, achievement};
use crate::error::{Error, Location, Result};
use crate::evaluation::{Evaluation, IndicatorResult, RatingSource, predicate_label};
use crate::explain::{BiText, Citation, Lang, Step, Trace};
use crate::model::{Indicator, Plan, PlannedResult, PostType, Predicate, ResultKind, Target};
use crate::num::{self, HUNDRED};
use crate::period::Period;
use crate::rules::{JptScope, Policy, RegimeId, Ruleset};

/// Regulation cited by every 8/2021 step.
pub(crate) const LAW: &str = "PermenPANRB 8/2021";
const PP30: &str = "PP 30/2019 Pasal 41";

fn d(v: i64) -> Decimal {
    Decimal::from(v)
}

pub use crate::rules::permenpanrb_8_2021::{
    AdditionalWork, JptWeights, Permenpanrb82021Policy, PredicateBands, SplitYear,
};

// ---------------------------------------------------------------------------------------------
// Pure formulas
// ---------------------------------------------------------------------------------------------

/// Which conversion rule produced a nilai capaian IKI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IkiRule {
    /// `c > 110 %` → 120.
    CapAbove110,
    /// `c = 100 %` with a maximum-achievable target → 120.
    MaxTarget,
    /// `101 % ≤ c ≤ 110 %`: `110 + (120 − 110)/(110 − 101) × (c − 101)`.
    VeryGood,
    /// `c = 100 %` → 109.
    Good,
    /// `80 % ≤ c < 100 %`: `70 + (89 − 70)/(99 − 80) × (c − 80)`.
    Fair,
    /// `60 % ≤ c < 80 %`: `50 + (69 − 50)/(79 − 60) × (c − 60)`.
    Poor,
    /// `c < 60 %`: `c / 59 × 49`.
    VeryPoor,
}

/// A nilai capaian IKI with its category (as a [`Predicate`]: Sangat Baik … Sangat Kurang).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct IkiValue {
    /// The value, full precision.
    pub value: Decimal,
    /// The category of capaian IKI.
    pub category: Predicate,
    /// The rule used.
    pub rule: IkiRule,
}

/// Converts capaian IKI `c` (percent, already rounded when the policy rounds) to the nilai
/// capaian IKI of the Lampiran (p.101; the Sangat Baik and Baik items reconstructed from p.363).
/// Between integer bands an unrounded `c` takes the band whose lower bound it passes; a
/// negative `c` gives 0. With `target_is_max`, `c ≥ 100` gives 120.
///
/// ```
/// use kinerja_core::regime::permenpanrb_8_2021::indicator_value;
/// use rust_decimal_macros::dec;
/// let at = Default::default();
/// assert_eq!(indicator_value(dec!(100), false, &at).unwrap().value, dec!(109));
/// assert_eq!(indicator_value(dec!(98), false, &at).unwrap().value, dec!(88));
/// assert_eq!(indicator_value(dec!(111), false, &at).unwrap().value, dec!(120));
/// assert_eq!(indicator_value(dec!(100), true, &at).unwrap().value, dec!(120));
/// ```
pub fn indicator_value(c: Decimal, target_is_max: bool, at: &Location) -> Result<IkiValue> {
    let (value, category, rule) = if target_is_max && c >= HUNDRED {
        (d(120), Predicate::VeryGood, IkiRule::MaxTarget)
    } else if c > d(110) {
        (d(120), Predicate::VeryGood, IkiRule::CapAbove110)
    } else if c >= d(101) {
        let v = num::add(d(110), num::div(num::mul(d(10), num::sub(c, d(101), at)?, at)?, d(9), at)?, at)?;
        (v, Predicate::VeryGood, IkiRule::VeryGood)
    } else if c >= HUNDRED {
        (d(109), Predicate::Good, IkiRule::Good)
    } else if c >= d(80) {
        let v = num::add(d(70), num::div(num::mul(d(19), num::sub(c, d(80), at)?, at)?, d(19), at)?, at)?;
        (v, Predicate::NeedsImprovement, IkiRule::Fair)
    } else if c >= d(60) {
        let v = num::add(d(50), num::div(num::mul(d(19), num::sub(c, d(60), at)?, at)?, d(19), at)?, at)?;
        (v, Predicate::PoorMisconduct, IkiRule::Poor)
    } else {
        let v = num::div(num::mul(c.max(Decimal::ZERO), d(49), at)?, d(59), at)?;
        (v, Predicate::VeryPoor, IkiRule::VeryPoor)
    };
    Ok(IkiValue { value, category, rule })
}

/// nilai kinerja = `0.7 × SKP + 0.3 × perilaku`, or `0.6 × SKP + 0.4 × perilaku` when the
/// behaviour was rated with peer and subordinate input (PP 30/2019 Pasal 41). Unrounded.
pub fn performance_value(skp: Decimal, behaviour: Decimal, with_360: bool, at: &Location) -> Result<Decimal> {
    let (ws, wb) = if with_360 {
        (Decimal::new(6, 1), Decimal::new(4, 1))
    } else {
        (Decimal::new(7, 1), Decimal::new(3, 1))
    };
    num::add(num::mul(skp, ws, at)?, num::mul(behaviour, wb, at)?, at)
}

/// The predicate of a nilai kinerja (PP 30/2019 Pasal 41): Sangat Baik needs `nk ≥ 110` and an
/// innovation (when the policy says so); otherwise Baik from 90, Cukup/Butuh Perbaikan from 70,
/// Kurang from 50, Sangat Kurang below.
///
/// ```
/// use kinerja_core::regime::permenpanrb_8_2021::{nk_predicate, Permenpanrb82021Policy};
/// use kinerja_core::model::Predicate;
/// use rust_decimal_macros::dec;
/// let p = Permenpanrb82021Policy::default();
/// assert_eq!(nk_predicate(dec!(115), false, &p), Predicate::Good);
/// assert_eq!(nk_predicate(dec!(115), true, &p), Predicate::VeryGood);
/// assert_eq!(nk_predicate(dec!(89.99), true, &p), Predicate::NeedsImprovement);
/// ```
pub fn nk_predicate(nk: Decimal, innovation: bool, policy: &Permenpanrb82021Policy) -> Predicate {
    let b = &policy.predicate_bands;
    if nk >= b.very_good && (innovation || !policy.very_good_requires_innovation) {
        Predicate::VeryGood
    } else if nk >= b.good {
        Predicate::Good
    } else if nk >= b.needs_improvement {
        Predicate::NeedsImprovement
    } else if nk >= b.poor {
        Predicate::PoorMisconduct
    } else {
        Predicate::VeryPoor
    }
}

/// One kinerja tambahan item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AdditionalItem {
    /// Level (100, 80, 60, 40, 20).
    pub level: Decimal,
    /// Bobot lingkup penugasan, percent.
    pub scope_weight: Decimal,
    /// Its nilai capaian IKI.
    pub value: Decimal,
}

/// The additional-work contribution `Σ level/100 × bobot/100 × nilai`, capped at `cap`.
/// Returns the contribution (unrounded) and whether the cap applied.
pub fn additional_contribution(
    items: &[AdditionalItem],
    cap: Decimal,
    at: &Location,
) -> Result<(Decimal, bool)> {
    let mut total = Decimal::ZERO;
    for i in items {
        let f = num::div(num::mul(i.level, i.scope_weight, at)?, d(10_000), at)?;
        total = num::add(total, num::mul(f, i.value, at)?, at)?;
    }
    Ok(if total > cap { (cap, true) } else { (total, false) })
}

/// The 2021 annual value: `w × scale × PP46 + (1 − w) × value_8_2021` with `w` the PP 46 weight.
pub fn integrate_split_year(
    pp46: Decimal,
    value_8_2021: Decimal,
    policy: &SplitYear,
    at: &Location,
) -> Result<Decimal> {
    let w = num::div(policy.pp46_weight, HUNDRED, at)?;
    let a = num::mul(num::mul(pp46, policy.pp46_scale, at)?, w, at)?;
    let b = num::mul(value_8_2021, num::sub(Decimal::ONE, w, at)?, at)?;
    num::add(a, b, at)
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

fn fmt(v: Decimal) -> String {
    num::show(v)
}

fn label(p: Predicate) -> BiText {
    BiText::new(
        predicate_label(RegimeId::Permenpanrb8_2021, p, Lang::Id),
        predicate_label(RegimeId::Permenpanrb8_2021, p, Lang::En),
    )
}

fn jpt_applies(plan: &Plan, pol: &Permenpanrb82021Policy) -> bool {
    let e = &plan.employee;
    match pol.jpt_scope {
        JptScope::AllJpt => e.post_type == PostType::Jpt,
        JptScope::JptUnitHeads => e.post_type == PostType::Jpt && e.unit_head,
        JptScope::None => false,
    }
}

struct Scored<'a> {
    result: &'a PlannedResult,
    ind: &'a Indicator,
    row: IndicatorResult,
    value: Decimal,
}

/// Weighted mean of `(value, weight)`; weights all absent → equal; some absent → error.
fn group_mean(items: &[&Scored<'_>], at: &Location) -> Result<(Decimal, Vec<Decimal>)> {
    let any = items.iter().any(|s| s.ind.weight.is_some());
    let mut weights = Vec::with_capacity(items.len());
    for s in items {
        weights.push(match (any, s.ind.weight) {
            (false, _) => Decimal::ONE,
            (true, Some(w)) => w,
            (true, None) => {
                return Err(Error::Indicator {
                    at: at.clone().with_indicator(&s.ind.id),
                    field: "weight".into(),
                    reason: "other indicators of the group have a weight, this one has none".into(),
                });
            }
        });
    }
    let total = num::sum(weights.iter().copied(), at)?;
    if total.is_zero() {
        return Err(Error::Indicator {
            at: at.clone(),
            field: "weight".into(),
            reason: "the weights of the group sum to 0".into(),
        });
    }
    let mut acc = Decimal::ZERO;
    let mut shares = Vec::with_capacity(items.len());
    for (s, w) in items.iter().zip(&weights) {
        let share = num::div(*w, total, at)?;
        acc = num::add(acc, num::mul(share, s.value, at)?, at)?;
        shares.push(share);
    }
    Ok((acc, shares))
}

/// True when `period` is a periodic evaluation (a quarter or a month) rather than the
/// regime's own span (July–December 2021, or a year): the periodic SKP value applies.
fn periodic(period: Period) -> bool {
    period.months() < 6
}

/// Evaluates a plan under PermenPANRB 8/2021 with PP 30/2019, for the period as given (2021
/// included). The annual 2021 split year (PP 46 for 2021-S1 and 8/2021 for 2021-S2, integrated)
/// is evaluated by the dispatcher [`crate::regime::evaluate`] when the policy says so, not here.
///
/// ```
/// use kinerja_core::prelude::*;
/// use kinerja_core::regime::permenpanrb_8_2021;
/// use rust_decimal_macros::dec;
/// let plan: Plan = serde_json::from_str(r#"{
///   "employee": {"id": "E1", "name": "Budi", "unit": "U1", "post_type": "executor"},
///   "year": 2021,
///   "results": [{"id": "r1", "description": "Layanan", "indicators": [
///     {"id": "i1", "name": "Pengaduan selesai", "target": {"low": 80, "high": 90}, "aggregation": "last"},
///     {"id": "i2", "name": "Dokumen", "target": 95, "aggregation": "last"}]}],
///   "realisations": [
///     {"indicator": "i1", "period": "2021-S2", "actual": 92},
///     {"indicator": "i2", "period": "2021-S2", "actual": 93}],
///   "assessments": [{"period": "2021-S2", "behaviour_score": 100}]
/// }"#).unwrap();
/// let rules = Ruleset::builtin("permenpanrb-8-2021").unwrap();
/// let e = permenpanrb_8_2021::evaluate(&plan, "2021-S2".parse().unwrap(), &rules).unwrap();
/// assert_eq!(e.indicators[0].score, Some(dec!(111.11))); // 102.22 % → 102 % → 110 + 10/9 × 1
/// assert_eq!(e.indicators[1].score, Some(dec!(88.00)));  // 97.89 % → 98 % → 88
/// ```
pub fn evaluate(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    rules.policy.validate()?;
    plan.validate()?;
    let at = Location::employee(&plan.employee.id).with_period(period);
    if period.year() != plan.year {
        return Err(Error::Input {
            at,
            field: "period".into(),
            reason: format!("period {period} is outside plan year {}", plan.year),
        });
    }
    evaluate_half(plan, period, rules)
}

/// The predicate step of a nilai kinerja (also of the 2021 split year).
pub(crate) fn predicate_step(
    score: Decimal,
    innovation: bool,
    p: Predicate,
    pol: &Permenpanrb82021Policy,
    policy_id: &str,
) -> Step {
    let b = &pol.predicate_bands;
    Step::new(
        "predicate",
        BiText::new("Predikat kinerja", "Performance predicate"),
        BiText::new(
            format!(
                "SB: NK ≥ {} dan inovasi; B: ≥ {}; C/BP: ≥ {}; K: ≥ {}; SK: < {}",
                fmt(b.very_good),
                fmt(b.good),
                fmt(b.needs_improvement),
                fmt(b.poor),
                fmt(b.poor)
            ),
            format!(
                "VG: NK ≥ {} with an innovation; G: ≥ {}; NI: ≥ {}; P: ≥ {}; VP: < {}",
                fmt(b.very_good),
                fmt(b.good),
                fmt(b.needs_improvement),
                fmt(b.poor),
                fmt(b.poor)
            ),
        ),
        label(p),
        Citation::law(format!("{PP30}; local policy {policy_id}: permenpanrb_8_2021.predicate_bands"))
            .with_topic(
                "predikat; batas Kurang/Sangat Kurang belum terkonfirmasi (C-7)",
                "predicates; the bound between poor and very poor is unconfirmed (C-7)",
            ),
    )
    .input("nk", fmt(score))
    .input("inovasi", innovation)
}

/// What the steps of one 8/2021 evaluation share: the plan, the period and the policy, and
/// the trace and notes they write.
struct Half<'a> {
    plan: &'a Plan,
    period: Period,
    policy: &'a Policy,
    pol: &'a Permenpanrb82021Policy,
    at: Location,
    trace: Trace,
    notes: Vec<BiText>,
}

/// Evaluates `period` under 8/2021 alone (validation done by the caller).
pub(crate) fn evaluate_half(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    let policy = &rules.policy;
    let mut h = Half {
        plan,
        period,
        policy,
        pol: &policy.permenpanrb_8_2021,
        at: Location::employee(&plan.employee.id).with_period(period),
        trace: Trace::new(BiText::new(
            format!(
                "Penilaian kinerja {} ({}), periode {period}, {LAW} jo. PP 30/2019",
                plan.employee.name, plan.employee.id
            ),
            format!(
                "Performance of {} ({}), period {period}, {LAW} with PP 30/2019",
                plan.employee.name, plan.employee.id
            ),
        )),
        notes: Vec::new(),
    };
    let ach_policy =
        AchievementPolicy { lower_formula: LowerFormula::Reflection, ..policy.achievement.clone() };
    let mut scored: Vec<Scored<'_>> = Vec::new();
    for (r, ind) in plan.indicators() {
        scored.extend(h.indicator(r, ind, &ach_policy)?);
    }
    let main = h.main_performance(&mut scored)?;
    let extra = h.additional_work(&scored)?;
    let skp = h.skp(main, extra)?;
    let (behaviour, with_360, innovation) = h.behaviour()?;
    let score = h.performance(skp, behaviour, with_360)?;
    let predicate = nk_predicate(score, innovation, h.pol);
    h.trace.push(predicate_step(score, innovation, predicate, h.pol, policy.id.as_str()));
    let mut wa = Decimal::ZERO;
    for s in &scored {
        wa = num::add(wa, num::mul(s.row.weight, s.row.achievement, &h.at)?, &h.at)?;
    }
    Ok(Evaluation {
        employee: plan.employee.id.clone(),
        name: plan.employee.name.clone(),
        unit: plan.employee.unit.clone(),
        period,
        regime: RegimeId::Permenpanrb8_2021,
        policy_id: policy.id.clone(),
        policy_version: policy.version.clone(),
        indicators: scored.into_iter().map(|s| s.row).collect(),
        weighted_achievement: Some(policy.rounding.achievement.apply(wa)),
        weights_normalised: false,
        advised_rating: None,
        work_result: None,
        work_result_source: Some(RatingSource::Computed),
        disagreement: false,
        behaviour: None,
        score: Some(score),
        predicate,
        notes: h.notes,
        trace: h.trace,
    })
}

/// The formula of a capaian IKI, in both languages.
fn capaian_formula(a: &Achieved, target: Target) -> BiText {
    let (f_id, f_en) = match a.rule {
        AchievementRule::Reflection => {
            ("(1 + (1 − R/T)) × 100% (kondisi khusus)", "(1 + (1 − R/T)) × 100% (special polarity)")
        }
        AchievementRule::InsideRange => ("R di dalam rentang target", "R inside the target range"),
        _ => ("R / T × 100% (kondisi normal)", "R / T × 100% (normal polarity)"),
    };
    match target {
        Target::Range { .. } => BiText::new(
            format!("{f_id} ; target rentang: batas atas bila R di atas, batas bawah bila R di bawah"),
            format!("{f_en}; range target: upper bound when R is above, lower bound when below"),
        ),
        Target::Point(_) => BiText::new(f_id, f_en),
    }
}

/// The rule of a nilai capaian IKI in both languages, and its citation.
fn iki_rule(rule: IkiRule) -> (&'static str, &'static str, Citation) {
    match rule {
        IkiRule::CapAbove110 => (
            "capaian > 110% → 120",
            "achievement > 110% → 120",
            Citation::law(format!("{LAW}, Lampiran hlm. 101 huruf h")),
        ),
        IkiRule::MaxTarget => (
            "capaian 100% atas target maksimal → 120",
            "100% of a maximum-achievable target → 120",
            Citation::law(format!("{LAW}, Lampiran hlm. 101 huruf i")),
        ),
        IkiRule::VeryGood => (
            "110 + (120 − 110)/(110 − 101) × (c − 101)",
            "110 + (120 − 110)/(110 − 101) × (c − 101)",
            Citation::unconfirmed(format!("{LAW}, Lampiran hlm. 100")).with_topic(
                "direkonstruksi dari contoh hlm. 363 (C-8)",
                "reconstructed from the example on p. 363 (C-8)",
            ),
        ),
        IkiRule::Good => (
            "capaian 100% → 109",
            "achievement 100% → 109",
            Citation::unconfirmed(format!("{LAW}, Lampiran hlm. 100 (contoh hlm. 363, C-8)")),
        ),
        IkiRule::Fair => (
            "70 + (89 − 70)/(99 − 80) × (c − 80)",
            "70 + (89 − 70)/(99 − 80) × (c − 80)",
            Citation::law(format!("{LAW}, Lampiran hlm. 101")),
        ),
        IkiRule::Poor => (
            "50 + (69 − 50)/(79 − 60) × (c − 60)",
            "50 + (69 − 50)/(79 − 60) × (c − 60)",
            Citation::law(format!("{LAW}, Lampiran hlm. 101")),
        ),
        IkiRule::VeryPoor => {
            ("c / 59 × 49", "c / 59 × 49", Citation::law(format!("{LAW}, Lampiran hlm. 101")))
        }
    }
}

impl<'a> Half<'a> {
    /// The policy's id, as its citations name it.
    fn policy_id(&self) -> &'a str {
        self.policy.id.as_str()
    }

    /// One indicator's capaian and nilai capaian IKI, with their steps; `None` (and a note)
    /// when it has no realisation in the period.
    fn indicator(
        &mut self,
        r: &'a PlannedResult,
        ind: &'a Indicator,
        ach_policy: &AchievementPolicy,
    ) -> Result<Option<Scored<'a>>> {
        let (period, pol) = (self.period, self.pol);
        let iat = self.at.clone().with_indicator(&ind.id);
        let Some(m) = super::common::measure(self.plan, ind, period, self.policy)? else {
            self.notes.push(BiText::new(
                format!("Indikator `{}` tidak dinilai: tidak ada realisasi pada periode {period}", ind.id),
                format!("Indicator `{}` not scored: no realisation in period {period}", ind.id),
            ));
            return Ok(None);
        };
        self.trace.push(super::common::target_step(ind, period, &m));
        self.notes.extend(m.notes.iter().cloned());
        let a = achievement(m.target, m.actual, ind.polarity, ach_policy, ind.cap)
            .map_err(|e| e.into_error(&iat))?;
        let c = if pol.round_capaian { pol.capaian_rounding.apply(a.value) } else { a.value };
        let citation = if pol.round_capaian {
            Citation::unconfirmed(format!(
                "{LAW}, Lampiran hlm. 110; local policy {}: permenpanrb_8_2021.capaian_rounding",
                self.policy_id()
            ))
            .with_topic(
                "rumus capaian; pembulatan sebelum konversi (C-8)",
                "achievement formula; rounding before conversion (C-8)",
            )
        } else {
            Citation::law_on(format!("{LAW}, Lampiran hlm. 110"), "rumus capaian", "achievement formula")
        };
        self.trace.push(
            Step::new(
                ind.id.clone(),
                BiText::new("Capaian IKI", "IKI achievement"),
                capaian_formula(&a, m.target),
                BiText::same(format!("{}%", fmt(c))),
                citation,
            )
            .input("T", m.target)
            .input("R", fmt(m.actual))
            .input("T_used", fmt(a.effective_target))
            .unrounded(fmt(a.value)),
        );
        let iv = indicator_value(c, ind.target_is_max, &iat)?;
        let value = pol.rounding.apply(iv.value);
        let (rule_id, rule_en, cit) = iki_rule(iv.rule);
        let lab = label(iv.category);
        self.trace.push(
            Step::new(
                ind.id.clone(),
                BiText::new("Nilai capaian IKI", "IKI value"),
                BiText::new(rule_id, rule_en),
                BiText::new(format!("{} ({})", fmt(value), lab.id), format!("{} ({})", fmt(value), lab.en)),
                cit,
            )
            .input("c", format!("{}%", fmt(c)))
            .input("target_is_max", ind.target_is_max)
            .unrounded(fmt(iv.value)),
        );
        Ok(Some(Scored {
            result: r,
            ind,
            value,
            row: IndicatorResult {
                indicator: ind.id.clone(),
                name: ind.name.clone(),
                result: r.id.clone(),
                kind: r.kind,
                polarity: ind.polarity,
                aggregation: ind.aggregation,
                target: m.target,
                actual: m.actual,
                achievement: c,
                achievement_raw: a.value,
                rule: a.rule,
                weight: Decimal::ZERO,
                score: Some(value),
            },
        }))
    }

    /// The main-performance value of the primary indicators: the periodic SKP value, the
    /// JPT weighting or the (weighted) mean; each indicator's share becomes its weight.
    fn main_performance(&mut self, scored: &mut [Scored<'_>]) -> Result<Decimal> {
        let primary: Vec<usize> = scored
            .iter()
            .enumerate()
            .filter(|(_, s)| s.result.kind == ResultKind::Primary)
            .map(|(i, _)| i)
            .collect();
        if primary.is_empty() {
            return Err(Error::Missing {
                at: self.at.clone(),
                field: "indicators".into(),
                reason: "no primary indicator could be scored in the period".into(),
            });
        }
        let prefix = self.pol.action_plan_prefix.as_str();
        let is_action_plan = |s: &Scored<'_>| s.result.id.starts_with(prefix) || s.ind.id.starts_with(prefix);
        let (ra, pk): (Vec<usize>, Vec<usize>) =
            primary.iter().partition(|i| scored.get(**i).is_some_and(is_action_plan));
        let (main, shares) = if periodic(self.period) && !ra.is_empty() {
            self.periodic_main(scored, &ra, &pk)?
        } else if jpt_applies(self.plan, self.pol) {
            self.jpt_main(scored, pk, ra)?
        } else {
            self.mean_main(scored, &primary)?
        };
        for (i, s) in &shares {
            if let Some(x) = scored.get_mut(*i) {
                x.row.weight = *s;
            }
        }
        Ok(main)
    }

    /// The periodic SKP value (Lampiran p.75): (mean of rencana aksi + mean of main
    /// performance) / 2, with each indicator's share.
    fn periodic_main(
        &mut self,
        scored: &[Scored<'_>],
        ra: &[usize],
        pk: &[usize],
    ) -> Result<(Decimal, Vec<(usize, Decimal)>)> {
        let (period, at) = (self.period, &self.at);
        let both = !pk.is_empty();
        if !both {
            self.notes.push(BiText::new(
                format!(
                    "Nilai SKP periodik {period}: hanya rencana aksi yang dinilai; nilainya menjadi nilai SKP"
                ),
                format!(
                    "Periodic SKP value {period}: only action plans were scored; their mean is the SKP value"
                ),
            ));
        }
        let half = if both { num::div(Decimal::ONE, d(2), at)? } else { Decimal::ONE };
        let (mut main, mut shares, mut means) = (Decimal::ZERO, Vec::new(), Vec::new());
        for (idx, tag) in [(ra, "ra"), (pk, "utama")] {
            if idx.is_empty() {
                continue;
            }
            let items: Vec<&Scored<'_>> = idx.iter().filter_map(|i| scored.get(*i)).collect();
            let (mean, sh) = group_mean(&items, at)?;
            main = num::add(main, num::mul(mean, half, at)?, at)?;
            for (i, s) in idx.iter().zip(sh) {
                shares.push((*i, num::mul(s, half, at)?));
            }
            means.push((tag, mean));
        }
        let mut step = Step::new(
            "skp_periodik",
            BiText::new("Nilai SKP periodik", "Periodic SKP value"),
            BiText::new(
                "(rata-rata nilai rencana aksi + rata-rata nilai kinerja utama) / 2",
                "(mean of the action-plan values + mean of the main-performance values) / 2",
            ),
            BiText::same(fmt(self.pol.rounding.apply(main))),
            Citation::law(format!(
                "{LAW}, Lampiran hlm. 75; local policy {}: permenpanrb_8_2021.action_plan_prefix",
                self.policy_id()
            ))
            .with_topic("nilai SKP periodik", "periodic SKP value"),
        )
        .unrounded(fmt(main));
        for (tag, mean) in means {
            step = step.input(tag, fmt(mean));
        }
        self.trace.push(step);
        Ok((main, shares))
    }

    /// A JPT post's main performance: PK-based results and action plans weighed by the
    /// policy (default 60/40), one of them alone at 100 %, with each indicator's share.
    fn jpt_main(
        &mut self,
        scored: &[Scored<'_>],
        pk: Vec<usize>,
        ra: Vec<usize>,
    ) -> Result<(Decimal, Vec<(usize, Decimal)>)> {
        let (pol, at) = (self.pol, &self.at);
        let groups = [
            (pk, pol.jpt_weights.pk_based, "PK", "kinerja utama berbasis PK", "PK-based main performance"),
            (
                ra,
                pol.jpt_weights.action_plan,
                "RA",
                "rencana aksi / inisiatif strategis",
                "action plans / strategic initiatives",
            ),
        ];
        let both = groups.iter().all(|g| !g.0.is_empty());
        if !both {
            self.notes.push(BiText::new(
                "Hanya satu jenis kinerja utama JPT yang dinilai; bobotnya menjadi 100%",
                "Only one kind of JPT main performance was scored; it weighs 100%",
            ));
        }
        let (mut main, mut shares) = (Decimal::ZERO, Vec::new());
        for (idx, w, tag, nm_id, nm_en) in groups {
            if idx.is_empty() {
                continue;
            }
            let items: Vec<&Scored<'_>> = idx.iter().filter_map(|i| scored.get(*i)).collect();
            let (mean, sh) = group_mean(&items, at)?;
            let w = if both { num::div(w, HUNDRED, at)? } else { Decimal::ONE };
            let part = num::mul(mean, w, at)?;
            main = num::add(main, part, at)?;
            for (i, s) in idx.iter().zip(sh) {
                shares.push((*i, num::mul(s, w, at)?));
            }
            let percent = fmt(num::mul(w, HUNDRED, at)?);
            self.trace.push(
                Step::new(
                    format!("jpt_{}", tag.to_lowercase()),
                    BiText::new(format!("Nilai tertimbang {nm_id}"), format!("Weighted value, {nm_en}")),
                    BiText::new(
                        format!("{percent}% × rata-rata nilai capaian IKI"),
                        format!("{percent}% × mean IKI value"),
                    ),
                    BiText::same(fmt(pol.rounding.apply(part))),
                    Citation::unconfirmed(format!(
                        "{LAW}, Lampiran hlm. 363; local policy {}: permenpanrb_8_2021.jpt_weights, action_plan_prefix",
                        self.policy_id()
                    ))
                    .with_topic("bobot 60/40 disimpulkan (C-8)", "60/40 weights inferred (C-8)"),
                )
                .input("mean", fmt(mean))
                .unrounded(fmt(part)),
            );
        }
        Ok((main, shares))
    }

    /// Any other post's main performance: the (weighted) mean of its primary indicators.
    fn mean_main(
        &mut self,
        scored: &[Scored<'_>],
        primary: &[usize],
    ) -> Result<(Decimal, Vec<(usize, Decimal)>)> {
        let items: Vec<&Scored<'_>> = primary.iter().filter_map(|i| scored.get(*i)).collect();
        let (mean, sh) = group_mean(&items, &self.at)?;
        self.trace.push(
            Step::new(
                "kinerja_utama",
                BiText::new("Nilai kinerja utama", "Main performance value"),
                BiText::new(
                    "rata-rata (tertimbang) nilai capaian IKI utama",
                    "(weighted) mean of the primary IKI values",
                ),
                BiText::same(fmt(self.pol.rounding.apply(mean))),
                Citation::unconfirmed(LAW).with_topic(
                    "agregasi JA/JF (teks primer tidak ditemukan, C-8)",
                    "JA/JF aggregation (primary text not found, C-8)",
                ),
            )
            .unrounded(fmt(mean)),
        );
        Ok((mean, primary.iter().copied().zip(sh).collect()))
    }

    /// The kinerja tambahan contribution of the additional indicators (0 when the policy
    /// leaves it out or there are none), with its step.
    fn additional_work(&mut self, scored: &[Scored<'_>]) -> Result<Decimal> {
        let (pol, at) = (self.pol, &self.at);
        if !pol.additional.enabled {
            return Ok(Decimal::ZERO);
        }
        let mut items = Vec::new();
        for s in scored.iter().filter(|s| s.result.kind == ResultKind::Additional) {
            let w = s.ind.weight.or(pol.additional.default_scope_weight).ok_or_else(|| Error::Missing {
                at: at.clone().with_indicator(&s.ind.id),
                field: "weight".into(),
                reason: "an additional (tambahan) indicator needs its bobot lingkup penugasan as `weight` (or set permenpanrb_8_2021.additional.default_scope_weight)".into(),
            })?;
            if w > HUNDRED {
                return Err(Error::Indicator {
                    at: at.clone().with_indicator(&s.ind.id),
                    field: "weight".into(),
                    reason: format!("bobot lingkup penugasan {w} is above 100"),
                });
            }
            items.push(AdditionalItem { level: pol.additional.level, scope_weight: w, value: s.value });
        }
        if items.is_empty() {
            return Ok(Decimal::ZERO);
        }
        let (v, capped) = additional_contribution(&items, pol.additional.cap, at)?;
        let mut st = Step::new(
            "kinerja_tambahan",
            BiText::new("Nilai kinerja tambahan", "Additional-work value"),
            BiText::new(
                format!("Σ level/100 × bobot/100 × nilai, maksimum {}", fmt(pol.additional.cap)),
                format!("Σ level/100 × weight/100 × value, at most {}", fmt(pol.additional.cap)),
            ),
            BiText::same(fmt(pol.rounding.apply(v))),
            Citation::unconfirmed(format!(
                "{LAW}, Lampiran (kinerja tambahan, C-8); local policy {}: permenpanrb_8_2021.additional",
                self.policy_id()
            )),
        )
        .input("level", fmt(pol.additional.level))
        .input("items", items.len());
        if capped {
            st = st.input("capped", true);
        }
        self.trace.push(st);
        Ok(v)
    }

    /// The nilai SKP: main performance plus additional work, capped by the policy, rounded.
    fn skp(&mut self, main: Decimal, extra: Decimal) -> Result<Decimal> {
        let pol = self.pol;
        let mut skp_raw = num::add(main, extra, &self.at)?;
        if skp_raw > pol.skp_cap {
            self.notes.push(BiText::new(
                format!("Nilai SKP {} dibatasi {}", fmt(skp_raw), fmt(pol.skp_cap)),
                format!("SKP value {} capped at {}", fmt(skp_raw), fmt(pol.skp_cap)),
            ));
            skp_raw = pol.skp_cap;
        }
        let skp = pol.rounding.apply(skp_raw);
        self.trace.push(
            Step::new(
                "skp",
                BiText::new("Nilai SKP", "SKP value"),
                BiText::new(
                    "nilai kinerja utama + nilai kinerja tambahan",
                    "main performance + additional work",
                ),
                BiText::same(fmt(skp)),
                Citation::law_on(format!("{LAW}, Lampiran"), "nilai akhir SKP", "final SKP value"),
            )
            .input("utama", fmt(main))
            .input("tambahan", fmt(extra))
            .unrounded(fmt(skp_raw)),
        );
        Ok(skp)
    }

    /// The appraiser's behaviour value for the period (0–120), whether it had peer and
    /// subordinate input, and whether there was an innovation; with its step.
    fn behaviour(&mut self) -> Result<(Decimal, bool, bool)> {
        let at = &self.at;
        let assessment = self.plan.assessment(&self.period).ok_or_else(|| Error::Missing {
            at: at.clone(),
            field: "assessment".into(),
            reason: "8/2021 needs the behaviour value (behaviour_score) for the period".into(),
        })?;
        let behaviour = assessment.behaviour_score.ok_or_else(|| Error::Missing {
            at: at.clone(),
            field: "behaviour_score".into(),
            reason: "8/2021 needs the numeric behaviour value (the 8/2021 aspects are not implemented)"
                .into(),
        })?;
        if behaviour < Decimal::ZERO || behaviour > d(120) {
            return Err(Error::Input {
                at: at.clone(),
                field: "behaviour_score".into(),
                reason: format!("{behaviour} is outside 0–120"),
            });
        }
        self.trace.push(
            Step::new(
                "perilaku",
                BiText::new("Nilai perilaku kerja", "Behaviour value"),
                BiText::new("nilai dari penilai", "value given by the appraiser"),
                BiText::same(fmt(behaviour)),
                Citation::input(LAW).with_topic("pejabat penilai kinerja", "appraiser"),
            )
            .input("360", assessment.behaviour_360),
        );
        Ok((behaviour, assessment.behaviour_360, assessment.innovation))
    }

    /// The nilai kinerja (PP 30/2019 Pasal 41), rounded, with its step.
    fn performance(&mut self, skp: Decimal, behaviour: Decimal, with_360: bool) -> Result<Decimal> {
        let raw = performance_value(skp, behaviour, with_360, &self.at)?;
        let score = self.pol.rounding.apply(raw);
        self.trace.push(
            Step::new(
                "nilai_kinerja",
                BiText::new("Nilai kinerja pegawai", "Performance value"),
                if with_360 {
                    BiText::new(
                        "60% × nilai SKP + 40% × nilai perilaku (dengan masukan rekan kerja/bawahan)",
                        "60% × SKP + 40% × behaviour (with peer/subordinate input)",
                    )
                } else {
                    BiText::new("70% × nilai SKP + 30% × nilai perilaku", "70% × SKP + 30% × behaviour")
                },
                BiText::same(fmt(score)),
                Citation::law(PP30),
            )
            .input("skp", fmt(skp))
            .input("perilaku", fmt(behaviour))
            .unrounded(fmt(raw)),
        );
        Ok(score)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::num::Rounding;
    use rust_decimal_macros::dec;

    fn v(c: Decimal) -> Decimal {
        Rounding::half_up(2).apply(indicator_value(c, false, &Location::default()).unwrap().value)
    }

    #[test]
    fn tv10_tv12_values() {
        assert_eq!(v(dec!(100)), dec!(109));
        assert_eq!(v(dec!(98)), dec!(88));
        assert_eq!(v(dec!(115)), dec!(120));
        assert_eq!(v(dec!(105)), dec!(114.44));
        assert_eq!(v(dec!(70)), dec!(60));
        assert_eq!(v(dec!(55)), dec!(45.68));
        assert_eq!(v(dec!(110)), dec!(120));
        assert_eq!(v(dec!(101)), dec!(110));
        assert_eq!(v(dec!(99)), dec!(89));
        assert_eq!(v(dec!(80)), dec!(70));
        assert_eq!(v(dec!(79)), dec!(69));
        assert_eq!(v(dec!(60)), dec!(50));
        assert_eq!(v(dec!(59)), dec!(49));
        assert_eq!(v(dec!(-5)), dec!(0));
    }

    #[test]
    fn weights_and_predicates() {
        let at = Location::default();
        assert_eq!(performance_value(dec!(100), dec!(90), false, &at).unwrap(), dec!(97.0));
        assert_eq!(performance_value(dec!(100), dec!(90), true, &at).unwrap(), dec!(96.0));
        let p = Permenpanrb82021Policy::default();
        assert_eq!(nk_predicate(dec!(90), false, &p), Predicate::Good);
        assert_eq!(nk_predicate(dec!(49.99), false, &p), Predicate::VeryPoor);
        let items = [AdditionalItem { level: dec!(100), scope_weight: dec!(5), value: dec!(109) }];
        assert_eq!(additional_contribution(&items, dec!(10), &at).unwrap(), (dec!(5.45), false));
        let items = [AdditionalItem { level: dec!(80), scope_weight: dec!(50), value: dec!(109) }];
        assert_eq!(additional_contribution(&items, dec!(10), &at).unwrap(), (dec!(10), true));
    }
}
