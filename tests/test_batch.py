"""kj.score: batch results identical to the scalar API, for pyarrow, pandas and polars input;
errors (raise / collect); exact float conversion; threads and fork safety."""

from __future__ import annotations

import multiprocessing
import os
import sys
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja as kj

from conftest import HAND_BATCH_EXPECTED, check_hand_batch_row, hand_batch_tables

pa = pytest.importorskip("pyarrow")


def _score20(data: dict[str, Any]) -> Any:
    return kj.score(data["indicators"], data["employees"], data["units"], rules=kj.datasets.kupang_rules())


@pytest.fixture(scope="module")
def roster() -> dict[str, Any]:
    return kj.datasets.synthetic(employees=300, indicators_per_employee=5, periods=3, seed=7)


@pytest.fixture(scope="module")
def rules() -> kj.Ruleset:
    return kj.datasets.kupang_rules()


def _plan(emp: dict[str, Any], rows: list[dict[str, Any]], org: str | None) -> kj.Plan:
    assessment: dict[str, Any] = {"period": "2024", "behaviour": {"overall": emp["behaviour"]}}
    if emp["work_result"] is not None:
        assessment["work_result"] = emp["work_result"]
    if org is not None:
        assessment["org_predicate"] = org
    indicators = []
    for r in rows:
        indicators.append(
            {
                "id": r["indicator"],
                "name": r["indicator"],
                "unit_of_measure": "%",
                "polarity": r["polarity"],
                "target": repr(r["target"]),
                "weight": str(r["weight"]),
            }
        )
    return kj.Plan.from_dict(
        {
            "employee": {
                "id": emp["employee"],
                "name": "x",
                "unit": emp["unit"],
                "post_type": emp["post_type"],
                "unit_head": emp["unit_head"],
                "position": "p",
            },
            "year": 2024,
            "results": [{"id": "r", "description": "d", "kind": "primary", "indicators": indicators}],
            "realisations": [
                {"indicator": r["indicator"], "period": "2024", "actual": repr(r["actual"])} for r in rows
            ],
            "assessments": [assessment],
        }
    )


def _scalar(roster: dict[str, Any], rules: kj.Ruleset) -> dict[str, Any]:
    ind = roster["indicators"].to_pylist()
    emps = roster["employees"].to_pylist()
    org = dict(
        zip(roster["units"]["unit"].to_pylist(), roster["units"]["org_predicate"].to_pylist(), strict=True)
    )
    by_emp: dict[str, list[dict[str, Any]]] = {}
    for r in ind:
        by_emp.setdefault(r["employee"], []).append(r)
    out = {}
    for e in emps:
        out[e["employee"]] = kj.evaluate(_plan(e, by_emp[e["employee"]], org[e["unit"]]), "2024", rules)
    return out


def _as_arrow(t: Any) -> Any:
    return t if isinstance(t, pa.Table) else pa.table(t)


@pytest.mark.parametrize("library", ["pyarrow", "pandas", "polars"])
def test_identical_to_scalar_api(roster: dict[str, Any], rules: kj.Ruleset, library: str) -> None:
    if library != "pyarrow":
        pytest.importorskip(library)
    data = kj.datasets.synthetic(employees=300, indicators_per_employee=5, periods=3, seed=7, library=library)
    res = kj.score(data["indicators"], data["employees"], data["units"], rules=rules)
    mod = type(res.employees).__module__.split(".")[0]
    assert mod == library
    emp = _as_arrow(res.employees).to_pylist()
    ind = _as_arrow(res.indicators).to_pylist()
    scalar = _scalar(roster, rules)
    grades = dict(
        zip(
            roster["employees"]["employee"].to_pylist(),
            roster["employees"]["functional_grade"].to_pylist(),
            strict=True,
        )
    )
    assert any(e["credit_points"] is not None for e in emp)
    for e in emp:
        ev = scalar[e["employee"]]
        assert e["ok"]
        assert e["weighted_achievement"] == ev.weighted_achievement
        assert e["predicate"] == ev.predicate.value
        assert e["work_result"] == ev.work_result.value
        assert e["advised_rating"] == (ev.advised_rating.value if ev.advised_rating else None)
        assert e["disagreement"] == ev.disagreement
        if e["credit_points"] is not None:
            assert (
                e["credit_points"] == kj.credit_points(ev.predicate, grades[e["employee"]], 12, rules).value
            )
    ach = {r.indicator: r.achievement for ev in scalar.values() for r in ev.indicators}
    for r in ind:
        assert r["achievement"] == ach[r["indicator"]]
    # the distribution curve per unit: the scalar check on the unit's scalar predicates
    head_counted = rules.policy.to_dict()["organisation"]["head_counted"]
    units = _as_arrow(res.units).to_pylist()
    assert len(units) == roster["units"].num_rows
    assert any(u["distribution_passed"] is False for u in units)
    emps = roster["employees"].to_pylist()
    for u in units:
        members = [e for e in emps if e["unit"] == u["unit"]]
        counted = [
            (e["employee"], scalar[e["employee"]].predicate)
            for e in members
            if head_counted or not e["unit_head"]
        ]
        report = kj.check_distribution(counted, u["org_predicate"], rules)
        assert u["heads_excluded"] == len(members) - len(counted)
        assert u["distribution_passed"] == report.passed
        assert u["violations"] == len(report.violations)
        assert u["violated"] == "; ".join(c.description("en") for c in report.violations)
        assert u["violated_id"] == "; ".join(c.description("id") for c in report.violations)
        for p in ("very_good", "good", "needs_improvement", "poor_misconduct", "very_poor"):
            assert u[p] == report.counts[p]


def test_wide_input_and_shuffled_rows(roster: dict[str, Any], rules: kj.Ruleset) -> None:
    base = kj.score(roster["indicators"], roster["employees"], roster["units"], rules=rules)
    wide = roster["indicators"].join(roster["employees"], "employee")
    shuffled = wide.take(pa.array(list(reversed(range(wide.num_rows)))))
    res = kj.score(shuffled, units=roster["units"], rules=rules)
    got = {r["employee"]: r for r in res.employees.to_pylist()}
    for r in base.employees.to_pylist():
        g = got[r["employee"]]
        assert (g["weighted_achievement"], g["predicate"]) == (r["weighted_achievement"], r["predicate"])


def test_float_columns_are_exact() -> None:
    ind = pa.table({"employee": ["a", "b"], "target": [9.12, 0.3], "actual": [9.12, 0.1 + 0.2]})
    emp = pa.table(
        {"employee": ["a", "b"], "work_result": ["meets", "meets"], "behaviour": ["meets", "meets"]}
    )
    res = kj.score(ind, emp)
    a = res.indicators["achievement"].to_pylist()
    assert a[0] == Decimal("100.00")
    # 0.1 + 0.2 is 0.30000000000000004 exactly (shortest repr), just above 0.3
    assert a[1] == Decimal("100.00")
    ind2 = pa.table({"employee": ["a"], "target": [3.0], "actual": [1.0]})
    assert kj.score(ind2, emp.slice(0, 1)).indicators["achievement"].to_pylist() == [Decimal("33.33")]


