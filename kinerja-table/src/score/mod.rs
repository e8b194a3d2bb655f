//! Scoring canonical tables: keys matched, realisations aggregated over the evaluated period,
//! the core's batch kernels run, result tables built.
//!
//! The result has the columns `kinerja.score` returns (same names, same meaning), plus a
//! `status` per employee: `ok`, `error` (a problem with the employee or one of its rows; the
//! problem table says which) or `no_indicators` (no indicator row while the policy says
//! `rating.require_indicators`: no predicate is given, as the scalar `evaluate` refuses the
//! plan). By default an employee without indicator rows is `ok`, rated by the appraiser's
//! ratings alone with no weighted achievement, as `evaluate` rates a plan without indicators.
//! The label columns (ratings, `work_result_source`, `predicate`, `status`, `org_predicate`)
//! are dictionary arrays: `int8` keys into every value of the enum in
//! its order, whichever occur, so every table and batch has the same type and categories.
//!
//! **Periods.** When the indicator table has a `period` column, its rows are realisations: each
//! (employee, indicator) is aggregated over the evaluated period by the core's
//! [`measure_over`](kinerja_core::regime::common::measure_over) — the code the scalar
//! `evaluate` runs — so quarterly rows 95 and 90 of a cumulative indicator give the annual
//! actual 185 against the annual target, exactly as `evaluate` gives it. The indicator's
//! definition (`target`, `weight`, `polarity`, …) must be the same on each of its period rows.
//! Without a `period` column each row already holds the period's target and actual.
//! The evaluated period is the one given; else the only period of the employee table's
//! `period` column; else the year of the realisations (one year only).
//!
//! **Rules.** Only PermenPANRB 6/2022 rules are scored; without rules ([`score_with`] with
//! `None`) the builtin ruleset in force for the evaluated period applies, so a period before
//! 2022 is refused as [`batch_rules_for`](crate::run::batch_rules_for) says.
//!
//! **Errors.** With [`OnError::Raise`] the first problem (lowest indicator row, then employee
//! row, then unit row; a reader's cell problem of [`Origins`] and a row's problem alike) is
//! returned as a [`ScoreError`]. With [`OnError::Collect`] every
//! row-level problem becomes a row of the problem table and every other employee is scored.
#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

mod aggregate;
pub(crate) mod columns;
mod found;
mod origin;
mod output;
mod words;

use arrow_array::{ArrayRef, RecordBatch};
use arrow_buffer::BooleanBuffer;
use kinerja_core::batch::{
    self, BatchStats, BoolColumn, CodeColumn, EmployeeColumns, IndicatorColumns, Labels, Table, UnitColumns,
};
use kinerja_core::error::ErrorFamily;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{FunctionalGrade, OrgPredicate, Polarity, PostType, Rating, ResultKind};
use kinerja_core::period::Period;
use kinerja_core::rules::Ruleset;

pub use crate::words::labels;
pub use found::ScoreError;
pub use origin::{Origin, Origins};
pub use output::{
    Columns, Credit, PREDICATE_COLUMNS, STATUS_ERROR, STATUS_NO_INDICATORS, STATUS_OK, STATUSES, booleans,
    decimals, employee_results, unit_counts,
};

use crate::cells::{Text, cell_text, column};
use crate::keys::{KeyInput, Keys, NONE, match_keys};
use crate::schema::TableKind;
use columns::{DecCol, bits};
use found::Found;
use words::{Gather, codes, flags};

/// What to do with row-level problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OnError {
    /// Stop at the first problem.
    #[default]
    Raise,
    /// List every problem in the problem table and score every other employee.
    Collect,
}

/// Which result tables to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Detail {
    /// Employees, units and problems.
    #[default]
    Employee,
    /// Also one row per indicator (per kernel row) with its achievement.
    Indicator,
}

/// Options of [`score`].
#[derive(Debug, Clone, Copy)]
pub struct ScoreOptions {
    /// The evaluated period (see the module docs for the default).
    pub period: Option<Period>,
    /// Raise or collect.
    pub on_error: OnError,
    /// Which tables to build.
    pub detail: Detail,
    /// The language of the problem table's `message` (English by default, the language
    /// messages are written in).
    pub lang: Lang,
}

