//! The organisation layer: `OrgStructure` (units, unit goals, employees), `align` →
//! `AlignmentReport`, `unit_performance` → `OrgPerformance`, `sakip` → `SakipResult`,
//! the distribution curve (`DistributionReport`, `Constraint`), calibration
//! (`CalibrationResult`) and ranking within a unit.
//!
//! Every class is frozen, holds an `Arc` of the core value, compares by value, pickles through
//! its JSON form and has a `__repr__`; reports have `_repr_html_`. Tables (pandas, polars,
//! pyarrow), charts and the flexible roster shapes (Series, frame columns) are read by the
//! pure-Python helpers in `kinerja.org`, which these functions call where needed.

use std::collections::BTreeMap;
use std::sync::Arc;

use kinerja_core::error::{Error, Location};
use kinerja_core::evaluation::Evaluation;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{Employee, OrgPredicate, Plan, Predicate};
use kinerja_core::org::alignment::{AlignmentReport, UnitAlignment};
use kinerja_core::org::distribution::{
    CalibrationEntry, CalibrationResult, Constraint, ConstraintRule, DistributionReport,
};
use kinerja_core::org::ranking::{RankInput, rank_unit};
use kinerja_core::org::rollup::{OrgPerformance, UnitPerformance};
use kinerja_core::org::sakip::{SakipInput, SakipResult, sakip_evaluation};
use kinerja_core::org::{
    OrgInput, OrgStructure, OrgUnit, UnitGoal, align as core_align, calibrate as core_calibrate,
    calibrate_unit, check_counts as check_counts_core, check_distribution as core_check,
    check_unit_distribution, unit_performance as core_unit_performance,
};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};
use rust_decimal::Decimal;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::convert::{CoreEnum, json_to_py, py_to_json, serde_error, to_decimal, to_enum, to_lang};
use crate::enums::{PyOrgPredicate, PyPredicate};
use crate::errors::{KjErr, PyResultExt, input_error};
use crate::evaluation::{PyEvaluation, PyTrace, display_lang_value};
use crate::model::{PyEmployee, PyPlan, target_to_py, to_plan};
use crate::rules::{RulesArg, rules_or_default};

// ---------------------------------------------------------------------------------------------
// helpers

fn snake<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn kj(e: Error) -> PyErr {
    PyErr::from(KjErr(e))
}

fn row_error(field: &str, row: usize, reason: impl Into<String>) -> PyErr {
    kj(Error::Input {
        at: Location::default().with_row(row as u64),
        field: field.into(),
        reason: reason.into(),
    })
}

/// Calls a helper of the pure-Python module `kinerja.org`.
fn helper<'py>(py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("kinerja.org")?.getattr(name)
}

/// The items of a list-like argument; tables (pandas, polars, pyarrow) and other iterables
/// are turned into row dicts by `kinerja.org._table_rows`.
fn rows_of<'py>(obj: &Bound<'py, PyAny>, field: &str) -> PyResult<Vec<Bound<'py, PyAny>>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyDict>() {
        return Err(input_error(
            field,
            format!("expected a list of rows (dicts) or a table, got {}", obj.get_type().name()?),
        ));
    }
    let source = if obj.is_instance_of::<PyList>() || obj.is_instance_of::<PyTuple>() {
        obj.clone()
    } else {
        helper(obj.py(), "_table_rows")?.call1((obj, field))?
    };
    let mut out = Vec::new();
    for item in source.try_iter()? {
        out.push(item?);
    }
    Ok(out)
}

fn parse_rows<T: DeserializeOwned>(
    obj: Option<&Bound<'_, PyAny>>,
    field: &str,
    what: &str,
    allow_float: bool,
) -> PyResult<Vec<T>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(Vec::new()) };
    let mut out = Vec::new();
    for (i, item) in rows_of(obj, field)?.iter().enumerate() {
        let name = format!("{field}[{i}]");
        let v = if let Ok(p) = item.cast::<PyPlan>() {
            serde_json::to_value(&p.get().inner().employee).map_err(|e| serde_error(what, &e))?
        } else {
            py_to_json(item, &name, allow_float)?
        };
        let parsed: T =
            serde_json::from_value(v).map_err(|e| row_error(&name, i, format!("malformed {what}: {e}")))?;
        out.push(parsed);
    }
    Ok(out)
}

fn to_json_text<T: serde::Serialize>(v: &T, what: &str) -> PyResult<String> {
    serde_json::to_string(v).map_err(|e| serde_error(what, &e))
}

fn to_py_json<'py, T: serde::Serialize>(py: Python<'py>, v: &T, what: &str) -> PyResult<Bound<'py, PyAny>> {
    let j = serde_json::to_value(v).map_err(|e| serde_error(what, &e))?;
    json_to_py(py, &j)
}

fn from_json_text<T: DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    crate::convert::input_json(text, what)
}

fn dec_repr(v: Option<Decimal>) -> String {
    v.map_or_else(|| "None".to_string(), |x| format!("Decimal('{x}')"))
}

fn org_predicate_arg(obj: Option<&Bound<'_, PyAny>>) -> PyResult<OrgPredicate> {
    match obj {
        Some(o) if !o.is_none() => to_enum::<OrgPredicate>(o, "org_predicate"),
        _ => Ok(OrgPredicate::Good),
    }
}

fn employee_id(obj: &Bound<'_, PyAny>, field: &str, row: usize) -> PyResult<String> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(s.to_str()?.to_string());
    }
    if obj.is_instance_of::<pyo3::types::PyInt>() && !obj.is_instance_of::<pyo3::types::PyBool>() {
        return Ok(obj.str()?.to_string());
    }
    Err(row_error(
        field,
        row,
        format!("an employee id must be a str (or int), got {}", obj.get_type().name()?),
    ))
}

/// One roster entry: employee id, predicate and (optionally) achievement.
struct Entry {
    id: String,
    predicate: Predicate,
    achievement: Option<Decimal>,
}

/// Reads roster entries: `Evaluation` objects, `(employee, predicate)` or `(employee,
/// predicate, achievement)` pairs, or dicts with `employee`, `predicate` and optional
/// `achievement`. Achievements only order employees, so floats are accepted (shortest repr).
fn entries_of(obj: &Bound<'_, PyAny>, field: &str) -> PyResult<Vec<Entry>> {
    let mut out = Vec::new();
    for (i, item) in rows_of(obj, field)?.iter().enumerate() {
        let name = format!("{field}[{i}]");
        if let Ok(ev) = item.cast::<PyEvaluation>() {
            let e = &ev.get().0;
            out.push(Entry {
                id: e.employee.clone(),
                predicate: e.predicate,
                achievement: e.weighted_achievement,
            });
            continue;
        }
        let (id, pred, ach) = if let Ok(d) = item.cast::<PyDict>() {
            let id = d
                .get_item("employee")?
                .or(d.get_item("id")?)
                .ok_or_else(|| row_error(&name, i, "a roster dict needs `employee` and `predicate`"))?;
            let pred = d
                .get_item("predicate")?
                .ok_or_else(|| row_error(&name, i, "a roster dict needs `employee` and `predicate`"))?;
            (id, pred, d.get_item("achievement")?)
        } else if item.is_instance_of::<PyTuple>() || item.is_instance_of::<PyList>() {
            let parts: Vec<Bound<'_, PyAny>> = item.try_iter()?.collect::<PyResult<_>>()?;
            match parts.as_slice() {
                [a, b] => (a.clone(), b.clone(), None),
                [a, b, c] => (a.clone(), b.clone(), Some(c.clone())),
                _ => {
                    return Err(row_error(
                        &name,
                        i,
                        format!("expected (employee, predicate[, achievement]), got {} items", parts.len()),
                    ));
                }
            }
        } else if item.is_instance_of::<pyo3::exceptions::PyBaseException>() {
            return Err(row_error(
                &name,
                i,
                format!("is an error ({}), not an evaluation; filter errors out first", item.str()?),
            ));
        } else {
            return Err(row_error(
                &name,
                i,
                format!(
                    "expected an Evaluation, an (employee, predicate) pair or a dict, got {}",
                    item.get_type().name()?
                ),
            ));
        };
        let id = employee_id(&id, &name, i)?;
        let predicate =
            to_enum::<Predicate>(&pred, &format!("{name}.predicate")).map_err(|e| relocate(e, i, &id))?;
        let achievement = match ach {
            Some(a) if !a.is_none() => Some(to_decimal(&a, &format!("{name}.achievement"), true)?),
            _ => None,
        };
        out.push(Entry { id, predicate, achievement });
    }
    Ok(out)
}

