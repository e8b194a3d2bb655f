//! The unit report: predicate counts against the distribution curve, the roster, the unit's
//! goal achievement (IKU roll-up), the monitoring watch list, training needs and follow-ups.

use std::collections::BTreeMap;

use super::employee::Person;
use super::text::{NONE, number, percent};
use super::{Bar, Bars, Block, Column, Document, Table};
use crate::Result;
use crate::evaluation::Evaluation;
use crate::explain::{Labelled, Lang};
use crate::followup::{TrainingInput, Watchlist, training_needs};
use crate::model::{OrgPredicate, Predicate};
use crate::org::distribution::ConstraintRule;
use crate::org::rollup::UnitPerformance;
use crate::org::{DistributionReport, check_distribution};
use crate::rules::{Policy, RegimeId};

/// What a unit report is built from: the unit's evaluations (one per employee, same period),
/// and optionally its name, head, organisational predicate (needed to check the distribution
/// curve), goal roll-up and monitoring watch list.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct UnitReport<'a> {
    /// Unit id.
    pub unit: String,
    /// Unit name.
    pub name: Option<String>,
    /// The head of unit.
    pub head: Option<Person>,
    /// The unit's evaluations.
    pub evaluations: &'a [Evaluation],
    /// The unit's organisational predicate; without it the curve is not checked (and the
    /// report says so) rather than checked against a guessed predicate.
    pub org_predicate: Option<OrgPredicate>,
    /// The unit's goal achievement (IKU / SAKIP roll-up).
    pub performance: Option<&'a UnitPerformance>,
    /// The monitoring watch list (only this unit's items are shown).
    pub watchlist: Option<&'a Watchlist>,
}

impl<'a> UnitReport<'a> {
    /// The report of `unit` from its evaluations.
    pub fn new(unit: impl Into<String>, evaluations: &'a [Evaluation]) -> Self {
        UnitReport {
            unit: unit.into(),
            name: None,
            head: None,
            evaluations,
            org_predicate: None,
            performance: None,
            watchlist: None,
        }
    }
    /// With the unit's name.
    pub fn with_name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }
    /// With the head of unit.
    pub fn with_head(mut self, head: Person) -> Self {
        self.head = Some(head);
        self
    }
    /// With the organisational predicate (the curve is then checked).
    pub fn with_org_predicate(mut self, p: OrgPredicate) -> Self {
        self.org_predicate = Some(p);
        self
    }
    /// With the unit's goal roll-up.
    pub fn with_performance(mut self, p: &'a UnitPerformance) -> Self {
        self.performance = Some(p);
        self
    }
    /// With the monitoring watch list.
    pub fn with_watchlist(mut self, w: &'a Watchlist) -> Self {
        self.watchlist = Some(w);
        self
    }
}

const ORDER: [Predicate; 5] = [
    Predicate::VeryGood,
    Predicate::Good,
    Predicate::NeedsImprovement,
    Predicate::PoorMisconduct,
    Predicate::VeryPoor,
];

/// The evaluations of a report: all of its unit and of one period, one per employee.
fn check_evaluations(input: &UnitReport<'_>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    let first = input.evaluations.first().map(|e| e.period);
    for (row, ev) in input.evaluations.iter().enumerate() {
        let at = || crate::Location::employee(&ev.employee).with_row(row as u64);
        if ev.unit != input.unit {
            return Err(crate::Error::Input {
                at: at(),
                field: "unit".into(),
                reason: format!("the evaluation is of unit `{}`, not of `{}`", ev.unit, input.unit),
            });
        }
        if let Some(p) = first.filter(|p| *p != ev.period) {
            return Err(crate::Error::Input {
                at: at(),
                field: "period".into(),
                reason: format!("the evaluation is of period {}, not of {p} as the first one", ev.period),
            });
        }
        if !seen.insert(ev.employee.as_str()) {
            return Err(crate::Error::Duplicate {
                at: at(),
                kind: "employee".into(),
                id: ev.employee.clone(),
            });
        }
    }
    Ok(())
}

