"""Instruments from Python: the satisfaction index (IKM) and Krejcie–Morgan sample size, the
puskesmas assessment (PKP), the legacy teachers' PKG and SPM; golden vectors (the files
`cargo test` reads), Decimal results, explanations, pickling, hostile inputs, properties."""

from __future__ import annotations

import json
import pickle
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import cloudpickle
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja as kj
from kinerja import exceptions as kx

from conftest import load_golden as golden


def q4(d: Decimal) -> str:
    return str(d.quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP))


TV21 = ["105", "101", "100", "116", "102", "105", "106", "105", "115"]


# ------------------------------------------------------------------------------ golden vectors


@pytest.mark.parametrize("case", golden("instruments_ikm"), ids=lambda c: c["id"])
def test_golden_ikm(case: dict[str, Any]) -> None:
    i, e = case["input"], case["expected"]
    rules = kj.Policy(instruments={"ikm": i["policy"]}) if "policy" in i else None
    regime = i["regime"]
    if i["kind"] == "grade":
        assert kj.ikm_grade(i["index"], regime, rules) == kj.IkmGrade(e["grade"])
        return
    if i["kind"] == "totals":
        r = kj.satisfaction_index(
            totals=i["totals"], respondents=i["respondents"], regime=regime, rules=rules
        )
    elif i["kind"] == "means":
        r = kj.satisfaction_index(i["means"], regime=regime, rules=rules)
    else:
        r = kj.satisfaction_index(i["responses"], regime=regime, rules=rules)
    assert isinstance(r.index, Decimal)
    assert str(r.index) == e["index"]
    assert r.value == r.index
    assert r.grade == kj.IkmGrade(e["grade"])
    if "unit_value" in e:
        assert str(r.unit_value) == e["unit_value"]
    if "element_means" in e:
        assert [q4(m) for m in r.element_means] == e["element_means"]
    if "index_exact" in e:
        assert r.index_exact == Decimal(e["index_exact"])
    assert len(r.trace) == 5
    assert "Mutu pelayanan" in r.explain("id")
    assert "Service quality grade" in r.explain("en")


@pytest.mark.parametrize("case", golden("instruments_sample_size"), ids=lambda c: c["id"])
def test_golden_sample_size(case: dict[str, Any]) -> None:
    i, e = case["input"], case["expected"]
    r = kj.sample_size(i["population"], method=i["method"], table_rule=i.get("table_rule"))
    assert r.sample == e["sample"]
    assert r.method == i["method"]
    if "exact" in e:
        assert r.exact is not None
        assert r.exact.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP) == Decimal(e["exact"])
    # The same through the policy.
    sp = {"method": i["method"], **({"table_rule": i["table_rule"]} if "table_rule" in i else {})}
    pol = kj.Policy(instruments={"ikm": {"sample_size": sp}})
    assert kj.sample_size(i["population"], pol).sample == e["sample"]


@pytest.mark.parametrize("case", golden("instruments_pkp"), ids=lambda c: c["id"])
def test_golden_pkp(case: dict[str, Any]) -> None:
    e = case["expected"]
    r = kj.puskesmas_assessment(case["input"])
    assert str(r.coverage) == e["coverage"]
    assert str(r.management) == e["management"]
    assert r.group == kj.PkpGroup(e["group"])
    if "coverage_group" in e:
        assert r.coverage_group == kj.PkpGroup(e["coverage_group"])
    if "management_group" in e:
        assert r.management_group == kj.PkpGroup(e["management_group"])
    if "indicators" in e:
        for exp, got in zip(e["indicators"], r.indicators, strict=True):
            assert got["id"] == exp["id"]
            assert str(got["real_rounded"]) == exp["real"]
            assert str(got["against_target_rounded"]) == exp["against_target"]
        subs = {f"{m['variable']}/{m['sub_variable'] or ''}": m["rounded"] for m in r.sub_variables}
        for k, v in e["sub_variables"].items():
            assert str(subs[k]) == v, k
        variables = {m["variable"]: m["rounded"] for m in r.variables}
        for k, v in e["variables"].items():
            assert str(variables[k]) == v, k


