//! Employee and unit keys of tables already in canonical shape: the employee row of each
//! indicator row when the rows come grouped by employee in the employee table's order (the
//! usual layout of a roster sorted by NIP), a dense index of integer unit ids, and whether an
//! employee repeats an indicator. Each answers `None` (or `false`) where it cannot decide
//! cheaply; the caller then matches keys by hashing, with the same result.

use std::sync::Arc;

use arrow_array::cast::AsArray;
use arrow_array::types::{Int32Type, Int64Type, UInt32Type, UInt64Type};
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use kinerja_core::Error;
use kinerja_core::error::Location;

/// Byte-string access to a string or integer key column, without copying.
pub(crate) enum Keys<'a> {
    Utf8(&'a arrow_array::StringArray),
    Large(&'a arrow_array::LargeStringArray),
    View(&'a arrow_array::StringViewArray),
    I64(&'a arrow_array::Int64Array),
    I32(&'a arrow_array::Int32Array),
}

#[derive(PartialEq, Eq, Hash)]
pub(crate) enum Key<'a> {
    S(&'a [u8]),
    I(i64),
}

impl Keys<'_> {
    pub(crate) fn len(&self) -> usize {
        match self {
            Keys::Utf8(a) => a.len(),
            Keys::Large(a) => a.len(),
            Keys::View(a) => a.len(),
            Keys::I64(a) => a.len(),
            Keys::I32(a) => a.len(),
        }
    }
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<Key<'_>> {
        macro_rules! s {
            ($a:expr) => {
                (i < $a.len() && $a.is_valid(i)).then(|| Key::S($a.value(i).as_bytes()))
            };
        }
        match self {
            Keys::Utf8(a) => s!(a),
            Keys::Large(a) => s!(a),
            Keys::View(a) => s!(a),
            Keys::I64(a) => (i < a.len() && a.is_valid(i)).then(|| Key::I(a.value(i))),
            Keys::I32(a) => (i < a.len() && a.is_valid(i)).then(|| Key::I(i64::from(a.value(i)))),
        }
    }
}

/// The key view of `a` (`None` for a type that is no key).
pub(crate) fn keys(a: &ArrayRef) -> Option<Keys<'_>> {
    Some(match a.data_type() {
        DataType::Utf8 => Keys::Utf8(a.as_string::<i32>()),
        DataType::LargeUtf8 => Keys::Large(a.as_string::<i64>()),
        DataType::Utf8View => Keys::View(a.as_string_view()),
        DataType::Int64 => Keys::I64(a.as_primitive::<Int64Type>()),
        DataType::Int32 => Keys::I32(a.as_primitive::<Int32Type>()),
        _ => return None,
    })
}

/// Walks rows `lo..lo + out.len()` (read by `row`), grouped by employee in the order of the
/// employee table (`ne` keys read by `emp`), writing each row's employee index from `j` on;
/// `false` as soon as a row breaks that order.
fn align_walk<K: PartialEq>(
    row: &impl Fn(usize) -> Option<K>,
    emp: &impl Fn(usize) -> Option<K>,
    ne: usize,
    lo: usize,
    mut j: usize,
    out: &mut [u32],
) -> bool {
    for (k, slot) in out.iter_mut().enumerate() {
        let Some(r) = row(lo + k) else { return false };
        loop {
            if j >= ne {
                return false;
            }
            if emp(j).as_ref() == Some(&r) {
                break;
            }
            j += 1;
        }
        let Ok(v) = u32::try_from(j) else { return false };
        *slot = v;
    }
    true
}

/// [`align_walk`] over all `n` rows, in `parts` chunks walked in parallel. A chunk after the
/// first starts at the first employee whose key equals its first row's key (found by a scan);
/// the chunks are then joined only if each one ends at or before the next one's start, which
/// is exactly when the sequential walk would give the same indices. The keys are read through
/// `row` and `emp` (`None` for a null), so plain integer slices are read without dispatch.
fn align_rows<K: PartialEq>(
    n: usize,
    row: impl Fn(usize) -> Option<K> + Sync,
    ne: usize,
    emp: impl Fn(usize) -> Option<K> + Sync,
    parts: usize,
) -> Option<Vec<u32>> {
    use rayon::prelude::*;
    let mut out = vec![0u32; n];
    if n == 0 {
        return Some(out);
    }
    let len = n.div_ceil(parts.max(1)).max(1 << 16);
    let ok = out.par_chunks_mut(len).enumerate().all(|(c, chunk)| {
        let lo = c * len;
        let j0 = if c == 0 {
            Some(0)
        } else {
            let first = row(lo);
            (0..ne).find(|j| first.is_some() && emp(*j) == first)
        };
        j0.is_some_and(|j0| align_walk(&row, &emp, ne, lo, j0, chunk))
    });
    if !ok {
        return None;
    }
    let ordered = (len..n).step_by(len).all(|b| out.get(b - 1) <= out.get(b));
    ordered.then_some(out)
}

/// The employee row of each indicator row (`rows`) when the indicator rows are grouped by
/// employee in the order of the employee table's keys (`emps`), read in `parts` chunks in
/// parallel; `None` when they are not (or a key is null, or the key types differ). Keys are
/// `int32`, `int64` or text (`utf8`, `large_utf8`, `utf8_view`).
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Int64Array};
/// use kinerja_table::direct::align_keys;
///
/// let rows: ArrayRef = Arc::new(Int64Array::from(vec![7, 7, 9, 12]));
/// let emps: ArrayRef = Arc::new(Int64Array::from(vec![7, 9, 12]));
/// assert_eq!(align_keys(&rows, &emps, 2), Some(vec![0, 0, 1, 2]));
/// let unsorted: ArrayRef = Arc::new(Int64Array::from(vec![9, 7]));
/// assert_eq!(align_keys(&unsorted, &emps, 1), None);
/// ```
pub fn align_keys(rows: &ArrayRef, emps: &ArrayRef, parts: usize) -> Option<Vec<u32>> {
    fn plain<T: arrow_array::ArrowPrimitiveType>(a: &ArrayRef) -> Option<&[T::Native]> {
        let p = a.as_primitive_opt::<T>()?;
        (p.null_count() == 0).then(|| &p.values()[..])
    }
    if let (Some(r), Some(e)) = (plain::<Int64Type>(rows), plain::<Int64Type>(emps)) {
        return align_rows(r.len(), |i| r.get(i), e.len(), |j| e.get(j), parts);
    }
    if let (Some(r), Some(e)) = (plain::<Int32Type>(rows), plain::<Int32Type>(emps)) {
        return align_rows(r.len(), |i| r.get(i), e.len(), |j| e.get(j), parts);
    }
    let (r, e) = (keys(rows)?, keys(emps)?);
    align_rows(r.len(), |i| r.get(i), e.len(), |j| e.get(j), parts)
}

