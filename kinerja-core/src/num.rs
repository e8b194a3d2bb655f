//! Exact numbers: checked `rust_decimal` arithmetic, declared rounding, percentages.
//!
//! Every score in kinerja is a [`Decimal`]. Arithmetic goes through the helpers here, which
//! never panic: overflow and division by zero become [`Error::Arithmetic`] naming where it
//! happened. Rounding happens only at named points, with a [`Rounding`] taken from the ruleset.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Location};

pub use rust_decimal::Decimal as Dec;

/// One hundred, as a decimal.
pub const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// How a value is brought to a fixed number of decimal places.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum RoundingMode {
    /// Half away from zero ("pembulatan biasa"): 5.625 → 5.63.
    #[default]
    HalfUp,
    /// Half to even (banker's rounding, what Python's `round` does): 5.625 → 5.62.
    HalfEven,
    /// Cut off the extra digits towards zero (as printed in some PP 46 sheets): 88.666 → 88.66.
    Truncate,
}

impl RoundingMode {
    fn strategy(self) -> RoundingStrategy {
        match self {
            RoundingMode::HalfUp => RoundingStrategy::MidpointAwayFromZero,
            RoundingMode::HalfEven => RoundingStrategy::MidpointNearestEven,
            RoundingMode::Truncate => RoundingStrategy::ToZero,
        }
    }

    /// The English snake-case name of the mode.
    pub fn as_str(self) -> &'static str {
        match self {
            RoundingMode::HalfUp => "half_up",
            RoundingMode::HalfEven => "half_even",
            RoundingMode::Truncate => "truncate",
        }
    }
}

/// A declared rounding rule: a number of decimal places and a mode.
///
/// ```
/// use kinerja_core::num::{Rounding, RoundingMode};
/// use rust_decimal::Decimal;
/// let r = Rounding { scale: 2, mode: RoundingMode::HalfUp };
/// assert_eq!(r.apply(Decimal::new(5625, 3)).to_string(), "5.63");
/// let t = Rounding { scale: 2, mode: RoundingMode::Truncate };
/// assert_eq!(t.apply(Decimal::new(88666, 3)).to_string(), "88.66");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Rounding {
    /// Decimal places kept (0–10).
    pub scale: u32,
    /// How the dropped digits are handled.
    pub mode: RoundingMode,
}

impl Default for Rounding {
    /// Half-up to 2 places: the engine's default for reported values.
    fn default() -> Self {
        Rounding { scale: 2, mode: RoundingMode::HalfUp }
    }
}

impl Rounding {
    /// Half-up to `scale` places.
    pub const fn half_up(scale: u32) -> Self {
        Rounding { scale, mode: RoundingMode::HalfUp }
    }

    /// Round `value` by this rule. The result always carries exactly `scale` places
    /// (so `100` rounded to 2 places prints as `100.00`).
    pub fn apply(&self, value: Decimal) -> Decimal {
        let mut v = value.round_dp_with_strategy(self.scale, self.mode.strategy());
        v.rescale(self.scale);
        v
    }

    /// Checks the rule is usable (scale at most 10).
    pub fn validate(&self, path: &str) -> Result<(), Error> {
        if self.scale > 10 {
            return Err(Error::Policy {
                path: format!("{path}.scale"),
                reason: format!("scale {} is larger than the maximum of 10", self.scale),
            });
        }
        Ok(())
    }

    /// A short description such as `half_up to 2 places`.
    pub fn describe(&self) -> String {
        format!("{} to {} places", self.mode.as_str(), self.scale)
    }

    /// [`Rounding::describe`] in Bahasa Indonesia (`half_up ke 2 desimal`; the mode is the
    /// policy's value, as written in a policy file).
    ///
    /// ```
    /// use kinerja_core::num::{Rounding, RoundingMode};
    /// let r = Rounding { scale: 2, mode: RoundingMode::HalfUp };
    /// assert_eq!(r.describe_id(), "half_up ke 2 desimal");
    /// ```
    pub fn describe_id(&self) -> String {
        format!("{} ke {} desimal", self.mode.as_str(), self.scale)
    }

