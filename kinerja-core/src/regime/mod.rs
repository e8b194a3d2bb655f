//! The law of each regime, one module per regime; every step cites its source.

pub mod common;
pub mod permenpanrb_6_2022;
pub mod permenpanrb_8_2021;
pub mod pp46_2011;
mod split_year;
pub mod targets;

use crate::error::{Error, Location, Result};
use crate::evaluation::Evaluation;
use crate::explain::BiText;
use crate::model::Plan;
use crate::period::Period;
use crate::rules::{Date, RegimeId, Ruleset};

/// Evaluates one plan for one period under `rules`, whichever regime it names. Under
/// PermenPANRB 8/2021 the annual 2021 period is the split year when the policy says so
/// (`permenpanrb_8_2021.split_year`): PP 46 for 2021-S1 and 8/2021 for 2021-S2, integrated.
///
/// Rules outside their effective dates still evaluate (what-if comparisons stay possible),
/// with a note saying which regime was in force for the period.
pub fn evaluate(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    if period.year() != plan.year {
        return Err(Error::Input {
            at: Location::employee(&plan.employee.id).with_period(period),
            field: "period".into(),
            reason: format!("period {period} is outside plan year {}", plan.year),
        });
    }
    let mut ev = match rules.regime {
        RegimeId::Permenpanrb6_2022 => permenpanrb_6_2022::evaluate(plan, period, rules),
        RegimeId::Permenpanrb8_2021 if split_year::applies(period, rules) => {
            split_year::evaluate(plan, period, rules)
        }
        RegimeId::Permenpanrb8_2021 => permenpanrb_8_2021::evaluate(plan, period, rules),
        RegimeId::Pp46_2011 => pp46_2011::evaluate(plan, period, rules),
    }?;
    if let Some(note) = out_of_force_note(rules, period) {
        ev.notes.push(note);
    }
    Ok(ev)
}

/// The builtin ruleset in force for `period` (its last month decides for the 2021 year, which
/// the 8/2021 ruleset evaluates as a split year). Before 2014 (DP3, PP 10/1979) is an error.
///
/// ```
/// use kinerja_core::regime::rules_in_force;
/// assert_eq!(rules_in_force(&"2020".parse().unwrap()).unwrap().id(), "pp-46-2011");
/// assert_eq!(rules_in_force(&"2021-S2".parse().unwrap()).unwrap().id(), "permenpanrb-8-2021");
/// assert_eq!(rules_in_force(&"2024-Q1".parse().unwrap()).unwrap().id(), "permenpanrb-6-2022");
/// assert!(rules_in_force(&"2010".parse().unwrap()).is_err());
/// ```
pub fn rules_in_force(period: &Period) -> Result<Ruleset> {
    let regime = RegimeId::for_period(period).map_err(|e| match e {
        Error::Input { reason, .. } => Error::Input {
            at: Location::default().with_period(*period),
            field: "period".into(),
            reason: format!("no ruleset is in force for {period}: {reason}"),
        },
        other => other,
    })?;
    Ok(Ruleset { regime, policy: Default::default() })
}

/// Evaluates under the builtin ruleset in force for `period` ([`rules_in_force`]).
pub fn evaluate_in_force(plan: &Plan, period: Period) -> Result<Evaluation> {
    evaluate(plan, period, &rules_in_force(&period)?)
}

/// A note when `rules` govern none or only part of `period` (the 2021 split year under
/// 8/2021 excepted).
fn out_of_force_note(rules: &Ruleset, period: Period) -> Option<BiText> {
    let (from, to) = rules.regime.effective();
    let first = Date::ymd_unchecked(period.year(), period.first_month(), 1);
    let last = Date::ymd_unchecked(period.year(), period.last_month(), 28);
    let inside = first >= from && to.is_none_or(|t| last <= t);
    if inside || split_year::applies(period, rules) {
        return None;
    }
    let until = to.map(|t| t.to_string());
    let span_id = format!("{from} s.d. {}", until.clone().unwrap_or_else(|| "sekarang".into()));
    let span_en = format!("{from} to {}", until.unwrap_or_else(|| "now".into()));
    let in_force = match RegimeId::for_period(&period) {
        Ok(r) => (
            format!("yang berlaku untuk {period} adalah {}", r.citation()),
            format!("the regime in force for {period} is {}", r.citation()),
        ),
        Err(_) => (
            format!("tidak ada rezim yang diterapkan untuk {period}"),
            format!("no implemented regime is in force for {period}"),
        ),
    };
    Some(BiText::new(
        format!(
            "Aturan {} berlaku untuk periode {span_id}, bukan untuk {period}; {} (perbandingan bagaimana-jika)",
            rules.regime.citation(),
            in_force.0
        ),
        format!(
            "The {} rules govern periods from {span_en}, not {period}; {} (a what-if comparison)",
            rules.regime.citation(),
            in_force.1
        ),
    ))
}

/// Evaluates every plan; one result per plan, in input order. Runs in parallel with the
/// `parallel` feature (default), on the calling thread without it.
pub fn evaluate_all(plans: &[Plan], period: Period, rules: &Ruleset) -> Vec<Result<Evaluation>> {
    use crate::par::*;
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

#[cfg(test)]
mod tests {
    use super::*;

    fn note(rules: &str, period: &str) -> Option<String> {
        let rules = Ruleset::builtin(rules).unwrap_or_else(|e| panic!("{e}"));
        out_of_force_note(&rules, period.parse().unwrap_or_else(|e| panic!("{e}"))).map(|n| n.en)
    }

    #[test]
    fn a_note_exactly_when_the_rules_do_not_govern_the_whole_period() {
        // PP 46/2011: 2014-01-01 to 2021-06-30
        for inside in ["2014-01", "2020", "2021-S1", "2021-06"] {
            assert_eq!(note("pp-46-2011", inside), None, "{inside}");
        }
        for outside in ["2013", "2021", "2021-07", "2021-S2", "2024"] {
            let n = note("pp-46-2011", outside).unwrap_or_else(|| panic!("no note for {outside}"));
            assert!(n.contains("what-if"), "{n}");
        }
        // 8/2021: 2021-07-01 to 2021-12-31, and the annual 2021 as the split year
        for inside in ["2021-07", "2021-S2", "2021-Q4", "2021"] {
            assert_eq!(note("permenpanrb-8-2021", inside), None, "{inside}");
        }
        for outside in ["2019", "2021-S1", "2021-06", "2022"] {
            assert!(note("permenpanrb-8-2021", outside).is_some(), "{outside}");
        }
        // without the split year, the annual 2021 is only half governed by 8/2021
        let mut rules = Ruleset::builtin("permenpanrb-8-2021").unwrap_or_else(|e| panic!("{e}"));
        rules.policy.permenpanrb_8_2021.split_year.enabled = false;
        assert!(out_of_force_note(&rules, "2021".parse().unwrap_or_else(|e| panic!("{e}"))).is_some());
        // 6/2022: from 2022-01-01 on
        assert_eq!(note("permenpanrb-6-2022", "2022-01"), None);
        assert_eq!(note("permenpanrb-6-2022", "2030"), None);
        let n = note("permenpanrb-6-2022", "2021-12").unwrap_or_default();
        assert!(n.contains("2022-01-01") && n.contains("8/2021"), "{n}");
    }
}
