//! PP 46/2011 with Perka BKN 1/2013 (legacy prestasi kerja, performance years 2014 – June 2021).
//!
//! * Each primary planned result ([`ResultKind::Primary`]) is an activity (kegiatan tugas
//!   jabatan). Its indicators carry the aspects kuantitas, kualitas, waktu and (optionally)
//!   biaya ([`Aspect`]); the target of each comes from the indicator, the realisation from the
//!   plan's realisations inside the period.
//! * kuantitas = `RO / TO × 100`, kualitas = `RK / TK × 100`; waktu and biaya use the
//!   efficiency pair of the Perka with the 24 % branch computed in exact decimals
//!   ([`efficiency_score`]).
//! * nilai kegiatan = mean of 3 aspects (no budget) or 4; nilai capaian SKP = mean of the
//!   scored activities + tugas tambahan + kreativitas ([`additional_task_bonus`]).
//! * Tugas tambahan: every [`ResultKind::Additional`] result whose id does not start with the
//!   policy's `creativity_prefix` counts as one additional task. Kreativitas: an additional
//!   result whose id is `<creativity_prefix><level>` (default `kreativitas:unit`,
//!   `kreativitas:organisasi`, `kreativitas:nasional`); the highest level present counts.
//! * Behaviour (perilaku kerja): [`Assessment::behaviour_score`] or the mean of
//!   [`Assessment::behaviour_aspects`] ([`BehaviourAspect`]).
//! * nilai prestasi kerja = 60 % SKP + 40 % perilaku, categorised Sangat Baik … Buruk
//!   (mapped to [`Predicate`]; see [`crate::evaluation::predicate_label`]).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::evaluation::{Evaluation, IndicatorResult, RatingSource, predicate_label};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::model::{Aspect, Assessment, Indicator, Plan, PlannedResult, Predicate, ResultKind, Target};
use crate::num::{self, HUNDRED};
use crate::period::Period;
use crate::rules::{RegimeId, Ruleset};

/// Regulation cited by every PP 46 step.
const LAW: &str = "PP 46/2011 jo. Perka BKN 1/2013";

/// The factor 1.76 of the waktu and biaya formulas (100 at 76 % of the target, S-46c).
pub const TIME_COST_FACTOR: Decimal = Decimal::from_parts(176, 0, 0, false, 2);

/// The efficiency threshold (24 %) between the two branches of waktu and biaya.
pub const EFFICIENCY_THRESHOLD: Decimal = Decimal::from_parts(24, 0, 0, false, 0);

pub use crate::rules::pp46::{
    Boundary, CreativityLevel, CreativityValues, LeadershipRule, Pp46Bands, Pp46Policy, RoundPoint,
};

// ---------------------------------------------------------------------------------------------
// Pure formulas
// ---------------------------------------------------------------------------------------------

/// kuantitas = `RO / TO × 100`. A zero target is an error (the caller excludes the activity
/// first); a negative value is an error.
///
/// ```
/// use kinerja_core::regime::pp46_2011::quantity;
/// use rust_decimal_macros::dec;
/// assert_eq!(quantity(dec!(10), dec!(10), &Default::default()).unwrap(), dec!(100));
/// ```
pub fn quantity(target: Decimal, actual: Decimal, at: &Location) -> Result<Decimal> {
    check_inputs(target, actual, "kuantitas", at)?;
    num::ratio_pct(actual, target, at)
}

/// kualitas = `RK / TK × 100` (TK is normally 100).
pub fn quality(target: Decimal, actual: Decimal, at: &Location) -> Result<Decimal> {
    check_inputs(target, actual, "kualitas", at)?;
    num::ratio_pct(actual, target, at)
}

fn check_inputs(target: Decimal, actual: Decimal, what: &str, at: &Location) -> Result<()> {
    if target <= Decimal::ZERO {
        return Err(Error::Indicator {
            at: at.clone(),
            field: "target".into(),
            reason: format!("{what} target {target} must be positive"),
        });
    }
    if crate::num::negative(actual) {
        return Err(Error::Indicator {
            at: at.clone(),
            field: "actual".into(),
            reason: format!("{what} realisation {actual} is negative"),
        });
    }
    Ok(())
}

/// Which branch of the waktu/biaya formula applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EfficiencyBranch {
    /// Efficiency ≤ 24 %: `(1.76 × T − R) / T × 100`.
    AtMost24,
    /// Efficiency > 24 %: `76 − ((1.76 × T − R) / T × 100 − 100)`.
    Above24,
}

/// The waktu or biaya score with its parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EfficiencyScore {
    /// Efficiency in percent, `100 − R / T × 100` (negative when late or over budget).
    pub efficiency: Decimal,
    /// `(1.76 × T − R) / T × 100`.
    pub raw: Decimal,
    /// The branch taken (decided on the exact decimal efficiency).
    pub branch: EfficiencyBranch,
    /// The score, full precision (floored at 0 when asked).
    pub value: Decimal,
    /// The floor at 0 was applied.
    pub floored: bool,
}