    /// [`Rounding::describe`] in `lang`.
    pub fn describe_in(&self, lang: crate::lang::Lang) -> String {
        match lang {
            crate::lang::Lang::Id => self.describe_id(),
            crate::lang::Lang::En => self.describe(),
        }
    }

    /// The rule a [`Rounding::describe`] text names, when `text` is exactly one (a trace
    /// records a rounding input so; [`crate::explain::input_in`] reads it in each language).
    ///
    /// ```
    /// use kinerja_core::num::{Rounding, RoundingMode};
    /// let r = Rounding { scale: 4, mode: RoundingMode::HalfEven };
    /// assert_eq!(Rounding::from_description(&r.describe()), Some(r));
    /// assert_eq!(Rounding::from_description("half_up to many places"), None);
    /// ```
    pub fn from_description(text: &str) -> Option<Rounding> {
        let (mode, rest) = text.split_once(" to ")?;
        let scale = rest.strip_suffix(" places")?;
        if scale.is_empty() || !scale.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let mode = [RoundingMode::HalfUp, RoundingMode::HalfEven, RoundingMode::Truncate]
            .into_iter()
            .find(|m| m.as_str() == mode)?;
        Some(Rounding { scale: scale.parse().ok()?, mode })
    }
}

fn arith(at: &Location, op: &str) -> Error {
    Error::Arithmetic { at: at.clone(), operation: op.to_string() }
}

/// Whether `v` is below zero; negative zero (`-Decimal::ZERO`, reachable from Rust though
/// `"-0"` reads as 0) is zero, as every sign check of the core takes it.
///
/// ```
/// use kinerja_core::num::negative;
/// use rust_decimal::Decimal;
/// assert!(negative(Decimal::new(-1, 2)) && !negative(-Decimal::ZERO) && !negative(Decimal::ZERO));
/// ```
pub fn negative(v: Decimal) -> bool {
    v.is_sign_negative() && !v.is_zero()
}

/// `a + b`, or an error naming `at` on overflow.
pub fn add(a: Decimal, b: Decimal, at: &Location) -> Result<Decimal, Error> {
    a.checked_add(b).ok_or_else(|| arith(at, "addition"))
}

/// `a − b`, or an error naming `at` on overflow.
pub fn sub(a: Decimal, b: Decimal, at: &Location) -> Result<Decimal, Error> {
    a.checked_sub(b).ok_or_else(|| arith(at, "subtraction"))
}

/// `a × b`, or an error naming `at` on overflow.
pub fn mul(a: Decimal, b: Decimal, at: &Location) -> Result<Decimal, Error> {
    a.checked_mul(b).ok_or_else(|| arith(at, "multiplication"))
}

/// `a ÷ b`, or an error naming `at` on division by zero or overflow.
pub fn div(a: Decimal, b: Decimal, at: &Location) -> Result<Decimal, Error> {
    a.checked_div(b).ok_or_else(|| arith(at, "division"))
}

/// Sum of an iterator of decimals, checked.
pub fn sum<I: IntoIterator<Item = Decimal>>(values: I, at: &Location) -> Result<Decimal, Error> {
    values.into_iter().try_fold(Decimal::ZERO, |acc, v| add(acc, v, at))
}

/// Arithmetic mean; an error if `values` is empty.
pub fn mean(values: &[Decimal], at: &Location) -> Result<Decimal, Error> {
    if values.is_empty() {
        return Err(arith(at, "mean of no values"));
    }
    div(sum(values.iter().copied(), at)?, Decimal::from(values.len()), at)
}

/// `a / b × 100`, the achievement ratio in percent.
pub fn ratio_pct(a: Decimal, b: Decimal, at: &Location) -> Result<Decimal, Error> {
    // Multiply first when it cannot overflow: keeps 28 significant digits for the ratio.
    match a.checked_mul(HUNDRED) {
        Some(a100) => div(a100, b, at),
        None => mul(div(a, b, at)?, HUNDRED, at),
    }
}

/// Removes trailing zeros for display (`100.00` → `100`), keeping the value.
pub fn tidy(v: Decimal) -> Decimal {
    v.normalize()
}

