//! Angka kredit (credit points) of functional posts from the performance predicate
//! (PermenPANRB 1/2023, PerBKN 3/2023, PerBKN 11/2022 Pasal 30).
//!
//! `AK = m/12 × pct(predicate) × koef(grade)`, rounded by policy (default half-up to 2
//! places), capped at 150 % of the annual coefficient, and accumulated from a starting amount.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::{inst, pol, show};
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::{FunctionalGrade, Predicate};
use crate::num::{HUNDRED, add, div, mul, sub};
use crate::period::Period;
use crate::rules::Policy;

const INSTRUMENT: &str = "credit_points";
/// A cited part of a regulation: (reference, topic in Bahasa Indonesia, topic in English).
type Law = (&'static str, &'static str, &'static str);

const LAW_PCT: Law = (
    "PermenPANRB 1/2023 Lampiran; PerBKN 3/2023",
    "persentase angka kredit per predikat",
    "credit point percentage per predicate",
);
const LAW_KOEF: Law = (
    "PermenPANRB 1/2023 Lampiran; PerBKN 3/2023",
    "koefisien angka kredit tahunan per jenjang",
    "annual credit point coefficient per grade",
);
const LAW_CAP: Law = (
    "PerBKN 11/2022 Pasal 30 ayat (2), (5)",
    "paling banyak 150% dari target angka kredit minimal",
    "at most 150% of the minimum credit point target",
);
const LAW_PEAK: Law = (
    "PerBKN 3/2023, hlm. 25",
    "dikalikan 3 karena merupakan pangkat puncak (contoh)",
    "multiplied by 3 at the top rank (example)",
);
const LAW_AKK: Law = (
    "PermenPANRB 1/2023 Lampiran",
    "angka kredit kumulatif kenaikan pangkat",
    "cumulative credit points for a rank promotion",
);
const LAW_AK: Law = (
    "PermenPANRB 1/2023; PerBKN 3/2023",
    "AK = m/12 × persentase × koefisien",
    "AK = m/12 × percentage × coefficient",
);

fn law((reference, id, en): Law) -> Citation {
    Citation::law_on(reference, id, en)
}

pub use crate::rules::follow_up::credit_points::{CreditPointsPolicy, CreditRoundingPoint, GradeRequirement};

const PATH: &str = "follow_up.credit_points";

fn cite(policy: &Policy, default: bool, cited: Law, field: &str) -> Citation {
    if default { law(cited) } else { Citation::policy(&policy.id, &format!("{PATH}.{field}")) }
}

/// The credit points of one conversion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditPoints {
    /// The predicate converted.
    pub predicate: Predicate,
    /// The functional grade.
    pub grade: FunctionalGrade,
    /// Months covered (12 = annual).
    pub months: u8,
    /// Percentage for the predicate.
    pub percentage: Decimal,
    /// Annual coefficient of the grade.
    pub coefficient: Decimal,
    /// Exact value `m/12 × pct/100 × koef` (times the multiplier for a rank peak).
    pub exact: Decimal,
    /// The value after the policy rounding.
    pub value: Decimal,
    /// How it was reached.
    pub trace: Trace,
}

/// Credit points for `months` (1–12) of work at `grade` with `predicate`.
///
/// ```
/// use kinerja_core::followup::credit_points;
/// use kinerja_core::model::{FunctionalGrade, Predicate};
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// let p = Policy::default();
/// let ak = credit_points(Predicate::VeryGood, FunctionalGrade::FirstExpert, 12, &p).unwrap();
/// assert_eq!(ak.value, dec!(18.75)); // TV-03
/// let pemula = credit_points(Predicate::VeryGood, FunctionalGrade::Beginner, 12, &p).unwrap();
/// assert_eq!((pemula.exact, pemula.value), (dec!(5.625), dec!(5.63))); // TV-07
/// ```
pub fn credit_points(
    predicate: Predicate,
    grade: FunctionalGrade,
    months: u8,
    policy: &Policy,
) -> Result<CreditPoints> {
    convert(predicate, grade, months, policy, &Location::default())
}