/// Adds the row and employee to an `InputError` raised while reading a roster entry.
fn relocate(err: PyErr, row: usize, employee: &str) -> PyErr {
    Python::attach(|py| {
        let v = err.value(py);
        let _ = v.setattr("row", row);
        let _ = v.setattr("employee", employee);
    });
    err
}

fn evaluations_of(obj: Option<&Bound<'_, PyAny>>) -> PyResult<Option<BTreeMap<String, Evaluation>>> {
    let Some(obj) = obj.filter(|o| !o.is_none()) else { return Ok(None) };
    let items: Vec<Bound<'_, PyAny>> = if let Ok(d) = obj.cast::<PyDict>() {
        d.values().iter().collect()
    } else {
        obj.try_iter()?.collect::<PyResult<_>>()?
    };
    let mut map = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        let Ok(ev) = item.cast::<PyEvaluation>() else {
            return Err(row_error(
                &format!("evaluations[{i}]"),
                i,
                format!("expected an Evaluation, got {} ({})", item.get_type().name()?, item.str()?),
            ));
        };
        let e = &ev.get().0;
        if map.insert(e.employee.clone(), (**e).clone()).is_some() {
            return Err(kj(Error::Duplicate {
                at: Location::employee(&e.employee).with_row(i as u64),
                kind: "evaluation".into(),
                id: e.employee.clone(),
            }));
        }
    }
    Ok(Some(map))
}

fn plans_of(obj: &Bound<'_, PyAny>) -> PyResult<Vec<Plan>> {
    if obj.is_instance_of::<PyString>() || obj.is_instance_of::<PyDict>() {
        return Err(input_error("plans", "expected a list of plans (Plan objects, dicts or JSON text)"));
    }
    let mut out = Vec::new();
    for p in obj.try_iter()? {
        out.push((*to_plan(&p?)?).clone());
    }
    Ok(out)
}

fn structure_and_unit<'a>(
    structure: Option<&'a PyOrgStructure>,
    unit: Option<&'a str>,
) -> PyResult<Option<(&'a OrgStructure, &'a str)>> {
    match (structure, unit) {
        (Some(s), Some(u)) => Ok(Some((&s.0, u))),
        (None, Some(u)) => Err(input_error("structure", format!("unit `{u}` given without a structure"))),
        _ => Ok(None),
    }
}

fn check_members(structure: &OrgStructure, ids: impl Iterator<Item = String>) -> PyResult<()> {
    for id in ids {
        if structure.employee(&id).is_none() {
            return Err(kj(Error::Unknown { at: Location::employee(&id), kind: "employee".into(), id }));
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// OrgStructure

/// A validated organisation: units in a tree, unit goals (IKU) and employees.
#[pyclass(module = "kinerja._kinerja", name = "OrgStructure", frozen)]
#[derive(Clone)]
pub struct PyOrgStructure(pub Arc<OrgStructure>);

fn unit_dict<'py>(py: Python<'py>, u: &OrgUnit) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &u.id)?;
    d.set_item("name", &u.name)?;
    d.set_item("parent", u.parent.as_deref())?;
    d.set_item("head", u.head.as_deref())?;
    Ok(d)
}

fn goal_dict<'py>(py: Python<'py>, g: &UnitGoal) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("id", &g.id)?;
    d.set_item("unit", &g.unit)?;
    d.set_item("name", &g.name)?;
    d.set_item("target", target_to_py(py, &g.target)?)?;
    d.set_item("polarity", g.polarity.value())?;
    d.set_item("weight", g.weight)?;
    d.set_item("actual", g.actual)?;
    Ok(d)
}

impl PyOrgStructure {
    fn build(units: Vec<OrgUnit>, goals: Vec<UnitGoal>, employees: Vec<Employee>) -> PyResult<Self> {
        Ok(PyOrgStructure(Arc::new(OrgStructure::new(units, goals, employees).py()?)))
    }

    fn html(&self, lang: Lang) -> String {
        kinerja_core::document::org_structure_html(&self.0, lang)
    }
}

