//! The messages an audit found half-translated when Bahasa Indonesia is chosen, each with the
//! English text its code writes (copied from the source, every variant it builds), checked
//! through the catalogue (`kinerja_core::error::translate`) against its exact Indonesian: no
//! English word of the source is left (outside code in backticks and quoted values).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::{catalogue_problems, lookup, translate};
use kinerja_core::explain::Lang;
use kinerja_core::model::{Indicator, Target};
use kinerja_core::period::Period;
use kinerja_core::regime::targets::target_for;
use kinerja_core::rules::Policy;
use rust_decimal_macros::dec;

mod support;
use support::words;

/// English words of the audited messages; none may be left in their Indonesian (`target`,
/// `label` and `id` are Indonesian words too).
const ENGLISH: &[&str] = &[
    "a",
    "an",
    "the",
    "is",
    "are",
    "has",
    "have",
    "but",
    "and",
    "or",
    "of",
    "on",
    "in",
    "for",
    "to",
    "be",
    "must",
    "line",
    "row",
    "rows",
    "fields",
    "header",
    "check",
    "delimiter",
    "quoting",
    "quotes",
    "double",
    "holding",
    "field",
    "indicator",
    "cumulative",
    "declared",
    "covers",
    "fix",
    "one",
    "percentage",
    "never",
    "pro",
    "rated",
    "employee",
    "empty",
    "every",
    "needs",
    "definition",
    "same",
    "each",
    "period",
    "periods",
    "tables",
    "table",
    "hold",
    "years",
    "say",
    "which",
    "evaluate",
    "column",
    "columns",
    "encoding",
    "known",
    "not",
    "use",
    "standard",
    "such",
    "as",
    "lacks",
    "headers",
    "found",
    "ignored",
    "none",
    "did",
    "you",
    "mean",
    "rename",
    "map",
    "it",
    "with",
    "two",
    "keep",
    "them",
    "another",
    "workbook",
    "sheet",
    "sheets",
    "its",
    "failed",
    "deserialize",
    "query",
    "string",
    "parameters",
    "invalid",
    "type",
    "integer",
    "expected",
    "struct",
    "missing",
    "unknown",
    "variant",
    "value",
    "at",
    "duplicate",
    "appears",
    "twice",
    "give",
    "once",
    "most",
    "sequence",
    "boolean",
];

/// `english` in Indonesian is exactly `indonesian`, with no English word left.
fn wholly(english: &str, indonesian: &str) {
    wholly_after("", english, indonesian);
}

/// [`wholly`] for a message that starts with the user's `path` (a JSON path such as
/// `plans[0].period`, kept as written).
fn wholly_after(path: &str, english: &str, indonesian: &str) {
    let got = lookup(english, Lang::Id).unwrap_or_else(|| panic!("no template for: {english}"));
    assert_eq!(got, indonesian, "\nfor: {english}");
    let own = got.strip_prefix(path).unwrap_or_else(|| panic!("`{got}` does not start with `{path}`"));
    let left: Vec<String> = words(own).into_iter().filter(|w| ENGLISH.contains(&w.as_str())).collect();
    assert!(left.is_empty(), "English {left:?} in: {got}");
    assert_eq!(translate(english, Lang::En), english);
}

#[test]
fn the_catalogue_with_the_new_entries_is_sound() {
    assert_eq!(catalogue_problems(), Vec::<String>::new());
}

/// kinerja-table/src/read/delimited.rs, `csv_reason`: with and without the line.
#[test]
fn a_row_with_more_fields_than_the_header() {
    let tail_en =
        "; check the delimiter and quoting (a field holding the delimiter must be in double quotes)";
    let tail_id = "; periksa pemisah kolom dan tanda kutipnya (isian yang memuat pemisah kolom harus diapit tanda \
                   kutip ganda)";
    wholly(
        &format!("line 3: a row has 3 fields but the header has 4{tail_en}"),
        &format!("baris 3: sebuah baris berisi 3 isian, padahal baris judul berisi 4{tail_id}"),
    );
    wholly(
        &format!("a row has 5 fields but the header has 4{tail_en}"),
        &format!("sebuah baris berisi 5 isian, padahal baris judul berisi 4{tail_id}"),
    );
    // inside the frame the reader gives it
    wholly(
        &format!(
            "`bad.csv` is not a readable table: line 3: a row has 3 fields but the header has 4{tail_en}"
        ),
        &format!(
            "`bad.csv` bukan tabel yang dapat dibaca: baris 3: sebuah baris berisi 3 isian, padahal baris judul berisi 4{tail_id}"
        ),
    );
}

