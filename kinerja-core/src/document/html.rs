//! The HTML renderer: one stylesheet for documents and notebook displays.

use std::fmt::Write;

use super::{Bars, Block, Document, Section, Table};
use crate::explain::Lang;

/// The one stylesheet of every HTML view (documents and notebook displays): a readable
/// sans-serif, numbers right-aligned with tabular figures, a dark variant that follows the
/// reader's system setting, and A4 print rules (each document on a new page).
pub const STYLESHEET: &str = r#"
.kj{font-family:"DejaVu Sans Condensed","DejaVu Sans",Arial,Helvetica,sans-serif;font-size:10.5pt;line-height:1.35;color:#1b1f24;background:#fff;max-width:190mm;margin:0 auto;padding:8mm}
.kj h1{font-size:15pt;margin:0 0 2pt}
.kj .kj-sub{color:#57606a;margin:0 0 10pt}
.kj h2{font-size:11.5pt;margin:14pt 0 4pt;border-bottom:1px solid #d0d7de;padding-bottom:2pt}
.kj table{border-collapse:collapse;width:100%;margin:4pt 0}
.kj th,.kj td{border:1px solid #d0d7de;padding:2pt 4pt;text-align:left;vertical-align:top}
.kj thead th{background:#f3f5f7}
.kj .num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.kj table.kj-fields th{width:35%;background:#f8f9fa;font-weight:600}
.kj .kj-bars td{border:none;padding:1pt 4pt}
.kj .kj-bar{height:10pt;background:#2f6fb0;display:inline-block;vertical-align:middle}
.kj .kj-bar.alert{background:#c0392b}
.kj .kj-track{position:relative;width:100%;background:#eef1f4;height:10pt}
.kj .kj-limit{position:absolute;top:-2pt;width:2px;height:14pt;background:#1b1f24}
.kj .kj-signs{display:flex;gap:16mm;margin-top:10pt}
.kj .kj-signs div{flex:1}
.kj .kj-signs .kj-space{height:22mm}
.kj .kj-foot{color:#57606a;font-size:8.5pt;margin-top:14pt;border-top:1px solid #d0d7de;padding-top:3pt}
.kj.kj-display{max-width:none;margin:0;padding:0;background:transparent;color:inherit}
.kj .kj-display-note{color:#57606a}
@media (prefers-color-scheme: dark){
.kj{color:#e6edf3;background:#0d1117}
.kj th,.kj td{border-color:#30363d}
.kj thead th,.kj table.kj-fields th{background:#161b22}
.kj .kj-sub,.kj .kj-foot{color:#8b949e}
.kj .kj-track{background:#21262d}
.kj .kj-limit{background:#e6edf3}
}
@media print{@page{size:A4;margin:15mm}.kj{max-width:none;padding:0}.kj+.kj{page-break-before:always;break-before:page}}
"#;

/// HTML-escapes text.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Complete, self-contained HTML page of `docs` (no network: the stylesheet is inline and no
/// font is fetched), each document starting on a new page when printed.
pub fn to_html(docs: &[Document]) -> String {
    let lang = docs.first().map_or(Lang::Id, |d| d.lang);
    let title = docs.first().map_or("kinerja", |d| d.title.as_str());
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{}</title><style>{STYLESHEET}</style></head><body>\n",
        lang.pick("id", "en"),
        esc(title)
    );
    for d in docs {
        s.push_str(&to_html_fragment(d));
        s.push('\n');
    }
    s.push_str("</body></html>\n");
    s
}

/// One document as an `<article class="kj">` element (for embedding in a page or a notebook;
/// add [`STYLESHEET`] once).
pub fn to_html_fragment(doc: &Document) -> String {
    let mut s = String::new();
    let _ = write!(
        s,
        "<article class=\"kj\"><h1>{}</h1><p class=\"kj-sub\">{}</p>",
        esc(&doc.title),
        esc(&doc.subtitle)
    );
    for sec in &doc.sections {
        section(&mut s, sec);
    }
    let _ = write!(s, "<p class=\"kj-foot\">{}</p></article>", esc(&doc.footer));
    s
}

fn section(s: &mut String, sec: &Section) {
    let _ = write!(s, "<section><h2>{}</h2>", esc(&sec.heading));
    for b in &sec.blocks {
        match b {
            Block::Fields { fields } => s.push_str(&super::display::fields_html(fields)),
            Block::Table(t) => table(s, t),
            Block::Paragraph { text } => {
                let _ = write!(s, "<p>{}</p>", esc(text));
            }
            Block::List { items } => {
                s.push_str("<ul>");
                for i in items {
                    let _ = write!(s, "<li>{}</li>", esc(i));
                }
                s.push_str("</ul>");
            }
            Block::Bars(b) => bars(s, b),
            Block::Signatures { signers } => {
                s.push_str("<div class=\"kj-signs\">");
                for g in signers {
                    let _ = write!(
                        s,
                        "<div><p>{}</p><div class=\"kj-space\"></div><p><b>{}</b><br>{}</p></div>",
                        esc(&g.role),
                        esc(&g.name),
                        esc(&g.id)
                    );
                }
                s.push_str("</div>");
            }
        }
    }
    s.push_str("</section>");
}

/// A table with the stylesheet's classes (numbers right-aligned).
pub(crate) fn table(s: &mut String, t: &Table) {
    s.push_str("<table><thead><tr>");
    for c in &t.columns {
        let _ = write!(s, "<th{}>{}</th>", if c.numeric { " class=\"num\"" } else { "" }, esc(&c.title));
    }
    s.push_str("</tr></thead><tbody>");
    for r in &t.rows {
        s.push_str("<tr>");
        for (cell, c) in r.iter().zip(&t.columns) {
            let _ = write!(s, "<td{}>{}</td>", if c.numeric { " class=\"num\"" } else { "" }, esc(cell));
        }
        s.push_str("</tr>");
    }
    s.push_str("</tbody></table>");
}

fn bars(s: &mut String, b: &Bars) {
    let max = b.bars.iter().map(|x| x.value.max(x.limit.unwrap_or(0))).max().unwrap_or(0).max(1);
    let _ = write!(s, "<table class=\"kj-bars\" aria-label=\"{}\"><tbody>", esc(&b.caption));
    for x in &b.bars {
        let w = x.value * 100 / max;
        let limit = x
            .limit
            .map(|l| format!("<span class=\"kj-limit\" style=\"left:{}%\"></span>", l * 100 / max))
            .unwrap_or_default();
        let _ = write!(
            s,
            "<tr><td style=\"width:28%\">{}</td><td><div class=\"kj-track\"><span class=\"kj-bar{}\" style=\"width:{w}%\"></span>{limit}</div></td><td class=\"num\" style=\"width:22%\">{}</td></tr>",
            esc(&x.label),
            if x.alert { " alert" } else { "" },
            esc(&x.note)
        );
    }
    let _ = write!(s, "</tbody></table><p class=\"kj-sub\">{}</p>", esc(&b.caption));
}
