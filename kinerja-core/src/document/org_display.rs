//! Notebook displays of the organisation layer: the structure, the alignment report, unit
//! performance, the SAKIP evaluation, the distribution curve and its calibration. Built by the
//! one renderer (its tables, stylesheet classes and number style), each wholly in one language.

use std::fmt::Write;

use rust_decimal::Decimal;

use super::display::{capped_table, explanation_html, table_html};
use super::html::esc;
use super::text::{NONE, more, number, percent};
use super::{Column, Table};
use crate::explain::{Labelled, Lang};
use crate::org::alignment::{AlignmentReport, UnitAlignment};
use crate::org::distribution::{CalibrationResult, DistributionReport};
use crate::org::rollup::OrgPerformance;
use crate::org::sakip::SakipResult;
use crate::org::structure::OrgStructure;

/// Most units a structure's display lists; the rest are counted below the table.
pub const DISPLAY_MAX_UNITS: usize = 500;
/// Most items of a display's list (problems, exclusions, changes, lines of the contribution
/// tree); the rest are counted.
pub const DISPLAY_MAX_LINES: usize = 1000;

/// `n` things in `lang`: Indonesian nouns do not change with the count.
fn counted(n: usize, id: &str, one: &str, many: &str, lang: Lang) -> String {
    match lang {
        Lang::Id => format!("{n} {id}"),
        Lang::En => format!("{n} {}", if n == 1 { one } else { many }),
    }
}

/// A percentage or the missing-value dash.
fn opt_percent(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(|| NONE.to_string(), |x| percent(x, lang))
}

/// A number or the missing-value dash.
fn opt_number(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(|| NONE.to_string(), |x| number(x, lang))
}

/// A bold heading paragraph followed by `rest` (already escaped).
fn heading(title: &str, rest: &str) -> String {
    format!("<p><b>{}</b>{rest}</p>", esc(title))
}

/// A bulleted list of `items` (escaped here), the first [`DISPLAY_MAX_LINES`] of them.
fn list(items: &[String], lang: Lang) -> String {
    let mut s = String::from("<ul>");
    for item in items.iter().take(DISPLAY_MAX_LINES) {
        let _ = write!(s, "<li>{}</li>", esc(item));
    }
    if items.len() > DISPLAY_MAX_LINES {
        let _ = write!(s, "<li>{}</li>", more(items.len() - DISPLAY_MAX_LINES, lang));
    }
    s.push_str("</ul>");
    s
}

/// The display of an organisation structure: the counts, then each unit (indented by its
/// depth, depth-first) with its name, head and numbers of employees and goals.
pub fn org_structure_html(s: &OrgStructure, lang: Lang) -> String {
    let counts = [
        counted(s.units().len(), "unit", "unit", "units", lang),
        counted(s.goals().len(), "sasaran", "goal", "goals", lang),
        counted(s.employees().len(), "pegawai", "employee", "employees", lang),
    ];
    let mut h = heading(
        lang.pick("Struktur organisasi", "Organisation structure"),
        &esc(&format!(": {}", counts.join(", "))),
    );
    let columns = vec![
        Column::text("Unit", 20),
        Column::text(lang.pick("Nama", "Name"), 30),
        Column::text(lang.pick("Kepala", "Head"), 20),
        Column::number(lang.pick("Pegawai", "Employees"), 10),
        Column::number(lang.pick("Sasaran", "Goals"), 10),
    ];
    let units = s.depth_first();
    let rows = units.iter().map(|(u, d)| {
        vec![
            format!("{}{u}", "\u{a0}\u{a0}".repeat((*d).min(32))),
            s.unit(u).map(|x| x.name.clone()).unwrap_or_default(),
            s.head(u).ok().flatten().unwrap_or(NONE).to_string(),
            s.employees_of(u).map_or(0, |v| v.len()).to_string(),
            s.goals_of(u).map_or(0, |v| v.len()).to_string(),
        ]
    });
    h.push_str(&capped_table(columns, rows, units.len(), DISPLAY_MAX_UNITS, lang));
    h
}

