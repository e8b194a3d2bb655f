//! Numbers and fixed phrases as a document writes them in one language.

use crate::explain::Lang;

/// A value already written as text (a target `7.5–8`) in the number style of `lang`.
pub(crate) fn localised(text: &str, lang: Lang) -> String {
    crate::explain::number_in(text, lang).into_owned()
}

/// The line that counts what a capped display leaves out (`… 3 lagi` / `… 3 more`).
pub(crate) fn more(n: usize, lang: Lang) -> String {
    format!("… {n} {}", lang.pick("lagi", "more"))
}

pub use crate::explain::{NONE, number, percent};
