//! Dated policy values: a value that changes on a date within one policy file.
//!
//! Any value of a policy (or ruleset) document may be given as a list of dated values, each in
//! force from its `from` date until the next one's, as OpenFisca parameters are:
//!
//! ```toml
//! [follow_up.tpp]
//! base_amount = [
//!   { from = "2024-01-01", value = "7500000" },
//!   { from = "2024-07-01", value = "8000000", source = "Perwali 12/2024" },
//! ]
//! ```
//!
//! A [`DatedPolicy`] keeps the document; [`DatedPolicy::at`] gives the policy in force on a
//! date and [`DatedPolicy::for_period`] the one in force for a whole period — an error, never a
//! guess, when a value changes inside the period or has no value yet. The policy chosen names
//! its date in its id (`kupang-2024@2024-07-01`: the latest change in force), so every step of
//! a trace that cites the policy cites the dated version it used.

use serde_json::Value;

use super::{Date, Policy, Ruleset, policy};
use crate::error::{Error, Result};
use crate::period::Period;

/// One step of a path into a document.
#[derive(Debug, Clone, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// A value given as a dated list: its path and its entries, `from` strictly ascending.
#[derive(Debug, Clone, PartialEq)]
struct Dated {
    path: Vec<Seg>,
    entries: Vec<(Date, Value)>,
}

/// A policy (or ruleset) document whose values may change on dates (see the module docs).
///
/// ```
/// use kinerja_core::period::Period;
/// use kinerja_core::rules::{Date, DatedPolicy};
/// let doc = r#"{"id": "kupang-2024", "rating": {"weights_must_sum_to": [
///     {"from": "2024-01-01", "value": null}, {"from": "2024-07-01", "value": "100"}]}}"#;
/// let dated = DatedPolicy::from_json(doc)?;
/// assert_eq!(dated.paths(), vec!["rating.weights_must_sum_to"]);
/// let july = dated.at(Date::new(2024, 7, 15)?)?;
/// assert_eq!(july.id, "kupang-2024@2024-07-01");
/// assert!(july.rating.weights_must_sum_to.is_some());
/// assert!(dated.at(Date::new(2024, 3, 1)?)?.rating.weights_must_sum_to.is_none());
/// // the value changes inside 2024: an annual evaluation must not guess which applies
/// assert!(dated.for_period(&"2024".parse::<Period>()?).is_err());
/// assert!(dated.for_period(&"2024-S2".parse::<Period>()?).is_ok());
/// # Ok::<(), kinerja_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct DatedPolicy {
    document: Value,
    dated: Vec<Dated>,
}

impl DatedPolicy {
    /// Reads a document from JSON (at most [`policy::MAX_POLICY_BYTES`]).
    pub fn from_json(text: &str) -> Result<DatedPolicy> {
        let v: Value = policy::parse_json(text)?;
        DatedPolicy::from_value(v)
    }

    /// Reads a document from TOML (at most [`policy::MAX_POLICY_BYTES`]); `from` may be a
    /// TOML date or a `"YYYY-MM-DD"` string.
    #[cfg(feature = "toml")]
    pub fn from_toml(text: &str) -> Result<DatedPolicy> {
        let v: Value = policy::parse_toml(text)?;
        DatedPolicy::from_value(v)
    }

    /// Finds the dated lists of a document.
    pub fn from_value(document: Value) -> Result<DatedPolicy> {
        let mut dated = Vec::new();
        find(&document, &mut Vec::new(), &mut dated)?;
        Ok(DatedPolicy { document, dated })
    }

    /// Whether any value is dated.
    pub fn is_dated(&self) -> bool {
        !self.dated.is_empty()
    }

    /// The dotted paths of the dated values, e.g. `follow_up.tpp.base_amount`.
    pub fn paths(&self) -> Vec<String> {
        self.dated.iter().map(|d| dotted(&d.path)).collect()
    }

    /// The dates on which some value changes, ascending, without repeats.
    pub fn change_dates(&self) -> Vec<Date> {
        let mut d: Vec<Date> = self.dated.iter().flat_map(|x| x.entries.iter().map(|e| e.0)).collect();
        d.sort();
        d.dedup();
        d
    }

    /// The document with every dated value replaced by the one in force on `date`, and the
    /// latest `from` among the chosen entries.
    fn resolve(&self, date: Date, prefix: &[Seg]) -> Result<(Value, Option<Date>)> {
        let mut doc = self.document.clone();
        let mut latest: Option<Date> = None;
        for d in &self.dated {
            let Some((from, value)) = d.entries.iter().rev().find(|(from, _)| *from <= date) else {
                let first = d.entries.first().map(|e| e.0.to_string()).unwrap_or_default();
                return Err(Error::Policy {
                    path: dotted(&d.path),
                    reason: format!("no value is in force on {date}: the first is from {first}"),
                });
            };
            if let Some(slot) = slot_mut(&mut doc, &d.path) {
                *slot = value.clone();
            }
            if d.path.starts_with(prefix) {
                latest = latest.max(Some(*from));
            }
        }
        Ok((doc, latest))
    }

    /// The policy in force on `date`, validated; its id names the latest change in force
    /// (`<id>@<date>`) when the document has dated values.
    pub fn at(&self, date: Date) -> Result<Policy> {
        let (doc, latest) = self.resolve(date, &[])?;
        let p: Policy = policy::from_value(doc)?;
        p.validate()?;
        Ok(stamp(p.with_provenance(), latest))
    }

    /// The policy in force for the whole of `period`: an error naming the value and the date
    /// when a value changes inside the period (evaluate the parts separately).
    pub fn for_period(&self, period: &Period) -> Result<Policy> {
        self.at(self.period_date(period)?)
    }

