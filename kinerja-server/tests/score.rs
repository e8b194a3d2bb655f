//! `POST /v1/score` over loopback: every body format, every answer format, and the errors.

mod support;

use arrow_array::cast::AsArray;
use serde_json::{Value, json};
use support::{Response, TestServer};

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ARROW: &str = "application/vnd.apache.arrow.stream";
const NIP: &str = "198701012010011001";
/// The sample exports have a problem row on purpose: they are scored collecting problems.
const COLLECT: &str = "?on_error=collect";

fn server() -> TestServer {
    TestServer::start(TestServer::default_config())
}

fn repo_bytes(rel: &str) -> Vec<u8> {
    let path = format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn score(s: &TestServer, query: &str, content_type: &str, accept: Option<&str>, body: &[u8]) -> Response {
    let mut headers = vec![("Content-Type", content_type)];
    if let Some(a) = accept {
        headers.push(("Accept", a));
    }
    s.send("POST", &format!("/v1/score{query}"), &headers, body)
}

fn ok_json(r: &Response) -> Value {
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    r.json()
}

fn employee<'a>(out: &'a Value, nip: &str) -> &'a Value {
    out["employees"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["employee"] == nip)
        .unwrap_or_else(|| panic!("{nip} in {out}"))
}

/// The employees of an answer, by NIP: (weighted achievement, predicate, status).
fn summary(out: &Value) -> Vec<(String, Value, Value, Value)> {
    let mut v: Vec<_> = out["employees"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["employee"].as_str().unwrap().to_string(),
                e["weighted_achievement"].clone(),
                e["predicate"].clone(),
                e["status"].clone(),
            )
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn indonesian_export_and_canonical_csv_give_the_same_employees() {
    let s = server();
    let id = score(
        &s,
        "?number_format=id&on_error=collect",
        "text/csv",
        None,
        &repo_bytes("testdata/exports/skp_bkpsdm.csv"),
    );
    let id = ok_json(&id);
    let canonical =
        ok_json(&score(&s, COLLECT, "text/csv", None, &repo_bytes("testdata/exports/skp_canonical.csv")));
    let maria = employee(&id, NIP);
    assert_eq!(maria["weighted_achievement"], "93.00", "{maria}");
    assert_eq!(maria["predicate"], "good");
    assert_eq!(maria["predicate_label"], "Baik");
    assert_eq!(maria["status"], "ok");
    assert_eq!(id["rules"], "permenpanrb-6-2022");
    assert_eq!(id["lang"], "id");
    assert_eq!(summary(&id), summary(&canonical));
    assert!(id["units"].as_array().unwrap().iter().any(|u| u["unit"] == "BKPSDM"), "{}", id["units"]);
    assert!(id["stats"]["fast_rows"].is_u64());
    // The problem row of the sample is an error row, located.
    let errors = canonical["errors"].as_array().unwrap();
    assert!(errors.iter().any(|e| e["employee"] == "199203102015032003" && e["row"].is_u64()), "{errors:?}");
    // English labels, and the indicator table on request.
    let en = ok_json(&score(
        &s,
        "?lang=en&detail=indicator&on_error=collect",
        "text/csv; charset=utf-8",
        Some("application/json"),
        &repo_bytes("testdata/exports/skp_canonical.csv"),
    ));
    assert_eq!(employee(&en, NIP)["predicate_label"], "Good");
    let indicators = en["indicators"].as_array().unwrap();
    assert!(
        indicators.iter().any(|i| i["employee"] == NIP && i["achievement"].is_string()),
        "{indicators:?}"
    );
}

#[test]
fn parquet_input() {
    let s = server();
    let out = ok_json(&score(
        &s,
        COLLECT,
        "application/vnd.apache.parquet",
        None,
        &repo_bytes("testdata/exports/skp.parquet"),
    ));
    let canonical =
        ok_json(&score(&s, COLLECT, "text/csv", None, &repo_bytes("testdata/exports/skp_canonical.csv")));
    assert_eq!(summary(&out), summary(&canonical));
    let r = score(&s, "", "application/x-parquet", None, b"PAR1 not really");
    r.problem(400, "unreadable-file");
    // a file the Parquet decoder panics on (found by fuzzing; its first byte is the fuzz
    // target's options): a 400 like any damaged file, not a 500
    let damaged = repo_bytes("testdata/fuzz/table_parquet/arrow_schema_int_overflow");
    let r = score(&s, "", "application/x-parquet", None, &damaged[1..]);
    let p = r.problem(400, "unreadable-file");
    assert!(p["detail"].as_str().unwrap().contains("the file is damaged"), "{p}");
}

/// The canonical CSV as a workbook, numbers as numeric cells.
fn canonical_xlsx() -> Vec<u8> {
    let text = String::from_utf8(repo_bytes("testdata/exports/skp_canonical.csv")).unwrap();
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("SKP").unwrap();
    for (r, line) in text.lines().enumerate() {
        for (c, cell) in line.split(',').enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell.parse::<f64>() {
                Ok(n) if r > 0 && !cell.starts_with("19") && cell != "2024" => {
                    ws.write_number(r, c, n).map(|_| ())
                }
                _ => ws.write_string(r, c, cell).map(|_| ()),
            }
            .unwrap();
        }
    }
    wb.save_to_buffer().unwrap()
}

