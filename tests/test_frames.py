"""evaluate_frame: a roster as pandas / polars / pyarrow tables in, the same library out."""

from __future__ import annotations

from decimal import Decimal

import pytest

import kinerja as kj
from kinerja import datasets
from kinerja import exceptions as kx

from conftest import HAND_ROSTER_EMPLOYEE, HAND_ROSTER_EXPECTED

LIBS = ["pandas", "polars", "pyarrow"]


def rows(table, lib):
    if lib == "pandas":
        return table.to_dict("records")
    if lib == "polars":
        return table.to_dicts()
    return table.to_pylist()


@pytest.mark.parametrize("lib", LIBS)
def test_roster_frames_match_plans(lib, roster, kupang_rules) -> None:
    indicators, employees = datasets.kupang_frames(lib)
    assert type(indicators).__module__.split(".")[0] == lib
    out = kj.evaluate_frame(indicators, employees, roster["period"], kupang_rules, lang="en")
    assert type(out).__module__.split(".")[0] == lib
    got = {r["employee"]: r for r in rows(out, lib)}
    assert len(got) == len(roster["plans"])
    # one row against values computed by hand from the roster's raw realisations
    hand = got[HAND_ROSTER_EMPLOYEE]
    assert Decimal(str(hand["weighted_achievement"])) == HAND_ROSTER_EXPECTED["weighted_achievement"]
    assert hand["predicate"] == HAND_ROSTER_EXPECTED["predicate"]
    for plan in roster["plans"]:
        ev = kj.evaluate(plan, roster["period"], kupang_rules)
        r = got[plan.employee.id]
        assert r["predicate"] == ev.predicate.value
        assert r["predicate_label"] == ev.predicate_label("en")
        assert r["error"] is None
        if ev.weighted_achievement is not None:
            assert Decimal(str(r["weighted_achievement"])) == ev.weighted_achievement


@pytest.mark.parametrize("lib", LIBS)
def test_indicator_detail(lib, roster, kupang_rules) -> None:
    indicators, employees = datasets.kupang_frames(lib)
    out = kj.evaluate_frame(indicators, employees, "2024", kupang_rules, detail="indicator")
    rs = rows(out, lib)
    n = sum(len(p.indicators) for p in roster["plans"])
    assert len(rs) == n
    assert all(Decimal(str(r["achievement"])) >= 0 for r in rs)


def test_pandas_floats_and_missing_values() -> None:
    pd = pytest.importorskip("pandas")
    indicators = pd.DataFrame(
        {
            "employee": ["1", "1", "1", "2"],
            "result": ["r", "r", "r", "r"],
            "indicator": ["a", "a", "b", "a"],
            "target": [100.0, 100.0, 30.0, 50.0],
            "polarity": ["higher", "higher", "lower", "higher"],
            "aggregation": ["cumulative", "cumulative", "mean", "cumulative"],
            "period": ["2024-S1", "2024-S2", "2024", "2024"],
            "actual": [55.5, 47.25, 27.0, 25.0],
        }
    )
    employees = pd.DataFrame(
        {
            "employee": ["1", "2"],
            "name": ["A", "B"],
            "unit": ["u", "u"],
            "post_type": ["executor", "Pelaksana"],
            "work_result": ["above", None],
            "behaviour": ["meets", "meets"],
        }
    )
    out = kj.evaluate_frame(indicators, employees, "2024", on_error="collect")
    assert list(out["employee"]) == ["1", "2"]
    first = out.iloc[0]
    assert first["predicate"] == "good"
    assert first["weighted_achievement"] == Decimal("106.38")  # mean of 102.75 and 110.00
    assert out.iloc[1]["error_type"] == "InputError"
    assert "work_result" in out.iloc[1]["error"]
    with pytest.raises(kx.InputError, match="work_result"):
        kj.evaluate_frame(indicators, employees, "2024")


def test_bad_tables() -> None:
    pd = pytest.importorskip("pandas")
    with pytest.raises(TypeError):
        kj.evaluate_frame({"a": 1}, {"b": 2})
    ind = pd.DataFrame(
        {"employee": ["9"], "indicator": ["a"], "target": [1], "period": ["2024"], "actual": [1]}
    )
    emp = pd.DataFrame({"employee": ["1"], "name": ["A"], "unit": ["u"], "post_type": ["executor"]})
    with pytest.raises(kx.InputError, match="unknown employee `9`"):
        kj.evaluate_frame(ind, emp, "2024")
    ind2 = ind.assign(employee=["1"], actual=[float("inf")])
    with pytest.raises(kx.InputError, match="finite"):
        kj.evaluate_frame(ind2, emp, "2024")
    with pytest.raises(kx.InputError, match="detail"):
        kj.evaluate_frame(ind2, emp, "2024", detail="unit")


def test_works_without_optional_libraries() -> None:
    recs_ind, recs_emp = datasets.kupang_frames("records")
    out = kj.evaluate_frame(recs_ind, recs_emp, "2024", datasets.kupang_rules())
    assert isinstance(out, list) and len(out) == 14


@pytest.mark.parametrize("lib", ["pandas", "polars", "pyarrow"])
def test_table_errors_are_located(lib) -> None:
    pytest.importorskip(lib)
    from kinerja.frames import rows_to_table

    ind_rows = [
        {"employee": "1", "result": "r", "indicator": "a", "target": 100.0, "period": "2024", "actual": 90.0},
        {
            "employee": "2",
            "result": "r",
            "indicator": "b",
            "target": float("nan"),
            "period": "2024",
            "actual": 9.0,
        },
    ]
    emp_rows = [
        {"employee": e, "name": e, "unit": "u", "post_type": "executor", "work_result": "meets"} for e in "12"
    ]
    ind, emp = rows_to_table(ind_rows, lib), rows_to_table(emp_rows, lib)
    with pytest.raises(kx.InputError) as info:
        kj.evaluate_frame(ind, emp, "2024")
    msg = str(info.value)
    for part in ("indicators row 1", "employee `2`", "indicator `b`", "column `target`"):
        assert part in msg, msg
    assert "malformed plan" not in msg
    no_target = rows_to_table([{k: v for k, v in r.items() if k != "target"} for r in ind_rows], lib)
    with pytest.raises(kx.InputError, match="missing required column.*`target` or `target_low`"):
        kj.evaluate_frame(no_target, emp, "2024")
