//! Tests for `kinerja-core/src/error/mod.rs` and `error/wording.rs` (cargo-mutants on both
//! files): a `Location`'s parts and its words in both languages, each variant's family,
//! location, field and kind, `at_row` and `within`, the names `Field::from_name` and
//! `Subject::from_name` read; and the catalogue's machinery through `lookup`: several unnamed
//! holes, a constant's hole, a value hole kept as written even when it reads as a message,
//! inner messages and lists translated four levels deep and no deeper. Every message is
//! checked whole, in Bahasa Indonesia and in English.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::{Error, ErrorFamily, ErrorKind, Field, Location, Subject, lookup, translate};
use kinerja_core::explain::Lang;

/// `e` reads exactly `en` in English (its `Display` too) and exactly `id` in Bahasa Indonesia.
fn reads(e: &Error, en: &str, id: &str) {
    assert_eq!(e.to_string(), en);
    assert_eq!(e.message(Lang::En), en);
    assert_eq!(e.message(Lang::Id), id);
}

/// A location naming employee `e1`, indicator `i1` and period 2024-Q1.
fn place() -> Location {
    Location::employee("e1").with_indicator("i1").with_period("2024-Q1")
}

/// One error of each variant, each with a reason the catalogue holds.
fn one_of_each() -> Vec<Error> {
    vec![
        Error::Period { input: "2024-Q5".into(), reason: "quarter index must be between 1 and 4".into() },
        Error::Indicator { at: place(), field: "weight".into(), reason: "weight -5 is negative".into() },
        Error::Missing {
            at: place(),
            field: "behaviour.overall".into(),
            reason: "the appraiser's overall behaviour rating is required".into(),
        },
        Error::Duplicate { at: Location::employee("e1"), kind: "planned result".into(), id: "r1".into() },
        Error::Unknown { at: Location::unit("u1"), kind: "parent unit".into(), id: "u9".into() },
        Error::Input {
            at: Location::row(2),
            field: "realisation.period".into(),
            reason: "realisations for 2024-Q1 and 2024-01 overlap".into(),
        },
        Error::Rating {
            at: place(),
            field: "work_result".into(),
            reason:
                "the appraiser's work-result rating is required (the policy has no advisory bands to fall \
                     back on)"
                    .into(),
        },
        Error::Policy {
            path: "rating.advisory_bands[1].min".into(),
            reason: "bands must be descending: 90 is not below 110".into(),
        },
        Error::Organisation { at: Location::unit("u1"), reason: "cycle in unit parents: u1 → u2".into() },
        Error::Instrument {
            instrument: "tpp".into(),
            at: Location::employee("e1"),
            field: "month".into(),
            reason: "TPP is paid per month: give a month such as 2024-01, not 2024-Q1".into(),
        },
        Error::Arithmetic { at: Location::default(), operation: "weighted achievement".into() },
    ]
}

/// Each constructor and `with_*` names exactly its part; the parts print in the order row,
/// unit, employee, indicator, period, with the words of each language, and a location naming
/// nothing is `input` / `masukan`.
#[test]
fn a_location_names_each_part_in_both_languages() {
    let one = |f: fn(&mut Location)| {
        let mut l = Location::default();
        f(&mut l);
        l
    };
    assert_eq!(Location::employee("e1"), one(|l| l.employee = Some("e1".into())));
    assert_eq!(Location::unit("u1"), one(|l| l.unit = Some("u1".into())));
    assert_eq!(Location::indicator("i1"), one(|l| l.indicator = Some("i1".into())));
    assert_eq!(Location::row(3), one(|l| l.row = Some(3)));

    let all = Location::row(3).with_unit("u1").with_employee("e1").with_indicator("i1").with_period("2024");
    assert_eq!(
        all,
        Location {
            row: Some(3),
            unit: Some("u1".into()),
            employee: Some("e1".into()),
            indicator: Some("i1".into()),
            period: Some("2024".into()),
        }
    );
    // `with_*` replaces a part already named.
    let again =
        all.clone().with_row(4).with_unit("u2").with_employee("e2").with_indicator("i2").with_period("2025");
    assert_eq!(again.to_string(), "row 4, unit `u2`, employee `e2`, indicator `i2`, period 2025");

    assert_eq!(all.to_string(), "row 3, unit `u1`, employee `e1`, indicator `i1`, period 2024");
    assert_eq!(all.text(Lang::En), "row 3, unit `u1`, employee `e1`, indicator `i1`, period 2024");
    assert_eq!(all.text(Lang::Id), "baris 3, unit `u1`, pegawai `e1`, indikator `i1`, periode 2024");
    assert_eq!(place().to_string(), "employee `e1`, indicator `i1`, period 2024-Q1");
    assert_eq!(place().text(Lang::Id), "pegawai `e1`, indikator `i1`, periode 2024-Q1");
    assert_eq!(Location::default().to_string(), "input");
    assert_eq!(Location::default().text(Lang::En), "input");
    assert_eq!(Location::default().text(Lang::Id), "masukan");
}

