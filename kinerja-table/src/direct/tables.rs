//! Canonical Arrow tables scored on the direct path: the checks that the tables are what the
//! cell-by-cell step would make of them (typed numbers, ids read as they are, one row per
//! employee, known words), the keys matched, the enum columns coded, [`score_arrays`] run and
//! the result tables built. A table this path cannot read whole gives `None`: the caller
//! then reads it through the table layer ([`crate::score`]), which gives the same results
//! and locates every problem.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Int64Array, RecordBatch, StringArray, UInt8Array, UInt32Array,
};
use arrow_schema::{DataType, Field, Schema};
use kinerja_core::batch::{BatchStats, OnError};
use kinerja_core::rules::Ruleset;
use rustc_hash::{FxHashMap, FxHashSet};

use super::align::{Key, keys};
use super::{
    Arrays, align_keys, dictionary_codes, ids_as_read, reaches_every, repeated_indicator, score_arrays,
};
use super::{Encoded, encode, unit_index};
use crate::columns::{ColumnType, column_type};
use crate::words::WordKind;

/// Columns of the indicator table the direct path reads.
const INDICATOR_COLUMNS: [&str; 16] = [
    "employee",
    "indicator",
    "target",
    "target_low",
    "target_high",
    "actual",
    "polarity",
    "weight",
    "cap",
    "result_kind",
    "unit",
    "work_result",
    "behaviour",
    "post_type",
    "unit_head",
    "org_predicate",
];
/// Columns of the employee table the direct path reads.
const EMPLOYEE_COLUMNS: [&str; 8] = [
    "employee",
    "unit",
    "work_result",
    "behaviour",
    "post_type",
    "unit_head",
    "org_predicate",
    "functional_grade",
];
/// Employee columns that may stand on the indicator rows instead of an employee table.
const EMPLOYEE_ON_ROWS: [&str; 6] =
    ["unit", "work_result", "behaviour", "post_type", "unit_head", "org_predicate"];
/// A dictionary-encoded word column with at most this many values is coded through its
/// dictionary (each value read once) instead of decoded.
const SMALL_DICTIONARY: usize = 4096;

/// What [`score_tables`] gives: the result tables of `kinerja.score` and what the caller needs
/// to have the table layer word the problems.
#[derive(Debug)]
#[non_exhaustive]
pub struct TableScores {
    /// `employee`, `indicator` (when given) and `achievement`, in the input's row order.
    pub indicators: RecordBatch,
    /// `employee`, `unit` (when given) and the result columns ([`super::employee_results`]).
    pub employees: RecordBatch,
    /// `unit`, `org_predicate` (when given) and [`super::unit_counts`]; a table of an empty
    /// `unit` column without units.
    pub units: RecordBatch,
    /// How many problems the kernels found (all of them collected).
    pub errors: usize,
    /// The employee rows those problems concern ([`super::Scored::problem_employees`]).
    pub problem_employees: Option<Vec<i64>>,
    /// Each indicator row's employee row (`uint32`; null where it names none).
    pub employee_index: ArrayRef,
    /// Whether every unit's organisational predicate was stated on its unit row (or none was
    /// given), rather than on its employees' rows.
    pub by_unit: bool,
    /// The decimal places each given number column was read at.
    pub scales: Vec<(&'static str, u32)>,
    /// Which path of the kernels decided how much.
    pub stats: BatchStats,
}

/// The column `name` of `b`.
fn col<'a>(b: &'a RecordBatch, name: &str) -> Option<&'a ArrayRef> {
    b.column_by_name(name)
}

/// A dictionary's value type, or the type itself.
fn value_type(t: &DataType) -> &DataType {
    match t {
        DataType::Dictionary(_, v) => v,
        t => t,
    }
}

/// `a` decoded from a dictionary, a `utf8_view` as `large_utf8` (the types the checks read).
fn plain(a: &ArrayRef) -> Option<ArrayRef> {
    match a.data_type() {
        DataType::Dictionary(_, v) => arrow_cast::cast(a, v).ok().and_then(|d| plain(&d)),
        DataType::Utf8View => arrow_cast::cast(a, &DataType::LargeUtf8).ok(),
        _ => Some(a.clone()),
    }
}

/// Whether a table holds only the columns the direct path reads, its `employee` among them.
fn fast_columns(b: &RecordBatch, allowed: &[&str]) -> bool {
    let names = b.schema().fields().iter().map(|f| f.name().clone()).collect::<Vec<_>>();
    names.iter().any(|n| n == "employee") && names.iter().all(|n| allowed.contains(&n.as_str()))
}

/// Whether a number column of type `t` is read by the direct path: integers, floats and
/// decimals of at most 38 digits.
fn number_type(t: &DataType) -> bool {
    let decimal = matches!(t, DataType::Decimal32(..) | DataType::Decimal64(..) | DataType::Decimal128(..));
    t.is_integer() || t.is_floating() || decimal || matches!(t, DataType::Decimal256(p, _) if *p <= 38)
}

