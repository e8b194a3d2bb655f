//! Explanations: every result carries a [`Trace`] of ordered [`Step`]s, each with its inputs,
//! the formula in words, the value before and after rounding, and a [`Citation`]. Traces
//! render as text (Bahasa Indonesia or English), Markdown and JSON.

use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::str::FromStr;

use crate::error::Error;

pub use crate::lang::Lang;

impl Lang {
    /// The spellings [`Lang::from_str`](std::str::FromStr) reads (in any ASCII case, with
    /// spaces around).
    pub const SPELLINGS: &[(&str, Lang)] = &[
        ("id", Lang::Id),
        ("ind", Lang::Id),
        ("indonesian", Lang::Id),
        ("bahasa", Lang::Id),
        ("bahasa indonesia", Lang::Id),
        ("en", Lang::En),
        ("eng", Lang::En),
        ("english", Lang::En),
    ];
}

impl FromStr for Lang {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Error> {
        let t = s.trim();
        Lang::SPELLINGS.iter().find(|(w, _)| w.eq_ignore_ascii_case(t)).map(|(_, l)| *l).ok_or_else(|| {
            Error::Input {
                at: Default::default(),
                field: "lang".into(),
                reason: format!(
                    "`{s}` is not a language; accepted (any case): {}",
                    Lang::SPELLINGS.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(", ")
                ),
            }
        })
    }
}

/// A text in both languages.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub struct BiText {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

impl BiText {
    /// A text in both languages.
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        BiText { id: id.into(), en: en.into() }
    }
    /// The same text in both languages (numbers, identifiers).
    pub fn same(text: impl Into<String>) -> Self {
        let t = text.into();
        BiText { id: t.clone(), en: t }
    }
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Id => &self.id,
            Lang::En => &self.en,
        }
    }
}

/// Implemented by every enum with a stable snake-case value and labels in both languages.
pub trait Labelled: Sized + Copy + 'static {
    /// All variants, in declaration order.
    const ALL: &'static [Self];
    /// The stable English snake-case value (e.g. `very_good`).
    fn value(self) -> &'static str;
    /// The label in `lang` (e.g. "Sangat Baik" / "Very good").
    fn label(self, lang: Lang) -> &'static str;
    /// Extra accepted spellings (abbreviations, older labels).
    fn aliases(self) -> &'static [&'static str] {
        &[]
    }
    /// The type's name used in error messages (e.g. `predicate`).
    fn kind() -> &'static str;
    /// Parses the value, either label or an alias, case-insensitively and ignoring `_`, `-`, `/`,
    /// `.` and spaces. The error lists what is accepted.
    fn parse_label(text: &str) -> Result<Self, Error> {
        // the spellings are compared without building their normalised strings (this runs
        // once per cell of a table)
        fn norm(s: &str) -> impl Iterator<Item = char> + '_ {
            s.chars().filter(|c| !matches!(c, '_' | '-' | ' ' | '/' | '.')).flat_map(char::to_lowercase)
        }
        let t: String = norm(text).collect();
        let same = |s: &str| norm(s).eq(t.chars());
        for v in Self::ALL {
            if same(v.value())
                || same(v.label(Lang::Id))
                || same(v.label(Lang::En))
                || v.aliases().iter().any(|a| same(a))
            {
                return Ok(*v);
            }
        }
        Err(Error::Input {
            at: Default::default(),
            field: Self::kind().to_string(),
            reason: format!("`{text}` is not accepted; {accepted}", accepted = Self::accepted()),
        })
    }

    /// Every spelling as written in the vocabulary: the values, the Indonesian and English
    /// labels, the aliases (each once). [`Labelled::parse_label`] reads each of them, and
    /// also their variants in case, spaces, `_`, `-`, `/` and `.`.
    ///
    /// ```
    /// use kinerja_core::explain::Labelled;
    /// use kinerja_core::model::Rating;
    /// let s = Rating::spellings();
    /// assert_eq!(&s[..4], &["below", "Di bawah ekspektasi", "Below expectation", "bawah"]);
    /// assert!(s.iter().all(|w| Rating::parse_label(w).is_ok()));
    /// ```
    fn spellings() -> Vec<&'static str> {
        let mut out: Vec<&'static str> = Vec::new();
        for v in Self::ALL {
            let own = [v.value(), v.label(Lang::Id), v.label(Lang::En)];
            for w in own.into_iter().chain(v.aliases().iter().copied()) {
                if !out.contains(&w) {
                    out.push(w);
                }
            }
        }
        out
    }

    /// Every accepted spelling, for error messages: the values with their Indonesian labels,
    /// then the English labels and aliases (matched ignoring case, spaces, `_`, `-`, `/`, `.`).
    fn accepted() -> String {
        let values: Vec<String> =
            Self::ALL.iter().map(|v| format!("{} ({})", v.value(), v.label(Lang::Id))).collect();
        let mut also: Vec<&str> = Vec::new();
        for v in Self::ALL {
            for a in std::iter::once(v.label(Lang::En)).chain(v.aliases().iter().copied()) {
                if !also.contains(&a) {
                    also.push(a);
                }
            }
        }
        format!(
            "accepted values: {}; also accepted (any case; spaces, `_`, `-`, `/`, `.` ignored): {}",
            values.join(", "),
            also.join(", ")
        )
    }
}

