//! Tambahan Penghasilan Pegawai (TPP), the regional allowance: a basis per job class split into
//! a performance and a discipline component, reduced by the performance factor and by
//! attendance deductions, with special shares (e.g. CPNS 80 %) and whole-Rupiah rounding.
//!
//! Everything here is regional (a Perkada per region and year; PP 12/2019 Pasal 58,
//! Kepmendagri 900-4700/2020), so every rule comes from [`TppPolicy`] and is cited as local
//! policy. The result is never negative and never above the basis.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{inst, pol, show};
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::Predicate;
use crate::num::{HUNDRED, add, div, mul, sub, sum};
use crate::period::Period;
use crate::rules::Policy;

const INSTRUMENT: &str = "tpp";
const PATH: &str = "follow_up.tpp";

pub use crate::rules::follow_up::tpp::{
    AchievementBand, AttendanceEventKind, DeductionBand, EmployeeStatus, PerformanceFactor, TppPolicy,
    TppWeights,
};

/// One attendance event (or `count` identical ones).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttendanceEvent {
    /// The kind.
    pub kind: AttendanceEventKind,
    /// Minutes, for late arrival and early departure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<Decimal>,
    /// Number of occurrences (days for absence). Default 1.
    #[serde(default = "one")]
    pub count: u32,
    /// Date or note, for the explanation.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

fn one() -> u32 {
    1
}

/// The input for one employee and month.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TppInput {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub unit: String,
    /// The month paid.
    pub period: Period,
    /// Job class (kelas jabatan), a key of the policy basis.
    pub job_class: String,
    /// Employment status. Default PNS.
    #[serde(default = "pns")]
    pub status: EmployeeStatus,
    /// The period's predicate (predicate-table method).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<Predicate>,
    /// Achievement percent or nilai kinerja (achievement methods).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<Decimal>,
    /// Attendance events of the month.
    #[serde(default)]
    pub attendance: Vec<AttendanceEvent>,
    /// A discipline value (nilai absensi, percent) from an attendance system, used instead of
    /// events (not together with them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discipline_score: Option<Decimal>,
    /// TPP suspended (e.g. a disciplinary punishment under PP 94/2021): pays 0.
    #[serde(default)]
    pub suspended: bool,
}

fn pns() -> EmployeeStatus {
    EmployeeStatus::Pns
}

/// One deduction applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeductionLine {
    /// Index of the event in the input.
    pub event: usize,
    /// The event kind.
    pub kind: AttendanceEventKind,
    /// Occurrences.
    pub count: u32,
    /// Percent per occurrence.
    pub pct_each: Decimal,
    /// Percent for the line.
    pub pct: Decimal,
    /// The rule, e.g. the band (`deduction_bands[1] [31, 61) minutes`, in English; the
    /// explanation words it in its language).
    pub rule: String,
}

/// The TPP of one employee for one month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TppResult {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    pub unit: String,
    /// The month.
    pub period: Period,
    /// Job class.
    pub job_class: String,
    /// The basis.
    pub basis: Decimal,
    /// Performance component before the factor.
    pub performance_max: Decimal,
    /// Discipline component before deductions.
    pub discipline_max: Decimal,
    /// Performance factor in percent.
    pub performance_factor: Decimal,
    /// Performance amount, exact.
    pub performance_amount: Decimal,
    /// Deduction lines.
    pub deductions: Vec<DeductionLine>,
    /// Total deduction percent before the cap.
    pub deduction_pct_raw: Decimal,
    /// Total deduction percent after the caps.
    pub deduction_pct: Decimal,
    /// Discipline amount, exact.
    pub discipline_amount: Decimal,
    /// Share paid for the status, percent.
    pub share_pct: Decimal,
    /// Amount before rounding.
    pub exact: Decimal,
    /// The amount paid (rounded), `0 ≤ amount ≤ basis`.
    pub amount: Decimal,
    /// Amount as percent of the basis (exact; TV-37).
    pub pct_of_basis: Decimal,
    /// How it was reached.
    pub trace: Trace,
}

