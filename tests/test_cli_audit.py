"""Command-line defects of the CLI audit, each pinned: rules files read as their text (M3),
bad option values as usage errors (M4), progress ended before an error (M5), `kinerja test`
errors naming their file (M7), one table of file types per direction (M8), options that
would be ignored refused (L4), and counts in the singular for 1 (L5)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import kinerja as kj
from kinerja import cli_report, cli_score
from kinerja.__main__ import main

pa = pytest.importorskip("pyarrow")

ROOT = Path(__file__).resolve().parent.parent
KUPANG = ROOT / "policies" / "kupang-2024.example.toml"
ROWS = "employee,target,actual,work_result,behaviour\ne1,100,90,meets,meets\ne2,100,110,above,meets\n"
USAGE, DATA = 2, 3


@pytest.fixture
def ind(tmp_path: Path) -> Path:
    """Two employees of one indicator row each, with their ratings: scored with exit 0."""
    p = tmp_path / "q.csv"
    p.write_text(ROWS, encoding="utf-8")
    return p


def one_line(err: str, cmd: str = "score") -> str:
    """The one error line of a failed run (stderr holds nothing else but ended progress lines)."""
    lines = [ln for ln in err.splitlines() if ": error: " in ln]
    assert len(lines) == 1, err
    assert lines[0].startswith(f"kinerja {cmd}: error: "), err
    return lines[0].removeprefix(f"kinerja {cmd}: error: ")


def listed(message: str) -> list[str]:
    """The extensions a message lists after `accepted:`."""
    m = re.search(r"accepted: ([^;]*)", message)
    assert m, message
    return re.findall(r"\.[a-z]+", m.group(1))


# --------------------------------------------------------------------------- M3: --rules FILE


def test_a_rules_file_holding_a_path_is_read_as_its_text_not_as_that_file(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rules = tmp_path / "rules.toml"
    rules.write_text(str(KUPANG), encoding="utf-8")  # one line, no `=`: once taken for a path
    out = tmp_path / "o.csv"
    assert main(["score", str(ind), "-o", str(out), "-q", "--rules", str(rules)]) == DATA
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"--rules {rules}: policy"), line
    assert not out.exists()


@pytest.mark.parametrize("text", ["", "  \n\n"])
def test_an_empty_rules_file_is_bad_data_saying_it_is_empty(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    rules = tmp_path / "empty.toml"
    rules.write_text(text, encoding="utf-8")
    assert main(["score", str(ind), "-o", str(tmp_path / "o.csv"), "-q", "--rules", str(rules)]) == DATA
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"--rules {rules}: ") and "is empty" in line, line
    assert "cannot read" not in line


def test_a_rules_file_is_read_as_the_api_reads_it(tmp_path: Path) -> None:
    want = kj.Ruleset.builtin("permenpanrb-6-2022").with_policy(kj.Policy.from_toml(KUPANG))
    assert cli_score.resolve_rules(str(KUPANG)).to_json() == want.to_json()
    assert want.to_json() == kj.datasets.kupang_rules().to_json()
    # the same policy as JSON on one line, and a TOML policy of one line
    js = tmp_path / "kupang.json"
    js.write_text(json.dumps(json.loads(want.policy.to_json())), encoding="utf-8")
    assert "\n" not in js.read_text(encoding="utf-8")
    assert cli_score.resolve_rules(str(js)).to_json() == want.to_json()
    one = tmp_path / "one.toml"
    one.write_text('id = "one-line"', encoding="utf-8")
    assert cli_score.resolve_rules(str(one)).policy.id == "one-line"
    # a ruleset file (regime + policy), also without a final newline
    rs = tmp_path / "ruleset.json"
    rs.write_text(want.to_json().rstrip("\n"), encoding="utf-8")
    assert cli_score.resolve_rules(str(rs)).to_json() == want.to_json()


# ------------------------------------------------------------------ M4: bad option values


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--period", "bogus"),
        ("--encoding", "klingon"),
        ("--delimiter", ";;"),
        ("--delimiter", "é"),
        # characters of numbers and words split cells such as 90.00 or true
        ("--delimiter", "."),
        ("--delimiter", "-"),
        ("--delimiter", "e"),
    ],
)
@pytest.mark.parametrize("cmd", ["score", "report"])
def test_a_bad_option_value_is_a_usage_error_naming_the_option_not_the_file(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, cmd: str
) -> None:
    out = tmp_path / ("o.csv" if cmd == "score" else "o.html")
    assert main([cmd, str(ind), "-o", str(out), "-q", option, value]) == USAGE
    line = one_line(capsys.readouterr().err, cmd)
    assert line.startswith(option), line
    assert str(ind) not in line and "q.csv" not in line
    assert not out.exists()


@pytest.mark.parametrize(
    "option",
    [
        ["--period", "2024"],
        ["--period", "Tahunan 2024"],
        ["--encoding", "windows-1252"],
        ["--encoding", "UTF-8"],
        ["--delimiter", ","],
    ],
)
def test_good_option_values_are_taken(ind: Path, tmp_path: Path, option: list[str]) -> None:
    assert main(["score", str(ind), "-o", str(tmp_path / "o.csv"), "-q", *option]) == 0


def test_a_tab_delimiter_is_taken(tmp_path: Path) -> None:
    tsv = tmp_path / "q.txt"
    tsv.write_text(ROWS.replace(",", "\t"), encoding="utf-8")
    assert main(["score", str(tsv), "-o", str(tmp_path / "o.csv"), "-q", "--delimiter", "tab"]) == 0


# ------------------------------------------------------------ M5: report's progress line


def test_report_ends_its_progress_line_before_an_error(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # no period column and no --period: refused after the progress line was written
    assert main(["report", str(ind), "-o", str(tmp_path / "r.html")]) == DATA
    err = capsys.readouterr().err
    assert "evaluated" in err, err  # the progress line was shown
    for line in err.splitlines():
        assert not ("evaluated" in line and "error" in line), err
    assert err.splitlines()[-1].startswith("kinerja report: error: "), err
    assert "no period" in one_line(err, "report")


# --------------------------------------------------------------------- M7: kinerja test


def test_kinerja_test_names_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nonexist.toml"
    assert main(["test", str(missing)]) == USAGE
    captured = capsys.readouterr()
    line = one_line(captured.err, "test")
    assert line.startswith(f"{missing}: ") and "No such file" in line, line
    assert "Errno" not in line and captured.out == ""


@pytest.mark.parametrize(
    ("text", "where"),
    [("x = [", "at the end of the file"), ('[[case]]\nname = "a"\nx = ]\n', "at line 3, column 5")],
)
def test_kinerja_test_names_the_file_and_line_of_a_toml_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, where: str
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(text, encoding="utf-8")
    assert main(["test", str(bad)]) == USAGE
    line = one_line(capsys.readouterr().err, "test")
    assert line.startswith(f"{bad}: not valid TOML {where}: "), line


def test_kinerja_test_names_a_file_not_in_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "latin.toml"
    bad.write_bytes(b'[[case]]\nname = "caf\xe9"\n')
    assert main(["test", str(bad)]) == USAGE
    line = one_line(capsys.readouterr().err, "test")
    assert line.startswith(f"{bad}: not UTF-8") and "(line 2, byte 20)" in line, line


def test_kinerja_test_refuses_a_folder_without_case_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    empty = tmp_path / "cases"
    empty.mkdir()
    (empty / "notes.txt").write_text("no cases here", encoding="utf-8")
    good = ROOT / "tests" / "cases" / "predicate_matrix.toml"
    for args in ([str(empty)], [str(good), str(empty)]):
        assert main(["test", *args]) == USAGE
        captured = capsys.readouterr()
        assert "no case files" in one_line(captured.err, "test") and str(empty) in captured.err
        assert "passed" not in captured.out
    assert main(["test", str(good)]) == 0


def test_kinerja_test_format_errors_go_to_stderr_as_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "typo.toml"
    bad.write_text('[[case]]\ncompute = "nope"\ninput = {}\nexpected = {}\n', encoding="utf-8")
    assert main(["test", str(bad)]) == USAGE
    captured = capsys.readouterr()
    assert captured.out == ""
    line = one_line(captured.err, "test")
    assert line.startswith(f"{bad}: case 1: unknown compute"), line


# ----------------------------------------------------------------------- M8: file types

OUTPUTS = [".csv", ".txt", ".parquet", ".pq", ".xlsx"]
INPUTS = [".csv", ".tsv", ".txt", ".xlsx", ".xlsm", ".parquet", ".pq"]


def test_one_table_per_direction() -> None:
    assert list(cli_score.OUTPUT_TYPES) == OUTPUTS
    assert list(cli_score.INPUT_TYPES) == INPUTS
    assert set(cli_score._STREAMED) <= set(cli_score.INPUT_TYPES) & set(cli_score.OUTPUT_TYPES)


def test_the_table_layer_reads_exactly_the_input_types(tmp_path: Path) -> None:
    with pytest.raises(kj.KinerjaError) as e:
        kj.score(str(tmp_path / "x.dat"))
    assert listed(str(e.value)) == INPUTS


@pytest.mark.parametrize("ext", [".tsv", ".json", ".xlsm", ".xyz", ""])
@pytest.mark.parametrize("option", ["-o", "--indicators-out", "--units-out", "--errors-out"])
def test_a_refused_output_lists_exactly_the_output_types(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], ext: str, option: str
) -> None:
    out = str(tmp_path / f"x{ext}")
    args = ["score", str(ind), "-q", "--on-error", "collect"]
    args += [option, out] if option == "-o" else ["-o", str(tmp_path / "o.csv"), option, out]
    assert main(args) == USAGE
    line = one_line(capsys.readouterr().err)
    assert line.startswith(f"{option} {out}: unknown file type"), line
    assert listed(line) == OUTPUTS


@pytest.mark.parametrize("ext", OUTPUTS)
def test_every_listed_output_type_is_written(ind: Path, tmp_path: Path, ext: str) -> None:
    out = tmp_path / f"o{ext}"
    assert main(["score", str(ind), "-o", str(out), "-q"]) == 0
    assert out.stat().st_size > 0


@pytest.mark.parametrize("option", ["indicators", "--employees", "--units"])
@pytest.mark.parametrize("cmd", ["score", "report"])
def test_a_refused_input_lists_exactly_the_input_types(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str, cmd: str
) -> None:
    dat = tmp_path / "x.dat"
    dat.write_text(ROWS, encoding="utf-8")
    out = str(tmp_path / ("o.csv" if cmd == "score" else "o.html"))
    args = (
        [cmd, str(dat), "-o", out] if option == "indicators" else [cmd, str(ind), option, str(dat), "-o", out]
    )
    assert main(args) == USAGE
    line = one_line(capsys.readouterr().err, cmd)
    assert line.startswith(f"{option} {dat}: unknown file type `.dat`"), line
    assert listed(line) == INPUTS


def _input(path: Path, rows: str) -> Path:
    """``rows`` (CSV text) written as ``path``'s type."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    from kinerja import _kinerja as native

    kind = cli_score.INPUT_TYPES[path.suffix]
    if kind == "csv":
        path.write_text(rows.replace(",", "\t") if path.suffix == ".tsv" else rows, encoding="utf-8")
        return path
    src = path.with_name(path.stem + "-src.csv")
    src.write_text(rows, encoding="utf-8")
    table = pacsv.read_csv(src, convert_options=pacsv.ConvertOptions(strings_can_be_null=False))
    table = table.cast(pa.schema([(n, pa.string()) for n in table.column_names]))
    if kind == "parquet":
        pq.write_table(table, path)
    else:
        native._write_workbook([("data", table)], str(path.with_suffix(".xlsx")))
        path.with_suffix(".xlsx").rename(path)
    return path


