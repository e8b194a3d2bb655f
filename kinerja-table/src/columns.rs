//! Column resolution: headers as written (Indonesian, user-mapped) to canonical names, and
//! the declared type of every canonical column.
//!
//! A header resolves, in this order, through
//!
//! 1. the user mapping (`columns={"Capaian Riil": "actual"}`), matched exactly;
//! 2. the canonical name itself;
//! 3. the built-in [`ALIASES`], canonical names included, matched ignoring case, spaces and
//!    punctuation (`Unit Kerja`, `unit_kerja` and `UNIT-KERJA` are one header);
//! 4. a row-number header ([`ROW_NUMBER_HEADERS`]), which is skipped.
//!
//! A header within a small edit distance of a known name or alias (`weigth`, `polarty`,
//! `actaul`) is an error ("did you mean `weight`?"); any other header is reported in
//! `ignored_columns`, as is a known column that does not belong to the table being read. Two
//! headers resolving to one column are an error, and so is a missing required column.
//!
//! ```
//! use kinerja_table::columns::resolve;
//! use kinerja_table::schema::TableKind;
//! let headers = ["No", "NIP", "Nama", "Realisasi", "Target", "Catatan"];
//! let r = resolve(&headers, &[], TableKind::Indicators).unwrap();
//! assert_eq!(r.canonical, vec![None, Some("employee"), Some("name"), Some("actual"), Some("target"), None]);
//! assert_eq!(r.ignored, vec!["No".to_string(), "Catatan".to_string()]);
//! let e = resolve(&["NIP", "Target", "Realisasi", "Bobt"], &[], TableKind::Indicators).unwrap_err();
//! assert!(e.contains("did you mean `Bobot` (→ weight)"), "{e}");
//! ```

use crate::schema::{EMPLOYEE_COLUMNS, INDICATOR_COLUMNS, TableKind, UNIT_COLUMNS};
use crate::words::WordKind;

/// The declared type of a canonical column: what its cells must hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ColumnType {
    /// An identifier (NIP, unit id, indicator id): text, trimmed; integers are accepted,
    /// floats are refused.
    Id,
    /// Free text (names, descriptions), trimmed.
    Text,
    /// An exact decimal.
    Decimal,
    /// A yes/no flag.
    Flag,
    /// A period, stored in its printed form (`2024`, `2024-S1`, `2024-Q2`, `2024-03`).
    Period,
    /// A four-digit year.
    Year,
    /// One of an enumeration's values.
    Word(WordKind),
}

/// The declared type of a canonical column (`None` for an unknown name).
pub fn column_type(name: &str) -> Option<ColumnType> {
    use ColumnType::*;
    Some(match name {
        "employee" | "result" | "indicator" | "unit" | "parent" => Id,
        "result_description" | "indicator_name" | "unit_of_measure" | "name" | "position" => Text,
        "target" | "target_low" | "target_high" | "period_target" | "weight" | "cap" | "actual" => Decimal,
        "target_is_max" | "unit_head" => Flag,
        "period" => Period,
        "year" => Year,
        "result_kind" => Word(WordKind::ResultKind),
        "aspect" => Word(WordKind::Aspect),
        "polarity" => Word(WordKind::Polarity),
        "aggregation" => Word(WordKind::Aggregation),
        "post_type" => Word(WordKind::PostType),
        "functional_grade" => Word(WordKind::FunctionalGrade),
        "work_result" | "behaviour" => Word(WordKind::Rating),
        "org_predicate" => Word(WordKind::OrgPredicate),
        "predicate" => Word(WordKind::Predicate),
        _ => return None,
    })
}

/// The canonical columns a table may hold, in output order. The indicator table may repeat
/// the employee columns on each row (the long shape).
pub fn allowed_columns(kind: TableKind) -> Vec<&'static str> {
    match kind {
        TableKind::Indicators => {
            let mut v = INDICATOR_COLUMNS.to_vec();
            v.extend(EMPLOYEE_COLUMNS.iter().filter(|c| !INDICATOR_COLUMNS.contains(c)));
            v
        }
        TableKind::Employees => EMPLOYEE_COLUMNS.to_vec(),
        TableKind::Units => UNIT_COLUMNS.to_vec(),
    }
}

