//! Constructors and builder methods of the model types, so a plan can be written in Rust
//! without naming every field:
//!
//! ```
//! use kinerja_core::prelude::*;
//! let plan = Plan::new(Employee::new("198701012010011001", "Ani", "dinkes", PostType::Executor), 2024)
//!     .with_result(
//!         PlannedResult::new("rhk-1", "Pelayanan pasien")
//!             .with_indicator(Indicator::new("iki-1", "Pasien dilayani", dec!(1200).into()).with_unit("orang")),
//!     )
//!     .with_realisation(Realisation::new("iki-1", "2024-Q1".parse()?, dec!(310)))
//!     .with_assessment(Assessment::new("2024-Q1".parse()?).with_work_result(Rating::Meets));
//! plan.validate()?;
//! assert_eq!(plan.indicator("iki-1").map(|(r, _)| r.id.as_str()), Some("rhk-1"));
//! # Ok::<(), kinerja_core::Error>(())
//! ```

use rust_decimal::Decimal;
use std::collections::BTreeMap;

use super::*;
use crate::error::{Location, Result};
use crate::period::Period;

impl From<Decimal> for Target {
    /// A point target.
    fn from(v: Decimal) -> Self {
        Target::Point(v)
    }
}

impl Target {
    /// A point target.
    pub fn point(v: Decimal) -> Target {
        Target::Point(v)
    }

    /// An inclusive range target `low ..= high`, checked (`low ≤ high`, not negative).
    ///
    /// ```
    /// use kinerja_core::prelude::*;
    /// assert_eq!(Target::range(dec!(80), dec!(90))?.to_string(), "80–90");
    /// assert!(Target::range(dec!(90), dec!(80)).is_err());
    /// # Ok::<(), kinerja_core::Error>(())
    /// ```
    pub fn range(low: Decimal, high: Decimal) -> Result<Target> {
        let t = Target::Range { low, high };
        t.validate(&Location::default())?;
        Ok(t)
    }
}

impl Indicator {
    /// With a unit of measure (satuan), e.g. "orang".
    pub fn with_unit(mut self, unit_of_measure: impl Into<String>) -> Self {
        self.unit_of_measure = unit_of_measure.into();
        self
    }
    /// With an aspect (kuantitas, kualitas, waktu, biaya).
    pub fn with_aspect(mut self, aspect: Aspect) -> Self {
        self.aspect = aspect;
        self
    }
    /// With a polarity (e.g. [`Polarity::LowerIsBetter`] for waiting times).
    pub fn with_polarity(mut self, polarity: Polarity) -> Self {
        self.polarity = polarity;
        self
    }
    /// With a weight (bobot).
    pub fn with_weight(mut self, weight: Decimal) -> Self {
        self.weight = Some(weight);
        self
    }
    /// With a cap on the achievement, in percent.
    pub fn with_cap(mut self, cap: Decimal) -> Self {
        self.cap = Some(cap);
        self
    }
    /// With a target for one period, overriding the pro-rated annual target.
    pub fn with_period_target(mut self, period: Period, target: Target) -> Self {
        self.period_targets.insert(period, target);
        self
    }
    /// With an aggregation over periods.
    pub fn with_aggregation(mut self, aggregation: Aggregation) -> Self {
        self.aggregation = aggregation;
        self
    }
    /// Marks the target as the maximum achievable.
    pub fn with_target_is_max(mut self, target_is_max: bool) -> Self {
        self.target_is_max = target_is_max;
        self
    }
}

impl PlannedResult {
    /// A primary planned result (RHK utama) with no indicators yet.
    pub fn new(id: impl Into<String>, description: impl Into<String>) -> Self {
        PlannedResult {
            id: id.into(),
            description: description.into(),
            kind: ResultKind::Primary,
            parent: None,
            cascade: None,
            indicators: Vec::new(),
        }
    }
    /// With a kind (e.g. [`ResultKind::Additional`]).
    pub fn with_kind(mut self, kind: ResultKind) -> Self {
        self.kind = kind;
        self
    }
    /// Supporting `parent` (the superior's RHK or the unit goal) by a cascade.
    pub fn with_parent(mut self, parent: impl Into<String>, cascade: CascadeType) -> Self {
        self.parent = Some(parent.into());
        self.cascade = Some(cascade);
        self
    }
    /// With one more indicator.
    pub fn with_indicator(mut self, indicator: Indicator) -> Self {
        self.indicators.push(indicator);
        self
    }
}

impl Employee {
    /// An employee who does not head the unit, with no grade or position title.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        unit: impl Into<String>,
        post_type: PostType,
    ) -> Self {
        Employee {
            id: id.into(),
            name: name.into(),
            unit: unit.into(),
            post_type,
            functional_grade: None,
            unit_head: false,
            position: String::new(),
        }
    }
    /// With a functional grade (for functional posts).
    pub fn with_functional_grade(mut self, grade: FunctionalGrade) -> Self {
        self.functional_grade = Some(grade);
        self
    }
    /// As the head of the unit (or not).
    pub fn with_unit_head(mut self, unit_head: bool) -> Self {
        self.unit_head = unit_head;
        self
    }
    /// With a position title (nama jabatan).
    pub fn with_position(mut self, position: impl Into<String>) -> Self {
        self.position = position.into();
        self
    }
}

impl Realisation {
    /// The actual value of `indicator` in `period`.
    pub fn new(indicator: impl Into<String>, period: Period, actual: Decimal) -> Self {
        Realisation { indicator: indicator.into(), period, actual }
    }
}

impl Behaviour {
    /// A behaviour assessment with only the overall rating.
    pub fn overall(rating: Rating) -> Self {
        Behaviour { values: BTreeMap::new(), overall: Some(rating) }
    }
    /// With a rating for one core value.
    pub fn with_value(mut self, value: CoreValue, rating: Rating) -> Self {
        self.values.insert(value, rating);
        self
    }
}

impl Assessment {
    /// With the appraiser's work-result rating.
    pub fn with_work_result(mut self, rating: Rating) -> Self {
        self.work_result = Some(rating);
        self
    }
    /// With a behaviour assessment (see [`Behaviour::overall`]).
    pub fn with_behaviour(mut self, behaviour: Behaviour) -> Self {
        self.behaviour = Some(behaviour);
        self
    }
    /// With the unit's organisational predicate.
    pub fn with_org_predicate(mut self, predicate: OrgPredicate) -> Self {
        self.org_predicate = Some(predicate);
        self
    }
    /// With a predicate set directly by the appraiser.
    pub fn with_predicate(mut self, predicate: Predicate) -> Self {
        self.predicate = Some(predicate);
        self
    }
}

impl Plan {
    /// An empty plan of `employee` for `year`.
    pub fn new(employee: Employee, year: u16) -> Self {
        Plan { employee, year, results: Vec::new(), realisations: Vec::new(), assessments: Vec::new() }
    }
    /// With one more planned result.
    pub fn with_result(mut self, result: PlannedResult) -> Self {
        self.results.push(result);
        self
    }
    /// With one more realisation.
    pub fn with_realisation(mut self, realisation: Realisation) -> Self {
        self.realisations.push(realisation);
        self
    }
    /// With one more assessment.
    pub fn with_assessment(mut self, assessment: Assessment) -> Self {
        self.assessments.push(assessment);
        self
    }
}