#[pymethods]
impl PyOrgStructure {
    /// `OrgStructure(units, goals=None, employees=None)`: each a list of dicts (or a pandas /
    /// polars / pyarrow table). Units: `id`, `name`, `parent`, `head`; goals: `id`, `unit`,
    /// `name`, `target`, `polarity`, `weight`, `actual`; employees: `Employee` objects, `Plan`
    /// objects (their employee) or dicts (`id`, `name`, `unit`, `post_type`,
    /// `functional_grade`, `unit_head`, `position`). Validated: duplicates, unknown parents or
    /// units, cycles and two heads raise located errors.
    #[new]
    #[pyo3(signature = (units = None, goals = None, employees = None, *, allow_float = false))]
    fn py_new(
        units: Option<&Bound<'_, PyAny>>,
        goals: Option<&Bound<'_, PyAny>>,
        employees: Option<&Bound<'_, PyAny>>,
        allow_float: bool,
    ) -> PyResult<Self> {
        let units: Vec<OrgUnit> = parse_rows(units, "units", "unit", allow_float)?;
        let goals: Vec<UnitGoal> = parse_rows(goals, "goals", "unit goal", allow_float)?;
        let employees: Vec<Employee> = parse_rows(employees, "employees", "employee", allow_float)?;
        Self::build(units, goals, employees)
    }
    /// Builds from tables (pandas, polars, pyarrow) or lists of dicts; float columns are read
    /// through each value's shortest repr and NaN means missing.
    #[classmethod]
    #[pyo3(signature = (units, goals = None, employees = None))]
    fn from_frames<'py>(
        _cls: &Bound<'py, PyType>,
        py: Python<'py>,
        units: &Bound<'py, PyAny>,
        goals: Option<&Bound<'py, PyAny>>,
        employees: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        helper(py, "structure_from_frames")?.call1((units, goals, employees))
    }
    /// Builds from a dict `{"units": [...], "goals": [...], "employees": [...]}`.
    #[classmethod]
    #[pyo3(signature = (data, *, allow_float = false))]
    fn from_dict(_cls: &Bound<'_, PyType>, data: &Bound<'_, PyAny>, allow_float: bool) -> PyResult<Self> {
        let v = py_to_json(data, "organisation", allow_float)?;
        let input: OrgInput = serde_json::from_value(v).map_err(|e| serde_error("organisation", &e))?;
        Ok(PyOrgStructure(Arc::new(OrgStructure::from_input(input).py()?)))
    }
    /// Builds from JSON text `{"units": [...], "goals": [...], "employees": [...]}`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PyOrgStructure(Arc::new(OrgStructure::from_json(text).py()?)))
    }
    /// The JSON form as a dict (exact numbers as strings).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &self.0.to_input(), "organisation")
    }
    /// The JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&self.0.to_input(), "organisation")
    }
    /// The units as dicts, in input order.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for u in self.0.units() {
            l.append(unit_dict(py, u)?)?;
        }
        Ok(l)
    }
    /// The unit goals as dicts (numbers as `Decimal`), in input order.
    #[getter]
    fn goals<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for g in self.0.goals() {
            l.append(goal_dict(py, g)?)?;
        }
        Ok(l)
    }
    /// The employees, in input order.
    #[getter]
    fn employees(&self) -> Vec<PyEmployee> {
        self.0.employees().iter().map(|e| PyEmployee(Arc::new(e.clone()))).collect()
    }
    /// The unit with this id as a dict, or None.
    fn unit<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.0.unit(id).map(|u| unit_dict(py, u)).transpose()
    }
    /// The goal with this id as a dict, or None.
    fn goal<'py>(&self, py: Python<'py>, id: &str) -> PyResult<Option<Bound<'py, PyDict>>> {
        self.0.goal(id).map(|g| goal_dict(py, g)).transpose()
    }
    /// The employee with this id, or None.
    fn employee(&self, id: &str) -> Option<PyEmployee> {
        self.0.employee(id).map(|e| PyEmployee(Arc::new(e.clone())))
    }
    /// The root units (no parent), in input order.
    fn roots(&self) -> Vec<String> {
        self.0.roots().into_iter().map(String::from).collect()
    }
    /// Unit ids breadth-first: every parent before its children.
    fn breadth_first(&self) -> Vec<String> {
        self.0.breadth_first().into_iter().map(String::from).collect()
    }
    /// The parent's id (None for a root).
    fn parent(&self, unit: &str) -> PyResult<Option<String>> {
        Ok(self.0.parent(unit).py()?.map(String::from))
    }
    /// The direct children, in input order.
    fn children(&self, unit: &str) -> PyResult<Vec<String>> {
        Ok(self.0.children(unit).py()?.into_iter().map(String::from).collect())
    }
    /// The ancestors, nearest first.
    fn ancestors(&self, unit: &str) -> PyResult<Vec<String>> {
        Ok(self.0.ancestors(unit).py()?.into_iter().map(String::from).collect())
    }
    /// All descendants, breadth-first.
    fn descendants(&self, unit: &str) -> PyResult<Vec<String>> {
        Ok(self.0.descendants(unit).py()?.into_iter().map(String::from).collect())
    }
    /// Depth in the tree (a root has depth 0).
    fn depth(&self, unit: &str) -> PyResult<usize> {
        self.0.depth(unit).py()
    }
    /// True when `ancestor` is `unit` itself or one of its ancestors.
    fn is_ancestor_or_self(&self, ancestor: &str, unit: &str) -> PyResult<bool> {
        self.0.is_ancestor_or_self(ancestor, unit).py()
    }
    /// The head's employee id, or None.
    fn head(&self, unit: &str) -> PyResult<Option<String>> {
        Ok(self.0.head(unit).py()?.map(String::from))
    }
    /// True when the employee heads a unit.
    fn is_head(&self, employee: &str) -> bool {
        self.0.is_head(employee)
    }
    /// The employees of the unit (not of its sub-units).
    fn employees_of(&self, unit: &str) -> PyResult<Vec<PyEmployee>> {
        Ok(self.0.employees_of(unit).py()?.into_iter().map(|e| PyEmployee(Arc::new(e.clone()))).collect())
    }
    /// The unit's own goals as dicts.
    fn goals_of<'py>(&self, py: Python<'py>, unit: &str) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for g in self.0.goals_of(unit).py()? {
            l.append(goal_dict(py, g)?)?;
        }
        Ok(l)
    }
    /// HTML in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.html(to_lang(lang)?))
    }
    fn _repr_html_(&self) -> String {
        kinerja_core::document::display_html(&self.html(display_lang_value()))
    }
    fn __len__(&self) -> usize {
        self.0.units().len()
    }
    fn __contains__(&self, unit: &str) -> bool {
        self.0.unit(unit).is_some()
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyOrgStructure>().map(|o| o.get().0.to_input() == self.0.to_input()).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let roots = self.0.roots();
        format!(
            "OrgStructure(units={}, goals={}, employees={}, roots={:?})",
            self.0.units().len(),
            self.0.goals().len(),
            self.0.employees().len(),
            roots.iter().take(5).collect::<Vec<_>>()
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyOrgStructure>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

// ---------------------------------------------------------------------------------------------
// Alignment

/// The cascading-alignment report: coverage per unit and for the whole organisation, the
/// problems found and the contribution tree.
#[pyclass(module = "kinerja._kinerja", name = "AlignmentReport", frozen)]
#[derive(Clone)]
pub struct PyAlignmentReport(pub Arc<AlignmentReport>);

fn unit_alignment_dict<'py>(py: Python<'py>, u: &UnitAlignment) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("unit", &u.unit)?;
    d.set_item("primary_rhk", u.primary_rhk)?;
    d.set_item("aligned_rhk", u.aligned_rhk)?;
    d.set_item("rhk_coverage", u.rhk_coverage)?;
    d.set_item("goals", u.goals)?;
    d.set_item("supported_goals", u.supported_goals)?;
    d.set_item("goal_coverage", u.goal_coverage)?;
    d.set_item("problems", u.problems)?;
    Ok(d)
}

impl PyAlignmentReport {
    fn html(&self, lang: Lang) -> String {
        kinerja_core::document::alignment_html(&self.0, lang)
    }
}

