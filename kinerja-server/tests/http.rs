//! Every endpoint, status code and limit of kinerja-server, over loopback.

mod support;

use std::time::Duration;

use serde_json::{Value, json};
use support::{TestServer, repo_json};

fn server() -> TestServer {
    TestServer::start(TestServer::default_config())
}

fn evaluate_example() -> Value {
    serde_json::from_str(kinerja_server::openapi::EVALUATE_EXAMPLE).unwrap()
}

// ------------------------------------------------------------------------------------------
// pages and metadata

#[test]
fn health_answers_without_token() {
    let s = TestServer::start(kinerja_server::Config {
        token: Some("t0ken".into()),
        ..TestServer::default_config()
    });
    let r = s.get("/health");
    assert_eq!(r.status, 200);
    let h = r.json();
    assert_eq!(h["status"], "ok");
    assert_eq!(h["auth"], true);
    assert_eq!(h["score"], true);
    assert_eq!(h["lang"], "id");
}

#[test]
fn openapi_document_is_generated_with_examples_that_work() {
    let s = server();
    let r = s.get("/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    let d = r.json();
    assert_eq!(d["openapi"], "3.1.0");
    let schemas = &d["components"]["schemas"];
    for name in
        ["Problem", "EvaluateRequest", "EvaluateResponse", "DistributionRequest", "CompareRequest", "Health"]
    {
        assert!(schemas.get(name).is_some(), "schema {name}");
    }
    for path in ["/v1/evaluate", "/v1/distribution", "/v1/compare"] {
        let example = &d["paths"][path]["post"]["requestBody"]["content"]["application/json"]["example"];
        assert!(example.is_object(), "{path} has an example");
        let r = s.post_json(path, example);
        assert_eq!(r.status, 200, "the example of {path} is accepted: {}", r.text());
    }
}

#[test]
fn pages_are_self_contained() {
    let s = TestServer::start(kinerja_server::Config {
        lang: kinerja_core::explain::Lang::En,
        ..TestServer::default_config()
    });
    for path in ["/", "/docs"] {
        let r = s.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").unwrap().starts_with("text/html"), "{path}");
        let html = r.text();
        assert!(
            !html.contains("http://") && !html.contains("https://"),
            "{path} loads nothing from elsewhere"
        );
        assert!(!html.contains("{{"), "{path}: every placeholder is filled");
    }
    assert!(s.get("/").text().contains(r#"data-default-lang="en""#));
    assert!(s.get("/docs").text().contains("/openapi.json"));
}

#[test]
fn rulesets_with_effective_dates() {
    let s = server();
    let r = s.get("/v1/rulesets");
    assert_eq!(r.status, 200);
    let list = r.json()["rulesets"].as_array().unwrap().clone();
    let by_id = |id: &str| list.iter().find(|x| x["id"] == id).unwrap().clone();
    assert_eq!(list.len(), 3);
    let pp46 = by_id("pp-46-2011");
    assert_eq!(
        (pp46["effective_from"].as_str(), pp46["effective_to"].as_str()),
        (Some("2014-01-01"), Some("2021-06-30"))
    );
    let r8 = by_id("permenpanrb-8-2021");
    assert_eq!(
        (r8["effective_from"].as_str(), r8["effective_to"].as_str()),
        (Some("2021-07-01"), Some("2021-12-31"))
    );
    let r6 = by_id("permenpanrb-6-2022");
    assert_eq!(r6["effective_from"], "2022-01-01");
    assert!(r6["effective_to"].is_null());
    assert_eq!(r6["default"], true);
    assert_eq!(pp46["default"], false);
}

#[test]
fn policy_schema_is_the_cores() {
    let s = server();
    let r = s.get("/v1/policy/schema");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("content-type"), Some("application/schema+json"));
    let got = r.json();
    let want: Value = serde_json::from_str(&kinerja_core::rules::Policy::json_schema()).unwrap();
    assert_eq!(got, want);
    assert!(got["properties"].get("rating").is_some());
}

// ------------------------------------------------------------------------------------------
// evaluate, distribution, compare against the golden data

#[test]
fn evaluate_matches_the_golden_cases() {
    let s = server();
    let golden = repo_json("testdata/golden/core_evaluation_6_2022.json");
    let mut checked = 0;
    for case in golden["cases"].as_array().unwrap() {
        let input = &case["input"];
        let want = &case["expected"];
        let body = json!({
            "plan": input["plan"],
            "rules": {"regime": "permenpanrb-6-2022", "policy": input["policy"]},
            "period": input["period"],
        });
        let r = s.post_json("/v1/evaluate", &body);
        let id = case["id"].as_str().unwrap();
        if let Some(family) = want.get("error").and_then(Value::as_str) {
            let p = r.problem(422, family);
            assert_eq!(p["family"], family, "{id}");
            continue;
        }
        assert_eq!(r.status, 200, "{id}: {}", r.text());
        let out = r.json();
        assert_eq!(out["predicate"], want["predicate"], "{id}");
        let ev = &out["evaluation"];
        for key in ["work_result", "behaviour", "weighted_achievement", "advised_rating", "disagreement"] {
            if let Some(w) = want.get(key) {
                assert_eq!(&ev[key], w, "{id}: {key}");
            }
        }
        if let Some(achievements) = want.get("achievements").and_then(Value::as_object) {
            for (ind, a) in achievements {
                let got =
                    ev["indicators"].as_array().unwrap().iter().find(|i| i["indicator"] == *ind).unwrap();
                assert_eq!(&got["achievement"], a, "{id}: {ind}");
            }
        }
        checked += 1;
    }
    assert!(checked >= 10, "{checked}");
}

#[test]
fn evaluate_explains_with_citations_in_both_languages() {
    let s = server();
    let mut body = evaluate_example();
    // Hand-computed (the golden case `appraiser-only`): a 1260/1200 = 105 %, b reflection of
    // mean 27 against 30 = 110 %, weighted 0.6 × 105 + 0.4 × 110 = 107 %; Above/Above → Sangat Baik.
    body["lang"] = json!("id");
    let id = s.post_json("/v1/evaluate", &body).json();
    assert_eq!(id["predicate"], "very_good");
    assert_eq!(id["predicate_label"], "Sangat Baik");
    assert_eq!(id["evaluation"]["weighted_achievement"], "107.00");
    assert_eq!(id["lang"], "id");
    let steps = id["trace"]["steps"].as_array().unwrap();
    assert!(steps.len() >= 3);
    assert!(steps.iter().all(|st| !st["citation"].as_str().unwrap().is_empty()));
    assert!(steps.iter().any(|st| st["citation"].as_str().unwrap().contains("PermenPANRB 6/2022")));
    assert!(id["explanation"].as_str().unwrap().contains("Dasar"));
    body["lang"] = json!("en");
    let en = s.post_json("/v1/evaluate", &body).json();
    assert_eq!(en["predicate_label"], "Very good");
    assert!(en["explanation"].as_str().unwrap().contains("Source"));
    // The period is honoured: the plan has no assessment for 2024-Q1, so the work-result
    // rating is missing there (no advisory bands in the national default policy).
    body["period"] = json!("2024-Q1");
    let p = s.post_json("/v1/evaluate", &body).problem(422, "input");
    assert_eq!((p["period"].as_str(), p["field"].as_str()), (Some("2024-Q1"), Some("work_result")));
    assert_eq!(p["employee"], "199001012015031001");
}

#[test]
fn evaluate_defaults_to_the_server_language_and_6_2022() {
    let s = TestServer::start(kinerja_server::Config {
        lang: kinerja_core::explain::Lang::En,
        ..TestServer::default_config()
    });
    let plan = evaluate_example()["plan"].clone();
    let out = s.post_json("/v1/evaluate", &json!({"plan": plan})).json();
    assert_eq!(out["lang"], "en");
    assert_eq!(out["evaluation"]["regime"], "permenpanrb-6-2022");
    assert_eq!(out["evaluation"]["period"], "2024");
}

#[test]
fn distribution_matches_the_golden_cases() {
    let s = server();
    let golden = repo_json("testdata/golden/org_distribution.json");
    for case in golden["cases"].as_array().unwrap() {
        let id = case["id"].as_str().unwrap();
        let body =
            json!({"predicates": case["input"]["roster"], "org_predicate": case["input"]["org_predicate"]});
        let r = s.post_json("/v1/distribution", &body);
        assert_eq!(r.status, 200, "{id}: {}", r.text());
        let out = r.json();
        let want = &case["expected"];
        assert_eq!(out["passed"], want["passed"], "{id}");
        assert_eq!(out["headcount"], want["headcount"], "{id}");
        let got = out["report"]["constraints"].as_array().unwrap();
        for w in want["constraints"].as_array().unwrap() {
            let c =
                got.iter().find(|c| c["rule"] == w["rule"] && c["predicates"] == w["predicates"]).unwrap();
            for key in ["bound", "actual", "satisfied"] {
                assert_eq!(c[key], w[key], "{id}: {key}");
            }
        }
    }
}

#[test]
fn distribution_reads_three_entry_shapes_and_locates_errors() {
    let s = server();
    // Hand-computed: org Baik, 4 employees all Baik → at most ⌊0.7 × 4⌋ = 2 Baik, and nobody
    // Butuh Perbaikan or Kurang: fails; the explanation cites SE MenPANRB 3/2023.
    let body = json!({"predicates": ["good", ["e2", "Baik"], {"employee": "e3", "predicate": "good"}, "good"], "lang": "en"});
    let out = s.post_json("/v1/distribution", &body).json();
    assert_eq!(out["passed"], false);
    assert_eq!(out["headcount"], 4);
    assert_eq!(out["report"]["counts"]["good"], 4);
    let max =
        out["report"]["constraints"].as_array().unwrap().iter().find(|c| c["rule"] == "max").unwrap().clone();
    assert_eq!((max["bound"].as_u64(), max["actual"].as_u64()), (Some(2), Some(4)));
    assert!(
        out["trace"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["citation"].as_str().unwrap().contains("3/2023"))
    );
    let bad = json!({"predicates": ["good", ["e2", "superb"]]});
    let p = s.post_json("/v1/distribution", &bad).problem(422, "input");
    assert_eq!((p["row"].as_u64(), p["employee"].as_str()), (Some(1), Some("e2")));
    let dup = json!({"predicates": [["e1", "good"], ["e1", "good"]]});
    let p = s.post_json("/v1/distribution", &dup).problem(422, "input");
    assert_eq!(p["employee"], "e1");
    let org = json!({"predicates": ["good"], "org_predicate": "splendid"});
    assert_eq!(s.post_json("/v1/distribution", &org).problem(422, "input")["field"], "org_predicate");
}

fn roster() -> Value {
    repo_json("examples/data/kupang_dinas_kesehatan.json")
}

fn kupang_ruleset() -> Value {
    // The bundled example policy as a Ruleset JSON object.
    let policy =
        kinerja_core::rules::Policy::from_toml(&support::repo_file("policies/kupang-2024.example.toml"))
            .unwrap();
    json!({"regime": "permenpanrb-6-2022", "policy": serde_json::to_value(policy).unwrap()})
}

#[test]
fn compare_the_bundled_roster() {
    let s = server();
    let plans = roster()["plans"].clone();
    let n = plans.as_array().unwrap().len();
    assert_eq!(n, 14);
    let same =
        json!({"plans": plans, "a": kupang_ruleset(), "b": kupang_ruleset(), "period": "2024", "lang": "en"});
    let out = s.post_json("/v1/compare", &same).json();
    assert_eq!(out["comparison"]["summary"]["employees"], 14);
    assert_eq!(out["comparison"]["summary"]["changed"], 0);
    assert!(out["text"].as_str().unwrap().contains("No changes."));
    // Stricter advice (the core's own what-if test): some employees get worse, none better.
    let mut strict = kupang_ruleset();
    strict["policy"]["id"] = json!("strict");
    strict["policy"]["rating"]["advisory_bands"][0]["min"] = json!("140");
    strict["policy"]["rating"]["advisory_bands"][1]["min"] = json!("100");
    let what_if = json!({"plans": plans, "a": kupang_ruleset(), "b": strict});
    let out = s.post_json("/v1/compare", &what_if).json();
    let summary = &out["comparison"]["summary"];
    assert!(summary["changed"].as_u64().unwrap() > 0);
    assert!(summary["worsened"].as_u64().unwrap() > 0);
    assert_eq!(summary["improved"], 0);
    assert_eq!(out["comparison"]["period"], "2024");
    assert_eq!(out["comparison"]["ruleset_b"], "permenpanrb-6-2022 / strict v2024.1");
    // The server's language (id): the report is wholly Indonesian, its percentages included.
    let text = out["text"].as_str().unwrap();
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("- ")).collect();
    assert!(!rows.is_empty() && rows.iter().all(|l| l.contains("%)") || l.contains("%,")), "{text}");
    let dotted = |l: &str| {
        l.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
    };
    assert!(!rows.iter().any(|l| dotted(l)), "{text}");
    assert!(rows.iter().any(|l| l.contains("(130,96%, ")), "{text}");
    assert!(text.starts_with("Perbandingan 2024") && !text.contains("ERROR"), "{text}");
}

#[test]
fn compare_refuses_duplicates_and_bad_rulesets_with_location() {
    let s = server();
    let plan = evaluate_example()["plan"].clone();
    let dup = json!({"plans": [plan, plan], "a": "permenpanrb-6-2022", "b": "permenpanrb-6-2022"});
    let p = s.post_json("/v1/compare", &dup).problem(422, "input");
    assert_eq!((p["row"].as_u64(), p["employee"].as_str()), (Some(1), Some("199001012015031001")));
    let mut bad_plan = plan.clone();
    bad_plan["employee"]["id"] = json!("e2");
    bad_plan["results"][0]["indicators"][0]["target"] = json!("-5");
    let p = s
        .post_json(
            "/v1/compare",
            &json!({"plans": [plan, bad_plan], "a": "pp-46-2011", "b": "permenpanrb-6-2022"}),
        )
        .problem(422, "indicator");
    assert_eq!(
        (p["row"].as_u64(), p["employee"].as_str(), p["indicator"].as_str()),
        (Some(1), Some("e2"), Some("a"))
    );
    let bad_b = json!({"plans": [plan], "a": "permenpanrb-6-2022", "b": "dp3"});
    assert_eq!(s.post_json("/v1/compare", &bad_b).problem(422, "policy")["field"], "b.regime");
    let bands = json!({"regime": "permenpanrb-6-2022", "policy": {"rating": {"advisory_bands": [
        {"min": "90", "rating": "meets"}, {"min": "110", "rating": "above"}]}}});
    let p = s
        .post_json("/v1/compare", &json!({"plans": [plan], "a": bands, "b": "permenpanrb-6-2022"}))
        .problem(422, "policy");
    assert!(p["field"].as_str().unwrap().starts_with("a.policy.rating"), "{p}");
    let none = json!({"plans": [], "a": "permenpanrb-6-2022", "b": "permenpanrb-6-2022"});
    assert_eq!(s.post_json("/v1/compare", &none).problem(422, "input")["field"], "period");
}

/// Every request that does work can run out of time (408): each POST operation of the
/// document says so (evaluate, distribution and compare did not).
#[test]
fn every_post_operation_documents_the_timeout() {
    let doc = server().get("/openapi.json").json();
    let paths = doc["paths"].as_object().unwrap();
    let mut posts = 0;
    for (path, ops) in paths {
        if let Some(post) = ops.get("post") {
            posts += 1;
            assert!(post["responses"].get("408").is_some(), "{path} lists no 408");
        }
    }
    assert!(posts >= 6, "{posts} POST operations");
}

/// Found by the schemathesis run: `"policy": null` is accepted (the national default policy, as
/// when it is absent), so the document says it may be null; a null `a` or `b` was taken as the
/// default ruleset although both are required, and is now refused.
#[test]
fn ruleset_policy_may_be_null_as_documented() {
    let s = server();
    let doc = s.get("/openapi.json").json();
    let rules = &doc["components"]["schemas"]["RulesArg"]["oneOf"][1]["properties"]["policy"]["type"];
    assert_eq!(rules, &json!(["object", "null"]), "{rules}");
    let plan = evaluate_example()["plan"].clone();
    let null_policy = json!({"regime": "permenpanrb-6-2022", "policy": null});
    let r =
        s.post_json("/v1/compare", &json!({"plans": [plan], "a": "permenpanrb-6-2022", "b": null_policy}));
    assert_eq!(r.status, 200);
    let c = r.json();
    assert_eq!(c["comparison"]["ruleset_a"], c["comparison"]["ruleset_b"], "{c}");
    assert_eq!(c["comparison"]["rows"][0]["changed"], json!([]));
    // The rulesets compared are required: a null one is refused, not taken as the default.
    let plan = evaluate_example()["plan"].clone();
    let p = s
        .post_json("/v1/compare", &json!({"plans": [plan], "a": "permenpanrb-6-2022", "b": null}))
        .problem(422, "input");
    assert_eq!(p["field"], "b");
    // An optional `rules` may still be null (the default ruleset).
    let mut req = evaluate_example();
    req["rules"] = Value::Null;
    assert_eq!(s.post_json("/v1/evaluate", &req).status, 200);
}

// ------------------------------------------------------------------------------------------
// located problems, status codes and limits

#[test]
fn malformed_json_is_400_with_line_and_column() {
    let s = server();
    let body = b"{\n  \"plan\": {\n    \"year\": 2024,,\n  }\n}";
    let r = s.send("POST", "/v1/evaluate", &[("Content-Type", "application/json")], body);
    let p = r.problem(400, "malformed-json");
    assert_eq!((p["line"].as_u64(), p["column"].as_u64()), (Some(3), Some(18)));
}

#[test]
fn wrong_shape_is_400_naming_the_path() {
    let s = server();
    let mut body = evaluate_example();
    body["plan"]["results"][0]["indicators"][1]["polarity"] = json!("sideways");
    let p = s.post_json("/v1/evaluate", &body).problem(400, "invalid-body");
    assert_eq!(p["field"], "plan.results[0].indicators[1].polarity");
    assert!(p["line"].as_u64().is_some());
    let p = s
        .post_json("/v1/evaluate", &json!({"plan": evaluate_example()["plan"], "colour": 1}))
        .problem(400, "invalid-body");
    assert!(p["detail"].as_str().unwrap().contains("colour"));
    let p = s.post_json("/v1/evaluate", &json!({"rules": "pp-46-2011"})).problem(400, "invalid-body");
    assert!(p["detail"].as_str().unwrap().contains("plan"));
}

#[test]
fn core_errors_are_422_with_employee_and_indicator() {
    let s = server();
    let mut body = evaluate_example();
    body["plan"]["results"][0]["indicators"][0]["target"] = json!("-5");
    let p = s.post_json("/v1/evaluate", &body).problem(422, "indicator");
    assert_eq!(p["employee"], "199001012015031001");
    assert_eq!(p["indicator"], "a");
    assert_eq!(p["field"], "target");
    let mut body = evaluate_example();
    body["period"] = json!("2024-Q5");
    let p = s.post_json("/v1/evaluate", &body).problem(422, "period");
    assert_eq!((p["field"].as_str(), p["period"].as_str()), (Some("period"), Some("2024-Q5")));
    let mut body = evaluate_example();
    body["lang"] = json!("fr");
    assert_eq!(s.post_json("/v1/evaluate", &body).problem(422, "input")["field"], "lang");
}

#[test]
fn deep_json_is_refused() {
    let s = server();
    let body = format!("{{\"plan\": {}1{}}}", "[".repeat(200), "]".repeat(200));
    let r = s.send("POST", "/v1/evaluate", &[("Content-Type", "application/json")], body.as_bytes());
    let p = r.problem(400, "json-too-deep");
    assert_eq!(p["line"], 1);
}

#[test]
fn unknown_media_type_is_415() {
    let s = server();
    let body = evaluate_example().to_string();
    let r = s.send("POST", "/v1/evaluate", &[("Content-Type", "text/csv")], body.as_bytes());
    assert!(
        r.problem(415, "unsupported-media-type")["detail"].as_str().unwrap().contains("application/json")
    );
    let r = s.send("POST", "/v1/evaluate", &[], body.as_bytes());
    r.problem(415, "unsupported-media-type");
    let r = s.send(
        "POST",
        "/v1/evaluate",
        &[("Content-Type", "application/json; charset=utf-8")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
}

#[test]
fn body_over_the_limit_is_413() {
    let s = TestServer::start(kinerja_server::Config { max_body: 4096, ..TestServer::default_config() });
    let mut body = evaluate_example();
    body["plan"]["employee"]["name"] = json!("x".repeat(5000));
    s.post_json("/v1/evaluate", &body).problem(413, "body-too-large");
    // A declared length over the limit is refused before the body is read.
    let r = s.send(
        "POST",
        "/v1/evaluate",
        &[("Content-Type", "application/json"), ("Content-Length", "100000000")],
        b"{}",
    );
    r.problem(413, "body-too-large");
    // Just under the limit is read.
    assert_eq!(s.post_json("/v1/evaluate", &evaluate_example()).status, 200);
}

#[test]
fn token_is_required_on_v1_when_set() {
    let s = TestServer::start(kinerja_server::Config {
        token: Some("s3cret-token".into()),
        ..TestServer::default_config()
    });
    let r = s.get("/v1/rulesets");
    let p = r.problem(401, "unauthorized");
    assert!(p["detail"].as_str().unwrap().contains("Bearer"));
    assert!(r.header("www-authenticate").unwrap().starts_with("Bearer"));
    let r = s.send("GET", "/v1/rulesets", &[("Authorization", "Bearer wrong-token!")], b"");
    r.problem(401, "unauthorized");
    let r = s.send("GET", "/v1/rulesets", &[("Authorization", "Bearer s3cret-token")], b"");
    assert_eq!(r.status, 200);
    let body = evaluate_example().to_string();
    let r = s.send("POST", "/v1/evaluate", &[("Content-Type", "application/json")], body.as_bytes());
    r.problem(401, "unauthorized");
    let r = s.send(
        "POST",
        "/v1/evaluate",
        &[("Content-Type", "application/json"), ("Authorization", "Bearer s3cret-token")],
        body.as_bytes(),
    );
    assert_eq!(r.status, 200);
    // Pages, the document and health stay open.
    for path in ["/", "/docs", "/openapi.json", "/health"] {
        assert_eq!(s.get(path).status, 200, "{path}");
    }
}

#[test]
fn unknown_paths_and_methods_are_problems() {
    let s = server();
    s.get("/v2/evaluate").problem(404, "not-found");
    s.get("/v1/nothing").problem(404, "not-found");
    let r = s.get("/v1/evaluate");
    r.problem(405, "method-not-allowed");
    assert!(r.header("allow").unwrap().contains("POST"));
}

#[test]
fn saturated_pool_is_503_with_retry_after_and_health_still_answers() {
    let s =
        TestServer::start(kinerja_server::Config { workers: 1, queue: 0, ..TestServer::default_config() });
    let busy = s.state.pool.try_occupy().expect("a free worker");
    let r = s.post_json("/v1/evaluate", &evaluate_example());
    r.problem(503, "overloaded");
    assert_eq!(r.header("retry-after"), Some("1"));
    let h = s.get("/health");
    assert_eq!((h.status, h.json()["busy"].as_u64()), (200, Some(1)));
    drop(busy);
    assert_eq!(s.post_json("/v1/evaluate", &evaluate_example()).status, 200);
}

#[test]
fn slow_request_times_out_with_408() {
    let s = TestServer::start(kinerja_server::Config {
        workers: 1,
        queue: 1,
        timeout: Duration::from_millis(300),
        ..TestServer::default_config()
    });
    let busy = s.state.pool.try_occupy().expect("a free worker");
    s.post_json("/v1/evaluate", &evaluate_example()).problem(408, "timeout");
    drop(busy);
    assert_eq!(s.post_json("/v1/evaluate", &evaluate_example()).status, 200);
}

#[test]
fn shutdown_finishes_requests_in_flight() {
    let mut s =
        TestServer::start(kinerja_server::Config { workers: 1, queue: 1, ..TestServer::default_config() });
    let busy = s.state.pool.try_occupy().expect("a free worker");
    let addr = s.addr;
    let body = evaluate_example().to_string();
    let in_flight = std::thread::spawn(move || {
        support::request(
            addr,
            "POST",
            "/v1/evaluate",
            &[("Content-Type", "application/json")],
            body.as_bytes(),
        )
    });
    // Wait until the request is queued for the busy worker, then ask the server to stop.
    let t0 = std::time::Instant::now();
    while s.state.pool.admitted() < 2 {
        assert!(t0.elapsed() < Duration::from_secs(30), "the request never reached the queue");
        std::thread::sleep(Duration::from_millis(10));
    }
    let stopper = std::thread::spawn(move || s.shutdown());
    std::thread::sleep(Duration::from_millis(200));
    drop(busy);
    let r = in_flight.join().unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["predicate"], "very_good");
    stopper.join().unwrap().unwrap();
    assert!(std::net::TcpStream::connect(addr).is_err(), "the listener is closed");
}

// ------------------------------------------------------------------------------------------
// the binary

#[test]
fn binary_serves_and_exits_0_on_sigterm() {
    use std::io::BufRead;
    let exe = env!("CARGO_BIN_EXE_kinerja-server");
    let mut child = std::process::Command::new(exe)
        .args(["--bind", "127.0.0.1:0", "--workers", "1", "--lang", "en"])
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    let addr: std::net::SocketAddr =
        line.trim().rsplit("http://").next().unwrap().parse().unwrap_or_else(|e| panic!("{line}: {e}"));
    assert!(addr.ip().is_loopback());
    let r = support::request(addr, "GET", "/health", &[], b"");
    assert_eq!(r.json()["lang"], "en");
    let killed =
        std::process::Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0));
}

