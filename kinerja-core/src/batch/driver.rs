//! The driver: checks the columns, runs the row and employee stages in parallel chunks,
//! collects errors and statistics.

use super::*;

/// Indicator rows grouped by employee: employee `e`'s rows are `order[offsets[e]..offsets[e + 1]]`,
/// or the rows `offsets[e]..offsets[e + 1]` themselves when `order` is empty (the rows
/// already come employee by employee). Rows naming no employee (`e ≥ n_emp`) are in no group.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Groups {
    /// Where each employee's rows start, and the end of the last (`n_emp + 1` values).
    pub offsets: Vec<usize>,
    /// The rows, employee after employee (empty when the rows are in employee order).
    pub order: Vec<u32>,
}

/// Groups the rows of an employee column (employee numbers below `n_emp`): when the column
/// ascends, the runs are found in parallel and `order` stays empty; else a counting sort,
/// row order kept within an employee.
///
/// ```
/// use kinerja_core::batch::group;
/// let g = group(&[0, 0, 2, 2, 2, 9], 3);
/// assert_eq!((g.offsets, g.order), (vec![0, 2, 2, 5], vec![]));
/// let g = group(&[2, 0, 2, 9, 0], 3);
/// assert_eq!((g.offsets, g.order), (vec![0, 2, 2, 4], vec![1, 4, 0, 2]));
/// ```
pub fn group(employee: &[u32], n_emp: usize) -> Groups {
    let sorted = employee.par_windows(2).all(|w| w.first() <= w.get(1));
    if sorted {
        return Groups { offsets: sorted_offsets(employee, n_emp), order: Vec::new() };
    }
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

/// For a sorted employee column: `offsets[e]` is the number of rows naming an employee below
/// `e` (`e ≤ n_emp`; rows of out-of-range employees come last), in parallel chunks of
/// employees, each finding its first row by binary search.
fn sorted_offsets(employee: &[u32], n_emp: usize) -> Vec<usize> {
    let mut offsets = vec![0usize; n_emp + 1];
    offsets.par_chunks_mut(EMP_CHUNK).enumerate().for_each(|(c, out)| {
        let e0 = c * EMP_CHUNK;
        let mut i = employee.partition_point(|x| (*x as usize) < e0);
        for (k, o) in out.iter_mut().enumerate() {
            while employee.get(i).is_some_and(|x| (*x as usize) < e0 + k) {
                i += 1;
            }
            *o = i;
        }
    });
    offsets
}

/// Checks that every column has one value per indicator row.
fn check_lengths(ind: &IndicatorColumns) -> Result<(), Error> {
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
    Ok(())
}

/// What stage 1 found in a span of rows.
#[derive(Default)]
pub(super) struct RowTally {
    /// Row faults, by row.
    faults: Vec<(usize, RowFault)>,
    pub(super) fast: u64,
    /// Of `fast`, the rows the plain row loop decided.
    pub(super) plain: u64,
    fallback: u64,
}

impl RowTally {
    fn add(&mut self, other: RowTally) {
        self.faults.extend(other.faults);
        self.fast += other.fast;
        self.plain += other.plain;
        self.fallback += other.fallback;
    }

    /// Writes row `i`'s outcome `o` into its slots (rounded, valid, fixed, flags) and counts it.
    #[inline(always)]
    pub(super) fn add_row(&mut self, i: usize, o: RowOut, slots: (&mut i128, &mut bool, &mut u64, &mut u8)) {
        let (r, v, x, f) = slots;
        *r = o.rounded;
        *x = u64::try_from(o.fixed).unwrap_or(0);
        *f = o.flags;
        *v = o.flags & (F_ERROR | F_EXCLUDED) == 0;
        if *v {
            if o.flags & F_FALLBACK != 0 {
                self.fallback += 1;
            } else {
                self.fast += 1;
            }
        }
        if let Some(fault) = o.fault {
            self.faults.push((i, fault));
        }
    }
}

/// Stage 1's slots for a span of rows: each row's rounded achievement and validity (the
/// output), and its flags and fixed-point value (for stage 2).
pub(super) struct RowSlots<'a> {
    pub(super) rounded: &'a mut [i128],
    pub(super) valid: &'a mut [bool],
    pub(super) fixed: &'a mut [u64],
    pub(super) flags: &'a mut [u8],
}

