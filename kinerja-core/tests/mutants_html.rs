//! Tests for `kinerja-core/src/document/html.rs` and `document/mod.rs` (cargo-mutants on both
//! files): a one-table document ([`list_document`]) with every kind of block added, rendered
//! whole: the bar widths and limit marks as shares of the longest bar or limit, alerts,
//! escaping, numeric columns, and the page head taken from the first document's language
//! and title; and its texts in reading order.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::document::{
    Bar, Bars, Block, Column, Document, Section, Signer, Table, list_document, to_html, to_html_fragment,
};
use kinerja_core::explain::Lang;

const V: &str = env!("CARGO_PKG_VERSION");

/// The list document of employees not evaluated in `lang`, with two employees.
fn not_evaluated(lang: Lang) -> Document {
    let (title, text, cols) = match lang {
        Lang::Id => ("Pegawai tidak dinilai", "Dua pegawai tidak dapat dinilai.", ["NIP", "Alasan"]),
        Lang::En => ("Employees not evaluated", "Two employees could not be evaluated.", ["NIP", "Reason"]),
    };
    let reason = lang.pick("tidak ada rencana", "no plan");
    list_document(
        lang,
        title,
        text,
        cols,
        vec![vec!["e1".into(), reason.into()], vec!["e2 <x>".into(), format!("{reason} & more")]],
    )
}

/// A list document renders its title, an empty subtitle, one section of the paragraph and
/// the two-column table, and the version footer, in each language.
#[test]
fn a_list_document_renders_whole_in_each_language() {
    let id = to_html_fragment(&not_evaluated(Lang::Id));
    assert_eq!(
        id,
        format!(
            "<article class=\"kj\"><h1>Pegawai tidak dinilai</h1><p class=\"kj-sub\"></p>\
             <section><h2>Pegawai tidak dinilai</h2><p>Dua pegawai tidak dapat dinilai.</p>\
             <table><thead><tr><th>NIP</th><th>Alasan</th></tr></thead><tbody>\
             <tr><td>e1</td><td>tidak ada rencana</td></tr>\
             <tr><td>e2 &lt;x&gt;</td><td>tidak ada rencana &amp; more</td></tr></tbody></table>\
             </section><p class=\"kj-foot\">kinerja {V}</p></article>"
        )
    );
    let en = to_html_fragment(&not_evaluated(Lang::En));
    assert_eq!(
        en,
        format!(
            "<article class=\"kj\"><h1>Employees not evaluated</h1><p class=\"kj-sub\"></p>\
             <section><h2>Employees not evaluated</h2><p>Two employees could not be evaluated.</p>\
             <table><thead><tr><th>NIP</th><th>Reason</th></tr></thead><tbody>\
             <tr><td>e1</td><td>no plan</td></tr>\
             <tr><td>e2 &lt;x&gt;</td><td>no plan &amp; more</td></tr></tbody></table>\
             </section><p class=\"kj-foot\">kinerja {V}</p></article>"
        )
    );
    let d = not_evaluated(Lang::En);
    assert_eq!(d.lang, Lang::En);
    let col = |t: &Table| t.columns.iter().map(|c| (c.title.clone(), c.numeric, c.width)).collect::<Vec<_>>();
    let Block::Table(t) = &d.sections[0].blocks[1] else { panic!("{d:?}") };
    assert_eq!(col(t), [("NIP".to_string(), false, 30), ("Reason".to_string(), false, 70)]);
}

/// The page head takes the language and title of the first document; each document follows
/// as its fragment on its own line; without documents the page is Indonesian, titled
/// "kinerja".
#[test]
fn the_page_head_follows_the_first_document() {
    let (id, en) = (not_evaluated(Lang::Id), not_evaluated(Lang::En));
    let head = |lang: &str, title: &str| {
        format!(
            "<!DOCTYPE html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
             content=\"width=device-width, initial-scale=1\"><title>{title}</title><style>{}</style></head><body>\n",
            kinerja_core::document::STYLESHEET
        )
    };
    assert_eq!(
        to_html(&[en.clone(), id.clone()]),
        format!(
            "{}{}\n{}\n</body></html>\n",
            head("en", "Employees not evaluated"),
            to_html_fragment(&en),
            to_html_fragment(&id)
        )
    );
    assert_eq!(
        to_html(std::slice::from_ref(&id)),
        format!("{}{}\n</body></html>\n", head("id", "Pegawai tidak dinilai"), to_html_fragment(&id))
    );
    assert_eq!(to_html(&[]), format!("{}</body></html>\n", head("id", "kinerja")));
}

/// A document with every other kind of block: fields, a table with a number column, a list,
/// bars and signatures.
fn every_block() -> Document {
    let mut d = not_evaluated(Lang::En);
    d.sections.push(Section {
        heading: "All <blocks>".into(),
        blocks: vec![
            Block::Fields { fields: vec![("Unit".into(), "u1 & u2".into())] },
            Block::Table(Table {
                columns: vec![Column::text("Goal", 60), Column::number("Achievement", 40)],
                rows: vec![vec!["iku-1".into(), "102.22%".into()]],
            }),
            Block::List { items: vec!["one".into(), "two \"quoted\"".into()] },
            Block::Bars(Bars {
                caption: "Count <per> predicate".into(),
                bars: vec![
                    Bar {
                        label: "A".into(),
                        value: 3,
                        limit: Some(4),
                        note: "3 (limit 4)".into(),
                        alert: false,
                    },
                    Bar { label: "B".into(), value: 2, limit: None, note: "2".into(), alert: true },
                    Bar {
                        label: "C".into(),
                        value: 1,
                        limit: Some(2),
                        note: "1 (limit 2)".into(),
                        alert: false,
                    },
                ],
            }),
            Block::Signatures {
                signers: vec![
                    Signer { role: "Employee".into(), name: "Ani".into(), id: "NIP 1".into() },
                    Signer { role: "Appraiser".into(), name: "O'Neil".into(), id: "NIP 2".into() },
                ],
            },
        ],
    });
    d
}

