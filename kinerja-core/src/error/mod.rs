//! The one error type of kinerja. Every variant says what went wrong and where, in English
//! (`Display`) or in Bahasa Indonesia ([`Error::message`]).

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

mod wording;
pub use wording::{catalogue_problems, lookup, translate};

/// Where an error happened: any of row, unit, employee, indicator and period.
///
/// ```
/// use kinerja_core::error::Location;
/// let at = Location::employee("198701012010011001").with_indicator("iki-1").with_period("2024-03");
/// assert_eq!(at.to_string(), "employee `198701012010011001`, indicator `iki-1`, period 2024-03");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Location {
    /// Row number in a batch input (0-based), if any.
    pub row: Option<u64>,
    /// Organisation unit id, if any.
    pub unit: Option<String>,
    /// Employee id (NIP), if any.
    pub employee: Option<String>,
    /// Indicator id, if any.
    pub indicator: Option<String>,
    /// Period (printed form such as `2024-Q1`), if any.
    pub period: Option<String>,
}

impl Location {
    /// A location naming an employee.
    pub fn employee(id: impl Into<String>) -> Self {
        Location { employee: Some(id.into()), ..Default::default() }
    }
    /// A location naming a unit.
    pub fn unit(id: impl Into<String>) -> Self {
        Location { unit: Some(id.into()), ..Default::default() }
    }
    /// A location naming an indicator.
    pub fn indicator(id: impl Into<String>) -> Self {
        Location { indicator: Some(id.into()), ..Default::default() }
    }
    /// A location naming a batch row.
    pub fn row(row: u64) -> Self {
        Location { row: Some(row), ..Default::default() }
    }
    /// Adds or replaces the row.
    pub fn with_row(mut self, row: u64) -> Self {
        self.row = Some(row);
        self
    }
    /// Adds or replaces the unit.
    pub fn with_unit(mut self, id: impl Into<String>) -> Self {
        self.unit = Some(id.into());
        self
    }
    /// Adds or replaces the employee.
    pub fn with_employee(mut self, id: impl Into<String>) -> Self {
        self.employee = Some(id.into());
        self
    }
    /// Adds or replaces the indicator.
    pub fn with_indicator(mut self, id: impl Into<String>) -> Self {
        self.indicator = Some(id.into());
        self
    }
    /// Adds or replaces the period.
    pub fn with_period(mut self, p: impl ToString) -> Self {
        self.period = Some(p.to_string());
        self
    }
    /// True when nothing is named.
    pub fn is_empty(&self) -> bool {
        self.row.is_none()
            && self.unit.is_none()
            && self.employee.is_none()
            && self.indicator.is_none()
            && self.period.is_none()
    }
}

impl Location {
    /// The named parts joined with `, `, each behind its label in `words` (row, unit, employee,
    /// indicator, period), or `words.nothing` when nothing is named.
    pub(crate) fn render(&self, words: &LocationWords) -> String {
        let mut parts: Vec<String> = Vec::new();
        if let Some(r) = self.row {
            parts.push(format!("{} {r}", words.row));
        }
        let named =
            [(words.unit, &self.unit), (words.employee, &self.employee), (words.indicator, &self.indicator)];
        for (label, id) in named {
            if let Some(id) = id {
                parts.push(format!("{label} `{id}`"));
            }
        }
        if let Some(p) = &self.period {
            parts.push(format!("{} {p}", words.period));
        }
        if parts.is_empty() { words.nothing.to_string() } else { parts.join(", ") }
    }
}

/// The labels a [`Location`] is written with in one language.
pub(crate) struct LocationWords {
    pub(crate) row: &'static str,
    pub(crate) unit: &'static str,
    pub(crate) employee: &'static str,
    pub(crate) indicator: &'static str,
    pub(crate) period: &'static str,
    pub(crate) nothing: &'static str,
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        const EN: LocationWords = LocationWords {
            row: "row",
            unit: "unit",
            employee: "employee",
            indicator: "indicator",
            period: "period",
            nothing: "input",
        };
        f.write_str(&self.render(&EN))
    }
}

/// The family an error belongs to; the Python binding maps each to an exception class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorFamily {
    /// Malformed or out-of-range period.
    Period,
    /// A bad indicator definition or realisation.
    Indicator,
    /// A required input (rating, realisation, predicate) is missing or malformed.
    Input,
    /// A rating or predicate cannot be determined.
    Rating,
    /// A policy or rules file is malformed or inconsistent.
    Policy,
    /// An organisation structure problem (cycle, unknown parent, duplicate id).
    Organisation,
    /// An instrument (survey, allowance, credit points) input problem.
    Instrument,
    /// Overflow or division by zero.
    Arithmetic,
}