/// The TPP for one employee and month under `policy.follow_up.tpp`.
///
/// ```
/// use kinerja_core::followup::{tpp, TppInput, TppPolicy, EmployeeStatus};
/// use kinerja_core::model::Predicate;
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// let mut p = Policy::default();
/// p.follow_up.tpp = Some(TppPolicy {
///     region: "Contoh".into(), year: 2024,
///     basis: [("9".to_string(), dec!(5000000))].into(), ..Default::default()
/// });
/// let input = TppInput {
///     employee: "e1".into(), unit: String::new(), period: "2024-03".parse().unwrap(),
///     job_class: "9".into(), status: EmployeeStatus::Pns, predicate: Some(Predicate::Good),
///     achievement: None, attendance: vec![], discipline_score: None, suspended: false,
/// };
/// assert_eq!(tpp(&input, &p).unwrap().amount, dec!(5000000));
/// ```
pub fn tpp(input: &TppInput, policy: &Policy) -> Result<TppResult> {
    let tp = schedule(policy)?;
    let m = Month { input, tp, policy, at: location(input) };
    m.check_period()?;
    let mut trace = Trace::new(BiText::new(
        format!("TPP pegawai {} periode {}", input.employee, input.period),
        format!("TPP of employee {} for {}", input.employee, input.period),
    ));
    let basis = m.basis(&mut trace)?;
    let (performance_max, discipline_max) = m.components(basis, &mut trace)?;
    let (factor, performance_amount) = m.performance(performance_max, &mut trace)?;
    let (deductions, deduction_pct_raw, deduction_pct) = m.deductions(&mut trace)?;
    let discipline_amount = m.discipline(discipline_max, deduction_pct, &mut trace)?;
    let (share_pct, exact) = m.payable(performance_amount, discipline_amount, &mut trace)?;
    let (exact, amount, pct_of_basis) = m.paid(basis, exact, &mut trace)?;
    Ok(TppResult {
        employee: input.employee.clone(),
        unit: input.unit.clone(),
        period: input.period,
        job_class: input.job_class.clone(),
        basis,
        performance_max,
        discipline_max,
        performance_factor: factor,
        performance_amount,
        deductions,
        deduction_pct_raw,
        deduction_pct,
        discipline_amount,
        share_pct,
        exact,
        amount,
        pct_of_basis,
        trace,
    })
}

/// The region's TPP schedule of the policy; without one TPP cannot be computed.
fn schedule(policy: &Policy) -> Result<&TppPolicy> {
    policy.follow_up.tpp.as_ref().ok_or_else(|| {
        pol(PATH, "no TPP schedule: TPP is set per region and year by a Perkada; configure follow_up.tpp")
    })
}

/// Where an error about the input points: the employee and month, and the unit when given.
fn location(input: &TppInput) -> Location {
    let at = Location::employee(&input.employee).with_period(input.period);
    if input.unit.is_empty() { at } else { at.with_unit(&input.unit) }
}

/// Deductions as computed: the lines, the total percent before the caps and after them.
type Deductions = (Vec<DeductionLine>, Decimal, Decimal);

/// One employee-month under the region's schedule: what every step of [`tpp`] reads.
struct Month<'a> {
    input: &'a TppInput,
    tp: &'a TppPolicy,
    policy: &'a Policy,
    at: Location,
}

