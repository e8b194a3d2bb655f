"""Readable charts: Rupiah tick text, labels wrapped at word boundaries, no axis offset."""

from __future__ import annotations

from decimal import Decimal

import pytest

import kinerja as kj
from kinerja import followup
from kinerja.charts import rupiah, rupiah_formatter, wrap_label

LONG = "Persentase ibu hamil mendapat pelayanan sesuai standar"


@pytest.mark.parametrize(
    ("value", "lang", "text"),
    [
        (7_500_000, "id", "Rp 7,5 jt"),
        (7_500_000, "en", "Rp 7.5 mn"),
        (7_000_000.0, "id", "Rp 7 jt"),
        (Decimal("7250000"), "id", "Rp 7,25 jt"),
        (0, "id", "Rp 0"),
        (500, "id", "Rp 500"),
        (1_500, "id", "Rp 1,5 rb"),
        (999_999, "id", "Rp 1 jt"),  # rounds up into the next unit, never "1000 rb"
        (1_250_000_000, "id", "Rp 1,25 M"),
        (1_250_000_000, "en", "Rp 1.25 bn"),
        (-3_000_000, "id", "-Rp 3 jt"),
    ],
)
def test_rupiah_tick_text(value: int | float | Decimal, lang: str, text: str) -> None:
    assert rupiah(value, lang) == text


def test_rupiah_formatter_writes_each_tick() -> None:
    pytest.importorskip("matplotlib")
    fmt = rupiah_formatter()
    assert fmt(7_500_000, 0) == "Rp 7,5 jt"
    assert rupiah_formatter("en")(2_000_000, 1) == "Rp 2 mn"


def test_wrap_label_breaks_between_words_only() -> None:
    wrapped = wrap_label(LONG, 24)
    lines = wrapped.split("\n")
    assert lines == ["Persentase ibu hamil", "mendapat pelayanan", "sesuai standar"]
    assert all(len(line) <= 24 for line in lines)
    assert " ".join(lines).split() == LONG.split()  # every word whole, none cut


def test_wrap_label_long_word_slash_and_short_text() -> None:
    assert wrap_label("Pertanggungjawaban keuangan", 12) == "Pertanggungjawaban\nkeuangan"
    assert wrap_label("Sangat Kurang/Kurang", 12) == "Sangat\nKurang/\nKurang"
    assert wrap_label("Sangat Baik", 12) == "Sangat Baik"
    assert wrap_label("a/b c", 40) == "a/b c"


def test_charts_are_readable(roster, kupang_rules) -> None:
    mpl = pytest.importorskip("matplotlib")
    mpl.use("Agg")
    import matplotlib.pyplot as plt

    plans = roster["plans"]
    evs = kj.evaluate_all(plans, "2024", kupang_rules)
    res = [
        kj.tpp(
            {
                "employee": ev.employee,
                "period": "2024-12",
                "job_class": followup.example_job_class(p),
                "predicate": ev.predicate,
            },
            kupang_rules,
        )
        for p, ev in zip(plans, evs, strict=True)
    ]
    ax = followup.plot_tpp(res)
    ax.figure.canvas.draw()
    ticks = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert ticks and all(t.startswith("Rp ") for t in ticks), ticks
    assert ax.yaxis.get_offset_text().get_text() == ""  # no "1e6" above the axis
    assert ax.get_xticklabels()[0].get_rotation() == 45

    w = kj.watchlist(plans, "2024-06", kupang_rules)
    ax = followup.plot_watchlist(w)
    ax.figure.canvas.draw()
    names = {item["name"] for item in w.items}
    for label in (t.get_text() for t in ax.get_yticklabels()):
        name = label.split(" · ", 1)[1].replace("\n", " ")
        assert name in names, f"{name!r} is not a whole indicator name"
    plt.close("all")