fn convert(
    predicate: Predicate,
    grade: FunctionalGrade,
    months: u8,
    policy: &Policy,
    at: &Location,
) -> Result<CreditPoints> {
    if !(1..=12).contains(&months) {
        return Err(inst(INSTRUMENT, at, "months", format!("{months} months is outside 1–12")));
    }
    let cp = &policy.follow_up.credit_points;
    let def = CreditPointsPolicy::default();
    let pct = cp.pct(predicate, PATH)?;
    let koef = cp.koef(grade, PATH)?;
    let m = Decimal::from(months);
    let annual = div(mul(pct, koef, at)?, HUNDRED, at)?;
    let exact = div(mul(annual, m, at)?, Decimal::from(12), at)?.normalize();
    let value = cp.rounding.apply(exact);
    let mut trace = Trace::new(BiText::new(
        format!(
            "Angka kredit {} {}, predikat {}",
            grade.label(Lang::Id),
            months_id(months),
            predicate.label(Lang::Id)
        ),
        format!(
            "Credit points {} {}, predicate {}",
            grade.label(Lang::En),
            months_en(months),
            predicate.label(Lang::En)
        ),
    ));
    trace.push(
        Step::new(
            "percentage",
            BiText::new("Persentase predikat", "Predicate percentage"),
            BiText::new("tabel persentase per predikat", "table of percentage per predicate"),
            BiText::same(format!("{}%", show(pct))),
            cite(policy, def.percentages == cp.percentages, LAW_PCT, "percentages"),
        )
        .input("predikat", predicate.value()),
    );
    trace.push(
        Step::new(
            "coefficient",
            BiText::new("Koefisien jenjang", "Grade coefficient"),
            BiText::new("koefisien tahunan per jenjang", "annual coefficient per grade"),
            BiText::same(show(koef)),
            cite(policy, def.coefficients == cp.coefficients, LAW_KOEF, "coefficients"),
        )
        .input("jenjang", grade.value()),
    );
    trace.push(
        Step::new(
            "credit_points",
            BiText::new("Angka kredit", "Credit points"),
            BiText::new(
                format!("{months}/12 × {}% × {} = {}", show(pct), show(koef), show(exact)),
                format!("{months}/12 × {}% × {} = {}", show(pct), show(koef), show(exact)),
            ),
            BiText::same(value.to_string()),
            law(LAW_AK),
        )
        .input("m", months)
        .unrounded(show(exact)),
    );
    trace.push(Step::new(
        "rounding",
        BiText::new("Pembulatan", "Rounding"),
        BiText::new(
            format!("dibulatkan {}", cp.rounding.describe_id()),
            format!("rounded {}", cp.rounding.describe()),
        ),
        BiText::same(value.to_string()),
        Citation::unconfirmed(format!("{PATH}.rounding")).with_topic(
            "aturan pembulatan resmi belum ditemukan (C-6)",
            "no official rounding rule found (C-6)",
        ),
    ));
    Ok(CreditPoints { predicate, grade, months, percentage: pct, coefficient: koef, exact, value, trace })
}

fn months_id(m: u8) -> String {
    if m == 12 { "tahunan".into() } else { format!("{m} bulan") }
}
fn months_en(m: u8) -> String {
    if m == 12 { "annual".into() } else { format!("{m} months") }
}

/// The annual cap for `grade`: `annual_cap_pct % × koef` (TV-05: Ahli Muda → 37.5).
pub fn annual_cap(grade: FunctionalGrade, policy: &Policy) -> Result<Decimal> {
    let cp = &policy.follow_up.credit_points;
    let at = Location::default();
    Ok(div(mul(cp.annual_cap_pct, cp.koef(grade, PATH)?, &at)?, HUNDRED, &at)?.normalize())
}

