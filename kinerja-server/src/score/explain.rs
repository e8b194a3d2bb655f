//! `POST /v1/score/explain?employee=NIP`: one employee of a roster file with the engine's cited
//! explanation — the answer `POST /v1/evaluate` gives for the employee's plan.
//!
//! The body, its content types and the query are those of `POST /v1/score` (the same reading
//! and the same evaluated period), plus `employee`. The table layer builds the employee's plan
//! (`kinerja_table::run::explain_inputs`) and the scalar engine evaluates it, so the predicate is
//! the one `/v1/score` gives, with every step and its citation.

use arrow_array::Array;
use arrow_array::cast::AsArray;
use axum::Json;
use axum::extract::{RawQuery, Request, State};
use axum::http::header;
use kinerja_core::error::Error;
use kinerja_core::regime;
use kinerja_table::problem::Problem as TableProblem;
use kinerja_table::read::ReadOptions;
use kinerja_table::run::{Inputs, RunError};
use kinerja_table::schema::TableKind;
use kinerja_table::score::ScoreError;
use serde::Deserialize;

use super::input::{self, Tables};
use super::{Options, ScoreQuery, errors};
use crate::evaluate::{EvaluateResponse, respond};
use crate::problem::Problem;
use crate::state::AppState;

/// The employee asked about.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Employee {
    employee: String,
}

/// The query split into the employee and the options of `/v1/score`.
fn split_query(raw: Option<&str>) -> Result<(String, ScoreQuery), Problem> {
    let hint = "give the employee's NIP once, as employee=…";
    let (Employee { employee }, q) = super::split_query(raw, &["employee"], hint)?;
    Ok((employee, q))
}