impl Default for ScoreOptions {
    fn default() -> Self {
        ScoreOptions { period: None, on_error: OnError::default(), detail: Detail::default(), lang: Lang::En }
    }
}

/// Canonical input tables (see [`crate::schema`]).
#[derive(Debug, Clone, Copy)]
pub struct Tables<'a> {
    /// One row per indicator (and period).
    pub indicators: &'a RecordBatch,
    /// One row per employee (and assessment period); `None`: employee columns are on the
    /// indicator rows.
    pub employees: Option<&'a RecordBatch>,
    /// One row per unit, optional.
    pub units: Option<&'a RecordBatch>,
}

/// The result tables of [`score`].
#[derive(Debug, Clone)]
pub struct Scored {
    /// The evaluated period, when known.
    pub period: Option<Period>,
    /// One row per employee.
    pub employees: RecordBatch,
    /// One row per scored indicator (with [`Detail::Indicator`]).
    pub indicators: Option<RecordBatch>,
    /// One row per unit (a lone empty `unit` column when the employees have no unit).
    pub units: RecordBatch,
    /// One row per problem: `table`, `row`, `employee`, `indicator`, `column`, `value`,
    /// `family`, `message`.
    pub problems: RecordBatch,
    /// How much of the kernel ran on its fast path.
    pub stats: BatchStats,
    /// Headers of each table that were not read (as written), e.g. `No` or a free note
    /// column; filled by [`crate::run::run`] (empty when scoring canonical batches).
    pub ignored_columns: Vec<(TableKind, Vec<String>)>,
}

/// The text at `row` of a text or label column of a result table (`Utf8`, `LargeUtf8`,
/// `Utf8View`, or the `int8` dictionary of a label column); `None` when null, out of range or
/// not text.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, DictionaryArray, types::Int8Type};
/// let a: ArrayRef = Arc::new(DictionaryArray::<Int8Type>::from_iter(["good", "very_good"]));
/// assert_eq!(kinerja_table::score::text_at(&a, 1), Some("very_good"));
/// assert_eq!(kinerja_table::score::text_at(&a, 2), None);
/// ```
pub fn text_at(column: &ArrayRef, row: usize) -> Option<&str> {
    Text::of(column)?.get(row)
}

/// Scores canonical tables under `rules` (see the module docs). Rules of another regime than
/// PermenPANRB 6/2022 are refused ([`batch_rules`](crate::run::batch_rules)).
pub fn score(tables: &Tables, rules: &Ruleset, options: &ScoreOptions) -> Result<Scored, ScoreError> {
    score_read(tables, &Origins::default(), rules, options)
}

/// [`score`] under `rules`, or without them under the builtin ruleset in force for the
/// evaluated period (see [`batch_rules_for`](crate::run::batch_rules_for)).
pub fn score_with(
    tables: &Tables,
    rules: Option<&Ruleset>,
    options: &ScoreOptions,
) -> Result<Scored, ScoreError> {
    score_read_with(tables, &Origins::default(), rules, options)
}

/// Scores canonical tables that a reader made from files (see [`Origins`]): problems name
/// source rows, the reader's problems come first, and an employee with a row the reader
/// found a problem in is an error (never scored without the bad cell).
pub fn score_read(
    tables: &Tables,
    origins: &Origins,
    rules: &Ruleset,
    options: &ScoreOptions,
) -> Result<Scored, ScoreError> {
    score_read_with(tables, origins, Some(rules), options)
}

