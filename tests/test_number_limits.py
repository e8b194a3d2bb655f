"""One set of limits on digits for every surface: a number the scalar API takes (a ``Decimal``
or float in a plan) is one a table cell may hold, and the reverse — at most 20 digits before
the decimal separator, 18 after it, 28 significant (``kinerja_core::num::check_limits``).
Scientific notation differs on purpose: exact in a plan, refused in a text cell (a
spreadsheet's ``1.23457E+06`` has lost digits). (Needs the extension built from this tree.)"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import kinerja as kj
from kinerja.exceptions import KinerjaError

pa = pytest.importorskip("pyarrow")


def _plan(target: Any) -> dict[str, Any]:
    return {
        "employee": {"id": "e", "name": "x", "unit": "u", "post_type": "executor"},
        "year": 2024,
        "results": [
            {"id": "r", "description": "d", "indicators": [{"id": "i", "name": "n", "target": target}]}
        ],
        "realisations": [{"indicator": "i", "period": "2024", "actual": Decimal("1")}],
        "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}],
    }


def _limits(message: str | None) -> str | None:
    """``message`` when it is a refusal for the limits on digits (else ``None``: the value was
    taken, whatever the evaluation then made of it)."""
    words = (
        "is too large",
        "digits after the decimal separator",
        "scientific notation",
        "more digits than a decimal holds",
    )
    return message if message is not None and any(w in message for w in words) else None


def _scalar(target: Any) -> str | None:
    """Why ``kj.evaluate`` refuses the number, as a target (``None``: taken)."""
    try:
        kj.evaluate(_plan(target))
    except KinerjaError as e:
        return _limits(str(e))
    return None


def _cell(target: Any) -> str | None:
    """Why the table layer refuses the number, as a target cell (``None``: taken)."""
    t = pa.table({"employee": ["e"], "target": [target], "actual": ["1"], "work_result": ["meets"]})
    r = kj.score(t.append_column("behaviour", pa.array(["meets"])), on_error="collect")
    messages = r.errors.column("message").to_pylist()
    return _limits(messages[0]) if messages else None


def _plain(d: Decimal) -> str:
    return format(d, "f")


@pytest.mark.parametrize(
    ("text", "taken"),
    [
        ("99999999999999999999", True),
        ("-99999999999999999999.5", True),
        ("100000000000000000000", False),  # 21 integer digits (the audit's case)
        ("123456789012345678901", False),
        ("0.000000000000000001", True),
        ("0.0000000000000000001", False),  # 19 places
        ("12345678901.234567890123456789", False),  # 29 significant digits
        ("12345678901.000000000000000000", True),  # trailing zeros are not digits
        ("1.5000000000000000000000", True),
    ],
)
def test_the_limits_at_their_edges_on_both_surfaces(text: str, taken: bool) -> None:
    scalar, cell = _scalar(Decimal(text)), _cell(text)
    assert (scalar is None, cell is None) == (taken, taken), (scalar, cell)
    if not taken:
        # one wording (the core's), after the value as each surface shows it
        assert scalar is not None and cell is not None
        assert scalar.rsplit("`", 1)[-1] == cell.rsplit("`", 1)[-1], (scalar, cell)


def test_a_typed_decimal_column_is_held_to_the_same_limits() -> None:
    for text, taken in [("99999999999999999999", True), ("100000000000000000000", False)]:
        col = pa.array([Decimal(text)], pa.decimal128(38, 0))
        assert (_cell(col[0].as_py()) is None) == taken
        t = pa.table(
            {"employee": ["e"], "target": col, "actual": pa.array([Decimal(1)], pa.decimal128(38, 0))}
        )
        t = t.append_column("work_result", pa.array(["meets"])).append_column(
            "behaviour", pa.array(["meets"])
        )
        r = kj.score(t, on_error="collect")
        assert (r.errors.num_rows == 0) == taken, r.errors.to_pylist()


def test_scientific_notation_is_exact_in_a_plan_and_refused_in_a_cell() -> None:
    assert _scalar(Decimal("1E+3")) is None
    assert _scalar("1e3") is None
    cell = _cell("1.23457E+06")
    assert cell is not None and "scientific notation" in cell
    # beyond the limits in either notation: refused by the scalar API too
    assert _scalar(Decimal("1E+20")) is not None


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=0, max_value=23),
    st.integers(min_value=0, max_value=21),
    st.integers(min_value=1, max_value=9),
    st.booleans(),
)
def test_a_value_one_surface_takes_the_other_takes(
    int_digits: int, frac_digits: int, lead: int, neg: bool
) -> None:
    digits = str(lead) + "7" * max(int_digits + frac_digits - 1, 0)
    if int_digits == 0:
        text = "0." + "0" * max(frac_digits - len(digits), 0) + digits[: max(frac_digits, 1)]
    else:
        text = digits[:int_digits] + ("." + digits[int_digits:] if frac_digits else "")
    value = Decimal(("-" if neg else "") + text)
    assert (_scalar(value) is None) == (_cell(_plain(value)) is None), text


def test_numbers_past_a_decimal_are_named_by_the_limit_they_pass() -> None:
    """A number too large or too fine for a decimal is refused for the limit it passes, as a
    table cell is, not called "not a decimal number"."""
    with pytest.raises(kj.exceptions.InputError, match=r"`10{29}` is too large: at most 20 digits"):
        kj.achievement(10**29, 1)
    with pytest.raises(kj.exceptions.InputError, match=r"`1E-30` has more than 18 digits after the decimal"):
        kj.achievement(Decimal("1e-30"), 1)
    with pytest.raises(kj.exceptions.InputError, match=r"`90,5` is not a decimal number"):
        kj.achievement(100, "90,5")
