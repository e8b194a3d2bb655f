"""A number in a JSON or TOML document (a plan, a policy, a ruleset, an organisation) is read
exactly as written or refused with its line and column, never changed by a binary float on the
way (`123456789.123456789` would have become `123456789.12345679`). A decimal written as text
is read exactly too, or refused where `rust_decimal` would round away digits it cannot hold."""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from server_process import Server, running_server

import kinerja as kj
from kinerja.exceptions import InputError

EXAMPLE = json.loads(
    (Path(__file__).resolve().parent.parent / "kinerja-server" / "examples" / "evaluate.json").read_text()
)


def plan_text(actual: str) -> str:
    """The example plan with its first realisation's `actual` written as the JSON number `actual`."""
    text = json.dumps(EXAMPLE["plan"])
    return text.replace('"actual": "300"', f'"actual": {actual}', 1)


def within_limits(value: Decimal) -> bool:
    """The input limits every surface applies: at most 20 digits before the decimal separator,
    18 after it (trailing zeros not counted) and 28 significant digits in all."""
    _, digits, exponent = value.normalize().as_tuple() if value else (0, (), 0)
    assert isinstance(exponent, int)
    places = max(-exponent, 0)
    integer = len(digits) - places + max(exponent, 0)
    return places <= 18 and integer <= 20 and len(digits) + max(exponent, 0) <= 28


def test_within_limits_counts_as_the_engine_does() -> None:
    assert within_limits(Decimal("99999999999999999999.5"))
    assert not within_limits(Decimal("100000000000000000000"))
    assert not within_limits(Decimal("1E+20"))
    assert within_limits(Decimal("1.50000000000000000000"))
    assert not within_limits(Decimal("0.0000000000000000001"))
    assert within_limits(Decimal(0))


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: d.is_finite() and d >= 0 and len(d.as_tuple().digits) <= 28 and -28 <= d.as_tuple().exponent
    )
)
def test_a_json_number_is_read_exactly_or_refused(value: Decimal) -> None:
    literal = str(value)  # JSON number grammar: `1.5`, `1E+2`, `2.5E-7`
    try:
        plan = kj.Plan.from_json(plan_text(literal))
    except InputError as e:
        if "is too large" in str(e) or "digits after the decimal separator" in str(e):
            # read exactly, then refused by the input limits a table applies too
            assert not within_limits(value), (literal, e)
            return
        assert "is not read exactly from JSON" in str(e) or "more digits than a decimal holds" in str(e), e
        assert re.search(r"at line 1, column \d+", str(e)), e
        # written as a string, the same value is read exactly (or refused by the limits)
        if not within_limits(value):
            with pytest.raises(InputError, match="is too large|digits after the decimal separator"):
                kj.Plan.from_json(plan_text(json.dumps(literal)))
            return
        exact = kj.Plan.from_json(plan_text(json.dumps(literal)))
        assert exact.realisations[0].actual == value
        return
    assert within_limits(value), literal
    assert plan.realisations[0].actual == value, literal


def holds(value: Decimal) -> bool:
    """Whether a `rust_decimal` holds `value` exactly (96-bit coefficient, at most 28 places)."""
    _, digits, exponent = value.as_tuple()  # (not `normalize()`: it rounds to 28 digits)
    assert isinstance(exponent, int)
    coefficient = int("".join(map(str, digits)) or "0")
    while exponent < 0 and coefficient % 10 == 0 and coefficient:
        coefficient, exponent = coefficient // 10, exponent + 1
    return coefficient * 10 ** max(exponent, 0) < 2**96 and -exponent <= 28


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: d >= 0 and len(d.as_tuple().digits) <= 40 and -40 <= d.as_tuple().exponent <= 5
    )
)
def test_a_decimal_string_is_read_exactly_or_refused(value: Decimal) -> None:
    text = str(value)  # `1.5`, `1E+2`, `2.5E-7`
    try:
        plan = kj.Plan.from_json(plan_text(json.dumps(text)))
    except InputError as e:
        assert re.search(r"at line 1, column \d+", str(e)) or "actual" in str(e), e
        if "more digits than a decimal holds exactly" in str(e):
            assert not holds(value), (text, e)
        return
    assert plan.realisations[0].actual == value, text


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: len(d.as_tuple().digits) <= 40 and -40 <= d.as_tuple().exponent <= 5
    )
)
def test_a_python_decimal_is_read_exactly_or_refused(value: Decimal) -> None:
    try:
        kj.achievement(target=1, actual=value)
    except kj.KinerjaError as e:
        if "more digits than a decimal holds exactly" in str(e):
            assert not holds(value), (value, e)
        return
    assert holds(value), value  # read, so read exactly


