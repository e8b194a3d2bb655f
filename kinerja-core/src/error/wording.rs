//! Error messages in Bahasa Indonesia. The reasons written in English across kinerja are looked
//! up in one catalogue (`messages/*.tsv`: an English format template, a tab, the Indonesian
//! template with the same `{…}` holes); each [`Error`] variant has its Indonesian frame here.
//! English is the `Display` of the error, unchanged.

use std::sync::OnceLock;

use super::{Error, Location, LocationWords};
use crate::lang::Lang;

/// The catalogue files, in the order they are searched (the longest matching template wins).
const FILES: [(&str, &str); 4] = [
    ("core.tsv", include_str!("messages/core.tsv")),
    ("surfaces.tsv", include_str!("messages/surfaces.tsv")),
    ("python.tsv", include_str!("messages/python.tsv")),
    ("parser.tsv", include_str!("messages/parser.tsv")),
];

/// Holes whose value is itself a message (an inner error, a list of accepted values): translated
/// in turn, as are holes named by a constant (`{WORD_FORMS}`).
const NESTED: [&str; 14] = [
    "e",
    "err",
    "error",
    "inner",
    "reason",
    "msg",
    "message",
    "what",
    "detail",
    "hint",
    "want",
    "need",
    "accepted",
    "e.strerror or e",
];

/// Holes whose value is a list of items separated by `, ` (a table's missing columns, the
/// headers found in it): each item the catalogue holds is translated in turn, the others (ids,
/// headers as written) are kept.
const LISTS: [&str; 2] = ["missing", "found"];

#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Lit(String),
    Hole(String),
}

#[derive(Debug)]
struct Template {
    pieces: Vec<Piece>,
    literal_len: usize,
}

impl Template {
    /// Parses a format template: `{name}` holes, `{{` and `}}` literal braces.
    fn parse(t: &str) -> Result<Template, String> {
        let mut pieces = Vec::new();
        let mut lit = String::new();
        let mut chars = t.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    lit.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    lit.push('}');
                }
                '{' => {
                    let (mut name, mut closed) = (String::new(), false);
                    for c in chars.by_ref() {
                        if c == '}' {
                            closed = true;
                            break;
                        }
                        name.push(c);
                    }
                    if !closed {
                        return Err(format!("`{t}`: a `{{` never closed"));
                    }
                    if name.contains('{') {
                        return Err(format!("`{t}`: a hole inside a hole"));
                    }
                    if !lit.is_empty() {
                        pieces.push(Piece::Lit(std::mem::take(&mut lit)));
                    }
                    pieces.push(Piece::Hole(name));
                }
                '}' => return Err(format!("`{t}`: a single `}}`")),
                c => lit.push(c),
            }
        }
        if !lit.is_empty() {
            pieces.push(Piece::Lit(lit));
        }
        let literal_len = pieces.iter().map(|p| if let Piece::Lit(l) = p { l.len() } else { 0 }).sum();
        Ok(Template { pieces, literal_len })
    }

    fn holes(&self) -> Vec<&str> {
        self.pieces
            .iter()
            .filter_map(|p| if let Piece::Hole(h) = p { Some(h.as_str()) } else { None })
            .collect()
    }

    /// The hole values when `text` is an instance of this template.
    fn matches<'a>(&self, text: &'a str) -> Option<Vec<&'a str>> {
        let mut out = Vec::new();
        match_pieces(&self.pieces, text, &mut out).then_some(out)
    }

    /// The template with its holes filled: named holes by name from `by_name`, unnamed ones
    /// (`{}`, `{:?}`) in order from `unnamed`.
    fn fill(&self, by_name: &[(&str, String)], unnamed: &mut std::slice::Iter<'_, String>) -> String {
        let mut s = String::new();
        for p in &self.pieces {
            match p {
                Piece::Lit(l) => s.push_str(l),
                Piece::Hole(h) if is_unnamed(h) => s.push_str(unnamed.next().map_or("", |v| v.as_str())),
                Piece::Hole(h) => {
                    s.push_str(by_name.iter().find(|(n, _)| n == h).map_or("", |(_, v)| v.as_str()))
                }
            }
        }
        s
    }
}

fn is_unnamed(hole: &str) -> bool {
    hole.is_empty() || hole.starts_with(':') || hole.chars().all(|c| c.is_ascii_digit())
}