/// Whether the tables are canonical already, so the direct path gives what the table layer
/// gives: numbers typed (not text), words not as floats, ids of one integer or text type
/// without nulls, `result_kind` only `primary` / `additional`, `unit_head` boolean, every
/// employee in a unit when units are given, one row per unit.
fn canonical(ind: &RecordBatch, emp: Option<&RecordBatch>, units: Option<&RecordBatch>) -> Option<bool> {
    if !fast_columns(ind, &INDICATOR_COLUMNS) || emp.is_some_and(|e| !fast_columns(e, &EMPLOYEE_COLUMNS)) {
        return Some(false);
    }
    // each column's type against its declared type (`columns::column_type`)
    for t in [Some(ind), emp, units].iter().flatten() {
        for (field, c) in t.schema().fields().iter().zip(t.columns()) {
            let ty = value_type(c.data_type());
            let fits = match column_type(field.name()) {
                Some(ColumnType::Decimal) => number_type(ty),
                // codes as floats (a pandas column with NaN)
                Some(ColumnType::Word(_)) => !ty.is_floating(),
                // float ids (digits lost on the way) and the like
                Some(ColumnType::Id) => ty.is_integer() || matches!(ty, DataType::Utf8 | DataType::LargeUtf8),
                _ => true,
            };
            if !fits {
                return Some(false);
            }
        }
    }
    if let Some(kind) = col(ind, "result_kind") {
        let kind = plain(kind)?;
        let known = |v: Option<&str>| v.is_none_or(|v| v == "primary" || v == "additional");
        let all_known = match kind.data_type() {
            DataType::Null => true,
            DataType::Utf8 => kind.as_string::<i32>().iter().all(known),
            DataType::LargeUtf8 => kind.as_string::<i64>().iter().all(known),
            _ => kind.null_count() == kind.len(),
        };
        if !all_known {
            return Some(false);
        }
    }
    for t in [Some(ind), emp].iter().flatten() {
        let head = col(t, "unit_head").map(plain).map_or(Some(None), |x| x.map(Some))?;
        if head.is_some_and(|h| !matches!(h.data_type(), DataType::Boolean | DataType::Null)) {
            return Some(false);
        }
    }
    let ind_ids = plain(col(ind, "employee")?)?;
    if ind_ids.null_count() > 0 {
        return Some(false); // a row without its employee: the table layer names it
    }
    if let Some(e) = emp {
        let ids = plain(col(e, "employee")?)?;
        if ids.data_type() != ind_ids.data_type() || ids.null_count() > 0 {
            return Some(false);
        }
    }
    if col(emp.unwrap_or(ind), "unit").is_some_and(|u| u.null_count() > 0) {
        return Some(false); // an employee without a unit is in no unit's counts
    }
    if let Some(u) = units {
        let ids = plain(col(u, "unit")?)?;
        if ids.null_count() > 0 || !distinct(&ids)? {
            return Some(false);
        }
    }
    Some(true)
}

/// Integer ids of a type [`keys`] does not read, as `int64` (`None`: a value past it).
fn key_array(a: &ArrayRef) -> Option<ArrayRef> {
    match a.data_type() {
        DataType::Int64 | DataType::Int32 | DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            Some(a.clone())
        }
        t if t.is_integer() => {
            let opts = arrow_cast::CastOptions { safe: false, ..Default::default() };
            arrow_cast::cast_with_options(a, &DataType::Int64, &opts).ok()
        }
        _ => None,
    }
}

/// Whether no id of `ids` comes twice (nulls are no ids).
fn distinct(ids: &ArrayRef) -> Option<bool> {
    let k = key_array(ids)?;
    let k = keys(&k)?;
    let mut seen = FxHashSet::default();
    Some((0..k.len()).all(|i| k.get(i).is_none_or(|key| seen.insert(key))))
}

/// The row of each of `keys` in `values` (the first of equal values; `NONE` for a key absent
/// or null), by hashing.
fn hash_index(keys_a: &ArrayRef, values: &ArrayRef) -> Option<Vec<u32>> {
    let (ka, va) = (key_array(keys_a)?, key_array(values)?);
    let (k, v) = (keys(&ka)?, keys(&va)?);
    let mut at: FxHashMap<Key, u32> = FxHashMap::default();
    for j in 0..v.len() {
        if let Some(key) = v.get(j) {
            at.entry(key).or_insert(u32::try_from(j).ok()?);
        }
    }
    Some(
        (0..k.len())
            .map(|i| k.get(i).and_then(|key| at.get(&key).copied()).unwrap_or(crate::keys::NONE))
            .collect(),
    )
}

