"""``kinerja score`` writes one CSV, byte for byte, whether it streams the file in batches or
reads it whole (a read option): one writer, the table layer's, with one quoting rule."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from kinerja.__main__ import main

pytest.importorskip("pyarrow")

# (employee, indicator, target, actual): values a CSV must quote (a comma, a quote, a line
# break, spaces around, `;` in a `;` file), non-ASCII text, and a bad number (a problem row)
ROWS = [
    ("199001012020121001", "a, b", "100", "90"),
    ("199001012020121001", " spaced ", "100", "100"),
    ('Budi "B", S.Kom', 'q"uote', "100", "80"),
    ("Ani;X", "plain", "100", "95"),
    ("Ñoño 雅", "two\nlines", "100", "abc"),
    ("Ñoño 雅", "ok", "100", "70"),
]
EMPLOYEES = [
    ("199001012020121001", "Dinas, Kesehatan", "meets", "meets"),
    ('Budi "B", S.Kom', "Dinas, Kesehatan", "above", "meets"),
    ("Ani;X", " Unit ;2 ", "meets", "above"),
    ("Ñoño 雅", " Unit ;2 ", "meets", "meets"),
]


def _semicolon_csv(path: Path, header: str, rows: list[tuple[str, ...]]) -> str:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\n")
        w.writerow(header.split(";"))
        w.writerows(rows)
    return str(path)


@pytest.mark.parametrize("whole", [["--delimiter", ";"], ["--number-format", "auto"]])
def test_streamed_and_whole_file_csv_are_the_same_bytes(tmp_path: Path, whole: list[str]) -> None:
    ind = _semicolon_csv(tmp_path / "ind.csv", "employee;indicator;target;actual", ROWS)
    emp = _semicolon_csv(tmp_path / "emp.csv", "employee;unit;work_result;behaviour", EMPLOYEES)
    outs = {}
    for how, extra in [("streamed", ["--batch-rows", "2"]), ("whole", whole)]:
        files = {k: tmp_path / f"{how}-{k}.csv" for k in ("employees", "indicators", "units", "errors")}
        argv = ["score", ind, "--employees", emp, "-q", "--on-error", "collect"]
        argv += ["-o", str(files["employees"]), "--indicators-out", str(files["indicators"])]
        argv += ["--units-out", str(files["units"]), "--errors-out", str(files["errors"])]
        assert main([*argv, *extra]) == 1  # the bad number: one problem, collected
        outs[how] = {k: p.read_bytes() for k, p in files.items()}
    for k in outs["streamed"]:
        assert outs["streamed"][k] == outs["whole"][k], k
    employees = outs["streamed"]["employees"].decode("utf-8")
    assert employees.startswith("employee,unit,"), employees
    # quoted only where needed; a quote doubled; `;` needs none under `,`
    assert '\n"Budi ""B"", S.Kom","Dinas, Kesehatan",' in employees, employees
    assert "\nAni;X,Unit ;2," in employees, employees  # ids are read trimmed
    assert "\r" not in employees and '"ok"' not in employees
    indicators = outs["streamed"]["indicators"].decode("utf-8")
    assert '\nÑoño 雅,"two\nlines",\n' in indicators, indicators
    # and read back, every value as written
    with (tmp_path / "streamed-indicators.csv").open(encoding="utf-8", newline="") as f:
        back = [(r["employee"], r["indicator"]) for r in csv.DictReader(f)]
    assert back == [(e, i.strip()) for e, i, _, _ in ROWS]
