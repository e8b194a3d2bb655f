//! The organisation layer's notebook displays (`kinerja_core::document::{org_structure_html,
//! alignment_html, org_performance_html, sakip_html, distribution_html, calibration_html}`):
//! built by the one renderer, each wholly in one language — Indonesian words and decimal commas,
//! or English words and decimal points — with the same shape in both, the user's own texts
//! escaped, and long lists capped with a count in the reader's language.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;

use kinerja_core::document::{
    DISPLAY_MAX_LINES, DISPLAY_MAX_UNITS, alignment_html, calibration_html, distribution_html,
    org_performance_html, org_structure_html, sakip_html,
};
use kinerja_core::explain::Lang;
use kinerja_core::model::{OrgPredicate, Plan, Polarity, Predicate, ResultKind, Target};
use kinerja_core::num::Rounding;
use kinerja_core::org::distribution::CalibrationEntry;
use kinerja_core::org::sakip::SakipInput;
use kinerja_core::org::{
    OrgPolicy, OrgStructure, OrgUnit, UnitGoal, align, calibrate, check_distribution, sakip_evaluation,
    unit_performance,
};
use kinerja_core::rules::Policy;
use rust_decimal::Decimal;
use rust_decimal_macros::dec;

mod support;
use support::{org_employee as emp, org_rhk as rhk};

/// A goal of `unit` with a point target and an actual.
fn goal(id: &str, unit: &str, target: Decimal, actual: Decimal) -> UnitGoal {
    UnitGoal {
        id: id.into(),
        unit: unit.into(),
        name: format!("IKU {id}"),
        target: Target::Point(target),
        polarity: Polarity::HigherIsBetter,
        weight: None,
        actual: Some(actual),
    }
}

/// Pemkot (head `kepala`) with Dinas Kesehatan below it (employee `a`, named with markup);
/// one goal each, realised at 102.22 % and 87.5 %.
fn structure() -> OrgStructure {
    let unit = |id: &str, name: &str, parent: Option<&str>| OrgUnit {
        id: id.into(),
        name: name.into(),
        parent: parent.map(Into::into),
        head: None,
    };
    OrgStructure::new(
        vec![unit("pemkot", "Pemerintah Kota", None), unit("dinkes", "Dinas <Kesehatan>", Some("pemkot"))],
        vec![goal("iku-1", "dinkes", dec!(90), dec!(92)), goal("iku-2", "pemkot", dec!(80), dec!(70))],
        vec![emp("kepala", "pemkot", true), emp("a", "dinkes", false)],
    )
    .unwrap()
}

/// The text a reader sees: one cell, heading or list item per line (tags and the stylesheet
/// taken out, entities decoded).
fn visible(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        let (text, tail) = rest.split_at(rest.find('<').unwrap_or(rest.len()));
        let text =
            text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").replace('\u{a0}', " ");
        if !text.trim().is_empty() {
            out.push(text.trim().to_string());
        }
        rest = tail.find('>').map_or("", |j| &tail[j + 1..]);
    }
    out
}

/// The tags of `html` in order: its shape without its texts.
fn skeleton(html: &str) -> Vec<&str> {
    html.match_indices('<').map(|(i, _)| &html[i..i + html[i..].find('>').unwrap() + 1]).collect()
}

