"""`kj.score` on canonical tables (its direct kernel path, wherever it applies) against the
table layer on the same tables: for any shape of roster, the same answer in every table."""

from __future__ import annotations

import random
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja as kj
from kinerja import batch

pa = pytest.importorskip("pyarrow")

RATINGS = ["below", "meets", "above"]


def _numbers(values: list[Decimal | None], kind: str) -> Any:
    """``values`` (two places at most) as an Arrow column of ``kind``."""
    if kind == "int64":
        return pa.array([None if v is None else int(v) for v in values], pa.int64())
    if kind == "float64":
        return pa.array([None if v is None else float(v) for v in values], pa.float64())
    return pa.array(values, pa.decimal128(18, 2))


def _words(values: list[str | None], kind: str, vocabulary: list[str]) -> Any:
    """Words as text, as a dictionary column, or as their codes (position in ``vocabulary``)."""
    if kind == "text":
        return pa.array(values, pa.string())
    if kind == "dictionary":
        return pa.array(values, pa.string()).dictionary_encode()
    return pa.array([None if v is None else vocabulary.index(v) for v in values], pa.int8())


@st.composite
def rosters(draw: Any) -> tuple[Any, Any, Any]:
    """A roster in one of many shapes, with up to two problems (negative targets): ids as
    integers or text, rows grouped by employee or shuffled, numbers as integers, floats or
    decimals, words as text, dictionaries or codes, optional polarity, weight, cap,
    indicator, target range, result kind and functional grade columns, with or without an
    employee table, a unit table or the units' predicates on their employees."""
    seed = draw(st.integers(min_value=0, max_value=2**32 - 1))
    rng = random.Random(seed)
    n_emp = draw(st.integers(min_value=1, max_value=12))
    whole = draw(st.sampled_from(["int64", "float64", "decimal"]))
    ids_as = draw(st.sampled_from(["int", "text"]))
    words_as = draw(st.sampled_from(["text", "dictionary", "codes"]))
    columns = draw(
        st.sets(st.sampled_from(["polarity", "weight", "cap", "indicator", "range", "result_kind", "grade"]))
    )
    shape = draw(
        st.sampled_from(
            ["employee table", "employee table and units", "employee predicates", "columns on the rows"]
        )
    )
    shuffled = draw(st.booleans())

    ids = [1000 + 7 * e for e in range(n_emp)] if ids_as == "int" else [f"1987{e:05d}" for e in range(n_emp)]
    rows = [e for e in range(n_emp) for _ in range(rng.randint(1, 4))]
    if shuffled:
        rng.shuffle(rows)
    n = len(rows)

    def amount() -> Decimal:
        v = Decimal(rng.randint(1, 20000))
        return v if whole == "int64" else v / 100

    targets = [amount() for _ in rows]
    for f in draw(st.lists(st.integers(min_value=0, max_value=10**6), max_size=2)):
        targets[f % n] = Decimal(-5)  # a problem: a negative target
    ind: dict[str, Any] = {
        "employee": [ids[e] for e in rows],
        "target": _numbers(targets, whole),
        "actual": _numbers([amount() for _ in rows], whole),
    }
    if "range" in columns:  # some rows a range of targets instead of one
        ranged = [rng.random() < 0.4 for _ in rows]
        low = [amount() if r else None for r in ranged]
        ind["target"] = _numbers([None if r else t for r, t in zip(ranged, targets, strict=True)], whole)
        ind["target_low"] = _numbers(low, whole)
        ind["target_high"] = _numbers([None if v is None else v * 2 for v in low], whole)
    if "result_kind" in columns:
        ind["result_kind"] = [rng.choice(["primary", "primary", "additional", None]) for _ in rows]
    if "indicator" in columns:
        ind["indicator"] = [f"i{r}" for r in range(n)]
    if "polarity" in columns:
        polarity = [rng.choice(["higher_is_better", "lower_is_better", None]) for _ in rows]
        ind["polarity"] = _words(polarity, words_as, ["higher_is_better", "lower_is_better"])
    if "weight" in columns:
        ind["weight"] = _numbers([Decimal(rng.randint(0, 5) * 10 + 10) for _ in rows], whole)
    if "cap" in columns:
        ind["cap"] = _numbers([rng.choice([None, Decimal(120), Decimal(150)]) for _ in rows], whole)

    units = [f"u{rng.randint(0, 2)}" for _ in range(n_emp)]
    work = [rng.choice([*RATINGS, None]) for _ in range(n_emp)]
    behaviour = [rng.choice(RATINGS) for _ in range(n_emp)]
    people: dict[str, Any] = {
        "unit": units,
        "work_result": _words(work, words_as, RATINGS),
        "behaviour": _words(behaviour, words_as, RATINGS),
    }
    if "grade" in columns:
        grades = [rng.choice([*batch.GRADES, None]) for _ in range(n_emp)]
        people["functional_grade"] = _words(grades, words_as, list(batch.GRADES))
    unit_table = None
    if shape == "employee predicates":  # no unit table: each unit's predicate on its employees
        org_of = {u: rng.choice(["good", "outstanding", "poor"]) for u in ("u0", "u1", "u2")}
        people["org_predicate"] = [org_of[u] for u in units]
        people["post_type"] = [rng.choice(["jpt", "executor"]) for _ in range(n_emp)]
        people["unit_head"] = [p == "jpt" for p in people["post_type"]]
    if shape == "employee table and units":
        heads = {u: e for e, u in reversed(list(enumerate(units)))}  # each unit's first employee
        people["post_type"] = ["jpt" if heads[units[e]] == e else "executor" for e in range(n_emp)]
        people["unit_head"] = [heads[units[e]] == e for e in range(n_emp)]
        org = [rng.choice(["good", "outstanding", "poor"]) for _ in range(3)]
        unit_table = pa.table({"unit": ["u0", "u1", "u2"], "org_predicate": org})
    if shape == "columns on the rows":
        for name, values in people.items():  # each employee's values on each of its rows
            ind[name] = (
                values.take(pa.array(rows)) if isinstance(values, pa.Array) else [values[e] for e in rows]
            )
        return pa.table(ind), None, unit_table
    return pa.table(ind), pa.table({"employee": ids, **people}), unit_table


