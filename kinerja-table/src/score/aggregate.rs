//! One kernel row per (employee, indicator): the realisations of the evaluated period
//! aggregated by the core's own [`measured_values`] (`measure_over`, the code `evaluate` uses,
//! without its trace), so a table with
//! a `period` column scores exactly as the scalar API.

use arrow_array::{ArrayRef, RecordBatch};
use kinerja_core::error::{ErrorFamily, Location};
use kinerja_core::explain::Labelled;
use kinerja_core::model::{Aggregation, Indicator, Target};
use kinerja_core::period::Period;
use kinerja_core::regime::common::measured_values;
use kinerja_core::rules::Policy;
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::cells::{Text, cell_text, cells_equal, column};
use crate::keys::{Groups, Keys};
use crate::problem::Problem;
use crate::schema::TableKind;
use crate::score::columns::{DecCol, Owned};
use crate::score::found::Found;
use crate::score::origin::Origin;

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

/// A group's aggregated range target: the group, its low and its high bound.
type Range = (usize, Decimal, Decimal);

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

/// Groups per chunk of the parallel aggregation.
const CHUNK: usize = 1 << 12;

/// A problem met while aggregating a group, kept with the group's employee and put into
/// [`Found`] after the parallel pass, in group order (so the problems and their order are
/// those of a pass group after group).
enum Pending<'a> {
    /// A problem of the table layer, with its family.
    Problem(Problem, ErrorFamily),
    /// An error of the core's aggregation, at the group's first row.
    Core { err: kinerja_core::Error, row: usize, employee: Option<&'a str>, indicator: Option<&'a str> },
}

/// What every group reads.
struct Shared<'a> {
    nums: &'a Numbers<'a>,
    keys: &'a Keys,
    groups: &'a Groups,
    period: Period,
    policy: &'a Policy,
    periods: Option<Text<'a>>,
    indicator_ids: Option<Text<'a>>,
    aggregation: Option<Text<'a>>,
    definition: Vec<(&'static str, &'a ArrayRef)>,
    /// The indicator rows a reader refused (their problems are reported already).
    origin: &'a Origin<'a>,
}

