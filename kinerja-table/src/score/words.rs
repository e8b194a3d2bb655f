//! Canonical words and flags to the kernel's codes and bits.

use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef};
use arrow_buffer::BooleanBuffer;
use arrow_schema::DataType;
use kinerja_core::explain::Labelled;
use rayon::prelude::*;

use crate::cells::{Text, cell_text};
use crate::problem::Problem;
use crate::schema::TableKind;
use crate::score::found::Found;

/// Where the cells of one kernel column come from: output position `k` reads source row
/// `row(k)` (`None`: null).
pub(crate) struct Gather<'a> {
    pub(crate) table: TableKind,
    pub(crate) len: usize,
    pub(crate) row: &'a (dyn Fn(usize) -> Option<usize> + Sync),
    pub(crate) employee: &'a (dyn Fn(usize) -> Option<&'a str> + Sync),
}

/// The code of a canonical value (position in `T::ALL`), accepting the core's labels and
/// aliases as well.
fn code_of<T: Labelled + PartialEq>(text: &str) -> Option<u8> {
    if let Some(k) = T::ALL.iter().position(|v| v.value() == text) {
        return u8::try_from(k).ok();
    }
    let v = T::parse_label(text).ok()?;
    T::ALL.iter().position(|x| *x == v).and_then(|k| u8::try_from(k).ok())
}

/// Codes of `T` for column `name` (null: `u8::MAX`); an unknown word is a problem at its
/// row and sets `bad[k]`.
pub(crate) fn codes<T: Labelled + PartialEq>(
    a: Option<&ArrayRef>,
    name: &str,
    g: &Gather,
    found: &mut Found,
    bad: &mut [bool],
) -> Option<Vec<u8>> {
    let a = a?;
    let mut out = vec![u8::MAX; g.len];
    let Some(text) = Text::of(a) else {
        found.input(
            Problem::new(g.table, format!("column `{name}` must hold words, got {}", a.data_type()))
                .at_cell(name, ""),
        );
        bad.iter_mut().for_each(|b| *b = true);
        return Some(out);
    };
    if let Text::Labels(d, names) = text {
        // every word of the dictionary has a code (as the typed step writes word columns):
        // each row's code is its key's, without reading its text
        let by_key: Option<Vec<u8>> = (0..names.len())
            .map(|k| names.is_valid(k).then(|| code_of::<T>(names.value(k))).flatten())
            .collect();
        if let Some(by_key) = by_key {
            let code = |r: usize| {
                let key = (r < d.len() && d.is_valid(r)).then(|| usize::try_from(d.keys().value(r)).ok());
                key.flatten().and_then(|k| by_key.get(k).copied())
            };
            out.par_chunks_mut(1 << 16).enumerate().for_each(|(c, part)| {
                for (j, slot) in part.iter_mut().enumerate() {
                    if let Some(v) = (g.row)(c * (1 << 16) + j).and_then(code) {
                        *slot = v;
                    }
                }
            });
            return Some(out);
        }
    }
    for (k, slot) in out.iter_mut().enumerate() {
        let Some(r) = (g.row)(k) else { continue };
        let Some(t) = text.get(r) else { continue };
        match code_of::<T>(t) {
            Some(c) => *slot = c,
            None => {
                if let Some(b) = bad.get_mut(k) {
                    *b = true;
                }
                if !found.wants(g.table, Some(r)) {
                    continue; // raised after an earlier problem: not worded
                }
                let accepted: Vec<&str> = T::ALL.iter().map(|v| v.value()).collect();
                let mut p = Problem::new(
                    g.table,
                    format!("`{t}` is not accepted for `{name}`; accepted: {}", accepted.join(", ")),
                )
                .at_row(r as u64 + 1)
                .at_cell(name, t);
                if let Some(id) = (g.employee)(k) {
                    p = p.for_employee(id);
                }
                found.input(p);
            }
        }
    }
    Some(out)
}

/// A flag column gathered to kernel order (null: false). Accepts `Boolean` and the words of
/// a `result_kind`-like column through `truth`.
pub(crate) fn flags(
    a: Option<&ArrayRef>,
    name: &str,
    g: &Gather,
    truth: &dyn Fn(&str) -> Option<bool>,
    found: &mut Found,
    bad: &mut [bool],
) -> Option<BooleanBuffer> {
    let a = a?;
    let mut vals = vec![false; g.len];
    let text = Text::of(a);
    let boolean = matches!(a.data_type(), DataType::Boolean).then(|| a.as_boolean());
    for (k, v) in vals.iter_mut().enumerate() {
        let Some(r) = (g.row)(k) else { continue };
        if r >= a.len() || a.is_null(r) {
            continue;
        }
        let got = match (&boolean, &text) {
            (Some(b), _) => Some(b.value(r)),
            (None, Some(t)) => t.get(r).and_then(truth),
            _ => None,
        };
        match got {
            Some(x) => *v = x,
            None => {
                if let Some(b) = bad.get_mut(k) {
                    *b = true;
                }
                if !found.wants(g.table, Some(r)) {
                    continue; // raised after an earlier problem: not worded
                }
                let shown = cell_text(a, r).unwrap_or_default();
                let mut p = Problem::new(g.table, format!("`{shown}` is not accepted for `{name}`"))
                    .at_row(r as u64 + 1)
                    .at_cell(name, shown);
                if let Some(id) = (g.employee)(k) {
                    p = p.for_employee(id);
                }
                found.input(p);
            }
        }
    }
    Some(BooleanBuffer::from(vals))
}