/// The spellings of `true` accepted in every boolean (flag) column and argument, matched
/// case-insensitively after trimming.
pub const TRUE_WORDS: &[&str] = &["true", "1", "ya", "yes", "benar"];
/// The spellings of `false` accepted in every boolean (flag) column and argument.
pub const FALSE_WORDS: &[&str] = &["false", "0", "tidak", "no", "salah"];

/// Parses a boolean word of the one vocabulary ([`TRUE_WORDS`], [`FALSE_WORDS`]); anything
/// else (`y`, `t`, `maybe`, `kepala`) is an error naming `field` and the accepted words.
/// Single letters are refused on purpose: `t` is `true` in English and `tidak` in Indonesian.
///
/// ```
/// use kinerja_core::explain::parse_bool;
/// assert!(parse_bool("unit_head", " Ya ").unwrap());
/// assert!(!parse_bool("unit_head", "TIDAK").unwrap());
/// assert!(parse_bool("unit_head", "t").is_err());
/// ```
pub fn parse_bool(field: &str, text: &str) -> Result<bool, Error> {
    let t = text.trim().to_lowercase();
    if TRUE_WORDS.contains(&t.as_str()) {
        return Ok(true);
    }
    if FALSE_WORDS.contains(&t.as_str()) {
        return Ok(false);
    }
    Err(Error::Input {
        at: Default::default(),
        field: field.to_string(),
        reason: format!(
            "`{text}` is not a yes/no value; accepted (any case): {} for yes, {} for no",
            TRUE_WORDS.join(", "),
            FALSE_WORDS.join(", ")
        ),
    })
}

/// Defines a [`Labelled`] enum with serde (as the snake-case value; labels accepted when
/// reading), `Display` (the value) and `FromStr`.
#[macro_export]
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $kind:literal {
            $( $(#[$vmeta:meta])* $variant:ident = ($value:literal, $id:literal, $en:literal $(, [$($alias:literal),*])?) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $crate::explain::Labelled for $name {
            const ALL: &'static [Self] = &[$($name::$variant),+];
            fn value(self) -> &'static str {
                match self { $($name::$variant => $value),+ }
            }
            fn label(self, lang: $crate::explain::Lang) -> &'static str {
                match (self, lang) {
                    $( ($name::$variant, $crate::explain::Lang::Id) => $id,
                       ($name::$variant, $crate::explain::Lang::En) => $en, )+
                }
            }
            fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($alias),*)?]),+ }
            }
            fn kind() -> &'static str { $kind }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str($crate::explain::Labelled::value(*self))
            }
        }

        impl ::std::str::FromStr for $name {
            type Err = $crate::error::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                <$name as $crate::explain::Labelled>::parse_label(s)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str($crate::explain::Labelled::value(*self))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <::std::borrow::Cow<'de, str> as ::serde::Deserialize>::deserialize(d)?;
                <$name as $crate::explain::Labelled>::parse_label(&s)
                    .map_err(|e| <D::Error as ::serde::de::Error>::custom(e.to_string()))
            }
        }

        #[cfg(feature = "schema")]
        #[cfg(feature = "schema")]
        impl ::schemars::JsonSchema for $name {
            fn schema_name() -> ::std::borrow::Cow<'static, str> { stringify!($name).into() }
            fn json_schema(_: &mut ::schemars::SchemaGenerator) -> ::schemars::Schema {
                ::schemars::json_schema!({
                    "type": "string",
                    "enum": [$($value),+],
                    "description": concat!("One of: ", $($value, " (", $id, "); "),+)
                })
            }
        }
    };
}

