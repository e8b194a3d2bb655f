//! The law of each regime, one module per regime; every step cites its source.

pub mod common;
pub mod permenpanrb_6_2022;
pub mod permenpanrb_8_2021;
pub mod pp46_2011;
pub mod targets;

use crate::error::{Error, Location, Result};
use crate::evaluation::Evaluation;
use crate::model::Plan;
use crate::period::Period;
use crate::rules::{RegimeId, Ruleset};

/// Evaluates one plan for one period under `rules`, whichever regime it names.
pub fn evaluate(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    if period.year() != plan.year {
        return Err(Error::Input {
            at: Location::employee(&plan.employee.id).with_period(period),
            field: "period".into(),
            reason: format!("period {period} is outside plan year {}", plan.year),
        });
    }
    match rules.regime {
        RegimeId::Permenpanrb6_2022 => permenpanrb_6_2022::evaluate(plan, period, rules),
        RegimeId::Permenpanrb8_2021 => permenpanrb_8_2021::evaluate(plan, period, rules),
        RegimeId::Pp46_2011 => pp46_2011::evaluate(plan, period, rules),
    }
}

/// Evaluates every plan; one result per plan, in input order. Runs in parallel.
pub fn evaluate_all(plans: &[Plan], period: Period, rules: &Ruleset) -> Vec<Result<Evaluation>> {
    use rayon::prelude::*;
    plans.par_iter().map(|p| evaluate(p, period, rules)).collect()
}

/// Checks a roster as a whole: every plan valid and no employee id twice.
pub fn check_roster(plans: &[Plan]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (i, p) in plans.iter().enumerate() {
        p.validate().map_err(|e| e.at_row(i as u64))?;
        if !seen.insert(p.employee.id.as_str()) {
            return Err(Error::Duplicate {
                at: Location::row(i as u64),
                kind: "employee".into(),
                id: p.employee.id.clone(),
            });
        }
    }
    Ok(())
}
