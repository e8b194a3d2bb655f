//! Tests written for the mutants cargo-mutants left alive in `body.rs` and `score/rows.rs`:
//! the JSON media types that are not JSON, a body of exactly the size limit, the body errors
//! met while reading a chunked body, and the words a JSON row body of the wrong shape is
//! refused with (see TESTING.md, "Mutation testing").

mod support;

use std::io::Write;
use std::net::TcpStream;
use std::time::Duration;

use kinerja_server::body::parse;
use kinerja_server::score::rows::JsonTables;
use kinerja_table::numbers::NumberFormat;
use serde_json::Value;
use support::{Response, TestServer};

fn evaluate_example() -> Value {
    serde_json::from_str(kinerja_server::openapi::EVALUATE_EXAMPLE).unwrap()
}

/// Sends `POST path` with a chunked body: `chunks` is the raw text after the headers, chunk
/// sizes and all (no `Content-Length`), so a test can send more than the limit or a broken
/// chunk.
fn post_chunked(s: &TestServer, path: &str, chunks: &[u8]) -> Response {
    let mut stream = TcpStream::connect(s.addr).expect("connect");
    stream.set_read_timeout(Some(Duration::from_secs(60))).ok();
    let head = format!(
        "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\n\r\n",
        s.addr
    );
    stream.write_all(head.as_bytes()).expect("write");
    // The server may answer before reading the whole body and close the connection.
    let _ = stream.write_all(chunks);
    support::read_response(&mut stream)
}

/// One chunk of `data` in the chunked encoding.
fn chunk(data: &[u8]) -> Vec<u8> {
    let mut out = format!("{:x}\r\n", data.len()).into_bytes();
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
    out
}

/// Only `application/json` and `application/…+json` are JSON: another `application/` type,
/// or a `+json` suffix under another top-level type, is 415 (`&&` → `||` in `is_json`).
#[test]
fn json_media_types_need_both_the_application_type_and_the_json_suffix() {
    let s = TestServer::start(TestServer::default_config());
    let body = evaluate_example().to_string();
    for ct in ["application/xml", "application/jsonp", "text/vnd.kinerja+json", "text/json"] {
        let r = s.send("POST", "/v1/evaluate", &[("Content-Type", ct)], body.as_bytes());
        let p = r.problem(415, "unsupported-media-type");
        assert!(p["detail"].as_str().unwrap().contains(&format!("`{ct}`")), "{p}");
    }
    for ct in ["application/json", "application/vnd.kinerja+json", "Application/JSON; charset=utf-8"] {
        let r = s.send("POST", "/v1/evaluate", &[("Content-Type", ct)], body.as_bytes());
        assert_eq!(r.status, 200, "{ct}: {}", r.text());
    }
}

/// A body of exactly `--max-body` bytes (by its `Content-Length`) is read; one byte more is
/// 413 (`>` → `>=` in `limited`).
#[test]
fn a_body_of_exactly_the_limit_is_read() {
    let limit = 4096;
    let s = TestServer::start(kinerja_server::Config { max_body: limit, ..TestServer::default_config() });
    let mut body = evaluate_example().to_string().into_bytes();
    assert!(body.len() < limit, "{}", body.len());
    body.resize(limit, b' ');
    let r = s.send("POST", "/v1/evaluate", &[("Content-Type", "application/json")], &body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["predicate"], "very_good");
    body.push(b' ');
    let r = s.send("POST", "/v1/evaluate", &[("Content-Type", "application/json")], &body);
    let p = r.problem(413, "body-too-large");
    assert!(p["detail"].as_str().unwrap().contains("limit of 4096 bytes"), "{p}");
}

