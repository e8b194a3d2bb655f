//! Typed Arrow columns read as a whole: what the cell-by-cell step would make of them, without
//! a value per cell. Only columns for which that is certain are read here (no cell could be
//! refused, no text to trim or look up); anything else returns `None` and is read cell by cell,
//! which locates each refused cell.
//!
//! * a float64 decimal column whose every value is a decimal of at most 10 places that the
//!   double holds uniquely (the scan of `kinerja_core::batch::DecimalColumn::from_f64`): each
//!   value is the decimal of its shortest representation, which is what the cell step reads;
//! * an integer decimal column: every 64-bit integer is within the limits of text numbers;
//! * a `decimal128` column of scale 0–18 whose values have at most 20 integer digits and fit
//!   `rust_decimal`'s 96 bits;
//! * an integer id or free-text column: the integers' decimal digits;
//! * a `Utf8` id or free-text column none of whose cells is empty, has spaces around it or
//!   (ids) is shaped like a float: the column as it is;
//! * a word column of integer codes that each name a word, or of text whose every cell reads
//!   as a word: the dictionary of the vocabulary's words, keyed by their codes (the cell step
//!   gives the same words as text);
//! * a text decimal column whose every cell reads as a number: the numbers, read in parallel
//!   by the cell step's own reader (the column is then built as the cell step builds it).

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{
    ArrowPrimitiveType, Decimal128Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, Decimal128Array, StringArray, UInt8Array};
