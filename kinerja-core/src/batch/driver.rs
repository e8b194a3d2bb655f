//! The driver: checks the columns, runs the row and employee stages in parallel chunks,
//! collects errors and statistics.

use super::*;

/// Grouping of indicator rows by employee: `offsets[e]..offsets[e+1]` index into `order`
/// (or directly into rows when `order` is empty, i.e. the input is sorted by employee).
pub(super) struct Groups {
    pub(super) offsets: Vec<usize>,
    pub(super) order: Vec<u32>,
}

pub(super) fn group(employee: &[u32], n_emp: usize) -> Groups {
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
