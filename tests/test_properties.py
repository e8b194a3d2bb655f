"""Hypothesis properties mirroring the Rust proptests."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja as kj
from kinerja import exceptions as kx

RATINGS = kj.Rating.members()

amounts = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False, allow_infinity=False)
targets = st.decimals(
    min_value=Decimal("0.01"), max_value=10**9, places=2, allow_nan=False, allow_infinity=False
)


@settings(max_examples=300, deadline=None)
@given(t=targets, a=amounts, b=amounts, lower=st.booleans())
def test_achievement_monotone_in_actual(t, a, b, lower) -> None:
    lo, hi = min(a, b), max(a, b)
    pol = "lower" if lower else "higher"
    x = kj.achievement(t, lo, pol)
    y = kj.achievement(t, hi, pol)
    if lower:
        assert x >= y
    else:
        assert x <= y


@settings(max_examples=200, deadline=None)
@given(low=targets, width=amounts, a=amounts, b=amounts)
def test_range_achievement_monotone(low, width, a, b) -> None:
    rng = (low, low + width)
    lo, hi = min(a, b), max(a, b)
    assert kj.achievement(rng, lo) <= kj.achievement(rng, hi)


@settings(max_examples=200, deadline=None)
@given(t=targets, a=amounts, lower=st.booleans())
def test_achievement_deterministic_and_exact(t, a, lower) -> None:
    pol = "lower_is_better" if lower else "higher_is_better"
    x = kj.achievement(t, a, pol)
    assert x == kj.achievement(str(t), str(a), kj.Polarity(pol))
    assert isinstance(x, Decimal)
    assert x >= 0
    assert x.as_tuple().exponent == -2


@given(
    w1=st.sampled_from(RATINGS),
    w2=st.sampled_from(RATINGS),
    b1=st.sampled_from(RATINGS),
    b2=st.sampled_from(RATINGS),
)
def test_better_rating_never_worse_predicate(w1, w2, b1, b2) -> None:
    if w1 <= w2 and b1 <= b2:
        assert kj.predicate(work_result=w1, behaviour=b1) <= kj.predicate(work_result=w2, behaviour=b2)


@given(w=st.sampled_from(RATINGS), b=st.sampled_from(RATINGS))
def test_predicate_accepts_every_spelling(w, b) -> None:
    p = kj.predicate(work_result=w, behaviour=b)
    assert kj.predicate(work_result=w.value, behaviour=b.label("id")) == p
    assert kj.predicate(work_result=w.label("en").upper(), behaviour=b.value.upper()) == p


@settings(max_examples=60, deadline=None)
@given(
    actuals=st.lists(amounts, min_size=4, max_size=4),
    work=st.sampled_from(RATINGS),
    beh=st.sampled_from(RATINGS),
)
def test_evaluation_deterministic(actuals, work, beh) -> None:
    plan = kj.Plan(
        kj.Employee("1", "A", "u", "executor"),
        2024,
        results=[kj.PlannedResult("r", "R", [kj.Indicator("a", "A", 100)])],
        realisations=[("a", f"2024-Q{q + 1}", v) for q, v in enumerate(actuals)],
        assessments=[kj.Assessment("2024", work_result=work, behaviour=beh)],
    )
    a = kj.evaluate(plan)
    b = kj.evaluate(kj.Plan.from_json(plan.to_json()))
    assert a == b
    assert a.predicate == kj.predicate(work_result=work, behaviour=beh)
    assert a.to_dict() == b.to_dict()
    assert a.explain("en") == b.explain("en")


@given(text=st.text(max_size=12))
def test_period_parse_never_panics(text) -> None:
    try:
        p = kj.Period(text)
    except kx.PeriodError:
        return
    assert kj.Period(str(p)) == p
