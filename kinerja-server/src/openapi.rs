//! The OpenAPI 3.1 document, generated from the request and response types (utoipa) and
//! completed with the bearer scheme and request examples taken from the bundled examples.

use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::model::{OrgPredicate, Predicate};
use serde_json::{Value, json};
use utoipa::OpenApi;

use crate::{compare, distribution, evaluate, meta, problem, score, trace};

/// The request example of `POST /v1/evaluate` (a plan of the golden data).
pub const EVALUATE_EXAMPLE: &str = include_str!("../examples/evaluate.json");
/// The request example of `POST /v1/distribution`.
pub const DISTRIBUTION_EXAMPLE: &str = include_str!("../examples/distribution.json");

#[derive(OpenApi)]
#[openapi(
    info(
        title = "kinerja",
        description = "Exact, explainable performance management for Indonesian civil servants (ASN): evaluate plans (SKP) under PP 46/2011, PermenPANRB 8/2021 or PermenPANRB 6/2022, check the distribution curve, compare rulesets, score a roster from a CSV, XLSX, Parquet or Arrow file. Every result carries its explanation with the article it rests on. Errors are RFC 9457 problems (`application/problem+json`) with a stable `type` and the location (row, employee, indicator, field; line and column for malformed JSON).",
        license(name = "Apache-2.0", identifier = "Apache-2.0")
    ),
    paths(
        meta::health,
        meta::rulesets,
        meta::policy_schema,
        evaluate::evaluate,
        distribution::distribution,
        compare::compare,
        score::score,
        score::explain::explain,
        score::report::report,
    ),
    components(schemas(
        problem::Problem,
        meta::Health,
        meta::Rulesets,
        meta::RulesetInfo,
        evaluate::EvaluateRequest,
        evaluate::EvaluateResponse,
        distribution::DistributionRequest,
        distribution::DistributionResponse,
        compare::CompareRequest,
        compare::CompareResponse,
        score::ScoreRows,
        score::ScoreResponse,
        score::ScoreStats,
        trace::TraceView,
        trace::StepView,
        trace::NamedValue,
    )),
    tags(
        (name = "meta", description = "Liveness"),
        (name = "rules", description = "Builtin rulesets and the policy schema"),
        (name = "evaluate", description = "Evaluation of plans and what-if comparison"),
        (name = "organisation", description = "The distribution curve of SE MenPANRB 3/2023"),
        (name = "score", description = "Scoring a roster from a file (CSV, XLSX, Parquet, Arrow IPC or JSON rows), as `kj.score`"),
    )
)]
struct ApiDoc;

/// The problem types the server answers with, for the document and the API page.
pub const PROBLEM_TYPES: &[(&str, u16, &str)] = &[
    ("malformed-json", 400, "The body is not well-formed JSON; `line` and `column` say where."),
    ("json-too-deep", 400, "Arrays and objects nest deeper than the server accepts."),
    (
        "invalid-body",
        400,
        "Well-formed JSON of the wrong shape; `field` is the JSON path, with `line` and `column`.",
    ),
    (
        "unreadable-file",
        400,
        "The body of `/v1/score` is not a readable file of its format (CSV, XLSX, Parquet, Arrow).",
    ),
    ("invalid-query", 400, "An unknown or repeated query parameter."),
    ("input", 422, "A missing, malformed, duplicate or unknown input value (located)."),
    ("period", 422, "A malformed or out-of-range period."),
    ("indicator", 422, "An indicator that cannot be scored (located by employee and indicator)."),
    ("rating", 422, "A rating or predicate that cannot be determined."),
    ("policy", 422, "A malformed or inconsistent ruleset or policy; `field` is the policy path."),
    ("organisation", 422, "An organisation-structure problem."),
    ("arithmetic", 422, "Overflow in exact decimal arithmetic."),
    ("unauthorized", 401, "No or a wrong bearer token."),
    ("not-found", 404, "No such path."),
    ("method-not-allowed", 405, "The method is not allowed on the path."),
    ("timeout", 408, "The request took longer than the server's time limit."),
    ("body-too-large", 413, "The body is larger than the server's limit."),
    ("not-acceptable", 406, "`Accept` names no media type the endpoint answers."),
    ("unsupported-media-type", 415, "The body's media type is not read by the endpoint."),
    ("overloaded", 503, "Every worker is busy and the queue is full; retry after `Retry-After`."),
];