/// Every display built from the same results, in `lang`.
fn displays(lang: Lang) -> Vec<(&'static str, String)> {
    let s = structure();
    let policy = Policy::default();
    let plans = vec![Plan {
        employee: emp("a", "dinkes", false),
        year: 2024,
        results: vec![rhk("r1", ResultKind::Primary, Some("iku-1")), rhk("r2", ResultKind::Primary, None)],
        realisations: vec![],
        assessments: vec![],
    }];
    let report = align(&s, &plans, None, &policy).unwrap();
    let perf = unit_performance(&s, &BTreeMap::new(), &policy).unwrap();
    let grades = ["a", "bb", "b", "cc", "aa", "c"];
    let mut criteria = Vec::new();
    for (i, component) in
        ["planning", "measurement", "reporting", "internal_evaluation"].into_iter().enumerate()
    {
        for (j, sub) in ["existence", "quality", "use"].into_iter().enumerate() {
            let grade = grades[(i + j) % grades.len()];
            criteria.push(serde_json::json!({"id": format!("{component}-{sub}"), "component": component, "sub_component": sub, "grade": grade}));
        }
    }
    let sakip: SakipInput = serde_json::from_value(serde_json::json!({ "criteria": criteria })).unwrap();
    let sakip = sakip_evaluation(&sakip, Rounding::half_up(2)).unwrap();
    let roster: Vec<(String, Predicate)> = (0..10)
        .map(|i| (format!("e{i}"), if i < 9 { Predicate::Good } else { Predicate::VeryGood }))
        .collect();
    let dist = check_distribution(OrgPredicate::Good, &roster, &OrgPolicy::default()).unwrap();
    let entries: Vec<CalibrationEntry> = roster
        .iter()
        .enumerate()
        .map(|(i, (e, p))| CalibrationEntry {
            employee: e.clone(),
            predicate: *p,
            achievement: Some(dec!(95.5) + Decimal::from(i)),
        })
        .collect();
    let cal = calibrate(OrgPredicate::Good, &entries, &OrgPolicy::default()).unwrap();
    vec![
        ("structure", org_structure_html(&s, lang)),
        ("alignment", alignment_html(&report, lang)),
        ("performance", org_performance_html(&perf, lang)),
        ("sakip", sakip_html(&sakip, lang)),
        ("distribution", distribution_html(&dist, lang)),
        ("calibration", calibration_html(&cal, lang)),
    ]
}

/// A decimal point between digits, as Indonesian text must not write it.
fn has_point(line: &str) -> bool {
    line.as_bytes().windows(3).any(|w| w[0].is_ascii_digit() && w[1] == b'.' && w[2].is_ascii_digit())
}

/// The structure, whole, in both languages: the counts (English counting its nouns), each unit
/// indented by its depth, its head and its numbers, the user's markup escaped.
#[test]
fn the_structure_reads_whole_in_each_language() {
    let s = structure();
    assert_eq!(
        visible(&org_structure_html(&s, Lang::Id)),
        [
            "Struktur organisasi",
            ": 2 unit, 2 sasaran, 2 pegawai",
            "Unit",
            "Nama",
            "Kepala",
            "Pegawai",
            "Sasaran",
            "pemkot",
            "Pemerintah Kota",
            "kepala",
            "1",
            "1",
            "dinkes",
            "Dinas <Kesehatan>",
            "–",
            "1",
            "1",
        ]
    );
    let en = org_structure_html(&s, Lang::En);
    assert_eq!(
        visible(&en)[..7],
        [
            "Organisation structure",
            ": 2 units, 2 goals, 2 employees",
            "Unit",
            "Name",
            "Head",
            "Employees",
            "Goals"
        ]
    );
    assert!(en.contains("<td>\u{a0}\u{a0}dinkes</td>") && en.contains("<td>pemkot</td>"), "{en}");
    assert!(en.contains("Dinas &lt;Kesehatan&gt;") && !en.contains("<Kesehatan>"), "{en}");
    let one =
        OrgStructure::new(vec![support::org_unit("u", None)], vec![], vec![emp("x", "u", false)]).unwrap();
    assert_eq!(visible(&org_structure_html(&one, Lang::En))[1], ": 1 unit, 0 goals, 1 employee");
}

/// Unit performance, whole: the IKU achievement with a decimal comma in Indonesian and a
/// point in English; no predicate given or advised is the missing-value dash.
#[test]
fn unit_performance_reads_whole_in_each_language() {
    let perf = unit_performance(&structure(), &BTreeMap::new(), &Policy::default()).unwrap();
    let id = visible(&org_performance_html(&perf, Lang::Id));
    assert_eq!(
        id[..6],
        [
            "Kinerja organisasi per unit",
            "Unit",
            "Capaian IKU (%)",
            "Predikat ditetapkan",
            "Predikat saran",
            "Predikat"
        ]
    );
    assert_eq!(id[6..8], ["pemkot", "87,50"]);
    assert_eq!(id[11..13], ["dinkes", "102,22"]);
    let en = visible(&org_performance_html(&perf, Lang::En));
    assert_eq!(en[6..8], ["pemkot", "87.50"]);
    assert_eq!(en[11..13], ["dinkes", "102.22"]);
}

