"""``python -m kinerja score``: CSV / Parquet files scored in streamed batches."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

import kinerja as kj
from kinerja.__main__ import main

pa = pytest.importorskip("pyarrow")
pacsv = pytest.importorskip("pyarrow.csv")
pq = pytest.importorskip("pyarrow.parquet")


KUPANG = "policies/kupang-2024.example.toml"


@pytest.fixture(scope="module")
def roster() -> dict:
    return kj.datasets.synthetic(employees=300, indicators_per_employee=3, seed=7, library="pyarrow")


def _write(table, path: Path) -> str:
    if path.suffix == ".csv":
        pacsv.write_csv(table, str(path))
    else:
        pq.write_table(table, str(path))
    return str(path)


def _read(path: str):
    return pacsv.read_csv(path) if path.endswith(".csv") else pq.read_table(path)


@pytest.mark.parametrize("fmt", [".csv", ".parquet"])
def test_streamed_batches_equal_one_call(roster, tmp_path: Path, fmt: str) -> None:
    ind = _write(roster["indicators"], tmp_path / f"ind{fmt}")
    emp = _write(roster["employees"], tmp_path / "emp.parquet")
    units = _write(roster["units"], tmp_path / "units.csv")
    out = str(tmp_path / f"out{fmt}")
    uout = str(tmp_path / "units_out.parquet")
    rc = main(
        [
            "score",
            ind,
            "--employees",
            emp,
            "--units",
            units,
            "-o",
            out,
            "--units-out",
            uout,
            "--batch-rows",
            "100",
            "-q",
            "--rules",
            KUPANG,
        ]
    )
    assert rc == 0
    got = _read(out)
    want = kj.score(
        _read(ind), employees=_read(emp), units=_read(units), rules=kj.datasets.kupang_rules()
    ).employees
    assert got.num_rows == want.num_rows == 300
    assert (
        got.column("employee").cast(pa.string()).to_pylist()
        == want.column("employee").cast(pa.string()).to_pylist()
    )
    assert got.column("predicate").to_pylist() == want.column("predicate").to_pylist()
    # CSV loses the decimal type (110.40 reads back as the number 110.4): compare as decimals
    g = [None if v is None else Decimal(str(v)) for v in got.column("weighted_achievement").to_pylist()]
    w = [None if v is None else Decimal(str(v)) for v in want.column("weighted_achievement").to_pylist()]
    assert g == w
    counts = pq.read_table(uout)
    assert counts.num_rows == pc_unique(want)


def pc_unique(employees) -> int:
    import pyarrow.compute as pc

    return len(pc.unique(employees.column("unit")))


def test_malformed_file_and_rows(roster, tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text('employee,target,actual\n"x,1\n', encoding="utf-8")
    assert main(["score", str(bad), "-o", str(tmp_path / "o.csv"), "-q"]) == 3  # bad data
    assert "bad.csv" in capsys.readouterr().err
    assert main(["score", str(tmp_path / "missing.parquet"), "-o", str(tmp_path / "o.csv"), "-q"]) == 4
    assert main(["score", str(bad), "-o", str(tmp_path / "o.xyz"), "-q"]) == 2
    assert "unknown file type" in capsys.readouterr().err
    # A zero target in one row: `raise` stops with the row; `collect` writes the problem.
    ind = roster["indicators"]
    targets = ind.column("target").to_pylist()
    targets[4] = 0.0
    broken = ind.set_column(ind.column_names.index("target"), "target", pa.array(targets, pa.float64()))
    path = _write(broken, tmp_path / "broken.parquet")
    emp = _write(roster["employees"], tmp_path / "emp.parquet")
    assert main(["score", path, "--employees", emp, "-o", str(tmp_path / "o.parquet"), "-q"]) == 3
    # the file's data row, from 1 (as `kj.score(path)` and the server number it): the fifth
    assert "broken.parquet: row 5, employee `" in capsys.readouterr().err
    with pytest.raises(kj.KinerjaError, match="^indicators row 5, "):
        kj.score(path, emp)
    errs = str(tmp_path / "errors.csv")
    rc = main(
        [
            "score",
            path,
            "--employees",
            emp,
            "-o",
            str(tmp_path / "o.parquet"),
            "-q",
            "--on-error",
            "collect",
            "--errors-out",
            errs,
            "--batch-rows",
            "50",
        ]
    )
    assert rc == 1  # problems were collected (and written)
    e = pacsv.read_csv(errs)
    assert e.num_rows >= 1 and 5 in e.column("row").to_pylist()  # in a later batch of 50 rows too
    assert _read(str(tmp_path / "o.parquet")).num_rows == 300


def test_rows_must_be_grouped_by_employee(roster, tmp_path: Path, capsys) -> None:
    ind = roster["indicators"]
    order = (
        list(range(0, ind.num_rows, 3)) + list(range(1, ind.num_rows, 3)) + list(range(2, ind.num_rows, 3))
    )
    path = _write(ind.take(pa.array(order)), tmp_path / "shuffled.parquet")
    emp = _write(roster["employees"], tmp_path / "emp.parquet")
    units = _write(roster["units"], tmp_path / "units.parquet")
    out = tmp_path / "o.csv"
    args = ["score", path, "--employees", emp, "--units", units, "-o", str(out), "-q", "--batch-rows", "100"]
    assert main([*args, "--rules", KUPANG]) == 3
    assert "not contiguous" in capsys.readouterr().err
    # nothing half-written: neither the output nor a temporary file is left behind
    assert not out.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith((".partial", ".kinerja-tmp"))]


def test_rules_argument(tmp_path: Path) -> None:
    from kinerja.cli_score import CliError, resolve_rules

    assert resolve_rules("pp-46-2011").id == "pp-46-2011"
    assert resolve_rules("policies/kupang-2024.example.toml").policy.id == "kupang-2024-example"
    with pytest.raises(CliError):
        resolve_rules("dp3")
    bad = tmp_path / "p.toml"
    bad.write_text("unknown = 1\n", encoding="utf-8")
    with pytest.raises(CliError, match="unknown"):
        resolve_rules(str(bad))


def test_units_out_checks_the_curve_on_the_totals(roster, tmp_path: Path) -> None:
    """Units split across batches get one verdict, equal to a single kj.score call's."""
    ind = _write(roster["indicators"], tmp_path / "ind.parquet")
    emp = _write(roster["employees"], tmp_path / "emp.parquet")
    units = _write(roster["units"], tmp_path / "units.parquet")
    uout = str(tmp_path / "units_out.csv")
    args = ["score", ind, "--employees", emp, "--units", units, "-o", str(tmp_path / "o.parquet")]
    assert main([*args, "--units-out", uout, "--batch-rows", "37", "-q", "--rules", KUPANG]) == 0
    got = {r["unit"]: r for r in pacsv.read_csv(uout).to_pylist()}
    want = kj.score(
        _read(ind), employees=_read(emp), units=_read(units), rules=kj.datasets.kupang_rules()
    ).units
    assert len(got) == want.num_rows
    cols = [
        "org_predicate",
        "very_good",
        "good",
        "needs_improvement",
        "heads_excluded",
        "distribution_passed",
        "violations",
        "violated",
        "violated_id",
    ]
    for w in want.to_pylist():
        g = got[w["unit"]]
        assert {c: g[c] for c in cols} == {c: w[c] for c in cols}, w["unit"]
    assert any(r["distribution_passed"] is False for r in got.values())


