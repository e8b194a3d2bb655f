"""A unit's organisational predicate is never guessed: employees of one unit stating different
ones (without a unit table) are a located problem on every path, and the unit's employees are
not scored; equal ones (in any spelling) score as before."""

from __future__ import annotations

from typing import Any

import pyarrow as pa
import pytest

import kinerja as kj

IND = {"employee": ["1", "2"], "indicator": ["a", "a"], "target": [10, 10], "actual": [9, 9]}


def employees(orgs: list[str | None]) -> dict[str, list[Any]]:
    return {
        "employee": ["1", "2"],
        "unit": ["u1", "u1"],
        "post_type": ["executor", "jpt"],
        "unit_head": [False, True],
        "work_result": ["meets", None],
        "behaviour": ["above", "above"],
        "org_predicate": orgs,
    }


def frames(library: str, orgs: list[str | None]) -> tuple[Any, Any]:
    if library == "pandas":
        import pandas as pd

        return pd.DataFrame(IND), pd.DataFrame(employees(orgs))
    if library == "polars":
        import polars as pl

        return pl.DataFrame(IND), pl.DataFrame(employees(orgs))
    return pa.table(IND), pa.table(employees(orgs))


def arrow(t: Any) -> pa.Table:
    """A result table (in the caller's frame type) as a pyarrow table."""
    if isinstance(t, pa.Table):
        return t
    return t.to_arrow() if hasattr(t, "to_arrow") else pa.Table.from_pandas(t, preserve_index=False)


@pytest.mark.parametrize("library", ["pyarrow", "pandas", "polars"])
@pytest.mark.parametrize("orgs", [["Baik", "Istimewa"], ["Istimewa", "Baik"]])
def test_different_org_predicates_of_one_unit_are_a_problem(library: str, orgs: list[str | None]) -> None:
    ind, emp = frames(library, orgs)
    r = kj.score(ind, emp, on_error="collect")
    rows = arrow(r.employees).select(["employee", "status"]).to_pylist()
    statuses = {row["employee"]: row["status"] for row in rows}
    assert statuses == {"1": "error", "2": "error"}
    messages = arrow(r.errors).column("message").to_pylist()
    assert len(messages) == 1 and "has `org_predicate`" in messages[0], messages
    with pytest.raises(kj.exceptions.InputError, match="has `org_predicate`"):
        kj.score(ind, emp)


@pytest.mark.parametrize("library", ["pyarrow", "pandas", "polars"])
def test_one_org_predicate_in_two_spellings_scores(library: str) -> None:
    ind, emp = frames(library, ["good", "Baik"])
    r = kj.score(ind, emp)
    assert arrow(r.employees).column("predicate").to_pylist() == ["good", "good"]
    assert len(r.errors) == 0


@pytest.mark.parametrize("library", ["pyarrow", "pandas", "polars"])
@pytest.mark.parametrize("orgs", [[None, "Istimewa"], ["Istimewa", None]])
def test_an_empty_org_predicate_states_nothing(library: str, orgs: list[str | None]) -> None:
    """The unit's predicate may be given on one row only (its head's, say): the head follows it
    whichever row comes first, on the direct path as in the table layer."""
    from kinerja import batch

    ind, emp = frames(library, orgs)
    r = kj.score(ind, emp)
    assert arrow(r.employees).column("status").to_pylist() == ["ok", "ok"]
    assert arrow(r.employees).column("work_result").to_pylist()[1] == "above"
    layer = batch._score_tables(
        [pa.table(IND), pa.table(employees(orgs)), None], None, None, "raise", {}, None
    )
    assert arrow(r.employees).to_pylist() == layer.employees.to_pylist()


def test_the_problem_messages_follow_the_error_language() -> None:
    """The ``errors`` table words its messages in the language of exception messages, as the
    command line's ``--errors-out`` under ``KINERJA_ERROR_LANG=id``."""
    ind, emp = frames("pyarrow", ["Baik", "Istimewa"])
    try:
        kj.set_error_lang("id")
        (message,) = arrow(kj.score(ind, emp, on_error="collect").errors).column("message").to_pylist()
        assert message.startswith("unit `u1` memiliki `org_predicate`"), message
    finally:
        kj.set_error_lang("en")
    (message,) = arrow(kj.score(ind, emp, on_error="collect").errors).column("message").to_pylist()
    assert message.startswith("unit `u1` has `org_predicate`"), message