/// What kind of source backs a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Authority {
    /// A regulation (law).
    Law,
    /// A choice of the local policy (not law).
    LocalPolicy,
    /// An engine convention documented as unconfirmed against the primary text.
    Unconfirmed,
    /// Input given by a person (the appraiser, the superior organisation).
    Input,
}

impl Authority {
    /// The snake-case name, as in JSON (`law`, `local_policy`, `unconfirmed`, `input`).
    pub fn as_str(self) -> &'static str {
        match self {
            Authority::Law => "law",
            Authority::LocalPolicy => "local_policy",
            Authority::Unconfirmed => "unconfirmed",
            Authority::Input => "input",
        }
    }
}

/// Where a step's rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// Law, local policy, unconfirmed convention or a person's input.
    pub authority: Authority,
    /// The reference: the regulation and its part as the regulation names it (e.g.
    /// "PermenPANRB 6/2022, Lampiran"), or a policy field.
    pub reference: String,
    /// What the cited part is about, in both languages (e.g. "kuadran kinerja" / "performance
    /// quadrants"); rendered after the reference in the reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<BiText>,
}

impl Citation {
    /// A citation of a regulation.
    pub fn law(reference: impl Into<String>) -> Self {
        Citation { authority: Authority::Law, reference: reference.into(), topic: None }
    }
    /// A citation of a policy field, e.g. `local policy kupang-2024: advisory_bands`. A field
    /// that holds its national default value (the policy `national-default`, or a field not
    /// among the changed fields of a derived `national-default+…` policy) is cited as
    /// `national default: <field>`, never as local policy.
    pub fn policy(policy_id: &str, field: &str) -> Self {
        Citation {
            authority: Authority::LocalPolicy,
            reference: cite_holder(&format!("local policy {policy_id}: {field}")),
            topic: None,
        }
    }
    /// A documented engine convention that the primary text does not settle. A policy field
    /// named in it as `local policy <id>: <field>` is cited as its holder (see [`Citation::policy`]).
    pub fn unconfirmed(reference: impl Into<String>) -> Self {
        Citation { authority: Authority::Unconfirmed, reference: cite_holder(&reference.into()), topic: None }
    }
    /// A citation of a part of a regulation about `id` / `en` (the topic in each language).
    ///
    /// ```
    /// use kinerja_core::explain::{Citation, Lang};
    /// let c = Citation::law_on("PermenPANRB 8/2021, Lampiran", "capaian IKI kondisi normal", "IKI achievement, normal polarity");
    /// assert_eq!(c.render(Lang::En), "PermenPANRB 8/2021, Lampiran: IKI achievement, normal polarity");
    /// assert_eq!(c.render(Lang::Id), "PermenPANRB 8/2021, Lampiran: capaian IKI kondisi normal");
    /// ```
    pub fn law_on(reference: impl Into<String>, id: impl Into<String>, en: impl Into<String>) -> Self {
        Citation { authority: Authority::Law, reference: reference.into(), topic: Some(BiText::new(id, en)) }
    }
    /// With a topic in both languages.
    pub fn with_topic(mut self, id: impl Into<String>, en: impl Into<String>) -> Self {
        self.topic = Some(BiText::new(id, en));
        self
    }
    /// A value given by a person.
    pub fn input(who: impl Into<String>) -> Self {
        Citation { authority: Authority::Input, reference: who.into(), topic: None }
    }
    /// Rendered in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let national = self.reference_in(Lang::En).starts_with("national default");
        let tag = match (self.authority, lang) {
            (Authority::Law, _) => "",
            (Authority::LocalPolicy, Lang::Id) if national => "[bawaan nasional] ",
            (Authority::LocalPolicy, Lang::En) if national => "[national default] ",
            (Authority::LocalPolicy, Lang::Id) => "[kebijakan lokal] ",
            (Authority::LocalPolicy, Lang::En) => "[local policy] ",
            (Authority::Unconfirmed, Lang::Id) => "[belum terkonfirmasi] ",
            (Authority::Unconfirmed, Lang::En) => "[unconfirmed] ",
            (Authority::Input, Lang::Id) => "[masukan] ",
            (Authority::Input, Lang::En) => "[input] ",
        };
        format!("{tag}{}", self.reference_in(lang))
    }

    /// The reference as recorded (machine form, as JSON keeps it), with its topic in `lang`.
    pub fn recorded(&self, lang: Lang) -> String {
        match &self.topic {
            Some(t) if self.reference.is_empty() => t.get(lang).to_string(),
            Some(t) if self.reference.contains(": ") => format!("{} — {}", self.reference, t.get(lang)),
            Some(t) => format!("{}: {}", self.reference, t.get(lang)),
            None => self.reference.clone(),
        }
    }

    /// The reference in `lang`. A local-policy reference is stored in its machine (English)
    /// form `local policy <id>: <field>` (kept as is in JSON) and reads in Indonesian as
    /// `kebijakan lokal <id>: <field>`, wherever it appears in the reference; an engine
    /// convention likewise reads `konvensi mesin`.
    pub fn reference_in(&self, lang: Lang) -> String {
        const PHRASES: [(&str, &str); 3] = [
            ("national default", "bawaan nasional"),
            ("local policy ", "kebijakan lokal "),
            ("engine convention", "konvensi mesin"),
        ];
        // A reference written as `local policy <id>: <field>` names the policy holding the value.
        let en = cite_holder(&self.reference);
        let reference = match lang {
            Lang::En => en,
            Lang::Id => PHRASES.iter().fold(en, |s, (en, id)| s.replace(en, id)),
        };
        match &self.topic {
            Some(t) if reference.is_empty() => t.get(lang).to_string(),
            // after a reference that names a policy field (`…: field`), a dash keeps them apart
            Some(t) if reference.contains(": ") => format!("{reference} — {}", t.get(lang)),
            Some(t) => format!("{reference}: {}", t.get(lang)),
            None => reference,
        }
    }
}

