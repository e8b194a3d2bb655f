//! Penilaian Kinerja Puskesmas (PKP): service coverage per indicator, sub-variable, variable
//! and programme means, the management score (0 / 4 / 7 / 10 scale) and the grouping into
//! Kelompok I / II / III (docs/legal/permenkes-44-2016.md, TV-32, open question C-16).
//!
//! ```text
//! target_sasaran    = total_sasaran × target% / 100
//! cakupan_real      = pencapaian / total_sasaran × 100
//! cakupan_vs_target = min(100, pencapaian / target_sasaran × 100)
//! ```
//!
//! The printed group table leaves gaps (coverage 90–91 % and 80–81 %, management 8.4–8.5);
//! they are closed by [`PkpThreshold`]s with explicit inclusive flags in [`PkpPolicy`].
//!
//! ```
//! use kinerja_core::instruments::{CoverageIndicator, ManagementScore, PkpGroup, PkpInput, puskesmas_assessment};
//! use kinerja_core::rules::Policy;
//! use rust_decimal::Decimal;
//! let input = PkpInput {
//!     puskesmas: "oepoi".into(),
//!     indicators: vec![CoverageIndicator {
//!         id: "k4".into(), name: "Kunjungan ibu hamil K4".into(), variable: "kia".into(), sub_variable: None,
//!         population: Decimal::from(200), target_pct: Decimal::from(95), achieved: Decimal::from(190),
//!         polarity: kinerja_core::model::Polarity::HigherIsBetter,
//!     }],
//!     management: vec![ManagementScore { id: "m1".into(), score: Decimal::from(10) }],
//! };
//! let r = puskesmas_assessment(&input, &Policy::default()).unwrap();
//! assert_eq!(r.coverage.to_string(), "100.0");
//! assert_eq!(r.group, PkpGroup::Good);
//! assert_eq!(r.coverage_realisation("iku-pkp", "2024".parse().unwrap()).actual, r.coverage);
//! ```

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

use super::{instrument_err, show};
use crate::error::{Error, Location, Result};
use crate::explain::{BiText, Citation, Labelled, Lang, Step, Trace};
use crate::labelled_enum;
use crate::model::Polarity;
use crate::num::{self, HUNDRED};
use crate::rules::Policy;

const INSTRUMENT: &str = "puskesmas_assessment";
const SRC: &str = "Instrumen PKP (Permenkes 44/2016; New Update Yankes Primer PKP 2022)";

labelled_enum! {
    /// Kelompok kinerja puskesmas, ordered worst to best.
    pub enum PkpGroup: "pkp_group" {
        /// Kelompok III, kinerja kurang.
        Poor = ("group_3", "Kelompok III (kinerja kurang)", "Group III (poor)", ["kelompok iii", "iii", "kurang"]),
        /// Kelompok II, kinerja cukup.
        Fair = ("group_2", "Kelompok II (kinerja cukup)", "Group II (fair)", ["kelompok ii", "ii", "cukup"]),
        /// Kelompok I, kinerja baik.
        Good = ("group_1", "Kelompok I (kinerja baik)", "Group I (good)", ["kelompok i", "i", "baik"]),
    }
}

pub use crate::rules::instruments::puskesmas::{CoverageBasis, PkpPolicy, PkpThreshold};

/// The group of `v` against the Kelompok I (`good`) and II (`fair`) thresholds.
fn group(v: Decimal, good: PkpThreshold, fair: PkpThreshold) -> PkpGroup {
    if good.passes(v) {
        PkpGroup::Good
    } else if fair.passes(v) {
        PkpGroup::Fair
    } else {
        PkpGroup::Poor
    }
}

