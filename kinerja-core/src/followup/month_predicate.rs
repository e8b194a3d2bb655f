//! Which appraisal's predicate pays a month's allowance (TPP) when appraisals are coarser than a
//! month — teachers, whose platform gives a predicate twice a year (June and December), while TPP
//! is paid monthly and needs a predicate for every month.
//!
//! The law does not say which predicate a month uses; regions bridge the gap. The rule is
//! therefore a required argument ([`MonthPredicateRule`]), never a silent default:
//! * [`MonthPredicateRule::Covering`] — the predicate of the appraisal period that contains the
//!   month (payable once that appraisal exists);
//! * [`MonthPredicateRule::LastCompleted`] — the latest predicate whose period ended before the
//!   month began. With semester and annual predicates this is the practice the NTT provincial
//!   government announced for teachers in 2024 (BKD NTT, 15 February 2024): January–June use
//!   the previous year's annual predicate, July–December the first semester's.
//!
//! ```
//! use kinerja_core::followup::{MonthPredicateRule, month_predicate};
//! use kinerja_core::model::Predicate;
//! let p = |s: &str| s.parse().unwrap();
//! let known = [(p("2023"), Predicate::Good), (p("2023-S2"), Predicate::NeedsImprovement),
//!              (p("2024-S1"), Predicate::VeryGood), (p("2024-S2"), Predicate::Good)];
//! let march = month_predicate(p("2024-03"), &known, MonthPredicateRule::LastCompleted).unwrap();
//! assert_eq!((march.source.to_string(), march.predicate), ("2023".to_string(), Predicate::Good));
//! let july = month_predicate(p("2024-07"), &known, MonthPredicateRule::LastCompleted).unwrap();
//! assert_eq!(july.predicate, Predicate::VeryGood);
//! let covering = month_predicate(p("2024-03"), &known, MonthPredicateRule::Covering).unwrap();
//! assert_eq!(covering.source.to_string(), "2024-S1");
//! ```

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::Predicate;
use crate::period::{Granularity, Period};

crate::labelled_enum! {
    /// How a month finds its predicate among coarser appraisals. Legal status: local choice
    /// (the regulations do not settle it).
    pub enum MonthPredicateRule: "month_predicate_rule" {
        /// The predicate of the shortest appraisal period that contains the month.
        Covering = ("covering", "Periode yang mencakup", "Covering period", ["mencakup"]),
        /// The latest predicate whose period ended before the month began; among periods
        /// ending in the same month, the longest (the annual appraisal over a second semester).
        LastCompleted = ("last_completed", "Periode terakhir yang selesai", "Last completed period", ["terakhir_selesai"]),
    }
}

impl MonthPredicateRule {
    fn describe(self) -> BiText {
        match self {
            MonthPredicateRule::Covering => BiText::new(
                "predikat periode penilaian terpendek yang mencakup bulan ini",
                "the predicate of the shortest appraisal period containing the month",
            ),
            MonthPredicateRule::LastCompleted => BiText::new(
                "predikat terakhir yang periodenya selesai sebelum bulan ini dimulai (periode terpanjang bila berakhir bersamaan)",
                "the latest predicate whose period ended before the month began (the longest when several end together)",
            ),
        }
    }
}

/// The predicate chosen for a month, with where it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthPredicate {
    /// The month paid.
    pub month: Period,
    /// The appraisal period whose predicate is used.
    pub source: Period,
    /// The predicate.
    pub predicate: Predicate,
    /// Step-by-step explanation.
    pub trace: Trace,
}

/// Months since year 0 of a period's last month (for ordering ends across years).
fn end_key(p: &Period) -> u32 {
    u32::from(p.year()) * 12 + u32::from(p.last_month())
}

fn start_key(p: &Period) -> u32 {
    u32::from(p.year()) * 12 + u32::from(p.first_month())
}