const FIX_ID: &str = "; perbaiki dengan salah satu cara berikut: tetapkan `period_targets` untuk {gaps} (atau untuk \
                      bagian-bagiannya); tetapkan `aggregation = \"mean\"` atau `\"last\"` jika indikatornya berupa \
                      rasio, indeks, atau persentase (target tahunannya lalu berlaku di setiap periode); atau, untuk \
                      indikator berupa jumlah/hitungan, atur kebijakan `achievement.prorate_cumulative = true` agar \
                      target tahunan dibagi secara prorata menurut bulan";

/// kinerja-core/src/regime/targets.rs, `missing_error`: each `{what}` and `{pct}` it builds,
/// as the engine writes them.
#[test]
fn a_cumulative_indicator_without_a_target_for_the_period() {
    let p = |s: &str| s.parse::<Period>().unwrap();
    let refuse = |ind: &Indicator, period: &str| {
        target_for(ind, p(period), &Policy::default(), &Default::default()).unwrap_err()
    };
    let count = Indicator::new("a", "Pasien", Target::Point(dec!(1200)));
    let mut pct = Indicator::new("a", "Cakupan", Target::Point(dec!(80)));
    pct.unit_of_measure = "%".into();
    let mut parts = Indicator::new("a", "Pasien", Target::Point(dec!(1200)));
    parts.period_targets.insert(p("2024-Q1"), Target::Point(dec!(300)));
    let mut parts_pct = pct.clone();
    parts_pct.period_targets.insert(p("2024-Q1"), Target::Point(dec!(80)));

    let cases = [
        (&count, "tidak ada target yang ditetapkan untuk 2024-S1", "2024-S1"),
        (
            &pct,
            "tidak ada target yang ditetapkan untuk 2024-S1 (persentase tidak pernah diprorata)",
            "2024-S1",
        ),
        (&parts, "tidak ada target ditetapkan yang mencakup 2024-Q2 dari 2024-S1", "2024-Q2"),
        (
            &parts_pct,
            "tidak ada target ditetapkan yang mencakup 2024-Q2 dari 2024-S1 (persentase tidak pernah diprorata)",
            "2024-Q2",
        ),
    ];
    for (ind, what, gaps) in cases {
        let e = refuse(ind, "2024-S1");
        let en = e.to_string();
        let reason = en.split_once("period_targets: ").map_or(en.as_str(), |(_, r)| r);
        assert!(reason.starts_with("indicator `a` is cumulative and "), "{en}");
        let want = format!("indikator `a` bersifat kumulatif dan {what}{}", FIX_ID.replace("{gaps}", gaps));
        wholly(reason, &want);
        assert!(e.message(Lang::Id).ends_with(&want), "{}", e.message(Lang::Id));
    }
}

/// kinerja-table/src/canonical/mod.rs, `required_ids` with `row_id`.
#[test]
fn a_row_without_its_id() {
    wholly(
        "the employee id (NIP) is empty; every row needs one",
        "id pegawai (NIP) kosong; setiap baris memerlukannya",
    );
    wholly(
        "the unit id (Unit Kerja) is empty; every row needs one",
        "id unit kerja (Unit Kerja) kosong; setiap baris memerlukannya",
    );
}

/// kinerja-table/src/score/aggregate.rs (an indicator's period rows) and keys.rs (an employee
/// column repeated on indicator rows), with a cell shown as `(empty)` on either side.
#[test]
fn a_definition_that_differs_between_period_rows() {
    let def_en = "; an indicator's definition must be the same on each of its period rows";
    let def_id = "; definisi sebuah indikator harus sama pada setiap baris periodenya";
    wholly(
        &format!("`target` is \"100\" on row 1 but \"200\" on row 2{def_en}"),
        &format!("`target` bernilai \"100\" pada baris 1 tetapi \"200\" pada baris 2{def_id}"),
    );
    wholly(
        &format!("`weight` is \"(empty)\" on row 1 but \"40\" on row 2{def_en}"),
        &format!("`weight` kosong pada baris 1 tetapi bernilai \"40\" pada baris 2{def_id}"),
    );
    wholly(
        &format!("`weight` is \"40\" on row 1 but \"(empty)\" on row 2{def_en}"),
        &format!("`weight` bernilai \"40\" pada baris 1 tetapi kosong pada baris 2{def_id}"),
    );
    let emp_en = "; an employee column repeated on indicator rows must be the same on every row";
    let emp_id = "; kolom data pegawai yang diulang pada baris indikator harus sama di setiap baris";
    wholly(
        &format!("employee `e1` has `unit` \"(empty)\" on row 1 but \"BKD\" on row 2{emp_en}"),
        &format!("pegawai `e1` memiliki `unit` kosong pada baris 1 tetapi \"BKD\" pada baris 2{emp_id}"),
    );
}

