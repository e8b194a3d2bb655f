//! `POST /v1/compare`: what-if between two rulesets on the same plans (as `kj.compare`).

use axum::Json;
use axum::extract::State;
use kinerja_core::compare::compare as core_compare;
use kinerja_core::model::Plan;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::body::{JsonBytes, parse_exact};
use crate::input::{RulesArg, lang, period, ruleset};
use crate::meta::lang_code;
use crate::problem::{Kind, Problem};
use crate::state::AppState;

/// Plans and the two rulesets to compare.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CompareRequest {
    /// The plans (each in the JSON form of `Plan.to_json()`); employee ids must be unique.
    #[schema(value_type = Vec<Object>)]
    pub plans: Vec<Plan>,
    /// Ruleset A (the current one).
    pub a: RulesArg,
    /// Ruleset B (the one considered).
    pub b: RulesArg,
    /// The period (default: the first plan's year).
    #[serde(default)]
    #[schema(example = "2024")]
    pub period: Option<String>,
    /// Language of the text report.
    #[serde(default)]
    pub lang: Option<String>,
}

/// What changes per employee under B, with a summary.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CompareResponse {
    /// The comparison in the JSON form of `Comparison.to_json()`: one row per plan (outcome
    /// under A and B, changed fields) and the summary counts. An evaluation that fails under
    /// a ruleset is reported in its row (`error`), not as a problem.
    #[schema(value_type = Object)]
    pub comparison: serde_json::Value,
    /// Language of the report.
    pub lang: String,
    /// A readable report of the changed employees and the summary.
    pub text: String,
}

/// Evaluates the plans under ruleset A and ruleset B and reports the differences.
#[utoipa::path(post, path = "/v1/compare", tag = "evaluate", security(("bearer" = [])),
    request_body(content = CompareRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The comparison", body = CompareResponse),
        (status = 400, description = "Malformed JSON or a body of the wrong shape (located)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The request took too long", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An invalid plan, a duplicate employee, a bad period or ruleset (located)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn compare(
    State(st): State<AppState>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<CompareResponse>, Problem> {
    let cfg = st.config.clone();
    let out = st
        .pool
        .run(move || {
            let req: CompareRequest = parse_exact(&body, cfg.max_depth)?;
            let lang = lang(req.lang.as_deref(), cfg.lang)?;
            let period = period(req.period.as_deref(), req.plans.first().map(|p| p.year))?;
            let a = ruleset(Some(&req.a), "a", Some(&period))?;
            let b = ruleset(Some(&req.b), "b", Some(&period))?;
            kinerja_core::regime::check_roster(&req.plans)?;
            crate::pool::checkpoint()?;
            let c = core_compare(&req.plans, period, &a, &b);
            let comparison = serde_json::to_value(&c)
                .map_err(|e| Problem::new(Kind::Internal, format!("comparison could not be written: {e}")))?;
            Ok(CompareResponse { comparison, lang: lang_code(lang).into(), text: c.to_text(lang) })
        })
        .await?;
    Ok(Json(out))
}