/// Whether the aligned indices reach every employee row `0..n_emp` (they never decrease, so
/// every row is reached when they start at 0, end at the last and never skip one).
pub fn reaches_every(idx: &[u32], n_emp: usize) -> bool {
    use rayon::prelude::*;
    match (idx.first(), idx.last()) {
        (Some(first), Some(last)) => {
            *first == 0
                && *last as usize + 1 == n_emp
                && idx.par_windows(2).all(|w| matches!(w, [a, b] if *b <= *a + 1))
        }
        _ => n_emp == 0,
    }
}

/// The distinct values of `v` in order of first appearance and each value's position among
/// them, when the values lie in a range at most about twice their number (unit ids): one pass
/// through a table indexed by value, no hashing. `None` for a wider range.
pub(crate) fn dense_index<T: Copy + Ord + Send + Sync + Into<i64>>(v: &[T]) -> Option<(Vec<T>, Vec<u32>)> {
    use rayon::prelude::*;
    let (Some(min), Some(max)) = (v.par_iter().copied().min(), v.par_iter().copied().max()) else {
        return Some((Vec::new(), Vec::new()));
    };
    let min: i64 = min.into();
    let span = usize::try_from(i128::from(max.into()) - i128::from(min) + 1).ok()?;
    if span > 2 * v.len() + 1024 {
        return None;
    }
    let mut slot = vec![u32::MAX; span];
    let (mut distinct, mut index) = (Vec::new(), Vec::with_capacity(v.len()));
    for x in v {
        let s = slot.get_mut(usize::try_from(i128::from((*x).into()) - i128::from(min)).ok()?)?;
        if *s == u32::MAX {
            *s = u32::try_from(distinct.len()).ok()?;
            distinct.push(*x);
        }
        index.push(*s);
    }
    Some((distinct, index))
}

