//! `_IdSet`: the text ids seen so far, growing batch by batch (the streamed command line
//! checks with it that each employee's rows come in one batch).
//!
//! The ids are kept end to end in one string, and a hash table holds each id's hash and
//! number: no allocation per id, one probe per insert.

use std::hash::BuildHasher;

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use arrow_schema::DataType;
use hashbrown::HashTable;
use pyo3::prelude::*;
use pyo3_arrow::PyArray;
use rustc_hash::FxBuildHasher;

use crate::errors::input_error;

/// Distinct strings, stored end to end.
#[derive(Default)]
struct Ids {
    bytes: String,
    ends: Vec<usize>,
    table: HashTable<(u64, u32)>,
}

impl Ids {
    fn hash(s: &str) -> u64 {
        FxBuildHasher.hash_one(s)
    }

    fn get<'a>(bytes: &'a str, ends: &[usize], k: u32) -> &'a str {
        let k = k as usize;
        let start = if k == 0 { 0 } else { ends.get(k - 1).copied().unwrap_or(0) };
        bytes.get(start..ends.get(k).copied().unwrap_or(start)).unwrap_or("")
    }

    fn contains(&self, s: &str) -> bool {
        let h = Self::hash(s);
        self.table.find(h, |(hk, k)| *hk == h && Self::get(&self.bytes, &self.ends, *k) == s).is_some()
    }

    /// Adds `s`; false when it was already there (or the set holds `u32::MAX` ids).
    fn insert(&mut self, s: &str) -> bool {
        let h = Self::hash(s);
        let Ids { bytes, ends, table } = self;
        if table.find(h, |(hk, k)| *hk == h && Self::get(bytes, ends, *k) == s).is_some() {
            return false;
        }
        let Ok(k) = u32::try_from(ends.len()) else { return false };
        bytes.push_str(s);
        ends.push(bytes.len());
        table.insert_unique(h, (h, k), |(hk, _)| *hk);
        true
    }

    /// Takes out the ids added after the first `n` (the most recent ones).
    fn truncate(&mut self, n: usize) {
        while self.ends.len() > n {
            let k = self.ends.len() - 1;
            let s = Self::get(&self.bytes, &self.ends, k as u32);
            let h = Self::hash(s);
            if let Ok(e) = self.table.find_entry(h, |(_, j)| *j as usize == k) {
                e.remove();
            }
            let start = if k == 0 { 0 } else { self.ends.get(k - 1).copied().unwrap_or(0) };
            self.bytes.truncate(start);
            self.ends.pop();
        }
    }

    fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The text of each row of a string array (`None` for a null), or `None` for another type.
fn texts(a: &ArrayRef) -> Option<Vec<Option<&str>>> {
    match a.data_type() {
        DataType::Utf8 => Some(a.as_string::<i32>().iter().collect()),
        DataType::LargeUtf8 => Some(a.as_string::<i64>().iter().collect()),
        DataType::Utf8View => Some(a.as_string_view().iter().collect()),
        _ => None,
    }
}

fn text_ids(a: &ArrayRef) -> PyResult<Vec<Option<&str>>> {
    texts(a).ok_or_else(|| input_error("employee", "employee ids must be a text column".to_string()))
}

/// `_IdSet()`: a set of text ids (see the module docs).
#[pyclass(module = "kinerja._kinerja", name = "_IdSet")]
#[derive(Default)]
struct IdSet {
    ids: Ids,
}

#[pymethods]
impl IdSet {
    #[new]
    fn new() -> Self {
        IdSet::default()
    }

    /// Adds the ids of a string array (nulls are not ids) and returns `None`; when some id
    /// is already in the set, adds nothing and returns the smallest such id.
    fn add_new(&mut self, py: Python<'_>, ids: PyArray) -> PyResult<Option<String>> {
        let a = ids.into_inner().0;
        let ids = text_ids(&a)?;
        let set = &mut self.ids;
        Ok(py.detach(|| {
            // one pass: insert each id (the usual batch repeats nothing); on any repeat, take
            // out what this call added and answer exactly as if nothing had been inserted (an
            // id given twice in one call is no repeat)
            let before = set.len();
            set.table.reserve(ids.len(), |(h, _)| *h);
            let repeat = ids.iter().flatten().fold(false, |r, id| !set.insert(id) | r);
            if !repeat {
                return None;
            }
            set.truncate(before);
            let again = ids.iter().flatten().filter(|id| set.contains(id)).min();
            if again.is_none() {
                ids.iter().flatten().for_each(|id| {
                    set.insert(id);
                });
            }
            again.map(|id| (*id).to_string())
        }))
    }

    /// Whether each key of a string array is in the set (a boolean array; a null key is not).
    fn contains(&self, py: Python<'_>, keys: PyArray) -> PyResult<Py<PyAny>> {
        let a = keys.into_inner().0;
        let keys = text_ids(&a)?;
        let found: Vec<bool> = keys.iter().map(|k| k.is_some_and(|k| self.ids.contains(k))).collect();
        Ok(PyArray::from_array_ref(kinerja_table::score::booleans(&found)).to_pyarrow(py)?.unbind())
    }

    fn __len__(&self) -> usize {
        self.ids.len()
    }
}

/// Registers `_IdSet`.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<IdSet>()
}