@pytest.mark.parametrize("fmt", [".csv", ".parquet"])
def test_rows_in_later_batches_are_named_as_kj_score_names_them(tmp_path: Path, fmt: str, capsys) -> None:
    """A problem in the third batch of a streamed file names the file's data row (from 1) and
    says the same as `kj.score` on the whole file: in the one-line error, in the errors file
    and inside the message (a repeated employee column names both of its rows)."""
    n = 300
    rows = {
        "employee": [f"e{i // 3:03d}" for i in range(n)],
        "target": ["100"] * n,
        "actual": ["90"] * n,
        "work_result": ["meets"] * n,
        "behaviour": ["meets"] * n,
    }
    rows["actual"][136] = "abc"  # data row 137, in the third batch of 50
    rows["work_result"][203] = "above"  # employee e067: data rows 202–204, the last says "above"
    path = _write(pa.table(rows), tmp_path / f"ind{fmt}")
    base = ["score", path, "--batch-rows", "50", "-o", str(tmp_path / "o.csv")]
    args = [*base, "-q", "--on-error", "collect", "--errors-out", str(tmp_path / "e.csv")]
    assert main(args) == 1
    errors = pacsv.read_csv(str(tmp_path / "e.csv")).to_pylist()
    collected = kj.score(path, on_error="collect").errors.to_pylist()
    assert [(e["table"], e["row"]) for e in errors] == [("indicators", 137), ("indicators", 204)]
    assert [e["message"] for e in errors] == [e["message"] for e in collected]
    assert 'on row 202 but "above" on row 204' in errors[1]["message"]
    # the one-line error is `kj.score`'s message with the file's name for the table's
    capsys.readouterr()
    assert main([*base, "-q"]) == 3
    with pytest.raises(kj.KinerjaError) as raised:
        kj.score(path)
    assert str(raised.value).startswith('indicators row 137, column `actual`, value "abc"')
    line = str(raised.value).replace("indicators row", f"{path}: row", 1)
    assert capsys.readouterr().err == f"kinerja score: error: {line}\n"
    before = kj.error_lang()
    kj.set_error_lang("id")  # and in Bahasa Indonesia
    try:
        assert main([*base, "-q"]) == 3
    finally:
        kj.set_error_lang(before)
    assert f"kinerja score: kesalahan: {path}: baris 137, kolom `actual`" in capsys.readouterr().err


