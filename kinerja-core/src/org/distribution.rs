//! The distribution curve (kurva distribusi) of SE MenPANRB 3/2023 and calibration
//! suggestions.
//!
//! | Organisational predicate | Constraints (shares of the unit's counted headcount) |
//! |---|---|
//! | Istimewa | Sangat Baik ≤ 70 % |
//! | Baik | Baik ≤ 70 %; at least one Butuh Perbaikan or Kurang/Misconduct |
//! | Butuh Perbaikan | Sangat Baik ≤ 10 %; Butuh Perbaikan ≥ 60 % |
//! | Kurang | Sangat Baik ≤ 10 %; Butuh Perbaikan ≥ 10 %; Kurang/Misconduct ≥ 60 % |
//! | Sangat Kurang | no Sangat Baik; Butuh Perbaikan + Kurang/Misconduct ≥ 10 %; Sangat Kurang ≥ 60 % |
//!
//! "Allowed" cells are read as unconstrained (open question C-2). Shares become counts by
//! [`OrgPolicy::max_rounding`] (default floor) and [`OrgPolicy::min_rounding`] (default ceil).
//!
//! Calibration ([`calibrate`]) proposes the fewest predicate changes that satisfy every
//! constraint. With groups of predicates each bounded below (`L`) or above (`U`), the fewest
//! changes is `max(Σ excess, Σ deficit)` whenever `Σ L ≤ n`: every employee leaving an
//! over-full group is sent to a group in deficit while one remains, then further donors come
//! from groups with spare employees. Each move fixes one unit of excess or deficit and never
//! creates another, so the greedy reaches the lower bound. Which employees move, and to which
//! predicate, follows [`OrgPolicy::calibration_order`] and [`OrgPolicy::calibration_direction`]:
//! the nearest predicate, ties towards the lower one. Nothing changes silently: every change is
//! listed with its reason. The work is `O(n log n)`.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::{BTreeMap, HashSet};

use super::structure::OrgStructure;
use super::{CalibrationDirection, CalibrationOrder, OrgPolicy, policy_citation};
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::model::{OrgPredicate, Predicate};

/// The legal source of the distribution table.
pub const CURVE_SOURCE: &str =
    "SE MenPANRB 3/2023 (kurva distribusi predikat kinerja pegawai) jo. PermenPANRB 6/2022 Pasal 24–25";

/// The kind of a distribution constraint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConstraintRule {
    /// At most a share of the headcount.
    Max,
    /// At least a share of the headcount.
    Min,
    /// At least one employee.
    AtLeastOne,
    /// No employee at all.
    NoneAllowed,
}

/// One constraint of the curve, evaluated on a roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    /// The kind of constraint.
    pub rule: ConstraintRule,
    /// The predicates counted together.
    pub predicates: Vec<Predicate>,
    /// The share in percent, for `max` and `min`.
    pub percent: Option<Decimal>,
    /// The counted headcount.
    pub headcount: u64,
    /// The allowed count (`max`, `none_allowed`) or required count (`min`, `at_least_one`).
    pub bound: u64,
    /// The actual count.
    pub actual: u64,
    /// Whether the roster meets it.
    pub satisfied: bool,
    /// The rule in words.
    pub description: BiText,
    /// Legal source of the rule.
    pub source: Citation,
    /// Where the rounding of the share comes from, when a share was rounded.
    pub rounding: Option<Citation>,
}

/// The result of checking a roster against the curve.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DistributionReport {
    /// The unit's organisational predicate.
    pub org_predicate: OrgPredicate,
    /// Counted employees.
    pub headcount: u64,
    /// Count per predicate (every predicate present, zero included).
    pub counts: BTreeMap<Predicate, u64>,
    /// Every constraint of the row, in table order.
    pub constraints: Vec<Constraint>,
    /// True when every constraint is met.
    pub passed: bool,
    /// Employees left out of the count (unit head when not counted, unrated employees), each
    /// with the reason.
    pub excluded: Vec<(String, BiText)>,
    /// Explanation.
    pub trace: Trace,
}

impl DistributionReport {
    /// The constraints that are not met.
    pub fn violations(&self) -> impl Iterator<Item = &Constraint> {
        self.constraints.iter().filter(|c| !c.satisfied)
    }
    /// The explanation as text.
    pub fn explain(&self, lang: Lang) -> String {
        self.trace.to_text(lang)
    }
    /// The allowed count of each predicate (worst first, as [`Labelled::ALL`]), as the
    /// constraints on that predicate alone bound it: `(predicate, at least, at most)`, from
    /// `(0, headcount)` when none does. Constraints on several predicates together are not
    /// folded in (they bound a sum, not one count).
    pub fn allowed_counts(&self) -> Vec<(Predicate, u64, u64)> {
        Predicate::ALL
            .iter()
            .map(|&p| {
                let (mut lo, mut hi) = (0u64, self.headcount);
                for c in self.constraints.iter().filter(|c| c.predicates.as_slice() == [p]) {
                    match c.rule {
                        ConstraintRule::Max | ConstraintRule::NoneAllowed => hi = hi.min(c.bound),
                        ConstraintRule::Min | ConstraintRule::AtLeastOne => lo = lo.max(c.bound),
                    }
                }
                (p, lo, hi)
            })
            .collect()
    }
}

