//! Columnar batch scoring (PermenPANRB 6/2022): columns in, columns out, split with rayon.
//!
//! The batch API scores many employees at once from a struct of arrays (the shape of an Arrow
//! record batch) and gives **exactly** the results of the scalar API: the same
//! [`achievement`] kernel, the same [`Rounding::apply`], the same
//! [`RatingPolicy::advise`](crate::rules::RatingPolicy::advise) and the same 6/2022
//! [`predicate`] matrix.
//!
//! # How it is fast and still exact
//! Decimal inputs arrive as mantissas with one scale per column (Arrow `decimal128`).
//! The fast path computes each achievement as a fixed-point integer with
//! [`FIXED_SCALE`] decimal places (checked `i128` arithmetic, floor division) and remembers
//! whether the division left a remainder. A value is rounded on the fast path only when it is
//! exact, or when the whole interval in which the true value lies is far (several units in the
//! last fixed place) from every rounding boundary of the declared [`Rounding`]; then the
//! rounding of the fixed value, of the exact value and of the scalar API's 28-digit
//! `rust_decimal` value all agree. Otherwise — a value near a rounding boundary, a value that
//! would overflow, a zero or negative operand, a value with more than [`FIXED_SCALE`]
//! places — the row (and the employee's weighted mean) falls back to the scalar kernel on
//! `rust_decimal`, so the result is the scalar API's result in every case.
//!
//! # Grouping
//! Indicator rows name their employee by index into the employee table
//! ([`IndicatorColumns::employee`]). Rows may come in any order: the batch groups them by
//! employee (a stable counting sort, keeping row order within an employee, which is the
//! plan order the scalar API would see). Input sorted by employee skips the grouping and is
//! faster. Output order is always the input order of each table.
//!
//! # Scope
//! One evaluation period: each indicator row carries the target and the realisation already
//! aggregated for the period. The annual roll-up from periodic predicates
//! (`rating.annual_rollup` other than `appraiser_input`), behaviour advice from the seven
//! core values and the appraiser's predicate override are not part of the batch; use the
//! scalar [`crate::regime::permenpanrb_6_2022::evaluate`] for those.
//!
//! ```
//! use kinerja_core::batch::*;
//! use kinerja_core::rules::Ruleset;
//! let emp = [0u32, 0, 1];
//! let target = [10000i128, 8000, 100];   // scale 2: 100.00, 80.00, 1.00
//! let actual = [9120i128, 9000, 1];
//! let ind = IndicatorColumns::new(&emp, DecimalColumn::new(&target, 2), DecimalColumn::new(&actual, 2));
//! let work = [u8::MAX, 2];                // employee 0: no appraiser rating; 1: above
//! let beh = [1u8, 2];                     // meets, above
//! let emps = EmployeeColumns {
//!     len: 2,
//!     work_rating: Some(CodeColumn::new(&work)),
//!     behaviour: Some(CodeColumn::new(&beh)),
//!     ..Default::default()
//! };
//! let mut rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
//! rules.policy.rating.advisory_bands = vec![
//!     kinerja_core::rules::AdvisoryBand { min: 110.into(), rating: kinerja_core::model::Rating::Above },
//!     kinerja_core::rules::AdvisoryBand { min: 90.into(), rating: kinerja_core::model::Rating::Meets },
//! ];
//! let out = score(&ind, &emps, &UnitColumns::default(), &rules.policy, OnError::Raise, &NoLabels).unwrap();
//! assert_eq!(out.indicators.achievement_decimal(0).unwrap().to_string(), "91.20");
//! assert_eq!(out.employees.weighted_decimal(0).unwrap().to_string(), "101.85");
//! assert_eq!(out.employees.predicate[0], Some(kinerja_core::model::Predicate::Good));
//! ```

use crate::par::*;
use rust_decimal::Decimal;

use crate::achievement::{KernelError, achievement};
use crate::error::{Error, Location};
use crate::evaluation::RatingSource;
use crate::model::{OrgPredicate, Polarity, Predicate, Rating, Target};
use crate::num::{Rounding, RoundingMode};
use crate::regime::permenpanrb_6_2022::predicate;
use crate::rules::{JptScope, MeanInputs, MissingRealisation, Policy};

/// Decimal places of the fast path's fixed-point achievements (percent).
pub const FIXED_SCALE: u32 = 12;
/// Rows per parallel chunk.
const CHUNK: usize = 1 << 14;
/// Employees per parallel chunk.
const EMP_CHUNK: usize = 1 << 12;
/// Safety margin, in units of the last fixed place, kept from every rounding boundary.
const MARGIN: i128 = 4;
/// Largest fixed-point achievement on the fast path (10⁷ percent): far inside the range in
/// which `rust_decimal` keeps more than 20 decimal places.
const FIXED_MAX: i128 = 10_000_000 * POW10[FIXED_SCALE as usize];

const POW10: [i128; 39] = {
    let mut t = [1i128; 39];
    let mut i = 1;
    while i < 39 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Quotient and remainder of `n / d` for `n >= 0`, `d > 0`, on one 64-bit division when
/// both fit (the common case), else on 128 bits.
#[inline]
fn divrem(n: i128, d: i128) -> (i128, i128) {
    if let (Ok(nu), Ok(du)) = (u64::try_from(n), u64::try_from(d)) {
        if let (Some(q), Some(r)) = (nu.checked_div(du), nu.checked_rem(du)) {
            return (i128::from(q), i128::from(r));
        }
    }
    if d == 0 {
        return (0, 0);
    }
    let q = n / d;
    (q, n - q * d)
}

/// `divrem` for a power-of-ten divisor: constant divisors compile to multiplications.
#[inline]
fn divrem_step(v: i128, step: i128) -> (i128, i128) {
    macro_rules! by {
        ($v:expr, $($d:literal),*) => {
            match step {
                $($d => (i128::from($v / $d), i128::from($v % $d)),)*
                _ => divrem(v, step),
            }
        };
    }
    match u64::try_from(v) {
        Ok(x) => by!(
            x,
            10,
            100,
            1_000,
            10_000,
            100_000,
            1_000_000,
            10_000_000,
            100_000_000,
            1_000_000_000,
            10_000_000_000,
            100_000_000_000,
            1_000_000_000_000
        ),
        Err(_) => divrem(v, step),
    }
}

#[inline]
fn pow10(e: u32) -> Option<i128> {
    POW10.get(e as usize).copied()
}

/// The decimal of mantissa `m` at `scale` places; when `rust_decimal` cannot hold that many
/// places for so large a value, the same number with trailing zeros dropped (as
/// [`Rounding::apply`] gives it), `None` only when it cannot hold the number at all.
fn decimal_of(mut m: i128, mut scale: u32) -> Option<Decimal> {
    loop {
        if let Ok(d) = Decimal::try_from_i128_with_scale(m, scale) {
            return Some(d);
        }
        if scale == 0 || m % 10 != 0 {
            return None;
        }
        m /= 10;
        scale -= 1;
    }
}

/// The mantissa of `d` at exactly `scale` places (`None` if it does not fit an `i128`).
/// [`Rounding::apply`] keeps a smaller scale when `rust_decimal` cannot hold the value at the
/// declared one (about 7.9e28 / 10^scale), so its mantissa alone is not at `scale`.
fn mantissa_at(d: Decimal, scale: u32) -> Option<i128> {
    match scale.checked_sub(d.scale()) {
        Some(up) => d.mantissa().checked_mul(pow10(up)?),
        None => {
            let down = pow10(d.scale() - scale)?;
            (d.mantissa() % down == 0).then(|| d.mantissa() / down)
        }
    }
}

/// An Arrow-style validity (or boolean value) bitmap: bit `i` (least significant first) of
/// `bytes`, starting at bit `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Bits<'a> {
    /// The bitmap bytes.
    pub bytes: &'a [u8],
    /// Bit offset of element 0.
    pub offset: usize,
}

impl Bits<'_> {
    /// Bit `i`; bits beyond the bitmap read as unset.
    #[inline]
    pub fn get(&self, i: usize) -> bool {
        let j = i + self.offset;
        self.bytes.get(j >> 3).is_some_and(|b| (b >> (j & 7)) & 1 == 1)
    }
}

