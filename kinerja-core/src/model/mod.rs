//! The domain model: employees, performance plans (SKP) with planned results (RHK) and
//! individual indicators (IKI), realisations per period, and the assessments an appraiser
//! gives (work-result rating, BerAKHLAK behaviour, organisational predicate).
//!
//! All types are plain data with serde support; [`Plan::validate`] checks a plan and reports
//! the first problem with its location.

mod build;
pub mod enums;

use rust_decimal::Decimal;
use serde::{Deserialize, Deserializer, Serialize};
#[cfg(feature = "schema")]
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Location, Result};
use crate::period::Period;
pub use enums::*;

/// A target: a point value or a range (target dalam bentuk range).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Target {
    /// A single value.
    Point(Decimal),
    /// An inclusive range `low ..= high`.
    Range {
        /// Lower bound.
        low: Decimal,
        /// Upper bound.
        high: Decimal,
    },
}

/// `value` within the input limits every surface applies ([`crate::num::check_limits`]): a
/// plan states no number a table would refuse.
pub(crate) fn within_limits(value: Decimal, field: &str, at: &Location) -> Result<()> {
    match crate::num::check_limits(value) {
        Ok(_) => Ok(()),
        Err(e) => {
            Err(Error::Input { at: at.clone(), field: field.into(), reason: e.reason(&value.to_string()) })
        }
    }
}

impl Target {
    /// Checks the target: a range needs `low ≤ high`; values may not be negative.
    pub fn validate(&self, at: &Location) -> Result<()> {
        let bad = |reason: String| Error::Indicator { at: at.clone(), field: "target".into(), reason };
        match *self {
            Target::Point(v) => within_limits(v, "target", at)?,
            Target::Range { low, high } => {
                within_limits(low, "target.low", at)?;
                within_limits(high, "target.high", at)?;
            }
        }
        match *self {
            Target::Point(v) if crate::num::negative(v) => Err(bad(format!("target {v} is negative"))),
            Target::Range { low, high } if low > high => {
                Err(bad(format!("range low bound {low} exceeds high bound {high}")))
            }
            Target::Range { low, .. } if crate::num::negative(low) => {
                Err(bad(format!("range low bound {low} is negative")))
            }
            _ => Ok(()),
        }
    }

    /// Multiplies the target (both bounds of a range) by `f`, checked.
    pub fn scale(&self, f: Decimal, at: &Location) -> Result<Target> {
        Ok(match *self {
            Target::Point(v) => Target::Point(crate::num::mul(v, f, at)?),
            Target::Range { low, high } => {
                Target::Range { low: crate::num::mul(low, f, at)?, high: crate::num::mul(high, f, at)? }
            }
        })
    }

    /// Adds two targets of the same shape (used for cumulative ΣT).
    pub fn add(&self, other: &Target, at: &Location) -> Result<Target> {
        match (*self, *other) {
            (Target::Point(a), Target::Point(b)) => Ok(Target::Point(crate::num::add(a, b, at)?)),
            (Target::Range { low: a, high: b }, Target::Range { low: c, high: d }) => {
                Ok(Target::Range { low: crate::num::add(a, c, at)?, high: crate::num::add(b, d, at)? })
            }
            _ => Err(Error::Indicator {
                at: at.clone(),
                field: "target".into(),
                reason: "cannot add a point target and a range target".into(),
            }),
        }
    }
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Target::Point(v) => write!(f, "{}", v.normalize()),
            Target::Range { low, high } => write!(f, "{}–{}", low.normalize(), high.normalize()),
        }
    }
}

impl<'de> Deserialize<'de> for Target {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct RangeRepr {
            low: Decimal,
            high: Decimal,
        }
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Point(Decimal),
            Range(RangeRepr),
        }
        match Repr::deserialize(d) {
            Ok(Repr::Point(v)) => Ok(Target::Point(v)),
            Ok(Repr::Range(r)) => Ok(Target::Range { low: r.low, high: r.high }),
            Err(_) => Err(serde::de::Error::custom(
                "a target is a number (e.g. 100 or \"92.5\") or a range {\"low\": 80, \"high\": 90}",
            )),
        }
    }
}

/// The JSON Schema of a decimal in a plan: a JSON number (read from its exact text) or a
/// string such as `"92.5"`, within the input limits ([`crate::num::check_limits`]: 20 digits
/// before the point, 18 after it and 28 in all, leading and trailing zeros not counted), as
/// the pattern of a string says exactly ([`decimal_pattern`]). The reader also takes an
/// exponent, `1e2`, which the schema leaves out.
#[cfg(feature = "schema")]
struct DecimalValue;