#[pymethods]
impl PyAlignmentReport {
    /// Per unit (breadth-first): `unit`, `primary_rhk`, `aligned_rhk`, `rhk_coverage`,
    /// `goals`, `supported_goals`, `goal_coverage` (percent, `Decimal` or None), `problems`.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for u in &self.0.units {
            l.append(unit_alignment_dict(py, u)?)?;
        }
        Ok(l)
    }
    /// The whole organisation (unit `"*"`), same keys as `units`.
    #[getter]
    fn organisation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        unit_alignment_dict(py, &self.0.organisation)
    }
    /// Primary-RHK coverage of the whole organisation (percent), None without primary RHKs.
    #[getter]
    fn rhk_coverage(&self) -> Option<Decimal> {
        self.0.organisation.rhk_coverage
    }
    /// Goal coverage of the whole organisation (percent), None without goals.
    #[getter]
    fn goal_coverage(&self) -> Option<Decimal> {
        self.0.organisation.goal_coverage
    }
    /// True when no problem was found.
    #[getter]
    fn ok(&self) -> bool {
        self.0.problems.is_empty()
    }
    /// The problems: `kind` (`orphan_primary`, `unknown_target`, `ambiguous_target`,
    /// `cross_unit`, `cycle`, `unsupported_rhk`, `unsupported_goal`), `unit`, `employee`,
    /// `item`, `target`, `message` (Indonesian) and `message_en`.
    #[getter]
    fn problems<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for p in &self.0.problems {
            let d = PyDict::new(py);
            d.set_item("kind", snake(&p.kind))?;
            d.set_item("unit", &p.unit)?;
            d.set_item("employee", p.employee.as_deref())?;
            d.set_item("item", &p.item)?;
            d.set_item("target", p.target.as_deref())?;
            d.set_item("message", &p.message.id)?;
            d.set_item("message_en", &p.message.en)?;
            l.append(d)?;
        }
        Ok(l)
    }
    /// The contribution tree's nodes: `kind` (`goal` or `rhk`), `id`, `unit`, `employee`,
    /// `name`, `result_kind`, `cascade`, `achievement`, `predicate`, `parent` and `children`
    /// (indexes into this list), `depth`, `problems` (kinds).
    #[getter]
    fn nodes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for n in &self.0.nodes {
            let d = PyDict::new(py);
            d.set_item("kind", snake(&n.kind))?;
            d.set_item("id", &n.id)?;
            d.set_item("unit", &n.unit)?;
            d.set_item("employee", n.employee.as_deref())?;
            d.set_item("name", &n.name)?;
            d.set_item("result_kind", n.result_kind.map(|k| k.value()))?;
            d.set_item("cascade", n.cascade.map(|k| k.value()))?;
            d.set_item("achievement", n.achievement)?;
            d.set_item("predicate", n.predicate.map(|k| k.value()))?;
            d.set_item("parent", n.parent)?;
            d.set_item("children", n.children.clone())?;
            d.set_item("depth", n.depth)?;
            d.set_item("problems", n.problems.iter().map(snake).collect::<Vec<_>>())?;
            l.append(d)?;
        }
        Ok(l)
    }
    /// Indexes of the tree's roots (goals, then RHKs linked to nothing).
    #[getter]
    fn roots(&self) -> Vec<usize> {
        self.0.roots.clone()
    }
    /// The report as text: coverage, the contribution tree and the problems, in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn text(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.contribution_text(to_lang(lang)?))
    }
    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &*self.0, "alignment report")
    }
    /// JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&*self.0, "alignment report")
    }
    /// Restores a report from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PyAlignmentReport(Arc::new(from_json_text(text, "alignment report")?)))
    }
    /// HTML in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.html(to_lang(lang)?))
    }
    fn _repr_html_(&self) -> String {
        kinerja_core::document::display_html(&self.html(display_lang_value()))
    }
    fn __str__(&self) -> String {
        self.0.contribution_text(Lang::Id)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyAlignmentReport>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let o = &self.0.organisation;
        format!(
            "AlignmentReport(units={}, primary_rhk={}, aligned_rhk={}, rhk_coverage={}, goals={}, supported_goals={}, goal_coverage={}, problems={})",
            self.0.units.len(),
            o.primary_rhk,
            o.aligned_rhk,
            dec_repr(o.rhk_coverage),
            o.goals,
            o.supported_goals,
            dec_repr(o.goal_coverage),
            self.0.problems.len()
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyAlignmentReport>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// Checks the cascading of `plans` against the structure: every primary RHK should support a
/// superior's RHK or a unit goal (`parent`, written `goal-id`, `rhk-id` or `employee/rhk-id`).
/// `evaluations` (a list or a dict of `Evaluation`) add achievements and predicates to the
/// contribution tree.
#[pyfunction]
#[pyo3(signature = (structure, plans, evaluations = None, rules = None))]
pub fn align(
    py: Python<'_>,
    structure: PyRef<'_, PyOrgStructure>,
    plans: &Bound<'_, PyAny>,
    evaluations: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
) -> PyResult<PyAlignmentReport> {
    let plans = plans_of(plans)?;
    let evals = evaluations_of(evaluations)?;
    let rules = rules_or_default(rules.as_deref())?;
    let s = structure.0.clone();
    let r = py.detach(|| core_align(&s, &plans, evals.as_ref(), &rules.policy)).py()?;
    Ok(PyAlignmentReport(Arc::new(r)))
}

// ---------------------------------------------------------------------------------------------
// Organisational performance

/// IKU achievement per unit, rolled up the tree, and the organisational predicate (given or
/// advised by local-policy bands).
#[pyclass(module = "kinerja._kinerja", name = "OrgPerformance", frozen)]
#[derive(Clone)]
pub struct PyOrgPerformance(pub Arc<OrgPerformance>);

fn unit_perf_dict<'py>(py: Python<'py>, u: &UnitPerformance) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("unit", &u.unit)?;
    let goals = PyList::empty(py);
    for g in &u.goals {
        let gd = PyDict::new(py);
        gd.set_item("goal", &g.goal)?;
        gd.set_item("achievement", g.achievement)?;
        gd.set_item("achievement_raw", g.achievement_raw)?;
        gd.set_item("weight", g.weight)?;
        goals.append(gd)?;
    }
    d.set_item("goals", goals)?;
    d.set_item("excluded_goals", u.excluded_goals.clone())?;
    d.set_item("own_raw", u.own_raw)?;
    d.set_item("value_raw", u.value_raw)?;
    d.set_item("value", u.value)?;
    d.set_item("given_predicate", u.given_predicate.map(CoreEnum::to_py))?;
    d.set_item("advised_predicate", u.advised_predicate.map(CoreEnum::to_py))?;
    d.set_item("predicate", u.predicate.map(CoreEnum::to_py))?;
    Ok(d)
}

impl PyOrgPerformance {
    fn get(&self, unit: &str) -> PyResult<&UnitPerformance> {
        self.0.unit(unit).ok_or_else(|| {
            kj(Error::Unknown { at: Location::unit(unit), kind: "unit".into(), id: unit.to_string() })
        })
    }

    fn html(&self, lang: Lang) -> String {
        kinerja_core::document::org_performance_html(&self.0, lang)
    }
}

