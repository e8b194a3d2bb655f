//! One employee of canonical tables as a core [`Plan`], so the scalar
//! [`evaluate`](kinerja_core::regime::evaluate) can explain, with its citations, the predicate
//! the table scorer gives.
//!
//! The plan is built from the employee's indicator rows: grouped by `result` (one result
//! `rhk` when the table has none) and `indicator`, each indicator defined by its first row
//! (`indicator_name`, `unit_of_measure`, `aspect`, `polarity`, `aggregation`, `target` or
//! `target_low`/`target_high`, `target_is_max`, `weight`, `cap`). With a `period` column every
//! row with an `actual` is a realisation of its period and a `period_target` is the target of
//! that period; without one each row's `actual` is the realisation of the evaluated period.
//! The employee (`name`, `unit`, `post_type` — `executor` when absent —, `position`,
//! `functional_grade`, `unit_head`) comes from the employee table, or from the employee's first
//! indicator row; the assessment of the evaluated period (`work_result`, `behaviour`,
//! `org_predicate`, else the unit's `org_predicate`) from the employee row of that period, or
//! the employee's only row (with the employee columns on the indicator rows: its first row,
//! as the scorer reads them). The evaluated period is resolved as [`score`](crate::score::score)
//! resolves it.
#![deny(missing_docs)]
#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

use arrow_array::RecordBatch;
use kinerja_core::error::ErrorFamily;
use kinerja_core::explain::Labelled;
use kinerja_core::model::{
    Aggregation, Aspect, Assessment, Behaviour, Employee, FunctionalGrade, Indicator, OrgPredicate, Plan,
    PlannedResult, Polarity, PostType, Rating, Realisation, ResultKind, Target,
};
use kinerja_core::period::Period;

use crate::cells::{Text, cell_text, column};
use crate::problem::Problem;
use crate::schema::TableKind;
use crate::score::columns::DecCol;
use crate::score::{ScoreError, Tables, resolve_period};

