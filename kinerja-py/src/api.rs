//! Functions: `achievement`, `predicate`, `evaluate`, `evaluate_all` and the bundled data.

use kinerja_core::achievement::achievement as core_achievement;
use kinerja_core::error::Location;
use kinerja_core::model::{Plan, Polarity, Rating, Target};
use kinerja_core::period::Period;
use kinerja_core::regime;
use pyo3::prelude::*;
use pyo3::types::PyList;
use rust_decimal::Decimal;
use std::sync::Arc;

use crate::convert::{CoreEnum, Wrap, to_decimal, to_enum, to_period};
use crate::enums::PyPredicate;
use crate::errors::{PyResultExt, input_error, to_pyerr};
use crate::evaluation::PyEvaluation;
use crate::model::to_plan;
use crate::rules::{RulesArg, rules_or_default};

fn target_of(obj: &Bound<'_, PyAny>, allow_float: bool) -> PyResult<Target> {
    if let Ok((lo, hi)) = obj.extract::<(Bound<'_, PyAny>, Bound<'_, PyAny>)>() {
        return Ok(Target::Range {
            low: to_decimal(&lo, "target.low", allow_float)?,
            high: to_decimal(&hi, "target.high", allow_float)?,
        });
    }
    if let Ok(d) = obj.cast::<pyo3::types::PyDict>() {
        let lo =
            d.get_item("low")?.ok_or_else(|| input_error("target", "a range dict needs `low` and `high`"))?;
        let hi = d
            .get_item("high")?
            .ok_or_else(|| input_error("target", "a range dict needs `low` and `high`"))?;
        return Ok(Target::Range {
            low: to_decimal(&lo, "target.low", allow_float)?,
            high: to_decimal(&hi, "target.high", allow_float)?,
        });
    }
    Ok(Target::Point(to_decimal(obj, "target", allow_float)?))
}

/// Achievement (capaian) in percent of `actual` against `target` under the ruleset's policy,
/// rounded at the policy's achievement rounding point. `target` is a number or a `(low,
/// high)` range; numbers are `int`, `str` or `Decimal` (a `float` only with
/// `allow_float=True`, through its shortest repr).
#[pyfunction]
#[pyo3(signature = (target, actual, polarity = None, *, rules = None, cap = None, allow_float = false, indicator = None))]
#[allow(clippy::too_many_arguments)]
pub fn achievement(
    target: &Bound<'_, PyAny>,
    actual: &Bound<'_, PyAny>,
    polarity: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
    cap: Option<&Bound<'_, PyAny>>,
    allow_float: bool,
    indicator: Option<String>,
) -> PyResult<Decimal> {
    let t = target_of(target, allow_float)?;
    let a = to_decimal(actual, "actual", allow_float)?;
    let pol = match polarity {
        Some(p) if !p.is_none() => to_enum::<Polarity>(p, "polarity")?,
        _ => Polarity::HigherIsBetter,
    };
    let cap = match cap {
        Some(c) if !c.is_none() => Some(to_decimal(c, "cap", allow_float)?),
        _ => None,
    };
    let rules = rules_or_default(rules.as_deref())?;
    let at = match indicator {
        Some(i) => Location::indicator(i),
        None => Location::default(),
    };
    let got =
        core_achievement(t, a, pol, &rules.policy.achievement, cap).map_err(|e| e.into_error(&at)).py()?;
    Ok(rules.policy.rounding.achievement.apply(got.value))
}

/// The PermenPANRB 6/2022 predicate for a work-result and a behaviour rating.
#[pyfunction]
#[pyo3(signature = (work_result, behaviour))]
pub fn predicate(work_result: Wrap<Rating>, behaviour: Wrap<Rating>) -> PyPredicate {
    kinerja_core::predicate(work_result.0, behaviour.0).to_py()
}

fn period_for(plan: &Plan, period: Option<&Bound<'_, PyAny>>) -> PyResult<Period> {
    match period {
        Some(p) if !p.is_none() => to_period(p),
        _ => Period::annual(plan.year).py(),
    }
}