/// Prints a full-precision value for explanations: exact when it has at most 10 decimal
/// places, otherwise cut to 10 places and marked with `…`.
pub fn show(v: Decimal) -> String {
    let n = v.normalize();
    if n.scale() <= 10 { n.to_string() } else { format!("{}…", n.trunc_with_scale(10).normalize()) }
}

/// A percentage on the 0–100 scale (may exceed 100 for over-achievement).
///
/// ```
/// use kinerja_core::num::Percent;
/// use rust_decimal::Decimal;
/// let p = Percent::new(Decimal::new(10222, 2));
/// assert_eq!(p.to_string(), "102.22%");
/// assert_eq!(p.as_fraction().to_string(), "1.0222");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct Percent(#[cfg_attr(feature = "schema", schemars(with = "String"))] pub Decimal);

impl Percent {
    /// Wraps a value already on the 0–100 scale.
    pub const fn new(v: Decimal) -> Self {
        Percent(v)
    }
    /// The value on the 0–100 scale.
    pub const fn value(self) -> Decimal {
        self.0
    }
    /// The value as a fraction (`50%` → `0.5`).
    pub fn as_fraction(self) -> Decimal {
        // Dividing by 100 only moves the decimal point; it cannot overflow or divide by zero.
        self.0.checked_div(HUNDRED).unwrap_or(Decimal::ZERO)
    }
}

impl std::fmt::Display for Percent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}%", self.0.normalize())
    }
}

/// Why [`read_decimal`] refuses a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DecimalTextError {
    /// Not a decimal number (empty, words, `NaN`, `inf`).
    NotANumber,
    /// A number beyond what a decimal holds (`1e30`, `1e-30`): past the input limits, as
    /// [`check_limits`] words it.
    Beyond(LimitError),
    /// More significant digits than a decimal holds: `rust_decimal` would silently round it.
    Rounded {
        /// What the text would have become.
        read_as: Decimal,
    },
}

impl DecimalTextError {
    /// Why `text` is refused, worded for an error message.
    pub fn reason(&self, text: &str) -> String {
        let worded = |reason: String| reason;
        match self {
            DecimalTextError::NotANumber => worded(format!("`{text}` is not a decimal number")),
            DecimalTextError::Beyond(limit) => limit.reason(text),
            DecimalTextError::Rounded { read_as } => worded(format!(
                "`{text}` has more digits than a decimal holds exactly (28 significant digits); it would become {read_as}"
            )),
        }
    }
}

/// Reads decimal text as `rust_decimal` reads it (`1234.5`, `-3`, `1_000`, `1.5e3`), but
/// exactly: where `rust_decimal` would round away digits a decimal cannot hold, the text is
/// refused. Trailing zeros of a fraction are not digits lost.
///
/// ```
/// use kinerja_core::num::{read_decimal, DecimalTextError, LimitError};
/// use kinerja_core::dec;
/// assert_eq!(read_decimal("92.50"), Ok(dec!(92.50)));
/// assert_eq!(read_decimal("1.5e3"), Ok(dec!(1500)));
/// assert!(read_decimal("0.1000000000000000000000000000000").is_ok());
/// assert_eq!(
///     read_decimal("80000000000000000000000000.001"),
///     Err(DecimalTextError::Rounded { read_as: dec!(80000000000000000000000000.00) })
/// );
/// assert_eq!(read_decimal("NaN"), Err(DecimalTextError::NotANumber));
/// assert_eq!(read_decimal("1e30"), Err(DecimalTextError::Beyond(LimitError::TooLarge)));
/// assert_eq!(read_decimal("-0.1e-29"), Err(DecimalTextError::Beyond(LimitError::TooPrecise)));
/// ```
pub fn read_decimal(text: &str) -> Result<Decimal, DecimalTextError> {
    use std::str::FromStr;
    let read = Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|_| beyond(text).map_or(DecimalTextError::NotANumber, DecimalTextError::Beyond))?;
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(k) => text.split_at(k),
        None => (text, ""),
    };
    // plain text of up to 28 digits `rust_decimal` never rounds (past a decimal's range it
    // refuses): the common case, as on a column's every cell, needs no second reading. (With an
    // exponent it may round: `9.999999929289301E-15` would lose two digits.)
    if exponent.is_empty() && mantissa.bytes().filter(u8::is_ascii_digit).count() <= 28 {
        return Ok(read);
    }
    // the literal without the trailing zeros of its fraction, which carry no value
    let mut mantissa = mantissa.to_string();
    if mantissa.contains('.') {
        mantissa.truncate(mantissa.trim_end_matches(['0', '_']).len());
        if mantissa.ends_with('.') {
            mantissa.push('0');
        }
    }
    match crate::literal::parse(&(mantissa + exponent)) {
        Ok(exact) if exact == read => Ok(read),
        _ => Err(DecimalTextError::Rounded { read_as: read }),
    }
}

