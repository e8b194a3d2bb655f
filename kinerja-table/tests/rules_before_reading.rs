//! The rules are decided before any table is read: rules of another regime than PermenPANRB
//! 6/2022, given or in force for the period given, are refused with the policy error even
//! when the table could not be read at all (a missing file, a table without its columns).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use kinerja_core::error::ErrorFamily;
use kinerja_core::rules::Ruleset;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{Inputs, Source, run, run_with};
use kinerja_table::score::ScoreOptions;

#[test]
fn other_rules_are_refused_before_an_unreadable_table() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no such file.csv");
    let sources = [Source::Path(&missing), Source::Bytes(b"x\n1\n", FileFormat::Csv)];
    let read = ReadOptions::default();
    let in_2019 = ScoreOptions { period: Some("2019".parse().unwrap()), ..ScoreOptions::default() };
    for source in sources {
        let inputs = Inputs::new(source);
        // the table alone: a read error
        let e = run_with(&inputs, &read, None, &ScoreOptions::default()).unwrap_err();
        assert_ne!(e.family(), ErrorFamily::Policy, "{e}");
        // rules of another regime given
        let e = run(&inputs, &read, &Ruleset::builtin("pp-46-2011").unwrap(), &ScoreOptions::default())
            .unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
        assert!(e.to_string().contains("for PP 46/2011"), "{e}");
        // no rules, and a period whose regime in force is another
        let e = run_with(&inputs, &read, None, &in_2019).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
        assert!(e.to_string().contains("the regime in force for 2019 is PP 46/2011"), "{e}");
    }
}