impl Month<'_> {
    /// The schedule's field `field`, cited as local policy with the Perkada and the region.
    fn cite(&self, field: &str) -> Citation {
        let mut c = Citation::policy(&self.policy.id, &format!("{PATH}.{field}"));
        if !self.tp.regulation.is_empty() {
            c.reference = format!("{} ({}, {})", c.reference, self.tp.regulation, self.tp.region);
        } else {
            c.reference = format!("{} ({})", c.reference, self.tp.region);
        }
        c
    }

    /// The period must be a month of the schedule's year.
    fn check_period(&self) -> Result<()> {
        let (input, tp) = (self.input, self.tp);
        if input.period.granularity() != crate::period::Granularity::Month {
            return Err(inst(
                INSTRUMENT,
                &self.at,
                "period",
                format!("TPP is paid per month: give a month such as {}-01, not {}", tp.year, input.period),
            ));
        }
        if input.period.year() != tp.year {
            return Err(inst(
                INSTRUMENT,
                &self.at,
                "period",
                format!("the schedule is for {} (policy {PATH}.year), not {}", tp.year, input.period.year()),
            ));
        }
        Ok(())
    }

    /// The basis (besaran TPP) of the employee's job class.
    fn basis(&self, trace: &mut Trace) -> Result<Decimal> {
        let basis = *self.tp.basis.get(&self.input.job_class).ok_or_else(|| Error::Unknown {
            at: self.at.clone(),
            kind: "job class (kelas jabatan)".into(),
            id: self.input.job_class.clone(),
        })?;
        trace.push(
            Step::new(
                "basis",
                BiText::new("Besaran TPP", "TPP basis"),
                BiText::new("besaran TPP menurut kelas jabatan", "TPP amount by job class"),
                BiText::same(show(basis)),
                self.cite("basis"),
            )
            .input("kelas jabatan", &self.input.job_class),
        );
        Ok(basis)
    }

    /// The basis split by the weights into the performance and the discipline component.
    fn components(&self, basis: Decimal, trace: &mut Trace) -> Result<(Decimal, Decimal)> {
        let (w, at) = (&self.tp.weights, &self.at);
        let performance_max = div(mul(basis, w.performance, at)?, HUNDRED, at)?;
        let discipline_max = div(mul(basis, w.discipline, at)?, HUNDRED, at)?;
        let formula = format!(
            "{} × {}% = {}; {} × {}% = {}",
            show(basis),
            show(w.performance),
            show(performance_max),
            show(basis),
            show(w.discipline),
            show(discipline_max)
        );
        trace.push(Step::new(
            "weights",
            BiText::new("Komponen kinerja dan disiplin", "Performance and discipline components"),
            BiText::same(formula),
            BiText::same(format!("{} / {}", show(performance_max), show(discipline_max))),
            self.cite("weights"),
        ));
        Ok((performance_max, discipline_max))
    }

    /// The performance factor (percent) by the schedule's method, and how it was found.
    fn performance_factor(&self) -> Result<(Decimal, BiText)> {
        let (input, at) = (self.input, &self.at);
        Ok(match &self.tp.performance_factor {
            PerformanceFactor::Predicate { factors } => {
                let p = input.predicate.ok_or_else(|| Error::Missing {
                    at: at.clone(),
                    field: "predicate".into(),
                    reason: "the TPP schedule takes the performance factor from the predicate".into(),
                })?;
                let f = *factors.get(&p).ok_or_else(|| {
                    pol(format!("{PATH}.performance_factor.factors.{}", p.value()), "missing")
                })?;
                (
                    f,
                    BiText::new(
                        format!("predikat {} → {}%", p.label(Lang::Id), show(f)),
                        format!("predicate {} → {}%", p.label(Lang::En), show(f)),
                    ),
                )
            }
            PerformanceFactor::AchievementBands { bands } => {
                let a = achievement_input(input, at)?;
                let hit = bands.iter().find(|b| if b.min_inclusive { a >= b.min } else { a > b.min });
                let f = hit.map(|b| b.factor).unwrap_or(Decimal::ZERO);
                let band = hit
                    .map(|b| format!("{} {}", if b.min_inclusive { "≥" } else { ">" }, show(b.min)))
                    .unwrap_or_else(|| crate::explain::NONE.into());
                (
                    f,
                    BiText::new(
                        format!("capaian {}% (pita {band}) → {}%", show(a), show(f)),
                        format!("achievement {}% (band {band}) → {}%", show(a), show(f)),
                    ),
                )
            }
            PerformanceFactor::AchievementLinear => {
                let a = achievement_input(input, at)?;
                let f = a.min(HUNDRED);
                (
                    f,
                    BiText::new(
                        format!("min(capaian {}%, 100%) = {}%", show(a), show(f)),
                        format!("min(achievement {}%, 100%) = {}%", show(a), show(f)),
                    ),
                )
            }
        })
    }

    /// The performance amount: the component times the performance factor; with the factor.
    fn performance(&self, performance_max: Decimal, trace: &mut Trace) -> Result<(Decimal, Decimal)> {
        let (factor, how) = self.performance_factor()?;
        let performance_amount = div(mul(performance_max, factor, &self.at)?, HUNDRED, &self.at)?;
        trace.push(Step::new(
            "performance",
            BiText::new("TPP kinerja", "Performance amount"),
            BiText::new(
                format!("{}; {} × {}%", how.id, show(performance_max), show(factor)),
                format!("{}; {} × {}%", how.en, show(performance_max), show(factor)),
            ),
            BiText::same(show(performance_amount)),
            self.cite("performance_factor"),
        ));
        Ok((factor, performance_amount))
    }

    /// The discipline deductions, from a discipline value or from the attendance events.
    fn deductions(&self, trace: &mut Trace) -> Result<Deductions> {
        match self.input.discipline_score {
            Some(score) => {
                let d = self.score_deduction(score, trace)?;
                Ok((Vec::new(), d, d))
            }
            None => self.attendance_deductions(trace),
        }
    }

    /// The deduction of a discipline value (nilai absensi): 100 % less the value.
    fn score_deduction(&self, score: Decimal, trace: &mut Trace) -> Result<Decimal> {
        let at = &self.at;
        if !self.input.attendance.is_empty() {
            return Err(inst(
                INSTRUMENT,
                at,
                "discipline_score",
                "give either attendance events or a discipline score, not both",
            ));
        }
        if crate::num::negative(score) || score > HUNDRED {
            return Err(inst(
                INSTRUMENT,
                at,
                "discipline_score",
                format!("{} is outside 0–100", show(score)),
            ));
        }
        let d = sub(HUNDRED, score, at)?;
        trace.push(Step::new(
            "discipline_score",
            BiText::new("Nilai disiplin", "Discipline value"),
            BiText::new(
                format!("potongan = 100% − {}%", show(score)),
                format!("deduction = 100% − {}%", show(score)),
            ),
            BiText::same(format!("{}%", show(d))),
            Citation::input("TPP").with_topic("sistem kehadiran", "attendance system"),
        ));
        Ok(d)
    }

    /// A line per attendance event, then the total under the caps per kind and overall.
    fn attendance_deductions(&self, trace: &mut Trace) -> Result<Deductions> {
        let at = &self.at;
        let mut lines = Vec::new();
        let mut per_kind: BTreeMap<AttendanceEventKind, Decimal> = BTreeMap::new();
        for (i, ev) in self.input.attendance.iter().enumerate() {
            let (pct_each, rule) = self.event_rate(i, ev)?;
            let pct = mul(pct_each, Decimal::from(ev.count), at)?;
            let slot = per_kind.entry(ev.kind).or_insert(Decimal::ZERO);
            *slot = add(*slot, pct, at)?;
            trace.push(self.event_step(i, ev, pct_each, pct, &rule));
            let rule = rule.get(Lang::En).to_string();
            lines.push(DeductionLine { event: i, kind: ev.kind, count: ev.count, pct_each, pct, rule });
        }
        let (raw, total) = self.deduction_total(per_kind, trace)?;
        Ok((lines, raw, total))
    }

    /// The percent per occurrence of event `i` and the rule that gives it.
    fn event_rate(&self, i: usize, ev: &AttendanceEvent) -> Result<(Decimal, BiText)> {
        if ev.count == 0 {
            return Err(inst(
                INSTRUMENT,
                &self.at,
                &event_field(i, "count"),
                "a count of 0 records no event; leave the event out".to_string(),
            ));
        }
        if ev.kind.uses_minutes() { self.minutes_rate(i, ev) } else { self.occurrence_rate(i, ev) }
    }

    /// The rate of a minute-measured event: the deduction band its minutes fall in.
    fn minutes_rate(&self, i: usize, ev: &AttendanceEvent) -> Result<(Decimal, BiText)> {
        let (tp, at) = (self.tp, &self.at);
        let m = ev.minutes.ok_or_else(|| Error::Missing {
            at: at.clone(),
            field: event_field(i, "minutes"),
            reason: format!("{} needs minutes", ev.kind.value()),
        })?;
        if crate::num::negative(m) {
            return Err(inst(
                INSTRUMENT,
                at,
                &event_field(i, "minutes"),
                format!("{} minutes is negative", show(m)),
            ));
        }
        match tp.deduction_bands.iter().enumerate().find(|(_, b)| b.event == ev.kind && b.contains(m)) {
            Some((bi, b)) => {
                let band = format!("deduction_bands[{bi}] {}", b.describe());
                Ok((b.deduction_pct, BiText::new(format!("{band} menit"), format!("{band} minutes"))))
            }
            None if tp.uncovered_minutes_free || m.is_zero() => {
                Ok((Decimal::ZERO, BiText::new("tanpa pita potongan", "no band")))
            }
            None => Err(inst(
                INSTRUMENT,
                at,
                &event_field(i, "minutes"),
                format!(
                    "{} minutes of {} fall in no deduction band of {PATH}.deduction_bands",
                    show(m),
                    ev.kind.value()
                ),
            )),
        }
    }

    /// The rate of an event counted in occurrences (days, roll calls): the schedule's
    /// deduction for its kind.
    fn occurrence_rate(&self, i: usize, ev: &AttendanceEvent) -> Result<(Decimal, BiText)> {
        if ev.minutes.is_some() {
            return Err(inst(
                INSTRUMENT,
                &self.at,
                &event_field(i, "minutes"),
                format!("{} is not measured in minutes", ev.kind.value()),
            ));
        }
        let v = self.tp.event_deductions.get(&ev.kind).copied().ok_or_else(|| {
            pol(
                format!("{PATH}.event_deductions.{}", ev.kind.value()),
                format!(
                    "no deduction for {} (event {i} of employee {})",
                    ev.kind.value(),
                    self.input.employee
                ),
            )
        })?;
        Ok((v, BiText::same(format!("event_deductions.{}", ev.kind.value()))))
    }

    /// The explanation of event `i`'s deduction line.
    fn event_step(
        &self,
        i: usize,
        ev: &AttendanceEvent,
        pct_each: Decimal,
        pct: Decimal,
        rule: &BiText,
    ) -> Step {
        let mut step = Step::new(
            format!("attendance[{i}]"),
            BiText::new(
                format!("Potongan: {}", ev.kind.label(Lang::Id)),
                format!("Deduction: {}", ev.kind.label(Lang::En)),
            ),
            BiText::new(
                format!("{} × {}% ({})", ev.count, show(pct_each), in_policy(rule, Lang::Id)),
                format!("{} × {}% ({})", ev.count, show(pct_each), in_policy(rule, Lang::En)),
            ),
            BiText::same(format!("{}%", show(pct))),
            self.cite(if ev.kind.uses_minutes() { "deduction_bands" } else { "event_deductions" }),
        );
        if let Some(m) = ev.minutes {
            step = step.input("menit/minutes", show(m));
        }
        if !ev.note.is_empty() {
            step = step.input("catatan/note", &ev.note);
        }
        step
    }

    /// The summed deduction before the caps, and after the cap per kind and the total cap.
    fn deduction_total(
        &self,
        mut per_kind: BTreeMap<AttendanceEventKind, Decimal>,
        trace: &mut Trace,
    ) -> Result<(Decimal, Decimal)> {
        let (tp, at) = (self.tp, &self.at);
        let raw = sum(per_kind.values().copied(), at)?;
        let mut capped_kinds = Vec::new();
        for (k, v) in per_kind.iter_mut() {
            if let Some(c) = tp.event_caps.get(k) {
                if *v > *c {
                    *v = *c;
                    capped_kinds.push(k.value());
                }
            }
        }
        let after_kind = sum(per_kind.values().copied(), at)?;
        let total = after_kind.min(tp.max_deduction_pct);
        trace.push(
            Step::new(
                "deduction_total",
                BiText::new("Jumlah potongan disiplin", "Total discipline deduction"),
                BiText::new(
                    format!(
                        "Σ = {}%{}; batas total {}%",
                        show(raw),
                        if capped_kinds.is_empty() {
                            String::new()
                        } else {
                            format!("; dibatasi per jenis: {}", capped_kinds.join(", "))
                        },
                        show(tp.max_deduction_pct)
                    ),
                    format!(
                        "Σ = {}%{}; total cap {}%",
                        show(raw),
                        if capped_kinds.is_empty() {
                            String::new()
                        } else {
                            format!("; capped per kind: {}", capped_kinds.join(", "))
                        },
                        show(tp.max_deduction_pct)
                    ),
                ),
                BiText::same(format!("{}%", show(total))),
                self.cite("max_deduction_pct"),
            )
            .unrounded(format!("{}%", show(raw))),
        );
        Ok((raw, total))
    }

    /// The discipline amount: the component less the deduction (never below 0).
    fn discipline(
        &self,
        discipline_max: Decimal,
        deduction_pct: Decimal,
        trace: &mut Trace,
    ) -> Result<Decimal> {
        let at = &self.at;
        let keep = sub(HUNDRED, deduction_pct, at)?.max(Decimal::ZERO);
        let discipline_amount = div(mul(discipline_max, keep, at)?, HUNDRED, at)?;
        trace.push(Step::new(
            "discipline",
            BiText::new("TPP disiplin", "Discipline amount"),
            BiText::same(format!("{} × max(0, 100% − {}%)", show(discipline_max), show(deduction_pct))),
            BiText::same(show(discipline_amount)),
            // the component's share of the basis; the deduction cites its own source in its step
            self.cite("weights"),
        ));
        Ok(discipline_amount)
    }

    /// Both amounts times the share of the employee's status, or 0 when TPP is suspended;
    /// with the share.
    fn payable(
        &self,
        performance: Decimal,
        discipline: Decimal,
        trace: &mut Trace,
    ) -> Result<(Decimal, Decimal)> {
        let (input, at) = (self.input, &self.at);
        let gross = add(performance, discipline, at)?;
        let share_pct = self.tp.status_shares.get(&input.status).copied().unwrap_or(HUNDRED);
        let mut exact = div(mul(gross, share_pct, at)?, HUNDRED, at)?;
        if share_pct != HUNDRED {
            trace.push(Step::new(
                "status_share",
                BiText::new(
                    format!("Bagian status {}", input.status.label(Lang::Id)),
                    format!("Share for status {}", input.status.label(Lang::En)),
                ),
                BiText::same(format!("{} × {}%", show(gross), show(share_pct))),
                BiText::same(show(exact)),
                self.cite("status_shares"),
            ));
        }
        if input.suspended {
            exact = Decimal::ZERO;
            trace.push(Step::new(
                "suspended",
                BiText::new("TPP dihentikan", "TPP suspended"),
                BiText::new(
                    "hukuman disiplin (PP 94/2021): tidak dibayar",
                    "disciplinary punishment (PP 94/2021): not paid",
                ),
                BiText::same("0"),
                Citation::input("PP 94/2021").with_topic("hukuman disiplin", "disciplinary decision"),
            ));
        }
        Ok((share_pct, exact))
    }

    /// The amount paid: the exact amount within `0..=basis`, rounded; as `(exact, amount,
    /// percent of the basis)`.
    fn paid(&self, basis: Decimal, exact: Decimal, trace: &mut Trace) -> Result<(Decimal, Decimal, Decimal)> {
        let rounding = &self.tp.rounding;
        let exact = exact.max(Decimal::ZERO).min(basis);
        let amount = rounding.apply(exact).max(Decimal::ZERO).min(basis);
        let pct_of_basis = if basis.is_zero() {
            Decimal::ZERO
        } else {
            crate::num::ratio_pct(exact, basis, &self.at)?.normalize()
        };
        trace.push(
            Step::new(
                "amount",
                BiText::new("TPP dibayar", "TPP paid"),
                BiText::new(
                    format!(
                        "(kinerja + disiplin) dibulatkan {}; {}% dari besaran",
                        rounding.describe_id(),
                        show(pct_of_basis)
                    ),
                    format!(
                        "(performance + discipline) rounded {}; {}% of the basis",
                        rounding.describe(),
                        show(pct_of_basis)
                    ),
                ),
                BiText::same(amount.to_string()),
                self.cite("rounding"),
            )
            .unrounded(show(exact)),
        );
        Ok((exact, amount, pct_of_basis))
    }
}

