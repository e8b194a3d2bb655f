//! Tests for `kinerja-core/src/document/employee.rs` (cargo-mutants on the whole file): the
//! rules named by label and citation when the two differ, each legal source listed once, the
//! development needs read from the assessment of the period evaluated, and the reward lists
//! only for an appraisal of the whole year, in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::document::{Block, Document, EmployeeDocument, employee_document};
use kinerja_core::prelude::*;

mod support;

/// The blocks of the section headed `heading`.
fn section<'a>(doc: &'a Document, heading: &str) -> &'a [Block] {
    let s = doc.sections.iter().find(|s| s.heading == heading);
    &s.unwrap_or_else(|| panic!("no section `{heading}`")).blocks
}

/// The items of the one list of the section headed `heading`.
fn items(doc: &Document, heading: &str) -> Vec<String> {
    match section(doc, heading) {
        [Block::List { items }] => items.clone(),
        other => panic!("`{heading}` is not one list: {other:?}"),
    }
}

/// The value of the field `label` of the first block of the section headed `heading`.
fn field(doc: &Document, heading: &str, label: &str) -> String {
    match section(doc, heading).first() {
        Some(Block::Fields { fields }) => {
            fields.iter().find(|(l, _)| l == label).unwrap_or_else(|| panic!("no field `{label}`")).1.clone()
        }
        other => panic!("`{heading}` starts with no fields: {other:?}"),
    }
}

/// The PP 46/2011 plan of the golden file (three activities, additional tasks), evaluated for
/// 2019.
fn pp46() -> (Plan, Evaluation, Ruleset) {
    let g = support::golden("pp46_plans.json");
    let plan: Plan = serde_json::from_value(g["cases"][2]["input"]["plan"].clone()).unwrap();
    let rules = Ruleset::builtin("pp-46-2011").unwrap();
    let ev = kinerja_core::regime::evaluate(&plan, "2019".parse().unwrap(), &rules).unwrap();
    (plan, ev, rules)
}

/// A 2024 plan under PermenPANRB 6/2022 of one indicator (its last value holds) with the given
/// realisations and assessments (JSON arrays).
fn plan_2024(realisations: &str, assessments: &str) -> Plan {
    Plan::from_json(&format!(
        r#"{{"employee": {{"id": "e1", "name": "Ani", "unit": "u1", "post_type": "executor"}},
            "year": 2024,
            "results": [{{"id": "r1", "description": "R", "indicators": [
                {{"id": "a", "name": "A", "target": "100", "aggregation": "last"}}]}}],
            "realisations": {realisations}, "assessments": {assessments}}}"#
    ))
    .unwrap()
}

fn document(ev: &Evaluation, plan: &Plan, rules: &Ruleset, lang: Lang) -> Document {
    employee_document(&EmployeeDocument::new(ev).with_plan(plan), &rules.policy, lang).unwrap()
}

/// The identity names the rules by their label and, when it differs, the citation beside it
/// (PP 46/2011); a regime whose label is its citation (PermenPANRB 6/2022) is named once.
#[test]
fn the_rules_are_named_by_label_and_citation_when_the_two_differ() {
    let (plan, ev, rules) = pp46();
    assert_eq!(
        field(&document(&ev, &plan, &rules, Lang::Id), "Identitas", "Ketentuan"),
        "PP 46/2011 (Perka BKN 1/2013) (PP 46/2011 jo. Perka BKN 1/2013)"
    );
    assert_eq!(
        field(&document(&ev, &plan, &rules, Lang::En), "Identity", "Rules"),
        "PP 46/2011 (BKN Regulation 1/2013) (PP 46/2011 jo. Perka BKN 1/2013)"
    );

    let plan = plan_2024(
        r#"[{"indicator": "a", "period": "2024", "actual": "100"}]"#,
        r#"[{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}]"#,
    );
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let ev = evaluate(&plan, "2024".parse().unwrap(), &rules).unwrap();
    assert_eq!(
        field(&document(&ev, &plan, &rules, Lang::Id), "Identitas", "Ketentuan"),
        "PermenPANRB 6/2022"
    );
    assert_eq!(field(&document(&ev, &plan, &rules, Lang::En), "Identity", "Rules"), "PermenPANRB 6/2022");
}

