//! Single cells of canonical columns: borrowed text access, exact decimal text, equality.

use arrow_array::cast::AsArray;
use arrow_array::types::{
    Decimal128Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{
    Array, ArrayRef, DictionaryArray, LargeStringArray, RecordBatch, StringArray, StringViewArray,
};
use arrow_schema::DataType;

/// Borrowed access to a text column (`Utf8`, `LargeUtf8`, `Utf8View`, or a dictionary of
/// `int8` keys into `Utf8`, as kinerja writes label columns), no copies.
#[derive(Clone, Copy)]
pub(crate) enum Text<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
    Labels(&'a DictionaryArray<Int8Type>, &'a StringArray),
}

impl<'a> Text<'a> {
    /// The text view of `a`, `None` for other types.
    pub(crate) fn of(a: &'a ArrayRef) -> Option<Self> {
        Self::of_array(a.as_ref())
    }

    /// [`Text::of`] for a borrowed array.
    pub(crate) fn of_array(a: &'a dyn Array) -> Option<Self> {
        Some(match a.data_type() {
            DataType::Utf8 => Text::Utf8(a.as_string::<i32>()),
            DataType::LargeUtf8 => Text::Large(a.as_string::<i64>()),
            DataType::Utf8View => Text::View(a.as_string_view()),
            DataType::Dictionary(k, v) if **k == DataType::Int8 && **v == DataType::Utf8 => {
                let d = a.as_dictionary::<Int8Type>();
                Text::Labels(d, d.values().as_string::<i32>())
            }
            _ => return None,
        })
    }

    /// Row `i`, `None` when null or out of range.
    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<&'a str> {
        macro_rules! g {
            ($a:expr) => {
                (i < $a.len() && $a.is_valid(i)).then(|| $a.value(i))
            };
        }
        match self {
            Text::Utf8(a) => g!(a),
            Text::Large(a) => g!(a),
            Text::View(a) => g!(a),
            // a key outside the dictionary (an unvalidated array) reads as null, never a panic
            Text::Labels(d, names) => (i < d.len() && d.is_valid(i))
                .then(|| usize::try_from(d.keys().value(i)).ok())
                .flatten()
                .filter(|k| *k < names.len() && names.is_valid(*k))
                .map(|k| names.value(k)),
        }
    }
}

/// The column `name` of `batch`, if present.
pub(crate) fn column<'a>(batch: &'a RecordBatch, name: &str) -> Option<&'a ArrayRef> {
    batch.schema_ref().index_of(name).ok().and_then(|i| batch.columns().get(i))
}

/// The exact text of mantissa `m` at `scale` places (`-1.50` for `-150` at 2).
pub(crate) fn decimal_text(m: i128, scale: u32) -> String {
    let digits = m.unsigned_abs().to_string();
    let sign = if m < 0 { "-" } else { "" };
    let s = scale as usize;
    if s == 0 {
        return format!("{sign}{digits}");
    }
    let padded =
        if digits.len() <= s { format!("{}{digits}", "0".repeat(s + 1 - digits.len())) } else { digits };
    let (int, frac) = padded.split_at(padded.len() - s);
    format!("{sign}{int}.{frac}")
}

/// The exact text of mantissa `m` at Arrow scale `scale`, which may be negative: `-scale`
/// zeros after the digits (`500` for `5` at -2; zero is `0`).
pub(crate) fn decimal_text_at(m: i128, scale: i8) -> String {
    match u32::try_from(scale) {
        Ok(s) => decimal_text(m, s),
        Err(_) if m == 0 => "0".to_string(),
        Err(_) => format!("{m}{}", "0".repeat(usize::from(scale.unsigned_abs()))),
    }
}

/// The cell as text (numbers exactly), `None` when null.
pub(crate) fn cell_text(a: &ArrayRef, i: usize) -> Option<String> {
    if i >= a.len() || a.is_null(i) {
        return None;
    }
    if let Some(t) = Text::of(a) {
        return t.get(i).map(str::to_string);
    }
    macro_rules! prim {
        ($t:ty) => {
            Some(a.as_primitive::<$t>().value(i).to_string())
        };
    }
    match a.data_type() {
        DataType::Boolean => Some(a.as_boolean().value(i).to_string()),
        DataType::Decimal128(_, s) => {
            let m = a.as_primitive::<Decimal128Type>().value(i);
            Some(decimal_text_at(m, *s))
        }
        DataType::Int8 => prim!(Int8Type),
        DataType::Int16 => prim!(Int16Type),
        DataType::Int32 => prim!(Int32Type),
        DataType::Int64 => prim!(Int64Type),
        DataType::UInt8 => prim!(UInt8Type),
        DataType::UInt16 => prim!(UInt16Type),
        DataType::UInt32 => prim!(UInt32Type),
        DataType::UInt64 => prim!(UInt64Type),
        DataType::Float64 => Some(format!("{:?}", a.as_primitive::<Float64Type>().value(i))),
        other => Some(format!("<{other}>")),
    }
}

/// True when cells `i` and `j` of `a` hold the same value (two nulls are equal; a text cell
/// compares as [`Text::get`] reads it, so a label naming a null word equals a null).
pub(crate) fn cells_equal(a: &ArrayRef, i: usize, j: usize) -> bool {
    if i >= a.len() || j >= a.len() {
        return false;
    }
    // text as read: a label whose dictionary word is null has no text, as a null row has none
    if let Some(t) = Text::of(a) {
        return t.get(i) == t.get(j);
    }
    match (a.is_null(i), a.is_null(j)) {
        (true, true) => return true,
        (false, false) => {}
        _ => return false,
    }
    match a.data_type() {
        DataType::Boolean => a.as_boolean().value(i) == a.as_boolean().value(j),
        DataType::Decimal128(..) => {
            let p = a.as_primitive::<Decimal128Type>();
            p.value(i) == p.value(j)
        }
        _ => a.slice(i, 1).to_data() == a.slice(j, 1).to_data(),
    }
}

