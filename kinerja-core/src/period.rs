//! Evaluation periods: a year and a granularity (annual, semester, quarter, month).

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

use crate::error::Error;

/// Lowest performance year accepted (the DP3 era before 2014 is recognised by rulesets, but
/// periods themselves allow any year in this range).
pub const MIN_YEAR: u16 = 1900;
/// Highest year accepted.
pub const MAX_YEAR: u16 = 2999;

/// How long a period is (evaluasi bulanan / triwulanan / semesteran / tahunan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Granularity {
    /// The whole year (tahunan).
    Annual,
    /// A half year, 1–2 (semesteran).
    Semester,
    /// A quarter, 1–4 (triwulanan).
    Quarter,
    /// A month, 1–12 (bulanan).
    Month,
}

impl Granularity {
    /// Number of months one period of this granularity covers.
    pub const fn months(self) -> u8 {
        match self {
            Granularity::Annual => 12,
            Granularity::Semester => 6,
            Granularity::Quarter => 3,
            Granularity::Month => 1,
        }
    }
    /// How many periods of this granularity a year has.
    pub const fn per_year(self) -> u8 {
        12 / self.months()
    }
    /// English snake-case name.
    pub const fn as_str(self) -> &'static str {
        match self {
            Granularity::Annual => "annual",
            Granularity::Semester => "semester",
            Granularity::Quarter => "quarter",
            Granularity::Month => "month",
        }
    }
}

impl FromStr for Granularity {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        match s.trim().to_ascii_lowercase().as_str() {
            "annual" | "year" | "tahunan" => Ok(Granularity::Annual),
            "semester" | "semesteran" | "half" => Ok(Granularity::Semester),
            "quarter" | "triwulan" | "triwulanan" => Ok(Granularity::Quarter),
            "month" | "monthly" | "bulan" | "bulanan" => Ok(Granularity::Month),
            _ => Err(Error::Period {
                input: s.to_string(),
                reason:
                    "unknown granularity; accepted: annual (year, tahunan), semester (semesteran, half), \
                         quarter (triwulan, triwulanan), month (monthly, bulan, bulanan)"
                        .into(),
            }),
        }
    }
}

/// A performance period: a year with a granularity and an index (1-based; 1 for annual).
///
/// Periods order chronologically by first month, then by last month, so
/// `2024-01 < 2024-Q1 < 2024-S1 < 2024 < 2024-02`.
///
/// ```
/// use kinerja_core::period::Period;
/// let q2: Period = "2024-Q2".parse().unwrap();
/// assert_eq!(q2.months(), 3);
/// assert!(q2.contains(&"2024-05".parse().unwrap()));
/// assert_eq!(q2.to_string(), "2024-Q2");
/// assert!("2024-Q5".parse::<Period>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    year: u16,
    granularity: Granularity,
    index: u8,
}