@pytest.mark.parametrize("ext", INPUTS)
def test_every_listed_input_type_is_read_for_every_input(tmp_path: Path, ext: str) -> None:
    import pyarrow.csv as pacsv

    tables = {
        "ind": "employee,target,actual\ne1,100,90\ne2,100,110\n",
        "emp": "employee,unit,work_result,behaviour\ne1,u1,meets,meets\ne2,u1,above,meets\n",
        "units": "unit,org_predicate\nu1,good\n",
    }
    csv = {k: _input(tmp_path / f"{k}-plain.csv", v) for k, v in tables.items()}
    typed = {k: _input(tmp_path / f"{k}{ext}", v) for k, v in tables.items()}

    def predicates(ind: Path, emp: Path, units: Path) -> list[str]:
        out = tmp_path / "o.csv"
        args = ["score", str(ind), "--employees", str(emp), "--units", str(units), "-o", str(out), "-q"]
        assert main(args) == 0, args
        got: list[str] = pacsv.read_csv(out).column("predicate").to_pylist()
        return got

    want = predicates(csv["ind"], csv["emp"], csv["units"])
    assert len(want) == 2
    # this type for every table, and for the employee and unit tables beside a CSV indicator file
    assert predicates(typed["ind"], typed["emp"], typed["units"]) == want
    assert predicates(csv["ind"], typed["emp"], typed["units"]) == want