def test_stats_say_which_path_decided(tmp_path: Any) -> None:
    """``stats`` counts what each path of the kernel took, on the direct path and through the
    table layer (a file with a ``period`` column: rows aggregated over the period)."""
    emp = pa.table({"employee": ["a", "b"], "work_result": ["meets"] * 2, "behaviour": ["meets"] * 2})
    ind = pa.table({"employee": ["a", "a", "b"], "target": [100.0, 80.0, 50.0], "actual": [90.0, 80.0, 60.0]})
    plain = {
        "fast_rows": 3,
        "plain_rows": 3,
        "fallback_rows": 0,
        "plain_employees": 2,
        "fallback_employees": 0,
    }
    assert kj.score(ind, emp).stats == plain
    # range targets are off the plain row loop (another path, the same answer)
    ranged = ind.drop_columns(["target"]).append_column("target_low", pa.array([90.0, 70.0, 40.0]))
    ranged = ranged.append_column("target_high", pa.array([110.0, 90.0, 60.0]))
    stats = kj.score(ranged, emp).stats
    assert stats["plain_rows"] == 0
    assert stats["fast_rows"] + stats["fallback_rows"] == 3
    csv = tmp_path / "skp.csv"
    csv.write_text(
        "employee,indicator,target,actual,period,work_result,behaviour\n"
        "a,i1,100,90,2024,meets,meets\na,i2,80,80,2024,meets,meets\nb,i1,50,60,2024,meets,meets\n"
    )
    res = kj.score(csv, period="2024")
    assert res.employees["weighted_achievement"].to_pylist() == [Decimal("95.00"), Decimal("120.00")]
    assert res.stats == plain


def test_decimal_and_string_columns() -> None:
    ind = pa.table(
        {
            "employee": ["a"],
            "target": pa.array([Decimal("90.00")], pa.decimal128(10, 2)),
            "actual": pa.array(["92"]),
        }
    )
    emp = pa.table({"employee": ["a"], "work_result": ["above"], "behaviour": ["above"]})
    res = kj.score(ind, emp)
    assert res.indicators["achievement"].to_pylist() == [Decimal("102.22")]
    assert res.employees["predicate"].to_pylist() == ["very_good"]


def test_nan_is_an_error() -> None:
    ind = pa.table({"employee": ["a", "a"], "target": [1.0, float("nan")], "actual": [1.0, 1.0]})
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    with pytest.raises(kj.KinerjaError) as e:
        kj.score(ind, emp)
    assert e.value.row == 1
    assert e.value.field == "target"


def test_raise_names_the_lowest_row_and_collect_keeps_rows() -> None:
    ind = pa.table(
        {
            "employee": ["a", "b", "b", "c"],
            "indicator": ["a1", "b1", "b2", "c1"],
            "target": [100, 0, 100, 0],
            "actual": [90, 5, 90, 5],
        }
    )
    emp = pa.table({"employee": ["a", "b", "c"], "work_result": ["meets"] * 3, "behaviour": ["meets"] * 3})
    with pytest.raises(kj.KinerjaError) as e:
        kj.score(ind, emp)
    assert (e.value.row, e.value.employee, e.value.indicator, e.value.field) == (1, "b", "b1", "target")
    assert str(e.value).startswith("indicators row 1, ")
    res = kj.score(ind, emp, on_error="collect")
    assert res.indicators.num_rows == 4
    assert res.employees["ok"].to_pylist() == [True, False, False]
    assert res.employees["predicate"].to_pylist() == ["good", None, None]
    errs = res.errors.to_pylist()
    # each problem once, where it is (an employee with a bad row has status `error`, with no
    # row of its own in `errors`), as the table layer reports for a file of the same rows
    assert [(x["table"], x["row"]) for x in errs] == [("indicators", 1), ("indicators", 3)]
    assert errs[0]["employee"] == "b" and errs[0]["indicator"] == "b1"
    assert errs[0]["message"].startswith("row 1, employee `b`, indicator `b1`: target: ")
    assert res.employees["status"].to_pylist() == ["ok", "error", "error"]


def test_unknown_employee_and_bad_option() -> None:
    ind = pa.table({"employee": ["zz"], "target": [1], "actual": [1]})
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    with pytest.raises(kj.KinerjaError, match="employee"):
        kj.score(ind, emp)
    with pytest.raises(kj.KinerjaError, match="on_error"):
        kj.score(ind, emp, on_error="ignore")
    with pytest.raises(kj.KinerjaError, match="work_result"):
        kj.score(ind, pa.table({"employee": ["zz"], "work_result": ["great"], "behaviour": ["meets"]}))


def test_threads_setting() -> None:
    before = kj.get_num_threads()
    kj.set_num_threads(1)
    assert kj.get_num_threads() == 1
    data = kj.datasets.synthetic(employees=50, seed=3)
    one = _score20(data).employees
    kj.set_num_threads(2)
    two = _score20(data).employees
    assert one.equals(two)
    kj.set_num_threads(0)
    assert kj.get_num_threads() == before or os.environ.get("KINERJA_NUM_THREADS")


def _score_in_child(q: Any) -> None:
    data = kj.datasets.synthetic(employees=20, seed=4)
    q.put(_score20(data).employees.num_rows)


@pytest.mark.skipif(sys.platform == "win32", reason="fork")
def test_fork_after_use_does_not_deadlock() -> None:
    data = kj.datasets.synthetic(employees=20, seed=4)
    _score20(data)  # the pool exists in the parent
    pid = os.fork()
    if pid == 0:  # child: score again, exit with the row count as status
        try:
            n = _score20(data).employees.num_rows
            os._exit(0 if n == 20 else 1)
        except BaseException:
            os._exit(2)
    _, status = os.waitpid(pid, 0)
    assert os.WEXITSTATUS(status) == 0
    ctx = multiprocessing.get_context("fork")
    q = ctx.Queue()
    p = ctx.Process(target=_score_in_child, args=(q,))
    p.start()
    p.join(60)
    assert p.exitcode == 0
    assert q.get(timeout=5) == 20


def test_synthetic_is_reproducible() -> None:
    a = kj.datasets.synthetic(employees=30, seed=5)
    b = kj.datasets.synthetic(employees=30, seed=5)
    c = kj.datasets.synthetic(employees=30, seed=6)
    assert a["indicators"].equals(b["indicators"]) and a["employees"].equals(b["employees"])
    assert not a["indicators"].equals(c["indicators"])
    assert a["indicators"].num_rows == 150


def test_floats_beyond_ten_places_use_the_shortest_representation() -> None:
    # 1.23456789012345 does not round-trip at 10 places: parsed from its shortest repr
    ind = pa.table(
        {"employee": ["a", "a"], "target": [1.23456789012345, 2.0], "actual": [1.23456789012345, 1e-12]}
    )
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    res = kj.score(ind, emp)
    assert res.indicators["achievement"].to_pylist() == [Decimal("100.00"), Decimal("0.00")]
    assert res.employees["weighted_achievement"].to_pylist() == [Decimal("50.00")]


def test_mixed_magnitudes_keep_every_value_exact() -> None:
    # 1e12 fits at 0 places but not at the 6 places 0.123456 needs: it must not become 0
    ind = pa.table({"employee": ["a", "a"], "target": [1e12, 100.0], "actual": [5e11, 0.123456]})
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    res = kj.score(ind, emp)
    assert res.indicators["achievement"].to_pylist() == [Decimal("50.00"), Decimal("0.12")]


def test_floats_read_one_by_one_in_parallel_name_the_lowest_failing_row() -> None:
    """A float column read value by value (its values share no scale of at most ten places)
    is read in parallel chunks of 16 384 rows; the error is still the lowest row's, whichever
    chunk finishes first: a value Decimal cannot hold, then one with more places than a number
    cell may have (the table layer names it, as for a file)."""
    n = 70_000
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})

    def err(values: list[float]) -> kj.exceptions.InputError:
        ind = pa.table({"employee": ["a"] * n, "target": values, "actual": [1.0] * n})
        with pytest.raises(kj.exceptions.InputError) as e:
            kj.score(ind, emp)
        return e.value

    f = [0.1 + 0.2] * n
    f[60_000], f[40_000] = 1e300, 2e300
    assert err(f).row == 40_000 and "1e300" not in str(err(f))
    f = [0.1 + 0.2] * n
    f[3], f[50_000], f[20_000] = 1.2345678901234567e-10, 1e20, 3e20  # 26 places, then too large
    e = err(f)
    assert e.row == 3 and "more than 18 digits after the decimal separator" in str(e), str(e)
    f[3] = f[20_000] = f[50_000] = 2.5  # and without them every value is read exactly
    ind = pa.table({"employee": ["a"] * n, "target": f, "actual": f})
    assert set(kj.score(ind, emp).indicators["achievement"].to_pylist()) == {Decimal("100.00")}