/// Each key's row in `values` and whether every row of `values` is some key's (`None`: not
/// known without counting): by [`align_keys`] when the keys follow the values' order, else
/// by hashing.
fn index(keys_a: &ArrayRef, values: &ArrayRef) -> Option<(Vec<u32>, Option<bool>)> {
    let (ka, va) = (key_array(keys_a)?, key_array(values)?);
    if let Some(idx) = align_keys(&ka, &va, rayon::current_num_threads()) {
        let every = reaches_every(&idx, values.len());
        return Some((idx, Some(every)));
    }
    Some((hash_index(&ka, &va)?, None))
}

/// The distinct keys of a column, numbered in order of first appearance.
struct Runs {
    /// The first row of each key.
    first: Vec<u32>,
    /// Each row's key number.
    number: Vec<u32>,
    /// For rows grouped by key (each key one run): whether each row after the first starts a
    /// run; `None` otherwise.
    changes: Option<Vec<bool>>,
}

/// The [`Runs`] of `ids` (no nulls): read at the changes of id when the rows are grouped and
/// no id comes back, else by hashing (the same numbers).
fn first_rows(ids: &ArrayRef) -> Option<Runs> {
    let n = ids.len();
    if n >= 2 && ids.null_count() == 0 {
        let changes = arrow_ord::cmp::distinct(&ids.slice(1, n - 1), &ids.slice(0, n - 1)).ok()?;
        let changes: Vec<bool> = changes.values().iter().collect();
        let mut first = vec![0u32];
        let mut number = Vec::with_capacity(n);
        number.push(0u32);
        for (i, c) in changes.iter().enumerate() {
            if *c {
                first.push(u32::try_from(i + 1).ok()?);
            }
            number.push(u32::try_from(first.len() - 1).ok()?);
        }
        let starts = arrow_select::take::take(ids, &UInt32Array::from(first.clone()), None).ok()?;
        if ascending(&starts)? || distinct(&starts)? {
            return Some(Runs { first, number, changes: Some(changes) });
        }
    }
    let ka = key_array(ids)?;
    let k = keys(&ka)?;
    let mut number_of: FxHashMap<Key, u32> = FxHashMap::default();
    let (mut first, mut number) = (Vec::new(), Vec::with_capacity(n));
    for i in 0..n {
        let key = k.get(i)?;
        let next = u32::try_from(number_of.len()).ok()?;
        let v = *number_of.entry(key).or_insert(next);
        if v == next {
            first.push(u32::try_from(i).ok()?);
        }
        number.push(v);
    }
    Some(Runs { first, number, changes: None })
}

/// Whether `ids` strictly ascend without a null (then none comes twice).
fn ascending(ids: &ArrayRef) -> Option<bool> {
    let n = ids.len();
    if ids.null_count() > 0 {
        return Some(false);
    }
    if n < 2 {
        return Some(true);
    }
    let lt = arrow_ord::cmp::lt(&ids.slice(0, n - 1), &ids.slice(1, n - 1)).ok()?;
    Some(lt.true_count() == n - 1)
}

/// `a` in a form whose values compare as the column's: decoded, a column of nulls as `int8`.
fn comparable(a: &ArrayRef) -> Option<ArrayRef> {
    match a.data_type() {
        DataType::Null => arrow_cast::cast(a, &DataType::Int8).ok(),
        _ => plain(a),
    }
}

/// Whether each employee column repeated on the indicator rows has on every row the value of
/// the employee's first row (a null and a value differ).
fn same_on_every_row(
    ind: &RecordBatch,
    emp: &RecordBatch,
    index: &[u32],
    changes: Option<&[bool]>,
) -> Option<bool> {
    for name in EMPLOYEE_ON_ROWS {
        let Some(c) = col(ind, name) else { continue };
        let c = comparable(c)?;
        let n = c.len();
        let moved = match changes {
            Some(changes) => {
                if n < 2 {
                    continue;
                }
                let moved = arrow_ord::cmp::distinct(&c.slice(1, n - 1), &c.slice(0, n - 1)).ok()?;
                moved.values().iter().zip(changes).any(|(m, change)| m && !change)
            }
            None => {
                let of_emp = comparable(col(emp, name)?)?;
                let at = arrow_select::take::take(&of_emp, &UInt32Array::from(index.to_vec()), None).ok()?;
                arrow_ord::cmp::distinct(&c, &at).ok()?.true_count() > 0
            }
        };
        if moved {
            return Some(false);
        }
    }
    Some(true)
}

/// Whether the table layer reads the ids of `ids` and of the `keys` naming them by `index`
/// (`NONE` where a key names none) as they are.
fn ids_read(ids: &ArrayRef, index: &[u32], keys_a: &ArrayRef) -> Option<bool> {
    if index.contains(&crate::keys::NONE) && !ids_as_read(&plain(keys_a)?) {
        return Some(false);
    }
    Some(ids_as_read(ids))
}

/// The position of canonical value `v` among `kind`'s values.
fn code_of(kind: WordKind, text: &str) -> Option<u8> {
    let v = kind.parse(text).ok()?;
    kind.values().iter().position(|x| *x == v).and_then(|p| u8::try_from(p).ok())
}

