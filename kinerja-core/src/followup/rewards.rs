//! Reward and sanction follow-ups (PermenPANRB 6/2022; PP 30/2019 Pasal 56): who is eligible
//! for promotion, for an award, who needs a development plan and whose record calls for a
//! sanction review, each with the reason.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang};
use crate::labelled_enum;
use crate::model::Predicate;
use crate::rules::Policy;

const PATH: &str = "follow_up.rewards";

labelled_enum! {
    /// A follow-up list.
    pub enum FollowUpKind: "follow_up_kind" {
        /// Eligible for promotion or career move (kenaikan pangkat / jabatan).
        Promotion = ("promotion", "Kenaikan pangkat/jabatan", "Promotion"),
        /// Eligible for an award (penghargaan).
        Award = ("award", "Penghargaan", "Award"),
        /// Needs a competence-development plan (rencana pengembangan).
        DevelopmentPlan = ("development_plan", "Rencana pengembangan kompetensi", "Development plan"),
        /// Record calls for a sanction review (PP 30/2019 Pasal 56).
        SanctionReview = ("sanction_review", "Telaah sanksi", "Sanction review"),
    }
}

pub use crate::rules::follow_up::rewards::RewardsPolicy;

/// An employee's annual predicates.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployeeHistory {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    #[serde(default)]
    pub unit: String,
    /// Annual predicate per year.
    pub predicates: BTreeMap<u16, Predicate>,
}

impl EmployeeHistory {
    /// Collects the annual predicates of one employee's annual evaluations (periodic ones are
    /// ignored). Evaluations of another employee or two for the same year are errors.
    pub fn from_evaluations(evaluations: &[crate::evaluation::Evaluation]) -> Result<EmployeeHistory> {
        let first = evaluations.first().ok_or_else(|| Error::Missing {
            at: Location::default(),
            field: "evaluations".into(),
            reason: "at least one evaluation is needed".into(),
        })?;
        let mut h = EmployeeHistory {
            employee: first.employee.clone(),
            unit: first.unit.clone(),
            predicates: BTreeMap::new(),
        };
        for (row, ev) in evaluations.iter().enumerate() {
            let at = Location::employee(&ev.employee).with_period(ev.period).with_row(row as u64);
            if ev.employee != h.employee {
                return Err(Error::Input {
                    at,
                    field: "employee".into(),
                    reason: format!("evaluation of `{}` among those of `{}`", ev.employee, h.employee),
                });
            }
            if ev.period.granularity() != crate::period::Granularity::Annual {
                continue;
            }
            if h.predicates.insert(ev.period.year(), ev.predicate).is_some() {
                return Err(Error::Duplicate {
                    at,
                    kind: "annual evaluation".into(),
                    id: ev.period.to_string(),
                });
            }
        }
        Ok(h)
    }
}

/// An employee on a list, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listed {
    /// Employee id.
    pub employee: String,
    /// Unit id.
    pub unit: String,
    /// The list.
    pub kind: FollowUpKind,
    /// Why.
    pub reason: BiText,
    /// The rule's source.
    pub citation: Citation,
}

/// The four lists.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUpLists {
    /// Eligible for promotion.
    pub promotion: Vec<Listed>,
    /// Eligible for an award.
    pub award: Vec<Listed>,
    /// Needs a development plan.
    pub development_plan: Vec<Listed>,
    /// Sanction review.
    pub sanction_review: Vec<Listed>,
}

fn list(p: &[Predicate], lang: Lang) -> String {
    p.iter().map(|x| x.label(lang)).collect::<Vec<_>>().join(", ")
}