/// Credit points on appointment at the top rank of a grade (pangkat puncak): the annual
/// conversion times the policy multiplier (TV-06: Ahli Muda, Baik → 25 × 3 = 75). A special
/// case for inpassing or appointment; never part of routine conversion.
pub fn rank_peak_credit_points(
    predicate: Predicate,
    grade: FunctionalGrade,
    policy: &Policy,
) -> Result<CreditPoints> {
    let at = Location::default();
    let mut cp = convert(predicate, grade, 12, policy, &at)?;
    let pol_cp = &policy.follow_up.credit_points;
    let mult = pol_cp.rank_peak_multiplier;
    let exact = mul(cp.exact, mult, &at)?.normalize();
    let value = pol_cp.rounding.apply(exact);
    cp.trace.push(
        Step::new(
            "rank_peak",
            BiText::new("Pangkat puncak", "Top rank of the grade"),
            BiText::new(
                format!("{} × {} (kasus khusus pengangkatan pada pangkat puncak)", cp.value, show(mult)),
                format!("{} × {} (special case: appointment at the top rank)", cp.value, show(mult)),
            ),
            BiText::same(value.to_string()),
            cite(policy, mult == Decimal::from(3), LAW_PEAK, "rank_peak_multiplier"),
        )
        .unrounded(show(exact)),
    );
    cp.exact = exact;
    cp.value = value;
    Ok(cp)
}

/// One evaluation to convert: a period (annual or shorter) with its predicate and grade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CreditEntry {
    /// The period evaluated; its number of months is `m`.
    pub period: Period,
    /// The predicate for the period.
    pub predicate: Predicate,
    /// The grade held in the period.
    pub grade: FunctionalGrade,
    /// The months `[first, last]` (1–12) of the period's year the line covers, when they are
    /// not the whole period, e.g. `[1, 2]` for two months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<(u8, u8)>,
}

impl CreditEntry {
    /// The entry for an evaluation (its period and predicate) at `grade`.
    pub fn from_evaluation(ev: &crate::evaluation::Evaluation, grade: FunctionalGrade) -> Self {
        CreditEntry { period: ev.period, predicate: ev.predicate, grade, months: None }
    }

    /// The months `(first, last)` the line covers, checked to lie within its period.
    pub fn span(&self, at: &Location) -> Result<(u8, u8)> {
        let (a, b) = self.months.unwrap_or((self.period.first_month(), self.period.last_month()));
        if a == 0 || a > b || b > 12 || a < self.period.first_month() || b > self.period.last_month() {
            return Err(inst(
                INSTRUMENT,
                at,
                "months",
                format!(
                    "months [{a}, {b}] must satisfy 1 ≤ first ≤ last ≤ 12 and lie within {}",
                    self.period
                ),
            ));
        }
        Ok((a, b))
    }
}

/// First performance year whose predicate converts to credit points (PermenPANRB 1/2023).
pub const FIRST_PREDICATE_YEAR: u16 = 2023;

/// One line of a ledger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LedgerLine {
    /// The period.
    pub period: Period,
    /// The predicate.
    pub predicate: Predicate,
    /// The grade.
    pub grade: FunctionalGrade,
    /// The months `(first, last)` covered.
    pub months: (u8, u8),
    /// The conversion (rounded when the policy rounds per line, else exact).
    pub earned: Decimal,
    /// The amount credited after the annual cap.
    pub credited: Decimal,
    /// True when the cap reduced this line.
    pub capped: bool,
    /// The cumulative total after this line (starting amount included).
    pub cumulative: Decimal,
}

/// Credit points accumulated over periods from a starting amount.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CreditLedger {
    /// Employee id.
    pub employee: String,
    /// Starting amount (inpassing, conversion of pre-2023 AK).
    pub starting: Decimal,
    /// Lines in period order.
    pub lines: Vec<LedgerLine>,
    /// Credited total per year.
    pub year_totals: BTreeMap<u16, Decimal>,
    /// Final cumulative total.
    pub total: Decimal,
    /// How it was reached.
    pub trace: Trace,
}

