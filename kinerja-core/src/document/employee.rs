//! The employee's evaluation document: identity, planned results and their indicators, the
//! ratings, how the predicate was reached and on which articles, follow-ups and signatures.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::text::{NONE, localised, number, percent};
use super::{Block, Column, Document, Signer, Table};
use crate::Result;
use crate::evaluation::{Evaluation, IndicatorResult, RatingSource};
use crate::explain::{Labelled, Lang};
use crate::followup::{EmployeeHistory, TrainingInput, credit_points, follow_up_lists, training_needs};
use crate::model::{Plan, Rating};
use crate::rules::{Policy, RegimeId};

/// A person named on a document (the appraiser, a head of unit).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Person {
    /// NIP (or another id).
    pub id: String,
    /// Name.
    pub name: String,
    /// Position.
    pub position: String,
}

impl Person {
    /// A person with an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>) -> Self {
        Person { id: id.into(), name: name.into(), position: String::new() }
    }
    /// With a position.
    pub fn with_position(mut self, position: impl Into<String>) -> Self {
        self.position = position.into();
        self
    }
}

/// What an employee document is built from: the evaluation, and optionally the plan (position,
/// grade, planned-result texts, units of measure, the goals results cascade from), the
/// appraiser and the texts of the organisation's goals.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct EmployeeDocument<'a> {
    /// The evaluation.
    pub evaluation: &'a Evaluation,
    /// The plan evaluated.
    pub plan: Option<&'a Plan>,
    /// The appraiser (pejabat penilai kinerja).
    pub appraiser: Option<Person>,
    /// Texts of the goals planned results cascade from, by id (a planned result's `parent`).
    pub goals: BTreeMap<String, String>,
}

impl<'a> EmployeeDocument<'a> {
    /// The document of one evaluation.
    pub fn new(evaluation: &'a Evaluation) -> Self {
        EmployeeDocument { evaluation, plan: None, appraiser: None, goals: BTreeMap::new() }
    }
    /// With the plan evaluated.
    pub fn with_plan(mut self, plan: &'a Plan) -> Self {
        self.plan = Some(plan);
        self
    }
    /// With the appraiser.
    pub fn with_appraiser(mut self, appraiser: Person) -> Self {
        self.appraiser = Some(appraiser);
        self
    }
    /// With the text of a goal planned results cascade from.
    pub fn with_goal(mut self, id: impl Into<String>, text: impl Into<String>) -> Self {
        self.goals.insert(id.into(), text.into());
        self
    }
}

/// Builds the evaluation document of one employee in `lang`. `policy` is the policy the
/// evaluation was made under (for the follow-ups: credit points of functional posts, training
/// needs, reward and development lists).
pub fn employee_document(input: &EmployeeDocument<'_>, policy: &Policy, lang: Lang) -> Result<Document> {
    let ev = input.evaluation;
    let footer = format!(
        "kinerja {} · {} · {} {} {}",
        env!("CARGO_PKG_VERSION"),
        ev.regime.citation(),
        lang.pick("kebijakan", "policy"),
        ev.policy_id,
        ev.policy_version
    );
    let mut doc = Document::new(
        lang,
        lang.pick("Dokumen Evaluasi Kinerja Pegawai", "Employee Performance Evaluation").into(),
        format!("{} · NIP {} · {} {}", ev.name, ev.employee, lang.pick("Periode", "Period"), ev.period),
        footer,
    );
    doc.section(lang.pick("Identitas", "Identity"), vec![identity(input, lang)]);
    doc.section(
        lang.pick("Hasil kerja dan indikator", "Planned results and indicators"),
        results(input, lang),
    );
    doc.section(lang.pick("Penilaian", "Appraisal"), vec![ratings(ev, lang)]);
    doc.section(lang.pick("Bagaimana predikat ditetapkan", "How the predicate was reached"), how(ev, lang));
    if !ev.notes.is_empty() {
        let items = ev.notes.iter().map(|n| n.get(lang).to_string()).collect();
        doc.section(lang.pick("Catatan", "Notes"), vec![Block::List { items }]);
    }
    doc.section(lang.pick("Tindak lanjut", "Follow-ups"), follow_ups(input, policy, lang)?);
    doc.section(lang.pick("Dasar hukum dan kebijakan", "Legal basis and policy"), sources(ev, lang));
    doc.section(lang.pick("Tanda tangan", "Signatures"), vec![signatures(input, lang)]);
    Ok(doc)
}

