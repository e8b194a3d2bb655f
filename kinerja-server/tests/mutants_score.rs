//! Tests written for the mutants cargo-mutants left alive in the scoring endpoints
//! (`score/mod.rs`, `score/output.rs`, …): the query options that reach the table layer
//! (`delimiter`, `encoding` and the `charset` of `Content-Type`, a Ruleset given as JSON), the
//! words of a `columns` mapping that is not an object, the labels of the unit table, and what
//! the OpenAPI document says of the query and the JSON rows (see TESTING.md, "Mutation
//! testing").

mod support;

use serde_json::{Value, json};
use support::{Response, TestServer};

const NIP: &str = "198701012010011001";

fn server() -> TestServer {
    TestServer::start(TestServer::default_config())
}

fn score(s: &TestServer, query: &str, content_type: &str, body: &[u8]) -> Response {
    s.send("POST", &format!("/v1/score{query}"), &[("Content-Type", content_type)], body)
}

fn ok_json(r: &Response) -> Value {
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    r.json()
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

/// One employee of one indicator in unit `unit`, as CSV text with `delimiter`.
fn roster(unit: &str, delimiter: char) -> String {
    let header =
        ["employee", "unit", "indicator", "target", "actual", "weight", "period", "work_result", "behaviour"];
    let row = [NIP, unit, "a", "100", "90", "100", "2024", "meets", "above"];
    let d = delimiter.to_string();
    format!("{}\n{}\n", header.join(&d), row.join(&d))
}

/// The `delimiter` option reaches the reader (the field `delimiter` of the read options is not
/// left at its default, detection from the header, which knows `,`, `;` and tab only): a file
/// separated by `|` is scored with `delimiter=|`, and without it its header is one column and
/// its row two (a comma in the unit), refused as unreadable; a comma file read with `;` is one
/// column that names none of kinerja's, refused in both languages.
#[test]
fn the_delimiter_option_is_the_one_the_file_is_read_with() {
    let s = server();
    let pipe = roster("BKPSDM, Bidang Mutasi", '|');
    let out = ok_json(&score(&s, "?delimiter=%7C", "text/csv", pipe.as_bytes()));
    let e = &out["employees"][0];
    assert_eq!(
        (&e["employee"], &e["unit"], &e["weighted_achievement"]),
        (&json!(NIP), &json!("BKPSDM, Bidang Mutasi"), &json!("90.00")),
        "{out}"
    );
    // detected as `,`: the header is one column, the row two (a comma in the unit)
    let p = score(&s, "", "text/csv", pipe.as_bytes()).problem(400, "unreadable-file");
    assert_eq!(
        p["detail"],
        "the indicators table cannot be read: line 2: a row has 2 fields but the header has 1; check the \
         delimiter and quoting (a field holding the delimiter must be in double quotes)",
        "{p}"
    );
    let comma = roster("BKPSDM", ',');
    let out = ok_json(&score(&s, "?delimiter=%2C", "text/csv", comma.as_bytes()));
    assert_eq!(out["employees"][0]["weighted_achievement"], "90.00", "{out}");
    let p = score(&s, "?delimiter=%3B", "text/csv", comma.as_bytes()).problem(422, "input");
    let header = "employee,unit,indicator,target,actual,weight,period,work_result,behaviour";
    assert_eq!(
        p["detail"],
        format!(
            "indicators table: the indicators table lacks the column employee (NIP), actual (Realisasi), \
             target (Target), or target_low and target_high; headers found: `{header}` (ignored)"
        ),
        "{p}"
    );
    assert_eq!(
        p["detail_id"],
        format!(
            "tabel indikator: tabel `indicators` tidak memiliki kolom `employee` (NIP), `actual` (Realisasi), \
             `target` (Target), atau `target_low` dan `target_high`; judul yang ada: `{header}` (diabaikan)"
        ),
        "{p}"
    );
}

/// A CSV file in Windows-1252 is read in that encoding when the query's `encoding` or the
/// `charset` of `Content-Type` names it (`é` is the byte 0xE9); without either it is not
/// UTF-8 and is refused. A `charset` of `utf-8` or `utf8` reads UTF-8 as no charset does.
#[test]
fn the_encoding_comes_from_the_query_or_the_charset() {
    let s = server();
    let mut latin = roster("Sekretariat Daerah \u{e9}", ',').into_bytes();
    // the UTF-8 `é` (C3 A9) as the one byte of Windows-1252
    let at = latin.windows(2).position(|w| w == [0xC3, 0xA9]).unwrap();
    latin.splice(at..at + 2, [0xE9]);
    let unit = |out: &Value| out["employees"][0]["unit"].clone();
    let want = json!("Sekretariat Daerah \u{e9}");
    let by_query = ok_json(&score(&s, "?encoding=windows-1252", "text/csv", &latin));
    assert_eq!(unit(&by_query), want, "{by_query}");
    for ct in
        ["text/csv; charset=windows-1252", "text/csv; charset=\"Windows-1252\"", "text/csv;charset=latin1"]
    {
        let out = ok_json(&score(&s, "", ct, &latin));
        assert_eq!(unit(&out), want, "{ct}: {out}");
    }
    // the query's encoding wins over the charset
    let out = ok_json(&score(&s, "?encoding=windows-1252", "text/csv; charset=utf-8", &latin));
    assert_eq!(unit(&out), want, "{out}");
    let p = score(&s, "", "text/csv", &latin).problem(400, "unreadable-file");
    assert!(p["detail"].as_str().unwrap().contains("UTF-8"), "{p}");
    let utf8 = roster("Sekretariat Daerah \u{e9}", ',');
    for ct in ["text/csv; charset=utf-8", "text/csv; charset=UTF8", "text/csv"] {
        let out = ok_json(&score(&s, "", ct, utf8.as_bytes()));
        assert_eq!(unit(&out), want, "{ct}: {out}");
    }
}

/// `rules` may be a Ruleset JSON object as text: it is read as one (its regime named in the
/// answer), not looked up as a builtin id; text that is not JSON is refused as such.
#[test]
fn a_ruleset_given_as_json_text_is_read_as_json() {
    let s = server();
    let body = roster("BKPSDM", ',');
    for rules in
        [r#"{"regime": "permenpanrb-6-2022"}"#, r#" {"regime": "permenpanrb-6-2022", "policy": null}"#]
    {
        let out = ok_json(&score(&s, &format!("?rules={}", encoded(rules)), "text/csv", body.as_bytes()));
        assert_eq!(out["rules"], "permenpanrb-6-2022", "{rules}: {out}");
        assert_eq!(out["employees"][0]["predicate"], "good", "{rules}: {out}");
    }
    let p =
        score(&s, &format!("?rules={}", encoded(r#"{"regime": "pp-46-2011"}"#)), "text/csv", body.as_bytes())
            .problem(422, "policy");
    assert!(p["detail"].as_str().unwrap().contains("batch scoring implements PermenPANRB 6/2022"), "{p}");
    let p = score(&s, &format!("?rules={}", encoded(r#"{"regime": "#)), "text/csv", body.as_bytes())
        .problem(422, "input");
    assert_eq!(p["field"], "rules", "{p}");
    let detail = p["detail"].as_str().unwrap();
    assert!(detail.contains("the Ruleset JSON is not well-formed: EOF while parsing a value"), "{p}");
}

/// A `columns` value that is not a JSON object says what was expected in its words (the
/// mapping's `expecting`), after the parser's own.
#[test]
fn a_column_mapping_that_is_not_an_object_says_what_it_expected() {
    let s = server();
    let body = roster("BKPSDM", ',');
    for (bad, got) in [("5", "integer `5`"), ("[]", "sequence"), (r#""actual""#, "string \"actual\"")] {
        let p = score(&s, &format!("?columns={}", encoded(bad)), "text/csv", body.as_bytes())
            .problem(422, "input");
        assert_eq!(p["field"], "columns", "{p}");
        let want = format!(
            "`{bad}` is not a column mapping (invalid type: {got}, expected a JSON object of header → column"
        );
        assert!(p["detail"].as_str().unwrap().contains(&want), "{want}: {p}");
    }
}

/// The unit table labels its organisational predicate beside the code in the answer's
/// language, as the employee table labels the predicates (`org_predicate_label`).
#[test]
fn the_unit_table_labels_the_organisational_predicate() {
    let s = server();
    let row = json!({"employee": NIP, "unit": "BKPSDM", "indicator": "a", "target": 100, "actual": 90,
        "weight": 100, "period": "2024", "work_result": "meets", "behaviour": "above"});
    for (org, id, en) in [("good", "Baik", "Good"), ("outstanding", "Istimewa", "Outstanding")] {
        let body = json!({"indicators": [row], "units": [{"unit": "BKPSDM", "org_predicate": org}]});
        for (lang, label) in [("id", id), ("en", en)] {
            let out = ok_json(&score(
                &s,
                &format!("?lang={lang}"),
                "application/json",
                body.to_string().as_bytes(),
            ));
            let unit = &out["units"][0];
            assert_eq!(
                (&unit["org_predicate"], &unit["org_predicate_label"]),
                (&json!(org), &json!(label)),
                "{out}"
            );
        }
    }
}

/// The OpenAPI document names the accepted values of the choice parameters of `/v1/score` and
/// of the endpoints that share its query, and the shape of JSON rows: `indicators` required,
/// `employees` and `units` optional, nothing else, each row an object of scalar cells.
#[test]
fn the_document_names_the_choices_and_the_shape_of_json_rows() {
    let d = server().get("/openapi.json").json();
    for path in ["/v1/score", "/v1/score/explain", "/v1/report"] {
        let params = d["paths"][path]["post"]["parameters"].as_array().unwrap();
        let param = |name: &str| {
            params.iter().find(|p| p["name"] == name).unwrap_or_else(|| panic!("{path}: {name}"))["schema"]
                .clone()
        };
        for (name, values, description) in [
            ("number_format", json!(["plain", "id", "auto"]), "How text numbers are written."),
            ("on_error", json!(["raise", "collect"]), "Stop at the first problem or collect them."),
            ("detail", json!(["employee", "indicator"]), "Which tables to answer."),
        ] {
            let schema = param(name);
            assert_eq!(
                (&schema["type"], &schema["enum"], &schema["description"]),
                (&json!("string"), &values, &json!(description)),
                "{path}: {name}: {schema}"
            );
        }
    }
    let rows = &d["components"]["schemas"]["ScoreRows"];
    assert_eq!(rows["type"], "object", "{rows}");
    assert_eq!(rows["required"], json!(["indicators"]), "{rows}");
    assert_eq!(rows["additionalProperties"], json!(false), "{rows}");
    for table in ["indicators", "employees", "units"] {
        let t = &rows["properties"][table];
        assert_eq!(t["type"], "array", "{table}: {t}");
        assert_eq!(t["items"]["type"], "object", "{table}: {t}");
        assert_eq!(
            t["items"]["additionalProperties"]["type"],
            json!(["string", "number", "boolean", "null"]),
            "{table}: {t}"
        );
    }
    let body = &d["paths"]["/v1/score"]["post"]["requestBody"]["content"]["application/json"]["schema"];
    assert_eq!(body["$ref"], "#/components/schemas/ScoreRows", "{body}");
}
