//! The organisation structure: units in a tree, unit goals (IKU) and employees.
//!
//! Built once by [`OrgStructure::new`], which validates everything and reports the first
//! problem with its location. Every query is iterative (no recursion), so a chain of 10 000
//! nested units is fine; ancestor tests are O(1) through an Euler tour.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use crate::error::{Error, Location, Result};
use crate::model::{Employee, Polarity, Target};

/// An organisation unit (unit kerja / perangkat daerah / bidang / seksi).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgUnit {
    /// Unique id.
    pub id: String,
    /// Name.
    pub name: String,
    /// The parent unit's id; `None` for a root.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// The head's employee id, if stated here (may also be stated by `Employee::unit_head`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
}

/// A unit goal or key performance indicator (sasaran / IKU) with its target and, once known,
/// its realisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UnitGoal {
    /// Unique id (across all units).
    pub id: String,
    /// The unit the goal belongs to.
    pub unit: String,
    /// Name.
    pub name: String,
    /// Target.
    pub target: Target,
    /// Polarity; higher is better unless stated.
    #[serde(default = "higher")]
    pub polarity: Polarity,
    /// Weight in the unit's mean; when no goal of a unit has one, all weigh the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<Decimal>,
    /// Realisation, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actual: Option<Decimal>,
}

fn higher() -> Polarity {
    Polarity::HigherIsBetter
}

/// The organisation as data (for JSON input): units, goals and employees.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgInput {
    /// Units.
    #[serde(default)]
    pub units: Vec<OrgUnit>,
    /// Unit goals (IKU).
    #[serde(default)]
    pub goals: Vec<UnitGoal>,
    /// Employees.
    #[serde(default)]
    pub employees: Vec<Employee>,
}

/// A validated organisation: units, goals and employees with their indexes.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgStructure {
    units: Vec<OrgUnit>,
    goals: Vec<UnitGoal>,
    employees: Vec<Employee>,
    unit_index: HashMap<String, usize>,
    goal_index: HashMap<String, usize>,
    employee_index: HashMap<String, usize>,
    parent: Vec<Option<usize>>,
    children: Vec<Vec<usize>>,
    depth: Vec<usize>,
    tin: Vec<usize>,
    tout: Vec<usize>,
    heads: Vec<Option<usize>>,
    unit_employees: Vec<Vec<usize>>,
    unit_goals: Vec<Vec<usize>>,
    /// Units in breadth-first order (roots first, parents before children).
    order: Vec<usize>,
}

fn org_err(unit: &str, reason: String) -> Error {
    Error::Organisation { at: Location::unit(unit), reason }
}