fn match_pieces<'a>(pieces: &[Piece], text: &'a str, out: &mut Vec<&'a str>) -> bool {
    match pieces {
        [] => text.is_empty(),
        [Piece::Lit(l), rest @ ..] => {
            text.strip_prefix(l.as_str()).is_some_and(|t| match_pieces(rest, t, out))
        }
        [Piece::Hole(_)] => {
            out.push(text);
            true
        }
        [Piece::Hole(_), rest @ ..] => {
            let ends: Vec<usize> = match &rest[0] {
                Piece::Lit(l) => text.match_indices(l.as_str()).map(|(i, _)| i).collect(),
                Piece::Hole(_) => text.char_indices().map(|(i, _)| i).chain([text.len()]).collect(),
            };
            for i in ends {
                out.push(&text[..i]);
                if match_pieces(rest, &text[i..], out) {
                    return true;
                }
                out.pop();
            }
            false
        }
    }
}

struct Entry {
    en: Template,
    id: Template,
}

/// Reads one catalogue file; a line it cannot use is an error naming the file and line.
fn parse_file(name: &str, text: &str) -> (Vec<Entry>, Vec<String>) {
    let mut entries = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let at = format!("{name}:{}", n + 1);
        let Some((en, id)) = line.split_once('\t') else {
            problems.push(format!("{at}: no tab between the English and the Indonesian template"));
            continue;
        };
        match (Template::parse(en), Template::parse(id)) {
            (Ok(en), Ok(id)) => {
                let (mut a, mut b) = (en.holes(), id.holes());
                let order = |h: &[&str]| h.iter().filter(|h| is_unnamed(h)).count();
                if order(&a) != order(&b) {
                    problems.push(format!("{at}: the unnamed holes differ"));
                }
                a.sort_unstable();
                b.sort_unstable();
                if a != b {
                    problems.push(format!("{at}: the holes differ ({a:?} vs {b:?})"));
                } else if en.literal_len == 0 {
                    problems.push(format!("{at}: a template of holes only"));
                } else {
                    entries.push(Entry { en, id });
                }
            }
            (Err(e), _) | (_, Err(e)) => problems.push(format!("{at}: {e}")),
        }
    }
    (entries, problems)
}

fn catalogue() -> &'static [Entry] {
    static CATALOGUE: OnceLock<Vec<Entry>> = OnceLock::new();
    CATALOGUE.get_or_init(|| FILES.iter().flat_map(|(name, text)| parse_file(name, text).0).collect())
}

/// Lines of the catalogue that cannot be used (malformed, or holes that differ between the
/// languages). Empty when the catalogue is sound; a test keeps it so.
pub fn catalogue_problems() -> Vec<String> {
    FILES.iter().flat_map(|(name, text)| parse_file(name, text).1).collect()
}

/// `text` (a reason or message that kinerja wrote in English) in `lang`, or `None` when the
/// catalogue has no template for it. Holes that carry an inner message are translated too.
pub fn lookup(text: &str, lang: Lang) -> Option<String> {
    lookup_depth(text, lang, 0)
}

fn lookup_depth(text: &str, lang: Lang, depth: u8) -> Option<String> {
    if lang == Lang::En {
        return Some(text.to_string());
    }
    let (entry, values) = catalogue()
        .iter()
        .filter_map(|e| e.en.matches(text).map(|v| (e, v)))
        .max_by_key(|(e, _)| e.en.literal_len)?;
    let holes = entry.en.holes();
    let value = |h: &str, v: &str| {
        let constant =
            h.chars().any(|c| c.is_ascii_uppercase()) && !h.chars().any(|c| c.is_ascii_lowercase());
        if (NESTED.contains(&h) || constant) && depth < 4 {
            lookup_depth(v, lang, depth + 1).unwrap_or_else(|| v.to_string())
        } else if LISTS.contains(&h) && depth < 4 {
            let items: Vec<String> = v
                .split(", ")
                .map(|item| lookup_depth(item, lang, depth + 1).unwrap_or_else(|| item.to_string()))
                .collect();
            items.join(", ")
        } else {
            v.to_string()
        }
    };
    let by_name: Vec<(&str, String)> = holes.iter().zip(&values).map(|(h, v)| (*h, value(h, v))).collect();
    let unnamed: Vec<String> =
        holes.iter().zip(&values).filter(|(h, _)| is_unnamed(h)).map(|(_, v)| v.to_string()).collect();
    Some(entry.id.fill(&by_name, &mut unnamed.iter()))
}

/// `text` in `lang`: the catalogue's wording, or (Indonesian only, for a text the catalogue
/// does not hold, e.g. a parser's message) the English text marked as such.
pub fn translate(text: &str, lang: Lang) -> String {
    lookup(text, lang).unwrap_or_else(|| format!("(keterangan dalam bahasa Inggris) {text}"))
}