use arrow_buffer::{Buffer, NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow_schema::DataType;
use kinerja_core::batch::{Bits, DecimalColumn};
use rayon::prelude::*;

use super::Out;
use crate::cells::Text;
use crate::columns::ColumnType;
use crate::numbers::{NumberFormat, decimal128_within_limits, parse_number};
use crate::words::{WordKind, labels};
use rustc_hash::FxHashMap;

/// Rows per task of the parallel conversions.
const CHUNK: usize = 1 << 16;

/// The column read as a whole, or `None` when it must be read cell by cell; `format` and
/// `plain` (a workbook's number cells, read in plain notation) as for the cell step.
pub(super) fn column(
    array: &dyn Array,
    ty: ColumnType,
    format: NumberFormat,
    plain: Option<&[bool]>,
) -> Option<Out> {
    match ty {
        ColumnType::Decimal => match Text::of_array(array) {
            Some(text) => text_decimal(array.len(), text, format, plain).map(Out::Ready),
            None => decimal(array).map(Out::Ready),
        },
        ColumnType::Id | ColumnType::Text => {
            integer_text(array).or_else(|| plain_text(array, ty == ColumnType::Id)).map(Out::Ready)
        }
        ColumnType::Word(kind) => words(array, kind).map(Out::Ready),
        _ => None,
    }
}

/// Text numbers, each read as the cell step reads it, in parallel, as the cell step would
/// store them: at the largest scale of the column (`None` when a cell is refused: the cell
/// step names it).
fn text_decimal(n: usize, text: Text, format: NumberFormat, plain: Option<&[bool]>) -> Option<ArrayRef> {
    let mut values = vec![0i128; n];
    // a cell's own scale; `NULL` for an empty cell
    const NULL: u8 = u8::MAX;
    let mut scales = vec![NULL; n];
    let read =
        values.par_chunks_mut(CHUNK).zip(scales.par_chunks_mut(CHUNK)).enumerate().all(|(c, (vs, ss))| {
            for (j, (v, s)) in vs.iter_mut().zip(ss.iter_mut()).enumerate() {
                let i = c * CHUNK + j;
                let Some(t) = text.get(i) else { continue };
                let marked = plain.is_some_and(|p| p.get(i).copied().unwrap_or(false));
                match parse_number(t, if marked { NumberFormat::Plain } else { format }) {
                    Ok(Some(d)) => (*v, *s) = (d.mantissa(), u8::try_from(d.scale()).unwrap_or(NULL)),
                    Ok(None) => {}
                    Err(_) => return false,
                }
            }
            true
        });
    if !read {
        return None;
    }
    let scale = scales.par_iter().filter(|s| **s != NULL).max().copied().unwrap_or(0);
    let scaled = values.par_chunks_mut(CHUNK).zip(scales.par_chunks(CHUNK)).all(|(vs, ss)| {
        vs.iter_mut().zip(ss).filter(|(_, s)| **s != NULL && **s < scale).all(|(v, s)| {
            // within the limits of text numbers, a mantissa at scale 18 fits i128
            let up = 10i128.checked_pow(u32::from(scale - s));
            up.and_then(|up| v.checked_mul(up)).map(|m| *v = m).is_some()
        })
    });
    if !scaled {
        return None;
    }
    let nulls = scales.contains(&NULL).then(|| scales.iter().map(|s| *s != NULL).collect());
    let a = Decimal128Array::new(ScalarBuffer::from(values), nulls)
        .with_precision_and_scale(38, i8::try_from(scale).ok()?)
        .ok()?;
    Some(Arc::new(a))
}

/// A decimal column from floats, integers or `decimal128`.
fn decimal(array: &dyn Array) -> Option<ArrayRef> {
    let (values, scale): (Vec<i128>, u32) = match array.data_type() {
        DataType::Float64 => floats(array)?,
        DataType::Decimal128(_, s) => return decimal128(array, *s),
        _ => (integers(array)?, 0),
    };
    finish(values, array, scale)
}

/// The mantissas as a `decimal128(38, scale)` array with the input's nulls (null slots 0).
fn finish(values: Vec<i128>, array: &dyn Array, scale: u32) -> Option<ArrayRef> {
    // the cell step gives an all-null column the scale 0
    let scale = if array.null_count() == array.len() { 0 } else { scale };
    let a = Decimal128Array::new(ScalarBuffer::from(values), array.logical_nulls())
        .with_precision_and_scale(38, i8::try_from(scale).ok()?)
        .ok()?;
    Some(Arc::new(a))
}

/// Float64 values as mantissas at the column's smallest exact scale (`None`: some value is
/// not a short decimal, or is NaN or infinite — the cell step names it).
fn floats(array: &dyn Array) -> Option<(Vec<i128>, u32)> {
    let a = array.as_primitive::<Float64Type>();
    let nulls = a.nulls();
    let bits = nulls.map(|n| Bits { bytes: n.validity(), offset: n.offset() });
    let col = DecimalColumn::from_f64(a.values(), bits, "").ok()??;
    let mut values = vec![0i128; a.len()];
    values.par_chunks_mut(CHUNK).enumerate().for_each(|(c, out)| {
        for (j, v) in out.iter_mut().enumerate() {
            *v = col.raw(c * CHUNK + j).unwrap_or(0);
        }
    });
    Some((values, col.scale))
}

/// Integers as mantissas of scale 0, null slots 0 (`None` for another type).
fn integers(array: &dyn Array) -> Option<Vec<i128>> {
    struct Mantissas;
    impl OnIntegers for Mantissas {
        type Out = Vec<i128>;
        fn on<T: Int>(self, values: &[T]) -> Vec<i128> {
            let mut out = vec![0i128; values.len()];
            out.par_chunks_mut(CHUNK).zip(values.par_chunks(CHUNK)).for_each(|(out, values)| {
                for (o, v) in out.iter_mut().zip(values) {
                    *o = (*v).into();
                }
            });
            out
        }
    }
    let mut values = on_integers(array, Mantissas)?;
    zero_nulls(&mut values, array);
    Some(values)
}

/// Null slots hold whatever the producer left: zeroed, as the cell step leaves them.
fn zero_nulls(values: &mut [i128], array: &dyn Array) {
    if let Some(n) = array.nulls().filter(|n| n.null_count() > 0) {
        for (v, valid) in values.iter_mut().zip(n.iter()) {
            if !valid {
                *v = 0;
            }
        }
    }
}

/// A `decimal128` column within the limits of text numbers, at precision 38 (`None` when a
/// value is not: the cell step names it).
fn decimal128(array: &dyn Array, scale: i8) -> Option<ArrayRef> {
    let s = u32::try_from(scale).ok()?;
    let a = array.as_primitive::<Decimal128Type>();
    if !decimal128_within_limits(a, s) {
        return None;
    }
    let mut values = a.values().to_vec();
    zero_nulls(&mut values, array);
    finish(values, array, s)
}

/// A text column from `n` rows, each written by `write` (`false`: refused, so the column is
/// read cell by cell), in parallel chunks; the rows that are null in `nulls` are skipped.
fn text_rows(
    n: usize,
    nulls: Option<NullBuffer>,
    write: impl Fn(usize, &mut Vec<u8>) -> bool + Sync,
) -> Option<ArrayRef> {
    // each chunk: its text and the end of each row's text in it
    let parts: Option<Vec<(Vec<u8>, Vec<usize>)>> = (0..n.div_ceil(CHUNK))
        .into_par_iter()
        .map(|c| {
            let rows = c * CHUNK..((c + 1) * CHUNK).min(n);
            let mut bytes = Vec::with_capacity(rows.len() * 8);
            let mut ends = Vec::with_capacity(rows.len());
            for i in rows {
                if nulls.as_ref().is_none_or(|v| v.is_valid(i)) && !write(i, &mut bytes) {
                    return None;
                }
                ends.push(bytes.len());
            }
            Some((bytes, ends))
        })
        .collect();
    let parts = parts?;
    let total: usize = parts.iter().map(|(b, _)| b.len()).sum();
    i32::try_from(total).ok()?;
    let mut values = Vec::with_capacity(total);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0i32);
    for (bytes, ends) in &parts {
        let base = values.len();
        offsets.extend(ends.iter().map(|e| (base + e) as i32));
        values.extend_from_slice(bytes);
    }
    let offsets = OffsetBuffer::new(ScalarBuffer::from(offsets));
    Some(Arc::new(StringArray::try_new(offsets, Buffer::from_vec(values), nulls).ok()?))
}

