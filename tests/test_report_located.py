"""``kj.report``: an employee whose plan the engine refuses (a zero target, a missing rating)
is an error naming its row, as ``kj.score`` names it: the employee's first row of the indicator
the error names, else the employee's first row, as the file numbers its rows. Raised (``raise``)
or listed in ``Report.errors`` (``collect``), with the employee named once in each language."""

from __future__ import annotations

from pathlib import Path

import pytest

import kinerja as kj
from kinerja.exceptions import KinerjaError

HEAD = "employee,unit,indicator,target,actual,weight,period,work_result,behaviour\n"
# employee `a` first, a blank line (the file's row 2, skipped), then `b`'s rows 3 and 4
ROSTER = HEAD + "a,U,a1,100,90,100,2024,meets,meets\n\nb,U,b1,100,90,50,2024,meets,meets\n{b2}\n"


def _roster(tmp_path: Path, b2: str) -> Path:
    p = tmp_path / "roster.csv"
    p.write_text(ROSTER.format(b2=b2), encoding="utf-8")
    return p


def _place(e: KinerjaError) -> tuple[object, ...]:
    return (e.row, e.employee, e.indicator, e.field)


def _errors_of_b(path: Path) -> list[KinerjaError]:
    """``b``'s error from ``kj.report`` raised and collected."""
    with pytest.raises(KinerjaError) as raised:
        kj.report(str(path), format="html")
    collected = kj.report(str(path), format="html", on_error="collect")
    assert [nip for nip, _ in collected.errors] == ["b"]
    return [raised.value, collected.errors[0][1]]


def test_a_zero_target_of_the_second_indicator_names_its_row_as_score_does(tmp_path: Path) -> None:
    path = _roster(tmp_path, "b,U,b2,0,90,50,2024,meets,meets")
    with pytest.raises(KinerjaError) as scored:
        kj.score(str(path))
    assert _place(scored.value) == (4, "b", "b2", "target")
    for e in _errors_of_b(path):
        assert _place(e) == _place(scored.value), e
        assert str(e).startswith("indicators row 4, employee `b`, indicator `b2`"), e
        assert e.message_id.startswith("tabel indikator baris 4, pegawai `b`, indikator `b2`"), e
        for text in (e.message_en, e.message_id):
            assert text.count("`b`") == 1 and text.count("`b2`") == 1, text


def test_a_missing_rating_names_the_employees_first_row(tmp_path: Path) -> None:
    path = _roster(tmp_path, "b,U,b2,100,90,50,2024,,meets")
    path.write_text(
        path.read_text().replace("b,U,b1,100,90,50,2024,meets,meets", "b,U,b1,100,90,50,2024,,meets")
    )
    for e in _errors_of_b(path):
        assert (e.row, e.employee) == (3, "b"), e
        assert e.field is not None, e
        assert str(e).startswith("indicators row 3, employee `b`"), e


def test_without_a_row_the_employee_is_named_once(tmp_path: Path) -> None:
    """An employee with no indicator row has no row to name; the message names it once (it read
    "employee c: employee `c`: …")."""
    ind = tmp_path / "indicators.csv"
    ind.write_text("employee,unit,indicator,target,actual,period\na,U,a1,100,90,2024\n", encoding="utf-8")
    emp = tmp_path / "employees.csv"
    emp.write_text(
        "employee,unit,period,work_result,behaviour\na,U,2024,meets,meets\nc,U,2024,,meets\n",
        encoding="utf-8",
    )
    with pytest.raises(KinerjaError) as raised:
        kj.report(str(ind), str(emp), format="html", only=["c"])
    e = raised.value
    assert (e.row, e.employee) == (None, "c"), e
    assert e.message_en.count("employee") == 1, e.message_en
    assert e.message_id.count("pegawai") == 1, e.message_id
