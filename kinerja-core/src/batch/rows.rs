//! Stage 1, the indicator rows: each row's achievement on the fixed-point fast path, or the
//! scalar kernel on `rust_decimal` when the fast path cannot decide.

use super::*;

pub(super) const F_EXACT: u8 = 1;
pub(super) const F_FALLBACK: u8 = 2;
pub(super) const F_EXCLUDED: u8 = 4;
pub(super) const F_ERROR: u8 = 8;

/// A row error without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowFault {
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
pub(super) struct RowPolicy<'p> {
    pub(super) policy: &'p Policy,
    pub(super) round: Rounding,
    pub(super) step: i128,
    pub(super) floor: bool,
    pub(super) default_cap_fixed: Option<i128>,
    pub(super) default_cap_ok: bool,
    pub(super) range_inside_fixed: Option<i128>,
    pub(super) lower_reflection: bool,
}

pub(super) fn to_fixed(m: i128, s: u32) -> Option<i128> {
    if s <= FIXED_SCALE { m.checked_mul(pow10(FIXED_SCALE - s)?) } else { None }
}

pub(super) fn dec_to_fixed(d: Decimal) -> Option<i128> {
    to_fixed(d.mantissa(), d.scale())
}

impl<'p> RowPolicy<'p> {
    pub(super) fn new(policy: &'p Policy) -> Self {
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
#[inline(always)]
pub(super) fn round_fixed(v: i128, width: i128, step: i128, mode: RoundingMode) -> Option<i128> {
    // The default (half up to two places) on a constant step: its division becomes a
    // multiplication and the mode's branches fold away (half the row loop's time, a quarter
    // of the kernels').
    const CENTS: i128 = POW10[FIXED_SCALE as usize - 2];
    if step == CENTS && mode == RoundingMode::HalfUp {
        round_step(v, width, CENTS, RoundingMode::HalfUp)
    } else {
        round_step(v, width, step, mode)
    }
}

/// [`round_fixed`] for any `step` and `mode`.
#[inline(always)]
fn round_step(v: i128, width: i128, step: i128, mode: RoundingMode) -> Option<i128> {
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
            // next midpoint 3·step/2; decided without a branch on the data (rows round up and
            // down at random).
            let (lo2, hi2) = (2 * lo, 2 * hi);
            let down = (hi2 < step) & (lo2 > -step);
            let up = (lo2 > step) & (hi2 < 3 * step);
            (down | up).then_some(q + i128::from(up))
        }
    }
}

/// The fast-path achievement of one row: `(fixed value, exact)`, or `None` to fall back.
#[inline(always)]
pub(super) fn fast_row(
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
            // `score_row` refuses an inverted or negative range before it gets here
            debug_assert!(0 <= lf && lf <= hf, "range checked by score_row");
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
        // On 64 bits when the scaled numerator fits (the common case): one multiplication
        // and one division of machine words.
        if let (Ok(n), Ok(d), Some(p)) = (u64::try_from(num), u64::try_from(den), POW10_U64.get(e as usize)) {
            if let (Some(n), true) = (n.checked_mul(*p), d > 0) {
                let (q, r) = (n.checked_div(d)?, n.checked_rem(d)?);
                return Some((i128::from(q), r == 0));
            }
        }
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

#[inline(always)]
pub(super) fn finish_fixed(v: i128, exact: bool, cap: Option<i128>, rp: &RowPolicy) -> Option<(i128, bool)> {
    let (mut v, mut exact) = (v, exact);
    if v < 0 {
        if !rp.floor {
            return None;
        }
        v = 0;
        exact = true;
    }
    if let Some(c) = cap.or(rp.default_cap_fixed) {
        let capped = v >= c;
        v = if capped { c } else { v };
        exact |= capped;
    }
    (v <= FIXED_MAX).then_some((v, exact))
}

#[derive(Clone, Copy)]
pub(super) enum Target128 {
    Point(i128, u32),
    Range { low: (i128, u32), high: (i128, u32) },
}

pub(super) fn decimal(m: i128, s: u32, field: &'static str) -> Result<Decimal, RowFault> {
    Decimal::try_from_i128_with_scale(m, s).map_err(|_| RowFault::OutOfRange(field))
}

/// Reads row `i` and computes its achievement; writes the rounded value and returns the
/// row flags and the fixed value (or the `rust_decimal` value on the fallback).
pub(super) struct RowOut {
    pub(super) flags: u8,
    pub(super) fixed: i128,
    pub(super) rounded: i128,
    pub(super) fault: Option<RowFault>,
}

/// Largest mantissa a `rust_decimal::Decimal` holds (2⁹⁶ − 1).
pub(super) const DEC_MAX: i128 = (1i128 << 96) - 1;

/// `m` at scale `s` within what a `Decimal` holds. Not the input limits of
/// [`check_limits`](crate::num::check_limits): the readers apply those to what a user writes,
/// and the kernel also takes values aggregated from such inputs (a sum of four quarters may
/// have 21 digits, a mean 28 places), as `evaluate` computes with them.
#[inline(always)]
pub(super) fn in_range(m: i128, s: u32, field: &'static str) -> Result<i128, RowFault> {
    if (-DEC_MAX..=DEC_MAX).contains(&m) && s <= 28 { Ok(m) } else { Err(RowFault::OutOfRange(field)) }
}

#[inline(always)]
pub(super) fn row_target(ind: &IndicatorColumns, i: usize) -> Result<Target128, RowFault> {
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

#[inline(always)]
pub(super) fn score_row(ind: &IndicatorColumns, i: usize, n_emp: usize, rp: &RowPolicy) -> RowOut {
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
    // the target's own checks (`Target::validate`), realised or not
    match tgt {
        Target128::Point(m, _) if m < 0 => return fail(RowFault::Kernel(KernelError::NegativeTarget)),
        Target128::Range { low, high } => {
            if let (Ok(lo), Ok(hi)) =
                (decimal(low.0, low.1, "target_low"), decimal(high.0, high.1, "target_high"))
            {
                if lo > hi {
                    return fail(RowFault::Kernel(KernelError::InvertedRange));
                }
            }
            if low.0 < 0 {
                return fail(RowFault::Kernel(KernelError::NegativeRangeBound));
            }
        }
        Target128::Point(..) => {}
    }
    let cap_raw = ind.cap.as_ref().and_then(|c| c.raw(i).map(|m| (m, c.scale)));
    if let Some(Err(f)) = cap_raw.map(|(m, s)| in_range(m, s, "cap")) {
        return fail(f);
    }
    if cap_raw.is_some_and(|(m, _)| m <= 0) {
        return fail(RowFault::Kernel(KernelError::NonPositiveCap));
    }
    // the row's definition is checked whether or not it was realised (as the scalar API
    // validates a plan before it evaluates it)
    let Some(a_m) = a_m else {
        return match rp.policy.rating.missing_realisation {
            MissingRealisation::Exclude => RowOut { flags: F_EXCLUDED, fixed: 0, rounded: 0, fault: None },
            MissingRealisation::Error => fail(RowFault::MissingActual),
        };
    };
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
pub(super) fn slow_row(
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

pub(super) fn slow_value(
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