/// waktu (time) or biaya (cost) by the Perka BKN 1/2013 efficiency pair, in exact decimals:
/// `eff = 100 − R/T × 100`; `eff ≤ 24` → `(1.76T − R)/T × 100`, else
/// `76 − ((1.76T − R)/T × 100 − 100)`.
///
/// ```
/// use kinerja_core::regime::pp46_2011::efficiency_score;
/// use rust_decimal_macros::dec;
/// let at = Default::default();
/// // RW = 9.12 with TW = 12 is exactly 24 % efficient: 100, not 76 (the float trap).
/// assert_eq!(efficiency_score(dec!(12), dec!(9.12), true, &at).unwrap().value, dec!(100));
/// assert_eq!(efficiency_score(dec!(12), dec!(12), true, &at).unwrap().value, dec!(76));
/// assert_eq!(efficiency_score(dec!(12), dec!(9), true, &at).unwrap().value, dec!(75));
/// ```
pub fn efficiency_score(
    target: Decimal,
    actual: Decimal,
    floor_at_zero: bool,
    at: &Location,
) -> Result<EfficiencyScore> {
    check_inputs(target, actual, "waktu/biaya", at)?;
    let efficiency = num::sub(HUNDRED, num::ratio_pct(actual, target, at)?, at)?;
    let scaled = num::mul(TIME_COST_FACTOR, target, at)?;
    let raw = num::ratio_pct(num::sub(scaled, actual, at)?, target, at)?;
    let (branch, mut value) = if efficiency <= EFFICIENCY_THRESHOLD {
        (EfficiencyBranch::AtMost24, raw)
    } else {
        (EfficiencyBranch::Above24, num::sub(Decimal::from(76), num::sub(raw, HUNDRED, at)?, at)?)
    };
    let mut floored = false;
    if floor_at_zero && value < Decimal::ZERO {
        value = Decimal::ZERO;
        floored = true;
    }
    Ok(EfficiencyScore { efficiency, raw, branch, value, floored })
}

/// nilai kegiatan: the mean of the scored aspects (3, or 4 with biaya).
pub fn activity_value(aspects: &[Decimal], at: &Location) -> Result<Decimal> {
    if !(3..=4).contains(&aspects.len()) {
        return Err(Error::Input {
            at: at.clone(),
            field: "aspects".into(),
            reason: format!("an activity is scored on 3 or 4 aspects, not {}", aspects.len()),
        });
    }
    num::mean(aspects, at)
}

/// The tugas tambahan bonus: 0 tasks → 0, 1–3 → 1, 4–6 → 2, 7 or more → 3.
///
/// ```
/// use kinerja_core::regime::pp46_2011::additional_task_bonus;
/// assert_eq!(additional_task_bonus(0).to_string(), "0");
/// assert_eq!(additional_task_bonus(4).to_string(), "2");
/// assert_eq!(additional_task_bonus(7).to_string(), "3");
/// ```
pub fn additional_task_bonus(count: usize) -> Decimal {
    match count {
        0 => Decimal::ZERO,
        1..=3 => Decimal::ONE,
        4..=6 => Decimal::TWO,
        _ => Decimal::from(3),
    }
}

/// nilai prestasi kerja = `0.6 × SKP + 0.4 × perilaku` (unrounded).
pub fn work_achievement(skp: Decimal, behaviour: Decimal, at: &Location) -> Result<Decimal> {
    let a = num::mul(skp, Decimal::new(6, 1), at)?;
    let b = num::mul(behaviour, Decimal::new(4, 1), at)?;
    num::add(a, b, at)
}

labelled_enum! {
    /// The PP 46 behaviour aspects (perilaku kerja); the value is the key used in
    /// [`Assessment::behaviour_aspects`].
    pub enum BehaviourAspect: "behaviour_aspect" {
        /// Orientasi pelayanan.
        ServiceOrientation = ("orientasi_pelayanan", "Orientasi Pelayanan", "Service orientation", ["service_orientation"]),
        /// Integritas.
        Integrity = ("integritas", "Integritas", "Integrity"),
        /// Komitmen.
        Commitment = ("komitmen", "Komitmen", "Commitment"),
        /// Disiplin.
        Discipline = ("disiplin", "Disiplin", "Discipline"),
        /// Kerja sama.
        Cooperation = ("kerja_sama", "Kerja Sama", "Cooperation", ["kerjasama"]),
        /// Kepemimpinan (structural posts only).
        Leadership = ("kepemimpinan", "Kepemimpinan", "Leadership"),
    }
}

/// The behaviour value with the aspects used (empty when `behaviour_score` was given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BehaviourValue {
    /// The value, full precision.
    pub value: Decimal,
    /// The aspects and their scores, in canonical order.
    pub aspects: Vec<(BehaviourAspect, Decimal)>,
}

