//! Batch scoring implements PermenPANRB 6/2022 only: `run` (the table layer of
//! `kinerja.score`, the command line and `POST /v1/score`) refuses the PP 46/2011 and
//! PermenPANRB 8/2021 rulesets with a located policy error instead of scoring their plans with
//! the 6/2022 kernel under their name; so does `score` on canonical tables. The 6/2022 rules
//! given explicitly still score, also for a period before 2022 (a what-if, as the scalar
//! `evaluate` does); without rules (`run_with` / `score_with` with `None`) the ruleset in force
//! for the evaluated period applies, as `evaluate` chooses it, so a 2019 table is refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use kinerja_core::error::ErrorFamily;
use kinerja_core::lang::Lang;
use kinerja_core::period::Period;
use kinerja_core::regime::evaluate;
use kinerja_core::rules::{RegimeId, Ruleset};
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{BATCH_REGIME, Inputs, RunError, Source, batch_rules, explain_inputs, run};
use kinerja_table::schema::TableKind;
use kinerja_table::score::{OnError, ScoreOptions, text_at};

/// One employee, target 100, actual 90, work result and behaviour `meets`.
const CSV: &str = "employee,indicator,target,actual,work_result,behaviour\n\
                   e1,i1,100,90,meets,meets\n";

fn inputs(csv: &str) -> Inputs<'_> {
    Inputs::new(Source::Bytes(csv.as_bytes(), FileFormat::Csv))
}

fn builtin(id: &str) -> Ruleset {
    Ruleset::builtin(id).unwrap()
}

fn predicates(s: &kinerja_table::score::Scored) -> Vec<Option<String>> {
    let c = s.employees.column_by_name("predicate").unwrap();
    (0..s.employees.num_rows()).map(|i| text_at(c, i).map(str::to_string)).collect()
}

/// The refusal of `rules` by `run`, checked for its family, its engine error and its words.
fn assert_refused(csv: &str, rules: &Ruleset, options: &ScoreOptions, regime: &str) {
    let e = match run(&inputs(csv), &ReadOptions::default(), rules, options) {
        Err(e) => e,
        Ok(s) => panic!("{} was scored: {:?}", rules.id(), predicates(&s)),
    };
    assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
    let RunError::Score(s) = &e else { panic!("not a scoring error: {e:?}") };
    assert_eq!(s.problem.table, TableKind::Indicators);
    match s.problem.error.as_deref() {
        Some(kinerja_core::Error::Policy { path, .. }) => assert_eq!(path, "regime"),
        other => panic!("not a policy error: {other:?}"),
    }
    let m = e.to_string();
    for words in [
        "policy regime: batch scoring implements PermenPANRB 6/2022",
        &format!("for {regime} evaluate plans one by one"),
        "kj.evaluate",
        "`POST /v1/evaluate`",
    ] {
        assert!(m.contains(words), "`{words}` not in: {m}");
    }
    assert!(s.problem.text(Lang::Id).starts_with("tabel indikator"), "{}", s.problem.text(Lang::Id));
}

#[test]
fn pp46_rules_are_refused_not_scored_with_the_6_2022_kernel() {
    for on_error in [OnError::Raise, OnError::Collect] {
        let options = ScoreOptions { on_error, ..ScoreOptions::default() };
        assert_refused(CSV, &builtin("pp-46-2011"), &options, "PP 46/2011 jo. Perka BKN 1/2013");
    }
}

#[test]
fn permenpanrb_8_2021_rules_are_refused_not_scored_with_the_6_2022_kernel() {
    for on_error in [OnError::Raise, OnError::Collect] {
        let options = ScoreOptions { on_error, ..ScoreOptions::default() };
        assert_refused(CSV, &builtin("permenpanrb-8-2021"), &options, "PermenPANRB 8/2021 jo. PP 30/2019");
    }
}

