//! `POST /v1/distribution`: a roster's predicates against the distribution curve of
//! SE MenPANRB 3/2023 for the unit's organisational predicate (as `kj.check_distribution`).

use axum::Json;
use axum::extract::State;
use kinerja_core::error::{Error, Location};
use kinerja_core::model::{OrgPredicate, Predicate};
use kinerja_core::org::check_distribution;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::body::{JsonBytes, parse_exact};
use crate::input::{RulesArg, lang, ruleset};
use crate::meta::lang_code;
use crate::problem::{Kind, Problem};
use crate::state::AppState;
use crate::trace::TraceView;

/// A roster's predicates and the unit's organisational predicate.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DistributionRequest {
    /// One entry per employee: a predicate (`"good"`, or a label such as `"Baik"`; the employee
    /// is then `#1`, `#2`, … by position), a pair `["<employee>", "<predicate>"]` or an object
    /// `{"employee": "<id>", "predicate": "<predicate>"}`.
    #[schema(value_type = Vec<Object>, example = json!(["very_good", "good", ["199001012015031001", "good"], {"employee": "e4", "predicate": "needs_improvement"}]))]
    pub predicates: Vec<Value>,
    /// The unit's organisational predicate (`outstanding`, `good`, `needs_improvement`,
    /// `poor`, `very_poor`, or a label; default `good`).
    #[serde(default)]
    #[schema(example = "good")]
    pub org_predicate: Option<String>,
    /// The ruleset whose policy rounds shares into counts (default: builtin 6/2022).
    #[serde(default)]
    pub rules: Option<RulesArg>,
    /// Language of the explanation.
    #[serde(default)]
    pub lang: Option<String>,
}

/// The check of the roster against the curve.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DistributionResponse {
    /// True when every constraint is met.
    pub passed: bool,
    /// Counted employees.
    pub headcount: u64,
    /// The full report in the JSON form of `DistributionReport.to_json()`: counts per
    /// predicate, every constraint with its rule, bound, actual count, verdict and source.
    #[schema(value_type = Object)]
    pub report: Value,
    /// Language of the texts below.
    pub lang: String,
    /// The explanation as plain text.
    pub explanation: String,
    /// The explanation's steps with their citations.
    pub trace: TraceView,
}

fn entry(i: usize, v: &Value) -> Result<(String, Predicate), Error> {
    let bad =
        |reason: String| Error::Input { at: Location::row(i as u64), field: "predicates".into(), reason };
    let (id, p) = match v {
        Value::String(p) => (format!("#{}", i + 1), p.as_str()),
        Value::Array(a) => match a.as_slice() {
            [Value::String(id), Value::String(p)] => (id.clone(), p.as_str()),
            _ => return Err(bad(format!("a pair must be [\"<employee>\", \"<predicate>\"], got {v}"))),
        },
        Value::Object(o) => {
            if let Some(k) = o.keys().find(|k| !matches!(k.as_str(), "employee" | "id" | "predicate")) {
                return Err(bad(format!(
                    "an object has the members `employee` and `predicate` only; `{k}` is not one (got {v})"
                )));
            }
            if o.contains_key("employee") && o.contains_key("id") {
                return Err(bad(format!("an object names its employee once, as `employee` (got {v})")));
            }
            let id = o.get("employee").or_else(|| o.get("id"));
            match (id, o.get("predicate")) {
                (Some(Value::String(id)), Some(Value::String(p))) => (id.clone(), p.as_str()),
                _ => {
                    return Err(bad(format!(
                        "an object needs string members `employee` and `predicate`, got {v}"
                    )));
                }
            }
        }
        _ => return Err(bad(format!("expected a predicate, a pair or an object, got {v}"))),
    };
    let p: Predicate = p.parse().map_err(|e: Error| e.within(&Location::employee(&id).with_row(i as u64)))?;
    Ok((id, p))
}

/// Checks the predicates of a unit's employees against the curve.
#[utoipa::path(post, path = "/v1/distribution", tag = "organisation", security(("bearer" = [])),
    request_body(content = DistributionRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "The report (passed or not)", body = DistributionResponse),
        (status = 400, description = "Malformed JSON or a body of the wrong shape (located)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Token missing or wrong", body = Problem, content_type = "application/problem+json"),
        (status = 408, description = "The request took too long", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over the limit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not application/json", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "An unknown predicate or a duplicate employee (located)", body = Problem, content_type = "application/problem+json"),
        (status = 503, description = "Busy; retry after Retry-After", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn distribution(
    State(st): State<AppState>,
    JsonBytes(body): JsonBytes,
) -> Result<Json<DistributionResponse>, Problem> {
    let cfg = st.config.clone();
    let out = st
        .pool
        .run(move || {
            let req: DistributionRequest = parse_exact(&body, cfg.max_depth)?;
            let lang = lang(req.lang.as_deref(), cfg.lang)?;
            let rules = ruleset(req.rules.as_ref(), "rules", None)?;
            let org: OrgPredicate = req
                .org_predicate
                .as_deref()
                .unwrap_or("good")
                .parse()
                .map_err(|e: Error| Problem::from(e).or_field("org_predicate"))?;
            let roster =
                req.predicates.iter().enumerate().map(|(i, v)| entry(i, v)).collect::<Result<Vec<_>, _>>()?;
            let r = check_distribution(org, &roster, &rules.policy.organisation)?;
            let report = serde_json::to_value(&r)
                .map_err(|e| Problem::new(Kind::Internal, format!("report could not be written: {e}")))?;
            Ok(DistributionResponse {
                passed: r.passed,
                headcount: r.headcount,
                report,
                lang: lang_code(lang).into(),
                explanation: r.explain(lang),
                trace: TraceView::of(&r.trace, lang),
            })
        })
        .await?;
    Ok(Json(out))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_in_three_shapes() {
        assert_eq!(entry(0, &serde_json::json!("good")).unwrap(), ("#1".into(), Predicate::Good));
        assert_eq!(
            entry(1, &serde_json::json!(["e2", "very_good"])).unwrap(),
            ("e2".into(), Predicate::VeryGood)
        );
        let o = serde_json::json!({"employee": "e3", "predicate": "needs_improvement"});
        assert_eq!(entry(2, &o).unwrap(), ("e3".into(), Predicate::NeedsImprovement));
        let e = entry(4, &serde_json::json!(["e5", "superb"])).unwrap_err();
        let at = e.location().unwrap();
        assert_eq!((at.row, at.employee.as_deref()), (Some(4), Some("e5")));
        assert!(entry(0, &serde_json::json!(3)).is_err());
        // `id` for `employee`, but never both, and no other member
        let o = serde_json::json!({"id": "e6", "predicate": "good"});
        assert_eq!(entry(5, &o).unwrap(), ("e6".into(), Predicate::Good));
        let both = serde_json::json!({"employee": "e1", "id": "e2", "predicate": "good"});
        assert!(entry(0, &both).unwrap_err().to_string().contains("names its employee once"));
        let extra = serde_json::json!({"employee": "e1", "predicate": "good", "x": 1});
        assert!(entry(0, &extra).unwrap_err().to_string().contains("`x` is not one"));
    }
}
