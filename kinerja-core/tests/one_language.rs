//! Every explanation of every golden plan, and every other rendering of its result (the
//! notebook's HTML table, the trace as Markdown, the employee's evaluation document), reads
//! wholly in one language: the English text holds
//! no word the engine writes in Bahasa Indonesia, and the Indonesian text no English word of the
//! engine (stop-lists below). The user's own texts (names, indicator and result names, ids)
//! are taken out first: they stay as written.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use kinerja_core::document::{EmployeeDocument, employee_document, evaluation_html, to_html_fragment};
use kinerja_core::explain::Lang;
use kinerja_core::prelude::*;

/// Words the engine writes only in Bahasa Indonesia (matched as whole words, any case).
const INDONESIAN: &[&str] = &[
    "predikat",
    "capaian",
    "bobot",
    "jenjang",
    "faktor",
    "pembulatan",
    "dibulatkan",
    "kebijakan",
    "masukan",
    "tahunan",
    "bulan",
    "nilai",
    "perilaku",
    "penilai",
    "sesuai",
    "ekspektasi",
    "baik",
    "kurang",
    "tidak",
    "dan",
    "atau",
    "untuk",
    "dari",
    "dengan",
    "triwulan",
    "rumus",
    "realisasi",
    "rata-rata",
    "jumlah",
    "dipakai",
    "sebagai",
    "bawaan",
    "konvensi",
    "desimal",
    // core values (BerAKHLAK) and an organisational predicate, as labels
    "berorientasi",
    "pelayanan",
    "akuntabel",
    "kompeten",
    "harmonis",
    "adaptif",
    "kolaboratif",
    "istimewa",
];
/// Words the engine writes only in English.
const ENGLISH: &[&str] = &[
    "predicate",
    "achievement",
    "weight",
    "grade",
    "rounding",
    "rounded",
    "policy",
    "input",
    "annual",
    "month",
    "value",
    "behaviour",
    "appraiser",
    "meets",
    "above",
    "below",
    "expectations",
    "good",
    "poor",
    "not",
    "and",
    "or",
    "for",
    "from",
    "with",
    "quarter",
    "formula",
    "actual",
    "mean",
    "sum",
    "used",
    "default",
    "convention",
    "places",
    "exact",
];

fn plans() -> Vec<(String, Plan, Period, Ruleset)> {
    let mut out = Vec::new();
    for (file, regime) in [
        ("core_evaluation_6_2022.json", "permenpanrb-6-2022"),
        ("permenpanrb_8_2021_plans.json", "permenpanrb-8-2021"),
        ("pp46_plans.json", "pp46-2011"),
    ] {
        let g = support::golden(file);
        for c in g["cases"].as_array().unwrap() {
            let i = &c["input"];
            let Some(plan) = i.get("plan") else { continue };
            let plan: Plan = serde_json::from_value(plan.clone()).unwrap();
            let period: Period = i["period"].as_str().unwrap().parse().unwrap();
            let policy = match i.get("policy") {
                Some(p) => Policy::from_json(&p.to_string()).unwrap(),
                None => Policy::default(),
            };
            let rules = Ruleset::builtin(regime).unwrap().with_policy(policy).unwrap();
            out.push((format!("{file}: {}", c["id"].as_str().unwrap_or("?")), plan, period, rules));
        }
    }
    out
}

/// The text a reader sees in an HTML fragment: tags, the stylesheet and entities taken out.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        out.push(' ');
        let tail = &rest[i..];
        let skip_to = if tail.starts_with("<style") { "</style>" } else { ">" };
        rest = tail.find(skip_to).map_or("", |j| &tail[j + skip_to.len()..]);
    }
    out.push_str(rest);
    out.replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
}

/// The words of `text` (letters and `-`), lower-case, after removing the user's own texts.
fn words(text: &str, own: &[String]) -> Vec<String> {
    let mut t = text.to_string();
    for o in own {
        if !o.is_empty() {
            t = support::without_whole(&t, o);
        }
    }
    // machine names (policy fields such as `permenpanrb_8_2021.predicate_bands`) are not words
    // and neither are derived policy ids (`national-default+pp46.rounding.mode`)
    let machine = |tok: &str| {
        tok.contains('_')
            || tok.contains('+')
            || tok
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'.' && w[2].is_ascii_alphabetic())
    };
    let t: Vec<&str> = t.split_whitespace().filter(|tok| !machine(tok)).collect();
    t.join(" ")
        .split(|c: char| !(c.is_alphabetic() || c == '-'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn user_texts_are_blanked_only_where_they_stand_alone() {
    assert_eq!(
        support::without_whole("org_predicate = Istimewa; a = 5", "a"),
        "org_predicate = Istimewa;   = 5"
    );
    assert_eq!(support::without_whole("Dinas Kesehatan (dinkes)", "dinkes"), "Dinas Kesehatan ( )");
}

#[test]
fn explanations_of_golden_plans_are_in_one_language() {
    let mut problems = Vec::new();
    let mut checked = 0;
    let mut documents = 0;
    for (id, plan, period, rules) in plans() {
        let Ok(ev) = evaluate(&plan, period, &rules) else { continue };
        checked += 1;
        let mut own: Vec<String> =
            vec![plan.employee.name.clone(), plan.employee.id.clone(), plan.employee.unit.clone()];
        for r in &plan.results {
            own.push(r.description.clone());
            own.push(r.id.clone());
            for i in &r.indicators {
                own.push(i.name.clone());
                own.push(i.id.clone());
                own.push(i.unit_of_measure.clone());
            }
        }
        own.sort_by_key(|s| std::cmp::Reverse(s.len()));
        for (lang, stop) in [(Lang::En, INDONESIAN), (Lang::Id, ENGLISH)] {
            // the explanation, then every other rendering of the same result: the notebook's
            // HTML table, the trace as Markdown, and the employee's evaluation document
            let doc = employee_document(&EmployeeDocument::new(&ev).with_plan(&plan), &rules.policy, lang)
                .map(|d| to_html_fragment(&d))
                .unwrap_or_default();
            documents += usize::from(!doc.is_empty());
            let text = [
                ev.explain(lang),
                visible_text(&evaluation_html(&ev, lang)),
                ev.trace.to_markdown(lang),
                visible_text(&doc),
            ]
            .join("\n");
            for w in words(&text, &own) {
                if stop.contains(&w.as_str()) {
                    let line = text.lines().find(|l| words(l, &own).contains(&w)).unwrap_or("");
                    problems.push(format!("{id} [{lang:?}] `{w}` in: {line}"));
                }
            }
        }
    }
    assert!(checked >= 10, "only {checked} golden plans evaluated");
    assert_eq!(documents, 2 * checked, "an evaluation document could not be built");
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} mixed-language words:\n{}", problems.len(), problems.join("\n"));
}