def _plain_text(f: float) -> str:
    """The float's shortest round-trip decimal in plain notation (``1e-06`` → ``0.000001``:
    text numbers in scientific notation are refused, as spreadsheets print long numbers so)."""
    return format(Decimal(repr(f)), "f")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.decimals(min_value=1, max_value=10**13, places=3, allow_nan=False),
            st.decimals(min_value=0, max_value=10**13, places=6, allow_nan=False),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_float_columns_equal_their_shortest_decimals(pairs: list[tuple[Decimal, Decimal]]) -> None:
    """Any float64 column gives the achievements of the decimals its values print as."""
    targets = [float(t) for t, _ in pairs]
    actuals = [float(a) for _, a in pairs]
    emp_ids = ["a"] * len(pairs)
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    floats = kj.score(pa.table({"employee": emp_ids, "target": targets, "actual": actuals}), emp)
    texts = kj.score(
        pa.table(
            {
                "employee": emp_ids,
                "target": [_plain_text(t) for t in targets],
                "actual": [_plain_text(a) for a in actuals],
            }
        ),
        emp,
        number_format="plain",  # text like 1.001 is ambiguous unless the notation is declared
    )
    assert floats.indicators["achievement"].to_pylist() == texts.indicators["achievement"].to_pylist()
    want = [
        kj.achievement(target=_plain_text(t), actual=_plain_text(a))
        for t, a in zip(targets, actuals, strict=True)
    ]
    assert floats.indicators["achievement"].to_pylist() == want


def test_pandas_in_pandas_out_with_decimal_columns() -> None:
    pd = pytest.importorskip("pandas")
    ind = pd.DataFrame({"employee": ["a"], "target": [90.0], "actual": [92.0]})
    emp = pd.DataFrame({"employee": ["a"], "work_result": ["above"], "behaviour": ["above"]})
    res = kj.score(ind, emp)
    assert isinstance(res.employees, pd.DataFrame)
    assert "decimal128" in str(res.employees["weighted_achievement"].dtype)
    assert res.indicators["achievement"][0] == Decimal("102.22")


def test_unit_head_left_out_of_the_curve_by_policy(rules: kj.Ruleset) -> None:
    import json

    d = rules.policy.to_dict()
    d["organisation"]["head_counted"] = False
    no_head = rules.with_policy(kj.Policy.from_json(json.dumps(d, default=str)))
    ind = pa.table({"employee": ["h", "a", "b"], "target": [100, 100, 100], "actual": [130, 100, 80]})
    emp = pa.table(
        {
            "employee": ["h", "a", "b"],
            "unit": ["U", "U", "U"],
            "unit_head": [True, False, False],
            "work_result": ["above", "above", "meets"],
            "behaviour": ["above", "above", "meets"],
        }
    )
    units = pa.table({"unit": ["U", "V"], "org_predicate": ["needs_improvement", None]})
    for policy, heads, very_good in ((rules, 0, 2), (no_head, 1, 1)):
        u = kj.score(ind, emp, units, rules=policy).units.to_pylist()
        assert (u[0]["heads_excluded"], u[0]["very_good"]) == (heads, very_good)
        # Butuh Perbaikan unit: Sangat Baik at most 10 % (0 of 2 or 3), Butuh Perbaikan at least 60 %
        assert u[0]["distribution_passed"] is False and u[0]["violations"] == 2
        assert "Very good at most 10%" in u[0]["violated"]
        assert "Sangat Baik paling banyak 10%" in u[0]["violated_id"]
        # a unit without an organisational predicate is not checked
        assert (u[1]["distribution_passed"], u[1]["violations"], u[1]["violated"]) == (None, None, None)


def test_check_counts_equals_the_roster_check() -> None:
    counts = {"very_good": 8, "Baik": 2}
    r = kj.check_counts(counts, "outstanding")
    roster = [(f"e{i}", "very_good" if i < 8 else "good") for i in range(10)]
    assert r == kj.check_distribution(roster, "outstanding")
    assert not r.passed and r.violations[0].actual == 8
    with pytest.raises(kj.exceptions.InputError, match="twice"):
        kj.check_counts({"good": 1, "Baik": 2})
    with pytest.raises(kj.exceptions.InputError, match="negative"):
        kj.check_counts({"good": -1})
    with pytest.raises(kj.exceptions.KinerjaError, match="accepted"):
        kj.check_counts({"great": 1})
    with pytest.raises(kj.exceptions.InputError):
        kj.check_counts([("good", 1)])  # type: ignore[arg-type]


