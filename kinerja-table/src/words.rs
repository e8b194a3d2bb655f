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

use std::sync::Arc;

use arrow_array::types::Int8Type;
use arrow_array::{Array, DictionaryArray, Int8Array, StringArray, UInt8Array};
use arrow_buffer::ScalarBuffer;
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

/// The label column of uint8 `codes`: `int8` keys into a dictionary of every one of `names` in
/// its order (null stays null). The codes are checked against `names` in parallel chunks (a
/// code without a name is the error, never a wrong label) and become the keys without a copy
/// (a code under a null is never read, by this check or by a reader of the dictionary).
///
/// ```
/// use arrow_array::{Array, UInt8Array};
/// let dict = kinerja_table::score::labels(&UInt8Array::from(vec![Some(1), None]), &["no", "yes"])?;
/// assert_eq!((dict.keys().value(0), dict.is_null(1)), (1, true));
/// assert!(kinerja_table::score::labels(&UInt8Array::from(vec![2]), &["no", "yes"]).is_err());
/// # Ok::<(), String>(())
/// ```
pub fn labels<S: AsRef<str>>(codes: &UInt8Array, names: &[S]) -> Result<DictionaryArray<Int8Type>, String> {
    use rayon::prelude::*;
    const CHUNK: usize = 1 << 15;
    if names.len() > 128 {
        return Err(format!("{} labels exceed the 128 an int8 key can name", names.len()));
    }
    let (vals, n) = (codes.values(), names.len());
    let bad = vals.par_chunks(CHUNK).enumerate().try_for_each(|(c, part)| {
        for (k, code) in part.iter().enumerate() {
            if usize::from(*code) >= n && codes.is_valid(c * CHUNK + k) {
                return Err(*code);
            }
        }
        Ok(())
    });
    bad.map_err(|bad: u8| format!("code {bad} has no label (labels: {})", names.len()))?;
    // every valid code is below 128, so its byte is the same number as an i8
    let keys = ScalarBuffer::<i8>::new(vals.inner().clone(), 0, vals.len());
    let keys = Int8Array::new(keys, codes.nulls().cloned());
    let values = StringArray::from_iter_values(names.iter().map(AsRef::as_ref));
    DictionaryArray::try_new(keys, Arc::new(values)).map_err(|e| e.to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;
    use arrow_buffer::NullBuffer;

    /// Codes to labels: a code under a null is not read; 128 names fit an int8 key, 129 do
    /// not; a code past the names is refused in any chunk, never wrapped into a label.
    #[test]
    fn labels_check_every_valid_code_and_the_number_of_names() {
        let names: Vec<String> = (0..129).map(|i| format!("n{i}")).collect();
        let codes = UInt8Array::from(vec![Some(127), None]);
        assert!(labels(&codes, &names[..128]).is_ok());
        assert!(labels(&codes, &names).is_err_and(|e| e.starts_with("129 labels exceed")));
        let hidden =
            UInt8Array::new(ScalarBuffer::from(vec![0, 9]), Some(NullBuffer::from(vec![true, false])));
        let dict = labels(&hidden, &["a"]);
        assert!(dict.is_ok_and(|d| d.is_null(1) && d.keys().value(0) == 0));
        // the bad code in the second chunk of the parallel check
        let mut far = vec![0u8; (1 << 15) + 3];
        far[(1 << 15) + 1] = 2;
        let err = labels(&UInt8Array::from(far.clone()), &["a", "b"]);
        assert_eq!(err.err().as_deref(), Some("code 2 has no label (labels: 2)"));
        // …and under a null there: the validity is read at the code's own row
        let valid: Vec<bool> = (0..far.len()).map(|i| i != (1 << 15) + 1).collect();
        let masked = UInt8Array::new(ScalarBuffer::from(far), Some(NullBuffer::from(valid)));
        assert!(labels(&masked, &["a", "b"]).is_ok());
    }

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