/// Builds the report of one unit in `lang`. An evaluation of another unit, of another period
/// than the first evaluation's, or a second evaluation of the same employee is an error naming
/// the evaluation's row and employee.
pub fn unit_report(input: &UnitReport<'_>, policy: &Policy, lang: Lang) -> Result<Document> {
    check_evaluations(input)?;
    let title = input.name.clone().unwrap_or_else(|| input.unit.clone());
    let period = input.evaluations.first().map_or_else(|| NONE.to_string(), |e| e.period.to_string());
    let mut doc = Document::new(
        lang,
        lang.pick("Laporan Kinerja Unit", "Unit Performance Report").into(),
        format!("{title} ({}) · {} {period}", input.unit, lang.pick("Periode", "Period")),
        format!(
            "kinerja {} · {} {} {}",
            env!("CARGO_PKG_VERSION"),
            lang.pick("kebijakan", "policy"),
            policy.id,
            policy.version
        ),
    );
    let mut summary = vec![
        (lang.pick("Unit kerja", "Unit").to_string(), format!("{title} ({})", input.unit)),
        (
            lang.pick("Jumlah pegawai dinilai", "Employees evaluated").into(),
            input.evaluations.len().to_string(),
        ),
    ];
    if let Some(h) = &input.head {
        summary.push((lang.pick("Kepala unit", "Head of unit").into(), format!("{} (NIP {})", h.name, h.id)));
    }
    doc.section(lang.pick("Ringkasan", "Summary"), vec![Block::Fields { fields: summary }]);
    doc.section(lang.pick("Sebaran predikat", "Predicate distribution"), distribution(input, policy, lang)?);
    doc.section(lang.pick("Pegawai", "Employees"), vec![roster(input.evaluations, lang)]);
    if let Some(p) = input.performance {
        doc.section(lang.pick("Capaian tujuan unit (IKU)", "Unit goal achievement (IKU)"), goals(p, lang));
    }
    if let Some(w) = input.watchlist {
        doc.section(lang.pick("Daftar pantauan", "Watch list"), watch(w, &input.unit, lang));
    }
    doc.section(
        lang.pick("Kebutuhan pengembangan kompetensi", "Development needs"),
        training(input.evaluations, policy, lang)?,
    );
    Ok(doc)
}

fn distribution(input: &UnitReport<'_>, policy: &Policy, lang: Lang) -> Result<Vec<Block>> {
    let predicates: Vec<(String, Predicate)> =
        input.evaluations.iter().map(|e| (e.employee.clone(), e.predicate)).collect();
    let report: Option<DistributionReport> = match input.org_predicate {
        Some(op) => Some(check_distribution(op, &predicates, &policy.organisation)?),
        None => None,
    };
    let mut counts: BTreeMap<Predicate, u64> = BTreeMap::new();
    for (_, p) in &predicates {
        *counts.entry(*p).or_default() += 1;
    }
    let bars = ORDER
        .iter()
        .map(|p| {
            let value = counts.get(p).copied().unwrap_or(0);
            let mut limit = None;
            let mut alert = false;
            for c in report.iter().flat_map(|r| &r.constraints) {
                if c.predicates.contains(p) {
                    alert |= !c.satisfied;
                    if c.predicates.len() == 1
                        && matches!(c.rule, ConstraintRule::Max | ConstraintRule::NoneAllowed)
                    {
                        limit = Some(c.bound);
                    }
                }
            }
            let note = match limit {
                Some(l) => format!("{value} ({} {l})", lang.pick("batas", "limit")),
                None => value.to_string(),
            };
            Bar { label: p.label(lang).into(), value, limit, note, alert }
        })
        .collect();
    let caption = lang.pick(
        "Jumlah pegawai per predikat; garis = batas kurva distribusi",
        "Employees per predicate; line = the curve's limit",
    );
    let mut blocks = vec![Block::Bars(Bars { caption: caption.into(), bars })];
    match &report {
        None => blocks.push(Block::Paragraph {
            text: lang.pick("Kurva distribusi tidak diperiksa: predikat kinerja organisasi unit ini tidak diberikan.",
                "The distribution curve is not checked: the unit's organisational predicate was not given.",
            )
            .into(),
        }),
        Some(r) => {
            let head = match lang {
                Lang::Id => format!(
                    "Predikat organisasi {}: kurva {}.",
                    r.org_predicate.label(lang),
                    if r.passed { "terpenuhi" } else { "TIDAK terpenuhi" }
                ),
                Lang::En => format!(
                    "Organisational predicate {}: the curve is {}.",
                    r.org_predicate.label(lang),
                    if r.passed { "met" } else { "NOT met" }
                ),
            };
            blocks.push(Block::Paragraph { text: head });
            let items = r
                .constraints
                .iter()
                .map(|c| {
                    let mark = if c.satisfied { "✓" } else { "✗" };
                    format!(
                        "{mark} {} — {} {}, {} {} ({})",
                        c.description.get(lang),
                        lang.pick("jumlah", "count"),
                        c.actual,
                        lang.pick("batas", "bound"),
                        c.bound,
                        c.source.render(lang)
                    )
                })
                .collect();
            blocks.push(Block::List { items });
        }
    }
    Ok(blocks)
}

