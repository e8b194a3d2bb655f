//! The TPP section (`follow_up.tpp`): a region's allowance schedule for one year (basis,
//! component weights, performance factor, attendance deductions, status shares, rounding).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{check_pct, pol, show};
use crate::error::Result;
use crate::explain::Labelled;
use crate::labelled_enum;
use crate::model::Predicate;
use crate::num::{HUNDRED, Rounding, RoundingMode};

labelled_enum! {
    /// An attendance event that may reduce the discipline component.
    pub enum AttendanceEventKind: "attendance_event" {
        /// Terlambat masuk (minutes).
        LateArrival = ("late_arrival", "Terlambat masuk", "Late arrival", ["terlambat", "tl"]),
        /// Pulang sebelum waktunya (minutes).
        EarlyDeparture = ("early_departure", "Pulang sebelum waktunya", "Early departure", ["pulang cepat", "psw"]),
        /// Tidak masuk kerja tanpa keterangan (days).
        Absence = ("absence", "Tidak masuk tanpa keterangan", "Absence without leave", ["tk", "alpa"]),
        /// Tidak mengikuti apel / upacara.
        MissedRollCall = ("missed_roll_call", "Tidak mengikuti apel/upacara", "Missed roll call or ceremony", ["apel", "upacara"]),
        /// Tidak ada rekaman kehadiran.
        NoRecord = ("no_record", "Tidak ada rekaman kehadiran", "No attendance record", ["tanpa rekaman"]),
    }
}

impl AttendanceEventKind {
    /// Late arrival and early departure are measured in minutes and use deduction bands.
    pub fn uses_minutes(self) -> bool {
        matches!(self, AttendanceEventKind::LateArrival | AttendanceEventKind::EarlyDeparture)
    }
}

labelled_enum! {
    /// Employment status, for special shares.
    pub enum EmployeeStatus: "employee_status" {
        /// Pegawai Negeri Sipil.
        Pns = ("pns", "PNS", "Civil servant"),
        /// Calon PNS (candidate).
        Cpns = ("cpns", "CPNS", "Candidate civil servant"),
        /// Pegawai Pemerintah dengan Perjanjian Kerja.
        Pppk = ("pppk", "PPPK", "Contract government employee"),
    }
}

/// One deduction band for a minute-measured event. Every bound states whether it is
/// inclusive (open question C-15: Tulang Bawang leaves exactly 91 minutes uncovered).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct DeductionBand {
    /// The event (late_arrival or early_departure).
    pub event: AttendanceEventKind,
    /// Lower bound in minutes.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// The lower bound belongs to the band.
    pub min_inclusive: bool,
    /// Upper bound in minutes; `None` = no upper bound.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    #[serde(default)]
    pub max: Option<Decimal>,
    /// The upper bound belongs to the band. Required when `max` is given (C-15: every
    /// boundary states whether it is inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_inclusive: Option<bool>,
    /// Deduction in percent of the discipline component, per occurrence.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub deduction_pct: Decimal,
}

impl DeductionBand {
    /// Whether `m` minutes fall in the band.
    pub(crate) fn contains(&self, m: Decimal) -> bool {
        let lo = if self.min_inclusive { m >= self.min } else { m > self.min };
        let hi = match self.max {
            None => true,
            Some(x) => {
                if self.max_inclusive == Some(true) {
                    m <= x
                } else {
                    m < x
                }
            }
        };
        lo && hi
    }

    /// The band as an interval of minutes, e.g. `[1, 31)`.
    pub(crate) fn describe(&self) -> String {
        let lo = if self.min_inclusive { "[" } else { "(" };
        match self.max {
            None => format!("{lo}{}, ∞)", show(self.min)),
            Some(x) => {
                let hi = if self.max_inclusive == Some(true) { "]" } else { ")" };
                format!("{lo}{}, {}{hi}", show(self.min), show(x))
            }
        }
    }

    /// Strictly below `other` without overlap (both sorted by `min`).
    fn ends_before(&self, other: &DeductionBand) -> bool {
        match self.max {
            None => false,
            Some(x) => {
                x < other.min
                    || (x == other.min && !(self.max_inclusive == Some(true) && other.min_inclusive))
            }
        }
    }
}

/// One achievement band: achievement above (or at) `min` gives `factor` percent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AchievementBand {
    /// Lower bound of achievement in percent.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// The bound belongs to the band.
    pub min_inclusive: bool,
    /// The factor in percent (0–100).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub factor: Decimal,
}

/// How the performance factor is found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "method", rename_all = "snake_case", deny_unknown_fields)]
pub enum PerformanceFactor {
    /// A factor (percent) per predicate (6/2022 era; the table is per Perkada).
    Predicate {
        /// Factor per predicate; every predicate must be present.
        #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<Predicate, String>"))]
        factors: BTreeMap<Predicate, Decimal>,
    },
    /// Bands over the achievement percent, in descending order of `min` (of two bands with
    /// the same `min`, the exclusive one first); below every band 0.
    AchievementBands {
        /// The bands.
        bands: Vec<AchievementBand>,
    },
    /// The achievement percent itself, capped at 100 (DKI / Balangan style "nilai kinerja").
    AchievementLinear,
}

