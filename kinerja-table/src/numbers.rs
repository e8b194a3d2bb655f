//! Numbers as written: text cells parsed exactly into decimals, never through a float.
//!
//! Two notations are read ([`NumberFormat`]):
//!
//! * **plain** — `.` before the decimals, no grouping: `1200`, `97.5`, `-0.25`;
//! * **id** (Indonesian) — `.` (or a space) between groups of three digits, `,` before the
//!   decimals: `1.200`, `97,5`, `1.500.000`, `1 500 000`.
//!
//! Both accept surrounding spaces (also non-breaking ones), a leading `+` or `-`, an `Rp`
//! prefix and a `%` suffix; the signs are dropped and the number is read as written (`97,5%`
//! is 97.5, not 0.975). Exponents (`1e3`), `NaN` and `inf` are not numbers. An empty cell is
//! a missing value.
//!
//! [`NumberFormat::Auto`] (the default) reads a cell that only one notation can read, or that
//! both read the same way; a cell the two read differently (`1.200`: 1.2 or 1200) is an
//! error naming both readings, and so is a cell only Indonesian notation reads (`97,5`,
//! `1.500.000`): set the format and it reads.
//!
//! ```
//! use kinerja_table::numbers::{parse_number, NumberFormat};
//! use rust_decimal::Decimal;
//! let d = |s: &str| s.parse::<Decimal>().unwrap();
//! assert_eq!(parse_number("97.5", NumberFormat::Auto).unwrap(), Some(d("97.5")));
//! assert_eq!(parse_number("Rp 1.500.000", NumberFormat::Id).unwrap(), Some(d("1500000")));
//! assert_eq!(parse_number("97,5 %", NumberFormat::Id).unwrap(), Some(d("97.5")));
//! assert!(parse_number("1.200", NumberFormat::Auto).is_err());
//! assert_eq!(parse_number("  ", NumberFormat::Auto).unwrap(), None);
//! ```

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;

use kinerja_core::num::LimitError;
/// The input limits on digits, defined once in the core ([`kinerja_core::num::check_limits`]):
/// a number a cell may hold is one a plan may hold, and the reverse.
pub use kinerja_core::num::{MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, MAX_SIGNIFICANT_DIGITS};

/// How text numbers are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum NumberFormat {
    /// `.` before the decimals, no grouping.
    Plain,
    /// Indonesian: `.` or space between thousands, `,` before the decimals.
    Id,
    /// Read what only one notation (or both alike) reads; refuse what they read differently.
    #[default]
    Auto,
}

impl NumberFormat {
    /// The option value (`plain`, `id`, `auto`).
    pub fn as_str(self) -> &'static str {
        match self {
            NumberFormat::Plain => "plain",
            NumberFormat::Id => "id",
            NumberFormat::Auto => "auto",
        }
    }
}

impl FromStr for NumberFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "plain" | "en" => Ok(NumberFormat::Plain),
            "id" | "indonesian" => Ok(NumberFormat::Id),
            "auto" => Ok(NumberFormat::Auto),
            _ => Err(format!("number format `{s}` is not accepted; accepted: plain, id, auto")),
        }
    }
}

/// Why a text is not read as a number. The message names the text and how to fix it; the
/// caller adds the row and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NumberError {
    /// Not a number in the notation(s) tried.
    Invalid {
        /// The cell text.
        text: String,
        /// The notation tried.
        format: NumberFormat,
    },
    /// `NaN`, `inf` and the like.
    NotFinite {
        /// The cell text.
        text: String,
    },
    /// More digits than an exact decimal column holds.
    TooLarge {
        /// The cell text.
        text: String,
    },
    /// More decimals than are kept.
    TooPrecise {
        /// The cell text.
        text: String,
    },
    /// Plain and Indonesian notation read the text as different numbers.
    Ambiguous {
        /// The cell text.
        text: String,
        /// Reading in plain notation.
        plain: Decimal,
        /// Reading in Indonesian notation.
        id: Decimal,
    },
    /// Only Indonesian notation reads the text, and no format was set.
    IndonesianOnly {
        /// The cell text.
        text: String,
        /// Reading in Indonesian notation.
        id: Decimal,
    },
}

