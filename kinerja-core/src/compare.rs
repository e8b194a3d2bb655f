//! What-if: evaluate the same roster under two rulesets (or two policies) and report what
//! changes per employee, with a summary — what an analyst needs before adopting a policy.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::evaluation::Evaluation;
use crate::explain::{Labelled, Lang, number_in};
use crate::model::{Plan, Predicate, Rating};
use crate::period::Period;
use crate::regime::evaluate_all;
use crate::rules::Ruleset;

/// The part of an evaluation a comparison looks at.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Outcome {
    /// The predicate, or `None` when the evaluation failed.
    pub predicate: Option<Predicate>,
    /// The numeric value (PP 46, 8/2021), if any.
    pub score: Option<Decimal>,
    /// The work-result rating used (6/2022).
    pub work_result: Option<Rating>,
    /// The weighted mean achievement, if computed.
    pub weighted_achievement: Option<Decimal>,
    /// The error message when the evaluation failed (English).
    pub error: Option<String>,
    /// The same error message in Bahasa Indonesia (absent in comparisons written before it
    /// was recorded; the Indonesian report then shows the English message).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_id: Option<String>,
}

impl Outcome {
    fn from(r: &crate::error::Result<Evaluation>) -> Self {
        match r {
            Ok(e) => Outcome {
                predicate: Some(e.predicate),
                score: e.score,
                work_result: e.work_result,
                weighted_achievement: e.weighted_achievement,
                error: None,
                error_id: None,
            },
            Err(e) => Outcome {
                predicate: None,
                score: None,
                work_result: None,
                weighted_achievement: None,
                error: Some(e.to_string()),
                error_id: Some(e.message(Lang::Id)),
            },
        }
    }
}

/// One employee under both rulesets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComparisonRow {
    /// Employee id.
    pub employee: String,
    /// Employee name.
    pub name: String,
    /// Unit id.
    pub unit: String,
    /// Under ruleset A.
    pub a: Outcome,
    /// Under ruleset B.
    pub b: Outcome,
    /// Names of the fields that differ (`predicate`, `score`, `work_result`,
    /// `weighted_achievement`, `error`).
    pub changed: Vec<String>,
}

/// Counts over the roster.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ComparisonSummary {
    /// Employees compared.
    pub employees: usize,
    /// Employees with any change.
    pub changed: usize,
    /// Predicate better under B.
    pub improved: usize,
    /// Predicate worse under B.
    pub worsened: usize,
    /// Evaluations that failed under A.
    pub errors_a: usize,
    /// Evaluations that failed under B.
    pub errors_b: usize,
    /// Predicate counts under A (by value).
    pub predicates_a: BTreeMap<String, usize>,
    /// Predicate counts under B (by value).
    pub predicates_b: BTreeMap<String, usize>,
}

/// The comparison of a roster under two rulesets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    /// The period evaluated.
    pub period: Period,
    /// Ruleset A as `regime / policy id vversion`.
    pub ruleset_a: String,
    /// Ruleset B.
    pub ruleset_b: String,
    /// One row per plan, in input order.
    pub rows: Vec<ComparisonRow>,
    /// Totals.
    pub summary: ComparisonSummary,
}

fn describe(r: &Ruleset) -> String {
    format!("{} / {} v{}", r.id(), r.policy.id, r.policy.version)
}

/// Evaluates `plans` for `period` under `a` and under `b` and reports the differences.
///
/// ```
/// use kinerja_core::compare::compare;
/// use kinerja_core::rules::Ruleset;
/// let a = Ruleset::builtin("permenpanrb-6-2022").unwrap();
/// let c = compare(&[], "2024".parse().unwrap(), &a, &a);
/// assert_eq!(c.summary.employees, 0);
/// ```
pub fn compare(plans: &[Plan], period: Period, a: &Ruleset, b: &Ruleset) -> Comparison {
    let ra = evaluate_all(plans, period, a);
    let rb = evaluate_all(plans, period, b);
    let mut summary = ComparisonSummary { employees: plans.len(), ..Default::default() };
    let mut rows = Vec::with_capacity(plans.len());
    for ((plan, x), y) in plans.iter().zip(&ra).zip(&rb) {
        let (oa, ob) = (Outcome::from(x), Outcome::from(y));
        let mut changed = Vec::new();
        if oa.predicate != ob.predicate {
            changed.push("predicate".to_string());
        }
        if oa.score != ob.score {
            changed.push("score".to_string());
        }
        if oa.work_result != ob.work_result {
            changed.push("work_result".to_string());
        }
        if oa.weighted_achievement != ob.weighted_achievement {
            changed.push("weighted_achievement".to_string());
        }
        if oa.error != ob.error {
            changed.push("error".to_string());
        }
        if !changed.is_empty() {
            summary.changed += 1;
        }
        if let (Some(p), Some(q)) = (oa.predicate, ob.predicate) {
            if q > p {
                summary.improved += 1;
            } else if q < p {
                summary.worsened += 1;
            }
        }
        match oa.predicate {
            Some(p) => *summary.predicates_a.entry(p.value().to_string()).or_default() += 1,
            None => summary.errors_a += 1,
        }
        match ob.predicate {
            Some(p) => *summary.predicates_b.entry(p.value().to_string()).or_default() += 1,
            None => summary.errors_b += 1,
        }
        rows.push(ComparisonRow {
            employee: plan.employee.id.clone(),
            name: plan.employee.name.clone(),
            unit: plan.employee.unit.clone(),
            a: oa,
            b: ob,
            changed,
        });
    }
    Comparison { period, ruleset_a: describe(a), ruleset_b: describe(b), rows, summary }
}