/// [`score_read`] under `rules`, or without them under the builtin ruleset in force for the
/// evaluated period (see [`batch_rules_for`](crate::run::batch_rules_for)).
pub fn score_read_with(
    tables: &Tables,
    origins: &Origins,
    rules: Option<&Ruleset>,
    options: &ScoreOptions,
) -> Result<Scored, ScoreError> {
    let ind = tables.indicators;
    let ti = TableKind::Indicators;
    let period = resolve_period(tables, options.period)?;
    // every batch surface is behind this one check of the rules for the evaluated period
    let rules = crate::run::rules_for(rules, period)?;
    let rules = rules.as_ref();
    let period_text = period.map(|p| p.to_string());
    let keys = match_keys(&KeyInput {
        indicators: ind,
        employees: tables.employees,
        units: tables.units,
        period: period_text.as_deref(),
    })
    .map_err(|p| ScoreError { problem: p, family: ErrorFamily::Input })?;
    let mut found = Found::new(*origins, options.on_error == OnError::Raise);
    for p in &keys.problems {
        if found.wants(p.table, p.row.and_then(|r| usize::try_from(r).ok()?.checked_sub(1))) {
            found.input(p.clone());
        }
    }
    let mut bad = keys.bad_employee.clone();
    mark_invalid(&keys, origins, &mut bad);

    let actual = DecCol::of(ind, ti, "actual")?
        .ok_or_else(|| ScoreError::table(ti, "the indicator table needs an `actual` column (realisasi)"))?;
    let target = DecCol::of(ind, ti, "target")?;
    let target_low = DecCol::of(ind, ti, "target_low")?;
    let target_high = DecCol::of(ind, ti, "target_high")?;
    if target.is_none() && (target_low.is_none() || target_high.is_none()) {
        return Err(ScoreError::table(
            ti,
            "the indicator table needs a `target` column, or `target_low` and `target_high` for ranges",
        ));
    }
    let weight = DecCol::of(ind, ti, "weight")?;
    let cap = DecCol::of(ind, ti, "cap")?;

    if keys.groups.is_none() && column(ind, "period_target").is_some() {
        return Err(ScoreError::table(
            ti,
            "a `period_target` column needs a `period` column (the period each target is declared for)",
        ));
    }
    // Kernel rows: the indicator rows, or one per (employee, indicator) aggregated over the period.
    let aggregated = match (&keys.groups, period) {
        (Some(groups), Some(p)) => {
            let period_target = DecCol::of(ind, ti, "period_target")?;
            let nums = aggregate::Numbers { target, target_low, target_high, period_target, actual };
            let agg = aggregate::aggregate(
                ind,
                &nums,
                &keys,
                groups,
                p,
                &rules.policy,
                &mut found,
                &mut bad,
                &origins.indicators,
            );
            let first: Vec<u32> =
                (0..groups.len()).map(|g| groups.rows_of(g).first().copied().unwrap_or(0)).collect();
            Some((agg, first))
        }
        _ => None,
    };
    let source: Option<&[u32]> = aggregated.as_ref().map(|(_, f)| f.as_slice());
    let n_rows = source.map_or(ind.num_rows(), <[u32]>::len);
    let src_row = |k: usize| -> Option<usize> {
        match source {
            Some(s) => s.get(k).map(|r| *r as usize),
            None => Some(k),
        }
    };
    let kernel_employee: Vec<u32> = match source {
        Some(s) => s.iter().map(|r| keys.row_employee.get(*r as usize).copied().unwrap_or(NONE)).collect(),
        None => keys.row_employee.clone(),
    };
    let emp_of_row = |k: usize| keys.employee_id(kernel_employee.get(k).copied().unwrap_or(NONE) as usize);
    let gi = Gather { table: ti, len: n_rows, row: &src_row, employee: &emp_of_row };
    let mut row_bad = vec![false; n_rows];
    let polarity = codes::<Polarity>(column(ind, "polarity"), "polarity", &gi, &mut found, &mut row_bad);
    let kind_truth = |t: &str| match t {
        "additional" => Some(true),
        "primary" => Some(false),
        other => other.parse::<ResultKind>().ok().map(|k| k == ResultKind::Additional),
    };
    let additional =
        flags(column(ind, "result_kind"), "result_kind", &gi, &kind_truth, &mut found, &mut row_bad);
    let (gathered_weight, gathered_cap) = match source {
        Some(s) => (weight.map(|c| c.gather(s)), cap.map(|c| c.gather(s))),
        None => (None, None),
    };

    let null_target = NullTarget::new(if target.is_none() { n_rows } else { 0 });
    let mut kin = match &aggregated {
        Some((agg, _)) => {
            let mut k = IndicatorColumns::new(&kernel_employee, agg.target.kernel(), agg.actual.kernel());
            k.target_low = agg.target_low.as_ref().map(columns::Owned::kernel);
            k.target_high = agg.target_high.as_ref().map(columns::Owned::kernel);
            k.weight = gathered_weight.as_ref().map(columns::Owned::kernel);
            k.cap = gathered_cap.as_ref().map(columns::Owned::kernel);
            k
        }
        None => {
            let t = match &target {
                Some(t) => t.kernel(),
                None => null_target.kernel(),
            };
            let mut k = IndicatorColumns::new(&kernel_employee, t, actual.kernel());
            k.target_low = target_low.map(|c| c.kernel());
            k.target_high = target_high.map(|c| c.kernel());
            k.weight = weight.map(|c| c.kernel());
            k.cap = cap.map(|c| c.kernel());
            k
        }
    };
    kin.polarity = polarity.as_deref().map(CodeColumn::new);
    kin.additional = additional.as_ref().map(|b| BoolColumn { values: bits(b), validity: None });
    for (k, b) in row_bad.iter().enumerate() {
        if *b {
            if let Some(x) = bad.get_mut(kernel_employee.get(k).copied().unwrap_or(NONE) as usize) {
                *x = true;
            }
        }
    }

    // Employee and unit columns.
    let emp_batch = tables.employees.unwrap_or(ind);
    let n_emp = keys.len();
    let emp_row = |e: usize| keys.employee_row.get(e).map(|r| *r as usize);
    let assessed_row =
        |e: usize| keys.assessed.get(e).copied().unwrap_or(false).then(|| emp_row(e)).flatten();
    let emp_id = |e: usize| keys.employee_id(e);
    let ge = Gather { table: keys.employee_table, len: n_emp, row: &emp_row, employee: &emp_id };
    let ga = Gather { table: keys.employee_table, len: n_emp, row: &assessed_row, employee: &emp_id };
    let work = codes::<Rating>(column(emp_batch, "work_result"), "work_result", &ga, &mut found, &mut bad);
    let behaviour = codes::<Rating>(column(emp_batch, "behaviour"), "behaviour", &ga, &mut found, &mut bad);
    let post = codes::<PostType>(column(emp_batch, "post_type"), "post_type", &ge, &mut found, &mut bad);
    let jpt_code = PostType::ALL.iter().position(|p| *p == PostType::Jpt).unwrap_or(0) as u8;
    let jpt =
        post.as_ref().map(|p| BooleanBuffer::from(p.iter().map(|c| *c == jpt_code).collect::<Vec<bool>>()));
    let no_truth = |_: &str| -> Option<bool> { None };
    let unit_head = flags(column(emp_batch, "unit_head"), "unit_head", &ge, &no_truth, &mut found, &mut bad);
    let grade = codes::<FunctionalGrade>(
        column(emp_batch, "functional_grade"),
        "functional_grade",
        &ge,
        &mut found,
        &mut bad,
    );
    let (unit_table, unit_rows) = match &keys.unit_rows {
        Some((t, rows)) => (*t, rows.as_slice()),
        None => (TableKind::Units, &[][..]),
    };
    let unit_batch = match unit_table {
        TableKind::Units => tables.units,
        _ => Some(emp_batch),
    };
    let n_units = unit_rows.len();
    let unit_row = |u: usize| unit_rows.get(u).filter(|r| **r != NONE).map(|r| *r as usize);
    let no_emp = |_: usize| -> Option<&str> { None };
    let gu = Gather { table: unit_table, len: n_units, row: &unit_row, employee: &no_emp };
    let mut unit_bad = vec![false; n_units];
    let mut org = unit_batch.and_then(|b| {
        codes::<OrgPredicate>(column(b, "org_predicate"), "org_predicate", &gu, &mut found, &mut unit_bad)
    });
    // a unit whose rows disagree has no predicate (neither row's is taken)
    for (c, b) in org.iter_mut().flatten().zip(&keys.bad_unit) {
        if *b {
            *c = u8::MAX;
        }
    }
    let emps = EmployeeColumns {
        len: n_emp,
        work_rating: work.as_deref().map(CodeColumn::new),
        behaviour: behaviour.as_deref().map(CodeColumn::new),
        unit: keys.employee_unit.as_deref(),
        jpt: jpt.as_ref().map(|b| BoolColumn { values: bits(b), validity: None }),
        unit_head: unit_head.as_ref().map(|b| BoolColumn { values: bits(b), validity: None }),
    };
    let units = UnitColumns { len: n_units, org_predicate: org.as_deref().map(CodeColumn::new) };

    let labels = KernelLabels {
        keys: &keys,
        employee: &kernel_employee,
        indicator: column(ind, "indicator").and_then(Text::of),
        source,
    };
    let policy = &rules.policy;
    let core = |e: kinerja_core::Error| {
        let mut f = Found::default();
        f.core(&e, ti, None, None, None, None);
        f.items.into_iter().next().unwrap_or_else(|| ScoreError::table(ti, "internal error"))
    };
    // the errors are worded only when reported (under raise, only the first one can be)
    let mut out = batch::score(&kin, &emps, &units, policy, batch::OnError::Defer, &labels).map_err(core)?;

    // Kernel errors, unless the employee already has a problem of its own (which says more).
    let mut reported = vec![false; n_emp];
    for (i, (t, r)) in out.faults.iter().enumerate() {
        let (table, row, e) = match t {
            Table::Indicators => {
                let k = r as usize;
                (ti, src_row(k), kernel_employee.get(k).copied().unwrap_or(NONE) as usize)
            }
            Table::Employees => {
                let e = r as usize;
                (keys.employee_table, emp_row(e), e)
            }
        };
        if e >= n_emp || bad.get(e).copied().unwrap_or(false) {
            continue;
        }
        // the kernel's summary "an indicator row of this employee has an error" adds nothing
        // to the row's own problem
        // (and an employee-level error after a row error is its consequence: no advice
        // without the achievements)
        if t == Table::Employees && reported.get(e).copied().unwrap_or(false) {
            continue;
        }
        if let Some(x) = reported.get_mut(e) {
            *x = true;
        }
        if !found.wants(table, row) {
            continue;
        }
        let Some(b) = out.faults.error(i, &kin, &labels) else { continue };
        let unassessed = table != ti && !keys.assessed.get(e).copied().unwrap_or(false);
        let value = b.error.field().filter(|f| !(unassessed && ASSESSMENT.contains(f))).and_then(|f| {
            let batch = if table == ti { ind } else { emp_batch };
            column(batch, f).zip(row).and_then(|(a, r)| cell_text(a, r))
        });
        found.core(&b.error, table, row, keys.employee_id(e), None, value);
    }
    if options.on_error == OnError::Raise {
        if let Some(first) = found.first() {
            return Err(first);
        }
    }
    let status = output::settle(&mut out.employees, &keys, &bad, policy.rating.require_indicators);
    let dist = batch::unit_distribution(&out.employees, &emps, &units, policy).map_err(core)?;
    let credit = grade
        .as_deref()
        .map(|g| batch::credit_points(&out.employees, &CodeColumn::new(g), policy))
        .transpose()
        .map_err(core)?;
    let employees = output::employees(&keys, out.employees, &status, credit).map_err(core)?;
    let indicators = match options.detail {
        Detail::Indicator => Some(
            output::indicators(ind, out.indicators, &kernel_employee, &keys, source, period_text.as_deref())
                .map_err(core)?,
        ),
        Detail::Employee => None,
    };
    let indicators = match indicators {
        Some(b) if !origins.indicators.is_identity() => {
            Some(output::map_rows(b, |r| origins.indicators.source_row(r)).map_err(core)?)
        }
        other => other,
    };
    let units_out = output::units(&keys, unit_batch, org.as_deref(), &dist).map_err(core)?;
    let problems = output::problems(found.all(), options.lang).map_err(core)?;
    Ok(Scored {
        period,
        employees,
        indicators,
        units: units_out,
        problems,
        stats: out.stats,
        ignored_columns: Vec::new(),
    })
}

