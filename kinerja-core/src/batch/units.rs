//! After scoring: annual credit points per employee and the distribution curve per unit.

use super::*;

/// Annual credit points per employee (PermenPANRB 1/2023; 12 months): for each employee with
/// a predicate and a functional grade (code in [`FunctionalGrade`]'s declaration order,
/// Pemula 0 … Ahli Utama 7; null: not a functional post), the scalar
/// [`crate::followup::credit_points()`] of that (predicate, grade) pair, looked up from the 40
/// pairs computed once. Returns mantissas at the policy's credit-point rounding scale and
/// their validity.
///
/// [`FunctionalGrade`]: crate::model::FunctionalGrade
pub fn credit_points(
    out: &EmployeeScores,
    grade: &CodeColumn,
    policy: &crate::rules::Policy,
) -> Result<(Vec<i128>, Vec<bool>, u32), Error> {
    use crate::explain::Labelled;
    use crate::model::FunctionalGrade;
    let scale = policy.follow_up.credit_points.rounding.scale;
    let grades = FunctionalGrade::ALL;
    let mut lut = vec![0i128; PREDICATE_ORDER.len() * grades.len()];
    for (p, pred) in PREDICATE_ORDER.iter().enumerate() {
        for (g, gr) in grades.iter().enumerate() {
            let v = crate::followup::credit_points(*pred, *gr, 12, policy)?.value;
            let m = mantissa_at(v, scale).ok_or_else(|| Error::Arithmetic {
                at: Location::default(),
                operation: format!("credit points {v} at {scale} places"),
            })?;
            if let Some(slot) = lut.get_mut(p * grades.len() + g) {
                *slot = m;
            }
        }
    }
    let (values, valid): (Vec<i128>, Vec<bool>) = out
        .predicate
        .par_iter()
        .enumerate()
        .map(|(e, p)| {
            let g = grade.get(e).map(usize::from).filter(|g| *g < grades.len());
            match (p, g) {
                (Some(p), Some(g)) => {
                    lut.get(predicate_code(*p) as usize * grades.len() + g).map_or((0, false), |v| (*v, true))
                }
                _ => (0, false),
            }
        })
        .unzip();
    Ok((values, valid, scale))
}

pub(super) const PREDICATE_ORDER: [Predicate; 5] = [
    Predicate::VeryPoor,
    Predicate::PoorMisconduct,
    Predicate::NeedsImprovement,
    Predicate::Good,
    Predicate::VeryGood,
];

/// The distribution verdict of one unit of a batch (SE MenPANRB 3/2023).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct UnitDistribution {
    /// Counted employees per predicate code, worst (Sangat Kurang) 0 to best (Sangat Baik) 4.
    pub counts: [u64; 5],
    /// Unit heads with a predicate left out of the count (policy
    /// `organisation.head_counted = false`).
    pub heads_excluded: u64,
    /// The violated constraints (empty: the unit passes); `None` when the unit has no
    /// organisational predicate, so the curve cannot be checked.
    pub violations: Option<Vec<crate::org::distribution::Constraint>>,
}

/// The per-unit distribution check on batch results: each unit's employees (by
/// [`EmployeeColumns::unit`]) with a predicate are counted — the unit head only when
/// `policy.organisation.head_counted` — and the counts are checked with
/// [`crate::org::count_violations`] against the unit's organisational predicate. Employees
/// without a predicate (errors, missing behaviour) or without a unit are not counted. Returns
/// one entry per unit row, in order; empty when the employees have no unit column.
pub fn unit_distribution(
    out: &EmployeeScores,
    emps: &EmployeeColumns,
    units: &UnitColumns,
    policy: &crate::rules::Policy,
) -> Result<Vec<UnitDistribution>, Error> {
    let Some(unit) = emps.unit else { return Ok(Vec::new()) };
    let org = &policy.organisation;
    let mut res = vec![UnitDistribution::default(); units.len];
    for (e, (p, u)) in out.predicate.iter().zip(unit).enumerate() {
        let (Some(p), Some(d)) = (p, res.get_mut(*u as usize)) else { continue };
        if !org.head_counted && emps.unit_head.as_ref().is_some_and(|c| c.get(e)) {
            d.heads_excluded += 1;
        } else if let Some(x) = d.counts.get_mut(predicate_code(*p) as usize) {
            *x += 1;
        }
    }
    for (i, d) in res.iter_mut().enumerate() {
        let Some(op) = units.org_predicate.as_ref().and_then(|c| c.get(i)).and_then(org_predicate_of) else {
            continue;
        };
        d.violations = Some(crate::org::count_violations(op, &d.counts, org)?);
    }
    Ok(res)
}