/// nilai perilaku kerja from an assessment: `behaviour_score`, or the mean of the five aspects
/// (six with kepemimpinan for structural posts). Aspect names are validated; each score must
/// lie in 0–100; giving both a score and aspects is an error.
pub fn behaviour_value(
    assessment: &Assessment,
    structural: bool,
    policy: &Pp46Policy,
    at: &Location,
) -> Result<BehaviourValue> {
    let in_range = |field: String, v: Decimal| -> Result<()> {
        if v < Decimal::ZERO || v > HUNDRED {
            return Err(Error::Input { at: at.clone(), field, reason: format!("{v} is outside 0–100") });
        }
        Ok(())
    };
    match (assessment.behaviour_score, assessment.behaviour_aspects.is_empty()) {
        (Some(_), false) => Err(Error::Input {
            at: at.clone(),
            field: "behaviour_aspects".into(),
            reason: "give either behaviour_score or behaviour_aspects, not both".into(),
        }),
        (Some(v), true) => {
            in_range("behaviour_score".into(), v)?;
            Ok(BehaviourValue { value: v, aspects: Vec::new() })
        }
        (None, true) => Err(Error::Missing {
            at: at.clone(),
            field: "behaviour_score".into(),
            reason: "PP 46 needs the behaviour value (behaviour_score) or the behaviour aspects".into(),
        }),
        (None, false) => {
            let mut found: Vec<(BehaviourAspect, Decimal)> = Vec::new();
            for (name, v) in &assessment.behaviour_aspects {
                let a = BehaviourAspect::parse_label(name).map_err(|_| Error::Unknown {
                    at: at.clone(),
                    kind: "behaviour aspect (accepted: orientasi_pelayanan, integritas, komitmen, disiplin, kerja_sama, kepemimpinan)".into(),
                    id: name.clone(),
                })?;
                if found.iter().any(|(b, _)| *b == a) {
                    return Err(Error::Duplicate {
                        at: at.clone(),
                        kind: "behaviour aspect".into(),
                        id: name.clone(),
                    });
                }
                in_range(format!("behaviour_aspects.{name}"), *v)?;
                found.push((a, *v));
            }
            found.sort_by_key(|(a, _)| *a);
            for a in BehaviourAspect::ALL {
                let present = found.iter().any(|(b, _)| b == a);
                let needed = match (a, policy.leadership) {
                    (BehaviourAspect::Leadership, LeadershipRule::RequiredIffStructural) => structural,
                    (BehaviourAspect::Leadership, LeadershipRule::Optional) => present,
                    _ => true,
                };
                if needed && !present {
                    return Err(Error::Missing {
                        at: at.clone(),
                        field: format!("behaviour_aspects.{}", a.value()),
                        reason: if *a == BehaviourAspect::Leadership {
                            "kepemimpinan is required for a structural post".into()
                        } else {
                            "every PP 46 behaviour aspect needs a score".into()
                        },
                    });
                }
                if !needed && present {
                    return Err(Error::Input {
                        at: at.clone(),
                        field: format!("behaviour_aspects.{}", a.value()),
                        reason: "kepemimpinan applies only to structural posts".into(),
                    });
                }
            }
            let values: Vec<Decimal> = found.iter().map(|(_, v)| *v).collect();
            Ok(BehaviourValue { value: num::mean(&values, at)?, aspects: found })
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------------------------

fn fmt(v: Decimal) -> String {
    num::show(v)
}

fn cite(id: &str, en: &str) -> Citation {
    Citation::law_on(format!("{LAW}, Lampiran"), id, en)
}

struct ActivityRow<'a> {
    ind: &'a Indicator,
    target: Decimal,
    actual: Decimal,
    raw: Decimal,
    value: Decimal,
    scored: bool,
}

struct Activity<'a> {
    result: &'a PlannedResult,
    rows: Vec<ActivityRow<'a>>,
    value: Decimal,
}

fn point(t: Target, at: &Location) -> Result<Decimal> {
    match t {
        Target::Point(v) => Ok(v),
        Target::Range { .. } => Err(Error::Indicator {
            at: at.clone(),
            field: "target".into(),
            reason: "PP 46 targets are single values, not ranges".into(),
        }),
    }
}

/// What the steps of one PP 46 evaluation share: the plan, the period and the policy, and
/// the trace and notes they write.
struct Run<'a> {
    plan: &'a Plan,
    period: Period,
    rules: &'a Ruleset,
    pol: &'a Pp46Policy,
    at: Location,
    trace: Trace,
    notes: Vec<BiText>,
}

/// An aspect indicator of an activity with its target and actual for the period.
type Measure<'a> = (&'a Indicator, Decimal, Decimal);

