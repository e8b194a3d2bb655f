//! The input columns: borrowed mantissas, codes and bitmaps in the shape of Arrow arrays.

use super::*;

/// An Arrow-style validity (or boolean value) bitmap: bit `i` (least significant first) of
/// `bytes`, starting at bit `offset`.
#[derive(Debug, Clone, Copy)]
pub struct Bits<'a> {
    /// The bitmap bytes.
    pub bytes: &'a [u8],
    /// Bit offset of element 0.
    pub offset: usize,
}

impl Bits<'_> {
    /// Bit `i`; bits beyond the bitmap read as unset.
    #[inline(always)]
    pub fn get(&self, i: usize) -> bool {
        let j = i + self.offset;
        self.bytes.get(j >> 3).is_some_and(|b| (b >> (j & 7)) & 1 == 1)
    }
}

/// Mantissas of a decimal column.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Mantissas<'a> {
    /// 128-bit mantissas (Arrow decimal128).
    I128(&'a [i128]),
    /// 64-bit mantissas (Arrow decimal64, integers, converted floats).
    I64(&'a [i64]),
    /// Float64 values read exactly at the column's scale ([`DecimalColumn::from_f64`]).
    #[cfg(feature = "float-input")]
    F64(Floats<'a>),
}

impl Mantissas<'_> {
    #[inline(always)]
    pub(super) fn get(&self, i: usize) -> Option<i128> {
        match self {
            Mantissas::I128(v) => v.get(i).copied(),
            Mantissas::I64(v) => v.get(i).map(|x| i128::from(*x)),
            #[cfg(feature = "float-input")]
            Mantissas::F64(v) => v.get(i),
        }
    }
    pub(super) fn len(&self) -> usize {
        match self {
            Mantissas::I128(v) => v.len(),
            Mantissas::I64(v) => v.len(),
            #[cfg(feature = "float-input")]
            Mantissas::F64(v) => v.len(),
        }
    }
}

/// A decimal column: value `i` is `values[i] × 10^-scale`, null where the validity bit is unset.
#[derive(Debug, Clone, Copy)]
pub struct DecimalColumn<'a> {
    /// The mantissas.
    pub values: Mantissas<'a>,
    /// Decimal places shared by the column.
    pub scale: u32,
    /// Validity bitmap; `None` means no nulls.
    pub validity: Option<Bits<'a>>,
}

impl<'a> DecimalColumn<'a> {
    /// A column of 128-bit mantissas without nulls.
    pub fn new(values: &'a [i128], scale: u32) -> Self {
        DecimalColumn { values: Mantissas::I128(values), scale, validity: None }
    }
    /// A column of 64-bit mantissas without nulls.
    pub fn new_i64(values: &'a [i64], scale: u32) -> Self {
        DecimalColumn { values: Mantissas::I64(values), scale, validity: None }
    }
    /// The same column with a validity bitmap.
    pub fn with_validity(mut self, validity: Bits<'a>) -> Self {
        self.validity = Some(validity);
        self
    }
    /// The mantissa of row `i`, `None` when null or out of range.
    #[inline(always)]
    pub fn raw(&self, i: usize) -> Option<i128> {
        if let Some(v) = &self.validity {
            if !v.get(i) {
                return None;
            }
        }
        self.values.get(i)
    }
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    /// True when the column has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A column of small enum codes; a code of `u8::MAX` or an unset validity bit is null.
///
/// Codes: [`Rating`] below 0, meets 1, above 2; [`Polarity`] higher 0, lower 1;
/// [`OrgPredicate`] and [`Predicate`] worst 0 to best 4 (their declaration order).
#[derive(Debug, Clone, Copy)]
pub struct CodeColumn<'a> {
    /// The codes.
    pub codes: &'a [u8],
    /// Validity bitmap; `None` means no nulls (other than `u8::MAX`).
    pub validity: Option<Bits<'a>>,
}

impl<'a> CodeColumn<'a> {
    /// A column without a validity bitmap.
    pub fn new(codes: &'a [u8]) -> Self {
        CodeColumn { codes, validity: None }
    }
    /// The code of row `i`, `None` when null.
    #[inline(always)]
    pub fn get(&self, i: usize) -> Option<u8> {
        if let Some(v) = &self.validity {
            if !v.get(i) {
                return None;
            }
        }
        self.codes.get(i).copied().filter(|c| *c != u8::MAX)
    }
}

