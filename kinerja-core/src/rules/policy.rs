//! The policy: every open choice, with its default and legal status.
//!
//! Legal status of each field is stated in its doc comment: **law** (fixed by regulation,
//! the field exists to let a region follow a later amendment), **unconfirmed** (the engine's
//! reading of a text not fully seen; see the open questions in the docs) or **local choice**
//! (the law leaves it to the organisation).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::achievement::AchievementPolicy;
use crate::error::{Error, Result};
use crate::model::{OrgPredicate, Rating};
use crate::num::Rounding;

/// The schema version this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;

/// Largest policy text accepted (bytes); larger inputs are rejected before parsing.
pub const MAX_POLICY_BYTES: usize = 1 << 20;

/// Rounding at the engine's named points.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct RoundingPolicy {
    /// Reported values (scores, weighted means). Default half-up to 2 places. Local choice.
    pub reported: Rounding,
    /// Achievement percentages as reported and as compared against bands. Default half-up to
    /// 2 places. Local choice.
    pub achievement: Rounding,
    /// Which achievements the weighted mean takes: `unrounded` (default: the exact values,
    /// rounded once at the end) or `rounded` (each achievement first rounded by
    /// `rounding.achievement`, as many spreadsheets and apps do). The two differ by 0.01 in
    /// about one weighted mean in ten. Legal status: unconfirmed, neither order is settled
    /// law (open question C-21).
    pub mean_inputs: MeanInputs,
}

impl Default for RoundingPolicy {
    fn default() -> Self {
        RoundingPolicy {
            reported: Rounding::half_up(2),
            achievement: Rounding::half_up(2),
            mean_inputs: MeanInputs::Unrounded,
        }
    }
}

/// The inputs of a weighted mean (`rounding.mean_inputs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MeanInputs {
    /// The exact achievements; the mean is rounded once.
    #[default]
    Unrounded,
    /// Each achievement rounded by `rounding.achievement` first.
    Rounded,
}

impl MeanInputs {
    /// The achievement the mean takes, from the exact one.
    pub fn input(self, exact: Decimal, achievement: &Rounding) -> Decimal {
        match self {
            MeanInputs::Unrounded => exact,
            MeanInputs::Rounded => achievement.apply(exact),
        }
    }
}

/// One advisory band: achievement at or above `min` percent advises `rating`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct AdvisoryBand {
    /// Lowest weighted achievement (percent, inclusive) for this band.
    #[cfg_attr(feature = "schema", schemars(with = "String"))]
    pub min: Decimal,
    /// The advised work-result rating.
    pub rating: Rating,
}

/// How the annual predicate relates to periodic ones (open question C-4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AnnualRollup {
    /// The appraiser's annual ratings (or annual predicate) are required. Default.
    #[default]
    AppraiserInput,
    /// The predicate of the last periodic evaluation of the year.
    LastPeriod,
    /// The worst periodic predicate of the year.
    WorstPeriod,
}

/// Which employees get the JPT rule (work result follows the organisational predicate).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum JptScope {
    /// JPT posts that head their unit. Default.
    #[default]
    JptUnitHeads,
    /// Every JPT post.
    AllJpt,
    /// Nobody: JPT work results are rated like everyone else's.
    None,
}

/// Behaviour advice when the overall behaviour rating is missing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BehaviourAdvice {
    /// Any core value below expectation makes the overall below expectation; otherwise at
    /// least this many values above expectation make it above; otherwise meets.
    pub min_above: u8,
}

/// What to do with an indicator that has no realisation in the evaluated period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum MissingRealisation {
    /// An error naming the employee, indicator and period. Default.
    #[default]
    Error,
    /// Leave the indicator out of the evaluation and say so in the explanation.
    Exclude,
}

/// The JPT mapping from organisational predicate to work-result rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct OrgRatingMap {
    /// Istimewa. Default above.
    pub outstanding: Rating,
    /// Baik. Default meets.
    pub good: Rating,
    /// Butuh Perbaikan. Default below.
    pub needs_improvement: Rating,
    /// Kurang. Default below.
    pub poor: Rating,
    /// Sangat Kurang. Default below.
    pub very_poor: Rating,
}