impl<'a> Run<'a> {
    /// Evaluates one activity; `Ok(None)` when it is excluded (the reason is pushed to `notes`).
    fn activity(&mut self, r: &'a PlannedResult) -> Result<Option<Activity<'a>>> {
        let period = self.period;
        // A result with no realisation at all in the period (e.g. an 8/2021 result in 2021-S1 of
        // a split-year plan) is left out when the policy excludes missing realisations.
        let realised = r.indicators.iter().any(|i| {
            self.plan.realisations.iter().any(|x| x.indicator == i.id && period.contains(&x.period))
        });
        if !realised
            && self.rules.policy.rating.missing_realisation == crate::rules::MissingRealisation::Exclude
        {
            self.notes.push(BiText::new(
                format!("Kegiatan `{}` tidak dinilai: tidak ada realisasi pada periode {period}", r.id),
                format!("Activity `{}` not scored: no realisation in period {period}", r.id),
            ));
            return Ok(None);
        }
        let Some(measured) = self.measure_aspects(r)? else { return Ok(None) };
        if self.excluded_for_zero_target(r, &measured) {
            return Ok(None);
        }
        let mut rows = Vec::new();
        for (ind, t, a) in measured {
            rows.push(self.aspect_row(ind, t, a)?);
        }
        let aspects: Vec<Decimal> = rows.iter().filter(|x| x.scored).map(|x| x.value).collect();
        let raw = activity_value(&aspects, &self.at)?;
        let value = self.pol.round(RoundPoint::Activity, raw);
        let n = aspects.len();
        self.trace.push(
            Step::new(
                r.id.clone(),
                BiText::new("Nilai kegiatan", "Activity value"),
                BiText::new(format!("jumlah {n} aspek / {n}"), format!("sum of {n} aspects / {n}")),
                BiText::same(fmt(value)),
                cite("nilai capaian SKP per kegiatan", "SKP value per activity"),
            )
            .input("aspects", aspects.iter().map(|v| fmt(*v)).collect::<Vec<_>>().join(" + "))
            .unrounded(fmt(raw)),
        );
        Ok(Some(Activity { result: r, rows, value }))
    }

    /// The activity's indicator of each aspect (quantity, quality, time, cost); two of one
    /// aspect are an error.
    fn aspects(&self, r: &'a PlannedResult) -> Result<[Option<&'a Indicator>; 4]> {
        let mut by_aspect: [Option<&Indicator>; 4] = [None; 4];
        for ind in &r.indicators {
            let slot = match ind.aspect {
                Aspect::Quantity => 0,
                Aspect::Quality => 1,
                Aspect::Time => 2,
                Aspect::Cost => 3,
            };
            if let Some(cell) = by_aspect.get_mut(slot) {
                if let Some(prev) = cell {
                    return Err(Error::Duplicate {
                        at: self.at.clone().with_indicator(&ind.id),
                        kind: format!(
                            "{} indicator in activity `{}` (already `{}`)",
                            ind.aspect.value(),
                            r.id,
                            prev.id
                        ),
                        id: ind.id.clone(),
                    });
                }
                *cell = Some(ind);
            }
        }
        Ok(by_aspect)
    }

    /// The target and actual of each aspect for the period, with their target steps; `None`
    /// (and a note) when an aspect has no realisation. Quantity, quality and time are required.
    fn measure_aspects(&mut self, r: &'a PlannedResult) -> Result<Option<Vec<Measure<'a>>>> {
        let (period, by_aspect) = (self.period, self.aspects(r)?);
        let mut measured = Vec::new();
        for (slot, aspect) in
            [Aspect::Quantity, Aspect::Quality, Aspect::Time, Aspect::Cost].iter().enumerate()
        {
            let Some(ind) = by_aspect.get(slot).copied().flatten() else {
                if *aspect == Aspect::Cost {
                    continue;
                }
                return Err(Error::Missing {
                    at: self.at.clone(),
                    field: format!("{} indicator of activity `{}`", aspect.value(), r.id),
                    reason:
                        "a PP 46 activity needs kuantitas, kualitas and waktu indicators (biaya optional)"
                            .into(),
                });
            };
            let at = self.at.clone().with_indicator(&ind.id);
            // Quality (a 0–100 score) and time (months needed) are levels, never sums: they are
            // not pro-rated nor added up over the periods of a shorter evaluation.
            let level;
            let used = if matches!(aspect, Aspect::Quality | Aspect::Time)
                && ind.aggregation == crate::model::Aggregation::Cumulative
            {
                level = Indicator { aggregation: crate::model::Aggregation::Mean, ..ind.clone() };
                &level
            } else {
                ind
            };
            let Some(m) = super::common::measure(self.plan, used, period, &self.rules.policy)? else {
                self.notes.push(BiText::new(
                    format!("Kegiatan `{}` tidak dinilai: indikator `{}` tidak memiliki realisasi pada periode {period}", r.id, ind.id),
                    format!("Activity `{}` not scored: indicator `{}` has no realisation in period {period}", r.id, ind.id),
                ));
                return Ok(None);
            };
            self.trace.push(super::common::target_step(ind, period, &m));
            self.notes.extend(m.notes.iter().cloned());
            let t = point(m.target, &at)?;
            if crate::num::negative(m.actual) {
                return Err(Error::Indicator {
                    at,
                    field: "actual".into(),
                    reason: format!("realisation {} is negative", m.actual),
                });
            }
            measured.push((ind, t, m.actual));
        }
        Ok(Some(measured))
    }

    /// Whether a zero quantity or time target excludes the activity (then with its note and step).
    fn excluded_for_zero_target(&mut self, r: &PlannedResult, measured: &[Measure<'_>]) -> bool {
        let Some((ind, _, _)) = measured
            .iter()
            .find(|(ind, t, _)| t.is_zero() && matches!(ind.aspect, Aspect::Quantity | Aspect::Time))
        else {
            return false;
        };
        let (id_a, en_a) =
            if ind.aspect == Aspect::Quantity { ("kuantitas", "quantity") } else { ("waktu", "time") };
        self.notes.push(BiText::new(
            format!("Kegiatan `{}` tidak dinilai: target {id_a} (`{}`) bernilai 0", r.id, ind.id),
            format!("Activity `{}` not scored: its {en_a} target (`{}`) is 0", r.id, ind.id),
        ));
        self.trace.push(
            Step::new(
                r.id.clone(),
                BiText::new("Kegiatan dikecualikan", "Activity excluded"),
                BiText::new(
                    "target kuantitas atau waktu = 0 → kegiatan tidak dinilai",
                    "quantity or time target = 0 → the activity is not scored",
                ),
                BiText::new("tidak dinilai", "not scored"),
                Citation::unconfirmed(LAW)
                    .with_topic("praktik formulir SKP xls", "practice of the SKP xls form"),
            )
            .input("indicator", &ind.id),
        );
        true
    }

    /// One aspect's value with its step; a cost aspect with a zero target is not scored.
    fn aspect_row(&mut self, ind: &'a Indicator, t: Decimal, a: Decimal) -> Result<ActivityRow<'a>> {
        let at = self.at.clone().with_indicator(&ind.id);
        let (raw, title, formula, citation) = match ind.aspect {
            Aspect::Quantity => (
                quantity(t, a, &at)?,
                BiText::new("Kuantitas", "Quantity"),
                BiText::new("RO / TO × 100", "RO / TO × 100"),
                cite("aspek kuantitas", "quantity aspect"),
            ),
            Aspect::Quality => (
                quality(t, a, &at)?,
                BiText::new("Kualitas", "Quality"),
                BiText::new("RK / TK × 100", "RK / TK × 100"),
                cite("aspek kualitas", "quality aspect"),
            ),
            Aspect::Time | Aspect::Cost => {
                let is_time = ind.aspect == Aspect::Time;
                if !is_time && t.is_zero() {
                    self.trace.push(
                        Step::new(
                            ind.id.clone(),
                            BiText::new("Biaya tidak dinilai", "Cost not scored"),
                            BiText::new(
                                "TB = 0 → nilai kegiatan dari 3 aspek",
                                "TB = 0 → activity scored on 3 aspects",
                            ),
                            BiText::new("tidak dinilai", "not scored"),
                            Citation::unconfirmed(LAW)
                                .with_topic("praktik formulir SKP xls", "practice of the SKP xls form"),
                        )
                        .input("TB", "0"),
                    );
                    let zero = Decimal::ZERO;
                    return Ok(ActivityRow {
                        ind,
                        target: t,
                        actual: a,
                        raw: zero,
                        value: zero,
                        scored: false,
                    });
                }
                let e = efficiency_score(t, a, self.pol.floor_at_zero, &at)?;
                let (nm_id, nm_en) = if is_time { ("Waktu", "Time") } else { ("Biaya", "Cost") };
                let c = if is_time {
                    cite("aspek waktu (efisiensi ≤ 24% / > 24%)", "time aspect (efficiency ≤ 24% / > 24%)")
                } else {
                    cite("aspek biaya (efisiensi ≤ 24% / > 24%)", "cost aspect (efficiency ≤ 24% / > 24%)")
                };
                (e.value, BiText::new(nm_id, nm_en), efficiency_formula(&e, is_time), c)
            }
        };
        let value = self.pol.round(RoundPoint::Aspect, raw);
        self.trace.push(
            Step::new(ind.id.clone(), title, formula, BiText::same(fmt(value)), citation)
                .input("T", fmt(t))
                .input("R", fmt(a))
                .unrounded(fmt(raw)),
        );
        Ok(ActivityRow { ind, target: t, actual: a, raw, value, scored: true })
    }
}

/// The formula of a time or cost aspect's efficiency branch, in both languages.
fn efficiency_formula(e: &EfficiencyScore, is_time: bool) -> BiText {
    let (tn, rn) = if is_time { ("TW", "RW") } else { ("TB", "RB") };
    let branch = match e.branch {
        EfficiencyBranch::AtMost24 => BiText::new(
            format!("efisiensi {}% ≤ 24% → (1,76 × {tn} − {rn}) / {tn} × 100", fmt(e.efficiency)),
            format!("efficiency {}% ≤ 24% → (1.76 × {tn} − {rn}) / {tn} × 100", fmt(e.efficiency)),
        ),
        EfficiencyBranch::Above24 => BiText::new(
            format!(
                "efisiensi {}% > 24% → 76 − ((1,76 × {tn} − {rn}) / {tn} × 100 − 100)",
                fmt(e.efficiency)
            ),
            format!(
                "efficiency {}% > 24% → 76 − ((1.76 × {tn} − {rn}) / {tn} × 100 − 100)",
                fmt(e.efficiency)
            ),
        ),
    };
    if e.floored {
        BiText::new(format!("{}; dibatasi minimum 0", branch.id), format!("{}; floored at 0", branch.en))
    } else {
        branch
    }
}

/// The creativity items of a plan and the bonus: the highest value among the levels present
/// (with equal values under a policy, the first such item of the plan).
fn creativity(
    plan: &Plan,
    pol: &Pp46Policy,
    at: &Location,
) -> Result<Option<(CreativityLevel, Decimal, String)>> {
    let mut best: Option<(CreativityLevel, Decimal, String)> = None;
    for r in plan.results.iter().filter(|r| r.kind == ResultKind::Additional) {
        let Some(rest) = r.id.strip_prefix(pol.creativity_prefix.as_str()) else { continue };
        let level = CreativityLevel::parse_label(rest).map_err(|_| Error::Input {
            at: at.clone(),
            field: format!("results[{}].id", r.id),
            reason: format!(
                "a creativity item id is `{}<level>` with level unit, organisasi or nasional; `{rest}` is not a level",
                pol.creativity_prefix
            ),
        })?;
        let v = pol.creativity.value(level);
        if best.as_ref().is_none_or(|(_, b, _)| v > *b) {
            best = Some((level, v, r.id.clone()));
        }
    }
    Ok(best)
}

/// Evaluates a plan for `period` under PP 46/2011 with Perka BKN 1/2013.
///
/// ```
/// use kinerja_core::prelude::*;
/// use kinerja_core::regime::pp46_2011;
/// use rust_decimal_macros::dec;
/// let mut plan: Plan = serde_json::from_str(r#"{
///   "employee": {"id": "E1", "name": "Ani", "unit": "U1", "post_type": "executor"},
///   "year": 2019,
///   "results": [{"id": "k1", "description": "Laporan", "indicators": [
///     {"id": "k1-qty", "name": "Jumlah laporan", "aspect": "quantity", "target": 12},
///     {"id": "k1-ql", "name": "Mutu", "aspect": "quality", "target": 100},
///     {"id": "k1-t", "name": "Waktu", "aspect": "time", "target": 12, "aggregation": "last"}]}],
///   "realisations": [
///     {"indicator": "k1-qty", "period": "2019", "actual": 12},
///     {"indicator": "k1-ql", "period": "2019", "actual": 90},
///     {"indicator": "k1-t", "period": "2019", "actual": 12}],
///   "assessments": [{"period": "2019", "behaviour_score": 80}]
/// }"#).unwrap();
/// let rules = Ruleset::builtin("pp-46-2011").unwrap();
/// let e = pp46_2011::evaluate(&plan, "2019".parse().unwrap(), &rules).unwrap();
/// assert_eq!(e.indicators[0].score, Some(dec!(88.67)));
/// assert_eq!(e.score, Some(dec!(85.20))); // 0.6 × 88.67 + 0.4 × 80
/// assert_eq!(e.predicate_label(Lang::Id), "Baik");
/// ```
pub fn evaluate(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    rules.policy.validate()?;
    plan.validate()?;
    let pol = &rules.policy.pp46;
    let at = Location::employee(&plan.employee.id).with_period(period);
    if period.year() != plan.year {
        return Err(Error::Input {
            at,
            field: "period".into(),
            reason: format!("period {period} is outside plan year {}", plan.year),
        });
    }
    let trace = Trace::new(BiText::new(
        format!(
            "Penilaian prestasi kerja {} ({}), periode {period}, {LAW}",
            plan.employee.name, plan.employee.id
        ),
        format!("Work achievement of {} ({}), period {period}, {LAW}", plan.employee.name, plan.employee.id),
    ));
    let mut run = Run { plan, period, rules, pol, at, trace, notes: Vec::new() };
    let mut activities = Vec::new();
    for r in plan.results.iter().filter(|r| r.kind == ResultKind::Primary) {
        activities.extend(run.activity(r)?);
    }
    if activities.is_empty() {
        return Err(Error::Missing {
            at: run.at,
            field: "activities".into(),
            reason: "no PP 46 activity (primary planned result) could be scored in the period".into(),
        });
    }
    let mean = run.mean_of_activities(&activities)?;
    let (task_bonus, creative_bonus) = run.bonuses()?;
    let skp = run.skp(mean, task_bonus, creative_bonus)?;
    let behaviour = run.behaviour()?;
    let (score, predicate) = run.work_achievement(skp, behaviour)?;
    let indicators = indicator_rows(&activities, &run.at)?;
    Ok(Evaluation {
        employee: plan.employee.id.clone(),
        name: plan.employee.name.clone(),
        unit: plan.employee.unit.clone(),
        period,
        regime: RegimeId::Pp46_2011,
        policy_id: rules.policy.id.clone(),
        policy_version: rules.policy.version.clone(),
        indicators,
        weighted_achievement: Some(pol.round(RoundPoint::Skp, mean)),
        weights_normalised: false,
        advised_rating: None,
        work_result: None,
        work_result_source: Some(RatingSource::Computed),
        disagreement: false,
        behaviour: None,
        score: Some(score),
        predicate,
        notes: run.notes,
        trace: run.trace,
    })
}

impl Run<'_> {
    /// The policy's id, as its citations name it.
    fn policy_id(&self) -> &str {
        self.rules.policy.id.as_str()
    }

    /// The mean of the activity values, with its step.
    fn mean_of_activities(&mut self, activities: &[Activity<'_>]) -> Result<Decimal> {
        let values: Vec<Decimal> = activities.iter().map(|a| a.value).collect();
        let mean = num::mean(&values, &self.at)?;
        self.trace.push(
            Step::new(
                "skp",
                BiText::new("Rata-rata nilai kegiatan", "Mean activity value"),
                BiText::new(
                    format!("jumlah nilai {} kegiatan / {}", values.len(), values.len()),
                    format!("sum of {} activity values / {}", values.len(), values.len()),
                ),
                BiText::same(fmt(mean)),
                cite("nilai capaian SKP", "SKP value"),
            )
            .input("activities", values.iter().map(|v| fmt(*v)).collect::<Vec<_>>().join(", ")),
        );
        Ok(mean)
    }

    /// The additional-task and creativity bonuses, with their steps.
    fn bonuses(&mut self) -> Result<(Decimal, Decimal)> {
        let pol = self.pol;
        let tasks = self
            .plan
            .results
            .iter()
            .filter(|r| r.kind == ResultKind::Additional && !r.id.starts_with(pol.creativity_prefix.as_str()))
            .count();
        let task_bonus = additional_task_bonus(tasks);
        self.trace.push(
            Step::new(
                "tugas_tambahan",
                BiText::new("Nilai tugas tambahan", "Additional-task value"),
                BiText::new("1–3 tugas → 1; 4–6 → 2; ≥ 7 → 3", "1–3 tasks → 1; 4–6 → 2; ≥ 7 → 3"),
                BiText::same(fmt(task_bonus)),
                cite("tugas tambahan", "additional tasks"),
            )
            .input("tasks", tasks),
        );
        let creative = creativity(self.plan, pol, &self.at)?;
        let creative_bonus = creative.as_ref().map(|(_, v, _)| *v).unwrap_or_default();
        let (unit, org, national) =
            (fmt(pol.creativity.unit), fmt(pol.creativity.organisation), fmt(pol.creativity.national));
        let mut cstep = Step::new(
            "kreativitas",
            BiText::new("Nilai kreativitas", "Creativity value"),
            BiText::new(
                format!("unit kerja {unit}, organisasi {org}, nasional {national} (nilai tertinggi)"),
                format!("work unit {unit}, organisation {org}, national {national} (highest level)"),
            ),
            BiText::same(fmt(creative_bonus)),
            Citation::unconfirmed(format!(
                "{LAW}, Lampiran; local policy {}: pp46.creativity",
                self.policy_id()
            ))
            .with_topic("kreativitas (C-9)", "creativity (C-9)"),
        );
        if let Some((level, _, id)) = &creative {
            cstep = cstep.input("item", id).input("level", level.value());
        }
        self.trace.push(cstep);
        Ok((task_bonus, creative_bonus))
    }

    /// The nilai capaian SKP: the mean plus the bonuses, capped by the policy, rounded.
    fn skp(&mut self, mean: Decimal, task_bonus: Decimal, creative_bonus: Decimal) -> Result<Decimal> {
        let (pol, at) = (self.pol, &self.at);
        let mut skp_raw = num::add(num::add(mean, task_bonus, at)?, creative_bonus, at)?;
        if let Some(cap) = pol.skp_cap {
            if skp_raw > cap {
                self.notes.push(BiText::new(
                    format!("Nilai SKP {} dibatasi {} (kebijakan)", fmt(skp_raw), fmt(cap)),
                    format!("SKP value {} capped at {} (policy)", fmt(skp_raw), fmt(cap)),
                ));
                skp_raw = cap;
            }
        }
        let skp = pol.round(RoundPoint::Skp, skp_raw);
        let cat = pol.bands.category(skp);
        self.trace.push(
            Step::new(
                "skp",
                BiText::new("Nilai capaian SKP", "SKP value"),
                BiText::new(
                    "rata-rata nilai kegiatan + tugas tambahan + kreativitas",
                    "mean activity value + additional tasks + creativity",
                ),
                categorised(skp, cat),
                cite("nilai capaian SKP", "SKP value"),
            )
            .input("mean", fmt(mean))
            .input("tugas_tambahan", fmt(task_bonus))
            .input("kreativitas", fmt(creative_bonus))
            .unrounded(fmt(skp_raw)),
        );
        Ok(skp)
    }

    /// The behaviour value for the period (the appraiser's, or the mean of the aspects),
    /// rounded, with its step.
    fn behaviour(&mut self) -> Result<Decimal> {
        let (pol, at) = (self.pol, &self.at);
        let assessment = self.plan.assessment(&self.period).ok_or_else(|| Error::Missing {
            at: at.clone(),
            field: "assessment".into(),
            reason: "PP 46 needs the behaviour (perilaku kerja) assessment for the period".into(),
        })?;
        let structural = self.plan.employee.post_type.is_structural();
        let bv = behaviour_value(assessment, structural, pol, at)?;
        let behaviour = pol.round(RoundPoint::Behaviour, bv.value);
        let (formula, citation) = if bv.aspects.is_empty() {
            (
                BiText::new("nilai perilaku dari penilai", "behaviour value given by the appraiser"),
                Citation::input("PP 46/2011").with_topic("pejabat penilai", "appraiser"),
            )
        } else {
            (
                BiText::new(
                    format!("rata-rata {} aspek perilaku", bv.aspects.len()),
                    format!("mean of {} behaviour aspects", bv.aspects.len()),
                ),
                Citation::unconfirmed("PP 46/2011 Pasal 12").with_topic(
                    "aspek perilaku kerja; daftar aspek (C-9)",
                    "work behaviour aspects; the list of aspects (C-9)",
                ),
            )
        };
        let title = BiText::new("Nilai perilaku kerja", "Behaviour value");
        let value = categorised(behaviour, pol.bands.category(behaviour));
        let mut step = Step::new("perilaku", title, formula, value, citation).unrounded(fmt(bv.value));
        for (a, v) in &bv.aspects {
            step = step.input(a.value(), fmt(*v));
        }
        self.trace.push(step);
        Ok(behaviour)
    }

    /// The nilai prestasi kerja (60 % SKP + 40 % behaviour), rounded, and its category, with
    /// their steps.
    fn work_achievement(&mut self, skp: Decimal, behaviour: Decimal) -> Result<(Decimal, Predicate)> {
        let pol = self.pol;
        let raw = work_achievement(skp, behaviour, &self.at)?;
        let score = pol.round(RoundPoint::Final, raw);
        let predicate = pol.bands.category(score);
        self.trace.push(
            Step::new(
                "prestasi_kerja",
                BiText::new("Nilai prestasi kerja", "Work-achievement value"),
                BiText::new(
                    "60% × nilai SKP + 40% × nilai perilaku",
                    "60% × SKP value + 40% × behaviour value",
                ),
                BiText::same(fmt(score)),
                Citation::law_on(
                    LAW,
                    "nilai prestasi kerja = 60% SKP + 40% perilaku kerja",
                    "work performance value = 60% SKP + 40% work behaviour",
                ),
            )
            .input("skp", fmt(skp))
            .input("perilaku", fmt(behaviour))
            .unrounded(fmt(raw)),
        );
        self.trace.push(
            Step::new(
                "predicate",
                BiText::new("Sebutan", "Category"),
                BiText::new(pol.bands.describe(), pol.bands.describe()),
                BiText::new(
                    predicate_label(RegimeId::Pp46_2011, predicate, Lang::Id),
                    predicate_label(RegimeId::Pp46_2011, predicate, Lang::En),
                ),
                Citation::law(format!("{LAW}; local policy {}: pp46.bands", self.policy_id())).with_topic(
                    "kategori nilai (91–100 Sangat Baik … ≤ 50 Buruk); batas non-bulat",
                    "value categories (91–100 very good … ≤ 50 bad); bounds between whole numbers",
                ),
            )
            .input("nilai", fmt(score)),
        );
        Ok((score, predicate))
    }
}

/// A value with its PP 46 category, in both languages: `85.20 (Baik)`.
fn categorised(v: Decimal, cat: Predicate) -> BiText {
    BiText::new(
        format!("{} ({})", fmt(v), predicate_label(RegimeId::Pp46_2011, cat, Lang::Id)),
        format!("{} ({})", fmt(v), predicate_label(RegimeId::Pp46_2011, cat, Lang::En)),
    )
}

/// The indicator rows of the evaluated activities, each scored aspect weighing its share of
/// 1 in the mean of the activities.
fn indicator_rows(activities: &[Activity<'_>], at: &Location) -> Result<Vec<IndicatorResult>> {
    let n_act = Decimal::from(activities.len());
    let mut indicators = Vec::new();
    for a in activities {
        let n_asp = Decimal::from(a.rows.iter().filter(|x| x.scored).count());
        let share = num::div(Decimal::ONE, num::mul(n_act, n_asp, at)?, at)?;
        for row in &a.rows {
            indicators.push(IndicatorResult {
                indicator: row.ind.id.clone(),
                name: row.ind.name.clone(),
                result: a.result.id.clone(),
                kind: a.result.kind,
                polarity: row.ind.polarity,
                aggregation: row.ind.aggregation,
                target: Target::Point(row.target),
                actual: row.actual,
                achievement: row.value,
                achievement_raw: row.raw,
                rule: match row.ind.aspect {
                    Aspect::Time | Aspect::Cost => crate::achievement::AchievementRule::Pp46Efficiency,
                    _ => crate::achievement::AchievementRule::Normal,
                },
                weight: if row.scored { share } else { Decimal::ZERO },
                score: Some(a.value),
            });
        }
    }
    Ok(indicators)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::num::Rounding;
    use rust_decimal_macros::dec;

    fn at() -> Location {
        Location::default()
    }

    fn w(t: Decimal, r: Decimal) -> Decimal {
        Rounding::half_up(2).apply(efficiency_score(t, r, true, &at()).unwrap().value)
    }

    #[test]
    fn tv17_time_branches() {
        assert_eq!(w(dec!(12), dec!(12)), dec!(76));
        assert_eq!(w(dec!(12), dec!(9.12)), dec!(100));
        assert_eq!(w(dec!(12), dec!(9)), dec!(75));
        assert_eq!(w(dec!(12), dec!(6)), dec!(50));
        assert_eq!(w(dec!(12), dec!(10)), dec!(92.67));
        assert_eq!(w(dec!(12), dec!(8)), dec!(66.67));
        assert_eq!(w(dec!(12), dec!(15)), dec!(51));
        assert_eq!(
            efficiency_score(dec!(12), dec!(9.12), true, &at()).unwrap().branch,
            EfficiencyBranch::AtMost24
        );
        assert_eq!(w(dec!(5000000), dec!(3800000)), dec!(100));
    }

    #[test]
    fn floor_and_errors() {
        let e = efficiency_score(dec!(12), dec!(30), true, &at()).unwrap();
        assert!(e.floored);
        assert_eq!(e.value, dec!(0));
        let e = efficiency_score(dec!(12), dec!(30), false, &at()).unwrap();
        assert_eq!(e.value, dec!(-74));
        assert!(efficiency_score(dec!(0), dec!(3), true, &at()).is_err());
        assert!(quantity(dec!(1), dec!(-3), &at()).is_err());
        assert!(activity_value(&[dec!(1), dec!(2)], &at()).is_err());
    }
}
