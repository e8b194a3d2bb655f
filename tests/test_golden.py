"""The golden vectors of testdata/golden, the same files `cargo test` reads."""

from __future__ import annotations

import copy
import importlib
from decimal import Decimal
from typing import Any

import pytest

import kinerja as kj
from kinerja import exceptions as kx

from conftest import golden_cases, golden_files, load_golden

FAMILIES = {
    "period": kx.PeriodError,
    "indicator": kx.IndicatorError,
    "input": kx.InputError,
    "rating": kx.RatingError,
    "policy": kx.PolicyError,
    "organisation": kx.OrganisationError,
    "instrument": kx.InstrumentError,
    "arithmetic": kx.KinerjaArithmeticError,
}


def check_error(expected: dict[str, Any], fn) -> None:
    cls = FAMILIES[expected["error"]]
    with pytest.raises(cls) as info:
        fn()
    for part in expected.get("message_contains", []):
        assert part in str(info.value), (part, str(info.value))
    assert info.value.family == expected["error"]


def run_predicate_matrix(case: dict[str, Any]) -> None:
    i, e = case["input"], case["expected"]
    got = kj.predicate(work_result=i["work_result"], behaviour=i["behaviour"])
    assert got == kj.Predicate(e["predicate"])
    assert got.value == e["predicate"]


def run_achievement(case: dict[str, Any]) -> None:
    i, e = case["input"], case["expected"]
    rules = kj.Ruleset.builtin().with_policy(kj.Policy.from_dict({"achievement": i["policy"]}))
    t = i["target"]
    target = (t["low"], t["high"]) if isinstance(t, dict) else t

    def go() -> Decimal:
        return kj.achievement(target, i["actual"], i["polarity"], rules=rules)

    if "error" in e:
        check_error(e, go)
    else:
        got = go()
        assert isinstance(got, Decimal)
        assert got == Decimal(e["achievement"])
        assert str(got) == e["achievement"]


def run_periods(case: dict[str, Any]) -> None:
    e = case["expected"]
    if "error" in e:
        check_error(e, lambda: kj.Period(case["input"]))
        return
    p = kj.Period(case["input"])
    assert str(p) == e["display"]
    assert p.months == e["months"]
    assert p.first_month == e["first_month"]


def run_evaluation(case: dict[str, Any]) -> None:
    i, e = case["input"], case["expected"]
    rules = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(kj.Policy.from_dict(i["policy"]))

    def go() -> kj.Evaluation:
        return kj.evaluate(kj.Plan.from_dict(copy.deepcopy(i["plan"])), i["period"], rules)

    if "error" in e:
        check_error(e, go)
        return
    ev = go()
    d = ev.to_dict()
    for key in (
        "work_result",
        "work_result_source",
        "behaviour",
        "predicate",
        "advised_rating",
        "disagreement",
    ):
        if key in e:
            assert d[key] == e[key], (key, d[key], e[key])
    if "weighted_achievement" in e:
        assert ev.weighted_achievement == Decimal(e["weighted_achievement"])
    for ind, val in e.get("achievements", {}).items():
        assert ev.achievements[ind] == Decimal(val)


def make_plan_runner(regime: str):
    """PP 46/2011 and PermenPANRB 8/2021 plan vectors: numeric scores and predicates."""

    def run(case: dict[str, Any]) -> None:
        i, e = case["input"], case["expected"]
        policy = kj.Policy.from_dict(i["policy"]) if "policy" in i else kj.Policy.defaults()
        rules = kj.Ruleset.builtin(regime).with_policy(policy)
        ev = kj.evaluate(kj.Plan.from_dict(copy.deepcopy(i["plan"])), i["period"], rules)
        assert ev.regime == kj.Regime(regime)
        assert ev.score == Decimal(e["score"]), ev.explain("en")
        assert ev.predicate.value == e["predicate"]
        assert ev.predicate_label("id") == e["label"]
        assert ev.work_result_source == "computed"
        scores = {r.indicator: r.score for r in ev.indicators}
        for ind, v in e.get("indicator_scores", {}).items():
            assert scores[ind] == Decimal(v), ind
        steps = ev.trace.steps("en")
        for subject, key in (("skp", "skp"), ("perilaku", "behaviour")):
            if key in e:
                step = [s for s in steps if s["subject"] == subject][-1]
                assert Decimal(step["value"].split(" ")[0]) == Decimal(e[key]), subject
        if "notes_min" in e:
            assert len(ev.notes("en")) >= e["notes_min"]
        assert all(s["citation"] for s in steps)

    return run


