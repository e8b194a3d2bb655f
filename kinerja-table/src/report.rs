//! Evaluation documents of a roster: every employee of the tables evaluated by the scalar
//! [`evaluate`] (the same plans [`crate::plans`] builds for an
//! explanation) and written as a [`Document`], plus one report per unit.
//!
//! The tables are read as [`run`](crate::run::run) reads them. Any cell the reader cannot take
//! stops the call, naming its row: a roster's documents are never made with a row left out.
//! An employee whose plan is refused (a zero target, a missing rating) names a row as well,
//! the one [`run`](crate::run::run) names: the employee's first indicator row of the indicator
//! the refusal names, else the employee's first indicator row.
#![allow(clippy::result_large_err)] // one error type per crate, as in kinerja-core

use std::borrow::Cow;

use kinerja_core::document::{Document, EmployeeDocument, UnitReport, employee_document, unit_report};
use kinerja_core::evaluation::Evaluation;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{OrgPredicate, Plan};
use kinerja_core::period::Period;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::Ruleset;

use crate::cells::{Text, column};
use crate::locate;
use crate::plans::plan_of;
use crate::problem::Problem;
use crate::read::{ReadError, ReadOptions, ReadTable};
use crate::run::{Inputs, RunError, read_source, rules_for, tables};
use crate::schema::TableKind;
use crate::score::{OnError, ScoreError, Tables};

/// What [`report`] makes.
#[derive(Debug, Clone, Default)]
#[non_exhaustive]
pub struct ReportOptions {
    /// The evaluated period (default: as [`run`](crate::run::run) resolves it).
    pub period: Option<Period>,
    /// The language of every text.
    pub lang: Lang,
    /// Only these employees (NIPs), in this order; `None`: every employee of the tables.
    pub employees: Option<Vec<String>>,
    /// Also one report per unit (after the employees' documents).
    pub unit_reports: bool,
    /// `Raise`: the first employee that cannot be evaluated stops the call; `Collect`: it is
    /// listed in [`Report::errors`] (and left out of its unit's report) and the others go on.
    pub on_error: OnError,
    /// Counters another thread may read while the report is made (for a progress bar).
    pub progress: Option<std::sync::Arc<Progress>>,
}

/// How far [`report`] is: employees evaluated so far out of the total.
#[derive(Debug, Default)]
pub struct Progress {
    /// Employees done (evaluated or failed).
    pub done: std::sync::atomic::AtomicUsize,
    /// Employees to do (known once the tables are read).
    pub total: std::sync::atomic::AtomicUsize,
}

impl ReportOptions {
    /// Every employee, with unit reports, in `lang`.
    pub fn new(lang: Lang) -> Self {
        ReportOptions {
            period: None,
            lang,
            employees: None,
            unit_reports: true,
            on_error: OnError::Raise,
            progress: None,
        }
    }
}

/// The documents of a roster.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Report {
    /// One document per employee, with the NIP, in the order of the tables.
    pub employees: Vec<(String, Document)>,
    /// One report per unit, with the unit id, in order of first appearance.
    pub units: Vec<(String, Document)>,
    /// The evaluations the documents were made from, in the order of `employees`.
    pub evaluations: Vec<Evaluation>,
    /// Employees that could not be evaluated (`Collect` mode), each with its error.
    pub errors: Vec<(String, RunError)>,
    /// The language of the documents.
    pub lang: Lang,
}

impl Report {
    /// Every document: the employees', then the units', then (collect mode) the list of the
    /// employees that could not be evaluated, so a printed roster never drops one silently.
    pub fn documents(&self) -> Vec<Document> {
        let mut out: Vec<Document> =
            self.employees.iter().chain(&self.units).map(|(_, d)| d.clone()).collect();
        if let Some(d) = self.errors_document() {
            out.push(d);
        }
        out
    }

    /// The employees that could not be evaluated, with the reason, as a document (`None` when
    /// every employee was evaluated). The reasons are the engine's messages, in the documents'
    /// language.
    pub fn errors_document(&self) -> Option<Document> {
        if self.errors.is_empty() {
            return None;
        }
        let lang = self.lang;
        let rows = self.errors.iter().map(|(nip, e)| vec![nip.clone(), e.text(lang)]).collect();
        Some(kinerja_core::document::list_document(
            lang,
            lang.pick("Pegawai yang tidak dapat dinilai", "Employees not evaluated"),
            lang.pick(
                "Data mereka perlu diperbaiki sebelum dokumennya dapat dibuat.",
                "Their data must be corrected before their documents can be made.",
            ),
            ["NIP", lang.pick("Alasan", "Reason")],
            rows,
        ))
    }
}