/// Id of the national default policy; traces cite it as "national default" / "bawaan nasional".
pub const NATIONAL_DEFAULT_ID: &str = "national-default";

/// True when the national default holds `field` in the policy `policy_id`: the policy is the
/// national default itself, or a derived `national-default+<changed>+…` policy that did not
/// change the field. The field is its dotted path (`a.b = value` cites `a.b`).
fn national_holds(policy_id: &str, field: &str) -> bool {
    let path = field.split(' ').next().unwrap_or(field);
    match policy_id.strip_prefix(NATIONAL_DEFAULT_ID) {
        Some("") => true,
        Some(rest) => rest.strip_prefix('+').is_some_and(|changed| {
            !changed.split('+').any(|k| {
                k == path
                    || k.strip_prefix(path).is_some_and(|r| r.starts_with('.'))
                    || path.strip_prefix(k).is_some_and(|r| r.starts_with('.'))
            })
        }),
        None => false,
    }
}

/// Rewrites each `local policy <id>: <field>` in a reference whose value the national default
/// holds as `national default: <field>`.
fn cite_holder(reference: &str) -> String {
    const LOCAL: &str = "local policy ";
    let mut out = String::with_capacity(reference.len());
    let mut rest = reference;
    while let Some(pos) = rest.find(LOCAL) {
        out.push_str(&rest[..pos]);
        let after = &rest[pos + LOCAL.len()..];
        let Some(colon) = after.find(": ").filter(|&c| !after[..c].contains(' ')) else {
            out.push_str(LOCAL);
            rest = after;
            continue;
        };
        let field = &after[colon + 2..];
        let end = field.find([' ', ';', ',', ')']).unwrap_or(field.len());
        if national_holds(&after[..colon], &field[..end]) {
            out.push_str("national default: ");
        } else {
            out.push_str(&rest[pos..pos + LOCAL.len() + colon + 2]);
        }
        rest = field;
    }
    out.push_str(rest);
    out
}

/// One step of an explanation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// What the step is about (an indicator id, `work_result`, `predicate`, …).
    pub subject: String,
    /// A short title.
    pub title: BiText,
    /// Named inputs with their printed values.
    pub inputs: Vec<(String, String)>,
    /// The formula or rule in words.
    pub formula: BiText,
    /// The value before rounding, when rounding applies.
    pub unrounded: Option<String>,
    /// The resulting value as printed.
    pub value: BiText,
    /// Where the rule comes from.
    pub citation: Citation,
}