/// One coverage indicator of the service (UKM/UKP) part.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct CoverageIndicator {
    /// Identifier, unique within the assessment.
    pub id: String,
    /// Name, e.g. "Kunjungan ibu hamil K4".
    #[serde(default)]
    pub name: String,
    /// The variable (programme area) it belongs to, e.g. "kia".
    pub variable: String,
    /// The sub-variable within the variable, if the instrument has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub_variable: Option<String>,
    /// Total target population (total sasaran), > 0.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub population: Decimal,
    /// Target in percent of the population (0 < target ≤ 100).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub target_pct: Decimal,
    /// Achievement (pencapaian): the number served, ≥ 0.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub achieved: Decimal,
    /// Polarity. Only `higher_is_better` is scored: the "nilai ring" scoring of lower-is-better
    /// PKP indicators (e.g. antibiotic use for non-pneumonia ARI below 20 %) is not confirmed
    /// (open question C-16), so such an indicator is refused with an error that says so,
    /// rather than scored by a guess. Default `higher_is_better`.
    #[serde(default = "higher", skip_serializing_if = "is_higher")]
    pub polarity: Polarity,
}

fn higher() -> Polarity {
    Polarity::HigherIsBetter
}

fn is_higher(p: &Polarity) -> bool {
    *p == Polarity::HigherIsBetter
}

/// One management variable's score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ManagementScore {
    /// Identifier of the management variable, unique.
    pub id: String,
    /// The score (one of the policy's `management_scale`, default 0 / 4 / 7 / 10).
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub score: Decimal,
}

/// A puskesmas assessment input.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PkpInput {
    /// The puskesmas (named in errors and explanations).
    pub puskesmas: String,
    /// Coverage indicators.
    pub indicators: Vec<CoverageIndicator>,
    /// Management variable scores (may be empty: then no management group).
    #[serde(default)]
    pub management: Vec<ManagementScore>,
}

/// Coverage of one indicator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CoverageResult {
    /// The indicator id.
    pub id: String,
    /// target_sasaran = total_sasaran × target% / 100, exact.
    pub target_population: Decimal,
    /// Real coverage (percent), exact.
    pub real: Decimal,
    /// Coverage against the target (percent), capped, exact.
    pub against_target: Decimal,
    /// Real coverage rounded.
    pub real_rounded: Decimal,
    /// Coverage against the target rounded.
    pub against_target_rounded: Decimal,
}

/// A mean over a sub-variable or a variable.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupMean {
    /// The variable.
    pub variable: String,
    /// The sub-variable (absent for a variable mean).
    pub sub_variable: Option<String>,
    /// The mean, exact.
    pub mean: Decimal,
    /// The mean rounded.
    pub rounded: Decimal,
}

/// The assessment of one puskesmas.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PkpResult {
    /// The puskesmas.
    pub puskesmas: String,
    /// Per indicator, in input order.
    pub indicators: Vec<CoverageResult>,
    /// Per sub-variable, in order of first appearance.
    pub sub_variables: Vec<GroupMean>,
    /// Per variable, in order of first appearance.
    pub variables: Vec<GroupMean>,
    /// Programme coverage (mean of the variables), exact.
    pub coverage_exact: Decimal,
    /// Programme coverage rounded (the group is read on this).
    pub coverage: Decimal,
    /// Management mean, exact (absent without management scores).
    pub management_exact: Option<Decimal>,
    /// Management mean rounded.
    pub management: Option<Decimal>,
    /// Group by coverage.
    pub coverage_group: PkpGroup,
    /// Group by management.
    pub management_group: Option<PkpGroup>,
    /// Overall group: the worse of the two (coverage alone without management). Unconfirmed.
    pub group: PkpGroup,
    /// Step-by-step explanation.
    pub trace: Trace,
}

/// A variable's children: a sub-variable (with its indicators' values) or a direct indicator.
type Children<'a> = Vec<(Option<&'a str>, Vec<Decimal>)>;

impl PkpResult {
    /// The programme coverage (rounded) as the realisation of an indicator for `period`.
    pub fn coverage_realisation(
        &self,
        indicator_id: impl Into<String>,
        period: crate::period::Period,
    ) -> crate::model::Realisation {
        crate::model::Realisation { indicator: indicator_id.into(), period, actual: self.coverage }
    }
}

