//! `POST /v1/report`: the evaluation documents of a roster file (PDF or HTML) — one employee's
//! with `employee=NIP`, else every employee's followed by one report per unit.
//!
//! The body, its content types and the query are those of `POST /v1/score`, plus `employee`
//! and `format` (`pdf`, default, or `html`). The documents are made by
//! `kinerja_table::report` (the scalar engine on each employee's plan, as
//! `POST /v1/score/explain` does) and printed by `kinerja_pdf`.

use axum::body::Body;
use axum::extract::{RawQuery, Request, State};
use axum::http::header;
use axum::response::Response;
use kinerja_table::report::{ReportOptions, report_with as make_report};
use serde::Deserialize;

use super::input::{self, Tables};
use super::{Options, ScoreQuery, errors};
use crate::problem::{Kind, Problem};
use crate::state::AppState;

/// The parameters `/v1/report` adds to those of `/v1/score`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Extra {
    employee: Option<String>,
    format: Option<String>,
}

/// The query split into the report's own parameters and the options of `/v1/score`.
fn split_query(raw: Option<&str>) -> Result<(Extra, ScoreQuery), Problem> {
    super::split_query(raw, &["employee", "format"], "give `employee` and `format` at most once")
}

/// The documents of a roster file, or of one employee in it, as PDF or HTML.
#[utoipa::path(post, path = "/v1/report", tag = "score", security(("bearer" = [])),
    params(
        ("employee" = Option<String>, Query, description = "Only this employee's document (NIP); default: every employee, then the unit reports.", example = "198701012010011001"),
        ("format" = Option<String>, Query, description = "`pdf` (default) or `html`."),
        ScoreQuery,
    ),
    request_body(description = "The roster, as for `POST /v1/score`: a CSV file, an XLSX workbook, a Parquet file, an Arrow IPC stream, or JSON rows.",
        content(
            (String = "text/csv", example = "employee,name,unit,indicator,target,actual,weight,period,work_result,behaviour\n198701012010011001,Maria Lende,BKPSDM,a,100,97.5,40,2024,meets,above\n198701012010011001,Maria Lende,BKPSDM,b,1200,1080,60,2024,meets,above\n"),
            ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("application/vnd.apache.parquet"),
            ("application/vnd.apache.arrow.stream"),
            (super::ScoreRows = "application/json", example = super::rows_example),
        )),
    responses(
        (status = 200, description = "The documents (A4 PDF with fonts embedded, or one self-contained HTML page)", content(
            (Vec<u8> = "application/pdf"),
            (String = "text/html"),
        )),
        (status = 400, description = "A file that cannot be read, JSON rows of the wrong shape or an unknown query parameter (located)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The request took too long", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not a table format read here", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An employee not in the file, or a table, cell, plan or ruleset refused by the rules (located)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn report(
    State(st): State<AppState>,
    RawQuery(raw): RawQuery,
    req: Request,
) -> Result<Response, Problem> {
    let (extra, q) = split_query(raw.as_deref())?;
    let pdf = match extra.format.as_deref().map(str::trim) {
        None | Some("pdf") => true,
        Some("html") => false,
        Some(other) => {
            return Err(super::bad_param(
                "format",
                format!("`{other}` is not accepted; accepted: pdf, html"),
            ));
        }
    };
    let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
    let (media, charset) = input::media(content_type)?;
    let body = crate::body::limited(req, &st).await?;
    let cfg = st.config.clone();
    let bytes = st
        .pool
        .run(move || {
            let opts = Options::of(&q, cfg.lang, media, charset)?;
            let tables = Tables::decode(media, body, cfg.max_depth, opts.read.number_format)?;
            crate::pool::checkpoint()?;
            let mut o = ReportOptions::new(opts.lang);
            o.period = opts.score.period;
            o.on_error = opts.score.on_error;
            o.unit_reports = extra.employee.is_none();
            o.employees = extra.employee.map(|e| vec![e]);
            let made = make_report(&tables.inputs(), &opts.read, opts.rules.as_ref(), &o)
                .map_err(errors::run_problem)?;
            let docs = made.documents();
            crate::pool::checkpoint()?;
            if pdf {
                kinerja_pdf::render(&docs).map_err(|e| Problem::new(Kind::Internal, e.to_string()))
            } else {
                Ok(kinerja_core::document::to_html(&docs).into_bytes())
            }
        })
        .await?;
    let media = if pdf { "application/pdf" } else { "text/html; charset=utf-8" };
    Response::builder()
        .header(header::CONTENT_TYPE, media)
        .body(Body::from(bytes))
        .map_err(|e| Problem::new(Kind::Internal, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn employee_and_format_are_taken_out_of_the_score_query() {
        let (x, q) = split_query(Some("employee=19870101&format=html&lang=en")).unwrap();
        assert_eq!(
            (x.employee.as_deref(), x.format.as_deref(), q.lang.as_deref()),
            (Some("19870101"), Some("html"), Some("en"))
        );
        let (x, _) = split_query(None).unwrap();
        assert!(x.employee.is_none() && x.format.is_none());
        assert_eq!(split_query(Some("employee=a&employee=b")).unwrap_err().status, 400);
        assert_eq!(split_query(Some("bogus=1")).unwrap_err().status, 400);
    }
}