/// The plan of `employee` in `tables` and the evaluated period (`period`, else as
/// [`score`](crate::score::score) resolves it). An employee with no row, a word that is not
/// accepted or a target that is not well-formed is an error naming the employee.
pub fn plan_of(
    tables: &Tables,
    employee: &str,
    period: Option<Period>,
) -> Result<(Plan, Period), ScoreError> {
    let ti = TableKind::Indicators;
    let ind = tables.indicators;
    let fail = |table: TableKind, message: String| ScoreError {
        problem: Problem::new(table, message).for_employee(employee),
        family: ErrorFamily::Input,
    };
    let rows = rows_of(ind, employee);
    let emp_batch = tables.employees.unwrap_or(ind);
    let emp_table = if tables.employees.is_some() { TableKind::Employees } else { ti };
    let emp_rows = if tables.employees.is_some() { rows_of(emp_batch, employee) } else { rows.clone() };
    if rows.is_empty() && emp_rows.is_empty() {
        return Err(fail(ti, format!("no employee `{employee}` in the tables; check the NIP")));
    }
    let resolved = resolve_period(tables, period)?;
    let text = |b: &RecordBatch, name: &str, r: usize| -> Option<String> {
        column(b, name).and_then(|a| cell_text(a, r)).filter(|s| !s.trim().is_empty())
    };
    let evaluated = match resolved {
        Some(p) => p,
        None => {
            let year = emp_rows.first().and_then(|r| text(emp_batch, "year", *r));
            match year.as_deref().map(|y| y.parse::<u16>().map(Period::annual)) {
                Some(Ok(Ok(p))) => p,
                _ => {
                    return Err(fail(
                        ti,
                        "the tables have no period (no `period` or `year` column); say which period to evaluate \
                         (period=…, CLI `--period 2024`)"
                            .into(),
                    ));
                }
            }
        }
    };
    macro_rules! parse {
        ($t:ty, $table:expr, $b:expr, $name:expr, $r:expr) => {
            match text($b, $name, $r) {
                None => None,
                Some(w) => Some(<$t>::parse_label(&w).map_err(|e| {
                    let mut err = fail($table, format!("column `{}`: {e}", $name));
                    err.problem = err.problem.at_cell($name, w.clone());
                    err
                })?),
            }
        };
    }

    // The employee.
    let first_emp = emp_rows.first().or(rows.first()).copied().unwrap_or(0);
    let eb = if emp_rows.is_empty() { ind } else { emp_batch };
    let et = if emp_rows.is_empty() { ti } else { emp_table };
    let name = text(eb, "name", first_emp).unwrap_or_else(|| employee.to_string());
    let Some(unit) = text(eb, "unit", first_emp) else {
        // scoring needs no unit; an employee's plan (its explanation, its document) does
        return Err(fail(
            et,
            "the employee has no unit (`unit`, Unit Kerja), which an evaluation document names; give the unit".into(),
        ));
    };
    let post = parse!(PostType, et, eb, "post_type", first_emp).unwrap_or(PostType::Executor);
    let mut emp = Employee::new(employee, name, unit.clone(), post);
    if let Some(g) = parse!(FunctionalGrade, et, eb, "functional_grade", first_emp) {
        emp = emp.with_functional_grade(g);
    }
    if let Some(p) = text(eb, "position", first_emp) {
        emp = emp.with_position(p);
    }
    if text(eb, "unit_head", first_emp).is_some_and(|h| h == "true") {
        emp = emp.with_unit_head(true);
    }
    let mut plan = Plan::new(emp, evaluated.year());

    // Results and indicators, in the order of their first rows.
    let dec = |name: &str| DecCol::of(ind, ti, name);
    let (target, low, high) = (dec("target")?, dec("target_low")?, dec("target_high")?);
    let (weight, cap, period_target, actual) =
        (dec("weight")?, dec("cap")?, dec("period_target")?, dec("actual")?);
    let period_col = column(ind, "period").and_then(Text::of);
    let ind_col = column(ind, "indicator").and_then(Text::of);
    let res_col = column(ind, "result").and_then(Text::of);
    let mut results: Vec<PlannedResult> = Vec::new();
    for (n, &r) in rows.iter().enumerate() {
        let rid = res_col.and_then(|c| c.get(r)).unwrap_or("rhk").to_string();
        let iid = indicator_id(ind_col, n, r);
        let row_period = match period_col.and_then(|c| c.get(r)) {
            Some(p) => Some(p.parse::<Period>().map_err(|e| {
                let mut err = fail(ti, format!("column `period`: {e}"));
                err.problem = err.problem.at_cell("period", p).for_indicator(iid.clone());
                err
            })?),
            None => None,
        };
        let ri = match results.iter().position(|x| x.id == rid) {
            Some(i) => i,
            None => {
                let desc = text(ind, "result_description", r).unwrap_or_else(|| rid.clone());
                let mut res = PlannedResult::new(rid.clone(), desc);
                if let Some(k) = parse!(ResultKind, ti, ind, "result_kind", r) {
                    res = res.with_kind(k);
                }
                results.push(res);
                results.len() - 1
            }
        };
        let res = &mut results[ri];
        let ii = match res.indicators.iter().position(|i| i.id == iid) {
            Some(i) => i,
            None => {
                let t = match (
                    target.and_then(|c| c.decimal(r)),
                    low.and_then(|c| c.decimal(r)),
                    high.and_then(|c| c.decimal(r)),
                ) {
                    (_, Some(l), Some(h)) => {
                        Target::range(l, h).map_err(|e| fail(ti, format!("indicator `{iid}`: {e}")))?
                    }
                    (Some(t), _, _) => Target::Point(t),
                    _ => {
                        return Err(fail(ti, format!("indicator `{iid}` has no target")));
                    }
                };
                let iname = text(ind, "indicator_name", r).unwrap_or_else(|| iid.clone());
                let mut i = Indicator::new(iid.clone(), iname, t);
                if let Some(u) = text(ind, "unit_of_measure", r) {
                    i = i.with_unit(u);
                }
                if let Some(a) = parse!(Aspect, ti, ind, "aspect", r) {
                    i = i.with_aspect(a);
                }
                if let Some(p) = parse!(Polarity, ti, ind, "polarity", r) {
                    i = i.with_polarity(p);
                }
                if let Some(a) = parse!(Aggregation, ti, ind, "aggregation", r) {
                    i = i.with_aggregation(a);
                }
                if let Some(w) = weight.and_then(|c| c.decimal(r)) {
                    i = i.with_weight(w);
                }
                if let Some(c) = cap.and_then(|c| c.decimal(r)) {
                    i = i.with_cap(c);
                }
                if text(ind, "target_is_max", r).is_some_and(|m| m == "true") {
                    i = i.with_target_is_max(true);
                }
                res.indicators.push(i);
                res.indicators.len() - 1
            }
        };
        if let (Some(p), Some(pt)) = (row_period, period_target.and_then(|c| c.decimal(r))) {
            res.indicators[ii] = res.indicators[ii].clone().with_period_target(p, Target::Point(pt));
        }
        if let Some(a) = actual.and_then(|c| c.decimal(r)) {
            plan = plan.with_realisation(Realisation::new(iid, row_period.unwrap_or(evaluated), a));
        }
    }
    for res in results {
        plan = plan.with_result(res);
    }

    // The assessment of the evaluated period.
    let evaluated_text = evaluated.to_string();
    let emp_period = column(eb, "period").and_then(Text::of);
    let assessed = emp_rows
        .iter()
        .copied()
        .find(|r| emp_period.and_then(|c| c.get(*r)) == Some(evaluated_text.as_str()))
        .or_else(|| match (emp_period, emp_rows.as_slice()) {
            // employee columns on the indicator rows are the same on each row
            (_, [first, ..]) if tables.employees.is_none() => Some(*first),
            (None, [first, ..]) => Some(*first),
            (_, [only]) => Some(*only),
            _ => None,
        });
    if let Some(r) = assessed {
        let mut a = Assessment::new(evaluated);
        if let Some(w) = parse!(Rating, et, eb, "work_result", r) {
            a = a.with_work_result(w);
        }
        if let Some(b) = parse!(Rating, et, eb, "behaviour", r) {
            a = a.with_behaviour(Behaviour::overall(b));
        }
        let org = match parse!(OrgPredicate, et, eb, "org_predicate", r) {
            Some(o) => Some(o),
            None => unit_org_predicate(tables.units, &unit)?,
        };
        if let Some(o) = org {
            a = a.with_org_predicate(o);
        }
        plan = plan.with_assessment(a);
    }
    Ok((plan, evaluated))
}