#[test]
fn binary_help_and_bad_options() {
    let exe = env!("CARGO_BIN_EXE_kinerja-server");
    let help = std::process::Command::new(exe).arg("--help").output().unwrap();
    assert!(help.status.success());
    assert!(String::from_utf8_lossy(&help.stdout).contains("--token-file"));
    let bad = std::process::Command::new(exe).args(["--max-body", "lots"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--max-body"));
}

#[test]
fn the_readme_curl_example_gives_what_it_says() {
    let readme = support::repo_file("README.md");
    let start = readme.find("/v1/evaluate -H 'Content-Type: application/json' -d '").expect("curl example");
    let body = &readme[start..];
    let body = &body[body.find("-d '").unwrap() + 4..];
    let body = &body[..body.find("}'").unwrap() + 1];
    let s = server();
    let out = s.send("POST", "/v1/evaluate", &[("Content-Type", "application/json")], body.as_bytes()).json();
    // Hand-computed: a 1260/1200 = 105 %, b 27 against 30 (lower is better) = 110 %,
    // 0.6 × 105 + 0.4 × 110 = 107 %; Above and Above give Very good.
    assert_eq!(out["predicate"], "very_good");
    assert_eq!(out["predicate_label"], "Very good");
    assert_eq!(out["evaluation"]["weighted_achievement"], "107.00");
    assert!(
        out["trace"]["steps"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["citation"].as_str().unwrap().starts_with("PermenPANRB 6/2022"))
    );
}