/// Reads `inputs` and makes the documents `options` asks for under `rules`.
pub fn report(
    inputs: &Inputs,
    read: &ReadOptions,
    rules: &Ruleset,
    options: &ReportOptions,
) -> Result<Report, RunError> {
    report_with(inputs, read, Some(rules), options)
}

/// [`report`] under `rules`, or without them under the builtin ruleset in force for each
/// employee's evaluated period, as batch scoring chooses it
/// ([`batch_rules_for`](crate::run::batch_rules_for)): what a surface calls when its caller
/// names no rules, so that the documents of a 2019 roster are refused as its scoring is, not
/// made under PermenPANRB 6/2022.
pub fn report_with(
    inputs: &Inputs,
    read: &ReadOptions,
    rules: Option<&Ruleset>,
    options: &ReportOptions,
) -> Result<Report, RunError> {
    let mut read = read.clone();
    // under `Raise` each table's first problem is the one raised below: the others are not
    // worded; under `Collect` every problem may name its employee's error
    read.on_error = match options.on_error {
        OnError::Collect => kinerja_core::batch::OnError::Collect,
        _ => kinerja_core::batch::OnError::Defer,
    };
    read.columns_of_any_table = true;
    let ind = read_source(inputs.indicators, &read, TableKind::Indicators)?;
    let emp = inputs.employees.map(|s| read_source(s, &read, TableKind::Employees)).transpose()?;
    let units = inputs.units.map(|s| read_source(s, &read, TableKind::Units)).transpose()?;
    // a cell problem of an employee is that employee's error under `Collect`; any other
    // problem (and every problem under `Raise`) stops the report
    let mut read_errors: Vec<(String, RunError)> = Vec::new();
    for t in std::iter::once(&ind).chain(emp.iter()).chain(units.iter()) {
        for p in &t.problems {
            let error = RunError::Read { table: p.table, error: ReadError::Problem(Box::new(p.clone())) };
            match (&p.employee, options.on_error) {
                (Some(id), OnError::Collect) => {
                    if !read_errors.iter().any(|(e, _)| e == id) {
                        read_errors.push((id.clone(), error));
                    }
                }
                _ => return Err(error),
            }
        }
    }
    let tables = tables(&ind, &emp, &units);
    let ids = match &options.employees {
        Some(v) => v.clone(),
        None => employee_ids(tables.employees.unwrap_or(tables.indicators)),
    };
    if ids.is_empty() {
        let msg = "the tables hold no employee, so there is no document to make; give at least one row";
        return Err(RunError::Score(ScoreError {
            problem: Problem::new(TableKind::Indicators, msg),
            family: kinerja_core::error::ErrorFamily::Input,
        }));
    }
    let lang = options.lang;
    let mut out = Report {
        employees: Vec::new(),
        units: Vec::new(),
        evaluations: Vec::new(),
        errors: Vec::new(),
        lang,
    };
    let tick = |done: usize| {
        if let Some(p) = &options.progress {
            p.done.store(done, std::sync::atomic::Ordering::Relaxed);
        }
    };
    if let Some(p) = &options.progress {
        p.total.store(ids.len(), std::sync::atomic::Ordering::Relaxed);
    }
    for (n, id) in ids.iter().enumerate() {
        tick(n);
        if let Some(k) = read_errors.iter().position(|(e, _)| e == id) {
            out.errors.push(read_errors.swap_remove(k));
            continue;
        }
        match one(&tables, &ind, id, options.period, rules, lang) {
            Ok((ev, doc)) => {
                out.employees.push((id.clone(), doc));
                out.evaluations.push(ev);
            }
            Err(e) if options.on_error == OnError::Collect => out.errors.push((id.clone(), e)),
            Err(e) => return Err(e),
        }
    }
    tick(ids.len());
    if options.unit_reports {
        // every employee's rules are PermenPANRB 6/2022's when none are given
        let rules = match rules {
            Some(r) => Cow::Borrowed(r),
            None => rules_for(None, None).map_err(RunError::Score)?,
        };
        out.units = unit_documents(&tables, &out.evaluations, &rules, lang)?;
    }
    Ok(out)
}