/// Every display: the Indonesian one writes no decimal point and none of the English words
/// the displays use, the English one none of the Indonesian words, and both have the same
/// tags in the same order.
#[test]
fn every_display_is_in_one_language_with_one_shape() {
    const ENGLISH: &[&str] = &[
        "Organisation",
        "Name",
        "Head",
        "Employees",
        "Goals",
        "Problems",
        "coverage",
        "Predicate",
        "Score",
        "Component",
        "Count",
        "Allowed",
        "Rule",
        "Bound",
        "Source",
        "Explanation",
        "Before",
        "After",
        "PASSES",
        "FAILS",
        "more",
        "Reason",
        "Contribution",
        "Whole",
    ];
    const INDONESIAN: &[&str] = &[
        "Struktur",
        "Nama",
        "Kepala",
        "Pegawai",
        "Sasaran",
        "Masalah",
        "Cakupan",
        "Predikat",
        "Nilai",
        "Komponen",
        "Jumlah",
        "Rentang",
        "Ketentuan",
        "Batas",
        "Dasar",
        "Penjelasan",
        "Sebelum",
        "Sesudah",
        "MEMENUHI",
        "lagi",
        "Alasan",
        "Pohon",
        "Seluruh",
    ];
    let (id, en) = (displays(Lang::Id), displays(Lang::En));
    for ((what, h_id), (_, h_en)) in id.iter().zip(&en) {
        assert_eq!(skeleton(h_id), skeleton(h_en), "{what}: the shapes differ");
        let words = |h: &str| -> Vec<String> {
            visible(h).join(" ").split(|c: char| !c.is_alphanumeric()).map(str::to_string).collect()
        };
        let (w_id, w_en) = (words(h_id), words(h_en));
        let wrong_id: Vec<&&str> = ENGLISH.iter().filter(|w| w_id.iter().any(|x| x == *w)).collect();
        let wrong_en: Vec<&&str> = INDONESIAN.iter().filter(|w| w_en.iter().any(|x| x == *w)).collect();
        assert!(wrong_id.is_empty(), "{what} (id) holds {wrong_id:?}");
        assert!(wrong_en.is_empty(), "{what} (en) holds {wrong_en:?}");
        let points: Vec<String> = visible(h_id).into_iter().filter(|l| has_point(l)).collect();
        assert!(points.is_empty(), "{what} (id) writes decimal points: {points:?}");
    }
    let all_id: String = id.iter().map(|(_, h)| h.as_str()).collect();
    for word in ["Cakupan RHK", "Pohon kontribusi", "Komponen", "Rentang yang diizinkan", "Usulan kalibrasi"]
    {
        assert!(all_id.contains(word), "{word} missing");
    }
}

/// The alignment report: coverage as percentages in each number style, the whole
/// organisation's row named in the reader's language, the problems listed, the tree folded.
#[test]
fn alignment_shows_coverage_problems_and_the_tree() {
    let (id, en) = (displays(Lang::Id), displays(Lang::En));
    let (a_id, a_en) = (visible(&id[1].1), visible(&en[1].1));
    let row = |v: &[String], name: &str| -> Vec<String> {
        let i = v.iter().position(|x| x == name).unwrap();
        v[i..i + 6].to_vec()
    };
    assert_eq!(row(&a_id, "dinkes"), ["dinkes", "1/2", "50,00%", "1/1", "100,00%", "1"]);
    assert_eq!(
        row(&a_id, "Seluruh organisasi"),
        ["Seluruh organisasi", "1/2", "50,00%", "1/2", "50,00%", "2"]
    );
    assert_eq!(
        row(&a_en, "Whole organisation"),
        ["Whole organisation", "1/2", "50.00%", "1/2", "50.00%", "2"]
    );
    assert!(a_id.iter().any(|l| l.starts_with("[dinkes] ")), "{a_id:?}");
    assert!(
        id[1]
            .1
            .contains("<details><summary>Pohon kontribusi</summary><pre>Pohon kontribusi (intervensi RHK)")
    );
    assert!(
        en[1].1.contains("<details><summary>Contribution tree</summary><pre>Contribution tree (RHK cascade)")
    );
}