#[pymethods]
impl PyOrgPerformance {
    /// Per unit (breadth-first) as dicts: `unit`, `goals` (each `goal`, `achievement`,
    /// `achievement_raw`, `weight`), `excluded_goals`, `own_raw`, `value_raw`, `value`,
    /// `given_predicate`, `advised_predicate`, `predicate`.
    #[getter]
    fn units<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for u in &self.0.units {
            l.append(unit_perf_dict(py, u)?)?;
        }
        Ok(l)
    }
    /// One unit's dict (unknown unit: `InputError`).
    fn unit<'py>(&self, py: Python<'py>, unit: &str) -> PyResult<Bound<'py, PyDict>> {
        unit_perf_dict(py, self.get(unit)?)
    }
    /// The rounded IKU value per unit (None when the unit has no value).
    #[getter]
    fn values<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for u in &self.0.units {
            d.set_item(&u.unit, u.value)?;
        }
        Ok(d)
    }
    /// The organisational predicate per unit, for the units that have one.
    #[getter]
    fn predicates<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for u in &self.0.units {
            if let Some(p) = u.predicate {
                d.set_item(&u.unit, p.to_py())?;
            }
        }
        Ok(d)
    }
    /// A unit's explanation.
    fn trace(&self, unit: &str) -> PyResult<PyTrace> {
        Ok(PyTrace(Arc::new(self.get(unit)?.trace.clone())))
    }
    /// The explanation of one unit, or of every unit, as text in `lang`.
    #[pyo3(signature = (unit = None, lang = "id"))]
    fn explain(&self, unit: Option<&str>, lang: &str) -> PyResult<String> {
        let l = to_lang(lang)?;
        match unit {
            Some(u) => Ok(self.get(u)?.trace.to_text(l)),
            None => Ok(self.0.units.iter().map(|u| u.trace.to_text(l)).collect::<Vec<_>>().join("\n")),
        }
    }
    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &*self.0, "organisational performance")
    }
    /// JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&*self.0, "organisational performance")
    }
    /// Restores from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PyOrgPerformance(Arc::new(from_json_text(text, "organisational performance")?)))
    }
    /// HTML in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.html(to_lang(lang)?))
    }
    fn _repr_html_(&self) -> String {
        kinerja_core::document::display_html(&self.html(display_lang_value()))
    }
    fn __len__(&self) -> usize {
        self.0.units.len()
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyOrgPerformance>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let parts: Vec<String> = self
            .0
            .units
            .iter()
            .take(8)
            .map(|u| {
                format!(
                    "{}: {}{}",
                    u.unit,
                    u.value.map_or_else(|| "None".to_string(), |v| v.to_string()),
                    u.predicate.map(|p| format!(" ({})", p.value())).unwrap_or_default()
                )
            })
            .collect();
        let more = if self.0.units.len() > 8 { ", …" } else { "" };
        format!("OrgPerformance({}{more})", parts.join(", "))
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyOrgPerformance>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// IKU achievement per unit and its roll-up over the tree; `org_predicates` maps unit ids to
/// the organisational predicates set by the superior (they override any advice).
#[pyfunction]
#[pyo3(signature = (structure, org_predicates = None, rules = None))]
pub fn unit_performance(
    py: Python<'_>,
    structure: PyRef<'_, PyOrgStructure>,
    org_predicates: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
) -> PyResult<PyOrgPerformance> {
    let mut given = BTreeMap::new();
    if let Some(m) = org_predicates.filter(|o| !o.is_none()) {
        let items = m.call_method0("items").map_err(|_| {
            input_error("org_predicates", "expected a mapping of unit id to organisational predicate")
        })?;
        for kv in items.try_iter()? {
            let (k, v): (Bound<'_, PyAny>, Bound<'_, PyAny>) = kv?.extract()?;
            let unit: String = k.str()?.to_string();
            let p = to_enum::<OrgPredicate>(&v, &format!("org_predicates[{unit}]"))?;
            given.insert(unit, p);
        }
    }
    let rules = rules_or_default(rules.as_deref())?;
    let s = structure.0.clone();
    let r = py.detach(|| core_unit_performance(&s, &given, &rules.policy)).py()?;
    Ok(PyOrgPerformance(Arc::new(r)))
}

// ---------------------------------------------------------------------------------------------
// SAKIP

/// The SAKIP evaluation (PermenPANRB 88/2021): sub-component scores, component totals, the
/// total and the predicate AA…D.
#[pyclass(module = "kinerja._kinerja", name = "SakipResult", frozen)]
#[derive(Clone)]
pub struct PySakipResult(pub Arc<SakipResult>);

impl PySakipResult {
    fn html(&self, lang: Lang) -> String {
        kinerja_core::document::sakip_html(&self.0, lang)
    }
}

#[pymethods]
impl PySakipResult {
    /// The total (0–100), rounded by the policy.
    #[getter]
    fn total(&self) -> Decimal {
        self.0.total
    }
    /// The total before rounding.
    #[getter]
    fn total_raw(&self) -> Decimal {
        self.0.total_raw
    }
    /// The predicate's value (`"aa"`, `"a"`, `"bb"`, `"b"`, `"cc"`, `"c"`, `"d"`).
    #[getter]
    fn predicate(&self) -> &'static str {
        self.0.predicate.value()
    }
    /// The predicate's label in `lang`, e.g. `"AA (Sangat Memuaskan)"`.
    #[pyo3(signature = (lang = "id"))]
    fn predicate_label(&self, lang: &str) -> PyResult<&'static str> {
        Ok(self.0.predicate.label(to_lang(lang)?))
    }
    /// Component totals (full precision) by component value.
    #[getter]
    fn components<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (c, v) in &self.0.components {
            d.set_item(c.value(), *v)?;
        }
        Ok(d)
    }
    /// The 12 sub-component scores as dicts: `component`, `sub_component`, `weight`, `mean`,
    /// `score`.
    #[getter]
    fn sub_scores<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for s in &self.0.sub_scores {
            let d = PyDict::new(py);
            d.set_item("component", s.component.value())?;
            d.set_item("sub_component", s.sub_component.value())?;
            d.set_item("weight", s.weight)?;
            d.set_item("mean", s.mean)?;
            d.set_item("score", s.score)?;
            l.append(d)?;
        }
        Ok(l)
    }
    /// How it was reached.
    #[getter]
    fn trace(&self) -> PyTrace {
        PyTrace(Arc::new(self.0.trace.clone()))
    }
    /// The explanation as text in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn explain(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.trace.to_text(to_lang(lang)?))
    }
    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &*self.0, "SAKIP result")
    }
    /// JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&*self.0, "SAKIP result")
    }
    /// Restores from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PySakipResult(Arc::new(from_json_text(text, "SAKIP result")?)))
    }
    /// HTML in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.html(to_lang(lang)?))
    }
    fn _repr_html_(&self) -> String {
        kinerja_core::document::display_html(&self.html(display_lang_value()))
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PySakipResult>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        format!("SakipResult(total=Decimal('{}'), predicate='{}')", self.0.total, self.0.predicate.value())
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PySakipResult>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// Scores a graded SAKIP evaluation sheet (PermenPANRB 88/2021): `criteria` is a list of dicts
/// `{"id", "component", "sub_component", "grade"}` (or a dict with a `criteria` list); every
/// one of the 12 sub-components needs at least one criterion. The total is rounded by the
/// policy's reported rounding.
#[pyfunction]
#[pyo3(signature = (criteria, rules = None))]
pub fn sakip(criteria: &Bound<'_, PyAny>, rules: Option<RulesArg>) -> PyResult<PySakipResult> {
    let v = py_to_json(criteria, "sakip", false)?;
    let v = match v {
        Value::Array(_) => serde_json::json!({ "criteria": v }),
        other => other,
    };
    let input: SakipInput = serde_json::from_value(v).map_err(|e| serde_error("SAKIP criteria", &e))?;
    let rules = rules_or_default(rules.as_deref())?;
    Ok(PySakipResult(Arc::new(sakip_evaluation(&input, rules.policy.rounding.reported).py()?)))
}

/// The SAKIP predicate's value for a total on 0–100 (intervals open on the left: 90.00 → `"a"`,
/// 90.01 → `"aa"`).
#[pyfunction]
pub fn sakip_predicate(total: &Bound<'_, PyAny>) -> PyResult<&'static str> {
    let t = to_decimal(total, "sakip.total", false)?;
    Ok(kinerja_core::org::sakip_predicate(t).py()?.value())
}

/// Sums named components exactly and rounds once (docs/legal/permenpanrb-88-2021.md, TV-30): `parts` is a list of
/// `(name, value)` pairs or a dict. Returns a dict: `parts` (each `(name, rounded value)` for
/// display), `total_raw`, `total` (rounded once by the policy's reported rounding) and
/// `displayed_sum` (the sum of the displayed parts, which may differ from `total`).
#[pyfunction]
#[pyo3(signature = (parts, rules = None))]
pub fn component_total<'py>(
    py: Python<'py>,
    parts: &Bound<'py, PyAny>,
    rules: Option<RulesArg>,
) -> PyResult<Bound<'py, PyDict>> {
    let items: Vec<Bound<'py, PyAny>> = match parts.cast::<PyDict>() {
        Ok(d) => d.items().iter().collect(),
        Err(_) => rows_of(parts, "parts")?,
    };
    let mut list = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let name = format!("parts[{i}]");
        let (k, v): (Bound<'py, PyAny>, Bound<'py, PyAny>) =
            item.extract().map_err(|_| row_error(&name, i, "expected a (name, value) pair"))?;
        list.push((k.str()?.to_string(), to_decimal(&v, &name, false)?));
    }
    let rules = rules_or_default(rules.as_deref())?;
    let t = kinerja_core::org::rollup::component_total(&list, rules.policy.rounding.reported).py()?;
    let d = PyDict::new(py);
    d.set_item("parts", t.parts)?;
    d.set_item("total_raw", t.total_raw)?;
    d.set_item("total", t.total)?;
    d.set_item("displayed_sum", t.displayed_sum)?;
    Ok(d)
}

