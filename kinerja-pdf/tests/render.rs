#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! Renders real documents and checks the PDF with poppler-utils (`pdftotext`, `pdfinfo`,
//! `pdftoppm`) when installed. Without them those checks are skipped with a message, except
//! under CI (env `CI` set), where a missing tool fails the test.

use std::path::{Path, PathBuf};
use std::process::Command;

use kinerja_core::document::{
    Bar, Bars, Block, Column, Document, EmployeeDocument, Section, Signer, Table, UnitReport,
    employee_document, unit_report,
};
use kinerja_core::prelude::*;
use kinerja_pdf::{PdfError, render, render_to_file};

/// The evaluation of an employee with `n` indicators, and its plan.
fn evaluation(nip: &str, name: &str, n: usize) -> (Evaluation, Plan) {
    let year: Period = "2024".parse().expect("period");
    let mut result = PlannedResult::new("rhk-1", "Meningkatnya pelayanan pasien");
    for i in 1..=n {
        let ind = Indicator::new(format!("iki-{i}"), indicator_name(i), dec!(1200).into()).with_unit("orang");
        result = result.with_indicator(ind);
    }
    let mut plan = Plan::new(Employee::new(nip, name, "dinkes", PostType::Executor), 2024)
        .with_result(result)
        .with_assessment(
            Assessment::new(year)
                .with_work_result(Rating::Meets)
                .with_behaviour(Behaviour::overall(Rating::Above)),
        );
    for i in 1..=n {
        plan = plan.with_realisation(Realisation::new(format!("iki-{i}"), year, dec!(1140)));
    }
    let rules = Ruleset::builtin("permenpanrb-6-2022").expect("rules");
    (evaluate(&plan, year, &rules).expect("evaluation"), plan)
}

fn indicator_name(i: usize) -> String {
    format!("Pasien yang dilayani nomor {i}")
}

/// The employee document of Ani Lestari with `n` indicators.
fn employee(n: usize, lang: Lang) -> Document {
    let (ev, plan) = evaluation("198701012010011001", "Ani Lestari", n);
    let rules = Ruleset::builtin("permenpanrb-6-2022").expect("rules");
    employee_document(&EmployeeDocument::new(&ev).with_plan(&plan), &rules.policy, lang).expect("document")
}

/// The report of a unit of three employees.
fn unit(lang: Lang) -> Document {
    let evs: Vec<Evaluation> = ["Ani Lestari", "Budi Santoso", "Citra Dewi"]
        .iter()
        .enumerate()
        .map(|(i, name)| evaluation(&format!("19870101201001100{i}"), name, 2).0)
        .collect();
    let rules = Ruleset::builtin("permenpanrb-6-2022").expect("rules");
    let input =
        UnitReport::new("dinkes", &evs).with_name("Dinas Kesehatan").with_org_predicate(OrgPredicate::Good);
    unit_report(&input, &rules.policy, lang).expect("report")
}

/// Whether `tool` can be used: a missing tool skips the check with a message, or fails it
/// under CI.
fn have(tool: &str) -> bool {
    let found = Command::new("which").arg(tool).output().is_ok_and(|o| o.status.success());
    if !found {
        assert!(std::env::var_os("CI").is_none(), "{tool} (poppler-utils) is required under CI");
        eprintln!("skipping the {tool} check: {tool} is not installed (apt-get install poppler-utils)");
    }
    found
}

/// `pdf` written to a file in a fresh directory (kept alive by the returned guard).
fn file(pdf: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write");
    save_sample(pdf);
    (dir, path)
}

/// With env `KINERJA_PDF_SAMPLES` set to a directory, keeps every PDF rendered there (to look at).
fn save_sample(pdf: &[u8]) {
    if let Some(dir) = std::env::var_os("KINERJA_PDF_SAMPLES") {
        let n = std::fs::read_dir(&dir).map_or(0, |d| d.count());
        let _ = std::fs::write(Path::new(&dir).join(format!("sample-{n}.pdf")), pdf);
    }
}