impl OrgStructure {
    /// Validates and indexes an organisation.
    ///
    /// Errors (each naming the unit, goal or employee): empty or duplicate ids, a parent or
    /// unit that does not exist, a cycle among parents, a head that is not an employee of the
    /// unit, a unit with two heads, an invalid goal target or weight (negative), a goal target,
    /// weight or realisation beyond the input limits ([`crate::num::check_limits`]), an invalid
    /// employee.
    ///
    /// ```
    /// use kinerja_core::org::{OrgStructure, OrgUnit};
    /// let u = |id: &str, parent: Option<&str>| OrgUnit {
    ///     id: id.into(), name: id.into(), parent: parent.map(Into::into), head: None };
    /// let s = OrgStructure::new(vec![u("dinkes", None), u("yankes", Some("dinkes"))], vec![], vec![]).unwrap();
    /// assert_eq!(s.ancestors("yankes").unwrap(), vec!["dinkes"]);
    /// let e = OrgStructure::new(vec![u("a", Some("b")), u("b", Some("a"))], vec![], vec![]).unwrap_err();
    /// assert!(e.to_string().contains("cycle"), "{e}");
    /// ```
    pub fn new(units: Vec<OrgUnit>, goals: Vec<UnitGoal>, employees: Vec<Employee>) -> Result<OrgStructure> {
        let n = units.len();
        let mut unit_index = HashMap::with_capacity(n);
        for (i, u) in units.iter().enumerate() {
            if u.id.trim().is_empty() {
                return Err(Error::Input {
                    at: Location::row(i as u64),
                    field: "unit.id".into(),
                    reason: "is empty".into(),
                });
            }
            if unit_index.insert(u.id.clone(), i).is_some() {
                return Err(Error::Duplicate {
                    at: Location::unit(&u.id),
                    kind: "unit".into(),
                    id: u.id.clone(),
                });
            }
        }
        let mut parent = vec![None; n];
        for (i, u) in units.iter().enumerate() {
            if let Some(p) = &u.parent {
                match unit_index.get(p) {
                    Some(&pi) => {
                        if let Some(slot) = parent.get_mut(i) {
                            *slot = Some(pi);
                        }
                    }
                    None => {
                        return Err(Error::Unknown {
                            at: Location::unit(&u.id),
                            kind: "parent unit".into(),
                            id: p.clone(),
                        });
                    }
                }
            }
        }
        if let Some(cyc) =
            super::graph::functional_cycles(n, 0..n, |c| parent.get(c).copied().flatten()).first()
        {
            let names: Vec<&str> =
                cyc.iter().take(20).filter_map(|&i| units.get(i).map(|u| u.id.as_str())).collect();
            // A cycle longer than the names shown: the ellipsis stands for the units left out,
            // so the last one shown is not said to have the first as its parent.
            let more = if cyc.len() > 20 { "… → " } else { "" };
            let id = cyc.first().and_then(|&c| units.get(c)).map(|u| u.id.as_str()).unwrap_or("");
            return Err(org_err(id, format!("cycle in unit parents: {} → {more}{id}", names.join(" → "))));
        }
        let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut roots = Vec::new();
        for i in 0..n {
            match parent.get(i).copied().flatten() {
                Some(p) => {
                    if let Some(c) = children.get_mut(p) {
                        c.push(i);
                    }
                }
                None => roots.push(i),
            }
        }
        // BFS order and depth.
        let mut depth = vec![0usize; n];
        let mut order = Vec::with_capacity(n);
        order.extend(roots.iter().copied());
        let mut k = 0;
        while let Some(&u) = order.get(k) {
            k += 1;
            let d = depth.get(u).copied().unwrap_or(0);
            for &c in children.get(u).map(Vec::as_slice).unwrap_or(&[]) {
                if let Some(slot) = depth.get_mut(c) {
                    *slot = d + 1;
                }
                order.push(c);
            }
        }
        // Euler tour (iterative DFS) for O(1) ancestor tests.
        let mut tin = vec![0usize; n];
        let mut tout = vec![0usize; n];
        let mut timer = 0usize;
        let mut stack: Vec<(usize, usize)> = Vec::new();
        for &r in &roots {
            stack.push((r, 0));
            if let Some(t) = tin.get_mut(r) {
                *t = timer;
            }
            timer += 1;
            while let Some(top) = stack.last_mut() {
                let (u, next) = *top;
                let kids = children.get(u).map(Vec::as_slice).unwrap_or(&[]);
                if let Some(&c) = kids.get(next) {
                    top.1 += 1;
                    if let Some(t) = tin.get_mut(c) {
                        *t = timer;
                    }
                    timer += 1;
                    stack.push((c, 0));
                } else {
                    if let Some(t) = tout.get_mut(u) {
                        *t = timer;
                    }
                    timer += 1;
                    stack.pop();
                }
            }
        }
        // Goals.
        let mut goal_index = HashMap::with_capacity(goals.len());
        let mut unit_goals: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (i, g) in goals.iter().enumerate() {
            let at = Location::unit(&g.unit).with_indicator(&g.id);
            if g.id.trim().is_empty() {
                return Err(Error::Input { at, field: "goal.id".into(), reason: "is empty".into() });
            }
            if goal_index.insert(g.id.clone(), i).is_some() {
                return Err(Error::Duplicate { at, kind: "unit goal".into(), id: g.id.clone() });
            }
            let Some(&ui) = unit_index.get(&g.unit) else {
                return Err(Error::Unknown { at, kind: "unit".into(), id: g.unit.clone() });
            };
            g.target.validate(&at)?;
            // The weight and the realisation are held to the input limits, as the target is
            // (and as a plan's weights and actuals are).
            for (field, value) in [("weight", g.weight), ("actual", g.actual)] {
                if let Some(v) = value {
                    crate::model::within_limits(v, field, &at)?;
                }
            }
            if let Some(w) = g.weight {
                if crate::num::negative(w) {
                    return Err(Error::Indicator {
                        at,
                        field: "weight".into(),
                        reason: format!("weight {w} is negative"),
                    });
                }
            }
            if let Some(v) = unit_goals.get_mut(ui) {
                v.push(i);
            }
        }
        // Employees.
        let mut employee_index = HashMap::with_capacity(employees.len());
        let mut unit_employees: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut heads: Vec<Option<usize>> = vec![None; n];
        for (i, e) in employees.iter().enumerate() {
            e.validate().map_err(|err| err.at_row(i as u64))?;
            if employee_index.insert(e.id.clone(), i).is_some() {
                return Err(Error::Duplicate {
                    at: Location::employee(&e.id),
                    kind: "employee".into(),
                    id: e.id.clone(),
                });
            }
            let Some(&ui) = unit_index.get(&e.unit) else {
                return Err(Error::Unknown {
                    at: Location::employee(&e.id).with_unit(&e.unit),
                    kind: "unit".into(),
                    id: e.unit.clone(),
                });
            };
            if let Some(v) = unit_employees.get_mut(ui) {
                v.push(i);
            }
            if e.unit_head {
                if let Some(slot) = heads.get_mut(ui) {
                    if let Some(prev) = *slot {
                        let pid = employees.get(prev).map(|p| p.id.as_str()).unwrap_or("");
                        return Err(org_err(
                            &e.unit,
                            format!("two heads: employees `{pid}` and `{}` are both marked unit_head", e.id),
                        ));
                    }
                    *slot = Some(i);
                }
            }
        }
        for (ui, u) in units.iter().enumerate() {
            let Some(h) = &u.head else { continue };
            let Some(&ei) = employee_index.get(h) else {
                return Err(Error::Unknown {
                    at: Location::unit(&u.id),
                    kind: "head employee".into(),
                    id: h.clone(),
                });
            };
            let eunit = employees.get(ei).map(|e| e.unit.as_str()).unwrap_or("");
            if eunit != u.id {
                return Err(org_err(
                    &u.id,
                    format!("head `{h}` is an employee of unit `{eunit}`, not of this unit"),
                ));
            }
            if let Some(slot) = heads.get_mut(ui) {
                if let Some(prev) = *slot {
                    if prev != ei {
                        let pid = employees.get(prev).map(|p| p.id.as_str()).unwrap_or("");
                        return Err(org_err(
                            &u.id,
                            format!(
                                "two heads: the unit names `{h}` as head but employee `{pid}` is marked unit_head"
                            ),
                        ));
                    }
                }
                *slot = Some(ei);
            }
        }
        Ok(OrgStructure {
            units,
            goals,
            employees,
            unit_index,
            goal_index,
            employee_index,
            parent,
            children,
            depth,
            tin,
            tout,
            heads,
            unit_employees,
            unit_goals,
            order,
        })
    }

