//! The typed step: raw columns (text, or Arrow types as handed over) to canonical columns of
//! their declared types, every bad cell a located [`Problem`].

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{ArrayBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal32Type, Decimal64Type, Decimal128Type, Decimal256Type, Float32Type, Float64Type, Int8Type,
    Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, Decimal128Array, RecordBatch, UInt8Array, UInt16Array};
use arrow_schema::{DataType, Field, Schema};
use kinerja_core::batch::OnError;
use kinerja_core::period::{MAX_YEAR, MIN_YEAR, Period};
use rayon::prelude::*;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use crate::columns::{ColumnType, allowed_columns, column_type, resolve, resolve_shared};
use crate::numbers::{MAX_FRACTION_DIGITS, NumberError, NumberFormat, check_limits, parse_number};
use crate::problem::Problem;
use crate::read::{RawTable, ReadError, ReadOptions, ReadTable};
use crate::schema::TableKind;
use crate::words::{WordKind, labels, parse_flag};

mod whole;

pub(crate) use whole::kept;

/// One cell as handed over, before its declared type is applied.
#[derive(Debug, Clone)]
enum Cell<'a> {
    Null,
    Text(&'a str),
    Int(i128),
    /// A binary float and its shortest round-trip text in its own width.
    Float(f64, String),
    /// An Arrow decimal: mantissa and scale.
    Dec(i128, i8),
    /// A decimal too large for 128 bits, as text.
    Huge(String),
    Bool(bool),
}

impl Cell<'_> {
    /// The cell as written, for problem rows.
    fn shown(&self) -> String {
        match self {
            Cell::Null => String::new(),
            Cell::Text(t) => t.to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(_, s) | Cell::Huge(s) => s.clone(),
            Cell::Dec(m, s) => {
                dec(*m, *s).map_or_else(|_| format!("{m}e{}", -i16::from(*s)), |d| d.to_string())
            }
            Cell::Bool(b) => b.to_string(),
        }
    }
}

/// Cell `i` of a column (see [`cells`]).
type Cells<'a> = Box<dyn Fn(usize) -> Cell<'a> + 'a>;

/// The cells of an Arrow array, each read when asked for (no copy of the column is made);
/// an unreadable type is an error message.
fn cells(array: &dyn Array) -> Result<Cells<'_>, String> {
    fn prim<'a, T: arrow_array::ArrowPrimitiveType>(
        a: &'a dyn Array,
        f: impl Fn(T::Native) -> Cell<'static> + 'a,
    ) -> Cells<'a> {
        let a = a.as_primitive::<T>();
        Box::new(move |i| if a.is_null(i) { Cell::Null } else { f(a.value(i)) })
    }
    Ok(match array.data_type() {
        DataType::Null => Box::new(|_| Cell::Null),
        DataType::Utf8 => {
            let a = array.as_string::<i32>();
            Box::new(move |i| if a.is_null(i) { Cell::Null } else { Cell::Text(a.value(i)) })
        }
        DataType::LargeUtf8 => {
            let a = array.as_string::<i64>();
            Box::new(move |i| if a.is_null(i) { Cell::Null } else { Cell::Text(a.value(i)) })
        }
        DataType::Utf8View => {
            let a = array.as_string_view();
            Box::new(move |i| if a.is_null(i) { Cell::Null } else { Cell::Text(a.value(i)) })
        }
        DataType::Boolean => {
            let a = array.as_boolean();
            Box::new(move |i| if a.is_null(i) { Cell::Null } else { Cell::Bool(a.value(i)) })
        }
        DataType::Int8 => prim::<Int8Type>(array, |v| Cell::Int(v.into())),
        DataType::Int16 => prim::<Int16Type>(array, |v| Cell::Int(v.into())),
        DataType::Int32 => prim::<Int32Type>(array, |v| Cell::Int(v.into())),
        DataType::Int64 => prim::<Int64Type>(array, |v| Cell::Int(v.into())),
        DataType::UInt8 => prim::<UInt8Type>(array, |v| Cell::Int(v.into())),
        DataType::UInt16 => prim::<UInt16Type>(array, |v| Cell::Int(v.into())),
        DataType::UInt32 => prim::<UInt32Type>(array, |v| Cell::Int(v.into())),
        DataType::UInt64 => prim::<UInt64Type>(array, |v| Cell::Int(v.into())),
        DataType::Float32 => prim::<Float32Type>(array, |v| Cell::Float(v.into(), format!("{v}"))),
        DataType::Float64 => prim::<Float64Type>(array, |v| Cell::Float(v, format!("{v}"))),
        DataType::Decimal32(_, s) => {
            let s = *s;
            prim::<Decimal32Type>(array, move |v| Cell::Dec(v.into(), s))
        }
        DataType::Decimal64(_, s) => {
            let s = *s;
            prim::<Decimal64Type>(array, move |v| Cell::Dec(v.into(), s))
        }
        DataType::Decimal128(_, s) => {
            let s = *s;
            prim::<Decimal128Type>(array, move |v| Cell::Dec(v, s))
        }
        DataType::Decimal256(_, s) => {
            let s = *s;
            prim::<Decimal256Type>(array, move |v| match v.to_i128() {
                Some(m) => Cell::Dec(m, s),
                None => Cell::Huge(format!("{v}e{}", -i16::from(s))),
            })
        }
        DataType::Dictionary(_, _) => {
            let Some(d) = array.as_any_dictionary_opt() else {
                return Err(format!("column type {} is not accepted", array.data_type()));
            };
            let values = cells(d.values().as_ref())?;
            let len = d.values().len();
            // no values (an all-null column, e.g. a pandas categorical of only NaN): every
            // cell is empty (arrow's `normalized_keys` would panic on it)
            let keys = if len == 0 { Vec::new() } else { d.normalized_keys() };
            // a key past the values (an unvalidated array) reads as empty, never out of bounds
            Box::new(move |i| match keys.get(i) {
                Some(k) if *k < len && !array.is_null(i) => values(*k),
                _ => Cell::Null,
            })
        }
        other => {
            return Err(format!(
                "column type {other} is not accepted (use text, integers, decimals, floats or booleans)"
            ));
        }
    })
}

