//! `POST /v1/score/explain?employee=NIP`: one employee of a roster file with the engine's cited
//! explanation — the answer `POST /v1/evaluate` gives for the employee's plan.
//!
//! The body, its content types and the query are those of `POST /v1/score` (the same reading
//! and the same evaluated period), plus `employee`. The table layer builds the employee's plan
//! and the scalar engine evaluates it (`kinerja_table::run::explain`), so the predicate is the
//! one `/v1/score` gives, with every step and its citation, and a refusal of the plan names the
//! row `/v1/score` names.

use axum::Json;
use axum::extract::{RawQuery, Request, State};
use axum::http::header;
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
            let ev = kinerja_table::run::explain(
                &tables.inputs(),
                &opts.read,
                &employee,
                opts.score.period,
                opts.rules.as_ref(),
            )
            .map_err(errors::run_problem)?;
            respond(&ev, opts.lang)
        })
        .await?;
    Ok(Json(out))
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
