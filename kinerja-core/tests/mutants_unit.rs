//! Tests for `kinerja-core/src/document/unit.rs` (cargo-mutants on the whole file): the unit
//! report read whole in both languages: the summary, the predicate bars against the
//! distribution curve (counts, limits, alerts) and the curve's verdict, the roster, the goal
//! roll-up, only the unit's own watch-list items, and the development needs of the 6/2022
//! evaluations; the refusal of another unit's evaluation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::document::{Bar, Block, Document, Person, UnitReport, unit_report};
use kinerja_core::explain::{BiText, Trace};
use kinerja_core::followup::{TrackStatus, WatchItem, Watchlist};
use kinerja_core::org::rollup::{GoalResult, UnitPerformance};
use kinerja_core::prelude::*;

const V: &str = env!("CARGO_PKG_VERSION");
const SOURCE: &str =
    "(SE MenPANRB 3/2023 (kurva distribusi predikat kinerja pegawai) jo. PermenPANRB 6/2022 Pasal 24–25)";

/// The 2024 evaluation under PermenPANRB 6/2022 of employee `id` named `name` of `unit`, one
/// indicator at 95 %, rated `work` and `behaviour`.
fn ev(id: &str, name: &str, unit: &str, work: Rating, behaviour: Rating) -> Evaluation {
    let year: Period = "2024".parse().unwrap();
    let plan = Plan::new(Employee::new(id, name, unit, PostType::Executor), 2024)
        .with_result(PlannedResult::new("rhk-1", "Layanan").with_indicator(Indicator::new(
            "iki-1",
            "Berkas",
            dec!(100).into(),
        )))
        .with_realisation(Realisation::new("iki-1", year, dec!(95)))
        .with_assessment(
            Assessment::new(year).with_work_result(work).with_behaviour(Behaviour::overall(behaviour)),
        );
    evaluate(&plan, year, &Ruleset::builtin("permenpanrb-6-2022").unwrap()).unwrap()
}

/// Four employees of `u1`: Ani Sangat Baik, Budi Baik, Citra Butuh Perbaikan (work result
/// below expectation) and Dedi Kurang/Misconduct (behaviour below expectation).
fn four() -> Vec<Evaluation> {
    vec![
        ev("e1", "Ani", "u1", Rating::Above, Rating::Above),
        ev("e2", "Budi", "u1", Rating::Meets, Rating::Meets),
        ev("e3", "Citra", "u1", Rating::Below, Rating::Meets),
        ev("e4", "Dedi", "u1", Rating::Meets, Rating::Below),
    ]
}

/// The goal roll-up of `u1`: one goal at 102.22 % weighing half, with the unit's value and
/// organisational predicate when `summary`.
fn performance(summary: bool) -> UnitPerformance {
    UnitPerformance {
        unit: "u1".into(),
        goals: vec![GoalResult {
            goal: "iku-1".into(),
            achievement_raw: dec!(102.2222),
            achievement: dec!(102.22),
            weight: dec!(0.5),
        }],
        excluded_goals: vec![],
        own_raw: None,
        value_raw: None,
        value: summary.then_some(dec!(102.22)),
        given_predicate: None,
        advised_predicate: None,
        predicate: summary.then_some(OrgPredicate::Poor),
        trace: Trace::new(BiText::same("")),
    }
}

/// A watch list of Budi's indicator (unit `u1`) at risk and one of unit `u2`.
fn watchlist() -> Watchlist {
    let item = |unit: &str, emp: &str| WatchItem {
        unit: unit.into(),
        employee: emp.into(),
        indicator: "iki-1".into(),
        name: "Berkas".into(),
        status: TrackStatus::AtRisk,
        progress: Some(dec!(40)),
        projected_achievement: Some(dec!(80)),
        reason: BiText::new("capaian 40%", "achievement 40%"),
    };
    Watchlist { items: vec![item("u1", "e2"), item("u2", "x9")], employees: Default::default() }
}

/// The bars of the report.
fn bars(d: &Document) -> Vec<Bar> {
    d.sections
        .iter()
        .flat_map(|s| &s.blocks)
        .find_map(|b| if let Block::Bars(b) = b { Some(b.bars.clone()) } else { None })
        .unwrap()
}

/// A bar: `label`, `value`, `limit`, `note`, `alert`.
fn bar(label: &str, value: u64, limit: Option<u64>, note: &str, alert: bool) -> Bar {
    Bar { label: label.into(), value, limit, note: note.into(), alert }
}

