//! Error messages in Bahasa Indonesia read wholly in Indonesian: every error of a set of hostile
//! inputs (periods, plans, policies, rulesets) has an Indonesian message with no English word of
//! the engine outside code in backticks and the user's own quoted values, and never falls back
//! to the English reason. The English message is the `Display`, unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::result_large_err)]

use kinerja_core::error::{catalogue_problems, lookup};
use kinerja_core::prelude::*;
use serde_json::{Value, json};

mod support;
use support::{base_plan, words};

/// English words the engine writes in messages (matched as whole words, any case).
const ENGLISH: &[&str] = &[
    "the",
    "is",
    "are",
    "must",
    "not",
    "and",
    "or",
    "of",
    "for",
    "from",
    "with",
    "to",
    "needs",
    "given",
    "missing",
    "empty",
    "invalid",
    "unknown",
    "duplicate",
    "negative",
    "positive",
    "column",
    "row",
    "table",
    "file",
    "employee",
    "indicator",
    "weight",
    "period",
    "policy",
    "value",
    "number",
    "predicate",
    "behaviour",
    "appraiser",
    "achievement",
    "rounding",
    "month",
    "quarter",
    "annual",
    "year",
    "expected",
    "outside",
    "between",
    "cannot",
    "should",
    "accepted",
    "input",
    "none",
    "no",
];

fn plan_error(edit: impl FnOnce(&mut Value), period: &str, policy: Policy) -> Error {
    let mut v = base_plan();
    edit(&mut v);
    let plan = Plan::from_json(&v.to_string());
    let plan = match plan {
        Ok(p) => p,
        Err(e) => return e,
    };
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap().with_policy(policy).unwrap();
    evaluate(&plan, period.parse().unwrap(), &rules).expect_err("a hostile plan")
}

fn hostile_errors() -> Vec<Error> {
    let mut out: Vec<Error> = ["2024-Q5", "2024-13", "1800", "2024-S3", "abc", "", "2024-Q0"]
        .iter()
        .map(|p| p.parse::<Period>().unwrap_err())
        .collect();
    let d = Policy::default;
    let ind = |i: usize, k: &'static str, val: Value| {
        move |v: &mut Value| v["results"][0]["indicators"][i][k] = val
    };
    out.push(plan_error(ind(0, "target", json!("0")), "2024", d()));
    out.push(plan_error(ind(0, "target", json!("-5")), "2024", d()));
    out.push(plan_error(ind(0, "target", json!({"low": "9", "high": "3"})), "2024", d()));
    out.push(plan_error(ind(0, "weight", json!("-1")), "2024", d()));
    out.push(plan_error(ind(1, "id", json!("a")), "2024", d()));
    out.push(plan_error(|v| drop(v["realisations"].as_array_mut().unwrap().remove(1)), "2024", d()));
    out.push(plan_error(|v| v["realisations"][0]["indicator"] = json!("zz"), "2024", d()));
    out.push(plan_error(|v| v["realisations"][0]["period"] = json!("2023"), "2024", d()));
    out.push(plan_error(|v| v["assessments"][0]["period"] = json!("2023"), "2024", d()));
    out.push(plan_error(|v| v["realisations"][1]["indicator"] = json!("a"), "2024", d()));
    out.push(plan_error(|v| v["assessments"][0]["work_result"] = Value::Null, "2024", d()));
    out.push(plan_error(|v| v["assessments"][0]["behaviour"] = json!({}), "2024", d()));
    out.push(plan_error(|v| v["realisations"][0]["actual"] = json!("-3"), "2024", d()));
    out.push(plan_error(|v| v["employee"]["id"] = json!(""), "2024", d()));
    out.push(plan_error(|_| {}, "2025", d()));
    let mut strict = Policy::default();
    strict.rating.weights_must_sum_to = Some(dec!(100));
    out.push(plan_error(ind(0, "weight", json!("30")), "2024", strict));
    for text in [
        "schema_version = 99",
        "[rating]\nadvisory_bands = [{min = \"90\", rating = \"meets\"}, {min = \"110\", rating = \"above\"}]",
        "[achievement]\ndefault_cap = \"-5\"",
        "[rounding]\nreported = {scale = 40, mode = \"half_up\"}",
        "[rating]\nweights_must_sum_to = \"0\"",
        "[rating]\nbehaviour_advice = {min_above = 9}",
        "unknown_key = 1",
        "[achievement]\nlower_formula = \"mirror\"",
        "x = = 1",
        "x = [1, 2",
        "x = 1\nx = 2",
    ] {
        out.push(Policy::from_toml(text).unwrap_err());
    }
    out.push(Ruleset::from_json("{\"regime\": \"dp3\"}").unwrap_err());
    out.push("xx".parse::<Lang>().unwrap_err());
    out
}

#[test]
fn the_catalogue_reads_and_its_indonesian_holds_no_english_word() {
    assert_eq!(catalogue_problems(), Vec::<String>::new());
    // the catalogue's own Indonesian wording of a few reasons
    assert_eq!(lookup("weight -5 is negative", Lang::Id).as_deref(), Some("bobot -5 negatif"));
    assert_eq!(lookup("nothing kinerja ever writes", Lang::Id), None);
}

#[test]
fn every_hostile_error_reads_wholly_in_indonesian() {
    let errors = hostile_errors();
    assert!(errors.len() >= 30, "{}", errors.len());
    let mut problems = Vec::new();
    for e in &errors {
        assert_eq!(e.message(Lang::En), e.to_string());
        let id = e.message(Lang::Id);
        if id.contains("bahasa Inggris") {
            problems.push(format!("not in the catalogue: {e}"));
            continue;
        }
        let english: Vec<String> = words(&id).into_iter().filter(|w| ENGLISH.contains(&w.as_str())).collect();
        if !english.is_empty() {
            problems.push(format!("{english:?} in: {id}"));
        }
    }
    assert!(problems.is_empty(), "{} messages:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_indonesian_message_names_the_same_place() {
    let e =
        plan_error(|v| v["results"][0]["indicators"][0]["target"] = json!("-5"), "2024", Policy::default());
    let id = e.message(Lang::Id);
    assert!(id.contains("pegawai `198501012010011001`"), "{id}");
    assert!(id.contains("indikator `a`"), "{id}");
    assert!(id.contains("`target`"), "{id}");
    let p = "2024-Q5".parse::<Period>().unwrap_err().message(Lang::Id);
    assert!(p.starts_with("periode `2024-Q5` tidak sah: "), "{p}");
    assert!(p.contains("triwulan"), "{p}");
}

/// serde's words for the expected type of a plan field (`u16`, rust_decimal's "a Decimal type
/// representing a fixed-point number") and a vocabulary's refusal read in Indonesian too.
#[test]
fn serdes_expected_types_and_vocabulary_refusals_read_in_indonesian() {
    let id = |edit: &dyn Fn(&mut Value)| plan_error(edit, "2024", Policy::default()).message(Lang::Id);
    let year = id(&|v| v["year"] = json!("2024"));
    assert!(year.contains("seharusnya bilangan bulat 0–65535") && !year.contains("u16"), "{year}");
    let nan = id(&|v| v["realisations"][0]["actual"] = json!("NaN"));
    assert!(nan.contains("seharusnya angka desimal") && !nan.contains("Decimal type"), "{nan}");
    let post = id(&|v| v["employee"]["post_type"] = json!("boss"));
    assert!(!post.contains("bahasa Inggris") && !post.contains("is not accepted"), "{post}");
}