def test_key_alignment_in_parallel_chunks_and_its_fallback(rules: kj.Ruleset) -> None:
    """Rows grouped in employee order are aligned in parallel chunks (≥ 65 536 rows each);
    any other order falls back to the hash join. Every layout gives the same scores."""
    data = kj.datasets.synthetic(employees=30_000, indicators_per_employee=5, seed=3)
    ind, emp, units = data["indicators"], data["employees"], data["units"]
    assert ind.num_rows == 150_000
    base = kj.score(ind, emp, units, rules=rules).employees
    n = ind.num_rows
    half = (n // 2) // 5 * 5  # cut between employees
    layouts = {
        # chunks each in order, but the second half's employees come first: boundary check fails
        "halves_swapped": ind.take(pa.array(list(range(half, n)) + list(range(half)))),
        # one employee's rows moved to the end: a chunk walk fails
        "one_moved": ind.take(pa.array(list(range(5, n)) + list(range(5)))),
    }
    for name, t in layouts.items():
        got = kj.score(t, emp, units, rules=rules).employees
        assert got.column("predicate").to_pylist() == base.column("predicate").to_pylist(), name
        assert got.column("weighted_achievement").equals(base.column("weighted_achievement")), name
    kj.set_num_threads(2)
    try:
        again = kj.score(ind, emp, units, rules=rules).employees
    finally:
        kj.set_num_threads(0)
    assert again.equals(base)


def test_hand_computed_employee(rules: kj.Ruleset) -> None:
    """The batch against values computed by hand (conftest.HAND_BATCH_EXPECTED), not only
    against the scalar API."""
    wide, units = hand_batch_tables()
    res = kj.score(wide, units=units, rules=rules)
    check_hand_batch_row(res.employees.to_pylist()[0])
    assert res.indicators.column("achievement").to_pylist() == HAND_BATCH_EXPECTED["achievements"]


def test_aligned_keys_say_whether_every_employee_is_reached() -> None:
    """The alignment walk reports a skipped employee row (duplicate id or no rows), so the
    direct path hands such tables to the table layer without counting."""
    import pyarrow as pa

    from kinerja import _kinerja as native

    emps = pa.array([1, 2, 3], pa.int64())
    idx, every = native._align_keys(pa.array([1, 2, 2, 3], pa.int64()), emps)
    assert idx.to_pylist() == [0, 1, 1, 2] and every is True
    idx, every = native._align_keys(pa.array([1, 1, 3], pa.int64()), emps)
    assert idx.to_pylist() == [0, 0, 2] and every is False
    _, every = native._align_keys(pa.array([1, 2], pa.int64()), emps)
    assert every is False  # the last employee has no rows
    assert native._align_keys(pa.array([2, 1], pa.int64()), emps) is None  # not in order


_KEY_TYPES = ("int64", "int32", "string", "large_string", "string_view")


@settings(max_examples=150, deadline=None)
@given(
    ids=st.lists(st.one_of(st.none(), st.integers(0, 6)), min_size=0, max_size=8),
    picks=st.lists(st.integers(0, 7), max_size=20),
    grouped=st.booleans(),
    row_type=st.sampled_from(_KEY_TYPES),
    emp_type=st.sampled_from(_KEY_TYPES),
)
def test_aligned_keys_agree_with_a_sequential_walk(
    ids: list[int | None], picks: list[int], grouped: bool, row_type: str, emp_type: str
) -> None:
    """Whatever the key types (integer slices or text), nulls and order, `_align_keys` either
    declines or gives what one walk through the employee table gives: for each row the first
    employee at or after the previous row's whose id equals it."""
    import pyarrow as pa

    from kinerja import _kinerja as native

    rows = [ids[p] for p in (sorted(picks) if grouped else picks) if p < len(ids)]

    def arr(v: list[int | None], t: str) -> Any:
        return pa.array(v if t.startswith("int") else [None if x is None else str(x) for x in v], t)

    got = native._align_keys(arr(rows, row_type), arr(ids, emp_type))
    j, walk = 0, []
    for r in rows:
        while j < len(ids) and (r is None or ids[j] != r):
            j += 1
        walk.append(j)
    walked = None if j >= len(ids) and rows else walk
    same_kind = row_type.startswith("int") == emp_type.startswith("int") or not rows
    if got is None:
        assert walked is None or not same_kind
        return
    idx, every = got
    assert same_kind and idx.to_pylist() == walked
    assert every == (sorted(set(walk)) == list(range(len(ids))))


def test_aligned_keys_in_parallel_chunks_for_each_integer_type() -> None:
    """Rows in parallel chunks (≥ 65 536 rows each) are aligned on integer slices as on text;
    a chunk that starts on an employee whose rows began in the previous chunk still joins."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja import _kinerja as native

    n_emp = 30_001
    ids = [(i * 7919) % 1_000_003 for i in range(n_emp)]  # unique, not sorted
    rows = [x for x in ids for _ in range(7)]  # 210 007 rows: chunk edges fall inside groups
    kj.set_num_threads(4)
    try:
        for t in ("int64", "int32", "string"):
            conv = (lambda v: v) if t.startswith("int") else (lambda v: [str(x) for x in v])
            r, e = pa.array(conv(rows), t), pa.array(conv(ids), t)
            idx, every = native._align_keys(r, e)
            assert every is True, t
            assert idx.cast(pa.int32()).equals(pc.index_in(r, value_set=e)), t
            swapped = pa.concat_arrays([r.slice(105_000), r.slice(0, 105_000)])
            assert native._align_keys(swapped, e) is None, t
    finally:
        kj.set_num_threads(0)


@settings(max_examples=120, deadline=None)
@given(
    mapping=st.lists(st.one_of(st.none(), st.integers(0, 255)), min_size=1, max_size=6),
    picks=st.lists(st.one_of(st.none(), st.integers(0, 5)), max_size=40),
    index_type=st.sampled_from(("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64")),
    long=st.booleans(),
)
def test_dictionary_codes_are_taken_like_pyarrow(
    mapping: list[int | None], picks: list[int | None], index_type: str, long: bool
) -> None:
    """`_dictionary_codes` gives what `pc.take` of the mapping gives (nulls from the index or
    the mapping), over parallel chunks too; an index past the mapping names its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja import _kinerja as native

    rows = [p if p is None else p % len(mapping) for p in picks] * (2_000 if long else 1)
    idx = pa.array(rows, index_type)
    got = native._dictionary_codes(idx, mapping)
    assert got.equals(pc.take(pa.array(mapping, pa.uint8()), idx))
    assert got.null_count == sum(r is None or mapping[r] is None for r in rows)
    if rows and any(r is not None for r in rows):
        with pytest.raises(kj.exceptions.InputError, match="row .*: a dictionary index outside"):
            native._dictionary_codes(idx, [])


@settings(max_examples=80, deadline=None)
@given(
    n_values=st.integers(1, 200),
    picks=st.lists(st.one_of(st.none(), st.integers(0, 199)), min_size=1, max_size=60),
    stray=st.one_of(st.none(), st.integers(-128, 255)),
    index_type=st.sampled_from(("int8", "uint8")),
    identity=st.booleans(),
    offset=st.integers(0, 5),
)
def test_byte_indices_are_taken_like_pyarrow(
    n_values: int,
    picks: list[int | None],
    stray: int | None,
    index_type: str,
    identity: bool,
    offset: int,
) -> None:
    """8-bit indices (read on their bytes, the indices themselves when they are the codes) give
    what `pc.take` gives, from a slice too; a negative or too large index names its row."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja import _kinerja as native

    low, high = (-128, 127) if index_type == "int8" else (0, 255)
    rows = [None if p is None else min(p % n_values, high) for p in picks] * 300
    if stray is not None:
        rows[len(rows) // 2] = min(max(stray, low), high)
    idx = pa.array([0] * offset + rows, index_type).slice(offset)
    mapping: list[int | None] = (
        list(range(n_values)) if identity else [(7 * j + 3) % 251 for j in range(n_values)]
    )
    bad = [i for i, r in enumerate(rows) if r is not None and not 0 <= r < n_values]
    if bad:
        with pytest.raises(kj.exceptions.InputError, match=f"row {bad[0]}: a dictionary index outside"):
            native._dictionary_codes(idx, mapping)
        return
    got = native._dictionary_codes(idx, mapping)
    assert got.equals(pc.take(pa.array(mapping, pa.uint8()), idx))
    assert got.null_count == rows.count(None)


def test_dictionary_label_columns_score_as_their_codes(rules: kj.Ruleset) -> None:
    """A dictionary of labels (with a null, an unused bad label and int16 indices) scores as
    the same column in plain text."""
    import pyarrow as pa

    data = kj.datasets.synthetic(employees=3_000, indicators_per_employee=5, seed=8)
    ind, emp, units = data["indicators"], data["employees"], data["units"]
    base = kj.score(ind, emp, units, rules=rules).employees
    for name in ("behaviour", "work_result"):
        col = emp.column(name).combine_chunks()
        words = sorted({v for v in col.to_pylist() if v is not None}) + ["not used"]
        idx = pa.array([None if v is None else words.index(v) for v in col.to_pylist()], pa.int16())
        labels = pa.DictionaryArray.from_arrays(idx, words)
        emp = emp.set_column(emp.schema.get_field_index(name), name, labels)
    assert emp.column("work_result").null_count > 0
    got = kj.score(ind, emp, units, rules=rules).employees
    assert got.equals(base)


def test_labels_are_built_from_codes_and_refuse_a_code_without_one() -> None:
    import pyarrow as pa

    from kinerja import _kinerja as native

    out = native._labels(pa.array([2, None, 0, 0], pa.uint8()), ["below", "meets", "above"])
    assert out.type == pa.dictionary(pa.int8(), pa.string())
    assert out.dictionary.to_pylist() == ["below", "meets", "above"]  # every label, in order
    assert out.to_pylist() == ["above", None, "below", "below"]
    out.validate(full=True)
    with pytest.raises(kj.exceptions.InputError, match="code 3 has no label"):
        native._labels(pa.array([3], pa.uint8()), ["below", "meets", "above"])


def test_labels_across_parallel_chunks_keep_order_nulls_and_slices() -> None:
    """More codes than one chunk (32 768), names of different lengths, nulls (whose code is
    not read), a sliced input, and a bad code far into a later chunk."""
    import pyarrow as pa

    from kinerja import _kinerja as native

    names = ["a", "", "three", "a longer label"]
    n = 100_003
    codes = [None if i % 7 == 0 else (i * 31) % 4 for i in range(n)]
    arr = pa.array(codes, pa.uint8())
    expected = [None if c is None else names[c] for c in codes]
    assert native._labels(arr, names).to_pylist() == expected
    assert native._labels(arr.slice(40_001, 50_000), names).to_pylist() == expected[40_001:90_001]
    nines = [9 if i == 70_000 else 1 for i in range(n)]
    validity = pa.array([i != 70_000 for i in range(n)]).buffers()[1]
    for hidden in (9, 200):  # past the names, or past what an int8 holds, under a null
        values = pa.py_buffer(bytes(hidden if i == 70_000 else 1 for i in range(n)))
        masked = pa.UInt8Array.from_buffers(pa.uint8(), n, [validity, values], null_count=1)
        assert masked.buffers()[1].to_pybytes()[70_000] == hidden
        out = native._labels(masked, names)
        assert out.null_count == 1  # a null's code is never read
        out.validate(full=True)
        assert out.to_pylist()[69_999:70_002] == ["", None, ""]
        assert out.to_pandas().isna().sum() == 1
    bad = pa.array(nines, pa.uint8())
    with pytest.raises(kj.exceptions.InputError, match="code 9 has no label"):
        native._labels(bad, names)


def test_dictionary_encoded_labels_are_read_through_their_dictionary() -> None:
    """String labels as a dictionary column give the codes' results; a label no row uses is
    not an error, one a row uses is, naming the column and the value."""
    import pyarrow as pa

    ind = pa.table(
        {
            "employee": ["a", "a", "b"],
            "target": [100, 100, 100],
            "actual": [90, 120, 100],
            "polarity": pa.DictionaryArray.from_arrays(
                pa.array([0, 1, 0], pa.int8()), pa.array(["higher_is_better", "lower_is_better", "sideways"])
            ),
        }
    )
    emp_codes = pa.table({"employee": ["a", "b"], "work_result": [1, 2], "behaviour": [1, 1]})
    words = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), pa.array(["meets", "above", "bogus"]))
    emp_words = pa.table({"employee": ["a", "b"], "work_result": words, "behaviour": ["meets", "meets"]})
    plain = pa.table(
        {
            **{c: ind.column(c) for c in ("employee", "target", "actual")},
            "polarity": ["higher_is_better", "lower_is_better", "higher_is_better"],
        }
    )
    got = kj.score(ind, emp_words)
    want = kj.score(plain, emp_codes.set_column(2, "behaviour", pa.array(["meets", "meets"])))
    assert got.employees.column("predicate").to_pylist() == want.employees.column("predicate").to_pylist()
    achievement = got.indicators.column("achievement").to_pylist()
    assert achievement == [Decimal("90.00"), Decimal("80.00"), Decimal("100.00")]
    labels = pa.array(["meets", "above", "bogus"])
    used_bad = pa.DictionaryArray.from_arrays(pa.array([2, 1], pa.int8()), labels)
    with pytest.raises(kj.KinerjaError, match="work_result.*bogus"):
        kj.score(ind, emp_words.set_column(1, "work_result", used_bad))


@pytest.mark.parametrize(
    "bad",
    [
        ["meets", "sometimes"],  # an unknown word
        [1, -1],  # codes out of the enum, below and above
        [1, 7],
        [1, 300],  # beyond uint8
        "dictionary",  # an unknown word a row uses, in a dictionary column
        "dictionary codes",  # integer codes in a dictionary column, one out of range
    ],
)
@pytest.mark.parametrize("on_error", ["raise", "collect"])
def test_an_unreadable_word_or_code_is_reported_as_the_table_layer_does(bad: Any, on_error: str) -> None:
    """The direct kernel path reads no unknown word or code itself: the table layer names the
    row and cell, and with on_error="collect" the problem is collected, not raised."""
    import pyarrow as pa

    from kinerja import batch

    if bad == "dictionary":
        column = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), pa.array(["meets", "bogus"]))
    elif bad == "dictionary codes":
        column = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int8()), pa.array([1, 5], pa.int64()))
    else:
        column = pa.array(bad)
    ind = pa.table({"employee": ["a", "b"], "target": [100, 100], "actual": [90, 95]})
    emp = pa.table({"employee": ["a", "b"], "work_result": [1, 1], "behaviour": column})

    def outcome(run: Any) -> Any:
        try:
            r = run()
        except kj.KinerjaError as e:
            return (type(e), str(e), e.table, e.row, e.field)
        return r.errors.to_pylist(), r.employees.column("status").to_pylist()

    direct = outcome(lambda: kj.score(ind, emp, on_error=on_error))
    layer = outcome(lambda: batch._score_tables([ind, emp, None], None, None, on_error, {}, None))
    assert direct == layer
    if on_error == "collect":
        errors, status = direct
        assert [(e["table"], e["row"], e["field"]) for e in errors] == [("employees", 1, "behaviour")]
        assert status == ["ok", "error"]
    else:
        assert direct[2:] == ("employees", 1, "behaviour")


_HOSTILE_CELLS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    # name: (indicator columns replaced, employee columns replaced)
    "an indicator row without its employee": ({"employee": ["a", None, "b"]}, {}),
    "a negative weight": ({"weight": [-1, 2, 1]}, {}),
    "weights of zero": ({"weight": [0, 0, 1]}, {}),
    "a missing target": ({"target": [None, 100, 100]}, {}),
    "a missing actual": ({"actual": [None, 100, 100]}, {}),
    "a NaN actual": ({"actual": [float("nan"), 100.0, 100.0]}, {}),
    "a float beyond every decimal": ({"actual": [1e300, 1.0, 1.0]}, {}),
    "a negative target": ({"target": [-100, 100, 100]}, {}),
    "a float of 26 places": ({"target": [1.2345678901234567e-10, 100.0, 100.0]}, {}),
    "a float of 24 integer digits": ({"target": [1.2345678901234569e23, 100.0, 100.0]}, {}),
    "an unsigned integer beyond int64": ({"target": pa.array([2**63 + 5, 100, 100], pa.uint64())}, {}),
    "a decimal of 25 integer digits": (
        {"target": pa.array([Decimal(10**24), Decimal(100), Decimal(100)], pa.decimal128(38, 0))},
        {},
    ),
    "a decimal of 20 places": (
        {"target": pa.array([Decimal("1.5"), Decimal(100), Decimal(100)], pa.decimal128(38, 20))},
        {},
    ),
    "a negative cap": ({"cap": [-5, 100, 100]}, {}),
    "a repeated indicator": ({"indicator": ["x", "x", "y"]}, {}),
    "a missing indicator id": ({"indicator": ["x", None, "y"]}, {}),
    "two missing indicator ids": ({"indicator": [None, None, "y"]}, {}),
    "a lower bound without an upper": ({"target_low": [1, 1, 1]}, {}),
    "an employee without a unit": ({}, {"unit": ["u1", None]}),
    "a unit whose employees disagree on its predicate": (
        {},
        {"unit": ["u1", "u1"], "org_predicate": ["good", "poor"]},
    ),
    "a grade code out of range": ({}, {"functional_grade": [0, 9]}),
    "a post code out of range": ({}, {"post_type": [0, 9]}),
}


@pytest.mark.parametrize("case", list(_HOSTILE_CELLS))
@pytest.mark.parametrize("on_error", ["raise", "collect"])
def test_the_direct_path_answers_hostile_cells_as_the_table_layer_does(case: str, on_error: str) -> None:
    """For each hostile cell, kj.score on canonical tables (the direct kernel path where it
    can) gives the table layer's answer: the same results, or the same located problem."""
    import pyarrow as pa

    from kinerja import batch

    ind_cols, emp_cols = _HOSTILE_CELLS[case]
    base_ind = {"employee": ["a", "a", "b"], "target": [100, 100, 100], "actual": [90, 120, 100]}
    ind = pa.table({**base_ind, **ind_cols})
    emp = pa.table({"employee": ["a", "b"], "work_result": [1, 1], "behaviour": [1, 2], **emp_cols})

    def outcome(run: Any) -> Any:
        try:
            r = run()
        except kj.KinerjaError as e:
            return (type(e), str(e), e.table, e.row)
        return (r.errors.to_pylist(), r.employees.to_pylist(), r.units.to_pylist())

    direct = outcome(lambda: kj.score(ind, emp, on_error=on_error))
    layer = outcome(lambda: batch._score_tables([ind, emp, None], None, None, on_error, {}, None))
    assert direct == layer


# (column, value) a fault puts on one indicator row; each reaches the kernels (the columns
# stay canonical) and fails the row or its employee
_ROW_FAULTS = [
    ("weight", -1),
    ("weight", 0),  # with every other row of its employee weighing 0 too: no weight at all
    ("target", None),
    ("target", -100),
    ("actual", None),
    ("cap", -5),
]


@settings(max_examples=80, deadline=None)
@given(
    sizes=st.lists(st.integers(min_value=1, max_value=3), min_size=1, max_size=8),
    faults=st.lists(
        st.tuples(st.integers(min_value=0, max_value=40), st.integers(min_value=0, max_value=5)), max_size=4
    ),
    shape=st.sampled_from(["employee table", "employee table and units", "columns on the rows"]),
    no_behaviour=st.lists(st.integers(min_value=0, max_value=7), max_size=2),
    on_error=st.sampled_from(["raise", "collect"]),
    every=st.booleans(),
)
def test_a_roster_with_problems_gets_the_table_layers_answer_in_every_table(
    sizes: list[int],
    faults: list[tuple[int, int]],
    shape: str,
    no_behaviour: list[int],
    on_error: str,
    every: bool,
) -> None:
    """Problems found on the direct path are worded by the table layer for the employees
    they concern only (up to a quarter of the rows; ``every`` sends every such roster this
    way); the result is still the whole table layer's, table by table (the raised problem, or
    the indicators, employees, units and errors)."""
    from unittest import mock

    from kinerja import batch

    employee = [f"e{e}" for e, k in enumerate(sizes) for _ in range(k)]
    n = len(employee)
    cols: dict[str, list[Any]] = {
        "employee": employee,
        "indicator": [f"i{r}" for r in range(n)],
        "target": [100] * n,
        "actual": [60 + (r * 17) % 70 for r in range(n)],
        "weight": [1 + r % 3 for r in range(n)],
        "cap": [None] * n,
    }
    for at, kind in faults:
        column, value = _ROW_FAULTS[kind]
        rows = [r for r in range(n) if employee[r] == employee[at % n]] if value == 0 else [at % n]
        for r in rows:
            cols[column][r] = value
    people = {
        "employee": [f"e{e}" for e in range(len(sizes))],
        "unit": [f"u{e % 3}" for e in range(len(sizes))],
        "work_result": [[None, "meets", "above"][e % 3] for e in range(len(sizes))],
        "behaviour": [["meets", "above", "below"][e % 3] for e in range(len(sizes))],
    }
    for e in no_behaviour:  # an employee's own problem: no behaviour rating
        people["behaviour"][e % len(sizes)] = None
    units = None
    if shape == "employee table and units":
        people["post_type"] = ["jpt" if e < 3 else "executor" for e in range(len(sizes))]
        people["unit_head"] = [e < 3 for e in range(len(sizes))]
        units = pa.table({"unit": ["u0", "u1", "u2"], "org_predicate": ["good", "outstanding", "poor"]})
    if shape == "columns on the rows":
        for name in ("unit", "work_result", "behaviour"):
            cols[name] = [people[name][int(p[1:])] for p in employee]
        ind, emp = pa.table(cols), None
    else:
        ind, emp = pa.table(cols), pa.table(people)

    def outcome(run: Any) -> Any:
        try:
            r = run()
        except kj.KinerjaError as e:
            return (type(e), str(e), e.table, e.row, e.field)
        tables = (r.errors, r.indicators, r.employees, r.units)
        return tuple(t.to_pylist() for t in tables)

    native = batch._native._direct_score

    def subset_always(*args: Any, **kwargs: Any) -> Any:
        return native(*args, **kwargs, _subset_rows=n if every else None)

    with mock.patch.object(batch._native, "_direct_score", subset_always):
        direct = outcome(lambda: kj.score(ind, emp, units, on_error=on_error))
    layer = outcome(lambda: batch._score_tables([ind, emp, units], None, None, on_error, {}, None))
    assert direct == layer


@pytest.mark.parametrize(("bad", "worded"), [(1, 2), (3, 6), (4, 24)])
def test_the_table_layer_words_the_problems_of_few_employees_on_their_rows_alone(
    bad: int, worded: int
) -> None:
    """Twelve employees of two rows each: the problems of employees holding up to a quarter
    of the rows are worded on those employees' rows alone (2, 6 of 24 rows); past that
    share, on the whole tables (24 rows)."""

    from kinerja import batch

    n = 12
    weight = [1] * (2 * n)
    for e in range(bad):
        weight[2 * e] = -1  # employee e's first row
    ind = pa.table(
        {
            "employee": [f"e{r // 2}" for r in range(2 * n)],
            "target": [100] * (2 * n),
            "actual": [90] * (2 * n),
            "weight": weight,
        }
    )
    emp = pa.table({"employee": [f"e{e}" for e in range(n)], "work_result": [1] * n, "behaviour": [1] * n})
    out = batch._native._direct_score(ind, emp)
    assert out is not None
    assert out["rows_read"] == worded
    got = kj.score(ind, emp, on_error="collect")
    assert [p["row"] for p in got.errors.to_pylist()] == [2 * e for e in range(bad)]


@pytest.mark.parametrize("on_error", ["raise", "collect"])
def test_a_problem_with_the_org_predicate_on_employee_rows_is_worded_on_every_employee(on_error: str) -> None:
    """Without a unit table, a unit's organisational predicate is its first employee's: the
    employee with a problem is checked with the other employees of its unit, whose
    predicate its JPT rule reads (alone, it would seem to have none)."""
    from kinerja import batch

    ind = pa.table({"employee": ["a", "b", "b"], "target": [100, 100, 100], "actual": [90, 80, 70]})
    emp = pa.table(
        {
            "employee": ["a", "b"],
            "unit": ["u1", "u1"],
            "org_predicate": ["good", None],
            "post_type": ["executor", "jpt"],
            "unit_head": [False, True],
            "work_result": ["meets", None],
            "behaviour": ["meets", None],
        }
    )
    if on_error == "raise":
        with pytest.raises(kj.KinerjaError, match="missing behaviour") as e:
            kj.score(ind, emp)
        assert (e.value.table, e.value.row, e.value.field) == ("employees", 1, "behaviour")
        return
    got = kj.score(ind, emp, on_error="collect")
    assert [(p["row"], p["field"]) for p in got.errors.to_pylist()] == [(1, "behaviour")]
    assert got.employees.column("status").to_pylist() == ["ok", "error"]
    layer = batch._score_tables([ind, emp, None], None, None, "collect", {}, None)
    assert got.errors.equals(layer.errors) and got.employees.equals(layer.employees)


@pytest.mark.parametrize("employees", [["a"], ["a", "a"], ["a", "b", "a"]])
def test_an_employee_column_of_nulls_only_on_the_rows_is_read(employees: list[str]) -> None:
    """A column with no value at all (Arrow type ``null``: what pandas gives for a column of
    ``None``) on the indicator rows is an employee column like another: every work result
    missing, so advised (was: "the tables cannot be converted", from a comparison of it)."""
    from kinerja import batch

    n = len(employees)
    ind = pa.table(
        {
            "employee": employees,
            "target": [100] * n,
            "actual": [95] * n,
            "work_result": pa.nulls(n),
            "behaviour": ["meets"] * n,
        }
    )
    rules = kj.datasets.kupang_rules()
    got = kj.score(ind, rules=rules)
    assert set(got.employees.column("work_result_source").to_pylist()) == {"advisory"}
    assert set(got.employees.column("predicate").to_pylist()) == {"good"}
    layer = batch._score_tables([ind, None, None], rules, None, "raise", {}, None)
    assert got.employees.equals(layer.employees)
    with pytest.raises(kj.KinerjaError, match="missing work_result") as e:
        kj.score(ind)  # without advisory bands: the missing rating is named, row and field
    assert (e.value.row, e.value.field) == (0, "work_result")


def test_a_decimal256_beyond_128_bits_is_a_located_problem() -> None:
    """A decimal256 column is read by the table layer when its values may not fit 128 bits:
    the value too large is a located, collectable problem (not a failed conversion)."""
    import pyarrow as pa

    target = pa.array([Decimal("1" + "0" * 45), Decimal(100)], pa.decimal256(50, 0))
    ind = pa.table({"employee": ["a", "b"], "target": target, "actual": [90, 95]})
    ind = ind.append_column("work_result", pa.array([1, 1])).append_column("behaviour", pa.array([1, 1]))
    errors = kj.score(ind, on_error="collect").errors.to_pylist()
    assert [(e["table"], e["row"], e["field"]) for e in errors] == [("indicators", 0, "target")]
    assert "too large" in errors[0]["message"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(min_value=-(2**40), max_value=2**40), max_size=60)
    | st.lists(st.integers(min_value=-5, max_value=40), max_size=200),
    st.sampled_from(["int64", "int32"]),
)
def test_dense_unit_index_equals_pyarrow_unique_and_index_in(units: list[int], kind: str) -> None:
    """The one-pass unit index gives pyarrow's `unique` (first-appearance order, same type)
    and `index_in`; a range too wide for its table is declined (None), never guessed."""
    import pyarrow as pa
    import pyarrow.compute as pc

    from kinerja import _kinerja as native

    typ = pa.int64() if kind == "int64" else pa.int32()
    arr = pa.array([u if kind == "int64" else u % 2**31 for u in units], typ)
    got = native._unit_index(arr)
    uniq = pc.unique(arr)
    if got is None:
        lo, hi = pc.min(arr).as_py(), pc.max(arr).as_py()
        assert hi - lo + 1 > 2 * len(arr) + 1024
        return
    distinct, index = got
    assert distinct.type == typ
    assert distinct.to_pylist() == uniq.to_pylist()
    assert index.to_pylist() == pc.index_in(arr, value_set=uniq).to_pylist()


