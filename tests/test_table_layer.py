"""kj.score and `kinerja score` through the table layer (kinerja-table): files in every format,
Indonesian headers and numbers, the `period` column, collect mode, Excel out — each checked
against values computed here or against the same data in canonical columns."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import kinerja as kj

pa = pytest.importorskip("pyarrow")

EXPORTS = Path(__file__).resolve().parent.parent / "testdata" / "exports"


def _by_employee(table: object) -> dict[str, dict[str, object]]:
    rows = table.to_pylist()  # type: ignore[attr-defined]
    return {r["employee"]: r for r in rows}


def test_indonesian_export_scores_as_its_canonical_twin_in_every_format() -> None:
    bkpsdm = kj.score(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect")
    canonical = kj.score(str(EXPORTS / "skp_canonical.csv"), on_error="collect")
    parquet = kj.score(EXPORTS / "skp.parquet", on_error="collect")
    assert bkpsdm.employees.equals(canonical.employees)
    assert bkpsdm.employees.equals(parquet.employees)
    assert bkpsdm.errors.equals(canonical.errors)
    emp = _by_employee(bkpsdm.employees)
    # 97,5 of 100 (weight 40) and 1.080 of 1.200 (weight 60): (97.5*40 + 90*60) / 100 = 93.00
    assert emp["198701012010011001"]["weighted_achievement"] == Decimal("93.00")
    assert emp["198701012010011001"]["predicate"] == "good"
    # an employee whose year is not covered is an error row, never a guess
    assert emp["199203102015032003"]["status"] == "error"
    assert emp["199203102015032003"]["predicate"] is None
    rows = sorted(bkpsdm.errors.column("row").to_pylist())
    assert rows == [5, 7]


def test_ambiguous_number_is_a_located_error_naming_the_option() -> None:
    with pytest.raises(kj.exceptions.InputError) as e:
        kj.score(EXPORTS / "skp_bkpsdm.csv")
    assert e.value.row == 1
    assert "number_format" in str(e.value) or "number format" in str(e.value)


def test_period_rows_are_aggregated_as_evaluate_does(tmp_path: Path) -> None:
    # quarters 95 and 90 of a cumulative indicator with declared quarter targets of 100
    ind = pa.table(
        {
            "employee": ["a", "a"],
            "indicator": ["i1", "i1"],
            "target": ["400", "400"],
            "period_target": ["100", "100"],
            "period": ["2024-Q1", "2024-Q2"],
            "actual": ["95", "90"],
        }
    )
    emp = pa.table({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    res = kj.score(ind, emp, period="2024-S1")
    assert res.employees.column("weighted_achievement").to_pylist() == [Decimal("92.50")]
    assert res.indicators.column("period").to_pylist() == ["2024-S1"]
    # without a declared period target, a semester of a cumulative count is refused, not pro-rated
    with pytest.raises(kj.KinerjaError, match="prorate_cumulative"):
        kj.score(ind.drop_columns(["period_target"]), emp, period="2024-S1")


def test_frames_rows_are_positions_and_collect_scores_the_rest() -> None:
    ind = pa.table(
        {
            "employee": ["a", "b", "b"],
            "indicator": ["a1", "b1", "b2"],
            "target": ["100", "1.200", "100"],
            "actual": ["90", "5", "90"],
            "nama": ["x", "y", "y"],
        }
    )
    emp = pa.table({"employee": ["a", "b"], "work_result": ["meets"] * 2, "behaviour": ["meets"] * 2})
    res = kj.score(ind, emp, on_error="collect", columns={"nama": "name"})
    assert res.employees.column("ok").to_pylist() == [True, False]
    err = res.errors.to_pylist()[0]
    assert (err["table"], err["row"], err["employee"], err["field"], err["value"]) == (
        "indicators",
        1,
        "b",
        "target",
        "1.200",
    )


def test_misspelt_column_is_refused() -> None:
    ind = pa.table({"employee": ["a"], "target": [100], "actaul": [90], "period": ["2024"]})
    with pytest.raises(kj.KinerjaError, match="actaul"):
        kj.score(ind)


def test_a_table_problem_names_its_table() -> None:
    ind = pa.table({"employee": ["a", "b"], "target": [100, 100], "actual": [90, 95]})
    emp = pa.table(
        {"employee": ["a", "b"], "work_result": ["meets"] * 2, "behaviour": ["meets", "sometimes"]}
    )
    with pytest.raises(kj.KinerjaError) as raised:
        kj.score(ind, emp)
    e = raised.value
    assert (e.table, e.row, e.field, e.employee) == ("employees", 1, "behaviour", "b")
    assert str(e).startswith("employees row 1")
    # the first problem in row order, a cell's or a row's: without work results, employee a's
    # missing one (row 0) comes before b's unreadable behaviour (row 1)
    with pytest.raises(kj.KinerjaError) as raised:
        kj.score(ind, emp.drop_columns(["work_result"]))
    e = raised.value
    assert (e.table, e.row, e.field, e.employee) == ("employees", 0, "work_result", "a")
    bad_header = pa.table({"employee": ["a"], "target": [100], "actaul": [90]})
    with pytest.raises(kj.KinerjaError) as raised:
        kj.score(bad_header)
    assert raised.value.table == "indicators"
    # errors outside the tables have no table, also those raised from Python
    with pytest.raises(kj.KinerjaError) as period:
        kj.Period("2024-Q9")
    assert period.value.table is None
    assert kj.KinerjaError("x").table is None


def _score_columns_of(frame: list[dict[str, Any]], table: pa.Table, key: tuple[str, ...]) -> None:
    """``frame`` (evaluate_frame rows) starts with exactly ``table``'s columns (kj.score), in
    its order, holding the same values for the same keys."""
    cols = table.column_names
    assert frame and all(list(r)[: len(cols)] == cols for r in frame), (list(frame[0]), cols)
    mine = {tuple(r[k] for k in key): {c: r[c] for c in cols} for r in frame}
    theirs = {tuple(r[k] for k in key): r for r in table.to_pylist()}
    assert len(mine) == len(frame) and len(theirs) == table.num_rows
    assert mine == theirs


def test_evaluate_frame_gives_score_columns_and_values_first() -> None:
    """For the same input and detail level, evaluate_frame's first columns are exactly
    kj.score's (same order, same values); the explanation follows."""
    rules = kj.datasets.kupang_rules()
    for sector in ("health", "education"):
        ind, emp = kj.datasets.kupang_frames("pyarrow", sector=sector)
        res = kj.score(ind, emp, rules=rules)
        frame = kj.evaluate_frame(ind, emp, rules=rules).to_pylist()
        _score_columns_of(frame, res.employees, ("employee",))
        assert {"name", "predicate_label", "notes", "error"} <= set(frame[0])
        by_ind = kj.evaluate_frame(ind, emp, rules=rules, detail="indicator").to_pylist()
        _score_columns_of(by_ind, res.indicators, ("employee", "indicator"))
    # an export with problems, collected: the same statuses, and no score where there is none
    scored = kj.score(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect")
    frame = kj.evaluate_frame(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect").to_pylist()
    _score_columns_of(frame, scored.employees, ("employee",))
    assert {r["status"] for r in frame} >= {"ok", "error"}


def test_weights_not_adding_up_are_flagged_by_the_scalar_evaluation() -> None:
    ind = pa.table(
        {
            "employee": ["a", "a"],
            "indicator": ["i1", "i2"],
            "target": [100, 100],
            "actual": [90, 110],
            "weight": [30, 30],
            "period": ["2024", "2024"],
        }
    )
    emp = pa.table(
        {
            "employee": ["a"],
            "unit": ["u"],
            "post_type": ["executor"],
            "work_result": ["meets"],
            "behaviour": ["meets"],
        }
    )
    frame = kj.evaluate_frame(ind, emp, period="2024").to_pylist()
    assert frame[0]["weights_normalised"] is True
    assert kj.score(ind, emp).employees["weights_normalised"].to_pylist() == [True]


def test_to_excel_writes_every_sheet(tmp_path: Path) -> None:
    res = kj.score(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect")
    out = tmp_path / "hasil.xlsx"
    res.to_excel(out, lang="id")
    with zipfile.ZipFile(out) as z:
        book = z.read("xl/workbook.xml").decode()
        shared = z.read("xl/sharedStrings.xml").decode()
    for sheet in ("employees", "indicators", "units", "problems"):
        assert f'name="{sheet}"' in book
    assert "Baik" in shared


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "kinerja", "score", *args], capture_output=True, text=True)


def test_cli_scores_an_indonesian_export_to_excel_and_csv(tmp_path: Path) -> None:
    xlsx, csv = tmp_path / "hasil.xlsx", tmp_path / "hasil.csv"
    src = str(EXPORTS / "skp_bkpsdm.csv")
    r = _cli(src, "--number-format", "id", "--on-error", "collect", "-o", str(xlsx), "--lang", "en")
    assert r.returncode == 1, r.stderr  # problems were collected
    assert len(r.stderr.strip().splitlines()) == 1
    with zipfile.ZipFile(xlsx) as z:
        assert "Good" in z.read("xl/sharedStrings.xml").decode()
    r = _cli(src, "--number-format", "id", "--on-error", "collect", "-o", str(csv))
    assert r.returncode == 1, r.stderr
    lines = csv.read_text().splitlines()
    assert lines[0].startswith("employee,")
    assert any(line.startswith("198701012010011001,") and ",93.00," in line for line in lines)


@pytest.mark.parametrize("compression", ["snappy", "zstd", "gzip", "lz4", "none"])
def test_parquet_of_every_common_compression_is_read(tmp_path: Path, compression: str) -> None:
    """Parquet as pandas/pyarrow (snappy), polars (zstd) and other tools (gzip, lz4) write it."""
    pq = pytest.importorskip("pyarrow.parquet")
    src = tmp_path / f"skp-{compression}.parquet"
    pq.write_table(pq.read_table(EXPORTS / "skp.parquet"), src, compression=compression)
    want = kj.score(EXPORTS / "skp.parquet", on_error="collect").employees
    assert kj.score(src, on_error="collect").employees.equals(want)
    out = tmp_path / "out.csv"
    r = _cli(str(src), "--on-error", "collect", "-o", str(out))
    assert r.returncode == 1, r.stderr  # the export's two problem rows
    assert any(",93.00," in line for line in out.read_text().splitlines())


def test_cli_ambiguous_number_is_one_line_and_exit_data(tmp_path: Path) -> None:
    out = tmp_path / "x.csv"
    r = _cli(str(EXPORTS / "skp_bkpsdm.csv"), "--delimiter", ";", "-o", str(out))
    assert r.returncode == 3, r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    assert "Traceback" not in r.stderr
    assert not out.exists()


def test_rounding_order_knob_on_every_surface() -> None:
    """rounding.mean_inputs: 10.005 % and 20.0049 % average to 15.00 exactly, 15.01 from the
    rounded 10.01 and 20.00 — the same on the scalar API, the kernel path and the table layer."""
    rules = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(
        kj.Policy(rounding={"mean_inputs": "rounded"})
    )
    ind = pa.table({"employee": ["e1", "e1"], "target": ["1000", "10000"], "actual": ["100.05", "2000.49"]})
    emp = pa.table({"employee": ["e1"], "work_result": ["meets"], "behaviour": ["meets"]})
    assert kj.score(ind, emp).employees["weighted_achievement"].to_pylist() == [Decimal("15.00")]
    assert kj.score(ind, emp, rules=rules).employees["weighted_achievement"].to_pylist() == [Decimal("15.01")]
    long = ind.append_column("period", pa.array(["2024", "2024"]))
    assert kj.score(long, emp, rules=rules).employees["weighted_achievement"].to_pylist() == [
        Decimal("15.01")
    ]
    plan = kj.Plan.from_dict(
        {
            "employee": {"id": "e1", "name": "A", "unit": "u1", "post_type": "executor"},
            "year": 2024,
            "results": [
                {
                    "id": "r1",
                    "description": "R",
                    "indicators": [
                        {"id": "i1", "name": "I1", "target": "1000"},
                        {"id": "i2", "name": "I2", "target": "10000"},
                    ],
                }
            ],
            "realisations": [
                {"indicator": "i1", "period": "2024", "actual": "100.05"},
                {"indicator": "i2", "period": "2024", "actual": "2000.49"},
            ],
            "assessments": [{"period": "2024", "work_result": "meets", "behaviour": {"overall": "meets"}}],
        }
    )
    assert kj.evaluate(plan, "2024", rules).weighted_achievement == Decimal("15.01")


def test_cli_csv_numbers_are_exact_text_not_floats(tmp_path: Path) -> None:
    """A 21-digit actual keeps its digits (float64 would give 100.01), and a decimal in a
    column whose first rows look integral is read (no type inferred from a first block)."""
    src = tmp_path / "ind.csv"
    rows = ["employee,indicator,target,actual,work_result,behaviour"]
    rows += [f"e{i},i1,100,90,meets,meets" for i in range(2000)]
    rows += ["x,i1,100,100.004999999999999999,meets,meets", "y,i1,100,92.5,meets,meets"]
    src.write_text("\n".join(rows) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    r = _cli(str(src), "-o", str(out), "-q")
    assert r.returncode == 0, r.stderr
    lines = {line.split(",")[0].strip('"'): line for line in out.read_text().splitlines()}
    assert ",100.00," in lines["x"]  # 100.004999… rounds to 100.00, not 100.01
    assert ",92.50," in lines["y"]


def test_evaluate_frame_reads_paths_as_score_does() -> None:
    frame = kj.evaluate_frame(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect")
    scored = kj.score(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect")
    by_frame = {r["employee"]: r for r in frame.to_pylist()}
    for row in scored.employees.to_pylist():
        got = by_frame[row["employee"]]
        assert got["weighted_achievement"] == row["weighted_achievement"], row["employee"]
        assert got["predicate"] == row["predicate"], row["employee"]
        assert (got["error"] is None) == (row["status"] == "ok"), row["employee"]
    assert by_frame["198701012010011001"]["weighted_achievement"] == Decimal("93.00")


def test_evaluate_frame_honours_period_targets_like_score() -> None:
    ind = pa.table(
        {
            "employee": ["a", "a"],
            "indicator": ["i1", "i1"],
            "target": ["400", "400"],
            "period_target": ["100", "100"],
            "period": ["2024-Q1", "2024-Q2"],
            "actual": ["95", "90"],
        }
    )
    emp = pa.table(
        {
            "employee": ["a"],
            "unit": ["u1"],
            "post_type": ["executor"],
            "work_result": ["meets"],
            "behaviour": ["meets"],
            "period": ["2024-S1"],
        }
    )
    frame = kj.evaluate_frame(ind, emp, period="2024-S1").to_pylist()
    assert frame[0]["weighted_achievement"] == Decimal("92.50")
    assert kj.score(ind, emp, period="2024-S1").employees["weighted_achievement"].to_pylist() == [
        Decimal("92.50")
    ]


def test_frames_as_pandas_users_hold_them() -> None:
    """Nullable Int64 codes and integral float codes with NaN (what pandas makes of a code
    column with a gap) are read as codes; the same numbers give the same achievements."""
    pd = pytest.importorskip("pandas")
    emp = pd.DataFrame({"employee": ["a"], "work_result": ["meets"], "behaviour": ["meets"]})
    base = {"employee": ["a", "a"], "target": [100.0, 80.0], "actual": [90.0, 70.0]}
    as_int = kj.score(pd.DataFrame({**base, "polarity": pd.array([0, None], dtype="Int64")}), emp)
    as_float = kj.score(pd.DataFrame({**base, "polarity": [0.0, float("nan")]}), emp)
    # 90 / 100 = 90.00; 70 / 80 = 87.50 (null polarity: higher is better); mean 88.75
    for res in (as_int, as_float):
        assert [str(x) for x in res.indicators["achievement"]] == ["90.00", "87.50"]
        assert [str(x) for x in res.employees["weighted_achievement"]] == ["88.75"]
    with pytest.raises(kj.KinerjaError, match="polarity"):
        kj.score(pd.DataFrame({**base, "polarity": [0.5, 1.0]}), emp)


def test_cli_reads_xlsx_sheets_tsv_and_mapped_headers(tmp_path: Path) -> None:
    """The same rows as an XLSX sheet (chosen with --sheet), a tab-separated file (--delimiter
    tab) and a CSV with a header mapped by --column give the same employee results."""
    from kinerja import _kinerja as native

    table = pa.table(
        {
            "NIP": ["198701012010011001", "198701012010011001"],
            "Indikator": ["a", "b"],
            "Target": ["100", "80"],
            "Capaian Riil": ["91.2", "90"],
            "Hasil Kerja": ["Di Atas Ekspektasi", "Di Atas Ekspektasi"],
            "Perilaku": ["Sesuai Ekspektasi", "Sesuai Ekspektasi"],
        }
    )
    book = tmp_path / "skp.xlsx"
    native._write_workbook([("catatan", pa.table({"x": ["-"]})), ("skp", table)], str(book))
    tsv = tmp_path / "skp.txt"
    tsv.write_text(
        "\n".join(
            ["\t".join(table.column_names)] + ["\t".join(map(str, r.values())) for r in table.to_pylist()]
        )
        + "\n",
        encoding="utf-8",
    )
    outs = []
    for args in (
        [str(book), "--sheet", "skp"],
        [str(tsv), "--delimiter", "tab"],
    ):
        out = tmp_path / f"out{len(outs)}.csv"
        r = _cli(*args, "--column", "Capaian Riil=actual", "-o", str(out))
        assert r.returncode == 0, r.stderr
        outs.append(out.read_text())
    assert outs[0] == outs[1]
    # 91.2 / 100 = 91.20; 90 / 80 = 112.50; mean 101.85 (kj.score's doctest), Baik
    assert "101.85" in outs[0] and "good" in outs[0]
    r = _cli(
        str(book), "--sheet", "tidak-ada", "--column", "Capaian Riil=actual", "-o", str(tmp_path / "x.csv")
    )
    assert r.returncode == 3 and "tidak-ada" in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_columns_not_read_are_reported(tmp_path: Path) -> None:
    res = kj.score(EXPORTS / "skp_bkpsdm.csv", number_format="id", on_error="collect")
    assert res.ignored_columns == {"indicators": ["No"]}
    src = str(EXPORTS / "skp_bkpsdm.csv")
    out = _cli(src, "--number-format", "id", "--on-error", "collect", "-o", str(tmp_path / "o.csv"))
    assert "(columns not read: indicators: No)" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1


def _weights_tables() -> tuple[Any, Any]:
    ind = pa.table(
        {
            "employee": ["a", "a", "b", "b", "c", "c"],
            "indicator": ["i1", "i2", "i1", "i2", "i1", "i2"],
            "target": pa.array([100, 100, 100, 100, 100, 100], pa.float64()),
            "actual": pa.array([90, 120, 90, 120, 90, 120], pa.float64()),
            "weight": pa.array([40, 60, 30, 30, 33.3, 66.6], pa.float64()),
        }
    )
    emp = pa.table({"employee": ["a", "b", "c"], "work_result": ["meets"] * 3, "behaviour": ["meets"] * 3})
    return ind, emp


def test_weights_off_100_are_flagged_on_every_path_as_the_scalar_notes_them(tmp_path: Path) -> None:
    ind, emp = _weights_tables()
    direct = kj.score(ind, emp)
    # the same tables as files go through the table layer
    import pyarrow.csv as pacsv

    pacsv.write_csv(ind, tmp_path / "ind.csv")
    pacsv.write_csv(emp, tmp_path / "emp.csv")
    layered = kj.score(str(tmp_path / "ind.csv"), str(tmp_path / "emp.csv"))
    for res in (direct, layered):
        got = {r["employee"]: r for r in res.employees.to_pylist()}
        assert {k: v["weights_normalised"] for k, v in got.items()} == {"a": False, "b": True, "c": True}
        # (30 × 90 + 30 × 120) / 60 = 105.00: normalised, not (30 × 90 + 30 × 120) / 100
        assert got["b"]["weighted_achievement"] == Decimal("105.00")
    full = emp.append_column("post_type", pa.array(["executor"] * 3))
    full = full.append_column("name", pa.array(["A", "B", "C"])).append_column("unit", pa.array(["u"] * 3))
    frame = kj.evaluate_frame(ind.append_column("period", pa.array(["2024"] * 6)), full, period="2024")
    notes = {r["employee"]: r["notes"] or "" for r in frame.to_pylist()}
    assert ["bukan 100" in notes[k] for k in ("a", "b", "c")] == [False, True, True]
    # --number-format sends the CLI through the table layer
    args = ("--employees", str(tmp_path / "emp.csv"), "--number-format", "plain")
    r = _cli(str(tmp_path / "ind.csv"), *args, "-o", str(tmp_path / "o.csv"))
    assert r.returncode == 0, r.stderr
    assert "2 with weights not adding up to 100" in r.stderr
    assert "weights_normalised" in (tmp_path / "o.csv").read_text().splitlines()[0]
    # the streaming path (plain CSV in and out) says the same
    r = _cli(str(tmp_path / "ind.csv"), "-o", str(tmp_path / "o2.csv"), *args[:2])
    assert "2 with weights not adding up to 100" in r.stderr, r.stderr


def test_kupang_frames_under_the_national_default_name_what_needs_the_kupang_policy() -> None:
    ind, emp = kj.datasets.kupang_frames("pyarrow")
    with pytest.raises(kj.KinerjaError, match="zero_target"):
        kj.score(ind, emp)
    res = kj.score(ind, emp, on_error="collect")
    assert res.errors.num_rows == 4
    messages = " ".join(res.errors.column("message").to_pylist())
    assert "zero_target" in messages and messages.count("advisory bands") == 3
    statuses = res.employees.column("status").to_pylist()
    assert statuses.count("error") == 4 and statuses.count("ok") == len(statuses) - 4
    assert kj.score(ind, emp, rules=kj.datasets.kupang_rules()).errors.num_rows == 0