impl fmt::Display for NumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const SET: &str = "set number_format=\"plain\" or number_format=\"id\" (CLI `--number-format`)";
        match self {
            NumberError::Invalid { text, format } => {
                let hint = match format {
                    NumberFormat::Plain => {
                        "plain notation: digits with `.` before the decimals, e.g. 1200 or 97.5"
                    }
                    NumberFormat::Id => {
                        "Indonesian notation: `.` between thousands, `,` before the decimals, e.g. 1.200, 97,5 or Rp 1.500.000"
                    }
                    NumberFormat::Auto => "e.g. 1200, 97.5, or with number_format=\"id\" 1.200 and 97,5",
                };
                if scientific(&text.trim().trim_start_matches(['-', '+']).to_ascii_lowercase()).is_some() {
                    return write!(
                        f,
                        "`{text}` is in scientific notation, which spreadsheets use for long numbers with digits \
                         lost; write the number in full (e.g. 0.000001 or 2500)"
                    );
                }
                write!(f, "`{text}` is not a number ({hint})")
            }
            NumberError::NotFinite { text } => {
                write!(f, "`{text}` is not a number; leave the cell empty for a missing value")
            }
            // worded where the limits are defined
            NumberError::TooLarge { text } => f.write_str(&LimitError::TooLarge.reason(text)),
            NumberError::TooPrecise { text } => f.write_str(&LimitError::TooPrecise.reason(text)),
            NumberError::Ambiguous { text, plain, id } => write!(
                f,
                // readings without trailing zeros: `1.200` reads 1.2, not 1.200
                "`{text}` is ambiguous: {plain} in plain notation (`.` before decimals) but {id} in \
                 Indonesian notation (`.` between thousands); {SET}",
                plain = plain.normalize(),
                id = id.normalize()
            ),
            NumberError::IndonesianOnly { text, id } => {
                write!(
                    f,
                    "`{text}` is {} in Indonesian notation (`,` before decimals, `.` between thousands) \
                     but not a plain number; set number_format=\"id\" (CLI `--number-format id`) to read it",
                    id.normalize()
                )?;
                if looks_english_grouped(text) {
                    write!(f, " (if `,` separates thousands here, as in English, remove the commas)")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for NumberError {}

/// Parses one text cell; `Ok(None)` for an empty (or all-space) cell.
pub fn parse_number(text: &str, format: NumberFormat) -> Result<Option<Decimal>, NumberError> {
    match simple(text, format) {
        Some(d) => Ok(Some(d)),
        None => parse_full(text, format),
    }
}

/// [`parse_number`] for every cell, however written.
fn parse_full(text: &str, format: NumberFormat) -> Result<Option<Decimal>, NumberError> {
    let Some(parts) = Parts::split(text) else {
        return Ok(None);
    };
    let lower = parts.body.to_ascii_lowercase();
    if matches!(lower.as_str(), "nan" | "inf" | "infinity" | "∞") {
        return Err(NumberError::NotFinite { text: text.to_string() });
    }

    let read = |f: NumberFormat| -> Option<Digits> {
        match f {
            NumberFormat::Plain => Digits::plain(parts.body),
            _ => Digits::id(parts.body),
        }
    };
    let digits = match format {
        NumberFormat::Plain | NumberFormat::Id => {
            read(format).ok_or_else(|| NumberError::Invalid { text: text.to_string(), format })?
        }
        NumberFormat::Auto => match (read(NumberFormat::Plain), read(NumberFormat::Id)) {
            (Some(p), Some(i)) if p == i => p,
            (Some(p), Some(i)) => {
                return Err(NumberError::Ambiguous {
                    text: text.to_string(),
                    plain: p.decimal(parts.negative, text)?,
                    id: i.decimal(parts.negative, text)?,
                });
            }
            (Some(p), None) => p,
            (None, Some(i)) => {
                return Err(NumberError::IndonesianOnly {
                    text: text.to_string(),
                    id: i.decimal(parts.negative, text)?,
                });
            }
            (None, None) => return Err(NumberError::Invalid { text: text.to_string(), format }),
        },
    };
    digits.decimal(parts.negative, text).map(Some)
}

/// The common cell (`90`, `92.5`, `100.25`: ASCII digits with at most one `.`, 18 characters
/// at most), read without allocating to the value the full path gives; `None` for any other
/// cell, and for a cell `format` would not read as plain digits (an Indonesian grouping such as
/// `1.200` is left to the full path, which refuses it as ambiguous under `Auto`).
fn simple(text: &str, format: NumberFormat) -> Option<Decimal> {
    let bytes = text.as_bytes();
    if bytes.len() > 18 {
        return None;
    }
    // one pass: the digits as one mantissa, and where the `.` is
    let mut mantissa = 0i64;
    let mut dot = None;
    for (k, c) in bytes.iter().enumerate() {
        match c {
            b'0'..=b'9' => mantissa = mantissa * 10 + i64::from(c - b'0'),
            b'.' if dot.is_none() => dot = Some(k),
            _ => return None,
        }
    }
    let (int, frac) = match dot {
        Some(k) => (k, bytes.len() - k - 1),
        None => (bytes.len(), 0),
    };
    if int == 0 || (dot.is_some() && frac == 0) {
        return None;
    }
    let grouping = frac == 3 && int <= 3 && bytes.first() != Some(&b'0');
    let refused = match format {
        NumberFormat::Plain => false,
        NumberFormat::Auto => grouping,
        NumberFormat::Id => frac > 0,
    };
    if refused {
        return None;
    }
    Decimal::try_from_i128_with_scale(i128::from(mantissa), frac as u32).ok()
}

/// A number in scientific notation (`digits[.digits]e[+-]digits`, lower case), exactly. Such
/// a cell is refused, not read: spreadsheets print a long number so (`1,98701E+17` for a NIP,
/// `1.23457E+06`) with its last digits lost, so the value may not be the one meant.
fn scientific(lower: &str) -> Option<Decimal> {
    let (mantissa, exponent) = lower.split_once('e')?;
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exp = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    if !digits(int) || !(frac.is_empty() || digits(frac)) || !digits(exp) || exp.len() > 3 {
        return None;
    }
    Decimal::from_scientific(lower).ok()
}

/// Checks that a decimal from a typed source (Arrow decimal, integer, float) is within the
/// limits text numbers are held to.
pub fn check_limits(value: Decimal, text: &str) -> Result<Decimal, NumberError> {
    kinerja_core::num::check_limits(value).map_err(|e| match e {
        LimitError::TooPrecise => NumberError::TooPrecise { text: text.to_string() },
        _ => NumberError::TooLarge { text: text.to_string() },
    })
}

/// Whether every valid value of a `decimal128` column of `scale` places is within the limits
/// of [`check_limits`] as stored: a scale of at most [`MAX_FRACTION_DIGITS`], at most
/// [`MAX_INTEGER_DIGITS`] integer digits and [`MAX_SIGNIFICANT_DIGITS`] in all.
///
/// ```
/// use arrow_array::Decimal128Array;
/// use kinerja_table::numbers::decimal128_within_limits;
/// let a = Decimal128Array::from(vec![Some(912), None]).with_precision_and_scale(38, 2).unwrap();
/// assert!(decimal128_within_limits(&a, 2));
/// let huge = Decimal128Array::from(vec![10i128.pow(21)]).with_precision_and_scale(38, 0).unwrap();
/// assert!(!decimal128_within_limits(&huge, 0));
/// // 12345678901 at 18 places: 29 digits stored, 11 significant
/// let wide = Decimal128Array::from(vec![12345678901 * 10i128.pow(18)]).with_precision_and_scale(38, 18).unwrap();
/// assert!(decimal128_within_limits(&wide, 18));
/// ```
pub fn decimal128_within_limits(a: &arrow_array::Decimal128Array, scale: u32) -> bool {
    use arrow_array::Array;
    use rayon::prelude::*;
    if scale as usize > MAX_FRACTION_DIGITS {
        return false;
    }
    // below this many digits every value is within the limits; a longer one (trailing zeros of
    // a wide scale) is checked as a decimal
    let digits = (MAX_INTEGER_DIGITS as u32 + scale).min(MAX_SIGNIFICANT_DIGITS as u32);
    let limit = 10u128.pow(digits);
    let within = |m: i128| {
        m.unsigned_abs() < limit
            || Decimal::try_from_i128_with_scale(m, scale)
                .is_ok_and(|d| kinerja_core::num::check_limits(d).is_ok())
    };
    a.values().par_iter().enumerate().all(|(i, m)| a.is_null(i) || within(*m))
}

/// Formats a decimal in plain notation (`-1234567.5`).
pub fn format_plain(value: Decimal) -> String {
    value.to_string()
}

/// Formats a decimal in Indonesian notation (`-1.234.567,5`).
///
/// ```
/// use kinerja_table::numbers::format_id;
/// assert_eq!(format_id("-1234567.50".parse().unwrap()), "-1.234.567,50");
/// ```
pub fn format_id(value: Decimal) -> String {
    let plain = value.abs().to_string();
    let (int, frac) = match plain.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (plain.as_str(), None),
    };
    let mut out = String::new();
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(',');
        out.push_str(f);
    }
    out
}

/// A cell split into sign and the number's body, decorations (`Rp`, `%`, spaces) removed.
struct Parts<'a> {
    negative: bool,
    body: &'a str,
}