/// An Arrow decimal (mantissa, scale) as a `Decimal`. Trailing zeros a `Decimal` cannot hold
/// are no digits, as in text: 1.5 at 30 places is 1.5, 10 at 28 places is 10. `Err` gives the
/// places left once they are dropped (0 for a negative scale), which word the refusal.
fn dec(mantissa: i128, scale: i8) -> Result<Decimal, u32> {
    if scale < 0 {
        let factor = 10i128.checked_pow(u32::from(scale.unsigned_abs())).ok_or(0u32)?;
        let m = mantissa.checked_mul(factor).ok_or(0u32)?;
        return Decimal::try_from_i128_with_scale(m, 0).map_err(|_| 0);
    }
    let (mut m, mut places) = (mantissa, u32::from(scale.unsigned_abs()));
    loop {
        match Decimal::try_from_i128_with_scale(m, places) {
            Ok(d) => return Ok(d),
            Err(_) if places > 0 && m % 10 == 0 => (m, places) = (m / 10, places - 1),
            Err(_) => return Err(places),
        }
    }
}

/// A problem with the index of its row and of its source column (the order problems are
/// reported in).
type CellProblem = (usize, usize, Problem);

/// The cells a column refused: the index of each one's row, and their problems (every one,
/// or only the first when the reader keeps each table's first problem only).
#[derive(Default)]
struct Refused {
    rows: Vec<usize>,
    problems: Vec<CellProblem>,
}

/// A typed column being built.
enum Out {
    /// Appended row by row (see [`Out::close_row`]); an empty string is never stored, so an
    /// empty slot is a null.
    Text(StringBuilder),
    Dec(Vec<Option<Decimal>>),
    Flag(Vec<Option<bool>>),
    Year(Vec<Option<u16>>),
    /// A column read as a whole (see [`whole`]).
    Ready(ArrayRef),
}

impl Out {
    fn new(ty: ColumnType, n: usize) -> Out {
        match ty {
            ColumnType::Decimal => Out::Dec(vec![None; n]),
            ColumnType::Flag => Out::Flag(vec![None; n]),
            ColumnType::Year => Out::Year(vec![None; n]),
            _ => Out::Text(StringBuilder::with_capacity(n, n * 8)),
        }
    }

    /// Stores canonical text already read (a text column only) as row `i`.
    fn set_text(&mut self, i: usize, value: Option<&str>) -> Result<(), String> {
        match self {
            Out::Text(b) if b.len() == i => {
                b.append_option(value.filter(|v| !v.is_empty()));
                Ok(())
            }
            _ => Err("internal: not a text column, or not the next row".into()),
        }
    }

