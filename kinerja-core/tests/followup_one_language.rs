//! Every follow-up and instrument explanation (credit points, readiness, talent, TPP,
//! training, follow-up lists, monitoring and its watchlist, month predicates, IKM, sample
//! size, PKP, PKG, SPM) reads wholly in one language: the Indonesian text holds no English word
//! of the engine and writes decimals with a comma, the English text holds no Indonesian label.
//! So do their notebook summaries (`document::Summary`), which also have the same shape in both
//! languages. The cases are those of the golden files; the user's own texts (ids, names, a TPP
//! schedule's region and regulation) are taken out first.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::document::Summary;
use kinerja_core::explain::{BiText, Labelled, Lang, Trace};
use kinerja_core::followup::*;
use kinerja_core::instruments::*;
use kinerja_core::model::*;
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use serde_json::Value;

mod support;
use support::golden;

fn parse<T: serde::de::DeserializeOwned>(v: &Value) -> T {
    serde_json::from_value(v.clone()).unwrap()
}

fn kupang() -> Policy {
    let text = std::fs::read_to_string(format!(
        "{}/../policies/kupang-2024.example.toml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    Policy::from_toml(&text).unwrap()
}

/// What the golden cases gave: every trace and reason, the user's own texts found in them, and
/// each result's summary (HTML in Indonesian and English, then text in both).
struct Found {
    traces: Vec<Trace>,
    reasons: Vec<BiText>,
    own: Vec<String>,
    summaries: Vec<[String; 4]>,
}

/// The summaries of `r` in both languages.
fn show(summaries: &mut Vec<[String; 4]>, r: &dyn Summary) {
    summaries.push([
        r.summary_html(Lang::Id),
        r.summary_html(Lang::En),
        r.summary_text(Lang::Id),
        r.summary_text(Lang::En),
    ]);
}

/// Every trace, reason and summary of the golden follow-up and instrument cases (and a few
/// more), with the user's own texts found in them.
fn all() -> Found {
    let (mut traces, mut reasons, mut own, mut summaries) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let p = Policy::default();
    for c in golden("followup_credit_points.json")["cases"].as_array().unwrap() {
        let i = &c["input"];
        match i["kind"].as_str().unwrap() {
            "conversion" => {
                let months = i["months"].as_u64().unwrap() as u8;
                let r = credit_points(parse(&i["predicate"]), parse(&i["grade"]), months, &p).unwrap();
                show(&mut summaries, &r);
                traces.push(r.trace);
            }
            "rank_peak" => traces
                .push(rank_peak_credit_points(parse(&i["predicate"]), parse(&i["grade"]), &p).unwrap().trace),
            "ledger" => {
                let entries: Vec<CreditEntry> = parse(&i["entries"]);
                let s: Decimal = i["starting"].as_str().unwrap().parse().unwrap();
                let r = credit_ledger("e1", s, &entries, &p).unwrap();
                show(&mut summaries, &r);
                traces.push(r.trace);
            }
            _ => {}
        }
    }
    let r = promotion_readiness(FunctionalGrade::FirstExpert, Decimal::from(60), Some(Predicate::Good), &p)
        .unwrap();
    show(&mut summaries, &r);
    traces.push(r.trace);
    for c in golden("followup_talent.json")["cases"].as_array().unwrap() {
        if c["input"].get("predicate").is_some() {
            let r =
                talent_placement("e", parse(&c["input"]["predicate"]), parse(&c["input"]["potential"]), &p)
                    .unwrap();
            show(&mut summaries, &r);
            traces.push(r.trace);
        }
    }
    for c in golden("followup_tpp.json")["cases"].as_array().unwrap() {
        let mut q = Policy::default();
        let schedule: TppPolicy = parse(&c["input"]["policy"]);
        own.extend([schedule.regulation.clone(), schedule.region.clone()]);
        q.follow_up.tpp = Some(schedule);
        let q = q.with_provenance();
        traces.push(tpp(&parse(&c["input"]["employee"]), &q).unwrap().trace);
    }
    let k = kupang();
    own.push(k.id.clone());
    let late = serde_json::json!({"employee": "e", "period": "2024-05", "job_class": "9",
        "predicate": "good", "attendance": [{"kind": "late_arrival", "minutes": 45, "count": 3}]});
    let r = tpp(&parse(&late), &k).unwrap();
    show(&mut summaries, &r);
    traces.push(r.trace);
    for c in golden("followup_training.json")["cases"].as_array().unwrap() {
        let n = training_needs(&parse::<TrainingInput>(&c["input"]), &p).unwrap();
        show(&mut summaries, &n);
        reasons.extend(n.needs.iter().flat_map(|x| x.reasons.clone()));
        traces.push(n.trace);
    }
    for c in golden("followup_rewards.json")["cases"].as_array().unwrap() {
        let i = &c["input"];
        let mut q = Policy::default();
        q.follow_up.rewards = parse(&i["rewards"]);
        let hs: Vec<EmployeeHistory> = parse(&i["histories"]);
        let l = follow_up_lists(&hs, i["year"].as_u64().unwrap() as u16, &q).unwrap();
        show(&mut summaries, &l);
        for x in l.promotion.iter().chain(&l.award).chain(&l.development_plan).chain(&l.sanction_review) {
            reasons.push(x.reason.clone());
        }
    }
    let mut monitors = Vec::new();
    for c in golden("followup_monitoring.json")["cases"].as_array().unwrap() {
        let plan = Plan::from_json(&c["input"]["plan"].to_string()).unwrap();
        for (_, i) in plan.indicators() {
            own.extend([i.id.clone(), i.name.clone()]);
        }
        let mut q = Policy::default();
        q.follow_up.monitoring.trajectory = parse(&c["input"]["trajectory"]);
        let m = monitor_plan(&plan, &parse(&c["input"]["as_of"]), &q).unwrap();
        traces.extend(m.indicators.iter().map(|i| i.trace.clone()));
        show(&mut summaries, &m);
        monitors.push(m);
    }
    let w = watchlist(&monitors);
    show(&mut summaries, &w);
    reasons.extend(w.items.into_iter().map(|i| i.reason));
    let pp = |s: &str| s.parse().unwrap();
    let known =
        [(pp("2023"), Predicate::Good), (pp("2024-S1"), Predicate::VeryGood), (pp("2024"), Predicate::Good)];
    for rule in [MonthPredicateRule::Covering, MonthPredicateRule::LastCompleted] {
        let r = month_predicate(pp("2024-08"), &known, rule).unwrap();
        show(&mut summaries, &r);
        traces.push(r.trace);
    }
    for c in golden("instruments_ikm.json")["cases"].as_array().unwrap() {
        let input = &c["input"];
        let mut q = Policy::default();
        if let Some(over) = input.get("policy") {
            q.instruments.ikm = parse(over);
        }
        let mut strip = input.clone();
        let obj = strip.as_object_mut().unwrap();
        obj.remove("kind");
        obj.remove("policy");
        let r = match input["kind"].as_str().unwrap() {
            "totals" => satisfaction_from_totals(&parse(&strip), &q),
            "means" => satisfaction_from_means(&parse(&strip), &q),
            "responses" => satisfaction_from_responses(&parse(&strip), &q),
            _ => continue,
        };
        let r = r.unwrap();
        show(&mut summaries, &r);
        traces.push(r.trace);
    }
    for c in golden("instruments_sample_size.json")["cases"].as_array().unwrap() {
        let input = &c["input"];
        let mut q = Policy::default();
        q.instruments.ikm.sample_size.method = parse(&input["method"]);
        if let Some(rule) = input.get("table_rule") {
            q.instruments.ikm.sample_size.table_rule = parse(rule);
        }
        let r = sample_size(input["population"].as_u64().unwrap(), &q).unwrap();
        show(&mut summaries, &r);
        traces.push(r.trace);
    }
    for c in golden("instruments_pkp.json")["cases"].as_array().unwrap() {
        let r = puskesmas_assessment(&parse(&c["input"]), &p).unwrap();
        show(&mut summaries, &r);
        traces.push(r.trace);
    }
    for c in golden("instruments_pkg.json")["cases"].as_array().unwrap() {
        let mut strip = c["input"].clone();
        if strip["kind"] == "conversion" {
            continue;
        }
        strip.as_object_mut().unwrap().remove("kind");
        let r = pkg_assessment(&parse(&strip), &p).unwrap();
        show(&mut summaries, &r);
        traces.push(r.trace);
    }
    let spm: SpmInput = serde_json::from_str(
        r#"{"unit": "u", "service": "Pelayanan kesehatan penderita diabetes melitus", "target_population": "400", "served": 398}"#,
    )
    .unwrap();
    let r = spm_achievement(&spm, &p).unwrap();
    show(&mut summaries, &r);
    traces.push(r.trace);
    // the policy section cited by its field name (`achievement`), as citations name fields
    own.push(": achievement".into());
    own.sort_by_key(|s| std::cmp::Reverse(s.len()));
    Found { traces, reasons, own, summaries }
}

/// English words the engine writes in these explanations (whole words, any case).
const ENGLISH: &[&str] = &[
    "exact",
    "places",
    "to",
    "last",
    "deduction",
    "rounding",
    "rounded",
    "mean",
    "month",
    "weighted",
    "projection",
    "engine",
    "convention",
    "chosen",
    "caller",
    "combining",
    "common",
    "practice",
    "example",
    "confirmed",
    "up",
    "of",
    "the",
    "and",
    "or",
    "coverage",
    "achievement",
    "predicate",
    "grade",
    "potential",
    "class",
    "factor",
    "hours",
    "annual",
    "cumulative",
    "value",
    "input",
    "minutes",
    "note",
    "served",
    "formula",
    "table",
];
/// Indonesian words and labels the engine writes in these explanations.
const INDONESIAN: &[&str] = &[
    "predikat",
    "jenjang",
    "potensial",
    "kelas",
    "jabatan",
    "menit",
    "sangat",
    "baik",
    "kurang",
    "tinggi",
    "rendah",
    "menengah",
    "ahli",
    "pertama",
    "muda",
    "madya",
    "utama",
    "pemula",
    "terampil",
    "mahir",
    "penyelia",
    "perbaikan",
    "ekspektasi",
    "cakupan",
    "rata",
    "sasaran",
    "dilayani",
    "tahun",
    "bulan",
    "dan",
    "atau",
    "untuk",
    "dari",
    "dengan",
    "contoh",
    "tepat",
    "desimal",
    "ke",
    "angka",
    "kredit",
    "kumulatif",
    "koefisien",
    "persentase",
    "manajemen",
    "talenta",
    "kotak",
    "kesehatan",
    "layanan",
    "capaian",
    "pelayanan",
    "mutu",
    "konversi",
    "tabel",
    "rumus",
    "tugas",
    "tambahan",
    "jam",
    "pembulatan",
    "amat",
    "cukup",
    "sedang",
];

/// The words of `text` (letters), lower-case, without the user's own texts and machine names
/// (policy fields such as `follow_up.tpp.deduction_bands[1]`, values such as `first_expert`,
/// code in backticks).
fn words(text: &str, own: &[String]) -> Vec<String> {
    let mut t = text.to_string();
    for o in own.iter().filter(|o| !o.is_empty()) {
        t = support::without_whole(&t, o);
    }
    let machine = |tok: &str| {
        tok.contains('_')
            || tok.contains('`')
            || tok
                .as_bytes()
                .windows(3)
                .any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'.' && w[2].is_ascii_alphabetic())
    };
    let kept: Vec<&str> = t.split_whitespace().filter(|tok| !machine(tok)).collect();
    kept.join(" ")
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A decimal point between digits (`98.8`), as Indonesian text must not write it.
fn has_point(text: &str) -> bool {
    text.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
}

/// The lines of `text` holding a word of `stop`.
fn offending(text: &str, own: &[String], stop: &[&str]) -> Vec<String> {
    text.lines()
        .filter(|l| words(l, own).iter().any(|w| stop.contains(&w.as_str())))
        .map(str::to_string)
        .collect()
}

#[test]
fn indonesian_explanations_are_wholly_indonesian() {
    let Found { traces, reasons, own, .. } = all();
    assert!(traces.len() > 100, "{} traces", traces.len());
    let mut problems: Vec<String> = Vec::new();
    for t in &traces {
        let text = t.to_text(Lang::Id);
        problems.extend(offending(&text, &own, ENGLISH));
        problems.extend(text.lines().filter(|l| has_point(l)).map(str::to_string));
    }
    for r in &reasons {
        problems.extend(offending(&r.id, &own, ENGLISH));
        if has_point(&r.id) {
            problems.push(r.id.clone());
        }
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} lines:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn english_explanations_hold_no_indonesian_label() {
    let Found { traces, reasons, own, .. } = all();
    let mut problems: Vec<String> = Vec::new();
    for t in &traces {
        problems.extend(offending(&t.to_text(Lang::En), &own, INDONESIAN));
    }
    for r in &reasons {
        problems.extend(offending(&r.en, &own, INDONESIAN));
    }
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} lines:\n{}", problems.len(), problems.join("\n"));
}

/// A label recorded as a trace input is its machine value (JSON keeps it), shown by its label
/// in each language; a rounding recorded as an input reads in the language's words.
#[test]
fn recorded_inputs_are_machine_values_shown_in_each_language() {
    let p = Policy::default();
    let r = credit_points(Predicate::VeryGood, FunctionalGrade::FirstExpert, 12, &p).unwrap();
    let inputs: Vec<&(String, String)> = r.trace.steps.iter().flat_map(|s| &s.inputs).collect();
    assert!(inputs.contains(&&("predikat".into(), "very_good".into())), "{inputs:?}");
    assert!(inputs.contains(&&("jenjang".into(), "first_expert".into())), "{inputs:?}");
    let (id, en) = (r.trace.to_text(Lang::Id), r.trace.to_text(Lang::En));
    assert!(id.contains("predikat = Sangat Baik") && id.contains("jenjang = Ahli Pertama"), "{id}");
    assert!(en.contains("predicate = Very good") && en.contains("grade = First expert"), "{en}");
    let t = talent_placement("e", Predicate::Good, Potential::High, &p).unwrap();
    assert!(t.trace.to_text(Lang::Id).contains("potensial = Tinggi"));
    assert!(t.trace.to_text(Lang::En).contains("potential = High"), "{}", t.trace.to_text(Lang::En));
    let size = sample_size(1000, &p).unwrap();
    assert!(size.trace.to_text(Lang::Id).contains("pembulatan = half_up ke 0 desimal"));
    assert!(size.trace.to_text(Lang::En).contains("rounding = half_up to 0 places"));
    let json: serde_json::Value = serde_json::from_str(&size.trace.to_json(Lang::Id)).unwrap();
    assert_eq!(json["steps"][0]["inputs"][4]["value"], "half_up to 0 places");
}

/// The monitoring formula and the watchlist's reason are written in the reader's language,
/// numbers included (the reason is built in the core, not by a trace's renderer).
#[test]
fn monitoring_and_watchlist_read_in_one_language() {
    let g = golden("followup_monitoring.json");
    let mut monitors = Vec::new();
    for c in g["cases"].as_array().unwrap() {
        let plan = Plan::from_json(&c["input"]["plan"].to_string()).unwrap();
        let mut q = Policy::default();
        q.follow_up.monitoring.trajectory = parse(&c["input"]["trajectory"]);
        monitors.push(monitor_plan(&plan, &parse(&c["input"]["as_of"]), &q).unwrap());
    }
    let w = watchlist(&monitors);
    let with_numbers: Vec<&BiText> =
        w.items.iter().map(|i| &i.reason).filter(|r| r.en.contains('%')).collect();
    assert!(with_numbers.iter().any(|r| has_point(&r.en)), "a reason with a decimal to check");
    // the same decimals, with a comma in Indonesian
    let decimals = |text: &str, sep: char| -> Vec<String> {
        let b: Vec<char> = text.chars().collect();
        let mut out = Vec::new();
        for i in 1..b.len().saturating_sub(1) {
            if b[i] == sep && b[i - 1].is_ascii_digit() && b[i + 1].is_ascii_digit() {
                let start = (0..i).rev().take_while(|&j| b[j].is_ascii_digit()).last().unwrap_or(i);
                let end = (i + 1..b.len()).take_while(|&j| b[j].is_ascii_digit()).last().unwrap_or(i);
                out.push(b[start..=end].iter().collect::<String>().replace(sep, "."));
            }
        }
        out
    };
    for r in with_numbers {
        assert!(!has_point(&r.id), "{}", r.id);
        assert_eq!(decimals(&r.id, ','), decimals(&r.en, '.'), "{} / {}", r.id, r.en);
    }
    let m = &monitors[0].indicators;
    let mean =
        m.iter().find(|i| i.trace.to_text(Lang::En).contains("month-weighted mean [")).expect("a mean");
    assert!(mean.trace.to_text(Lang::Id).contains("rata-rata tertimbang bulan ["));
}

#[test]
fn sample_size_method_is_labelled() {
    assert_eq!(SampleSizeMethod::Formula.label(Lang::Id), "rumus");
    assert_eq!(SampleSizeMethod::Table.label(Lang::En), "table");
    assert_eq!(SampleSizeMethod::parse_label("tabel").unwrap(), SampleSizeMethod::Table);
    for m in SampleSizeMethod::ALL {
        let serde_value = serde_json::to_value(m).unwrap();
        assert_eq!(serde_value, m.value(), "the value is the policy file's spelling");
    }
}

/// The text a reader sees in an HTML fragment: one cell or heading per line.
fn visible(html: &str) -> String {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let (text, tail) = rest.split_at(rest.find('<').unwrap_or(rest.len()));
        let text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        if !text.trim().is_empty() {
            out.push(text.trim().to_string());
        }
        rest = tail.find('>').map_or("", |j| &tail[j + 1..]);
    }
    out.join("\n")
}

/// The tags of `html` in order: its shape without its texts.
fn tags(html: &str) -> Vec<&str> {
    html.match_indices('<').map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1]).collect()
}

