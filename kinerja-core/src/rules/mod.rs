//! Rulesets: a legal regime (code) plus a local policy (data), with effective dates.
//!
//! Every choice the law leaves open is a [`Policy`] field with a documented default and legal
//! status. Policies load from TOML or JSON (`schema_version`, unknown fields rejected) and are
//! validated with located messages such as `rating.advisory_bands[1].min: bands must be
//! descending`.
//!
//! The sections read by the areas (PP 46/2011, PermenPANRB 8/2021, organisation, follow-ups,
//! instruments) are data here as well, one module each; the areas read them and re-export their
//! types at their old paths. Nothing in `rules` depends on an area module
//! (`tests/dependencies.rs` checks it).
//!
//! A value may change on a date within one policy file: [`DatedPolicy`] reads such a file and
//! gives the policy in force on a date or for a whole period.

mod dated;
pub(crate) mod follow_up;
pub(crate) mod instruments;
pub(crate) mod organisation;
pub(crate) mod permenpanrb_8_2021;
pub mod policy;
pub(crate) mod pp46;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::labelled_enum;
use crate::period::Period;
pub use dated::DatedPolicy;
pub use policy::*;

labelled_enum! {
    /// The legal regimes kinerja implements.
    #[non_exhaustive]
    pub enum RegimeId: "regime" {
        /// PP 46/2011 with Perka BKN 1/2013 (performance years 2014 – June 2021).
        Pp46_2011 = ("pp-46-2011", "PP 46/2011 (Perka BKN 1/2013)", "PP 46/2011 (BKN Regulation 1/2013)", ["pp46", "pp_46_2011"]),
        /// PermenPANRB 8/2021 with PP 30/2019 (July – December 2021).
        Permenpanrb8_2021 = ("permenpanrb-8-2021", "PermenPANRB 8/2021 (PP 30/2019)", "PermenPANRB 8/2021 (PP 30/2019)", ["permenpanrb_8_2021", "8/2021"]),
        /// PermenPANRB 6/2022 (2022 onward).
        Permenpanrb6_2022 = ("permenpanrb-6-2022", "PermenPANRB 6/2022", "PermenPANRB 6/2022", ["permenpanrb_6_2022", "6/2022"]),
    }
}

/// A calendar date (year, month, day), always valid: built by [`Date::new`] (or read from
/// JSON/TOML, which checks the same way).
///
/// ```
/// use kinerja_core::rules::Date;
/// let d = Date::new(2024, 2, 29)?;
/// assert_eq!((d.year(), d.month(), d.day()), (2024, 2, 29));
/// assert!(Date::new(2023, 2, 29).is_err());
/// # Ok::<(), kinerja_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "DateRepr")]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// The serde form of [`Date`], checked on the way in.
#[derive(Deserialize)]
struct DateRepr {
    year: u16,
    month: u8,
    day: u8,
}

impl TryFrom<DateRepr> for Date {
    type Error = Error;
    fn try_from(d: DateRepr) -> Result<Date> {
        Date::new(d.year, d.month, d.day)
    }
}

impl Date {
    /// Builds a date, checking month and day.
    pub fn new(year: u16, month: u8, day: u8) -> Result<Date> {
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => 0,
        };
        if days == 0 || day == 0 || day > days {
            return Err(Error::Input {
                at: Default::default(),
                field: "date".into(),
                reason: format!("{year:04}-{month:02}-{day:02} is not a calendar date"),
            });
        }
        Ok(Date { year, month, day })
    }

    /// A date the caller knows to be a calendar date (day 1–28 of a month 1–12).
    pub(crate) const fn ymd_unchecked(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1–12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, 1–31.
    pub fn day(self) -> u8 {
        self.day
    }
}

impl std::str::FromStr for Date {
    type Err = Error;
    /// Reads `YYYY-MM-DD` in digits (spaces around it allowed), a calendar date; a sign, a
    /// short part or a day the month does not have is refused.
    ///
    /// ```
    /// use kinerja_core::rules::Date;
    /// assert_eq!(" 2024-07-01 ".parse::<Date>()?, Date::new(2024, 7, 1)?);
    /// for bad in ["2024-7-01", "2024-+7-01", "+024-07-01", "2024-07-01T00:00", "2023-02-29"] {
    ///     assert!(bad.parse::<Date>().is_err(), "{bad}");
    /// }
    /// # Ok::<(), kinerja_core::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Date> {
        parse_ymd(s).map_err(|reason| Error::Input { at: Default::default(), field: "date".into(), reason })
    }
}