    /// Ends row `i` of a text column: a null when nothing was stored (a refused cell).
    fn close_row(&mut self, i: usize) {
        if let Out::Text(b) = self {
            while b.len() <= i {
                b.append_null();
            }
        }
    }

    /// Whether the column holds text (ids, free text, words).
    fn is_text(&self) -> bool {
        match self {
            Out::Text(_) => true,
            Out::Ready(a) => *a.data_type() == DataType::Utf8,
            _ => false,
        }
    }

    /// The text of row `i` of a text column (`None`: null, empty, or not text).
    fn text(&self, i: usize) -> Option<&str> {
        let b = match self {
            Out::Text(b) => b,
            Out::Ready(a) => {
                return a
                    .as_string_opt::<i32>()
                    .filter(|a| a.is_valid(i))
                    .map(|a| a.value(i))
                    .filter(|t| !t.is_empty());
            }
            _ => return None,
        };
        let offsets = b.offsets_slice();
        let (start, end) = (*offsets.get(i)?, *offsets.get(i + 1)?);
        let bytes = b.values_slice().get(usize::try_from(start).ok()?..usize::try_from(end).ok()?)?;
        (!bytes.is_empty()).then(|| std::str::from_utf8(bytes).ok()).flatten()
    }

    fn into_array(self) -> Result<ArrayRef, String> {
        Ok(match self {
            Out::Text(mut b) => Arc::new(b.finish()),
            Out::Flag(v) => Arc::new(BooleanArray::from(v)),
            Out::Year(v) => Arc::new(UInt16Array::from(v)),
            Out::Ready(a) => a,
            Out::Dec(v) => decimal_array(&v)?,
        })
    }
}

/// Decimals as a `decimal128(38, s)` array, `s` the largest scale among them (0 when all are
/// null), each mantissa scaled up to it; null slots hold 0.
fn decimal_array(v: &[Option<Decimal>]) -> Result<ArrayRef, String> {
    let scale = v.par_iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
    let mut mantissas = vec![0i128; v.len()];
    mantissas.par_chunks_mut(1 << 16).zip(v.par_chunks(1 << 16)).try_for_each(|(out, ds)| {
        for (m, d) in out.iter_mut().zip(ds).filter_map(|(m, d)| d.map(|d| (m, d))) {
            // at most 28 places either side: 10^28 and the 96-bit mantissa times it fit i128
            let up = 10i128.checked_pow(scale - d.scale()).ok_or("internal: decimal scale")?;
            *m = d.mantissa().checked_mul(up).ok_or("internal: decimal scale")?;
        }
        Ok::<(), &str>(())
    })?;
    let nulls = v.iter().any(Option::is_none).then(|| v.iter().map(Option::is_some).collect());
    let scale = i8::try_from(scale).map_err(|e| e.to_string())?;
    Ok(Arc::new(
        Decimal128Array::new(mantissas.into(), nulls)
            .with_precision_and_scale(38, scale)
            .map_err(|e| e.to_string())?,
    ))
}

/// The canonical text of the cells of a word or period column already read, by the text as
/// written: such columns repeat a few spellings, each read once. Only readable cells are kept,
/// and at most [`Memo::MAX`] spellings.
struct Memo<'a> {
    ty: Option<ColumnType>,
    /// Spelling → index into `values`.
    seen: FxHashMap<&'a str, usize>,
    values: Vec<Option<Cow<'a, str>>>,
    /// The last spelling asked for (rows of one employee repeat its words).
    last: Option<(&'a str, usize)>,
}

impl<'a> Memo<'a> {
    const MAX: usize = 4096;

    fn new(ty: ColumnType) -> Self {
        let ty = matches!(ty, ColumnType::Period | ColumnType::Word(_)).then_some(ty);
        Memo { ty, seen: FxHashMap::default(), values: Vec::new(), last: None }
    }

    /// The canonical text of a text cell (read now or before), or `None` when the cell is
    /// not memoised: another type, not text, or not readable (its error is made by [`put`]).
    fn get(&mut self, column: &str, cell: &Cell<'a>) -> Option<Option<&str>> {
        let (Some(ty), Cell::Text(t)) = (self.ty, cell) else {
            return None;
        };
        let at = match self.last {
            Some((last, at)) if last == *t => at,
            _ => match self.seen.get(t) {
                Some(at) => *at,
                // full: further spellings are read by `put`, each time
                None if self.values.len() >= Self::MAX => return None,
                None => {
                    let v = text_value(ty, column, cell).ok()?;
                    self.values.push(v);
                    self.seen.insert(t, self.values.len() - 1);
                    self.values.len() - 1
                }
            },
        };
        self.last = Some((t, at));
        self.values.get(at).map(Option::as_deref)
    }
}