/// The integer codes `codes` as `uint8` when each stands for a value of `kind` (`None`
/// otherwise).
fn known_codes(codes: &ArrayRef, kind: WordKind) -> Option<UInt8Array> {
    use arrow_array::types::{Int64Type, UInt8Type};
    let n = kind.values().len();
    if let Some(c) = codes.as_primitive_opt::<UInt8Type>() {
        // the usual column: one pass over the bytes, no copy
        let known = match c.nulls() {
            None => c.values().iter().all(|v| usize::from(*v) < n),
            Some(_) => c.iter().flatten().all(|v| usize::from(v) < n),
        };
        return known.then(|| c.clone());
    }
    let wide = arrow_cast::cast(codes, &DataType::Int64).ok()?;
    let n = i64::try_from(n).ok()?;
    if !wide.as_primitive::<Int64Type>().iter().flatten().all(|c| (0..n).contains(&c)) {
        return None;
    }
    arrow_cast::cast(&wide, &DataType::UInt8).ok().map(|a| a.as_primitive::<UInt8Type>().clone())
}

/// The `uint8` codes of a word column (null stays null); `None` for a word or code the direct
/// path does not read (the table layer then names its cell).
fn codes(a: &ArrayRef, kind: WordKind) -> Option<UInt8Array> {
    if let Some(d) = a.as_any_dictionary_opt() {
        if d.values().len() <= SMALL_DICTIONARY {
            return dictionary_words(d.keys(), d.values(), kind);
        }
    }
    let a = plain(a)?;
    match a.data_type() {
        t if t.is_integer() => known_codes(&a, kind),
        DataType::Null => Some(UInt8Array::new_null(a.len())),
        DataType::Utf8 | DataType::LargeUtf8 => text_words(&a, kind),
        _ => None,
    }
}

/// The codes of a dictionary-encoded word column: each dictionary value read once, then taken
/// by the indices. A value no row uses is not read as an error; one a row uses is.
fn dictionary_words(indices: &dyn Array, values: &ArrayRef, kind: WordKind) -> Option<UInt8Array> {
    let indices: ArrayRef = arrow_data_array(indices);
    if values.data_type().is_integer() {
        let mapping = known_codes(values, kind)?;
        return dictionary_codes(&indices, &mapping.iter().collect::<Vec<_>>()).ok();
    }
    let values = arrow_cast::cast(values, &DataType::LargeUtf8).ok()?;
    let mut bad = FxHashSet::default();
    let mapping: Vec<Option<u8>> = values
        .as_string::<i64>()
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let code = v.and_then(|v| code_of(kind, v));
            if v.is_some() && code.is_none() {
                bad.insert(i);
            }
            code
        })
        .collect();
    if !bad.is_empty() {
        let wide = arrow_cast::cast(&indices, &DataType::Int64).ok()?;
        let used = wide.as_primitive::<arrow_array::types::Int64Type>().iter().flatten();
        if used.filter_map(|i| usize::try_from(i).ok()).any(|i| bad.contains(&i)) {
            return None;
        }
    }
    dictionary_codes(&indices, &mapping).ok()
}

/// A dictionary's keys as an array of their own.
fn arrow_data_array(a: &dyn Array) -> ArrayRef {
    arrow_array::make_array(a.to_data())
}

/// The codes of a text word column: the canonical spellings first, then each other spelling
/// read once as it is met.
fn text_words(a: &ArrayRef, kind: WordKind) -> Option<UInt8Array> {
    let values = kind.values();
    let mut table: Vec<(String, u8)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some(((*v).to_string(), u8::try_from(i).ok()?)))
        .collect();
    for _ in 0..64 {
        let borrowed: Vec<(&str, u8)> = table.iter().map(|(s, c)| (s.as_str(), *c)).collect();
        match encode(a, &borrowed) {
            Encoded::Codes(c) => return Some(c),
            Encoded::Unknown(s) => {
                let code = code_of(kind, &s)?;
                table.push((s, code));
            }
            _ => return None,
        }
    }
    // many spellings: each distinct one read once
    let mut seen: FxHashMap<&str, Option<u8>> = FxHashMap::default();
    let text: Vec<Option<&str>> = match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().iter().collect(),
        _ => a.as_string::<i64>().iter().collect(),
    };
    let mut out = Vec::with_capacity(text.len());
    for t in text {
        out.push(match t {
            None => None,
            Some(t) => Some((*seen.entry(t).or_insert_with(|| code_of(kind, t)))?),
        });
    }
    Some(UInt8Array::from(out))
}