fn run(tool: &str, args: &[&str], path: &Path) -> Vec<u8> {
    let out = Command::new(tool).args(args).arg(path).arg("-").output().expect("run tool");
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// The text of pages `first..=last` (all pages when `None`) in drawing order, every run of
/// white space (line breaks inside a wrapped cell too) as one space.
fn text(path: &Path, pages: Option<(usize, usize)>) -> String {
    let range = pages.map(|(f, l)| [f.to_string(), l.to_string()]);
    let mut args = vec!["-raw", "-enc", "UTF-8"];
    if let Some([f, l]) = &range {
        args.extend(["-f", f.as_str(), "-l", l.as_str()]);
    }
    let text = String::from_utf8(run("pdftotext", &args, path)).expect("utf-8 text");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page count pdfinfo reports.
fn pdfinfo_pages(path: &Path) -> usize {
    let out = Command::new("pdfinfo").arg(path).output().expect("pdfinfo");
    let info = String::from_utf8_lossy(&out.stdout).to_string();
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("a Pages line");
    line.trim_start_matches("Pages:").trim().parse().expect("a number")
}

/// Page objects counted in the raw PDF (`/Type /Page`, spaced or not, and not `/Pages`).
fn scanned_pages(pdf: &[u8]) -> usize {
    let mut n = 0;
    for (i, _) in pdf.windows(5).enumerate().filter(|(_, w)| *w == b"/Type") {
        let rest = pdf.get(i + 5..).unwrap_or_default();
        let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
        if rest.starts_with(b"/Page") && rest.get(5) != Some(&b's') {
            n += 1;
        }
    }
    n
}

#[test]
fn a_pdf_with_its_metadata() {
    let pdf = render(&[employee(3, Lang::Id)]).expect("pdf");
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(scanned_pages(&pdf) >= 1);
    let (_dir, path) = file(&pdf);
    if have("pdfinfo") {
        let out = Command::new("pdfinfo").arg(&path).output().expect("pdfinfo");
        let info = String::from_utf8_lossy(&out.stdout);
        assert!(info.contains("Dokumen Evaluasi Kinerja Pegawai"), "{info}");
        assert!(info.contains("Creator:") && info.contains("kinerja"), "{info}");
        assert!(info.contains("595.28 x 841.89"), "{info}");
        assert_eq!(pdfinfo_pages(&path), scanned_pages(&pdf));
    }
}

#[test]
fn the_text_is_in_the_chosen_language() {
    for (lang, predicate, page) in [(Lang::Id, "Baik", "Halaman 1 dari"), (Lang::En, "Good", "Page 1 of")] {
        let pdf = render(&[employee(4, lang)]).expect("pdf");
        let (_dir, path) = file(&pdf);
        if !have("pdftotext") {
            return;
        }
        let t = text(&path, None);
        for s in ["Ani Lestari", "198701012010011001", predicate, "PermenPANRB 6/2022", page] {
            assert!(t.contains(s), "{lang:?}: `{s}` missing from\n{t}");
        }
        for i in 1..=4 {
            assert!(t.contains(&indicator_name(i)), "{lang:?}: indicator {i} missing");
        }
    }
}

#[test]
fn sixty_indicators_span_pages_and_repeat_the_table_header() {
    let pdf = render(&[employee(60, Lang::Id)]).expect("pdf");
    let pages = scanned_pages(&pdf);
    assert!(pages > 1, "{pages} pages");
    let (_dir, path) = file(&pdf);
    if !have("pdftotext") {
        return;
    }
    assert_eq!(pdfinfo_pages(&path), pages);
    let all = text(&path, None);
    for i in 1..=60 {
        assert!(all.contains(&format!("{} (iki-{i})", indicator_name(i))), "indicator {i} missing");
    }
    let second = text(&path, Some((2, 2)));
    assert!(second.contains("(iki-"), "the indicator table continues on page 2:\n{second}");
    let header = "Indikator Target Realisasi Satuan Capaian Bobot";
    assert!(second.starts_with(header), "the header row is not repeated on page 2:\n{second}");
    assert!(second.contains(&format!("Halaman 2 dari {pages}")), "{second}");
}

#[test]
fn several_documents_each_start_on_a_new_page() {
    let docs = [employee(2, Lang::Id), unit(Lang::En)];
    let pdf = render(&docs).expect("pdf");
    let one = scanned_pages(&render(&docs[..1]).expect("pdf"));
    let two = scanned_pages(&render(&docs[1..]).expect("pdf"));
    assert_eq!(scanned_pages(&pdf), one + two);
    let (_dir, path) = file(&pdf);
    if !have("pdftotext") {
        return;
    }
    let first_of_second = text(&path, Some((one + 1, one + 1)));
    assert!(first_of_second.contains("Unit Performance Report"), "{first_of_second}");
    assert!(first_of_second.contains(&format!("Page 1 of {two}")), "{first_of_second}");
}

#[test]
fn the_unit_report_renders_its_chart() {
    let pdf = render(&[unit(Lang::Id)]).expect("pdf");
    let (_dir, path) = file(&pdf);
    if !have("pdftotext") {
        return;
    }
    let t = text(&path, None);
    for s in ["Laporan Kinerja Unit", "Dinas Kesehatan", "Budi Santoso", "Citra Dewi"] {
        assert!(t.contains(s), "`{s}` missing from\n{t}");
    }
}

/// A document with `blocks` added in a section of its own.
fn with_blocks(blocks: Vec<Block>) -> Document {
    let mut doc = employee(1, Lang::En);
    doc.sections.push(Section { heading: "Hostile".into(), blocks });
    doc
}

#[test]
fn hostile_inputs_render_without_panicking() {
    let long = "x".repeat(10_000);
    let table = |columns: Vec<Column>, rows: Vec<Vec<String>>| Block::Table(Table { columns, rows });
    let cases = vec![
        vec![Block::Paragraph { text: long.clone() }],
        vec![Block::Paragraph { text: "kata ".repeat(2_000) }],
        vec![table(
            vec![Column::text("A", 10), Column::number("B", 5)],
            vec![vec![long.clone(), long.clone()]],
        )],
        vec![table(vec![], vec![]), table(vec![], vec![vec!["orphan".into()]])],
        vec![table(vec![Column::text("Empty", 10)], vec![])],
        vec![table(vec![Column::text("Z", 0), Column::number("", 0)], vec![vec!["a".into()], vec![]])],
        vec![table(
            (0..200).map(|i| Column::text(format!("Kolom {i}"), 1)).collect(),
            vec![(0..200).map(|i| format!("nilai {i}")).collect(); 3],
        )],
        vec![Block::List {
            items: vec![long.clone(), String::new(), "\u{0}\t\r\n\u{202e}كلمة 😀 e\u{301}".into()],
        }],
        vec![Block::Bars(Bars {
            caption: long.clone(),
            bars: vec![
                Bar {
                    label: long.clone(),
                    value: u64::MAX,
                    limit: Some(u64::MAX),
                    note: long.clone(),
                    alert: true,
                },
                Bar { label: String::new(), value: 0, limit: None, note: String::new(), alert: false },
            ],
        })],
        vec![Block::Bars(Bars { caption: String::new(), bars: vec![] })],
        vec![Block::Signatures { signers: vec![] }],
        vec![Block::Signatures {
            signers: (0..10)
                .map(|_| Signer { role: long.clone(), name: long.clone(), id: long.clone() })
                .collect(),
        }],
        vec![Block::Fields { fields: vec![(long.clone(), long.clone()), (String::new(), String::new())] }],
    ];
    for blocks in cases {
        let pdf = render(&[with_blocks(blocks)]).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"));
        save_sample(&pdf);
    }
    let mut doc = employee(1, Lang::Id);
    doc.title = long.clone();
    doc.subtitle = String::new();
    doc.footer = long;
    doc.sections.clear();
    assert!(render(&[doc]).expect("pdf").starts_with(b"%PDF-"));
}

#[test]
fn no_document_is_an_error() {
    let e = render(&[]).expect_err("an error");
    assert!(matches!(e, PdfError::NoDocument));
    assert_eq!(e.to_string(), "no document to render");
}

#[test]
fn the_first_page_is_not_blank() {
    let pdf = render(&[employee(3, Lang::En)]).expect("pdf");
    let (_dir, path) = file(&pdf);
    if !have("pdftoppm") {
        return;
    }
    let out = Command::new("pdftoppm")
        .args(["-r", "30", "-gray", "-f", "1", "-l", "1"])
        .arg(&path)
        .output()
        .expect("pdftoppm");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pixels = pgm_pixels(&out.stdout);
    let dark = pixels.iter().filter(|p| **p < 200).count();
    assert!(pixels.len() > 10_000, "{} pixels", pixels.len());
    assert!(dark * 100 > pixels.len(), "{dark} dark pixels of {}", pixels.len());
}

/// The pixel bytes of a binary PGM (P5, 8-bit) image.
fn pgm_pixels(pgm: &[u8]) -> &[u8] {
    // Header: "P5", width, height, maxval, separated by whitespace, then one whitespace byte.
    let mut fields = 0;
    let mut i = 0;
    while fields < 4 && i < pgm.len() {
        while i < pgm.len() && pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        while i < pgm.len() && !pgm[i].is_ascii_whitespace() {
            i += 1;
        }
        fields += 1;
    }
    assert!(pgm.starts_with(b"P5") && fields == 4, "not a PGM image");
    &pgm[(i + 1).min(pgm.len())..]
}

#[test]
fn render_to_file_replaces_the_file_atomically() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, b"old").expect("write");
    assert!(matches!(render_to_file(&[], &path), Err(PdfError::NoDocument)));
    assert_eq!(std::fs::read(&path).expect("read"), b"old");
    render_to_file(&[employee(1, Lang::Id)], &path).expect("written");
    assert!(std::fs::read(&path).expect("read").starts_with(b"%PDF-"));
    let names: Vec<_> =
        std::fs::read_dir(dir.path()).expect("dir").map(|e| e.expect("entry").file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("out.pdf")], "no temporary file is left");
    let missing = dir.path().join("no-such-dir").join("out.pdf");
    assert!(matches!(render_to_file(&[employee(1, Lang::Id)], &missing), Err(PdfError::Io { .. })));
}