// ---------------------------------------------------------------------------------------------
// Distribution curve

/// One constraint of the distribution curve, evaluated on a roster.
#[pyclass(module = "kinerja._kinerja", name = "Constraint", frozen)]
#[derive(Clone)]
pub struct PyConstraint(pub Arc<Constraint>);

fn constraint_dict<'py>(py: Python<'py>, c: &Constraint, lang: Lang) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("rule", snake(&c.rule))?;
    d.set_item("predicates", c.predicates.iter().map(|p| p.value()).collect::<Vec<_>>())?;
    d.set_item("percent", c.percent)?;
    d.set_item("headcount", c.headcount)?;
    d.set_item("bound", c.bound)?;
    d.set_item("allowed", allowed(c))?;
    d.set_item("required", required(c))?;
    d.set_item("actual", c.actual)?;
    d.set_item("satisfied", c.satisfied)?;
    d.set_item("description", c.description.get(lang))?;
    d.set_item("source", &c.source.reference)?;
    d.set_item("rounding", c.rounding.as_ref().map(|r| r.reference.clone()))?;
    Ok(d)
}

fn allowed(c: &Constraint) -> Option<u64> {
    matches!(c.rule, ConstraintRule::Max | ConstraintRule::NoneAllowed).then_some(c.bound)
}

fn required(c: &Constraint) -> Option<u64> {
    matches!(c.rule, ConstraintRule::Min | ConstraintRule::AtLeastOne).then_some(c.bound)
}

