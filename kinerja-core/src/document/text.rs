//! Numbers and fixed phrases as a document writes them in one language.

use rust_decimal::Decimal;

use crate::explain::Lang;

/// A decimal as written in `lang`: a decimal comma in Bahasa Indonesia (`95,50`), a decimal
/// point in English (`95.50`); no thousands separator in either (so `1200` never reads as
/// `1.200`, which is ambiguous between the two).
///
/// ```
/// use kinerja_core::document::number;
/// use kinerja_core::explain::Lang;
/// use rust_decimal_macros::dec;
/// assert_eq!(number(dec!(113.00), Lang::Id), "113,00");
/// assert_eq!(number(dec!(113.00), Lang::En), "113.00");
/// assert_eq!(number(dec!(-0.5), Lang::Id), "-0,5");
/// ```
pub fn number(value: Decimal, lang: Lang) -> String {
    let s = value.to_string();
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
}

/// A value already written as text (a target `7.5–8`) in the number style of `lang`.
pub(crate) fn localised(text: &str, lang: Lang) -> String {
    crate::explain::number_in(text, lang).into_owned()
}

/// A percentage as written in `lang` (`95,50%`).
///
/// ```
/// use kinerja_core::document::percent;
/// use kinerja_core::explain::Lang;
/// use rust_decimal_macros::dec;
/// assert_eq!(percent(dec!(98.8), Lang::Id), "98,8%");
/// assert_eq!(percent(dec!(98.8), Lang::En), "98.8%");
/// ```
pub fn percent(value: Decimal, lang: Lang) -> String {
    format!("{}%", number(value, lang))
}

/// The line that counts what a capped display leaves out (`… 3 lagi` / `… 3 more`).
pub(crate) fn more(n: usize, lang: Lang) -> String {
    format!("… {n} {}", lang.pick("lagi", "more"))
}

pub use crate::explain::NONE;