/// The input field `f` of attendance event `i`, as an error names it.
fn event_field(i: usize, f: &str) -> String {
    format!("attendance[{i}].{f}")
}

/// A deduction rule as a formula names it: a band or event deduction by its full policy path
/// (`follow_up.tpp.deduction_bands[1] [31, 61) menit`, as citations name policy fields), the
/// absence of a band as worded.
fn in_policy(rule: &BiText, lang: Lang) -> String {
    let text = rule.get(lang);
    if text.starts_with("deduction_bands[") || text.starts_with("event_deductions.") {
        format!("{PATH}.{text}")
    } else {
        text.to_string()
    }
}

/// The TPP of many employee-months; an error names its batch row.
pub fn tpp_many(inputs: &[TppInput], policy: &Policy) -> Result<Vec<TppResult>> {
    let mut seen = std::collections::BTreeSet::new();
    inputs
        .iter()
        .enumerate()
        .map(|(row, i)| {
            if !seen.insert((i.employee.as_str(), i.period)) {
                return Err(Error::Duplicate {
                    at: Location::employee(&i.employee).with_period(i.period).with_row(row as u64),
                    kind: "TPP input".into(),
                    id: format!("{}@{}", i.employee, i.period),
                });
            }
            tpp(i, policy).map_err(|e| e.at_row(row as u64))
        })
        .collect()
}