/// Stage 1 over the rows `lo..lo + slots.rounded.len()`: the plain loop when the columns
/// are of its shape, else row by row on [`score_row`].
fn row_span(
    ind: &IndicatorColumns,
    lo: usize,
    n_emp: usize,
    rp: &RowPolicy,
    mut slots: RowSlots,
) -> RowTally {
    if let Some(t) = plain_span(ind, lo, n_emp, rp, &mut slots) {
        return t;
    }
    let mut t = RowTally::default();
    let RowSlots { rounded, valid, fixed, flags } = slots;
    let slots = rounded.iter_mut().zip(valid.iter_mut()).zip(fixed.iter_mut()).zip(flags.iter_mut());
    for (k, (((r, v), x), f)) in slots.enumerate() {
        t.add_row(lo + k, score_row(ind, lo + k, n_emp, rp), (r, v, x, f));
    }
    t
}

/// The output slots of one chunk of employees.
pub(super) struct EmpSlots<'a> {
    weighted: &'a mut [i128],
    weighted_valid: &'a mut [bool],
    advised: &'a mut [Option<Rating>],
    work: &'a mut [Option<Rating>],
    work_source: &'a mut [Option<RatingSource>],
    behaviour: &'a mut [Option<Rating>],
    predicate: &'a mut [Option<Predicate>],
    disagreement: &'a mut [bool],
    weights_normalised: &'a mut [bool],
    ok: &'a mut [bool],
}

/// The employee outputs in chunks of [`EMP_CHUNK`].
fn emp_slots(es: &mut EmployeeScores) -> Vec<EmpSlots<'_>> {
    let c = EMP_CHUNK;
    let mut cols = (
        es.weighted.chunks_mut(c),
        es.weighted_valid.chunks_mut(c),
        es.advised.chunks_mut(c),
        es.work.chunks_mut(c),
        es.work_source.chunks_mut(c),
        es.behaviour.chunks_mut(c),
        es.predicate.chunks_mut(c),
        es.disagreement.chunks_mut(c),
        es.weights_normalised.chunks_mut(c),
        es.ok.chunks_mut(c),
    );
    let mut out = Vec::new();
    while let (Some(a), Some(b), Some(d), Some(e), Some(f), Some(g), Some(h), Some(i), Some(j), Some(k)) = (
        cols.0.next(),
        cols.1.next(),
        cols.2.next(),
        cols.3.next(),
        cols.4.next(),
        cols.5.next(),
        cols.6.next(),
        cols.7.next(),
        cols.8.next(),
        cols.9.next(),
    ) {
        out.push(EmpSlots {
            weighted: a,
            weighted_valid: b,
            advised: d,
            work: e,
            work_source: f,
            behaviour: g,
            predicate: h,
            disagreement: i,
            weights_normalised: j,
            ok: k,
        });
    }
    out
}

/// Writes `v` into `slot` when the slot exists.
#[inline]
fn put<T>(slot: Option<&mut T>, v: T) {
    if let Some(x) = slot {
        *x = v;
    }
}

impl EmpSlots<'_> {
    /// How many employees the chunk holds.
    pub(super) fn len(&self) -> usize {
        self.ok.len()
    }

    /// Writes employee `k` of the chunk (nothing but `ok = false` when it failed).
    pub(super) fn put(&mut self, k: usize, o: &EmpOut, failed: bool) {
        if failed {
            put(self.ok.get_mut(k), false);
            return;
        }
        if let Some(v) = o.weighted {
            put(self.weighted.get_mut(k), v);
            put(self.weighted_valid.get_mut(k), true);
        }
        put(self.advised.get_mut(k), o.advised);
        put(self.work.get_mut(k), o.work.map(|p| p.0));
        put(self.work_source.get_mut(k), o.work.map(|p| p.1));
        put(self.behaviour.get_mut(k), o.behaviour);
        put(self.predicate.get_mut(k), o.predicate);
        put(self.disagreement.get_mut(k), o.disagreement);
        put(self.weights_normalised.get_mut(k), o.normalised);
    }
}

/// What stage 2 found in a chunk of employees.
#[derive(Default)]
pub(super) struct EmpTally {
    /// Employees without a score, by row: their own fault, or `None` when only an
    /// indicator row of theirs failed.
    failed: Vec<(usize, Option<EmpFault>)>,
    fallbacks: u64,
    /// Employees whose mean the plain mean took.
    pub(super) plain: u64,
}