def test_dense_unit_index_declines_nulls_and_text() -> None:
    import pyarrow as pa

    from kinerja import _kinerja as native

    assert native._unit_index(pa.array([1, None, 2], pa.int64())) is None
    assert native._unit_index(pa.array(["a", "b"])) is None


def test_units_by_dense_ids_and_by_text_give_the_same_units_table() -> None:
    """Integer unit ids (the one-pass index) and the same units as text (pyarrow's hash
    index) give the same per-unit counts, in the same order (first appearance)."""
    import pyarrow as pa

    n = 60
    ind = pa.table(
        {
            "employee": [e for e in range(n) for _ in range(2)],
            "target": [100] * (2 * n),
            "actual": [60 + (e * 7) % 70 for e in range(n) for _ in range(2)],
        }
    )
    units = [(e * 5) % 7 + 3 for e in range(n)]
    ratings = ["below", "meets", "above"]
    emp = {
        "employee": list(range(n)),
        "work_result": [ratings[(e + 1) % 3] for e in range(n)],
        "behaviour": [ratings[e % 3] for e in range(n)],
    }
    by_int = kj.score(ind, pa.table({**emp, "unit": units}))
    by_text = kj.score(ind, pa.table({**emp, "unit": [f"u{u}" for u in units]}))
    ints, texts = by_int.units.to_pylist(), by_text.units.to_pylist()
    assert [r["unit"] for r in ints] == [3 + (e * 5) % 7 for e in range(7)]
    assert [f"u{r['unit']}" for r in ints] == [r["unit"] for r in texts]
    for a, b in zip(ints, texts, strict=True):
        assert {k: v for k, v in a.items() if k != "unit"} == {k: v for k, v in b.items() if k != "unit"}
    assert by_int.employees.column("status").to_pylist() == ["ok"] * n