/// Marks the employees of rows a reader found a problem in: an indicator row marks its
/// employee, an employee row the employee it is the row of, a unit row every employee of
/// the unit.
fn mark_invalid(keys: &Keys, origins: &Origins, bad: &mut [bool]) {
    let mut mark = |e: usize| {
        if let Some(b) = bad.get_mut(e) {
            *b = true;
        }
    };
    for (r, e) in keys.row_employee.iter().enumerate() {
        if origins.indicators.invalid(r) {
            mark(*e as usize);
        }
    }
    let emp_origin = origins.of(keys.employee_table);
    if keys.employee_table != TableKind::Indicators {
        for (e, r) in keys.employee_row.iter().enumerate() {
            if emp_origin.invalid(*r as usize) {
                mark(e);
            }
        }
    }
    if let (Some((TableKind::Units, rows)), Some(units)) = (&keys.unit_rows, &keys.employee_unit) {
        for (e, u) in units.iter().enumerate() {
            if rows.get(*u as usize).is_some_and(|r| origins.units.invalid(*r as usize)) {
                mark(e);
            }
        }
    }
}

/// Employee columns that belong to one assessment period.
const ASSESSMENT: &[&str] = &["work_result", "behaviour", "org_predicate", "predicate"];

/// An all-null target column (range targets only).
struct NullTarget {
    values: Vec<i128>,
    valid: BooleanBuffer,
}

