//! Notebook displays (`_repr_html_`) built by the one renderer: the same stylesheet, tables
//! and number style as the documents.

use std::fmt::Write;

use super::html::{STYLESHEET, esc, table};
use super::text::{NONE, localised, more, number, percent};
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

/// A table of the first `max` of `rows` (`total` in all), followed by a line counting the rest
/// in `lang` when there are more (a notebook chokes on a huge display).
pub(super) fn capped_table(
    columns: Vec<Column>,
    rows: impl Iterator<Item = Vec<String>>,
    total: usize,
    max: usize,
    lang: Lang,
) -> String {
    let mut s = table_html(&Table { columns, rows: rows.take(max).collect() });
    if total > max {
        let _ = write!(s, "<p class=\"kj-sub\">{}</p>", more(total - max, lang));
    }
    s
}

/// Label–value rows as a field table (each label a row heading), as documents show identity
/// and ratings. The values are written by the caller in the reader's language (numbers with
/// [`number`](super::number)); both are escaped here.
pub fn fields_html<K: AsRef<str>, V: AsRef<str>>(fields: &[(K, V)]) -> String {
    let mut s = String::from("<table class=\"kj-fields\"><tbody>");
    for (k, v) in fields {
        let _ = write!(s, "<tr><th>{}</th><td>{}</td></tr>", esc(k.as_ref()), esc(v.as_ref()));
    }
    s.push_str("</tbody></table>");
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
        Column::text(lang.pick("Langkah", "Step"), widths[1]),
        Column::text(lang.pick("Rumus", "Formula"), widths[2]),
        Column::number(lang.pick("Nilai", "Value"), widths[3]),
        Column::text(lang.pick("Dasar", "Source"), widths[4]),
    ];
    if full {
        columns.insert(2, Column::text(lang.pick("Masukan", "Inputs"), 20));
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

/// The explanations of a result folded under one summary line ("Penjelasan" /
/// "Explanation"): each trace as [`trace_html`], in order, wholly in `lang`. Empty when there
/// is no trace.
pub fn explanation_html(traces: &[&Trace], lang: Lang) -> String {
    if traces.is_empty() {
        return String::new();
    }
    let mut s = format!("<details><summary>{}</summary>", lang.pick("Penjelasan", "Explanation"));
    for trace in traces {
        s.push_str(&trace_html(trace, lang));
    }
    s.push_str("</details>");
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
        Column::text(lang.pick("Indikator", "Indicator"), 40),
        Column::number(lang.pick("Target", "Target"), 15),
        Column::number(lang.pick("Realisasi", "Actual"), 15),
        Column::number(lang.pick("Capaian", "Achievement"), 15),
        Column::number(lang.pick("Bobot", "Weight"), 15),
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
        fields.push((lang.pick("Capaian tertimbang", "Weighted achievement"), percent(w, lang)));
    }
    fields.push((lang.pick("Hasil kerja", "Work result"), rating(ev.work_result).to_string()));
    fields.push((lang.pick("Perilaku", "Behaviour"), rating(ev.behaviour).to_string()));
    if let Some(v) = ev.score {
        fields.push((lang.pick("Nilai kinerja", "Performance value"), number(v, lang)));
    }
    s.push_str("<table class=\"kj-fields\"><tbody>");
    for (k, v) in fields {
        s.push_str(&format!("<tr><th>{k}</th><td>{}</td></tr>", esc(&v)));
    }
    s.push_str(&format!(
        "<tr><th>{}</th><td><b>{}</b></td></tr></tbody></table>",
        lang.pick("Predikat", "Predicate"),
        esc(ev.predicate_label(lang))
    ));
    for n in &ev.notes {
        s.push_str(&format!("<p>⚠ {}</p>", esc(n.get(lang))));
    }
    s.push_str(&explanation_html(&[&ev.trace], lang));
    s.push_str("</div>");
    display_html(&s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explain::{BiText, Citation, Step};

    #[test]
    fn fields_html_is_the_field_table_escaped() {
        let html = fields_html(&[("Angka kredit", "12,5".to_string()), ("A & B", "<x>".to_string())]);
        assert_eq!(
            html,
            "<table class=\"kj-fields\"><tbody><tr><th>Angka kredit</th><td>12,5</td></tr>\
             <tr><th>A &amp; B</th><td>&lt;x&gt;</td></tr></tbody></table>"
        );
    }

    fn trace(heading: &str, value: &str) -> Trace {
        let mut t = Trace::new(BiText::new(format!("{heading} (id)"), format!("{heading} (en)")));
        t.push(
            Step::new(
                "cp",
                BiText::new("Angka kredit", "Credit points"),
                BiText::same("12 / 12 × 150% × 12.5"),
                BiText::same(value),
                Citation::law("PermenPANRB 1/2023"),
            )
            .input("month", 12)
            .input("weight", "0.5")
            .input("predikat", "very_good")
            .unrounded(format!("{value}00")),
        );
        t
    }

    #[test]
    fn explanation_html_folds_every_trace_wholly_in_one_language() {
        let (a, b) = (trace("A", "18.75"), trace("B", "9.25"));
        let id = explanation_html(&[&a, &b], Lang::Id);
        assert!(id.starts_with("<details><summary>Penjelasan</summary>"), "{id}");
        for part in [
            "A (id)",
            "B (id)",
            "bulan = 12",
            "bobot = 0,5",
            "predikat = Sangat Baik",
            "12,5",
            "18,75 (18,7500)",
            "9,25",
        ] {
            assert!(id.contains(part), "{part} missing in {id}");
        }
        for english in ["weight", "month", "very_good", "0.5", "18.75", "Explanation", "(en)"] {
            assert!(!id.contains(english), "{english} in {id}");
        }
        let en = explanation_html(&[&a, &b], Lang::En);
        assert!(en.starts_with("<details><summary>Explanation</summary>"), "{en}");
        for part in [
            "A (en)",
            "B (en)",
            "month = 12",
            "weight = 0.5",
            "predicate = Very good",
            "12.5",
            "18.75 (18.7500)",
        ] {
            assert!(en.contains(part), "{part} missing in {en}");
        }
        assert_eq!(explanation_html(&[], Lang::Id), "");
    }
}
