//! Numbers of JSON and TOML documents read exactly, or refused.
//!
//! The JSON and TOML parsers read a number with a fraction or an exponent (and a JSON integer
//! past 64 bits) as a binary float, and a decimal then takes that float's shortest text:
//! `92.5` stays `92.5`, but `123456789.123456789` would arrive as `123456789.12345679`,
//! silently. Every reader of a document (plans, policies, rulesets, organisations; the Python
//! binding and the server) first calls [`json()`] or [`toml()`], which refuse such a number,
//! located by line and column, and say to write it as a string (a decimal in a string is read
//! from its text). The `f64` here only reproduces the parser's reading, to compare it with the
//! exact value of the literal; no value read or computed is ever a float.
//!
//! ```
//! use kinerja_core::document_numbers::{json, toml};
//! assert!(json(r#"{"actual": 92.5, "weight": 40, "id": "1.23456789012345678"}"#).is_ok());
//! let e = json("{\n  \"actual\": 123456789.123456789\n}").unwrap_err();
//! assert_eq!((e.line, e.column), (2, 13));
//! assert_eq!(e.read_as.as_deref(), Some("123456789.12345679"));
//! assert!(toml("min = 110.000000000000001").is_err());
//! ```

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::error::{Error, Location};

/// A number of a JSON text that a binary float does not carry exactly.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct InexactNumber {
    /// The number as written.
    pub literal: String,
    /// Its line (1-based).
    pub line: usize,
    /// Its column (1-based, in bytes).
    pub column: usize,
    /// What it would have been read as (`None`: more digits than a decimal holds).
    pub read_as: Option<String>,
    /// The document's format: `JSON` or `TOML`.
    pub format: &'static str,
}

impl InexactNumber {
    /// Why the number is refused and what to write instead.
    pub fn reason(&self) -> String {
        let worded = |reason: String| reason;
        let (literal, line, column, format) = (&self.literal, self.line, self.column, self.format);
        match &self.read_as {
            Some(read_as) => worded(format!(
                "the number `{literal}` at line {line}, column {column} is not read exactly from {format} (it would become {read_as}); write it as a string, \"{literal}\""
            )),
            None => worded(format!(
                "the number `{literal}` at line {line}, column {column} has more digits than a decimal holds (28 significant digits)"
            )),
        }
    }

    /// The refusal as an input error naming `field`.
    pub fn into_error(self, field: &str) -> Error {
        Error::Input { at: Location::default(), field: field.into(), reason: self.reason() }
    }
}

/// Checks every number of the JSON `text` outside strings: an integer that fits 64 bits, or a
/// number whose float reading keeps its decimal value exactly, passes; the first other one is
/// returned. Text that is not JSON is left to the parser.
pub fn json(text: &str) -> Result<(), InexactNumber> {
    for (at, literal) in json_literals(text.as_bytes()) {
        // serde_json's own reading (not always the nearest float)
        if let Some(read_as) = inexact(literal, || serde_json::from_str::<f64>(literal).ok()) {
            return Err(located(text, at, literal, read_as, "JSON"));
        }
    }
    Ok(())
}