/// The predicate that pays `month` under `rule`, from the known appraisals `(period,
/// predicate)` of one employee. An error when `month` is not a month, when a period appears
/// twice, or when no appraisal qualifies (the message says which appraisal is missing).
pub fn month_predicate(
    month: Period,
    known: &[(Period, Predicate)],
    rule: MonthPredicateRule,
) -> Result<MonthPredicate> {
    if month.granularity() != Granularity::Month {
        return Err(Error::Input {
            at: Location { period: Some(month.to_string()), ..Default::default() },
            field: "month".into(),
            reason: format!("`{month}` is not a month; give a month such as `{}-01`", month.year()),
        });
    }
    for (i, (p, _)) in known.iter().enumerate() {
        if known[..i].iter().any(|(q, _)| q == p) {
            return Err(Error::Duplicate {
                at: Location { period: Some(p.to_string()), ..Default::default() },
                kind: "appraisal period".into(),
                id: p.to_string(),
            });
        }
    }
    let chosen = match rule {
        MonthPredicateRule::Covering => {
            known.iter().filter(|(p, _)| p.contains(&month)).min_by_key(|(p, _)| p.months())
        }
        MonthPredicateRule::LastCompleted => known
            .iter()
            .filter(|(p, _)| end_key(p) < start_key(&month))
            .max_by_key(|(p, _)| (end_key(p), p.months())),
    };
    let Some(&(source, predicate)) = chosen else {
        let need = match rule {
            MonthPredicateRule::Covering => format!("an appraisal of a period containing {month}"),
            MonthPredicateRule::LastCompleted => {
                format!("an appraisal of a period that ended before {month}")
            }
        };
        return Err(Error::Missing {
            at: Location { period: Some(month.to_string()), ..Default::default() },
            field: "predicate".into(),
            reason: format!("no appraisal pays this month: {need} is needed"),
        });
    };
    let mut trace = Trace::new(BiText::new(
        format!("Predikat untuk TPP bulan {month}"),
        format!("Predicate for the TPP of month {month}"),
    ));
    trace.push(
        Step::new(
            "predicate",
            BiText::new("Predikat yang dipakai", "Predicate used"),
            rule.describe(),
            BiText::new(
                format!("{} (periode {source})", predicate.label(Lang::Id)),
                format!("{} (period {source})", predicate.label(Lang::En)),
            ),
            Citation::unconfirmed("engine convention").with_topic(
                format!("aturan month_predicate `{}` dipilih oleh pemanggil", rule.value()),
                format!("month_predicate rule `{}` chosen by the caller", rule.value()),
            ),
        )
        .input("month", month)
        .input("appraisals", known.len()),
    );
    Ok(MonthPredicate { month, source, predicate, trace })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Period {
        s.parse().unwrap()
    }

    fn teacher() -> Vec<(Period, Predicate)> {
        vec![
            (p("2023"), Predicate::Good),
            (p("2023-S2"), Predicate::NeedsImprovement),
            (p("2024-S1"), Predicate::VeryGood),
            (p("2024-S2"), Predicate::Good),
            (p("2024"), Predicate::VeryGood),
        ]
    }

    #[test]
    fn last_completed_follows_the_ntt_practice() {
        let known = teacher();
        for m in 1..=6 {
            let r =
                month_predicate(Period::month(2024, m).unwrap(), &known, MonthPredicateRule::LastCompleted)
                    .unwrap();
            // The annual 2023 predicate, not the 2023-S2 one that ends in the same month.
            assert_eq!((r.source, r.predicate), (p("2023"), Predicate::Good), "month {m}");
        }
        for m in 7..=12 {
            let r =
                month_predicate(Period::month(2024, m).unwrap(), &known, MonthPredicateRule::LastCompleted)
                    .unwrap();
            assert_eq!((r.source, r.predicate), (p("2024-S1"), Predicate::VeryGood), "month {m}");
        }
    }

    #[test]
    fn covering_takes_the_shortest_containing_period() {
        let known = teacher();
        let r = month_predicate(p("2024-06"), &known, MonthPredicateRule::Covering).unwrap();
        assert_eq!(r.source, p("2024-S1"));
        let r = month_predicate(p("2024-07"), &known, MonthPredicateRule::Covering).unwrap();
        assert_eq!((r.source, r.predicate), (p("2024-S2"), Predicate::Good));
        // Only the annual appraisal covers the month: it is used.
        let annual_only = [(p("2024"), Predicate::NeedsImprovement)];
        let r = month_predicate(p("2024-02"), &annual_only, MonthPredicateRule::Covering).unwrap();
        assert_eq!(r.predicate, Predicate::NeedsImprovement);
    }

    #[test]
    fn missing_duplicate_and_non_month_are_errors() {
        let first_year = [(p("2024-S1"), Predicate::Good)];
        let e = month_predicate(p("2024-03"), &first_year, MonthPredicateRule::LastCompleted).unwrap_err();
        assert!(e.to_string().contains("ended before 2024-03"), "{e}");
        let e = month_predicate(p("2024-09"), &first_year, MonthPredicateRule::Covering).unwrap_err();
        assert!(e.to_string().contains("containing 2024-09"), "{e}");
        let twice = [(p("2024-S1"), Predicate::Good), (p("2024-S1"), Predicate::VeryGood)];
        assert!(matches!(
            month_predicate(p("2024-09"), &twice, MonthPredicateRule::LastCompleted),
            Err(Error::Duplicate { .. })
        ));
        assert!(matches!(
            month_predicate(p("2024-Q1"), &first_year, MonthPredicateRule::Covering),
            Err(Error::Input { .. })
        ));
    }

    #[test]
    fn the_explanation_names_the_source_in_both_languages() {
        let r = month_predicate(p("2024-08"), &teacher(), MonthPredicateRule::LastCompleted).unwrap();
        assert!(r.trace.to_text(Lang::Id).contains("Sangat Baik (periode 2024-S1)"));
        assert!(r.trace.to_text(Lang::En).contains("Very good (period 2024-S1)"));
    }
}