/// Reads one cell into the column's type: `Ok(())` when stored (or null), `Err(message)`.
fn put(
    out: &mut Out,
    i: usize,
    ty: ColumnType,
    column: &str,
    cell: &Cell,
    plain: bool,
    fmt: NumberFormat,
) -> Result<(), String> {
    let integral = |f: f64| f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15;
    match (out, ty) {
        (_, _) if matches!(cell, Cell::Null) => Ok(()),
        (Out::Dec(v), _) => {
            let d = match cell {
                Cell::Text(t) => parse_number(t, if plain { NumberFormat::Plain } else { fmt }),
                Cell::Float(f, _) if !f.is_finite() => Err(NumberError::NotFinite { text: cell.shown() }),
                Cell::Float(_, s) => parse_number(s, NumberFormat::Plain),
                Cell::Int(n) => match Decimal::try_from_i128_with_scale(*n, 0) {
                    Ok(d) => check_limits(d, &cell.shown()).map(Some),
                    Err(_) => Err(NumberError::TooLarge { text: cell.shown() }),
                },
                Cell::Dec(m, s) => match dec(*m, *s) {
                    Ok(d) => check_limits(d, &cell.shown()).map(Some),
                    // as the text reader words it: more places than allowed, else too large
                    Err(places) if places as usize > MAX_FRACTION_DIGITS => {
                        Err(NumberError::TooPrecise { text: cell.shown() })
                    }
                    Err(_) => Err(NumberError::TooLarge { text: cell.shown() }),
                },
                Cell::Huge(s) => Err(NumberError::TooLarge { text: s.clone() }),
                Cell::Bool(_) | Cell::Null => return Err(format!("`{}` is not a number", cell.shown())),
            };
            v[i] = d.map_err(|e| e.to_string())?;
            Ok(())
        }
        (Out::Flag(v), _) => {
            v[i] = match cell {
                Cell::Bool(b) => Some(*b),
                Cell::Float(f, _) if f.is_nan() => None,
                Cell::Float(f, _) if integral(*f) => Some(parse_flag(column, &format!("{f}"))?),
                other => Some(parse_flag(column, &other.shown())?),
            };
            Ok(())
        }
        (Out::Year(v), _) => {
            let year = match cell {
                Cell::Float(f, _) if f.is_nan() => return Ok(()),
                Cell::Int(n) => Some(*n),
                Cell::Float(f, _) if integral(*f) => Some(*f as i128),
                Cell::Text(t) if t.trim().len() == 4 => t.trim().parse::<i128>().ok(),
                _ => None,
            };
            match year.and_then(|y| u16::try_from(y).ok()).filter(|y| (MIN_YEAR..=MAX_YEAR).contains(y)) {
                Some(y) => {
                    v[i] = Some(y);
                    Ok(())
                }
                None => Err(format!(
                    "`{}` is not a year: write four digits, {MIN_YEAR} to {MAX_YEAR}",
                    cell.shown()
                )),
            }
        }
        (out @ Out::Text(_), ty) => out.set_text(i, text_value(ty, column, cell)?.as_deref()),
        (Out::Ready(_), _) => Err("internal: a column read as a whole is not read by cell".into()),
    }
}