    /// Validates an [`OrgInput`].
    pub fn from_input(input: OrgInput) -> Result<OrgStructure> {
        OrgStructure::new(input.units, input.goals, input.employees)
    }

    /// Reads `{"units": [...], "goals": [...], "employees": [...]}` and validates it.
    ///
    /// ```
    /// use kinerja_core::org::OrgStructure;
    /// let s = OrgStructure::from_json(r#"{"units": [{"id": "u", "name": "U"}]}"#).unwrap();
    /// assert_eq!(s.roots(), vec!["u"]);
    /// assert!(OrgStructure::from_json(r#"{"unit": []}"#).is_err());
    /// ```
    pub fn from_json(text: &str) -> Result<OrgStructure> {
        crate::document_numbers::json(text).map_err(|e| e.into_error("organisation"))?;
        let input: OrgInput = serde_json::from_str(text).map_err(|e| Error::Input {
            at: Location::default(),
            field: "organisation".into(),
            reason: format!("malformed organisation JSON: {e}"),
        })?;
        OrgStructure::from_input(input)
    }

    /// The organisation as data again.
    pub fn to_input(&self) -> OrgInput {
        OrgInput { units: self.units.clone(), goals: self.goals.clone(), employees: self.employees.clone() }
    }

    fn idx(&self, unit: &str) -> Result<usize> {
        self.unit_index.get(unit).copied().ok_or_else(|| Error::Unknown {
            at: Location::unit(unit),
            kind: "unit".into(),
            id: unit.to_string(),
        })
    }

