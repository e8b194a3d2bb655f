//! Helpers shared by the integration tests (`mod support;`).
// Each test crate compiles this module and uses only some of its helpers.
#![allow(dead_code)]

use kinerja_core::model::{
    CascadeType, Employee, Indicator, Plan, PlannedResult, PostType, Realisation, ResultKind,
};
use kinerja_core::org::OrgUnit;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// Reads `testdata/golden/{name}` and checks its declared `case_count` against its `cases`, so
/// an emptied or truncated golden file fails instead of running zero cases.
pub fn golden(name: &str) -> Value {
    let path = format!("{}/../testdata/golden/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let v: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let declared = v["case_count"].as_u64().unwrap_or_else(|| panic!("{path}: no \"case_count\""));
    let found = v["cases"].as_array().map_or(0, Vec::len) as u64;
    assert!(declared > 0, "{path}: case_count must be positive");
    assert_eq!(found, declared, "{path}: {found} cases, but case_count says {declared}");
    v
}

/// A valid annual plan (one executor, two indicators at 90 %, both ratings `meets`) for tests
/// that break one part of it and check the error.
pub fn base_plan() -> Value {
    json!({
        "employee": {"id": "198501012010011001", "name": "Uji", "unit": "u", "post_type": "executor"},
        "year": 2024,
        "results": [{"id": "r1", "description": "d", "indicators": [
            {"id": "a", "name": "A", "target": "100", "weight": "50"},
            {"id": "b", "name": "B", "target": "10", "weight": "50"}
        ]}],
        "realisations": [
            {"indicator": "a", "period": "2024", "actual": "90"},
            {"indicator": "b", "period": "2024", "actual": "9"}
        ],
        "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}]
    })
}

/// The words of a message outside code in backticks and quoted values, lower-cased (to look
/// for words of another language in it).
pub fn words(text: &str) -> Vec<String> {
    let mut t = String::new();
    let mut in_code = false;
    let mut in_quote = false;
    for c in text.chars() {
        match c {
            '`' if !in_quote => in_code = !in_code,
            '"' if !in_code => in_quote = !in_quote,
            _ if in_code || in_quote => {}
            c => t.push(c),
        }
    }
    t.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// `text` with each occurrence of `own` that stands alone (no letter or digit beside an end of
/// it that is one) blanked: an indicator id `a` leaves `Istimewa` whole, so the stop-lists
/// still see it.
pub fn without_whole(text: &str, own: &str) -> String {
    let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find(own) {
        let (before, after) = (rest[..i].chars().next_back(), rest[i + own.len()..].chars().next());
        let joined =
            (alnum(own.chars().next()) && alnum(before)) || (alnum(own.chars().next_back()) && alnum(after));
        out.push_str(&rest[..i]);
        out.push_str(if joined { own } else { " " });
        rest = &rest[i + own.len()..];
    }
    out.push_str(rest);
    out
}

/// A 2024 plan of employee e1 holding `ind` alone, with its realisations `(period, actual)`.
pub fn one_indicator_plan(ind: Indicator, reals: &[(&str, Decimal)]) -> Plan {
    let mut plan = Plan::from_json(
        r#"{"employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"},
            "year": 2024, "results": [{"id": "r1", "description": "R", "indicators": []}]}"#,
    )
    .unwrap();
    let id = ind.id.clone();
    plan.results[0].indicators.push(ind);
    plan.realisations = reals
        .iter()
        .map(|(per, a)| Realisation { indicator: id.clone(), period: per.parse().unwrap(), actual: *a })
        .collect();
    plan
}

/// An organisation unit `id` (named `Unit <id>`) under `parent`, its head not named.
pub fn org_unit(id: &str, parent: Option<&str>) -> OrgUnit {
    OrgUnit { id: id.into(), name: format!("Unit {id}"), parent: parent.map(Into::into), head: None }
}

/// An employee `id` of `unit`: its head (an administrator) when `head`, else an executor.
pub fn org_employee(id: &str, unit: &str, head: bool) -> Employee {
    Employee {
        id: id.into(),
        name: id.into(),
        unit: unit.into(),
        post_type: if head { PostType::Administrator } else { PostType::Executor },
        functional_grade: None,
        unit_head: head,
        position: String::new(),
    }
}

/// An RHK `id` described `RHK <id>`, without indicators: a direct cascade of `parent` when it
/// has one.
pub fn org_rhk(id: &str, kind: ResultKind, parent: Option<&str>) -> PlannedResult {
    PlannedResult {
        id: id.into(),
        description: format!("RHK {id}"),
        kind,
        parent: parent.map(Into::into),
        cascade: parent.map(|_| CascadeType::Direct),
        indicators: vec![],
    }
}

/// The path, the reason, and the English and Indonesian messages of `p`'s refusal by
/// `Policy::validate` (panics when it is taken or refused otherwise).
pub fn policy_refusal(p: &kinerja_core::rules::Policy) -> (String, String, String, String) {
    use kinerja_core::explain::Lang;
    let e = p.validate().expect_err("the policy should be refused");
    match &e {
        kinerja_core::Error::Policy { path, reason } => {
            (path.clone(), reason.clone(), e.message(Lang::En), e.message(Lang::Id))
        }
        other => panic!("not a policy error: {other}"),
    }
}

/// The refusal expected at policy field `section.field` with the English reason `en` and the
/// Indonesian `id`, as [`policy_refusal`] gives it.
pub fn expected_refusal(section: &str, field: &str, en: &str, id: &str) -> (String, String, String, String) {
    let path = format!("{section}.{field}");
    (path.clone(), en.to_string(), format!("policy {path}: {en}"), format!("kebijakan `{path}`: {id}"))
}