impl EmpTally {
    fn add(&mut self, other: EmpTally) {
        self.failed.extend(other.failed);
        self.fallbacks += other.fallbacks;
        self.plain += other.plain;
    }

    /// Employee `e` (rows `rows`) on [`EmpCtx::employee`], written into slot `k` of `slots`
    /// and counted.
    pub(super) fn employee(&mut self, ctx: &EmpCtx, e: usize, rows: RowsOf, k: usize, slots: &mut EmpSlots) {
        let o = ctx.employee(e, rows);
        self.fallbacks += u64::from(o.fallback);
        self.plain += u64::from(o.rows_clean);
        let failed = o.fault.is_some() || (!o.rows_clean && ctx.rows.any_error(rows));
        if failed {
            self.failed.push((e, o.fault));
        }
        slots.put(k, &o, failed);
    }
}

/// Splits `v` at the ascending positions `cuts` (each ≤ `v.len()`): `cuts.len() + 1` parts.
fn split_at_cuts<'a, T>(mut v: &'a mut [T], cuts: &[usize]) -> Vec<&'a mut [T]> {
    let mut parts = Vec::with_capacity(cuts.len() + 1);
    let mut prev = 0;
    for &c in cuts {
        let rest = std::mem::take(&mut v);
        let (a, b) = rest.split_at_mut(c.saturating_sub(prev).min(rest.len()));
        parts.push(a);
        v = b;
        prev = prev.max(c);
    }
    parts.push(v);
    parts
}

/// Both stages, for rows grouped by employee: each chunk of employees scores its own rows
/// and then its employees while the rows' flags and fixed values are still in cache, so
/// they never make a column of their own. Rows naming no employee come last in a sorted
/// column and are scored on their own (each is an error).
fn fused(
    ctx: &EmpCtx,
    groups: &Groups,
    rp: &RowPolicy,
    rounded: &mut [i128],
    valid: &mut [bool],
    es: &mut EmployeeScores,
) -> (RowTally, EmpTally) {
    let (ind, n_emp) = (ctx.ind, ctx.emps.len);
    let at = |e: usize| groups.offsets.get(e.min(n_emp)).copied().unwrap_or(0);
    // One part of rows per chunk of employees, then the rows naming none.
    let chunks = n_emp.div_ceil(EMP_CHUNK);
    let cuts: Vec<usize> = (1..chunks).map(|c| at(c * EMP_CHUNK)).chain([at(n_emp)]).collect();
    let mut r_parts = split_at_cuts(rounded, &cuts);
    let mut v_parts = split_at_cuts(valid, &cuts);
    let (r_tail, v_tail) = (r_parts.pop().unwrap_or_default(), v_parts.pop().unwrap_or_default());
    let tallies: Vec<(RowTally, EmpTally)> = emp_slots(es)
        .into_par_iter()
        .zip(r_parts.into_par_iter().zip(v_parts.into_par_iter()))
        .enumerate()
        .map(|(c, (mut slots, (rounded, valid)))| {
            let (lo, len) = (at(c * EMP_CHUNK), rounded.len());
            let (mut fixed, mut flags) = (vec![0u64; len], vec![0u8; len]);
            let span = RowSlots { rounded, valid, fixed: &mut fixed, flags: &mut flags };
            let rt = row_span(ind, lo, n_emp, rp, span);
            let ctx = EmpCtx { rows: RowView { flags: &flags, fixed: &fixed, base: lo }, ..*ctx };
            (rt, ctx.emp_chunk(groups, c * EMP_CHUNK, &mut slots))
        })
        .collect();
    let (mut rows, mut emps) = (RowTally::default(), EmpTally::default());
    for (r, e) in tallies {
        rows.add(r);
        emps.add(e);
    }
    let tail = r_tail.len();
    let (mut fixed, mut flags) = (vec![0u64; tail], vec![0u8; tail]);
    let span = RowSlots { rounded: r_tail, valid: v_tail, fixed: &mut fixed, flags: &mut flags };
    rows.add(row_span(ind, at(n_emp), n_emp, rp, span));
    (rows, emps)
}

