//! The formula-level functions of the older regimes, for analysts checking a single step:
//! PP 46/2011 aspects, activity value, bonuses and categories; PermenPANRB 8/2021 indicator
//! value, performance value and predicate.

use kinerja_core::error::Location;
use kinerja_core::num::{Rounding, RoundingMode};
use kinerja_core::regime::{permenpanrb_8_2021 as p8, pp46_2011 as pp46};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use rust_decimal::Decimal;

use crate::convert::{CoreEnum, to_decimal};
use crate::enums::PyPredicate;
use crate::errors::{PyResultExt, input_error};
use crate::rules::{RulesArg, rules_or_default};

/// A rounding given as `None` (keep full precision), `(scale, mode)` or
/// `{"scale": 2, "mode": "half_up"}`; modes: half_up, half_even, truncate.
fn rounding_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<Rounding>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(None) };
    let (scale, mode): (u32, String) = if let Ok(d) = obj.cast::<PyDict>() {
        let s = d.get_item("scale")?.ok_or_else(|| input_error("rounding", "needs `scale` and `mode`"))?;
        let m = d.get_item("mode")?.ok_or_else(|| input_error("rounding", "needs `scale` and `mode`"))?;
        (s.extract()?, m.extract()?)
    } else {
        obj.extract()
            .map_err(|_| input_error("rounding", "is `(scale, mode)` or `{\"scale\": …, \"mode\": …}`"))?
    };
    let mode = match mode.as_str() {
        "half_up" => RoundingMode::HalfUp,
        "half_even" => RoundingMode::HalfEven,
        "truncate" => RoundingMode::Truncate,
        other => {
            return Err(input_error(
                "rounding.mode",
                format!("`{other}` is not accepted; accepted: half_up, half_even, truncate"),
            ));
        }
    };
    let r = Rounding { scale, mode };
    r.validate("rounding").py()?;
    Ok(Some(r))
}

fn apply(r: Option<Rounding>, v: Decimal) -> Decimal {
    r.map_or(v, |r| r.apply(v))
}

/// PP 46/2011 score of one aspect (`quantity`, `quality`, `time`, `cost`) of an activity:
/// returns `{"value", "branch", "efficiency"}` (branch and efficiency for time and cost,
/// decided on the exact decimal efficiency: TW = 12, RW = 9.12 gives 100).
#[pyfunction]
#[pyo3(signature = (aspect, target, actual, *, rounding = None, floor = true))]
pub fn pp46_aspect<'py>(
    py: Python<'py>,
    aspect: &str,
    target: &Bound<'py, PyAny>,
    actual: &Bound<'py, PyAny>,
    rounding: Option<&Bound<'py, PyAny>>,
    floor: bool,
) -> PyResult<Bound<'py, PyDict>> {
    let t = to_decimal(target, "target", false)?;
    let a = to_decimal(actual, "actual", false)?;
    let r = rounding_of(rounding)?;
    let at = Location::default();
    let out = PyDict::new(py);
    match aspect {
        "quantity" | "kuantitas" => out.set_item("value", apply(r, pp46::quantity(t, a, &at).py()?))?,
        "quality" | "kualitas" => out.set_item("value", apply(r, pp46::quality(t, a, &at).py()?))?,
        "time" | "cost" | "waktu" | "biaya" => {
            let s = pp46::efficiency_score(t, a, floor, &at).py()?;
            out.set_item("value", apply(r, s.value))?;
            out.set_item(
                "branch",
                match s.branch {
                    pp46::EfficiencyBranch::AtMost24 => "at_most_24",
                    pp46::EfficiencyBranch::Above24 => "above_24",
                },
            )?;
            out.set_item("efficiency", s.efficiency)?;
        }
        other => {
            return Err(input_error(
                "aspect",
                format!("`{other}` is not accepted; accepted: quantity, quality, time, cost"),
            ));
        }
    }
    Ok(out)
}

/// PP 46/2011 activity value: the mean of its 3 or 4 aspect scores.
#[pyfunction]
#[pyo3(signature = (aspects, *, rounding = None))]
pub fn pp46_activity_value(
    aspects: Vec<Bound<'_, PyAny>>,
    rounding: Option<&Bound<'_, PyAny>>,
) -> PyResult<Decimal> {
    let xs = aspects.iter().map(|a| to_decimal(a, "aspects", false)).collect::<PyResult<Vec<_>>>()?;
    Ok(apply(rounding_of(rounding)?, pp46::activity_value(&xs, &Location::default()).py()?))
}

/// PP 46/2011 additional-task bonus: 1–3 tasks → 1, 4–6 → 2, ≥ 7 → 3.
#[pyfunction]
pub fn pp46_task_bonus(count: &Bound<'_, PyAny>) -> PyResult<Decimal> {
    Ok(pp46::additional_task_bonus(crate::followup::count_arg(count, "count")?))
}