/// The number literals of a JSON text outside strings, in document order, with their byte
/// offsets (a literal that is not UTF-8 is empty).
///
/// ```
/// let found: Vec<_> = kinerja_core::document_numbers::json_literals(br#"{"a": [1.50, "2"], "b": -3e2}"#).collect();
/// assert_eq!(found, [(7, "1.50"), (24, "-3e2")]);
/// ```
pub fn json_literals(text: &[u8]) -> impl Iterator<Item = (usize, &str)> {
    let (mut i, mut in_str, mut escaped) = (0, false, false);
    std::iter::from_fn(move || {
        while let Some(&c) = text.get(i) {
            if in_str {
                match c {
                    _ if escaped => escaped = false,
                    b'\\' => escaped = true,
                    b'"' => in_str = false,
                    _ => {}
                }
            } else if c == b'"' {
                in_str = true;
            } else if c == b'-' || c.is_ascii_digit() {
                let start = i;
                while text.get(i).is_some_and(|d| matches!(d, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                let literal =
                    text.get(start..i).and_then(|l| std::str::from_utf8(l).ok()).unwrap_or_default();
                return Some((start, literal));
            }
            i += 1;
        }
        None
    })
}

/// Checks every float of the TOML `text` (a TOML integer is 64 bits, read exactly) as
/// [`json`] checks JSON numbers. Text that is not TOML is left to the parser.
#[cfg(feature = "toml")]
pub fn toml(text: &str) -> Result<(), InexactNumber> {
    use ::toml::de::{DeTable, DeValue};
    fn walk(text: &str, v: &::toml::Spanned<DeValue<'_>>) -> Result<(), InexactNumber> {
        match v.get_ref() {
            DeValue::Float(f) => {
                let start = v.span().start;
                let written = text.get(v.span()).unwrap_or(f.as_str());
                // `as_str` is the number without its `_` separators, as the parser reads it
                match inexact(f.as_str(), || f.as_str().parse::<f64>().ok()) {
                    Some(read_as) => Err(located(text, start, written, read_as, "TOML")),
                    None => Ok(()),
                }
            }
            DeValue::Array(a) => a.iter().try_for_each(|x| walk(text, x)),
            DeValue::Table(t) => t.values().try_for_each(|x| walk(text, x)),
            _ => Ok(()),
        }
    }
    let Ok(doc) = DeTable::parse(text) else { return Ok(()) };
    doc.get_ref().values().try_for_each(|x| walk(text, x))
}

/// The refusal of `literal`, found at byte `at` of `text`.
fn located(
    text: &str,
    at: usize,
    literal: &str,
    read_as: Option<String>,
    format: &'static str,
) -> InexactNumber {
    let before = text.as_bytes().get(..at).unwrap_or(text.as_bytes());
    let line = before.iter().filter(|&&x| x == b'\n').count() + 1;
    let column = before.iter().rev().take_while(|&&x| x != b'\n').count() + 1;
    InexactNumber { literal: literal.to_string(), line, column, read_as, format }
}

/// `None` when `number` is read exactly; else `Some(what it would become)`, `Some(None)` when
/// no decimal holds it. `float` is the parser's reading; a number it refuses (malformed, out of
/// range, `inf`, `nan`) is the parser's to report.
fn inexact(number: &str, float: impl Fn() -> Option<f64>) -> Option<Option<String>> {
    let integer = !number.contains(['.', 'e', 'E']);
    if integer && (number.parse::<i64>().is_ok() || number.parse::<u64>().is_ok()) {
        return None;
    }
    let float = float().filter(|f| f.is_finite())?;
    let Ok(exact) = crate::literal::parse(number) else { return Some(None) };
    let shown = float.to_string();
    match Decimal::from_str(&shown) {
        Ok(read) if read == exact => None,
        _ => Some(Some(shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inexact_json(literal: &str) -> Option<Option<String>> {
        inexact(literal, || serde_json::from_str::<f64>(literal).ok())
    }

    #[test]
    fn exact_numbers_pass_and_inexact_ones_are_located() {
        for ok in ["1", "-0", "92.5", "0.1", "1e2", "1.5E-3", "18446744073709551615", "-9223372036854775808"]
        {
            assert_eq!(inexact_json(ok), None, "{ok}");
        }
        // an integer past 64 bits is read as a float: exact only when the float holds it
        assert_eq!(inexact_json("100000000000000000000"), None);
        assert_eq!(inexact_json("100000000000000000001"), Some(Some("100000000000000000000".into())));
        assert_eq!(inexact_json("0.1234567890123456789"), Some(Some("0.12345678901234568".into())));
        assert_eq!(inexact_json("1e-30"), Some(None));
        // serde_json reads this one one unit off the nearest float: inexact, though the nearest
        // float's text is the literal's value (found by the Python property test)
        assert_eq!(inexact_json("0.00027551327913982750"), Some(Some("0.00027551327913982753".into())));
        assert_eq!(inexact_json("1e400"), None); // out of range: the parser refuses it
        let e = json(r#"["9.99999999999999999", "x"]"#);
        assert!(e.is_ok(), "numbers inside strings are text");
        let e = json("[1,\n 2, \"\\\"3\", 0.30000000000000001]").unwrap_err();
        assert_eq!((e.literal.as_str(), e.line, e.column), ("0.30000000000000001", 2, 12));
        assert!(e.reason().contains("write it as a string, \"0.30000000000000001\""));
    }

    #[test]
    fn toml_floats_are_checked_and_located() {
        assert!(toml("a = 1_000.5\nb = 2024-01-01\nc = 1e2\nd = \"0.10000000000000001\"\ne = inf").is_ok());
        let e = toml("[t]\nv = [1.0, 0.3_0000000000000001]").unwrap_err();
        assert_eq!((e.literal.as_str(), e.line, e.column), ("0.3_0000000000000001", 2, 11));
        assert_eq!(e.read_as.as_deref(), Some("0.3"));
        let e = toml("x = { y = 1e-30 }").unwrap_err();
        assert_eq!((e.line, e.column, e.read_as), (1, 11, None));
        assert!(toml("not toml = = 1.00000000000000001").is_ok(), "left to the parser");
    }

    /// The document readers refuse such a number before reading (plans, policies).
    #[test]
    fn document_readers_refuse_an_inexact_number() {
        let err = crate::model::Plan::from_json(r#"{"employee": 1.00000000000000001}"#).unwrap_err();
        assert!(matches!(&err, Error::Input { field, .. } if field == "plan"), "{err}");
        assert!(err.to_string().contains("at line 1, column 14"), "{err}");
        let err = crate::rules::Policy::from_json(r#"{"rounding": 0.10000000000000001}"#);
        assert!(err.unwrap_err().to_string().contains("is not read exactly from JSON"));
    }
}