fn achievement_input(input: &TppInput, at: &Location) -> Result<Decimal> {
    let a = input.achievement.ok_or_else(|| Error::Missing {
        at: at.clone(),
        field: "achievement".into(),
        reason: "the TPP schedule takes the performance factor from achievement".into(),
    })?;
    if crate::num::negative(a) {
        return Err(inst(INSTRUMENT, at, "achievement", format!("{} is negative", show(a))));
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn band(min: Decimal, mi: bool, max: Option<Decimal>, xi: bool, pct: Decimal) -> DeductionBand {
        DeductionBand {
            event: AttendanceEventKind::LateArrival,
            min,
            min_inclusive: mi,
            max,
            max_inclusive: max.map(|_| xi),
            deduction_pct: pct,
        }
    }

    fn base() -> TppPolicy {
        TppPolicy {
            region: "Uji".into(),
            year: 2024,
            basis: BTreeMap::from([("9".to_string(), dec!(1000000))]),
            deduction_bands: vec![
                band(dec!(1), true, Some(dec!(31)), false, dec!(0.5)),
                band(dec!(31), true, Some(dec!(61)), false, dec!(1)),
            ],
            ..Default::default()
        }
    }

    #[test]
    fn validation_errors_are_located() {
        assert!(base().validate("p").is_ok());
        let mut t = base();
        t.deduction_bands.push(band(dec!(60), true, None, false, dec!(2)));
        let e = t.validate("follow_up.tpp").unwrap_err();
        assert!(
            matches!(&e, Error::Policy { path, .. } if path == "follow_up.tpp.deduction_bands[2].min"),
            "{e}"
        );
        let mut t = base();
        t.deduction_bands[1].min_inclusive = false;
        t.deduction_bands[0].max_inclusive = Some(true);
        assert!(t.validate("p").is_ok());
        t.deduction_bands[1].min_inclusive = true;
        assert!(t.validate("p").is_err());
        let mut t = base();
        t.weights.discipline = dec!(30);
        let e = t.validate("follow_up.tpp").unwrap_err();
        assert!(matches!(&e, Error::Policy { path, .. } if path == "follow_up.tpp.weights"), "{e}");
    }
}