impl Period {
    /// Builds a period, checking the year and the index.
    pub fn new(year: u16, granularity: Granularity, index: u8) -> Result<Self, Error> {
        let input = || match granularity {
            Granularity::Annual => format!("{year}"),
            g => format!("{year} {} {index}", g.as_str()),
        };
        if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
            return Err(Error::Period {
                input: input(),
                reason: format!("year must be between {MIN_YEAR} and {MAX_YEAR}"),
            });
        }
        let max = granularity.per_year();
        if index == 0 || index > max {
            return Err(Error::Period {
                input: input(),
                reason: format!("{} index must be between 1 and {max}", granularity.as_str()),
            });
        }
        Ok(Period { year, granularity, index })
    }
    /// The whole year.
    pub fn annual(year: u16) -> Result<Self, Error> {
        Period::new(year, Granularity::Annual, 1)
    }
    /// Semester 1 or 2.
    pub fn semester(year: u16, s: u8) -> Result<Self, Error> {
        Period::new(year, Granularity::Semester, s)
    }
    /// Quarter 1–4.
    pub fn quarter(year: u16, q: u8) -> Result<Self, Error> {
        Period::new(year, Granularity::Quarter, q)
    }
    /// Month 1–12.
    pub fn month(year: u16, m: u8) -> Result<Self, Error> {
        Period::new(year, Granularity::Month, m)
    }
    /// The year.
    pub const fn year(&self) -> u16 {
        self.year
    }
    /// The granularity.
    pub const fn granularity(&self) -> Granularity {
        self.granularity
    }
    /// 1-based index within the year (1 for annual).
    pub const fn index(&self) -> u8 {
        self.index
    }
    /// Number of months covered.
    pub const fn months(&self) -> u8 {
        self.granularity.months()
    }
    /// First month covered (1–12).
    pub const fn first_month(&self) -> u8 {
        (self.index - 1) * self.granularity.months() + 1
    }
    /// Last month covered (1–12).
    pub const fn last_month(&self) -> u8 {
        self.index * self.granularity.months()
    }
    /// True when `other` lies entirely within this period (a period contains itself).
    pub fn contains(&self, other: &Period) -> bool {
        self.year == other.year
            && self.first_month() <= other.first_month()
            && other.last_month() <= self.last_month()
    }
    /// True when the two periods share at least one month.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.year == other.year
            && self.first_month() <= other.last_month()
            && other.first_month() <= self.last_month()
    }
    /// The periods of `year` at `granularity`, in order.
    pub fn all_in_year(year: u16, granularity: Granularity) -> Result<Vec<Period>, Error> {
        (1..=granularity.per_year()).map(|i| Period::new(year, granularity, i)).collect()
    }
    /// The periods of this period's year at `granularity` that lie within this period.
    pub fn subdivide(&self, granularity: Granularity) -> Vec<Period> {
        Period::all_in_year(self.year, granularity)
            .unwrap_or_default()
            .into_iter()
            .filter(|p| self.contains(p))
            .collect()
    }
    /// The annual period of the same year.
    pub fn year_period(&self) -> Period {
        Period { year: self.year, granularity: Granularity::Annual, index: 1 }
    }
    /// The next finer granularity (year → semesters → quarters → months), `None` for a month.
    pub const fn finer(&self) -> Option<Granularity> {
        match self.granularity {
            Granularity::Annual => Some(Granularity::Semester),
            Granularity::Semester => Some(Granularity::Quarter),
            Granularity::Quarter => Some(Granularity::Month),
            Granularity::Month => None,
        }
    }
    /// The periods one step finer that make up this period (empty for a month).
    ///
    /// ```
    /// use kinerja_core::period::Period;
    /// let s1: Period = "2024-S1".parse().unwrap();
    /// let parts: Vec<String> = s1.children().iter().map(|p| p.to_string()).collect();
    /// assert_eq!(parts, ["2024-Q1", "2024-Q2"]);
    /// ```
    pub fn children(&self) -> Vec<Period> {
        self.finer().map(|g| self.subdivide(g)).unwrap_or_default()
    }
    /// The periods that contain this one, most specific first, ending with the year.
    pub fn ancestors(&self) -> Vec<Period> {
        [Granularity::Quarter, Granularity::Semester, Granularity::Annual]
            .into_iter()
            .filter(|g| g.months() > self.months())
            .filter_map(|g| {
                let index = (self.first_month() - 1) / g.months() + 1;
                Period::new(self.year, g, index).ok()
            })
            .collect()
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, self.first_month(), self.last_month()).cmp(&(
            other.year,
            other.first_month(),
            other.last_month(),
        ))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.granularity {
            Granularity::Annual => write!(f, "{}", self.year),
            Granularity::Semester => write!(f, "{}-S{}", self.year, self.index),
            Granularity::Quarter => write!(f, "{}-Q{}", self.year, self.index),
            Granularity::Month => write!(f, "{}-{:02}", self.year, self.index),
        }
    }
}

impl FromStr for Period {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let bad = |reason: &str| Error::Period { input: s.to_string(), reason: reason.to_string() };
        let t = s.trim();
        if t.starts_with(|c: char| c.is_alphabetic()) {
            return parse_words(t).map_err(|e| match e {
                Error::Period { reason, .. } => Error::Period { input: s.to_string(), reason },
                other => other,
            });
        }
        let (y, rest) = match t.split_once('-') {
            Some((y, r)) => (y, Some(r)),
            None => (t, None),
        };
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad("the year must be four digits"));
        }
        let year: u16 = y.parse().map_err(|_| bad("the year must be four digits"))?;
        let digits = |r: &str| -> Result<u8, Error> {
            if r.is_empty() || r.len() > 2 || !r.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad("the part after the year is not recognised"));
            }
            r.parse::<u8>().map_err(|_| bad("the part after the year is not recognised"))
        };
        let p = match rest {
            None => Period::annual(year),
            Some(r) => {
                let up = r.to_ascii_uppercase();
                if let Some(n) = up.strip_prefix('S') {
                    Period::semester(year, digits(n)?)
                } else if let Some(n) = up.strip_prefix('Q') {
                    Period::quarter(year, digits(n)?)
                } else if let Some(n) = up.strip_prefix("TW") {
                    Period::quarter(year, digits(n)?)
                } else if r.len() == 2 {
                    Period::month(year, digits(r)?)
                } else {
                    return Err(bad("the part after the year is not recognised"));
                }
            }
        };
        p.map_err(|e| match e {
            Error::Period { reason, .. } => Error::Period { input: s.to_string(), reason },
            other => other,
        })
    }
}

