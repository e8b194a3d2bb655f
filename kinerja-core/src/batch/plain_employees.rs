//! The plain employee loop: stage 2 specialised for the common shape, as the plain row loop
//! is stage 1's. What the policy and the columns fix for every employee (the weight column's
//! type and scale, the required sum of weights, the advisory thresholds) is resolved once per
//! call; each employee is then computed on machine words with the same mean, rounding,
//! advice, rating and predicate as [`EmpCtx::employee`]. An employee it cannot decide (a row
//! off the plain row loop, a missing or negative weight, a sum of weights the policy refuses,
//! a rounding boundary too close, a missing or bad code, a JPT post under a JPT rule) is
//! handed to [`EmpCtx::employee`] itself, so both give the same results.

use super::*;

/// The weight column as the plain mean reads it.
#[derive(Clone, Copy)]
enum Weights<'a> {
    /// No weight column: every row weighs 1.
    None,
    /// Without nulls, read directly.
    Plain(Col64<'a>),
    /// With a validity bitmap (a null weight sends its employee to the general path).
    Nullable(DecimalColumn<'a>),
}

/// A column with nulls read on 64-bit words (`None` for a null or a wider value).
impl Read64 for DecimalColumn<'_> {
    #[inline(always)]
    fn at(&self, i: usize) -> Option<i64> {
        self.raw(i).and_then(|v| i64::try_from(v).ok())
    }
}

/// `$body` with `$w` bound to the weight reader of `$pm`, one copy per reader type (so each
/// loop reads its column directly).
macro_rules! on_weights {
    ($pm:expr, $w:ident => $body:expr) => {
        match $pm.weights {
            Weights::None => {
                let $w = NoWeight;
                $body
            }
            Weights::Plain(Col64::I64(v)) => {
                let $w = v;
                $body
            }
            Weights::Plain(Col64::I128(v)) => {
                let $w = v;
                $body
            }
            #[cfg(feature = "float-input")]
            Weights::Plain(Col64::F64(v)) => {
                let $w = v;
                $body
            }
            Weights::Nullable(c) => {
                let $w = c;
                $body
            }
        }
    };
}

/// What the plain mean reads, resolved once per call by [`PlainMean::new`].
#[derive(Clone, Copy)]
pub(super) struct PlainMean<'a> {
    /// The weight column.
    weights: Weights<'a>,
    /// The sum of weight mantissas the policy requires (`rating.weights_must_sum_to` at the
    /// weight column's scale).
    sum_to: Option<u64>,
    /// 100 at the weight column's scale (a mean of given weights off it is normalised).
    hundred: Option<u64>,
}

impl<'a> PlainMean<'a> {
    /// The plain mean's view of `ind` under `policy`; `None` when no employee can take it
    /// (rounded mean inputs, additional results left out, a weight column of more places
    /// than a row value holds, a required sum no weights can reach).
    pub(super) fn new(ind: &IndicatorColumns<'a>, policy: &Policy) -> Option<Self> {
        let rating = &policy.rating;
        if policy.rounding.mean_inputs != MeanInputs::Unrounded {
            return None;
        }
        if !rating.include_additional && ind.additional.is_some() {
            return None;
        }
        let Some(w) = &ind.weight else {
            return Some(PlainMean { weights: Weights::None, sum_to: None, hundred: None });
        };
        if w.scale > 28 {
            return None;
        }
        let unit = Decimal::try_from_i128_with_scale(pow10(w.scale)?, 0).ok()?;
        let sum_to = match rating.weights_must_sum_to {
            None => None,
            // a sum the mantissas cannot make refuses every employee (the general path words it)
            Some(req) => Some(mantissa_u64(req.checked_mul(unit)?)?),
        };
        let hundred = mantissa_u64(Decimal::ONE_HUNDRED.checked_mul(unit)?);
        let weights = Col64::of(w).map_or(Weights::Nullable(*w), Weights::Plain);
        Some(PlainMean { weights, sum_to, hundred })
    }

    /// The rounded weighted mean of the rows `lo..hi` (their flags and fixed values in
    /// `flags` and `fixed`) and whether given weights were normalised; `None` when
    /// [`EmpCtx::weighted`] must decide. The same sums, division and rounding as there.
    #[inline(always)]
    fn mean<W: Read64>(
        &self,
        w: W,
        lo: usize,
        flags: &[u8],
        fixed: &[u64],
        ctx: &EmpCtx,
    ) -> Option<(i128, bool)> {
        let (mut other, mut all_exact, mut num, mut w_sum) = (0u8, true, 0u64, 0u64);
        for (k, (f, x)) in flags.iter().zip(fixed).enumerate() {
            other |= f & !F_EXACT;
            all_exact &= *f == F_EXACT;
            let w = u64::try_from(w.at(lo + k)?).ok()?;
            num = num.checked_add(w.checked_mul(*x)?)?;
            w_sum = w_sum.checked_add(w)?;
        }
        if other != 0 || flags.is_empty() {
            return None;
        }
        if self.sum_to.is_some_and(|s| s != w_sum) {
            return None;
        }
        let (mf, rem) = divrem_small(num, w_sum)?;
        let width = if all_exact && rem == 0 { 1 } else { 2 };
        let r = round_fixed(i128::from(mf), width, ctx.rep_step, ctx.reported.mode)?;
        let given = !matches!(self.weights, Weights::None);
        let normalised = given && self.sum_to.is_none() && self.hundred != Some(w_sum);
        Some((r, normalised))
    }
}