def test_report_lists_exactly_the_report_types(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(ind), "-o", str(tmp_path / "r.docx")]) == USAGE
    line = one_line(capsys.readouterr().err, "report")
    assert "unknown output type" in line and listed(line) == list(cli_report.REPORT_TYPES)
    assert list(cli_report.REPORT_TYPES) == [".pdf", ".html", ".htm"]
    assert main(["report", str(ind), "--period", "2024", "-q", "-o", str(tmp_path / "r.htm")]) in (0, 3)
    assert "unknown output type" not in capsys.readouterr().err


def test_the_help_lists_the_tables(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["score", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert f"indicator rows ({', '.join(INPUTS)})" in text
    assert f"employee results ({', '.join(OUTPUTS)};" in text


# -------------------------------------------------------------- L4: ignored options refused


@pytest.mark.parametrize("cmd", ["score", "report"])
def test_sheet_without_a_workbook_input_is_a_usage_error(
    ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], cmd: str
) -> None:
    out = tmp_path / ("o.csv" if cmd == "score" else "o.html")
    assert main([cmd, str(ind), "-o", str(out), "-q", "--sheet", "S1"]) == USAGE
    line = one_line(capsys.readouterr().err, cmd)
    assert line.startswith("--sheet S1: ") and "workbook" in line, line
    assert not out.exists()


def test_sheet_with_a_workbook_input_is_taken(ind: Path, tmp_path: Path) -> None:
    book = _input(tmp_path / "emp.xlsx", "employee,work_result,behaviour\ne1,meets,meets\ne2,above,meets\n")
    plain = tmp_path / "ind.csv"
    plain.write_text("employee,target,actual\ne1,100,90\ne2,100,110\n", encoding="utf-8")
    args = ["score", str(plain), "--employees", str(book), "-o", str(tmp_path / "o.csv"), "-q"]
    assert main([*args, "--sheet", "data"]) == 0


# ------------------------------------------------------------------- L5: 1 in the singular


def test_summary_lines_use_the_singular_for_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.csv"
    one.write_text("employee,target,actual,work_result,behaviour\ne1,0,abc,meets,meets\n", encoding="utf-8")
    errs = tmp_path / "e.csv"
    args = ["score", str(one), "-q", "--on-error", "collect", "--errors-out", str(errs)]
    assert main([*args, "-o", str(tmp_path / "o.csv")]) == 1
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.startswith("kinerja score: 1 indicator row, 1 employee, 1 problem, 1 batch → "), line
    assert main([*args, "-o", str(tmp_path / "o.xlsx")]) == 1
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.startswith("kinerja score: 1 employee, 1 problem → "), line


def test_summary_lines_keep_the_plural(ind: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(ind), "-o", str(tmp_path / "o.csv"), "-q"]) == 0
    line = capsys.readouterr().err.splitlines()[-1]
    assert line.startswith("kinerja score: 2 indicator rows, 2 employees, 0 problems, 1 batch → "), line


