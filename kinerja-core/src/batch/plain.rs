//! The plain row loop: stage 1 specialised for the common column shape (point targets,
//! 64-bit or float mantissas without nulls, no cap column). Each row is computed on machine
//! words with the same formulas, rounding and margins as [`score_row`]; any row it cannot
//! decide (a negative value, an overflow, a rounding boundary too close, a bad code) is
//! handed to [`score_row`] itself, so both give the same results (tested row by row).

use super::*;

/// A column of mantissas without nulls, read by the plain loop on 64-bit words.
pub(super) trait Read64: Copy {
    /// The mantissa of row `i` (`None` past the column or beyond 64 bits: the row goes to
    /// [`score_row`]).
    fn at(&self, i: usize) -> Option<i64>;
}

impl Read64 for &[i64] {
    #[inline(always)]
    fn at(&self, i: usize) -> Option<i64> {
        self.get(i).copied()
    }
}

/// 128-bit mantissas (Arrow `decimal128`, the table layer's columns): the values of a usual
/// column fit 64 bits, and a row whose value does not is decided by [`score_row`].
impl Read64 for &[i128] {
    #[inline(always)]
    fn at(&self, i: usize) -> Option<i64> {
        self.get(i).and_then(|v| i64::try_from(*v).ok())
    }
}

#[cfg(feature = "float-input")]
impl Read64 for Floats<'_> {
    #[inline(always)]
    fn at(&self, i: usize) -> Option<i64> {
        self.get_i64(i)
    }
}

/// No weight column: every row weighs 1 (never negative).
#[derive(Clone, Copy)]
pub(super) struct NoWeight;

impl Read64 for NoWeight {
    #[inline(always)]
    fn at(&self, _: usize) -> Option<i64> {
        Some(1)
    }
}

/// The powers of ten of a row's ratio: `a × up / t` (higher is better, reflection) and
/// `t × down / a` (the inverse formula for lower is better).
#[derive(Clone, Copy)]
pub(super) struct Ratios {
    up: Option<u64>,
    down: Option<u64>,
}

impl Ratios {
    /// The powers for targets with `t_s` and actuals with `a_s` places (`None` when the
    /// column scales are beyond a row value's range).
    fn new(t_s: u32, a_s: u32) -> Option<Self> {
        if t_s > 28 || a_s > 28 {
            return None;
        }
        let power = |num_s: u32, den_s: u32| {
            (2 + FIXED_SCALE + den_s).checked_sub(num_s).and_then(|e| POW10_U64.get(e as usize).copied())
        };
        Some(Ratios { up: power(a_s, t_s), down: power(t_s, a_s) })
    }
}

/// `num × p / den` and whether it is exact: on one 64-bit division when the product fits a
/// machine word, else on a 128-bit product (values in the thousands and up at two places:
/// patients served, rupiah), never overflowing (`None` only for a missing power or `den` 0).
#[inline(always)]
fn ratio64(num: u64, p: Option<u64>, den: u64) -> Option<(i128, bool)> {
    let p = p?;
    match num.checked_mul(p) {
        Some(n) => {
            let (q, r) = (n.checked_div(den)?, n.checked_rem(den)?);
            Some((i128::from(q), r == 0))
        }
        None => ratio128(u128::from(num) * u128::from(p), den),
    }
}

/// `n / den` and whether it is exact, for a product `n` past 64 bits (out of line: rare in
/// most columns, every row in some).
#[inline(never)]
fn ratio128(n: u128, den: u64) -> Option<(i128, bool)> {
    let q = n.checked_div(u128::from(den))?;
    let exact = q.checked_mul(u128::from(den)) == Some(n);
    Some((i128::try_from(q).ok()?, exact))
}

