//! # kinerja-server
//!
//! An HTTP service over [`kinerja_core`] for other government apps (PHP, Java, JavaScript) and a
//! web page for HR staff, in one binary: `kinerja-server --bind 127.0.0.1:8080`.
//!
//! * `GET /health`, `GET /openapi.json` (OpenAPI 3.1, generated), `GET /docs`, `GET /`;
//! * `GET /v1/rulesets`, `GET /v1/policy/schema`, `POST /v1/evaluate`,
//!   `POST /v1/distribution`, `POST /v1/compare`, `POST /v1/score` (a roster from a CSV, XLSX,
//!   Parquet or Arrow file, or JSON rows, through the table layer `kinerja_table`).
//!
//! Every error is an RFC 9457 problem ([`problem::Problem`]); bad input is always 4xx.
//! CPU-bound work runs in a bounded pool ([`pool::CpuPool`]); the server shuts down
//! gracefully. No logic lives here: every result comes from the core's functions and the table layer.
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::expect_used, clippy::panic))]
// A problem carries every location member; it is the cold path of a request (built once, sent
// once), so its size is accepted, as for the core's `Error`.
#![allow(clippy::result_large_err)]

pub mod auth;
pub mod body;
pub mod cli;
pub mod compare;
pub mod config;
pub mod distribution;
pub mod evaluate;
pub mod input;
pub mod meta;
pub mod openapi;
pub mod pages;
pub mod pool;
pub mod problem;
pub mod score;
pub mod state;
pub mod trace;

use std::future::Future;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::{get, post};
use tokio::net::TcpListener;
use tower_http::timeout::TimeoutLayer;

pub use config::Config;
pub use state::AppState;

/// The application: every route with its layers, over `state`.
pub fn app(state: AppState) -> Router {
    let v1 = Router::new()
        .route("/rulesets", get(meta::rulesets))
        .route("/policy/schema", get(meta::policy_schema))
        .route("/evaluate", post(evaluate::evaluate))
        .route("/distribution", post(distribution::distribution))
        .route("/compare", post(compare::compare))
        .route("/score", post(score::score))
        .route("/score/explain", post(score::explain::explain))
        .route("/report", post(score::report::report))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), auth::require_token));
    Router::new()
        .route("/", get(pages::index))
        .route("/docs", get(pages::docs))
        .route("/openapi.json", get(pages::openapi))
        .route("/health", get(meta::health))
        .nest("/v1", v1)
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(state.config.max_body))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, state.config.timeout))
        .layer(axum::middleware::map_response(problem::problemify))
        .with_state(state)
}

async fn not_found() -> problem::Problem {
    problem::Problem::from_status(StatusCode::NOT_FOUND)
}

/// Serves `state` on `listener` until `shutdown` completes, then finishes the requests in
/// flight and returns.
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, app(state)).with_graceful_shutdown(shutdown).await
}

/// Installs the SIGTERM and SIGINT (Ctrl-C) handlers now and returns a future that completes
/// on either: call it before announcing that the server listens, so a signal sent right
/// after that line (by a supervisor or a test) already shuts down gracefully instead of
/// killing the process. Must be called inside the tokio runtime.
pub fn shutdown_signal() -> std::io::Result<impl Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let (mut term, mut int) = (signal(SignalKind::terminate())?, signal(SignalKind::interrupt())?);
        Ok(async move {
            tokio::select! {
                _ = term.recv() => {},
                _ = int.recv() => {},
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
    }
}