/// kinerja-table/src/keys.rs: duplicate rows, whose `{what}` names the employee (and
/// indicator and period).
#[test]
fn duplicate_rows() {
    wholly(
        "duplicate row: employee `e1`, indicator `a`, period 2024 on rows 1 and 2; keep one row per employee, \
         indicator and period",
        "baris ganda: pegawai `e1`, indikator `a`, periode 2024 pada baris 1 dan 2; sisakan satu baris per \
         pegawai, indikator, dan periode",
    );
    wholly(
        "duplicate row: employee `e1`, indicator `a` on rows 1 and 2; keep one row per employee, indicator and \
         period",
        "baris ganda: pegawai `e1`, indikator `a` pada baris 1 dan 2; sisakan satu baris per pegawai, indikator, \
         dan periode",
    );
    wholly(
        "duplicate row: employee `e1` appears twice for period 2024 (rows 1 and 2); keep one row per employee and \
         period",
        "baris ganda: pegawai `e1` muncul dua kali untuk periode 2024 (baris 1 dan 2); sisakan satu baris per \
         pegawai dan periode",
    );
    wholly(
        "duplicate row: employee `e1` appears twice (rows 1 and 2); keep one row per employee",
        "baris ganda: pegawai `e1` muncul dua kali (baris 1 dan 2); sisakan satu baris per pegawai",
    );
}

/// kinerja-table/src/score/mod.rs: the period of the tables, and `period_target`.
#[test]
fn periods_of_the_tables() {
    wholly(
        "the tables hold periods of 2 years (2023, 2024); say which period to evaluate (period=…)",
        "tabel memuat periode dari 2 tahun (2023, 2024); sebutkan periode yang dievaluasi (`period=…`)",
    );
    wholly(
        "a `period_target` column needs a `period` column (the period each target is declared for)",
        "kolom `period_target` memerlukan kolom `period` (periode tempat setiap target ditetapkan)",
    );
}

/// kinerja-table/src/read/delimited.rs and read/workbook.rs: options of the reader.
#[test]
fn reader_options() {
    wholly(
        "encoding `klingon` is not known; use a standard label such as utf-8, windows-1252, latin1, utf-16le",
        "pengodean `klingon` tidak dikenal; gunakan label baku seperti utf-8, windows-1252, latin1, utf-16le",
    );
    wholly(
        "the workbook has no sheet `Data`; its sheets: Lembar1, Rekap",
        "buku kerja tidak memiliki lembar kerja `Data`; lembar kerjanya: Lembar1, Rekap",
    );
    wholly("the workbook has no sheet", "buku kerja tidak memiliki lembar kerja");
}

/// kinerja-table/src/columns.rs: a missing column (its lists translated item by item), a
/// misspelt header, two headers for one column.
#[test]
fn headers() {
    wholly(
        "the indicators table lacks the column employee (NIP), actual (Realisasi); headers found: `Pegawai` \
         (ignored), `indicator`, `target`",
        "tabel `indicators` tidak memiliki kolom `employee` (NIP), `actual` (Realisasi); judul yang ada: \
         `Pegawai` (diabaikan), `indicator`, `target`",
    );
    wholly(
        "the indicators table lacks the column target (Target), or target_low and target_high; headers found: \
         `NIP` → employee, `Realisasi` → actual, `No` (ignored)",
        "tabel `indicators` tidak memiliki kolom `target` (Target), atau `target_low` dan `target_high`; judul \
         yang ada: `NIP` → `employee`, `Realisasi` → `actual`, `No` (diabaikan)",
    );
    wholly(
        "the units table lacks the column unit (Unit Kerja); headers found: none",
        "tabel `units` tidak memiliki kolom `unit` (Unit Kerja); judul yang ada: tidak ada",
    );
    wholly(
        "the indicators table has a column `actaul`: did you mean `actual`? Rename the header, or map it with \
         columns={\"actaul\": \"...\"} (CLI `--column \"actaul=...\"`)",
        "tabel `indicators` memiliki kolom `actaul`: apakah maksudnya `actual`? Ganti judul kolom itu, atau \
         petakan dengan `columns={\"actaul\": \"...\"}` (CLI `--column \"actaul=...\"`)",
    );
    wholly(
        "the indicators table has a column `Realisais`: did you mean `Realisasi` (→ actual)? Rename the header, \
         or map it with columns={\"Realisais\": \"...\"} (CLI `--column \"Realisais=...\"`)",
        "tabel `indicators` memiliki kolom `Realisais`: apakah maksudnya `Realisasi` (→ actual)? Ganti judul \
         kolom itu, atau petakan dengan `columns={\"Realisais\": \"...\"}` (CLI `--column \"Realisais=...\"`)",
    );
    wholly(
        "the indicators table has two columns for `actual`: `actual` and `Realisasi`; keep one, or map one of \
         them to another column with columns={...}",
        "tabel `indicators` memiliki dua kolom untuk `actual`: `actual` dan `Realisasi`; pertahankan satu, atau \
         petakan salah satunya ke kolom lain dengan `columns={...}`",
    );
}