impl Default for OrgRatingMap {
    fn default() -> Self {
        OrgRatingMap {
            outstanding: Rating::Above,
            good: Rating::Meets,
            needs_improvement: Rating::Below,
            poor: Rating::Below,
            very_poor: Rating::Below,
        }
    }
}

impl OrgRatingMap {
    /// The rating for an organisational predicate.
    pub fn get(&self, p: OrgPredicate) -> Rating {
        match p {
            OrgPredicate::Outstanding => self.outstanding,
            OrgPredicate::Good => self.good,
            OrgPredicate::NeedsImprovement => self.needs_improvement,
            OrgPredicate::Poor => self.poor,
            OrgPredicate::VeryPoor => self.very_poor,
        }
    }
}

/// Rating choices under PermenPANRB 6/2022.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct RatingPolicy {
    /// Advisory bands from weighted mean achievement to a work-result rating, highest first
    /// (e.g. ≥ 110 above, ≥ 90 meets, ≥ 0 below). Default none: 6/2022 prescribes no formula
    /// (C-5). Legal status: local choice.
    pub advisory_bands: Vec<AdvisoryBand>,
    /// When the appraiser gave no work-result rating, use the advice (flagged as local
    /// policy). Default `true`; has no effect without bands. Local choice.
    pub use_advice_when_missing: bool,
    /// Who gets the JPT rule. Default `jpt_unit_heads`. Unconfirmed (PermenPANRB 6/2022, JPT model).
    pub jpt_scope: JptScope,
    /// Organisational predicate → JPT work-result rating. Default Istimewa → above,
    /// Baik → meets, others → below. Unconfirmed (PermenPANRB 6/2022, JPT model).
    pub jpt_org_map: OrgRatingMap,
    /// Derive the overall behaviour rating from the core values when it is missing. Default
    /// none: the appraiser's overall rating is required. Local choice.
    pub behaviour_advice: Option<BehaviourAdvice>,
    /// Annual predicate from periodic ones. Default `appraiser_input`. Unconfirmed (C-4).
    pub annual_rollup: AnnualRollup,
    /// If set, the plan's indicator weights must add up to this value (e.g. 100): other sums
    /// are an error (the knob's `error` setting). Default none: weights are normalised by their
    /// sum (`normalise`), and a sum other than 100 is noted in the evaluation. Equal weights
    /// (`ignore`) are what a plan without weights gets. Local choice: PermenPANRB 6/2022
    /// prescribes no weighting.
    #[cfg_attr(feature = "schema", schemars(with = "Option<String>"))]
    pub weights_must_sum_to: Option<Decimal>,
    /// Count additional (tambahan) results in the weighted achievement. Default `false`:
    /// 6/2022 evaluates them qualitatively. Law.
    pub include_additional: bool,
    /// An indicator without a realisation in the period. Default `error`. Local choice.
    pub missing_realisation: MissingRealisation,
    /// Refuse an employee whose plan has no indicator at all. Default `false`: the appraiser's
    /// ratings alone give the predicate, with no weighted achievement (the law's reading:
    /// under PermenPANRB 6/2022 the ratings are the appraiser's inputs and a mapping from
    /// achievement is advisory). `true` treats it as a data gap: `evaluate` is an error naming
    /// the employee and this field, batch scoring gives the status `no_indicators` and no
    /// predicate. Local choice (a convention without a legal source).
    pub require_indicators: bool,
}

impl Default for RatingPolicy {
    fn default() -> Self {
        RatingPolicy {
            advisory_bands: Vec::new(),
            use_advice_when_missing: true,
            jpt_scope: JptScope::JptUnitHeads,
            jpt_org_map: OrgRatingMap::default(),
            behaviour_advice: None,
            annual_rollup: AnnualRollup::AppraiserInput,
            weights_must_sum_to: None,
            include_additional: false,
            missing_realisation: MissingRealisation::Error,
            require_indicators: false,
        }
    }
}