/// Per unit (`0..n_units`) the one code its employees (`unit`, `NONE`: none) state, null when
/// none states one; `None` when two employees of a unit state different codes.
fn unit_codes(unit: &[u32], codes: &UInt8Array, n_units: usize) -> Option<UInt8Array> {
    let mut of_unit: Vec<Option<u8>> = vec![None; n_units];
    for (u, c) in unit.iter().zip(codes.iter()) {
        let (Some(slot), Some(c)) = (of_unit.get_mut(*u as usize), c) else { continue };
        match slot {
            Some(d) if *d != c => return None,
            _ => *slot = Some(c),
        }
    }
    Some(UInt8Array::from(of_unit))
}

/// An index column (`NONE` as null), the values taken without a copy.
fn index_array(v: Vec<u32>) -> ArrayRef {
    let none = crate::keys::NONE;
    let nulls = v.contains(&none).then(|| arrow_buffer::NullBuffer::from_iter(v.iter().map(|x| *x != none)));
    Arc::new(UInt32Array::new(v.into(), nulls))
}

/// A number column as the kernels read it (`decimal32/64/256` widened to `decimal128`).
fn numeric(a: Option<&ArrayRef>) -> Option<Option<ArrayRef>> {
    let Some(a) = a else { return Some(None) };
    let a = plain(a)?;
    match a.data_type() {
        DataType::Decimal32(_, s) | DataType::Decimal64(_, s) | DataType::Decimal256(_, s) => {
            let opts = arrow_cast::CastOptions { safe: false, ..Default::default() };
            arrow_cast::cast_with_options(&a, &DataType::Decimal128(38, *s), &opts).ok().map(Some)
        }
        _ => Some(Some(a)),
    }
}

/// A boolean column (a column of nulls as booleans).
fn bools(a: Option<&ArrayRef>) -> Option<Option<ArrayRef>> {
    let Some(a) = a else { return Some(None) };
    let a = plain(a)?;
    Some(Some(match a.data_type() {
        DataType::Null => Arc::new(BooleanArray::new_null(a.len())),
        _ => a,
    }))
}

/// A record batch of `cols`, every field nullable.
fn batch(cols: Vec<(&str, ArrayRef)>) -> Option<RecordBatch> {
    let fields: Vec<Field> = cols.iter().map(|(n, a)| Field::new(*n, a.data_type().clone(), true)).collect();
    RecordBatch::try_new(Arc::new(Schema::new(fields)), cols.into_iter().map(|(_, a)| a).collect()).ok()
}

/// The employee table the indicator rows carry (the "wide" shape): each employee's first
/// row's columns, the rows' employee numbers, and the runs of rows grouped by employee.
fn employees_from_rows(ind: &RecordBatch, ids: &ArrayRef) -> Option<(RecordBatch, Runs)> {
    let runs = first_rows(ids)?;
    let first = UInt32Array::from(runs.first.clone());
    let mut cols = vec![("employee", arrow_select::take::take(ids, &first, None).ok()?)];
    for name in EMPLOYEE_ON_ROWS {
        if let Some(c) = col(ind, name) {
            cols.push((name, arrow_select::take::take(c, &first, None).ok()?));
        }
    }
    Some((batch(cols)?, runs))
}