/// SAKIP: the total and its predicate in the heading, the components' scores in each number
/// style, and the explanation folded.
#[test]
fn sakip_shows_its_total_components_and_explanation() {
    let (id, en) = (displays(Lang::Id), displays(Lang::En));
    let (s_id, s_en) = (visible(&id[3].1), visible(&en[3].1));
    assert_eq!(s_id[0], "SAKIP");
    assert!(s_id[1].starts_with(": ") && s_id[1].contains(',') && s_id[1].contains(" — "), "{s_id:?}");
    let total = |line: &str| line.split(" — ").next().unwrap().to_string();
    assert_eq!(total(&s_id[1]).replace(',', "."), total(&s_en[1]), "the same total in each number style");
    let i = s_id.iter().position(|l| l == "Nilai").unwrap();
    let j = s_en.iter().position(|l| l == "Score").unwrap();
    assert_eq!(s_id[i + 1], "Perencanaan Kinerja");
    assert_eq!(s_en[j + 1], "Performance planning");
    assert_eq!(s_id[i + 2].replace(',', "."), s_en[j + 2]);
    assert!(
        id[3].1.contains("<summary>Penjelasan</summary>")
            && en[3].1.contains("<summary>Explanation</summary>")
    );
}

/// The distribution curve: a Baik unit of ten with nine Baik fails (Baik ≤ 70 % of 10 = 7);
/// each predicate's count beside its allowed range (best first), the count outside it marked.
#[test]
fn distribution_marks_counts_outside_their_range() {
    let (id, en) = (displays(Lang::Id), displays(Lang::En));
    let d_id = visible(&id[4].1);
    assert!(d_id.iter().any(|l| l == "TIDAK MEMENUHI"), "{d_id:?}");
    assert!(visible(&en[4].1).iter().any(|l| l == "FAILS"));
    let i = d_id.iter().position(|l| l == "Rentang yang diizinkan").unwrap();
    assert_eq!(d_id[i + 1..i + 4], ["Sangat Baik", "1", "0–10"]);
    assert_eq!(d_id[i + 4..i + 7], ["Baik", "9 ✗", "0–7"]);
    assert_eq!(d_id[i + 7..i + 10], ["Butuh Perbaikan", "0", "0–10"]);
    let dist = check_distribution(OrgPredicate::Good, &[], &OrgPolicy::default()).unwrap();
    let allowed = dist.allowed_counts();
    assert_eq!(allowed.len(), 5);
    assert_eq!(allowed.first().map(|a| a.0), Some(Predicate::VeryPoor), "worst first");
}

/// A calibration that is needed and feasible lists its changes with the achievement in each
/// number style, and folds the curve before and after.
#[test]
fn calibration_lists_changes_and_folds_both_curves() {
    let (id, en) = (displays(Lang::Id), displays(Lang::En));
    assert!(id[5].1.contains("<summary>Sebelum</summary>") && id[5].1.contains("<summary>Sesudah</summary>"));
    assert!(en[5].1.contains("<summary>Before</summary>") && en[5].1.contains("<summary>After</summary>"));
    let (c_id, c_en) = (visible(&id[5].1), visible(&en[5].1));
    let i = c_id.iter().position(|l| l == "Alasan").unwrap();
    let j = c_en.iter().position(|l| l == "Reason").unwrap();
    assert!(c_id[i + 4].contains(',') && !c_id[i + 4].contains('.'), "{:?}", &c_id[i..i + 6]);
    assert_eq!(c_id[i + 4].replace(',', "."), c_en[j + 4]);
}