/// Explains one employee of a roster file: the evaluation of the employee's plan with its
/// cited explanation, as `POST /v1/evaluate` answers it.
#[utoipa::path(post, path = "/v1/score/explain", tag = "score", security(("bearer" = [])),
    params(
        ("employee" = String, Query, description = "The employee's id (NIP).", example = "198701012010011001"),
        ScoreQuery,
    ),
    request_body(description = "The roster, as for `POST /v1/score`: a CSV file, an XLSX workbook, a Parquet file, an Arrow IPC stream, or JSON rows.",
        content(
            (String = "text/csv", example = "employee,unit,indicator,target,actual,weight,period,work_result,behaviour\n198701012010011001,BKPSDM,a,100,97.5,40,2024,meets,above\n198701012010011001,BKPSDM,b,1200,1080,60,2024,meets,above\n"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/vnd.apache.parquet"),
            ("application/vnd.apache.arrow.stream"),
            (super::ScoreRows = "application/json", example = super::rows_example),
        )),
    responses(
        (status = 200, description = "The employee's evaluation and its explanation (as `POST /v1/evaluate`)", body = EvaluateResponse),
        (status = 400, description = "A file that cannot be read, JSON rows of the wrong shape, no `employee` or an unknown query parameter (located)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The request took too long", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a table format read here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An employee not in the file, or a table, cell, plan or ruleset refused by the rules (located)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn explain(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
    req: Request,
) -> Result<Json<EvaluateResponse>, Problem> {
    let (employee, q) = split_query(raw.as_deref())?;
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (media, charset) = input::media(content_type)?;
    let body = crate::body::limited(req, &st).await?;
    let cfg = st.config.clone();
    let out = st
        .pool
        .run(move || {
            let opts = Options::of(&q, cfg.lang, media, charset)?;
            let tables = Tables::decode(media, body, cfg.max_depth, opts.read.number_format)?;
            crate::pool::checkpoint()?;
            let (plan, period) = kinerja_table::run::explain_inputs(
                &tables.inputs(),
                &opts.read,
                &employee,
                opts.score.period,
            )
            .map_err(|e| errors::run_problem(at_first_row(e, &tables.inputs(), &opts.read)))?;
            let refused = |e| located(e, &tables.inputs(), &opts.read, &employee);
            plan.validate().map_err(refused)?;
            // the rules `/v1/score` would score this period under, or its refusal
            let rules = kinerja_table::run::batch_rules_for(opts.rules.as_ref(), Some(period))
                .map_err(|e| errors::run_problem(at_first_row(e, &tables.inputs(), &opts.read)))?;
            let ev = regime::evaluate(&plan, period, &rules).map_err(refused)?;
            respond(&ev, opts.lang)
        })
        .await?;
    Ok(Json(out))
}

/// An engine error about the employee's plan as the located 422 of `/v1/score`: at the first
/// row of the indicator table with the employee (and the indicator the error names), which is
/// the row `/v1/score` names for it. The table is read again only on this path.
fn located(e: Error, inputs: &Inputs, read: &ReadOptions, employee: &str) -> Problem {
    let problem = engine_problem(&e, inputs, read, employee);
    errors::run_problem(RunError::Score(ScoreError { problem, family: e.family() }))
}

/// The table problem of engine error `e` about `employee`'s plan, at its row.
fn engine_problem(e: &Error, inputs: &Inputs, read: &ReadOptions, employee: &str) -> TableProblem {
    let indicator = e.location().and_then(|at| at.indicator.clone());
    let row = first_row(inputs, read, employee, indicator.as_deref());
    let shown = match row {
        Some(r) => e.clone().at_row(r),
        None => e.clone(),
    };
    let mut problem = TableProblem::from_error(TableKind::Indicators, &shown).for_employee(employee);
    if let Some(r) = row {
        problem = problem.at_row(r);
    }
    if let Some(i) = indicator {
        problem = problem.for_indicator(i);
    }
    problem.column = e.field().map(str::to_string);
    problem
}

/// A problem about one employee's rows that names no row (an engine error about the plan, a
/// unit or an assessment missing), at the row `/v1/score` would name: that of the indicator
/// the error names, else the employee's first indicator row (also for `/v1/report`).
pub(super) fn at_first_row(e: RunError, inputs: &Inputs, read: &ReadOptions) -> RunError {
    let RunError::Score(mut s) = e else { return e };
    let Some(employee) = s.problem.employee.clone() else { return RunError::Score(s) };
    if s.problem.row.is_some() || s.problem.table != TableKind::Indicators {
        return RunError::Score(s);
    }
    match s.problem.error.as_deref() {
        Some(err) => s.problem = engine_problem(err, inputs, read, &employee),
        None => s.problem.row = first_row(inputs, read, &employee, s.problem.indicator.as_deref()),
    }
    RunError::Score(s)
}

/// The source row of the first indicator row of `employee` (of `indicator`, when given and
/// found), as the reader numbers it.
fn first_row(inputs: &Inputs, read: &ReadOptions, employee: &str, indicator: Option<&str>) -> Option<u64> {
    let mut read = read.clone();
    read.on_error = kinerja_core::batch::OnError::Collect;
    read.columns_of_any_table = true;
    let t = kinerja_table::run::read_source(inputs.indicators, &read, TableKind::Indicators).ok()?;
    let text = |name: &str| t.batch.column_by_name(name).and_then(|c| c.as_string_opt::<i32>().cloned());
    let ids = text("employee")?;
    let names = text("indicator");
    let same = |col: &arrow_array::StringArray, r: usize, v: &str| {
        col.is_valid(r) && col.value(r).trim() == v.trim()
    };
    let mine: Vec<usize> = (0..t.batch.num_rows()).filter(|&r| same(&ids, r, employee)).collect();
    let of_indicator =
        |i: &str| mine.iter().copied().find(|&r| names.as_ref().is_some_and(|n| same(n, r, i)));
    let r = indicator.and_then(of_indicator).or_else(|| mine.first().copied())?;
    t.source_rows.get(r).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_employee_is_taken_out_of_the_score_query() {
        let (e, q) = split_query(Some("employee=19870101%202010&lang=en&period=2024")).unwrap();
        assert_eq!(
            (e.as_str(), q.lang.as_deref(), q.period.as_deref()),
            ("19870101 2010", Some("en"), Some("2024"))
        );
        assert_eq!(split_query(Some("lang=en")).unwrap_err().status, 400);
        assert_eq!(split_query(Some("employee=a&employee=b")).unwrap_err().status, 400);
        assert_eq!(split_query(Some("employee=a&bogus=1")).unwrap_err().status, 400);
    }
}
