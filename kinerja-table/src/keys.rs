//! Key matching: indicator rows → employees → units.
//!
//! * **Employees** come from the employee table when one is given, else from the indicator
//!   table itself: the employee-level columns ([`EMPLOYEE_COLUMNS`]) are then repeated on
//!   each indicator row and must agree across all rows of an employee (a disagreement is a
//!   problem naming both rows). When both are given, the employee table wins and employee
//!   columns on indicator rows are not read.
//! * **Per-period employee rows.** An employee table with a `period` column may hold one row
//!   per employee and assessment period: the row of the evaluated period is used (its
//!   assessment columns: `work_result`, `behaviour`, `org_predicate`, `predicate`); an employee
//!   with rows but none for that period keeps the identity of its first row and has no
//!   assessment. Without a `period` column there is one row per employee.
//! * **Duplicates are errors**: two or more employee rows for one employee (and period), two
//!   or more indicator rows for one (employee, indicator, period) — even when the rows are
//!   identical, since a repeated realisation would be counted twice. Each such key is one
//!   problem, at its second row, naming every row of it (`rows 1, 4 and 5`; past ten rows the
//!   first ten and the count, `rows 1, 2, …, 10, … 25 rows in all`). For **units**, an
//!   exact duplicate row (every cell equal) is harmless and ignored; conflicting rows for one
//!   unit are an error, and the employees of that unit are not scored (which row holds the
//!   unit's values is never guessed).
//! * **A unit's values on employee rows.** Without a unit table a unit's `org_predicate` is
//!   stated on the rows of its employees (of the evaluated period, in a per-period table): the
//!   rows that state one (an empty cell states none: the predicate may be given on the unit
//!   head's row only) must state the same. A disagreement is a problem naming both rows, and
//!   the employees of that unit are not scored.
//! * **Unknown ids.** An indicator row whose employee is not in the employee table, or an
//!   employee whose unit is not in the unit table, is a problem naming the id and the row.
//! * **No indicators.** An employee without indicator rows is kept: the scoring rates it by
//!   the appraiser's ratings alone, or reports it with the status `no_indicators` when the
//!   policy's `rating.require_indicators` asks for indicators.
//!
//! Rows are numbered in problems as 1-based data rows of their table (header excluded).
#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

use arrow_array::{Array, ArrayRef, RecordBatch, StringArray};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

use kinerja_core::explain::Labelled;
use kinerja_core::model::OrgPredicate;

use crate::cells::{Text, cell_text, column, equality, rows_equal};
use crate::ids::IdIndex;
use crate::problem::Problem;
use crate::schema::{EMPLOYEE_COLUMNS, TableKind};

/// "No row": an index that names nothing.
pub const NONE: u32 = u32::MAX;

/// The tables to match and the evaluated period (printed form, e.g. `2024-Q2`).
#[derive(Debug, Clone, Copy)]
pub struct KeyInput<'a> {
    /// The indicator table (one row per indicator and period).
    pub indicators: &'a RecordBatch,
    /// The employee table, if separate.
    pub employees: Option<&'a RecordBatch>,
    /// The unit table, if any.
    pub units: Option<&'a RecordBatch>,
    /// The evaluated period: picks the row of per-period employee tables.
    pub period: Option<&'a str>,
}

/// Indicator rows grouped by (employee, indicator): the realisations of one indicator.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Groups {
    /// Indicator rows of group `g` are `rows[offsets[g]..offsets[g + 1]]`, ascending.
    pub offsets: Vec<u32>,
    /// The rows, group after group.
    pub rows: Vec<u32>,
}

impl Groups {
    /// Number of groups.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
    /// True when there are no groups.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The rows of group `g`.
    pub fn rows_of(&self, g: usize) -> &[u32] {
        let lo = self.offsets.get(g).copied().unwrap_or(0) as usize;
        let hi = self.offsets.get(g + 1).copied().unwrap_or(0) as usize;
        self.rows.get(lo..hi).unwrap_or(&[])
    }
}

/// The result of [`match_keys`].
#[derive(Debug, Clone)]
pub struct Keys {
    /// The table the employee columns are read from.
    pub employee_table: TableKind,
    /// Employee ids, one per employee, in order of first appearance.
    pub employee_ids: StringArray,
    /// Per employee: its row in [`Keys::employee_table`].
    pub employee_row: Vec<u32>,
    /// Per employee: the row holds the evaluated period's assessment (false for an employee
    /// with per-period rows none of which is for that period).
    pub assessed: Vec<bool>,
    /// Per employee: number of indicator rows.
    pub indicator_rows: Vec<u32>,
    /// Per employee: a problem was found (the employee is not scored).
    pub bad_employee: Vec<bool>,
    /// Per indicator row: its employee, [`NONE`] when the row has a problem.
    pub row_employee: Vec<u32>,
    /// Groups of (employee, indicator) rows, in order of their first row; `None` when the
    /// indicator table has no `period` column (each row is then already the period's value).
    pub groups: Option<Groups>,
    /// Unit ids, in order (the unit table's, else first appearance among employees); `None`
    /// when the employees have no `unit` column.
    pub unit_ids: Option<StringArray>,
    /// The table unit columns (`org_predicate`) are read from, and each unit's row in it:
    /// the unit table's first row of the unit, or (without a unit table) the row of the unit's
    /// first employee assessed in the evaluated period, [`NONE`] when none is.
    pub unit_rows: Option<(TableKind, Vec<u32>)>,
    /// Per unit (as [`Keys::unit_ids`]): its rows disagree (see [`Keys::problems`]); its
    /// employees are not scored and it has no unit values. Empty without units.
    pub bad_unit: Vec<bool>,
    /// Per employee: its unit, [`NONE`] when none.
    pub employee_unit: Option<Vec<u32>>,
    /// Row-level problems found.
    pub problems: Vec<Problem>,
}