const ORDER: [Predicate; 5] = [
    Predicate::VeryPoor,
    Predicate::PoorMisconduct,
    Predicate::NeedsImprovement,
    Predicate::Good,
    Predicate::VeryGood,
];

fn pidx(p: Predicate) -> usize {
    match p {
        Predicate::VeryPoor => 0,
        Predicate::PoorMisconduct => 1,
        Predicate::NeedsImprovement => 2,
        Predicate::Good => 3,
        Predicate::VeryGood => 4,
    }
}

fn pat(i: usize) -> Predicate {
    ORDER.get(i).copied().unwrap_or(Predicate::Good)
}

struct Spec {
    rule: ConstraintRule,
    set: Vec<Predicate>,
    pct: Option<Decimal>,
    bound: u64,
}

fn specs(org: OrgPredicate, n: u64, policy: &OrgPolicy) -> Result<Vec<Spec>> {
    use Predicate as P;
    let max = |set: Vec<Predicate>, pct: u32| -> Result<Spec> {
        let pct = Decimal::from(pct);
        Ok(Spec { rule: ConstraintRule::Max, set, pct: Some(pct), bound: policy.max_rounding.count(pct, n)? })
    };
    let min = |set: Vec<Predicate>, pct: u32| -> Result<Spec> {
        let pct = Decimal::from(pct);
        Ok(Spec { rule: ConstraintRule::Min, set, pct: Some(pct), bound: policy.min_rounding.count(pct, n)? })
    };
    Ok(match org {
        OrgPredicate::Outstanding => vec![max(vec![P::VeryGood], 70)?],
        OrgPredicate::Good => {
            let mut v = vec![max(vec![P::Good], 70)?];
            if n >= policy.at_least_one_min_headcount {
                v.push(Spec {
                    rule: ConstraintRule::AtLeastOne,
                    set: vec![P::NeedsImprovement, P::PoorMisconduct],
                    pct: None,
                    bound: 1,
                });
            }
            v
        }
        OrgPredicate::NeedsImprovement => {
            vec![max(vec![P::VeryGood], 10)?, min(vec![P::NeedsImprovement], 60)?]
        }
        OrgPredicate::Poor => vec![
            max(vec![P::VeryGood], 10)?,
            min(vec![P::NeedsImprovement], 10)?,
            min(vec![P::PoorMisconduct], 60)?,
        ],
        OrgPredicate::VeryPoor => vec![
            Spec { rule: ConstraintRule::NoneAllowed, set: vec![P::VeryGood], pct: None, bound: 0 },
            min(vec![P::NeedsImprovement, P::PoorMisconduct], 10)?,
            min(vec![P::VeryPoor], 60)?,
        ],
    })
}

fn set_label(set: &[Predicate], lang: Lang) -> String {
    set.iter().map(|p| p.label(lang)).collect::<Vec<_>>().join(" + ")
}

fn describe(s: &Spec, n: u64, policy: &OrgPolicy) -> (BiText, Option<Citation>) {
    let (id, en) = (set_label(&s.set, Lang::Id), set_label(&s.set, Lang::En));
    let pct = s.pct.map(|p| p.normalize().to_string()).unwrap_or_default();
    match s.rule {
        ConstraintRule::Max => (
            BiText::new(
                format!(
                    "{id} paling banyak {pct}% dari {n} = {} orang (dibulatkan {})",
                    s.bound,
                    policy.max_rounding.as_str()
                ),
                format!(
                    "{en} at most {pct}% of {n} = {} (rounded {})",
                    s.bound,
                    policy.max_rounding.as_str()
                ),
            ),
            Some(policy_citation("max_rounding")),
        ),
        ConstraintRule::Min => (
            BiText::new(
                format!(
                    "{id} paling sedikit {pct}% dari {n} = {} orang (dibulatkan {})",
                    s.bound,
                    policy.min_rounding.as_str()
                ),
                format!(
                    "{en} at least {pct}% of {n} = {} (rounded {})",
                    s.bound,
                    policy.min_rounding.as_str()
                ),
            ),
            Some(policy_citation("min_rounding")),
        ),
        ConstraintRule::AtLeastOne => (
            BiText::new(
                format!("paling sedikit satu pegawai {id}"),
                format!("at least one employee rated {en}"),
            ),
            Some(policy_citation("at_least_one_min_headcount")),
        ),
        ConstraintRule::NoneAllowed => {
            (BiText::new(format!("tidak boleh ada {id}"), format!("no employee may be rated {en}")), None)
        }
    }
}

/// The actual count of a constraint's predicates and whether it is met.
fn verdict(s: &Spec, counts: &[u64; 5]) -> (u64, bool) {
    let actual: u64 = s.set.iter().map(|p| counts.get(pidx(*p)).copied().unwrap_or(0)).sum();
    let satisfied = match s.rule {
        ConstraintRule::Max | ConstraintRule::NoneAllowed => actual <= s.bound,
        ConstraintRule::Min | ConstraintRule::AtLeastOne => actual >= s.bound,
    };
    (actual, satisfied)
}

fn constraint(s: Spec, n: u64, actual: u64, satisfied: bool, policy: &OrgPolicy) -> Constraint {
    let (description, rounding) = describe(&s, n, policy);
    Constraint {
        rule: s.rule,
        predicates: s.set,
        percent: s.pct,
        headcount: n,
        bound: s.bound,
        actual,
        satisfied,
        description,
        source: Citation::law(CURVE_SOURCE),
        rounding,
    }
}