/// Split of the basis between the components, in percent; must sum to 100.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct TppWeights {
    /// Performance (produktivitas / kinerja) share.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub performance: Decimal,
    /// Discipline (disiplin / kehadiran) share.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub discipline: Decimal,
}

/// A region's TPP rules for one year. Legal status of every field: local choice (Perkada).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TppPolicy {
    /// Region, e.g. "Kota Kupang". Required.
    pub region: String,
    /// The year the schedule applies to. Required (1900–2999).
    pub year: u16,
    /// The Perkada cited in explanations, e.g. "Perwali Kupang No. X/2024".
    pub regulation: String,
    /// TPP basis (besaran TPP) per job class (kelas jabatan) in Rupiah.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, String>"))]
    pub basis: BTreeMap<String, Decimal>,
    /// Component weights. Default 60 performance / 40 discipline (recalled national guidance,
    /// unconfirmed, C-14).
    pub weights: TppWeights,
    /// Performance factor method. Default a predicate table SB 100, B 100, BP 75, K 50, SK 25
    /// (an example; the table is per Perkada, unconfirmed).
    pub performance_factor: PerformanceFactor,
    /// Deduction bands for minute events. Default empty.
    pub deduction_bands: Vec<DeductionBand>,
    /// Deduction per occurrence (percent of the discipline component) for events without
    /// minutes (absence per day, missed roll call, no record). Default empty.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<AttendanceEventKind, String>"))]
    pub event_deductions: BTreeMap<AttendanceEventKind, Decimal>,
    /// Cap per event kind on the summed deduction (percent). Default none.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<AttendanceEventKind, String>"))]
    pub event_caps: BTreeMap<AttendanceEventKind, Decimal>,
    /// Cap on the total deduction (percent of the discipline component). Default 100.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub max_deduction_pct: Decimal,
    /// A minute event outside every band deducts nothing (true) or is an error (false).
    /// Default false.
    pub uncovered_minutes_free: bool,
    /// Share of the TPP paid per status (percent), e.g. CPNS 80. Missing statuses get 100.
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<EmployeeStatus, String>"))]
    pub status_shares: BTreeMap<EmployeeStatus, Decimal>,
    /// Rounding of the amount. Default whole Rupiah, half-up.
    pub rounding: Rounding,
}

impl Default for TppPolicy {
    fn default() -> Self {
        use Predicate as P;
        TppPolicy {
            region: String::new(),
            year: 0,
            regulation: String::new(),
            basis: BTreeMap::new(),
            weights: TppWeights { performance: Decimal::from(60), discipline: Decimal::from(40) },
            performance_factor: PerformanceFactor::Predicate {
                factors: BTreeMap::from([
                    (P::VeryGood, Decimal::from(100)),
                    (P::Good, Decimal::from(100)),
                    (P::NeedsImprovement, Decimal::from(75)),
                    (P::PoorMisconduct, Decimal::from(50)),
                    (P::VeryPoor, Decimal::from(25)),
                ]),
            },
            deduction_bands: Vec::new(),
            event_deductions: BTreeMap::new(),
            event_caps: BTreeMap::new(),
            max_deduction_pct: HUNDRED,
            uncovered_minutes_free: false,
            status_shares: BTreeMap::new(),
            rounding: Rounding { scale: 0, mode: RoundingMode::HalfUp },
        }
    }
}