/// The pattern of a decimal's text within the input limits: `n` significant digits before
/// the point (1 to 20) take at most `min(18, 28 - n)` after it, then only zeros.
#[cfg(feature = "schema")]
fn decimal_pattern() -> String {
    use crate::num::{MAX_FRACTION_DIGITS as F, MAX_INTEGER_DIGITS as I, MAX_SIGNIFICANT_DIGITS as S};
    let mut alternatives = vec![format!("[0-9]{{1,{}}}(\\.[0-9]{{0,{F}}}0*)?", S - F)];
    alternatives.extend((S - F + 1..=I).map(|n| format!("[0-9]{{{n}}}(\\.[0-9]{{0,{}}}0*)?", S - n)));
    alternatives.push(format!("\\.[0-9]{{1,{F}}}0*"));
    format!("^[+-]?0*({})$", alternatives.join("|"))
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for DecimalValue {
    fn schema_name() -> Cow<'static, str> {
        "Decimal".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": ["number", "string"],
            "pattern": decimal_pattern(),
            "exclusiveMaximum": 1e20,
            "exclusiveMinimum": -1e20,
            "description": "An exact decimal: a JSON number or its text, e.g. 92.5 or \"92.5\"."
        })
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Target {
    fn schema_name() -> Cow<'static, str> {
        "Target".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let number = generator.subschema_for::<DecimalValue>();
        schemars::json_schema!({
            "description": "A point target (a decimal) or a range `{\"low\": 80, \"high\": 90}`.",
            "oneOf": [
                number,
                {"type": "object", "properties": {"low": number, "high": number},
                 "required": ["low", "high"], "additionalProperties": false}
            ]
        })
    }
}

/// Indikator Kinerja Individu (IKI): an individual, measurable indicator with a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Indicator {
    /// Identifier, unique within the plan.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"\S")))]
    pub id: String,
    /// Name, e.g. "Jumlah pasien yang dilayani".
    pub name: String,
    /// Unit of measure (satuan), e.g. "orang", "%", "menit".
    #[serde(default)]
    pub unit_of_measure: String,
    /// Aspect (kuantitas, kualitas, waktu, biaya).
    #[serde(default = "default_aspect")]
    pub aspect: Aspect,
    /// Polarity; higher is better unless stated.
    #[serde(default = "default_polarity")]
    pub polarity: Polarity,
    /// Target for the plan year.
    pub target: Target,
    /// Targets for specific periods (overrides the pro-rated or annual target).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub period_targets: BTreeMap<Period, Target>,
    /// Weight (bobot); optional. When no indicator of a plan has a weight, all weigh the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DecimalValue>"))]
    pub weight: Option<Decimal>,
    /// Cap on the achievement in percent (e.g. 120), overriding the policy default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DecimalValue>"))]
    pub cap: Option<Decimal>,
    /// The target is the maximum achievable (8/2021: 100 % gives the top value).
    #[serde(default)]
    pub target_is_max: bool,
    /// How realisations over several periods combine.
    #[serde(default = "default_aggregation")]
    pub aggregation: Aggregation,
}

fn default_aspect() -> Aspect {
    Aspect::Quantity
}
fn default_polarity() -> Polarity {
    Polarity::HigherIsBetter
}
fn default_aggregation() -> Aggregation {
    Aggregation::Cumulative
}

impl Indicator {
    /// A higher-is-better quantity indicator with a point target and defaults elsewhere.
    pub fn new(id: impl Into<String>, name: impl Into<String>, target: Target) -> Self {
        Indicator {
            id: id.into(),
            name: name.into(),
            unit_of_measure: String::new(),
            aspect: Aspect::Quantity,
            polarity: Polarity::HigherIsBetter,
            target,
            period_targets: BTreeMap::new(),
            weight: None,
            cap: None,
            target_is_max: false,
            aggregation: Aggregation::Cumulative,
        }
    }

    /// Checks targets, weight and cap.
    pub fn validate(&self, at: &Location) -> Result<()> {
        let at = at.clone().with_indicator(&self.id);
        if self.id.trim().is_empty() {
            return Err(Error::Input { at, field: "indicator.id".into(), reason: "is empty".into() });
        }
        self.target.validate(&at)?;
        for (p, t) in &self.period_targets {
            t.validate(&at.clone().with_period(p))?;
        }
        if let Some(w) = self.weight {
            within_limits(w, "weight", &at)?;
            if crate::num::negative(w) {
                return Err(Error::Indicator {
                    at,
                    field: "weight".into(),
                    reason: format!("weight {w} is negative"),
                });
            }
        }
        if let Some(c) = self.cap {
            within_limits(c, "cap", &at)?;
            if c <= Decimal::ZERO {
                return Err(Error::Indicator {
                    at,
                    field: "cap".into(),
                    reason: format!("cap {c} must be positive"),
                });
            }
        }
        Ok(())
    }
}