/// Checks predicate counts (not a roster) against the curve row of `org_predicate`:
/// `counts[i]` is the number of counted employees with the predicate of code `i`, worst
/// (Sangat Kurang) 0 to best (Sangat Baik) 4. The same report as [`check_distribution`], for
/// callers that count themselves (the batch path).
///
/// ```
/// use kinerja_core::org::{check_counts, OrgPolicy};
/// use kinerja_core::model::OrgPredicate;
/// // Baik unit of 10: 8 Baik breaks "Baik ≤ 70 %" (7) and nobody is Butuh Perbaikan or Kurang.
/// let r = check_counts(OrgPredicate::Good, &[0, 0, 0, 8, 2], &OrgPolicy::default()).unwrap();
/// assert!(!r.passed);
/// assert_eq!(r.violations().count(), 2);
/// ```
pub fn check_counts(
    org_predicate: OrgPredicate,
    counts: &[u64; 5],
    policy: &OrgPolicy,
) -> Result<DistributionReport> {
    evaluate_counts(org_predicate, counts, policy, Vec::new())
}

/// Only the violated constraints of [`check_counts`] (empty when the counts pass), without
/// building the explanation: the per-unit verdict of the batch path, where most units pass.
pub fn count_violations(
    org_predicate: OrgPredicate,
    counts: &[u64; 5],
    policy: &OrgPolicy,
) -> Result<Vec<Constraint>> {
    let n: u64 = counts.iter().sum();
    let mut out = Vec::new();
    for s in specs(org_predicate, n, policy)? {
        let (actual, satisfied) = verdict(&s, counts);
        if !satisfied {
            out.push(constraint(s, n, actual, satisfied, policy));
        }
    }
    Ok(out)
}

fn evaluate_counts(
    org: OrgPredicate,
    counts: &[u64; 5],
    policy: &OrgPolicy,
    excluded: Vec<(String, BiText)>,
) -> Result<DistributionReport> {
    let n: u64 = counts.iter().sum();
    let mut constraints = Vec::new();
    let mut trace = Trace::new(BiText::new(
        format!("Kurva distribusi, predikat organisasi {}", org.label(Lang::Id)),
        format!("Distribution curve, organisational predicate {}", org.label(Lang::En)),
    ));
    let mut count_step = Step::new(
        "headcount",
        BiText::new("Jumlah pegawai yang dihitung", "Counted employees"),
        BiText::new("jumlah pegawai yang dinilai di unit", "number of rated employees in the unit"),
        BiText::same(n.to_string()),
        policy_citation("head_counted"),
    );
    for (i, c) in counts.iter().enumerate() {
        count_step = count_step.input(pat(i).value(), c);
    }
    trace.push(count_step);
    for s in specs(org, n, policy)? {
        let (actual, satisfied) = verdict(&s, counts);
        let c = constraint(s, n, actual, satisfied, policy);
        let verdict = if satisfied { ("terpenuhi", "met") } else { ("TIDAK terpenuhi", "NOT met") };
        trace.push(
            Step::new(
                set_label(&c.predicates, Lang::En),
                c.description.clone(),
                BiText::new(
                    format!("jumlah aktual {actual}, batas {}", c.bound),
                    format!("actual {actual}, bound {}", c.bound),
                ),
                BiText::new(verdict.0, verdict.1),
                Citation::law(CURVE_SOURCE),
            )
            .input("headcount", n)
            .input("actual", actual)
            .input("bound", c.bound),
        );
        constraints.push(c);
    }
    let passed = constraints.iter().all(|c| c.satisfied);
    let map = ORDER.iter().enumerate().map(|(i, p)| (*p, counts.get(i).copied().unwrap_or(0))).collect();
    Ok(DistributionReport {
        org_predicate: org,
        headcount: n,
        counts: map,
        constraints,
        passed,
        excluded,
        trace,
    })
}

fn count_roster<'a>(roster: impl Iterator<Item = (&'a str, Predicate)>) -> Result<[u64; 5]> {
    let mut seen = HashSet::new();
    let mut counts = [0u64; 5];
    for (id, p) in roster {
        if !seen.insert(id) {
            return Err(Error::Duplicate {
                at: Location::employee(id),
                kind: "employee".into(),
                id: id.into(),
            });
        }
        if let Some(c) = counts.get_mut(pidx(p)) {
            *c += 1;
        }
    }
    Ok(counts)
}

/// Checks a unit's roster (every employee given is counted) against the curve row of
/// `org_predicate`. Each constraint is reported with its rule, source, headcount, bound,
/// actual count and verdict. A duplicated employee id is an error.
///
/// ```
/// use kinerja_core::org::{check_distribution, OrgPolicy};
/// use kinerja_core::model::{OrgPredicate, Predicate};
/// let roster: Vec<(String, Predicate)> =
///     (0..10).map(|i| (format!("e{i}"), if i < 8 { Predicate::VeryGood } else { Predicate::Good })).collect();
/// let r = check_distribution(OrgPredicate::Outstanding, &roster, &OrgPolicy::default()).unwrap();
/// assert!(!r.passed);
/// assert_eq!(r.constraints[0].bound, 7);
/// assert_eq!(r.constraints[0].actual, 8);
/// ```
pub fn check_distribution(
    org_predicate: OrgPredicate,
    predicates: &[(String, Predicate)],
    policy: &OrgPolicy,
) -> Result<DistributionReport> {
    let counts = count_roster(predicates.iter().map(|(id, p)| (id.as_str(), *p)))?;
    evaluate_counts(org_predicate, &counts, policy, Vec::new())
}

