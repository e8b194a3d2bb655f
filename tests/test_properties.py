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


# --- arbitrary decimals never escape as a non-kinerja exception ----------------------------

wild = st.one_of(
    st.just(Decimal(0)),
    st.decimals(min_value=-(10**28), max_value=10**28, allow_nan=False, allow_infinity=False),
    st.decimals(
        min_value=Decimal("-1e-20"), max_value=Decimal("1e-20"), allow_nan=False, allow_infinity=False
    ),
    st.decimals(min_value=-10, max_value=10, places=28, allow_nan=False, allow_infinity=False),
    st.integers(min_value=-(10**28), max_value=10**28).map(Decimal),
)


@settings(max_examples=300, deadline=None)
@given(t=wild, a=wild, cap=st.one_of(st.none(), wild), lower=st.booleans())
def test_achievement_of_any_decimal_is_decimal_or_kinerja_error(t, a, cap, lower) -> None:
    pol = "lower_is_better" if lower else "higher_is_better"
    try:
        got = kj.achievement(t, a, pol, cap=cap)
    except kx.KinerjaError:
        return
    assert isinstance(got, Decimal)


@settings(max_examples=150, deadline=None)
@given(t=wild, a=wild, w=wild, cap=st.one_of(st.none(), wild))
def test_evaluate_of_any_decimal_is_evaluation_or_kinerja_error(t, a, w, cap) -> None:
    ind: dict[str, object] = {"id": "a", "name": "A", "target": str(t), "weight": str(w)}
    if cap is not None:
        ind["cap"] = str(cap)
    plan = {
        "employee": {"id": "1", "name": "A", "unit": "u", "post_type": "executor"},
        "year": 2024,
        "results": [
            {
                "id": "r",
                "description": "R",
                "indicators": [ind, {"id": "b", "name": "B", "target": "10", "weight": "50"}],
            }
        ],
        "realisations": [
            {"indicator": "a", "period": "2024", "actual": str(a)},
            {"indicator": "b", "period": "2024", "actual": "9"},
        ],
        "assessments": [{"period": "2024", "behaviour": {"overall": "meets"}}],
    }
    try:
        ev = kj.evaluate(plan)
    except kx.KinerjaError:
        return
    assert isinstance(ev, kj.Evaluation)
    assert ev.weighted_achievement is None or isinstance(ev.weighted_achievement, Decimal)


# --- random plans round-trip through their JSON / dict forms -------------------------------

_ids = st.text(alphabet="abcdefghij0123456789", min_size=1, max_size=6)
_pos = st.decimals(
    min_value=Decimal("0.01"), max_value=10**6, places=2, allow_nan=False, allow_infinity=False
)
_nonneg = st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False, allow_infinity=False)


@st.composite
def plans(draw):
    ind_ids = draw(st.lists(_ids, min_size=1, max_size=4, unique=True))
    indicators = []
    for iid in ind_ids:
        ind = {
            "id": iid,
            "name": draw(st.text(max_size=10)),
            "target": str(draw(_pos)),
            "polarity": draw(st.sampled_from(["higher_is_better", "lower_is_better"])),
            "aggregation": draw(st.sampled_from(["cumulative", "mean", "last"])),
        }
        if draw(st.booleans()):
            ind["weight"] = str(draw(_pos))
        indicators.append(ind)
    quarters = draw(st.booleans())
    reals = []
    for iid in ind_ids:
        for p in ["2024-Q1", "2024-Q2", "2024-Q3", "2024-Q4"] if quarters else ["2024"]:
            reals.append({"indicator": iid, "period": p, "actual": str(draw(_nonneg))})
    rating = st.sampled_from(["very_good", "good", "needs_improvement", "poor", "very_poor"])
    return {
        "employee": {
            "id": draw(_ids),
            "name": draw(st.text(max_size=12)),
            "unit": draw(_ids),
            "post_type": draw(st.sampled_from(["executor", "functional"])),
        },
        "year": 2024,
        "results": [{"id": "r", "description": draw(st.text(max_size=12)), "indicators": indicators}],
        "realisations": reals,
        "assessments": [
            {"period": "2024", "work_result": draw(rating), "behaviour": {"overall": draw(rating)}}
        ],
    }


@settings(max_examples=80, deadline=None)
@given(d=plans())
def test_plan_and_evaluation_round_trip(d) -> None:
    import pickle

    try:
        plan = kj.Plan.from_dict(d)
    except kx.KinerjaError:
        return
    assert kj.Plan.from_json(plan.to_json()) == plan
    assert kj.Plan.from_dict(plan.to_dict()) == plan
    try:
        ev = kj.evaluate(plan)
    except kx.KinerjaError:
        return
    back = kj.Evaluation.from_json(ev.to_json())
    assert back == ev
    assert back.to_dict() == ev.to_dict()
    assert back.trace == ev.trace
    assert pickle.loads(pickle.dumps(ev.trace)) == ev.trace
    assert ev.trace.to_json("en") == back.trace.to_json("en")