impl Comparison {
    /// A readable report: the changed employees and the summary, wholly in `lang` (numbers
    /// in its notation, as explanations write them: `107,00%` in Bahasa Indonesia; an
    /// evaluation's error in that language).
    pub fn to_text(&self, lang: Lang) -> String {
        let show = |o: &Outcome| match (&o.predicate, &o.error) {
            (Some(p), _) => {
                let mut parts = Vec::new();
                if let Some(v) = o.score {
                    parts.push(number_in(&v.to_string(), lang).into_owned());
                } else if let Some(w) = o.weighted_achievement {
                    parts.push(number_in(&format!("{w}%"), lang).into_owned());
                }
                if let Some(w) = o.work_result {
                    parts.push(w.label(lang).to_string());
                }
                if parts.is_empty() {
                    p.label(lang).to_string()
                } else {
                    format!("{} ({})", p.label(lang), parts.join(", "))
                }
            }
            (None, Some(e)) => match lang {
                Lang::Id => format!("GALAT: {}", o.error_id.as_deref().unwrap_or(e)),
                Lang::En => format!("ERROR: {e}"),
            },
            _ => String::new(),
        };
        let (title, none, summ) = match lang {
            Lang::Id => ("Perbandingan", "Tidak ada perubahan.", "Ringkasan"),
            Lang::En => ("Comparison", "No changes.", "Summary"),
        };
        let mut out = format!("{title} {}: A = {}, B = {}\n", self.period, self.ruleset_a, self.ruleset_b);
        let changed: Vec<&ComparisonRow> = self.rows.iter().filter(|r| !r.changed.is_empty()).collect();
        if changed.is_empty() {
            out.push_str(none);
            out.push('\n');
        }
        for r in changed {
            out.push_str(&format!("- {} ({}): {} → {}\n", r.name, r.employee, show(&r.a), show(&r.b)));
        }
        let s = &self.summary;
        let line = match lang {
            Lang::Id => format!(
                "{summ}: {} pegawai, {} berubah, {} naik, {} turun, galat A {}, galat B {}",
                s.employees, s.changed, s.improved, s.worsened, s.errors_a, s.errors_b
            ),
            Lang::En => format!(
                "{summ}: {} employees, {} changed, {} improved, {} worsened, errors A {}, errors B {}",
                s.employees, s.changed, s.improved, s.worsened, s.errors_a, s.errors_b
            ),
        };
        out.push_str(&line);
        out.push('\n');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn outcome(r: &crate::error::Result<Evaluation>) -> Outcome {
        Outcome::from(r)
    }

    #[test]
    fn the_indonesian_report_is_wholly_indonesian() {
        let err: crate::error::Result<Evaluation> = Err("2024-Q5".parse::<Period>().unwrap_err());
        let ok = Outcome {
            predicate: Some(Predicate::Good),
            score: None,
            work_result: Some(Rating::Meets),
            weighted_achievement: Some(dec!(107.00)),
            error: None,
            error_id: None,
        };
        let scored = Outcome { score: Some(dec!(85.25)), ..ok.clone() };
        let row = |id: &str, a: Outcome, b: Outcome| ComparisonRow {
            employee: id.into(),
            name: id.into(),
            unit: "u".into(),
            a,
            b,
            changed: vec!["error".into()],
        };
        let c = Comparison {
            period: "2024".parse().unwrap(),
            ruleset_a: "a".into(),
            ruleset_b: "b".into(),
            rows: vec![row("e1", ok.clone(), outcome(&err)), row("e2", scored.clone(), ok.clone())],
            summary: ComparisonSummary::default(),
        };
        let id = c.to_text(Lang::Id);
        assert!(
            id.contains("e1 (e1): Baik (107,00%, Sesuai ekspektasi) → GALAT: periode `2024-Q5` tidak sah"),
            "{id}"
        );
        assert!(id.contains("e2 (e2): Baik (85,25, Sesuai ekspektasi)"), "{id}");
        assert!(!id.contains("ERROR") && !id.contains("107.00") && !id.contains("invalid period"), "{id}");
        let en = c.to_text(Lang::En);
        assert!(en.contains("Good (107.00%, Meets expectation) → ERROR: invalid period `2024-Q5`"), "{en}");
        // the Indonesian message travels with the JSON form, and older JSON still reads
        let back: Comparison = serde_json::from_str(&serde_json::to_string(&c).unwrap()).unwrap();
        assert_eq!(back, c);
        let mut old = serde_json::to_value(&c).unwrap();
        old["rows"][0]["b"].as_object_mut().unwrap().remove("error_id");
        let old: Comparison = serde_json::from_value(old).unwrap();
        assert!(old.to_text(Lang::Id).contains("GALAT: invalid period"));
    }
}