/// Built-in header aliases: `(alias, canonical name, only in this table)`. Matched ignoring
/// case, spaces and punctuation.
pub const ALIASES: &[(&str, &str, Option<TableKind>)] = &[
    ("NIP", "employee", None),
    ("NIP Baru", "employee", None),
    ("NIP Pegawai", "employee", None),
    ("Nomor Induk Pegawai", "employee", None),
    ("ID Pegawai", "employee", None),
    ("Nama", "name", None),
    ("Nama Pegawai", "name", None),
    ("Nama Lengkap", "name", None),
    ("Nama Unit", "name", Some(TableKind::Units)),
    ("Nama Unit Kerja", "name", Some(TableKind::Units)),
    ("Unit Kerja", "unit", None),
    ("Kode Unit", "unit", None),
    ("OPD", "unit", None),
    ("Perangkat Daerah", "unit", None),
    ("SKPD", "unit", None),
    ("Satuan Kerja", "unit", None),
    ("Unit Induk", "parent", None),
    ("Induk", "parent", None),
    ("Jabatan", "position", None),
    ("Nama Jabatan", "position", None),
    ("Jenis Jabatan", "post_type", None),
    ("Jenjang", "functional_grade", None),
    ("Jenjang Jabatan", "functional_grade", None),
    ("Kepala Unit", "unit_head", None),
    ("Pimpinan Unit", "unit_head", None),
    ("Tahun", "year", None),
    ("Periode", "period", None),
    ("Periode Penilaian", "period", None),
    ("Rencana Hasil Kerja", "result", None),
    ("RHK", "result", None),
    ("Kode RHK", "result", None),
    ("Uraian RHK", "result_description", None),
    ("Jenis RHK", "result_kind", None),
    ("Jenis Rencana Hasil Kerja", "result_kind", None),
    ("Indikator", "indicator", None),
    ("Indikator Kinerja", "indicator", None),
    ("Indikator Kinerja Individu", "indicator", None),
    ("IKI", "indicator", None),
    ("Kode Indikator", "indicator", None),
    ("Nama Indikator", "indicator_name", None),
    ("Uraian Indikator", "indicator_name", None),
    ("Satuan", "unit_of_measure", None),
    ("Satuan Ukuran", "unit_of_measure", None),
    ("Aspek", "aspect", None),
    ("Polaritas", "polarity", None),
    ("Arah", "polarity", None),
    ("Arah Indikator", "polarity", None),
    ("Agregasi", "aggregation", None),
    ("Target", "target", None),
    ("Target Bawah", "target_low", None),
    ("Target Minimum", "target_low", None),
    ("Target Atas", "target_high", None),
    ("Target Maksimum", "target_high", None),
    ("Target Periode", "period_target", None),
    ("Target Periodik", "period_target", None),
    ("Realisasi", "actual", None),
    ("Bobot", "weight", None),
    ("Batas Capaian", "cap", None),
    ("Hasil Kerja", "work_result", None),
    ("Rating Hasil Kerja", "work_result", None),
    ("Penilaian Hasil Kerja", "work_result", None),
    ("Perilaku", "behaviour", None),
    ("Perilaku Kerja", "behaviour", None),
    ("Rating Perilaku", "behaviour", None),
    ("Rating Perilaku Kerja", "behaviour", None),
    ("behavior", "behaviour", None),
    ("Predikat Organisasi", "org_predicate", None),
    ("Predikat Kinerja Organisasi", "org_predicate", None),
    ("Predikat", "predicate", None),
    ("Predikat Kinerja", "predicate", None),
    ("Predikat Kinerja Pegawai", "predicate", None),
];

/// Headers of a row-number column, skipped (and listed in `ignored_columns`).
pub const ROW_NUMBER_HEADERS: &[&str] = &["No", "No.", "Nomor", "No Urut", "#"];

/// The outcome of resolving a header row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolved {
    /// For each header, the canonical name it resolved to (`None`: not read).
    pub canonical: Vec<Option<&'static str>>,
    /// The headers not read, as written, in order.
    pub ignored: Vec<String>,
}