impl RatingPolicy {
    /// The advised rating for a weighted achievement (already rounded), if bands exist.
    pub fn advise(&self, achievement: Decimal) -> Option<Rating> {
        self.advisory_bands
            .iter()
            .find(|b| achievement >= b.min)
            .map(|b| b.rating)
            .or_else(|| (!self.advisory_bands.is_empty()).then_some(Rating::Below))
    }

    /// Checks bands descend strictly and weights are sensible.
    pub fn validate(&self, path: &str) -> Result<()> {
        for (i, b) in self.advisory_bands.iter().enumerate() {
            if i > 0 {
                let prev = &self.advisory_bands[i - 1];
                if b.min >= prev.min {
                    return Err(Error::Policy {
                        path: format!("{path}.advisory_bands[{i}].min"),
                        reason: format!("bands must be descending ({} is not below {})", b.min, prev.min),
                    });
                }
                if b.rating > prev.rating {
                    return Err(Error::Policy {
                        path: format!("{path}.advisory_bands[{i}].rating"),
                        reason: "a lower band may not advise a better rating".into(),
                    });
                }
            }
        }
        if let Some(w) = self.weights_must_sum_to {
            if w <= Decimal::ZERO {
                return Err(Error::Policy {
                    path: format!("{path}.weights_must_sum_to"),
                    reason: format!("{w} must be positive"),
                });
            }
        }
        if let Some(b) = &self.behaviour_advice {
            if b.min_above == 0 || b.min_above > 7 {
                return Err(Error::Policy {
                    path: format!("{path}.behaviour_advice.min_above"),
                    reason: format!("{} must be between 1 and 7", b.min_above),
                });
            }
        }
        Ok(())
    }
}

/// A complete policy: one section per area. Every section has defaults, so a file only
/// states what it changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    /// Must equal [`SCHEMA_VERSION`]. Legal status: not a rule (the file format version).
    pub schema_version: u32,
    /// Identifier cited in explanations, e.g. `kupang-2024`. Default `national-default`.
    /// Legal status: local choice (metadata, not a rule).
    pub id: String,
    /// Version of this policy, recorded with every evaluation. Legal status: local choice
    /// (metadata, not a rule).
    pub version: String,
    /// Free description (what it is, who adopted it, what must be confirmed). Legal status:
    /// local choice (metadata, not a rule).
    pub description: String,
    /// Rounding points.
    pub rounding: RoundingPolicy,
    /// Achievement (capaian) choices.
    pub achievement: AchievementPolicy,
    /// PermenPANRB 6/2022 rating choices.
    pub rating: RatingPolicy,
    /// PP 46/2011 choices.
    pub pp46: crate::rules::pp46::Pp46Policy,
    /// PermenPANRB 8/2021 choices.
    pub permenpanrb_8_2021: crate::rules::permenpanrb_8_2021::Permenpanrb82021Policy,
    /// Organisation layer: distribution curve, calibration, organisational advice.
    pub organisation: crate::rules::organisation::OrgPolicy,
    /// Follow-ups: credit points, TPP, training, rewards, talent, monitoring.
    pub follow_up: crate::rules::follow_up::FollowUpPolicy,
    /// Instruments: satisfaction index, puskesmas assessment, teachers.
    pub instruments: crate::rules::instruments::InstrumentsPolicy,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            schema_version: SCHEMA_VERSION,
            id: NATIONAL_DEFAULT_ID.into(),
            version: "1".into(),
            description: "kinerja defaults: the law where it is settled, documented conventions elsewhere"
                .into(),
            rounding: RoundingPolicy::default(),
            achievement: AchievementPolicy::default(),
            rating: RatingPolicy::default(),
            pp46: Default::default(),
            permenpanrb_8_2021: Default::default(),
            organisation: Default::default(),
            follow_up: Default::default(),
            instruments: Default::default(),
        }
    }
}

// Defined with the citations that name it, which must not depend on `rules`.
#[doc(inline)]
pub use crate::explain::NATIONAL_DEFAULT_ID;

