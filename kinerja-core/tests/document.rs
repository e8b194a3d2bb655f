//! The evaluation document and the unit report: every text in one language, the values of the
//! evaluation, golden HTML snapshots per language (`testdata/documents/`; regenerate with
//! `KINERJA_UPDATE_GOLDEN=1 cargo test -p kinerja-core --test document` and review the diff).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use kinerja_core::document::{
    Block, EmployeeDocument, Person, UnitReport, employee_document, to_html, unit_report,
};
use kinerja_core::prelude::*;

fn plan() -> Plan {
    let year: Period = "2024".parse().unwrap();
    Plan::new(
        Employee::new("198701012010011001", "Ani Lestari", "puskesmas-oesapa", PostType::Functional)
            .with_position("Perawat Ahli Pertama")
            .with_functional_grade(FunctionalGrade::FirstExpert),
        2024,
    )
    .with_result(
        PlannedResult::new("rhk-1", "Meningkatnya pelayanan pasien")
            .with_parent("iku-1", CascadeType::Direct)
            .with_indicator(
                Indicator::new("iki-1", "Pasien yang dilayani", dec!(1200).into()).with_unit("orang"),
            )
            .with_indicator(
                Indicator::new("iki-2", "Waktu tunggu rata-rata", dec!(30).into())
                    .with_unit("menit")
                    .with_polarity(Polarity::LowerIsBetter),
            ),
    )
    .with_realisation(Realisation::new("iki-1", year, dec!(1140)))
    .with_realisation(Realisation::new("iki-2", year, dec!(24.5)))
    .with_assessment(
        Assessment::new(year)
            .with_work_result(Rating::Meets)
            .with_behaviour(Behaviour::overall(Rating::Above)),
    )
}

fn evaluation(plan: &Plan) -> (Evaluation, Ruleset) {
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    (evaluate(plan, "2024".parse().unwrap(), &rules).unwrap(), rules)
}

fn input<'a>(ev: &'a Evaluation, plan: &'a Plan) -> EmployeeDocument<'a> {
    EmployeeDocument::new(ev)
        .with_plan(plan)
        .with_appraiser(
            Person::new("197501012000031001", "dr. Yosef Manek").with_position("Kepala Puskesmas"),
        )
        .with_goal("iku-1", "Meningkatnya mutu layanan kesehatan dasar")
}

#[test]
fn the_document_carries_the_evaluation_in_indonesian() {
    let plan = plan();
    let (ev, rules) = evaluation(&plan);
    let doc = employee_document(&input(&ev, &plan), &rules.policy, Lang::Id).unwrap();
    let text = doc.texts().join("\n");
    // 1140 / 1200 = 95.00 %; (2 − 24.5 / 30) × 100 = 118.33 %; mean 106.67 % (unrounded mean)
    for want in [
        "Ani Lestari",
        "198701012010011001",
        "Perawat Ahli Pertama",
        "Ahli Pertama",
        "dr. Yosef Manek",
        "Pasien yang dilayani",
        "Waktu tunggu rata-rata",
        "95,00%",
        "118,33%",
        "106,67%",
        "24,5",
        "Sesuai ekspektasi",
        "Di atas ekspektasi",
        "Baik",
        "PermenPANRB 6/2022",
        "iku-1 — Meningkatnya mutu layanan kesehatan dasar",
        "Pegawai yang dinilai",
        "Pejabat penilai kinerja",
        // credit points: 12 / 12 × 100 % × 12.5 (Ahli Pertama, Baik)
        "Angka kredit: 12,50",
    ] {
        assert!(text.contains(want), "missing `{want}` in\n{text}");
    }
    assert_eq!(ev.predicate, Predicate::Good);
}

#[test]
fn the_english_document_has_no_indonesian_words_of_its_own() {
    let plan = plan();
    let (ev, rules) = evaluation(&plan);
    let doc = employee_document(&input(&ev, &plan), &rules.policy, Lang::En).unwrap();
    // The user's own texts (names, positions, indicators, goals) stay as written; every word
    // the engine writes is English.
    let own = [
        "Ani Lestari",
        "Perawat Ahli Pertama",
        "Meningkatnya pelayanan pasien",
        "Pasien yang dilayani",
        "Waktu tunggu rata-rata",
        "dr. Yosef Manek",
        "Kepala Puskesmas",
        "Meningkatnya mutu layanan kesehatan dasar",
        "orang",
        "menit",
        "Lampiran",
        "puskesmas-oesapa",
    ];
    let mut text = doc.texts().join("\n");
    for o in own {
        text = text.replace(o, "");
    }
    for id_word in [
        "Predikat",
        "Capaian",
        "capaian",
        "Hasil kerja",
        "Perilaku",
        "Pejabat",
        "penilai",
        "Periode",
        "Bobot",
        "Sesuai",
        "Baik",
        "Tindak",
        "Nilai",
        "dipakai",
        "pembulatan",
        "kebijakan",
        "masukan",
        "Tahunan",
        "tahunan",
        "bulan",
        "dan ",
    ] {
        assert!(!text.contains(id_word), "Indonesian `{id_word}` in the English document:\n{text}");
    }
    assert!(text.contains("Good") && text.contains("106.67%"), "{text}");
}

#[test]
fn the_unit_report_checks_the_curve_only_with_the_organisational_predicate() {
    let plan = plan();
    let (ev, rules) = evaluation(&plan);
    let evs = vec![ev];
    let without = unit_report(&UnitReport::new("puskesmas-oesapa", &evs), &rules.policy, Lang::Id).unwrap();
    let text = without.texts().join("\n");
    assert!(text.contains("Kurva distribusi tidak diperiksa"), "{text}");
    let with = unit_report(
        &UnitReport::new("puskesmas-oesapa", &evs).with_org_predicate(OrgPredicate::Good),
        &rules.policy,
        Lang::Id,
    )
    .unwrap();
    let bars = with
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| if let Block::Bars(b) = b { Some(b) } else { None })
        .unwrap();
    let good = bars.bars.iter().find(|b| b.label == "Baik").unwrap();
    assert_eq!(good.value, 1);
    // an evaluation of another unit is refused, naming the employee
    let e = unit_report(&UnitReport::new("other", &evs), &rules.policy, Lang::Id).unwrap_err();
    assert!(e.to_string().contains("198701012010011001"), "{e}");
}

fn golden(name: &str, got: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/documents").join(name);
    if std::env::var_os("KINERJA_UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    // the footer names the version; everything else must match byte for byte
    let strip = |s: &str| s.replace(env!("CARGO_PKG_VERSION"), "VERSION");
    assert_eq!(strip(got), strip(&want), "{name} differs from the golden snapshot");
}

#[test]
fn golden_html_per_language() {
    let plan = plan();
    let (ev, rules) = evaluation(&plan);
    for (lang, name) in [(Lang::Id, "employee_id.html"), (Lang::En, "employee_en.html")] {
        let doc = employee_document(&input(&ev, &plan), &rules.policy, lang).unwrap();
        golden(name, &to_html(&[doc]));
    }
}

#[test]
fn html_escapes_user_text() {
    let mut plan = plan();
    plan.employee.name = "<script>alert(1)</script> & \"x\"".into();
    let (ev, rules) = evaluation(&plan);
    let html = to_html(&[employee_document(&EmployeeDocument::new(&ev), &rules.policy, Lang::Id).unwrap()]);
    assert!(!html.contains("<script>alert"), "unescaped user text");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
}