impl ErrorFamily {
    /// The snake-case name of the family.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorFamily::Period => "period",
            ErrorFamily::Indicator => "indicator",
            ErrorFamily::Input => "input",
            ErrorFamily::Rating => "rating",
            ErrorFamily::Policy => "policy",
            ErrorFamily::Organisation => "organisation",
            ErrorFamily::Instrument => "instrument",
            ErrorFamily::Arithmetic => "arithmetic",
        }
    }
}

/// Every way kinerja can refuse an input. Each variant names where (see [`Location`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A period string or value that is not valid.
    #[error(
        "invalid period `{input}`: {reason} (accepted forms: `2024` annual, `2024-S1`..`2024-S2` semester, `2024-Q1`..`2024-Q4` quarter, `2024-01`..`2024-12` month)"
    )]
    Period {
        /// The text or value given.
        input: String,
        /// What is wrong with it.
        reason: String,
    },
    /// An indicator whose definition or realisation cannot be scored.
    #[error("{at}: {field}: {reason}")]
    Indicator {
        /// Where.
        at: Location,
        /// The offending field (`target`, `actual`, `weight`, …).
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A required value is absent.
    #[error("{at}: missing {field}: {reason}")]
    Missing {
        /// Where.
        at: Location,
        /// The absent field.
        field: String,
        /// Why it is needed.
        reason: String,
    },
    /// An id that appears twice.
    #[error("{at}: duplicate {kind} `{id}`")]
    Duplicate {
        /// Where.
        at: Location,
        /// What kind of thing (`indicator`, `employee`, `unit`, …).
        kind: String,
        /// The repeated id.
        id: String,
    },
    /// A reference to an id that does not exist.
    #[error("{at}: unknown {kind} `{id}`")]
    Unknown {
        /// Where.
        at: Location,
        /// What kind of thing was referenced.
        kind: String,
        /// The id that was not found.
        id: String,
    },
    /// Any other malformed input value.
    #[error("{at}: {field}: {reason}")]
    Input {
        /// Where.
        at: Location,
        /// The offending field.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A rating or predicate that cannot be determined or is inconsistent (not merely a
    /// missing input, which is [`Error::Missing`]). Raised by PermenPANRB 6/2022 when the
    /// appraiser's work-result rating is missing and the policy's advice, which would stand in
    /// for it, cannot be determined (the weighted achievement is undefined: no indicator
    /// counted), and when an annual roll-up finds no periodic predicate.
    #[error("{at}: {field}: {reason}")]
    Rating {
        /// Where.
        at: Location,
        /// The rating field.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// A malformed policy or rules file. `path` is the field path, e.g. `advisory_bands[1].min`.
    #[error("policy {path}: {reason}")]
    Policy {
        /// Field path inside the policy (or `<file>` for a parse error).
        path: String,
        /// What is wrong.
        reason: String,
    },
    /// An organisation-structure problem: cycles, unknown parents, two heads.
    #[error("{at}: {reason}")]
    Organisation {
        /// Where.
        at: Location,
        /// What is wrong.
        reason: String,
    },
    /// An instrument input problem (survey answers, attendance events, grades, allowances).
    #[error("{instrument}: {at}: {field}: {reason}")]
    Instrument {
        /// The instrument (`satisfaction_index`, `tpp`, `credit_points`, …).
        instrument: String,
        /// Where.
        at: Location,
        /// The offending field.
        field: String,
        /// What is wrong.
        reason: String,
    },
    /// Overflow or division by zero in exact arithmetic.
    #[error("{at}: arithmetic overflow or division by zero in {operation}")]
    Arithmetic {
        /// Where.
        at: Location,
        /// The operation that failed.
        operation: String,
    },
}

impl Error {
    /// The message in `lang`: English is the `Display`; Indonesian words every part — the
    /// location, the frame and the reason (from the message catalogue; a reason it does not
    /// hold, such as a parser's, is kept in English and marked so).
    ///
    /// ```
    /// use kinerja_core::prelude::*;
    /// let e = "2024-Q5".parse::<Period>().unwrap_err();
    /// assert!(e.message(Lang::En).starts_with("invalid period `2024-Q5`"));
    /// assert!(e.message(Lang::Id).starts_with("periode `2024-Q5` tidak sah"));
    /// ```
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Id => wording::indonesian(self),
        }
    }

    /// The family of this error (used for Python exception classes).
    pub fn family(&self) -> ErrorFamily {
        match self {
            Error::Period { .. } => ErrorFamily::Period,
            Error::Indicator { .. } => ErrorFamily::Indicator,
            Error::Missing { .. } | Error::Duplicate { .. } | Error::Unknown { .. } | Error::Input { .. } => {
                ErrorFamily::Input
            }
            Error::Rating { .. } => ErrorFamily::Rating,
            Error::Policy { .. } => ErrorFamily::Policy,
            Error::Organisation { .. } => ErrorFamily::Organisation,
            Error::Instrument { .. } => ErrorFamily::Instrument,
            Error::Arithmetic { .. } => ErrorFamily::Arithmetic,
        }
    }

    /// The location named by the error, if it has one.
    pub fn location(&self) -> Option<&Location> {
        match self {
            Error::Indicator { at, .. }
            | Error::Missing { at, .. }
            | Error::Duplicate { at, .. }
            | Error::Unknown { at, .. }
            | Error::Input { at, .. }
            | Error::Rating { at, .. }
            | Error::Organisation { at, .. }
            | Error::Instrument { at, .. }
            | Error::Arithmetic { at, .. } => Some(at),
            Error::Period { .. } | Error::Policy { .. } => None,
        }
    }

    /// The field named by the error, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            Error::Indicator { field, .. }
            | Error::Missing { field, .. }
            | Error::Input { field, .. }
            | Error::Rating { field, .. }
            | Error::Instrument { field, .. } => Some(field),
            Error::Policy { path, .. } => Some(path),
            _ => None,
        }
    }

    /// Returns the error with its location's row set (for batch calls).
    pub fn at_row(mut self, row: u64) -> Self {
        if let Some(at) = self.location_mut() {
            at.row = Some(row);
        }
        self
    }

    /// Fills in the parts of the location that are still empty from `ctx`.
    pub fn within(mut self, ctx: &Location) -> Self {
        let fill = |at: &mut Location| {
            if at.row.is_none() {
                at.row = ctx.row;
            }
            if at.unit.is_none() {
                at.unit.clone_from(&ctx.unit);
            }
            if at.employee.is_none() {
                at.employee.clone_from(&ctx.employee);
            }
            if at.indicator.is_none() {
                at.indicator.clone_from(&ctx.indicator);
            }
            if at.period.is_none() {
                at.period.clone_from(&ctx.period);
            }
        };
        if let Some(at) = self.location_mut() {
            fill(at);
        }
        self
    }

    /// The location named by the error, to amend (the same variants as [`Error::location`]).
    fn location_mut(&mut self) -> Option<&mut Location> {
        match self {
            Error::Indicator { at, .. }
            | Error::Missing { at, .. }
            | Error::Duplicate { at, .. }
            | Error::Unknown { at, .. }
            | Error::Input { at, .. }
            | Error::Rating { at, .. }
            | Error::Organisation { at, .. }
            | Error::Instrument { at, .. }
            | Error::Arithmetic { at, .. } => Some(at),
            Error::Period { .. } | Error::Policy { .. } => None,
        }
    }
}