def test_report_summary_uses_the_singular_for_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "one.csv"
    one.write_text(
        "employee,name,unit,period,target,actual,work_result,behaviour\ne1,A,u1,2024,100,90,meets,meets\n",
        encoding="utf-8",
    )
    assert main(["report", str(one), "--no-units", "-o", str(tmp_path / "r.html")]) == 0
    err = capsys.readouterr().err
    assert "1 / 1 employee evaluated" in err, err
    assert err.splitlines()[-1].startswith("kinerja report: 1 document, 0 employees not evaluated → "), err


# --------------------------------------------------------------------------- L1: a file of no rows


def test_a_file_of_no_rows_gives_every_result_column_streamed_or_read_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    header = tmp_path / "h.csv"
    header.write_text(ROWS.splitlines()[0] + "\n", encoding="utf-8")
    heads = {}
    for how, extra in [("streamed", []), ("whole", ["--number-format", "plain"])]:
        outs = {k: tmp_path / f"{how}-{k}.csv" for k in ("employees", "indicators")}
        argv = [
            "score",
            str(header),
            "-o",
            str(outs["employees"]),
            "--indicators-out",
            str(outs["indicators"]),
        ]
        assert main([*argv, *extra]) == 0
        heads[how] = {k: p.read_text(encoding="utf-8").splitlines()[0] for k, p in outs.items()}
        err = capsys.readouterr().err
        assert err.endswith("\n") and "employeeskinerja" not in err, err
    assert heads["streamed"] == heads["whole"], heads
    assert heads["streamed"]["employees"].split(",")[-2:] == ["ok", "status"]


