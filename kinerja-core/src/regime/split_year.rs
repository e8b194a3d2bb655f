//! The 2021 split year (C-20, unconfirmed): under PermenPANRB 8/2021 the annual 2021 period is
//! PP 46/2011 for January–June (2021-S1) integrated with 8/2021 for July–December (2021-S2), as
//! the policy's `permenpanrb_8_2021.split_year` says. The dispatcher ([`super::evaluate`]) calls
//! it, so that neither regime module calls the other.

use super::permenpanrb_8_2021::{self, LAW, integrate_split_year, nk_predicate, predicate_step};
use super::pp46_2011;
use crate::error::{Error, Location, Result};
use crate::evaluation::Evaluation;
use crate::explain::{BiText, Citation, Step, Trace};
use crate::model::Plan;
use crate::num::{self, HUNDRED};
use crate::period::{Granularity, Period};
use crate::rules::{RegimeId, Ruleset};

/// Whether `rules` evaluate `period` as the split year: PermenPANRB 8/2021 with
/// `split_year.enabled`, and the annual 2021 period.
pub(crate) fn applies(period: Period, rules: &Ruleset) -> bool {
    rules.regime == RegimeId::Permenpanrb8_2021
        && rules.policy.permenpanrb_8_2021.split_year.enabled
        && period.year() == 2021
        && period.granularity() == Granularity::Annual
}

/// Evaluates the annual 2021 period as the split year (the caller checked [`applies`]).
pub(crate) fn evaluate(plan: &Plan, period: Period, rules: &Ruleset) -> Result<Evaluation> {
    rules.policy.validate()?;
    plan.validate()?;
    let pol = &rules.policy.permenpanrb_8_2021;
    let at = Location::employee(&plan.employee.id).with_period(period);
    let s1 = Period::semester(2021, 1)?;
    let s2 = Period::semester(2021, 2)?;
    let first = pp46_2011::evaluate(plan, s1, rules)?;
    let second = permenpanrb_8_2021::evaluate_half(plan, s2, rules)?;
    let (Some(a), Some(b)) = (first.score, second.score) else {
        return Err(Error::Missing {
            at,
            field: "score".into(),
            reason: "a half-year evaluation has no value".into(),
        });
    };
    let raw = integrate_split_year(a, b, &pol.split_year, &at)?;
    let score = pol.rounding.apply(raw);
    let innovation = plan.assessment(&period).or_else(|| plan.assessment(&s2)).is_some_and(|x| x.innovation);
    let predicate = nk_predicate(score, innovation, pol);
    let mut trace = Trace::new(BiText::new(
        format!(
            "Nilai kinerja tahun 2021 {} ({}): integrasi PP 46/2011 (Jan–Jun) dan {LAW} (Jul–Des)",
            plan.employee.name, plan.employee.id
        ),
        format!(
            "2021 performance value of {} ({}): PP 46/2011 (Jan–Jun) integrated with {LAW} (Jul–Dec)",
            plan.employee.name, plan.employee.id
        ),
    ));
    trace.extend(first.trace.clone());
    trace.extend(second.trace.clone());
    let w = pol.split_year.pp46_weight;
    trace.push(
        Step::new(
            "split_year",
            BiText::new("Integrasi tahun 2021", "2021 integration"),
            BiText::new(
                format!("{}% × {} × nilai PP 46 + {}% × nilai 8/2021", num::show(w), num::show(pol.split_year.pp46_scale), num::show(HUNDRED - w)),
                format!("{}% × {} × PP 46 value + {}% × 8/2021 value", num::show(w), num::show(pol.split_year.pp46_scale), num::show(HUNDRED - w)),
            ),
            BiText::same(num::show(score)),
            Citation::unconfirmed(format!(
                "integrasi 50/50 tahun 2021 (sumber sekunder, C-20), skala PP 46 (C-22); local policy {}: permenpanrb_8_2021.split_year",
                rules.policy.id
            )),
        )
        .input("pp46", num::show(a))
        .input("permenpanrb_8_2021", num::show(b))
        .unrounded(num::show(raw)),
    );
    trace.push(predicate_step(score, innovation, predicate, pol, &rules.policy.id));
    let mut notes = first.notes.clone();
    notes.extend(second.notes.iter().cloned());
    notes.push(BiText::new(
        "Cara integrasi dua paruh tahun 2021 dan penyetaraan skala PP 46 (0–100) dengan 8/2021 (0–120) belum terkonfirmasi (C-20, C-22)",
        "How the two halves of 2021 are integrated, and how the PP 46 scale (0–100) is made comparable with the 8/2021 scale (0–120), is unconfirmed (C-20, C-22)",
    ));
    let mut indicators = first.indicators.clone();
    indicators.extend(second.indicators.iter().cloned());
    Ok(Evaluation {
        period,
        regime: RegimeId::Permenpanrb8_2021,
        indicators,
        weighted_achievement: None,
        score: Some(score),
        predicate,
        notes,
        trace,
        ..second
    })
}
