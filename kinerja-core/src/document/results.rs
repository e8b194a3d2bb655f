//! Notebook displays of the follow-up and instrument results: each result's summary (its
//! fields, or a table of its lines) built by the one renderer, wholly in one language. A
//! result without an explanation (a training summary, the follow-up lists, a watchlist) also
//! reads as text.

use rust_decimal::Decimal;

use super::display::{capped_table, fields_html, table_html};
use super::html::esc;
use super::org_display::DISPLAY_MAX_LINES;
use super::text::{NONE, number, percent};
use super::{Column, Table};
use crate::explain::{BiText, Labelled, Lang, number_in};
use crate::followup::{
    CreditLedger, CreditPoints, FollowUpLists, Listed, MonthPredicate, PlanMonitor, Readiness,
    TalentPlacement, TppResult, TrainingNeeds, TrainingSummary, TrainingTopic, Watchlist,
};
use crate::instruments::{PkgResult, PkpResult, SampleSizeResult, SatisfactionResult, SpmResult};

/// A result's summary for a notebook (`_repr_html_`), in one language. Its explanation, when
/// it has one, is shown beside it by [`explanation_html`](super::explanation_html).
///
/// ```
/// use kinerja_core::document::Summary;
/// use kinerja_core::explain::Lang;
/// use kinerja_core::followup::credit_points;
/// use kinerja_core::model::{FunctionalGrade, Predicate};
/// use kinerja_core::rules::Policy;
/// let cp = credit_points(Predicate::Good, FunctionalGrade::FirstExpert, 12, &Policy::default())?;
/// assert!(cp.summary_html(Lang::Id).contains("<th>Angka kredit</th><td>12,50 (12,5)</td>"));
/// assert!(cp.summary_html(Lang::En).contains("<th>Credit points</th><td>12.50 (12.5)</td>"));
/// # Ok::<(), kinerja_core::Error>(())
/// ```
pub trait Summary {
    /// The summary as an HTML fragment of the one renderer, in `lang`.
    fn summary_html(&self, lang: Lang) -> String;
    /// The summary as text, for results without an explanation (empty for the others).
    fn summary_text(&self, _lang: Lang) -> String {
        String::new()
    }
}

/// A table of `columns` and `rows` (numbers right-aligned).
fn grid(columns: Vec<Column>, rows: Vec<Vec<String>>) -> String {
    table_html(&Table { columns, rows })
}

/// A text of the core (a reason, a note) in `lang` (its numbers already in the style of `lang`).
fn text(t: &BiText, lang: Lang) -> String {
    t.get(lang).to_string()
}

/// An optional decimal (normalised) in the number style of `lang`; the dash when missing.
fn opt(v: Option<Decimal>, lang: Lang) -> String {
    v.map_or_else(|| NONE.into(), |d| number(d.normalize(), lang))
}

/// Yes or no in `lang`.
fn yes(b: bool, lang: Lang) -> String {
    lang.pick(if b { "ya" } else { "tidak" }, if b { "yes" } else { "no" }).into()
}

/// A training topic's name in `lang`.
fn topic_label(t: &TrainingTopic, lang: Lang) -> String {
    match lang {
        Lang::Id => t.id.clone(),
        Lang::En => t.en.clone(),
    }
}

/// The rows of one follow-up list: list, employee, unit, reason.
fn listed_rows(l: &[Listed], lang: Lang) -> Vec<Vec<String>> {
    l.iter()
        .map(|x| vec![x.kind.label(lang).into(), x.employee.clone(), x.unit.clone(), text(&x.reason, lang)])
        .collect()
}

impl Summary for CreditPoints {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            (lang.pick("Predikat", "Predicate"), self.predicate.label(lang).into()),
            (lang.pick("Jenjang", "Grade"), self.grade.label(lang).into()),
            (lang.pick("Bulan", "Months"), self.months.to_string()),
            (lang.pick("Persentase", "Percentage"), percent(self.percentage.normalize(), lang)),
            (lang.pick("Koefisien", "Coefficient"), number(self.coefficient.normalize(), lang)),
            (
                lang.pick("Angka kredit", "Credit points"),
                format!("{} ({})", number(self.value, lang), number(self.exact, lang)),
            ),
        ])
    }
}

