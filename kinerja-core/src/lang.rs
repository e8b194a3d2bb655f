//! The two languages of kinerja's texts: explanations, labels and error messages.

use serde::{Deserialize, Serialize};

/// The language of an explanation or label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Bahasa Indonesia (the default).
    #[default]
    Id,
    /// English.
    En,
}

impl Lang {
    /// The text (or any value) for this language: `id` in Bahasa Indonesia, `en` in English.
    ///
    /// ```
    /// use kinerja_core::lang::Lang;
    /// assert_eq!(Lang::Id.pick("ya", "yes"), "ya");
    /// assert_eq!(Lang::En.pick("ya", "yes"), "yes");
    /// ```
    #[inline]
    pub fn pick<T>(self, id: T, en: T) -> T {
        match self {
            Lang::Id => id,
            Lang::En => en,
        }
    }
}