/// Checks the employees of `unit` (its own members, not those of its sub-units) against the
/// curve. The unit head is left out when `policy.head_counted` is false; members without a
/// predicate are left out and listed; a predicate for an employee of another unit is an error.
pub fn check_unit_distribution(
    structure: &OrgStructure,
    unit: &str,
    org_predicate: OrgPredicate,
    predicates: &[(String, Predicate)],
    policy: &OrgPolicy,
) -> Result<DistributionReport> {
    let (counted, excluded) = unit_roster(structure, unit, predicates, policy)?;
    let counts = count_roster(counted.iter().map(|(id, p)| (id.as_str(), *p)))?;
    evaluate_counts(org_predicate, &counts, policy, excluded)
}

type Roster = (Vec<(String, Predicate)>, Vec<(String, BiText)>);

fn unit_roster(
    structure: &OrgStructure,
    unit: &str,
    predicates: &[(String, Predicate)],
    policy: &OrgPolicy,
) -> Result<Roster> {
    let members = structure.employees_of(unit)?;
    let head = structure.head(unit)?;
    let given: BTreeMap<&str, Predicate> = {
        let mut m = BTreeMap::new();
        for (id, p) in predicates {
            let Some(e) = structure.employee(id) else {
                return Err(Error::Unknown {
                    at: Location::unit(unit),
                    kind: "employee".into(),
                    id: id.clone(),
                });
            };
            if e.unit != unit {
                return Err(Error::Organisation {
                    at: Location::unit(unit).with_employee(id),
                    reason: format!("employee belongs to unit `{}`, not to this unit", e.unit),
                });
            }
            if m.insert(id.as_str(), *p).is_some() {
                return Err(Error::Duplicate {
                    at: Location::unit(unit).with_employee(id),
                    kind: "employee".into(),
                    id: id.clone(),
                });
            }
        }
        m
    };
    let mut counted = Vec::new();
    let mut excluded = Vec::new();
    for e in members {
        if !policy.head_counted && head == Some(e.id.as_str()) {
            excluded.push((
                e.id.clone(),
                BiText::new(
                    "kepala unit tidak dihitung (kebijakan organisation.head_counted)",
                    "unit head not counted (policy organisation.head_counted)",
                ),
            ));
            continue;
        }
        match given.get(e.id.as_str()) {
            Some(p) => counted.push((e.id.clone(), *p)),
            None => excluded.push((e.id.clone(), BiText::new("belum ada predikat", "no predicate given"))),
        }
    }
    Ok((counted, excluded))
}

/// One employee in a calibration roster.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalibrationEntry {
    /// Employee id.
    pub employee: String,
    /// The predicate before calibration.
    pub predicate: Predicate,
    /// Advisory achievement (percent), used by the `weakest_first` order.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<Decimal>,
}

impl CalibrationEntry {
    /// The entry for an evaluated employee: its predicate and weighted achievement.
    pub fn from_evaluation(e: &crate::evaluation::Evaluation) -> Self {
        CalibrationEntry {
            employee: e.employee.clone(),
            predicate: e.predicate,
            achievement: e.weighted_achievement,
        }
    }
}

/// A proposed change of one employee's predicate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PredicateChange {
    /// Employee id.
    pub employee: String,
    /// The predicate before.
    pub from: Predicate,
    /// The proposed predicate.
    pub to: Predicate,
    /// The employee's achievement, when given.
    pub achievement: Option<Decimal>,
    /// Why this employee and this predicate.
    pub reason: BiText,
}

/// Calibration suggestions for one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalibrationResult {
    /// The check of the roster as given.
    pub before: DistributionReport,
    /// False when the roster already passes (then there are no changes).
    pub needed: bool,
    /// False when no set of changes allowed by the policy meets every constraint.
    pub feasible: bool,
    /// The proposed changes, sorted by employee id (empty when not needed or infeasible).
    pub changes: Vec<PredicateChange>,
    /// The check of the roster after the changes, when feasible.
    pub after: Option<DistributionReport>,
    /// Why it is infeasible.
    pub infeasible: Option<BiText>,
    /// Explanation.
    pub trace: Trace,
}

#[derive(Clone, Copy)]
struct Group {
    lo: usize,
    hi: usize,
    lower: u64,
    upper: u64,
}

struct Calib<'a> {
    entries: Vec<&'a CalibrationEntry>,
    cat: Vec<usize>,
    moved: Vec<bool>,
    down: [Vec<usize>; 5],
    up: [Vec<usize>; 5],
    cur_down: [usize; 5],
    cur_up: [usize; 5],
    counts: [u64; 5],
    groups: Vec<Group>,
    group_of: [Option<usize>; 5],
    direction: CalibrationDirection,
    changes: Vec<(usize, usize, BiText)>,
}