/// One row's fixed-point achievement, whether it is exact, and its rounded value; `None`
/// when [`score_row`] must decide.
#[inline(always)]
pub(super) fn plain_row(
    t: i64,
    a: i64,
    lower: bool,
    ratios: Ratios,
    rp: &RowPolicy,
) -> Option<(u64, bool, i128)> {
    let (Ok(t), Ok(a)) = (u64::try_from(t), u64::try_from(a)) else { return None };
    if t == 0 {
        return None;
    }
    let (v, exact) = if rp.lower_reflection || !lower {
        // one division for both polarities, the reflection chosen without a branch on the
        // data (a fifth of the rows at random are lower-is-better)
        let (r, ex) = ratio64(a, ratios.up, t)?;
        let reflected = 200 * POW10[FIXED_SCALE as usize] - r - i128::from(!ex);
        (if lower { reflected } else { r }, ex)
    } else {
        if a == 0 {
            return None;
        }
        ratio64(t, ratios.down, a)?
    };
    let (v, exact) = finish_fixed(v, exact, None, rp)?;
    let rounded = round_fixed(v, i128::from(!exact), rp.step, rp.round.mode)?;
    Some((u64::try_from(v).ok()?, exact, rounded))
}

/// Whether the plain loop applies to `ind`: point targets only, no cap column, and a
/// default cap the fixed-point path holds.
fn plain_shape(ind: &IndicatorColumns, rp: &RowPolicy) -> bool {
    ind.target_low.is_none() && ind.target_high.is_none() && ind.cap.is_none() && rp.default_cap_ok
}

