//! `plan_of` / `explain_inputs`: one employee of an export as a core plan, whose scalar
//! evaluation gives the predicate the table scorer gives, with its cited explanation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use arrow_array::Array;
use arrow_array::cast::AsArray;
use kinerja_core::explain::{Labelled, Lang};
use kinerja_core::regime;
use kinerja_core::rules::Ruleset;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{Inputs, RunError, Source, explain_inputs, run};
use kinerja_table::score::{OnError, ScoreOptions};

const NIP: &str = "198701012010011001";

fn export(name: &str) -> Vec<u8> {
    let path = format!("{}/../testdata/exports/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn rules() -> Ruleset {
    Ruleset::builtin("permenpanrb-6-2022").unwrap()
}

/// The table scorer's (weighted achievement, predicate) of `nip`.
fn scored(bytes: &[u8], nip: &str) -> (String, String) {
    let opts = ScoreOptions { on_error: OnError::Collect, ..ScoreOptions::default() };
    let s =
        run(&Inputs::new(Source::Bytes(bytes, FileFormat::Csv)), &ReadOptions::default(), &rules(), &opts)
            .unwrap();
    let e = &s.employees;
    let ids = e.column_by_name("employee").unwrap().as_string::<i32>();
    let r = (0..e.num_rows()).find(|r| ids.value(*r) == nip).unwrap();
    let text = |c: &str| {
        let a = e.column_by_name(c).unwrap();
        match a.data_type() {
            arrow_schema::DataType::Dictionary(..) => {
                kinerja_table::score::text_at(a, r).unwrap().to_string()
            }
            arrow_schema::DataType::Decimal128(_, scale) => {
                let m = a.as_primitive::<arrow_array::types::Decimal128Type>().value(r);
                rust_decimal::Decimal::from_i128_with_scale(m, *scale as u32).to_string()
            }
            other => panic!("{c}: {other}"),
        }
    };
    (text("weighted_achievement"), text("predicate"))
}

#[test]
fn canonical_export_explains_what_the_scorer_gives() {
    let bytes = export("skp_canonical.csv");
    let inputs = Inputs::new(Source::Bytes(&bytes, FileFormat::Csv));
    let (plan, period) = explain_inputs(&inputs, &ReadOptions::default(), NIP, None).unwrap();
    assert_eq!(period.to_string(), "2024");
    assert_eq!(plan.employee.name, "Maria Lende");
    assert_eq!(plan.results.len(), 2, "{plan:?}");
    plan.validate().unwrap();
    let ev = regime::evaluate(&plan, period, &rules()).unwrap();
    assert_eq!(ev.weighted_achievement.map(|d| d.to_string()).as_deref(), Some("93.00"));
    assert_eq!(ev.predicate.value(), "good");
    assert_eq!(scored(&bytes, NIP), ("93.00".to_string(), "good".to_string()));
    let text = ev.explain(Lang::Id);
    assert!(text.contains("PermenPANRB 6/2022"), "{text}");
}

#[test]
fn every_employee_of_the_export_agrees_with_the_scorer() {
    let bytes = export("skp_canonical.csv");
    let inputs = Inputs::new(Source::Bytes(&bytes, FileFormat::Csv));
    for nip in [NIP, "197905152005012002"] {
        let (plan, period) = explain_inputs(&inputs, &ReadOptions::default(), nip, None).unwrap();
        let ev = regime::evaluate(&plan, period, &rules()).unwrap();
        let (wa, pred) = scored(&bytes, nip);
        assert_eq!(ev.weighted_achievement.map(|d| d.to_string()).unwrap_or_default(), wa, "{nip}");
        assert_eq!(ev.predicate.value(), pred, "{nip}");
    }
}

#[test]
fn an_unknown_employee_is_named() {
    let bytes = export("skp_canonical.csv");
    let inputs = Inputs::new(Source::Bytes(&bytes, FileFormat::Csv));
    let e = explain_inputs(&inputs, &ReadOptions::default(), "999", None).unwrap_err();
    let RunError::Score(s) = e else { panic!("{e:?}") };
    assert_eq!(s.problem.employee.as_deref(), Some("999"));
    assert!(s.problem.message.contains("999"), "{}", s.problem.message);
}