impl Calib<'_> {
    fn gcount(&self, g: &Group) -> u64 {
        (g.lo..=g.hi).map(|c| self.counts.get(c).copied().unwrap_or(0)).sum()
    }
    fn group_full(&self, c: usize) -> bool {
        match self.group_of.get(c).copied().flatten().and_then(|g| self.groups.get(g)) {
            Some(g) => self.gcount(g) >= g.upper,
            None => false,
        }
    }
    fn allowed(&self, from: usize, to: usize) -> bool {
        from != to && (self.direction == CalibrationDirection::Any || to < from)
    }
    /// Nearest category of `g` to `c`, ties towards the lower one; with its distance.
    fn nearest_in(&self, g: &Group, c: usize) -> Option<(usize, usize)> {
        (g.lo..=g.hi).filter(|&k| self.allowed(c, k)).map(|k| (k.abs_diff(c), k)).min()
    }
    fn next_in(&mut self, c: usize, down: bool) -> Option<usize> {
        let (list, cur) = if down {
            (self.down.get(c)?, self.cur_down.get_mut(c)?)
        } else {
            (self.up.get(c)?, self.cur_up.get_mut(c)?)
        };
        while let Some(&e) = list.get(*cur) {
            if self.moved.get(e).copied().unwrap_or(true) {
                *cur += 1;
            } else {
                return Some(e);
            }
        }
        None
    }
    fn do_move(&mut self, e: usize, to: usize, reason: BiText) {
        let from = self.cat.get(e).copied().unwrap_or(0);
        if let Some(c) = self.counts.get_mut(from) {
            *c = c.saturating_sub(1);
        }
        if let Some(c) = self.counts.get_mut(to) {
            *c += 1;
        }
        if let Some(m) = self.moved.get_mut(e) {
            *m = true;
        }
        if let Some(c) = self.cat.get_mut(e) {
            *c = to;
        }
        self.changes.push((e, to, reason));
    }
    fn deficit_groups(&self) -> Vec<usize> {
        (0..self.groups.len())
            .filter(|&g| self.groups.get(g).is_some_and(|gr| self.gcount(gr) < gr.lower))
            .collect()
    }
}

