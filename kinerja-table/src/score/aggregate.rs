//! One kernel row per (employee, indicator): the realisations of the evaluated period
//! aggregated by the core's own [`measure_over`] (the code `evaluate` uses), so a table with
//! a `period` column scores exactly as the scalar API.

use arrow_array::RecordBatch;
use kinerja_core::error::{ErrorFamily, Location};
use kinerja_core::explain::Labelled;
use kinerja_core::model::{Aggregation, Indicator, Target};
use kinerja_core::period::Period;
use kinerja_core::regime::common::measure_over;
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;

use crate::cells::{Text, cell_text, cells_equal, column};
use crate::keys::{Groups, Keys};
use crate::problem::Problem;
use crate::schema::TableKind;
use crate::score::columns::{DecCol, Owned};
use crate::score::found::Found;

/// Columns that define an indicator: the same on every row of an (employee, indicator).
const DEFINITION: &[&str] = &[
    "result",
    "result_kind",
    "polarity",
    "aggregation",
    "target",
    "target_low",
    "target_high",
    "weight",
    "cap",
];

/// Aggregated targets and actuals, one per group.
pub(crate) struct Aggregated {
    pub(crate) target: Owned,
    pub(crate) target_low: Option<Owned>,
    pub(crate) target_high: Option<Owned>,
    pub(crate) actual: Owned,
}

/// The numeric inputs of [`aggregate`].
pub(crate) struct Numbers<'a> {
    pub(crate) target: Option<DecCol<'a>>,
    pub(crate) target_low: Option<DecCol<'a>>,
    pub(crate) target_high: Option<DecCol<'a>>,
    /// The target declared for each row's own period (`period_target`), if given.
    pub(crate) period_target: Option<DecCol<'a>>,
    pub(crate) actual: DecCol<'a>,
}

