//! `POST /v1/evaluate`: one plan under a ruleset, with the cited explanation.

use axum::Json;
use axum::extract::State;
use kinerja_core::evaluation::Evaluation;
use kinerja_core::explain::Labelled;
use kinerja_core::model::Plan;
use kinerja_core::regime;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::body::{JsonBytes, parse_exact};
use crate::input::{RulesArg, lang, period, ruleset};
use crate::meta::lang_code;
use crate::problem::{Kind, Problem};
use crate::state::AppState;
use crate::trace::TraceView;

/// A plan to evaluate.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EvaluateRequest {
    /// The plan (SKP with realisations and assessments) in the JSON form of `Plan.to_json()`.
    #[schema(value_type = Object)]
    pub plan: Plan,
    /// The ruleset (default: the builtin `permenpanrb-6-2022`).
    #[serde(default)]
    pub rules: Option<RulesArg>,
    /// The period (`2024`, `2024-S1`, `2024-Q1`, `2024-03`; default: the plan's year).
    #[serde(default)]
    #[schema(example = "2024")]
    pub period: Option<String>,
    /// Language of the explanation: `id` (default of the server) or `en`.
    #[serde(default)]
    #[schema(example = "id")]
    pub lang: Option<String>,
}

/// The evaluation with its explanation in one language.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EvaluateResponse {
    /// The full evaluation in the JSON form of `Evaluation.to_json()` (both languages).
    #[schema(value_type = Object)]
    pub evaluation: serde_json::Value,
    /// The predicate's value (`very_good`, `good`, `needs_improvement`, `poor_misconduct`,
    /// `very_poor`).
    #[schema(example = "very_good")]
    pub predicate: String,
    /// The predicate as the regime names it, in `lang`.
    #[schema(example = "Sangat Baik")]
    pub predicate_label: String,
    /// Language of the texts below.
    pub lang: String,
    /// Notes (excluded indicators, disagreements) in `lang`.
    pub notes: Vec<String>,
    /// The explanation as plain text, every step with its citation.
    pub explanation: String,
    /// The explanation's steps with their citations.
    pub trace: TraceView,
}

/// Evaluates one plan for a period under a ruleset.
#[utoipa::path(post, path = "/v1/evaluate", tag = "evaluate", security(("bearer" = [])),
    request_body(content = EvaluateRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The evaluation and its explanation", body = EvaluateResponse),
        (status = 400, description = "Malformed JSON or a body of the wrong shape (located)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The request took too long", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The plan, period or ruleset is refused by the rules (located)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn evaluate(
    State(st): State<AppState>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<EvaluateResponse>, Problem> {
    let cfg = st.config.clone();
    let out = st
        .pool
        .run(move || {
            let req: EvaluateRequest = parse_exact(&body, cfg.max_depth)?;
            let lang = lang(req.lang.as_deref(), cfg.lang)?;
            let period = period(req.period.as_deref(), Some(req.plan.year))?;
            let rules = ruleset(req.rules.as_ref(), "rules", Some(&period))?;
            req.plan.validate()?;
            let ev = regime::evaluate(&req.plan, period, &rules)?;
            respond(&ev, lang)
        })
        .await?;
    Ok(Json(out))
}

/// The answer for an evaluation: its JSON, predicate, notes, explanation and trace in `lang`
/// (also the answer of `POST /v1/score/explain`).
pub(crate) fn respond(
    ev: &Evaluation,
    lang: kinerja_core::explain::Lang,
) -> Result<EvaluateResponse, Problem> {
    let evaluation = serde_json::to_value(ev)
        .map_err(|e| Problem::new(Kind::Internal, format!("evaluation could not be written: {e}")))?;
    Ok(EvaluateResponse {
        evaluation,
        predicate: ev.predicate.value().into(),
        predicate_label: ev.predicate_label(lang).into(),
        lang: lang_code(lang).into(),
        notes: ev.notes.iter().map(|n| n.get(lang).to_string()).collect(),
        explanation: ev.explain(lang),
        trace: TraceView::of(&ev.trace, lang),
    })
}