/// The display of an alignment report: coverage per unit and for the whole organisation, the
/// problems, and the contribution tree folded.
pub fn alignment_html(r: &AlignmentReport, lang: Lang) -> String {
    let mut h = heading(lang.pick("Laporan keselarasan (cascading)", "Alignment report (cascading)"), "");
    let columns = vec![
        Column::text("Unit", 24),
        Column::number(lang.pick("RHK utama selaras", "Primary RHKs aligned"), 14),
        Column::number(lang.pick("Cakupan RHK", "RHK coverage"), 14),
        Column::number(lang.pick("Sasaran didukung", "Goals supported"), 14),
        Column::number(lang.pick("Cakupan sasaran", "Goal coverage"), 14),
        Column::number(lang.pick("Masalah", "Problems"), 10),
    ];
    let row = |u: &UnitAlignment, name: String| {
        vec![
            name,
            format!("{}/{}", u.aligned_rhk, u.primary_rhk),
            opt_percent(u.rhk_coverage, lang),
            format!("{}/{}", u.supported_goals, u.goals),
            opt_percent(u.goal_coverage, lang),
            u.problems.to_string(),
        ]
    };
    let whole = row(&r.organisation, lang.pick("Seluruh organisasi", "Whole organisation").to_string());
    // the first units, then the whole organisation's row, always
    let rows =
        r.units.iter().take(DISPLAY_MAX_UNITS).map(|u| row(u, u.unit.clone())).chain([whole]).collect();
    h.push_str(&table_html(&Table { columns, rows }));
    if r.units.len() > DISPLAY_MAX_UNITS {
        let _ = write!(h, "<p class=\"kj-sub\">{}</p>", more(r.units.len() - DISPLAY_MAX_UNITS, lang));
    }
    if !r.problems.is_empty() {
        h.push_str(&heading(lang.pick("Masalah", "Problems"), ""));
        let items: Vec<String> =
            r.problems.iter().map(|p| format!("[{}] {}", p.unit, p.message.get(lang))).collect();
        h.push_str(&list(&items, lang));
    }
    let tree = r.contribution_text(lang);
    let total = tree.lines().count();
    let mut shown: String = tree.lines().take(DISPLAY_MAX_LINES).collect::<Vec<_>>().join("\n");
    if total > DISPLAY_MAX_LINES {
        let rest = total - DISPLAY_MAX_LINES;
        shown.push_str(&format!("\n… {}", counted(rest, "baris lagi", "more line", "more lines", lang)));
    }
    let _ = write!(
        h,
        "<details><summary>{}</summary><pre>{}</pre></details>",
        esc(lang.pick("Pohon kontribusi", "Contribution tree")),
        esc(&shown)
    );
    h
}

/// The display of unit performance: each unit's IKU achievement and its given, advised and
/// final organisational predicate.
pub fn org_performance_html(p: &OrgPerformance, lang: Lang) -> String {
    let label = |x: Option<crate::model::OrgPredicate>| x.map_or(NONE, |x| x.label(lang)).to_string();
    let columns = vec![
        Column::text("Unit", 24),
        Column::number(lang.pick("Capaian IKU (%)", "IKU achievement (%)"), 16),
        Column::text(lang.pick("Predikat ditetapkan", "Given predicate"), 20),
        Column::text(lang.pick("Predikat saran", "Advised predicate"), 20),
        Column::text(lang.pick("Predikat", "Predicate"), 20),
    ];
    let rows = p.units.iter().map(|u| {
        vec![
            u.unit.clone(),
            opt_number(u.value, lang),
            label(u.given_predicate),
            label(u.advised_predicate),
            label(u.predicate),
        ]
    });
    let title = lang.pick("Kinerja organisasi per unit", "Organisational performance by unit");
    format!("{}{}", heading(title, ""), capped_table(columns, rows, p.units.len(), DISPLAY_MAX_UNITS, lang))
}

/// The display of a SAKIP evaluation: its total and predicate, each component's score, and
/// the explanation folded.
pub fn sakip_html(r: &SakipResult, lang: Lang) -> String {
    let rest = esc(&format!(": {} — {}", number(r.total, lang), r.predicate.label(lang)));
    let mut h = heading("SAKIP", &rest);
    let columns = vec![
        Column::text(lang.pick("Komponen", "Component"), 60),
        Column::number(lang.pick("Nilai", "Score"), 20),
    ];
    let rows = r
        .components
        .iter()
        .map(|(c, v)| vec![c.label(lang).to_string(), number(v.round_dp(4), lang)])
        .collect();
    h.push_str(&table_html(&Table { columns, rows }));
    h.push_str(&explanation_html(&[&r.trace], lang));
    h
}