/// A word column as the dictionary of its vocabulary's words (int8 keys: the words' codes,
/// [`labels`]), from integer codes that each name a word or from text whose every cell reads
/// as a word (`None` otherwise: the cell step names the refused cell).
fn words(array: &dyn Array, kind: WordKind) -> Option<ArrayRef> {
    let names = kind.values();
    let codes = match Text::of_array(array) {
        Some(text) => text_words(array.len(), text, kind, &names)?,
        None => integer_codes(array, names.len())?,
    };
    labels(&codes, &names).ok().map(|d| Arc::new(d) as ArrayRef)
}

/// Integer codes below `n` as `uint8` (`None` for another type or another code).
fn integer_codes(array: &dyn Array, n: usize) -> Option<UInt8Array> {
    struct Codes<'a>(Option<&'a NullBuffer>, usize);
    impl OnIntegers for Codes<'_> {
        type Out = Option<Vec<u8>>;
        fn on<T: Int>(self, values: &[T]) -> Option<Vec<u8>> {
            let Codes(nulls, n) = self;
            let mut codes = vec![0u8; values.len()];
            let read = codes.par_chunks_mut(CHUNK).zip(values.par_chunks(CHUNK)).enumerate().all(
                |(c, (out, values))| {
                    out.iter_mut().zip(values).enumerate().all(|(j, (code, v))| {
                        if nulls.is_some_and(|b| b.is_null(c * CHUNK + j)) {
                            return true;
                        }
                        let v: i128 = (*v).into();
                        let known = u8::try_from(v).ok().filter(|v| usize::from(*v) < n);
                        known.map(|v| *code = v).is_some()
                    })
                },
            );
            read.then_some(codes)
        }
    }
    let nulls = array.logical_nulls();
    let codes = on_integers(array, Codes(nulls.as_ref(), n))??;
    Some(UInt8Array::new(ScalarBuffer::from(codes), nulls))
}

/// Text words as the codes of `names` (the canonical words of `kind`), each spelling read once
/// per chunk by the cell step's own reader; an empty cell is null.
fn text_words(n: usize, text: Text, kind: WordKind, names: &[&str]) -> Option<UInt8Array> {
    let mut codes = vec![0u8; n];
    let mut valid = vec![true; n];
    let read = codes
        .par_chunks_mut(CHUNK)
        .zip(valid.par_chunks_mut(CHUNK))
        .enumerate()
        .all(|(c, (cs, vs))| word_chunk(c * CHUNK, cs, vs, &text, kind, names).is_some());
    let nulls = valid.contains(&false).then(|| NullBuffer::from(valid));
    read.then(|| UInt8Array::new(ScalarBuffer::from(codes), nulls))
}