impl Step {
    /// A step with no inputs and no rounding; add them with the builder methods.
    pub fn new(
        subject: impl Into<String>,
        title: BiText,
        formula: BiText,
        value: BiText,
        citation: Citation,
    ) -> Self {
        Step { subject: subject.into(), title, inputs: Vec::new(), formula, unrounded: None, value, citation }
    }
    /// Adds a named input.
    pub fn input(mut self, name: impl Into<String>, value: impl ToString) -> Self {
        self.inputs.push((name.into(), value.to_string()));
        self
    }
    /// Records the value before rounding.
    pub fn unrounded(mut self, v: impl ToString) -> Self {
        self.unrounded = Some(v.to_string());
        self
    }

    fn render_line(&self, lang: Lang) -> String {
        let mut s = format!("{}: {}", self.title.get(lang), number_in(self.value.get(lang), lang));
        if let Some(u) = &self.unrounded {
            let word = lang.pick("sebelum pembulatan", "before rounding");
            if u != self.value.get(lang) {
                s.push_str(&format!(" ({word} {})", number_in(u, lang)));
            }
        }
        s
    }
}

/// "–", written for a missing value in every explanation, document and display.
pub const NONE: &str = "–";

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
pub fn number(value: rust_decimal::Decimal, lang: Lang) -> String {
    let s = value.to_string();
    match lang {
        Lang::Id => s.replace('.', ","),
        Lang::En => s,
    }
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
pub fn percent(value: rust_decimal::Decimal, lang: Lang) -> String {
    format!("{}%", number(value, lang))
}

/// Numbers in `text` as written in `lang`: in Bahasa Indonesia a decimal point between two
/// digits becomes a decimal comma (`113.00%` → `113,00%`); English text is unchanged. Values in
/// the engine carry no thousands separator, so nothing else can be a number's point.
///
/// ```
/// use kinerja_core::explain::{number_in, Lang};
/// assert_eq!(number_in("113.00% (R/T = 1.13)", Lang::Id), "113,00% (R/T = 1,13)");
/// assert_eq!(number_in("PermenPANRB 6/2022, hlm. 3", Lang::Id), "PermenPANRB 6/2022, hlm. 3");
/// assert_eq!(number_in("113.00%", Lang::En), "113.00%");
/// ```
pub fn number_in(text: &str, lang: Lang) -> Cow<'_, str> {
    if lang == Lang::En || !text.contains('.') {
        return text.into();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let digit_at = |j: Option<usize>| j.and_then(|j| chars.get(j)).is_some_and(char::is_ascii_digit);
        if c == '.' && digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) {
            out.push(',');
        } else {
            out.push(c);
        }
    }
    out.into()
}

/// An input value as read in `lang`: a machine value of a rating, predicate, organisation
/// predicate, polarity, functional grade or talent potential (`higher_is_better`, `above`,
/// `first_expert`, …) is shown by its label in the reader's language, and a rounding rule
/// recorded as [`Rounding::describe`](crate::num::Rounding::describe) (`half_up to 2 places`)
/// in its words; anything else is shown as recorded. JSON keeps the recorded machine value.
///
/// ```
/// use kinerja_core::explain::{input_in, Lang};
/// assert_eq!(input_in("very_good", Lang::Id), "Sangat Baik");
/// assert_eq!(input_in("very_good", Lang::En), "Very good");
/// assert_eq!(input_in("first_expert", Lang::Id), "Ahli Pertama");
/// assert_eq!(input_in("higher_is_better", Lang::En), "Higher is better");
/// assert_eq!(input_in("half_up to 4 places", Lang::Id), "half_up ke 4 desimal");
/// assert_eq!(input_in("half_up to 4 places", Lang::En), "half_up to 4 places");
/// assert_eq!(input_in("R/T", Lang::En), "R/T");
/// ```
pub fn input_in(value: &str, lang: Lang) -> Cow<'_, str> {
    use crate::followup::Potential;
    use crate::model::{FunctionalGrade, OrgPredicate, Polarity, Predicate, Rating};
    fn find<T: Labelled>(v: &str, lang: Lang) -> Option<&'static str> {
        T::ALL.iter().find(|x| x.value() == v).map(|x| x.label(lang))
    }
    if let Some(r) = crate::num::Rounding::from_description(value) {
        return r.describe_in(lang).into();
    }
    find::<Rating>(value, lang)
        .or_else(|| find::<Predicate>(value, lang))
        .or_else(|| find::<OrgPredicate>(value, lang))
        .or_else(|| find::<Polarity>(value, lang))
        .or_else(|| find::<FunctionalGrade>(value, lang))
        .or_else(|| find::<Potential>(value, lang))
        .map_or(value.into(), Into::into)
}

