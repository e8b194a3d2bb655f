//! `POST /v1/score`: the extension point for the table layer.
//!
//! Scoring a roster from a file (CSV with the delimiter detected, XLSX, Parquet, Arrow IPC
//! stream or JSON rows) needs the `kinerja-table` crate, which is not built into this server
//! yet. Until it is, the route answers 501 with a problem saying so; it is never faked.
//!
//! TODO(kinerja-table): when the crate lands, this handler will
//! 1. take the raw body (`axum::body::Bytes`, limited by `--max-body`) and the query
//!    (`rules`, `number_format`, `lang`, `on_error`, `detail`, `delimiter`, `sheet`) and choose
//!    the reader from `Content-Type` (`text/csv`, `application/vnd.openxmlformats-officedocument.spreadsheetml.sheet`,
//!    `application/vnd.apache.parquet`, `application/vnd.apache.arrow.stream`, `application/json`);
//! 2. in the CPU pool ([`crate::pool::CpuPool::run`]), call the table layer's reader
//!    (`kinerja_table::read` / `read_csv` / `read_xlsx` / `read_parquet` / `read_arrow` into its
//!    canonical long table), then its scoring entry point (`kinerja_table::score`, which runs
//!    the core's batch kernels exactly as `kj.score` does);
//! 3. answer in the format of `Accept` through its writers (`kinerja_table::write_csv`,
//!    `write_xlsx`, `write_arrow`, or the JSON shape `{"employees": [...], "units": [...],
//!    "errors": [...]}`), and map its located `Problem` (row, employee, indicator, column,
//!    value) onto [`crate::problem::Problem`].
//!
//! Set [`AVAILABLE`] to true then; the web page and `/health` read it.

use crate::problem::{Kind, Problem};

/// Whether scoring files is built in (shown by `GET /health` and the web page).
pub const AVAILABLE: bool = false;

/// Scores a roster from a file: not built into this server yet (501).
#[utoipa::path(post, path = "/v1/score", tag = "score", security(("bearer" = [])),
    responses(
        (status = 501, description = "The table layer is not built into this server yet", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn score() -> Problem {
    Problem::new(
        Kind::NotImplemented,
        "the table layer is not built into this server yet: scoring CSV, XLSX, Parquet or Arrow files is not available; evaluate plans one by one with POST /v1/evaluate",
    )
}
