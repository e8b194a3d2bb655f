//! Ranking of employees within a unit: by predicate (best first), then optionally by
//! achievement (highest first; missing last), then by employee id (ascending) as the declared
//! tie rule. The law gives no ranking rule; this is an engine convention.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashSet;

use crate::error::{Error, Location, Result};
use crate::model::Predicate;

/// One employee to rank.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RankInput {
    /// Employee id.
    pub employee: String,
    /// The predicate.
    pub predicate: Predicate,
    /// Achievement in percent, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub achievement: Option<Decimal>,
}

/// A ranked employee.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RankedEmployee {
    /// 1-based rank (distinct for every employee).
    pub rank: usize,
    /// Employee id.
    pub employee: String,
    /// The predicate.
    pub predicate: Predicate,
    /// The achievement, if known.
    pub achievement: Option<Decimal>,
    /// True when only the id tie rule separates this employee from the one ranked above.
    pub tied_with_previous: bool,
}

/// Ranks a unit's employees. `by_achievement` adds achievement as the second key. Duplicate
/// employee ids are an error. The result does not depend on the input order.
///
/// ```
/// use kinerja_core::org::ranking::{rank_unit, RankInput};
/// use kinerja_core::model::Predicate;
/// use rust_decimal_macros::dec;
/// let r = rank_unit(&[
///     RankInput { employee: "b".into(), predicate: Predicate::Good, achievement: Some(dec!(95)) },
///     RankInput { employee: "a".into(), predicate: Predicate::Good, achievement: Some(dec!(99)) },
///     RankInput { employee: "c".into(), predicate: Predicate::VeryGood, achievement: None },
/// ], true).unwrap();
/// let ids: Vec<&str> = r.iter().map(|e| e.employee.as_str()).collect();
/// assert_eq!(ids, ["c", "a", "b"]);
/// ```
pub fn rank_unit(entries: &[RankInput], by_achievement: bool) -> Result<Vec<RankedEmployee>> {
    let mut seen = HashSet::new();
    for e in entries {
        if !seen.insert(e.employee.as_str()) {
            return Err(Error::Duplicate {
                at: Location::employee(&e.employee),
                kind: "employee".into(),
                id: e.employee.clone(),
            });
        }
    }
    let primary = |a: &RankInput, b: &RankInput| -> Ordering {
        let p = b.predicate.cmp(&a.predicate);
        if !by_achievement {
            return p;
        }
        p.then_with(|| match (a.achievement, b.achievement) {
            (Some(x), Some(y)) => y.cmp(&x),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        })
    };
    let mut v: Vec<&RankInput> = entries.iter().collect();
    v.sort_by(|a, b| primary(a, b).then_with(|| a.employee.cmp(&b.employee)));
    let mut out: Vec<RankedEmployee> = Vec::with_capacity(v.len());
    let mut prev: Option<&RankInput> = None;
    for (i, e) in v.into_iter().enumerate() {
        let tied = prev.is_some_and(|p| primary(p, e) == Ordering::Equal);
        out.push(RankedEmployee {
            rank: i + 1,
            employee: e.employee.clone(),
            predicate: e.predicate,
            achievement: e.achievement,
            tied_with_previous: tied,
        });
        prev = Some(e);
    }
    Ok(out)
}