/// Long lists are capped: more units than the structure, unit performance or the alignment
/// table shows, and more problems than a list holds, end with a count of the rest in the
/// reader's language (the whole organisation's row is always shown).
#[test]
fn long_lists_end_with_a_count_of_the_rest() {
    let n = DISPLAY_MAX_UNITS + 3;
    let units: Vec<OrgUnit> = (0..n).map(|i| support::org_unit(&format!("u{i}"), None)).collect();
    let s = OrgStructure::new(units, vec![], vec![]).unwrap();
    assert!(org_structure_html(&s, Lang::Id).ends_with("<p class=\"kj-sub\">… 3 lagi</p>"));
    assert!(org_structure_html(&s, Lang::En).ends_with("<p class=\"kj-sub\">… 3 more</p>"));
    let goals = (0..DISPLAY_MAX_UNITS + 3)
        .map(|i| goal(&format!("g{i}"), &format!("u{i}"), dec!(10), dec!(9)))
        .collect();
    let units = (0..DISPLAY_MAX_UNITS + 3).map(|i| support::org_unit(&format!("u{i}"), None)).collect();
    let s = OrgStructure::new(units, goals, vec![]).unwrap();
    let perf = unit_performance(&s, &BTreeMap::new(), &Policy::default()).unwrap();
    let html = org_performance_html(&perf, Lang::Id);
    assert!(html.ends_with("<p class=\"kj-sub\">… 3 lagi</p>"), "{}", &html[html.len() - 80..]);
    assert_eq!(html.matches("<td class=\"num\">90,00</td>").count(), DISPLAY_MAX_UNITS);
    let report = align(&s, &[], None, &Policy::default()).unwrap();
    let html = alignment_html(&report, Lang::En);
    assert!(html.contains("<p class=\"kj-sub\">… 3 more</p>"));
    assert!(html.contains("<td>Whole organisation</td>"), "the organisation's row is never cut");
    let n = DISPLAY_MAX_LINES + 2;
    let plans: Vec<Plan> = (0..n)
        .map(|i| Plan {
            employee: emp(&format!("e{i}"), "u0", false),
            year: 2024,
            results: vec![rhk("r", ResultKind::Primary, None)],
            realisations: vec![],
            assessments: vec![],
        })
        .collect();
    let employees = (0..n).map(|i| emp(&format!("e{i}"), "u0", false)).collect();
    let s = OrgStructure::new(vec![support::org_unit("u0", None)], vec![], employees).unwrap();
    let r = align(&s, &plans, None, &Policy::default()).unwrap();
    assert!(r.problems.len() >= n);
    let rest = r.problems.len() - DISPLAY_MAX_LINES;
    assert!(alignment_html(&r, Lang::Id).contains(&format!("<li>… {rest} lagi</li></ul>")));
    assert!(alignment_html(&r, Lang::En).contains(&format!("<li>… {rest} more</li></ul>")));
    let tree = r.contribution_text(Lang::En).lines().count();
    assert!(tree > DISPLAY_MAX_LINES);
    let cut = tree - DISPLAY_MAX_LINES;
    assert!(alignment_html(&r, Lang::Id).contains(&format!("\n… {cut} baris lagi</pre>")));
    assert!(alignment_html(&r, Lang::En).contains(&format!("\n… {cut} more lines</pre>")));
}

/// The follow-up lists and a watchlist of a large roster show their first
/// `DISPLAY_MAX_LINES` rows and count the rest; their text summaries keep every row.
#[test]
fn long_follow_up_lists_are_capped() {
    use kinerja_core::document::Summary;
    use kinerja_core::followup::{EmployeeHistory, follow_up_lists};
    let n = DISPLAY_MAX_LINES + 5;
    let histories: Vec<EmployeeHistory> = (0..n)
        .map(|i| serde_json::from_value(serde_json::json!({"employee": format!("e{i}"), "unit": "u", "predicates": {"2024": "needs_improvement"}})).unwrap())
        .collect();
    let lists = follow_up_lists(&histories, 2024, &Policy::default()).unwrap();
    assert_eq!(lists.development_plan.len(), n);
    let html = lists.summary_html(Lang::Id);
    assert!(html.ends_with("<p class=\"kj-sub\">… 5 lagi</p>"), "{}", &html[html.len() - 80..]);
    assert_eq!(html.matches("<tr>").count(), DISPLAY_MAX_LINES + 1, "the header row and the rows shown");
    assert_eq!(lists.summary_text(Lang::En).lines().count(), n);
}