/// `is_empty` holds for a location naming nothing and fails when any one part is named.
#[test]
fn a_location_is_empty_only_when_it_names_nothing() {
    assert!(Location::default().is_empty());
    assert!(!Location::row(0).is_empty());
    assert!(!Location::unit("u").is_empty());
    assert!(!Location::employee("e").is_empty());
    assert!(!Location::indicator("i").is_empty());
    assert!(!Location::default().with_period("2024").is_empty());
}

/// Every variant's whole message in English (its `Display`) and in Bahasa Indonesia: the
/// frame, the location and the reason from the catalogue.
#[test]
fn every_variant_reads_whole_in_both_languages() {
    let e = one_of_each();
    reads(
        &e[0],
        "invalid period `2024-Q5`: quarter index must be between 1 and 4 (accepted forms: `2024` annual, \
         `2024-S1`..`2024-S2` semester, `2024-Q1`..`2024-Q4` quarter, `2024-01`..`2024-12` month)",
        "periode `2024-Q5` tidak sah: nomor triwulan harus antara 1 dan 4 (bentuk yang diterima: `2024` tahunan, \
         `2024-S1`..`2024-S2` semester, `2024-Q1`..`2024-Q4` triwulan, `2024-01`..`2024-12` bulanan)",
    );
    reads(
        &e[1],
        "employee `e1`, indicator `i1`, period 2024-Q1: weight: weight -5 is negative",
        "pegawai `e1`, indikator `i1`, periode 2024-Q1: `weight`: bobot -5 negatif",
    );
    reads(
        &e[2],
        "employee `e1`, indicator `i1`, period 2024-Q1: missing behaviour.overall: the appraiser's overall \
         behaviour rating is required",
        "pegawai `e1`, indikator `i1`, periode 2024-Q1: `behaviour.overall` belum diisi: rating perilaku kerja \
         keseluruhan dari pejabat penilai kinerja wajib diisi",
    );
    reads(
        &e[3],
        "employee `e1`: duplicate planned result `r1`",
        "pegawai `e1`: rencana hasil kerja `r1` tercatat dua kali",
    );
    reads(&e[4], "unit `u1`: unknown parent unit `u9`", "unit `u1`: unit induk `u9` tidak dikenal");
    reads(
        &e[5],
        "row 2: realisation.period: realisations for 2024-Q1 and 2024-01 overlap",
        "baris 2: `realisation.period`: realisasi untuk 2024-Q1 dan 2024-01 tumpang tindih",
    );
    reads(
        &e[6],
        "employee `e1`, indicator `i1`, period 2024-Q1: work_result: the appraiser's work-result rating is \
         required (the policy has no advisory bands to fall back on)",
        "pegawai `e1`, indikator `i1`, periode 2024-Q1: `work_result`: rating hasil kerja dari pejabat penilai \
         kinerja wajib diisi (kebijakan tidak memiliki rentang nilai saran sebagai pengganti)",
    );
    reads(
        &e[7],
        "policy rating.advisory_bands[1].min: bands must be descending: 90 is not below 110",
        "kebijakan `rating.advisory_bands[1].min`: rentang nilai harus berurutan menurun: 90 tidak lebih kecil \
         daripada 110",
    );
    reads(
        &e[8],
        "unit `u1`: cycle in unit parents: u1 → u2",
        "unit `u1`: terjadi siklus pada rantai unit induk: u1 → u2",
    );
    reads(
        &e[9],
        "tpp: employee `e1`: month: TPP is paid per month: give a month such as 2024-01, not 2024-Q1",
        "`tpp`: pegawai `e1`: `month`: TPP dibayar per bulan: isikan bulan, mis. 2024-01, bukan 2024-Q1",
    );
    reads(
        &e[10],
        "input: arithmetic overflow or division by zero in weighted achievement",
        "masukan: luapan aritmetika atau pembagian dengan nol pada capaian tertimbang",
    );
}