impl<'a> Parts<'a> {
    fn split(text: &'a str) -> Option<Parts<'a>> {
        fn sign(t: &str) -> (bool, &str) {
            match t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
                Some(r) => (true, r.trim_start()),
                None => (false, t.strip_prefix('+').map_or(t, str::trim_start)),
            }
        }
        let t = text.trim();
        if t.is_empty() {
            return None;
        }
        let (mut negative, mut t) = sign(t);
        if t.len() >= 2 && t.is_char_boundary(2) && t[..2].eq_ignore_ascii_case("rp") {
            t = t[2..].trim_start();
            t = t.strip_prefix('.').unwrap_or(t).trim_start();
            if !negative {
                (negative, t) = sign(t);
            }
        }
        if let Some(r) = t.strip_suffix('%') {
            t = r.trim_end();
        }
        Some(Parts { negative, body: t })
    }
}

/// The digits of a number and where its decimal point is.
#[derive(Debug, PartialEq, Eq)]
struct Digits {
    int: String,
    frac: String,
}

impl Digits {
    /// `123` or `123.45`.
    fn plain(body: &str) -> Option<Digits> {
        let (int, frac) = match body.split_once('.') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if int.is_empty()
            || !all_digits(int)
            || (body.contains('.') && (frac.is_empty() || !all_digits(frac)))
        {
            return None;
        }
        Some(Digits { int: int.to_string(), frac: frac.to_string() })
    }

