"""Readable chart labels: Rupiah tick text and tick labels wrapped at word boundaries.

The plotting helpers (:func:`kinerja.followup.plot_tpp`, :func:`kinerja.followup.plot_watchlist`,
:func:`kinerja.org.plot_distribution`) use these; they need no matplotlib themselves, except
:func:`rupiah_formatter`.

>>> rupiah(7_500_000)
'Rp 7,5 jt'
>>> rupiah(7_500_000, lang="en")
'Rp 7.5 mn'
>>> wrap_label("Persentase ibu hamil mendapat pelayanan sesuai standar", 24)
'Persentase ibu hamil\\nmendapat pelayanan\\nsesuai standar'
"""

from __future__ import annotations

import textwrap
from decimal import Decimal
from typing import Any

__all__ = ["rupiah", "rupiah_formatter", "wrap_label"]

#: (size, Indonesian unit, English unit), largest first: triliun, miliar, juta, ribu.
_UNITS = (
    (10**12, "T", "tn"),
    (10**9, "M", "bn"),
    (10**6, "jt", "mn"),
    (10**3, "rb", "k"),
)
_CENT = Decimal("0.01")


def rupiah(value: float | int | Decimal, lang: str = "id") -> str:
    """A Rupiah amount as short tick text: ``Rp 7,5 jt`` (``lang="en"``: ``Rp 7.5 mn``).

    Amounts of a thousand or more are given in ribu / juta / miliar / triliun (``rb``, ``jt``,
    ``M``, ``T``; in English ``k``, ``mn``, ``bn``, ``tn``) with at most two decimals and no
    trailing zeros; the decimal mark is a comma in Indonesian and a point in English. For axis
    labels only: the amounts themselves stay exact in the results."""
    amount = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
    sign = "-" if amount < 0 else ""
    amount = abs(amount)
    shown, unit = amount.quantize(_CENT), ""
    for i, (size, unit_id, unit_en) in enumerate(_UNITS):
        if amount >= size:
            shown, unit = (amount / size).quantize(_CENT), unit_id if lang == "id" else unit_en
            if shown >= 1000 and i > 0:  # rounded up to the next unit: 999,999 is "1 jt", not "1000 rb"
                bigger = _UNITS[i - 1]
                shown = (amount / bigger[0]).quantize(_CENT)
                unit = bigger[1] if lang == "id" else bigger[2]
            unit = " " + unit
            break
    text = f"{shown:f}".rstrip("0").rstrip(".")
    if lang == "id":
        text = text.replace(".", ",")
    return f"{sign}Rp {text}{unit}"


def rupiah_formatter(lang: str = "id") -> Any:
    """A matplotlib ``FuncFormatter`` writing each tick with :func:`rupiah` (so the axis has no
    ``1e6`` offset). Use ``ax.yaxis.set_major_formatter(rupiah_formatter())``."""
    from matplotlib.ticker import FuncFormatter

    return FuncFormatter(lambda value, _pos: rupiah(value, lang))


def wrap_label(text: str, width: int = 24) -> str:
    """``text`` on lines of at most ``width`` characters, broken at spaces (and after ``/``),
    never inside a word: a word longer than ``width`` stays whole on its own line."""
    # A marked space after each slash is a break point; where no line breaks there, it goes.
    spaced = text.replace("/", "/\x00 ")
    lines = textwrap.wrap(spaced, width, break_long_words=False, break_on_hyphens=False)
    return "\n".join(line.replace("\x00 ", "").replace("\x00", "") for line in lines)