/// Scores canonical tables on the direct path under `rules` (checked by the caller with
/// [`batch_rules_for`](crate::run::batch_rules_for)), every problem collected; `None` when a
/// table is not canonical or holds something this path does not read — the caller then
/// scores the tables through the table layer, with the same results.
pub fn score_tables(
    ind: &RecordBatch,
    emp: Option<&RecordBatch>,
    units: Option<&RecordBatch>,
    rules: &Ruleset,
) -> Option<TableScores> {
    if !canonical(ind, emp, units)? {
        return None;
    }
    let ind_ids = plain(col(ind, "employee")?)?;
    let (emp_table, emp_index, every) = match emp {
        None => {
            let (table, runs) = employees_from_rows(ind, &ind_ids)?;
            if !same_on_every_row(ind, &table, &runs.number, runs.changes.as_deref())? {
                return None; // an employee whose rows disagree on one of its columns
            }
            (table, runs.number, Some(true))
        }
        Some(e) => {
            let (idx, every) = index(&ind_ids, &plain(col(e, "employee")?)?)?;
            (e.clone(), idx, every)
        }
    };
    let emp_ids = plain(col(&emp_table, "employee")?)?;
    if !ids_read(&emp_ids, &emp_index, &ind_ids)? {
        return None; // an id the table layer trims or refuses
    }
    let indicator_ids = col(ind, "indicator").map(plain).map_or(Some(None), |x| x.map(Some))?;
    let n_emp = emp_ids.len();
    if emp.is_some() {
        let every = every.unwrap_or_else(|| every_row_reached(&emp_index, n_emp));
        if !every {
            return None; // a duplicate employee id, or an employee without indicators
        }
    }
    let emp_index_array = index_array(emp_index);
    if let Some(ids) = &indicator_ids {
        if repeated_indicator(&emp_index_array, ids).ok()? {
            return None; // two rows of one employee for one indicator
        }
    }
    let mut a = Arrays::new(
        emp_index_array.clone(),
        numeric(col(ind, "target"))?.unwrap_or_else(|| Arc::new(Int64Array::new_null(ind.num_rows()))),
        numeric(col(ind, "actual"))??,
        n_emp,
    );
    let emp_units = col(&emp_table, "unit");
    let mut unit_ids = None;
    let mut org_codes = None;
    if let Some(eu) = emp_units {
        let dense = if units.is_none() { unit_index(&plain(eu)?) } else { None };
        let (ids, idx) = match dense {
            Some(d) => d,
            None => {
                let ids = match units {
                    Some(u) => plain(col(u, "unit")?)?,
                    None => {
                        let p = plain(eu)?;
                        let first = UInt32Array::from(first_rows(&p)?.first);
                        arrow_select::take::take(&p, &first, None).ok()?
                    }
                };
                let (idx, _) = index(&plain(eu)?, &ids)?;
                (ids, idx)
            }
        };
        if !ids_read(&ids, &idx, eu)? {
            return None;
        }
        if let Some(u) = units {
            org_codes = col(u, "org_predicate")
                .map(|c| codes(c, WordKind::OrgPredicate))
                .map_or(Some(None), |x| x.map(Some))?;
        } else if let Some(c) = col(&emp_table, "org_predicate") {
            org_codes = Some(unit_codes(&idx, &codes(c, WordKind::OrgPredicate)?, ids.len())?);
        }
        a.n_units = ids.len();
        a.unit = Some(index_array(idx));
        unit_ids = Some(ids);
    }
    let by_unit = org_codes.is_none() || units.is_some();
    let word = |t: &RecordBatch, name: &str, kind| {
        col(t, name).map(|c| codes(c, kind).map(|c| Arc::new(c) as ArrayRef))
    };
    a.polarity = word(ind, "polarity", WordKind::Polarity).map_or(Some(None), |x| x.map(Some))?;
    a.work_rating = word(&emp_table, "work_result", WordKind::Rating).map_or(Some(None), |x| x.map(Some))?;
    a.behaviour = word(&emp_table, "behaviour", WordKind::Rating).map_or(Some(None), |x| x.map(Some))?;
    a.functional_grade = word(&emp_table, "functional_grade", WordKind::FunctionalGrade)
        .map_or(Some(None), |x| x.map(Some))?;
    if let Some(post) = col(&emp_table, "post_type") {
        let post = codes(post, WordKind::PostType)?;
        a.jpt = Some(Arc::new(post.iter().map(|c| c.map(|c| c == 0)).collect::<BooleanArray>()));
    }
    if let Some(kind) = col(ind, "result_kind") {
        let kind = plain(kind)?;
        let additional: BooleanArray = match kind.data_type() {
            DataType::Utf8 => kind.as_string::<i32>().iter().map(|v| v.map(|v| v == "additional")).collect(),
            DataType::LargeUtf8 => {
                kind.as_string::<i64>().iter().map(|v| v.map(|v| v == "additional")).collect()
            }
            _ => BooleanArray::new_null(kind.len()),
        };
        a.additional = Some(Arc::new(additional));
    }
    a.target_low = numeric(col(ind, "target_low"))?;
    a.target_high = numeric(col(ind, "target_high"))?;
    a.weight = numeric(col(ind, "weight"))?;
    a.cap = numeric(col(ind, "cap"))?;
    a.unit_head = bools(col(&emp_table, "unit_head"))?;
    a.org_predicate = org_codes.clone().map(|c| Arc::new(c) as ArrayRef);
    a.employee_ids = Some(emp_ids);
    a.indicator_ids = indicator_ids;
    let out = score_arrays(&a, rules, OnError::Collect).ok()?;

    let mut ind_cols = vec![("employee", col(ind, "employee")?.clone())];
    if let Some(i) = col(ind, "indicator") {
        ind_cols.push(("indicator", i.clone()));
    }
    ind_cols.push(("achievement", out.achievement));
    let mut emp_cols = vec![("employee", col(&emp_table, "employee")?.clone())];
    if let Some(u) = emp_units {
        emp_cols.push(("unit", u.clone()));
    }
    emp_cols.extend(out.employee_columns);
    let unit_table = match (unit_ids, out.unit_columns) {
        (Some(ids), Some(counts)) => {
            let mut cols = vec![("unit", ids)];
            if let Some(org) = &org_codes {
                let names = WordKind::OrgPredicate.values();
                cols.push(("org_predicate", Arc::new(crate::words::labels(org, &names).ok()?) as ArrayRef));
            }
            cols.extend(counts);
            batch(cols)?
        }
        _ => batch(vec![("unit", Arc::new(StringArray::from(Vec::<&str>::new())) as ArrayRef)])?,
    };
    Some(TableScores {
        indicators: batch(ind_cols)?,
        employees: batch(emp_cols)?,
        units: unit_table,
        errors: out.errors,
        problem_employees: out.problem_employees,
        employee_index: emp_index_array,
        by_unit,
        scales: out.scales,
        stats: out.stats,
    })
}

