"""The benchmark scripts of ``benches/`` run (on a tiny table: not a timing) and print what
``benches/README.md`` quotes from them."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

BENCHES = Path(__file__).resolve().parent.parent / "benches"


def run(script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(BENCHES / script), *args],
        cwd=BENCHES,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return done.stdout


def test_calls_prints_every_call_and_the_page_faults() -> None:
    out = run("calls.py", "--employees", "1000", "--calls", "3", "--each", "--label", "tiny")
    each, summary = out.strip().splitlines()
    assert re.fullmatch(r"\d+\.\d\d/\d+\.\d\d( \d+\.\d\d/\d+\.\d\d){2}", each), each
    assert re.fullmatch(
        r"tiny median call \d+\.\d{4} s, fastest \d+\.\d{4} s, "
        r"per call user \d+\.\d{4} s system \d+\.\d{4} s, \d+ page faults",
        summary,
    ), summary


def test_minimal_agrees_with_the_float_pipelines_on_a_small_table() -> None:
    out = run("minimal.py", "--employees", "2000", "--rounds", "1", "--threads", "2")
    row = next(line for line in out.splitlines() if line.startswith("| 2,000 |"))
    # predicates differing (polars, pandas): none on this table
    assert row.rstrip(" |").endswith("0, 0"), row
