"""Invariance under reporting granularity (issue 19): the same monthly realisations, reported as
any partition of the year into months, quarters, semesters or the whole year, give identical
achievements through ``kinerja.evaluate`` — for cumulative indicators (declared monthly or
quarterly targets), month-weighted means and last values. Mirrors
``kinerja-core/tests/periods.rs::same_months_same_achievement_however_reported``.

Values are drawn as multiples of 12 so that every mean over 1, 3, 6 or 12 months is an exact
decimal: the achievements can then be compared exactly, not to some number of places.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja as kj

YEAR = 2024
QUARTERS = [(1, 3), (4, 6), (7, 9), (10, 12)]
SEMESTERS = [(1, 6), (7, 12)]


def name(first: int, last: int) -> str:
    """The period text of months ``first``..``last`` (a month, quarter, semester or the year)."""
    n = last - first + 1
    if n == 12:
        return str(YEAR)
    if n == 6:
        return f"{YEAR}-S{(first - 1) // 6 + 1}"
    if n == 3:
        return f"{YEAR}-Q{(first - 1) // 3 + 1}"
    assert n == 1
    return f"{YEAR}-{first:02d}"


def aggregate(agg: str, months: list[Decimal], first: int, last: int) -> Decimal:
    vs = months[first - 1 : last]
    if agg == "cumulative":
        return sum(vs, Decimal(0))
    if agg == "mean":
        return sum(vs, Decimal(0)) / len(vs)
    return vs[-1]


@st.composite
def tilings(draw: Any) -> list[tuple[int, int]]:
    """A random partition of the year into reporting periods."""
    if draw(st.booleans()):
        return [(1, 12)]
    out: list[tuple[int, int]] = []
    for s_first, s_last in SEMESTERS:
        if draw(st.booleans()):
            out.append((s_first, s_last))
            continue
        for q_first, q_last in QUARTERS:
            if not (s_first <= q_first and q_last <= s_last):
                continue
            if draw(st.booleans()):
                out.append((q_first, q_last))
            else:
                out.extend((m, m) for m in range(q_first, q_last + 1))
    return out


# Multiples of 12 (with 2 decimal places) keep every mean over 1, 3, 6 or 12 months exact.
actuals = st.integers(min_value=0, max_value=10**6).map(lambda k: Decimal(k) * 12 / 100)
targets = st.integers(min_value=1, max_value=10**6).map(lambda k: Decimal(k) * 12 / 100)


def plan_dict(
    agg: str,
    declared: list[tuple[tuple[int, int], Decimal]],
    annual: Decimal,
    months: list[Decimal],
    tiles: list[tuple[int, int]],
) -> dict[str, Any]:
    # An assessment for every period that may be evaluated (6/2022 needs the appraiser's rating).
    periods = [str(YEAR)] + [name(*s) for s in SEMESTERS] + [name(*q) for q in QUARTERS]
    return {
        "employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"},
        "year": YEAR,
        "results": [
            {
                "id": "r1",
                "description": "R",
                "indicators": [
                    {
                        "id": "i1",
                        "name": "I",
                        "target": str(annual),
                        "aggregation": agg,
                        "period_targets": {name(*p): str(t) for p, t in declared},
                    }
                ],
            }
        ],
        "realisations": [
            {"indicator": "i1", "period": name(*t), "actual": str(aggregate(agg, months, *t))} for t in tiles
        ],
        "assessments": [
            {"period": p, "work_result": "meets", "behaviour": {"overall": "meets"}} for p in periods
        ],
    }


def achievement(plan: dict[str, Any], period: str) -> tuple[Decimal, Decimal, Any, Decimal]:
    ev = kj.evaluate(kj.Plan.from_dict(plan), period)
    (row,) = ev.indicators
    return row.achievement, row.achievement_raw, row.target, row.actual


def union_of_tiles(first: int, last: int, tiles: list[tuple[int, int]]) -> bool:
    """True when every tile lies inside ``first..last`` or outside it."""
    return all((first <= a and b <= last) or b < first or a > last for a, b in tiles)


@settings(max_examples=150, deadline=None)
@given(
    months=st.lists(actuals, min_size=12, max_size=12),
    month_targets=st.lists(targets, min_size=12, max_size=12),
    agg=st.sampled_from(["cumulative", "mean", "last"]),
    quarterly_targets=st.booleans(),
    a=tilings(),
    b=tilings(),
)
def test_same_months_same_achievement_however_reported(
    months: list[Decimal],
    month_targets: list[Decimal],
    agg: str,
    quarterly_targets: bool,
    a: list[tuple[int, int]],
    b: list[tuple[int, int]],
) -> None:
    spans = QUARTERS if quarterly_targets else [(m, m) for m in range(1, 13)]
    declared = [(s, aggregate(agg, month_targets, *s)) for s in spans]
    # The annual target consistent with the declared ones (so no mismatch note changes anything).
    if agg == "cumulative":
        annual = sum((t for _, t in declared), Decimal(0))
    elif agg == "mean":
        annual = sum((t * (s[1] - s[0] + 1) for s, t in declared), Decimal(0)) / 12
    else:
        annual = declared[-1][1]
    monthly = [(m, m) for m in range(1, 13)]
    base = plan_dict(agg, declared, annual, months, monthly)
    pa = plan_dict(agg, declared, annual, months, a)
    pb = plan_dict(agg, declared, annual, months, b)
    year = str(YEAR)
    expected = achievement(base, year)
    assert achievement(pa, year) == expected
    assert achievement(pb, year) == expected
    # Every semester or quarter that both partitions can report gives the same value too.
    for first, last in SEMESTERS + QUARTERS:
        if union_of_tiles(first, last, a) and union_of_tiles(first, last, b):
            per = name(first, last)
            want = achievement(base, per)
            assert achievement(pa, per) == want, per
            assert achievement(pb, per) == want, per


def test_the_issue_examples() -> None:
    """Issue 19.1 and 19.2 by hand: quarter targets 100 / 200 / 400 / 500 (annual 1200)."""
    q = {"2024-Q1": "100", "2024-Q2": "200", "2024-Q3": "400", "2024-Q4": "500"}

    def plan(
        agg: str, target: str, period_targets: dict[str, str], reals: list[tuple[str, str]]
    ) -> dict[str, Any]:
        p = plan_dict(agg, [], Decimal(target), [Decimal(0)] * 12, [])
        p["results"][0]["indicators"][0]["period_targets"] = period_targets
        p["realisations"] = [{"indicator": "i1", "period": per, "actual": v} for per, v in reals]
        return p

    # S1 as two quarters (105 + 210) or one semester (315): target 300, 105 % both ways.
    two = plan("cumulative", "1200", q, [("2024-Q1", "105"), ("2024-Q2", "210")])
    one = plan("cumulative", "1200", q, [("2024-S1", "315")])
    assert achievement(two, "2024-S1")[0] == achievement(one, "2024-S1")[0] == Decimal("105.00")
    # Four quarters of 250 against quarter targets of 200 each (annual 800), or 1000 once: 125 %.
    flat = {f"2024-Q{i}": "200" for i in range(1, 5)}
    four = plan("cumulative", "800", flat, [(f"2024-Q{i}", "250") for i in range(1, 5)])
    once = plan("cumulative", "800", flat, [("2024", "1000")])
    assert achievement(four, "2024")[0] == achievement(once, "2024")[0] == Decimal("125.00")
    # Mean: Q1 = 60, April–June = 30 each → month-weighted (3 × 60 + 3 × 30) / 6 = 45.
    reals = [("2024-Q1", "60"), ("2024-04", "30"), ("2024-05", "30"), ("2024-06", "30")]
    mean = plan("mean", "45", {}, reals)
    assert achievement(mean, "2024-S1")[3] == Decimal(45)
    # Mean against quarter targets 80 / 85 (S1 target 82.5), actuals 82 / 88 → S1 mean 85:
    # 85 / 82.5 = 103.03 %.
    mq = plan("mean", "90", {"2024-Q1": "80", "2024-Q2": "85"}, [("2024-Q1", "82"), ("2024-Q2", "88")])
    assert achievement(mq, "2024-S1")[0] == Decimal("103.03")