/// The rules are refused before any table is read: a bad cell or a period given does not
/// change the answer, nor does a policy of its own.
#[test]
fn the_rules_are_refused_before_the_tables_are_read() {
    let bad_cell = "employee,indicator,target,actual,work_result,behaviour\ne1,i1,100,abc,meets,meets\n";
    let pp46 = "PP 46/2011 jo. Perka BKN 1/2013";
    assert_refused(bad_cell, &builtin("pp-46-2011"), &ScoreOptions::default(), pp46);
    let in_force = ScoreOptions { period: Some("2021-S2".parse().unwrap()), ..ScoreOptions::default() };
    assert_refused(CSV, &builtin("permenpanrb-8-2021"), &in_force, "PermenPANRB 8/2021 jo. PP 30/2019");
    let mut own = builtin("pp-46-2011");
    own.policy.id = "own".into();
    assert_refused(CSV, &own, &ScoreOptions::default(), pp46);
}

#[test]
fn batch_rules_accepts_only_the_regime_of_the_kernel() {
    assert_eq!(BATCH_REGIME, RegimeId::Permenpanrb6_2022);
    assert!(batch_rules(&builtin("permenpanrb-6-2022")).is_ok());
    for id in ["pp-46-2011", "permenpanrb-8-2021"] {
        let e = batch_rules(&builtin(id)).unwrap_err();
        assert_eq!(e.family(), ErrorFamily::Policy, "{e}");
    }
}

#[test]
fn the_6_2022_rules_still_score() {
    let s =
        run(&inputs(CSV), &ReadOptions::default(), &builtin("permenpanrb-6-2022"), &ScoreOptions::default())
            .unwrap();
    assert_eq!(predicates(&s), vec![Some("good".to_string())]);
}

/// Under the 6/2022 rules a period before 2022 (2019: PP 46/2011 in force; 2010: before 2014,
/// no implemented regime) is scored as the scalar `evaluate` evaluates the same plan: a what-if,
/// not an error. The scalar evaluation notes it; the batch result has no place for notes.
#[test]
fn a_period_before_2022_under_the_6_2022_rules_scores_as_the_scalar_evaluate() {
    let rules = builtin("permenpanrb-6-2022");
    for year in ["2019", "2010"] {
        let csv = format!(
            "employee,unit,indicator,target,actual,period,work_result,behaviour\n\
             e1,u1,i1,100,90,{year},meets,meets\n"
        );
        let s = run(&inputs(&csv), &ReadOptions::default(), &rules, &ScoreOptions::default()).unwrap();
        let period: Period = year.parse().unwrap();
        assert_eq!(s.period, Some(period));
        let (plan, p) = explain_inputs(&inputs(&csv), &ReadOptions::default(), "e1", None).unwrap();
        let ev = evaluate(&plan, p, &rules).unwrap();
        assert_eq!(predicates(&s), vec![Some(ev.predicate.to_string())], "{year}");
        assert!(ev.notes.iter().any(|n| n.en.contains("what-if")), "{year}: {:?}", ev.notes);
    }
}

