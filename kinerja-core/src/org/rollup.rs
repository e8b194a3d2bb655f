//! Organisational performance: IKU achievement per unit, the unit's weighted mean, roll-up
//! over the tree, and the organisational predicate (an input, or advised by local-policy
//! bands; PermenPANRB 6/2022 sets no thresholds, open question C-3).
//!
//! Aggregation (declared):
//! * each goal with a realisation gets its achievement from
//!   [`crate::achievement::achievement`] (the policy's achievement choices); goals without a
//!   realisation are left out and listed;
//! * a unit's own value is the weighted mean of its goals' achievements (full precision; when
//!   no goal of the unit has a weight, all weigh the same; a weight on some goals but not on
//!   others is an error);
//! * the unit's rolled value follows [`RollupMode`]: own goals only (default), own goals or
//!   else the mean of the children, or a blend with `children_share` percent for the children;
//! * values are rounded once, when reported (policy `rounding.reported`); the advisory bands
//!   compare the rounded value.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::RollupMode;
use super::structure::OrgStructure;
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::OrgPredicate;
use crate::num::{Rounding, add, div, mean, mul, sub, sum};
use crate::rules::Policy;

/// The achievement of one goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalResult {
    /// Goal id.
    pub goal: String,
    /// Achievement in percent, full precision.
    pub achievement_raw: Decimal,
    /// Achievement rounded by the policy.
    pub achievement: Decimal,
    /// The weight used (normalised share of 1).
    pub weight: Decimal,
}

/// One unit's performance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnitPerformance {
    /// Unit id.
    pub unit: String,
    /// Per-goal results.
    pub goals: Vec<GoalResult>,
    /// Goals left out (no realisation).
    pub excluded_goals: Vec<String>,
    /// Weighted mean of the unit's own goals, full precision.
    pub own_raw: Option<Decimal>,
    /// The rolled-up value, full precision.
    pub value_raw: Option<Decimal>,
    /// The rolled-up value, rounded.
    pub value: Option<Decimal>,
    /// The organisational predicate given as input.
    pub given_predicate: Option<OrgPredicate>,
    /// The predicate advised by the policy's bands (local policy), if any.
    pub advised_predicate: Option<OrgPredicate>,
    /// The predicate to use: the given one, else the advised one.
    pub predicate: Option<OrgPredicate>,
    /// Explanation.
    pub trace: Trace,
}

/// Performance of every unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgPerformance {
    /// Per unit, in breadth-first order.
    pub units: Vec<UnitPerformance>,
}

impl OrgPerformance {
    /// The unit's performance.
    pub fn unit(&self, id: &str) -> Option<&UnitPerformance> {
        self.units.iter().find(|u| u.unit == id)
    }
}

/// The roll-up step's formula: the mode in words, with the children's share for a blend (the
/// only mode that reads it).
fn mode_formula(mode: RollupMode, share: Decimal) -> BiText {
    let (id, en) = (mode_text(mode, Lang::Id), mode_text(mode, Lang::En));
    match mode {
        RollupMode::Blend => BiText::new(
            format!("{id}, porsi sub-unit {}%", share.normalize()),
            format!("{en}, children share {}%", share.normalize()),
        ),
        _ => BiText::new(id, en),
    }
}

/// How a unit's value takes its sub-units, as a trace's formula says it.
fn mode_text(mode: RollupMode, lang: Lang) -> &'static str {
    match mode {
        RollupMode::OwnGoals => lang.pick("sasaran unit sendiri saja", "the unit's own goals only"),
        RollupMode::OwnOrChildren => lang.pick(
            "sasaran sendiri, atau rerata sub-unit bila tidak ada",
            "own goals, else the mean of sub-units",
        ),
        RollupMode::Blend => {
            lang.pick("campuran sasaran sendiri dan sub-unit", "a blend of own goals and sub-units")
        }
    }
}

