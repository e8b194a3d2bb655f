//! Builders for canonical tables in tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;

use arrow_array::{Array, ArrayRef, BooleanArray, Decimal128Array, RecordBatch, StringArray};
use arrow_schema::DataType;
use kinerja_core::model::Rating;
use kinerja_core::rules::{AdvisoryBand, Ruleset};

/// A text column (`None`: null).
pub fn text(v: &[Option<&str>]) -> ArrayRef {
    Arc::new(StringArray::from(v.to_vec()))
}

/// A text column without nulls.
pub fn words(v: &[&str]) -> ArrayRef {
    Arc::new(StringArray::from(v.to_vec()))
}

/// A decimal128(38, scale) column from exact text (`None`: null).
pub fn dec(v: &[Option<&str>], scale: u32) -> ArrayRef {
    let m: Vec<Option<i128>> = v
        .iter()
        .map(|x| {
            x.map(|t| {
                let d: rust_decimal::Decimal = t.parse().unwrap();
                let d = d * rust_decimal::Decimal::ONE;
                let mut d = d;
                d.rescale(scale);
                d.mantissa()
            })
        })
        .collect();
    Arc::new(Decimal128Array::from(m).with_precision_and_scale(38, scale as i8).unwrap())
}

/// A boolean column.
pub fn flags(v: &[Option<bool>]) -> ArrayRef {
    Arc::new(BooleanArray::from(v.to_vec()))
}

/// A batch from named columns.
pub fn batch(cols: Vec<(&str, ArrayRef)>) -> RecordBatch {
    RecordBatch::try_from_iter(cols).unwrap()
}

/// The 6/2022 rules with the Kupang advisory bands (≥ 110 above, ≥ 90 meets, else below).
pub fn rules() -> Ruleset {
    let mut r = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    r.policy.rating.advisory_bands = vec![
        AdvisoryBand { min: 110.into(), rating: Rating::Above },
        AdvisoryBand { min: 90.into(), rating: Rating::Meets },
    ];
    r
}

/// Column `name` of `b` as strings (`None` for null).
pub fn strings(b: &RecordBatch, name: &str) -> Vec<Option<String>> {
    let a = b.column_by_name(name).unwrap_or_else(|| panic!("no column {name}"));
    assert!(matches!(a.data_type(), DataType::Utf8 | DataType::Dictionary(..)), "{name}: {}", a.data_type());
    (0..a.len()).map(|i| kinerja_table::score::text_at(a, i).map(str::to_string)).collect()
}

/// Column `name` of `b` as exact decimal text.
pub fn decimals(b: &RecordBatch, name: &str) -> Vec<Option<String>> {
    let a = b.column_by_name(name).unwrap_or_else(|| panic!("no column {name}"));
    let d = a.as_any().downcast_ref::<Decimal128Array>().unwrap();
    (0..d.len()).map(|i| d.is_valid(i).then(|| d.value_as_string(i))).collect()
}

/// Column `name` of `b` as booleans.
pub fn bools(b: &RecordBatch, name: &str) -> Vec<Option<bool>> {
    let a = b.column_by_name(name).unwrap_or_else(|| panic!("no column {name}"));
    let d = a.as_any().downcast_ref::<BooleanArray>().unwrap();
    (0..d.len()).map(|i| d.is_valid(i).then(|| d.value(i))).collect()
}

/// `Some(s.to_string())` for each.
pub fn some(v: &[&str]) -> Vec<Option<String>> {
    v.iter().map(|s| Some(s.to_string())).collect()
}