/// Builds the follow-up lists as of `year` from the employees' annual predicates.
/// An employee without a predicate for `year` appears on no list.
///
/// ```
/// use kinerja_core::followup::{follow_up_lists, EmployeeHistory};
/// use kinerja_core::model::Predicate;
/// use kinerja_core::rules::Policy;
/// let h = EmployeeHistory { employee: "a".into(), unit: "u".into(),
///     predicates: [(2024, Predicate::VeryGood)].into() };
/// let l = follow_up_lists(&[h], 2024, &Policy::default()).unwrap();
/// assert_eq!(l.award.len(), 1);
/// assert_eq!(l.promotion.len(), 1);
/// ```
pub fn follow_up_lists(histories: &[EmployeeHistory], year: u16, policy: &Policy) -> Result<FollowUpLists> {
    let rp = &policy.follow_up.rewards;
    let def = RewardsPolicy::default();
    let mut seen = BTreeSet::new();
    let mut out = FollowUpLists::default();
    for (row, h) in histories.iter().enumerate() {
        let at = Location::employee(&h.employee).with_row(row as u64);
        if !seen.insert(h.employee.as_str()) {
            return Err(Error::Duplicate { at, kind: "employee".into(), id: h.employee.clone() });
        }
        if let Some(y) = h.predicates.keys().find(|y| **y > year) {
            return Err(Error::Input {
                at: at.with_period(y),
                field: "predicates".into(),
                reason: format!("a predicate for {y} is after the reference year {year}"),
            });
        }
        let Some(latest) = h.predicates.get(&year).copied() else { continue };
        let mk = |kind, reason: BiText, citation| Listed {
            employee: h.employee.clone(),
            unit: h.unit.clone(),
            kind,
            reason,
            citation,
        };
        // Latest consecutive years ending at `year`.
        let back = |n: u8| -> Vec<Predicate> {
            (0..n)
                .map_while(|i| year.checked_sub(u16::from(i)).and_then(|y| h.predicates.get(&y).copied()))
                .collect()
        };
        let promo = back(rp.promotion_years);
        if promo.len() == usize::from(rp.promotion_years) && promo.iter().all(|p| *p >= rp.promotion_min) {
            out.promotion.push(mk(
                FollowUpKind::Promotion,
                BiText::new(
                    format!(
                        "predikat {} tahun terakhir ({}) minimal {}",
                        rp.promotion_years,
                        list(&promo, Lang::Id),
                        rp.promotion_min.label(Lang::Id)
                    ),
                    format!(
                        "predicate of the last {} year(s) ({}) at least {}",
                        rp.promotion_years,
                        list(&promo, Lang::En),
                        rp.promotion_min.label(Lang::En)
                    ),
                ),
                if rp.promotion_min == def.promotion_min && rp.promotion_years == 1 {
                    Citation::law("PerBKN 3/2023")
                } else {
                    Citation::policy(&policy.id, &format!("{PATH}.promotion_min"))
                },
            ));
        }
        if latest >= rp.award_min {
            out.award.push(mk(
                FollowUpKind::Award,
                BiText::new(
                    format!(
                        "predikat {year} {} minimal {}",
                        latest.label(Lang::Id),
                        rp.award_min.label(Lang::Id)
                    ),
                    format!(
                        "predicate {year} {} at least {}",
                        latest.label(Lang::En),
                        rp.award_min.label(Lang::En)
                    ),
                ),
                Citation::policy(&policy.id, &format!("{PATH}.award_min")),
            ));
        }
        let dev = back(rp.development_years);
        if dev.len() == usize::from(rp.development_years) && dev.iter().all(|p| *p < rp.development_below) {
            out.development_plan.push(mk(
                FollowUpKind::DevelopmentPlan,
                BiText::new(
                    format!(
                        "predikat {} tahun terakhir ({}) di bawah {}",
                        rp.development_years,
                        list(&dev, Lang::Id),
                        rp.development_below.label(Lang::Id)
                    ),
                    format!(
                        "predicate of the last {} year(s) ({}) below {}",
                        rp.development_years,
                        list(&dev, Lang::En),
                        rp.development_below.label(Lang::En)
                    ),
                ),
                if rp.development_years == 1 {
                    Citation::law("PermenPANRB 6/2022")
                } else {
                    Citation::policy(&policy.id, &format!("{PATH}.development_years"))
                },
            ));
        }
        let bad: Vec<(u16, Predicate)> = if rp.sanction_consecutive {
            (0..rp.sanction_years)
                .map_while(|i| {
                    let y = year.checked_sub(u16::from(i))?;
                    h.predicates.get(&y).copied().filter(|p| *p <= rp.sanction_at_or_below).map(|p| (y, p))
                })
                .collect()
        } else {
            h.predicates
                .iter()
                .rev()
                .filter(|(_, p)| **p <= rp.sanction_at_or_below)
                .map(|(y, p)| (*y, *p))
                .collect()
        };
        if bad.len() >= usize::from(rp.sanction_years) {
            let years = |lang: Lang| {
                let each: Vec<String> = bad.iter().map(|(y, p)| format!("{y}: {}", p.label(lang))).collect();
                each.join("; ")
            };
            out.sanction_review.push(mk(
                FollowUpKind::SanctionReview,
                BiText::new(
                    format!(
                        "{} tahun{} dengan predikat paling tinggi {} ({})",
                        bad.len(),
                        if rp.sanction_consecutive { " berturut-turut" } else { "" },
                        rp.sanction_at_or_below.label(Lang::Id),
                        years(Lang::Id)
                    ),
                    format!(
                        "{} {}year(s) with a predicate of {} or worse ({})",
                        bad.len(),
                        if rp.sanction_consecutive { "consecutive " } else { "" },
                        rp.sanction_at_or_below.label(Lang::En),
                        years(Lang::En)
                    ),
                ),
                Citation::unconfirmed(format!("PP 30/2019 Pasal 56; {PATH}.sanction_years")).with_topic(
                    "sanksi administratif; pemicu persisnya belum terkonfirmasi",
                    "administrative sanctions; the exact trigger is unconfirmed",
                ),
            ));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(id: &str, ps: &[(u16, Predicate)]) -> EmployeeHistory {
        EmployeeHistory { employee: id.into(), unit: "u".into(), predicates: ps.iter().copied().collect() }
    }

    #[test]
    fn lists() {
        let mut p = Policy::default();
        p.follow_up.rewards.sanction_years = 2;
        let hs = vec![
            h("a", &[(2023, Predicate::PoorMisconduct), (2024, Predicate::VeryPoor)]),
            h("b", &[(2023, Predicate::VeryPoor), (2024, Predicate::Good)]),
            h("c", &[(2024, Predicate::NeedsImprovement)]),
        ];
        let l = follow_up_lists(&hs, 2024, &p).unwrap();
        assert_eq!(l.sanction_review.len(), 1);
        assert_eq!(l.sanction_review[0].employee, "a");
        assert_eq!(l.promotion.len(), 1);
        assert_eq!(l.development_plan.iter().map(|x| x.employee.as_str()).collect::<Vec<_>>(), ["a", "c"]);
        let dup = vec![h("a", &[]), h("a", &[])];
        assert!(matches!(follow_up_lists(&dup, 2024, &p), Err(Error::Duplicate { .. })));
    }
}