@pytest.mark.parametrize("case", golden("instruments_pkg"), ids=lambda c: c["id"])
def test_golden_pkg(case: dict[str, Any]) -> None:
    i, e = case["input"], case["expected"]
    if i["kind"] == "conversion":
        c = kj.pkg_conversion(i["npkg100"])
        assert c["label"] == kj.PkgLabel(e["label"])
        assert c["percent"] == Decimal(e["percent"])
        return
    data = {k: v for k, v in i.items() if k != "kind"}
    r = kj.pkg_assessment(data)
    assert str(r.npkg100) == e["npkg100"]
    assert r.label == kj.PkgLabel(e["label"])
    assert r.percent == Decimal(e["percent"])
    assert str(r.annual_credit) == e["annual_credit"]
    assert len(r.trace) == 3


# ----------------------------------------------------------------------------------- basics


def test_satisfaction_inputs_and_realisation() -> None:
    answers = [[4] * 9, [3] * 9]
    r = kj.satisfaction_index(answers, unit="pkm-oepoi")
    assert r.index == Decimal("87.50")
    assert r.respondents == 2
    assert r.unit == "pkm-oepoi"
    assert r.regime == kj.IkmRegime.PERMENPANRB_14_2017
    # Tuples, strings and Decimals are fine; floats only when allowed.
    assert kj.satisfaction_index([tuple("4" * 9), [Decimal(3)] * 9]).index == r.index
    with pytest.raises(kx.InputError, match="float"):
        kj.satisfaction_index([[4.0] * 9])
    assert kj.satisfaction_index([[4.0] * 9, [3.0] * 9], allow_float=True).index == r.index
    # Element means (a flat list) and totals.
    assert kj.satisfaction_index(["3.5"] * 9).index == Decimal("87.50")
    assert kj.satisfaction_index(means=["3.5"] * 9).grade == r.grade
    t = kj.satisfaction_index(totals=TV21, respondents=29)
    assert t.index == Decimal("91.48") and t.grade == kj.IkmGrade.A
    real = t.as_realisation("iku-ikm", "2024")
    assert isinstance(real, kj.Realisation)
    assert real.actual == Decimal("91.48")
    assert real.period == kj.Period("2024")
    # The regime by label.
    legacy = kj.satisfaction_index(["3.059"] * 14, regime="KEP/25/M.PAN/2/2004")
    assert legacy.regime == kj.IkmRegime.KEP_25_2004
    assert kj.ikm_grade("75.56") == kj.IkmGrade.C
    assert kj.ikm_grade(Decimal("76.48"), kj.IkmRegime.KEP_25_2004) == kj.IkmGrade.B


def test_satisfaction_from_dataframes() -> None:
    import pandas as pd
    import polars as pl

    rows = [[4, 3, 4, 4, 3, 4, 4, 3, 4], [3, 3, 3, 4, 3, 3, 4, 3, 4], [4, 4, 4, 4, 4, 4, 4, 4, 4]]
    want = kj.satisfaction_index(rows)
    cols = [f"U{i + 1}" for i in range(9)]
    assert kj.satisfaction_index(pd.DataFrame(rows, columns=cols)) == want
    assert kj.satisfaction_index(pl.DataFrame(rows, schema=cols, orient="row")) == want


def test_index_feeds_an_evaluation() -> None:
    ikm = kj.satisfaction_index(totals=TV21, respondents=29, unit="pkm")
    plan = kj.Plan(
        {"id": "1", "name": "N", "unit": "pkm", "post_type": "executor"},
        2024,
        [{"id": "r", "description": "Layanan", "indicators": [{"id": "ikm", "name": "IKM", "target": "90"}]}],
        [ikm.as_realisation("ikm", "2024")],
        [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}],
    )
    ev = kj.evaluate(plan)
    assert ev.achievements["ikm"] == Decimal("101.64")


def test_pkp_pkg_spm() -> None:
    case = golden("instruments_pkp")[-1]["input"]
    r = kj.puskesmas_assessment(case)
    assert r.as_realisation("cakupan", "2024").actual == r.coverage
    assert isinstance(r.indicators[0]["real"], Decimal)
    pkg = kj.pkg_assessment({"role": kj.TeacherRole.COUNSELLOR, "raw_score": "60"})
    assert pkg.annual_credit is None and pkg.label == kj.PkgLabel.GOOD
    assert kj.TeacherRole("bk") == kj.TeacherRole.COUNSELLOR
    ring = {**case, "indicators": [{**case["indicators"][0], "polarity": "lower_is_better"}]}
    with pytest.raises(kx.InstrumentError, match="C-16") as refused:
        kj.puskesmas_assessment(ring)
    assert refused.value.field == "polarity"
    spm = kj.spm_achievement({"service": "ibu hamil", "target_population": 200, "served": 190})
    assert spm.service == kj.SpmService.PREGNANT_WOMEN
    assert spm.achievement == Decimal("95.00")
    assert spm.target_met is False
    assert spm.as_realisation("spm-1", "2024-Q1").actual == Decimal("95.00")
    spm2 = kj.spm_achievement({"service": kj.SpmService.ELDERLY, "target_population": 50, "served": 50})
    assert spm2.target_met is True


