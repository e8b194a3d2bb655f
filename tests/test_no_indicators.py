"""An employee without indicators gets the same answer from ``kj.evaluate``, ``kj.score`` (on
pyarrow, pandas and polars tables) and ``kj.evaluate_frame``: by default the appraiser's
ratings alone give the predicate (no weighted achievement); under the policy's
``rating.require_indicators`` the scalar evaluation is refused with an error naming the
employee and the field, and batch scoring gives the status ``no_indicators``. (Needs the
extension built from this tree.)"""

from __future__ import annotations

from typing import Any

import pytest

import kinerja as kj
from kinerja.exceptions import KinerjaError

pa = pytest.importorskip("pyarrow")

#: The plan of the audit: no results, the appraiser's ratings.
PLAN = {
    "employee": {"id": "E1", "name": "x", "unit": "u", "post_type": "executor"},
    "year": 2024,
    "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}],
}


def _strict() -> kj.Ruleset:
    return kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(
        kj.Policy.from_dict({"rating": {"require_indicators": True}})
    )


def _tables(library: str) -> tuple[Any, Any]:
    """E0 has an indicator; E1 (the plan above) and J1 (a JPT unit head, organisation Baik,
    no appraiser rating) have none; E2 has neither indicators nor a work-result rating."""
    ind = {
        "employee": ["E0"],
        "indicator": ["i1"],
        "target": [100],
        "actual": [90],
    }
    emp = {
        "employee": ["E0", "E1", "J1", "E2"],
        "unit": ["u", "u", "v", "u"],
        "post_type": ["executor", "executor", "jpt", "executor"],
        "unit_head": [False, False, True, False],
        "work_result": ["meets", "meets", None, None],
        "behaviour": ["meets", "meets", "meets", "meets"],
        "org_predicate": [None, None, "good", None],
    }
    if library == "pandas":
        pd = pytest.importorskip("pandas")
        return pd.DataFrame(ind), pd.DataFrame(emp)
    if library == "polars":
        pl = pytest.importorskip("polars")
        return pl.DataFrame(ind), pl.DataFrame(emp)
    return pa.table(ind), pa.table(emp)


def _rows(table: Any) -> dict[str, dict[str, Any]]:
    t = (
        table
        if isinstance(table, pa.Table)
        else pa.table(table.to_arrow() if hasattr(table, "to_arrow") else table)
    )
    return {r["employee"]: r for r in t.to_pylist()}


def _v(x: Any) -> Any:
    """An enum's value (a label column's word), or ``x``."""
    return getattr(x, "value", x)


def _plan(emp: str, post: str = "executor", head: bool = False, **assessment: Any) -> dict[str, Any]:
    return {
        "employee": {
            "id": emp,
            "name": emp,
            "unit": "v" if head else "u",
            "post_type": post,
            "unit_head": head,
        },
        "year": 2024,
        "assessments": [{"period": "2024", "behaviour": {"overall": "meets"}, **assessment}],
    }


def test_the_audit_plan_is_rated_by_the_appraiser() -> None:
    ev = kj.evaluate(PLAN)
    assert ev.predicate.value == "good"
    assert ev.weighted_achievement is None
    assert _v(ev.work_result_source) == "appraiser"


@pytest.mark.parametrize("library", ["pyarrow", "pandas", "polars"])
def test_kj_score_rates_an_employee_without_indicators_as_kj_evaluate(library: str) -> None:
    ind, emp = _tables(library)
    rows = _rows(kj.score(ind, emp, period=2024, on_error="collect").employees)
    for emp_id, plan in [
        ("E1", PLAN),
        ("J1", _plan("J1", "jpt", True, org_predicate="good")),
    ]:
        ev = kj.evaluate(plan)
        row = rows[emp_id]
        assert (row["status"], row["ok"]) == ("ok", True), row
        assert row["predicate"] == _v(ev.predicate), row
        assert row["work_result"] == _v(ev.work_result), row
        assert row["work_result_source"] == _v(ev.work_result_source), row
        assert row["weighted_achievement"] is None and ev.weighted_achievement is None
    assert rows["J1"]["work_result_source"] == "org_predicate"
    # no rating at all: both refuse
    with pytest.raises(KinerjaError, match="work_result"):
        kj.evaluate(_plan("E2"))
    assert (rows["E2"]["status"], rows["E2"]["predicate"]) == ("error", None)
    assert rows["E0"]["status"] == "ok"


@pytest.mark.parametrize("library", ["pyarrow", "pandas", "polars"])
def test_under_require_indicators_both_surfaces_refuse(library: str) -> None:
    rules = _strict()
    with pytest.raises(KinerjaError) as e:
        kj.evaluate(PLAN, rules=rules)
    message = str(e.value)
    assert "E1" in message and "rating.require_indicators" in message, message
    assert e.value.field == "indicators"  # type: ignore[attr-defined]
    with pytest.raises(KinerjaError, match="rating.require_indicators"):
        kj.evaluate(_plan("J1", "jpt", True, org_predicate="good"), rules=rules)
    ind, emp = _tables(library)
    res = kj.score(ind, emp, rules=rules, period=2024, on_error="collect")
    rows = _rows(res.employees)
    for emp_id in ("E1", "J1"):
        assert (rows[emp_id]["status"], rows[emp_id]["ok"], rows[emp_id]["predicate"]) == (
            "no_indicators",
            False,
            None,
        )
    assert rows["E0"]["status"] == "ok"
    assert rows["E2"]["status"] == "error"  # its missing rating says more
    assert len(res.errors) == 1  # E2's missing rating; E1 and J1 are no problem rows
    # a status, not a problem: under raise nothing is raised for it
    two = pa.table({"employee": ["E0", "E1"], "work_result": ["meets"] * 2, "behaviour": ["meets"] * 2})
    rows = _rows(
        kj.score(pa.table({"employee": ["E0"], "target": [100], "actual": [90]}), two, rules=rules).employees
    )
    assert [rows["E0"]["status"], rows["E1"]["status"]] == ["ok", "no_indicators"]


def test_evaluate_frame_agrees_with_kj_score() -> None:
    ind, emp = _tables("pandas")
    ind["period"] = ["2024"]  # evaluate_frame reads realisations with their period
    for rules in (None, _strict()):
        frame = _rows(kj.evaluate_frame(ind, emp, period=2024, rules=rules, on_error="collect"))
        scored = _rows(kj.score(ind, emp, period=2024, rules=rules, on_error="collect").employees)
        for emp_id in ("E0", "E1", "J1", "E2"):
            for col in (
                "status",
                "ok",
                "predicate",
                "work_result",
                "work_result_source",
                "weighted_achievement",
            ):
                assert frame[emp_id][col] == scored[emp_id][col], (rules, emp_id, col)