/// Collects the dotted paths where two JSON values differ (objects field by field, anything
/// else as a whole).
fn diff_paths(prefix: &str, a: &serde_json::Value, b: &serde_json::Value, out: &mut Vec<String>) {
    match (a, b) {
        (serde_json::Value::Object(x), serde_json::Value::Object(y)) => {
            let keys: std::collections::BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                match (x.get(k), y.get(k)) {
                    (Some(va), Some(vb)) => diff_paths(&path, va, vb, out),
                    _ => out.push(path),
                }
            }
        }
        _ if a != b => out.push(prefix.to_string()),
        _ => {}
    }
}

/// The field path of a deserialisation error (`rating.advisory_bands[1].min`), or `root`
/// when the error is not inside a field (a syntax error, a document that is not a table).
fn located(path: &serde_path_to_error::Path, root: &str) -> String {
    // Segments serde could not name print as `?`; drop them rather than print them.
    let p = path.to_string();
    let p = p.trim_end_matches('?').trim_end_matches('.');
    if p.is_empty() || p.contains('?') { root.to_string() } else { p.to_string() }
}

#[cfg(feature = "toml")]
fn toml_error(e: &toml::de::Error, path: &str) -> Error {
    let span = e.span().map(|s| format!(" (at byte {})", s.start)).unwrap_or_default();
    Error::Policy { path: path.to_string(), reason: decimal_hint(e.message().trim_end().to_string() + &span) }
}

/// A serde reason about a number the engine cannot hold, with the engine's limits added.
fn decimal_hint(reason: String) -> String {
    if reason.contains("expected a Decimal") {
        format!(
            "{reason}; the engine holds numbers of at most 28 significant digits (largest {})",
            rust_decimal::Decimal::MAX
        )
    } else {
        reason
    }
}

/// Reads a policy document from TOML: size checked, serde errors located by field path with
/// the byte position in the reason.
#[cfg(feature = "toml")]
pub(crate) fn parse_toml<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    check_size(text)?;
    crate::document_numbers::toml(text)
        .map_err(|e| Error::Policy { path: "<toml>".into(), reason: e.reason() })?;
    let de = toml::Deserializer::parse(text).map_err(|e| toml_error(&e, "<toml>"))?;
    serde_path_to_error::deserialize(de).map_err(|e| toml_error(e.inner(), &located(e.path(), "<toml>")))
}

/// Reads a policy document from JSON: size checked, serde errors located by field path with
/// the line and column in the reason.
pub(crate) fn parse_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T> {
    check_size(text)?;
    crate::document_numbers::json(text)
        .map_err(|e| Error::Policy { path: "<json>".into(), reason: e.reason() })?;
    let mut de = serde_json::Deserializer::from_str(text);
    let v: T = serde_path_to_error::deserialize(&mut de).map_err(|e| Error::Policy {
        path: located(e.path(), "<json>"),
        reason: decimal_hint(e.inner().to_string()),
    })?;
    de.end().map_err(|e| Error::Policy { path: "<json>".into(), reason: e.to_string() })?;
    Ok(v)
}

/// Reads a document already parsed into JSON values (a resolved dated policy); serde errors
/// are located by field path.
pub(crate) fn from_value<T: serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<T> {
    serde_path_to_error::deserialize(v).map_err(|e| Error::Policy {
        path: located(e.path(), "<document>"),
        reason: decimal_hint(e.inner().to_string()),
    })
}

/// When a document failed to read as a plain policy because it has dated values, the error
/// that says so and how to choose the date; else `err` unchanged.
pub(crate) fn dated_hint(err: Error, dated: Result<super::DatedPolicy>) -> Error {
    match dated {
        Ok(d) if d.is_dated() => Error::Policy {
            path: d.paths().join(", "),
            reason: "dated values (lists of {from, value}): choose the date with DatedPolicy::at or \
                     DatedPolicy::for_period (Python: at= or period=; CLI: --period)"
                .into(),
        },
        _ => err,
    }
}

