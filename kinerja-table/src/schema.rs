//! The canonical column names of the three input tables.
//!
//! After column resolution every table uses these names, whatever its headers were
//! (Indonesian headers, user mappings). A canonical table is an Arrow `RecordBatch` in which
//! ids and free text are `Utf8`, numbers are exact `Decimal128(38, s)`, enum words are `Utf8`
//! holding the canonical English value (already validated), flags are `Boolean` and periods are
//! `Utf8` in the printed form of [`kinerja_core::period::Period`] (`2024`, `2024-S1`,
//! `2024-Q2`, `2024-03`).

/// Which input table a column or a problem belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TableKind {
    /// One row per indicator (and period): the long table.
    Indicators,
    /// One row per employee.
    Employees,
    /// One row per organisation unit.
    Units,
}

impl TableKind {
    /// The table's place among the three, the order problems are raised in: indicators 0,
    /// employees 1, units 2.
    pub(crate) fn index(self) -> usize {
        match self {
            TableKind::Indicators => 0,
            TableKind::Employees => 1,
            TableKind::Units => 2,
        }
    }

    /// The name used in messages and in the `table` column of problem rows.
    pub fn name(self) -> &'static str {
        match self {
            TableKind::Indicators => "indicators",
            TableKind::Employees => "employees",
            TableKind::Units => "units",
        }
    }

    /// The table's name in `lang` for messages: `indicators` / `tabel indikator`, ….
    pub fn name_in(self, lang: kinerja_core::lang::Lang) -> &'static str {
        match (lang, self) {
            (kinerja_core::lang::Lang::En, t) => t.name(),
            (_, TableKind::Indicators) => "tabel indikator",
            (_, TableKind::Employees) => "tabel pegawai",
            (_, TableKind::Units) => "tabel unit kerja",
        }
    }
}

/// Canonical columns of the indicator table (one row per indicator per period).
pub const INDICATOR_COLUMNS: &[&str] = &[
    "employee",
    "result",
    "result_description",
    "result_kind",
    "indicator",
    "indicator_name",
    "unit_of_measure",
    "aspect",
    "polarity",
    "aggregation",
    "target",
    "target_low",
    "target_high",
    "target_is_max",
    "weight",
    "cap",
    "period",
    "period_target",
    "actual",
];

/// Canonical columns of the employee table (one row per employee and assessment period).
/// Any of them may also appear, repeated per row, in the indicator table.
pub const EMPLOYEE_COLUMNS: &[&str] = &[
    "employee",
    "name",
    "unit",
    "position",
    "post_type",
    "functional_grade",
    "unit_head",
    "year",
    "period",
    "work_result",
    "behaviour",
    "org_predicate",
    "predicate",
];

/// Canonical columns of the unit table.
pub const UNIT_COLUMNS: &[&str] = &["unit", "name", "parent", "org_predicate"];