/// Each variant's family and the family's name, the location it names (none for a period or a
/// policy) and the field (the policy's path for a policy; none where no field is named).
#[test]
fn every_variant_has_its_family_location_and_field() {
    let e = one_of_each();
    let families: Vec<(ErrorFamily, &str)> = e.iter().map(|e| (e.family(), e.family().as_str())).collect();
    assert_eq!(
        families,
        [
            (ErrorFamily::Period, "period"),
            (ErrorFamily::Indicator, "indicator"),
            (ErrorFamily::Input, "input"),
            (ErrorFamily::Input, "input"),
            (ErrorFamily::Input, "input"),
            (ErrorFamily::Input, "input"),
            (ErrorFamily::Rating, "rating"),
            (ErrorFamily::Policy, "policy"),
            (ErrorFamily::Organisation, "organisation"),
            (ErrorFamily::Instrument, "instrument"),
            (ErrorFamily::Arithmetic, "arithmetic"),
        ]
    );
    let locations: Vec<Option<Location>> = e.iter().map(|e| e.location().cloned()).collect();
    assert_eq!(
        locations,
        [
            None,
            Some(place()),
            Some(place()),
            Some(Location::employee("e1")),
            Some(Location::unit("u1")),
            Some(Location::row(2)),
            Some(place()),
            None,
            Some(Location::unit("u1")),
            Some(Location::employee("e1")),
            Some(Location::default()),
        ]
    );
    let fields: Vec<Option<&str>> = e.iter().map(Error::field).collect();
    assert_eq!(
        fields,
        [
            None,
            Some("weight"),
            Some("behaviour.overall"),
            None,
            None,
            Some("realisation.period"),
            Some("work_result"),
            Some("rating.advisory_bands[1].min"),
            None,
            Some("month"),
            None,
        ]
    );
}

/// `at_row` sets (or replaces) the row of every located variant and leaves a period's or a
/// policy's error as it was; `within` fills only the parts still empty.
#[test]
fn at_row_and_within_amend_the_location() {
    for e in one_of_each() {
        let before = e.location().cloned();
        let after = e.clone().at_row(7);
        match before {
            Some(at) => {
                assert_eq!(after.location(), Some(&at.with_row(7)), "{e}");
                assert_ne!(after, e);
            }
            None => assert_eq!(after, e),
        }
    }
    let e = Error::Indicator {
        at: Location::employee("e1").with_row(1),
        field: "weight".into(),
        reason: "weight -5 is negative".into(),
    };
    let ctx =
        Location::row(9).with_unit("u9").with_employee("e9").with_indicator("i9").with_period("2024-Q2");
    let within = e.within(&ctx);
    assert_eq!(
        within.location(),
        Some(
            &Location::row(1).with_unit("u9").with_employee("e1").with_indicator("i9").with_period("2024-Q2")
        )
    );
    assert_eq!(
        within.message(Lang::Id),
        "baris 1, unit `u9`, pegawai `e1`, indikator `i9`, periode 2024-Q2: `weight`: bobot -5 negatif"
    );
    // Every part is taken from the context when none is named.
    let bare = Error::Arithmetic { at: Location::default(), operation: "weighted achievement".into() };
    assert_eq!(bare.within(&ctx).location(), Some(&ctx));
    // A period's error names no location to fill.
    let p = one_of_each().remove(0);
    assert_eq!(p.clone().within(&ctx), p);
}

