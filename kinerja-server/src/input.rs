//! Request members shared by the endpoints: a ruleset (builtin id or Ruleset JSON), the
//! language and the period. Each is read by the core's own parsers; a bad value is a located
//! problem naming the member.

use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::period::Period;
use kinerja_core::rules::{DatedPolicy, Policy, RegimeId, Ruleset};
use serde::{Deserialize, Serialize};
use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, Schema, Type};
use utoipa::openapi::{RefOr, schema::SchemaType};

use crate::problem::Problem;

/// The builtin ruleset used when a request names none (as in the Python `kj.evaluate`).
pub const DEFAULT_RULESET: &str = "permenpanrb-6-2022";

/// A ruleset: the id of a builtin ruleset (`"permenpanrb-6-2022"`, `"permenpanrb-8-2021"`,
/// `"pp-46-2011"`) or a Ruleset JSON object `{"regime": …, "policy": {…}}` as written by
/// `Ruleset.to_json()`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RulesArg(pub serde_json::Value);

impl utoipa::PartialSchema for RulesArg {
    fn schema() -> RefOr<Schema> {
        let ids: Vec<&str> = RegimeId::ALL.iter().map(|r| r.value()).collect();
        OneOfBuilder::new()
            .item(
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::String))
                    .enum_values(Some(ids.clone()))
                    .description(Some("The id of a builtin ruleset (national default policy).")),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Object))
                    .property(
                        "regime",
                        ObjectBuilder::new().schema_type(SchemaType::new(Type::String)).enum_values(Some(ids)),
                    )
                    .required("regime")
                    .property(
                        "policy",
                        ObjectBuilder::new()
                            .schema_type(SchemaType::from_iter([Type::Object, Type::Null]))
                            .description(Some(
                                "A policy; its JSON Schema is served at GET /v1/policy/schema. Null or absent: the national default policy.",
                            )),
                    )
                    .additional_properties(Some(utoipa::openapi::schema::AdditionalProperties::FreeForm(false)))
                    .description(Some("A Ruleset JSON object, as `Ruleset.to_json()` writes it.")),
            )
            .description(Some("A builtin ruleset id or a Ruleset JSON object."))
            .into()
    }
}

impl utoipa::ToSchema for RulesArg {}

/// The ruleset named by `arg` (default: the builtin PermenPANRB 6/2022 ruleset); errors name
/// `member` (`rules`, `a`, `b`) and the path inside it (`a.regime`, `a.policy.rating.advisory_bands`).
/// A policy with dated values (lists of `{from, value}`) is read for `period`, which it then
/// needs.
pub fn ruleset(arg: Option<&RulesArg>, member: &str, period: Option<&Period>) -> Result<Ruleset, Problem> {
    let input_error = |field: String, reason: String| {
        Problem::from(kinerja_core::Error::Input { at: Default::default(), field: field.clone(), reason })
            .or_field(field)
    };
    let obj = match arg.map(|a| &a.0) {
        // An optional `rules` sent as null arrives as `None`; a null `a` or `b` (required) is refused.
        None => return Ok(Ruleset::builtin(DEFAULT_RULESET)?),
        Some(serde_json::Value::String(id)) => {
            return Ruleset::builtin(id).map_err(|e| Problem::from(e).under(member));
        }
        Some(serde_json::Value::Object(o)) => o,
        Some(other) => {
            return Err(input_error(
                member.into(),
                format!("expected a builtin ruleset id (string) or a Ruleset JSON object, got `{other}`"),
            ));
        }
    };
    if let Some(k) = obj.keys().find(|k| *k != "regime" && *k != "policy") {
        return Err(input_error(
            format!("{member}.{k}"),
            format!("unknown member `{k}`; a ruleset has `regime` and `policy`"),
        ));
    }
    let base = match obj.get("regime") {
        Some(serde_json::Value::String(id)) => {
            Ruleset::builtin(id).map_err(|e| Problem::from(e).under(member))?
        }
        _ => {
            return Err(input_error(
                format!("{member}.regime"),
                "a ruleset needs `regime`: pp-46-2011, permenpanrb-8-2021 or permenpanrb-6-2022".into(),
            ));
        }
    };
    match obj.get("policy") {
        None | Some(serde_json::Value::Null) => Ok(base),
        Some(policy) => {
            let at = format!("{member}.policy");
            let read = || match period {
                Some(p) => DatedPolicy::from_value(policy.clone()).and_then(|d| d.for_period(p)),
                None => Policy::from_json(&policy.to_string()),
            };
            let policy = read().map_err(|e| {
                let mut p = Problem::from(e);
                p.field = Some(match p.field.take() {
                    Some(f) if !f.is_empty() && !f.starts_with('<') => format!("{at}.{f}"),
                    _ => at.clone(),
                });
                p
            })?;
            base.with_policy(policy).map_err(|e| Problem::from(e).under(&at))
        }
    }
}