fn roster(evs: &[Evaluation], lang: Lang) -> Block {
    let columns = vec![
        Column::text("NIP", 22),
        Column::text(lang.pick("Nama", "Name"), 30),
        Column::number(lang.pick("Capaian tertimbang", "Weighted achievement"), 16),
        Column::text(lang.pick("Hasil kerja", "Work result"), 16),
        Column::text(lang.pick("Perilaku", "Behaviour"), 16),
        Column::text(lang.pick("Predikat", "Predicate"), 16),
    ];
    let r =
        |x: Option<crate::model::Rating>| x.map_or_else(|| NONE.to_string(), |v| v.label(lang).to_string());
    let rows = evs
        .iter()
        .map(|e| {
            vec![
                e.employee.clone(),
                e.name.clone(),
                e.weighted_achievement.map_or_else(|| NONE.to_string(), |w| percent(w, lang)),
                r(e.work_result),
                r(e.behaviour),
                e.predicate_label(lang).to_string(),
            ]
        })
        .collect();
    Block::Table(Table { columns, rows })
}

fn goals(p: &UnitPerformance, lang: Lang) -> Vec<Block> {
    let columns = vec![
        Column::text(lang.pick("Tujuan / IKU", "Goal / IKU"), 50),
        Column::number(lang.pick("Capaian", "Achievement"), 25),
        Column::number(lang.pick("Bobot", "Weight"), 25),
    ];
    let rows = p
        .goals
        .iter()
        .map(|g| {
            vec![
                g.goal.clone(),
                percent(g.achievement, lang),
                percent((g.weight * rust_decimal::Decimal::ONE_HUNDRED).round_dp(2).normalize(), lang),
            ]
        })
        .collect();
    let mut f = Vec::new();
    if let Some(v) = p.value {
        f.push((lang.pick("Capaian unit", "Unit achievement").to_string(), percent(v, lang)));
    }
    if let Some(op) = p.predicate {
        f.push((lang.pick("Predikat organisasi", "Organisational predicate").into(), op.label(lang).into()));
    }
    let mut blocks = vec![Block::Table(Table { columns, rows })];
    if !f.is_empty() {
        blocks.push(Block::Fields { fields: f });
    }
    blocks
}

fn watch(w: &Watchlist, unit: &str, lang: Lang) -> Vec<Block> {
    let columns = vec![
        Column::text("NIP", 20),
        Column::text(lang.pick("Indikator", "Indicator"), 30),
        Column::text(lang.pick("Status", "Status"), 15),
        Column::number(lang.pick("Proyeksi", "Projected"), 12),
        Column::text(lang.pick("Alasan", "Reason"), 23),
    ];
    let rows: Vec<Vec<String>> = w
        .items
        .iter()
        .filter(|i| i.unit == unit)
        .map(|i| {
            vec![
                i.employee.clone(),
                format!("{} ({})", i.name, i.indicator),
                i.status.label(lang).into(),
                i.projected_achievement.map_or_else(|| NONE.to_string(), |v| percent(v, lang)),
                i.reason.get(lang).into(),
            ]
        })
        .collect();
    if rows.is_empty() {
        return vec![Block::Paragraph {
            text: lang.pick("Semua indikator sesuai jalur.", "Every indicator is on track.").into(),
        }];
    }
    vec![Block::Table(Table { columns, rows })]
}

fn training(evs: &[Evaluation], policy: &Policy, lang: Lang) -> Result<Vec<Block>> {
    let mut per_topic: BTreeMap<String, (String, Vec<String>)> = BTreeMap::new();
    for ev in evs.iter().filter(|e| e.regime == RegimeId::Permenpanrb6_2022) {
        let needs = training_needs(&TrainingInput::from_evaluation(ev, None), policy)?;
        for n in needs.needs {
            let name = match lang {
                Lang::Id => n.topic.id.clone(),
                Lang::En => n.topic.en.clone(),
            };
            per_topic
                .entry(n.topic.code.clone())
                .or_insert_with(|| (name, Vec::new()))
                .1
                .push(ev.name.clone());
        }
    }
    if per_topic.is_empty() {
        return Ok(vec![Block::Paragraph { text: lang.pick("Tidak ada.", "None.").into() }]);
    }
    let columns = vec![
        Column::text(lang.pick("Topik", "Topic"), 30),
        Column::number(lang.pick("Pegawai", "Employees"), 12),
        Column::text(lang.pick("Nama", "Names"), 58),
    ];
    let rows = per_topic
        .into_values()
        .map(|(name, who)| vec![name, number(rust_decimal::Decimal::from(who.len()), lang), who.join(", ")])
        .collect();
    Ok(vec![Block::Table(Table { columns, rows })])
}