def _rounding(i: dict[str, Any]) -> Any:
    r = i.get("rounding")
    return (r["scale"], r["mode"]) if r else None


def run_pp46_formula(case: dict[str, Any]) -> None:
    """PP 46/2011 formula vectors (TV-16..TV-20 and band edges), the same as cargo's."""
    i, e = case["input"], case["expected"]
    kind = i["kind"]
    if kind in ("quantity", "quality", "time", "cost"):
        r = kj.pp46_aspect(kind, i["target"], i["actual"], rounding=_rounding(i))
        assert r["value"] == Decimal(e["value"])
        if "branch" in e:
            assert r["branch"] == e["branch"]
    elif kind == "activity":
        assert kj.pp46_activity_value(i["aspects"], rounding=_rounding(i)) == Decimal(e["value"])
    elif kind == "category":
        rules = None
        if "bands" in i:
            rules = kj.Ruleset.builtin("pp-46-2011").with_policy(
                kj.Policy.from_dict({"pp46": {"bands": i["bands"]}})
            )
        p = kj.pp46_category(i["value"], rules=rules)
        assert p.value == e["predicate"]
        assert kj.predicate_label("pp-46-2011", p, "id") == e["label"]
    elif kind == "task_bonus":
        assert kj.pp46_task_bonus(i["count"]) == Decimal(e["value"])
    elif kind == "work_achievement":
        v = kj.pp46_work_achievement(i["skp"], i["behaviour"], rounding=_rounding(i))
        assert v == Decimal(e["value"])
        assert kj.pp46_category(v).value == e["predicate"]
    else:
        raise AssertionError(f"unknown kind {kind}")


def run_p8_formula(case: dict[str, Any]) -> None:
    """PermenPANRB 8/2021 and PP 30/2019 formula vectors (TV-08, TV-10..TV-14), as cargo's."""
    i, e = case["input"], case["expected"]
    kind = i["kind"]
    target = i.get("target")
    if isinstance(target, dict):
        target = (target["low"], target["high"])
    if kind == "achievement":
        assert kj.achievement(target, i["actual"], i["polarity"]) == Decimal(e["achievement"])
    elif kind == "iki_from_actual":
        a = kj.achievement(target, i["actual"], i["polarity"])
        assert a == Decimal(e["achievement"])
        exact = kj.achievement(target, i["actual"], i["polarity"], rules=_FULL_PRECISION)
        r = kj.iki_value_8_2021(exact)
        assert r["capaian_used"] == Decimal(e["capaian_used"])
        assert r["value"] == Decimal(e["value"])
        assert r["category"].value == e["category"]
    elif kind == "iki_value":
        r = kj.iki_value_8_2021(
            i["capaian"], target_is_max=i["target_is_max"], round_capaian=i["round_capaian"]
        )
        if "capaian_used" in e:
            assert r["capaian_used"] == Decimal(e["capaian_used"])
        assert r["value"] == Decimal(e["value"])
        assert r["category"].value == e["category"]
    elif kind == "predicate":
        assert kj.nk_predicate_8_2021(i["nk"], innovation=i["innovation"]).value == e["predicate"]
    elif kind == "performance_value":
        v = kj.performance_value_8_2021(
            i["skp"], i["behaviour"], behaviour_360=i["behaviour_360"], rounding=(2, "half_up")
        )
        assert str(v) == e["value"]
    else:
        raise AssertionError(f"unknown kind {kind}")