/// The roster and development-needs texts of [`four`] in `lang`, from the roster's heading
/// to the needs' last name.
fn roster_and_needs(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Id => vec![
            "Pegawai",
            "NIP",
            "Nama",
            "Capaian tertimbang",
            "Hasil kerja",
            "Perilaku",
            "Predikat",
            "e1",
            "Ani",
            "95,00%",
            "Di atas ekspektasi",
            "Di atas ekspektasi",
            "Sangat Baik",
            "e2",
            "Budi",
            "95,00%",
            "Sesuai ekspektasi",
            "Sesuai ekspektasi",
            "Baik",
            "e3",
            "Citra",
            "95,00%",
            "Di bawah ekspektasi",
            "Sesuai ekspektasi",
            "Butuh Perbaikan",
            "e4",
            "Dedi",
            "95,00%",
            "Sesuai ekspektasi",
            "Di bawah ekspektasi",
            "Kurang/Misconduct",
        ],
        Lang::En => vec![
            "Employees",
            "NIP",
            "Name",
            "Weighted achievement",
            "Work result",
            "Behaviour",
            "Predicate",
            "e1",
            "Ani",
            "95.00%",
            "Above expectation",
            "Above expectation",
            "Very good",
            "e2",
            "Budi",
            "95.00%",
            "Meets expectation",
            "Meets expectation",
            "Good",
            "e3",
            "Citra",
            "95.00%",
            "Below expectation",
            "Meets expectation",
            "Needs improvement",
            "e4",
            "Dedi",
            "95.00%",
            "Meets expectation",
            "Below expectation",
            "Poor/misconduct",
        ],
    }
}

/// The development needs of [`four`] in `lang`: Dedi's behaviour (BER) and Citra's work
/// result (KIN), one employee each, by topic code.
fn needs(lang: Lang) -> Vec<&'static str> {
    match lang {
        Lang::Id => vec![
            "Kebutuhan pengembangan kompetensi",
            "Topik",
            "Pegawai",
            "Nama",
            "Penguatan perilaku kerja BerAKHLAK",
            "1",
            "Dedi",
            "Perencanaan dan manajemen kinerja",
            "1",
            "Citra",
        ],
        Lang::En => vec![
            "Development needs",
            "Topic",
            "Employees",
            "Names",
            "Strengthening BerAKHLAK work behaviour",
            "1",
            "Dedi",
            "Performance planning and management",
            "1",
            "Citra",
        ],
    }
}

