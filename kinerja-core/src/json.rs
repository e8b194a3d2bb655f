//! JSON numbers read exactly or refused.
//!
//! `serde_json` reads a number with a fraction or an exponent (and an integer past 64 bits)
//! through a binary float, and a decimal then takes that float's shortest text: `92.5` stays
//! `92.5`, but `123456789.123456789` would arrive as `123456789.12345679`, silently. Every
//! reader of a JSON document (plans, policies, rulesets, organisations; the Python binding and
//! the server) first calls [`exact_numbers`], which refuses such a number, located by line and
//! column, and says to write it as a string (a decimal in a string is read from its text).
//!
//! ```
//! use kinerja_core::json::exact_numbers;
//! assert!(exact_numbers(r#"{"actual": 92.5, "weight": 40, "id": "1.23456789012345678"}"#).is_ok());
//! let e = exact_numbers("{\n  \"actual\": 123456789.123456789\n}").unwrap_err();
//! assert_eq!((e.line, e.column), (2, 13));
//! assert_eq!(e.read_as.as_deref(), Some("123456789.12345679"));
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
}

impl InexactNumber {
    /// Why the number is refused and what to write instead.
    pub fn reason(&self) -> String {
        match self.clone().into_error("json") {
            Error::Input { reason, .. } => reason,
            other => other.to_string(),
        }
    }

    /// The refusal as an input error naming `field`.
    pub fn into_error(self, field: &str) -> Error {
        let error = |reason: String| Error::Input { at: Location::default(), field: field.into(), reason };
        let (literal, line, column) = (&self.literal, self.line, self.column);
        match &self.read_as {
            Some(read_as) => error(format!(
                "the number `{literal}` at line {line}, column {column} is not read exactly from JSON (it would become {read_as}); write it as a string, \"{literal}\""
            )),
            None => error(format!(
                "the number `{literal}` at line {line}, column {column} has more digits than a decimal holds (28 significant digits)"
            )),
        }
    }
}

/// Checks every number of `text` outside strings: an integer that fits 64 bits, or a number
/// whose float reading keeps its decimal value exactly, passes; the first other one is
/// returned. Text that is not JSON is left to the parser.
pub fn exact_numbers(text: &str) -> Result<(), InexactNumber> {
    let b = text.as_bytes();
    let (mut i, mut in_str, mut escaped) = (0, false, false);
    while let Some(&c) = b.get(i) {
        if in_str {
            match c {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_str = false,
                _ => {}
            }
            i += 1;
            continue;
        }
        if c == b'"' {
            in_str = true;
        } else if c == b'-' || c.is_ascii_digit() {
            let end =
                b.iter().skip(i).position(|d| !matches!(d, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'));
            let end = end.map_or(b.len(), |n| i + n);
            let literal = text.get(i..end).unwrap_or("");
            if let Some(read_as) = inexact(literal) {
                let before = b.get(..i).unwrap_or(b);
                let line = before.iter().filter(|&&x| x == b'\n').count() + 1;
                let column = before.iter().rev().take_while(|&&x| x != b'\n').count() + 1;
                return Err(InexactNumber { literal: literal.to_string(), line, column, read_as });
            }
            i = end;
            continue;
        }
        i += 1;
    }
    Ok(())
}

/// `None` when `literal` is read exactly; else `Some(what it would become)`, `Some(None)` when
/// no decimal holds it. Malformed literals and floats out of range are the parser's to refuse.
fn inexact(literal: &str) -> Option<Option<String>> {
    let integer = !literal.contains(['.', 'e', 'E']);
    if integer && (literal.parse::<i64>().is_ok() || literal.parse::<u64>().is_ok()) {
        return None;
    }
    // the float the document's parser makes (serde_json's own reading, which is not always
    // the nearest float)
    let float = serde_json::from_str::<f64>(literal).ok().filter(|f| f.is_finite())?;
    let Ok(exact) = crate::literal::parse(literal) else { return Some(None) };
    let shown = float.to_string();
    match Decimal::from_str(&shown) {
        Ok(read) if read == exact => None,
        _ => Some(Some(shown)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_numbers_pass_and_inexact_ones_are_located() {
        for ok in ["1", "-0", "92.5", "0.1", "1e2", "1.5E-3", "18446744073709551615", "-9223372036854775808"]
        {
            assert_eq!(inexact(ok), None, "{ok}");
        }
        // an integer past 64 bits is read as a float: exact only when the float holds it
        assert_eq!(inexact("100000000000000000000"), None);
        assert_eq!(inexact("100000000000000000001"), Some(Some("100000000000000000000".into())));
        assert_eq!(inexact("0.1234567890123456789"), Some(Some("0.12345678901234568".into())));
        assert_eq!(inexact("1e-30"), Some(None));
        // serde_json reads this one one unit off the nearest float: inexact, though the nearest
        // float's text is the literal's value (found by the Python property test)
        assert_eq!(inexact("0.00027551327913982750"), Some(Some("0.00027551327913982753".into())));
        assert_eq!(inexact("1e400"), None); // out of range: the parser refuses it
        let e = exact_numbers(r#"["9.99999999999999999", "x"]"#);
        assert!(e.is_ok(), "numbers inside strings are text");
        let e = exact_numbers("[1,\n 2, \"\\\"3\", 0.30000000000000001]").unwrap_err();
        assert_eq!((e.literal.as_str(), e.line, e.column), ("0.30000000000000001", 2, 12));
        assert!(e.reason().contains("write it as a string, \"0.30000000000000001\""));
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