/// Rencana Hasil Kerja (RHK): a planned result with its indicators.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PlannedResult {
    /// Identifier, unique within the plan.
    pub id: String,
    /// What is to be achieved.
    pub description: String,
    /// Primary (utama) or additional (tambahan).
    #[serde(default = "default_kind")]
    pub kind: ResultKind,
    /// The superior's RHK or the unit goal (IKU) this result supports (intervensi).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// Direct or indirect cascade to `parent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cascade: Option<CascadeType>,
    /// The individual indicators (IKI).
    #[serde(default)]
    pub indicators: Vec<Indicator>,
}

fn default_kind() -> ResultKind {
    ResultKind::Primary
}

/// An employee (pegawai).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Employee {
    /// NIP-style identifier (18 digits for PNS), unique.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"\S")))]
    pub id: String,
    /// Full name.
    pub name: String,
    /// Organisation unit id.
    #[cfg_attr(feature = "schema", schemars(regex(pattern = r"\S")))]
    pub unit: String,
    /// Type of post.
    pub post_type: PostType,
    /// Functional grade (jenjang), for functional posts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub functional_grade: Option<FunctionalGrade>,
    /// True when the employee heads the unit.
    #[serde(default)]
    pub unit_head: bool,
    /// Position title (nama jabatan), free text.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub position: String,
}

impl Employee {
    /// Checks the id, the unit and the grade (only a functional post has one); the name is free.
    pub fn validate(&self) -> Result<()> {
        let at = Location::employee(&self.id);
        if self.id.trim().is_empty() {
            return Err(Error::Input { at, field: "employee.id".into(), reason: "is empty".into() });
        }
        if self.unit.trim().is_empty() {
            return Err(Error::Input { at, field: "employee.unit".into(), reason: "is empty".into() });
        }
        if self.functional_grade.is_some() && self.post_type != PostType::Functional {
            return Err(Error::Input {
                at,
                field: "functional_grade".into(),
                reason: format!("a functional grade is given, but the post type is {}", self.post_type),
            });
        }
        Ok(())
    }
}

/// Realisasi: the actual value of one indicator in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Realisation {
    /// The indicator id.
    pub indicator: String,
    /// The period the value covers.
    pub period: Period,
    /// The actual value.
    #[cfg_attr(feature = "schema", schemars(with = "DecimalValue"))]
    pub actual: Decimal,
}

/// Behaviour assessment over the seven BerAKHLAK values, with the overall rating.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Behaviour {
    /// Rating per core value (any subset of the seven).
    #[serde(default)]
    pub values: BTreeMap<CoreValue, Rating>,
    /// The appraiser's overall behaviour rating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub overall: Option<Rating>,
}

/// What the appraiser (and the superior organisation) gave for one period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Assessment {
    /// The period assessed.
    pub period: Period,
    /// The appraiser's work-result (hasil kerja) rating, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work_result: Option<Rating>,
    /// The behaviour assessment, if given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub behaviour: Option<Behaviour>,
    /// The unit's organisational predicate for the period, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org_predicate: Option<OrgPredicate>,
    /// A predicate set directly by the appraiser (e.g. the annual judgement).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<Predicate>,
    /// The employee produced an innovation benefiting the organisation (PP 30/2019 Pasal 41).
    #[serde(default)]
    pub innovation: bool,
    /// Behaviour rated with peer and subordinate input (360°), PP 30/2019 Pasal 41.
    #[serde(default)]
    pub behaviour_360: bool,
    /// Numeric behaviour value where a regime needs one (PP 46 / 8/2021), 0–100 or 0–120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "schema", schemars(with = "Option<DecimalValue>"))]
    pub behaviour_score: Option<Decimal>,
    /// PP 46 behaviour aspect scores (orientasi pelayanan, integritas, …) by name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    #[cfg_attr(feature = "schema", schemars(with = "BTreeMap<String, DecimalValue>"))]
    pub behaviour_aspects: BTreeMap<String, Decimal>,
}

impl Assessment {
    /// An empty assessment for `period`.
    pub fn new(period: Period) -> Self {
        Assessment {
            period,
            work_result: None,
            behaviour: None,
            org_predicate: None,
            predicate: None,
            innovation: false,
            behaviour_360: false,
            behaviour_score: None,
            behaviour_aspects: BTreeMap::new(),
        }
    }
}

/// Sasaran Kinerja Pegawai (SKP) for one employee and year, with its realisations and the
/// assessments received: everything needed to evaluate the employee.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Plan {
    /// The employee.
    pub employee: Employee,
    /// Performance year.
    #[cfg_attr(feature = "schema", schemars(range(min = crate::period::MIN_YEAR, max = crate::period::MAX_YEAR)))]
    pub year: u16,
    /// Planned results (RHK) with their indicators.
    #[serde(default)]
    pub results: Vec<PlannedResult>,
    /// Realisations per indicator per period.
    #[serde(default)]
    pub realisations: Vec<Realisation>,
    /// Assessments per period.
    #[serde(default)]
    pub assessments: Vec<Assessment>,
}