def test_kernel_problems_in_later_batches_name_the_files_rows(roster, tmp_path: Path, capsys) -> None:
    """Typed files (Parquet) are scored on the direct kernel path; its problems are worded by
    the table layer for the employees concerned only, still named by the files' data rows
    (the indicator rows counted over the batches, the employee rows kept for the batch) and
    the same as `kj.score` on the whole files."""
    ind, emp = roster["indicators"], roster["employees"]
    weights = ind.column("weight").to_pylist()
    weights[130] = -1.0  # data row 131, in the third batch of 50 rows
    targets = ind.column("target").to_pylist()
    targets[261] = -5.0  # data row 262
    behaviour = emp.column("behaviour").to_pylist()
    behaviour[150] = None  # employee data row 151: no behaviour
    ind = ind.set_column(ind.column_names.index("weight"), "weight", pa.array(weights, pa.float64()))
    ind = ind.set_column(ind.column_names.index("target"), "target", pa.array(targets, pa.float64()))
    emp = emp.set_column(emp.column_names.index("behaviour"), "behaviour", pa.array(behaviour, pa.string()))
    paths = [_write(t, tmp_path / f"{name}.parquet") for name, t in (("ind", ind), ("emp", emp))]
    units = _write(roster["units"], tmp_path / "units.parquet")
    base = ["score", paths[0], "--employees", paths[1], "--units", units, "--rules", KUPANG]
    base += ["--batch-rows", "50", "-o", str(tmp_path / "o.parquet"), "-q"]
    errs = str(tmp_path / "errors.parquet")
    assert main([*base, "--on-error", "collect", "--errors-out", errs]) == 1
    got = pq.read_table(errs).to_pylist()
    rules = kj.datasets.kupang_rules()
    want = kj.score(*paths, units, rules=rules, on_error="collect").errors.to_pylist()
    assert [(e["table"], e["row"], e["field"]) for e in got] == [
        ("indicators", 131, "weight"),
        ("indicators", 262, "target"),
        ("employees", 151, "behaviour"),  # batch by batch: this employee's rows come later
    ]
    key = sorted((e["table"], e["row"], e["message"]) for e in want)
    assert sorted((e["table"], e["row"], e["message"]) for e in got) == key
    out = pq.read_table(str(tmp_path / "o.parquet"))
    assert out.column("ok").to_pylist().count(False) == 3 and out.num_rows == 300
    capsys.readouterr()
    assert main(base) == 3
    with pytest.raises(kj.KinerjaError) as raised:
        kj.score(*paths, units, rules=rules)
    assert str(raised.value).startswith("indicators row 131, ")
    line = str(raised.value).replace("indicators row", f"{paths[0]}: row", 1)
    assert capsys.readouterr().err == f"kinerja score: error: {line}\n"