/// Computes IKU achievement and the roll-up for every unit. `given` holds the organisational
/// predicates set by the superior organisation (PermenPANRB 6/2022); those override the advice.
///
/// ```
/// use kinerja_core::org::{OrgStructure, OrgUnit, UnitGoal, unit_performance};
/// use kinerja_core::model::{Polarity, Target};
/// use kinerja_core::rules::Policy;
/// use rust_decimal_macros::dec;
/// let s = OrgStructure::new(
///     vec![OrgUnit { id: "dinkes".into(), name: "Dinas Kesehatan".into(), parent: None, head: None }],
///     vec![UnitGoal { id: "iku-1".into(), unit: "dinkes".into(), name: "Cakupan imunisasi".into(),
///         target: Target::Point(dec!(90)), polarity: Polarity::HigherIsBetter, weight: None, actual: Some(dec!(92)) }],
///     vec![]).unwrap();
/// let p = unit_performance(&s, &Default::default(), &Policy::default()).unwrap();
/// assert_eq!(p.unit("dinkes").unwrap().value, Some(dec!(102.22)));
/// ```
pub fn unit_performance(
    structure: &OrgStructure,
    given: &BTreeMap<String, OrgPredicate>,
    policy: &Policy,
) -> Result<OrgPerformance> {
    for u in given.keys() {
        if structure.unit(u).is_none() {
            return Err(Error::Unknown { at: Location::unit(u), kind: "unit".into(), id: u.clone() });
        }
    }
    let org = &policy.organisation;
    let order = structure.breadth_first();
    let mut perf: BTreeMap<&str, UnitPerformance> = BTreeMap::new();
    // Children before parents: reverse breadth-first order.
    for &uid in order.iter().rev() {
        let at = Location::unit(uid);
        let mut trace =
            Trace::new(BiText::new(format!("Kinerja unit {uid}"), format!("Performance of unit {uid}")));
        let goals = structure.goals_of(uid)?;
        let with_actual: Vec<_> = goals.iter().filter(|g| g.actual.is_some()).collect();
        let excluded_goals: Vec<String> =
            goals.iter().filter(|g| g.actual.is_none()).map(|g| g.id.clone()).collect();
        let weighted = with_actual.iter().filter(|g| g.weight.is_some()).count();
        if weighted != 0 && weighted != with_actual.len() {
            let missing =
                with_actual.iter().find(|g| g.weight.is_none()).map(|g| g.id.clone()).unwrap_or_default();
            return Err(Error::Indicator {
                at: at.with_indicator(&missing),
                field: "weight".into(),
                reason: "some goals of the unit have a weight and this one has none; give every goal a weight or none"
                    .into(),
            });
        }
        let weights: Vec<Decimal> = with_actual.iter().map(|g| g.weight.unwrap_or(Decimal::ONE)).collect();
        let wsum = sum(weights.iter().copied(), &at)?;
        if !with_actual.is_empty() && wsum.is_zero() {
            return Err(Error::Indicator {
                at,
                field: "weight".into(),
                reason: "the weights of the unit's goals sum to 0".into(),
            });
        }
        let mut results = Vec::new();
        let mut acc = Decimal::ZERO;
        for (g, w) in with_actual.iter().zip(&weights) {
            let gat = at.clone().with_indicator(&g.id);
            let actual = g.actual.unwrap_or_default();
            let a = crate::achievement::achievement(g.target, actual, g.polarity, &policy.achievement, None)
                .map_err(|e| e.into_error(&gat))?;
            let share = div(*w, wsum, &gat)?;
            acc = add(acc, mul(a.value, share, &gat)?, &gat)?;
            let rounded = policy.rounding.achievement.apply(a.value);
            trace.push(
                Step::new(
                    g.id.clone(),
                    BiText::new(format!("Capaian IKU {}", g.name), format!("IKU achievement {}", g.name)),
                    BiText::new(
                        format!("{:?}, polaritas {}", a.rule, g.polarity.label(Lang::Id)),
                        format!("{:?}, polarity {}", a.rule, g.polarity.label(Lang::En)),
                    ),
                    BiText::same(format!("{rounded}%")),
                    Citation::law_on("PermenPANRB 88/2021", "capaian IKU", "IKU achievement"),
                )
                .input("target", g.target)
                .input("actual", actual.normalize())
                .input("weight", share.normalize())
                .unrounded(a.value.normalize()),
            );
            results.push(GoalResult {
                goal: g.id.clone(),
                achievement_raw: a.value,
                achievement: rounded,
                weight: share,
            });
        }
        let own_raw = if with_actual.is_empty() { None } else { Some(acc) };
        if let Some(o) = own_raw {
            trace.push(
                Step::new(
                    "own",
                    BiText::new("Rata-rata tertimbang IKU unit", "Weighted mean of the unit's IKU"),
                    BiText::new("Σ capaian × bobot / Σ bobot", "Σ achievement × weight / Σ weights"),
                    BiText::same(policy.rounding.reported.apply(o).to_string()),
                    Citation::unconfirmed("engine convention: weighted mean of IKU achievement"),
                )
                .unrounded(o.normalize()),
            );
        }
        let kids: Vec<Decimal> =
            structure.children(uid)?.iter().filter_map(|c| perf.get(c).and_then(|p| p.value_raw)).collect();
        let value_raw = match (org.rollup, own_raw, kids.is_empty()) {
            (RollupMode::OwnGoals, o, _) => o,
            (_, None, true) => None,
            (RollupMode::OwnOrChildren, Some(o), _) => Some(o),
            (RollupMode::OwnOrChildren, None, false) | (RollupMode::Blend, None, false) => {
                Some(mean(&kids, &at)?)
            }
            (RollupMode::Blend, Some(o), true) => Some(o),
            (RollupMode::Blend, Some(o), false) => {
                let s = div(org.children_share, Decimal::ONE_HUNDRED, &at)?;
                let m = mean(&kids, &at)?;
                Some(add(mul(sub(Decimal::ONE, s, &at)?, o, &at)?, mul(s, m, &at)?, &at)?)
            }
        };
        if org.rollup != RollupMode::OwnGoals {
            if let Some(v) = value_raw {
                trace.push(
                    Step::new(
                        "rollup",
                        BiText::new("Nilai unit dengan sub-unit", "Unit value with sub-units"),
                        mode_formula(org.rollup, org.children_share),
                        BiText::same(policy.rounding.reported.apply(v).to_string()),
                        super::policy_citation("rollup"),
                    )
                    .input("children", kids.len())
                    .unrounded(v.normalize()),
                );
            }
        }
        let value = value_raw.map(|v| policy.rounding.reported.apply(v));
        let advised = value.and_then(|v| org.advise(v));
        if let Some(a) = advised {
            trace.push(Step::new(
                "advised_predicate",
                BiText::new("Saran predikat organisasi", "Advised organisational predicate"),
                BiText::new("pita saran kebijakan lokal", "local-policy advisory bands"),
                BiText::new(a.label(Lang::Id), a.label(Lang::En)),
                super::policy_citation("advisory_bands"),
            ));
        }
        let given_p = given.get(uid).copied();
        if let Some(g) = given_p {
            trace.push(Step::new(
                "org_predicate",
                BiText::new("Predikat kinerja organisasi", "Organisational performance predicate"),
                BiText::new(
                    "ditetapkan pimpinan unit kerja atasan (masukan)",
                    "set by the superior organisation's leader (input)",
                ),
                BiText::new(g.label(Lang::Id), g.label(Lang::En)),
                Citation::input("PermenPANRB 6/2022; SE MenPANRB 3/2023")
                    .with_topic("pimpinan unit kerja atasan", "head of the superior unit"),
            ));
        }
        perf.insert(
            uid,
            UnitPerformance {
                unit: uid.to_string(),
                goals: results,
                excluded_goals,
                own_raw,
                value_raw,
                value,
                given_predicate: given_p,
                advised_predicate: advised,
                predicate: given_p.or(advised),
                trace,
            },
        );
    }
    let units = order.iter().filter_map(|u| perf.remove(u)).collect();
    Ok(OrgPerformance { units })
}

