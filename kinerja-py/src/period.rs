//! `Period`: a performance period (`2024`, `2024-S1`, `2024-Q2`, `2024-03`).

use kinerja_core::period::{Granularity, MAX_YEAR, MIN_YEAR, Period};
use pyo3::basic::CompareOp;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::convert::{period_int, to_period};
use crate::errors::PyResultExt;

/// A performance period: a year with a granularity (annual, semester, quarter, month).
#[pyclass(module = "kinerja._kinerja", name = "Period", frozen)]
#[derive(Debug, Clone, Copy)]
pub struct PyPeriod(pub Period);

fn granularity(text: &str) -> PyResult<Granularity> {
    text.parse().py()
}

#[pymethods]
impl PyPeriod {
    /// `Period("2024-Q1")`, `Period(2024)`, or `Period(2024, "quarter", 1)`.
    #[new]
    #[pyo3(signature = (value, granularity = None, index = None))]
    fn py_new(
        value: &Bound<'_, PyAny>,
        granularity: Option<&str>,
        index: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<Self> {
        let index = index.filter(|i| !i.is_none());
        match granularity {
            None => {
                if index.is_some() {
                    return Err(crate::errors::input_error("index", "an index needs a granularity"));
                }
                Ok(PyPeriod(to_period(value)?))
            }
            Some(g) => {
                let year: u16 = period_int(value, "year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?;
                let g = self::granularity(g)?;
                let index: u8 = match index {
                    Some(i) => period_int(i, "index", 1, i64::from(g.per_year()))?,
                    None => 1,
                };
                Ok(PyPeriod(Period::new(year, g, index).py()?))
            }
        }
    }
    /// The whole year.
    #[classmethod]
    fn annual(_cls: &Bound<'_, PyType>, year: &Bound<'_, PyAny>) -> PyResult<Self> {
        let year: u16 = period_int(year, "year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?;
        Ok(PyPeriod(Period::annual(year).py()?))
    }
    /// Semester 1 or 2.
    #[classmethod]
    fn semester(
        _cls: &Bound<'_, PyType>,
        year: &Bound<'_, PyAny>,
        semester: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let year: u16 = period_int(year, "year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?;
        let semester: u8 = period_int(semester, "semester", 1, 2)?;
        Ok(PyPeriod(Period::semester(year, semester).py()?))
    }
    /// Quarter 1–4.
    #[classmethod]
    fn quarter(
        _cls: &Bound<'_, PyType>,
        year: &Bound<'_, PyAny>,
        quarter: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        let year: u16 = period_int(year, "year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?;
        let quarter: u8 = period_int(quarter, "quarter", 1, 4)?;
        Ok(PyPeriod(Period::quarter(year, quarter).py()?))
    }
    /// Month 1–12.
    #[classmethod]
    fn month(_cls: &Bound<'_, PyType>, year: &Bound<'_, PyAny>, month: &Bound<'_, PyAny>) -> PyResult<Self> {
        let year: u16 = period_int(year, "year", i64::from(MIN_YEAR), i64::from(MAX_YEAR))?;
        let month: u8 = period_int(month, "month", 1, 12)?;
        Ok(PyPeriod(Period::month(year, month).py()?))
    }
    /// The year.
    #[getter]
    fn year(&self) -> u16 {
        self.0.year()
    }
    /// `"annual"`, `"semester"`, `"quarter"` or `"month"`.
    #[getter]
    fn granularity(&self) -> &'static str {
        self.0.granularity().as_str()
    }
    /// 1-based index within the year (1 for annual).
    #[getter]
    fn index(&self) -> u8 {
        self.0.index()
    }
    /// Number of months covered.
    #[getter]
    fn months(&self) -> u8 {
        self.0.months()
    }
    /// First month covered (1–12).
    #[getter]
    fn first_month(&self) -> u8 {
        self.0.first_month()
    }
    /// Last month covered (1–12).
    #[getter]
    fn last_month(&self) -> u8 {
        self.0.last_month()
    }
    /// True when `other` lies within this period.
    fn contains(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.contains(&to_period(other)?))
    }
    /// True when the periods share a month.
    fn overlaps(&self, other: &Bound<'_, PyAny>) -> PyResult<bool> {
        Ok(self.0.overlaps(&to_period(other)?))
    }
    /// The periods of `granularity` within this one.
    fn subdivide(&self, granularity: &str) -> PyResult<Vec<PyPeriod>> {
        Ok(self.0.subdivide(self::granularity(granularity)?).into_iter().map(PyPeriod).collect())
    }
    /// The annual period of the same year.
    fn year_period(&self) -> PyPeriod {
        PyPeriod(self.0.year_period())
    }
    fn __str__(&self) -> String {
        self.0.to_string()
    }
    fn __repr__(&self) -> String {
        format!("Period('{}')", self.0)
    }
    fn __hash__(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        self.0.hash(&mut h);
        h.finish()
    }
    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp) -> CmpResult {
        let Ok(o) = other.cast::<PyPeriod>() else {
            return CmpResult::NotImplemented;
        };
        CmpResult::Bool(op.matches(self.0.cmp(&o.get().0)))
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyType>, Bound<'py, PyTuple>)> {
        Ok((py.get_type::<PyPeriod>(), PyTuple::new(py, [self.0.to_string()])?))
    }
}

/// A comparison result: a bool or `NotImplemented`.
pub enum CmpResult {
    /// The comparison result.
    Bool(bool),
    /// The other operand is not comparable.
    NotImplemented,
}

impl<'py> IntoPyObject<'py> for CmpResult {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        use pyo3::IntoPyObjectExt;
        match self {
            CmpResult::Bool(b) => b.into_bound_py_any(py),
            CmpResult::NotImplemented => Ok(py.NotImplemented().into_bound(py)),
        }
    }
}
