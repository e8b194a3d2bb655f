//! Which appraisal's predicate pays a month's TPP (teachers' semester predicates):
//! `month_predicate(month, known, rule)`.

use std::sync::Arc;

use kinerja_core::explain::{Labelled, Lang, Trace};
use kinerja_core::followup::{self as fu, MonthPredicate, MonthPredicateRule};
use kinerja_core::model::Predicate;
use pyo3::prelude::*;
use pyo3::types::{PyTuple, PyType};

use crate::convert::{CoreEnum, serde_error, to_enum, to_lang, to_period};
use crate::enums::PyPredicate;
use crate::errors::{PyResultExt, input_error};
use crate::evaluation::{PyTrace, display_lang_value};
use crate::followup::{FuResult, data, enum_arg, fu_class, fu_enum, getters, items_of, render};
use crate::period::PyPeriod;

fu_enum! {
    /// How a month finds its predicate among coarser appraisals (local choice).
    PyMonthPredicateRule = "MonthPredicateRule", MonthPredicateRule {
        Covering = "COVERING", LastCompleted = "LAST_COMPLETED",
    }
}

impl FuResult for MonthPredicate {
    const WHAT: &'static str = "month predicate";
    fn traces(&self) -> Vec<&Trace> {
        vec![&self.trace]
    }
    fn repr(&self) -> String {
        format!(
            "MonthPredicate(month='{}', source='{}', predicate='{}')",
            self.month, self.source, self.predicate
        )
    }
}

fu_class! {
    /// The predicate that pays one month, and the appraisal it comes from.
    PyMonthPredicate = "MonthPredicate", MonthPredicate
}
getters!(PyMonthPredicate, s {
    /// The month paid.
    month -> PyPeriod = PyPeriod(s.month);
    /// The appraisal period whose predicate is used.
    source -> PyPeriod = PyPeriod(s.source);
    /// The predicate.
    predicate -> PyPredicate = s.predicate.to_py();
    /// The trace.
    trace -> PyTrace = PyTrace(Arc::new(s.trace.clone()));
});

/// The predicate that pays `month` ("2024-03") under `rule` (`"covering"` or
/// `"last_completed"`, required: the law leaves it to the region), from `known` pairs
/// `(period, predicate)` of one employee's appraisals.
#[pyfunction]
#[pyo3(signature = (month, known, rule))]
pub fn month_predicate(
    month: &Bound<'_, PyAny>,
    known: &Bound<'_, PyAny>,
    rule: &Bound<'_, PyAny>,
) -> PyResult<PyMonthPredicate> {
    let m = to_period(month)?;
    let rule: MonthPredicateRule = enum_arg(rule, "rule")?;
    let mut pairs = Vec::new();
    for (i, item) in items_of(known, "known")?.into_iter().enumerate() {
        let pair = items_of(&item, &format!("known[{i}]"))?;
        let [period, predicate] = pair.as_slice() else {
            return Err(input_error(&format!("known[{i}]"), "expected a pair (period, predicate)"));
        };
        let p: Predicate = enum_arg(predicate, &format!("known[{i}].predicate"))?;
        pairs.push((to_period(period)?, p));
    }
    Ok(PyMonthPredicate(Arc::new(fu::month_predicate(m, &pairs, rule).py()?)))
}

/// Registers the class and the function.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyMonthPredicateRule>()?;
    m.add_class::<PyMonthPredicate>()?;
    m.add_function(wrap_pyfunction!(month_predicate, m)?)?;
    Ok(())
}