/// A text-typed cell (id, free text, period, word) in its canonical form.
fn text_value<'a>(ty: ColumnType, column: &str, cell: &Cell<'a>) -> Result<Option<Cow<'a, str>>, String> {
    let integral = |f: f64| f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15;
    let text = match cell {
        Cell::Float(f, _) if f.is_nan() => return Ok(None),
        Cell::Text(t) => Cow::Borrowed(t.trim()),
        other => Cow::Owned(other.shown()),
    };
    if text.is_empty() {
        return Ok(None);
    }
    match ty {
        ColumnType::Id if float_shaped(&text) => Err(format!(
            "`{text}` is an id written as a float (scientific notation or a `.0` tail): its digits were rounded on the \
             way (Excel number cells, pandas float columns hold 15–17 digits, a NIP has 18); export the column as \
             text and re-enter the ids"
        )),
        ColumnType::Id | ColumnType::Text => Ok(Some(text)),
        ColumnType::Period => match cell {
            Cell::Float(f, _) if !integral(*f) => Err(format!("`{text}` is not a period")),
            _ => text.parse::<Period>().map(|p| Some(p.to_string().into())).map_err(|e| e.to_string()),
        },
        ColumnType::Word(kind) => match cell {
            Cell::Int(n) => kind.from_code(*n).map(|v| Some(v.to_string().into())),
            Cell::Float(f, _) if integral(*f) => {
                kind.from_code(*f as i128).map(|v| Some(v.to_string().into()))
            }
            _ => kind.parse(&text).map(|v| Some(v.to_string().into())),
        },
        _ => Err(format!("internal: column `{column}` is not a text column")),
    }
}

/// `1.98701E+17`, `1,98701E+17` or `198701012010011008.0`: what a float makes of a long id.
fn float_shaped(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if let Some((mantissa, exp)) = text.split_once(['e', 'E']) {
        let exp = exp.strip_prefix(['+', '-']).unwrap_or(exp);
        let mantissa = mantissa.replacen([',', '.'], "", 1);
        return digits(&mantissa) && digits(exp);
    }
    match text.split_once('.') {
        Some((int, zeros)) => {
            int.len() >= 16 && digits(int) && !zeros.is_empty() && zeros.bytes().all(|b| b == b'0')
        }
        None => false,
    }
}

/// A column-level refusal: an id column that arrived as floats, or an unreadable type.
fn check_column(
    ty: ColumnType,
    column: &str,
    cells: &Cells,
    n: usize,
    table: &'static str,
) -> Result<(), ReadError> {
    if ty != ColumnType::Id {
        return Ok(());
    }
    let bad = (0..n)
        .map(cells)
        .find(|c| matches!(c, Cell::Float(f, _) if !f.is_nan()) || matches!(c, Cell::Dec(_, s) if *s > 0));
    match bad {
        None => Ok(()),
        Some(cell) => Err(ReadError::Column {
            table,
            column: column.to_string(),
            reason: format!(
                "ids are text, but this column arrived as numbers with a fraction type (e.g. {}): a binary float holds \
                 only 15–17 significant digits, so an 18-digit NIP loses its last digits (pandas read_excel and \
                 read_csv do this to number-like columns; Excel stores numbers this way). Read the column as text \
                 (pandas dtype=str; in Excel format the column as Text and re-enter the NIPs)",
                cell.shown()
            ),
        }),
    }
}

/// Column `src` of `raw` read as canonical column `name` of type `ty`: the typed column and
/// the cells it refused (with `every`, each one's problem; else the first one's), or the
/// error refusing the whole column.
fn typed_column(
    raw: &RawTable,
    src: usize,
    name: &'static str,
    ty: ColumnType,
    format: NumberFormat,
    kind: TableKind,
    every: bool,
) -> Result<(Out, Refused), ReadError> {
    let n = raw.source_rows.len();
    let cells = cells(raw.columns[src].as_ref()).map_err(|reason| ReadError::Column {
        table: kind.name(),
        column: name.to_string(),
        reason,
    })?;
    // only float and decimal cells can refuse an id column
    let exact = raw.columns[src].data_type().is_integer() || *raw.columns[src].data_type() == DataType::Utf8;
    if !exact {
        check_column(ty, name, &cells, n, kind.name())?;
    }
    let plain = raw.plain[src].as_deref();
    match whole::column(raw.columns[src].as_ref(), ty, format, plain) {
        Some(out) => Ok((out, Refused::default())),
        None => Ok(by_cell(raw, src, (name, ty), format, kind, &cells, every)),
    }
}

