//! Enum columns to the kernels' `uint8` codes: a dictionary-encoded column through a mapping
//! of its dictionary, a text column through a table of known spellings.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, UInt8Array};
use arrow_buffer::{BooleanBuffer, NullBuffer, ScalarBuffer};
use arrow_schema::DataType;
use kinerja_core::Error;
use kinerja_core::error::Location;

use super::align::{Key, Keys, keys};
use super::numbers::par_fill;

/// An input error of the codes.
fn codes_error(reason: String) -> Error {
    Error::Input { at: Location::default(), field: "codes".into(), reason }
}

/// The `uint8` code of each row of a dictionary-encoded enum column, `mapping[index]` (null
/// for a null index or a `None` in `mapping`), in parallel chunks; an index outside `mapping`
/// is an error naming the row.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{Array, ArrayRef, Int32Array, UInt8Array};
/// use kinerja_table::direct::dictionary_codes;
///
/// let indices: ArrayRef = Arc::new(Int32Array::from(vec![Some(1), None, Some(0)]));
/// let codes = dictionary_codes(&indices, &[Some(2), Some(0)]).unwrap();
/// assert_eq!(codes, UInt8Array::from(vec![Some(0), None, Some(2)]));
/// assert!(dictionary_codes(&indices, &[Some(2)]).is_err());
/// ```
pub fn dictionary_codes(indices: &ArrayRef, mapping: &[Option<u8>]) -> Result<UInt8Array, Error> {
    let a = indices;
    match a.data_type() {
        DataType::Int8 | DataType::UInt8 => match remap_bytes(a, mapping) {
            Some(codes) => Ok(codes),
            None if *a.data_type() == DataType::Int8 => remap(a.as_primitive::<Int8Type>(), mapping),
            None => remap(a.as_primitive::<UInt8Type>(), mapping),
        },
        DataType::Int16 => remap(a.as_primitive::<Int16Type>(), mapping),
        DataType::Int32 => remap(a.as_primitive::<Int32Type>(), mapping),
        DataType::Int64 => remap(a.as_primitive::<Int64Type>(), mapping),
        DataType::UInt16 => remap(a.as_primitive::<UInt16Type>(), mapping),
        DataType::UInt32 => remap(a.as_primitive::<UInt32Type>(), mapping),
        DataType::UInt64 => remap(a.as_primitive::<UInt64Type>(), mapping),
        other => Err(codes_error(format!("dictionary indices of type {other} are not integers"))),
    }
}

/// [`dictionary_codes`] for `Int8` or `UInt8` indices on their bytes, without a branch per row: the
/// indices themselves (no copy) when they are the codes, else one 256-entry table. `None`
/// when some byte is no code of `mapping` (a `None` in it, an index past it, a negative
/// index): [`remap`] then nulls or names the row.
fn remap_bytes(a: &ArrayRef, mapping: &[Option<u8>]) -> Option<UInt8Array> {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 16;
    let data = a.to_data();
    let buffer = data.buffers().first()?;
    let bytes = buffer.as_slice().get(data.offset()..data.offset().checked_add(data.len())?)?;
    // a byte past 127 is a negative int8 index: never a code
    let width = if *a.data_type() == DataType::Int8 { 128 } else { 256 };
    let mut table = [u8::MAX; 256];
    for (t, m) in table.iter_mut().zip(mapping).take(width) {
        *t = m.unwrap_or(u8::MAX);
    }
    let known = |chunk: &[u8]| chunk.iter().fold(true, |ok, b| ok & (table[usize::from(*b)] != u8::MAX));
    let identity = table.iter().enumerate().all(|(j, t)| *t == u8::MAX || usize::from(*t) == j);
    let nulls = a.logical_nulls();
    if identity {
        // every byte (under a null too) its own code: the indices are the codes
        if !bytes.par_chunks(CHUNK).all(known) {
            return None;
        }
        let values = ScalarBuffer::new(buffer.clone(), data.offset(), data.len());
        return Some(UInt8Array::new(values, nulls));
    }
    let mut out = vec![0u8; bytes.len()];
    out.par_chunks_mut(CHUNK).zip(bytes.par_chunks(CHUNK)).for_each(|(o, b)| {
        for (o, b) in o.iter_mut().zip(b) {
            *o = table[usize::from(*b)];
        }
    });
    if out.par_chunks(CHUNK).any(|c| c.contains(&u8::MAX)) {
        return None;
    }
    Some(UInt8Array::new(out.into(), nulls))
}