/// Aggregates every group over `period`; problems go to `found` and mark the employee bad.
#[allow(clippy::too_many_arguments)]
pub(crate) fn aggregate(
    ind: &RecordBatch,
    nums: &Numbers,
    keys: &Keys,
    groups: &Groups,
    period: Period,
    policy: &Policy,
    found: &mut Found,
    bad: &mut [bool],
) -> Aggregated {
    let t = TableKind::Indicators;
    let periods = column(ind, "period").and_then(Text::of);
    let indicator_ids = column(ind, "indicator").and_then(Text::of);
    let aggregation = column(ind, "aggregation").and_then(Text::of);
    let definition: Vec<(&str, _)> =
        DEFINITION.iter().filter_map(|c| column(ind, c).map(|a| (*c, a))).collect();
    let n = groups.len();
    let mut target: Vec<Option<Decimal>> = vec![None; n];
    let mut low: Vec<Option<Decimal>> = vec![None; n];
    let mut high: Vec<Option<Decimal>> = vec![None; n];
    let mut actual: Vec<Option<Decimal>> = vec![None; n];
    let mut pairs: Vec<(Period, Decimal)> = Vec::with_capacity(16);
    for g in 0..n {
        let rows = groups.rows_of(g);
        let Some(&r0) = rows.first() else { continue };
        let r0 = r0 as usize;
        let e = keys.row_employee.get(r0).copied().unwrap_or(u32::MAX) as usize;
        let emp_id = keys.employee_id(e);
        let ind_id = indicator_ids.as_ref().and_then(|c| c.get(r0));
        let mut fail = |found: &mut Found, p: Problem, family: ErrorFamily| {
            let mut p = p;
            if let Some(id) = emp_id {
                p = p.for_employee(id);
            }
            if let Some(id) = ind_id {
                p = p.for_indicator(id);
            }
            found.with_family(p, family);
            if let Some(b) = bad.get_mut(e) {
                *b = true;
            }
        };
        let mut ok = true;
        for &r in rows.iter().skip(1) {
            for (name, a) in &definition {
                if !cells_equal(a, r0, r as usize) {
                    let show = |i: usize| cell_text(a, i).unwrap_or_else(|| "(empty)".into());
                    let msg = format!(
                        "`{name}` is {:?} on row {} but {:?} on row {}; an indicator's definition must be the \
                         same on each of its period rows",
                        show(r0),
                        r0 + 1,
                        show(r as usize),
                        r + 1
                    );
                    fail(
                        found,
                        Problem::new(t, msg).at_row(u64::from(r) + 1).at_cell(*name, show(r as usize)),
                        ErrorFamily::Input,
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            continue;
        }
        let dec = |c: &Option<DecCol>, r: usize| c.as_ref().and_then(|c| c.decimal(r));
        let plan_target = match (dec(&nums.target, r0), dec(&nums.target_low, r0), dec(&nums.target_high, r0))
        {
            (Some(p), _, _) => Target::Point(p),
            (None, Some(low), Some(high)) => Target::Range { low, high },
            // no target: the kernel reports it at the row
            _ => continue,
        };
        let agg = match aggregation.as_ref().and_then(|c| c.get(r0)) {
            None => Aggregation::Cumulative,
            Some(w) => match Aggregation::parse_label(w) {
                Ok(a) => a,
                Err(_) => {
                    let accepted: Vec<&str> = Aggregation::ALL.iter().map(|v| v.value()).collect();
                    let msg =
                        format!("`{w}` is not accepted for `aggregation`; accepted: {}", accepted.join(", "));
                    fail(
                        found,
                        Problem::new(t, msg).at_row(r0 as u64 + 1).at_cell("aggregation", w),
                        ErrorFamily::Input,
                    );
                    continue;
                }
            },
        };
        let mut indicator = Indicator::new(String::new(), String::new(), plan_target);
        indicator.aggregation = agg;
        pairs.clear();
        for &r in rows {
            let r = r as usize;
            let p = periods.as_ref().and_then(|c| c.get(r));
            match (p.map(str::parse::<Period>), dec(&nums.period_target, r)) {
                (Some(Ok(per)), Some(pt)) => {
                    indicator.period_targets.insert(per, Target::Point(pt));
                }
                (None, Some(pt)) => {
                    let msg = "a period target without a period; give the row's period (e.g. 2024-Q1)";
                    fail(
                        found,
                        Problem::new(t, msg).at_row(r as u64 + 1).at_cell("period", pt.to_string()),
                        ErrorFamily::Input,
                    );
                    ok = false;
                }
                _ => {}
            }
            let a = nums.actual.raw(r);
            match (p, a) {
                (None, None) | (Some(_), None) => {}
                (None, Some(_)) => {
                    let msg = "an actual without a period; give the realisation's period (e.g. 2024-Q1)";
                    fail(
                        found,
                        Problem::new(t, msg).at_row(r as u64 + 1).at_cell("period", ""),
                        ErrorFamily::Input,
                    );
                    ok = false;
                }
                (Some(text), Some(_)) => match (text.parse::<Period>(), nums.actual.decimal(r)) {
                    (Ok(p), Some(d)) => pairs.push((p, d)),
                    (Err(err), _) => {
                        let msg = format!("{err}");
                        fail(
                            found,
                            Problem::new(t, msg).at_row(r as u64 + 1).at_cell("period", text),
                            ErrorFamily::Period,
                        );
                        ok = false;
                    }
                    (Ok(_), None) => {
                        let shown = nums.actual.text(r);
                        let msg =
                            format!("{shown} has more decimal places or digits than the engine holds (28)");
                        fail(
                            found,
                            Problem::new(t, msg).at_row(r as u64 + 1).at_cell("actual", shown),
                            ErrorFamily::Input,
                        );
                        ok = false;
                    }
                },
            }
        }
        if !ok {
            continue;
        }
        match measure_over(&indicator, &pairs, period, policy, &Location::default()) {
            Ok(m) => {
                let (tg, ac) = match m {
                    Some(m) => (m.target, Some(m.actual)),
                    None => (plan_target, None),
                };
                match tg {
                    Target::Point(p) => target[g] = Some(p),
                    Target::Range { low: l, high: h } => {
                        low[g] = Some(l);
                        high[g] = Some(h);
                    }
                }
                actual[g] = ac;
            }
            Err(err) => {
                let mut at = Location::default().with_row(r0 as u64).with_period(period);
                if let Some(id) = emp_id {
                    at = at.with_employee(id);
                }
                if let Some(id) = ind_id {
                    at = at.with_indicator(id);
                }
                let err = err.within(&at);
                found.core(&err, t, Some(r0), emp_id, ind_id, None);
                if let Some(b) = bad.get_mut(e) {
                    *b = true;
                }
            }
        }
    }
    if !fits(&[&target, &low, &high, &actual]) {
        for g in 0..n {
            if shift_row(g, [&mut target, &mut low, &mut high, &mut actual]).is_none() {
                let r0 = groups.rows_of(g).first().copied().unwrap_or(0) as usize;
                let e = keys.row_employee.get(r0).copied().unwrap_or(u32::MAX) as usize;
                let mut p = Problem::new(
                    t,
                    "the aggregated target and actual differ by more digits than the engine holds (28); \
                     give fewer decimal places",
                )
                .at_row(r0 as u64 + 1);
                if let Some(id) = keys.employee_id(e) {
                    p = p.for_employee(id);
                }
                found.input(p);
                if let Some(b) = bad.get_mut(e) {
                    *b = true;
                }
            }
        }
    }
    let any_range = low.iter().any(Option::is_some);
    let owned = |ds: &[Option<Decimal>], name: &str, found: &mut Found, bad: &mut [bool]| {
        let (col, overflow) = Owned::from_decimals(ds);
        for g in overflow {
            let r0 = groups.rows_of(g).first().copied().unwrap_or(0) as usize;
            let e = keys.row_employee.get(r0).copied().unwrap_or(u32::MAX) as usize;
            let shown = ds.get(g).copied().flatten().map(|d| d.to_string()).unwrap_or_default();
            let mut p = Problem::new(
                t,
                format!(
                    "the aggregated {name} {shown} cannot share {} decimal places with the rest of the column; \
                     give fewer decimal places",
                    col.scale
                ),
            )
            .at_row(r0 as u64 + 1)
            .at_cell(name, shown);
            if let Some(id) = keys.employee_id(e) {
                p = p.for_employee(id);
            }
            found.input(p);
            if let Some(b) = bad.get_mut(e) {
                *b = true;
            }
        }
        col
    };
    Aggregated {
        target: owned(&target, "target", found, bad),
        target_low: any_range.then(|| owned(&low, "target_low", found, bad)),
        target_high: any_range.then(|| owned(&high, "target_high", found, bad)),
        actual: owned(&actual, "actual", found, bad),
    }
}

/// Largest mantissa a decimal (96 bits) holds.
const MAX_MANTISSA: i128 = 79_228_162_514_264_337_593_543_950_335;

/// True when each column's values share one scale within the range of a decimal.
fn fits(cols: &[&Vec<Option<Decimal>>]) -> bool {
    cols.iter().all(|c| {
        let scale = c.iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
        c.iter().flatten().all(|d| {
            10i128
                .checked_pow(scale - d.scale())
                .and_then(|p| d.mantissa().checked_mul(p))
                .is_some_and(|m| m.abs() <= MAX_MANTISSA)
        })
    })
}

/// Moves the decimal point of row `g`'s target, bounds and actual together (divides them by
/// the same power of ten) so that each is held exactly at 28 places within the range of a
/// decimal. Achievements are ratios (R / T, T / R, bounds compared with R), so they do not
/// change; the row's values can then share a column scale with rows of other magnitudes (a
/// count of 1 500 next to a mean with 26 decimals). `None` when no shift holds them all.
fn shift_row(g: usize, cols: [&mut Vec<Option<Decimal>>; 4]) -> Option<()> {
    let vals: Vec<Decimal> = cols.iter().filter_map(|c| c.get(g).copied().flatten()).collect();
    let holds = |k: u32| {
        vals.iter().all(|d| {
            28u32
                .checked_sub(k)
                .and_then(|s| s.checked_sub(d.scale()))
                .and_then(|up| 10i128.checked_pow(up))
                .and_then(|p| d.mantissa().checked_mul(p))
                .is_some_and(|m| m.abs() <= MAX_MANTISSA)
        })
    };
    let k = (0..=28u32).find(|k| holds(*k))?;
    if k == 0 {
        return Some(());
    }
    for c in cols {
        if let Some(Some(d)) = c.get_mut(g) {
            let mut x = *d;
            x.set_scale(d.scale() + k).ok()?;
            *d = x;
        }
    }
    Some(())
}