impl Keys {
    /// Number of employees.
    pub fn len(&self) -> usize {
        self.employee_row.len()
    }
    /// True when there are no employees.
    pub fn is_empty(&self) -> bool {
        self.employee_row.is_empty()
    }
    /// The id of employee `e`.
    pub fn employee_id(&self, e: usize) -> Option<&str> {
        (e < self.employee_ids.len()).then(|| self.employee_ids.value(e))
    }
}

fn text_column<'a>(
    batch: &'a RecordBatch,
    table: TableKind,
    name: &str,
) -> Result<Option<Text<'a>>, Problem> {
    match column(batch, name) {
        None => Ok(None),
        Some(a) => Text::of(a).map(Some).ok_or_else(|| {
            Problem::new(
                table,
                format!(
                    "column `{name}` must hold text (ids are text: a NIP is never a number), got {}",
                    a.data_type()
                ),
            )
            .at_cell(name, "")
        }),
    }
}

fn row_no(i: usize) -> u64 {
    i as u64 + 1
}

/// Matches the tables (see the module docs). Returns `Err` only for a table without its key
/// column (or with a key column that is not text); every row-level problem is in
/// [`Keys::problems`].
pub fn match_keys(input: &KeyInput) -> Result<Keys, Problem> {
    let ind = input.indicators;
    let ind_emp = text_column(ind, TableKind::Indicators, "employee")?.ok_or_else(|| {
        Problem::new(TableKind::Indicators, "the indicator table needs an `employee` column (the NIP)")
    })?;
    let mut problems = Vec::new();
    let mut emp = match input.employees {
        Some(e) => employees_from_table(e, input.period, &mut problems)?,
        None => employees_from_rows(ind, &ind_emp),
    };
    let n = ind.num_rows();
    let row_employee = match_rows(&ind_emp, n, &emp, &mut problems);
    let by_emp = group_by_employee(&row_employee, emp.ids.len());
    let indicator_rows = (0..emp.ids.len()).map(|e| by_emp.rows_of(e).len() as u32).collect();
    if input.employees.is_none() {
        check_repeated(ind, &by_emp, &emp.ids, &mut problems, &mut emp.bad);
    }
    let groups = check_indicator_keys(ind, &row_employee, &by_emp, &emp.ids, &mut problems, &mut emp.bad)?;
    let employee_table = if input.employees.is_some() { TableKind::Employees } else { TableKind::Indicators };
    let emp_batch = input.employees.unwrap_or(ind);
    let units = match_units(emp_batch, employee_table, &emp, input.units, &mut problems)?;
    if let Some((_, _, per_emp, bad_unit)) = &units {
        // the employees of a unit whose rows disagree
        for (b, u) in emp.bad.iter_mut().zip(per_emp) {
            *b |= bad_unit.get(*u as usize).copied().unwrap_or(false);
        }
    }
    for p in &problems {
        if let Some(id) = &p.employee {
            if let Some(e) = emp.index.get(id.as_str()) {
                if let Some(b) = emp.bad.get_mut(e as usize) {
                    *b = true;
                }
            }
        }
    }
    let (unit_ids, unit_rows, employee_unit, bad_unit) = match units {
        Some((ids, rows, per_emp, bad)) => (Some(ids), Some(rows), Some(per_emp), bad),
        None => (None, None, None, Vec::new()),
    };
    Ok(Keys {
        employee_table,
        employee_ids: match emp.column.take() {
            Some(c) => c,
            None => StringArray::from_iter_values(emp.ids.iter()),
        },
        employee_row: emp.row,
        assessed: emp.assessed,
        indicator_rows,
        bad_employee: emp.bad,
        row_employee,
        groups,
        unit_ids,
        unit_rows,
        bad_unit,
        employee_unit,
        problems,
    })
}

/// Employees found so far: ids with their index and source rows.
struct Emps<'a> {
    ids: Vec<&'a str>,
    index: IdIndex<'a>,
    row: Vec<u32>,
    assessed: Vec<bool>,
    bad: Vec<bool>,
    /// The ids as a column of the table as it is (every row an employee, in order), when
    /// they are one: the result's id column without a copy.
    column: Option<StringArray>,
}

