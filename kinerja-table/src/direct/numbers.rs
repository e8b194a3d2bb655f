//! Number columns of any Arrow number type read for the kernels: decimal128 and 64-bit
//! integers borrowed, smaller integers widened, float64 read in place where every value
//! round-trips at the column's scale, text and other floats through each value's decimal.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type,
    UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef};
use arrow_buffer::NullBuffer;
use arrow_schema::DataType;
use kinerja_core::Error;
use kinerja_core::batch::{Bits, DecimalColumn, Mantissas};
use kinerja_core::error::Location;
use rust_decimal::Decimal;

/// A number column as the kernels read it: borrowed from Arrow where its values already are
/// mantissas, else owned.
#[derive(Debug)]
pub enum Numbers<'a> {
    /// A `decimal128` or `int64` column and its scale, read in place.
    Borrowed(ArrayRef, u32),
    /// A float64 column read in place ([`DecimalColumn::from_f64`]).
    Float(DecimalColumn<'a>),
    /// 64-bit mantissas, their scale and validity (smaller integers widened).
    I64(Vec<i64>, u32, Option<NullBuffer>),
    /// 128-bit mantissas, their scale and validity (text and floats read value by value).
    I128(Vec<i128>, u32, Option<NullBuffer>),
}

/// The kernel's view of a validity bitmap.
pub(crate) fn bits(n: &NullBuffer) -> Bits<'_> {
    let b = n.inner();
    Bits { bytes: b.values(), offset: b.offset() }
}

impl Numbers<'_> {
    /// The kernel's view of the column.
    pub fn column(&self) -> DecimalColumn<'_> {
        match self {
            Numbers::Float(c) => *c,
            Numbers::Borrowed(a, s) => {
                let values = match a.data_type() {
                    DataType::Int64 => Mantissas::I64(a.as_primitive::<Int64Type>().values()),
                    _ => Mantissas::I128(a.as_primitive::<Decimal128Type>().values()),
                };
                DecimalColumn { values, scale: *s, validity: a.nulls().map(bits) }
            }
            Numbers::I64(v, s, n) => {
                DecimalColumn { values: Mantissas::I64(v), scale: *s, validity: n.as_ref().map(bits) }
            }
            Numbers::I128(v, s, n) => {
                DecimalColumn { values: Mantissas::I128(v), scale: *s, validity: n.as_ref().map(bits) }
            }
        }
    }
}

/// Rows per chunk of [`parsed_column`]'s parallel passes.
const PARSE_CHUNK: usize = 1 << 14;

/// Writes `out[i] = f(i)` for every row in parallel chunks of `chunk` rows (each chunk stops
/// at its first failure); the error is that of the lowest failing row, with the row.
pub(crate) fn par_fill<T: Send, E: Send>(
    out: &mut [T],
    chunk: usize,
    f: impl Fn(usize) -> Result<T, E> + Sync,
) -> Result<(), (usize, E)> {
    use rayon::prelude::*;
    let chunk = chunk.max(1);
    let failed = out
        .par_chunks_mut(chunk)
        .enumerate()
        .filter_map(|(c, part)| {
            for (k, slot) in part.iter_mut().enumerate() {
                match f(c * chunk + k) {
                    Ok(v) => *slot = v,
                    Err(e) => return Some((c * chunk + k, e)),
                }
            }
            None
        })
        .min_by_key(|(i, _)| *i);
    failed.map_or(Ok(()), Err)
}

/// A decimal column of `n` rows read one value at a time: each valid row (by `nulls`)
/// through `parse`, in parallel chunks, then every value at the column's largest scale. The
/// error is the lowest failing row's, naming the row and `field`. Used for text columns, and
/// for float columns that [`DecimalColumn::from_f64`] cannot read in place (each value
/// through its shortest round-trip representation; NaN and infinities are refused before).
fn parsed_column(
    n: usize,
    nulls: Option<NullBuffer>,
    field: &str,
    parse: impl Fn(usize) -> Result<Decimal, Error> + Sync,
) -> Result<Numbers<'static>, Error> {
    use rayon::prelude::*;
    let valid = |i: usize| nulls.as_ref().is_none_or(|b| b.is_valid(i));
    let mut decs = vec![Decimal::ZERO; n];
    par_fill(&mut decs, PARSE_CHUNK, |i| if valid(i) { parse(i) } else { Ok(Decimal::ZERO) })
        .map_err(|(_, e)| e)?;
    let max_scale = decs.par_iter().map(Decimal::scale).max().unwrap_or(0);
    let mut out = vec![0i128; n];
    let at_scale = |i: usize| {
        let d = decs.get(i).copied().unwrap_or_default();
        let e = 10i128.checked_pow(max_scale.saturating_sub(d.scale()));
        e.and_then(|e| d.mantissa().checked_mul(e)).ok_or(d)
    };
    if let Err((i, d)) = par_fill(&mut out, PARSE_CHUNK, at_scale) {
        return Err(Error::Input {
            at: Location::row(i as u64),
            field: field.into(),
            reason: format!("{d} cannot share a scale of {max_scale} places with the rest of the column"),
        });
    }
    Ok(Numbers::I128(out, max_scale, nulls))
}