impl NullTarget {
    fn new(n: usize) -> Self {
        NullTarget { values: vec![0; n], valid: BooleanBuffer::new_unset(n) }
    }
    fn kernel(&self) -> kinerja_core::batch::DecimalColumn<'_> {
        kinerja_core::batch::DecimalColumn::new(&self.values, 0).with_validity(bits(&self.valid))
    }
}

/// Ids for the kernel's error locations.
struct KernelLabels<'a> {
    keys: &'a Keys,
    employee: &'a [u32],
    indicator: Option<Text<'a>>,
    source: Option<&'a [u32]>,
}

impl Labels for KernelLabels<'_> {
    fn employee(&self, i: usize) -> Option<String> {
        self.keys.employee_id(i).map(str::to_string)
    }
    fn indicator(&self, i: usize) -> Option<String> {
        let _ = self.employee;
        let r = match self.source {
            Some(s) => *s.get(i)? as usize,
            None => i,
        };
        self.indicator.as_ref().and_then(|c| c.get(r)).map(str::to_string)
    }
}

/// The evaluated period: given; else the only period of the employee table; else the one year
/// of the realisations.
pub(crate) fn resolve_period(t: &Tables, given: Option<Period>) -> Result<Option<Period>, ScoreError> {
    if given.is_some() {
        return Ok(given);
    }
    let mut emp_periods: Vec<&str> = Vec::new();
    if let Some(e) = t.employees {
        if let Some(c) = column(e, "period").and_then(Text::of) {
            for i in 0..e.num_rows() {
                if let Some(p) = c.get(i) {
                    if !emp_periods.contains(&p) {
                        emp_periods.push(p);
                    }
                }
            }
        }
    }
    if let [one] = emp_periods.as_slice() {
        if let Ok(p) = one.parse::<Period>() {
            return Ok(Some(p));
        }
    }
    let mut years: Vec<u16> =
        emp_periods.iter().filter_map(|p| p.parse::<Period>().ok()).map(|p| p.year()).collect();
    if let Some(c) = column(t.indicators, "period").and_then(Text::of) {
        let mut last: Option<&str> = None;
        for i in 0..t.indicators.num_rows() {
            let Some(p) = c.get(i) else { continue };
            if last == Some(p) {
                continue;
            }
            last = Some(p);
            if let Ok(p) = p.parse::<Period>() {
                if !years.contains(&p.year()) {
                    years.push(p.year());
                }
            }
        }
    }
    years.sort_unstable();
    years.dedup();
    match years.as_slice() {
        [] => Ok(None),
        [y] => {
            Period::annual(*y).map(Some).map_err(|e| ScoreError::table(TableKind::Indicators, e.to_string()))
        }
        many => Err(ScoreError::table(
            TableKind::Indicators,
            format!(
                "the tables hold periods of {} years ({}); say which period to evaluate (period=…)",
                many.len(),
                many.iter().map(u16::to_string).collect::<Vec<_>>().join(", ")
            ),
        )),
    }
}