def test_rows_are_located_in_their_files(roster, tmp_path: Path, capsys) -> None:
    ind_t = roster["indicators"]
    emp_t = roster["employees"]
    beh = emp_t.column("behaviour").to_pylist()
    beh[123] = None  # employee row 123 has no behaviour rating
    emp_t = emp_t.set_column(emp_t.column_names.index("behaviour"), "behaviour", pa.array(beh, pa.string()))
    # one extra employee with no indicator row at all
    extra = {c: [None] for c in emp_t.column_names}
    extra["employee"] = ["199999999999999999"]
    extra["unit"] = [emp_t.column("unit")[0].as_py()]
    emp_t = pa.concat_tables([emp_t, pa.table(extra, schema=emp_t.schema)])
    ind = _write(ind_t, tmp_path / "ind.csv")
    emp = _write(emp_t, tmp_path / "emp.csv")
    units = _write(roster["units"], tmp_path / "units.csv")
    base = ["score", ind, "--employees", emp, "--units", units, "--rules", KUPANG, "--batch-rows", "64"]
    assert main([*base, "-o", str(tmp_path / "o.csv"), "-q"]) == 3
    err = capsys.readouterr().err
    # employee 123 (from 0) is the file's data row 124, the extra one 301
    who = emp_t.column("employee")[123].as_py()
    assert f"emp.csv: row 124, employee `{who}`: missing behaviour" in err
    errs = str(tmp_path / "errors.parquet")
    out = str(tmp_path / "o.parquet")
    assert main([*base, "-o", out, "--on-error", "collect", "--errors-out", errs]) == 1
    e = pq.read_table(errs).to_pylist()
    assert {(x["table"], x["row"]) for x in e} == {("employees", 124), ("employees", 301)}
    res = pq.read_table(out)
    assert res.num_rows == 301  # nobody is dropped: the two are there, without a predicate
    bad = [r for r in res.to_pylist() if not r["ok"]]
    assert sorted(r["employee"] for r in bad) == sorted(
        [emp_t.column("employee")[123].as_py(), "199999999999999999"]
    )
    assert all(r["predicate"] is None for r in bad)
    # the progress bar went to stderr
    assert "rows" in capsys.readouterr().err


@pytest.mark.parametrize("delimiter", [";", "\t"])
def test_a_semicolon_or_tab_export_is_streamed_as_kj_score_reads_it(tmp_path: Path, delimiter: str) -> None:
    """Excel in an Indonesian locale saves CSV with `;` (the decimal comma needs `,`): the
    streamed command line tells the delimiter from the header line, as `kj.score(path)` and
    the server do (it read the whole header as one column: "no `employee` column")."""
    lines = [
        ["NIP", "Target", "Realisasi", "Bobot", "Hasil Kerja", "Perilaku"],
        ["198701012010011001", "100", "97.5", "60", "sesuai", "sesuai"],
        ["", "", "", "", "", ""],  # a row of empty cells, as Excel leaves them: skipped
        ["198701012010011001", "1000", "1200.25", "40", "sesuai", "sesuai"],
        ["198701012010011002", "10", "5", "100", "diatas", "diatas"],
    ]
    path = tmp_path / "skp.csv"
    path.write_text("\ufeff" + "".join(delimiter.join(r) + "\r\n" for r in lines), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["score", str(path), "-o", str(out), "--batch-rows", "2", "-q"]) == 0
    got = pacsv.read_csv(str(out), convert_options=pacsv.ConvertOptions(strings_can_be_null=True)).to_pylist()
    # 0.6 × 97.5 + 0.4 × 120.025 = 106.51 (meets, meets: good); 5 of 10 = 50.00
    assert [(str(r["employee"]), f"{r['weighted_achievement']:.2f}", r["predicate"]) for r in got] == [
        ("198701012010011001", "106.51", "good"),
        ("198701012010011002", "50.00", "very_good"),  # above and above
    ]
    want = kj.score(str(path)).employees.column("weighted_achievement").to_pylist()
    assert want == [Decimal("106.51"), Decimal("50.00")]
    # a problem after the empty row is named at its file row, as kj.score names it
    path.write_text(path.read_text(encoding="utf-8").replace("1000", "0"), encoding="utf-8")
    assert main(["score", str(path), "-o", str(tmp_path / "o2.csv"), "--batch-rows", "2", "-q"]) == 3
    with pytest.raises(kj.KinerjaError, match="^indicators row 3, employee `198701012010011001`: target"):
        kj.score(str(path))