/// Which input limit a text written as a number (`-1_234.5e-6`: a sign, digits with
/// underscores, a point, an exponent) passes, when `rust_decimal` cannot read it; `None` when
/// it is not written as a number or passes none.
fn beyond(text: &str) -> Option<LimitError> {
    let body = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(k) => (body.get(..k)?, Some(body.get(k + 1..)?)),
        None => (body, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digit_run = |s: &str| s.bytes().all(|b| b.is_ascii_digit() || b == b'_');
    if !digit_run(int) || !digit_run(frac) || !mantissa.bytes().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            // an exponent past 64 bits is far past either limit
            e.parse().unwrap_or(if e.starts_with('-') { i64::MIN / 2 } else { i64::MAX / 2 })
        }
    };
    let all: Vec<u8> = int.bytes().chain(frac.bytes()).filter(u8::is_ascii_digit).collect();
    let lead = all.iter().take_while(|d| **d == b'0').count();
    let trail = all.iter().rev().take_while(|d| **d == b'0').count();
    let len = all.len().saturating_sub(lead + trail) as i64;
    if len == 0 {
        return None;
    }
    // where the decimal point stands, counted from the first significant digit
    let int_digits = int.bytes().filter(u8::is_ascii_digit).count() as i64;
    let point = int_digits.saturating_sub(lead as i64).saturating_add(exponent);
    if point > MAX_INTEGER_DIGITS as i64 || len > MAX_SIGNIFICANT_DIGITS as i64 {
        Some(LimitError::TooLarge)
    } else if len.saturating_sub(point) > MAX_FRACTION_DIGITS as i64 {
        Some(LimitError::TooPrecise)
    } else {
        None
    }
}

/// Most digits before the decimal separator of an input number (the largest is
/// 99 999 999 999 999 999 999). Every surface holds its inputs to these limits ([`check_limits`]):
/// [`parse_decimal`] (plans and Python numbers) and the table reader (`kinerja-table`'s
/// `numbers`), so a value one accepts the other accepts.
pub const MAX_INTEGER_DIGITS: usize = 20;
/// Most digits after the decimal separator (trailing zeros not counted).
pub const MAX_FRACTION_DIGITS: usize = 18;
/// Most significant digits in all, trailing zeros of the fraction not counted (what an exact
/// decimal holds).
pub const MAX_SIGNIFICANT_DIGITS: usize = 28;

/// Why [`check_limits`] refuses a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LimitError {
    /// More than [`MAX_INTEGER_DIGITS`] integer digits or [`MAX_SIGNIFICANT_DIGITS`] in all.
    TooLarge,
    /// More than [`MAX_FRACTION_DIGITS`] digits after the decimal separator.
    TooPrecise,
}

impl LimitError {
    /// Why `text` is refused, worded for an error message.
    pub fn reason(&self, text: &str) -> String {
        let worded = |reason: String| reason;
        match self {
            LimitError::TooLarge => worded(format!(
                "`{text}` is too large: at most {MAX_INTEGER_DIGITS} digits before the decimal separator \
                 and {MAX_SIGNIFICANT_DIGITS} significant digits in all (maximum 99999999999999999999)"
            )),
            LimitError::TooPrecise => worded(format!(
                "`{text}` has more than {MAX_FRACTION_DIGITS} digits after the decimal separator; round it"
            )),
        }
    }
}

/// The number of decimal digits of `m` (none for 0).
fn digits(m: u128) -> usize {
    m.checked_ilog10().map_or(0, |d| d as usize + 1)
}