/// A total of named components: each part reported rounded, the total summed from the
/// unrounded parts and rounded once (TV-30: 57.21 + 37.64 displayed, total 94.86).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ComponentTotal {
    /// Each part, rounded for display.
    pub parts: Vec<(String, Decimal)>,
    /// The exact sum of the unrounded parts.
    pub total_raw: Decimal,
    /// The sum rounded once.
    pub total: Decimal,
    /// The sum of the displayed parts (may differ from `total` by rounding).
    pub displayed_sum: Decimal,
}

/// Sums unrounded components and rounds once (docs/legal/permenpanrb-88-2021.md, TV-30).
///
/// ```
/// use kinerja_core::org::rollup::component_total;
/// use kinerja_core::num::Rounding;
/// use rust_decimal_macros::dec;
/// let t = component_total(&[("KU".into(), dec!(57.2149)), ("KP".into(), dec!(37.6449))], Rounding::half_up(2)).unwrap();
/// assert_eq!(t.total, dec!(94.86));
/// assert_eq!(t.displayed_sum, dec!(94.85));
/// ```
pub fn component_total(parts: &[(String, Decimal)], rounding: Rounding) -> Result<ComponentTotal> {
    let at = Location::default();
    let total_raw = sum(parts.iter().map(|p| p.1), &at)?;
    let shown: Vec<(String, Decimal)> = parts.iter().map(|(n, v)| (n.clone(), rounding.apply(*v))).collect();
    let displayed_sum = sum(shown.iter().map(|p| p.1), &at)?;
    Ok(ComponentTotal { parts: shown, total_raw, total: rounding.apply(total_raw), displayed_sum })
}
