//! An employee without indicator rows gets the answer the scalar `evaluate` gives its plan
//! (which has no indicator): by default the appraiser's ratings alone give the predicate;
//! under `rating.require_indicators` the scalar refuses the plan and batch scoring gives the
//! status `no_indicators`. A JPT unit head's work result follows the organisational predicate
//! on both surfaces; without any rating both refuse.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::result_large_err)]

use kinerja_core::regime::evaluate;
use kinerja_core::rules::Ruleset;
use kinerja_table::read::{FileFormat, ReadOptions};
use kinerja_table::run::{Inputs, Source, explain_inputs, run};
use kinerja_table::score::{OnError, ScoreOptions, Scored, text_at};

/// `a` has an indicator; `b`, `c`, `d` have none.
const INDICATORS: &str = "employee,indicator,target,actual\na,i1,100,90\n";

fn scored(employees: &str, rules: &Ruleset) -> Scored {
    let inputs = Inputs {
        indicators: Source::Bytes(INDICATORS.as_bytes(), FileFormat::Csv),
        employees: Some(Source::Bytes(employees.as_bytes(), FileFormat::Csv)),
        units: None,
    };
    let options = ScoreOptions {
        period: Some("2024".parse().unwrap()),
        on_error: OnError::Collect,
        ..Default::default()
    };
    run(&inputs, &ReadOptions::default(), rules, &options).unwrap()
}

fn column(s: &Scored, name: &str, row: usize) -> Option<String> {
    text_at(s.employees.column_by_name(name).unwrap(), row).map(str::to_string)
}

/// The scalar evaluation of the plan the table layer builds for `employee`.
fn scalar(
    employees: &str,
    employee: &str,
    rules: &Ruleset,
) -> kinerja_core::Result<kinerja_core::Evaluation> {
    let inputs = Inputs {
        indicators: Source::Bytes(INDICATORS.as_bytes(), FileFormat::Csv),
        employees: Some(Source::Bytes(employees.as_bytes(), FileFormat::Csv)),
        units: None,
    };
    let (plan, period) = explain_inputs(&inputs, &ReadOptions::default(), employee, None).unwrap();
    assert_eq!(plan.indicators().count(), usize::from(employee == "a"), "{employee}");
    evaluate(&plan, period, rules)
}

const EMPLOYEES: &str = "employee,unit,post_type,unit_head,work_result,behaviour,org_predicate,period\n\
                         a,u1,executor,false,meets,meets,,2024\n\
                         b,u1,executor,false,above,meets,,2024\n\
                         c,u2,jpt,true,,meets,good,2024\n\
                         d,u1,executor,false,,meets,,2024\n";

#[test]
fn by_default_the_appraiser_rates_an_employee_without_indicators_on_both_surfaces() {
    let rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    let s = scored(EMPLOYEES, &rules);
    assert_eq!(column(&s, "status", 1).as_deref(), Some("ok"));
    for (row, id) in [(1, "b"), (2, "c")] {
        let ev = scalar(EMPLOYEES, id, &rules).unwrap();
        assert_eq!(column(&s, "status", row).as_deref(), Some("ok"), "{id}");
        assert_eq!(column(&s, "predicate", row), Some(ev.predicate.to_string()), "{id}");
        assert_eq!(column(&s, "work_result", row), ev.work_result.map(|r| r.to_string()), "{id}");
        let source = ev.work_result_source.map(|r| r.value().to_string());
        assert_eq!(column(&s, "work_result_source", row), source, "{id}");
        assert_eq!(ev.weighted_achievement, None, "{id}");
        assert!(s.employees.column_by_name("weighted_achievement").unwrap().is_null(row), "{id}");
    }
    assert_eq!(column(&s, "work_result", 1).as_deref(), Some("above"));
    assert_eq!(column(&s, "work_result_source", 2).as_deref(), Some("org_predicate"));
    // no rating at all: both refuse (a missing work result)
    let e = scalar(EMPLOYEES, "d", &rules).unwrap_err();
    assert!(e.to_string().contains("work_result"), "{e}");
    assert_eq!(column(&s, "status", 3).as_deref(), Some("error"));
    assert_eq!(column(&s, "predicate", 3), None);
}

#[test]
fn under_require_indicators_both_surfaces_refuse_an_employee_without_indicators() {
    let mut rules = Ruleset::builtin("permenpanrb-6-2022").unwrap();
    rules.policy.rating.require_indicators = true;
    let s = scored(EMPLOYEES, &rules);
    assert_eq!(column(&s, "status", 0).as_deref(), Some("ok"));
    assert!(scalar(EMPLOYEES, "a", &rules).is_ok());
    for (row, id) in [(1, "b"), (2, "c")] {
        let e = scalar(EMPLOYEES, id, &rules).unwrap_err();
        let m = e.to_string();
        assert!(m.contains(id) && m.contains("rating.require_indicators") && m.contains("indicators"), "{m}");
        assert_eq!(e.field(), Some("indicators"));
        assert_eq!(column(&s, "status", row).as_deref(), Some("no_indicators"), "{id}");
        assert_eq!(column(&s, "predicate", row), None, "{id}");
    }
    // a missing rating is still the error it was (its own error says more)
    assert!(scalar(EMPLOYEES, "d", &rules).unwrap_err().to_string().contains("work_result"));
    assert_eq!(column(&s, "status", 3).as_deref(), Some("error"));
}