/// Which problem an [`Error`] reports, to match on without reading the message. The message
/// (`Display`) is unchanged; the kind is derived from the variant and its `field` / `kind`.
///
/// ```
/// use kinerja_core::prelude::*;
/// use kinerja_core::error::{ErrorKind, Field, Subject};
/// let mut ind = Indicator::new("iki-1", "Pasien dilayani", Target::from(dec!(-5)));
/// let e = ind.validate(&Location::default()).unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::Invalid(Field::Target));
/// ind.target = Target::from(dec!(100));
/// ind.weight = Some(dec!(-1));
/// assert_eq!(ind.validate(&Location::default()).unwrap_err().kind(), ErrorKind::Invalid(Field::Weight));
/// let e = "2024-Q5".parse::<Period>().unwrap_err();
/// assert_eq!(e.kind(), ErrorKind::InvalidPeriod);
/// let dup = Error::Duplicate { at: Location::default(), kind: "employee".into(), id: "1".into() };
/// assert_eq!(dup.kind(), ErrorKind::Duplicate(Subject::Employee));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A period text or value is not valid ([`Error::Period`]).
    InvalidPeriod,
    /// An indicator definition or realisation cannot be scored ([`Error::Indicator`]) or
    /// another input value is malformed ([`Error::Input`]).
    Invalid(Field),
    /// A required value is absent ([`Error::Missing`]).
    Missing(Field),
    /// An id appears twice ([`Error::Duplicate`]).
    Duplicate(Subject),
    /// A reference names an id that does not exist ([`Error::Unknown`]).
    Unknown(Subject),
    /// A rating or predicate cannot be determined ([`Error::Rating`]).
    Rating(Field),
    /// A policy or rules file is malformed ([`Error::Policy`]).
    Policy,
    /// An organisation-structure problem ([`Error::Organisation`]).
    Organisation,
    /// An instrument input problem ([`Error::Instrument`]).
    Instrument(Field),
    /// Overflow or division by zero ([`Error::Arithmetic`]).
    Arithmetic,
}