fn check_positive(at: &Location, field: &str, v: Decimal, allow_zero: bool) -> Result<()> {
    let bad = if allow_zero { v < Decimal::ZERO } else { v <= Decimal::ZERO };
    if bad {
        let want = if allow_zero { "zero or more" } else { "more than zero" };
        return Err(instrument_err(INSTRUMENT, at, field, format!("{v} must be {want}")));
    }
    Ok(())
}

/// Assesses one puskesmas: coverage per indicator, means, management and the groups.
pub fn puskesmas_assessment(input: &PkpInput, policy: &Policy) -> Result<PkpResult> {
    let p = &policy.instruments.pkp;
    let base = Location::unit(input.puskesmas.clone());
    if input.indicators.is_empty() {
        return Err(instrument_err(INSTRUMENT, &base, "indicators", "no coverage indicators were given"));
    }
    let mut trace = Trace::new(BiText::new(
        format!("Penilaian Kinerja Puskesmas {}", input.puskesmas),
        format!("Puskesmas performance assessment {}", input.puskesmas),
    ));
    let mut seen = BTreeSet::new();
    let mut results = Vec::with_capacity(input.indicators.len());
    for (row, ind) in input.indicators.iter().enumerate() {
        let at = base.clone().with_row(row as u64).with_indicator(ind.id.clone());
        check_indicator(ind, &at, &mut seen)?;
        let res = coverage(ind, p, &at)?;
        trace.push(coverage_step(ind, &res, p));
        results.push(res);
    }
    let means = Means::of(input, &results, policy, &base, &mut trace)?;
    let coverage_exact = num::mean(&means.variable_means, &base)?;
    let coverage = p.rounding.apply(coverage_exact);
    let coverage_group = group(coverage, p.coverage_good, p.coverage_fair);
    trace.push(programme_step(coverage_exact, coverage, coverage_group, policy));
    let management = management(input, policy, &base)?;
    if let Some((me, mr, g)) = management {
        trace.push(management_step(me, mr, g, input.management.len(), policy));
    }
    let management_group = management.map(|(_, _, g)| g);
    let group = management_group.map_or(coverage_group, |m| m.min(coverage_group));
    trace.push(Step::new(
        "group",
        BiText::new("Kelompok kinerja puskesmas", "Puskesmas performance group"),
        BiText::new(
            "kelompok terendah dari cakupan pelayanan dan manajemen",
            "the worse of the coverage group and the management group",
        ),
        BiText::new(group.label(Lang::Id), group.label(Lang::En)),
        Citation::unconfirmed("PKP (engine convention, C-16)").with_topic(
            "penggabungan kelompok cakupan pelayanan dan manajemen",
            "combining the coverage and management groups",
        ),
    ));
    Ok(PkpResult {
        puskesmas: input.puskesmas.clone(),
        indicators: results,
        sub_variables: means.sub_variables,
        variables: means.variables,
        coverage_exact,
        coverage,
        management_exact: management.map(|(me, _, _)| me),
        management: management.map(|(_, mr, _)| mr),
        coverage_group,
        management_group,
        group,
        trace,
    })
}

