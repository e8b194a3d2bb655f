//! Notebook displays (`_repr_html_`) built by the one renderer: the same stylesheet, tables
//! and number style as the documents.

use super::html::{STYLESHEET, esc, table};
use super::text::{NONE, localised, number, percent, t};
use super::{Column, Table};
use crate::evaluation::Evaluation;
use crate::explain::{Labelled, Lang, Trace};

/// `inner` HTML inside the stylesheet's container, for a notebook cell (the stylesheet travels
/// with each display, since a notebook has no page head).
pub fn display_html(inner: &str) -> String {
    format!("<div class=\"kj kj-display\"><style>{STYLESHEET}</style>{inner}</div>")
}

/// An HTML table with the stylesheet's classes (numbers right-aligned).
pub fn table_html(t: &Table) -> String {
    let mut s = String::new();
    table(&mut s, t);
    s
}

/// The steps of `trace` as a table: step, inputs, formula, value (with the unrounded value
/// when it differs) and source, in `lang`.
pub fn trace_table(trace: &Trace, lang: Lang) -> Table {
    steps_table(trace, lang, true)
}

/// The steps of `trace` as a table in `lang`; `full` adds the inputs and the unrounded values
/// (a notebook's view), without it the table is the document's brief one: step, formula,
/// value, source.
pub(super) fn steps_table(trace: &Trace, lang: Lang, full: bool) -> Table {
    let widths: [u8; 5] = if full { [4, 20, 24, 12, 20] } else { [4, 22, 34, 14, 26] };
    let mut columns = vec![
        Column::number("#", widths[0]),
        Column::text(t(lang, "Langkah", "Step"), widths[1]),
        Column::text(t(lang, "Rumus", "Formula"), widths[2]),
        Column::number(t(lang, "Nilai", "Value"), widths[3]),
        Column::text(t(lang, "Dasar", "Source"), widths[4]),
    ];
    if full {
        columns.insert(2, Column::text(t(lang, "Masukan", "Inputs"), 20));
    }
    let rows = trace
        .steps
        .iter()
        .enumerate()
        .map(|(i, st)| {
            let mut value = localised(st.value.get(lang), lang);
            let unrounded = st.unrounded.as_ref().filter(|u| full && *u != st.value.get(lang));
            if let Some(u) = unrounded {
                value.push_str(&format!(" ({})", localised(u, lang)));
            }
            let mut row = vec![
                (i + 1).to_string(),
                st.title.get(lang).to_string(),
                localised(st.formula.get(lang), lang),
                value,
                st.citation.render(lang),
            ];
            if full {
                let inputs: Vec<String> = st
                    .inputs
                    .iter()
                    .map(|(k, v)| {
                        format!(
                            "{} = {}",
                            crate::explain::input_name(k, lang),
                            localised(&crate::explain::input_in(v, lang), lang)
                        )
                    })
                    .collect();
                row.insert(2, inputs.join("; "));
            }
            row
        })
        .collect();
    Table { columns, rows }
}

/// The display of a trace: its heading and its steps.
pub fn trace_html(trace: &Trace, lang: Lang) -> String {
    let mut s = String::new();
    if !trace.heading.get(lang).is_empty() {
        s.push_str(&format!("<p><b>{}</b></p>", esc(trace.heading.get(lang))));
    }
    s.push_str(&table_html(&trace_table(trace, lang)));
    s
}

/// The compact display of an evaluation: who and when, the indicators, the ratings and the
/// predicate, the notes, and the explanation folded.
pub fn evaluation_html(ev: &Evaluation, lang: Lang) -> String {
    let mut s = format!(
        "<div class=\"kinerja-evaluation\"><p><b>{}</b> ({}) — {} — {}</p>",
        esc(&ev.name),
        esc(&ev.employee),
        esc(&ev.period.to_string()),
        esc(ev.regime.label(lang))
    );
    let columns = vec![
        Column::text(t(lang, "Indikator", "Indicator"), 40),
        Column::number(t(lang, "Target", "Target"), 15),
        Column::number(t(lang, "Realisasi", "Actual"), 15),
        Column::number(t(lang, "Capaian", "Achievement"), 15),
        Column::number(t(lang, "Bobot", "Weight"), 15),
    ];
    let rows = ev
        .indicators
        .iter()
        .map(|i| {
            vec![
                if i.name.is_empty() || i.name == i.indicator {
                    i.indicator.clone()
                } else {
                    format!("{} ({})", i.name, i.indicator)
                },
                localised(&i.target.to_string(), lang),
                number(i.actual.normalize(), lang),
                percent(i.achievement, lang),
                percent((i.weight * rust_decimal::Decimal::ONE_HUNDRED).round_dp(2).normalize(), lang),
            ]
        })
        .collect();
    s.push_str(&table_html(&Table { columns, rows }));
    let rating = |r: Option<crate::model::Rating>| r.map_or(NONE, |x| x.label(lang));
    let mut fields = Vec::new();
    if let Some(w) = ev.weighted_achievement {
        fields.push((t(lang, "Capaian tertimbang", "Weighted achievement"), percent(w, lang)));
    }
    fields.push((t(lang, "Hasil kerja", "Work result"), rating(ev.work_result).to_string()));
    fields.push((t(lang, "Perilaku", "Behaviour"), rating(ev.behaviour).to_string()));
    if let Some(v) = ev.score {
        fields.push((t(lang, "Nilai kinerja", "Performance value"), number(v, lang)));
    }
    s.push_str("<table class=\"kj-fields\"><tbody>");
    for (k, v) in fields {
        s.push_str(&format!("<tr><th>{k}</th><td>{}</td></tr>", esc(&v)));
    }
    s.push_str(&format!(
        "<tr><th>{}</th><td><b>{}</b></td></tr></tbody></table>",
        t(lang, "Predikat", "Predicate"),
        esc(ev.predicate_label(lang))
    ));
    for n in &ev.notes {
        s.push_str(&format!("<p>⚠ {}</p>", esc(n.get(lang))));
    }
    s.push_str(&format!(
        "<details><summary>{}</summary>{}</details>",
        t(lang, "Penjelasan", "Explanation"),
        trace_html(&ev.trace, lang)
    ));
    s.push_str("</div>");
    display_html(&s)
}
