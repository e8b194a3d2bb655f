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