fn identity(input: &EmployeeDocument<'_>, lang: Lang) -> Block {
    let ev = input.evaluation;
    let mut f =
        vec![("NIP".to_string(), ev.employee.clone()), (lang.pick("Nama", "Name").into(), ev.name.clone())];
    if let Some(p) = input.plan {
        let e = &p.employee;
        if !e.position.is_empty() {
            f.push((lang.pick("Jabatan", "Position").into(), e.position.clone()));
        }
        f.push((lang.pick("Jenis jabatan", "Post type").into(), e.post_type.label(lang).into()));
        if let Some(g) = e.functional_grade {
            f.push((
                lang.pick("Jenjang jabatan fungsional", "Functional grade").into(),
                g.label(lang).into(),
            ));
        }
    }
    f.push((lang.pick("Unit kerja", "Unit").into(), ev.unit.clone()));
    let appraiser = input.appraiser.as_ref().map_or_else(
        || NONE.to_string(),
        |a| {
            let pos = if a.position.is_empty() { String::new() } else { format!(", {}", a.position) };
            format!("{} (NIP {}){pos}", a.name, a.id)
        },
    );
    f.push((lang.pick("Pejabat penilai kinerja", "Appraiser").into(), appraiser));
    f.push((lang.pick("Periode", "Period").into(), ev.period.to_string()));
    f.push((
        lang.pick("Ketentuan", "Rules").into(),
        match (ev.regime.label(lang), ev.regime.citation()) {
            (label, cite) if label == cite => label.to_string(),
            (label, cite) => format!("{label} ({cite})"),
        },
    ));
    f.push((lang.pick("Kebijakan", "Policy").into(), format!("{} {}", ev.policy_id, ev.policy_version)));
    Block::Fields { fields: f }
}

fn results(input: &EmployeeDocument<'_>, lang: Lang) -> Vec<Block> {
    let ev = input.evaluation;
    let mut order: Vec<&str> = Vec::new();
    for i in &ev.indicators {
        if !order.contains(&i.result.as_str()) {
            order.push(&i.result);
        }
    }
    let planned = |id: &str| input.plan.and_then(|p| p.results.iter().find(|r| r.id == id));
    let unit_of = |ind: &str| {
        input.plan.and_then(|p| {
            p.results
                .iter()
                .flat_map(|r| &r.indicators)
                .find(|x| x.id == ind)
                .map(|x| x.unit_of_measure.clone())
        })
    };
    let mut blocks = Vec::new();
    for rid in order {
        let rows: Vec<&IndicatorResult> = ev.indicators.iter().filter(|i| i.result == rid).collect();
        let kind = rows.first().map_or("", |i| i.kind.label(lang));
        let mut head = format!("{} {rid} ({kind})", lang.pick("Rencana hasil kerja", "Planned result"));
        if let Some(r) = planned(rid).filter(|r| !r.description.is_empty()) {
            if r.description != rid {
                head.push_str(&format!(": {}", r.description));
            }
            if let Some(parent) = &r.parent {
                let goal = input.goals.get(parent).map(|g| format!(" — {g}")).unwrap_or_default();
                head.push_str(&format!(
                    ". {} {parent}{goal}",
                    lang.pick("Mendukung hasil kerja/tujuan atasan:", "Cascades from:")
                ));
            }
        }
        blocks.push(Block::Paragraph { text: head });
        let columns = vec![
            Column::text(lang.pick("Indikator", "Indicator"), 34),
            Column::number(lang.pick("Target", "Target"), 14),
            Column::number(lang.pick("Realisasi", "Actual"), 14),
            Column::text(lang.pick("Satuan", "Unit"), 10),
            Column::number(lang.pick("Capaian", "Achievement"), 14),
            Column::number(lang.pick("Bobot", "Weight"), 10),
        ];
        let rows = rows
            .iter()
            .map(|i| {
                vec![
                    if i.name == i.indicator || i.name.is_empty() {
                        i.indicator.clone()
                    } else {
                        format!("{} ({})", i.name, i.indicator)
                    },
                    localised(&i.target.to_string(), lang),
                    number(i.actual.normalize(), lang),
                    unit_of(&i.indicator).unwrap_or_default(),
                    percent(i.achievement, lang),
                    percent((i.weight * Decimal::ONE_HUNDRED).round_dp(2).normalize(), lang),
                ]
            })
            .collect();
        blocks.push(Block::Table(Table { columns, rows }));
    }
    blocks
}