impl<'a> Emps<'a> {
    fn with_capacity(n: usize) -> Self {
        Emps {
            ids: Vec::with_capacity(n),
            index: IdIndex::with_capacity(n),
            row: Vec::with_capacity(n),
            assessed: Vec::with_capacity(n),
            bad: Vec::with_capacity(n),
            column: None,
        }
    }
    /// The distinct ids of `rows` (ascending, each with an id), in order of first appearance,
    /// every one assessed (see [`IdIndex::first_appearances`]).
    fn first_appearances(ids: &Text<'a>, rows: &[u32]) -> Self {
        let (index, row) = IdIndex::first_appearances(rows, |r| ids.get(r as usize).unwrap_or_default());
        let n = row.len();
        Emps {
            ids: row.par_iter().map(|r| ids.get(*r as usize).unwrap_or_default()).collect(),
            index,
            row,
            assessed: vec![true; n],
            bad: vec![false; n],
            column: None,
        }
    }

    fn push(&mut self, id: &'a str, row: usize, assessed: bool) -> u32 {
        let e = self.ids.len() as u32;
        self.ids.push(id);
        self.index.insert(id, e);
        self.row.push(row as u32);
        self.assessed.push(assessed);
        self.bad.push(false);
        e
    }
}

fn employees_from_rows<'a>(ind: &'a RecordBatch, ids: &Text<'a>) -> Emps<'a> {
    // an employee's first row starts a run of equal ids (the usual layout has one run each)
    let starts: Vec<u32> = (0..ind.num_rows())
        .into_par_iter()
        .with_min_len(1 << 16)
        .filter(|i| ids.get(*i).is_some() && (*i == 0 || ids.get(*i) != ids.get(i - 1)))
        .map(|i| i as u32)
        .collect();
    Emps::first_appearances(ids, &starts)
}

fn employees_from_table<'a>(
    e: &'a RecordBatch,
    period: Option<&str>,
    problems: &mut Vec<Problem>,
) -> Result<Emps<'a>, Problem> {
    let t = TableKind::Employees;
    let ids = text_column(e, t, "employee")?
        .ok_or_else(|| Problem::new(t, "the employee table needs an `employee` column (the NIP)"))?;
    let periods = text_column(e, t, "period")?;
    if periods.is_none() {
        if let Some(emps) = distinct_employees(&ids, e.num_rows(), problems) {
            return Ok(emps);
        }
    }
    let mut emps = Emps::with_capacity(e.num_rows());
    // (employee, period) → first row, for naming every row of a duplicate (without periods
    // the employee index says it: an employee's first row is its row)
    let mut seen: FxHashMap<(&str, Option<&str>), usize> = FxHashMap::default();
    if periods.is_some() {
        seen.reserve(e.num_rows());
    }
    // each duplicated key's first row → its other rows; the keys in order of their first
    // repeat, with how many of this table's other problems come before theirs
    let mut repeats: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    let mut order: Vec<(usize, usize)> = Vec::new();
    let start = problems.len();
    for i in 0..e.num_rows() {
        let Some(id) = ids.get(i) else {
            problems.push(missing_employee(i));
            continue;
        };
        let p = periods.as_ref().and_then(|c| c.get(i));
        let earlier = match periods {
            Some(_) => seen.insert((id, p), i).inspect(|first| {
                seen.insert((id, p), *first);
            }),
            None => emps.index.get(id).and_then(|k| emps.row.get(k as usize)).map(|r| *r as usize),
        };
        if let Some(first) = earlier {
            repeats
                .entry(first)
                .or_insert_with(|| {
                    order.push((first, problems.len() - start));
                    Vec::new()
                })
                .push(i);
            continue;
        }
        let assessed = periods.is_none() || (p.is_some() && p == period);
        match emps.index.get(id) {
            None => {
                emps.push(id, i, assessed);
            }
            Some(k) if assessed => {
                if let (Some(r), Some(a)) = (emps.row.get_mut(k as usize), emps.assessed.get_mut(k as usize))
                {
                    *r = i as u32;
                    *a = true;
                }
            }
            Some(_) => {}
        }
    }
    // one problem per duplicated key, where its first repeat was found among the others (a
    // merge: a table given twice over has as many keys as rows)
    let others = problems.split_off(start);
    let mut dups = order
        .into_iter()
        .map(|(first, at)| {
            let rows: Vec<usize> =
                std::iter::once(first).chain(repeats.remove(&first).unwrap_or_default()).collect();
            (at, duplicate_employee(&ids, periods.as_ref(), &rows))
        })
        .peekable();
    for (k, other) in others.into_iter().enumerate() {
        while let Some((_, d)) = dups.next_if(|(at, _)| *at <= k) {
            problems.push(d);
        }
        problems.push(other);
    }
    problems.extend(dups.map(|(_, d)| d));
    Ok(emps)
}

/// At most this many rows of one duplicated key are named in its problem (the others are
/// counted).
const NAMED_ROWS: usize = 10;

/// How a problem names the rows of one duplicated key (0-based, ascending, at least two): all
/// of them (`rows 1, 3 and 5`: the list before the last, and the last), or past
/// [`NAMED_ROWS`] the first ones (`rows 1, 2, …, 10, …`) and their count.
enum RowList {
    All(String, u64),
    First(String, usize),
}

fn row_list(rows: &[usize]) -> RowList {
    let list = |rows: &[usize]| rows.iter().map(|r| row_no(*r).to_string()).collect::<Vec<_>>().join(", ");
    match rows.split_last() {
        Some((last, head)) if rows.len() <= NAMED_ROWS => RowList::All(list(head), row_no(*last)),
        _ => RowList::First(list(rows.get(..NAMED_ROWS).unwrap_or(rows)), rows.len()),
    }
}