    /// `1234`, `1.234`, `1 234`, with an optional `,5`.
    fn id(body: &str) -> Option<Digits> {
        let (int, frac) = match body.split_once(',') {
            Some((i, f)) => (i, f),
            None => (body, ""),
        };
        if body.contains(',') && (frac.is_empty() || !all_digits(frac)) {
            return None;
        }
        let groups: Vec<&str> = int.split(|c: char| c == '.' || c.is_whitespace()).collect();
        let first = groups.first()?;
        if first.is_empty() || (first.len() > 3 && groups.len() > 1) || !all_digits(first) {
            return None;
        }
        if groups.len() > 1 && first.starts_with('0') {
            return None;
        }
        if groups[1..].iter().any(|g| g.len() != 3 || !all_digits(g)) {
            return None;
        }
        Some(Digits { int: groups.concat(), frac: frac.to_string() })
    }

    fn decimal(&self, negative: bool, text: &str) -> Result<Decimal, NumberError> {
        let int = self.int.trim_start_matches('0');
        let frac = self.frac.trim_end_matches('0');
        if int.len() > MAX_INTEGER_DIGITS {
            return Err(NumberError::TooLarge { text: text.to_string() });
        }
        if frac.len() > MAX_FRACTION_DIGITS {
            return Err(NumberError::TooPrecise { text: text.to_string() });
        }
        // at most 38 digits (the guards above): an i128 holds them
        let build = |frac: &str| -> Option<Decimal> {
            let all = format!("{int}{frac}");
            let significant = all.trim_start_matches('0');
            let mantissa: i128 = if significant.is_empty() { 0 } else { significant.parse().ok()? };
            let mantissa = if negative { -mantissa } else { mantissa };
            Decimal::try_from_i128_with_scale(mantissa, frac.len() as u32).ok()
        };
        // keep the written scale (92.50 stays 92.50) when it is within the limit and a decimal
        // holds it; else the value without the trailing zeros
        let written = (self.frac.len() <= MAX_FRACTION_DIGITS).then(|| build(&self.frac)).flatten();
        let d = written
            .or_else(|| build(frac))
            .ok_or_else(|| NumberError::TooLarge { text: text.to_string() })?;
        // the significant digits and the rest: the core's limits, as for a plan's numbers
        check_limits(d, text)
    }
}