def test_id_set_adds_new_ids_and_names_the_smallest_repeated_one() -> None:
    import pyarrow as pa

    from kinerja import _kinerja as native

    s = native._IdSet()
    assert s.add_new(pa.array(["b", "a", None])) is None
    assert len(s) == 2  # a null is not an id
    assert s.add_new(pa.array(["z", "b", "a"], pa.large_string())) == "a"
    assert len(s) == 2  # nothing added when an id repeats
    assert s.add_new(pa.array(["c"], pa.string_view())) is None
    assert s.contains(pa.array(["a", "x", None, "c"])).to_pylist() == [True, False, False, True]
    with pytest.raises(kj.exceptions.InputError, match="employee ids must be a text column"):
        s.add_new(pa.array([1, 2]))
    # an id twice in one call is no repeat; a repeat late in a call takes out what it added
    assert s.add_new(pa.array(["d", "e", "d"])) is None
    assert len(s) == 5
    assert s.add_new(pa.array(["f", "g", "h", "e", "c"])) == "c"
    assert len(s) == 5 and not any(s.contains(pa.array(["f", "g", "h"])).to_pylist())
    assert s.add_new(pa.array(["f", "g", "f"])) is None
    assert len(s) == 7


def _three_employees() -> tuple[Any, Any]:
    """Three employees in two units: a very good, b (advised below) and c (advised meets)."""
    ind = pa.table(
        {
            "employee": ["a", "a", "b", "c"],
            "indicator": ["i1", "i2", "i1", "i1"],
            "target": [100, 50, 10, 10],
            "actual": [120, 60, 5, 9.5],
            "weight": [50, 50, 100, 100],
        }
    )
    emp = pa.table(
        {
            "employee": ["a", "b", "c"],
            "unit": ["u1", "u1", "u2"],
            "work_result": ["above", None, None],
            "behaviour": ["above", "meets", "below"],
        }
    )
    return ind, emp