/// Every kind of block renders whole: a bar's width is its count as a share of the largest
/// count or limit (4: 3 → 75 %, 2 → 50 %, 1 → 25 %), its limit mark at the limit's share
/// (4 → 100 %, 2 → 50 %), an alert bar marked, number cells right-aligned, text escaped.
#[test]
fn every_block_renders_whole() {
    let html = to_html_fragment(&every_block());
    let section = html.split("</section>").nth(1).unwrap();
    assert_eq!(
        section,
        "<section><h2>All &lt;blocks&gt;</h2>\
         <table class=\"kj-fields\"><tbody><tr><th>Unit</th><td>u1 &amp; u2</td></tr></tbody></table>\
         <table><thead><tr><th>Goal</th><th class=\"num\">Achievement</th></tr></thead><tbody>\
         <tr><td>iku-1</td><td class=\"num\">102.22%</td></tr></tbody></table>\
         <ul><li>one</li><li>two &quot;quoted&quot;</li></ul>\
         <table class=\"kj-bars\" aria-label=\"Count &lt;per&gt; predicate\"><tbody>\
         <tr><td style=\"width:28%\">A</td><td><div class=\"kj-track\"><span class=\"kj-bar\" style=\"width:75%\"></span>\
         <span class=\"kj-limit\" style=\"left:100%\"></span></div></td><td class=\"num\" style=\"width:22%\">3 (limit 4)</td></tr>\
         <tr><td style=\"width:28%\">B</td><td><div class=\"kj-track\"><span class=\"kj-bar alert\" style=\"width:50%\"></span>\
         </div></td><td class=\"num\" style=\"width:22%\">2</td></tr>\
         <tr><td style=\"width:28%\">C</td><td><div class=\"kj-track\"><span class=\"kj-bar\" style=\"width:25%\"></span>\
         <span class=\"kj-limit\" style=\"left:50%\"></span></div></td><td class=\"num\" style=\"width:22%\">1 (limit 2)</td></tr>\
         </tbody></table><p class=\"kj-sub\">Count &lt;per&gt; predicate</p>\
         <div class=\"kj-signs\"><div><p>Employee</p><div class=\"kj-space\"></div><p><b>Ani</b><br>NIP 1</p></div>\
         <div><p>Appraiser</p><div class=\"kj-space\"></div><p><b>O&#39;Neil</b><br>NIP 2</p></div></div>"
    );
}

/// Bars of nothing but zeros (no limit) draw empty bars rather than divide by zero.
#[test]
fn bars_of_zeros_are_empty() {
    let mut d = not_evaluated(Lang::Id);
    d.sections = vec![Section {
        heading: "Sebaran".into(),
        blocks: vec![Block::Bars(Bars {
            caption: "Jumlah".into(),
            bars: vec![Bar { label: "Baik".into(), value: 0, limit: None, note: "0".into(), alert: false }],
        })],
    }];
    assert_eq!(
        to_html_fragment(&d),
        format!(
            "<article class=\"kj\"><h1>Pegawai tidak dinilai</h1><p class=\"kj-sub\"></p><section><h2>Sebaran</h2>\
             <table class=\"kj-bars\" aria-label=\"Jumlah\"><tbody><tr><td style=\"width:28%\">Baik</td><td>\
             <div class=\"kj-track\"><span class=\"kj-bar\" style=\"width:0%\"></span></div></td>\
             <td class=\"num\" style=\"width:22%\">0</td></tr></tbody></table><p class=\"kj-sub\">Jumlah</p>\
             </section><p class=\"kj-foot\">kinerja {V}</p></article>"
        )
    );
}

/// The texts of a document in reading order: title, subtitle, each section's heading and its
/// blocks' texts (field labels and values, column titles then cells, paragraphs, items, the
/// bar caption then each bar's label and note, each signer's role, name and id), the footer.
#[test]
fn texts_are_in_reading_order() {
    let footer = format!("kinerja {V}");
    assert_eq!(
        every_block().texts(),
        [
            "Employees not evaluated",
            "",
            "Employees not evaluated",
            "Two employees could not be evaluated.",
            "NIP",
            "Reason",
            "e1",
            "no plan",
            "e2 <x>",
            "no plan & more",
            "All <blocks>",
            "Unit",
            "u1 & u2",
            "Goal",
            "Achievement",
            "iku-1",
            "102.22%",
            "one",
            "two \"quoted\"",
            "Count <per> predicate",
            "A",
            "3 (limit 4)",
            "B",
            "2",
            "C",
            "1 (limit 2)",
            "Employee",
            "Ani",
            "NIP 1",
            "Appraiser",
            "O'Neil",
            "NIP 2",
            footer.as_str(),
        ]
    );
}