/// [`dictionary_codes`] for one index type.
fn remap<T: arrow_array::ArrowPrimitiveType>(
    idx: &arrow_array::PrimitiveArray<T>,
    mapping: &[Option<u8>],
) -> Result<UInt8Array, Error> {
    use arrow_buffer::ArrowNativeType;
    const CHUNK: usize = 1 << 15;
    let code = |i: usize| -> Option<Option<u8>> {
        if idx.is_null(i) {
            return Some(None);
        }
        let j = idx.values().get(i).and_then(|v| v.to_usize());
        j.and_then(|j| mapping.get(j).copied())
    };
    let mut out = vec![0u8; idx.len()];
    if let Err((row, ())) = par_fill(&mut out, CHUNK, |i| code(i).map(|v| v.unwrap_or(0)).ok_or(())) {
        return Err(codes_error(format!(
            "row {row}: a dictionary index outside its {} values",
            mapping.len()
        )));
    }
    let nulls = if mapping.iter().all(Option::is_some) {
        idx.nulls().cloned()
    } else {
        Some(NullBuffer::from(BooleanBuffer::collect_bool(idx.len(), |i| matches!(code(i), Some(Some(_))))))
    };
    Ok(UInt8Array::new(out.into(), nulls))
}

/// What [`encode`] made of a text column.
#[derive(Debug, PartialEq)]
#[non_exhaustive]
pub enum Encoded {
    /// A code per row (null stays null).
    Codes(UInt8Array),
    /// The lowest row's spelling that is none of the known ones.
    Unknown(String),
    /// The column is not text.
    NotText,
}