/// A boolean column (Arrow layout); null reads as `false`.
#[derive(Debug, Clone, Copy)]
pub struct BoolColumn<'a> {
    /// The value bits.
    pub values: Bits<'a>,
    /// Validity bitmap; `None` means no nulls.
    pub validity: Option<Bits<'a>>,
}

impl BoolColumn<'_> {
    /// Value of row `i` (null → false).
    #[inline(always)]
    pub fn get(&self, i: usize) -> bool {
        self.validity.is_none_or(|v| v.get(i)) && self.values.get(i)
    }
}

/// The code of a rating (`below` 0, `meets` 1, `above` 2).
pub const fn rating_code(r: Rating) -> u8 {
    match r {
        Rating::Below => 0,
        Rating::Meets => 1,
        Rating::Above => 2,
    }
}

/// The rating of a code.
pub const fn rating_of(c: u8) -> Option<Rating> {
    match c {
        0 => Some(Rating::Below),
        1 => Some(Rating::Meets),
        2 => Some(Rating::Above),
        _ => None,
    }
}

/// The code of a predicate (worst 0 … best 4).
pub const fn predicate_code(p: Predicate) -> u8 {
    match p {
        Predicate::VeryPoor => 0,
        Predicate::PoorMisconduct => 1,
        Predicate::NeedsImprovement => 2,
        Predicate::Good => 3,
        Predicate::VeryGood => 4,
    }
}

/// The organisational predicate of a code (worst 0 … best 4).
pub const fn org_predicate_of(c: u8) -> Option<OrgPredicate> {
    match c {
        0 => Some(OrgPredicate::VeryPoor),
        1 => Some(OrgPredicate::Poor),
        2 => Some(OrgPredicate::NeedsImprovement),
        3 => Some(OrgPredicate::Good),
        4 => Some(OrgPredicate::Outstanding),
        _ => None,
    }
}

/// The indicator table: one row per indicator of an employee for the period.
#[derive(Debug, Clone, Copy)]
pub struct IndicatorColumns<'a> {
    /// Row of the employee in [`EmployeeColumns`] (any order; see the module docs).
    pub employee: &'a [u32],
    /// Point target; null when the row has a range target.
    pub target: DecimalColumn<'a>,
    /// Range target low bound (used when `target` is null).
    pub target_low: Option<DecimalColumn<'a>>,
    /// Range target high bound (used when `target` is null).
    pub target_high: Option<DecimalColumn<'a>>,
    /// Realisation for the period; null means no realisation (policy
    /// `rating.missing_realisation`).
    pub actual: DecimalColumn<'a>,
    /// Polarity code (higher 0, lower 1); absent or null means higher is better.
    pub polarity: Option<CodeColumn<'a>>,
    /// Weight; null or absent means not given (all of an employee's counted rows or none).
    pub weight: Option<DecimalColumn<'a>>,
    /// The indicator's own cap in percent; null or absent means none.
    pub cap: Option<DecimalColumn<'a>>,
    /// True for indicators of additional (tambahan) results; absent means all primary.
    pub additional: Option<BoolColumn<'a>>,
}

impl<'a> IndicatorColumns<'a> {
    /// Point targets and actuals, everything else absent.
    pub fn new(employee: &'a [u32], target: DecimalColumn<'a>, actual: DecimalColumn<'a>) -> Self {
        IndicatorColumns {
            employee,
            target,
            target_low: None,
            target_high: None,
            actual,
            polarity: None,
            weight: None,
            cap: None,
            additional: None,
        }
    }
    /// Number of rows.
    pub fn len(&self) -> usize {
        self.employee.len()
    }
    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.employee.is_empty()
    }
}

/// The employee table.
#[derive(Debug, Clone, Copy, Default)]
pub struct EmployeeColumns<'a> {
    /// Number of employees.
    pub len: usize,
    /// The appraiser's work-result rating (code), null when not given.
    pub work_rating: Option<CodeColumn<'a>>,
    /// The appraiser's overall behaviour rating (code); required.
    pub behaviour: Option<CodeColumn<'a>>,
    /// Row of the employee's unit in [`UnitColumns`] (for the JPT rule and distribution).
    pub unit: Option<&'a [u32]>,
    /// The post is a JPT post.
    pub jpt: Option<BoolColumn<'a>>,
    /// The employee heads the unit.
    pub unit_head: Option<BoolColumn<'a>>,
}

/// The unit table.
#[derive(Debug, Clone, Copy, Default)]
pub struct UnitColumns<'a> {
    /// Number of units.
    pub len: usize,
    /// The organisational predicate (code), null when not given.
    pub org_predicate: Option<CodeColumn<'a>>,
}