/// Refuses an indicator with an empty or repeated id, an empty variable, lower-is-better
/// polarity or a population, target or achievement out of range.
fn check_indicator<'a>(
    ind: &'a CoverageIndicator,
    at: &Location,
    seen: &mut BTreeSet<&'a str>,
) -> Result<()> {
    if ind.id.trim().is_empty() {
        return Err(instrument_err(INSTRUMENT, at, "id", "indicator id is empty"));
    }
    if !seen.insert(ind.id.as_str()) {
        return Err(Error::Duplicate { at: at.clone(), kind: "indicator".into(), id: ind.id.clone() });
    }
    if ind.variable.trim().is_empty() {
        return Err(instrument_err(INSTRUMENT, at, "variable", "variable is empty"));
    }
    if ind.polarity != Polarity::HigherIsBetter {
        return Err(instrument_err(
            INSTRUMENT,
            at,
            "polarity",
            "the \"nilai ring\" scoring of lower-is-better PKP indicators is not confirmed \
             (open question C-16); score this indicator outside the PKP coverage or as an \
             employee indicator with lower-is-better achievement",
        ));
    }
    check_positive(at, "population", ind.population, false)?;
    check_positive(at, "target_pct", ind.target_pct, false)?;
    check_positive(at, "achieved", ind.achieved, true)?;
    if ind.target_pct > HUNDRED {
        return Err(instrument_err(
            INSTRUMENT,
            at,
            "target_pct",
            format!("target {}% is above 100%", ind.target_pct),
        ));
    }
    Ok(())
}

/// One indicator's target population, real coverage and coverage against the target (capped).
fn coverage(ind: &CoverageIndicator, p: &PkpPolicy, at: &Location) -> Result<CoverageResult> {
    let target_pop = num::div(num::mul(ind.population, ind.target_pct, at)?, HUNDRED, at)?;
    let real = num::ratio_pct(ind.achieved, ind.population, at)?;
    let vs = num::ratio_pct(ind.achieved, target_pop, at)?.min(p.coverage_cap);
    Ok(CoverageResult {
        id: ind.id.clone(),
        target_population: target_pop,
        real,
        against_target: vs,
        real_rounded: p.rounding.apply(real),
        against_target_rounded: p.rounding.apply(vs),
    })
}

/// The step of one indicator's coverage.
fn coverage_step(ind: &CoverageIndicator, res: &CoverageResult, p: &PkpPolicy) -> Step {
    let (target_pop, cap) = (show(res.target_population), show(p.coverage_cap));
    Step::new(
        ind.id.clone(),
        BiText::new(format!("Cakupan indikator {}", ind.id), format!("Coverage of indicator {}", ind.id)),
        BiText::new(
            format!(
                "target sasaran = total sasaran × target% = {target_pop}; cakupan riil = pencapaian / total sasaran × 100 = {}%; cakupan terhadap target = min({cap}, pencapaian / target sasaran × 100)",
                res.real_rounded,
            ),
            format!(
                "target population = total population × target% = {target_pop}; real coverage = achieved / population × 100 = {}%; coverage against target = min({cap}, achieved / target population × 100)",
                res.real_rounded,
            ),
        ),
        BiText::same(format!("{}%", res.against_target_rounded)),
        Citation::law_on(SRC, "cakupan pelayanan per indikator", "service coverage per indicator"),
    )
    .input("total_sasaran", show(ind.population))
    .input("target_pct", show(ind.target_pct))
    .input("pencapaian", show(ind.achieved))
    .unrounded(res.against_target)
}

/// The sub-variable and variable means, in order of first appearance.
struct Means {
    sub_variables: Vec<GroupMean>,
    variables: Vec<GroupMean>,
    /// Each variable's exact mean, in order.
    variable_means: Vec<Decimal>,
}