/// `score` (canonical tables) is behind the same check as `run`: it used to score PP 46/2011
/// rules with the 6/2022 kernel.
#[test]
fn score_refuses_rules_it_does_not_implement() {
    use arrow_array::{ArrayRef, Decimal128Array, RecordBatch, StringArray};
    use std::sync::Arc;
    let ind = RecordBatch::try_from_iter([
        ("employee", Arc::new(StringArray::from(vec!["e1"])) as ArrayRef),
        (
            "target",
            Arc::new(Decimal128Array::from(vec![100]).with_precision_and_scale(38, 0).unwrap()) as ArrayRef,
        ),
        (
            "actual",
            Arc::new(Decimal128Array::from(vec![90]).with_precision_and_scale(38, 0).unwrap()) as ArrayRef,
        ),
        ("work_result", Arc::new(StringArray::from(vec!["meets"])) as ArrayRef),
        ("behaviour", Arc::new(StringArray::from(vec!["meets"])) as ArrayRef),
    ])
    .unwrap();
    let tables = kinerja_table::score::Tables { indicators: &ind, employees: None, units: None };
    for id in ["pp-46-2011", "permenpanrb-8-2021"] {
        let e = kinerja_table::score::score(&tables, &builtin(id), &ScoreOptions::default()).unwrap_err();
        assert_eq!(e.family, ErrorFamily::Policy, "{e}");
        assert!(e.to_string().contains("batch scoring implements PermenPANRB 6/2022"), "{e}");
    }
    let s = kinerja_table::score::score(&tables, &builtin("permenpanrb-6-2022"), &ScoreOptions::default())
        .unwrap();
    assert_eq!(predicates(&s), vec![Some("good".to_string())]);
    // without rules and without a period: the 6/2022 rules (the rows hold the period's values)
    let s = kinerja_table::score::score_with(&tables, None, &ScoreOptions::default()).unwrap();
    assert_eq!(predicates(&s), vec![Some("good".to_string())]);
}

fn dated_csv(period: &str) -> String {
    format!(
        "employee,unit,indicator,target,actual,period,work_result,behaviour\n\
         e1,u1,i1,100,90,{period},meets,meets\n"
    )
}

/// Without rules, batch scoring applies the ruleset in force for the evaluated period, given
/// or inferred from the tables, as the scalar `evaluate` does: a 2019 table is refused (PP
/// 46/2011 is in force) instead of scored under 6/2022, naming the period and its regime.
#[test]
fn without_rules_the_ruleset_in_force_for_the_period_is_applied() {
    let read = ReadOptions::default();
    // (a period inferred from realisations is the year of their rows)
    let cases = [
        ("2019", "2019", "PP 46/2011 jo. Perka BKN 1/2013"),
        ("2021-S2", "2021", "PermenPANRB 8/2021 jo. PP 30/2019"),
        ("2021", "2021", "PermenPANRB 8/2021 jo. PP 30/2019"),
    ];
    for (period, inferred, regime) in cases {
        let csv = dated_csv(period);
        let given = ScoreOptions { period: Some(period.parse().unwrap()), ..ScoreOptions::default() };
        // the period given, and the period inferred from the tables
        for (options, named) in [(given, period), (ScoreOptions::default(), inferred)] {
            for on_error in [OnError::Raise, OnError::Collect] {
                let options = ScoreOptions { on_error, ..options };
                let e = kinerja_table::run::run_with(&inputs(&csv), &read, None, &options).unwrap_err();
                assert_eq!(e.family(), ErrorFamily::Policy, "{period}: {e}");
                let m = e.to_string();
                let words = format!("the regime in force for {named} is {regime}: evaluate plans one by one");
                assert!(m.contains(&words), "{period}: {m}");
            }
        }
        // the scalar default for the same period is that regime
        let p: Period = period.parse().unwrap();
        assert_ne!(kinerja_core::regime::rules_in_force(&p).unwrap().regime, BATCH_REGIME);
    }
    // before 2014 no regime is implemented: an input error naming the period
    let e = kinerja_table::run::run_with(&inputs(&dated_csv("2010")), &read, None, &ScoreOptions::default())
        .unwrap_err();
    assert_eq!(e.family(), ErrorFamily::Input, "{e}");
    assert!(e.to_string().contains("no ruleset is in force for 2010"), "{e}");
    // 2022 on: 6/2022, scored as under the rules given
    for period in ["2022", "2024"] {
        let csv = dated_csv(period);
        let options = ScoreOptions { period: Some(period.parse().unwrap()), ..ScoreOptions::default() };
        let s = kinerja_table::run::run_with(&inputs(&csv), &read, None, &options).unwrap();
        let given = run(&inputs(&csv), &read, &builtin("permenpanrb-6-2022"), &options).unwrap();
        assert_eq!(predicates(&s), predicates(&given), "{period}");
    }
}