/// A `uint8` code per row of a text column from the known spellings `table` (spelling, code);
/// null stays null.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, StringArray, UInt8Array};
/// use kinerja_table::direct::{Encoded, encode};
///
/// let table = [("below", 0), ("meets", 1), ("above", 2)];
/// let a: ArrayRef = Arc::new(StringArray::from(vec![Some("above"), None, Some("meets")]));
/// assert_eq!(encode(&a, &table), Encoded::Codes(UInt8Array::from(vec![Some(2), None, Some(1)])));
/// let b: ArrayRef = Arc::new(StringArray::from(vec!["meets", "baik"]));
/// assert_eq!(encode(&b, &table), Encoded::Unknown("baik".into()));
/// ```
pub fn encode(values: &ArrayRef, table: &[(&str, u8)]) -> Encoded {
    let k = match keys(values) {
        Some(k @ (Keys::Utf8(_) | Keys::Large(_) | Keys::View(_))) => k,
        _ => return Encoded::NotText,
    };
    // One code per row written in place (null rows get u8::MAX and keep the input's
    // validity); the lowest row with an unknown spelling is remembered.
    const CHUNK: usize = 1 << 15;
    let mut out = vec![u8::MAX; k.len()];
    let code = |i: usize| match k.get(i) {
        Some(Key::S(b)) => table.iter().find(|(l, _)| l.as_bytes() == b).map(|(_, code)| *code).ok_or(()),
        _ => Ok(u8::MAX),
    };
    if let Err((i, ())) = par_fill(&mut out, CHUNK, code) {
        return match k.get(i) {
            Some(Key::S(b)) => Encoded::Unknown(String::from_utf8_lossy(b).into_owned()),
            _ => Encoded::NotText,
        };
    }
    Encoded::Codes(UInt8Array::new(ScalarBuffer::from(out), values.logical_nulls()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic)]
    use super::*;
    use arrow_array::{Int8Array, Int16Array, Int32Array, Int64Array, LargeStringArray, StringArray};
    use arrow_array::{UInt16Array, UInt32Array, UInt64Array};
    use std::sync::Arc;

    fn taken(idx: &[Option<i64>], mapping: &[Option<u8>]) -> UInt8Array {
        idx.iter().map(|i| i.and_then(|i| mapping.get(usize::try_from(i).ok()?).copied().flatten())).collect()
    }

    #[test]
    fn every_index_type_takes_the_mapping() {
        let mapping = [Some(2), None, Some(0)];
        let idx = [Some(0), None, Some(2), Some(1), Some(0)];
        let want = taken(&idx, &mapping);
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(idx.iter().map(|i| i.map(|i| i as i8)).collect::<Int8Array>()),
            Arc::new(idx.iter().map(|i| i.map(|i| i as u8)).collect::<UInt8Array>()),
            Arc::new(idx.iter().map(|i| i.map(|i| i as i16)).collect::<Int16Array>()),
            Arc::new(idx.iter().map(|i| i.map(|i| i as u16)).collect::<UInt16Array>()),
            Arc::new(idx.iter().map(|i| i.map(|i| i as i32)).collect::<Int32Array>()),
            Arc::new(idx.iter().map(|i| i.map(|i| i as u32)).collect::<UInt32Array>()),
            Arc::new(idx.iter().copied().collect::<Int64Array>()),
            Arc::new(idx.iter().map(|i| i.map(|i| i as u64)).collect::<UInt64Array>()),
        ];
        for a in arrays {
            assert_eq!(dictionary_codes(&a, &mapping).unwrap(), want, "{}", a.data_type());
        }
    }

    #[test]
    fn an_index_outside_the_mapping_names_its_row() {
        let mapping = [Some(0), Some(1)];
        for a in [
            Arc::new(Int8Array::from(vec![0, 1, -1])) as ArrayRef,
            Arc::new(UInt8Array::from(vec![0, 1, 2])),
            Arc::new(Int32Array::from(vec![0, 1, 5])),
            Arc::new(Int64Array::from(vec![0, 1, -3])),
        ] {
            match dictionary_codes(&a, &mapping) {
                Err(Error::Input { reason, field, .. }) => {
                    assert!(reason.starts_with("row 2: a dictionary index outside its 2 values"), "{reason}");
                    assert_eq!(field, "codes");
                }
                other => panic!("{other:?}"),
            }
        }
        let floats: ArrayRef = Arc::new(arrow_array::Float64Array::from(vec![0.0]));
        assert!(dictionary_codes(&floats, &mapping).is_err());
    }

    #[test]
    fn byte_indices_identity_table_and_sliced() {
        // identity mapping: the indices themselves, a slice keeping its offset
        let a = UInt8Array::from(vec![9, 0, 1, 1, 0]).slice(1, 4);
        let codes = dictionary_codes(&(Arc::new(a) as ArrayRef), &[Some(0), Some(1)]).unwrap();
        assert_eq!(codes, UInt8Array::from(vec![0, 1, 1, 0]));
        // a table of codes, and a `None` in the mapping making a null
        let a: ArrayRef = Arc::new(Int8Array::from(vec![Some(0), Some(1), None, Some(2)]));
        let codes = dictionary_codes(&a, &[Some(4), Some(3), None]).unwrap();
        assert_eq!(codes, UInt8Array::from(vec![Some(4), Some(3), None, None]));
        // a negative int8 index is past 127 as a byte: never a code, even in a long mapping
        let long: Vec<Option<u8>> = (0..=255).map(|_| Some(1)).collect();
        let neg: ArrayRef = Arc::new(Int8Array::from(vec![0, -1]));
        assert!(dictionary_codes(&neg, &long).is_err());
        let bytes: ArrayRef = Arc::new(UInt8Array::from(vec![0, 255]));
        assert_eq!(dictionary_codes(&bytes, &long).unwrap(), UInt8Array::from(vec![1, 1]));
    }

    #[test]
    fn encode_text_by_known_spellings() {
        let table = [("below", 0u8), ("meets", 1), ("Baik", 1)];
        let a: ArrayRef = Arc::new(StringArray::from(vec![Some("Baik"), None, Some("below")]));
        assert_eq!(encode(&a, &table), Encoded::Codes(UInt8Array::from(vec![Some(1), None, Some(0)])));
        let large: ArrayRef = Arc::new(LargeStringArray::from(vec!["meets", "above", "x"]));
        assert_eq!(encode(&large, &table), Encoded::Unknown("above".into()));
        let ints: ArrayRef = Arc::new(Int64Array::from(vec![1]));
        assert_eq!(encode(&ints, &table), Encoded::NotText);
        // the lowest unknown row, across chunks
        let mut v = vec!["meets"; 100_000];
        v[70_000] = "late";
        v[40_000] = "early";
        let a: ArrayRef = Arc::new(StringArray::from(v));
        assert_eq!(encode(&a, &table), Encoded::Unknown("early".into()));
    }
}