impl Plan {
    /// The JSON Schema (2020-12) of a plan in the JSON form that [`Plan::from_json`] reads.
    #[cfg(feature = "schema")]
    pub fn json_schema() -> String {
        let s = schemars::schema_for!(Plan);
        serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
    }

    /// Reads a plan from JSON.
    pub fn from_json(text: &str) -> Result<Plan> {
        crate::document_numbers::json(text).map_err(|e| e.into_error("plan"))?;
        let p: Plan = serde_json::from_str(text).map_err(|e| Error::Input {
            at: Location::default(),
            field: "plan".into(),
            reason: format!("malformed plan JSON: {e}"),
        })?;
        p.validate()?;
        Ok(p)
    }

    /// Iterates over all indicators with their planned result.
    pub fn indicators(&self) -> impl Iterator<Item = (&PlannedResult, &Indicator)> {
        self.results.iter().flat_map(|r| r.indicators.iter().map(move |i| (r, i)))
    }

    /// Finds an indicator by id.
    pub fn indicator(&self, id: &str) -> Option<(&PlannedResult, &Indicator)> {
        self.indicators().find(|(_, i)| i.id == id)
    }

    /// The assessment for exactly `period`, if any.
    pub fn assessment(&self, period: &Period) -> Option<&Assessment> {
        self.assessments.iter().find(|a| a.period == *period)
    }

    /// Checks the whole plan: ids unique, targets and weights valid, every realisation and
    /// assessment refers to a known indicator and lies in the plan year, no duplicates.
    pub fn validate(&self) -> Result<()> {
        self.employee.validate()?;
        let at = Location::employee(&self.employee.id);
        if !(crate::period::MIN_YEAR..=crate::period::MAX_YEAR).contains(&self.year) {
            return Err(Error::Input {
                at,
                field: "year".into(),
                reason: format!("year {} out of range", self.year),
            });
        }
        let mut result_ids = BTreeSet::new();
        let mut ind_ids = BTreeSet::new();
        for r in &self.results {
            if !result_ids.insert(r.id.as_str()) {
                return Err(Error::Duplicate { at, kind: "planned result".into(), id: r.id.clone() });
            }
            if r.parent.is_none() && r.cascade.is_some() {
                return Err(Error::Input {
                    at,
                    field: format!("results[{}].cascade", r.id),
                    reason: "a cascade type is given without a parent".into(),
                });
            }
            for i in &r.indicators {
                i.validate(&at)?;
                if !ind_ids.insert(i.id.as_str()) {
                    return Err(Error::Duplicate { at, kind: "indicator".into(), id: i.id.clone() });
                }
                for p in i.period_targets.keys() {
                    if p.year() != self.year {
                        return Err(Error::Period {
                            input: p.to_string(),
                            reason: format!(
                                "period target of indicator `{}` of employee `{}` is outside plan year {}",
                                i.id, self.employee.id, self.year
                            ),
                        });
                    }
                }
            }
        }
        let mut seen = BTreeSet::new();
        for r in &self.realisations {
            let rat = at.clone().with_indicator(&r.indicator).with_period(r.period);
            if !ind_ids.contains(r.indicator.as_str()) {
                return Err(Error::Unknown { at: rat, kind: "indicator".into(), id: r.indicator.clone() });
            }
            within_limits(r.actual, "actual", &rat)?;
            if r.period.year() != self.year {
                return Err(Error::Input {
                    at: rat,
                    field: "realisation.period".into(),
                    reason: format!("outside plan year {}", self.year),
                });
            }
            if !seen.insert((r.indicator.as_str(), r.period)) {
                return Err(Error::Duplicate {
                    at: rat,
                    kind: "realisation".into(),
                    id: format!("{}@{}", r.indicator, r.period),
                });
            }
        }
        let mut seen_a = BTreeSet::new();
        for a in &self.assessments {
            let aat = at.clone().with_period(a.period);
            if a.period.year() != self.year {
                return Err(Error::Input {
                    at: aat,
                    field: "assessment.period".into(),
                    reason: format!("outside plan year {}", self.year),
                });
            }
            if !seen_a.insert(a.period) {
                return Err(Error::Duplicate {
                    at: aat,
                    kind: "assessment".into(),
                    id: a.period.to_string(),
                });
            }
            if let Some(v) = a.behaviour_score {
                within_limits(v, "behaviour_score", &aat)?;
            }
            for (name, v) in &a.behaviour_aspects {
                within_limits(*v, &format!("behaviour_aspects.{name}"), &aat)?;
            }
        }
        Ok(())
    }
}