/// PP 46/2011 work-achievement value: 60 % SKP + 40 % behaviour.
#[pyfunction]
#[pyo3(signature = (skp, behaviour, *, rounding = None))]
pub fn pp46_work_achievement(
    skp: &Bound<'_, PyAny>,
    behaviour: &Bound<'_, PyAny>,
    rounding: Option<&Bound<'_, PyAny>>,
) -> PyResult<Decimal> {
    let v = pp46::work_achievement(
        to_decimal(skp, "skp", false)?,
        to_decimal(behaviour, "behaviour", false)?,
        &Location::default(),
    )
    .py()?;
    Ok(apply(rounding_of(rounding)?, v))
}

/// PP 46/2011 category of a value (Sangat Baik … Buruk) by the ruleset's bands, as a
/// `Predicate` (label it with `kj.predicate_label("pp-46-2011", p)`).
#[pyfunction]
#[pyo3(signature = (value, *, rules = None))]
pub fn pp46_category(value: &Bound<'_, PyAny>, rules: Option<RulesArg>) -> PyResult<PyPredicate> {
    let r = rules_or_default(rules.as_deref())?;
    Ok(r.policy.pp46.bands.category(to_decimal(value, "value", false)?).to_py())
}

/// PermenPANRB 8/2021 nilai capaian IKI from capaian `c` (rounded first per the ruleset's
/// policy unless `round_capaian=False`): `{"value", "category", "capaian_used"}`.
#[pyfunction]
#[pyo3(signature = (capaian, *, target_is_max = false, round_capaian = None, rules = None))]
pub fn iki_value_8_2021<'py>(
    py: Python<'py>,
    capaian: &Bound<'py, PyAny>,
    target_is_max: bool,
    round_capaian: Option<bool>,
    rules: Option<RulesArg>,
) -> PyResult<Bound<'py, PyDict>> {
    let r = rules_or_default(rules.as_deref())?;
    let pol = &r.policy.permenpanrb_8_2021;
    let c = to_decimal(capaian, "capaian", false)?;
    let used = if round_capaian.unwrap_or(pol.round_capaian) { pol.capaian_rounding.apply(c) } else { c };
    let v = p8::indicator_value(used, target_is_max, &Location::default()).py()?;
    let out = PyDict::new(py);
    out.set_item("value", pol.rounding.apply(v.value))?;
    out.set_item("category", v.category.to_py())?;
    out.set_item("capaian_used", used)?;
    Ok(out)
}

/// PP 30/2019 performance value: 70 % SKP + 30 % behaviour, or 60/40 with 360° input.
#[pyfunction]
#[pyo3(signature = (skp, behaviour, *, behaviour_360 = false, rounding = None))]
pub fn performance_value_8_2021(
    skp: &Bound<'_, PyAny>,
    behaviour: &Bound<'_, PyAny>,
    behaviour_360: bool,
    rounding: Option<&Bound<'_, PyAny>>,
) -> PyResult<Decimal> {
    let v = p8::performance_value(
        to_decimal(skp, "skp", false)?,
        to_decimal(behaviour, "behaviour", false)?,
        behaviour_360,
        &Location::default(),
    )
    .py()?;
    Ok(apply(rounding_of(rounding)?, v))
}

/// PP 30/2019 Pasal 41 predicate from the performance value (Sangat Baik needs an innovation).
#[pyfunction]
#[pyo3(signature = (nk, *, innovation = false, rules = None))]
pub fn nk_predicate_8_2021(
    nk: &Bound<'_, PyAny>,
    innovation: bool,
    rules: Option<RulesArg>,
) -> PyResult<PyPredicate> {
    let r = rules_or_default(rules.as_deref())?;
    Ok(p8::nk_predicate(to_decimal(nk, "nk", false)?, innovation, &r.policy.permenpanrb_8_2021).to_py())
}

/// A predicate's label as a regime names it in `lang` (in Indonesian PP 46 says "Buruk" and
/// "Cukup", PP 30/2019 "Cukup"; in English "Bad" and "Fair").
#[pyfunction]
#[pyo3(signature = (regime, predicate, lang = "id"))]
pub fn predicate_label(
    regime: crate::convert::Wrap<kinerja_core::rules::RegimeId>,
    predicate: crate::convert::Wrap<kinerja_core::model::Predicate>,
    lang: &str,
) -> PyResult<&'static str> {
    Ok(kinerja_core::evaluation::predicate_label(regime.0, predicate.0, crate::convert::to_lang(lang)?))
}

/// Registers the functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(pp46_aspect, m)?)?;
    m.add_function(wrap_pyfunction!(pp46_activity_value, m)?)?;
    m.add_function(wrap_pyfunction!(pp46_task_bonus, m)?)?;
    m.add_function(wrap_pyfunction!(pp46_work_achievement, m)?)?;
    m.add_function(wrap_pyfunction!(pp46_category, m)?)?;
    m.add_function(wrap_pyfunction!(iki_value_8_2021, m)?)?;
    m.add_function(wrap_pyfunction!(performance_value_8_2021, m)?)?;
    m.add_function(wrap_pyfunction!(nk_predicate_8_2021, m)?)?;
    m.add_function(wrap_pyfunction!(predicate_label, m)?)?;
    Ok(())
}
