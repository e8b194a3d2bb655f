//! What-if: evaluate the same roster under two rulesets (or two policies) and report what
//! changes per employee, with a summary — what an analyst needs before adopting a policy.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use crate::evaluation::Evaluation;
use crate::explain::{Labelled, Lang};
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
    /// The error message when the evaluation failed.
    pub error: Option<String>,
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
            },
            Err(e) => Outcome {
                predicate: None,
                score: None,
                work_result: None,
                weighted_achievement: None,
                error: Some(e.to_string()),
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
    /// A readable report: the changed employees and the summary.
    pub fn to_text(&self, lang: Lang) -> String {
        let show = |o: &Outcome| match (&o.predicate, &o.error) {
            (Some(p), _) => {
                let mut parts = Vec::new();
                if let Some(v) = o.score {
                    parts.push(v.to_string());
                } else if let Some(w) = o.weighted_achievement {
                    parts.push(format!("{w}%"));
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
            (None, Some(e)) => format!("ERROR: {e}"),
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