/// The problem of an employee (and period) on all of `rows` of the employee table (0-based,
/// ascending): one problem at its second row, naming every row.
fn duplicate_employee(ids: &Text, periods: Option<&Text>, rows: &[usize]) -> Problem {
    let (first, second) = (rows.first().copied().unwrap_or(0), rows.get(1).copied().unwrap_or(0));
    let id = ids.get(first).unwrap_or("");
    let p = periods.and_then(|c| c.get(first));
    let n = rows.len();
    let what = match (p, n) {
        (Some(p), 2) => format!("employee `{id}` appears twice for period {p}"),
        (Some(p), _) => format!("employee `{id}` appears {n} times for period {p}"),
        (None, 2) => format!("employee `{id}` appears twice"),
        (None, _) => format!("employee `{id}` appears {n} times"),
    };
    let per = if periods.is_some() { " and period" } else { "" };
    let message = match row_list(rows) {
        RowList::All(head, last) => {
            format!("duplicate row: {what} (rows {} and {}); keep one row per employee{}", head, last, per)
        }
        RowList::First(named, n) => {
            format!(
                "duplicate row: {what} (rows {}, … {} rows in all); keep one row per employee{}",
                named, n, per
            )
        }
    };
    Problem::new(TableKind::Employees, message)
        .at_row(row_no(second))
        .for_employee(id)
        .at_cell("employee", id)
}

/// The problem of row `i` of the employee table: it has no id.
fn missing_employee(i: usize) -> Problem {
    Problem::new(TableKind::Employees, "missing employee id; every row needs its NIP")
        .at_row(row_no(i))
        .at_cell("employee", "")
}

/// The employees of an employee table without periods when no id is on two rows (the usual
/// table), numbered and indexed in parallel; `None` when an id repeats (the caller then
/// reads the table row by row, naming both rows of each duplicate).
fn distinct_employees<'a>(ids: &Text<'a>, n: usize, problems: &mut Vec<Problem>) -> Option<Emps<'a>> {
    let present: Vec<u32> = (0..n)
        .into_par_iter()
        .with_min_len(1 << 16)
        .filter(|i| ids.get(*i).is_some())
        .map(|i| i as u32)
        .collect();
    let mut emps = Emps::first_appearances(ids, &present);
    if emps.row.len() != present.len() {
        return None;
    }
    if let (Text::Utf8(a), true) = (ids, present.len() == n) {
        emps.column = Some((*a).clone());
    }
    problems.extend((0..n).filter(|i| ids.get(*i).is_none()).map(missing_employee));
    Some(emps)
}

/// The employee of each indicator row, in parallel chunks of rows: within a chunk a
/// sequential walk while the rows follow the employee order (the usual layout), a hash
/// look-up otherwise. Problems come in row order.
fn match_rows(ids: &Text, n: usize, emps: &Emps, problems: &mut Vec<Problem>) -> Vec<u32> {
    const CHUNK: usize = 1 << 16;
    let mut out = vec![NONE; n];
    let found: Vec<Vec<Problem>> = out
        .par_chunks_mut(CHUNK)
        .enumerate()
        .map(|(c, slots)| match_chunk(ids, c * CHUNK, slots, emps))
        .collect();
    problems.extend(found.into_iter().flatten());
    out
}

/// [`match_rows`] for the rows `lo..lo + slots.len()`.
fn match_chunk(ids: &Text, lo: usize, slots: &mut [u32], emps: &Emps) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut j = usize::MAX;
    for (k, slot) in slots.iter_mut().enumerate() {
        let i = lo + k;
        let Some(id) = ids.get(i) else {
            problems.push(
                Problem::new(TableKind::Indicators, "missing employee id; every indicator row needs the NIP")
                    .at_row(row_no(i))
                    .at_cell("employee", ""),
            );
            continue;
        };
        if emps.ids.get(j) == Some(&id) {
            *slot = j as u32;
            continue;
        }
        if emps.ids.get(j.wrapping_add(1)) == Some(&id) {
            j = j.wrapping_add(1);
            *slot = j as u32;
            continue;
        }
        match emps.index.get(id) {
            Some(e) => {
                j = e as usize;
                *slot = e;
            }
            None => problems.push(
                Problem::new(
                    TableKind::Indicators,
                    format!("unknown employee `{id}`: not in the employee table; add the employee or correct the NIP"),
                )
                .at_row(row_no(i))
                .for_employee(id)
                .at_cell("employee", id),
            ),
        }
    }
    problems
}