def test_label_columns_are_dictionaries_of_every_value_on_both_paths(tmp_path: Any) -> None:
    """Enum results (ratings, source, predicate, status, org predicate) are dictionary columns
    of int8 keys into every value of the enum in order, whichever occur: the direct kernel
    path and the table layer give the same types and values, pandas gets categoricals with
    every category, polars categoricals."""
    import pyarrow.parquet as pq

    ind, emp = _three_employees()
    units = pa.table({"unit": ["u1", "u2"], "org_predicate": ["good", "outstanding"]})
    rules = kj.datasets.kupang_rules()
    direct = kj.score(ind, emp, units, rules=rules)
    paths = []
    for name, t in (("ind", ind), ("emp", emp), ("units", units)):
        pq.write_table(t, tmp_path / f"{name}.parquet")
        paths.append(str(tmp_path / f"{name}.parquet"))
    tables = kj.score(*paths, rules=rules)  # paths: read by the table layer
    vocab = {
        "advised_rating": ["below", "meets", "above"],
        "work_result": ["below", "meets", "above"],
        "behaviour": ["below", "meets", "above"],
        "work_result_source": [
            *("appraiser", "advisory", "org_predicate"),
            *("behaviour_advice", "rollup", "computed"),
        ],
        "predicate": ["very_poor", "poor_misconduct", "needs_improvement", "good", "very_good"],
        "status": ["error", "ok", "no_indicators"],
    }
    for res in (direct, tables):
        e = res.employees
        for name, values in vocab.items():
            col = e.column(name).combine_chunks()
            assert col.type == pa.dictionary(pa.int8(), pa.string()), name
            assert col.dictionary.to_pylist() == values, name
            col.validate(full=True)
        assert e.column("predicate").to_pylist() == ["very_good", "needs_improvement", "poor_misconduct"]
        assert e.column("work_result_source").to_pylist() == ["appraiser", "advisory", "advisory"]
        org = res.units.column("org_predicate").combine_chunks()
        assert org.dictionary.to_pylist() == ["very_poor", "poor", "needs_improvement", "good", "outstanding"]
        assert org.to_pylist() == ["good", "outstanding"]
    assert direct.employees.equals(tables.employees)
    assert direct.units.equals(tables.units)
    frame = kj.score(ind.to_pandas(), emp.to_pandas(), units.to_pandas(), rules=rules).employees
    assert list(frame["predicate"].cat.categories) == vocab["predicate"]
    assert frame["predicate"].tolist() == ["very_good", "needs_improvement", "poor_misconduct"]
    pl = pytest.importorskip("polars")
    polars = kj.score(pl.from_arrow(ind), pl.from_arrow(emp), pl.from_arrow(units), rules=rules).employees
    assert polars["status"].dtype == pl.Categorical
    assert polars["predicate"].to_list() == ["very_good", "needs_improvement", "poor_misconduct"]