    fn uid(&self, i: usize) -> &str {
        self.units.get(i).map(|u| u.id.as_str()).unwrap_or("")
    }

    /// All units, in input order.
    pub fn units(&self) -> &[OrgUnit] {
        &self.units
    }
    /// All goals, in input order.
    pub fn goals(&self) -> &[UnitGoal] {
        &self.goals
    }
    /// All employees, in input order.
    pub fn employees(&self) -> &[Employee] {
        &self.employees
    }
    /// The unit with this id.
    pub fn unit(&self, id: &str) -> Option<&OrgUnit> {
        self.unit_index.get(id).and_then(|&i| self.units.get(i))
    }
    /// The goal with this id.
    pub fn goal(&self, id: &str) -> Option<&UnitGoal> {
        self.goal_index.get(id).and_then(|&i| self.goals.get(i))
    }
    /// The employee with this id.
    pub fn employee(&self, id: &str) -> Option<&Employee> {
        self.employee_index.get(id).and_then(|&i| self.employees.get(i))
    }
    /// The root units (no parent), in input order.
    pub fn roots(&self) -> Vec<&str> {
        (0..self.units.len())
            .filter(|&i| self.parent.get(i).copied().flatten().is_none())
            .map(|i| self.uid(i))
            .collect()
    }
    /// Unit ids in breadth-first order: roots first, every parent before its children.
    pub fn breadth_first(&self) -> Vec<&str> {
        self.order.iter().map(|&i| self.uid(i)).collect()
    }
    /// Unit ids in depth-first order with their depth (roots at 0), each unit followed by
    /// its subtree, children in input order; iterative, so deep trees are fine.
    pub fn depth_first(&self) -> Vec<(&str, usize)> {
        let mut out = Vec::with_capacity(self.units.len());
        let mut stack: Vec<(&str, usize)> = self.roots().into_iter().rev().map(|r| (r, 0)).collect();
        while let Some((u, d)) = stack.pop() {
            out.push((u, d));
            let kids = self.children(u).unwrap_or_default();
            stack.extend(kids.into_iter().rev().map(|c| (c, d + 1)));
        }
        out
    }
    /// The parent's id.
    pub fn parent(&self, unit: &str) -> Result<Option<&str>> {
        let i = self.idx(unit)?;
        Ok(self.parent.get(i).copied().flatten().map(|p| self.uid(p)))
    }
    /// The direct children, in input order.
    pub fn children(&self, unit: &str) -> Result<Vec<&str>> {
        let i = self.idx(unit)?;
        Ok(self.children.get(i).map(|c| c.iter().map(|&k| self.uid(k)).collect()).unwrap_or_default())
    }
    /// The ancestors, nearest first (parent, grandparent, …, root).
    pub fn ancestors(&self, unit: &str) -> Result<Vec<&str>> {
        let mut cur = self.parent.get(self.idx(unit)?).copied().flatten();
        let mut out = Vec::new();
        while let Some(c) = cur {
            out.push(self.uid(c));
            cur = self.parent.get(c).copied().flatten();
        }
        Ok(out)
    }
    /// All descendants, breadth-first (children, grandchildren, …).
    pub fn descendants(&self, unit: &str) -> Result<Vec<&str>> {
        let i = self.idx(unit)?;
        let mut queue: Vec<usize> = self.children.get(i).cloned().unwrap_or_default();
        let mut k = 0;
        while let Some(&u) = queue.get(k) {
            k += 1;
            queue.extend(self.children.get(u).map(Vec::as_slice).unwrap_or(&[]));
        }
        Ok(queue.into_iter().map(|u| self.uid(u)).collect())
    }
    /// Depth in the tree (a root has depth 0).
    pub fn depth(&self, unit: &str) -> Result<usize> {
        Ok(self.depth.get(self.idx(unit)?).copied().unwrap_or(0))
    }
    /// True when `ancestor` is `unit` itself or one of its ancestors (O(1)).
    pub fn is_ancestor_or_self(&self, ancestor: &str, unit: &str) -> Result<bool> {
        let a = self.idx(ancestor)?;
        let u = self.idx(unit)?;
        let (ta, oa) = (self.tin.get(a).copied().unwrap_or(0), self.tout.get(a).copied().unwrap_or(0));
        let tu = self.tin.get(u).copied().unwrap_or(0);
        Ok(ta <= tu && tu <= oa)
    }
    /// The head's employee id (from `OrgUnit::head` or `Employee::unit_head`).
    pub fn head(&self, unit: &str) -> Result<Option<&str>> {
        let i = self.idx(unit)?;
        Ok(self.heads.get(i).copied().flatten().and_then(|e| self.employees.get(e)).map(|e| e.id.as_str()))
    }
    /// The employees of the unit (not of its descendants), in input order.
    pub fn employees_of(&self, unit: &str) -> Result<Vec<&Employee>> {
        let i = self.idx(unit)?;
        Ok(self
            .unit_employees
            .get(i)
            .map(|v| v.iter().filter_map(|&e| self.employees.get(e)).collect())
            .unwrap_or_default())
    }
    /// The unit's own goals, in input order.
    pub fn goals_of(&self, unit: &str) -> Result<Vec<&UnitGoal>> {
        let i = self.idx(unit)?;
        Ok(self
            .unit_goals
            .get(i)
            .map(|v| v.iter().filter_map(|&g| self.goals.get(g)).collect())
            .unwrap_or_default())
    }
    /// True when the employee heads some unit.
    pub fn is_head(&self, employee: &str) -> bool {
        self.employee_index.get(employee).is_some_and(|&e| self.heads.contains(&Some(e)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PostType;

    fn u(id: &str, parent: Option<&str>) -> OrgUnit {
        OrgUnit { id: id.into(), name: id.into(), parent: parent.map(Into::into), head: None }
    }
    fn emp(id: &str, unit: &str, head: bool) -> Employee {
        Employee {
            id: id.into(),
            name: id.into(),
            unit: unit.into(),
            post_type: PostType::Executor,
            functional_grade: None,
            unit_head: head,
            position: String::new(),
        }
    }

    #[test]
    fn queries() {
        let s = OrgStructure::new(
            vec![u("a", None), u("b", Some("a")), u("c", Some("b")), u("d", Some("a"))],
            vec![],
            vec![emp("e1", "b", true), emp("e2", "b", false)],
        )
        .unwrap();
        assert_eq!(s.ancestors("c").unwrap(), vec!["b", "a"]);
        assert_eq!(s.descendants("a").unwrap(), vec!["b", "d", "c"]);
        assert_eq!(s.children("a").unwrap(), vec!["b", "d"]);
        assert_eq!(s.depth("c").unwrap(), 2);
        assert!(s.is_ancestor_or_self("a", "c").unwrap());
        assert!(s.is_ancestor_or_self("c", "c").unwrap());
        assert!(!s.is_ancestor_or_self("d", "c").unwrap());
        assert_eq!(s.head("b").unwrap(), Some("e1"));
        assert_eq!(s.employees_of("b").unwrap().len(), 2);
        assert_eq!(s.roots(), vec!["a"]);
        assert!(s.depth("zz").is_err());
    }

    #[test]
    fn hostile() {
        let e = OrgStructure::new(vec![u("a", None), u("a", None)], vec![], vec![]).unwrap_err();
        assert!(matches!(e, Error::Duplicate { ref kind, .. } if kind == "unit"));
        let e = OrgStructure::new(vec![u("a", Some("x"))], vec![], vec![]).unwrap_err();
        assert!(matches!(e, Error::Unknown { ref id, .. } if id == "x"));
        let e = OrgStructure::new(vec![u("a", Some("a"))], vec![], vec![]).unwrap_err();
        assert!(e.to_string().contains("cycle in unit parents: a → a"), "{e}");
        let e = OrgStructure::new(vec![u("a", None)], vec![], vec![emp("x", "b", false)]).unwrap_err();
        assert!(matches!(e, Error::Unknown { ref id, .. } if id == "b"));
        let e = OrgStructure::new(vec![u("a", None)], vec![], vec![emp("x", "a", true), emp("y", "a", true)])
            .unwrap_err();
        assert!(e.to_string().contains("two heads"), "{e}");
        let mut ua = u("a", None);
        ua.head = Some("y".into());
        let e =
            OrgStructure::new(vec![ua], vec![], vec![emp("x", "a", true), emp("y", "a", false)]).unwrap_err();
        assert!(e.to_string().contains("two heads"), "{e}");
    }
}