/// Whether two indicator rows of one employee have the same indicator id (a null id counts as
/// a value), as [`match_keys`] would report them, or an id is not as a reader reads it (spaces
/// around it, which a reader trims, or empty, which it reads as missing): `employee` is the
/// employee index of each row (rows at [`NONE`] are skipped), `indicator` the indicator ids. A
/// column that is not text answers `true` (the caller then reads the tables through
/// [`match_keys`]).
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, StringArray};
/// use kinerja_table::keys::repeated_indicator;
/// let ids: ArrayRef = Arc::new(StringArray::from(vec!["x", "y", "x"]));
/// assert!(!repeated_indicator(&[0, 0, 1], &ids));
/// assert!(repeated_indicator(&[0, 1, 0], &ids));
/// let spaced: ArrayRef = Arc::new(StringArray::from(vec!["x", "x "]));
/// assert!(repeated_indicator(&[0, 1], &spaced));
/// ```
pub fn repeated_indicator(employee: &[u32], indicator: &ArrayRef) -> bool {
    let Some(text) = Text::of(indicator) else { return true };
    let n_emp = employee.iter().filter(|e| **e != NONE).map(|e| *e as usize + 1).max().unwrap_or(0);
    let by = group_by_employee(employee, n_emp);
    let id = |r: &u32| text.get(*r as usize);
    let as_read = |rows: &[u32]| rows.iter().all(|r| id(r).is_none_or(|t| !t.is_empty() && t.trim() == t));
    (0..n_emp).into_par_iter().with_min_len(4096).any(|e| {
        let rows = by.rows_of(e);
        !as_read(rows) || repeats(rows, id)
    })
}

/// Whether two of `rows` have the same key (each key read once).
fn repeats<K: Ord + Copy>(rows: &[u32], key: impl Fn(&u32) -> K) -> bool {
    const FEW: usize = 16;
    match rows {
        [] | [_] => false,
        rows if rows.len() <= FEW => {
            let mut keys = [None; FEW];
            for (slot, r) in keys.iter_mut().zip(rows) {
                *slot = Some(key(r));
            }
            let keys = keys.get(..rows.len()).unwrap_or(&[]);
            keys.iter().enumerate().any(|(j, x)| keys.iter().take(j).any(|y| y == x))
        }
        rows => {
            let mut keys: Vec<K> = rows.iter().map(key).collect();
            keys.sort_unstable();
            keys.windows(2).any(|w| w.first() == w.get(1))
        }
    }
}

/// Rows grouped by employee, row order kept within an employee.
struct ByEmployee {
    offsets: Vec<usize>,
    rows: Vec<u32>,
}

impl ByEmployee {
    fn rows_of(&self, e: usize) -> &[u32] {
        let lo = self.offsets.get(e).copied().unwrap_or(0);
        let hi = self.offsets.get(e + 1).copied().unwrap_or(0);
        self.rows.get(lo..hi).unwrap_or(&[])
    }
}

/// [`ByEmployee`] of the rows' employees ([`NONE`] for none), by the scorer's own grouping.
fn group_by_employee(row_employee: &[u32], n_emp: usize) -> ByEmployee {
    let g = kinerja_core::batch::group(row_employee, n_emp);
    let rows = match g.order.is_empty() {
        true => (0..row_employee.len() as u32).into_par_iter().collect(),
        false => g.order,
    };
    ByEmployee { offsets: g.offsets, rows }
}

/// Employee columns repeated on indicator rows must agree across an employee's rows.
fn check_repeated(
    ind: &RecordBatch,
    by: &ByEmployee,
    ids: &[&str],
    problems: &mut Vec<Problem>,
    bad: &mut [bool],
) {
    let cols: Vec<(&str, &ArrayRef)> = EMPLOYEE_COLUMNS
        .iter()
        .filter(|c| !matches!(**c, "employee" | "period"))
        .filter_map(|c| column(ind, c).map(|a| (*c, a)))
        .collect();
    if cols.is_empty() {
        return;
    }
    // the employees whose rows disagree (found in parallel; few or none)
    let equal: Vec<_> = cols.iter().map(|(_, a)| equality(a)).collect();
    let agree = |rows: &[u32]| {
        let Some((&first, rest)) = rows.split_first() else { return true };
        rest.iter().all(|&r| equal.iter().all(|eq| eq(first as usize, r as usize)))
    };
    let disagree: Vec<usize> =
        (0..ids.len()).into_par_iter().with_min_len(4096).filter(|e| !agree(by.rows_of(*e))).collect();
    for e in disagree {
        let Some(id) = ids.get(e) else { continue };
        let rows = by.rows_of(e);
        let Some((&first, rest)) = rows.split_first() else { continue };
        for &r in rest {
            for ((name, a), eq) in cols.iter().zip(&equal) {
                if !eq(first as usize, r as usize) {
                    let show = |i: u32| cell_text(a, i as usize).unwrap_or_else(|| "(empty)".into());
                    problems.push(
                        Problem::new(
                            TableKind::Indicators,
                            format!(
                                "employee `{id}` has `{name}` {:?} on row {} but {:?} on row {}; an employee column \
                                 repeated on indicator rows must be the same on every row",
                                show(first),
                                row_no(first as usize),
                                show(r),
                                row_no(r as usize)
                            ),
                        )
                        .at_row(row_no(r as usize))
                        .for_employee(*id)
                        .at_cell(*name, show(r)),
                    );
                    if let Some(b) = bad.get_mut(e) {
                        *b = true;
                    }
                }
            }
        }
    }
}