/// The names of trace inputs in both languages: (recorded name, Bahasa Indonesia, English).
/// Symbols (`T`, `R`, `n`, `NPK`, …) and acronyms (`skp`) are not listed: they read the same in
/// both. The recorded name stays in JSON; text, Markdown and HTML show the name in the reader's
/// language.
pub const INPUT_NAMES: &[(&str, &str, &str)] = &[
    ("rounding", "pembulatan", "rounding"),
    ("mean", "rata_rata", "mean"),
    ("weight", "bobot", "weight"),
    ("predikat", "predikat", "predicate"),
    ("perilaku", "perilaku", "behaviour"),
    ("level", "tingkat", "level"),
    ("jenjang", "jenjang", "grade"),
    ("actual", "realisasi", "actual"),
    ("years", "tahun", "years"),
    ("work_result", "hasil_kerja", "work_result"),
    ("weighted_achievement", "capaian_tertimbang", "weighted_achievement"),
    ("utama", "utama", "primary"),
    ("tugas_tambahan", "tugas_tambahan", "additional_tasks"),
    ("total_sasaran", "total_sasaran", "total_targets"),
    ("tasks", "tugas", "tasks"),
    ("target_pct", "target_persen", "target_pct"),
    ("target_is_max", "target_maksimal", "target_is_max"),
    ("tambahan", "tambahan", "additional"),
    ("sasaran", "sasaran", "targets"),
    ("raw", "mentah", "raw"),
    ("potensial", "potensial", "potential"),
    ("polarity", "polaritas", "polarity"),
    ("periods", "periode", "periods"),
    ("periodic", "periodik", "periodic"),
    ("pencapaian", "pencapaian", "attainment"),
    ("org_predicate", "predikat_organisasi", "org_predicate"),
    ("nilai", "nilai", "value"),
    ("n_di_atas", "n_di_atas", "n_above"),
    ("month", "bulan", "month"),
    ("max", "maks", "max"),
    ("kreativitas", "kreativitas", "creativity"),
    ("kelas", "kelas", "class"),
    ("kelas jabatan", "kelas jabatan", "job class"),
    ("faktor jam", "faktor jam", "hours factor"),
    ("AK kumulatif", "AK kumulatif", "cumulative credit points"),
    ("items", "butir", "items"),
    ("item", "butir", "item"),
    ("inovasi", "inovasi", "innovation"),
    ("indicator", "indikator", "indicator"),
    ("headcount", "jumlah_pegawai", "headcount"),
    ("floor", "batas_bawah", "floor"),
    ("dilayani", "dilayani", "served"),
    ("criteria", "kriteria", "criteria"),
    ("chosen", "dipilih", "chosen"),
    ("children", "sub_unit", "children"),
    ("capped", "dibatasi", "capped"),
    ("cap", "batas", "cap"),
    ("cakupan", "cakupan", "coverage"),
    ("bound", "batas", "bound"),
    ("behaviour", "perilaku", "behaviour"),
    ("aspects", "aspek", "aspects"),
    ("appraisals", "penilaian", "appraisals"),
    ("activities", "kegiatan", "activities"),
    ("T_used", "T_dipakai", "T_used"),
    ("faktor", "faktor", "factor"),
    ("target", "target", "target"),
    ("menit/minutes", "menit", "minutes"),
    ("catatan/note", "catatan", "note"),
    ("weights", "bobot", "weights"),
    ("predicate", "predikat", "predicate"),
    ("period", "periode", "period"),
];