impl Means {
    /// The means of the indicators' coverage (on the policy's basis), with their steps.
    fn of(
        input: &PkpInput,
        results: &[CoverageResult],
        policy: &Policy,
        at: &Location,
        trace: &mut Trace,
    ) -> Result<Self> {
        let r2 = policy.instruments.pkp.rounding;
        let (var_order, var_children) = children(input, results, policy.instruments.pkp.basis);
        let basis_cite = Citation::policy(&policy.id, "instruments.pkp.basis");
        let mut means =
            Means { sub_variables: Vec::new(), variables: Vec::new(), variable_means: Vec::new() };
        for var in &var_order {
            let children = var_children.get(var).map(Vec::as_slice).unwrap_or(&[]);
            let mut child_means = Vec::with_capacity(children.len());
            for (sv, vals) in children {
                let m = num::mean(vals, at)?;
                if let Some(sv) = sv {
                    trace.push(
                        Step::new(
                            format!("{var}/{sv}"),
                            BiText::new(
                                format!("Rata-rata sub-variabel {sv} ({var})"),
                                format!("Sub-variable mean {sv} ({var})"),
                            ),
                            BiText::new("rata-rata cakupan indikatornya", "mean of its indicators' coverage"),
                            BiText::same(r2.apply(m).to_string()),
                            basis_cite.clone(),
                        )
                        .input("n", vals.len())
                        .unrounded(m),
                    );
                    means.sub_variables.push(GroupMean {
                        variable: (*var).to_string(),
                        sub_variable: Some((*sv).to_string()),
                        mean: m,
                        rounded: r2.apply(m),
                    });
                }
                child_means.push(m);
            }
            let vm = num::mean(&child_means, at)?;
            trace.push(
                Step::new(
                    (*var).to_string(),
                    BiText::new(format!("Rata-rata variabel {var}"), format!("Variable mean {var}")),
                    BiText::new(
                        "rata-rata sub-variabel (dan indikator langsung) dalam variabel",
                        "mean of the variable's sub-variables (and direct indicators)",
                    ),
                    BiText::same(r2.apply(vm).to_string()),
                    Citation::law_on(SRC, "nilai variabel = rata-rata", "variable value = mean"),
                )
                .input("n", child_means.len())
                .unrounded(vm),
            );
            means.variables.push(GroupMean {
                variable: (*var).to_string(),
                sub_variable: None,
                mean: vm,
                rounded: r2.apply(vm),
            });
            means.variable_means.push(vm);
        }
        Ok(means)
    }
}

/// The variables in order of first appearance, and each one's children (a sub-variable with
/// its indicators' values, or a direct indicator) with the value on `basis`.
fn children<'a>(
    input: &'a PkpInput,
    results: &[CoverageResult],
    basis: CoverageBasis,
) -> (Vec<&'a str>, BTreeMap<&'a str, Children<'a>>) {
    let basis_value = |r: &CoverageResult| match basis {
        CoverageBasis::AgainstTarget => r.against_target,
        CoverageBasis::Real => r.real,
    };
    let mut var_order: Vec<&str> = Vec::new();
    let mut var_children: BTreeMap<&str, Children<'_>> = BTreeMap::new();
    for (ind, res) in input.indicators.iter().zip(results) {
        let var = ind.variable.as_str();
        if !var_children.contains_key(var) {
            var_order.push(var);
        }
        let children = var_children.entry(var).or_default();
        match ind.sub_variable.as_deref() {
            Some(sv) => match children.iter_mut().find(|(k, _)| *k == Some(sv)) {
                Some((_, vals)) => vals.push(basis_value(res)),
                None => children.push((Some(sv), vec![basis_value(res)])),
            },
            None => children.push((None, vec![basis_value(res)])),
        }
    }
    (var_order, var_children)
}

/// The step of the programme coverage and its group.
fn programme_step(coverage_exact: Decimal, coverage: Decimal, g: PkpGroup, policy: &Policy) -> Step {
    let p = &policy.instruments.pkp;
    let (good, fair) = (p.coverage_good.describe(), p.coverage_fair.describe());
    Step::new(
        "coverage",
        BiText::new("Cakupan pelayanan (program)", "Service coverage (programme)"),
        BiText::new(
            format!(
                "rata-rata variabel = {coverage}; Kelompok I jika {good}, Kelompok II jika {fair}, selain itu Kelompok III"
            ),
            format!("mean of the variables = {coverage}; Group I if {good}, Group II if {fair}, otherwise Group III"),
        ),
        BiText::new(g.label(Lang::Id), g.label(Lang::En)),
        Citation::policy(&policy.id, "instruments.pkp.coverage_good, instruments.pkp.coverage_fair (C-16)"),
    )
    .input("cakupan (exact)", coverage_exact)
    .input("cakupan", coverage)
    .input("rounding", p.rounding.describe())
}