/// Duplicate (employee, indicator, period) rows, and the (employee, indicator) groups when
/// the table has a `period` column.
fn check_indicator_keys(
    ind: &RecordBatch,
    row_employee: &[u32],
    by: &ByEmployee,
    ids: &[&str],
    problems: &mut Vec<Problem>,
    bad: &mut [bool],
) -> Result<Option<Groups>, Problem> {
    let t = TableKind::Indicators;
    let indicator = text_column(ind, t, "indicator")?;
    let period = text_column(ind, t, "period")?;
    if indicator.is_none() && period.is_none() {
        return Ok(None);
    }
    let key = |r: u32| {
        (indicator.as_ref().and_then(|c| c.get(r as usize)), period.as_ref().and_then(|c| c.get(r as usize)))
    };
    let mut scratch: Vec<u32> = Vec::with_capacity(64);
    // group id of each row (rows of one employee and indicator share it)
    let mut group_of = if period.is_some() { vec![NONE; row_employee.len()] } else { Vec::new() };
    let mut n_groups = 0u32;
    // without periods only duplicates are looked for: in the employees that have one (found
    // in parallel; few or none)
    let employees: Vec<usize> = match period {
        Some(_) => (0..ids.len()).collect(),
        None => {
            let key = |r: &u32| key(*r);
            (0..ids.len())
                .into_par_iter()
                .with_min_len(4096)
                .filter(|e| repeats(by.rows_of(*e), key))
                .collect()
        }
    };
    for e in employees {
        let Some(id) = ids.get(e) else { continue };
        scratch.clear();
        scratch.extend_from_slice(by.rows_of(e));
        scratch.sort_by(|a, b| key(*a).cmp(&key(*b)));
        let mut prev: Option<u32> = None;
        // the rows of the current (indicator, period) key, reported once it ends when repeated
        let mut same: Vec<usize> = Vec::new();
        let mut report = |same: &mut Vec<usize>| {
            if same.len() > 1 {
                let (ki, kp) = key(same.first().copied().unwrap_or(0) as u32);
                problems.push(duplicate_indicator(id, ki, period.as_ref().map(|_| kp), same));
                if let Some(b) = bad.get_mut(e) {
                    *b = true;
                }
            }
            same.clear();
        };
        for &r in &scratch {
            let (ki, kp) = key(r);
            if let Some(p) = prev {
                let (pi, pp) = key(p);
                if !(indicator.is_some() && pi == ki && pp == kp) {
                    report(&mut same);
                }
                if indicator.is_none() || pi != ki {
                    n_groups += 1;
                }
            } else {
                n_groups += 1;
            }
            if let Some(g) = group_of.get_mut(r as usize) {
                *g = n_groups - 1;
            }
            same.push(r as usize);
            prev = Some(r);
        }
        report(&mut same);
    }
    if period.is_none() {
        return Ok(None);
    }
    // Groups in order of their first row; rows ascending within a group.
    let mut first = vec![NONE; n_groups as usize];
    let mut counts = vec![0u32; n_groups as usize];
    for (r, g) in group_of.iter().enumerate() {
        if let (Some(f), Some(c)) = (first.get_mut(*g as usize), counts.get_mut(*g as usize)) {
            if *f == NONE {
                *f = r as u32;
            }
            *c += 1;
        }
    }
    let mut order: Vec<u32> = (0..n_groups).collect();
    order.sort_unstable_by_key(|g| first.get(*g as usize).copied().unwrap_or(NONE));
    let mut rank = vec![0u32; n_groups as usize];
    for (k, g) in order.iter().enumerate() {
        if let Some(x) = rank.get_mut(*g as usize) {
            *x = k as u32;
        }
    }
    let mut offsets = vec![0u32; n_groups as usize + 1];
    for g in &order {
        let k = rank.get(*g as usize).copied().unwrap_or(0) as usize;
        let c = counts.get(*g as usize).copied().unwrap_or(0);
        let prev = offsets.get(k).copied().unwrap_or(0);
        if let Some(o) = offsets.get_mut(k + 1) {
            *o = prev + c;
        }
    }
    let mut next = offsets.clone();
    let mut rows = vec![0u32; offsets.last().copied().unwrap_or(0) as usize];
    for (r, g) in group_of.iter().enumerate() {
        let Some(k) = rank.get(*g as usize) else { continue };
        if let Some(pos) = next.get_mut(*k as usize) {
            if let Some(slot) = rows.get_mut(*pos as usize) {
                *slot = r as u32;
            }
            *pos += 1;
        }
    }
    Ok(Some(Groups { offsets, rows }))
}

/// The problem of an (employee, indicator, period) key on all of `rows` of the indicator table
/// (0-based, ascending; `period`: the table has a period column): one problem at its second
/// row, naming every row.
fn duplicate_indicator(
    id: &str,
    indicator: Option<&str>,
    period: Option<Option<&str>>,
    rows: &[usize],
) -> Problem {
    let mut what = format!("employee `{id}`, indicator `{}`", indicator.unwrap_or(""));
    if let Some(kp) = period {
        what.push_str(&format!(", period {}", kp.unwrap_or("(empty)")));
    }
    let message = match row_list(rows) {
        RowList::All(head, last) => format!(
            "duplicate row: {what} on rows {} and {}; keep one row per employee, indicator and period",
            head, last
        ),
        RowList::First(named, n) => format!(
            "duplicate row: {what} on rows {}, … {} rows in all; keep one row per employee, indicator and period",
            named, n
        ),
    };
    let mut pr = Problem::new(TableKind::Indicators, message)
        .at_row(row_no(rows.get(1).copied().unwrap_or(0)))
        .for_employee(id);
    if let Some(ki) = indicator {
        pr = pr.for_indicator(ki);
    }
    pr
}

