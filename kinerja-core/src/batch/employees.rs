//! Stage 2, the roll-up per employee: the weighted mean, the advice, the work-result rating,
//! the 6/2022 predicate.

use super::*;

/// A per-employee error without allocation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EmpFault {
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
pub(super) struct Mean {
    pub(super) value: Option<i128>,
    pub(super) fallback: bool,
    pub(super) normalised: bool,
    /// Every row of the employee was seen without an error (set by the plain mean only).
    pub(super) clean: bool,
}

pub(super) struct EmpOut {
    pub(super) weighted: Option<i128>,
    pub(super) fallback: bool,
    pub(super) normalised: bool,
    pub(super) advised: Option<Rating>,
    pub(super) work: Option<(Rating, RatingSource)>,
    pub(super) behaviour: Option<Rating>,
    pub(super) predicate: Option<Predicate>,
    pub(super) disagreement: bool,
    pub(super) fault: Option<EmpFault>,
    /// The rows are known to have no error (no need to look again).
    pub(super) rows_clean: bool,
}

/// The indicator rows of one employee, iterable more than once.
#[derive(Clone, Copy)]
pub(super) enum RowsOf<'a> {
    Range(usize, usize),
    Order(&'a [u32]),
}

impl RowsOf<'_> {
    pub(super) fn iter(&self) -> impl Iterator<Item = usize> + '_ {
        let (range, order) = match *self {
            RowsOf::Range(lo, hi) => (lo..hi, &[][..]),
            RowsOf::Order(o) => (0..0, o),
        };
        range.chain(order.iter().map(|r| *r as usize))
    }
}

/// Stage 1's flags and fixed-point values for a span of rows starting at row `base`.
#[derive(Clone, Copy)]
pub(super) struct RowView<'a> {
    pub(super) flags: &'a [u8],
    pub(super) fixed: &'a [u64],
    pub(super) base: usize,
}

impl RowView<'_> {
    /// The flags of row `row` (`F_ERROR` outside the span).
    #[inline(always)]
    pub(super) fn flags(&self, row: usize) -> u8 {
        row.checked_sub(self.base).and_then(|r| self.flags.get(r)).copied().unwrap_or(F_ERROR)
    }
    /// Whether some row of `rows` failed (rows outside the span count as failed).
    #[inline(always)]
    pub(super) fn any_error(&self, rows: RowsOf) -> bool {
        if let RowsOf::Range(lo, hi) = rows {
            let span = lo.checked_sub(self.base).zip(hi.checked_sub(self.base));
            if let Some(f) = span.and_then(|(a, b)| self.flags.get(a..b)) {
                return f.iter().any(|f| f & F_ERROR != 0);
            }
        }
        rows.iter().any(|r| self.flags(r) & F_ERROR != 0)
    }
    /// The fixed-point achievement of row `row` (0 outside the span).
    #[inline(always)]
    pub(super) fn fixed(&self, row: usize) -> i128 {
        i128::from(row.checked_sub(self.base).and_then(|r| self.fixed.get(r)).copied().unwrap_or(0))
    }
}

/// What the employee stage reads; copied per chunk with that chunk's [`RowView`].
#[derive(Clone, Copy)]
pub(super) struct EmpCtx<'a, 'p> {
    pub(super) ind: &'a IndicatorColumns<'a>,
    pub(super) emps: &'a EmployeeColumns<'a>,
    pub(super) units: &'a UnitColumns<'a>,
    pub(super) policy: &'p Policy,
    pub(super) reported: Rounding,
    pub(super) rep_step: i128,
    pub(super) rows: RowView<'a>,
    /// Advisory bands as integer thresholds at the reported scale: a rounded mean `w`
    /// reaches a band when `w >= ceil(min × 10^scale)`. `None`: use `advise` on decimals.
    pub(super) bands: Option<&'a [(i128, Rating)]>,
    /// The plain mean's view of the weights and policy (`None`: no employee takes it).
    pub(super) plain: Option<PlainMean<'a>>,
}

/// The advisory bands as thresholds on rounded means with `scale` places.
pub(super) fn band_thresholds(policy: &Policy, scale: u32) -> Option<Vec<(i128, Rating)>> {
    let f = Decimal::try_from_i128_with_scale(pow10(scale)?, 0).ok()?;
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
    pub(super) fn counted(&self, row: usize) -> bool {
        let f = self.rows.flags(row);
        if f & (F_EXCLUDED | F_ERROR) != 0 {
            return false;
        }
        self.policy.rating.include_additional || !self.ind.additional.as_ref().is_some_and(|c| c.get(row))
    }

    /// The weighted mean of an employee's rows (`value` is `None` when nothing counts).
    pub(super) fn weighted(&self, rows: RowsOf) -> Result<Mean, EmpFault> {
        if let RowsOf::Range(lo, hi) = rows {
            if let Some(m) = self.plain_mean(lo, hi) {
                return Ok(m);
            }
        }
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
            let f = self.rows.flags(row);
            if f & F_FALLBACK != 0 || w < 0 {
                fast = false;
                continue;
            }
            if f & F_EXACT == 0 {
                all_exact = false;
            }
            let v = self.rows.fixed(row);
            match (w_sum.checked_add(w), mul_wide(w, v).and_then(|p| num.checked_add(p))) {
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
                return Ok(Mean { value: Some(r), fallback: false, normalised, clean: false });
            }
        }
        self.weighted_fallback(rows, given > 0)
    }

    /// Rebuilds the mean on rust_decimal exactly as the scalar evaluation does.
    pub(super) fn weighted_fallback(&self, rows: RowsOf, given: bool) -> Result<Mean, EmpFault> {
        let rows: Vec<usize> = rows.iter().filter(|r| self.counted(*r)).collect();
        let (value, normalised) = self.weighted_decimal(&rows, given)?;
        Ok(Mean { value: Some(value), fallback: true, normalised, clean: false })
    }

    /// The scalar evaluation's weighted mean (`measure_all` of the 6/2022 regime), and whether
    /// given weights off 100 were normalised.
    pub(super) fn weighted_decimal(&self, rows: &[usize], given: bool) -> Result<(i128, bool), EmpFault> {
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
            let f = self.rows.flags(row);
            let fixed = self.rows.fixed(row);
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

    pub(super) fn employee(&self, e: usize, rows: RowsOf) -> EmpOut {
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
            rows_clean: false,
        };
        let r = self.employee_inner(e, rows, &mut out);
        if let Err(f) = r {
            out.fault = Some(f);
        }
        out
    }

    pub(super) fn employee_inner(&self, e: usize, rows: RowsOf, out: &mut EmpOut) -> Result<(), EmpFault> {
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
        out.rows_clean = mean.clean;
        let policy = self.policy;
        let advised = match (&self.bands, weighted) {
            (Some(bands), Some(w)) => advice(bands, w),
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