/// Rows `first..` of [`text_words`] into `codes` and `valid` (`None`: a cell is refused).
fn word_chunk(
    first: usize,
    codes: &mut [u8],
    valid: &mut [bool],
    text: &Text,
    kind: WordKind,
    names: &[&str],
) -> Option<()> {
    // spelling → code (`None`: an empty cell), at most `MEMO` kept
    const MEMO: usize = 4096;
    let mut seen: FxHashMap<&str, Option<u8>> = FxHashMap::default();
    let mut last: Option<(&str, Option<u8>)> = None;
    for (j, (code, ok)) in codes.iter_mut().zip(valid.iter_mut()).enumerate() {
        let Some(t) = text.get(first + j) else {
            *ok = false;
            continue;
        };
        let word = match (last, seen.get(t)) {
            (Some((l, w)), _) if l == t => w,
            (_, Some(w)) => *w,
            _ => {
                let w = match super::text_value(ColumnType::Word(kind), "", &super::Cell::Text(t)).ok()? {
                    Some(w) => Some(u8::try_from(names.iter().position(|name| *name == w)?).ok()?),
                    None => None,
                };
                if seen.len() < MEMO {
                    seen.insert(t, w);
                }
                w
            }
        };
        last = Some((t, word));
        match word {
            Some(w) => *code = w,
            None => *ok = false,
        }
    }
    Some(())
}

/// An integer column as text ids: each integer's decimal digits (`None` for another type).
fn integer_text(array: &dyn Array) -> Option<ArrayRef> {
    struct Digits(Option<NullBuffer>);
    impl OnIntegers for Digits {
        type Out = Option<ArrayRef>;
        fn on<T: Int>(self, values: &[T]) -> Option<ArrayRef> {
            text_rows(values.len(), self.0, |i, out| {
                let Some(v) = values.get(i).map(|v| (*v).into()) else { return false };
                let mut digits = itoa::Buffer::new();
                // the 64-bit formatting is the fast one; only a large u64 needs 128 bits
                let text = match i64::try_from(v) {
                    Ok(v) => digits.format(v),
                    Err(_) => digits.format(v),
                };
                out.extend_from_slice(text.as_bytes());
                true
            })
        }
    }
    on_integers(array, Digits(array.logical_nulls()))?
}

/// A native integer type of Arrow.
trait Int: Copy + Into<i128> + Send + Sync {}
impl<T: Copy + Into<i128> + Send + Sync> Int for T {}

/// Work on the values of an integer column, whatever its width and sign.
trait OnIntegers {
    /// What the work gives.
    type Out;
    /// The work on the column's values (null slots hold whatever the producer left).
    fn on<T: Int>(self, values: &[T]) -> Self::Out;
}

/// `f` on the values of an integer column, one loop per integer type (`None` for another type).
fn on_integers<F: OnIntegers>(array: &dyn Array, f: F) -> Option<F::Out> {
    fn values<T: ArrowPrimitiveType>(array: &dyn Array) -> &[T::Native] {
        array.as_primitive::<T>().values()
    }
    Some(match array.data_type() {
        DataType::Int8 => f.on(values::<Int8Type>(array)),
        DataType::Int16 => f.on(values::<Int16Type>(array)),
        DataType::Int32 => f.on(values::<Int32Type>(array)),
        DataType::Int64 => f.on(values::<Int64Type>(array)),
        DataType::UInt8 => f.on(values::<UInt8Type>(array)),
        DataType::UInt16 => f.on(values::<UInt16Type>(array)),
        DataType::UInt32 => f.on(values::<UInt32Type>(array)),
        DataType::UInt64 => f.on(values::<UInt64Type>(array)),
        _ => return None,
    })
}

/// A `Utf8` text or id column as it is, when the cell step would keep every cell as it is:
/// no cell empty or with spaces around it, and (ids) none shaped like a float.
fn plain_text(array: &dyn Array, id: bool) -> Option<ArrayRef> {
    let a = array.as_string_opt::<i32>()?;
    let all = (0..a.len()).into_par_iter().with_min_len(CHUNK).all(|i| a.is_null(i) || kept(a.value(i), id));
    all.then(|| Arc::new(a.clone()) as ArrayRef)
}