/// The full report of a unit with every part (name, head, a curve that fails, goals, a watch
/// list with another unit's item) reads whole in each language: the curve of a Kurang unit of
/// four (Sangat Baik ≤ floor(10 % × 4) = 0, Butuh Perbaikan ≥ ceil(10 % × 4) = 1,
/// Kurang/Misconduct ≥ ceil(60 % × 4) = 3) is not met, each constraint marked; only `u1`'s
/// watch-list item is listed; both 6/2022 needs are counted.
#[test]
fn the_full_report_reads_whole_in_each_language() {
    let evs = four();
    let (perf, w) = (performance(true), watchlist());
    let report = |lang| {
        unit_report(
            &UnitReport::new("u1", &evs)
                .with_name("Bagian Umum")
                .with_head(Person::new("197001012000011001", "Kepala"))
                .with_org_predicate(OrgPredicate::Poor)
                .with_performance(&perf)
                .with_watchlist(&w),
            &Policy::default(),
            lang,
        )
        .unwrap()
    };
    let id = report(Lang::Id);
    assert_eq!(id.lang, Lang::Id);
    let c1 = format!(
        "✗ Sangat Baik paling banyak 10% dari 4 = 0 orang (dibulatkan floor) — jumlah 1, batas 0 {SOURCE}"
    );
    let c2 = format!(
        "✓ Butuh Perbaikan paling sedikit 10% dari 4 = 1 orang (dibulatkan ceil) — jumlah 1, batas 1 {SOURCE}"
    );
    let c3 = format!(
        "✗ Kurang/Misconduct paling sedikit 60% dari 4 = 3 orang (dibulatkan ceil) — jumlah 1, batas 3 {SOURCE}"
    );
    let foot = format!("kinerja {V} · kebijakan national-default 1");
    let mut want = vec![
        "Laporan Kinerja Unit",
        "Bagian Umum (u1) · Periode 2024",
        "Ringkasan",
        "Unit kerja",
        "Bagian Umum (u1)",
        "Jumlah pegawai dinilai",
        "4",
        "Kepala unit",
        "Kepala (NIP 197001012000011001)",
        "Sebaran predikat",
        "Jumlah pegawai per predikat; garis = batas kurva distribusi",
        "Sangat Baik",
        "1 (batas 0)",
        "Baik",
        "1",
        "Butuh Perbaikan",
        "1",
        "Kurang/Misconduct",
        "1",
        "Sangat Kurang",
        "0",
        "Predikat organisasi Kurang: kurva TIDAK terpenuhi.",
        &c1,
        &c2,
        &c3,
    ];
    want.extend(roster_and_needs(Lang::Id));
    want.extend([
        "Capaian tujuan unit (IKU)",
        "Tujuan / IKU",
        "Capaian",
        "Bobot",
        "iku-1",
        "102,22%",
        "50%",
        "Capaian unit",
        "102,22%",
        "Predikat organisasi",
        "Kurang",
        "Daftar pantauan",
        "NIP",
        "Indikator",
        "Status",
        "Proyeksi",
        "Alasan",
        "e2",
        "Berkas (iki-1)",
        "Berisiko",
        "80%",
        "capaian 40%",
    ]);
    want.extend(needs(Lang::Id));
    want.push(&foot);
    assert_eq!(id.texts(), want);

    let en = report(Lang::En);
    assert_eq!(en.lang, Lang::En);
    let c1 = format!("✗ Very good at most 10% of 4 = 0 (rounded floor) — count 1, bound 0 {SOURCE}");
    let c2 = format!("✓ Needs improvement at least 10% of 4 = 1 (rounded ceil) — count 1, bound 1 {SOURCE}");
    let c3 = format!("✗ Poor/misconduct at least 60% of 4 = 3 (rounded ceil) — count 1, bound 3 {SOURCE}");
    let foot = format!("kinerja {V} · policy national-default 1");
    let mut want = vec![
        "Unit Performance Report",
        "Bagian Umum (u1) · Period 2024",
        "Summary",
        "Unit",
        "Bagian Umum (u1)",
        "Employees evaluated",
        "4",
        "Head of unit",
        "Kepala (NIP 197001012000011001)",
        "Predicate distribution",
        "Employees per predicate; line = the curve's limit",
        "Very good",
        "1 (limit 0)",
        "Good",
        "1",
        "Needs improvement",
        "1",
        "Poor/misconduct",
        "1",
        "Very poor",
        "0",
        "Organisational predicate Poor: the curve is NOT met.",
        &c1,
        &c2,
        &c3,
    ];
    want.extend(roster_and_needs(Lang::En));
    want.extend([
        "Unit goal achievement (IKU)",
        "Goal / IKU",
        "Achievement",
        "Weight",
        "iku-1",
        "102.22%",
        "50%",
        "Unit achievement",
        "102.22%",
        "Organisational predicate",
        "Poor",
        "Watch list",
        "NIP",
        "Indicator",
        "Status",
        "Projected",
        "Reason",
        "e2",
        "Berkas (iki-1)",
        "At risk",
        "80%",
        "achievement 40%",
    ]);
    want.extend(needs(Lang::En));
    want.push(&foot);
    assert_eq!(en.texts(), want);
}

/// The bars of a Kurang unit: the one-predicate upper bound (Sangat Baik ≤ 0) is drawn as a
/// limit, the lower bounds are not; a bar is an alert when a constraint counting it is broken
/// (Sangat Baik and Kurang/Misconduct), not when it holds (Butuh Perbaikan).
#[test]
fn bars_of_a_failed_curve_show_the_upper_limit_and_the_broken_constraints() {
    let evs = four();
    let input = UnitReport::new("u1", &evs).with_org_predicate(OrgPredicate::Poor);
    assert_eq!(
        bars(&unit_report(&input, &Policy::default(), Lang::Id).unwrap()),
        [
            bar("Sangat Baik", 1, Some(0), "1 (batas 0)", true),
            bar("Baik", 1, None, "1", false),
            bar("Butuh Perbaikan", 1, None, "1", false),
            bar("Kurang/Misconduct", 1, None, "1", true),
            bar("Sangat Kurang", 0, None, "0", false),
        ]
    );
    assert_eq!(
        bars(&unit_report(&input, &Policy::default(), Lang::En).unwrap()),
        [
            bar("Very good", 1, Some(0), "1 (limit 0)", true),
            bar("Good", 1, None, "1", false),
            bar("Needs improvement", 1, None, "1", false),
            bar("Poor/misconduct", 1, None, "1", true),
            bar("Very poor", 0, None, "0", false),
        ]
    );
}