/// A 64-bit reader of `c` when it has no nulls.
#[derive(Clone, Copy)]
pub(super) enum Col64<'a> {
    I64(&'a [i64]),
    I128(&'a [i128]),
    #[cfg(feature = "float-input")]
    F64(Floats<'a>),
}

impl<'a> Col64<'a> {
    pub(super) fn of(c: &DecimalColumn<'a>) -> Option<Self> {
        if c.validity.is_some() {
            return None;
        }
        match c.values {
            Mantissas::I64(v) => Some(Col64::I64(v)),
            Mantissas::I128(v) => Some(Col64::I128(v)),
            #[cfg(feature = "float-input")]
            Mantissas::F64(v) => Some(Col64::F64(v)),
        }
    }
}

/// Stage 1 over `lo..lo + slots.rounded.len()` on the plain loop, or `None` when the
/// columns are not of its shape.
pub(super) fn plain_span(
    ind: &IndicatorColumns,
    lo: usize,
    n_emp: usize,
    rp: &RowPolicy,
    slots: &mut RowSlots,
) -> Option<RowTally> {
    if !plain_shape(ind, rp) {
        return None;
    }
    let ratios = Ratios::new(ind.target.scale, ind.actual.scale)?;
    let weight = match &ind.weight {
        None => None,
        Some(w) if w.scale <= 28 => Some(Col64::of(w)?),
        Some(_) => return None,
    };
    let cols = (Col64::of(&ind.target)?, Col64::of(&ind.actual)?, weight);
    let run = Run { ind, lo, n_emp, rp, ratios };
    // One loop per combination of mantissa types, so each reads its columns directly.
    macro_rules! go {
        ($t:expr, $a:expr) => {
            match cols.2 {
                None => run.span($t, $a, NoWeight, slots),
                Some(Col64::I64(w)) => run.span($t, $a, w, slots),
                Some(Col64::I128(w)) => run.span($t, $a, w, slots),
                #[cfg(feature = "float-input")]
                Some(Col64::F64(w)) => run.span($t, $a, w, slots),
            }
        };
    }
    Some(match (cols.0, cols.1) {
        (Col64::I64(t), Col64::I64(a)) => go!(t, a),
        (Col64::I128(t), Col64::I128(a)) => go!(t, a),
        #[cfg(feature = "float-input")]
        (Col64::F64(t), Col64::F64(a)) => go!(t, a),
        #[cfg(feature = "float-input")]
        (Col64::F64(t), Col64::I64(a)) => go!(t, a),
        #[cfg(feature = "float-input")]
        (Col64::I64(t), Col64::F64(a)) => go!(t, a),
        // 128-bit mantissas beside other kinds (a decimal128 column beside integers): row by row
        _ => return None,
    })
}

/// What every row of a plain span shares.
struct Run<'i, 'a, 'p> {
    ind: &'i IndicatorColumns<'a>,
    lo: usize,
    n_emp: usize,
    rp: &'i RowPolicy<'p>,
    ratios: Ratios,
}

impl Run<'_, '_, '_> {
    #[inline(always)]
    fn span<T: Read64, A: Read64, W: Read64>(&self, t: T, a: A, w: W, slots: &mut RowSlots) -> RowTally {
        let mut tally = RowTally::default();
        let polarity = self.ind.polarity.as_ref();
        let emp = self.ind.employee.get(self.lo..).unwrap_or(&[]);
        let RowSlots { rounded, valid, fixed, flags } = slots;
        let out = rounded.iter_mut().zip(valid.iter_mut()).zip(fixed.iter_mut().zip(flags.iter_mut()));
        for (k, (((r, v), (x, f)), e)) in out.zip(emp).enumerate() {
            let i = self.lo + k;
            // null or absent polarity: higher is better; a code past 1 goes to `score_row`
            let code = polarity.and_then(|c| c.get(i)).unwrap_or(0);
            let row = match (t.at(i), a.at(i), w.at(i)) {
                (Some(tm), Some(am), Some(wm)) if (code <= 1) & (wm >= 0) & ((*e as usize) < self.n_emp) => {
                    plain_row(tm, am, code == 1, self.ratios, self.rp)
                }
                _ => None,
            };
            match row {
                Some((value, exact, rv)) => {
                    (*r, *v, *x, *f) = (rv, true, value, if exact { F_EXACT } else { 0 });
                    tally.fast += 1;
                    tally.plain += 1;
                }
                None => self.fallback(i, &mut tally, (r, v, x, f)),
            }
        }
        tally
    }

    /// Row `i` on [`score_row`], out of the loop's way (rare in most columns).
    #[cold]
    #[inline(never)]
    fn fallback(&self, i: usize, tally: &mut RowTally, slots: (&mut i128, &mut bool, &mut u64, &mut u8)) {
        tally.add_row(i, score_row(self.ind, i, self.n_emp, self.rp), slots);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quotient and its exactness, on the machine-word product and past it.
    #[test]
    fn ratio_on_one_word_and_on_two() {
        assert_eq!(ratio64(3, Some(10), 2), Some((15, true)));
        assert_eq!(ratio64(1, Some(10), 3), Some((3, false)));
        assert_eq!(ratio64(1, Some(10), 0), None);
        assert_eq!(ratio64(1, None, 3), None);
        let p = POW10_U64[14];
        // 25 000.00 of 25 000.00: 100 % at 12 places, a product past 64 bits
        assert_eq!(ratio64(2_500_000, Some(p), 2_500_000), Some((100 * POW10[12], true)));
        // 25 000.00 of 75 000.00 and of 24 999.99: not exact, truncated
        assert_eq!(ratio64(2_500_000, Some(p), 7_500_000), Some((33_333_333_333_333, false)));
        assert_eq!(ratio64(2_500_000, Some(p), 2_499_999), Some((100_000_040_000_016, false)));
        // the largest product: its quotient by 1 is past an i128 (the general kernel decides)
        assert_eq!(ratio64(u64::MAX, Some(u64::MAX), 1), None);
        assert_eq!(ratio64(u64::MAX, Some(u64::MAX), u64::MAX), Some((i128::from(u64::MAX), true)));
    }

    proptest::proptest! {
        /// The mean's division by a usual sum of weights equals the checked division.
        #[test]
        fn division_by_a_usual_sum_of_weights(n in proptest::prelude::any::<u64>(), d in 0u64..120) {
            proptest::prop_assert_eq!(divrem_small(n, d), n.checked_div(d).zip(n.checked_rem(d)));
        }
    }
}