/// Checks `value` against the input limits ([`MAX_INTEGER_DIGITS`], [`MAX_FRACTION_DIGITS`],
/// [`MAX_SIGNIFICANT_DIGITS`]), trailing zeros of the fraction not counted; the value, without
/// trailing zeros past the fraction limit (a scale within it is kept: `92.50` stays `92.50`).
///
/// ```
/// use kinerja_core::num::{check_limits, LimitError};
/// use kinerja_core::dec;
/// assert_eq!(check_limits(dec!(99999999999999999999.5)), Ok(dec!(99999999999999999999.5)));
/// assert_eq!(check_limits(dec!(100000000000000000000)), Err(LimitError::TooLarge));
/// assert_eq!(check_limits(dec!(0.0000000000000000001)), Err(LimitError::TooPrecise));
/// assert_eq!(check_limits(dec!(1.50000000000000000000)).map(|d| d.to_string()), Ok("1.5".into()));
/// ```
pub fn check_limits(value: Decimal) -> Result<Decimal, LimitError> {
    let exact = value.normalize();
    if exact.scale() as usize > MAX_FRACTION_DIGITS {
        return Err(LimitError::TooPrecise);
    }
    let int = exact.trunc().mantissa().unsigned_abs();
    if digits(int) > MAX_INTEGER_DIGITS || digits(exact.mantissa().unsigned_abs()) > MAX_SIGNIFICANT_DIGITS {
        return Err(LimitError::TooLarge);
    }
    Ok(if value.scale() as usize > MAX_FRACTION_DIGITS { exact } else { value })
}