impl Summary for CreditLedger {
    fn summary_html(&self, lang: Lang) -> String {
        let head = vec![
            Column::text(lang.pick("Periode", "Period"), 14),
            Column::text(lang.pick("Predikat", "Predicate"), 16),
            Column::text(lang.pick("Jenjang", "Grade"), 16),
            Column::number(lang.pick("Diperoleh", "Earned"), 14),
            Column::number(lang.pick("Diakui", "Credited"), 14),
            Column::text(lang.pick("Batas", "Capped"), 10),
            Column::number(lang.pick("Kumulatif", "Cumulative"), 16),
        ];
        let rows: Vec<Vec<String>> = self
            .lines
            .iter()
            .map(|l| {
                vec![
                    l.period.to_string(),
                    l.predicate.label(lang).into(),
                    l.grade.label(lang).into(),
                    number(l.earned, lang),
                    number(l.credited, lang),
                    yes(l.capped, lang),
                    number(l.cumulative, lang),
                ]
            })
            .collect();
        format!(
            "<p><b>{} {}</b>: {} {} → {} {}</p>{}",
            lang.pick("Angka kredit", "Credit points"),
            esc(&self.employee),
            lang.pick("awal", "starting"),
            number(self.starting.normalize(), lang),
            lang.pick("jumlah", "total"),
            number(self.total.normalize(), lang),
            grid(head, rows)
        )
    }
}

impl Summary for Readiness {
    fn summary_html(&self, lang: Lang) -> String {
        let mut rows = vec![
            (lang.pick("Jenjang", "Grade"), self.grade.label(lang).to_string()),
            (lang.pick("Kumulatif", "Cumulative"), number(self.cumulative.normalize(), lang)),
            (lang.pick("Syarat pangkat", "Rank requirement"), number(self.rank_required.normalize(), lang)),
            (
                lang.pick("Kekurangan (pangkat)", "Shortfall (rank)"),
                number(self.rank_shortfall.normalize(), lang),
            ),
            (lang.pick("Siap naik pangkat", "Ready for rank"), yes(self.rank_ready, lang)),
        ];
        if let Some(g) = self.grade_required {
            rows.push((lang.pick("Syarat jenjang", "Grade requirement"), number(g.normalize(), lang)));
            rows.push((
                lang.pick("Kekurangan (jenjang)", "Shortfall (grade)"),
                opt(self.grade_shortfall, lang),
            ));
            rows.push((
                lang.pick("Siap naik jenjang", "Ready for grade"),
                yes(self.grade_ready == Some(true), lang),
            ));
        }
        fields_html(&rows)
    }
}

impl Summary for TppResult {
    fn summary_html(&self, lang: Lang) -> String {
        let rp = |d: Decimal| format!("Rp {}", number(d.normalize(), lang));
        fields_html(&[
            (lang.pick("Pegawai", "Employee"), self.employee.clone()),
            (lang.pick("Bulan", "Month"), self.period.to_string()),
            (lang.pick("Kelas jabatan", "Job class"), self.job_class.clone()),
            (lang.pick("Besaran TPP", "TPP basis"), rp(self.basis)),
            (
                lang.pick("Faktor kinerja", "Performance factor"),
                percent(self.performance_factor.normalize(), lang),
            ),
            (lang.pick("Komponen kinerja", "Performance component"), rp(self.performance_amount)),
            (
                lang.pick("Potongan disiplin", "Discipline deduction"),
                percent(self.deduction_pct.normalize(), lang),
            ),
            (lang.pick("Komponen disiplin", "Discipline component"), rp(self.discipline_amount)),
            (
                lang.pick("Dibayar", "Paid"),
                format!("{} ({})", rp(self.amount), percent(self.pct_of_basis.normalize(), lang)),
            ),
        ])
    }
}

impl Summary for TrainingNeeds {
    fn summary_html(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .needs
            .iter()
            .map(|n| {
                let reasons: Vec<&str> = n.reasons.iter().map(|r| r.get(lang)).collect();
                let reasons = reasons.join("; ");
                vec![n.topic.code.clone(), topic_label(&n.topic, lang), reasons]
            })
            .collect();
        format!(
            "<p><b>{} {}</b> ({})</p>{}",
            lang.pick("Kebutuhan pengembangan", "Training needs of"),
            esc(&self.employee),
            esc(&self.unit),
            grid(
                vec![
                    Column::text(lang.pick("Kode", "Code"), 15),
                    Column::text(lang.pick("Topik", "Topic"), 35),
                    Column::text(lang.pick("Alasan", "Reasons"), 50),
                ],
                rows
            )
        )
    }
}