/// The legal basis lists each citation of the trace once, in the order first cited, and no
/// empty one: the per-activity aspects of PP 46/2011, cited for every activity, appear once.
#[test]
fn the_legal_basis_lists_each_citation_once() {
    let (plan, ev, rules) = pp46();
    let cited = |lang: Lang| ev.trace.steps.iter().map(|s| s.citation.render(lang)).collect::<Vec<_>>();
    for (lang, heading, quantity) in [
        (Lang::Id, "Dasar hukum dan kebijakan", "PP 46/2011 jo. Perka BKN 1/2013, Lampiran: aspek kuantitas"),
        (Lang::En, "Legal basis and policy", "PP 46/2011 jo. Perka BKN 1/2013, Lampiran: quantity aspect"),
    ] {
        let all = cited(lang);
        assert!(all.iter().filter(|c| *c == quantity).count() > 1, "{all:?}");
        let listed = items(&document(&ev, &plan, &rules, lang), heading);
        assert_eq!(listed.len(), 22, "{listed:?}");
        assert_eq!(listed.iter().filter(|c| *c == quantity).count(), 1);
        assert!(listed.iter().all(|c| !c.is_empty()));
        let mut once: Vec<String> = Vec::new();
        for c in all.into_iter().filter(|c| !c.is_empty()) {
            if !once.contains(&c) {
                once.push(c);
            }
        }
        assert_eq!(listed, once);
    }
}

/// The development needs come from the behaviour of the assessment of the period evaluated:
/// its core value rated below expectation (Adaptif) is named.
#[test]
fn development_needs_read_the_assessment_of_the_period() {
    let plan = plan_2024(
        r#"[{"indicator": "a", "period": "2024", "actual": "100"}]"#,
        r#"[{"period": "2024", "work_result": "above",
             "behaviour": {"overall": "above", "values": {"adaptif": "below"}}}]"#,
    );
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let ev = evaluate(&plan, "2024".parse().unwrap(), &rules).unwrap();
    assert_eq!(ev.predicate, Predicate::VeryGood);
    assert_eq!(
        items(&document(&ev, &plan, &rules, Lang::Id), "Tindak lanjut"),
        [
            "Pengembangan kompetensi: Inovasi dan adaptasi perubahan — nilai Adaptif di bawah ekspektasi",
            "Kenaikan pangkat/jabatan: predikat 1 tahun terakhir (Sangat Baik) minimal Baik (PerBKN 3/2023)",
            "Penghargaan: predikat 2024 Sangat Baik minimal Sangat Baik ([bawaan nasional] bawaan nasional: follow_up.rewards.award_min)",
        ]
    );
    assert_eq!(
        items(&document(&ev, &plan, &rules, Lang::En), "Follow-ups"),
        [
            "Development: Innovation and adapting to change — core value Adaptive below expectation",
            "Promotion: predicate of the last 1 year(s) (Very good) at least Good (PerBKN 3/2023)",
            "Award: predicate 2024 Very good at least Very good ([national default] national default: follow_up.rewards.award_min)",
        ]
    );
}

/// The promotion and award lists follow an appraisal of the whole year only: a Very good
/// first or second semester (one starts in January, the other ends in December) lists none.
/// (The document's guard, January to December, and `EmployeeHistory::from_evaluations`, which
/// skips periodic evaluations, both hold this: taking `||` for `&&` in the guard is equivalent.)
#[test]
fn the_reward_lists_follow_only_an_appraisal_of_the_whole_year() {
    let plan = plan_2024(
        r#"[{"indicator": "a", "period": "2024-S1", "actual": "100"},
            {"indicator": "a", "period": "2024-S2", "actual": "100"}]"#,
        r#"[{"period": "2024-S1", "work_result": "above", "behaviour": {"overall": "above"}},
            {"period": "2024-S2", "work_result": "above", "behaviour": {"overall": "above"}}]"#,
    );
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    for period in ["2024-S1", "2024-S2"] {
        let ev = evaluate(&plan, period.parse().unwrap(), &rules).unwrap();
        assert_eq!(ev.predicate, Predicate::VeryGood, "{period}");
        assert_eq!(
            items(&document(&ev, &plan, &rules, Lang::Id), "Tindak lanjut"),
            ["Kebutuhan pengembangan kompetensi: tidak ada."],
            "{period}"
        );
        assert_eq!(
            items(&document(&ev, &plan, &rules, Lang::En), "Follow-ups"),
            ["Development needs: none."],
            "{period}"
        );
    }
}