#[pymethods]
impl PyConstraint {
    /// `max`, `min`, `at_least_one` or `none_allowed`.
    #[getter]
    fn rule(&self) -> String {
        snake(&self.0.rule)
    }
    /// The predicates counted together.
    #[getter]
    fn predicates(&self) -> Vec<PyPredicate> {
        self.0.predicates.iter().map(|p| p.to_py()).collect()
    }
    /// The share in percent (`max` and `min` only).
    #[getter]
    fn percent(&self) -> Option<Decimal> {
        self.0.percent
    }
    /// The counted headcount.
    #[getter]
    fn headcount(&self) -> u64 {
        self.0.headcount
    }
    /// The allowed count (`max`, `none_allowed`) or the required count (`min`,
    /// `at_least_one`).
    #[getter]
    fn bound(&self) -> u64 {
        self.0.bound
    }
    /// The allowed count, for `max` and `none_allowed` (else None).
    #[getter]
    fn allowed(&self) -> Option<u64> {
        allowed(&self.0)
    }
    /// The required count, for `min` and `at_least_one` (else None).
    #[getter]
    fn required(&self) -> Option<u64> {
        required(&self.0)
    }
    /// The actual count.
    #[getter]
    fn actual(&self) -> u64 {
        self.0.actual
    }
    /// Whether the roster meets it.
    #[getter]
    fn satisfied(&self) -> bool {
        self.0.satisfied
    }
    /// Legal source of the rule.
    #[getter]
    fn source(&self) -> &str {
        &self.0.source.reference
    }
    /// The policy field the rounding of the share comes from, if rounded.
    #[getter]
    fn rounding(&self) -> Option<&str> {
        self.0.rounding.as_ref().map(|r| r.reference.as_str())
    }
    /// The rule in words, in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn description(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.description.get(to_lang(lang)?).to_string())
    }
    /// As a dict (description in `lang`).
    #[pyo3(signature = (lang = "id"))]
    fn to_dict<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyDict>> {
        constraint_dict(py, &self.0, to_lang(lang)?)
    }
    /// JSON text (both languages).
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&*self.0, "constraint")
    }
    /// Restores from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PyConstraint(Arc::new(from_json_text(text, "constraint")?)))
    }
    fn __bool__(&self) -> bool {
        self.0.satisfied
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyConstraint>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let preds: Vec<&str> = self.0.predicates.iter().map(|p| p.value()).collect();
        format!(
            "Constraint(rule='{}', predicates={:?}, headcount={}, bound={}, actual={}, satisfied={})",
            snake(&self.0.rule),
            preds,
            self.0.headcount,
            self.0.bound,
            self.0.actual,
            if self.0.satisfied { "True" } else { "False" }
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyConstraint>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// The check of a roster against the distribution curve (SE MenPANRB 3/2023).
#[pyclass(module = "kinerja._kinerja", name = "DistributionReport", frozen)]
#[derive(Clone)]
pub struct PyDistributionReport(pub Arc<DistributionReport>);

#[pymethods]
impl PyDistributionReport {
    /// The unit's organisational predicate.
    #[getter]
    fn org_predicate(&self) -> PyOrgPredicate {
        self.0.org_predicate.to_py()
    }
    /// Counted employees.
    #[getter]
    fn headcount(&self) -> u64 {
        self.0.headcount
    }
    /// Count per predicate value (`"very_poor"` … `"very_good"`, zeros included).
    #[getter]
    fn counts<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (p, n) in &self.0.counts {
            d.set_item(p.value(), *n)?;
        }
        Ok(d)
    }
    /// Every constraint of the curve's row, in table order.
    #[getter]
    fn constraints(&self) -> Vec<PyConstraint> {
        self.0.constraints.iter().map(|c| PyConstraint(Arc::new(c.clone()))).collect()
    }
    /// The constraints that are not met.
    #[getter]
    fn violations(&self) -> Vec<PyConstraint> {
        self.0.violations().map(|c| PyConstraint(Arc::new(c.clone()))).collect()
    }
    /// True when every constraint is met.
    #[getter]
    fn passed(&self) -> bool {
        self.0.passed
    }
    /// Employees left out of the count, as dicts `employee`, `reason` (Indonesian), `reason_en`.
    #[getter]
    fn excluded<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for (e, why) in &self.0.excluded {
            let d = PyDict::new(py);
            d.set_item("employee", e)?;
            d.set_item("reason", &why.id)?;
            d.set_item("reason_en", &why.en)?;
            l.append(d)?;
        }
        Ok(l)
    }
    /// `(low, high)` allowed count per predicate value from the single-predicate constraints
    /// (`(0, headcount)` when unconstrained); constraints over several predicates together
    /// (e.g. "at least one Butuh Perbaikan or Kurang") are in `constraints`.
    fn bands<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for (p, lo, hi) in self.0.allowed_counts() {
            d.set_item(p.value(), (lo, hi))?;
        }
        Ok(d)
    }
    /// How it was reached.
    #[getter]
    fn trace(&self) -> PyTrace {
        PyTrace(Arc::new(self.0.trace.clone()))
    }
    /// The explanation in `lang` (`"id"`, `"en"`) and `format` (`"text"`, `"markdown"`,
    /// `"json"`).
    #[pyo3(signature = (lang = "id", format = "text"))]
    fn explain(&self, lang: &str, format: &str) -> PyResult<String> {
        let l = to_lang(lang)?;
        match format {
            "text" => Ok(self.0.explain(l)),
            "markdown" | "md" => Ok(self.0.trace.to_markdown(l)),
            "json" => Ok(self.0.trace.to_json(l)),
            other => Err(input_error(
                "format",
                format!("`{other}` is not a format; accepted: text, markdown, json"),
            )),
        }
    }
    /// One dict per constraint (description in `lang`), for a DataFrame.
    #[pyo3(signature = (lang = "id"))]
    fn to_records<'py>(&self, py: Python<'py>, lang: &str) -> PyResult<Bound<'py, PyList>> {
        let l = to_lang(lang)?;
        let out = PyList::empty(py);
        for c in &self.0.constraints {
            out.append(constraint_dict(py, c, l)?)?;
        }
        Ok(out)
    }
    /// The constraints as a pandas DataFrame (needs pandas).
    #[pyo3(signature = (lang = "id"))]
    fn to_frame<'py>(slf: &Bound<'py, Self>, lang: &str) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "distribution_frame")?.call1((slf, lang))
    }
    /// A matplotlib chart of the actual count per predicate against the allowed band (needs
    /// matplotlib); returns the `Axes`.
    #[pyo3(signature = (ax = None, lang = "id"))]
    fn plot<'py>(
        slf: &Bound<'py, Self>,
        ax: Option<Bound<'py, PyAny>>,
        lang: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        helper(slf.py(), "plot_distribution")?.call1((slf, ax, lang))
    }
    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &*self.0, "distribution report")
    }
    /// JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&*self.0, "distribution report")
    }
    /// Restores from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PyDistributionReport(Arc::new(from_json_text(text, "distribution report")?)))
    }
    /// HTML in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(kinerja_core::document::distribution_html(&self.0, to_lang(lang)?))
    }
    fn _repr_html_(&self) -> String {
        kinerja_core::document::display_html(&kinerja_core::document::distribution_html(
            &self.0,
            display_lang_value(),
        ))
    }
    fn __str__(&self) -> String {
        self.0.explain(Lang::Id)
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyDistributionReport>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let counts: Vec<String> =
            self.0.counts.iter().map(|(p, n)| format!("'{}': {n}", p.value())).collect();
        format!(
            "DistributionReport(org_predicate='{}', headcount={}, counts={{{}}}, passed={}, violations={})",
            self.0.org_predicate.value(),
            self.0.headcount,
            counts.join(", "),
            if self.0.passed { "True" } else { "False" },
            self.0.violations().count()
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyDistributionReport>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// Checks a roster against the curve. `entries`: `Evaluation` objects, `(employee,
/// predicate)` pairs or dicts (the flexible shapes are read by `kinerja.check_distribution`).
/// With `structure` and `unit`, checks that unit's own members (head counted per policy;
/// unrated members listed as excluded); with `structure` alone, every id must be an employee
/// of the structure.
#[pyfunction]
#[pyo3(signature = (entries, org_predicate = None, rules = None, unit = None, structure = None))]
pub fn _check_distribution(
    py: Python<'_>,
    entries: &Bound<'_, PyAny>,
    org_predicate: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
    unit: Option<String>,
    structure: Option<PyRef<'_, PyOrgStructure>>,
) -> PyResult<PyDistributionReport> {
    let org = org_predicate_arg(org_predicate)?;
    let roster: Vec<(String, Predicate)> =
        entries_of(entries, "predicates")?.into_iter().map(|e| (e.id, e.predicate)).collect();
    let rules = rules_or_default(rules.as_deref())?;
    let pol = &rules.policy.organisation;
    let r = match structure_and_unit(structure.as_deref(), unit.as_deref())? {
        Some((s, u)) => check_unit_distribution(s, u, org, &roster, pol).py()?,
        None => {
            if let Some(s) = structure.as_deref() {
                check_members(&s.0, roster.iter().map(|(id, _)| id.clone()))?;
            }
            py.detach(|| core_check(org, &roster, pol)).py()?
        }
    };
    Ok(PyDistributionReport(Arc::new(r)))
}

/// Checks predicate counts (not a roster) against the curve: `counts` maps predicates (enum,
/// value or label) to non-negative counts of the unit's counted employees; absent predicates
/// count 0. The report is the one `check_distribution` gives for a roster with these counts.
#[pyfunction]
#[pyo3(signature = (counts, org_predicate = None, rules = None))]
pub fn check_counts(
    counts: &Bound<'_, PyAny>,
    org_predicate: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
) -> PyResult<PyDistributionReport> {
    let org = org_predicate_arg(org_predicate)?;
    let dict =
        counts.cast::<PyDict>().map_err(|_| input_error("counts", "expected a dict of predicate → count"))?;
    let mut c = [0u64; 5];
    let mut seen = [false; 5];
    for (k, v) in dict.iter() {
        let p = to_enum::<Predicate>(&k, "counts")?;
        let i = kinerja_core::batch::predicate_code(p) as usize;
        if std::mem::replace(&mut seen[i], true) {
            return Err(input_error("counts", format!("predicate `{}` is given twice", p.value())));
        }
        if v.is_instance_of::<pyo3::types::PyBool>() {
            return Err(input_error("counts", format!("count of `{}` must be an int, got bool", p.value())));
        }
        let n: i64 = v.extract().map_err(|_| {
            input_error("counts", format!("count of `{}` must be an int, got {v}", p.value()))
        })?;
        c[i] = u64::try_from(n).map_err(|_| {
            input_error("counts", format!("count of `{}` must not be negative, got {n}", p.value()))
        })?;
    }
    let rules = rules_or_default(rules.as_deref())?;
    let r = check_counts_core(org, &c, &rules.policy.organisation).py()?;
    Ok(PyDistributionReport(Arc::new(r)))
}

// ---------------------------------------------------------------------------------------------
// Calibration

/// Calibration suggestions for one unit: the fewest predicate changes that meet the curve, each
/// with its reason, or why none exists. Nothing is changed: these are proposals.
#[pyclass(module = "kinerja._kinerja", name = "CalibrationResult", frozen)]
#[derive(Clone)]
pub struct PyCalibrationResult(pub Arc<CalibrationResult>);

impl PyCalibrationResult {
    fn html(&self, lang: Lang) -> String {
        kinerja_core::document::calibration_html(&self.0, lang)
    }
}

#[pymethods]
impl PyCalibrationResult {
    /// The check of the roster as given.
    #[getter]
    fn before(&self) -> PyDistributionReport {
        PyDistributionReport(Arc::new(self.0.before.clone()))
    }
    /// The check after the proposed changes (None when infeasible).
    #[getter]
    fn after(&self) -> Option<PyDistributionReport> {
        self.0.after.as_ref().map(|a| PyDistributionReport(Arc::new(a.clone())))
    }
    /// False when the roster already meets the curve.
    #[getter]
    fn needed(&self) -> bool {
        self.0.needed
    }
    /// False when no set of changes allowed by the policy meets every constraint.
    #[getter]
    fn feasible(&self) -> bool {
        self.0.feasible
    }
    /// The proposed changes (sorted by employee id) as dicts: `employee`, `from`, `to`
    /// (`Predicate`), `achievement`, `reason` (Indonesian) and `reason_en`.
    #[getter]
    fn changes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let l = PyList::empty(py);
        for c in &self.0.changes {
            let d = PyDict::new(py);
            d.set_item("employee", &c.employee)?;
            d.set_item("from", c.from.to_py())?;
            d.set_item("to", c.to.to_py())?;
            d.set_item("achievement", c.achievement)?;
            d.set_item("reason", &c.reason.id)?;
            d.set_item("reason_en", &c.reason.en)?;
            l.append(d)?;
        }
        Ok(l)
    }
    /// The proposed predicate per changed employee.
    #[getter]
    fn proposed<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        for c in &self.0.changes {
            d.set_item(&c.employee, c.to.to_py())?;
        }
        Ok(d)
    }
    /// Why no calibration exists, in `lang` (None when feasible).
    #[pyo3(signature = (lang = "id"))]
    fn infeasible_reason(&self, lang: &str) -> PyResult<Option<String>> {
        let l = to_lang(lang)?;
        Ok(self.0.infeasible.as_ref().map(|b| b.get(l).to_string()))
    }
    /// How it was reached.
    #[getter]
    fn trace(&self) -> PyTrace {
        PyTrace(Arc::new(self.0.trace.clone()))
    }
    /// The explanation as text in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn explain(&self, lang: &str) -> PyResult<String> {
        Ok(self.0.trace.to_text(to_lang(lang)?))
    }
    /// The JSON form as a dict.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        to_py_json(py, &*self.0, "calibration result")
    }
    /// JSON text.
    fn to_json(&self) -> PyResult<String> {
        to_json_text(&*self.0, "calibration result")
    }
    /// Restores from `to_json()`.
    #[classmethod]
    fn from_json(_cls: &Bound<'_, PyType>, text: crate::convert::JsonText) -> PyResult<Self> {
        let text: &str = &text.0;
        Ok(PyCalibrationResult(Arc::new(from_json_text(text, "calibration result")?)))
    }
    /// HTML in `lang`.
    #[pyo3(signature = (lang = "id"))]
    fn to_html(&self, lang: &str) -> PyResult<String> {
        Ok(self.html(to_lang(lang)?))
    }
    fn _repr_html_(&self) -> String {
        kinerja_core::document::display_html(&self.html(display_lang_value()))
    }
    fn __len__(&self) -> usize {
        self.0.changes.len()
    }
    fn __eq__(&self, other: &Bound<'_, PyAny>) -> bool {
        other.cast::<PyCalibrationResult>().map(|o| *o.get().0 == *self.0).unwrap_or(false)
    }
    fn __repr__(&self) -> String {
        let b = |v: bool| if v { "True" } else { "False" };
        format!(
            "CalibrationResult(org_predicate='{}', headcount={}, needed={}, feasible={}, changes={})",
            self.0.before.org_predicate.value(),
            self.0.before.headcount,
            b(self.0.needed),
            b(self.0.feasible),
            self.0.changes.len()
        )
    }
    fn __reduce__<'py>(&self, py: Python<'py>) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let state = self.to_json()?;
        Ok((py.get_type::<PyCalibrationResult>().getattr("from_json")?, PyTuple::new(py, [state])?))
    }
}