/// kinerja-server/src/score/mod.rs: axum's rejection of a query string (`query_problem`, and
/// `split_query` with its hints).
#[test]
fn query_strings_of_the_server() {
    let params_id = "parameter yang tersedia: `rules`, `number_format`, `lang`, `on_error`, `detail`, \
                     `delimiter`, `encoding`, `sheet`, `period`, dan `columns`";
    // axum's text, the parameter's name (serde_path_to_error) before serde's message
    wholly_after(
        "parameter kueri tidak dapat dibaca: bogus",
        "Failed to deserialize query string: bogus: unknown field `bogus`, expected one of `rules`, \
         `number_format`, `lang`; the parameters are rules, number_format, lang, on_error, detail, delimiter, \
         encoding, sheet, period and columns",
        &format!(
            "parameter kueri tidak dapat dibaca: bogus: kolom `bogus` tidak dikenal; yang diterima: `rules`, \
             `number_format`, `lang`; {params_id}"
        ),
    );
    wholly(
        "Failed to deserialize query string: unknown field `bogus`, expected one of `rules`, `number_format`, \
         `lang`; the parameters are rules, number_format, lang, on_error, detail, delimiter, encoding, sheet, \
         period and columns",
        &format!(
            "parameter kueri tidak dapat dibaca: kolom `bogus` tidak dikenal; yang diterima: `rules`, \
             `number_format`, `lang`; {params_id}"
        ),
    );
    wholly(
        "Failed to deserialize query string: duplicate field `lang`; the parameters are rules, number_format, \
         lang, on_error, detail, delimiter, encoding, sheet, period and columns",
        &format!("parameter kueri tidak dapat dibaca: kolom `lang` tertulis dua kali; {params_id}"),
    );
    wholly(
        "Failed to deserialize query string: duplicate field `employee`; give the employee's NIP once, as \
         employee=…",
        "parameter kueri tidak dapat dibaca: kolom `employee` tertulis dua kali; sebutkan NIP pegawai satu kali, \
         sebagai `employee=…`",
    );
    wholly(
        "Failed to deserialize query string: duplicate field `format`; give `employee` and `format` at most once",
        "parameter kueri tidak dapat dibaca: kolom `format` tertulis dua kali; isi `employee` dan `format` paling \
         banyak satu kali",
    );
}