impl Summary for TrainingSummary {
    fn summary_html(&self, lang: Lang) -> String {
        let units: Vec<&String> = self.per_unit.keys().collect();
        let mut head = vec![Column::text(lang.pick("Topik", "Topic"), 40)];
        head.extend(units.iter().map(|u| Column::number(u.as_str(), 10)));
        head.push(Column::number(lang.pick("Organisasi", "Organisation"), 14));
        let rows: Vec<Vec<String>> = self
            .organisation
            .iter()
            .map(|(code, n)| {
                let label = self.topics.get(code).map(|t| topic_label(t, lang)).unwrap_or_default();
                let mut r = vec![format!("{code} {label}")];
                for u in &units {
                    let c = self.per_unit.get(*u).and_then(|m| m.get(code)).copied().unwrap_or(0);
                    r.push(c.to_string());
                }
                r.push(n.to_string());
                r
            })
            .collect();
        format!(
            "<p><b>{}</b>: {} {}</p>{}",
            lang.pick("Analisis kebutuhan pelatihan", "Training-needs analysis"),
            self.employees_with_needs,
            lang.pick("pegawai dengan kebutuhan", "employees with needs"),
            grid(head, rows)
        )
    }
    fn summary_text(&self, lang: Lang) -> String {
        let mut s = format!(
            "{}: {} {}\n",
            lang.pick("Analisis kebutuhan pelatihan", "Training-needs analysis"),
            self.employees_with_needs,
            lang.pick("pegawai dengan kebutuhan", "employees with needs")
        );
        for (code, n) in &self.organisation {
            let label = self.topics.get(code).map(|t| topic_label(t, lang)).unwrap_or_default();
            s.push_str(&format!("  {code} {label}: {n}\n"));
        }
        s
    }
}

impl Summary for FollowUpLists {
    fn summary_html(&self, lang: Lang) -> String {
        let mut rows = listed_rows(&self.promotion, lang);
        rows.extend(listed_rows(&self.award, lang));
        rows.extend(listed_rows(&self.development_plan, lang));
        rows.extend(listed_rows(&self.sanction_review, lang));
        let total = rows.len();
        capped_table(
            vec![
                Column::text(lang.pick("Daftar", "List"), 20),
                Column::text(lang.pick("Pegawai", "Employee"), 20),
                Column::text(lang.pick("Unit", "Unit"), 15),
                Column::text(lang.pick("Alasan", "Reason"), 45),
            ],
            rows.into_iter(),
            total,
            DISPLAY_MAX_LINES,
            lang,
        )
    }
    fn summary_text(&self, lang: Lang) -> String {
        let mut s = String::new();
        for l in [&self.promotion, &self.award, &self.development_plan, &self.sanction_review] {
            for x in l {
                s.push_str(&format!(
                    "{}: {} ({}) — {} [{}]\n",
                    x.kind.label(lang),
                    x.employee,
                    x.unit,
                    text(&x.reason, lang),
                    x.citation.render(lang)
                ));
            }
        }
        s
    }
}

impl Summary for TalentPlacement {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            (lang.pick("Pegawai", "Employee"), self.employee.clone()),
            (lang.pick("Predikat", "Predicate"), self.predicate.label(lang).into()),
            (lang.pick("Sumbu kinerja", "Performance axis"), self.performance.label(lang).into()),
            (lang.pick("Potensial", "Potential"), self.potential.label(lang).into()),
            (lang.pick("Kotak", "Box"), self.box_number.to_string()),
            (lang.pick("Kelompok", "Group"), self.group.label(lang).into()),
            (lang.pick("Kelompok rencana suksesi", "Talent pool"), yes(self.in_pool, lang)),
        ])
    }
}

impl Summary for PlanMonitor {
    fn summary_html(&self, lang: Lang) -> String {
        let rows: Vec<Vec<String>> = self
            .indicators
            .iter()
            .map(|i| {
                vec![
                    i.name.clone(),
                    number_in(&i.target_to_date.to_string(), lang).into_owned(),
                    opt(i.actual_to_date, lang),
                    opt(i.progress, lang),
                    opt(i.projected_achievement, lang),
                    i.status.label(lang).into(),
                ]
            })
            .collect();
        format!(
            "<p><b>{} {}</b> ({}) — {} {} — {}</p>{}",
            lang.pick("Pemantauan", "Monitoring of"),
            esc(&self.employee),
            esc(&self.unit),
            lang.pick("s.d.", "to"),
            self.as_of,
            esc(self.status.label(lang)),
            grid(
                vec![
                    Column::text(lang.pick("Indikator", "Indicator"), 30),
                    Column::number(lang.pick("Target s.d. kini", "Target to date"), 14),
                    Column::number(lang.pick("Realisasi s.d. kini", "Actual to date"), 14),
                    Column::number(lang.pick("Progres (%)", "Progress (%)"), 12),
                    Column::number(lang.pick("Proyeksi capaian (%)", "Projected achievement (%)"), 14),
                    Column::text(lang.pick("Status", "Status"), 16),
                ],
                rows
            )
        )
    }
}