/// `YYYY-MM-DD` in digits, or the reason it is not a calendar date written so.
pub(crate) fn parse_ymd(s: &str) -> std::result::Result<Date, String> {
    let bad = || format!("`{s}` is not a date written YYYY-MM-DD");
    let mut parts = s.trim().splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else { return Err(bad()) };
    // digits only: the integer parser would also take a sign (`2024-+7-01`)
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    if !digits(y, 4) || !digits(m, 2) || !digits(d, 2) {
        return Err(bad());
    }
    let (y, m, d) =
        (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?, d.parse().map_err(|_| bad())?);
    Date::new(y, m, d).map_err(|e| match e {
        Error::Input { reason, .. } => reason,
        other => other.to_string(),
    })
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl RegimeId {
    /// First and last date of the performance periods this regime governs (`None` = open).
    pub fn effective(self) -> (Date, Option<Date>) {
        let d = |y, m, dd| Date { year: y, month: m, day: dd };
        match self {
            RegimeId::Pp46_2011 => (d(2014, 1, 1), Some(d(2021, 6, 30))),
            RegimeId::Permenpanrb8_2021 => (d(2021, 7, 1), Some(d(2021, 12, 31))),
            RegimeId::Permenpanrb6_2022 => (d(2022, 1, 1), None),
        }
    }

    /// The regime in force on `date`. Before 2014 (the DP3 era of PP 10/1979) is an error.
    pub fn for_date(date: Date) -> Result<RegimeId> {
        for r in [RegimeId::Permenpanrb6_2022, RegimeId::Permenpanrb8_2021, RegimeId::Pp46_2011] {
            let (from, to) = r.effective();
            if date >= from && to.is_none_or(|t| date <= t) {
                return Ok(r);
            }
        }
        Err(Error::Input {
            at: Default::default(),
            field: "date".into(),
            reason: format!(
                "{date} falls in the DP3 era (PP 10/1979, up to 2013), which kinerja does not implement; the earliest regime is PP 46/2011 from 2014-01-01"
            ),
        })
    }

    /// The regime in force for a whole period (its last month decides for 2021 annual
    /// periods, which span two regimes: see the split-year policy of 8/2021).
    pub fn for_period(period: &Period) -> Result<RegimeId> {
        let first = Date { year: period.year(), month: period.first_month(), day: 1 };
        let last = Date { year: period.year(), month: period.last_month(), day: 28 };
        let a = RegimeId::for_date(first)?;
        let b = RegimeId::for_date(last)?;
        Ok(if a == b { a } else { b })
    }

    /// The regulation cited for this regime.
    pub fn citation(self) -> &'static str {
        match self {
            RegimeId::Pp46_2011 => "PP 46/2011 jo. Perka BKN 1/2013",
            RegimeId::Permenpanrb8_2021 => "PermenPANRB 8/2021 jo. PP 30/2019",
            RegimeId::Permenpanrb6_2022 => "PermenPANRB 6/2022",
        }
    }
}

/// A ruleset: the regime (law, in code) plus the policy (local choices, in data).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ruleset {
    /// The legal regime.
    pub regime: RegimeId,
    /// The policy, including rounding.
    #[serde(default)]
    pub policy: Policy,
}

impl Ruleset {
    /// The builtin ruleset of a regime with the national default policy.
    ///
    /// ```
    /// use kinerja_core::rules::Ruleset;
    /// let r = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    /// assert_eq!(r.id(), "permenpanrb-6-2022");
    /// assert!(Ruleset::builtin("dp3").is_err());
    /// ```
    pub fn builtin(id: &str) -> Result<Ruleset> {
        let regime: RegimeId = id.parse().map_err(|_| Error::Policy {
            path: "regime".into(),
            reason: format!(
                "unknown builtin ruleset `{id}`; accepted: pp-46-2011, permenpanrb-8-2021, permenpanrb-6-2022"
            ),
        })?;
        Ok(Ruleset { regime, policy: Policy::default() })
    }

    /// The builtin ruleset in force on `date`.
    pub fn for_date(date: Date) -> Result<Ruleset> {
        Ok(Ruleset { regime: RegimeId::for_date(date)?, policy: Policy::default() })
    }

    /// The same regime with another policy.
    pub fn with_policy(&self, policy: Policy) -> Result<Ruleset> {
        policy.validate()?;
        Ok(Ruleset { regime: self.regime, policy: policy.with_provenance() })
    }

    /// The regime id, e.g. `permenpanrb-6-2022`.
    pub fn id(&self) -> &'static str {
        crate::explain::Labelled::value(self.regime)
    }

    /// Reads a ruleset (`regime` plus `policy`) from TOML. Texts over [`MAX_POLICY_BYTES`]
    /// are rejected; errors name the field path, e.g. `policy.rating.advisory_bands`.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<Ruleset> {
        let mut r: Ruleset =
            policy::parse_toml(text).map_err(|e| policy::dated_hint(e, DatedPolicy::from_toml(text)))?;
        r.policy.validate()?;
        r.policy = r.policy.with_provenance();
        Ok(r)
    }

    /// Reads a ruleset (`regime` plus `policy`) from JSON. Texts over [`MAX_POLICY_BYTES`]
    /// are rejected; errors name the field path, e.g. `policy.rating.advisory_bands`.
    pub fn from_json(text: &str) -> Result<Ruleset> {
        let mut r: Ruleset =
            policy::parse_json(text).map_err(|e| policy::dated_hint(e, DatedPolicy::from_json(text)))?;
        r.policy.validate()?;
        r.policy = r.policy.with_provenance();
        Ok(r)
    }

    /// Writes the ruleset as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn effective_dates() {
        let d = |y, m, dd| Date::new(y, m, dd).unwrap();
        assert_eq!(RegimeId::for_date(d(2020, 6, 30)).unwrap(), RegimeId::Pp46_2011);
        assert_eq!(RegimeId::for_date(d(2021, 6, 30)).unwrap(), RegimeId::Pp46_2011);
        assert_eq!(RegimeId::for_date(d(2021, 7, 1)).unwrap(), RegimeId::Permenpanrb8_2021);
        assert_eq!(RegimeId::for_date(d(2022, 1, 1)).unwrap(), RegimeId::Permenpanrb6_2022);
        let e = RegimeId::for_date(d(2013, 12, 31)).unwrap_err().to_string();
        assert!(e.contains("DP3"), "{e}");
        assert!(Date::new(2023, 2, 29).is_err());
        assert!(Date::new(2024, 2, 29).is_ok());
    }
}
