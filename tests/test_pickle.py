"""Every class and exception pickles (pickle and cloudpickle) and round-trips by value."""

from __future__ import annotations

import pickle

import cloudpickle
import pytest
from test_followup import pickle_objects as followup_objects
from test_instruments import pickle_objects as instrument_objects
from test_org import pickle_objects

import kinerja as kj
from kinerja import exceptions as kx


def objects(simple_plan_dict):
    plan = kj.Plan.from_dict(simple_plan_dict)
    ev = kj.evaluate(plan)
    return [
        kj.Period("2024-Q2"),
        kj.Predicate.VERY_GOOD,
        kj.Rating("meets"),
        kj.OrgPredicate("Istimewa"),
        kj.Polarity("lower"),
        kj.Aspect.TIME,
        kj.PostType("functional"),
        kj.FunctionalGrade("ahli_pertama"),
        kj.ResultKind.ADDITIONAL,
        kj.CascadeType.DIRECT,
        kj.Aggregation.MEAN,
        kj.CoreValue.LOYAL,
        kj.Regime("pp-46-2011"),
        kj.Indicator("a", "A", (80, 90), weight=10, polarity="lower"),
        kj.PlannedResult("r", "R", [kj.Indicator("a", "A", 5)]),
        kj.Employee("1", "N", "u", "executor"),
        kj.Realisation("a", "2024-Q1", "3.25"),
        kj.Behaviour(overall="above", values={"loyal": "above"}),
        kj.Assessment("2024", work_result="above", behaviour="meets"),
        plan,
        kj.Policy.defaults(),
        kj.Policy(id="x", achievement={"lower_formula": "ratio"}),
        kj.Ruleset.builtin("permenpanrb-8-2021"),
        kj.Ruleset.builtin().with_policy(kj.Policy(id="kupang")),
        ev,
        ev.trace,
        ev.indicators[0],
        kj.compare([plan], kj.Ruleset.builtin(), kj.Ruleset.builtin().with_policy(kj.Policy(id="b"))),
        *pickle_objects(),
        *followup_objects(),
        *instrument_objects(),
        kj.MonthPredicateRule.LAST_COMPLETED,
        kj.month_predicate("2024-07", [("2024-S1", "good")], rule="last_completed"),
    ]


@pytest.mark.parametrize("dumps", [pickle.dumps, cloudpickle.dumps], ids=["pickle", "cloudpickle"])
def test_every_class_roundtrips(simple_plan_dict, dumps) -> None:
    for obj in objects(simple_plan_dict):
        back = pickle.loads(dumps(obj))
        assert type(back) is type(obj)
        assert back == obj, repr(obj)
        assert repr(back) == repr(obj)


def test_every_class_is_covered(simple_plan_dict) -> None:
    covered = {type(o).__name__ for o in objects(simple_plan_dict)}
    # every class a user can hold; private helpers of the package's own code (`_IdSet` of the
    # streamed command line) never leave it
    classes = {
        n
        for n in dir(kj._kinerja)
        if isinstance(getattr(kj._kinerja, n), type) and not n.endswith("Error") and not n.startswith("_")
    }
    assert len(classes) > 20, classes
    assert classes <= covered, classes - covered


EXCEPTIONS = [
    kx.KinerjaError,
    kx.PeriodError,
    kx.IndicatorError,
    kx.InputError,
    kx.RatingError,
    kx.PolicyError,
    kx.OrganisationError,
    kx.InstrumentError,
    kx.KinerjaArithmeticError,
]


@pytest.mark.parametrize("cls", EXCEPTIONS, ids=lambda c: c.__name__)
@pytest.mark.parametrize("dumps", [pickle.dumps, cloudpickle.dumps], ids=["pickle", "cloudpickle"])
def test_exceptions_pickle(cls, dumps) -> None:
    assert issubclass(cls, kx.KinerjaError)
    assert issubclass(cls, ValueError)
    assert cls.__module__ == "kinerja.exceptions"
    e = cls("something at employee `1`")
    back = pickle.loads(dumps(e))
    assert type(back) is cls
    assert str(back) == str(e)


@pytest.mark.parametrize("dumps", [pickle.dumps, cloudpickle.dumps], ids=["pickle", "cloudpickle"])
def test_raised_exception_keeps_location(dumps) -> None:
    with pytest.raises(kx.IndicatorError) as info:
        kj.achievement(0, 5, indicator="iki-9")
    back = pickle.loads(dumps(info.value))
    assert type(back) is kx.IndicatorError
    assert back.indicator == "iki-9"
    assert back.field == "target"
    assert back.family == "indicator"
    assert str(back) == str(info.value)


def test_pickled_rules_evaluate_the_same(simple_plan_dict) -> None:
    rules = kj.Ruleset.builtin().with_policy(kj.Policy(rating={"annual_rollup": "appraiser_input"}))
    plan = kj.Plan.from_dict(simple_plan_dict)
    a = kj.evaluate(plan, rules=rules)
    b = kj.evaluate(pickle.loads(pickle.dumps(plan)), rules=pickle.loads(cloudpickle.dumps(rules)))
    assert a == b