/// Whether every employee row `0..n` is some indicator row's (`index`, `NONE`: none).
fn every_row_reached(index: &[u32], n: usize) -> bool {
    let mut seen = vec![false; n];
    for i in index {
        if let Some(s) = seen.get_mut(*i as usize) {
            *s = true;
        }
    }
    seen.iter().all(|s| *s)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use proptest::prelude::*;

    /// The oracle: ids numbered in order of first appearance, row by row.
    fn numbered(ids: &[i64]) -> (Vec<u32>, Vec<u32>) {
        let (mut seen, mut first, mut number) = (Vec::new(), Vec::new(), Vec::new());
        for (i, id) in ids.iter().enumerate() {
            let n = seen.iter().position(|s| s == id).unwrap_or_else(|| {
                seen.push(*id);
                first.push(i as u32);
                seen.len() - 1
            });
            number.push(n as u32);
        }
        (first, number)
    }

    fn text(ids: &[i64]) -> ArrayRef {
        Arc::new(StringArray::from(ids.iter().map(|i| format!("1987{i:014}")).collect::<Vec<_>>()))
    }

    proptest! {
        /// Runs read at the changes of id give exactly the numbering row by row (order of
        /// first appearance, first row of each), and ids that come back go the hashing way with
        /// the same answer; the changes are where the id differs from the row before.
        #[test]
        fn runs_equal_numbering_row_by_row(
            ids in proptest::collection::vec(0i64..5, 0..30),
            grouped: bool,
            as_text: bool,
        ) {
            let mut ids = ids;
            if grouped {
                ids.sort_unstable();
            }
            let a: ArrayRef = if as_text { text(&ids) } else { Arc::new(Int64Array::from(ids.clone())) };
            let runs = first_rows(&a).unwrap();
            prop_assert_eq!((runs.first, runs.number), numbered(&ids));
            if let Some(changes) = runs.changes {
                let want: Vec<bool> = ids.windows(2).map(|w| w[0] != w[1]).collect();
                prop_assert_eq!(changes, want);
            } else {
                // hashed only when an id comes back after another, or for fewer than two rows
                let back = ids.windows(2).any(|w| w[0] != w[1]) && {
                    let mut starts: Vec<i64> = ids.iter().enumerate().filter(|(i, x)| *i == 0 || ids[i - 1] != **x).map(|(_, x)| *x).collect();
                    let n = starts.len();
                    starts.sort_unstable();
                    starts.dedup();
                    starts.len() < n
                };
                prop_assert!(back || ids.len() < 2);
            }
        }

        /// Rows grouped by employee are numbered at their changes as the key walk numbers them
        /// against the distinct ids.
        #[test]
        fn grouped_rows_numbered_as_the_key_walk(runs in proptest::collection::vec(1usize..6, 2..40), as_text: bool) {
            let ids: Vec<i64> = runs.iter().enumerate().flat_map(|(e, n)| std::iter::repeat_n(e as i64, *n)).collect();
            let a: ArrayRef = if as_text { text(&ids) } else { Arc::new(Int64Array::from(ids.clone())) };
            let r = first_rows(&a).unwrap();
            prop_assert!(r.changes.is_some());
            let uniq = arrow_select::take::take(&a, &UInt32Array::from(r.first.clone()), None).unwrap();
            let (walk, every) = index(&a, &uniq).unwrap();
            prop_assert_eq!(&r.number, &walk);
            prop_assert_eq!(every, Some(true));
            prop_assert_eq!(r.number, ids.iter().map(|i| *i as u32).collect::<Vec<_>>());
        }
    }

    #[test]
    fn hashed_index_names_absent_keys_none() {
        let keys: ArrayRef = Arc::new(Int64Array::from(vec![Some(3), Some(9), None, Some(1)]));
        let values: ArrayRef = Arc::new(Int64Array::from(vec![1, 3, 3]));
        let none = crate::keys::NONE;
        assert_eq!(index(&keys, &values).unwrap(), (vec![1, none, none, 0], None));
        let small: ArrayRef = Arc::new(arrow_array::UInt16Array::from(vec![2, 2, 5]));
        let of: ArrayRef = Arc::new(arrow_array::UInt16Array::from(vec![2, 5]));
        assert_eq!(index(&small, &of).unwrap(), (vec![0, 0, 1], Some(true)));
        let huge: ArrayRef = Arc::new(arrow_array::UInt64Array::from(vec![u64::MAX]));
        assert!(index(&huge, &huge).is_none());
    }

    #[test]
    fn unit_codes_agree_or_decline() {
        let none = crate::keys::NONE;
        let codes = UInt8Array::from(vec![Some(3), None, Some(3), Some(1)]);
        assert_eq!(
            unit_codes(&[0, 0, 0, 1], &codes, 3),
            Some(UInt8Array::from(vec![Some(3), Some(1), None]))
        );
        assert_eq!(unit_codes(&[0, 0, 0, 0], &codes, 1), None);
        assert_eq!(unit_codes(&[0, none, 0, 1], &codes, 2), Some(UInt8Array::from(vec![Some(3), Some(1)])));
    }

    /// Each column's type against its declared type: numbers of any number type, words not as
    /// floats, ids as integers or text; anything else goes to the table layer.
    #[test]
    fn columns_of_their_declared_types_are_canonical() {
        use arrow_array::Float64Array;
        let table = |extra: (&str, ArrayRef)| {
            let cols: Vec<(&str, ArrayRef)> = vec![
                ("employee", Arc::new(Int64Array::from(vec![1, 2]))),
                ("actual", Arc::new(Float64Array::from(vec![90.5, 100.0]))),
                extra,
            ];
            batch(cols).unwrap()
        };
        let floats = || Arc::new(Float64Array::from(vec![Some(1.0), None])) as ArrayRef;
        let text = || Arc::new(StringArray::from(vec!["a", "b"])) as ArrayRef;
        assert_eq!(canonical(&table(("weight", floats())), None, None), Some(true));
        assert_eq!(canonical(&table(("weight", text())), None, None), Some(false));
        assert_eq!(canonical(&table(("work_result", floats())), None, None), Some(false));
        assert_eq!(canonical(&table(("result_kind", floats())), None, None), Some(false));
        assert_eq!(canonical(&table(("indicator", floats())), None, None), Some(false));
        assert_eq!(canonical(&table(("indicator", text())), None, None), Some(true));
        let units = batch(vec![("unit", floats())]).unwrap();
        let emp = batch(vec![("employee", Arc::new(Int64Array::from(vec![1, 2])) as ArrayRef)]).unwrap();
        assert_eq!(canonical(&table(("unit", text())), Some(&emp), Some(&units)), Some(false));
        let units = batch(vec![("unit", text())]).unwrap();
        assert_eq!(canonical(&table(("unit", text())), Some(&emp), Some(&units)), Some(true));
    }

    #[test]
    fn word_columns_coded_or_declined() {
        let codes_of = |a: ArrayRef| codes(&a, WordKind::Rating);
        let text: ArrayRef = Arc::new(StringArray::from(vec![Some("above"), None, Some("Sesuai")]));
        assert_eq!(codes_of(text), Some(UInt8Array::from(vec![Some(2), None, Some(1)])));
        assert_eq!(codes_of(Arc::new(StringArray::from(vec!["excellent!"]))), None);
        assert_eq!(codes_of(Arc::new(Int64Array::from(vec![0, 2]))), Some(UInt8Array::from(vec![0, 2])));
        assert_eq!(codes_of(Arc::new(Int64Array::from(vec![0, 3]))), None);
        assert_eq!(
            codes_of(Arc::new(UInt8Array::from(vec![Some(2), None]))),
            Some(UInt8Array::from(vec![Some(2), None]))
        );
        assert_eq!(codes_of(Arc::new(UInt8Array::from(vec![7]))), None);
        assert_eq!(codes_of(Arc::new(arrow_array::NullArray::new(2))), Some(UInt8Array::new_null(2)));
        assert_eq!(codes_of(Arc::new(BooleanArray::from(vec![true]))), None);
        // a dictionary: each value read once; an unread value no row uses is no refusal
        let dict = arrow_array::DictionaryArray::<arrow_array::types::Int8Type>::try_new(
            arrow_array::Int8Array::from(vec![Some(1), None, Some(1)]),
            Arc::new(StringArray::from(vec!["nonsense", "meets"])),
        )
        .unwrap();
        assert_eq!(codes_of(Arc::new(dict)), Some(UInt8Array::from(vec![Some(1), None, Some(1)])));
        let used = arrow_array::DictionaryArray::<arrow_array::types::Int8Type>::try_new(
            arrow_array::Int8Array::from(vec![0]),
            Arc::new(StringArray::from(vec!["nonsense"])),
        )
        .unwrap();
        assert_eq!(codes_of(Arc::new(used)), None);
        // many spellings past the learned table: each read once
        let many: Vec<String> =
            (0..100).map(|i| if i % 2 == 0 { "below".into() } else { "Sesuai ekspektasi".into() }).collect();
        let mut spelled: Vec<String> = (0..70)
            .map(|i| format!("{}{}", if i % 2 == 0 { "meets" } else { "sesuai" }, " ".repeat(i)))
            .collect();
        spelled.extend(many);
        let a: ArrayRef = Arc::new(StringArray::from(spelled.clone()));
        let got = codes_of(a);
        let want: Option<UInt8Array> = spelled
            .iter()
            .map(|s| code_of(WordKind::Rating, s))
            .collect::<Option<Vec<u8>>>()
            .map(UInt8Array::from);
        assert!(want.is_some());
        assert_eq!(got, want);
    }
}