/// The header normalised for matching: lowercase letters and digits only.
pub fn normalise(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Resolves a header row for `kind` with the user's `mapping` (header as written → canonical
/// name). The error says which headers are wrong and what was found.
pub fn resolve(headers: &[&str], mapping: &[(String, String)], kind: TableKind) -> Result<Resolved, String> {
    let allowed = allowed_columns(kind);
    let all = all_canonical();
    for (header, target) in mapping {
        if !all.contains(&target.as_str()) {
            return Err(format!(
                "the column mapping `{header}` → `{target}` names no canonical column; canonical columns: {}",
                all.join(", ")
            ));
        }
        if !headers.contains(&header.as_str()) {
            return Err(format!(
                "the column mapping names `{header}`, which is not a header of the {} table; headers found: {}",
                kind.name(),
                quoted(headers)
            ));
        }
    }
    let mut canonical = Vec::with_capacity(headers.len());
    let mut ignored = Vec::new();
    for header in headers {
        let found = match mapping.iter().find(|(h, _)| h == header) {
            Some((_, target)) => all.iter().copied().find(|c| *c == target.as_str()),
            None => known(header, kind),
        };
        match found {
            Some(name) if allowed.contains(&name) => canonical.push(Some(name)),
            Some(_) => {
                canonical.push(None);
                ignored.push(header.to_string());
            }
            None => {
                let n = normalise(header);
                let row_number = ROW_NUMBER_HEADERS.iter().any(|r| normalise(r) == n);
                if !row_number {
                    if let Some(near) = near_miss(&n, kind) {
                        return Err(format!(
                            "the {} table has a column `{header}`: did you mean {near}? Rename the header, or map it \
                             with columns={{\"{header}\": \"...\"}} (CLI `--column \"{header}=...\"`)",
                            kind.name()
                        ));
                    }
                }
                canonical.push(None);
                ignored.push(header.to_string());
            }
        }
    }
    for (i, c) in canonical.iter().enumerate() {
        if let Some(name) = c {
            if let Some(j) = canonical[..i].iter().position(|d| d == c) {
                return Err(format!(
                    "the {} table has two columns for `{name}`: `{}` and `{}`; keep one, or map one of them to \
                     another column with columns={{...}}",
                    kind.name(),
                    headers[j],
                    headers[i]
                ));
            }
        }
    }
    check_required(headers, &canonical, kind)?;
    Ok(Resolved { canonical, ignored })
}

/// [`resolve`] with one mapping for every table: only the mappings of headers present apply.
/// When the table lacks a column it requires and a mapping of a header it does not have names
/// that column, the mapping's header is the error (misspelt, most likely), not the column.
///
/// ```
/// use kinerja_table::columns::resolve_shared;
/// use kinerja_table::schema::TableKind;
/// let map = [("Capaian Rill".to_string(), "actual".to_string())];
/// let e = resolve_shared(&["NIP", "Target", "Capaian Riil"], &map, TableKind::Indicators).unwrap_err();
/// assert!(e.starts_with("the column mapping names `Capaian Rill` for `actual`"), "{e}");
/// // a mapping for another table's header is left to that table
/// let map = [("Satuan Kerja".to_string(), "unit".to_string())];
/// assert!(resolve_shared(&["NIP", "Target", "Realisasi"], &map, TableKind::Indicators).is_ok());
/// ```
pub fn resolve_shared(
    headers: &[&str],
    mapping: &[(String, String)],
    kind: TableKind,
) -> Result<Resolved, String> {
    let here: Vec<(String, String)> =
        mapping.iter().filter(|(h, _)| headers.contains(&h.as_str())).cloned().collect();
    resolve(headers, &here, kind).map_err(|e| {
        let provided = |target: &str| {
            headers.iter().any(|h| match here.iter().find(|(m, _)| m == h) {
                Some((_, t)) => t == target,
                None => known(h, kind) == Some(target),
            })
        };
        let misspelt = mapping.iter().find(|(h, t)| {
            !headers.contains(&h.as_str()) && required(kind).contains(&t.as_str()) && !provided(t)
        });
        match misspelt {
            Some((header, target)) => format!(
                "the column mapping names `{header}` for `{target}`, which is not a header of the {} table; \
                 check its spelling; headers found: {}",
                kind.name(),
                quoted(headers)
            ),
            None => e,
        }
    })
}

/// The canonical columns `kind` cannot do without (one of a pair for a range target).
fn required(kind: TableKind) -> &'static [&'static str] {
    match kind {
        TableKind::Indicators => &["employee", "actual", "target", "target_low", "target_high"],
        TableKind::Employees => &["employee"],
        TableKind::Units => &["unit"],
    }
}

/// The type of the column `header` names in a `kind` table when no mapping is given (`None`:
/// a header the table does not read).
///
/// ```
/// use kinerja_table::columns::{header_type, ColumnType};
/// use kinerja_table::schema::TableKind;
/// assert_eq!(header_type("Realisasi", TableKind::Indicators), Some(ColumnType::Decimal));
/// assert_eq!(header_type("NIP", TableKind::Indicators), Some(ColumnType::Id));
/// assert_eq!(header_type("Catatan", TableKind::Indicators), None);
/// ```
pub fn header_type(header: &str, kind: TableKind) -> Option<ColumnType> {
    known(header, kind).filter(|c| allowed_columns(kind).contains(c)).and_then(column_type)
}