/// `d`'s mantissa when `d` is a whole number that fits a `u64`.
fn mantissa_u64(d: Decimal) -> Option<u64> {
    let d = d.normalize();
    if d.scale() != 0 {
        return None;
    }
    u64::try_from(d.mantissa()).ok()
}

/// The advice of a rounded mean `w` from the thresholds `bands` (in the policy's order): the
/// first band it reaches, `below` when it reaches none.
#[inline(always)]
pub(super) fn advice(bands: &[(i128, Rating)], w: i128) -> Option<Rating> {
    bands
        .iter()
        .find(|(t, _)| w >= *t)
        .map(|(_, r)| *r)
        .or_else(|| (!bands.is_empty()).then_some(Rating::Below))
}

impl EmpCtx<'_, '_> {
    /// The plain mean of the rows `lo..hi` of this context's row view.
    #[inline(always)]
    pub(super) fn plain_mean(&self, lo: usize, hi: usize) -> Option<Mean> {
        let pm = self.plain?;
        if lo >= hi {
            return None;
        }
        let span = lo.checked_sub(self.rows.base)?..hi.checked_sub(self.rows.base)?;
        let (flags, fixed) = (self.rows.flags.get(span.clone())?, self.rows.fixed.get(span)?);
        let (value, normalised) = on_weights!(pm, w => pm.mean(w, lo, flags, fixed, self))?;
        Some(Mean { value: Some(value), fallback: false, normalised, clean: true })
    }

    /// Employee `e` (rows `lo..hi`) on the plain loop, written into slot `k` of `slots`;
    /// `None` (nothing written) when [`EmpCtx::employee`] must decide.
    #[inline(always)]
    fn plain_employee<W: Read64>(
        &self,
        pm: &PlainMean,
        w: W,
        e: usize,
        (lo, hi): (usize, usize),
        k: usize,
        slots: &mut EmpSlots,
    ) -> Option<()> {
        let rating = &self.policy.rating;
        let bands = self.bands?;
        if rating.jpt_scope != JptScope::None && self.emps.jpt.as_ref().is_some_and(|c| c.get(e)) {
            return None;
        }
        let behaviour = rating_of(self.emps.behaviour.as_ref()?.get(e)?)?;
        let given = match self.emps.work_rating.as_ref().and_then(|c| c.get(e)) {
            Some(code) => Some(rating_of(code)?),
            None => None,
        };
        let span = lo.checked_sub(self.rows.base)?..hi.checked_sub(self.rows.base)?;
        let (flags, fixed) = (self.rows.flags.get(span.clone())?, self.rows.fixed.get(span)?);
        let (mean, normalised) = pm.mean(w, lo, flags, fixed, self)?;
        let advised = advice(bands, mean);
        let (work, source) = match given {
            Some(g) => (g, RatingSource::Appraiser),
            None if rating.use_advice_when_missing => (advised?, RatingSource::Advisory),
            None => return None,
        };
        slots.put(
            k,
            &EmpOut {
                weighted: Some(mean),
                fallback: false,
                normalised,
                advised,
                work: Some((work, source)),
                behaviour: Some(behaviour),
                predicate: Some(predicate(work, behaviour)),
                disagreement: given.is_some() && advised.is_some_and(|a| a != work),
                fault: None,
                rows_clean: true,
            },
            false,
        );
        Some(())
    }

    /// Stage 2 over the employees `e0..e0 + slots.len()` of rows grouped in ranges, each
    /// on the plain loop when it can take it, else on [`EmpCtx::employee`].
    fn plain_chunk<W: Read64>(
        &self,
        pm: &PlainMean,
        w: W,
        groups: &Groups,
        e0: usize,
        slots: &mut EmpSlots,
    ) -> EmpTally {
        let mut t = EmpTally::default();
        for k in 0..slots.len() {
            let e = e0 + k;
            let lo = groups.offsets.get(e).copied().unwrap_or(0);
            let hi = groups.offsets.get(e + 1).copied().unwrap_or(lo);
            if self.plain_employee(pm, w, e, (lo, hi), k, slots).is_some() {
                t.plain += 1;
            } else {
                t.employee(self, e, RowsOf::Range(lo, hi), k, slots);
            }
        }
        t
    }

    /// Stage 2 over the employees `e0..e0 + slots.len()`: the plain loop for rows grouped
    /// in ranges when the call's shape allows it, else each employee on [`EmpCtx::employee`].
    pub(super) fn emp_chunk(&self, groups: &Groups, e0: usize, slots: &mut EmpSlots) -> EmpTally {
        if let (true, Some(pm)) = (groups.order.is_empty(), self.plain) {
            return on_weights!(pm, w => self.plain_chunk(&pm, w, groups, e0, slots));
        }
        let mut t = EmpTally::default();
        for k in 0..slots.len() {
            let e = e0 + k;
            let lo = groups.offsets.get(e).copied().unwrap_or(0);
            let hi = groups.offsets.get(e + 1).copied().unwrap_or(lo);
            let rows = if groups.order.is_empty() {
                RowsOf::Range(lo, hi)
            } else {
                RowsOf::Order(groups.order.get(lo..hi).unwrap_or(&[]))
            };
            t.employee(self, e, rows, k, slots);
        }
        t
    }
}