/// Proposes the fewest predicate changes meeting the curve (see `kinerja.calibrate`).
/// `entries`: `Evaluation` objects (predicate and weighted achievement), `(employee,
/// predicate[, achievement])` or dicts.
#[pyfunction]
#[pyo3(signature = (entries, org_predicate = None, rules = None, unit = None, structure = None))]
pub fn _calibrate(
    py: Python<'_>,
    entries: &Bound<'_, PyAny>,
    org_predicate: Option<&Bound<'_, PyAny>>,
    rules: Option<RulesArg>,
    unit: Option<String>,
    structure: Option<PyRef<'_, PyOrgStructure>>,
) -> PyResult<PyCalibrationResult> {
    let org = org_predicate_arg(org_predicate)?;
    let roster: Vec<CalibrationEntry> = entries_of(entries, "predicates")?
        .into_iter()
        .map(|e| CalibrationEntry { employee: e.id, predicate: e.predicate, achievement: e.achievement })
        .collect();
    let rules = rules_or_default(rules.as_deref())?;
    let pol = &rules.policy.organisation;
    let r = match structure_and_unit(structure.as_deref(), unit.as_deref())? {
        Some((s, u)) => calibrate_unit(s, u, org, &roster, pol).py()?,
        None => {
            if let Some(s) = structure.as_deref() {
                check_members(&s.0, roster.iter().map(|e| e.employee.clone()))?;
            }
            py.detach(|| core_calibrate(org, &roster, pol)).py()?
        }
    };
    Ok(PyCalibrationResult(Arc::new(r)))
}

// ---------------------------------------------------------------------------------------------
// Ranking

/// Ranks employees: by predicate (best first), then (with `by_achievement`) by achievement
/// (highest first, missing last), then by employee id. Returns dicts `rank`, `employee`,
/// `predicate`, `achievement`, `tied_with_previous`. With `structure` and `unit`, every entry
/// must be a member of that unit.
#[pyfunction]
#[pyo3(signature = (entries, by_achievement = true, unit = None, structure = None))]
pub fn _rank_unit<'py>(
    py: Python<'py>,
    entries: &Bound<'py, PyAny>,
    by_achievement: bool,
    unit: Option<String>,
    structure: Option<PyRef<'py, PyOrgStructure>>,
) -> PyResult<Bound<'py, PyList>> {
    let list = entries_of(entries, "entries")?;
    if let Some((s, u)) = structure_and_unit(structure.as_deref(), unit.as_deref())? {
        s.unit(u).ok_or_else(|| {
            kj(Error::Unknown { at: Location::unit(u), kind: "unit".into(), id: u.to_string() })
        })?;
        for e in &list {
            match s.employee(&e.id) {
                None => {
                    return Err(kj(Error::Unknown {
                        at: Location::unit(u),
                        kind: "employee".into(),
                        id: e.id.clone(),
                    }));
                }
                Some(emp) if emp.unit != u => {
                    return Err(kj(Error::Organisation {
                        at: Location::unit(u).with_employee(&e.id),
                        reason: format!("employee belongs to unit `{}`, not to this unit", emp.unit),
                    }));
                }
                Some(_) => {}
            }
        }
    }
    let inputs: Vec<RankInput> = list
        .into_iter()
        .map(|e| RankInput { employee: e.id, predicate: e.predicate, achievement: e.achievement })
        .collect();
    let ranked = rank_unit(&inputs, by_achievement).py()?;
    let out = PyList::empty(py);
    for r in ranked {
        let d = PyDict::new(py);
        d.set_item("rank", r.rank)?;
        d.set_item("employee", &r.employee)?;
        d.set_item("predicate", r.predicate.to_py())?;
        d.set_item("achievement", r.achievement)?;
        d.set_item("tied_with_previous", r.tied_with_previous)?;
        out.append(d)?;
    }
    Ok(out)
}

/// Registers the classes and functions.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyOrgStructure>()?;
    m.add_class::<PyAlignmentReport>()?;
    m.add_class::<PyOrgPerformance>()?;
    m.add_class::<PySakipResult>()?;
    m.add_class::<PyConstraint>()?;
    m.add_class::<PyDistributionReport>()?;
    m.add_class::<PyCalibrationResult>()?;
    m.add_function(wrap_pyfunction!(align, m)?)?;
    m.add_function(wrap_pyfunction!(unit_performance, m)?)?;
    m.add_function(wrap_pyfunction!(sakip, m)?)?;
    m.add_function(wrap_pyfunction!(sakip_predicate, m)?)?;
    m.add_function(wrap_pyfunction!(component_total, m)?)?;
    m.add_function(wrap_pyfunction!(_check_distribution, m)?)?;
    m.add_function(wrap_pyfunction!(check_counts, m)?)?;
    m.add_function(wrap_pyfunction!(_calibrate, m)?)?;
    m.add_function(wrap_pyfunction!(_rank_unit, m)?)?;
    Ok(())
}