/// Unit ids, the table and row of each unit, each employee's unit, the units whose rows
/// disagree.
type UnitMatch = (StringArray, (TableKind, Vec<u32>), Vec<u32>, Vec<bool>);

fn match_units(
    emp_batch: &RecordBatch,
    emp_table: TableKind,
    emps: &Emps,
    units: Option<&RecordBatch>,
    problems: &mut Vec<Problem>,
) -> Result<Option<UnitMatch>, Problem> {
    let Some(emp_unit) = text_column(emp_batch, emp_table, "unit")? else { return Ok(None) };
    let mut ids: Vec<&str> = Vec::new();
    let mut index: FxHashMap<&str, u32> = FxHashMap::default();
    let mut rows: Vec<u32> = Vec::new();
    let mut bad: Vec<bool> = Vec::new();
    let source = match units {
        Some(u) => {
            let t = TableKind::Units;
            let uid = text_column(u, t, "unit")?
                .ok_or_else(|| Problem::new(t, "the unit table needs a `unit` column"))?;
            for i in 0..u.num_rows() {
                let Some(id) = uid.get(i) else {
                    problems.push(Problem::new(t, "missing unit id").at_row(row_no(i)).at_cell("unit", ""));
                    continue;
                };
                match index.get(id) {
                    None => {
                        index.insert(id, ids.len() as u32);
                        ids.push(id);
                        rows.push(i as u32);
                        bad.push(false);
                    }
                    Some(k) => {
                        let first = rows.get(*k as usize).copied().unwrap_or(0) as usize;
                        if !rows_equal(u, first, i) {
                            if let Some(b) = bad.get_mut(*k as usize) {
                                *b = true;
                            }
                            problems.push(
                                Problem::new(
                                    t,
                                    format!(
                                        "unit `{id}` appears on rows {} and {} with different values; keep one row \
                                         per unit",
                                        row_no(first),
                                        row_no(i)
                                    ),
                                )
                                .at_row(row_no(i))
                                .at_cell("unit", id),
                            );
                        }
                    }
                }
            }
            TableKind::Units
        }
        None => emp_table,
    };
    let mut per_emp = vec![NONE; emps.ids.len()];
    for (e, (slot, row)) in per_emp.iter_mut().zip(&emps.row).enumerate() {
        let Some(u) = emp_unit.get(*row as usize) else { continue };
        match index.get(u) {
            Some(k) => *slot = *k,
            None if units.is_none() => {
                let k = ids.len() as u32;
                index.insert(u, k);
                ids.push(u);
                rows.push(*row);
                *slot = k;
            }
            None => {
                let id = emps.ids.get(e).copied().unwrap_or("");
                problems.push(
                    Problem::new(
                        emp_table,
                        format!("unknown unit `{u}` of employee `{id}`: not in the unit table; add the unit or correct the id"),
                    )
                    .at_row(row_no(*row as usize))
                    .for_employee(id)
                    .at_cell("unit", u),
                );
            }
        }
    }
    match units {
        None => (rows, bad) = units_of_employees(emp_batch, emp_table, emps, &ids, &per_emp, problems),
        Some(u) => {
            employees_agree_with_units(emp_batch, emp_table, emps, u, (&ids, &rows), &per_emp, problems)
        }
    }
    Ok(Some((StringArray::from_iter_values(ids.iter()), (source, rows), per_emp, bad)))
}

/// With a unit table: an employee row (of the evaluated period) that states an
/// `org_predicate` states its unit's, as the unit table gives it; another one is a problem of
/// that employee (which of the two holds is never guessed). An empty cell states nothing.
fn employees_agree_with_units(
    emp_batch: &RecordBatch,
    emp_table: TableKind,
    emps: &Emps,
    units: &RecordBatch,
    (unit_ids, unit_rows): (&[&str], &[u32]),
    per_emp: &[u32],
    problems: &mut Vec<Problem>,
) {
    let (Some(own), unit_org) = (
        column(emp_batch, "org_predicate").and_then(Text::of),
        column(units, "org_predicate").and_then(Text::of),
    ) else {
        return;
    };
    for (e, u) in per_emp.iter().enumerate() {
        let (Some(true), Some(&row)) = (emps.assessed.get(e), emps.row.get(e)) else { continue };
        let (Some(value), Some(&unit_row)) =
            (own.get(row as usize).filter(|t| !t.trim().is_empty()), unit_rows.get(*u as usize))
        else {
            continue;
        };
        let stated =
            unit_org.as_ref().and_then(|c| c.get(unit_row as usize)).filter(|t| !t.trim().is_empty());
        if same_org(stated, value) {
            continue;
        }
        let unit = unit_ids.get(*u as usize).copied().unwrap_or("");
        let id = emps.ids.get(e).copied().unwrap_or("");
        let msg = format!(
            "employee `{id}` has `org_predicate` {value:?} but the unit table gives unit `{unit}` {:?} on its row {}; \
             give a unit's org_predicate once, in the unit table, or the same on the employee's row",
            stated.unwrap_or("(empty)"),
            row_no(unit_row as usize)
        );
        problems.push(
            Problem::new(emp_table, msg)
                .at_row(row_no(row as usize))
                .for_employee(id)
                .at_cell("org_predicate", value),
        );
    }
}

