//! Enum and yes/no cells, read through the one vocabulary of [`kinerja_core`]: the values,
//! labels and aliases of its labelled enums ([`Labelled`]) and its boolean words
//! ([`kinerja_core::explain::parse_bool`]). Nothing here adds a spelling: a new alias goes
//! into the core, so the scalar API, the tables and every later surface accept the same words.
//!
//! ```
//! use kinerja_table::words::WordKind;
//! assert_eq!(WordKind::Polarity.parse("menurun").unwrap(), "lower_is_better");
//! assert_eq!(WordKind::ResultKind.parse("Tambahan").unwrap(), "additional");
//! assert!(WordKind::Rating.parse("good").unwrap_err().contains("sesuai"));
//! ```

use kinerja_core::explain::Labelled;
use kinerja_core::model::{
    Aggregation, Aspect, FunctionalGrade, OrgPredicate, Polarity, PostType, Predicate, Rating, ResultKind,
};

/// The enumerations a table column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum WordKind {
    /// RHK utama / tambahan.
    ResultKind,
    /// Aspect of an indicator.
    Aspect,
    /// Polarity of an indicator.
    Polarity,
    /// How period values are combined.
    Aggregation,
    /// Type of post.
    PostType,
    /// Grade of a functional post.
    FunctionalGrade,
    /// A rating (work result, behaviour).
    Rating,
    /// The organisation's predicate.
    OrgPredicate,
    /// The employee's predicate.
    Predicate,
}

impl WordKind {
    /// Parses a cell into the canonical value, or a message listing every accepted spelling.
    pub fn parse(self, text: &str) -> Result<&'static str, String> {
        fn p<T: Labelled>(text: &str) -> Result<&'static str, String> {
            T::parse_label(text).map(Labelled::value).map_err(|e| reason(&e))
        }
        match self {
            WordKind::ResultKind => p::<ResultKind>(text),
            WordKind::Aspect => p::<Aspect>(text),
            WordKind::Polarity => p::<Polarity>(text),
            WordKind::Aggregation => p::<Aggregation>(text),
            WordKind::PostType => p::<PostType>(text),
            WordKind::FunctionalGrade => p::<FunctionalGrade>(text),
            WordKind::Rating => p::<Rating>(text),
            WordKind::OrgPredicate => p::<OrgPredicate>(text),
            WordKind::Predicate => p::<Predicate>(text),
        }
    }

    /// The canonical values in declaration order: integer code `i` stands for value `i`.
    pub fn values(self) -> Vec<&'static str> {
        fn v<T: Labelled>() -> Vec<&'static str> {
            T::ALL.iter().map(|x| x.value()).collect()
        }
        match self {
            WordKind::ResultKind => v::<ResultKind>(),
            WordKind::Aspect => v::<Aspect>(),
            WordKind::Polarity => v::<Polarity>(),
            WordKind::Aggregation => v::<Aggregation>(),
            WordKind::PostType => v::<PostType>(),
            WordKind::FunctionalGrade => v::<FunctionalGrade>(),
            WordKind::Rating => v::<Rating>(),
            WordKind::OrgPredicate => v::<OrgPredicate>(),
            WordKind::Predicate => v::<Predicate>(),
        }
    }

    /// The value of integer code `code` (0-based, declaration order), or a message listing
    /// the codes.
    pub fn from_code(self, code: i128) -> Result<&'static str, String> {
        let values = self.values();
        usize::try_from(code).ok().and_then(|i| values.get(i).copied()).ok_or_else(|| {
            let listed: Vec<String> = values.iter().enumerate().map(|(i, v)| format!("{i} = {v}")).collect();
            format!("code {code} is not accepted; accepted codes: {}", listed.join(", "))
        })
    }
}

/// Parses a yes/no cell through the core's one boolean vocabulary.
pub fn parse_flag(column: &str, text: &str) -> Result<bool, String> {
    kinerja_core::explain::parse_bool(column, text).map_err(|e| reason(&e))
}

/// The reason of a core input error, without the location prefix the core adds.
fn reason(e: &kinerja_core::Error) -> String {
    match e {
        kinerja_core::Error::Input { reason, .. } => reason.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn words_and_codes() {
        assert_eq!(WordKind::Polarity.parse("naik"), Ok("higher_is_better"));
        assert_eq!(WordKind::Polarity.parse("Turun"), Ok("lower_is_better"));
        assert_eq!(WordKind::Rating.parse("Sesuai Ekspektasi"), Ok("meets"));
        assert_eq!(WordKind::OrgPredicate.parse("istimewa"), Ok("outstanding"));
        assert_eq!(WordKind::Rating.from_code(2), Ok("above"));
        let e = WordKind::Rating.from_code(3).unwrap_err();
        assert!(e.contains("0 = below") && e.contains("2 = above"), "{e}");
        assert!(WordKind::Rating.from_code(-1).is_err());
        let e = WordKind::ResultKind.parse("addtional").unwrap_err();
        assert!(e.contains("additional (Tambahan)"), "{e}");
        assert_eq!(parse_flag("unit_head", "Ya"), Ok(true));
        let e = parse_flag("unit_head", "kepala").unwrap_err();
        assert!(e.contains("`kepala`") && e.contains("tidak"), "{e}");
    }
}