# ------------------------------------------------------------------------- display, pickling


def results() -> list[Any]:
    return [
        kj.satisfaction_index(totals=TV21, respondents=29, unit="pkm"),
        kj.satisfaction_index(["3.5"] * 9),
        kj.sample_size(1000),
        kj.sample_size(105, method="table", table_rule="interpolate"),
        kj.puskesmas_assessment(golden("instruments_pkp")[0]["input"]),
        kj.pkg_assessment({k: v for k, v in golden("instruments_pkg")[-1]["input"].items() if k != "kind"}),
        kj.spm_achievement({"service": "balita", "target_population": 80, "served": 70}),
    ]


INSTRUMENT_ENUMS = [
    kj.IkmRegime.KEP_25_2004,
    kj.IkmGrade.B,
    kj.PkpGroup.FAIR,
    kj.PkgLabel.VERY_GOOD,
    kj.TeacherRole.CLASSROOM,
    kj.SpmService.HIV_RISK,
]


def pickle_objects() -> list[Any]:
    """One object of every instrument class (also usable by tests/test_pickle.py)."""
    return [*results(), *INSTRUMENT_ENUMS]


def test_pickle_objects_cover_every_instrument_class() -> None:
    names = {type(o).__name__ for o in pickle_objects()}
    classes = {"SatisfactionResult", "SampleSizeResult", "PkpResult", "PkgResult", "SpmResult"}
    classes |= {"IkmRegime", "IkmGrade", "PkpGroup", "PkgLabel", "TeacherRole", "SpmService"}
    assert classes <= names


@pytest.mark.parametrize("dumps", [pickle.dumps, cloudpickle.dumps], ids=["pickle", "cloudpickle"])
def test_results_pickle(dumps) -> None:
    for r in results():
        back = pickle.loads(dumps(r))
        assert type(back) is type(r)
        assert back == r, repr(r)
        assert repr(back) == repr(r)
        assert back.to_dict() == r.to_dict()
    for e in INSTRUMENT_ENUMS:
        assert pickle.loads(dumps(e)) == e


def test_display_and_explain() -> None:
    for r in results():
        html = r._repr_html_()
        # the one stylesheet travels with every display, around the report's own block
        assert (
            html.startswith('<div class="kj kj-display"><style>') and '<div class="kinerja-followup">' in html
        )
        assert r.to_html("en")
        json.loads(r.explain("en", "json"))
        assert "|" in r.explain("id", "markdown")
        d = r.to_dict()
        assert "trace" not in d
    ikm = results()[0]
    d = ikm.to_dict()
    assert d["index"] == Decimal("91.48") and isinstance(d["element_means"][0], Decimal)
    assert "exactly 1/9" in ikm.explain("en")


# ---------------------------------------------------------------------------------- hostile