/// A chunked body declares no length: past the limit it is refused while it is read, as the
/// same `body-too-large` problem with the same words as a declared length (the reader's own
/// 413 is not passed on as a bare HTTP error).
#[test]
fn a_chunked_body_past_the_limit_is_the_same_413() {
    let limit = 4096;
    let s = TestServer::start(kinerja_server::Config { max_body: limit, ..TestServer::default_config() });
    let mut chunks = Vec::new();
    for _ in 0..4 {
        chunks.extend(chunk(&[b' '; 2000]));
    }
    chunks.extend_from_slice(b"0\r\n\r\n");
    let p = post_chunked(&s, "/v1/evaluate", &chunks).problem(413, "body-too-large");
    assert!(p["detail"].as_str().unwrap().contains("limit of 4096 bytes (option --max-body)"), "{p}");
    // under the limit, chunked is read as any body
    let body = evaluate_example().to_string().into_bytes();
    let mut chunks = chunk(&body[..100]);
    chunks.extend(chunk(&body[100..]));
    chunks.extend_from_slice(b"0\r\n\r\n");
    let r = post_chunked(&s, "/v1/evaluate", &chunks);
    assert_eq!(r.status, 200, "{}", r.text());
}

/// A body that cannot be read for another reason (a broken chunk) keeps its own status: it is
/// not reported as too large.
#[test]
fn a_broken_chunked_body_is_not_too_large() {
    let s = TestServer::start(TestServer::default_config());
    let r = post_chunked(&s, "/v1/evaluate", b"5\r\n{\"a\":\r\nzz\r\n\r\n");
    assert_eq!(r.status, 400, "{}", r.text());
    let p = r.json();
    assert_ne!(p["type"], "urn:kinerja:problem:body-too-large", "{p}");
    assert!(!p["detail"].as_str().unwrap_or_default().contains("--max-body"), "{p}");
}

/// The detail of a JSON row body of the wrong shape says what was expected at that place:
/// the body, a row and a cell each name themselves (the visitors' `expecting`).
#[test]
fn a_json_row_body_of_the_wrong_shape_says_what_was_expected() {
    let detail = |text: &str| {
        let p = parse::<JsonTables>(text.as_bytes(), 16).unwrap_err();
        assert_eq!((p.status, p.kind.as_str()), (400, "urn:kinerja:problem:invalid-body"), "{p:?}");
        p.detail
    };
    let d = detail("[]");
    assert!(
        d.contains(r#"expected an object {"indicators": [rows], "employees"?: [rows], "units"?: [rows]}"#),
        "{d}"
    );
    let d = detail(r#"{"indicators": [1]}"#);
    assert!(d.contains("expected a row: an object of column → cell"), "{d}");
    let d = detail(r#"{"indicators": [{"a": {"b": 1}}]}"#);
    assert!(d.contains("expected a cell: a string, a number, a boolean or null"), "{d}");
    // the same words over HTTP
    let s = TestServer::start(TestServer::default_config());
    let r = s.send("POST", "/v1/score", &[("Content-Type", "application/json")], br#"{"indicators": [[1]]}"#);
    let p = r.problem(400, "invalid-body");
    assert_eq!(p["field"], "indicators[0]", "{p}");
    assert!(p["detail"].as_str().unwrap().contains("expected a row: an object of column"), "{p}");
}

/// The cell limit is inclusive: 1024 rows naming a new column each make exactly `MIN_CELLS`
/// cells (2^20) in a body far smaller, and are read; one more row is refused
/// (`>` → `>=` in `batch`).
#[test]
fn exactly_the_cell_limit_is_read() {
    let min = kinerja_server::score::rows::MIN_CELLS;
    assert_eq!(min, 1 << 20);
    let body = |n: usize| {
        let rows: Vec<String> = (0..n).map(|k| format!("{{\"c{k}\": {k}}}")).collect();
        format!("{{\"indicators\": [{}]}}", rows.join(","))
    };
    let text = body(1024);
    assert!(text.len() < min, "{}", text.len());
    let t: JsonTables = parse(text.as_bytes(), 16).unwrap();
    let b = t.into_batches(text.as_bytes(), NumberFormat::Plain).unwrap();
    assert_eq!((b.indicators.num_rows(), b.indicators.num_columns()), (1024, 1024));
    let text = body(1025);
    let t: JsonTables = parse(text.as_bytes(), 16).unwrap();
    let p = t.into_batches(text.as_bytes(), NumberFormat::Plain).unwrap_err();
    assert_eq!(p.status, 400, "{p:?}");
    assert!(
        p.detail.contains("the 1025 rows of `indicators` name 1025 different columns: 1050625 cells"),
        "{p:?}"
    );
}