    /// The ruleset (a document with `regime` and `policy`) in force on `date`.
    pub fn ruleset_at(&self, date: Date) -> Result<Ruleset> {
        let (doc, latest) = self.resolve(date, &[Seg::Key("policy".into())])?;
        let mut r: Ruleset = policy::from_value(doc)?;
        r.policy.validate()?;
        r.policy = stamp(r.policy.with_provenance(), latest);
        Ok(r)
    }

    /// The ruleset in force for the whole of `period` (see [`DatedPolicy::for_period`]).
    pub fn ruleset_for_period(&self, period: &Period) -> Result<Ruleset> {
        self.ruleset_at(self.period_date(period)?)
    }

    /// The first day of `period`, once no value changes after it within the period.
    fn period_date(&self, period: &Period) -> Result<Date> {
        let first = Date::new(period.year(), period.first_month(), 1)?;
        let last_month = period.last_month();
        let (ny, nm) = if last_month == 12 {
            (period.year().saturating_add(1), 1)
        } else {
            (period.year(), last_month + 1)
        };
        let after = Date::new(ny, nm, 1)?;
        for d in &self.dated {
            if let Some((from, _)) = d.entries.iter().find(|(from, _)| *from > first && *from < after) {
                return Err(Error::Policy {
                    path: dotted(&d.path),
                    reason: format!(
                        "the value changes on {from}, inside the period {period}: evaluate the parts \
                         before and after {from} separately, or choose the date explicitly \
                         (DatedPolicy::at; Python at=) — a value is never pro-rated or guessed"
                    ),
                });
            }
        }
        Ok(first)
    }
}

/// The policy's id with the date of the latest change in force.
fn stamp(mut p: Policy, latest: Option<Date>) -> Policy {
    if let Some(d) = latest {
        p.id = format!("{}@{d}", p.id);
    }
    p
}

fn dotted(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) if s.is_empty() => s.push_str(k),
            Seg::Key(k) => {
                s.push('.');
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

fn slot_mut<'a>(doc: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    path.iter().try_fold(doc, |v, seg| match seg {
        Seg::Key(k) => v.get_mut(k.as_str()),
        Seg::Index(i) => v.get_mut(*i),
    })
}

/// Whether `v` is written as a dated list: a non-empty array of tables, each with `from` and
/// `value` (and optionally `source`), nothing else.
fn is_dated_list(v: &Value) -> bool {
    let Value::Array(items) = v else { return false };
    !items.is_empty()
        && items.iter().all(|it| {
            it.as_object().is_some_and(|o| {
                o.contains_key("from")
                    && o.contains_key("value")
                    && o.keys().all(|k| matches!(k.as_str(), "from" | "value" | "source"))
            })
        })
}

fn find(v: &Value, path: &mut Vec<Seg>, out: &mut Vec<Dated>) -> Result<()> {
    if is_dated_list(v) {
        out.push(Dated { path: path.clone(), entries: entries(v, path)? });
        return Ok(());
    }
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                path.push(Seg::Key(k.clone()));
                find(x, path, out)?;
                path.pop();
            }
        }
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                path.push(Seg::Index(i));
                find(x, path, out)?;
                path.pop();
            }
        }
        _ => {}
    }
    Ok(())
}

fn entries(v: &Value, path: &[Seg]) -> Result<Vec<(Date, Value)>> {
    let items = v.as_array().map(Vec::as_slice).unwrap_or_default();
    let mut out: Vec<(Date, Value)> = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        let at = format!("{}[{i}].from", dotted(path));
        let from = it.get("from").and_then(date_text).ok_or_else(|| Error::Policy {
            path: at.clone(),
            reason: "expected a date written YYYY-MM-DD".into(),
        })?;
        let from = super::parse_ymd(from).map_err(|reason| Error::Policy { path: at.clone(), reason })?;
        if let Some((prev, _)) = out.last() {
            if from <= *prev {
                return Err(Error::Policy {
                    path: at,
                    reason: format!(
                        "{from} does not come after {prev}: list the dates in ascending order, each once"
                    ),
                });
            }
        }
        if it.get("source").is_some_and(|s| !s.is_string()) {
            return Err(Error::Policy {
                path: format!("{}[{i}].source", dotted(path)),
                reason: "expected the text of the value's source, e.g. `Perwali 12/2024`".into(),
            });
        }
        let value = it.get("value").cloned().unwrap_or(Value::Null);
        if is_dated_list(&value) {
            return Err(Error::Policy {
                path: format!("{}[{i}].value", dotted(path)),
                reason: "a dated value cannot itself be a dated list".into(),
            });
        }
        out.push((from, value));
    }
    Ok(out)
}

/// The text of a date: a JSON string, or a TOML date as it reaches JSON (a table of one
/// entry under the `toml` crate's own key; any other table is no date).
fn date_text(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        #[cfg(feature = "toml")]
        Value::Object(o) if o.len() == 1 => {
            let (key, text) = o.iter().next()?;
            (Some(key.as_str()) == toml_date_key()).then(|| text.as_str()).flatten()
        }
        _ => None,
    }
}

/// The key under which the `toml` crate hands a date to JSON, read from the crate (it is not
/// public) by turning a date into JSON once.
#[cfg(feature = "toml")]
fn toml_date_key() -> Option<&'static str> {
    static KEY: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    KEY.get_or_init(|| {
        let date: toml::value::Datetime = "2024-01-01".parse().ok()?;
        let v = serde_json::to_value(date).ok()?;
        let o = v.as_object().filter(|o| o.len() == 1)?;
        o.keys().next().cloned()
    })
    .as_deref()
}