/// Every result's summary (`document::Summary`: credit points, a ledger, readiness, talent,
/// TPP, training needs, follow-up lists, a monitor and its watchlist, month predicates, IKM,
/// sample size, PKP, PKG, SPM): the Indonesian one holds no English word of the engine and no
/// decimal point, the English one no Indonesian label, both have the same tags, and the text
/// summaries of results without an explanation read the same way.
#[test]
fn summaries_read_in_one_language_with_one_shape() {
    let Found { own, summaries, .. } = all();
    assert!(summaries.len() > 40, "{} summaries", summaries.len());
    let mut problems: Vec<String> = Vec::new();
    for [html_id, html_en, text_id, text_en] in &summaries {
        assert_eq!(tags(html_id), tags(html_en), "shapes differ:\n{html_id}\n{html_en}");
        for id in [visible(html_id), text_id.clone()] {
            problems.extend(offending(&id, &own, ENGLISH));
            problems.extend(id.lines().filter(|l| has_point(l)).map(str::to_string));
        }
        for en in [visible(html_en), text_en.clone()] {
            problems.extend(offending(&en, &own, INDONESIAN));
        }
    }
    let texts = summaries.iter().filter(|s| !s[2].is_empty()).count();
    assert!(texts >= 3, "{texts} text summaries");
    problems.sort();
    problems.dedup();
    assert!(problems.is_empty(), "{} lines:\n{}", problems.len(), problems.join("\n"));
}