/// The distribution check without its explanation: the verdict, the count and allowed range
/// of each predicate (best first), each constraint, and who was not counted.
fn distribution_body(r: &DistributionReport, lang: Lang) -> String {
    let verdict =
        if r.passed { lang.pick("MEMENUHI", "PASSES") } else { lang.pick("TIDAK MEMENUHI", "FAILS") };
    let colour = if r.passed { "#1a7f37" } else { "#cf222e" };
    let rest = esc(&format!(
        " — {}: {} — n = {} — ",
        lang.pick("predikat organisasi", "organisational predicate"),
        r.org_predicate.label(lang),
        r.headcount
    ));
    let title =
        lang.pick("Kurva distribusi predikat kinerja pegawai", "Distribution curve of employee predicates");
    let mut h = heading(title, &format!("{rest}<b style=\"color:{colour}\">{}</b>", esc(verdict)));
    let columns = vec![
        Column::text(lang.pick("Predikat", "Predicate"), 30),
        Column::number(lang.pick("Jumlah", "Count"), 15),
        Column::number(lang.pick("Rentang yang diizinkan", "Allowed range"), 20),
    ];
    let rows = r
        .allowed_counts()
        .into_iter()
        .rev()
        .map(|(p, lo, hi)| {
            let n = r.counts.get(&p).copied().unwrap_or(0);
            let mark = if n < lo || n > hi { " ✗" } else { "" };
            vec![p.label(lang).to_string(), format!("{n}{mark}"), format!("{lo}–{hi}")]
        })
        .collect();
    h.push_str(&table_html(&Table { columns, rows }));
    let columns = vec![
        Column::text(lang.pick("Ketentuan", "Rule"), 34),
        Column::number(lang.pick("Jumlah pegawai", "Headcount"), 10),
        Column::number(lang.pick("Batas", "Bound"), 8),
        Column::number(lang.pick("Aktual", "Actual"), 8),
        Column::text("Status", 6),
        Column::text(lang.pick("Dasar", "Source"), 34),
    ];
    let rows = r
        .constraints
        .iter()
        .map(|c| {
            vec![
                c.description.get(lang).to_string(),
                c.headcount.to_string(),
                c.bound.to_string(),
                c.actual.to_string(),
                if c.satisfied { "✓" } else { "✗" }.to_string(),
                c.source.render(lang),
            ]
        })
        .collect();
    h.push_str(&table_html(&Table { columns, rows }));
    if !r.excluded.is_empty() {
        h.push_str(&heading(lang.pick("Tidak dihitung", "Not counted"), ""));
        let items: Vec<String> =
            r.excluded.iter().map(|(e, why)| format!("{e}: {}", why.get(lang))).collect();
        h.push_str(&list(&items, lang));
    }
    h
}

/// The display of a distribution check: the verdict, each predicate's count beside its allowed
/// range (best first), each constraint, who was not counted, and the explanation folded.
pub fn distribution_html(r: &DistributionReport, lang: Lang) -> String {
    format!("{}{}", distribution_body(r, lang), explanation_html(&[&r.trace], lang))
}

/// The display of a calibration: the proposed changes (or why there are none), the curve
/// before and after folded, and the explanation folded.
pub fn calibration_html(r: &CalibrationResult, lang: Lang) -> String {
    let mut h = heading(lang.pick("Usulan kalibrasi", "Calibration proposal"), "");
    if !r.needed {
        let none = lang.pick(
            "Tidak perlu kalibrasi: kurva sudah terpenuhi.",
            "No calibration needed: the curve is met.",
        );
        let _ = write!(h, "<p>{}</p>", esc(none));
    } else if let Some(why) = &r.infeasible {
        let _ = write!(h, "<p style=\"color:#cf222e\">✗ {}</p>", esc(why.get(lang)));
    } else {
        let columns = vec![
            Column::text(lang.pick("Pegawai", "Employee"), 20),
            Column::text(lang.pick("Dari", "From"), 16),
            Column::text(lang.pick("Menjadi", "To"), 16),
            Column::number(lang.pick("Capaian", "Achievement"), 12),
            Column::text(lang.pick("Alasan", "Reason"), 36),
        ];
        let rows = r.changes.iter().map(|c| {
            vec![
                c.employee.clone(),
                c.from.label(lang).to_string(),
                c.to.label(lang).to_string(),
                opt_number(c.achievement, lang),
                c.reason.get(lang).to_string(),
            ]
        });
        h.push_str(&capped_table(columns, rows, r.changes.len(), DISPLAY_MAX_LINES, lang));
    }
    let folded = |title: &str, d: &DistributionReport| {
        format!("<details><summary>{}</summary>{}</details>", esc(title), distribution_body(d, lang))
    };
    h.push_str(&folded(lang.pick("Sebelum", "Before"), &r.before));
    if let Some(a) = &r.after {
        h.push_str(&folded(lang.pick("Sesudah", "After"), a));
    }
    h.push_str(&explanation_html(&[&r.trace], lang));
    h
}