fn rating(r: Option<Rating>, lang: Lang) -> String {
    r.map_or_else(|| NONE.to_string(), |x| x.label(lang).to_string())
}

fn source_label(s: RatingSource, lang: Lang) -> &'static str {
    match s {
        RatingSource::Appraiser => lang.pick("penilaian pejabat penilai", "the appraiser's judgement"),
        RatingSource::Advisory => {
            lang.pick("saran dari capaian menurut kebijakan", "advised from achievement by the policy")
        }
        RatingSource::OrgPredicate => {
            lang.pick("mengikuti predikat organisasi", "follows the organisation's predicate")
        }
        RatingSource::BehaviourAdvice => {
            lang.pick("saran dari nilai BerAKHLAK", "advised from the BerAKHLAK values")
        }
        RatingSource::Rollup => lang.pick("rekap predikat periodik", "roll-up of periodic predicates"),
        RatingSource::Computed => lang.pick("dihitung oleh ketentuan", "computed by the rules"),
    }
}

fn ratings(ev: &Evaluation, lang: Lang) -> Block {
    let mut f = Vec::new();
    if let Some(w) = ev.weighted_achievement {
        f.push((lang.pick("Capaian tertimbang", "Weighted achievement").into(), percent(w, lang)));
    }
    if ev.advised_rating.is_some() {
        f.push((
            lang.pick("Saran dari capaian", "Advised from achievement").into(),
            rating(ev.advised_rating, lang),
        ));
    }
    let source = ev.work_result_source.map(|s| format!(" ({})", source_label(s, lang))).unwrap_or_default();
    f.push((
        lang.pick("Hasil kerja", "Work result").into(),
        format!("{}{source}", rating(ev.work_result, lang)),
    ));
    f.push((lang.pick("Perilaku kerja", "Work behaviour").into(), rating(ev.behaviour, lang)));
    if let Some(s) = ev.score {
        f.push((lang.pick("Nilai kinerja", "Performance value").into(), number(s, lang)));
    }
    f.push((lang.pick("Predikat kinerja", "Performance predicate").into(), ev.predicate_label(lang).into()));
    Block::Fields { fields: f }
}

fn how(ev: &Evaluation, lang: Lang) -> Vec<Block> {
    let mut text = match lang {
        Lang::Id => format!(
            "{} memperoleh predikat {} untuk periode {} menurut {}.",
            ev.name,
            ev.predicate_label(lang),
            ev.period,
            ev.regime.citation()
        ),
        Lang::En => format!(
            "{} receives the predicate {} for {} under {}.",
            ev.name,
            ev.predicate_label(lang),
            ev.period,
            ev.regime.citation()
        ),
    };
    if let Some(w) = ev.weighted_achievement {
        let n = ev.indicators.iter().filter(|i| !i.weight.is_zero()).count();
        text.push_str(&match lang {
            Lang::Id => format!(" Capaian tertimbang dari {n} indikator adalah {}.", percent(w, lang)),
            Lang::En => format!(" The weighted achievement of {n} indicators is {}.", percent(w, lang)),
        });
    }
    if ev.regime == RegimeId::Permenpanrb6_2022 {
        text.push_str(&match lang {
            Lang::Id => format!(
                " Hasil kerja {} dan perilaku kerja {} dipadukan dalam matriks predikat (Lampiran PermenPANRB 6/2022).",
                rating(ev.work_result, lang),
                rating(ev.behaviour, lang)
            ),
            Lang::En => format!(
                " Work result {} and work behaviour {} are combined in the predicate matrix (Annex of PermenPANRB 6/2022).",
                rating(ev.work_result, lang),
                rating(ev.behaviour, lang)
            ),
        });
    } else if let Some(s) = ev.score {
        text.push_str(&match lang {
            Lang::Id => format!(" Nilai kinerja {} menentukan predikat.", number(s, lang)),
            Lang::En => format!(" The performance value {} sets the predicate.", number(s, lang)),
        });
    }
    vec![Block::Paragraph { text }, Block::Table(super::display::steps_table(&ev.trace, lang, false))]
}