/// One chunk's findings (employee, problem), its range targets and the scratch its groups
/// reuse.
struct Chunk<'a> {
    pending: Vec<(usize, Pending<'a>)>,
    pairs: Vec<(Period, Decimal)>,
    indicator: Indicator,
    /// The last period text read and its period (an export repeats a handful of periods).
    period_text: Option<(&'a str, Period)>,
    /// The groups whose target is a range, with its bounds.
    ranges: Vec<Range>,
}

impl<'a> Chunk<'a> {
    /// `text` read as a period, parsed once for a run of rows with the same text (the error
    /// boxed: the core's errors are large, and this result is moved for every row).
    fn period(&mut self, text: &'a str) -> Result<Period, Box<kinerja_core::Error>> {
        if let Some((last, p)) = self.period_text {
            if last == text {
                return Ok(p);
            }
        }
        let p = text.parse::<Period>().map_err(Box::new)?;
        self.period_text = Some((text, p));
        Ok(p)
    }
}

/// A group's aggregated target (a point, or range bounds) and actual.
#[derive(Default)]
struct Sums {
    target: Option<Decimal>,
    low: Option<Decimal>,
    high: Option<Decimal>,
    actual: Option<Decimal>,
}

/// Aggregates every group over `period`, chunks of groups in parallel; problems go to
/// `found` (in group order) and mark the employee bad.
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
    origin: &Origin,
) -> Aggregated {
    let t = TableKind::Indicators;
    let shared = Shared {
        origin,
        nums,
        keys,
        groups,
        period,
        policy,
        periods: column(ind, "period").and_then(Text::of),
        indicator_ids: column(ind, "indicator").and_then(Text::of),
        aggregation: column(ind, "aggregation").and_then(Text::of),
        definition: DEFINITION.iter().filter_map(|c| column(ind, c).map(|a| (*c, a))).collect(),
    };
    let n = groups.len();
    // dense columns for the point target and the actual; the range bounds, rare, are kept
    // per group and made columns only when some group has them (two columns of 20-byte
    // options less per row otherwise)
    let (mut target, mut actual) = (vec![None; n], vec![None; n]);
    let chunks: Vec<Chunk> = target
        .par_chunks_mut(CHUNK)
        .zip(actual.par_chunks_mut(CHUNK))
        .enumerate()
        .map(|(c, (t, a))| {
            let mut chunk = Chunk {
                pending: Vec::new(),
                pairs: Vec::with_capacity(16),
                indicator: Indicator::new(String::new(), String::new(), Target::Point(Decimal::ZERO)),
                period_text: None,
                ranges: Vec::new(),
            };
            for (k, (t, a)) in t.iter_mut().zip(a.iter_mut()).enumerate() {
                let g = c * CHUNK + k;
                if let Some(s) = shared.group(g, &mut chunk) {
                    (*t, *a) = (s.target, s.actual);
                    if let (Some(low), Some(high)) = (s.low, s.high) {
                        chunk.ranges.push((g, low, high));
                    }
                }
            }
            chunk
        })
        .collect();
    let any_range = chunks.iter().any(|c| !c.ranges.is_empty());
    let (mut low, mut high) =
        if any_range { (vec![None; n], vec![None; n]) } else { (Vec::new(), Vec::new()) };
    for c in chunks {
        for (g, l, h) in c.ranges {
            if let (Some(lo), Some(hi)) = (low.get_mut(g), high.get_mut(g)) {
                (*lo, *hi) = (Some(l), Some(h));
            }
        }
        for (e, p) in c.pending {
            match p {
                Pending::Problem(p, family) => found.with_family(p, family),
                Pending::Core { err, row, employee, indicator } => {
                    found.core(&err, t, Some(row), employee, indicator, None)
                }
            }
            if let Some(b) = bad.get_mut(e) {
                *b = true;
            }
        }
    }
    // a problem of group `g`, at its first row and for its employee, who is left unscored
    let report = |g: usize, p: Problem, found: &mut Found, bad: &mut [bool]| {
        let r0 = groups.rows_of(g).first().copied().unwrap_or(0) as usize;
        let e = keys.row_employee.get(r0).copied().unwrap_or(u32::MAX) as usize;
        let mut p = p.at_row(r0 as u64 + 1);
        if let Some(id) = keys.employee_id(e) {
            p = p.for_employee(id);
        }
        found.input(p);
        if let Some(b) = bad.get_mut(e) {
            *b = true;
        }
    };
    // groups that no shift holds: reported once here, not again by the column below
    let mut unshifted = Vec::new();
    if !fits(&[&target, &low, &high, &actual]) {
        for g in 0..n {
            if shift_row(g, [&mut target, &mut low, &mut high, &mut actual]).is_none() {
                unshifted.push(g);
                let msg = "the aggregated target and actual differ by more digits than the engine holds (28); \
                           give fewer decimal places";
                report(g, Problem::new(t, msg), found, bad);
            }
        }
    }
    let owned = |ds: &[Option<Decimal>], name: &str, found: &mut Found, bad: &mut [bool]| {
        let (col, overflow) = Owned::from_decimals(ds);
        for g in overflow.into_iter().filter(|g| unshifted.binary_search(g).is_err()) {
            let shown = ds.get(g).copied().flatten().map(|d| d.to_string()).unwrap_or_default();
            let msg = format!(
                "the aggregated {name} {shown} cannot share {} decimal places with the rest of the column; \
                 give fewer decimal places",
                col.scale
            );
            report(g, Problem::new(t, msg).at_cell(name, shown), found, bad);
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

impl<'a> Shared<'a> {
    /// Group `g`'s target and actual over the period, `None` when the group is left to the
    /// kernel (no rows, no target) or has a problem (pushed to `chunk`).
    fn group(&self, g: usize, chunk: &mut Chunk<'a>) -> Option<Sums> {
        let t = TableKind::Indicators;
        let rows = self.groups.rows_of(g);
        let r0 = *rows.first()? as usize;
        if rows.iter().any(|r| self.origin.invalid(*r as usize)) {
            // a cell the reader refused: its problem is the group's, not a missing value after it
            return None;
        }
        let e = self.keys.row_employee.get(r0).copied().unwrap_or(u32::MAX) as usize;
        let emp_id = self.keys.employee_id(e);
        let ind_id = self.indicator_ids.as_ref().and_then(|c| c.get(r0));
        let fail = |chunk: &mut Chunk<'a>, mut p: Problem, family: ErrorFamily| {
            if let Some(id) = emp_id {
                p = p.for_employee(id);
            }
            if let Some(id) = ind_id {
                p = p.for_indicator(id);
            }
            chunk.pending.push((e, Pending::Problem(p, family)));
        };
        let mut ok = true;
        for &r in rows.iter().skip(1) {
            for (name, a) in &self.definition {
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
                    let p = Problem::new(t, msg).at_row(u64::from(r) + 1).at_cell(*name, show(r as usize));
                    fail(chunk, p, ErrorFamily::Input);
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        let nums = self.nums;
        let dec = |c: &Option<DecCol>, r: usize| c.as_ref().and_then(|c| c.decimal(r));
        let plan_target = match (dec(&nums.target, r0), dec(&nums.target_low, r0), dec(&nums.target_high, r0))
        {
            (Some(p), _, _) => Target::Point(p),
            (None, Some(low), Some(high)) => Target::Range { low, high },
            // no target: the kernel reports it at the row
            _ => return None,
        };
        let agg = match self.aggregation.as_ref().and_then(|c| c.get(r0)) {
            None => Aggregation::Cumulative,
            Some(w) => match Aggregation::parse_label(w) {
                Ok(a) => a,
                Err(_) => {
                    let accepted: Vec<&str> = Aggregation::ALL.iter().map(|v| v.value()).collect();
                    let msg =
                        format!("`{w}` is not accepted for `aggregation`; accepted: {}", accepted.join(", "));
                    fail(
                        chunk,
                        Problem::new(t, msg).at_row(r0 as u64 + 1).at_cell("aggregation", w),
                        ErrorFamily::Input,
                    );
                    return None;
                }
            },
        };
        // one indicator per chunk, reset for each group; its id names it in the core's
        // messages (`indicator `i1` is cumulative …`)
        let indicator = &mut chunk.indicator;
        indicator.id.clear();
        indicator.id.push_str(ind_id.unwrap_or_default());
        indicator.target = plan_target;
        indicator.aggregation = agg;
        indicator.period_targets.clear();
        chunk.pairs.clear();
        for &r in rows {
            let r = r as usize;
            let p = self.periods.as_ref().and_then(|c| c.get(r));
            let parsed = p.map(|text| chunk.period(text));
            match (&parsed, dec(&nums.period_target, r)) {
                (Some(Ok(per)), Some(pt)) => {
                    chunk.indicator.period_targets.insert(*per, Target::Point(pt));
                }
                (None, Some(pt)) => {
                    let msg = "a period target without a period; give the row's period (e.g. 2024-Q1)";
                    fail(
                        chunk,
                        Problem::new(t, msg).at_row(r as u64 + 1).at_cell("period", pt.to_string()),
                        ErrorFamily::Input,
                    );
                    ok = false;
                }
                _ => {}
            }
            let (Some(text), Some(parsed)) = (p, parsed) else {
                if p.is_none() && nums.actual.raw(r).is_some() {
                    let msg = "an actual without a period; give the realisation's period (e.g. 2024-Q1)";
                    fail(
                        chunk,
                        Problem::new(t, msg).at_row(r as u64 + 1).at_cell("period", ""),
                        ErrorFamily::Input,
                    );
                    ok = false;
                }
                continue;
            };
            if nums.actual.raw(r).is_none() {
                continue;
            }
            match (parsed, nums.actual.decimal(r)) {
                (Ok(p), Some(d)) => chunk.pairs.push((p, d)),
                (Err(err), _) => {
                    let p = Problem::new(t, format!("{err}")).at_row(r as u64 + 1).at_cell("period", text);
                    fail(chunk, p, ErrorFamily::Period);
                    ok = false;
                }
                (Ok(_), None) => {
                    let shown = nums.actual.text(r);
                    let msg = format!("{shown} has more decimal places or digits than the engine holds (28)");
                    fail(
                        chunk,
                        Problem::new(t, msg).at_row(r as u64 + 1).at_cell("actual", shown),
                        ErrorFamily::Input,
                    );
                    ok = false;
                }
            }
        }
        if !ok {
            return None;
        }
        match measured_values(&chunk.indicator, &chunk.pairs, self.period, self.policy, &Location::default())
        {
            Ok(m) => {
                let (tg, actual) = match m {
                    Some((target, actual)) => (target, Some(actual)),
                    None => (plan_target, None),
                };
                Some(match tg {
                    Target::Point(p) => Sums { target: Some(p), actual, ..Sums::default() },
                    Target::Range { low, high } => {
                        Sums { low: Some(low), high: Some(high), actual, ..Sums::default() }
                    }
                })
            }
            Err(err) => {
                let mut at = Location::default().with_row(r0 as u64).with_period(self.period);
                if let Some(id) = emp_id {
                    at = at.with_employee(id);
                }
                if let Some(id) = ind_id {
                    at = at.with_indicator(id);
                }
                let err = err.within(&at);
                let core = Pending::Core { err, row: r0, employee: emp_id, indicator: ind_id };
                chunk.pending.push((e, core));
                None
            }
        }
    }
}

/// Largest mantissa a decimal (96 bits) holds.
const MAX_MANTISSA: i128 = 79_228_162_514_264_337_593_543_950_335;

/// True when each column's values share one scale within the range of a decimal.
fn fits(cols: &[&Vec<Option<Decimal>>]) -> bool {
    cols.iter().all(|c| {
        let scale = c.par_iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
        c.par_iter().flatten().all(|d| {
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