# Achievement at (nearly) full precision, for steps that round later themselves.
_FULL_PRECISION = kj.Ruleset.builtin("permenpanrb-8-2021").with_policy(
    kj.Policy.from_dict({"rounding": {"achievement": {"scale": 10, "mode": "half_up"}}})
)


RUNNERS = {
    "pp46_formulas": run_pp46_formula,
    "permenpanrb_8_2021_formulas": run_p8_formula,
    "pp46_plans": make_plan_runner("pp-46-2011"),
    "permenpanrb_8_2021_plans": make_plan_runner("permenpanrb-8-2021"),
    "core_predicate_matrix": run_predicate_matrix,
    "core_achievement": run_achievement,
    "core_periods": run_periods,
}


def runner_for(stem: str):
    if stem in RUNNERS:
        return RUNNERS[stem]
    if stem.startswith("core_evaluation_6_2022"):
        return run_evaluation
    return None


# Golden files whose cases are run by an area's own test module (which reads the same file):
# file stem -> (module, parametrised test). Every other file is run by `test_golden` below.
OWNED_BY = {
    "followup_credit_points": ("test_followup", "test_golden_credit_points"),
    "followup_monitoring": ("test_followup", "test_golden_monitoring"),
    "followup_rewards": ("test_followup", "test_golden_rewards"),
    "followup_talent": ("test_followup", "test_golden_talent"),
    "followup_tpp": ("test_followup", "test_golden_tpp"),
    "followup_training": ("test_followup", "test_golden_training"),
    "instruments_ikm": ("test_instruments", "test_golden_ikm"),
    "instruments_pkg": ("test_instruments", "test_golden_pkg"),
    "instruments_pkp": ("test_instruments", "test_golden_pkp"),
    "instruments_sample_size": ("test_instruments", "test_golden_sample_size"),
    "org_aggregate": ("test_org", "test_golden_component_total"),
    "org_alignment": ("test_org", "test_golden_alignment"),
    "org_distribution": ("test_org", "test_golden_distribution"),
    "org_rollup": ("test_org", "test_golden_rollup"),
    "org_sakip": ("test_org", "test_golden_sakip"),
}


def owner_of(stem: str) -> tuple[str, str] | None:
    return OWNED_BY.get(stem)


def test_golden_files_exist() -> None:
    stems = {f.stem for f in golden_files()}
    assert {"core_predicate_matrix", "core_achievement", "core_periods"} <= stems


def test_every_golden_file_is_run_by_pytest() -> None:
    """Each golden file has a runner here, or is the parameter list of a named test of its
    area's module: every one of its cases (checked against its case_count) becomes a test."""
    stems = {f.stem for f in golden_files()}
    assert set(OWNED_BY) <= stems, set(OWNED_BY) - stems
    for stem in sorted(stems):
        cases = load_golden(stem)
        owner = owner_of(stem)
        if owner is None:
            assert runner_for(stem) is not None, f"no Python runner for {stem}.json"
            continue
        module, name = owner
        test = getattr(importlib.import_module(module), name, None)
        assert callable(test), f"{module}.{name} does not exist"
        params = [m for m in getattr(test, "pytestmark", []) if m.name == "parametrize"]
        assert len(params) == 1, f"{module}.{name} is not parametrised"
        assert list(params[0].args[1]) == cases, f"{module}.{name} does not run every case of {stem}.json"


@pytest.mark.parametrize(
    ("stem", "case"),
    [(s, c) for s, c in golden_cases() if owner_of(s) is None],
    ids=lambda x: x if isinstance(x, str) else x["id"],
)
def test_golden(stem: str, case: dict[str, Any]) -> None:
    run = runner_for(stem)
    assert run is not None, f"no Python runner for {stem}.json"
    run(case)