/// A Baik unit of four meets its curve (Baik ≤ floor(70 % × 4) = 2, at least one Butuh
/// Perbaikan or Kurang/Misconduct): no alert, the Baik limit drawn (the two-predicate
/// at-least-one rule draws none), and the verdict says so in each language.
#[test]
fn a_met_curve_has_no_alert() {
    let evs = four();
    let input = UnitReport::new("u1", &evs).with_org_predicate(OrgPredicate::Good);
    let id = unit_report(&input, &Policy::default(), Lang::Id).unwrap();
    assert_eq!(
        bars(&id),
        [
            bar("Sangat Baik", 1, None, "1", false),
            bar("Baik", 1, Some(2), "1 (batas 2)", false),
            bar("Butuh Perbaikan", 1, None, "1", false),
            bar("Kurang/Misconduct", 1, None, "1", false),
            bar("Sangat Kurang", 0, None, "0", false),
        ]
    );
    assert_eq!(
        id.sections[1].blocks[1..],
        [
            Block::Paragraph { text: "Predikat organisasi Baik: kurva terpenuhi.".into() },
            Block::List {
                items: vec![
                    format!(
                        "✓ Baik paling banyak 70% dari 4 = 2 orang (dibulatkan floor) — jumlah 1, batas 2 {SOURCE}"
                    ),
                    format!(
                        "✓ paling sedikit satu pegawai Butuh Perbaikan + Kurang/Misconduct — jumlah 2, batas 1 {SOURCE}"
                    ),
                ]
            },
        ]
    );
    let en = unit_report(&input, &Policy::default(), Lang::En).unwrap();
    assert_eq!(bars(&en)[1], bar("Good", 1, Some(2), "1 (limit 2)", false));
    assert!(bars(&en).iter().all(|b| !b.alert));
    assert_eq!(
        en.sections[1].blocks[1..],
        [
            Block::Paragraph { text: "Organisational predicate Good: the curve is met.".into() },
            Block::List {
                items: vec![
                    format!("✓ Good at most 70% of 4 = 2 (rounded floor) — count 1, bound 2 {SOURCE}"),
                    format!(
                        "✓ at least one employee rated Needs improvement + Poor/misconduct — count 2, bound 1 {SOURCE}"
                    ),
                ]
            },
        ]
    );
}