/// Mantissas of a decimal column.
#[derive(Debug, Clone, Copy)]
pub enum Mantissas<'a> {
    /// 128-bit mantissas (Arrow decimal128).
    I128(&'a [i128]),
    /// 64-bit mantissas (Arrow decimal64, integers, converted floats).
    I64(&'a [i64]),
}

impl Mantissas<'_> {
    #[inline]
    fn get(&self, i: usize) -> Option<i128> {
        match self {
            Mantissas::I128(v) => v.get(i).copied(),
            Mantissas::I64(v) => v.get(i).map(|x| i128::from(*x)),
        }
    }
    fn len(&self) -> usize {
        match self {
            Mantissas::I128(v) => v.len(),
            Mantissas::I64(v) => v.len(),
        }
    }
}

/// A decimal column: value `i` is `values[i] × 10^-scale`, null where the validity bit is unset.
#[derive(Debug, Clone, Copy)]
pub struct DecimalColumn<'a> {
    /// The mantissas.
    pub values: Mantissas<'a>,
    /// Decimal places shared by the column.
    pub scale: u32,
    /// Validity bitmap; `None` means no nulls.
    pub validity: Option<Bits<'a>>,
}

impl<'a> DecimalColumn<'a> {
    /// A column of 128-bit mantissas without nulls.
    pub fn new(values: &'a [i128], scale: u32) -> Self {
        DecimalColumn { values: Mantissas::I128(values), scale, validity: None }
    }
    /// A column of 64-bit mantissas without nulls.
    pub fn new_i64(values: &'a [i64], scale: u32) -> Self {
        DecimalColumn { values: Mantissas::I64(values), scale, validity: None }
    }
    /// The same column with a validity bitmap.
    pub fn with_validity(mut self, validity: Bits<'a>) -> Self {
        self.validity = Some(validity);
        self
    }
    /// The mantissa of row `i`, `None` when null or out of range.
    #[inline]
    pub fn raw(&self, i: usize) -> Option<i128> {
        if let Some(v) = &self.validity {
            if !v.get(i) {
                return None;
            }
        }
        self.values.get(i)
    }
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A column of small enum codes; a code of `u8::MAX` or an unset validity bit is null.
///
/// Codes: [`Rating`] below 0, meets 1, above 2; [`Polarity`] higher 0, lower 1;
/// [`OrgPredicate`] and [`Predicate`] worst 0 to best 4 (their declaration order).
#[derive(Debug, Clone, Copy)]
pub struct CodeColumn<'a> {
    /// The codes.
    pub codes: &'a [u8],
    /// Validity bitmap; `None` means no nulls (other than `u8::MAX`).
    pub validity: Option<Bits<'a>>,
}

impl<'a> CodeColumn<'a> {
    /// A column without a validity bitmap.
    pub fn new(codes: &'a [u8]) -> Self {
        CodeColumn { codes, validity: None }
    }
    /// The code of row `i`, `None` when null.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u8> {
        if let Some(v) = &self.validity {
            if !v.get(i) {
                return None;
            }
        }
        self.codes.get(i).copied().filter(|c| *c != u8::MAX)
    }
}

/// A boolean column (Arrow layout); null reads as `false`.
#[derive(Debug, Clone, Copy)]
pub struct BoolColumn<'a> {
    /// The value bits.
    pub values: Bits<'a>,
    /// Validity bitmap; `None` means no nulls.
    pub validity: Option<Bits<'a>>,
}

impl BoolColumn<'_> {
    /// Value of row `i` (null → false).
    #[inline]
    pub fn get(&self, i: usize) -> bool {
        self.validity.is_none_or(|v| v.get(i)) && self.values.get(i)
    }
}

/// The code of a rating (`below` 0, `meets` 1, `above` 2).
pub const fn rating_code(r: Rating) -> u8 {
    match r {
        Rating::Below => 0,
        Rating::Meets => 1,
        Rating::Above => 2,
    }
}

/// The rating of a code.
pub const fn rating_of(c: u8) -> Option<Rating> {
    match c {
        0 => Some(Rating::Below),
        1 => Some(Rating::Meets),
        2 => Some(Rating::Above),
        _ => None,
    }
}

/// The code of a predicate (worst 0 … best 4).
pub const fn predicate_code(p: Predicate) -> u8 {
    match p {
        Predicate::VeryPoor => 0,
        Predicate::PoorMisconduct => 1,
        Predicate::NeedsImprovement => 2,
        Predicate::Good => 3,
        Predicate::VeryGood => 4,
    }
}

/// The organisational predicate of a code (worst 0 … best 4).
pub const fn org_predicate_of(c: u8) -> Option<OrgPredicate> {
    match c {
        0 => Some(OrgPredicate::VeryPoor),
        1 => Some(OrgPredicate::Poor),
        2 => Some(OrgPredicate::NeedsImprovement),
        3 => Some(OrgPredicate::Good),
        4 => Some(OrgPredicate::Outstanding),
        _ => None,
    }
}

/// The indicator table: one row per indicator of an employee for the period.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorColumns<'a> {
    /// Row of the employee in [`EmployeeColumns`] (any order; see the module docs).
    pub employee: &'a [u32],
    /// Point target; null when the row has a range target.
    pub target: DecimalColumn<'a>,
    /// Range target low bound (used when `target` is null).
    pub target_low: Option<DecimalColumn<'a>>,
    /// Range target high bound (used when `target` is null).
    pub target_high: Option<DecimalColumn<'a>>,
    /// Realisation for the period; null means no realisation (policy
    /// `rating.missing_realisation`).
    pub actual: DecimalColumn<'a>,
    /// Polarity code (higher 0, lower 1); absent or null means higher is better.
    pub polarity: Option<CodeColumn<'a>>,
    /// Weight; null or absent means not given (all of an employee's counted rows or none).
    pub weight: Option<DecimalColumn<'a>>,
    /// The indicator's own cap in percent; null or absent means none.
    pub cap: Option<DecimalColumn<'a>>,
    /// True for indicators of additional (tambahan) results; absent means all primary.
    pub additional: Option<BoolColumn<'a>>,
}

impl<'a> IndicatorColumns<'a> {
    /// Point targets and actuals, everything else absent.
    pub fn new(employee: &'a [u32], target: DecimalColumn<'a>, actual: DecimalColumn<'a>) -> Self {
        IndicatorColumns {
            employee,
            target,
            target_low: None,
            target_high: None,
            actual,
            polarity: None,
            weight: None,
            cap: None,
            additional: None,
        }
    }
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.employee.len()
    }
    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.employee.is_empty()
    }
}

/// The employee table.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmployeeColumns<'a> {
    /// Number of employees.
    pub len: usize,
    /// The appraiser's work-result rating (code), null when not given.
    pub work_rating: Option<CodeColumn<'a>>,
    /// The appraiser's overall behaviour rating (code); required.
    pub behaviour: Option<CodeColumn<'a>>,
    /// Row of the employee's unit in [`UnitColumns`] (for the JPT rule and distribution).
    pub unit: Option<&'a [u32]>,
    /// The post is a JPT post.
    pub jpt: Option<BoolColumn<'a>>,
    /// The employee heads the unit.
    pub unit_head: Option<BoolColumn<'a>>,
}

/// The unit table.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnitColumns<'a> {
    /// Number of units.
    pub len: usize,
    /// The organisational predicate (code), null when not given.
    pub org_predicate: Option<CodeColumn<'a>>,
}

/// What to do with bad rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Stop with the first error: the one of the lowest indicator row, else of the lowest
    /// employee row.
    #[default]
    Raise,
    /// Score what is valid and list every error; an employee with any error gets no score.
    Collect,
}

/// Gives ids for error locations (only called when an error is reported).
pub trait Labels: Sync {
    /// The id (NIP) of employee row `i`.
    fn employee(&self, _i: usize) -> Option<String> {
        None
    }
    /// The id of the indicator on indicator row `i`.
    fn indicator(&self, _i: usize) -> Option<String> {
        None
    }
}

/// No ids: locations name rows only.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoLabels;
impl Labels for NoLabels {}

/// The table an error row points into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Table {
    /// The indicator table.
    Indicators,
    /// The employee table.
    Employees,
}