/// Largest exponent [`plain_cell_text`] expands (`1e64` is 65 digits, past any exact decimal;
/// a larger one is left as written and refused as an exponent).
const MAX_EXPANDED_EXPONENT: u32 = 64;

/// The cell text that `format` reads as the number a plain-notation literal states, such as
/// a JSON number (`1.500` is one and a half in JSON whatever notation the cells use): the
/// exponent written out (`1e3` → `1000`), `,` before the decimals for [`NumberFormat::Id`],
/// and under [`NumberFormat::Auto`] a trailing zero where the two notations would read the
/// text differently (`1.500` → `1.5000`, not 1 500). `None` when `literal` is not a plain
/// number (or its exponent is beyond 64): the caller keeps it as written, and the reader
/// refuses it.
///
/// ```
/// use kinerja_table::numbers::{parse_number, plain_cell_text, NumberFormat};
/// use rust_decimal::Decimal;
/// for f in [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto] {
///     let text = plain_cell_text("1.500", f).unwrap();
///     assert_eq!(parse_number(&text, f).unwrap(), Some(Decimal::new(15, 1)));
/// }
/// assert_eq!(plain_cell_text("-2.5e-3", NumberFormat::Id).as_deref(), Some("-0,0025"));
/// assert_eq!(plain_cell_text("1.2.3", NumberFormat::Plain), None);
/// ```
pub fn plain_cell_text(literal: &str, format: NumberFormat) -> Option<String> {
    let plain = expand_exponent(literal)?;
    Some(match format {
        NumberFormat::Plain => plain,
        NumberFormat::Id => plain.replace('.', ","),
        NumberFormat::Auto => match parse_number(&plain, NumberFormat::Auto) {
            Err(NumberError::Ambiguous { .. }) => plain + "0",
            _ => plain,
        },
    })
}