/// The management mean (exact and rounded) and its group; `None` without management scores.
/// A repeated variable or a score off the policy's scale is refused.
fn management(
    input: &PkpInput,
    policy: &Policy,
    base: &Location,
) -> Result<Option<(Decimal, Decimal, PkpGroup)>> {
    let p = &policy.instruments.pkp;
    if input.management.is_empty() {
        return Ok(None);
    }
    let mut seen = BTreeSet::new();
    let mut scores = Vec::with_capacity(input.management.len());
    for (row, m) in input.management.iter().enumerate() {
        let at = base.clone().with_row(row as u64);
        if !seen.insert(m.id.as_str()) {
            return Err(Error::Duplicate { at, kind: "management variable".into(), id: m.id.clone() });
        }
        if !p.management_scale.contains(&m.score) {
            let allowed: Vec<String> = p.management_scale.iter().map(|v| show(*v)).collect();
            return Err(instrument_err(
                INSTRUMENT,
                &at,
                format!("management[{row}].score"),
                format!(
                    "management variable `{}`: score {} is not on the scale {}",
                    m.id,
                    m.score,
                    allowed.join(" / ")
                ),
            ));
        }
        scores.push(m.score);
    }
    let me = num::mean(&scores, base)?;
    let mr = p.rounding.apply(me);
    Ok(Some((me, mr, group(mr, p.management_good, p.management_fair))))
}

/// The step of the management mean of `n` variables and its group.
fn management_step(me: Decimal, mr: Decimal, g: PkpGroup, n: usize, policy: &Policy) -> Step {
    let p = &policy.instruments.pkp;
    let (good, fair) = (p.management_good.describe(), p.management_fair.describe());
    Step::new(
        "management",
        BiText::new("Nilai manajemen", "Management score"),
        BiText::new(
            format!(
                "rata-rata nilai variabel manajemen = {mr}; Kelompok I jika {good}, Kelompok II jika {fair}, selain itu Kelompok III"
            ),
            format!(
                "mean of the management variables = {mr}; Group I if {good}, Group II if {fair}, otherwise Group III"
            ),
        ),
        BiText::new(g.label(Lang::Id), g.label(Lang::En)),
        Citation::policy(&policy.id, "instruments.pkp.management_good, instruments.pkp.management_fair (C-16)"),
    )
    .input("n", n)
    .input("mean (exact)", me)
    .input("mean", mr)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn gaps_resolved_by_policy() {
        let p = PkpPolicy::default();
        let cov = |v| group(v, p.coverage_good, p.coverage_fair);
        let man = |v| group(v, p.management_good, p.management_fair);
        assert_eq!(cov(dec!(92)), PkpGroup::Good);
        assert_eq!(cov(dec!(91)), PkpGroup::Fair);
        assert_eq!(cov(dec!(90.5)), PkpGroup::Fair);
        assert_eq!(cov(dec!(80.5)), PkpGroup::Fair);
        assert_eq!(cov(dec!(80)), PkpGroup::Poor);
        assert_eq!(man(dec!(8.5)), PkpGroup::Good);
        assert_eq!(man(dec!(8.45)), PkpGroup::Fair);
        assert_eq!(man(dec!(5.5)), PkpGroup::Fair);
        assert_eq!(man(dec!(5.49)), PkpGroup::Poor);
    }

    #[test]
    fn policy_validation_is_located() {
        let mut p = PkpPolicy::default();
        p.coverage_fair.value = dec!(95);
        assert_eq!(
            p.validate("instruments.pkp").unwrap_err().field(),
            Some("instruments.pkp.coverage_fair.value")
        );
        let p = PkpPolicy { management_scale: vec![dec!(0), dec!(7), dec!(4)], ..Default::default() };
        assert_eq!(p.validate("x").unwrap_err().field(), Some("x.management_scale[2]"));
    }
}