/// The canonical columns a table cannot do without.
fn check_required(
    headers: &[&str],
    canonical: &[Option<&'static str>],
    kind: TableKind,
) -> Result<(), String> {
    let has = |c: &str| canonical.contains(&Some(c));
    let missing: Vec<&str> = match kind {
        TableKind::Indicators => {
            let mut m = Vec::new();
            if !has("employee") {
                m.push("employee (NIP)");
            }
            if !has("actual") {
                m.push("actual (Realisasi)");
            }
            let range = has("target_low") && has("target_high");
            if !has("target") && !range {
                m.push("target (Target), or target_low and target_high");
            }
            m
        }
        TableKind::Employees => {
            if has("employee") {
                vec![]
            } else {
                vec!["employee (NIP)"]
            }
        }
        TableKind::Units => {
            if has("unit") {
                vec![]
            } else {
                vec!["unit (Unit Kerja)"]
            }
        }
    };
    if missing.is_empty() {
        return Ok(());
    }
    let found: Vec<String> = headers
        .iter()
        .zip(canonical)
        .map(|(h, c)| match c {
            Some(c) if *c != *h => format!("`{h}` → {c}"),
            Some(_) => format!("`{h}`"),
            None => format!("`{h}` (ignored)"),
        })
        .collect();
    // a title above the table (a report's name, merged cells) read as the header row
    let blank = headers.iter().filter(|h| h.trim().is_empty()).count();
    if headers.len() > 1 && blank * 2 >= headers.len() {
        return Err(format!(
            "the {} table lacks the column {}; its header row is mostly empty (headers found: {}): the first \
             filled row is read as the header, so delete any rows above the table's header (a title)",
            kind.name(),
            missing.join(", "),
            found.join(", ")
        ));
    }
    Err(format!(
        "the {} table lacks the column {}; headers found: {}",
        kind.name(),
        missing.join(", "),
        if found.is_empty() { "none".to_string() } else { found.join(", ") }
    ))
}

/// The canonical column a header names, through the canonical names and the aliases.
fn known(header: &str, kind: TableKind) -> Option<&'static str> {
    let all = all_canonical();
    if let Some(c) = all.iter().find(|c| **c == header) {
        return Some(*c);
    }
    let n = normalise(header);
    if n.is_empty() {
        return None;
    }
    all.iter().copied().find(|c| normalise(c) == n).or_else(|| {
        ALIASES
            .iter()
            .find(|(alias, _, only)| only.is_none_or(|k| k == kind) && normalise(alias) == n)
            .map(|(_, c, _)| *c)
    })
}

/// The canonical name or alias a header is one edit (a letter added, dropped, changed or two
/// swapped) away from, as shown in the message: `` `weight` `` or `` `Bobot` (→ weight) ``.
fn near_miss(n: &str, kind: TableKind) -> Option<String> {
    if n.chars().count() < 4 {
        return None;
    }
    let allowed = allowed_columns(kind);
    let names = allowed.iter().map(|c| (normalise(c), format!("`{c}`"))).chain(
        ALIASES
            .iter()
            .filter(|(_, c, only)| allowed.contains(c) && only.is_none_or(|k| k == kind))
            .map(|(a, c, _)| (normalise(a), format!("`{a}` (→ {c})"))),
    );
    names
        .filter(|(cand, _)| cand.chars().count() >= 4 && distance(n, cand) == 1)
        .map(|(_, shown)| shown)
        .next()
}

/// Optimal string alignment distance (Levenshtein with adjacent transpositions).
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[i - 2][j - 2] + 1);
            }
            d[i][j] = v;
        }
    }
    d[a.len()][b.len()]
}

/// Every canonical column of every table, without repeats.
fn all_canonical() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = Vec::new();
    for c in INDICATOR_COLUMNS.iter().chain(EMPLOYEE_COLUMNS).chain(UNIT_COLUMNS) {
        if !v.contains(c) {
            v.push(c);
        }
    }
    v
}