fn follow_ups(input: &EmployeeDocument<'_>, policy: &Policy, lang: Lang) -> Result<Vec<Block>> {
    let ev = input.evaluation;
    if ev.regime != RegimeId::Permenpanrb6_2022 {
        let text = lang.pick("Tindak lanjut (angka kredit, kebutuhan pengembangan, penghargaan) dihitung untuk penilaian menurut PermenPANRB 6/2022.",
            "Follow-ups (credit points, development needs, rewards) are computed for appraisals under PermenPANRB 6/2022.",
        );
        return Ok(vec![Block::Paragraph { text: text.into() }]);
    }
    let mut items = Vec::new();
    if let Some(grade) = input.plan.and_then(|p| p.employee.functional_grade) {
        let months = ev.period.last_month().saturating_sub(ev.period.first_month()) + 1;
        let cp = credit_points(ev.predicate, grade, months, policy)?;
        items.push(match lang {
            Lang::Id => format!(
                "Angka kredit: {} ({} bulan × {}% × koefisien {}; PermenPANRB 1/2023).",
                number(cp.value, lang),
                months,
                number(cp.percentage, lang),
                number(cp.coefficient, lang)
            ),
            Lang::En => format!(
                "Credit points: {} ({} months × {}% × coefficient {}; PermenPANRB 1/2023).",
                number(cp.value, lang),
                months,
                number(cp.percentage, lang),
                number(cp.coefficient, lang)
            ),
        });
    }
    let behaviour = input
        .plan
        .and_then(|p| p.assessments.iter().find(|a| a.period == ev.period))
        .and_then(|a| a.behaviour.clone());
    let needs = training_needs(&TrainingInput::from_evaluation(ev, behaviour), policy)?;
    if needs.needs.is_empty() {
        items.push(
            lang.pick("Kebutuhan pengembangan kompetensi: tidak ada.", "Development needs: none.").into(),
        );
    }
    for n in &needs.needs {
        let topic = match lang {
            Lang::Id => &n.topic.id,
            Lang::En => &n.topic.en,
        };
        let why: Vec<&str> = n.reasons.iter().map(|r| r.get(lang)).collect();
        items.push(format!(
            "{}: {topic} — {}",
            lang.pick("Pengembangan kompetensi", "Development"),
            why.join("; ")
        ));
    }
    if ev.period.first_month() == 1 && ev.period.last_month() == 12 {
        let history = EmployeeHistory::from_evaluations(std::slice::from_ref(ev))?;
        let lists = follow_up_lists(&[history], ev.period.year(), policy)?;
        for l in lists
            .promotion
            .iter()
            .chain(&lists.award)
            .chain(&lists.development_plan)
            .chain(&lists.sanction_review)
        {
            items.push(format!(
                "{}: {} ({})",
                l.kind.label(lang),
                l.reason.get(lang),
                l.citation.render(lang)
            ));
        }
    }
    Ok(vec![Block::List { items }])
}

fn sources(ev: &Evaluation, lang: Lang) -> Vec<Block> {
    let mut items: Vec<String> = Vec::new();
    for s in &ev.trace.steps {
        let c = s.citation.render(lang);
        if !c.is_empty() && !items.contains(&c) {
            items.push(c);
        }
    }
    vec![Block::List { items }]
}

fn signatures(input: &EmployeeDocument<'_>, lang: Lang) -> Block {
    let ev = input.evaluation;
    let blank = "………………………………".to_string();
    let appraiser = input.appraiser.as_ref();
    Block::Signatures {
        signers: vec![
            Signer {
                role: lang.pick("Pegawai yang dinilai", "Employee").into(),
                name: ev.name.clone(),
                id: format!("NIP {}", ev.employee),
            },
            Signer {
                role: lang.pick("Pejabat penilai kinerja", "Appraiser").into(),
                name: appraiser.map_or_else(|| blank.clone(), |a| a.name.clone()),
                id: appraiser.map_or_else(|| "NIP ".to_string() + &blank, |a| format!("NIP {}", a.id)),
            },
        ],
    }
}