/// The field an error names, for [`ErrorKind`]. Fields not listed are [`Field::Other`]
/// (read [`Error::field`] for the name).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Field {
    /// An indicator target or period target.
    Target,
    /// An indicator weight.
    Weight,
    /// An achievement cap.
    Cap,
    /// A realised (actual) value.
    Actual,
    /// An achievement.
    Achievement,
    /// A period (of a realisation, an assessment, a call).
    Period,
    /// A plan year.
    Year,
    /// A calendar date.
    Date,
    /// An id (of an employee, indicator, unit, goal).
    Id,
    /// An organisation unit.
    Unit,
    /// An employee.
    Employee,
    /// A functional grade (jenjang).
    FunctionalGrade,
    /// The appraiser's work-result rating.
    WorkResult,
    /// A behaviour rating, value or score.
    Behaviour,
    /// An employee predicate.
    Predicate,
    /// An organisational predicate.
    OrgPredicate,
    /// Any other field.
    Other,
}

impl Field {
    /// The field named by `name` (`target`, `employee.id`, `results[r1].cascade`, …).
    pub fn from_name(name: &str) -> Field {
        let last = name.rsplit('.').next().unwrap_or(name);
        let last = last.split('[').next().unwrap_or(last);
        match (name, last) {
            (_, "target" | "period_targets") => Field::Target,
            (_, "weight") => Field::Weight,
            (_, "cap") => Field::Cap,
            (_, "actual" | "realisation") => Field::Actual,
            (_, "achievement") => Field::Achievement,
            (_, "period" | "as_of") => Field::Period,
            (_, "year") => Field::Year,
            (_, "date") => Field::Date,
            (_, "id") => Field::Id,
            (_, "unit") => Field::Unit,
            (_, "employee") => Field::Employee,
            (_, "functional_grade") => Field::FunctionalGrade,
            (_, "work_result") => Field::WorkResult,
            (n, _) if n.starts_with("behaviour") => Field::Behaviour,
            (_, "predicate" | "predicates") => Field::Predicate,
            (_, "org_predicate") => Field::OrgPredicate,
            _ => Field::Other,
        }
    }
}

/// What kind of thing a duplicate or unknown id refers to, for [`ErrorKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Subject {
    /// An employee.
    Employee,
    /// An organisation unit (or a parent unit).
    Unit,
    /// An indicator.
    Indicator,
    /// A planned result (RHK).
    PlannedResult,
    /// A realisation.
    Realisation,
    /// An assessment.
    Assessment,
    /// A plan.
    Plan,
    /// Anything else (read the message).
    Other,
}

impl Subject {
    /// The subject named by `kind` (`employee`, `parent unit`, `realisation (overlapping periods)`, …).
    pub fn from_name(kind: &str) -> Subject {
        let k = kind.split(" (").next().unwrap_or(kind);
        match k {
            "employee" | "head employee" => Subject::Employee,
            "unit" | "parent unit" => Subject::Unit,
            "indicator" => Subject::Indicator,
            "planned result" => Subject::PlannedResult,
            "realisation" => Subject::Realisation,
            "assessment" => Subject::Assessment,
            "plan" => Subject::Plan,
            _ => Subject::Other,
        }
    }
}

impl Error {
    /// Which problem this is, as a value to match on (see [`ErrorKind`]).
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::Period { .. } => ErrorKind::InvalidPeriod,
            Error::Indicator { field, .. } | Error::Input { field, .. } => {
                ErrorKind::Invalid(Field::from_name(field))
            }
            Error::Missing { field, .. } => ErrorKind::Missing(Field::from_name(field)),
            Error::Duplicate { kind, .. } => ErrorKind::Duplicate(Subject::from_name(kind)),
            Error::Unknown { kind, .. } => ErrorKind::Unknown(Subject::from_name(kind)),
            Error::Rating { field, .. } => ErrorKind::Rating(Field::from_name(field)),
            Error::Policy { .. } => ErrorKind::Policy,
            Error::Organisation { .. } => ErrorKind::Organisation,
            Error::Instrument { field, .. } => ErrorKind::Instrument(Field::from_name(field)),
            Error::Arithmetic { .. } => ErrorKind::Arithmetic,
        }
    }
}

/// Result alias used across the crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