impl Location {
    /// The location in `lang` (`baris 3, pegawai `…``, or `masukan` when nothing is named).
    pub fn text(&self, lang: Lang) -> String {
        const ID: LocationWords = LocationWords {
            row: "baris",
            unit: "unit",
            employee: "pegawai",
            indicator: "indikator",
            period: "periode",
            nothing: "masukan",
        };
        if lang == Lang::En { self.to_string() } else { self.render(&ID) }
    }
}

/// The Indonesian message of `e` (see [`Error::message`]).
pub(super) fn indonesian(e: &Error) -> String {
    let id = Lang::Id;
    let t = |s: &str| translate(s, id);
    match e {
        Error::Period { input, reason } => format!(
            "periode `{input}` tidak sah: {} (bentuk yang diterima: `2024` tahunan, `2024-S1`..`2024-S2` semester, `2024-Q1`..`2024-Q4` triwulan, `2024-01`..`2024-12` bulanan)",
            t(reason)
        ),
        Error::Indicator { at, field, reason }
        | Error::Input { at, field, reason }
        | Error::Rating { at, field, reason } => format!("{}: `{field}`: {}", at.text(id), t(reason)),
        Error::Missing { at, field, reason } => {
            format!("{}: `{field}` belum diisi: {}", at.text(id), t(reason))
        }
        Error::Duplicate { at, kind, id: key } => {
            format!("{}: {} `{key}` tercatat dua kali", at.text(id), t(kind))
        }
        Error::Unknown { at, kind, id: key } => format!("{}: {} `{key}` tidak dikenal", at.text(id), t(kind)),
        Error::Policy { path, reason } => format!("kebijakan `{path}`: {}", t(reason)),
        Error::Organisation { at, reason } => format!("{}: {}", at.text(id), t(reason)),
        Error::Instrument { instrument, at, field, reason } => {
            format!("`{instrument}`: {}: `{field}`: {}", at.text(id), t(reason))
        }
        Error::Arithmetic { at, operation } => {
            format!("{}: luapan aritmetika atau pembagian dengan nol pada {}", at.text(id), t(operation))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A template with a `{` never closed, a hole inside a hole or a single `}` is refused
    /// (a typo in a catalogue line), naming the template.
    #[test]
    fn broken_templates_are_refused() {
        assert_eq!(Template::parse("abc {def").err().as_deref(), Some("`abc {def`: a `{` never closed"));
        assert_eq!(Template::parse("abc {").err().as_deref(), Some("`abc {`: a `{` never closed"));
        assert_eq!(Template::parse("a {b{c}").err().as_deref(), Some("`a {b{c}`: a hole inside a hole"));
        assert_eq!(Template::parse("a } b").err().as_deref(), Some("`a } b`: a single `}`"));
        assert!(Template::parse("a {b} {{c}}").is_ok());
    }

    #[test]
    fn templates_match_and_fill() {
        let en = Template::parse("weight {w} is negative").unwrap();
        assert_eq!(en.matches("weight -5 is negative"), Some(vec!["-5"]));
        assert_eq!(en.matches("weight -5 is positive"), None);
        assert_eq!(en.matches("the weight -5 is negative"), None);
        let two = Template::parse("{} of {}: {{braces}}").unwrap();
        assert_eq!(two.matches("a of b of c: {braces}"), Some(vec!["a", "b of c"]));
        let id = Template::parse("bobot {w} negatif").unwrap();
        assert_eq!(id.fill(&[("w", "-5".into())], &mut [].iter()), "bobot -5 negatif");
        assert!(Template::parse("a } b").is_err());
    }

    #[test]
    fn the_catalogue_is_sound() {
        assert_eq!(catalogue_problems(), Vec::<String>::new());
        assert!(catalogue().len() > 300, "{}", catalogue().len());
    }

    #[test]
    fn longest_template_wins_and_inner_messages_are_translated() {
        assert_eq!(lookup("weight -5 is negative", Lang::Id).as_deref(), Some("bobot -5 negatif"));
        assert_eq!(lookup("weight -5 is negative", Lang::En).as_deref(), Some("weight -5 is negative"));
        assert_eq!(lookup("no such message anywhere", Lang::Id), None);
        assert!(
            translate("no such message anywhere", Lang::Id).starts_with("(keterangan dalam bahasa Inggris)")
        );
    }
}