/// Accumulates credit points of `entries` (any order; they may not overlap) from `starting`,
/// applying the annual cap per year and rounding at the policy's rounding point
/// (`rounding_point`, default once per year).
///
/// A line covers its period or the months it names (`months`), converted as
/// `m/12 × pct × koef`. Lines before 2023 are refused: credit points from the predicate began
/// with PermenPANRB 1/2023, and earlier credit enters as the `starting` amount.
///
/// The cap of a year is `annual_cap_pct %` of the largest coefficient among the grades held
/// that year (a convention: the law states the cap for one grade; unconfirmed).
///
/// ```
/// use kinerja_core::followup::{credit_ledger, CreditEntry};
/// use kinerja_core::model::{FunctionalGrade, Predicate};
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// // 48 monthly Baik lines at Ahli Pertama: 4 × 12.5 = 50 exactly (rounded once per year).
/// let lines: Vec<CreditEntry> = (2023..2027).flat_map(|y| (1..=12).map(move |m| CreditEntry {
///     period: format!("{y}-{m:02}").parse().unwrap(), predicate: Predicate::Good,
///     grade: FunctionalGrade::FirstExpert, months: None })).collect();
/// let l = credit_ledger("e1", dec!(0), &lines, &Policy::default()).unwrap();
/// assert_eq!(l.total, dec!(50));
/// ```
pub fn credit_ledger(
    employee: &str,
    starting: Decimal,
    entries: &[CreditEntry],
    policy: &Policy,
) -> Result<CreditLedger> {
    let at = Location::employee(employee);
    if crate::num::negative(starting) {
        return Err(inst(
            INSTRUMENT,
            &at,
            "starting",
            format!("starting amount {} is negative", show(starting)),
        ));
    }
    let mut sorted: Vec<(&CreditEntry, (u8, u8))> = Vec::with_capacity(entries.len());
    for e in entries {
        let eat = at.clone().with_period(e.period);
        if e.period.year() < FIRST_PREDICATE_YEAR {
            return Err(inst(
                INSTRUMENT,
                &eat,
                "period",
                format!(
                    "credit points from the performance predicate began with PermenPANRB 1/2023 (performance year {FIRST_PREDICATE_YEAR}); credit earned in {} enters the ledger as the `starting` amount (inpassing or conversion of earlier credit points)",
                    e.period
                ),
            ));
        }
        sorted.push((e, e.span(&eat)?));
    }
    sorted.sort_by_key(|(e, s)| (e.period.year(), *s));
    for w in sorted.windows(2) {
        if let [(a, sa), (b, sb)] = w {
            if a.period.year() == b.period.year() && sb.0 <= sa.1 {
                return Err(Error::Duplicate {
                    at: at.clone().with_period(b.period),
                    kind: "credit-point period (overlaps another entry)".into(),
                    id: format!("{} [{}–{}] / {} [{}–{}]", a.period, sa.0, sa.1, b.period, sb.0, sb.1),
                });
            }
        }
    }
    let cp = &policy.follow_up.credit_points;
    let mut year_caps: BTreeMap<u16, Decimal> = BTreeMap::new();
    for (e, _) in &sorted {
        let c = annual_cap(e.grade, policy)?;
        let slot = year_caps.entry(e.period.year()).or_insert(c);
        if c > *slot {
            *slot = c;
        }
    }
    let mut trace = Trace::new(BiText::new(
        format!("Akumulasi angka kredit pegawai {employee}"),
        format!("Credit-point accumulation of employee {employee}"),
    ));
    trace.push(Step::new(
        "starting",
        BiText::new("Angka kredit awal", "Starting credit points"),
        BiText::new("masukan (inpassing / konversi AK lama)", "input (inpassing / conversion of earlier AK)"),
        BiText::same(show(starting)),
        Citation::input("BKN").with_topic("instansi", "agency"),
    ));
    let per_line = cp.rounding_point == CreditRoundingPoint::PerLine;
    let mut lines = Vec::with_capacity(sorted.len());
    let mut year_totals: BTreeMap<u16, Decimal> = BTreeMap::new();
    let mut closed = starting; // starting + the totals of the years already closed
    let mut cumulative = starting;
    for (i, (e, (first, last))) in sorted.iter().enumerate() {
        let eat = at.clone().with_period(e.period);
        let m = last - first + 1;
        let conv = convert(e.predicate, e.grade, m, policy, &eat)?;
        let earned = if per_line { conv.value } else { conv.exact };
        let year = e.period.year();
        let so_far = year_totals.get(&year).copied().unwrap_or(Decimal::ZERO);
        let cap = year_caps.get(&year).copied().unwrap_or(Decimal::ZERO);
        let (credited, capped) = if cp.cap_periodic_sum {
            let room = sub(cap, so_far, &eat)?.max(Decimal::ZERO);
            if earned > room { (room, true) } else { (earned, false) }
        } else {
            (earned, false)
        };
        let year_sum = add(so_far, credited, &eat)?;
        year_totals.insert(year, year_sum);
        cumulative = add(closed, year_sum, &eat)?;
        trace.push(ledger_step(e, (*first, *last), &conv, earned, credited, capped, cap, cumulative));
        lines.push(LedgerLine {
            period: e.period,
            predicate: e.predicate,
            grade: e.grade,
            months: (*first, *last),
            earned,
            credited,
            capped,
            cumulative,
        });
        let year_ends = sorted.get(i + 1).is_none_or(|(n, _)| n.period.year() != year);
        if year_ends {
            let total = if cp.rounding_point == CreditRoundingPoint::PerYear {
                let r = cp.rounding.apply(year_sum);
                trace.push(
                    Step::new(
                        format!("{year}"),
                        BiText::new(format!("Jumlah tahun {year}"), format!("Total of {year}")),
                        BiText::new(
                            format!("Σ tepat {} dibulatkan sekali per tahun", show(year_sum)),
                            format!("exact Σ {} rounded once per year", show(year_sum)),
                        ),
                        BiText::same(show(r)),
                        Citation::unconfirmed(format!("{PATH}.rounding_point = per_year")).with_topic(
                            "aturan pembulatan resmi belum ditemukan",
                            "no official rounding rule found",
                        ),
                    )
                    .unrounded(show(year_sum)),
                );
                r
            } else {
                year_sum
            };
            year_totals.insert(year, total);
            closed = add(closed, total, &eat)?;
            cumulative = closed;
            if let Some(l) = lines.last_mut() {
                l.cumulative = closed;
            }
        }
    }
    let total = if cp.rounding_point == CreditRoundingPoint::Total {
        cp.rounding.apply(cumulative)
    } else {
        cumulative
    };
    trace.push(
        Step::new(
            "total",
            BiText::new("Angka kredit kumulatif", "Cumulative credit points"),
            BiText::new("AK awal + Σ AK yang diakui", "starting AK + Σ credited AK"),
            BiText::same(show(total)),
            Citation::law_on("PermenPANRB 1/2023", "angka kredit kumulatif", "cumulative credit points"),
        )
        .unrounded(show(cumulative)),
    );
    Ok(CreditLedger { employee: employee.into(), starting, lines, year_totals, total, trace })
}

