#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
use kinerja_core::document::{
    Bar, Bars, Block, Column, Document, EmployeeDocument, Section, Signer, Table, employee_document,
};
use kinerja_core::prelude::*;

use super::{Op, Page, layout};
use crate::font::Fonts;
use crate::style::{MARGIN, PAGE_H, PAGE_W};
use crate::wrap::wrap;

/// An employee document with `n` indicators.
fn employee(n: usize, lang: Lang) -> Document {
    let year: Period = "2024".parse().expect("period");
    let mut result = PlannedResult::new("rhk-1", "Meningkatnya pelayanan pasien");
    for i in 1..=n {
        result = result.with_indicator(Indicator::new(
            format!("iki-{i}"),
            format!("Ukuran {i}"),
            dec!(100).into(),
        ));
    }
    let mut plan =
        Plan::new(Employee::new("198701012010011001", "Ani Lestari", "dinkes", PostType::Executor), 2024)
            .with_result(result)
            .with_assessment(
                Assessment::new(year)
                    .with_work_result(Rating::Meets)
                    .with_behaviour(Behaviour::overall(Rating::Above)),
            );
    for i in 1..=n {
        plan = plan.with_realisation(Realisation::new(format!("iki-{i}"), year, dec!(95)));
    }
    let rules = Ruleset::builtin("permenpanrb-6-2022").expect("rules");
    let ev = evaluate(&plan, year, &rules).expect("evaluation");
    employee_document(&EmployeeDocument::new(&ev).with_plan(&plan), &rules.policy, lang).expect("document")
}

/// `doc` with one more section holding `blocks`.
fn with_blocks(mut doc: Document, blocks: Vec<Block>) -> Document {
    doc.sections.push(Section { heading: "Uji".into(), blocks });
    doc
}

fn pages_of(docs: &[Document]) -> Vec<Page> {
    let fonts = Fonts::load().expect("fonts");
    layout(&fonts, docs)
}

/// Every operation lies on the page, inside the margins (text by its start and baseline).
fn assert_inside(pages: &[Page]) {
    let fonts = Fonts::load().expect("fonts");
    for (n, p) in pages.iter().enumerate() {
        for op in &p.ops {
            if let Op::Text { x, y, size, bold, text, .. } = op {
                let right = x + fonts.face(*bold).width(text, *size);
                assert!(*x >= MARGIN - 1.0 && *y >= MARGIN && *y <= PAGE_H - MARGIN, "page {n}: {op:?}");
                assert!(right <= PAGE_W - MARGIN + 1.0 || text.chars().count() == 1, "page {n}: {op:?}");
            }
        }
    }
}

#[test]
fn wrap_breaks_at_spaces_and_inside_long_words() {
    let fonts = Fonts::load().expect("fonts");
    let face = fonts.face(false);
    let lines = wrap(face, 10.0, "satu dua tiga empat lima enam", 60.0);
    assert!(lines.len() > 1);
    assert!(lines.iter().all(|l| face.width(l, 10.0) <= 60.0));
    assert_eq!(lines.join(" "), "satu dua tiga empat lima enam");
    let word = "x".repeat(500);
    let lines = wrap(face, 10.0, &word, 50.0);
    assert_eq!(lines.concat(), word);
    assert!(lines.iter().all(|l| face.width(l, 10.0) <= 50.0));
    assert_eq!(wrap(face, 10.0, "", 50.0), vec![String::new()]);
    assert_eq!(wrap(face, 10.0, "abc", 0.0), vec!["a", "b", "c"]);
    assert_eq!(wrap(face, 10.0, "a\nb", 100.0), vec!["a", "b"]);
    assert_eq!(wrap(face, 10.0, "\u{0}\t\r\n\na\n\nb\n", 100.0), vec!["a", "", "b"]);
}

#[test]
fn every_page_has_its_footer() {
    let pages = pages_of(&[employee(2, Lang::Id)]);
    let total = pages.len();
    for (i, p) in pages.iter().enumerate() {
        let texts = p.texts();
        assert!(texts.contains(&format!("Halaman {} dari {total}", i + 1).as_str()), "{texts:?}");
        assert!(texts.iter().any(|t| t.starts_with("kinerja ")), "{texts:?}");
    }
    assert!(pages[0].texts().contains(&"Ani Lestari"));
    assert_inside(&pages);
}

#[test]
fn sixty_indicators_break_pages_and_repeat_the_header() {
    let pages = pages_of(&[employee(60, Lang::En)]);
    assert!(pages.len() > 1, "{} pages", pages.len());
    let with_rows: Vec<&Page> = pages
        .iter()
        .filter(|p| p.texts().iter().any(|t| t.starts_with("Ukuran ") && t.contains(" (iki-")))
        .collect();
    assert!(with_rows.len() > 1);
    for p in with_rows {
        let texts = p.texts();
        assert!(texts.contains(&"Indicator") && texts.contains(&"Achievement"), "{texts:?}");
    }
    let total = pages.len();
    for (i, p) in pages.iter().enumerate() {
        assert!(p.texts().contains(&format!("Page {} of {total}", i + 1).as_str()));
    }
    assert_inside(&pages);
}

#[test]
fn each_document_starts_on_a_new_page_and_counts_its_own_pages() {
    let pages = pages_of(&[employee(60, Lang::Id), employee(1, Lang::En)]);
    let english = pages.iter().position(|p| p.texts().contains(&"Employee Performance Evaluation"));
    let english = english.expect("the second document");
    assert!(english > 1);
    assert!(pages[english].texts().contains(&format!("Page 1 of {}", pages.len() - english).as_str()));
    assert!(pages[english - 1].texts().iter().any(|t| t.starts_with("Halaman ")));
    let first = pages[0].texts();
    assert!(first.iter().any(|t| t.starts_with("Halaman 1 dari ")));
}

#[test]
fn a_row_taller_than_a_page_is_split() {
    let cell = "kata ".repeat(3000);
    let table = Table {
        columns: vec![Column::text("A", 1), Column::number("B", 1)],
        rows: vec![vec![cell, "1".into()]],
    };
    let pages = pages_of(&[with_blocks(employee(1, Lang::Id), vec![Block::Table(table)])]);
    assert!(pages.len() > 3);
    assert_inside(&pages);
}

#[test]
fn hostile_tables_terminate() {
    let wide = Table {
        columns: (0..200).map(|i| Column::text(format!("Kolom {i}"), 0)).collect(),
        rows: vec![(0..200).map(|i| format!("nilai-{i}")).collect(), vec![]],
    };
    let blocks = vec![
        Block::Table(wide),
        Block::Table(Table { columns: vec![], rows: vec![vec!["x".into()]] }),
        Block::Table(Table { columns: vec![Column::text("", 0)], rows: vec![] }),
        Block::Paragraph { text: "w".repeat(10_000) },
        Block::Bars(Bars {
            caption: "c".into(),
            bars: vec![Bar {
                label: "l".into(),
                value: u64::MAX,
                limit: Some(0),
                note: "n".into(),
                alert: true,
            }],
        }),
        Block::Signatures {
            signers: (0..7)
                .map(|i| Signer { role: "r".repeat(300), name: format!("N{i}"), id: "id".into() })
                .collect(),
        },
    ];
    let pages = pages_of(&[with_blocks(employee(1, Lang::Id), blocks)]);
    assert!(pages.len() > 1);
    for p in &pages {
        let clips = p.ops.iter().filter(|o| matches!(o, Op::Clip { .. })).count();
        let unclips = p.ops.iter().filter(|o| matches!(o, Op::Unclip)).count();
        assert_eq!(clips, unclips);
    }
}