/// One error of a batch.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct BatchError {
    /// The table of the row.
    pub table: Table,
    /// The row (0-based) in that table.
    pub row: u64,
    /// The employee row, when known.
    pub employee: Option<u64>,
    /// The error, its location naming the row, employee and indicator.
    pub error: Error,
}

/// Per-indicator results, in input order.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct IndicatorScores {
    /// Rounded achievement mantissa (percent) at `scale`; meaningful where `valid`.
    pub achievement: Vec<i128>,
    /// False for rows with an error or excluded for a missing realisation.
    pub valid: Vec<bool>,
    /// Decimal places of `achievement` (the policy's `rounding.achievement.scale`).
    pub scale: u32,
}

impl IndicatorScores {
    /// The achievement of row `i` as a decimal.
    pub fn achievement_decimal(&self, i: usize) -> Option<Decimal> {
        if !*self.valid.get(i)? {
            return None;
        }
        decimal_of(*self.achievement.get(i)?, self.scale)
    }
}

/// Per-employee results, in input order; `None` where not defined or the employee has an
/// error.
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct EmployeeScores {
    /// Rounded weighted mean achievement mantissa at `scale`; meaningful where `weighted_valid`.
    pub weighted: Vec<i128>,
    /// Whether `weighted` is defined.
    pub weighted_valid: Vec<bool>,
    /// Decimal places of `weighted` (the policy's `rounding.reported.scale`).
    pub scale: u32,
    /// The advised work-result rating (policy bands).
    pub advised: Vec<Option<Rating>>,
    /// The work-result rating used.
    pub work: Vec<Option<Rating>>,
    /// Where the work-result rating came from.
    pub work_source: Vec<Option<RatingSource>>,
    /// The behaviour rating.
    pub behaviour: Vec<Option<Rating>>,
    /// The 6/2022 predicate.
    pub predicate: Vec<Option<Predicate>>,
    /// The advice (or JPT rule) differs from the appraiser's rating.
    pub disagreement: Vec<bool>,
    /// The given weights did not add up to 100 and the mean was divided by their sum (allowed
    /// while the policy's `rating.weights_must_sum_to` is unset; the scalar evaluation notes it).
    pub weights_normalised: Vec<bool>,
    /// False for employees with an error.
    pub ok: Vec<bool>,
}

impl EmployeeScores {
    /// The weighted mean of employee `i` as a decimal.
    pub fn weighted_decimal(&self, i: usize) -> Option<Decimal> {
        if !*self.weighted_valid.get(i)? {
            return None;
        }
        decimal_of(*self.weighted.get(i)?, self.scale)
    }
}

/// How much went through the fast path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct BatchStats {
    /// Indicator rows scored on the fast path.
    pub fast_rows: u64,
    /// Indicator rows scored by the scalar kernel (`rust_decimal`).
    pub fallback_rows: u64,
    /// Employees whose weighted mean came from the `rust_decimal` path.
    pub fallback_employees: u64,
}

/// The result of [`score`].
#[derive(Debug, Clone, PartialEq, Default)]
#[non_exhaustive]
pub struct BatchOutput {
    /// Per indicator row.
    pub indicators: IndicatorScores,
    /// Per employee.
    pub employees: EmployeeScores,
    /// Errors (empty under [`OnError::Raise`]), sorted by table then row.
    pub errors: Vec<BatchError>,
    /// Fast-path statistics.
    pub stats: BatchStats,
}

// ---------------------------------------------------------------------------------------
// Per-row state
// ---------------------------------------------------------------------------------------

const F_EXACT: u8 = 1;
const F_FALLBACK: u8 = 2;
const F_EXCLUDED: u8 = 4;
const F_ERROR: u8 = 8;

/// A row error without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowFault {
    Kernel(KernelError),
    EmployeeIndex,
    MissingTarget,
    BothTargets,
    MissingActual,
    OutOfRange(&'static str),
    BadPolarity,
    NegativeWeight,
}

/// The policy bits the row kernel needs, precomputed.
struct RowPolicy<'p> {
    policy: &'p Policy,
    round: Rounding,
    step: i128,
    floor: bool,
    default_cap_fixed: Option<i128>,
    default_cap_ok: bool,
    range_inside_fixed: Option<i128>,
    lower_reflection: bool,
}

fn to_fixed(m: i128, s: u32) -> Option<i128> {
    if s <= FIXED_SCALE { m.checked_mul(pow10(FIXED_SCALE - s)?) } else { None }
}

fn dec_to_fixed(d: Decimal) -> Option<i128> {
    to_fixed(d.mantissa(), d.scale())
}

impl<'p> RowPolicy<'p> {
    fn new(policy: &'p Policy) -> Self {
        let round = policy.rounding.achievement;
        let step = pow10(FIXED_SCALE.saturating_sub(round.scale)).unwrap_or(1);
        let a = &policy.achievement;
        RowPolicy {
            policy,
            round,
            step,
            floor: a.floor_at_zero,
            default_cap_fixed: a.default_cap.and_then(dec_to_fixed),
            default_cap_ok: a.default_cap.is_none_or(|c| dec_to_fixed(c).is_some()),
            range_inside_fixed: dec_to_fixed(a.range_inside),
            lower_reflection: a.lower_formula == crate::achievement::LowerFormula::Reflection,
        }
    }
}

/// Rounds a fixed-point value `v` (true value in `[v, v + width)` units, `width` 0 for
/// exact) to `step` units by `mode`, or `None` when a rounding boundary is too close to
/// decide safely. Requires `v >= 0`.
#[inline]
fn round_fixed(v: i128, width: i128, step: i128, mode: RoundingMode) -> Option<i128> {
    if v < 0 {
        return None;
    }
    let (q, r) = divrem_step(v, step);
    if width == 0 {
        return Some(match mode {
            RoundingMode::Truncate => q,
            RoundingMode::HalfUp => q + i128::from(2 * r >= step),
            RoundingMode::HalfEven => {
                let twice = 2 * r;
                if twice > step || (twice == step && q % 2 == 1) { q + 1 } else { q }
            }
        });
    }
    let lo = r - MARGIN;
    let hi = r + width + MARGIN;
    match mode {
        RoundingMode::Truncate => (lo > 0 && hi < step).then_some(q),
        RoundingMode::HalfUp | RoundingMode::HalfEven => {
            // The interval [lo, hi] in doubled units must avoid the midpoint step/2 and the
            // next midpoint 3·step/2.
            let (lo2, hi2) = (2 * lo, 2 * hi);
            if hi2 < step && lo2 > -step {
                Some(q)
            } else if lo2 > step && hi2 < 3 * step {
                Some(q + 1)
            } else {
                None
            }
        }
    }
}

/// The fast-path achievement of one row: `(fixed value, exact)`, or `None` to fall back.
#[inline]
fn fast_row(
    tgt: Target128,
    a_m: i128,
    a_s: u32,
    lower: bool,
    cap: Option<i128>,
    rp: &RowPolicy,
) -> Option<(i128, bool)> {
    if a_m < 0 {
        return None;
    }
    let (t_m, t_s) = match tgt {
        Target128::Point(m, s) => (m, s),
        Target128::Range { low: (lm, ls), high: (hm, hs) } => {
            let (lf, hf, af) = (to_fixed(lm, ls)?, to_fixed(hm, hs)?, to_fixed(a_m, a_s)?);
            if lf > hf || lf < 0 {
                return None;
            }
            if af > hf {
                (hm, hs)
            } else if af < lf {
                (lm, ls)
            } else {
                return finish_fixed(rp.range_inside_fixed?, true, cap, rp);
            }
        }
    };
    if t_m <= 0 {
        return None;
    }
    // q = a / t × 100 at FIXED_SCALE places = a_m × 10^(2 + FIXED + t_s − a_s) / t_m.
    let ratio = |num: i128, num_s: u32, den: i128, den_s: u32| -> Option<(i128, bool)> {
        let e = (2 + FIXED_SCALE + den_s).checked_sub(num_s)?;
        let n = num.checked_mul(pow10(e)?)?;
        let (q, r) = divrem(n, den);
        Some((q, r == 0))
    };
    let (v, exact) = if !lower {
        ratio(a_m, a_s, t_m, t_s)?
    } else if rp.lower_reflection {
        let (r, ex) = ratio(a_m, a_s, t_m, t_s)?;
        let two = 200 * POW10[FIXED_SCALE as usize];
        if ex { (two - r, true) } else { (two - r - 1, false) }
    } else {
        if a_m == 0 {
            return None;
        }
        ratio(t_m, t_s, a_m, a_s)?
    };
    finish_fixed(v, exact, cap, rp)
}