impl TppPolicy {
    /// Checks the schedule: weights sum to 100, bands well-formed and not overlapping,
    /// percentages within 0–100, basis amounts non-negative and whole at the rounding scale.
    pub fn validate(&self, path: &str) -> Result<()> {
        if self.region.trim().is_empty() {
            return Err(pol(format!("{path}.region"), "must name the region"));
        }
        if !(crate::period::MIN_YEAR..=crate::period::MAX_YEAR).contains(&self.year) {
            return Err(pol(format!("{path}.year"), format!("year {} is out of range", self.year)));
        }
        if self.basis.is_empty() {
            return Err(pol(format!("{path}.basis"), "no job class has a TPP basis"));
        }
        self.rounding.validate(&format!("{path}.rounding"))?;
        for (k, v) in &self.basis {
            let p = format!("{path}.basis.{k}");
            if crate::num::negative(*v) {
                return Err(pol(p, format!("{} is negative", show(*v))));
            }
            if self.rounding.apply(*v) != *v {
                return Err(pol(
                    p,
                    format!("{} has more decimals than the rounding scale {}", show(*v), self.rounding.scale),
                ));
            }
        }
        check_pct(self.weights.performance, HUNDRED, &format!("{path}.weights.performance"))?;
        check_pct(self.weights.discipline, HUNDRED, &format!("{path}.weights.discipline"))?;
        let total = self.weights.performance.checked_add(self.weights.discipline).unwrap_or(Decimal::MAX);
        if total != HUNDRED {
            return Err(pol(
                format!("{path}.weights"),
                format!(
                    "performance {} + discipline {} = {}, must be 100",
                    show(self.weights.performance),
                    show(self.weights.discipline),
                    show(total)
                ),
            ));
        }
        match &self.performance_factor {
            PerformanceFactor::Predicate { factors } => {
                for p in Predicate::ALL {
                    let fp = format!("{path}.performance_factor.factors.{}", p.value());
                    match factors.get(p) {
                        None => return Err(pol(fp, "missing")),
                        Some(v) => check_pct(*v, HUNDRED, &fp)?,
                    }
                }
            }
            PerformanceFactor::AchievementBands { bands } => {
                if bands.is_empty() {
                    return Err(pol(format!("{path}.performance_factor.bands"), "no bands"));
                }
                for (i, b) in bands.iter().enumerate() {
                    check_pct(b.factor, HUNDRED, &format!("{path}.performance_factor.bands[{i}].factor"))?;
                    if let Some(prev) = i.checked_sub(1).and_then(|j| bands.get(j)) {
                        // For one `min`, `> min` is the higher threshold: it comes first, else
                        // the second band could never be reached.
                        if b.min > prev.min || (b.min == prev.min && (!b.min_inclusive || prev.min_inclusive))
                        {
                            let reason = if b.min == prev.min {
                                format!(
                                    "two bands start at {0}: the one above it (> {0}, `min_inclusive = false`) \
                                     comes first, then the one from it (≥ {0}), else one is never reached",
                                    show(b.min)
                                )
                            } else {
                                format!(
                                    "bands must be in descending order ({} after {})",
                                    show(b.min),
                                    show(prev.min)
                                )
                            };
                            return Err(pol(format!("{path}.performance_factor.bands[{i}].min"), reason));
                        }
                    }
                }
            }
            PerformanceFactor::AchievementLinear => {}
        }
        for (i, b) in self.deduction_bands.iter().enumerate() {
            let bp = format!("{path}.deduction_bands[{i}]");
            if !b.event.uses_minutes() {
                return Err(pol(
                    format!("{bp}.event"),
                    format!("{} is not measured in minutes; use event_deductions", b.event.value()),
                ));
            }
            if crate::num::negative(b.min) {
                return Err(pol(format!("{bp}.min"), format!("{} is negative", show(b.min))));
            }
            if let Some(x) = b.max {
                let Some(xi) = b.max_inclusive else {
                    return Err(pol(
                        format!("{bp}.max_inclusive"),
                        "state whether the upper bound is inclusive (true) or exclusive (false)",
                    ));
                };
                if x < b.min || (x == b.min && !(b.min_inclusive && xi)) {
                    return Err(pol(
                        format!("{bp}.max"),
                        format!("{} leaves the band empty (min {})", show(x), show(b.min)),
                    ));
                }
            }
            check_pct(b.deduction_pct, HUNDRED, &format!("{bp}.deduction_pct"))?;
        }
        for ev in AttendanceEventKind::ALL.iter().filter(|e| e.uses_minutes()) {
            let mut idx: Vec<usize> = (0..self.deduction_bands.len())
                .filter(|i| self.deduction_bands.get(*i).is_some_and(|b| b.event == *ev))
                .collect();
            idx.sort_by(|a, b| {
                let ka = self.deduction_bands.get(*a).map(|x| (x.min, !x.min_inclusive));
                let kb = self.deduction_bands.get(*b).map(|x| (x.min, !x.min_inclusive));
                ka.cmp(&kb)
            });
            for w in idx.windows(2) {
                if let (Some(a), Some(b)) = (w.first(), w.get(1)) {
                    if let (Some(ba), Some(bb)) = (self.deduction_bands.get(*a), self.deduction_bands.get(*b))
                    {
                        if !ba.ends_before(bb) {
                            return Err(pol(
                                format!("{path}.deduction_bands[{b}].min"),
                                format!(
                                    "band {} overlaps deduction_bands[{a}] {} for {}",
                                    bb.describe(),
                                    ba.describe(),
                                    ev.value()
                                ),
                            ));
                        }
                    }
                }
            }
        }
        for (k, v) in &self.event_deductions {
            let p = format!("{path}.event_deductions.{}", k.value());
            if k.uses_minutes() {
                return Err(pol(p, "minute events use deduction_bands"));
            }
            check_pct(*v, HUNDRED, &p)?;
        }
        for (k, v) in &self.event_caps {
            check_pct(*v, HUNDRED, &format!("{path}.event_caps.{}", k.value()))?;
        }
        check_pct(self.max_deduction_pct, HUNDRED, &format!("{path}.max_deduction_pct"))?;
        for (k, v) in &self.status_shares {
            check_pct(*v, HUNDRED, &format!("{path}.status_shares.{}", k.value()))?;
        }
        Ok(())
    }
}