def test_reading_options_are_checked_before_any_file_is_read(tmp_path: Path) -> None:
    """One check of the delimiter and the encoding (the table layer's), made by every reading
    call before it opens a file: a missing file with a bad option names the option."""
    missing = tmp_path / "none.csv"
    for kwargs, field in [({"encoding": "klingon"}, "encoding"), ({"delimiter": ";;"}, "delimiter")]:
        with pytest.raises(kj.exceptions.InputError) as e:
            kj.score(str(missing), **kwargs)
        assert e.value.field == field, e.value
    kj._kinerja._check_read_options(delimiter="tab", encoding="windows-1252")
    with pytest.raises(kj.exceptions.InputError, match="delimiter"):
        kj._kinerja._check_read_options(delimiter='"')
    for inside_cells in [".", "-", "+", "7", "e"]:
        with pytest.raises(kj.exceptions.InputError, match="can separate cells") as e:
            kj.score(str(missing), delimiter=inside_cells)
        assert e.value.field == "delimiter"


# ------------------------------------------------------------- one check of the scoring options


def test_scoring_options_have_one_native_check(tmp_path: Path) -> None:
    """``on_error`` and ``period`` are checked by the table layer's own parsing
    (``_check_score_options``), before any table is read, with the errors ``kj.score`` gives:
    not by scoring no plans."""
    native = kj._kinerja
    native._check_score_options(on_error="collect", period="2024-Q2")
    native._check_score_options()
    with pytest.raises(kj.exceptions.InputError) as e:
        native._check_score_options(on_error="ignore")
    assert e.value.field == "on_error" and "accepted: raise, collect" in str(e.value)
    with pytest.raises(kj.exceptions.PeriodError, match="2024-Q9"):
        native._check_score_options(period="2024-Q9")
    # in this order: on_error first
    with pytest.raises(kj.exceptions.InputError, match="on_error"):
        native._check_score_options(on_error="x", period="2024-Q9")
    missing = str(tmp_path / "none.csv")
    for kwargs, error in [
        ({"on_error": "ignore"}, kj.exceptions.InputError),
        ({"period": "Q9"}, kj.exceptions.PeriodError),
    ]:
        with pytest.raises(error):
            kj.score(missing, **kwargs)
    calls: list[object] = []
    real = native.evaluate_all
    try:
        native.evaluate_all = lambda *a, **k: calls.append(a) or real(*a, **k)  # type: ignore[assignment]
        with pytest.raises(kj.exceptions.InputError, match="on_error"):
            kj.score(missing, on_error="ignore")
    finally:
        native.evaluate_all = real  # type: ignore[assignment]
    assert calls == []


# --------------------------------------------------------------- duplicate rows name every row


def test_a_duplicate_names_every_row_on_every_surface(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Three employee rows for one NIP: one problem naming the three (file data rows, a blank
    line counted), in the problem table, in the command line's one line, streamed or not."""
    ind = tmp_path / "ind.csv"
    ind.write_text("employee,target,actual\ne1,100,90\ne2,100,110\n", encoding="utf-8")
    emp = tmp_path / "emp.csv"
    emp.write_text(
        "employee,work_result,behaviour\ne1,meets,meets\n\ne2,above,meets\ne1,meets,meets\ne1,meets,meets\n",
        encoding="utf-8",
    )
    named = "duplicate row: employee `e1` appears 3 times (rows 1, 4 and 5); keep one row per employee"
    problems = kj.score(str(ind), str(emp), on_error="collect").errors.to_pylist()
    assert [(p["table"], p["row"], p["message"]) for p in problems] == [("employees", 4, named)]
    for extra in ([], ["--number-format", "auto"]):
        argv = ["score", str(ind), "--employees", str(emp), "-o", str(tmp_path / "o.csv"), "-q", *extra]
        assert main(argv) == DATA
        line = one_line(capsys.readouterr().err)
        assert line == f'{emp}: row 4, column `employee`, value "e1", employee e1: {named}', line