/// The distinct unit ids of `units` in order of first appearance (an array of the input's
/// integer type) and each row's position among them, for `int32` / `int64` ids without nulls
/// in a range at most about twice their number; `None` otherwise (hash them instead).
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, Int64Array};
/// use kinerja_table::direct::unit_index;
///
/// let units: ArrayRef = Arc::new(Int64Array::from(vec![30, 10, 30, 20]));
/// let (ids, index) = unit_index(&units).unwrap();
/// assert_eq!(ids.as_ref(), &Int64Array::from(vec![30, 10, 20]));
/// assert_eq!(index, vec![0, 1, 0, 2]);
/// ```
pub fn unit_index(units: &ArrayRef) -> Option<(ArrayRef, Vec<u32>)> {
    if units.null_count() > 0 {
        return None;
    }
    match units.data_type() {
        DataType::Int64 => dense_index(units.as_primitive::<Int64Type>().values())
            .map(|(d, i)| (Arc::new(arrow_array::Int64Array::from(d)) as ArrayRef, i)),
        DataType::Int32 => dense_index(units.as_primitive::<Int32Type>().values())
            .map(|(d, i)| (Arc::new(arrow_array::Int32Array::from(d)) as ArrayRef, i)),
        _ => None,
    }
}

/// Whether the table layer reads every id of `ids` as it is, so that the direct path groups
/// them as the table layer does: integers always; text when no id is empty, has white space
/// around it (the table layer trims it) or is shaped like a float (`198701012010011008.0`,
/// `1.98701E+17`: refused there, its digits rounded). A null is no id. Another type: `false`.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, StringArray};
/// use kinerja_table::direct::ids_as_read;
///
/// let nips: ArrayRef = Arc::new(StringArray::from(vec![Some("198701012010011008"), None]));
/// assert!(ids_as_read(&nips));
/// for bad in [" 19870101", "", "1.98701E+17", "198701012010011008.0"] {
///     assert!(!ids_as_read(&(Arc::new(StringArray::from(vec![bad])) as ArrayRef)));
/// }
/// ```
pub fn ids_as_read(ids: &ArrayRef) -> bool {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 14;
    let kept = |t: Option<&str>| t.is_none_or(|t| crate::canonical::kept(t, true));
    match ids.data_type() {
        DataType::Utf8 => {
            let a = ids.as_string::<i32>();
            (0..a.len()).into_par_iter().with_min_len(CHUNK).all(|i| kept(a.is_valid(i).then(|| a.value(i))))
        }
        DataType::LargeUtf8 => {
            let a = ids.as_string::<i64>();
            (0..a.len()).into_par_iter().with_min_len(CHUNK).all(|i| kept(a.is_valid(i).then(|| a.value(i))))
        }
        DataType::Utf8View => {
            let a = ids.as_string_view();
            (0..a.len()).into_par_iter().with_min_len(CHUNK).all(|i| kept(a.is_valid(i).then(|| a.value(i))))
        }
        t => t.is_integer(),
    }
}

