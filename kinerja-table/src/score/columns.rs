//! Exact decimal columns, borrowed from Arrow or owned, as the kernel reads them.

use arrow_array::cast::AsArray;
use arrow_array::types::Decimal128Type;
use arrow_array::{Array, RecordBatch};
use arrow_buffer::{BooleanBuffer, NullBuffer};
use arrow_schema::DataType;
use kinerja_core::batch::{Bits, DecimalColumn, Mantissas};
use rayon::prelude::*;
use rust_decimal::Decimal;

use crate::cells::{column, decimal_text};
use crate::schema::TableKind;
use crate::score::found::ScoreError;

/// The kernel's view of a validity bitmap.
pub(crate) fn bits(n: &BooleanBuffer) -> Bits<'_> {
    Bits { bytes: n.values(), offset: n.offset() }
}

/// A `Decimal128` column borrowed from a table.
#[derive(Clone, Copy)]
pub(crate) struct DecCol<'a> {
    pub(crate) values: &'a [i128],
    pub(crate) scale: u32,
    pub(crate) nulls: Option<&'a NullBuffer>,
}

impl<'a> DecCol<'a> {
    /// Column `name` of `batch`: `None` when absent, an error when not `Decimal128`.
    pub(crate) fn of(
        batch: &'a RecordBatch,
        table: TableKind,
        name: &str,
    ) -> Result<Option<Self>, ScoreError> {
        let Some(a) = column(batch, name) else { return Ok(None) };
        match a.data_type() {
            DataType::Decimal128(_, s) if *s >= 0 => {
                let p = a.as_primitive::<Decimal128Type>();
                Ok(Some(DecCol { values: p.values(), scale: *s as u32, nulls: p.nulls() }))
            }
            other => Err(ScoreError::table(
                table,
                format!(
                    "column `{name}` must be an exact decimal (decimal128 with a scale ≥ 0), got {other}"
                ),
            )),
        }
    }
    /// The mantissa of row `r`, `None` when null.
    pub(crate) fn raw(&self, r: usize) -> Option<i128> {
        if self.nulls.is_some_and(|n| n.is_null(r)) {
            return None;
        }
        self.values.get(r).copied()
    }
    /// Row `r` as a decimal (`None` when null or beyond what `rust_decimal` holds).
    pub(crate) fn decimal(&self, r: usize) -> Option<Decimal> {
        Decimal::try_from_i128_with_scale(self.raw(r)?, self.scale).ok()
    }
    /// Row `r` as exact text.
    pub(crate) fn text(&self, r: usize) -> String {
        self.raw(r).map(|m| decimal_text(m, self.scale)).unwrap_or_default()
    }
    /// The kernel's view.
    pub(crate) fn kernel(&self) -> DecimalColumn<'a> {
        DecimalColumn {
            values: Mantissas::I128(self.values),
            scale: self.scale,
            // a bitmap without a null (Arrow allows one) would keep the rows off the plain loop
            validity: self.nulls.filter(|n| n.null_count() > 0).map(|n| bits(n.inner())),
        }
    }
    /// The column gathered at `rows` (owned, same scale).
    pub(crate) fn gather(&self, rows: &[u32]) -> Owned {
        let mut values = Vec::with_capacity(rows.len());
        let mut valid = Vec::with_capacity(rows.len());
        for r in rows {
            let m = self.raw(*r as usize);
            values.push(m.unwrap_or(0));
            valid.push(m.is_some());
        }
        Owned { values, scale: self.scale, valid: BooleanBuffer::from(valid) }
    }
}

/// An owned decimal column at one scale.
pub(crate) struct Owned {
    pub(crate) values: Vec<i128>,
    pub(crate) scale: u32,
    pub(crate) valid: BooleanBuffer,
}

impl Owned {
    /// Decimals at their largest scale. A value that cannot be held at that scale (an
    /// `i128` overflow: a very large value next to one with many places) is listed by index
    /// in the second element and left null.
    pub(crate) fn from_decimals(ds: &[Option<Decimal>]) -> (Self, Vec<usize>) {
        let scale = ds.par_iter().flatten().map(|d| d.scale()).max().unwrap_or(0);
        let m = |d: &Option<Decimal>| {
            d.and_then(|d| 10i128.checked_pow(scale - d.scale()).and_then(|p| d.mantissa().checked_mul(p)))
        };
        let (values, valid): (Vec<i128>, Vec<bool>) =
            ds.par_iter().map(|d| m(d).map_or((0, false), |v| (v, true))).unzip();
        let overflow = ds
            .iter()
            .zip(&valid)
            .enumerate()
            .filter(|(_, (d, v))| d.is_some() && !**v)
            .map(|(i, _)| i)
            .collect();
        (Owned { values, scale, valid: BooleanBuffer::from(valid) }, overflow)
    }
    /// The kernel's view.
    pub(crate) fn kernel(&self) -> DecimalColumn<'_> {
        DecimalColumn {
            values: Mantissas::I128(&self.values),
            scale: self.scale,
            // no bitmap when every value is there: such columns take the plain row loop
            validity: (self.valid.count_set_bits() < self.valid.len()).then(|| bits(&self.valid)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The kernel sees a validity bitmap exactly when a value is null: a bitmap without a
    /// null (Arrow allows one) is dropped so the rows can take the plain row loop.
    #[test]
    fn the_kernel_gets_a_bitmap_only_when_a_value_is_null() {
        let values = [912i128, 0, 7];
        let with_null = NullBuffer::from(vec![true, false, true]);
        let all_valid = NullBuffer::from(vec![true; 3]);
        for (nulls, want) in
            [(None, [Some(912), Some(0), Some(7)]), (Some(&all_valid), [Some(912), Some(0), Some(7)])]
        {
            let k = DecCol { values: &values, scale: 2, nulls }.kernel();
            assert!(k.validity.is_none());
            assert_eq!([k.raw(0), k.raw(1), k.raw(2)], want);
        }
        let k = DecCol { values: &values, scale: 2, nulls: Some(&with_null) }.kernel();
        assert!(k.validity.is_some());
        assert_eq!([k.raw(0), k.raw(1), k.raw(2)], [Some(912), None, Some(7)]);
        let (owned, overflow) = Owned::from_decimals(&[Some(Decimal::new(912, 2)), Some(Decimal::ONE)]);
        assert!(overflow.is_empty() && owned.kernel().validity.is_none());
        assert_eq!(owned.values, [912, 100]);
        let (owned, _) = Owned::from_decimals(&[Some(Decimal::ONE), None]);
        assert_eq!([owned.kernel().raw(0), owned.kernel().raw(1)], [Some(1), None]);
    }
}
