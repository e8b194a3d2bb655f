//! `report`: every employee of a regional export gets a document in one language, with the
//! values the table scorer gives, and each unit a report; a bad cell stops the call.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use kinerja_core::explain::Lang;
use kinerja_core::rules::Ruleset;
use kinerja_table::numbers::NumberFormat;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::report::{ReportOptions, report, report_with};
use kinerja_table::run::{Inputs, RunError, Source};
use kinerja_table::score::OnError;

fn bkpsdm() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/exports/skp_bkpsdm.csv")
}

fn id_numbers() -> ReadOptions {
    ReadOptions { number_format: NumberFormat::Id, ..ReadOptions::default() }
}

fn collect(lang: Lang) -> ReportOptions {
    let mut o = ReportOptions::new(lang);
    o.on_error = OnError::Collect;
    o
}

fn rules() -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap()
}

#[test]
fn every_employee_and_unit_of_an_export_gets_a_document() {
    let path = bkpsdm();
    let r = report(&Inputs::new(Source::Path(&path)), &id_numbers(), &rules(), &collect(Lang::Id)).unwrap();
    let nips: Vec<&str> = r.employees.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(nips[0], "198701012010011001");
    assert_eq!(nips[1], "197905152005012002");
    assert_eq!(r.units.iter().map(|(u, _)| u.as_str()).collect::<Vec<_>>(), ["BKPSDM"]);
    // Siti Nope reported only Q1 and Q2 of a yearly sum: no document, the error names her
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].0, "199203102015032003");
    assert!(r.errors[0].1.to_string().contains("missing realisation"), "{}", r.errors[0].1);
    // in raise mode the same error stops the call
    let e = report(&Inputs::new(Source::Path(&path)), &id_numbers(), &rules(), &ReportOptions::new(Lang::Id))
        .unwrap_err();
    assert!(e.to_string().contains("199203102015032003"), "{e}");
    let maria = r.employees[0].1.texts().join("\n");
    // 97.5 / 100 = 97.50 %; 1080 / 1200 = 90.00 %; 0.4 × 97.5 + 0.6 × 90 = 93.00 %
    for want in [
        "Maria Lende",
        "Analis Kepegawaian",
        "Persentase data pegawai yang diperbarui",
        "97,50%",
        "90,00%",
        "93,00%",
        "Baik",
        "PermenPANRB 6/2022",
    ] {
        assert!(maria.contains(want), "missing {want} in\n{maria}");
    }
    assert!(!maria.contains("Good"), "English word in an Indonesian document");
    let unit = r.units[0].1.texts().join("\n");
    assert!(unit.contains("Maria Lende") && unit.contains("Yohanes Benu"), "{unit}");
}

#[test]
fn english_documents_are_wholly_english() {
    let path = bkpsdm();
    let r = report(&Inputs::new(Source::Path(&path)), &id_numbers(), &rules(), &collect(Lang::En)).unwrap();
    let maria = r.employees[0].1.texts().join("\n");
    assert!(maria.contains("93.00%") && maria.contains("Good"), "{maria}");
    for id_word in ["Predikat", "Capaian", "Hasil kerja", "Pejabat penilai", "Halaman"] {
        assert!(!maria.contains(id_word), "Indonesian `{id_word}` in an English document:\n{maria}");
    }
}

#[test]
fn a_bad_cell_stops_the_report_and_names_its_row() {
    let csv = "employee,indicator,target,actual,work_result,behaviour\na,a1,100,90,meets,meets\nb,b1,100,abc,meets,meets\n";
    let e = report(
        &Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv)),
        &ReadOptions::default(),
        &rules(),
        &ReportOptions::new(Lang::Id),
    )
    .unwrap_err();
    assert!(matches!(e, RunError::Read { .. }), "{e:?}");
    assert!(e.to_string().contains("row 2"), "{e}");
}

/// Under `collect` a bad cell is its employee's error, listed beside the other employees'
/// documents (it stopped the whole report before, as under `raise`).
#[test]
fn under_collect_a_bad_cell_is_its_employees_error_only() {
    let csv = "employee,unit,indicator,target,actual,period,work_result,behaviour\n\
               a,U,a1,100,90,2024,meets,meets\nb,U,b1,100,abc,2024,meets,meets\n";
    let input = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
    let r = report(&input, &ReadOptions::default(), &rules(), &collect(Lang::En)).unwrap();
    assert_eq!(r.employees.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(), ["a"]);
    assert_eq!(r.errors.len(), 1);
    assert_eq!(r.errors[0].0, "b");
    let e = r.errors[0].1.to_string();
    assert!(e.contains("row 2") && e.contains("abc"), "{e}");
    assert!(r.errors_document().is_some());
    let e = report(&input, &ReadOptions::default(), &rules(), &ReportOptions::new(Lang::En)).unwrap_err();
    assert!(e.to_string().contains("row 2"), "{e}");
}