#[inline]
fn finish_fixed(v: i128, exact: bool, cap: Option<i128>, rp: &RowPolicy) -> Option<(i128, bool)> {
    let (mut v, mut exact) = (v, exact);
    if v < 0 {
        if !rp.floor {
            return None;
        }
        v = 0;
        exact = true;
    }
    if let Some(c) = cap.or(rp.default_cap_fixed) {
        if v >= c {
            v = c;
            exact = true;
        }
    }
    (v <= FIXED_MAX).then_some((v, exact))
}

#[derive(Clone, Copy)]
enum Target128 {
    Point(i128, u32),
    Range { low: (i128, u32), high: (i128, u32) },
}

fn decimal(m: i128, s: u32, field: &'static str) -> Result<Decimal, RowFault> {
    Decimal::try_from_i128_with_scale(m, s).map_err(|_| RowFault::OutOfRange(field))
}

/// Reads row `i` and computes its achievement; writes the rounded value and returns the
/// row flags and the fixed value (or the `rust_decimal` value on the fallback).
struct RowOut {
    flags: u8,
    fixed: i128,
    rounded: i128,
    fault: Option<RowFault>,
}

/// Largest mantissa a `rust_decimal::Decimal` holds (2⁹⁶ − 1).
const DEC_MAX: i128 = (1i128 << 96) - 1;

#[inline]
fn in_range(m: i128, s: u32, field: &'static str) -> Result<i128, RowFault> {
    if (-DEC_MAX..=DEC_MAX).contains(&m) && s <= 28 { Ok(m) } else { Err(RowFault::OutOfRange(field)) }
}

fn row_target(ind: &IndicatorColumns, i: usize) -> Result<Target128, RowFault> {
    let p = ind.target.raw(i).map(|m| in_range(m, ind.target.scale, "target")).transpose()?;
    let chk =
        |c: &DecimalColumn, f: &'static str| c.raw(i).map(|m| in_range(m, c.scale, f).map(|m| (m, c.scale)));
    let lo = ind.target_low.as_ref().and_then(|c| chk(c, "target_low")).transpose()?;
    let hi = ind.target_high.as_ref().and_then(|c| chk(c, "target_high")).transpose()?;
    match (p, lo, hi) {
        (Some(m), None, None) => Ok(Target128::Point(m, ind.target.scale)),
        (None, Some(low), Some(high)) => Ok(Target128::Range { low, high }),
        (Some(_), _, _) => Err(RowFault::BothTargets),
        _ => Err(RowFault::MissingTarget),
    }
}

fn score_row(ind: &IndicatorColumns, i: usize, n_emp: usize, rp: &RowPolicy) -> RowOut {
    let fail = |f: RowFault| RowOut { flags: F_ERROR, fixed: 0, rounded: 0, fault: Some(f) };
    match ind.employee.get(i) {
        Some(e) if (*e as usize) < n_emp => {}
        _ => return fail(RowFault::EmployeeIndex),
    }
    let tgt = match row_target(ind, i) {
        Ok(t) => t,
        Err(f) => return fail(f),
    };
    let a_m = match ind.actual.raw(i).map(|m| in_range(m, ind.actual.scale, "actual")).transpose() {
        Ok(a) => a,
        Err(f) => return fail(f),
    };
    let Some(a_m) = a_m else {
        return match rp.policy.rating.missing_realisation {
            MissingRealisation::Exclude => RowOut { flags: F_EXCLUDED, fixed: 0, rounded: 0, fault: None },
            MissingRealisation::Error => fail(RowFault::MissingActual),
        };
    };
    let lower = match ind.polarity.as_ref().map(|c| c.get(i)) {
        None | Some(None) | Some(Some(0)) => false,
        Some(Some(1)) => true,
        Some(Some(_)) => return fail(RowFault::BadPolarity),
    };
    if let Some(w) = ind.weight.as_ref().and_then(|c| c.raw(i).map(|m| (m, c.scale))) {
        if let Err(f) = in_range(w.0, w.1, "weight") {
            return fail(f);
        }
        if w.0 < 0 {
            return fail(RowFault::NegativeWeight);
        }
    }
    if let Target128::Range { low, .. } = tgt {
        if low.0 < 0 {
            return fail(RowFault::Kernel(KernelError::NegativeRangeBound));
        }
    }
    let cap_raw = ind.cap.as_ref().and_then(|c| c.raw(i).map(|m| (m, c.scale)));
    if let Some(Err(f)) = cap_raw.map(|(m, s)| in_range(m, s, "cap")) {
        return fail(f);
    }
    if cap_raw.is_some_and(|(m, _)| m <= 0) {
        return fail(RowFault::Kernel(KernelError::NonPositiveCap));
    }
    let cap_fixed = match cap_raw {
        Some((m, s)) => to_fixed(m, s),
        None => None,
    };
    let cap_ok = cap_raw.is_none_or(|_| cap_fixed.is_some()) && rp.default_cap_ok;
    if cap_ok {
        if let Some((v, exact)) = fast_row(tgt, a_m, ind.actual.scale, lower, cap_fixed, rp) {
            let width = if exact { 0 } else { 1 };
            if let Some(r) = round_fixed(v, width, rp.step, rp.round.mode) {
                let flags = if exact { F_EXACT } else { 0 };
                return RowOut { flags, fixed: v, rounded: r, fault: None };
            }
        }
    }
    // Fallback: the scalar kernel on rust_decimal.
    match slow_row(tgt, a_m, ind.actual.scale, lower, cap_raw, rp) {
        Ok((value, rounded)) => RowOut { flags: F_FALLBACK, fixed: value, rounded, fault: None },
        Err(f) => fail(f),
    }
}

/// The scalar kernel for one row: returns no fixed value (the employee's mean recomputes
/// fallback rows on `rust_decimal`) and the rounded mantissa.
fn slow_row(
    tgt: Target128,
    a_m: i128,
    a_s: u32,
    lower: bool,
    cap: Option<(i128, u32)>,
    rp: &RowPolicy,
) -> Result<(i128, i128), RowFault> {
    let a = slow_value(tgt, a_m, a_s, lower, cap, rp)?;
    let r = rp.round.apply(a);
    mantissa_at(r, rp.round.scale).map(|m| (0, m)).ok_or(RowFault::Kernel(KernelError::Overflow))
}

fn slow_value(
    tgt: Target128,
    a_m: i128,
    a_s: u32,
    lower: bool,
    cap: Option<(i128, u32)>,
    rp: &RowPolicy,
) -> Result<Decimal, RowFault> {
    let target = match tgt {
        Target128::Point(m, s) => Target::Point(decimal(m, s, "target")?),
        Target128::Range { low, high } => Target::Range {
            low: decimal(low.0, low.1, "target_low")?,
            high: decimal(high.0, high.1, "target_high")?,
        },
    };
    let actual = decimal(a_m, a_s, "actual")?;
    let cap = match cap {
        Some((m, s)) => Some(decimal(m, s, "cap")?),
        None => None,
    };
    let pol = if lower { Polarity::LowerIsBetter } else { Polarity::HigherIsBetter };
    achievement(target, actual, pol, &rp.policy.achievement, cap).map(|a| a.value).map_err(RowFault::Kernel)
}

// ---------------------------------------------------------------------------------------
// Employees
// ---------------------------------------------------------------------------------------

/// A per-employee error without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EmpFault {
    /// Weights given for some counted rows only; carries the first row without one.
    WeightsPartial(usize),
    WeightsSum,
    WeightsZero,
    Arithmetic,
    MissingWork,
    MissingBehaviour,
    MissingOrgPredicate,
    BadCode(&'static str),
    UnitIndex,
}

/// An employee's weighted mean: the rounded mantissa, whether the `rust_decimal` path made
/// it, whether given weights off 100 were normalised.
#[derive(Default)]
struct Mean {
    value: Option<i128>,
    fallback: bool,
    normalised: bool,
}