@settings(max_examples=150, deadline=None)
@given(roster=rosters(), on_error=st.sampled_from(["raise", "collect"]))
def test_the_direct_path_and_the_table_layer_agree_on_any_roster(
    roster: tuple[Any, Any, Any], on_error: str
) -> None:
    """The same raised problem, or the same indicators, employees, units and errors (ids
    compared as text: the direct path keeps integer ids integers, the table layer reads
    every id as text)."""
    ind, emp, units = roster
    rules = kj.datasets.kupang_rules()

    def rows_of(table: Any) -> list[dict[str, Any]]:
        ids = ("employee", "unit")
        return [
            {k: str(v) if k in ids and v is not None else v for k, v in r.items()} for r in table.to_pylist()
        ]

    def outcome(run: Any) -> Any:
        try:
            r = run()
        except kj.KinerjaError as e:
            return (type(e), str(e), e.table, e.row, e.field)
        return tuple(rows_of(t) for t in (r.errors, r.indicators, r.employees, r.units))

    direct = outcome(lambda: kj.score(ind, emp, units, rules=rules, on_error=on_error))
    layer = outcome(lambda: batch._score_tables([ind, emp, units], rules, None, on_error, {}, None))
    assert direct == layer


@pytest.mark.parametrize("problems", [0, 1, 3])
def test_integer_ids_stay_integers_whether_or_not_a_roster_has_problems(problems: int) -> None:
    """Results keep the caller's integer ids, with no problem, with a problem worded on its
    employee's rows alone (1 of 8 rows) or with problems worded on the whole tables (3 of 8,
    past a quarter); the errors table names ids as text."""
    n = 8
    ids = [100 + e for e in range(n)]
    target = [-5 if e < problems else 100 for e in range(n)]
    ind = pa.table({"employee": ids, "target": target, "actual": [90] * n})
    emp = pa.table(
        {
            "employee": ids,
            "unit": [e % 2 for e in range(n)],
            "work_result": ["meets"] * n,
            "behaviour": ["meets"] * n,
        }
    )
    got = kj.score(ind, emp, on_error="collect")
    assert got.employees.schema.field("employee").type == pa.int64()
    assert got.indicators.schema.field("employee").type == pa.int64()
    assert got.units.schema.field("unit").type == pa.int64()
    assert got.employees.column("status").to_pylist() == ["error"] * problems + ["ok"] * (n - problems)
    assert got.errors.column("employee").to_pylist() == [str(i) for i in ids[:problems]]


@pytest.mark.parametrize("kind", ["float64", "float32"])
def test_a_float_with_a_problem_is_shown_at_its_whole_columns_places(kind: str) -> None:
    """A float column is read at the places its values need: a problem's value shows the
    number at the whole column's places (``-5.00`` beside cents), even when only the rows of
    the employee with the problem are worded again."""
    n = 8
    target = pa.array([-5.0] + [100.25] * (n - 1), getattr(pa, kind)())
    ind = pa.table({"employee": [f"e{e}" for e in range(n)], "target": target, "actual": [90.5] * n})
    emp = pa.table({"employee": [f"e{e}" for e in range(n)], "work_result": [1] * n, "behaviour": [1] * n})
    got = kj.score(ind, emp, on_error="collect").errors.to_pylist()
    assert [(p["row"], p["field"], p["value"]) for p in got] == [(0, "target", "-5.00")]
    assert got == batch._score_tables([ind, emp, None], None, None, "collect", {}, None).errors.to_pylist()