def test_a_refused_file_read_whole_is_named_by_its_file_too(tmp_path: Path, capsys) -> None:
    """With a read option (`--number-format`, `--delimiter`, an .xlsx), the file is read whole
    by the table layer; its first problem names the file as the streamed path does
    (`skp.csv: row 2, …`), not the table (`indicators row 2, …`)."""
    path = tmp_path / "skp.csv"
    path.write_text("employee,target,actual,work_result,behaviour\ne1,5,5,meets,meets\ne2,0,5,meets,meets\n")
    for read in ([], ["--number-format", "plain"], ["--delimiter", ","]):
        assert main(["score", str(path), "-o", str(tmp_path / "o.csv"), "-q", *read]) == 3
        err = capsys.readouterr().err
        assert err.startswith(f"kinerja score: error: {path}: row 2, employee `e2`: target: target is 0"), (
            read,
            err,
        )


def test_a_file_not_in_utf8_is_refused_alike_streamed_and_read_whole(tmp_path: Path, capsys) -> None:
    """The streamed reader refuses text that is not UTF-8 with the whole reader's words: the
    table, the file, the byte offset and the line."""
    ind = tmp_path / "ind.csv"
    ind.write_text("employee,target,actual,work_result,behaviour\ne1,10,9,meets,meets\n")
    emp = tmp_path / "emp.csv"
    emp.write_bytes(b"employee,unit\ne1,Dinas Kesehatan\ne2,Dinas Keuangan \xe9\n")
    bad_ind = tmp_path / "bad.csv"
    bad_ind.write_bytes(ind.read_bytes() + b"\xe9,10,9,meets,meets\n")
    for read in ([], ["--number-format", "auto"]):
        assert main(["score", str(bad_ind), "-o", str(tmp_path / "o.csv"), "-q", *read]) == 3
        err = capsys.readouterr().err
        # the header is 45 bytes, the first row 20: the bad byte is at 65, on line 3
        want = f"indicators table: `{bad_ind}` is not a readable table: the text is not valid UTF-8"
        assert err.startswith(f"kinerja score: error: {want} at byte offset 65 (line 3); "), (read, err)
        assert (
            main(["score", str(ind), "--employees", str(emp), "-o", str(tmp_path / "o.csv"), "-q", *read])
            == 3
        )
        err = capsys.readouterr().err
        want = (
            f"kinerja score: error: employees table: `{emp}` is not a readable table: the text is not valid"
        )
        assert err.startswith(f"{want} UTF-8 at byte offset 51 (line 3); "), (read, err)
    assert not (tmp_path / "o.csv").exists()