impl Policy {
    /// Reads a policy from TOML and validates it.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Policy> {
        let p: Policy = parse_toml(text).map_err(|e| dated_hint(e, super::DatedPolicy::from_toml(text)))?;
        p.validate()?;
        Ok(p.with_provenance())
    }

    /// Reads a policy from JSON and validates it.
    pub fn from_json(text: &str) -> Result<Policy> {
        let p: Policy = parse_json(text).map_err(|e| dated_hint(e, super::DatedPolicy::from_json(text)))?;
        p.validate()?;
        Ok(p.with_provenance())
    }

    /// The policy named for what it holds: a policy that still carries the national default id
    /// but differs from the national default is renamed `national-default+<changed fields>`
    /// (version `<version>+derived`), so that no trace attributes a changed value to the
    /// national default. Any other policy is returned unchanged. Reading a policy
    /// ([`Policy::from_toml`], [`Policy::from_json`]) and [`Ruleset::with_policy`](crate::rules::Ruleset::with_policy)
    /// do this; a policy changed in code and passed directly to a function taking `&Policy`
    /// must go through it first, or its changed values are cited as the national default.
    ///
    /// ```
    /// use kinerja_core::rules::Policy;
    /// let mut p = Policy::default();
    /// assert_eq!(p.clone().with_provenance().id, "national-default");
    /// p.achievement.floor_at_zero = false;
    /// let p = p.with_provenance();
    /// assert_eq!(p.id, "national-default+achievement.floor_at_zero");
    /// assert_eq!(p.version, "1+derived");
    /// ```
    pub fn with_provenance(mut self) -> Policy {
        if self.id != NATIONAL_DEFAULT_ID {
            return self;
        }
        let changed = self.changed_fields();
        if !changed.is_empty() {
            self.id = format!("{NATIONAL_DEFAULT_ID}+{}", changed.join("+"));
            self.version = format!("{}+derived", self.version);
        }
        self
    }

    /// The fields (dotted paths) whose values differ from the national default, metadata
    /// (`id`, `version`, `description`) excluded.
    pub fn changed_fields(&self) -> Vec<String> {
        let (Ok(mine), Ok(base)) = (serde_json::to_value(self), serde_json::to_value(Policy::default()))
        else {
            return Vec::new();
        };
        let mut out = Vec::new();
        diff_paths("", &mine, &base, &mut out);
        out.retain(|p| !matches!(p.as_str(), "id" | "version" | "description"));
        out
    }

    /// Writes the policy as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Writes the policy as TOML.
    #[cfg(feature = "toml")]
    pub fn to_toml(&self) -> Result<String> {
        toml::to_string(self).map_err(|e| Error::Policy { path: "<toml>".into(), reason: e.to_string() })
    }

    /// The JSON Schema of policy files.
    #[cfg(feature = "schema")]
    pub fn json_schema() -> String {
        let s = schemars::schema_for!(Policy);
        serde_json::to_string_pretty(&s).unwrap_or_default() + "\n"
    }

    /// Checks every section; errors name the field path.
    pub fn validate(&self) -> Result<()> {
        if self.schema_version != SCHEMA_VERSION {
            return Err(Error::Policy {
                path: "schema_version".into(),
                reason: format!(
                    "version {} is not supported; this build reads version {SCHEMA_VERSION}",
                    self.schema_version
                ),
            });
        }
        if self.id.trim().is_empty() {
            return Err(Error::Policy { path: "id".into(), reason: "must not be empty".into() });
        }
        self.rounding.reported.validate("rounding.reported")?;
        self.rounding.achievement.validate("rounding.achievement")?;
        self.achievement.validate("achievement")?;
        self.rating.validate("rating")?;
        self.pp46.validate("pp46")?;
        self.permenpanrb_8_2021.validate("permenpanrb_8_2021")?;
        self.organisation.validate("organisation")?;
        self.follow_up.validate("follow_up")?;
        self.instruments.validate("instruments")?;
        Ok(())
    }
}

fn check_size(text: &str) -> Result<()> {
    if text.len() > MAX_POLICY_BYTES {
        return Err(Error::Policy {
            path: "<file>".into(),
            reason: format!("{} bytes is larger than the limit of {MAX_POLICY_BYTES}", text.len()),
        });
    }
    Ok(())
}