#[test]
fn xlsx_input() {
    let s = server();
    let out = ok_json(&score(&s, "?sheet=SKP&on_error=collect", XLSX, None, &canonical_xlsx()));
    let canonical =
        ok_json(&score(&s, COLLECT, "text/csv", None, &repo_bytes("testdata/exports/skp_canonical.csv")));
    assert_eq!(summary(&out), summary(&canonical));
    let p = score(&s, "?sheet=Nope", XLSX, None, &canonical_xlsx()).problem(422, "input");
    assert!(p["detail"].as_str().unwrap().contains("Nope"), "{p}");
    score(&s, "", XLSX, None, b"not a zip").problem(400, "unreadable-file");
}

/// The canonical CSV's columns as an Arrow IPC stream of text columns.
fn canonical_arrow() -> Vec<u8> {
    use std::sync::Arc;
    let text = String::from_utf8(repo_bytes("testdata/exports/skp_canonical.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let cols: Vec<(&str, arrow_array::ArrayRef)> = header
        .iter()
        .enumerate()
        .map(|(j, h)| {
            let a = arrow_array::StringArray::from(rows.iter().map(|r| r[j]).collect::<Vec<_>>());
            (*h, Arc::new(a) as arrow_array::ArrayRef)
        })
        .collect();
    let batch = arrow_array::RecordBatch::try_from_iter(cols).unwrap();
    let mut out = Vec::new();
    // two batches: the server concatenates them
    let mut w = arrow_ipc::writer::StreamWriter::try_new(&mut out, batch.schema_ref()).unwrap();
    w.write(&batch.slice(0, 2)).unwrap();
    w.write(&batch.slice(2, batch.num_rows() - 2)).unwrap();
    w.finish().unwrap();
    drop(w);
    out
}

#[test]
fn arrow_input_and_output() {
    let s = server();
    let out = ok_json(&score(&s, COLLECT, ARROW, None, &canonical_arrow()));
    let canonical =
        ok_json(&score(&s, COLLECT, "text/csv", None, &repo_bytes("testdata/exports/skp_canonical.csv")));
    assert_eq!(summary(&out), summary(&canonical));
    let r = score(&s, COLLECT, ARROW, Some(ARROW), &canonical_arrow());
    assert_eq!((r.status, r.header("content-type")), (200, Some(ARROW)));
    let reader = arrow_ipc::reader::StreamReader::try_new(std::io::Cursor::new(r.body), None).unwrap();
    let batches: Vec<_> = reader.collect::<Result<_, _>>().unwrap();
    let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
    assert_eq!(rows, canonical["employees"].as_array().unwrap().len());
    // the label columns as kj.score gives them: int8 keys into every predicate, in order;
    // the JSON rows of the same roster name the same predicates
    let b = &batches[0];
    let pred = b.column_by_name("predicate").unwrap();
    let dict = pred.as_dictionary_opt::<arrow_array::types::Int8Type>().expect("an int8 dictionary");
    let names: Vec<_> = dict.values().as_string::<i32>().iter().map(Option::unwrap).collect();
    assert_eq!(names, ["very_poor", "poor_misconduct", "needs_improvement", "good", "very_good"]);
    let words: Vec<_> = (0..b.num_rows()).map(|r| kinerja_table::score::text_at(pred, r)).collect();
    let json: Vec<_> =
        canonical["employees"].as_array().unwrap().iter().map(|e| e["predicate"].as_str()).collect();
    assert_eq!(words[..], json[..b.num_rows()]);
    assert!(json.iter().any(Option::is_some));
    score(&s, "", ARROW, None, b"garbage").problem(400, "unreadable-file");
    // a stream of 2 KiB declaring a body of terabytes (found by fuzzing; its first byte is the
    // fuzz target's options): refused before the decoder allocates it, which aborted the server
    let huge = repo_bytes("testdata/fuzz/arrow_stream/huge_declared_body");
    let p = score(&s, "", ARROW, None, &huge[1..]).problem(400, "unreadable-file");
    assert!(p["detail"].as_str().unwrap().contains("bytes but only"), "{p}");
}

#[test]
fn json_rows_keep_numbers_exact() {
    let s = server();
    let body = json!({"indicators": [
        {"NIP": NIP, "Unit Kerja": "BKPSDM", "indicator": "a", "target": 100, "actual": 97.5, "weight": 40,
         "period": "2024", "work_result": "meets", "behaviour": "above"},
        {"NIP": NIP, "Unit Kerja": "BKPSDM", "indicator": "b", "target": 1200, "actual": "1080", "weight": 60,
         "period": "2024", "work_result": "meets", "behaviour": "above", "note": null}
    ]});
    let out = ok_json(&score(&s, "", "application/json", None, body.to_string().as_bytes()));
    let maria = employee(&out, NIP);
    assert_eq!((&maria["weighted_achievement"], &maria["predicate"]), (&json!("93.00"), &json!("good")));
    // Employee rows in a table of their own; a shape error names its path (rows from 0).
    let body = json!({"indicators": [{"employee": "e1", "target": 1, "actual": {"x": 1}}]});
    let p = score(&s, "", "application/json", None, body.to_string().as_bytes()).problem(400, "invalid-body");
    assert_eq!(p["field"], "indicators[0].actual");
    score(&s, "", "application/json", None, b"{\"indicators\": [").problem(400, "malformed-json");
    let body = json!({"indicators": [{"employee": "e1", "indicator": "a", "target": "1.200", "actual": 1}]});
    let p = score(&s, "", "application/json", None, body.to_string().as_bytes()).problem(422, "input");
    assert_eq!((p["row"].clone(), p["field"].clone()), (json!(0), json!("target")), "{p}");
    // rows naming a new column each (300 KB): 400 million cells, once 9.6 GB; refused at once
    let rows: Vec<String> = (0..20_000).map(|k| format!("{{\"c{k}\": 1}}")).collect();
    let body = format!("{{\"indicators\": [{}]}}", rows.join(","));
    let p = score(&s, "", "application/json", None, body.as_bytes()).problem(400, "invalid-body");
    assert!(p["detail"].as_str().unwrap().contains("send every row with the same columns"), "{p}");
}

#[test]
fn csv_xlsx_and_arrow_answers() {
    let s = server();
    let body = repo_bytes("testdata/exports/skp_canonical.csv");
    let r = score(&s, COLLECT, "text/csv", Some("text/csv"), &body);
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    let text = r.text();
    assert!(text.starts_with("employee,unit,weighted_achievement,"), "{text}");
    assert!(text.contains(&format!("{NIP},BKPSDM,93.00,")), "{text}");
    let r = score(&s, "?lang=en&on_error=collect", "text/csv", Some(XLSX), &body);
    assert_eq!((r.status, r.header("content-type")), (200, Some(XLSX)));
    assert!(r.body.starts_with(b"PK"), "not a zip");
    assert!(r.header("content-disposition").unwrap().contains(".xlsx"));
    score(&s, "", "text/csv", Some("image/png"), &body).problem(406, "not-acceptable");
}

#[test]
fn unknown_content_type_is_415() {
    let s = server();
    let p = score(&s, "", "application/octet-stream", None, b"x").problem(415, "unsupported-media-type");
    assert!(p["detail"].as_str().unwrap().contains("text/csv"));
    s.send("POST", "/v1/score", &[], b"a,b\n").problem(415, "unsupported-media-type");
}

#[test]
fn ambiguous_number_without_number_format_is_422_at_row_1() {
    let s = server();
    let r = score(&s, "", "text/csv", None, &repo_bytes("testdata/exports/skp_bkpsdm.csv"));
    let p = r.problem(422, "input");
    assert_eq!(p["row"], 1, "{p}");
    assert_eq!(p["table"], "indicators", "{p}");
    assert!(p["field"].is_string(), "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("row 1") && detail.contains(p["field"].as_str().unwrap()), "{detail}");
}

/// An engine error (a zero target) names its row once, after the table, in both languages —
/// the words `kj.score` raises for the same file (`indicators row 2, employee `b`: target: …`).
#[test]
fn an_engine_error_names_its_row_once() {
    let s = server();
    let body = b"employee,target,actual,work_result,behaviour\na,100,90,meets,meets\nb,0,80,meets,meets\n";
    let p = score(&s, "", "text/csv", None, body).problem(422, "indicator");
    assert_eq!((p["row"].as_u64(), p["table"].as_str()), (Some(2), Some("indicators")), "{p}");
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.starts_with("indicators row 2, employee `b`: target: target is 0"), "{detail}");
    assert_eq!(detail.matches("row 2").count(), 1, "{detail}");
    let id = p["detail_id"].as_str().unwrap_or_default();
    assert!(id.starts_with("tabel indikator baris 2, pegawai `b`: "), "{id}");
    assert_eq!(id.matches("baris 2").count(), 1, "{id}");
}

#[test]
fn bad_query_parameters_are_refused() {
    let s = server();
    let body = repo_bytes("testdata/exports/skp_canonical.csv");
    let p = score(&s, "?number_format=fr", "text/csv", None, &body).problem(422, "input");
    assert_eq!(p["field"], "number_format");
    let p = score(&s, "?rules=dp3", "text/csv", None, &body).problem(422, "policy");
    assert!(p["field"].as_str().unwrap().starts_with("rules"), "{p}");
    let p = score(&s, "?on_error=ignore", "text/csv", None, &body).problem(422, "input");
    assert_eq!(p["field"], "on_error");
    let p = score(&s, "?delimiter=%3B%3B", "text/csv", None, &body).problem(422, "input");
    assert_eq!(p["field"], "delimiter", "the option is refused, not the file: {p}");
    score(&s, "?numberformat=id", "text/csv", None, &body).problem(400, "invalid-query");
    let p = score(&s, "?period=2024-Q5", "text/csv", None, &body).problem(422, "period");
    assert_eq!(p["field"], "period");
    // A builtin ruleset by id, and a delimiter given; batch scoring is PermenPANRB 6/2022's
    // (another regime is refused, never scored with the 6/2022 kernel under its name).
    let r = score(&s, "?rules=permenpanrb-6-2022&delimiter=%2C&on_error=collect", "text/csv", None, &body);
    assert_eq!(ok_json(&r)["rules"], "permenpanrb-6-2022");
    let p = score(&s, "?rules=permenpanrb-8-2021&on_error=collect", "text/csv", None, &body)
        .problem(422, "policy");
    assert!(p["detail"].as_str().unwrap().contains("batch scoring implements PermenPANRB 6/2022"), "{p}");
}

#[test]
fn body_over_the_limit_is_413() {
    let s = TestServer::start(kinerja_server::Config { max_body: 200, ..TestServer::default_config() });
    score(&s, COLLECT, "text/csv", None, &repo_bytes("testdata/exports/skp_canonical.csv"))
        .problem(413, "body-too-large");
}

#[test]
fn token_is_required_when_set() {
    let s = TestServer::start(kinerja_server::Config {
        token: Some("t0k3n".into()),
        ..TestServer::default_config()
    });
    let body = repo_bytes("testdata/exports/skp_canonical.csv");
    score(&s, COLLECT, "text/csv", None, &body).problem(401, "unauthorized");
    let r = s.send(
        "POST",
        "/v1/score?on_error=collect",
        &[("Content-Type", "text/csv"), ("Authorization", "Bearer t0k3n")],
        &body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
}

#[test]
fn garbage_is_4xx_never_5xx() {
    let s = server();
    let bodies: [&[u8]; 5] =
        [b"", b"\xff\xfe\x00garbage", b"a;b,c\n1;2,3\n", b"\"unclosed\n1,2", b"employee\n1\n"];
    for ct in ["text/csv", XLSX, "application/vnd.apache.parquet", ARROW, "application/json"] {
        for b in bodies {
            let r = score(&s, "", ct, None, b);
            assert!((400..500).contains(&r.status), "{ct} {b:?}: {} {}", r.status, r.text());
            assert_eq!(r.header("content-type"), Some("application/problem+json"));
        }
    }
}

#[test]
fn the_readme_curl_example_gives_what_it_says() {
    let readme = support::repo_file("README.md");
    let start = readme.find("'http://127.0.0.1:8080/v1/score?").expect("curl example") + 31;
    let query = &readme[start..start + readme[start..].find('\'').unwrap()];
    assert_eq!(query, "?number_format=id&on_error=collect");
    let s = server();
    let out = ok_json(&score(&s, query, "text/csv", None, &repo_bytes("testdata/exports/skp_bkpsdm.csv")));
    assert_eq!(out["period"], "2024");
    let maria = employee(&out, NIP);
    assert_eq!(maria["unit"], "BKPSDM");
    assert_eq!(maria["weighted_achievement"], "93.00");
    assert_eq!(
        (&maria["predicate"], &maria["predicate_label"], &maria["status"]),
        (&json!("good"), &json!("Baik"), &json!("ok"))
    );
    assert_eq!(out["units"][0]["unit"], "BKPSDM");
    assert_eq!(out["units"][0]["good"], 2);
    assert_eq!((&out["errors"][0]["table"], &out["errors"][0]["row"]), (&json!("indicators"), &json!(5)));
}

#[test]
fn explain_gives_the_cited_explanation_of_one_employee() {
    let s = server();
    let csv = repo_bytes("testdata/exports/skp_canonical.csv");
    let r = score_explain(&s, &format!("?employee={NIP}"), &csv);
    let out = ok_json(&r);
    assert_eq!(out["predicate"], "good", "{out}");
    assert_eq!(out["predicate_label"], "Baik", "{out}");
    assert_eq!(out["evaluation"]["weighted_achievement"], "93.00", "{out}");
    let text = out["explanation"].as_str().unwrap();
    assert!(text.contains("PermenPANRB 6/2022"), "{text}");
    assert!(text.contains("Baik"), "{text}");
    // the same predicate as /v1/score, in the language asked for
    let scored = ok_json(&score(&s, COLLECT, "text/csv", None, &csv));
    assert_eq!(employee(&scored, NIP)["predicate"], out["predicate"]);
    let en = ok_json(&score_explain(&s, &format!("?employee={NIP}&lang=en"), &csv));
    assert_eq!((en["lang"].as_str(), en["predicate_label"].as_str()), (Some("en"), Some("Good")));
}

#[test]
fn explain_refuses_an_unknown_employee_and_a_missing_one() {
    let s = server();
    let csv = repo_bytes("testdata/exports/skp_canonical.csv");
    let r = score_explain(&s, "?employee=199999999999999999", &csv);
    assert!((400..500).contains(&r.status), "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/problem+json"));
    let p = r.json();
    assert!(p["detail"].as_str().unwrap().contains("199999999999999999"), "{p}");
    assert_eq!(p["employee"], "199999999999999999", "{p}");
    let r = score_explain(&s, "", &csv);
    assert_eq!(r.status, 400, "{}", r.text());
    let r = score_explain(&s, &format!("?employee={NIP}&bogus=1"), &csv);
    assert_eq!(r.status, 400, "{}", r.text());
}

/// An employee whose plan the engine refuses is the located 422 of `/v1/score`: the table, the
/// row and the employee, the same problem as `/v1/score` answers for the same file.
#[test]
fn explain_refusing_the_plan_names_the_row_as_score_does() {
    let s = server();
    let body =
        b"employee,unit,target,actual,work_result,behaviour\na,u,100,90,meets,meets\nb,u,0,80,meets,meets\n";
    let scored = score(&s, "?period=2024", "text/csv", None, body).problem(422, "indicator");
    let explained = score_explain(&s, "?employee=b&period=2024", body).problem(422, "indicator");
    let place = |v: &Value| (v["table"].clone(), v["row"].clone(), v["employee"].clone(), v["field"].clone());
    assert_eq!(place(&explained), place(&scored));
    assert_eq!((explained["row"].as_u64(), explained["table"].as_str()), (Some(2), Some("indicators")));
    let detail = explained["detail"].as_str().unwrap();
    assert!(detail.starts_with("indicators row 2, employee `b`"), "{detail}");
    // a missing realisation of the sample's incomplete employee: row 5, as `errors` of /v1/score
    let csv = repo_bytes("testdata/exports/skp_canonical.csv");
    let p = score_explain(&s, "?employee=199203102015032003", &csv).problem(422, "input");
    let row =
        |v: &Value| (v["table"].clone(), v["row"].clone(), v["employee"].clone(), v["indicator"].clone());
    let errors = ok_json(&score(&s, COLLECT, "text/csv", None, &csv))["errors"].clone();
    assert_eq!(row(&p), row(&errors[0]), "{p}");
    assert!(
        p["detail"].as_str().unwrap().starts_with("indicators row 5, employee `199203102015032003`"),
        "{p}"
    );
    assert!(p["detail_id"].as_str().unwrap().starts_with("tabel indikator baris 5, pegawai"), "{p}");
    // what the plan needs and the rows lack (a unit) is at the employee's first row
    let body = b"employee,target,actual,work_result,behaviour\na,100,90,meets,meets\nb,90,80,meets,meets\n";
    let p = score_explain(&s, "?employee=b&period=2024", body).problem(422, "input");
    assert_eq!(
        (p["row"].as_u64(), p["table"].as_str(), p["employee"].as_str()),
        (Some(2), Some("indicators"), Some("b"))
    );
    assert!(
        p["detail"].as_str().unwrap().starts_with("indicators row 2, employee b: the employee has no unit"),
        "{p}"
    );
}

/// A cell the reader refuses on a row of the employee is the located 422 of `/v1/score`; one
/// on another employee's row does not stop the explanation.
#[test]
fn explain_refuses_a_bad_cell_of_the_employee_only() {
    let s = server();
    let csv = String::from_utf8(repo_bytes("testdata/exports/skp_canonical.csv")).unwrap();
    let bad = csv.replacen("1500000,1500000,rupiah", "1500000,abc,rupiah", 1);
    assert_ne!(bad, csv);
    let p = score_explain(&s, "?employee=197905152005012002", bad.as_bytes()).problem(422, "input");
    assert_eq!((p["row"].as_u64(), p["field"].as_str()), (Some(4), Some("actual")), "{p}");
    assert_eq!(p["employee"], "197905152005012002", "{p}");
    let out = ok_json(&score_explain(&s, &format!("?employee={NIP}"), bad.as_bytes()));
    assert_eq!(out["predicate"], "good", "{out}");
}

/// A JSON number is plain notation whatever `number_format` says of the text cells: `1.500`
/// is one and a half under `id` (once read as 1 500), and neither ambiguous under `auto` nor
/// "not a number" under `id`; an exponent is written out. Text cells still follow the format,
/// and a number in an id column stays as written.
#[test]
fn json_numbers_are_plain_notation_under_every_number_format() {
    let s = server();
    let row = |ind: &str, target: Value, actual: Value| {
        json!({"employee": 1990, "unit": "U", "indicator": ind, "target": target, "actual": actual,
               "weight": 50, "period": "2024", "work_result": "meets", "behaviour": "above"})
    };
    let body = |actual_b: Value| {
        json!({"indicators": [row("a", json!(100), json!(97.5)), row("b", json!(2), actual_b)]}).to_string()
    };
    // `1.500` as JSON text (serde_json would write 1.5)
    let text = body(json!("X")).replace("\"X\"", "1.500");
    for q in
        ["?number_format=id&detail=indicator", "?detail=indicator", "?number_format=plain&detail=indicator"]
    {
        let out = ok_json(&score(&s, q, "application/json", None, text.as_bytes()));
        let e = employee(&out, "1990");
        assert_eq!(e["weighted_achievement"], json!("86.25"), "{q}: {out}");
    }
    // an exponent in a number column: 15e-1 is 1.5
    let text = body(json!("X")).replace("\"X\"", "15e-1");
    let out = ok_json(&score(&s, "?number_format=id", "application/json", None, text.as_bytes()));
    assert_eq!(employee(&out, "1990")["weighted_achievement"], json!("86.25"), "{out}");
    // a text cell still follows the format: "1,5" is 1.5 under `id` only
    let text = body(json!("1,5"));
    let out = ok_json(&score(&s, "?number_format=id", "application/json", None, text.as_bytes()));
    assert_eq!(employee(&out, "1990")["weighted_achievement"], json!("86.25"), "{out}");
    let p = score(&s, "", "application/json", None, text.as_bytes()).problem(422, "input");
    assert_eq!(p["field"], json!("actual"), "{p}");
}

fn score_explain(s: &TestServer, query: &str, body: &[u8]) -> Response {
    s.send("POST", &format!("/v1/score/explain{query}"), &[("Content-Type", "text/csv")], body)
}

fn post_report(s: &TestServer, query: &str, body: &[u8]) -> Response {
    s.send("POST", &format!("/v1/report{query}"), &[("Content-Type", "text/csv")], body)
}

#[test]
fn report_gives_the_documents_of_one_employee_and_of_the_roster() {
    let s = server();
    let csv = repo_bytes("testdata/exports/skp_canonical.csv");
    // one employee, HTML: the document with the predicate the score gives
    let r = post_report(&s, &format!("?employee={NIP}&format=html"), &csv);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    let html = r.text();
    assert!(html.contains("Dokumen Evaluasi Kinerja Pegawai") && html.contains(NIP), "{html}");
    assert!(html.contains("93,00%") && html.contains("Baik"), "{html}");
    assert!(!html.contains("Laporan Kinerja Unit"), "one employee: no unit report");
    let en = post_report(&s, &format!("?employee={NIP}&format=html&lang=en"), &csv).text();
    assert!(
        en.contains("Employee Performance Evaluation") && en.contains("93.00%") && en.contains("Good"),
        "{en}"
    );
    // the whole roster as PDF: employees then the unit reports
    let r = post_report(&s, "?on_error=collect", &csv);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/pdf"));
    assert!(r.body.starts_with(b"%PDF-"), "not a PDF");
    let html = post_report(&s, "?format=html&on_error=collect", &csv).text();
    assert!(html.contains("Laporan Kinerja Unit"), "the roster has unit reports");
}

#[test]
fn report_refuses_a_bad_format_an_unknown_employee_and_a_bad_cell() {
    let s = server();
    let csv = repo_bytes("testdata/exports/skp_canonical.csv");
    let r = post_report(&s, "?format=docx", &csv);
    assert!((400..500).contains(&r.status), "{}", r.text());
    assert!(r.text().contains("docx"), "{}", r.text());
    let r = post_report(&s, "?employee=199999999999999999", &csv);
    assert!((400..500).contains(&r.status), "{}", r.text());
    assert!(r.text().contains("199999999999999999"), "{}", r.text());
    let r = post_report(&s, "?format=pdf&format=html", &csv);
    assert_eq!(r.status, 400, "{}", r.text());
    let bad = b"employee,indicator,target,actual,work_result,behaviour\na,a1,100,abc,meets,meets\n";
    let r = post_report(&s, "", bad);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("row 1"), "{}", r.text());
    // a header only: no employee, no document — 422, not the printer's 500
    let r = post_report(&s, "", b"employee,unit,indicator,target,actual,period,work_result,behaviour\n");
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.text().contains("no employee"), "{}", r.text());
    // under collect a bad cell is its employee's error; the other employee gets a document
    let two = b"employee,unit,indicator,target,actual,period,work_result,behaviour\n\
                a,U,a1,100,90,2024,meets,meets\nb,U,b1,100,abc,2024,meets,meets\n";
    let r = post_report(&s, "?on_error=collect&format=html&lang=en", two);
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.text().contains("abc"), "the error list names the bad cell: {}", r.text());
}