#[allow(clippy::too_many_arguments)]
fn ledger_step(
    e: &CreditEntry,
    (first, last): (u8, u8),
    conv: &CreditPoints,
    earned: Decimal,
    credited: Decimal,
    capped: bool,
    cap: Decimal,
    cumulative: Decimal,
) -> Step {
    let m = last - first + 1;
    let span = if (first, last) == (e.period.first_month(), e.period.last_month()) {
        e.period.to_string()
    } else {
        format!("{} [{first:02}–{last:02}]", e.period.year())
    };
    let cap_id = if capped {
        format!(", dibatasi plafon tahunan {} menjadi {}", show(cap), show(credited))
    } else {
        String::new()
    };
    let cap_en = if capped {
        format!(", limited by the annual cap {} to {}", show(cap), show(credited))
    } else {
        String::new()
    };
    let mut step = Step::new(
        span.clone(),
        BiText::new(format!("Periode {span}"), format!("Period {span}")),
        BiText::new(
            format!(
                "{m}/12 × {}% × {} = {} → {}{cap_id}; kumulatif {}",
                show(conv.percentage),
                show(conv.coefficient),
                show(conv.exact),
                show(earned),
                show(cumulative)
            ),
            format!(
                "{m}/12 × {}% × {} = {} → {}{cap_en}; cumulative {}",
                show(conv.percentage),
                show(conv.coefficient),
                show(conv.exact),
                show(earned),
                show(cumulative)
            ),
        ),
        BiText::same(show(credited)),
        if capped {
            Citation::unconfirmed(format!("{}; {PATH}.cap_periodic_sum", LAW_CAP.0))
                .with_topic(LAW_CAP.1, LAW_CAP.2)
        } else {
            law(LAW_PCT)
        },
    )
    .input("predikat", e.predicate.value())
    .input("jenjang", e.grade.value());
    if capped {
        step = step.unrounded(show(earned));
    }
    step
}