def test_a_bad_unit_row_is_one_problem_however_many_batches(tmp_path: Path) -> None:
    """Every batch is scored with the whole unit table, so each found the unit row's problem;
    the errors file has it once, as `kj.score` on the whole files does."""
    ind = tmp_path / "ind.csv"
    ind.write_text("employee,target,actual\n" + "".join(f"e{i},10,9\n" for i in range(6)))
    emp = tmp_path / "emp.csv"
    emp.write_text(
        "employee,unit,work_result,behaviour\n" + "".join(f"e{i},U1,meets,meets\n" for i in range(6))
    )
    units = tmp_path / "units.csv"
    units.write_text("unit,org_predicate\nU1,zz\n")
    errs = tmp_path / "errors.csv"
    args = ["score", str(ind), "--employees", str(emp), "--units", str(units), "-o", str(tmp_path / "o.csv")]
    assert main([*args, "--errors-out", str(errs), "--on-error", "collect", "--batch-rows", "2", "-q"]) == 1
    got = pacsv.read_csv(str(errs)).to_pylist()
    want = kj.score(str(ind), str(emp), str(units), on_error="collect").errors.to_pylist()
    assert [(e["table"], e["row"], e["field"]) for e in got] == [("units", 1, "org_predicate")]
    assert [(e["table"], e["row"], e["field"]) for e in want] == [("units", 1, "org_predicate")]


def test_an_employee_longer_than_a_batch_stays_whole(tmp_path: Path) -> None:
    rows = {
        "employee": ["a"] * 7 + ["b"] * 2,
        "target": [10] * 9,
        "actual": [9, 10, 11, 12, 8, 10, 10, 10, 12],
    }
    emp = {"employee": ["a", "b"], "work_result": ["meets", "above"], "behaviour": ["meets", "meets"]}
    ind = _write(pa.table(rows), tmp_path / "ind.parquet")
    e = _write(pa.table(emp), tmp_path / "emp.parquet")
    out = str(tmp_path / "o.parquet")
    assert main(["score", ind, "--employees", e, "-o", out, "--batch-rows", "3", "-q"]) == 0
    got = pq.read_table(out)
    want = kj.score(pa.table(rows), pa.table(emp)).employees
    assert got.column("weighted_achievement").to_pylist() == want.column("weighted_achievement").to_pylist()
    assert got.column("predicate").to_pylist() == want.column("predicate").to_pylist() == ["good", "good"]


@pytest.mark.parametrize(
    "ids",
    [["a", "b", "a", "c", "c", "b"], ["b", "b", "a", "c", "c", "c"], [3, 1, 3, 2, 2, 1], [3, 3, 1, 2, 2, 2]],
)
def test_a_batch_without_an_employee_table_is_grouped_as_kj_score_groups_it(tmp_path: Path, ids) -> None:
    """Employee columns on the indicator rows, one batch: the command line finds the employees
    `kj.score` finds, whether an employee's rows are together or not, and keeps the ids'
    type."""
    work = {"a": "meets", "b": "above", "c": "below", 3: "meets", 1: "above", 2: "below"}
    rows = {
        "employee": ids,
        "target": [10] * 6,
        "actual": [9, 10, 11, 12, 8, 10],
        "work_result": [work[i] for i in ids],
        "behaviour": ["meets"] * 6,
    }
    ind = _write(pa.table(rows), tmp_path / "ind.parquet")
    out = str(tmp_path / "o.parquet")
    assert main(["score", ind, "-o", out, "-q"]) == 0
    got, want = pq.read_table(out), kj.score(pa.table(rows)).employees
    assert got.column("employee").to_pylist() == want.column("employee").to_pylist()
    assert len(set(got.column("employee").to_pylist())) == got.num_rows == 3
    for name in ("weighted_achievement", "predicate"):
        assert got.column(name).to_pylist() == want.column(name).to_pylist()


_SMAPS_PROBE = """
import os, sys
from kinerja.__main__ import main
args = ["--employees", sys.argv[2], "--units", sys.argv[5], "--rules", sys.argv[4], "-o", sys.argv[3], "-q"]
code = main(["score", sys.argv[1], *args])
with open("/proc/self/smaps") as f:
    advised = sum(1 for line in f if line.startswith("VmFlags:") and " hg" in line)
print(code, os.environ.get("MIMALLOC_ALLOW_THP"), advised)
"""


