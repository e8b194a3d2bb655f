//! Tests for `kinerja-core/src/rules/dated.rs` (cargo-mutants on the whole file): what is a
//! dated list (a list of tables with `from` and `value`, and `source` alone besides), a dated
//! value inside a list (located by its index), and `from` written exactly `YYYY-MM-DD` (four,
//! two and two digits; a TOML date is a table of one entry) — errors in both languages.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::prelude::*;
use kinerja_core::rules::DatedPolicy;

fn d(y: u16, m: u8, day: u8) -> Date {
    Date::new(y, m, day).unwrap()
}

/// The path, the reason and the Indonesian message of a policy error.
fn policy_error(e: Error) -> (String, String, String) {
    let id = e.message(Lang::Id);
    match e {
        Error::Policy { path, reason } => (path, reason, id),
        other => panic!("not a policy error: {other}"),
    }
}

/// A document whose `rating.weights_must_sum_to` is `list`.
fn weights(list: &str) -> String {
    format!(r#"{{"id": "kota", "rating": {{"weights_must_sum_to": {list}}}}}"#)
}

/// A list of tables is dated only when every table has both `from` and `value` and nothing
/// else but `source`: a table with `from` alone, `value` alone, `source` alone, no key at all
/// or another key beside them leaves the list an ordinary value. Such a list is read as the
/// field's own value, which `weights_must_sum_to` (a number) refuses.
#[test]
fn only_tables_of_from_and_value_make_a_dated_list() {
    for list in [
        r#"[{"value": "100"}]"#,
        r#"[{"from": "2024-01-01"}]"#,
        r#"[{"from": "2024-01-01", "value": "100"}, {"value": "90"}]"#,
        r#"[{"from": "2024-01-01", "value": "100"}, {"from": "2024-07-01"}]"#,
        r#"[{"source": "Perwali 12/2024"}]"#,
        r#"[{}]"#,
        r#"[{"from": "2024-01-01", "value": "100", "note": "x"}]"#,
        r#"[{"from": "2024-01-01", "value": "100", "source": "Perwali 12/2024", "until": "2024-12-31"}]"#,
        r#"[{"from": "2024-01-01", "value": "100"}, {"from": "2024-07-01", "value": "90", "sumber": "x"}]"#,
    ] {
        let dated = DatedPolicy::from_json(&weights(list)).unwrap();
        assert!(!dated.is_dated(), "{list}");
        assert_eq!(dated.paths(), Vec::<String>::new(), "{list}");
        assert_eq!(dated.change_dates(), Vec::<Date>::new(), "{list}");
        let e = dated.at(d(2024, 8, 1)).unwrap_err();
        assert_eq!(e.field(), Some("rating.weights_must_sum_to"), "{list}: {e}");
    }
    // with `source` beside them, the same values are dated
    let list = r#"[{"from": "2024-01-01", "value": "100", "source": "Perwali 12/2024"}]"#;
    let dated = DatedPolicy::from_json(&weights(list)).unwrap();
    assert_eq!(dated.paths(), vec!["rating.weights_must_sum_to"]);
    let p = dated.at(d(2024, 8, 1)).unwrap();
    assert_eq!((p.id.as_str(), p.rating.weights_must_sum_to), ("kota@2024-01-01", Some(dec!(100))));
}

const IN_A_LIST: &str = r#"{"id": "kota", "rating": {"advisory_bands": [
    {"min": "110", "rating": "above"},
    {"min": [{"from": "2024-01-01", "value": "90"},
             {"from": "2024-07-01", "value": "95", "source": "Perwali 12/2024"}], "rating": "meets"},
    {"min": "0", "rating": "below"}]}}"#;

/// A dated value inside a list (the second band's minimum) is found, named by its index,
/// chosen by date with the rest of the list kept, and refused inside a period it changes in.
#[test]
fn a_dated_value_inside_a_list_is_found_and_named_by_its_index() {
    let dated = DatedPolicy::from_json(IN_A_LIST).unwrap();
    assert!(dated.is_dated());
    assert_eq!(dated.paths(), vec!["rating.advisory_bands[1].min"]);
    assert_eq!(dated.change_dates(), vec![d(2024, 1, 1), d(2024, 7, 1)]);
    let mins = |p: &Policy| p.rating.advisory_bands.iter().map(|b| b.min).collect::<Vec<_>>();
    let march = dated.at(d(2024, 3, 31)).unwrap();
    assert_eq!((march.id.as_str(), mins(&march)), ("kota@2024-01-01", vec![dec!(110), dec!(90), dec!(0)]));
    let july = dated.for_period(&"2024-S2".parse().unwrap()).unwrap();
    assert_eq!((july.id.as_str(), mins(&july)), ("kota@2024-07-01", vec![dec!(110), dec!(95), dec!(0)]));
    let e = dated.for_period(&"2024".parse().unwrap()).unwrap_err();
    assert_eq!(e.field(), Some("rating.advisory_bands[1].min"), "{e}");

    // an entry of a dated value inside a list is located by both indexes
    let bad = IN_A_LIST.replace("\"2024-07-01\"", "\"2023-07-01\"");
    assert_eq!(
        policy_error(DatedPolicy::from_json(&bad).unwrap_err()),
        (
            "rating.advisory_bands[1].min[1].from".to_string(),
            "2023-07-01 does not come after 2024-01-01: list the dates in ascending order, each once"
                .to_string(),
            "kebijakan `rating.advisory_bands[1].min[1].from`: 2023-07-01 tidak jatuh setelah \
             2024-01-01: urutkan tanggal dari yang paling awal, masing-masing sekali"
                .to_string()
        )
    );
}

