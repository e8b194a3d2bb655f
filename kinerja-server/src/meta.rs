//! `GET /health`, `GET /v1/rulesets` and `GET /v1/policy/schema`.

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::rules::{Policy, RegimeId};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::input::DEFAULT_RULESET;
use crate::problem::Problem;
use crate::state::AppState;

/// The server is up.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Health {
    /// Always `ok`.
    #[schema(example = "ok")]
    pub status: String,
    /// Server version.
    pub version: String,
    /// True when `/v1/` calls need a bearer token.
    pub auth: bool,
    /// True when `POST /v1/score` (the table layer) is built in.
    pub score: bool,
    /// Default language of explanations (`id` or `en`).
    pub lang: String,
    /// CPU-bound requests computed at once.
    pub workers: usize,
    /// Requests that may wait for a worker.
    pub queue: usize,
    /// Requests admitted now (computing or waiting).
    pub busy: usize,
    /// Largest accepted body in bytes.
    pub max_body: usize,
}

/// Liveness: answers without touching the CPU pool, so it stays fast under load.
#[utoipa::path(get, path = "/health", tag = "meta",
    responses((status = 200, description = "The server is up", body = Health)))]
pub async fn health(State(st): State<AppState>) -> Json<Health> {
    let c = &st.config;
    Json(Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        auth: c.token.is_some(),
        score: crate::score::AVAILABLE,
        lang: lang_code(c.lang).into(),
        workers: c.workers,
        queue: c.queue,
        busy: st.pool.admitted(),
        max_body: c.max_body,
    })
}

/// The code of a language.
pub fn lang_code(lang: Lang) -> &'static str {
    lang.pick("id", "en")
}

/// A builtin ruleset.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RulesetInfo {
    /// Id to pass as `rules`.
    #[schema(example = "permenpanrb-6-2022")]
    pub id: String,
    /// Name in Bahasa Indonesia.
    pub label: String,
    /// Name in English.
    pub label_en: String,
    /// The regulation cited.
    pub citation: String,
    /// First day of the performance periods it governs (`YYYY-MM-DD`).
    #[schema(example = "2022-01-01")]
    pub effective_from: String,
    /// Last day, or null while in force.
    pub effective_to: Option<String>,
    /// True for the ruleset used when a request names none.
    pub default: bool,
}

/// The builtin rulesets.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Rulesets {
    /// Oldest first.
    pub rulesets: Vec<RulesetInfo>,
}

/// The builtin rulesets with their effective dates.
#[utoipa::path(get, path = "/v1/rulesets", tag = "rules", security(("bearer" = [])),
    responses((status = 200, description = "The builtin rulesets", body = Rulesets),
              (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json")))]
pub async fn rulesets() -> Json<Rulesets> {
    let rulesets = RegimeId::ALL
        .iter()
        .map(|&r| {
            let (from, to) = r.effective();
            RulesetInfo {
                id: r.value().into(),
                label: r.label(Lang::Id).into(),
                label_en: r.label(Lang::En).into(),
                citation: r.citation().into(),
                effective_from: from.to_string(),
                effective_to: to.map(|d| d.to_string()),
                default: r.value() == DEFAULT_RULESET,
            }
        })
        .collect();
    Json(Rulesets { rulesets })
}

/// The JSON Schema of policy files (as `Policy.json_schema()`).
#[utoipa::path(get, path = "/v1/policy/schema", tag = "rules", security(("bearer" = [])),
    responses((status = 200, description = "JSON Schema (2020-12) of a policy", content_type = "application/schema+json", body = Object),
              (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json")))]
pub async fn policy_schema() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/schema+json")], Policy::json_schema())
}
