//! Request members shared by the endpoints: a ruleset (builtin id or Ruleset JSON), the
//! language and the period. Each is read by the core's own parsers; a bad value is a located
//! problem naming the member.

use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::period::Period;
use kinerja_core::rules::{RegimeId, Ruleset};
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
                    .enum_values(Some(ids))
                    .description(Some("The id of a builtin ruleset (national default policy).")),
            )
            .item(
                ObjectBuilder::new()
                    .schema_type(SchemaType::new(Type::Object))
                    .property("regime", ObjectBuilder::new().schema_type(SchemaType::new(Type::String)))
                    .required("regime")
                    .property(
                        "policy",
                        ObjectBuilder::new()
                            .schema_type(SchemaType::new(Type::Object))
                            .description(Some("A policy; its JSON Schema is served at GET /v1/policy/schema.")),
                    )
                    .description(Some("A Ruleset JSON object, as `Ruleset.to_json()` writes it.")),
            )
            .description(Some("A builtin ruleset id or a Ruleset JSON object."))
            .into()
    }
}

impl utoipa::ToSchema for RulesArg {}

/// The ruleset named by `arg` (default: the builtin PermenPANRB 6/2022 ruleset); errors name
/// `member` (`rules`, `a`, `b`).
pub fn ruleset(arg: Option<&RulesArg>, member: &str) -> Result<Ruleset, Problem> {
    let r = match arg.map(|a| &a.0) {
        None | Some(serde_json::Value::Null) => Ruleset::builtin(DEFAULT_RULESET),
        Some(serde_json::Value::String(id)) => Ruleset::builtin(id),
        Some(v @ serde_json::Value::Object(_)) => Ruleset::from_json(&v.to_string()),
        Some(other) => {
            return Err(Problem::from(kinerja_core::Error::Input {
                at: Default::default(),
                field: member.into(),
                reason: format!(
                    "expected a builtin ruleset id (string) or a Ruleset JSON object, got `{other}`"
                ),
            }));
        }
    };
    r.map_err(|e| Problem::from(e).under(member))
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
        assert_eq!(ruleset(None, "rules").unwrap().id(), DEFAULT_RULESET);
        let pp46 = RulesArg(serde_json::json!("pp-46-2011"));
        assert_eq!(ruleset(Some(&pp46), "rules").unwrap().id(), "pp-46-2011");
        let obj = RulesArg(serde_json::json!({"regime": "permenpanrb-8-2021"}));
        assert_eq!(ruleset(Some(&obj), "rules").unwrap().id(), "permenpanrb-8-2021");
        let bad = ruleset(Some(&RulesArg(serde_json::json!("dp3"))), "a").unwrap_err();
        assert_eq!(bad.status, 422);
        assert_eq!(bad.field.as_deref(), Some("a.regime"));
        let num = ruleset(Some(&RulesArg(serde_json::json!(3))), "rules").unwrap_err();
        assert_eq!(num.field.as_deref(), Some("rules"));
    }

    #[test]
    fn period_and_lang() {
        assert_eq!(period(None, Some(2024)).unwrap().to_string(), "2024");
        assert_eq!(period(Some("2024-Q1"), Some(2023)).unwrap().to_string(), "2024-Q1");
        let e = period(Some("2024-Q5"), None).unwrap_err();
        assert_eq!((e.status, e.field.as_deref(), e.period.as_deref()), (422, Some("period"), Some("2024-Q5")));
        assert_eq!(lang(Some("en"), Lang::Id).unwrap(), Lang::En);
        assert_eq!(lang(None, Lang::En).unwrap(), Lang::En);
        assert_eq!(lang(Some("fr"), Lang::Id).unwrap_err().field.as_deref(), Some("lang"));
    }
}