/// The language named by `lang`, or `default`.
pub fn lang(lang: Option<&str>, default: Lang) -> Result<Lang, Problem> {
    match lang {
        None => Ok(default),
        Some(l) => l.parse().map_err(|e: kinerja_core::Error| Problem::from(e).or_field("lang")),
    }
}

/// The period named by `period`, or the annual period of `year`.
pub fn period(period: Option<&str>, year: Option<u16>) -> Result<Period, Problem> {
    let p = match (period, year) {
        (Some(p), _) => p.parse(),
        (None, Some(y)) => Period::annual(y),
        (None, None) => {
            return Err(Problem::from(kinerja_core::Error::Input {
                at: Default::default(),
                field: "period".into(),
                reason: "no plans and no period given; name the period, e.g. \"2024\"".into(),
            }));
        }
    };
    p.map_err(|e: kinerja_core::Error| Problem::from(e).or_field("period"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rulesets_by_id_object_or_default() {
        assert_eq!(ruleset(None, "rules", None).unwrap().id(), DEFAULT_RULESET);
        let pp46 = RulesArg(serde_json::json!("pp-46-2011"));
        assert_eq!(ruleset(Some(&pp46), "rules", None).unwrap().id(), "pp-46-2011");
        let obj = RulesArg(serde_json::json!({"regime": "permenpanrb-8-2021"}));
        assert_eq!(ruleset(Some(&obj), "rules", None).unwrap().id(), "permenpanrb-8-2021");
        let bad = ruleset(Some(&RulesArg(serde_json::json!("dp3"))), "a", None).unwrap_err();
        assert_eq!(bad.status, 422);
        assert_eq!(bad.field.as_deref(), Some("a.regime"));
        let num = ruleset(Some(&RulesArg(serde_json::json!(3))), "rules", None).unwrap_err();
        assert_eq!(num.field.as_deref(), Some("rules"));
        let extra = RulesArg(serde_json::json!({"regime": "pp-46-2011", "polcy": {}}));
        assert_eq!(ruleset(Some(&extra), "b", None).unwrap_err().field.as_deref(), Some("b.polcy"));
        let typo = RulesArg(serde_json::json!({"regime": "pp-46-2011", "policy": {"ratng": {}}}));
        let e = ruleset(Some(&typo), "rules", None).unwrap_err();
        assert_eq!((e.status, e.kind.as_str()), (422, "urn:kinerja:problem:policy"));
        assert!(e.field.as_deref().unwrap().starts_with("rules.policy"), "{e:?}");
        let pol = RulesArg(serde_json::json!({"regime": "permenpanrb-6-2022", "policy": {"id": "x"}}));
        assert_eq!(ruleset(Some(&pol), "rules", None).unwrap().policy.id, "x");
        // dated values are read for the period, and refused without one
        let dated = RulesArg(serde_json::json!({"regime": "permenpanrb-6-2022", "policy": {"id": "x",
            "rating": {"weights_must_sum_to": [{"from": "2024-01-01", "value": null}, {"from": "2024-07-01", "value": "100"}]}}}));
        let s2: Period = "2024-S2".parse().unwrap();
        let r = ruleset(Some(&dated), "rules", Some(&s2)).unwrap();
        assert_eq!(
            (r.policy.id.as_str(), r.policy.rating.weights_must_sum_to.is_some()),
            ("x@2024-07-01", true)
        );
        let year: Period = "2024".parse().unwrap();
        let e = ruleset(Some(&dated), "rules", Some(&year)).unwrap_err();
        assert_eq!(e.field.as_deref(), Some("rules.policy.rating.weights_must_sum_to"), "{e:?}");
        let e = ruleset(Some(&dated), "rules", None).unwrap_err();
        assert!(e.detail.contains("dated values"), "{e:?}");
    }

    #[test]
    fn period_and_lang() {
        assert_eq!(period(None, Some(2024)).unwrap().to_string(), "2024");
        assert_eq!(period(Some("2024-Q1"), Some(2023)).unwrap().to_string(), "2024-Q1");
        let e = period(Some("2024-Q5"), None).unwrap_err();
        assert_eq!(
            (e.status, e.field.as_deref(), e.period.as_deref()),
            (422, Some("period"), Some("2024-Q5"))
        );
        assert_eq!(lang(Some("en"), Lang::Id).unwrap(), Lang::En);
        assert_eq!(lang(None, Lang::En).unwrap(), Lang::En);
        assert_eq!(lang(Some("fr"), Lang::Id).unwrap_err().field.as_deref(), Some("lang"));
    }
}