/// Whether two indicator rows of one employee (`employee_index`: each row's employee row, an
/// integer array; null or negative: none) have the same indicator id (`indicator`); see
/// [`crate::keys::repeated_indicator`].
pub fn repeated_indicator(employee_index: &ArrayRef, indicator: &ArrayRef) -> Result<bool, Error> {
    fn rows<T: arrow_array::ArrowPrimitiveType>(a: &ArrayRef) -> Vec<u32>
    where
        T::Native: TryInto<u32>,
    {
        let none = crate::keys::NONE;
        a.as_primitive::<T>().iter().map(|x| x.and_then(|v| v.try_into().ok()).unwrap_or(none)).collect()
    }
    let employee = match employee_index.data_type() {
        DataType::Int32 => rows::<Int32Type>(employee_index),
        DataType::UInt32 => rows::<UInt32Type>(employee_index),
        DataType::Int64 => rows::<Int64Type>(employee_index),
        DataType::UInt64 => rows::<UInt64Type>(employee_index),
        other => {
            return Err(Error::Input {
                at: Location::default(),
                field: "employee_index".into(),
                reason: format!("an integer array is expected, got {other}"),
            });
        }
    };
    Ok(crate::keys::repeated_indicator(&employee, indicator))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;
    use arrow_array::{Int32Array, Int64Array, LargeStringArray, StringArray, StringViewArray};
    use proptest::prelude::*;

    fn i64s(v: &[i64]) -> ArrayRef {
        Arc::new(Int64Array::from(v.to_vec()))
    }

    /// The sequential answer: each row's employee, walking forward only.
    fn walk(rows: &[i64], emps: &[i64]) -> Option<Vec<u32>> {
        let mut j = 0;
        let mut out = Vec::new();
        for r in rows {
            while emps.get(j)? != r {
                j += 1;
            }
            out.push(u32::try_from(j).ok()?);
        }
        Some(out)
    }

    #[test]
    fn grouped_rows_in_employee_order_align() {
        let emps = i64s(&[3, 5, 8]);
        assert_eq!(align_keys(&i64s(&[3, 3, 5, 8, 8]), &emps, 4), Some(vec![0, 0, 1, 2, 2]));
        // an employee without rows is skipped; every row still found
        assert_eq!(align_keys(&i64s(&[3, 8]), &emps, 1), Some(vec![0, 2]));
        assert_eq!(align_keys(&i64s(&[]), &emps, 2), Some(vec![]));
        // out of order, unknown, or split into two runs: not aligned
        assert_eq!(align_keys(&i64s(&[5, 3]), &emps, 1), None);
        assert_eq!(align_keys(&i64s(&[3, 4]), &emps, 1), None);
        assert_eq!(align_keys(&i64s(&[3, 5, 3]), &emps, 1), None);
    }

    #[test]
    fn text_and_32_bit_keys_align_and_types_must_agree() {
        let s = |v: &[&str]| Arc::new(StringArray::from(v.to_vec())) as ArrayRef;
        assert_eq!(align_keys(&s(&["a", "b", "b"]), &s(&["a", "b"]), 2), Some(vec![0, 1, 1]));
        let large: ArrayRef = Arc::new(LargeStringArray::from(vec!["x", "y"]));
        let view: ArrayRef = Arc::new(StringViewArray::from(vec!["x", "y"]));
        assert_eq!(align_keys(&large, &view, 1), Some(vec![0, 1]));
        let i32s: ArrayRef = Arc::new(Int32Array::from(vec![1, 2, 2]));
        assert_eq!(
            align_keys(&i32s, &(Arc::new(Int32Array::from(vec![1, 2])) as ArrayRef), 2),
            Some(vec![0, 1, 1])
        );
        // text rows never equal integer employees
        assert_eq!(align_keys(&s(&["1"]), &i64s(&[1]), 1), None);
        let nulls: ArrayRef = Arc::new(Int64Array::from(vec![Some(1), None]));
        assert_eq!(align_keys(&nulls, &i64s(&[1, 2]), 1), None);
        let floats: ArrayRef = Arc::new(arrow_array::Float64Array::from(vec![1.0]));
        assert_eq!(align_keys(&floats, &floats, 1), None);
    }

    #[test]
    fn chunks_far_apart_join_only_in_order() {
        // 2^16 rows a chunk at the least: three chunks of rows grouped in order
        let n = 200_000i64;
        let rows: Vec<i64> = (0..n).map(|i| i / 4).collect();
        let emps: Vec<i64> = (0..n / 4).collect();
        let got = align_keys(&i64s(&rows), &i64s(&emps), 3).unwrap();
        assert_eq!(got, walk(&rows, &emps).unwrap());
        assert!(reaches_every(&got, emps.len()));
        // the last chunk's first key is an earlier employee's: the chunks do not join
        let mut back = rows.clone();
        let at = back.len() - 10;
        back[at..].fill(0);
        assert_eq!(align_keys(&i64s(&back), &i64s(&emps), 3), None);
        assert_eq!(walk(&back, &emps), None);
    }

    #[test]
    fn ids_as_read_as_the_table_layer_reads_them() {
        let text = |v: Vec<Option<&str>>| Arc::new(StringArray::from(v)) as ArrayRef;
        assert!(ids_as_read(&text(vec![Some("198701012010011008"), Some("P-01"), None])));
        for bad in
            ["", " 1", "1\t", "1\u{3000}", "1.98701E+17", "1,98701e17", "198701012010011008.00", ".5e3"]
        {
            assert!(!ids_as_read(&text(vec![Some("1"), Some(bad)])), "{bad:?}");
        }
        // a short number with places is an id the table layer keeps (not float-shaped)
        assert!(ids_as_read(&text(vec![Some("12.0"), Some("1.5")])));
        let large: ArrayRef = Arc::new(LargeStringArray::from(vec!["a", " b"]));
        assert!(!ids_as_read(&large));
        let view: ArrayRef = Arc::new(StringViewArray::from(vec!["a", "b"]));
        assert!(ids_as_read(&view));
        assert!(ids_as_read(&i64s(&[1, 2])));
        assert!(!ids_as_read(&(Arc::new(arrow_array::Float64Array::from(vec![1.0])) as ArrayRef)));
    }

    #[test]
    fn reaches_every_employee_only_without_a_gap() {
        assert!(reaches_every(&[0, 0, 1, 2], 3));
        assert!(!reaches_every(&[0, 2], 3));
        assert!(!reaches_every(&[1, 2], 3));
        assert!(!reaches_every(&[0, 1], 3));
        assert!(reaches_every(&[], 0));
        assert!(!reaches_every(&[], 1));
    }

    #[test]
    fn unit_index_is_dense_or_none() {
        let (ids, idx) = unit_index(&i64s(&[7, 5, 7, 6])).unwrap();
        assert_eq!(ids.as_ref(), &Int64Array::from(vec![7, 5, 6]) as &dyn Array);
        assert_eq!(idx, vec![0, 1, 0, 2]);
        let small: ArrayRef = Arc::new(Int32Array::from(vec![-2, -2, 1]));
        let (ids, idx) = unit_index(&small).unwrap();
        assert_eq!(ids.as_ref(), &Int32Array::from(vec![-2, 1]) as &dyn Array);
        assert_eq!(idx, vec![0, 0, 1]);
        // a range far wider than the ids: hashed instead
        assert!(unit_index(&i64s(&[0, 1_000_000_000])).is_none());
        assert!(unit_index(&i64s(&[i64::MIN, i64::MAX])).is_none());
        assert!(unit_index(&(Arc::new(Int64Array::from(vec![Some(1), None])) as ArrayRef)).is_none());
        assert!(unit_index(&(Arc::new(StringArray::from(vec!["a"])) as ArrayRef)).is_none());
        let (ids, idx) = unit_index(&i64s(&[])).unwrap();
        assert_eq!((ids.len(), idx.len()), (0, 0));
        // within the allowance (twice the ids and 1024 more) and just past it
        assert!(unit_index(&i64s(&[0, 1026])).is_some());
        assert!(unit_index(&i64s(&[0, 1028])).is_none());
    }

    #[test]
    fn repeated_indicator_reads_integer_indices_only() {
        let ids: ArrayRef = Arc::new(StringArray::from(vec!["a", "b", "a"]));
        let two: ArrayRef = Arc::new(arrow_array::UInt32Array::from(vec![0, 0, 0]));
        assert!(repeated_indicator(&two, &ids).unwrap());
        let apart: ArrayRef = Arc::new(Int64Array::from(vec![0, 0, 1]));
        assert!(!repeated_indicator(&apart, &ids).unwrap());
        let none: ArrayRef = Arc::new(Int32Array::from(vec![Some(0), Some(0), None]));
        assert!(!repeated_indicator(&none, &ids).unwrap());
        let u64s: ArrayRef = Arc::new(arrow_array::UInt64Array::from(vec![0, 1, 0]));
        assert!(repeated_indicator(&u64s, &ids).unwrap());
        let text: ArrayRef = Arc::new(StringArray::from(vec!["0", "0", "0"]));
        assert!(
            matches!(repeated_indicator(&text, &ids), Err(Error::Input { field, .. }) if field == "employee_index")
        );
    }

    proptest! {
        #[test]
        fn aligned_as_the_sequential_walk(
            runs in proptest::collection::vec((0i64..6, 0usize..4), 0..40),
            parts in 1usize..5,
        ) {
            // employees with ids in increasing steps, rows grouped by a random run of them
            let mut emps = Vec::new();
            let mut rows = Vec::new();
            let mut id = 0;
            for (step, count) in runs {
                id += step + 1;
                emps.push(id);
                rows.extend(std::iter::repeat_n(id, count));
            }
            let got = align_keys(&i64s(&rows), &i64s(&emps), parts);
            prop_assert_eq!(got.clone(), walk(&rows, &emps));
            let got = got.unwrap();
            let every = emps.iter().all(|e| rows.contains(e));
            prop_assert_eq!(reaches_every(&got, emps.len()), every);
        }
    }
}