/// Indonesian month names (full and three-letter forms), January first.
const MONTHS_ID: [[&str; 2]; 12] = [
    ["januari", "jan"],
    ["februari", "feb"],
    ["maret", "mar"],
    ["april", "apr"],
    ["mei", "mei"],
    ["juni", "jun"],
    ["juli", "jul"],
    ["agustus", "agu"],
    ["september", "sep"],
    ["oktober", "okt"],
    ["november", "nov"],
    ["desember", "des"],
];

/// The month (1–12) of an Indonesian month word, full or short.
fn month_of(word: &str) -> Option<u8> {
    let word = match word {
        "agt" | "ags" => "agu",
        w => w,
    };
    MONTHS_ID.iter().zip(1u8..).find(|(names, _)| names.contains(&word)).map(|(_, m)| m)
}

/// The Indonesian forms, as listed in messages.
const WORD_FORMS: &str = "Indonesian forms accepted (any case): `Tahunan 2024` / `Tahun 2024`, \
`Semester I 2024` / `Semester 1 2024`, `Triwulan II 2024` / `TW II 2024` / `TW 2 2024`, \
`Januari 2024` … `Desember 2024` (or `Jan` … `Des`, `Agt` / `Ags` for August)";

/// Parses an Indonesian period written in words (`Semester I 2024`, `TW II 2024`,
/// `Januari 2024`): a word, an optional index (1–4 or I–IV) and a four-digit year.
fn parse_words(t: &str) -> Result<Period, Error> {
    let bad = |reason: String| Error::Period { input: t.to_string(), reason };
    let lower = t.to_lowercase();
    let tokens: Vec<&str> = lower.split_whitespace().collect();
    let year = |y: &str| -> Result<u16, Error> {
        if y.len() != 4 || !y.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad(format!("the year must be four digits at the end; {WORD_FORMS}")));
        }
        y.parse().map_err(|_| bad(format!("the year must be four digits; {WORD_FORMS}")))
    };
    let index = |i: &str| -> Result<u8, Error> {
        match i {
            "1" | "i" => Ok(1),
            "2" | "ii" => Ok(2),
            "3" | "iii" => Ok(3),
            "4" | "iv" => Ok(4),
            _ => Err(bad(format!("`{i}` is not an index (1–4 or I–IV); {WORD_FORMS}"))),
        }
    };
    match tokens.as_slice() {
        [w, y] if matches!(*w, "tahunan" | "tahun") => Period::annual(year(y)?),
        [w, y] => match month_of(w) {
            Some(m) => Period::month(year(y)?, m),
            None => Err(bad(format!("`{w}` is not a period word; {WORD_FORMS}"))),
        },
        [w, i, y] if matches!(*w, "semester" | "smt") => Period::semester(year(y)?, index(i)?),
        [w, i, y] if matches!(*w, "triwulan" | "tw") => Period::quarter(year(y)?, index(i)?),
        _ => Err(bad(format!("not recognised; {WORD_FORMS}"))),
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = Period;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a period such as \"2024\", \"2024-S1\", \"2024-Q2\" or \"2024-03\"")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Period, E> {
                v.parse().map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Period, E> {
                let y = u16::try_from(v).map_err(|_| E::custom(format!("year {v} out of range")))?;
                Period::annual(y).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Period, E> {
                let y = u16::try_from(v).map_err(|_| E::custom(format!("year {v} out of range")))?;
                Period::annual(y).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A period: `2024`, `2024-S1`, `2024-Q2` or `2024-03` (years 1900 to 2999), \
                also a year as a number, `TW` for `Q`, any case, and the Indonesian forms \
                `Tahunan 2024`, `Semester I 2024`, `Triwulan II 2024` / `TW 2 2024`, `Januari 2024` / `Jan 2024`.",
            "anyOf": [
                { "type": "string", "pattern": text_pattern() },
                { "type": "integer", "minimum": 1900, "maximum": 2999 }
            ]
        })
    }
}