struct EmpOut {
    weighted: Option<i128>,
    fallback: bool,
    normalised: bool,
    advised: Option<Rating>,
    work: Option<(Rating, RatingSource)>,
    behaviour: Option<Rating>,
    predicate: Option<Predicate>,
    disagreement: bool,
    fault: Option<EmpFault>,
}

/// The indicator rows of one employee, iterable more than once.
#[derive(Clone, Copy)]
enum RowsOf<'a> {
    Range(usize, usize),
    Order(&'a [u32]),
}

impl RowsOf<'_> {
    fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (range, order) = match *self {
            RowsOf::Range(lo, hi) => (lo..hi, &[][..]),
            RowsOf::Order(o) => (0..0, o),
        };
        range.chain(order.iter().map(|r| *r as usize))
    }
}

struct EmpCtx<'a, 'p> {
    ind: &'a IndicatorColumns<'a>,
    emps: &'a EmployeeColumns<'a>,
    units: &'a UnitColumns<'a>,
    policy: &'p Policy,
    reported: Rounding,
    rep_step: i128,
    flags: &'a [u8],
    fixed: &'a [u64],
    /// Advisory bands as integer thresholds at the reported scale: a rounded mean `w`
    /// reaches a band when `w >= ceil(min × 10^scale)`. `None`: use `advise` on decimals.
    bands: Option<Vec<(i128, Rating)>>,
}

/// The advisory bands as thresholds on rounded means with `scale` places.
fn band_thresholds(policy: &Policy, scale: u32) -> Option<Vec<(i128, Rating)>> {
    let f = Decimal::from_i128_with_scale(pow10(scale)?, 0);
    policy
        .rating
        .advisory_bands
        .iter()
        .map(|b| {
            let t = b.min.checked_mul(f)?.ceil();
            Some((t.mantissa().checked_div(pow10(t.scale())?)?, b.rating))
        })
        .collect()
}

impl EmpCtx<'_, '_> {
    fn counted(&self, row: usize) -> bool {
        let f = self.flags.get(row).copied().unwrap_or(F_ERROR);
        if f & (F_EXCLUDED | F_ERROR) != 0 {
            return false;
        }
        self.policy.rating.include_additional || !self.ind.additional.as_ref().is_some_and(|c| c.get(row))
    }

    /// The weighted mean of an employee's rows (`value` is `None` when nothing counts).
    fn weighted(&self, rows: RowsOf) -> Result<Mean, EmpFault> {
        let wcol = self.ind.weight.as_ref();
        let mut given = 0usize;
        let mut counted = 0usize;
        let mut first_missing = None;
        let mut w_sum: i128 = 0;
        let mut num: i128 = 0;
        let mut fast = true;
        let mut all_exact = true;
        for row in rows.iter() {
            if !self.counted(row) {
                continue;
            }
            counted += 1;
            let w = wcol.and_then(|c| c.raw(row));
            let w = match w {
                Some(w) => {
                    given += 1;
                    w
                }
                None => {
                    if first_missing.is_none() {
                        first_missing = Some(row);
                    }
                    1
                }
            };
            let f = self.flags.get(row).copied().unwrap_or(0);
            if f & F_FALLBACK != 0 || w < 0 {
                fast = false;
                continue;
            }
            if f & F_EXACT == 0 {
                all_exact = false;
            }
            let v = i128::from(self.fixed.get(row).copied().unwrap_or(0));
            match (w_sum.checked_add(w), w.checked_mul(v).and_then(|p| num.checked_add(p))) {
                (Some(s), Some(n)) => {
                    w_sum = s;
                    num = n;
                }
                _ => fast = false,
            }
        }
        if given != 0 && given != counted {
            return Err(EmpFault::WeightsPartial(first_missing.unwrap_or(0)));
        }
        if counted == 0 {
            return Ok(Mean::default());
        }
        let w_scale = if given > 0 { wcol.map_or(0, |c| c.scale) } else { 0 };
        if let Some(req) = self.policy.rating.weights_must_sum_to {
            if given > 0 && fast {
                let total =
                    Decimal::try_from_i128_with_scale(w_sum, w_scale).map_err(|_| EmpFault::Arithmetic)?;
                if total != req {
                    return Err(EmpFault::WeightsSum);
                }
            }
        }
        if fast && self.policy.rounding.mean_inputs == MeanInputs::Unrounded {
            if w_sum <= 0 {
                return Err(EmpFault::WeightsZero);
            }
            if num < 0 {
                return self.weighted_fallback(rows, given > 0);
            }
            let (mf, rem) = divrem(num, w_sum);
            let width = if all_exact && rem == 0 { 1 } else { 2 };
            if let Some(r) = round_fixed(mf, width, self.rep_step, self.reported.mode) {
                let hundred = pow10(w_scale).and_then(|p| p.checked_mul(100));
                let normalised =
                    given > 0 && self.policy.rating.weights_must_sum_to.is_none() && hundred != Some(w_sum);
                return Ok(Mean { value: Some(r), fallback: false, normalised });
            }
        }
        self.weighted_fallback(rows, given > 0)
    }

    /// Rebuilds the mean on rust_decimal exactly as the scalar evaluation does.
    fn weighted_fallback(&self, rows: RowsOf, given: bool) -> Result<Mean, EmpFault> {
        let rows: Vec<usize> = rows.iter().filter(|r| self.counted(*r)).collect();
        let (value, normalised) = self.weighted_decimal(&rows, given)?;
        Ok(Mean { value: Some(value), fallback: true, normalised })
    }

    /// The scalar evaluation's weighted mean (`measure_all` of the 6/2022 regime), and whether
    /// given weights off 100 were normalised.
    fn weighted_decimal(&self, rows: &[usize], given: bool) -> Result<(i128, bool), EmpFault> {
        let ar = |e: Option<Decimal>| e.ok_or(EmpFault::Arithmetic);
        let rp = RowPolicy::new(self.policy);
        let mut weights = Vec::with_capacity(rows.len());
        let mut values = Vec::with_capacity(rows.len());
        for &row in rows {
            let w = if given {
                let c = self.ind.weight.as_ref().ok_or(EmpFault::Arithmetic)?;
                let m = c.raw(row).ok_or(EmpFault::Arithmetic)?;
                Decimal::try_from_i128_with_scale(m, c.scale).map_err(|_| EmpFault::Arithmetic)?
            } else {
                Decimal::ONE
            };
            let f = self.flags.get(row).copied().unwrap_or(0);
            let fixed = i128::from(self.fixed.get(row).copied().unwrap_or(0));
            let v = if f & F_EXACT != 0 && f & F_FALLBACK == 0 {
                Decimal::try_from_i128_with_scale(fixed, FIXED_SCALE).map_err(|_| EmpFault::Arithmetic)?
            } else {
                // Recompute on the scalar kernel to get its 28-digit value.
                let tgt = row_target(self.ind, row).map_err(|_| EmpFault::Arithmetic)?;
                let a = self.ind.actual.raw(row).ok_or(EmpFault::Arithmetic)?;
                let lower = self.ind.polarity.as_ref().and_then(|c| c.get(row)) == Some(1);
                let cap = self.ind.cap.as_ref().and_then(|c| c.raw(row).map(|m| (m, c.scale)));
                slow_value(tgt, a, self.ind.actual.scale, lower, cap, &rp)
                    .map_err(|_| EmpFault::Arithmetic)?
            };
            weights.push(w);
            values.push(self.policy.rounding.mean_inputs.input(v, &self.policy.rounding.achievement));
        }
        let mut total = Decimal::ZERO;
        for w in &weights {
            total = ar(total.checked_add(*w))?;
        }
        if let (Some(req), true) = (self.policy.rating.weights_must_sum_to, given) {
            if total != req {
                return Err(EmpFault::WeightsSum);
            }
        }
        if total <= Decimal::ZERO {
            return Err(EmpFault::WeightsZero);
        }
        let mut weighted_sum = Decimal::ZERO;
        for (w, v) in weights.iter().zip(values.iter()) {
            weighted_sum = ar(weighted_sum.checked_add(ar(w.checked_mul(*v))?))?;
        }
        let acc = ar(weighted_sum.checked_div(total))?;
        let normalised =
            given && self.policy.rating.weights_must_sum_to.is_none() && total != Decimal::ONE_HUNDRED;
        let value = mantissa_at(self.reported.apply(acc), self.reported.scale).ok_or(EmpFault::Arithmetic)?;
        Ok((value, normalised))
    }