/// `from` is a string or a TOML date (a table of exactly one entry as it reaches JSON): a
/// table of two entries is refused, even when one of them is a date.
#[test]
fn a_from_table_of_two_entries_is_not_a_date() {
    let list = r#"[{"from": {"a": "2024-01-01", "b": "2024-07-01"}, "value": "100"}]"#;
    assert_eq!(
        policy_error(DatedPolicy::from_json(&weights(list)).unwrap_err()),
        (
            "rating.weights_must_sum_to[0].from".to_string(),
            "expected a date written YYYY-MM-DD".to_string(),
            "kebijakan `rating.weights_must_sum_to[0].from`: seharusnya tanggal dalam format YYYY-MM-DD"
                .to_string()
        )
    );
}

/// `from` is written `YYYY-MM-DD`: four digits, two and two. A one-digit month or day, a
/// two- or five-digit year are refused, naming the text, in both languages (the Indonesian
/// reason was missing from the message catalogue); surrounding spaces are allowed.
#[test]
fn a_from_date_has_four_two_and_two_digits() {
    for text in
        ["2024-7-01", "2024-07-1", "2024-7-1", "24-07-01", "02024-07-01", "2024-007-01", "2024-07-001"]
    {
        let list = format!(r#"[{{"from": "{text}", "value": "100"}}]"#);
        assert_eq!(
            policy_error(DatedPolicy::from_json(&weights(&list)).unwrap_err()),
            (
                "rating.weights_must_sum_to[0].from".to_string(),
                format!("`{text}` is not a date written YYYY-MM-DD"),
                format!(
                    "kebijakan `rating.weights_must_sum_to[0].from`: `{text}` bukan tanggal dalam format YYYY-MM-DD"
                )
            ),
            "{text}"
        );
    }
    let list = r#"[{"from": " 2024-07-01 ", "value": "100"}]"#;
    let dated = DatedPolicy::from_json(&weights(list)).unwrap();
    assert_eq!(dated.change_dates(), vec![d(2024, 7, 1)]);
}

/// The parts of `from` are digits only: a sign, which the integer parser would take, makes it
/// no date (`2024-+7-01` was read as 2024-07-01 and `+024-07-01` as the year 24).
#[test]
fn a_from_date_has_no_sign() {
    for text in ["2024-+7-01", "2024-07-+1", "+024-07-01", "2024--7-01"] {
        let list = format!(r#"[{{"from": "{text}", "value": "100"}}]"#);
        let e = DatedPolicy::from_json(&weights(&list)).unwrap_err();
        assert_eq!(
            policy_error(e),
            (
                "rating.weights_must_sum_to[0].from".to_string(),
                format!("`{text}` is not a date written YYYY-MM-DD"),
                format!(
                    "kebijakan `rating.weights_must_sum_to[0].from`: `{text}` bukan tanggal dalam format YYYY-MM-DD"
                )
            ),
            "{text}"
        );
    }
}

/// A table of one entry is a date only as TOML hands a date over (`from = 2024-07-01`); a
/// JSON table of one entry that happens to hold a date is refused, not guessed.
#[test]
fn a_from_table_of_one_entry_is_a_date_only_from_toml() {
    let list = r#"[{"from": {"a": "2024-01-01"}, "value": "100"}]"#;
    assert_eq!(
        policy_error(DatedPolicy::from_json(&weights(list)).unwrap_err()).1,
        "expected a date written YYYY-MM-DD"
    );
    let toml = "[rating]\nweights_must_sum_to = [{ from = 2024-01-01, value = \"100\" }, \
                { from = 2024-07-01, value = \"100\" }]\n";
    let dated = DatedPolicy::from_toml(toml).unwrap();
    assert_eq!(
        dated.change_dates().iter().map(ToString::to_string).collect::<Vec<_>>(),
        ["2024-01-01", "2024-07-01"]
    );
}

/// A dated entry's `source` is the text of a regulation; a number, a list or a table there is
/// refused at its path in both languages, not kept as a note of another kind.
#[test]
fn a_source_is_text() {
    for source in ["12", "[\"Perwali 12/2024\"]", "{\"no\": 12}", "null", "true"] {
        let list = format!(
            r#"[{{"from": "2024-01-01", "value": "100"}}, {{"from": "2024-07-01", "value": "90", "source": {source}}}]"#
        );
        let (path, reason, id) = policy_error(DatedPolicy::from_json(&weights(&list)).unwrap_err());
        assert_eq!(path, "rating.weights_must_sum_to[1].source", "{source}");
        assert_eq!(reason, "expected the text of the value's source, e.g. `Perwali 12/2024`", "{source}");
        assert!(id.contains("seharusnya teks sumber nilai ini, mis. `Perwali 12/2024`"), "{id}");
    }
}