/// The evaluation and document of employee `id` of `tables`, whose indicator table `ind`
/// was read: an error about the employee's plan names its row there, as
/// [`explain`](crate::run::explain) names it.
fn one(
    tables: &Tables,
    ind: &ReadTable,
    id: &str,
    period: Option<Period>,
    rules: Option<&Ruleset>,
    lang: Lang,
) -> Result<(Evaluation, Document), RunError> {
    let (plan, period) = plan_of(tables, id, period).map_err(|e| locate::plan_error(e, ind))?;
    let rules = match rules {
        Some(r) => Cow::Borrowed(r),
        None => rules_for(None, Some(period)).map_err(RunError::Score)?,
    };
    let rules = rules.as_ref();
    let located = |e: kinerja_core::Error| locate::engine_error(&e, id, ind);
    let ev = evaluate(&plan, period, rules).map_err(located)?;
    let doc = employee_document(&EmployeeDocument::new(&ev).with_plan(&plan), &rules.policy, lang)
        .map_err(located)?;
    Ok((ev, doc))
}

/// The report of one employee's plan, as [`report`] makes it (for callers that hold a plan).
pub fn employee_report(
    plan: &Plan,
    period: Period,
    rules: &Ruleset,
    lang: Lang,
) -> kinerja_core::Result<Document> {
    let ev = evaluate(plan, period, rules)?;
    employee_document(&EmployeeDocument::new(&ev).with_plan(plan), &rules.policy, lang)
}

fn unit_documents(
    tables: &Tables,
    evaluations: &[Evaluation],
    rules: &Ruleset,
    lang: Lang,
) -> Result<Vec<(String, Document)>, RunError> {
    let mut order: Vec<&str> = Vec::new();
    for e in evaluations {
        if !order.contains(&e.unit.as_str()) {
            order.push(&e.unit);
        }
    }
    let mut out = Vec::new();
    for unit in order {
        let evs: Vec<Evaluation> = evaluations.iter().filter(|e| e.unit == unit).cloned().collect();
        let mut input = UnitReport::new(unit, &evs);
        let (name, org) = unit_row(tables.units, unit).map_err(RunError::Score)?;
        if let Some(n) = name {
            input = input.with_name(n);
        }
        if let Some(o) = org {
            input = input.with_org_predicate(o);
        }
        let doc = unit_report(&input, &rules.policy, lang).map_err(|e| {
            RunError::Score(ScoreError {
                problem: Problem::new(TableKind::Units, format!("unit `{unit}`: {e}")),
                family: e.family(),
            })
        })?;
        out.push((unit.to_string(), doc));
    }
    Ok(out)
}

/// The `name` and `org_predicate` of `unit` in the unit table.
fn unit_row(
    units: Option<&arrow_array::RecordBatch>,
    unit: &str,
) -> Result<(Option<String>, Option<OrgPredicate>), ScoreError> {
    let Some(u) = units else { return Ok((None, None)) };
    let Some(ids) = column(u, "unit").and_then(Text::of) else { return Ok((None, None)) };
    let text =
        |name: &str, r: usize| column(u, name).and_then(Text::of).and_then(|c| c.get(r)).map(str::trim);
    for r in 0..u.num_rows() {
        if ids.get(r).map(str::trim) == Some(unit) {
            let name = text("name", r).filter(|s| !s.is_empty()).map(String::from);
            let org = match text("org_predicate", r).filter(|s| !s.is_empty()) {
                None => None,
                Some(w) => Some(OrgPredicate::parse_label(w).map_err(|e| ScoreError {
                    problem: Problem::new(TableKind::Units, format!("unit `{unit}`, org_predicate: {e}")),
                    family: e.family(),
                })?),
            };
            return Ok((name, org));
        }
    }
    Ok((None, None))
}

/// The employee ids of `batch`, in order of first appearance.
fn employee_ids(batch: &arrow_array::RecordBatch) -> Vec<String> {
    let Some(c) = column(batch, "employee").and_then(Text::of) else { return Vec::new() };
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    for r in 0..batch.num_rows() {
        if let Some(id) = c.get(r).map(str::trim).filter(|s| !s.is_empty()) {
            if seen.insert(id.to_string()) {
                out.push(id.to_string());
            }
        }
    }
    out
}