impl Summary for Watchlist {
    fn summary_html(&self, lang: Lang) -> String {
        let rows = self.items.iter().map(|i| {
            vec![
                i.unit.clone(),
                i.employee.clone(),
                i.name.clone(),
                i.status.label(lang).into(),
                opt(i.progress, lang),
                opt(i.projected_achievement, lang),
                text(&i.reason, lang),
            ]
        });
        capped_table(
            vec![
                Column::text(lang.pick("Unit", "Unit"), 12),
                Column::text(lang.pick("Pegawai", "Employee"), 14),
                Column::text(lang.pick("Indikator", "Indicator"), 20),
                Column::text(lang.pick("Status", "Status"), 12),
                Column::number(lang.pick("Progres (%)", "Progress (%)"), 10),
                Column::number(lang.pick("Proyeksi (%)", "Projected (%)"), 10),
                Column::text(lang.pick("Alasan", "Reason"), 22),
            ],
            rows,
            self.items.len(),
            DISPLAY_MAX_LINES,
            lang,
        )
    }
    fn summary_text(&self, lang: Lang) -> String {
        let mut s = String::new();
        for i in &self.items {
            s.push_str(&format!(
                "{} / {} / {}: {} — {}\n",
                i.unit,
                i.employee,
                i.indicator,
                i.status.label(lang),
                text(&i.reason, lang)
            ));
        }
        s
    }
}

impl Summary for SatisfactionResult {
    fn summary_html(&self, lang: Lang) -> String {
        let mut rows = vec![
            (lang.pick("Dasar", "Regulation"), self.regime.label(lang).to_string()),
            (lang.pick("Unit layanan", "Service unit"), self.unit.clone().unwrap_or_else(|| NONE.into())),
            (
                lang.pick("Responden", "Respondents"),
                self.respondents.map(|n| n.to_string()).unwrap_or_else(|| NONE.into()),
            ),
            (lang.pick("Nilai interval (NI)", "Unit value (NI)"), number(self.unit_value, lang)),
            (lang.pick("Nilai IKM (NIK)", "Index (NIK)"), number(self.index, lang)),
            (lang.pick("Mutu pelayanan", "Service quality"), self.grade.label(lang).to_string()),
        ];
        let means: Vec<String> = self.element_means.iter().map(|m| number(m.round_dp(4), lang)).collect();
        rows.push((lang.pick("NRR per unsur", "Mean per element"), means.join(" · ")));
        fields_html(&rows)
    }
}

impl Summary for SampleSizeResult {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            (lang.pick("Populasi", "Population"), self.population.to_string()),
            (lang.pick("Metode", "Method"), self.method.label(lang).into()),
            (lang.pick("Nilai rumus", "Formula value"), opt(self.exact, lang)),
            (lang.pick("Sampel", "Sample"), self.sample.to_string()),
        ])
    }
}

impl Summary for PkpResult {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            ("Puskesmas", self.puskesmas.clone()),
            (lang.pick("Cakupan program", "Programme coverage"), percent(self.coverage, lang)),
            (lang.pick("Kelompok cakupan", "Coverage group"), self.coverage_group.label(lang).into()),
            (lang.pick("Manajemen", "Management"), opt(self.management, lang)),
            (
                lang.pick("Kelompok manajemen", "Management group"),
                self.management_group.map(|g| g.label(lang).to_string()).unwrap_or_else(|| NONE.into()),
            ),
            (lang.pick("Kelompok", "Group"), self.group.label(lang).into()),
        ])
    }
}

impl Summary for PkgResult {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            ("NPKG100", number(self.conversion.npkg100, lang)),
            (lang.pick("Sebutan", "Label"), self.conversion.label.label(lang).into()),
            (
                lang.pick("Persentase AK", "Credit percent"),
                percent(self.conversion.percent.normalize(), lang),
            ),
            (lang.pick("AK tahunan", "Annual credit"), opt(self.annual_credit, lang)),
        ])
    }
}

impl Summary for SpmResult {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            (lang.pick("Layanan", "Service"), self.service.label(lang).into()),
            (lang.pick("Capaian", "Achievement"), percent(self.achievement, lang)),
            (lang.pick("Target 100% tercapai", "100% target met"), yes(self.target_met, lang)),
        ])
    }
}

impl Summary for MonthPredicate {
    fn summary_html(&self, lang: Lang) -> String {
        fields_html(&[
            (lang.pick("Bulan", "Month"), self.month.to_string()),
            (lang.pick("Periode penilaian", "Appraisal period"), self.source.to_string()),
            (lang.pick("Predikat", "Predicate"), self.predicate.label(lang).into()),
        ])
    }
}