fn example_of(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

fn set_example(doc: &mut Value, path: &str, example: Value) {
    if let Some(content) = doc
        .pointer_mut(&format!(
            "/paths/{}/post/requestBody/content/application~1json",
            path.replace('/', "~1")
        ))
        .and_then(Value::as_object_mut)
    {
        content.insert("example".into(), example);
    }
}

/// The core's JSON Schema of plans (`Plan::json_schema`) as components: `Plan` and each of
/// its definitions (`Indicator`, `Period`, `Rating`, …), references rewritten to them.
fn add_plan_schemas(doc: &mut Value) {
    let text = kinerja_core::model::Plan::json_schema().replace("#/$defs/", "#/components/schemas/");
    let Ok(Value::Object(mut plan)) = serde_json::from_str::<Value>(&text) else { return };
    let defs = plan.remove("$defs");
    plan.remove("$schema");
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    if let Some(Value::Object(defs)) = defs {
        for (name, schema) in defs {
            // the server's own components keep their names (a clash fails the tests)
            schemas.entry(name).or_insert(schema);
        }
    }
    schemas.insert("Plan".into(), Value::Object(plan));
}

/// Replaces the schema at `pointer` by `schema`, keeping its description.
fn refine(doc: &mut Value, pointer: &str, mut schema: Value) {
    if let Some(slot) = doc.pointer_mut(pointer) {
        if let (Some(d), Some(obj)) = (slot.get("description").cloned(), schema.as_object_mut()) {
            obj.entry("description").or_insert(d);
        }
        *slot = schema;
    }
}

/// A pattern matching each of `words` as the server compares them: ASCII letters in either
/// case, and (when `loose`) any of `_`, `-`, ` `, `/`, `.` anywhere, as
/// [`Labelled::parse_label`] ignores them; else spaces around, as a trimmed comparison.
fn any_case(words: &[&str], loose: bool) -> String {
    let gap = if loose { "[-_ /.]*" } else { "" };
    let mut alts: Vec<String> = Vec::new();
    for w in words {
        let chars = w.chars().filter(|c| !(loose && matches!(c, '_' | '-' | ' ' | '/' | '.')));
        let alt: Vec<String> = chars
            .map(|c| match c {
                c if c.is_ascii_alphabetic() => {
                    format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                }
                c if c.is_ascii_alphanumeric() || c == ' ' => c.to_string(),
                c => format!("\\{c}"),
            })
            .collect();
        let alt = alt.join(gap);
        if !alts.contains(&alt) {
            alts.push(alt);
        }
    }
    let edge = if loose { gap } else { "\\s*" };
    format!("^{edge}({}){edge}$", alts.join("|"))
}

/// A value of `T` as the server reads it: its value, a label or an alias as the vocabulary
/// writes them, in any case, ignoring `_`, `-`, ` `, `/` and `.`.
fn spellings<T: Labelled>() -> Value {
    let values: Vec<&str> = T::ALL.iter().map(|v| v.value()).collect();
    json!({"type": "string", "pattern": any_case(&T::spellings(), true), "examples": values,
        "description": format!("A value ({}), a label or an alias; any case.", values.join(", "))})
}

/// `schema` or null (an optional member of a request body).
fn or_null(schema: Value) -> Value {
    json!({"oneOf": [schema, {"type": "null"}]})
}

/// The members and parameters the derived document types too loosely (a plan as any object, a
/// language as any text), typed as the server reads them.
fn refine_inputs(doc: &mut Value) {
    let plan = json!({"$ref": "#/components/schemas/Plan"});
    let period = json!({"$ref": "#/components/schemas/Period"});
    let words: Vec<&str> = Lang::SPELLINGS.iter().map(|(w, _)| *w).collect();
    let lang = json!({"type": "string", "pattern": any_case(&words, false), "examples": ["id", "en"]});
    let body = |name: &str, member: &str| format!("/components/schemas/{name}/properties/{member}");
    refine(doc, &body("EvaluateRequest", "plan"), plan.clone());
    refine(doc, &body("CompareRequest", "plans"), json!({"type": "array", "items": plan}));
    // a period of a body is text (a plan's year may be a number, a request's period is not)
    let period_text = json!({"allOf": [period], "type": "string"});
    for name in ["EvaluateRequest", "CompareRequest"] {
        refine(doc, &body(name, "period"), or_null(period_text.clone()));
    }
    // no plans and no period: nothing names the period
    if let Some(compare) =
        doc.pointer_mut("/components/schemas/CompareRequest").and_then(Value::as_object_mut)
    {
        compare.insert(
            "anyOf".into(),
            json!([{"properties": {"plans": {"minItems": 1}}},
                   {"required": ["period"], "properties": {"period": {"type": "string"}}}]),
        );
    }
    refine_rows(doc);
    for name in ["EvaluateRequest", "CompareRequest", "DistributionRequest"] {
        refine(doc, &body(name, "lang"), or_null(lang.clone()));
    }
    refine(doc, &body("DistributionRequest", "org_predicate"), or_null(spellings::<OrgPredicate>()));
    let text = json!({"type": "string"});
    let predicate = spellings::<Predicate>();
    refine(
        doc,
        &body("DistributionRequest", "predicates"),
        json!({"type": "array", "items": {"oneOf": [
            {"allOf": [predicate], "description": "A predicate; the employee is `#1`, `#2`, … by position."},
            {"type": "array", "prefixItems": [text, predicate], "minItems": 2, "maxItems": 2,
             "description": "`[\"<employee>\", \"<predicate>\"]`."},
            {"type": "object", "properties": {"employee": text, "id": text, "predicate": predicate},
             "required": ["predicate"], "additionalProperties": false,
             "oneOf": [{"required": ["employee"], "not": {"required": ["id"]}}, {"required": ["id"], "not": {"required": ["employee"]}}],
             "description": "`{\"employee\": \"<id>\", \"predicate\": \"<predicate>\"}` (`id` may name the employee instead, never beside it; no other member)."}
        ]}}),
    );
    refine_query(doc, &period, &lang);
}

/// The tables of JSON rows (`ScoreRows`): a table the body holds has a header, so at least
/// one row with a cell (a table without one lacks its key column, whatever `columns` maps).
/// A row names the canonical columns of its table, each a cell as any other: a header may
/// also be an alias or a header that `columns` maps, so none is `required`, though the key
/// columns are (after `columns`) — the body's schema cannot see the query.
fn refine_rows(doc: &mut Value) {
    use kinerja_table::schema::TableKind;
    let Some(props) =
        doc.pointer_mut("/components/schemas/ScoreRows/properties").and_then(Value::as_object_mut)
    else {
        return;
    };
    let keys = [
        (
            "indicators",
            TableKind::Indicators,
            "`employee`, `actual` and `target` (or `target_low` and `target_high`)",
        ),
        ("employees", TableKind::Employees, "`employee`"),
        ("units", TableKind::Units, "`unit`"),
    ];
    for (name, kind, key) in keys {
        let Some(table) = props.get_mut(name).and_then(Value::as_object_mut) else { continue };
        table.insert("minItems".into(), json!(1));
        table.insert("contains".into(), json!({"type": "object", "minProperties": 1}));
        let Some(row) = table.get_mut("items").and_then(Value::as_object_mut) else { continue };
        let Some(cell) = row.get("additionalProperties").cloned() else { continue };
        let columns: serde_json::Map<String, Value> = kinerja_table::columns::allowed_columns(kind)
            .into_iter()
            .map(|c| (c.to_string(), cell.clone()))
            .collect();
        row.insert("properties".into(), Value::Object(columns));
        row.insert(
            "description".into(),
            json!(format!(
                "One row: column (canonical, an alias such as the Indonesian header, or a header `columns` maps) → cell. \
                 The table needs the column {key} under some header (refused with 422 otherwise)."
            )),
        );
    }
}

/// The white space Rust's `str::trim` removes (Unicode `White_Space`), as a character class.
const TRIMMED: &str = "[\\t-\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";

/// The query parameters of the file endpoints: `period` a period, `lang` a language as in a
/// body, `delimiter` one ASCII character that separates cells
/// (`kinerja_table::read::separates_cells`) or `tab`, `rules` the
/// builtin id batch scoring implements or a Ruleset JSON object as text, `format` (of
/// `/v1/report`) `pdf` or `html`, `columns` a JSON object of strings.
fn refine_query(doc: &mut Value, period: &Value, lang: &Value) {
    // batch scoring refuses the other regimes, whatever the period (`kinerja_table::run::batch_rules`)
    let ids = [kinerja_table::run::BATCH_REGIME.value()];
    let delimiter = json!({"type": "string",
        "pattern": "^([\\x00-\\x09\\x0b\\x0c\\x0e-\\x21\\x23-\\x2a\\x2c\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]|tab|\\\\t)$"});
    // (empty: the default ruleset)
    let rules = json!({"type": "string", "anyOf": [{"enum": ids}, {"pattern": "^\\s*(\\{[\\s\\S]*)?$"}]});
    let format = json!({"type": "string", "pattern": format!("^{TRIMMED}*(pdf|html){TRIMMED}*$")});
    // the mapping is JSON in the query: an object of header → column (its headers must be
    // headers of the tables, its columns canonical: said in the description)
    let columns = json!({"application/json": {"schema": {"type": "object", "additionalProperties": {"type": "string"}}}});
    let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) else { return };
    for op in paths.values_mut().filter_map(|p| p.get_mut("post")) {
        let Some(params) = op.get_mut("parameters").and_then(Value::as_array_mut) else { continue };
        for p in params {
            let schema = match p.get("name").and_then(Value::as_str) {
                Some("period") => period.clone(),
                Some("lang") => lang.clone(),
                Some("delimiter") => delimiter.clone(),
                Some("rules") => rules.clone(),
                Some("format") => format.clone(),
                Some("columns") => {
                    if let Some(p) = p.as_object_mut() {
                        p.remove("schema");
                        p.insert("content".into(), columns.clone());
                    }
                    continue;
                }
                _ => continue,
            };
            p["schema"] = schema;
        }
    }
}