/// Both stages, for rows in any order: stage 1 over all rows in parallel chunks, then
/// stage 2 over the employees reading the whole flags and fixed columns.
fn staged(
    ctx: &EmpCtx,
    groups: &Groups,
    rp: &RowPolicy,
    rounded: &mut [i128],
    valid: &mut [bool],
    es: &mut EmployeeScores,
) -> (RowTally, EmpTally) {
    let (ind, n_emp, n) = (ctx.ind, ctx.emps.len, rounded.len());
    let (mut fixed, mut flags) = (vec![0u64; n], vec![0u8; n]);
    let row_tallies: Vec<RowTally> = rounded
        .par_chunks_mut(CHUNK)
        .zip(valid.par_chunks_mut(CHUNK))
        .zip(fixed.par_chunks_mut(CHUNK).zip(flags.par_chunks_mut(CHUNK)))
        .enumerate()
        .map(|(c, ((rounded, valid), (fixed, flags)))| {
            row_span(ind, c * CHUNK, n_emp, rp, RowSlots { rounded, valid, fixed, flags })
        })
        .collect();
    let mut rows = RowTally::default();
    for t in row_tallies {
        rows.add(t);
    }
    let ctx = EmpCtx { rows: RowView { flags: &flags, fixed: &fixed, base: 0 }, ..*ctx };
    let emp_tallies: Vec<EmpTally> = emp_slots(es)
        .into_par_iter()
        .enumerate()
        .map(|(c, mut slots)| ctx.emp_chunk(groups, c * EMP_CHUNK, &mut slots))
        .collect();
    let mut emps = EmpTally::default();
    for t in emp_tallies {
        emps.add(t);
    }
    (rows, emps)
}

/// Scores a batch under the 6/2022 regime with `policy` (see the module docs).
///
/// Runs on the current rayon pool (call inside `ThreadPool::install` to choose one).
/// Errors: under [`OnError::Raise`] the first error (lowest indicator row, then lowest
/// employee row); under [`OnError::Collect`] every error is listed in
/// [`BatchOutput::errors`] and the affected employees have no score; under
/// [`OnError::Defer`] as `Collect`, the errors left unworded in [`BatchOutput::faults`].
pub fn score(
    ind: &IndicatorColumns,
    emps: &EmployeeColumns,
    units: &UnitColumns,
    policy: &Policy,
    on_error: OnError,
    labels: &dyn Labels,
) -> Result<BatchOutput, Error> {
    check_lengths(ind)?;
    let (n, n_emp) = (ind.len(), emps.len);
    let rp = RowPolicy::new(policy);
    let groups = group(ind.employee, n_emp);
    let reported = policy.rounding.reported;
    let bands = band_thresholds(policy, reported.scale);
    let ctx = EmpCtx {
        ind,
        emps,
        units,
        policy,
        reported,
        rep_step: pow10(FIXED_SCALE.saturating_sub(reported.scale)).unwrap_or(1),
        rows: RowView { flags: &[], fixed: &[], base: 0 },
        bands: bands.as_deref(),
        plain: PlainMean::new(ind, policy),
    };
    let mut rounded = vec![0i128; n];
    let mut valid = vec![false; n];
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
    let (rows, emp) = if groups.order.is_empty() {
        fused(&ctx, &groups, &rp, &mut rounded, &mut valid, &mut es)
    } else {
        staged(&ctx, &groups, &rp, &mut rounded, &mut valid, &mut es)
    };
    if on_error == OnError::Raise {
        if let Some((row, f)) = rows.faults.first() {
            return Err(row_error(ind, *row, *f, labels).error);
        }
        if let Some((e, f)) = emp.failed.iter().find_map(|(e, f)| f.map(|f| (e, f))) {
            return Err(emp_error(ind, *e, f, labels).error);
        }
    }
    // Errors: indicator rows first (by row), then employees (by row); worded unless deferred.
    let faults = Faults { rows: rows.faults, employees: emp.failed };
    let errors: Vec<BatchError> = match on_error {
        OnError::Collect => (0..faults.len()).filter_map(|i| faults.error(i, ind, labels)).collect(),
        _ => Vec::new(),
    };
    Ok(BatchOutput {
        indicators: IndicatorScores { achievement: rounded, valid, scale: policy.rounding.achievement.scale },
        employees: es,
        errors,
        faults,
        stats: BatchStats {
            fast_rows: rows.fast,
            plain_rows: rows.plain,
            fallback_rows: rows.fallback,
            fallback_employees: emp.fallbacks,
            plain_employees: emp.plain,
        },
    })
}