/// The list of the employees not evaluated is wholly in the documents' language: its
/// reasons are the engine's messages in that language, not the English ones.
#[test]
fn the_reasons_not_evaluated_are_in_the_documents_language() {
    let csv = "employee,unit,indicator,target,actual,period,work_result,behaviour\n\
               a,U,a1,100,90,2024,meets,meets\nb,U,b1,100,abc,2024,meets,meets\n";
    let input = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
    let html = |lang| {
        let r = report(&input, &ReadOptions::default(), &rules(), &collect(lang)).unwrap();
        kinerja_core::document::to_html(&[r.errors_document().unwrap()])
    };
    let (id, en) = (html(Lang::Id), html(Lang::En));
    assert!(
        id.contains("Pegawai yang tidak dapat dinilai") && id.contains("tabel indikator baris 2"),
        "{id}"
    );
    assert!(!id.contains("row 2") && !id.contains("indicators table"), "{id}");
    assert!(en.contains("Employees not evaluated") && en.contains("row 2"), "{en}");
}

/// Tables without an employee make no documents: a located refusal in either mode, never an
/// empty report (which the PDF printer cannot print).
#[test]
fn a_roster_without_employees_is_refused() {
    let csv = "employee,unit,indicator,target,actual,period,work_result,behaviour\n";
    let input = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
    for o in [ReportOptions::new(Lang::En), collect(Lang::En)] {
        let e = report(&input, &ReadOptions::default(), &rules(), &o).unwrap_err();
        assert!(e.to_string().contains("the tables hold no employee"), "{e}");
        assert_eq!(e.family(), kinerja_core::error::ErrorFamily::Input);
    }
}

#[test]
fn only_the_employees_asked_for() {
    let path = bkpsdm();
    let mut o = ReportOptions::new(Lang::Id);
    o.employees = Some(vec!["197905152005012002".into()]);
    o.unit_reports = false;
    let r = report(&Inputs::new(Source::Path(&path)), &id_numbers(), &rules(), &o).unwrap();
    assert_eq!(r.employees.len(), 1);
    assert!(r.units.is_empty());
    o.employees = Some(vec!["000".into()]);
    let e = report(&Inputs::new(Source::Path(&path)), &id_numbers(), &rules(), &o).unwrap_err();
    assert!(e.to_string().contains("`000`"), "{e}");
}

/// A file `score` reads whole may lack what an employee's document needs: a period and a
/// unit. Each is asked for by name (the period on every surface's terms), not as a failed
/// field of the plan (`employee.unit: is empty`).
#[test]
fn a_document_asks_for_the_period_and_the_unit_by_name() {
    let no_period =
        "employee,unit,indicator,target,actual,work_result,behaviour\na,U,a1,100,90,meets,meets\n";
    let e = report(
        &Inputs::new(Source::Bytes(no_period.as_bytes(), FileFormat::Csv)),
        &ReadOptions::default(),
        &rules(),
        &ReportOptions::new(Lang::En),
    )
    .unwrap_err();
    assert!(e.to_string().contains("say which period to evaluate (period=…, CLI `--period 2024`)"), "{e}");
    let no_unit = "employee,indicator,target,actual,work_result,behaviour\na,a1,100,90,meets,meets\n";
    let mut o = ReportOptions::new(Lang::En);
    o.period = Some("2024".parse().unwrap());
    let e = report(
        &Inputs::new(Source::Bytes(no_unit.as_bytes(), FileFormat::Csv)),
        &ReadOptions::default(),
        &rules(),
        &o,
    )
    .unwrap_err();
    assert!(e.to_string().contains("the employee has no unit (`unit`, Unit Kerja)"), "{e}");
}

/// Without rules (what `kj.report`, `kinerja report` and `/v1/report` pass when their caller
/// names none), each employee's documents are made under the builtin ruleset in force for the
/// evaluated period, as batch scoring chooses it: the same documents as under PermenPANRB
/// 6/2022 given for a 2024 roster, and a 2019 roster refused with the regime in force, not
/// made under 6/2022.
#[test]
fn without_rules_the_period_chooses_them() {
    let path = bkpsdm();
    let inputs = Inputs::new(Source::Path(&path));
    let given = report(&inputs, &id_numbers(), &rules(), &collect(Lang::En)).unwrap();
    let chosen = report_with(&inputs, &id_numbers(), None, &collect(Lang::En)).unwrap();
    assert_eq!(chosen.evaluations, given.evaluations);
    assert_eq!(chosen.employees.len(), 2);
    let csv = "employee,unit,indicator,target,actual,period,work_result,behaviour\na,U,a1,100,90,2019,meets,meets\n";
    let old = Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv));
    let e = report_with(&old, &ReadOptions::default(), None, &ReportOptions::new(Lang::En)).unwrap_err();
    assert_eq!(e.family(), kinerja_core::error::ErrorFamily::Policy, "{e}");
    assert!(e.to_string().contains("PP 46/2011"), "{e}");
    // given explicitly, 6/2022 is applied to 2019 too (a what-if), as `evaluate` applies it
    let what_if = report_with(&old, &ReadOptions::default(), Some(&rules()), &ReportOptions::new(Lang::En));
    assert_eq!(what_if.unwrap().employees.len(), 1);
}
