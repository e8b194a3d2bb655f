//! Training needs (kebutuhan pengembangan kompetensi): from work results below expectation,
//! BerAKHLAK values below expectation and low indicator achievement, mapped to training
//! topics by policy, and counted per unit and organisation for budget planning.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::{pol, show, show_in};
use crate::error::{Error, Location, Result};
use crate::evaluation::Evaluation;
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::{Behaviour, CoreValue, Rating};
use crate::rules::Policy;

const PATH: &str = "follow_up.training";

pub use crate::rules::follow_up::training::{TrainingPolicy, TrainingTopic};

/// An indicator's achievement for training analysis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IndicatorAchievement {
    /// Indicator id.
    pub indicator: String,
    /// Indicator name.
    #[serde(default)]
    pub name: String,
    /// Achievement in percent.
    pub achievement: Decimal,
}

/// What an employee's training needs are derived from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainingInput {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    pub unit: String,
    /// Work-result rating.
    #[serde(default)]
    pub work_result: Option<Rating>,
    /// Behaviour assessment (per-value ratings and overall).
    #[serde(default)]
    pub behaviour: Option<Behaviour>,
    /// Indicator achievements.
    #[serde(default)]
    pub indicators: Vec<IndicatorAchievement>,
}

impl TrainingInput {
    /// Takes the work result, overall behaviour and indicator achievements of an evaluation;
    /// `behaviour` adds the per-value ratings (an evaluation keeps only the overall rating).
    pub fn from_evaluation(ev: &Evaluation, behaviour: Option<Behaviour>) -> Self {
        let behaviour = match behaviour {
            Some(mut b) => {
                if b.overall.is_none() {
                    b.overall = ev.behaviour;
                }
                Some(b)
            }
            None => ev.behaviour.map(|r| Behaviour { values: BTreeMap::new(), overall: Some(r) }),
        };
        TrainingInput {
            employee: ev.employee.clone(),
            unit: ev.unit.clone(),
            work_result: ev.work_result,
            behaviour,
            indicators: ev
                .indicators
                .iter()
                .map(|i| IndicatorAchievement {
                    indicator: i.indicator.clone(),
                    name: i.name.clone(),
                    achievement: i.achievement,
                })
                .collect(),
        }
    }
}

/// Why a need was found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "id")]
pub enum NeedSource {
    /// Work result below expectation.
    WorkResult,
    /// A core value below expectation.
    CoreValue(CoreValue),
    /// Overall behaviour below expectation.
    Behaviour,
    /// An indicator with low achievement.
    Indicator(String),
}

/// One recommended topic for an employee, with every reason found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingNeed {
    /// The topic.
    pub topic: TrainingTopic,
    /// The sources.
    pub sources: Vec<NeedSource>,
    /// The reasons, one per source.
    pub reasons: Vec<BiText>,
}

/// An employee's training needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrainingNeeds {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    pub unit: String,
    /// The needs, one per topic, in order found.
    pub needs: Vec<TrainingNeed>,
    /// How they were found.
    pub trace: Trace,
}

