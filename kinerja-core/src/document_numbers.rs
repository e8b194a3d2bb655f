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
//! A decimal written as a string is read from its text, but `rust_decimal` rounds away the
//! digits past what a decimal holds (28 significant digits), silently too: a string value that
//! reads as a decimal and would be rounded so (`"0.123456789012345678901234567891"`) is
//! refused in the same way. Which strings are decimals is not known before the document is
//! read, so the check applies to every string value (never to keys): text that reads as a
//! decimal with more than 28 significant digits is refused wherever it stands.
//!
//! ```
//! use kinerja_core::document_numbers::{json, toml};
//! assert!(json(r#"{"actual": 92.5, "weight": 40, "id": "1.23456789012345678"}"#).is_ok());
//! let e = json("{\n  \"actual\": 123456789.123456789\n}").unwrap_err();
//! assert_eq!((e.line, e.column), (2, 13));
//! assert_eq!(e.read_as.as_deref(), Some("123456789.12345679"));
//! assert!(toml("min = 110.000000000000001").is_err());
//! assert!(json(r#"{"actual": "0.123456789012345678901234567891"}"#).is_err());
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
    /// Written as a string (a decimal's text that would be rounded), not as a number.
    pub quoted: bool,
}

impl InexactNumber {
    /// Why the number is refused and what to write instead.
    pub fn reason(&self) -> String {
        let worded = |reason: String| reason;
        let (literal, line, column, format) = (&self.literal, self.line, self.column, self.format);
        match &self.read_as {
            Some(read_as) if self.quoted => worded(format!(
                "the decimal \"{literal}\" at line {line}, column {column} has more digits than a decimal holds exactly (28 significant digits); it would become {read_as}"
            )),
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

/// Checks every number of the JSON `text` and every string value that reads as a decimal: an
/// integer that fits 64 bits, a number whose float reading keeps its decimal value exactly, or
/// decimal text within a decimal's digits passes; the first other one is returned. Text that is
/// not JSON is left to the parser.
pub fn json(text: &str) -> Result<(), InexactNumber> {
    for (at, token) in json_tokens(text.as_bytes()) {
        match token {
            // serde_json's own reading (not always the nearest float)
            Token::Number(literal) => {
                if let Some(read_as) = inexact(literal, || serde_json::from_str::<f64>(literal).ok()) {
                    return Err(located(text, at, literal, read_as, "JSON"));
                }
            }
            Token::Value(string) => rounded(text, at, string, "JSON")?,
            Token::Key => {}
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
    json_tokens(text).filter_map(|(at, token)| match token {
        Token::Number(literal) => Some((at, literal)),
        _ => None,
    })
}

/// A token of a JSON text that may hold a number.
enum Token<'a> {
    /// A number literal (empty when not UTF-8).
    Number(&'a str),
    /// A string value without escapes, between its quotes (empty when not UTF-8).
    Value(&'a str),
    /// A key, or a string with escapes (never a decimal's text).
    Key,
}

/// The numbers and strings of a JSON text, in document order, with their byte offsets.
fn json_tokens(text: &[u8]) -> impl Iterator<Item = (usize, Token<'_>)> {
    let utf8 = |range| text.get(range).and_then(|l| std::str::from_utf8(l).ok()).unwrap_or_default();
    let mut i = 0;
    std::iter::from_fn(move || {
        while let Some(&c) = text.get(i) {
            let start = i;
            if c == b'"' {
                let mut escapes = false;
                i += 1;
                while let Some(&d) = text.get(i) {
                    match d {
                        b'\\' => (escapes, i) = (true, i + 1),
                        b'"' => break,
                        _ => {}
                    }
                    i += 1;
                }
                let content = start + 1..i.min(text.len());
                i += 1;
                let next = text.get(i..).unwrap_or_default().iter().find(|b| !b.is_ascii_whitespace());
                let key = escapes || next == Some(&b':');
                return Some((start, if key { Token::Key } else { Token::Value(utf8(content)) }));
            }
            if c == b'-' || c.is_ascii_digit() {
                while text.get(i).is_some_and(|d| matches!(d, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
                {
                    i += 1;
                }
                return Some((start, Token::Number(utf8(start..i))));
            }
            i += 1;
        }
        None
    })
}

/// The refusal of the string value `string` at byte `at` of `text` when it reads as a decimal
/// that `rust_decimal` would round.
fn rounded(text: &str, at: usize, string: &str, format: &'static str) -> Result<(), InexactNumber> {
    match crate::num::read_decimal(string) {
        Err(crate::num::DecimalTextError::Rounded { read_as }) => {
            let mut refused = located(text, at, string, Some(read_as.to_string()), format);
            refused.quoted = true;
            Err(refused)
        }
        _ => Ok(()),
    }
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
            DeValue::String(string) => rounded(text, v.span().start, string.as_ref(), "TOML"),
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
    InexactNumber { literal: literal.to_string(), line, column, read_as, format, quoted: false }
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

    #[test]
    fn json_literals_are_the_numbers_outside_strings() {
        let found: Vec<_> = json_literals(br#"{"a": [1.50, "2", "x\"3"], "-4": -3e2}"#).collect();
        assert_eq!(found, [(7, "1.50"), (33, "-3e2")]);
        assert_eq!(json_literals(b"[\"\xff\", 1]").collect::<Vec<_>>(), [(6, "1")]);
    }

    #[test]
    fn decimal_strings_that_would_be_rounded_are_located() {
        let long = "0.123456789012345678901234567891";
        assert!(json(r#"{"id": "123456789012345678901234567890123", "a": "0.5", "b": "1.5000000000000000000000000000000"}"#).is_ok());
        let e = json(&format!("{{\n \"{long}\": 1,\n \"a\": [\"x\\\"\", \"{long}\"]}}")).unwrap_err();
        assert_eq!((e.literal.as_str(), e.line, e.column, e.quoted), (long, 3, 15, true));
        assert_eq!(e.read_as.as_deref(), Some("0.1234567890123456789012345679"));
        assert!(
            e.reason().starts_with(&format!("the decimal \"{long}\" at line 3, column 15 has more digits"))
        );
        let e = toml(&format!("[t]\nkey = 'x'\nv = [\"{long}\"]")).unwrap_err();
        assert_eq!((e.line, e.column, e.quoted), (3, 6, true));
        assert!(toml(&format!("\"{long}\" = 1")).is_ok(), "keys are not values");
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