/// Parses a decimal from text, naming `field` and `at` on failure. Accepts `1234.5`, `-3`,
/// and scientific notation `1.5e3`; rejects `NaN`, `inf`, empty strings, text with more
/// digits than a decimal holds (see [`read_decimal`]) and numbers beyond the input limits
/// ([`check_limits`]), as the table reader does.
pub fn parse_decimal(text: &str, field: &str, at: &Location) -> Result<Decimal, Error> {
    let refused = |reason: String| Error::Input { at: at.clone(), field: field.to_string(), reason };
    let read = read_decimal(text.trim()).map_err(|e| refused(e.reason(text)))?;
    check_limits(read).map_err(|e| refused(e.reason(text.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn rounding_modes() {
        let v = dec!(5.625);
        assert_eq!(Rounding::half_up(2).apply(v), dec!(5.63));
        assert_eq!(Rounding { scale: 2, mode: RoundingMode::HalfEven }.apply(v), dec!(5.62));
        assert_eq!(Rounding { scale: 2, mode: RoundingMode::Truncate }.apply(dec!(88.666)), dec!(88.66));
        assert_eq!(Rounding::half_up(2).apply(dec!(-2.345)), dec!(-2.35));
        assert_eq!(Rounding::half_up(2).apply(dec!(100)).to_string(), "100.00");
    }

    #[test]
    fn checked_ops_never_panic() {
        let at = Location::default();
        assert!(div(Decimal::ONE, Decimal::ZERO, &at).is_err());
        assert!(mul(Decimal::MAX, Decimal::TWO, &at).is_err());
        assert!(add(Decimal::MAX, Decimal::MAX, &at).is_err());
        assert!(mean(&[], &at).is_err());
        assert_eq!(
            ratio_pct(dec!(92), dec!(90), &at).map(|v| Rounding::half_up(2).apply(v)),
            Ok(dec!(102.22))
        );
        assert!(ratio_pct(Decimal::MAX, dec!(0.5), &at).is_err());
    }

    #[test]
    fn parse() {
        let at = Location::default();
        assert_eq!(parse_decimal("9.12", "x", &at), Ok(dec!(9.12)));
        assert_eq!(parse_decimal("1.5e3", "x", &at), Ok(dec!(1500)));
        assert!(parse_decimal("NaN", "x", &at).is_err());
        assert!(parse_decimal("", "x", &at).is_err());
        let e = parse_decimal(" 0.12345678901234567890123456789 ", "x", &at).unwrap_err();
        assert!(e.to_string().contains("it would become 0.1234567890123456789012345679"), "{e}");
    }

    /// The limits at their edges, in plain and scientific notation: what the table reader takes.
    #[test]
    fn parse_holds_numbers_to_the_input_limits() {
        let at = Location::default();
        let ok = |t: &str| parse_decimal(t, "x", &at).unwrap_or_else(|e| panic!("{t}: {e}"));
        let refused = |t: &str| parse_decimal(t, "x", &at).unwrap_err().to_string();
        assert_eq!(ok("99999999999999999999"), dec!(99999999999999999999));
        assert_eq!(ok("-99999999999999999999.99999999"), dec!(-99999999999999999999.99999999));
        assert_eq!(ok("0.000000000000000001"), dec!(0.000000000000000001));
        assert_eq!(ok("1e19"), dec!(10000000000000000000));
        assert_eq!(ok("1.50000000000000000000000"), dec!(1.5));
        for large in ["100000000000000000000", "123456789012345678901", "1e20", "-1E+20"] {
            assert!(refused(large).contains("is too large: at most 20 digits"), "{large}");
        }
        // 29 significant digits; trailing zeros are not digits
        assert!(refused("12345678901.234567890123456789").contains("too large"));
        assert_eq!(ok("12345678901.000000000000000000").to_string(), "12345678901.000000000000000000");
        for precise in ["0.0000000000000000001", "1e-19"] {
            assert!(refused(precise).contains("more than 18 digits after"), "{precise}");
        }
    }

    #[test]
    fn decimal_text_is_read_exactly_or_refused() {
        for ok in [
            "0",
            "-0.0",
            "+5",
            "1_000.5",
            ".5",
            "5.",
            "1E2",
            "1e+2",
            "2.50e-3",
            "79228162514264337593543950335",
        ] {
            assert!(read_decimal(ok).is_ok(), "{ok}");
        }
        // the smallest and largest a decimal holds, and trailing zeros past 28 places
        assert_eq!(read_decimal("0.0000000000000000000000000001"), Ok(Decimal::new(1, 28)));
        assert_eq!(read_decimal("-7.9228162514264337593543950335"), Ok(-Decimal::MAX / dec!(1e28)));
        assert_eq!(read_decimal("1.000000000000000000000000000000000e1"), Ok(dec!(10)));
        let rounded = |t| match read_decimal(t) {
            Err(DecimalTextError::Rounded { read_as }) => read_as.to_string(),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(rounded("0.00000000000000000000000000001"), "0.0000000000000000000000000000");
        assert_eq!(rounded("0.99999999999999999999999999999"), "1.0000000000000000000000000000");
        assert_eq!(rounded("1.23456789012345678901234567890123e2"), "123.45678901234567890123456789");
        // few digits, but the exponent takes the scale past 28 places (found by hypothesis)
        assert_eq!(rounded("9.999999929289301E-15"), "0.0000000000000099999999292893");
        for not in ["", " 1", "NaN", "inf", "1.2.3", "0x10", "1e", "1e+", "e5", ".", "-", "1e5.5", "1ee5"] {
            assert_eq!(read_decimal(not), Err(DecimalTextError::NotANumber), "{not}");
        }
        // numbers past what a decimal holds are named by the limit they pass, not as non-numbers
        let large = Err(DecimalTextError::Beyond(LimitError::TooLarge));
        let precise = Err(DecimalTextError::Beyond(LimitError::TooPrecise));
        for (text, want) in [
            ("1e99", large),
            ("79228162514264337593543950336", large),
            ("-1_000e27", large),
            ("1e+99999999999999999999", large),
            ("1e-30", precise),
            ("-0.1e-29", precise),
            ("1e-99999999999999999999", precise),
        ] {
            assert_eq!(read_decimal(text), want, "{text}");
        }
        assert_eq!(
            read_decimal("1e30").unwrap_err().reason("1e30"),
            "`1e30` is too large: at most 20 digits before the decimal separator and 28 significant digits in all (maximum 99999999999999999999)"
        );
        assert_eq!(
            read_decimal("1e-30").unwrap_err().reason("1e-30"),
            "`1e-30` has more than 18 digits after the decimal separator; round it"
        );
    }
}