/// The id of the indicator of indicator row `r`, the employee's `n`-th (0-based): its
/// `indicator` cell (`ids`), else `iki-` and the row's place among the employee's rows.
pub(crate) fn indicator_id(ids: Option<Text>, n: usize, r: usize) -> String {
    ids.and_then(|c| c.get(r)).map_or_else(|| format!("iki-{}", n + 1), str::to_string)
}

/// The rows of `batch` whose `employee` is `id`.
pub(crate) fn rows_of(batch: &RecordBatch, id: &str) -> Vec<usize> {
    let Some(c) = column(batch, "employee").and_then(Text::of) else { return Vec::new() };
    (0..batch.num_rows()).filter(|r| c.get(*r).is_some_and(|e| e.trim() == id.trim())).collect()
}

/// The `org_predicate` of `unit` in the unit table, if given.
fn unit_org_predicate(units: Option<&RecordBatch>, unit: &str) -> Result<Option<OrgPredicate>, ScoreError> {
    let Some(u) = units else { return Ok(None) };
    let (Some(ids), Some(org)) =
        (column(u, "unit").and_then(Text::of), column(u, "org_predicate").and_then(Text::of))
    else {
        return Ok(None);
    };
    for r in 0..u.num_rows() {
        if ids.get(r) == Some(unit) {
            if let Some(w) = org.get(r) {
                return OrgPredicate::parse_label(w).map(Some).map_err(|e| ScoreError {
                    problem: Problem::new(TableKind::Units, format!("column `org_predicate`: {e}"))
                        .at_cell("org_predicate", w),
                    family: ErrorFamily::Input,
                });
            }
        }
    }
    Ok(None)
}