/// Without a unit table: the row of each unit (that of its first employee assessed in the
/// evaluated period that states an `org_predicate`, else of its first assessed employee,
/// [`NONE`] when none is) and the units whose assessed employees state different
/// `org_predicate`s (an empty cell states none). Each value that differs from the unit's row
/// is a problem once, at the first row stating it, naming the unit's row too.
fn units_of_employees(
    emp_batch: &RecordBatch,
    emp_table: TableKind,
    emps: &Emps,
    unit_ids: &[&str],
    per_emp: &[u32],
    problems: &mut Vec<Problem>,
) -> (Vec<u32>, Vec<bool>) {
    let n = unit_ids.len();
    let (mut rows, mut bad) = (vec![NONE; n], vec![false; n]);
    let org = column(emp_batch, "org_predicate").and_then(Text::of);
    let cell = |r: u32| org.as_ref().and_then(|c| c.get(r as usize)).filter(|t| !t.trim().is_empty());
    // per unit with a disagreement: the values named in a problem so far
    let mut named: FxHashMap<u32, Vec<&str>> = FxHashMap::default();
    for (e, u) in per_emp.iter().enumerate() {
        let (Some(true), Some(&row)) = (emps.assessed.get(e), emps.row.get(e)) else { continue };
        let Some(first) = rows.get_mut(*u as usize) else { continue };
        let value = cell(row);
        // the unit's row: its first employee's, or the first that states the predicate (an
        // empty cell states nothing)
        if *first == NONE || (cell(*first).is_none() && value.is_some()) {
            *first = row;
            continue;
        }
        let (first, Some(stated)) = (*first, value) else { continue };
        if same_org(cell(first), stated) {
            continue;
        }
        let seen = named.entry(*u).or_default();
        if seen.iter().any(|v| same_org(Some(v), stated)) {
            continue;
        }
        seen.push(stated);
        if let Some(b) = bad.get_mut(*u as usize) {
            *b = true;
        }
        let show = |v: Option<&str>| v.unwrap_or("(empty)").to_string();
        let unit = unit_ids.get(*u as usize).copied().unwrap_or("");
        let mut p = Problem::new(
            emp_table,
            format!(
                "unit `{unit}` has `org_predicate` {:?} on row {} but {:?} on row {}; give a unit's \
                 org_predicate the same on every row of its employees, or once in a unit table",
                show(cell(first)),
                row_no(first as usize),
                show(value),
                row_no(row as usize)
            ),
        )
        .at_row(row_no(row as usize))
        .for_employee(emps.ids.get(e).copied().unwrap_or(""));
        p.column = Some("org_predicate".into());
        p.value = value.map(str::to_string);
        problems.push(p);
    }
    (rows, bad)
}

/// Whether an `org_predicate` cell (`None`: empty, which states none) states the predicate
/// `b` states: equal text, or two spellings of one predicate (`good`, `Baik`).
fn same_org(a: Option<&str>, b: &str) -> bool {
    let word = |t: &str| {
        let t = t.trim();
        OrgPredicate::ALL
            .iter()
            .find(|p| p.value() == t)
            .copied()
            .or_else(|| OrgPredicate::parse_label(t).ok())
    };
    a.is_some_and(|x| x == b || word(x).is_some_and(|p| word(b) == Some(p)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// `repeats` answers as a comparison of every pair of keys, for few rows (keys read
        /// into a small array) and many (keys sorted).
        #[test]
        fn repeats_compares_every_pair(keys in prop::collection::vec(0u8..40, 0..40)) {
            let rows: Vec<u32> = (0..keys.len() as u32).collect();
            let key = |r: &u32| keys.get(*r as usize).copied();
            let pairs = (0..keys.len()).any(|j| (0..j).any(|i| keys.get(i) == keys.get(j)));
            prop_assert_eq!(repeats(&rows, key), pairs);
        }
    }

    /// The direct path's question: an id repeated within an employee, or not as a reader
    /// reads it (spaces around it, empty), sends the tables to `match_keys`; other employees'
    /// ids and rows of no employee do not.
    #[test]
    fn repeated_or_unread_indicator_ids() {
        let ids = |v: Vec<Option<&str>>| -> ArrayRef { std::sync::Arc::new(StringArray::from(v)) };
        let clean = ids(vec![Some("a"), Some("b"), Some("a"), Some("a")]);
        assert!(!repeated_indicator(&[0, 0, 1, NONE], &clean));
        assert!(repeated_indicator(&[0, 0, 0, NONE], &clean));
        assert!(repeated_indicator(&[0, 1], &ids(vec![Some("a"), Some(" b")])));
        assert!(repeated_indicator(&[0, 1], &ids(vec![Some("a"), Some("")])));
        assert!(!repeated_indicator(&[0, 1], &ids(vec![Some("a"), None])));
        assert!(repeated_indicator(&[0, 0], &ids(vec![None, None])));
        let numbers: ArrayRef = std::sync::Arc::new(arrow_array::Int64Array::from(vec![1, 2]));
        assert!(repeated_indicator(&[0, 1], &numbers), "not text: the full reading decides");
    }
}