/// Without the optional parts and with nothing to list: the unit id stands for the name, the
/// curve is said not to be checked, goals without a unit value or predicate show only their
/// table, a watch list holding only another unit's item says every indicator is on track, and
/// evaluations without needs say there are none, in each language.
#[test]
fn the_plain_report_says_what_it_does_not_show() {
    let evs = vec![ev("e2", "Budi", "u1", Rating::Meets, Rating::Meets)];
    let (perf, mut w) = (performance(false), watchlist());
    w.items.remove(0);
    let input = UnitReport::new("u1", &evs).with_performance(&perf).with_watchlist(&w);
    let id = unit_report(&input, &Policy::default(), Lang::Id).unwrap();
    let foot = format!("kinerja {V} · kebijakan national-default 1");
    assert_eq!(
        id.texts(),
        [
            "Laporan Kinerja Unit",
            "u1 (u1) · Periode 2024",
            "Ringkasan",
            "Unit kerja",
            "u1 (u1)",
            "Jumlah pegawai dinilai",
            "1",
            "Sebaran predikat",
            "Jumlah pegawai per predikat; garis = batas kurva distribusi",
            "Sangat Baik",
            "0",
            "Baik",
            "1",
            "Butuh Perbaikan",
            "0",
            "Kurang/Misconduct",
            "0",
            "Sangat Kurang",
            "0",
            "Kurva distribusi tidak diperiksa: predikat kinerja organisasi unit ini tidak diberikan.",
            "Pegawai",
            "NIP",
            "Nama",
            "Capaian tertimbang",
            "Hasil kerja",
            "Perilaku",
            "Predikat",
            "e2",
            "Budi",
            "95,00%",
            "Sesuai ekspektasi",
            "Sesuai ekspektasi",
            "Baik",
            "Capaian tujuan unit (IKU)",
            "Tujuan / IKU",
            "Capaian",
            "Bobot",
            "iku-1",
            "102,22%",
            "50%",
            "Daftar pantauan",
            "Semua indikator sesuai jalur.",
            "Kebutuhan pengembangan kompetensi",
            "Tidak ada.",
            &foot,
        ]
    );
    assert!(bars(&id).iter().all(|b| b.limit.is_none() && !b.alert));
    assert_eq!(id.sections[3].blocks.len(), 1, "goals without a summary: the table alone");
    let en = unit_report(&input, &Policy::default(), Lang::En).unwrap();
    let foot = format!("kinerja {V} · policy national-default 1");
    assert_eq!(
        en.texts(),
        [
            "Unit Performance Report",
            "u1 (u1) · Period 2024",
            "Summary",
            "Unit",
            "u1 (u1)",
            "Employees evaluated",
            "1",
            "Predicate distribution",
            "Employees per predicate; line = the curve's limit",
            "Very good",
            "0",
            "Good",
            "1",
            "Needs improvement",
            "0",
            "Poor/misconduct",
            "0",
            "Very poor",
            "0",
            "The distribution curve is not checked: the unit's organisational predicate was not given.",
            "Employees",
            "NIP",
            "Name",
            "Weighted achievement",
            "Work result",
            "Behaviour",
            "Predicate",
            "e2",
            "Budi",
            "95.00%",
            "Meets expectation",
            "Meets expectation",
            "Good",
            "Unit goal achievement (IKU)",
            "Goal / IKU",
            "Achievement",
            "Weight",
            "iku-1",
            "102.22%",
            "50%",
            "Watch list",
            "Every indicator is on track.",
            "Development needs",
            "None.",
            &foot,
        ]
    );
}

/// An evaluation of another unit is refused, naming the employee, its row (counted from 0,
/// as every row of the crate) and both units, in each language; the unit's own evaluations
/// are not.
#[test]
fn another_units_evaluation_is_refused() {
    let mut evs = four();
    assert!(unit_report(&UnitReport::new("u1", &evs), &Policy::default(), Lang::Id).is_ok());
    evs[2] = ev("e3", "Citra", "u2", Rating::Below, Rating::Meets);
    let e = unit_report(&UnitReport::new("u1", &evs), &Policy::default(), Lang::En).unwrap_err();
    assert_eq!(e.field(), Some("unit"));
    assert_eq!(
        e.message(Lang::En),
        "row 2, employee `e3`: unit: the evaluation is of unit `u2`, not of `u1`"
    );
    assert_eq!(
        e.message(Lang::Id),
        "baris 2, pegawai `e3`: `unit`: evaluasi ini milik unit kerja `u2`, bukan `u1`"
    );
}

/// A report is of one period and one evaluation per employee, as `UnitReport` says: an
/// evaluation of another period than the first one's, or a second evaluation of the same
/// employee, is refused at its row, in each language (a report mixing them would count an
/// employee twice or under two periods' rules).
#[test]
fn another_period_or_a_second_evaluation_is_refused() {
    let mut evs = four();
    let s1: Period = "2024-S1".parse().unwrap();
    evs[3].period = s1;
    let e = unit_report(&UnitReport::new("u1", &evs), &Policy::default(), Lang::En).unwrap_err();
    assert_eq!(e.field(), Some("period"));
    assert_eq!(
        e.message(Lang::En),
        "row 3, employee `e4`: period: the evaluation is of period 2024-S1, not of 2024 as the first one"
    );
    assert_eq!(
        e.message(Lang::Id),
        "baris 3, pegawai `e4`: `period`: evaluasi ini untuk periode 2024-S1, bukan 2024 seperti evaluasi pertama"
    );
    let mut evs = four();
    evs[3] = ev("e2", "Budi", "u1", Rating::Above, Rating::Above);
    let e = unit_report(&UnitReport::new("u1", &evs), &Policy::default(), Lang::En).unwrap_err();
    assert!(matches!(&e, Error::Duplicate { kind, id, .. } if kind == "employee" && id == "e2"), "{e}");
    assert!(e.message(Lang::En).starts_with("row 3, employee `e2`"), "{}", e.message(Lang::En));
}