/// The complete OpenAPI document.
pub fn document() -> Value {
    let mut doc = serde_json::to_value(ApiDoc::openapi()).unwrap_or_else(|_| json!({}));
    doc["openapi"] = json!("3.1.0");
    doc["info"]["version"] = json!(env!("CARGO_PKG_VERSION"));
    if let Some(components) = doc.get_mut("components").and_then(Value::as_object_mut) {
        components.insert(
            "securitySchemes".into(),
            json!({"bearer": {"type": "http", "scheme": "bearer",
                "description": "Required on every /v1/ call when the server is started with --token or --token-file."}}),
        );
    }
    let problems: Vec<Value> = PROBLEM_TYPES
        .iter()
        .map(|(slug, status, what)| json!({"type": format!("urn:kinerja:problem:{slug}"), "status": status, "description": what}))
        .collect();
    doc["x-problem-types"] = Value::Array(problems);
    add_plan_schemas(&mut doc);
    refine_inputs(&mut doc);
    // the PDF is bytes, not an array of numbers (OpenAPI 3.1: a string of its media type)
    refine(
        &mut doc,
        "/paths/~1v1~1report/post/responses/200/content/application~1pdf/schema",
        json!({"type": "string", "contentMediaType": "application/pdf"}),
    );
    let evaluate = example_of(EVALUATE_EXAMPLE);
    let plan = evaluate.get("plan").cloned().unwrap_or(Value::Null);
    set_example(&mut doc, "/v1/evaluate", evaluate);
    set_example(&mut doc, "/v1/distribution", example_of(DISTRIBUTION_EXAMPLE));
    set_example(
        &mut doc,
        "/v1/compare",
        json!({
            "plans": [plan],
            "a": "permenpanrb-6-2022",
            "b": {"regime": "permenpanrb-6-2022", "policy": {"id": "what-if", "rating": {"advisory_bands": [
                {"min": "110", "rating": "above"}, {"min": "90", "rating": "meets"}, {"min": "0", "rating": "below"}]}}},
            "period": "2024",
            "lang": "en"
        }),
    );
    doc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_is_3_1_with_examples_and_every_path() {
        let d = document();
        assert_eq!(d["openapi"], "3.1.0");
        for p in [
            "/health",
            "/v1/rulesets",
            "/v1/policy/schema",
            "/v1/evaluate",
            "/v1/distribution",
            "/v1/compare",
            "/v1/score",
        ] {
            assert!(d["paths"].get(p).is_some(), "{p}");
        }
        let ex = &d["paths"]["/v1/evaluate"]["post"]["requestBody"]["content"]["application/json"]["example"];
        assert_eq!(ex["plan"]["year"], 2024);
        assert!(d["components"]["schemas"].get("Problem").is_some());
        assert_eq!(d["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    }
}

#[cfg(test)]
mod plan_schemas {
    use super::document;
    use serde_json::Value;

    /// Every definition of the core's plan schema is a component as it is (no server schema
    /// of the same name took its place), and the plan members refer to `Plan`.
    #[test]
    fn the_core_plan_schema_is_in_the_document_unchanged() {
        let d = document();
        let text = kinerja_core::model::Plan::json_schema().replace("#/$defs/", "#/components/schemas/");
        let core: Value = serde_json::from_str(&text).unwrap();
        let defs = core["$defs"].as_object().unwrap();
        assert!(defs.len() >= 10, "{defs:?}");
        for (name, schema) in defs {
            assert_eq!(&d["components"]["schemas"][name], schema, "{name}");
        }
        let schemas = &d["components"]["schemas"];
        assert_eq!(schemas["Plan"]["required"], serde_json::json!(["employee", "year"]));
        assert_eq!(schemas["EvaluateRequest"]["properties"]["plan"]["$ref"], "#/components/schemas/Plan");
        assert_eq!(
            schemas["CompareRequest"]["properties"]["plans"]["items"]["$ref"],
            "#/components/schemas/Plan"
        );
        assert!(schemas["EvaluateRequest"]["properties"]["plan"]["description"].is_string());
    }
}

#[cfg(test)]
mod refs {
    use super::document;
    use serde_json::Value;

    fn refs(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("$ref", Value::String(r)) => out.push(r.clone()),
                        _ => refs(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| refs(x, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_resolves() {
        let d = document();
        let mut found = Vec::new();
        refs(&d, &mut found);
        assert!(found.iter().any(|r| r.ends_with("/RulesArg")), "{found:?}");
        for r in found {
            let ptr = r.trim_start_matches('#');
            assert!(d.pointer(ptr).is_some(), "dangling reference {r}");
        }
    }
}

#[cfg(test)]
mod refined {
    use super::document;
    use serde_json::json;

    /// The constraints the server enforces whatever else the request holds are in the document:
    /// a request's period is text, compare names a period or a plan, the file endpoints' rules
    /// are the batch regime's, `format` is pdf or html, `columns` is a JSON object, tables of
    /// JSON rows have a header, and a PDF is a string of its media type.
    #[test]
    fn constraints_the_server_enforces_are_stated() {
        let d = document();
        let s = &d["components"]["schemas"];
        assert_eq!(s["EvaluateRequest"]["properties"]["period"]["oneOf"][0]["type"], "string");
        assert_eq!(s["CompareRequest"]["anyOf"][0]["properties"]["plans"]["minItems"], 1);
        for table in ["indicators", "employees", "units"] {
            assert_eq!(s["ScoreRows"]["properties"][table]["minItems"], 1, "{table}");
        }
        assert!(s["ScoreRows"]["properties"]["indicators"]["items"]["properties"].get("actual").is_some());
        let params = d["paths"]["/v1/report"]["post"]["parameters"].as_array().unwrap();
        let param = |n: &str| params.iter().find(|p| p["name"] == n).unwrap().clone();
        assert_eq!(param("rules")["schema"]["anyOf"][0]["enum"], json!(["permenpanrb-6-2022"]));
        assert!(param("format")["schema"]["pattern"].as_str().unwrap().contains("(pdf|html)"));
        assert_eq!(param("columns")["content"]["application/json"]["schema"]["type"], "object");
        let pdf = &d["paths"]["/v1/report"]["post"]["responses"]["200"]["content"]["application/pdf"];
        assert_eq!(pdf["schema"]["contentMediaType"], "application/pdf");
    }
}