    fn employee(&self, e: usize, rows: RowsOf) -> EmpOut {
        let mut out = EmpOut {
            weighted: None,
            fallback: false,
            normalised: false,
            advised: None,
            work: None,
            behaviour: None,
            predicate: None,
            disagreement: false,
            fault: None,
        };
        let r = self.employee_inner(e, rows, &mut out);
        if let Err(f) = r {
            out.fault = Some(f);
        }
        out
    }

    fn employee_inner(&self, e: usize, rows: RowsOf, out: &mut EmpOut) -> Result<(), EmpFault> {
        let rating = |c: Option<&CodeColumn>, field: &'static str| -> Result<Option<Rating>, EmpFault> {
            match c.and_then(|c| c.get(e)) {
                None => Ok(None),
                Some(code) => rating_of(code).map(Some).ok_or(EmpFault::BadCode(field)),
            }
        };
        let given_work = rating(self.emps.work_rating.as_ref(), "work_result")?;
        let behaviour = rating(self.emps.behaviour.as_ref(), "behaviour")?;
        let mean = self.weighted(rows)?;
        let weighted = mean.value;
        out.weighted = weighted;
        out.fallback = mean.fallback;
        out.normalised = mean.normalised;
        let policy = self.policy;
        let advised = match (&self.bands, weighted) {
            (Some(bands), Some(w)) => bands
                .iter()
                .find(|(t, _)| w >= *t)
                .map(|(_, r)| *r)
                .or_else(|| (!bands.is_empty()).then_some(Rating::Below)),
            _ => weighted
                .and_then(|w| decimal_of(w, self.reported.scale).and_then(|d| policy.rating.advise(d))),
        };
        out.advised = advised;
        let jpt = self.emps.jpt.as_ref().is_some_and(|c| c.get(e));
        let head = self.emps.unit_head.as_ref().is_some_and(|c| c.get(e));
        let jpt_rule = match policy.rating.jpt_scope {
            JptScope::JptUnitHeads => jpt && head,
            JptScope::AllJpt => jpt,
            JptScope::None => false,
        };
        let (work, source) = if jpt_rule {
            let unit = self.emps.unit.and_then(|u| u.get(e)).copied();
            let org = match unit {
                Some(u) if (u as usize) < self.units.len => {
                    self.units.org_predicate.as_ref().and_then(|c| c.get(u as usize))
                }
                Some(_) => return Err(EmpFault::UnitIndex),
                None => None,
            };
            let org = match org {
                Some(code) => org_predicate_of(code).ok_or(EmpFault::BadCode("org_predicate"))?,
                None => return Err(EmpFault::MissingOrgPredicate),
            };
            let r = policy.rating.jpt_org_map.get(org);
            if given_work.is_some_and(|g| g != r) {
                out.disagreement = true;
            }
            (r, RatingSource::OrgPredicate)
        } else if let Some(r) = given_work {
            if advised.is_some_and(|a| a != r) {
                out.disagreement = true;
            }
            (r, RatingSource::Appraiser)
        } else if let (Some(a), true) = (advised, policy.rating.use_advice_when_missing) {
            (a, RatingSource::Advisory)
        } else {
            return Err(EmpFault::MissingWork);
        };
        out.work = Some((work, source));
        let Some(b) = behaviour else {
            return Err(EmpFault::MissingBehaviour);
        };
        out.behaviour = Some(b);
        out.predicate = Some(predicate(work, b));
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------

fn row_location(ind: &IndicatorColumns, row: usize, labels: &dyn Labels) -> Location {
    let mut at = Location::row(row as u64);
    if let Some(e) = ind.employee.get(row) {
        if let Some(id) = labels.employee(*e as usize) {
            at = at.with_employee(id);
        }
    }
    if let Some(id) = labels.indicator(row) {
        at = at.with_indicator(id);
    }
    at
}

fn row_error(ind: &IndicatorColumns, row: usize, f: RowFault, labels: &dyn Labels) -> BatchError {
    let at = row_location(ind, row, labels);
    let input = |field: &str, reason: &str| Error::Input {
        at: at.clone(),
        field: field.into(),
        reason: reason.into(),
    };
    let error = match f {
        RowFault::Kernel(k) => k.into_error(&at),
        RowFault::EmployeeIndex => input("employee", "the row names no employee of the employee table"),
        RowFault::MissingTarget => Error::Missing {
            at: at.clone(),
            field: "target".into(),
            reason: "a point target or both range bounds (target_low, target_high) are required".into(),
        },
        RowFault::BothTargets => input("target", "both a point target and a range bound are given"),
        RowFault::MissingActual => Error::Missing {
            at: at.clone(),
            field: "actual".into(),
            reason: "no realisation for the period (policy rating.missing_realisation = error)".into(),
        },
        RowFault::OutOfRange(field) => input(field, "value is outside the range of a 96-bit decimal"),
        RowFault::BadPolarity => input("polarity", "polarity code must be 0 (higher) or 1 (lower)"),
        RowFault::NegativeWeight => {
            Error::Indicator { at: at.clone(), field: "weight".into(), reason: "weight is negative".into() }
        }
    };
    let employee = ind.employee.get(row).map(|e| u64::from(*e));
    BatchError { table: Table::Indicators, row: row as u64, employee, error }
}

fn emp_error(ind: &IndicatorColumns, e: usize, f: EmpFault, labels: &dyn Labels) -> BatchError {
    let mut at = Location::row(e as u64);
    if let Some(id) = labels.employee(e) {
        at = at.with_employee(id);
    }
    let ind_err = |at: Location, field: &str, reason: &str| Error::Indicator {
        at,
        field: field.into(),
        reason: reason.into(),
    };
    let missing = |field: &str, reason: &str| Error::Missing {
        at: at.clone(),
        field: field.into(),
        reason: reason.into(),
    };
    let error = match f {
        EmpFault::WeightsPartial(row) => {
            let mut at2 = at.clone();
            if let Some(id) = labels.indicator(row) {
                at2 = at2.with_indicator(id);
            }
            ind_err(at2, "weight", "weights must be given for all counted indicators or for none")
        }
        EmpFault::WeightsSum => {
            ind_err(at.clone(), "weight", "weights do not add up to the policy's rating.weights_must_sum_to")
        }
        EmpFault::WeightsZero => ind_err(at.clone(), "weight", "weights add up to zero"),
        EmpFault::Arithmetic => {
            Error::Arithmetic { at: at.clone(), operation: "weighted achievement".into() }
        }
        EmpFault::MissingWork => missing(
            "work_result",
            "the appraiser's work-result rating is required (the policy has no advisory bands to fall back on)",
        ),
        EmpFault::MissingBehaviour => {
            missing("behaviour", "the appraiser's overall behaviour rating is required")
        }
        EmpFault::MissingOrgPredicate => missing(
            "org_predicate",
            "a JPT unit head's work result follows the organisational predicate, which is not given",
        ),
        EmpFault::BadCode(field) => {
            Error::Input { at: at.clone(), field: field.into(), reason: "not a valid rating code".into() }
        }
        EmpFault::UnitIndex => Error::Input {
            at: at.clone(),
            field: "unit".into(),
            reason: "names no unit of the unit table".into(),
        },
    };
    let _ = ind;
    BatchError { table: Table::Employees, row: e as u64, employee: Some(e as u64), error }
}

fn indicator_error_for_employee(e: usize, labels: &dyn Labels) -> BatchError {
    let mut at = Location::row(e as u64);
    if let Some(id) = labels.employee(e) {
        at = at.with_employee(id);
    }
    BatchError {
        table: Table::Employees,
        row: e as u64,
        employee: Some(e as u64),
        error: Error::Indicator {
            at,
            field: "indicators".into(),
            reason: "an indicator row of this employee has an error (see the indicator rows), so no score is given".into(),
        },
    }
}

// ---------------------------------------------------------------------------------------
// Driver
// ---------------------------------------------------------------------------------------

/// Grouping of indicator rows by employee: `offsets[e]..offsets[e+1]` index into `order`
/// (or directly into rows when `order` is empty, i.e. the input is sorted by employee).
struct Groups {
    offsets: Vec<usize>,
    order: Vec<u32>,
}

fn group(employee: &[u32], n_emp: usize) -> Groups {
    let sorted = employee.windows(2).all(|w| w.first() <= w.get(1));
    let mut counts = vec![0usize; n_emp + 1];
    for e in employee {
        if let Some(c) = counts.get_mut(*e as usize + 1) {
            *c += 1;
        }
    }
    for k in 1..counts.len() {
        let prev = counts.get(k - 1).copied().unwrap_or(0);
        if let Some(c) = counts.get_mut(k) {
            *c += prev;
        }
    }
    if sorted {
        // Rows of out-of-range employees are at the end of a sorted column.
        return Groups { offsets: counts, order: Vec::new() };
    }
    let mut next = counts.clone();
    let mut order = vec![0u32; counts.last().copied().unwrap_or(0)];
    for (i, e) in employee.iter().enumerate() {
        if (*e as usize) >= n_emp {
            continue;
        }
        if let Some(pos) = next.get_mut(*e as usize) {
            if let Some(slot) = order.get_mut(*pos) {
                *slot = i as u32;
            }
            *pos += 1;
        }
    }
    Groups { offsets: counts, order }
}

/// Scores a batch under the 6/2022 regime with `policy` (see the module docs).
///
/// Runs on the current rayon pool (call inside `ThreadPool::install` to choose one).
/// Errors: under [`OnError::Raise`] the first error (lowest indicator row, then lowest
/// employee row); under [`OnError::Collect`] every error is listed in
/// [`BatchOutput::errors`] and the affected employees have no score.
pub fn score(
    ind: &IndicatorColumns,
    emps: &EmployeeColumns,
    units: &UnitColumns,
    policy: &Policy,
    on_error: OnError,
    labels: &dyn Labels,
) -> Result<BatchOutput, Error> {
    let n = ind.len();
    for (name, len) in [("target", ind.target.len()), ("actual", ind.actual.len())] {
        if len != n {
            return Err(Error::Input {
                at: Location::default(),
                field: name.into(),
                reason: format!("column has {len} rows but the employee column has {n}"),
            });
        }
    }
    let optional = [
        ("target_low", ind.target_low.map(|c| c.len())),
        ("target_high", ind.target_high.map(|c| c.len())),
        ("weight", ind.weight.map(|c| c.len())),
        ("cap", ind.cap.map(|c| c.len())),
        ("polarity", ind.polarity.map(|c| c.codes.len())),
    ];
    for (name, len) in optional {
        if let Some(len) = len {
            if len != n {
                return Err(Error::Input {
                    at: Location::default(),
                    field: name.into(),
                    reason: format!("column has {len} rows but the indicator table has {n}"),
                });
            }
        }
    }
    let rp = RowPolicy::new(policy);
    let n_emp = emps.len;

    // Phase 1: every indicator row, in parallel chunks.
    let mut rounded = vec![0i128; n];
    let mut fixed = vec![0u64; n];
    let mut flags = vec![0u8; n];
    let row_faults: Vec<(usize, RowFault)> = rounded
        .par_chunks_mut(CHUNK)
        .zip(fixed.par_chunks_mut(CHUNK))
        .zip(flags.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(c, ((r, x), f))| {
            let base = c * CHUNK;
            let mut faults = Vec::new();
            for (k, ((r, x), f)) in r.iter_mut().zip(x.iter_mut()).zip(f.iter_mut()).enumerate() {
                let o = score_row(ind, base + k, n_emp, &rp);
                *r = o.rounded;
                *x = u64::try_from(o.fixed).unwrap_or(0);
                *f = o.flags;
                if let Some(fault) = o.fault {
                    faults.push((base + k, fault));
                }
            }
            faults
        })
        .flatten()
        .collect();
    if on_error == OnError::Raise {
        if let Some((row, f)) = row_faults.first() {
            return Err(row_error(ind, *row, *f, labels).error);
        }
    }
    let mut bad_emp = vec![false; n_emp];
    for (row, _) in &row_faults {
        if let Some(b) = ind.employee.get(*row).and_then(|e| bad_emp.get_mut(*e as usize)) {
            *b = true;
        }
    }

    // Phase 2: employees, in parallel chunks.
    let groups = group(ind.employee, n_emp);
    let reported = policy.rounding.reported;
    let ctx = EmpCtx {
        ind,
        emps,
        units,
        policy,
        reported,
        rep_step: pow10(FIXED_SCALE.saturating_sub(reported.scale)).unwrap_or(1),
        flags: &flags,
        fixed: &fixed,
        bands: band_thresholds(policy, reported.scale),
    };
    let mut es = EmployeeScores {
        weighted: vec![0; n_emp],
        weighted_valid: vec![false; n_emp],
        scale: reported.scale,
        advised: vec![None; n_emp],
        work: vec![None; n_emp],
        work_source: vec![None; n_emp],
        behaviour: vec![None; n_emp],
        predicate: vec![None; n_emp],
        disagreement: vec![false; n_emp],
        weights_normalised: vec![false; n_emp],
        ok: vec![true; n_emp],
    };
    let emp_results: Vec<(Vec<(usize, EmpFault)>, u64)> = es
        .weighted
        .par_chunks_mut(EMP_CHUNK)
        .zip(es.weighted_valid.par_chunks_mut(EMP_CHUNK))
        .zip(es.advised.par_chunks_mut(EMP_CHUNK))
        .zip(es.work.par_chunks_mut(EMP_CHUNK))
        .zip(es.work_source.par_chunks_mut(EMP_CHUNK))
        .zip(es.behaviour.par_chunks_mut(EMP_CHUNK))
        .zip(es.predicate.par_chunks_mut(EMP_CHUNK))
        .zip(es.disagreement.par_chunks_mut(EMP_CHUNK))
        .zip(es.weights_normalised.par_chunks_mut(EMP_CHUNK))
        .zip(es.ok.par_chunks_mut(EMP_CHUNK))
        .enumerate()
        .map(|(c, (((((((((w, wv), adv), work), src), beh), pred), dis), norm), ok))| {
            let base = c * EMP_CHUNK;
            let mut faults = Vec::new();
            let mut fallbacks = 0u64;
            for k in 0..w.len() {
                let e = base + k;
                let lo = groups.offsets.get(e).copied().unwrap_or(0);
                let hi = groups.offsets.get(e + 1).copied().unwrap_or(lo);
                let rows = if groups.order.is_empty() {
                    RowsOf::Range(lo, hi)
                } else {
                    RowsOf::Order(groups.order.get(lo..hi).unwrap_or(&[]))
                };
                let o = ctx.employee(e, rows);
                if o.fallback {
                    fallbacks += 1;
                }
                let bad = bad_emp.get(e).copied().unwrap_or(false);
                if let Some(f) = o.fault {
                    faults.push((e, f));
                }
                if bad || o.fault.is_some() {
                    if let Some(x) = ok.get_mut(k) {
                        *x = false;
                    }
                    continue;
                }
                if let (Some(v), Some(x), Some(y)) = (o.weighted, w.get_mut(k), wv.get_mut(k)) {
                    *x = v;
                    *y = true;
                }
                if let Some(x) = adv.get_mut(k) {
                    *x = o.advised;
                }
                if let (Some(x), Some(y)) = (work.get_mut(k), src.get_mut(k)) {
                    *x = o.work.map(|p| p.0);
                    *y = o.work.map(|p| p.1);
                }
                if let Some(x) = beh.get_mut(k) {
                    *x = o.behaviour;
                }
                if let Some(x) = pred.get_mut(k) {
                    *x = o.predicate;
                }
                if let Some(x) = dis.get_mut(k) {
                    *x = o.disagreement;
                }
                if let Some(x) = norm.get_mut(k) {
                    *x = o.normalised;
                }
            }
            (faults, fallbacks)
        })
        .collect();
    let mut emp_faults = Vec::new();
    let mut fallback_employees = 0;
    for (f, fb) in emp_results {
        emp_faults.extend(f);
        fallback_employees += fb;
    }
    if on_error == OnError::Raise {
        if let Some((e, f)) = emp_faults.first() {
            return Err(emp_error(ind, *e, *f, labels).error);
        }
    }

    // Errors table: indicator rows first (by row), then employees (by row).
    let mut errors: Vec<BatchError> =
        row_faults.iter().map(|(r, f)| row_error(ind, *r, *f, labels)).collect();
    let mut emp_errs: Vec<BatchError> =
        emp_faults.iter().map(|(e, f)| emp_error(ind, *e, *f, labels)).collect();
    for (e, bad) in bad_emp.iter().enumerate() {
        if *bad && !emp_faults.iter().any(|(x, _)| *x == e) {
            emp_errs.push(indicator_error_for_employee(e, labels));
        }
    }
    emp_errs.sort_by_key(|b| b.row);
    errors.extend(emp_errs);

    let (mut fast_rows, mut fallback_rows) = (0u64, 0u64);
    let mut valid = vec![false; n];
    for ((v, f), r) in valid.iter_mut().zip(&flags).zip(rounded.iter_mut()) {
        if f & (F_ERROR | F_EXCLUDED) == 0 {
            *v = true;
            if f & F_FALLBACK != 0 {
                fallback_rows += 1;
            } else {
                fast_rows += 1;
            }
        } else {
            *r = 0;
        }
    }
    Ok(BatchOutput {
        indicators: IndicatorScores { achievement: rounded, valid, scale: policy.rounding.achievement.scale },
        employees: es,
        errors,
        stats: BatchStats { fast_rows, fallback_rows, fallback_employees },
    })
}

/// Annual credit points per employee (PermenPANRB 1/2023; 12 months): for each employee with
/// a predicate and a functional grade (code in [`FunctionalGrade`]'s declaration order,
/// Pemula 0 … Ahli Utama 7; null: not a functional post), the scalar
/// [`crate::followup::credit_points()`] of that (predicate, grade) pair, looked up from the 40
/// pairs computed once. Returns mantissas at the policy's credit-point rounding scale and
/// their validity.
///
/// [`FunctionalGrade`]: crate::model::FunctionalGrade
pub fn credit_points(
    out: &EmployeeScores,
    grade: &CodeColumn,
    policy: &crate::rules::Policy,
) -> Result<(Vec<i128>, Vec<bool>, u32), Error> {
    use crate::explain::Labelled;
    use crate::model::FunctionalGrade;
    let scale = policy.follow_up.credit_points.rounding.scale;
    let grades = FunctionalGrade::ALL;
    let mut lut = vec![0i128; PREDICATE_ORDER.len() * grades.len()];
    for (p, pred) in PREDICATE_ORDER.iter().enumerate() {
        for (g, gr) in grades.iter().enumerate() {
            let v = crate::followup::credit_points(*pred, *gr, 12, policy)?.value;
            let m = mantissa_at(v, scale).ok_or_else(|| Error::Arithmetic {
                at: Location::default(),
                operation: format!("credit points {v} at {scale} places"),
            })?;
            if let Some(slot) = lut.get_mut(p * grades.len() + g) {
                *slot = m;
            }
        }
    }
    let (values, valid): (Vec<i128>, Vec<bool>) = out
        .predicate
        .par_iter()
        .enumerate()
        .map(|(e, p)| {
            let g = grade.get(e).map(usize::from).filter(|g| *g < grades.len());
            match (p, g) {
                (Some(p), Some(g)) => {
                    lut.get(predicate_code(*p) as usize * grades.len() + g).map_or((0, false), |v| (*v, true))
                }
                _ => (0, false),
            }
        })
        .unzip();
    Ok((values, valid, scale))
}

const PREDICATE_ORDER: [Predicate; 5] = [
    Predicate::VeryPoor,
    Predicate::PoorMisconduct,
    Predicate::NeedsImprovement,
    Predicate::Good,
    Predicate::VeryGood,
];

/// The distribution verdict of one unit of a batch (SE MenPANRB 3/2023).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnitDistribution {
    /// Counted employees per predicate code, worst (Sangat Kurang) 0 to best (Sangat Baik) 4.
    pub counts: [u64; 5],
    /// Unit heads with a predicate left out of the count (policy
    /// `organisation.head_counted = false`).
    pub heads_excluded: u64,
    /// The violated constraints (empty: the unit passes); `None` when the unit has no
    /// organisational predicate, so the curve cannot be checked.
    pub violations: Option<Vec<crate::org::distribution::Constraint>>,
}