/// The regular expression of every text [`Period::from_str`] reads (letters in any ASCII
/// case, spaces around it): the same in ECMA-262 (JSON Schema), Python's `re` and Rust's
/// `regex`.
#[cfg(feature = "schema")]
fn text_pattern() -> String {
    // each letter of `w` in either case: JSON Schema's patterns have no case-insensitive flag
    fn any_case(w: &str) -> String {
        w.chars()
            .map(|c| {
                if c.is_ascii_alphabetic() {
                    format!("[{}{}]", c.to_ascii_lowercase(), c.to_ascii_uppercase())
                } else {
                    c.to_string()
                }
            })
            .collect()
    }
    let one_of = |words: &[&str]| words.iter().map(|w| any_case(w)).collect::<Vec<_>>().join("|");
    // what `str::trim` and `split_whitespace` take as space (Unicode White_Space), spelt out:
    // `\s` differs between regular-expression engines (Python's takes U+001F, ECMA-262's U+FEFF)
    let space =
        "[\t\n\u{b}\u{c}\r \u{85}\u{a0}\u{1680}\u{2000}-\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}]";
    let year = "(19[0-9]{2}|2[0-9]{3})";
    let digits = format!(
        "{year}(-({s}0?[12]|({q}|{tw})0?[1-4]|0[1-9]|1[0-2]))?",
        s = any_case("s"),
        q = any_case("q"),
        tw = any_case("tw")
    );
    let months: Vec<&str> = MONTHS_ID.iter().flatten().copied().chain(["agt", "ags"]).collect();
    let half = format!("([12]|{})", one_of(&["ii", "i"]));
    let quarter = format!("([1-4]|{})", one_of(&["iv", "iii", "ii", "i"]));
    let words = [
        format!("({}){space}+{year}", one_of(&["tahunan", "tahun"])),
        format!("({}){space}+{year}", one_of(&months)),
        format!("({}){space}+{half}{space}+{year}", one_of(&["semester", "smt"])),
        format!("({}){space}+{quarter}{space}+{year}", one_of(&["triwulan", "tw"])),
    ]
    .join("|");
    format!("^{space}*({digits}|{words}){space}*$")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_print() {
        for s in ["2024", "2024-S1", "2024-S2", "2024-Q1", "2024-Q4", "2024-01", "2024-12"] {
            let p: Period = s.parse().unwrap();
            assert_eq!(p.to_string(), s);
        }
        assert_eq!("2024-tw3".parse::<Period>().unwrap().to_string(), "2024-Q3");
        for bad in [
            "", "24", "2024-", "2024-13", "2024-00", "2024-S3", "2024-Q0", "2024-X1", "abcd", "2024-1",
            "2024-Q11",
        ] {
            let e = bad.parse::<Period>().unwrap_err();
            assert!(e.to_string().contains("accepted forms"), "{bad}: {e}");
        }
    }

    #[test]
    fn indonesian_words() {
        let cases = [
            ("Tahunan 2024", "2024"),
            ("tahun 2024", "2024"),
            ("Semester I 2024", "2024-S1"),
            ("Semester 1 2024", "2024-S1"),
            ("SEMESTER II 2024", "2024-S2"),
            ("Triwulan II 2024", "2024-Q2"),
            ("TW II 2024", "2024-Q2"),
            ("TW 4 2024", "2024-Q4"),
            ("triwulan iii 2025", "2025-Q3"),
            ("Januari 2024", "2024-01"),
            ("Mei 2024", "2024-05"),
            ("Agustus 2024", "2024-08"),
            ("Agt 2024", "2024-08"),
            ("Desember 2024", "2024-12"),
            ("  Des   2024 ", "2024-12"),
        ];
        for (text, printed) in cases {
            assert_eq!(text.parse::<Period>().unwrap().to_string(), printed, "{text}");
        }
        for bad in [
            "Semester III 2024",
            "Triwulan V 2024",
            "TW 0 2024",
            "Tahunan",
            "Tahunan 24",
            "Januari",
            "Janvier 2024",
            "Semester 2024",
            "Tahunan 2024 extra",
            "Q1 2024",
        ] {
            let e = bad.parse::<Period>().unwrap_err().to_string();
            assert!(e.contains("accepted forms") && e.contains(bad.trim()), "{bad}: {e}");
        }
        let e = "Janvier 2024".parse::<Period>().unwrap_err().to_string();
        assert!(e.contains("Triwulan II 2024") && e.contains("Januari 2024"), "{e}");
    }

    #[test]
    fn order_and_contains() {
        let p = |s: &str| s.parse::<Period>().unwrap();
        assert!(p("2024-01") < p("2024-Q1"));
        assert!(p("2024-Q1") < p("2024-S1"));
        assert!(p("2024-S1") < p("2024"));
        assert!(p("2024") < p("2024-02"));
        assert!(p("2024").contains(&p("2024-07")));
        assert!(!p("2024-S1").contains(&p("2024-07")));
        assert!(!p("2024").contains(&p("2025-01")));
        assert_eq!(Period::all_in_year(2024, Granularity::Quarter).unwrap().len(), 4);
        assert_eq!(p("2024-S2").subdivide(Granularity::Month).len(), 6);
    }
}