/// Whether the cell step keeps text cell `t` as it is: not empty, no spaces around it, and
/// (an id, `id`) not shaped like a float.
pub(crate) fn kept(t: &str, id: bool) -> bool {
    // a NIP: digits only (neither trimmed nor float-shaped)
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return true;
    }
    let changed = t.is_empty() || t.starts_with(char::is_whitespace) || t.ends_with(char::is_whitespace);
    let float = id && super::float_shaped(t);
    !(changed || float)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use arrow_array::{
        Decimal128Array, Float64Array, Int8Array, Int16Array, Int32Array, Int64Array, StringArray,
        UInt8Array, UInt16Array, UInt32Array, UInt64Array,
    };
    use proptest::prelude::*;

    use super::*;
    use crate::canonical::{RawTable, by_cell, cells};
    use crate::numbers::NumberFormat;
    use crate::schema::TableKind;
    use crate::words::WordKind;

    /// The column read cell by cell: the array, and whether a cell was refused.
    fn by_cells(array: ArrayRef, ty: ColumnType) -> (ArrayRef, bool) {
        by_cells_in(array, ty, NumberFormat::Auto)
    }

    fn by_cells_in(array: ArrayRef, ty: ColumnType, format: NumberFormat) -> (ArrayRef, bool) {
        let n = array.len();
        let raw = RawTable {
            headers: vec!["x".into()],
            columns: vec![array.clone()],
            plain: vec![None],
            source_rows: (1..=n as u64).collect(),
            unvalued: Vec::new(),
        };
        let read = cells(array.as_ref()).unwrap();
        let (out, refused) = by_cell(&raw, 0, ("target", ty), format, TableKind::Indicators, &read, true);
        (out.into_array().unwrap(), !refused.problems.is_empty())
    }

    /// The cell step marks every refused row; it words each refusal with `every`, else only
    /// the first (under `raise` a file with a bad cell on each row held a message a row).
    #[test]
    fn by_cell_words_the_first_refusal_only_unless_every() {
        let a: ArrayRef = Arc::new(StringArray::from(vec!["1", "x", "2", "y", "z"]));
        let raw = RawTable {
            headers: vec!["x".into()],
            columns: vec![a.clone()],
            plain: vec![None],
            source_rows: (1..=5).collect(),
            unvalued: Vec::new(),
        };
        let read = cells(a.as_ref()).unwrap();
        for (every, worded) in [(true, 3), (false, 1)] {
            let target = ("target", ColumnType::Decimal);
            let (_, refused) =
                by_cell(&raw, 0, target, NumberFormat::Auto, TableKind::Indicators, &read, every);
            assert_eq!(refused.rows, vec![1, 3, 4]);
            assert_eq!(refused.problems.len(), worded);
            assert_eq!((refused.problems[0].0, refused.problems[0].2.value.as_deref()), (1, Some("x")));
        }
    }

    /// Whole-column reading gives what the cell step gives, or declines; the same for the
    /// column without its first row (a slice: offsets into its buffers and bitmap).
    fn same(array: ArrayRef, ty: ColumnType) -> Result<bool, TestCaseError> {
        same_in(array, ty, NumberFormat::Auto)
    }

    fn same_in(array: ArrayRef, ty: ColumnType, format: NumberFormat) -> Result<bool, TestCaseError> {
        if array.len() > 1 {
            same_as_cells(array.slice(1, array.len() - 1), ty, format)?;
        }
        same_as_cells(array, ty, format)
    }

    fn same_as_cells(array: ArrayRef, ty: ColumnType, format: NumberFormat) -> Result<bool, TestCaseError> {
        let Some(out) = column(array.as_ref(), ty, format, None) else { return Ok(false) };
        let whole = out.into_array().unwrap();
        // a word column is the dictionary of the vocabulary
        if let (ColumnType::Word(kind), Some(d)) = (ty, whole.as_any_dictionary_opt()) {
            prop_assert_eq!(d.values().to_data(), StringArray::from(kind.values()).to_data());
        }
        let (cell, refused) = by_cells_in(array, ty, format);
        prop_assert!(!refused, "read whole, but a cell is refused");
        prop_assert_eq!(whole.data_type(), cell.data_type());
        prop_assert_eq!(whole.to_data(), cell.to_data());
        Ok(true)
    }

    fn with_nulls<T>(values: Vec<T>, nulls: &[bool]) -> Vec<Option<T>> {
        values.into_iter().zip(nulls.iter().cycle()).map(|(v, n)| (!n).then_some(v)).collect()
    }

    proptest! {
        #[test]
        fn short_decimal_floats(
            m in prop::collection::vec(-10_000_000_000i64..10_000_000_000, 0..40),
            places in 0u32..=10,
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let xs: Vec<f64> = m.iter().map(|v| *v as f64 / 10f64.powi(places as i32)).collect();
            let a: ArrayRef = Arc::new(Float64Array::from(with_nulls(xs, &nulls)));
            prop_assert!(same(a, ColumnType::Decimal)?, "a short decimal column was not read whole");
        }

        #[test]
        fn any_floats(xs in prop::collection::vec(any::<f64>(), 0..20)) {
            let a: ArrayRef = Arc::new(Float64Array::from(xs));
            same(a, ColumnType::Decimal)?;
        }

        #[test]
        fn integers_as_numbers_and_ids(
            xs in prop::collection::vec(any::<i64>(), 0..30),
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let a: ArrayRef = Arc::new(Int64Array::from(with_nulls(xs, &nulls)));
            prop_assert!(same(a.clone(), ColumnType::Decimal)?);
            prop_assert!(same(a.clone(), ColumnType::Id)?);
            prop_assert!(same(a, ColumnType::Text)?);
        }

        /// Every integer width and sign (a u64 past the i64 range, i8 below zero; all eight
        /// types) read whole as the cell step reads it: numbers, ids, text and word codes.
        #[test]
        fn integers_of_every_width(
            xs in prop::collection::vec(any::<u64>(), 0..30),
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let columns: Vec<ArrayRef> = vec![
                Arc::new(UInt64Array::from(with_nulls(xs.clone(), &nulls))),
                Arc::new(Int8Array::from(with_nulls(xs.iter().map(|x| *x as i8).collect(), &nulls))),
                Arc::new(UInt8Array::from(with_nulls(xs.iter().map(|x| (*x % 4) as u8).collect(), &nulls))),
                Arc::new(Int32Array::from(with_nulls(xs.iter().map(|x| *x as i32).collect(), &nulls))),
                Arc::new(Int16Array::from(with_nulls(xs.iter().map(|x| *x as i16).collect(), &nulls))),
                Arc::new(UInt16Array::from(with_nulls(xs.iter().map(|x| *x as u16).collect(), &nulls))),
                Arc::new(UInt32Array::from(with_nulls(xs.iter().map(|x| *x as u32).collect(), &nulls))),
            ];
            for a in columns {
                prop_assert!(same(a.clone(), ColumnType::Decimal)?);
                prop_assert!(same(a.clone(), ColumnType::Id)?);
                prop_assert!(same(a.clone(), ColumnType::Text)?);
                same(a, ColumnType::Word(WordKind::Rating))?;
            }
        }

        #[test]
        fn decimals(
            xs in prop::collection::vec(any::<i128>().prop_map(|v| v >> (any_shift(v))), 0..20),
            scale in 0i8..=30,
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let a = Decimal128Array::from(with_nulls(xs, &nulls)).with_precision_and_scale(38, scale).unwrap();
            same(Arc::new(a), ColumnType::Decimal)?;
        }
    }

    proptest! {
        #[test]
        fn text_columns(
            xs in prop::collection::vec(
                prop_oneof![
                    "[a-z0-9]{1,6}",
                    "[ \t]?[a-z0-9 ]{0,4}[ \t]?",
                    "19870101201001100[0-9].0",
                    "1[.,]98701E\\+17",
                    "\u{a0}x",
                ],
                0..20,
            ),
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let a: ArrayRef = Arc::new(StringArray::from(with_nulls(xs, &nulls)));
            same(a.clone(), ColumnType::Id)?;
            same(a, ColumnType::Text)?;
        }

        #[test]
        fn word_codes(
            xs in prop::collection::vec(-1i64..7, 0..30),
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let a: ArrayRef = Arc::new(Int64Array::from(with_nulls(xs.clone(), &nulls)));
            let read = same(a, ColumnType::Word(WordKind::Rating))?;
            let known = xs.iter().zip(nulls.iter().cycle()).all(|(x, n)| *n || (0..3).contains(x));
            prop_assert_eq!(read, known);
        }
    }

    proptest! {
        #[test]
        fn text_numbers(
            xs in prop::collection::vec(
                prop_oneof![
                    "-?[0-9]{1,7}(\\.[0-9]{1,4})?",
                    "[0-9]{1,3}(\\.[0-9]{3}){0,2}(,[0-9]{1,2})?",
                    "[ ]?[0-9]{1,3}[,.][0-9]{1,3}[ %]?",
                    "[0-9]{19,22}(\\.5)?",
                    "0\\.[0-9]{17,20}",
                    "[a-z ]{0,3}",
                ],
                0..20,
            ),
            nulls in prop::collection::vec(any::<bool>(), 1..8),
            format in prop_oneof![Just(NumberFormat::Auto), Just(NumberFormat::Plain), Just(NumberFormat::Id)],
        ) {
            let clean = xs.iter().all(|x| x.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-'));
            let a: ArrayRef = Arc::new(StringArray::from(with_nulls(xs, &nulls)));
            let read = same_in(a.clone(), ColumnType::Decimal, format)?;
            if clean && format == NumberFormat::Plain && a.len() < 3 {
                // plain digits within the limits are always read whole
                let (_, refused) = by_cells_in(a, ColumnType::Decimal, format);
                prop_assert_eq!(read, !refused);
            }
        }
    }

    #[test]
    fn text_numbers_of_every_string_type_and_workbook_number_cells() {
        use arrow_array::{LargeStringArray, StringViewArray};
        let of = |cells: Vec<Option<&str>>| -> [ArrayRef; 3] {
            [
                Arc::new(StringArray::from(cells.clone())),
                Arc::new(LargeStringArray::from(cells.clone())),
                Arc::new(StringViewArray::from(cells)),
            ]
        };
        for a in of(vec![Some("1.200"), None, Some("92,50"), Some("")]) {
            let out = column(a.as_ref(), ColumnType::Decimal, NumberFormat::Id, None).unwrap();
            let out = out.into_array().unwrap();
            let d = out.as_primitive::<Decimal128Type>();
            let read = (d.data_type(), d.value(0), d.value(2), d.null_count());
            assert_eq!(read, (&DataType::Decimal128(38, 2), 120000, 9250, 2));
        }
        for a in of(vec![Some("1.200"), None, Some("92.5"), Some("")]) {
            // under `auto`, `1.200` is ambiguous: left to the cell step, which names it
            assert!(column(a.as_ref(), ColumnType::Decimal, NumberFormat::Auto, None).is_none());
            // ... unless a workbook marked it a number cell
            let marks = [true, false, false, false];
            let out = column(a.as_ref(), ColumnType::Decimal, NumberFormat::Auto, Some(&marks)).unwrap();
            let out = out.into_array().unwrap();
            assert_eq!(out.as_primitive::<Decimal128Type>().value(0), 1200);
        }
    }

    proptest! {
        #[test]
        fn text_words(
            xs in prop::collection::vec(
                prop_oneof![
                    Just("meets"), Just("Sesuai Ekspektasi"), Just("  diatas ekspektasi "), Just("BELOW"),
                    Just("baik"), Just("sometimes"), Just(""), Just("  "), Just("2"),
                ],
                0..40,
            ),
            nulls in prop::collection::vec(any::<bool>(), 1..8),
        ) {
            let known = xs.iter().zip(nulls.iter().cycle()).all(|(x, n)| *n || WordKind::Rating.parse(x.trim()).is_ok() || x.trim().is_empty());
            let a: ArrayRef = Arc::new(StringArray::from(with_nulls(xs, &nulls)));
            let read = same(a, ColumnType::Word(WordKind::Rating))?;
            prop_assert_eq!(read, known);
        }
    }

    #[test]
    fn word_columns_read_whole_are_dictionaries_of_the_vocabulary() {
        let a: ArrayRef =
            Arc::new(StringArray::from(vec![Some("Sesuai Ekspektasi"), None, Some(" "), Some("above")]));
        let out = column(a.as_ref(), ColumnType::Word(WordKind::Rating), NumberFormat::Auto, None).unwrap();
        let out = out.into_array().unwrap();
        let d = out.as_dictionary::<arrow_array::types::Int8Type>();
        assert_eq!(d.keys().iter().collect::<Vec<_>>(), [Some(1), None, None, Some(2)]);
        let codes: ArrayRef = Arc::new(Int64Array::from(vec![Some(2), None, Some(0)]));
        let out =
            column(codes.as_ref(), ColumnType::Word(WordKind::Rating), NumberFormat::Auto, None).unwrap();
        let out = out.into_array().unwrap();
        let keys = out.as_dictionary::<arrow_array::types::Int8Type>().keys().iter().collect::<Vec<_>>();
        assert_eq!(keys, [Some(2), None, Some(0)]);
    }

    #[test]
    fn plain_ids_are_the_column_itself() {
        let a: ArrayRef = Arc::new(StringArray::from(vec![Some("198701012010011001"), None, Some("b")]));
        let out = column(a.as_ref(), ColumnType::Id, NumberFormat::Auto, None).unwrap().into_array().unwrap();
        assert_eq!(out.to_data(), a.to_data());
        let spaced: ArrayRef = Arc::new(StringArray::from(vec!["a", " b"]));
        assert!(column(spaced.as_ref(), ColumnType::Id, NumberFormat::Auto, None).is_none());
    }

    /// A shift that spreads random mantissas over every magnitude.
    fn any_shift(v: i128) -> u32 {
        (v.unsigned_abs() % 127) as u32
    }

    #[test]
    fn decimals_within_the_limits_are_read_whole() {
        let a =
            Decimal128Array::from(vec![Some(912), None, Some(-5)]).with_precision_and_scale(10, 2).unwrap();
        let out = column(&a, ColumnType::Decimal, NumberFormat::Auto, None).unwrap().into_array().unwrap();
        assert_eq!(out.data_type(), &DataType::Decimal128(38, 2));
        assert_eq!(out.as_primitive::<Decimal128Type>().value(2), -5);
        let huge = Decimal128Array::from(vec![10i128.pow(21)]).with_precision_and_scale(38, 0).unwrap();
        assert!(column(&huge, ColumnType::Decimal, NumberFormat::Auto, None).is_none());
        let fine = Decimal128Array::from(vec![10i128.pow(19)]).with_precision_and_scale(38, 20).unwrap();
        assert!(column(&fine, ColumnType::Decimal, NumberFormat::Auto, None).is_none());
    }

    #[test]
    fn bad_codes_and_float_ids_are_read_by_cell() {
        let codes: ArrayRef = Arc::new(UInt8Array::from(vec![0, 1, 3]));
        assert!(
            column(codes.as_ref(), ColumnType::Word(WordKind::Rating), NumberFormat::Auto, None).is_none()
        );
        let f: ArrayRef = Arc::new(Float64Array::from(vec![1.5]));
        assert!(column(f.as_ref(), ColumnType::Id, NumberFormat::Auto, None).is_none());
    }

    #[test]
    fn nan_and_long_floats_are_left_to_the_cell_step() {
        for xs in [vec![1.0, f64::NAN], vec![0.1 + 0.2], vec![1e300]] {
            let a: ArrayRef = Arc::new(Float64Array::from(xs));
            assert!(column(a.as_ref(), ColumnType::Decimal, NumberFormat::Auto, None).is_none());
        }
    }

    #[test]
    fn all_null_columns_have_scale_zero() {
        let a: ArrayRef = Arc::new(Float64Array::from(vec![None, None]));
        let (cell, _) = by_cells(a.clone(), ColumnType::Decimal);
        let whole =
            column(a.as_ref(), ColumnType::Decimal, NumberFormat::Auto, None).unwrap().into_array().unwrap();
        assert_eq!(whole.data_type(), &DataType::Decimal128(38, 0));
        assert_eq!(whole.to_data(), cell.to_data());
    }
}