/// A document refused for an employee whose plan the engine refuses, or whose rows lack what
/// the document needs, names the row as `/v1/score` does.
#[test]
fn report_refusing_an_employee_names_the_row() {
    let s = server();
    let csv = repo_bytes("testdata/exports/skp_canonical.csv");
    let p = post_report(&s, "?employee=199203102015032003&format=html", &csv).problem(422, "input");
    let place =
        |v: &Value| (v["table"].clone(), v["row"].clone(), v["employee"].clone(), v["indicator"].clone());
    let errors = ok_json(&score(&s, COLLECT, "text/csv", None, &csv))["errors"].clone();
    assert_eq!(place(&p), place(&errors[0]), "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.starts_with("indicators row 5, employee `199203102015032003`, indicator"), "{detail}");
    let body = b"employee,target,actual,work_result,behaviour\na,100,90,meets,meets\n";
    let p = post_report(&s, "?format=html&period=2024", body).problem(422, "input");
    assert_eq!((p["row"].as_u64(), p["employee"].as_str()), (Some(1), Some("a")), "{p}");
}

/// The document's examples of `POST /v1/score` are true: its JSON rows, posted, give its
/// response, statistics included.
#[test]
fn the_documented_score_example_is_the_answer() {
    let s = server();
    let d = s.get("/openapi.json").json();
    let body = &d["paths"]["/v1/score"]["post"]["requestBody"]["content"]["application/json"]["example"];
    let answer = ok_json(&s.post_json("/v1/score", body));
    let documented = &d["components"]["schemas"]["ScoreResponse"]["example"];
    assert!(documented.is_object(), "ScoreResponse has an example");
    assert_eq!(&answer, documented);
    // two plain rows of one employee: the plain loop and the plain mean took them
    assert_eq!(
        answer["stats"],
        json!({"fast_rows": 2, "plain_rows": 2, "fallback_rows": 0,
        "plain_employees": 1, "fallback_employees": 0})
    );
}

/// The query text of `v` (every byte but letters, digits and `-_.~` percent-encoded).
fn encoded(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The misspelt-header advice names `columns={…}`, and HTTP accepts it: the `columns` query
/// parameter maps a file's headers to kinerja's columns, as `columns=` of `kj.score` does, on
/// `/v1/score` and `/v1/score/explain`; a mapping that is not one is a located 422.
#[test]
fn columns_maps_headers_as_the_advice_says() {
    let s = server();
    let csv = String::from_utf8(repo_bytes("testdata/exports/skp_canonical.csv")).unwrap();
    let renamed = csv.replacen(",weight,", ",Bobt,", 1).replacen(",actual,", ",Capaian Riil,", 1);
    assert_ne!(renamed, csv);
    let p = score(&s, COLLECT, "text/csv", None, renamed.as_bytes()).problem(422, "input");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains(r#"map it with columns={"Bobt": "..."}"#), "{detail}");
    let mapping = encoded(r#"{"Bobt": "weight", "Capaian Riil": "actual"}"#);
    let mapped =
        ok_json(&score(&s, &format!("{COLLECT}&columns={mapping}"), "text/csv", None, renamed.as_bytes()));
    let canonical = ok_json(&score(&s, COLLECT, "text/csv", None, csv.as_bytes()));
    assert_eq!(summary(&mapped), summary(&canonical));
    let explained =
        ok_json(&score_explain(&s, &format!("?employee={NIP}&columns={mapping}"), renamed.as_bytes()));
    assert_eq!(explained["predicate"], employee(&canonical, NIP)["predicate"]);
    for (bad, says) in [
        ("5", "is not a column mapping"),
        (r#"{"Bobt": 5}"#, "invalid type"),
        (r#"{"Bobt": "weight", "Bobt": "actual"}"#, "the header `Bobt` is mapped twice"),
        (r#"{"Bobt": "bobot"}"#, "names no canonical column"),
        (
            r#"{"Bobot Kinerja": "weight", "Bobt": "weight", "Capaian Riil": "actual"}"#,
            "not a header of any table",
        ),
    ] {
        let r =
            score(&s, &format!("{COLLECT}&columns={}", encoded(bad)), "text/csv", None, renamed.as_bytes());
        let p = r.problem(422, "input");
        assert!(p["detail"].as_str().unwrap().contains(says), "{bad}: {p}");
        let id = p["detail_id"].as_str().unwrap();
        assert!(!id.contains("bahasa Inggris"), "{bad}: {id}");
    }
    // the Indonesian advice names the same parameter
    let p = score(&s, COLLECT, "text/csv", None, renamed.as_bytes()).problem(422, "input");
    assert!(p["detail_id"].as_str().unwrap().contains(r#"`columns={"Bobt": "..."}`"#), "{p}");
}

/// Without `rules`, a file is scored under the builtin ruleset in force for its period, as
/// `POST /v1/evaluate` evaluates a plan: a 2019 roster (PP 46/2011) is refused by score,
/// explain and report alike, never scored under PermenPANRB 6/2022; given the rules, it is
/// scored under them.
#[test]
fn without_rules_the_period_chooses_them_on_score_explain_and_report() {
    let s = server();
    let csv = |year: u32| {
        format!(
            "employee,unit,indicator,target,actual,weight,period,work_result,behaviour\n\
             {NIP},BKPSDM,a,100,97.5,100,{year},meets,above\n"
        )
        .into_bytes()
    };
    let refused = |r: &Response| {
        assert_eq!(r.status, 422, "{}", r.text());
        let p = r.json();
        let detail = p["detail"].as_str().unwrap();
        assert!(detail.contains("PP 46/2011") && detail.contains("2019"), "{p}");
    };
    refused(&score(&s, "", "text/csv", None, &csv(2019)));
    refused(&score_explain(&s, &format!("?employee={NIP}"), &csv(2019)));
    refused(&post_report(&s, &format!("?employee={NIP}&format=html"), &csv(2019)));
    let out = ok_json(&score(&s, "", "text/csv", None, &csv(2024)));
    assert_eq!(out["rules"], "permenpanrb-6-2022", "{out}");
    assert_eq!(employee(&out, NIP)["predicate"], "good", "{out}");
    assert_eq!(score_explain(&s, &format!("?employee={NIP}"), &csv(2024)).status, 200);
    assert_eq!(post_report(&s, &format!("?employee={NIP}&format=html"), &csv(2024)).status, 200);
    let what_if = ok_json(&score(&s, "?rules=permenpanrb-6-2022", "text/csv", None, &csv(2019)));
    assert_eq!(employee(&what_if, NIP)["predicate"], "good", "{what_if}");
}