fn order_key(a: &CalibrationEntry, b: &CalibrationEntry, order: CalibrationOrder, down: bool) -> Ordering {
    match order {
        CalibrationOrder::ById => a.employee.cmp(&b.employee),
        CalibrationOrder::WeakestFirst => {
            let ach = match (a.achievement, b.achievement) {
                (Some(x), Some(y)) => {
                    if down {
                        x.cmp(&y)
                    } else {
                        y.cmp(&x)
                    }
                }
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            ach.then_with(|| a.employee.cmp(&b.employee))
        }
    }
}

fn lab(c: usize) -> (&'static str, &'static str) {
    (pat(c).label(Lang::Id), pat(c).label(Lang::En))
}

/// Proposes the fewest predicate changes that make the roster meet the curve of
/// `org_predicate`, or says why none exists. A roster that passes gets no change. The result
/// does not depend on the order of `roster`. Duplicate employee ids are an error.
///
/// ```
/// use kinerja_core::org::{calibrate, OrgPolicy};
/// use kinerja_core::org::distribution::CalibrationEntry;
/// use kinerja_core::model::{OrgPredicate, Predicate};
/// let roster: Vec<CalibrationEntry> = (0..4)
///     .map(|i| CalibrationEntry { employee: format!("e{i}"), predicate: Predicate::Good, achievement: None })
///     .collect();
/// let r = calibrate(OrgPredicate::Good, &roster, &OrgPolicy::default()).unwrap();
/// assert!(r.needed && r.feasible);
/// // at most 2 of 4 may be Baik (70 % floored) and at least one must be BP or K: 2 changes.
/// assert_eq!(r.changes.len(), 2);
/// assert!(r.after.unwrap().passed);
/// ```
pub fn calibrate(
    org_predicate: OrgPredicate,
    roster: &[CalibrationEntry],
    policy: &OrgPolicy,
) -> Result<CalibrationResult> {
    let counts0 = count_roster(roster.iter().map(|e| (e.employee.as_str(), e.predicate)))?;
    let before = evaluate_counts(org_predicate, &counts0, policy, Vec::new())?;
    let trace = Trace::new(BiText::new(
        format!("Kalibrasi ke kurva distribusi, predikat organisasi {}", org_predicate.label(Lang::Id)),
        format!(
            "Calibration to the distribution curve, organisational predicate {}",
            org_predicate.label(Lang::En)
        ),
    ));
    if before.passed {
        return Ok(no_change(before, trace));
    }
    let n: u64 = counts0.iter().sum();
    let (groups, group_of) = groups(org_predicate, n, policy)?;
    let total_lower: u64 = groups.iter().map(|g| g.lower).sum();
    if total_lower > n {
        return Ok(infeasible(before, trace, too_few_employees(total_lower, n)));
    }
    let mut st = Calib::new(roster, counts0, groups, group_of, policy);
    if let Err(why) = st.empty_overfull_groups().and_then(|()| st.fill_short_groups()) {
        return Ok(infeasible(before, trace, why));
    }
    let after = evaluate_counts(org_predicate, &st.counts, policy, Vec::new())?;
    if !after.passed {
        let why = BiText::new(
            "tidak ditemukan penyesuaian yang memenuhi semua batas kurva",
            "no adjustment meeting every constraint of the curve was found",
        );
        return Ok(infeasible(before, trace, why));
    }
    let changes = st.into_changes();
    Ok(CalibrationResult {
        before,
        needed: true,
        feasible: true,
        trace: with_change_steps(trace, &changes, policy),
        changes,
        after: Some(after),
        infeasible: None,
    })
}

/// The result for a roster that already meets the curve: no change.
fn no_change(before: DistributionReport, mut trace: Trace) -> CalibrationResult {
    trace.push(Step::new(
        "calibration",
        BiText::new("Kalibrasi", "Calibration"),
        BiText::new("semua batas kurva terpenuhi", "every constraint of the curve is met"),
        BiText::new("tidak perlu perubahan", "no change needed"),
        Citation::law(CURVE_SOURCE),
    ));
    CalibrationResult {
        before,
        needed: false,
        feasible: true,
        changes: Vec::new(),
        after: None,
        infeasible: None,
        trace,
    }
}

/// The result when no change allowed by the policy meets the curve, saying why.
fn infeasible(before: DistributionReport, mut trace: Trace, why: BiText) -> CalibrationResult {
    trace.push(Step::new(
        "calibration",
        BiText::new("Kalibrasi", "Calibration"),
        why.clone(),
        BiText::new("tidak mungkin", "infeasible"),
        Citation::law(CURVE_SOURCE),
    ));
    CalibrationResult {
        before,
        needed: true,
        feasible: false,
        changes: Vec::new(),
        after: None,
        infeasible: Some(why),
        trace,
    }
}

/// Why a unit of `n` cannot meet minimums that need `total_lower` employees.
fn too_few_employees(total_lower: u64, n: u64) -> BiText {
    BiText::new(
        format!(
            "batas minimum kurva memerlukan {total_lower} pegawai, unit hanya memiliki {n}; tidak ada perubahan predikat yang dapat memenuhinya (pertanyaan terbuka C-2: unit kecil)"
        ),
        format!(
            "the curve's minimums need {total_lower} employees but the unit has {n}; no change of predicates can meet them (open question C-2: small units)"
        ),
    )
}

/// The curve's constraints as groups of adjacent predicates with a lower and an upper bound,
/// and the group of each predicate (the last constraint naming it).
fn groups(
    org_predicate: OrgPredicate,
    n: u64,
    policy: &OrgPolicy,
) -> Result<(Vec<Group>, [Option<usize>; 5])> {
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of = [None; 5];
    for s in specs(org_predicate, n, policy)? {
        let lo = s.set.iter().map(|p| pidx(*p)).min().unwrap_or(0);
        let hi = s.set.iter().map(|p| pidx(*p)).max().unwrap_or(0);
        let (lower, upper) = match s.rule {
            ConstraintRule::Max | ConstraintRule::NoneAllowed => (0, s.bound),
            ConstraintRule::Min | ConstraintRule::AtLeastOne => (s.bound, u64::MAX),
        };
        for c in lo..=hi {
            if let Some(slot) = group_of.get_mut(c) {
                *slot = Some(groups.len());
            }
        }
        groups.push(Group { lo, hi, lower, upper });
    }
    Ok((groups, group_of))
}

/// The predicates of group `g`, as a constraint names them.
fn group_label(g: &Group, lang: Lang) -> String {
    set_label(&(g.lo..=g.hi).map(pat).collect::<Vec<_>>(), lang)
}

/// The trace with a step per change, citing the policy's calibration order.
fn with_change_steps(mut trace: Trace, changes: &[PredicateChange], policy: &OrgPolicy) -> Trace {
    let order_field = match policy.calibration_order {
        CalibrationOrder::WeakestFirst => "calibration_order = weakest_first",
        CalibrationOrder::ById => "calibration_order = by_id",
    };
    for ch in changes {
        trace.push(
            Step::new(
                ch.employee.clone(),
                BiText::new(
                    format!("Usulan perubahan predikat {}", ch.employee),
                    format!("Proposed predicate change for {}", ch.employee),
                ),
                ch.reason.clone(),
                BiText::new(
                    format!("{} → {}", ch.from.label(Lang::Id), ch.to.label(Lang::Id)),
                    format!("{} → {}", ch.from.label(Lang::En), ch.to.label(Lang::En)),
                ),
                policy_citation(order_field),
            )
            .input(
                "achievement",
                ch.achievement
                    .map(|a| a.normalize().to_string())
                    .unwrap_or_else(|| crate::explain::NONE.into()),
            ),
        );
    }
    trace
}

impl<'a> Calib<'a> {
    /// The state before any move: the roster by employee id, and per predicate its employees
    /// in the policy's order for moving down and for moving up.
    fn new(
        roster: &'a [CalibrationEntry],
        counts: [u64; 5],
        groups: Vec<Group>,
        group_of: [Option<usize>; 5],
        policy: &OrgPolicy,
    ) -> Self {
        let mut entries: Vec<&CalibrationEntry> = roster.iter().collect();
        entries.sort_by(|a, b| a.employee.cmp(&b.employee));
        let cat: Vec<usize> = entries.iter().map(|e| pidx(e.predicate)).collect();
        Calib {
            down: in_moving_order(&entries, &cat, policy.calibration_order, true),
            up: in_moving_order(&entries, &cat, policy.calibration_order, false),
            moved: vec![false; entries.len()],
            entries,
            cat,
            cur_down: [0; 5],
            cur_up: [0; 5],
            counts,
            groups,
            group_of,
            direction: policy.calibration_direction,
            changes: Vec::new(),
        }
    }

    /// Step 1: employees leave over-full groups (upper bounds are single predicates), each to
    /// the nearest group in deficit, else to the nearest predicate with room; or why none can.
    fn empty_overfull_groups(&mut self) -> Result<(), BiText> {
        for gi in 0..self.groups.len() {
            let Some(g) = self.groups.get(gi).copied() else { continue };
            while self.gcount(&g) > g.upper {
                // Take from the highest category of the group, weakest first.
                let Some(c) = (g.lo..=g.hi).rev().find(|&c| self.counts.get(c).copied().unwrap_or(0) > 0)
                else {
                    break;
                };
                let Some(e) = self.next_in(c, true) else { break };
                let Some((to, fills_deficit)) = self.destination(c) else {
                    return Err(BiText::new(
                        format!(
                            "tidak ada predikat tujuan yang diizinkan kebijakan untuk pegawai {} (organisation.calibration_direction)",
                            lab(c).0
                        ),
                        format!(
                            "no destination predicate allowed by the policy for an employee rated {} (organisation.calibration_direction)",
                            lab(c).1
                        ),
                    ));
                };
                let (fi, fe) = lab(c);
                let (ti, te) = lab(to);
                let ex = if fills_deficit {
                    (" dan mengisi kekurangan kelompok lain", " and fills a shortfall of another group")
                } else {
                    ("", "")
                };
                let reason = BiText::new(
                    format!(
                        "jumlah {fi} ({}) melebihi batas {}; {fi} → {ti}{}",
                        self.gcount(&g),
                        g.upper,
                        ex.0
                    ),
                    format!(
                        "{fe} count ({}) exceeds the limit {}; {fe} → {te}{}",
                        self.gcount(&g),
                        g.upper,
                        ex.1
                    ),
                );
                self.do_move(e, to, reason);
            }
        }
        Ok(())
    }

    /// Where an employee leaving predicate `c` goes: the nearest predicate of a group in
    /// deficit (then true), else the nearest allowed one with room outside the group of `c`.
    fn destination(&self, c: usize) -> Option<(usize, bool)> {
        let mut dest: Option<(usize, usize)> = None;
        for d in self.deficit_groups() {
            if let Some(dg) = self.groups.get(d) {
                if let Some(cand) = self.nearest_in(dg, c) {
                    dest = Some(dest.map_or(cand, |x| x.min(cand)));
                }
            }
        }
        if let Some((_, to)) = dest {
            return Some((to, true));
        }
        (0..5)
            .filter(|&k| {
                self.allowed(c, k) && !self.group_full(k) && self.group_of.get(k) != self.group_of.get(c)
            })
            .map(|k| (k.abs_diff(c), k))
            .min()
            .map(|(_, to)| (to, false))
    }

    /// Step 2: groups below their minimum, from the top group down, each filled from the
    /// nearest donors; or why not enough can move.
    fn fill_short_groups(&mut self) -> Result<(), BiText> {
        let mut order: Vec<usize> = (0..self.groups.len()).collect();
        order.sort_by(|a, b| {
            let ha = self.groups.get(*a).map_or(0, |g| g.hi);
            let hb = self.groups.get(*b).map_or(0, |g| g.hi);
            hb.cmp(&ha)
        });
        for gi in order {
            let Some(g) = self.groups.get(gi).copied() else { continue };
            while self.gcount(&g) < g.lower {
                let Some((e, c, to)) = self.donor(&g) else {
                    return Err(BiText::new(
                        format!(
                            "tidak cukup pegawai yang dapat dipindahkan ke {} sesuai kebijakan (organisation.calibration_direction)",
                            group_label(&g, Lang::Id)
                        ),
                        format!(
                            "not enough employees can be moved to {} under the policy (organisation.calibration_direction)",
                            group_label(&g, Lang::En)
                        ),
                    ));
                };
                let (fi, fe) = lab(c);
                let (ti, te) = lab(to);
                let reason = BiText::new(
                    format!("jumlah {ti} ({}) kurang dari minimum {}; {fi} → {ti}", self.gcount(&g), g.lower),
                    format!("{te} count ({}) is below the minimum {}; {fe} → {te}", self.gcount(&g), g.lower),
                );
                self.do_move(e, to, reason);
            }
        }
        Ok(())
    }

    /// The best donor to group `g` as `(employee, from, to)`: from the nearest predicate
    /// outside `g` whose group can spare one, moving down before up, then the policy order.
    fn donor(&mut self, g: &Group) -> Option<(usize, usize, usize)> {
        let mut best: Option<(usize, bool, usize, usize)> = None; // (dist, up?, from, to)
        for c in 0..5 {
            if (g.lo..=g.hi).contains(&c) || self.counts.get(c).copied().unwrap_or(0) == 0 {
                continue;
            }
            if let Some(src) = self.group_of.get(c).copied().flatten().and_then(|s| self.groups.get(s)) {
                if self.gcount(src) <= src.lower {
                    continue;
                }
            }
            let Some((dist, to)) = self.nearest_in(g, c) else { continue };
            let up = to > c;
            let key = (dist, up, c, to);
            best = Some(best.map_or(
                key,
                |b: (usize, bool, usize, usize)| if (key.0, key.1) < (b.0, b.1) { key } else { b },
            ));
        }
        best.and_then(|(_, up, c, to)| self.next_in(c, !up).map(|e| (e, c, to)))
    }

    /// The moves as proposed changes, sorted by employee id.
    fn into_changes(self) -> Vec<PredicateChange> {
        let entries = self.entries;
        let mut changes: Vec<PredicateChange> = self
            .changes
            .into_iter()
            .filter_map(|(e, to, reason)| {
                entries.get(e).map(|en| PredicateChange {
                    employee: en.employee.clone(),
                    from: en.predicate,
                    to: pat(to),
                    achievement: en.achievement,
                    reason,
                })
            })
            .collect();
        changes.sort_by(|a, b| a.employee.cmp(&b.employee));
        changes
    }
}

/// Per predicate, the employees holding it in the order they are moved (`down` or up) under
/// the policy's calibration order.
fn in_moving_order(
    entries: &[&CalibrationEntry],
    cat: &[usize],
    order: CalibrationOrder,
    down: bool,
) -> [Vec<usize>; 5] {
    let mut lists: [Vec<usize>; 5] = Default::default();
    for (i, &c) in cat.iter().enumerate() {
        if let Some(l) = lists.get_mut(c) {
            l.push(i);
        }
    }
    for l in lists.iter_mut() {
        l.sort_by(|&a, &b| match (entries.get(a), entries.get(b)) {
            (Some(x), Some(y)) => order_key(x, y, order, down),
            _ => Ordering::Equal,
        });
    }
    lists
}

/// [`calibrate`] for the members of `unit` (not of its sub-units), leaving out the unit head
/// when `policy.head_counted` is false. A roster entry for an employee of another unit, an
/// unknown employee or a duplicate is an error; members without an entry are not counted and
/// are listed in `before.excluded`.
pub fn calibrate_unit(
    structure: &OrgStructure,
    unit: &str,
    org_predicate: OrgPredicate,
    roster: &[CalibrationEntry],
    policy: &OrgPolicy,
) -> Result<CalibrationResult> {
    let preds: Vec<(String, Predicate)> = roster.iter().map(|e| (e.employee.clone(), e.predicate)).collect();
    let (counted, excluded) = unit_roster(structure, unit, &preds, policy)?;
    let keep: HashSet<&str> = counted.iter().map(|(id, _)| id.as_str()).collect();
    let entries: Vec<CalibrationEntry> =
        roster.iter().filter(|e| keep.contains(e.employee.as_str())).cloned().collect();
    let mut r = calibrate(org_predicate, &entries, policy)?;
    r.before.excluded.clone_from(&excluded);
    if let Some(a) = r.after.as_mut() {
        a.excluded = excluded;
    }
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roster(ps: &[Predicate]) -> Vec<(String, Predicate)> {
        ps.iter().enumerate().map(|(i, p)| (format!("e{i:03}"), *p)).collect()
    }

    #[test]
    fn tv02_bounds() {
        let pol = OrgPolicy::default();
        let r =
            check_distribution(OrgPredicate::Outstanding, &roster(&[Predicate::VeryGood; 10]), &pol).unwrap();
        assert_eq!(r.constraints[0].bound, 7);
        assert!(!r.passed);
        let r =
            check_distribution(OrgPredicate::Poor, &roster(&[Predicate::PoorMisconduct; 10]), &pol).unwrap();
        let b: Vec<u64> = r.constraints.iter().map(|c| c.bound).collect();
        assert_eq!(b, vec![1, 1, 6]);
        let r =
            check_distribution(OrgPredicate::VeryPoor, &roster(&[Predicate::VeryPoor; 10]), &pol).unwrap();
        let b: Vec<u64> = r.constraints.iter().map(|c| c.bound).collect();
        assert_eq!(b, vec![0, 1, 6]);
        assert_eq!(r.violations().count(), 1);
    }

    #[test]
    fn duplicate_is_error() {
        let ro = vec![("a".to_string(), Predicate::Good), ("a".to_string(), Predicate::Good)];
        let e = check_distribution(OrgPredicate::Good, &ro, &OrgPolicy::default()).unwrap_err();
        assert!(matches!(e, Error::Duplicate { .. }));
    }

    #[test]
    fn infeasible_small_unit() {
        let ro =
            vec![CalibrationEntry { employee: "a".into(), predicate: Predicate::Good, achievement: None }];
        let r = calibrate(OrgPredicate::Poor, &ro, &OrgPolicy::default()).unwrap();
        assert!(r.needed && !r.feasible && r.changes.is_empty());
        assert!(r.infeasible.unwrap().en.contains("need 2 employees"));
        let pol = OrgPolicy { calibration_direction: CalibrationDirection::LowerOnly, ..Default::default() };
        let ro: Vec<CalibrationEntry> = (0..5)
            .map(|i| CalibrationEntry {
                employee: format!("{i}"),
                predicate: Predicate::VeryPoor,
                achievement: None,
            })
            .collect();
        let r = calibrate(OrgPredicate::NeedsImprovement, &ro, &pol).unwrap();
        assert!(!r.feasible);
        let r = calibrate(OrgPredicate::NeedsImprovement, &ro, &OrgPolicy::default()).unwrap();
        assert!(r.feasible);
        assert_eq!(r.changes.len(), 3);
    }
}