/// kinerja-server/src/body.rs (`{path}: {inner}`): the shapes of serde_json's data errors.
#[test]
fn json_bodies_of_the_wrong_shape() {
    wholly(
        "plan: invalid type: integer `5`, expected struct Plan at line 1 column 10",
        "plan: jenis nilai salah: bilangan bulat `5`; seharusnya objek Plan pada baris 1 kolom 10",
    );
    wholly(
        "plans[0].year: invalid type: string \"x\", expected u16 at line 1 column 20",
        "plans[0].year: jenis nilai salah: teks \"x\"; seharusnya bilangan bulat 0–65535 pada baris 1 kolom 20",
    );
    wholly(
        "plans: invalid type: map, expected a sequence at line 1 column 9",
        "plans: jenis nilai salah: objek; seharusnya larik pada baris 1 kolom 9",
    );
    wholly_after(
        "period",
        "period: invalid value: string \"x\", expected a period such as \"2024\", \"2024-S1\", \"2024-Q2\" or \
         \"2024-03\" at line 1 column 3",
        "period: nilai salah: teks \"x\"; seharusnya periode seperti \"2024\", \"2024-S1\", \"2024-Q2\" atau \
         \"2024-03\" pada baris 1 kolom 3",
    );
    wholly(
        "plan: missing field `employee` at line 1 column 10",
        "plan: kolom `employee` wajib diisi pada baris 1 kolom 10",
    );
    wholly(
        "plan.bogus: unknown field `bogus`, expected one of `employee`, `year` at line 1 column 16",
        "plan.bogus: kolom `bogus` tidak dikenal; yang diterima: `employee`, `year` pada baris 1 kolom 16",
    );
    wholly_after(
        "a.regime",
        "a.regime: unknown variant `pp-99`, expected one of `pp-46-2011`, `permenpanrb-6-2022` at line 1 column 20",
        "a.regime: pilihan `pp-99` tidak dikenal; yang diterima: `pp-46-2011`, `permenpanrb-6-2022` pada baris 1 \
         kolom 20",
    );
    wholly_after(
        "plan.results[0].indicators[0].target",
        "plan.results[0].indicators[0].target: a target is a number (e.g. 100 or \"92.5\") or a range {\"low\": \
         80, \"high\": 90} at line 1 column 40",
        "plan.results[0].indicators[0].target: target berupa angka (mis. 100 atau \"92.5\") atau rentang \
         {\"low\": 80, \"high\": 90} pada baris 1 kolom 40",
    );
    wholly(
        "indicators[0]: invalid type: boolean `true`, expected a row: an object of column → cell at line 1 \
         column 20",
        "indicators[0]: jenis nilai salah: nilai benar/salah `true`; seharusnya baris: objek kolom → sel pada baris 1 \
         kolom 20",
    );
}

/// The messages of the fixes that followed the audit: a ruleset batch scoring does not
/// implement, a UTF-16 file, a unit's organisational predicates that differ, a report without
/// employees, a distribution entry of the wrong members.
#[test]
fn messages_of_the_audits_fixes() {
    wholly(
        "batch scoring implements PermenPANRB 6/2022; for PP 46/2011 jo. Perka BKN 1/2013 evaluate plans one by \
         one (kj.evaluate / `POST /v1/evaluate`)",
        "penilaian tabel sekaligus hanya menerapkan PermenPANRB 6/2022; untuk PP 46/2011 jo. Perka BKN 1/2013 \
         evaluasi rencana satu per satu (`kj.evaluate` / `POST /v1/evaluate`)",
    );
    wholly(
        "the text starts with the byte-order mark of utf-16le (Excel's \"Unicode Text\" is saved so), not UTF-8: \
         read it with encoding=\"utf-16le\" (CLI `--encoding utf-16le`), or save it as \"CSV UTF-8\"",
        "teks diawali penanda urutan bita utf-16le (begitulah \"Unicode Text\" Excel disimpan), bukan UTF-8: \
         bacalah dengan `encoding=\"utf-16le\"` (CLI `--encoding utf-16le`), atau simpan sebagai \"CSV UTF-8\"",
    );
    wholly(
        "unit `u1` has `org_predicate` \"Baik\" on row 1 but \"Istimewa\" on row 2; give a unit's org_predicate \
         the same on every row of its employees, or once in a unit table",
        "unit `u1` memiliki `org_predicate` \"Baik\" pada baris 1 tetapi \"Istimewa\" pada baris 2; isikan \
         `org_predicate` sebuah unit sama pada setiap baris pegawainya, atau sekali saja dalam tabel unit",
    );
    wholly(
        "employee `2` has `org_predicate` \"outstanding\" but the unit table gives unit `u1` \"good\" on its row 1; \
         give a unit's org_predicate once, in the unit table, or the same on the employee's row",
        "pegawai `2` memiliki `org_predicate` \"outstanding\" tetapi tabel unit memberi unit `u1` \"good\" pada \
         barisnya 1; isikan `org_predicate` sebuah unit sekali saja, dalam tabel unit, atau sama pada baris pegawai",
    );
    wholly(
        "the tables hold no employee, so there is no document to make; give at least one row",
        "tabel tidak memuat pegawai, sehingga tidak ada dokumen yang dapat dibuat; berikan paling sedikit satu baris",
    );
    wholly(
        "an object names its employee once, as `employee` (got {\"employee\":\"e1\",\"id\":\"e2\"})",
        "objek menyebut pegawainya satu kali, sebagai `employee` (diterima {\"employee\":\"e1\",\"id\":\"e2\"})",
    );
}