/// [`cells_equal`] for one column, its type looked up once (for comparing many cells).
pub(crate) fn equality(a: &ArrayRef) -> impl Fn(usize, usize) -> bool + Sync + '_ {
    let text = Text::of(a);
    let decimal = a.as_primitive_opt::<Decimal128Type>();
    let n = a.len();
    move |i, j| match (text, decimal) {
        // labels: one key stands for one word (a dictionary may repeat a word under two keys)
        (Some(t @ Text::Labels(d, _)), _) => {
            let same_key = || d.is_valid(i) && d.is_valid(j) && d.keys().value(i) == d.keys().value(j);
            i < n && j < n && (same_key() || t.get(i) == t.get(j))
        }
        (Some(t), _) => i < n && j < n && t.get(i) == t.get(j),
        (None, Some(d)) => {
            i < n && j < n && d.is_valid(i) == d.is_valid(j) && (d.is_null(i) || d.value(i) == d.value(j))
        }
        (None, None) => cells_equal(a, i, j),
    }
}

/// True when rows `i` and `j` of `batch` are equal in every column.
pub(crate) fn rows_equal(batch: &RecordBatch, i: usize, j: usize) -> bool {
    batch.columns().iter().all(|c| cells_equal(c, i, j))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equality_is_cells_equal() {
        use std::sync::Arc;
        let columns: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(vec![Some("a"), None, Some("a"), Some("b"), None])),
            Arc::new(
                arrow_array::Decimal128Array::from(vec![Some(1), None, Some(1), Some(2), None])
                    .with_precision_and_scale(38, 2)
                    .unwrap_or_else(|_| unreachable!()),
            ),
            Arc::new(arrow_array::BooleanArray::from(vec![Some(true), None, Some(true), Some(false), None])),
            // labels whose dictionary holds `a` under two keys
            Arc::new(arrow_array::DictionaryArray::<Int8Type>::new(
                arrow_array::Int8Array::from(vec![Some(0), None, Some(2), Some(1), None]),
                Arc::new(StringArray::from(vec![Some("a"), Some("b"), Some("a")])),
            )),
        ];
        for a in &columns {
            let eq = equality(a);
            for i in 0..6 {
                for j in 0..6 {
                    assert_eq!(eq(i, j), cells_equal(a, i, j), "{} {i} {j}", a.data_type());
                }
            }
            assert!(eq(0, 2) && eq(1, 4) && !eq(0, 1) && !eq(0, 3) && !eq(0, 9));
        }
    }

    #[test]
    fn decimal_texts() {
        assert_eq!(decimal_text(10185, 2), "101.85");
        assert_eq!(decimal_text(-5, 2), "-0.05");
        assert_eq!(decimal_text(9000, 2), "90.00");
        assert_eq!(decimal_text(7, 0), "7");
        assert_eq!(decimal_text(0, 3), "0.000");
        assert_eq!(decimal_text_at(5, -2), "500");
        assert_eq!(decimal_text_at(-7, -1), "-70");
        assert_eq!(decimal_text_at(0, -3), "0");
        assert_eq!(decimal_text_at(-150, 2), "-1.50");
    }

    /// Cells of a type without an arm of its own (integers) compare by value: equal values
    /// are equal, different ones are not, two nulls are equal, a null and a value are not; a
    /// row of such cells equals another only when every cell does.
    #[test]
    fn other_types_compare_by_value() {
        use std::sync::Arc;
        let ints: ArrayRef =
            Arc::new(arrow_array::Int64Array::from(vec![Some(7), Some(8), Some(7), None, None]));
        let eq = equality(&ints);
        for (i, j, same) in [(0, 2, true), (0, 1, false), (3, 4, true), (0, 3, false), (0, 5, false)] {
            assert_eq!((cells_equal(&ints, i, j), eq(i, j)), (same, same), "{i} {j}");
        }
        let words: ArrayRef = Arc::new(StringArray::from(vec!["a", "a", "a", "b", "b"]));
        let rows = RecordBatch::try_from_iter([("words", words), ("ints", Arc::clone(&ints))])
            .unwrap_or_else(|_| unreachable!());
        assert!(rows_equal(&rows, 0, 2) && rows_equal(&rows, 3, 4));
        assert!(!rows_equal(&rows, 0, 1) && !rows_equal(&rows, 2, 3));
    }

    /// A label column whose dictionary holds a null word: a row naming that word has no text,
    /// so it equals a null row and another row naming it, and differs from a row with a word;
    /// `cells_equal` and `equality` agree on every pair.
    #[test]
    fn a_null_word_equals_a_null_cell() {
        use std::sync::Arc;
        let a: ArrayRef = Arc::new(arrow_array::DictionaryArray::<Int8Type>::new(
            arrow_array::Int8Array::from(vec![Some(1), None, Some(1), Some(0)]),
            Arc::new(StringArray::from(vec![Some("baik"), None])),
        ));
        let eq = equality(&a);
        for (i, j, same) in
            [(0, 1, true), (0, 2, true), (1, 2, true), (0, 3, false), (1, 3, false), (3, 3, true)]
        {
            assert_eq!((cells_equal(&a, i, j), eq(i, j)), (same, same), "{i} {j}");
            assert_eq!((cells_equal(&a, j, i), eq(j, i)), (same, same), "{j} {i}");
        }
    }
}