def test_hostile_inputs() -> None:
    with pytest.raises(kx.InstrumentError) as out_of_range:
        kj.satisfaction_index([[4] * 9, [4, 4, 4, 5, 4, 4, 4, 4, 4]], unit="pkm")
    assert out_of_range.value.row == 1
    assert out_of_range.value.unit == "pkm"
    assert "U4" in str(out_of_range.value)
    with pytest.raises(kx.InstrumentError):
        kj.satisfaction_index([[0] * 9])
    with pytest.raises(kx.InstrumentError):
        kj.satisfaction_index([["3.5"] * 9])  # not a whole score
    with pytest.raises(kx.InstrumentError, match="no respondents"):
        kj.satisfaction_index([])
    with pytest.raises(kx.InstrumentError, match="elements"):
        kj.satisfaction_index([[4] * 8])
    with pytest.raises(kx.InstrumentError):
        kj.satisfaction_index(["4.5"] * 9)  # a mean outside 1–4
    with pytest.raises(kx.InputError):
        kj.satisfaction_index([[4] * 9, 4])  # ragged
    with pytest.raises(kx.InputError):
        kj.satisfaction_index("4444")
    with pytest.raises(kx.InputError):
        kj.satisfaction_index()
    with pytest.raises(kx.InputError):
        kj.satisfaction_index([[4] * 9], means=[4] * 9)
    with pytest.raises(kx.InputError, match="respondents"):
        kj.satisfaction_index(totals=TV21)
    with pytest.raises(kx.InputError):
        kj.satisfaction_index(totals=TV21, respondents=-1)
    with pytest.raises(kx.InstrumentError):
        kj.satisfaction_index(totals=TV21, respondents=0)
    with pytest.raises(kx.InputError):
        kj.satisfaction_index([[4] * 9], regime="2030")
    with pytest.raises(kx.InputError):
        kj.sample_size(-5)
    with pytest.raises(kx.InputError, match="method"):
        kj.sample_size(100, method="guess")
    with pytest.raises(kx.InstrumentError):
        kj.pkg_conversion("101")
    with pytest.raises(kx.InputError):
        kj.pkg_assessment({"raw_score": "50", "grade": "x"})
    with pytest.raises(kx.KinerjaError):
        kj.pkg_assessment({"raw_score": "-1"})
    with pytest.raises(kx.KinerjaError):
        kj.puskesmas_assessment({"puskesmas": "p", "indicators": [], "management": []})
    with pytest.raises(kx.InstrumentError):
        kj.spm_achievement({"service": "balita", "target_population": 0, "served": 0})
    with pytest.raises(kx.InputError):
        kj.spm_achievement({"service": "dentistry", "target_population": 1, "served": 1})
    with pytest.raises(kx.PolicyError):
        kj.Policy(instruments={"ikm": {"bands": [{"min": "50", "grade": "a"}, {"min": "60", "grade": "b"}]}})
    # a grade is only given for a value on the scale (index 25–100)
    for bad in ("150", "-5", "10", "24.99", "100.01"):
        with pytest.raises(kx.InstrumentError, match="outside") as e:
            kj.ikm_grade(bad)
        assert e.value.field == "value"
    assert kj.ikm_grade("25").value == "d" and kj.ikm_grade("100").value == "a"


def test_hostile_types_are_input_errors() -> None:
    ikm = kj.satisfaction_index(["3.5"] * 9)
    bad: list[Any] = [
        lambda: kj.satisfaction_index(object()),
        lambda: kj.satisfaction_index(42),
        lambda: kj.satisfaction_index({"U1": 4}),
        lambda: kj.satisfaction_index([[None] * 9]),
        lambda: kj.satisfaction_index(totals=TV21, respondents="29"),
        lambda: kj.satisfaction_index(means=7),
        lambda: kj.sample_size("100"),
        lambda: kj.sample_size(2**70),
        lambda: ikm.as_realisation(5, "2024"),
        lambda: ikm.as_realisation("iku", object()),
        lambda: kj.ikm_grade(None),
        lambda: kj.puskesmas_assessment(3),
        lambda: kj.pkg_assessment(["raw_score", 50]),
        lambda: kj.pkg_conversion(object()),
        lambda: kj.spm_achievement(None),
    ]
    for i, f in enumerate(bad):
        with pytest.raises(kx.InputError):
            f()
        assert i >= 0


# ------------------------------------------------------------------------------- properties


@settings(max_examples=80, deadline=None)
@given(
    st.lists(st.lists(st.integers(min_value=1, max_value=4), min_size=9, max_size=9), min_size=1, max_size=40)
)
def test_ikm_in_range_and_grade_monotone(rows: list[list[int]]) -> None:
    r = kj.satisfaction_index(rows)
    assert Decimal(25) <= r.index <= Decimal(100)
    # Raising one answer never lowers the index or the grade.
    better = [list(row) for row in rows]
    for j, v in enumerate(better[0]):
        if v < 4:
            better[0][j] = v + 1
            break
    b = kj.satisfaction_index(better)
    assert b.index >= r.index
    assert b.grade >= r.grade


@settings(max_examples=60, deadline=None)
@given(st.integers(min_value=1, max_value=200000))
def test_sample_never_above_population(n: int) -> None:
    assert 1 <= kj.sample_size(n).sample <= n
    assert kj.sample_size(n, method="table").sample <= n