/// A trace input's name in `lang` (see [`INPUT_NAMES`]): a listed name, a core value's
/// machine name (`service_oriented`), a name marked ` (exact)` (the value before rounding: `(tepat)` in Indonesian), or the listed first word
/// of a longer name (`kelas 2` → `class 2`); anything else as recorded.
///
/// ```
/// use kinerja_core::explain::{input_name, Lang};
/// assert_eq!(input_name("perilaku", Lang::En), "behaviour");
/// assert_eq!(input_name("mean", Lang::Id), "rata_rata");
/// assert_eq!(input_name("mean (exact)", Lang::Id), "rata_rata (tepat)");
/// assert_eq!(input_name("kelas 2", Lang::En), "class 2");
/// assert_eq!(input_name("kelas jabatan", Lang::En), "job class");
/// assert_eq!(input_name("service_oriented", Lang::Id), "Berorientasi Pelayanan");
/// assert_eq!(input_name("service_oriented", Lang::En), "Service-oriented");
/// assert_eq!(input_name("T", Lang::Id), "T");
/// ```
pub fn input_name(name: &str, lang: Lang) -> Cow<'_, str> {
    let pick = |&(_, id, en): &(&str, &'static str, &'static str)| match lang {
        Lang::Id => id,
        Lang::En => en,
    };
    if let Some(row) = INPUT_NAMES.iter().find(|(k, _, _)| *k == name) {
        return pick(row).into();
    }
    // a core value (BerAKHLAK) the appraiser rated, recorded by its machine name
    if let Some(v) = crate::model::CoreValue::ALL.iter().find(|v| v.value() == name) {
        return v.label(lang).into();
    }
    if let Some(base) = name.strip_suffix(" (exact)") {
        let exact = lang.pick("tepat", "exact");
        return format!("{} ({exact})", input_name(base, lang)).into();
    }
    if let Some((first, rest)) = name.split_once(' ') {
        if let Some(row) = INPUT_NAMES.iter().find(|(k, _, _)| *k == first) {
            return format!("{} {rest}", pick(row)).into();
        }
    }
    name.into()
}

/// An ordered explanation of how a result was reached.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Trace {
    /// A heading, e.g. the employee and the period.
    pub heading: BiText,
    /// The steps, in the order they were taken.
    pub steps: Vec<Step>,
}

impl Trace {
    /// An empty trace with a heading.
    pub fn new(heading: BiText) -> Self {
        Trace { heading, steps: Vec::new() }
    }
    /// Appends a step.
    pub fn push(&mut self, step: Step) {
        self.steps.push(step);
    }
    /// Appends every step of another trace.
    pub fn extend(&mut self, other: Trace) {
        self.steps.extend(other.steps);
    }

    /// Plain text, one numbered step per block.
    pub fn to_text(&self, lang: Lang) -> String {
        let (formula_w, inputs_w, source_w) = match lang {
            Lang::Id => ("Rumus", "Masukan", "Dasar"),
            Lang::En => ("Formula", "Inputs", "Source"),
        };
        let mut out = String::new();
        if !self.heading.get(lang).is_empty() {
            out.push_str(self.heading.get(lang));
            out.push('\n');
        }
        for (i, s) in self.steps.iter().enumerate() {
            out.push_str(&format!("{:>2}. {}\n", i + 1, s.render_line(lang)));
            if !s.inputs.is_empty() {
                let ins: Vec<String> = s
                    .inputs
                    .iter()
                    .map(|(k, v)| {
                        format!("{} = {}", input_name(k, lang), number_in(&input_in(v, lang), lang))
                    })
                    .collect();
                out.push_str(&format!("    {inputs_w}: {}\n", ins.join("; ")));
            }
            if !s.formula.get(lang).is_empty() {
                out.push_str(&format!("    {formula_w}: {}\n", number_in(s.formula.get(lang), lang)));
            }
            out.push_str(&format!("    {source_w}: {}\n", s.citation.render(lang)));
        }
        out
    }