/// Evaluates one plan (a `Plan`, a dict or JSON) for `period` (default: the plan's year)
/// under `rules` (default: the builtin ruleset in force for the period; an error before 2014).
#[pyfunction]
#[pyo3(signature = (plan, period = None, rules = None))]
pub fn evaluate(
    py: Python<'_>,
    plan: &Bound<'_, PyAny>,
    period: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
) -> PyResult<PyEvaluation> {
    let plan = to_plan(plan)?;
    let period = period_for(&plan, period)?;
    let rules = match rules.as_deref() {
        Some(r) => r.0.clone(),
        None => Arc::new(regime::rules_in_force(&period).py()?),
    };
    let ev = py.detach(|| regime::evaluate(&plan, period, &rules)).py()?;
    Ok(PyEvaluation(Arc::new(ev)))
}

/// Evaluates many plans (in parallel, without the GIL). `on_error="raise"` raises the first
/// error (by input order); `"collect"` puts the exception object in place of the result.
#[pyfunction]
#[pyo3(signature = (plans, period = None, rules = None, *, on_error = "raise"))]
pub fn evaluate_all<'py>(
    py: Python<'py>,
    plans: &Bound<'py, PyAny>,
    period: Option<&Bound<'py, PyAny>>,
    rules: Option<RulesArg>,
    on_error: &str,
) -> PyResult<Bound<'py, PyList>> {
    if on_error != "raise" && on_error != "collect" {
        return Err(input_error(
            "on_error",
            format!("`{on_error}` is not accepted; accepted: raise, collect"),
        ));
    }
    let mut list: Vec<Plan> = Vec::new();
    for p in plans.try_iter()? {
        list.push((*to_plan(&p?)?).clone());
    }
    let period = match period {
        Some(p) if !p.is_none() => Some(to_period(p)?),
        _ => None,
    };
    let rules: Option<Arc<kinerja_core::rules::Ruleset>> = rules.as_deref().map(|r| r.0.clone());
    regime::check_roster(&list).py()?;
    let results: Vec<kinerja_core::Result<kinerja_core::Evaluation>> = py.detach(|| {
        use rayon::prelude::*;
        list.par_iter()
            .map(|p| {
                let per = match period {
                    Some(x) => Ok(x),
                    None => Period::annual(p.year),
                };
                per.and_then(|per| match &rules {
                    Some(r) => regime::evaluate(p, per, r),
                    None => regime::evaluate_in_force(p, per),
                })
            })
            .collect()
    });
    let out = PyList::empty(py);
    for r in results {
        match r {
            Ok(ev) => out.append(PyEvaluation(Arc::new(ev)))?,
            Err(e) if on_error == "collect" => out.append(to_pyerr(py, &e).into_value(py))?,
            Err(e) => return Err(to_pyerr(py, &e)),
        }
    }
    Ok(out)
}

/// The bundled synthetic Kupang health-office roster of a regime (by id) as JSON text.
#[pyfunction]
#[pyo3(signature = (regime = "permenpanrb-6-2022"))]
pub fn _kupang_roster_json(regime: &str) -> PyResult<&'static str> {
    Ok(match regime {
        "permenpanrb-6-2022" => include_str!("../../examples/data/kupang_dinas_kesehatan.json"),
        "permenpanrb-8-2021" => {
            include_str!("../../examples/data/kupang_dinas_kesehatan_2021s2_permenpanrb_8_2021.json")
        }
        "pp-46-2011" => include_str!("../../examples/data/kupang_dinas_kesehatan_2020_pp46.json"),
        other => {
            return Err(crate::errors::input_error(
                "regime",
                format!(
                    "no bundled roster for `{other}`; bundled: permenpanrb-6-2022, permenpanrb-8-2021, pp-46-2011"
                ),
            ));
        }
    })
}

/// The bundled synthetic Kupang education-office roster (2024, PermenPANRB 6/2022) as JSON text.
#[pyfunction]
pub fn _kupang_education_json() -> &'static str {
    include_str!("../../examples/data/kupang_dinas_pendidikan.json")
}

/// The bundled example Kupang 2024 policy as TOML text.
#[pyfunction]
pub fn _kupang_policy_toml() -> &'static str {
    include_str!("../../policies/kupang-2024.example.toml")
}

/// Registers the functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(achievement, m)?)?;
    m.add_function(wrap_pyfunction!(predicate, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate, m)?)?;
    m.add_function(wrap_pyfunction!(evaluate_all, m)?)?;
    m.add_function(wrap_pyfunction!(_kupang_roster_json, m)?)?;
    m.add_function(wrap_pyfunction!(_kupang_policy_toml, m)?)?;
    m.add_function(wrap_pyfunction!(_kupang_education_json, m)?)?;
    Ok(())
}