/// The field each name stands for: the last part of a dotted path, without an index, and any
/// name starting `behaviour`.
#[test]
fn field_names() {
    let cases = [
        ("target", Field::Target),
        ("period_targets", Field::Target),
        ("period_targets[2024-Q1]", Field::Target),
        ("weight", Field::Weight),
        ("cap", Field::Cap),
        ("actual", Field::Actual),
        ("realisation", Field::Actual),
        ("achievement", Field::Achievement),
        ("period", Field::Period),
        ("realisation.period", Field::Period),
        ("as_of", Field::Period),
        ("year", Field::Year),
        ("date", Field::Date),
        ("id", Field::Id),
        ("employee.id", Field::Id),
        ("results[r1].id", Field::Id),
        ("unit", Field::Unit),
        ("employee.unit", Field::Unit),
        ("employee", Field::Employee),
        ("functional_grade", Field::FunctionalGrade),
        ("work_result", Field::WorkResult),
        ("behaviour", Field::Behaviour),
        ("behaviour.overall", Field::Behaviour),
        ("behaviour_score", Field::Behaviour),
        ("predicate", Field::Predicate),
        ("predicates", Field::Predicate),
        ("org_predicate", Field::OrgPredicate),
        ("month", Field::Other),
        ("results[r1].cascade", Field::Other),
        ("", Field::Other),
    ];
    for (name, field) in cases {
        assert_eq!(Field::from_name(name), field, "{name}");
    }
}

/// The subject each kind stands for, without a parenthesised remark.
#[test]
fn subject_names() {
    let cases = [
        ("employee", Subject::Employee),
        ("head employee", Subject::Employee),
        ("unit", Subject::Unit),
        ("parent unit", Subject::Unit),
        ("indicator", Subject::Indicator),
        ("planned result", Subject::PlannedResult),
        ("realisation", Subject::Realisation),
        ("realisation (overlapping periods)", Subject::Realisation),
        ("assessment", Subject::Assessment),
        ("plan", Subject::Plan),
        ("unit goal", Subject::Other),
        ("behaviour aspect (accepted: integritas)", Subject::Other),
    ];
    for (kind, subject) in cases {
        assert_eq!(Subject::from_name(kind), subject, "{kind}");
    }
}

/// Each variant's kind, from its field or the kind of thing it names.
#[test]
fn every_variant_has_its_kind() {
    let kinds: Vec<ErrorKind> = one_of_each().iter().map(Error::kind).collect();
    assert_eq!(
        kinds,
        [
            ErrorKind::InvalidPeriod,
            ErrorKind::Invalid(Field::Weight),
            ErrorKind::Missing(Field::Behaviour),
            ErrorKind::Duplicate(Subject::PlannedResult),
            ErrorKind::Unknown(Subject::Unit),
            ErrorKind::Invalid(Field::Period),
            ErrorKind::Rating(Field::WorkResult),
            ErrorKind::Policy,
            ErrorKind::Organisation,
            ErrorKind::Instrument(Field::Other),
            ErrorKind::Arithmetic,
        ]
    );
}

/// Unnamed holes (`{}`, `{:?}`) are filled in order, each with its own value.
#[test]
fn unnamed_holes_keep_their_order() {
    assert_eq!(
        lookup("AKK 10 is less than AKPKB 20 + AKP 30", Lang::Id).as_deref(),
        Some("AKK 10 kurang dari AKPKB 20 + AKP 30")
    );
    assert_eq!(
        lookup(
            "`target` is \"100\" on row 2 but \"90\" on row 3; an indicator's definition must be the same on each \
             of its period rows",
            Lang::Id
        )
        .as_deref(),
        Some(
            "`target` bernilai \"100\" pada baris 2 tetapi \"90\" pada baris 3; definisi sebuah indikator harus \
             sama pada setiap baris periodenya"
        )
    );
}

/// The English list of the Indonesian period forms (`WORD_FORMS` in `period.rs`) and its
/// Indonesian wording.
const FORMS_EN: &str = "Indonesian forms accepted (any case): `Tahunan 2024` / `Tahun 2024`, `Semester I 2024` / \
                        `Semester 1 2024`, `Triwulan II 2024` / `TW II 2024` / `TW 2 2024`, `Januari 2024` … \
                        `Desember 2024` (or `Jan` … `Des`, `Agt` / `Ags` for August)";
const FORMS_ID: &str = "bentuk Indonesia yang diterima (huruf besar atau kecil): `Tahunan 2024` / `Tahun 2024`, \
                        `Semester I 2024` / `Semester 1 2024`, `Triwulan II 2024` / `TW II 2024` / `TW 2 2024`, \
                        `Januari 2024` … `Desember 2024` (atau `Jan` … `Des`, `Agt` / `Ags` untuk Agustus)";