/// [`typed_column`] cell by cell: each cell read into the type, each refusal a problem (with
/// `every`; else only the first refusal is worded).
fn by_cell(
    raw: &RawTable,
    src: usize,
    (name, ty): (&'static str, ColumnType),
    format: NumberFormat,
    kind: TableKind,
    cells: &Cells,
    every: bool,
) -> (Out, Refused) {
    let n = raw.source_rows.len();
    let plain = raw.plain[src].as_deref();
    let mut out = Out::new(ty, n);
    let mut words = Memo::new(ty);
    let mut refused = Refused::default();
    for i in 0..n {
        let cell = &cells(i);
        let is_plain = plain.is_some_and(|p| p.get(i).copied().unwrap_or(false));
        let stored = match words.get(name, cell) {
            Some(value) => out.set_text(i, value),
            None => put(&mut out, i, ty, name, cell, is_plain, format),
        };
        out.close_row(i);
        if let Err(message) = stored {
            refused.rows.push(i);
            if every || refused.problems.is_empty() {
                let p = Problem::new(kind, message).at_row(raw.source_rows[i]).at_cell(name, cell.shown());
                refused.problems.push((i, src, p));
            }
        }
    }
    match ty {
        ColumnType::Word(words) => (vocabulary_keyed(out, words), refused),
        _ => (out, refused),
    }
}

/// A word column of canonical words (a refused cell null) as the dictionary of its vocabulary,
/// as [`whole`] reads a word column: every word column has the one type.
fn vocabulary_keyed(out: Out, kind: WordKind) -> Out {
    let names = kind.values();
    let Out::Text(mut b) = out else { return out };
    let text = b.finish();
    let codes: Option<UInt8Array> = text
        .iter()
        .map(|w| match w {
            None => Some(None),
            Some(w) => names.iter().position(|n| *n == w).and_then(|k| u8::try_from(k).ok()).map(Some),
        })
        .collect();
    match codes.map(|c| labels(&c, &names)) {
        Some(Ok(dict)) => Out::Ready(Arc::new(dict)),
        // not a canonical word (cannot happen: the cell step wrote them): left as text
        _ => Out::Ready(Arc::new(text)),
    }
}

/// Resolves, types and validates a raw table.
/// The columns of `kind` that `headers` name, with the user's mapping in `options` (only the
/// mappings of headers present, when one mapping serves every table).
pub(crate) fn resolve_headers(
    headers: &[&str],
    options: &ReadOptions,
    kind: TableKind,
) -> Result<crate::columns::Resolved, String> {
    match options.columns_of_any_table {
        true => resolve_shared(headers, &options.columns, kind),
        false => resolve(headers, &options.columns, kind),
    }
}

pub(crate) fn build(raw: RawTable, options: &ReadOptions, kind: TableKind) -> Result<ReadTable, ReadError> {
    let headers: Vec<&str> = raw.headers.iter().map(String::as_str).collect();
    let resolved = resolve_headers(&headers, options, kind).map_err(ReadError::Columns)?;
    // a cell of unknown value (a formula without a stored value) in a column that is read
    let read = |src: usize| resolved.canonical.get(src).is_some_and(Option::is_some);
    if let Some((_, e)) = raw.unvalued.iter().find(|(src, _)| read(*src)) {
        return Err(e.clone());
    }
    let n = raw.source_rows.len();
    let mut problems: Vec<CellProblem> = Vec::new();
    let mut outs: Vec<(&'static str, Out)> = Vec::new();
    let mut mapping = Vec::new();
    let mut columns = Vec::new();
    // the id columns first: a refused id column is the error before any other
    let mut order = allowed_columns(kind);
    order.sort_by_key(|c| !matches!(*c, "employee" | "indicator"));
    for name in order {
        if let Some(src) = resolved.canonical.iter().position(|c| *c == Some(name)) {
            let ty = column_type(name)
                .ok_or_else(|| ReadError::Columns(format!("internal: `{name}` has no type")))?;
            columns.push((name, src, ty));
        }
    }
    // the columns are independent: read side by side, then taken in order (the first column
    // refused as a whole is the error, whichever thread finished first)
    // every refused row is marked, but only `Collect` lists every problem: under `Raise`
    // and `Defer` only the first is raised or kept, so only each column's first is worded
    let every = options.on_error == OnError::Collect;
    let typed: Vec<_> = columns
        .par_iter()
        .map(|&(name, src, ty)| typed_column(&raw, src, name, ty, options.number_format, kind, every))
        .collect();
    let mut row_valid = vec![true; n];
    let mut id_refused: Vec<usize> = Vec::new();
    for (&(name, src, _), column) in columns.iter().zip(typed) {
        let (out, refused) = column?;
        mapping.push((raw.headers[src].clone(), name.to_string()));
        for &i in &refused.rows {
            row_valid[i] = false;
        }
        if name == row_id(kind).0 {
            id_refused = refused.rows;
        }
        problems.extend(refused.problems);
        outs.push((name, out));
    }
    let derived = derive_ids(&mut outs, n);
    required_ids(kind, &outs, &raw.source_rows, &id_refused, every, &mut problems, &mut row_valid);
    let find = |c: &str| outs.iter().find(|(name, _)| *name == c).map(|(_, o)| o);
    for (i, _, p) in problems.iter_mut() {
        if let Some(e) = find("employee").and_then(|o| o.text(*i)) {
            p.employee = Some(e.to_string());
        }
        if let Some(ind) = find("indicator").and_then(|o| o.text(*i)) {
            p.indicator = Some(ind.to_string());
        }
    }
    problems.sort_by_key(|(i, c, _)| (*i, *c));
    if options.on_error == OnError::Raise {
        if let Some((_, _, p)) = problems.first() {
            return Err(ReadError::Problem(Box::new(p.clone())));
        }
    }
    if !every {
        problems.truncate(1);
    }
    // canonical order in the output
    let canonical_order = allowed_columns(kind);
    outs.sort_by_key(|(name, _)| canonical_order.iter().position(|c| c == name));
    let mut fields = Vec::with_capacity(outs.len());
    let mut arrays = Vec::with_capacity(outs.len());
    for (name, out) in outs {
        let array = out.into_array().map_err(|reason| ReadError::Column {
            table: kind.name(),
            column: name.to_string(),
            reason,
        })?;
        fields.push(Field::new(name, array.data_type().clone(), true));
        arrays.push(array);
    }
    let options_rows = arrow_array::RecordBatchOptions::new().with_row_count(Some(n));
    let batch = RecordBatch::try_new_with_options(Arc::new(Schema::new(fields)), arrays, &options_rows)
        .map_err(|e| ReadError::Columns(format!("internal: {e}")))?;
    Ok(ReadTable {
        kind,
        batch,
        source_rows: raw.source_rows,
        row_valid,
        ignored_columns: resolved.ignored,
        columns: mapping,
        derived_columns: derived,
        problems: problems.into_iter().map(|(_, _, p)| p).collect(),
    })
}

/// `indicator` from `indicator_name` and `result` from `result_description` when the id
/// column is absent: the text with its runs of spaces made one space.
fn derive_ids(outs: &mut Vec<(&'static str, Out)>, n: usize) -> Vec<String> {
    let mut derived = Vec::new();
    for (id, from) in [("indicator", "indicator_name"), ("result", "result_description")] {
        if outs.iter().any(|(c, _)| *c == id) {
            continue;
        }
        let Some((_, src)) = outs.iter().find(|(c, o)| *c == from && o.is_text()) else {
            continue;
        };
        let mut ids = StringBuilder::with_capacity(n, n * 8);
        for i in 0..n {
            ids.append_option(src.text(i).map(|s| s.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
        outs.push((id, Out::Text(ids)));
        derived.push(id.to_string());
    }
    derived
}

/// The id column of a row of `kind` and what an empty one is: `employee` in the indicator
/// and employee tables, `unit` in the unit table.
fn row_id(kind: TableKind) -> (&'static str, &'static str) {
    match kind {
        TableKind::Units => ("unit", "the unit id (Unit Kerja) is empty"),
        _ => ("employee", "the employee id (NIP) is empty"),
    }
}

/// The row's own id must be there ([`row_id`]): each row without one (and not already
/// `refused` in the id column) is invalid, and a problem (with `every`; else only the first).
fn required_ids(
    kind: TableKind,
    outs: &[(&'static str, Out)],
    rows: &[u64],
    refused: &[usize],
    every: bool,
    problems: &mut Vec<CellProblem>,
    row_valid: &mut [bool],
) {
    let (id, what) = row_id(kind);
    let Some((_, ids)) = outs.iter().find(|(c, o)| *c == id && o.is_text()) else {
        return;
    };
    if matches!(ids, Out::Ready(a) if a.null_count() == 0) {
        return; // a column read whole holds no empty text (see `whole`)
    }
    let refused: std::collections::HashSet<usize> = refused.iter().copied().collect();
    let mut worded = false;
    for (i, row) in rows.iter().enumerate() {
        if ids.text(i).is_none() && !refused.contains(&i) {
            row_valid[i] = false;
            if every || !worded {
                let p =
                    Problem::new(kind, format!("{what}; every row needs one")).at_row(*row).at_cell(id, "");
                problems.push((i, 0, p));
                worded = true;
            }
        }
    }
}