/// The per-unit distribution check on batch results: each unit's employees (by
/// [`EmployeeColumns::unit`]) with a predicate are counted — the unit head only when
/// `policy.organisation.head_counted` — and the counts are checked with
/// [`crate::org::count_violations`] against the unit's organisational predicate. Employees
/// without a predicate (errors, missing behaviour) or without a unit are not counted. Returns
/// one entry per unit row, in order; empty when the employees have no unit column.
pub fn unit_distribution(
    out: &EmployeeScores,
    emps: &EmployeeColumns,
    units: &UnitColumns,
    policy: &crate::rules::Policy,
) -> Result<Vec<UnitDistribution>, Error> {
    let Some(unit) = emps.unit else { return Ok(Vec::new()) };
    let org = &policy.organisation;
    let mut res = vec![UnitDistribution::default(); units.len];
    for (e, (p, u)) in out.predicate.iter().zip(unit).enumerate() {
        let (Some(p), Some(d)) = (p, res.get_mut(*u as usize)) else { continue };
        if !org.head_counted && emps.unit_head.as_ref().is_some_and(|c| c.get(e)) {
            d.heads_excluded += 1;
        } else if let Some(x) = d.counts.get_mut(predicate_code(*p) as usize) {
            *x += 1;
        }
    }
    for (i, d) in res.iter_mut().enumerate() {
        let Some(op) = units.org_predicate.as_ref().and_then(|c| c.get(i)).and_then(org_predicate_of) else {
            continue;
        };
        d.violations = Some(crate::org::count_violations(op, &d.counts, org)?);
    }
    Ok(res)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_fixed_modes() {
        let step = POW10[10];
        // 5.625 exact at scale 12 → 5.63 / 5.62 / 5.62
        let v = 5_625_000_000_000i128;
        assert_eq!(round_fixed(v, 0, step, RoundingMode::HalfUp), Some(563));
        assert_eq!(round_fixed(v, 0, step, RoundingMode::HalfEven), Some(562));
        assert_eq!(round_fixed(v, 0, step, RoundingMode::Truncate), Some(562));
        // inexact just below a midpoint → undecided
        assert_eq!(round_fixed(v - 1, 1, step, RoundingMode::HalfUp), None);
        // inexact well away → decided
        assert_eq!(round_fixed(v - 1000, 1, step, RoundingMode::HalfUp), Some(562));
        assert_eq!(round_fixed(5_000_000_000_100, 1, step, RoundingMode::Truncate), Some(500));
        assert_eq!(round_fixed(5_000_000_000_000, 1, step, RoundingMode::Truncate), None);
    }

    #[test]
    fn values_too_large_for_the_declared_scale_keep_their_value() {
        // 7.93e25 cannot be held by rust_decimal at 3 places: Rounding keeps 2 (or fewer)
        let big = Decimal::from_i128_with_scale(7_930_000_000_000_000_000_000_000_000, 2);
        let r = Rounding { scale: 3, mode: RoundingMode::HalfUp }.apply(big);
        assert!(r.scale() < 3);
        let m = mantissa_at(r, 3).unwrap();
        assert_eq!(m, 79_300_000_000_000_000_000_000_000_000);
        assert_eq!(decimal_of(m, 3), Some(big));
        assert_eq!(mantissa_at(Decimal::new(1234, 2), 4), Some(123_400));
        assert_eq!(mantissa_at(Decimal::new(1230, 3), 2), Some(123));
        assert_eq!(mantissa_at(Decimal::new(1234, 3), 2), None);
        assert_eq!(decimal_of(i128::MAX, 0), None);
    }

    #[test]
    fn bits() {
        let b = Bits { bytes: &[0b1010_0000, 0b1], offset: 5 };
        assert!(b.get(0));
        assert!(!b.get(1));
        assert!(b.get(2));
        assert!(b.get(3));
        assert!(!b.get(40));
    }
}
