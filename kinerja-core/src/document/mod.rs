//! Documents people read: the employee's evaluation document and the unit report.
//!
//! A [`Document`] is built in **one** language from engine results (never mixing Bahasa
//! Indonesia and English) as a small tree of [`Section`]s and [`Block`]s: fields, tables,
//! paragraphs, notes, bar charts and signature lines. It carries no layout; renderers turn it
//! into HTML ([`to_html`], in this crate) or PDF (the `kinerja-pdf` crate), so every surface
//! shows the same content.
//!
//! ```
//! use kinerja_core::prelude::*;
//! use kinerja_core::document::{employee_document, to_html, EmployeeDocument};
//!
//! let year: Period = "2024".parse()?;
//! let plan = Plan::new(Employee::new("198701012010011001", "Ani Lestari", "dinkes", PostType::Executor), 2024)
//!     .with_result(PlannedResult::new("rhk-1", "Meningkatnya pelayanan pasien")
//!         .with_indicator(Indicator::new("iki-1", "Pasien yang dilayani", dec!(1200).into())))
//!     .with_realisation(Realisation::new("iki-1", year, dec!(1140)))
//!     .with_assessment(Assessment::new(year).with_work_result(Rating::Meets)
//!         .with_behaviour(Behaviour::overall(Rating::Above)));
//! let rules = Ruleset::builtin("permenpanrb-6-2022")?;
//! let ev = evaluate(&plan, year, &rules)?;
//! let doc = employee_document(&EmployeeDocument::new(&ev).with_plan(&plan), &rules.policy, Lang::Id)?;
//! let html = to_html(&[doc]);
//! assert!(html.contains("Ani Lestari") && html.contains("Baik") && html.contains("95,00"));
//! # Ok::<(), kinerja_core::Error>(())
//! ```

mod display;
mod employee;
mod html;
mod org_display;
mod results;
mod text;
mod unit;

pub use display::{
    display_html, evaluation_html, explanation_html, fields_html, table_html, trace_html, trace_table,
};
pub use employee::{EmployeeDocument, Person, employee_document};
pub use html::{STYLESHEET, to_html, to_html_fragment};
pub use org_display::{
    DISPLAY_MAX_LINES, DISPLAY_MAX_UNITS, alignment_html, calibration_html, distribution_html,
    org_performance_html, org_structure_html, sakip_html,
};
pub use results::Summary;
pub use text::{NONE, number, percent};
pub use unit::{UnitReport, unit_report};

use serde::{Deserialize, Serialize};

use crate::explain::Lang;

/// A document in one language: a title, a subtitle and sections. Several documents printed
/// together each start on a new page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Document {
    /// The language every text of the document is in.
    pub lang: Lang,
    /// The title (e.g. "Dokumen Evaluasi Kinerja Pegawai").
    pub title: String,
    /// The line under the title (e.g. the employee and the period).
    pub subtitle: String,
    /// The sections, in reading order.
    pub sections: Vec<Section>,
    /// The line printed at the foot of every page (engine, ruleset, policy).
    pub footer: String,
}

/// A titled part of a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// The heading.
    pub heading: String,
    /// The content.
    pub blocks: Vec<Block>,
}

/// One piece of content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Block {
    /// Label–value pairs (identity, ratings).
    Fields {
        /// The pairs, in order.
        fields: Vec<(String, String)>,
    },
    /// A table.
    Table(Table),
    /// A paragraph of running text.
    Paragraph {
        /// The text.
        text: String,
    },
    /// A bulleted list (notes, reasons, sources).
    List {
        /// The items.
        items: Vec<String>,
    },
    /// A horizontal bar chart of counts against limits.
    Bars(Bars),
    /// Signature lines side by side.
    Signatures {
        /// One per signer.
        signers: Vec<Signer>,
    },
}

/// A table with a header row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    /// The columns.
    pub columns: Vec<Column>,
    /// The rows; each has one cell per column.
    pub rows: Vec<Vec<String>>,
}

/// A table column.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    /// The heading.
    pub title: String,
    /// Numbers: right-aligned.
    pub numeric: bool,
    /// Relative width (the widths of a table's columns are shares of its width).
    pub width: u8,
}

impl Column {
    /// A text column of relative width `width`.
    pub fn text(title: impl Into<String>, width: u8) -> Self {
        Column { title: title.into(), numeric: false, width }
    }
    /// A right-aligned number column of relative width `width`.
    pub fn number(title: impl Into<String>, width: u8) -> Self {
        Column { title: title.into(), numeric: true, width }
    }
}

/// A bar chart: one bar per label, with an optional limit drawn as a mark.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bars {
    /// What the chart shows.
    pub caption: String,
    /// The bars, top to bottom.
    pub bars: Vec<Bar>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bar {
    /// The label.
    pub label: String,
    /// The count.
    pub value: u64,
    /// The largest count allowed, if the rule sets one.
    pub limit: Option<u64>,
    /// The text after the bar (e.g. "3 (batas 2)").
    pub note: String,
    /// The bar breaks a rule.
    pub alert: bool,
}

/// A signature line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signer {
    /// The role (e.g. "Pegawai yang dinilai").
    pub role: String,
    /// The name.
    pub name: String,
    /// The id line (e.g. "NIP 1987…").
    pub id: String,
}

/// A one-table document: a title, a line of text and a two-column table (e.g. the employees
/// a roster report could not evaluate, with the reasons).
pub fn list_document(
    lang: Lang,
    title: &str,
    text: &str,
    columns: [&str; 2],
    rows: Vec<Vec<String>>,
) -> Document {
    let mut d =
        Document::new(lang, title.into(), String::new(), format!("kinerja {}", env!("CARGO_PKG_VERSION")));
    d.section(
        title,
        vec![
            Block::Paragraph { text: text.into() },
            Block::Table(Table {
                columns: vec![Column::text(columns[0], 30), Column::text(columns[1], 70)],
                rows,
            }),
        ],
    );
    d
}

impl Document {
    fn new(lang: Lang, title: String, subtitle: String, footer: String) -> Self {
        Document { lang, title, subtitle, sections: Vec::new(), footer }
    }
    fn section(&mut self, heading: impl Into<String>, blocks: Vec<Block>) {
        if !blocks.is_empty() {
            self.sections.push(Section { heading: heading.into(), blocks });
        }
    }
    /// Every text of the document, in reading order (for search and tests).
    pub fn texts(&self) -> Vec<&str> {
        let mut out = vec![self.title.as_str(), self.subtitle.as_str()];
        for s in &self.sections {
            out.push(&s.heading);
            for b in &s.blocks {
                match b {
                    Block::Fields { fields } => fields.iter().for_each(|(k, v)| out.extend([k.as_str(), v])),
                    Block::Table(t) => {
                        out.extend(t.columns.iter().map(|c| c.title.as_str()));
                        t.rows.iter().for_each(|r| out.extend(r.iter().map(String::as_str)));
                    }
                    Block::Paragraph { text } => out.push(text),
                    Block::List { items } => out.extend(items.iter().map(String::as_str)),
                    Block::Bars(b) => {
                        out.push(&b.caption);
                        b.bars.iter().for_each(|x| out.extend([x.label.as_str(), &x.note]));
                    }
                    Block::Signatures { signers } => {
                        signers.iter().for_each(|s| out.extend([s.role.as_str(), &s.name, &s.id]))
                    }
                }
            }
        }
        out.push(&self.footer);
        out
    }
}
