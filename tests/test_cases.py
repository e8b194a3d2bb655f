"""The user-writable TOML cases of tests/cases (docs/cases.md) and the `kinerja test` command."""

from __future__ import annotations

import pathlib
import subprocess
import sys

import pytest

from kinerja import testing

CASES = pathlib.Path(__file__).parent / "cases"
FILES = sorted(CASES.glob("*.toml"))


def test_every_case_of_tests_cases_passes() -> None:
    report = testing.run_cases([CASES])
    declared = sum(len(testing.load_cases(f)) for f in FILES)
    assert report.failed == 0, report.text()
    assert len(report.results) == declared
    assert declared >= len(FILES) * 3, (declared, len(FILES))


def test_the_core_worked_examples_are_cases() -> None:
    stems = {f.stem for f in FILES}
    assert {
        "achievement",
        "predicate_matrix",
        "evaluation_6_2022",
        "permenpanrb_8_2021_formulas",
        "pp46_formulas",
        "credit_points",
        "ikm",
        "pkg",
        "distribution",
    } <= stems
    names = " ".join(c["name"] for f in FILES for c in testing.load_cases(f))
    for code in ("TV-01", "TV-03", "TV-07", "TV-08", "TV-10", "TV-16", "TV-17", "TV-21", "TV-34"):
        assert code in names, code


FAILING = """
[[case]]
name = "wrong on purpose"
compute = "achievement"
input = { target = "80", actual = "92", polarity = "higher_is_better" }
expected = { achievement = "113" }

[[case]]
name = "right"
compute = "achievement"
precision = 1
input = { target = "3", actual = "1", polarity = "higher_is_better" }
expected = { achievement = 33.3 }

[[case]]
name = "expected error"
compute = "achievement"
input = { target = "0", actual = "1", polarity = "higher_is_better" }
expected = { error = "indicator" }
"""


def test_a_failure_shows_expected_and_actual(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(FAILING, encoding="utf-8")
    report = testing.run_cases([f])
    assert (report.passed, report.failed) == (2, 1), report.text()
    text = report.text()
    assert "FAIL" in text and "wrong on purpose" in text
    assert "achievement: expected 113, actual 115.00" in text
    assert text.splitlines()[-1] == "2 passed, 1 failed"


def test_precision_rounds_the_actual_value_half_up(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "p.toml"
    f.write_text(
        '[[case]]\nname = "p"\ncompute = "achievement"\nprecision = 0\n'
        'input = { target = "3", actual = "2", polarity = "higher_is_better" }\n'
        "expected = { achievement = 67 }\n",
        encoding="utf-8",
    )
    assert testing.run_cases([f]).failed == 0
    f.write_text(f.read_text().replace("= 67", "= 66"), encoding="utf-8")
    assert testing.run_cases([f]).failed == 1


def test_command_line_exit_status_and_summary(tmp_path: pathlib.Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(FAILING, encoding="utf-8")
    bad = subprocess.run([sys.executable, "-m", "kinerja", "test", str(f)], capture_output=True, text=True)
    assert bad.returncode == 1
    assert "2 passed, 1 failed" in bad.stdout.splitlines()
    good = subprocess.run(
        [sys.executable, "-m", "kinerja", "test", str(CASES / "predicate_matrix.toml")],
        capture_output=True,
        text=True,
    )
    assert good.returncode == 0, good.stdout
    assert good.stdout.splitlines()[-1] == "9 passed, 0 failed"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "no [[case]]"),
        ('[[case]]\ncompute = "nope"\ninput = {}\nexpected = {}\n', "unknown compute"),
        ('[[case]]\ncompute = "predicate"\ninput = {}\n', "missing 'expected'"),
        ('[[case]]\ncompute = "predicate"\ninput = {}\nexpected = {}\ntypo = 1\n', "unknown key"),
    ],
)
def test_a_malformed_file_is_an_error_naming_the_problem(
    tmp_path: pathlib.Path, text: str, message: str
) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(text, encoding="utf-8")
    with pytest.raises(testing.CaseFormatError, match=message.replace("[", r"\[")):
        testing.load_cases(f)
    assert testing.main([str(f)]) == 2