/// A float's decimal through its shortest round-trip representation (Ryū, on the stack),
/// held to the input limits on digits, as the table layer holds cells (a value beyond them is
/// an error here, and the cell-by-cell step then names it in its cell).
fn shortest(x: impl ryu::Float, field: &str, row: usize) -> Result<Decimal, Error> {
    kinerja_core::num::parse_decimal(ryu::Buffer::new().format(x), field, &Location::row(row as u64))
}

/// A text cell's decimal.
fn text_decimal(t: &str, field: &str, row: usize) -> Result<Decimal, Error> {
    kinerja_core::num::parse_decimal(t, field, &Location::row(row as u64))
}

/// The number column `a` (named `field` in errors) as the kernels read it: `decimal128`
/// (scale ≥ 0, within the digits a number cell may hold) and `int64` in place, other
/// integers widened, float64 in place where every value round-trips at one scale, other
/// floats and text value by value (each float as the decimal it was written as).
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Float64Array};
/// use kinerja_table::direct::number_column;
///
/// let a: ArrayRef = Arc::new(Float64Array::from(vec![9.12, 100.0]));
/// let n = number_column(&a, "actual").unwrap();
/// assert_eq!((n.column().raw(0), n.column().scale), (Some(912), 2));
/// ```
pub fn number_column<'a>(a: &'a ArrayRef, field: &str) -> Result<Numbers<'a>, Error> {
    let bad = |what: String| Error::Input { at: Location::default(), field: field.into(), reason: what };
    macro_rules! ints {
        ($t:ty) => {{
            let p = a.as_primitive::<$t>();
            let mut v = Vec::with_capacity(p.len());
            for (i, x) in p.values().iter().enumerate() {
                match i64::try_from(*x) {
                    Ok(x) => v.push(x),
                    // a null's slot holds whatever its producer left there: no value
                    Err(_) if p.is_null(i) => v.push(0),
                    Err(_) => {
                        return Err(Error::Input {
                            at: Location::row(i as u64),
                            field: field.into(),
                            reason: format!("{x} is beyond the 64-bit integers the batch kernels read"),
                        });
                    }
                }
            }
            Ok(Numbers::I64(v, 0, p.nulls().cloned()))
        }};
    }
    match a.data_type() {
        DataType::Decimal128(_, s) => {
            let s =
                u32::try_from(*s).map_err(|_| bad(format!("negative decimal scale {s} is not supported")))?;
            if !crate::numbers::decimal128_within_limits(a.as_primitive::<Decimal128Type>(), s) {
                return Err(bad("a value has more digits than a number cell may hold".into()));
            }
            Ok(Numbers::Borrowed(a.clone(), s))
        }
        DataType::Int64 => Ok(Numbers::Borrowed(a.clone(), 0)),
        DataType::Int32 => ints!(Int32Type),
        DataType::Int16 => ints!(Int16Type),
        DataType::Int8 => ints!(Int8Type),
        DataType::UInt8 => ints!(UInt8Type),
        DataType::UInt16 => ints!(UInt16Type),
        DataType::UInt32 => ints!(UInt32Type),
        DataType::UInt64 => ints!(UInt64Type),
        DataType::Float64 => {
            let p = a.as_primitive::<Float64Type>();
            match DecimalColumn::from_f64(p.values(), p.nulls().map(bits), field)? {
                Some(c) => Ok(Numbers::Float(c)),
                None => parsed_column(p.len(), p.nulls().cloned(), field, |i| shortest(p.value(i), field, i)),
            }
        }
        DataType::Float32 => {
            let p = a.as_primitive::<Float32Type>();
            // Each float32 through its own shortest representation.
            parsed_column(p.len(), p.nulls().cloned(), field, |i| shortest(p.value(i), field, i))
        }
        DataType::Utf8 => {
            let s = a.as_string::<i32>();
            parsed_column(s.len(), s.nulls().cloned(), field, |i| text_decimal(s.value(i), field, i))
        }
        DataType::LargeUtf8 => {
            let s = a.as_string::<i64>();
            parsed_column(s.len(), s.nulls().cloned(), field, |i| text_decimal(s.value(i), field, i))
        }
        DataType::Utf8View => {
            let s = a.as_string_view();
            parsed_column(s.len(), s.nulls().cloned(), field, |i| text_decimal(s.value(i), field, i))
        }
        DataType::Null => Ok(Numbers::I64(vec![0; a.len()], 0, Some(NullBuffer::new_null(a.len())))),
        other => Err(bad(format!(
            "column type {other} is not accepted (use decimal128, integers, float64 or strings)"
        ))),
    }
}