/// `literal` (JSON number grammar: `-?digits(.digits)?([eE][+-]?digits)?`) without its
/// exponent, as `-?digits(.digits)?`; `None` when it is not of that grammar.
fn expand_exponent(literal: &str) -> Option<String> {
    let (negative, body) = match literal.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, literal),
    };
    let (number, exp) = match body.find(['e', 'E']) {
        Some(at) => (&body[..at], Some(&body[at + 1..])),
        None => (body, None),
    };
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if !all_digits(int) || (number.contains('.') && !all_digits(frac)) {
        return None;
    }
    let Some(exp) = exp else { return Some(literal.to_string()) };
    let (up, digits) = match exp.strip_prefix('-') {
        Some(d) => (false, d),
        None => (true, exp.strip_prefix('+').unwrap_or(exp)),
    };
    let e: u32 = if all_digits(digits) { digits.parse().ok()? } else { return None };
    if e > MAX_EXPANDED_EXPONENT {
        return None;
    }
    let all = format!("{int}{frac}");
    // the decimal point's place in `all`, counted from its start
    let point = if up { int.len() + e as usize } else { int.len().saturating_sub(e as usize) };
    let lead = if up { 0 } else { (e as usize).saturating_sub(int.len()) };
    // zeros before the digits when the point moves past their start (the point is then at 0),
    // after them when it moves past their end
    let all = format!("{}{all}{}", "0".repeat(lead), "0".repeat(point.saturating_sub(all.len())));
    let (i, f) = all.split_at(point.min(all.len()));
    let i = match i.trim_start_matches('0') {
        "" => "0",
        t => t,
    };
    let sign = if negative { "-" } else { "" };
    Some(if f.is_empty() { format!("{sign}{i}") } else { format!("{sign}{i}.{f}") })
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// `1,200` or `1,234,567.5`: what English notation would write.
fn looks_english_grouped(text: &str) -> bool {
    let t = text.trim();
    let int = t.split_once('.').map_or(t, |(i, _)| i);
    let groups: Vec<&str> = int.split(',').collect();
    groups.len() > 1
        && groups.first().is_some_and(|g| (1..=3).contains(&g.len()) && all_digits(g))
        && groups[1..].iter().all(|g| g.len() == 3 && all_digits(g))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap_or_default()
    }

    #[test]
    fn scientific_notation_is_refused_with_its_reason() {
        for f in [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto] {
            for t in ["1e-06", "-2.5E3", "1.98701E+17"] {
                let e = parse_number(t, f).unwrap_err().to_string();
                assert!(e.contains("scientific notation"), "{t}: {e}");
            }
        }
        assert!(!parse_number("1e", NumberFormat::Plain).unwrap_err().to_string().contains("scientific"));
    }

    #[test]
    fn plain_and_id() {
        let p = |s: &str| parse_number(s, NumberFormat::Plain);
        let i = |s: &str| parse_number(s, NumberFormat::Id);
        assert_eq!(p("1200"), Ok(Some(d("1200"))));
        assert_eq!(p("1.200"), Ok(Some(d("1.2"))));
        assert_eq!(p("-0.25"), Ok(Some(d("-0.25"))));
        assert_eq!(p("92.50").map(|v| v.map(|v| v.to_string())), Ok(Some("92.50".into())));
        assert!(p("97,5").is_err());
        assert!(p("1.2.3").is_err());
        assert!(p(".5").is_err());
        assert!(p("5.").is_err());
        assert!(p("1e3").is_err());
        assert_eq!(i("1.200"), Ok(Some(d("1200"))));
        assert_eq!(i("97,5"), Ok(Some(d("97.5"))));
        assert_eq!(i("1.000,5"), Ok(Some(d("1000.5"))));
        assert_eq!(i("Rp 1.500.000"), Ok(Some(d("1500000"))));
        assert_eq!(i("Rp. 1.500.000,00"), Ok(Some(d("1500000"))));
        assert_eq!(i("-Rp 2.000"), Ok(Some(d("-2000"))));
        assert_eq!(i("1\u{a0}500\u{a0}000"), Ok(Some(d("1500000"))));
        assert_eq!(i("\u{a0}97,5\u{a0}%"), Ok(Some(d("97.5"))));
        assert_eq!(i("1200"), Ok(Some(d("1200"))));
        assert!(i("1.20").is_err());
        assert!(i("1.2000").is_err());
        assert!(i("01.200").is_err());
        assert!(i("97.5").is_err());
        assert!(i("1,2,3").is_err());
        assert!(i(",5").is_err());
        assert!(i("5,").is_err());
    }

    #[test]
    fn auto_reads_the_unambiguous_and_refuses_the_rest() {
        let a = |s: &str| parse_number(s, NumberFormat::Auto);
        assert_eq!(a("97.5"), Ok(Some(d("97.5"))));
        assert_eq!(a("1200"), Ok(Some(d("1200"))));
        assert_eq!(a("0.125"), Ok(Some(d("0.125"))));
        assert_eq!(a("-3"), Ok(Some(d("-3"))));
        let e = a("1.200").unwrap_err();
        assert!(matches!(e, NumberError::Ambiguous { .. }), "{e:?}");
        let m = e.to_string();
        assert!(
            m.contains("1.2 in plain") && m.contains("1200 in Indonesian") && m.contains("number_format"),
            "{m}"
        );
        let m = a("97,5").unwrap_err().to_string();
        assert!(m.contains("97.5 in Indonesian") && m.contains("number_format=\"id\""), "{m}");
        let m = a("1.000,5").unwrap_err().to_string();
        assert!(m.contains("1000.5"), "{m}");
        let m = a("1,200").unwrap_err().to_string();
        assert!(m.contains("as in English"), "{m}");
        assert!(matches!(a("Rp 1.500.000"), Err(NumberError::IndonesianOnly { .. })));
    }

    #[test]
    fn hostile_cells() {
        for f in [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto] {
            assert_eq!(parse_number("", f), Ok(None));
            assert_eq!(parse_number(" \t\u{a0}", f), Ok(None));
            for junk in ["abc", "-", "+", "Rp", "%", ";", ",", ".", "1 2", "12abc", "0x10", "١٢"] {
                assert!(parse_number(junk, f).is_err(), "{junk} {f:?}");
            }
            for nan in ["NaN", "nan", "-NaN", "inf", "Infinity"] {
                let e = parse_number(nan, f).unwrap_err();
                assert!(matches!(e, NumberError::NotFinite { .. }), "{e:?}");
                assert!(e.to_string().contains(nan), "{e}");
            }
            let huge = "123456789012345678901";
            let e = parse_number(huge, f).unwrap_err().to_string();
            assert!(e.contains("too large") && e.contains("99999999999999999999"), "{e}");
            assert!(parse_number("99999999999999999999", f).is_ok());
            let e = parse_number("0.0000000000000000001", NumberFormat::Plain).unwrap_err();
            assert!(matches!(e, NumberError::TooPrecise { .. }));
        }
        assert_eq!(parse_number("0.100000000000000000000", NumberFormat::Plain), Ok(Some(d("0.1"))));
        let e = parse_number("99999999999999999999.99999999999", NumberFormat::Plain).unwrap_err();
        assert!(matches!(e, NumberError::TooLarge { .. }), "{e:?}");
    }

    #[test]
    fn formats() {
        assert_eq!(format_id(d("1234567.5")), "1.234.567,5");
        assert_eq!(format_id(d("999")), "999");
        assert_eq!(format_id(d("-1000")), "-1.000");
        assert_eq!(format_id(d("0.05")), "0,05");
        assert_eq!(format_plain(d("-1000.50")), "-1000.50");
        assert_eq!("ID".parse::<NumberFormat>(), Ok(NumberFormat::Id));
        assert!("comma".parse::<NumberFormat>().unwrap_err().contains("plain, id, auto"));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod fast_path {
    use super::*;
    use proptest::prelude::*;

    const FORMATS: [NumberFormat; 3] = [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto];

    #[test]
    fn the_fast_path_takes_the_common_cells_and_leaves_the_rest() {
        assert_eq!(simple("92.50", NumberFormat::Auto), Some(Decimal::new(9250, 2)));
        assert_eq!(simple("0100", NumberFormat::Id), Some(Decimal::new(100, 0)));
        for left in
            ["1.200", "12.", ".5", "-1", " 1", "1,5", "1e3", "", "1234567890123456789", "1.2.3", "1..2", "."]
        {
            assert_eq!(simple(left, NumberFormat::Auto), None, "{left}");
        }
        assert_eq!(simple("1.200", NumberFormat::Plain), Some(Decimal::new(1200, 3)));
        assert_eq!(simple("1.5", NumberFormat::Id), None);
    }

    proptest! {
        /// Whatever the fast path reads, the full path reads to the same value and scale.
        #[test]
        fn the_fast_path_agrees_with_the_full_path(
            text in "[0-9]{0,12}(\\.[0-9]{0,8})?|[0-9.,e +-]{0,10}",
            f in 0usize..3,
        ) {
            let format = FORMATS[f];
            if let Some(fast) = simple(&text, format) {
                let full = parse_full(&text, format).unwrap().unwrap();
                prop_assert_eq!(fast, full);
                prop_assert_eq!(fast.scale(), full.scale());
            } else if (1..=18).contains(&text.len())
                && format == NumberFormat::Plain
                && !text.ends_with('.')
                && !text.starts_with('.')
                && text.bytes().all(|b| b.is_ascii_digit() || b == b'.')
                && text.matches('.').count() <= 1
            {
                prop_assert!(false, "a plain cell {} missed the fast path", text);
            }
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod plain_literals {
    use super::*;
    use proptest::prelude::*;

    const FORMATS: [NumberFormat; 3] = [NumberFormat::Plain, NumberFormat::Id, NumberFormat::Auto];

    #[test]
    fn exponents_are_written_out_and_the_rest_kept() {
        let p = |s: &str| plain_cell_text(s, NumberFormat::Plain);
        assert_eq!(p("1e3").as_deref(), Some("1000"));
        assert_eq!(p("1.5E+2").as_deref(), Some("150"));
        assert_eq!(p("12.5e-3").as_deref(), Some("0.0125"));
        assert_eq!(p("12.5e-2").as_deref(), Some("0.125"));
        assert_eq!(p("-0.50e1").as_deref(), Some("-5.0"));
        assert_eq!(p("0e0").as_deref(), Some("0"));
        assert_eq!(p("97.50").as_deref(), Some("97.50"));
        assert_eq!(p("1e64").map(|t| t.len()), Some(65));
        for bad in ["1e65", "1e-65", "1.", ".5", "1e", "e3", "1e+-2", "--1", "1,5", "Rp 1", "", "-"] {
            assert_eq!(p(bad), None, "{bad}");
        }
        assert_eq!(plain_cell_text("1.500", NumberFormat::Id).as_deref(), Some("1,500"));
        assert_eq!(plain_cell_text("1.500", NumberFormat::Auto).as_deref(), Some("1.5000"));
        assert_eq!(plain_cell_text("97.5", NumberFormat::Auto).as_deref(), Some("97.5"));
        assert_eq!(plain_cell_text("1200", NumberFormat::Id).as_deref(), Some("1200"));
    }

    proptest! {
        /// Under every notation the cell text reads as the number the literal states
        /// (`rust_decimal`'s own reading of it), or is refused for its size, never read as
        /// another number.
        #[test]
        fn the_cell_reads_as_the_literal(
            int in "0|[1-9][0-9]{0,12}",
            frac in proptest::option::of("[0-9]{1,8}"),
            exp in proptest::option::of(-20i32..20),
            negative in any::<bool>(),
            f in 0usize..3,
        ) {
            let mut literal = format!("{}{int}", if negative { "-" } else { "" });
            if let Some(fr) = &frac {
                literal = format!("{literal}.{fr}");
            }
            if let Some(e) = exp {
                literal = format!("{literal}e{e}");
            }
            let want = if exp.is_some() {
                Decimal::from_scientific(&literal).ok()
            } else {
                literal.parse::<Decimal>().ok()
            };
            let text = plain_cell_text(&literal, FORMATS[f]).unwrap();
            match (parse_number(&text, FORMATS[f]), want) {
                (Ok(Some(got)), Some(want)) => prop_assert_eq!(got, want, "{} → {}", literal, text),
                (Ok(got), want) => prop_assert!(false, "{} → {} read as {:?}, not {:?}", literal, text, got, want),
                (Err(e), _) => prop_assert!(
                    matches!(e, NumberError::TooLarge { .. } | NumberError::TooPrecise { .. }),
                    "{} → {}: {}", literal, text, e
                ),
            }
        }
    }
}