RATING_WORDS = ("below", "meets", "above")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["a", "b", "c"]), st.one_of(st.none(), st.sampled_from(RATING_WORDS))),
        min_size=1,
        max_size=12,
    ),
    st.booleans(),
    st.booleans(),
)
def test_employee_columns_repeated_on_rows_must_agree_on_every_path(
    rows: list[tuple[str, str | None]], grouped: bool, dictionary: bool
) -> None:
    """An employee column on the indicator rows (no employee table) is the employee's only when
    every row of the employee says the same (a missing value and a value differ): the direct
    path takes the first row's value only then, and otherwise gives the table layer's located
    error — the same answer as the same table read through the table layer (a `period` column
    sends it there), never the first value silently."""
    if grouped:
        rows = sorted(rows, key=lambda r: r[0])
    work = pa.array([w for _, w in rows], pa.string())
    ind = pa.table(
        {
            "employee": [e for e, _ in rows],
            "target": [100] * len(rows),
            "actual": [90 + i for i in range(len(rows))],
            "work_result": work.dictionary_encode() if dictionary else work,
            "behaviour": ["meets"] * len(rows),
        }
    )
    agree = all(len({w for e2, w in rows if e2 == e}) == 1 for e, _ in rows)

    def outcome(t: Any) -> Any:
        try:
            return kj.score(t, period="2024").employees.select(["employee", "predicate"]).to_pylist()
        except kj.exceptions.InputError as e:
            return str(e)

    direct = outcome(ind)
    through_layer = outcome(ind.append_column("period", pa.array(["2024"] * len(rows))))
    assert direct == through_layer
    if not agree:  # the disagreement, or a missing rating on a lower row (raised first)
        assert isinstance(direct, str)
        assert "must be the same on every row" in direct or "missing work_result" in direct
    elif None in [w for _, w in rows]:
        assert "missing work_result" in direct  # the employee's rating is missing on every row
    else:
        assert isinstance(direct, list)


KEY_TYPES = (pa.string(), pa.large_string(), pa.string_view(), pa.int64(), pa.int32(), pa.uint16())


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(st.none(), st.sampled_from([1, 2, 3])), max_size=30),
    st.sampled_from(KEY_TYPES),
    st.integers(0, 3),
)
def test_changes_of_id_hold_every_id(ids: list[int | None], key_type: Any, skip: int) -> None:
    """`_changes` (the streamed command line's check that an employee's rows stay in one batch
    reads the ids there): every id of the rows is at a change, each change differs from the
    row before; nulls or fewer than two rows answer None. For text and integer ids of every
    width, also a slice of a column."""
    from kinerja.batch import _changes

    text = not pa.types.is_integer(key_type)
    values = [None if i is None else (f"nip-{i}" if text else i) for i in ids]
    # a slice after `skip` other ids: the comparison must start at the slice's offset
    keys = pa.array(["nip-9" if text else 9] * skip + values, key_type).slice(skip)
    rows = _changes(keys)
    if None in ids or len(ids) < 2:
        assert rows is None
        return
    at = rows.to_pylist()
    assert rows.type == pa.uint64()
    assert at[0] == 0
    assert {values[r] for r in at} == set(keys.to_pylist()) == set(values)
    assert all(ids[r] != ids[r - 1] for r in at[1:])
    assert at == [0] + [i for i in range(1, len(ids)) if ids[i] != ids[i - 1]]


def test_label_columns_of_a_result_are_read_back_as_input(tmp_path: Any) -> None:
    """A result's dictionary-encoded ratings fed back as the employee table (pyarrow, pandas
    categoricals, polars, a Parquet file through the table layer) give the same predicates."""
    import pyarrow.parquet as pq

    rules = kj.datasets.kupang_rules()
    ind, emp = _three_employees()
    first = kj.score(ind, emp, rules=rules).employees
    again = first.select(["employee", "work_result", "behaviour"])
    assert pa.types.is_dictionary(again.schema.field("work_result").type)
    want = ["very_good", "needs_improvement", "poor_misconduct"]
    assert first.column("predicate").to_pylist() == want
    assert kj.score(ind, again, rules=rules).employees.column("predicate").to_pylist() == want
    assert kj.score(ind.to_pandas(), again.to_pandas(), rules=rules).employees["predicate"].tolist() == want
    pq.write_table(again, tmp_path / "emp.parquet")
    pq.write_table(ind, tmp_path / "ind.parquet")
    files = kj.score(str(tmp_path / "ind.parquet"), str(tmp_path / "emp.parquet"), rules=rules)
    assert files.employees.column("predicate").to_pylist() == want
    pl = pytest.importorskip("polars")
    assert (
        kj.score(pl.from_arrow(ind), pl.from_arrow(again), rules=rules).employees["predicate"].to_list()
        == want
    )


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(st.one_of(st.none(), st.text("abcé", max_size=3)), max_size=8), max_size=8))
def test_id_set_behaves_as_a_set_of_strings(batches: list[list[str | None]]) -> None:
    """Any sequence of batches (repeats within a batch, across batches, nulls, empty and
    non-ASCII ids): `_IdSet` answers as a Python set of strings that adds a batch only when
    none of its ids was there before, and then names the smallest repeated one."""
    from kinerja import _kinerja as native

    s, model = native._IdSet(), set()
    for batch in batches:
        ids = [i for i in batch if i is not None]
        again = sorted(i for i in ids if i in model)
        got = s.add_new(pa.array(batch, pa.string()))
        assert got == (again[0] if again else None)
        if not again:
            model.update(ids)
        assert len(s) == len(model)
        probe = sorted(model | {"zz", ""})
        assert s.contains(pa.array(probe)).to_pylist() == [p in model for p in probe]


_ID_BATCH = st.lists(st.one_of(st.none(), st.text(alphabet="abcZé", min_size=0, max_size=2)), max_size=6)


@given(
    st.lists(
        # any batch, or one of distinct ascending ids (a file sorted by NIP)
        st.one_of(_ID_BATCH, _ID_BATCH.map(lambda b: sorted({x for x in b if x is not None}))),
        max_size=6,
    )
)
@settings(max_examples=200, deadline=None)
def test_seen_ids_answer_as_the_id_set_for_any_batches(batches: list[list[str | None]]) -> None:
    """The command line's ids of the batches so far (ascending batches kept without hashing)
    answer every batch as kinerja's id set alone does."""
    pa = pytest.importorskip("pyarrow")
    from kinerja._kinerja import _IdSet
    from kinerja.cli_score import _SeenIds

    fast, plain = _SeenIds(), _IdSet()
    for b in batches:
        ids = pa.array(b, pa.string())
        assert fast.add_new(ids) == plain.add_new(ids)
    keys = pa.array(["a", "b", "Z", "é", "ab", None, ""], pa.string())
    assert fast.contains(keys).to_pylist() == plain.contains(keys).to_pylist()