fn quoted(headers: &[&str]) -> String {
    headers.iter().map(|h| format!("`{h}`")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn every_canonical_column_has_a_type_and_every_alias_a_target() {
        for c in all_canonical() {
            assert!(column_type(c).is_some(), "{c}");
        }
        for (alias, c, _) in ALIASES {
            assert!(all_canonical().contains(c), "{alias} → {c}");
            // no alias is a near miss of another column's alias or name
            assert_eq!(
                known(alias, TableKind::Indicators).or(known(alias, TableKind::Units)),
                Some(*c),
                "{alias}"
            );
        }
    }

    #[test]
    fn bkpsdm_headers() {
        let h = [
            "No",
            "NIP",
            "Nama",
            "Jabatan",
            "Unit Kerja",
            "Jenis Jabatan",
            "Rencana Hasil Kerja",
            "Indikator",
            "Target",
            "Realisasi",
            "Satuan",
            "Bobot",
            "Periode",
            "Hasil Kerja",
            "Perilaku",
        ];
        let r = resolve(&h, &[], TableKind::Indicators).unwrap();
        let want = [
            None,
            Some("employee"),
            Some("name"),
            Some("position"),
            Some("unit"),
            Some("post_type"),
            Some("result"),
            Some("indicator"),
            Some("target"),
            Some("actual"),
            Some("unit_of_measure"),
            Some("weight"),
            Some("period"),
            Some("work_result"),
            Some("behaviour"),
        ];
        assert_eq!(r.canonical, want);
        assert_eq!(r.ignored, vec!["No"]);
    }

    #[test]
    fn matching_ignores_case_spaces_punctuation() {
        for h in ["unit kerja", "UNIT_KERJA", "Unit-Kerja", " Unit  Kerja "] {
            assert_eq!(known(h, TableKind::Employees), Some("unit"), "{h}");
        }
        assert_eq!(known("Bobot (%)", TableKind::Indicators), Some("weight"));
        assert_eq!(known("Nama Unit", TableKind::Units), Some("name"));
        assert_eq!(known("Nama Unit", TableKind::Indicators), None);
    }

    #[test]
    fn typos_duplicates_missing_and_mapping() {
        let base = ["employee", "target", "actual"];
        for (typo, want) in
            [("weigth", "`weight`"), ("polarty", "`polarity`"), ("Realisai", "`Realisasi` (→ actual)")]
        {
            let mut h = base.to_vec();
            h.push(typo);
            let e = resolve(&h, &[], TableKind::Indicators).unwrap_err();
            assert!(e.contains(&format!("did you mean {want}")), "{typo}: {e}");
        }
        let e = resolve(&["employee", "target", "actaul"], &[], TableKind::Indicators).unwrap_err();
        assert!(e.contains("did you mean `actual`"), "{e}");
        let e = resolve(&["NIP", "employee", "target", "actual"], &[], TableKind::Indicators).unwrap_err();
        assert!(e.contains("two columns for `employee`") && e.contains("`NIP`"), "{e}");
        let e = resolve(&["NIP", "Target"], &[], TableKind::Indicators).unwrap_err();
        assert!(e.contains("actual (Realisasi)") && e.contains("`NIP` → employee"), "{e}");
        let m = vec![("Capaian Riil".to_string(), "actual".to_string())];
        let r = resolve(&["NIP", "Target", "Capaian Riil"], &m, TableKind::Indicators).unwrap();
        assert_eq!(r.canonical[2], Some("actual"));
        let bad = vec![("Capaian Riil".to_string(), "actuals".to_string())];
        assert!(resolve(&["NIP", "Target", "Capaian Riil"], &bad, TableKind::Indicators).is_err());
        let absent = vec![("Nope".to_string(), "actual".to_string())];
        let e = resolve(&["NIP", "Target", "Realisasi"], &absent, TableKind::Indicators).unwrap_err();
        assert!(e.contains("`Nope`") && e.contains("`Realisasi`"), "{e}");
        // a unit table ignores employee columns, and extra columns are listed
        let r = resolve(&["Unit Kerja", "NIP", "Keterangan"], &[], TableKind::Units).unwrap();
        assert_eq!(r.ignored, vec!["NIP", "Keterangan"]);
        // short or distant headers are not typos
        let extra =
            ["Catatan", "Golongan", "ket", "Nama Atasan", "Sasaran", "Status", "Keterangan", "Tanggal"];
        let mut h = vec!["NIP", "Target", "Realisasi"];
        h.extend(extra);
        let r = resolve(&h, &[], TableKind::Indicators);
        assert_eq!(r.unwrap().ignored, extra.to_vec());
    }
}