/// A hole named by a constant (`{WORD_FORMS}`) holds a message and is translated in turn.
#[test]
fn a_constants_hole_is_translated() {
    let en = format!("`kuartal` is not a period word; {FORMS_EN}");
    assert_eq!(lookup(&en, Lang::Id), Some(format!("`kuartal` bukan kata periode; {FORMS_ID}")));
    assert_eq!(lookup(&en, Lang::En), Some(en.clone()));
    assert_eq!(translate(&en, Lang::En), en);
}

/// A value hole (`weight {w} is negative`) keeps its value as written even when the value reads
/// as a message the catalogue holds: only inner-message, constant and list holes are translated.
#[test]
fn a_value_hole_is_kept_as_written() {
    assert_eq!(
        lookup("weight weight -5 is negative is negative", Lang::Id).as_deref(),
        Some("bobot weight -5 is negative negatif")
    );
    assert_eq!(
        translate("nothing kinerja ever writes", Lang::Id),
        "(keterangan dalam bahasa Inggris) nothing kinerja ever writes"
    );
}

/// `malformed plan JSON: ` in English and in Bahasa Indonesia (a template whose `{e}` is an
/// inner message).
const PLAN_EN: &str = "malformed plan JSON: ";
const PLAN_ID: &str = "JSON SKP tidak dapat dibaca: ";

/// Inner messages are translated four levels deep; the fifth is kept in English.
#[test]
fn inner_messages_are_translated_four_levels_deep() {
    let nested = |n: usize, inner: &str| format!("{}{inner}", PLAN_EN.repeat(n));
    assert_eq!(
        lookup(&nested(1, "weight -5 is negative"), Lang::Id),
        Some(format!("{PLAN_ID}bobot -5 negatif"))
    );
    assert_eq!(
        lookup(&nested(4, "weight -5 is negative"), Lang::Id),
        Some(format!("{}bobot -5 negatif", PLAN_ID.repeat(4)))
    );
    assert_eq!(
        lookup(&nested(5, "weight -5 is negative"), Lang::Id),
        Some(format!("{}weight -5 is negative", PLAN_ID.repeat(5)))
    );
}

/// A list hole (`{missing}`, `{found}`) has each item translated on its own, at the top and
/// three levels deep, with each item's own inner message only while the depth allows; four
/// levels deep the list is kept as written.
#[test]
fn list_items_are_translated_one_by_one_while_the_depth_allows() {
    let list = |inner: &str| {
        format!(
            "the indicators table lacks the column employee (NIP), {inner}; headers found: `Pegawai` (ignored)"
        )
    };
    let inner = format!("{PLAN_EN}weight -5 is negative");
    assert_eq!(
        lookup(&list(&inner), Lang::Id),
        Some(format!(
            "tabel `indicators` tidak memiliki kolom `employee` (NIP), {PLAN_ID}bobot -5 negatif; judul yang ada: \
             `Pegawai` (diabaikan)"
        ))
    );
    // Three levels deep, the list's items are read at the fourth: the item's inner message
    // stays in English.
    assert_eq!(
        lookup(&format!("{}{}", PLAN_EN.repeat(3), list(&inner)), Lang::Id),
        Some(format!(
            "{}tabel `indicators` tidak memiliki kolom `employee` (NIP), {PLAN_ID}weight -5 is negative; judul \
             yang ada: `Pegawai` (diabaikan)",
            PLAN_ID.repeat(3)
        ))
    );
    // Four levels deep, the list itself is kept.
    assert_eq!(
        lookup(&format!("{}{}", PLAN_EN.repeat(4), list(&inner)), Lang::Id),
        Some(format!(
            "{}tabel `indicators` tidak memiliki kolom employee (NIP), {inner}; judul yang ada: `Pegawai` (ignored)",
            PLAN_ID.repeat(4)
        ))
    );
}

/// A hole named by an expression that holds a constant (`{sorted(_CASE_KEYS)}`, from the
/// Python binding) is not a constant's hole: its value, a list of keys, is kept as written
/// even when it reads as a message.
#[test]
fn an_expression_with_a_constant_is_not_a_constants_hole() {
    assert_eq!(
        lookup("cases.json: case 2: unknown key(s) ['expect']; allowed: weight is negative", Lang::Id)
            .as_deref(),
        Some("cases.json: kasus 2: kunci tidak dikenal ['expect']; yang diizinkan: weight is negative")
    );
}