    /// Markdown: a heading and a table of steps.
    pub fn to_markdown(&self, lang: Lang) -> String {
        let hdr = lang.pick(
            "| # | Langkah | Masukan | Rumus | Nilai | Dasar |",
            "| # | Step | Inputs | Formula | Value | Source |",
        );
        let esc = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = String::new();
        if !self.heading.get(lang).is_empty() {
            out.push_str(&format!("### {}\n\n", esc(self.heading.get(lang))));
        }
        out.push_str(hdr);
        out.push_str("\n|---|---|---|---|---|---|\n");
        for (i, s) in self.steps.iter().enumerate() {
            let ins: Vec<String> = s
                .inputs
                .iter()
                .map(|(k, v)| format!("{} = {}", input_name(k, lang), number_in(&input_in(v, lang), lang)))
                .collect();
            let mut val = number_in(s.value.get(lang), lang).into_owned();
            if let Some(u) = s.unrounded.as_ref().filter(|u| *u != s.value.get(lang)) {
                val.push_str(&format!(" ({})", number_in(u, lang)));
            }
            out.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                i + 1,
                esc(s.title.get(lang)),
                esc(&ins.join("; ")),
                esc(&number_in(s.formula.get(lang), lang)),
                esc(&val),
                esc(&s.citation.render(lang))
            ));
        }
        out
    }

    /// JSON in the chosen language: `{"heading": …, "steps": [{"subject", "title", "inputs",
    /// "formula", "unrounded", "value", "authority", "citation"}]}`.
    pub fn to_json(&self, lang: Lang) -> String {
        let steps: Vec<serde_json::Value> = self
            .steps
            .iter()
            .map(|s| {
                serde_json::json!({
                    "subject": s.subject,
                    "title": s.title.get(lang),
                    "inputs": s.inputs.iter().map(|(k, v)| serde_json::json!({"name": k, "value": v})).collect::<Vec<_>>(),
                    "formula": s.formula.get(lang),
                    "unrounded": s.unrounded,
                    "value": s.value.get(lang),
                    "authority": s.citation.authority,
                    "citation": s.citation.recorded(lang),
                })
            })
            .collect();
        serde_json::json!({"heading": self.heading.get(lang), "steps": steps}).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_both_languages() {
        let mut t = Trace::new(BiText::new("Pegawai A", "Employee A"));
        t.push(
            Step::new(
                "iki-1",
                BiText::new("Capaian", "Achievement"),
                BiText::new("R / T × 100", "R / T × 100"),
                BiText::same("102.22%"),
                Citation::law("PermenPANRB 8/2021, kondisi normal"),
            )
            .input("T", 90)
            .input("R", 92)
            .unrounded("102.2222"),
        );
        let id = t.to_text(Lang::Id);
        assert!(id.contains("Capaian: 102,22% (sebelum pembulatan 102,2222)"), "{id}");
        assert!(id.contains("Dasar: PermenPANRB 8/2021"));
        assert!(t.to_text(Lang::En).contains("Achievement"));
        let c = Citation::policy("kupang-2024", "advisory_bands");
        assert_eq!(c.render(Lang::Id), "[kebijakan lokal] kebijakan lokal kupang-2024: advisory_bands");
        assert_eq!(c.render(Lang::En), "[local policy] local policy kupang-2024: advisory_bands");
        assert_eq!(c.reference, "local policy kupang-2024: advisory_bands");
        let n = Citation::policy("national-default", "rounding.achievement");
        assert_eq!(n.render(Lang::En), "[national default] national default: rounding.achievement");
        assert_eq!(n.render(Lang::Id), "[bawaan nasional] bawaan nasional: rounding.achievement");
        let d = "national-default+achievement.zero_target";
        assert_eq!(
            Citation::policy(d, "achievement.zero_target").render(Lang::En),
            "[local policy] local policy national-default+achievement.zero_target: achievement.zero_target"
        );
        assert_eq!(Citation::policy(d, "achievement").reference, format!("local policy {d}: achievement"));
        let free =
            Citation::unconfirmed("C-20; local policy national-default: permenpanrb_8_2021.split_year");
        assert_eq!(
            free.render(Lang::En),
            "[unconfirmed] C-20; national default: permenpanrb_8_2021.split_year"
        );
        assert_eq!(free.reference, "C-20; national default: permenpanrb_8_2021.split_year");
        let kept = Citation::unconfirmed(format!("C-8, local policy {d}: rounding.achievement)"));
        assert_eq!(
            kept.render(Lang::Id),
            "[belum terkonfirmasi] C-8, bawaan nasional: rounding.achievement)"
        );
        let z = Citation::policy(d, "achievement.zero_target = convention");
        assert_eq!(z.reference, format!("local policy {d}: achievement.zero_target = convention"));
        assert_eq!(Citation::policy(d, "achievement.zero").reference, "national default: achievement.zero");
        assert_eq!(
            Citation::policy(d, "rounding.achievement").reference,
            "national default: rounding.achievement"
        );
        let u = Citation::unconfirmed("engine convention: weighted mean");
        assert_eq!(u.render(Lang::Id), "[belum terkonfirmasi] konvensi mesin: weighted mean");
        assert!(t.to_markdown(Lang::En).contains("| 1 | Achievement |"));
        let j: serde_json::Value = serde_json::from_str(&t.to_json(Lang::En)).unwrap();
        assert_eq!(j["steps"][0]["value"], "102.22%");
    }
}