/// The number column `values` (of any type [`number_column`] reads) as
/// `decimal128(38, scale)`, each value read as [`number_column`] reads it (a float as the
/// decimal it was written as); `None` when a value needs more places than `scale` or cannot
/// be read. For rows cut from a column read whole at `scale`: the same numbers at the same
/// scale, so the cell-by-cell step shows them as it shows the whole column's.
pub fn decimals_at(values: &ArrayRef, scale: u32) -> Option<ArrayRef> {
    let dec = number_column(values, "value").ok()?;
    let col = dec.column();
    let up = scale.checked_sub(col.scale).and_then(|e| 10i128.checked_pow(e))?;
    let scaled: Option<Vec<i128>> =
        (0..col.len()).map(|i| col.raw(i).map_or(Some(0), |m| m.checked_mul(up))).collect();
    let valid: Vec<bool> = (0..col.len()).map(|i| col.raw(i).is_some()).collect();
    crate::score::decimals(scaled?, &valid, scale).ok()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use arrow_array::{Float32Array, Float64Array, Int8Array, Int64Array, StringArray, UInt64Array};
    use std::sync::Arc;

    fn decimal_array(values: Vec<Option<i128>>, scale: i8) -> ArrayRef {
        let a = arrow_array::Decimal128Array::from(values);
        Arc::new(a.with_precision_and_scale(38, scale).unwrap())
    }

    fn read(a: ArrayRef) -> (Vec<Option<i128>>, u32) {
        let n = number_column(&a, "x").unwrap();
        let c = n.column();
        ((0..c.len()).map(|i| c.raw(i)).collect(), c.scale)
    }

    #[test]
    fn every_type_reads_the_decimal_it_was_written_as() {
        assert_eq!(read(Arc::new(Int64Array::from(vec![Some(5), None]))), (vec![Some(5), None], 0));
        assert_eq!(read(Arc::new(Int8Array::from(vec![-3, 7]))), (vec![Some(-3), Some(7)], 0));
        assert_eq!(read(Arc::new(Float64Array::from(vec![9.12, 0.5]))), (vec![Some(912), Some(50)], 2));
        // 0.1 as float32 is 0.100000001…; its own shortest form is 0.1
        assert_eq!(read(Arc::new(Float32Array::from(vec![0.1f32, 2.25]))), (vec![Some(10), Some(225)], 2));
        let text = StringArray::from(vec![Some("1.5"), None, Some("20")]);
        assert_eq!(read(Arc::new(text)), (vec![Some(15), None, Some(200)], 1));
        assert_eq!(read(decimal_array(vec![Some(12345), None], 3)), (vec![Some(12345), None], 3));
        assert_eq!(read(Arc::new(arrow_array::NullArray::new(2))), (vec![None, None], 0));
    }

    #[test]
    fn values_it_cannot_read_name_their_row() {
        let big: ArrayRef = Arc::new(UInt64Array::from(vec![1, u64::MAX]));
        let e = number_column(&big, "weight").unwrap_err();
        assert!(
            matches!(&e, Error::Input { at, field, .. } if at.row == Some(1) && field == "weight"),
            "{e:?}"
        );
        let text: ArrayRef = Arc::new(StringArray::from(vec!["1", "2", "x"]));
        let e = number_column(&text, "target").unwrap_err();
        assert!(matches!(&e, Error::Input { at, .. } if at.row == Some(2)), "{e:?}");
        let nan: ArrayRef = Arc::new(Float64Array::from(vec![1.0, f64::NAN]));
        assert!(number_column(&nan, "actual").is_err());
        let negative = Arc::new(
            arrow_array::Decimal128Array::from(vec![1i128]).with_precision_and_scale(10, -2).unwrap(),
        ) as ArrayRef;
        assert!(number_column(&negative, "actual").is_err());
        let other: ArrayRef = Arc::new(arrow_array::BooleanArray::from(vec![true]));
        assert!(number_column(&other, "actual").is_err());
    }

    #[test]
    fn a_value_past_the_limits_names_its_row() {
        // 18 places beside 21 integer digits: refused at the large value's row (past the
        // limits of a number cell, or past a scale the column can share)
        let text: ArrayRef =
            Arc::new(StringArray::from(vec!["0.000000000000000001", "123456789012345678901"]));
        match number_column(&text, "actual") {
            Err(Error::Input { at, field, .. }) => assert_eq!((at.row, field.as_str()), (Some(1), "actual")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn decimals_at_a_wider_scale_or_none() {
        let a: ArrayRef = Arc::new(Float64Array::from(vec![Some(1.5), None]));
        let d = decimals_at(&a, 3).unwrap();
        let d = d.as_primitive::<Decimal128Type>();
        assert_eq!((d.value(0), d.is_null(1), d.scale()), (1500, true, 3));
        let narrow: ArrayRef = Arc::new(Float64Array::from(vec![1.25]));
        assert!(decimals_at(&narrow, 1).is_none());
        let bad: ArrayRef = Arc::new(StringArray::from(vec!["x"]));
        assert!(decimals_at(&bad, 2).is_none());
    }

    #[test]
    fn par_fill_reports_the_lowest_failing_row() {
        let mut out = vec![0usize; 100];
        let r = par_fill(&mut out, 7, |i| if i == 40 || i == 90 { Err(i) } else { Ok(i * 2) });
        assert_eq!(r, Err((40, 40)));
        let mut out = vec![0usize; 10];
        par_fill(&mut out, 0, |i| Ok::<_, ()>(i + 1)).unwrap();
        assert_eq!(out, (1..=10).collect::<Vec<_>>());
    }
}