@pytest.mark.skipif(not Path("/proc/self/smaps").exists(), reason="needs Linux /proc")
def test_command_line_asks_pyarrow_for_no_huge_pages(roster, tmp_path: Path) -> None:
    """The command line's own process turns off mimalloc's huge-page advice (stalls in memory
    compaction), unless the user set it: no memory region advised `hg` after a score."""
    import os
    import subprocess
    import sys

    ind = _write(roster["indicators"], tmp_path / "ind.parquet")
    emp = _write(roster["employees"], tmp_path / "emp.parquet")
    units = _write(roster["units"], tmp_path / "units.csv")

    def probe(env_value: str | None) -> tuple[str, str, int]:
        env = {k: v for k, v in os.environ.items() if k != "MIMALLOC_ALLOW_THP"}
        if env_value is not None:
            env["MIMALLOC_ALLOW_THP"] = env_value
        out = subprocess.run(
            [sys.executable, "-c", _SMAPS_PROBE, ind, emp, str(tmp_path / "out.parquet"), KUPANG, units],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.split()
        return out[0], out[1], int(out[2])

    code, value, advised = probe(None)
    assert (code, value, advised) == ("0", "0", 0)
    code, value, advised_by_user = probe("1")  # the user's choice is kept
    assert (code, value) == ("0", "1")
    # where the kernel offers huge pages, the user's choice shows in the process
    if Path("/sys/kernel/mm/transparent_hugepage/enabled").exists():
        modes = Path("/sys/kernel/mm/transparent_hugepage/enabled").read_text()
        if "[never]" not in modes:
            assert advised_by_user > 0


_PANDAS_PROBE = """
import sys
from kinerja.__main__ import main
code = main(["score", sys.argv[1], "-o", sys.argv[2], "-q"])
print(code, "pandas" in sys.modules)
"""


@pytest.mark.parametrize("suffix", [".parquet", ".csv"])
def test_command_line_scores_without_importing_pandas(tmp_path: Path, suffix: str) -> None:
    """`kinerja score` never needs pandas, and importing it is 0.2 s of the command's start:
    neither the direct path (typed Parquet) nor the table layer (CSV text) loads it."""
    import subprocess
    import sys

    pytest.importorskip("pandas")  # without pandas installed there is nothing to load
    rows = pa.table(
        {
            "employee": ["a", "a", "b"],
            "target": [10, 10, 10],
            "actual": [9, 11, 10],
            "work_result": ["meets", "meets", "above"],
            "behaviour": ["meets", "meets", "meets"],
        }
    )
    ind = _write(rows, tmp_path / f"ind{suffix}")
    out = subprocess.run(
        [sys.executable, "-c", _PANDAS_PROBE, ind, str(tmp_path / f"out{suffix}")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == ["0", "False"]


def test_batches_are_read_ahead_in_order_and_a_reader_error_comes_where_its_batch_would() -> None:
    import threading

    from kinerja.cli_score import _read_ahead

    def reader(fail_at: int | None):
        for i in range(5):
            if i == fail_at:
                raise ValueError(f"malformed block {i}")
            yield i

    assert list(_read_ahead(reader(None))) == [0, 1, 2, 3, 4]
    got = []
    with pytest.raises(ValueError, match="malformed block 3"):
        for b in _read_ahead(reader(3)):
            got.append(b)
    assert got == [0, 1, 2]
    # a consumer that stops early (an error in a batch) stops the thread reading ahead
    ahead = _read_ahead(reader(None))
    assert next(ahead) == 0
    ahead.close()
    assert not any(t.name == "kinerja-read-ahead" for t in threading.enumerate())


def test_a_malformed_csv_block_after_good_ones_is_a_data_error_and_leaves_no_output(
    tmp_path: Path, capsys
) -> None:
    head = "employee,indicator,target,actual,work_result,behaviour\n"
    good = "".join(f"19800000000000{i:04d},i,100,90,meets,meets\n" for i in range(120_000))
    path = tmp_path / "ind.csv"
    path.write_text(head + good + "198000000000099999,i,100\n")
    out = tmp_path / "o.csv"
    assert main(["score", str(path), "-o", str(out), "-q", "--batch-rows", "1000"]) == 3
    assert "malformed" in capsys.readouterr().err
    assert not out.exists() and [p.name for p in tmp_path.iterdir()] == ["ind.csv"]


def test_seen_ids_answer_as_the_id_set() -> None:
    """The command line's ids of the batches so far: ascending batches are only compared with
    the last id before them; the answers are those of the id set alone."""
    from kinerja._kinerja import _IdSet
    from kinerja.cli_score import _SeenIds

    def answers(batches: list[list[str | None]]) -> tuple[list[str | None], list[str | None]]:
        fast, plain = _SeenIds(), _IdSet()
        got = [fast.add_new(pa.array(b, pa.string())) for b in batches]
        want = [plain.add_new(pa.array(b, pa.string())) for b in batches]
        return got, want

    # sorted batches, then one repeating an id of the first: the kept ids go into the set
    got, want = answers([["a", "b"], ["c", "d"], [], ["e"], ["b", "x"]])
    assert got == want == [None, None, None, None, "b"]
    assert fast_path_kept(["a", "b"], ["c"]) == 2
    # a batch starting below the last id, without a repeat; then a repeat of the late batch
    got, want = answers([["b", "c"], ["a"], ["d"], ["a", "z"]])
    assert got == want == [None, None, None, "a"]
    # a batch that does not ascend within itself, a null, an id given twice in one batch
    got, want = answers([["b", "a"], ["c", None], ["d", "d"], ["c"]])
    assert got == want == [None, None, None, "c"]
    # byte order of text: "Z" < "a" < "é"
    got, want = answers([["Z", "a"], ["é"], ["a"]])
    assert got == want == [None, None, "a"]


def fast_path_kept(*batches: list[str]) -> int:
    """How many batches the ascending path kept without an id set."""
    from kinerja.cli_score import _SeenIds

    seen = _SeenIds()
    for b in batches:
        assert seen.add_new(pa.array(b, pa.string())) is None
    assert seen._set is None
    kept = len(seen._kept)
    # the employees of an employee table without indicator rows are looked for in every batch
    found = seen.contains(pa.array([*batches[0], "not added", None], pa.string())).to_pylist()
    assert found == [True] * len(batches[0]) + [False, False]
    return kept


@pytest.mark.parametrize(
    ("name", "extra"), [("o.csv", []), ("o.csv", ["--number-format", "auto"]), ("o.xlsx", [])]
)
def test_errors_out_without_collect_is_a_usage_error(
    tmp_path: Path, capsys, name: str, extra: list[str]
) -> None:
    """``--errors-out`` lists the problems ``--on-error collect`` collects: without it (the
    first problem stops the run) it is refused before anything is read or written, streamed
    or read whole (it wrote an empty problem list)."""
    ind = tmp_path / "ind.csv"
    ind.write_text("employee,target,actual,work_result,behaviour\ne1,100,90,meets,meets\n", encoding="utf-8")
    out, errs = tmp_path / name, tmp_path / "e.csv"
    for on_error in ([], ["--on-error", "raise"]):
        argv = ["score", str(ind), "-o", str(out), "--errors-out", str(errs), "-q", *on_error, *extra]
        assert main(argv) == 2
        [line] = capsys.readouterr().err.splitlines()
        assert line == (
            f"kinerja score: error: --errors-out {errs}: needs --on-error collect (without it the first "
            "problem stops the run and no problem list is written)"
        ), line
        assert not errs.exists() and not out.exists()
    # refused before a missing input is looked at (nothing is read)
    assert main(["score", str(tmp_path / "none.csv"), "-o", str(out), "--errors-out", str(errs), *extra]) == 2
    capsys.readouterr()
    before = kj.error_lang()
    kj.set_error_lang("id")
    try:
        assert main(["score", str(ind), "-o", str(out), "--errors-out", str(errs), *extra]) == 2
    finally:
        kj.set_error_lang(before)  # type: ignore[arg-type]
    line = capsys.readouterr().err.strip()
    assert (
        line.startswith("kinerja score: kesalahan: --errors-out ") and "memerlukan --on-error collect" in line
    )
    argv = [
        "score",
        str(ind),
        "-o",
        str(out),
        "--errors-out",
        str(errs),
        "--on-error",
        "collect",
        "-q",
        *extra,
    ]
    assert main(argv) == 0
    assert errs.read_text(encoding="utf-8").startswith("table,row,")