/// Finds the training needs of one employee.
///
/// ```
/// use kinerja_core::followup::{training_needs, TrainingInput};
/// use kinerja_core::model::{Behaviour, CoreValue, Rating};
/// use kinerja_core::rules::Policy;
/// let b = Behaviour { values: [(CoreValue::Adaptive, Rating::Below)].into(), overall: None };
/// let i = TrainingInput { employee: "e".into(), unit: "u".into(), work_result: Some(Rating::Below),
///     behaviour: Some(b), indicators: vec![] };
/// let n = training_needs(&i, &Policy::default()).unwrap();
/// let codes: Vec<_> = n.needs.iter().map(|x| x.topic.code.as_str()).collect();
/// assert_eq!(codes, ["KIN", "ADP"]);
/// ```
pub fn training_needs(input: &TrainingInput, policy: &Policy) -> Result<TrainingNeeds> {
    let tp = &policy.follow_up.training;
    let at = Location::employee(&input.employee).with_unit(&input.unit);
    if input.employee.trim().is_empty() {
        return Err(Error::Input { at, field: "employee".into(), reason: "is empty".into() });
    }
    let mut found: Vec<(TrainingTopic, NeedSource, BiText, String)> = Vec::new();
    if input.work_result == Some(Rating::Below) {
        found.push((
            tp.work_result_topic.clone(),
            NeedSource::WorkResult,
            BiText::new("hasil kerja di bawah ekspektasi", "work result below expectation"),
            "work_result_topic".into(),
        ));
    }
    if let Some(b) = &input.behaviour {
        let mut any_value = false;
        for (v, r) in &b.values {
            if *r == Rating::Below {
                any_value = true;
                let t = tp
                    .core_value_topics
                    .get(v)
                    .ok_or_else(|| pol(format!("{PATH}.core_value_topics.{}", v.value()), "missing"))?;
                found.push((
                    t.clone(),
                    NeedSource::CoreValue(*v),
                    BiText::new(
                        format!("nilai {} di bawah ekspektasi", v.label(Lang::Id)),
                        format!("core value {} below expectation", v.label(Lang::En)),
                    ),
                    format!("core_value_topics.{}", v.value()),
                ));
            }
        }
        if !any_value && b.overall == Some(Rating::Below) {
            found.push((
                tp.behaviour_topic.clone(),
                NeedSource::Behaviour,
                BiText::new("perilaku kerja di bawah ekspektasi", "work behaviour below expectation"),
                "behaviour_topic".into(),
            ));
        }
    }
    let mut ids = BTreeSet::new();
    for ind in &input.indicators {
        let iat = at.clone().with_indicator(&ind.indicator);
        if !ids.insert(ind.indicator.as_str()) {
            return Err(Error::Duplicate { at: iat, kind: "indicator".into(), id: ind.indicator.clone() });
        }
        if crate::num::negative(ind.achievement) {
            return Err(Error::Indicator {
                at: iat,
                field: "achievement".into(),
                reason: format!("{} is negative", show(ind.achievement)),
            });
        }
        if ind.achievement < tp.low_achievement_below {
            found.push((
                tp.low_achievement_topic.clone(),
                NeedSource::Indicator(ind.indicator.clone()),
                BiText::new(
                    format!(
                        "capaian indikator {} {}% < {}%",
                        ind.indicator,
                        show_in(ind.achievement, Lang::Id),
                        show_in(tp.low_achievement_below, Lang::Id)
                    ),
                    format!(
                        "indicator {} achievement {}% < {}%",
                        ind.indicator,
                        show(ind.achievement),
                        show(tp.low_achievement_below)
                    ),
                ),
                "low_achievement_below".into(),
            ));
        }
    }
    let mut trace = Trace::new(BiText::new(
        format!("Kebutuhan pengembangan kompetensi pegawai {}", input.employee),
        format!("Training needs of employee {}", input.employee),
    ));
    let mut needs: Vec<TrainingNeed> = Vec::new();
    for (topic, source, reason, field) in found {
        trace.push(Step::new(
            topic.code.clone(),
            BiText::new(format!("Topik {}", topic.id), format!("Topic {}", topic.en)),
            reason.clone(),
            BiText::same(topic.code.clone()),
            Citation::policy(&policy.id, &format!("{PATH}.{field}")),
        ));
        match needs.iter_mut().find(|n| n.topic.code == topic.code) {
            Some(n) => {
                n.sources.push(source);
                n.reasons.push(reason);
            }
            None => needs.push(TrainingNeed { topic, sources: vec![source], reasons: vec![reason] }),
        }
    }
    if needs.is_empty() {
        trace.push(Step::new(
            "none",
            BiText::new("Tidak ada kebutuhan", "No needs"),
            BiText::new("tidak ada hasil atau perilaku di bawah ekspektasi", "nothing below expectation"),
            BiText::same(crate::explain::NONE),
            Citation::policy(&policy.id, PATH),
        ));
    }
    Ok(TrainingNeeds { employee: input.employee.clone(), unit: input.unit.clone(), needs, trace })
}

/// Counts of employees per topic, per unit and for the organisation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TrainingSummary {
    /// The topics seen, by code.
    pub topics: BTreeMap<String, TrainingTopic>,
    /// Employees per topic code, per unit.
    pub per_unit: BTreeMap<String, BTreeMap<String, u32>>,
    /// Employees per topic code, whole organisation.
    pub organisation: BTreeMap<String, u32>,
    /// Employees with at least one need.
    pub employees_with_needs: u32,
}

/// Aggregates employees' needs (each employee counted once per topic).
pub fn summarise_training(all: &[TrainingNeeds]) -> Result<TrainingSummary> {
    let mut s = TrainingSummary::default();
    let mut seen = BTreeSet::new();
    for (row, n) in all.iter().enumerate() {
        if !seen.insert(n.employee.as_str()) {
            return Err(Error::Duplicate {
                at: Location::employee(&n.employee).with_row(row as u64),
                kind: "employee".into(),
                id: n.employee.clone(),
            });
        }
        if !n.needs.is_empty() {
            s.employees_with_needs = s.employees_with_needs.saturating_add(1);
        }
        for need in &n.needs {
            s.topics.entry(need.topic.code.clone()).or_insert_with(|| need.topic.clone());
            let u = s.per_unit.entry(n.unit.clone()).or_default().entry(need.topic.code.clone()).or_insert(0);
            *u = u.saturating_add(1);
            let o = s.organisation.entry(need.topic.code.clone()).or_insert(0);
            *o = o.saturating_add(1);
        }
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn needs_and_summary() {
        let p = Policy::default();
        let mk = |e: &str, u: &str, a: Decimal| TrainingInput {
            employee: e.into(),
            unit: u.into(),
            work_result: Some(Rating::Meets),
            behaviour: Some(Behaviour { values: BTreeMap::new(), overall: Some(Rating::Below) }),
            indicators: vec![
                IndicatorAchievement { indicator: "i1".into(), name: String::new(), achievement: a },
                IndicatorAchievement { indicator: "i2".into(), name: String::new(), achievement: dec!(50) },
            ],
        };
        let a = training_needs(&mk("a", "u1", dec!(79.99)), &p).unwrap();
        assert_eq!(a.needs.len(), 2);
        assert_eq!(a.needs[1].sources.len(), 2);
        let b = training_needs(&mk("b", "u1", dec!(80)), &p).unwrap();
        assert_eq!(b.needs[1].sources.len(), 1);
        let s = summarise_training(&[a.clone(), b]).unwrap();
        assert_eq!(s.organisation["IKI"], 2);
        assert_eq!(s.per_unit["u1"]["BER"], 2);
        assert!(summarise_training(&[a.clone(), a]).is_err());
        let mut bad = mk("c", "u", dec!(1));
        bad.indicators[1].indicator = "i1".into();
        assert!(matches!(training_needs(&bad, &p), Err(Error::Duplicate { .. })));
    }
}