/// Readiness for promotion against the cumulative requirements.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Readiness {
    /// The grade held.
    pub grade: FunctionalGrade,
    /// The cumulative credit points.
    pub cumulative: Decimal,
    /// Required for a rank promotion.
    pub rank_required: Decimal,
    /// Missing for a rank promotion (0 when met).
    pub rank_shortfall: Decimal,
    /// Credit points and predicate allow a rank promotion.
    pub rank_ready: bool,
    /// Required for a grade promotion (`None` at a top grade).
    pub grade_required: Option<Decimal>,
    /// Missing for a grade promotion.
    pub grade_shortfall: Option<Decimal>,
    /// Credit points and predicate allow a grade promotion (`None` at a top grade).
    pub grade_ready: Option<bool>,
    /// The grade-promotion requirement is from a secondary source only.
    pub grade_requirement_unconfirmed: bool,
    /// The predicate condition (minimum Baik) is met; `None` when no predicate is given.
    pub predicate_ok: Option<bool>,
    /// How it was reached.
    pub trace: Trace,
}

/// Checks `cumulative` credit points (and the latest predicate, if given) against the
/// requirements of `grade`.
pub fn promotion_readiness(
    grade: FunctionalGrade,
    cumulative: Decimal,
    latest_predicate: Option<Predicate>,
    policy: &Policy,
) -> Result<Readiness> {
    let at = Location::default();
    let cp = &policy.follow_up.credit_points;
    if crate::num::negative(cumulative) {
        return Err(inst(INSTRUMENT, &at, "cumulative", format!("{} is negative", show(cumulative))));
    }
    let req = cp
        .requirements
        .get(&grade)
        .ok_or_else(|| pol(format!("{PATH}.requirements.{}", grade.value()), "missing"))?;
    let predicate_ok = latest_predicate.map(|p| p >= cp.min_predicate_for_promotion);
    let pred_gate = predicate_ok.unwrap_or(true);
    let rank_shortfall = sub(req.rank, cumulative, &at)?.max(Decimal::ZERO);
    let rank_ready = rank_shortfall.is_zero() && pred_gate;
    let grade_shortfall = match req.grade {
        Some(g) => Some(sub(g, cumulative, &at)?.max(Decimal::ZERO)),
        None => None,
    };
    let grade_ready = grade_shortfall.map(|s| s.is_zero() && pred_gate);
    let mut trace = Trace::new(BiText::new(
        format!("Kesiapan kenaikan, jenjang {}", grade.label(Lang::Id)),
        format!("Promotion readiness, grade {}", grade.label(Lang::En)),
    ));
    trace.push(
        Step::new(
            "rank",
            BiText::new("Kenaikan pangkat", "Rank promotion"),
            BiText::new(
                format!(
                    "AK kumulatif {} ≥ {}? kurang {}",
                    show(cumulative),
                    show(req.rank),
                    show(rank_shortfall)
                ),
                format!(
                    "cumulative AK {} ≥ {}? short by {}",
                    show(cumulative),
                    show(req.rank),
                    show(rank_shortfall)
                ),
            ),
            BiText::new(
                if rank_ready { "siap" } else { "belum siap" },
                if rank_ready { "ready" } else { "not ready" },
            ),
            law(LAW_AKK),
        )
        .input("AK kumulatif", show(cumulative)),
    );
    if let (Some(g), Some(s), Some(r)) = (req.grade, grade_shortfall, grade_ready) {
        let c = if req.grade_confirmed {
            Citation::policy(&policy.id, &format!("{PATH}.requirements.{}.grade", grade.value()))
        } else {
            Citation::unconfirmed("PermenPANRB 1/2023").with_topic(
                "AK kumulatif kenaikan jenjang: sumber sekunder saja (S-AK8, C-6)",
                "cumulative credit points for a grade promotion: secondary sources only (S-AK8, C-6)",
            )
        };
        trace.push(Step::new(
            "grade",
            BiText::new("Kenaikan jenjang", "Grade promotion"),
            BiText::new(
                format!("AK kumulatif {} ≥ {}? kurang {}", show(cumulative), show(g), show(s)),
                format!("cumulative AK {} ≥ {}? short by {}", show(cumulative), show(g), show(s)),
            ),
            BiText::new(if r { "siap" } else { "belum siap" }, if r { "ready" } else { "not ready" }),
            c,
        ));
    } else {
        trace.push(Step::new(
            "grade",
            BiText::new("Kenaikan jenjang", "Grade promotion"),
            BiText::new("jenjang tertinggi pada kategorinya", "top grade of its category"),
            BiText::new("tidak berlaku", "not applicable"),
            law(LAW_AKK),
        ));
    }
    if let (Some(p), Some(ok)) = (latest_predicate, predicate_ok) {
        trace.push(Step::new(
            "predicate",
            BiText::new("Syarat predikat", "Predicate condition"),
            BiText::new(
                format!("{} ≥ {}?", p.label(Lang::Id), cp.min_predicate_for_promotion.label(Lang::Id)),
                format!("{} ≥ {}?", p.label(Lang::En), cp.min_predicate_for_promotion.label(Lang::En)),
            ),
            BiText::new(if ok { "terpenuhi" } else { "tidak terpenuhi" }, if ok { "met" } else { "not met" }),
            Citation::law("PerBKN 3/2023"),
        ));
    }
    Ok(Readiness {
        grade,
        cumulative,
        rank_required: req.rank,
        rank_shortfall,
        rank_ready,
        grade_required: req.grade,
        grade_shortfall,
        grade_ready,
        grade_requirement_unconfirmed: req.grade.is_some() && !req.grade_confirmed,
        predicate_ok,
        trace,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn table_values() {
        let p = Policy::default();
        let v = |pr, g| credit_points(pr, g, 12, &p).unwrap().value;
        assert_eq!(v(Predicate::VeryGood, FunctionalGrade::FirstExpert), dec!(18.75));
        assert_eq!(v(Predicate::VeryGood, FunctionalGrade::Beginner), dec!(5.63));
        assert_eq!(v(Predicate::NeedsImprovement, FunctionalGrade::MiddleExpert), dec!(28.13));
        assert_eq!(v(Predicate::VeryPoor, FunctionalGrade::Proficient), dec!(3.13));
        assert_eq!(annual_cap(FunctionalGrade::JuniorExpert, &p).unwrap(), dec!(37.5));
        assert_eq!(
            rank_peak_credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, &p).unwrap().value,
            dec!(75)
        );
        let q = credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 3, &p).unwrap();
        assert_eq!(q.value, dec!(6.25));
        assert!(credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 0, &p).is_err());
        assert!(credit_points(Predicate::Good, FunctionalGrade::JuniorExpert, 13, &p).is_err());
    }

    #[test]
    fn monthly_rounding_is_capped() {
        let mut p = Policy::default();
        p.follow_up.credit_points.rounding_point = CreditRoundingPoint::PerLine;
        let entries: Vec<CreditEntry> = (1..=12)
            .map(|m| CreditEntry {
                period: Period::month(2024, m).unwrap(),
                predicate: Predicate::VeryGood,
                grade: FunctionalGrade::Beginner,
                months: None,
            })
            .collect();
        // 5.625 / 12 = 0.46875 → 0.47; 12 × 0.47 = 5.64 > cap 5.625.
        let l = credit_ledger("x", dec!(10), &entries, &p).unwrap();
        assert_eq!(l.year_totals[&2024], dec!(5.625));
        assert!(l.lines.last().unwrap().capped);
        assert_eq!(l.total, dec!(15.625));
    }

    #[test]
    fn readiness() {
        let p = Policy::default();
        let r =
            promotion_readiness(FunctionalGrade::JuniorExpert, dec!(120), Some(Predicate::Good), &p).unwrap();
        assert!(r.rank_ready);
        assert_eq!(r.grade_ready, Some(false));
        assert_eq!(r.grade_shortfall, Some(dec!(80)));
        assert!(r.grade_requirement_unconfirmed);
        let r = promotion_readiness(
            FunctionalGrade::JuniorExpert,
            dec!(120),
            Some(Predicate::NeedsImprovement),
            &p,
        )
        .unwrap();
        assert!(!r.rank_ready);
        let top = promotion_readiness(FunctionalGrade::SeniorExpert, dec!(250), None, &p).unwrap();
        assert_eq!(top.grade_ready, None);
    }
}