def test_a_decimal_text_a_decimal_cannot_hold_is_refused() -> None:
    long = "0.123456789012345678901234567891"
    with pytest.raises(InputError, match=rf'the decimal "{long}" at line 1, column \d+ has more digits'):
        kj.Plan.from_json(plan_text(json.dumps(long)))
    with pytest.raises(InputError, match=r"it would become 0\.1234567890123456789012345679"):
        kj.Plan.from_json(plan_text(json.dumps(long)))
    with pytest.raises(InputError, match="more digits than a decimal holds exactly"):
        kj.sakip_predicate(Decimal("1.23456789012345678901234567890123E+1"))
    with pytest.raises(InputError, match="more digits than a decimal holds exactly"):
        kj.sakip_predicate(long)
    assert kj.sakip_predicate(Decimal("1.2345E+1")) == kj.sakip_predicate("12.345")
    # trailing zeros are no lost digits
    zeros = "92.50000000000000000000000000000000"
    assert kj.Plan.from_json(plan_text(json.dumps(zeros))).realisations[0].actual == Decimal("92.5")
    toml = 'id = "p"\n[[rating.advisory_bands]]\nmin = "110.0000000000000000000000000001"\nrating = "above"\n'
    with pytest.raises(kj.KinerjaError, match=r'"110\.0000000000000000000000000001" at line 3, column 7'):
        kj.Policy.from_toml(toml)


def test_the_known_cases() -> None:
    assert kj.Plan.from_json(plan_text("92.5")).realisations[0].actual == Decimal("92.5")
    assert kj.Plan.from_json(plan_text("1e2")).realisations[0].actual == 100
    assert kj.Plan.from_json(plan_text("12345678901234567890")).realisations[0].actual == Decimal(
        "12345678901234567890"
    )
    with pytest.raises(InputError, match=r"123456789\.12345679\); write it as a string"):
        kj.Plan.from_json(plan_text("123456789.123456789"))
    with pytest.raises(InputError, match="more digits than a decimal holds"):
        kj.Plan.from_json(plan_text("1e-30"))
    # the same through a dict-free text path: a ruleset's policy
    bands = '[{"min": 110.000000000000001, "rating": "above"}]'
    head = '{"regime": "permenpanrb-6-2022", "policy": {"id": "p", "rating": {"advisory_bands": '
    policy = head + bands + "}}}"
    with pytest.raises(kj.KinerjaError, match="is not read exactly from JSON"):
        kj.Ruleset.from_json(policy)
    # and in TOML: a policy file's float
    toml = 'id = "p"\n[[rating.advisory_bands]]\nmin = 110.000000000000001\nrating = "above"\n'
    with pytest.raises(kj.KinerjaError, match=r"`110\.000000000000001` at line 3, column 7"):
        kj.Policy.from_toml(toml)
    assert kj.Policy.from_toml(toml.replace("110.000000000000001", "110.5")).to_dict()["rating"][
        "advisory_bands"
    ]


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with running_server() as s:
        yield s


def post(server: Server, path: str, text: str) -> tuple[int, Any]:
    req = urllib.request.Request(
        server.url + path, data=text.encode(), headers={"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(req) as r:
            return int(r.status), json.load(r)
    except urllib.error.HTTPError as e:
        return int(e.code), json.load(e)


def test_the_server_refuses_an_inexact_number_with_its_place(server: Server) -> None:
    body = json.dumps({**EXAMPLE, "plan": "PLAN"}).replace('"PLAN"', plan_text("123456789.123456789"))
    status, problem = post(server, "/v1/evaluate", body)
    assert status == 400 and problem["type"] == "urn:kinerja:problem:invalid-body", problem
    assert problem["line"] == 1 and body[problem["column"] - 1 :].startswith("123456789.123456789")
    assert 'write it as a string, "123456789.123456789"' in problem["detail"]
    ok = json.dumps({**EXAMPLE, "plan": "PLAN"}).replace('"PLAN"', plan_text('"123456789.123456789"'))
    assert post(server, "/v1/evaluate", ok)[0] == 200
    long = '"0.123456789012345678901234567891"'
    body = json.dumps({**EXAMPLE, "plan": "PLAN"}).replace('"PLAN"', plan_text(long))
    status, problem = post(server, "/v1/evaluate", body)
    assert status == 400 and problem["type"] == "urn:kinerja:problem:invalid-body", problem
    assert body[problem["column"] - 1 :].startswith(long), problem
    assert "it would become 0.1234567890123456789012345679" in problem["detail"]
    # JSON rows for /v1/score keep every number's text: nothing to refuse there
    row = '"employee": "1", "target": 100, "actual": 97.123456789012345678, "work_result": "meets"'
    rows = '{"indicators": [{' + row + ', "behaviour": "meets"}]}'
    status, out = post(server, "/v1/score?detail=indicator", rows)
    assert status == 200, out
    assert out["indicators"][0]["achievement"] == "97.12"
