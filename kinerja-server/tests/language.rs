//! One language per answer: the problems collected by `POST /v1/score` are worded in the
//! request's `lang`, the Indonesian `detail_id` of a problem holds no English reason of the
//! audited kinds (query strings, JSON bodies of the wrong shape), and the web page is served
//! in the server's language.

mod support;

use kinerja_core::explain::Lang;
use serde_json::Value;
use support::TestServer;

const NIP: &str = "198701012010011001";

fn server(lang: Lang) -> TestServer {
    TestServer::start(kinerja_server::Config { lang, ..TestServer::default_config() })
}

/// A CSV with one good employee, a row without its NIP and a row whose target is not a number.
fn bad_csv() -> String {
    format!(
        "employee,indicator,target,actual,work_result,behaviour\n\
         {NIP},a,100,97.5,meets,above\n\
         ,a,100,90,meets,meets\n\
         198801012011012002,a,abc,90,meets,meets\n"
    )
}

fn collect(s: &TestServer, lang: &str) -> Value {
    let r = s.send(
        "POST",
        &format!("/v1/score?on_error=collect&lang={lang}"),
        &[("Content-Type", "text/csv")],
        bad_csv().as_bytes(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    r.json()
}

fn messages(out: &Value) -> Vec<String> {
    out["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap().to_string()).collect()
}

#[test]
fn collected_problems_are_worded_in_the_requests_language() {
    let s = server(Lang::En);
    let id = collect(&s, "id");
    assert_eq!(id["lang"], "id");
    assert_eq!(
        messages(&id),
        [
            "id pegawai (NIP) kosong; setiap baris memerlukannya",
            "`abc` bukan angka (mis. 1200, 97.5, atau dengan `number_format=\"id\"` 1.200 dan 97,5)",
            "id pegawai belum diisi; setiap baris indikator memerlukan NIP",
        ],
        "{id}"
    );
    // one message per problem, in the language asked for (the table layer's Indonesian column is
    // not a second member of the answer)
    for e in id["errors"].as_array().unwrap() {
        assert!(e.get("message_id").is_none(), "{e}");
    }
    let en = collect(&s, "en");
    let worded = messages(&en);
    assert_eq!(
        worded,
        [
            "the employee id (NIP) is empty; every row needs one",
            "`abc` is not a number (e.g. 1200, 97.5, or with number_format=\"id\" 1.200 and 97,5)",
            "missing employee id; every indicator row needs the NIP",
        ]
    );
    // the server's own language is the default
    let r =
        s.send("POST", "/v1/score?on_error=collect", &[("Content-Type", "text/csv")], bad_csv().as_bytes());
    assert_eq!(messages(&r.json()), worded);
}

#[test]
fn the_workbook_answer_is_written_in_the_requests_language() {
    let s = server(Lang::Id);
    let xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    for lang in ["id", "en"] {
        let r = s.send(
            "POST",
            &format!("/v1/score?on_error=collect&lang={lang}"),
            &[("Content-Type", "text/csv"), ("Accept", xlsx)],
            bad_csv().as_bytes(),
        );
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(r.header("content-type"), Some(xlsx));
    }
}

#[test]
fn a_query_string_that_cannot_be_read_is_worded_in_indonesian() {
    let s = server(Lang::Id);
    let r = s.send("POST", "/v1/score?bogus=1", &[("Content-Type", "text/csv")], bad_csv().as_bytes());
    assert_eq!(r.status, 400, "{}", r.text());
    let p = r.json();
    let detail = p["detail"].as_str().unwrap();
    assert!(
        detail.starts_with("Failed to deserialize query string: bogus: unknown field `bogus`"),
        "{detail}"
    );
    let id = p["detail_id"].as_str().unwrap();
    assert!(
        id.starts_with(
            "parameter kueri tidak dapat dibaca: bogus: kolom `bogus` tidak dikenal; yang diterima: "
        ),
        "{id}"
    );
    assert!(
        id.ends_with(
            "; parameter yang tersedia: `rules`, `number_format`, `lang`, `on_error`, `detail`, `delimiter`, \
             `encoding`, `sheet`, `period`, dan `columns`"
        ),
        "{id}"
    );
    assert!(!id.contains("bahasa Inggris") && !id.contains("expected"), "{id}");
}

#[test]
fn a_json_body_of_the_wrong_shape_is_worded_in_indonesian() {
    let s = server(Lang::Id);
    let r = s.post_json("/v1/evaluate", &serde_json::json!({ "plan": 5 }));
    assert_eq!(r.status, 400, "{}", r.text());
    let p = r.json();
    assert_eq!(p["detail"], "plan: invalid type: integer `5`, expected struct Plan at line 1 column 9");
    assert_eq!(
        p["detail_id"],
        "plan: jenis nilai salah: bilangan bulat `5`; seharusnya objek Plan pada baris 1 kolom 9"
    );
    let r = s.post_json("/v1/evaluate", &serde_json::json!({ "plan": {}, "bogus": 1 }));
    assert_eq!(r.status, 400, "{}", r.text());
    let id = r.json()["detail_id"].as_str().unwrap().to_string();
    assert!(!id.contains("bahasa Inggris") && !id.contains("unknown") && !id.contains("missing"), "{id}");
}

#[test]
fn the_page_is_served_in_the_servers_language() {
    let en = server(Lang::En).get("/").text();
    assert!(en.contains("<html lang=\"en\" data-default-lang=\"en\">"), "{}", &en[..120]);
    let id = server(Lang::Id).get("/").text();
    assert!(id.contains("<html lang=\"id\" data-default-lang=\"id\">"), "{}", &id[..120]);
    assert!(id.contains(">Unggah ekspor<"));
}

/// Whether `text` has a number with a decimal point (`97.5`).
fn dotted(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
}

/// An Indonesian explanation writes every number with a decimal comma: the text, and in the
/// trace the formula, the value, the unrounded value and each input's label (an input's
/// `value` stays as recorded); its names read in Indonesian.
#[test]
fn an_indonesian_trace_writes_every_number_with_a_comma() {
    let s = server(Lang::Id);
    let split = serde_json::json!({"regime": "permenpanrb-8-2021",
        "policy": {"rating": {"missing_realisation": "exclude"}}});
    for (plan, rules, period) in [
        ("pp46_2011_example.json", serde_json::json!("pp-46-2011"), "2019"),
        ("permenpanrb_8_2021_example.json", serde_json::json!("permenpanrb-8-2021"), "2021-S2"),
        ("split_year_2021_example.json", split, "2021"),
    ] {
        let plan: Value =
            serde_json::from_str(&support::repo_file(&format!("testdata/plans/{plan}"))).unwrap();
        let body = serde_json::json!({ "plan": plan, "rules": rules, "period": period });
        let r = s.post_json("/v1/evaluate", &body);
        assert_eq!(r.status, 200, "{}", r.text());
        let id = r.json();
        let mut en_body = body.clone();
        en_body["lang"] = "en".into();
        let en = s.post_json("/v1/evaluate", &en_body).json();
        assert!(dotted(en["explanation"].as_str().unwrap()), "{en}");
        assert!(!dotted(id["explanation"].as_str().unwrap()), "{}", id["explanation"]);
        let mut shown = Vec::new();
        let mut recorded = Vec::new();
        for step in id["trace"]["steps"].as_array().unwrap() {
            for k in ["formula", "value", "unrounded"] {
                shown.push(step[k].as_str().unwrap_or_default().to_string());
            }
            for i in step["inputs"].as_array().unwrap() {
                shown.push(i["label"].as_str().unwrap().to_string());
                recorded.push(i["value"].as_str().unwrap().to_string());
                assert_eq!(i["name"] == "actual", i["name_label"] == "realisasi", "{i}");
            }
        }
        assert!(shown.iter().all(|t| !dotted(t)), "{shown:?}");
        assert!(
            recorded.iter().any(|t| dotted(t)) || !dotted(en["explanation"].as_str().unwrap()),
            "{recorded:?}"
        );
    }
}
