//! Tests for `kinerja-core/src/period.rs` (cargo-mutants on the whole file): every period of a
//! year against a month table written out by hand, the granularity words, the exact reasons of
//! refused periods, and the serde and JSON Schema forms.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::Error;
use kinerja_core::period::{Granularity, MAX_YEAR, MIN_YEAR, Period};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use serde::de::value::Error as ValueError;

fn p(s: &str) -> Period {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// Every period of a year with the months it covers, written out by hand (not computed from
/// the index), in chronological order: first month, then last month.
const YEAR: [(&str, &[u8]); 19] = [
    ("2024-01", &[1]),
    ("2024-Q1", &[1, 2, 3]),
    ("2024-S1", &[1, 2, 3, 4, 5, 6]),
    ("2024", &[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]),
    ("2024-02", &[2]),
    ("2024-03", &[3]),
    ("2024-04", &[4]),
    ("2024-Q2", &[4, 5, 6]),
    ("2024-05", &[5]),
    ("2024-06", &[6]),
    ("2024-07", &[7]),
    ("2024-Q3", &[7, 8, 9]),
    ("2024-S2", &[7, 8, 9, 10, 11, 12]),
    ("2024-08", &[8]),
    ("2024-09", &[9]),
    ("2024-10", &[10]),
    ("2024-Q4", &[10, 11, 12]),
    ("2024-11", &[11]),
    ("2024-12", &[12]),
];

/// The reason of a refused period (the part after "invalid period `…`: ").
fn reason(text: &str) -> String {
    match text.parse::<Period>() {
        Err(Error::Period { reason, .. }) => reason,
        other => panic!("{text}: expected a period error, got {other:?}"),
    }
}

fn names(ps: &[Period]) -> Vec<String> {
    ps.iter().map(ToString::to_string).collect()
}

#[test]
fn granularity_months_per_year_and_names() {
    let all = [
        (Granularity::Annual, 12, 1, "annual"),
        (Granularity::Semester, 6, 2, "semester"),
        (Granularity::Quarter, 3, 4, "quarter"),
        (Granularity::Month, 1, 12, "month"),
    ];
    for (g, months, per_year, name) in all {
        assert_eq!(g.months(), months, "{g:?}");
        assert_eq!(g.per_year(), per_year, "{g:?}");
        assert_eq!(g.as_str(), name, "{g:?}");
        assert_eq!(name.parse::<Granularity>().unwrap(), g);
    }
}

#[test]
fn every_granularity_word_is_read() {
    let words: [(&[&str], Granularity); 4] = [
        (&["annual", "year", "tahunan", " Tahunan ", "YEAR"], Granularity::Annual),
        (&["semester", "semesteran", "half", "Semesteran"], Granularity::Semester),
        (&["quarter", "triwulan", "triwulanan", "TRIWULAN"], Granularity::Quarter),
        (&["month", "monthly", "bulan", "bulanan", " Bulanan"], Granularity::Month),
    ];
    for (ws, g) in words {
        for w in ws {
            assert_eq!(w.parse::<Granularity>().unwrap(), g, "{w}");
        }
    }
    for bad in ["", "week", "annually", "kuartal"] {
        match bad.parse::<Granularity>() {
            Err(Error::Period { input, reason }) => {
                assert_eq!(input, bad);
                assert!(reason.starts_with("unknown granularity; accepted: annual"), "{reason}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[test]
fn every_period_of_a_year_covers_its_months() {
    for (text, months) in YEAR {
        let per = p(text);
        assert_eq!(per.to_string(), text);
        assert_eq!(per.year(), 2024, "{text}");
        assert_eq!(per.months() as usize, months.len(), "{text}");
        assert_eq!(per.first_month(), months[0], "{text}");
        assert_eq!(per.last_month(), months[months.len() - 1], "{text}");
        assert_eq!(per.year_period(), p("2024"), "{text}");
        assert_eq!(per.year_period().granularity(), Granularity::Annual);
        assert_eq!(per.year_period().index(), 1);
    }
    let idx = |s: &str| (p(s).granularity(), p(s).index());
    assert_eq!(idx("2024"), (Granularity::Annual, 1));
    assert_eq!(idx("2024-S2"), (Granularity::Semester, 2));
    assert_eq!(idx("2024-Q3"), (Granularity::Quarter, 3));
    assert_eq!(idx("2024-11"), (Granularity::Month, 11));
    assert_eq!(p("2031-Q2").year_period(), p("2031"));
    assert_eq!(p("2031-Q2").year(), 2031);
}

#[test]
fn contains_overlaps_and_order_agree_with_the_months() {
    for (i, (a, am)) in YEAR.iter().enumerate() {
        for (j, (b, bm)) in YEAR.iter().enumerate() {
            let (pa, pb) = (p(a), p(b));
            let inside = bm.iter().all(|m| am.contains(m));
            let shared = bm.iter().any(|m| am.contains(m));
            assert_eq!(pa.contains(&pb), inside, "{a} contains {b}");
            assert_eq!(pa.overlaps(&pb), shared, "{a} overlaps {b}");
            assert_eq!(pa.cmp(&pb), i.cmp(&j), "{a} cmp {b}");
            assert_eq!(pa.partial_cmp(&pb), Some(i.cmp(&j)), "{a} partial_cmp {b}");
            // The same months of another year are neither contained nor overlapping.
            let other = Period::new(2025, pb.granularity(), pb.index()).unwrap();
            assert!(!pa.contains(&other) && !pa.overlaps(&other), "{a} / 2025 {b}");
            assert!(!other.contains(&pa) && !other.overlaps(&pa), "2025 {b} / {a}");
            assert_eq!(pa.cmp(&other), std::cmp::Ordering::Less, "{a} cmp 2025 {b}");
            assert_eq!(other.cmp(&pa), std::cmp::Ordering::Greater, "2025 {b} cmp {a}");
        }
    }
    assert!(p("2023-12") < p("2024-01"));
    assert!(p("2023") < p("2024-01"));
}

#[test]
fn all_in_year_subdivide_and_children() {
    let all = |g| names(&Period::all_in_year(2024, g).unwrap());
    assert_eq!(all(Granularity::Annual), ["2024"]);
    assert_eq!(all(Granularity::Semester), ["2024-S1", "2024-S2"]);
    assert_eq!(all(Granularity::Quarter), ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"]);
    assert_eq!(all(Granularity::Month).len(), 12);
    assert_eq!(all(Granularity::Month)[0], "2024-01");
    assert_eq!(all(Granularity::Month)[11], "2024-12");
    assert!(Period::all_in_year(MAX_YEAR + 1, Granularity::Quarter).is_err());

    let sub = |s: &str, g| names(&p(s).subdivide(g));
    assert_eq!(sub("2024-S2", Granularity::Quarter), ["2024-Q3", "2024-Q4"]);
    assert_eq!(sub("2024-Q2", Granularity::Month), ["2024-04", "2024-05", "2024-06"]);
    assert_eq!(sub("2024-Q2", Granularity::Quarter), ["2024-Q2"]);
    assert!(sub("2024-Q2", Granularity::Semester).is_empty());
    assert!(sub("2024-07", Granularity::Annual).is_empty());

    let finer = |s: &str| p(s).finer();
    assert_eq!(finer("2024"), Some(Granularity::Semester));
    assert_eq!(finer("2024-S1"), Some(Granularity::Quarter));
    assert_eq!(finer("2024-Q4"), Some(Granularity::Month));
    assert_eq!(finer("2024-12"), None);

    let children = |s: &str| names(&p(s).children());
    assert_eq!(children("2024"), ["2024-S1", "2024-S2"]);
    assert_eq!(children("2024-S2"), ["2024-Q3", "2024-Q4"]);
    assert_eq!(children("2024-Q4"), ["2024-10", "2024-11", "2024-12"]);
    assert!(children("2024-12").is_empty());
}

#[test]
fn ancestors_most_specific_first() {
    let anc = |s: &str| names(&p(s).ancestors());
    assert_eq!(anc("2024-01"), ["2024-Q1", "2024-S1", "2024"]);
    assert_eq!(anc("2024-06"), ["2024-Q2", "2024-S1", "2024"]);
    assert_eq!(anc("2024-07"), ["2024-Q3", "2024-S2", "2024"]);
    assert_eq!(anc("2024-08"), ["2024-Q3", "2024-S2", "2024"]);
    assert_eq!(anc("2024-12"), ["2024-Q4", "2024-S2", "2024"]);
    assert_eq!(anc("2024-Q2"), ["2024-S1", "2024"]);
    assert_eq!(anc("2024-Q3"), ["2024-S2", "2024"]);
    assert_eq!(anc("2024-Q4"), ["2024-S2", "2024"]);
    assert_eq!(anc("2024-S2"), ["2024"]);
    assert!(anc("2024").is_empty());
    // Each ancestor contains the period, and every containing period is an ancestor.
    for (a, _) in YEAR {
        let pa = p(a);
        let containing: Vec<Period> =
            YEAR.iter().map(|(b, _)| p(b)).filter(|pb| *pb != pa && pb.contains(&pa)).collect();
        let mut ancestors = pa.ancestors();
        ancestors.sort();
        let mut containing = containing;
        containing.sort();
        assert_eq!(ancestors, containing, "{a}");
    }
}

#[test]
fn the_constructors_check_year_and_index() {
    assert_eq!(Period::annual(MIN_YEAR).unwrap().to_string(), "1900");
    assert_eq!(Period::annual(MAX_YEAR).unwrap().to_string(), "2999");
    assert_eq!(Period::semester(2024, 2).unwrap(), p("2024-S2"));
    assert_eq!(Period::quarter(2024, 4).unwrap(), p("2024-Q4"));
    assert_eq!(Period::month(2024, 12).unwrap(), p("2024-12"));
    let refused = |r: Result<Period, Error>| match r {
        Err(e @ Error::Period { .. }) => e.to_string(),
        other => panic!("expected a period error, got {other:?}"),
    };
    let e = refused(Period::annual(MIN_YEAR - 1));
    assert!(e.starts_with("invalid period `1899`: year must be between 1900 and 2999"), "{e}");
    let e = refused(Period::annual(MAX_YEAR + 1));
    assert!(e.starts_with("invalid period `3000`: year must be between 1900 and 2999"), "{e}");
    let e = refused(Period::semester(2024, 3));
    assert!(e.starts_with("invalid period `2024 semester 3`: semester index must be between 1 and 2"), "{e}");
    let e = refused(Period::quarter(2024, 0));
    assert!(e.starts_with("invalid period `2024 quarter 0`: quarter index must be between 1 and 4"), "{e}");
    let e = refused(Period::month(2024, 13));
    assert!(e.starts_with("invalid period `2024 month 13`: month index must be between 1 and 12"), "{e}");
    let e = refused(Period::new(2024, Granularity::Annual, 2));
    assert!(e.starts_with("invalid period `2024`: annual index must be between 1 and 1"), "{e}");
}

#[test]
fn numeric_forms_and_their_reasons() {
    assert_eq!(p(" 2024-q2 "), p("2024-Q2"));
    assert_eq!(p("2024-TW4"), p("2024-Q4"));
    assert_eq!(p("2024-s1"), p("2024-S1"));
    assert_eq!(p("2024-S01"), p("2024-S1"));
    let four = "the year must be four digits";
    let part = "the part after the year is not recognised";
    // A short year is refused for its digits, not read as the year 24.
    assert_eq!(reason("24"), four);
    assert_eq!(reason("24-Q1"), four);
    assert_eq!(reason("202a"), four);
    assert_eq!(reason("20245"), four);
    // The index after S / Q / TW and a month are one or two ASCII digits.
    assert_eq!(reason("2024-Q"), part);
    assert_eq!(reason("2024-Q123"), part);
    assert_eq!(reason("2024-S100"), part);
    assert_eq!(reason("2024-Q+1"), part);
    assert_eq!(reason("2024-+1"), part);
    assert_eq!(reason("2024-TW+2"), part);
    assert_eq!(reason("2024-1"), part);
    assert_eq!(reason("2024-123"), part);
    assert_eq!(reason("2024-X1"), part);
    assert_eq!(reason("2024-Q5"), "quarter index must be between 1 and 4");
    assert_eq!(reason("2024-00"), "month index must be between 1 and 12");
    assert_eq!(reason("1899"), "year must be between 1900 and 2999");
    match "1899-S1".parse::<Period>() {
        Err(Error::Period { input, .. }) => assert_eq!(input, "1899-S1"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn word_forms_and_their_reasons() {
    let ids = ["januari", "februari", "maret", "april", "mei", "juni"].into_iter().chain([
        "juli",
        "agustus",
        "september",
        "oktober",
        "november",
        "desember",
    ]);
    let short = ["jan", "feb", "mar", "apr", "mei", "jun", "jul", "agu", "sep", "okt", "nov", "des"];
    for (m, (full, short)) in (1u8..).zip(ids.zip(short)) {
        let want = Period::month(2024, m).unwrap();
        assert_eq!(p(&format!("{full} 2024")), want, "{full}");
        assert_eq!(p(&format!("{} 2024", full.to_uppercase())), want, "{full}");
        assert_eq!(p(&format!("{short} 2024")), want, "{short}");
    }
    assert_eq!(p("Agt 2024"), p("2024-08"));
    assert_eq!(p("AGS 2024"), p("2024-08"));
    assert_eq!(p("Tahun 2030"), p("2030"));
    assert_eq!(p("Smt II 2024"), p("2024-S2"));
    for (i, n) in [("1", 1), ("i", 1), ("2", 2), ("II", 2), ("3", 3), ("iii", 3), ("4", 4), ("IV", 4)] {
        assert_eq!(p(&format!("Triwulan {i} 2024")), Period::quarter(2024, n).unwrap(), "{i}");
        assert_eq!(p(&format!("tw {i} 2024")), Period::quarter(2024, n).unwrap(), "{i}");
    }
    assert_eq!(p("Semester i 2024"), p("2024-S1"));
    assert_eq!(p("Semester 2 2024"), p("2024-S2"));

    let says = |text: &str, start: &str| {
        let r = reason(text);
        assert!(r.starts_with(start), "{text}: {r}");
        assert!(r.contains("Indonesian forms accepted"), "{text}: {r}");
    };
    says("Tahunan 24", "the year must be four digits at the end");
    says("Tahunan +024", "the year must be four digits at the end");
    says("Januari 99999", "the year must be four digits at the end");
    says("Triwulan 5 2024", "`5` is not an index (1–4 or I–IV)");
    says("Semester v 2024", "`v` is not an index (1–4 or I–IV)");
    says("Janvier 2024", "`janvier` is not a period word");
    says("Kuartal 2 2024", "not recognised");
    says("Tahunan I 2024", "not recognised");
    says("Triwulan 2024", "`triwulan` is not a period word");
    assert_eq!(reason("Tahunan 1899"), "year must be between 1900 and 2999");
    assert_eq!(reason("Semester III 2024"), "semester index must be between 1 and 2");
    match "Tahunan 1899".parse::<Period>() {
        Err(Error::Period { input, .. }) => assert_eq!(input, "Tahunan 1899"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn serde_forms() {
    assert_eq!(serde_json::to_string(&p("2024-Q2")).unwrap(), r#""2024-Q2""#);
    assert_eq!(serde_json::to_string(&p("2024")).unwrap(), r#""2024""#);
    assert_eq!(serde_json::from_str::<Period>(r#""2024-S2""#).unwrap(), p("2024-S2"));
    assert_eq!(serde_json::from_str::<Period>(r#""Triwulan III 2024""#).unwrap(), p("2024-Q3"));
    assert_eq!(serde_json::from_str::<Period>("2025").unwrap(), p("2025"));
    let e = serde_json::from_str::<Period>(r#""2024-Q5""#).unwrap_err().to_string();
    assert!(e.contains("quarter index must be between 1 and 4"), "{e}");
    let e = serde_json::from_str::<Period>("70000").unwrap_err().to_string();
    assert!(e.starts_with("year 70000 out of range"), "{e}");
    let e = serde_json::from_str::<Period>("1899").unwrap_err().to_string();
    assert!(e.contains("year must be between 1900 and 2999"), "{e}");
    let e = serde_json::from_str::<Period>("-1").unwrap_err().to_string();
    assert!(e.starts_with("year -1 out of range"), "{e}");
    let e = serde_json::from_str::<Period>("true").unwrap_err().to_string();
    assert!(e.contains(r#"expected a period such as "2024", "2024-S1", "2024-Q2" or "2024-03""#), "{e}");

    // A signed integer (TOML's integers, for one) is a year too.
    let from_i64 = |v: i64| Period::deserialize(IntoDeserializer::<ValueError>::into_deserializer(v));
    assert_eq!(from_i64(2024).unwrap(), p("2024"));
    assert_eq!(from_i64(-5).unwrap_err().to_string(), "year -5 out of range");
    assert!(from_i64(3000).unwrap_err().to_string().contains("year must be between 1900 and 2999"));
    let from_u64 = |v: u64| Period::deserialize(IntoDeserializer::<ValueError>::into_deserializer(v));
    assert_eq!(from_u64(1900).unwrap(), p("1900"));
    assert_eq!(from_u64(65536).unwrap_err().to_string(), "year 65536 out of range");
}

#[cfg(feature = "schema")]
#[test]
fn json_schema_names_and_patterns_periods() {
    use schemars::JsonSchema;
    assert_eq!(Period::schema_name(), "Period");
    let schema = serde_json::to_value(schemars::schema_for!(Period)).unwrap();
    // a text of the reader's forms or a year as a number (`tests/schema.rs` holds the pattern
    // to the reader)
    assert_eq!(schema["anyOf"][0]["type"], "string");
    let pattern = schema["anyOf"][0]["pattern"].as_str().unwrap();
    assert!(pattern.starts_with("^[\t\n") && pattern.contains("]*((19[0-9]{2}|2[0-9]{3})"), "{pattern}");
    assert_eq!(schema["anyOf"][1], serde_json::json!({"type": "integer", "minimum": 1900, "maximum": 2999}));
    let description = schema["description"].as_str().unwrap();
    assert!(description.starts_with("A period: `2024`, `2024-S1`"), "{description}");
}
